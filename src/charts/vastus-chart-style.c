/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-style"

#include "config.h"

#include "vastus-chart-style.h"

#define RGB(hex, a) ((VastusChartColor) { ((hex) >> 16 & 0xff) / 255.0, \
                                          ((hex) >> 8 & 0xff) / 255.0,  \
                                          ((hex) & 0xff) / 255.0, (a) })

/* How strongly each secondary colour shows the foreground. */
typedef struct
{
  double dim, grid, axis, reference, threshold, index_line;
} Strengths;

typedef struct
{
  guint32   background, foreground;
  double    foreground_alpha;
  Strengths strengths;
  guint32   met, not_met, not_tested;
  double    met_area_alpha;
  guint32   series[VASTUS_CHART_N_SERIES_COLORS];
  double    line_width;
} Look;

/* [dark][high contrast] */
static const Look looks[2][2] = {
  {
    /* Light: window_bg, window_fg at 80 %, success (green_5), error (red_4), dark_1. */
    { 0xfafafa, 0x000000, 0.8, { 0.6, 0.08, 0.35, 0.45, 0.7, 0.65 },
      0x26a269, 0xc01c28, 0x77767b, 0.10,
      { 0x1c71d8, 0xc64600, 0x3d1466, 0xb2627d }, 2 },
    /* Light, high contrast: black on white, stronger lines. */
    { 0xffffff, 0x000000, 1.0, { 0.85, 0.22, 0.8, 0.8, 1.0, 0.9 },
      0x16703c, 0xa51d2d, 0x3d3846, 0.16,
      { 0x1a5fb4, 0xa33a00, 0x3d1466, 0x804663 }, 3 },
  },
  {
    /* Dark: window_bg, white, success (green_1), error. */
    { 0x242424, 0xffffff, 1.0, { 0.7, 0.09, 0.4, 0.5, 0.75, 0.75 },
      0x8ff0a4, 0xff7b63, 0x9a9996, 0.09,
      { 0x62a0ea, 0xffa348, 0xe8d5ff, 0xf0609e }, 2 },
    /* Dark, high contrast. */
    { 0x242424, 0xffffff, 1.0, { 0.9, 0.25, 0.85, 0.85, 1.0, 0.95 },
      0x8ff0a4, 0xff8a7a, 0xc0bfbc, 0.16,
      { 0x7fb2f0, 0xffb35c, 0xefe0ff, 0xff6f8f }, 3 },
  },
};

static const Look *
look_of (const VastusChartStyle *style)
{
  return &looks[style->dark ? 1 : 0][style->high_contrast ? 1 : 0];
}

void
vastus_chart_style_init_full (VastusChartStyle *style,
                              gboolean          dark,
                              gboolean          high_contrast)
{
  const Look *look;

  g_return_if_fail (style != NULL);

  look = &looks[dark ? 1 : 0][high_contrast ? 1 : 0];
  *style = (VastusChartStyle) {
    .dark = dark,
    .high_contrast = high_contrast,
    .fill_background = TRUE,
    .met = RGB (look->met, 1),
    .not_met = RGB (look->not_met, 1),
    .not_tested = RGB (look->not_tested, 1),
    .met_area = RGB (look->met, look->met_area_alpha),
    .line_width = look->line_width,
    .font_family = "Cantarell",
    .font_px = VASTUS_CHART_FONT_PX,
  };
  for (guint i = 0; i < VASTUS_CHART_N_SERIES_COLORS; i++)
    style->series[i] = RGB (look->series[i], 1);
  vastus_chart_style_set_colors (style, &RGB (look->foreground, look->foreground_alpha),
                                 &RGB (look->background, 1));
}

void
vastus_chart_style_set_colors (VastusChartStyle       *style,
                               const VastusChartColor *foreground,
                               const VastusChartColor *background)
{
  const Strengths *s;
  VastusChartColor fg;

  g_return_if_fail (style != NULL);

  if (background != NULL)
    style->background = *background;
  if (foreground != NULL)
    style->foreground = *foreground;
  /* The secondary colours are the foreground's hue at fixed strengths (not of its alpha: a
   * light theme's text is black at 80 %, and its grid should not fade with it). */
  s = &look_of (style)->strengths;
  fg = style->foreground;
  fg.alpha = 1;
#define AT(c, a) ((VastusChartColor) { (c).red, (c).green, (c).blue, (a) })
  style->dim = AT (fg, s->dim);
  style->grid = AT (fg, s->grid);
  style->axis = AT (fg, s->axis);
  style->reference = AT (fg, s->reference);
  style->threshold = AT (fg, s->threshold);
  style->index_line = AT (fg, s->index_line);
#undef AT
}

void
vastus_chart_style_init_light (VastusChartStyle *style)
{
  vastus_chart_style_init_full (style, FALSE, FALSE);
}

void
vastus_chart_style_init_dark (VastusChartStyle *style)
{
  vastus_chart_style_init_full (style, TRUE, FALSE);
}

void
vastus_chart_style_init (VastusChartStyle *style,
                         gboolean          dark)
{
  vastus_chart_style_init_full (style, dark, FALSE);
}
