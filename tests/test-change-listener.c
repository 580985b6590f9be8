/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Change notices (vastus-change-listener.h): on a clinic server, what another connection
 * commits arrives parsed, with its table, patient, MRN, actor and time; a session's own changes
 * can be left out; a lost connection comes back by itself and says that notices were lost. Its
 * heartbeat cleans up the visit leases of ended sessions only on a server that takes writes,
 * and a clean-up that fails is tried again later and later, not every second. On SQLite the
 * listener does nothing. Runs on both engines (storage-test-util.h).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-change-listener.h"
#include "vastus-pg-listener.h"

typedef struct
{
  GPtrArray *notices;       /* VastusChangeNotice* */
  guint      n_connected;
  guint      n_reconnected;
  guint      n_disconnected;
} Seen;

static void
notice_cb (VastusChangeListener     *listener,
           const VastusChangeNotice *notice,
           Seen                     *seen)
{
  g_ptr_array_add (seen->notices, vastus_change_notice_copy (notice));
}

static void
connected_cb (VastusChangeListener *listener,
              gboolean              reconnected,
              Seen                 *seen)
{
  seen->n_connected++;
  if (reconnected)
    seen->n_reconnected++;
}

static void
disconnected_cb (VastusChangeListener *listener,
                 const char           *reason,
                 Seen                 *seen)
{
  g_assert_nonnull (reason);
  seen->n_disconnected++;
}

static VastusChangeListener *
listen_to (const char *path,
           Seen       *seen)
{
  VastusChangeListener *listener = vastus_change_listener_new (path);

  seen->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_change_notice_free);
  g_signal_connect (listener, "notice", G_CALLBACK (notice_cb), seen);
  g_signal_connect (listener, "connected", G_CALLBACK (connected_cb), seen);
  g_signal_connect (listener, "disconnected", G_CALLBACK (disconnected_cb), seen);
  vastus_change_listener_start (listener);
  return listener;
}

/* Runs the main context until @n notices came (or 20 s: a notice that never comes fails). */
static void
wait_for_notices (Seen  *seen,
                  guint  n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (seen->notices->len < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpuint (seen->notices->len, >=, n);
}

static void
wait_for_connected (Seen  *seen,
                    guint  n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (seen->n_connected < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpuint (seen->n_connected, ==, n);
}

static gint64
add_patient (VastusDatabase *db,
             const char     *mrn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();

  p->mrn = g_strdup (mrn);
  p->name = g_strdup ("Ola Nordmann");
  g_assert_true (vastus_database_insert_patient (db, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static void
free_seen (Seen *seen)
{
  g_clear_pointer (&seen->notices, g_ptr_array_unref);
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusChangeNotice) notice =
    vastus_change_notice_parse ("{\"table\":\"visit\",\"op\":\"update\",\"patient_id\":7,"
                                "\"episode_id\":9,\"visit_id\":31,\"mrn\":\"A-1\",\"key\":null,"
                                "\"actor\":\"anna\",\"at\":\"2026-03-04T10:11:12.345Z\"}",
                                4242, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (notice->table, ==, "visit");
  g_assert_cmpstr (notice->operation, ==, "update");
  g_assert_cmpint (notice->patient_id, ==, 7);
  g_assert_cmpint (notice->episode_id, ==, 9);
  g_assert_cmpint (notice->visit_id, ==, 31);
  g_assert_cmpstr (notice->mrn, ==, "A-1");
  g_assert_null (notice->key);
  g_assert_cmpstr (notice->actor, ==, "anna");
  g_assert_cmpstr (notice->at, ==, "2026-03-04T10:11:12.345Z");
  g_assert_cmpint (notice->session, ==, 4242);

  /* Not a notice: refused, naming what is missing. */
  g_assert_null (vastus_change_notice_parse ("[1]", 1, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (vastus_change_notice_parse ("{\"table\":\"visit\",\"op\":\"insert\",\"at\":\"x\"}",
                                             1, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "“actor”"));
}

/* SQLite: one user, nothing to listen to; starting and stopping do nothing. */
static void
test_sqlite_does_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vastus-listen-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  Seen seen = { 0 };
  VastusChangeListener *listener;

  g_assert_no_error (error);
  listener = listen_to (path, &seen);
  g_assert_false (vastus_change_listener_is_supported (listener));
  g_assert_cmpint (vastus_database_get_session (db), ==, 0);
  add_patient (db, "S-1");
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen.notices->len, ==, 0);
  g_assert_cmpuint (seen.n_connected + seen.n_disconnected, ==, 0);
  g_assert_false (vastus_change_listener_is_connected (listener));
  vastus_change_listener_stop (listener);
  g_assert_finalize_object (listener);
  g_clear_object (&db);
  g_remove (path);
  g_rmdir (dir);
  free_seen (&seen);
}

static const VastusChangeNotice *
find_notice (Seen       *seen,
             const char *table)
{
  for (guint i = 0; i < seen->notices->len; i++)
    if (g_str_equal (((VastusChangeNotice *) seen->notices->pdata[i])->table, table))
      return seen->notices->pdata[i];
  return NULL;
}

static void
test_notices (void)
{
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  const VastusChangeNotice *notice;
  VastusChangeListener *listener;
  Seen seen = { 0 };
  gint64 patient_id;

  db = storage_test_open ();
  listener = listen_to (storage_test_last_uri (), &seen);
  g_assert_true (vastus_change_listener_is_supported (listener));
  wait_for_connected (&seen, 1);
  g_assert_true (vastus_change_listener_is_connected (listener));
  g_assert_cmpuint (seen.n_reconnected, ==, 0);

  /* A patient added on another connection: its table, operation, id, MRN, the login and the
   * time its transaction began, which lies between the clock read before and after (the test
   * server is this machine: one clock). */
  before = g_date_time_new_now_utc ();
  patient_id = add_patient (db, "LIVE-1");
  wait_for_notices (&seen, 1);
  after = g_date_time_new_now_utc ();
  notice = seen.notices->pdata[0];
  g_assert_cmpstr (notice->table, ==, "patient");
  g_assert_cmpstr (notice->operation, ==, "insert");
  g_assert_cmpint (notice->patient_id, ==, patient_id);
  g_assert_cmpstr (notice->mrn, ==, "LIVE-1");
  g_assert_cmpstr (notice->actor, ==, storage_test_actor (NULL));
  g_assert_cmpint (notice->session, ==, vastus_database_get_session (db));
  before_text = g_date_time_format (before, "%Y-%m-%dT%H:%M:%S");
  after_text = g_date_time_format (after, "%Y-%m-%dT%H:%M:%S.999Z");
  g_assert_cmpstr (notice->at, >=, before_text);
  g_assert_cmpstr (notice->at, <=, after_text);
  g_assert_cmpuint (strlen (notice->at), ==, strlen ("2026-01-01T00:00:00.000Z"));

  /* An episode, then a visit with three measurements: one notice for the episode, one for the
   * visit, one (not three) for its measurements, each naming the patient. */
  episode->patient_id = patient_id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);
  visit->episode_id = episode->id;
  g_date_set_dmy (&visit->date, 2, 3, 2026);
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 300, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 400, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 2, "points"));
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  wait_for_notices (&seen, 4);
  /* Give a fourth measurement notice the time to come, if one wrongly would. */
  add_patient (db, "LIVE-2");
  wait_for_notices (&seen, 5);
  g_assert_cmpuint (seen.notices->len, ==, 5);
  notice = find_notice (&seen, "episode");
  g_assert_nonnull (notice);
  g_assert_cmpint (notice->episode_id, ==, episode->id);
  g_assert_cmpint (notice->patient_id, ==, patient_id);
  g_assert_cmpstr (notice->mrn, ==, "LIVE-1");
  notice = find_notice (&seen, "visit");
  g_assert_nonnull (notice);
  g_assert_cmpstr (notice->operation, ==, "insert");
  g_assert_cmpint (notice->visit_id, ==, visit->id);
  g_assert_cmpint (notice->episode_id, ==, episode->id);
  g_assert_cmpint (notice->patient_id, ==, patient_id);
  g_assert_cmpstr (notice->mrn, ==, "LIVE-1");
  notice = find_notice (&seen, "measurement");
  g_assert_nonnull (notice);
  g_assert_cmpint (notice->visit_id, ==, visit->id);
  g_assert_cmpint (notice->patient_id, ==, patient_id);
  g_assert_cmpstr (((VastusChangeNotice *) seen.notices->pdata[4])->mrn, ==, "LIVE-2");

  /* A failed write sends nothing: a second LIVE-1 is refused, then LIVE-3 is the next. */
  {
    g_autoptr(VastusPatient) twin = vastus_patient_new ();

    twin->mrn = g_strdup ("LIVE-1");
    twin->name = g_strdup ("Kari Nordmann");
    g_assert_false (vastus_database_insert_patient (db, twin, &error));
    g_clear_error (&error);
  }
  add_patient (db, "LIVE-3");
  wait_for_notices (&seen, 6);
  g_assert_cmpstr (((VastusChangeNotice *) seen.notices->pdata[5])->mrn, ==, "LIVE-3");

  vastus_change_listener_stop (listener);
  g_assert_false (vastus_change_listener_is_connected (listener));
  g_assert_finalize_object (listener);
  free_seen (&seen);
}

/* A workstation leaves out what it committed itself; others' changes still come, in order. */
static void
test_own_session_ignored (void)
{
  g_autoptr(VastusDatabase) mine = NULL;
  g_autoptr(VastusDatabase) theirs = NULL;
  g_autoptr(GError) error = NULL;
  VastusChangeListener *listener;
  Seen seen = { 0 };

  mine = storage_test_open ();
  theirs = vastus_database_open (storage_test_last_uri (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (vastus_database_get_session (mine), !=, vastus_database_get_session (theirs));
  listener = listen_to (storage_test_last_uri (), &seen);
  vastus_change_listener_ignore_session (listener, vastus_database_get_session (mine));
  wait_for_connected (&seen, 1);

  add_patient (mine, "MINE-1");
  add_patient (theirs, "THEIRS-1");
  /* The server sends in commit order: THEIRS-1 coming first means MINE-1 was left out. */
  wait_for_notices (&seen, 1);
  g_assert_cmpstr (((VastusChangeNotice *) seen.notices->pdata[0])->mrn, ==, "THEIRS-1");
  g_assert_cmpint (((VastusChangeNotice *) seen.notices->pdata[0])->session, ==,
                   vastus_database_get_session (theirs));

  vastus_change_listener_stop (listener);
  g_assert_finalize_object (listener);
  free_seen (&seen);
}

/* The server ends the listener's session: it says so, connects again by itself and says that
 * notices may have been lost; notices come again afterwards. */
static void
test_reconnect (void)
{
  g_autoptr(VastusDatabase) db = NULL;
  VastusChangeListener *listener;
  Seen seen = { 0 };
  gint64 end;

  db = storage_test_open ();
  listener = listen_to (storage_test_last_uri (), &seen);
  wait_for_connected (&seen, 1);

  g_assert_cmpint (storage_test_query_int (db,
    "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
    "WHERE datname = current_database () AND query = 'LISTEN vastus_change'"), ==, 1);
  wait_for_connected (&seen, 2);
  g_assert_cmpuint (seen.n_disconnected, ==, 1);
  g_assert_cmpuint (seen.n_reconnected, ==, 1);
  g_assert_true (vastus_change_listener_is_connected (listener));

  add_patient (db, "AGAIN-1");
  wait_for_notices (&seen, 1);
  g_assert_cmpstr (((VastusChangeNotice *) seen.notices->pdata[0])->mrn, ==, "AGAIN-1");

  /* Stopped: what is committed afterwards is never delivered. */
  vastus_change_listener_stop (listener);
  add_patient (db, "AFTER-1");
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpuint (seen.notices->len, ==, 1);
  g_assert_finalize_object (listener);
  free_seen (&seen);
}

static void
count_connected (VastusPgListenEvent  event,
                 const char          *text,
                 int                  pid,
                 gpointer             user_data)
{
  guint *n_connected = user_data;

  if (event == VASTUS_PG_LISTEN_CONNECTED)
    (*n_connected)++;
}

/* Listens on @uri until its heartbeat was answered @n times (30 s at most); what it asked. */
static VastusPgListenCounts
heartbeats (const char *uri,
            guint       n)
{
  guint n_connected = 0;
  VastusPgListen *listen = _vastus_pg_listen_new (uri, "vastus_change", g_main_context_default (),
                                                  count_connected, &n_connected);
  VastusPgListenCounts counts = { 0 };
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (counts.n_heartbeats < n && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      _vastus_pg_listen_get_counts (listen, &counts);
    }
  _vastus_pg_listen_free (listen);
  g_assert_cmpuint (n_connected, ==, 1);
  g_assert_cmpuint (counts.n_heartbeats, ==, n);
  return counts;
}

/* A read-only server (a database set default_transaction_read_only, as on a hot standby): the
 * heartbeat asks it only whether it still is, and never tries to delete ended leases there,
 * which would fail every second, each time a line in the server's log. */
static void
test_read_only_server (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  VastusPgListenCounts counts;

  g_assert_true (storage_test_exec (db, "DO $$ BEGIN EXECUTE format ('ALTER DATABASE %I SET "
                                        "default_transaction_read_only = on', "
                                        "current_database ()); END $$", NULL));
  counts = heartbeats (storage_test_last_uri (), 4);
  g_assert_cmpuint (counts.n_cleanups, ==, 0);
  g_assert_cmpuint (counts.n_cleanups_failed, ==, 0);

  /* Taking writes again: the clean-up runs with every heartbeat, and works. */
  g_assert_true (storage_test_exec (db, "DO $$ BEGIN EXECUTE format ('ALTER DATABASE %I RESET "
                                        "default_transaction_read_only', "
                                        "current_database ()); END $$", NULL));
  counts = heartbeats (storage_test_last_uri (), 3);
  g_assert_cmpuint (counts.n_cleanups, ==, 3);
  g_assert_cmpuint (counts.n_cleanups_failed, ==, 0);
}

/* A clean-up that fails on a server that takes writes (here: a function it calls is missing)
 * is tried again after 2, 4, 8 … heartbeats: of the first 8, the 1st, 3rd and 7th (worked out
 * by hand from the doubling), all three failing; the heartbeat itself goes on. */
static void
test_cleanup_backs_off (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  VastusPgListenCounts counts;

  g_assert_true (storage_test_exec (db, "ALTER FUNCTION vastus_visit_lease_is_live (bigint, "
                                        "integer) RENAME TO gone_lease_is_live", NULL));
  counts = heartbeats (storage_test_last_uri (), 8);
  g_assert_cmpuint (counts.n_cleanups, ==, 3);
  g_assert_cmpuint (counts.n_cleanups_failed, ==, 3);
  g_assert_true (storage_test_exec (db, "ALTER FUNCTION gone_lease_is_live (bigint, integer) "
                                        "RENAME TO vastus_visit_lease_is_live", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/change-listener/parse", test_parse);
  g_test_add_func ("/change-listener/sqlite-does-nothing", test_sqlite_does_nothing);
  /* The notices themselves need a clinic server: the -pg run (suite storage-pg). */
  if (storage_test_on_server ())
    {
      g_test_add_func ("/change-listener/notices", test_notices);
      g_test_add_func ("/change-listener/own-session-ignored", test_own_session_ignored);
      g_test_add_func ("/change-listener/reconnect", test_reconnect);
      g_test_add_func ("/change-listener/read-only-server", test_read_only_server);
      g_test_add_func ("/change-listener/cleanup-backs-off", test_cleanup_backs_off);
    }
  return g_test_run ();
}
