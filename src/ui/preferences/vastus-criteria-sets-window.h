/* vastus-criteria-sets-window.h: the criteria sets, and an editor for the clinic's own
 *
 * Lists the clinic's criteria sets (built-in and clinic ones) with their version and source,
 * following the clinic's list. "Copy and Edit" on a built-in set makes a clinic copy (version 1)
 * through the clinic and opens it in the editor; a clinic set's criteria (comparator and
 * threshold) and title can be changed, and saving stores a new version. Editing a built-in set
 * is not offered. What is stored is announced by the clinic (criteria-set-changed): every view
 * of the sets follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CRITERIA_SETS_WINDOW (vastus_criteria_sets_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusCriteriaSetsWindow, vastus_criteria_sets_window, VASTUS,
                      CRITERIA_SETS_WINDOW, AdwWindow)

GtkWidget  *vastus_criteria_sets_window_new             (GtkWindow                *parent,
                                                         VastusClinic             *clinic);
/* The set in the editor, or NULL when the list is shown. */
const char *vastus_criteria_sets_window_get_editing_id  (VastusCriteriaSetsWindow *self);

/* For tests: a listed set's button ("Copy and Edit" for a built-in set, "Edit" for a clinic
 * set); in the editor, a criterion's comparator drop-down and threshold spin button, and the
 * Save button. NULL when there is none. */
GtkWidget  *vastus_criteria_sets_window_get_set_button  (VastusCriteriaSetsWindow *self,
                                                         const char               *set_id);
GtkWidget  *vastus_criteria_sets_window_get_comparator  (VastusCriteriaSetsWindow *self,
                                                         const char               *criterion_id);
GtkWidget  *vastus_criteria_sets_window_get_threshold   (VastusCriteriaSetsWindow *self,
                                                         const char               *criterion_id);
GtkWidget  *vastus_criteria_sets_window_get_remove_button (VastusCriteriaSetsWindow *self,
                                                           const char               *criterion_id);
/* The add form's "label", "metric", "measure", "comparator", "threshold", "sex", "velocity",
 * "problem" (the row that says what is wrong) and "button". */
GtkWidget  *vastus_criteria_sets_window_get_add_field     (VastusCriteriaSetsWindow *self,
                                                           const char               *name);
GtkWidget  *vastus_criteria_sets_window_get_save_button (VastusCriteriaSetsWindow *self);

G_END_DECLS
