/* vastus-name-review-item.h: one patient whose names were split by a guess, to check
 *
 * Names once written in one field were split into family and given names by one rule
 * (vastus_name_split); where that was a guess (one word; three or more words) the patient is
 * listed for a person to check (vastus_clinic_get_name_reviews).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_NAME_REVIEW_ITEM (vastus_name_review_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusNameReviewItem, vastus_name_review_item, VASTUS, NAME_REVIEW_ITEM,
                      GObject)

gint64      vastus_name_review_item_get_patient_id  (VastusNameReviewItem *self);
const char *vastus_name_review_item_get_mrn         (VastusNameReviewItem *self);
/* The name as it was written in one field. */
const char *vastus_name_review_item_get_written     (VastusNameReviewItem *self);
/* As it was split (given names may be NULL). */
const char *vastus_name_review_item_get_family_name (VastusNameReviewItem *self);
const char *vastus_name_review_item_get_given_name  (VastusNameReviewItem *self);
/* vastus_name_split's code of the guess: "one_word", "several_words", "empty". */
const char *vastus_name_review_item_get_reason      (VastusNameReviewItem *self);

G_END_DECLS
