/* test-local-draft.c: a visit's draft kept on this computer while the clinic server cannot be
 * reached (vastus-local-draft.h): written, read back as given, private to the user, one per
 * database and visit, removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vastus-local-draft.h"

static void
test_write_read_remove (void)
{
  g_autofree char *home = g_dir_make_tmp ("vastus-local-draft-XXXXXX", NULL);
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

  /* Set before anything asks GLib for the user's data folder (it keeps the first answer). */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
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
  g_rmdir (dir);
  g_free (dir);
  dir = g_build_filename (home, "vastus", NULL);
  g_rmdir (dir);
  g_rmdir (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinic/local-draft/write-read-remove", test_write_read_remove);
  return g_test_run ();
}
