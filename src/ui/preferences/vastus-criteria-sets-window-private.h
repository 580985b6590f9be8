/* vastus-criteria-sets-window-private.h: what the criteria-sets window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conflict-bar.h"
#include "vastus-criteria-sets-window.h"

G_BEGIN_DECLS

struct _VastusCriteriaSetsWindow
{
  AdwWindow            parent_instance;

  VastusClinic        *clinic;
  GListModel          *sets;          /* the clinic's, of VastusCriteriaSetItem */
  gboolean             busy;          /* a copy or a save is being stored */
  GPtrArray           *rows;          /* list rows, to remove on reload */
  GHashTable          *set_buttons;   /* set id → GtkButton */
  VastusCriteriaSet   *editing;       /* a copy of the set in the editor */
  GHashTable          *comparators;   /* criterion id → GtkDropDown */
  GHashTable          *thresholds;    /* criterion id → GtkSpinButton */
  GHashTable          *remove_buttons; /* criterion id → GtkButton */
  GPtrArray           *editor_rows;

  GtkButton           *back_button;
  AdwPreferencesGroup *builtin_group;
  AdwPreferencesGroup *clinic_group;
  AdwPreferencesGroup *criteria_group;
  GtkButton           *add_button;
  AdwActionRow        *add_problem_row;
  AdwEntryRow         *add_label_row;
  AdwComboRow         *add_metric_row;
  AdwComboRow         *add_measure_row;
  AdwComboRow         *add_comparator_row;
  AdwEntryRow         *add_threshold_row;
  AdwComboRow         *add_sex_row;
  AdwEntryRow         *add_velocity_row;
  GtkButton           *save_button;
  GtkStack            *stack;
  AdwEntryRow         *title_row;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  VastusConflictBar   *conflict_bar;
};

/* The comparators' symbols, in VastusComparator order (NULL-terminated). */
extern const char * const _vastus_criteria_sets_window_comparator_symbols[];

void        _vastus_criteria_sets_window_toast           (VastusCriteriaSetsWindow *self,
                                                          const char               *title);
const char *_vastus_criteria_sets_window_metric_label    (VastusMetric              metric);
/* A criterion's row in the editor, after the others. */
void        _vastus_criteria_sets_window_add_criterion_row (VastusCriteriaSetsWindow *self,
                                                            const VastusCriterion    *criterion);

/* vastus-criteria-sets-window-add.c */

void        _vastus_criteria_sets_window_fill_add_form   (VastusCriteriaSetsWindow *self);
void        _vastus_criteria_sets_window_add_clicked_cb  (VastusCriteriaSetsWindow *self);

G_END_DECLS
