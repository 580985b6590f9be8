/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-caseload-item"

#include "config.h"

#include "vastus-caseload-item.h"

struct _VastusCaseloadItem
{
  GObject            parent_instance;

  VastusCaseloadRow *row;
};

G_DEFINE_FINAL_TYPE (VastusCaseloadItem, vastus_caseload_item, G_TYPE_OBJECT)

static void
vastus_caseload_item_finalize (GObject *object)
{
  VastusCaseloadItem *self = VASTUS_CASELOAD_ITEM (object);

  g_clear_pointer (&self->row, vastus_caseload_row_free);
  G_OBJECT_CLASS (vastus_caseload_item_parent_class)->finalize (object);
}

static void
vastus_caseload_item_class_init (VastusCaseloadItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_caseload_item_finalize;
}

static void
vastus_caseload_item_init (VastusCaseloadItem *self)
{
}

VastusCaseloadItem *
vastus_caseload_item_new (VastusCaseloadRow *row)
{
  VastusCaseloadItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_CASELOAD_ITEM, NULL);
  self->row = row;
  return self;
}

const VastusCaseloadRow *
vastus_caseload_item_get_row (VastusCaseloadItem *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_ITEM (self), NULL);
  return self->row;
}
