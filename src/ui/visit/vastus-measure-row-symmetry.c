/* vastus-measure-row-symmetry.c: what the row says about the values typed: the live symmetry
 * (the limb symmetry index, or the difference between the sides), the change since the last
 * visit, and the last visit's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-measure-row"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-measure-row-private.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

static char *
format_signed (VastusMeasureRow *self,
               double            delta)
{
  g_autofree char *text = vastus_measure_format_value (self->measure, fabs (delta),
                                                       _vastus_measure_row_current_unit (self));

  if (delta > 0)
    return g_strdup_printf ("+%s", text);
  if (delta < 0)
    return g_strdup_printf ("−%s", text);
  return g_steal_pointer (&text);
}

static double
combined_side (VastusMeasureRow *self,
               guint             s)
{
  double values[VASTUS_MAX_TRIALS];
  guint n = 0;

  for (guint t = 0; t < self->n_trials; t++)
    {
      double v = _vastus_measure_row_input_value (self, self->inputs[t][s]);

      /* An impossible value has its message; no figure is derived from the side it is on. */
      if (!isnan (v) && vastus_measure_check_value (self->measure, v) == VASTUS_VALUE_IMPOSSIBLE)
        return NAN;
      /* "last" means the highest trial, as vastus_visit_combined reads it. */
      if (!isnan (v))
        values[n++] = v;
    }
  return vastus_measure_combine (self->measure, values, n);
}

void
_vastus_measure_row_update_symmetry (VastusMeasureRow *self)
{
  double now[2] = { NAN, NAN };
  g_autoptr(GString) change = g_string_new (NULL);

  for (guint s = 0; s < self->n_sides; s++)
    now[s] = combined_side (self, s);

  /* The live index: only when both sides are in and one side is the involved one. */
  g_clear_pointer (&self->symmetry_text, g_free);
  if (self->n_sides == 2 && !isnan (now[0]) && !isnan (now[1]) &&
      (self->involved_side == VASTUS_SIDE_LEFT || self->involved_side == VASTUS_SIDE_RIGHT))
    {
      guint inv = self->involved_side == VASTUS_SIDE_LEFT ? 0 : 1;

      switch (vastus_symmetry_kind (self->measure))
        {
        case VASTUS_SYMMETRY_RATIO:
          {
            double lsi = vastus_lsi (self->measure, now[inv], now[1 - inv]);
            char shown[VASTUS_DISPLAY_NUMBER_SIZE];

            if (!isnan (lsi))
              /* Translators: limb symmetry index, e.g. "LSI 94.4 %" (the number has its decimal
               * mark already) */
              self->symmetry_text = g_strdup_printf (_("LSI %s %%"),
                                                     vastus_display_number (lsi, 1, shown));
          }
          break;

        case VASTUS_SYMMETRY_DIFFERENCE:
          {
            double diff = vastus_side_difference (self->measure, now[inv], now[1 - inv]);

            if (isnan (diff))
              break;
            if (diff == 0)
              /* Translators: a two-sided measure whose left and right values are the same */
              self->symmetry_text = g_strdup (_("Sides equal"));
            else if (self->measure->kind == VASTUS_VALUE_GRADE)
              {
                int steps = (int) fabs (diff);

                self->symmetry_text = diff > 0
                  /* Translators: %d is how many grades of a graded measure (effusion, stroke
                   * test …) the injured knee is worse than the healthy one */
                  ? g_strdup_printf (ngettext ("Involved side %d grade worse",
                                                  "Involved side %d grades worse", steps), steps)
                  /* Translators: %d is how many grades of a graded measure (effusion, stroke
                   * test …) the injured knee is better than the healthy one */
                  : g_strdup_printf (ngettext ("Involved side %d grade better",
                                                  "Involved side %d grades better", steps), steps);
              }
            else
              {
                g_autofree char *shown = vastus_measure_format_value (
                  self->measure, fabs (diff), _vastus_measure_row_current_unit (self));

                self->symmetry_text = g_strdup_printf (diff > 0
                                                         /* Translators: side-to-side difference,
                                                          * e.g. "Involved side worse by 5°" */
                                                         ? _("Involved side worse by %s")
                                                         /* Translators: side-to-side difference,
                                                          * e.g. "Involved side better by 5°" */
                                                         : _("Involved side better by %s"),
                                                       shown);
              }
          }
          break;

        case VASTUS_SYMMETRY_NONE:
        default:
          break;
        }
    }
  gtk_label_set_text (self->symmetry_label, self->symmetry_text ? self->symmetry_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->symmetry_label), self->symmetry_text != NULL);

  /* The change since the last visit, in the unit being typed. */
  if (self->measure->kind == VASTUS_VALUE_NUMBER)
    for (guint s = 0; s < self->n_sides; s++)
      {
        g_autofree char *delta = NULL;

        if (isnan (now[s]) || isnan (self->previous_value[s]))
          continue;
        delta = format_signed (self, now[s] - self->previous_value[s]);
        if (change->len > 0)
          g_string_append (change, ", ");
        if (self->n_sides == 2)
          /* Translators: "left +20 N" */
          g_string_append_printf (change, _("%s %s"),
                                  _vastus_measure_row_side_word (_vastus_measure_row_side_at (self, s)), delta);
        else
          g_string_append (change, delta);
      }
  if (change->len > 0)
    {
      /* Translators: %s is the change of the measure since the last visit, e.g. "+12 N left, −3
       * N right" */
      g_autofree char *text = g_strdup_printf (_("Since last visit: %s"), change->str);

      gtk_label_set_text (self->change_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change->len > 0);
}

void
_vastus_measure_row_update_last_label (VastusMeasureRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < self->n_sides; s++)
    {
      g_autofree char *shown = NULL;

      if (isnan (self->previous_value[s]))
        continue;
      shown = vastus_measure_format_value (self->measure, self->previous_value[s],
                                           _vastus_measure_row_current_unit (self));
      if (text->len > 0)
        g_string_append (text, " · ");
      if (self->n_sides == 2)
        g_string_append_printf (text, _("%s %s"),
                                _vastus_measure_row_side_word (_vastus_measure_row_side_at (self, s)), shown);
      else
        g_string_append (text, shown);
    }
  if (text->len > 0)
    {
      /* Translators: %s is the values of the measure at the last visit */
      g_autofree char *label = g_strdup_printf (_("Last visit: %s"), text->str);

      gtk_label_set_text (self->last_label, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), text->len > 0);
}
