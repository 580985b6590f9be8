/* vastus-criteria-set-item.h: one criteria set (its latest version) in the clinic's list
 *
 * Stands for one set (by its id); a new version replaces the set in place and "set" notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-criteria.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CRITERIA_SET_ITEM (vastus_criteria_set_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusCriteriaSetItem, vastus_criteria_set_item, VASTUS, CRITERIA_SET_ITEM,
                      GObject)

const char              *vastus_criteria_set_item_get_id  (VastusCriteriaSetItem *self);
const VastusCriteriaSet *vastus_criteria_set_item_get_set (VastusCriteriaSetItem *self);

/* Within src/clinic/: take ownership of @set. */
VastusCriteriaSetItem   *_vastus_criteria_set_item_new    (VastusCriteriaSet     *set);
void                     _vastus_criteria_set_item_update (VastusCriteriaSetItem *self,
                                                           VastusCriteriaSet     *set);

G_END_DECLS
