/* vastus-sqlite-conn.h: the SQLite engine behind vastus-conn.h (for the SQLite-specific files
 * of src/storage/sqlite/ only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vastus-conn.h"

G_BEGIN_DECLS

/* A connection on @db; closing it closes @db when @owned. */
VastusConn *_vastus_sqlite_conn_new         (sqlite3        *db,
                                             gboolean        owned);
sqlite3    *_vastus_sqlite_conn_get_handle  (VastusConn     *conn);

/* The VastusStoreError code for a SQLite result code. */
int         _vastus_store_code_from_sqlite  (int             rc);
/* Sets @error for a failed read of the file @path: DAMAGED for anything but a lock, the disk
 * or permissions. */
void        _vastus_store_set_read_error    (GError        **error,
                                             sqlite3        *db,
                                             const char     *path,
                                             int             rc);

G_END_DECLS
