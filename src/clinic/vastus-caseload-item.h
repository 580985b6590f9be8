/* vastus-caseload-item.h: one patient in the caseload (vastus_clinic_list_caseload_async)
 *
 * A read-only line of the lead therapist's caseload (vastus-caseload.h); a new list is read when
 * something changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-caseload.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CASELOAD_ITEM (vastus_caseload_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusCaseloadItem, vastus_caseload_item, VASTUS, CASELOAD_ITEM, GObject)

const VastusCaseloadRow *vastus_caseload_item_get_row (VastusCaseloadItem *self);

/* Takes ownership of @row. */
VastusCaseloadItem      *vastus_caseload_item_new     (VastusCaseloadRow  *row);

G_END_DECLS
