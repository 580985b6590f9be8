/* vastus-pg-wait.c: a statement's round trip to the server, with a deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq's PQexec waits for the server's answer for as long as it takes: forever when the server
 * is hung (stopped with SIGSTOP, or a host that no longer answers on a socket that stays open;
 * TCP keepalives notice a dead host, never a live socket whose process is stopped, and a Unix
 * socket has none). Here a statement is sent, then its socket is waited on with the time left
 * (the deadline is for silence: what arrives starts it again); when the deadline passes, the
 * connection is given up: its socket is shut down, libpq finds
 * the end at once, and the statement fails as a lost connection (the next one connects again,
 * vastus-pg-conn.c). What was sent may have run on the server or not: a write inside a
 * transaction is rolled back there when its session ends. Once the application quits
 * (vastus_database_servers_quitting), 2 s of silence is given up, and connecting waits 2 s.
 * A wait sleeps until its socket has something, its deadline, or the application begins
 * quitting: it polls the socket together with an eventfd that quitting makes readable (and that
 * stays so while quitting), so that a wait begun before is woken at once, not looked at again
 * after a while.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include "vastus-pg-conn.h"

/* Seconds a statement waits for the server's answer, unless VASTUS_SERVER_DEADLINE_MS says
 * otherwise. Generous: the slowest statement of a large clinic (a backup's read of a table, a
 * restore's load) must finish well within it on a server that answers. */
#define DEADLINE_DEFAULT_MS 30000
/* Once the application is quitting (vastus_database_servers_quitting): the server's silence it
 * waits out, and how long it waits to connect. A hung server keeps nobody. */
#define QUITTING_SILENCE_MS 2000
/* A stream's pause before it waits for more rows (_vastus_pg_copy_data): a few of the server's
 * sends at memory speed, well within a socket's buffer, and nothing beside a round trip. */
#define STREAM_LINGER_US 300

static gint quitting;
/* How many times the waits' poll () returned (for the tests: _vastus_pg_wait_n_polls). */
static gint n_polls;

/* The quitting's wake-up: readable from when the application begins quitting until it no
 * longer is (eventfd's counter is above 0 meanwhile). Made once; -1 when the system has none,
 * and then a wait looks at quitting every QUITTING_CHECK_MS instead. */
#define QUITTING_CHECK_MS 100

static int
quitting_fd (void)
{
  static gsize made;
  static int fd = -1;

  if (g_once_init_enter (&made))
    {
      fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
      if (fd < 0)
        g_warning ("No wake-up for the waits on a clinic server (%s): they look whether the "
                   "application quits every %d ms", g_strerror (errno), QUITTING_CHECK_MS);
      g_once_init_leave (&made, 1);
    }
  return fd;
}

void
vastus_database_servers_quitting (gboolean now_quitting)
{
  int fd = quitting_fd ();
  eventfd_t value;

  /* The flag first: a wait the wake-up wakes finds it set. */
  g_atomic_int_set (&quitting, now_quitting);
  if (fd < 0)
    return;
  if (now_quitting)
    eventfd_write (fd, 1);
  else
    eventfd_read (fd, &value); /* back to 0 (EAGAIN when it was) */
}

guint
_vastus_pg_wait_n_polls (void)
{
  return (guint) g_atomic_int_get (&n_polls);
}

gboolean
_vastus_pg_quitting (void)
{
  return g_atomic_int_get (&quitting);
}

guint
_vastus_pg_deadline_ms (void)
{
  const char *text = g_getenv ("VASTUS_SERVER_DEADLINE_MS");
  guint64 ms;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 100, G_MAXINT, &ms, NULL))
    return (guint) ms;
  return DEADLINE_DEFAULT_MS;
}

/* Waits until @pg's socket has something to read or @deadline (monotonic µs) passes; FALSE
 * then. Once quitting, the silence it waits out is QUITTING_SILENCE_MS at most, also for a
 * wait that began before: the quitting's wake-up ends its sleep. */
static gboolean
wait_readable (PGconn *pg,
               gint64  deadline)
{
  gint64 silence_began = deadline - (gint64) _vastus_pg_deadline_ms () * 1000;

  for (;;)
    {
      gboolean now_quitting = _vastus_pg_quitting ();
      /* While quitting the wake-up stays readable: the socket alone then. */
      struct pollfd fds[2] = { { .fd = PQsocket (pg), .events = POLLIN },
                               { .fd = now_quitting ? -1 : quitting_fd (), .events = POLLIN } };
      gint64 until = now_quitting
                     ? MIN (deadline, silence_began + QUITTING_SILENCE_MS * 1000) : deadline;
      gint64 left_ms = (until - g_get_monotonic_time () + 999) / 1000;
      int n;

      if (left_ms <= 0)
        return FALSE;
      if (fds[1].fd < 0 && !now_quitting)
        left_ms = MIN (left_ms, QUITTING_CHECK_MS);
      n = poll (fds, 2, (int) MIN (left_ms, G_MAXINT));
      g_atomic_int_inc (&n_polls);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || fds[0].revents != 0)
        return TRUE; /* PQconsumeInput reads it, or says what is wrong with the socket */
      /* Nothing on the socket: the time is up (looked at above), or the application began
       * quitting and the time left is looked at again. */
    }
}

/* Every result of what was just sent, as PQexec returns them: the last one, or the first that
 * failed. NULL when the deadline passed (*@timed_out is then set TRUE) or the connection failed
 * before any result came (PQerrorMessage says why). The deadline is for the server's silence:
 * each part of the answer that arrives gives it the whole time again, so that a long answer
 * that keeps coming (a backup's read of a large table) is not cut off. */
static PGresult *
wait_results (PGconn   *pg,
              gboolean *timed_out)
{
  gint64 silence_us = (gint64) _vastus_pg_deadline_ms () * 1000;
  gint64 deadline = g_get_monotonic_time () + silence_us;
  PGresult *kept = NULL;
  gboolean late = FALSE;

  for (;;)
    {
      PGresult *result;

      while (!late && PQisBusy (pg))
        {
          if (!wait_readable (pg, deadline))
            {
              /* Given up: reading finds the end now, and libpq marks the connection bad. */
              g_debug ("the server did not answer within %u ms: giving up the connection",
                       _vastus_pg_deadline_ms ());
              late = TRUE;
              shutdown (PQsocket (pg), SHUT_RDWR);
            }
          if (!PQconsumeInput (pg))
            break;
          if (!late)
            deadline = g_get_monotonic_time () + silence_us;
        }
      result = PQgetResult (pg);
      if (result == NULL)
        break;
      if (kept == NULL || PQresultStatus (kept) == PGRES_COMMAND_OK
          || PQresultStatus (kept) == PGRES_TUPLES_OK)
        {
          PQclear (kept);
          kept = result;
        }
      else
        PQclear (result);
      if (PQstatus (pg) == CONNECTION_BAD)
        {
          /* Nothing more will come; what libpq queued is dropped with the connection. */
          while ((result = PQgetResult (pg)) != NULL)
            PQclear (result);
          break;
        }
    }
  if (late)
    g_clear_pointer (&kept, PQclear);
  if (late && timed_out != NULL)
    *timed_out = TRUE;
  return kept;
}

/* Waits for more of the answer, with the deadline for the server's silence from now, and reads
 * it: FALSE when the deadline passed (the connection is given up, *@timed_out set TRUE) or
 * reading failed (PQstatus says so). */
static gboolean
wait_input (PGconn   *pg,
            gboolean *timed_out)
{
  if (!wait_readable (pg, g_get_monotonic_time () + (gint64) _vastus_pg_deadline_ms () * 1000))
    {
      g_debug ("the server did not answer within %u ms: giving up the connection",
               _vastus_pg_deadline_ms ());
      shutdown (PQsocket (pg), SHUT_RDWR);
      PQconsumeInput (pg);
      if (timed_out != NULL)
        *timed_out = TRUE;
      return FALSE;
    }
  return PQconsumeInput (pg);
}

PGresult *
_vastus_pg_pipeline_result (PGconn   *pg,
                            gboolean *timed_out)
{
  while (PQisBusy (pg))
    if (!wait_input (pg, timed_out))
      return NULL;
  return PQgetResult (pg);
}

/* Whether @pg's socket has something to read now (or something to say about itself). */
static gboolean
readable_now (PGconn *pg)
{
  struct pollfd fd = { .fd = PQsocket (pg), .events = POLLIN };
  int n;

  while ((n = poll (&fd, 1, 0)) < 0 && errno == EINTR)
    ;
  return n != 0;
}

int
_vastus_pg_copy_data (PGconn    *pg,
                      char     **buffer,
                      gboolean  *timed_out)
{
  for (;;)
    {
      /* A whole row already read is handed over without waiting. */
      int n = PQgetCopyData (pg, buffer, TRUE);

      if (n != 0)
        return n;
      /* What has come is read without sleeping. */
      if (readable_now (pg))
        {
          if (!PQconsumeInput (pg))
            return -2;
          continue;
        }
      /* Caught up with the server, which sends 8 KiB at a time: waking for each would cost
       * both processes a switch each time (13,800 for the caseload's million measurements). A
       * moment's pause first lets several come, read at one wake-up (1,000 then); the rows
       * keep coming meanwhile, into the socket's buffer, and the wait's deadline starts
       * after it. */
      g_usleep (STREAM_LINGER_US);
      if (!wait_input (pg, timed_out))
        return -2;
    }
}

/* What a PQsend… call started (@sent), waited for. */
static PGresult *
sent_and_waited (PGconn   *pg,
                 int       sent,
                 gboolean *timed_out)
{
  return sent ? wait_results (pg, timed_out) : NULL;
}

PGresult *
_vastus_pg_exec (PGconn     *pg,
                 const char *sql,
                 gboolean   *timed_out)
{
  return sent_and_waited (pg, PQsendQuery (pg, sql), timed_out);
}

PGresult *
_vastus_pg_exec_prepared (PGconn            *pg,
                          const char        *name,
                          int                n_params,
                          const char *const *values,
                          gboolean          *timed_out)
{
  return sent_and_waited (pg, PQsendQueryPrepared (pg, name, n_params, values, NULL, NULL, 0),
                          timed_out);
}

PGresult *
_vastus_pg_prepare (PGconn     *pg,
                    const char *name,
                    const char *text,
                    int         n_types,
                    const Oid  *types,
                    gboolean   *timed_out)
{
  return sent_and_waited (pg, PQsendPrepare (pg, name, text, n_types, types), timed_out);
}

PGresult *
_vastus_pg_describe_prepared (PGconn     *pg,
                              const char *name,
                              gboolean   *timed_out)
{
  return sent_and_waited (pg, PQsendDescribePrepared (pg, name), timed_out);
}
