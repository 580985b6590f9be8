/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-sqlite-private.h"

/* The guard (vastus-database.h): one thread at a time, counted. */
static GMutex   guard_lock;
static GThread *guarded_thread;
static guint    guard_depth;

gboolean
_vastus_database_guard_requested (void)
{
  static gsize once;
  static gboolean requested;

  if (g_once_init_enter (&once))
    {
      requested = g_strcmp0 (g_getenv ("VASTUS_MAIN_THREAD_SQL"), "abort") == 0;
      g_once_init_leave (&once, 1);
    }
  return requested;
}

/* SQLITE_TRACE_STMT: called as a statement starts to run, with its text. */
static int
trace_cb (unsigned int  type,
          void         *context,
          void         *statement,
          void         *text)
{
  if (type == SQLITE_TRACE_STMT && g_atomic_pointer_get (&guarded_thread) == g_thread_self ())
    g_error ("SQL on the main thread (VASTUS_MAIN_THREAD_SQL=abort): %s",
             sqlite3_sql (statement) != NULL ? sqlite3_sql (statement) : (const char *) text);
  return 0;
}

void
_vastus_database_watch (sqlite3 *db)
{
  if (_vastus_database_guard_requested ())
    sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, NULL);
}

void
vastus_database_guard_begin (void)
{
  g_mutex_lock (&guard_lock);
  if (guard_depth > 0 && guarded_thread != g_thread_self ())
    g_critical ("vastus_database_guard_begin: another thread is guarded already");
  else if (guard_depth++ == 0)
    g_atomic_pointer_set (&guarded_thread, g_thread_self ());
  g_mutex_unlock (&guard_lock);
}

void
vastus_database_guard_end (void)
{
  vastus_database_guard_end_for (g_thread_self ());
}

/* The end of @thread's guard, from any thread: an object that guarded its thread may go on
 * another (its last reference dropped by a worker). */
void
vastus_database_guard_end_for (GThread *thread)
{
  g_mutex_lock (&guard_lock);
  if (guard_depth == 0 || guarded_thread != thread)
    g_critical ("vastus_database_guard_end: this thread is not guarded");
  else if (--guard_depth == 0)
    g_atomic_pointer_set (&guarded_thread, NULL);
  g_mutex_unlock (&guard_lock);
}

GThread *
vastus_database_get_guarded_thread (void)
{
  return g_atomic_pointer_get (&guarded_thread);
}
