/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload window on a small clinic (as of 2026-03-02, VASTUS_TODAY): the filters (all or
 * my patients, a condition, a therapist), sorting by a column, and Enter or a click opening a
 * patient. SQL on the main thread aborts (VASTUS_MAIN_THREAD_SQL=abort): the window reads through
 * the clinic.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "ui-safety-util.h"
#include "vastus-caseload-item.h"
#include "vastus-caseload-window.h"
#include "vastus-value.h"

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
 * 2025-06-01, 274 days, 39.1; Di 2026-01-15, 46 days, 6.6; Bo has no date. */
static const struct
{
  const char      *mrn, *given;
  VastusCondition  condition;
  const char      *surgery, *therapist, *visit;
} patients[] = {
  { "CW-1", "Ada", VASTUS_CONDITION_ACLR, "2025-12-01", "R. Osei", "2026-02-02" },
  { "CW-2", "Bo", VASTUS_CONDITION_PFP, NULL, "M. Lind", "2026-02-20" },
  { "CW-3", "Cy", VASTUS_CONDITION_ACLR, "2025-06-01", "M. Lind", "2026-01-10" },
  { "CW-4", "Di", VASTUS_CONDITION_TKA, "2026-01-15", NULL, NULL },
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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-caseload-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  clinic_test_in_thread (f->path, write_fixture, NULL);
  f->clinic = clinic_test_open (f->path);
  f->window = VASTUS_CASELOAD_WINDOW (vastus_caseload_window_new (NULL, f->clinic));
  g_object_ref_sink (f->window);
  g_signal_connect (f->window, "show-patient", G_CALLBACK (show_patient_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!vastus_caseload_window_get_loaded (f->window))
    g_main_context_iteration (NULL, TRUE);
  iterate (f);
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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", "2026-03-02", TRUE);
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
  return g_test_run ();
}
