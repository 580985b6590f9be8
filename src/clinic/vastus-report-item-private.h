/* vastus-report-item-private.h: report items are made inside src/clinic/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-report-item.h"
#include "vastus-report-store.h"

G_BEGIN_DECLS

/* Takes ownership of @record. */
VastusReportItem *_vastus_report_item_new (VastusReportRecord *record);

G_END_DECLS
