/* vastus-measure-row-values.c: the row's values read into measurements, their problems shown,
 * a stored visit's values loaded into it, and its state kept while the form is made again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-measure-row"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-measure-row-private.h"
#include "vastus-model-error.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* The test conditions a row's state keeps (vastus_measure_row_get_condition_entry). */
static const char *condition_names[] = { "knee-angle", "velocity", "lever-arm" };

void
vastus_measure_row_collect (VastusMeasureRow *self,
                            VastusVisit      *visit,
                            GPtrArray        *problems)
{
  double angle, velocity, lever;
  g_autofree char *fixation = NULL;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  if (self->knee_angle_entry)
    gtk_widget_remove_css_class (self->knee_angle_entry, "error");
  if (self->velocity_entry)
    gtk_widget_remove_css_class (self->velocity_entry, "error");
  if (self->lever_arm_entry)
    gtk_widget_remove_css_class (self->lever_arm_entry, "error");
  _vastus_measure_row_parse_condition (self, self->knee_angle_entry, _("knee angle"), &angle,
                                       problems);
  _vastus_measure_row_parse_condition (self, self->velocity_entry, _("velocity"), &velocity,
                                       problems);
  /* In metres by moving the decimal point, as import does (33.3 cm is 0.333 m, not 33.3 ÷ 100):
   * the text _vastus_measure_row_parse_condition accepted as a number. */
  if (_vastus_measure_row_parse_condition (self, self->lever_arm_entry, _("lever arm"), &lever,
                                           problems) && !isnan (lever) &&
      !vastus_lever_arm_entry_from_cm (gtk_editable_get_text (GTK_EDITABLE (self->lever_arm_entry)), &lever,
                                       NULL))
    g_return_if_reached ();
  fixation = g_strdup (_vastus_measure_row_fixation_code (self));

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      {
        GtkWidget *input = self->inputs[t][s];
        VastusSide side = _vastus_measure_row_side_at (self, s);
        VastusMeasurement *m;
        const VastusMeasurement *stored = g_object_get_data (G_OBJECT (input), INPUT_STORED_KEY);
        const char *loaded_text = g_object_get_data (G_OBJECT (input), INPUT_LOADED_KEY);
        g_autofree char *current_text = _vastus_measure_row_input_text_dup (input);
        double value;
        const char *unit = _vastus_measure_row_current_unit (self);

        if (_vastus_measure_row_input_is_empty (input))
          continue;
        if (stored != NULL && !self->unit_dirty && g_strcmp0 (loaded_text, current_text) == 0)
          {
            /* Untouched: exactly what is stored, whatever unit it was entered in. */
            m = vastus_measurement_copy (stored);
            if (self->conditions_dirty)
              {
                m->knee_angle_deg = angle;
                m->velocity_deg_s = velocity;
                m->lever_arm_m = lever;
                if (self->fixation_dropdown != NULL)
                  {
                    g_free (m->fixation);
                    m->fixation = g_strdup (fixation);
                  }
              }
            vastus_visit_add_measurement (visit, m);
            continue;
          }
        if (self->measure->kind == VASTUS_VALUE_NUMBER)
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (input));
            g_autoptr(GError) error = NULL;

            if (!vastus_unit_entry_to_stored (unit, text, &value, &error))
              {
                g_autofree char *field = g_strdup_printf ("%s/%s/%u", self->measure->code,
                                                          vastus_side_to_string (side), t + 1);
                g_autofree char *name = _vastus_measure_row_input_name (self, side, (int) t + 1);
                g_autofree char *stripped = g_strstrip (g_strdup (text));
                g_autofree char *message =
                  error != NULL
                    /* Translators: a field's name, then why its text reads two ways:
                     * "Quadriceps HHD, left: “1.234” could mean 1,234 or 1234: type the one you mean." */
                    ? g_strdup_printf (_("%s: %s."), name, error->message)
                    : g_strdup_printf (_("%s: “%s” is not a number."), name, stripped);

                vastus_problem_add (problems, field, FALSE, -1, message);
                continue;
              }
          }
        else
          value = _vastus_measure_row_input_value (self, input);

        m = vastus_measurement_new (self->measure->code, side, (int) t + 1, value, unit);
        if (stored != NULL)
          {
            m->id = stored->id;
            m->visit_id = stored->visit_id;
            m->baseline = stored->baseline;
          }
        m->knee_angle_deg = angle;
        m->velocity_deg_s = velocity;
        m->lever_arm_m = lever;
        /* Only hand-held dynamometers ask for it; another measure keeps what it had. */
        m->fixation = g_strdup (self->fixation_dropdown != NULL ? fixation
                                : stored != NULL ? stored->fixation : NULL);
        vastus_visit_add_measurement (visit, m);
      }
}

/* Text set again, even the same, counts as typed: a condition would then be rewritten from its
 * shown (rounded) text, and a stored value lose digits. */
static void
restore_text (GtkWidget  *editable,
              const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

void
vastus_measure_row_save_state (VastusMeasureRow *self,
                               GVariantDict     *dict)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (dict != NULL);

  g_variant_dict_insert (dict, "unit", "s", _vastus_measure_row_current_unit (self));
  g_variant_dict_insert (dict, "trials", "u", self->n_trials);
  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      g_ptr_array_add (texts, _vastus_measure_row_input_text_dup (self->inputs[t][s]));
  g_variant_dict_insert_value (dict, "values",
                               g_variant_new_strv ((const char * const *) texts->pdata, texts->len));
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    {
      GtkWidget *entry = vastus_measure_row_get_condition_entry (self, condition_names[i]);

      if (entry != NULL)
        g_variant_dict_insert (dict, condition_names[i], "s", gtk_editable_get_text (GTK_EDITABLE (entry)));
    }
  if (self->fixation_dropdown != NULL)
    g_variant_dict_insert (dict, "fixation", "s",
                           _vastus_measure_row_fixation_code (self) != NULL ? _vastus_measure_row_fixation_code (self) : "");
  g_variant_dict_insert (dict, "confirmed", "b", gtk_check_button_get_active (self->confirm_check));
}

void
vastus_measure_row_restore_state (VastusMeasureRow *self,
                                  GVariantDict     *dict)
{
  g_autofree const char **values = NULL;
  const char *text;
  guint32 n_trials;
  gboolean confirmed;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (dict != NULL);

  /* The unit first: the values were typed in it. Nothing here is loading: the row marks a
   * changed unit or condition as changed, as typing it would. */
  if (g_variant_dict_lookup (dict, "unit", "&s", &text))
    vastus_measure_row_set_unit (self, text);
  if (g_variant_dict_lookup (dict, "trials", "u", &n_trials))
    while (self->n_trials < n_trials && vastus_measure_row_add_trial (self))
      ;
  if (g_variant_dict_lookup (dict, "values", "^a&s", &values))
    for (guint i = 0; values[i] != NULL && i / self->n_sides < self->n_trials; i++)
      {
        GtkWidget *input = self->inputs[i / self->n_sides][i % self->n_sides];
        guint64 position;

        if (!GTK_IS_DROP_DOWN (input))
          restore_text (input, values[i]);
        else if (g_ascii_string_to_unsigned (values[i], 10, 0,
                                             g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (input))) - 1,
                                             &position, NULL))
          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), (guint) position);
      }
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    {
      GtkWidget *entry = vastus_measure_row_get_condition_entry (self, condition_names[i]);

      if (entry != NULL && g_variant_dict_lookup (dict, condition_names[i], "&s", &text))
        restore_text (entry, text);
    }
  if (g_variant_dict_lookup (dict, "fixation", "&s", &text) &&
      g_strcmp0 (text,
                 _vastus_measure_row_fixation_code (self) != NULL ? _vastus_measure_row_fixation_code (self) : "") != 0)
    _vastus_measure_row_set_fixation (self, text);
  /* Last: every change above clears the confirmation, as typing does. */
  if (g_variant_dict_lookup (dict, "confirmed", "b", &confirmed))
    gtk_check_button_set_active (self->confirm_check, confirmed);
}

void
vastus_measure_row_load (VastusMeasureRow  *self,
                         const VastusVisit *visit)
{
  gboolean unit_set = FALSE;
  gboolean conditions_set = FALSE;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  self->loading = TRUE;
  for (guint i = 0; visit != NULL && i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      int s = _vastus_measure_row_side_index (self, m->side);
      GtkWidget *input;
      g_autofree char *text = NULL;

      if (g_strcmp0 (m->measure, self->measure->code) != 0 || s < 0 || m->trial < 1 ||
          m->trial > VASTUS_MAX_TRIALS)
        continue;
      /* Every stored trial gets its input, even of a measure entered once: a value the editor
       * did not show would be deleted by saving. */
      while ((int) self->n_trials < m->trial && _vastus_measure_row_add_trial_inputs (self))
        ;
      if ((int) self->n_trials < m->trial)
        continue;
      if (!unit_set)
        unit_set = vastus_measure_row_set_unit (self, m->unit);
      input = self->inputs[m->trial - 1][s];
      if (GTK_IS_DROP_DOWN (input))
        {
          guint selected = self->measure->kind == VASTUS_VALUE_BOOL
            ? (m->value != 0 ? 2 : 1) : (guint) m->value + 1;

          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), selected);
          text = g_strdup_printf ("%u", selected);
        }
      else
        {
          double value = m->value;

          vastus_unit_from_stored (_vastus_measure_row_current_unit (self), m->value, &value);
          text = _vastus_measure_row_format_for_entry (value);
          gtk_editable_set_text (GTK_EDITABLE (input), text);
        }
      g_object_set_data_full (G_OBJECT (input), INPUT_STORED_KEY, vastus_measurement_copy (m),
                              (GDestroyNotify) vastus_measurement_free);
      g_object_set_data_full (G_OBJECT (input), INPUT_LOADED_KEY, g_steal_pointer (&text), g_free);

      if (!conditions_set)
        {
          conditions_set = TRUE;
          g_autofree char *angle = NULL, *velocity = NULL, *lever = NULL;

          if (self->knee_angle_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->knee_angle_entry),
                                   isnan (m->knee_angle_deg) ? "" : (angle = _vastus_measure_row_format_for_entry (m->knee_angle_deg)));
          if (self->velocity_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->velocity_entry),
                                   isnan (m->velocity_deg_s) ? "" : (velocity = _vastus_measure_row_format_for_entry (m->velocity_deg_s)));
          if (self->lever_arm_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->lever_arm_entry),
                                   isnan (m->lever_arm_m) ? "" : (lever = _vastus_measure_row_format_lever_arm_for_entry (m->lever_arm_m)));
          _vastus_measure_row_set_fixation (self, m->fixation);
        }
    }
  _vastus_measure_row_update_last_label (self);
  _vastus_measure_row_update_symmetry (self);
  _vastus_measure_row_update_conditions_label (self);
  self->unit_dirty = self->conditions_dirty = FALSE;
  self->loading = FALSE;
}

void
vastus_measure_row_clear_problems (VastusMeasureRow *self)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      {
        gtk_widget_remove_css_class (self->inputs[t][s], "error");
        gtk_widget_remove_css_class (self->inputs[t][s], "warning");
      }
  vastus_problem_view_clear (self->problem_view);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check), FALSE);
}

void
vastus_measure_row_add_problem (VastusMeasureRow    *self,
                                const VastusProblem *problem)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (problem != NULL);

  parts = g_strsplit (problem->field, "/", 3);
  if (g_strv_length (parts) == 3)
    {
      VastusSide side;
      int trial = atoi (parts[2]);
      GtkWidget *input;

      if (vastus_side_from_string (parts[1], &side) &&
          (input = vastus_measure_row_get_input (self, side, trial)) != NULL)
        gtk_widget_add_css_class (input, problem->soft ? "warning" : "error");
    }
  else if (!problem->soft)
    /* A problem of the whole measure marks every filled input. */
    for (guint t = 0; t < self->n_trials; t++)
      for (guint s = 0; s < self->n_sides; s++)
        if (!_vastus_measure_row_input_is_empty (self->inputs[t][s]))
          gtk_widget_add_css_class (self->inputs[t][s], "error");

  vastus_problem_view_add (self->problem_view, problem->soft, problem->message);
  /* A value that cannot be stored cannot be confirmed either. */
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check),
                          vastus_problem_view_has_warnings (self->problem_view) &&
                          !vastus_problem_view_has_errors (self->problem_view));
}

gboolean
vastus_measure_row_get_confirmed (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), FALSE);
  return gtk_check_button_get_active (self->confirm_check);
}

const char *
vastus_measure_row_get_problem_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return vastus_problem_view_get_text (self->problem_view);
}
