/* vastus-name-review-item-private.h: made from the storage layer's VastusNameReview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"
#include "vastus-name-review-item.h"

G_BEGIN_DECLS

VastusNameReviewItem *_vastus_name_review_item_new  (const VastusNameReview *review);
/* Whether @self shows @review as it is. */
gboolean              _vastus_name_review_item_is   (VastusNameReviewItem   *self,
                                                     const VastusNameReview *review);

G_END_DECLS
