/* vastus-login-dialog.h: logging in to the clinic server as another clinician
 *
 * On a clinic server, who is entering is the server login: switching clinician is logging in
 * again. The dialog asks a login and its password; Log In keeps the password in the keyring
 * under that login (as Preferences → Database does), then reopens the server as that login in
 * place of the open one (vastus_application_switch_async: the editors close first, each through
 * its question). This works the same on the server Preferences chose and on one `vastus --db`
 * or $VASTUS_DB named. Once it opened, on the former the login is the one in the settings; if it
 * did not, the open one stays and a notice on @parent says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-application.h"

G_BEGIN_DECLS

/* Presented by the caller. Its rows are named "login" and "password"; the response "log-in"
 * logs in. @settings: the application's (NULL without the schema); @toasts: where a failure is
 * said. */
AdwMessageDialog *vastus_login_dialog_new (GtkWindow         *parent,
                                           VastusApplication *application,
                                           GSettings         *settings,
                                           AdwToastOverlay   *toasts);

G_END_DECLS
