/* test-clinic-folder.c: the clinic's questions to a disk or network share that may hang, each
 * on a thread of its own with a deadline (vastus-clinic-folder.c).
 *
 * Whether a saved folder (the last export's, report's or backup's) can be used again
 * (vastus_clinic_find_saved_folder_async), the one rule the windows' file choosers follow: a
 * folder, or a link to one, is; nothing saved, a path not there, a file, a link to nothing, and a
 * folder that does not answer by the deadline are not. It is checked on a thread of its own: the
 * caller's main loop turns meanwhile, Cancel answers at once, and the deadline answers for a
 * share that hangs (the clinic's delay hook stands for one).
 *
 * Where the backups folder is (vastus_clinic_find_backup_folder_async): "backups" beside the
 * database where it really is; a share that hangs is an error by the deadline, naming the
 * folder. Whether a file is there (vastus_clinic_check_exists_async, the first start's
 * question): the same deadline, naming the file's folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vastus-clinic.h"

typedef struct
{
  char         *dir;
  char         *usb;      /* a folder in it */
  VastusClinic *clinic;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("vastus-clinic-folder-XXXXXX", &error);
  g_assert_no_error (error);
  f->usb = g_build_filename (f->dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (f->usb, 0700), ==, 0);
  /* Never opened: checking a folder needs no database. Through a link to the folder, as a
   * database on a share mounted elsewhere may be. */
  link = g_build_filename (f->dir, "clinic-link", NULL);
  g_assert_cmpint (symlink (f->dir, link), ==, 0);
  db = g_build_filename (link, "clinic.db", NULL);
  f->clinic = vastus_clinic_new (db);
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&f->clinic));
  rm_rf (f->dir);
  g_free (f->usb);
  g_free (f->dir);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
count_turn_cb (gpointer data)
{
  guint *turns = data;

  (*turns)++;
  return G_SOURCE_CONTINUE;
}

/* Asks about @saved and waits for the answer: the folder's path, or NULL (@error set only when
 * @cancel_at_once). @turns: how often a 10 ms timeout of the caller's main loop ran meanwhile. */
static char *
find (Fixture     *f,
      const char  *saved,
      gboolean     cancel_at_once,
      guint       *turns,
      GError     **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) folder = NULL;
  guint counted = 0;
  guint tick = g_timeout_add (10, count_turn_cb, &counted);

  vastus_clinic_find_saved_folder_async (f->clinic, saved, cancellable, result_cb, &result);
  /* Never before the call returned. */
  g_assert_null (result);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (turns != NULL)
    *turns = counted;
  folder = vastus_clinic_find_saved_folder_finish (f->clinic, result, error);
  return folder != NULL ? g_file_get_path (folder) : NULL;
}

/* The rule, case by case. */
static void
test_rule (Fixture       *f,
           gconstpointer  user_data)
{
  g_autofree char *link = g_build_filename (f->dir, "usb-link", NULL);
  g_autofree char *file = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "gone-link", NULL);
  g_autofree char *inside_file = g_build_filename (file, "deeper", NULL);
  const char *unusable[] = { NULL, "", gone, file, dangling, inside_file };
  g_autoptr(GError) error = NULL;
  char *found;

  g_assert_cmpint (symlink (f->usb, link), ==, 0);
  g_assert_true (g_file_set_contents (file, "%PDF-1.7\n", -1, NULL));
  g_assert_cmpint (symlink (gone, dangling), ==, 0);

  /* A folder: that folder. */
  found = find (f, f->usb, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, f->usb);
  g_free (found);
  /* A link to a folder: the link, as saved (the chooser follows it). */
  found = find (f, link, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, link);
  g_free (found);
  /* Nothing saved, not there, a file, a link to nothing, a path through a file: none, no error. */
  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      g_test_message ("unusable: %s", unusable[i] != NULL ? unusable[i] : "(none)");
      found = find (f, unusable[i], FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (found);
    }
}

/* On a thread of its own: while the check waits (the delay hook, 1 s, as a slow share would),
 * the caller's main loop goes on; a check on the main thread would hold it for that second and
 * let the 10 ms timeout run once at most. */
static void
test_off_main_thread (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  guint calls = vastus_clinic_get_n_calls (f->clinic);
  guint turns = 0;

  vastus_clinic_set_delay (f->clinic, 1000);
  found = find (f, f->usb, FALSE, &turns, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, f->usb);
  /* 1000 ms at one turn per 10 ms is up to 100; a loaded machine gives fewer, never 1. */
  g_test_message ("main loop turns while checking: %u", turns);
  g_assert_cmpuint (turns, >=, 10);
  /* Counted as one call of the clinic's. */
  g_assert_cmpuint (vastus_clinic_get_n_calls (f->clinic), ==, calls + 1);
}

/* Cancelled (the window closed): the answer is "cancelled", at once, not when the thread is
 * done waiting on the share (the delay hook, 3 s). */
static void
test_cancel (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 start;

  vastus_clinic_set_delay (f->clinic, 3000);
  start = g_get_monotonic_time ();
  found = find (f, f->usb, TRUE, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  /* Before the thread woke: the order of two events, not a speed. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3000 * G_TIME_SPAN_MILLISECOND);
}

/* A share that hangs: a folder that is there but answers only after the deadline (the delay
 * hook: the deadline and 3 s more) is not used, and the answer comes by the deadline. */
static void
test_deadline (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  guint late = VASTUS_CLINIC_FOLDER_DEADLINE_MS + 3000;
  gint64 start, took;

  vastus_clinic_set_delay (f->clinic, late);
  start = g_get_monotonic_time ();
  found = find (f, f->usb, FALSE, NULL, &error);
  took = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_null (found);
  /* The deadline answered (not before it), before the thread (the order, not a speed). */
  g_assert_cmpint (took, >=, VASTUS_CLINIC_FOLDER_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (took, <, late * G_TIME_SPAN_MILLISECOND);
}

/* Waits (the caller's main loop turning) for the answer of a call started with result_cb. */
static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (result);
}

/* The backups folder: "backups" beside the database where it really is: the fixture's database
 * is at DIR/clinic-link/clinic.db, the link leading to DIR, so REAL-DIR/backups (realpath (3)
 * of DIR itself, which may be under a linked /tmp), never DIR/clinic-link/backups. */
static void
test_backup_folder (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  char *real = realpath (f->dir, NULL);

  expected = g_build_filename (real, "backups", NULL);
  free (real);
  vastus_clinic_find_backup_folder_async (f->clinic, NULL, result_cb, &result);
  /* Never before the call returned. */
  g_assert_null (result);
  result = wait_result (&result);
  found = vastus_clinic_find_backup_folder_finish (f->clinic, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, expected);
}

/* A share that hangs (the delay hook: the deadline and 3 s more): by the deadline, not before
 * it, the answer is that the folder did not answer, naming it as the database's path gives it
 * (the link unresolved: resolving it is what hangs). The clinic is not held meanwhile: it goes
 * (the teardown finalizes it) while the thread still waits on the share. */
static void
test_backup_folder_deadline (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *named = g_build_filename (f->dir, "clinic-link", "backups", NULL);
  guint late = VASTUS_CLINIC_FOLDER_DEADLINE_MS + 3000;
  gint64 start, took;

  vastus_clinic_set_delay (f->clinic, late);
  start = g_get_monotonic_time ();
  vastus_clinic_find_backup_folder_async (f->clinic, NULL, result_cb, &result);
  result = wait_result (&result);
  took = g_get_monotonic_time () - start;
  found = vastus_clinic_find_backup_folder_finish (f->clinic, result, &error);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_ANSWER);
  g_assert_null (found);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, named));
  g_assert_nonnull (strstr (error->message, "did not answer within 5 seconds"));
  /* The deadline answered (not before it), before the thread (the order, not a speed). */
  g_assert_cmpint (took, >=, VASTUS_CLINIC_FOLDER_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (took, <, late * G_TIME_SPAN_MILLISECOND);
}

/* Whether anything is at @path, or NULL with @error: "yes", "no". */
static const char *
check_exists (Fixture     *f,
              const char  *path,
              gboolean     cancel_at_once,
              GError     **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean exists = FALSE;

  vastus_clinic_check_exists_async (f->clinic, path, cancellable, result_cb, &result);
  g_assert_null (result);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  result = wait_result (&result);
  if (!vastus_clinic_check_exists_finish (f->clinic, result, &exists, error))
    return NULL;
  return exists ? "yes" : "no";
}

/* The first start's question: a file, a folder, a link to a file are there; a path not there and
 * a link to nothing are not (GLib's G_FILE_TEST_EXISTS, which follows links). */
static void
test_exists (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (f->dir, "vastus.db", NULL);
  g_autofree char *link = g_build_filename (f->dir, "vastus-link.db", NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone.db", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "gone-link.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "SQLite format 3", -1, NULL));
  g_assert_cmpint (symlink (file, link), ==, 0);
  g_assert_cmpint (symlink (gone, dangling), ==, 0);
  g_assert_cmpstr (check_exists (f, file, FALSE, &error), ==, "yes");
  g_assert_cmpstr (check_exists (f, f->usb, FALSE, &error), ==, "yes");
  g_assert_cmpstr (check_exists (f, link, FALSE, &error), ==, "yes");
  g_assert_cmpstr (check_exists (f, gone, FALSE, &error), ==, "no");
  g_assert_cmpstr (check_exists (f, dangling, FALSE, &error), ==, "no");
  g_assert_no_error (error);
}

/* A share that hangs (the delay hook, the deadline and 3 s more): an error by the deadline,
 * naming the file's folder; Cancel (the window closed) answers at once. */
static void
test_exists_deadline (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (f->usb, "vastus.db", NULL);
  g_autoptr(GError) error = NULL;
  guint late = VASTUS_CLINIC_FOLDER_DEADLINE_MS + 3000;
  gint64 start, took;

  vastus_clinic_set_delay (f->clinic, late);
  start = g_get_monotonic_time ();
  g_assert_null (check_exists (f, file, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, late * G_TIME_SPAN_MILLISECOND);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_null (check_exists (f, file, FALSE, &error));
  took = g_get_monotonic_time () - start;
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_ANSWER);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->usb));
  g_assert_null (strstr (error->message, "vastus.db"));
  g_assert_cmpint (took, >=, VASTUS_CLINIC_FOLDER_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (took, <, late * G_TIME_SPAN_MILLISECOND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/clinic/saved-folder/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("rule", test_rule);
  ADD ("off-main-thread", test_off_main_thread);
  ADD ("cancel", test_cancel);
  ADD ("deadline", test_deadline);
#undef ADD
  g_test_add ("/clinic/backup-folder/found", Fixture, NULL, fixture_setup, test_backup_folder,
              fixture_teardown);
  g_test_add ("/clinic/backup-folder/deadline", Fixture, NULL, fixture_setup,
              test_backup_folder_deadline, fixture_teardown);
  g_test_add ("/clinic/exists/rule", Fixture, NULL, fixture_setup, test_exists,
              fixture_teardown);
  g_test_add ("/clinic/exists/deadline", Fixture, NULL, fixture_setup, test_exists_deadline,
              fixture_teardown);
  return g_test_run ();
}
