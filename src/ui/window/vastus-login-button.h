/* vastus-login-button.h: where the data lives and who is logged in, for a narrow header bar
 *
 * On a clinic server the wide window's header names the server and the login in its subtitle;
 * a narrow one (360 px) has no room for a title. This button stands in for it: the login beside
 * a server icon, its accessible name and tooltip saying both, and a popover naming the server
 * (with its address), the clinician logged in, and "Log In as Another Clinician…"
 * (win.log-in-as). On a file, or before the server's clinic opened, it has nothing to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_LOGIN_BUTTON (vastus_login_button_get_type ())
G_DECLARE_FINAL_TYPE (VastusLoginButton, vastus_login_button, VASTUS, LOGIN_BUTTON, AdwBin)

/* Reads where @clinic's data lives and who is logged in; FALSE (nothing to show) on a file or
 * before it opened. */
gboolean    vastus_login_button_update      (VastusLoginButton *self,
                                             VastusClinic      *clinic);
/* Where and who on one line ("Clinic server on this computer · postgres"), the wide header's
 * subtitle; NULL when there is nothing to show. */
const char *vastus_login_button_get_summary (VastusLoginButton *self);
/* The menu button (its popover, its accessible name), for the tests. */
GtkMenuButton *vastus_login_button_get_button (VastusLoginButton *self);

G_END_DECLS
