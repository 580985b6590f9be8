/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-csv-export.h"
#include "vastus-csv-import.h"
#include "clinic-test-util.h"
#include "vastus-sqlite-private.h"
#include "vastus-draft-store.h"
#include "vastus-local-draft.h"
#include "vastus-measure-row.h"
#include "vastus-model-error.h"
#include "vastus-template-item.h"
#include "vastus-units.h"
#include "vastus-value.h"
#include "vastus-visit-draft.h"
#include "vastus-compare-window.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"
#include "ui-safety-util.h"

#define TODAY "2026-06-01"

typedef struct
{
  char              *dir;
  char              *path;
  VastusClinic      *clinic;
  VastusPatient     *patient;
  VastusEpisode     *episode;
  GtkWidget         *window;
  VastusVisitEditor *editor;
  gint64             saved_id;
  guint              n_saved;
  guint              n_cancelled;
  gboolean           battery;     /* keep the battery the editor opens with (else every measure) */
} Fixture;

/* The clinic of the test running: idle also means every call delivered. */
static VastusClinic *test_clinic;

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (test_clinic != NULL)
    clinic_test_wait (test_clinic);
}

/* The fixture's own reads and writes, on a connection and a thread of their own: the main
 * thread is guarded while the clinic exists. */
typedef struct
{
  Fixture     *fixture;
  gint64       id;
  const char  *text;
  VastusVisit *visit;
  GPtrArray   *result;
  char        *state;
} DbCall;

static void
db_call (Fixture        *fixture,
         ClinicTestFunc  func,
         DbCall         *call)
{
  call->fixture = fixture;
  clinic_test_in_thread (fixture->path, func, call);
}

static void
insert_records_func (VastusDatabase *db,
                     gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "anna");
  vastus_database_insert_patient (db, call->fixture->patient, &error);
  g_assert_no_error (error);
  call->fixture->episode->patient_id = call->fixture->patient->id;
  vastus_database_insert_episode (db, call->fixture->episode, &error);
  g_assert_no_error (error);
}

static void
insert_visit_func (VastusDatabase *db,
                   gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "anna");
  vastus_database_insert_visit (db, call->visit, &error);
  g_assert_no_error (error);
}

static void
insert_visit (Fixture     *fixture,
              VastusVisit *visit)
{
  DbCall call = { .visit = visit };

  db_call (fixture, insert_visit_func, &call);
}

static void
list_visits_func (VastusDatabase *db,
                  gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  call->result = vastus_database_list_visits (db, call->fixture->episode->id, &error);
  g_assert_no_error (error);
}

/* The episode's stored visits, oldest first. */
static GPtrArray *
list_visits (Fixture *fixture)
{
  DbCall call = { 0 };

  db_call (fixture, list_visits_func, &call);
  return call.result;
}

static void
list_audit_func (VastusDatabase *db,
                 gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  call->result = vastus_database_list_audit (db, "measurement", call->id, &error);
  g_assert_no_error (error);
}

/* The audit entries of measurement @id. */
static GPtrArray *
list_audit (Fixture *fixture,
            gint64   id)
{
  DbCall call = { .id = id };

  db_call (fixture, list_audit_func, &call);
  return call.result;
}

static void
load_draft_func (VastusDatabase *db,
                 gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_load_draft (db, call->fixture->episode->id, call->id,
                                             &call->state, NULL, &error));
  g_assert_no_error (error);
}

/* The stored draft of visit @visit_id (0: a new visit), NULL when there is none. */
static char *
load_draft (Fixture *fixture,
            gint64   visit_id)
{
  DbCall call = { .id = visit_id };

  db_call (fixture, load_draft_func, &call);
  return call.state;
}

static void
save_draft_func (VastusDatabase *db,
                 gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_save_draft (db, call->fixture->episode->id, call->id,
                                             call->text, &error));
  g_assert_no_error (error);
}

/* Stores @state as the draft of visit @visit_id, as an earlier run of Vastus did. */
static void
save_draft (Fixture    *fixture,
            gint64      visit_id,
            const char *state)
{
  DbCall call = { .id = visit_id, .text = state };

  db_call (fixture, save_draft_func, &call);
}

static void
exec_func (VastusDatabase *db,
           gpointer        data)
{
  DbCall *call = data;

  g_assert_cmpint (sqlite3_exec (_vastus_database_get_handle (db), call->text, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  DbCall call = { .text = sql };

  db_call (fixture, exec_func, &call);
}

/* The patient, the episode and its stored visits, as the window hands them to the editor. */
static VastusHistory *
fixture_history (Fixture *fixture)
{
  g_autoptr(GPtrArray) visits = list_visits (fixture);
  VastusHistory *history = vastus_history_new (vastus_patient_copy (fixture->patient),
                                               vastus_episode_copy (fixture->episode));

  for (guint i = 0; i < visits->len; i++)
    vastus_history_add_visit (history, vastus_visit_copy (g_ptr_array_index (visits, i)));
  return history;
}

static void
saved_cb (VastusVisitEditor *editor,
          gint64             id,
          Fixture           *fixture)
{
  fixture->saved_id = id;
  fixture->n_saved++;
}

static void
cancelled_cb (VastusVisitEditor *editor,
              Fixture           *fixture)
{
  fixture->n_cancelled++;
}

static GtkWidget *
new_visit_editor (Fixture *fixture)
{
  g_autoptr(VastusHistory) history = fixture_history (fixture);

  return vastus_visit_editor_new (fixture->clinic, history);
}

static GtkWidget *
stored_visit_editor (Fixture *fixture,
                     gint64   visit_id)
{
  g_autoptr(VastusHistory) history = fixture_history (fixture);
  GtkWidget *editor = vastus_visit_editor_new_for_visit (fixture->clinic, history, visit_id);

  g_assert_nonnull (editor);
  return editor;
}

/* Puts @editor (which replaces any earlier one) in the fixture's window, shown and laid out. */
static void
show_editor (Fixture   *fixture,
             GtkWidget *editor)
{
  fixture->editor = VASTUS_VISIT_EDITOR (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  g_signal_connect (editor, "cancelled", G_CALLBACK (cancelled_cb), fixture);
  gtk_window_set_child (GTK_WINDOW (fixture->window), editor);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (editor))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  /* Most tests work on the form with every measure: the episode (ACL reconstruction, 21 weeks
   * after surgery on the test's today) would open with the return-to-running battery. */
  if (!fixture->battery)
    {
      g_assert_true (vastus_visit_editor_choose_battery (fixture->editor, 0));
      iterate_until_idle ();
    }
}

static GString *focus_history;
static void focus_widget_cb (GtkWindow *window, GParamSpec *pspec, gpointer user_data);

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-visit-editor-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.db", NULL);

  fixture->patient = vastus_patient_new ();
  fixture->patient->mrn = g_strdup ("MRN-1");
  fixture->patient->name = g_strdup ("Test Patient");
  g_date_set_dmy (&fixture->patient->birth_date, 2, G_DATE_MAY, 1995);
  fixture->patient->sex = VASTUS_SEX_FEMALE;

  fixture->episode = vastus_episode_new ();
  fixture->episode->condition = VASTUS_CONDITION_ACLR;
  fixture->episode->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&fixture->episode->surgery_date, 5, G_DATE_JANUARY, 2026);
  {
    DbCall call = { 0 };

    db_call (fixture, insert_records_func, &call);
  }
  fixture->clinic = clinic_test_open (fixture->path);
  vastus_clinic_set_actor (fixture->clinic, "anna");
  test_clinic = fixture->clinic;
  fixture->battery = data != NULL;
  /* The batteries read, as the window's clinic has them long before a visit is entered. */
  vastus_clinic_get_templates (fixture->clinic);
  iterate_until_idle ();

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 900);
  if (focus_history != NULL)
    g_string_truncate (focus_history, 0);
  g_signal_connect (fixture->window, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
  show_editor (fixture, new_visit_editor (fixture));
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gpointer editor = fixture->editor;

  /* The editor must not outlive its window (no reference cycles). */
  g_object_add_weak_pointer (editor, &editor);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle ();
  g_assert_null (editor);
  test_clinic = NULL;
  g_assert_finalize_object (fixture->clinic);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->patient, vastus_patient_free);
  g_clear_pointer (&fixture->episode, vastus_episode_free);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  setlocale (LC_ALL, "C.UTF-8");
}

static VastusMeasureRow *
row (Fixture    *fixture,
     const char *code)
{
  VastusMeasureRow *r = vastus_visit_editor_get_measure_row (fixture->editor, code);

  g_assert_nonnull (r);
  return r;
}

static GtkWidget *
input (Fixture    *fixture,
       const char *code,
       VastusSide  side,
       int         trial)
{
  GtkWidget *widget = vastus_measure_row_get_input (row (fixture, code), side, trial);

  g_assert_nonnull (widget);
  return widget;
}

static void
type (Fixture    *fixture,
      const char *code,
      VastusSide  side,
      int         trial,
      const char *text)
{
  GtkWidget *entry = input (fixture, code, side, trial);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  iterate_until_idle ();
}

static guint
count_visits (Fixture *fixture)
{
  g_autoptr(GPtrArray) visits = list_visits (fixture);

  return visits->len;
}

static VastusVisit *
only_visit (Fixture *fixture)
{
  g_autoptr(GPtrArray) visits = list_visits (fixture);

  g_assert_cmpuint (visits->len, ==, 1);
  return vastus_visit_copy (g_ptr_array_index (visits, 0));
}

static const VastusMeasurement *
find (const VastusVisit *visit,
      const char        *code,
      VastusSide         side,
      int                trial)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (g_str_equal (m->measure, code) && m->side == side && m->trial == trial)
        return m;
    }
  return NULL;
}

static void
assert_stored (const VastusVisit *visit,
               const char        *code,
               VastusSide         side,
               int                trial,
               double             value,
               const char        *unit)
{
  const VastusMeasurement *m = find (visit, code, side, trial);

  g_assert_nonnull (m);
  g_assert_cmpfloat_with_epsilon (m->value, value, 1e-9);
  g_assert_cmpstr (m->unit, ==, unit);
}

static void
save_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n_saved = fixture->n_saved;
  gboolean saved = vastus_visit_editor_save (fixture->editor, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
  /* Stored on the clinic's writer: the form waits for it. */
  g_assert_true (vastus_visit_editor_get_saving (fixture->editor));
  g_assert_false (gtk_widget_get_sensitive (vastus_visit_editor_get_field (fixture->editor,
                                                                           "save")));
  iterate_until_idle ();
  g_assert_false (vastus_visit_editor_get_saving (fixture->editor));
  g_assert_cmpuint (fixture->n_saved, ==, n_saved + 1);
}

static void
test_save_values (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;

  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "clinician")), "Anna");
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "body-mass")), "72.5");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "310");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "402");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, "45.5");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, "47");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input (fixture, "effusion_stroke", VASTUS_SIDE_LEFT, 1)), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input (fixture, "effusion_stroke", VASTUS_SIDE_RIGHT, 1)), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input (fixture, "step_down_valgus", VASTUS_SIDE_LEFT, 1)), 2);
  iterate_until_idle ();
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));

  save_ok (fixture);
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  visit = only_visit (fixture);
  g_assert_cmpint (fixture->saved_id, ==, visit->id);
  g_assert_cmpint (vastus_visit_editor_get_visit_id (fixture->editor), ==, visit->id);
  g_assert_cmpstr (visit->clinician, ==, "Anna");
  g_assert_cmpfloat (visit->body_mass_kg, ==, 72.5);
  g_assert_true (isnan (visit->height_cm));
  g_assert_cmpuint (visit->measurements->len, ==, 8);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 310, "N");
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 402, "N");
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, 45.5, "cm");
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, 47, "cm");
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 2, "points");
  assert_stored (visit, "effusion_stroke", VASTUS_SIDE_LEFT, 1, VASTUS_GRADE_TRACE, "grade");
  assert_stored (visit, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, VASTUS_GRADE_ZERO, "grade");
  assert_stored (visit, "step_down_valgus", VASTUS_SIDE_LEFT, 1, 1, "bool");

  /* A second save updates the stored visit, it does not add one. */
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "320");
  save_ok (fixture);
  g_clear_pointer (&visit, vastus_visit_free);
  visit = only_visit (fixture);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 320, "N");
  g_assert_cmpuint (visit->measurements->len, ==, 8);
}

static void
test_trials (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  VastusMeasureRow *hop = row (fixture, "single_hop");
  VastusMeasureRow *pain = row (fixture, "pain_nrs");

  /* Hops are averaged over trials; pain is one value. */
  g_assert_true (gtk_widget_is_sensitive (vastus_measure_row_get_add_trial_button (hop)));
  g_assert_false (gtk_widget_is_sensitive (vastus_measure_row_get_add_trial_button (pain)));
  g_assert_false (vastus_measure_row_add_trial (pain));
  g_signal_emit_by_name (vastus_measure_row_get_add_trial_button (hop), "clicked");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (hop), ==, 2);
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 1, "120");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1, "150");
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 2, "130");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 2, "150");
  /* LSI of the means: 125 / 150. */
  g_assert_cmpstr (vastus_measure_row_get_symmetry_text (hop), ==, "LSI 83.3 %");
  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "single_hop", VASTUS_SIDE_LEFT, 2, 130, "cm");
  assert_stored (visit, "single_hop", VASTUS_SIDE_RIGHT, 2, 150, "cm");
}

static void
test_hard_limit_blocks (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  GtkWidget *entry = input (fixture, "thigh_girth_5", VASTUS_SIDE_LEFT, 1);
  VastusMeasureRow *girth = row (fixture, "thigh_girth_5");

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "320");
  type (fixture, "thigh_girth_5", VASTUS_SIDE_LEFT, 1, "200");
  type (fixture, "thigh_girth_5", VASTUS_SIDE_RIGHT, 1, "45");

  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_HARD_LIMIT);
  g_clear_error (&error);
  /* Nothing at all was stored, not even the valid values. */
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_has_css_class (input (fixture, "thigh_girth_5", VASTUS_SIDE_RIGHT, 1), "error"));
  g_assert_nonnull (vastus_measure_row_get_problem_text (girth));
  g_assert_nonnull (strstr (vastus_measure_row_get_problem_text (girth), "150 cm"));
  /* A hard problem cannot be confirmed away. */
  g_assert_false (gtk_widget_get_visible (vastus_measure_row_get_confirm_check (girth)));
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));

  /* Corrected, it saves, and the error is gone. */
  type (fixture, "thigh_girth_5", VASTUS_SIDE_LEFT, 1, "44");
  save_ok (fixture);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (vastus_measure_row_get_problem_text (girth));
  visit = only_visit (fixture);
  assert_stored (visit, "thigh_girth_5", VASTUS_SIDE_LEFT, 1, 44, "cm");
}

static void
test_not_a_number_blocks (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = input (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1);

  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, "120");
  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "12o");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER);
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (vastus_measure_row_get_problem_text (row (fixture, "knee_flexion")), "“12o”"));

  /* A date that is not one blocks too. */
  g_clear_error (&error);
  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "125");
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "date")), "1/6/2026");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_true (gtk_widget_has_css_class (vastus_visit_editor_get_field (fixture->editor, "date"), "error"));
  g_assert_nonnull (vastus_visit_editor_get_problem_text (fixture->editor));
  g_assert_nonnull (strstr (vastus_visit_editor_get_problem_text (fixture->editor), "YYYY-MM-DD"));
}

static void
test_soft_warning_confirm (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  VastusMeasureRow *flexion = row (fixture, "knee_flexion");
  GtkWidget *confirm = vastus_measure_row_get_confirm_check (flexion);
  /* Above the catalog's plausible range (150° when this was written), below the possible. */
  const VastusMeasure *measure = vastus_catalog_lookup ("knee_flexion");
  g_autofree char *unusual = g_strdup_printf ("%g", measure->soft_max + 1);
  g_autofree char *unusual2 = g_strdup_printf ("%g", measure->soft_max + 2);
  g_autofree char *limit = g_strdup_printf ("%g°", measure->soft_max);

  g_assert_cmpfloat (measure->soft_max + 2, <, measure->hard_max);
  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, unusual);
  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "135");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_SOFT_LIMIT);
  g_clear_error (&error);
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_true (gtk_widget_get_visible (confirm));
  g_assert_nonnull (strstr (vastus_measure_row_get_problem_text (flexion), limit));
  g_assert_true (gtk_widget_has_css_class (input (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1), "warning"));

  /* Confirming, then changing the value, needs a new confirmation. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (confirm), TRUE);
  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, unusual2);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (confirm)));
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_SOFT_LIMIT);
  g_clear_error (&error);
  g_assert_cmpuint (count_visits (fixture), ==, 0);

  g_signal_emit_by_name (confirm, "activate");
  iterate_until_idle ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (confirm)));
  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "knee_flexion", VASTUS_SIDE_LEFT, 1, measure->soft_max + 2, "deg");
}

static void
test_header_warning_confirm (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  GtkWidget *mass = vastus_visit_editor_get_field (fixture->editor, "body-mass");
  GtkWidget *confirm = vastus_visit_editor_get_field (fixture->editor, "confirm");

  gtk_editable_set_text (GTK_EDITABLE (mass), "250");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_SOFT_LIMIT);
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_true (gtk_widget_has_css_class (mass, "warning"));
  g_assert_true (gtk_widget_get_visible (confirm));
  g_assert_nonnull (strstr (vastus_visit_editor_get_problem_text (fixture->editor), "200 kg"));

  g_signal_emit_by_name (confirm, "activate");
  save_ok (fixture);
  visit = only_visit (fixture);
  g_assert_cmpfloat (visit->body_mass_kg, ==, 250);
}

static void
test_imperial_units (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  VastusMeasureRow *quad = row (fixture, "quadriceps_hhd");
  GtkDropDown *units = GTK_DROP_DOWN (vastus_measure_row_get_unit_dropdown (quad));
  GListModel *model = gtk_drop_down_get_model (units);
  guint lbf = GTK_INVALID_LIST_POSITION;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "lbf"))
      lbf = i;
  g_assert_cmpuint (lbf, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (units, lbf);
  g_assert_cmpstr (vastus_measure_row_get_unit (quad), ==, "lbf");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "100");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "110");
  g_assert_true (vastus_measure_row_set_unit (row (fixture, "thigh_girth_15"), "in"));
  type (fixture, "thigh_girth_15", VASTUS_SIDE_LEFT, 1, "18");
  type (fixture, "thigh_girth_15", VASTUS_SIDE_RIGHT, 1, "18.5");

  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 444.82216152605, "lbf");
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 110 * VASTUS_N_PER_LBF, "lbf");
  assert_stored (visit, "thigh_girth_15", VASTUS_SIDE_LEFT, 1, 18 * 2.54, "in");
}

/* One conversion (issue 24): every integer lbf 1–337 typed in the editor is stored bit for bit
 * as import stores it (the exact decimal product, rounded once: 3 lbf = 13.3446648457815 N,
 * where 3 × 4.4482216152605 in doubles is 13.344664845781498), and exports in lbf. Storage is
 * used on connections of the test's own, on a thread (the main thread is guarded). */
typedef struct
{
  GPtrArray  *visits;    /* VastusVisit*, as the editor collected them */
  GString    *csv;       /* the same values as an import file */
  double     *typed;     /* [338] */
  char       *exported;
} OneConversion;

static void
one_conversion_store_func (VastusDatabase *db,
                           gpointer        data)
{
  OneConversion *run = data;
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "anna");
  for (guint i = 0; i < run->visits->len; i++)
    {
      g_assert_true (vastus_database_insert_visit (db, g_ptr_array_index (run->visits, i), &error));
      g_assert_no_error (error);
    }
  run->exported = vastus_csv_export (db, "MRN-1", NULL, &error);
  g_assert_no_error (error);
}

static void
one_conversion_import_func (VastusDatabase *imported,
                            gpointer        data)
{
  OneConversion *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCsvImport) import = vastus_csv_import_new (imported);
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) visits = NULL;

  vastus_csv_import_add_data (import, "lbf.csv", run->csv->str, run->csv->len, &error);
  g_assert_no_error (error);
  g_assert_true (vastus_csv_import_commit (import, NULL, &error));
  g_assert_no_error (error);
  patient = vastus_database_find_patient (imported, "U-1", &error);
  episodes = vastus_database_list_episodes (imported, patient->id, &error);
  visits = vastus_database_list_visits (imported, ((VastusEpisode *) g_ptr_array_index (episodes, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 337);
  for (int n = 1; n <= 337; n++)
    {
      const VastusMeasurement *m = find (g_ptr_array_index (visits, n - 1), "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);

      g_test_message ("%d lbf", n);
      g_assert_cmpfloat (m->value, ==, run->typed[n]);
    }
}

static void
test_one_conversion (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,value,unit\n");
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  g_autofree char *path = g_build_filename (fixture->dir, "imported.db", NULL);
  VastusMeasureRow *quad = row (fixture, "quadriceps_hhd");
  double typed[338];
  OneConversion run = { visits, csv, typed, NULL };
  guint differ_by_multiplying = 0;
  GDate date;

  g_assert_true (vastus_measure_row_set_unit (quad, "lbf"));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2025);
  for (int n = 1; n <= 337; n++)
    {
      VastusVisit *visit = vastus_visit_new ();
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
      g_autofree char *text = g_strdup_printf ("%d", n);
      char day[VASTUS_DATE_BUF_SIZE];
      const VastusMeasurement *m;

      g_ptr_array_add (visits, visit);
      type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, text);
      vastus_measure_row_collect (quad, visit, problems);
      g_assert_cmpuint (problems->len, ==, 0);
      m = find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
      g_assert_nonnull (m);
      g_assert_cmpstr (m->unit, ==, "lbf");
      typed[n] = m->value;
      differ_by_multiplying += typed[n] != n * VASTUS_N_PER_LBF;
      /* stored as the editor would save it, one visit a day */
      visit->episode_id = fixture->episode->id;
      visit->date = date;
      g_string_append_printf (csv, "U-1,Unit Test,1990-01-01,female,aclr,left,%s,quadriceps_hhd,left,%d,lbf\n",
                              vastus_date_format (&date, day), n);
      g_date_add_days (&date, 1);
    }
  /* the issue counted 173 values that multiplying doubles gets wrong */
  g_assert_cmpuint (differ_by_multiplying, ==, 173);

  clinic_test_in_thread (fixture->path, one_conversion_store_func, &run);
  clinic_test_in_thread (path, one_conversion_import_func, &run);

  /* what the editor stored comes out in the unit it was typed in */
  for (int n = 1; n <= 337; n++)
    {
      g_autofree char *cell = g_strdup_printf (",quadriceps_hhd,left,1,%d,lbf,", n);

      g_assert_nonnull (strstr (run.exported, cell));
    }
  g_assert_null (strstr (run.exported, ",N,"));
  g_free (run.exported);
}

static void
test_comma_decimal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  type (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, "37,5");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, "38.25");
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "body-mass")), "72,4");
  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, 37.5, "cm");
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, 38.25, "cm");
  g_assert_cmpfloat (visit->body_mass_kg, ==, 72.4);
  /* Shown again with the locale's decimal mark. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1))),
                   ==, "37,5");
}

/* In German "1.234" is 1234 to some and 1,234 to others: the form asks, naming the field, the
 * text and both readings, and saves nothing; 12,5 and the point are read, and a date in the
 * German form; body mass comes back as the measures do, with a comma. */
static void
test_german_entry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  GtkWidget *date_field = vastus_visit_editor_get_field (fixture->editor, "date");
  GtkWidget *mass_field = vastus_visit_editor_get_field (fixture->editor, "body-mass");
  g_autofree char *german_date = NULL;
  GDate shown;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_fail_printf ("the de_DE.UTF-8 locale is missing (build-aux/dev generates it)");
      return;
    }
  /* The form opened under C with today's ISO date; typed again the German way, day first. */
  g_assert_true (vastus_date_parse (gtk_editable_get_text (GTK_EDITABLE (date_field)), &shown, NULL));
  german_date = g_strdup_printf ("%02d.%02d.%04d", g_date_get_day (&shown), g_date_get_month (&shown),
                                 g_date_get_year (&shown));
  gtk_editable_set_text (GTK_EDITABLE (date_field), german_date);

  gtk_editable_set_text (GTK_EDITABLE (mass_field), "1.234");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, "1.234");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, "38");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_nonnull (vastus_visit_editor_get_problem_text (fixture->editor));
  g_assert_nonnull (strstr (vastus_visit_editor_get_problem_text (fixture->editor),
                            "Body mass: “1.234” could mean 1,234 or 1234: type the one you mean."));
  g_assert_nonnull (strstr (vastus_measure_row_get_problem_text (row (fixture, "thigh_girth_10")),
                            "“1.234” could mean 1,234 or 1234: type the one you mean."));
  g_assert_true (gtk_widget_has_css_class (mass_field, "error"));

  /* Answered: 12,5 with the comma, 72.4 with the point. */
  g_clear_error (&error);
  gtk_editable_set_text (GTK_EDITABLE (mass_field), "72.4");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, "37,5");
  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, 37.5, "cm");
  g_assert_cmpfloat (visit->body_mass_kg, ==, 72.4);
  g_assert_cmpint (g_date_compare (&visit->date, &shown), ==, 0);

  /* Opened again: the date in the German form, body mass and girth with a comma alike. */
  show_editor (fixture, stored_visit_editor (fixture, visit->id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "date"))),
                   ==, german_date);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "body-mass"))),
                   ==, "72,4");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1))),
                   ==, "37,5");
  setlocale (LC_ALL, saved_locale);
}

static void
test_live_symmetry (Fixture       *fixture,
                    gconstpointer  data)
{
  VastusMeasureRow *quad = row (fixture, "quadriceps_hhd");
  VastusMeasureRow *timed = row (fixture, "timed_hop_6m");
  VastusMeasureRow *extension = row (fixture, "knee_extension");

  g_assert_null (vastus_measure_row_get_symmetry_text (quad));
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  g_assert_null (vastus_measure_row_get_symmetry_text (quad));
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "400");
  /* Left is involved: 300 / 400. */
  g_assert_cmpstr (vastus_measure_row_get_symmetry_text (quad), ==, "LSI 75.0 %");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "");
  g_assert_null (vastus_measure_row_get_symmetry_text (quad));

  /* Lower is better for timed tests: uninvolved / involved. */
  type (fixture, "timed_hop_6m", VASTUS_SIDE_LEFT, 1, "2.5");
  type (fixture, "timed_hop_6m", VASTUS_SIDE_RIGHT, 1, "2");
  g_assert_cmpstr (vastus_measure_row_get_symmetry_text (timed), ==, "LSI 80.0 %");

  /* Extension gets a difference, not a ratio. */
  type (fixture, "knee_extension", VASTUS_SIDE_LEFT, 1, "5");
  type (fixture, "knee_extension", VASTUS_SIDE_RIGHT, 1, "0");
  g_assert_nonnull (vastus_measure_row_get_symmetry_text (extension));
  g_assert_nonnull (strstr (vastus_measure_row_get_symmetry_text (extension), "5°"));
}

/* Whether @widget has a shortcut with @trigger (e.g. "<Control>s") for @action. */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *name = NULL;
          GtkShortcutAction *a = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (a))
            name = g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)));
          if (g_strcmp0 (text, trigger) == 0 && g_strcmp0 (name, action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_save_action (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VastusVisit) visit = NULL;

  g_assert_true (has_shortcut (GTK_WIDGET (fixture->editor), "<Control>s", "editor.save"));
  g_assert_true (has_shortcut (GTK_WIDGET (fixture->editor), "Escape", "editor.cancel"));

  /* With a rejected value the action saves nothing. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "11");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL));
  iterate_until_idle ();
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL));
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  visit = only_visit (fixture);
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 3, "points");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Answers @dialog with @response as its button does, which then closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_unsaved_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;

  /* Nothing typed: closing cancels at once. */
  vastus_visit_editor_close (fixture->editor);
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_cancelled, ==, 1);
  g_assert_null (find_message_dialog ());

  /* Typed: it asks; Cancel keeps editing. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "4");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL));
  iterate_until_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  respond (dialog, "cancel");
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_cancelled, ==, 1);
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));

  /* Save stores it. */
  vastus_visit_editor_close (fixture->editor);
  iterate_until_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_cmpuint (count_visits (fixture), ==, 1);
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));

  /* Discard leaves the stored visit as it was. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "6");
  vastus_visit_editor_close (fixture->editor);
  iterate_until_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_cancelled, ==, 2);
  {
    g_autoptr(VastusVisit) visit = only_visit (fixture);

    assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 4, "points");
  }
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Where the focus is, for a failed assertion: each widget from the focus up to the window, with
 * its accessible label and its place, and where @expected is (the focus moves by place). */
static char *
describe_focus (GtkWidget *expected)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (expected));
  GString *text = g_string_new ("focus expected within ");
  GtkWidget *chain[] = { expected, focus };

  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    {
      if (i == 1)
        g_string_append (text, "; the focus is on ");
      if (chain[i] == NULL)
        g_string_append (text, "nothing");
      for (GtkWidget *w = chain[i]; w != NULL; w = gtk_widget_get_parent (w))
        {
          graphene_rect_t bounds;
          GtkWidget *parent = gtk_widget_get_parent (w);

          g_string_append_printf (text, "%s%s", w == chain[i] ? "" : " < ", G_OBJECT_TYPE_NAME (w));
          if (*gtk_widget_get_name (w) != '\0' && g_strcmp0 (gtk_widget_get_name (w), G_OBJECT_TYPE_NAME (w)) != 0)
            g_string_append_printf (text, "#%s", gtk_widget_get_name (w));
          if (parent != NULL && gtk_widget_compute_bounds (w, parent, &bounds))
            g_string_append_printf (text, "@%.0f,%.0f+%.0fx%.0f%s", bounds.origin.x, bounds.origin.y,
                                    bounds.size.width, bounds.size.height,
                                    gtk_widget_get_mapped (w) ? "" : "(unmapped)");
          else if (parent != NULL)
            g_string_append (text, "@unplaced");
          if (VASTUS_IS_MEASURE_ROW (w))
            break;
        }
    }
  if (focus_history != NULL)
    g_string_append_printf (text, "; the focus went%s", focus_history->str);
  return g_string_free (text, FALSE);
}

/* The widgets the focus moved to, the latest last, for a failed assertion. */
static void
focus_widget_cb (GtkWindow  *window,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, VASTUS_TYPE_MEASURE_ROW) : NULL;

  if (focus_history == NULL)
    focus_history = g_string_new (NULL);
  g_string_append_printf (focus_history, " → %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  if (focus != NULL && gtk_widget_get_parent (focus) != NULL)
    g_string_append_printf (focus_history, " in %s", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)));
  if (row != NULL)
    g_string_append_printf (focus_history, " of %s", gtk_widget_get_name (row));
}

/* g_assert_true (has_focus_within (@widget)), saying where the focus is when it is not. */
#define assert_focus_within(widget)                                                 \
  G_STMT_START {                                                                    \
    GtkWidget *expected_ = (widget);                                                \
    if (!has_focus_within (expected_))                                              \
      {                                                                             \
        g_autofree char *where_ = describe_focus (expected_);                       \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, where_); \
      }                                                                             \
  } G_STMT_END

/* Presses a key on @widget's own key controller, as GTK would deliver it. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

/* Presses @keyval with @state where the focus is: the editor's keys see it first (capture). */
static gboolean
press (Fixture         *fixture,
       guint            keyval,
       GdkModifierType  state)
{
  gboolean handled = press_key (GTK_WIDGET (fixture->editor), keyval, state);

  /* Laid out again, as before a person's next key: GTK moves the focus only to widgets that
   * have their place. */
  iterate_until_idle ();
  gtk_test_widget_wait_for_draw (fixture->window);
  return handled;
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  return vastus_visit_editor_get_field (fixture->editor, name);
}

/* The keyboard model the editor's hint states. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *left = input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
  GtkWidget *right = input (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1);
  GtkWidget *next_left = input (fixture, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1);
  GtkWidget *infection = vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_INFECTION_SIGNS);
  /* The catalog's last measure. */
  GtkWidget *last = input (fixture, vastus_catalog_get_nth (vastus_catalog_get_n_measures () - 1)->code,
                           VASTUS_SIDE_NONE, 1);

  gtk_widget_grab_focus (left);

  /* Tab: left, then right, then the next measure; Shift+Tab back. */
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (right);
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (next_left);
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_focus_within (right);
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_focus_within (left);
  /* Before the first value, the visit's checks and fields, in order. */
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_focus_within (infection);
  gtk_widget_grab_focus (field (fixture, "notes"));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (field (fixture, "baseline"));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NO_SLR));
  gtk_widget_grab_focus (infection);
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (left);
  /* Before the date, Tab is GTK's. */
  gtk_widget_grab_focus (field (fixture, "date"));
  g_assert_false (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));

  /* From a measure's other controls: from its unit to its first value, from Add a trial to the
   * next measure; back from the unit to the value before it. */
  gtk_widget_grab_focus (vastus_measure_row_get_unit_dropdown (row (fixture, "quadriceps_hhd")));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (left);
  gtk_widget_grab_focus (vastus_measure_row_get_unit_dropdown (row (fixture, "quadriceps_hhd")));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_focus_within (infection);
  gtk_widget_grab_focus (vastus_measure_row_get_add_trial_button (row (fixture, "quadriceps_hhd")));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (next_left);
  gtk_widget_grab_focus (vastus_measure_row_get_add_trial_button (row (fixture, "quadriceps_hhd")));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_focus_within (right);

  /* … into a closed section, which opens (from the last strength measure's right side). */
  gtk_widget_grab_focus (input (fixture, "hip_abduction_frame", VASTUS_SIDE_RIGHT, 1));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (input (fixture, "thigh_girth_5", VASTUS_SIDE_LEFT, 1));

  /* Enter: left → right → the next measure's left. */
  gtk_widget_grab_focus (left);
  gtk_editable_set_text (GTK_EDITABLE (left), "300");
  g_signal_emit_by_name (left, "activate");
  assert_focus_within (right);
  gtk_editable_set_text (GTK_EDITABLE (right), "320");
  g_signal_emit_by_name (right, "activate");
  assert_focus_within (next_left);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (left)), ==, "300");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (right)), ==, "320");

  /* Enter in the very last value keeps it and moves to Save; the closed section opened. */
  gtk_widget_grab_focus (last);
  gtk_editable_set_text (GTK_EDITABLE (last), "7");
  g_signal_emit_by_name (last, "activate");
  iterate_until_idle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (last)), ==, "7");
  assert_focus_within (field (fixture, "save"));
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  /* … and Tab in it too. */
  gtk_widget_grab_focus (last);
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (field (fixture, "save"));

  /* Enter in a header field moves on to the next one. */
  gtk_widget_grab_focus (field (fixture, "body-mass"));
  g_signal_emit_by_name (field (fixture, "body-mass"), "entry-activated");
  assert_focus_within (field (fixture, "height"));
}

/* In a window that is not the active one (another application's came to the front), GTK has let
 * go of each container's focus child while the focus stays on the field: Ctrl+Tab still goes on
 * from the field, not from the top of the form. */
static void
test_keyboard_controls_inactive (Fixture       *fixture,
                                 gconstpointer  data)
{
  VastusMeasureRow *quad = row (fixture, "quadriceps_hhd");
  GtkWidget *right = input (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1);
  GtkWidget *focus;

  gtk_widget_grab_focus (right);
  gtk_test_widget_wait_for_draw (fixture->window);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, right));
  /* What the window does as it stops being the active one. */
  for (GtkWidget *w = gtk_widget_get_parent (focus); w != NULL; w = gtk_widget_get_parent (w))
    gtk_widget_set_focus_child (w, NULL);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);

  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (vastus_measure_row_get_add_trial_button (quad));
}

/* Effusion grades are typed as a value is: "1+" picks 1+, "t" trace, Backspace nothing; Enter
 * moves on as from a typed value. */
static void
test_typed_grades (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *left = input (fixture, "effusion_stroke", VASTUS_SIDE_LEFT, 1);
  GtkWidget *right = input (fixture, "effusion_stroke", VASTUS_SIDE_RIGHT, 1);

  gtk_widget_grab_focus (left);
  g_assert_true (press_key (left, GDK_KEY_1, 0));
  /* "1" already names 1+ alone (the choices in order: — 0, 0 1, trace 2, 1+ 3, 2+ 4, 3+ 5). */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (left)), ==, 3);
  g_assert_true (press_key (left, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (left)), ==, 3);
  g_assert_true (press_key (left, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (left)), ==, 0);
  g_assert_true (press_key (left, GDK_KEY_t, 0));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (left)), ==, 2);
  /* Enter: on to the right side, the choice kept. */
  g_assert_true (press_key (left, GDK_KEY_Return, 0));
  iterate_until_idle ();
  assert_focus_within (right);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (left)), ==, 2);
  g_assert_true (press_key (right, GDK_KEY_0, 0));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (right)), ==, 1);
}

/* Tests share the display: another test's window coming to the front makes this one inactive,
 * which takes its containers' focus children, and may take its focus. Before the next key, as a
 * person would click the window first: it is presented again (and waited for, a second at
 * most), and the focus put back where the last key left it (@focus), saying so. */
static void
to_front (Fixture   *fixture,
          GtkWidget *focus)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);

  if (!gtk_window_is_active (window))
    {
      gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

      gtk_window_present (window);
      while (!gtk_window_is_active (window) && g_get_monotonic_time () < deadline)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
    }
  if (focus != NULL && gtk_root_get_focus (GTK_ROOT (window)) != focus)
    {
      g_test_message ("Ctrl+Tab: the focus left a %s between two keys (another window came to "
                      "the front): put back", G_OBJECT_TYPE_NAME (focus));
      gtk_widget_grab_focus (focus);
      gtk_test_widget_wait_for_draw (fixture->window);
    }
}

/* Ctrl+Tab reaches every control in reading order and stays in the form until its end. */
static void
test_keyboard_controls (Fixture       *fixture,
                        gconstpointer  data)
{
  VastusMeasureRow *quad = row (fixture, "quadriceps_hhd");
  GtkWidget *right = input (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (fixture->editor));
  GtkWidget *before_buttons = NULL;
  GtkWidget *last = NULL;
  guint presses = 0;

  /* A warning, so that the row has its confirmation: Enter checks the value (a focus change
   * would too, but only in the active window, which a test sharing the display may not have) and
   * moves on to the right side. */
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "1400");
  gtk_widget_grab_focus (input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1));
  g_signal_emit_by_name (input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), "activate");
  iterate_until_idle ();
  assert_focus_within (right);
  g_assert_true (gtk_widget_get_visible (vastus_measure_row_get_confirm_check (quad)));
  /* Laid out: GTK moves the focus only to widgets that have their place. */
  gtk_test_widget_wait_for_draw (fixture->window);

  /* After the values: Add a trial, Value confirmed, the test conditions. */
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (vastus_measure_row_get_add_trial_button (quad));
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (vastus_measure_row_get_confirm_check (quad));
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (vastus_measure_row_get_conditions_button (quad));
  /* Opened, its fields are next: the knee angle. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vastus_measure_row_get_conditions_button (quad)), TRUE);
  {
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (vastus_measure_row_get_condition_entry (quad, "knee-angle"),
                                                                   GTK_TYPE_REVEALER));

    while (!gtk_revealer_get_child_revealed (revealer))
      g_main_context_iteration (NULL, TRUE);
  }
  /* Laid out again, the field mapped and able to take the focus (under load the frames after
   * the revealer's come later). */
  while (!gtk_widget_get_mapped (vastus_measure_row_get_condition_entry (quad, "knee-angle"))
         || !gtk_widget_get_child_visible (GTK_WIDGET (gtk_widget_get_ancestor (vastus_measure_row_get_condition_entry (quad, "knee-angle"),
                                                                                  GTK_TYPE_REVEALER))))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (vastus_measure_row_get_condition_entry (quad, "knee-angle"));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  /* Back: the confirmation, Add a trial, the right value. */
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_focus_within (right);
  /* Before the values, the unit. */
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_focus_within (input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_focus_within (vastus_measure_row_get_unit_dropdown (quad));

  /* On to the buttons below only after the form's last control (the last section's header); then
   * round to the first, the date. Each key moves the focus on, from where the last one left it
   * (to_front). */
  last = gtk_root_get_focus (root);
  while (!has_focus_within (field (fixture, "save")) || presses == 0)
    {
      GtkWidget *focus;

      g_assert_cmpuint (++presses, <, 300);
      to_front (fixture, last);
      focus = gtk_root_get_focus (root);
      g_assert_nonnull (focus);
      g_assert_true (focus == last);
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->editor)));
      if (gtk_widget_get_ancestor (focus, GTK_TYPE_ACTION_BAR) == NULL)
        before_buttons = focus;
      g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
      last = gtk_root_get_focus (root);
      g_assert_true (last != focus);
    }
  g_assert_nonnull (before_buttons);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (before_buttons, ADW_TYPE_EXPANDER_ROW))),
                   ==, "Questionnaires");
  to_front (fixture, last);
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  assert_focus_within (field (fixture, "date"));
  to_front (fixture, gtk_root_get_focus (root));
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_focus_within (field (fixture, "save"));
}

/* A checkbox row is one stop, the check (which says its state); the row still toggles it. */
static void
test_check_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *baseline = field (fixture, "baseline");
  GtkWidget *no_slr = vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NO_SLR);
  GtkWidget *row = gtk_widget_get_ancestor (no_slr, ADW_TYPE_ACTION_ROW);
  GtkRoot *root = gtk_widget_get_root (baseline);

  /* GTK's own order (Ctrl+Tab): the notes, the baseline check, the first finding's check. The
   * window's focus is what counts (gtk_widget_has_focus is FALSE too while another test's window
   * is the active one); each key from where the last one left it (to_front). */
  gtk_widget_grab_focus (field (fixture, "notes"));
  /* Laid out first: under load the focus chain may not be allocated yet. */
  gtk_test_widget_wait_for_draw (fixture->window);
  to_front (fixture, gtk_root_get_focus (root));
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_true (gtk_root_get_focus (root) == baseline);
  to_front (fixture, baseline);
  g_assert_true (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_true (gtk_root_get_focus (root) == no_slr);
  g_assert_false (gtk_widget_get_focusable (row));
  /* Activating the row (a click) toggles its check. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (no_slr)));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (no_slr)));
}

/* Whether @widget lies wholly inside the editor's visible area. */
static gboolean
in_view (Fixture   *fixture,
         GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

static gboolean deadline_cb (gpointer data);

/* Runs the main loop until @widget is in view; fails after a minute (a guard against a hang,
 * not a limit on speed). */
static void
wait_in_view (Fixture   *fixture,
              GtkWidget *widget)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (60, deadline_cb, &expired);

  while (!in_view (fixture, widget) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (deadline);
}

/* The focused field is always scrolled into view: a trial just added, the first field of a
 * section that opens as Tab reaches it. */
static void
test_focus_in_view (Fixture       *fixture,
                    gconstpointer  data)
{
  VastusMeasureRow *hop;
  GtkWidget *girth;

  /* Into the closed girth section from the last strength measure. */
  gtk_widget_grab_focus (input (fixture, "hip_abduction_frame", VASTUS_SIDE_RIGHT, 1));
  wait_in_view (fixture, input (fixture, "hip_abduction_frame", VASTUS_SIDE_RIGHT, 1));
  girth = input (fixture, "thigh_girth_5", VASTUS_SIDE_LEFT, 1);
  g_assert_false (in_view (fixture, girth));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (girth);
  wait_in_view (fixture, girth);

  /* A trial added far down (the single hop, in the functional tests). */
  hop = row (fixture, "single_hop");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (hop), ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  for (int i = 0; i < 6; i++)
    g_signal_emit_by_name (vastus_measure_row_get_add_trial_button (hop), "clicked");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (hop), ==, 7);
  assert_focus_within (vastus_measure_row_get_input (hop, VASTUS_SIDE_LEFT, 7));
  wait_in_view (fixture, vastus_measure_row_get_input (hop, VASTUS_SIDE_LEFT, 7));
}

static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  data)
{
  gtk_test_accessible_assert_property (input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Quadriceps HHD, left (involved)");
  gtk_test_accessible_assert_property (input (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Quadriceps HHD, right");
  gtk_test_accessible_assert_property (input (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Pain");
  gtk_test_accessible_assert_property (gtk_editable_get_delegate (GTK_EDITABLE (
                                         vastus_visit_editor_get_field (fixture->editor, "body-mass"))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Body mass (kg)");
  gtk_test_accessible_assert_property (vastus_measure_row_get_unit_dropdown (row (fixture, "quadriceps_hhd")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Quadriceps HHD: unit");
  gtk_test_accessible_assert_property (vastus_measure_row_get_condition_entry (row (fixture, "quadriceps_hhd"),
                                                                               "knee-angle"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Quadriceps HHD: knee angle in degrees");
  gtk_test_accessible_assert_property (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NERVE_BLOCK),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Recent or active femoral nerve block");
}

static void
test_safety_flags (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;

  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));
  g_signal_emit_by_name (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NERVE_BLOCK), "activate");
  iterate_until_idle ();
  g_assert_nonnull (vastus_visit_editor_get_safety_text (fixture->editor));
  g_signal_emit_by_name (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NERVE_BLOCK), "activate");
  iterate_until_idle ();
  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));

  /* Effusion 2+ shows once the grade is committed (saving checks everything). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input (fixture, "effusion_stroke", VASTUS_SIDE_LEFT, 1)), 4);
  g_signal_emit_by_name (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_DVT_SIGNS), "activate");
  save_ok (fixture);
  g_assert_nonnull (vastus_visit_editor_get_safety_text (fixture->editor));
  visit = only_visit (fixture);
  g_assert_cmpuint (visit->findings, ==, VASTUS_FINDING_DVT_SIGNS);
}

/* One message per bad value: nothing is derived from an impossible value. Last visit: flexion
 * 110° left (involved), 140° right. Now 400° left (0° to 170° possible): its message alone, no
 * change since the last visit on its side and no difference between the sides; the right's
 * change (145°, +5°) still shows. Pain 15 of 10 is an error about the range, not also a reason
 * to stop testing (the clinic's limit is 5): pain 6 is. */
static void
test_one_message_per_bad_value (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) previous = vastus_visit_new ();
  VastusMeasureRow *flexion;
  VastusMeasureRow *pain;
  const char *text;

  g_date_set_dmy (&previous->date, 1, G_DATE_MAY, 2026);
  previous->episode_id = fixture->episode->id;
  vastus_visit_add_measurement (previous, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT, 1, 110, "deg"));
  vastus_visit_add_measurement (previous, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_RIGHT, 1, 140, "deg"));
  insert_visit (fixture, previous);
  show_editor (fixture, new_visit_editor (fixture));
  flexion = row (fixture, "knee_flexion");
  pain = row (fixture, "pain_nrs");

  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, "120");
  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "145");
  /* Both possible: left +10°, right +5°, and the involved side 25° worse. */
  g_assert_cmpstr (vastus_measure_row_get_change_text (flexion), ==, "Since last visit: left +10°, right +5°");
  g_assert_nonnull (vastus_measure_row_get_symmetry_text (flexion));
  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, "400");
  g_assert_cmpstr (vastus_measure_row_get_change_text (flexion), ==, "Since last visit: right +5°");
  g_assert_null (vastus_measure_row_get_symmetry_text (flexion));

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "15");
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_HARD_LIMIT);
  g_assert_cmpuint (count_visits (fixture), ==, 1);
  g_assert_cmpstr (vastus_measure_row_get_problem_text (flexion), ==,
                   "Flexion, left: 400° is above the largest possible value, 170°.");
  g_assert_cmpstr (vastus_measure_row_get_problem_text (pain), ==,
                   "Pain: 15 is above the largest possible value, 10.");
  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));

  /* Saving checks everything (flexion still stops it). */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "6");
  g_clear_error (&error);
  g_assert_false (vastus_visit_editor_save (fixture->editor, &error));
  text = vastus_visit_editor_get_safety_text (fixture->editor);
  g_assert_nonnull (strstr (text, "Pain 6/10 is at or above the limit of 5/10"));
}

/* Knee extension and extension lag say beside their values how they are read; flexion needs
 * nothing said. */
static void
test_sign_convention (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_cmpstr (vastus_measure_row_get_convention_text (row (fixture, "knee_extension")), ==,
                   "0° is straight; 5 lacks 5° of extension; −5 hyperextends 5°.");
  g_assert_cmpstr (vastus_measure_row_get_convention_text (row (fixture, "extension_lag")), ==,
                   "Degrees short of the passive extension when straightened actively; 0 is none.");
  g_assert_null (vastus_measure_row_get_convention_text (row (fixture, "knee_flexion")));
}

/* Ctrl+S with an error and a warning: the keyboard goes to the error, though the form has the
 * warning first (flexion before pain); once the error is corrected, to the warning. */
static void
test_error_before_warning (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *unusual = input (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1);
  GtkWidget *impossible = input (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1);

  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "160");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "15");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL));
  iterate_until_idle ();
  assert_focus_within (impossible);
  g_assert_cmpuint (count_visits (fixture), ==, 0);

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL));
  iterate_until_idle ();
  assert_focus_within (unusual);
  g_assert_cmpuint (count_visits (fixture), ==, 0);
}

/* Before the tests, a visit earlier than the clinic's minimum after ACL reconstruction says so
 * (surgery 2026-01-05: 12 weeks = 84 days → 2026-03-30; 2026-03-09 is 63 days = 9.0 weeks). */
static void
set_visit_date (Fixture    *fixture,
                const char *date)
{
  GtkWidget *field = vastus_visit_editor_get_field (fixture->editor, "date");

  /* typed, then Enter */
  gtk_editable_set_text (GTK_EDITABLE (field), date);
  g_signal_emit_by_name (field, "entry-activated");
  iterate_until_idle ();
}

static void
test_early_maximal_test (Fixture       *fixture,
                         gconstpointer  data)
{
  VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;

  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));   /* 2026-06-01 */
  set_visit_date (fixture, "2026-03-09");
  g_assert_cmpstr (vastus_visit_editor_get_safety_text (fixture->editor), ==,
                   "Before maximal strength or hop testing:\n"
                   "• 9.0 weeks after ACL reconstruction: no hop test or maximal strength test "
                   "(MVIC, isokinetic) before 12 weeks, on 2026-03-30.");
  set_visit_date (fixture, "2026-03-30");
  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));
  /* the clinic's minimum from its preferences: 8 weeks = 2026-03-02 */
  set_visit_date (fixture, "2026-03-01");
  rules.maximal_test_weeks = 8;
  vastus_visit_editor_set_clinic_rules (fixture->editor, &rules);
  g_assert_nonnull (strstr (vastus_visit_editor_get_safety_text (fixture->editor), "before 8 weeks, on 2026-03-02"));
  set_visit_date (fixture, "2026-03-02");
  g_assert_null (vastus_visit_editor_get_safety_text (fixture->editor));
}

static void
test_previous_visit (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) previous = vastus_visit_new ();
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  VastusMeasurement *m;
  VastusMeasureRow *quad;

  g_date_set_dmy (&previous->date, 1, G_DATE_MAY, 2026);
  previous->episode_id = fixture->episode->id;
  m = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 40 * VASTUS_N_PER_KGF, "kgf");
  m->knee_angle_deg = 60;
  m->fixation = g_strdup ("belt");
  /* 33.3 cm as import stores it: the decimal point moved, 0.333 m (33.3 ÷ 100 would be
   * 0.33299999999999996). */
  g_assert_true (vastus_lever_arm_from_cm ("33.3", &m->lever_arm_m));
  g_assert_cmpfloat (m->lever_arm_m, ==, 0.333);
  vastus_visit_add_measurement (previous, m);
  vastus_visit_add_measurement (previous, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1,
                                                                  55 * VASTUS_N_PER_KGF, "kgf"));
  insert_visit (fixture, previous);

  show_editor (fixture, new_visit_editor (fixture));
  quad = row (fixture, "quadriceps_hhd");
  /* Unit and test conditions as last time. */
  g_assert_cmpstr (vastus_measure_row_get_unit (quad), ==, "kgf");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_condition_entry (quad, "knee-angle"))),
                   ==, "60");
  /* The lever arm too, in centimetres as typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_condition_entry (quad, "lever-arm"))),
                   ==, "33.3");
  /* The fixation beside the hand-held dynamometer, remembered; none for a fixed dynamometer. */
  g_assert_cmpstr (vastus_measure_row_get_fixation (quad), ==, "belt");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (vastus_measure_row_get_fixation_dropdown (quad))), ==, 1);
  g_assert_null (vastus_measure_row_get_fixation_dropdown (row (fixture, "quadriceps_mvic")));
  g_assert_null (vastus_measure_row_get_condition_entry (row (fixture, "quadriceps_isokinetic_60"), "knee-angle"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_condition_entry (
                     row (fixture, "quadriceps_isokinetic_60"), "velocity"))), ==, "60");
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "45");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "56");
  /* held by hand this time: position 3 of "Not recorded", "Belt", "Frame", "Held by hand" */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vastus_measure_row_get_fixation_dropdown (quad)), 3);
  g_assert_cmpstr (vastus_measure_row_get_fixation (quad), ==, "manual");
  save_ok (fixture);
  visits = list_visits (fixture);
  g_assert_cmpuint (visits->len, ==, 2);
  visit = vastus_visit_copy (g_ptr_array_index (visits, 1));
  m = (VastusMeasurement *) find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
  g_assert_nonnull (m);
  g_assert_cmpfloat_with_epsilon (m->value, 45 * VASTUS_N_PER_KGF, 1e-9);
  g_assert_cmpfloat (m->knee_angle_deg, ==, 60);
  /* The remembered lever arm, stored as import would store "33.3". */
  g_assert_cmpfloat (m->lever_arm_m, ==, 0.333);
  g_assert_cmpstr (m->fixation, ==, "manual");
}

static void
test_edit_visit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const VastusMeasurement *left;
  const char *history;

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "320");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  save_ok (fixture);
  stored = only_visit (fixture);

  show_editor (fixture, stored_visit_editor (fixture, stored->id));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1))),
                   ==, "300");
  g_assert_null (vastus_measure_row_get_history_text (row (fixture, "quadriceps_hhd")));

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "310");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  save_ok (fixture);

  visit = only_visit (fixture);
  g_assert_cmpint (visit->id, ==, stored->id);
  left = find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
  g_assert_nonnull (left);
  g_assert_cmpint (left->id, ==, find (stored, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1)->id);
  g_assert_cmpfloat (left->value, ==, 310);
  g_assert_null (find (visit, "pain_nrs", VASTUS_SIDE_NONE, 1));
  g_assert_cmpuint (visit->measurements->len, ==, 2);

  /* The change is audited and shown on the row. */
  audit = list_audit (fixture, left->id);
  g_assert_cmpuint (audit->len, >=, 2);
  history = vastus_measure_row_get_history_text (row (fixture, "quadriceps_hhd"));
  g_assert_nonnull (history);
  g_assert_nonnull (strstr (history, "edited by anna"));
  g_assert_nonnull (strstr (history, "was 300 N"));
}

/* A patient has one visit a day: saving a second one on a date that has one says so on the date
 * field (with the visit there is in the error, for "open that visit"), stores nothing, and
 * shows no database message. */
static void
test_one_visit_a_day (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) there = vastus_visit_new ();
  GtkWidget *date = vastus_visit_editor_get_field (fixture->editor, "date");
  g_autofree char *problem_copy = NULL;
  const char *problem;

  there->episode_id = fixture->episode->id;
  g_assert_true (vastus_date_parse (TODAY, &there->date, NULL));
  vastus_visit_add_measurement (there, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 2, "points"));
  insert_visit (fixture, there);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, TODAY);
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  /* Checked, and stored on the clinic's writer, which refuses it. */
  g_assert_true (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_no_error (error);
  iterate_until_idle ();
  g_assert_false (vastus_visit_editor_get_saving (fixture->editor));
  problem = vastus_visit_editor_get_problem_text (fixture->editor);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem, ==, "There is a visit on " TODAY " already: a patient has one visit a "
                                "day. Open that visit to add to it, or choose another date.");
  problem_copy = g_strdup (problem);
  g_assert_null (strstr (problem, "SQLite"));
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  /* Checked again (Enter on the date, or a field left), the date keeps its problem. */
  g_signal_emit_by_name (date, "entry-activated");
  iterate_until_idle ();
  g_assert_cmpstr (vastus_visit_editor_get_problem_text (fixture->editor), ==, problem_copy);
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpuint (count_visits (fixture), ==, 1);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  /* VASTUS_SCREENSHOT_DIR=DIR: how it looks, wide and light, narrow and dark. */
  ui_screenshot (fixture->window, "visit-editor-one-a-day-1280-light");
  if (g_getenv ("VASTUS_SCREENSHOT_DIR") != NULL)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
      gtk_widget_set_size_request (fixture->window, 360, 720);
      iterate_until_idle ();
      ui_screenshot (fixture->window, "visit-editor-one-a-day-360-dark");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }
  /* Still typed, not lost; another date saves. */
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-05-31");
  iterate_until_idle ();
  save_ok (fixture);
  g_assert_cmpuint (count_visits (fixture), ==, 2);
}

/* A new visit on a day the episode has one is said as the editor opens, before anything is
 * typed: the keyboard on the date, with its problem; another date clears it, and that day again
 * (Enter on the date) says it again. */
static void
test_same_date_up_front (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VastusVisit) there = vastus_visit_new ();
  GtkWidget *date;

  there->episode_id = fixture->episode->id;
  g_assert_true (vastus_date_parse (TODAY, &there->date, NULL));
  vastus_visit_add_measurement (there, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 2, "points"));
  insert_visit (fixture, there);
  show_editor (fixture, new_visit_editor (fixture));
  date = vastus_visit_editor_get_field (fixture->editor, "date");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, TODAY);
  g_assert_cmpstr (vastus_visit_editor_get_problem_text (fixture->editor), ==,
                   "There is a visit on " TODAY " already: a patient has one visit a day. Open "
                   "that visit to add to it, or choose another date.");
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  assert_focus_within (date);
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));

  gtk_editable_set_text (GTK_EDITABLE (date), "2026-05-31");
  g_signal_emit_by_name (date, "entry-activated");
  iterate_until_idle ();
  g_assert_null (vastus_visit_editor_get_problem_text (fixture->editor));
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  gtk_editable_set_text (GTK_EDITABLE (date), TODAY);
  g_signal_emit_by_name (date, "entry-activated");
  iterate_until_idle ();
  g_assert_nonnull (vastus_visit_editor_get_problem_text (fixture->editor));
  g_assert_cmpuint (count_visits (fixture), ==, 1);
}

/* The one trial limit is the editor's too: a stored visit's every trial is shown and kept, also
 * beyond the six the editor used to hold, and of a measure entered once (pain). */
static void
test_many_trials_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusVisit) stored = vastus_visit_new ();
  g_autoptr(VastusVisit) visit = NULL;

  stored->episode_id = fixture->episode->id;
  g_date_set_dmy (&stored->date, 20, G_DATE_MAY, 2026);
  for (int t = 1; t <= 8; t++)
    vastus_visit_add_measurement (stored, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, t, 100 + t, "cm"));
  for (int t = 1; t <= 3; t++)
    vastus_visit_add_measurement (stored, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, t, t, "points"));
  insert_visit (fixture, stored);

  show_editor (fixture, stored_visit_editor (fixture, stored->id));
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "single_hop")), ==, 8);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input (fixture, "single_hop", VASTUS_SIDE_LEFT, 8))), ==, "108");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "pain_nrs")), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "clinician")), "Anna");
  iterate_until_idle ();
  save_ok (fixture);
  visit = only_visit (fixture);
  g_assert_cmpuint (visit->measurements->len, ==, 11);
  assert_stored (visit, "single_hop", VASTUS_SIDE_LEFT, 8, 108, "cm");
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 3, 3, "points");
  /* Up to the limit, a trial more at a time. */
  for (int t = 9; t <= VASTUS_MAX_TRIALS; t++)
    g_assert_true (vastus_measure_row_add_trial (row (fixture, "single_hop")));
  g_assert_false (vastus_measure_row_add_trial (row (fixture, "single_hop")));
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "single_hop")), ==, VASTUS_MAX_TRIALS);
}

/* A stored visit whose values do not read back exactly from the text shown for them:
 * quadriceps left 300.123456789012 N at @left_knee_angle°, right 77.7 lbf at 90° (a baseline
 * value), pain 2. */
static VastusVisit *
store_precise_visit (Fixture *fixture,
                     double   left_knee_angle)
{
  g_autoptr(GError) error = NULL;
  VastusVisit *stored = vastus_visit_new ();
  VastusMeasurement *left, *right;

  g_date_set_dmy (&stored->date, 20, G_DATE_MAY, 2026);
  stored->episode_id = fixture->episode->id;
  left = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 300.123456789012, "N");
  left->knee_angle_deg = left_knee_angle;
  vastus_visit_add_measurement (stored, left);
  right = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 77.7 * VASTUS_N_PER_LBF, "lbf");
  right->knee_angle_deg = 90;
  right->baseline = TRUE;
  vastus_visit_add_measurement (stored, right);
  vastus_visit_add_measurement (stored, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 2, "points"));
  insert_visit (fixture, stored);
  return stored;
}

/* The precise visit after only its pain was changed to 3: the rest as stored, not audited again. */
static void
assert_untouched (Fixture *fixture,
                  double   left_knee_angle)
{
  g_autoptr(VastusVisit) visit = only_visit (fixture);
  const VastusMeasurement *left = find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
  const VastusMeasurement *right = find (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1);

  g_assert_cmpfloat (left->value, ==, 300.123456789012);
  g_assert_cmpfloat (left->knee_angle_deg, ==, left_knee_angle);
  g_assert_cmpfloat (right->value, ==, 77.7 * VASTUS_N_PER_LBF);
  g_assert_cmpstr (right->unit, ==, "lbf");
  g_assert_cmpfloat (right->knee_angle_deg, ==, 90);
  g_assert_true (right->baseline);
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 3, "points");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) audit = list_audit (fixture, (i == 0 ? left : right)->id);

      g_assert_cmpuint (audit->len, ==, 1);
      g_assert_cmpstr (((VastusAuditEntry *) g_ptr_array_index (audit, 0))->operation, ==, "insert");
    }
}

/* Values the user did not touch are stored again exactly as they were, with their own units
 * and test conditions, and get no audit entry. */
static void
test_edit_untouched (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VastusVisit) stored = store_precise_visit (fixture, 60);

  show_editor (fixture, stored_visit_editor (fixture, stored->id));
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  save_ok (fixture);
  assert_untouched (fixture, 60);
}

static void
test_baseline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VastusVisit) visit = NULL;

  g_signal_emit_by_name (vastus_visit_editor_get_field (fixture->editor, "baseline"), "activate");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "310");
  save_ok (fixture);
  visit = only_visit (fixture);
  g_assert_cmpuint (visit->measurements->len, ==, 2);
  g_assert_true (find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1)->baseline);
  g_assert_true (find (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1)->baseline);
}

/* Drafts: what is typed survives the editor being destroyed without a word (a crash). */

static gboolean
deadline_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
has_draft (Fixture *fixture,
           gint64   visit_id)
{
  g_autofree char *state = load_draft (fixture, visit_id);

  return state != NULL;
}

/* Runs the main loop until @done (@data) holds; fails after a minute (a guard against a hang,
 * not a limit on speed: the draft's wait is about a second). */
static void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (60, deadline_cb, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (deadline);
}

typedef struct
{
  Fixture *fixture;
  gint64   visit_id;
} DraftKey;

/* Whether the stored draft of the key's visit is what the form holds now. */
static gboolean
draft_current (gpointer data)
{
  DraftKey *key = data;
  g_autofree char *stored = load_draft (key->fixture, key->visit_id);
  g_autofree char *now = vastus_visit_draft_capture (key->fixture->editor);

  return g_strcmp0 (stored, now) == 0;
}

/* Waits for the editor's draft timeout to write the draft of @visit_id (0: a new visit) as the
 * form holds it now: a draft written earlier, while typing was slow, does not count. */
static void
wait_for_draft (Fixture *fixture,
                gint64   visit_id)
{
  DraftKey key = { fixture, visit_id };

  wait_until (draft_current, &key);
}

/* Closes the editor with unsaved changes and answers its question with @response. */
static void
close_answering (Fixture    *fixture,
                 const char *response)
{
  AdwMessageDialog *dialog;

  vastus_visit_editor_close (fixture->editor);
  iterate_until_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, response);
  iterate_until_idle ();
}

/* Closing keeps the draft at once, without waiting for the timeout (which draft-restore
 * tests); Cancel then keeps the editor. */
static void
close_undecided (Fixture *fixture)
{
  close_answering (fixture, "cancel");
}

/* Destroys the editor without a question, a save or a discard, as when the program is killed
 * (then only the draft is left; an editor that goes away writes what was still waiting). The
 * window goes with it (GTK 4.8's window keeps a widget it showed until it is destroyed itself). */
static void
crash (Fixture *fixture)
{
  gpointer editor = fixture->editor;

  g_object_add_weak_pointer (editor, &editor);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle ();
  g_assert_null (editor);
  fixture->editor = NULL;
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 900);
}

static const char *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static const char *
field_text (Fixture    *fixture,
            const char *name)
{
  return text_of (vastus_visit_editor_get_field (fixture->editor, name));
}

static const char *
input_text (Fixture    *fixture,
            const char *code,
            VastusSide  side,
            int         trial)
{
  return text_of (input (fixture, code, side, trial));
}

static void
set_field (Fixture    *fixture,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, name)), text);
  iterate_until_idle ();
}

/* The position of @symbol in a measure's unit drop-down. */
static guint
unit_position (Fixture    *fixture,
               const char *code,
               const char *symbol)
{
  GtkDropDown *units = GTK_DROP_DOWN (vastus_measure_row_get_unit_dropdown (row (fixture, code)));
  GListModel *model = gtk_drop_down_get_model (units);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), symbol))
      return i;
  g_assert_not_reached ();
}

static void
choose_unit (Fixture    *fixture,
             const char *code,
             const char *symbol)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vastus_measure_row_get_unit_dropdown (row (fixture, code))),
                              unit_position (fixture, code, symbol));
  iterate_until_idle ();
}

static void
add_trial (Fixture    *fixture,
           const char *code)
{
  g_signal_emit_by_name (vastus_measure_row_get_add_trial_button (row (fixture, code)), "clicked");
  iterate_until_idle ();
}

static void
set_draft_time (Fixture    *fixture,
                const char *saved_at)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE visit_draft SET saved_at = '%s'", saved_at);

  exec_sql (fixture, sql);
}

/* The first value text of measure @code in a draft's state (vastus-visit-draft.h), by hand. */
static const char *
draft_value (const char *state,
             const char *code)
{
  static char value[64];
  g_autoptr(GVariant) root = g_variant_parse (G_VARIANT_TYPE_VARDICT, state, NULL, NULL, NULL);
  g_autoptr(GVariant) measures = NULL;
  g_autoptr(GVariant) row_state = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GVariant) first = NULL;

  g_assert_nonnull (root);
  measures = g_variant_lookup_value (root, "measures", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (measures);
  row_state = g_variant_lookup_value (measures, code, G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (row_state);
  values = g_variant_lookup_value (row_state, "values", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (values);
  first = g_variant_get_child_value (values, 0);
  g_strlcpy (value, g_variant_get_string (first, NULL), sizeof value);
  return value;
}


static void
test_draft_restore (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VastusVisit) visit = NULL;
  GtkWidget *discard;

  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  set_field (fixture, "clinician", "Anna Draft");
  set_field (fixture, "body-mass", "7o");
  choose_unit (fixture, "quadriceps_hhd", "lbf");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "100");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "110");
  gtk_editable_set_text (GTK_EDITABLE (vastus_measure_row_get_condition_entry (row (fixture, "quadriceps_hhd"),
                                                                               "knee-angle")), "60");
  add_trial (fixture, "single_hop");
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 1, "120");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1, "150");
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 2, "130");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 2, "1x5");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input (fixture, "effusion_stroke", VASTUS_SIDE_LEFT, 1)), 2);
  g_signal_emit_by_name (vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_DVT_SIGNS), "activate");
  iterate_until_idle ();
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));

  wait_for_draft (fixture, 0);
  crash (fixture);
  g_assert_true (has_draft (fixture, 0));
  g_assert_cmpuint (count_visits (fixture), ==, 0);
  set_draft_time (fixture, "2026-11-21T14:03:07.123Z");

  show_editor (fixture, new_visit_editor (fixture));
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpstr (vastus_visit_editor_get_draft_notice (fixture->editor), ==,
                   "Restored entries not saved on 21 Nov 2026 at 14:03.");
  discard = vastus_visit_editor_get_field (fixture->editor, "draft-discard");
  g_assert_true (gtk_widget_is_drawable (discard));
  gtk_test_accessible_assert_property (discard, GTK_ACCESSIBLE_PROPERTY_LABEL, "Discard the restored entries");
  g_assert_cmpstr (field_text (fixture, "date"), ==, TODAY);
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "Anna Draft");
  g_assert_cmpstr (field_text (fixture, "body-mass"), ==, "7o");
  g_assert_cmpstr (vastus_measure_row_get_unit (row (fixture, "quadriceps_hhd")), ==, "lbf");
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "100");
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1), ==, "110");
  g_assert_cmpstr (text_of (vastus_measure_row_get_condition_entry (row (fixture, "quadriceps_hhd"), "knee-angle")),
                   ==, "60");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "single_hop")), ==, 2);
  g_assert_cmpstr (input_text (fixture, "single_hop", VASTUS_SIDE_LEFT, 2), ==, "130");
  g_assert_cmpstr (input_text (fixture, "single_hop", VASTUS_SIDE_RIGHT, 2), ==, "1x5");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (input (fixture, "effusion_stroke",
                                                                      VASTUS_SIDE_LEFT, 1))), ==, 2);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_DVT_SIGNS))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    vastus_visit_editor_get_finding (fixture->editor, VASTUS_FINDING_NO_SLR))));
  /* What does not read as a number is shown as such again. */
  g_assert_true (gtk_widget_has_css_class (input (fixture, "single_hop", VASTUS_SIDE_RIGHT, 2), "error"));

  /* Corrected and saved: the visit is stored, the draft and the notice are gone. */
  set_field (fixture, "body-mass", "70");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 2, "150");
  save_ok (fixture);
  g_assert_false (has_draft (fixture, 0));
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  visit = only_visit (fixture);
  g_assert_cmpstr (visit->clinician, ==, "Anna Draft");
  g_assert_cmpfloat (visit->body_mass_kg, ==, 70);
  g_assert_cmpuint (visit->findings, ==, VASTUS_FINDING_DVT_SIGNS);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 444.82216152605, "lbf");
  g_assert_cmpfloat (find (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1)->knee_angle_deg, ==, 60);
  assert_stored (visit, "single_hop", VASTUS_SIDE_LEFT, 2, 130, "cm");
  assert_stored (visit, "single_hop", VASTUS_SIDE_RIGHT, 2, 150, "cm");
  assert_stored (visit, "effusion_stroke", VASTUS_SIDE_LEFT, 1, VASTUS_GRADE_TRACE, "grade");
  g_assert_cmpuint (visit->measurements->len, ==, 7);
}

/* Holds the local drafts' thread at its next read until the test lets it go. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean reached;
  gboolean released;
} ReadHold;

static void
read_hold_cb (const char *state,
              gpointer    data)
{
  ReadHold *hold = data;

  g_mutex_lock (&hold->lock);
  hold->reached = TRUE;
  while (!hold->released)
    g_cond_wait (&hold->cond, &hold->lock);
  g_mutex_unlock (&hold->lock);
}

static gboolean
read_hold_reached (ReadHold *hold)
{
  gboolean reached;

  g_mutex_lock (&hold->lock);
  reached = hold->reached;
  g_mutex_unlock (&hold->lock);
  return reached;
}

static void
read_hold_release (ReadHold *hold)
{
  g_mutex_lock (&hold->lock);
  hold->released = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->lock);
}

/* Once the read went on: the hook taken away. */
static void
read_hold_clear (ReadHold *hold)
{
  vastus_local_draft_set_read_hook (NULL, NULL);
  g_mutex_clear (&hold->lock);
  g_cond_clear (&hold->cond);
}

/* Opens a new visit's editor with a draft kept on this computer (as when the server did not
 * take it), its read held on the local drafts' thread: returns once the read waits there (the
 * server's answer came first), the main loop going on meanwhile; or, were the draft read on the
 * main thread, once the form shows it (which the caller's checks then refuse). */
static void
open_with_local_draft (Fixture  *fixture,
                       ReadHold *hold)
{
  /* By hand, in the drafts' format (vastus-visit-draft.c, format 1): the notes alone. */
  const char *state = "{'format': <uint32 1>, 'notes': <'Kept on this computer'>}";
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  g_assert_cmpstr (field_text (fixture, "notes"), ==, "");
  crash (fixture);
  g_assert_true (vastus_local_draft_write (fixture->clinic, fixture->episode->id, 0, state,
                                           &error));
  g_assert_no_error (error);
  g_mutex_init (&hold->lock);
  g_cond_init (&hold->cond);
  vastus_local_draft_set_read_hook (read_hold_cb, hold);
  editor = new_visit_editor (fixture);
  fixture->editor = VASTUS_VISIT_EDITOR (editor);
  gtk_window_set_child (GTK_WINDOW (fixture->window), editor);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!read_hold_reached (hold) && *field_text (fixture, "notes") == '\0')
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  /* Still reading: nothing in the form yet, and no notice. */
  g_assert_cmpstr (field_text (fixture, "notes"), ==, "");
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
}

/* The local draft is read off the main thread; the form shows it when it arrives. */
static void
test_draft_local_read (Fixture       *fixture,
                       gconstpointer  data)
{
  ReadHold hold = { 0 };
  const char *notice;

  open_with_local_draft (fixture, &hold);
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  read_hold_release (&hold);
  iterate_until_idle ();
  read_hold_clear (&hold);
  g_assert_cmpstr (field_text (fixture, "notes"), ==, "Kept on this computer");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  notice = vastus_visit_editor_get_draft_notice (fixture->editor);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "Restored entries not saved on "));
}

/* What is typed while the local draft is being read wins: the draft arriving afterwards
 * replaces nothing, and says nothing. */
static void
test_draft_local_read_typed (Fixture       *fixture,
                             gconstpointer  data)
{
  ReadHold hold = { 0 };

  open_with_local_draft (fixture, &hold);
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor, "notes")),
                         "Typed meanwhile");
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (fixture->editor,
                                                                      "clinician")),
                         "Anna Typed");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  read_hold_release (&hold);
  iterate_until_idle ();
  read_hold_clear (&hold);
  g_assert_cmpstr (field_text (fixture, "notes"), ==, "Typed meanwhile");
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "Anna Typed");
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
}

/* Someone else's save of a visit open here: Ben, on another workstation, changes the left
 * quadriceps value to 320 N and the clinician, after the editor opened the visit. */
static void
their_save_func (VastusDatabase *db,
                 gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;
  VastusMeasurement *left = NULL;

  vastus_database_set_actor (db, "ben");
  g_free (call->visit->clinician);
  call->visit->clinician = g_strdup ("Ben Okafor");
  g_assert_true (vastus_database_update_visit (db, call->visit, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < call->visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (call->visit->measurements, i);

      if (g_str_equal (m->measure, "quadriceps_hhd") && m->side == VASTUS_SIDE_LEFT)
        left = m;
    }
  g_assert_nonnull (left);
  left->value = 320;
  g_assert_true (vastus_database_update_measurement (db, left, &error));
  g_assert_no_error (error);
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* VASTUS_SCREENSHOT_DIR=DIR: how @window looks, wide and light, then narrow and dark. */
static void
screenshots (GtkWidget  *window,
             const char *name)
{
  g_autofree char *wide = g_strdup_printf ("%s-1280-light", name);
  g_autofree char *narrow = g_strdup_printf ("%s-360-dark", name);

  if (g_getenv ("VASTUS_SCREENSHOT_DIR") == NULL)
    return;
  ui_screenshot (window, wide);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_widget_set_size_request (window, 360, 720);
  iterate_until_idle ();
  ui_screenshot (window, narrow);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The window comparing the versions, once open. */
static VastusCompareWindow *
compare_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (VASTUS_IS_COMPARE_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return VASTUS_COMPARE_WINDOW (window);
    }
  return NULL;
}

/* The editor opens the visit (left quadriceps 300 N); Ben saves 320 N; 305 N is typed here and
 * saved: refused, everything typed kept, and a notice naming Ben. */
static VastusVisit *
conflict_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  VastusVisit *theirs;
  DbCall call = { 0 };
  const char *notice;

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "320");
  save_ok (fixture);
  stored = only_visit (fixture);
  show_editor (fixture, stored_visit_editor (fixture, stored->id));

  call.visit = vastus_visit_copy (stored);
  db_call (fixture, their_save_func, &call);
  vastus_visit_free (call.visit);

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "305");
  g_assert_true (vastus_visit_editor_save (fixture->editor, &error));
  g_assert_no_error (error);
  iterate_until_idle ();
  notice = vastus_visit_editor_get_conflict_notice (fixture->editor);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "ben changed this visit at "));
  g_assert_true (g_str_has_suffix (notice, " after you opened it. What you typed is kept: compare "
                                           "it with their version, or reload theirs."));
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "305");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  theirs = only_visit (fixture);
  assert_stored (theirs, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 320, "N");
  g_assert_cmpstr (theirs->clinician, ==, "Ben Okafor");
  return theirs;
}

/* Compare lists what differs; Save Mine saves what was typed over their version. */
static void
test_conflict_save_mine (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VastusVisit) theirs = conflict_setup (fixture);
  g_autoptr(VastusVisit) visit = NULL;
  VastusCompareWindow *window;

  screenshots (fixture->window, "visit-editor-conflict");

  g_signal_emit_by_name (vastus_visit_editor_get_field (fixture->editor, "conflict-compare"), "clicked");
  iterate_until_idle ();
  window = compare_window ();
  g_assert_nonnull (window);
  /* The clinician (theirs "Ben Okafor", the form's "anna") and the left quadriceps (320 N,
   * 305 N). */
  g_assert_cmpuint (vastus_compare_window_get_n_differences (window), ==, 2);
  screenshots (GTK_WIDGET (window), "record-compare");

  g_signal_emit_by_name (find_button (GTK_WIDGET (window), "_Save Mine"), "clicked");
  iterate_until_idle ();
  g_assert_null (compare_window ());
  g_assert_null (vastus_visit_editor_get_conflict_notice (fixture->editor));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  visit = only_visit (fixture);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 305, "N");
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 320, "N");
  g_assert_cmpstr (visit->clinician, ==, "anna");
  g_assert_cmpint (visit->row_version, ==, theirs->row_version + 1);
}

/* Reload Theirs puts their version in the form, and ends what was typed and its draft. */
static void
test_conflict_reload (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VastusVisit) theirs = conflict_setup (fixture);
  g_autoptr(VastusVisit) visit = NULL;

  g_signal_emit_by_name (vastus_visit_editor_get_field (fixture->editor, "conflict-reload"), "clicked");
  iterate_until_idle ();
  g_assert_null (vastus_visit_editor_get_conflict_notice (fixture->editor));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "320");
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "Ben Okafor");
  g_assert_false (has_draft (fixture, theirs->id));
  visit = only_visit (fixture);
  g_assert_cmpint (visit->row_version, ==, theirs->row_version);

  /* Saved again from here, over their version: no conflict now. */
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "310");
  save_ok (fixture);
  g_assert_null (vastus_visit_editor_get_conflict_notice (fixture->editor));
  g_clear_pointer (&visit, vastus_visit_free);
  visit = only_visit (fixture);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 310, "N");
}

static void
test_draft_discard_notice (Fixture       *fixture,
                           gconstpointer  data)
{
  set_field (fixture, "clinician", "Ben");
  set_field (fixture, "date", "2026-05-31");
  choose_unit (fixture, "quadriceps_hhd", "kgf");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "30");
  add_trial (fixture, "single_hop");
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 2, "99");
  g_signal_emit_by_name (vastus_visit_editor_get_field (fixture->editor, "baseline"), "activate");
  close_undecided (fixture);
  crash (fixture);

  show_editor (fixture, new_visit_editor (fixture));
  g_assert_nonnull (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "Ben");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "single_hop")), ==, 2);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_field (fixture->editor,
                                                                                               "baseline"))));

  /* Discard: the form as a new visit opens, and no draft. */
  g_signal_emit_by_name (vastus_visit_editor_get_field (fixture->editor, "draft-discard"), "clicked");
  iterate_until_idle ();
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_false (has_draft (fixture, 0));
  /* The clinician: who is entering (the fixture's actor). */
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "anna");
  g_assert_cmpstr (field_text (fixture, "date"), ==, TODAY);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_field (fixture->editor,
                                                                                                "baseline"))));
  g_assert_cmpstr (vastus_measure_row_get_unit (row (fixture, "quadriceps_hhd")), ==, "N");
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (row (fixture, "single_hop")), ==, 1);
  g_assert_cmpuint (count_visits (fixture), ==, 0);

  /* Typing in the new form keeps a draft again. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "5");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  wait_for_draft (fixture, 0);
}

/* The draft of a stored visit being edited and that of a new visit are two. */
static void
test_draft_edit_apart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusVisit) visit = NULL;
  gint64 visit_id;

  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "300");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "320");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  save_ok (fixture);
  visit_id = fixture->saved_id;
  g_assert_false (has_draft (fixture, 0));

  /* Edit the stored visit, and crash. */
  show_editor (fixture, stored_visit_editor (fixture, visit_id));
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "310");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "two");
  close_undecided (fixture);
  crash (fixture);
  g_assert_false (has_draft (fixture, 0));

  /* A new visit does not get the edit's draft; it keeps its own. */
  show_editor (fixture, new_visit_editor (fixture));
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "");
  set_field (fixture, "clinician", "New One");
  close_undecided (fixture);
  crash (fixture);

  /* The edit comes back with its own draft, not the new visit's. */
  show_editor (fixture, stored_visit_editor (fixture, visit_id));
  g_assert_nonnull (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, "310");
  g_assert_cmpstr (input_text (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1), ==, "320");
  g_assert_cmpstr (input_text (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1), ==, "two");
  /* The stored visit's clinician: who entered it (the fixture's actor). */
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "anna");

  /* Saving the edit ends its draft only. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  save_ok (fixture);
  g_assert_false (has_draft (fixture, visit_id));
  g_assert_true (has_draft (fixture, 0));
  visit = only_visit (fixture);
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 310, "N");
  assert_stored (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 320, "N");
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 3, "points");
}

/* Restoring the draft of an edit leaves what it did not change exactly as stored, as typing
 * would (edit-untouched); here a knee angle that its shown text would round. */
static void
test_draft_edit_untouched (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VastusVisit) stored = store_precise_visit (fixture, 60.123456789012);

  show_editor (fixture, stored_visit_editor (fixture, stored->id));
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  close_undecided (fixture);
  crash (fixture);
  show_editor (fixture, stored_visit_editor (fixture, stored->id));
  g_assert_nonnull (vastus_visit_editor_get_draft_notice (fixture->editor));
  save_ok (fixture);
  assert_untouched (fixture, 60.123456789012);
}

/* An editor that goes away (its window closed by the desktop, the application quitting) writes
 * what was typed since the last draft at once: nothing typed is dropped. */
static void
test_draft_on_destroy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *state = NULL;

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "7");
  g_assert_cmpuint (vastus_visit_editor_get_n_pending_drafts (fixture->editor), ==, 0);
  crash (fixture);
  state = load_draft (fixture, 0);
  g_assert_nonnull (state);
  g_assert_cmpstr (draft_value (state, "pain_nrs"), ==, "7");
  show_editor (fixture, new_visit_editor (fixture));
  g_assert_cmpstr (input_text (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1), ==, "7");
}

static AdwExpanderRow *
find_section (GtkWidget  *widget,
              const char *title)
{
  if (ADW_IS_EXPANDER_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_EXPANDER_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwExpanderRow *found = find_section (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_measures (VastusCategory category)
{
  guint n = 0;

  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    n += vastus_catalog_get_nth (i)->category == category;
  return n;
}

/* A section's rows are made when it opens: a new visit starts with strength's only. */
static void
test_lazy_sections (Fixture       *fixture,
                    gconstpointer  data)
{
  GPtrArray *rows = vastus_visit_editor_get_rows (fixture->editor);
  AdwExpanderRow *function = find_section (GTK_WIDGET (fixture->editor),
                                           vastus_category_label (VASTUS_CATEGORY_FUNCTION));
  guint n_strength = count_measures (VASTUS_CATEGORY_STRENGTH);

  g_assert_cmpuint (rows->len, ==, n_strength);
  g_assert_nonnull (function);
  g_assert_false (adw_expander_row_get_expanded (function));
  adw_expander_row_set_expanded (function, TRUE);
  iterate_until_idle ();
  g_assert_cmpuint (rows->len, ==, n_strength + count_measures (VASTUS_CATEGORY_FUNCTION));
  /* Rows stay in the catalog's section order. */
  g_assert_true (vastus_measure_row_get_measure (g_ptr_array_index (rows, 0))->category
                 == VASTUS_CATEGORY_STRENGTH);
}

/* A draft is restored as not saved, even when it holds nothing beyond the form's start. */
static void
test_draft_unchanged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *state = vastus_visit_draft_capture (fixture->editor);

  save_draft (fixture, 0, state);
  crash (fixture);
  show_editor (fixture, new_visit_editor (fixture));
  g_assert_nonnull (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
}

/* Closing with unsaved changes keeps the draft at once; Discard, or closing unchanged, ends it. */
static void
test_draft_close (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "4");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "5");
  vastus_visit_editor_close (fixture->editor);
  /* Written at once, not a second later: the question may stay open until the power goes. */
  g_assert_cmpuint (vastus_visit_editor_get_n_pending_drafts (fixture->editor), ==, 1);
  iterate_until_idle ();
  g_assert_true (has_draft (fixture, 0));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  iterate_until_idle ();
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));
  {
    g_autofree char *state = load_draft (fixture, 0);

    g_assert_nonnull (state);
    g_assert_cmpstr (draft_value (state, "pain_nrs"), ==, "5");
  }

  close_answering (fixture, "discard");
  g_assert_cmpuint (fixture->n_cancelled, ==, 1);
  g_assert_false (has_draft (fixture, 0));
  g_assert_cmpuint (count_visits (fixture), ==, 0);

  /* An unchanged editor leaves no draft behind either. */
  g_assert_false (vastus_visit_editor_get_modified (fixture->editor));
  save_draft (fixture, 0, "left over");
  vastus_visit_editor_close (fixture->editor);
  iterate_until_idle ();
  g_assert_cmpuint (fixture->n_cancelled, ==, 2);
  g_assert_false (has_draft (fixture, 0));
}

static void
count_message_cb (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        data)
{
  guint *n_messages = data;

  g_test_message ("logged: %s", message);
  (*n_messages)++;
}

static gboolean
logged (gpointer data)
{
  return *(guint *) data > 0;
}

/* A draft that cannot be written (disk full, say) is logged once; typing and saving go on. */
static void
test_draft_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VastusVisit) visit = NULL;
  guint n_messages = 0;
  guint handler = g_log_set_handler ("vastus-visit-draft", G_LOG_LEVEL_MESSAGE,
                                     count_message_cb, &n_messages);

  /* Made by another connection: the clinic's writer sees them at its next statement. */
  exec_sql (fixture,
            "CREATE TRIGGER no_draft_insert BEFORE INSERT ON visit_draft "
            "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END; "
            "CREATE TRIGGER no_draft_delete BEFORE DELETE ON visit_draft "
            "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END;");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "3");
  wait_until (logged, &n_messages);
  g_assert_cmpuint (n_messages, ==, 1);

  /* Another failing save (closing saves at once): not logged again. */
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "4");
  close_undecided (fixture);
  g_assert_cmpuint (n_messages, ==, 1);

  /* The visit saves, though its draft cannot be deleted. */
  save_ok (fixture);
  /* Vastus opens no file with triggers it does not know. */
  clinic_test_exec_raw (fixture->path, "DROP TRIGGER no_draft_insert; DROP TRIGGER no_draft_delete");
  visit = only_visit (fixture);
  assert_stored (visit, "pain_nrs", VASTUS_SIDE_NONE, 1, 4, "points");
  g_assert_false (has_draft (fixture, 0));
  g_log_remove_handler ("vastus-visit-draft", handler);
}

/* A read-only database keeps no drafts: none is restored, written or deleted. */
static void
test_draft_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  VastusClinic *read_only;
  g_autoptr(VastusHistory) history = fixture_history (fixture);
  g_autofree char *reason = NULL;
  g_autofree char *state = NULL;
  guint n_messages = 0;
  guint handler;

  save_draft (fixture, 0, "{'format': <uint32 1>, 'clinician': <'Kept'>}");
  /* The clinic that may write goes (its connections keep the file writable), and the -wal is
   * emptied: a read-only view refuses a journal holding changes. */
  crash (fixture);
  g_assert_finalize_object (fixture->clinic);
  exec_sql (fixture, "PRAGMA wal_checkpoint (TRUNCATE)");
  if (!clinic_test_set_read_only (fixture->path, TRUE, &reason))
    {
      g_test_skip (reason);
      fixture->clinic = test_clinic = clinic_test_open (fixture->path);
      show_editor (fixture, new_visit_editor (fixture));
      return;
    }
  read_only = clinic_test_open (fixture->path);
  g_assert_true (vastus_clinic_is_read_only (read_only));
  /* The fixture ends it. */
  fixture->clinic = test_clinic = read_only;

  handler = g_log_set_handler ("vastus-visit-draft", G_LOG_LEVEL_MESSAGE, count_message_cb,
                               &n_messages);
  show_editor (fixture, vastus_visit_editor_new (read_only, history));
  g_assert_null (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "");
  set_field (fixture, "clinician", "Typed");
  close_answering (fixture, "discard");
  clinic_test_wait (read_only);
  /* Neither written nor deleted: no write was tried, so none failed. */
  g_assert_cmpuint (n_messages, ==, 0);
  g_log_remove_handler ("vastus-visit-draft", handler);

  g_assert_true (clinic_test_set_read_only (fixture->path, FALSE, &reason));
  state = load_draft (fixture, 0);
  g_assert_cmpstr (state, ==, "{'format': <uint32 1>, 'clinician': <'Kept'>}");
}

/* Test batteries */

/* The batteries the clinic lists, by code (built-in) or name. */
static const VastusTemplate *
clinic_battery (Fixture    *fixture,
                const char *code_or_name)
{
  GListModel *templates = vastus_clinic_get_templates (fixture->clinic);

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(VastusTemplateItem) item = g_list_model_get_item (templates, i);
      const VastusTemplate *t = vastus_template_item_get_template (item);

      if (g_strcmp0 (t->code, code_or_name) == 0 || g_strcmp0 (t->name, code_or_name) == 0)
        return t;
    }
  g_assert_not_reached ();
}

/* The codes of the measures the form shows, in the order Tab visits them. */
static char *
shown_measures (Fixture *fixture)
{
  GPtrArray *rows = vastus_visit_editor_get_rows (fixture->editor);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      VastusMeasureRow *r = g_ptr_array_index (rows, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", vastus_measure_row_get_measure (r)->code);
      if (vastus_measure_row_get_n_trials (r) > 1)
        g_string_append_printf (codes, "×%u", vastus_measure_row_get_n_trials (r));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* The visit's first value, then Tab, value by value: the values the keyboard visits. */
static guint
count_tabs_to_save (Fixture *fixture)
{
  guint presses = 0;

  while (!has_focus_within (field (fixture, "save")))
    {
      g_assert_cmpuint (++presses, <, 200);
      g_assert_true (press (fixture, GDK_KEY_Tab, 0));
    }
  return presses;
}

/* A new visit opens with the battery for the episode's condition and phase: 21 weeks after ACL
 * reconstruction, return to running (from week 12 to week 39). Its measures in its order, with
 * its trials; nothing else; the keyboard starts on its first value, Tab goes through its values
 * alone, then to Save; the visit names the battery; the clinician is who is entering. */
static void
test_battery_default (Fixture       *fixture,
                      gconstpointer  data)
{
  const VastusTemplate *running = clinic_battery (fixture, "aclr-running");
  g_autofree char *shown = shown_measures (fixture);
  g_autoptr(VastusVisit) visit = NULL;

  g_assert_nonnull (vastus_visit_editor_get_battery (fixture->editor));
  g_assert_cmpint (vastus_visit_editor_get_battery (fixture->editor)->id, ==, running->id);
  g_assert_cmpstr (shown, ==, "pain_nrs effusion_stroke knee_extension knee_flexion "
                              "quadriceps_hhd×3 hamstrings_hhd×3 single_hop×2 single_leg_squat_valgus");
  g_assert_false (vastus_visit_editor_shows_measure (fixture->editor, "thigh_girth_10"));
  g_assert_cmpstr (adw_combo_row_get_selected_item (ADW_COMBO_ROW (field (fixture, "battery"))) != NULL
                   ? gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (field (fixture, "battery"))))
                   : NULL, ==, "ACL reconstruction: return to running");
  g_assert_cmpstr (field_text (fixture, "clinician"), ==, "anna");

  /* The first value has the keyboard; Tab visits each value once: pain 1, effusion 2,
   * extension 2, flexion 2, quadriceps 3 × 2, hamstrings 3 × 2, single hop 2 × 2, squat 2 — 25
   * values, so 24 presses to the last, and one more to Save. */
  assert_focus_within (input (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1));
  g_assert_cmpuint (count_tabs_to_save (fixture), ==, 25);

  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  save_ok (fixture);
  visit = only_visit (fixture);
  g_assert_cmpint (visit->template_id, ==, running->id);
  g_assert_cmpstr (visit->clinician, ==, "anna");
}

/* Any measure can be added: its row comes after the battery's, has the keyboard, and is saved. */
static void
test_battery_add_measure (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkDropDown *add = GTK_DROP_DOWN (field (fixture, "add-measure"));
  GListModel *choices = gtk_drop_down_get_model (add);
  guint girth = 0;
  g_autoptr(VastusVisit) visit = NULL;

  /* The catalog's measures the battery leaves out, after "Choose…". */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, vastus_catalog_get_n_measures () - 8 + 1);
  for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (choices, i);

      g_assert_cmpstr (gtk_string_object_get_string (item), !=, "Pain (numeric rating 0–10)");
      if (g_str_has_prefix (gtk_string_object_get_string (item), "Thigh girth 10 cm"))
        girth = i;
    }
  g_assert_cmpuint (girth, >, 0);
  gtk_drop_down_set_selected (add, girth);
  iterate_until_idle ();
  g_assert_true (vastus_visit_editor_shows_measure (fixture->editor, "thigh_girth_10"));
  assert_focus_within (input (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1));
  /* Chosen once: gone from the choices, which are back at "Choose…". */
  g_assert_cmpuint (gtk_drop_down_get_selected (add), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (add)), ==,
                    vastus_catalog_get_n_measures () - 9 + 1);
  /* After the battery's last value. */
  gtk_widget_grab_focus (input (fixture, "single_leg_squat_valgus", VASTUS_SIDE_RIGHT, 1));
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  assert_focus_within (input (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1));

  type (fixture, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, "44.5");
  type (fixture, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, "46");
  save_ok (fixture);
  visit = only_visit (fixture);
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_LEFT, 1, 44.5, "cm");
  assert_stored (visit, "thigh_girth_10", VASTUS_SIDE_RIGHT, 1, 46, "cm");
}

/* Another battery, or every measure, keeps what was typed. */
static void
test_battery_switch (Fixture       *fixture,
                     gconstpointer  data)
{
  const VastusTemplate *early = clinic_battery (fixture, "aclr-early");
  g_autofree char *shown = NULL;

  type (fixture, "hamstrings_hhd", VASTUS_SIDE_LEFT, 2, "150");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1, "120");
  g_assert_true (vastus_visit_editor_choose_battery (fixture->editor, early->id));
  iterate_until_idle ();
  /* The early battery, and the two measures that hold values after it. */
  shown = shown_measures (fixture);
  g_assert_cmpstr (shown, ==, "pain_nrs effusion_stroke knee_extension knee_flexion extension_lag "
                              "thigh_girth_10 quadriceps_hhd×3 hamstrings_hhd×3 single_hop×2");
  g_assert_cmpstr (input_text (fixture, "hamstrings_hhd", VASTUS_SIDE_LEFT, 2), ==, "150");
  g_assert_cmpstr (input_text (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1), ==, "120");
  g_assert_true (vastus_visit_editor_get_modified (fixture->editor));

  /* Every measure: by section, the values still there. */
  g_assert_true (vastus_visit_editor_choose_battery (fixture->editor, 0));
  iterate_until_idle ();
  g_assert_null (vastus_visit_editor_get_battery (fixture->editor));
  g_assert_null (field (fixture, "add-measure"));
  g_assert_cmpstr (input_text (fixture, "hamstrings_hhd", VASTUS_SIDE_LEFT, 2), ==, "150");
  g_assert_cmpstr (input_text (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1), ==, "120");
}

static void
insert_previous_func (VastusDatabase *db,
                      gpointer        data)
{
  DbCall *call = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_insert_visit (db, call->visit, &error));
  g_assert_no_error (error);
}

/* The episode's last visit's battery comes first, whatever the phase; then the clinic's own
 * before a built-in one, with the unit of the clinic's device. */
static void
test_battery_last_and_clinic (Fixture       *fixture,
                              gconstpointer  data)
{
  const VastusTemplate *early = clinic_battery (fixture, "aclr-early");
  g_autoptr(VastusVisit) previous = vastus_visit_new ();
  g_autoptr(VastusTemplate) ours = vastus_template_new ();
  g_autoptr(VastusTemplate) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VastusMeasureRow *quad;

  previous->episode_id = fixture->episode->id;
  g_assert_true (vastus_date_parse ("2026-05-04", &previous->date, NULL));
  previous->template_id = early->id;
  vastus_visit_add_measurement (previous, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 3,
                                                                  "points"));
  {
    DbCall call = { .visit = previous };

    db_call (fixture, insert_previous_func, &call);
  }
  show_editor (fixture, new_visit_editor (fixture));
  g_assert_cmpint (vastus_visit_editor_get_battery (fixture->editor)->id, ==, early->id);

  /* The clinic's battery for ACL reconstruction, any phase: quadriceps in lbf, three trials. */
  ours->name = g_strdup ("Our ACL battery");
  ours->any_condition = FALSE;
  ours->condition = VASTUS_CONDITION_ACLR;
  vastus_template_add_measure (ours, "quadriceps_hhd", 3, "lbf");
  vastus_template_add_measure (ours, "effusion_stroke", 1, NULL);
  vastus_clinic_save_template_async (fixture->clinic, ours, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (fixture->clinic, &result);
  stored = vastus_clinic_save_template_finish (fixture->clinic, result, &error);
  g_assert_no_error (error);
  iterate_until_idle ();
  /* The open editor keeps its battery, and offers the new one. */
  g_assert_cmpint (vastus_visit_editor_get_battery (fixture->editor)->id, ==, early->id);
  g_assert_true (vastus_visit_editor_choose_battery (fixture->editor, stored->id));
  iterate_until_idle ();
  quad = row (fixture, "quadriceps_hhd");
  g_assert_cmpstr (vastus_measure_row_get_unit (quad), ==, "lbf");
  g_assert_cmpuint (vastus_measure_row_get_n_trials (quad), ==, 3);

  /* Without the last visit's, the clinic's comes before the built-in one of the phase. */
  exec_sql (fixture, "DELETE FROM visit_template_use");
  show_editor (fixture, new_visit_editor (fixture));
  g_assert_cmpint (vastus_visit_editor_get_battery (fixture->editor)->id, ==, stored->id);
}

/* A draft keeps the battery and a measure added to it. */
static void
test_battery_draft (Fixture       *fixture,
                    gconstpointer  data)
{
  const VastusTemplate *sport = clinic_battery (fixture, "aclr-sport");

  g_assert_true (vastus_visit_editor_choose_battery (fixture->editor, sport->id));
  iterate_until_idle ();
  type (fixture, "triple_hop", VASTUS_SIDE_LEFT, 2, "410");
  type (fixture, "y_balance_anterior", VASTUS_SIDE_LEFT, 1, "61");
  wait_for_draft (fixture, 0);
  close_undecided (fixture);
  crash (fixture);

  show_editor (fixture, new_visit_editor (fixture));
  g_assert_nonnull (vastus_visit_editor_get_draft_notice (fixture->editor));
  g_assert_cmpint (vastus_visit_editor_get_battery (fixture->editor)->id, ==, sport->id);
  g_assert_cmpstr (input_text (fixture, "triple_hop", VASTUS_SIDE_LEFT, 2), ==, "410");
  g_assert_cmpstr (input_text (fixture, "y_balance_anterior", VASTUS_SIDE_LEFT, 1), ==, "61");
  /* The measures it showed, and no row for a measure without a value. */
  g_assert_false (vastus_visit_editor_shows_measure (fixture->editor, "pain_nrs"));
}

/* Every widget of @widget's tree whose narrowest is wider than @limit, as test messages: what
 * keeps the window from 360 px. */
static void
report_wide (GtkWidget *widget,
             int        limit,
             int        depth)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > limit)
    g_test_message ("%*s%s%s%s: at least %d px", depth, "", G_OBJECT_TYPE_NAME (widget),
                    GTK_IS_LABEL (widget) ? " " : "",
                    GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "", min);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    report_wide (c, limit, depth + 1);
}

/* The editor fits a 360 px window with its battery's values typed (LSI, change and unit beside
 * each measure's name), as it does empty. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->editor), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                      NULL, NULL);
  if (min > 360)
    report_wide (GTK_WIDGET (fixture->editor), 330, 0);
  g_assert_cmpint (min, <=, 360);
  type (fixture, "knee_flexion", VASTUS_SIDE_LEFT, 1, "118");
  type (fixture, "knee_flexion", VASTUS_SIDE_RIGHT, 1, "142");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, "160");
  type (fixture, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, "240");
  type (fixture, "knee_extension", VASTUS_SIDE_LEFT, 1, "3");
  type (fixture, "knee_extension", VASTUS_SIDE_RIGHT, 1, "0");
  type (fixture, "single_hop", VASTUS_SIDE_LEFT, 1, "110");
  type (fixture, "single_hop", VASTUS_SIDE_RIGHT, 1, "150");
  type (fixture, "pain_nrs", VASTUS_SIDE_NONE, 1, "2");
  gtk_widget_measure (GTK_WIDGET (fixture->editor), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                      NULL, NULL);
  if (min > 360)
    report_wide (GTK_WIDGET (fixture->editor), 330, 0);
  g_assert_cmpint (min, <=, 360);

  /* The window around it too: its title and buttons. */
  {
    g_autoptr(VastusHistory) history = fixture_history (fixture);
    VastusVisitWindow *window = vastus_visit_window_new (NULL, fixture->clinic, history, 0);

    gtk_window_present (GTK_WINDOW (window));
    iterate_until_idle ();
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL,
                        NULL);
    if (min > 360)
      report_wide (GTK_WIDGET (window), 330, 0);
    gtk_window_destroy (GTK_WINDOW (window));
    iterate_until_idle ();
    g_assert_cmpint (min, <=, 360);
  }
}

int
main (int argc, char *argv[])
{
  g_setenv ("VASTUS_TODAY", TODAY, TRUE);
  /* The restored-draft notice shows local time. */
  g_setenv ("TZ", "UTC", TRUE);
  /* In-process accessibility checks need GTK's test backend, not "none". */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setlocale (LC_ALL, "C.UTF-8");

#define ADD(path, func) \
  g_test_add ("/ui-visit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("save-values", test_save_values);
  ADD ("trials", test_trials);
  ADD ("hard-limit-blocks", test_hard_limit_blocks);
  ADD ("not-a-number-blocks", test_not_a_number_blocks);
  ADD ("soft-warning-confirm", test_soft_warning_confirm);
  ADD ("header-warning-confirm", test_header_warning_confirm);
  ADD ("imperial-units", test_imperial_units);
  ADD ("comma-decimal", test_comma_decimal);
  ADD ("german-entry", test_german_entry);
  ADD ("live-symmetry", test_live_symmetry);
  ADD ("save-action", test_save_action);
  ADD ("unsaved-changes", test_unsaved_changes);
  ADD ("keyboard", test_keyboard);
  ADD ("keyboard-controls", test_keyboard_controls);
  ADD ("keyboard-controls-inactive", test_keyboard_controls_inactive);
  ADD ("typed-grades", test_typed_grades);
  ADD ("check-rows", test_check_rows);
  ADD ("focus-in-view", test_focus_in_view);
  ADD ("accessible-labels", test_accessible_labels);
  ADD ("safety-flags", test_safety_flags);
  ADD ("one-message-per-bad-value", test_one_message_per_bad_value);
  ADD ("error-before-warning", test_error_before_warning);
  ADD ("sign-convention", test_sign_convention);
  ADD ("early-maximal-test", test_early_maximal_test);
  ADD ("one-conversion", test_one_conversion);
  ADD ("previous-visit", test_previous_visit);
  ADD ("edit-visit", test_edit_visit);
  ADD ("one-visit-a-day", test_one_visit_a_day);
  ADD ("conflict-save-mine", test_conflict_save_mine);
  ADD ("conflict-reload", test_conflict_reload);
  ADD ("many-trials-kept", test_many_trials_kept);
  ADD ("edit-untouched", test_edit_untouched);
  ADD ("baseline", test_baseline);
  ADD ("draft-restore", test_draft_restore);
  ADD ("draft-local-read", test_draft_local_read);
  ADD ("draft-local-read-typed", test_draft_local_read_typed);
  ADD ("draft-discard-notice", test_draft_discard_notice);
  ADD ("draft-edit-apart", test_draft_edit_apart);
  ADD ("draft-edit-untouched", test_draft_edit_untouched);
  ADD ("draft-on-destroy", test_draft_on_destroy);
  ADD ("lazy-sections", test_lazy_sections);
  ADD ("draft-unchanged", test_draft_unchanged);
  ADD ("draft-close", test_draft_close);
  ADD ("draft-failure", test_draft_failure);
  ADD ("draft-read-only", test_draft_read_only);
#undef ADD
#define ADD_BATTERY(path, func) \
  g_test_add ("/ui-visit/" path, Fixture, "battery", fixture_setup, func, fixture_teardown)
  ADD_BATTERY ("battery-default", test_battery_default);
  ADD_BATTERY ("narrow", test_narrow);
  ADD_BATTERY ("battery-add-measure", test_battery_add_measure);
  ADD_BATTERY ("battery-switch", test_battery_switch);
  ADD_BATTERY ("battery-last-and-clinic", test_battery_last_and_clinic);
  ADD_BATTERY ("battery-draft", test_battery_draft);
  /* With the battery the editor opens with: the keyboard's first place is the editor's own. */
  ADD_BATTERY ("same-date-up-front", test_same_date_up_front);
#undef ADD_BATTERY

  return g_test_run ();
}
