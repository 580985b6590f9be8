/* test-window-pg.c: the application's window on a clinic database on a PostgreSQL server
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), which exports VASTUS_TEST_PG. The title
 * says where the data lives (never with a password), and the window does not run the checks
 * and backups of a file on a server's database: they failed ("There is no database at
 * postgresql://…") and the window said the check had found damage, with Restore a backup as
 * the way out. What another workstation saves appears in the patient list by itself (live
 * updates).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "window-test-util.h"
#include "vastus-clinician-picker.h"
#include "vastus-database.h"

static void
test_server_window (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *uri = g_getenv ("VASTUS_TEST_PG");
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusApplication) app = NULL;
  VastusWindow *window;
  AdwWindowTitle *title;
  gint64 until;

  /* Run by build-aux/pg-test-server run: never without its server. */
  g_assert_nonnull (uri);
  g_assert_true (vastus_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);

  app = new_registered_application (uri);
  window = vastus_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  iterate_until_idle ();
  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_true (vastus_clinic_is_server (test_clinic));

  /* The test server's database is "postgres", on a Unix socket of this computer; its login is
   * "postgres", which has no full name: who is entering is that login, not a clinician picked. */
  title = ADW_WINDOW_TITLE (find_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==,
                   "Clinic server on this computer, postgres · postgres");
  g_assert_false (gtk_widget_get_visible (find_type (GTK_WIDGET (window),
                                                     VASTUS_TYPE_CLINICIAN_PICKER)));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), "postgresql://"));

  /* A file's check starts a second after the window shows, on a worker: past that, and past
   * whatever the workers had, no check has said anything. */
  until = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  iterate_until_idle ();
  g_assert_false (find_label_text (GTK_WIDGET (window), "The database check"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label_containing (c, text))
      return TRUE;
  return FALSE;
}

/* Another workstation's save, on a connection (and thread) of its own. */
static gpointer
save_elsewhere (gpointer uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (uri, &error);
  g_autoptr(VastusPatient) patient = vastus_patient_new ();

  g_assert_no_error (error);
  patient->mrn = g_strdup ("LIVE-9");
  patient->name = g_strdup ("Remote Fjernsen");
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);
  return NULL;
}

/* What another workstation saves appears in the window's patient list by itself: the server's
 * notice reaches the clinic, whose list model reads the row; the window is never asked. */
static void
test_live_patient_list (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *uri = g_getenv ("VASTUS_TEST_PG");
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusApplication) app = NULL;
  VastusWindow *window;
  gint64 until;

  g_assert_nonnull (uri);
  g_assert_true (vastus_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);
  app = new_registered_application (uri);
  window = vastus_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!vastus_clinic_is_listening (test_clinic) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (vastus_clinic_is_listening (test_clinic));
  iterate_until_idle ();
  g_assert_false (find_label_containing (GTK_WIDGET (window), "LIVE-9"));

  g_thread_join (g_thread_new ("elsewhere", save_elsewhere, (gpointer) uri));
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!find_label_containing (GTK_WIDGET (window), "LIVE-9") && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (find_label_containing (GTK_WIDGET (window), "LIVE-9"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/window-pg/title-and-checks", Fixture, NULL, fixture_setup, test_server_window,
              fixture_teardown);
  g_test_add ("/window-pg/live-patient-list", Fixture, NULL, fixture_setup,
              test_live_patient_list, fixture_teardown);
  return g_test_run ();
}
