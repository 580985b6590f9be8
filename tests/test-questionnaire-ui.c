/* Questionnaires in the window (under Xvfb): the grid typed with the keyboard (digits only,
 * each completed answer moving on), the live scores and the missing-item rule, Apply and Save
 * storing answers and scores with the visit, and the patient mode's lock.
 *
 * A widget test: the journey suite that drives the real binary will drive these too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "vastus-chart-table.h"
#include "vastus-chart-view.h"
#include "clinic-test-util.h"
#include "vastus-clinic-questionnaires.h"
#include "vastus-measure-row.h"
#include "vastus-patient-mode.h"
#include "vastus-prom-chart.h"
#include "vastus-questionnaire-preferences.h"
#include "vastus-questionnaire-store.h"
#include "vastus-questionnaire-window.h"
#include "vastus-visit-draft.h"
#include "vastus-draft-store.h"
#include "vastus-visit-editor.h"

typedef struct
{
  char           *dir;
  char           *path;
  VastusClinic   *clinic;
  VastusPatient  *patient;
  VastusEpisode  *episode;
} Fixture;

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The fixture's own reads and writes, on a connection and a thread of their own (the main thread
 * is guarded while the clinic exists). */
static void
insert_records_func (VastusDatabase *db,
                     gpointer        data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  vastus_database_insert_patient (db, f->patient, &error);
  g_assert_no_error (error);
  f->episode->patient_id = f->patient->id;
  vastus_database_insert_episode (db, f->episode, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-test-questionnaire-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  f->patient = vastus_patient_new ();
  f->patient->mrn = g_strdup ("Q-UI");
  f->patient->name = g_strdup ("Grid Patient");
  f->episode = vastus_episode_new ();
  f->episode->condition = VASTUS_CONDITION_PFP;
  f->episode->involved_side = VASTUS_SIDE_RIGHT;
  clinic_test_in_thread (f->path, insert_records_func, f);
  f->clinic = clinic_test_open (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  clinic_test_wait (f->clinic);
  vastus_clinic_close (f->clinic);
  g_clear_object (&f->clinic);
  vastus_patient_free (f->patient);
  vastus_episode_free (f->episode);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* VASTUS_SCREENSHOT_DIR=DIR saves DIR/NAME.png of @widget (to look at it). */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("VASTUS_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gtk_test_widget_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The same in the light and the dark style, at its size and at 360 px wide (phone-sized). */
static void
maybe_screenshots (GtkWidget  *window,
                   const char *name)
{
  AdwStyleManager *styles = adw_style_manager_get_default ();
  int width = 0, height = 0;

  if (g_getenv ("VASTUS_SCREENSHOT_DIR") == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  for (int narrow = 0; narrow <= 1; narrow++)
    for (int dark = 0; dark <= 1; dark++)
      {
        g_autofree char *file = g_strdup_printf ("%s-%s-%s", name, narrow ? "360" : "wide",
                                                 dark ? "dark" : "light");

        adw_style_manager_set_color_scheme (styles, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                         : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_unfullscreen (GTK_WINDOW (window));
        gtk_window_set_default_size (GTK_WINDOW (window), narrow ? 360 : width, narrow ? 720 : height);
        for (int i = 0; i < 20; i++)
          g_main_context_iteration (NULL, FALSE);
        iterate_until_idle ();
        maybe_screenshot (window, file);
      }
  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  iterate_until_idle ();
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The grid's Hand to Patient button. */
static GtkWidget *
hand_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Hand to Patient") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hand_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses keys on the grid's list, as the keyboard does: each character of @keys is a key
 * ('\b' Backspace, '\n' Enter). */
static void
press (GtkWidget  *window,
       const char *keys)
{
  GtkWidget *list = find_descendant (window, GTK_TYPE_LIST_BOX);
  GListModel *controllers = gtk_widget_observe_controllers (list);
  GtkEventController *key = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        key = c;
    }
  g_object_unref (controllers);
  g_assert_nonnull (key);
  for (const char *p = keys; *p != '\0'; p++)
    {
      guint keyval = *p == '\b' ? GDK_KEY_BackSpace : *p == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval (*p);
      gboolean handled = FALSE;

      g_signal_emit_by_name (key, "key-pressed", keyval, 0, 0, &handled);
      g_assert_true (handled);
    }
}

static GtkWidget *
grid_new (VastusClinic *clinic,
          const char   *instrument)
{
  GtkWidget *window = vastus_questionnaire_window_new (clinic, NULL, instrument);

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  return window;
}

static int
answer (GtkWidget  *window,
        const char *item)
{
  int points = -1;

  if (!vastus_response_get_answer (vastus_questionnaire_window_get_response (VASTUS_QUESTIONNAIRE_WINDOW (window)),
                                   item, &points))
    return -1;
  return points;
}

/* KOOS from the keyboard: symptoms all 0, then pain all 1, each digit moving on. */
static void
test_grid_koos (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *window = grid_new (f->clinic, "koos");
  VastusQuestionnaireWindow *grid = VASTUS_QUESTIONNAIRE_WINDOW (window);

  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 0),
                   ==, "Pain: 0 of 9 answered — needs 5, not scored");
  press (window, "0000000");
  g_assert_cmpuint (vastus_questionnaire_window_get_cursor (grid), ==, 7);
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 1), ==, "Symptoms: 100.0 (7 of 7 answered)");
  press (window, "1111");
  /* The missing-item rule where it bites. */
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 0),
                   ==, "Pain: 4 of 9 answered — needs 5, not scored");
  press (window, "11111");
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 0), ==, "Pain: 75.0 (9 of 9 answered)");
  g_assert_cmpint (answer (window, "P9"), ==, 1);
  g_assert_cmpuint (vastus_questionnaire_window_get_cursor (grid), ==, 16);
  maybe_screenshots (window, "questionnaire-grid-koos");

  /* A digit that is no answer of A1 (0–4) is refused with what it takes, and nothing moves. */
  press (window, "7");
  g_assert_cmpint (answer (window, "A1"), ==, -1);
  g_assert_cmpuint (vastus_questionnaire_window_get_cursor (grid), ==, 16);
  g_assert_cmpstr (vastus_questionnaire_window_get_message (grid), ==, "A1 takes 0–4, not 7.");

  /* Backspace on an unanswered item goes back and clears P9: pain at 8 of 9, 75 still. */
  press (window, "\b");
  g_assert_cmpint (answer (window, "P9"), ==, -1);
  g_assert_cmpuint (vastus_questionnaire_window_get_cursor (grid), ==, 15);
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 0), ==, "Pain: 75.0 (8 of 9 answered)");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Points of two digits: a digit waits while a longer answer may follow. Lysholm:
 * 5 | 2 | 15 | 20 | 25 | 10 | 6 | 4 = 87. */
static void
test_grid_two_digits (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = grid_new (f->clinic, "lysholm");
  VastusQuestionnaireWindow *grid = VASTUS_QUESTIONNAIRE_WINDOW (window);

  press (window, "52152025");
  g_assert_cmpint (answer (window, "limp"), ==, 5);
  g_assert_cmpint (answer (window, "support"), ==, 2);
  g_assert_cmpint (answer (window, "locking"), ==, 15);
  g_assert_cmpint (answer (window, "instability"), ==, 20);
  g_assert_cmpint (answer (window, "pain"), ==, 25);
  press (window, "1064");
  g_assert_cmpint (answer (window, "swelling"), ==, 10);
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (grid, 0), ==, "Score: 87.0 (8 of 8 answered)");
  gtk_window_destroy (GTK_WINDOW (window));

  /* IKDC item 2 takes 0–10: "1" waits for a possible "10"; a "3" that cannot follow makes it
   * 1 and answers item 3. Enter confirms a waiting "1". */
  window = grid_new (f->clinic, "ikdc");
  press (window, "4");        /* item 1 */
  press (window, "13");       /* item 2 = 1, item 3 = 3 */
  g_assert_cmpint (answer (window, "2"), ==, 1);
  g_assert_cmpint (answer (window, "3"), ==, 3);
  press (window, "4410");     /* items 4, 5, then 6 = 1 (0/1: "1" is complete), 7 = 0 */
  g_assert_cmpint (answer (window, "6"), ==, 1);
  g_assert_cmpint (answer (window, "7"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  Fixture   *f;
  GPtrArray *visits;
  GPtrArray *responses;
} Stored;

static void
list_stored_func (VastusDatabase *db,
                  gpointer        data)
{
  Stored *stored = data;
  g_autoptr(GError) error = NULL;

  stored->visits = vastus_database_list_visits (db, stored->f->episode->id, &error);
  g_assert_no_error (error);
  stored->responses = vastus_database_list_responses (db, stored->f->episode->id, &error);
  g_assert_no_error (error);
}

/* Apply hands the answers to the visit editor; Save stores them with their scores, linked. */
static void
test_editor_apply_and_save (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *host = gtk_window_new ();
  g_autoptr(VastusHistory) history = vastus_history_new (vastus_patient_copy (f->patient),
                                                         vastus_episode_copy (f->episode));
  GtkWidget *editor = vastus_visit_editor_new (f->clinic, history);
  g_autoptr(GError) error = NULL;
  Stored stored = { f, NULL, NULL };
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  GtkWidget *grid = NULL;
  GList *toplevels;
  VastusMeasureRow *row;

  gtk_window_set_default_size (GTK_WINDOW (host), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (host), editor);
  gtk_window_present (GTK_WINDOW (host));
  while (!gtk_widget_get_mapped (editor))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();

  g_assert_true (gtk_widget_activate_action (editor, "editor.questionnaire", NULL));
  iterate_until_idle ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VASTUS_IS_QUESTIONNAIRE_WINDOW (l->data))
      grid = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (grid);
  vastus_questionnaire_window_set_instrument (VASTUS_QUESTIONNAIRE_WINDOW (grid), "kos_adls");
  iterate_until_idle ();
  /* Ten answers 3 and four answers 4: 46 of 70 → 65.714… */
  press (grid, "33333333334444");
  g_assert_cmpstr (vastus_questionnaire_window_get_scale_text (VASTUS_QUESTIONNAIRE_WINDOW (grid), 0),
                   ==, "Score: 65.7 (14 of 14 answered)");
  g_assert_true (gtk_widget_activate_action (grid, "questionnaire.apply", NULL));
  iterate_until_idle ();

  /* The score row shows the score and cannot be typed in. */
  row = vastus_visit_editor_get_measure_row (VASTUS_VISIT_EDITOR (editor), "kos_adls");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_true (vastus_visit_editor_get_modified (VASTUS_VISIT_EDITOR (editor)));

  g_assert_true (vastus_visit_editor_save (VASTUS_VISIT_EDITOR (editor), &error));
  g_assert_no_error (error);
  clinic_test_wait (f->clinic);
  g_assert_false (vastus_visit_editor_get_saving (VASTUS_VISIT_EDITOR (editor)));
  clinic_test_in_thread (f->path, list_stored_func, &stored);
  visits = g_steal_pointer (&stored.visits);
  responses = g_steal_pointer (&stored.responses);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpuint (responses->len, ==, 1);
  g_assert_cmpuint (((VastusResponse *) g_ptr_array_index (responses, 0))->answers->len, ==, 14);
  {
    const VastusVisit *visit = g_ptr_array_index (visits, 0);
    guint n = 0;

    for (guint i = 0; i < visit->measurements->len; i++)
      {
        const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

        if (g_str_equal (m->measure, "kos_adls"))
          {
            g_assert_cmpfloat_with_epsilon (m->value, 46.0 / 70 * 100, 1e-9);
            n++;
          }
      }
    /* Once: the row's value was not stored a second time beside the computed one. */
    g_assert_cmpuint (n, ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (host));
  iterate_until_idle ();
}

/* Answers applied and not saved are in the visit's draft like typed values: after a crash (the
 * window gone without a save) the editor opened again has them, and saving stores them. */
typedef struct
{
  Fixture *f;
  char    *state;
} DraftRead;

static void
load_draft_func (VastusDatabase *db,
                 gpointer        data)
{
  DraftRead *read = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&read->state, g_free);
  vastus_database_load_draft (db, read->f->episode->id, 0, &read->state, NULL, &error);
  g_assert_no_error (error);
}

/* Opens a new visit's editor of the fixture's episode in a window of its own. */
static GtkWidget *
editor_new (Fixture    *f,
            GtkWidget **host)
{
  g_autoptr(VastusHistory) history = vastus_history_new (vastus_patient_copy (f->patient),
                                                         vastus_episode_copy (f->episode));
  GtkWidget *editor = vastus_visit_editor_new (f->clinic, history);

  *host = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*host), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (*host), editor);
  gtk_window_present (GTK_WINDOW (*host));
  while (!gtk_widget_get_mapped (editor))
    g_main_context_iteration (NULL, TRUE);
  clinic_test_wait (f->clinic);
  iterate_until_idle ();
  return editor;
}

static void
test_editor_draft (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VastusResponse) kos = vastus_response_new ("kos_adls");
  g_autoptr(GPtrArray) applied = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  DraftRead read = { f, NULL };
  Stored stored = { f, NULL, NULL };
  GtkWidget *host, *editor = editor_new (f, &host);
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  const VastusResponse *back;
  VastusMeasureRow *row;
  int points = -1;

  /* KOS-ADLS: ten answers 3 and four answers 4, entered by the patient. */
  kos->entered_by = VASTUS_ENTERED_BY_PATIENT;
  for (int i = 1; i <= 14; i++)
    {
      g_autofree char *item = g_strdup_printf ("%d", i);

      vastus_response_set_answer (kos, item, i <= 10 ? 3 : 4);
    }
  g_ptr_array_add (applied, kos);
  vastus_visit_editor_apply_questionnaires (VASTUS_VISIT_EDITOR (editor), applied);
  g_assert_true (vastus_visit_editor_get_modified (VASTUS_VISIT_EDITOR (editor)));

  /* The draft timeout writes the form as it is now, answers included. */
  now = vastus_visit_draft_capture (VASTUS_VISIT_EDITOR (editor));
  g_assert_nonnull (strstr (now, "'questionnaires'"));
  while (g_strcmp0 (read.state, now) != 0)
    {
      g_main_context_iteration (NULL, TRUE);
      clinic_test_in_thread (f->path, load_draft_func, &read);
    }

  /* A crash: the window goes without a save; the editor opened again restores the answers. */
  gtk_window_destroy (GTK_WINDOW (host));
  clinic_test_wait (f->clinic);
  iterate_until_idle ();
  editor = editor_new (f, &host);
  answered = vastus_visit_editor_get_answered (VASTUS_VISIT_EDITOR (editor));
  g_assert_cmpuint (answered->len, ==, 1);
  back = g_ptr_array_index (answered, 0);
  g_assert_cmpstr (back->instrument, ==, "kos_adls");
  g_assert_cmpint (back->entered_by, ==, VASTUS_ENTERED_BY_PATIENT);
  g_assert_true (vastus_response_equal (back, kos));
  g_assert_true (vastus_response_get_answer (back, "14", &points));
  g_assert_cmpint (points, ==, 4);
  /* Its score shows, computed: 46 of 70 points = 65.714…, the row not to be typed in. */
  row = vastus_visit_editor_get_measure_row (VASTUS_VISIT_EDITOR (editor), "kos_adls");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));

  g_assert_true (vastus_visit_editor_save (VASTUS_VISIT_EDITOR (editor), &error));
  g_assert_no_error (error);
  clinic_test_wait (f->clinic);
  iterate_until_idle ();
  clinic_test_in_thread (f->path, list_stored_func, &stored);
  g_assert_cmpuint (stored.visits->len, ==, 1);
  g_assert_cmpuint (stored.responses->len, ==, 1);
  g_assert_cmpuint (((VastusResponse *) g_ptr_array_index (stored.responses, 0))->answers->len, ==, 14);
  g_assert_cmpint (((VastusResponse *) g_ptr_array_index (stored.responses, 0))->entered_by, ==,
                   VASTUS_ENTERED_BY_PATIENT);
  {
    const VastusVisit *visit = g_ptr_array_index (stored.visits, 0);
    gboolean scored = FALSE;

    for (guint i = 0; i < visit->measurements->len; i++)
      {
        const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

        if (g_str_equal (m->measure, "kos_adls"))
          {
            /* 10 × 3 + 4 × 4 = 46 of 70 points */
            g_assert_cmpfloat_with_epsilon (m->value, 46.0 / 70 * 100, 1e-9);
            scored = TRUE;
          }
      }
    g_assert_true (scored);
  }
  /* Saved: the draft is gone. */
  clinic_test_in_thread (f->path, load_draft_func, &read);
  g_assert_null (read.state);
  g_ptr_array_unref (stored.visits);
  g_ptr_array_unref (stored.responses);
  gtk_window_destroy (GTK_WINDOW (host));
  iterate_until_idle ();
}

/* Patient mode: nothing else reachable until the clinic PIN. */

static gboolean finished_called;

static void
finished_cb (VastusPatientMode *mode,
             VastusResponse    *response,
             gpointer           user_data)
{
  VastusResponse **out = user_data;

  finished_called = TRUE;
  *out = vastus_response_copy (response);
}

/* The clinic PIN, set through the clinic. */
static void
set_pin (Fixture    *f,
         const char *pin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vastus_clinic_set_pin_async (f->clinic, pin, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (f->clinic, &result);
  g_assert_true (vastus_clinic_set_pin_finish (f->clinic, result, &error));
  g_assert_no_error (error);
}

/* Types @pin and waits while it is checked (on a worker). */
static void
unlock (GtkWidget  *mode,
        const char *pin)
{
  vastus_patient_mode_unlock (VASTUS_PATIENT_MODE (mode), pin);
  while (vastus_patient_mode_get_checking (VASTUS_PATIENT_MODE (mode)))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
}

static void
test_patient_mode_lock (Fixture       *f,
                        gconstpointer  data)
{
  static const char wording_text[] = "[tegner]\nbefore\tYour level before?\t10\t0\nnow\tYour level now?\n";
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.vastus.Vastus.TestPatientMode",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSimpleAction) quit = g_simple_action_new ("quit", NULL);
  g_autoptr(GSimpleAction) preferences = g_simple_action_new ("preferences", NULL);
  g_autoptr(GSimpleAction) already_off = g_simple_action_new ("already-off", NULL);
  g_autoptr(GPtrArray) wording = NULL;
  g_autoptr(VastusResponse) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *main_window, *entry, *mode;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_simple_action_set_enabled (already_off, FALSE);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (quit));
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (preferences));
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (already_off));
  main_window = gtk_application_window_new (app);
  entry = gtk_entry_new ();
  gtk_window_set_child (GTK_WINDOW (main_window), entry);
  gtk_window_present (GTK_WINDOW (main_window));

  set_pin (f, "4711");
  wording = vastus_wording_parse (wording_text, sizeof wording_text - 1, &error);
  g_assert_no_error (error);
  mode = vastus_patient_mode_new (f->clinic, vastus_instrument_lookup ("tegner"), g_ptr_array_index (wording, 0), NULL);
  g_signal_connect (mode, "finished", G_CALLBACK (finished_cb), &result);
  g_object_ref (mode);
  vastus_patient_mode_lock (VASTUS_PATIENT_MODE (mode), app);
  while (!gtk_widget_get_mapped (mode))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  maybe_screenshots (mode, "patient-mode");

  /* Locked: the application's actions are off, its other window hidden (nothing to switch to)
   * and insensitive (no focus, no input), the mode's window modal and it cannot be closed. */
  g_assert_true (vastus_patient_mode_is_locked (VASTUS_PATIENT_MODE (mode)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_assert_false (gtk_widget_get_sensitive (main_window));
  g_assert_false (gtk_widget_get_visible (main_window));
  g_assert_false (gtk_widget_grab_focus (entry));
  g_assert_false (gtk_widget_has_focus (entry));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (mode)));
  gtk_window_close (GTK_WINDOW (mode));
  iterate_until_idle ();
  g_assert_true (gtk_widget_get_visible (mode));
  /* Its title names the questionnaire, nothing of the patient. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (mode)), ==, "Tegner activity scale");

  /* The patient answers: level 9 before the injury, 4 now (positions in the item's points,
   * 10 … 0). */
  vastus_patient_mode_choose (VASTUS_PATIENT_MODE (mode), 1);
  vastus_patient_mode_choose (VASTUS_PATIENT_MODE (mode), 6);
  maybe_screenshot (mode, "patient-mode-done");

  /* A wrong PIN changes nothing. */
  unlock (mode, "1234");
  g_assert_true (vastus_patient_mode_is_locked (VASTUS_PATIENT_MODE (mode)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));
  g_assert_false (finished_called);

  /* The clinic PIN: the answers come back and everything is as it was (the action that was off
   * stays off). */
  unlock (mode, "4711");
  g_assert_false (vastus_patient_mode_is_locked (VASTUS_PATIENT_MODE (mode)));
  g_assert_true (finished_called);
  g_assert_nonnull (result);
  g_assert_cmpint (result->entered_by, ==, VASTUS_ENTERED_BY_PATIENT);
  {
    int before = -1, now = -1;

    g_assert_true (vastus_response_get_answer (result, "before", &before));
    g_assert_true (vastus_response_get_answer (result, "now", &now));
    g_assert_cmpint (before, ==, 9);
    g_assert_cmpint (now, ==, 4);
  }
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "already-off"));
  g_assert_true (gtk_widget_get_sensitive (main_window));
  g_assert_true (gtk_widget_get_visible (main_window));
  g_assert_true (gtk_widget_grab_focus (entry));
  g_object_unref (mode);
  gtk_window_destroy (GTK_WINDOW (main_window));
  iterate_until_idle ();
}

/* Preferences: wording loaded from a file (a mistake loads nothing), the PIN only as a hash, a
 * clinic's own minimal important change; each stored through the clinic, the page showing what
 * is stored. */
typedef struct
{
  VastusWording *koos;
  VastusWording *tegner;
  gboolean       has_pin;
  gboolean       matches;
  double         mic;
  gboolean       clinic_set;
} StoredSettings;

static void
read_settings_func (VastusDatabase *db,
                    gpointer        data)
{
  StoredSettings *stored = data;
  g_autoptr(GError) error = NULL;

  stored->koos = vastus_database_get_wording (db, "koos", &error);
  g_assert_no_error (error);
  stored->tegner = vastus_database_get_wording (db, "tegner", &error);
  g_assert_no_error (error);
  g_assert_true (vastus_database_has_pin (db, &stored->has_pin, &error));
  g_assert_true (vastus_database_check_pin (db, "97531", &stored->matches, &error));
  stored->mic = vastus_database_get_mic (db, "koos_pain", &stored->clinic_set, &error);
  g_assert_no_error (error);
}

static void
read_settings (Fixture        *f,
               StoredSettings *stored)
{
  g_clear_pointer (&stored->koos, vastus_wording_free);
  g_clear_pointer (&stored->tegner, vastus_wording_free);
  clinic_test_wait (f->clinic);
  iterate_until_idle ();
  clinic_test_in_thread (f->path, read_settings_func, stored);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  static const char good[] = "[tegner]\nbefore\tBefore?\nnow\tNow?\n";
  static const char bad[] = "[koos]\nP1\tq\n";
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = vastus_questionnaire_preferences_new (f->clinic);
  VastusQuestionnaireSettings *settings = vastus_clinic_get_questionnaire_settings (f->clinic);
  StoredSettings stored = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *spin = NULL;
  GtkWidget *grid, *hand;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  clinic_test_wait (f->clinic);
  iterate_until_idle ();
  g_assert_true (vastus_questionnaire_settings_get_loaded (settings));
  /* A Tegner grid open meanwhile: only a questionnaire whose wording the clinic loaded, with a
   * clinic PIN set, can be handed to the patient; the button says which is missing. */
  grid = grid_new (f->clinic, "tegner");
  hand = hand_button (grid);
  g_assert_nonnull (hand);
  g_assert_false (gtk_widget_is_sensitive (hand));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hand), ==,
                   "The clinic has not loaded this questionnaire’s wording (Preferences)");

  g_assert_false (vastus_questionnaire_preferences_load_data (VASTUS_QUESTIONNAIRE_PREFERENCES (page),
                                                              bad, sizeof bad - 1, &error));
  g_assert_nonnull (strstr (error->message, "line 1: KOOS: no wording for"));
  g_clear_error (&error);
  read_settings (f, &stored);
  g_assert_null (stored.koos);
  g_assert_null (stored.tegner);
  g_assert_true (vastus_questionnaire_preferences_load_data (VASTUS_QUESTIONNAIRE_PREFERENCES (page),
                                                             good, sizeof good - 1, &error));
  g_assert_no_error (error);
  read_settings (f, &stored);
  g_assert_nonnull (stored.tegner);
  /* The page follows: Tegner's wording can be removed now. */
  g_assert_nonnull (vastus_questionnaire_settings_get_wording (settings, "tegner"));
  /* The grid too: the wording is there, the PIN not yet. */
  iterate_until_idle ();
  g_assert_false (gtk_widget_is_sensitive (hand));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hand), ==,
                   "Set a clinic PIN in Preferences first: it ends the patient mode");

  /* "12" is refused before anything is stored; "97531" is stored as a hash. */
  g_assert_false (vastus_questionnaire_preferences_set_pin (VASTUS_QUESTIONNAIRE_PREFERENCES (page), "12", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  read_settings (f, &stored);
  g_assert_false (stored.has_pin);
  g_assert_true (vastus_questionnaire_preferences_set_pin (VASTUS_QUESTIONNAIRE_PREFERENCES (page), "97531", &error));
  read_settings (f, &stored);
  g_assert_true (stored.has_pin);
  g_assert_true (stored.matches);
  g_assert_true (vastus_questionnaire_settings_has_pin (settings));
  /* Wording and PIN: it can be handed over now. */
  iterate_until_idle ();
  g_assert_true (gtk_widget_is_sensitive (hand));
  gtk_window_destroy (GTK_WINDOW (grid));

  /* The first spin button is KOOS Pain's: 20 becomes the clinic's, 0 returns to 16.7. */
  spin = find_descendant (page, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 20);
  read_settings (f, &stored);
  g_assert_cmpfloat (stored.mic, ==, 20);
  g_assert_true (stored.clinic_set);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  read_settings (f, &stored);
  g_assert_cmpfloat (stored.mic, ==, 16.7);
  g_assert_false (stored.clinic_set);
  /* The clinic's value, set elsewhere, reaches the spin button. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    vastus_clinic_set_mic_async (f->clinic, "koos_pain", 12.5, NULL, clinic_test_result_cb, &result);
    result = clinic_test_take_result (f->clinic, &result);
    g_assert_true (vastus_clinic_set_mic_finish (f->clinic, result, &error));
    clinic_test_wait (f->clinic);
    iterate_until_idle ();
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 12.5);
  }
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  maybe_screenshot (window, "preferences-questionnaires");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  g_clear_pointer (&stored.koos, vastus_wording_free);
  g_clear_pointer (&stored.tegner, vastus_wording_free);
}

/* The Charts view's Questionnaires kind: the chart and its table show the same scores. */
static void
test_chart_view_and_table (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VastusPromChartData) prom = vastus_prom_chart_data_new (2);
  VastusChartSeries *pain = vastus_chart_series_new ("Pain", 2, VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_LINE_SOLID);
  VastusChartSeries *qol = vastus_chart_series_new ("Quality of life", 2, VASTUS_CHART_MARKER_SQUARE,
                                                    VASTUS_CHART_LINE_SOLID);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = vastus_chart_view_new ();
  GtkWidget *table = vastus_chart_table_new ();
  GDate d1, d2;
  g_autofree char *cell = NULL;

  g_date_set_dmy (&d1, 2, G_DATE_MARCH, 2026);
  g_date_set_dmy (&d2, 30, G_DATE_MARCH, 2026);
  vastus_chart_timeline_set_visit (&prom->time, 0, &d1, 11);
  vastus_chart_timeline_set_visit (&prom->time, 1, &d2, 12);
  prom->title = g_strdup ("KOOS");
  prom->y_min = 0;
  prom->y_max = 100;
  pain->values[0] = 50, pain->values[1] = 75;
  qol->values[0] = 25, qol->values[1] = 43.75;
  vastus_prom_chart_data_add_series (prom, pain, 16.7);
  vastus_prom_chart_data_add_series (prom, qol, 15.6);

  gtk_widget_set_size_request (view, 600, 400);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), table);
  gtk_window_set_child (GTK_WINDOW (window), box);
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (view), VASTUS_CHART_KIND_PROM, prom);
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_PROM, prom);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (view);
  iterate_until_idle ();

  g_assert_cmpint (vastus_chart_view_get_kind (VASTUS_CHART_VIEW (view)), ==, VASTUS_CHART_KIND_PROM);
  /* A row per visit; the date, then a column per score. */
  g_assert_cmpuint (vastus_chart_table_get_n_rows (VASTUS_CHART_TABLE (table)), ==, 2);
  g_assert_cmpstr (vastus_chart_table_get_column_title (VASTUS_CHART_TABLE (table),
                                                        vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)) - 1),
                   ==, "Quality of life");
  cell = g_strdup (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 1,
                                                vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)) - 1));
  g_assert_nonnull (strstr (cell, "43.8"));
  maybe_screenshot (window, "prom-chart-view");
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

int
main (int argc, char *argv[])
{
  g_setenv ("VASTUS_TODAY", "2026-06-01", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setlocale (LC_ALL, "C.UTF-8");
  /* The application's style sheet (AdwApplication loads it in the application). */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/vastus/Vastus/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) \
  g_test_add ("/ui-questionnaire/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("grid-koos", test_grid_koos);
  ADD ("grid-two-digits", test_grid_two_digits);
  ADD ("editor-apply-and-save", test_editor_apply_and_save);
  ADD ("editor-draft", test_editor_draft);
  ADD ("patient-mode-lock", test_patient_mode_lock);
  ADD ("preferences", test_preferences);
  ADD ("chart-view-and-table", test_chart_view_and_table);
#undef ADD

  return g_test_run ();
}
