/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import that cannot be fooled (data-safety.md §5 B6, B7, B8, B21):
 *   hostile        hundreds of hostile files, each a valid file with one cell or record made
 *                  hostile (seeded): every message names line and column, and the limit where one
 *                  applies, quotes at most a few dozen characters, holds no control character,
 *                  and the database is as it was
 *   concurrent     ten rounds of two vastus-cli imports of one file started at once into a clinic
 *                  that has the patients: every visit once
 *   memory         a large file imports in bounded memory: peak RSS under 200 MB, and a file ten
 *                  times larger needs little more
 *   out-of-memory  at every address-space limit from too little to enough, vastus-cli ends with
 *                  a message, never a signal, and a failed import stores nothing
 *   disk-full      an import onto a full disk says so and stores nothing
 * $VASTUS_FAULT_SCALE scales the numbers (the sanitizer pass uses less); seeds are printed.
 */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault-util.h"
#include "storage-test-util.h"
#include "vastus-csv-export.h"
#include "vastus-csv-import.h"

#define N_HOSTILE 600

/* Today for every import here, so that the files' dates stay in the past. */
#define TODAY "2025-06-01"

/* Running vastus-cli */

typedef struct
{
  int    status;       /* as waitpid () gives it */
  long   maxrss_kb;    /* the child's peak resident set */
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Starts vastus-cli --db @db import @files in a child (with an address-space limit when
 * @limit_as > 0) that, when @go is given, waits for the pipe to be closed before it execs. */
static pid_t
start_import (const char  *db,
              const char **files,
              rlim_t       limit_as,
              const int   *go,
              const char  *out_path,
              const char  *err_path)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  pid_t pid;

  g_ptr_array_add (argv, (gpointer) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "import");
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) files[i]);
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int out = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      int err = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      char byte;

      if (out < 0 || err < 0 || dup2 (out, STDOUT_FILENO) < 0 || dup2 (err, STDERR_FILENO) < 0)
        _exit (120);
      if (go != NULL && (close (go[1]) != 0 || read (go[0], &byte, 1) < 0))
        _exit (121);
      if (limit_as > 0)
        {
          struct rlimit lim = { limit_as, limit_as };

          if (setrlimit (RLIMIT_AS, &lim) != 0)
            _exit (122);
        }
      g_setenv ("VASTUS_TODAY", TODAY, TRUE);
      execv (VASTUS_CLI_PATH, (char **) argv->pdata);
      _exit (123);
    }
  return pid;
}

static void
finish_import (pid_t       pid,
               const char *out_path,
               const char *err_path,
               Run        *run)
{
  struct rusage usage = { 0 };

  while (wait4 (pid, &run->status, 0, &usage) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  run->maxrss_kb = usage.ru_maxrss;
  g_file_get_contents (out_path, &run->out, NULL, NULL);
  g_file_get_contents (err_path, &run->err, NULL, NULL);
}

static void
run_import (const char  *dir,
            const char  *db,
            const char **files,
            rlim_t       limit_as,
            Run         *run)
{
  g_autofree char *out = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *err = g_build_filename (dir, "err.txt", NULL);

  finish_import (start_import (db, files, limit_as, NULL, out, err), out, err, run);
}

static gboolean
exited_with (const Run *run,
             int        code)
{
  return WIFEXITED (run->status) && WEXITSTATUS (run->status) == code;
}

/* The hostile battery */

/* The columns of the files, in this order: messages name these numbers. */
enum {
  C_MRN = 1, C_NAME, C_BIRTH, C_SEX, C_CONDITION, C_INVOLVED, C_SURGERY, C_INJURY, C_VISIT_DATE,
  C_MASS, C_HEIGHT, C_CLINICIAN, C_NOTE, C_MEASURE, C_SIDE, C_TRIAL, C_VALUE, C_UNIT, C_BASELINE,
  C_ANGLE, C_VELOCITY, N_COLS = C_VELOCITY
};

static const char header[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,injury_date,visit_date,"
  "body_mass_kg,height_cm,clinician,note,measure,side,trial,value,unit,baseline,knee_angle_deg,"
  "velocity_deg_s";

#define N_ROWS 16

typedef struct
{
  char *cell[N_COLS + 2];     /* 1-based; [N_COLS + 1] an extra field, if any */
  int   n_cells;
  gboolean unclosed;          /* the hostile cell opens a quote that never closes */
  int   raw;                  /* this cell is written as it is, never quoted */
} Row;

/* Two patients, two visits each, four quadriceps trials a visit: lines 2–17. */
static void
base_rows (Row rows[N_ROWS])
{
  static const char *sides[] = { "left", "left", "right", "right" };

  for (int i = 0; i < N_ROWS; i++)
    {
      int p = i / 8, v = (i / 4) % 2, k = i % 4;
      Row *r = &rows[i];

      memset (r, 0, sizeof *r);
      r->n_cells = N_COLS;
      r->cell[C_MRN] = g_strdup_printf ("H-%d", p + 1);
      r->cell[C_NAME] = g_strdup_printf ("Hostile Test %d", p + 1);
      r->cell[C_BIRTH] = g_strdup_printf ("1980-05-0%d", p + 1);
      r->cell[C_SEX] = g_strdup ("female");
      r->cell[C_CONDITION] = g_strdup ("aclr");
      r->cell[C_INVOLVED] = g_strdup ("left");
      r->cell[C_SURGERY] = g_strdup ("2024-01-15");
      r->cell[C_INJURY] = g_strdup ("");
      r->cell[C_VISIT_DATE] = g_strdup_printf ("2024-0%d-01", 3 + v);
      r->cell[C_MASS] = g_strdup ("70");
      r->cell[C_HEIGHT] = g_strdup ("175");
      r->cell[C_CLINICIAN] = g_strdup ("Åsa Lind");
      r->cell[C_NOTE] = g_strdup ("seen, all well");
      r->cell[C_MEASURE] = g_strdup ("quadriceps_hhd");
      r->cell[C_SIDE] = g_strdup (sides[k]);
      r->cell[C_TRIAL] = g_strdup_printf ("%d", 1 + k % 2);
      r->cell[C_VALUE] = g_strdup_printf ("%d", 300 + 10 * k);
      r->cell[C_UNIT] = g_strdup ("N");
      r->cell[C_BASELINE] = g_strdup ("no");
      r->cell[C_ANGLE] = g_strdup ("60");
      r->cell[C_VELOCITY] = g_strdup ("");
    }
}

static void
rows_free (Row rows[N_ROWS])
{
  for (int i = 0; i < N_ROWS; i++)
    for (int c = 0; c < (int) G_N_ELEMENTS (rows[i].cell); c++)
      g_free (rows[i].cell[c]);
}

static void
append_cell (GString    *out,
             const char *text,
             gsize       length,
             gboolean    unclosed)
{
  if (unclosed)
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, text, (gssize) length);
      return;
    }
  if (memchr (text, ',', length) == NULL && memchr (text, '"', length) == NULL &&
      memchr (text, '\n', length) == NULL && memchr (text, '\r', length) == NULL)
    {
      g_string_append_len (out, text, (gssize) length);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}

/* A hostile change: which cell, what it becomes, and what the message must say. */
typedef struct
{
  int         column;       /* the column the message names */
  const char *says;         /* a piece of the message: the limit, or what is wrong */
} Expect;

static char *
random_text (GRand *rand,
             guint  length)
{
  GString *s = g_string_new (NULL);

  while (s->len < length)
    g_string_append_c (s, (char) g_rand_int_range (rand, 'a', 'z' + 1));
  return g_string_free (s, FALSE);
}

static const char *controls[] = { "\x1b]0;owned\x07", "\x07", "\x7f", "\xc2\x9b" "2J", "\x1b[2J", "\x01" };

/* Sets the hostile cell of @r; returns what the message must say. *@nul_column: the cell that
 * write_file () makes "30", NUL, "0" (a string cannot hold a NUL); 0 for none. */
static Expect
make_hostile (GRand *rand,
              Row   *r,
              int   *nul_column)
{
  int kind = g_rand_int_range (rand, 0, 27);
  Expect e = { 0, NULL };
  char **cell;

#define SET(col, text) G_STMT_START { \
    char *text_ = (text); \
    cell = &r->cell[(col)]; \
    g_free (*cell); \
    *cell = text_; \
    e.column = (col); \
  } G_STMT_END
  *nul_column = 0;
  switch (kind)
    {
    case 0:
      {
        static const char *trials[] = { "0", "-1", "101", "1000", "1e3", "1.5", "x", "1e400",
                                        "99999999999999999999999" };

        SET (C_TRIAL, g_strdup (trials[g_rand_int_range (rand, 0, G_N_ELEMENTS (trials))]));
        e.says = "from 1 to 100";
      }
      break;
    case 1:
      SET (C_VALUE, g_strdup (g_rand_boolean (rand) ? "1501" : "1e308"));
      e.says = "the largest possible value, 1500 N";
      break;
    case 2:
      SET (C_VALUE, g_strdup ("1e-400"));
      e.says = "too small a number";
      break;
    case 3:
      SET (C_VALUE, g_strdup (g_rand_boolean (rand) ? "1e400" : "9e99999"));
      e.says = "too large a number";
      break;
    case 4:
      SET (C_VALUE, g_rand_boolean (rand) ? g_strdup ("37,5") : random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "is not a number";
      break;
    case 5:
      SET (C_MRN, g_strnfill (g_rand_int_range (rand, 65, 300), 'M'));
      e.says = "the limit is 64";
      break;
    case 6:
      SET (C_MRN, g_strconcat (g_rand_boolean (rand) ? " " : "\t", r->cell[C_MRN], NULL));
      e.says = "The MRN";
      break;
    case 7:
      SET (C_MRN, g_strconcat (r->cell[C_MRN], g_rand_boolean (rand) ? " " : "\n", NULL));
      e.says = "The MRN";
      break;
    case 8:
      SET (C_NAME, g_strconcat ("Hostile ", controls[g_rand_int_range (rand, 0, G_N_ELEMENTS (controls))], NULL));
      e.says = "cannot hold control characters";
      break;
    case 9:
      SET (C_CLINICIAN, g_strconcat ("Dr ", controls[g_rand_int_range (rand, 0, G_N_ELEMENTS (controls))], NULL));
      e.says = "cannot hold control characters";
      break;
    case 10:
      SET (C_NOTE, g_strconcat ("seen", controls[g_rand_int_range (rand, 0, G_N_ELEMENTS (controls))], NULL));
      e.says = "cannot hold control characters";
      break;
    case 11:
      SET (C_SEX, random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "is not a sex";
      break;
    case 12:
      SET (C_MEASURE, random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "is not a measure Vastus knows";
      break;
    case 13:
      SET (C_SIDE, random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "use left, right or none";
      break;
    case 14:
      SET (C_UNIT, random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "use N, lbf, kgf, kg";
      break;
    case 15:
      SET (C_VISIT_DATE, g_strdup (g_rand_boolean (rand) ? "2024-02-30" : "01.03.2024"));
      e.says = "YYYY-MM-DD";
      break;
    case 16:
      SET (C_VISIT_DATE, g_strdup ("2999-01-01"));
      e.says = "is after today";
      break;
    case 17:
      SET (C_MASS, g_strdup (g_rand_boolean (rand) ? "0" : "1e308"));
      e.says = "400 kg";
      break;
    case 18:
      SET (C_HEIGHT, g_strdup ("251"));
      e.says = "250 cm";
      break;
    case 19:
      SET (C_ANGLE, g_strdup ("200"));
      e.says = "180°";
      break;
    case 20:
      SET (C_VELOCITY, g_strdup (g_rand_boolean (rand) ? "0" : "601"));
      e.says = "600°/s";
      break;
    case 21:
      SET (C_BASELINE, g_strdup ("maybe"));
      e.says = "is not yes or no";
      break;
    case 22:
      SET (C_CONDITION, random_text (rand, g_rand_int_range (rand, 1, 10000)));
      e.says = "is not a condition";
      break;
    case 23:
      /* A NUL byte in any cell. */
      e.column = g_rand_int_range (rand, 1, N_COLS + 1);
      *nul_column = e.column;
      e.says = "a NUL byte";
      break;
    case 24:
      e.column = g_rand_int_range (rand, 1, N_COLS + 1);
      SET (e.column, g_strconcat (r->cell[e.column], "\xff\xfe", NULL));
      e.says = "is not valid UTF-8";
      break;
    case 25:
      e.column = g_rand_int_range (rand, 1, N_COLS + 1);
      if (g_rand_boolean (rand))
        {
          r->unclosed = TRUE;
          SET (e.column, g_strdup (r->cell[e.column]));
          e.says = "never closed";
        }
      else
        {
          SET (e.column, g_strconcat ("a\"b", r->cell[e.column], NULL));
          r->raw = e.column;
          e.says = "a quote inside an unquoted field";
        }
      break;
    default:
      if (g_rand_boolean (rand))
        {
          r->cell[N_COLS + 1] = g_strdup ("extra");
          r->n_cells = N_COLS + 1;
          e.column = N_COLS + 1;
          e.says = "22 fields, but the header has 21";
        }
      else
        {
          r->n_cells = N_COLS - 1;
          e.column = N_COLS;
          e.says = "20 fields, but the header has 21";
        }
      break;
    }
#undef SET
  return e;
}

static GString *
write_file (Row rows[N_ROWS],
            int nul_row,
            int nul_column)
{
  GString *out = g_string_new (header);

  g_string_append_c (out, '\n');
  for (int i = 0; i < N_ROWS; i++)
    {
      for (int c = 1; c <= rows[i].n_cells; c++)
        {
          const char *text = rows[i].cell[c];

          if (c > 1)
            g_string_append_c (out, ',');
          if (i == nul_row && c == nul_column)
            {
              /* Raw: "30" NUL "0". */
              g_string_append_len (out, "30\0" "0", 4);
              continue;
            }
          if (c == rows[i].raw)
            g_string_append (out, text);
          else
            append_cell (out, text, strlen (text), FALSE);
        }
      g_string_append_c (out, '\n');
    }
  return out;
}

/* A message of the battery: "fault.csv: line L, column C…", short, no control character. */
static void
assert_clear_message (const char *message)
{
  g_autoptr(GRegex) located = g_regex_new ("^fault\\.csv: line [0-9]+, column [0-9]+[ :]", 0, 0, NULL);

  if (!g_regex_match (located, message, 0, NULL))
    g_error ("a message that does not name line and column: %s", message);
  if (g_utf8_strlen (message, -1) > 300)
    g_error ("a message of %ld characters: %.300s…", g_utf8_strlen (message, -1), message);
  for (const char *p = message; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      g_error ("a message with a control character: %s", message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
}

static void
test_hostile (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("hostile files");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = storage_test_new_location (dir, "vastus.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  guint n = fault_scaled (N_HOSTILE), n_stored = 0;
  g_autofree char *empty_export = NULL;
  g_autofree char *full_export = NULL;

  g_assert_no_error (error);
  empty_export = vastus_csv_export (db, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < n; k++)
    {
      Row rows[N_ROWS];
      g_autoptr(GString) file = NULL;
      g_autoptr(VastusCsvImport) import = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *after = NULL;
      GPtrArray *errors;
      int row = g_rand_int_range (rand, 0, N_ROWS), nul_column;
      Expect e;

      /* Half of them into the clinic that has these patients already. */
      if (k == n / 2)
        {
          gsize length;
          g_autoptr(GString) good = NULL;

          base_rows (rows);
          good = write_file (rows, -1, 0);
          rows_free (rows);
          import = vastus_csv_import_new (db);
          g_assert_true (vastus_csv_import_add_data (import, "fault.csv", good->str, good->len, &error));
          g_assert_true (vastus_csv_import_commit (import, NULL, &error));
          g_assert_no_error (error);
          g_clear_pointer (&import, vastus_csv_import_free);
          full_export = vastus_csv_export (db, NULL, &length, &error);
          g_assert_no_error (error);
          n_stored++;
        }

      base_rows (rows);
      e = make_hostile (rand, &rows[row], &nul_column);
      file = write_file (rows, row, nul_column);
      if (rows[row].unclosed)
        {
          /* Rewritten: the hostile cell opens a quote and the file ends inside it. */
          g_string_free (file, TRUE);
          file = g_string_new (header);
          g_string_append_c (file, '\n');
          for (int i = 0; i <= row; i++)
            for (int c = 1; c <= rows[i].n_cells; c++)
              {
                if (c > 1)
                  g_string_append_c (file, ',');
                append_cell (file, rows[i].cell[c], strlen (rows[i].cell[c]), i == row && c == e.column);
                if (i == row && c == e.column)
                  break;
                if (c == rows[i].n_cells)
                  g_string_append_c (file, '\n');
              }
        }
      rows_free (rows);

      import = vastus_csv_import_new (db);
      vastus_csv_import_add_data (import, "fault.csv", file->str, file->len, NULL);
      if (vastus_csv_import_get_n_errors (import) == 0)
        g_error ("hostile file %u (row %d, column %d) was accepted", k, row + 2, e.column);
      errors = vastus_csv_import_get_errors (import);
      prefix = g_strdup_printf ("fault.csv: line %d, column %d", row + 2, e.column);
      if (!g_str_has_prefix (errors->pdata[0], prefix) || strstr (errors->pdata[0], e.says) == NULL)
        g_error ("hostile file %u: wanted “%s … %s”, got: %s", k, prefix, e.says,
                 (const char *) errors->pdata[0]);
      for (guint i = 0; i < errors->len; i++)
        assert_clear_message (errors->pdata[i]);
      g_assert_false (vastus_csv_import_commit (import, NULL, NULL));
      g_clear_pointer (&import, vastus_csv_import_free);

      /* Nothing of it stored. */
      after = vastus_csv_export (db, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (after, ==, n_stored > 0 ? full_export : empty_export);
    }
  g_clear_object (&db);
  /* SQLite's integrity and foreign key checks (a server's are its own). */
  if (!storage_test_on_server ())
    fault_assert_intact (path);
  g_printerr ("# hostile files: %u, every message names line and column\n", n);
  fault_rm_rf (dir);
}

/* Two imports at once */

/* A file is read with SQLite itself, so that the check needs no Vastus (and upgrades nothing);
 * a server's database through the connection interface. */
static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  if (storage_test_on_server ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

      g_assert_no_error (error);
      return storage_test_query_int (db, sql);
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return n;
}

/* @n_patients patients with an episode and one visit each, and a file of @n_visits new visits
 * for each of them (five measurements a visit), dated by @round. */
static char *
write_visits_file (const char *dir,
                   guint       n_patients,
                   guint       n_visits,
                   guint       round)
{
  g_autoptr(GString) csv = g_string_new ("mrn,condition,surgery_date,visit_date,measure,side,trial,value,unit\n");
  g_autofree char *name = g_strdup_printf ("visits-%u.csv", round);
  char *path = g_build_filename (dir, name, NULL);

  for (guint p = 0; p < n_patients; p++)
    for (guint v = 0; v < n_visits; v++)
      for (guint m = 0; m < 5; m++)
        g_string_append_printf (csv, "C-%03u,aclr,2023-01-10,2024-%02u-%02u,quadriceps_hhd,%s,%u,%u,N\n",
                                p, 1 + round, 1 + v, m % 2 ? "right" : "left", 1 + m / 2, 300 + p + v + m);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static void
test_concurrent (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = storage_test_new_location (dir, "vastus.db");
  g_autofree char *patients = g_build_filename (dir, "patients.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("mrn,name,birth_date,sex,condition,involved_side,"
                                         "surgery_date,visit_date,measure,side,value,unit\n");
  /* On a server, fewer visits a file: the import that waits gives up after the busy timeout
   * (5 s) as on SQLite, and a server's round trips on a busy machine make a file of 240
   * measurements take about that long. */
  guint n_patients = 8, n_visits = storage_test_on_server () ? 2 : 6;
  g_auto(Run) setup = { 0 };

  for (guint p = 0; p < n_patients; p++)
    g_string_append_printf (csv, "C-%03u,Concurrent %u,1990-01-01,male,aclr,left,2023-01-10,"
                                 "2023-12-01,pain_nrs,none,2,points\n", p, p);
  g_assert_true (g_file_set_contents (patients, csv->str, (gssize) csv->len, NULL));
  run_import (dir, path, (const char *[]) { patients, NULL }, 0, &setup);
  g_assert_true (exited_with (&setup, 0));

  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *file = write_visits_file (dir, n_patients, n_visits, round);
      g_auto(Run) a = { 0 };
      g_auto(Run) b = { 0 };
      g_autofree char *a_out = g_build_filename (dir, "a.out", NULL);
      g_autofree char *a_err = g_build_filename (dir, "a.err", NULL);
      g_autofree char *b_out = g_build_filename (dir, "b.out", NULL);
      g_autofree char *b_err = g_build_filename (dir, "b.err", NULL);
      const char *files[] = { file, NULL };
      int go[2];
      pid_t pa, pb;

      /* Both wait on one pipe and exec the moment it is closed. */
      g_assert_cmpint (pipe (go), ==, 0);
      pa = start_import (path, files, 0, go, a_out, a_err);
      pb = start_import (path, files, 0, go, b_out, b_err);
      close (go[0]);
      close (go[1]);
      finish_import (pa, a_out, a_err, &a);
      finish_import (pb, b_out, b_err, &b);
      g_test_message ("round %u: %s%s / %s%s", round, a.out, a.err, b.out, b.err);
      /* Both succeed: the second finds the first one's visits under the lock and adds none. */
      g_assert_true (exited_with (&a, 0));
      g_assert_true (exited_with (&b, 0));

      /* Every visit exactly once, each with its five measurements. */
      g_assert_cmpint (count_rows (path, "SELECT count (*) FROM visit WHERE deleted_at IS NULL"),
                       ==, n_patients * (1 + n_visits * (round + 1)));
      g_assert_cmpint (count_rows (path, "SELECT count (*) FROM (SELECT 1 FROM visit v "
                                         "JOIN episode e ON e.id = v.episode_id WHERE v.deleted_at IS NULL "
                                         "GROUP BY e.patient_id, v.date HAVING count (*) > 1) AS twice"),
                       ==, 0);
      g_assert_cmpint (count_rows (path, "SELECT count (*) FROM measurement WHERE deleted_at IS NULL"),
                       ==, n_patients * (1 + 5 * n_visits * (round + 1)));
      g_assert_cmpint (count_rows (path, "SELECT count (*) FROM episode"), ==, n_patients);
    }
  if (!storage_test_on_server ())
    fault_assert_intact (path);
  fault_rm_rf (dir);
}

/* Memory */

/* A file of about @megabytes MB: patients with 10 visits of 40 measurements. */
static char *
write_big_file (const char *dir,
                const char *name,
                guint       megabytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) chunk = g_string_new (NULL);
  FILE *out = fopen (path, "w");
  gsize written = 0;

  g_assert_nonnull (out);
  fputs ("mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,body_mass_kg,"
         "clinician,measure,side,trial,value,unit,knee_angle_deg\n", out);
  for (guint p = 0; written < megabytes * 1000000u; p++)
    for (guint v = 0; v < 10; v++)
      for (guint m = 0; m < 40; m++)
        {
          static const char *measures[] = { "quadriceps_hhd", "hamstrings_hhd", "hip_abduction_hhd",
                                            "single_hop", "thigh_girth_10" };
          static const char *units[] = { "N", "N", "N", "cm", "cm" };
          guint k = m / 8;

          g_string_printf (chunk, "M-%06u,Memory Patient %u,1980-01-01,female,aclr,left,2020-03-01,"
                           "2021-%02u-15,70.5,Åsa Lind,%s,%s,%u,%u.%u,%s,%s\n",
                           p, p, 1 + v, measures[k], m % 2 ? "right" : "left", 1 + (m % 8) / 2,
                           k < 3 ? 250 + m : (k == 3 ? 120 + m : 40), m % 10, units[k],
                           k < 3 ? "60" : "");
          fputs (chunk->str, out);
          written += chunk->len;
        }
  g_assert_cmpint (fclose (out), ==, 0);
  return g_steal_pointer (&path);
}

/* Memory and address-space limits mean nothing under AddressSanitizer (it reserves terabytes
 * and pads every allocation): the plain build runs these two, the sanitizer build leaves them
 * out (main). */
#ifndef __SANITIZE_ADDRESS__
static void
test_memory (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  guint megabytes = fault_scaled (20);
  g_autofree char *small = write_big_file (dir, "small.csv", MAX (1, megabytes / 10));
  g_autofree char *big = write_big_file (dir, "big.csv", megabytes);
  g_autofree char *db_small = g_build_filename (dir, "small.db", NULL);
  g_autofree char *db_big = g_build_filename (dir, "big.db", NULL);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  gint64 start = g_get_monotonic_time ();

  /* 1 GiB of address space, as B21 asks; the old importer needed ten times the file. */
  run_import (dir, db_small, (const char *[]) { small, NULL }, (rlim_t) 1 << 30, &a);
  g_assert_true (exited_with (&a, 0));
  run_import (dir, db_big, (const char *[]) { big, NULL }, (rlim_t) 1 << 30, &b);
  if (!exited_with (&b, 0))
    g_error ("import of %u MB: %s", megabytes, b.err);
  g_printerr ("# import of %u MB: peak RSS %ld MB (%u MB: %ld MB), %.1f s\n", megabytes,
              b.maxrss_kb / 1024, MAX (1, megabytes / 10), a.maxrss_kb / 1024,
              (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (b.maxrss_kb, <, 200 * 1024);
  /* Ten times the rows, not ten times the memory: SQLite's page cache (16 MiB) fills, nothing
   * else grows. */
  g_assert_cmpint (b.maxrss_kb - a.maxrss_kb, <, 32 * 1024);
  fault_rm_rf (dir);
}

static void
test_out_of_memory (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *file = write_big_file (dir, "file.csv", 3);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *hash_before = NULL;
  guint n_failed = 0, n_loader = 0;

  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 3, 2, NULL);
  }
  hash_before = fault_content_hash (path);
  /* From too little to start to enough, 2 MiB at a time. */
  for (rlim_t limit = 16 << 20; ; limit += 2 << 20)
    {
      g_auto(Run) run = { 0 };

      run_import (dir, path, (const char *[]) { file, NULL }, limit, &run);
      if (WIFSIGNALED (run.status))
        g_error ("with %lu MiB of address space vastus-cli died of signal %d: %s",
                 (gulong) (limit >> 20), WTERMSIG (run.status), run.err);
      g_assert_true (WIFEXITED (run.status));
      if (exited_with (&run, 0))
        {
          g_printerr ("# out of memory: %u failures with a message, %u before start; imported "
                      "with %lu MiB\n", n_failed, n_loader, (gulong) (limit >> 20));
          break;
        }
      g_assert_cmpint (limit, <, 512 << 20);
      if (WEXITSTATUS (run.status) == 127)
        {
          /* The dynamic loader could not map the libraries: vastus-cli never ran. */
          g_assert_nonnull (strstr (run.err, "error while loading shared libraries"));
          n_loader++;
          continue;
        }
      g_test_message ("%lu MiB: %s", (gulong) (limit >> 20), run.err);
      g_assert_true (exited_with (&run, 1));
      g_assert_nonnull (strstr (run.err, "memory"));
      n_failed++;
      /* Nothing stored. */
      {
        g_autofree char *hash = fault_content_hash (path);

        g_assert_cmpstr (hash, ==, hash_before);
      }
    }
  g_assert_cmpuint (n_failed, >, 0);
  fault_assert_intact (path);
  fault_rm_rf (dir);
}
#endif

/* Disk full */

typedef struct
{
  const char *dir;
  const char *mnt;
  const char *file;
} DiskFull;

static void
disk_full_child (gpointer data)
{
  const DiskFull *d = data;
  g_autofree char *path = g_build_filename (d->mnt, "vastus.db", NULL);
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_auto(Run) run = { 0 };

  /* A tmpfs of the child's own, which vanishes with it. */
  fault_child_mount_tmpfs (d->mnt, "size=4m,mode=0700");
  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 3, 2, NULL);
  }
  hash_before = fault_content_hash (path);
  run_import (d->dir, path, (const char *[]) { d->file, NULL }, 0, &run);
  g_printerr ("# import onto a full disk: %s", run.err);
  CHILD_CHECK (exited_with (&run, 1), "the import did not end with status 1");
  CHILD_CHECK (strstr (run.err, "disk is full") != NULL, "the message does not say the disk is full");
  CHILD_CHECK (strstr (run.err, "nothing was imported") != NULL,
               "the message does not say that nothing was imported");
  hash_after = fault_content_hash (path);
  CHILD_CHECK (g_strcmp0 (hash_before, hash_after) == 0, "the database changed");
  fault_assert_intact (path);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *mnt = g_build_filename (dir, "mnt", NULL);
  g_autofree char *file = write_big_file (dir, "file.csv", 6);
  DiskFull d = { dir, mnt, file };

  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  fault_run_child (disk_full_child, &d);
  fault_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault/import/hostile", test_hostile);
  g_test_add_func ("/fault/import/concurrent", test_concurrent);
  /* The rest are about the process's memory and a file's disk (SQLite only): a client short of
   * memory on a server is the same client. */
  if (storage_test_on_server ())
    return g_test_run ();
#ifndef __SANITIZE_ADDRESS__
  g_test_add_func ("/fault/import/memory", test_memory);
  g_test_add_func ("/fault/import/out-of-memory", test_out_of_memory);
#endif
  g_test_add_func ("/fault/import/disk-full", test_disk_full);
  return g_test_run ();
}
