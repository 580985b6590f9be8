/* vastus-backup-private.h: the backup hooks the rest of src/storage/ calls, and the helpers
 * the backup files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vastus-backup.h"

G_BEGIN_DECLS

/* A verified backup of the database open on @handle (stored at @db_path) into the backups folder,
 * then rotation of that kind. The migration runner calls it with
 * VASTUS_BACKUP_KIND_PRE_MIGRATION before it migrates an existing database (user_version ≥ 1),
 * outside any transaction. Does nothing for ":memory:" or an empty @db_path. @created
 * (optional) is the new file. */
gboolean _vastus_backup_from_handle (sqlite3          *handle,
                                     const char       *db_path,
                                     VastusBackupKind  kind,
                                     GDateTime        *now,
                                     char            **created,
                                     GError          **error);

/* For the migration runner: a pre-migration backup when @from_version ≥ 1, with the error in
 * VASTUS_STORE_ERROR (NO_SPACE, BUSY, else SCHEMA). Migrate only when it returns TRUE. */
gboolean _vastus_backup_before_migration (sqlite3     *handle,
                                          const char  *db_path,
                                          int          from_version,
                                          GError     **error);

/* Shared by the backup files (vastus-backup*.c, vastus-database-check.c); defined in
 * vastus-backup-util.c unless noted. Errors are in VASTUS_BACKUP_ERROR. */
void      _vastus_backup_set_sqlite_error       (GError          **error,
                                                 sqlite3          *db,
                                                 int               rc,
                                                 const char       *what,
                                                 const char       *path);
void      _vastus_backup_set_errno_error        (GError          **error,
                                                 int               saved_errno,
                                                 const char       *what,
                                                 const char       *path);
/* Connections of our own: extended codes, a busy timeout, no URI tricks. */
sqlite3  *_vastus_backup_open_db                (const char       *path,
                                                 gboolean          read_only,
                                                 GError          **error);
void      _vastus_backup_close_db               (sqlite3          *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, _vastus_backup_close_db)
/* A connection that only reads (read-write only to recover a dead process's WAL index). */
sqlite3  *_vastus_backup_open_for_reading       (const char       *path,
                                                 GError          **error);
gboolean  _vastus_backup_query_int              (sqlite3          *db,
                                                 const char       *sql,
                                                 const char       *path,
                                                 gint64           *out,
                                                 GError          **error);
/* Runs an integrity pragma; each row that is not "ok" goes to @problems. */
gboolean  _vastus_backup_run_integrity          (sqlite3          *db,
                                                 const char       *sql,
                                                 const char       *path,
                                                 GPtrArray        *problems,
                                                 GError          **error);
gboolean  _vastus_backup_run_foreign_key_check  (sqlite3          *db,
                                                 const char       *path,
                                                 GPtrArray        *problems,
                                                 GError          **error);
gboolean  _vastus_backup_sync_path              (const char       *path,
                                                 gboolean          directory,
                                                 GError          **error);
gboolean  _vastus_backup_ensure_private_folder  (const char       *folder,
                                                 GError          **error);
gboolean  _vastus_backup_same_file              (const char       *a,
                                                 const char       *b);
/* Removes a temporary copy and its journal. */
void      _vastus_backup_remove_temp            (const char       *path);

/* In vastus-backup.c. Copies everything of @src into the database @dest with the online backup
 * API, in one transaction on the destination. */
gboolean  _vastus_backup_copy_database          (sqlite3          *src,
                                                 const char       *src_path,
                                                 sqlite3          *dest,
                                                 const char       *dest_path,
                                                 GError          **error);
/* A new 0600 file in @folder for a copy. */
char     *_vastus_backup_make_temp              (const char       *folder,
                                                 GError          **error);
/* @folder's file name for a backup of @kind taken at @time, made unique. */
char     *_vastus_backup_unique_path            (const char       *folder,
                                                 GDateTime        *time,
                                                 VastusBackupKind  kind);

G_END_DECLS
