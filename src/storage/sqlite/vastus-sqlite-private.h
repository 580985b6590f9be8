/* vastus-sqlite-private.h: what the SQLite-specific files of src/storage/sqlite/ share (opening
 * a file, its schema and migrations, the SQL functions the triggers call, the audit chain's
 * hash over SQLite values, the main-thread guard). No store includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vastus-database-private.h"
#include "vastus-sqlite-conn.h"

G_BEGIN_DECLS

/* The SQLite handle of @self's connection. */
sqlite3    *_vastus_database_get_handle     (VastusDatabase *self);
/* Makes @db (NULL: none) @self's handle and connection, in place of the one before (whose
 * statements are finalized); closing the connection closes @db when @owned. */
void        _vastus_database_attach         (VastusDatabase *self,
                                             sqlite3        *db,
                                             gboolean        owned);

/* vastus-database-open.c */

/* A regular file of at least one database page; NOT_FOUND, DAMAGED (empty, too short, not a
 * file) or OPEN otherwise. */
gboolean    _vastus_database_check_file     (const char     *path,
                                             GError        **error);
/* A connection that only reads @path without writing anything beside it (no -shm): see
 * vastus_database_open_read_only. Errors in VASTUS_STORE_ERROR. */
sqlite3    *_vastus_database_open_reading_handle (const char *path,
                                             GError        **error);

/* Upgrades the database on @handle (a private copy at schema @version, not a file of the
 * clinic's) to the latest schema, as opening would, without a pre-migration backup. */
gboolean    _vastus_database_try_upgrade    (sqlite3        *handle,
                                             const char     *label,
                                             int             version,
                                             GError        **error);

/* vastus-schema.c */

/* The SQL functions the triggers call (vastus_actor: @owner's actor, the login name when NULL). */
int         _vastus_database_register_functions (sqlite3    *db,
                                             VastusDatabase *owner);
/* Applies the migrations above self->schema_version (after a pre-migration backup of a file
 * that has a version), each in its own transaction; updates self->schema_version. */
gboolean    _vastus_schema_migrate          (VastusDatabase *self,
                                             GError        **error);
/* What the file open on @db is: its schema version in *@version, when it is a Vastus database
 * of a version this one knows whose schema (tables, columns, indexes, triggers, views) is the
 * one that version must have. Otherwise FALSE with NOT_VASTUS, NEWER or DAMAGED (a schema
 * version that the rest of the file disagrees with is damage, not "newer"). With @differences,
 * a schema that differs from its version's is not an error: each difference is appended, as
 * a sentence naming the object. */
gboolean    _vastus_schema_identify         (sqlite3        *db,
                                             const char     *path,
                                             int            *version,
                                             GPtrArray      *differences,
                                             GError        **error);
/* Appends one sentence per object added, missing or changed against @version's schema. */
gboolean    _vastus_schema_compare          (sqlite3        *db,
                                             const char     *path,
                                             int             version,
                                             GPtrArray      *differences,
                                             GError        **error);

/* vastus-audit-store.c: the audit trail's chain of seals. Each row's hash is SHA-256 over the
 * previous row's hash and the row's own fields (id, at, actor, table_name, row_id, operation,
 * old_json, new_json, app_version: @n_fields values). */
#define VASTUS_AUDIT_HASH_LEN 64
void        _vastus_audit_hash              (const char     *previous,
                                             sqlite3_value **fields,
                                             int             n_fields,
                                             char           *hex);
/* Follows the chain over every audit row of @db (when it has the hash column): each break is a
 * problem naming the first row concerned and its time. */
gboolean    _vastus_audit_check_chain       (sqlite3        *db,
                                             const char     *path,
                                             GPtrArray      *problems,
                                             GError        **error);

/* Every connection storage opens: installs the VASTUS_MAIN_THREAD_SQL guard when it is asked
 * for (vastus-database-guard.c). */
void        _vastus_database_watch          (sqlite3    *db);
G_END_DECLS
