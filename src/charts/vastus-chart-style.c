/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-style"

#include "config.h"

#include "vastus-chart-style.h"

#define RGB(hex, a) ((VastusChartColor) { ((hex) >> 16 & 0xff) / 255.0, \
                                          ((hex) >> 8 & 0xff) / 255.0,  \
                                          ((hex) & 0xff) / 255.0, (a) })

void
vastus_chart_style_init_light (VastusChartStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (VastusChartStyle) {
    .dark = FALSE,
    .fill_background = TRUE,
    .background = RGB (0xfafafa, 1),
    .foreground = RGB (0x000000, 0.8),
    .dim = RGB (0x000000, 0.6),
    .grid = RGB (0x000000, 0.08),
    .axis = RGB (0x000000, 0.35),
    .reference = RGB (0x000000, 0.45),
    .threshold = RGB (0x000000, 0.7),
    .met_area = RGB (0x26a269, 0.10),
    .index_line = RGB (0x5e5c64, 0.9),       /* dark_2 */
    .met = RGB (0x26a269, 1),                /* success_color, green_5 */
    .not_met = RGB (0xc01c28, 1),            /* error_color, red_4 */
    .not_tested = RGB (0x77767b, 1),         /* dark_1 */
    .series = {
      RGB (0x1c71d8, 1),                     /* blue_4 */
      RGB (0x9141ac, 1),                     /* purple_3 */
      RGB (0xc64600, 1),                     /* orange_5 */
      RGB (0x986a44, 1),                     /* brown_3 */
    },
    .font_family = "Cantarell",
    .font_px = 13,
  };
}

void
vastus_chart_style_init_dark (VastusChartStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (VastusChartStyle) {
    .dark = TRUE,
    .fill_background = TRUE,
    .background = RGB (0x242424, 1),
    .foreground = RGB (0xffffff, 1),
    .dim = RGB (0xffffff, 0.7),
    .grid = RGB (0xffffff, 0.09),
    .axis = RGB (0xffffff, 0.4),
    .reference = RGB (0xffffff, 0.5),
    .threshold = RGB (0xffffff, 0.75),
    .met_area = RGB (0x8ff0a4, 0.09),
    .index_line = RGB (0xc0bfbc, 0.9),       /* light_4 */
    .met = RGB (0x8ff0a4, 1),                /* success_color, green_1 */
    .not_met = RGB (0xff7b63, 1),            /* error_color */
    .not_tested = RGB (0x9a9996, 1),         /* light_5 */
    .series = {
      RGB (0x62a0ea, 1),                     /* blue_2 */
      RGB (0xdc8add, 1),                     /* purple_1 */
      RGB (0xffa348, 1),                     /* orange_2 */
      RGB (0xcdab8f, 1),                     /* brown_1 */
    },
    .font_family = "Cantarell",
    .font_px = 13,
  };
}

void
vastus_chart_style_init (VastusChartStyle *style,
                         gboolean          dark)
{
  if (dark)
    vastus_chart_style_init_dark (style);
  else
    vastus_chart_style_init_light (style);
}
