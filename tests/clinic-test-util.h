/* clinic-test-util.h: what tests of the clinic layer and of the window share
 *
 * While a VastusClinic exists the test's main thread is guarded (VASTUS_MAIN_THREAD_SQL=abort in
 * the tests' environment): fixtures are written and checked through a connection of their own on
 * a thread of their own (clinic_test_in_thread), as another program would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vastus-clinic.h"
#include "vastus-sqlite-private.h"

typedef void (*ClinicTestFunc) (VastusDatabase *db,
                                gpointer        user_data);

typedef struct
{
  const char     *path;
  ClinicTestFunc  func;
  gpointer        user_data;
} ClinicTestThread;

static inline gpointer
clinic_test_thread_main (gpointer data)
{
  ClinicTestThread *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (run->path, &error);

  g_assert_no_error (error);
  run->func (db, run->user_data);
  return NULL;
}

/* Opens @path on a new thread, runs @func there with it, closes it and waits. */
static inline void
clinic_test_in_thread (const char     *path,
                       ClinicTestFunc  func,
                       gpointer        user_data)
{
  ClinicTestThread run = { path, func, user_data };

  g_thread_join (g_thread_new ("test-fixture", clinic_test_thread_main, &run));
}

/* The same for a query: returns what @func returned. */
typedef gpointer (*ClinicTestQuery) (VastusDatabase *db,
                                     gpointer        user_data);

typedef struct
{
  ClinicTestQuery func;
  gpointer        user_data;
  gpointer        result;
} ClinicTestQueryRun;

static inline void
clinic_test_query_func (VastusDatabase *db,
                        gpointer        data)
{
  ClinicTestQueryRun *run = data;

  run->result = run->func (db, run->user_data);
}

static inline gpointer
clinic_test_query (const char      *path,
                   ClinicTestQuery  func,
                   gpointer         user_data)
{
  ClinicTestQueryRun run = { func, user_data, NULL };

  clinic_test_in_thread (path, clinic_test_query_func, &run);
  return run.result;
}

static inline gpointer
clinic_test_count_patients_query (VastusDatabase *db,
                                  gpointer        user_data)
{
  VastusPatientQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = vastus_database_count_patients (db, &query, &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (n);
}

/* The patients not archived, as another program sees them. */
static inline guint
clinic_test_count_patients (const char *path)
{
  return GPOINTER_TO_UINT (clinic_test_query (path, clinic_test_count_patients_query, NULL));
}

static inline gpointer
clinic_test_find_patient_query (VastusDatabase *db,
                                gpointer        mrn)
{
  g_autoptr(GError) error = NULL;
  VastusPatient *patient = vastus_database_find_patient (db, mrn, &error);

  g_assert_no_error (error);
  return patient;
}

/* The patient with @mrn (transfer full), NULL when there is none. */
static inline VastusPatient *
clinic_test_find_patient (const char *path,
                          const char *mrn)
{
  return clinic_test_query (path, clinic_test_find_patient_query, (gpointer) mrn);
}

static inline gpointer
clinic_test_insert_patient_query (VastusDatabase *db,
                                  gpointer        patient)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Stores @patient (its id set) as another program would. */
static inline void
clinic_test_insert_patient (const char    *path,
                            VastusPatient *patient)
{
  clinic_test_query (path, clinic_test_insert_patient_query, patient);
}

static inline gpointer
clinic_test_list_episodes_query (VastusDatabase *db,
                                 gpointer        patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *episodes = vastus_database_list_episodes (db, *(gint64 *) patient_id, &error);

  g_assert_no_error (error);
  return episodes;
}

/* The patient's episodes as stored, newest first (of VastusEpisode*). */
static inline GPtrArray *
clinic_test_list_episodes (const char *path,
                           gint64      patient_id)
{
  return clinic_test_query (path, clinic_test_list_episodes_query, &patient_id);
}

static inline gpointer
clinic_test_exec_query (VastusDatabase *db,
                        gpointer        sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (_vastus_database_get_handle (db), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", (const char *) sql, message);
  return NULL;
}

/* Runs @sql as another program would. */
static inline void
clinic_test_exec (const char *path,
                  const char *sql)
{
  clinic_test_query (path, clinic_test_exec_query, (gpointer) sql);
}

typedef struct
{
  const char *path;
  const char *sql;
} ClinicTestRawExec;

static inline gpointer
clinic_test_exec_raw_main (gpointer data)
{
  ClinicTestRawExec *run = data;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (run->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, run->sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", run->sql, message);
  sqlite3_close (db);
  return NULL;
}

/* Runs @sql on a plain SQLite connection of its own, on a thread: for a file whose schema
 * Vastus would refuse to open (a test's own triggers in it). */
static inline void
clinic_test_exec_raw (const char *path,
                      const char *sql)
{
  ClinicTestRawExec run = { path, sql };

  g_thread_join (g_thread_new ("test-raw", clinic_test_exec_raw_main, &run));
}

static inline gboolean
clinic_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until @done (@data) is TRUE: for answers nothing counts as pending (the
 * disk's, vastus-clinic-folder.c), at most 30 s (a backstop: a 10 ms tick makes every turn look
 * again). Returns @done's last answer. */
static inline gboolean
clinic_test_turn_until (gboolean (*done) (gpointer data),
                        gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (10, clinic_test_tick_cb, NULL);
  gboolean answer;

  while (!(answer = done (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return answer;
}

/* Runs the main loop until every call of @clinic was delivered and nothing else is pending. */
static inline void
clinic_test_wait (VastusClinic *clinic)
{
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (vastus_clinic_get_n_pending (clinic) == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
}

static inline void
clinic_test_open_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError **error = user_data;

  vastus_clinic_open_finish (VASTUS_CLINIC (source), result, error);
}

/* A clinic on @path, opened (asserting it opened). */
static inline VastusClinic *
clinic_test_open (const char *path)
{
  VastusClinic *clinic = vastus_clinic_new (path);
  g_autoptr(GError) error = NULL;

  vastus_clinic_open_async (clinic, NULL, clinic_test_open_cb, &error);
  clinic_test_wait (clinic);
  g_assert_no_error (error);
  g_assert_true (vastus_clinic_is_open (clinic));
  return clinic;
}

/* The result of an _async call, for tests that wait for it: pass clinic_test_result_cb and a
 * pointer to a GAsyncResult* that receives a reference. */
static inline void
clinic_test_result_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline GAsyncResult *
clinic_test_take_result (VastusClinic  *clinic,
                         GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  clinic_test_wait (clinic);
  return g_steal_pointer (slot);
}

/* Sets the clinic's rule @name to @value through @clinic (as Preferences does) and waits until
 * the clinic read its rules again. */
static inline void
clinic_test_set_rule (VastusClinic *clinic,
                      const char   *name,
                      const char   *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vastus_clinic_set_rules_async (clinic, 1, &name, &value, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_set_rules_finish (clinic, result, &error));
  g_assert_no_error (error);
  clinic_test_wait (clinic);
}

/* Makes @path a file this process may not write, or writable again. A user other than root gets
 * a read-only file in a read-only folder; root ignores file modes, so it gets an immutable file
 * (chattr +i). Returns FALSE, with @reason, where neither can be had. */
static inline gboolean
clinic_test_set_read_only (const char  *path,
                           gboolean     read_only,
                           char       **reason)
{
  const char *argv[] = { "chattr", read_only ? "+i" : "-i", path, NULL };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (path, read_only ? 0400 : 0600), ==, 0);
      g_assert_cmpint (g_chmod (dir, read_only ? 0500 : 0700), ==, 0);
      return TRUE;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      *reason = g_strdup_printf ("needs a file system with attributes: as root (which ignores "
                                 "file modes) the test makes the file immutable, and “chattr %s” "
                                 "failed: %s", argv[1], g_strstrip (err));
      return FALSE;
    }
  return TRUE;
}

/* Holds the clinic's worker at the first step of a long call (vastus_clinic_set_step_hook) at
 * or past @at (a fraction; -1: the very first step) until the test lets it go: what the window
 * does meanwhile, Cancel say, happens while the call runs there. */
typedef struct
{
  VastusClinic *clinic;
  GMutex        lock;
  GCond         cond;
  double        at;
  gboolean      reached;
  gboolean      released;
  double        fraction;   /* where it was held */
} ClinicTestHold;

static inline void
clinic_test_hold_step_cb (double   fraction,
                          gpointer data)
{
  ClinicTestHold *hold = data;

  g_mutex_lock (&hold->lock);
  if (!hold->reached && fraction >= hold->at)
    {
      hold->reached = TRUE;
      hold->fraction = fraction;
      g_cond_broadcast (&hold->cond);
      while (!hold->released)
        g_cond_wait (&hold->cond, &hold->lock);
    }
  g_mutex_unlock (&hold->lock);
}

static inline ClinicTestHold *
clinic_test_hold_new (VastusClinic *clinic,
                      double        at)
{
  ClinicTestHold *hold = g_new0 (ClinicTestHold, 1);

  hold->clinic = g_object_ref (clinic);
  hold->at = at;
  g_mutex_init (&hold->lock);
  g_cond_init (&hold->cond);
  vastus_clinic_set_step_hook (clinic, clinic_test_hold_step_cb, hold);
  return hold;
}

/* Until the worker is held, the main context going on meanwhile (the window answers). A call
 * that ends without such a step fails the test (rather than waiting for ever). */
static inline void
clinic_test_hold_wait (ClinicTestHold *hold)
{
  gboolean reached = FALSE;

  while (!reached)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_mutex_lock (&hold->lock);
      reached = hold->reached;
      g_mutex_unlock (&hold->lock);
      if (!reached && vastus_clinic_get_n_pending (hold->clinic) == 0)
        {
          g_test_message ("the call ended without a step at or past %.2f", hold->at);
          g_assert_true (reached);
        }
    }
}

static inline void
clinic_test_hold_release (ClinicTestHold *hold)
{
  g_mutex_lock (&hold->lock);
  hold->released = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->lock);
}

/* Lets the worker go (if it was not yet) and takes the hook away. */
static inline void
clinic_test_hold_free (ClinicTestHold *hold)
{
  clinic_test_hold_release (hold);
  vastus_clinic_set_step_hook (hold->clinic, NULL, NULL);
  g_object_unref (hold->clinic);
  g_mutex_clear (&hold->lock);
  g_cond_clear (&hold->cond);
  g_free (hold);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClinicTestHold, clinic_test_hold_free)
