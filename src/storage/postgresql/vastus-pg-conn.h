/* vastus-pg-conn.h: the PostgreSQL engine behind vastus-conn.h (for src/storage/postgresql/
 * only, and the tests of its dialect)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "vastus-conn.h"

G_BEGIN_DECLS

/* A connection on @pg, which it owns (PQfinish on close). */
VastusConn *_vastus_pg_conn_new             (PGconn         *pg);
PGconn     *_vastus_pg_conn_get_handle      (VastusConn     *conn);
/* Outside a transaction, a connection the server dropped while idle is made again now, as the
 * next statement would (FALSE when that failed; the statement will say why). */
gboolean    _vastus_pg_conn_reconnect_if_dropped (VastusConn *conn);
/* Whether @stmt's rows are streamed (_vastus_conn_prepare_stream, vastus-pg-stream.c), for the
 * tests. */
gboolean    _vastus_pg_stmt_is_streamed     (VastusStmt     *stmt);
/* Runs @sql, a setting of the session (SET …), and keeps it: a connection made again after the
 * server dropped it (vastus-pg-conn.c) is set the same way. VASTUS_DONE, or the error's rc. */
int         _vastus_pg_conn_set_session     (VastusConn     *conn,
                                             const char     *sql);

/* A statement's round trip with a deadline (vastus-pg-wait.c): as PQexec, PQexecPrepared,
 * PQprepare and PQdescribePrepared, but a server that has not answered within
 * _vastus_pg_deadline_ms () is given up: the connection is closed, NULL is returned and
 * *@timed_out (may be NULL) is set TRUE (never back to FALSE). NULL too when sending failed
 * (PQerrorMessage says why). */
guint       _vastus_pg_deadline_ms          (void);
/* Whether the application is quitting (vastus_database_servers_quitting). */
gboolean    _vastus_pg_quitting             (void);
/* How many times the statements' waits woke up in this process (their poll () returned: the
 * socket, the deadline, or the application beginning to quit), for the tests. */
guint       _vastus_pg_wait_n_polls         (void);
PGresult   *_vastus_pg_exec                 (PGconn             *pg,
                                             const char         *sql,
                                             gboolean           *timed_out);
PGresult   *_vastus_pg_exec_prepared        (PGconn             *pg,
                                             const char         *name,
                                             int                 n_params,
                                             const char *const  *values,
                                             gboolean           *timed_out);
PGresult   *_vastus_pg_prepare              (PGconn             *pg,
                                             const char         *name,
                                             const char         *text,
                                             int                 n_types,
                                             const Oid          *types,
                                             gboolean           *timed_out);
PGresult   *_vastus_pg_describe_prepared    (PGconn             *pg,
                                             const char         *name,
                                             gboolean           *timed_out);

/* In pipeline mode: the next result, as PQgetResult returns it (NULL at the end of each
 * statement's results), once it has come, with the same deadline for the server's silence. NULL
 * too when the deadline passed (*@timed_out set TRUE, the connection given up) or the connection
 * failed: PQstatus is then CONNECTION_BAD. */
PGresult   *_vastus_pg_pipeline_result      (PGconn             *pg,
                                             gboolean           *timed_out);

/* While a COPY … TO STDOUT runs: the next row, as PQgetCopyData (async) returns it (its length
 * and *@buffer, to be freed with PQfreemem; -1 at the COPY's end, whose result PQgetResult then
 * gives; -2 when the connection failed), once it has come, with the same deadline for the
 * server's silence (each row that comes starts it again). -2 too when the deadline passed
 * (*@timed_out set TRUE, the connection given up). */
int         _vastus_pg_copy_data            (PGconn             *pg,
                                             char              **buffer,
                                             gboolean           *timed_out);

/* Aborts, naming @sql, when it would run on the thread vastus_database_guard_begin guards and
 * VASTUS_MAIN_THREAD_SQL is "abort" (SQLite's engine does this from its statement hook). */
void        _vastus_pg_check_thread         (const char     *sql);

/* Whether @sqlstate (may be NULL) says the server takes no changes now (a standby, or a database
 * set read-only): VASTUS_STORE_ERROR_READ_ONLY, said as such (vastus-pg-error.c). */
gboolean    _vastus_pg_is_read_only_state   (const char     *sqlstate);
/* The VastusStoreError code for a SQLSTATE (NULL: the connection was lost before one came). */
int         _vastus_pg_store_code           (const char     *sqlstate);
/* The server refused a change, for a reason of its own rather than of the record: it takes none
 * now (25006, READ_ONLY) or not from this login (42501, PERMISSION). Sets @error to the one
 * message for it, the same for the window and vastus-cli: what was not done (@what), that nothing
 * was saved, and what to do; for a refused permission it names @login and either the clinicians'
 * group the login is not in and the command that adds it (`vastus-cli server grant LOGIN`) or,
 * when @owner_only (the login is a clinician's, or the change is one only the database's owner
 * may make, such as `server init`), the database's owner. FALSE (@error untouched) for any other @sqlstate. */
gboolean    _vastus_pg_set_refusal          (GError        **error,
                                             const char     *sqlstate,
                                             PGconn         *pg,
                                             gboolean        owner_only,
                                             const char     *what);
/* Whether @conn's login is in the clinicians' group (vastus_clinician), as read when it was
 * opened: what a refused permission then says (_vastus_pg_set_refusal). */
void        _vastus_pg_conn_set_clinician   (VastusConn     *conn,
                                             gboolean        clinician);

/* The dialect (vastus-pg-dialect.c): a store's SQL (SQLite's spelling, vastus-conn.h) as
 * PostgreSQL runs it. *@returning_id is set when the statement inserts into a table whose id
 * is an identity and did not ask for RETURNING itself: " RETURNING id" was added, for
 * _vastus_conn_last_insert_id, and the engine hides that row from the store. */
char       *_vastus_pg_dialect_rewrite      (const char     *sql,
                                             gboolean       *returning_id);

G_END_DECLS
