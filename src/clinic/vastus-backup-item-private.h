/* vastus-backup-item-private.h: made from the storage layer's VastusBackupInfo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-backup-item.h"
#include "vastus-backup.h"

G_BEGIN_DECLS

VastusBackupItem *_vastus_backup_item_new (const VastusBackupInfo *info);

G_END_DECLS
