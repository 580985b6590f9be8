/* vastus-pg-pipeline.c: statements sent without waiting for their answers (libpq's pipeline
 * mode), read together with the next statement that needs its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a server every statement is a round trip, and on a busy machine each costs a few
 * milliseconds of waiting for the server's process to be scheduled. Inside a transaction, most
 * statements' answers are only "it worked": BEGIN and the writers' lock, SAVEPOINT, RELEASE, and
 * the inserts a store queues (a visit's measurements). Those are sent at once and their
 * answers read with the next statement that needs its own (an INSERT … RETURNING id, a SELECT,
 * COMMIT), or by the store's flush: a visit of ten measurements is three round trips, not
 * fourteen.
 *
 * What is sent runs as it would one by one: in order, in the same transaction, and nothing runs
 * after the first failure (the server skips every statement up to the sync, and the
 * transaction is failed). The first failure is the one reported, by whoever reads it; a ROLLBACK
 * is sent after a sync of its own, so that it runs even then. Answers are waited for with the
 * deadline for the server's silence (vastus-pg-wait.c); a connection lost on the way is lost
 * inside the transaction, as it would be one statement at a time.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-pg-conn-private.h"

/* One statement sent and not read yet. */
typedef struct
{
  gint64 *id;        /* where the id it inserted goes, or NULL */
  PgStmt *keep;      /* the statement that keeps its result (the one that waits), or NULL */
  guint   position;  /* among what stores queued, or G_MAXUINT */
} Queued;

GArray *
_vastus_pg_pipeline_queue_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (Queued));
}

gboolean
_vastus_pg_pipeline_pending (PgConn *self)
{
  return self->queue->len > 0;
}

/* Pipeline mode on (the first statement queued: counting starts again). */
static int
enter (PgConn *self)
{
  if (_vastus_pg_pipeline_pending (self))
    return VASTUS_DONE;
  if (PQpipelineStatus (self->pg) == PQ_PIPELINE_OFF && !PQenterPipelineMode (self->pg))
    return _vastus_pg_keep_error (self, NULL);
  self->n_store_queued = 0;
  self->n_syncs = 0;
  return VASTUS_DONE;
}

static void
append (PgConn *self,
        gint64 *id,
        PgStmt *keep,
        gboolean store)
{
  Queued queued = { id, keep, store ? self->n_store_queued++ : G_MAXUINT };

  g_array_append_val (self->queue, queued);
}

/* Sending failed (the connection is gone): what was sent is read (and fails), its rc. */
static int
send_failed (PgConn *self)
{
  int rc = _vastus_pg_pipeline_read (self, NULL, NULL);

  return rc != VASTUS_DONE ? rc : _vastus_pg_keep_error (self, NULL);
}

static gboolean
send_prepared (PgConn *self,
               PgStmt *stmt)
{
  return PQsendQueryPrepared (self->pg, stmt->name, stmt->n_params,
                              (const char * const *) stmt->values, NULL, NULL, 0);
}

int
_vastus_pg_pipeline_send (PgConn   *self,
                          PgStmt   *stmt,
                          gint64   *id,
                          gboolean  store)
{
  int rc;

  /* The first statement of a pipeline: a connection the server dropped while idle is made
   * again first, as before any statement; then the statement is prepared there if needed
   * (which waits, and so comes before pipeline mode). */
  if (!_vastus_pg_pipeline_pending (self) && !_vastus_pg_before_send (self, stmt->rollback))
    return PG_RC_LOST;
  if ((rc = _vastus_pg_ensure_prepared (self, stmt)) != VASTUS_DONE
      || (rc = enter (self)) != VASTUS_DONE)
    return rc;
  if (!send_prepared (self, stmt))
    return send_failed (self);
  append (self, id, NULL, store);
  return VASTUS_DONE;
}

int
_vastus_pg_pipeline_send_lock (PgConn *self)
{
  int rc = enter (self);

  if (rc != VASTUS_DONE)
    return rc;
  if (!PQsendQueryParams (self->pg, PG_LOCK_WRITERS, 0, NULL, NULL, NULL, NULL, 0))
    return send_failed (self);
  append (self, NULL, NULL, FALSE);
  return VASTUS_DONE;
}

/* The answer @result (OK) to @queued: its id, and the count of rows it changed. */
static void
take_answer (PgConn   *self,
             Queued   *queued,
             PGresult *result)
{
  int column;

  _vastus_pg_count_changes (self, result);
  if (queued->id != NULL && PQntuples (result) > 0 && (column = PQfnumber (result, "id")) >= 0)
    self->last_insert_id = *queued->id = g_ascii_strtoll (PQgetvalue (result, 0, column),
                                                          NULL, 10);
}

int
_vastus_pg_pipeline_read (PgConn *self,
                          PgStmt *stmt,
                          guint  *failed)
{
  int rc = VASTUS_DONE;
  guint next = 0, idle = 0;
  gboolean answered = FALSE;

  if (failed != NULL)
    *failed = G_MAXUINT;
  if (stmt != NULL)
    {
      /* A rollback runs in a segment of its own: after a failure, the server skips what
       * follows it only up to the sync. */
      if (stmt->rollback_to && PQpipelineSync (self->pg))
        self->n_syncs++;
      if (send_prepared (self, stmt))
        append (self, NULL, stmt, FALSE);
    }
  if (PQpipelineSync (self->pg))
    self->n_syncs++;
  /* Everything sent ran inside a transaction (they are queued only there, or begin one). */
  self->sending_in_transaction = TRUE;

  while (next < self->queue->len || self->n_syncs > 0)
    {
      PGresult *result = _vastus_pg_pipeline_result (self->pg, &self->timed_out);
      Queued *queued = next < self->queue->len ? &g_array_index (self->queue, Queued, next)
                                               : NULL;

      if (result == NULL)
        {
          if (PQstatus (self->pg) == CONNECTION_BAD)
            {
              if (rc == VASTUS_DONE || (queued != NULL && queued->keep != NULL))
                {
                  rc = _vastus_pg_keep_error (self, NULL);
                  if (failed != NULL && queued != NULL)
                    *failed = queued->position;
                }
              break;
            }
          /* The end of one statement's answers; a NULL with none before it ends nothing,
           * and a few in a row mean nothing more is coming. */
          if (answered)
            next++;
          else if (++idle > 2)
            break;
          answered = FALSE;
          continue;
        }
      idle = 0;
      switch (PQresultStatus (result))
        {
        case PGRES_PIPELINE_SYNC:
          self->n_syncs--;
          PQclear (result);
          continue;
        case PGRES_PIPELINE_ABORTED:
          break;
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
          if (queued == NULL)
            break;
          if (queued->keep != NULL)
            {
              /* The statement that waited: its own answer counts (a rollback's, whatever
               * failed before it). */
              g_clear_pointer (&queued->keep->result, PQclear);
              queued->keep->result = g_steal_pointer (&result);
              if (queued->keep->rollback_to)
                rc = VASTUS_DONE;
            }
          else
            take_answer (self, queued, result);
          break;
        default:
          if (rc == VASTUS_DONE || (queued != NULL && queued->keep != NULL
                                    && queued->keep->rollback_to))
            {
              rc = _vastus_pg_keep_error (self, result);
              if (failed != NULL && queued != NULL)
                *failed = queued->position;
            }
          break;
        }
      answered = queued != NULL;
      g_clear_pointer (&result, PQclear);
    }

  if (PQstatus (self->pg) == CONNECTION_BAD)
    {
      PGresult *result;

      while ((result = PQgetResult (self->pg)) != NULL)
        PQclear (result);
    }
  /* A ROLLBACK ends a transaction lost with its connection, even when it was lost itself. */
  if (stmt != NULL && stmt->rollback)
    self->lost_in_transaction = FALSE;
  if (rc == VASTUS_DONE && stmt != NULL && stmt->result == NULL)
    rc = _vastus_pg_keep_error (self, NULL);
  if (rc != VASTUS_DONE && stmt != NULL)
    g_clear_pointer (&stmt->result, PQclear);
  g_array_set_size (self->queue, 0);
  self->n_syncs = 0;
  self->n_store_queued = 0;
  PQexitPipelineMode (self->pg);
  return rc;
}
