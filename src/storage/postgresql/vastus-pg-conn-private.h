/* vastus-pg-conn-private.h: what the PostgreSQL engine's files share (vastus-pg-conn.c, the
 * connection and its statements; vastus-pg-pipeline.c, statements sent without waiting)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conn-engine.h"
#include "vastus-pg-conn.h"

G_BEGIN_DECLS

/* What a call returns besides VASTUS_ROW and VASTUS_DONE: the server refused (the SQLSTATE and
 * message are the connection's), or there is no server to ask. */
#define PG_RC_ERROR 1
#define PG_RC_LOST  2

/* A write transaction, and the lock every one takes first (sent right after it); a writer that
 * waits longer than SQLite's busy timeout for it, or for any lock after it, fails BUSY (55P03). */
#define PG_BEGIN_WRITE  "BEGIN ISOLATION LEVEL READ COMMITTED"
/* A read transaction: one snapshot, as SQLite's. */
#define PG_BEGIN_READ   "BEGIN ISOLATION LEVEL REPEATABLE READ"
#define PG_LOCK_WRITERS "SELECT set_config ('lock_timeout', '5s', true), " \
                        "pg_advisory_xact_lock (hashtext ('vastus writer'))"

typedef struct
{
  VastusConn parent;
  PGconn    *pg;
  guint      next_name;
  guint      session;      /* how many times the connection was made again */
  GPtrArray *session_sql;  /* the session's settings, set again on a new connection */
  gboolean   sending_in_transaction; /* the statement being sent runs inside a transaction */
  gboolean   lost_in_transaction;    /* the connection was lost there: no reconnecting until
                                      * its ROLLBACK */
  gboolean   ended_by_server;        /* the server's last words came (a FATAL message while
                                      * idle): the session is over, its socket's end may follow */
  gboolean   timed_out;              /* the last statement's answer did not come in time */
  gboolean   clinician;              /* the login is in vastus_clinician (a refusal's words) */
  gint64     changes;
  gint64     last_insert_id;
  /* The last error: its SQLSTATE (NULL when the connection was lost), words, constraint,
   * table and detail. */
  char      *sqlstate;
  char      *message;
  char      *constraint;
  char      *table;
  char      *detail;
  /* Statements sent in pipeline mode whose answers are not read yet (vastus-pg-pipeline.c),
   * in the order sent; how many a store queued since the last flush; the syncs sent. */
  GArray    *queue;
  guint      n_store_queued;
  guint      n_syncs;
  /* The statement whose rows the connection is streaming (vastus-pg-stream.c), or NULL. */
  struct _PgStmt *streaming;
} PgConn;

typedef struct _PgStream PgStream;

typedef struct _PgStmt
{
  VastusStmt parent;
  char      *name;
  const char *sql;         /* the store's text, for the main-thread guard's message */
  char      *text;         /* as prepared (the dialect's), to prepare it again */
  guint      session;      /* the connection's session it was prepared in */
  int        n_params;
  char     **values;       /* n_params texts, NULL for SQL NULL */
  PGresult  *result;       /* after the first step */
  int        row;          /* the current row of result */
  gboolean   returning_id; /* the dialect added RETURNING id: a row the store never sees */
  gboolean   commit;       /* COMMIT, which ends a failed transaction with a ROLLBACK */
  gboolean   rollback;     /* ROLLBACK, which ends a transaction lost with its connection */
  gboolean   rollback_to;  /* ROLLBACK or ROLLBACK TO: runs even after a queued failure */
  gboolean   begin_write;  /* PG_BEGIN_WRITE, after which the writers' lock is taken */
  gboolean   deferred;     /* BEGIN, SAVEPOINT or RELEASE: sent without waiting */
  int        n_columns;    /* as described when prepared */
  Oid       *types;        /* each column's type, as described */
  PgStream  *stream;       /* its rows streamed (vastus-pg-stream.c), or NULL */
} PgStmt;

#define PG(conn) (((PgConn *) (conn))->pg)
#define SELF(stmt) ((PgStmt *) (stmt))
#define CONN(stmt) ((PgConn *) (stmt)->conn)

/* vastus-pg-error.c: the last error kept on the connection, and the engine's error hooks. */
void        _vastus_pg_clear_error          (PgConn      *self);
int         _vastus_pg_keep_error           (PgConn      *self,
                                             PGresult    *result);
const char *_vastus_pg_error_message        (VastusConn  *conn,
                                             int          rc);
int         _vastus_pg_error_code           (VastusConn  *conn,
                                             int          rc);
gboolean    _vastus_pg_is_unique_violation  (VastusConn  *conn,
                                             int          rc,
                                             const char  *table,
                                             const char  *column);
void        _vastus_pg_set_error            (VastusConn  *conn,
                                             GError     **error,
                                             int          rc,
                                             const char  *what);

/* vastus-pg-conn.c */
gboolean  _vastus_pg_before_send        (PgConn   *self,
                                         gboolean  rollback);
/* Prepares @stmt again on a connection made again since (after reading what was queued);
 * VASTUS_DONE or the error's rc. */
int       _vastus_pg_ensure_prepared    (PgConn   *self,
                                         PgStmt   *stmt);
void      _vastus_pg_count_changes      (PgConn   *self,
                                         PGresult *result);

/* A column's text as a number, as the text results read it (vastus-pg-conn.c). */
double    _vastus_pg_text_double        (const char *text);
gint64    _vastus_pg_text_int64         (const char *text);

/* vastus-pg-stream.c: a statement's rows read as COPY (…) TO STDOUT (FORMAT binary) sends them,
 * one a step. _vastus_pg_stream_new: @stmt (prepared and described, no parameters) streamed,
 * when every column's type is one it reads (FALSE: it runs as any other). */
gboolean    _vastus_pg_stream_new            (PgStmt     *stmt);
void        _vastus_pg_stream_free           (PgStmt     *stmt);
/* Reads the rest of its rows, and drops them. */
void        _vastus_pg_stream_reset          (PgStmt     *stmt);
int         _vastus_pg_stream_step           (PgStmt     *stmt);
/* Before anything else is sent on @self: the rest of the rows of the statement streaming there
 * are read into memory, where its steps find them. */
void        _vastus_pg_stream_set_aside      (PgConn     *self);
gboolean    _vastus_pg_stream_is_null        (PgStmt     *stmt,
                                              int         column);
gint64      _vastus_pg_stream_int64          (PgStmt     *stmt,
                                              int         column);
double      _vastus_pg_stream_double         (PgStmt     *stmt,
                                              int         column);
const char *_vastus_pg_stream_text           (PgStmt     *stmt,
                                              int         column);

/* vastus-pg-pipeline.c. Inside a transaction, statements whose answer is only success (BEGIN,
 * the writers' lock, SAVEPOINT, RELEASE, a store's queued inserts) are sent in pipeline mode
 * and their answers read together with the next statement that needs its own, in one round
 * trip. The first error among them is that statement's (nothing after a failed one runs: the
 * server skips to the sync, and the transaction is failed). */
GArray   *_vastus_pg_pipeline_queue_new (void);
gboolean  _vastus_pg_pipeline_pending   (PgConn   *self);
/* Sends @stmt (bound) without waiting; *@id, when not NULL, gets the id it inserts once its
 * answer is read; @store: queued by a store (counted for _vastus_pg_pipeline_read's @failed).
 * VASTUS_DONE, or the rc of what went wrong sending it (the queue is read then). */
int       _vastus_pg_pipeline_send      (PgConn   *self,
                                         PgStmt   *stmt,
                                         gint64   *id,
                                         gboolean  store);
/* Sends the writers' lock (after a BEGIN) without waiting. */
int       _vastus_pg_pipeline_send_lock (PgConn   *self);
/* Sends @stmt (may be NULL: nothing more) and reads every answer queued before it, and its
 * own into @stmt->result. VASTUS_DONE, or the first error (its rc; *@failed, when not NULL,
 * its place among what stores queued, G_MAXUINT for another statement). A ROLLBACK runs even
 * after an error of what was queued before it: its own answer is what counts. Pipeline mode
 * is left. */
int       _vastus_pg_pipeline_read      (PgConn   *self,
                                         PgStmt   *stmt,
                                         guint    *failed);

G_END_DECLS
