/* vastus-backup-private.h: the backup hooks the rest of src/storage/ calls
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

G_END_DECLS
