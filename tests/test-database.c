/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vastus-backup.h"
#include "vastus-criteria-store.h"
#include "vastus-csv-export.h"
#include "vastus-csv-import.h"
#include "vastus-sqlite-private.h"
#include "storage-test-util.h"
#include "vastus-draft-store.h"
#include "vastus-report-store.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* Helpers */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-database-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "vastus.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static VastusDatabase *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  VastusDatabase *db = vastus_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
dir_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Runs raw SQL on a separate connection without the app's functions. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("raw SQL failed: %s", message);
  sqlite3_close (db);
}

/* Through the connection interface: the same on both engines. */
#define query_int storage_test_query_int
#define query_text storage_test_query_text

/* The count @format (with one %s) answers for @value. */
static gint64
count_by (VastusDatabase *db,
          const char     *format,
          const char     *value)
{
  g_autofree char *sql = g_strdup_printf (format, value);

  return query_int (db, sql);
}

static void
set_date (GDate *date,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  vastus_date_parse (text, date, &error);
  g_assert_no_error (error);
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (expected == NULL)
    g_assert_false (g_date_valid (date));
  else
    g_assert_cmpstr (vastus_date_format (date, buf), ==, expected);
}

static VastusPatient *
make_patient (const char *mrn,
              const char *name)
{
  VastusPatient *p = vastus_patient_new ();

  p->mrn = g_strdup (mrn);
  p->name = g_strdup (name);
  return p;
}

static gint64
add_patient (VastusDatabase *db,
             const char     *mrn,
             const char     *name,
             gboolean        archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = make_patient (mrn, name);

  p->archived = archived;
  vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

static gint64
add_episode (VastusDatabase *db,
             gint64          patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusEpisode) e = vastus_episode_new ();

  e->patient_id = patient_id;
  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = VASTUS_SIDE_LEFT;
  vastus_database_insert_episode (db, e, &error);
  g_assert_no_error (error);
  return e->id;
}

static gint64
add_visit (VastusDatabase *db,
           gint64          episode_id,
           const char     *date,
           guint           n_measurements)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) v = vastus_visit_new ();

  v->episode_id = episode_id;
  set_date (&v->date, date);
  for (guint i = 0; i < n_measurements; i++)
    vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd",
                                                             i % 2 ? VASTUS_SIDE_RIGHT
                                                                   : VASTUS_SIDE_LEFT,
                                                             1 + (int) i / 2, 300 + i, "N"));
  vastus_database_insert_visit (db, v, &error);
  g_assert_no_error (error);
  return v->id;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Opening */

static void
test_open_new (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *mode = NULL;
  g_autoptr(VastusDatabase) db = NULL;

  /* A permissive umask must not matter. */
  mode_t old_umask = umask (022);

  db = open_ok (path);
  umask (old_umask);
  add_patient (db, "M1", "Test Person", FALSE);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  g_assert_cmpint (vastus_database_get_latest_schema_version (), >=, 1);
  g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                   vastus_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 0x56415354);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==,
                   vastus_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (vastus_database_get_path (db), ==, path);
}

/* An existing file is never initialised: an empty or too-short one is damage (SQLite itself
 * would open it as a new, empty database), refused without a byte written or a file created
 * beside it. */
static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  /* 0 and 1 byte: SQLite reads both as an empty database; 511: one byte short of a page. */
  const gsize sizes[] = { 0, 1, 100, 511 };
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = g_malloc0 (MAX (sizes[i], 1));
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      VastusDatabase *db;

      g_test_message ("a file of %zu bytes", sizes[i]);
      g_assert_true (g_file_set_contents (fixture->path, contents, sizes[i], NULL));
      db = vastus_database_open (fixture->path, &error);
      g_assert_null (db);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, sizes[i] == 0 ? "empty" : "too short"));
      after = file_checksum (fixture->path);
      before = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, sizes[i]);
      g_assert_cmpstr (after, ==, before);
      /* Nothing beside it: no -wal, -shm or journal. */
      {
        g_autofree char *listing = dir_listing (dir);

        g_assert_cmpstr (listing, ==, "vastus.db");
      }
    }
}

static void
test_open_reopen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = NULL;
  VastusDatabase *db = open_ok (fixture->path);

  add_patient (db, "R-1", "Reopen Person", FALSE);
  g_assert_finalize_object (db);

  db = open_ok (fixture->path);
  p = vastus_database_find_patient (db, "R-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Reopen Person");
  g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                   vastus_database_get_latest_schema_version ());
  g_assert_finalize_object (db);
}

/* A file that cannot be written is read through a read-only connection: its rows read back,
 * every write fails with READ_ONLY, and the file's bytes stay as they were. */
static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = NULL;
  g_autoptr(VastusPatient) other = make_patient ("RO-2", "Second Person");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  VastusDatabase *db = open_ok (fixture->path);

  add_patient (db, "RO-1", "Read Only", FALSE);
  g_assert_false (vastus_database_is_read_only (db));
  g_assert_finalize_object (db);
  before = file_checksum (fixture->path);

  db = vastus_database_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (vastus_database_is_read_only (db));
  p = vastus_database_find_patient (db, "RO-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Read Only");
  g_assert_false (vastus_database_insert_patient (db, other, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_finalize_object (db);
  after = file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A journal that still holds changes (copied while a connection had them in its -wal): read
   * with them, through a connection that keeps the WAL index in memory, so that no -shm is
   * made; neither file changes. (Where the -wal cannot be written, test-fault-env refuses it.) */
  {
    g_autofree char *copy = g_strconcat (fixture->path, "-copy.db", NULL);
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
    g_autofree char *db_before = NULL;
    g_autofree char *wal_before = NULL;
    g_autoptr(VastusPatient) in_wal = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;

    db = open_ok (fixture->path);
    add_patient (db, "RO-3", "In The Journal", FALSE);
    g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    g_assert_true (g_file_set_contents (copy_wal, contents, length, NULL));
    g_assert_finalize_object (db);
    db_before = file_checksum (copy);
    wal_before = file_checksum (copy_wal);

    db = vastus_database_open_read_only (copy, &error);
    g_assert_no_error (error);
    in_wal = vastus_database_find_patient (db, "RO-3", &error);
    g_assert_no_error (error);
    g_assert_nonnull (in_wal);
    g_assert_false (vastus_database_insert_patient (db, other, &error));
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_finalize_object (db);
    {
      g_autofree char *db_after = file_checksum (copy);
      g_autofree char *wal_after = file_checksum (copy_wal);

      g_assert_cmpstr (db_after, ==, db_before);
      g_assert_cmpstr (wal_after, ==, wal_before);
      g_assert_false (g_file_test (copy_shm, G_FILE_TEST_EXISTS));
    }
  }

  /* No such file: nothing is created. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_null (vastus_database_open_read_only (fixture->path, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_open_memory (void)
{
  g_autoptr(VastusDatabase) db = open_ok (":memory:");

  add_patient (db, "MEM", "In Memory", FALSE);
  g_assert_cmpuint (vastus_database_count_patients (db, NULL, NULL), ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *with_env = NULL;
  g_autofree char *without = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "io.github.vastus.Vastus",
                                                "vastus.db", NULL);

  g_setenv ("VASTUS_DB", "/somewhere/else.db", TRUE);
  with_env = vastus_database_default_path ();
  g_unsetenv ("VASTUS_DB");
  without = vastus_database_default_path ();
  g_assert_cmpstr (with_env, ==, "/somewhere/else.db");
  g_assert_cmpstr (without, ==, expected);
}

/* Each refused file: the right code, and not one byte or file changed. */
static void
assert_refused (Fixture          *fixture,
                VastusStoreError  code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (fixture->path);
  g_autofree char *listing_before = dir_listing (fixture->dir);
  g_autofree char *after = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (fixture->path, &error);

  g_assert_null (db);
  g_assert_error (error, VASTUS_STORE_ERROR, (int) code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  after = file_checksum (fixture->path);
  listing_after = dir_listing (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, "mrn,visit_date\nA1,2024-01-01\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (fixture, VASTUS_STORE_ERROR_DAMAGED);
}

static void
write_vastus_db (Fixture *fixture,
                 guint    n_patients)
{
  VastusDatabase *db = open_ok (fixture->path);

  for (guint i = 0; i < n_patients; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("P%05u", i);
      g_autofree char *name = g_strdup_printf ("Patient number %u with a longer name", i);

      add_patient (db, mrn, name, FALSE);
    }
  g_assert_finalize_object (db);
  /* The last close checkpoints and removes -wal and -shm. */
}

static void
overwrite (const char *path,
           goffset     offset,
           const char *bytes,
           gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset + length, <=, size);
  memcpy (contents + offset, bytes, length);
  g_file_set_contents_full (path, contents, size, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static void
test_refuse_garbage_header (Fixture       *fixture,
                            gconstpointer  data)
{
  write_vastus_db (fixture, 3);
  overwrite (fixture->path, 0, "this is not sqlite!!!", 21);
  assert_refused (fixture, VASTUS_STORE_ERROR_DAMAGED);
}

static void
test_refuse_corrupt_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *zeros = g_malloc0 (3 * 4096);
  GStatBuf st;

  write_vastus_db (fixture, 400);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >=, 20 * 4096);
  overwrite (fixture->path, 4096 * (st.st_size / 4096 / 2), zeros, 3 * 4096);
  assert_refused (fixture, VASTUS_STORE_ERROR_DAMAGED);
}

static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  raw_exec (fixture->path, "PRAGMA application_id = 305419896;"
                           "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                           "INSERT INTO notes (text) VALUES ('hello');");
  assert_refused (fixture, VASTUS_STORE_ERROR_NOT_VASTUS);
}

static void
test_refuse_foreign_no_id (Fixture       *fixture,
                           gconstpointer  data)
{
  raw_exec (fixture->path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);");
  assert_refused (fixture, VASTUS_STORE_ERROR_NOT_VASTUS);
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  data)
{
  /* What a newer Vastus writes: its version in the header and in schema_info, and what it
   * added. (The header alone bumped is damage: test-fault-tamper.) */
  int newer = vastus_database_get_latest_schema_version () + 1;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; "
                                          "UPDATE schema_info SET version = %d; "
                                          "CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)",
                                          newer, newer);

  write_vastus_db (fixture, 2);
  raw_exec (fixture->path, sql);
  assert_refused (fixture, VASTUS_STORE_ERROR_NEWER);
}

static void
test_refuse_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;

  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  db = vastus_database_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
}

/* Patients */

static void
test_patient_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) p = make_patient ("MRN-ü-1", "Zoë Ærøskøbing-Núñez 李");
  g_autoptr(VastusPatient) bare = make_patient ("MRN-2", "Plain");
  g_autoptr(VastusPatient) got = NULL;
  g_autoptr(VastusPatient) found = NULL;
  g_autoptr(VastusPatient) missing = NULL;

  set_date (&p->birth_date, "1990-02-28");
  p->sex = VASTUS_SEX_FEMALE;
  p->notes = g_strdup ("Line one\nline \"two\" 'quoted'");
  p->archived = TRUE;
  p->demo = TRUE;
  vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);

  got = vastus_database_get_patient (db, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, p->id);
  g_assert_cmpstr (got->mrn, ==, "MRN-ü-1");
  g_assert_cmpstr (got->name, ==, "Zoë Ærøskøbing-Núñez 李");
  assert_date (&got->birth_date, "1990-02-28");
  g_assert_cmpint (got->sex, ==, VASTUS_SEX_FEMALE);
  g_assert_cmpstr (got->notes, ==, "Line one\nline \"two\" 'quoted'");
  g_assert_true (got->archived);
  g_assert_true (got->demo);

  /* Unknown birth date, no notes, defaults. */
  vastus_database_insert_patient (db, bare, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bare->id, >, p->id);
  found = vastus_database_find_patient (db, "MRN-2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, bare->id);
  assert_date (&found->birth_date, NULL);
  g_assert_null (found->notes);
  g_assert_cmpint (found->sex, ==, VASTUS_SEX_UNKNOWN);
  g_assert_false (found->archived);
  g_assert_false (found->demo);

  missing = vastus_database_find_patient (db, "nobody", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_null (vastus_database_get_patient (db, 9999, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

static void
test_patient_update (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 id = add_patient (db, "U-1", "Before Name", FALSE);
  g_autoptr(VastusPatient) p = vastus_database_get_patient (db, id, &error);
  g_autoptr(VastusPatient) got = NULL;
  g_autoptr(VastusPatient) ghost = make_patient ("G-1", "Ghost");

  g_assert_no_error (error);
  g_free (p->name);
  p->name = g_strdup ("After Name");
  g_free (p->mrn);
  p->mrn = g_strdup ("U-2");
  p->sex = VASTUS_SEX_OTHER;
  vastus_database_update_patient (db, p, &error);
  g_assert_no_error (error);
  vastus_database_set_patient_archived (db, id, 0, TRUE, &error);
  g_assert_no_error (error);

  got = vastus_database_get_patient (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "After Name");
  g_assert_cmpstr (got->mrn, ==, "U-2");
  g_assert_cmpint (got->sex, ==, VASTUS_SEX_OTHER);
  g_assert_true (got->archived);

  ghost->id = 4242;
  g_assert_false (vastus_database_update_patient (db, ghost, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vastus_database_set_patient_archived (db, 4242, 0, TRUE, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

static void
test_patient_duplicate_mrn (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) dup = make_patient ("DUP-7", "Second Person");
  g_autoptr(VastusPatient) first = NULL;
  gint64 audit_rows;

  add_patient (db, "DUP-7", "First Person", FALSE);
  audit_rows = query_int (db, "SELECT count (*) FROM audit_log");

  g_assert_false (vastus_database_insert_patient (db, dup, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "DUP-7"));
  g_assert_cmpint (dup->id, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_rows);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient_word WHERE word = 'second'"),
                   ==, 0);
  first = vastus_database_find_patient (db, "DUP-7", NULL);
  g_assert_cmpstr (first->name, ==, "First Person");
}

/* The schema's CHECKs, behind the validation layer. */
static void
test_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "C-1", "Check Person", FALSE);
  gint64 episode = add_episode (db, patient);
  g_autoptr(VastusPatient) bad_sex = make_patient ("C-2", "Bad Sex");
  g_autoptr(VastusPatient) empty_mrn = make_patient ("", "No MRN");
  g_autoptr(VastusEpisode) bad_side = vastus_episode_new ();
  g_autoptr(VastusEpisode) orphan = vastus_episode_new ();
  g_autoptr(VastusVisit) no_date = vastus_visit_new ();
  g_autoptr(VastusVisit) nan_value = vastus_visit_new ();
  static const char *bad_sql[] = {
    "INSERT INTO patient (mrn, name, birth_date) VALUES ('X1', 'x', '2023-02-30')",
    "INSERT INTO patient (mrn, name, birth_date) VALUES ('X2', 'x', '23-1-1')",
    "INSERT INTO patient (mrn, name, sex) VALUES ('X3', 'x', 'f')",
    "INSERT INTO patient (mrn, name, archived) VALUES ('X4', 'x', 2)",
    "INSERT INTO patient (mrn, name) VALUES (' X5', 'x')",
    "INSERT INTO patient (mrn, name) VALUES ('X6', '  ')",
    "INSERT INTO episode (patient_id, condition, involved_side) VALUES (1, 'acl', 'left')",
    "INSERT INTO episode (patient_id, condition, involved_side) VALUES (1, 'aclr', 'none')",
    "INSERT INTO visit (episode_id, date, body_mass_kg) VALUES (1, '2024-01-01', -3)",
    "INSERT INTO visit (episode_id, date, body_mass_kg) VALUES (1, '2024-01-01', 'heavy')",
    "INSERT INTO measurement (visit_id, measure, side, trial, value) "
    "  VALUES (1, 'q', 'both', 1, 1)",
    "INSERT INTO measurement (visit_id, measure, side, trial, value) "
    "  VALUES (1, 'q', 'left', 0, 1)",
  };

  bad_sex->sex = (VastusSex) 99;
  g_assert_false (vastus_database_insert_patient (db, bad_sex, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (vastus_database_insert_patient (db, empty_mrn, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  bad_side->patient_id = patient;
  bad_side->involved_side = VASTUS_SIDE_NONE;
  g_assert_false (vastus_database_insert_episode (db, bad_side, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  orphan->patient_id = 777;
  g_assert_false (vastus_database_insert_episode (db, orphan, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (orphan->id, ==, 0);
  g_clear_error (&error);

  no_date->episode_id = episode;
  g_assert_false (vastus_database_insert_visit (db, no_date, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  nan_value->episode_id = episode;
  set_date (&nan_value->date, "2024-03-01");
  vastus_visit_add_measurement (nan_value, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE,
                                                                   1, 3, "points"));
  vastus_visit_add_measurement (nan_value, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE,
                                                                   2, NAN, "points"));
  g_assert_false (vastus_database_insert_visit (db, nan_value, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Measurement 2"));
  g_assert_cmpint (nan_value->id, ==, 0);
  g_assert_cmpint (((VastusMeasurement *) nan_value->measurements->pdata[0])->id, ==, 0);
  g_clear_error (&error);
  /* The whole visit went, not only the bad measurement. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_sql); i++)
    {
      g_test_message ("%s", bad_sql[i]);
      int code = 0;

      g_assert_false (storage_test_exec (db, bad_sql[i], &code));
      g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
    }
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 1);
}

/* Episodes */

static void
test_episode_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "E-1", "Episode Person", FALSE);
  g_autoptr(VastusEpisode) older = vastus_episode_new ();
  g_autoptr(VastusEpisode) newer = vastus_episode_new ();
  g_autoptr(VastusEpisode) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  VastusEpisode *first, *second;

  older->patient_id = patient;
  older->condition = VASTUS_CONDITION_MENISCUS;
  older->involved_side = VASTUS_SIDE_BOTH;
  set_date (&older->injury_date, "2019-06-01");
  vastus_database_insert_episode (db, older, &error);
  g_assert_no_error (error);

  newer->patient_id = patient;
  newer->condition = VASTUS_CONDITION_ACLR;
  newer->involved_side = VASTUS_SIDE_RIGHT;
  set_date (&newer->injury_date, "2024-01-10");
  set_date (&newer->surgery_date, "2024-02-29");
  set_date (&newer->no_max_test_before, "2024-08-29");
  newer->surgeon = g_strdup ("Dr. Ørsted");
  newer->procedure = g_strdup ("BPTB autograft; lateral meniscus repair");
  newer->restrictions = g_strdup ("No open-chain extension 90–45° for 12 weeks");
  newer->criteria_set = g_strdup ("aclr-return-to-sport");
  vastus_database_insert_episode (db, newer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (newer->id, >, older->id);

  got = vastus_database_get_episode (db, newer->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->patient_id, ==, patient);
  g_assert_cmpint (got->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (got->involved_side, ==, VASTUS_SIDE_RIGHT);
  assert_date (&got->injury_date, "2024-01-10");
  assert_date (&got->surgery_date, "2024-02-29");
  assert_date (&got->no_max_test_before, "2024-08-29");
  g_assert_cmpstr (got->surgeon, ==, "Dr. Ørsted");
  g_assert_cmpstr (got->procedure, ==, "BPTB autograft; lateral meniscus repair");
  g_assert_cmpstr (got->restrictions, ==, "No open-chain extension 90–45° for 12 weeks");
  g_assert_cmpstr (got->criteria_set, ==, "aclr-return-to-sport");

  /* Newest first: the 2024 surgery before the 2019 injury. */
  list = vastus_database_list_episodes (db, patient, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = list->pdata[0];
  second = list->pdata[1];
  g_assert_cmpint (first->id, ==, newer->id);
  g_assert_cmpint (second->id, ==, older->id);
  g_assert_cmpint (second->condition, ==, VASTUS_CONDITION_MENISCUS);
  g_assert_cmpint (second->involved_side, ==, VASTUS_SIDE_BOTH);
  assert_date (&second->surgery_date, NULL);
  assert_date (&second->no_max_test_before, NULL);
  g_assert_null (second->surgeon);
  g_assert_null (second->criteria_set);

  /* Update */
  g_free (got->surgeon);
  got->surgeon = NULL;
  g_date_clear (&got->no_max_test_before, 1);
  got->condition = VASTUS_CONDITION_TKA;
  vastus_database_update_episode (db, got, &error);
  g_assert_no_error (error);
  {
    g_autoptr(VastusEpisode) again = vastus_database_get_episode (db, got->id, &error);

    g_assert_no_error (error);
    g_assert_null (again->surgeon);
    assert_date (&again->no_max_test_before, NULL);
    g_assert_cmpint (again->condition, ==, VASTUS_CONDITION_TKA);
  }
  g_assert_null (vastus_database_get_episode (db, 999, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

/* Visits and measurements */

static void
assert_measurement_equal (const VastusMeasurement *a,
                          const VastusMeasurement *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->visit_id, ==, b->visit_id);
  g_assert_cmpstr (a->measure, ==, b->measure);
  g_assert_cmpint (a->side, ==, b->side);
  g_assert_cmpint (a->trial, ==, b->trial);
  g_assert_cmpfloat (a->value, ==, b->value);
  g_assert_cmpstr (a->unit, ==, b->unit);
  if (isnan (a->knee_angle_deg))
    g_assert_true (isnan (b->knee_angle_deg));
  else
    g_assert_cmpfloat (a->knee_angle_deg, ==, b->knee_angle_deg);
  if (isnan (a->velocity_deg_s))
    g_assert_true (isnan (b->velocity_deg_s));
  else
    g_assert_cmpfloat (a->velocity_deg_s, ==, b->velocity_deg_s);
  if (isnan (a->lever_arm_m))
    g_assert_true (isnan (b->lever_arm_m));
  else
    g_assert_cmpfloat (a->lever_arm_m, ==, b->lever_arm_m);
  g_assert_cmpstr (a->fixation, ==, b->fixation);
  g_assert_cmpint (a->baseline, ==, b->baseline);
}

static void
test_visit_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "V-1", "Visit Person", FALSE);
  gint64 episode = add_episode (db, patient);
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(VastusVisit) bare = vastus_visit_new ();
  g_autoptr(VastusVisit) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  VastusMeasurement *full, *nan_fields, *grade;

  visit->episode_id = episode;
  set_date (&visit->date, "2024-05-17");
  visit->clinician = g_strdup ("Åsa Lind");
  visit->body_mass_kg = 72.35;
  visit->height_cm = 178.2;
  visit->notes = g_strdup ("Felt “good”; mild swelling");
  visit->findings = VASTUS_FINDING_NO_SLR | VASTUS_FINDING_DVT_SIGNS;

  full = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 2, 312.5, "lbf");
  full->knee_angle_deg = 60;
  full->velocity_deg_s = 0;
  full->lever_arm_m = 0.31;
  full->fixation = g_strdup ("belt");
  full->baseline = TRUE;
  nan_fields = vastus_measurement_new ("thigh_girth_10", VASTUS_SIDE_RIGHT, 1, 0.1 + 0.2, "cm");
  grade = vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, -0.0, NULL);
  vastus_visit_add_measurement (visit, full);
  vastus_visit_add_measurement (visit, nan_fields);
  vastus_visit_add_measurement (visit, grade);

  vastus_database_insert_visit (db, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit->id, >, 0);
  g_assert_cmpint (full->visit_id, ==, visit->id);
  g_assert_cmpint (full->id, >, 0);
  g_assert_cmpint (nan_fields->id, >, full->id);

  /* Stored as SQL NULL, not as a number. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement "
                                  "WHERE knee_angle_deg IS NULL AND lever_arm_m IS NULL"), ==, 2);

  got = vastus_database_get_visit (db, visit->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, visit->id);
  g_assert_cmpint (got->episode_id, ==, episode);
  assert_date (&got->date, "2024-05-17");
  g_assert_cmpstr (got->clinician, ==, "Åsa Lind");
  g_assert_cmpfloat (got->body_mass_kg, ==, 72.35);
  g_assert_cmpfloat (got->height_cm, ==, 178.2);
  g_assert_cmpstr (got->notes, ==, "Felt “good”; mild swelling");
  g_assert_cmpuint (got->findings, ==, VASTUS_FINDING_NO_SLR | VASTUS_FINDING_DVT_SIGNS);
  g_assert_cmpuint (got->measurements->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_measurement_equal (visit->measurements->pdata[i], got->measurements->pdata[i]);
  g_assert_cmpfloat (((VastusMeasurement *) got->measurements->pdata[1])->value, ==, 0.1 + 0.2);

  bare->episode_id = episode;
  set_date (&bare->date, "2024-04-01");
  vastus_database_insert_visit (db, bare, &error);
  g_assert_no_error (error);

  /* Oldest first, with their measurements. */
  list = vastus_database_list_visits (db, episode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    VastusVisit *a = list->pdata[0];
    VastusVisit *b = list->pdata[1];

    g_assert_cmpint (a->id, ==, bare->id);
    g_assert_true (isnan (a->body_mass_kg));
    g_assert_true (isnan (a->height_cm));
    g_assert_null (a->clinician);
    g_assert_cmpuint (a->findings, ==, 0);
    g_assert_cmpuint (a->measurements->len, ==, 0);
    g_assert_cmpint (b->id, ==, visit->id);
    g_assert_cmpuint (b->measurements->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      assert_measurement_equal (visit->measurements->pdata[i], b->measurements->pdata[i]);
  }

  /* Update the visit's own fields, and a measurement. */
  g_date_clear (&got->date, 1);
  set_date (&got->date, "2024-05-18");
  got->body_mass_kg = NAN;
  vastus_database_update_visit (db, got, &error);
  g_assert_no_error (error);
  {
    VastusMeasurement *m = got->measurements->pdata[0];
    g_autoptr(VastusVisit) again = NULL;

    m->value = 320;
    m->side = VASTUS_SIDE_RIGHT;
    g_clear_pointer (&m->fixation, g_free);
    vastus_database_update_measurement (db, m, &error);
    g_assert_no_error (error);
    again = vastus_database_get_visit (db, got->id, &error);
    g_assert_no_error (error);
    assert_date (&again->date, "2024-05-18");
    g_assert_true (isnan (again->body_mass_kg));
    assert_measurement_equal (m, again->measurements->pdata[0]);
  }

  /* A measurement added later. */
  {
    g_autoptr(VastusMeasurement) extra = vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT,
                                                                 1, 125, "deg");
    g_autoptr(VastusVisit) again = NULL;

    vastus_database_insert_measurement (db, visit->id, extra, &error);
    g_assert_no_error (error);
    g_assert_cmpint (extra->visit_id, ==, visit->id);
    again = vastus_database_get_visit (db, visit->id, &error);
    g_assert_cmpuint (again->measurements->len, ==, 4);
    assert_measurement_equal (extra, again->measurements->pdata[3]);
    g_assert_false (vastus_database_insert_measurement (db, 999, extra, &error));
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_visit_soft_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "S-1", "Soft Delete", FALSE);
  gint64 episode = add_episode (db, patient);
  gint64 keep = add_visit (db, episode, "2024-01-01", 2);
  gint64 gone = add_visit (db, episode, "2024-02-01", 2);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VastusVisit) restored = NULL;
  g_autoptr(VastusVisit) kept = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  gint64 measurement;

  vastus_database_set_actor (db, "therapist-b");
  vastus_database_delete_visit (db, gone, 0, &error);
  g_assert_no_error (error);
  g_assert_null (vastus_database_get_visit (db, gone, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = vastus_database_list_visits (db, episode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((VastusVisit *) list->pdata[0])->id, ==, keep);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Kept in the file, marked. */
  g_assert_cmpint (count_by (db, "SELECT count (*) FROM visit WHERE deleted_by = '%s'",
                             storage_test_actor ("therapist-b")), ==, 1);
  /* The patient list counts live visits only. */
  summaries = vastus_database_list_patients (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((VastusPatientSummary *) summaries->pdata[0])->n_visits, ==, 1);
  assert_date (&((VastusPatientSummary *) summaries->pdata[0])->last_visit, "2024-01-01");

  /* Twice is an error, as is restoring what is not deleted. */
  g_assert_false (vastus_database_delete_visit (db, gone, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vastus_database_restore_visit (db, keep, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  vastus_database_restore_visit (db, gone, 0, &error);
  g_assert_no_error (error);
  restored = vastus_database_get_visit (db, gone, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->measurements->len, ==, 2);
  list = vastus_database_list_visits (db, episode, &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Measurements too. */
  measurement = ((VastusMeasurement *) restored->measurements->pdata[0])->id;
  vastus_database_delete_measurement (db, measurement, &error);
  g_assert_no_error (error);
  kept = vastus_database_get_visit (db, gone, &error);
  g_assert_cmpuint (kept->measurements->len, ==, 1);
  g_assert_cmpint (((VastusMeasurement *) kept->measurements->pdata[0])->id, !=, measurement);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = vastus_database_list_visits (db, episode, &error);
  g_assert_cmpuint (((VastusVisit *) list->pdata[1])->measurements->len, ==, 1);
  vastus_database_restore_measurement (db, measurement, &error);
  g_assert_no_error (error);
  g_clear_pointer (&kept, vastus_visit_free);
  kept = vastus_database_get_visit (db, gone, &error);
  g_assert_cmpuint (kept->measurements->len, ==, 2);
}

/* An episode entered by mistake (schema version 12): deleted only without visits, kept in the
 * file, hidden from every read, audited, and brought back as it was. */
static void
test_episode_soft_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "E-1", "Episode Mistake", FALSE);
  gint64 treated = add_episode (db, patient);
  gint64 mistake = add_episode (db, patient);
  gint64 visit = add_visit (db, treated, "2024-01-01", 2);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VastusEpisode) back = NULL;
  g_autoptr(VastusEpisode) changed = NULL;
  g_autoptr(VastusVisit) refused = vastus_visit_new ();

  /* One with a visit is refused, saying so, and stays. */
  g_assert_false (vastus_database_delete_episode (db, treated, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "1 visit: delete it first"));
  g_clear_error (&error);

  vastus_database_set_actor (db, "therapist-c");
  g_assert_true (vastus_database_delete_episode (db, mistake, 0, &error));
  g_assert_no_error (error);
  list = vastus_database_list_episodes (db, patient, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((VastusEpisode *) list->pdata[0])->id, ==, treated);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (vastus_database_get_episode (db, mistake, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_by (db, "SELECT count (*) FROM episode WHERE deleted_by = '%s'",
                             storage_test_actor ("therapist-c")),
                   ==, 1);
  /* Both changes of deleted_at are in the audit trail (checked after the restore below). */

  /* A deleted episode takes no change and no visit; deleting it again is an error. */
  changed = vastus_episode_new ();
  changed->id = mistake;
  changed->patient_id = patient;
  changed->condition = VASTUS_CONDITION_PFP;
  changed->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_false (vastus_database_update_episode (db, changed, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  {
    /* Who deleted it: the clinician (on a server, the login). */
    g_autofree char *who = g_strdup_printf ("%s deleted this episode at ",
                                            storage_test_actor ("therapist-c"));

    g_assert_true (g_str_has_prefix (error->message, who));
  }
  g_clear_error (&error);
  refused->episode_id = mistake;
  set_date (&refused->date, "2024-03-01");
  g_assert_false (vastus_database_insert_visit (db, refused, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "the episode is deleted"));
  g_clear_error (&error);
  g_assert_false (vastus_database_delete_episode (db, mistake, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Restoring one that is not deleted is an error too. */
  g_assert_false (vastus_database_restore_episode (db, treated, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Back as it was: its fields, in the list, and it takes visits again. */
  g_assert_true (vastus_database_restore_episode (db, mistake, 0, &error));
  g_assert_no_error (error);
  back = vastus_database_get_episode (db, mistake, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (back->involved_side, ==, VASTUS_SIDE_LEFT);
  list = vastus_database_list_episodes (db, patient, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode WHERE deleted_at IS NOT NULL"),
                   ==, 0);
  {
    g_autofree char *old_at = g_strdup (storage_test_json_member ("old_json", "deleted_at"));
    g_autofree char *new_by = g_strdup (storage_test_json_member ("new_json", "deleted_by"));
    g_autofree char *old_by = g_strdup (storage_test_json_member ("old_json", "deleted_by"));
    g_autofree char *new_at = g_strdup (storage_test_json_member ("new_json", "deleted_at"));
    g_autofree char *deleted = g_strdup_printf ("SELECT count (*) FROM audit_log "
                                                "WHERE table_name = 'episode' AND operation = 'update' "
                                                "AND %s IS NULL AND %s = '%%s'", old_at, new_by);
    g_autofree char *restored = g_strdup_printf ("SELECT count (*) FROM audit_log "
                                                 "WHERE table_name = 'episode' AND operation = 'update' "
                                                 "AND %s = '%%s' AND %s IS NULL", old_by, new_at);

    g_assert_cmpint (count_by (db, deleted, storage_test_actor ("therapist-c")), ==, 1);
    g_assert_cmpint (count_by (db, restored, storage_test_actor ("therapist-c")), ==, 1);
  }
  refused->id = 0;
  g_assert_true (vastus_database_insert_visit (db, refused, &error));
  g_assert_no_error (error);

  /* A visit of a deleted episode (deleted before it) comes back only after the episode. */
  g_assert_true (vastus_database_delete_visit (db, refused->id, 0, &error));
  g_assert_true (vastus_database_delete_episode (db, mistake, 0, &error));
  g_assert_no_error (error);
  g_assert_false (vastus_database_restore_visit (db, refused->id, 0, &error));
  g_assert_nonnull (strstr (error->message, "the episode is deleted"));
  g_clear_error (&error);
  g_assert_true (vastus_database_restore_episode (db, mistake, 0, &error));
  g_assert_true (vastus_database_restore_visit (db, refused->id, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visit, >, 0);
}

/* One visit a day, one measurement per trial (schema version 8) */

static void
test_one_visit_a_day (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient = add_patient (db, "D-1", "One A Day", FALSE);
  gint64 other_patient = add_patient (db, "D-2", "Someone Else", FALSE);
  gint64 episode = add_episode (db, patient);
  gint64 second_episode = add_episode (db, patient);
  gint64 first = add_visit (db, episode, "2024-03-01", 2);
  gint64 later = add_visit (db, episode, "2024-03-08", 2);
  g_autoptr(VastusVisit) again = vastus_visit_new ();
  g_autoptr(VastusVisit) moved = NULL;

  /* The same date again: in the same episode, and in the patient's other episode. */
  for (int i = 0; i < 2; i++)
    {
      again->id = 0;
      again->episode_id = i == 0 ? episode : second_episode;
      set_date (&again->date, "2024-03-01");
      g_assert_false (vastus_database_insert_visit (db, again, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
      g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, first);
      g_assert_nonnull (strstr (error->message, "2024-03-01"));
      g_assert_cmpint (again->id, ==, 0);
      g_clear_error (&error);
    }
  /* Another patient that day is another visit. */
  add_visit (db, add_episode (db, other_patient), "2024-03-01", 1);

  /* Moving a visit onto a taken date. */
  moved = vastus_database_get_visit (db, later, &error);
  g_assert_no_error (error);
  set_date (&moved->date, "2024-03-01");
  g_assert_false (vastus_database_update_visit (db, moved, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
  g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, first);
  g_clear_error (&error);
  /* Its own date again, or a free one, is fine. */
  set_date (&moved->date, "2024-03-08");
  vastus_database_update_visit (db, moved, &error);
  g_assert_no_error (error);

  /* A deleted visit's date is free; the deleted visit cannot come back onto it. */
  vastus_database_delete_visit (db, first, 0, &error);
  g_assert_no_error (error);
  again->id = 0;
  again->episode_id = second_episode;
  vastus_database_insert_visit (db, again, &error);
  g_assert_no_error (error);
  g_assert_false (vastus_database_restore_visit (db, first, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
  g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, again->id);
  g_clear_error (&error);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit WHERE deleted_at IS NULL AND date = '2024-03-01'"),
                   ==, 2);  /* this patient's new one and the other patient's */

  /* Other errors carry no visit. */
  g_assert_false (vastus_database_delete_visit (db, 999, 0, &error));
  g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, 0);
}

static void
test_one_measurement_per_trial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 episode = add_episode (db, add_patient (db, "T-1", "Trials", FALSE));
  gint64 visit = add_visit (db, episode, "2024-03-01", 2);   /* left and right, trial 1 */
  g_autoptr(VastusMeasurement) twice = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                               1, 310, "N");
  g_autoptr(VastusMeasurement) last = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                              VASTUS_MAX_TRIALS, 310, "N");
  gint64 first_id;

  g_assert_false (vastus_database_insert_measurement (db, visit, twice, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "measure, side and trial"));
  g_clear_error (&error);

  /* The one trial limit is the schema's too: trial 100 goes in, 101 does not. */
  vastus_database_insert_measurement (db, visit, last, &error);
  g_assert_no_error (error);
  last->id = 0;
  last->trial = VASTUS_MAX_TRIALS + 1;
  g_assert_false (vastus_database_insert_measurement (db, visit, last, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A deleted value can be entered again; then the deleted one cannot come back. */
  first_id = query_int (db, "SELECT min (id) FROM measurement");
  vastus_database_delete_measurement (db, first_id, &error);
  g_assert_no_error (error);
  twice->id = 0;
  vastus_database_insert_measurement (db, visit, twice, &error);
  g_assert_no_error (error);
  g_assert_false (vastus_database_restore_measurement (db, first_id, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
}

/* Reads that must agree read one snapshot: a second connection commits between the queries of
 * one call (a trace hook runs it as the second query starts). */
typedef struct
{
  const char     *when;        /* a piece of the SQL to wait for */
  guint           skip;        /* let this many such statements pass first */
  VastusDatabase *writer;
  gint64          visit_id;    /* gets a measurement … */
  int             trial;       /* … of pain, this trial */
  gboolean        done;
} Interleave;

static int
interleave_cb (unsigned int  type,
               void         *data,
               void         *stmt,
               void         *sql)
{
  Interleave *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusMeasurement) m = NULL;

  if (w->done || strstr (sqlite3_sql (stmt), w->when) == NULL || w->skip-- > 0)
    return 0;
  w->done = TRUE;
  m = vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, w->trial, 7, "points");
  vastus_database_insert_measurement (w->writer, w->visit_id, m, &error);
  g_assert_no_error (error);
  return 0;
}

static void
test_read_snapshot (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = open_ok (fixture->path);
  g_autoptr(VastusDatabase) writer = open_ok (fixture->path);
  gint64 episode = add_episode (db, add_patient (db, "R-1", "Reader One", FALSE));
  gint64 episode2 = add_episode (db, add_patient (db, "R-2", "Reader Two", FALSE));
  gint64 visit = add_visit (db, episode, "2024-03-01", 2);
  gint64 visit2 = add_visit (db, episode2, "2024-03-01", 2);
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  Interleave w = { "JOIN measurement m", 0, writer, visit, 1, FALSE };
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(VastusVisit) one = NULL;

  sqlite3_trace_v2 (_vastus_database_get_handle (db), SQLITE_TRACE_STMT, interleave_cb, &w);

  /* The list: the visit as it was when the list was read, 2 measurements, not 3. */
  visits = vastus_database_list_visits (db, episode, &error);
  g_assert_no_error (error);
  g_assert_true (w.done);
  g_assert_cmpuint (((VastusVisit *) visits->pdata[0])->measurements->len, ==, 2);

  /* One visit. */
  w = (Interleave) { "WHERE m.visit_id = ?1", 0, writer, visit2, 1, FALSE };
  one = vastus_database_get_visit (db, visit2, &error);
  g_assert_no_error (error);
  g_assert_true (w.done);
  g_assert_cmpuint (one->measurements->len, ==, 2);

  /* The export: the second patient's visits are read after the first's. */
  before = vastus_csv_export (db, NULL, NULL, &error);
  g_assert_no_error (error);
  w = (Interleave) { "JOIN measurement m", 1, writer, visit, 2, FALSE };
  during = vastus_csv_export (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (w.done);
  g_assert_cmpstr (during, ==, before);
  sqlite3_trace_v2 (_vastus_database_get_handle (db), 0, NULL, NULL);
}

/* Study codes come from the operating system's random source: seeding GLib's generator the same
 * way gives other codes each time. */
static void
test_study_code_unpredictable (void)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = storage_test_open ();
      gint64 patient = add_patient (db, "C-1", "Coded", FALSE);
      char *code;

      g_random_set_seed (20240601);
      code = vastus_database_get_study_code (db, patient, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (code, "S-"));
      g_assert_cmpuint (strlen (code), ==, 10);
      g_assert_cmpuint (strspn (code + 2, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), ==, 8);
      g_ptr_array_add (codes, code);
    }
  /* 2^40 codes: the same one twice is a one-in-a-trillion chance. */
  g_assert_cmpstr (codes->pdata[0], !=, codes->pdata[1]);
}

/* Audit */

static void
assert_audit (VastusAuditEntry *entry,
              const char       *table,
              gint64            row_id,
              const char       *operation,
              const char       *actor)
{
  g_assert_cmpstr (entry->table_name, ==, table);
  g_assert_cmpint (entry->row_id, ==, row_id);
  g_assert_cmpstr (entry->operation, ==, operation);
  g_assert_cmpstr (entry->actor, ==, actor);
  /* "YYYY-MM-DDTHH:MM:SS.SSSZ" */
  g_assert_cmpuint (strlen (entry->at), ==, 24);
  g_assert_true (g_str_has_suffix (entry->at, "Z"));
  g_assert_cmpint (entry->at[10], ==, 'T');
  g_assert_cmpint (entry->at[19], ==, '.');
  if (g_str_equal (operation, "insert"))
    g_assert_null (entry->old_json);
  else
    g_assert_nonnull (entry->old_json);
  if (g_str_equal (operation, "delete"))
    g_assert_null (entry->new_json);
  else
    g_assert_nonnull (entry->new_json);
}

static void
test_audit_trail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) p = make_patient ("AU-1", "Audit Person");
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(VastusVisit) v = vastus_visit_new ();
  g_autoptr(GPtrArray) log = NULL;
  VastusMeasurement *m;
  guint n_removed = 0;

  g_assert_cmpstr (vastus_database_get_actor (db), ==, storage_test_actor (NULL));
  vastus_database_set_actor (db, "dr-audit");
  /* On a server: the login still, which is what its trail records. */
  g_assert_cmpstr (vastus_database_get_actor (db), ==, storage_test_actor ("dr-audit"));

  p->demo = TRUE;
  vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  g_free (p->name);
  p->name = g_strdup ("Audit Renamed");
  vastus_database_set_actor (db, "nurse-two");
  vastus_database_update_patient (db, p, &error);
  g_assert_no_error (error);

  e->patient_id = p->id;
  e->involved_side = VASTUS_SIDE_RIGHT;
  vastus_database_insert_episode (db, e, &error);
  g_assert_no_error (error);
  e->surgeon = g_strdup ("Dr. Who");
  vastus_database_update_episode (db, e, &error);
  g_assert_no_error (error);

  v->episode_id = e->id;
  set_date (&v->date, "2024-06-01");
  m = vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 150.5, "Nm");
  vastus_visit_add_measurement (v, m);
  vastus_database_insert_visit (db, v, &error);
  g_assert_no_error (error);
  m->value = 155;
  vastus_database_update_measurement (db, m, &error);
  g_assert_no_error (error);
  vastus_database_delete_measurement (db, m->id, &error);
  g_assert_no_error (error);
  vastus_database_delete_visit (db, v->id, 0, &error);
  g_assert_no_error (error);

  /* Patient: insert by the first actor, update by the second; old and new in JSON. */
  log = vastus_database_list_audit (db, "patient", p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  assert_audit (log->pdata[0], "patient", p->id, "insert", storage_test_actor ("dr-audit"));
  assert_audit (log->pdata[1], "patient", p->id, "update", storage_test_actor ("nurse-two"));
  {
    g_autoptr(JsonObject) inserted = parse_object (((VastusAuditEntry *) log->pdata[0])->new_json);
    g_autoptr(JsonObject) old = parse_object (((VastusAuditEntry *) log->pdata[1])->old_json);
    g_autoptr(JsonObject) new = parse_object (((VastusAuditEntry *) log->pdata[1])->new_json);

    g_assert_cmpstr (json_object_get_string_member (inserted, "mrn"), ==, "AU-1");
    g_assert_cmpstr (json_object_get_string_member (old, "name"), ==, "Audit Person");
    g_assert_cmpstr (json_object_get_string_member (new, "name"), ==, "Audit Renamed");
    g_assert_true (json_object_get_null_member (new, "birth_date"));
    g_assert_cmpint (json_object_get_int_member (new, "demo"), ==, 1);
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  log = vastus_database_list_audit (db, "episode", e->id, &error);
  g_assert_cmpuint (log->len, ==, 2);
  assert_audit (log->pdata[0], "episode", e->id, "insert", storage_test_actor ("nurse-two"));
  assert_audit (log->pdata[1], "episode", e->id, "update", storage_test_actor ("nurse-two"));
  {
    g_autoptr(JsonObject) new = parse_object (((VastusAuditEntry *) log->pdata[1])->new_json);

    g_assert_cmpstr (json_object_get_string_member (new, "surgeon"), ==, "Dr. Who");
    g_assert_cmpstr (json_object_get_string_member (new, "involved_side"), ==, "right");
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  /* The soft delete of the visit is an update that sets deleted_at/deleted_by. */
  log = vastus_database_list_audit (db, "visit", v->id, &error);
  g_assert_cmpuint (log->len, ==, 2);
  assert_audit (log->pdata[0], "visit", v->id, "insert", storage_test_actor ("nurse-two"));
  assert_audit (log->pdata[1], "visit", v->id, "update", storage_test_actor ("nurse-two"));
  {
    g_autoptr(JsonObject) old = parse_object (((VastusAuditEntry *) log->pdata[1])->old_json);
    g_autoptr(JsonObject) new = parse_object (((VastusAuditEntry *) log->pdata[1])->new_json);

    g_assert_true (json_object_get_null_member (old, "deleted_at"));
    g_assert_false (json_object_get_null_member (new, "deleted_at"));
    g_assert_cmpstr (json_object_get_string_member (new, "deleted_by"), ==,
                     storage_test_actor ("nurse-two"));
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  log = vastus_database_list_audit (db, "measurement", m->id, &error);
  g_assert_cmpuint (log->len, ==, 3);
  assert_audit (log->pdata[0], "measurement", m->id, "insert", storage_test_actor ("nurse-two"));
  assert_audit (log->pdata[1], "measurement", m->id, "update", storage_test_actor ("nurse-two"));
  assert_audit (log->pdata[2], "measurement", m->id, "update", storage_test_actor ("nurse-two"));
  {
    g_autoptr(JsonObject) old = parse_object (((VastusAuditEntry *) log->pdata[1])->old_json);
    g_autoptr(JsonObject) new = parse_object (((VastusAuditEntry *) log->pdata[1])->new_json);

    g_assert_cmpfloat (json_object_get_double_member (old, "value"), ==, 150.5);
    g_assert_cmpfloat (json_object_get_double_member (new, "value"), ==, 155);
    g_assert_true (json_object_get_null_member (new, "knee_angle_deg"));
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  /* Hard deletes (demo removal) are audited too, with the old row. */
  vastus_database_set_actor (db, NULL);
  vastus_database_remove_demo (db, &n_removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 1);
  {
    const char *tables[] = { "patient", "episode", "visit", "measurement" };
    gint64 ids[] = { p->id, e->id, v->id, m->id };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        VastusAuditEntry *last;

        log = vastus_database_list_audit (db, tables[i], ids[i], &error);
        g_assert_no_error (error);
        last = log->pdata[log->len - 1];
        assert_audit (last, tables[i], ids[i], "delete", storage_test_actor (NULL));
        {
          g_autoptr(JsonObject) old = parse_object (last->old_json);

          g_assert_cmpint (json_object_get_int_member (old, "id"), ==, ids[i]);
        }
        g_clear_pointer (&log, g_ptr_array_unref);
      }
  }

  /* Everything, oldest first. */
  log = vastus_database_list_audit (db, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2 + 2 + 2 + 3 + 4);
  for (guint i = 1; i < log->len; i++)
    g_assert_cmpint (((VastusAuditEntry *) log->pdata[i])->id, >,
                     ((VastusAuditEntry *) log->pdata[i - 1])->id);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE app_version = '"
                                  PACKAGE_VERSION "'"), ==, (gint64) log->len);
}

static void
test_audit_append_only (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 n;
  int code = 0;

  add_patient (db, "AO-1", "Append Only", FALSE);
  n = query_int (db, "SELECT count (*) FROM audit_log");
  g_assert_cmpint (n, ==, 1);
  g_assert_false (storage_test_exec (db, "UPDATE audit_log SET actor = 'mallory'", &code));
  g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_false (storage_test_exec (db, "DELETE FROM audit_log", &code));
  g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE actor = 'mallory'"),
                   ==, 0);
}

/* Transactions */

static void
test_transaction_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 patient, episode;

  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  g_assert_false (vastus_database_begin (db, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  patient = add_patient (db, "T-1", "Rolled Back", FALSE);
  episode = add_episode (db, patient);
  add_visit (db, episode, "2024-01-02", 4);
  vastus_database_rollback (db);

  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient_word"), ==, 0);

  /* A failed call inside the transaction undoes itself only. */
  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  add_patient (db, "T-2", "Kept One", FALSE);
  {
    g_autoptr(VastusPatient) dup = make_patient ("T-2", "Duplicate");

    g_assert_false (vastus_database_insert_patient (db, dup, &error));
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  add_patient (db, "T-3", "Kept Two", FALSE);
  vastus_database_commit (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 2);

  g_assert_false (vastus_database_commit (db, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  vastus_database_rollback (db); /* harmless outside a transaction */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 2);
}

static void
test_transaction_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  VastusDatabase *db = open_ok (fixture->path);

  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  add_patient (db, "F-1", "Never Committed", FALSE);
  /* Closing with an open transaction rolls it back. */
  g_assert_finalize_object (db);

  db = open_ok (fixture->path);
  g_assert_cmpuint (vastus_database_count_patients (db, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

/* SQLITE_FULL (here from max_page_count, as from a full disk): NO_SPACE, nothing half-saved. */
static void
test_no_space (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 audit_before;
  guint stored = 0;

  /* Room for a few dozen patients beyond the schema (which grows with each version). */
  {
    gint64 limit = query_int (db, "PRAGMA page_count") + 20;
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, limit);

    g_assert_cmpint (query_int (db, sql), ==, limit);
  }
  for (guint i = 0; i < 100000 && error == NULL; i++)
    {
      g_autofree char *mrn = g_strdup_printf ("FULL-%06u", i);
      g_autofree char *name = g_strdup_printf ("Patient %u with a rather long name to fill pages", i);
      g_autoptr(VastusPatient) p = make_patient (mrn, name);

      if (vastus_database_insert_patient (db, p, &error))
        stored++;
      else
        g_assert_cmpint (p->id, ==, 0);
    }
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NO_SPACE);
  g_test_message ("after %u patients: %s", stored, error->message);
  g_assert_cmpuint (stored, >, 10);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, stored);
  audit_before = query_int (db, "SELECT count (*) FROM audit_log");
  g_assert_cmpint (audit_before, ==, stored);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient_stats"), ==, stored);
  {
    g_autofree char *integrity = query_text (db, "PRAGMA integrity_check");

    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* Lists and search */

static gint64
summary_id (GPtrArray *list,
            guint      index)
{
  return ((VastusPatientSummary *) list->pdata[index])->patient->id;
}

/* Each patient's position in the list is where the list has them; the others have none. */
static void
assert_positions (VastusDatabase           *db,
                  const VastusPatientQuery *query,
                  const gint64             *expected,
                  guint                     n_expected)
{
  g_autoptr(GError) error = NULL;
  gint64 max_id = query_int (db, "SELECT max (id) FROM patient");
  guint position;

  for (gint64 id = 1; id <= max_id + 1; id++)
    {
      guint i = 0;

      while (i < n_expected && expected[i] != id)
        i++;
      position = G_MAXUINT;
      if (i < n_expected)
        {
          g_assert_true (vastus_database_find_patient_position (db, query, id, &position, &error));
          g_assert_cmpuint (position, ==, i);
        }
      else
        g_assert_false (vastus_database_find_patient_position (db, query, id, &position, &error));
      g_assert_no_error (error);
    }
}

static void
assert_search (VastusDatabase *db,
               const char     *search,
               gboolean        archived,
               const gint64   *expected,
               guint           n_expected)
{
  g_autoptr(GError) error = NULL;
  VastusPatientQuery query = { search, archived, VASTUS_PATIENT_SORT_NAME, 0, 0 };
  g_autoptr(GPtrArray) list = vastus_database_list_patients (db, &query, &error);

  g_test_message ("search “%s”", search);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (summary_id (list, i), ==, expected[i]);
  g_assert_cmpuint (vastus_database_count_patients (db, &query, &error), ==, n_expected);
  g_assert_no_error (error);
  assert_positions (db, &query, expected, n_expected);
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 schmidt = add_patient (db, "A-1001", "Anna Maria Schmidt", FALSE);
  gint64 mueller = add_patient (db, "B-2002", "Jürgen Müller", FALSE);
  gint64 obrien = add_patient (db, "c-3003", "Zoë O'Brien-Smith", FALSE);
  gint64 lee = add_patient (db, "A-1002", "anna lee", TRUE);
  gint64 annabel = add_patient (db, "D-4004", "Annabel Weiss", FALSE);

  assert_search (db, "a-10", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "A-100", TRUE, (gint64[]) { lee }, 1);
  assert_search (db, "C-30", FALSE, (gint64[]) { obrien }, 1);
  assert_search (db, "sch", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "SCHMIDT", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "mar", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "muller", FALSE, (gint64[]) { mueller }, 1);
  assert_search (db, "MÜL", FALSE, (gint64[]) { mueller }, 1);
  assert_search (db, "brien", FALSE, (gint64[]) { obrien }, 1);
  assert_search (db, "smi", FALSE, (gint64[]) { obrien }, 1);
  assert_search (db, "o'b", FALSE, (gint64[]) { obrien }, 1);
  assert_search (db, "zoe", FALSE, (gint64[]) { obrien }, 1);
  /* By family name: Anna Maria Schmidt before Annabel Weiss. */
  assert_search (db, "ann", FALSE, (gint64[]) { schmidt, annabel }, 2);
  assert_search (db, "ann", TRUE, (gint64[]) { lee }, 1);
  assert_search (db, "anna schm", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "  schm   anna ", FALSE, (gint64[]) { schmidt }, 1);
  assert_search (db, "anna zz", FALSE, NULL, 0);
  assert_search (db, "chmidt", FALSE, NULL, 0);
  assert_search (db, "%", FALSE, NULL, 0);
  /* By family name: Müller, O'Brien-Smith, Schmidt, Weiss (not by the first name: Anna,
   * Annabel, Jürgen, Zoë). */
  assert_search (db, "", FALSE, (gint64[]) { mueller, obrien, schmidt, annabel }, 4);
  assert_search (db, NULL, TRUE, (gint64[]) { lee }, 1);

  /* A rename re-indexes the words. */
  {
    g_autoptr(VastusPatient) p = vastus_database_get_patient (db, mueller, &error);

    g_free (p->name);
    p->name = g_strdup ("Jürgen Meier");
    vastus_database_update_patient (db, p, &error);
    g_assert_no_error (error);
    assert_search (db, "müller", FALSE, NULL, 0);
    assert_search (db, "meier", FALSE, (gint64[]) { mueller }, 1);
    assert_search (db, "jur", FALSE, (gint64[]) { mueller }, 1);
  }
}

/* The id list of @query is @expected. */
static void
assert_ids (VastusDatabase           *db,
            const VastusPatientQuery *query,
            const gint64             *expected,
            guint                     n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = vastus_database_list_patient_ids (db, query, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* The whole list sorted by last visit, also read a page of two at a time. */
static void
assert_sorted_by_last_visit (VastusDatabase *db,
                             gboolean        archived,
                             const gint64   *expected,
                             guint           n_expected)
{
  g_autoptr(GError) error = NULL;
  VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_LAST_VISIT, 0, 0 };
  g_autoptr(GPtrArray) list = vastus_database_list_patients (db, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (summary_id (list, i), ==, expected[i]);
  g_assert_cmpuint (vastus_database_count_patients (db, &query, &error), ==, n_expected);
  assert_positions (db, &query, expected, n_expected);
  assert_ids (db, &query, expected, n_expected);

  query.limit = 2;
  for (query.offset = 0; query.offset < n_expected; query.offset += 2)
    {
      g_autoptr(GPtrArray) page = vastus_database_list_patients (db, &query, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (2, n_expected - query.offset));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (summary_id (page, i), ==, expected[query.offset + i]);
    }
}

static void
test_list_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 a = add_patient (db, "M-3", "Alpha", FALSE);
  gint64 b = add_patient (db, "M-1", "bravo", FALSE);
  gint64 c = add_patient (db, "M-2", "Charlie", FALSE);
  gint64 d = add_patient (db, "M-4", "Delta", FALSE);
  gint64 ea = add_episode (db, a);
  gint64 eb1 = add_episode (db, b);
  gint64 eb2 = add_episode (db, b);
  gint64 ec = add_episode (db, c);
  VastusPatientQuery query = { NULL, FALSE, VASTUS_PATIENT_SORT_LAST_VISIT, 0, 0 };
  g_autoptr(GPtrArray) list = NULL;

  /* Last visits: a 2024-03-01, b 2024-05-02 (second episode), c 2023-12-31, d none. */
  add_visit (db, ea, "2024-03-01", 1);
  add_visit (db, ea, "2024-01-15", 0);
  add_visit (db, eb1, "2024-02-01", 0);
  add_visit (db, eb2, "2024-05-02", 2);
  add_visit (db, ec, "2023-12-31", 0);
  /* A deleted later visit does not count. */
  vastus_database_delete_visit (db, add_visit (db, ec, "2024-12-31", 0), 0, &error);
  g_assert_no_error (error);

  list = vastus_database_list_patients (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (summary_id (list, 0), ==, b);
  g_assert_cmpint (summary_id (list, 1), ==, a);
  g_assert_cmpint (summary_id (list, 2), ==, c);
  g_assert_cmpint (summary_id (list, 3), ==, d);
  assert_date (&((VastusPatientSummary *) list->pdata[0])->last_visit, "2024-05-02");
  g_assert_cmpuint (((VastusPatientSummary *) list->pdata[0])->n_visits, ==, 2);
  g_assert_cmpuint (((VastusPatientSummary *) list->pdata[1])->n_visits, ==, 2);
  g_assert_cmpuint (((VastusPatientSummary *) list->pdata[2])->n_visits, ==, 1);
  assert_date (&((VastusPatientSummary *) list->pdata[3])->last_visit, NULL);
  g_assert_cmpuint (((VastusPatientSummary *) list->pdata[3])->n_visits, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Patients seen on the same day come by name; archived ones only in the archived list, also
   * when archived at creation or after, and back when restored (the list reads patient_stats'
   * copy of archived). */
  {
    gint64 echo = add_patient (db, "M-5", "echo", FALSE);
    gint64 aaron = add_patient (db, "M-6", "Aaron", FALSE);
    gint64 zulu = add_patient (db, "M-7", "Zulu", TRUE);
    gint64 order[] = { b, aaron, a, echo, c, d };

    add_visit (db, add_episode (db, echo), "2024-03-01", 0);
    add_visit (db, add_episode (db, aaron), "2024-03-01", 0);
    add_visit (db, add_episode (db, zulu), "2024-06-01", 0);
    assert_sorted_by_last_visit (db, FALSE, order, G_N_ELEMENTS (order));
    assert_sorted_by_last_visit (db, TRUE, (gint64[]) { zulu }, 1);

    vastus_database_set_patient_archived (db, a, 0, TRUE, &error);
    g_assert_no_error (error);
    vastus_database_set_patient_archived (db, zulu, 0, FALSE, &error);
    g_assert_no_error (error);
    assert_sorted_by_last_visit (db, FALSE, (gint64[]) { zulu, b, aaron, echo, c, d }, 6);
    assert_sorted_by_last_visit (db, TRUE, (gint64[]) { a }, 1);

    vastus_database_set_patient_archived (db, a, 0, FALSE, &error);
    g_assert_no_error (error);
    vastus_database_set_patient_archived (db, zulu, 0, TRUE, &error);
    g_assert_no_error (error);
    assert_sorted_by_last_visit (db, FALSE, order, G_N_ELEMENTS (order));
    assert_sorted_by_last_visit (db, TRUE, (gint64[]) { zulu }, 1);
    /* Out of the way of the checks below, which count four active patients. */
    vastus_database_set_patient_archived (db, echo, 0, TRUE, &error);
    g_assert_no_error (error);
    vastus_database_set_patient_archived (db, aaron, 0, TRUE, &error);
    g_assert_no_error (error);
  }

  /* The same order through a search. */
  query.search = "a";
  list = vastus_database_list_patients (db, &query, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (summary_id (list, 0), ==, a);
  g_clear_pointer (&list, g_ptr_array_unref);
  query.search = NULL;

  query.sort = VASTUS_PATIENT_SORT_MRN;
  list = vastus_database_list_patients (db, &query, &error);
  g_assert_cmpint (summary_id (list, 0), ==, b);
  g_assert_cmpint (summary_id (list, 1), ==, c);
  g_assert_cmpint (summary_id (list, 2), ==, a);
  g_assert_cmpint (summary_id (list, 3), ==, d);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Name, case-insensitive: Alpha, bravo, Charlie, Delta; then a page of it. */
  query.sort = VASTUS_PATIENT_SORT_NAME;
  query.limit = 2;
  query.offset = 1;
  list = vastus_database_list_patients (db, &query, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (summary_id (list, 0), ==, b);
  g_assert_cmpint (summary_id (list, 1), ==, c);
  g_assert_cmpuint (vastus_database_count_patients (db, &query, &error), ==, 4);
}

/* The id list follows each query's order; summaries come back in the order asked for, without
 * ids that are not there. */
static void
test_patient_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 zoe = add_patient (db, "M-1", "Zoë Adams", FALSE);
  gint64 anna = add_patient (db, "M-3", "Anna Zeller", FALSE);
  gint64 bert = add_patient (db, "M-4", "Bert Adler", TRUE);
  gint64 carl = add_patient (db, "M-2", "Carl Ahn", FALSE);
  VastusPatientQuery query = { NULL, FALSE, VASTUS_PATIENT_SORT_NAME, 0, 0 };
  gint64 asked[] = { carl, 999, zoe, bert };
  g_autoptr(GPtrArray) summaries = NULL;

  add_visit (db, add_episode (db, carl), "2024-02-01", 2);
  /* By family name: Adams, Ahn, Zeller (Bert Adler is archived). */
  assert_ids (db, &query, (gint64[]) { zoe, carl, anna }, 3);
  query.archived = TRUE;
  assert_ids (db, &query, (gint64[]) { bert }, 1);
  /* "a" starts a word of Zoë Adams, Anna Zeller, Carl Ahn: by MRN M-1, M-2, M-3. */
  query.archived = FALSE;
  query.search = "a";
  query.sort = VASTUS_PATIENT_SORT_MRN;
  assert_ids (db, &query, (gint64[]) { zoe, carl, anna }, 3);
  /* By last visit: Carl (the only one with a visit), then by family name (Adams, Zeller). */
  query.sort = VASTUS_PATIENT_SORT_LAST_VISIT;
  assert_ids (db, &query, (gint64[]) { carl, zoe, anna }, 3);
  query.sort = VASTUS_PATIENT_SORT_MRN;
  query.search = "ad";
  assert_ids (db, &query, (gint64[]) { zoe }, 1);
  query.search = "nobody";
  assert_ids (db, &query, NULL, 0);

  summaries = vastus_database_get_patient_summaries (db, asked, G_N_ELEMENTS (asked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 3);
  g_assert_cmpint (summary_id (summaries, 0), ==, carl);
  g_assert_cmpint (summary_id (summaries, 1), ==, zoe);
  g_assert_cmpint (summary_id (summaries, 2), ==, bert);
  g_assert_cmpuint (((VastusPatientSummary *) summaries->pdata[0])->n_visits, ==, 1);
  assert_date (&((VastusPatientSummary *) summaries->pdata[0])->last_visit, "2024-02-01");
  g_assert_cmpuint (((VastusPatientSummary *) summaries->pdata[1])->n_visits, ==, 0);
  g_assert_true (((VastusPatientSummary *) summaries->pdata[2])->patient->archived);
}

/* A visit's audit history: the entries of its own measurements (deleted ones too), in order,
 * and none of another visit's. */
static void
test_visit_audit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 episode = add_episode (db, add_patient (db, "V-1", "Visit Audit", FALSE));
  gint64 visit = add_visit (db, episode, "2024-03-01", 2);
  gint64 other = add_visit (db, episode, "2024-04-01", 1);
  g_autoptr(VastusVisit) stored = vastus_database_get_visit (db, visit, &error);
  g_autoptr(GPtrArray) log = NULL;
  VastusMeasurement *left, *right;

  g_assert_no_error (error);
  left = g_ptr_array_index (stored->measurements, 0);
  right = g_ptr_array_index (stored->measurements, 1);
  left->value = 310;
  vastus_database_update_measurement (db, left, &error);
  g_assert_no_error (error);
  vastus_database_delete_measurement (db, right->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, >, 0);

  /* Two inserts, the update of the left value, the soft delete (an update) of the right. */
  log = vastus_database_list_visit_audit (db, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 4);
  for (guint i = 0; i < log->len; i++)
    {
      VastusAuditEntry *entry = g_ptr_array_index (log, i);

      g_assert_cmpstr (entry->table_name, ==, "measurement");
      g_assert_true (entry->row_id == left->id || entry->row_id == right->id);
      if (i > 0)
        g_assert_cmpint (entry->id, >, ((VastusAuditEntry *) log->pdata[i - 1])->id);
    }
  g_assert_cmpstr (((VastusAuditEntry *) log->pdata[2])->operation, ==, "update");
  g_assert_cmpint (((VastusAuditEntry *) log->pdata[2])->row_id, ==, left->id);
  g_assert_cmpint (((VastusAuditEntry *) log->pdata[3])->row_id, ==, right->id);
}

/* With VASTUS_MAIN_THREAD_SQL=abort, a statement on the guarded thread aborts, naming it; other
 * threads, and the thread once the guard ended, run SQL as before. */
static gpointer
count_in_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  VastusPatientQuery query = { 0 };

  g_assert_no_error (error);
  return GUINT_TO_POINTER (vastus_database_count_patients (db, &query, &error) + 1);
}

static void
test_main_thread_guard (Fixture       *fixture,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VastusDatabase) db = open_ok (fixture->path);
      g_autoptr(GThread) thread = NULL;
      VastusPatientQuery query = { 0 };

      vastus_database_guard_begin ();
      g_assert_true (vastus_database_get_guarded_thread () == g_thread_self ());
      thread = g_thread_new ("reader", count_in_thread, fixture->path);
      /* count + 1: the other thread read an empty list. */
      g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (g_steal_pointer (&thread))), ==, 1);
      vastus_database_guard_begin ();
      vastus_database_guard_end ();
      g_printerr ("guarded, counting\n");
      vastus_database_count_patients (db, &query, NULL);
      g_printerr ("not reached\n");
      return;
    }

  /* The child inherits the variable; this process never guards. */
  g_setenv ("VASTUS_MAIN_THREAD_SQL", "abort", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("VASTUS_MAIN_THREAD_SQL");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*guarded, counting*SQL on the main thread*SELECT count (*) FROM patient p WHERE p.archived = ?1*");
  g_test_trap_assert_stderr_unmatched ("*not reached*");
}

/* Without the variable the guard changes nothing; after guard_end SQL runs again. */
static void
test_main_thread_guard_off (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  VastusPatientQuery query = { 0 };

  vastus_database_guard_begin ();
  g_assert_cmpuint (vastus_database_count_patients (db, &query, &error), ==, 0);
  g_assert_no_error (error);
  vastus_database_guard_end ();
  g_assert_null (vastus_database_get_guarded_thread ());
}

static void
test_remove_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) demo = make_patient ("DEMO-1", "Demo Patient");
  g_autoptr(VastusPatient) demo2 = make_patient ("DEMO-2", "Demo Two");
  gint64 real = add_patient (db, "REAL-1", "Real Patient", FALSE);
  gint64 real_episode = add_episode (db, real);
  gint64 real_visit = add_visit (db, real_episode, "2024-02-02", 3);
  guint n = 99;

  demo->demo = TRUE;
  demo2->demo = TRUE;
  vastus_database_insert_patient (db, demo, &error);
  vastus_database_insert_patient (db, demo2, &error);
  g_assert_no_error (error);
  {
    gint64 e = add_episode (db, demo->id);
    gint64 v = add_visit (db, e, "2024-01-01", 4);

    add_visit (db, e, "2024-01-08", 2);
    vastus_database_delete_visit (db, v, 0, &error); /* soft-deleted rows go as well */
    g_assert_no_error (error);
    /* A criteria evaluation recorded for the demo episode (sql/002-criteria-sets.sql). */
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO evaluation (episode_id, set_id, set_version, as_of, actor, met, not_met, "
        "  not_tested, all_met) VALUES (%" G_GINT64_FORMAT ", 'aclr-late-phase', 1, "
        "  '2024-01-08', 'x', 1, 2, 3, 0)", e);

      g_assert_true (storage_test_exec (db, sql, NULL));
    }
    add_episode (db, demo2->id);
  }

  vastus_database_remove_demo (db, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_null (vastus_database_find_patient (db, "DEMO-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM evaluation"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient_word "
                                  "WHERE patient_id <> (SELECT id FROM patient)"), ==, 0);
  {
    g_autoptr(VastusVisit) v = vastus_database_get_visit (db, real_visit, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (v->measurements->len, ==, 3);
  }
  vastus_database_remove_demo (db, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

/* Drafts (sql/005-visit-drafts.sql) */

/* The draft of (@episode_id, @visit_id), asserting there is one. */
static char *
load_draft_ok (VastusDatabase *db,
               gint64          episode_id,
               gint64          visit_id,
               GDateTime     **saved_at)
{
  g_autoptr(GError) error = NULL;
  char *state = NULL;

  g_assert_true (vastus_database_load_draft (db, episode_id, visit_id, &state, saved_at, &error));
  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static void
assert_no_draft (VastusDatabase *db,
                 gint64          episode_id,
                 gint64          visit_id)
{
  g_autoptr(GError) error = NULL;
  char *state = NULL;

  /* No draft is not a failure: TRUE, without an error, and no state. */
  g_assert_true (vastus_database_load_draft (db, episode_id, visit_id, &state, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (state);
}

static void
save_draft_ok (VastusDatabase *db,
               gint64          episode_id,
               gint64          visit_id,
               const char     *state)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_save_draft (db, episode_id, visit_id, state, &error));
  g_assert_no_error (error);
}

static void
test_draft_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  gint64 patient = add_patient (db, "D-1", "Draft Person", FALSE);
  gint64 episode = add_episode (db, patient);
  gint64 other_episode = add_episode (db, patient);
  gint64 visit = add_visit (db, episode, "2024-02-02", 2);
  gint64 n_audit = query_int (db, "SELECT count (*) FROM audit_log");
  const char *odd = "{'date': <'2024-02-0x'>, 'notes': <'Zoë \\'quoted\\' ∆'>}";

  vastus_database_set_actor (db, "anna");
  assert_no_draft (db, episode, 0);
  /* Deleting what is not there is no error. */
  g_assert_true (vastus_database_delete_draft (db, episode, 0, &error));
  g_assert_no_error (error);

  before = g_date_time_new_now_utc ();
  save_draft_ok (db, episode, 0, odd);
  after = g_date_time_new_now_utc ();
  {
    g_autofree char *state = load_draft_ok (db, episode, 0, &saved_at);

    g_assert_cmpstr (state, ==, odd);
  }
  /* UTC, to the millisecond, between the calls. */
  g_assert_nonnull (saved_at);
  g_assert_cmpint (g_date_time_get_utc_offset (saved_at), ==, 0);
  g_assert_cmpint (g_date_time_difference (saved_at, before), >=, -1000);
  g_assert_cmpint (g_date_time_difference (after, saved_at), >=, 0);
  g_assert_cmpint (count_by (db, "SELECT count (*) FROM visit_draft WHERE actor = '%s' "
                                 "AND visit_id IS NULL", storage_test_actor ("anna")), ==, 1);

  /* Replaced, not added; the edit of the stored visit and the other episode are apart. */
  save_draft_ok (db, episode, 0, "new visit, second pause");
  save_draft_ok (db, episode, visit, "stored visit");
  save_draft_ok (db, other_episode, 0, "other episode");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_draft"), ==, 3);
  {
    g_autofree char *new_visit = load_draft_ok (db, episode, 0, NULL);
    g_autofree char *stored = load_draft_ok (db, episode, visit, NULL);
    g_autofree char *other = load_draft_ok (db, other_episode, 0, NULL);

    g_assert_cmpstr (new_visit, ==, "new visit, second pause");
    g_assert_cmpstr (stored, ==, "stored visit");
    g_assert_cmpstr (other, ==, "other episode");
  }
  assert_no_draft (db, other_episode, visit);

  /* Deleting one leaves the others. */
  g_assert_true (vastus_database_delete_draft (db, episode, 0, &error));
  g_assert_no_error (error);
  assert_no_draft (db, episode, 0);
  g_free (load_draft_ok (db, episode, visit, NULL));
  g_free (load_draft_ok (db, other_episode, 0, NULL));
  g_assert_true (vastus_database_delete_draft (db, episode, visit, &error));
  g_assert_no_error (error);
  assert_no_draft (db, episode, visit);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_draft"), ==, 1);

  /* No episode, no draft. */
  g_assert_false (vastus_database_save_draft (db, 9999, 0, "orphan", &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Drafts are not clinical records: none of this is in the audit trail. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, n_audit);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log "
                                  "WHERE table_name LIKE '%draft%'"), ==, 0);
}

/* Episodes are deleted only with the demo patients: their drafts go too (ON DELETE CASCADE). */
static void
test_draft_remove_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) demo = make_patient ("DEMO-D", "Demo Drafts");
  gint64 real = add_patient (db, "REAL-D", "Real Drafts", FALSE);
  gint64 real_episode = add_episode (db, real);
  gint64 real_visit = add_visit (db, real_episode, "2024-02-02", 1);
  gint64 demo_episode, demo_visit;
  guint n = 0;

  demo->demo = TRUE;
  vastus_database_insert_patient (db, demo, &error);
  g_assert_no_error (error);
  demo_episode = add_episode (db, demo->id);
  demo_visit = add_visit (db, demo_episode, "2024-01-01", 2);
  save_draft_ok (db, demo_episode, 0, "demo, new visit");
  save_draft_ok (db, demo_episode, demo_visit, "demo, stored visit");
  save_draft_ok (db, real_episode, 0, "real, new visit");
  save_draft_ok (db, real_episode, real_visit, "real, stored visit");

  g_assert_true (vastus_database_remove_demo (db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  assert_no_draft (db, demo_episode, 0);
  assert_no_draft (db, demo_episode, demo_visit);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_draft"), ==, 2);
  {
    g_autofree char *new_visit = load_draft_ok (db, real_episode, 0, NULL);
    g_autofree char *stored = load_draft_ok (db, real_episode, real_visit, NULL);

    g_assert_cmpstr (new_visit, ==, "real, new visit");
    g_assert_cmpstr (stored, ==, "real, stored visit");
  }
  /* SQLite checks foreign keys when asked; PostgreSQL refuses a dangling one at the statement. */
  if (!storage_test_on_server ())
    g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

/* A read-only database keeps no drafts: saving fails with READ_ONLY and changes nothing. */
static void
test_draft_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  VastusDatabase *db = open_ok (fixture->path);
  gint64 episode = add_episode (db, add_patient (db, "RO-D", "Read Only Drafts", FALSE));

  save_draft_ok (db, episode, 0, "kept");
  g_assert_finalize_object (db);
  before = file_checksum (fixture->path);

  db = vastus_database_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_free (load_draft_ok (db, episode, 0, NULL));
  g_assert_false (vastus_database_save_draft (db, episode, 0, "lost", &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (vastus_database_delete_draft (db, episode, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_finalize_object (db);
  after = file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* The audit trail keeps every stored value exactly: json_object's 15 significant digits turned
 * 209 of the integer lbf values 1–337, converted to N, into other numbers. Each is stored (as
 * the one conversion stores what was typed) and read back from the audit row, bit for bit; so
 * is every other number a row holds (the visit's body mass and height, the measurement's knee
 * angle, velocity and lever arm), each given values that need 16 or 17 digits. */
typedef struct
{
  const char *column;
  double      value;
} StoredReal;

/* Each of @n columns of the audit row's @json against what was stored. */
static void
assert_exact (const VastusAuditEntry *entry,
              const StoredReal       *want,
              guint                   n)
{
  g_autoptr(JsonObject) json = parse_object (entry->new_json);

  for (guint c = 0; c < n; c++)
    {
      double got = json_object_get_double_member (json, want[c].column);

      if (memcmp (&got, &want[c].value, sizeof got) != 0)
        g_error ("%s %" G_GINT64_FORMAT ", %s: %.17g stored, %.17g in the audit trail (%s)",
                 entry->table_name, entry->row_id, want[c].column, want[c].value, got,
                 entry->new_json);
    }
}

static void
test_audit_exact_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 episode = add_episode (db, add_patient (db, "EX-1", "Exact Person", FALSE));
  /* row id → StoredReal[], for visits and for measurements */
  g_autoptr(GHashTable) visits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) measurements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) log = NULL;
  guint n_visits = 0, n_measurements = 0;
  gboolean seen_337 = FALSE;

  for (int lbf = 1; lbf <= 337; lbf++)
    {
      g_autoptr(VastusVisit) v = vastus_visit_new ();
      VastusMeasurement *m;
      StoredReal *visit_reals = g_new (StoredReal, 2);
      StoredReal *reals = g_new (StoredReal, 4);
      double newtons;

      g_autofree char *typed = g_strdup_printf ("%d", lbf);

      g_assert_true (vastus_unit_number_to_stored ("lbf", typed, &newtons));
      /* One visit a day from 2024-01-01; @lbf pounds of body mass in kg, a height of
       * 100 + 0.3 × @lbf cm (0.3 has no exact double: most sums need 16 or 17 digits). */
      v->episode_id = episode;
      g_date_set_dmy (&v->date, 1, 1, 2024);
      g_date_add_days (&v->date, (guint) lbf);
      v->body_mass_kg = lbf * 0.45359237;
      v->height_cm = 100 + lbf * 0.3;
      m = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, newtons, "lbf");
      /* Within the schema's limits: at most 149.9°, 299.8 °/s and 1.499 m. */
      m->knee_angle_deg = newtons / 10;
      m->velocity_deg_s = newtons / 5;
      m->lever_arm_m = newtons / 1000;
      vastus_visit_add_measurement (v, m);
      vastus_database_insert_visit (db, v, &error);
      g_assert_no_error (error);

      visit_reals[0] = (StoredReal) { "body_mass_kg", v->body_mass_kg };
      visit_reals[1] = (StoredReal) { "height_cm", v->height_cm };
      g_hash_table_insert (visits, g_memdup2 (&v->id, sizeof v->id), visit_reals);
      reals[0] = (StoredReal) { "value", newtons };
      reals[1] = (StoredReal) { "knee_angle_deg", m->knee_angle_deg };
      reals[2] = (StoredReal) { "velocity_deg_s", m->velocity_deg_s };
      reals[3] = (StoredReal) { "lever_arm_m", m->lever_arm_m };
      g_hash_table_insert (measurements, g_memdup2 (&m->id, sizeof m->id), reals);
    }

  log = vastus_database_list_audit (db, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    {
      VastusAuditEntry *entry = log->pdata[i];

      if (g_str_equal (entry->table_name, "visit"))
        {
          const StoredReal *want = g_hash_table_lookup (visits, &entry->row_id);

          g_assert_nonnull (want);
          assert_exact (entry, want, 2);
          n_visits++;
        }
      else if (g_str_equal (entry->table_name, "measurement"))
        {
          const StoredReal *want = g_hash_table_lookup (measurements, &entry->row_id);

          g_assert_nonnull (want);
          assert_exact (entry, want, 4);
          n_measurements++;
          /* 337 lbf × 4.4482216152605 N/lbf = 1499.0506843427885 N exactly; the nearest
           * double needs 17 digits, 1499.0506843427886, where json_object wrote
           * 1499.05068434279. */
          if (want[0].value > 1499 && want[0].value < 1500)
            {
              g_assert_nonnull (strstr (entry->new_json, "\"value\":1499.0506843427886"));
              seen_337 = TRUE;
            }
        }
    }
  g_assert_cmpuint (n_visits, ==, 337);
  g_assert_cmpuint (n_measurements, ==, 337);
  g_assert_true (seen_337);
}

/* _vastus_database_prepare: a query that does not compile against an intact schema is a
 * failure, not "damage"; against a schema that lost a table, damage naming it. */
static void
test_prepare_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = open_ok (fixture->path);
  static const char *wrong_sql = "SELECT no_such_column FROM patient";
  static const char *draft_sql = "SELECT state FROM visit_draft";

  g_assert_null (_vastus_database_prepare (db, wrong_sql, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no_such_column"));
  g_clear_error (&error);

  /* The schema loses a table (here through the connection itself, so that it knows at once). */
  g_assert_cmpint (sqlite3_exec (_vastus_database_get_handle (db), "DROP TABLE visit_draft",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (_vastus_database_prepare (db, draft_sql, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "visit_draft"));
  g_clear_error (&error);

  /* And a draft that cannot be read is a failure with an error, never "no draft". */
  {
    char *state = (char *) "unset";

    g_assert_false (vastus_database_load_draft (db, 1, 0, &state, NULL, &error));
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
    g_assert_null (state);
  }
}

/* Constructors check their arguments before they allocate: a refused call leaks nothing.
 * 10,000 refused calls of each, after 1,000 to warm up: with the allocation first they kept
 * at least 10,000 × 32 bytes (VastusHistory) plus 10,000 × VastusCsvImport; allocator caches
 * (glibc's tcache counts as in use) stay within a few kilobytes. */
static guint n_refusals;

static GLogWriterOutput
count_criticals (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         data)
{
  if (level & G_LOG_LEVEL_CRITICAL)
    n_refusals++;
  return G_LOG_WRITER_HANDLED;
}

static void
refuse_many (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_assert_null (vastus_history_new (NULL, NULL));
      g_assert_null (vastus_csv_import_new (NULL));
    }
}

static void
test_constructors_check_first (void)
{
  if (g_test_subprocess ())
    {
      struct mallinfo2 before, after;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_log_set_writer_func (count_criticals, NULL, NULL);
      refuse_many (1000);
      before = mallinfo2 ();
      refuse_many (10000);
      after = mallinfo2 ();
      g_assert_cmpuint (n_refusals, ==, 2 * 11000);
      g_printerr ("heap in use: %zu before, %zu after\n", before.uordblks, after.uordblks);
      g_assert_cmpuint (after.uordblks, <, before.uordblks + 16 * 1024);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Migrations: schema versions have fixtures (tests/fixtures/schema-vN.sql, a dump with
 * representative data); version 2 has none of its own, the version-3 fixture holds what it
 * added. Opening one must reach the latest version with every row of every table kept. When
 * adding schema version N+1, dump a version-N database to schema-vN.sql and add it here; the
 * expectations below describe the fixtures' data, which later versions must keep. */
static const char *schema_fixtures[] = {
  "schema-v1.sql",
  "schema-v3.sql",
  "schema-v4.sql",
  "schema-v5.sql",
  "schema-v6.sql",
  "schema-v7.sql",
  "schema-v8.sql",
  "schema-v9.sql",
  "schema-v10.sql",
  "schema-v11.sql",
  "schema-v12.sql",
  "schema-v13.sql",
  "schema-v14.sql",
  "schema-v15.sql",
  "schema-v16.sql",
  "schema-v17.sql",
  "schema-v18.sql",
  "schema-v19.sql",
};

static gint64
raw_int (sqlite3    *raw,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every table of the file and its columns: table name → GStrv. */
static GHashTable *
table_columns (sqlite3 *raw)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name FROM pragma_table_info (?1)", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, tables->pdata[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      g_hash_table_insert (columns, g_strdup (tables->pdata[i]), g_strv_builder_end (names));
    }
  return columns;
}

/* What later migrations may add or rewrite, left out of the comparison: the built-in criteria
 * sets' later versions (006 adds version 2 of three), the audit trail's new rows (@audit_max:
 * the fixture's last id), a measurement's fixation with its updated_at (006 rewrites the
 * free-text spellings of belt, frame and manual: checked on their own) and schema_info. */
static const char *
later_rows (const char *table,
            gint64      audit_max,
            char      **buf)
{
  g_free (*buf);
  *buf = NULL;
  if (g_str_equal (table, "criteria_set"))
    return " WHERE NOT (builtin = 1 AND version > 1)";
  if (g_str_equal (table, "criterion"))
    return " WHERE NOT (set_version > 1 AND set_id IN (SELECT id FROM criteria_set WHERE builtin = 1))";
  if (g_str_equal (table, "audit_log"))
    return *buf = g_strdup_printf (" WHERE id <= %" G_GINT64_FORMAT, audit_max);
  /* The version each migration writes (checked against the latest above). */
  if (g_str_equal (table, "schema_info"))
    return " WHERE 0";
  return "";
}

static gboolean
rewritten_column (const char *table,
                  const char *column)
{
  /* schema_info's version is what every upgrade writes; the audit chain's head moves with the
   * entries an upgrade appends (the chain itself is checked on its own). */
  return (g_str_equal (table, "measurement") &&
          (g_str_equal (column, "fixation") || g_str_equal (column, "updated_at"))) ||
         (g_str_equal (table, "schema_info") && g_str_equal (column, "version")) ||
         (g_str_equal (table, "audit_head") && !g_str_equal (column, "id"));
}

/* "rows:SHA-256" of @table's @columns, every row in the order of those columns, with each
 * value's type: what a migration must keep byte for byte. */
static char *
table_digest (sqlite3     *raw,
              const char  *table,
              char       **columns,
              gint64       audit_max)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) order = g_string_new (" ORDER BY ");
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *filter = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  int n = 0;

  for (int c = 0; columns[c] != NULL; c++)
    {
      if (rewritten_column (table, columns[c]))
        continue;
      g_string_append_printf (sql, n > 0 ? ", \"%s\"" : "\"%s\"", columns[c]);
      g_string_append_printf (order, n > 0 ? ", %d" : "%d", n + 1);
      n++;
    }
  g_string_append_printf (sql, " FROM \"%s\"%s%s", table, later_rows (table, audit_max, &filter),
                          order->str);
  g_test_message ("%s", sql->str);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < n; c++)
        {
          guchar type = (guchar) sqlite3_column_type (stmt, c);
          const guchar *text = sqlite3_column_text (stmt, c);
          gint64 length = sqlite3_column_bytes (stmt, c);

          g_checksum_update (sum, &type, 1);
          g_checksum_update (sum, (const guchar *) &length, sizeof length);
          if (text != NULL)
            g_checksum_update (sum, text, length);
        }
      n_rows++;
    }
  sqlite3_finalize (stmt);
  return g_strdup_printf ("%u:%s", n_rows, g_checksum_get_string (sum));
}

/* What schema version 3 added: a clinic's criteria set in two versions, an evaluation, two
 * reports and a study code (tests/fixtures/schema-v3.sql). */
static void
assert_v3_fixture_data (VastusDatabase *db,
                        gint64          patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = vastus_database_list_criteria_set_versions (db, "clinic-rts",
                                                                              &error);
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *code = NULL;
  VastusCriteriaSet *latest;
  VastusCriterion *quad;

  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  latest = versions->pdata[1];
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_cmpstr (latest->title, ==, "Clinic return to sport");
  g_assert_cmpstr (latest->based_on, ==, "aclr-return-to-sport@1");
  quad = latest->criteria->pdata[0];
  g_assert_cmpstr (quad->id, ==, "quadriceps-lsi");
  g_assert_cmpfloat (quad->threshold, ==, 95);
  g_assert_cmpstr (quad->label, ==, "Quadriceps LSI at least 95 %");

  reports = vastus_database_list_reports (db, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 2);
  g_assert_true (((VastusReportRecord *) reports->pdata[0])->deidentified);
  g_assert_false (((VastusReportRecord *) reports->pdata[1])->deidentified);
  g_assert_cmpstr (((VastusReportRecord *) reports->pdata[1])->file_name, ==, "r.pdf");
  code = vastus_database_get_study_code (db, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "S-ED8CRNSP");
}

/* The version-12 fixture's own patient: FX-0121 Lindqvist, Maja, imported in family and given
 * names; her visit's quadriceps in lbf (92.5 lbf is 92.5 × 4.4482216152605 = 411.46049941 N)
 * and flexion 118° on the right, entered before test batteries: none. */
static void
assert_v12_fixture_data (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_database_find_patient (db, "FX-0121", &error);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  VastusVisit *visit;

  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->family_name, ==, "Lindqvist");
  g_assert_cmpstr (p->given_name, ==, "Maja");
  episodes = vastus_database_list_episodes (db, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  g_assert_cmpint (((VastusEpisode *) episodes->pdata[0])->involved_side, ==, VASTUS_SIDE_RIGHT);
  visits = vastus_database_list_visits (db, ((VastusEpisode *) episodes->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 1);
  visit = visits->pdata[0];
  assert_date (&visit->date, "2024-05-27");
  g_assert_cmpuint (visit->measurements->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (vastus_visit_combined (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                         VASTUS_TRIALS_ALL), 411.46049941, 1e-6);
  g_assert_cmpfloat (vastus_visit_combined (visit, "knee_flexion", VASTUS_SIDE_RIGHT,
                                            VASTUS_TRIALS_ALL), ==, 118);
  g_assert_cmpstr (visit->clinician, ==, "R. Osei");
  g_assert_cmpint (visit->template_id, ==, 0);
}

/* Schema version 11 split every name into family and given names (vastus_name_split): at the
 * comma, else the last word is the family name; where that is a guess (one word; three or more)
 * the patient is listed for review. The version-10 fixture holds names as clinics wrote them. */
static void
assert_v10_names (VastusDatabase *db,
                  int             version)
{
  static const struct
  {
    const char *mrn, *family, *given, *reason;   /* reason: listed for review, or NULL */
  } names[] = {
    { "FX-0001", "Ærøskøbing-Núñez", "Zoë", NULL },                /* two words */
    { "FX-0002", "O'Neill", "Archived", NULL },
    { "FX-0101", "Berg", "Jonas", NULL },                           /* "Berg, Jonas" */
    { "FX-0102", "Okafor", "Margaret", NULL },
    { "FX-0103", "Dijk", "Sofia van", "several_words" },            /* "Sofia van Dijk" */
    { "FX-0104", "Cher", NULL, "one_word" },
    { "FX-0105", "García López", "Ana María", NULL },               /* "García López, Ana María" */
    { "FX-0106", "Rossi", "Anna Maria", "several_words" },
  };
  /* The active patients by family name (ASCII letters fold, Æ after them). */
  static const char *sorted[] = {
    "FX-0101", "FX-0104", "FX-0103", "FX-0105", "FX-0102", "FX-0003", "FX-0106", "FX-0001",
  };
  /* … with the version-12 fixture's Lindqvist after García López. */
  static const char *sorted_v12[] = {
    "FX-0101", "FX-0104", "FX-0103", "FX-0105", "FX-0121", "FX-0102", "FX-0003", "FX-0106",
    "FX-0001",
  };
  const char * const *expected = version >= 12 ? sorted_v12 : sorted;
  guint n_expected = version >= 12 ? G_N_ELEMENTS (sorted_v12) : G_N_ELEMENTS (sorted);
  VastusPatientQuery query = { NULL, FALSE, VASTUS_PATIENT_SORT_NAME, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = vastus_database_list_name_reviews (db, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VastusPatient) dijk = NULL;
  gint64 cher = 0;
  guint n_listed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(VastusPatient) p = vastus_database_find_patient (db, names[i].mrn, &error);

      g_test_message ("%s", names[i].mrn);
      g_assert_no_error (error);
      g_assert_cmpstr (p->family_name, ==, names[i].family);
      g_assert_cmpstr (p->given_name, ==, names[i].given);
      if (names[i].reason == NULL)
        continue;
      g_assert_cmpuint (n_listed, <, reviews->len);
      n_listed++;
      for (guint r = 0; r < reviews->len; r++)
        {
          VastusNameReview *review = reviews->pdata[r];

          if (review->patient_id != p->id)
            continue;
          g_assert_cmpstr (review->reason, ==, names[i].reason);
          g_assert_cmpstr (review->mrn, ==, names[i].mrn);
          g_assert_cmpstr (review->written, ==, p->name);
          if (g_str_equal (p->mrn, "FX-0104"))
            cher = p->id;
        }
    }
  g_assert_cmpuint (reviews->len, ==, n_listed);
  g_assert_cmpuint (n_listed, ==, 3);
  /* The list reads by family name: Cher, Dijk, Rossi. */
  g_assert_cmpstr (((VastusNameReview *) reviews->pdata[0])->mrn, ==, "FX-0104");
  g_assert_cmpstr (((VastusNameReview *) reviews->pdata[1])->mrn, ==, "FX-0103");
  g_assert_cmpstr (((VastusNameReview *) reviews->pdata[2])->mrn, ==, "FX-0106");

  list = vastus_database_list_patients (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, n_expected);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((VastusPatientSummary *) list->pdata[i])->patient->mrn, ==, expected[i]);

  /* Correcting a guessed name takes it off the list; dismissing takes one off as checked. */
  dijk = vastus_database_find_patient (db, "FX-0103", &error);
  g_free (dijk->family_name);
  dijk->family_name = g_strdup ("van Dijk");
  g_free (dijk->given_name);
  dijk->given_name = g_strdup ("Sofia");
  g_assert_true (vastus_database_update_patient (db, dijk, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_dismiss_name_reviews (db, &cher, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = vastus_database_list_name_reviews (db, &error);
  g_assert_cmpuint (reviews->len, ==, 1);
  g_assert_cmpstr (((VastusNameReview *) reviews->pdata[0])->mrn, ==, "FX-0106");
  g_clear_pointer (&dijk, vastus_patient_free);
  dijk = vastus_database_find_patient (db, "FX-0103", &error);
  g_assert_cmpstr (dijk->name, ==, "Sofia van Dijk");
  g_assert_true (vastus_database_dismiss_name_reviews (db, NULL, 0, &error));
  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = vastus_database_list_name_reviews (db, &error);
  g_assert_cmpuint (reviews->len, ==, 0);
}

static void
test_migrate_fixture (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) p = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(GHashTable) columns = NULL;
  g_autoptr(GHashTable) before = NULL;
  GHashTableIter iter;
  gpointer table, names;
  gint64 audit_max = 0;
  int version = 0;
  VastusVisit *visit;
  VastusMeasurement *m;

  g_assert_cmpint (sscanf (name, "schema-v%d.sql", &version), ==, 1);
  g_file_get_contents (fixture_path, &sql, NULL, &error);
  g_assert_no_error (error);
  raw_exec (fixture->path, sql);
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
    columns = table_columns (raw);
    audit_max = raw_int (raw, "SELECT ifnull (max (id), 0) FROM audit_log");
    before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
    g_hash_table_iter_init (&iter, columns);
    while (g_hash_table_iter_next (&iter, &table, &names))
      g_hash_table_insert (before, table, table_digest (raw, table, names, audit_max));
    sqlite3_close (raw);
  }

  db = open_ok (fixture->path);
  g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                   vastus_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==,
                   vastus_database_get_latest_schema_version ());
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  /* Schema version 15: every patient, episode and visit there was starts at row version 1. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM patient WHERE row_version <> 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode WHERE row_version <> 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit WHERE row_version <> 1"), ==, 0);
  /* Everything check looks at is clean: the upgraded schema is exactly a new database's (the
   * expected schema is built from the migrations on an empty database), and the audit rows
   * the fixture had are chained. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    vastus_database_check_full (db, &problems, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", (const char *) problems->pdata[i]);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  /* Every row of every table is still there, each column the fixture had unchanged (new
   * columns may have been added). */
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
    g_hash_table_iter_init (&iter, columns);
    while (g_hash_table_iter_next (&iter, &table, &names))
      {
        g_autofree char *digest = table_digest (raw, table, names, audit_max);

        g_test_message ("%s: %s", (char *) table, digest);
        g_assert_cmpstr (digest, ==, g_hash_table_lookup (before, table));
      }
    sqlite3_close (raw);
  }
  /* Three patients; the version-10 fixture adds six with names written in several ways, the
   * version-12 one a tenth in family and given names. */
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (before, "patient"),
                                   version < 10 ? "3:" : version < 12 ? "9:" : "10:"));
  /* Fixations: "belt" stays; the version-5 fixture's free text becomes the closed list where it
   * clearly names one ("Hand-held" → manual, "Belted" → belt), else stays as recorded, and each
   * rewrite is in the audit trail. */
  {
    g_autofree char *fixations = query_text (db, "SELECT group_concat (id || ':' || ifnull (fixation, '-'), ' ') "
                                                 "FROM (SELECT id, fixation FROM measurement WHERE id <= 10 ORDER BY id)");

    /* The version-7 fixture adds measurement 8, FX-0003's KOOS JR score (no fixation); the
     * version-8 one 9 and 10, FX-0001's quadriceps on 2024-05-02. */
    g_assert_cmpstr (fixations, ==, version < 5 ? "1:- 2:belt 3:- 4:-"
                                    : version < 7 ? "1:- 2:belt 3:- 4:- 5:manual 6:belt 7:strap"
                                    : version < 8 ? "1:- 2:belt 3:- 4:- 5:manual 6:belt 7:strap 8:-"
                                    : "1:- 2:belt 3:- 4:- 5:manual 6:belt 7:strap 8:- 9:- 10:-");
    g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'measurement' "
                                    "AND operation = 'update' AND json_extract (new_json, '$.fixation') "
                                    "IN ('manual', 'belt') AND json_extract (old_json, '$.fixation') "
                                    "IN ('Hand-held', 'Belted')"), ==, version < 5 ? 0 : 2);
  }

  /* The fixture's data, through the API. */
  p = vastus_database_find_patient (db, "FX-0001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Zoë Ærøskøbing-Núñez");
  assert_date (&p->birth_date, "1988-02-29");
  g_assert_cmpint (p->sex, ==, VASTUS_SEX_FEMALE);
  episodes = vastus_database_list_episodes (db, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  assert_date (&((VastusEpisode *) episodes->pdata[0])->surgery_date, "2024-01-15");
  visits = vastus_database_list_visits (db, ((VastusEpisode *) episodes->pdata[0])->id, &error);
  g_assert_no_error (error);
  /* A third, deleted one stays hidden; the version-8 fixture adds one on 2024-05-02. */
  g_assert_cmpuint (visits->len, ==, version < 8 ? 2 : 3);
  visit = visits->pdata[1];
  g_assert_cmpfloat (visit->body_mass_kg, ==, 64.5);
  g_assert_true (isnan (visit->height_cm));
  g_assert_cmpuint (visit->measurements->len, ==, 2);
  m = visit->measurements->pdata[0];
  g_assert_cmpstr (m->measure, ==, "quadriceps_hhd");
  g_assert_cmpfloat (m->value, ==, 312.5);
  g_assert_cmpfloat (m->knee_angle_deg, ==, 60);
  g_assert_true (isnan (m->lever_arm_m));
  /* The search words came along, and the archived patient stays out of the list sorted by last
   * visit (schema version 4 copies archived into patient_stats). */
  assert_search (db, "nunez", FALSE, (gint64[]) { p->id }, 1);
  if (version < 10)
    assert_sorted_by_last_visit (db, FALSE, (gint64[]) { p->id, 3 }, 2);
  else if (version < 12)
    /* FX-0101 … FX-0106 are ids 4 … 9: their visits on 06-03, 04-01, 05-06, 05-07, 04-15 and
     * 03-01 of 2024; FX-0001's last is 05-02 (the version-8 fixture's), FX-0003's 02-15. */
    assert_sorted_by_last_visit (db, FALSE, (gint64[]) { 4, 7, 6, p->id, 8, 5, 9, 3 }, 8);
  else
    /* … and FX-0121, id 10, on 05-27. */
    assert_sorted_by_last_visit (db, FALSE, (gint64[]) { 4, 10, 7, 6, p->id, 8, 5, 9, 3 }, 9);
  assert_sorted_by_last_visit (db, TRUE, (gint64[]) { 2 }, 1);
  if (version >= 3)
    assert_v3_fixture_data (db, p->id);
  /* Every fixture's names are split, each split in the audit trail (the version-12 fixture's
   * own patient was imported in family and given names: nothing to split). */
  g_assert_cmpstr (p->family_name, ==, "Ærøskøbing-Núñez");
  g_assert_cmpstr (p->given_name, ==, "Zoë");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'patient' "
                                  "AND operation = 'update' "
                                  "AND json_extract (old_json, '$.family_name') IS NULL "
                                  "AND json_extract (new_json, '$.family_name') IS NOT NULL"), ==,
                   query_int (db, "SELECT count (*) FROM patient") - (version >= 12 ? 1 : 0));
  if (version >= 10)
    assert_v10_names (db, version);
  if (version >= 12)
    assert_v12_fixture_data (db);
  /* Schema version 13: the three built-in test batteries; no visit was entered with one. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template WHERE builtin = 1"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template WHERE builtin = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template_use"), ==, 0);
  g_assert_cmpint (visit->template_id, ==, 0);
  /* Schema version 14: no episode names a treating therapist yet; one can be named, and the
   * audit trail of episodes carries it. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode WHERE treating_therapist IS NOT NULL"),
                   ==, 0);
  {
    g_autoptr(VastusEpisode) named = vastus_episode_copy (episodes->pdata[0]);

    g_assert_null (named->treating_therapist);
    named->treating_therapist = g_strdup ("R. Osei");
    g_assert_true (vastus_database_update_episode (db, named, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'episode' "
                                    "AND operation = 'update' "
                                    "AND json_extract (old_json, '$.treating_therapist') IS NULL "
                                    "AND json_extract (new_json, '$.treating_therapist') = 'R. Osei'"),
                     ==, 1);
  }
  /* Schema version 15: a save names the row version it replaces and raises it by one. */
  {
    /* Read again: the treating therapist's save above raised its version. */
    g_autoptr(VastusEpisode) saved =
      vastus_database_get_episode (db, ((VastusEpisode *) episodes->pdata[0])->id, &error);
    gint64 read_at = saved->row_version;

    g_assert_cmpint (read_at, >=, 1);
    g_assert_true (vastus_database_update_episode (db, saved, &error));
    g_assert_no_error (error);
    g_assert_cmpint (saved->row_version, ==, read_at + 1);
  }
  /* And it takes new data. */
  add_patient (db, "FX-NEW", "After Migration", FALSE);
  /* Schema version 12: every episode is live; one with visits is not deleted, one without is,
   * and comes back. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM episode WHERE deleted_at IS NOT NULL"),
                   ==, 0);
  g_assert_false (vastus_database_delete_episode (db, ((VastusEpisode *) episodes->pdata[0])->id, 0,
                                                  &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    gint64 mistake = add_episode (db, p->id);

    g_assert_true (vastus_database_delete_episode (db, mistake, 0, &error));
    g_assert_no_error (error);
    g_assert_true (vastus_database_restore_episode (db, mistake, 0, &error));
    g_assert_no_error (error);
  }

  /* An upgrade keeps a backup of the file as it was. */
  {
    g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
    g_autofree char *listing = NULL;

    if (version < vastus_database_get_latest_schema_version ())
      {
        g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
        listing = dir_listing (backups);
        g_test_message ("backups: %s", listing);
        g_assert_nonnull (strstr (listing, "-pre-migration.db"));
      }
  }
}

/* Schema version 8 merges what simultaneous imports stored twice (tests/fixtures/
 * schema-v5-duplicates.sql, which says what each row is), keeps every row, and writes down what
 * it could not merge. */
static void
assert_live (VastusDatabase *db,
             const char     *table,
             const char     *ids)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (id, ',') FROM (SELECT id FROM %s "
                                          "WHERE deleted_at IS NULL ORDER BY id)", table);
  g_autofree char *live = query_text (db, sql);

  g_assert_cmpstr (live, ==, ids);
}

static void
test_migrate_duplicates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                         "schema-v5-duplicates.sql", NULL);
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusVisit) visit7 = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autofree char *integrity = NULL;
  GPtrArray *notes;

  g_file_get_contents (fixture_path, &sql, NULL, &error);
  g_assert_no_error (error);
  raw_exec (fixture->path, sql);
  db = open_ok (fixture->path);
  g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                   vastus_database_get_latest_schema_version ());
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* Nothing is lost: 8 visits and 18 measurements, as before. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit"), ==, 8);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement"), ==, 18);
  /* Visit 6 was a copy of 5, visit 8 of 7; visits 2 and 4 are in two episodes: both stay. */
  assert_live (db, "visit", "1,2,3,4,5,7");
  /* Copies: 8–10 of 5–7, 17–18 of 15–16; 13 (315 N) differs from 11 (310 N); 14 moved to 7. */
  assert_live (db, "measurement", "1,2,3,4,5,6,7,11,12,14,15,16");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit WHERE id = 6 AND "
                                  "deleted_by = 'schema upgrade 8: merged into visit 5'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement WHERE id = 17 AND "
                                  "deleted_by = 'schema upgrade 8: a copy of measurement 15'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM measurement WHERE id = 13 AND deleted_by = "
                                  "'schema upgrade 8: differs from measurement 11 (see schema_upgrade_note)'"),
                   ==, 1);
  visit7 = vastus_database_get_visit (db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visit7->measurements->len, ==, 3);
  g_assert_cmpfloat (visit7->body_mass_kg, ==, 70.5);
  g_assert_cmpint (((VastusMeasurement *) visit7->measurements->pdata[2])->id, ==, 14);
  /* The move and the deletions are in the audit trail. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'measurement' "
                                  "AND row_id = 14 AND operation = 'update' "
                                  "AND json_extract (new_json, '$.visit_id') = 7"), ==, 1);
  /* The patient list counts live visits: DUP-1 has 1, 5 and 7. */
  patients = vastus_database_list_patients (db, &(VastusPatientQuery) { .search = "DUP-1" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 1);
  g_assert_cmpuint (((VastusPatientSummary *) patients->pdata[0])->n_visits, ==, 3);
  assert_date (&((VastusPatientSummary *) patients->pdata[0])->last_visit, "2024-03-15");

  /* What needs a person, said once after the upgrade and kept in schema_upgrade_note. */
  notes = vastus_database_get_upgrade_notes (db);
  for (guint i = 0; i < notes->len; i++)
    g_test_message ("note: %s", (char *) notes->pdata[i]);
  g_assert_cmpuint (notes->len, ==, 4);
  g_assert_cmpstr (notes->pdata[0], ==,
                   "Patient DUP-1, visit of 2024-03-15: quadriceps_hhd, left, trial 1 was stored "
                   "twice with different data (measurement 11: 310.0 N; measurement 13: 315.0 N). "
                   "Measurement 11 is kept; measurement 13 is kept as a deleted row. Check which "
                   "one is right.");
  g_assert_true (g_str_has_prefix (notes->pdata[1], "Patient DUP-1: visits 7 and 8 were both on "
                                                    "2024-03-15, with different details"));
  g_assert_true (g_str_has_prefix (notes->pdata[2], "2 visits were stored twice (or more) on one "
                                                    "day in one episode: each was merged into the "
                                                    "first, and 5 measurements stored twice"));
  g_assert_cmpstr (notes->pdata[3], ==,
                   "Patient DUP-2 has 2 visits on 2024-02-02 in different episodes of care "
                   "(visits 2, 4). They are kept as they are; a further visit on that date will "
                   "be refused.");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM schema_upgrade_note"), ==, 4);

  /* A copy cannot come back. */
  g_assert_false (vastus_database_restore_visit (db, 6, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
  g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, 5);
  g_clear_error (&error);

  /* Opened again: nothing more to say. */
  g_clear_object (&db);
  db = open_ok (fixture->path);
  g_assert_cmpuint (vastus_database_get_upgrade_notes (db)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Numbers must not depend on the locale (run under LC_ALL=de_DE.UTF-8 too). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The stores, on the engine under test (storage-test-util.h). */
  g_test_add_func ("/storage/patient/roundtrip", test_patient_roundtrip);
  g_test_add_func ("/storage/patient/update", test_patient_update);
  g_test_add_func ("/storage/patient/duplicate-mrn", test_patient_duplicate_mrn);
  g_test_add_func ("/storage/checks", test_checks);
  g_test_add_func ("/storage/episode/roundtrip", test_episode_roundtrip);
  g_test_add_func ("/storage/episode/soft-delete", test_episode_soft_delete);
  g_test_add_func ("/storage/visit/roundtrip", test_visit_roundtrip);
  g_test_add_func ("/storage/visit/soft-delete", test_visit_soft_delete);
  g_test_add_func ("/storage/visit/one-a-day", test_one_visit_a_day);
  g_test_add_func ("/storage/visit/one-measurement-per-trial", test_one_measurement_per_trial);
  g_test_add_func ("/storage/study-code/unpredictable", test_study_code_unpredictable);
  g_test_add_func ("/storage/audit/trail", test_audit_trail);
  g_test_add_func ("/storage/audit/exact-values", test_audit_exact_values);
  g_test_add_func ("/storage/constructors/check-first", test_constructors_check_first);
  g_test_add_func ("/storage/audit/append-only", test_audit_append_only);
  g_test_add_func ("/storage/transaction/rollback", test_transaction_rollback);
  g_test_add_func ("/storage/patients/search", test_search);
  g_test_add_func ("/storage/patients/sort", test_list_sort);
  g_test_add_func ("/storage/patients/ids", test_patient_ids);
  g_test_add_func ("/storage/audit/visit", test_visit_audit);
  g_test_add_func ("/storage/demo/remove", test_remove_demo);
  g_test_add_func ("/storage/draft/roundtrip", test_draft_roundtrip);
  g_test_add_func ("/storage/draft/remove-demo", test_draft_remove_demo);
  if (storage_test_on_server ())
    return g_test_run ();

  /* SQLite's own: files, pragmas, its statement hook, its migrations. */
  g_test_add ("/storage/open/new", Fixture, NULL, fixture_setup, test_open_new, fixture_teardown);
  g_test_add ("/storage/open/empty-file", Fixture, NULL,
              fixture_setup, test_open_empty_file, fixture_teardown);
  g_test_add ("/storage/open/reopen", Fixture, NULL,
              fixture_setup, test_open_reopen, fixture_teardown);
  g_test_add ("/storage/open/read-only", Fixture, NULL,
              fixture_setup, test_open_read_only, fixture_teardown);
  g_test_add_func ("/storage/open/memory", test_open_memory);
  g_test_add_func ("/storage/open/default-path", test_default_path);
  g_test_add ("/storage/open/refuse-text", Fixture, NULL,
              fixture_setup, test_refuse_text, fixture_teardown);
  g_test_add ("/storage/open/refuse-garbage-header", Fixture, NULL,
              fixture_setup, test_refuse_garbage_header, fixture_teardown);
  g_test_add ("/storage/open/refuse-corrupt-pages", Fixture, NULL,
              fixture_setup, test_refuse_corrupt_pages, fixture_teardown);
  g_test_add ("/storage/open/refuse-foreign", Fixture, NULL,
              fixture_setup, test_refuse_foreign, fixture_teardown);
  g_test_add ("/storage/open/refuse-foreign-no-id", Fixture, NULL,
              fixture_setup, test_refuse_foreign_no_id, fixture_teardown);
  g_test_add ("/storage/open/refuse-newer", Fixture, NULL,
              fixture_setup, test_refuse_newer, fixture_teardown);
  g_test_add ("/storage/open/refuse-folder", Fixture, NULL,
              fixture_setup, test_refuse_folder, fixture_teardown);
  g_test_add ("/storage/visit/read-snapshot", Fixture, NULL,
              fixture_setup, test_read_snapshot, fixture_teardown);
  g_test_add ("/storage/prepare/errors", Fixture, NULL,
              fixture_setup, test_prepare_errors, fixture_teardown);
  g_test_add ("/storage/transaction/close-rolls-back", Fixture, NULL,
              fixture_setup, test_transaction_file, fixture_teardown);
  g_test_add_func ("/storage/transaction/no-space", test_no_space);
  g_test_add ("/storage/guard/main-thread", Fixture, NULL,
              fixture_setup, test_main_thread_guard, fixture_teardown);
  g_test_add_func ("/storage/guard/off", test_main_thread_guard_off);
  g_test_add ("/storage/draft/read-only", Fixture, NULL,
              fixture_setup, test_draft_read_only, fixture_teardown);
  g_test_add ("/storage/migrate/duplicates", Fixture, NULL,
              fixture_setup, test_migrate_duplicates, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (schema_fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/storage/migrate/%s", schema_fixtures[i]);

      g_test_add (path, Fixture, schema_fixtures[i],
                  fixture_setup, test_migrate_fixture, fixture_teardown);
    }

  return g_test_run ();
}
