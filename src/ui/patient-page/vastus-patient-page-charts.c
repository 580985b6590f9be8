/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-patient-page-private.h"
#include "vastus-questionnaire.h"

static gboolean
has_data (const VastusHistory *history,
          const char          *code)
{
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      if (!isnan (vastus_visit_combined (visit, code, VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL)) ||
          !isnan (vastus_visit_combined (visit, code, VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL)))
        return TRUE;
    }
  return FALSE;
}

void
_vastus_patient_page_fill_chart_measures (VastusPatientPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->chart_kind_chooser);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->chart_codes, g_ptr_array_unref);
  self->chart_codes = g_ptr_array_new ();
  if (kind == VASTUS_CHART_KIND_SYMMETRY)
    {
      g_ptr_array_add (self->chart_codes, NULL);
      /* Translators: a chart chosen from a list: the measures of the return-to-sport criteria
       * set, side by side */
      gtk_string_list_append (names, _("Criteria measures"));
    }
  /* Questionnaires: one chart per questionnaire with scores, named after it. */
  for (guint i = 0; self->history != NULL && kind == VASTUS_CHART_KIND_PROM && i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);
      g_autoptr(VastusPromChartData) data = vastus_chart_build_prom (self->history, instrument->id, NULL, NULL);

      if (data == NULL)
        continue;
      g_ptr_array_add (self->chart_codes, (gpointer) instrument->id);
      gtk_string_list_append (names, instrument->name);
    }
  if (self->history != NULL && kind != VASTUS_CHART_KIND_CRITERIA && kind != VASTUS_CHART_KIND_PROM)
    for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
      {
        const VastusMeasure *measure = vastus_catalog_get_nth (i);

        if (!measure->two_sided || measure->kind != VASTUS_VALUE_NUMBER)
          continue;
        if (kind == VASTUS_CHART_KIND_SYMMETRY &&
            vastus_symmetry_kind (measure) != VASTUS_SYMMETRY_RATIO)
          continue;
        if (kind == VASTUS_CHART_KIND_GIRTH && !g_str_has_prefix (measure->code, "thigh_girth_"))
          continue;
        if (!has_data (self->history, measure->code))
          continue;
        g_ptr_array_add (self->chart_codes, (gpointer) measure->code);
        gtk_string_list_append (names, vastus_measure_get_short_label (measure));
      }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->chart_measure_chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->chart_measure_chooser, 0);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->chart_measure_chooser), self->chart_codes->len > 0);
}

/* The clinic's minimal important change of a questionnaire score. */
static double
page_mic (const char *measure,
          gpointer    user_data)
{
  return _vastus_patient_page_mic (user_data, measure);
}

/* Clicking a point of a chart opens that visit. */
void
_vastus_patient_page_chart_visit_activated_cb (VastusPatientPage *self,
                                               gint64             visit_id)
{
  /* Read-only first: a click to read a value does not open an editor. */
  _vastus_patient_page_show_visit (self, visit_id);
}

void
_vastus_patient_page_table_toggled_cb (VastusPatientPage *self,
                                       GtkToggleButton   *toggle)
{
  gtk_stack_set_visible_child_name (self->chart_stack,
                                    gtk_toggle_button_get_active (toggle) ? "table" : "chart");
}

/* The chart and its table alternative always show the same data. */
static void
show_chart (VastusPatientPage *self,
            VastusChartKind    kind,
            gpointer           data)
{
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (self->chart_view), kind, data);
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (self->chart_table), kind, data);
}

void
_vastus_patient_page_refresh_chart (VastusPatientPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->chart_kind_chooser);
  guint selected = gtk_drop_down_get_selected (self->chart_measure_chooser);
  const char *code = NULL;
  const VastusCriteriaSet *set = self->evaluation != NULL ? self->evaluation->set : NULL;

  if (self->chart_codes != NULL && selected < self->chart_codes->len)
    code = g_ptr_array_index (self->chart_codes, selected);
  if (self->history == NULL || vastus_history_get_n_visits (self->history) == 0)
    {
      show_chart (self, VASTUS_CHART_KIND_SYMMETRY, NULL);
      return;
    }

  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        const char *codes[] = { code, NULL };
        VastusSymmetryChartData *data =
          vastus_chart_build_symmetry (self->history, code != NULL ? codes : NULL, set);

        show_chart (self, kind, data);
        vastus_symmetry_chart_data_unref (data);
      }
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      {
        VastusProgressChartData *data = code != NULL
                                          ? vastus_chart_build_progress (self->history,
                                                                         code) : NULL;

        show_chart (self, kind, data);
        g_clear_pointer (&data, vastus_progress_chart_data_unref);
      }
      break;
    case VASTUS_CHART_KIND_GIRTH:
      {
        VastusGirthChartData *data = vastus_chart_build_girth (self->history, code);

        data->inches = _vastus_patient_page_imperial (self);
        show_chart (self, kind, data);
        vastus_girth_chart_data_unref (data);
      }
      break;
    case VASTUS_CHART_KIND_PROM:
      {
        VastusPromChartData *data = code != NULL
                                      ? vastus_chart_build_prom (self->history, code, page_mic, self) : NULL;

        show_chart (self, kind, data);
        g_clear_pointer (&data, vastus_prom_chart_data_unref);
      }
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        VastusCriteriaChartData *data = set != NULL
                                          ? vastus_chart_build_criteria (self->history, set) : NULL;

        show_chart (self, VASTUS_CHART_KIND_CRITERIA, data);
        g_clear_pointer (&data, vastus_criteria_chart_data_unref);
      }
      break;
    }
}

void
_vastus_patient_page_chart_kind_changed_cb (VastusPatientPage *self)
{
  _vastus_patient_page_fill_chart_measures (self);
  _vastus_patient_page_refresh_chart (self);
}

void
_vastus_patient_page_chart_measure_changed_cb (VastusPatientPage *self)
{
  if (!self->updating)
    _vastus_patient_page_refresh_chart (self);
}
