/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "window-test-util.h"
#include "vastus-application.h"
#include "vastus-backup.h"
#include "vastus-database.h"
#include "vastus-episode-editor.h"
#include "vastus-import-assistant.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list.h"
#include "vastus-patient-pane.h"
#include <sqlite3.h>

#include "vastus-patient-page.h"
#include "vastus-recovery-page.h"
#include "vastus-report-dialog.h"
#include "vastus-value.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"
#include "vastus-window.h"

static VastusWindow *
new_window (VastusApplication *app)
{
  return vastus_window_new (app);
}

/* The names the patient list shows, in order. */
static GPtrArray *
row_titles (VastusPatientList *list)
{
  GListModel *model = G_LIST_MODEL (vastus_patient_list_get_model (list));
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VastusPatientItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (titles, g_strdup (vastus_patient_item_get_name (item)));
    }
  return titles;
}

/* While the window's clinic exists, the test's own reads run on a thread of their own. */
static guint
count_patients (const char *db_path)
{
  return clinic_test_count_patients (db_path);
}

/* The ACL demo patient's first episode has its visits, each with its values. */
static gpointer
check_demo_query (VastusDatabase *db,
                  gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) acl = vastus_database_find_patient (db, "DEMO-001", &error);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) visits = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (acl);
  g_assert_true (acl->demo);
  episodes = vastus_database_list_episodes (db, acl->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  visits = vastus_database_list_visits (db, ((VastusEpisode *) g_ptr_array_index (episodes, 0))->id,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, >=, 10);
  g_assert_cmpuint (((VastusVisit *) g_ptr_array_index (visits, 0))->measurements->len, >, 10);
  return NULL;
}

static VastusPatientEditor *find_patient_editor (void);

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* The application's activate opens a window on the --db database; with no patients it shows
 * the empty state; Load Demo Patients stores three patients with their visits and lists them. */
static void
test_window_empty_then_demo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  GtkWindow *window;
  GtkStack *stack;
  GtkWidget *empty_page;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (VASTUS_IS_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_cmpstr (vastus_clinic_get_path (test_clinic), ==, fixture->db_path);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));
  /* A file: the header says so, the file's path in its tooltip, and a clinician is picked. */
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find_type (GTK_WIDGET (window),
                                                                               ADW_TYPE_WINDOW_TITLE))),
                   ==, "This computer");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE)),
                   ==, fixture->db_path);
  g_assert_true (gtk_widget_get_visible (child (window, "clinician_picker")));

  stack = child (window, "stack");
  empty_page = child (window, "empty_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (empty_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty_page)), ==, "No Patients Yet");
  g_assert_true (gtk_widget_get_mapped (child (window, "demo_button")));
  g_assert_true (gtk_widget_get_mapped (child (window, "empty_add_button")));
  g_assert_cmpuint (count_patients (fixture->db_path), ==, 0);

  g_signal_emit_by_name (child (window, "demo_button"), "clicked");
  iterate_until_idle ();

  g_assert_cmpuint (count_patients (fixture->db_path), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "patients");
  g_assert_false (gtk_widget_get_mapped (empty_page));
  g_assert_true (gtk_widget_get_mapped (child (window, "patient_list")));
  titles = row_titles (child (window, "patient_list"));
  g_assert_cmpuint (titles->len, ==, 3);
  /* Sorted by family name: Lindqvist, Marin, Oduya. */
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Jonas Lindqvist");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "Sofia Marin");
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "Margaret Oduya");

  /* Everything under the patients went in, through another connection's eyes. */
  clinic_test_query (fixture->db_path, check_demo_query, NULL);

  /* A second time adds nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  iterate_until_idle ();
  g_assert_cmpuint (count_patients (fixture->db_path), ==, 3);
  g_clear_pointer (&titles, g_ptr_array_unref);
  titles = row_titles (child (window, "patient_list"));
  g_assert_cmpuint (titles->len, ==, 3);

  close_window (GTK_WIDGET (window));
}

/* A database Vastus may not write opens read-only: the records show, a notice says why, and
 * the actions that would write are off. The file stays as it was. */
static void
test_window_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reason = NULL;
  VastusWindow *window;

  {
    g_autoptr(VastusDatabase) db = vastus_database_open (fixture->db_path, &error);
    g_autoptr(VastusPatient) p = vastus_patient_new ();

    g_assert_no_error (error);
    p->mrn = g_strdup ("RO-1");
    p->name = g_strdup ("Reading Only");
    g_assert_true (vastus_date_parse ("1980-02-03", &p->birth_date, NULL));
    g_assert_true (vastus_database_insert_patient (db, p, &error));
  }
  g_assert_true (g_file_get_contents (fixture->db_path, &before, NULL, NULL));
  if (!clinic_test_set_read_only (fixture->db_path, TRUE, &reason))
    {
      g_test_skip (reason);
      return;
    }

  /* The records are in before the application (and its clinic) exists. */
  app = new_registered_application (fixture->db_path);
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  iterate_until_idle ();

  g_assert_true (vastus_clinic_is_open (test_clinic));
  g_assert_true (vastus_clinic_is_read_only (test_clinic));
  g_assert_true (gtk_revealer_get_reveal_child (child (window, "read_only_banner")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "read_only_label")), "Read only"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-patient"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "load-demo"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-data"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-fhir"));
  titles = row_titles (child (window, "patient_list"));
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Reading Only");

  close_window (GTK_WIDGET (window));
  g_assert_true (clinic_test_set_read_only (fixture->db_path, FALSE, &reason));
  g_assert_true (g_file_get_contents (fixture->db_path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));
}

/* The patient shown last is shown again at the next start; choosing another is remembered. */
static void
test_window_last_patient (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  VastusWindow *window;
  g_autofree char *remembered = NULL;

  {
    g_autoptr(VastusDatabase) db = vastus_database_open (fixture->db_path, &error);
    const char *mrns[] = { "LP-1", "LP-2" };

    g_assert_no_error (error);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(VastusPatient) p = vastus_patient_new ();

        p->mrn = g_strdup (mrns[i]);
        p->name = g_strdup_printf ("Last Patient %u", i + 1);
        g_assert_true (vastus_date_parse ("1970-01-01", &p->birth_date, NULL));
        g_assert_true (vastus_database_insert_patient (db, p, &error));
        ids[i] = p->id;
      }
  }
  g_settings_set_string (settings, "last-patient", "LP-2");

  app = new_registered_application (fixture->db_path);
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpint (vastus_patient_page_get_patient_id (child (window, "patient_page")), ==, ids[1]);

  g_signal_emit_by_name (child (window, "patient_list"), "patient-activated", ids[0]);
  iterate_until_idle ();
  g_assert_cmpint (vastus_patient_page_get_patient_id (child (window, "patient_page")), ==, ids[0]);
  remembered = g_settings_get_string (settings, "last-patient");
  g_assert_cmpstr (remembered, ==, "LP-1");
  g_settings_reset (settings, "last-patient");
  close_window (GTK_WIDGET (window));
}

/* A file dropped on the window opens "Import from a Device or Spreadsheet…" reading it: a
 * NordBord export, recognised, its columns shown. */
static void
test_window_drop_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "device", "nordbord.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  VastusImportAssistant *assistant;
  VastusWindow *window;
  gboolean accepted = FALSE;

  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_null (find_toplevel (VASTUS_TYPE_IMPORT_ASSISTANT));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  assistant = VASTUS_IMPORT_ASSISTANT (find_toplevel (VASTUS_TYPE_IMPORT_ASSISTANT));
  g_assert_nonnull (assistant);
  for (guint i = 0; i < 2000 && !g_str_equal (vastus_import_assistant_get_page (assistant), "columns"); i++)
    {
      iterate_until_idle ();
      g_usleep (1000);
    }
  g_assert_cmpstr (vastus_import_assistant_get_page (assistant), ==, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (vastus_import_assistant_get_part (assistant, "profile"))),
                    ==, 0);   /* nordbord, the first built-in profile */
  gtk_window_destroy (GTK_WINDOW (assistant));
  close_window (GTK_WIDGET (window));
}

/* In a window of 360 × 720, the header bar still shows who is entering (the clinician picker,
 * here with nobody chosen yet: its question, whole or short), and the patient page's header
 * (name, details, episode, actions, with its margins) leaves most of the height to the page:
 * under 40 % of the window's height (at 720 px: under 288 px). Where no window manager draws
 * one, GTK's own frame takes a few pixels of the 360 × 720. */
static void
assert_narrow_header (VastusWindow *window)
{
  GtkWidget *picker = child (window, "clinician_picker");
  GtkWidget *header = template_child (child (window, "patient_page"), VASTUS_TYPE_PATIENT_PAGE,
                                      "header_box");
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  GtkWidget *shown;
  graphene_rect_t bounds;
  int taken;

  g_assert_cmpint (width, <=, 360);
  g_assert_cmpint (height, <=, 720);
  g_assert_cmpint (height, >=, 700);

  g_assert_true (gtk_widget_get_mapped (picker));
  g_assert_true (gtk_widget_compute_bounds (picker, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
  shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (find_type (picker, ADW_TYPE_SQUEEZER)));
  g_assert_true (GTK_IS_LABEL (shown));
  g_assert_true (gtk_widget_get_mapped (shown));
  g_assert_cmpint (gtk_widget_get_width (shown), >, 0);
  g_assert_true (g_str_equal (gtk_label_get_text (GTK_LABEL (shown)), "Who Is Entering?") ||
                 g_str_equal (gtk_label_get_text (GTK_LABEL (shown)), "Who?"));

  g_assert_true (gtk_widget_get_mapped (header));
  g_assert_true (gtk_widget_compute_bounds (header, GTK_WIDGET (window), &bounds));
  taken = (int) ceil (bounds.size.height) + gtk_widget_get_margin_top (header)
          + gtk_widget_get_margin_bottom (header);
  g_test_message ("the patient header takes %d of %d px", taken, height);
  g_assert_cmpint (taken * 100, <, 40 * height);
}

/* The window works on a 360 px wide screen: with the demo patients loaded and one shown,
 * nothing needs more width, and the leaflet folds to one pane; the headers stay small enough
 * (assert_narrow_header). */
static void
test_window_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(VastusPatient) acl = NULL;
  VastusWindow *window;
  int minimum;


  window = new_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  iterate_until_idle ();
  /* The ACL demo patient, with the most to show. */
  acl = clinic_test_find_patient (fixture->db_path, "DEMO-001");
  g_assert_nonnull (acl);
  g_signal_emit_by_name (child (window, "patient_list"), "patient-activated", acl->id);
  iterate_until_idle ();
  g_assert_cmpint (vastus_patient_page_get_patient_id (child (window, "patient_page")), >, 0);

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (adw_leaflet_get_folded (child (window, "leaflet")));
  assert_narrow_header (window);

  /* A patient without an episode: Add Episode of Care, the longest action of the header, wraps
   * rather than widen the window. */
  {
    g_autoptr(VastusPatient) patient = vastus_patient_new ();

    patient->mrn = g_strdup ("NE-1");
    patient->name = g_strdup ("Noemi Episodeless");
    g_assert_true (vastus_date_parse ("1970-01-01", &patient->birth_date, NULL));
    clinic_test_insert_patient (fixture->db_path, patient);
    g_signal_emit_by_name (child (window, "patient_list"), "patient-activated", patient->id);
  }
  iterate_until_idle ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (child (window, "patient_page"),
                                                                              "episode"))),
                   ==, "No episode of care recorded");
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  assert_narrow_header (window);
  close_window (GTK_WIDGET (window));
}

static gpointer
count_regular_backups_query (VastusDatabase *db,
                             gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = vastus_backup_list (vastus_database_get_path (db), &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    if (((VastusBackupInfo *) backups->pdata[i])->kind == VASTUS_BACKUP_KIND_REGULAR)
      n++;
  return GUINT_TO_POINTER (n);
}

/* On a thread: reading a backup opens it, SQL. */
static guint
count_regular_backups (const char *db_path)
{
  return GPOINTER_TO_UINT (clinic_test_query (db_path, count_regular_backups_query, NULL));
}

static gpointer
newest_backup_patients_query (VastusDatabase *db,
                              gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = vastus_backup_list (vastus_database_get_path (db), &error);
  g_autoptr(VastusBackupInfo) info = NULL;

  g_assert_no_error (error);
  g_assert_true (vastus_backup_verify (((VastusBackupInfo *) backups->pdata[0])->path, TRUE,
                                       &info, &error));
  g_assert_no_error (error);
  return GINT_TO_POINTER ((int) info->n_patients);
}

/* Opening runs only a quick probe; the full check (here: a row whose episode does not exist, which
 * only the foreign-key check sees) runs on a thread afterwards and says so in a toast that stays,
 * with the way out: Backups. */
static void
test_window_background_check (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  VastusWindow *window;
  sqlite3 *raw = NULL;
  gint64 deadline;
  gboolean found = FALSE;

  {
    g_autoptr(VastusDatabase) db = vastus_database_open (fixture->db_path, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (fixture->db_path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA foreign_keys = OFF; "
                                 "INSERT INTO evaluation (episode_id, set_id, set_version, as_of, actor, "
                                 "met, not_met, not_tested, all_met) VALUES (999, 'aclr-return-to-sport', 1, "
                                 "'2026-01-01', 'test', 0, 0, 0, 0)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  app = new_registered_application (fixture->db_path);
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_true (vastus_clinic_is_open (test_clinic));

  /* The toast overlay's toasts are not listed by libadwaita 1.2: look for the toast's text. */
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!found && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      found = find_label_text (GTK_WIDGET (window), "The database check found damage");
    }
  g_assert_true (found);

  /* No daily backup of a damaged database: it could push a good one out of the rotation. */
  deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_regular_backups (fixture->db_path), ==, 0);
  close_window (GTK_WIDGET (window));
}

/* The daily backup is taken after the window shows, on a thread, once the check found nothing;
 * it is a verified copy of the database. */
static void
test_window_daily_backup (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  VastusWindow *window;
  gint64 deadline;

  {
    g_autoptr(VastusDatabase) db = vastus_database_open (fixture->db_path, &error);
    g_autoptr(VastusPatient) patient = vastus_patient_new ();

    g_assert_no_error (error);
    patient->mrn = g_strdup ("B-1");
    patient->name = g_strdup ("Backed Up");
    vastus_database_insert_patient (db, patient, &error);
    g_assert_no_error (error);
  }

  app = new_registered_application (fixture->db_path);
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  /* Not after everything the window asked for is done (wait_until_mapped): the check comes a
   * second after the window shows, and the backup after it. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_regular_backups (fixture->db_path), ==, 0);

  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (count_regular_backups (fixture->db_path) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_regular_backups (fixture->db_path), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (clinic_test_query (fixture->db_path,
                                                       newest_backup_patients_query, NULL)),
                   ==, 1);
  close_window (GTK_WIDGET (window));
}

/* A file that is not a Vastus database: the window says so, offers nothing, touches nothing. */
static void
test_window_open_error (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *junk = "These are a clinic's notes, not a database.\n";
  VastusWindow *window;
  GtkWidget *error_page;
  gsize length;

  g_file_set_contents (fixture->db_path, junk, -1, &error);
  g_assert_no_error (error);

  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* A text file is "not a database": the recovery page says so and names the file. */
  g_assert_false (vastus_clinic_is_open (test_clinic));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "recovery");
  error_page = gtk_stack_get_visible_child (GTK_STACK (child (window, "stack")));
  g_assert_true (VASTUS_IS_RECOVERY_PAGE (error_page));
  g_assert_true (gtk_widget_get_mapped (error_page));
  g_assert_cmpstr (vastus_recovery_page_get_title (VASTUS_RECOVERY_PAGE (error_page)), ==,
                   "The Database File Is Damaged");
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (VASTUS_RECOVERY_PAGE (error_page)),
                            fixture->db_path));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "load-demo"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-patient"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-patient", NULL);
  iterate_until_idle ();
  g_assert_null (find_patient_editor ());
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "recovery");
  g_assert_false (gtk_widget_get_visible (child (window, "add_button")));

  g_file_get_contents (fixture->db_path, &after, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, junk);

  close_window (GTK_WIDGET (window));
}

static VastusPatientEditor *
find_patient_editor (void)
{
  VastusPatientEditor *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VASTUS_IS_PATIENT_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gpointer
editor_child (VastusPatientEditor *editor,
              const char          *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), VASTUS_TYPE_PATIENT_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

/* Add Patient (the list's patient editor, whose own checks test-patient-list covers): from the
 * empty state a stored patient is listed and shown; the same MRN again stores nothing. */
static void
test_window_add_patient (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GPtrArray) titles = NULL;
  VastusPatientEditor *editor;
  VastusWindow *window;

  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "empty");

  g_signal_emit_by_name (child (window, "empty_add_button"), "clicked");
  iterate_until_idle ();
  editor = find_patient_editor ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  gtk_editable_set_text (editor_child (editor, "mrn_row"), "  A-1042 ");
  gtk_editable_set_text (editor_child (editor, "family_name_row"), "Ferreira");
  gtk_editable_set_text (editor_child (editor, "given_name_row"), "Ada");
  gtk_editable_set_text (editor_child (editor, "birth_date_row"), "1984-03-27");
  adw_combo_row_set_selected (editor_child (editor, "sex_row"), 1);
  g_signal_emit_by_name (editor_child (editor, "save_button"), "clicked");
  iterate_until_idle ();

  g_assert_null (find_patient_editor ());
  g_assert_cmpuint (count_patients (fixture->db_path), ==, 1);
  {
    g_autoptr(VastusPatient) patient = clinic_test_find_patient (fixture->db_path, "A-1042");

    g_assert_nonnull (patient);
    g_assert_cmpstr (patient->name, ==, "Ada Ferreira");
    g_assert_cmpint (patient->sex, ==, VASTUS_SEX_FEMALE);
    g_assert_false (patient->demo);
    g_assert_cmpint (vastus_patient_page_get_patient_id (child (window, "patient_page")), ==, patient->id);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "patients");
  titles = row_titles (child (window, "patient_list"));
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Ada Ferreira");

  /* The same MRN again: the editor stays open and nothing is stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-patient", NULL));
  iterate_until_idle ();
  editor = find_patient_editor ();
  g_assert_nonnull (editor);
  gtk_editable_set_text (editor_child (editor, "mrn_row"), "A-1042");
  gtk_editable_set_text (editor_child (editor, "family_name_row"), "Else");
  gtk_editable_set_text (editor_child (editor, "given_name_row"), "Someone");
  gtk_editable_set_text (editor_child (editor, "birth_date_row"), "1990-01-01");
  g_signal_emit_by_name (editor_child (editor, "save_button"), "clicked");
  iterate_until_idle ();
  g_assert_true (find_patient_editor () == editor);
  g_assert_cmpuint (count_patients (fixture->db_path), ==, 1);
  gtk_window_destroy (GTK_WINDOW (editor));

  close_window (GTK_WIDGET (window));
}

/* A clinic's first day, the blocker of the journeys issue: on an empty database, a new patient,
 * then their first episode of care; the header then names the episode and Add Visit is enabled,
 * from the clinic's one change, without any reload. The same with every storage call 20 ms
 * late, as on a clinic server. */
static void
test_window_first_day (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  guint delay_ms = GPOINTER_TO_UINT (data);
  VastusWindow *window;
  VastusPatientPage *page;
  GtkWindow *editor;
  GtkWidget *add_visit;
  GDate surgery;
  char date[VASTUS_DATE_BUF_SIZE];

  vastus_clinic_set_delay (test_clinic, delay_ms);
  window = new_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "empty");
  page = child (window, "patient_page");
  add_visit = find_named (GTK_WIDGET (page), "add-visit");

  /* The first patient, from the empty state. */
  g_signal_emit_by_name (child (window, "empty_add_button"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (VASTUS_TYPE_PATIENT_EDITOR);
  g_assert_nonnull (editor);
  gtk_editable_set_text (template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, "mrn_row"), "FD-1");
  gtk_editable_set_text (template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, "family_name_row"),
                         "Day");
  gtk_editable_set_text (template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, "given_name_row"),
                         "Freya");
  gtk_editable_set_text (template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, "birth_date_row"),
                         "1996-05-04");
  g_signal_emit_by_name (template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, "save_button"),
                         "clicked");
  iterate_until_idle ();
  g_assert_null (find_toplevel (VASTUS_TYPE_PATIENT_EDITOR));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "patients");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (page, "name"))),
                   ==, "Freya Day");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (page, "episode"))),
                   ==, "No episode of care recorded");
  g_assert_false (gtk_widget_get_sensitive (add_visit));
  /* The overview says what comes first, and shows no empty table of the latest visit. */
  {
    GtkWidget *status = gtk_widget_get_first_child (vastus_patient_page_get_part (page,
                                                                                 "status-list"));

    g_assert_nonnull (status);
    g_assert_null (gtk_widget_get_next_sibling (status));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status)), ==,
                     "No episode of care recorded");
    g_assert_false (gtk_widget_is_visible (vastus_patient_page_get_part (page, "measures-grid")));
  }

  /* Her first episode: ACL reconstruction of the left knee, surgery 10 weeks ago. */
  g_signal_emit_by_name (template_child (child (window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE,
                                         "add_episode_button"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (VASTUS_TYPE_EPISODE_EDITOR);
  g_assert_nonnull (editor);
  adw_combo_row_set_selected (template_child (editor, VASTUS_TYPE_EPISODE_EDITOR, "condition_row"),
                              0);
  adw_combo_row_set_selected (template_child (editor, VASTUS_TYPE_EPISODE_EDITOR, "side_row"), 1);
  vastus_date_today (&surgery);
  g_date_subtract_days (&surgery, 70);
  gtk_editable_set_text (template_child (editor, VASTUS_TYPE_EPISODE_EDITOR, "surgery_date_row"),
                         vastus_date_format (&surgery, date));
  g_signal_emit_by_name (template_child (editor, VASTUS_TYPE_EPISODE_EDITOR, "save_button"),
                         "clicked");
  iterate_until_idle ();
  g_assert_null (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR));

  /* Nothing was reloaded: the record the page shows heard the clinic's change. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (page, "episode"))),
                   ==, "ACL reconstruction · Left knee · 10 weeks since surgery");
  g_assert_true (gtk_widget_get_sensitive (add_visit));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (page,
                                                                              "visits-count"))),
                   ==, "No visits yet");
  close_window (GTK_WIDGET (window));
}

static void
insert_quit_records (VastusDatabase *db,
                     gpointer        data)
{
  gint64 *episode_id = data;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(GError) error = NULL;

  patient->mrn = g_strdup ("QA-1");
  patient->name = g_strdup ("Quinn Asked");
  g_assert_true (vastus_date_parse ("1988-08-08", &patient->birth_date, NULL));
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_true (vastus_date_parse ("2026-01-05", &episode->surgery_date, NULL));
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  *episode_id = episode->id;
}

typedef struct
{
  gint64     episode_id;
  GPtrArray *visits;
} QuitVisits;

static void
list_quit_visits (VastusDatabase *db,
                  gpointer        data)
{
  QuitVisits *list = data;
  g_autoptr(GError) error = NULL;

  list->visits = vastus_database_list_visits (db, list->episode_id, &error);
  g_assert_no_error (error);
}

static guint
n_app_windows (VastusApplication *app)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Answers the open "Save the visit?" with @response, as its button does (which then closes
 * it). */
static void
answer_question (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the visit?");
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_until_idle ();
}

/* ids[0]: the episode (in); ids[1]: today's visit of it (out). */
static void
insert_today_visit (VastusDatabase *db,
                    gpointer        data)
{
  gint64 *ids = data;
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(GError) error = NULL;

  visit->episode_id = ids[0];
  vastus_date_today (&visit->date);
  vastus_visit_add_measurement (visit, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 2,
                                                               "points"));
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  ids[1] = visit->id;
}

/* Add Visit where the episode has today's visit: a patient has one visit a day, so it asks
 * first; "Open Today's Visit" (the default) opens that visit, "Another Date" a new one, Cancel
 * nothing. */
static void
test_window_add_visit_today (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *responses[] = { "cancel", "open", "new" };
  gint64 ids[2] = { 0, 0 };
  VastusWindow *window;

  clinic_test_in_thread (fixture->db_path, insert_quit_records, &ids[0]);
  clinic_test_in_thread (fixture->db_path, insert_today_visit, ids);
  g_settings_set_string (settings, "last-patient", "QA-1");
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      AdwMessageDialog *question;
      GtkWindow *visit_window;

      g_signal_emit_by_name (find_named (child (window, "patient_page"), "add-visit"), "clicked");
      iterate_until_idle ();
      question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (question);
      g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "There Is a Visit Today");
      g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "open");
      g_assert_null (find_toplevel (VASTUS_TYPE_VISIT_WINDOW));
      adw_message_dialog_response (question, responses[i]);
      gtk_window_close (GTK_WINDOW (question));
      iterate_until_idle ();
      visit_window = find_toplevel (VASTUS_TYPE_VISIT_WINDOW);
      if (i == 0)
        {
          g_assert_null (visit_window);
          continue;
        }
      g_assert_nonnull (visit_window);
      g_assert_cmpint (vastus_visit_editor_get_visit_id (VASTUS_VISIT_EDITOR (
                         vastus_visit_window_get_editor (VASTUS_VISIT_WINDOW (visit_window)))),
                       ==, i == 1 ? ids[1] : 0);
      gtk_window_destroy (visit_window);
      iterate_until_idle ();
    }
  close_window (GTK_WIDGET (window));
  g_settings_reset (settings, "last-patient");
}

/* Quitting never loses a visit typed and not saved: Ctrl+Q (app.quit, also the desktop's Quit)
 * and closing the main window go through the visit window's close request, which asks; Cancel
 * keeps every window open, Save stores the visit and then everything closes. */
static void
test_window_quit_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  QuitVisits list = { 0 };
  VastusWindow *window;
  GtkWindow *visit_window;
  VastusVisitEditor *editor;
  VastusMeasureRow *row;

  clinic_test_in_thread (fixture->db_path, insert_quit_records, &list.episode_id);
  g_settings_set_string (settings, "last-patient", "QA-1");
  window = new_window (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_signal_emit_by_name (find_named (child (window, "patient_page"), "add-visit"), "clicked");
  iterate_until_idle ();
  visit_window = find_toplevel (VASTUS_TYPE_VISIT_WINDOW);
  g_assert_nonnull (visit_window);
  g_object_add_weak_pointer (G_OBJECT (visit_window), (gpointer *) &visit_window);
  /* Every window is the application's. */
  g_assert_true (gtk_window_get_application (visit_window) == GTK_APPLICATION (app));
  g_assert_cmpuint (n_app_windows (app), ==, 2);
  editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (
    VASTUS_VISIT_WINDOW (visit_window)));
  row = vastus_visit_editor_get_measure_row (editor, "pain_nrs");
  gtk_editable_set_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_NONE, 1)),
                         "4");
  iterate_until_idle ();

  /* Ctrl+Q: the visit asks, and nothing closes meanwhile; Cancel keeps it all. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_until_idle ();
  g_assert_cmpuint (n_app_windows (app), ==, 2);
  answer_question ("cancel");
  g_assert_cmpuint (n_app_windows (app), ==, 2);
  g_assert_nonnull (window);
  g_assert_true (vastus_visit_editor_get_modified (editor));

  /* Closing the main window asks the same; Save stores the visit, then both close. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_until_idle ();
  g_assert_nonnull (window);
  g_assert_cmpuint (n_app_windows (app), ==, 2);
  answer_question ("save");
  g_assert_null (visit_window);
  g_assert_null (window);
  g_assert_cmpuint (n_app_windows (app), ==, 0);
  clinic_test_in_thread (fixture->db_path, list_quit_visits, &list);
  g_assert_cmpuint (list.visits->len, ==, 1);
  g_assert_cmpfloat (vastus_visit_combined (g_ptr_array_index (list.visits, 0), "pain_nrs",
                                            VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL), ==, 4);
  g_ptr_array_unref (list.visits);
  g_settings_reset (settings, "last-patient");
}

/* Ctrl+Q with an editor open and nothing typed: everything closes at once. */
static void
test_window_quit_unchanged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 episode_id = 0;
  VastusWindow *window;

  clinic_test_in_thread (fixture->db_path, insert_quit_records, &episode_id);
  g_settings_set_string (settings, "last-patient", "QA-1");
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_signal_emit_by_name (find_named (child (window, "patient_page"), "add-visit"), "clicked");
  g_action_group_activate_action (G_ACTION_GROUP (window), "preferences", NULL);
  iterate_until_idle ();
  g_assert_cmpuint (n_app_windows (app), ==, 3);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_until_idle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (n_app_windows (app), ==, 0);
  g_settings_reset (settings, "last-patient");
}

/* Quitting asks before a therapist's assessment typed in the report dialog is lost, as it asks
 * for a visit: Cancel keeps every window; Discard, and everything closes. */
static void
test_window_quit_report (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 episode_id = 0;
  VastusWindow *window;
  GtkWindow *report;
  AdwMessageDialog *question;

  clinic_test_in_thread (fixture->db_path, insert_quit_records, &episode_id);
  g_settings_set_string (settings, "last-patient", "QA-1");
  window = new_window (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-report", NULL);
  iterate_until_idle ();
  report = find_toplevel (VASTUS_TYPE_REPORT_DIALOG);
  g_assert_nonnull (report);
  g_assert_true (gtk_window_get_application (report) == GTK_APPLICATION (app));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
                              find_type (GTK_WIDGET (report), GTK_TYPE_TEXT_VIEW))),
                            "Quadriceps lag gone; start hop tests.", -1);
  iterate_until_idle ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_until_idle ();
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard the assessment?");
  adw_message_dialog_response (question, "cancel");
  gtk_window_close (GTK_WINDOW (question));
  iterate_until_idle ();
  g_assert_cmpuint (n_app_windows (app), ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_until_idle ();
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  gtk_window_close (GTK_WINDOW (question));
  iterate_until_idle ();
  g_assert_cmpuint (n_app_windows (app), ==, 0);
  g_settings_reset (settings, "last-patient");
}

/* The window's size comes from GSettings and goes back there when it closes. */
static void
test_window_size_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VastusWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 812);
  g_settings_set_int (settings, "window-height", 611);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = new_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 611);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_close (GTK_WINDOW (window));
  iterate_until_idle ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
}

/* Ctrl+Q quits; the primary menu's actions exist. */
static void
test_application_actions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VastusApplication) app = new_registered_application (fixture->db_path);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_strfreev (accels);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.add-patient");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>n");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_resources_get_info (RESOURCE_PREFIX "/gtk/help-overlay.ui",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
}

/* --db sets the database and makes the instance independent of a running one. */
static void
test_application_db_option (void)
{
  g_autoptr(VastusApplication) app = vastus_application_new ();
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  int status = 0;

  g_assert_null (vastus_application_get_database_path (app));
  g_variant_dict_insert_value (options, "db", g_variant_new_bytestring ("/tmp/some/clinic.db"));
  g_signal_emit_by_name (app, "handle-local-options", options, &status);
  g_assert_cmpint (status, ==, -1);
  g_assert_cmpstr (vastus_application_get_database_path (app), ==, "/tmp/some/clinic.db");
  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_NON_UNIQUE);
}

static int
run_application (const char *arg)
{
  g_autoptr(VastusApplication) app = vastus_application_new ();
  char *argv[] = { (char *) "vastus", (char *) arg, NULL };

  return g_application_run (G_APPLICATION (app), 2, argv);
}

/* --version and --help print and exit without opening a window; an unknown option fails. */
static void
test_application_command_line (void)
{
  if (g_test_subprocess ())
    {
      const char *arg = g_getenv ("VASTUS_TEST_ARG");
      exit (run_application (arg));
    }

  g_setenv ("VASTUS_TEST_ARG", "--version", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("vastus " PACKAGE_VERSION "\n");

  g_setenv ("VASTUS_TEST_ARG", "--help", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--db*PATH*--version*");

  g_setenv ("VASTUS_TEST_ARG", "--bogus", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--bogus*");
  g_unsetenv ("VASTUS_TEST_ARG");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Stack transitions finish at once: what is shown is what the test sees. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/app-window/empty-then-demo", Fixture, NULL, fixture_setup,
              test_window_empty_then_demo, fixture_teardown);
  g_test_add ("/app-window/drop-file", Fixture, NULL, fixture_setup,
              test_window_drop_file, fixture_teardown);
  g_test_add ("/app-window/open-error", Fixture, NULL, fixture_setup,
              test_window_open_error, fixture_teardown);
  g_test_add ("/app-window/last-patient", Fixture, NULL, fixture_setup,
              test_window_last_patient, fixture_teardown);
  g_test_add ("/app-window/narrow", Fixture, NULL, fixture_setup,
              test_window_narrow, fixture_teardown);
  g_test_add ("/app-window/background-check", Fixture, NULL, fixture_setup,
              test_window_background_check, fixture_teardown);
  g_test_add ("/app-window/daily-backup", Fixture, NULL, fixture_setup,
              test_window_daily_backup, fixture_teardown);
  g_test_add ("/app-window/read-only", Fixture, NULL, fixture_setup,
              test_window_read_only, fixture_teardown);
  g_test_add ("/app-window/add-patient", Fixture, NULL, fixture_setup,
              test_window_add_patient, fixture_teardown);
  g_test_add ("/app-window/first-day", Fixture, GUINT_TO_POINTER (0), fixture_setup,
              test_window_first_day, fixture_teardown);
  g_test_add ("/app-window/first-day-slow-storage", Fixture, GUINT_TO_POINTER (20), fixture_setup,
              test_window_first_day, fixture_teardown);
  g_test_add ("/app-window/quit-asks", Fixture, NULL, fixture_setup, test_window_quit_asks,
              fixture_teardown);
  g_test_add ("/app-window/add-visit-today", Fixture, NULL, fixture_setup,
              test_window_add_visit_today, fixture_teardown);
  g_test_add ("/app-window/quit-report", Fixture, NULL, fixture_setup, test_window_quit_report,
              fixture_teardown);
  g_test_add ("/app-window/quit-unchanged", Fixture, NULL, fixture_setup,
              test_window_quit_unchanged, fixture_teardown);
  g_test_add ("/app-window/size-remembered", Fixture, NULL, fixture_setup,
              test_window_size_remembered, fixture_teardown);
  g_test_add ("/app-window/actions", Fixture, NULL, fixture_setup,
              test_application_actions, fixture_teardown);
  g_test_add_func ("/app-window/db-option", test_application_db_option);
  g_test_add_func ("/app-window/command-line", test_application_command_line);
  return g_test_run ();
}
