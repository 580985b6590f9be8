/* vastus-visit-item.h: one stored visit of an episode, with its measurements, for list models
 *
 * Stands for one visit (its id never changes); when the visit changes, its record is replaced in
 * place and "visit" notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_ITEM (vastus_visit_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitItem, vastus_visit_item, VASTUS, VISIT_ITEM, GObject)

gint64             vastus_visit_item_get_id    (VastusVisitItem *self);
const VastusVisit *vastus_visit_item_get_visit (VastusVisitItem *self);

/* Within src/clinic/: takes ownership of @visit. */
VastusVisitItem   *_vastus_visit_item_new      (VastusVisit     *visit);
/* Takes ownership of @visit (the same visit, read again); notifies "visit" when it differs. */
void               _vastus_visit_item_update   (VastusVisitItem *self,
                                                VastusVisit     *visit);
/* Whether two records of a visit hold the same (the ids of their measurements too). */
gboolean           _vastus_visit_equal         (const VastusVisit *a,
                                                const VastusVisit *b);

G_END_DECLS
