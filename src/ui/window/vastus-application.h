/* vastus-application.h: the application: command-line options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-clinic-server.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_APPLICATION (vastus_application_get_type ())
G_DECLARE_FINAL_TYPE (VastusApplication, vastus_application, VASTUS, APPLICATION, AdwApplication)

VastusApplication *vastus_application_new               (void);
/* The database the windows open; NULL (the default) for vastus_clinic_default_path (). Set it
 * before the clinic is made. */
const char        *vastus_application_get_database_path (VastusApplication *self);
void               vastus_application_set_database_path (VastusApplication *self,
                                                         const char        *path);
/* The clinic of that database, made when first asked for; the windows open it. Without a path
 * (and without $VASTUS_DB), the database Preferences chose: the clinic server of the
 * server-* settings when "database-kind" is "server", else the file on this computer. On
 * shutdown the application lets its queued writes finish and closes it. */
VastusClinic      *vastus_application_get_clinic        (VastusApplication *self);
/* The first start: no database named (--db, $VASTUS_DB), none chosen in Preferences, and no file
 * on this computer yet. The window then offers both, this computer and a clinic server. */
gboolean           vastus_application_is_first_run       (VastusApplication *self);
/* Whether the clinic is the server Preferences chose (not a file, nor --db). */
gboolean           vastus_application_is_settings_server (VastusApplication *self);
/* Before the clinic opens: on the server Preferences chose, its login's password from the
 * keyring, given to the clinic's connections (none kept: libpq's own places). At once on a
 * file or --db. Never fails: a keyring that cannot be read is said by the server's refusal. */
void               vastus_application_unlock_async      (VastusApplication   *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void               vastus_application_unlock_finish     (VastusApplication   *self,
                                                         GAsyncResult        *result);
/* app.quit (Ctrl+Q, the desktop's Quit): closes the windows, the editors first, each through its
 * close request, one at a time: a visit with unsaved values asks "Save the visit?" and is
 * waited for; if it stays open (Cancel) nothing more closes. Then the main windows, and quits. */
void               vastus_application_quit              (VastusApplication *self);
/* For a main window's close request: TRUE when it must stay for now, because editors are open
 * (they are closed as on quitting, and @window again once they all went). */
gboolean           vastus_application_close_editors_first (VastusApplication *self,
                                                           GtkWindow         *window);

/* Another database in place of the clinic's, without a new start: @path opens on a clinic of
 * its own (off the main thread; on a server, with the password the keyring keeps for @address,
 * NULL for a file); once it opened, the editors close as on quitting (each through its close
 * request, all but @spare), then every main window is replaced by one on it and the old clinic
 * closes. On failure (it did not open, or an editor stayed open) the old one stays, and the
 * error says why. */
void               vastus_application_switch_async      (VastusApplication         *self,
                                                         const char                *path,
                                                         const VastusServerAddress *address,
                                                         GtkWindow                 *spare,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
gboolean           vastus_application_switch_finish     (VastusApplication         *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS
