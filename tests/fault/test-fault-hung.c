/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hung clinic server (suite 'storage-pg', on the throwaway server of build-aux/pg-test-server
 * run, which this test stops with SIGSTOP and lets go on with SIGCONT): its Unix socket stays
 * open and answers nothing, which no TCP keepalive would notice.
 *
 * - a statement gives up at its deadline (vastus-pg-wait.c) with a lost connection's error,
 *   instead of waiting for ever; nothing of it is saved; once the server answers again, the next
 *   call connects again by itself;
 * - the deadline is for the server's silence: an answer that keeps coming for longer than it (a
 *   backup's read of a large table) is read to its end;
 * - quitting wakes a statement waiting on the hung server at once, through the quitting's
 *   wake-up (vastus-pg-wait.c), instead of its looking every so often whether to give up;
 * - the change listener finds out within seconds (its heartbeat, vastus-pg-listener.c), says
 *   so, and connects again once the server answers.
 */
#include "config.h"

#include <string.h>

#include "fault-util.h"
#include "vastus-pg-conn.h"
#include "storage-test-util.h"
#include "vastus-change-listener.h"

/* The statements' deadline for this test (VASTUS_SERVER_DEADLINE_MS). */
#define DEADLINE_MS 1500

static gboolean
add_patient (VastusDatabase *db,
             const char     *mrn,
             GError        **error)
{
  g_autoptr(VastusPatient) p = vastus_patient_new ();

  p->mrn = g_strdup (mrn);
  p->name = g_strdup ("Kari Nordmann");
  return vastus_database_insert_patient (db, p, error);
}

static void
test_statement_deadline (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GError) error = NULL;
  gint64 start, waited_ms;
  gboolean ok;

  g_assert_true (add_patient (db, "BEFORE-1", &error));
  g_assert_no_error (error);

  fault_pg_test_server ("pause");
  start = g_get_monotonic_time ();
  ok = add_patient (db, "WHILE-HUNG-1", &error);
  waited_ms = (g_get_monotonic_time () - start) / 1000;
  fault_pg_test_server ("resume");
  g_printerr ("# a hung server: the save gave up after %" G_GINT64_FORMAT " ms (deadline %d ms)\n",
              waited_ms, DEADLINE_MS);
  g_assert_false (ok);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "the server did not answer in time"));
  /* The first statement sent waits its whole deadline, and only one statement is sent before
   * the connection is given up; a loaded machine adds its own delays, hence the wide top. */
  g_assert_cmpint (waited_ms, >=, DEADLINE_MS - 10);
  g_assert_cmpint (waited_ms, <, 4 * DEADLINE_MS);
  g_clear_error (&error);

  /* The server answers again: the next call connects again and works; what the given-up save
   * sent was never committed (its session ended with its transaction open). */
  g_assert_true (add_patient (db, "AFTER-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM patient WHERE mrn IN "
                                               "('BEFORE-1', 'AFTER-1')"), ==, 2);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM patient "
                                               "WHERE mrn = 'WHILE-HUNG-1'"), ==, 0);
}

typedef struct
{
  VastusDatabase *db;
  gboolean        ok;
  GError         *error;
  guint           n_polls;   /* the waits' wake-ups while it ran */
} Save;

static gpointer
save_while_hung (gpointer data)
{
  Save *save = data;
  guint before = _vastus_pg_wait_n_polls ();

  save->ok = add_patient (save->db, "WHILE-QUITTING-1", &save->error);
  save->n_polls = _vastus_pg_wait_n_polls () - before;
  return NULL;
}

/* A save waits on the hung server (a deadline of 60 s); the application begins quitting 2.5 s
 * later, when the 2 s of silence a quitting application waits out (QUITTING_SILENCE_MS) have
 * passed: the wait must give up at once. It sleeps in one poll () for the whole 2.5 s, which
 * the quitting's wake-up ends; the time it then has left is none, so it gives up without
 * polling again: one wake-up in all (worked out from wait_readable; looking whether to quit
 * every 100 ms made about 25). */
static void
test_quitting_wakes_wait (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GError) error = NULL;
  Save save = { db, FALSE, NULL, 0 };
  GThread *thread;

  g_assert_true (add_patient (db, "BEFORE-QUITTING-1", &error));
  g_assert_no_error (error);
  g_setenv ("VASTUS_SERVER_DEADLINE_MS", "60000", TRUE);

  fault_pg_test_server ("pause");
  thread = g_thread_new ("save", save_while_hung, &save);
  g_usleep (2500 * G_TIME_SPAN_MILLISECOND);
  vastus_database_servers_quitting (TRUE);
  g_thread_join (thread);
  vastus_database_servers_quitting (FALSE);
  fault_pg_test_server ("resume");
  g_setenv ("VASTUS_SERVER_DEADLINE_MS", G_STRINGIFY (DEADLINE_MS), TRUE);

  g_printerr ("# quitting while a save waited on a hung server: %u wake-ups of its wait\n",
              save.n_polls);
  g_assert_false (save.ok);
  g_assert_error (save.error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_clear_error (&save.error);
  g_assert_cmpuint (save.n_polls, ==, 1);

  /* Nothing of it was kept, and the next save connects again. */
  g_assert_true (add_patient (db, "AFTER-QUITTING-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM patient "
                                               "WHERE mrn = 'WHILE-QUITTING-1'"), ==, 0);
}

/* Ten rows of 20,000 bytes, one every 0.4 s: 4 s in all, more than twice the deadline, but the
 * server is never silent for more than about 0.4 s (a row larger than its 8 KB send buffer goes
 * out as it is made). The first row: 20,000 x's and the empty text of pg_sleep's void. */
static void
test_long_answer (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 start = g_get_monotonic_time ();
  g_autofree char *value = storage_test_query_text (db, "SELECT repeat ('x', 20000) || "
                                                        "pg_sleep (0.4)::text "
                                                        "FROM generate_series (1, 10)");
  gint64 took_ms = (g_get_monotonic_time () - start) / 1000;

  g_printerr ("# an answer of 4 s, with a deadline of %d ms of silence: read in %" G_GINT64_FORMAT
              " ms\n", DEADLINE_MS, took_ms);
  g_assert_cmpuint (strlen (value), ==, 20000);
  g_assert_cmpuint (strspn (value, "x"), ==, 20000);
  g_assert_cmpint (took_ms, >=, 4000 - 10);
}

typedef struct
{
  guint n_connected;
  guint n_reconnected;
  guint n_disconnected;
} Seen;

static void
connected_cb (VastusChangeListener *listener,
              gboolean              reconnected,
              Seen                 *seen)
{
  seen->n_connected++;
  seen->n_reconnected += reconnected ? 1 : 0;
}

static void
disconnected_cb (VastusChangeListener *listener,
                 const char           *reason,
                 Seen                 *seen)
{
  seen->n_disconnected++;
}

/* Runs the main context until *@count reaches @n or @seconds pass; the time it took, in ms. */
static gint64
wait_for (guint *count,
          guint  n,
          int    seconds)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + seconds * G_USEC_PER_SEC;

  while (*count < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpuint (*count, ==, n);
  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_listener_heartbeat (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  VastusChangeListener *listener = vastus_change_listener_new (storage_test_last_uri ());
  Seen seen = { 0 };
  gint64 lost_ms;

  g_signal_connect (listener, "connected", G_CALLBACK (connected_cb), &seen);
  g_signal_connect (listener, "disconnected", G_CALLBACK (disconnected_cb), &seen);
  vastus_change_listener_start (listener);
  wait_for (&seen.n_connected, 1, 20);

  fault_pg_test_server ("pause");
  /* Asked every second, given 3 s to answer, looked at every second: lost 3 to 5 s after the
   * server stopped answering (worked out from HEARTBEAT_MS and ANSWER_MS); 15 s on a loaded
   * machine. */
  lost_ms = wait_for (&seen.n_disconnected, 1, 15);
  g_printerr ("# a hung server: the listener said so after %" G_GINT64_FORMAT " ms\n", lost_ms);
  g_assert_cmpint (lost_ms, >=, 2900);
  g_assert_false (vastus_change_listener_is_connected (listener));
  fault_pg_test_server ("resume");
  /* Back: it connects again by itself (a connect attempt under way finishes first: at most the
   * 10 s connect timeout, then the retry's 4 s). */
  wait_for (&seen.n_connected, 2, 30);
  g_assert_cmpuint (seen.n_reconnected, ==, 1);
  g_assert_true (vastus_change_listener_is_connected (listener));

  vastus_change_listener_stop (listener);
  g_assert_finalize_object (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!storage_test_on_server ())
    g_error ("test-fault-hung runs on a server (build-aux/pg-test-server run, with "
             "VASTUS_TEST_ENGINE=postgresql)");
  g_setenv ("VASTUS_SERVER_DEADLINE_MS", G_STRINGIFY (DEADLINE_MS), TRUE);
  g_test_add_func ("/fault/hung/statement-deadline", test_statement_deadline);
  g_test_add_func ("/fault/hung/long-answer", test_long_answer);
  g_test_add_func ("/fault/hung/quitting-wakes-wait", test_quitting_wakes_wait);
  g_test_add_func ("/fault/hung/listener-heartbeat", test_listener_heartbeat);
  return g_test_run ();
}
