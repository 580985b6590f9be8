/* vastus-conn.h: the thin connection interface every store talks to (private to src/storage/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One VastusConn is one connection to one database, of one engine (SQLite in sqlite/, PostgreSQL
 * in postgresql/). A store prepares statements (cached by the address of their static SQL),
 * binds values, steps, reads columns, and reports errors through _vastus_conn_set_error, which
 * maps the engine's error to a VASTUS_STORE_ERROR_* code in one function per engine. No store
 * includes an engine's header or calls an engine's API.
 *
 * SQL of the stores is one source for every engine:
 *
 * - Placeholders are SQLite's `?NNN` (and bare `?`). An engine that numbers them `$NNN`
 *   (PostgreSQL) rewrites them when it prepares (_vastus_conn_rewrite_placeholders), leaving
 *   `?` inside string literals, quoted identifiers and comments alone.
 * - Fragments an engine spells differently are written through the VASTUS_SQL_* macros below,
 *   whose text is the SQLite spelling: an engine that spells them otherwise rewrites exactly that
 *   text at prepare time, so the store's SQL stays one static string.
 * - A parameter's typed use comes before a bare `?N IS NULL` (`x = ?1 OR ?1 IS NULL`):
 *   PostgreSQL types a parameter where it first stands. `coalesce`, never `ifnull`; every
 *   subquery in FROM has an alias.
 * - Engine-specific fragments the stores still write literally (postgresql/vastus-pg-dialect.c
 *   rewrites each, with a test per rewrite in tests/test-pg-dialect.c):
 *     `INSERT OR REPLACE` (patient_name_review, visit_draft, questionnaire_mic, clinic_pin: a
 *       delete and an insert, which the audit triggers see as such; PostgreSQL needs
 *       ON CONFLICT … DO UPDATE and its own triggers to keep the same trail),
 *     `INSERT OR IGNORE` (study_code; ON CONFLICT DO NOTHING on PostgreSQL),
 *     `ON CONFLICT (…) DO UPDATE … excluded.…` (both engines),
 *     `RETURNING` (both engines) and _vastus_conn_last_insert_id (SQLite's last_insert_rowid;
 *       PostgreSQL answers from the statement's own RETURNING id, or lastval()),
 *     `json_each` (questionnaire wording; jsonb_each_text on PostgreSQL),
 *     `CROSS JOIN … ON` (SQLite's fixed join order; a plain JOIN on PostgreSQL),
 *     a statement's closing VASTUS_SQL_STORAGE_ORDER (dropped on PostgreSQL),
 *     `LIMIT ?N` bound to −1 for no limit (LIMIT NULL on PostgreSQL),
 *     a NULL bound into an identity id (`INSERT INTO t (id, …) VALUES (?1, …)`),
 *     `nullif`, `substr` on ISO-8601 text dates,
 *     integer booleans (`deleted = 0`),
 *     `vastus_actor ()` in store SQL (a function each engine's schema defines),
 *     the schema's own: identity columns (INTEGER PRIMARY KEY), triggers (the audit trail and the
 *       one-visit-a-day RAISE), the SQL functions the triggers call — these live in each
 *       engine's numbered migrations, not in the stores.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The current time as stored (UTC, ISO 8601 with milliseconds). */
#define VASTUS_SQL_NOW "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
/* Case-insensitive ordering of names (ASCII case folding, as SQLite's NOCASE). */
#define VASTUS_SQL_NOCASE "COLLATE NOCASE"
/* The end of a statement reading a whole table (alias @table) in the order it is kept, which costs
 * nothing: SQLite's rowid order (its table's own; the clause keeps it from reading through an
 * index instead). PostgreSQL drops the clause and reads the table as it lies, without a sort or an
 * index, in no promised order: the reader must take the rows in any order. */
#define VASTUS_SQL_STORAGE_ORDER(table) "ORDER BY " table ".rowid"

typedef struct _VastusConn VastusConn;
typedef struct _VastusStmt VastusStmt;

/* What _vastus_step returns besides an engine's error code (never one of these two). */
#define VASTUS_ROW  100
#define VASTUS_DONE 101

/* Statements. @sql must be a static string: the connection's cache is keyed by its address.
 * NULL with *@rc the engine's error code when it cannot be prepared. */
VastusStmt *_vastus_conn_prepare            (VastusConn  *conn,
                                             const char  *sql,
                                             int         *rc);
/* A statement that reads a whole table's rows (the bulk loader's), stepped and read as any
 * other: an engine may hand its rows over as the server sends them rather than after the last
 * (PostgreSQL: vastus-pg-stream.c). While it is being stepped, any other statement on @conn may
 * first read the rest of its rows into memory. */
VastusStmt *_vastus_conn_prepare_stream     (VastusConn  *conn,
                                             const char  *sql,
                                             int         *rc);
/* "Freeing" a cached statement resets it (and its bindings) for reuse. */
void        _vastus_stmt_release            (VastusStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusStmt, _vastus_stmt_release)

/* Binding (1-based). NULL strings, NAN numbers and invalid dates are SQL NULL. */
void        _vastus_bind_int64              (VastusStmt  *stmt,
                                             int          index,
                                             gint64       value);
void        _vastus_bind_int                (VastusStmt  *stmt,
                                             int          index,
                                             int          value);
void        _vastus_bind_double             (VastusStmt  *stmt,
                                             int          index,
                                             double       value);
void        _vastus_bind_text               (VastusStmt  *stmt,
                                             int          index,
                                             const char  *text);
void        _vastus_bind_date               (VastusStmt  *stmt,
                                             int          index,
                                             const GDate *date);
void        _vastus_bind_null               (VastusStmt  *stmt,
                                             int          index);

/* VASTUS_ROW, VASTUS_DONE, or the engine's error code (for _vastus_conn_set_error). */
int         _vastus_step                    (VastusStmt  *stmt);

/* Runs @stmt, an INSERT, UPDATE or DELETE inside a write transaction whose answer is only
 * success (and the id it inserts): an engine may send it and return before the server answers
 * (PostgreSQL's pipeline: the statements queued, and the transaction's BEGIN, SAVEPOINT and
 * RELEASE, go in one round trip), or run it now (SQLite). *@id (may be NULL) gets the id it
 * inserted, at the latest when _vastus_conn_flush returns. VASTUS_DONE, or an error code
 * (then the statement failed now, or sending it did). */
int         _vastus_step_queued             (VastusStmt  *stmt,
                                             gint64      *id);
/* Waits for the answers of the statements queued since the last flush: VASTUS_DONE, or the
 * error code of the first that failed (nothing queued after it ran) with *@failed its place
 * among them (0-based; G_MAXUINT when the failure was the transaction's own: its BEGIN,
 * SAVEPOINT or RELEASE). Flush before anything that reads what they wrote, and before the
 * transaction ends: a failure among them must fail the write. */
int         _vastus_conn_flush              (VastusConn  *conn,
                                             guint       *failed);

/* Columns (0-based) of the current row. A NULL reads as 0, NULL text, NAN or a cleared date. */
int         _vastus_column_count            (VastusStmt  *stmt);
gboolean    _vastus_column_is_null          (VastusStmt  *stmt,
                                             int          column);
gint64      _vastus_column_int64            (VastusStmt  *stmt,
                                             int          column);
int         _vastus_column_int              (VastusStmt  *stmt,
                                             int          column);
double      _vastus_column_double           (VastusStmt  *stmt,
                                             int          column);
/* The text, valid until the next step or reset of @stmt. */
const char *_vastus_column_peek             (VastusStmt  *stmt,
                                             int          column);
/* A copy of the text. */
char       *_vastus_column_text             (VastusStmt  *stmt,
                                             int          column);
void        _vastus_column_date             (VastusStmt  *stmt,
                                             int          column,
                                             GDate       *out);

/* The rows the last INSERT, UPDATE or DELETE changed; the id of the last row inserted. */
gint64      _vastus_conn_changes            (VastusConn  *conn);
gint64      _vastus_conn_last_insert_id     (VastusConn  *conn);

/* Runs @script (statements separated by ';', no results): VASTUS_DONE or an error code. */
int         _vastus_conn_exec               (VastusConn  *conn,
                                             const char  *script);

/* Transactions: a write transaction (taking the write lock at once), a read transaction (one
 * snapshot), and one savepoint name nested inside them (RELEASE and ROLLBACK TO act on the
 * innermost). Each returns VASTUS_DONE or the engine's error code. */
typedef enum
{
  VASTUS_TX_BEGIN_WRITE,
  VASTUS_TX_BEGIN_READ,
  VASTUS_TX_COMMIT,
  VASTUS_TX_ROLLBACK,
  VASTUS_TX_SAVEPOINT,
  VASTUS_TX_RELEASE,
  VASTUS_TX_ROLLBACK_TO,
} VastusTxOp;

int         _vastus_conn_transaction        (VastusConn  *conn,
                                             VastusTxOp   op);
/* Whether a transaction is open (an engine may have ended one itself after an error). */
gboolean    _vastus_conn_in_transaction     (VastusConn  *conn);

/* A bulk load of rows written with their own ids and audit entries (a copy of a whole clinic),
 * inside a write transaction: begin turns the triggers off (no rule runs, no audit row is added),
 * the end turns them on again and has the engine take up counting after the largest ids. The
 * statement cache is cleared around both (a statement holds the triggers it was prepared with).
 * VASTUS_DONE or the engine's error code. */
int         _vastus_conn_bulk_load          (VastusConn  *conn,
                                             gboolean     begin);

/* Errors: @rc is what a call above returned. The VASTUS_STORE_ERROR_* code for it. */
int         _vastus_conn_error_code         (VastusConn  *conn,
                                             int          rc);
/* The engine's own words for the last error (valid until the next call on @conn). */
const char *_vastus_conn_error_message      (VastusConn  *conn,
                                             int          rc);
/* Whether @rc is a unique constraint of @table's @column refusing a second equal value. */
gboolean    _vastus_conn_is_unique_violation (VastusConn *conn,
                                             int          rc,
                                             const char  *table,
                                             const char  *column);
/* Sets @error for @rc: @what says what failed ("Could not save the visit"). */
void        _vastus_conn_set_error          (VastusConn  *conn,
                                             GError     **error,
                                             int          rc,
                                             const char  *what);

/* Finalizes the cached statements and closes the connection (the engine's handle too when
 * the connection owns it). */
void        _vastus_conn_free               (VastusConn  *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusConn, _vastus_conn_free)
/* Finalizes the cached statements only (before the schema changes under them). */
void        _vastus_conn_clear_cache        (VastusConn  *conn);

/* `?NNN` and `?` as `$NNN` (a bare `?` is one more than the largest number before it, as in
 * SQLite); `?` in '…' literals, "…" identifiers, -- and block comments left alone. */
char       *_vastus_conn_rewrite_placeholders (const char *sql);

G_END_DECLS
