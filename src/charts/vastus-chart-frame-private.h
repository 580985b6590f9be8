/* vastus-chart-frame-private.h: what the renderers share: text (vastus-chart-text.c), markers
 * and status symbols (vastus-chart-marks.c), legend, axes and labels (vastus-chart-frame.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "vastus-chart-axis.h"
#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

typedef struct _VastusChartTextCache VastusChartTextCache;

typedef struct
{
  cairo_t                *cr;
  const VastusChartStyle *style;
  VastusChartTextCache   *cache;       /* laid-out labels, of the style's Pango context */
  PangoLayout            *layout;      /* for the empty-state message */
  PangoFontDescription   *font;
  double                  width;
  double                  height;
  double                  font_px;
  double                  line_h;      /* height of one line of text at font_px */
  double                  pad;         /* outer padding */
  VastusChartLayout      *out;         /* the caller's, or scratch */
  VastusChartLayout       scratch;
  GArray                 *marks;       /* VastusChartRect around each marker drawn */
  GArray                 *segments;    /* VastusChartSegment of each series line drawn */
} VastusChartCtx;

typedef struct
{
  double x0, y0, x1, y1;
} VastusChartSegment;

typedef struct
{
  const char             *label;
  VastusChartMarker       marker;
  VastusChartLine         line;
  const VastusChartColor *color;
  gboolean                hollow;      /* draw the marker hollow */
  gboolean                no_marker;
  gboolean                no_line;
  gboolean                area;        /* a shaded square instead of a marker */
  VastusChartStatus       status;      /* not NONE: a ✓/✗/○ symbol instead of a marker */
} VastusChartLegendItem;

void     _vastus_chart_begin          (VastusChartCtx         *ctx,
                                       const VastusChartStyle *style,
                                       cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       VastusChartLayout      *layout);
void     _vastus_chart_end            (VastusChartCtx         *ctx);

void     _vastus_chart_set_color      (cairo_t                *cr,
                                       const VastusChartColor *color);
void     _vastus_chart_set_font       (VastusChartCtx         *ctx,
                                       double                  px,
                                       gboolean                bold);
double   _vastus_chart_text_width     (VastusChartCtx         *ctx,
                                       const char             *text);
/* Draws one line of text; (xalign, yalign) 0 left/top … 1 right/bottom of its logical box.
 * @max_width > 0 ellipsizes. Returns the width drawn. */
double   _vastus_chart_text           (VastusChartCtx         *ctx,
                                       const char             *text,
                                       double                  x,
                                       double                  y,
                                       double                  xalign,
                                       double                  yalign,
                                       double                  max_width,
                                       const VastusChartColor *color);
/* Text wrapped at @width (between words, else characters), its top left at (x, y): every word
 * is drawn. Returns its height. */
double   _vastus_chart_text_wrapped   (VastusChartCtx         *ctx,
                                       const char             *text,
                                       double                  x,
                                       double                  y,
                                       double                  width,
                                       const VastusChartColor *color);
/* The empty-state message, centred. Sets layout->empty. */
void     _vastus_chart_empty          (VastusChartCtx         *ctx,
                                       const char             *title,
                                       const char             *message);

void     _vastus_chart_set_line       (cairo_t                *cr,
                                       VastusChartLine         line,
                                       double                  width);
/* Adds a marker's outline to the current path (as a new sub-path). */
void     _vastus_chart_marker_path    (cairo_t                *cr,
                                       VastusChartMarker       marker,
                                       double                  x,
                                       double                  y,
                                       double                  r);
void     _vastus_chart_marker         (VastusChartCtx         *ctx,
                                       VastusChartMarker       marker,
                                       double                  x,
                                       double                  y,
                                       double                  r,
                                       gboolean                hollow,
                                       const VastusChartColor *color);
/* ✓, ✗ and ○ as paths to fill (not glyphs, so that they look the same with every font): added
 * to the current path (nonzero winding), and their colour. */
void     _vastus_chart_status_path    (cairo_t                *cr,
                                       VastusChartStatus       status,
                                       double                  x,
                                       double                  y,
                                       double                  r);
void     _vastus_chart_status_color   (VastusChartCtx         *ctx,
                                       VastusChartStatus       status);
/* One symbol, filled. */
void     _vastus_chart_status_symbol  (VastusChartCtx         *ctx,
                                       VastusChartStatus       status,
                                       double                  x,
                                       double                  y,
                                       double                  r);
double   _vastus_chart_marker_radius  (VastusChartCtx         *ctx);

/* Title and a flow-wrapped legend from @top; returns the y below them. */
double   _vastus_chart_header         (VastusChartCtx              *ctx,
                                       const char                  *title,
                                       const VastusChartLegendItem *items,
                                       guint                        n_items,
                                       double                       top);

/* Picks and stores (in ctx->out) the time ticks for plot->x .. plot->x + plot->width. */
void     _vastus_chart_time_ticks     (VastusChartCtx            *ctx,
                                       const VastusChartTimeline *timeline,
                                       const VastusChartRect     *plot);
/* Vertical grid lines at the time ticks from @top to @bottom. */
void     _vastus_chart_time_grid      (VastusChartCtx            *ctx,
                                       double                     top,
                                       double                     bottom);
/* The tick labels, their top at @y. */
void     _vastus_chart_time_labels    (VastusChartCtx            *ctx,
                                       double                     y);
/* The surgery/injury line from @top to @bottom. */
void     _vastus_chart_index_line     (VastusChartCtx            *ctx,
                                       const VastusChartTimeline *timeline,
                                       double                     top,
                                       double                     bottom);
/* Its label beside it, away from the data: call after the series are drawn. */
void     _vastus_chart_index_label    (VastusChartCtx            *ctx,
                                       const VastusChartTimeline *timeline,
                                       double                     top,
                                       double                     bottom);

/* Value axis: ticks for [lo, hi] in @height pixels; stores them in ctx->out and returns the
 * widest label. */
double   _vastus_chart_value_ticks    (VastusChartCtx            *ctx,
                                       double                     lo,
                                       double                     hi,
                                       double                     height);
void     _vastus_chart_value_grid     (VastusChartCtx            *ctx,
                                       const VastusChartRect     *plot);
void     _vastus_chart_value_labels   (VastusChartCtx            *ctx,
                                       const VastusChartRect     *plot);

/* Horizontal offsets (pixels, n_series × n_visits, free with g_free) that move apart the
 * markers of series that coincide at a visit (closer than a marker), side by side in series
 * order, as far as the neighbouring visits leave room. Values are mapped with ctx->out. */
double  *_vastus_chart_dodge          (VastusChartCtx                   *ctx,
                                       const VastusChartTimeline        *timeline,
                                       const VastusChartSeries * const  *series,
                                       guint                             n_series);
/* A series' line (broken at gaps) and markers: met or plain filled, not met hollow. Hits are
 * recorded with @series_index. Values are mapped with ctx->out's plot and ranges; @dx (one
 * per visit, may be NULL) shifts points sideways. */
void     _vastus_chart_series         (VastusChartCtx            *ctx,
                                       const VastusChartTimeline *timeline,
                                       const VastusChartSeries   *series,
                                       const VastusChartColor    *color,
                                       guint                      series_index,
                                       const double              *dx);
/* A horizontal line across the plot at @value, with an optional label at its right end. */
void     _vastus_chart_hline          (VastusChartCtx            *ctx,
                                       double                     value,
                                       VastusChartLine            line,
                                       double                     line_width,
                                       const VastusChartColor    *color,
                                       const char                *label);
/* A label for the line at @value, above or below it where it covers no marker and crosses no
 * series line (the right end first), on a background patch. Drawn after the data. */
void     _vastus_chart_line_label     (VastusChartCtx            *ctx,
                                       double                     value,
                                       const char                *label,
                                       const VastusChartColor    *color);
/* Of @n candidate boxes for a label, the one that covers the fewest markers, series lines and
 * labels placed before (the first of equals); stores it in ctx->out->labels. */
guint    _vastus_chart_place_label    (VastusChartCtx            *ctx,
                                       const VastusChartRect     *candidates,
                                       guint                      n);
/* Clips to the plot area grown by a marker's size. */
void     _vastus_chart_clip_plot      (VastusChartCtx            *ctx);

static inline double
_vastus_chart_map_x (const VastusChartLayout *l,
                     double                   julian)
{
  return l->plot.x + (julian - l->x_min) / (l->x_max - l->x_min) * l->plot.width;
}

static inline double
_vastus_chart_map_y (const VastusChartLayout *l,
                     double                   value)
{
  return l->plot.y + l->plot.height - (value - l->y_min) / (l->y_max - l->y_min) * l->plot.height;
}

G_END_DECLS
