/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-recovery-page"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vastus-backup-window.h"
#include "vastus-backup.h"
#include "vastus-database.h"
#include "vastus-recovery-page.h"

struct _VastusRecoveryPage
{
  AdwBin         parent_instance;

  char          *path;
  char          *title;
  char          *description;
  char          *backup_path;     /* the newest backup that verified, or NULL */
  char          *backup_when;
  char          *kept_copy;       /* the damaged file set aside, or NULL */

  AdwStatusPage *status_page;
  GtkButton     *restore_button;
  GtkButton     *retry_button;
  GtkLabel      *result_label;
  GtkLabel      *details_label;
};

G_DEFINE_FINAL_TYPE (VastusRecoveryPage, vastus_recovery_page, ADW_TYPE_BIN)

enum {
  RECOVERED,
  RETRY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Keeping a copy aside */

static gboolean
same_contents (const char *path,
               const char *contents,
               gsize       length)
{
  g_autofree char *other = NULL;
  gsize other_length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (gsize) st.st_size != length)
    return FALSE;
  if (!g_file_get_contents (path, &other, &other_length, NULL))
    return FALSE;
  return other_length == length && memcmp (other, contents, length) == 0;
}

/* Copies @path (and its -wal) byte for byte into the backups folder as a damaged copy, unless
 * an identical copy is there already (opening the same broken file twice keeps one copy).
 * Returns the copy's path; NULL (and logs why) when it could not be made. Never writes @path. */
static char *
keep_copy_aside (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  g_autofree char *folder = vastus_backup_get_folder (path);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_message ("Cannot read %s to keep a copy: %s", path, error->message);
      return NULL;
    }
  backups = vastus_backup_list (path, NULL);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);

      if (info->kind == VASTUS_BACKUP_KIND_DAMAGED && same_contents (info->path, contents, length))
        return g_strdup (info->path);
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_message ("Cannot create %s: %s", folder, g_strerror (errno));
      return NULL;
    }
  name = vastus_backup_make_name (now, VASTUS_BACKUP_KIND_DAMAGED);
  target = g_build_filename (folder, name, NULL);
  for (guint n = 1; g_file_test (target, G_FILE_TEST_EXISTS) && n < 10000; n++)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".db"));
      g_autofree char *numbered = g_strdup_printf ("%s-%u.db", stem, n);

      g_free (target);
      target = g_build_filename (folder, numbered, NULL);
    }
  if (!g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_message ("Cannot keep a copy of %s: %s", path, error->message);
      return NULL;
    }
  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *wal_contents = NULL;
      g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);
      gsize wal_length = 0;

      if (!g_file_get_contents (wal, &wal_contents, &wal_length, &error)
          || !g_file_set_contents_full (target_wal, wal_contents, wal_length,
                                        G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        g_message ("Cannot keep a copy of %s: %s", wal, error->message);
    }
  g_message ("Kept a copy of the damaged database %s as %s", path, target);
  return g_steal_pointer (&target);
}

/* The newest backup that verifies (a quick check), skipping damaged copies. */
static gboolean
find_newest_backup (VastusRecoveryPage *self)
{
  g_autoptr(GPtrArray) backups = vastus_backup_list (self->path, NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GError) error = NULL;

      if (info->kind == VASTUS_BACKUP_KIND_DAMAGED || info->n_patients < 0)
        continue;
      if (!vastus_backup_verify (info->path, FALSE, NULL, &error))
        {
          g_message ("Backup %s does not verify: %s", info->path, error->message);
          continue;
        }
      self->backup_path = g_strdup (info->path);
      self->backup_when = vastus_backup_window_format_time (info->time);
      return TRUE;
    }
  return FALSE;
}

/* The page */

static void
set_texts (VastusRecoveryPage *self,
           const char         *title,
           const char         *description)
{
  g_autofree char *markup = g_markup_escape_text (description, -1);

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->description);
  self->description = g_strdup (description);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, markup);
}

static void
build (VastusRecoveryPage *self,
       const GError       *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *title;
  gboolean damaged = FALSE, retry = FALSE;
  int code = error->domain == VASTUS_STORE_ERROR ? error->code : VASTUS_STORE_ERROR_FAILED;

  switch (code)
    {
    case VASTUS_STORE_ERROR_DAMAGED:
      title = _("The Database File Is Damaged");
      /* Translators: %s is a file path */
      g_string_append_printf (text, _("Vastus cannot read %s: the database file is damaged. "
                                      "Vastus has not written to it."), self->path);
      damaged = TRUE;
      break;
    case VASTUS_STORE_ERROR_NOT_VASTUS:
      title = _("Not a Vastus Database");
      g_string_append_printf (text, _("%s is not a Vastus database: it belongs to another "
                                      "program, or it was replaced. Vastus has not written to "
                                      "it."), self->path);
      damaged = TRUE;
      break;
    case VASTUS_STORE_ERROR_NEWER:
      title = _("Written by a Newer Vastus");
      g_string_append_printf (text, _("%s was saved by a newer version of Vastus. Update Vastus "
                                      "on this computer to open it. The file was left "
                                      "untouched."), self->path);
      break;
    case VASTUS_STORE_ERROR_READ_ONLY:
      title = _("The Database Is Read-Only");
      g_string_append_printf (text, _("Vastus cannot save to %s: the file, its folder or the "
                                      "drive is read-only. Check the permissions, then try "
                                      "again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_STORE_ERROR_BUSY:
      title = _("The Database Is Open in Another Program");
      g_string_append_printf (text, _("%s is open in another program, perhaps Vastus on another "
                                      "computer or a backup tool. Close it there, then try "
                                      "again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_STORE_ERROR_NO_SPACE:
      title = _("The Disk Is Full");
      g_string_append_printf (text, _("There is no room to open %s. Free some space on the "
                                      "drive, then try again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_STORE_ERROR_SCHEMA:
      title = _("The Database Could Not Be Upgraded");
      g_string_append_printf (text, _("%s could not be upgraded to this version of Vastus; it "
                                      "was left as it was, and a backup was taken before the "
                                      "upgrade."), self->path);
      retry = TRUE;
      break;
    default:
      title = _("Cannot Open the Database");
      g_string_append_printf (text, _("Vastus could not open %s."), self->path);
      retry = TRUE;
      break;
    }

  if (damaged)
    {
      self->kept_copy = keep_copy_aside (self->path);
      if (self->kept_copy != NULL)
        g_string_append_printf (text, " %s", _("A copy of it was kept in the backups folder."));
      if (find_newest_backup (self))
        {
          g_autofree char *label = NULL;

          /* Translators: %s is a date and time */
          g_string_append_printf (text, "\n\n");
          g_string_append_printf (text, _("The newest backup was taken on %s. Restoring it "
                                          "replaces this file; anything entered after that "
                                          "time is not in it."), self->backup_when);
          /* Translators: %s is a date and time, "2026-11-21 21:15" */
          label = g_strdup_printf (_("_Restore Newest Backup (%s)"), self->backup_when);
          gtk_button_set_label (self->restore_button, label);
          gtk_button_set_use_underline (self->restore_button, TRUE);
          gtk_widget_set_visible (GTK_WIDGET (self->restore_button), TRUE);
        }
      else
        {
          g_string_append (text, "\n\n");
          g_string_append (text, _("No backup of it was found. Keep the file: a specialist may "
                                   "be able to recover data from it."));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry);
  set_texts (self, title, text->str);
  gtk_label_set_text (self->details_label, error->message);
}

/* Callbacks */

static void
restore_clicked_cb (VastusRecoveryPage *self)
{
  g_autoptr(GError) error = NULL;

  vastus_recovery_page_restore (self, &error);
}

static void
retry_clicked_cb (VastusRecoveryPage *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

/* GObject */

static void
vastus_recovery_page_dispose (GObject *object)
{
  /* AdwBin holds its child itself: let go of it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_RECOVERY_PAGE);
  G_OBJECT_CLASS (vastus_recovery_page_parent_class)->dispose (object);
}

static void
vastus_recovery_page_finalize (GObject *object)
{
  VastusRecoveryPage *self = VASTUS_RECOVERY_PAGE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->backup_when, g_free);
  g_clear_pointer (&self->kept_copy, g_free);
  G_OBJECT_CLASS (vastus_recovery_page_parent_class)->finalize (object);
}

static void
vastus_recovery_page_class_init (VastusRecoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_recovery_page_dispose;
  object_class->finalize = vastus_recovery_page_finalize;

  /**
   * VastusRecoveryPage::recovered:
   *
   * The backup was restored into the database file: open it again.
   */
  signals[RECOVERED] = g_signal_new ("recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VastusRecoveryPage::retry:
   *
   * "Try Again": open the database again.
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-recovery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, details_label);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
vastus_recovery_page_init (VastusRecoveryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
vastus_recovery_page_new (const char   *path,
                          const GError *error)
{
  VastusRecoveryPage *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_RECOVERY_PAGE, NULL);
  self->path = g_strdup (path);
  build (self, error);
  return GTK_WIDGET (self);
}

gboolean
vastus_recovery_page_restore (VastusRecoveryPage *self,
                              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), FALSE);

  if (self->backup_path == NULL)
    {
      g_set_error_literal (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                           _("There is no backup to restore"));
      return FALSE;
    }
  if (!vastus_backup_restore (self->path, self->backup_path, NULL, NULL, &local_error))
    {
      g_message ("Cannot restore %s: %s", self->backup_path, local_error->message);
      /* Translators: the first %s is a date and time, the second the reason */
      message = g_strdup_printf (_("Could not restore the backup of %s: %s"), self->backup_when,
                                 local_error->message);
      gtk_label_set_text (self->result_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
  g_signal_emit (self, signals[RECOVERED], 0);
  return TRUE;
}

const char *
vastus_recovery_page_get_title (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return self->title;
}

const char *
vastus_recovery_page_get_description (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return self->description;
}

const char *
vastus_recovery_page_get_backup_path (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return self->backup_path;
}

const char *
vastus_recovery_page_get_kept_copy (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return self->kept_copy;
}

GtkWidget *
vastus_recovery_page_get_restore_button (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return GTK_WIDGET (self->restore_button);
}

GtkWidget *
vastus_recovery_page_get_retry_button (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return GTK_WIDGET (self->retry_button);
}
