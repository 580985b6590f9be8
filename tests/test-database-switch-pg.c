/* test-database-switch-pg.c: another database, or another login, without a new start
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), with a real Secret Service
 * (keyring-test-util.h). The server asks anna.berg and ben.olsen for their passwords.
 *
 * - Apply in Preferences → Database opens the server in place of the file on this computer:
 *   a wrong password leaves the file open and says why; the right one closes the editors
 *   first, then the window shows the server and who is logged in.
 * - Log In as Another Clinician (only on a server) reopens it as another login, on the server
 *   Preferences chose and on one `vastus --db` named alike.
 * - A start while the server is stopped says it is unreachable and that Vastus is retrying,
 *   and opens by itself once the server is started again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <sys/wait.h>

#include "keyring-test-util.h"
#include "pg-login-test-util.h"
#include "window-test-util.h"
#include "vastus-connection-preferences.h"
#include "vastus-database.h"
#include "vastus-preferences-window.h"
#include "vastus-recovery-page.h"

/* The header's subtitles, worked out from the test's own logins: where the data lives (the
 * server's local socket, database "postgres"), then the full name and the login. */
#define ANNA_HEADER "Clinic server on this computer, postgres · Anna Berg (anna.berg)"
#define BEN_HEADER "Clinic server on this computer, postgres · Ben Olsen (ben.olsen)"

static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 until = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!done (data) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
is_open (gpointer clinic)
{
  return vastus_clinic_is_open (clinic);
}

static gboolean
not_busy (gpointer page)
{
  return !vastus_connection_preferences_is_busy (page);
}

/* The application's clinic is another than @data. */
static gboolean
switched (gpointer data)
{
  VastusClinic **clinics = data;   /* the old one, then the application's */

  return clinics[1] != clinics[0] && vastus_clinic_is_open (clinics[1]);
}

/* The application's clinic once it is another than the test's, and open. */
static VastusClinic *
wait_for_switch (VastusApplication *app)
{
  gint64 until = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  VastusClinic *clinics[2] = { test_clinic, test_clinic };

  while (!switched (clinics) && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, TRUE);
      clinics[1] = vastus_application_get_clinic (app);
    }
  g_assert_true (switched (clinics));
  return clinics[1];
}

static VastusWindow *
main_window (VastusApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (VASTUS_IS_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

static const char *
header (VastusWindow *window)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (ui_find_widget (GTK_WIDGET (window),
                                                                          ADW_TYPE_WINDOW_TITLE,
                                                                          NULL)));
}

static void
set_row (VastusConnectionPreferences *page,
         const char                  *name,
         const char                  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (vastus_connection_preferences_get_widget (page, name)),
                         text);
}

static const char *
status (VastusConnectionPreferences *page)
{
  return gtk_label_get_text (GTK_LABEL (vastus_connection_preferences_get_widget (page, "status")));
}

static gboolean
editor_close_cb (GtkWindow *editor,
                 int       *asked)
{
  (*asked)++;
  return FALSE;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer data)
{
  *(int *) data = status;
  g_spawn_close_pid (pid);
}

/* build-aux/pg-test-server COMMAND on the test's server, the main loop running meanwhile. */
static void
server (const char *command)
{
  const char *argv[] = { PG_TEST_SERVER, command, g_getenv ("VASTUS_TEST_PG_DIR"), NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
test_apply_in_place (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *uri = g_getenv ("VASTUS_TEST_PG");
  g_autofree char *socket = g_build_filename (g_getenv ("VASTUS_TEST_PG_DIR"), "socket", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusApplication) app = NULL;
  VastusConnectionPreferences *page;
  VastusClinic *opened;
  GtkWidget *preferences;
  GtkWidget *editor;
  VastusWindow *window;
  int asked = 0;

  g_assert_true (vastus_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_server_add_user (uri, "anna.berg", "Anna Berg",
                                                  "correct horse", &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_server_add_user (uri, "ben.olsen", "Ben Olsen",
                                                  "battery staple", &error));
  g_assert_no_error (error);
  pg_login_require_password ("anna.berg");
  pg_login_require_password ("ben.olsen");

  /* A file on this computer, open, with an editor over it. */
  app = new_registered_application (fixture->db_path);
  window = vastus_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_open, test_clinic);
  iterate_until_idle ();
  g_assert_cmpstr (header (window), ==, "This computer");
  /* No login to change on a file: the menu item is hidden with its action. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "log-in-as"));
  editor = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (editor), GTK_APPLICATION (app));
  g_signal_connect (editor, "close-request", G_CALLBACK (editor_close_cb), &asked);
  gtk_window_present (GTK_WINDOW (editor));

  preferences = vastus_preferences_window_new (GTK_WINDOW (window), test_clinic);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  page = VASTUS_CONNECTION_PREFERENCES (
    vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (preferences), "database"));
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_connection_preferences_get_widget (page, "server")),
                               TRUE);
  set_row (page, "host", socket);
  set_row (page, "port", "5432");
  set_row (page, "database", "postgres");
  set_row (page, "user", "anna.berg");

  /* A wrong password: the file stays open, its editor too, and the page says why. */
  set_row (page, "password", "wrong horse");
  g_signal_emit_by_name (vastus_connection_preferences_get_widget (page, "apply"), "clicked");
  wait_for (not_busy, page);
  g_assert_nonnull (strstr (status (page), "The database in use stays open, and nothing was saved"));
  g_assert_nonnull (strstr (status (page), "password authentication failed"));
  g_assert_true (vastus_application_get_clinic (app) == test_clinic);
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_cmpint (asked, ==, 0);
  ui_assert_setting (settings, "database-kind", "unset");

  /* The right one: the editor is asked to close, then the server is the window's. */
  set_row (page, "password", "correct horse");
  g_signal_emit_by_name (vastus_connection_preferences_get_widget (page, "apply"), "clicked");
  opened = wait_for_switch (app);
  if (preferences != NULL)
    g_test_message ("Apply: %s", status (page));
  iterate_until_idle ();
  g_assert_cmpint (asked, ==, 1);
  g_assert_null (preferences);
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_true (vastus_clinic_is_server (opened));
  window = main_window (app);
  clinic_test_wait (opened);
  ui_iterate ();
  g_assert_cmpstr (header (window), ==, ANNA_HEADER);
  ui_assert_setting (settings, "database-kind", "server");
  ui_assert_setting (settings, "server-user", "anna.berg");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "log-in-as"));

  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (opened);
  iterate_until_idle ();
}

static AdwMessageDialog *
login_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_assert_not_reached ();
}

static void
log_in (VastusWindow      *window,
        const char        *login,
        const char        *password)
{
  AdwMessageDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "log-in-as", NULL);
  ui_iterate ();
  dialog = login_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "log-in"));
  gtk_editable_set_text (GTK_EDITABLE (ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                       "login")), login);
  gtk_editable_set_text (GTK_EDITABLE (ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                       "password")), password);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "log-in"));
  ui_screenshots (GTK_WINDOW (dialog), "log-in-as", 420);
  adw_message_dialog_response (dialog, "log-in");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
has_label (gpointer window)
{
  return ui_find_label (window, "Not logged in as another clinician");
}

static void
test_log_in_as (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VastusApplication) app = new_registered_application (NULL);
  VastusClinic *opened;
  VastusWindow *window = vastus_window_new (app);

  /* The settings the test above saved: anna.berg's server, her password in the keyring. */
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_open, test_clinic);
  iterate_until_idle ();
  g_assert_cmpstr (header (window), ==, ANNA_HEADER);

  /* A wrong password: she stays logged in, and the window says why. */
  log_in (window, "ben.olsen", "wrong staple");
  wait_for (has_label, window);
  g_assert_true (vastus_application_get_clinic (app) == test_clinic);
  g_assert_true (vastus_clinic_is_open (test_clinic));
  ui_assert_setting (settings, "server-user", "anna.berg");

  log_in (window, "ben.olsen", "battery staple");
  opened = wait_for_switch (app);
  {
    g_autofree char *login = vastus_clinic_dup_login (opened, NULL);

    g_assert_cmpstr (login, ==, "ben.olsen");
  }
  iterate_until_idle ();
  clinic_test_wait (opened);
  ui_iterate ();
  window = main_window (app);
  g_assert_cmpstr (header (window), ==, BEN_HEADER);
  ui_assert_setting (settings, "server-user", "ben.olsen");

  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (opened);
  iterate_until_idle ();
}

/* A window started with `vastus --db URI` (the test server's own superuser): Log In as Another
 * Clinician is there too, and logs in to that server, the same host and database, as the
 * login typed; the settings (ben.olsen's server since the test above) are left alone. */
static void
test_log_in_as_command_line (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *uri = g_getenv ("VASTUS_TEST_PG");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VastusApplication) app = new_registered_application (uri);
  g_autofree char *login = NULL;
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *socket = g_build_filename (g_getenv ("VASTUS_TEST_PG_DIR"), "socket", NULL);
  VastusClinic *opened;
  VastusWindow *window = vastus_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_open, test_clinic);
  iterate_until_idle ();
  g_assert_false (vastus_application_is_settings_server (app));
  login = vastus_clinic_dup_login (test_clinic, NULL);
  g_assert_cmpstr (login, ==, "postgres");
  g_clear_pointer (&login, g_free);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "log-in-as"));

  /* A login the server does not have: it refuses, the window says why. (Not a wrong password
   * of ben.olsen's: what is typed is kept in the keyring, and the test below opens his.) */
  log_in (window, "nobody.here", "no such login");
  wait_for (has_label, window);
  g_assert_true (vastus_application_get_clinic (app) == test_clinic);
  g_assert_true (vastus_clinic_is_open (test_clinic));

  /* None typed: the keyring's, which Preferences kept for anna.berg on this very server
   * (its socket, port 5432, database postgres: the attributes the --db address has too). */
  log_in (window, "anna.berg", "");
  opened = wait_for_switch (app);
  login = vastus_clinic_dup_login (opened, NULL);
  g_assert_cmpstr (login, ==, "anna.berg");
  g_assert_true (vastus_database_server_parts (vastus_clinic_get_path (opened), &host, &dbname));
  g_assert_cmpstr (host, ==, socket);
  g_assert_cmpstr (dbname, ==, "postgres");
  iterate_until_idle ();
  clinic_test_wait (opened);
  ui_iterate ();
  /* Still the command line's server, not the settings': those stay as they were. */
  g_assert_false (vastus_application_is_settings_server (app));
  ui_assert_setting (settings, "server-user", "ben.olsen");
  window = main_window (app);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "log-in-as"));

  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (opened);
  iterate_until_idle ();
}

static gboolean
unreachable_shown (gpointer window)
{
  GtkWidget *page = gtk_stack_get_visible_child (template_child (window, VASTUS_TYPE_WINDOW,
                                                                 "stack"));

  return VASTUS_IS_RECOVERY_PAGE (page)
         && vastus_recovery_page_is_unreachable (VASTUS_RECOVERY_PAGE (page));
}

static void
test_unreachable_at_start (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VastusApplication) app = NULL;
  VastusRecoveryPage *page;
  VastusWindow *window;

  /* The settings are on ben.olsen's server (the test above); it died (SIGKILL). */
  server ("kill");
  app = new_registered_application (NULL);
  window = vastus_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (unreachable_shown, window);
  page = VASTUS_RECOVERY_PAGE (gtk_stack_get_visible_child (template_child (window,
                                                                            VASTUS_TYPE_WINDOW,
                                                                            "stack")));
  g_assert_cmpstr (vastus_recovery_page_get_title (page), ==, "Cannot Reach the Clinic Server");
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (page),
                            "Clinic server on this computer, postgres does not answer"));
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (page), "Vastus is retrying"));
  g_assert_true (gtk_widget_get_visible (ui_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON,
                                                         "_Choose Another Database…")));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "choose-database"));
  g_assert_false (vastus_clinic_is_open (test_clinic));
  /* Who is entering is the login, not a name picked: there is none to pick meanwhile. */
  g_assert_false (gtk_widget_get_visible (template_child (window, VASTUS_TYPE_WINDOW,
                                                          "clinician_picker")));
  ui_screenshots (GTK_WINDOW (window), "server-unreachable", 700);

  /* Back: nobody clicks anything, the window opens by itself, as ben.olsen. */
  server ("restart");
  wait_for (is_open, test_clinic);
  iterate_until_idle ();
  g_assert_false (unreachable_shown (window));
  g_assert_cmpstr (header (window), ==, BEN_HEADER);

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
  g_test_add ("/switch-pg/apply-in-place", Fixture, NULL, fixture_setup, test_apply_in_place,
              fixture_teardown);
  g_test_add ("/switch-pg/log-in-as", Fixture, NULL, fixture_setup, test_log_in_as,
              fixture_teardown);
  g_test_add ("/switch-pg/log-in-as-command-line", Fixture, NULL, fixture_setup,
              test_log_in_as_command_line, fixture_teardown);
  g_test_add ("/switch-pg/unreachable-at-start", Fixture, NULL, fixture_setup,
              test_unreachable_at_start, fixture_teardown);
  status = g_test_run ();
  keyring_test_down ();
  return status;
}
