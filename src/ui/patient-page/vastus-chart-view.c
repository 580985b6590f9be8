/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-view"

#include "config.h"

#include <adwaita.h>
#include "vastus-i18n.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "vastus-chart-points.h"
#include "vastus-chart-view.h"
#include "vastus-criteria-chart.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-prom-chart.h"
#include "vastus-symmetry-chart.h"

#define PICK_RADIUS 16.0
#define MAX_SERIES 64

/* The chart's text against GNOME's default font (Cantarell 11 pt at 96 dpi, 14.67 px): 13 px,
 * and as much larger as the desktop's font is. */
#define FONT_RATIO (VASTUS_CHART_FONT_PX / (11.0 * 96.0 / 72.0))

struct _VastusChartView
{
  GtkWidget          parent_instance;

  VastusChartKind    kind;
  gpointer           data;
  char              *summary;

  /* The chart drawn last, without hover and focus, and what it was drawn with. */
  GdkTexture        *chart;
  VastusChartStyle   chart_style;
  char              *font_family;
  PangoContext      *text_context;   /* the one the charts keep laid-out text on */
  int                chart_width, chart_height, chart_scale;
  VastusChartLayout  layout;
  guint              n_renders;

  int                hover;          /* index into layout.hits, or −1 */
  int                cursor_series;  /* the keyboard's point, or −1 */
  guint              cursor_visit;
  guint              goal_visit;     /* the visit Up and Down aim for: the last one moved to
                                      * along a series */
  gulong             style_handlers[2];
};

G_DEFINE_FINAL_TYPE (VastusChartView, vastus_chart_view, GTK_TYPE_WIDGET)

enum {
  VISIT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

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
    case VASTUS_CHART_KIND_PROM: vastus_prom_chart_data_unref (data); break;
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
    case VASTUS_CHART_KIND_PROM: return vastus_prom_chart_data_ref (data);
    case VASTUS_CHART_KIND_CRITERIA:
    default: return vastus_criteria_chart_data_ref (data);
    }
}

static const VastusChartTimeline *
get_timeline (VastusChartView *self)
{
  return vastus_chart_points_timeline (self->kind, self->data);
}

/* Style */

static VastusChartColor
chart_color (const GdkRGBA *rgba)
{
  return (VastusChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* The style's colours, the widget's font: what the chart is drawn with now. */
static void
current_style (VastusChartView  *self,
               VastusChartStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  const char *family = font != NULL ? pango_font_description_get_family (font) : NULL;
  double size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 0;
  GdkRGBA fg, bg, color;
  VastusChartColor fg_c, bg_c;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  vastus_chart_style_init_full (style, adw_style_manager_get_dark (manager),
                                adw_style_manager_get_high_contrast (manager));
  /* The window draws the background; hollow markers are filled with its colour. */
  style->fill_background = FALSE;
  gtk_style_context_get_color (context, &fg);
  fg_c = chart_color (&fg);
  /* libadwaita 1.2 keeps its text at 80 % in high contrast; the chart's is opaque. */
  if (style->high_contrast)
    fg_c.alpha = 1;
  if (gtk_style_context_lookup_color (context, "window_bg_color", &bg))
    bg_c = chart_color (&bg);
  else
    bg_c = style->background;
  vastus_chart_style_set_colors (style, &fg_c, &bg_c);
  if (gtk_style_context_lookup_color (context, "success_color", &color))
    {
      style->met = chart_color (&color);
      style->met_area = (VastusChartColor) { color.red, color.green, color.blue, style->met_area.alpha };
    }
  if (gtk_style_context_lookup_color (context, "error_color", &color))
    style->not_met = chart_color (&color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Large Text scales the desktop's font, and with it the chart's. */
  if (size > 0 && font != NULL && !pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (pango);

      size *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  if (size > 0)
    style->font_px = round (size * FONT_RATIO * 2) / 2;
  if (family != NULL && g_strcmp0 (family, self->font_family) != 0)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (family);
    }
  if (self->font_family != NULL)
    style->font_family = self->font_family;
  /* GTK gives the widget a new Pango context now and then (when it is moved to another window,
   * say): the text laid out on the old one is dropped, as it holds that context. */
  if (pango != self->text_context)
    {
      if (self->text_context != NULL)
        vastus_chart_style_release_context (self->text_context);
      g_set_object (&self->text_context, pango);
    }
  style->context = pango;
}

static gboolean
style_equal (const VastusChartStyle *a,
             const VastusChartStyle *b)
{
  const size_t colors = offsetof (VastusChartStyle, series) + sizeof a->series
                        - offsetof (VastusChartStyle, background);

  return a->dark == b->dark && a->high_contrast == b->high_contrast
         && memcmp (&a->background, &b->background, colors) == 0
         && a->line_width == b->line_width && a->font_px == b->font_px
         && g_strcmp0 (a->font_family, b->font_family) == 0 && a->context == b->context;
}

/* Drawing */

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
    case VASTUS_CHART_KIND_PROM:
      vastus_prom_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      vastus_criteria_chart_render_full (self->data, style, cr, w, h, &self->layout);
      break;
    }
}

/* The chart at this size and style, drawn again only when one of them (or the data) changed:
 * the pointer moving over it draws only the hover. */
static void
ensure_chart (VastusChartView        *self,
              const VastusChartStyle *style,
              int                     w,
              int                     h,
              int                     scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;

  if (self->chart != NULL && w == self->chart_width && h == self->chart_height
      && scale == self->chart_scale && style_equal (style, &self->chart_style))
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  render (self, style, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* cairo's ARGB32 is GDK's default memory format. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h * scale);
  g_clear_object (&self->chart);
  self->chart = gdk_memory_texture_new (w * scale, h * scale, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  self->chart_style = *style;
  self->chart_width = w;
  self->chart_height = h;
  self->chart_scale = scale;
  self->n_renders++;
  self->hover = -1;
}

static int
find_hit (VastusChartView *self,
          guint            series,
          guint            visit)
{
  for (guint i = 0; i < self->layout.hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (self->layout.hits, VastusChartHit, i);

      if (hit->series == series && hit->visit == visit)
        return i;
    }
  return -1;
}

/* A vertical line at the visit and a ring around the point. */
static void
draw_mark (VastusChartView        *self,
           cairo_t                *cr,
           const VastusChartStyle *style,
           const VastusChartHit   *hit,
           gboolean                focus)
{
  const VastusChartLayout *l = &self->layout;
  const VastusChartRect *p = &l->plot, *p2 = &l->plot2;
  double bottom = p2->height > 0 ? p2->y + p2->height : p->y + p->height;
  double x = l->x_max > l->x_min
             ? p->x + (get_timeline (self)->dates[hit->visit] - l->x_min) / (l->x_max - l->x_min) * p->width
             : hit->x;

  cairo_set_source_rgba (cr, style->foreground.red, style->foreground.green, style->foreground.blue,
                         style->high_contrast ? 0.7 : 0.35);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, p->y);
  cairo_line_to (cr, round (x) + 0.5, bottom);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, style->foreground.red, style->foreground.green, style->foreground.blue,
                         focus ? 1 : 0.8);
  cairo_set_line_width (cr, focus ? 3 : 2);
  cairo_arc (cr, hit->x, hit->y, focus ? 10 : 8, 0, 2 * G_PI);
  cairo_stroke (cr);
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

/* Words */

static void
set_description (VastusChartView *self,
                 const char      *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

/* Keyboard */

static gboolean
has_point (VastusChartView *self,
           guint            series,
           guint            visit)
{
  VastusChartPoint point;

  return vastus_chart_points_get (self->kind, self->data, series, visit, &point);
}

/* The visit of @series nearest to @visit (itself if it has a point), preferring the later. */
static int
nearest_visit (VastusChartView *self,
               guint            series,
               guint            visit)
{
  guint n = get_timeline (self)->n_visits;

  for (guint d = 0; d < n; d++)
    {
      if (visit + d < n && has_point (self, series, visit + d))
        return visit + d;
      if (d <= visit && has_point (self, series, visit - d))
        return visit - d;
    }
  return -1;
}

static void
set_cursor (VastusChartView *self,
            guint            series,
            guint            visit)
{
  g_autofree char *text = vastus_chart_points_describe (self->kind, self->data, series, visit);

  self->cursor_series = series;
  self->cursor_visit = visit;
  set_description (self, text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* chart.move (dvisit, dseries): to the next point of the series, or to the series above or
 * below at the visit nearest the one last moved to along a series (so that Up, Up, Down, Down
 * come back to the same point); the first key lands on the latest visit of the first series. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VastusChartView *self = VASTUS_CHART_VIEW (widget);
  guint ids[MAX_SERIES], n, k = 0;
  int dvisit, dseries, visit = -1;

  g_variant_get (parameter, "(ii)", &dvisit, &dseries);
  n = self->data != NULL ? MIN (vastus_chart_points_series (self->kind, self->data, ids, MAX_SERIES),
                                MAX_SERIES) : 0;
  if (n == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (self->cursor_series < 0)
    {
      set_cursor (self, ids[0], nearest_visit (self, ids[0], get_timeline (self)->n_visits - 1));
      self->goal_visit = self->cursor_visit;
      return;
    }
  while (k < n && ids[k] != (guint) self->cursor_series)
    k++;
  if (k == n)
    k = 0;
  if (dseries != 0)
    {
      if ((int) k + dseries < 0 || (int) k + dseries >= (int) n)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      k += dseries;
      visit = nearest_visit (self, ids[k], self->goal_visit);
      if (visit >= 0)
        {
          set_cursor (self, ids[k], visit);
          return;
        }
    }
  else
    {
      guint n_visits = get_timeline (self)->n_visits;

      /* ±1: the next point along; larger steps (Home, End) run to the end. */
      for (int v = (int) self->cursor_visit + (dvisit > 0 ? 1 : -1);
           v >= 0 && v < (int) n_visits; v += dvisit > 0 ? 1 : -1)
        if (has_point (self, ids[k], v))
          {
            visit = v;
            if (ABS (dvisit) == 1)
              break;
          }
    }
  if (visit < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  set_cursor (self, ids[k], visit);
  self->goal_visit = visit;
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VastusChartView *self = VASTUS_CHART_VIEW (widget);

  if (self->data == NULL || self->cursor_series < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  g_signal_emit (self, signals [VISIT_ACTIVATED], 0,
                 get_timeline (self)->visit_ids[self->cursor_visit], self->cursor_visit);
}

/* Callbacks */

static void
style_changed_cb (VastusChartView *self)
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
focus_leave_cb (GtkEventControllerFocus *controller,
                VastusChartView         *self)
{
  /* Coming back, the summary is read first; the point stays where it was. */
  set_description (self, self->summary);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

/* Every series at the visit under the pointer (or the keyboard's), that point's in bold. */
static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  VastusChartView *self)
{
  g_autofree char *text = NULL;
  guint visit;
  int series;

  if (self->data == NULL)
    return FALSE;
  if (keyboard)
    {
      if (self->cursor_series < 0)
        return FALSE;
      series = self->cursor_series;
      visit = self->cursor_visit;
    }
  else
    {
      int i = pick_hit (self, x, y);
      const VastusChartHit *hit;

      if (i < 0)
        return FALSE;
      hit = &g_array_index (self->layout.hits, VastusChartHit, i);
      series = hit->series;
      visit = hit->visit;
    }
  text = vastus_chart_points_describe_visit (self->kind, self->data, visit, series, TRUE);
  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

/* GtkWidget */

static void
vastus_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  VastusChartView *self = VASTUS_CHART_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  VastusChartStyle style;
  int focus = -1;
  cairo_t *cr;

  if (self->data == NULL || w < 1 || h < 1)
    return;

  current_style (self, &style);
  ensure_chart (self, &style, w, h, gtk_widget_get_scale_factor (widget));
  gtk_snapshot_append_texture (snapshot, self->chart, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (self->cursor_series >= 0 && gtk_widget_has_focus (widget))
    focus = find_hit (self, self->cursor_series, self->cursor_visit);
  if (focus < 0 && (self->hover < 0 || (guint) self->hover >= self->layout.hits->len))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->hover >= 0 && (guint) self->hover < self->layout.hits->len && self->hover != focus)
    draw_mark (self, cr, &style, &g_array_index (self->layout.hits, VastusChartHit, self->hover),
               FALSE);
  if (focus >= 0)
    draw_mark (self, cr, &style, &g_array_index (self->layout.hits, VastusChartHit, focus), TRUE);
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
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_clear_signal_handler (&self->style_handlers[0], manager);
  g_clear_signal_handler (&self->style_handlers[1], manager);
  data_unref (self->kind, g_steal_pointer (&self->data));
  g_clear_object (&self->chart);
  /* The charts' laid-out text holds the Pango context. */
  if (self->text_context != NULL)
    vastus_chart_style_release_context (self->text_context);
  g_clear_object (&self->text_context);
  G_OBJECT_CLASS (vastus_chart_view_parent_class)->dispose (object);
}

static void
vastus_chart_view_finalize (GObject *object)
{
  VastusChartView *self = VASTUS_CHART_VIEW (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->font_family, g_free);
  g_clear_pointer (&self->layout.hits, g_array_unref);
  G_OBJECT_CLASS (vastus_chart_view_parent_class)->finalize (object);
}

static void
vastus_chart_view_class_init (VastusChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; int dvisit, dseries; } moves[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
    { GDK_KEY_Home, -G_MAXINT, 0 }, { GDK_KEY_KP_Home, -G_MAXINT, 0 },
    { GDK_KEY_End, G_MAXINT, 0 }, { GDK_KEY_KP_End, G_MAXINT, 0 },
  };

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

  gtk_widget_class_install_action (widget_class, "chart.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "chart.move", "(ii)",
                                         moves[i].dvisit, moves[i].dseries);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "vastus-chart");
}

static void
vastus_chart_view_init (VastusChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->hover = -1;
  self->cursor_series = -1;
  self->layout.hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  self->style_handlers[0] = g_signal_connect_swapped (manager, "notify::dark",
                                                      G_CALLBACK (style_changed_cb), self);
  self->style_handlers[1] = g_signal_connect_swapped (manager, "notify::high-contrast",
                                                      G_CALLBACK (style_changed_cb), self);
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
  g_autofree char *name = NULL;

  g_return_if_fail (VASTUS_IS_CHART_VIEW (self));

  if (data != NULL)
    data = data_ref (kind, data);
  data_unref (self->kind, self->data);
  self->kind = kind;
  self->data = data;
  self->hover = -1;
  self->cursor_series = -1;
  g_clear_object (&self->chart);
  g_array_set_size (self->layout.hits, 0);

  g_clear_pointer (&self->summary, g_free);
  if (self->data != NULL)
    {
      self->summary = vastus_chart_points_summary (kind, data);
      name = vastus_chart_points_name (kind, data);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : _("Chart"),
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

gboolean
vastus_chart_view_get_cursor (VastusChartView *self,
                              guint           *series,
                              guint           *visit)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), FALSE);

  if (self->cursor_series < 0)
    return FALSE;
  if (series != NULL)
    *series = self->cursor_series;
  if (visit != NULL)
    *visit = self->cursor_visit;
  return TRUE;
}

const VastusChartLayout *
vastus_chart_view_get_layout (VastusChartView *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), NULL);

  return &self->layout;
}

const VastusChartStyle *
vastus_chart_view_get_style (VastusChartView *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), NULL);

  return &self->chart_style;
}

guint
vastus_chart_view_get_n_renders (VastusChartView *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_VIEW (self), 0);

  return self->n_renders;
}
