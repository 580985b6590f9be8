/* vastus-measure-row.h: entry of one catalog measure in the visit editor
 *
 * Left and right (or one value), in a unit the catalog accepts, with extra trials where the
 * catalog combines several, the live limb symmetry index, the change since the last visit and
 * the test conditions of strength measures. Problems found by vastus_visit_check are shown on
 * the entry they concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-catalog.h"
#include "vastus-record.h"
#include "vastus-validate.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_MEASURE_ROW (vastus_measure_row_get_type ())
G_DECLARE_FINAL_TYPE (VastusMeasureRow, vastus_measure_row, VASTUS, MEASURE_ROW, GtkListBoxRow)

/* @involved_side is the episode's (LEFT, RIGHT or BOTH); @previous (may be NULL) is the last
 * visit, for the change since then, the unit and the test conditions it pre-fills. */
GtkWidget           *vastus_measure_row_new             (const VastusMeasure *measure,
                                                         VastusSide           involved_side,
                                                         const VastusVisit   *previous);
const VastusMeasure *vastus_measure_row_get_measure     (VastusMeasureRow    *self);

/* The unit values are typed in (a code of the catalog's input units). */
const char          *vastus_measure_row_get_unit        (VastusMeasureRow    *self);
gboolean             vastus_measure_row_set_unit        (VastusMeasureRow    *self,
                                                         const char          *unit);
guint                vastus_measure_row_get_n_trials    (VastusMeasureRow    *self);
/* Adds a trial (where the catalog combines several); FALSE when it cannot. */
gboolean             vastus_measure_row_add_trial       (VastusMeasureRow    *self);

/* The input for @side (NONE for one-sided measures) and @trial (1-based): a GtkEntry for
 * numbers, a GtkDropDown for grades and yes/no. NULL when there is none. */
GtkWidget           *vastus_measure_row_get_input       (VastusMeasureRow    *self,
                                                         VastusSide           side,
                                                         int                  trial);
/* Appends the value inputs in Tab order (left, right, next trial …). */
void                 vastus_measure_row_get_inputs      (VastusMeasureRow    *self,
                                                         GPtrArray           *out);

/* Whether anything is typed or chosen. */
gboolean             vastus_measure_row_has_values      (VastusMeasureRow    *self);
/* Appends a VastusMeasurement per filled input to @visit (values converted to the stored
 * unit, test conditions attached). Text that is not a number becomes a hard problem in
 * @problems (index −1, field "code/side/trial") and no measurement. */
void                 vastus_measure_row_collect         (VastusMeasureRow    *self,
                                                         VastusVisit         *visit,
                                                         GPtrArray           *problems);
/* The row as typed, for a visit draft (vastus-visit-draft.h), in @dict: "unit" (s, the unit
 * code), "trials" (u), "values" (as: every input's text, trial by trial, left before right; a
 * drop-down's position as decimal digits, "0" for none), "knee-angle", "velocity", "lever-arm"
 * (s, the text, only where the measure has them), "fixation" (s, the code, "" for none, only for
 * hand-held dynamometers) and "confirmed" (b). */
void                 vastus_measure_row_save_state      (VastusMeasureRow    *self,
                                                         GVariantDict        *dict);
/* Puts back what save_state saved, as if typed (keys missing or of another type are left
 * alone); a stored value whose text comes back unchanged stays untouched. */
void                 vastus_measure_row_restore_state   (VastusMeasureRow    *self,
                                                         GVariantDict        *dict);
/* Fills the inputs from a stored visit's measurements of this measure (for editing). */
void                 vastus_measure_row_load            (VastusMeasureRow    *self,
                                                         const VastusVisit   *visit);

void                 vastus_measure_row_clear_problems  (VastusMeasureRow    *self);
/* Shows @problem (its field is "code" or "code/side/trial") on the row. */
void                 vastus_measure_row_add_problem     (VastusMeasureRow    *self,
                                                         const VastusProblem *problem);
/* TRUE when the row shows a soft problem and the user confirmed it. */
gboolean             vastus_measure_row_get_confirmed   (VastusMeasureRow    *self);
/* The text of the problems shown, NULL when there is none. */
const char          *vastus_measure_row_get_problem_text (VastusMeasureRow   *self);
/* The live symmetry text ("LSI 94.4 %"), NULL when not shown. */
const char          *vastus_measure_row_get_symmetry_text (VastusMeasureRow  *self);
/* How the measure's values are read (its sign convention) as shown beside them, NULL when none. */
const char          *vastus_measure_row_get_convention_text (VastusMeasureRow *self);
/* The change since the last visit ("Since last visit: left +20°"), NULL when not shown. */
const char          *vastus_measure_row_get_change_text (VastusMeasureRow    *self);
/* Shows the audit history line of a stored measurement (NULL hides it). */
void                 vastus_measure_row_set_history     (VastusMeasureRow    *self,
                                                         const char          *text);

/* The widgets behind the row, for the editor and tests. */
GtkWidget           *vastus_measure_row_get_unit_dropdown (VastusMeasureRow  *self);
GtkWidget           *vastus_measure_row_get_confirm_check (VastusMeasureRow  *self);
GtkWidget           *vastus_measure_row_get_add_trial_button (VastusMeasureRow *self);
/* The button that shows and hides the test conditions; NULL when the measure has none. */
GtkWidget           *vastus_measure_row_get_conditions_button (VastusMeasureRow *self);
/* "knee-angle", "velocity" or "lever-arm"; NULL when the measure has none. */
GtkWidget           *vastus_measure_row_get_condition_entry (VastusMeasureRow *self,
                                                           const char       *name);
/* A hand-held dynamometer's fixation: "belt", "frame", "manual" (or text stored before the list
 * was closed), NULL when not recorded or the measure has none. Set it as chosen. */
const char          *vastus_measure_row_get_fixation    (VastusMeasureRow    *self);
void                 vastus_measure_row_set_fixation    (VastusMeasureRow    *self,
                                                         const char          *fixation);
GtkWidget           *vastus_measure_row_get_fixation_dropdown (VastusMeasureRow *self);
const char          *vastus_measure_row_get_history_text (VastusMeasureRow   *self);

G_END_DECLS
