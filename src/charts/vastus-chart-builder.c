/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-builder"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-chart-builder.h"
#include "vastus-evaluation.h"
#include "vastus-instrument.h"
#include "vastus-symmetry.h"

#define MAX_LSI_SERIES 3

static void
fill_timeline (VastusChartTimeline *time,
               const VastusHistory *history)
{
  const VastusEpisode *episode = history->episode;

  for (guint i = 0; i < time->n_visits; i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      vastus_chart_timeline_set_visit (time, i, &visit->date, visit->id);
    }
  if (episode == NULL)
    return;
  if (g_date_valid (&episode->surgery_date))
    /* Translators: the event weeks are counted from, on a chart's time axis; then the axis'
     * title */
    vastus_chart_timeline_set_index (time, &episode->surgery_date, _("Surgery"),
                                     _("Weeks since surgery"));
  else if (g_date_valid (&episode->injury_date))
    /* Translators: the event weeks are counted from, on a chart's time axis; then the axis'
     * title */
    vastus_chart_timeline_set_index (time, &episode->injury_date, _("Injury"),
                                     _("Weeks since injury"));
}

static gboolean
criterion_uses (const VastusCriterion *criterion,
                const char            *code)
{
  return criterion->measures != NULL && g_strv_contains ((const char *const *) criterion->measures, code);
}

static const VastusCriterion *
find_criterion (const VastusCriteriaSet *set,
                const VastusHistory     *history,
                VastusMetric             metric,
                const char              *code)
{
  if (set == NULL)
    return NULL;
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);

      if (c->metric == metric && criterion_uses (c, code)
          && (history->patient == NULL || vastus_criterion_applies_to (c, history->patient->sex)))
        return c;
    }
  return NULL;
}

static const char *
comparator_symbol (VastusComparator comparator)
{
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT: return ">";
    case VASTUS_COMPARATOR_GE: return "\342\211\245";
    case VASTUS_COMPARATOR_LT: return "<";
    case VASTUS_COMPARATOR_LE:
    default: return "\342\211\244";
    }
}

/* "LSI ≥ 90 %": @what and the criterion's threshold. */
static char *
threshold_label (const VastusCriterion *criterion,
                 const char            *what)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  /* Translators: a threshold line on the symmetry chart, "LSI ≥ 90 %" (the number has the
   * locale's decimal mark) */
  return g_strdup_printf (_("%s %s %s %%"), what, comparator_symbol (criterion->comparator),
                          vastus_display_number_exact (criterion->threshold, shown));
}

static void
add_threshold (VastusSymmetryChartData *data,
               const VastusCriterion   *criterion,
               const char              *what)
{
  g_autofree char *label = NULL;

  /* The shaded side is "at or above": only thresholds met from above are drawn. */
  if (criterion->comparator != VASTUS_COMPARATOR_GE && criterion->comparator != VASTUS_COMPARATOR_GT)
    return;
  for (guint i = 0; i < data->thresholds->len; i++)
    if (g_array_index (data->thresholds, VastusChartThreshold, i).value == criterion->threshold)
      return;
  label = threshold_label (criterion, what);
  vastus_symmetry_chart_data_add_threshold (data, criterion->threshold, label);
}

static gboolean
has_lsi (const VastusHistory *history,
         const char          *code)
{
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    {
      VastusSymmetry sym;

      if (vastus_symmetry_compute (history, i, code, &sym) && isfinite (sym.lsi))
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
default_codes (const VastusHistory     *history,
               const VastusCriteriaSet *set)
{
  GPtrArray *codes = g_ptr_array_new ();

  if (set != NULL)
    for (guint i = 0; i < set->criteria->len && codes->len < MAX_LSI_SERIES; i++)
      {
        const VastusCriterion *c = g_ptr_array_index (set->criteria, i);

        if (c->metric != VASTUS_METRIC_LSI || c->measures == NULL)
          continue;
        for (char **m = c->measures; *m != NULL; m++)
          if (has_lsi (history, *m))
            {
              if (!g_ptr_array_find_with_equal_func (codes, *m, g_str_equal, NULL))
                g_ptr_array_add (codes, *m);
              break;
            }
      }

  for (guint i = 0; codes->len == 0 && i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      if (m->category == VASTUS_CATEGORY_STRENGTH && m->two_sided && has_lsi (history, m->code))
        g_ptr_array_add (codes, (gpointer) m->code);
    }
  return codes;
}

VastusSymmetryChartData *
vastus_chart_build_symmetry (const VastusHistory     *history,
                             const char *const       *codes,
                             const VastusCriteriaSet *set)
{
  guint n = vastus_history_get_n_visits (history);
  VastusSymmetryChartData *data = vastus_symmetry_chart_data_new (n);
  g_autoptr(GPtrArray) chosen = NULL;

  g_return_val_if_fail (history != NULL, data);

  fill_timeline (&data->time, history);
  /* Translators: the symmetry chart's title: the limb symmetry index over time */
  data->title = g_strdup (_("Limb symmetry"));
  /* Translators: the symmetry chart's vertical axis: the limb symmetry index (LSI), in per cent */
  data->y_label = g_strdup (_("LSI (%)"));

  if (codes != NULL)
    {
      chosen = g_ptr_array_new ();
      for (guint i = 0; codes[i] != NULL && chosen->len < MAX_LSI_SERIES; i++)
        g_ptr_array_add (chosen, (gpointer) codes[i]);
    }
  else
    chosen = default_codes (history, set);

  for (guint k = 0; k < chosen->len; k++)
    {
      const char *code = g_ptr_array_index (chosen, k);
      const VastusMeasure *measure = vastus_catalog_lookup (code);
      const VastusCriterion *lsi_c = find_criterion (set, history, VASTUS_METRIC_LSI, code);
      const VastusCriterion *epic_c = find_criterion (set, history, VASTUS_METRIC_EPIC, code);
      g_autofree char *label = NULL;
      VastusChartSeries *lsi, *epic = NULL;

      if (measure == NULL)
        continue;
      /* Translators: a series on the symmetry chart, "Quadriceps HHD LSI" */
      label = g_strdup_printf (_("%s LSI"), vastus_measure_get_short_label (measure));
      lsi = vastus_chart_series_new (label, n, VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_LINE_SOLID);
      if (lsi_c != NULL)
        /* Translators: the limb symmetry index, as a threshold line's name on the symmetry chart
         * ("LSI ≥ 90 %") */
        lsi->criterion = threshold_label (lsi_c, _("LSI"));
      if (k == 0)
        {
          g_autofree char *epic_label = NULL;

          /* Translators: estimated pre-injury capacity series, "Quadriceps HHD EPIC" */
          epic_label = g_strdup_printf (_("%s EPIC"), vastus_measure_get_short_label (measure));
          epic = vastus_chart_series_new (epic_label, n, VASTUS_CHART_MARKER_CIRCLE,
                                          VASTUS_CHART_LINE_SOLID);
          if (epic_c != NULL || lsi_c != NULL)
            epic->criterion = threshold_label (epic_c != NULL ? epic_c : lsi_c,
                                               /* Translators: EPIC: estimated pre-injury
                                                * capacity; LSI: limb symmetry index; names of a
                                                * threshold line on the symmetry chart ("EPIC ≥
                                                * 90 %") */
                                               epic_c != NULL ? _("EPIC") : _("LSI"));
        }

      for (guint i = 0; i < n; i++)
        {
          VastusSymmetry sym;

          if (!vastus_symmetry_compute (history, i, code, &sym))
            continue;
          lsi->values[i] = sym.lsi;
          if (lsi_c != NULL && isfinite (sym.lsi))
            lsi->status[i] = vastus_comparator_test (lsi_c->comparator, sym.lsi, lsi_c->threshold)
                             ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
          if (epic != NULL)
            {
              const VastusCriterion *c = epic_c != NULL ? epic_c : lsi_c;

              epic->values[i] = sym.epic;
              if (c != NULL && isfinite (sym.epic))
                epic->status[i] = vastus_comparator_test (c->comparator, sym.epic, c->threshold)
                                  ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
            }
        }
      vastus_symmetry_chart_data_add_series (data, lsi);
      if (lsi_c != NULL)
        add_threshold (data, lsi_c, _("LSI"));
      if (epic != NULL)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < n; i++)
            any |= isfinite (epic->values[i]);
          if (any)
            {
              vastus_symmetry_chart_data_add_series (data, epic);
              if (epic_c != NULL)
                add_threshold (data, epic_c, _("EPIC"));
            }
          else
            vastus_chart_series_free (epic);
        }
    }
  /* Each series its own marker and dash pattern, matching its colour by position. */
  for (guint s = 0; s < data->series->len; s++)
    {
      VastusChartSeries *series = g_ptr_array_index (data->series, s);

      vastus_chart_series_style (s, &series->marker, &series->line);
    }
  return data;
}

static const char *
side_letter (VastusSide side)
{
  /* Translators: short for left, in a chart's legend "Involved (L)" */
  return side == VASTUS_SIDE_LEFT ? C_("side", "L")
         /* Translators: short for right, in a chart's legend "Involved (R)" */
         : side == VASTUS_SIDE_RIGHT ? C_("side", "R") : "";
}

VastusProgressChartData *
vastus_chart_build_progress (const VastusHistory *history,
                             const char          *code)
{
  const VastusMeasure *measure = vastus_catalog_lookup (code);
  VastusSide inv = vastus_history_involved_side (history);
  VastusSide uninv = vastus_history_uninvolved_side (history);
  g_autofree char *inv_label = NULL, *uninv_label = NULL;
  VastusProgressChartData *data;
  guint n = vastus_history_get_n_visits (history);

  if (measure == NULL || !measure->two_sided)
    return NULL;

  if (inv == VASTUS_SIDE_NONE)
    {
      /* Both knees (or unknown): left and right, no involved side. */
      inv = VASTUS_SIDE_LEFT;
      uninv = VASTUS_SIDE_RIGHT;
      /* Translators: the progress chart's legend when both knees are involved: the left knee's
       * values */
      inv_label = g_strdup (_("Left"));
      /* Translators: the progress chart's legend when both knees are involved: the right knee's
       * values */
      uninv_label = g_strdup (_("Right"));
    }
  else
    {
      /* Translators: legend of the progression chart, %s is L or R */
      inv_label = g_strdup_printf (_("Involved (%s)"), side_letter (inv));
      /* Translators: legend of the progression chart, %s is L or R */
      uninv_label = g_strdup_printf (_("Uninvolved (%s)"), side_letter (uninv));
    }

  data = vastus_progress_chart_data_new (n, inv_label, uninv_label, measure->unit);
  fill_timeline (&data->time, history);
  data->title = g_strdup (vastus_measure_get_label (measure));
  /* Translators: the label of the value before surgery or injury, on the progress chart */
  data->baseline_label = g_strdup (_("pre-op / pre-injury"));
  for (guint i = 0; i < n; i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      data->involved->values[i] = vastus_visit_combined (visit, code, inv, VASTUS_TRIALS_ALL);
      data->uninvolved->values[i] = vastus_visit_combined (visit, code, uninv, VASTUS_TRIALS_ALL);
    }
  data->baseline_involved = vastus_history_baseline (history, code, inv, NULL, NULL);
  data->baseline_uninvolved = vastus_history_baseline (history, code, uninv, NULL, NULL);
  return data;
}

/* The first of @candidates with a side-to-side difference at some visit, else NULL. */
static const char *
first_with_difference (const VastusHistory *history,
                       const char *const   *candidates)
{
  for (guint c = 0; candidates[c] != NULL; c++)
    for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
      {
        VastusSymmetry sym;

        if (vastus_symmetry_compute (history, i, candidates[c], &sym) && isfinite (sym.difference))
          return candidates[c];
      }
  return NULL;
}

/* @series gets @code's differences and a legend label saying which way they point. */
static void
fill_difference (VastusChartSeries   *series,
                 const VastusHistory *history,
                 const char          *code,
                 const char          *format)
{
  const VastusMeasure *measure = vastus_catalog_lookup (code);

  if (measure == NULL)
    return;
  g_free (series->label);
  series->label = g_strdup_printf (format, vastus_measure_get_short_label (measure));
  for (guint i = 0; i < series->n_values; i++)
    {
      VastusSymmetry sym;

      if (vastus_symmetry_compute (history, i, code, &sym))
        series->values[i] = sym.difference;
    }
}

VastusGirthChartData *
vastus_chart_build_girth (const VastusHistory *history,
                          const char          *girth_code)
{
  static const char *thigh[] = { "thigh_girth_15", "thigh_girth_10", "thigh_girth_20",
                                 "thigh_girth_5", NULL };
  static const char *knee[] = { "knee_girth_joint_line", "knee_girth_midpatella", NULL };
  guint n = vastus_history_get_n_visits (history);
  VastusGirthChartData *data = vastus_girth_chart_data_new (n);
  VastusSide inv = vastus_history_involved_side (history);
  const char *knee_code;

  fill_timeline (&data->time, history);
  data->title = g_strdup (_("Girth and swelling"));

  if (girth_code == NULL)
    girth_code = first_with_difference (history, thigh);
  /* Translators: a series of the girth chart, "Thigh girth 15 cm (atrophy)" */
  fill_difference (data->girth, history, girth_code != NULL ? girth_code : thigh[0],
                   /* Translators: a series of the girth chart: a thigh girth difference, where
                    * more is atrophy; %s is the girth's short name */
                   _("%s (atrophy)"));
  knee_code = first_with_difference (history, knee);
  /* Translators: a series of the girth chart, "Knee girth, joint line (swelling)" */
  fill_difference (data->knee, history, knee_code != NULL ? knee_code : knee[0],
                   /* Translators: a series of the girth chart: a knee girth difference, where
                    * more is swelling; %s is the girth's short name */
                   _("%s (swelling)"));

  for (guint i = 0; i < n; i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);
      double grade;

      if (inv == VASTUS_SIDE_NONE)
        {
          /* Both knees: the larger effusion. */
          double l = vastus_visit_combined (visit, "effusion_stroke", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL);
          double r = vastus_visit_combined (visit, "effusion_stroke", VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL);

          grade = isfinite (l) && isfinite (r) ? MAX (l, r) : isfinite (l) ? l : r;
        }
      else
        grade = vastus_visit_combined (visit, "effusion_stroke", inv, VASTUS_TRIALS_ALL);
      data->effusion[i] = isfinite (grade) ? CLAMP ((int) round (grade), 0, 4) : -1;
    }
  return data;
}

VastusCriteriaChartData *
vastus_chart_build_criteria (const VastusHistory     *history,
                             const VastusCriteriaSet *set)
{
  guint n = vastus_history_get_n_visits (history);
  VastusCriteriaChartData *data = vastus_criteria_chart_data_new (n);
  g_autoptr(VastusEvaluation) evaluation = NULL;

  fill_timeline (&data->time, history);
  if (set == NULL)
    return data;
  data->title = g_strdup (set->title);
  /* Each visit is charted as measured: no stale window, only the first-met dates. */
  if (n > 0)
    {
      VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;

      rules.max_age_weeks = 0;
      evaluation = vastus_evaluate (history, set, &vastus_history_get_visit (history, n - 1)->date,
                                    &rules);
    }

  for (guint c = 0; c < set->criteria->len; c++)
    {
      const VastusCriterion *criterion = g_ptr_array_index (set->criteria, c);
      VastusCriteriaChartRow *row;

      if (history->patient != NULL && !vastus_criterion_applies_to (criterion, history->patient->sex))
        continue;
      row = vastus_criteria_chart_data_add_row (data, vastus_criteria_set_text (set, criterion->label));
      for (guint i = 0; i < n; i++)
        {
          double value = vastus_criterion_value_at (history, i, criterion, NULL, NULL);

          row->status[i] = !isfinite (value) ? VASTUS_CHART_STATUS_NOT_TESTED
                         : vastus_comparator_test (criterion->comparator, value, criterion->threshold)
                         ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
        }
      for (guint r = 0; evaluation != NULL && r < evaluation->results->len; r++)
        {
          const VastusCriterionResult *result = g_ptr_array_index (evaluation->results, r);

          if (g_strcmp0 (result->criterion->id, criterion->id) == 0
              && result->status == VASTUS_STATUS_MET && g_date_valid (&result->first_met))
            row->first_met = g_date_get_julian (&result->first_met);
        }
    }
  return data;
}

/* Questionnaires */

static gboolean
instrument_has_scores (const VastusHistory    *history,
                       const VastusInstrument *instrument)
{
  for (guint k = 0; k < instrument->scales->len; k++)
    for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
      if (!isnan (vastus_visit_combined (vastus_history_get_visit (history, i),
                                         ((VastusScale *) g_ptr_array_index (instrument->scales, k))->measure,
                                         VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL)))
        return TRUE;
  return FALSE;
}

VastusPromChartData *
vastus_chart_build_prom (const VastusHistory *history,
                         const char          *instrument_id,
                         VastusPromMicFunc    mic_for,
                         gpointer             user_data)
{
  static const VastusChartMarker markers[] = {
    VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_MARKER_SQUARE, VASTUS_CHART_MARKER_DIAMOND,
    VASTUS_CHART_MARKER_TRIANGLE,
  };
  const VastusInstrument *instrument = NULL;
  g_autoptr(GArray) visits = NULL;
  VastusPromChartData *data;
  guint n = vastus_history_get_n_visits (history);

  if (instrument_id != NULL)
    instrument = vastus_instrument_lookup (instrument_id);
  for (guint i = 0; instrument_id == NULL && instrument == NULL && i < vastus_instruments_get_n (); i++)
    if (instrument_has_scores (history, vastus_instruments_get_nth (i)))
      instrument = vastus_instruments_get_nth (i);
  if (instrument == NULL || !instrument_has_scores (history, instrument))
    return NULL;

  /* Only the visits that scored this instrument: questionnaires are given now and then, and a
   * line from one to the next reads better than points between gaps. */
  visits = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < instrument->scales->len; k++)
      if (!isnan (vastus_visit_combined (vastus_history_get_visit (history, i),
                                         ((VastusScale *) g_ptr_array_index (instrument->scales, k))->measure,
                                         VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL)))
        {
          g_array_append_val (visits, i);
          break;
        }

  data = vastus_prom_chart_data_new (visits->len);
  for (guint v = 0; v < visits->len; v++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, g_array_index (visits, guint, v));

      vastus_chart_timeline_set_visit (&data->time, v, &visit->date, visit->id);
    }
  if (g_date_valid (&history->episode->surgery_date))
    vastus_chart_timeline_set_index (&data->time, &history->episode->surgery_date, _("Surgery"),
                                     _("Weeks since surgery"));
  else if (g_date_valid (&history->episode->injury_date))
    vastus_chart_timeline_set_index (&data->time, &history->episode->injury_date, _("Injury"),
                                     _("Weeks since injury"));
  data->title = g_strdup (instrument->name);
  data->y_min = G_MAXDOUBLE;
  data->y_max = -G_MAXDOUBLE;
  for (guint k = 0; k < instrument->scales->len; k++)
    {
      const VastusScale *scale = g_ptr_array_index (instrument->scales, k);
      const VastusMeasure *measure = vastus_catalog_lookup (scale->measure);
      guint n_series = data->series->len;
      g_autoptr(VastusChartSeries) series =
        vastus_chart_series_new (instrument->scales->len > 1 ? vastus_scale_get_label (scale)
                                                              : vastus_measure_get_short_label (measure),
                                 visits->len, markers[n_series % G_N_ELEMENTS (markers)],
                                 n_series < 4 ? VASTUS_CHART_LINE_SOLID : VASTUS_CHART_LINE_DASHED);

      data->y_min = MIN (data->y_min, measure->hard_min);
      data->y_max = MAX (data->y_max, measure->hard_max);
      for (guint v = 0; v < visits->len; v++)
        series->values[v] = vastus_visit_combined (vastus_history_get_visit (history, g_array_index (visits, guint, v)),
                                                   scale->measure, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
      if (vastus_chart_series_has_values (series))
        vastus_prom_chart_data_add_series (data, g_steal_pointer (&series),
                                           mic_for != NULL ? mic_for (scale->measure, user_data) : scale->mic);
    }
  return data;
}
