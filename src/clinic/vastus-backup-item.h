/* vastus-backup-item.h: one backup kept beside the database, as the window lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The same values as the storage layer's VastusBackupKind. */
typedef enum
{
  VASTUS_BACKUP_ITEM_REGULAR,        /* daily, or on request */
  VASTUS_BACKUP_ITEM_PRE_MIGRATION,  /* before an upgrade */
  VASTUS_BACKUP_ITEM_PRE_RESTORE,    /* before a restore replaced the database */
  VASTUS_BACKUP_ITEM_DAMAGED,        /* a damaged database, copied aside as it was */
} VastusBackupItemKind;

#define VASTUS_TYPE_BACKUP_ITEM (vastus_backup_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusBackupItem, vastus_backup_item, VASTUS, BACKUP_ITEM, GObject)

const char           *vastus_backup_item_get_path           (VastusBackupItem *self);
/* When it was taken (UTC). */
GDateTime            *vastus_backup_item_get_time           (VastusBackupItem *self);
VastusBackupItemKind  vastus_backup_item_get_kind           (VastusBackupItem *self);
/* Bytes. */
goffset               vastus_backup_item_get_size           (VastusBackupItem *self);
/* -1 when the file could not be read. */
int                   vastus_backup_item_get_schema_version (VastusBackupItem *self);
gint64                vastus_backup_item_get_n_patients     (VastusBackupItem *self);
gint64                vastus_backup_item_get_n_visits       (VastusBackupItem *self);

G_END_DECLS
