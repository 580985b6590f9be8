/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart widget under Xvfb: picking points, "visit-activated", its name and description in
 * the accessibility tree, moving between points with the keys it binds, hovering without
 * drawing the chart again, and following Large Text and High Contrast.
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

/* The widget's first event controller of @type. */
static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
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
    g_signal_emit_by_name (find_controller (view, GTK_TYPE_GESTURE_CLICK), "released", 1, first->x, first->y);
    g_assert_cmpint (activated, ==, 100);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The action a key is bound to, found among the widget's own shortcuts, and run. */
static void
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *key = gtk_accelerator_name (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, key) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no shortcut for %s", key);
}

static void
assert_cursor (GtkWidget  *view,
               guint       series,
               guint       visit,
               const char *description)
{
  guint s, v;

  g_assert_true (vastus_chart_view_get_cursor (VASTUS_CHART_VIEW (view), &s, &v));
  g_assert_cmpuint (s, ==, series);
  g_assert_cmpuint (v, ==, visit);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
}

/* A chart a keyboard and a screen reader can use: named in the accessibility tree, focusable;
 * Right lands on the latest point, Left and Right move along a series, Down and Up between
 * series, Home and End to the ends, each point described in words; Enter opens its visit. The
 * fixture's dates: surgery 5 January 2026; day 212 is 5 August (30.3 weeks), 170 is 24 June,
 * 141 is 26 May, 113 is 28 April, 13 is 18 January. */
static void
test_keyboard (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vastus_chart_view_new ();
  gint64 activated = -1;

  ((VastusChartSeries *) g_ptr_array_index (data->series, 0))->criterion = g_strdup ("RTS \342\211\245 90 %");
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 360);
  gtk_window_set_child (GTK_WINDOW (window), view);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  g_signal_connect (view, "visit-activated", G_CALLBACK (activated_cb), &activated);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (view);

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Limb symmetry over time, 10 visits");
  g_assert_true (gtk_widget_get_focusable (view));
  g_assert_true (gtk_widget_grab_focus (view));
  g_assert_false (vastus_chart_view_get_cursor (VASTUS_CHART_VIEW (view), NULL, NULL));

  press (view, GDK_KEY_Right);
  assert_cursor (view, 0, 9, "Quadriceps LSI: 96.0 %, meets RTS \342\211\245 90 %; 2026-08-05 (wk 30.3). "
                             "Visit 10 of 10.");
  press (view, GDK_KEY_Left);
  assert_cursor (view, 0, 8, "Quadriceps LSI: 91.5 %, meets RTS \342\211\245 90 %; 2026-06-24 (wk 24.3). "
                             "Visit 9 of 10.");
  press (view, GDK_KEY_Down);
  assert_cursor (view, 1, 8, "Single hop LSI: 93.0 %; 2026-06-24 (wk 24.3). Visit 9 of 10.");
  /* The single hop starts at visit 6: Left stops there. */
  press (view, GDK_KEY_Left);
  press (view, GDK_KEY_Left);
  press (view, GDK_KEY_Left);
  assert_cursor (view, 1, 6, "Single hop LSI: 78.0 %; 2026-04-28 (wk 16.1). Visit 7 of 10.");
  press (view, GDK_KEY_Down);
  assert_cursor (view, 2, 6, "Quadriceps EPIC: 70.0 %; 2026-04-28 (wk 16.1). Visit 7 of 10.");
  /* No series below the last. */
  press (view, GDK_KEY_Down);
  assert_cursor (view, 2, 6, "Quadriceps EPIC: 70.0 %; 2026-04-28 (wk 16.1). Visit 7 of 10.");
  /* EPIC has no pre-operative value: Home is its first value after surgery. */
  press (view, GDK_KEY_Home);
  assert_cursor (view, 2, 1, "Quadriceps EPIC: 35.0 %; 2026-01-18 (wk 1.9). Visit 2 of 10.");
  /* Up through the single hop (first measured at visit 6) and on to the quadriceps comes back
   * to visit 1: the visit aimed at is kept. */
  press (view, GDK_KEY_Up);
  assert_cursor (view, 1, 6, "Single hop LSI: 78.0 %; 2026-04-28 (wk 16.1). Visit 7 of 10.");
  press (view, GDK_KEY_Up);
  assert_cursor (view, 0, 1, "Quadriceps LSI: 41.0 %, does not meet RTS \342\211\245 90 %; "
                             "2026-01-18 (wk 1.9). Visit 2 of 10.");
  press (view, GDK_KEY_End);
  assert_cursor (view, 0, 9, "Quadriceps LSI: 96.0 %, meets RTS \342\211\245 90 %; 2026-08-05 (wk 30.3). "
                             "Visit 10 of 10.");

  /* Enter opens the visit: the fixture numbers them from 100. */
  press (view, GDK_KEY_Return);
  g_assert_cmpint (activated, ==, 109);

  /* New data: no point chosen, the summary read again. */
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  g_assert_false (vastus_chart_view_get_cursor (VASTUS_CHART_VIEW (view), NULL, NULL));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       vastus_chart_view_get_summary (VASTUS_CHART_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Moving the pointer over the chart draws the hover on top of the chart drawn before; a new
 * size or new data draw the chart again. */
static void
test_hover_keeps_chart (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vastus_chart_view_new ();
  const VastusChartLayout *layout;
  guint renders;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 360);
  gtk_window_set_child (GTK_WINDOW (window), view);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (view);
  renders = vastus_chart_view_get_n_renders (VASTUS_CHART_VIEW (view));
  g_assert_cmpuint (renders, >=, 1);

  layout = vastus_chart_view_get_layout (VASTUS_CHART_VIEW (view));
  for (guint i = 0; i < layout->hits->len; i++)
    {
      const VastusChartHit *hit = &g_array_index (layout->hits, VastusChartHit, i);

      g_signal_emit_by_name (find_controller (view, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion", hit->x, hit->y);
      gtk_widget_queue_draw (view);
      wait_for_draw (view);
    }
  g_assert_cmpuint (vastus_chart_view_get_n_renders (VASTUS_CHART_VIEW (view)), ==, renders);

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 300);
  gtk_widget_set_size_request (view, 480, 280);
  wait_for_draw (view);
  g_assert_cmpuint (vastus_chart_view_get_n_renders (VASTUS_CHART_VIEW (view)), ==, renders + 1);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  wait_for_draw (view);
  g_assert_cmpuint (vastus_chart_view_get_n_renders (VASTUS_CHART_VIEW (view)), ==, renders + 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The chart's text follows the desktop's: 13 px at GNOME's default 11 pt and 96 dpi, 19.5 px
 * with Large Text at 1.5 (144 dpi). */
static void
test_large_text (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vastus_chart_view_new ();
  const VastusChartStyle *style;
  int dpi;

  g_object_set (settings, "gtk-font-name", "Cantarell 11", NULL);
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (view);
  style = vastus_chart_view_get_style (VASTUS_CHART_VIEW (view));
  g_test_message ("gtk-xft-dpi %d: chart font %.1f px", dpi, style->font_px);
  g_assert_cmpfloat (style->font_px, ==, 13);
  g_assert_false (style->high_contrast);
  g_assert_cmpfloat (style->line_width, ==, 2);

  g_object_set (settings, "gtk-xft-dpi", 144 * 1024, NULL);
  gtk_widget_queue_draw (view);
  wait_for_draw (view);
  g_assert_cmpfloat (style->font_px, ==, 19.5);
  /* 700 × 400 is large enough not to shrink it. */
  g_assert_cmpfloat (vastus_chart_view_get_layout (VASTUS_CHART_VIEW (view))->font_px, ==, 19.5);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Run with ADW_DEBUG_HIGH_CONTRAST=1 (libadwaita's switch, read once at start): the
 * high-contrast look, thicker lines and opaque text (the style's is at 80 %). */
static void
test_high_contrast (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vastus_chart_view_new ();
  const VastusChartStyle *style;

  g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_SYMMETRY, data);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (view);
  style = vastus_chart_view_get_style (VASTUS_CHART_VIEW (view));
  g_assert_true (style->high_contrast);
  g_assert_cmpfloat (style->line_width, ==, 3);
  g_assert_cmpfloat (style->foreground.alpha, ==, 1);
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
  g_test_add_func ("/charts/view/keyboard", test_keyboard);
  g_test_add_func ("/charts/view/hover-keeps-chart", test_hover_keeps_chart);
  g_test_add_func ("/charts/view/large-text", test_large_text);
  /* tests/meson.build runs the binary a second time with libadwaita's switch set. */
  if (g_strcmp0 (g_getenv ("ADW_DEBUG_HIGH_CONTRAST"), "1") == 0)
    g_test_add_func ("/charts/view/high-contrast", test_high_contrast);
  return g_test_run ();
}
