/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload window on a small clinic (as of 2026-03-02, VASTUS_TODAY): the filters (all or
 * my patients, a condition, a therapist), sorting by a column, and Enter or a click opening a
 * patient. At a phone's 360 px the same with a line for each patient instead of the table: it
 * does not scroll sideways, each line shows every fact of the table's row, the sort menu orders
 * the lines, and Enter opens a patient; at 1260 px the table is as it was. SQL on the main
 * thread aborts (VASTUS_MAIN_THREAD_SQL=abort): the window reads through the clinic.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "narrow-test-util.h"
#include "ui-safety-util.h"
#include "vastus-caseload-item.h"
#include "vastus-caseload-line.h"
#include "vastus-caseload-window.h"
#include "vastus-value.h"
#include "vastus-wrap-box.h"

/* The fixture's window width: the default (1260 px, as the window opens beside a wide main
 * window), or a phone's. */
#define WIDE NULL
#define NARROW GINT_TO_POINTER (SCREEN_WIDTH)

typedef struct
{
  char                 *dir;
  char                 *path;
  VastusClinic         *clinic;
  VastusCaseloadWindow *window;
  gint64                shown;
  guint                 n_shown;
} Fixture;

/* Weeks since surgery as of 2026-03-02, worked by hand: Ada 2025-12-01, 91 days, 13; Cy
 * 2025-06-01, 274 days, 39.1; Di 2026-01-15, 46 days, 6.6; Bo has no date. Bo's pain of 7 at
 * his visit is at or above the limit of 5: his one safety flag. */
static const struct
{
  const char      *mrn, *given;
  VastusCondition  condition;
  const char      *surgery, *therapist, *visit;
  double           pain;
} patients[] = {
  { "CW-1", "Ada", VASTUS_CONDITION_ACLR, "2025-12-01", "R. Osei", "2026-02-02", 0 },
  { "CW-2", "Bo", VASTUS_CONDITION_PFP, NULL, "M. Lind", "2026-02-20", 7 },
  { "CW-3", "Cy", VASTUS_CONDITION_ACLR, "2025-06-01", "M. Lind", "2026-01-10", 0 },
  { "CW-4", "Di", VASTUS_CONDITION_TKA, "2026-01-15", NULL, NULL, 0 },
};

static void
write_fixture (VastusDatabase *db,
               gpointer        user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autoptr(VastusPatient) p = vastus_patient_new ();
      g_autoptr(VastusEpisode) e = vastus_episode_new ();
      g_autoptr(GError) error = NULL;

      p->mrn = g_strdup (patients[i].mrn);
      p->family_name = g_strdup ("Test");
      p->given_name = g_strdup (patients[i].given);
      g_assert_true (vastus_database_insert_patient (db, p, &error));
      g_assert_no_error (error);
      e->patient_id = p->id;
      e->condition = patients[i].condition;
      e->involved_side = VASTUS_SIDE_LEFT;
      if (patients[i].surgery != NULL)
        g_assert_true (vastus_date_parse (patients[i].surgery, &e->surgery_date, NULL));
      e->treating_therapist = g_strdup (patients[i].therapist);
      g_assert_true (vastus_database_insert_episode (db, e, &error));
      g_assert_no_error (error);
      if (patients[i].visit != NULL)
        {
          g_autoptr(VastusVisit) v = vastus_visit_new ();

          v->episode_id = e->id;
          g_assert_true (vastus_date_parse (patients[i].visit, &v->date, NULL));
          if (patients[i].pain > 0)
            vastus_visit_add_measurement (v, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1,
                                                                     patients[i].pain, "points"));
          g_assert_true (vastus_database_insert_visit (db, v, &error));
          g_assert_no_error (error);
        }
    }
}

static void
show_patient_cb (VastusCaseloadWindow *window,
                 gint64                patient_id,
                 Fixture              *f)
{
  f->shown = patient_id;
  f->n_shown++;
}

static void
iterate (Fixture *f)
{
  clinic_test_wait (f->clinic);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The window on the clinic @write makes, @width wide (WIDE: its default). */
static void
setup_with (Fixture       *f,
            void         (*write) (VastusDatabase *db, gpointer user_data),
            gconstpointer  width)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-caseload-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  clinic_test_in_thread (f->path, write, NULL);
  f->clinic = clinic_test_open (f->path);
  f->window = VASTUS_CASELOAD_WINDOW (vastus_caseload_window_new (NULL, f->clinic));
  g_object_ref_sink (f->window);
  g_signal_connect (f->window, "show-patient", G_CALLBACK (show_patient_cb), f);
  if (width != WIDE)
    gtk_window_set_default_size (GTK_WINDOW (f->window), GPOINTER_TO_INT (width), 720);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!vastus_caseload_window_get_loaded (f->window))
    g_main_context_iteration (NULL, TRUE);
  iterate (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  setup_with (f, write_fixture, data);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate (f);
  g_assert_finalize_object (f->window);
  vastus_clinic_close (f->clinic);
  g_clear_object (&f->clinic);
  ui_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The MRNs shown, in order, without their prefix: "1 2 3 4". */
static char *
shown (Fixture *f)
{
  GListModel *model = vastus_caseload_window_get_shown (f->window);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VastusCaseloadItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                              vastus_caseload_item_get_row (item)->mrn + 3);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_shown (Fixture    *f,
              const char *expected)
{
  g_autofree char *text = NULL;

  iterate (f);
  text = shown (f);
  g_assert_cmpstr (text, ==, expected);
}

static guint
find_string (GtkDropDown *dropdown,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  g_assert_not_reached ();
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkDropDown *condition = vastus_caseload_window_get_condition_dropdown (f->window);
  GtkDropDown *therapist = vastus_caseload_window_get_therapist_dropdown (f->window);
  GtkToggleButton *mine = vastus_caseload_window_get_mine_button (f->window);
  GListModel *names = gtk_drop_down_get_model (therapist);

  /* By name: Ada, Bo, Cy, Di. */
  assert_shown (f, "1 2 3 4");

  /* The therapists in the caseload, sorted, after "all" and "not named". */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "M. Lind");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 3), ==, "R. Osei");

  gtk_drop_down_set_selected (condition, find_string (condition,
                                                      vastus_condition_label (VASTUS_CONDITION_ACLR)));
  assert_shown (f, "1 3");
  gtk_drop_down_set_selected (therapist, find_string (therapist, "M. Lind"));
  assert_shown (f, "3");
  gtk_drop_down_set_selected (condition, 0);
  assert_shown (f, "2 3");
  gtk_drop_down_set_selected (therapist, 1);
  assert_shown (f, "4");
  gtk_drop_down_set_selected (therapist, 0);
  assert_shown (f, "1 2 3 4");

  /* "My patients" needs someone entering data; then it shows theirs. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mine)));
  vastus_clinic_set_actor (f->clinic, "R. Osei");
  iterate (f);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mine)));
  gtk_toggle_button_set_active (mine, TRUE);
  assert_shown (f, "1");
  vastus_clinic_set_actor (f->clinic, "M. Lind");
  assert_shown (f, "2 3");
  gtk_toggle_button_set_active (mine, FALSE);
  assert_shown (f, "1 2 3 4");
}

static void
sort_by (Fixture     *f,
         guint        column,
         GtkSortType  order)
{
  GtkColumnView *view = vastus_caseload_window_get_view (f->window);
  g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (gtk_column_view_get_columns (view),
                                                            column);

  gtk_column_view_sort_by_column (view, c, order);
}

/* Columns: patient, therapist, condition, weeks, last visit, criteria, re-test, flags. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  /* Weeks: Di 6.6, Ada 13, Cy 39.1, then Bo without a date. */
  sort_by (f, 3, GTK_SORT_ASCENDING);
  assert_shown (f, "4 1 3 2");
  /* Last visit: Di none yet, Cy 01-10, Ada 02-02, Bo 02-20; newest first descending. */
  sort_by (f, 4, GTK_SORT_ASCENDING);
  assert_shown (f, "4 3 1 2");
  sort_by (f, 4, GTK_SORT_DESCENDING);
  assert_shown (f, "2 1 3 4");
  /* Therapist: M. Lind (Bo, Cy by name), R. Osei (Ada), nobody named last (Di). */
  sort_by (f, 1, GTK_SORT_ASCENDING);
  assert_shown (f, "2 3 1 4");
  /* Re-test (4 weeks): due are Ada (28 days), Cy (51 days) and Di (no visit); not Bo (10 days). */
  sort_by (f, 6, GTK_SORT_DESCENDING);
  assert_shown (f, "4 3 1 2");
}

/* The rows of the table: the widgets that Enter activates. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (g_signal_lookup ("activate-keybinding", G_OBJECT_TYPE (w)) != 0)
        g_ptr_array_add (rows, w);
      else
        collect_rows (w, rows);
    }
}

static void
test_enter_opens_patient (Fixture       *f,
                          gconstpointer  data)
{
  GtkColumnView *view = vastus_caseload_window_get_view (f->window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) cy = clinic_test_find_patient (f->path, "CW-3");
  g_autoptr(VastusPatient) bo = clinic_test_find_patient (f->path, "CW-2");

  /* Weeks, descending: Bo (no date) first, then Cy. */
  sort_by (f, 3, GTK_SORT_DESCENDING);
  assert_shown (f, "2 3 1 4");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  /* The rows of the list inside the table (the header row has the binding too). */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (view)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_VIEW (w))
      collect_rows (w, rows);
  g_assert_cmpuint (rows->len, ==, 4);

  /* Enter on the second row, as its key binding delivers it. */
  gtk_widget_grab_focus (rows->pdata[1]);
  g_signal_emit_by_name (rows->pdata[1], "activate-keybinding");
  iterate (f);
  g_assert_cmpuint (f->n_shown, ==, 1);
  g_assert_cmpint (f->shown, ==, cy->id);

  /* A click activates (single-click-activate) the row under the pointer: the first. */
  g_assert_true (gtk_column_view_get_single_click_activate (view));
  g_signal_emit_by_name (view, "activate", 0);
  iterate (f);
  g_assert_cmpuint (f->n_shown, ==, 2);
  g_assert_cmpint (f->shown, ==, bo->id);
}

/* A visit saved elsewhere reaches the caseload: Bo's new visit today. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VastusPatient) ada = clinic_test_find_patient (f->path, "CW-1");
  g_autoptr(GPtrArray) episodes = clinic_test_list_episodes (f->path, ada->id);
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;

  sort_by (f, 6, GTK_SORT_DESCENDING);
  assert_shown (f, "4 3 1 2");
  visit->episode_id = ((VastusEpisode *) episodes->pdata[0])->id;
  g_assert_true (vastus_date_parse ("2026-03-02", &visit->date, NULL));
  vastus_clinic_save_visit_async (f->clinic, ada->id, visit, NULL, NULL, NULL,
                                  clinic_test_result_cb, &slot);
  result = clinic_test_take_result (f->clinic, &slot);
  g_clear_pointer (&visit, vastus_visit_free);
  visit = vastus_clinic_save_visit_finish (f->clinic, result, &error);
  g_assert_no_error (error);
  /* Read again after the change settles (a short delay gathers changes). */
  while (g_main_context_iteration (NULL, FALSE) || vastus_clinic_get_n_pending (f->clinic) > 0)
    ;
  g_usleep (300 * 1000);
  iterate (f);
  g_usleep (100 * 1000);
  /* Ada is no longer due: Cy and Di are, by name. */
  assert_shown (f, "4 3 2 1");
}

/* The clinic's re-test interval, from its rules: after 8 weeks instead of 4, only Di (no visit
 * yet) is due; Ada (28 days) and Cy (51 days) no longer are. Ascending, the patients not due
 * come first, each group by name: Bo | Ada Cy Di, then Ada Bo Cy | Di. */
static void
test_follows_rules (Fixture       *f,
                    gconstpointer  data)
{
  sort_by (f, 6, GTK_SORT_ASCENDING);
  assert_shown (f, "2 1 3 4");
  clinic_test_set_rule (f->clinic, "retest-weeks", "8");
  /* Read again after the change settles (a short delay gathers changes). */
  while (g_main_context_iteration (NULL, FALSE) || vastus_clinic_get_n_pending (f->clinic) > 0)
    ;
  g_usleep (300 * 1000);
  iterate (f);
  g_usleep (100 * 1000);
  assert_shown (f, "1 2 3 4");
}

/* The narrow lay-out */

/* Adds to @lines the caseload's lines shown under @widget. */
static void
collect_lines (GtkWidget *widget,
               GPtrArray *lines)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (!gtk_widget_get_mapped (w))
        continue;
      if (VASTUS_IS_CASELOAD_LINE (w))
        g_ptr_array_add (lines, w);
      else
        collect_lines (w, lines);
    }
}

static int
compare_tops (gconstpointer a,
              gconstpointer b)
{
  GtkWidget *wa = *(GtkWidget **) a, *wb = *(GtkWidget **) b;
  graphene_point_t pa, pb;

  g_assert_true (gtk_widget_compute_point (wa, GTK_WIDGET (gtk_widget_get_root (wa)),
                                           &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (wb, GTK_WIDGET (gtk_widget_get_root (wb)),
                                           &GRAPHENE_POINT_INIT (0, 0), &pb));
  return (pa.y > pb.y) - (pa.y < pb.y);
}

/* The lines shown, top to bottom, after the window is drawn. */
static GPtrArray *
lines_shown (Fixture *f)
{
  GPtrArray *lines = g_ptr_array_new ();

  iterate (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  collect_lines (GTK_WIDGET (vastus_caseload_window_get_lines (f->window)), lines);
  g_ptr_array_sort (lines, compare_tops);
  return lines;
}

/* The texts of the labels shown under @widget, in order, " | " between them. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " | " : "",
                            gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

static char *
line_text (GtkWidget *line)
{
  GString *out = g_string_new (NULL);

  collect_texts (line, out);
  return g_string_free (out, FALSE);
}

/* The given names of the lines on screen, top to bottom: "Ada Bo Cy Di". */
static char *
line_names (Fixture *f)
{
  g_autoptr(GPtrArray) lines = lines_shown (f);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *text = line_text (lines->pdata[i]);

      g_string_append_printf (out, "%s%.*s", i > 0 ? " " : "", (int) strcspn (text, " "), text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Bounds of @widget in the window's coordinates. */
static void
assert_within_screen (Fixture   *f,
                      GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, SCREEN_WIDTH);
}

/* A screen reader is given the lines (@narrow) or the table, not both: the hidden one keeps the
 * rows it showed last. */
static void
assert_read_out (Fixture  *f,
                 gboolean  narrow)
{
  GtkWidget *table = gtk_widget_get_ancestor (GTK_WIDGET (vastus_caseload_window_get_view (f->window)),
                                              GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *lines = gtk_widget_get_ancestor (GTK_WIDGET (vastus_caseload_window_get_lines (f->window)),
                                              GTK_TYPE_SCROLLED_WINDOW);

  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_STATE_HIDDEN, narrow);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (lines), GTK_ACCESSIBLE_STATE_HIDDEN, !narrow);
}

/* At 360 px: the lines, not the table; nothing scrolls sideways, nothing is cut or reaches out
 * of its place, and the filters and the sort menu are on the screen. */
static void
test_narrow_fits (Fixture       *f,
                  gconstpointer  data)
{
  GtkGridView *lines = vastus_caseload_window_get_lines (f->window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (lines), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *across = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GPtrArray) shown = lines_shown (f);
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_true (vastus_caseload_window_get_narrow (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lines)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (vastus_caseload_window_get_view (f->window))));
  assert_read_out (f, TRUE);
  g_assert_cmpuint (shown->len, ==, 4);
  g_test_message ("across: upper %g, page %g", gtk_adjustment_get_upper (across),
                  gtk_adjustment_get_page_size (across));
  g_assert_cmpfloat (gtk_adjustment_get_upper (across), <=, gtk_adjustment_get_page_size (across));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, SCREEN_WIDTH);
  for (guint i = 0; i < shown->len; i++)
    assert_within_screen (f, shown->pdata[i]);
  describe_misfit (GTK_WIDGET (f->window), "the caseload", problems);
  describe_overlaps (window_content (GTK_WIDGET (f->window)), "the caseload", problems);
  g_assert_cmpstr (problems->str, ==, "");

  assert_within_screen (f, GTK_WIDGET (vastus_caseload_window_get_mine_button (f->window)));
  assert_within_screen (f, GTK_WIDGET (vastus_caseload_window_get_condition_dropdown (f->window)));
  assert_within_screen (f, GTK_WIDGET (vastus_caseload_window_get_therapist_dropdown (f->window)));
  assert_within_screen (f, GTK_WIDGET (vastus_caseload_window_get_sort_button (f->window)));
}

/* At 1260 px the table as it was: its eight columns, no lines, no sort menu (the headers sort). */
static void
test_wide_table (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const titles[] = { "Patient", "Treating Therapist", "Condition", "Weeks",
                                        "Last Visit", "Criteria Met", "Re-test", "Safety Flags" };
  GtkColumnView *view = vastus_caseload_window_get_view (f->window);
  GListModel *columns = gtk_column_view_get_columns (view);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  iterate (f);
  g_assert_false (vastus_caseload_window_get_narrow (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (vastus_caseload_window_get_lines (f->window))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (vastus_caseload_window_get_sort_button (f->window))));
  assert_read_out (f, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }
}

/* The facts below the name start each of their rows at the line's start edge, read as text
 * (a wrap box centres its rows unless told otherwise). */
static void
assert_facts_start_at_edge (GtkWidget *line)
{
  GtkWidget *facts = gtk_widget_get_last_child (line);
  int rows = 0;

  g_assert_true (VASTUS_IS_WRAP_BOX (facts));
  for (GtkWidget *c = gtk_widget_get_first_child (facts); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      graphene_point_t at;

      if (!gtk_widget_get_mapped (c))
        continue;
      g_assert_true (gtk_widget_compute_point (c, facts, &GRAPHENE_POINT_INIT (0, 0), &at));
      g_assert_cmpfloat (at.x, >=, 0);
      rows += at.x == 0;
    }
  g_assert_cmpint (rows, ==, vastus_wrap_box_get_rows (VASTUS_WRAP_BOX (facts)));
}

/* Each line says what the table's row says, in words that need no column header; the dates in
 * the C locale's ISO form. The criteria met are the evaluation's (the caseload's own tests): the
 * line shows the row's numbers. */
static void
test_narrow_facts (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const expected[] = {
    "Ada Test | CW-1 | %s | ACL reconstruction, Left | 13.0 weeks | Last visit 2026-02-02 | R. Osei | Due for re-test",
    "Bo Test | CW-2 | %s | Patellofemoral pain, Left | No surgery or injury date | Last visit 2026-02-20 | M. Lind | pain 7/10",
    "Cy Test | CW-3 | %s | ACL reconstruction, Left | 39.1 weeks | Last visit 2026-01-10 | M. Lind | Due for re-test",
    "Di Test | CW-4 | %s | Total knee arthroplasty, Left | 6.6 weeks | No visit yet | Therapist not named | Due for re-test",
  };
  GListModel *model = vastus_caseload_window_get_shown (f->window);
  g_autoptr(GPtrArray) lines = lines_shown (f);
  char met[4][32];

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(VastusCaseloadItem) item = g_list_model_get_item (model, i);
      const VastusCaseloadRow *row = vastus_caseload_item_get_row (item);
      g_autofree char *want = NULL;
      g_autofree char *text = line_text (lines->pdata[i]);

      g_assert_nonnull (row->criteria_set);
      g_snprintf (met[i], sizeof met[i], "%u of %u met", row->met, row->n_criteria);
      want = g_strdup_printf (expected[i], met[i]);
      g_assert_cmpstr (text, ==, want);
      assert_facts_start_at_edge (lines->pdata[i]);
    }
  /* A screen reader hears all of it on the line, what does not hold included. */
  {
    g_autofree char *ada = g_strdup_printf ("Ada Test, CW-1; %s; ACL reconstruction, Left; 13.0 weeks; "
                                            "Last visit 2026-02-02; R. Osei; Due for re-test; No safety flags",
                                            met[0]);
    g_autofree char *bo = g_strdup_printf ("Bo Test, CW-2; %s; Patellofemoral pain, Left; "
                                           "No surgery or injury date; Last visit 2026-02-20; M. Lind; "
                                           "Not due for re-test; pain 7/10", met[1]);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lines->pdata[0]), GTK_ACCESSIBLE_PROPERTY_LABEL, ada);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lines->pdata[1]), GTK_ACCESSIBLE_PROPERTY_LABEL, bo);
  }
}

/* Adds to @found the sort menu's item labelled @label under @widget. */
static void
find_menu_item (GtkWidget   *widget,
                const char  *label,
                GtkWidget  **found)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL && *found == NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkModelButton"))
        {
          g_autofree char *text = NULL;

          g_object_get (w, "text", &text, NULL);
          if (g_strcmp0 (text, label) == 0)
            *found = w;
        }
      find_menu_item (w, label, found);
    }
}

/* Opens the sort menu and clicks @label in it. */
static void
choose_sort (Fixture    *f,
             const char *label)
{
  GtkMenuButton *button = vastus_caseload_window_get_sort_button (f->window);
  GtkWidget *item = NULL;

  gtk_menu_button_popup (button);
  iterate (f);
  find_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (button)), label, &item);
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  gtk_menu_button_popdown (button);
  iterate (f);
}

static void
assert_sort (Fixture    *f,
             const char *by,
             const char *order)
{
  g_autofree char *sort_by = NULL;
  g_autofree char *sort_order = NULL;

  g_object_get (f->window, "sort-by", &sort_by, "sort-order", &sort_order, NULL);
  g_assert_cmpstr (sort_by, ==, by);
  g_assert_cmpstr (sort_order, ==, order);
}

static void
assert_line_names (Fixture    *f,
                   const char *expected)
{
  g_autofree char *names = line_names (f);

  g_assert_cmpstr (names, ==, expected);
}

/* The sort menu orders the lines, the way chosen kept from one column to the next; an order
 * chosen on the table (a header's click) shows in it. Orders as in test_sort. */
static void
test_narrow_sort (Fixture       *f,
                  gconstpointer  data)
{
  GtkMenuButton *button = vastus_caseload_window_get_sort_button (f->window);

  assert_sort (f, "patient", "ascending");
  assert_line_names (f, "Ada Bo Cy Di");
  /* Weeks: Di 6.6, Ada 13, Cy 39.1, then Bo without a date. */
  choose_sort (f, "Weeks");
  assert_sort (f, "weeks", "ascending");
  assert_shown (f, "4 1 3 2");
  assert_line_names (f, "Di Ada Cy Bo");
  choose_sort (f, "Descending");
  assert_sort (f, "weeks", "descending");
  assert_shown (f, "2 3 1 4");
  assert_line_names (f, "Bo Cy Ada Di");
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "view-sort-descending-symbolic");
  /* Last visit, newest first: Bo 02-20, Ada 02-02, Cy 01-10, Di none yet. */
  choose_sort (f, "Last Visit");
  assert_sort (f, "last-visit", "descending");
  assert_line_names (f, "Bo Ada Cy Di");
  /* Safety flags, most first: Bo's pain, then the others, by name reversed as the whole
   * order is (test_sort's re-test). */
  choose_sort (f, "Safety Flags");
  assert_line_names (f, "Bo Di Cy Ada");
  choose_sort (f, "Ascending");
  assert_line_names (f, "Ada Cy Di Bo");
  /* The table's therapist column, as a click on its header sorts it: the menu follows. */
  sort_by (f, 1, GTK_SORT_DESCENDING);
  assert_sort (f, "therapist", "descending");
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "view-sort-descending-symbolic");
}

/* Enter on a line, and a click (single-click-activate), open its patient. */
static void
test_narrow_enter (Fixture       *f,
                   gconstpointer  data)
{
  GtkGridView *lines = vastus_caseload_window_get_lines (f->window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(VastusPatient) cy = clinic_test_find_patient (f->path, "CW-3");
  g_autoptr(VastusPatient) bo = clinic_test_find_patient (f->path, "CW-2");
  g_autoptr(GPtrArray) shown = NULL;

  /* Weeks, descending: Bo (no date) first, then Cy. */
  choose_sort (f, "Weeks");
  choose_sort (f, "Descending");
  shown = lines_shown (f);
  collect_rows (GTK_WIDGET (lines), rows);
  g_assert_cmpuint (rows->len, ==, 4);
  g_ptr_array_sort (rows, compare_tops);

  gtk_widget_grab_focus (rows->pdata[1]);
  g_signal_emit_by_name (rows->pdata[1], "activate-keybinding");
  iterate (f);
  g_assert_cmpuint (f->n_shown, ==, 1);
  g_assert_cmpint (f->shown, ==, cy->id);

  g_assert_true (gtk_grid_view_get_single_click_activate (lines));
  g_signal_emit_by_name (lines, "activate", 0);
  iterate (f);
  g_assert_cmpuint (f->n_shown, ==, 2);
  g_assert_cmpint (f->shown, ==, bo->id);
}

/* Until the window, resized to @width, shows the lines (@narrow) or the table. */
static void
resize_to (Fixture  *f,
           int       width,
           gboolean  narrow)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  /* The window's own width leaves out the frame around it (350 of 360). */
  while (vastus_caseload_window_get_narrow (f->window) != narrow
         || gtk_widget_get_width (GTK_WIDGET (f->window)) > width
         || gtk_widget_get_width (GTK_WIDGET (f->window)) < width - 20)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  iterate (f);
}

/* Narrowed, the window takes the lines and the sort menu; widened again, the table, the order
 * chosen in between kept. */
static void
test_resize (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *sort_button = GTK_WIDGET (vastus_caseload_window_get_sort_button (f->window));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (vastus_caseload_window_get_narrow (f->window));
  resize_to (f, SCREEN_WIDTH, TRUE);
  g_assert_true (gtk_widget_get_mapped (sort_button));
  assert_read_out (f, TRUE);
  assert_line_names (f, "Ada Bo Cy Di");
  choose_sort (f, "Weeks");
  assert_line_names (f, "Di Ada Cy Bo");
  resize_to (f, 1260, FALSE);
  g_assert_false (gtk_widget_get_visible (sort_button));
  assert_read_out (f, FALSE);
  assert_shown (f, "4 1 3 2");
}

/* A clinic of 300 short names and, sorted last (far below the rows the table makes up front), one
 * very long one. */
static void
write_long_names (VastusDatabase *db,
                  gpointer        user_data)
{
  for (guint i = 1; i <= 300; i++)
    {
      g_autoptr(VastusPatient) p = vastus_patient_new ();
      g_autoptr(VastusEpisode) e = vastus_episode_new ();
      g_autoptr(GError) error = NULL;

      p->mrn = g_strdup_printf ("LN-%03u", i);
      p->family_name = g_strdup (i < 300 ? "Li" : "Konstantinopoulou-Wittelsbach-Oberhollenzer");
      p->given_name = g_strdup (i < 300 ? "Al" : "Maximiliane Alexandrina Theodora");
      g_assert_true (vastus_database_insert_patient (db, p, &error));
      g_assert_no_error (error);
      e->patient_id = p->id;
      e->condition = VASTUS_CONDITION_ACLR;
      e->involved_side = VASTUS_SIDE_LEFT;
      g_assert_true (vastus_database_insert_episode (db, e, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_setup_long_names (Fixture       *f,
                          gconstpointer  data)
{
  setup_with (f, write_long_names, data);
}

/* Whether the table or the lines show depends on the window's width alone: at a width where
 * the table fits, scrolling down to a long name keeps the table (the name wraps rather than
 * widening its column, and the scroll position stays where it was taken). */
static void
test_switch_stays (Fixture       *f,
                   gconstpointer  data)
{
  GtkColumnView *view = vastus_caseload_window_get_view (f->window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  int natural = 0;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (vastus_caseload_window_get_narrow (f->window));
  /* A little wider than the table wants with the first screen's names. */
  gtk_widget_measure (scroller, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  resize_to (f, natural + 40, FALSE);
  for (int i = 0; i < 10; i++)
    {
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      iterate (f);
    }
  g_assert_false (vastus_caseload_window_get_narrow (f->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", "2026-03-02", TRUE);
  /* GTK's in-process accessibility backend, so that the lines' labels can be read back (the
   * suite's environment turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/caseload-window/filters", Fixture, NULL, fixture_setup, test_filters,
              fixture_teardown);
  g_test_add ("/caseload-window/follows-rules", Fixture, NULL, fixture_setup, test_follows_rules,
              fixture_teardown);
  g_test_add ("/caseload-window/sort", Fixture, NULL, fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/caseload-window/enter-opens-patient", Fixture, NULL, fixture_setup,
              test_enter_opens_patient, fixture_teardown);
  g_test_add ("/caseload-window/follows-changes", Fixture, NULL, fixture_setup,
              test_follows_changes, fixture_teardown);
  g_test_add ("/caseload-window/wide-table", Fixture, WIDE, fixture_setup, test_wide_table,
              fixture_teardown);
  g_test_add ("/caseload-window/resize", Fixture, WIDE, fixture_setup, test_resize,
              fixture_teardown);
  g_test_add ("/caseload-window/switch-stays", Fixture, WIDE, fixture_setup_long_names,
              test_switch_stays, fixture_teardown);
  g_test_add ("/caseload-window/narrow/fits", Fixture, NARROW, fixture_setup, test_narrow_fits,
              fixture_teardown);
  g_test_add ("/caseload-window/narrow/facts", Fixture, NARROW, fixture_setup, test_narrow_facts,
              fixture_teardown);
  g_test_add ("/caseload-window/narrow/sort", Fixture, NARROW, fixture_setup, test_narrow_sort,
              fixture_teardown);
  g_test_add ("/caseload-window/narrow/enter-opens-patient", Fixture, NARROW, fixture_setup,
              test_narrow_enter, fixture_teardown);
  return g_test_run ();
}
