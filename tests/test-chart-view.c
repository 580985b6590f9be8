/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart widget under Xvfb: picking points, "visit-activated", the accessible description.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "vastus-chart-view.h"
#include "vastus-symmetry-chart.h"

#include "chart-fixtures.h"

static void
wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activated_cb (VastusChartView *view,
              gint64           visit_id,
              guint            index,
              gint64          *out)
{
  *out = visit_id;
}

static GtkGesture *
find_click (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        return GTK_GESTURE (c);
    }
  return NULL;
}

static void
test_pick_and_activate (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (VastusChartHit));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vastus_chart_view_new ();
  VastusChartLayout layout = { .hits = hits };
  VastusChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 activated = -1;
  int w, h;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 360);
  gtk_window_set_child (GTK_WINDOW (window), view);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  g_signal_connect (view, "visit-activated", G_CALLBACK (activated_cb), &activated);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (view);

  w = gtk_widget_get_width (view);
  h = gtk_widget_get_height (view);
  g_assert_cmpint (w, >, 200);
  g_assert_cmpint (h, >, 150);

  /* The same geometry as the widget drew: the points are where the renderer says. */
  vastus_chart_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  vastus_symmetry_chart_render_full (data, &style, cr, w, h, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (hits->len, ==, 23);

  for (guint i = 0; i < hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (hits, VastusChartHit, i);

      /* Within a few pixels of a point picks a visit; the hit's own visit when it is alone. */
      if (hit->visit == 0 || hit->visit == 1)
        g_assert_cmpint (vastus_chart_view_pick_visit (VASTUS_CHART_VIEW (view), hit->x + 2, hit->y - 2),
                         ==, (int) hit->visit);
    }
  /* Far from any point: nothing. */
  g_assert_cmpint (vastus_chart_view_pick_visit (VASTUS_CHART_VIEW (view), 2, 2), ==, -1);

  /* A click on the first visit's point reports its id (the fixture numbers visits from 100). */
  {
    const VastusChartHit *first = &g_array_index (hits, VastusChartHit, 0);

    g_assert_cmpuint (first->visit, ==, 0);
    g_signal_emit_by_name (find_click (view), "released", 1, first->x, first->y);
    g_assert_cmpint (activated, ==, 100);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_description (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  g_autoptr(VastusSymmetryChartData) empty = vastus_symmetry_chart_data_new (0);
  GtkWidget *view = g_object_ref_sink (vastus_chart_view_new ());
  const char *summary;

  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  summary = vastus_chart_view_get_summary (VASTUS_CHART_VIEW (view));
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "10 visits"));
  g_assert_nonnull (strstr (summary, "Threshold 90 %"));
  g_assert_nonnull (strstr (summary, "Quadriceps LSI: from 84.0 % on 2025-12-15 (wk -3.0) to 96.0 % on "
                                     "2026-08-05 (wk 30.3), threshold met"));
  g_assert_nonnull (strstr (summary, "Quadriceps EPIC: from 35.0 %"));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);

  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, empty);
  g_assert_cmpstr (vastus_chart_view_get_summary (VASTUS_CHART_VIEW (view)), ==,
                   "No visits recorded yet.");
  g_assert_finalize_object (view);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* GTK's in-process accessibility backend, so that properties can be read back (the suite's
   * environment turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/charts/view/pick-and-activate", test_pick_and_activate);
  g_test_add_func ("/charts/view/description", test_description);
  return g_test_run ();
}
