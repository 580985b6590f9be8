/* test-window-pg.c: the application's window on a clinic database on a PostgreSQL server
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), which exports VASTUS_TEST_PG. The title
 * says where the data lives (never with a password), and the window does not run the checks
 * and backups of a file on a server's database: they failed ("There is no database at
 * postgresql://…") and the window said the check had found damage, with Restore a backup as
 * the way out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "window-test-util.h"
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

  /* The test server's database is "postgres", on a Unix socket of this computer. */
  title = ADW_WINDOW_TITLE (find_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "postgres on this computer’s server");
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/window-pg/title-and-checks", Fixture, NULL, fixture_setup, test_server_window,
              fixture_teardown);
  return g_test_run ();
}
