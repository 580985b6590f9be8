/* vastus-pg-database.h: opening a database on a PostgreSQL server (for the storage layer's
 * opening code; no store includes it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

struct pg_conn;

/* Whether @path is a libpq URI (postgresql:// or postgres://) rather than a file. */
gboolean        _vastus_pg_is_uri          (const char  *path);
/* @uri without a password, for messages. */
char           *_vastus_pg_uri_label       (const char  *uri);
/* A session on @uri (connect_timeout set, vastus.app_version set), or NULL with @error
 * (VASTUS_STORE_ERROR_OPEN naming the server's reason). */
struct pg_conn *_vastus_pg_connect         (const char  *uri,
                                            GError     **error);
/* The Vastus database at @uri: refused (with what to do) when it is empty, another
 * application's, or of another schema version. */
VastusDatabase *_vastus_pg_database_open   (const char  *uri,
                                            gboolean     read_only,
                                            GError     **error);
/* `check` of the server's database @db (vastus-pg-check.c): what differs from this version's
 * schema (tables, columns, triggers there and on), constraints not validated, breaks in the
 * audit chain and its head, each a line (char*) added to @problems. FALSE with @error only when
 * it could not be read. */
gboolean        _vastus_pg_check           (VastusDatabase *db,
                                            GPtrArray      *problems,
                                            GError        **error);

G_END_DECLS
