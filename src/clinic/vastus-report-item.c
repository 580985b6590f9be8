/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-report-item-private.h"

struct _VastusReportItem
{
  GObject             parent_instance;
  VastusReportRecord *record;
};

G_DEFINE_FINAL_TYPE (VastusReportItem, vastus_report_item, G_TYPE_OBJECT)

static void
vastus_report_item_finalize (GObject *object)
{
  VastusReportItem *self = VASTUS_REPORT_ITEM (object);

  g_clear_pointer (&self->record, vastus_report_record_free);
  G_OBJECT_CLASS (vastus_report_item_parent_class)->finalize (object);
}

static void
vastus_report_item_class_init (VastusReportItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_report_item_finalize;
}

static void
vastus_report_item_init (VastusReportItem *self)
{
}

VastusReportItem *
_vastus_report_item_new (VastusReportRecord *record)
{
  VastusReportItem *self = g_object_new (VASTUS_TYPE_REPORT_ITEM, NULL);

  self->record = record;
  return self;
}

gint64
vastus_report_item_get_id (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), 0);
  return self->record->id;
}

const char *
vastus_report_item_get_created_at (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), NULL);
  return self->record->created_at;
}

const char *
vastus_report_item_get_file_name (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), NULL);
  return self->record->file_name;
}

const char *
vastus_report_item_get_sha256 (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), NULL);
  return self->record->sha256;
}

const char *
vastus_report_item_get_narrative (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), NULL);
  return self->record->narrative;
}

gboolean
vastus_report_item_get_deidentified (VastusReportItem *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_ITEM (self), FALSE);
  return self->record->deidentified;
}
