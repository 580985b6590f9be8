/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <stdlib.h>

#include "clinic-test-util.h"
#include "vastus-measure-row.h"
#include "vastus-patient-record.h"
#include "vastus-value.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"

typedef struct
{
  char                *dir;
  char                *path;
  VastusClinic        *clinic;
  VastusPatientRecord *record;
  gint64               patient_id;
  gint64               episode_id;
  GtkWindow           *parent;
} Fixture;

static VastusClinic *test_clinic;

/* The database every test starts from, with its patient and episode (insert_records): made
 * once, each test gets a copy of it. (Made for each test, its schema's migrations took about a
 * fifth of the test's time.) */
static struct
{
  char   *dir;
  char   *path;
  gint64  patient_id;
  gint64  episode_id;
} template;

static void
iterate (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  clinic_test_wait (test_clinic);
}

static void
set_date (GDate *date, const char *text)
{
  g_assert_true (vastus_date_parse (text, date, NULL));
}

/* The patient and the episode, written as another program would (the main thread is guarded
 * while the clinic exists). */
static void
insert_records (VastusDatabase *db,
                gpointer        data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();

  patient->mrn = g_strdup ("VW-1");
  patient->name = g_strdup ("Window Patient");
  set_date (&patient->birth_date, "1990-01-01");
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  f->patient_id = patient->id;
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  set_date (&episode->surgery_date, "2026-01-05");
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  f->episode_id = episode->id;
}

static void
insert_visit (VastusDatabase *db,
              gpointer        data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_insert_visit (db, data, &error));
}

static void
list_visits (VastusDatabase *db,
             gpointer        data)
{
  Fixture *f = *(Fixture **) data;
  g_autoptr(GError) error = NULL;

  *(GPtrArray **) data = vastus_database_list_visits (db, f->episode_id, &error);
  g_assert_no_error (error);
}

/* The episode as the page shows it, read through the clinic. */
static const VastusHistory *
history (Fixture *f)
{
  VastusEpisodeRecord *episode;

  g_clear_object (&f->record);
  f->record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  iterate ();
  episode = vastus_patient_record_find_episode (f->record, f->episode_id);
  g_assert_nonnull (episode);
  vastus_episode_record_get_visits (episode);
  iterate ();
  g_assert_nonnull (vastus_episode_record_get_history (episode));
  return vastus_episode_record_get_history (episode);
}

static VastusVisitWindow *
new_window (Fixture *f,
            gint64   visit_id)
{
  return vastus_visit_window_new (f->parent, f->clinic, history (f), visit_id);
}

/* The template database, closed (its journal checkpointed into it: the file alone is all). */
static void
template_set_up (void)
{
  g_autoptr(GError) error = NULL;
  Fixture records = { 0 };

  template.dir = g_dir_make_tmp ("vastus-visit-window-XXXXXX", &error);
  g_assert_no_error (error);
  template.path = g_build_filename (template.dir, "template.db", NULL);
  clinic_test_in_thread (template.path, insert_records, &records);
  template.patient_id = records.patient_id;
  template.episode_id = records.episode_id;
}

static void
template_tear_down (void)
{
  g_unlink (template.path);
  g_rmdir (template.dir);
  g_free (template.path);
  g_free (template.dir);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  f->dir = g_dir_make_tmp ("vastus-visit-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "vastus.db", NULL);
  g_assert_true (g_file_get_contents (template.path, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (f->path, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  f->patient_id = template.patient_id;
  f->episode_id = template.episode_id;
  f->clinic = test_clinic = clinic_test_open (f->path);
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  iterate ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->parent);
  iterate ();
  g_clear_object (&f->record);
  g_assert_finalize_object (f->clinic);
  test_clinic = NULL;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (f->path, (const char *[]) { "-wal", "-shm", "" }[i],
                                           NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
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
  VastusVisitWindow *window = new_window (f, 0);
  VastusVisitEditor *editor;
  gpointer visits_data = f;
  gint64 saved = 0;

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
  clinic_test_in_thread (f->path, list_visits, &visits_data);
  visits = visits_data;
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((VastusVisit *) g_ptr_array_index (visits, 0))->id, ==, saved);
  g_assert_cmpuint (((VastusVisit *) g_ptr_array_index (visits, 0))->measurements->len, ==, 2);
}

/* Answers the open question with @response, as its button does (which then closes it). */
static void
answer (const char *response)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint n_answered = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        adw_message_dialog_response (ADW_MESSAGE_DIALOG (l->data), response);
        gtk_window_close (l->data);
        n_answered++;
      }
  g_list_free (toplevels);
  g_assert_cmpuint (n_answered, ==, 1);
  iterate ();
}

static void
stayed_cb (VastusVisitWindow *window,
           guint             *n_stayed)
{
  (*n_stayed)++;
}

/* Closing with unsaved changes does not close: the editor asks first. Cancel keeps the window
 * (and says so: quitting stops there); asked again, Discard closes it. Without changes it closes
 * at once. */
static void
test_close_asks (Fixture *f, gconstpointer data)
{
  VastusVisitWindow *window = new_window (f, 0);
  VastusVisitEditor *editor;
  GList *toplevels;
  guint n_before;
  guint n_stayed = 0;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_signal_connect (window, "stayed", G_CALLBACK (stayed_cb), &n_stayed);
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
  g_list_free (toplevels);
  answer ("cancel");
  g_assert_nonnull (window);
  g_assert_cmpuint (n_stayed, ==, 1);

  /* Asked again (a new question: the first was answered). */
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  answer ("discard");
  g_assert_null (window);
  g_assert_cmpuint (n_stayed, ==, 1);

  /* Unchanged: closes at once. */
  window = new_window (f, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_null (window);
}

/* Closing, Cancel, closing again and Save: the visit is stored and the window closes. */
static void
test_close_save (Fixture *f, gconstpointer data)
{
  VastusVisitWindow *window = new_window (f, 0);
  gpointer visits_data = f;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 saved = 0;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_signal_connect (window, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  type_pair (VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window)), "quadriceps_hhd",
             "300", "400");
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  answer ("cancel");
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  answer ("save");
  g_assert_null (window);
  g_assert_cmpint (saved, >, 0);
  clinic_test_in_thread (f->path, list_visits, &visits_data);
  visits = visits_data;
  g_assert_cmpuint (visits->len, ==, 1);
}

/* A stored visit opens with its values; a visit not in the episode is no window. */
static void
test_edit_and_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  VastusVisitWindow *window;
  VastusMeasureRow *row;

  visit->episode_id = f->episode_id;
  set_date (&visit->date, "2026-02-02");
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 250, "N"));
  clinic_test_in_thread (f->path, insert_visit, visit);

  window = new_window (f, visit->id);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  row = vastus_visit_editor_get_measure_row (VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window)),
                                             "quadriceps_hhd");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_LEFT, 1))),
                   ==, "250");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();

  g_assert_null (new_window (f, 9999));
}

/* The visit window takes the clinic's pain level from its rules: pain 4 is a flag only
 * when the level is below 4. */
static void
test_pain_level (Fixture *f, gconstpointer data)
{
  const char *levels[] = { "5", "3" };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      VastusVisitWindow *window;
      VastusVisitEditor *editor;
      GtkWidget *input;
      const char *text;

      /* The clinic's level, from its database. */
      clinic_test_set_rule (f->clinic, "pain-flag-level", levels[i]);
      window = new_window (f, 0);
      gtk_window_present (GTK_WINDOW (window));
      iterate ();
      editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (window));
      input = vastus_measure_row_get_input (vastus_visit_editor_get_measure_row (editor, "pain_nrs"),
                                            VASTUS_SIDE_NONE, 1);
      gtk_editable_set_text (GTK_EDITABLE (input), "4");
      g_signal_emit_by_name (input, "activate");   /* Enter: the editor checks what is typed */
      iterate ();
      text = vastus_visit_editor_get_safety_text (editor);
      if (atoi (levels[i]) < 4)
        g_assert_true (text != NULL && strstr (text, "ain") != NULL);
      else
        g_assert_true (text == NULL || *text == '\0');
      gtk_window_destroy (GTK_WINDOW (window));
      iterate ();
    }
}

int
main (int argc, char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("VASTUS_TODAY", "2026-06-01", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/visit-window/new-visit", Fixture, NULL, fixture_set_up, test_new_visit, fixture_tear_down);
  g_test_add ("/visit-window/close-asks", Fixture, NULL, fixture_set_up, test_close_asks, fixture_tear_down);
  g_test_add ("/visit-window/close-save", Fixture, NULL, fixture_set_up, test_close_save,
              fixture_tear_down);
  g_test_add ("/visit-window/pain-level", Fixture, NULL, fixture_set_up, test_pain_level, fixture_tear_down);
  g_test_add ("/visit-window/edit-and-errors", Fixture, NULL, fixture_set_up, test_edit_and_errors, fixture_tear_down);
  template_set_up ();
  status = g_test_run ();
  template_tear_down ();
  return status;
}
