/* vastus-name-review-window.h: the patients whose names were split by a guess, to check
 *
 * Names once written in one field were split into family and given names by one rule
 * (vastus_name_split); where that was a guess (one word; three or more words) the patient is
 * listed for review (vastus_clinic_get_name_reviews, whose list this window shows as it changes).
 * Each row shows the split and the name as it was written: Edit opens the patient editor
 * (correcting the names takes the patient off the list), Correct confirms the split.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_NAME_REVIEW_WINDOW (vastus_name_review_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusNameReviewWindow, vastus_name_review_window, VASTUS,
                      NAME_REVIEW_WINDOW, AdwWindow)

/* Belongs to @parent's application. */
GtkWidget *vastus_name_review_window_new        (GtkWindow              *parent,
                                                 VastusClinic           *clinic);
/* For tests: the listed patients' rows, in order (AdwActionRow), and a row's "edit" or
 * "correct" button. */
GPtrArray *vastus_name_review_window_get_rows   (VastusNameReviewWindow *self);
GtkWidget *vastus_name_review_window_get_button (GtkWidget              *row,
                                                 const char             *name);

G_END_DECLS
