/* test-data-export.c: "Export Data…" and "Export FHIR Bundle…": the CSV and the FHIR Bundle
 * written from the app, under Xvfb
 *
 * The CSV holds the same bytes as the storage exporter, is private (0600), and its folder is
 * remembered; it is written on the clinic's workers, saying how far it is, and Cancel stops it,
 * writing nothing. The FHIR Bundle is valid against the FHIR R4 JSON schema (the npm validator
 * the fhir suite uses), names the MRN under the identifier system set in Preferences (which
 * takes only an absolute URI, saying why as it is typed), is written the same way, and the
 * report inside it is on record only when the file is. The save dialog opens in the folder
 * saved last once the clinic has checked, off the main thread, that it is one (it is opened and
 * cancelled here, never used to choose a file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sys/stat.h>

#include "chooser-test-util.h"
#include "clinic-test-util.h"
#include "fhir-validate-util.h"
#include "report-fixture.h"
#include "ui-safety-util.h"
#include "vastus-csv-export.h"
#include "vastus-data-export.h"
#include "vastus-preferences-window.h"
#include "vastus-report-store.h"

typedef struct
{
  char           *dir;
  char           *out;
  char           *path;
  VastusClinic   *clinic;
  GSettings      *settings;
} Fixture;

typedef struct
{
  gboolean  deidentify;
  char     *mrn;
  gsize     length;
} Expected;

static gpointer
expected_query (VastusDatabase *db,
                gpointer        data)
{
  Expected *expected = data;
  g_autoptr(GError) error = NULL;
  char *csv = expected->deidentify
              ? vastus_csv_export_deidentified (db, expected->mrn, &expected->length, &error)
              : vastus_csv_export (db, expected->mrn, &expected->length, &error);

  g_assert_no_error (error);
  return csv;
}

/* What the storage exporter gives, on a thread with a connection of its own. */
static char *
expected_csv (Fixture    *f,
              const char *mrn,
              gboolean    deidentify,
              gsize      *length)
{
  Expected expected = { deidentify, (char *) mrn, 0 };
  char *csv = clinic_test_query (f->path, expected_query, &expected);

  *length = expected.length;
  return csv;
}

typedef struct
{
  GPtrArray *fractions;   /* of double*, what the progress said */
} Progress;

static void
progress_cb (double   fraction,
             gpointer data)
{
  Progress *progress = data;
  double *copy = g_new (double, 1);

  *copy = fraction;
  g_ptr_array_add (progress->fractions, copy);
}

/* What the progress said: at least two steps, rising, never past the end; frees it. */
static void
assert_progress_rising (Progress *progress)
{
  double last = -1;

  g_assert_cmpuint (progress->fractions->len, >=, 2);
  for (guint i = 0; i < progress->fractions->len; i++)
    {
      double fraction = *(double *) g_ptr_array_index (progress->fractions, i);

      g_assert_cmpfloat (fraction, >, last);
      g_assert_cmpfloat (fraction, <=, 1);
      last = fraction;
    }
  g_ptr_array_unref (progress->fractions);
}

/* An export (the CSV, or with @fhir the FHIR Bundle) of @mrn cancelled: it writes nothing into
 * @name and says so. (Every storage call waits 200 ms on the worker first, as on a clinic
 * server: the cancel comes before the export starts.) */
static void
assert_cancel_writes_nothing (Fixture    *f,
                              gboolean    fhir,
                              const char *mrn,
                              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *message = NULL;

  vastus_clinic_set_delay (f->clinic, 200);
  (fhir ? vastus_data_export_write_fhir_async : vastus_data_export_write_async)
    (f->clinic, mrn, FALSE, file, f->settings, NULL, NULL, cancellable, clinic_test_result_cb,
     &result);
  g_cancellable_cancel (cancellable);
  result = clinic_test_take_result (f->clinic, &result);
  message = vastus_data_export_write_finish (result, &error);
  g_assert_null (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "no file was written"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  vastus_clinic_set_delay (f->clinic, 0);
}

/* Exports (the CSV, or with @fhir the FHIR Bundle) and waits: the message, or NULL with
 * @error. */
static char *
write_any (Fixture       *f,
           gboolean       fhir,
           const char    *mrn,
           gboolean       deidentify,
           GFile         *file,
           GSettings     *settings,
           Progress      *progress,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) own = cancellable != NULL ? g_object_ref (cancellable)
                                                    : g_cancellable_new ();

  (fhir ? vastus_data_export_write_fhir_async : vastus_data_export_write_async)
    (f->clinic, mrn, deidentify, file, settings, progress != NULL ? progress_cb : NULL, progress,
     own, clinic_test_result_cb, &result);
  result = clinic_test_take_result (f->clinic, &result);
  return vastus_data_export_write_finish (result, error);
}

static char *
write_export (Fixture       *f,
              const char    *mrn,
              gboolean       deidentify,
              GFile         *file,
              GSettings     *settings,
              Progress      *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  return write_any (f, FALSE, mrn, deidentify, file, settings, progress, cancellable, error);
}

static char *
write_fhir (Fixture       *f,
            const char    *mrn,
            gboolean       deidentify,
            GFile         *file,
            GSettings     *settings,
            Progress      *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  return write_any (f, TRUE, mrn, deidentify, file, settings, progress, cancellable, error);
}

static gpointer
count_reports_query (VastusDatabase *db,
                     gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = vastus_database_list_reports (db, 0, &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (reports->len);
}

/* The reports on record, read on a thread with a connection of its own. */
static guint
count_reports (Fixture *f)
{
  return GPOINTER_TO_UINT (clinic_test_query (f->path, count_reports_query, NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("vastus-data-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->out = g_build_filename (f->dir, "exports", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  /* Written before the clinic exists. */
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (f->path, &error);

    g_assert_no_error (error);
    vastus_date_today (&today);
    fixture_insert_demo (db, &today);
  }
  f->clinic = clinic_test_open (f->path);
  f->settings = vastus_data_export_get_settings ();
  g_assert_nonnull (f->settings);
  g_settings_reset (f->settings, "export-folder");
  g_settings_reset (f->settings, "fhir-identifier-system");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_settings_reset (f->settings, "export-folder");
  g_settings_reset (f->settings, "fhir-identifier-system");
  g_clear_object (&f->settings);
  clinic_test_wait (f->clinic);
  g_assert_finalize_object (g_steal_pointer (&f->clinic));
  ui_rm_rf (f->dir);
  g_free (f->path);
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
test_suggested_fhir_names (void)
{
  g_autofree char *one = vastus_data_export_suggest_fhir_name ("DEMO-001", FALSE);
  g_autofree char *all = vastus_data_export_suggest_fhir_name (NULL, FALSE);
  g_autofree char *deid = vastus_data_export_suggest_fhir_name ("DEMO-001", TRUE);

  g_assert_cmpstr (one, ==, "vastus-DEMO-001.fhir.json");
  g_assert_cmpstr (all, ==, "vastus-all.fhir.json");
  g_assert_cmpstr (deid, ==, "vastus-deidentified.fhir.json");
}

/* One patient's Bundle: valid, private, the MRN under the clinic's identifier system, the path
 * in the message, the report inside on record. */
static void
test_fhir_patient (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "vastus-DEMO-001.fhir.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *expected = NULL;
  GStatBuf st;

  g_settings_set_string (f->settings, "fhir-identifier-system", "urn:oid:2.16.840.1.113883.19.5");
  g_assert_cmpuint (count_reports (f), ==, 0);
  message = write_fhir (f, "DEMO-001", FALSE, file, f->settings, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Where to find it: the name, then its folder. */
  expected = g_strdup_printf ("FHIR bundle “vastus-DEMO-001.fhir.json” saved in %s; it holds health "
                              "data, keep it safe", f->out);
  g_assert_cmpstr (message, ==, expected);
  assert_valid (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"identifier\":[{\"system\":\"urn:oid:2.16.840.1.113883.19.5\","
                                      "\"value\":\"DEMO-001\"}]"));
  g_assert_nonnull (strstr (contents, "\"contentType\":\"application/pdf\""));
  g_assert_cmpuint (count_reports (f), ==, 1);
  folder = g_settings_get_string (f->settings, "export-folder");
  g_assert_cmpstr (folder, ==, f->out);
}

/* The clinic's Bundle de-identified: valid, no MRN, saying how far it is patient by patient. */
static void
test_fhir_all_deidentified (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "vastus-deidentified.fhir.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  Progress progress = { g_ptr_array_new_with_free_func (g_free) };

  message = write_fhir (f, NULL, TRUE, file, f->settings, &progress, NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("De-identified FHIR bundle “vastus-deidentified.fhir.json” saved in %s",
                              f->out);
  g_assert_cmpstr (message, ==, expected);
  assert_valid (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "DEMO-00"));
  g_assert_nonnull (strstr (contents, "https://vastus.github.io/fhir/sid/study-code"));
  /* No PDF in the clinic's Bundle, so nothing handed out. */
  g_assert_cmpuint (count_reports (f), ==, 0);
  /* How far it was, patient by patient (three demo patients). */
  assert_progress_rising (&progress);
}

/* An identifier system set outside Preferences that is no URI: refused, naming the setting and
 * the value, nothing written. */
static void
test_fhir_system_refused (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "vastus-all.fhir.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;

  g_settings_set_string (f->settings, "fhir-identifier-system", "hospital mrn");
  message = write_fhir (f, NULL, FALSE, file, f->settings, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, "Preferences, Identifier system: The identifier system "
                                       "“hospital mrn” holds a space or a character outside ASCII");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Cancelled: no file, nothing on record. */
static void
test_fhir_cancel (Fixture       *f,
                  gconstpointer  user_data)
{
  assert_cancel_writes_nothing (f, TRUE, "DEMO-001", "vastus-DEMO-001.fhir.json");
  g_assert_cmpuint (count_reports (f), ==, 0);
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

  message = write_export (f, "DEMO-001", FALSE, file, f->settings, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, "vastus-DEMO-001.csv"));
  expected = expected_csv (f, "DEMO-001", FALSE, &expected_length);
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
  Progress progress = { g_ptr_array_new_with_free_func (g_free) };
  gsize expected_length = 0;

  message = write_export (f, NULL, FALSE, all_file, NULL, &progress, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&message, g_free);
  expected = expected_csv (f, NULL, FALSE, &expected_length);
  assert_same_bytes (all_path, expected, expected_length);
  g_clear_pointer (&expected, g_free);
  /* How far it was, patient by patient (the size is known). */
  assert_progress_rising (&progress);

  message = write_export (f, NULL, TRUE, deid_file, f->settings, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The study codes were created by the first de-identified export and are stable. */
  expected = expected_csv (f, NULL, TRUE, &expected_length);
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

  message = write_export (f, NULL, FALSE, file, f->settings, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "Could not save the export"));
  g_clear_error (&error);

  message = write_export (f, "NO-SUCH-MRN", FALSE, unknown_file, f->settings, NULL, NULL,
                          &error);
  g_assert_null (message);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));

  /* A failed export remembers no folder. */
  folder = g_settings_get_string (f->settings, "export-folder");
  g_assert_cmpstr (folder, ==, "");
}

/* Cancelled, an export writes nothing and says so. */
static void
test_cancel (Fixture       *f,
             gconstpointer  user_data)
{
  assert_cancel_writes_nothing (f, FALSE, NULL, "vastus-all.csv");
}

/* Preferences: the identifier system is checked as it is typed, and saved when applied (Enter,
 * or the row's button) if it is an absolute URI; another is named in a message and the one
 * saved before stays. */
static void
test_fhir_preferences (Fixture       *f,
                       gconstpointer  user_data)
{
  GtkWidget *prefs = vastus_preferences_window_new (NULL, NULL);
  GtkWidget *row = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (prefs), "fhir-system");
  GtkWidget *message = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (prefs),
                                                          "fhir-system-message");
  static const char typed[] = "urn:oid:1.2.840";
  g_autofree char *saved = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  /* The default, documented in the schema. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://vastus.github.io/fhir/sid/mrn");
  g_assert_false (gtk_widget_get_visible (message));

  /* Typed a character at a time: nothing is saved, and the message comes and goes with what
   * is typed ("urn:oid:" names no OID, "urn:oid:1.2" is one). */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "The identifier system is empty: it must be an absolute URI such as "
                   "https://hospital.example/mrn or urn:oid:1.2.3. Exports go on using "
                   "“https://vastus.github.io/fhir/sid/mrn”.");
  for (gsize i = 1; i <= strlen (typed); i++)
    {
      g_autofree char *prefix = g_strndup (typed, i);
      g_autofree char *now = NULL;

      gtk_editable_set_text (GTK_EDITABLE (row), prefix);
      now = g_settings_get_string (f->settings, "fhir-identifier-system");
      g_assert_cmpstr (now, ==, "https://vastus.github.io/fhir/sid/mrn");
      if (g_str_equal (prefix, "urn:oid:"))
        g_assert_true (gtk_widget_get_visible (message));
      if (g_str_equal (prefix, "urn:oid:1.2"))
        g_assert_false (gtk_widget_get_visible (message));
    }
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_string (f->settings, "fhir-identifier-system");
  g_assert_cmpstr (saved, ==, "urn:oid:1.2.840");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* "urn:oid:1.2.x": the message names the value and the one exports keep; applied, nothing
   * changes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "urn:oid:1.2.x");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "The identifier system “urn:oid:1.2.x” is not an OID: after urn:oid: come "
                   "numbers separated by dots, starting with 0, 1 or 2 (urn:oid:1.2.3). Exports go "
                   "on using "
                   "“urn:oid:1.2.840”.");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f->settings, "fhir-identifier-system");
  g_assert_cmpstr (saved, ==, "urn:oid:1.2.840");
  g_assert_true (gtk_widget_get_visible (message));

  gtk_editable_set_text (GTK_EDITABLE (row), "https://hospital.example/mrn");
  g_assert_false (gtk_widget_get_visible (message));
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f->settings, "fhir-identifier-system");
  g_assert_cmpstr (saved, ==, "https://hospital.example/mrn");

  /* Opened on a value set outside Preferences that is no URI, it says so at once. */
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_set_string (f->settings, "fhir-identifier-system", "mrn");
  prefs = vastus_preferences_window_new (NULL, NULL);
  message = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (prefs), "fhir-system-message");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "The identifier system “mrn” is not an absolute URI (scheme:…, such as "
                   "https://hospital.example/mrn or urn:oid:1.2.3). FHIR exports are refused until "
                   "it is corrected.");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A window to export from, with its task bar, shown. */
static GtkWindow *
new_parent (VastusTaskBar **tasks)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  *tasks = VASTUS_TASK_BAR (vastus_task_bar_new ());
  gtk_window_set_child (parent, GTK_WIDGET (*tasks));
  ui_show (parent, GTK_WIDGET (parent));
  return parent;
}

typedef struct
{
  Fixture       *f;
  GtkWindow     *parent;
  VastusTaskBar *tasks;
} Exporting;

/* "Export Patient Data…" from the parent, with @saved as the folder saved last. */
static void
run_export (gpointer    data,
            const char *saved)
{
  Exporting *e = data;

  g_settings_set_string (e->f->settings, "export-folder", saved);
  vastus_data_export_run (e->parent, e->f->clinic, "DEMO-001", FALSE, e->tasks, NULL);
}

/* "Export FHIR Bundle…" from the parent, the same way. */
static void
run_export_fhir (gpointer    data,
                 const char *saved)
{
  Exporting *e = data;

  g_settings_set_string (e->f->settings, "export-folder", saved);
  vastus_data_export_run_fhir (e->parent, e->f->clinic, NULL, e->tasks, NULL);
}

/* The save dialog opens in the folder saved last, checked by the clinic off the main thread
 * (chooser-test-util.h says how), and another export from the window meanwhile (the FHIR
 * Bundle) does nothing; cancelled, nothing is written. The window may export again after that:
 * a second check, the dialog again. */
static void
test_saved_folder_off_main_thread (Fixture       *f,
                                   gconstpointer  user_data)
{
  Exporting e = { f, NULL, NULL };

  e.parent = new_parent (&e.tasks);
  chooser_test_assert_checked_off_main_thread (f->clinic, GTK_WIDGET (e.parent), run_export,
                                               run_export_fhir, &e, f->out);
  g_assert_false (vastus_task_bar_get_running (e.tasks));
  chooser_test_assert_checked_off_main_thread (f->clinic, GTK_WIDGET (e.parent), run_export_fhir,
                                               NULL, &e, f->out);
  gtk_window_destroy (e.parent);
  ui_iterate ();
}

/* A saved folder that cannot be used (@user_data: "gone", not there; "file", a file): the
 * dialog opens as with none saved. */
static void
test_saved_folder_unusable (Fixture       *f,
                            gconstpointer  user_data)
{
  Exporting e = { f, NULL, NULL };

  e.parent = new_parent (&e.tasks);
  chooser_test_assert_opens_as_unsaved (run_export, &e, f->out, user_data);
  gtk_window_destroy (e.parent);
  ui_iterate ();
}

/* The window closed while the clinic checks the saved folder (the delay hook, 1 s): no dialog
 * opens once it answers, and the window goes. */
static void
test_saved_folder_window_closed (Fixture       *f,
                                 gconstpointer  user_data)
{
  Exporting e = { f, NULL, NULL };
  gpointer weak;

  e.parent = new_parent (&e.tasks);
  weak = e.parent;
  g_object_add_weak_pointer (G_OBJECT (e.parent), &weak);
  vastus_clinic_set_delay (f->clinic, 1000);
  run_export (&e, f->out);
  gtk_window_destroy (e.parent);
  vastus_clinic_set_delay (f->clinic, 0);
  chooser_test_spin (1500);
  ui_iterate ();
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 0);
  g_assert_null (weak);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  chooser_test_init ();

#define ADD(path, func) \
  g_test_add ("/ui-safety/data-export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  /* The file choosers' tests in a run of their own (tests/meson.build), the others in another. */
  if (chooser_test_part ())
    {
      ADD ("saved-folder-off-main-thread", test_saved_folder_off_main_thread);
      ADD ("saved-folder-window-closed", test_saved_folder_window_closed);
      g_test_add ("/ui-safety/data-export/saved-folder-missing", Fixture, "gone", fixture_setup,
                  test_saved_folder_unusable, fixture_teardown);
      g_test_add ("/ui-safety/data-export/saved-folder-file", Fixture, "file", fixture_setup,
                  test_saved_folder_unusable, fixture_teardown);
    }
  else
    {
      g_test_add_func ("/ui-safety/data-export/suggested-names", test_suggested_names);
      g_test_add_func ("/ui-safety/data-export/suggested-fhir-names", test_suggested_fhir_names);
      ADD ("write-patient", test_write_patient);
      ADD ("write-all-deidentified", test_write_all_deidentified);
      ADD ("write-errors", test_write_errors);
      ADD ("cancel", test_cancel);
      ADD ("fhir-patient", test_fhir_patient);
      ADD ("fhir-all-deidentified", test_fhir_all_deidentified);
      ADD ("fhir-system-refused", test_fhir_system_refused);
      ADD ("fhir-cancel", test_fhir_cancel);
      ADD ("fhir-preferences", test_fhir_preferences);
    }
#undef ADD
  return g_test_run ();
}
