/* vastus-criteria-sets-window-add.c: the criteria-set editor's form that adds a criterion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-criteria-sets-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-catalog.h"
#include "vastus-criteria-sets-window-private.h"
#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-name.h"
#include "vastus-value.h"

static void
show_add_problem (VastusCriteriaSetsWindow *self,
                  GtkWidget                *field,
                  const char               *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_problem_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->add_problem_row), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_add_problem (VastusCriteriaSetsWindow *self)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->add_label_row), GTK_WIDGET (self->add_threshold_row),
    GTK_WIDGET (self->add_velocity_row),
  };

  gtk_widget_set_visible (GTK_WIDGET (self->add_problem_row), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (fields[i], "error");
}

/* An id for @label not taken in the set: "hop-of-height", then "hop-of-height-2" … */
static char *
new_criterion_id (const VastusCriteriaSet *set,
                  const char              *label)
{
  g_autoptr(GString) base = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (base, g_ascii_tolower (*p));
    else if (base->len > 0 && base->str[base->len - 1] != '-')
      g_string_append_c (base, '-');
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "criterion");
  for (guint n = 1; ; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base->str) : g_strdup_printf ("%s-%u", base->str, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < set->criteria->len && !taken; i++)
        taken = g_str_equal (((VastusCriterion *) g_ptr_array_index (set->criteria, i))->id, id);
      if (!taken)
        return g_steal_pointer (&id);
    }
}

/* A criterion from the form, added to the set being edited; refused with the reason on the
 * form (what the model refuses: a velocity the measure is not tested at, a percentage of height
 * of anything but a hop …), the set unchanged. */
void
_vastus_criteria_sets_window_add_clicked_cb (VastusCriteriaSetsWindow *self)
{
  g_autoptr(VastusCriterion) c = vastus_criterion_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = vastus_name_tidy (gtk_editable_get_text (GTK_EDITABLE (self->add_label_row)));
  g_autoptr(GError) threshold_error = NULL;
  g_autofree char *threshold = vastus_display_number_normalize (gtk_editable_get_text (GTK_EDITABLE (self->add_threshold_row)),
                                                                &threshold_error);
  g_autofree char *velocity = vastus_name_tidy (gtk_editable_get_text (GTK_EDITABLE (self->add_velocity_row)));
  g_autofree char *message = NULL;
  const VastusMeasure *measure = NULL;
  const VastusCriterion *added;
  guint sex = adw_combo_row_get_selected (self->add_sex_row);

  g_return_if_fail (self->editing != NULL);
  clear_add_problem (self);
  if (label == NULL)
    {
      show_add_problem (self, GTK_WIDGET (self->add_label_row), _("Enter the criterion’s label."));
      return;
    }
  c->metric = (VastusMetric) adw_combo_row_get_selected (self->add_metric_row);
  g_strfreev (c->measures);
  if (c->metric == VASTUS_METRIC_WEEKS)
    c->measures = g_new0 (char *, 1);
  else
    {
      measure = vastus_catalog_get_nth (adw_combo_row_get_selected (self->add_measure_row));
      c->measures = g_new0 (char *, 2);
      c->measures[0] = g_strdup (measure->code);
    }
  c->comparator = (VastusComparator) adw_combo_row_get_selected (self->add_comparator_row);
  if (threshold_error != NULL)
    {
      /* Translators: %s says why the typed threshold reads two ways, e.g. "“1.234” could mean
       * 1,234 or 1234: type the one you mean" */
      message = g_strdup_printf (_("Threshold: %s."), threshold_error->message);
      show_add_problem (self, GTK_WIDGET (self->add_threshold_row), message);
      return;
    }
  if (!vastus_criterion_parse_threshold (threshold, c->metric, measure, &c->threshold))
    {
      /* Translators: %s is what was typed as a criterion's threshold */
      message = g_strdup_printf (_("The threshold “%s” is not a number."),
                                 gtk_editable_get_text (GTK_EDITABLE (self->add_threshold_row)));
      show_add_problem (self, GTK_WIDGET (self->add_threshold_row), message);
      return;
    }
  if (velocity != NULL && !vastus_display_parse_number (velocity, &c->velocity_deg_s, &error))
    {
      message = g_error_matches (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS)
        /* Translators: %s says why the typed velocity reads two ways */
        ? g_strdup_printf (_("Velocity: %s."), error->message)
        /* Translators: %s is what was typed as a test velocity */
        : g_strdup_printf (_("The velocity “%s” is not a number of degrees per second."), velocity);
      show_add_problem (self, GTK_WIDGET (self->add_velocity_row), message);
      return;
    }
  c->sex = sex == 1 ? VASTUS_SEX_FEMALE : sex == 2 ? VASTUS_SEX_MALE : VASTUS_SEX_UNKNOWN;
  c->id = new_criterion_id (self->editing, label);
  c->label = g_steal_pointer (&label);
  c->unit = g_strdup (vastus_criterion_default_unit (c->metric, measure));
  /* The set takes the criterion, added or refused. */
  added = c;
  if (!vastus_criteria_set_add_criterion (self->editing, g_steal_pointer (&c), &error))
    {
      show_add_problem (self, NULL, error->message);
      return;
    }
  _vastus_criteria_sets_window_add_criterion_row (self, added);
  /* Translators: %s is a criterion's label */
  message = g_strdup_printf (_("Added “%s”: save to keep the change"), added->label);
  gtk_editable_set_text (GTK_EDITABLE (self->add_label_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_threshold_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_velocity_row), "");
  _vastus_criteria_sets_window_toast (self, message);
}

void
_vastus_criteria_sets_window_fill_add_form (VastusCriteriaSetsWindow *self)
{
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) comparators = gtk_string_list_new (_vastus_criteria_sets_window_comparator_symbols);

  /* In VastusMetric order, the catalog's order. */
  for (int m = 0; m < VASTUS_N_METRICS; m++)
    gtk_string_list_append (metrics, _vastus_criteria_sets_window_metric_label ((VastusMetric) m));
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    gtk_string_list_append (measures, vastus_measure_get_label (vastus_catalog_get_nth (i)));
  adw_combo_row_set_model (self->add_metric_row, G_LIST_MODEL (metrics));
  adw_combo_row_set_model (self->add_measure_row, G_LIST_MODEL (measures));
  adw_combo_row_set_model (self->add_comparator_row, G_LIST_MODEL (comparators));
  adw_combo_row_set_selected (self->add_comparator_row, VASTUS_COMPARATOR_GE);
}
