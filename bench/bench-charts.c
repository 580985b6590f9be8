/* bench-charts: time to draw each chart for 10, 100 and 1000 visits on an 800 × 400 image
 * surface, against a floor: the same number of line segments and circles drawn with raw cairo
 * calls (one stroked path, one fill per circle: the fastest way, as one path of many overlapping
 * circles costs cairo's tessellator far more) on the same surface after clearing it.
 * The machine may be shared: the minimum is printed beside the median.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "vastus-criteria-chart.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-symmetry-chart.h"

#include "../tests/chart-fixtures.h"

#define W 800
#define H 400
#define REPEATS 31

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  VastusChartKind  kind;
  gconstpointer    data;
  guint            n_segments;
  guint            n_points;
} Job;

static void
draw_chart (const Job              *job,
            const VastusChartStyle *style,
            cairo_t                *cr)
{
  switch (job->kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      vastus_symmetry_chart_render (job->data, style, cr, W, H);
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      vastus_progress_chart_render (job->data, style, cr, W, H);
      break;
    case VASTUS_CHART_KIND_GIRTH:
      vastus_girth_chart_render (job->data, style, cr, W, H);
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      vastus_criteria_chart_render (job->data, style, cr, W, H);
      break;
    }
}

/* The same amount of geometry, with nothing else: no text, axes or styling. */
static void
draw_floor (const Job *job,
            cairo_t   *cr)
{
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.44, 0.85);
  cairo_set_line_width (cr, 2);
  cairo_new_path (cr);
  for (guint i = 0; i <= job->n_segments; i++)
    {
      double x = 40 + 740.0 * i / MAX (1, job->n_segments);
      double y = 200 + 120 * sin (i * 0.37);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < job->n_points; i++)
    {
      double x = 40 + 740.0 * i / MAX (1, job->n_points);
      double y = 200 + 120 * sin (i * 0.53);

      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static double
median_ms (const Job              *job,
           const VastusChartStyle *style,
           cairo_surface_t        *surface,
           gboolean                floor_only,
           double                 *min_ms)
{
  double times[REPEATS];

  for (int r = 0; r < REPEATS; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      if (floor_only)
        draw_floor (job, cr);
      else
        draw_chart (job, style, cr);
      cairo_surface_flush (surface);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  qsort (times, REPEATS, sizeof (double), (GCompareFunc) cmp_double);
  if (min_ms != NULL)
    *min_ms = times[0];
  return times[REPEATS / 2];
}

int
main (int argc, char *argv[])
{
  static const guint sizes[] = { 10, 100, 1000 };
  static const char *names[] = { "symmetry", "progress", "girth", "criteria" };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  VastusChartStyle style;

  setlocale (LC_ALL, "");
  vastus_chart_style_init_light (&style);
  printf ("# %d×%d image surface, %d repeats\n", W, H, REPEATS);
  printf ("#                   ---------- median ---------   ----------- minimum ---------\n");
  printf ("# chart     visits  chart ms  floor ms  ratio    chart ms  floor ms  ratio\n");

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        guint n = sizes[z];
        g_autoptr(VastusSymmetryChartData) sym = NULL;
        g_autoptr(VastusProgressChartData) prog = NULL;
        g_autoptr(VastusGirthChartData) girth = NULL;
        g_autoptr(VastusCriteriaChartData) crit = NULL;
        Job job = { k, NULL, 0, 0 };
        double chart, floor_ms, chart_min, floor_min;

        switch (k)
          {
          case VASTUS_CHART_KIND_SYMMETRY:
            job.data = sym = synthetic_symmetry (n);      /* 2 series */
            job.n_segments = 2 * (n - 1);
            job.n_points = 2 * n;
            break;
          case VASTUS_CHART_KIND_PROGRESS:
            job.data = prog = synthetic_progress (n);     /* 2 legs */
            job.n_segments = 2 * (n - 1);
            job.n_points = 2 * n;
            break;
          case VASTUS_CHART_KIND_GIRTH:
            job.data = girth = synthetic_girth (n);       /* a line and a stepped line */
            job.n_segments = (n - 1) + 2 * (n - 1);
            job.n_points = 2 * n;
            break;
          case VASTUS_CHART_KIND_CRITERIA:
          default:
            job.data = crit = synthetic_criteria (n);     /* 6 rows of symbols */
            job.n_segments = 0;
            job.n_points = 6 * n;
            break;
          }

        /* Warm up fonts and caches once. */
        median_ms (&job, &style, surface, FALSE, NULL);
        chart = median_ms (&job, &style, surface, FALSE, &chart_min);
        floor_ms = median_ms (&job, &style, surface, TRUE, &floor_min);
        printf ("%-10s %7u %9.3f %9.3f %6.2f   %9.3f %9.3f %6.2f\n", names[k], n,
                chart, floor_ms, chart / floor_ms, chart_min, floor_min, chart_min / floor_min);
      }

  cairo_surface_destroy (surface);
  return 0;
}
