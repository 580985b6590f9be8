/* The questionnaire chart: which visits and scores it shows, the band of the minimal important
 * change around each first score, and what it draws on an image surface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vastus-chart-builder.h"
#include "vastus-instrument.h"
#include "vastus-prom-chart.h"

static void
add_visit (VastusHistory *history,
           int            day,
           const char    *measures_and_values)
{
  VastusVisit *visit = vastus_visit_new ();
  g_auto(GStrv) pairs = g_strsplit (measures_and_values, " ", -1);

  g_date_set_dmy (&visit->date, day, G_DATE_MARCH, 2026);
  visit->id = day;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (kv[1] != NULL)
        vastus_visit_add_measurement (visit, vastus_measurement_new (kv[0], VASTUS_SIDE_NONE, 1,
                                                                     g_ascii_strtod (kv[1], NULL), "points"));
    }
  vastus_history_add_visit (history, visit);
}

static VastusHistory *
history_new (void)
{
  VastusEpisode *episode = vastus_episode_new ();

  episode->condition = VASTUS_CONDITION_PFP;
  episode->involved_side = VASTUS_SIDE_LEFT;
  return vastus_history_new (vastus_patient_new (), episode);
}

static double
clinic_mic (const char *measure,
            gpointer    user_data)
{
  /* The clinic's own 12 for KOS-ADLS, the defaults for the rest. */
  if (g_str_equal (measure, "kos_adls"))
    return 12;
  return vastus_instrument_scale_for_measure (measure, NULL)->mic;
}

static void
test_build (void)
{
  g_autoptr(VastusHistory) history = history_new ();
  g_autoptr(VastusPromChartData) data = NULL;
  g_autoptr(VastusPromChartData) koos = NULL;
  const VastusPromBand *band;
  const VastusChartSeries *series;

  add_visit (history, 2, "kos_adls=60 pain_nrs=4");
  add_visit (history, 9, "pain_nrs=3");
  add_visit (history, 16, "kos_adls=70 koos_pain=75 koos_qol=50");

  /* Without an instrument: the first in the built-in order with scores, KOOS. */
  koos = vastus_chart_build_prom (history, NULL, clinic_mic, NULL);
  g_assert_cmpstr (koos->title, ==, "KOOS");
  /* Only the scales with values: pain and QoL; only the visit that scored them. */
  g_assert_cmpuint (koos->series->len, ==, 2);
  g_assert_cmpuint (koos->time.n_visits, ==, 1);
  g_assert_cmpfloat (g_array_index (koos->bands, VastusPromBand, 0).mic, ==, 16.7);

  data = vastus_chart_build_prom (history, "kos_adls", clinic_mic, NULL);
  g_assert_nonnull (data);
  /* The visit of the 9th had no KOS-ADLS: two visits, one line from 60 to 70. */
  g_assert_cmpuint (data->time.n_visits, ==, 2);
  g_assert_cmpint (data->time.visit_ids[1], ==, 16);
  g_assert_cmpuint (data->series->len, ==, 1);
  series = g_ptr_array_index (data->series, 0);
  g_assert_cmpfloat (series->values[0], ==, 60);
  g_assert_cmpfloat (series->values[1], ==, 70);
  band = &g_array_index (data->bands, VastusPromBand, 0);
  g_assert_cmpfloat (band->first, ==, 60);
  g_assert_cmpfloat (band->mic, ==, 12);
  g_assert_cmpuint (band->visit, ==, 0);
  g_assert_cmpfloat (data->y_min, ==, 0);
  g_assert_cmpfloat (data->y_max, ==, 100);

  /* No scores of that instrument: nothing to draw. */
  g_assert_null (vastus_chart_build_prom (history, "lysholm", clinic_mic, NULL));
}

/* The LEFS scale is 0–80. */
static void
test_range (void)
{
  g_autoptr(VastusHistory) history = history_new ();
  g_autoptr(VastusPromChartData) data = NULL;

  add_visit (history, 2, "lefs=40");
  data = vastus_chart_build_prom (history, "lefs", NULL, NULL);
  g_assert_cmpfloat (data->y_max, ==, 80);
  /* No callback: the instrument's default (Binkley 1999: 9). */
  g_assert_cmpfloat (g_array_index (data->bands, VastusPromBand, 0).mic, ==, 9);
}

static gboolean
near_background (const guint8 *px)
{
  /* The light style's background is near white; a band tint is visibly darker or coloured. */
  return px[0] > 0xf0 && px[1] > 0xf0 && px[2] > 0xf0;
}

static void
test_render (void)
{
  g_autoptr(VastusHistory) history = history_new ();
  g_autoptr(VastusPromChartData) data = NULL;
  VastusChartLayout layout = { 0 };
  VastusChartStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cairo_t *cr = cairo_create (surface);
  const guint8 *pixels;
  int stride, x, y_in, y_out;

  add_visit (history, 2, "kos_adls=40");
  add_visit (history, 30, "kos_adls=60");
  data = vastus_chart_build_prom (history, "kos_adls", clinic_mic, NULL);
  vastus_chart_style_init_light (&style);
  vastus_prom_chart_render_full (data, &style, cr, 600, 300, &layout);
  cairo_surface_flush (surface);
  g_assert_false (layout.empty);
  g_assert_cmpfloat (layout.y_min, ==, 0);
  g_assert_cmpfloat (layout.y_max, ==, 100);

  /* Half-way along the plot: inside the band (40 ± 12) at 45, outside it at 80. */
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  x = (int) (layout.plot.x + layout.plot.width * 0.5) + 3;
  y_in = (int) (layout.plot.y + layout.plot.height * (1 - 45.0 / 100));
  y_out = (int) (layout.plot.y + layout.plot.height * (1 - 80.0 / 100)) + 2;
  g_assert_false (near_background (pixels + y_in * stride + x * 4));
  g_assert_true (near_background (pixels + y_out * stride + x * 4));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render_empty (void)
{
  g_autoptr(VastusPromChartData) data = vastus_prom_chart_data_new (0);
  VastusChartLayout layout = { 0 };
  VastusChartStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);

  data->title = g_strdup ("KOOS");
  vastus_chart_style_init_light (&style);
  vastus_prom_chart_render_full (data, &style, cr, 300, 200, &layout);
  g_assert_true (layout.empty);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/prom/build", test_build);
  g_test_add_func ("/charts/prom/range", test_range);
  g_test_add_func ("/charts/prom/render", test_render);
  g_test_add_func ("/charts/prom/render-empty", test_render_empty);

  return g_test_run ();
}
