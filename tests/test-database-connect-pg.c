/* test-database-connect-pg.c: a workstation set up for the clinic server in Preferences
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), with a real Secret Service
 * (keyring-test-util.h). The server asks the login anna.berg for her password. Preferences →
 * Database is filled in as a person would, Test Connection names her, Apply keeps the password
 * in the keyring; a new start (an application without --db) opens the server from the settings
 * with the password from the keyring, as her. With the keyring's entry gone, the server refuses;
 * with the keyring unreadable, the window says so too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "keyring-test-util.h"
#include "pg-login-test-util.h"
#include "window-test-util.h"
#include "vastus-database.h"
#include "vastus-connection-preferences.h"
#include "vastus-keyring.h"
#include "vastus-preferences-window.h"
#include "vastus-settings.h"

static void
click (VastusConnectionPreferences *page,
       const char                *name)
{
  gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  g_signal_emit_by_name (vastus_connection_preferences_get_widget (page, name), "clicked");
  while (vastus_connection_preferences_is_busy (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (vastus_connection_preferences_is_busy (page));
}

static const char *
status (VastusConnectionPreferences *page)
{
  return gtk_label_get_text (GTK_LABEL (vastus_connection_preferences_get_widget (page, "status")));
}

/* A start without --db: the window of a new application, once its database opened or the
 * window says why not (@reason). */
static VastusWindow *
start (const char *reason)
{
  VastusApplication *app = new_registered_application (NULL);
  VastusWindow *window = vastus_window_new (app);
  gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  g_object_unref (app);
  gtk_window_present (GTK_WINDOW (window));
  while (!vastus_clinic_is_open (test_clinic)
         && !ui_find_label (GTK_WIDGET (window), reason)
         && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  return window;
}

static void
test_preferences_then_start (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *server = g_getenv ("VASTUS_TEST_PG");
  g_autofree char *socket = g_build_filename (g_getenv ("VASTUS_TEST_PG_DIR"), "socket", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  VastusConnectionPreferences *page;
  GtkWidget *preferences;
  VastusWindow *window;

  g_assert_nonnull (server);
  g_assert_true (vastus_database_server_init (server, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_server_add_user (server, "anna.berg", "Anna Berg",
                                                  "correct horse", &error));
  g_assert_no_error (error);
  pg_login_require_password ("anna.berg");

  /* Preferences → Database, as a person fills it in. */
  preferences = vastus_preferences_window_new (NULL, NULL);
  page = VASTUS_CONNECTION_PREFERENCES (
    vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (preferences), "database"));
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_connection_preferences_get_widget (page, "server")),
                               TRUE);
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "host")), socket);
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "port")), "5432");
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "database")),
                         "postgres");
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "user")),
                         "anna.berg");
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "password")),
                         "wrong horse");
  click (page, "test");
  g_assert_nonnull (strstr (status (page), "password authentication failed"));
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, "password")),
                         "correct horse");
  click (page, "test");
  g_assert_cmpstr (status (page), ==, "Connected as Anna Berg (anna.berg). The clinic’s database is ready.");
  click (page, "apply");
  g_assert_cmpstr (status (page), ==, "Saved. Vastus opens the clinic server the next time it starts.");
  gtk_window_destroy (GTK_WINDOW (preferences));
  ui_iterate ();

  /* The next start: the server from the settings, the password from the keyring, as her. */
  window = start ("password");
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_true (vastus_clinic_is_server (test_clinic));
  {
    g_autofree char *full_name = NULL;
    g_autofree char *login = vastus_clinic_dup_login (test_clinic, &full_name);

    g_assert_cmpstr (login, ==, "anna.berg");
    g_assert_cmpstr (full_name, ==, "Anna Berg");
  }
  /* The address is the one built from the fields; no password in it. */
  g_assert_null (strstr (vastus_clinic_get_path (test_clinic), "horse"));
  ui_assert_setting (settings, "database-kind", "server");
  /* The header: where the data lives and who is logged in, with her full name. */
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (ui_find_widget (GTK_WIDGET (window),
                                                                                    ADW_TYPE_WINDOW_TITLE,
                                                                                    NULL))),
                   ==, "Clinic server on this computer, postgres · Anna Berg (anna.berg)");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_keyring_clear_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_keyring_emptied (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VastusServerAddress address;
  g_auto(GStrv) strings = vastus_settings_get_server_address (settings, &address);
  gboolean done = FALSE;
  VastusWindow *window;

  /* Run after the test above, which saved the settings. */
  g_assert_cmpstr (address.user, ==, "anna.berg");
  vastus_keyring_clear_async (&address, NULL, cleared_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* libpq's own message: it had no password to give. */
  window = start ("no password supplied");
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_true (ui_find_label (GTK_WIDGET (window), "no password supplied"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
activated_cb (GApplication *app,
              char        **path)
{
  /* What the window would open; no window. */
  *path = g_strdup (vastus_application_get_database_path (VASTUS_APPLICATION (app)));
  g_assert_false (vastus_application_is_settings_server (VASTUS_APPLICATION (app)));
  g_assert_cmpstr (vastus_clinic_get_path (vastus_application_get_clinic (VASTUS_APPLICATION (app))),
                   ==, *path);
  g_signal_stop_emission_by_name (app, "activate");
}

/* `vastus --db URI` opens that server as `vastus-cli --db URI` does, whatever Preferences chose
 * (the test above left the settings on anna.berg's server). */
static void
test_command_line_uri (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *uri = g_getenv ("VASTUS_TEST_PG");
  g_autoptr(VastusApplication) app = vastus_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  char *argv[] = { (char *) "vastus", (char *) "--db", (char *) uri, NULL };
  g_autofree char *path = NULL;

  ui_assert_setting (settings, "database-kind", "server");
  g_signal_connect (app, "activate", G_CALLBACK (activated_cb), &path);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_cmpstr (path, ==, uri);
  vastus_clinic_close (vastus_application_get_clinic (app));
}

/* The keyring cannot be read (its daemon stopped, say): the window says so, and where to enter
 * the password instead, and still opens the server without one (which refuses anna.berg). */
static void
test_keyring_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VastusWindow *window;
  GtkWidget *button;

  ui_assert_setting (settings, "database-kind", "server");
  keyring_test_kill_daemon ();
  window = start ("no password supplied");
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_true (ui_find_label (GTK_WIDGET (window),
                                "The clinic server’s password could not be read from the keyring: "));
  g_assert_true (ui_find_label (GTK_WIDGET (window),
                                "Unlock the keyring (or start it), or enter the password in "
                                "Preferences → Database."));
  /* Its button opens Preferences → Database. */
  button = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Enter Password…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.choose-database");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "choose-database"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  keyring_test_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/connect-pg/preferences-then-start", Fixture, NULL, fixture_setup,
              test_preferences_then_start, fixture_teardown);
  g_test_add ("/connect-pg/keyring-emptied", Fixture, NULL, fixture_setup, test_keyring_emptied,
              fixture_teardown);
  g_test_add ("/connect-pg/command-line-uri", Fixture, NULL, fixture_setup, test_command_line_uri,
              fixture_teardown);
  /* Last: it stops the keyring. */
  g_test_add ("/connect-pg/keyring-unreadable", Fixture, NULL, fixture_setup,
              test_keyring_unreadable, fixture_teardown);
  status = g_test_run ();
  keyring_test_down ();
  return status;
}
