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
/* @store_error (VASTUS_STORE_ERROR) as the VASTUS_BACKUP_ERROR with the same meaning; FALSE. */
gboolean  _vastus_backup_error_from_store       (GError          **error,
                                                 GError           *store_error);
/* Connections of our own: extended codes, a busy timeout, no URI tricks. */
sqlite3  *_vastus_backup_open_db                (const char       *path,
                                                 gboolean          read_only,
                                                 GError          **error);
void      _vastus_backup_close_db               (sqlite3          *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, _vastus_backup_close_db)
/* A connection that only reads a regular file of at least one page (read-write only to recover
 * a dead process's WAL index; one that needs no -shm where none can be made). */
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
/* fsync, unless a test makes it fail (a folder whose sync fails after the rename). */
extern int (*_vastus_backup_fsync)              (int               fd);
gboolean  _vastus_backup_sync_path              (const char       *path,
                                                 gboolean          directory,
                                                 GError          **error);
gboolean  _vastus_backup_ensure_private_folder  (const char       *folder,
                                                 GError          **error);
gboolean  _vastus_backup_same_file              (const char       *a,
                                                 const char       *b);
/* Removes a temporary copy and its journal. */
void      _vastus_backup_remove_temp            (const char       *path);
void      _vastus_backup_remove_temp_and_free   (char             *path);
/* A new 0600 file in @folder, named .vastus-backup-PID-XXXXXX. */
char     *_vastus_backup_make_temp              (const char       *folder,
                                                 GError          **error);
/* Removes the temporary files in @folder of processes that are gone (or older than an hour). */
void      _vastus_backup_remove_stale_temps     (const char       *folder);
/* Writes @image into a new file in @folder, reads it back and syncs it. The file is unnamed
 * (O_TMPFILE) where the file system allows, else *@temp_path names it. Returns its descriptor,
 * or -1 with @error (nothing left behind). */
int       _vastus_backup_write_temp             (const char       *folder,
                                                 const void       *image,
                                                 gsize             size,
                                                 char            **temp_path,
                                                 GError          **error);
/* Names the file of _vastus_backup_write_temp @target: a new name (EXISTS when it is taken), or,
 * with @replace, over an existing file in one rename. @temp_path is not removed. */
gboolean  _vastus_backup_link_temp              (int               fd,
                                                 const char       *temp_path,
                                                 const char       *target,
                                                 gboolean          replace,
                                                 GError          **error);

/* vastus-backup-server.c: @db on a server copied whole into a new file beside @dest (the copy
 * verified by its content hash), backed up from there to @dest as any file is, and the copy
 * removed. @dest is required (there is no backups folder beside a server). */
char     *_vastus_backup_create_server          (VastusDatabase           *db,
                                                 const char               *dest,
                                                 VastusBackupCreateFlags   flags,
                                                 VastusBackupKind          kind,
                                                 GDateTime                *now,
                                                 GError                  **error);

/* In vastus-backup.c. Copies everything of @src into the database @dest with the online backup
 * API, in one transaction on the destination. */
gboolean  _vastus_backup_copy_database          (sqlite3          *src,
                                                 const char       *src_path,
                                                 sqlite3          *dest,
                                                 const char       *dest_path,
                                                 GError          **error);
/* @folder's file name for a backup of the database at @db_path, of @kind, taken at @time, made
 * unique. */
char     *_vastus_backup_unique_path            (const char       *folder,
                                                 const char       *db_path,
                                                 GDateTime        *time,
                                                 VastusBackupKind  kind);
/* The private copy of @src (read only) for every check: a writable database in memory (SQLite
 * tests CHECK constraints only where it may write), in rollback-journal mode. */
sqlite3  *_vastus_backup_copy_to_memory         (sqlite3          *src,
                                                 const char       *src_path,
                                                 GError          **error);
/* Identifies @src (vastus-schema.c), copies it into memory and checks the copy fully: the copy,
 * or NULL with @error (DAMAGED with the first problem). *@version is the file's. */
sqlite3  *_vastus_backup_verified_copy          (sqlite3          *src,
                                                 const char       *path,
                                                 int              *version,
                                                 GError          **error);

/* In vastus-database-check.c. What `check` finds on a private copy beyond the schema: integrity
 * (with CHECK constraints), foreign keys, the audit chain, measures and hard limits. Problems
 * are appended; @error (VASTUS_STORE_ERROR) when the checks could not run. */
gboolean  _vastus_check_copy                    (sqlite3          *copy,
                                                 const char       *path,
                                                 GPtrArray        *problems,
                                                 GError          **error);

G_END_DECLS
