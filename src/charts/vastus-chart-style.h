/* vastus-chart-style.h: colours and fonts of the charts, light and dark
 *
 * Colours are libadwaita 1.2's named colours (the GNOME palette and the window/accent/success/
 * error colours of the light and dark styles), so charts sit in the app and in reports alike:
 *
 *                 light                     dark
 *   background    window_bg #fafafa         window_bg #242424
 *   text          window_fg #000000 @ 80 %  window_fg #ffffff
 *   series 1      blue_4 #1c71d8            blue_2 #62a0ea     (involved leg, first LSI)
 *   series 2      purple_3 #9141ac          purple_1 #dc8add   (uninvolved leg, EPIC)
 *   series 3      orange_5 #c64600          orange_2 #ffa348
 *   series 4      brown_3 #986a44           brown_1 #cdab8f
 *   met           success #26a269 (green_5) success #8ff0a4 (green_1)
 *   not met       error #c01c28 (red_4)     error #ff7b63
 *   met area      success @ 10 %            success @ 9 %      (shaded side of a threshold)
 *   threshold     text colour, dashed       text colour, dashed
 *
 * Colour never carries meaning alone: met/not met is also filled/hollow or ✓/✗, series also
 * differ in marker shape and line style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} VastusChartColor;

#define VASTUS_CHART_N_SERIES_COLORS 4

typedef struct
{
  gboolean          dark;
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
  const char       *font_family;       /* "Cantarell" */
  double            font_px;           /* base size in device units; smaller charts shrink it */
} VastusChartStyle;

void vastus_chart_style_init_light (VastusChartStyle *style);
void vastus_chart_style_init_dark  (VastusChartStyle *style);
void vastus_chart_style_init       (VastusChartStyle *style,
                                    gboolean          dark);

G_END_DECLS
