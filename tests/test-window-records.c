/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Correcting the record in the application's window: an episode of care edited and deleted
 * with Undo, a patient edited, every view following the clinic's one change; Ctrl+Z for the last
 * deletion or archiving; editors that ask before discarding what was typed and put the keyboard
 * on the first error, then on the first warning; the overview of one visit and of two; unique
 * mnemonics; and the shortcuts window against the shortcuts there are.
 */
#include "config.h"

#include <string.h>

#include "vastus-chart-view.h"
#include "vastus-database.h"
#include "vastus-episode-editor.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-list.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-value.h"
#include "vastus-visit-summary.h"
#include "vastus-visit-window.h"
#include "mnemonic-test-util.h"
#include "window-test-util.h"

/* The fixture: Nora Keller (WR-1), an ACL reconstruction of the left knee 70 days ago, one
 * visit 14 days ago: quadriceps by hand-held dynamometer 250 and 300 N, thigh girth 10 cm above
 * the patella 44.5 and 46 cm, IKDC 60. */
typedef struct
{
  gint64 patient_id;
  gint64 episode_id;
  gint64 visit_id;
} Records;

static void
days_ago (GDate *date,
          guint  days)
{
  vastus_date_today (date);
  g_date_subtract_days (date, days);
}

static VastusVisit *
new_visit (gint64  episode_id,
           guint   days_before,
           double  ikdc)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->episode_id = episode_id;
  days_ago (&visit->date, days_before);
  visit->clinician = g_strdup ("I. Dahl, PT");
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                               1, 250, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT,
                                                               1, 300, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("thigh_girth_10", VASTUS_SIDE_LEFT,
                                                               1, 44.5, "cm"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("thigh_girth_10", VASTUS_SIDE_RIGHT,
                                                               1, 46, "cm"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("ikdc", VASTUS_SIDE_NONE, 1, ikdc,
                                                               "points"));
  return visit;
}

/* Written before the window's clinic exists. */
static Records
insert_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = NULL;
  Records records;

  g_assert_no_error (error);
  patient->mrn = g_strdup ("WR-1");
  patient->family_name = g_strdup ("Keller");
  patient->given_name = g_strdup ("Nora");
  patient->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_date_parse ("1990-04-12", &patient->birth_date, NULL));
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  days_ago (&episode->surgery_date, 70);
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  visit = new_visit (episode->id, 14, 60);
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  records.patient_id = patient->id;
  records.episode_id = episode->id;
  records.visit_id = visit->id;
  return records;
}

/* The fixture's records, an application on them and its window at 1280 × 800 showing the
 * patient. */
typedef struct
{
  Records            records;
  VastusApplication *app;
  VastusWindow      *window;
  VastusPatientPage *page;
} Scene;

static Scene
scene_open (Fixture *fixture)
{
  Scene scene;

  scene.records = insert_records (fixture->db_path);
  scene.window = open_patient_window (fixture->db_path, scene.records.patient_id, &scene.app);
  scene.page = child (scene.window, "patient_page");
  return scene;
}

static void
scene_close (Scene *scene)
{
  close_patient_window (scene->window, &scene->app);
}

static const char *
part_text (VastusWindow *window,
           const char   *part)
{
  return gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (child (window,
                                                                             "patient_page"),
                                                                      part)));
}

static void
activate (VastusWindow *window,
          const char   *action)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  iterate_until_idle ();
}

static void
set_text (gpointer    editor,
          GType       type,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (template_child (editor, type, row), text);
}

/* Ctrl+S, as its binding activates it. */
static void
save (gpointer editor)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "form.save", NULL));
  iterate_until_idle ();
}

static AdwMessageDialog *
question (void)
{
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer (const char *heading,
        const char *response)
{
  AdwMessageDialog *dialog = question ();

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_until_idle ();
}

static gpointer
count_visits_query (VastusDatabase *db,
                    gpointer        episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, *(gint64 *) episode_id, &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (visits->len);
}

static guint
stored_visits (const char *path,
               gint64      episode_id)
{
  return GPOINTER_TO_UINT (clinic_test_query (path, count_visits_query, &episode_id));
}

/* A row of @list whose title is @title, or NULL. */
static GtkWidget *
row_titled (GtkWidget  *list,
            const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;
  return NULL;
}

/* Correcting the record: the episode opens from the header, is edited (side, surgery date,
 * restrictions, "no maximal testing before"), and the header, the Patient view's row and the
 * overview's status follow at once; a second episode, entered by mistake, is deleted from its
 * editor and comes back with the toast's Undo and with Ctrl+Z; the one with a visit cannot be
 * deleted. */
static void
test_episode_corrected (Fixture       *fixture,
                        gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GType type = VASTUS_TYPE_EPISODE_EDITOR;
  GtkWidget *episode_list = template_child (child (scene.window, "patient_pane"),
                                            VASTUS_TYPE_PATIENT_PANE, "episode_list");
  g_autoptr(GPtrArray) episodes = NULL;
  GtkWindow *editor;
  GDate surgery, no_max;
  char date[VASTUS_DATE_BUF_SIZE], expected[VASTUS_DATE_BUF_SIZE];
  gint64 mistake_id;

  g_assert_cmpstr (part_text (scene.window, "episode"), ==,
                   "ACL reconstruction · Left knee · 10 weeks since surgery");
  ui_screenshot (GTK_WIDGET (scene.window), "records-page-1280");

  /* The header's Edit opens the episode shown; it has a visit, so it cannot be deleted. */
  g_signal_emit_by_name (find_named (GTK_WIDGET (scene.page), "edit-episode"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (type);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Edit Episode");
  g_assert_false (gtk_widget_get_sensitive (template_child (editor, type, "delete_button")));
  g_assert_cmpstr (adw_preferences_group_get_description (template_child (editor, type,
                                                                          "delete_group")), ==,
                   "It has 1 visit. An episode with visits cannot be deleted: delete its visit "
                   "first.");
  gtk_window_set_default_size (editor, 520, 1000);
  ui_screenshot (GTK_WIDGET (editor), "records-episode-editor-with-visit");
  /* Right knee, surgery 9 weeks (63 days) ago, restrictions, no maximal testing for 20 days. */
  adw_combo_row_set_selected (template_child (editor, type, "side_row"), 2);
  days_ago (&surgery, 63);
  set_text (editor, type, "surgery_date_row", vastus_date_format (&surgery, date));
  set_text (editor, type, "restrictions_row", "No running before week 12");
  vastus_date_today (&no_max);
  g_date_add_days (&no_max, 20);
  set_text (editor, type, "no_max_test_row", vastus_date_format (&no_max, date));
  save (editor);
  g_assert_null (find_toplevel (type));

  /* Every view, from the one change: the header, the Patient view's row, the status. */
  g_assert_cmpstr (part_text (scene.window, "episode"), ==,
                   "ACL reconstruction · Right knee · 9 weeks since surgery");
  g_assert_nonnull (row_titled (episode_list, "ACL reconstruction, Right"));
  g_assert_nonnull (row_titled (vastus_patient_page_get_part (scene.page, "status-list"),
                                "No running before week 12"));
  episodes = clinic_test_list_episodes (fixture->db_path, scene.records.patient_id);
  g_assert_cmpuint (episodes->len, ==, 1);
  g_assert_cmpint (((VastusEpisode *) episodes->pdata[0])->involved_side, ==, VASTUS_SIDE_RIGHT);
  g_assert_cmpstr (vastus_date_format (&((VastusEpisode *) episodes->pdata[0])->no_max_test_before,
                                       date), ==, vastus_date_format (&no_max, expected));
  g_clear_pointer (&episodes, g_ptr_array_unref);

  /* A second episode by mistake (Ctrl+Shift+E): shown once stored. */
  activate (scene.window, "add-episode");
  editor = find_toplevel (type);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "New Episode");
  g_assert_false (gtk_widget_get_visible (template_child (editor, type, "delete_group")));
  adw_combo_row_set_selected (template_child (editor, type, "condition_row"), 2);   /* PFP */
  adw_combo_row_set_selected (template_child (editor, type, "side_row"), 1);
  save (editor);
  g_assert_null (find_toplevel (type));
  mistake_id = vastus_patient_page_get_episode_id (scene.page);
  g_assert_cmpint (mistake_id, !=, scene.records.episode_id);
  g_assert_true (gtk_widget_get_visible (vastus_patient_page_get_part (scene.page, "episode-chooser")));

  /* Deleted from its editor: gone from every view and from storage, with Undo. */
  g_signal_emit_by_name (find_named (GTK_WIDGET (scene.page), "edit-episode"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (type);
  g_assert_true (gtk_widget_get_sensitive (template_child (editor, type, "delete_button")));
  gtk_window_set_default_size (editor, 520, 1000);
  ui_screenshot (GTK_WIDGET (editor), "records-episode-editor-deletable");
  g_signal_emit_by_name (template_child (editor, type, "delete_button"), "clicked");
  iterate_until_idle ();
  g_assert_null (find_toplevel (type));
  g_assert_null (question ());
  g_assert_cmpint (vastus_patient_page_get_episode_id (scene.page), ==, scene.records.episode_id);
  g_assert_false (gtk_widget_get_visible (vastus_patient_page_get_part (scene.page, "episode-chooser")));
  g_assert_null (row_titled (episode_list, "Patellofemoral pain, Left"));
  episodes = clinic_test_list_episodes (fixture->db_path, scene.records.patient_id);
  g_assert_cmpuint (episodes->len, ==, 1);
  g_clear_pointer (&episodes, g_ptr_array_unref);
  g_assert_nonnull (vastus_patient_page_get_undo_toast (scene.page));
  g_assert_cmpstr (adw_toast_get_title (vastus_patient_page_get_undo_toast (scene.page)), ==,
                   "Patellofemoral pain · Left knee deleted");
  ui_screenshot (GTK_WIDGET (scene.window), "records-episode-deleted-1280");

  /* The toast's Undo brings it back. */
  g_signal_emit_by_name (vastus_patient_page_get_undo_toast (scene.page), "button-clicked");
  iterate_until_idle ();
  episodes = clinic_test_list_episodes (fixture->db_path, scene.records.patient_id);
  g_assert_cmpuint (episodes->len, ==, 2);
  g_clear_pointer (&episodes, g_ptr_array_unref);
  g_assert_nonnull (row_titled (episode_list, "Patellofemoral pain, Left"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (scene.window), "undo"));

  /* Deleted again, its toast gone: Ctrl+Z brings it back all the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scene.page), "page.edit-episode", "x",
                                             mistake_id));
  iterate_until_idle ();
  g_signal_emit_by_name (template_child (find_toplevel (type), type, "delete_button"), "clicked");
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (
                      vastus_patient_page_get_record (scene.page))), ==, 1);
  adw_toast_dismiss (vastus_patient_page_get_undo_toast (scene.page));
  iterate_until_idle ();
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (scene.window), "undo"));
  activate (scene.window, "undo");
  g_assert_cmpuint (g_list_model_get_n_items (vastus_patient_record_get_episodes (
                      vastus_patient_page_get_record (scene.page))), ==, 2);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (scene.window), "undo"));
  scene_close (&scene);
}

/* Ctrl+Z undoes the newest first: a visit deleted, then the patient archived; the first Ctrl+Z
 * restores the patient, the second the visit. */
static void
test_undo_order (Fixture       *fixture,
                 gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  g_autoptr(VastusPatient) patient = NULL;

  vastus_patient_page_delete_visit (scene.page, scene.records.visit_id);
  iterate_until_idle ();
  g_assert_cmpuint (stored_visits (fixture->db_path, scene.records.episode_id), ==, 0);
  g_assert_cmpstr (part_text (scene.window, "visits-count"), ==, "No visits yet");
  g_signal_emit_by_name (template_child (child (scene.window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE,
                                         "archive_button"), "clicked");
  iterate_until_idle ();
  patient = clinic_test_find_patient (fixture->db_path, "WR-1");
  g_assert_true (patient->archived);
  g_clear_pointer (&patient, vastus_patient_free);

  activate (scene.window, "undo");
  patient = clinic_test_find_patient (fixture->db_path, "WR-1");
  g_assert_false (patient->archived);
  g_assert_cmpuint (stored_visits (fixture->db_path, scene.records.episode_id), ==, 0);
  activate (scene.window, "undo");
  g_assert_cmpuint (stored_visits (fixture->db_path, scene.records.episode_id), ==, 1);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (scene.window), "undo"));
  /* Nothing more to undo: Ctrl+Z does nothing. */
  activate (scene.window, "undo");
  g_assert_cmpuint (stored_visits (fixture->db_path, scene.records.episode_id), ==, 1);
  scene_close (&scene);
}

/* Ctrl+F from anywhere: the keyboard in the search, what was searched before selected, so that
 * typing searches anew. */
static void
test_search_again (Fixture       *fixture,
                   gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GtkEditable *search = template_child (child (scene.window, "patient_list"),
                                        VASTUS_TYPE_PATIENT_LIST, "search_entry");
  int start = -1, end = -1;

  gtk_editable_set_text (search, "Keller");
  gtk_widget_grab_focus (find_named (GTK_WIDGET (scene.page), "add-visit"));
  activate (scene.window, "search");
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (scene.window)))
                 && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (scene.window)),
                                            GTK_WIDGET (search)));
  g_assert_true (gtk_editable_get_selection_bounds (search, &start, &end));
  /* "Keller": six characters, all of them. */
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 6);
  scene_close (&scene);
}

/* The patient and episode editors ask before discarding what was typed (Cancel keeps the editor
 * and says "stayed"; Discard stores nothing; Save stores), close at once when nothing was typed,
 * and their Save puts the keyboard on the first error in the form, then on the first warning. */
static void
stayed_cb (GtkWindow *editor,
           guint     *count)
{
  (*count)++;
}

/* The keyboard is on @widget or inside it. */
static gboolean
has_keyboard (GtkWindow *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus == widget || gtk_widget_is_ancestor (focus, widget);
}

static void
test_editors_ask (Fixture       *fixture,
                  gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  GType etype = VASTUS_TYPE_EPISODE_EDITOR;
  g_autoptr(VastusPatient) stored = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  GtkWindow *editor;
  guint stayed = 0;

  /* A new patient: something typed, then closed. */
  activate (scene.window, "add-patient");
  editor = find_toplevel (type);
  g_signal_connect (editor, "stayed", G_CALLBACK (stayed_cb), &stayed);
  set_text (editor, type, "mrn_row", "WR-2");
  gtk_window_close (editor);
  iterate_until_idle ();
  ui_screenshot (GTK_WIDGET (question ()), "records-ask");
  answer ("Save the patient?", "cancel");
  g_assert_true (find_toplevel (type) == editor);
  g_assert_cmpuint (stayed, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, type, "mrn_row")), ==, "WR-2");
  /* Save from the question with a family name missing: the editor stays, the problem shown, the
   * keyboard on it. */
  gtk_window_close (editor);
  iterate_until_idle ();
  answer ("Save the patient?", "save");
  g_assert_true (find_toplevel (type) == editor);
  g_assert_cmpuint (stayed, ==, 2);
  g_assert_true (gtk_widget_has_css_class (template_child (editor, type, "family_name_row"),
                                           "error"));
  gtk_window_close (editor);
  iterate_until_idle ();
  answer ("Save the patient?", "discard");
  g_assert_null (find_toplevel (type));
  g_assert_null (clinic_test_find_patient (fixture->db_path, "WR-2"));

  /* Nothing typed: it closes without asking. */
  activate (scene.window, "add-patient");
  editor = find_toplevel (type);
  gtk_window_close (editor);
  iterate_until_idle ();
  g_assert_null (question ());
  g_assert_null (find_toplevel (type));

  /* Ctrl+S: the first error, then the first warning (born in 1920: 100 years or more is
   * unusual), then Save Anyway stores. */
  activate (scene.window, "add-patient");
  editor = find_toplevel (type);
  set_text (editor, type, "mrn_row", "WR-3");
  set_text (editor, type, "birth_date_row", "1920-01-15");
  save (editor);
  g_assert_true (gtk_widget_has_css_class (template_child (editor, type, "family_name_row"),
                                           "error"));
  g_assert_true (gtk_widget_has_css_class (template_child (editor, type, "birth_date_row"),
                                           "warning"));
  g_assert_true (has_keyboard (editor, template_child (editor, type, "family_name_row")));
  set_text (editor, type, "family_name_row", "Old");
  save (editor);
  g_assert_true (has_keyboard (editor, template_child (editor, type, "birth_date_row")));
  g_assert_cmpstr (gtk_button_get_label (template_child (editor, type, "save_button")), ==,
                   "Save _Anyway");
  g_assert_null (clinic_test_find_patient (fixture->db_path, "WR-3"));
  save (editor);
  g_assert_null (find_toplevel (type));
  stored = clinic_test_find_patient (fixture->db_path, "WR-3");
  g_assert_nonnull (stored);
  g_clear_pointer (&stored, vastus_patient_free);

  /* Editing a patient: the header, the list and the pane follow the one change. */
  g_signal_emit_by_name (child (scene.window, "patient_list"), "patient-activated", scene.records.patient_id);
  iterate_until_idle ();
  g_signal_emit_by_name (template_child (child (scene.window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE,
                                         "edit_button"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (type);
  gtk_window_close (editor);
  iterate_until_idle ();
  g_assert_null (question ());
  g_assert_null (find_toplevel (type));
  g_signal_emit_by_name (template_child (child (scene.window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE,
                                         "edit_button"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (type);
  set_text (editor, type, "family_name_row", "Keller-Brandt");
  gtk_window_close (editor);
  iterate_until_idle ();
  answer ("Save the patient?", "save");
  g_assert_null (find_toplevel (type));
  g_assert_cmpstr (part_text (scene.window, "name"), ==, "Nora Keller-Brandt");
  g_assert_cmpstr (adw_preferences_group_get_title (template_child (child (scene.window, "patient_pane"),
                                                                    VASTUS_TYPE_PATIENT_PANE,
                                                                    "patient_group")),
                   ==, "Nora Keller-Brandt");
  stored = clinic_test_find_patient (fixture->db_path, "WR-1");
  g_assert_cmpstr (stored->family_name, ==, "Keller-Brandt");

  /* The episode editor: the first error in the form's order (the side, before the surgery
   * date), then what was typed is asked about. */
  activate (scene.window, "add-episode");
  editor = find_toplevel (etype);
  adw_combo_row_set_selected (template_child (editor, etype, "side_row"), 0);
  set_text (editor, etype, "surgery_date_row", "soon");
  save (editor);
  g_assert_true (gtk_widget_has_css_class (template_child (editor, etype, "surgery_date_row"),
                                           "error"));
  g_assert_true (has_keyboard (editor, template_child (editor, etype, "side_row")));
  gtk_window_close (editor);
  iterate_until_idle ();
  answer ("Save the episode of care?", "discard");
  g_assert_null (find_toplevel (etype));
  episodes = clinic_test_list_episodes (fixture->db_path, scene.records.patient_id);
  g_assert_cmpuint (episodes->len, ==, 1);
  g_assert_cmpint (vastus_patient_page_get_episode_id (scene.page), ==, scene.records.episode_id);
  scene_close (&scene);
}

/* The overview of one visit: thigh girth 10 cm is listed, and "Since first" is not there (no
 * score has one before it); after a second visit it is, with the IKDC's change. */
static gboolean
grid_has (GtkWidget  *grid,
          const char *text)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (grid); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    if (GTK_IS_LABEL (cell) && g_str_equal (gtk_label_get_text (GTK_LABEL (cell)), text))
      return TRUE;
  return FALSE;
}

/* The cells of the grid's row headed @name, after it. */
static char *
grid_row (GtkWidget  *grid,
          const char *name)
{
  for (int row = 0; gtk_grid_get_child_at (GTK_GRID (grid), 0, row) != NULL; row++)
    {
      GtkWidget *head = gtk_grid_get_child_at (GTK_GRID (grid), 0, row);
      g_autoptr(GString) cells = g_string_new (NULL);

      if (!g_str_equal (gtk_label_get_text (GTK_LABEL (head)), name))
        continue;
      for (int column = 1; gtk_grid_get_child_at (GTK_GRID (grid), column, row) != NULL; column++)
        g_string_append_printf (cells, "%s%s", column > 1 ? " | " : "",
                                gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (
                                  GTK_GRID (grid), column, row))));
      return g_string_free (g_steal_pointer (&cells), FALSE);
    }
  return NULL;
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GtkWidget *grid = vastus_patient_page_get_part (scene.page, "measures-grid");
  g_autoptr(VastusVisit) second = new_visit (scene.records.episode_id, 0, 75);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  g_autofree char *girth = grid_row (grid, "Thigh girth 10 cm");
  g_autofree char *ikdc = NULL;

  /* 44.5 / 46 = 96.7 %. */
  g_assert_cmpstr (girth, ==, "44.5 cm | 46.0 cm | 96.7 %");
  g_assert_false (grid_has (grid, "Since first (▲▼ MIC)"));
  ikdc = grid_row (grid, "IKDC");
  g_assert_cmpstr (ikdc, ==, "60");
  g_clear_pointer (&ikdc, g_free);

  vastus_clinic_save_visit_async (test_clinic, scene.records.patient_id, second, NULL, NULL, NULL,
                                  clinic_test_result_cb, &result);
  result = clinic_test_take_result (test_clinic, &result);
  stored = vastus_clinic_save_visit_finish (test_clinic, result, NULL);
  g_assert_nonnull (stored);
  iterate_until_idle ();
  g_assert_true (grid_has (grid, "Since first (▲▼ MIC)"));
  /* 75 − 60 = +15.0; the IKDC has no minimal important change (the clinic sets none here), so
   * no ▲ or ▼. */
  ikdc = grid_row (grid, "IKDC");
  g_assert_cmpstr (ikdc, ==, "75 | +15.0");
  scene_close (&scene);
}

/* Mnemonics: every one shown at once in the window is unique (Alt+A is Add Visit), in each view,
 * with the list's empty search, for a patient without an episode, wide and narrow. */
static void
assert_unique_mnemonics (VastusWindow *window,
                         const char   *state)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_until_idle ();
  collect_mnemonics (GTK_WIDGET (window), seen, clashes);
  g_test_message ("%s: %u mnemonics", state, g_hash_table_size (seen));
  if (clashes->len > 0)
    g_error ("%s: mnemonics shared by %s", state, clashes->str);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = first_label (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *views[] = { "overview", "visits", "criteria", "charts", "patient" };
  Scene scene = scene_open (fixture);
  AdwViewStack *stack = ADW_VIEW_STACK (vastus_patient_page_get_part (scene.page, "view-stack"));
  GtkWidget *add_visit = find_named (GTK_WIDGET (scene.page), "add-visit");
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);
  GtkWidget *label;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      adw_view_stack_set_visible_child_name (stack, views[i]);
      assert_unique_mnemonics (scene.window, views[i]);
    }
  /* Alt+A is Add Visit's. */
  adw_view_stack_set_visible_child_name (stack, "overview");
  collect_mnemonics (GTK_WIDGET (scene.window), seen, clashes);
  label = first_label (add_visit);
  g_assert_nonnull (label);
  g_assert_true (g_hash_table_lookup (seen, GUINT_TO_POINTER (GDK_KEY_a)) == (gpointer) label);

  /* A search that finds nobody: the list's Add Patient beside the page. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (child (scene.window, "patient_list"),
                                                       VASTUS_TYPE_PATIENT_LIST, "search_entry")),
                         "nobody-by-this-name");
  iterate_until_idle ();
  assert_unique_mnemonics (scene.window, "empty search");
  gtk_editable_set_text (GTK_EDITABLE (template_child (child (scene.window, "patient_list"),
                                                       VASTUS_TYPE_PATIENT_LIST, "search_entry")),
                         "");
  iterate_until_idle ();

  /* A new patient, without an episode: Add Episode of Care in the place of Add Visit. */
  activate (scene.window, "add-patient");
  {
    GtkWindow *editor = find_toplevel (VASTUS_TYPE_PATIENT_EDITOR);

    set_text (editor, VASTUS_TYPE_PATIENT_EDITOR, "mrn_row", "WR-9");
    set_text (editor, VASTUS_TYPE_PATIENT_EDITOR, "family_name_row", "Berg");
    set_text (editor, VASTUS_TYPE_PATIENT_EDITOR, "birth_date_row", "1985-02-02");
    save (editor);
  }
  g_assert_cmpstr (part_text (scene.window, "episode"), ==, "No episode of care recorded");
  g_assert_true (gtk_widget_get_mapped (find_named (GTK_WIDGET (scene.page), "add-episode")));
  assert_unique_mnemonics (scene.window, "no episode");

  /* Narrow: the pane alone. */
  gtk_window_set_default_size (GTK_WINDOW (scene.window), 360, 720);
  while (!adw_leaflet_get_folded (child (scene.window, "leaflet")))
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (child (scene.window, "patient_list"), "patient-activated",
                         scene.records.patient_id);
  iterate_until_idle ();
  assert_unique_mnemonics (scene.window, "narrow");
  /* For people to look at: narrow, light and dark, the page and the episode editor. */
  ui_screenshot (GTK_WIDGET (scene.window), "records-page-360-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  iterate_until_idle ();
  ui_screenshot (GTK_WIDGET (scene.window), "records-page-360-dark");
  activate (scene.window, "add-episode");
  gtk_window_set_default_size (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR), 360, 720);
  ui_screenshot (GTK_WIDGET (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR)),
                 "records-episode-editor-360-dark");
  gtk_window_destroy (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  scene_close (&scene);
}

/* The shortcuts window lists every shortcut there is, and nothing else: the application's
 * accelerators and the key bindings of Vastus's own widgets in the window and every editor
 * (patient, episode, visit) and the read-only visit. */
typedef struct
{
  guint           key;
  GdkModifierType mods;
} Key;

static guint
key_hash (gconstpointer k)
{
  return ((const Key *) k)->key * 31 + ((const Key *) k)->mods;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return ((const Key *) a)->key == ((const Key *) b)->key
         && ((const Key *) a)->mods == ((const Key *) b)->mods;
}

/* Keys as the shortcuts window shows them: the keypad's as the main keys (KP_Up is Up, KP_Enter
 * Return), letters lower case. */
static void
add_key (GHashTable     *keys,
         guint           key,
         GdkModifierType mods,
         const char     *where)
{
  Key *k = g_new (Key, 1);
  const char *name = gdk_keyval_name (key);

  if (key == GDK_KEY_KP_Enter)
    key = GDK_KEY_Return;
  else if (key == GDK_KEY_KP_Space)
    key = GDK_KEY_space;
  else if (name != NULL && g_str_has_prefix (name, "KP_")
           && gdk_keyval_from_name (name + 3) != GDK_KEY_VoidSymbol)
    key = gdk_keyval_from_name (name + 3);
  k->key = gdk_keyval_to_lower (key);
  k->mods = mods & gtk_accelerator_get_default_mod_mask ();
  g_hash_table_replace (keys, k, g_strdup (where));
}

static void
add_accelerators (GHashTable *keys,
                  const char *accelerators,
                  const char *where)
{
  g_auto(GStrv) each = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      if (each[i][0] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (each[i], &key, &mods));
      add_key (keys, key, mods, where);
    }
}

static void
add_trigger (GHashTable         *keys,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    add_key (keys, gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
             gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)), where);
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (keys, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                   where);
      add_trigger (keys, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                   where);
    }
}

/* The key bindings of every Vastus widget under @widget that name an action (what a Vastus
 * class binds: the ones GTK's own classes give them move the focus or open the inspector by
 * signals). */
static void
collect_bindings (GtkWidget  *widget,
                  GHashTable *keys)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Vastus"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

              if (GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (shortcut)))
                add_trigger (keys, gtk_shortcut_get_trigger (shortcut),
                             G_OBJECT_TYPE_NAME (widget));
            }
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_bindings (c, keys);
}

static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  g_autoptr(GHashTable) there = g_hash_table_new_full (key_hash, key_equal, g_free, g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (key_hash, key_equal, g_free, g_free);
  g_autoptr(GtkBuilder) builder = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(GSList) objects = NULL;
  GHashTableIter iter;
  gpointer key, where;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) stale = g_string_new (NULL);

  /* Every scene.window with shortcuts of its own, open. */
  activate (scene.window, "add-patient");
  activate (scene.window, "add-episode");
  activate (scene.window, "add-visit");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (vastus_patient_page_get_part (scene.page,
                                                                                       "view-stack")),
                                         "charts");
  iterate_until_idle ();
  g_signal_emit_by_name (vastus_patient_page_get_part (scene.page, "chart-view"), "visit-activated",
                         scene.records.visit_id, 0u);
  iterate_until_idle ();
  g_assert_nonnull (find_toplevel (VASTUS_TYPE_PATIENT_EDITOR));
  g_assert_nonnull (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR));
  g_assert_nonnull (find_toplevel (VASTUS_TYPE_VISIT_WINDOW));
  g_assert_nonnull (find_toplevel (VASTUS_TYPE_VISIT_SUMMARY));

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (scene.app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (scene.app),
                                                                    actions[i]);

      for (guint k = 0; accels[k] != NULL; k++)
        add_accelerators (there, accels[k], actions[i]);
    }
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      collect_bindings (l->data, there);
    g_list_free (toplevels);
  }

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *o = objects; o != NULL; o = o->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (o->data))
        continue;
      g_object_get (o->data, "accelerator", &accelerator, "action-name", &action,
                    "title", &title, NULL);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (scene.app),
                                                                        action);

          /* An action without an accelerator shows nothing: a mistake too. */
          if (accels[0] == NULL)
            g_string_append_printf (stale, "“%s” (%s has no accelerator); ", title, action);
          for (guint k = 0; accels[k] != NULL; k++)
            add_accelerators (listed, accels[k], title);
        }
      if (accelerator != NULL)
        add_accelerators (listed, accelerator, title);
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_hash_table_iter_init (&iter, there);
  while (g_hash_table_iter_next (&iter, &key, &where))
    if (!g_hash_table_contains (listed, key))
      {
        g_autofree char *name = gtk_accelerator_name (((Key *) key)->key, ((Key *) key)->mods);

        g_string_append_printf (missing, "%s (%s); ", name, (const char *) where);
      }
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, &where))
    if (!g_hash_table_contains (there, key))
      {
        g_autofree char *name = gtk_accelerator_name (((Key *) key)->key, ((Key *) key)->mods);

        g_string_append_printf (stale, "%s (“%s”); ", name, (const char *) where);
      }
  if (missing->len > 0)
    g_error ("shortcuts the shortcuts scene.window does not list: %s", missing->str);
  if (stale->len > 0)
    g_error ("the shortcuts scene.window lists what is not a shortcut: %s", stale->str);
  g_test_message ("%u shortcuts, all listed", g_hash_table_size (there));

  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (l->data != (gpointer) scene.window)
        gtk_window_destroy (l->data);
    g_list_free (toplevels);
  }
  iterate_until_idle ();
  scene_close (&scene);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/window-records/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("episode-corrected", test_episode_corrected);
  ADD ("undo-order", test_undo_order);
  ADD ("search-again", test_search_again);
  ADD ("editors-ask", test_editors_ask);
  ADD ("overview", test_overview);
  ADD ("mnemonics", test_mnemonics);
  ADD ("shortcuts-window", test_shortcuts_window);
#undef ADD
  return g_test_run ();
}
