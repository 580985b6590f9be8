/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a device export through the clinic (vastus-clinic-import.h), on its workers: a
 * file's start with the profile that fits, a dry run that writes nothing, the import with its
 * changes announced to an open patient record, errors in place, a saved profile, Cancel and how
 * far it is. The main thread is guarded (VASTUS_MAIN_THREAD_SQL=abort): the test's own reads
 * run on threads of their own. Expected values are read off the files by hand.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "device-patients.h"
#include "device-fixture.h"
#include "vastus-clinic-import.h"
#include "vastus-csv-export.h"
#include "vastus-patient-record.h"
#include "vastus-episode-record.h"

typedef struct
{
  char         *dir;
  char         *path;
  VastusClinic *clinic;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-clinic-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  clinic_test_in_thread (f->path, device_add_patients, NULL);
  f->clinic = clinic_test_open (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  vastus_clinic_close (f->clinic);
  g_clear_object (&f->clinic);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gpointer
export_query (VastusDatabase *db,
              gpointer        data)
{
  return vastus_csv_export (db, NULL, NULL, NULL);
}

/* Everything stored, as the CSV export writes it (another connection, on a thread). */
static char *
exported (Fixture *f)
{
  return clinic_test_query (f->path, export_query, NULL);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "device", name, NULL);
}

static VastusImportFile *
open_file (Fixture    *f,
           const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VastusImportFile *file;

  vastus_clinic_open_import_file_async (f->clinic, path, NULL, clinic_test_result_cb, &result);
  clinic_test_wait (f->clinic);
  file = vastus_clinic_open_import_file_finish (f->clinic, result, &error);
  g_assert_no_error (error);
  return file;
}

static VastusImportResult *
import (Fixture             *f,
        const char          *path,
        const VastusProfile *profile,
        const char          *patient,
        gboolean             dry_run,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vastus_clinic_import_async (f->clinic, path, profile, patient, dry_run, NULL, NULL, NULL, NULL,
                              clinic_test_result_cb, &result);
  clinic_test_wait (f->clinic);
  return vastus_clinic_import_finish (f->clinic, result, error);
}

static void
test_open_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *nordbord = fixture_path ("nordbord.csv");
  g_autofree char *clinic = fixture_path ("clinic.csv");
  g_autoptr(VastusImportFile) file = open_file (f, nordbord);
  g_autoptr(VastusProfile) sheet = load_profile ("clinic.ini");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *bytes = read_fixture ("nordbord.csv", &length);

  /* The whole small file, the built-in profiles, nordbord's signature (Date UTC, L Max Torque). */
  g_assert_cmpstr (file->name, ==, "nordbord.csv");
  g_assert_cmpuint (g_bytes_get_size (file->head), ==, length);
  g_assert_true (file->complete);
  g_assert_cmpuint (file->profiles->len, ==, 2);
  g_assert_cmpint (file->detected, ==, 0);
  g_clear_pointer (&file, vastus_import_file_free);

  /* No profile fits the clinic's sheet until the clinic saves one. */
  file = open_file (f, clinic);
  g_assert_cmpint (file->detected, ==, -1);
  g_clear_pointer (&file, vastus_import_file_free);
  vastus_clinic_save_profile_async (f->clinic, sheet, NULL, clinic_test_result_cb, &result);
  clinic_test_wait (f->clinic);
  g_assert_true (vastus_clinic_save_profile_finish (f->clinic, result, &error));
  g_assert_no_error (error);
  file = open_file (f, clinic);
  g_assert_cmpuint (file->profiles->len, ==, 3);
  g_assert_cmpint (file->detected, ==, 2);
  g_assert_cmpstr (((VastusProfile *) file->profiles->pdata[2])->id, ==, "clinic");

  /* A built-in id is not the clinic's to take. */
  g_clear_object (&result);
  {
    g_autoptr(VastusProfile) taken = vastus_profile_copy (file->profiles->pdata[2]);

    g_free (taken->id);
    taken->id = g_strdup ("nordbord");
    vastus_clinic_save_profile_async (f->clinic, taken, NULL, clinic_test_result_cb, &result);
    clinic_test_wait (f->clinic);
    g_assert_false (vastus_clinic_save_profile_finish (f->clinic, result, &error));
    g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DUPLICATE);
  }
}

static void
visit_changed_cb (VastusClinic             *clinic,
                  const VastusClinicChange *change,
                  GPtrArray                *changes)
{
  g_ptr_array_add (changes, vastus_clinic_change_copy (change));
}

/* The visits the open record of FX-1 shows in its one episode. */
static guint
record_visits (Fixture             *f,
               VastusPatientRecord *record)
{
  GListModel *episodes;
  g_autoptr(VastusEpisodeRecord) episode = NULL;

  clinic_test_wait (f->clinic);
  episodes = vastus_patient_record_get_episodes (record);
  g_assert_cmpuint (g_list_model_get_n_items (episodes), ==, 1);
  episode = g_list_model_get_item (episodes, 0);
  return g_list_model_get_n_items (vastus_episode_record_get_visits (episode));
}

static void
test_dry_run_and_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path ("nordbord.csv");
  g_autoptr(VastusProfile) nordbord = builtin ("nordbord");
  g_autofree char *before = exported (f);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_clinic_change_free);
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(VastusImportResult) preview = NULL;
  g_autoptr(VastusImportResult) done = NULL;
  g_autoptr(GError) error = NULL;
  const VastusImportVisit *v;
  const VastusImportValue *value;

  g_signal_connect (f->clinic, "visit-changed", G_CALLBACK (visit_changed_cb), changes);
  /* FX-1's page is open: its record, read. */
  record = vastus_clinic_get_patient (f->clinic, 1);
  g_assert_cmpuint (record_visits (f, record), ==, 0);

  /* The dry run: the two Nordic tests of FX-1 (TZ is UTC here: 14 March and 2 April), L and R
   * force each, in the file's order; nothing written, nothing announced. */
  preview = import (f, path, nordbord, "FX-1", TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (preview->committed);
  g_assert_cmpuint (preview->n_visits, ==, 2);
  g_assert_cmpuint (preview->n_measurements, ==, 4);
  g_assert_cmpuint (preview->n_errors, ==, 0);
  g_assert_cmpuint (preview->visits->len, ==, 2);
  v = g_ptr_array_index (preview->visits, 0);
  g_assert_cmpstr (v->mrn, ==, "FX-1");
  g_assert_cmpstr (v->name, ==, "Jane Doe");
  g_assert_true (v->added);
  g_assert_cmpint (g_date_get_day (&v->date), ==, 14);
  g_assert_cmpint (g_date_get_month (&v->date), ==, 3);
  g_assert_cmpuint (v->values->len, ==, 2);
  value = g_ptr_array_index (v->values, 1);
  g_assert_cmpuint (value->line, ==, 2);
  g_assert_cmpint (value->measurement->side, ==, VASTUS_SIDE_RIGHT);
  g_assert_cmpfloat (value->measurement->value, ==, 287);
  v = g_ptr_array_index (preview->visits, 1);
  g_assert_cmpuint (v->line, ==, 3);
  g_assert_cmpfloat (((VastusImportValue *) v->values->pdata[1])->measurement->value, ==, 301.25);
  /* The columns not read and the other tests: warnings. */
  g_assert_cmpuint (preview->n_warnings, ==, 3);
  {
    g_autofree char *after = exported (f);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (changes->len, ==, 0);

  /* The import: the same, stored, and the two visits announced; the open record shows them. */
  done = import (f, path, nordbord, "FX-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (done->committed);
  g_assert_cmpuint (done->n_visits, ==, 2);
  g_assert_cmpuint (changes->len, ==, 2);
  for (guint i = 0; i < changes->len; i++)
    {
      const VastusClinicChange *c = g_ptr_array_index (changes, i);

      g_assert_cmpint (c->kind, ==, VASTUS_CLINIC_CHANGE_ADDED);
      g_assert_cmpint (c->patient_id, ==, 1);
      g_assert_cmpint (c->id, >, 0);
    }
  g_assert_cmpuint (record_visits (f, record), ==, 2);
}

static void
test_errors_in_place (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autofree char *before = exported (f);
  g_autoptr(VastusImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const VastusImportMessage *m;

  /* Line 3's right value is 1e999, too large to keep: column 4; FX-404 is nobody (column 1). */
  g_file_set_contents (path, "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Quadrizeps li 2 (kg)\n"
                             "FX-1;01.08.2026;25;30;26\n"
                             "FX-1;02.08.2026;25;1e999;26\n"
                             "FX-404;01.08.2026;25;30;26\n", -1, &error);
  g_assert_no_error (error);
  result = import (f, path, clinic, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (result->committed);
  g_assert_cmpuint (result->n_errors, ==, 2);
  g_assert_cmpuint (result->visits->len, ==, 0);
  m = g_ptr_array_index (result->errors, 0);
  g_assert_cmpuint (m->line, ==, 3);
  g_assert_cmpuint (m->column, ==, 4);
  g_assert_nonnull (strstr (m->text, "“1e999” is too large a number"));
  m = g_ptr_array_index (result->errors, 1);
  g_assert_cmpuint (m->line, ==, 4);
  g_assert_cmpuint (m->column, ==, 1);
  {
    g_autofree char *after = exported (f);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  double *last = data;

  g_assert_true (fraction >= *last && fraction <= 1);
  *last = fraction;
}

/* How far a long import is; Cancel stops it with nothing written. */
static void
test_progress_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "long.csv", NULL);
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autoptr(GString) csv = g_string_new ("Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);"
                                         "Quadrizeps li 2 (kg)\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_clinic_change_free);
  g_autofree char *before = NULL;
  double last = 0;
  GDate date;

  g_date_set_dmy (&date, 1, 1, 2023);
  for (guint i = 0; i < 1100; i++, g_date_add_days (&date, 1))
    g_string_append_printf (csv, "FX-2;%02u.%02u.%04u;25;;\n", g_date_get_day (&date),
                            g_date_get_month (&date), g_date_get_year (&date));
  g_file_set_contents (path, csv->str, -1, &error);
  g_assert_no_error (error);
  before = exported (f);

  /* Cancelled as it starts. */
  vastus_clinic_import_async (f->clinic, path, clinic, NULL, FALSE, progress_cb, &last,
                              NULL, cancellable, clinic_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  clinic_test_wait (f->clinic);
  g_assert_null (vastus_clinic_import_finish (f->clinic, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autofree char *after = exported (f);

    g_assert_cmpstr (after, ==, before);
  }

  /* Not cancelled: it says how far it is (lines 256, 512, 768 and 1024 of 1101), and imports
   * 1100 visits: more than are announced one by one, so FX-2's one episode is announced as one
   * change of its visits (id 0). */
  g_clear_object (&result);
  g_clear_error (&error);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  g_signal_connect (f->clinic, "visit-changed", G_CALLBACK (visit_changed_cb), changes);
  vastus_clinic_import_async (f->clinic, path, clinic, NULL, FALSE, progress_cb, &last,
                              NULL, cancellable, clinic_test_result_cb, &result);
  clinic_test_wait (f->clinic);
  {
    g_autoptr(VastusImportResult) done = vastus_clinic_import_finish (f->clinic, result, &error);
    const VastusClinicChange *change;

    g_assert_no_error (error);
    g_assert_true (done->committed);
    g_assert_cmpuint (done->n_visits, ==, 1100);
    g_assert_cmpuint (done->n_visits_stored, ==, 1100);
    /* Only the first values are kept to show. */
    g_assert_cmpuint (done->visits->len, ==, VASTUS_IMPORT_MAX_VALUES);
    g_assert_cmpuint (changes->len, ==, 1);
    change = g_ptr_array_index (changes, 0);
    g_assert_cmpint (change->id, ==, 0);
    g_assert_cmpint (change->patient_id, ==, 2);
    g_assert_cmpint (change->episode_id, ==, 2);
  }
  g_signal_handlers_disconnect_by_func (f->clinic, visit_changed_cb, changes);
  g_assert_cmpfloat (last, >, 0.3);

  /* Stopped before it commits: a result that says so, and nothing stored (FX-2's 1100 visits
   * were stored by the import above; a stop now finds them all there, and adds nothing). */
  g_clear_object (&result);
  {
    g_autoptr(GCancellable) stop = g_cancellable_new ();
    g_autoptr(VastusImportResult) stopped = NULL;
    g_autofree char *before_stop = exported (f);
    g_autofree char *after = NULL;

    g_cancellable_cancel (stop);
    vastus_clinic_import_async (f->clinic, path, clinic, NULL, FALSE, NULL, NULL, stop, NULL,
                                clinic_test_result_cb, &result);
    clinic_test_wait (f->clinic);
    stopped = vastus_clinic_import_finish (f->clinic, result, &error);
    g_assert_no_error (error);
    g_assert_true (stopped->stopped);
    g_assert_false (stopped->committed);
    after = exported (f);
    g_assert_cmpstr (after, ==, before_stop);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/clinic-import/open-file", test_open_file);
  ADD ("/clinic-import/dry-run-and-import", test_dry_run_and_import);
  ADD ("/clinic-import/errors-in-place", test_errors_in_place);
  ADD ("/clinic-import/progress-cancel", test_progress_cancel);
#undef ADD
  return g_test_run ();
}
