/* vastus-conn-engine.h: what an engine implements behind vastus-conn.h (for sqlite/ and
 * postgresql/ only; no store includes it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conn.h"

G_BEGIN_DECLS

/* One indirect call per bind, step and column. Every function is required but prepare_stream,
 * step_queued and flush (without them, a streamed statement is prepared as any other, and a
 * queued statement runs at once). */
typedef struct
{
  const char *name;

  /* A new statement for @sql (placeholders and VASTUS_SQL_* fragments already the engine's
   * concern), or NULL with *@rc. */
  VastusStmt *(*prepare)        (VastusConn *conn, const char *sql, int *rc);
  /* _vastus_conn_prepare_stream (vastus-conn.h); NULL: prepare. */
  VastusStmt *(*prepare_stream) (VastusConn *conn, const char *sql, int *rc);
  void        (*finalize)       (VastusStmt *stmt);
  void        (*reset)          (VastusStmt *stmt);

  void        (*bind_int64)     (VastusStmt *stmt, int index, gint64 value);
  void        (*bind_double)    (VastusStmt *stmt, int index, double value);
  void        (*bind_text)      (VastusStmt *stmt, int index, const char *text);
  void        (*bind_null)      (VastusStmt *stmt, int index);

  int         (*step)           (VastusStmt *stmt);
  /* _vastus_step_queued and _vastus_conn_flush (vastus-conn.h). */
  int         (*step_queued)    (VastusStmt *stmt, gint64 *id);
  int         (*flush)          (VastusConn *conn, guint *failed);

  int         (*column_count)   (VastusStmt *stmt);
  gboolean    (*column_is_null) (VastusStmt *stmt, int column);
  gint64      (*column_int64)   (VastusStmt *stmt, int column);
  /* NAN for NULL: one call for a column that may be empty, read for every row of a bulk load. */
  double      (*column_double)  (VastusStmt *stmt, int column);
  const char *(*column_text)    (VastusStmt *stmt, int column);

  gint64      (*changes)        (VastusConn *conn);
  gint64      (*last_insert_id) (VastusConn *conn);
  int         (*exec)           (VastusConn *conn, const char *script);
  gboolean    (*in_transaction) (VastusConn *conn);
  /* A bulk load (vastus-copy.c), inside a write transaction: @begin turns the connection's
   * triggers off, so that rows and audit entries are written as they were read; the end turns
   * them on again and has the engine catch up with ids written as they were (identities). */
  int         (*bulk_load)      (VastusConn *conn, gboolean begin);

  /* The SQL of each VastusTxOp (static strings: they are cached like a store's). */
  const char *transaction_sql[VASTUS_TX_ROLLBACK_TO + 1];

  /* The one place an engine's errors become VASTUS_STORE_ERROR_* codes. */
  int         (*error_code)     (VastusConn *conn, int rc);
  const char *(*error_message)  (VastusConn *conn, int rc);
  gboolean    (*is_unique_violation) (VastusConn *conn, int rc, const char *table,
                                      const char *column);
  /* The GError for @rc (uses error_code and error_message; the schema's own refusals too). */
  void        (*set_error)      (VastusConn *conn, GError **error, int rc, const char *what);

  void        (*close)          (VastusConn *conn);
} VastusConnEngine;

/* An engine's connection and statement structures begin with these. */
struct _VastusConn
{
  const VastusConnEngine *engine;
  GHashTable             *statements; /* const char *sql (by address) → VastusStmt* */
};

struct _VastusStmt
{
  VastusConn *conn;
};

/* Sets up the part every engine shares (the statement cache). */
void        _vastus_conn_init               (VastusConn             *conn,
                                             const VastusConnEngine *engine);

G_END_DECLS
