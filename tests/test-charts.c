/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart renderers drawn on image surfaces with a known geometry, checked pixel by pixel, and
 * compared with the golden images in tests/golden within a tolerance.
 * VASTUS_UPDATE_GOLDEN=1 rewrites the golden images instead of comparing.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-chart-builder.h"
#include "vastus-criteria-chart.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-symmetry-chart.h"

#include "chart-fixtures.h"
#include "clinical-fixture.h"

#define W 800
#define H 400

typedef void (*RenderFunc) (gconstpointer data, const VastusChartStyle *style, cairo_t *cr,
                            double w, double h, VastusChartLayout *layout);

static void
render_any (VastusChartKind          kind,
            gconstpointer            data,
            const VastusChartStyle  *style,
            cairo_t                 *cr,
            double                   w,
            double                   h,
            VastusChartLayout       *layout)
{
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      vastus_symmetry_chart_render_full (data, style, cr, w, h, layout);
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      vastus_progress_chart_render_full (data, style, cr, w, h, layout);
      break;
    case VASTUS_CHART_KIND_GIRTH:
      vastus_girth_chart_render_full (data, style, cr, w, h, layout);
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      vastus_criteria_chart_render_full (data, style, cr, w, h, layout);
      break;
    }
}

/* Renders on an opaque image surface of w × h and returns it; fills @layout. */
static cairo_surface_t *
render_styled (VastusChartKind          kind,
               gconstpointer            data,
               const VastusChartStyle  *style,
               int                      w,
               int                      h,
               VastusChartLayout       *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  render_any (kind, data, style, cr, w, h, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (VastusChartKind     kind,
        gconstpointer       data,
        gboolean            dark,
        int                 w,
        int                 h,
        VastusChartLayout  *layout)
{
  VastusChartStyle style;

  vastus_chart_style_init (&style, dark);
  return render_styled (kind, data, &style, w, h, layout);
}

typedef struct
{
  int r, g, b, a;
} Px;

static Px
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  v = *(const guint32 *) (data + y * stride + 4 * x);
  return (Px) { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, v >> 24 };
}

static gboolean
px_near (Px                      p,
         const VastusChartColor *c,
         int                     tolerance)
{
  return ABS (p.r - (int) round (c->red * 255)) <= tolerance
         && ABS (p.g - (int) round (c->green * 255)) <= tolerance
         && ABS (p.b - (int) round (c->blue * 255)) <= tolerance;
}

static int
luma (Px p)
{
  return (p.r * 30 + p.g * 59 + p.b * 11) / 100;
}

/* Pixels in a box that differ clearly from the background. */
static int
count_ink (cairo_surface_t        *surface,
           int                     x0,
           int                     y0,
           int                     x1,
           int                     y1,
           const VastusChartColor *background)
{
  int n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (!px_near (pixel (surface, x, y), background, 60))
        n++;
  return n;
}

static int
count_color (cairo_surface_t        *surface,
             int                     x0,
             int                     y0,
             int                     x1,
             int                     y1,
             const VastusChartColor *color,
             int                     tolerance)
{
  int n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (px_near (pixel (surface, x, y), color, tolerance))
        n++;
  return n;
}

static double
map_x (const VastusChartLayout *l,
       double                   julian)
{
  return l->plot.x + (julian - l->x_min) / (l->x_max - l->x_min) * l->plot.width;
}

static double
map_y (const VastusChartLayout *l,
       double                   value)
{
  return l->plot.y + l->plot.height - (value - l->y_min) / (l->y_max - l->y_min) * l->plot.height;
}

static gboolean
has_tick (const VastusChartLayout *l,
          const char              *label)
{
  for (guint i = 0; i < l->n_x_ticks; i++)
    if (g_strcmp0 (l->x_ticks[i].label, label) == 0)
      return TRUE;
  return FALSE;
}

/* Where series @series was drawn at visit @visit. */
static double
hit_x (GArray *hits,
       guint   series,
       guint   visit)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      if (hit->series == series && hit->visit == visit)
        return hit->x;
    }
  g_assert_not_reached ();
}

/* The symmetry fixture spans 21 days before to 212 days after surgery; the range is padded by
 * 4 % of 233 days on each side. LSI values span 35 … 100 (with the 100 % line and the 90 %
 * threshold); with 4 % headroom that is 32.4 … 102.6, and the nice range is 30 … 110. */
static void
test_symmetry_geometry (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartStyle light;
  VastusChartLayout l = { .hits = hits };
  cairo_surface_t *s;
  guint32 surgery = fixture_surgery ();
  double y90, x, y, r;
  int row, dark = 0, total = 0, clear = 0, clear_total = 0;

  vastus_chart_style_init_light (&light);
  s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, W, H, &l);

  g_assert_false (l.empty);
  g_assert_cmpfloat_with_epsilon (l.x_min, surgery - 21 - 233 * 0.04, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.x_max, surgery + 212 + 233 * 0.04, 1e-9);
  g_assert_cmpfloat (l.y_min, ==, 30);
  g_assert_cmpfloat (l.y_max, ==, 110);
  g_assert_cmpfloat (l.plot.x, >, 0);
  g_assert_cmpfloat (l.plot.x + l.plot.width, <=, W);
  g_assert_cmpfloat (l.plot.y + l.plot.height, <, H);
  g_assert_cmpfloat (l.legend.height, >, 0);
  g_assert_cmpfloat (l.legend.y + l.legend.height, <=, l.plot.y);

  /* The 90 % threshold: a 1.5 px dashed line centred on a pixel row. */
  y90 = map_y (&l, 90);
  row = (int) round (y90 - 0.5);
  for (int xx = (int) l.plot.x + 2; xx < (int) (l.plot.x + l.plot.width) - 2; xx++)
    {
      total++;
      if (luma (pixel (s, xx, row)) < 120)
        dark++;
      clear_total += 2;
      clear += luma (pixel (s, xx, row - 3)) > 180;
      clear += luma (pixel (s, xx, row + 3)) > 180;
    }
  g_test_message ("threshold row %d: %d/%d dark; ±3 rows %d/%d clear", row, dark, total, clear,
                  clear_total);
  g_assert_cmpint (dark * 100, >=, total * 45);
  g_assert_cmpint (dark * 100, <=, total * 80);        /* dashed, not solid */
  g_assert_cmpint (clear * 100, >=, clear_total * 95);

  /* The region meeting the threshold is shaded green, the region below it is not. */
  g_assert_true (px_near (pixel (s, (int) l.plot.x + 5, row - 6),
                          &(VastusChartColor) { 0.9, 0.95, 0.92, 1 }, 12));
  g_assert_true (px_near (pixel (s, (int) l.plot.x + 5, row + 12), &light.background, 4));

  /* Quadriceps LSI 91.5 % at visit 8 (day 170) is met: a filled blue circle. The single hop's
   * 93 % is 1.5 % (5.6 px) away, closer than a marker: the two sit side by side, quadriceps on
   * the left, 2.2 r apart. */
  r = 4;  /* round (13 × 0.32 × 2) / 2 */
  x = hit_x (hits, 0, 8);
  g_assert_cmpfloat_with_epsilon (x, map_x (&l, surgery + 170) - 1.1 * r, 1e-6);
  g_assert_cmpfloat_with_epsilon (hit_x (hits, 1, 8), map_x (&l, surgery + 170) + 1.1 * r, 1e-6);
  y = map_y (&l, 91.5);
  g_assert_true (px_near (pixel (s, (int) x, (int) y), &light.series[0], 24));
  g_assert_true (px_near (pixel (s, (int) x, (int) (y + 2)), &light.series[0], 24));

  /* 41 % at visit 1 (day 13) is not met: hollow, the background inside, blue on the ring. */
  x = map_x (&l, surgery + 13);
  y = map_y (&l, 41);
  g_assert_true (px_near (pixel (s, (int) x, (int) y), &light.background, 10));
  g_assert_cmpint (count_color (s, (int) (x - r - 1), (int) (y - r - 1), (int) (x + r + 2),
                                (int) (y + r + 2), &light.series[0], 40), >=, 10);

  /* The EPIC series (diamonds, dashed) at 35 % below it. */
  y = map_y (&l, 35);
  g_assert_cmpint (count_color (s, (int) (x - r - 1), (int) (y - r - 1), (int) (x + r + 2),
                                (int) (y + r + 2), &light.series[2], 40), >=, 10);

  /* Weeks since surgery label the axis, and the labels have ink under each tick. */
  g_assert_true (has_tick (&l, "wk 0"));
  g_assert_true (has_tick (&l, "wk 12"));
  g_assert_true (has_tick (&l, "wk 24"));
  g_assert_cmpuint (l.n_x_ticks, >=, 5);
  for (guint i = 0; i < l.n_x_ticks; i++)
    {
      int px = (int) l.x_ticks[i].pos;
      int top = (int) (l.plot.y + l.plot.height) + 2;

      g_assert_cmpint (count_ink (s, px - 16, top, px + 16, MIN (H, top + 18), &light.background),
                       >=, 15);
    }
  for (guint i = 0; i < l.n_y_ticks; i++)
    g_assert_cmpint (count_ink (s, 0, (int) l.y_ticks[i].pos - 6, (int) l.plot.x - 1,
                                (int) l.y_ticks[i].pos + 6, &light.background), >=, 10);

  /* The surgery line: a solid vertical line at day 0. */
  x = round (map_x (&l, surgery));
  for (int yy = (int) l.plot.y + 20; yy < (int) (l.plot.y + l.plot.height); yy += 7)
    g_assert_cmpint (luma (pixel (s, (int) x, yy)), <, 170);

  cairo_surface_destroy (s);
}

/* The hit list (used by the chart view) has one entry per drawn point, inside the plot. */
static void
test_symmetry_hits (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  cairo_surface_t *s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, W, H, &l);

  /* 10 quadriceps LSI, 4 single hop, 9 EPIC values. */
  g_assert_cmpuint (hits->len, ==, 10 + 4 + 9);
  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      g_assert_cmpfloat (hit->x, >=, l.plot.x);
      g_assert_cmpfloat (hit->x, <=, l.plot.x + l.plot.width);
      g_assert_cmpfloat (hit->y, >=, l.plot.y);
      g_assert_cmpfloat (hit->y, <=, l.plot.y + l.plot.height);
      g_assert_cmpfloat_with_epsilon (hit->y, map_y (&l, hit->value), 1e-6);
    }
  cairo_surface_destroy (s);
}

/* 160 % extends the range (80 … 170) instead of being clipped; a single visit without an
 * index date sits in the middle of a two-week range. */
static void
test_symmetry_single_far_above (void)
{
  g_autoptr(VastusSymmetryChartData) data = vastus_symmetry_chart_data_new (1);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartSeries *series = vastus_chart_series_new ("Quadriceps LSI", 1,
                                                       VASTUS_CHART_MARKER_CIRCLE,
                                                       VASTUS_CHART_LINE_SOLID);
  VastusChartLayout l = { .hits = hits };
  VastusChartStyle light;
  cairo_surface_t *s;
  const VastusChartHit *hit;

  vastus_chart_style_init_light (&light);
  data->time.dates[0] = fixture_surgery () + 90;
  series->values[0] = 160;
  series->status[0] = VASTUS_CHART_STATUS_MET;
  vastus_symmetry_chart_data_add_series (data, series);
  vastus_symmetry_chart_data_add_threshold (data, 90, "90 %");

  s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, W, H, &l);
  g_assert_false (l.empty);
  g_assert_cmpfloat (l.y_min, ==, 80);
  g_assert_cmpfloat (l.y_max, ==, 170);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = &g_array_index (hits, VastusChartHit, 0);
  g_assert_cmpfloat_with_epsilon (hit->x, l.plot.x + l.plot.width / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (hit->y, l.plot.y + l.plot.height * (170.0 - 160) / 90, 1e-6);
  g_assert_true (px_near (pixel (s, (int) hit->x, (int) hit->y), &light.series[0], 24));
  /* No index date: the axis shows calendar dates, not weeks. */
  g_assert_cmpuint (l.n_x_ticks, >=, 2);
  g_assert_null (strstr (l.x_ticks[0].label, "wk"));
  cairo_surface_destroy (s);
}

static void
test_empty (void)
{
  VastusChartStyle light;
  g_autoptr(VastusSymmetryChartData) sym = vastus_symmetry_chart_data_new (0);
  g_autoptr(VastusProgressChartData) prog = vastus_progress_chart_data_new (0, "I", "U", "N");
  g_autoptr(VastusGirthChartData) girth = vastus_girth_chart_data_new (0);
  g_autoptr(VastusCriteriaChartData) crit = vastus_criteria_chart_data_new (0);
  g_autoptr(VastusSymmetryChartData) no_values = vastus_symmetry_chart_data_new (3);
  gconstpointer all[] = { sym, prog, girth, crit };
  VastusChartKind kinds[] = { VASTUS_CHART_KIND_SYMMETRY, VASTUS_CHART_KIND_PROGRESS,
                              VASTUS_CHART_KIND_GIRTH, VASTUS_CHART_KIND_CRITERIA };

  vastus_chart_style_init_light (&light);
  vastus_symmetry_chart_data_add_series (no_values,
                                         vastus_chart_series_new ("LSI", 3, 0, 0));

  for (guint k = 0; k < G_N_ELEMENTS (all) + 1; k++)
    {
      VastusChartLayout l = { 0 };
      gconstpointer data = k < G_N_ELEMENTS (all) ? all[k] : no_values;
      VastusChartKind kind = k < G_N_ELEMENTS (all) ? kinds[k] : VASTUS_CHART_KIND_SYMMETRY;

      for (guint size = 0; size < 3; size++)
        {
          int w = size == 0 ? W : size == 1 ? 200 : 2000;
          int h = size == 0 ? H : size == 1 ? 150 : 300;
          cairo_surface_t *s = render (kind, data, FALSE, w, h, &l);

          g_assert_true (l.empty);
          /* The message is drawn in the middle band … */
          g_assert_cmpint (count_ink (s, 0, h / 2 - 12, w, h / 2 + 12, &light.background), >=, 20);
          /* … and nothing else in the lower quarter. */
          g_assert_cmpint (count_ink (s, 0, h * 3 / 4, w, h, &light.background), ==, 0);
          cairo_surface_destroy (s);
        }
    }
}

/* Drawn at an offset on a larger transparent surface: everything stays inside its bounds. */
static void
test_stays_inside (void)
{
  g_autoptr(VastusSymmetryChartData) sym = fixture_symmetry (TRUE);
  g_autoptr(VastusSymmetryChartData) sym_many = synthetic_symmetry (1000);
  g_autoptr(VastusProgressChartData) prog = fixture_progress ();
  g_autoptr(VastusGirthChartData) girth = fixture_girth ();
  g_autoptr(VastusCriteriaChartData) crit = fixture_criteria (TRUE);
  g_autoptr(VastusCriteriaChartData) crit_many = synthetic_criteria (1000);
  g_autoptr(VastusSymmetryChartData) empty = vastus_symmetry_chart_data_new (0);
  gconstpointer all[] = { sym, sym_many, prog, girth, crit, crit_many, empty };
  VastusChartKind kinds[] = { VASTUS_CHART_KIND_SYMMETRY, VASTUS_CHART_KIND_SYMMETRY,
                              VASTUS_CHART_KIND_PROGRESS, VASTUS_CHART_KIND_GIRTH,
                              VASTUS_CHART_KIND_CRITERIA, VASTUS_CHART_KIND_CRITERIA,
                              VASTUS_CHART_KIND_SYMMETRY };
  static const int sizes[][2] = { { 800, 400 }, { 200, 150 }, { 2000, 300 }, { 120, 90 } };
  const int margin = 50;

  /* Light, dark, light and dark in high contrast; then light at text scale 1.5. */
  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      for (int look = 0; look < 5; look++)
        {
          int w = sizes[z][0], h = sizes[z][1];
          cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w + 2 * margin,
                                                           h + 2 * margin);
          cairo_t *cr = cairo_create (s);
          VastusChartStyle style;
          int outside = 0, inside = 0;

          vastus_chart_style_init_full (&style, look % 2 == 1, look == 2 || look == 3);
          if (look == 4)
            style.font_px = VASTUS_CHART_FONT_PX * 1.5;
          cairo_translate (cr, margin, margin);
          render_any (kinds[k], all[k], &style, cr, w, h, NULL);
          cairo_destroy (cr);
          cairo_surface_flush (s);

          for (int y = 0; y < h + 2 * margin; y++)
            for (int x = 0; x < w + 2 * margin; x++)
              {
                gboolean in = x >= margin && x < margin + w && y >= margin && y < margin + h;
                int a = pixel (s, x, y).a;

                if (!in && a != 0)
                  outside++;
                if (in && a == 255)
                  inside++;
              }
          g_test_message ("chart %u at %d×%d, look %d: %d pixels outside", k, w, h, look, outside);
          g_assert_cmpint (outside, ==, 0);
          g_assert_cmpint (inside, ==, w * h);   /* the background covers the chart */
          cairo_surface_destroy (s);
        }
}

/* Progression: two series with distinct markers, a gap where the involved leg was not
 * measured, and the pre-operative values as dotted lines. */
static void
test_progress (void)
{
  g_autoptr(VastusProgressChartData) data = fixture_progress ();
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  VastusChartStyle light;
  cairo_surface_t *s;
  guint involved = 0, uninvolved = 0;
  int row, purple = 0;
  double x, y;

  vastus_chart_style_init_light (&light);
  s = render (VASTUS_CHART_KIND_PROGRESS, data, FALSE, W, H, &l);
  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      if (hit->series == 0)
        {
          involved++;
          g_assert_cmpuint (hit->visit, !=, 4);   /* not measured at visit 4 */
        }
      else
        uninvolved++;
    }
  g_assert_cmpuint (involved, ==, 9);
  g_assert_cmpuint (uninvolved, ==, 10);

  /* Values 190 … 478 N, 6 % headroom: 172.7 … 495.3, nice range 150 … 500. */
  g_assert_cmpfloat (l.y_min, ==, 150);
  g_assert_cmpfloat (l.y_max, ==, 500);

  /* The uninvolved pre-op line (478 N) is dotted purple across the plot. */
  row = (int) round (map_y (&l, 478));
  for (int xx = (int) l.plot.x; xx < (int) (l.plot.x + l.plot.width); xx++)
    if (px_near (pixel (s, xx, row), &light.series[1], 70))
      purple++;
  g_assert_cmpint (purple * 100, >=, (int) l.plot.width * 15);

  /* The involved leg at visit 9 (431 N, day 212) is a filled blue circle; the uninvolved leg at
   * visit 1 (452 N, day 13) a filled purple square (half side 0.88 × 4 px). */
  x = map_x (&l, fixture_surgery () + 212);
  y = map_y (&l, 431);
  g_assert_true (px_near (pixel (s, (int) x, (int) y), &light.series[0], 24));
  x = map_x (&l, fixture_surgery () + 13);
  y = map_y (&l, 452);
  g_assert_true (px_near (pixel (s, (int) floor (x + 2), (int) floor (y - 2)), &light.series[1], 30));
  cairo_surface_destroy (s);
}

/* Girth: two panels that do not overlap, effusion on five levels, a step per visit. */
static void
test_girth (void)
{
  g_autoptr(VastusGirthChartData) data = fixture_girth ();
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  VastusChartStyle light;
  cairo_surface_t *s;
  guint effusion = 0;

  vastus_chart_style_init_light (&light);
  s = render (VASTUS_CHART_KIND_GIRTH, data, FALSE, W, H, &l);
  g_assert_cmpfloat (l.plot2.height, >, 0);
  g_assert_cmpfloat (l.plot2.y, >, l.plot.y + l.plot.height + 10);
  g_assert_cmpfloat (l.plot2.x, ==, l.plot.x);
  g_assert_cmpfloat (l.plot2.width, ==, l.plot.width);
  /* 0 … 3.1 cm, 8 % headroom above (none below 0 without a negative value): 0 … 3.348 →
   * 0 … 4. */
  g_assert_cmpfloat (l.y_min, ==, 0);
  g_assert_cmpfloat (l.y_max, ==, 4);

  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);
      double expect_y;

      if (hit->series != VASTUS_GIRTH_SERIES_EFFUSION)
        continue;
      effusion++;
      expect_y = l.plot2.y + l.plot2.height - hit->value * l.plot2.height / 4;
      g_assert_cmpfloat_with_epsilon (hit->y, expect_y, 1e-6);
      g_assert_true (px_near (pixel (s, (int) hit->x, (int) hit->y), &light.series[2], 24));
    }
  g_assert_cmpuint (effusion, ==, 9);   /* one visit without an effusion grade */

  /* The 2+ plateau from visit 1 (day 13) to visit 2 (day 27): the stepped line at grade 3. */
  {
    double x = (map_x (&l, fixture_surgery () + 13) + map_x (&l, fixture_surgery () + 27)) / 2;
    double y = l.plot2.y + l.plot2.height - 3 * l.plot2.height / 4;

    g_assert_true (px_near (pixel (s, (int) x, (int) round (y - 0.5)), &light.series[2], 40)
                   || px_near (pixel (s, (int) x, (int) round (y)), &light.series[2], 40));
  }
  cairo_surface_destroy (s);
}

/* Girth histories built from measurements, as the app and the report build them. */

/* A right knee replacement on 2 March 2026: knee girth only (the joint line at every visit,
 * mid-patella at one), no thigh girth. Joint line left/right: 38.0/40.0, 38.2/44.7,
 * 38.0/41.5 cm, so swelling (involved − uninvolved) is 2.0, 6.5, 3.5 cm. */
static VastusHistory *
tka_history (gboolean joint_line)
{
  VastusHistory *history = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_FEMALE, "2026-03-02");
  const char *code = joint_line ? "knee_girth_joint_line" : "knee_girth_midpatella";
  VastusVisit *v;

  history->episode->condition = VASTUS_CONDITION_TKA;
  v = fx_visit (history, "2026-02-20");
  fx_pair (v, code, 38.0, 40.0);
  v = fx_visit (history, "2026-03-16");
  fx_pair (v, code, 38.2, 44.7);
  if (joint_line)
    fx_pair (v, "knee_girth_midpatella", 41.0, 52.0);   /* not charted: the joint line wins */
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, 3);
  v = fx_visit (history, "2026-04-27");
  fx_pair (v, code, 38.0, 41.5);
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, 1);
  return history;
}

static guint
count_hits (GArray *hits,
            guint   series)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    n += g_array_index (hits, VastusChartHit, i).series == series;
  return n;
}

/* Renders @data in the light style and checks the points of each series: how many, and each
 * girth difference at its value in its series' colour. */
static cairo_surface_t *
render_girth_points (const VastusGirthChartData *data,
                     guint                       n_thigh,
                     guint                       n_knee,
                     guint                       n_effusion,
                     VastusChartLayout          *l)
{
  VastusChartStyle light;
  cairo_surface_t *s;

  vastus_chart_style_init_light (&light);
  s = render (VASTUS_CHART_KIND_GIRTH, data, FALSE, W, H, l);
  g_assert_false (l->empty);
  g_assert_cmpuint (count_hits (l->hits, VASTUS_GIRTH_SERIES_THIGH), ==, n_thigh);
  g_assert_cmpuint (count_hits (l->hits, VASTUS_GIRTH_SERIES_KNEE), ==, n_knee);
  g_assert_cmpuint (count_hits (l->hits, VASTUS_GIRTH_SERIES_EFFUSION), ==, n_effusion);
  for (guint i = 0; i < l->hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (l->hits, VastusChartHit, i);

      if (hit->series == VASTUS_GIRTH_SERIES_EFFUSION)
        continue;
      g_assert_cmpfloat_with_epsilon (hit->y, map_y (l, hit->value), 1e-6);
      g_assert_true (px_near (pixel (s, (int) hit->x, (int) hit->y),
                              &light.series[hit->series == VASTUS_GIRTH_SERIES_THIGH ? 0 : 1], 24));
    }
  return s;
}

/* Knee girth only: the swelling series is charted, not the "not measured" panel. */
static void
test_girth_builder_knee_only (void)
{
  g_autoptr(VastusHistory) history = tka_history (TRUE);
  g_autoptr(VastusHistory) midpatella = tka_history (FALSE);
  g_autoptr(VastusGirthChartData) data = vastus_chart_build_girth (history, NULL);
  g_autoptr(VastusGirthChartData) mid = vastus_chart_build_girth (midpatella, NULL);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  VastusChartStyle light;
  cairo_surface_t *s;

  g_assert_false (vastus_chart_series_has_values (data->girth));
  g_assert_true (vastus_chart_series_has_values (data->knee));
  g_assert_true (vastus_girth_chart_data_has_values (data));
  g_assert_false (data->inches);
  g_assert_cmpfloat_with_epsilon (data->knee->values[0], 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->knee->values[1], 6.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->knee->values[2], 3.5, 1e-9);
  g_assert_nonnull (strstr (data->knee->label, "joint line"));
  g_assert_nonnull (strstr (data->knee->label, "swelling"));
  g_assert_cmpint (data->effusion[0], ==, -1);
  g_assert_cmpint (data->effusion[1], ==, 3);

  /* Without a joint-line value, mid-patella. */
  g_assert_nonnull (strstr (mid->knee->label, "mid-patella"));
  g_assert_cmpfloat_with_epsilon (mid->knee->values[1], 6.5, 1e-9);

  vastus_chart_style_init_light (&light);
  s = render_girth_points (data, 0, 3, 2, &l);
  /* 0 … 6.5 cm with 8 % headroom above: 0 … 7.02; no room below 0 without a negative value. */
  g_assert_cmpfloat (l.y_min, ==, 0);
  g_assert_cmpfloat (l.y_max, >=, 7.02);
  /* No thigh series anywhere: no blue in the legend or the plot. */
  g_assert_cmpint (count_color (s, 0, 0, W, (int) (l.plot.y + l.plot.height), &light.series[0], 24),
                   ==, 0);
  g_assert_cmpint (count_color (s, (int) l.legend.x, (int) l.legend.y,
                                (int) (l.legend.x + l.legend.width),
                                (int) (l.legend.y + l.legend.height), &light.series[1], 24), >, 0);
  cairo_surface_destroy (s);
}

/* An ACL reconstruction of the left knee with thigh and knee girth: thigh 48/51 cm (atrophy
 * 3.0), joint line 40/38 cm (swelling 2.0); a later visit with thigh girth only. */
static void
test_girth_builder_both (void)
{
  g_autoptr(VastusHistory) history = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, "2026-01-05");
  g_autoptr(VastusGirthChartData) data = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  cairo_surface_t *s;
  VastusVisit *v;

  v = fx_visit (history, "2026-02-01");
  fx_pair (v, "thigh_girth_15", 48, 51);
  fx_pair (v, "knee_girth_joint_line", 40, 38);
  v = fx_visit (history, "2026-03-01");
  fx_pair (v, "thigh_girth_15", 49, 50.5);
  data = vastus_chart_build_girth (history, NULL);

  g_assert_cmpfloat_with_epsilon (data->girth->values[0], 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->girth->values[1], 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->knee->values[0], 2.0, 1e-9);
  g_assert_true (isnan (data->knee->values[1]));
  g_assert_nonnull (strstr (data->girth->label, "atrophy"));
  g_assert_nonnull (strstr (data->knee->label, "swelling"));
  /* Told apart by marker and line, not only by colour. */
  g_assert_cmpint (data->girth->marker, !=, data->knee->marker);
  g_assert_cmpint (data->girth->line, !=, data->knee->line);

  s = render_girth_points (data, 2, 1, 0, &l);
  cairo_surface_destroy (s);
}

/* Visits without girth or effusion: the empty state. Effusion alone is not empty. */
static void
test_girth_builder_none (void)
{
  g_autoptr(VastusHistory) history = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, "2026-01-05");
  g_autoptr(VastusGirthChartData) data = NULL;
  g_autoptr(VastusGirthChartData) effusion_only = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  cairo_surface_t *s;
  VastusVisit *v;

  v = fx_visit (history, "2026-02-01");
  fx_pair (v, "quadriceps_hhd", 300, 400);
  fx_trial (v, "thigh_girth_15", VASTUS_SIDE_LEFT, 1, 48);   /* one side: no difference */
  data = vastus_chart_build_girth (history, NULL);
  g_assert_false (vastus_chart_series_has_values (data->girth));
  g_assert_false (vastus_chart_series_has_values (data->knee));
  g_assert_false (vastus_girth_chart_data_has_values (data));
  s = render (VASTUS_CHART_KIND_GIRTH, data, FALSE, W, H, &l);
  g_assert_true (l.empty);
  g_assert_cmpuint (hits->len, ==, 0);
  cairo_surface_destroy (s);

  fx_trial (v, "effusion_stroke", VASTUS_SIDE_LEFT, 1, 2);
  effusion_only = vastus_chart_build_girth (history, NULL);
  g_assert_true (vastus_girth_chart_data_has_values (effusion_only));
  s = render_girth_points (effusion_only, 0, 0, 1, &l);
  cairo_surface_destroy (s);
}

/* Three visits: thigh 5.08 and 2.54 cm, knee 2.54 cm and −1.27 cm (2, 1, 1 and −0.5 in). */
static VastusGirthChartData *
inch_girth (gboolean inches)
{
  static const int days[] = { 14, 42, 84 };
  VastusGirthChartData *data = vastus_girth_chart_data_new (G_N_ELEMENTS (days));

  fixture_timeline (&data->time, days, G_N_ELEMENTS (days), TRUE);
  data->title = g_strdup ("Girth and swelling");
  g_free (data->girth->label);
  data->girth->label = g_strdup ("Thigh girth 15 cm (atrophy)");
  g_free (data->knee->label);
  data->knee->label = g_strdup ("Knee girth, joint line (swelling)");
  data->girth->values[0] = 5.08;
  data->girth->values[1] = 2.54;
  data->knee->values[0] = 2.54;
  data->knee->values[2] = -1.27;
  data->effusion[0] = 2;
  data->inches = inches;
  return data;
}

/* Inches: the values stay in cm, the display series, the hits and the ticks are in inches. */
static void
test_girth_inches (void)
{
  g_autoptr(VastusGirthChartData) metric = inch_girth (FALSE);
  g_autoptr(VastusGirthChartData) data = inch_girth (TRUE);
  g_autoptr(VastusChartSeries) shown = vastus_girth_chart_data_display_series (data, data->knee);
  g_autoptr(VastusChartSeries) shown_cm = vastus_girth_chart_data_display_series (metric,
                                                                                  metric->knee);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  const VastusChartTick *one = NULL;
  cairo_surface_t *s;

  g_assert_cmpstr (vastus_girth_chart_data_unit (metric), ==, "cm");
  g_assert_cmpstr (vastus_girth_chart_data_unit (data), ==, "in");
  g_assert_cmpfloat (data->knee->values[0], ==, 2.54);     /* stored unchanged */
  g_assert_cmpfloat (shown->values[0], ==, 1.0);
  g_assert_cmpfloat_with_epsilon (shown->values[2], -0.5, 1e-12);
  g_assert_true (isnan (shown->values[1]));
  g_assert_cmpstr (shown->label, ==, data->knee->label);
  g_assert_cmpfloat (shown_cm->values[0], ==, 2.54);

  s = render (VASTUS_CHART_KIND_GIRTH, data, FALSE, W, H, &l);
  /* −0.5 … 2 in with 8 % headroom: −0.7 … 2.2; whole or half inches, never 2.54 cm steps. */
  g_assert_cmpfloat (l.y_min, <=, -0.7);
  g_assert_cmpfloat (l.y_min, >=, -1);
  g_assert_cmpfloat (l.y_max, >=, 2.2);
  g_assert_cmpfloat (l.y_max, <=, 3);
  g_assert_cmpuint (l.n_y_ticks, >=, 3);
  for (guint i = 0; i < l.n_y_ticks; i++)
    {
      g_assert_cmpfloat_with_epsilon (l.y_ticks[i].value * 2, round (l.y_ticks[i].value * 2), 1e-9);
      if (l.y_ticks[i].value == 1)
        one = &l.y_ticks[i];
    }
  g_assert_nonnull (one);
  g_assert_true (g_str_equal (one->label, "1") || g_str_equal (one->label, "1.0"));

  /* The 2.54 cm swelling is drawn on the 1 in grid line. */
  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      if (hit->series == VASTUS_GIRTH_SERIES_KNEE && hit->visit == 0)
        {
          g_assert_cmpfloat (hit->value, ==, 1.0);
          g_assert_cmpfloat_with_epsilon (hit->y, one->pos, 1e-6);
        }
      if (hit->series == VASTUS_GIRTH_SERIES_THIGH && hit->visit == 0)
        g_assert_cmpfloat_with_epsilon (hit->value, 2.0, 1e-12);
    }
  g_assert_cmpuint (count_hits (hits, VASTUS_GIRTH_SERIES_KNEE), ==, 2);
  cairo_surface_destroy (s);

  /* The same data in cm: the hit is 2.54. */
  s = render (VASTUS_CHART_KIND_GIRTH, metric, FALSE, W, H, &l);
  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      if (hit->series == VASTUS_GIRTH_SERIES_KNEE && hit->visit == 0)
        g_assert_cmpfloat (hit->value, ==, 2.54);
    }
  g_assert_cmpfloat (l.y_max, >=, 5.08);
  cairo_surface_destroy (s);
}

/* Criteria: ✓ green, ✗ red, ○ grey in their cells; the long label ellipsized before the grid;
 * first-met dates on the right. */
static void
test_criteria (void)
{
  g_autoptr(VastusCriteriaChartData) data = fixture_criteria (TRUE);
  VastusChartLayout l = { 0 };
  VastusChartStyle light;
  cairo_surface_t *s;
  double row_h;
  int pad = 8;  /* round (13 × 0.6) */

  vastus_chart_style_init_light (&light);
  s = render (VASTUS_CHART_KIND_CRITERIA, data, FALSE, W, H, &l);
  row_h = l.plot.height / 5;
  g_assert_false (l.empty);
  g_assert_cmpfloat (l.plot.x, <=, pad + round (W * 0.36) + pad + 1);

  for (guint r = 0; r < 5; r++)
    {
      const VastusCriteriaChartRow *row = g_ptr_array_index (data->rows, r);
      double cy = l.plot.y + (r + 0.5) * row_h;

      for (guint v = 0; v < FIXTURE_N; v++)
        {
          double cx = map_x (&l, data->time.dates[v]);
          int x0 = (int) (cx - row_h * 0.4), x1 = (int) (cx + row_h * 0.4);
          int y0 = (int) (cy - row_h * 0.4), y1 = (int) (cy + row_h * 0.4);
          int green = count_color (s, x0, y0, x1, y1, &light.met, 40);
          int red = count_color (s, x0, y0, x1, y1, &light.not_met, 40);
          int grey = count_color (s, x0, y0, x1, y1, &light.not_tested, 40);

          g_test_message ("row %u visit %u: green %d red %d grey %d", r, v, green, red, grey);
          switch (row->status[v])
            {
            case VASTUS_CHART_STATUS_MET:
              g_assert_cmpint (green, >=, 8);
              g_assert_cmpint (red, ==, 0);
              break;
            case VASTUS_CHART_STATUS_NOT_MET:
              g_assert_cmpint (red, >=, 8);
              g_assert_cmpint (green, ==, 0);
              break;
            default:
              g_assert_cmpint (grey, >=, 4);
              g_assert_cmpint (red + green, ==, 0);
              break;
            }
        }
    }

  /* Between the (ellipsized) long label of row 2 and the grid: nothing. */
  {
    double cy = l.plot.y + 2.5 * row_h;

    g_assert_cmpint (count_ink (s, (int) l.plot.x - pad + 1, (int) (cy - row_h / 2 + 1),
                                (int) l.plot.x - 2, (int) (cy + row_h / 2 - 1), &light.background),
                     ==, 0);
    /* … but the label itself is there. */
    g_assert_cmpint (count_ink (s, pad, (int) (cy - row_h / 2 + 1), (int) l.plot.x - pad,
                                (int) (cy + row_h / 2 - 1), &light.background), >=, 200);
  }

  /* First met: written in green at the right edge for met rows. */
  g_assert_cmpint (count_color (s, (int) (l.plot.x + l.plot.width) + pad, (int) l.plot.y,
                                W, (int) (l.plot.y + row_h), &light.met, 40), >=, 10);
  cairo_surface_destroy (s);
}

/* PDF and SVG surfaces take the same drawing. */
static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_vector_surfaces (void)
{
  g_autoptr(VastusSymmetryChartData) sym = fixture_symmetry (TRUE);
  g_autoptr(VastusCriteriaChartData) crit = fixture_criteria (FALSE);
  VastusChartStyle style;

  vastus_chart_style_init_light (&style);
  for (int svg = 0; svg < 2; svg++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      cairo_surface_t *surface = svg
        ? cairo_svg_surface_create_for_stream (append_cb, bytes, 595, 300)
        : cairo_pdf_surface_create_for_stream (append_cb, bytes, 595, 842);
      cairo_t *cr = cairo_create (surface);

      vastus_symmetry_chart_render (sym, &style, cr, 595, 300);
      cairo_translate (cr, 0, 320);
      vastus_criteria_chart_render (crit, &style, cr, 595, 260);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);

      g_assert_cmpuint (bytes->len, >, 2000);
      if (svg)
        g_assert_nonnull (g_strstr_len ((const char *) bytes->data, bytes->len, "<svg"));
      else
        g_assert_cmpmem (bytes->data, 4, "%PDF", 4);
    }
}

/* Colour vision. */

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* CIELAB (D65) of linear RGB. */
static void
linear_to_lab (const double rgb[3],
               double       lab[3])
{
  double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
  double f[3] = { x, y, z };

  for (guint i = 0; i < 3; i++)
    f[i] = f[i] > 0.008856 ? cbrt (f[i]) : 7.787 * f[i] + 16.0 / 116;
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

/* Simulated protanopia, deuteranopia and tritanopia: Machado, Oliveira and Fernandes (2009),
 * severity 1.0, on linear RGB; and normal vision. */
static const double vision[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 } },
};

static void
seen_as (const VastusChartColor *c,
         guint                   v,
         double                  lab[3])
{
  double lin[3] = { to_linear (c->red), to_linear (c->green), to_linear (c->blue) }, out[3];

  for (guint i = 0; i < 3; i++)
    out[i] = CLAMP (vision[v][i][0] * lin[0] + vision[v][i][1] * lin[1] + vision[v][i][2] * lin[2],
                    0, 1);
  linear_to_lab (out, lab);
}

/* WCAG 2 contrast ratio of two opaque colours. */
static double
contrast (const VastusChartColor *a,
          const VastusChartColor *b)
{
  double la = 0.2126 * to_linear (a->red) + 0.7152 * to_linear (a->green) + 0.0722 * to_linear (a->blue);
  double lb = 0.2126 * to_linear (b->red) + 0.7152 * to_linear (b->green) + 0.0722 * to_linear (b->blue);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Every pair of series colours stays at least ΔE*ab 20 apart for each kind of vision, in each
 * of the four looks (the earlier palette of blue_4, purple_3, orange_5 and brown_3 came to 13.6
 * for blue and purple under protanopia), and each stands out from the background: 3:1, 4.5:1
 * in high contrast. Worked out by hand for light blue #1c71d8 on #fafafa: linear R, G, B
 * 0.0116, 0.1651, 0.6866, luminance 0.1701; the background 0.9559; (0.9559 + 0.05) / (0.1701 +
 * 0.05) = 4.57. */
static void
test_palette_colour_blind (void)
{
  for (int look = 0; look < 4; look++)
    {
      VastusChartStyle style;
      double worst = G_MAXDOUBLE, lowest = G_MAXDOUBLE;

      vastus_chart_style_init_full (&style, look % 2 == 1, look >= 2);
      for (guint v = 0; v < G_N_ELEMENTS (vision); v++)
        for (guint a = 0; a < VASTUS_CHART_N_SERIES_COLORS; a++)
          for (guint b = a + 1; b < VASTUS_CHART_N_SERIES_COLORS; b++)
            {
              double la[3], lb[3];

              seen_as (&style.series[a], v, la);
              seen_as (&style.series[b], v, lb);
              worst = MIN (worst, sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1])
                                        + (la[2] - lb[2]) * (la[2] - lb[2])));
            }
      for (guint a = 0; a < VASTUS_CHART_N_SERIES_COLORS; a++)
        lowest = MIN (lowest, contrast (&style.series[a], &style.background));
      g_test_message ("look %d: closest pair ΔE %.1f, lowest contrast %.2f", look, worst, lowest);
      g_assert_cmpfloat (worst, >=, 20);
      g_assert_cmpfloat (lowest, >=, look >= 2 ? 4.5 : 3);
      /* High contrast: opaque text, thicker lines. */
      if (look >= 2)
        {
          g_assert_cmpfloat (style.foreground.alpha, ==, 1);
          g_assert_cmpfloat (style.line_width, >, 2);
        }
    }
  {
    VastusChartColor blue = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };
    VastusChartColor bg = { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1 };

    g_assert_cmpfloat_with_epsilon (contrast (&blue, &bg), 4.57, 0.005);
  }
}

/* Two series with the same values: at each visit their markers sit side by side (2.2 marker
 * radii apart, r = 4 at 13 px), both colours show, and the lines differ in dash pattern. */
static void
test_series_apart (void)
{
  static const int days[] = { 0, 28, 56, 84 };
  static const double lsi[] = { 80, 86, 91, 94 };
  g_autoptr(VastusSymmetryChartData) data = vastus_symmetry_chart_data_new (4);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  VastusChartLayout l = { .hits = hits };
  VastusChartStyle light;
  cairo_surface_t *s;
  const double r = 4;

  vastus_chart_style_init_light (&light);
  fixture_timeline (&data->time, days, 4, FALSE);
  for (guint k = 0; k < 2; k++)
    {
      VastusChartSeries *series;
      VastusChartMarker marker;
      VastusChartLine line;

      vastus_chart_series_style (k, &marker, &line);
      series = vastus_chart_series_new (k == 0 ? "Single hop LSI" : "Crossover hop LSI", 4, marker,
                                        line);
      for (guint i = 0; i < 4; i++)
        series->values[i] = lsi[i];
      vastus_symmetry_chart_data_add_series (data, series);
    }
  s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, 640, 360, &l);
  for (guint i = 0; i < 4; i++)
    {
      double x0 = hit_x (hits, 0, i), x1 = hit_x (hits, 1, i);
      double x = map_x (&l, fixture_surgery () + days[i]), y = map_y (&l, lsi[i]);

      g_assert_cmpfloat_with_epsilon (x0, x - 1.1 * r, 1e-6);
      g_assert_cmpfloat_with_epsilon (x1, x + 1.1 * r, 1e-6);
      g_assert_cmpint (count_color (s, (int) (x0 - r), (int) (y - r), (int) x, (int) (y + r),
                                    &light.series[0], 30), >=, 8);
      g_assert_cmpint (count_color (s, (int) x + 1, (int) (y - r), (int) (x1 + r), (int) (y + r),
                                    &light.series[1], 30), >=, 8);
    }
  cairo_surface_destroy (s);
}

/* A threshold label never covers a marker: with the latest values at the right end of the
 * 90 % line (where the label used to go), it moves; tried at several sizes and text scales. */
static void
test_labels_clear_of_points (void)
{
  static const int sizes[][2] = { { 640, 360 }, { 360, 240 }, { 900, 300 } };

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (guint scale = 0; scale < 2; scale++)
      {
        g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
        g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
        VastusChartLayout l = { .hits = hits };
        VastusChartStyle style;
        cairo_surface_t *s;
        double r;

        vastus_chart_style_init_light (&style);
        style.font_px = VASTUS_CHART_FONT_PX * (scale == 0 ? 1 : 1.5);
        s = render_styled (VASTUS_CHART_KIND_SYMMETRY, data, &style, sizes[z][0], sizes[z][1], &l);
        r = round (l.font_px * 0.32 * 2) / 2;
        g_assert_cmpuint (l.n_labels, >=, 1);
        for (guint k = 0; k < l.n_labels; k++)
          {
            const VastusChartRect *lab = &l.labels[k];

            g_assert_cmpfloat (lab->x, >=, l.plot.x);
            g_assert_cmpfloat (lab->x + lab->width, <=, l.plot.x + l.plot.width);
            for (guint i = 0; i < hits->len; i++)
              {
                const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);
                gboolean apart = hit->x + r <= lab->x || hit->x - r >= lab->x + lab->width
                                 || hit->y + r <= lab->y || hit->y - r >= lab->y + lab->height;

                if (!apart)
                  g_test_message ("label %u (%.0f, %.0f, %.0f × %.0f) covers visit %u of series %u",
                                  k, lab->x, lab->y, lab->width, lab->height, hit->visit,
                                  hit->series);
                g_assert_true (apart);
              }
          }
        cairo_surface_destroy (s);
      }
}

/* A legend entry longer than the chart is wide wraps instead of being cut: the legend grows by
 * lines and the plot stays below it. */
static void
test_legend_wraps (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  VastusChartSeries *s0 = g_ptr_array_index (data->series, 0);
  VastusChartLayout plain = { 0 }, wrapped = { 0 };
  cairo_surface_t *s;

  s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, 400, 360, &plain);
  cairo_surface_destroy (s);
  g_free (s0->label);
  s0->label = g_strdup ("Quadriceps isometric peak torque at 60 degrees of knee flexion on the "
                        "fixed dynamometer, best of three trials, LSI");
  s = render (VASTUS_CHART_KIND_SYMMETRY, data, FALSE, 400, 360, &wrapped);
  cairo_surface_destroy (s);
  g_test_message ("legend %.0f → %.0f px, font %.0f px", plain.legend.height, wrapped.legend.height,
                  wrapped.font_px);
  /* At 11 px (a 400 px chart) the label is about 600 px wide: a row of its own, two lines tall
   * (cut to one line, the legend grew by a single line only). */
  g_assert_cmpfloat (wrapped.legend.height, >=, plain.legend.height + 2 * wrapped.font_px);
  g_assert_cmpfloat (wrapped.plot.y, >=, wrapped.legend.y + wrapped.legend.height);
  g_assert_cmpfloat (wrapped.legend.x + wrapped.legend.width, <=, 400);
}

/* Golden images. */

typedef enum
{
  GIRTH_THIGH,       /* fixture_girth (): thigh girth and effusion */
  GIRTH_KNEE,        /* a knee replacement: knee girth and effusion */
  GIRTH_BOTH,        /* thigh and knee girth and effusion */
  GIRTH_INCHES,      /* both, shown in inches */
} GirthCase;

typedef struct
{
  const char      *name;
  VastusChartKind  kind;
  gboolean         dark;
  int              width, height;
  GirthCase        girth;
  gboolean         high_contrast;
  double           text_scale;      /* 0: 1 */
} Golden;

static const Golden goldens[] = {
  { "symmetry-light", VASTUS_CHART_KIND_SYMMETRY, FALSE, 640, 360 },
  { "symmetry-dark", VASTUS_CHART_KIND_SYMMETRY, TRUE, 640, 360 },
  { "symmetry-narrow", VASTUS_CHART_KIND_SYMMETRY, FALSE, 240, 180 },
  { "progress-light", VASTUS_CHART_KIND_PROGRESS, FALSE, 640, 360 },
  { "progress-dark", VASTUS_CHART_KIND_PROGRESS, TRUE, 640, 360 },
  { "girth-light", VASTUS_CHART_KIND_GIRTH, FALSE, 640, 360 },
  { "girth-dark", VASTUS_CHART_KIND_GIRTH, TRUE, 640, 360 },
  { "girth-knee-light", VASTUS_CHART_KIND_GIRTH, FALSE, 640, 360, GIRTH_KNEE },
  { "girth-knee-dark", VASTUS_CHART_KIND_GIRTH, TRUE, 640, 360, GIRTH_KNEE },
  { "girth-both-light", VASTUS_CHART_KIND_GIRTH, FALSE, 640, 360, GIRTH_BOTH },
  { "girth-both-dark", VASTUS_CHART_KIND_GIRTH, TRUE, 640, 360, GIRTH_BOTH },
  { "girth-inches-light", VASTUS_CHART_KIND_GIRTH, FALSE, 640, 360, GIRTH_INCHES },
  { "girth-inches-dark", VASTUS_CHART_KIND_GIRTH, TRUE, 640, 360, GIRTH_INCHES },
  { "criteria-light", VASTUS_CHART_KIND_CRITERIA, FALSE, 640, 300 },
  { "criteria-dark", VASTUS_CHART_KIND_CRITERIA, TRUE, 640, 300 },
  { "criteria-wide", VASTUS_CHART_KIND_CRITERIA, FALSE, 1400, 260 },
  /* Large Text (GNOME's text-scaling-factor 1.5) and High Contrast. */
  { "symmetry-large-text", VASTUS_CHART_KIND_SYMMETRY, FALSE, 640, 360, .text_scale = 1.5 },
  { "symmetry-narrow-large-text", VASTUS_CHART_KIND_SYMMETRY, FALSE, 320, 240, .text_scale = 1.5 },
  { "progress-large-text", VASTUS_CHART_KIND_PROGRESS, TRUE, 640, 360, .text_scale = 1.5 },
  { "girth-large-text", VASTUS_CHART_KIND_GIRTH, FALSE, 640, 360, GIRTH_BOTH, .text_scale = 1.5 },
  { "criteria-large-text", VASTUS_CHART_KIND_CRITERIA, FALSE, 640, 300, .text_scale = 1.5 },
  { "symmetry-high-contrast", VASTUS_CHART_KIND_SYMMETRY, FALSE, 640, 360, .high_contrast = TRUE },
  { "symmetry-high-contrast-dark", VASTUS_CHART_KIND_SYMMETRY, TRUE, 640, 360,
    .high_contrast = TRUE },
  { "progress-high-contrast", VASTUS_CHART_KIND_PROGRESS, FALSE, 640, 360, .high_contrast = TRUE },
  { "girth-high-contrast-dark", VASTUS_CHART_KIND_GIRTH, TRUE, 640, 360, GIRTH_BOTH,
    .high_contrast = TRUE },
  { "criteria-high-contrast", VASTUS_CHART_KIND_CRITERIA, FALSE, 640, 300, .high_contrast = TRUE },
};

/* fixture_girth () with the swelling of a knee replacement: 5.6 cm after surgery, down to
 * 0.4 cm; without the thigh for GIRTH_KNEE. */
static VastusGirthChartData *
golden_girth (GirthCase girth)
{
  static const double swelling[] = { 0.9, 5.6, 4.8, 3.9, 3.1, 2.3, 1.7, 1.1, 0.8, 0.4 };
  VastusGirthChartData *data = fixture_girth ();

  if (girth == GIRTH_THIGH)
    return data;
  g_free (data->girth->label);
  data->girth->label = g_strdup ("Thigh girth 15 cm (atrophy)");
  g_free (data->knee->label);
  data->knee->label = g_strdup ("Knee girth, joint line (swelling)");
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      data->knee->values[i] = swelling[i];
      if (girth == GIRTH_KNEE)
        data->girth->values[i] = NAN;
    }
  data->inches = girth == GIRTH_INCHES;
  return data;
}

#define GOLDEN_CHANNEL_TOLERANCE 32    /* per channel, 0–255 */
#define GOLDEN_MAX_DIFFERING     0.001  /* of all pixels: 0.1 % */

static void
test_golden (gconstpointer user_data)
{
  const Golden *g = user_data;
  g_autoptr(VastusSymmetryChartData) sym = fixture_symmetry (TRUE);
  g_autoptr(VastusProgressChartData) prog = fixture_progress ();
  g_autoptr(VastusGirthChartData) girth = golden_girth (g->girth);
  g_autoptr(VastusCriteriaChartData) crit = fixture_criteria (TRUE);
  gconstpointer data = g->kind == VASTUS_CHART_KIND_SYMMETRY ? (gconstpointer) sym
                     : g->kind == VASTUS_CHART_KIND_PROGRESS ? (gconstpointer) prog
                     : g->kind == VASTUS_CHART_KIND_GIRTH ? (gconstpointer) girth
                     : (gconstpointer) crit;
  g_autofree char *file = g_strdup_printf ("%s.png", g->name);
  g_autofree char *path = g_build_filename (GOLDEN_DIR, file, NULL);
  cairo_surface_t *actual, *expected;
  VastusChartStyle style;
  int differing = 0, worst = 0;

  vastus_chart_style_init_full (&style, g->dark, g->high_contrast);
  if (g->text_scale > 0)
    style.font_px = VASTUS_CHART_FONT_PX * g->text_scale;
  actual = render_styled (g->kind, data, &style, g->width, g->height, NULL);

  if (g_strcmp0 (g_getenv ("VASTUS_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (actual);
      return;
    }

  expected = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read golden image %s (VASTUS_UPDATE_GOLDEN=1 creates it)", path);
  g_assert_cmpint (cairo_image_surface_get_width (expected), ==, g->width);
  g_assert_cmpint (cairo_image_surface_get_height (expected), ==, g->height);

  for (int y = 0; y < g->height; y++)
    for (int x = 0; x < g->width; x++)
      {
        Px a = pixel (actual, x, y), e = pixel (expected, x, y);
        int d = MAX (MAX (ABS (a.r - e.r), ABS (a.g - e.g)), MAX (ABS (a.b - e.b), ABS (a.a - e.a)));

        worst = MAX (worst, d);
        if (d > GOLDEN_CHANNEL_TOLERANCE)
          differing++;
      }
  g_test_message ("%s: %d pixels differ by more than %d (worst %d)", g->name, differing,
                  GOLDEN_CHANNEL_TOLERANCE, worst);
  if (differing > g->width * g->height * GOLDEN_MAX_DIFFERING)
    {
      g_autofree char *out = g_strdup_printf ("golden-actual-%s.png", g->name);

      cairo_surface_write_to_png (actual, out);
      g_test_message ("wrote the actual image to %s", out);
    }
  g_assert_cmpint (differing, <=, g->width * g->height * GOLDEN_MAX_DIFFERING);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/symmetry/geometry", test_symmetry_geometry);
  g_test_add_func ("/charts/symmetry/hits", test_symmetry_hits);
  g_test_add_func ("/charts/symmetry/single-far-above", test_symmetry_single_far_above);
  g_test_add_func ("/charts/progress", test_progress);
  g_test_add_func ("/charts/girth", test_girth);
  g_test_add_func ("/charts/girth/builder-knee-only", test_girth_builder_knee_only);
  g_test_add_func ("/charts/girth/builder-both", test_girth_builder_both);
  g_test_add_func ("/charts/girth/builder-none", test_girth_builder_none);
  g_test_add_func ("/charts/girth/inches", test_girth_inches);
  g_test_add_func ("/charts/criteria", test_criteria);
  g_test_add_func ("/charts/empty", test_empty);
  g_test_add_func ("/charts/stays-inside", test_stays_inside);
  g_test_add_func ("/charts/palette/colour-blind", test_palette_colour_blind);
  g_test_add_func ("/charts/series-apart", test_series_apart);
  g_test_add_func ("/charts/labels-clear-of-points", test_labels_clear_of_points);
  g_test_add_func ("/charts/legend-wraps", test_legend_wraps);
  g_test_add_func ("/charts/vector-surfaces", test_vector_surfaces);
  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/charts/golden/%s", goldens[i].name);

      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  return g_test_run ();
}
