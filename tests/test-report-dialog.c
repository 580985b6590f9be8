/* test-report-dialog.c: the "Export Report…" window under Xvfb
 *
 * The preview shows every page, the options change the report, Export records the file with its
 * checksum and the narrative, and the print operation (exported to a file) draws the same pages
 * as the PDF writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chooser-test-util.h"
#include "clinic-test-util.h"
#include "report-fixture.h"
#include "vastus-report-dialog.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"

typedef struct
{
  char               *dir;
  char               *path;
  VastusClinic       *clinic;
  VastusReportDialog *dialog;
} Fixture;

static VastusClinic *test_clinic;
static VastusReportDialog *test_dialog;

/* Until the clinic answered and the dialog prepared (and drew) what it shows. */
static void
iterate (void)
{
  for (;;)
    {
      clinic_test_wait (test_clinic);
      if (test_dialog == NULL || !vastus_report_dialog_get_busy (test_dialog))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Asserts @object goes once what is still under way lets it go: under load the window's last
 * frame and the clinic's last deliveries come a few main-loop turns after the dialog closed. */
static void
wait_for_finalize (gpointer object)
{
  gpointer weak = object;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  for (guint turns = 0; weak != NULL && turns < 3000; turns++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (weak != NULL)
    g_object_remove_weak_pointer (weak, &weak);
  g_assert_null (weak);
}

/* The dialog for the patient with @mrn, read. */
static VastusReportDialog *
new_dialog (Fixture    *f,
            const char *mrn)
{
  g_autoptr(VastusPatient) patient = clinic_test_find_patient (f->path, mrn);
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, patient->id);
  VastusReportDialog *dialog;

  clinic_test_wait (f->clinic);
  dialog = vastus_report_dialog_new (NULL, record);
  test_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
  return dialog;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("vastus-report-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  /* Written before the clinic exists. */
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (f->path, &error);

    g_assert_no_error (error);
    vastus_date_today (&today);
    fixture_insert_demo (db, &today);
  }
  f->clinic = test_clinic = clinic_test_open (f->path);
  f->dialog = new_dialog (f, "DEMO-001");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  test_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  iterate ();
  wait_for_finalize (f->clinic);
  test_clinic = NULL;
  g_free (f->path);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
find_child (GtkWidget  *root,
            GType       type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The preferences row under @root titled @title. */
static GtkWidget *
find_titled_row (GtkWidget  *root,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_titled_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static char *
pdf_text (const char *path)
{
  /* -raw: in drawing order; the reading-order heuristics group cells differently when two rows
   * lie a fraction of a point apart, which printing and the PDF writer may round differently. */
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* VASTUS_SCREENSHOT=FILE.png saves the window (to look at it). */
static void
maybe_screenshot (GtkWidget *widget)
{
  const char *path = g_getenv ("VASTUS_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (path == NULL)
    return;
  gtk_test_widget_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_preview (Fixture       *f,
              gconstpointer  user_data)
{
  GtkWidget *picture = find_child (GTK_WIDGET (f->dialog), GTK_TYPE_PICTURE);
  const VastusReportData *data = vastus_report_dialog_get_data (f->dialog);
  g_autoptr(VastusReportLayout) layout = NULL;
  double width, height;
  guint n = 0, pages;

  g_assert_nonnull (data);
  g_assert_cmpstr (data->patient_name, ==, "Jonas Lindqvist");
  g_assert_nonnull (picture);
  /* Every page of the chosen paper, in proportion, one under the other: the demo's ACL report
   * has more than one. */
  vastus_paper_get_size (vastus_report_dialog_get_paper (f->dialog), &width, &height);
  layout = vastus_report_layout_new (data, width, height);
  pages = vastus_report_layout_get_n_pages (layout);
  g_assert_cmpuint (pages, >=, 2);
  for (; picture != NULL; picture = gtk_widget_get_next_sibling (picture))
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
      g_autofree char *text = g_strdup_printf ("Page %u of %u of the report", n + 1, pages);

      g_assert_nonnull (paintable);
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, (int) ceil (width * 1.5));
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, (int) ceil (height * 1.5));
      g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==, text);
      n++;
    }
  g_assert_cmpuint (n, ==, pages);
  maybe_screenshot (GTK_WIDGET (f->dialog));

  /* De-identifying changes the report at once. */
  gtk_switch_set_active (GTK_SWITCH (find_child (GTK_WIDGET (f->dialog), GTK_TYPE_SWITCH)), TRUE);
  iterate ();
  data = vastus_report_dialog_get_data (f->dialog);
  g_assert_true (data->deidentified);
  g_assert_null (data->patient_name);
  g_assert_true (g_str_has_prefix (data->patient_id_value, "S-"));
}

static gpointer
list_reports_query (VastusDatabase *db,
                    gpointer        patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reports = vastus_database_list_reports (db, *(gint64 *) patient_id, &error);

  g_assert_no_error (error);
  return reports;
}

static void
test_export_and_print (Fixture       *f,
                       gconstpointer  user_data)
{
  GtkTextView *view = GTK_TEXT_VIEW (find_child (GTK_WIDGET (f->dialog), GTK_TYPE_TEXT_VIEW));
  g_autofree char *exported = g_build_filename (f->dir, "exported.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *text_exported = NULL;
  g_autofree char *text_printed = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id = vastus_report_dialog_get_data (f->dialog)->patient_id;
  const VastusReportRecord *record;
  gsize length;

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Cleared for running drills.", -1);

  /* Export at once: the narrative just typed is in the file. */
  g_assert_true (vastus_report_dialog_export_to (f->dialog, exported));
  iterate ();
  text_exported = pdf_text (exported);
  g_assert_nonnull (strstr (text_exported, "Cleared for running drills."));
  g_assert_true (g_file_get_contents (exported, &contents, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

  reports = clinic_test_query (f->path, list_reports_query, &patient_id);
  g_assert_cmpuint (reports->len, ==, 1);
  record = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (record->sha256, ==, sha);
  g_assert_cmpstr (record->file_name, ==, "exported.pdf");
  g_assert_cmpstr (record->narrative, ==, "Cleared for running drills.");

  /* GtkPrintOperation with the same drawing: the same text. */
  g_assert_true (vastus_report_dialog_print_to_pdf (f->dialog, printed, &error));
  g_assert_no_error (error);
  iterate ();
  text_printed = pdf_text (printed);
  g_assert_cmpstr (text_printed, ==, text_exported);
  g_clear_pointer (&reports, g_ptr_array_unref);
  reports = clinic_test_query (f->path, list_reports_query, &patient_id);
  g_assert_cmpuint (reports->len, ==, 2);
}

/* The preferences: paper, clinic and the clinician who signs. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const VastusReportData *data;

  g_settings_set_enum (settings, "paper-size", 1);
  g_settings_set_string (settings, "clinic-name", "Riverside Physiotherapy");
  g_settings_set_string (settings, "clinician", "M. Okafor, PT");
  test_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  f->dialog = new_dialog (f, "DEMO-003");

  g_assert_cmpint (vastus_report_dialog_get_paper (f->dialog), ==, VASTUS_PAPER_LETTER);
  data = vastus_report_dialog_get_data (f->dialog);
  g_assert_cmpstr (data->clinic_name, ==, "Riverside Physiotherapy");
  g_assert_cmpstr (data->therapist, ==, "M. Okafor, PT");
  g_assert_cmpstr (data->patient_id_value, ==, "DEMO-003");
  /* The condition's set is chosen. */
  g_assert_cmpstr (data->set_id, ==, "tka-milestones");

  g_settings_reset (settings, "paper-size");
  g_settings_reset (settings, "clinic-name");
  g_settings_reset (settings, "clinician");
}

/* An ACL reconstruction planned for next month, recorded for DEMO-003 beside her knee replacement
 * of 90 days ago, as another program would. */
static gpointer
add_planned_episode_query (VastusDatabase *db,
                           gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, "DEMO-003", &error);
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();

  g_assert_no_error (error);
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  vastus_date_today (&episode->surgery_date);
  g_date_add_days (&episode->surgery_date, 30);
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);
  return NULL;
}

/* The report is of the episode in force today, and so is the criteria set it starts with: the
 * knee replacement's, not that of the newer episode that has not begun. The patient's name
 * follows the name order. */
static void
test_episode_in_force (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const VastusReportData *data;

  clinic_test_query (f->path, add_planned_episode_query, NULL);
  g_settings_set_enum (settings, "name-order", 1);
  test_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  f->dialog = new_dialog (f, "DEMO-003");

  data = vastus_report_dialog_get_data (f->dialog);
  g_assert_cmpstr (data->set_id, ==, "tka-milestones");
  g_assert_cmpstr (data->patient_name, ==, "ODUYA, Margaret");
  g_settings_reset (settings, "name-order");
}

/* The report starts with the set the page would evaluate: the clinic's default for the
 * episode's condition, when it has one (one rule: vastus_clinic_choose_criteria_set), else the
 * built-in one. */
static void
test_clinic_default_set (Fixture       *f,
                         gconstpointer  user_data)
{
  /* DEMO-001's ACL reconstruction names no set: the built-in default. */
  g_assert_cmpstr (vastus_report_dialog_get_data (f->dialog)->set_id, ==, "aclr-return-to-sport");

  /* The clinic's default for the condition, from its rules. */
  clinic_test_set_rule (f->clinic, "default-criteria-set:aclr", "aclr-late-phase");
  test_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  f->dialog = new_dialog (f, "DEMO-001");
  g_assert_cmpstr (vastus_report_dialog_get_data (f->dialog)->set_id, ==, "aclr-late-phase");

  /* Back to the built-in one. */
  clinic_test_set_rule (f->clinic, "default-criteria-set:aclr", "");
  test_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  f->dialog = new_dialog (f, "DEMO-001");
  g_assert_cmpstr (vastus_report_dialog_get_data (f->dialog)->set_id, ==, "aclr-return-to-sport");
}

/* The question a closing dialog asks, while shown. */
static AdwMessageDialog *
find_question (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
stayed_cb (VastusReportDialog *dialog,
           gboolean           *stayed)
{
  *stayed = TRUE;
}

/* Closing (Escape, quitting) with an assessment typed that no report holds asks first; Cancel
 * keeps the dialog and says so ("stayed", which quitting waits for); once exported it closes
 * without asking; Discard closes. Tab leaves the assessment for the next control. */
static void
test_close_asks (Fixture       *f,
                 gconstpointer  user_data)
{
  GtkTextView *view = GTK_TEXT_VIEW (find_child (GTK_WIDGET (f->dialog), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *exported = g_build_filename (f->dir, "exported.pdf", NULL);
  VastusReportDialog *gone;
  AdwMessageDialog *question;
  gboolean stayed = FALSE;

  g_assert_false (gtk_text_view_get_accepts_tab (view));
  g_signal_connect (f->dialog, "stayed", G_CALLBACK (stayed_cb), &stayed);

  /* Nothing typed: nothing to lose. */
  g_assert_false (vastus_report_dialog_get_unsaved (f->dialog));

  gtk_text_buffer_set_text (buffer, "Hop tests next week.", -1);
  g_assert_true (vastus_report_dialog_get_unsaved (f->dialog));
  gtk_window_close (GTK_WINDOW (f->dialog));
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  /* As its button does: the response, then the question closes (answering "cancel" again, which
   * is not heard twice). */
  adw_message_dialog_response (question, "cancel");
  gtk_window_close (GTK_WINDOW (question));
  g_assert_true (stayed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_null (find_question ());

  /* Exported: the assessment is on record with the report. */
  g_assert_true (vastus_report_dialog_export_to (f->dialog, exported));
  iterate ();
  g_assert_false (vastus_report_dialog_get_unsaved (f->dialog));

  /* Typed on: asked again, and Discard closes. */
  gtk_text_buffer_insert_at_cursor (buffer, " Running from week 16.", -1);
  g_assert_true (vastus_report_dialog_get_unsaved (f->dialog));
  gtk_window_close (GTK_WINDOW (f->dialog));
  question = find_question ();
  g_assert_nonnull (question);
  iterate ();
  test_dialog = NULL;
  gone = f->dialog;
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  adw_message_dialog_response (question, "discard");
  gtk_window_close (GTK_WINDOW (question));
  while (gone != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* For the teardown. */
  f->dialog = new_dialog (f, "DEMO-001");
}

/* The report's language: the application's first, any installed one on request; the whole page
 * follows it (here the title, the criteria set's title and a weeks figure). The catalogues are
 * the build's (VASTUS_LOCALEDIR); the application runs in English (LANGUAGE=en). */
static void
test_language (Fixture       *f,
               gconstpointer  user_data)
{
  AdwComboRow *row;
  GListModel *names;
  const VastusReportData *data = vastus_report_dialog_get_data (f->dialog);
  guint german = GTK_INVALID_LIST_POSITION;

  row = ADW_COMBO_ROW (find_titled_row (GTK_WIDGET (f->dialog), "Language"));
  g_assert_nonnull (row);
  names = adw_combo_row_get_model (row);
  g_assert_cmpstr (data->language, ==, "en");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), adw_combo_row_get_selected (row)),
                   ==, "English");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Deutsch"))
      german = i;
  g_assert_cmpuint (german, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (row, german);
  iterate ();
  data = vastus_report_dialog_get_data (f->dialog);
  g_assert_cmpstr (data->language, ==, "de");
  /* The demo's ACL patient: the Delaware-Oslo set, in German. */
  g_assert_true (vastus_i18n_push_language ("de", NULL));
  g_assert_cmpstr (data->set_title, ==, _("Delaware-Oslo return-to-sport criteria"));
  g_assert_cmpstr (data->set_title, !=, "Delaware-Oslo return-to-sport criteria");
  vastus_i18n_pop_language ();
}

/* Export… on @dialog with @saved as the report folder saved last. */
static void
click_export (gpointer    dialog,
              const char *saved)
{
  chooser_test_click_with_folder (dialog, VASTUS_TYPE_REPORT_DIALOG, "export_button",
                                  "report-folder", saved);
}

static void
reset_report_folder (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "report-folder");
}

/* Export… opens its chooser in the folder saved last, checked by the clinic off the main thread
 * (chooser-test-util.h says how), and a second click meanwhile does nothing; cancelled, nothing
 * is exported. */
static void
test_saved_folder_off_main_thread (Fixture       *f,
                                   gconstpointer  user_data)
{
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);

  g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
  chooser_test_assert_checked_off_main_thread (f->clinic, GTK_WIDGET (f->dialog), click_export,
                                               NULL, f->dialog, usb);
  g_assert_false (vastus_report_dialog_get_busy (f->dialog));
  reset_report_folder ();
  g_assert_cmpint (g_rmdir (usb), ==, 0);
}

/* A saved folder that cannot be used (@user_data: "gone", not there; "file", a file): the
 * chooser opens as with none saved. */
static void
test_saved_folder_unusable (Fixture       *f,
                            gconstpointer  user_data)
{
  chooser_test_assert_opens_as_unsaved (click_export, f->dialog, f->dir, user_data);
  reset_report_folder ();
}

/* Closed while the clinic checks the saved folder (the delay hook, 1 s): nothing opens once it
 * answers, and the dialog goes. */
static void
test_saved_folder_dialog_closed (Fixture       *f,
                                 gconstpointer  user_data)
{
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
  VastusReportDialog *second = new_dialog (f, "DEMO-001");
  gpointer weak = second;

  g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
  g_object_add_weak_pointer (G_OBJECT (second), &weak);
  vastus_clinic_set_delay (f->clinic, 1000);
  click_export (second, usb);
  test_dialog = f->dialog;
  gtk_window_destroy (GTK_WINDOW (second));
  vastus_clinic_set_delay (f->clinic, 0);
  chooser_test_spin (1500);
  iterate ();
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 0);
  g_assert_null (weak);
  reset_report_folder ();
  g_assert_cmpint (g_rmdir (usb), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  chooser_test_init ();

  /* The file choosers' tests in a run of their own (tests/meson.build), the others in another. */
  if (chooser_test_part ())
    {
      g_test_add ("/report-dialog/saved-folder-off-main-thread", Fixture, NULL, fixture_setup,
                  test_saved_folder_off_main_thread, fixture_teardown);
      g_test_add ("/report-dialog/saved-folder-dialog-closed", Fixture, NULL, fixture_setup,
                  test_saved_folder_dialog_closed, fixture_teardown);
      g_test_add ("/report-dialog/saved-folder-missing", Fixture, "gone", fixture_setup,
                  test_saved_folder_unusable, fixture_teardown);
      g_test_add ("/report-dialog/saved-folder-file", Fixture, "file", fixture_setup,
                  test_saved_folder_unusable, fixture_teardown);
    }
  else
    {
      g_test_add ("/report-dialog/preview", Fixture, NULL, fixture_setup, test_preview,
                  fixture_teardown);
      g_test_add ("/report-dialog/export-and-print", Fixture, NULL, fixture_setup,
                  test_export_and_print, fixture_teardown);
      g_test_add ("/report-dialog/preferences", Fixture, NULL, fixture_setup, test_preferences,
                  fixture_teardown);
      g_test_add ("/report-dialog/clinic-default-set", Fixture, NULL, fixture_setup,
                  test_clinic_default_set, fixture_teardown);
      g_test_add ("/report-dialog/close-asks", Fixture, NULL, fixture_setup, test_close_asks,
                  fixture_teardown);
      g_test_add ("/report-dialog/language", Fixture, NULL, fixture_setup, test_language,
                  fixture_teardown);
      g_test_add ("/report-dialog/episode-in-force", Fixture, NULL, fixture_setup,
                  test_episode_in_force, fixture_teardown);
    }
  return g_test_run ();
}
