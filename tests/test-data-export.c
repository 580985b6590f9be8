/* test-data-export.c: "Export Data…": the CSV written from the app, under Xvfb
 *
 * The file holds the same bytes as the storage exporter, is private (0600), and its folder is
 * remembered. (GTK's own file chooser is not driven here: it leaks under LeakSanitizer.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sys/stat.h>

#include "report-fixture.h"
#include "ui-safety-util.h"
#include "vastus-csv-export.h"
#include "vastus-data-export.h"

typedef struct
{
  char           *dir;
  char           *out;
  VastusDatabase *db;
  GSettings      *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("vastus-data-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->out = g_build_filename (f->dir, "exports", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  path = g_build_filename (f->dir, "clinic.db", NULL);
  f->db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  vastus_date_today (&today);
  fixture_insert_demo (f->db, &today);
  f->settings = vastus_data_export_get_settings ();
  g_assert_nonnull (f->settings);
  g_settings_reset (f->settings, "export-folder");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_settings_reset (f->settings, "export-folder");
  g_clear_object (&f->settings);
  g_assert_finalize_object (g_steal_pointer (&f->db));
  ui_rm_rf (f->dir);
  g_free (f->out);
  g_free (f->dir);
}

static void
assert_same_bytes (const char *path,
                   const char *expected,
                   gsize       expected_length)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, expected, expected_length);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_suggested_names (void)
{
  g_autofree char *one = vastus_data_export_suggest_name ("DEMO-001", FALSE);
  g_autofree char *all = vastus_data_export_suggest_name (NULL, FALSE);
  g_autofree char *deid = vastus_data_export_suggest_name ("DEMO-001", TRUE);
  g_autofree char *odd = vastus_data_export_suggest_name ("A/B 7", FALSE);

  g_assert_cmpstr (one, ==, "vastus-DEMO-001.csv");
  g_assert_cmpstr (all, ==, "vastus-all.csv");
  /* A de-identified file never names the patient. */
  g_assert_cmpstr (deid, ==, "vastus-deidentified.csv");
  g_assert_cmpstr (odd, ==, "vastus-A_B_7.csv");
}

static void
test_write_patient (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "vastus-DEMO-001.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = NULL;
  g_autofree char *message = NULL;
  g_autofree char *folder = NULL;
  gsize expected_length = 0;

  /* Something there already is replaced. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  message = vastus_data_export_write (f->db, "DEMO-001", FALSE, file, f->settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, "vastus-DEMO-001.csv"));
  expected = vastus_csv_export (f->db, "DEMO-001", &expected_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected_length, >, 100);
  assert_same_bytes (path, expected, expected_length);
  folder = g_settings_get_string (f->settings, "export-folder");
  g_assert_cmpstr (folder, ==, f->out);
}

static void
test_write_all_deidentified (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all_path = g_build_filename (f->out, "vastus-all.csv", NULL);
  g_autofree char *deid_path = g_build_filename (f->out, "vastus-deidentified.csv", NULL);
  g_autoptr(GFile) all_file = g_file_new_for_path (all_path);
  g_autoptr(GFile) deid_file = g_file_new_for_path (deid_path);
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  gsize expected_length = 0;

  message = vastus_data_export_write (f->db, NULL, FALSE, all_file, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  expected = vastus_csv_export (f->db, NULL, &expected_length, &error);
  g_assert_no_error (error);
  assert_same_bytes (all_path, expected, expected_length);
  g_clear_pointer (&expected, g_free);

  message = vastus_data_export_write (f->db, NULL, TRUE, deid_file, f->settings, &error);
  g_assert_no_error (error);
  /* The study codes were created by the first de-identified export and are stable. */
  expected = vastus_csv_export_deidentified (f->db, NULL, &expected_length, &error);
  g_assert_no_error (error);
  assert_same_bytes (deid_path, expected, expected_length);
  g_assert_true (g_file_get_contents (deid_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "DEMO-001"));
}

static void
test_write_errors (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "missing-folder", "x.csv", NULL);
  g_autofree char *unknown = g_build_filename (f->out, "unknown.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) unknown_file = g_file_new_for_path (unknown);
  g_autofree char *message = NULL;
  g_autofree char *folder = NULL;

  message = vastus_data_export_write (f->db, NULL, FALSE, file, f->settings, &error);
  g_assert_null (message);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "Could not save the export"));
  g_clear_error (&error);

  message = vastus_data_export_write (f->db, "NO-SUCH-MRN", FALSE, unknown_file, f->settings,
                                      &error);
  g_assert_null (message);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));

  /* A failed export remembers no folder. */
  folder = g_settings_get_string (f->settings, "export-folder");
  g_assert_cmpstr (folder, ==, "");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui-safety/data-export/suggested-names", test_suggested_names);
#define ADD(path, func) \
  g_test_add ("/ui-safety/data-export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("write-patient", test_write_patient);
  ADD ("write-all-deidentified", test_write_all_deidentified);
  ADD ("write-errors", test_write_errors);
#undef ADD
  return g_test_run ();
}
