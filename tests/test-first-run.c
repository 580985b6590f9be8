/* test-first-run.c: the first start offers this computer and a clinic server (suite 'ui')
 *
 * No --db, no $VASTUS_DB, nothing chosen in Preferences and no file yet: the window asks where
 * the records live and makes nothing meanwhile. "Use This Computer" makes the file and opens it;
 * "Connect to a Clinic Server…" opens Preferences at the Database page. Once a file exists, a
 * start without a choice opens it as before (a workstation used before this choice existed).
 * Whether the file is there is asked of the disk off the main thread, by the clinic's deadline (a
 * home folder on a network share may hang): the window shows and answers meanwhile; a folder that
 * does not answer by the deadline is said (naming the file, with "Try Again"), never taken for a
 * first start. The clinic's delay hook stands for a slow or hung share.
 * This program's data folder is a temporary one of its own (XDG_DATA_HOME, set in main).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "window-test-util.h"
#include "vastus-preferences-window.h"
#include "vastus-recovery-page.h"

static char *data_home;

static const char *
shown (VastusWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack")));
}

/* A new window, with the clinic's delay hook at @delay_ms (for the disk's answer too), shown;
 * the page it showed as soon as it was made in @at_once (may be NULL). */
static VastusWindow *
start_delayed (guint         delay_ms,
               const char  **at_once)
{
  VastusApplication *app = new_registered_application (NULL);
  VastusWindow *window;

  vastus_clinic_set_delay (test_clinic, delay_ms);
  window = vastus_window_new (app);
  if (at_once != NULL)
    *at_once = shown (window);
  g_object_unref (app);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef struct
{
  VastusWindow *window;
  const char   *name;
} Shown;

static gboolean
is_shown (gpointer data)
{
  Shown *page = data;

  return g_strcmp0 (shown (page->window), page->name) == 0;
}

/* Turns the main loop until @window shows its page @name. */
static void
wait_shown (VastusWindow *window,
            const char   *name)
{
  Shown page = { window, name };

  clinic_test_turn_until (is_shown, &page);
  g_assert_cmpstr (shown (window), ==, name);
  iterate_until_idle ();
}

/* A new window, once it asked the disk (with no delay): the first start's page. */
static VastusWindow *
start (void)
{
  VastusWindow *window = start_delayed (0, NULL);

  wait_until_mapped (GTK_WIDGET (window));
  wait_shown (window, "first-run");
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
  /* Nothing chosen: the disk is asked, and answers that the file is there. */
  window = start_delayed (0, NULL);
  wait_until_mapped (GTK_WIDGET (window));
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!vastus_clinic_is_open (test_clinic) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), !=, "first-run");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
page_changed_cb (GtkStack   *stack,
                 GParamSpec *pspec,
                 gboolean   *mapped_when_offered)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "first-run") == 0)
    *mapped_when_offered = gtk_widget_get_mapped (GTK_WIDGET (stack));
}

/* The disk slow to answer (the delay hook, 4 s, under the deadline): the window is made with its
 * blank page, nothing offered yet (asked on the main thread, the answer would be there as soon
 * as the window is made), and is on the screen before the answer comes; then the first start's
 * page. */
static void
test_slow_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *file = default_file ();
  gboolean mapped_when_offered = FALSE;
  const char *at_once = NULL;
  VastusWindow *window;

  reset ();
  window = start_delayed (4000, &at_once);
  g_assert_cmpstr (at_once, ==, "loading");
  g_signal_connect (child (window, "stack"), "notify::visible-child-name",
                    G_CALLBACK (page_changed_cb), &mapped_when_offered);
  wait_until_mapped (GTK_WIDGET (window));
  wait_shown (window, "first-run");
  g_signal_handlers_disconnect_by_func (child (window, "stack"), page_changed_cb,
                                        &mapped_when_offered);
  g_assert_true (mapped_when_offered);
  g_assert_true (gtk_widget_get_mapped (child (window, "first_run_local_button")));
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* A home folder that hangs (the delay hook: the deadline and 3 s more): by the deadline (not
 * before it) and before the disk answers, the window says that the folder did not answer, naming
 * the file, and offers "Try Again"; it neither asks where the records live (a database may well
 * be there) nor makes or opens anything. Tried again once the disk answers: the first start's
 * page. */
static void
test_hung_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *file = default_file ();
  guint late = VASTUS_CLINIC_FOLDER_DEADLINE_MS + 3000;
  VastusRecoveryPage *page;
  VastusWindow *window;
  GtkWidget *retry;
  const char *at_once = NULL;
  gint64 start_time, took;

  reset ();
  start_time = g_get_monotonic_time ();
  window = start_delayed (late, &at_once);
  g_assert_cmpstr (at_once, ==, "loading");
  /* The deadline's answer: the disk's would have offered the first start instead (then this
   * waits in vain). Not before the deadline. */
  wait_shown (window, "recovery");
  took = g_get_monotonic_time () - start_time;
  g_test_message ("said after %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, >=, VASTUS_CLINIC_FOLDER_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  page = VASTUS_RECOVERY_PAGE (gtk_stack_get_visible_child (GTK_STACK (child (window, "stack"))));
  g_assert_cmpstr (vastus_recovery_page_get_title (page), ==,
                   "The Database’s Folder Does Not Answer");
  g_test_message ("%s", vastus_recovery_page_get_description (page));
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (page), file));
  retry = vastus_recovery_page_get_retry_button (page);
  g_assert_true (gtk_widget_get_mapped (retry));
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-patient"));
  if (g_getenv ("VASTUS_SCREENSHOT_DIR") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      ui_screenshots (GTK_WINDOW (window), "first-run-folder-no-answer", 720);
    }

  /* The disk answers: "Try Again" asks again, and this is the first start. */
  vastus_clinic_set_delay (test_clinic, 0);
  g_signal_emit_by_name (retry, "clicked");
  wait_shown (window, "first-run");
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
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
  g_test_add ("/first-run/slow-disk", Fixture, NULL, fixture_setup, test_slow_disk,
              fixture_teardown);
  g_test_add ("/first-run/hung-disk", Fixture, NULL, fixture_setup, test_hung_disk,
              fixture_teardown);
  status = g_test_run ();
  ui_rm_rf (data_home);
  g_free (data_home);
  return status;
}
