/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "vastus-database.h"
#include "vastus-measure-row.h"
#include "vastus-value.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"

typedef struct
{
  char           *dir;
  VastusDatabase *db;
  gint64          episode_id;
  GtkWindow      *parent;
} Fixture;

static void
iterate (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
set_date (GDate *date, const char *text)
{
  g_assert_true (vastus_date_parse (text, date, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();

  f->dir = g_dir_make_tmp ("vastus-visit-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "vastus.db", NULL);
  f->db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  patient->mrn = g_strdup ("VW-1");
  patient->name = g_strdup ("Window Patient");
  set_date (&patient->birth_date, "1990-01-01");
  g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  set_date (&episode->surgery_date, "2026-01-05");
  g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
  f->episode_id = episode->id;
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  iterate ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->parent);
  iterate ();
  g_assert_finalize_object (f->db);
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *path = g_build_filename (f->dir, "vastus.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
saved_cb (VastusVisitWindow *window, gint64 visit_id, gint64 *out)
{
  *out = visit_id;
}

static void
type_pair (VastusVisitEditor *editor, const char *code, const char *left, const char *right)
{
  VastusMeasureRow *row = vastus_visit_editor_get_measure_row (editor, code);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_LEFT, 1)), left);
  gtk_editable_set_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_RIGHT, 1)), right);
}

/* A new visit: typed values are saved, "saved" carries the stored visit's id and the window
 * closes itself. */
static void
test_new_visit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  VastusVisitWindow *window = vastus_visit_window_new (f->parent, f->db, f->episode_id, 0, &error);
  VastusVisitEditor *editor;
  gint64 saved = 0;

  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == f->parent);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Window Patient"));
  g_signal_connect (window, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window));
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (editor, "date")), "2026-03-02");
  type_pair (editor, "quadriceps_hhd", "300", "400");
  iterate ();
  g_assert_true (vastus_visit_editor_save (editor, &error));
  g_assert_no_error (error);
  iterate ();

  g_assert_cmpint (saved, >, 0);
  g_assert_null (window);        /* closed and gone */
  visits = vastus_database_list_visits (f->db, f->episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((VastusVisit *) g_ptr_array_index (visits, 0))->id, ==, saved);
  g_assert_cmpuint (((VastusVisit *) g_ptr_array_index (visits, 0))->measurements->len, ==, 2);
}

/* Closing with unsaved changes does not close: the editor asks first. Without changes it closes. */
static void
test_close_asks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  VastusVisitWindow *window = vastus_visit_window_new (f->parent, f->db, f->episode_id, 0, &error);
  VastusVisitEditor *editor;
  GList *toplevels;
  guint n_before;

  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window));
  type_pair (editor, "quadriceps_hhd", "300", "400");
  iterate ();
  g_assert_true (vastus_visit_editor_get_modified (editor));

  toplevels = gtk_window_list_toplevels ();
  n_before = g_list_length (toplevels);
  g_list_free (toplevels);
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_nonnull (window);     /* still open, with a question on top */
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, n_before + 1);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (l->data), "discard");
  g_list_free (toplevels);
  iterate ();
  g_assert_null (window);
  g_assert_cmpuint (vastus_database_count_patients (f->db, NULL, NULL), ==, 1);
}

/* A stored visit opens with its values; an unknown episode is an error, not a window. */
static void
test_edit_and_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  VastusVisitWindow *window;
  VastusMeasureRow *row;

  visit->episode_id = f->episode_id;
  set_date (&visit->date, "2026-02-02");
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 250, "N"));
  g_assert_true (vastus_database_insert_visit (f->db, visit, &error));

  window = vastus_visit_window_new (f->parent, f->db, f->episode_id, visit->id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  row = vastus_visit_editor_get_measure_row (VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window)),
                                             "quadriceps_hhd");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_LEFT, 1))),
                   ==, "250");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();

  g_assert_null (vastus_visit_window_new (f->parent, f->db, 9999, 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

/* The visit window takes the clinic's pain level from the preferences: pain 4 is a flag only
 * when the level is below 4. */
static void
test_pain_level (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  const int levels[] = { 5, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      VastusVisitWindow *window;
      VastusVisitEditor *editor;
      GtkWidget *input;
      const char *text;

      g_settings_set_int (settings, "pain-flag-level", levels[i]);
      window = vastus_visit_window_new (f->parent, f->db, f->episode_id, 0, &error);
      g_assert_no_error (error);
      gtk_window_present (GTK_WINDOW (window));
      iterate ();
      editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window));
      input = vastus_measure_row_get_input (vastus_visit_editor_get_measure_row (editor, "pain_nrs"),
                                            VASTUS_SIDE_NONE, 1);
      gtk_editable_set_text (GTK_EDITABLE (input), "4");
      g_signal_emit_by_name (input, "activate");   /* Enter: the editor checks what is typed */
      iterate ();
      text = vastus_visit_editor_get_safety_text (editor);
      if (levels[i] < 4)
        g_assert_true (text != NULL && strstr (text, "ain") != NULL);
      else
        g_assert_true (text == NULL || *text == '\0');
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
  g_settings_reset (settings, "pain-flag-level");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("VASTUS_TODAY", "2026-06-01", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/visit-window/new-visit", Fixture, NULL, fixture_set_up, test_new_visit, fixture_tear_down);
  g_test_add ("/visit-window/close-asks", Fixture, NULL, fixture_set_up, test_close_asks, fixture_tear_down);
  g_test_add ("/visit-window/pain-level", Fixture, NULL, fixture_set_up, test_pain_level, fixture_tear_down);
  g_test_add ("/visit-window/edit-and-errors", Fixture, NULL, fixture_set_up, test_edit_and_errors, fixture_tear_down);
  return g_test_run ();
}
