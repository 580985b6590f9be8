/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * B4: damaged and foreign files where the database should be. About 500 variants of a real
 * Vastus database: a garbage header, zeroed pages, random bytes at seeded offsets, truncations,
 * a text file, another application's database, a newer schema. For each: vastus_database_open
 * does not crash, says the right thing (DAMAGED / NOT_VASTUS / NEWER), and leaves the file's
 * bytes as they were. Random damage may hit unused space, so a variant may still open: then
 * every record reads back, or reading fails with DAMAGED.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <sqlite3.h>

#include "fault-util.h"

#define N_PATIENTS 20
#define N_VISITS   8
#define PAGE       4096

typedef enum
{
  EXPECT_DAMAGED,           /* refused as damaged */
  EXPECT_NOT_VASTUS,
  EXPECT_NEWER,
  EXPECT_DAMAGED_OR_OPENS,  /* opens (then reads back or says DAMAGED) or refused as damaged */
} Expect;

typedef struct
{
  guint n;
  guint refused;
  guint opened_intact;
  guint opened_damaged;     /* opened, then reading said DAMAGED */
  gint64 slowest_us;
} Tally;

static char *base_bytes;
static GPtrArray *failures;   /* every failed variant of the running test, reported together */
static gsize base_length;
static char *scratch;

/* Reads every record; returns FALSE with @error (DAMAGED) if reading failed. */
static gboolean
read_everything (VastusDatabase *db,
                 guint          *n_patients,
                 guint          *n_visits,
                 GError        **error)
{
  VastusPatientQuery query = { 0 };
  g_autoptr(GPtrArray) patients = NULL;

  *n_patients = *n_visits = 0;
  patients = vastus_database_list_patients (db, &query, error);
  if (patients == NULL)
    return FALSE;
  for (guint i = 0; i < patients->len; i++)
    {
      VastusPatientSummary *summary = patients->pdata[i];
      g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, summary->patient->id,
                                                                     error);

      if (episodes == NULL)
        return FALSE;
      (*n_patients)++;
      for (guint e = 0; e < episodes->len; e++)
        {
          VastusEpisode *episode = episodes->pdata[e];
          g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, error);

          if (visits == NULL)
            return FALSE;
          *n_visits += visits->len;
        }
    }
  return TRUE;
}

static void
try_variant (const char *label,
             const char *bytes,
             gsize       length,
             Expect      expect,
             Tally      *tally)
{
  g_autofree char *path = g_build_filename (scratch, "vastus.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  gint64 start, elapsed;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents_full (path, bytes, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                           NULL));
  before = fault_file_sha256 (path);

  start = g_get_monotonic_time ();
  db = vastus_database_open (path, &error);
  elapsed = g_get_monotonic_time () - start;
  tally->slowest_us = MAX (tally->slowest_us, elapsed);
  tally->n++;

  if (db == NULL)
    {
      g_assert_nonnull (error);
      if (error->domain != VASTUS_STORE_ERROR
          || (expect == EXPECT_NOT_VASTUS && error->code != VASTUS_STORE_ERROR_NOT_VASTUS)
          || (expect == EXPECT_NEWER && error->code != VASTUS_STORE_ERROR_NEWER)
          || ((expect == EXPECT_DAMAGED || expect == EXPECT_DAMAGED_OR_OPENS)
              && error->code != VASTUS_STORE_ERROR_DAMAGED))
        g_ptr_array_add (failures, g_strdup_printf ("%s: expected %d, got “%s” (code %d)", label,
                                                    expect, error->message, error->code));
      tally->refused++;
    }
  else
    {
      guint n_patients, n_visits;

      if (expect != EXPECT_DAMAGED_OR_OPENS)
        g_ptr_array_add (failures, g_strdup_printf ("%s: opened, but it should have been refused",
                                                    label));
      if (read_everything (db, &n_patients, &n_visits, &error))
        {
          if (n_patients != N_PATIENTS || n_visits != N_PATIENTS * N_VISITS)
            {
              g_autoptr(GPtrArray) problems = NULL;
              g_autoptr(GError) check_error = NULL;

              vastus_database_check_full (db, &problems, &check_error);
              g_ptr_array_add (failures, g_strdup_printf (
                "%s: opened and read without an error, but %u patients and %u visits came back "
                "(integrity_check: %s)", label, n_patients, n_visits,
                check_error != NULL ? check_error->message
                : problems->len > 0 ? (const char *) problems->pdata[0] : "ok"));
            }
          tally->opened_intact++;
        }
      else
        {
          if (!g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED))
            g_ptr_array_add (failures, g_strdup_printf ("%s: reading failed with “%s” (code %d), "
                                                        "not DAMAGED", label, error->message,
                                                        error->code));
          tally->opened_damaged++;
        }
      g_clear_object (&db);
    }

  after = fault_file_sha256 (path);
  if (g_strcmp0 (before, after) != 0)
    g_ptr_array_add (failures, g_strdup_printf ("%s: the file was changed", label));
}

static void
setup_base (void)
{
  g_autofree char *path = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (failures == NULL)
    failures = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (failures, 0);
  if (base_bytes != NULL)
    return;
  scratch = fault_make_tmpdir ();
  path = g_build_filename (scratch, "base.db", NULL);
  db = fault_populate (path, N_PATIENTS, N_VISITS, NULL);
  g_clear_object (&db);   /* checkpoints: everything is in the one file */
  g_assert_true (g_file_get_contents (path, &base_bytes, &base_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (base_length % PAGE, ==, 0);
  g_test_message ("base database: %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " pages",
                  base_length, base_length / PAGE);
  g_unlink (path);
}

static char *
copy_base (void)
{
  return g_memdup2 (base_bytes, base_length);
}

static void
report (const char *what,
        Tally      *t)
{
  g_test_message ("%s: %u variants, %u refused, %u opened and read back, %u opened then "
                  "reported damaged; slowest open %.1f ms",
                  what, t->n, t->refused, t->opened_intact, t->opened_damaged,
                  t->slowest_us / 1000.0);
  for (guint i = 0; i < failures->len; i++)
    g_printerr ("# FAILED %s\n", (const char *) failures->pdata[i]);
  g_assert_cmpuint (failures->len, ==, 0);
  /* The spec's limit: a specific message within 2 s. */
  g_assert_cmpint (t->slowest_us, <, 2 * G_USEC_PER_SEC);
}

static void
test_foreign_files (void)
{
  Tally t = { 0 };
  const char *text = "mrn,name,visit_date\nA1,Jane Doe,2026-01-01\n";
  g_autofree char *bytes = NULL;
  guint32 latest = vastus_database_get_latest_schema_version ();

  setup_base ();
  /* A text file, e.g. a CSV export picked by mistake. */
  try_variant ("text", text, strlen (text), EXPECT_DAMAGED, &t);
  /* Fewer bytes than a header. */
  try_variant ("short", base_bytes, 50, EXPECT_DAMAGED, &t);
  /* Another application's database: application_id (offset 68) changed. */
  bytes = copy_base ();
  bytes[68] = 0x12; bytes[69] = 0x34; bytes[70] = 0x56; bytes[71] = 0x78;
  try_variant ("wrong application id", bytes, base_length, EXPECT_NOT_VASTUS, &t);
  g_clear_pointer (&bytes, g_free);
  bytes = copy_base ();
  memset (bytes + 68, 0, 4);
  try_variant ("application id zero", bytes, base_length, EXPECT_NOT_VASTUS, &t);
  g_clear_pointer (&bytes, g_free);
  /* Only the header's user_version (offset 60, big-endian) ahead of ours, as one flipped bit
   * would leave it: the rest of the file (schema_info, its schema) disagrees, so it is damage. */
  for (guint32 v = latest + 1; v <= latest + 3; v++)
    {
      g_autofree char *label = g_strdup_printf ("header says schema %u", v);

      bytes = copy_base ();
      bytes[60] = v >> 24; bytes[61] = (v >> 16) & 0xff; bytes[62] = (v >> 8) & 0xff; bytes[63] = v & 0xff;
      try_variant (label, bytes, base_length, EXPECT_DAMAGED, &t);
      g_clear_pointer (&bytes, g_free);
    }
  /* A newer Vastus: the header and schema_info agree on a version ahead of ours. */
  for (guint32 v = latest + 1; v <= latest + 3; v++)
    {
      g_autofree char *label = g_strdup_printf ("newer schema %u", v);
      g_autofree char *path = g_build_filename (scratch, "newer.db", NULL);
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u; "
                                              "UPDATE schema_info SET version = %u", v, v);
      sqlite3 *db = NULL;
      gsize length;

      g_assert_true (g_file_set_contents (path, base_bytes, base_length, NULL));
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
      g_unlink (path);
      try_variant (label, bytes, length, EXPECT_NEWER, &t);
      g_clear_pointer (&bytes, g_free);
    }
  report ("foreign", &t);
}

static void
test_empty_file (void)
{
  Tally t = { 0 };

  setup_base ();
  /* An existing file is never initialised (SQLite alone would open an empty or 1-byte file as
   * a new, empty database, and a clinic's patient list would come up empty): damage. */
  try_variant ("empty", "", 0, EXPECT_DAMAGED, &t);
  try_variant ("one byte", base_bytes, 1, EXPECT_DAMAGED, &t);
  try_variant ("one byte short of a page", base_bytes, 511, EXPECT_DAMAGED, &t);
  report ("empty", &t);
}

static void
test_garbage_header (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("garbage header");
  Tally t = { 0 };

  setup_base ();
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *bytes = copy_base ();
      g_autofree char *label = NULL;
      guint len = i == 0 ? 21 : (guint) g_rand_int_range (rand, 1, 100);
      guint at = i < 10 ? 0 : (guint) g_rand_int_range (rand, 0, 16);

      for (guint b = 0; b < len; b++)
        bytes[at + b] = g_rand_int_range (rand, 0, 256);
      /* Make sure the magic string is really broken. */
      if (memcmp (bytes, "SQLite format 3", 16) == 0)
        bytes[0] ^= 0xff;
      label = g_strdup_printf ("garbage header %d (%u bytes at %u)", i, len, at);
      try_variant (label, bytes, base_length, EXPECT_DAMAGED, &t);
    }
  report ("garbage header", &t);
}

static void
test_zeroed_pages (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("zeroed pages");
  guint n_pages = base_length / PAGE;
  Tally t = { 0 };

  setup_base ();
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *bytes = copy_base ();
      g_autofree char *label = NULL;
      guint pages[3];

      for (int p = 0; p < 3; p++)
        {
          /* Page 1 holds the header and schema; the others are data and indexes. */
          pages[p] = g_rand_int_range (rand, 1, n_pages);
          memset (bytes + pages[p] * PAGE, 0, PAGE);
        }
      label = g_strdup_printf ("zeroed pages %u %u %u", pages[0] + 1, pages[1] + 1, pages[2] + 1);
      try_variant (label, bytes, base_length, EXPECT_DAMAGED_OR_OPENS, &t);
    }
  report ("zeroed pages", &t);
}

static void
test_random_bytes (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("random bytes");
  Tally t = { 0 };

  setup_base ();
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *bytes = copy_base ();
      g_autofree char *label = NULL;
      guint len = g_rand_int_range (rand, 1, 17);
      guint at = g_rand_int_range (rand, 0, base_length - len);
      Expect expect = EXPECT_DAMAGED_OR_OPENS;
      gboolean changed = FALSE;

      for (guint b = 0; b < len; b++)
        {
          char old = bytes[at + b];

          bytes[at + b] = g_rand_int_range (rand, 0, 256);
          changed |= old != bytes[at + b];
        }
      if (!changed)
        bytes[at] ^= 1;
      /* Damage that lands on the identity fields of the header says what it says. */
      if (at < 72 && at + len > 68)
        expect = EXPECT_NOT_VASTUS;
      else if (at < 64 && at + len > 60)
        expect = EXPECT_NEWER;
      label = g_strdup_printf ("random bytes %d (%u bytes at offset %u)", i, len, at);
      if (expect != EXPECT_DAMAGED_OR_OPENS)
        {
          /* Either field may also read as damage (e.g. a smaller version is just “older”);
           * accept what is true: try, and if refused, the code must be one of these. */
          g_autofree char *path = g_build_filename (scratch, "vastus.db", NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(VastusDatabase) db = NULL;
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;

          g_assert_true (g_file_set_contents (path, bytes, base_length, NULL));
          before = fault_file_sha256 (path);
          db = vastus_database_open (path, &error);
          if (db == NULL)
            g_assert_true (error->domain == VASTUS_STORE_ERROR
                           && (error->code == VASTUS_STORE_ERROR_NOT_VASTUS
                               || error->code == VASTUS_STORE_ERROR_NEWER
                               || error->code == VASTUS_STORE_ERROR_DAMAGED));
          g_clear_object (&db);
          after = fault_file_sha256 (path);
          /* A lower user_version migrates (with a backup); only a refusal must leave it be. */
          if (error != NULL)
            g_assert_cmpstr (before, ==, after);
          t.n++;
          continue;
        }
      try_variant (label, bytes, base_length, expect, &t);
    }
  report ("random bytes", &t);
}

static void
test_truncated (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("truncated");
  Tally t = { 0 };
  gsize lengths[] = { 100, 512, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE, base_length / 2,
                      base_length - PAGE, base_length - 1 };

  setup_base ();
  for (guint i = 0; i < G_N_ELEMENTS (lengths) + 20; i++)
    {
      gsize length = i < G_N_ELEMENTS (lengths) ? lengths[i]
                     : (gsize) g_rand_int_range (rand, 1, base_length);
      g_autofree char *label = g_strdup_printf ("truncated to %" G_GSIZE_FORMAT, length);

      /* A database cut short is damaged; the pages that remain may still read, so opening
       * is allowed as long as reading then says DAMAGED or everything is there. */
      try_variant (label, base_bytes, length, EXPECT_DAMAGED_OR_OPENS, &t);
    }
  report ("truncated", &t);
}

/* A -wal that belongs to another database beside ours (a copy made while the other was open,
 * a sync tool). KNOWN LIMITATION: SQLite cannot tell a WAL from another database (nothing in it
 * names its database), so it replays it: here the other database's pages replace ours, the
 * open succeeds and shows the other database, and the checkpoint on close writes them into our
 * file. What this test holds to: no crash, and what opens is consistent (integrity_check and
 * foreign_key_check clean) or is refused as DAMAGED with both files untouched. */
static void
test_foreign_wal (void)
{
  g_autofree char *other = NULL;
  g_autofree char *other_wal = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *wal_bytes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_wal = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  gsize wal_length = 0;
  gint64 episode_id = 0;

  setup_base ();
  other = g_build_filename (scratch, "other.db", NULL);
  other_wal = g_strconcat (other, "-wal", NULL);
  path = g_build_filename (scratch, "vastus.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  {
    /* Another Vastus database with recent changes still in its WAL. */
    g_autoptr(VastusDatabase) o = fault_populate (other, 3, 0, &episode_id);

    for (guint i = 0; i < 30; i++)
      {
        g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, i);

        vastus_database_insert_visit (o, visit, &error);
        g_assert_no_error (error);
      }
    g_assert_true (g_file_get_contents (other_wal, &wal_bytes, &wal_length, NULL));
    g_assert_cmpuint (wal_length, >, 32);
  }
  g_unlink (shm);
  g_unlink (path);
  g_assert_true (g_file_set_contents (path, base_bytes, base_length, NULL));
  g_assert_true (g_file_set_contents (wal, wal_bytes, wal_length, NULL));
  before = fault_file_sha256 (path);
  before_wal = fault_file_sha256 (wal);

  db = vastus_database_open (path, &error);
  if (db == NULL)
    {
      g_test_message ("foreign -wal: refused: %s", error->message);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      after = fault_file_sha256 (path);
      after_wal = fault_file_sha256 (wal);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (after_wal, ==, before_wal);
    }
  else
    {
      guint n_patients, n_visits;

      g_autoptr(GPtrArray) problems = NULL;

      /* Opened: then what it shows must be consistent, or reading says DAMAGED. */
      if (!read_everything (db, &n_patients, &n_visits, &error))
        g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      else
        {
          vastus_database_check_full (db, &problems, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (problems->len, ==, 0);
          g_test_message ("foreign -wal: opened, showing %u patients and %u visits (ours has "
                          "%u and %u): the known limitation above", n_patients, n_visits,
                          N_PATIENTS, N_PATIENTS * N_VISITS);
        }
      g_clear_object (&db);
    }
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (other);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault/corrupt/foreign", test_foreign_files);
  g_test_add_func ("/fault/corrupt/empty-file", test_empty_file);
  g_test_add_func ("/fault/corrupt/garbage-header", test_garbage_header);
  g_test_add_func ("/fault/corrupt/zeroed-pages", test_zeroed_pages);
  g_test_add_func ("/fault/corrupt/random-bytes", test_random_bytes);
  g_test_add_func ("/fault/corrupt/truncated", test_truncated);
  g_test_add_func ("/fault/corrupt/foreign-wal", test_foreign_wal);
  status = g_test_run ();
  g_free (base_bytes);
  fault_rm_rf (scratch);
  g_free (scratch);
  return status;
}
