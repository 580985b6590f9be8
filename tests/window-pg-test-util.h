/* window-pg-test-util.h: what the tests of the window on a clinic server share
 *
 * Waiting for a condition while the main loop runs, a clinic listening to the server, a patient
 * and an episode written by a connection of the test's own, and SQL run on the server by libpq
 * (which takes changes also where the database is set read-only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "vastus-clinic.h"
#include "vastus-database.h"

typedef gboolean (*Check) (gpointer data);

/* Runs the main loop until @check (@data) holds, for at most @seconds; asserts it holds. */
static inline void
run_until (Check     check,
           gpointer  data,
           int       seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!check (data) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_true (check (data));
}

static inline gboolean
listening (gpointer clinic)
{
  return vastus_clinic_is_listening (clinic);
}

typedef struct
{
  const char    *uri;
  VastusPatient *patient;
  VastusEpisode *episode;
  char          *draft;      /* the stored draft of the episode's new visit, when read */
} Records;

static inline gpointer
insert_records (gpointer data)
{
  Records *records = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (records->uri, &error);

  g_assert_no_error (error);
  g_assert_true (vastus_database_insert_patient (db, records->patient, &error));
  g_assert_no_error (error);
  records->episode->patient_id = records->patient->id;
  g_assert_true (vastus_database_insert_episode (db, records->episode, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Runs @sql on the server from a connection of its own (libpq's, not the clinic's), which takes
 * changes. */
static inline void
on_server (const char *uri,
           const char *sql)
{
  PGconn *pg = PQconnectdb (uri);
  PGresult *result;

  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  /* Changes allowed to this session, also once the database is set read-only. */
  PQclear (PQexec (pg, "SET default_transaction_read_only = off"));
  result = PQexec (pg, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (pg);
}
