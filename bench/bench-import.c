/* bench-import.c: vastus-cli import of large files (data-safety.md §5 B21)
 *
 * Writes flat CSV files of 50 and 500 MB (or the sizes given) into a temporary folder, as an
 * export of a clinic would look (patients with 10 visits of 40 measurements, every column), and
 * imports each with the built vastus-cli into a new database. The floor, in the same run:
 * sqlite3's .import of the same file into a plain table (no checks, no indexes, no audit trail).
 * Prints rows per second, the import's peak resident memory, and the ratio of the times. Not a
 * test: it prints figures. The files go when it ends.
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  guint sizes[8] = { 50, 500 };
  guint n_sizes = 2;

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
