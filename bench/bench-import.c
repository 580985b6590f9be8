/* bench-import.c: vastus-cli import of large files (data-safety.md §5 B21)
 *
 * Writes flat CSV files of 50 and 500 MB (or the sizes given) into a temporary folder, as an
 * export of a clinic would look (patients with 10 visits of 40 measurements, every column), and
 * imports each with the built vastus-cli into a new database. The floor, in the same run:
 * sqlite3's .import of the same file into a plain table (no checks, no indexes, no audit trail).
 * Prints rows per second, the import's peak resident memory, and the ratio of the times. Not a
 * test: it prints figures. The files go when it ends.
 *
 * bench-import --device [ROWS]: a device export of ROWS rows (default 100,000; a clinic's
 * spreadsheet through a profile: semicolons, decimal comma, DD.MM.YYYY, left and right in kg)
 * imported with `import --profile`, beside the flat CSV of the same values imported in the same
 * run (the floor: the device import is the flat import behind a translation of each row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  double seconds;      /* wall clock */
  double cpu;          /* user + system */
  long   maxrss_kb;
} Result;

static const char *measures[] = { "quadriceps_hhd", "hamstrings_hhd", "hip_abduction_hhd",
                                  "single_hop", "thigh_girth_10" };
static const char *units[] = { "N", "N", "N", "cm", "cm" };

/* About @megabytes MB of rows; returns how many rows. */
static guint64
write_file (const char *path,
            guint       megabytes)
{
  FILE *out = fopen (path, "w");
  g_autoptr(GString) row = g_string_new (NULL);
  guint64 written = 0, n_rows = 0;

  if (out == NULL)
    {
      fprintf (stderr, "bench-import: %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
  fputs ("mrn,name,birth_date,sex,condition,involved_side,surgery_date,injury_date,visit_date,"
         "body_mass_kg,height_cm,clinician,note,measure,side,trial,value,unit,baseline,"
         "knee_angle_deg,velocity_deg_s\n", out);
  for (guint p = 0; written < (guint64) megabytes * 1000000; p++)
    for (guint v = 0; v < 10; v++)
      for (guint m = 0; m < 40; m++)
        {
          guint k = m / 8;

          g_string_printf (row, "B-%07u,Bench Patient %u,%u-%02u-%02u,%s,aclr,%s,2020-03-%02u,"
                           "2020-01-%02u,2021-%02u-%02u,%u.5,%u,Åsa Lind,follow-up %u,%s,%s,%u,"
                           "%u.%u,%s,no,%s,\n",
                           p, p, 1950 + p % 50, 1 + p % 12, 1 + p % 28, p % 2 ? "female" : "male",
                           p % 2 ? "left" : "right", 1 + p % 28, 1 + p % 28, 1 + v, 1 + p % 28,
                           55 + p % 40, 160 + p % 30, v + 1, measures[k],
                           m % 2 ? "right" : "left", 1 + (m % 8) / 2,
                           k < 3 ? 200 + m + p % 50 : (k == 3 ? 100 + m : 40 + p % 10), m % 10,
                           units[k], k < 3 ? "60" : "");
          fputs (row->str, out);
          written += row->len;
          n_rows++;
        }
  if (fclose (out) != 0)
    {
      fprintf (stderr, "bench-import: %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
  return n_rows;
}

/* Runs @argv with stdin from @input (may be NULL), stdout and stderr to /dev/null. */
static Result
run (char      **argv,
     const char *input)
{
  struct rusage usage = { 0 };
  gint64 start = g_get_monotonic_time ();
  Result result = { 0 };
  int status = 0;
  pid_t pid = fork ();

  if (pid < 0)
    exit (1);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);
      int in = input != NULL ? open (input, O_RDONLY) : -1;

      if (null < 0 || dup2 (null, STDOUT_FILENO) < 0 ||
          (input != NULL && (in < 0 || dup2 (in, STDIN_FILENO) < 0)))
        _exit (126);
      execvp (argv[0], argv);
      _exit (127);
    }
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      exit (1);
  result.seconds = (g_get_monotonic_time () - start) / 1e6;
  result.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
               usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  result.maxrss_kb = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "bench-import: %s failed (status %d)\n", argv[0], status);
      exit (1);
    }
  return result;
}

static void
measure (const char *dir,
         guint       megabytes)
{
  g_autofree char *name = g_strdup_printf ("import-%u.csv", megabytes);
  g_autofree char *csv = g_build_filename (dir, name, NULL);
  g_autofree char *db = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *script = g_build_filename (dir, "import.sqlite3", NULL);
  g_autofree char *commands = g_strdup_printf (".mode csv\n.import '%s' measurement\n", csv);
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  guint64 n_rows;
  GStatBuf st;
  Result vastus, floor;

  if (sqlite3 == NULL)
    {
      fprintf (stderr, "bench-import: sqlite3 is not installed (build-aux/debian-packages.txt)\n");
      exit (1);
    }
  n_rows = write_file (csv, megabytes);
  g_stat (csv, &st);
  g_file_set_contents (script, commands, -1, NULL);

  /* The floor first: both read the file from the page cache then. */
  floor = run ((char *[]) { sqlite3, plain, NULL }, script);
  vastus = run ((char *[]) { (char *) VASTUS_CLI_PATH, "--db", db, "import", csv, NULL }, NULL);

  printf ("import of %.0f MB (%" G_GUINT64_FORMAT " rows): %.0f rows/s, peak RSS %.0f MB "
          "(target < 200 MB); %.1f s wall, %.1f s CPU\n",
          st.st_size / 1e6, n_rows, n_rows / vastus.seconds, vastus.maxrss_kb / 1024.0,
          vastus.seconds, vastus.cpu);
  printf ("  sqlite3 .import into a plain table: %.0f rows/s, %.1f s wall, %.1f s CPU, "
          "peak RSS %.0f MB; vastus-cli takes %.1f× its time (%.1f× its CPU time)\n",
          n_rows / floor.seconds, floor.seconds, floor.cpu, floor.maxrss_kb / 1024.0,
          vastus.seconds / floor.seconds, vastus.cpu / floor.cpu);
  if (g_stat (db, &st) == 0)
    printf ("  database: %.0f MB (every row with its audit record)\n", st.st_size / 1e6);
  fflush (stdout);

  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *a = g_strconcat (db, suffix, NULL);
      g_autofree char *b = g_strconcat (plain, suffix, NULL);

      g_unlink (a);
      g_unlink (b);
    }
  g_unlink (csv);
  g_unlink (script);
}

/* Device export vs flat CSV of the same values, into databases holding the same patients. */

#define DEVICE_PATIENTS 5000

static const char device_profile[] =
  "[Profile]\nName=Bench sheet\nDelimiter=;\nDecimalMark=,\nDateFormat=%d.%m.%Y\n"
  "PatientColumn=Patient-ID\nDateColumn=Datum\n"
  "[Column Quadrizeps li (kg)]\nMeasure=quadriceps_hhd\nSide=left\nUnit=kg\n"
  "[Column Quadrizeps re (kg)]\nMeasure=quadriceps_hhd\nSide=right\nUnit=kg\n";

static FILE *
open_out (const char *path)
{
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      fprintf (stderr, "bench-import: %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
  return out;
}

static void
close_out (FILE       *out,
           const char *path)
{
  if (fclose (out) != 0)
    {
      fprintf (stderr, "bench-import: %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
}

static void
measure_device (const char *dir,
                guint       n_rows)
{
  g_autofree char *seed = g_build_filename (dir, "seed.csv", NULL);
  g_autofree char *device = g_build_filename (dir, "device.csv", NULL);
  g_autofree char *flat = g_build_filename (dir, "flat.csv", NULL);
  g_autofree char *profile = g_build_filename (dir, "bench-sheet.ini", NULL);
  g_autofree char *db_device = g_build_filename (dir, "device.db", NULL);
  g_autofree char *db_flat = g_build_filename (dir, "flat.db", NULL);
  guint per_patient = (n_rows + DEVICE_PATIENTS - 1) / DEVICE_PATIENTS;
  FILE *out;
  Result by_profile, by_flat;
  guint written = 0;

  out = open_out (seed);
  fputs ("mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,"
         "value,unit\n", out);
  for (guint p = 0; p < DEVICE_PATIENTS; p++)
    fprintf (out, "D-%05u,Bench Patient %u,1980-01-01,female,aclr,left,2000-01-01,2000-02-01,"
             "quadriceps_hhd,left,200,N\n", p, p);
  close_out (out, seed);

  /* Each patient's visits a week apart from 2000-03-01; values 20,0–39,9 kg. */
  out = open_out (device);
  fputs ("Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Bemerkung\n", out);
  {
    FILE *flat_out = open_out (flat);

    fputs ("mrn,visit_date,measure,side,value,unit\n", flat_out);
    for (guint p = 0; p < DEVICE_PATIENTS && written < n_rows; p++)
      for (guint v = 0; v < per_patient && written < n_rows; v++, written++)
        {
          GDate date;
          guint l = 200 + (p + v) % 200, r = 200 + (p * 7 + v) % 200;

          g_date_set_dmy (&date, 1, 3, 2000);
          g_date_add_days (&date, v * 7);
          fprintf (out, "D-%05u;%02u.%02u.%04u;%u,%u;%u,%u;\n", p, g_date_get_day (&date),
                   g_date_get_month (&date), g_date_get_year (&date), l / 10, l % 10, r / 10,
                   r % 10);
          fprintf (flat_out, "D-%05u,%04u-%02u-%02u,quadriceps_hhd,left,%u.%u,kg\n"
                   "D-%05u,%04u-%02u-%02u,quadriceps_hhd,right,%u.%u,kg\n",
                   p, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                   l / 10, l % 10, p, g_date_get_year (&date), g_date_get_month (&date),
                   g_date_get_day (&date), r / 10, r % 10);
        }
    close_out (flat_out, flat);
  }
  close_out (out, device);
  g_file_set_contents (profile, device_profile, -1, NULL);

  run ((char *[]) { (char *) VASTUS_CLI_PATH, "--db", db_flat, "import", seed, NULL }, NULL);
  run ((char *[]) { (char *) VASTUS_CLI_PATH, "--db", db_device, "import", seed, NULL }, NULL);
  by_flat = run ((char *[]) { (char *) VASTUS_CLI_PATH, "--db", db_flat, "import", flat, NULL },
                 NULL);
  by_profile = run ((char *[]) { (char *) VASTUS_CLI_PATH, "--db", db_device, "import",
                                 "--profile", profile, device, NULL }, NULL);

  printf ("device export through a profile: %u rows (%u values): %.0f rows/s, %.0f values/s, "
          "peak RSS %.0f MB; %.1f s wall, %.1f s CPU\n",
          written, 2 * written, written / by_profile.seconds, 2 * written / by_profile.seconds,
          by_profile.maxrss_kb / 1024.0, by_profile.seconds, by_profile.cpu);
  printf ("  flat CSV of the same values: %u rows: %.0f rows/s, peak RSS %.0f MB; %.1f s wall, "
          "%.1f s CPU; the device import runs at %.2f× its rate of values (%.2f× by CPU time; "
          "target ≥ 0.5×)\n",
          2 * written, 2 * written / by_flat.seconds, by_flat.maxrss_kb / 1024.0, by_flat.seconds,
          by_flat.cpu, by_flat.seconds / by_profile.seconds, by_flat.cpu / by_profile.cpu);
  fflush (stdout);

  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *a = g_strconcat (db_device, suffix, NULL);
      g_autofree char *b = g_strconcat (db_flat, suffix, NULL);

      g_unlink (a);
      g_unlink (b);
    }
  g_unlink (seed);
  g_unlink (device);
  g_unlink (flat);
  g_unlink (profile);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  guint sizes[8] = { 50, 500 };
  guint n_sizes = 2;

  if (argc > 1 && g_str_equal (argv[1], "--device"))
    {
      guint n_rows = argc > 2 ? (guint) CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, 10000000)
                              : 100000;

      dir = g_dir_make_tmp ("vastus-bench-import-XXXXXX", &error);
      if (dir == NULL)
        {
          fprintf (stderr, "bench-import: %s\n", error->message);
          return 1;
        }
      measure_device (dir, n_rows);
      g_rmdir (dir);
      return 0;
    }
  /* bench-import [MB …]: other sizes (a quick run: bench-import 5). */
  if (argc > 1)
    {
      n_sizes = 0;
      for (int i = 1; i < argc && n_sizes < G_N_ELEMENTS (sizes); i++)
        sizes[n_sizes++] = (guint) CLAMP (g_ascii_strtoull (argv[i], NULL, 10), 1, 100000);
    }
  dir = g_dir_make_tmp ("vastus-bench-import-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-import: %s\n", error->message);
      return 1;
    }
  printf ("bench-import: vastus-cli import vs sqlite3 .import, files in %s\n", dir);
  for (guint i = 0; i < n_sizes; i++)
    measure (dir, sizes[i]);
  g_rmdir (dir);
  return 0;
}
