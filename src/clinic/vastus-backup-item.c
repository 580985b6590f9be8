/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-backup-item-private.h"

struct _VastusBackupItem
{
  GObject               parent_instance;
  char                 *path;
  GDateTime            *time;
  VastusBackupItemKind  kind;
  goffset               size;
  int                   schema_version;
  gint64                n_patients;
  gint64                n_visits;
};

G_DEFINE_FINAL_TYPE (VastusBackupItem, vastus_backup_item, G_TYPE_OBJECT)

G_STATIC_ASSERT ((int) VASTUS_BACKUP_ITEM_REGULAR == (int) VASTUS_BACKUP_KIND_REGULAR);
G_STATIC_ASSERT ((int) VASTUS_BACKUP_ITEM_PRE_MIGRATION == (int) VASTUS_BACKUP_KIND_PRE_MIGRATION);
G_STATIC_ASSERT ((int) VASTUS_BACKUP_ITEM_PRE_RESTORE == (int) VASTUS_BACKUP_KIND_PRE_RESTORE);
G_STATIC_ASSERT ((int) VASTUS_BACKUP_ITEM_DAMAGED == (int) VASTUS_BACKUP_KIND_DAMAGED);

static void
vastus_backup_item_finalize (GObject *object)
{
  VastusBackupItem *self = VASTUS_BACKUP_ITEM (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);
  G_OBJECT_CLASS (vastus_backup_item_parent_class)->finalize (object);
}

static void
vastus_backup_item_class_init (VastusBackupItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_backup_item_finalize;
}

static void
vastus_backup_item_init (VastusBackupItem *self)
{
}

VastusBackupItem *
_vastus_backup_item_new (const VastusBackupInfo *info)
{
  VastusBackupItem *self = g_object_new (VASTUS_TYPE_BACKUP_ITEM, NULL);

  self->path = g_strdup (info->path);
  self->time = info->time != NULL ? g_date_time_ref (info->time) : NULL;
  self->kind = (VastusBackupItemKind) info->kind;
  self->size = info->size;
  self->schema_version = info->schema_version;
  self->n_patients = info->n_patients;
  self->n_visits = info->n_visits;
  return self;
}

const char *
vastus_backup_item_get_path (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), NULL);
  return self->path;
}

GDateTime *
vastus_backup_item_get_time (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), NULL);
  return self->time;
}

VastusBackupItemKind
vastus_backup_item_get_kind (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), VASTUS_BACKUP_ITEM_REGULAR);
  return self->kind;
}

goffset
vastus_backup_item_get_size (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), 0);
  return self->size;
}

int
vastus_backup_item_get_schema_version (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), -1);
  return self->schema_version;
}

gint64
vastus_backup_item_get_n_patients (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), -1);
  return self->n_patients;
}

gint64
vastus_backup_item_get_n_visits (VastusBackupItem *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_ITEM (self), -1);
  return self->n_visits;
}
