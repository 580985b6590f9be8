/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-points"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-chart-axis.h"
#include "vastus-chart-points.h"
#include "vastus-prom-chart.h"
#include "vastus-girth-chart.h"
#include "vastus-units.h"

#define N_GRADES 5

static const char *
grade_name (int grade)
{
  static const char *names[N_GRADES] = { "0", NULL, "1+", "2+", "3+" };

  /* Translators: the effusion grade between 0 and 1+ of the stroke test */
  return grade == 1 ? C_("effusion", "trace") : names[CLAMP (grade, 0, N_GRADES - 1)];
}

const VastusChartTimeline *
vastus_chart_points_timeline (VastusChartKind kind,
                              gconstpointer   data)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: return &((const VastusSymmetryChartData *) data)->time;
    case VASTUS_CHART_KIND_PROGRESS: return &((const VastusProgressChartData *) data)->time;
    case VASTUS_CHART_KIND_GIRTH: return &((const VastusGirthChartData *) data)->time;
    case VASTUS_CHART_KIND_PROM: return &((const VastusPromChartData *) data)->time;
    case VASTUS_CHART_KIND_CRITERIA:
    default: return &((const VastusCriteriaChartData *) data)->time;
    }
}

/* The series behind a number, NULL for effusion and criteria rows. */
static const VastusChartSeries *
series_of (VastusChartKind kind,
           gconstpointer   data,
           guint           series)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        const VastusSymmetryChartData *d = data;

        return series < d->series->len ? g_ptr_array_index (d->series, series) : NULL;
      }
    case VASTUS_CHART_KIND_PROGRESS:
      {
        const VastusProgressChartData *d = data;

        return series == 0 ? d->involved : series == 1 ? d->uninvolved : NULL;
      }
    case VASTUS_CHART_KIND_GIRTH:
      {
        const VastusGirthChartData *d = data;

        return series == VASTUS_GIRTH_SERIES_THIGH ? d->girth
               : series == VASTUS_GIRTH_SERIES_KNEE ? d->knee : NULL;
      }
    case VASTUS_CHART_KIND_PROM:
      {
        const VastusPromChartData *d = data;

        return series < d->series->len ? g_ptr_array_index (d->series, series) : NULL;
      }
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      return NULL;
    }
}

gboolean
vastus_chart_points_get (VastusChartKind   kind,
                         gconstpointer     data,
                         guint             series,
                         guint             visit,
                         VastusChartPoint *point)
{
  const VastusChartTimeline *time = vastus_chart_points_timeline (kind, data);
  const VastusChartSeries *s = series_of (kind, data, series);

  g_return_val_if_fail (point != NULL, FALSE);

  *point = (VastusChartPoint) { NAN, VASTUS_CHART_STATUS_NONE };
  if (visit >= time->n_visits)
    return FALSE;
  if (kind == VASTUS_CHART_KIND_CRITERIA)
    {
      const VastusCriteriaChartData *d = data;

      if (series >= d->rows->len)
        return FALSE;
      point->status = ((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, series))->status[visit];
      point->value = point->status;
      return TRUE;
    }
  if (kind == VASTUS_CHART_KIND_GIRTH && series == VASTUS_GIRTH_SERIES_EFFUSION)
    {
      int grade = ((const VastusGirthChartData *) data)->effusion[visit];

      point->value = grade;
      return grade >= 0 && grade < N_GRADES;
    }
  if (s == NULL || visit >= s->n_values || !isfinite (s->values[visit]))
    return FALSE;
  point->value = s->values[visit];
  point->status = s->status[visit];
  /* Lengths in the unit the girth chart shows, as vastus_girth_chart_data_display_series (). */
  if (kind == VASTUS_CHART_KIND_GIRTH && ((const VastusGirthChartData *) data)->inches)
    point->value /= VASTUS_CM_PER_IN;
  return TRUE;
}

static gboolean
has_points (VastusChartKind kind,
            gconstpointer   data,
            guint           series)
{
  VastusChartPoint p;

  for (guint i = 0; i < vastus_chart_points_timeline (kind, data)->n_visits; i++)
    if (vastus_chart_points_get (kind, data, series, i, &p))
      return TRUE;
  return FALSE;
}

guint
vastus_chart_points_series (VastusChartKind  kind,
                            gconstpointer    data,
                            guint           *ids,
                            guint            max)
{
  static const guint girth_order[] = {
    VASTUS_GIRTH_SERIES_THIGH, VASTUS_GIRTH_SERIES_KNEE, VASTUS_GIRTH_SERIES_EFFUSION,
  };
  guint n_all, n = 0;

  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      n_all = ((const VastusSymmetryChartData *) data)->series->len;
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      n_all = 2;
      break;
    case VASTUS_CHART_KIND_GIRTH:
      n_all = G_N_ELEMENTS (girth_order);
      break;
    case VASTUS_CHART_KIND_PROM:
      n_all = ((const VastusPromChartData *) data)->series->len;
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      n_all = ((const VastusCriteriaChartData *) data)->rows->len;
      break;
    }
  for (guint k = 0; k < n_all; k++)
    {
      guint id = kind == VASTUS_CHART_KIND_GIRTH ? girth_order[k] : k;

      if (!has_points (kind, data, id))
        continue;
      if (ids != NULL && n < max)
        ids[n] = id;
      n++;
    }
  return n;
}

const char *
vastus_chart_points_series_label (VastusChartKind kind,
                                  gconstpointer   data,
                                  guint           series)
{
  const VastusChartSeries *s = series_of (kind, data, series);

  if (kind == VASTUS_CHART_KIND_CRITERIA)
    {
      const VastusCriteriaChartData *d = data;

      return series < d->rows->len ? ((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, series))->label
                                   : "";
    }
  if (kind == VASTUS_CHART_KIND_GIRTH && series == VASTUS_GIRTH_SERIES_EFFUSION)
    /* Translators: the effusion series of the girth chart, read out for one of its points */
    return _("Effusion");
  return s != NULL && s->label != NULL ? s->label : "";
}

static const char *
unit_of (VastusChartKind kind,
         gconstpointer   data)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: return "%";
    case VASTUS_CHART_KIND_PROGRESS: return ((const VastusProgressChartData *) data)->unit;
    case VASTUS_CHART_KIND_GIRTH: return vastus_girth_chart_data_unit (data);
    /* Translators: the unit of questionnaire scores */
    case VASTUS_CHART_KIND_PROM: return _("points");
    case VASTUS_CHART_KIND_CRITERIA:
    default: return NULL;
    }
}

static const char *
status_word (VastusChartStatus status)
{
  switch (status)
    {
    /* Translators: a criterion's status, read out for a point of the criteria chart */
    case VASTUS_CHART_STATUS_MET: return _("met");
    /* Translators: a criterion's status, read out for a point of the criteria chart */
    case VASTUS_CHART_STATUS_NOT_MET: return _("not met");
    case VASTUS_CHART_STATUS_NOT_TESTED:
    case VASTUS_CHART_STATUS_NONE:
    /* Translators: a criterion's status, read out for a point of the criteria chart */
    default: return _("not tested");
    }
}

char *
vastus_chart_points_format (VastusChartKind         kind,
                            gconstpointer           data,
                            guint                   series,
                            const VastusChartPoint *point)
{
  const char *unit = unit_of (kind, data);

  if (kind == VASTUS_CHART_KIND_CRITERIA)
    return g_strdup (status_word (point->status));
  if (kind == VASTUS_CHART_KIND_GIRTH && series == VASTUS_GIRTH_SERIES_EFFUSION)
    return g_strdup (grade_name ((int) point->value));
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_display_number (point->value, 1, shown);
  if (unit == NULL || unit[0] == '\0')
    return g_strdup (shown);
  return g_strdup_printf ("%s %s", shown, unit);
}

/* What the point was measured against: the criterion line, or the pre-operative value. */
static char *
criterion_text (VastusChartKind         kind,
                gconstpointer           data,
                guint                   series,
                const VastusChartPoint *point)
{
  const VastusChartSeries *s = series_of (kind, data, series);

  if (kind == VASTUS_CHART_KIND_PROGRESS)
    {
      const VastusProgressChartData *d = data;
      double baseline = series == 0 ? d->baseline_involved : d->baseline_uninvolved;
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      if (!isfinite (baseline))
        return NULL;
      /* Translators: a point of a chart compared with the pre-operative value, "pre-op 402.0 N" */
      return g_strdup_printf (_("%s %s %s"), d->baseline_label != NULL ? d->baseline_label :
                              /* Translators: short for the pre-operative value, on charts and
                               * their tables: “pre-op 402.0 N” */
                              _("pre-op"),
                              vastus_display_number (baseline, 1, shown), d->unit != NULL ? d->unit : "");
    }
  if (s == NULL || s->criterion == NULL)
    return NULL;
  if (point->status == VASTUS_CHART_STATUS_MET)
    /* Translators: a point of a chart and its criterion line, "meets LSI ≥ 90 %" */
    return g_strdup_printf (_("meets %s"), s->criterion);
  if (point->status == VASTUS_CHART_STATUS_NOT_MET)
    /* Translators: a point of a chart and its criterion line, "does not meet LSI ≥ 90 %" */
    return g_strdup_printf (_("does not meet %s"), s->criterion);
  return NULL;
}

/* "Quadriceps LSI: 91.5 %, meets LSI ≥ 90 %" (no date). */
static char *
point_line (VastusChartKind kind,
            gconstpointer   data,
            guint           series,
            guint           visit)
{
  VastusChartPoint point;
  g_autofree char *value = NULL, *criterion = NULL;
  const char *label = vastus_chart_points_series_label (kind, data, series);

  if (!vastus_chart_points_get (kind, data, series, visit, &point))
    /* Translators: a series of a chart without a value at a visit */
    return g_strdup_printf (_("%s: not measured"), label);
  value = vastus_chart_points_format (kind, data, series, &point);
  criterion = criterion_text (kind, data, series, &point);
  if (criterion == NULL)
    /* Translators: a series of a chart and its value at a visit, "Involved (L): 431.0 N" */
    return g_strdup_printf (_("%s: %s"), label, value);
  /* Translators: a series, its value and its criterion, "Quadriceps LSI: 91.5 %, meets LSI ≥ 90 %" */
  return g_strdup_printf (_("%s: %s, %s"), label, value, criterion);
}

char *
vastus_chart_points_describe (VastusChartKind kind,
                              gconstpointer   data,
                              guint           series,
                              guint           visit)
{
  const VastusChartTimeline *time = vastus_chart_points_timeline (kind, data);
  g_autofree char *line = NULL, *when = NULL;

  g_return_val_if_fail (visit < time->n_visits, NULL);

  line = point_line (kind, data, series, visit);
  when = vastus_chart_time_describe (time->dates[visit], time->index_date);
  /* Translators: one point of a chart for a screen reader: the series and its value, the
   * date, the visit's number and how many there are */
  return g_strdup_printf (_("%s; %s. Visit %u of %u."), line, when, visit + 1, time->n_visits);
}

char *
vastus_chart_points_describe_visit (VastusChartKind kind,
                                    gconstpointer   data,
                                    guint           visit,
                                    int             bold,
                                    gboolean        markup)
{
  const VastusChartTimeline *time = vastus_chart_points_timeline (kind, data);
  guint ids[64], n = MIN (vastus_chart_points_series (kind, data, ids, G_N_ELEMENTS (ids)), 64);
  g_autofree char *when = NULL;
  GString *s;

  g_return_val_if_fail (visit < time->n_visits, NULL);

  when = vastus_chart_time_describe (time->dates[visit], time->index_date);
  s = g_string_new (NULL);
  if (markup)
    g_string_append_printf (s, "<b>%s</b>", when);   /* a date: nothing to escape */
  else
    g_string_append (s, when);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *line = point_line (kind, data, ids[k], visit);
      g_autofree char *escaped = markup ? g_markup_escape_text (line, -1) : NULL;

      g_string_append_c (s, '\n');
      if (!markup)
        g_string_append (s, line);
      else if ((int) ids[k] == bold)
        g_string_append_printf (s, "<b>%s</b>", escaped);
      else
        g_string_append (s, escaped);
    }
  return g_string_free (s, FALSE);
}

static const char *
title_of (VastusChartKind kind,
          gconstpointer   data)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: return ((const VastusSymmetryChartData *) data)->title;
    case VASTUS_CHART_KIND_PROGRESS: return ((const VastusProgressChartData *) data)->title;
    case VASTUS_CHART_KIND_GIRTH: return ((const VastusGirthChartData *) data)->title;
    case VASTUS_CHART_KIND_PROM: return ((const VastusPromChartData *) data)->title;
    case VASTUS_CHART_KIND_CRITERIA:
    default: return ((const VastusCriteriaChartData *) data)->title;
    }
}

char *
vastus_chart_points_name (VastusChartKind kind,
                          gconstpointer   data)
{
  const char *title = title_of (kind, data);
  guint n = vastus_chart_points_timeline (kind, data)->n_visits;

  if (title == NULL || title[0] == '\0')
    /* Translators: a chart's name when it has no title: the criteria chart, or any other chart */
    title = kind == VASTUS_CHART_KIND_CRITERIA ? _("Criteria") :
      /* Translators: a chart's name when it has no title (a noun) */
      _("Chart");
  /* Translators: a chart's accessible name, "Limb symmetry over time, 14 visits" */
  return g_strdup_printf (ngettext ("%s over time, %u visit",
                                       "%s over time, %u visits", n), title, n);
}

/* Summary */

static void
describe_series (GString                   *s,
                 const VastusChartTimeline *time,
                 const VastusChartSeries   *series,
                 const char                *unit)
{
  int first = -1, last = -1;
  g_autofree char *from = NULL, *to = NULL;
  char first_value[VASTUS_DISPLAY_NUMBER_SIZE], last_value[VASTUS_DISPLAY_NUMBER_SIZE];

  for (guint i = 0; i < series->n_values; i++)
    if (isfinite (series->values[i]))
      {
        if (first < 0)
          first = i;
        last = i;
      }
  if (first < 0)
    {
      /* Translators: accessible chart summary, %s is a series name */
      g_string_append_printf (s, _("%s: no values. "), series->label ?: "");
      return;
    }
  from = vastus_chart_time_describe (time->dates[first], time->index_date);
  to = vastus_chart_time_describe (time->dates[last], time->index_date);
  vastus_display_number (series->values[first], 1, first_value);
  vastus_display_number (series->values[last], 1, last_value);
  if (first == last)
    /* Translators: accessible chart summary: series, value, unit, date */
    g_string_append_printf (s, _("%s: %s %s on %s"), series->label ?: "", first_value, unit, from);
  else
    /* Translators: accessible chart summary: series, value, unit, date, value, unit, date */
    g_string_append_printf (s, _("%s: from %s %s on %s to %s %s on %s"), series->label ?: "",
                            first_value, unit, from, last_value, unit, to);
  if (series->status[last] == VASTUS_CHART_STATUS_MET)
    /* Translators: appended to a series' description read out by a screen reader, after its last
     * value */
    g_string_append (s, _(", threshold met"));
  else if (series->status[last] == VASTUS_CHART_STATUS_NOT_MET)
    g_string_append (s, _(", threshold not met"));
  g_string_append (s, ". ");
}

char *
vastus_chart_points_summary (VastusChartKind kind,
                             gconstpointer   data)
{
  GString *s = g_string_new (NULL);
  const VastusChartTimeline *time = vastus_chart_points_timeline (kind, data);
  const char *title = title_of (kind, data);

  if (time->n_visits == 0)
    {
      g_string_append (s, _("No visits recorded yet."));
      return g_string_free (s, FALSE);
    }
  /* Translators: accessible chart summary */
  g_string_append_printf (s, ngettext ("%u visit. ", "%u visits. ", time->n_visits),
                          time->n_visits);
  if (title != NULL)
    g_string_append_printf (s, "%s. ", title);

  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        const VastusSymmetryChartData *d = data;
        char shown[VASTUS_DISPLAY_NUMBER_SIZE];

        for (guint i = 0; i < d->thresholds->len; i++)
          /* Translators: accessible chart summary */
          g_string_append_printf (s, _("Threshold %s %%. "),
                                  vastus_display_number (g_array_index (d->thresholds, VastusChartThreshold, i).value,
                                                         0, shown));
        for (guint i = 0; i < d->series->len; i++)
          describe_series (s, time, g_ptr_array_index (d->series, i), "%");
      }
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      {
        const VastusProgressChartData *d = data;

        describe_series (s, time, d->involved, d->unit ?: "");
        describe_series (s, time, d->uninvolved, d->unit ?: "");
        char involved[VASTUS_DISPLAY_NUMBER_SIZE], uninvolved[VASTUS_DISPLAY_NUMBER_SIZE];

        if (isfinite (d->baseline_involved) || isfinite (d->baseline_uninvolved))
          /* Translators: accessible chart summary: baseline label, involved, uninvolved, unit */
          g_string_append_printf (s, _("%s: involved %s, uninvolved %s %s. "),
                                  d->baseline_label ?: _("pre-op"),
                                  vastus_display_number (d->baseline_involved, 1, involved),
                                  vastus_display_number (d->baseline_uninvolved, 1, uninvolved),
                                  d->unit ?: "");
      }
      break;
    case VASTUS_CHART_KIND_GIRTH:
      {
        const VastusGirthChartData *d = data;
        int first = -1, last = -1;
        const VastusChartSeries *lengths[] = { d->girth, d->knee };

        for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
          if (vastus_chart_series_has_values (lengths[k]))
            {
              g_autoptr(VastusChartSeries) shown = vastus_girth_chart_data_display_series (d, lengths[k]);

              describe_series (s, time, shown, vastus_girth_chart_data_unit (d));
            }
        for (guint i = 0; i < time->n_visits; i++)
          if (d->effusion[i] >= 0)
            {
              if (first < 0)
                first = i;
              last = i;
            }
        if (first >= 0)
          /* Translators: accessible chart summary: effusion grades */
          g_string_append_printf (s, _("Effusion from %s to %s. "), grade_name (d->effusion[first]),
                                  grade_name (d->effusion[last]));
      }
      break;
    case VASTUS_CHART_KIND_PROM:
      {
        const VastusPromChartData *d = data;

        for (guint i = 0; i < d->series->len; i++)
          describe_series (s, time, g_ptr_array_index (d->series, i), _("points"));
      }
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        const VastusCriteriaChartData *d = data;
        guint met = 0;

        for (guint r = 0; r < d->rows->len; r++)
          met += ((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, r))->status[time->n_visits - 1]
                 == VASTUS_CHART_STATUS_MET;
        /* Translators: accessible chart summary: criteria met of all the criteria */
        g_string_append_printf (s, ngettext ("At the last visit %u of %u criterion met. ",
                                             "At the last visit %u of %u criteria met. ",
                                             d->rows->len), met, d->rows->len);
        for (guint r = 0; r < d->rows->len; r++)
          {
            const VastusCriteriaChartRow *row = g_ptr_array_index (d->rows, r);

            if (row->first_met != 0)
              {
                g_autofree char *when = vastus_chart_time_describe (row->first_met, time->index_date);

                /* Translators: accessible chart summary: criterion, date */
                g_string_append_printf (s, _("%s: met since %s. "), row->label, when);
              }
          }
      }
      break;
    }
  return g_string_free (s, FALSE);
}
