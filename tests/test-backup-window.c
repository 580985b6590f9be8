/* test-backup-window.c: the Backups window under Xvfb
 *
 * The list shows the backups of a temporary database (local time, kind, size, counts); "Back Up
 * Now…" writes a verified private copy on the clinic's workers, saying how far it is, and Cancel
 * stops it (or, once the copy is written, comes too late and is told so); "Restore…" asks, then replaces the content (as a second connection sees it), keeps
 * the database as it was as a pre-restore backup and emits "restored"; a failing restore shows
 * its error and changes nothing, and so does one cancelled while it runs. The test's own reads run on threads (the main thread is
 * guarded while the clinic exists).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "chooser-test-util.h"
#include "clinic-test-util.h"
#include "fault-util.h"
#include "ui-safety-util.h"
#include "vastus-backup-window.h"

typedef struct
{
  char               *dir;
  char               *db_path;
  VastusClinic       *clinic;
  VastusBackupWindow *window;
  guint               n_restored;
  char               *safety;
} Fixture;

static GDateTime *
utc (int y, int mo, int d, int h, int mi)
{
  return g_date_time_new_utc (y, mo, d, h, mi, 0);
}

static void
add_patient (VastusDatabase *db,
             const char     *mrn)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->mrn = g_strdup (mrn);
  patient->name = g_strdup ("Late Addition");
  g_date_set_dmy (&patient->birth_date, 3, 3, 1990);
  vastus_database_insert_patient (db, patient, &error);
  g_assert_no_error (error);
}

static VastusClinic *test_clinic;

/* The clinic's calls delivered, and nothing else pending. */
static void
iterate (void)
{
  clinic_test_wait (test_clinic);
  ui_iterate ();
}

static guint
count_patients (Fixture *f)
{
  return clinic_test_count_patients (f->db_path);
}

static gpointer
verify_query (VastusDatabase *db,
              gpointer        path)
{
  g_autoptr(GError) error = NULL;
  VastusBackupInfo *info = NULL;

  g_assert_true (vastus_backup_verify (path, TRUE, &info, &error));
  g_assert_no_error (error);
  return info;
}

/* Checks the backup at @path fully, as another program: its counts. */
static VastusBackupInfo *
verify (Fixture    *f,
        const char *path)
{
  return clinic_test_query (f->db_path, verify_query, (gpointer) path);
}

static gpointer
content_hash_query (VastusDatabase *db,
                    gpointer        path)
{
  return fault_content_hash (path);
}

static char *
content_hash (Fixture *f)
{
  return clinic_test_query (f->db_path, content_hash_query, f->db_path);
}

static VastusBackupItem *
backup_at (Fixture *f,
           guint    index)
{
  return g_list_model_get_item (vastus_backup_window_get_backups (f->window), index);
}

static void
restored_cb (VastusBackupWindow *window,
             const char         *safety,
             Fixture            *f)
{
  f->n_restored++;
  g_free (f->safety);
  f->safety = g_strdup (safety);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GDateTime) t1 = utc (2026, 11, 19, 8, 0);
  g_autoptr(GDateTime) t2 = utc (2026, 11, 20, 8, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *b1 = NULL, *b2 = NULL;

  f->dir = fault_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "vastus.db", NULL);
  /* Before the clinic exists: 3 patients with 2 visits each, backed up; then a fourth patient,
   * backed up again. */
  {
    g_autoptr(VastusDatabase) db = fault_populate (f->db_path, 3, 2, NULL);

    b1 = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, t1, &error);
    g_assert_no_error (error);
    add_patient (db, "LATE-1");
    b2 = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, t2, &error);
    g_assert_no_error (error);
  }
  f->clinic = test_clinic = clinic_test_open (f->db_path);

  f->window = vastus_backup_window_new (NULL, f->clinic);
  g_signal_connect (f->window, "restored", G_CALLBACK (restored_cb), f);
  ui_show (GTK_WINDOW (f->window), GTK_WIDGET (f->window));
  /* The list, read on the clinic's workers. */
  iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "backup-folder");
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  test_clinic = NULL;
  g_assert_finalize_object (g_steal_pointer (&f->clinic));
  fault_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->safety);
}

static void
test_list (Fixture       *f,
           gconstpointer  user_data)
{
  GListModel *backups = vastus_backup_window_get_backups (f->window);
  AdwActionRow *row;

  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 2);
  /* Newest first, in local time (TZ is Europe/Berlin: UTC+1 in November). */
  row = ADW_ACTION_ROW (vastus_backup_window_get_row (f->window, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "2026-11-20 09:30");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Daily backup"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "4 patients, 6 visits"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "kB"));
  row = ADW_ACTION_ROW (vastus_backup_window_get_row (f->window, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "2026-11-19 09:00");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "3 patients, 6 visits"));
  /* Each good backup offers "Restore…", named for screen readers. */
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, "_Restore…"));
  g_assert_null (vastus_backup_window_get_error_text (f->window));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 600);
  ui_screenshot (GTK_WIDGET (f->window), "backup-window-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  while (gtk_widget_get_width (GTK_WIDGET (f->window)) > 400)
    g_main_context_iteration (NULL, TRUE);
  ui_screenshot (GTK_WIDGET (f->window), "backup-window-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
fraction_cb (GtkProgressBar *bar,
             GParamSpec     *pspec,
             double         *highest)
{
  *highest = MAX (*highest, gtk_progress_bar_get_fraction (bar));
}

static void
test_back_up_to_file (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *path = g_build_filename (usb, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", "copy.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(VastusBackupInfo) info = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = NULL;
  VastusTaskBar *bar = vastus_backup_window_get_task_bar (f->window);
  double highest = 0;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (usb, 0755), ==, 0);
  g_signal_connect (vastus_task_bar_get_part (bar, "progress"), "notify::fraction",
                    G_CALLBACK (fraction_cb), &highest);
  vastus_backup_window_back_up_to (f->window, file);
  /* On the workers: the window stays usable, the task bar says what runs. */
  g_assert_true (vastus_task_bar_get_running (bar));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ui_find_widget (GTK_WIDGET (f->window),
                                                                         GTK_TYPE_BUTTON,
                                                                         "_Back Up Now…"))));
  iterate ();
  g_assert_false (vastus_task_bar_get_running (bar));
  /* How far it was, as the copy went (its size is known): to the end. */
  g_assert_cmpfloat (highest, ==, 1.0);
  g_assert_true (ui_find_label (GTK_WIDGET (f->window), "copy.db"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  info = verify (f, path);
  g_assert_cmpint (info->n_patients, ==, 4);
  g_assert_cmpint (info->n_visits, ==, 6);
  folder = g_settings_get_string (settings, "backup-folder");
  g_assert_cmpstr (folder, ==, usb);

  /* A folder that is not there: an error for the window, nothing written. */
  vastus_backup_window_back_up_to (f->window, missing_file);
  iterate ();
  g_assert_nonnull (vastus_backup_window_get_error_text (f->window));
  g_assert_nonnull (strstr (vastus_backup_window_get_error_text (f->window), "Could not back up"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Cancel stops a backup: no file, no error, the window as it was. (Every storage call waits
 * 200 ms on the worker first, as on a clinic server: Cancel comes before the copy starts.) */
static void
test_back_up_cancel (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  VastusTaskBar *bar = vastus_backup_window_get_task_bar (f->window);

  vastus_clinic_set_delay (f->clinic, 200);
  vastus_backup_window_back_up_to (f->window, file);
  g_assert_true (vastus_task_bar_get_running (bar));
  g_signal_emit_by_name (vastus_task_bar_get_part (bar, "cancel"), "clicked");
  iterate ();
  vastus_clinic_set_delay (f->clinic, 0);
  g_assert_false (vastus_task_bar_get_running (bar));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (vastus_backup_window_get_error_text (f->window));
  g_assert_true (ui_find_label (GTK_WIDGET (f->window), "The backup was cancelled"));
}

/* A long call started, its worker to be held by @hold: clicks Cancel once it is held (the window
 * answering meanwhile), lets it go, and waits for the call's end. Returns the fraction it was
 * held at. */
static double
cancel_while_held (Fixture        *f,
                   ClinicTestHold *hold)
{
  VastusTaskBar *bar = vastus_backup_window_get_task_bar (f->window);

  g_assert_true (vastus_task_bar_get_running (bar));
  clinic_test_hold_wait (hold);
  g_assert_true (vastus_task_bar_get_running (bar));
  g_signal_emit_by_name (vastus_task_bar_get_part (bar, "cancel"), "clicked");
  clinic_test_hold_release (hold);
  iterate ();
  g_assert_false (vastus_task_bar_get_running (bar));
  return hold->fraction;
}

/* Starts a backup to @path and clicks Cancel while the worker is held at the first step at or
 * past @at. Returns the fraction it was held at. */
static double
back_up_and_cancel_at (Fixture    *f,
                       const char *path,
                       double      at)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ClinicTestHold) hold = clinic_test_hold_new (f->clinic, at);

  vastus_backup_window_back_up_to (f->window, file);
  return cancel_while_held (f, hold);
}

/* Cancel at the end of the copy (0.9 of the way: the copy is the first 0.9, vastus-backup.c)
 * still stops it, before anything is named: no file, and the window says so. */
static void
test_back_up_cancel_copied (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autofree char *early = g_build_filename (f->dir, "early.db", NULL);

  g_assert_cmpfloat (back_up_and_cancel_at (f, early, 0.9), <, 1);
  g_assert_false (g_file_test (early, G_FILE_TEST_EXISTS));
  g_assert_null (vastus_backup_window_get_error_text (f->window));
  g_assert_true (ui_find_label (GTK_WIDGET (f->window),
                                "The backup was cancelled; no file was written"));
}

/* Cancel at the last step (1: the backup named and verified) comes too late: the file is there,
 * complete (4 patients, 6 visits, as the fixture made them), and the window says that, never
 * "no file was written". */
static void
test_back_up_cancel_late (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autofree char *late = g_build_filename (f->dir, "late.db", NULL);
  g_autoptr(VastusBackupInfo) info = NULL;

  g_assert_cmpfloat (back_up_and_cancel_at (f, late, 1), ==, 1);
  g_assert_true (g_file_test (late, G_FILE_TEST_EXISTS));
  info = verify (f, late);
  g_assert_cmpint (info->n_patients, ==, 4);
  g_assert_cmpint (info->n_visits, ==, 6);
  g_assert_null (vastus_backup_window_get_error_text (f->window));
  g_assert_true (ui_find_label (GTK_WIDGET (f->window),
                                "Too late to cancel: backed up to “late.db” and verified"));
}

static void
count_reloaded_cb (guint *n)
{
  (*n)++;
}

static void
test_restore (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(VastusBackupInfo) info = NULL;
  AdwMessageDialog *dialog;
  GListModel *backups;
  gboolean found_pre_restore = FALSE;
  guint n_reloaded = 0;

  g_signal_connect_swapped (f->clinic, "reloaded", G_CALLBACK (count_reloaded_cb), &n_reloaded);
  g_assert_cmpuint (count_patients (f), ==, 4);
  /* Restore the older backup (3 patients). Cancel first: nothing happens. */
  dialog = vastus_backup_window_ask_restore (f->window, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Restore the Backup of 2026-11-19 09:00?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "backed up first"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 patients, 6 visits"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  ui_screenshot (GTK_WIDGET (dialog), "backup-window-confirm");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_cmpuint (f->n_restored, ==, 0);
  g_assert_cmpuint (count_patients (f), ==, 4);

  dialog = vastus_backup_window_ask_restore (f->window, 1);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (vastus_task_bar_get_running (vastus_backup_window_get_task_bar (f->window)));
  iterate ();
  g_assert_cmpuint (f->n_restored, ==, 1);
  g_assert_null (vastus_backup_window_get_error_text (f->window));

  /* A second connection sees the backup's content; the clinic read everything again. */
  g_assert_cmpuint (count_patients (f), ==, 3);
  g_assert_cmpuint (n_reloaded, ==, 1);
  g_assert_cmpuint (vastus_clinic_get_n_patients (f->clinic), ==, 3);

  /* The database as it was is kept, and listed. */
  g_assert_nonnull (f->safety);
  info = verify (f, f->safety);
  g_assert_cmpint (info->n_patients, ==, 4);
  backups = vastus_backup_window_get_backups (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(VastusBackupItem) b = g_list_model_get_item (backups, i);

      if (vastus_backup_item_get_kind (b) == VASTUS_BACKUP_ITEM_PRE_RESTORE)
        {
          found_pre_restore = TRUE;
          g_assert_cmpstr (vastus_backup_item_get_path (b), ==, f->safety);
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (
                              ADW_ACTION_ROW (vastus_backup_window_get_row (f->window, i))),
                            "Before a restore"));
        }
    }
  g_assert_true (found_pre_restore);
}

static gpointer
count_backups_query (VastusDatabase *db,
                     gpointer        path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = vastus_backup_list (path, &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (backups->len);
}

/* The backups beside the database, as another program finds them. */
static guint
count_backups (Fixture *f)
{
  return GPOINTER_TO_UINT (clinic_test_query (f->db_path, count_backups_query, f->db_path));
}

/* Starts restoring the older backup (3 patients) and clicks Cancel while the worker is held at
 * the first step at or past @at. Returns the fraction it was held at. */
static double
restore_and_cancel_at (Fixture *f,
                       double   at)
{
  g_autoptr(ClinicTestHold) hold = clinic_test_hold_new (f->clinic, at);
  AdwMessageDialog *dialog;

  dialog = vastus_backup_window_ask_restore (f->window, 1);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  return cancel_while_held (f, hold);
}

/* Cancel while a restore runs: at its start, while the backup is checked, while the database
 * as it is is being kept, and just after it was kept (the restore's steps, vastus-backup-restore.c:
 * 0 to 0.3 checking the backup, 0.4 to 0.7 keeping the database, 0.7 to 1 copying). The database
 * holds exactly what it held (every row of every table, the audit trail included), no backup was
 * added (not even the one just kept), the window says so and restores afterwards. Once the copy
 * is done it is too late: the restore is told as done, never as cancelled. */
static void
test_restore_cancel (Fixture       *f,
                     gconstpointer  user_data)
{
  /* -1: the first step (the start); 0.01: the first past it, checking the backup (a small one is
   * copied in one step, to 0.3); 0.4: keeping the database as it is (one step, to 0.7); 0.7: the
   * database kept, before the copy over it. */
  const double points[] = { -1, 0.01, 0.4, 0.7 };
  g_autofree char *before = content_hash (f);

  g_assert_cmpuint (count_backups (f), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *after = NULL;
      double held = restore_and_cancel_at (f, points[i]);

      g_test_message ("cancelled at %.2f", held);
      /* Held where asked, before the copy over the database (from 0.7). */
      g_assert_cmpfloat (held, >=, points[i]);
      g_assert_cmpfloat (held, <, 1);
      g_assert_cmpuint (f->n_restored, ==, 0);
      g_assert_null (vastus_backup_window_get_error_text (f->window));
      g_assert_true (ui_find_label (GTK_WIDGET (f->window), "The restore was cancelled"));
      after = content_hash (f);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (count_patients (f), ==, 4);
      g_assert_cmpuint (vastus_clinic_get_n_patients (f->clinic), ==, 4);
      g_assert_cmpuint (count_backups (f), ==, 2);
    }

  /* Usable: both buttons answer, and Cancel once the copy is done comes too late (the clinic
   * tells the restore as done). */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ui_find_widget (GTK_WIDGET (f->window),
                                                                        GTK_TYPE_BUTTON,
                                                                        "_Back Up Now…"))));
  g_assert_true (gtk_widget_get_sensitive (vastus_backup_window_get_row (f->window, 1)));
  g_assert_cmpfloat (restore_and_cancel_at (f, 1), ==, 1);
  g_assert_cmpuint (f->n_restored, ==, 1);
  g_assert_null (vastus_backup_window_get_error_text (f->window));
  g_assert_cmpuint (count_patients (f), ==, 3);
  g_assert_cmpuint (vastus_clinic_get_n_patients (f->clinic), ==, 3);
  /* The database as it was, kept before it was replaced. */
  g_assert_cmpuint (count_backups (f), ==, 3);
}

static void
test_restore_fails (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(VastusBackupItem) older = backup_at (f, 1);
  g_autofree char *before = content_hash (f);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  /* The backup is damaged after it was listed: the restore refuses it and says so. */
  g_assert_true (g_file_set_contents (vastus_backup_item_get_path (older),
                                      "this is not a database", -1, NULL));
  dialog = vastus_backup_window_ask_restore (f->window, 1);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_cmpuint (f->n_restored, ==, 0);
  g_assert_nonnull (vastus_backup_window_get_error_text (f->window));
  g_assert_nonnull (strstr (vastus_backup_window_get_error_text (f->window),
                            "Could not restore the backup of 2026-11-19 09:00"));
  after = content_hash (f);
  g_assert_cmpstr (after, ==, before);
  ui_screenshot (GTK_WIDGET (f->window), "backup-window-error");
}

/* The description of @window's backups (libadwaita gives "" for none). */
static const char *
description (VastusBackupWindow *window)
{
  return adw_preferences_group_get_description (
    ADW_PREFERENCES_GROUP (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                          VASTUS_TYPE_BACKUP_WINDOW, "group")));
}

static gboolean
folder_named (gpointer window)
{
  return description (window)[0] != '\0';
}

static gboolean
error_shown (gpointer window)
{
  return vastus_backup_window_get_error_text (window) != NULL;
}

/* Where the backups folder is: beside the database where it really is (realpath (3) of its
 * path), which goes to the disk, and a disk or network share that hangs would hold the window
 * there. It is found off the main thread: while the disk is slow (the delay hook, 2 s, as a
 * share that hangs would be), a new Backups window opens and draws, naming no folder yet; once
 * it answers, it names the folder, resolved as before. */
static void
test_folder_found_later (Fixture       *f,
                         gconstpointer  user_data)
{
  char *real_dir = realpath (f->dir, NULL);
  g_autofree char *expected = g_strdup_printf (" into %s/backups, ", real_dir);
  VastusBackupWindow *second;

  free (real_dir);
  vastus_clinic_set_delay (f->clinic, 2000);
  second = vastus_backup_window_new (NULL, f->clinic);
  ui_show (GTK_WINDOW (second), GTK_WIDGET (second));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (second)));
  g_assert_cmpstr (description (second), ==, "");

  vastus_clinic_set_delay (f->clinic, 0);
  g_assert_true (clinic_test_turn_until (folder_named, second));
  iterate ();
  g_test_message ("%s", description (second));
  g_assert_nonnull (strstr (description (second), expected));
  g_assert_null (vastus_backup_window_get_error_text (second));
  /* Its list too: the fixture's two backups. */
  g_assert_cmpuint (g_list_model_get_n_items (vastus_backup_window_get_backups (second)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (second));
  iterate ();
}

/* A share that hangs: the folder answers only after the deadline (the delay hook: the deadline
 * and 3 s more). By the deadline, not before it, and before the share answers, the window says
 * that the backups folder did not answer, naming it, and that "Back Up Now…" still works; the
 * window drew and answered meanwhile, and the button is there to click. */
static void
test_folder_no_answer (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *named = g_build_filename (f->dir, "backups", NULL);
  guint late = VASTUS_CLINIC_FOLDER_DEADLINE_MS + 3000;
  VastusBackupWindow *second;
  const char *text;
  gint64 start, took;

  vastus_clinic_set_delay (f->clinic, late);
  start = g_get_monotonic_time ();
  second = vastus_backup_window_new (NULL, f->clinic);
  gtk_window_set_default_size (GTK_WINDOW (second), 1280, 720);
  ui_show (GTK_WINDOW (second), GTK_WIDGET (second));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (second)));
  g_assert_null (vastus_backup_window_get_error_text (second));
  g_assert_true (clinic_test_turn_until (error_shown, second));
  took = g_get_monotonic_time () - start;
  text = vastus_backup_window_get_error_text (second);
  g_test_message ("after %" G_GINT64_FORMAT " ms: %s", took / 1000, text);
  g_assert_nonnull (strstr (text, "The folder "));
  g_assert_nonnull (strstr (text, named));
  g_assert_nonnull (strstr (text, " did not answer within 5 seconds"));
  g_assert_nonnull (strstr (text, "“Back Up Now…” still saves a copy"));
  /* Not before the deadline; before the share answered (its answer names the folder with no
   * error, and would leave this waiting in vain): the order, not a speed. */
  g_assert_cmpint (took, >=, VASTUS_CLINIC_FOLDER_DEADLINE_MS * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (description (second), ==, "");
  g_assert_true (gtk_widget_get_sensitive (ui_find_widget (GTK_WIDGET (second), GTK_TYPE_BUTTON,
                                                           "_Back Up Now…")));
  ui_screenshot (GTK_WIDGET (second), "backup-window-folder-no-answer");
  gtk_window_set_default_size (GTK_WINDOW (second), 360, 720);
  while (gtk_widget_get_width (GTK_WIDGET (second)) > 400)
    g_main_context_iteration (NULL, TRUE);
  ui_screenshot (GTK_WIDGET (second), "backup-window-folder-no-answer-360");

  /* The share answers: the list comes (read on the workers, delayed as long), the window as it
   * said. */
  vastus_clinic_set_delay (f->clinic, 0);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (vastus_backup_window_get_backups (second)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (second));
  iterate ();
}

/* "Back Up Now…" on @window with @saved as the folder saved last. */
static void
click_back_up_now (gpointer    window,
                   const char *saved)
{
  chooser_test_click_with_folder (window, VASTUS_TYPE_BACKUP_WINDOW, "back_up_button",
                                  "backup-folder", saved);
}

/* "Back Up Now…" opens its chooser in the folder saved last, checked by the clinic off the main
 * thread (chooser-test-util.h says how), and a second click meanwhile does nothing; cancelled,
 * nothing is backed up. */
static void
test_saved_folder_off_main_thread (Fixture       *f,
                                   gconstpointer  user_data)
{
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);

  g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
  chooser_test_assert_checked_off_main_thread (f->clinic, GTK_WIDGET (f->window),
                                               click_back_up_now, NULL, f->window, usb);
  g_assert_false (vastus_task_bar_get_running (vastus_backup_window_get_task_bar (f->window)));
}

/* A saved folder that cannot be used (@user_data: "gone", not there; "file", a file): the
 * chooser opens as with none saved. */
static void
test_saved_folder_unusable (Fixture       *f,
                            gconstpointer  user_data)
{
  chooser_test_assert_opens_as_unsaved (click_back_up_now, f->window, f->dir, user_data);
}

/* Closed while the clinic checks the saved folder (the delay hook, 1 s): nothing opens once it
 * answers, and the window goes. */
static void
test_saved_folder_window_closed (Fixture       *f,
                                 gconstpointer  user_data)
{
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
  VastusBackupWindow *second = vastus_backup_window_new (NULL, f->clinic);
  gpointer weak = second;

  g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
  g_object_add_weak_pointer (G_OBJECT (second), &weak);
  ui_show (GTK_WINDOW (second), GTK_WIDGET (second));
  iterate ();
  vastus_clinic_set_delay (f->clinic, 1000);
  click_back_up_now (second, usb);
  gtk_window_destroy (GTK_WINDOW (second));
  vastus_clinic_set_delay (f->clinic, 0);
  chooser_test_spin (1500);
  iterate ();
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 0);
  g_assert_null (weak);
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  chooser_test_init ();

#define ADD(path, func) \
  g_test_add ("/ui-safety/backup-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  /* The file choosers' tests in a run of their own (tests/meson.build), the others in another. */
  if (chooser_test_part ())
    {
      ADD ("saved-folder-off-main-thread", test_saved_folder_off_main_thread);
      ADD ("saved-folder-window-closed", test_saved_folder_window_closed);
      g_test_add ("/ui-safety/backup-window/saved-folder-missing", Fixture, "gone",
                  fixture_setup, test_saved_folder_unusable, fixture_teardown);
      g_test_add ("/ui-safety/backup-window/saved-folder-file", Fixture, "file",
                  fixture_setup, test_saved_folder_unusable, fixture_teardown);
    }
  else
    {
      ADD ("list", test_list);
      ADD ("back-up-to-file", test_back_up_to_file);
      ADD ("back-up-cancel", test_back_up_cancel);
      ADD ("back-up-cancel-copied", test_back_up_cancel_copied);
      ADD ("back-up-cancel-late", test_back_up_cancel_late);
      ADD ("restore", test_restore);
      ADD ("restore-fails", test_restore_fails);
      ADD ("restore-cancel", test_restore_cancel);
      ADD ("folder-found-later", test_folder_found_later);
      ADD ("folder-no-answer", test_folder_no_answer);
    }
#undef ADD
  return g_test_run ();
}
