/* vastus-connection-preferences.h: the Database page of the preferences
 *
 * Where the data lives: this computer (the SQLite file) or a clinic server (host, port,
 * database, login, password, CA certificate). Test Connection tries the server on a thread of
 * its own and says what it found; Apply saves the choice (the settings "database-kind" and
 * server-*, the password in the keyring, never in the settings), refusing, with the field
 * named, an address that cannot be used: nothing is saved then. The choice takes effect at
 * the next start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_CONNECTION_PREFERENCES (vastus_connection_preferences_get_type ())
G_DECLARE_FINAL_TYPE (VastusConnectionPreferences, vastus_connection_preferences, VASTUS,
                      CONNECTION_PREFERENCES, AdwPreferencesPage)

/* @settings: the application's (NULL: the schema is not installed; nothing can be saved). */
GtkWidget  *vastus_connection_preferences_new        (GSettings                 *settings);
/* For tests: "local", "server" (the check buttons), "host", "port", "database", "user",
 * "password" (the entry rows), "ca" (its row), "test", "apply" (the buttons), "status" (the
 * label saying what Test Connection or Apply found). */
GtkWidget  *vastus_connection_preferences_get_widget (VastusConnectionPreferences *self,
                                                    const char                *name);
/* Sets the CA certificate's path as choosing a file does. */
void        vastus_connection_preferences_set_ca_file (VastusConnectionPreferences *self,
                                                     const char                *path);
/* Whether Test Connection or Apply is still at work (the property "busy"). */
gboolean    vastus_connection_preferences_is_busy    (VastusConnectionPreferences *self);

G_END_DECLS
