/* vastus-sqlite-conn.c: the SQLite engine of the connection interface, and its error mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <math.h>
#include <string.h>

#include "vastus-conn-engine.h"
#include "vastus-database-private.h"
#include "vastus-sqlite-conn.h"

G_STATIC_ASSERT (VASTUS_ROW == SQLITE_ROW);
G_STATIC_ASSERT (VASTUS_DONE == SQLITE_DONE);

typedef struct
{
  VastusConn parent;
  sqlite3   *db;
  gboolean   owned;
} SqliteConn;

typedef struct
{
  VastusStmt    parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define DB(conn) (((SqliteConn *) (conn))->db)
#define STMT(stmt) (((SqliteStmt *) (stmt))->stmt)

static VastusStmt *
sqlite_prepare (VastusConn *conn,
                const char *sql,
                int        *rc)
{
  sqlite3_stmt *raw = NULL;
  SqliteStmt *stmt;

  *rc = sqlite3_prepare_v3 (DB (conn), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  stmt = g_new (SqliteStmt, 1);
  stmt->parent.conn = conn;
  stmt->stmt = raw;
  return &stmt->parent;
}

static void
sqlite_finalize (VastusStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_reset (VastusStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
  sqlite3_clear_bindings (STMT (stmt));
}

static void
sqlite_bind_int64 (VastusStmt *stmt,
                   int         index,
                   gint64      value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (VastusStmt *stmt,
                    int         index,
                    double      value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (VastusStmt *stmt,
                  int         index,
                  const char *text)
{
  sqlite3_bind_text (STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (VastusStmt *stmt,
                  int         index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static int
sqlite_step (VastusStmt *stmt)
{
  return sqlite3_step (STMT (stmt));
}

static int
sqlite_column_count (VastusStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static gboolean
sqlite_column_is_null (VastusStmt *stmt,
                       int         column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (VastusStmt *stmt,
                     int         column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (VastusStmt *stmt,
                      int         column)
{
  /* One look-up of the column for its type and its value (the value is read at once, on the
   * connection's own thread, as the other columns are). */
  sqlite3_value *value = sqlite3_column_value (STMT (stmt), column);

  return sqlite3_value_type (value) == SQLITE_NULL ? NAN : sqlite3_value_double (value);
}

static const char *
sqlite_column_text (VastusStmt *stmt,
                    int         column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gint64
sqlite_changes (VastusConn *conn)
{
  return sqlite3_changes (DB (conn));
}

static gint64
sqlite_last_insert_id (VastusConn *conn)
{
  return sqlite3_last_insert_rowid (DB (conn));
}

static int
sqlite_exec (VastusConn *conn,
             const char *script)
{
  int rc = sqlite3_exec (DB (conn), script, NULL, NULL, NULL);

  return rc == SQLITE_OK ? VASTUS_DONE : rc;
}

/* SQLite turns triggers off per connection (statements prepared afterwards run none). */
static int
sqlite_bulk_load (VastusConn *conn,
                  gboolean    begin)
{
  int rc = sqlite3_db_config (DB (conn), SQLITE_DBCONFIG_ENABLE_TRIGGER, begin ? 0 : 1, NULL);

  return rc == SQLITE_OK ? VASTUS_DONE : rc;
}

static gboolean
sqlite_in_transaction (VastusConn *conn)
{
  return !sqlite3_get_autocommit (DB (conn));
}

/* Errors */

int
_vastus_store_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return VASTUS_STORE_ERROR_NO_SPACE;
    case SQLITE_READONLY:
      return VASTUS_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VASTUS_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return VASTUS_STORE_ERROR_CONSTRAINT;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return VASTUS_STORE_ERROR_DAMAGED;
    case SQLITE_NOMEM:
      return VASTUS_STORE_ERROR_NO_MEMORY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return VASTUS_STORE_ERROR_OPEN;
    default:
      return VASTUS_STORE_ERROR_FAILED;
    }
}

static const char *
sqlite_error_message (VastusConn *conn,
                      int         rc)
{
  return DB (conn) != NULL ? sqlite3_errmsg (DB (conn)) : sqlite3_errstr (rc);
}

static int
sqlite_error_code (VastusConn *conn,
                   int         rc)
{
  /* The schema's own refusal (sql/008-one-visit-a-day.sql). */
  if (rc == SQLITE_CONSTRAINT_TRIGGER
      && g_str_equal (sqlite_error_message (conn, rc), VASTUS_VISIT_EXISTS_MESSAGE))
    return VASTUS_STORE_ERROR_VISIT_EXISTS;
  return _vastus_store_code_from_sqlite (rc);
}

static gboolean
sqlite_is_unique_violation (VastusConn *conn,
                            int         rc,
                            const char *table,
                            const char *column)
{
  g_autofree char *name = g_strconcat (table, ".", column, NULL);

  /* "UNIQUE constraint failed: patient.mrn" */
  return rc == SQLITE_CONSTRAINT_UNIQUE
         && strstr (sqlite_error_message (conn, rc), name) != NULL;
}

static void
sqlite_set_error (VastusConn *conn,
                  GError    **error,
                  int         rc,
                  const char *what)
{
  const char *message = sqlite_error_message (conn, rc);
  int code = sqlite_error_code (conn, rc);

  /* The caller names the visit. */
  if (code == VASTUS_STORE_ERROR_VISIT_EXISTS)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the patient has a visit on that date already"), what);
  else if (sqlite_is_unique_violation (conn, rc, "measurement", "visit_id"))
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the visit has a value for that measure, side and trial already"), what);
  else
    g_set_error (error, VASTUS_STORE_ERROR, code,
                 /* Translators: what was being done, the database engine's reason, its error number */
                 _("%s: %s (SQLite error %d)"), what, message, rc);
}

void
_vastus_store_set_read_error (GError    **error,
                              sqlite3    *db,
                              const char *path,
                              int         rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code = _vastus_store_code_from_sqlite (rc);

  switch (code)
    {
    case VASTUS_STORE_ERROR_FAILED:
    case VASTUS_STORE_ERROR_DAMAGED:
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: a file's path, then the database engine's reason */
                   _("%s cannot be read as a database (it is damaged, or not a database): %s"),
                   path, detail);
      break;
    case VASTUS_STORE_ERROR_BUSY:
      g_set_error (error, VASTUS_STORE_ERROR, code,
                   /* Translators: a file's path, the database engine's reason, its error number */
                   _("%s is in use by another program: %s (SQLite error %d)"), path, detail, rc);
      break;
    default:
      /* Translators: a file's path, the database engine's reason, its error number */
      g_set_error (error, VASTUS_STORE_ERROR, code, _("Could not read %s: %s (SQLite error %d)"),
                   path, detail, rc);
      break;
    }
}

static void
sqlite_close (VastusConn *conn)
{
  SqliteConn *self = (SqliteConn *) conn;

  if (self->owned && sqlite3_close (self->db) != SQLITE_OK)
    g_critical ("Could not close a database: %s", sqlite3_errmsg (self->db));
  g_free (self);
}

static const VastusConnEngine sqlite_engine = {
  .name = "SQLite",
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .changes = sqlite_changes,
  .last_insert_id = sqlite_last_insert_id,
  .exec = sqlite_exec,
  .in_transaction = sqlite_in_transaction,
  .bulk_load = sqlite_bulk_load,
  .transaction_sql = {
    [VASTUS_TX_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [VASTUS_TX_BEGIN_READ] = "BEGIN",
    [VASTUS_TX_COMMIT] = "COMMIT",
    [VASTUS_TX_ROLLBACK] = "ROLLBACK",
    [VASTUS_TX_SAVEPOINT] = "SAVEPOINT vastus_write",
    [VASTUS_TX_RELEASE] = "RELEASE vastus_write",
    [VASTUS_TX_ROLLBACK_TO] = "ROLLBACK TO vastus_write",
  },
  .error_code = sqlite_error_code,
  .error_message = sqlite_error_message,
  .is_unique_violation = sqlite_is_unique_violation,
  .set_error = sqlite_set_error,
  .close = sqlite_close,
};

VastusConn *
_vastus_sqlite_conn_new (sqlite3  *db,
                         gboolean  owned)
{
  SqliteConn *self = g_new0 (SqliteConn, 1);

  _vastus_conn_init (&self->parent, &sqlite_engine);
  self->db = db;
  self->owned = owned;
  return &self->parent;
}

sqlite3 *
_vastus_sqlite_conn_get_handle (VastusConn *conn)
{
  g_return_val_if_fail (conn != NULL && conn->engine == &sqlite_engine, NULL);

  return DB (conn);
}
