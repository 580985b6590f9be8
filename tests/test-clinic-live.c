/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live updates at the clinic layer: two clinics on one server (two workstations) see each
 * other's saves as they are committed (the record signals, ::changed), their list models and
 * records update themselves, their own saves are not announced twice, and after the listener's
 * connection was lost and came back everything is read again (::reloaded) and the visits open
 * are leased again. On SQLite nothing listens. Runs on both engines (storage-test-util.h); the
 * two-clinic tests on the server only.
 */
#include "storage-test-util.h"
#include "config.h"

#include <string.h>

#include "clinic-test-util.h"
#include "vastus-lease-store.h"
#include "vastus-criteria-set-item.h"
#include "vastus-patient-item.h"
#include "vastus-patient-model.h"
#include "vastus-patient-record.h"

typedef struct
{
  GString *changed;     /* "table:patient;" for each ::changed */
  guint    n_reloaded;
} Heard;

static void
changed_cb (VastusClinic *clinic,
            const char   *table,
            gint64        patient_id,
            Heard        *heard)
{
  g_string_append_printf (heard->changed, "%s:%" G_GINT64_FORMAT ";", table, patient_id);
}

static void
reloaded_cb (VastusClinic *clinic,
             Heard        *heard)
{
  heard->n_reloaded++;
}

static void
hear (VastusClinic *clinic,
      Heard        *heard)
{
  heard->changed = g_string_new (NULL);
  g_signal_connect (clinic, "changed", G_CALLBACK (changed_cb), heard);
  g_signal_connect (clinic, "reloaded", G_CALLBACK (reloaded_cb), heard);
}

static void
stop_hearing (VastusClinic *clinic,
              Heard        *heard)
{
  g_signal_handlers_disconnect_by_data (clinic, heard);
  g_string_free (heard->changed, TRUE);
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main context until @condition holds (20 s at most: then the test fails). */
static void
wait_until (Condition  condition,
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  g_assert_true (condition (data));
}

static gboolean
is_listening (gpointer clinic)
{
  return vastus_clinic_is_listening (clinic);
}

static gboolean
n_items_is_one (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

typedef struct
{
  GString    *text;
  const char *want;
} Contains;

static gboolean
contains (gpointer data)
{
  Contains *c = data;

  return strstr (c->text->str, c->want) != NULL;
}

static void
wait_for_changed (Heard      *heard,
                  const char *want)
{
  Contains c = { heard->changed, want };

  wait_until (contains, &c);
}

static gint64
save_patient (VastusClinic *clinic,
              const char   *mrn,
              const char   *name)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  patient->mrn = g_strdup (mrn);
  patient->name = g_strdup (name);
  vastus_clinic_save_patient_async (clinic, patient, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  id = vastus_clinic_save_patient_finish (clinic, result, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static char *
new_database (void)
{
  g_object_unref (storage_test_open ());
  return g_strdup (storage_test_last_uri ());
}

/* SQLite: one user; the clinic never listens, and another connection's save is not heard. */
static void
test_sqlite_not_listening (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vastus-test-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(VastusClinic) clinic = clinic_test_open (path);
  g_autoptr(VastusPatient) other = vastus_patient_new ();
  Heard heard = { 0 };

  hear (clinic, &heard);
  g_assert_false (vastus_clinic_is_server (clinic));
  other->mrn = g_strdup ("OTHER-1");
  other->name = g_strdup ("Ola Nordmann");
  clinic_test_insert_patient (path, other);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  clinic_test_wait (clinic);
  g_assert_false (vastus_clinic_is_listening (clinic));
  g_assert_cmpstr (heard.changed->str, ==, "");
  stop_hearing (clinic, &heard);
  vastus_clinic_close (clinic);
  g_remove (path);
  g_rmdir (dir);
}

/* Two workstations: what one saves, the other's list and records show, and each hears only the
 * other's saves. */
static void
test_two_clinics (void)
{
  g_autofree char *uri = new_database ();
  g_autoptr(VastusClinic) a = clinic_test_open (uri);
  g_autoptr(VastusClinic) b = clinic_test_open (uri);
  g_autoptr(VastusPatientModel) model = vastus_patient_model_new (a);
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(VastusPatientItem) item = NULL;
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autofree char *want = NULL;
  VastusEpisodeRecord *episode_record;
  Heard heard_a = { 0 }, heard_b = { 0 };
  gint64 theirs, mine;
  guint n_sets;

  hear (a, &heard_a);
  hear (b, &heard_b);
  wait_until (is_listening, a);
  wait_until (is_listening, b);
  vastus_patient_model_set_query (model, NULL, FALSE, VASTUS_PATIENT_ORDER_NAME);
  clinic_test_wait (a);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* B adds a patient: A's list has it, without anyone asking A to read. */
  theirs = save_patient (b, "B-1", "Berg Ola");
  want = g_strdup_printf ("patient:%" G_GINT64_FORMAT ";", theirs);
  wait_for_changed (&heard_a, want);
  wait_until (n_items_is_one, model);
  clinic_test_wait (a);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (vastus_patient_item_get_loaded (item));
  g_assert_cmpstr (vastus_patient_item_get_patient (item)->mrn, ==, "B-1");

  /* A adds one: B hears it, and (notices come in commit order) B heard nothing of its own. */
  mine = save_patient (a, "A-1", "Aas Kari");
  g_free (want);
  want = g_strdup_printf ("patient:%" G_GINT64_FORMAT ";", mine);
  wait_for_changed (&heard_b, want);
  g_assert_cmpstr (heard_b.changed->str, ==, want);
  g_free (want);
  want = g_strdup_printf ("patient:%" G_GINT64_FORMAT ";", theirs);
  g_assert_cmpstr (heard_a.changed->str, ==, want);

  /* A shows B's patient; B adds an episode and a visit: A's record has both. */
  record = vastus_clinic_get_patient (a, theirs);
  clinic_test_wait (a);
  g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (record)), ==, 0);
  episode->patient_id = theirs;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_RIGHT;
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    vastus_clinic_save_episode_async (b, episode, NULL, clinic_test_result_cb, &result);
    result = clinic_test_take_result (b, &result);
    episode->id = vastus_clinic_save_episode_finish (b, result, NULL, &error);
    g_assert_no_error (error);
  }
  wait_until (n_items_is_one, vastus_patient_record_get_episodes (record));
  clinic_test_wait (a);
  episode_record = vastus_patient_record_find_episode (record, episode->id);
  g_assert_nonnull (episode_record);
  g_assert_cmpint (vastus_episode_record_get_episode (episode_record)->involved_side, ==,
                   VASTUS_SIDE_RIGHT);
  {
    g_autoptr(VastusVisit) visit = vastus_visit_new ();
    g_autoptr(VastusVisit) stored = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    visit->episode_id = episode->id;
    g_date_set_dmy (&visit->date, 5, 3, 2026);
    vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd",
                                                                 VASTUS_SIDE_LEFT, 1, 420, "N"));
    vastus_clinic_save_visit_async (b, theirs, visit, NULL, NULL, NULL, clinic_test_result_cb,
                                    &result);
    result = clinic_test_take_result (b, &result);
    stored = vastus_clinic_save_visit_finish (b, result, &error);
    g_assert_no_error (error);
  }
  wait_until (n_items_is_one, vastus_episode_record_get_visits (episode_record));
  g_free (want);
  want = g_strdup_printf ("visit:%" G_GINT64_FORMAT ";", theirs);
  wait_for_changed (&heard_a, want);

  /* B copies a criteria set: A's list of sets has one more. */
  n_sets = g_list_model_get_n_items (vastus_clinic_get_criteria_sets (a));
  clinic_test_wait (a);
  n_sets = g_list_model_get_n_items (vastus_clinic_get_criteria_sets (a));
  g_assert_cmpuint (n_sets, >, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusCriteriaSet) set = NULL;

    vastus_clinic_copy_criteria_set_async (b, "aclr-return-to-sport", "Ours", NULL,
                                           clinic_test_result_cb, &result);
    result = clinic_test_take_result (b, &result);
    set = vastus_clinic_copy_criteria_set_finish (b, result, &error);
    g_assert_no_error (error);
  }
  wait_for_changed (&heard_a, "criteria_set:0;");
  clinic_test_wait (a);
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_criteria_sets (a)), ==,
                    n_sets + 1);
  g_assert_cmpuint (heard_a.n_reloaded, ==, 0);

  stop_hearing (a, &heard_a);
  stop_hearing (b, &heard_b);
  g_clear_object (&record);
  g_clear_object (&item);
  g_clear_object (&model);
  vastus_clinic_close (a);
  vastus_clinic_close (b);
}

static gboolean
reloaded_once (gpointer data)
{
  return ((Heard *) data)->n_reloaded == 1;
}

static gpointer
terminate_listeners (VastusDatabase *db,
                     gpointer        user_data)
{
  return GINT_TO_POINTER ((int) storage_test_query_int (db,
    "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
    "WHERE datname = current_database () AND query = 'LISTEN vastus_change'"));
}

/* The server ends the listener's session: the clinic listens again by itself and reads
 * everything again once, since what was saved meanwhile was never announced. */
static void
test_reconnect_reloads (void)
{
  g_autofree char *uri = new_database ();
  g_autoptr(VastusClinic) clinic = clinic_test_open (uri);
  g_autoptr(VastusPatient) other = vastus_patient_new ();
  g_autofree char *want = NULL;
  Heard heard = { 0 };

  hear (clinic, &heard);
  wait_until (is_listening, clinic);
  g_assert_cmpint (GPOINTER_TO_INT (clinic_test_query (uri, terminate_listeners, NULL)), ==, 1);
  wait_until (reloaded_once, &heard);
  wait_until (is_listening, clinic);
  g_assert_cmpstr (heard.changed->str, ==, "");

  /* Listening again: another connection's save is heard. */
  other->mrn = g_strdup ("AGAIN-1");
  other->name = g_strdup ("Ola Nordmann");
  clinic_test_insert_patient (uri, other);
  want = g_strdup_printf ("patient:%" G_GINT64_FORMAT ";", other->id);
  wait_for_changed (&heard, want);
  g_assert_cmpuint (heard.n_reloaded, ==, 1);

  stop_hearing (clinic, &heard);
  vastus_clinic_close (clinic);
  g_assert_false (vastus_clinic_is_listening (clinic));
}

#define OTHERS "FROM pg_stat_activity WHERE datname = current_database () " \
               "AND pid <> pg_backend_pid () AND query <> 'LISTEN vastus_change'"

/* Ends every session of the database but the listener's (and this one), and waits until they
 * are gone: the writer's idle connection finds its end on its next use. */
static gpointer
terminate_others (VastusDatabase *db,
                  gpointer        user_data)
{
  int n = (int) storage_test_query_int (db, "SELECT count (pg_terminate_backend (pid)) " OTHERS);

  for (int i = 0; i < 2000 && storage_test_query_int (db, "SELECT count (*) " OTHERS) > 0; i++)
    g_usleep (10000);
  return GINT_TO_POINTER (n);
}

/* The server ends the writer's idle session (and the readers'): the next save connects again,
 * and its notice is still the clinic's own, not announced as another workstation's. */
static void
test_writer_reconnect_own (void)
{
  g_autofree char *uri = new_database ();
  g_autoptr(VastusClinic) clinic = clinic_test_open (uri);
  g_autoptr(VastusPatient) other = vastus_patient_new ();
  g_autofree char *want = NULL;
  Heard heard = { 0 };
  gint64 mine;

  hear (clinic, &heard);
  wait_until (is_listening, clinic);
  save_patient (clinic, "OWN-1", "Eide Kari");
  g_assert_cmpint (GPOINTER_TO_INT (clinic_test_query (uri, terminate_others, NULL)), >=, 1);
  mine = save_patient (clinic, "OWN-2", "Eide Per");
  g_assert_cmpint (mine, >, 0);
  /* Another connection's save after it: once it is heard, the clinic's own would have been
   * (notices come in commit order). */
  other->mrn = g_strdup ("OTHER-1");
  other->name = g_strdup ("Ola Nordmann");
  clinic_test_insert_patient (uri, other);
  want = g_strdup_printf ("patient:%" G_GINT64_FORMAT ";", other->id);
  wait_for_changed (&heard, want);
  g_assert_cmpstr (heard.changed->str, ==, want);
  g_assert_cmpuint (heard.n_reloaded, ==, 0);

  stop_hearing (clinic, &heard);
  vastus_clinic_close (clinic);
}

static gpointer
terminate_all (VastusDatabase *db,
               gpointer        user_data)
{
  return GINT_TO_POINTER ((int) storage_test_query_int (db,
    "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
    "WHERE datname = current_database () AND pid <> pg_backend_pid ()"));
}

static gpointer
count_live_leases (VastusDatabase *db,
                   gpointer        patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leases = vastus_database_list_visit_leases (db, *(gint64 *) patient_id,
                                                                   &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (leases->len);
}

typedef struct
{
  const char *uri;
  gint64      patient_id;
} LeaseQuery;

static gboolean
one_live_lease (gpointer data)
{
  LeaseQuery *q = data;

  return GPOINTER_TO_UINT (clinic_test_query (q->uri, count_live_leases, &q->patient_id)) == 1;
}

/* The server ends every session of the workstation (a network outage): once it listens again,
 * the visit still open in its editor is leased again, on the writer's new session. */
static void
test_lease_renewed (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autofree char *uri = g_strdup (storage_test_last_uri ());
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };
  LeaseQuery query;
  gint64 patient_id;
  gint64 visit_id;

  /* Written before the clinic exists. */
  visit_id = storage_test_add_visit (db, "LEASE-1", &patient_id, NULL);
  g_clear_object (&db);
  query = (LeaseQuery) { uri, patient_id };

  clinic = clinic_test_open (uri);
  hear (clinic, &heard);
  wait_until (is_listening, clinic);
  vastus_clinic_take_visit_lease_async (clinic, visit_id, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_take_visit_lease_finish (clinic, result, &error));
  g_assert_no_error (error);
  g_assert_true (one_live_lease (&query));

  g_assert_cmpint (GPOINTER_TO_INT (clinic_test_query (uri, terminate_all, NULL)), >=, 2);
  wait_until (reloaded_once, &heard);
  wait_until (one_live_lease, &query);

  stop_hearing (clinic, &heard);
  vastus_clinic_close (clinic);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinic-live/sqlite-not-listening", test_sqlite_not_listening);
  /* Two workstations need a server: the -pg run (suite storage-pg). */
  if (storage_test_on_server ())
    {
      g_test_add_func ("/clinic-live/two-clinics", test_two_clinics);
      g_test_add_func ("/clinic-live/reconnect-reloads", test_reconnect_reloads);
      g_test_add_func ("/clinic-live/writer-reconnect-own", test_writer_reconnect_own);
      g_test_add_func ("/clinic-live/lease-renewed", test_lease_renewed);
    }
  return g_test_run ();
}
