/* test-first-run.c: the first start offers this computer and a clinic server (suite 'ui')
 *
 * No --db, no $VASTUS_DB, nothing chosen in Preferences and no file yet: the window asks where
 * the records live and makes nothing meanwhile. "Use This Computer" makes the file and opens it;
 * "Connect to a Clinic Server…" opens Preferences at the Database page. Once a file exists, a
 * start without a choice opens it as before (a workstation used before this choice existed).
 * This program's data folder is a temporary one of its own (XDG_DATA_HOME, set in main).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "window-test-util.h"
#include "vastus-preferences-window.h"

static char *data_home;

static VastusWindow *
start (void)
{
  VastusApplication *app = new_registered_application (NULL);
  VastusWindow *window = vastus_window_new (app);

  g_object_unref (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  iterate_until_idle ();
  return window;
}

static char *
default_file (void)
{
  return g_build_filename (data_home, APP_ID, "vastus.db", NULL);
}

static void
reset (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *file = default_file ();

  g_settings_reset (settings, "database-kind");
  g_remove (file);
}

static void
test_server_chosen (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *file = default_file ();
  VastusWindow *window;
  GtkWindow *preferences;
  GtkWidget *page;

  reset ();
  window = start ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "first-run");
  g_assert_true (gtk_widget_get_mapped (child (window, "first_run_local_button")));
  g_assert_true (gtk_widget_get_mapped (child (window, "first_run_server_button")));
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  /* Nothing to add to, nothing to look up. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-patient"));

  g_signal_emit_by_name (child (window, "first_run_server_button"), "clicked");
  iterate_until_idle ();
  preferences = find_toplevel (VASTUS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  page = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (preferences), "database");
  g_assert_true (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences))
                 == ADW_PREFERENCES_PAGE (page));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
test_local_chosen (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *file = default_file ();
  VastusWindow *window;
  gint64 until;

  reset ();
  window = start ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "first-run");
  g_signal_emit_by_name (child (window, "first_run_local_button"), "clicked");
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!vastus_clinic_is_open (test_clinic) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_cmpstr (vastus_clinic_get_path (test_clinic), ==, file);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  ui_assert_setting (settings, "database-kind", "local");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* Run after the test above: the file is there, the choice forgotten. */
static void
test_file_there (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *file = default_file ();
  VastusWindow *window;
  gint64 until;

  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_settings_reset (settings, "database-kind");
  window = start ();
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!vastus_clinic_is_open (test_clinic) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), !=, "first-run");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything asks for the data folder (GLib reads it once). */
  data_home = g_dir_make_tmp ("vastus-test-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv ("VASTUS_DB");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/first-run/server", Fixture, NULL, fixture_setup, test_server_chosen,
              fixture_teardown);
  g_test_add ("/first-run/local", Fixture, NULL, fixture_setup, test_local_chosen,
              fixture_teardown);
  g_test_add ("/first-run/file-there", Fixture, NULL, fixture_setup, test_file_there,
              fixture_teardown);
  status = g_test_run ();
  ui_rm_rf (data_home);
  g_free (data_home);
  return status;
}
