/* vastus-pg-conn.c: the PostgreSQL engine of the connection interface (libpq); its errors are
 * kept and mapped in vastus-pg-error.c, its pipelined statements sent in vastus-pg-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every cached statement is a named prepared statement of the session (PQprepare once, then
 * PQexecPrepared with text parameters). A step runs the statement on its first call and then
 * walks the PGresult row by row. Values travel as text in both directions: integers in C's
 * digits, doubles with 17 significant digits (every double reads back as itself), never in the
 * locale's form; PostgreSQL 15 prints doubles in their shortest exact form.
 *
 * A connection the server closed while it sat idle between transactions (the server restarted,
 * or crashed and came back) is made again once, before the next statement is sent: the
 * session's prepared statements are prepared again as they are next used, and its settings set
 * again. Nothing is sent twice, so nothing can run twice. A connection lost inside a
 * transaction stays lost, every statement failing, until that transaction's ROLLBACK (its work
 * is gone, and the caller hears so); the next statement after it starts on a new connection.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "vastus-database-private.h"
#include "vastus-pg-conn-private.h"

/* Reconnecting */

/* Whether the server closed @self's connection while it was idle: its socket is readable with
 * no statement running, and reading finds the end, or the server's last words (a FATAL message,
 * which libpq hands to its notice receiver: the socket's end can come a moment after them).
 * Notifications read on the way stay queued for PQnotifies. */
static gboolean
dropped_while_idle (PgConn *self)
{
  if (PQstatus (self->pg) == CONNECTION_BAD)
    return !self->lost_in_transaction;
  if (PQtransactionStatus (self->pg) != PQTRANS_IDLE)
    return FALSE;
  for (int i = 0; i < 8 && !self->ended_by_server; i++)
    {
      struct pollfd fd = { .fd = PQsocket (self->pg), .events = POLLIN };

      if (poll (&fd, 1, 0) <= 0)
        break;
      if (!PQconsumeInput (self->pg) || PQstatus (self->pg) == CONNECTION_BAD)
        return TRUE;
      /* What was read is parsed: last words reach the notice receiver. */
      PQisBusy (self->pg);
    }
  return self->ended_by_server;
}

/* Open, or failed and waiting for its rollback, or lost inside one. */
static gboolean
in_transaction (PgConn *self)
{
  PGTransactionStatusType status = PQtransactionStatus (self->pg);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
         || (status == PQTRANS_UNKNOWN && self->lost_in_transaction);
}

/* Before a statement (@rollback: ROLLBACK) is sent: a connection the server dropped while idle
 * is made again, once (libpq's PQreset, the same parameters); the ROLLBACK of a transaction
 * lost with its connection ends it. FALSE when connecting failed: the statement is not sent,
 * and fails as lost with libpq's reason, which names the server's socket or host. */
gboolean
_vastus_pg_before_send (PgConn   *self,
                        gboolean  rollback)
{
  if (rollback)
    self->lost_in_transaction = FALSE;
  self->timed_out = FALSE;
  self->sending_in_transaction = in_transaction (self);
  if (!dropped_while_idle (self))
    return TRUE;
  g_debug ("the connection to the server was closed while idle: connecting again");
  self->ended_by_server = FALSE;
  PQreset (self->pg);
  if (PQstatus (self->pg) != CONNECTION_OK)
    {
      _vastus_pg_keep_error (self, NULL);
      return FALSE;
    }
  self->session++;
  for (guint i = 0; self->session_sql != NULL && i < self->session_sql->len; i++)
    PQclear (_vastus_pg_exec (self->pg, self->session_sql->pdata[i], &self->timed_out));
  self->sending_in_transaction = FALSE;
  return TRUE;
}

gboolean
_vastus_pg_conn_reconnect_if_dropped (VastusConn *conn)
{
  PgConn *self = (PgConn *) conn;

  if (in_transaction (self))
    return TRUE;
  return _vastus_pg_before_send (self, FALSE);
}

/* What the server says besides results (a WARNING, its last words before it closes a
 * connection): for the debug log, never the terminal of vastus-cli. Last words (FATAL, PANIC)
 * end the session. */
static void
notice_cb (void           *data,
           const PGresult *result)
{
  PgConn *self = data;
  const char *severity = PQresultErrorField (result, PG_DIAG_SEVERITY_NONLOCALIZED);

  g_debug ("server notice: %s", PQresultErrorMessage (result));
  if (g_strcmp0 (severity, "FATAL") == 0 || g_strcmp0 (severity, "PANIC") == 0)
    self->ended_by_server = TRUE;
}

/* Statements */

/* Prepares @text as @name. A parameter PostgreSQL cannot type from where it stands (SQLSTATE
 * 42P18 or 42P08, "?1 IS NULL" alone) is text, as SQLite's values are untyped: it is prepared again with
 * that parameter declared text. */
static void
run (PgConn     *self,
     const char *sql)
{
  PQclear (_vastus_pg_exec (self->pg, sql, &self->timed_out));
}

static PGresult *
prepare_typed (PgConn     *self,
               const char *name,
               const char *text)
{
  g_autoptr(GArray) types = g_array_new (FALSE, TRUE, sizeof (Oid));
  /* A refused PREPARE would end an open transaction: inside one, it is tried in a savepoint. */
  gboolean guarded = PQtransactionStatus (self->pg) == PQTRANS_INTRANS;

  if (guarded)
    run (self, "SAVEPOINT vastus_prepare");

  for (;;)
    {
      PGresult *result = _vastus_pg_prepare (self->pg, name, text, (int) types->len,
                                             (const Oid *) (gpointer) types->data,
                                             &self->timed_out);
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      const char *dollar;
      guint64 n;

      if (PQresultStatus (result) == PGRES_COMMAND_OK
          || (g_strcmp0 (state, "42P18") != 0 && g_strcmp0 (state, "42P08") != 0)
          || message == NULL || (dollar = strrchr (message, '$')) == NULL
          || (n = g_ascii_strtoull (dollar + 1, NULL, 10)) == 0 || n > 999
          || (n <= types->len && g_array_index (types, Oid, n - 1) != 0))
        {
          if (guarded)
            run (self, PQresultStatus (result) == PGRES_COMMAND_OK
                       ? "RELEASE vastus_prepare" : "ROLLBACK TO vastus_prepare; RELEASE vastus_prepare");
          return result;
        }
      PQclear (result);
      if (guarded)
        run (self, "ROLLBACK TO vastus_prepare");
      if (n > types->len)
        g_array_set_size (types, n);
      g_array_index (types, Oid, n - 1) = 25; /* text */
    }
}

static VastusStmt *
pg_prepare (VastusConn *conn,
            const char *sql,
            int        *rc)
{
  PgConn *self = (PgConn *) conn;
  gboolean returning_id = FALSE;
  g_autofree char *text = _vastus_pg_dialect_rewrite (sql, &returning_id);
  g_autofree char *name = g_strdup_printf ("vastus_%u", ++self->next_name);
  PGresult *result;
  PgStmt *stmt;

  /* The ROLLBACK of a transaction lost with its connection sends nothing (pg_step): it is
   * prepared when it is first sent, on a connection made again. */
  if (g_str_equal (sql, "ROLLBACK") && PQstatus (self->pg) == CONNECTION_BAD
      && self->lost_in_transaction)
    {
      stmt = g_new0 (PgStmt, 1);
      stmt->parent.conn = conn;
      stmt->name = g_steal_pointer (&name);
      stmt->sql = sql;
      stmt->text = g_steal_pointer (&text);
      stmt->session = self->session - 1;
      stmt->values = g_new0 (char *, 1);
      stmt->rollback = stmt->rollback_to = TRUE;
      stmt->row = -1;
      return &stmt->parent;
    }
  /* Preparing waits for its answer: a stream's rest and what was queued are read first (a
   * failure there is this call's, as it would have been the statement's). */
  _vastus_pg_stream_set_aside (self);
  if (_vastus_pg_pipeline_pending (self)
      && (*rc = _vastus_pg_pipeline_read (self, NULL, NULL)) != VASTUS_DONE)
    return NULL;
  if (!_vastus_pg_before_send (self, g_str_equal (sql, "ROLLBACK")))
    {
      *rc = PG_RC_LOST;
      return NULL;
    }
  result = prepare_typed (self, name, text);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      *rc = _vastus_pg_keep_error (self, result);
      PQclear (result);
      return NULL;
    }
  PQclear (result);
  result = _vastus_pg_describe_prepared (self->pg, name, &self->timed_out);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      *rc = _vastus_pg_keep_error (self, result);
      PQclear (result);
      return NULL;
    }
  stmt = g_new0 (PgStmt, 1);
  stmt->parent.conn = conn;
  stmt->name = g_steal_pointer (&name);
  stmt->sql = sql;
  stmt->text = g_steal_pointer (&text);
  stmt->session = self->session;
  stmt->n_params = PQnparams (result);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->returning_id = returning_id;
  stmt->commit = g_str_equal (sql, "COMMIT");
  stmt->rollback = g_str_equal (sql, "ROLLBACK");
  stmt->rollback_to = stmt->rollback || g_str_equal (sql, "ROLLBACK TO vastus_write");
  stmt->begin_write = g_str_equal (sql, PG_BEGIN_WRITE);
  /* Their answer is only success: they travel with the next statement that needs one. */
  stmt->deferred = stmt->begin_write || g_str_equal (sql, PG_BEGIN_READ)
                   || g_str_equal (sql, "SAVEPOINT vastus_write")
                   || g_str_equal (sql, "RELEASE vastus_write");
  stmt->row = -1;
  stmt->n_columns = PQnfields (result);
  stmt->types = g_new0 (Oid, MAX (stmt->n_columns, 1));
  for (int i = 0; i < stmt->n_columns; i++)
    stmt->types[i] = PQftype (result, i);
  PQclear (result);
  return &stmt->parent;
}

/* Prepared as any other (its description gives the columns' types), then streamed when it can
 * be (vastus-pg-stream.c). */
static VastusStmt *
pg_prepare_stream (VastusConn *conn,
                   const char *sql,
                   int        *rc)
{
  VastusStmt *stmt = pg_prepare (conn, sql, rc);

  if (stmt != NULL && !_vastus_pg_stream_new (SELF (stmt)))
    g_debug ("not streamed (parameters, or a column of a type read as text only): %s", sql);
  return stmt;
}

static void
pg_reset (VastusStmt *stmt)
{
  PgStmt *self = SELF (stmt);

  if (self->stream != NULL)
    _vastus_pg_stream_reset (self);
  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
  for (int i = 0; i < self->n_params; i++)
    g_clear_pointer (&self->values[i], g_free);
}

static void
pg_finalize (VastusStmt *stmt)
{
  PgStmt *self = SELF (stmt);
  PgConn *conn = CONN (stmt);

  pg_reset (stmt);
  _vastus_pg_stream_set_aside (conn);
  /* The session forgets it too (a connection being closed, or a new session that never had
   * it, needs nothing). */
  if (conn->pg != NULL && PQstatus (conn->pg) == CONNECTION_OK && self->session == conn->session
      && PQtransactionStatus (conn->pg) == PQTRANS_IDLE)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s", self->name);

      PQclear (_vastus_pg_exec (conn->pg, sql, &conn->timed_out));
    }
  if (self->stream != NULL)
    _vastus_pg_stream_free (self);
  g_free (self->types);
  g_free (self->values);
  g_free (self->name);
  g_free (self->text);
  g_free (self);
}

static void
set_value (VastusStmt *stmt,
           int         index,
           char       *text)
{
  PgStmt *self = SELF (stmt);

  if (index < 1 || index > self->n_params)
    {
      g_free (text);
      return;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = text;
}

static void
pg_bind_int64 (VastusStmt *stmt,
               int         index,
               gint64      value)
{
  set_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (VastusStmt *stmt,
                int         index,
                double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  set_value (stmt, index, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value)));
}

static void
pg_bind_text (VastusStmt *stmt,
              int         index,
              const char *text)
{
  set_value (stmt, index, g_strdup (text));
}

static void
pg_bind_null (VastusStmt *stmt,
              int         index)
{
  set_value (stmt, index, NULL);
}

/* INSERT, UPDATE and DELETE change rows; SELECT and the rest leave the count as it was (as
 * sqlite3_changes does). */
void
_vastus_pg_count_changes (PgConn   *self,
                          PGresult *result)
{
  const char *status = PQcmdStatus (result);

  if (g_str_has_prefix (status, "INSERT ") || g_str_has_prefix (status, "UPDATE ")
      || g_str_has_prefix (status, "DELETE "))
    self->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
}

/* The main-thread guard (vastus-database.h), as SQLite's statement hook keeps it. */
void
_vastus_pg_check_thread (const char *sql)
{
  if (_vastus_database_guard_requested ()
      && vastus_database_get_guarded_thread () == g_thread_self ())
    g_error ("SQL on the main thread (VASTUS_MAIN_THREAD_SQL=abort): %s", sql);
}

int
_vastus_pg_ensure_prepared (PgConn *self,
                            PgStmt *stmt)
{
  PGresult *prepared;
  int rc = VASTUS_DONE;

  if (stmt->session == self->session)
    return VASTUS_DONE;
  if (_vastus_pg_pipeline_pending (self)
      && (rc = _vastus_pg_pipeline_read (self, NULL, NULL)) != VASTUS_DONE)
    return rc;
  prepared = prepare_typed (self, stmt->name, stmt->text);
  if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
    rc = _vastus_pg_keep_error (self, prepared);
  else
    stmt->session = self->session;
  PQclear (prepared);
  return rc;
}

/* Runs @self, waiting for its answer (with what was queued before it): its result, or the rc of
 * the first error. */
static int
run_now (PgStmt *self)
{
  PgConn *conn = CONN (&self->parent);
  ExecStatusType status;
  int rc;

  /* Preparing it again (on a connection made again) reads what was queued first. */
  if (_vastus_pg_pipeline_pending (conn)
      && (rc = _vastus_pg_ensure_prepared (conn, self)) != VASTUS_DONE)
    return rc;
  if (_vastus_pg_pipeline_pending (conn))
    {
      if ((rc = _vastus_pg_pipeline_read (conn, self, NULL)) != VASTUS_DONE)
        return rc;
    }
  else if (self->rollback && PQstatus (conn->pg) == CONNECTION_BAD && conn->lost_in_transaction)
    {
      /* The transaction went with its connection (the server rolls back a session's work when
       * it ends): nothing to send, and no connecting again now, which would wait on a server
       * that does not answer. The next statement connects again. */
      conn->lost_in_transaction = FALSE;
      self->result = PQmakeEmptyPGresult (conn->pg, PGRES_COMMAND_OK);
    }
  else
    {
      if (!_vastus_pg_before_send (conn, self->rollback))
        return PG_RC_LOST;
      if ((rc = _vastus_pg_ensure_prepared (conn, self)) != VASTUS_DONE)
        return rc;
      self->result = _vastus_pg_exec_prepared (conn->pg, self->name, self->n_params,
                                               (const char * const *) self->values,
                                               &conn->timed_out);
    }
  status = PQresultStatus (self->result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      rc = _vastus_pg_keep_error (conn, self->result);
      g_clear_pointer (&self->result, PQclear);
      return rc;
    }
  return VASTUS_DONE;
}

static int
pg_step (VastusStmt *stmt)
{
  PgStmt *self = SELF (stmt);
  PgConn *conn = CONN (stmt);

  if (self->stream != NULL)
    return _vastus_pg_stream_step (self);
  if (self->result == NULL)
    {
      int rc;

      _vastus_pg_check_thread (self->sql);
      _vastus_pg_stream_set_aside (conn);
      if (self->deferred)
        {
          rc = _vastus_pg_pipeline_send (conn, self, NULL, FALSE);
          /* One write transaction at a time, in the order they began, as SQLite's BEGIN
           * IMMEDIATE: what a writer reads before it writes (is this visit stored already?
           * which row version is this?) stays true until its COMMIT, so two imports of one
           * file store each visit once. Readers never wait. */
          if (rc == VASTUS_DONE && self->begin_write)
            rc = _vastus_pg_pipeline_send_lock (conn);
          return rc;
        }
      if ((rc = run_now (self)) != VASTUS_DONE)
        return rc;
      /* COMMIT of a transaction an error had ended rolls back, and says so only in its tag. */
      if (self->commit && g_str_equal (PQcmdStatus (self->result), "ROLLBACK"))
        {
          _vastus_pg_clear_error (conn);
          conn->sqlstate = g_strdup ("25P02");
          conn->message = g_strdup ("the transaction was rolled back after an earlier error");
          g_clear_pointer (&self->result, PQclear);
          return PG_RC_ERROR;
        }
      _vastus_pg_count_changes (conn, self->result);
      if (self->returning_id)
        {
          if (PQntuples (self->result) > 0)
            conn->last_insert_id = g_ascii_strtoll (PQgetvalue (self->result, 0, 0), NULL, 10);
          return VASTUS_DONE;
        }
      if (g_str_has_prefix (PQcmdStatus (self->result), "INSERT ") && PQntuples (self->result) > 0
          && PQfnumber (self->result, "id") >= 0)
        conn->last_insert_id = g_ascii_strtoll (PQgetvalue (self->result, 0,
                                                            PQfnumber (self->result, "id")),
                                                NULL, 10);
    }
  else if (self->returning_id)
    return VASTUS_DONE;
  if (self->row + 1 < PQntuples (self->result))
    {
      self->row++;
      return VASTUS_ROW;
    }
  self->row = PQntuples (self->result);
  return VASTUS_DONE;
}

/* A store's statement whose answer it needs only at the next flush. */
static int
pg_step_queued (VastusStmt *stmt,
                gint64     *id)
{
  PgStmt *self = SELF (stmt);
  PgConn *conn = CONN (stmt);
  int rc;

  _vastus_pg_check_thread (self->sql);
  _vastus_pg_stream_set_aside (conn);
  /* Only inside a transaction: outside one, each statement would commit on its own. */
  if (!in_transaction (conn))
    {
      if ((rc = run_now (self)) != VASTUS_DONE)
        return rc;
      _vastus_pg_count_changes (conn, self->result);
      if (id != NULL && PQntuples (self->result) > 0 && PQfnumber (self->result, "id") >= 0)
        *id = g_ascii_strtoll (PQgetvalue (self->result, 0, PQfnumber (self->result, "id")),
                               NULL, 10);
      return VASTUS_DONE;
    }
  return _vastus_pg_pipeline_send (conn, self, id, TRUE);
}

static int
pg_flush (VastusConn *conn,
          guint      *failed)
{
  PgConn *self = (PgConn *) conn;

  _vastus_pg_stream_set_aside (self);
  if (!_vastus_pg_pipeline_pending (self))
    return VASTUS_DONE;
  return _vastus_pg_pipeline_read (self, NULL, failed);
}

/* Columns */

static gboolean
has_value (VastusStmt *stmt,
           int         column)
{
  PgStmt *self = SELF (stmt);

  if (self->stream != NULL)
    return !_vastus_pg_stream_is_null (self, column);
  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result)
         && column >= 0 && column < PQnfields (self->result)
         && !PQgetisnull (self->result, self->row, column);
}

static int
pg_column_count (VastusStmt *stmt)
{
  PgStmt *self = SELF (stmt);

  if (self->stream != NULL)
    return self->n_columns;
  return self->result != NULL ? PQnfields (self->result) : 0;
}

static gboolean
pg_column_is_null (VastusStmt *stmt,
                   int         column)
{
  return !has_value (stmt, column);
}

static const char *
pg_column_text (VastusStmt *stmt,
                int         column)
{
  PgStmt *self = SELF (stmt);

  if (self->stream != NULL)
    return _vastus_pg_stream_text (self, column);
  return has_value (stmt, column) ? PQgetvalue (self->result, self->row, column) : NULL;
}

/* A comparison in a select list is a boolean here, 0 or 1 in SQLite: 't' reads as 1. */
double
_vastus_pg_text_double (const char *text)
{
  if (text == NULL || g_str_equal (text, "f"))
    return 0;
  if (g_str_equal (text, "t"))
    return 1;
  return g_ascii_strtod (text, NULL);
}

static double
pg_column_double (VastusStmt *stmt,
                  int         column)
{
  const char *text;

  if (SELF (stmt)->stream != NULL)
    return _vastus_pg_stream_double (SELF (stmt), column);
  text = pg_column_text (stmt, column);
  return text != NULL ? _vastus_pg_text_double (text) : NAN;
}

/* An integer's digits exactly (a double would round above 2^53); anything else as a number. */
gint64
_vastus_pg_text_int64 (const char *text)
{
  if (text != NULL && (g_ascii_isdigit (text[0]) || text[0] == '-') && strpbrk (text, ".eEn") == NULL)
    return g_ascii_strtoll (text, NULL, 10);
  return (gint64) _vastus_pg_text_double (text);
}

static gint64
pg_column_int64 (VastusStmt *stmt,
                 int         column)
{
  if (SELF (stmt)->stream != NULL)
    return _vastus_pg_stream_int64 (SELF (stmt), column);
  return _vastus_pg_text_int64 (pg_column_text (stmt, column));
}

/* The connection */

static gint64
pg_changes (VastusConn *conn)
{
  return ((PgConn *) conn)->changes;
}

static gint64
pg_last_insert_id (VastusConn *conn)
{
  return ((PgConn *) conn)->last_insert_id;
}

static int
pg_exec (VastusConn *conn,
         const char *script)
{
  PgConn *self = (PgConn *) conn;
  PGresult *result;
  ExecStatusType status;
  int rc = VASTUS_DONE;

  _vastus_pg_check_thread (script);
  _vastus_pg_stream_set_aside (self);
  if (_vastus_pg_pipeline_pending (self)
      && (rc = _vastus_pg_pipeline_read (self, NULL, NULL)) != VASTUS_DONE)
    return rc;
  if (!_vastus_pg_before_send (self, g_str_equal (script, "ROLLBACK")))
    return PG_RC_LOST;
  result = _vastus_pg_exec (self->pg, script, &self->timed_out);
  status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    rc = _vastus_pg_keep_error (self, result);
  PQclear (result);
  return rc;
}

/* The triggers of every table of the schema, off until the transaction's end turns them on
 * again (ALTER TABLE is transactional; it needs the tables' owner, who ran server init). USER
 * triggers only: the foreign keys' own triggers still check every row. */
static int
pg_bulk_load (VastusConn *conn,
              gboolean    begin)
{
  static const char *const scripts[] = {
    "DO $$DECLARE t text; BEGIN "
    "FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema () AND c.relkind = 'r' LOOP "
    "EXECUTE format ('ALTER TABLE %I ENABLE TRIGGER USER', t); END LOOP; "
    "PERFORM vastus_reset_identities (); END$$",
    "DO $$DECLARE t text; BEGIN "
    "FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema () AND c.relkind = 'r' LOOP "
    "EXECUTE format ('ALTER TABLE %I DISABLE TRIGGER USER', t); END LOOP; END$$",
  };

  return pg_exec (conn, scripts[begin ? 1 : 0]);
}

/* Open, or failed and waiting for its rollback. */
static gboolean
pg_in_transaction (VastusConn *conn)
{
  /* A stream under way is not a transaction of its own. */
  _vastus_pg_stream_set_aside ((PgConn *) conn);
  return in_transaction ((PgConn *) conn);
}

static void
pg_close (VastusConn *conn)
{
  PgConn *self = (PgConn *) conn;

  _vastus_pg_clear_error (self);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->pg, PQfinish);
  g_clear_pointer (&self->session_sql, g_ptr_array_unref);
  g_free (self);
}

static const VastusConnEngine pg_engine = {
  .name = "PostgreSQL",
  .prepare = pg_prepare,
  .prepare_stream = pg_prepare_stream,
  .finalize = pg_finalize,
  .reset = pg_reset,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .step_queued = pg_step_queued,
  .flush = pg_flush,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
  .exec = pg_exec,
  .in_transaction = pg_in_transaction,
  .bulk_load = pg_bulk_load,
  /* A write sees every committed row, one writer at a time (lock_writers); a read is one
   * snapshot, as SQLite's read transaction. */
  .transaction_sql = {
    [VASTUS_TX_BEGIN_WRITE] = PG_BEGIN_WRITE,
    [VASTUS_TX_BEGIN_READ] = PG_BEGIN_READ,
    [VASTUS_TX_COMMIT] = "COMMIT",
    [VASTUS_TX_ROLLBACK] = "ROLLBACK",
    [VASTUS_TX_SAVEPOINT] = "SAVEPOINT vastus_write",
    [VASTUS_TX_RELEASE] = "RELEASE vastus_write",
    [VASTUS_TX_ROLLBACK_TO] = "ROLLBACK TO vastus_write",
  },
  .error_code = _vastus_pg_error_code,
  .error_message = _vastus_pg_error_message,
  .is_unique_violation = _vastus_pg_is_unique_violation,
  .set_error = _vastus_pg_set_error,
  .close = pg_close,
};

VastusConn *
_vastus_pg_conn_new (PGconn *pg)
{
  PgConn *self = g_new0 (PgConn, 1);

  _vastus_conn_init (&self->parent, &pg_engine);
  self->pg = pg;
  self->queue = _vastus_pg_pipeline_queue_new ();
  PQsetNoticeReceiver (pg, notice_cb, self);
  return &self->parent;
}

PGconn *
_vastus_pg_conn_get_handle (VastusConn *conn)
{
  g_return_val_if_fail (conn != NULL && conn->engine == &pg_engine, NULL);

  return PG (conn);
}

gboolean
_vastus_pg_stmt_is_streamed (VastusStmt *stmt)
{
  g_return_val_if_fail (stmt != NULL && stmt->conn->engine == &pg_engine, FALSE);

  return SELF (stmt)->stream != NULL;
}

int
_vastus_pg_conn_set_session (VastusConn *conn,
                             const char *sql)
{
  PgConn *self = (PgConn *) conn;
  int rc;

  g_return_val_if_fail (conn != NULL && conn->engine == &pg_engine, PG_RC_ERROR);

  rc = pg_exec (conn, sql);
  if (rc != VASTUS_DONE)
    return rc;
  if (self->session_sql == NULL)
    self->session_sql = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->session_sql, g_strdup (sql));
  return rc;
}
