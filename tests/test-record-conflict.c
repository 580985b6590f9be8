/* test-record-conflict.c: editors whose record someone else saved first (the episode editor,
 * the clinic criteria-set editor)
 *
 * Another login saves through the storage API, on a connection of its own, between the
 * editor's opening the record and its save: the save is refused with who and when, what was
 * typed stays, and Compare (Save Mine, Reload Theirs) and Reload Theirs do what they say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "vastus-compare-window.h"
#include "vastus-conflict-bar.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-criteria-store.h"
#include "vastus-episode-editor.h"
#include "vastus-value.h"
#include "vastus-form-window.h"
#include "vastus-patient-record.h"
#include "window-test-util.h"

#define TODAY "2026-11-21"

typedef struct
{
  Fixture    base;
  gint64     patient_id;
  gint64     episode_id;
  GtkWidget *window;
} ConflictFixture;

static void
conflict_setup (ConflictFixture *fixture,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusCriteriaSet) set = NULL;

  fixture_setup (&fixture->base, data);
  db = vastus_database_open (fixture->base.db_path, &error);
  g_assert_no_error (error);
  vastus_database_set_actor (db, "anna");
  patient->mrn = g_strdup ("A-17");
  patient->family_name = g_strdup ("Berg");
  patient->given_name = g_strdup ("Anna");
  patient->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);
  fixture->patient_id = patient->id;
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_date_parse ("2026-05-10", &episode->surgery_date, NULL));
  episode->surgeon = g_strdup ("Dr Ruiz");
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);
  fixture->episode_id = episode->id;
  /* The clinic's own set, version 1: a copy of the return-to-sport set. */
  set = vastus_database_copy_criteria_set (db, "aclr-return-to-sport", "our-rts", "Our RTS",
                                           &error);
  g_assert_no_error (error);
  /* Written before the clinic exists; afterwards on threads. */
  g_clear_object (&db);

  test_clinic = clinic_test_open (fixture->base.db_path);
  fixture->window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_mapped (fixture->window);
}

static void
conflict_teardown (ConflictFixture *fixture,
                   gconstpointer    data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle ();
  fixture_teardown (&fixture->base, data);
}

static void
click (gpointer    widget,
       GType       type,
       const char *name)
{
  g_signal_emit_by_name (template_child (widget, type, name), "clicked");
  iterate_until_idle ();
}

/* The compare window wide, then at 360 px (VASTUS_SCREENSHOT_DIR). */
static void
screenshot_compare (GtkWindow  *window,
                    const char *name)
{
  g_autofree char *wide = g_strdup_printf ("%s-wide", name);
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);

  if (g_getenv ("VASTUS_SCREENSHOT_DIR") == NULL)
    return;
  ui_screenshot (GTK_WIDGET (window), wide);
  gtk_window_set_default_size (window, 360, 560);
  while (gtk_widget_get_width (GTK_WIDGET (window)) > 360)
    g_main_context_iteration (NULL, TRUE);
  ui_screenshot (GTK_WIDGET (window), narrow);
}

static const char *
entry_text (gpointer    widget,
            GType       type,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (template_child (widget, type, name)));
}

/* A button of an editor's notice that someone else saved first. */
static void
conflict_click (gpointer    editor,
                GType       type,
                const char *button)
{
  VastusConflictBar *bar = template_child (editor, type, "conflict_bar");

  g_signal_emit_by_name (vastus_conflict_bar_get_button (bar, button), "clicked");
  iterate_until_idle ();
}

static const char *
conflict_notice (gpointer editor,
                 GType    type)
{
  return vastus_conflict_bar_get_notice (template_child (editor, type, "conflict_bar"));
}

/* Episodes */

static gpointer
get_episode_query (VastusDatabase *db,
                   gpointer        data)
{
  g_autoptr(GError) error = NULL;
  VastusEpisode *episode = vastus_database_get_episode (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  return episode;
}

static gpointer
get_patient_query (VastusDatabase *db,
                   gpointer        data)
{
  g_autoptr(GError) error = NULL;
  VastusPatient *patient = vastus_database_get_patient (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  return patient;
}

/* Ben, on another workstation, names another surgeon and adds a restriction. */
static gpointer
their_episode_save_query (VastusDatabase *db,
                          gpointer        data)
{
  g_autoptr(VastusEpisode) episode = get_episode_query (db, data);
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "ben");
  g_free (episode->surgeon);
  episode->surgeon = g_strdup ("Dr Chen");
  episode->restrictions = g_strdup ("No running");
  g_assert_true (vastus_database_update_episode (db, episode, &error));
  g_assert_no_error (error);
  return NULL;
}

/* The editor opens the episode; Ben saves his change; "Hamstring graft" is typed here as the
 * procedure and saved: refused, the form kept, and a notice naming Ben. */
static VastusEpisodeEditor *
open_episode_conflict (ConflictFixture *fixture)
{
  GType type = VASTUS_TYPE_EPISODE_EDITOR;
  g_autoptr(VastusPatient) patient = clinic_test_query (fixture->base.db_path, get_patient_query,
                                                        &fixture->patient_id);
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (test_clinic,
                                                                     fixture->patient_id);
  VastusEpisodeEditor *editor;
  const char *notice;

  iterate_until_idle ();
  editor = g_object_ref_sink (vastus_episode_editor_new (GTK_WINDOW (fixture->window), test_clinic,
                                                         patient,
                                                         vastus_patient_record_find_episode (record, fixture->episode_id)));
  gtk_window_present (GTK_WINDOW (editor));
  iterate_until_idle ();
  clinic_test_query (fixture->base.db_path, their_episode_save_query, &fixture->episode_id);
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, type, "procedure_row")),
                         "Hamstring graft");
  click (editor, type, "save_button");
  notice = conflict_notice (editor, type);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "ben changed this episode at "));
  g_assert_true (g_str_has_suffix (notice, " after you opened it. What you typed is kept: compare "
                                           "it with their version, or reload theirs."));
  g_assert_cmpstr (entry_text (editor, type, "procedure_row"), ==, "Hamstring graft");
  g_assert_cmpstr (entry_text (editor, type, "surgeon_row"), ==, "Dr Ruiz");
  g_assert_true (find_toplevel (type) == GTK_WINDOW (editor));
  return editor;
}

/* Compare lists the surgeon, the procedure and the restriction; Save Mine stores what was typed
 * over Ben's version. */
static void
test_episode_save_mine (ConflictFixture *fixture,
                        gconstpointer    data)
{
  g_autoptr(VastusEpisodeEditor) editor = open_episode_conflict (fixture);
  g_autoptr(VastusEpisode) episode = NULL;
  VastusCompareWindow *window;

  conflict_click (editor, VASTUS_TYPE_EPISODE_EDITOR, "compare");
  window = VASTUS_COMPARE_WINDOW (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  g_assert_nonnull (window);
  /* Surgeon (Dr Chen, Dr Ruiz), procedure (none, Hamstring graft), restrictions (No running,
   * none here): three. */
  g_assert_cmpuint (vastus_compare_window_get_n_differences (window), ==, 3);
  screenshot_compare (GTK_WINDOW (window), "compare-episode");
  click (window, VASTUS_TYPE_COMPARE_WINDOW, "keep_button");
  g_assert_null (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  /* Stored: the editor closed. */
  g_assert_null (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR));
  episode = clinic_test_query (fixture->base.db_path, get_episode_query, &fixture->episode_id);
  g_assert_cmpstr (episode->surgeon, ==, "Dr Ruiz");
  g_assert_cmpstr (episode->procedure, ==, "Hamstring graft");
  g_assert_null (episode->restrictions);
}

/* Reload Theirs shows Ben's version in the form; saved from there, nothing conflicts. */
static void
test_episode_reload (ConflictFixture *fixture,
                     gconstpointer    data)
{
  GType type = VASTUS_TYPE_EPISODE_EDITOR;
  g_autoptr(VastusEpisodeEditor) editor = open_episode_conflict (fixture);
  g_autoptr(VastusEpisode) episode = NULL;

  conflict_click (editor, type, "reload");
  g_assert_null (conflict_notice (editor, type));
  g_assert_cmpstr (entry_text (editor, type, "surgeon_row"), ==, "Dr Chen");
  g_assert_cmpstr (entry_text (editor, type, "restrictions_row"), ==, "No running");
  g_assert_cmpstr (entry_text (editor, type, "procedure_row"), ==, "");
  g_assert_false (vastus_form_window_get_changed (VASTUS_FORM_WINDOW (editor)));
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, type, "procedure_row")),
                         "Quadriceps tendon graft");
  click (editor, type, "save_button");
  g_assert_null (find_toplevel (type));
  episode = clinic_test_query (fixture->base.db_path, get_episode_query, &fixture->episode_id);
  g_assert_cmpstr (episode->surgeon, ==, "Dr Chen");
  g_assert_cmpstr (episode->restrictions, ==, "No running");
  g_assert_cmpstr (episode->procedure, ==, "Quadriceps tendon graft");
}

/* Clinic criteria sets */

static gpointer
get_set_query (VastusDatabase *db,
               gpointer        data)
{
  g_autoptr(GError) error = NULL;
  VastusCriteriaSet *set = vastus_database_get_criteria_set (db, "our-rts", 0, &error);

  g_assert_no_error (error);
  return set;
}

/* Ben, on another workstation, retitles the set and asks 95 of its first criterion. */
static gpointer
their_set_save_query (VastusDatabase *db,
                      gpointer        data)
{
  g_autoptr(VastusCriteriaSet) set = get_set_query (db, NULL);
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "ben");
  g_free (set->title);
  set->title = g_strdup ("Ben’s RTS");
  ((VastusCriterion *) g_ptr_array_index (set->criteria, 0))->threshold = 95;
  g_assert_true (vastus_database_save_criteria_set (db, set, &error));
  g_assert_no_error (error);
  return NULL;
}

static GtkSpinButton *
threshold_of (VastusCriteriaSetsWindow *window,
              const VastusCriteriaSet  *set,
              guint                     index)
{
  const VastusCriterion *criterion = g_ptr_array_index (set->criteria, index);

  return GTK_SPIN_BUTTON (vastus_criteria_sets_window_get_threshold (window, criterion->id));
}

/* The editor opens "our-rts" (version 1); Ben saves version 2; the second criterion's threshold
 * is set to 92 here and saved: refused, the editor kept as typed, and a notice naming Ben. */
static VastusCriteriaSetsWindow *
open_set_conflict (ConflictFixture    *fixture,
                   VastusCriteriaSet **first)
{
  GType type = VASTUS_TYPE_CRITERIA_SETS_WINDOW;
  VastusCriteriaSetsWindow *window;
  const char *notice;

  *first = clinic_test_query (fixture->base.db_path, get_set_query, NULL);
  g_assert_cmpint ((*first)->version, ==, 1);
  g_assert_cmpuint ((*first)->criteria->len, >=, 2);
  window = VASTUS_CRITERIA_SETS_WINDOW (vastus_criteria_sets_window_new (GTK_WINDOW (fixture->window),
                                                                         test_clinic));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until_idle ();
  g_signal_emit_by_name (vastus_criteria_sets_window_get_set_button (window, "our-rts"), "clicked");
  iterate_until_idle ();
  g_assert_cmpstr (vastus_criteria_sets_window_get_editing_id (window), ==, "our-rts");
  clinic_test_query (fixture->base.db_path, their_set_save_query, NULL);
  gtk_spin_button_set_value (threshold_of (window, *first, 1), 92);
  g_signal_emit_by_name (vastus_criteria_sets_window_get_save_button (window), "clicked");
  iterate_until_idle ();
  notice = conflict_notice (window, type);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "ben changed this criteria set at "));
  g_assert_cmpstr (vastus_criteria_sets_window_get_editing_id (window), ==, "our-rts");
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold_of (window, *first, 1)), ==, 92);
  return window;
}

/* Compare lists the title and both criteria; Save Mine stores version 3 from what was typed. */
static void
test_set_save_mine (ConflictFixture *fixture,
                    gconstpointer    data)
{
  g_autoptr(VastusCriteriaSet) first = NULL;
  g_autoptr(VastusCriteriaSetsWindow) window = open_set_conflict (fixture, &first);
  g_autoptr(VastusCriteriaSet) stored = NULL;
  VastusCompareWindow *compare;

  conflict_click (window, VASTUS_TYPE_CRITERIA_SETS_WINDOW, "compare");
  compare = VASTUS_COMPARE_WINDOW (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  g_assert_nonnull (compare);
  /* The title (Ben’s RTS, Our RTS), the first criterion (95, as it was), the second (as it
   * was, 92): three. */
  g_assert_cmpuint (vastus_compare_window_get_n_differences (compare), ==, 3);
  screenshot_compare (GTK_WINDOW (compare), "compare-criteria-set");
  click (compare, VASTUS_TYPE_COMPARE_WINDOW, "keep_button");
  g_assert_null (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  /* Stored: back at the list. */
  g_assert_null (vastus_criteria_sets_window_get_editing_id (window));
  stored = clinic_test_query (fixture->base.db_path, get_set_query, NULL);
  g_assert_cmpint (stored->version, ==, 3);
  g_assert_cmpstr (stored->title, ==, "Our RTS");
  g_assert_cmpfloat (((VastusCriterion *) g_ptr_array_index (stored->criteria, 0))->threshold, ==,
                     ((VastusCriterion *) g_ptr_array_index (first->criteria, 0))->threshold);
  g_assert_cmpfloat (((VastusCriterion *) g_ptr_array_index (stored->criteria, 1))->threshold, ==,
                     92);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Reload Theirs shows Ben's version in the editor; saved from there, nothing conflicts. */
static void
test_set_reload (ConflictFixture *fixture,
                 gconstpointer    data)
{
  GType type = VASTUS_TYPE_CRITERIA_SETS_WINDOW;
  g_autoptr(VastusCriteriaSet) first = NULL;
  g_autoptr(VastusCriteriaSetsWindow) window = open_set_conflict (fixture, &first);
  g_autoptr(VastusCriteriaSet) stored = NULL;

  conflict_click (window, type, "reload");
  g_assert_null (conflict_notice (window, type));
  g_assert_cmpstr (entry_text (window, type, "title_row"), ==, "Ben’s RTS");
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold_of (window, first, 0)), ==, 95);
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold_of (window, first, 1)), ==,
                     ((VastusCriterion *) g_ptr_array_index (first->criteria, 1))->threshold);
  gtk_spin_button_set_value (threshold_of (window, first, 1), 93);
  g_signal_emit_by_name (vastus_criteria_sets_window_get_save_button (window), "clicked");
  iterate_until_idle ();
  g_assert_null (vastus_criteria_sets_window_get_editing_id (window));
  stored = clinic_test_query (fixture->base.db_path, get_set_query, NULL);
  g_assert_cmpint (stored->version, ==, 3);
  g_assert_cmpstr (stored->title, ==, "Ben’s RTS");
  g_assert_cmpfloat (((VastusCriterion *) g_ptr_array_index (stored->criteria, 0))->threshold, ==,
                     95);
  g_assert_cmpfloat (((VastusCriterion *) g_ptr_array_index (stored->criteria, 1))->threshold, ==,
                     93);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, ConflictFixture, NULL, conflict_setup, func, conflict_teardown)
  ADD ("/record-conflict/episode-save-mine", test_episode_save_mine);
  ADD ("/record-conflict/episode-reload", test_episode_reload);
  ADD ("/record-conflict/criteria-set-save-mine", test_set_save_mine);
  ADD ("/record-conflict/criteria-set-reload", test_set_reload);
  return g_test_run ();
}
