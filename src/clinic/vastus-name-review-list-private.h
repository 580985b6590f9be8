/* vastus-name-review-list-private.h: made by the clinic that owns it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-name-review-list.h"

G_BEGIN_DECLS

VastusNameReviewList *_vastus_name_review_list_new           (VastusClinic         *clinic);
/* The clinic is going: nothing more is read. */
void                  _vastus_name_review_list_forget_clinic (VastusNameReviewList *self);

G_END_DECLS
