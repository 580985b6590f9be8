/* bench-evaluate.c: the clinic-wide "who is ready" list
 *
 * Builds 10,000 ACL-reconstruction patients × 20 visits × 5 measurements (quadriceps MVIC and
 * single hop on both sides, KOS-ADLS; the first visit's values marked as baseline) through the
 * storage API in a temporary folder. Then, for every patient: load the history through storage
 * and evaluate the episode's default criteria set (aclr-return-to-sport) as of one date. Prints
 * the total and per-patient times, the caseload's rows (vastus_database_list_caseload: five runs by
 * default, --caseload-runs N, and their median), and the evaluation alone on preloaded histories.
 * Target: under 1 s in total. Not a test: it prints figures. --caseload-only times the caseload
 * alone, first thing on its connection (for a profiler).
 *
 * --db PATH|URI runs on that database instead (a Vastus file, or a PostgreSQL server's database,
 * which `vastus-cli --db URI server init` has made Vastus's or which is empty): the clinic is
 * built into it when it has no patient yet, and kept afterwards, so that a second run, on either
 * engine, times the same clinic without building it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-clinic.h"
#include "vastus-caseload-store.h"
#include "vastus-criteria-store.h"
#include "vastus-evaluation.h"
#include "vastus-memory.h"
#include "vastus-value.h"

#define VISITS_PER_PATIENT 20

static guint n_patients = 10000;
static guint n_caseload_runs = 5;


static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-evaluate: %s: %s\n", what, error->message);
      exit (1);
    }
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The process's system time so far and its page faults (those served without reading a disk):
 * the kernel's share of a pass, which the CPU time includes. */
static void
kernel_usage (double *sys_s,
              long   *faults)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  *sys_s = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  *faults = usage.ru_minflt;
}

static GPtrArray *
all_patients (VastusDatabase *db)
{
  VastusPatientQuery query = { NULL, FALSE, VASTUS_PATIENT_SORT_MRN, 0, 0 };
  GError *error = NULL;
  GPtrArray *list = vastus_database_list_patients (db, &query, &error);

  die_on_error (error, "list patients");
  return list;
}

/* The caseload: every patient as its row (vastus_database_list_caseload: the bulk loader, each
 * set read once, the evaluation, last visit and re-test per row), listed again as the window
 * refreshes it. The median of the runs is the figure, the slowest said beside it. FALSE when a
 * list has other than @n_expected rows (0: not known). */
static gboolean
time_caseload (VastusDatabase *db,
               const GDate    *as_of,
               guint           n_expected)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  double median;

  for (guint run = 0; run < n_caseload_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      double sys_before, sys_after;
      long faults_before, faults_after;
      g_autoptr(GPtrArray) rows = NULL;
      double caseload_s, caseload_cpu;
      guint due = 0;

      kernel_usage (&sys_before, &faults_before);
      rows = vastus_database_list_caseload (db, as_of, NULL, 4, NULL, &error);
      die_on_error (error, "caseload");
      caseload_s = seconds_since (start);
      caseload_cpu = cpu_seconds () - cpu;
      kernel_usage (&sys_after, &faults_after);
      g_array_append_val (times, caseload_s);
      for (guint i = 0; i < rows->len; i++)
        due += ((VastusCaseloadRow *) g_ptr_array_index (rows, i))->due;
      printf ("caseload (vastus_database_list_caseload), run %u, %u patients: %.3f s total, "
              "%.1f µs per patient (CPU %.3f s, of which system %.3f s; %ld page faults); %u "
              "due for re-test after 4 weeks\n",
              run + 1, rows->len, caseload_s, caseload_s * 1e6 / MAX (1, rows->len), caseload_cpu,
              sys_after - sys_before, faults_after - faults_before, due);
      if (n_expected != 0 && rows->len != n_expected)
        {
          fprintf (stderr, "bench-evaluate: the caseload disagrees\n");
          return FALSE;
        }
    }
  median = bench_median (times);   /* sorts them */
  printf ("caseload: median %.3f s over %u runs (fastest %.3f s, slowest %.3f s) (target < 1 s)\n",
          median, times->len, g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1));
  return TRUE;
}

static int
run (int   argc,
     char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-evaluate-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) vastus_criteria_set_free);
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_history_free);
  GDate as_of;
  double build_s, total_s, total_cpu, eval_s, bulk_s;
  guint ready = 0, ready_again = 0, n_criteria = 0;
  gint64 episodes_us = 0, visits_us = 0;
  gboolean caseload_only = FALSE;

  for (int i = 1; i < argc; i += 2)
    {
      if (i + 1 < argc && g_str_equal (argv[i], "--patients"))
        n_patients = (guint) CLAMP (g_ascii_strtoull (argv[i + 1], NULL, 10), 10, 1000000);
      else if (i + 1 < argc && g_str_equal (argv[i], "--db"))
        path = g_strdup (argv[i + 1]);
      else if (i + 1 < argc && g_str_equal (argv[i], "--caseload-runs"))
        n_caseload_runs = (guint) CLAMP (g_ascii_strtoull (argv[i + 1], NULL, 10), 1, 1000);
      else if (g_str_equal (argv[i], "--caseload-only"))
        {
          caseload_only = TRUE;
          i--;
        }
      else
        {
          fprintf (stderr, "usage: bench-evaluate [--patients N] [--db PATH|URI] "
                           "[--caseload-runs N] [--caseload-only]\n");
          return 2;
        }
    }
  die_on_error (error, "temporary folder");
  if (path == NULL)
    path = g_build_filename (dir, "bench.db", NULL);
  else if (vastus_database_is_server_uri (path))
    {
      vastus_database_server_init (path, NULL, &error);
      die_on_error (error, "server init");
    }
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, 12, 2025);

  db = vastus_database_open (path, &error);
  die_on_error (error, "open");
  vastus_database_set_actor (db, "bench");
  {
    VastusPatientQuery everyone = { NULL, FALSE, VASTUS_PATIENT_SORT_MRN, 0, 0 };
    guint found = vastus_database_count_patients (db, &everyone, &error);

    die_on_error (error, "count patients");
    if (found > 0)
      printf ("bench-evaluate: the %u patients already in %s\n", found, path);
    else
      {
        gint64 start = g_get_monotonic_time ();
        guint n_visits = 0;

        printf ("bench-evaluate: %u patients × %u visits × %u measurements, in %s\n",
                n_patients, VISITS_PER_PATIENT, BENCH_CLINIC_MEASUREMENTS_PER_VISIT, path);
        g_array_unref (bench_clinic_build (db, n_patients, VISITS_PER_PATIENT, VISITS_PER_PATIENT,
                                           1, &n_visits));
        build_s = seconds_since (start);
        printf ("  built through the storage API in %.1f s\n", build_s);
      }
  }

  /* The caseload alone: its first run is this connection's first read of the clinic. */
  if (caseload_only)
    {
      gboolean ok = time_caseload (db, &as_of, 0);

      g_clear_object (&db);
      bench_remove_tree (dir);
      return ok ? 0 : 1;
    }

  /* The clinic-wide list: every patient, most recent episode, its default set, as of a date. */
  {
    gint64 start = g_get_monotonic_time ();
    double cpu = cpu_seconds ();
    g_autoptr(GPtrArray) patients = all_patients (db);

    for (guint i = 0; i < patients->len; i++)
      {
        VastusPatientSummary *s = g_ptr_array_index (patients, i);
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, s->patient->id, &error);
        gint64 t1 = g_get_monotonic_time ();
        VastusHistory *history;
        VastusCriteriaSet *set;
        const VastusEpisode *episode;
        const char *id;
        g_autoptr(VastusEvaluation) ev = NULL;

        die_on_error (error, "list episodes");
        if (episodes->len == 0)
          continue;
        episode = g_ptr_array_index (episodes, 0);
        id = episode->criteria_set != NULL ? episode->criteria_set
                                           : vastus_criteria_default_for (episode->condition);
        if (id == NULL)
          continue;
        set = g_hash_table_lookup (sets, id);
        if (set == NULL)
          {
            set = vastus_database_get_criteria_set (db, id, 0, &error);
            die_on_error (error, "criteria set");
            g_hash_table_insert (sets, set->id, set);
          }
        history = vastus_database_load_episode_history (db, s->patient, episode, &error);
        die_on_error (error, "load history");
        episodes_us += t1 - t0;
        visits_us += g_get_monotonic_time () - t1;
        ev = vastus_evaluate (history, set, &as_of, NULL);
        ready += ev->ready;
        n_criteria += ev->results->len;
        g_ptr_array_add (histories, history);
      }
    total_s = seconds_since (start);
    total_cpu = cpu_seconds () - cpu;
  }
  printf ("who is ready, per-patient load (list episodes + visits) + evaluate the default "
          "set, %u patients: %.3f s total, %.1f µs per patient (CPU %.3f s); %u of %u ready as "
          "of 2025-12-01\n",
          histories->len, total_s, total_s * 1e6 / MAX (1, histories->len), total_cpu, ready,
          histories->len);

  printf ("  of which listing episodes %.3f s, loading visits and measurements %.3f s\n",
          episodes_us / 1e6, visits_us / 1e6);

  /* The same list with the bulk loader: two passes over all visits and measurements. */
  {
    gint64 start = g_get_monotonic_time ();
    double cpu = cpu_seconds ();
    g_autoptr(GPtrArray) bulk = vastus_database_load_current_histories (db, FALSE, &error);
    double load_s;
    guint ready_bulk = 0;

    die_on_error (error, "load current histories");
    load_s = seconds_since (start);
    for (guint i = 0; i < bulk->len; i++)
      {
        const VastusHistory *history = g_ptr_array_index (bulk, i);
        const char *id = history->episode->criteria_set != NULL
          ? history->episode->criteria_set : vastus_criteria_default_for (history->episode->condition);
        VastusCriteriaSet *set = id != NULL ? g_hash_table_lookup (sets, id) : NULL;
        g_autoptr(VastusEvaluation) ev = NULL;

        if (set == NULL)
          continue;
        ev = vastus_evaluate (history, set, &as_of, NULL);
        ready_bulk += ev->ready;
      }
    bulk_s = seconds_since (start);
    printf ("who is ready, bulk load (vastus_database_load_current_histories) + evaluate, %u "
            "patients: %.3f s total, %.1f µs per patient (CPU %.3f s; loading %.3f s) "
            "(target < 1 s)\n",
            bulk->len, bulk_s, bulk_s * 1e6 / MAX (1, bulk->len), cpu_seconds () - cpu, load_s);
    if (ready_bulk != ready || bulk->len != histories->len)
      {
        fprintf (stderr, "bench-evaluate: the bulk load disagrees\n");
        return 1;
      }
  }

  if (!time_caseload (db, &as_of, histories->len))
    return 1;

  /* The evaluation alone, on the loaded histories. */
  {
    VastusCriteriaSet *set = g_hash_table_lookup (sets, "aclr-return-to-sport");
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < histories->len; i++)
      {
        g_autoptr(VastusEvaluation) ev = vastus_evaluate (g_ptr_array_index (histories, i), set, &as_of, NULL);

        ready_again += ev->ready;
      }
    eval_s = seconds_since (start);
  }
  printf ("  evaluation alone: %.3f s, %.1f µs per patient (%u criteria evaluated)\n",
          eval_s, eval_s * 1e6 / MAX (1, histories->len), n_criteria);
  if (ready_again != ready)
    {
      fprintf (stderr, "bench-evaluate: the two passes disagree\n");
      return 1;
    }

  g_clear_object (&db);
  bench_remove_tree (dir);
  return 0;
}

/* As the application starts (src/main.c): the heap on transparent huge pages where the machine
 * offers them, so that the figures are the application's. The line says which it was. */
int
main (int   argc,
      char *argv[])
{
  const char *tunables;

  vastus_memory_prefer_huge_pages (argv);
  tunables = g_getenv ("GLIBC_TUNABLES");
  printf ("bench-evaluate: heap %s (GLIBC_TUNABLES=%s)\n",
          tunables != NULL && strstr (tunables, "glibc.malloc.hugetlb=1") != NULL
            ? "on transparent huge pages" : "on ordinary pages",
          tunables != NULL ? tunables : "");
  return run (argc, argv);
}
