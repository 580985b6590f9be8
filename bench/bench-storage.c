/* bench-storage.c: the storage layer at clinic scale (data-safety.md §5 B11)
 *
 * Builds 10,000 patients / 200,000 visits / 1,000,000 measurements through the storage API in a
 * temporary folder, and the same rows with bare prepared statements into a database of the same
 * schema (the floor: same triggers, indexes, WAL and synchronous=FULL, no API). Then times one
 * patient's full history and patient searches. Not a test: it prints figures.
 *
 * With --db URI, the same on a PostgreSQL server (a Unix socket's, for the figures the README
 * gives): two databases made there (vastus_bench_api, vastus_bench_raw: the URI's role needs
 * CREATEDB, and may create roles for server init), the rows through the API into one and with
 * libpq's prepared statements into the other (the floor: the same schema, triggers and audit
 * trail, one round trip per row as the API makes), then the same reads; both dropped at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libpq-fe.h>
#include <string.h>

#include "vastus-sqlite-private.h"
#include "vastus-value.h"

#define VISITS_PER_PATIENT 20
#define MEASUREMENTS_PER_VISIT 5
#define PATIENTS_PER_CHUNK 500
#define N_SAMPLES 201

/* 10,000 unless --patients N is given (for a quick run). */
static guint n_patients = 10000;

static const char *first_names[] = {
  "Anna", "Jürgen", "Zoë", "Liam", "Sofia", "Mateo", "Amara", "Kenji", "Ingrid", "Tomasz",
  "Fatima", "Oliver", "Chiara", "Noah", "Mei", "Lars", "Aisha", "Pedro", "Helena", "Ravi",
};

static const char *last_names[] = {
  "Schmidt", "Müller", "O'Brien", "Nakamura", "Rossi", "Kowalski", "Andersson", "García",
  "Okafor", "Dubois", "Novak", "Jensen", "Silva", "Papadopoulos", "Ivanova", "Haddad", "Kim",
  "Nguyen", "Fischer", "Moreau", "Costa", "Larsen", "Horváth", "Yilmaz", "Tanaka", "Weber",
  "Martin", "Brown", "Lopez", "Wagner", "Berg", "Khan", "Santos", "Vogel", "Ricci", "Popescu",
  "Lindqvist", "Mendes", "Takahashi", "Schulz",
};

static const char *measures[MEASUREMENTS_PER_VISIT] = {
  "quadriceps_hhd", "quadriceps_hhd", "thigh_girth_10", "thigh_girth_10", "pain_nrs",
};

static const VastusSide sides[MEASUREMENTS_PER_VISIT] = {
  VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_NONE,
};

static const char *units[MEASUREMENTS_PER_VISIT] = { "N", "N", "cm", "cm", "points" };

static double
value_for (guint p,
           guint v,
           guint m)
{
  return 100.0 + (p % 97) + v * 3.5 + m * 0.25;
}

static void
fill_patient (VastusPatient *patient,
              guint          p)
{
  patient->mrn = g_strdup_printf ("MRN%06u", p);
  patient->name = g_strdup_printf ("%s %s", first_names[p % G_N_ELEMENTS (first_names)],
                                   last_names[(p / 7) % G_N_ELEMENTS (last_names)]);
  g_date_set_dmy (&patient->birth_date, 1 + p % 28, 1 + p % 12, 1950 + p % 55);
  patient->sex = 1 + p % 3;
}

static void
visit_date (GDate *date,
            guint  p,
            guint  v)
{
  g_date_set_dmy (date, 1, 1, 2015 + p % 8);
  g_date_add_days (date, v * 14 + p % 30);
}

static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-storage: %s: %s\n", what, error->message);
      exit (1);
    }
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* CPU time of the process (user + system): steadier than wall time on a shared machine. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (double *samples,
           guint   n)
{
  qsort (samples, n, sizeof (double), compare_double);
  return samples[n / 2];
}

/* Through the API, in outer transactions of PATIENTS_PER_CHUNK patients. */
static double
insert_api (VastusDatabase *db)
{
  gint64 start = g_get_monotonic_time ();
  GError *error = NULL;

  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();

      if (p % PATIENTS_PER_CHUNK == 0)
        vastus_database_begin (db, &error);
      die_on_error (error, "begin");

      fill_patient (patient, p);
      vastus_database_insert_patient (db, patient, &error);
      die_on_error (error, "insert patient");
      episode->patient_id = patient->id;
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = p % 2 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
      visit_date (&episode->surgery_date, p, 0);
      vastus_database_insert_episode (db, episode, &error);
      die_on_error (error, "insert episode");

      for (guint v = 0; v < VISITS_PER_PATIENT; v++)
        {
          g_autoptr(VastusVisit) visit = vastus_visit_new ();

          visit->episode_id = episode->id;
          visit_date (&visit->date, p, v + 1);
          visit->body_mass_kg = 60 + p % 40;
          for (guint m = 0; m < MEASUREMENTS_PER_VISIT; m++)
            vastus_visit_add_measurement (visit,
                                          vastus_measurement_new (measures[m], sides[m], 1,
                                                                  value_for (p, v, m), units[m]));
          vastus_database_insert_visit (db, visit, &error);
          die_on_error (error, "insert visit");
        }

      if (p % PATIENTS_PER_CHUNK == PATIENTS_PER_CHUNK - 1 || p == n_patients - 1)
        vastus_database_commit (db, &error);
      die_on_error (error, "commit");
    }
  return seconds_since (start);
}

static sqlite3_stmt *
raw_prepare (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "bench-storage: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  return stmt;
}

static void
raw_step (sqlite3      *db,
          sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fprintf (stderr, "bench-storage: raw insert: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_reset (stmt);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "bench-storage: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
}

/* The floor: the same rows with bare prepared statements, no savepoints, no structs. */
static double
insert_raw (sqlite3 *db)
{
  sqlite3_stmt *patient = raw_prepare (db,
    "INSERT INTO patient (mrn, name, birth_date, sex, notes, archived, demo) "
    "VALUES (?, ?, ?, ?, NULL, 0, 0)");
  sqlite3_stmt *episode = raw_prepare (db,
    "INSERT INTO episode (patient_id, condition, involved_side, surgery_date) "
    "VALUES (?, 'aclr', ?, ?)");
  sqlite3_stmt *visit = raw_prepare (db,
    "INSERT INTO visit (episode_id, date, body_mass_kg, findings) VALUES (?, ?, ?, 0)");
  sqlite3_stmt *measurement = raw_prepare (db,
    "INSERT INTO measurement (visit_id, measure, side, trial, value, unit, baseline) "
    "VALUES (?, ?, ?, 1, ?, ?, 0)");
  gint64 start = g_get_monotonic_time ();

  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) record = vastus_patient_new ();
      char date[VASTUS_DATE_BUF_SIZE];
      GDate d;
      gint64 patient_id, episode_id;

      if (p % PATIENTS_PER_CHUNK == 0)
        raw_exec (db, "BEGIN IMMEDIATE");
      fill_patient (record, p);
      sqlite3_bind_text (patient, 1, record->mrn, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (patient, 2, record->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (patient, 3, vastus_date_format (&record->birth_date, date), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (patient, 4, vastus_sex_to_string (record->sex), -1, SQLITE_STATIC);
      raw_step (db, patient);
      patient_id = sqlite3_last_insert_rowid (db);

      g_date_clear (&d, 1);
      visit_date (&d, p, 0);
      sqlite3_bind_int64 (episode, 1, patient_id);
      sqlite3_bind_text (episode, 2, p % 2 ? "left" : "right", -1, SQLITE_STATIC);
      sqlite3_bind_text (episode, 3, vastus_date_format (&d, date), -1, SQLITE_TRANSIENT);
      raw_step (db, episode);
      episode_id = sqlite3_last_insert_rowid (db);

      for (guint v = 0; v < VISITS_PER_PATIENT; v++)
        {
          gint64 visit_id;

          visit_date (&d, p, v + 1);
          sqlite3_bind_int64 (visit, 1, episode_id);
          sqlite3_bind_text (visit, 2, vastus_date_format (&d, date), -1, SQLITE_TRANSIENT);
          sqlite3_bind_double (visit, 3, 60 + p % 40);
          raw_step (db, visit);
          visit_id = sqlite3_last_insert_rowid (db);
          for (guint m = 0; m < MEASUREMENTS_PER_VISIT; m++)
            {
              sqlite3_bind_int64 (measurement, 1, visit_id);
              sqlite3_bind_text (measurement, 2, measures[m], -1, SQLITE_STATIC);
              sqlite3_bind_text (measurement, 3, vastus_side_to_string (sides[m]), -1,
                                 SQLITE_STATIC);
              sqlite3_bind_double (measurement, 4, value_for (p, v, m));
              sqlite3_bind_text (measurement, 5, units[m], -1, SQLITE_STATIC);
              raw_step (db, measurement);
            }
        }
      if (p % PATIENTS_PER_CHUNK == PATIENTS_PER_CHUNK - 1 || p == n_patients - 1)
        raw_exec (db, "COMMIT");
    }
  sqlite3_finalize (patient);
  sqlite3_finalize (episode);
  sqlite3_finalize (visit);
  sqlite3_finalize (measurement);
  return seconds_since (start);
}

/* The server */

static void
pg_die (PGconn     *pg,
        PGresult   *result,
        const char *what)
{
  fprintf (stderr, "bench-storage: %s: %s\n", what, PQerrorMessage (pg));
  PQclear (result);
  exit (1);
}

static void
pg_exec (PGconn     *pg,
         const char *sql)
{
  PGresult *result = PQexec (pg, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    pg_die (pg, result, sql);
  PQclear (result);
}

static void
pg_prepare (PGconn     *pg,
            const char *name,
            const char *sql)
{
  PGresult *result = PQprepare (pg, name, sql, 0, NULL);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    pg_die (pg, result, sql);
  PQclear (result);
}

/* Runs the prepared @name with text @values; the id it returns (0 when none). */
static gint64
pg_run (PGconn            *pg,
        const char        *name,
        int                n_values,
        const char *const *values)
{
  PGresult *result = PQexecPrepared (pg, name, n_values, values, NULL, NULL, 0);
  gint64 id = 0;

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    pg_die (pg, result, name);
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

/* The same rows as insert_raw, with libpq's prepared statements (text values, RETURNING id). */
static double
insert_raw_pg (PGconn *pg)
{
  gint64 start;

  pg_prepare (pg, "patient", "INSERT INTO patient (mrn, name, birth_date, sex, notes, archived, "
                             "demo) VALUES ($1, $2, $3, $4, NULL, 0, 0) RETURNING id");
  pg_prepare (pg, "episode", "INSERT INTO episode (patient_id, condition, involved_side, "
                             "surgery_date) VALUES ($1, 'aclr', $2, $3) RETURNING id");
  pg_prepare (pg, "visit", "INSERT INTO visit (episode_id, date, body_mass_kg, findings) "
                           "VALUES ($1, $2, $3, 0) RETURNING id");
  pg_prepare (pg, "measurement", "INSERT INTO measurement (visit_id, measure, side, trial, value, "
                                 "unit, baseline) VALUES ($1, $2, $3, 1, $4, $5, 0)");
  start = g_get_monotonic_time ();
  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) record = vastus_patient_new ();
      char date[VASTUS_DATE_BUF_SIZE], id[32], number[G_ASCII_DTOSTR_BUF_SIZE];
      GDate d;
      gint64 episode_id;

      if (p % PATIENTS_PER_CHUNK == 0)
        pg_exec (pg, "BEGIN");
      fill_patient (record, p);
      {
        const char *values[] = { record->mrn, record->name,
                                 vastus_date_format (&record->birth_date, date),
                                 vastus_sex_to_string (record->sex) };

        g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, pg_run (pg, "patient", 4, values));
      }
      g_date_clear (&d, 1);
      visit_date (&d, p, 0);
      {
        const char *values[] = { id, p % 2 ? "left" : "right", vastus_date_format (&d, date) };

        episode_id = pg_run (pg, "episode", 3, values);
      }
      for (guint v = 0; v < VISITS_PER_PATIENT; v++)
        {
          char episode[32], visit[32];

          visit_date (&d, p, v + 1);
          g_snprintf (episode, sizeof episode, "%" G_GINT64_FORMAT, episode_id);
          {
            const char *values[] = { episode, vastus_date_format (&d, date),
                                     g_ascii_dtostr (number, sizeof number, 60 + p % 40) };

            g_snprintf (visit, sizeof visit, "%" G_GINT64_FORMAT, pg_run (pg, "visit", 3, values));
          }
          for (guint m = 0; m < MEASUREMENTS_PER_VISIT; m++)
            {
              const char *values[] = { visit, measures[m], vastus_side_to_string (sides[m]),
                                       g_ascii_dtostr (number, sizeof number, value_for (p, v, m)),
                                       units[m] };

              pg_run (pg, "measurement", 5, values);
            }
        }
      if (p % PATIENTS_PER_CHUNK == PATIENTS_PER_CHUNK - 1 || p == n_patients - 1)
        pg_exec (pg, "COMMIT");
    }
  return seconds_since (start);
}

/* @uri with its database @name instead (postgresql://[user@]host[:port]/DATABASE[?…]). */
static char *
uri_with_database (const char *uri,
                   const char *name)
{
  const char *scheme = strstr (uri, "://");
  const char *path = scheme != NULL ? strchr (scheme + 3, '/') : NULL;
  const char *query;

  if (path == NULL)
    return g_strdup_printf ("%s/%s", uri, name);
  query = strchr (path, '?');
  return g_strdup_printf ("%.*s/%s%s", (int) (path - uri), uri, name, query != NULL ? query : "");
}

/* A new database @name on @uri's server, with the schema server init makes; its URI. */
static char *
make_server_database (PGconn     *admin,
                      const char *uri,
                      const char *name)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 "
                                             "LC_COLLATE 'C' LC_CTYPE 'C'", name);
  char *target = uri_with_database (uri, name);
  g_autoptr(GError) error = NULL;

  pg_exec (admin, drop);
  pg_exec (admin, create);
  vastus_database_server_init (target, NULL, &error);
  die_on_error (error, "server init");
  return target;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* One patient's record as the patient screen loads it: patient, episodes, visits with their
 * measurements. Returns the number of measurements (checked, so the work is not skipped). */
static guint
load_history (VastusDatabase *db,
              gint64          patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_get_patient (db, patient_id, &error);
  g_autoptr(GPtrArray) episodes = NULL;
  guint n = 0;

  die_on_error (error, "get patient");
  episodes = vastus_database_list_episodes (db, patient_id, &error);
  die_on_error (error, "list episodes");
  for (guint e = 0; e < episodes->len; e++)
    {
      VastusEpisode *episode = episodes->pdata[e];
      g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, &error);

      die_on_error (error, "list visits");
      for (guint v = 0; v < visits->len; v++)
        n += ((VastusVisit *) visits->pdata[v])->measurements->len;
    }
  return n;
}

static double
time_search (VastusDatabase    *db,
             const char        *search,
             VastusPatientSort  sort,
             guint             *n_found)
{
  g_autoptr(GError) error = NULL;
  VastusPatientQuery query = { search, FALSE, sort, 50, 0 };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) list = vastus_database_list_patients (db, &query, &error);
  double ms = (g_get_monotonic_time () - start) / 1e3;

  die_on_error (error, "list patients");
  *n_found = list->len;
  return ms;
}

static void
report_search (VastusDatabase    *db,
               const char        *label,
               const char        *search,
               VastusPatientSort  sort)
{
  double samples[N_SAMPLES];
  guint n = 0;

  for (guint i = 0; i < N_SAMPLES; i++)
    samples[i] = time_search (db, search, sort, &n);
  double median = median_ms (samples, N_SAMPLES);

  printf ("%s: median %.3f ms, max %.3f ms (%u shown, limit 50)\n",
          label, median, samples[N_SAMPLES - 1], n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-storage-XXXXXX", &error);
  g_autofree char *api_path = NULL;
  g_autofree char *raw_path = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241121);
  const char *server = NULL, *floor_name;
  g_autofree char *raw_uri = NULL;
  g_autofree char *api_uri = NULL;
  PGconn *admin = NULL;
  double n_rows;
  double api_s, raw_s, api_cpu, raw_cpu, samples[N_SAMPLES];
  guint n = 0;

  for (int i = 1; i < argc; i++)
    if (i + 1 < argc && g_str_equal (argv[i], "--patients"))
      {
        guint64 n = g_ascii_strtoull (argv[++i], NULL, 10);

        n_patients = (guint) CLAMP (n, 100, 1000000);
      }
    else if (i + 1 < argc && g_str_equal (argv[i], "--db"))
      server = argv[++i];
    else
      {
        fprintf (stderr, "usage: bench-storage [--patients N] [--db postgresql://…]\n");
        return 2;
      }
  die_on_error (error, "temporary folder");
  api_path = g_build_filename (dir, "api.db", NULL);
  raw_path = g_build_filename (dir, "raw.db", NULL);

  n_rows = n_patients * (2.0 + VISITS_PER_PATIENT + VISITS_PER_PATIENT * MEASUREMENTS_PER_VISIT);
  if (server != NULL)
    {
      PGconn *raw;
      double cpu;

      admin = PQconnectdb (server);
      if (PQstatus (admin) != CONNECTION_OK)
        pg_die (admin, NULL, server);
      printf ("bench-storage: %u patients, %u visits, %u measurements (PostgreSQL %d, server "
              "at %s, audit triggers on)\n", n_patients, n_patients * VISITS_PER_PATIENT,
              n_patients * VISITS_PER_PATIENT * MEASUREMENTS_PER_VISIT,
              PQserverVersion (admin) / 10000, server);
      raw_uri = make_server_database (admin, server, "vastus_bench_raw");
      api_uri = make_server_database (admin, server, "vastus_bench_api");
      raw = PQconnectdb (raw_uri);
      if (PQstatus (raw) != CONNECTION_OK)
        pg_die (raw, NULL, raw_uri);
      cpu = cpu_seconds ();
      raw_s = insert_raw_pg (raw);
      raw_cpu = cpu_seconds () - cpu;
      PQfinish (raw);
      db = vastus_database_open (api_uri, &error);
      floor_name = "raw libpq";
    }
  else
    {
      g_autoptr(VastusDatabase) raw = NULL;
      double cpu;

      printf ("bench-storage: %u patients, %u visits, %u measurements (SQLite %s, WAL, "
              "synchronous=FULL, audit triggers on), in %s\n",
              n_patients, n_patients * VISITS_PER_PATIENT,
              n_patients * VISITS_PER_PATIENT * MEASUREMENTS_PER_VISIT, sqlite3_libversion (), dir);
      raw = vastus_database_open (raw_path, &error);
      die_on_error (error, "open raw");
      cpu = cpu_seconds ();
      vastus_database_set_actor (raw, "bench");
      raw_s = insert_raw (_vastus_database_get_handle (raw));
      raw_cpu = cpu_seconds () - cpu;
      db = vastus_database_open (api_path, &error);
      floor_name = "raw SQLite";
    }
  die_on_error (error, "open");
  vastus_database_set_actor (db, "bench");
  {
    double cpu = cpu_seconds ();

    api_s = insert_api (db);
    api_cpu = cpu_seconds () - cpu;
  }

  printf ("bulk insert: %.0f rows/s (%s: %.0f rows/s, ratio %.2f; target >= 0.50)\n",
          n_rows / api_s, floor_name, n_rows / raw_s, raw_s / api_s);
  printf ("  %.0f rows (patients, episodes, visits, measurements) in %.2f s through the API, "
          "%.2f s raw (wall), in transactions of %u patients\n",
          n_rows, api_s, raw_s, PATIENTS_PER_CHUNK);
  printf ("  CPU time of this process: %.2f s through the API, %.2f s raw (ratio %.2f)\n",
          api_cpu, raw_cpu, raw_cpu / api_cpu);

  /* History loads, random patients, warm cache. */
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, n_patients + 1);
      gint64 start = g_get_monotonic_time ();

      n = load_history (db, id);
      samples[i] = (g_get_monotonic_time () - start) / 1e3;
      if (n != VISITS_PER_PATIENT * MEASUREMENTS_PER_VISIT)
        {
          fprintf (stderr, "bench-storage: patient %" G_GINT64_FORMAT " has %u measurements\n",
                   id, n);
          return 1;
        }
    }
  {
    double median = median_ms (samples, N_SAMPLES);

    printf ("patient history (1 episode, %u visits, %u measurements): median %.3f ms, "
            "max %.3f ms (target < 5 ms)\n", VISITS_PER_PATIENT, n, median,
            samples[N_SAMPLES - 1]);
  }

  report_search (db, "MRN prefix search \"MRN00042\"", "MRN00042",
                 VASTUS_PATIENT_SORT_NAME);
  report_search (db, "name prefix search \"nak\" (by name)", "nak",
                 VASTUS_PATIENT_SORT_NAME);
  report_search (db, "two-word search \"sofia ric\" (by name)", "sofia ric",
                 VASTUS_PATIENT_SORT_NAME);
  report_search (db, "name prefix search \"nak\" (by last visit)", "nak",
                 VASTUS_PATIENT_SORT_LAST_VISIT);
  report_search (db, "no search, by name (first page)", NULL, VASTUS_PATIENT_SORT_NAME);
  report_search (db, "no search, by last visit (all 10,000 ranked)", NULL,
                 VASTUS_PATIENT_SORT_LAST_VISIT);

  /* Saving one visit on its own (its own transaction, fsync'd). */
  for (guint i = 0; i < 51; i++)
    {
      g_autoptr(VastusVisit) visit = vastus_visit_new ();
      gint64 start;

      visit->episode_id = 1 + i;
      g_date_set_dmy (&visit->date, 1, 6, 2024);
      for (guint m = 0; m < 10; m++)
        vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd",
                                                                     m % 2 ? VASTUS_SIDE_LEFT
                                                                           : VASTUS_SIDE_RIGHT,
                                                                     1 + m / 2, 300 + m, "N"));
      start = g_get_monotonic_time ();
      vastus_database_insert_visit (db, visit, &error);
      samples[i] = (g_get_monotonic_time () - start) / 1e3;
      die_on_error (error, "save visit");
    }
  printf ("save one visit with 10 measurements (own transaction): median %.3f ms (target < %d ms)\n",
          median_ms (samples, 51), server != NULL ? 20 : 50);

  if (server != NULL)
    {
      /* A server's database is not a file: no quick_check, no size on disk here. */
      g_clear_object (&db);
      pg_exec (admin, "DROP DATABASE vastus_bench_api");
      pg_exec (admin, "DROP DATABASE vastus_bench_raw");
      PQfinish (admin);
      remove_tree (dir);
      return 0;
    }
  {
    gint64 start = g_get_monotonic_time ();

    vastus_database_check (db, &error);
    die_on_error (error, "quick_check");
    printf ("quick_check of the whole file: %.0f ms\n", seconds_since (start) * 1e3);
  }

  g_clear_object (&db);
  {
    GStatBuf st;

    if (g_stat (api_path, &st) == 0)
      printf ("database file: %.1f MB (with the audit trail of every row)\n", st.st_size / 1e6);
  }
  remove_tree (dir);
  return 0;
}
