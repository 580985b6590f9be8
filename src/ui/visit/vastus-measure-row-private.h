/* vastus-measure-row-private.h: what the files of the measure row share
 *
 * vastus-measure-row.c: the row, its inputs, units and trials;
 * vastus-measure-row-symmetry.c: the live symmetry, the change since the last visit, the last
 *   visit's values;
 * vastus-measure-row-conditions.c: the test conditions (knee angle, velocity, lever arm, fixation);
 * vastus-measure-row-values.c: the values as typed read into measurements, their problems shown,
 *   a stored visit's values loaded, and the row's state kept across a rebuild.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-measure-row.h"
#include "vastus-problem-view.h"

G_BEGIN_DECLS

/* On an input filled from a stored measurement: that measurement and the text shown for it. */
#define INPUT_STORED_KEY "vastus-stored"
#define INPUT_LOADED_KEY "vastus-loaded-text"

struct _VastusMeasureRow
{
  GtkListBoxRow        parent_instance;

  const VastusMeasure *measure;
  VastusSide           involved_side;
  guint                n_sides;          /* 2 for two-sided measures, else 1 */
  guint                n_trials;
  GtkWidget           *inputs[VASTUS_MAX_TRIALS][2];
  const char          *units[VASTUS_MAX_INPUT_UNITS + 1];
  guint                n_units;
  guint                unit_index;
  double               previous_value[2];  /* combined, stored unit; NAN when none */
  gboolean             loading;
  gboolean             unit_dirty;        /* the unit was changed by hand since loading */
  gboolean             conditions_dirty;  /* … or a test condition */
  char                *symmetry_text;

  GtkWidget           *knee_angle_entry;
  GtkWidget           *velocity_entry;
  GtkWidget           *lever_arm_entry;
  GtkDropDown         *fixation_dropdown; /* hand-held dynamometers only */
  char                *fixation_other;    /* text stored before the list was closed, kept as
                                           * an extra choice; NULL when none */

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *last_label;
  GtkLabel            *convention_label;
  GtkDropDown         *unit_dropdown;
  GtkLabel            *unit_label;
  GtkBox              *entries_box;
  GtkGrid             *grid;
  GtkWidget           *add_trial_button;
  GtkLabel            *change_label;
  GtkLabel            *symmetry_label;
  VastusProblemView   *problem_view;
  GtkCheckButton      *confirm_check;
  GtkWidget           *conditions_box;
  GtkToggleButton     *conditions_button;
  GtkImage            *conditions_arrow;
  GtkLabel            *conditions_label;
  GtkGrid             *conditions_grid;
  GtkLabel            *history_label;
};

/* vastus-measure-row.c */

/* The side of the row's column @index (0 or 1), and the column of @side. */
VastusSide   _vastus_measure_row_side_at        (VastusMeasureRow *self,
                                                 guint             index);
int          _vastus_measure_row_side_index     (VastusMeasureRow *self,
                                                 VastusSide        side);
/* "left", "right" (translated), NULL for no side. */
const char  *_vastus_measure_row_side_word      (VastusSide        side);
/* The unit the row's values are typed in. */
const char  *_vastus_measure_row_current_unit   (VastusMeasureRow *self);
/* The accessible name of an input: measure, side and trial. */
char        *_vastus_measure_row_input_name     (VastusMeasureRow *self,
                                                 VastusSide        side,
                                                 int               trial);
/* A stored number as it is put in an entry (the reader's decimal mark, no rounding). */
char        *_vastus_measure_row_format_for_entry (double          value);
char        *_vastus_measure_row_format_lever_arm_for_entry (double metres);
/* An input's value (NAN when empty or unreadable), its text, whether it is empty. */
double       _vastus_measure_row_input_value    (VastusMeasureRow *self,
                                                 GtkWidget        *input);
char        *_vastus_measure_row_input_text_dup (GtkWidget        *input);
gboolean     _vastus_measure_row_input_is_empty (GtkWidget        *input);
/* The "changed" signal, unless the row is being loaded. */
void         _vastus_measure_row_emit_changed   (VastusMeasureRow *self);
/* Leaving @widget commits the row ("committed"). */
void         _vastus_measure_row_watch_focus    (VastusMeasureRow *self,
                                                 GtkWidget        *widget);
/* The first trial of @code at the previous visit, or NULL. */
const VastusMeasurement *_vastus_measure_row_previous_trial (const VastusVisit *previous,
                                                 const char       *code);
/* One more trial's inputs; FALSE at VASTUS_MAX_TRIALS. */
gboolean     _vastus_measure_row_add_trial_inputs (VastusMeasureRow *self);

/* vastus-measure-row-symmetry.c */

/* The symmetry and the change since the last visit, from the values typed now. */
void         _vastus_measure_row_update_symmetry (VastusMeasureRow *self);
/* The last visit's values, in the unit being typed. */
void         _vastus_measure_row_update_last_label (VastusMeasureRow *self);

/* vastus-measure-row-conditions.c */

/* The fixation chosen (a code of vastus-value.h, or the text kept from before), NULL when none;
 * setting it chooses it. */
const char  *_vastus_measure_row_fixation_code  (VastusMeasureRow *self);
void         _vastus_measure_row_set_fixation   (VastusMeasureRow *self,
                                                 const char       *code);
/* The conditions' summary under the row ("60°, belt"). */
void         _vastus_measure_row_update_conditions_label (VastusMeasureRow *self);
void         _vastus_measure_row_conditions_toggled_cb (VastusMeasureRow *self);
/* The measure's conditions, filled from @previous (the last visit) when it had them. */
void         _vastus_measure_row_setup_conditions (VastusMeasureRow *self,
                                                 const VastusVisit *previous);
/* A condition's entry read into *@out (NAN when empty); a problem naming @what otherwise. */
gboolean     _vastus_measure_row_parse_condition (VastusMeasureRow *self,
                                                 GtkWidget        *entry,
                                                 const char       *what,
                                                 double           *out,
                                                 GPtrArray        *problems);

G_END_DECLS
