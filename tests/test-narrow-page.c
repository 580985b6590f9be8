/* test-narrow-page.c: the patient page on a 360 px wide screen and a 1280 px wide one, in English,
 * German, French and Spanish
 *
 * Every tab of the demo's first patient's page (and on Charts every kind of chart, and the
 * table in place of the chart) fits 360 px (narrow-test-util.h: no wider than the screen, no
 * label cut short) and nothing it shows overlaps, 360 and 1280 px wide: no widget's box reaches
 * out of its parent's, no two side by side in a box overlap, no label's text runs out of its
 * box (describe_overlaps). "Criteria measures" ran out of its drop-down over the Table button
 * beside it at 360 px. Every misfit of every language is listed before the test fails. With
 * $VASTUS_SCREENSHOT_DIR set, each tab is saved there, narrow and wide, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"

#include <adwaita.h>
#include <locale.h>

#include "narrow-fixture.h"
#include "narrow-test-util.h"
#include "ui-safety-util.h"
#include "vastus-patient-page.h"
#include "vastus-patient-record.h"
#include "vastus-wrap-box.h"

static const char *languages[] = { "en", "de", "fr", "es" };

/* @window @width px wide, settled. */
static void
resize (GtkWidget *window,
        int        width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  for (guint i = 0; i < 5; i++)
    {
      iterate ();
      gtk_test_widget_wait_for_draw (window);
    }
  g_test_message ("the page %d px wide in a window of %d", gtk_widget_get_width (window_content (window)),
                  width);
}

/* @window drawn as it is now: a squeezer picks its child as it is allocated, and shows it a
 * frame later. */
static void
settle (GtkWidget *window)
{
  for (guint i = 0; i < 3; i++)
    {
      iterate ();
      gtk_test_widget_wait_for_draw (window);
    }
}

/* Adds to @problems what of @window (the page shown @width px wide) does not fit or overlaps. */
static void
check (GtkWidget  *window,
       int         width,
       const char *what,
       GString    *problems)
{
  g_autofree char *name = g_strdup_printf ("the patient page %d px wide, %s, in %s", width, what,
                                           g_getenv ("LANGUAGE"));

  settle (window);
  if (width == SCREEN_WIDTH)
    describe_misfit (window, name, problems);
  describe_overlaps (window_content (window), name, problems);
}

/* The tab shown saved as TAB-WIDTH-LANGUAGE.png and TAB-WIDTH-LANGUAGE-dark.png, with
 * $VASTUS_SCREENSHOT_DIR set. */
static void
screenshots (GtkWidget  *window,
             const char *tab,
             int         width)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_getenv ("VASTUS_SCREENSHOT_DIR") == NULL)
    return;
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%d-%s%s", tab, width, g_getenv ("LANGUAGE"),
                                               dark ? "-dark" : "");

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      iterate ();
      ui_screenshot (window, name);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Each tab of @page in turn, then on Charts each kind of chart and the table. */
static void
check_tabs (GtkWidget         *window,
            VastusPatientPage *page,
            int                width,
            GString           *problems)
{
  AdwViewStack *stack = ADW_VIEW_STACK (vastus_patient_page_get_part (page, "view-stack"));
  GtkDropDown *kind = GTK_DROP_DOWN (vastus_patient_page_get_part (page, "chart-kind"));
  GtkStack *chart_stack = GTK_STACK (vastus_patient_page_get_part (page, "chart-stack"));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));
  guint rows;

  /* Overview, Visits, Criteria and Charts (the window adds Patient beside them). */
  g_assert_cmpuint (n_pages, ==, 4);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(AdwViewStackPage) tab = g_list_model_get_item (G_LIST_MODEL (pages), i);

      adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (tab));
      check (window, width, adw_view_stack_page_get_name (tab), problems);
      screenshots (window, adw_view_stack_page_get_name (tab), width);
    }
  adw_view_stack_set_visible_child_name (stack, "charts");
  /* Symmetry, both legs, girth, criteria, questionnaires: each with its own measures. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (kind)), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (kind)); i++)
    {
      g_autofree char *what = g_strdup_printf ("charts, kind %u", i);

      gtk_drop_down_set_selected (kind, i);
      check (window, width, what, problems);
    }
  gtk_drop_down_set_selected (kind, 0);
  settle (window);
  /* Symmetry, Criteria measures and Table take some 400 px with the spacing between them in
   * every language: one row of 1246 px (1280 less the page's margins), more than one of 326. */
  rows = vastus_wrap_box_get_rows (VASTUS_WRAP_BOX (vastus_patient_page_get_part (page, "chart-controls")));
  if (width == SCREEN_WIDTH)
    g_assert_cmpuint (rows, >=, 2);
  else
    g_assert_cmpuint (rows, ==, 1);
  screenshots (window, "charts", width);
  gtk_stack_set_visible_child_name (chart_stack, "table");
  check (window, width, "the chart's table", problems);
  gtk_stack_set_visible_child_name (chart_stack, "chart");
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
      GtkWidget *window;
      GtkWidget *page;

      narrow_test_set_language (languages[l]);
      window = adw_window_new ();
      page = vastus_patient_page_new ();
      adw_window_set_content (ADW_WINDOW (window), page);
      gtk_window_present (GTK_WINDOW (window));
      resize (window, SCREEN_WIDTH);
      vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (page), record);
      iterate ();
      check_tabs (window, VASTUS_PATIENT_PAGE (page), SCREEN_WIDTH, problems);
      resize (window, 1280);
      check_tabs (window, VASTUS_PATIENT_PAGE (page), 1280, problems);
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
  narrow_test_set_language ("de");
  g_assert_cmpstr (problems->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  narrow_test_init (&argc, &argv);
  /* Each view as it settles: no transition shows two at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/narrow/patient-page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  return g_test_run ();
}
