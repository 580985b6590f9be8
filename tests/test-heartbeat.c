/* test-heartbeat.c: the heartbeat that measures how long the main loop was kept from answering
 * (vastus-heartbeat.h), which the journeys and the server tests read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "vastus-heartbeat.h"

static gboolean
block_cb (gpointer data)
{
  /* The main loop kept busy for 300 ms, as a blocking call would. */
  g_usleep (300 * 1000);
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static void
test_measures_a_stall (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vastus-heartbeat-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "stall.log", NULL);
  g_autofree char *text = NULL;
  gboolean blocked = FALSE;
  gint64 before_ms, after_ms, stall_ms = 0, at_ms = 0;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  /* Off without the variable. */
  g_unsetenv ("VASTUS_HEARTBEAT_LOG");
  g_assert_false (vastus_heartbeat_start_from_env ());
  g_assert_cmpuint (vastus_heartbeat_get_longest (), ==, 0);

  g_setenv ("VASTUS_HEARTBEAT_LOG", path, TRUE);
  g_assert_true (vastus_heartbeat_start_from_env ());
  run_for_ms (100);
  /* Emptied at the start. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  before_ms = g_get_monotonic_time () / 1000;
  g_idle_add (block_cb, &blocked);
  while (!blocked)
    g_main_context_iteration (NULL, TRUE);
  /* The beat after the block measures it. */
  run_for_ms (100);
  after_ms = g_get_monotonic_time () / 1000;
  /* The 300 ms block, less one 10 ms interval at most: 290 ms or more. A loaded machine only
   * adds to it. */
  g_assert_cmpuint (vastus_heartbeat_get_longest (), >=, 290);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* A line for the block, ended 290 ms or more after the idle's start (a loaded machine may
   * add lines of its own). */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_cmpint (sscanf (lines[i], "stall-ms %" G_GINT64_FORMAT " at-ms %" G_GINT64_FORMAT,
                               &stall_ms, &at_ms), ==, 2);
      g_assert_cmpint (stall_ms, >=, VASTUS_HEARTBEAT_REPORT_MS);
      if (stall_ms >= 290 && at_ms >= before_ms + 290 && at_ms <= after_ms)
        found = TRUE;
    }
  g_assert_true (found);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heartbeat/measures-a-stall", test_measures_a_stall);
  return g_test_run ();
}
