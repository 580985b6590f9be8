/* vastus-pg-listener.c: LISTEN on a connection of its own, watched by a GSource on its socket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the thread whose context it was given: connecting blocks (up to the connect timeout),
 * reading never does (the socket's source calls PQconsumeInput only when there is something to
 * read). The server's notices wake the source. A server that stopped answering (hung, or
 * stopped with SIGSTOP) closes nothing, so while connected the listener asks it something every
 * HEARTBEAT_MS; an answer that has not come within ANSWER_MS ends the connection as lost. The
 * question ends the visit leases of dead sessions too (HEARTBEAT_SQL), on a server that takes
 * writes: a read-only one (a hot standby, or a database set default_transaction_read_only) is
 * asked only whether it still is (READ_ONLY_SQL), and a clean-up that fails is tried again
 * after twice as many heartbeats each time (up to CLEANUP_EVERY_MAX), not every second: each
 * failure is a line in the server's log.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <glib-unix.h>
#include <libpq-fe.h>

#include "vastus-pg-conn.h"
#include "vastus-pg-database.h"
#include "vastus-pg-listener.h"

/* The first retry after a loss, and the longest wait between two. */
#define RETRY_FIRST_MS 250
#define RETRY_MAX_MS   4000
/* How often a connected listener asks the server whether it answers, and how long it waits. */
#define HEARTBEAT_MS   1000
#define ANSWER_MS      3000
/* The heartbeat's question, which also ends the visit leases of sessions that ended without
 * releasing them (an editor's connection that died, 017-visit-leases.sql: its lock went with
 * it): their rows go, and every workstation hears of it as a lease released, so that its
 * "being edited by" notice goes within a heartbeat. A row another transaction holds is left to
 * the next one; of two workstations, one deletes it and notifies. */
#define HEARTBEAT_SQL \
  "WITH ended AS (DELETE FROM visit_lease l WHERE (l.visit_id, l.session) IN " \
  "(SELECT d.visit_id, d.session FROM visit_lease d " \
  "WHERE NOT vastus_visit_lease_is_live (d.visit_id, d.session) FOR UPDATE SKIP LOCKED) " \
  "RETURNING l.visit_id) " \
  "SELECT vastus_visit_lease_notify (e.visit_id, 'delete') " \
  "FROM (SELECT DISTINCT visit_id FROM ended) e"
/* The heartbeat's question when there is no clean-up to do: whether the server takes writes
 * (on a standby, and in a database set so, every transaction is read-only). */
#define READ_ONLY_SQL "SELECT current_setting ('transaction_read_only')"
/* The most heartbeats between two clean-ups that failed. */
#define CLEANUP_EVERY_MAX 64

struct _VastusPgListen
{
  char               *uri;
  char               *channel;
  GMainContext       *context;
  VastusPgListenFunc  func;
  gpointer            user_data;
  PGconn             *pg;
  GSource            *socket_source;
  GSource            *retry_source;
  guint               retry_ms;
  GSource            *heartbeat_source;
  gint64              asked_at;  /* monotonic µs of the question not yet answered, or 0 */
  gboolean            asked_cleanup; /* that question is HEARTBEAT_SQL's clean-up */
  gboolean            read_only;     /* the server's last answer: it takes no writes */
  guint               cleanup_every; /* heartbeats from one clean-up to the next (1, doubled
                                      * after each failure) */
  guint               cleanup_in;    /* heartbeats until the next clean-up (0: this one) */
  VastusPgListenCounts counts;
};

static void connect_later (VastusPgListen *self);

/* The server's words about this session (its end, among them) reach the listener as a lost
 * connection; libpq would print them on stderr besides. */
static void
ignore_notice (void       *arg,
               const char *message)
{
}

static void
disconnect (VastusPgListen *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
  if (self->heartbeat_source != NULL)
    {
      g_source_destroy (self->heartbeat_source);
      g_clear_pointer (&self->heartbeat_source, g_source_unref);
    }
  self->asked_at = 0;
  g_clear_pointer (&self->pg, PQfinish);
}

static void
lost (VastusPgListen *self,
      const char     *reason)
{
  g_autofree char *why = g_strchomp (g_strdup (reason));

  disconnect (self);
  self->func (VASTUS_PG_LISTEN_LOST, why, 0, self->user_data);
  connect_later (self);
}

/* What the heartbeat's question answered: a clean-up that failed is tried again later, and
 * not at all while the server is read-only. */
static void
heartbeat_answered (VastusPgListen *self,
                    PGresult       *result)
{
  const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  gboolean failed = PQresultStatus (result) != PGRES_TUPLES_OK;

  if (!self->asked_cleanup)
    {
      if (!failed && PQntuples (result) == 1)
        self->read_only = g_str_equal (PQgetvalue (result, 0, 0), "on");
      return;
    }
  if (!failed)
    {
      self->cleanup_every = 1;
      return;
    }
  self->counts.n_cleanups_failed++;
  self->read_only = _vastus_pg_is_read_only_state (sqlstate);
  self->cleanup_every = MIN (self->cleanup_every * 2, CLEANUP_EVERY_MAX);
  self->cleanup_in = self->cleanup_every - 1;
  g_debug ("The visit leases of ended sessions were not cleaned up (%s): again in %u "
           "heartbeats", PQresultErrorMessage (result), self->cleanup_every);
}

static gboolean
socket_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  VastusPgListen *self = user_data;
  PGnotify *notify;

  if (!PQconsumeInput (self->pg) || PQstatus (self->pg) != CONNECTION_OK)
    {
      lost (self, PQerrorMessage (self->pg));
      return G_SOURCE_REMOVE;
    }
  /* The heartbeat's answer: every result read, the question is answered. */
  while (self->asked_at != 0 && !PQisBusy (self->pg))
    {
      PGresult *result = PQgetResult (self->pg);

      if (result == NULL)
        {
          self->asked_at = 0;
          self->counts.n_heartbeats++;
        }
      else
        heartbeat_answered (self, result);
      PQclear (result);
    }
  while ((notify = PQnotifies (self->pg)) != NULL)
    {
      if (g_str_equal (notify->relname, self->channel))
        self->func (VASTUS_PG_LISTEN_NOTICE, notify->extra, notify->be_pid, self->user_data);
      PQfreemem (notify);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  VastusPgListen *self = user_data;

  if (self->asked_at != 0)
    {
      if (g_get_monotonic_time () - self->asked_at < ANSWER_MS * G_GINT64_CONSTANT (1000))
        return G_SOURCE_CONTINUE;
      /* The source is destroyed with the connection. */
      lost (self, "the server did not answer within 3 s");
      return G_SOURCE_CONTINUE;
    }
  /* The clean-up when it is due and the server takes writes; else only whether it does. */
  self->asked_cleanup = !self->read_only && self->cleanup_in == 0;
  if (!self->read_only && self->cleanup_in > 0)
    self->cleanup_in--;
  if (!PQsendQuery (self->pg, self->asked_cleanup ? HEARTBEAT_SQL : READ_ONLY_SQL))
    {
      lost (self, PQerrorMessage (self->pg));
      return G_SOURCE_CONTINUE;
    }
  self->counts.n_cleanups += self->asked_cleanup ? 1 : 0;
  self->asked_at = g_get_monotonic_time ();
  return G_SOURCE_CONTINUE;
}

static gboolean
connect_cb (gpointer user_data)
{
  VastusPgListen *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  PGresult *result;

  g_clear_pointer (&self->retry_source, g_source_unref);
  self->pg = _vastus_pg_connect (self->uri, &error);
  if (self->pg == NULL)
    {
      self->func (VASTUS_PG_LISTEN_LOST, error->message, 0, self->user_data);
      connect_later (self);
      return G_SOURCE_REMOVE;
    }
  PQsetNoticeProcessor (self->pg, ignore_notice, NULL);
  /* Whether the server takes writes (asked first: the LISTEN is the session's last statement
   * until the first heartbeat, as pg_stat_activity shows it). */
  result = _vastus_pg_exec (self->pg, READ_ONLY_SQL, NULL);
  self->read_only = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1
                    && g_str_equal (PQgetvalue (result, 0, 0), "on");
  PQclear (result);
  sql = g_strdup_printf ("LISTEN %s", self->channel);
  result = _vastus_pg_exec (self->pg, sql, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *reason = g_strdup (result != NULL ? PQresultErrorMessage (result)
                                                         : PQerrorMessage (self->pg));

      PQclear (result);
      lost (self, reason);
      return G_SOURCE_REMOVE;
    }
  PQclear (result);
  self->cleanup_every = 1;
  self->cleanup_in = 0;
  self->retry_ms = 0;
  self->socket_source = g_unix_fd_source_new (PQsocket (self->pg), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->socket_source, G_SOURCE_FUNC (socket_ready_cb), self, NULL);
  g_source_attach (self->socket_source, self->context);
  self->heartbeat_source = g_timeout_source_new (HEARTBEAT_MS);
  g_source_set_callback (self->heartbeat_source, heartbeat_cb, self, NULL);
  g_source_attach (self->heartbeat_source, self->context);
  self->func (VASTUS_PG_LISTEN_CONNECTED, NULL, PQbackendPID (self->pg), self->user_data);
  return G_SOURCE_REMOVE;
}

static void
connect_later (VastusPgListen *self)
{
  self->retry_ms = self->retry_ms == 0 ? RETRY_FIRST_MS : MIN (self->retry_ms * 2, RETRY_MAX_MS);
  self->retry_source = g_timeout_source_new (self->retry_ms);
  g_source_set_callback (self->retry_source, connect_cb, self, NULL);
  g_source_attach (self->retry_source, self->context);
}

VastusPgListen *
_vastus_pg_listen_new (const char         *uri,
                       const char         *channel,
                       GMainContext       *context,
                       VastusPgListenFunc  func,
                       gpointer            user_data)
{
  VastusPgListen *self = g_new0 (VastusPgListen, 1);

  self->uri = g_strdup (uri);
  self->channel = g_strdup (channel);
  self->context = g_main_context_ref (context);
  self->func = func;
  self->user_data = user_data;
  self->retry_source = g_idle_source_new ();
  g_source_set_callback (self->retry_source, connect_cb, self, NULL);
  g_source_attach (self->retry_source, self->context);
  return self;
}

void
_vastus_pg_listen_free (VastusPgListen *self)
{
  if (self == NULL)
    return;
  disconnect (self);
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  g_main_context_unref (self->context);
  g_free (self->channel);
  g_free (self->uri);
  g_free (self);
}

void
_vastus_pg_listen_get_counts (VastusPgListen       *self,
                              VastusPgListenCounts *counts)
{
  *counts = self->counts;
}

int
_vastus_pg_conn_session (VastusConn *conn)
{
  return PQbackendPID (_vastus_pg_conn_get_handle (conn));
}
