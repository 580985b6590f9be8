/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "vastus-chart-axis.h"
#include "vastus-chart-view.h"
#include "vastus-criteria-chart.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-symmetry-chart.h"

#define PICK_RADIUS 16.0

struct _VastusChartView
{
  GtkWidget          parent_instance;

  VastusChartKind    kind;
  gpointer           data;
  char              *summary;

  VastusChartLayout  layout;      /* of the last frame drawn */
  int                hover;       /* index into layout.hits, or −1 */
  gulong             dark_handler;
};

G_DEFINE_FINAL_TYPE (VastusChartView, vastus_chart_view, GTK_TYPE_WIDGET)

enum {
  VISIT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *grade_names[] = { "0", N_("trace"), "1+", "2+", "3+" };

static void
data_unref (VastusChartKind kind,
            gpointer        data)
{
  if (data == NULL)
    return;
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: vastus_symmetry_chart_data_unref (data); break;
    case VASTUS_CHART_KIND_PROGRESS: vastus_progress_chart_data_unref (data); break;
    case VASTUS_CHART_KIND_GIRTH: vastus_girth_chart_data_unref (data); break;
    case VASTUS_CHART_KIND_CRITERIA:
    default: vastus_criteria_chart_data_unref (data); break;
    }
}

static gpointer
data_ref (VastusChartKind kind,
          gpointer        data)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: return vastus_symmetry_chart_data_ref (data);
    case VASTUS_CHART_KIND_PROGRESS: return vastus_progress_chart_data_ref (data);
    case VASTUS_CHART_KIND_GIRTH: return vastus_girth_chart_data_ref (data);
    case VASTUS_CHART_KIND_CRITERIA:
    default: return vastus_criteria_chart_data_ref (data);
    }
}

static const VastusChartTimeline *
get_timeline (VastusChartView *self)
{
  switch (self->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY: return &((VastusSymmetryChartData *) self->data)->time;
    case VASTUS_CHART_KIND_PROGRESS: return &((VastusProgressChartData *) self->data)->time;
    case VASTUS_CHART_KIND_GIRTH: return &((VastusGirthChartData *) self->data)->time;
    case VASTUS_CHART_KIND_CRITERIA:
    default: return &((VastusCriteriaChartData *) self->data)->time;
    }
}

static const char *
series_label (VastusChartView *self,
              guint            series)
{
  switch (self->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        VastusSymmetryChartData *d = self->data;
        return series < d->series->len
               ? ((VastusChartSeries *) g_ptr_array_index (d->series, series))->label : "";
      }
    case VASTUS_CHART_KIND_PROGRESS:
      {
        VastusProgressChartData *d = self->data;
        return series == 0 ? d->involved->label : d->uninvolved->label;
      }
    case VASTUS_CHART_KIND_GIRTH:
      {
        VastusGirthChartData *d = self->data;
        return series == VASTUS_GIRTH_SERIES_THIGH ? d->girth->label
               : series == VASTUS_GIRTH_SERIES_KNEE ? d->knee->label : _("Effusion");
      }
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        VastusCriteriaChartData *d = self->data;
        return series < d->rows->len
               ? ((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, series))->label : "";
      }
    }
}

static char *
format_value (VastusChartView *self,
              guint            series,
              double           value)
{
  switch (self->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      return g_strdup_printf ("%.1f %%", value);
    case VASTUS_CHART_KIND_PROGRESS:
      return g_strdup_printf ("%.1f %s", value,
                              ((VastusProgressChartData *) self->data)->unit ?: "");
    case VASTUS_CHART_KIND_GIRTH:
      if (series == VASTUS_GIRTH_SERIES_EFFUSION)
        return g_strdup (_(grade_names[CLAMP ((int) value, 0, 4)]));
      /* The renderer's hits are already in the display unit. */
      return g_strdup_printf ("%.1f %s", value, vastus_girth_chart_data_unit (self->data));
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      return g_strdup ((int) value == VASTUS_CHART_STATUS_MET ? _("met")
                       : (int) value == VASTUS_CHART_STATUS_NOT_MET ? _("not met")
                       : _("not tested"));
    }
}

static void
describe_series (GString                   *s,
                 const VastusChartTimeline *time,
                 const VastusChartSeries   *series,
                 const char                *unit)
{
  int first = -1, last = -1;
  g_autofree char *from = NULL, *to = NULL;

  for (guint i = 0; i < series->n_values; i++)
    if (isfinite (series->values[i]))
      {
        if (first < 0)
          first = i;
        last = i;
      }
  if (first < 0)
    {
      /* TRANSLATORS: accessible chart summary, %s is a series name */
      g_string_append_printf (s, _("%s: no values. "), series->label ?: "");
      return;
    }
  from = vastus_chart_time_describe (time->dates[first], time->index_date);
  to = vastus_chart_time_describe (time->dates[last], time->index_date);
  if (first == last)
    /* TRANSLATORS: accessible chart summary: series, value, unit, date */
    g_string_append_printf (s, _("%s: %.1f %s on %s"), series->label ?: "",
                            series->values[first], unit, from);
  else
    /* TRANSLATORS: accessible chart summary: series, value, unit, date, value, unit, date */
    g_string_append_printf (s, _("%s: from %.1f %s on %s to %.1f %s on %s"), series->label ?: "",
                            series->values[first], unit, from, series->values[last], unit, to);
  if (series->status[last] == VASTUS_CHART_STATUS_MET)
    g_string_append (s, _(", threshold met"));
  else if (series->status[last] == VASTUS_CHART_STATUS_NOT_MET)
    g_string_append (s, _(", threshold not met"));
  g_string_append (s, ". ");
}

static char *
build_summary (VastusChartView *self)
{
  GString *s = g_string_new (NULL);
  const VastusChartTimeline *time = get_timeline (self);

  if (time->n_visits == 0)
    {
      g_string_append (s, _("No visits recorded yet."));
      return g_string_free (s, FALSE);
    }
  /* TRANSLATORS: accessible chart summary */
  g_string_append_printf (s, ngettext ("%u visit. ", "%u visits. ", time->n_visits), time->n_visits);

  switch (self->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        VastusSymmetryChartData *d = self->data;

        if (d->title)
          g_string_append_printf (s, "%s. ", d->title);
        for (guint i = 0; i < d->thresholds->len; i++)
          /* TRANSLATORS: accessible chart summary */
          g_string_append_printf (s, _("Threshold %.0f %%. "),
                                  g_array_index (d->thresholds, VastusChartThreshold, i).value);
        for (guint i = 0; i < d->series->len; i++)
          describe_series (s, time, g_ptr_array_index (d->series, i), "%");
      }
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      {
        VastusProgressChartData *d = self->data;

        if (d->title)
          g_string_append_printf (s, "%s. ", d->title);
        describe_series (s, time, d->involved, d->unit ?: "");
        describe_series (s, time, d->uninvolved, d->unit ?: "");
        if (isfinite (d->baseline_involved) || isfinite (d->baseline_uninvolved))
          /* TRANSLATORS: accessible chart summary: baseline label, involved, uninvolved, unit */
          g_string_append_printf (s, _("%s: involved %.1f, uninvolved %.1f %s. "),
                                  d->baseline_label ?: _("pre-op"), d->baseline_involved,
                                  d->baseline_uninvolved, d->unit ?: "");
      }
      break;
    case VASTUS_CHART_KIND_GIRTH:
      {
        VastusGirthChartData *d = self->data;
        int first = -1, last = -1;
        const VastusChartSeries *lengths[] = { d->girth, d->knee };

        if (d->title)
          g_string_append_printf (s, "%s. ", d->title);
        for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
          if (vastus_chart_series_has_values (lengths[k]))
            {
              g_autoptr(VastusChartSeries) shown = NULL;

              shown = vastus_girth_chart_data_display_series (d, lengths[k]);

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
          /* TRANSLATORS: accessible chart summary: effusion grades */
          g_string_append_printf (s, _("Effusion from %s to %s. "),
                                  _(grade_names[CLAMP (d->effusion[first], 0, 4)]),
                                  _(grade_names[CLAMP (d->effusion[last], 0, 4)]));
      }
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        VastusCriteriaChartData *d = self->data;
        guint met = 0;

        if (d->title)
          g_string_append_printf (s, "%s. ", d->title);
        for (guint r = 0; r < d->rows->len; r++)
          met += ((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, r))->status[time->n_visits - 1]
                 == VASTUS_CHART_STATUS_MET;
        /* TRANSLATORS: accessible chart summary */
        g_string_append_printf (s, _("At the last visit %u of %u criteria met. "), met, d->rows->len);
        for (guint r = 0; r < d->rows->len; r++)
          {
            const VastusCriteriaChartRow *row = g_ptr_array_index (d->rows, r);

            if (row->first_met != 0)
              {
                g_autofree char *when = vastus_chart_time_describe (row->first_met, time->index_date);
                /* TRANSLATORS: accessible chart summary: criterion, date */
                g_string_append_printf (s, _("%s: met since %s. "), row->label, when);
              }
          }
      }
      break;
    }
  return g_string_free (s, FALSE);
}

static void
render (VastusChartView        *self,
        const VastusChartStyle *style,
        cairo_t                *cr,
        double                  w,
        double                  h)
{
  switch (self->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      vastus_symmetry_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      vastus_progress_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    case VASTUS_CHART_KIND_GIRTH:
      vastus_girth_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      vastus_criteria_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    }
}

static int
pick_hit (VastusChartView *self,
          double           x,
          double           y)
{
  double best = PICK_RADIUS * PICK_RADIUS;
  int found = -1;

  for (guint i = 0; self->data != NULL && i < self->layout.hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (self->layout.hits, VastusChartHit, i);
      double d = (hit->x - x) * (hit->x - x) + (hit->y - y) * (hit->y - y);

      if (d < best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

/* Callbacks */

static void
dark_changed_cb (VastusChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VastusChartView          *self)
{
  int hit = pick_hit (self, x, y);

  if (hit != self->hover)
    {
      self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          VastusChartView          *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             VastusChartView *self)
{
  int visit = vastus_chart_view_pick_visit (self, x, y);

  if (visit >= 0)
    g_signal_emit (self, signals [VISIT_ACTIVATED], 0, get_timeline (self)->visit_ids[visit], visit);
}

static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  VastusChartView *self)
{
  const VastusChartHit *hit;
  g_autofree char *value = NULL, *when = NULL, *text = NULL;
  int i = pick_hit (self, x, y);

  if (i < 0)
    return FALSE;
  hit = &g_array_index (self->layout.hits, VastusChartHit, i);
  value = format_value (self, hit->series, hit->value);
  when = vastus_chart_time_describe (get_timeline (self)->dates[hit->visit],
                                     get_timeline (self)->index_date);
  text = g_strdup_printf ("%s: %s\n%s", series_label (self, hit->series), value, when);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GtkWidget */

static void
vastus_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  VastusChartView *self = VASTUS_CHART_VIEW (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  VastusChartStyle style;
  cairo_t *cr;

  if (self->data == NULL || w < 1 || h < 1)
    return;

  vastus_chart_style_init (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  /* The window draws the background; hollow markers still use its colour inside. */
  style.fill_background = FALSE;

  /* A cairo node is rasterised at the surface's scale: sharp on HiDPI. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  render (self, &style, cr, w, h);

  if (self->hover >= 0 && (guint) self->hover < self->layout.hits->len)
    {
      const VastusChartHit *hit = &g_array_index (self->layout.hits, VastusChartHit, self->hover);
      const VastusChartRect *p = &self->layout.plot, *p2 = &self->layout.plot2;
      double bottom = p2->height > 0 ? p2->y + p2->height : p->y + p->height;

      cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green,
                             style.foreground.blue, 0.35);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (hit->x) + 0.5, p->y);
      cairo_line_to (cr, round (hit->x) + 0.5, bottom);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green,
                             style.foreground.blue, 0.8);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, hit->x, hit->y, 8, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
vastus_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 640;
    }
  else
    {
      *minimum = 150;
      *natural = 320;
    }
}

static void
vastus_chart_view_dispose (GObject *object)
{
  VastusChartView *self = VASTUS_CHART_VIEW (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  data_unref (self->kind, g_steal_pointer (&self->data));
  G_OBJECT_CLASS (vastus_chart_view_parent_class)->dispose (object);
}

static void
vastus_chart_view_finalize (GObject *object)
{
  VastusChartView *self = VASTUS_CHART_VIEW (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->layout.hits, g_array_unref);
  G_OBJECT_CLASS (vastus_chart_view_parent_class)->finalize (object);
}

static void
vastus_chart_view_class_init (VastusChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_chart_view_dispose;
  object_class->finalize = vastus_chart_view_finalize;
  widget_class->snapshot = vastus_chart_view_snapshot;
  widget_class->measure = vastus_chart_view_measure;

  /**
   * VastusChartView::visit-activated:
   * @visit_id: the visit's database id (0 if unknown)
   * @index: the visit's index in the chart's timeline
   */
  signals [VISIT_ACTIVATED] =
    g_signal_new ("visit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "vastus-chart");
}

static void
vastus_chart_view_init (VastusChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover = -1;
  self->layout.hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  self->dark_handler = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (dark_changed_cb), self);
}

/* Public API */

GtkWidget *
vastus_chart_view_new (void)
{
  return g_object_new (VASTUS_TYPE_CHART_VIEW, NULL);
}

void
vastus_chart_view_set_data (VastusChartView *self,
                            VastusChartKind  kind,
                            gpointer         data)
{
  g_return_if_fail (VASTUS_IS_CHART_VIEW (self));

  if (data != NULL)
    data = data_ref (kind, data);
  data_unref (self->kind, self->data);
  self->kind = kind;
  self->data = data;
  self->hover = -1;
  g_array_set_size (self->layout.hits, 0);

  g_clear_pointer (&self->summary, g_free);
  if (self->data != NULL)
    self->summary = build_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary ?: "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

VastusChartKind
vastus_chart_view_get_kind (VastusChartView *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), VASTUS_CHART_KIND_SYMMETRY);

  return self->kind;
}

const char *
vastus_chart_view_get_summary (VastusChartView *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), NULL);

  return self->summary;
}

int
vastus_chart_view_pick_visit (VastusChartView *self,
                              double           x,
                              double           y)
{
  int hit;

  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), -1);

  hit = pick_hit (self, x, y);
  return hit < 0 ? -1 : (int) g_array_index (self->layout.hits, VastusChartHit, hit).visit;
}
