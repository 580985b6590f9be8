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
/* Whether a database is named (--db, $VASTUS_DB) or chosen in Preferences (without the settings
 * schema, as chosen: the file on this computer). Asks nothing of the disk. */
gboolean           vastus_application_is_database_chosen (VastusApplication *self);
/* Whether this is the first start: nothing chosen (above), and no file on this computer yet. The
 * window then offers both, this computer and a clinic server. Whether the file is there is asked
 * of the disk off the main thread, with the clinic's deadline (vastus_clinic_check_exists_async:
 * a home folder on a network share may hang). finish: TRUE for the first start; FALSE when a
 * database is chosen or the file is there; FALSE with @error when the file's folder did not
 * answer by the deadline (VASTUS_CLINIC_ERROR_NO_ANSWER, naming it), or when cancelled. */
void               vastus_application_check_first_run_async  (VastusApplication   *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           vastus_application_check_first_run_finish (VastusApplication   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
/* Whether the clinic is the server Preferences chose (not a file, nor --db). */
gboolean           vastus_application_is_settings_server (VastusApplication *self);
/* Before the clinic opens: on the server Preferences chose, its login's password from the
 * keyring, given to the clinic's connections (none kept: libpq's own places). At once on a
 * file or --db. FALSE with the keyring's reason when it could not be read: the clinic is left
 * without a password (libpq's own places) all the same, and the caller says so. */
void               vastus_application_unlock_async      (VastusApplication   *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           vastus_application_unlock_finish     (VastusApplication   *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* app.quit (Ctrl+Q, the desktop's Quit): closes the windows, the editors first, each through its
 * close request, one at a time: a visit with unsaved values asks "Save the visit?" and is
 * waited for; if it stays open (Cancel) nothing more closes. Then the main windows, and quits.
 * While the clinic server does not answer, every window goes at once instead, the editors
 * without asking (what was typed stays in its draft, on this computer when the server does not
 * take it), and the server keeps the process 2 s at most (vastus_clinic_servers_quitting). */
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
/* Log In as Another Clinician: the server the clinic is on (the one Preferences chose, or
 * the one `--db` or $VASTUS_DB named) reopened as @uri, the same server with another login,
 * with the password the keyring keeps for @address, as vastus_application_switch_async does;
 * it stays the settings' server, or the command line's. Finished by
 * vastus_application_switch_finish. */
void               vastus_application_log_in_as_async   (VastusApplication         *self,
                                                         const char                *uri,
                                                         const VastusServerAddress *address,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
gboolean           vastus_application_switch_finish     (VastusApplication         *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS
