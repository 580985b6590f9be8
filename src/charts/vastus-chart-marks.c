/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-frame-private.h"

/* The charts' marks: line styles, point markers and the criteria's status symbols. */

void
_vastus_chart_set_line (cairo_t         *cr,
                        VastusChartLine  line,
                        double           width)
{
  double dash[4];

  cairo_set_line_width (cr, width);
  switch (line)
    {
    case VASTUS_CHART_LINE_DASHED:
      dash[0] = 3 * width + 2;
      dash[1] = 2 * width + 1;
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_DOTTED:
      /* Square dots: round caps draw the same at these sizes at a fraction of the cost (a
       * dotted line across the plot is a hundred caps to tessellate). */
      dash[0] = width;
      dash[1] = width + 1;
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_DASH_DOT:
      dash[0] = 3 * width + 2;
      dash[1] = width + 1.5;
      dash[2] = width;
      dash[3] = width + 1.5;
      cairo_set_dash (cr, dash, 4, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

void
_vastus_chart_marker_path (cairo_t           *cr,
                           VastusChartMarker  marker,
                           double             x,
                           double             y,
                           double             r)
{
  cairo_new_sub_path (cr);
  switch (marker)
    {
    case VASTUS_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - 0.88 * r, y - 0.88 * r, 1.76 * r, 1.76 * r);
      break;
    case VASTUS_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - 1.25 * r);
      cairo_line_to (cr, x + 1.25 * r, y);
      cairo_line_to (cr, x, y + 1.25 * r);
      cairo_line_to (cr, x - 1.25 * r, y);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - 1.3 * r);
      cairo_line_to (cr, x + 1.15 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.15 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

void
_vastus_chart_marker (VastusChartCtx         *ctx,
                      VastusChartMarker       marker,
                      double                  x,
                      double                  y,
                      double                  r,
                      gboolean                hollow,
                      const VastusChartColor *color)
{
  cairo_t *cr = ctx->cr;
  double ring, inner;

  /* Fills only (strokes cost more): a hollow marker is the shape with a smaller one in the
   * background colour inside, so that a line through it does not show. */
  cairo_new_path (cr);
  _vastus_chart_marker_path (cr, marker, x, y, r);
  _vastus_chart_set_color (cr, color);
  cairo_fill (cr);
  if (!hollow)
    return;
  ring = MAX (1.5, r * 0.4);
  inner = r - ring * (marker == VASTUS_CHART_MARKER_TRIANGLE ? 1.7
                      : marker == VASTUS_CHART_MARKER_DIAMOND ? 1.25 : 1.0);
  if (inner <= 0.3)
    return;
  _vastus_chart_marker_path (cr, marker, x, y, inner);
  _vastus_chart_set_color (cr, &ctx->style->background);
  cairo_fill (cr);
}

double
_vastus_chart_marker_radius (VastusChartCtx *ctx)
{
  return round (ctx->font_px * (ctx->style->high_contrast ? 0.38 : 0.32) * 2) / 2;
}

/* A thick segment from (x0, y0) to (x1, y1) as a filled quadrilateral, @w wide, its ends
 * extended by half the width (like a square cap). */
static void
thick_segment (cairo_t *cr,
               double   x0,
               double   y0,
               double   x1,
               double   y1,
               double   w)
{
  double len = hypot (x1 - x0, y1 - y0);
  double ux = (x1 - x0) / len * w / 2, uy = (y1 - y0) / len * w / 2;

  cairo_move_to (cr, x0 - ux - uy, y0 - uy + ux);
  cairo_line_to (cr, x1 + ux - uy, y1 + uy + ux);
  cairo_line_to (cr, x1 + ux + uy, y1 + uy - ux);
  cairo_line_to (cr, x0 - ux + uy, y0 - uy - ux);
  cairo_close_path (cr);
}

/* Filled outlines, not strokes: a chart of criteria has hundreds of symbols, and filling is
 * several times cheaper than stroking with round caps. */
void
_vastus_chart_status_path (cairo_t           *cr,
                           VastusChartStatus  status,
                           double             x,
                           double             y,
                           double             r)
{
  double w;

  switch (status)
    {
    case VASTUS_CHART_STATUS_MET:
      w = MAX (1.5, r * 0.38);
      thick_segment (cr, x - 0.85 * r, y + 0.05 * r, x - 0.25 * r, y + 0.7 * r, w);
      thick_segment (cr, x - 0.25 * r, y + 0.7 * r, x + 0.9 * r, y - 0.75 * r, w);
      break;
    case VASTUS_CHART_STATUS_NOT_MET:
      w = MAX (1.5, r * 0.34);
      thick_segment (cr, x - 0.7 * r, y - 0.7 * r, x + 0.7 * r, y + 0.7 * r, w);
      thick_segment (cr, x + 0.7 * r, y - 0.7 * r, x - 0.7 * r, y + 0.7 * r, w);
      break;
    case VASTUS_CHART_STATUS_NOT_TESTED:
      /* A ring: the outer circle clockwise, the inner one the other way round. */
      w = MAX (1.0, r * 0.18);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.6 * r + w / 2, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, x, y, MAX (0, 0.6 * r - w / 2), 2 * G_PI, 0);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_STATUS_NONE:
    default:
      break;
    }
}

void
_vastus_chart_status_color (VastusChartCtx    *ctx,
                            VastusChartStatus  status)
{
  _vastus_chart_set_color (ctx->cr, status == VASTUS_CHART_STATUS_MET ? &ctx->style->met
                                    : status == VASTUS_CHART_STATUS_NOT_MET ? &ctx->style->not_met
                                    : &ctx->style->not_tested);
}

void
_vastus_chart_status_symbol (VastusChartCtx    *ctx,
                             VastusChartStatus  status,
                             double             x,
                             double             y,
                             double             r)
{
  if (status == VASTUS_CHART_STATUS_NONE)
    return;
  cairo_new_path (ctx->cr);
  _vastus_chart_status_path (ctx->cr, status, x, y, r);
  _vastus_chart_status_color (ctx, status);
  cairo_fill (ctx->cr);
}
