/* vastus-chart-style.h: colours, lines and fonts of the charts
 *
 * Four looks: light and dark (libadwaita 1.2's window colours), each also in high contrast.
 * Text, grid and reference lines are the foreground at fixed strengths, so that a widget can
 * hand in the colours of its own style (vastus_chart_style_set_colors) and get the rest
 * consistently; PDF and SVG exports use the light look.
 *
 * The series colours are chosen to stay apart for people with colour-vision deficiencies:
 * every pair differs by at least ΔE*ab 20 in CIELAB after simulating protanopia, deuteranopia
 * and tritanopia (Machado et al. 2009, severity 1), and each has a contrast ratio of at least 3:1
 * (4.5:1 in high contrast) against the background (tests/test-charts.c checks both):
 *
 *             light      dark       high contrast light   high contrast dark
 *   series 1  #1c71d8    #62a0ea    #1a5fb4               #7fb2f0    blue (involved leg, first LSI)
 *   series 2  #c64600    #ffa348    #a33a00               #ffb35c    orange (uninvolved leg, EPIC)
 *   series 3  #3d1466    #e8d5ff    #3d1466               #efe0ff    deep violet / pale lavender
 *   series 4  #b2627d    #f0609e    #804663               #ff6f8f    rose
 *
 * Colour never carries meaning alone: series also differ in marker shape and dash pattern
 * (vastus_chart_series_style), met/not met is filled/hollow or ✓/✗.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} VastusChartColor;

#define VASTUS_CHART_N_SERIES_COLORS 4

typedef struct
{
  gboolean          dark;
  gboolean          high_contrast;
  gboolean          fill_background;   /* FALSE: leave the surface as it is (widgets, reports) */
  VastusChartColor  background;
  VastusChartColor  foreground;        /* titles and labels */
  VastusChartColor  dim;               /* tick labels, secondary text */
  VastusChartColor  grid;
  VastusChartColor  axis;
  VastusChartColor  reference;         /* the 100 % line, the zero line */
  VastusChartColor  threshold;         /* dashed criterion line */
  VastusChartColor  met_area;          /* shading of the region that meets a threshold */
  VastusChartColor  index_line;        /* surgery / injury */
  VastusChartColor  met;
  VastusChartColor  not_met;
  VastusChartColor  not_tested;
  VastusChartColor  series[VASTUS_CHART_N_SERIES_COLORS];
  double            line_width;        /* of a series, in device units (2, high contrast 3) */
  const char       *font_family;       /* "Cantarell" */
  double            font_px;           /* base size in device units; smaller charts shrink it */
  PangoContext     *context;           /* NULL: the charts' own; else text is laid out on it
                                        * (a widget's, with the desktop's font options) */
} VastusChartStyle;

#define VASTUS_CHART_FONT_PX 13.0      /* the base size at text scale 1 */

void vastus_chart_style_init_light (VastusChartStyle *style);
void vastus_chart_style_init_dark  (VastusChartStyle *style);
void vastus_chart_style_init       (VastusChartStyle *style,
                                    gboolean          dark);
void vastus_chart_style_init_full  (VastusChartStyle *style,
                                    gboolean          dark,
                                    gboolean          high_contrast);
/* Text and background from elsewhere (a widget's style); dim, grid, axis, reference,
 * threshold and index lines follow the foreground at this look's strengths. NULL keeps one. */
void vastus_chart_style_set_colors (VastusChartStyle       *style,
                                    const VastusChartColor *foreground,
                                    const VastusChartColor *background);

/* Drops the laid-out text the charts keep on @context (a widget's, set as the style's
 * context): call when the widget goes, as the layouts hold the context. */
void vastus_chart_style_release_context (PangoContext *context);

G_END_DECLS
