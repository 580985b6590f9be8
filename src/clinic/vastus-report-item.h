/* vastus-report-item.h: one report on record (an exported or printed report), for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_REPORT_ITEM (vastus_report_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusReportItem, vastus_report_item, VASTUS, REPORT_ITEM, GObject)

gint64       vastus_report_item_get_id           (VastusReportItem *self);
/* UTC, "YYYY-MM-DDTHH:MM:SS.SSSZ". */
const char  *vastus_report_item_get_created_at   (VastusReportItem *self);
/* The file's base name, or "(printed)". */
const char  *vastus_report_item_get_file_name    (VastusReportItem *self);
/* 64 lowercase hex digits. */
const char  *vastus_report_item_get_sha256       (VastusReportItem *self);
/* The therapist's text; NULL when there was none. */
const char  *vastus_report_item_get_narrative    (VastusReportItem *self);
gboolean     vastus_report_item_get_deidentified (VastusReportItem *self);

G_END_DECLS
