/* test-local-draft.c: a visit's draft kept on this computer while the clinic server cannot be
 * reached (vastus-local-draft.h): written, read back as given, private to the user, one per
 * database and visit, removed; the window's writes and removals run off the main thread, one
 * after the other in the order asked for, and count as the clinic's pending work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vastus-local-draft.h"

/* The user's data folder of this run (GLib keeps the first answer: set once, in main). */
static char *home;

static void
test_write_read_remove (void)
{
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(VastusClinic) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *state = NULL;
  g_autofree char *dir = NULL;
  GDir *listing;
  const char *name;
  guint n = 0;

  clinic = vastus_clinic_new ("postgresql:///clinic?host=/run/one");
  other = vastus_clinic_new ("postgresql:///clinic?host=/run/two");
  /* Seconds: the file's time has no finer grain than that here. */
  before = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);

  g_assert_null (vastus_local_draft_read (clinic, 7, 0, NULL));
  g_assert_true (vastus_local_draft_write (clinic, 7, 0, "{'format': <uint32 1>}", &error));
  g_assert_no_error (error);
  /* A second write replaces the first. */
  g_assert_true (vastus_local_draft_write (clinic, 7, 0, "{'notes': <'kept'>}", &error));
  g_assert_no_error (error);
  state = vastus_local_draft_read (clinic, 7, 0, &saved_at);
  g_assert_cmpstr (state, ==, "{'notes': <'kept'>}");
  g_assert_nonnull (saved_at);
  g_assert_cmpint (g_date_time_compare (saved_at, before), >=, 0);

  /* Another visit of the episode, another database: none of theirs. */
  g_assert_null (vastus_local_draft_read (clinic, 7, 12, NULL));
  g_assert_null (vastus_local_draft_read (other, 7, 0, NULL));

  /* The user's alone: the folder rwx------ and the file rw------- (octal 0700, 0600). */
  dir = g_build_filename (home, "vastus", "drafts", NULL);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    listing = g_dir_open (dir, 0, &error);
    g_assert_no_error (error);
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        /* The address is never in the name (a server's may name a login). */
        g_assert_null (strstr (name, "clinic"));
        n++;
      }
    g_dir_close (listing);
  }
  g_assert_cmpuint (n, ==, 1);

  vastus_local_draft_remove (clinic, 7, 0);
  g_assert_null (vastus_local_draft_read (clinic, 7, 0, NULL));
  /* Removing what is not there is fine. */
  vastus_local_draft_remove (clinic, 7, 0);
}

typedef struct
{
  GMutex     lock;
  GCond      cond;
  GThread   *main_thread;
  GPtrArray *heard;       /* the states written, "-" for a removal, in the order made */
  gboolean   on_main;     /* one was made on the main thread */
  gboolean   open;        /* until then, the first one waits */
} Heard;

/* On the thread that writes: the first write waits there until every call was made, so that
 * the others queue behind it. (One made on the main thread must not wait: that would hang.) */
static void
heard_cb (const char *state,
          gpointer    data)
{
  Heard *heard = data;

  g_mutex_lock (&heard->lock);
  g_ptr_array_add (heard->heard, g_strdup (state != NULL ? state : "-"));
  if (g_thread_self () == heard->main_thread)
    heard->on_main = TRUE;
  else
    while (!heard->open)
      g_cond_wait (&heard->cond, &heard->lock);
  g_mutex_unlock (&heard->lock);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GArray *order = user_data;
  g_autoptr(GError) error = NULL;
  int index = g_array_index (order, int, order->len - 1) + 1;

  /* Which call this was is told by the one before; writes and removals alike. */
  if (g_task_get_source_tag (G_TASK (result)) == vastus_local_draft_write_async)
    g_assert_true (vastus_local_draft_write_finish (VASTUS_CLINIC (source), result, &error));
  else
    g_assert_true (vastus_local_draft_remove_finish (VASTUS_CLINIC (source), result, &error));
  g_assert_no_error (error);
  g_array_append_val (order, index);
}

typedef struct
{
  char      *state;
  GDateTime *saved_at;
  gboolean   done;
} Read;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Read *read = user_data;

  read->state = vastus_local_draft_read_finish (VASTUS_CLINIC (source), result, &read->saved_at);
  read->done = TRUE;
}

static void
read_thread_cb (const char *state,
                gpointer    data)
{
  GThread **thread = data;

  *thread = g_thread_self ();
}

/* A read on the same thread, after the writes and removals asked for before it: it finds the
 * last one, with the time it was written; after a removal, none. */
static void
test_read_async (void)
{
  g_autoptr(VastusClinic) clinic = vastus_clinic_new ("postgresql:///clinic?host=/run/read");
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  GThread *read_thread = NULL;
  Read first = { 0 }, second = { 0 };

  vastus_local_draft_set_read_hook (read_thread_cb, &read_thread);
  vastus_local_draft_write_async (clinic, 11, 4, "first", NULL, NULL);
  vastus_local_draft_write_async (clinic, 11, 4, "second", NULL, NULL);
  vastus_local_draft_read_async (clinic, 11, 4, read_cb, &first);
  vastus_local_draft_remove_async (clinic, 11, 4, NULL, NULL);
  vastus_local_draft_read_async (clinic, 11, 4, read_cb, &second);
  g_assert_false (first.done);
  g_assert_cmpuint (vastus_clinic_get_n_pending (clinic), ==, 5);
  while (vastus_clinic_get_n_pending (clinic) > 0)
    g_main_context_iteration (NULL, TRUE);
  vastus_local_draft_set_read_hook (NULL, NULL);

  g_assert_nonnull (read_thread);
  g_assert_true (read_thread != g_thread_self ());
  g_assert_true (first.done);
  g_assert_cmpstr (first.state, ==, "second");
  g_assert_nonnull (first.saved_at);
  /* The file's time, in whole seconds: not before the second this test began. */
  g_assert_cmpint (g_date_time_to_unix (first.saved_at), >=, g_date_time_to_unix (before));
  g_assert_true (second.done);
  g_assert_null (second.state);
  g_assert_null (second.saved_at);
  g_free (first.state);
  g_date_time_unref (first.saved_at);
}

/* Drafts written and removed off the main thread, in the order asked for: a later draft is never
 * overwritten by an earlier one, a removal never undone by a write asked for before it. The
 * first write is held on its thread until all five calls are made (they return at once), and
 * each is pending in the clinic until its result arrives, in order. */
static void
test_async_in_order (void)
{
  g_autoptr(VastusClinic) clinic = vastus_clinic_new ("postgresql:///clinic?host=/run/order");
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  const char *expected[] = { "A", "B", "-", "C", "D" };
  Heard heard = { .main_thread = g_thread_self (), .heard = g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *state = NULL;
  int start = -1;

  g_mutex_init (&heard.lock);
  g_cond_init (&heard.cond);
  g_array_append_val (order, start);
  vastus_local_draft_set_hook (heard_cb, &heard);
  vastus_local_draft_write_async (clinic, 9, 0, "A", done_cb, order);
  vastus_local_draft_write_async (clinic, 9, 0, "B", done_cb, order);
  vastus_local_draft_remove_async (clinic, 9, 0, done_cb, order);
  vastus_local_draft_write_async (clinic, 9, 0, "C", done_cb, order);
  vastus_local_draft_write_async (clinic, 9, 0, "D", done_cb, order);
  g_assert_cmpuint (vastus_clinic_get_n_pending (clinic), ==, 5);
  g_mutex_lock (&heard.lock);
  heard.open = TRUE;
  g_cond_broadcast (&heard.cond);
  g_mutex_unlock (&heard.lock);
  while (vastus_clinic_get_n_pending (clinic) > 0)
    g_main_context_iteration (NULL, TRUE);
  vastus_local_draft_set_hook (NULL, NULL);

  g_assert_false (heard.on_main);
  g_assert_cmpuint (heard.heard->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (heard.heard, i), ==, expected[i]);
  /* The results in the same order: -1 (the start), then 0 … 4. */
  g_assert_cmpuint (order->len, ==, 6);
  for (guint i = 1; i < order->len; i++)
    g_assert_cmpint (g_array_index (order, int, i), ==, (int) i - 1);
  /* The last one asked for is what is kept. */
  state = vastus_local_draft_read (clinic, 9, 0, NULL);
  g_assert_cmpstr (state, ==, "D");

  /* And a removal last leaves none. */
  vastus_local_draft_write_async (clinic, 9, 0, "E", NULL, NULL);
  vastus_local_draft_remove_async (clinic, 9, 0, NULL, NULL);
  while (vastus_clinic_get_n_pending (clinic) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (vastus_local_draft_read (clinic, 9, 0, NULL));

  g_ptr_array_unref (heard.heard);
  g_mutex_clear (&heard.lock);
  g_cond_clear (&heard.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *drafts = NULL;
  g_autofree char *vastus = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  home = g_dir_make_tmp ("vastus-local-draft-XXXXXX", NULL);
  /* Before anything asks GLib for the user's data folder. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_add_func ("/clinic/local-draft/write-read-remove", test_write_read_remove);
  g_test_add_func ("/clinic/local-draft/async-in-order", test_async_in_order);
  g_test_add_func ("/clinic/local-draft/read-async", test_read_async);
  status = g_test_run ();
  drafts = g_build_filename (home, "vastus", "drafts", NULL);
  vastus = g_build_filename (home, "vastus", NULL);
  g_rmdir (drafts);
  g_rmdir (vastus);
  g_rmdir (home);
  g_free (home);
  return status;
}
