/* vastus-conn.c: the engine-independent half of the connection interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-conn-engine.h"
#include "vastus-value.h"

#define ENGINE(stmt) ((stmt)->conn->engine)

static void
finalize_statement (gpointer data)
{
  VastusStmt *stmt = data;

  ENGINE (stmt)->finalize (stmt);
}

void
_vastus_conn_init (VastusConn             *conn,
                   const VastusConnEngine *engine)
{
  conn->engine = engine;
  conn->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

void
_vastus_conn_clear_cache (VastusConn *conn)
{
  g_hash_table_remove_all (conn->statements);
}

void
_vastus_conn_free (VastusConn *conn)
{
  if (conn == NULL)
    return;
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  conn->engine->close (conn);
}

/* @sql's cached statement, or a new one from @prepare (cached). */
static VastusStmt *
prepare_cached (VastusConn *conn,
                const char *sql,
                VastusStmt *(*prepare) (VastusConn *, const char *, int *),
                int        *rc)
{
  VastusStmt *stmt = g_hash_table_lookup (conn->statements, sql);

  if (stmt != NULL)
    return stmt;
  stmt = prepare (conn, sql, rc);
  if (stmt != NULL)
    g_hash_table_insert (conn->statements, (gpointer) sql, stmt);
  return stmt;
}

VastusStmt *
_vastus_conn_prepare (VastusConn *conn,
                      const char *sql,
                      int        *rc)
{
  return prepare_cached (conn, sql, conn->engine->prepare, rc);
}

VastusStmt *
_vastus_conn_prepare_stream (VastusConn *conn,
                             const char *sql,
                             int        *rc)
{
  return prepare_cached (conn, sql, conn->engine->prepare_stream != NULL
                                    ? conn->engine->prepare_stream : conn->engine->prepare, rc);
}

int
_vastus_conn_bulk_load (VastusConn *conn,
                        gboolean    begin)
{
  int rc;

  _vastus_conn_clear_cache (conn);
  rc = conn->engine->bulk_load (conn, begin);
  _vastus_conn_clear_cache (conn);
  return rc;
}

void
_vastus_stmt_release (VastusStmt *stmt)
{
  ENGINE (stmt)->reset (stmt);
}

void
_vastus_bind_int64 (VastusStmt *stmt,
                    int         index,
                    gint64      value)
{
  ENGINE (stmt)->bind_int64 (stmt, index, value);
}

void
_vastus_bind_int (VastusStmt *stmt,
                  int         index,
                  int         value)
{
  ENGINE (stmt)->bind_int64 (stmt, index, value);
}

void
_vastus_bind_double (VastusStmt *stmt,
                     int         index,
                     double      value)
{
  if (isnan (value))
    ENGINE (stmt)->bind_null (stmt, index);
  else
    ENGINE (stmt)->bind_double (stmt, index, value);
}

void
_vastus_bind_text (VastusStmt *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    ENGINE (stmt)->bind_null (stmt, index);
  else
    ENGINE (stmt)->bind_text (stmt, index, text);
}

void
_vastus_bind_date (VastusStmt  *stmt,
                   int          index,
                   const GDate *date)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (date == NULL || !g_date_valid (date))
    ENGINE (stmt)->bind_null (stmt, index);
  else
    ENGINE (stmt)->bind_text (stmt, index, vastus_date_format (date, buf));
}

void
_vastus_bind_null (VastusStmt *stmt,
                   int         index)
{
  ENGINE (stmt)->bind_null (stmt, index);
}

int
_vastus_step (VastusStmt *stmt)
{
  return ENGINE (stmt)->step (stmt);
}

int
_vastus_step_queued (VastusStmt *stmt,
                     gint64     *id)
{
  int rc;

  if (ENGINE (stmt)->step_queued != NULL)
    return ENGINE (stmt)->step_queued (stmt, id);
  rc = ENGINE (stmt)->step (stmt);
  if (rc != VASTUS_ROW && rc != VASTUS_DONE)
    return rc;
  if (id != NULL)
    *id = ENGINE (stmt)->last_insert_id (stmt->conn);
  return VASTUS_DONE;
}

int
_vastus_conn_flush (VastusConn *conn,
                    guint      *failed)
{
  if (failed != NULL)
    *failed = G_MAXUINT;
  if (conn->engine->flush == NULL)
    return VASTUS_DONE;
  return conn->engine->flush (conn, failed);
}

int
_vastus_column_count (VastusStmt *stmt)
{
  return ENGINE (stmt)->column_count (stmt);
}

gboolean
_vastus_column_is_null (VastusStmt *stmt,
                        int         column)
{
  return ENGINE (stmt)->column_is_null (stmt, column);
}

gint64
_vastus_column_int64 (VastusStmt *stmt,
                      int         column)
{
  return ENGINE (stmt)->column_int64 (stmt, column);
}

int
_vastus_column_int (VastusStmt *stmt,
                    int         column)
{
  return (int) ENGINE (stmt)->column_int64 (stmt, column);
}

double
_vastus_column_double (VastusStmt *stmt,
                       int         column)
{
  return ENGINE (stmt)->column_double (stmt, column);
}

const char *
_vastus_column_peek (VastusStmt *stmt,
                     int         column)
{
  return ENGINE (stmt)->column_text (stmt, column);
}

char *
_vastus_column_text (VastusStmt *stmt,
                     int         column)
{
  return g_strdup (ENGINE (stmt)->column_text (stmt, column));
}

void
_vastus_column_date (VastusStmt *stmt,
                     int         column,
                     GDate      *out)
{
  const char *text = ENGINE (stmt)->column_text (stmt, column);

  if (text == NULL || !vastus_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

gint64
_vastus_conn_changes (VastusConn *conn)
{
  return conn->engine->changes (conn);
}

gint64
_vastus_conn_last_insert_id (VastusConn *conn)
{
  return conn->engine->last_insert_id (conn);
}

int
_vastus_conn_exec (VastusConn *conn,
                   const char *script)
{
  return conn->engine->exec (conn, script);
}

int
_vastus_conn_transaction (VastusConn *conn,
                          VastusTxOp  op)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc = VASTUS_DONE;

  g_return_val_if_fail (op <= VASTUS_TX_ROLLBACK_TO, VASTUS_DONE);

  stmt = _vastus_conn_prepare (conn, conn->engine->transaction_sql[op], &rc);
  if (stmt == NULL)
    return rc;
  rc = _vastus_step (stmt);
  return rc == VASTUS_ROW ? VASTUS_DONE : rc;
}

gboolean
_vastus_conn_in_transaction (VastusConn *conn)
{
  return conn->engine->in_transaction (conn);
}

int
_vastus_conn_error_code (VastusConn *conn,
                         int         rc)
{
  return conn->engine->error_code (conn, rc);
}

const char *
_vastus_conn_error_message (VastusConn *conn,
                            int         rc)
{
  return conn->engine->error_message (conn, rc);
}

gboolean
_vastus_conn_is_unique_violation (VastusConn *conn,
                                  int         rc,
                                  const char *table,
                                  const char *column)
{
  return conn->engine->is_unique_violation (conn, rc, table, column);
}

void
_vastus_conn_set_error (VastusConn *conn,
                        GError    **error,
                        int         rc,
                        const char *what)
{
  conn->engine->set_error (conn, error, rc, what);
}

/* Placeholders */

/* Copies the quoted run or comment starting at @p (one of ' " -- / *) to @out; the end. */
static const char *
copy_quoted (const char *p,
             GString    *out)
{
  const char *end;

  if (p[0] == '-' && p[1] == '-')
    end = strchr (p, '\n');
  else if (p[0] == '/' && p[1] == '*')
    {
      end = strstr (p + 2, "*/");
      if (end != NULL)
        end++;
    }
  else
    {
      /* 'it''s' is one literal: a doubled quote continues it. */
      end = strchr (p + 1, *p);
      while (end != NULL && end[1] == *p)
        end = strchr (end + 2, *p);
    }
  if (end == NULL)
    end = p + strlen (p) - 1;
  g_string_append_len (out, p, end - p + 1);
  return end + 1;
}

char *
_vastus_conn_rewrite_placeholders (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;
  guint64 largest = 0;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"' || (p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*'))
        {
          p = copy_quoted (p, out);
          continue;
        }
      if (*p != '?')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      if (g_ascii_isdigit (*p))
        {
          char *end;
          guint64 n = g_ascii_strtoull (p, &end, 10);

          largest = MAX (largest, n);
          g_string_append_printf (out, "$%" G_GUINT64_FORMAT, n);
          p = end;
        }
      else
        g_string_append_printf (out, "$%" G_GUINT64_FORMAT, ++largest);
    }
  return g_string_free (out, FALSE);
}
