/* bench-fhir.c: FHIR export against CSV export of the same data
 *
 * Builds the benchmarks' clinic (bench-clinic.h) in a temporary folder: 10,000 ACL-reconstruction
 * patients, the first with 100 visits and the others with 20, 5 measurements a visit. Then times
 * `fhir export` of the patient with 100 visits (with the criteria evaluation and the surgeon's PDF
 * in it) and of the whole clinic to a file, and the CSV export of the same data in the same run:
 * prints the time, the file's size and both ratios to CSV. Not a test: it prints figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-clinic.h"
#include "vastus-csv-export.h"
#include "vastus-fhir.h"
#include "vastus-report-store.h"

#define FULL_VISITS 100
#define SHORT_VISITS 20
#define ROUNDS 5

static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-fhir: %s: %s\n", what, error->message);
      exit (1);
    }
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0;
}

/* The FHIR Bundle of @mrn (NULL: everyone) into @path; seconds. */
static double
time_fhir (VastusDatabase *db,
           const char     *mrn,
           const char     *path)
{
  VastusFhirExportOptions options = { 0 };
  g_autoptr(GPtrArray) handed_out = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_report_record_free);
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  options.mrn = mrn;
  options.paper = VASTUS_PAPER_A4;
  vastus_fhir_export_file (db, &options, path, handed_out, NULL, &error);
  die_on_error (error, "fhir export");
  /* As vastus-cli does: the report inside on record. */
  for (guint i = 0; i < handed_out->len; i++)
    vastus_database_insert_report (db, g_ptr_array_index (handed_out, i), &error);
  die_on_error (error, "recording the report");
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The CSV of @mrn (NULL: everyone) into @path, as vastus-cli export -o writes it; seconds. */
static double
time_csv (VastusDatabase *db,
          const char     *mrn,
          const char     *path)
{
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize length = 0;
  g_autofree char *csv = vastus_csv_export (db, mrn, &length, &error);

  die_on_error (error, "csv export");
  g_file_set_contents_full (path, csv, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  die_on_error (error, "csv write");
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-fhir-XXXXXX", &error);
  g_autofree char *db_path = NULL, *json = NULL, *csv = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  double fhir_s[ROUNDS], csv_s[ROUNDS];
  guint n_patients = 10000, n_visits = 0;
  double fhir_all, csv_all, fhir_cpu, csv_cpu;
  gint64 start;

  if (argc == 3 && g_str_equal (argv[1], "--patients"))
    n_patients = (guint) CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, 1000000);
  else if (argc != 1)
    {
      fprintf (stderr, "usage: bench-fhir [--patients N]\n");
      return 2;
    }
  die_on_error (error, "temporary folder");
  db_path = g_build_filename (dir, "bench.db", NULL);
  json = g_build_filename (dir, "bundle.json", NULL);
  csv = g_build_filename (dir, "export.csv", NULL);
  db = vastus_database_open (db_path, &error);
  die_on_error (error, "open");
  vastus_database_set_actor (db, "bench");

  start = g_get_monotonic_time ();
  g_array_unref (bench_clinic_build (db, n_patients, FULL_VISITS, SHORT_VISITS, n_patients, &n_visits));
  printf ("bench-fhir: %u patients, %u visits × %u measurements, built in %.1f s, in %s\n",
          n_patients, n_visits, BENCH_CLINIC_MEASUREMENTS_PER_VISIT,
          (g_get_monotonic_time () - start) / 1e6, dir);

  /* One patient with 100 visits (EV000000, bench-clinic.h): the median of a few rounds. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      fhir_s[r] = time_fhir (db, "EV000000", json);
      csv_s[r] = time_csv (db, "EV000000", csv);
    }
  qsort (fhir_s, ROUNDS, sizeof (double), compare_double);
  qsort (csv_s, ROUNDS, sizeof (double), compare_double);
  printf ("one patient, %u visits: fhir export %.1f ms, %.2f MB (with the PDF); csv export %.1f ms, "
          "%.2f MB; %.1f× the time, %.1f× the size (median of %u)\n",
          FULL_VISITS, fhir_s[ROUNDS / 2] * 1e3, file_mb (json), csv_s[ROUNDS / 2] * 1e3, file_mb (csv),
          fhir_s[ROUNDS / 2] / csv_s[ROUNDS / 2], file_mb (json) / MAX (file_mb (csv), 1e-9), ROUNDS);

  /* The whole clinic, once each. */
  fhir_cpu = cpu_seconds ();
  fhir_all = time_fhir (db, NULL, json);
  fhir_cpu = cpu_seconds () - fhir_cpu;
  csv_cpu = cpu_seconds ();
  csv_all = time_csv (db, NULL, csv);
  csv_cpu = cpu_seconds () - csv_cpu;
  printf ("whole clinic, %u patients: fhir export %.1f s (CPU %.1f s), %.0f MB; csv export %.1f s "
          "(CPU %.1f s), %.0f MB; %.1f× the time (CPU %.1f×), %.1f× the size\n",
          n_patients, fhir_all, fhir_cpu, file_mb (json), csv_all, csv_cpu, file_mb (csv),
          fhir_all / csv_all, fhir_cpu / csv_cpu, file_mb (json) / MAX (file_mb (csv), 1e-9));

  g_clear_object (&db);
  g_unlink (json);
  g_unlink (csv);
  {
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
  }
  g_rmdir (dir);
  return 0;
}
