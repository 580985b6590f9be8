/* test-recovery.c: when the database cannot be opened, and when a save fails, under Xvfb
 *
 * B4: a damaged file (garbage over its header) with a good backup beside it: the page names the
 * damage and the backup's date, never writes the file, keeps a copy aside, and its restore gives
 * a database that opens with the backup's patients. Every other open error gets its own message.
 * Cancel stops the search for a backup and the restore, the file as it was.
 * B8: a visit that cannot be saved because the disk is full (a file size limit, as in
 * tests/fault/test-fault-env.c) keeps what was typed on screen with an error, and saving again
 * once there is room stores it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <sys/resource.h>

#include "clinic-test-util.h"
#include "fault-util.h"
#include "ui-safety-util.h"
#include "vastus-backup.h"
#include "vastus-recovery-page.h"
#include "vastus-visit-editor.h"

#define TODAY "2026-06-01"

static void
count_cb (GObject *object,
          guint   *n)
{
  (*n)++;
}

static void
saved_cb (VastusVisitEditor *editor,
          gint64             visit_id,
          guint             *n)
{
  (*n)++;
}

static void
smash_header (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  FILE *f;

  /* Like dd conv=notrunc: 21 bytes of garbage over the header, the rest as it was. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  f = fopen (path, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite ("GARBAGE-GARBAGE-GARBA", 1, 21, f), ==, 21);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* @from's bytes into @to, to compare with later. */
static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static gpointer
count_damaged_copies_query (VastusDatabase *unused,
                            gpointer        data)
{
  const char *const *paths = data;
  g_autoptr(GPtrArray) backups = vastus_backup_list (paths[0], NULL);
  g_autofree char *expected = fault_file_sha256 (paths[1]);
  guint n = 0;

  g_assert_nonnull (backups);
  for (guint i = 0; i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *sha = NULL;
      GStatBuf st;

      if (info->kind != VASTUS_BACKUP_KIND_DAMAGED)
        continue;
      sha = fault_file_sha256 (info->path);
      if (g_strcmp0 (sha, expected) != 0)
        continue;
      g_assert_cmpint (g_stat (info->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      n++;
    }
  return GUINT_TO_POINTER (n);
}

/* On a thread (reading a backup opens it, SQL; the main thread is guarded while a clinic
 * exists), and without a connection to @db_path, which may be damaged. */
typedef gpointer (*FileQuery) (VastusDatabase *unused,
                               gpointer        data);

typedef struct
{
  FileQuery func;
  gpointer  data;
  gpointer  result;
} FileQueryRun;

static gpointer
file_query_main (gpointer data)
{
  FileQueryRun *run = data;

  run->result = run->func (NULL, run->data);
  return NULL;
}

static gpointer
file_query (FileQuery func,
            gpointer  data)
{
  FileQueryRun run = { func, data, NULL };

  g_thread_join (g_thread_new ("test-files", file_query_main, &run));
  return run.result;
}

static guint
count_damaged_copies (const char *db_path,
                      const char *expected_contents_of)
{
  const char *paths[] = { db_path, expected_contents_of };

  return GPOINTER_TO_UINT (file_query (count_damaged_copies_query, paths));
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (vastus_clinic_open_finish (VASTUS_CLINIC (source), result, error));
}

/* A clinic on @path, whose opening failed: @error. */
static VastusClinic *
clinic_failing (const char  *path,
                GError     **error)
{
  VastusClinic *clinic = vastus_clinic_new (path);

  vastus_clinic_open_async (clinic, NULL, open_cb, error);
  clinic_test_wait (clinic);
  g_assert_nonnull (*error);
  return clinic;
}

/* Restore on @page: "recovered", and the clinic open on the backup's @n_patients; then the
 * window goes, the clinic is finalized and @dir removed. */
static void
restore_and_finish (GtkWidget    *page,
                    GtkWidget    *window,
                    VastusClinic *clinic,
                    const char   *dir,
                    guint         n_patients)
{
  g_autofree char *path = g_strdup (vastus_clinic_get_path (clinic));
  guint n_recovered = 0;

  g_signal_connect (page, "recovered", G_CALLBACK (count_cb), &n_recovered);
  g_signal_emit_by_name (vastus_recovery_page_get_restore_button (VASTUS_RECOVERY_PAGE (page)),
                         "clicked");
  clinic_test_wait (clinic);
  ui_iterate ();
  g_assert_cmpuint (n_recovered, ==, 1);
  g_assert_true (vastus_clinic_is_open (clinic));
  g_assert_cmpuint (clinic_test_count_patients (path), ==, n_patients);
  g_signal_handlers_disconnect_by_func (page, count_cb, &n_recovered);
  gtk_window_destroy (GTK_WINDOW (window));
  clinic_test_wait (clinic);
  ui_iterate ();
  g_assert_finalize_object (clinic);
  fault_rm_rf (dir);
}

static void
test_damaged_with_backup (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *copy_of_damaged = g_build_filename (dir, "damaged-original", NULL);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 20, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  VastusClinic *clinic;
  GtkWidget *window, *page, *second;
  GtkWidget *button;
  gint64 start, built, settled;
  guint n_recovered = 0;

  /* 2 patients, backed up; a third added after the backup; then the header is smashed. */
  db = fault_populate (path, 2, 3, NULL);
  backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, when, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&db));
  g_clear_object (&db);
  {
    g_autoptr(VastusDatabase) more = fault_populate (path, 0, 0, NULL);
    g_autoptr(VastusPatient) patient = vastus_patient_new ();

    patient->mrn = g_strdup ("AFTER-1");
    patient->name = g_strdup ("After Backup");
    vastus_database_insert_patient (more, patient, &error);
    g_assert_no_error (error);
  }
  smash_header (path);
  before = fault_file_sha256 (path);
  copy_file (path, copy_of_damaged);

  /* From the open attempt to the page on screen: it says what happened at once, and looks for a
   * backup on the clinic's workers (each storage call 200 ms late here, as on a server). */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  start = g_get_monotonic_time ();
  clinic = clinic_failing (path, &error);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DAMAGED);
  vastus_clinic_set_delay (clinic, 200);
  page = vastus_recovery_page_new (clinic, error);
  g_assert_true (vastus_recovery_page_get_busy (VASTUS_RECOVERY_PAGE (page)));
  gtk_window_set_child (GTK_WINDOW (window), page);
  ui_show (GTK_WINDOW (window), page);
  built = g_get_monotonic_time ();
  g_assert_cmpstr (vastus_recovery_page_get_title (VASTUS_RECOVERY_PAGE (page)), ==,
                   "The Database File Is Damaged");
  clinic_test_wait (clinic);
  ui_iterate ();
  settled = g_get_monotonic_time ();
  vastus_clinic_set_delay (clinic, 0);
  g_assert_false (vastus_recovery_page_get_busy (VASTUS_RECOVERY_PAGE (page)));
  g_test_message ("B4: from the open attempt to the recovery page on screen: %.0f ms, with the "
                  "newest backup found: %.0f ms (target 2 s)", (built - start) / 1000.0,
                  (settled - start) / 1000.0);
  ui_screenshot (window, "recovery-damaged");

  g_assert_cmpstr (vastus_recovery_page_get_title (VASTUS_RECOVERY_PAGE (page)), ==,
                   "The Database File Is Damaged");
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (VASTUS_RECOVERY_PAGE (page)),
                            path));
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (VASTUS_RECOVERY_PAGE (page)),
                            "the database file is damaged"));
  /* The backup's date, in local time (Europe/Berlin). */
  button = vastus_recovery_page_get_restore_button (VASTUS_RECOVERY_PAGE (page));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                   "_Restore Newest Backup (2026-11-20 09:30)");
  g_assert_cmpstr (vastus_recovery_page_get_backup_path (VASTUS_RECOVERY_PAGE (page)), ==, backup);
  g_assert_false (gtk_widget_get_visible (
                    vastus_recovery_page_get_retry_button (VASTUS_RECOVERY_PAGE (page))));

  /* Never written; a copy kept aside, once however often the file is opened. */
  after = fault_file_sha256 (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (vastus_recovery_page_get_kept_copy (VASTUS_RECOVERY_PAGE (page)));
  g_assert_cmpuint (count_damaged_copies (path, copy_of_damaged), ==, 1);
  second = g_object_ref_sink (vastus_recovery_page_new (clinic, error));
  clinic_test_wait (clinic);
  g_assert_cmpstr (vastus_recovery_page_get_kept_copy (VASTUS_RECOVERY_PAGE (second)), ==,
                   vastus_recovery_page_get_kept_copy (VASTUS_RECOVERY_PAGE (page)));
  g_assert_finalize_object (second);
  g_assert_cmpuint (count_damaged_copies (path, copy_of_damaged), ==, 1);
  g_clear_error (&error);

  /* Restore: the database opens with the backup's two patients (the clinic is open on it). */
  g_signal_connect (page, "recovered", G_CALLBACK (count_cb), &n_recovered);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (vastus_recovery_page_get_busy (VASTUS_RECOVERY_PAGE (page)));
  clinic_test_wait (clinic);
  ui_iterate ();
  g_assert_cmpuint (n_recovered, ==, 1);
  g_assert_true (vastus_clinic_is_open (clinic));
  g_assert_cmpuint (clinic_test_count_patients (path), ==, 2);
  /* The damaged original is still kept. */
  g_assert_cmpuint (count_damaged_copies (path, copy_of_damaged), >=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  clinic_test_wait (clinic);
  ui_iterate ();
  g_assert_finalize_object (clinic);
  fault_rm_rf (dir);
}

/* A database cut to nothing (0 bytes) is not opened as a new, empty one: it is damage, and the
 * page offers the newest good backup, which brings the patients back. */
static void
test_empty_file_with_backup (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = fault_populate (path, 3, 1, NULL);
  VastusClinic *clinic;
  GtkWidget *window, *page;
  GStatBuf st;

  backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  clinic = clinic_failing (path, &error);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DAMAGED);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  page = vastus_recovery_page_new (clinic, error);
  gtk_window_set_child (GTK_WINDOW (window), page);
  ui_show (GTK_WINDOW (window), page);
  clinic_test_wait (clinic);
  ui_iterate ();
  ui_screenshot (window, "recovery-empty-file");
  g_clear_error (&error);
  g_assert_cmpstr (vastus_recovery_page_get_title (VASTUS_RECOVERY_PAGE (page)), ==,
                   "The Database File Is Damaged");
  g_assert_true (gtk_widget_get_visible (
                   vastus_recovery_page_get_restore_button (VASTUS_RECOVERY_PAGE (page))));
  g_assert_cmpstr (vastus_recovery_page_get_backup_path (VASTUS_RECOVERY_PAGE (page)), ==, backup);
  /* Still empty: nothing initialised it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  restore_and_finish (page, window, clinic, dir, 3);
}

/* clinic.db is damaged; other.db beside it has a newer backup in the same backups/ folder. The
 * page offers clinic.db's own backup, never other.db's, and the copy it keeps aside is named
 * after clinic.db. */
static void
test_damaged_beside_another_database (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *own = NULL;
  g_autofree char *others = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2026, 11, 20, 8, 30, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 11, 21, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = fault_populate (path, 2, 1, NULL);
  g_autoptr(VastusDatabase) other_db = fault_populate (other, 5, 1, NULL);
  VastusClinic *clinic;
  GtkWidget *window, *page;

  own = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, earlier, &error);
  g_assert_no_error (error);
  others = vastus_backup_create (other_db, NULL, VASTUS_BACKUP_KIND_REGULAR, later, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_finalize_object (g_steal_pointer (&other_db));
  smash_header (path);

  clinic = clinic_failing (path, &error);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DAMAGED);
  window = gtk_window_new ();
  page = vastus_recovery_page_new (clinic, error);
  gtk_window_set_child (GTK_WINDOW (window), page);
  ui_show (GTK_WINDOW (window), page);
  clinic_test_wait (clinic);
  ui_iterate ();
  g_clear_error (&error);
  g_assert_cmpstr (vastus_recovery_page_get_backup_path (VASTUS_RECOVERY_PAGE (page)), ==, own);
  kept = g_path_get_basename (vastus_recovery_page_get_kept_copy (VASTUS_RECOVERY_PAGE (page)));
  g_assert_true (g_str_has_prefix (kept, "clinic-"));
  g_assert_true (g_str_has_suffix (kept, "-damaged.db"));

  /* Restored from its own backup: clinic.db's 2 patients, not other.db's 5. */
  restore_and_finish (page, window, clinic, dir, 2);
}

static void
test_damaged_without_backup (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  VastusClinic *clinic;
  GtkWidget *page;

  g_assert_true (g_file_set_contents (path, "Name,Date\nnot,a database\n", -1, NULL));
  before = fault_file_sha256 (path);
  clinic = clinic_failing (path, &error);
  page = g_object_ref_sink (vastus_recovery_page_new (clinic, error));
  clinic_test_wait (clinic);
  g_assert_false (gtk_widget_get_visible (
                    vastus_recovery_page_get_restore_button (VASTUS_RECOVERY_PAGE (page))));
  g_assert_null (vastus_recovery_page_get_backup_path (VASTUS_RECOVERY_PAGE (page)));
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (VASTUS_RECOVERY_PAGE (page)),
                            "No backup"));
  g_assert_false (vastus_recovery_page_restore (VASTUS_RECOVERY_PAGE (page)));
  after = fault_file_sha256 (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (vastus_recovery_page_get_kept_copy (VASTUS_RECOVERY_PAGE (page)));
  g_assert_finalize_object (page);
  clinic_test_wait (clinic);
  g_assert_finalize_object (clinic);
  fault_rm_rf (dir);
}

/* A page on the damaged database at @path, in a window of its own, shown. */
static GtkWidget *
show_page (VastusClinic *clinic,
           const GError *error,
           GtkWidget   **window)
{
  GtkWidget *page = vastus_recovery_page_new (clinic, error);

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (*window), page);
  ui_show (GTK_WINDOW (*window), page);
  return page;
}

/* Once @page's task is held on the worker: Cancel, then the task let go and ended. */
static void
cancel_held (VastusRecoveryPage *page,
             ClinicTestHold     *hold)
{
  clinic_test_hold_wait (hold);
  g_assert_true (vastus_recovery_page_get_busy (page));
  g_signal_emit_by_name (vastus_task_bar_get_part (vastus_recovery_page_get_task_bar (page),
                                                   "cancel"), "clicked");
  clinic_test_hold_release (hold);
  clinic_test_wait (hold->clinic);
  ui_iterate ();
}

/* Cancel on the page stops its task while it runs. The search for a backup, held at its first
 * step (listing the backups): no copy is set aside after it, no backup is offered, and the page
 * says the search was cancelled rather than that there is no backup. A restore, held at its
 * start, while the backup is checked and once the damaged file was set aside: the file byte for
 * byte as it was, no further copy of it among the backups, not recovered, the page says so and
 * offers the restore again, which then works. */
static void
test_cancel (void)
{
  /* -1: the restore's first step; 0.01: the first past it, checking the backup; 0.7: the
   * damaged file copied aside, before it is replaced (vastus-backup-restore.c). */
  const double points[] = { -1, 0.01, 0.7 };
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *copy_of_damaged = g_build_filename (dir, "damaged-original", NULL);
  g_autofree char *before = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClinicTestHold) hold = NULL;
  VastusClinic *clinic;
  VastusRecoveryPage *page;
  GtkWidget *window, *button;
  guint n_recovered = 0;
  guint n_copies;

  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 2, 3, NULL);

    backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
    g_assert_no_error (error);
  }
  smash_header (path);
  before = fault_file_sha256 (path);
  copy_file (path, copy_of_damaged);
  clinic = clinic_failing (path, &error);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DAMAGED);

  /* The search, cancelled at its first step. */
  hold = clinic_test_hold_new (clinic, -1);
  page = VASTUS_RECOVERY_PAGE (show_page (clinic, error, &window));
  cancel_held (page, hold);
  g_clear_pointer (&hold, clinic_test_hold_free);
  g_assert_false (vastus_recovery_page_get_busy (page));
  g_assert_null (vastus_recovery_page_get_kept_copy (page));
  g_assert_cmpuint (count_damaged_copies (path, copy_of_damaged), ==, 0);
  g_assert_null (vastus_recovery_page_get_backup_path (page));
  g_assert_false (gtk_widget_get_visible (vastus_recovery_page_get_restore_button (page)));
  g_assert_nonnull (strstr (vastus_recovery_page_get_description (page),
                            "The search for a backup was cancelled"));
  g_assert_null (strstr (vastus_recovery_page_get_description (page), "No backup"));
  {
    g_autofree char *after = fault_file_sha256 (path);

    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate ();

  /* Searched to the end: the backup is offered. */
  page = VASTUS_RECOVERY_PAGE (show_page (clinic, error, &window));
  clinic_test_wait (clinic);
  ui_iterate ();
  g_assert_cmpstr (vastus_recovery_page_get_backup_path (page), ==, backup);
  g_signal_connect (page, "recovered", G_CALLBACK (count_cb), &n_recovered);
  button = vastus_recovery_page_get_restore_button (page);
  n_copies = count_damaged_copies (path, copy_of_damaged);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *after = NULL;

      hold = clinic_test_hold_new (clinic, points[i]);
      g_signal_emit_by_name (button, "clicked");
      cancel_held (page, hold);
      g_test_message ("restore cancelled at %.2f", hold->fraction);
      g_assert_cmpfloat (hold->fraction, <, 1);
      g_clear_pointer (&hold, clinic_test_hold_free);
      g_assert_false (vastus_recovery_page_get_busy (page));
      g_assert_cmpuint (n_recovered, ==, 0);
      g_assert_false (vastus_clinic_is_open (clinic));
      g_assert_true (ui_find_label (GTK_WIDGET (page), "was cancelled; the file was not changed"));
      after = fault_file_sha256 (path);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (count_damaged_copies (path, copy_of_damaged), ==, n_copies);
      g_assert_true (gtk_widget_get_sensitive (button));
    }

  g_signal_handlers_disconnect_by_func (page, count_cb, &n_recovered);
  restore_and_finish (GTK_WIDGET (page), window, clinic, dir, 2);
}

/* Each cause its own words, naming the file. */
static void
test_messages (void)
{
  static const struct {
    int         code;
    const char *title;
    const char *words;
    gboolean    retry;
  } cases[] = {
    { VASTUS_CLINIC_ERROR_NEWER, "Written by a Newer Vastus", "newer version of Vastus", FALSE },
    { VASTUS_CLINIC_ERROR_READ_ONLY, "The Database Is Read-Only", "read-only", TRUE },
    { VASTUS_CLINIC_ERROR_BUSY, "The Database Is Open in Another Program",
      "open in another program", TRUE },
    { VASTUS_CLINIC_ERROR_NO_SPACE, "The Disk Is Full", "Free some space", TRUE },
    { VASTUS_CLINIC_ERROR_OPEN, "Cannot Open the Database", "could not open", TRUE },
  };
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clinic & co.db", NULL);
  /* Never opened: the pages only say what the error means. */
  VastusClinic *clinic = vastus_clinic_new (path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new (VASTUS_CLINIC_ERROR, cases[i].code, "technical %u", i);
      GtkWidget *page = g_object_ref_sink (vastus_recovery_page_new (clinic, error));
      VastusRecoveryPage *p = VASTUS_RECOVERY_PAGE (page);
      guint n_retry = 0;

      g_assert_cmpstr (vastus_recovery_page_get_title (p), ==, cases[i].title);
      g_assert_nonnull (strstr (vastus_recovery_page_get_description (p), cases[i].words));
      g_assert_nonnull (strstr (vastus_recovery_page_get_description (p), path));
      g_assert_false (gtk_widget_get_visible (vastus_recovery_page_get_restore_button (p)));
      g_assert_cmpint (gtk_widget_get_visible (vastus_recovery_page_get_retry_button (p)), ==,
                       cases[i].retry);
      /* Not damaged: no copy is made. */
      g_assert_null (vastus_recovery_page_get_kept_copy (p));
      g_signal_connect (page, "retry", G_CALLBACK (count_cb), &n_retry);
      if (cases[i].retry)
        {
          g_signal_emit_by_name (vastus_recovery_page_get_retry_button (p), "clicked");
          g_assert_cmpuint (n_retry, ==, 1);
        }
      g_assert_finalize_object (page);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (clinic);
  fault_rm_rf (dir);
}

/* B8 in the visit editor */

static void
limit_file_size (rlim_t limit)
{
  struct rlimit lim = { limit, RLIM_INFINITY };

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lim), ==, 0);
}

static void
type_value (VastusVisitEditor *editor,
            const char        *code,
            VastusSide         side,
            const char        *text)
{
  VastusMeasureRow *row = vastus_visit_editor_get_measure_row (editor, code);
  GtkWidget *entry;

  g_assert_nonnull (row);
  entry = vastus_measure_row_get_input (row, side, 1);
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
value_of (VastusVisitEditor *editor,
          const char        *code,
          VastusSide         side)
{
  VastusMeasureRow *row = vastus_visit_editor_get_measure_row (editor, code);

  return gtk_editable_get_text (GTK_EDITABLE (vastus_measure_row_get_input (row, side, 1)));
}

static void
test_save_disk_full (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(VastusHistory) history = NULL;
  VastusClinic *clinic;
  GtkWidget *window, *editor;
  VastusVisitEditor *ed;
  guint n_saved = 0;

  db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  patient->mrn = g_strdup ("MRN-1");
  patient->name = g_strdup ("Test Patient");
  g_date_set_dmy (&patient->birth_date, 2, G_DATE_MAY, 1995);
  patient->sex = VASTUS_SEX_FEMALE;
  vastus_database_insert_patient (db, patient, &error);
  g_assert_no_error (error);
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&episode->surgery_date, 5, G_DATE_JANUARY, 2026);
  vastus_database_insert_episode (db, episode, &error);
  g_assert_no_error (error);
  /* Closed before the clinic opens it: the write-ahead log starts empty, so the next write must
   * grow a file. */
  g_assert_finalize_object (g_steal_pointer (&db));
  clinic = clinic_test_open (path);
  history = vastus_history_new (vastus_patient_copy (patient), vastus_episode_copy (episode));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  editor = vastus_visit_editor_new (clinic, history);
  ed = VASTUS_VISIT_EDITOR (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &n_saved);
  gtk_window_set_child (GTK_WINDOW (window), editor);
  ui_show (GTK_WINDOW (window), editor);

  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (ed, "clinician")), "Anna");
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (ed, "body-mass")), "72.5");
  type_value (ed, "quadriceps_hhd", VASTUS_SIDE_LEFT, "310");
  type_value (ed, "quadriceps_hhd", VASTUS_SIDE_RIGHT, "402");
  type_value (ed, "thigh_girth_10", VASTUS_SIDE_LEFT, "45.5");
  type_value (ed, "thigh_girth_10", VASTUS_SIDE_RIGHT, "47");
  ui_iterate ();

  /* The disk is full: no file may grow (the clinic's writer is in this process too). */
  signal (SIGXFSZ, SIG_IGN);
  limit_file_size (1024);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_true (vastus_visit_editor_get_saving (ed));
  clinic_test_wait (clinic);
  limit_file_size (RLIM_INFINITY);
  ui_iterate ();

  /* Everything typed is still there, unsaved, with the error on screen. */
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_cmpint (vastus_visit_editor_get_visit_id (ed), ==, 0);
  g_assert_true (vastus_visit_editor_get_modified (ed));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_visit_editor_get_field (ed, "clinician"))), ==, "Anna");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vastus_visit_editor_get_field (ed, "body-mass"))), ==, "72.5");
  g_assert_cmpstr (value_of (ed, "quadriceps_hhd", VASTUS_SIDE_LEFT), ==, "310");
  g_assert_cmpstr (value_of (ed, "quadriceps_hhd", VASTUS_SIDE_RIGHT), ==, "402");
  g_assert_cmpstr (value_of (ed, "thigh_girth_10", VASTUS_SIDE_LEFT), ==, "45.5");
  g_assert_true (ui_find_label (editor, "The visit could not be saved"));
  g_assert_true (gtk_widget_get_sensitive (vastus_visit_editor_get_field (ed, "save")));
  ui_screenshot (window, "visit-editor-disk-full");

  /* Room again: saving once more stores the visit, as a second connection sees. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  clinic_test_wait (clinic);
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_cmpint (vastus_visit_editor_get_visit_id (ed), >, 0);
  g_assert_false (vastus_visit_editor_get_modified (ed));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate ();
  g_assert_finalize_object (clinic);
  {
    g_autoptr(VastusDatabase) other = vastus_database_open (path, &error);

    g_assert_no_error (error);
    visits = vastus_database_list_visits (other, episode->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 1);
    g_assert_cmpuint (((VastusVisit *) g_ptr_array_index (visits, 0))->measurements->len, ==, 4);
  }
  fault_assert_intact (path);
  fault_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("VASTUS_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui-safety/recovery/damaged-with-backup", test_damaged_with_backup);
  g_test_add_func ("/ui-safety/recovery/damaged-without-backup", test_damaged_without_backup);
  g_test_add_func ("/ui-safety/recovery/empty-file-with-backup", test_empty_file_with_backup);
  g_test_add_func ("/ui-safety/recovery/damaged-beside-another-database",
                   test_damaged_beside_another_database);
  g_test_add_func ("/ui-safety/recovery/messages", test_messages);
  g_test_add_func ("/ui-safety/recovery/cancel", test_cancel);
  g_test_add_func ("/ui-safety/recovery/save-disk-full", test_save_disk_full);
  return g_test_run ();
}
