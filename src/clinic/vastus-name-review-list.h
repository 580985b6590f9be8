/* vastus-name-review-list.h: the patients whose names were split by a guess, as a list model
 *
 * Of VastusNameReviewItem, by family name (vastus_clinic_get_name_reviews). Read when the clinic
 * opens and again after every change to a patient (editing a patient's names, or confirming
 * their split, takes them off the list; an import may add some), with items-changed for the rows
 * that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_NAME_REVIEW_LIST (vastus_name_review_list_get_type ())
G_DECLARE_FINAL_TYPE (VastusNameReviewList, vastus_name_review_list, VASTUS, NAME_REVIEW_LIST,
                      GObject)

/* Whether the list has been read once ("loaded"; until then it is empty for not knowing). */
gboolean vastus_name_review_list_get_loaded (VastusNameReviewList *self);

G_END_DECLS
