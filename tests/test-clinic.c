/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "storage-test-util.h"
#include "config.h"

#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "vastus-clinic-private.h"
#include "vastus-draft-store.h"
#include "vastus-model-error.h"
#include "vastus-patient-model.h"
#include "vastus-patient-record.h"
#include "vastus-value.h"
#include "vastus-template-item.h"
#include "vastus-visit-item.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-clinic-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.db", NULL);
  /* On a server (storage-test-util.h): a new database there, which the clinic opens by URI. */
  if (storage_test_on_server ())
    {
      g_object_unref (storage_test_open ());
      g_free (fixture->path);
      fixture->path = g_strdup (storage_test_last_uri ());
    }
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Fixtures through a connection of their own */

static gint64
add_patient (VastusDatabase *db,
             const char     *mrn,
             const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();

  patient->mrn = g_strdup (mrn);
  patient->name = g_strdup (name);
  vastus_database_insert_patient (db, patient, &error);
  g_assert_no_error (error);
  return patient->id;
}

typedef struct
{
  guint   n;
  gint64 *ids;
} Patients;

/* "Patient 000" … in name order, MRNs P000 … */
static void
add_patients_cb (VastusDatabase *db,
                 gpointer        user_data)
{
  Patients *patients = user_data;
  g_autoptr(GError) error = NULL;

  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < patients->n; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("P%03u", i);
      g_autofree char *name = g_strdup_printf ("Patient %03u", i);

      patients->ids[i] = add_patient (db, mrn, name);
    }
  vastus_database_commit (db, &error);
  g_assert_no_error (error);
}

static gint64 *
add_patients (const char *path,
              guint       n)
{
  Patients patients = { n, g_new0 (gint64, n) };

  clinic_test_in_thread (path, add_patients_cb, &patients);
  return patients.ids;
}

static void
create_cb (VastusDatabase *db,
           gpointer        user_data)
{
}

/* The diff: steps that turn one list of ids into another, the fewest ids moved. */

static void
assert_diff (const gint64 *old_ids,
             guint         n_old,
             const gint64 *new_ids,
             guint         n_new,
             guint         n_steps)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) steps = _vastus_diff_ids (old_ids, n_old, new_ids, n_new);

  g_array_append_vals (list, old_ids, n_old);
  for (guint i = 0; i < steps->len; i++)
    {
      const VastusDiffStep *step = &g_array_index (steps, VastusDiffStep, i);

      g_assert_cmpuint (step->position + step->removed, <=, list->len);
      g_array_remove_range (list, step->position, step->removed);
      g_assert_cmpuint (step->position, <=, list->len);
      g_array_insert_vals (list, step->position, &new_ids[step->new_start], step->added);
    }
  g_assert_cmpuint (list->len, ==, n_new);
  for (guint i = 0; i < n_new; i++)
    g_assert_cmpint (g_array_index (list, gint64, i), ==, new_ids[i]);
  g_assert_cmpuint (steps->len, ==, n_steps);
}

static void
test_diff (void)
{
  const gint64 abcde[] = { 1, 2, 3, 4, 5 };
  g_autoptr(GArray) steps = NULL;

  /* The same list: nothing to do. */
  assert_diff (abcde, 5, abcde, 5, 0);
  /* One added in the middle: one insertion. */
  assert_diff (abcde, 5, (gint64[]) { 1, 2, 9, 3, 4, 5 }, 6, 1);
  /* 2, 4 and 5 removed: two removals (4–5 from the end, then 2). */
  assert_diff (abcde, 5, (gint64[]) { 1, 3 }, 2, 2);
  /* One moved from the front to the back: a removal and an insertion. */
  assert_diff (abcde, 5, (gint64[]) { 2, 3, 4, 5, 1 }, 5, 2);
  /* Reversed: one id keeps its place (5); the other four go as one run and come back as one. */
  assert_diff (abcde, 5, (gint64[]) { 5, 4, 3, 2, 1 }, 5, 2);
  /* From nothing, to nothing. */
  assert_diff (NULL, 0, abcde, 5, 1);
  assert_diff (abcde, 5, NULL, 0, 1);

  /* The steps themselves for a move of id 1 to the back: remove 1 at 0, insert it at 4. */
  steps = _vastus_diff_ids (abcde, 5, (gint64[]) { 2, 3, 4, 5, 1 }, 5);
  g_assert_cmpuint (g_array_index (steps, VastusDiffStep, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (steps, VastusDiffStep, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (steps, VastusDiffStep, 1).position, ==, 4);
  g_assert_cmpuint (g_array_index (steps, VastusDiffStep, 1).added, ==, 1);
  g_assert_cmpuint (g_array_index (steps, VastusDiffStep, 1).new_start, ==, 4);
}

/* Opening: a new file, a damaged one, and results delivered on the main context after the
 * changes the call made. */

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(VastusClinic) damaged = NULL;
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;

  clinic = clinic_test_open (fixture->path);
  g_assert_false (vastus_clinic_is_read_only (clinic));
  g_assert_cmpuint (vastus_clinic_get_n_patients (clinic), ==, 0);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  g_file_set_contents (garbage, "This is not a database, but it is long enough to be read as "
                       "one: SQLite wants at least a header's worth of bytes.", -1, &error);
  g_assert_no_error (error);
  damaged = vastus_clinic_new (garbage);
  vastus_clinic_open_async (damaged, NULL, clinic_test_open_cb, &error);
  clinic_test_wait (damaged);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DAMAGED);
  g_assert_false (vastus_clinic_is_open (damaged));
}

typedef struct
{
  GString *log;
  GThread *main_thread;
} Order;

static void
order_change_cb (VastusClinic       *clinic,
                 VastusClinicChange *change,
                 Order              *order)
{
  g_assert_true (g_thread_self () == order->main_thread);
  g_string_append_printf (order->log, "change %d %d;", change->record, change->kind);
}

static void
order_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Order *order = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = vastus_clinic_save_patient_finish (VASTUS_CLINIC (source), result, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_thread_self () == order->main_thread);
  g_string_append_printf (order->log, "saved %s;", id > 0 ? "id" : "none");
}

static void
test_results_on_main (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  Order order = { log, g_thread_self () };

  g_signal_connect (clinic, "patient-changed", G_CALLBACK (order_change_cb), &order);
  patient->mrn = g_strdup ("M-1");
  patient->name = g_strdup ("Ada Main");
  vastus_clinic_save_patient_async (clinic, patient, NULL, order_saved_cb, &order);
  /* Nothing runs before the call returns. */
  g_assert_cmpstr (log->str, ==, "");
  clinic_test_wait (clinic);
  /* VASTUS_CLINIC_RECORD_PATIENT 0, VASTUS_CLINIC_CHANGE_ADDED 0: the change, then the result. */
  g_assert_cmpstr (log->str, ==, "change 0 0;saved id;");
  g_assert_cmpuint (vastus_clinic_get_n_patients (clinic), ==, 1);
}

static void
count_change_cb (VastusClinic       *clinic,
                 VastusClinicChange *change,
                 guint              *n)
{
  (*n)++;
}

/* A call cancelled before it runs is not run; its result is an error. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (clinic, "patient-changed", G_CALLBACK (count_change_cb), &changes);
  patient->mrn = g_strdup ("C-1");
  patient->name = g_strdup ("Cancelled");
  /* Delayed: it is certainly still queued when cancelled. */
  vastus_clinic_set_delay (clinic, 200);
  vastus_clinic_save_patient_async (clinic, patient, cancellable, clinic_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  result = clinic_test_take_result (clinic, &result);
  g_assert_cmpint (vastus_clinic_save_patient_finish (clinic, result, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (vastus_clinic_get_n_patients (clinic), ==, 0);
  g_assert_cmpuint (changes, ==, 0);
}

/* With every call delayed on the worker, the main loop keeps turning meanwhile. */
static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_delay (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0, calls = vastus_clinic_get_n_calls (clinic);
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  vastus_clinic_set_delay (clinic, 300);
  vastus_clinic_find_patient_async (clinic, "NOBODY", NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_source_remove (tick);
  g_assert_cmpint (vastus_clinic_find_patient_finish (clinic, result, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (vastus_clinic_get_n_calls (clinic), ==, calls + 1);
  /* 300 ms of a 10 ms timer: the loop ran while the worker waited (a few, on a busy machine). */
  g_test_message ("%u ticks during the delayed call", ticks);
  g_assert_cmpuint (ticks, >=, 3);
}

/* While a clinic exists, SQL on the main thread aborts, naming the statement (in a child with
 * VASTUS_MAIN_THREAD_SQL=abort); the clinic's own calls run on its workers meanwhile. */
static void
test_main_thread_guard (Fixture       *fixture,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
      g_autoptr(VastusPatientModel) model = vastus_patient_model_new (clinic);
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;

      clinic_test_wait (clinic);
      g_assert_false (vastus_patient_model_get_loading (model));
      g_printerr ("the clinic worked; now SQL on the main thread\n");
      db = vastus_database_open (fixture->path, &error);
      g_printerr ("not reached\n");
      return;
    }
  clinic_test_in_thread (fixture->path, create_cb, NULL);
  /* The tests' environment has it (tests/meson.build); the child inherits it. */
  if (g_strcmp0 (g_getenv ("VASTUS_MAIN_THREAD_SQL"), "abort") != 0)
    g_setenv ("VASTUS_MAIN_THREAD_SQL", "abort", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*the clinic worked*"
                             "SQL on the main thread (VASTUS_MAIN_THREAD_SQL=abort): SELECT *");
  g_test_trap_assert_stderr_unmatched ("*not reached*");
}

/* The patient model */

typedef struct
{
  GString *log;
} ItemsLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ItemsLog   *log)
{
  g_string_append_printf (log->log, "(%u,%u,%u)", position, removed, added);
  /* The model is consistent whenever it says so: an item at every position. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
    }
}

static const char *
item_name (GListModel *model,
           guint       position)
{
  g_autoptr(VastusPatientItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  /* The name lives as long as the model holds the item's row. */
  return g_intern_string (vastus_patient_item_get_name (item));
}

static void
save_patient (VastusClinic  *clinic,
              VastusPatient *patient)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  vastus_clinic_save_patient_async (clinic, patient, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  id = vastus_clinic_save_patient_finish (clinic, result, &patient->row_version, &error);
  g_assert_no_error (error);
  patient->id = id;
}

static void
test_patient_model (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree gint64 *ids = add_patients (fixture->path, 250);
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(VastusPatientModel) model = vastus_patient_model_new (clinic);
  g_autoptr(GString) log = g_string_new (NULL);
  ItemsLog items_log = { log };
  g_autoptr(VastusPatientItem) far = NULL;
  g_autoptr(VastusPatient) added = vastus_patient_new ();
  g_autoptr(VastusPatient) renamed = NULL;
  guint fetches;

  vastus_patient_model_set_query (model, NULL, FALSE, VASTUS_PATIENT_ORDER_NAME);
  g_assert_true (vastus_patient_model_get_loading (model));
  clinic_test_wait (clinic);
  g_assert_false (vastus_patient_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 250);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &items_log);

  /* The first two pages came with the ids; position 240 is on page 2: a placeholder, then the
   * same item filled in. */
  g_assert_cmpstr (item_name (G_LIST_MODEL (model), 5), ==, "Patient 005");
  fetches = vastus_patient_model_debug_get_n_fetches (model);
  far = g_list_model_get_item (G_LIST_MODEL (model), 240);
  g_assert_false (vastus_patient_item_get_loaded (far));
  g_assert_cmpint (vastus_patient_item_get_id (far), ==, ids[240]);
  g_assert_cmpstr (vastus_patient_item_get_name (far), ==, "");
  clinic_test_wait (clinic);
  g_assert_true (vastus_patient_item_get_loaded (far));
  g_assert_cmpstr (vastus_patient_item_get_name (far), ==, "Patient 240");
  g_assert_cmpuint (vastus_patient_model_debug_get_n_fetches (model), ==, fetches + 1);

  /* "Patient 002a" sorts between 002 and 003: one row added at 3. */
  added->mrn = g_strdup ("NEW");
  added->name = g_strdup ("Patient 002a");
  save_patient (clinic, added);
  g_assert_cmpstr (log->str, ==, "(3,0,1)");
  g_assert_cmpstr (item_name (G_LIST_MODEL (model), 3), ==, "Patient 002a");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 251);

  /* Patient 000 renamed to the end: out at 0, in at the end (250 of 251). */
  g_string_truncate (log, 0);
  renamed = vastus_patient_new ();
  renamed->id = ids[0];
  renamed->row_version = 1;  /* as stored: it has not changed since */
  renamed->mrn = g_strdup ("P000");
  renamed->name = g_strdup ("Zed Patient");
  save_patient (clinic, renamed);
  g_assert_cmpstr (log->str, ==, "(0,1,0)(250,0,1)");
  g_assert_cmpstr (item_name (G_LIST_MODEL (model), 250), ==, "Zed Patient");

  /* Archived: it leaves the active list. */
  g_string_truncate (log, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusPatient) archived = NULL;

    vastus_clinic_set_archived_async (clinic, ids[10], 0, TRUE, NULL, clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    archived = vastus_clinic_set_archived_finish (clinic, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (archived->name, ==, "Patient 010");
    g_assert_true (archived->archived);
  }
  /* Patient 010 is at 10: 001 … 002, 002a, 003 … (Patient 000 went to the end). */
  g_assert_cmpstr (log->str, ==, "(10,1,0)");
  g_assert_false (vastus_patient_model_find_position (model, ids[10], NULL));
}

/* Another program archives and removes patients: the model returns an item for every position
 * all the while, and drops them at its next read (which a missing row starts). */
typedef struct
{
  gint64 *ids;
  guint   from, to;
} Archive;

static void
archive_cb (VastusDatabase *db,
            gpointer        user_data)
{
  Archive *archive = user_data;
  g_autoptr(GError) error = NULL;

  for (guint i = archive->from; i < archive->to; i++)
    {
      vastus_database_set_patient_archived (db, archive->ids[i], 0, TRUE, &error);
      g_assert_no_error (error);
    }
}

static void
mark_demo_cb (VastusDatabase *db,
              gpointer        user_data)
{
  Archive *archive = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = archive->from; i < archive->to; i++)
    {
      g_autoptr(VastusPatient) patient = vastus_database_get_patient (db, archive->ids[i], &error);

      g_assert_no_error (error);
      patient->demo = TRUE;
      vastus_database_update_patient (db, patient, &error);
      g_assert_no_error (error);
    }
  vastus_database_remove_demo (db, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, archive->to - archive->from);
}

static void
test_patient_model_other_connection (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree gint64 *ids = add_patients (fixture->path, 300);
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(VastusPatientModel) model = vastus_patient_model_new (clinic);
  g_autoptr(GString) log = g_string_new (NULL);
  ItemsLog items_log = { log };
  Archive archived = { ids, 100, 150 }, removed = { ids, 200, 230 };
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  vastus_patient_model_set_query (model, NULL, FALSE, VASTUS_PATIENT_ORDER_NAME);
  clinic_test_wait (clinic);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &items_log);

  clinic_test_in_thread (fixture->path, archive_cb, &archived);
  clinic_test_in_thread (fixture->path, mark_demo_cb, &removed);
  /* Nobody told the model: it still has 300 rows, and an item for each, placeholders for the
   * pages it has not read. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_false (vastus_patient_item_get_loaded (held->pdata[250]));
  g_assert_cmpstr (log->str, ==, "");

  /* Reading page 1 (rows 100–199) finds 50 archived; page 2 finds 30 gone: the list is read
   * again, and the rows go with exact items-changed: 200–229 first (from the end), then
   * 100–149. */
  clinic_test_wait (clinic);
  g_assert_cmpstr (log->str, ==, "(200,30,0)(100,50,0)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 220);
  g_assert_cmpstr (item_name (G_LIST_MODEL (model), 100), ==, "Patient 150");
  g_assert_cmpstr (item_name (G_LIST_MODEL (model), 150), ==, "Patient 230");
  /* The held items of the rows still there are the model's. */
  {
    g_autoptr(VastusPatientItem) item = g_list_model_get_item (G_LIST_MODEL (model), 150);

    g_assert_true (item == held->pdata[230]);
    g_assert_true (vastus_patient_item_get_loaded (item));
  }
}

/* Records */

static void
save_episode (VastusClinic  *clinic,
              VastusEpisode *episode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vastus_clinic_save_episode_async (clinic, episode, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  episode->id = vastus_clinic_save_episode_finish (clinic, result, &episode->row_version, &error);
  g_assert_no_error (error);
}

static VastusVisit *
save_visit (VastusClinic      *clinic,
            gint64             patient_id,
            const VastusVisit *visit,
            const VastusVisit *original)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VastusVisit *stored;

  vastus_clinic_save_visit_async (clinic, patient_id, visit, original, NULL, NULL,
                                  clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  stored = vastus_clinic_save_visit_finish (clinic, result, &error);
  g_assert_no_error (error);
  return stored;
}

static VastusVisit *
make_visit (gint64      episode_id,
            const char *date,
            double      left)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->episode_id = episode_id;
  g_assert_true (vastus_date_parse (date, &visit->date, NULL));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                               1, left, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT,
                                                               1, 400, "N"));
  return visit;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_patient_record (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree gint64 *ids = add_patients (fixture->path, 2);
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  guint calls = vastus_clinic_get_n_calls (clinic);
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (clinic, ids[1]);
  g_autoptr(VastusPatientRecord) again = NULL;
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) first = NULL;
  g_autoptr(VastusVisit) second = NULL;
  g_autoptr(GString) episodes_log = g_string_new (NULL);
  g_autoptr(GString) visits_log = g_string_new (NULL);
  ItemsLog episodes_items = { episodes_log }, visits_items = { visits_log };
  VastusEpisodeRecord *episode_record;
  GListModel *visits;
  guint history_changes = 0;

  /* One record per patient while it is held. */
  again = vastus_clinic_get_patient (clinic, ids[1]);
  g_assert_true (again == record);
  clinic_test_wait (clinic);
  /* Patient, episodes and the newest episode's visits: one call. */
  g_assert_cmpuint (vastus_clinic_get_n_calls (clinic), ==, calls + 1);
  g_assert_true (vastus_patient_record_get_loaded (record));
  g_assert_cmpstr (vastus_patient_record_get_patient (record)->name, ==, "Patient 001");
  g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (record)), ==, 0);
  g_signal_connect (vastus_patient_record_get_episodes (record), "items-changed",
                    G_CALLBACK (items_changed_cb), &episodes_items);

  /* The first episode: the record has it at once, from the one change. */
  episode->patient_id = ids[1];
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  save_episode (clinic, episode);
  g_assert_cmpstr (episodes_log->str, ==, "(0,0,1)");
  episode_record = vastus_patient_record_find_episode (record, episode->id);
  g_assert_nonnull (episode_record);
  g_assert_cmpint (vastus_episode_record_get_episode (episode_record)->involved_side, ==,
                   VASTUS_SIDE_LEFT);
  /* Its visits were read with it. */
  g_assert_true (vastus_episode_record_get_visits_loaded (episode_record));
  visits = vastus_episode_record_get_visits (episode_record);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 0);
  g_signal_connect (visits, "items-changed", G_CALLBACK (items_changed_cb), &visits_items);
  g_signal_connect (episode_record, "notify::history", G_CALLBACK (count_notify_cb),
                    &history_changes);

  /* Two visits, the second older: newest first in the model, oldest first in the history. Each
   * is in the model when its save answers, from the change: one call, the save (the visits as
   * stored come with it), no read after it. */
  {
    g_autoptr(VastusVisit) a = make_visit (episode->id, "2026-03-01", 300);
    g_autoptr(VastusVisit) b = make_visit (episode->id, "2026-02-01", 250);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    calls = vastus_clinic_get_n_calls (clinic);
    vastus_clinic_save_visit_async (clinic, ids[1], a, NULL, NULL, NULL, clinic_test_result_cb,
                                    &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 1);
    first = vastus_clinic_save_visit_finish (clinic, result, &error);
    g_assert_no_error (error);
    clinic_test_wait (clinic);
    second = save_visit (clinic, ids[1], b, NULL);
    g_assert_cmpuint (vastus_clinic_get_n_calls (clinic), ==, calls + 2);
  }
  g_assert_cmpstr (visits_log->str, ==, "(0,0,1)(1,0,1)");
  g_assert_cmpuint (history_changes, ==, 2);
  g_assert_cmpint (vastus_history_get_visit (vastus_episode_record_get_history (episode_record),
                                            0)->id, ==, second->id);

  /* An edited value: the item stays, its visit is replaced; the history follows. */
  {
    g_autoptr(VastusVisit) edited = vastus_visit_copy (first);
    g_autoptr(VastusVisit) stored = NULL;
    g_autoptr(VastusVisitItem) item = g_list_model_get_item (visits, 0);
    guint visit_changes = 0;

    g_signal_connect (item, "notify::visit", G_CALLBACK (count_notify_cb), &visit_changes);
    ((VastusMeasurement *) edited->measurements->pdata[0])->value = 310;
    stored = save_visit (clinic, ids[1], edited, first);
    g_assert_cmpstr (visits_log->str, ==, "(0,0,1)(1,0,1)");
    g_assert_cmpuint (visit_changes, ==, 1);
    g_assert_cmpfloat (((VastusMeasurement *)
                        vastus_visit_item_get_visit (item)->measurements->pdata[0])->value, ==, 310);
    g_assert_cmpuint (history_changes, ==, 3);
  }

  /* Deleted: out of the model; restored: back in its place. */
  g_string_truncate (visits_log, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    vastus_clinic_delete_visit_async (clinic, ids[1], episode->id, second->id, 0, FALSE, NULL,
                                      clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    g_assert_true (vastus_clinic_delete_visit_finish (clinic, result, &error));
    g_clear_object (&result);
    vastus_clinic_delete_visit_async (clinic, ids[1], episode->id, second->id, 0, TRUE, NULL,
                                      clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    g_assert_true (vastus_clinic_delete_visit_finish (clinic, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (visits_log->str, ==, "(1,1,0)(1,0,1)");

  /* A second episode, entered by mistake: deleted, it leaves the record's episodes from the one
   * change; restored, it comes back. The first, with visits, is refused and stays. */
  {
    g_autoptr(VastusEpisode) mistake = vastus_episode_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    mistake->patient_id = ids[1];
    mistake->condition = VASTUS_CONDITION_PFP;
    mistake->involved_side = VASTUS_SIDE_RIGHT;
    save_episode (clinic, mistake);
    g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (record)), ==, 2);
    g_string_truncate (episodes_log, 0);
    vastus_clinic_delete_episode_async (clinic, ids[1], mistake->id, 0, FALSE, NULL,
                                        clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    g_assert_true (vastus_clinic_delete_episode_finish (clinic, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (record)), ==, 1);
    g_assert_null (vastus_patient_record_find_episode (record, mistake->id));
    g_clear_object (&result);
    vastus_clinic_delete_episode_async (clinic, ids[1], mistake->id, 0, TRUE, NULL,
                                        clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    g_assert_true (vastus_clinic_delete_episode_finish (clinic, result, &error));
    g_assert_nonnull (vastus_patient_record_find_episode (record, mistake->id));
    g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (record)), ==, 2);
    /* One item out, one back (where depends on the order of episodes by their dates). */
    g_assert_true (g_str_has_suffix (episodes_log->str, ",1)") &&
                   strstr (episodes_log->str, ",1,0)(") != NULL);
    g_clear_object (&result);
    vastus_clinic_delete_episode_async (clinic, ids[1], episode->id, 0, FALSE, NULL,
                                        clinic_test_result_cb, &result);
    result = clinic_test_take_result (clinic, &result);
    g_assert_false (vastus_clinic_delete_episode_finish (clinic, result, &error));
    g_assert_nonnull (strstr (error->message, "2 visits: delete them first"));
    g_assert_nonnull (vastus_patient_record_find_episode (record, episode->id));
  }
}

/* A saved visit ends its draft in the same transaction; an edit is audited and read back in one
 * call as the value's history. */
typedef struct
{
  gint64  episode_id;
  gint64  visit_id;
  gboolean found;
} DraftCheck;

static void
draft_check_cb (VastusDatabase *db,
                gpointer        user_data)
{
  DraftCheck *check = user_data;
  g_autoptr(GError) error = NULL;

  g_autofree char *state = NULL;

  g_assert_true (vastus_database_load_draft (db, check->episode_id, check->visit_id, &state, NULL,
                                             &error));
  g_assert_no_error (error);
  check->found = state != NULL;
}

static void
test_visit_draft_and_history (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree gint64 *ids = add_patients (fixture->path, 1);
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  g_autoptr(VastusVisit) edited = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) history = NULL;
  g_autofree char *state = NULL;
  DraftCheck check = { 0 };

  episode->patient_id = ids[0];
  episode->involved_side = VASTUS_SIDE_LEFT;
  save_episode (clinic, episode);
  vastus_clinic_save_draft_async (clinic, ids[0], episode->id, 0, "{'format': <uint32 1>}", NULL,
                                  clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_save_draft_finish (clinic, result, &error));
  g_clear_object (&result);
  vastus_clinic_load_draft_async (clinic, episode->id, 0, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_load_draft_finish (clinic, result, &state, NULL, &error));
  g_assert_cmpstr (state, ==, "{'format': <uint32 1>}");
  g_clear_object (&result);

  visit = make_visit (episode->id, "2026-03-01", 300);
  stored = save_visit (clinic, ids[0], visit, NULL);
  check.episode_id = episode->id;
  clinic_test_in_thread (fixture->path, draft_check_cb, &check);
  g_assert_false (check.found);

  vastus_clinic_set_actor (clinic, "anna");
  edited = vastus_visit_copy (stored);
  ((VastusMeasurement *) edited->measurements->pdata[0])->value = 310;
  g_clear_pointer (&visit, vastus_visit_free);
  visit = save_visit (clinic, ids[0], edited, stored);
  g_clear_object (&result);
  vastus_clinic_read_visit_history_async (clinic, visit, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  history = vastus_clinic_read_visit_history_finish (clinic, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (history), ==, 1);
  {
    /* On a server the trail names the login (storage-test-util.h). */
    g_autofree char *pattern = g_strdup_printf ("Left: edited by %s on 20*-*-* *:* UTC, was 300 N",
                                                storage_test_actor ("anna"));

    g_assert_true (g_pattern_match_simple (pattern, g_hash_table_lookup (history, "quadriceps_hhd")));
  }
}

/* The names to check */

typedef struct
{
  gint64 cher, dijk, berg;
} NamedPatients;

/* Whole names only, as an old CSV wrote them: "Cher" (one word) and "Sofia van Dijk" (three) are
 * split by a guess, "Berg, Jonas" for certain. */
static void
add_named_cb (VastusDatabase *db,
              gpointer        user_data)
{
  NamedPatients *named = user_data;

  named->dijk = add_patient (db, "R-1", "Sofia van Dijk");
  named->cher = add_patient (db, "R-2", "Cher");
  named->berg = add_patient (db, "R-3", "Berg, Jonas");
}

static void
rename_dijk_cb (VastusDatabase *db,
                gpointer        user_data)
{
  NamedPatients *named = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_get_patient (db, named->dijk, &error);

  g_assert_no_error (error);
  g_free (patient->family_name);
  patient->family_name = g_strdup ("van Dijk");
  g_free (patient->given_name);
  patient->given_name = g_strdup ("Sofia");
  g_clear_pointer (&patient->name, g_free);
  g_assert_true (vastus_database_update_patient (db, patient, &error));
  g_assert_no_error (error);
}

static gint64
review_id (GListModel *model,
           guint       position)
{
  g_autoptr(VastusNameReviewItem) item = g_list_model_get_item (model, position);

  return vastus_name_review_item_get_patient_id (item);
}

static void
count_patient_change_cb (VastusClinic             *clinic,
                         const VastusClinicChange *change,
                         GArray                   *ids)
{
  g_array_append_val (ids, change->id);
}

/* The clinic's list of names to check: read on a worker, by family name; confirming a split is a
 * write announced as a change of the patient, and the list loses exactly that row; a change made
 * elsewhere and announced reaches it the same way. */
static void
test_name_reviews (Fixture       *fixture,
                   gconstpointer  data)
{
  NamedPatients named = { 0 };
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusClinicChange) change = NULL;
  ItemsLog log = { g_string_new (NULL) };
  GListModel *reviews;

  clinic_test_in_thread (fixture->path, add_named_cb, &named);
  clinic = clinic_test_open (fixture->path);
  reviews = vastus_clinic_get_name_reviews (clinic);
  g_assert_true (reviews == vastus_clinic_get_name_reviews (clinic));
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_assert_false (vastus_name_review_list_get_loaded (VASTUS_NAME_REVIEW_LIST (reviews)));
  g_signal_connect (reviews, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_signal_connect (clinic, "patient-changed", G_CALLBACK (count_patient_change_cb), changed);
  clinic_test_wait (clinic);
  g_assert_true (vastus_name_review_list_get_loaded (VASTUS_NAME_REVIEW_LIST (reviews)));

  /* By family name as split: "Cher" (CHER), then "Dijk" (DIJK, Sofia van); not Berg. */
  g_assert_cmpstr (log.log->str, ==, "(0,0,2)");
  g_assert_cmpint (review_id (reviews, 0), ==, named.cher);
  g_assert_cmpint (review_id (reviews, 1), ==, named.dijk);
  {
    g_autoptr(VastusNameReviewItem) dijk = g_list_model_get_item (reviews, 1);

    g_assert_cmpstr (vastus_name_review_item_get_mrn (dijk), ==, "R-1");
    g_assert_cmpstr (vastus_name_review_item_get_written (dijk), ==, "Sofia van Dijk");
    g_assert_cmpstr (vastus_name_review_item_get_family_name (dijk), ==, "Dijk");
    g_assert_cmpstr (vastus_name_review_item_get_given_name (dijk), ==, "Sofia van");
    g_assert_cmpstr (vastus_name_review_item_get_reason (dijk), ==, "several_words");
  }

  /* Cher is right: one change of Cher, and her row alone goes. */
  g_string_truncate (log.log, 0);
  vastus_clinic_confirm_name_split_async (clinic, named.cher, NULL, clinic_test_result_cb,
                                          &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_confirm_name_split_finish (clinic, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, named.cher);
  g_assert_cmpstr (log.log->str, ==, "(0,1,0)");
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_assert_cmpint (review_id (reviews, 0), ==, named.dijk);

  /* Another workstation corrects van Dijk's names and says so: the list follows. */
  g_string_truncate (log.log, 0);
  clinic_test_in_thread (fixture->path, rename_dijk_cb, &named);
  change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_PATIENT, VASTUS_CLINIC_CHANGE_CHANGED,
                                     named.dijk, named.dijk, 0);
  vastus_clinic_emit_change (clinic, change);
  clinic_test_wait (clinic);
  g_assert_cmpstr (log.log->str, ==, "(0,1,0)");
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);

  g_signal_handlers_disconnect_by_func (reviews, items_changed_cb, &log);
  g_string_free (log.log, TRUE);
  vastus_clinic_close (clinic);
}

/* Test batteries: the list (the clinic's, then the built-in ones) follows each save and delete
 * through ::template-changed, a changed battery in place; a visit saved through the clinic names
 * the battery it was entered with. */
static void
template_changed_cb (VastusClinic       *clinic,
                     VastusClinicChange *change,
                     GString            *log)
{
  g_string_append_printf (log, "[%d %" G_GINT64_FORMAT "]", change->kind, change->id);
}

static gint64
template_id_at (GListModel *templates,
                guint       position)
{
  g_autoptr(VastusTemplateItem) item = g_list_model_get_item (templates, position);

  return vastus_template_item_get_id (item);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_templates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (fixture->path);
  GListModel *templates = vastus_clinic_get_templates (clinic);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) changes = g_string_new (NULL);
  ItemsLog items_log = { log };
  g_autoptr(VastusTemplate) battery = vastus_template_new ();
  g_autoptr(VastusTemplate) stored = NULL;
  g_autoptr(VastusTemplateItem) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  clinic_test_wait (clinic);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 3);
  g_signal_connect (templates, "items-changed", G_CALLBACK (items_changed_cb), &items_log);
  g_signal_connect (clinic, "template-changed", G_CALLBACK (template_changed_cb), changes);

  /* Added: before the built-in ones. */
  battery->name = g_strdup ("ACL 12-week battery");
  vastus_template_add_measure (battery, "quadriceps_hhd", 3, "lbf");
  vastus_clinic_save_template_async (clinic, battery, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  stored = vastus_clinic_save_template_finish (clinic, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->id, >, 0);
  {
    g_autofree char *added = g_strdup_printf ("[%d %" G_GINT64_FORMAT "]",
                                              VASTUS_CLINIC_CHANGE_ADDED, stored->id);

    g_assert_cmpstr (changes->str, ==, added);
  }
  clinic_test_wait (clinic);
  g_assert_cmpstr (log->str, ==, "(0,0,1)");
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 4);
  g_assert_cmpint (template_id_at (templates, 0), ==, stored->id);

  /* Changed: the same item, told. */
  first = g_list_model_get_item (templates, 0);
  g_signal_connect (first, "notify::template", G_CALLBACK (notify_count_cb), &notified);
  g_string_truncate (log, 0);
  vastus_template_add_measure (stored, "single_hop", 2, NULL);
  g_clear_object (&result);
  vastus_clinic_save_template_async (clinic, stored, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_clear_pointer (&stored, vastus_template_free);
  stored = vastus_clinic_save_template_finish (clinic, result, &error);
  g_assert_no_error (error);
  clinic_test_wait (clinic);
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (vastus_template_item_get_template (first)->measures->len, ==, 2);

  /* Refused: the model's message, nothing changed. */
  g_clear_object (&result);
  g_ptr_array_set_size (battery->measures, 0);
  vastus_clinic_save_template_async (clinic, battery, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_null (vastus_clinic_save_template_finish (clinic, result, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_TEMPLATE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 4);

  /* Deleted, then back. */
  g_clear_object (&result);
  vastus_clinic_delete_template_async (clinic, stored->id, FALSE, NULL, clinic_test_result_cb,
                                       &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_delete_template_finish (clinic, result, &error));
  clinic_test_wait (clinic);
  g_assert_cmpstr (log->str, ==, "(0,1,0)");
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 3);
  g_clear_object (&result);
  vastus_clinic_delete_template_async (clinic, stored->id, TRUE, NULL, clinic_test_result_cb,
                                       &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_delete_template_finish (clinic, result, &error));
  clinic_test_wait (clinic);
  g_assert_cmpstr (log->str, ==, "(0,1,0)(0,0,1)");
  g_assert_cmpint (template_id_at (templates, 0), ==, stored->id);

  g_signal_handlers_disconnect_by_func (templates, items_changed_cb, &items_log);
  g_signal_handlers_disconnect_by_func (first, notify_count_cb, &notified);
  vastus_clinic_close (clinic);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clinic/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/clinic/diff", test_diff);
  /* A new file: SQLite's alone. */
  if (!storage_test_on_server ())
    ADD ("open", test_open);
  ADD ("main-thread-guard", test_main_thread_guard);
  ADD ("results-on-main", test_results_on_main);
  ADD ("cancel", test_cancel);
  ADD ("delay", test_delay);
  ADD ("patient-model", test_patient_model);
  ADD ("patient-model-other-connection", test_patient_model_other_connection);
  ADD ("patient-record", test_patient_record);
  ADD ("visit-draft-and-history", test_visit_draft_and_history);
  ADD ("name-reviews", test_name_reviews);
  ADD ("templates", test_templates);
#undef ADD

  return g_test_run ();
}
