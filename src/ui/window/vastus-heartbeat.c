/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-heartbeat"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "vastus-heartbeat.h"

static char   *log_path;
static gint64  last_beat;
static guint   longest_ms;

static void
log_stall (gint64 stall_ms,
           gint64 now)
{
  FILE *f = g_fopen (log_path, "a");

  if (f == NULL)
    {
      g_message ("Heartbeat: cannot write %s: %s", log_path, g_strerror (errno));
      return;
    }
  fprintf (f, "stall-ms %" G_GINT64_FORMAT " at-ms %" G_GINT64_FORMAT "\n", stall_ms, now / 1000);
  fclose (f);
}

static gboolean
beat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 stall_ms = (now - last_beat) / 1000 - VASTUS_HEARTBEAT_INTERVAL_MS;

  last_beat = now;
  if (stall_ms > (gint64) longest_ms)
    longest_ms = (guint) stall_ms;
  if (stall_ms >= VASTUS_HEARTBEAT_REPORT_MS)
    log_stall (stall_ms, now);
  return G_SOURCE_CONTINUE;
}

gboolean
vastus_heartbeat_start_from_env (void)
{
  const char *path = g_getenv ("VASTUS_HEARTBEAT_LOG");
  g_autoptr(GError) error = NULL;

  if (log_path != NULL)
    return TRUE;
  if (path == NULL || path[0] == '\0')
    return FALSE;
  if (!g_file_set_contents (path, "", 0, &error))
    {
      g_message ("Heartbeat: %s", error->message);
      return FALSE;
    }
  log_path = g_strdup (path);
  last_beat = g_get_monotonic_time ();
  g_timeout_add (VASTUS_HEARTBEAT_INTERVAL_MS, beat_cb, NULL);
  return TRUE;
}

guint
vastus_heartbeat_get_longest (void)
{
  return longest_ms;
}
