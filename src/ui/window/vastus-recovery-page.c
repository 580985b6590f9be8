/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-recovery-page"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-backup-window.h"
#include "vastus-recovery-page.h"
#include "vastus-task-bar.h"

struct _VastusRecoveryPage
{
  AdwBin         parent_instance;

  VastusClinic  *clinic;
  char          *path;
  char          *title;
  char          *description;
  char          *backup_path;     /* the newest backup that verified, or NULL */
  char          *backup_when;
  char          *kept_copy;       /* the damaged file set aside, or NULL */
  gboolean       damaged;
  gboolean       unreachable;     /* a clinic server that did not answer: the window retries */
  gboolean       preparing;       /* looking for a backup */
  GCancellable  *cancellable;

  AdwStatusPage *status_page;
  VastusTaskBar *task_bar;
  GtkButton     *restore_button;
  GtkButton     *retry_button;
  GtkButton     *choose_button;
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

/* The page */

static void
set_texts (VastusRecoveryPage *self,
           const char         *title,
           const char         *description)
{
  /* Either may be the page's own (the description with something added). */
  char *new_title = g_strdup (title);
  char *new_description = g_strdup (description);
  g_autofree char *markup = g_markup_escape_text (description, -1);

  g_free (self->title);
  self->title = new_title;
  g_free (self->description);
  self->description = new_description;
  adw_status_page_set_title (self->status_page, self->title);
  adw_status_page_set_description (self->status_page, markup);
}

/* What the search found: the copy set aside and the newest good backup, added to the text. */
static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VastusRecoveryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusBackupItem) backup = NULL;
  g_autoptr(GString) text = NULL;
  gboolean prepared;
  gboolean cancelled;

  prepared = vastus_clinic_prepare_recovery_finish (VASTUS_CLINIC (source), result,
                                                    &self->kept_copy, &backup, &error);
  /* The page went meanwhile. */
  if (self->clinic == NULL)
    return;
  g_clear_object (&self->cancellable);
  self->preparing = FALSE;
  vastus_task_bar_finish (self->task_bar);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (!prepared && !cancelled)
    g_message ("Cannot look for a backup: %s", error->message);

  text = g_string_new (self->description);
  if (self->kept_copy != NULL)
    g_string_append_printf (text, " %s", _("A copy of it was kept in the backups folder."));
  if (backup != NULL)
    {
      g_autofree char *label = NULL;

      self->backup_path = g_strdup (vastus_backup_item_get_path (backup));
      self->backup_when = vastus_backup_window_format_time (vastus_backup_item_get_time (backup));
      g_string_append_printf (text, "\n\n");
      /* Translators: %s is a date and time */
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
      /* Not looked for: nothing can be said about the backups. */
      g_string_append (text, cancelled
                             ? _("The search for a backup was cancelled; the file was not "
                                 "changed.")
                             : _("No backup of it was found. Keep the file: a specialist may "
                                 "be able to recover data from it."));
    }
  set_texts (self, self->title, text->str);
}

static void
build (VastusRecoveryPage *self,
       const GError       *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  gboolean retry = FALSE;
  int code = error->domain == VASTUS_CLINIC_ERROR ? error->code : VASTUS_CLINIC_ERROR_FAILED;

  switch (code)
    {
    case VASTUS_CLINIC_ERROR_DAMAGED:
      title = g_strdup (_("The Database File Is Damaged"));
      /* Translators: %s is a file path */
      g_string_append_printf (text, _("Vastus cannot read %s: the database file is damaged. "
                                      "Vastus has not written to it."), self->path);
      self->damaged = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_NOT_VASTUS:
      title = g_strdup (_("Not a Vastus Database"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("%s is not a Vastus database: it belongs to another "
                                      "program, or it was replaced. Vastus has not written to "
                                      "it."), self->path);
      self->damaged = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_NEWER:
      title = g_strdup (_("Written by a Newer Vastus"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("%s was saved by a newer version of Vastus. Update Vastus "
                                      "on this computer to open it. The file was left "
                                      "untouched."), self->path);
      break;
    case VASTUS_CLINIC_ERROR_READ_ONLY:
      title = g_strdup (_("The Database Is Read-Only"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("Vastus cannot save to %s: the file, its folder or the "
                                      "drive is read-only. Check the permissions, then try "
                                      "again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_BUSY:
      title = g_strdup (_("The Database Is Open in Another Program"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("%s is open in another program, perhaps Vastus on another "
                                      "computer or a backup tool. Close it there, then try "
                                      "again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_NO_SPACE:
      title = g_strdup (_("The Disk Is Full"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("There is no room to open %s. Free some space on the "
                                      "drive, then try again."), self->path);
      retry = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_SCHEMA:
      title = g_strdup (_("The Database Could Not Be Upgraded"));
      /* Translators: %s is the database: its file's path, or the clinic server's address */
      g_string_append_printf (text, _("%s could not be upgraded to this version of Vastus; it "
                                      "was left as it was, and a backup was taken before the "
                                      "upgrade."), self->path);
      retry = TRUE;
      break;
    case VASTUS_CLINIC_ERROR_UNREACHABLE:
      {
        g_autofree char *where = vastus_clinic_describe (self->clinic, NULL);

        title = g_strdup (_("Cannot Reach the Clinic Server"));
        /* Translators: %s is where the data lives, e.g. “Clinic server db.example.org/vastus” */
        g_string_append_printf (text, _("%s does not answer: it may be stopped, or this computer "
                                        "may be off the network. Vastus is retrying and opens the "
                                        "records as soon as the server answers."), where);
        self->unreachable = TRUE;
        retry = TRUE;
      }
      break;
    case VASTUS_CLINIC_ERROR_NO_ANSWER:
      /* Translators: a title: the folder of the database file (on a network share, say) did not
       * answer in time */
      title = g_strdup (_("The Database’s Folder Does Not Answer"));
      /* Translators: %s is the path of the database file */
      g_string_append_printf (text, _("Vastus could not find out whether %s is there, so it "
                                      "has neither opened nor made a database. Once the folder "
                                      "answers, try again."), self->path);
      retry = TRUE;
      break;
    default:
      title = g_strdup (_("Cannot Open the Database"));
      /* Translators: %s is the database: its file's path, or the clinic server's address */
      g_string_append_printf (text, _("Vastus could not open %s."), self->path);
      retry = TRUE;
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry);
  /* Another database (this computer's, another server or login) can be chosen meanwhile. */
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button), vastus_clinic_is_server (self->clinic));
  set_texts (self, title, text->str);
  gtk_label_set_text (self->details_label, error->message);
  if (!self->damaged)
    return;
  /* Setting a copy aside and checking the backups reads whole files: on the clinic's workers,
   * while the page already says what happened. */
  self->preparing = TRUE;
  self->cancellable = g_object_ref (vastus_task_bar_start (self->task_bar,
                                                           _("Looking for a backup…")));
  vastus_clinic_prepare_recovery_async (self->clinic, TRUE, vastus_task_bar_progress,
                                        self->task_bar, self->cancellable, prepared_cb,
                                        g_object_ref (self));
}

/* Callbacks */

static void
restore_clicked_cb (VastusRecoveryPage *self)
{
  vastus_recovery_page_restore (self);
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
  VastusRecoveryPage *self = VASTUS_RECOVERY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clinic);
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
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, task_bar);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, VastusRecoveryPage, details_label);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
vastus_recovery_page_init (VastusRecoveryPage *self)
{
  g_type_ensure (VASTUS_TYPE_TASK_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
vastus_recovery_page_new (VastusClinic *clinic,
                          const GError *error)
{
  VastusRecoveryPage *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_RECOVERY_PAGE, NULL);
  self->clinic = g_object_ref (clinic);
  self->path = g_strdup (vastus_clinic_get_path (clinic));
  build (self, error);
  return GTK_WIDGET (self);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VastusRecoveryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  vastus_clinic_restore_finish (VASTUS_CLINIC (source), result, NULL, &error);
  /* The page went meanwhile. */
  if (self->clinic == NULL)
    return;
  g_clear_object (&self->cancellable);
  vastus_task_bar_finish (self->task_bar);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), error != NULL);
  if (error != NULL)
    {
      g_message ("Cannot restore %s: %s", self->backup_path, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: %s is a date and time */
        message = g_strdup_printf (_("The restore of the backup of %s was cancelled; the file "
                                     "was not changed."), self->backup_when);
      else
        /* Translators: the first %s is the date and time of the backup, the second the reason */
        message = g_strdup_printf (_("Could not restore the backup of %s: %s"),
                                   self->backup_when, error->message);
      gtk_label_set_text (self->result_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  g_signal_emit (self, signals[RECOVERED], 0);
}

gboolean
vastus_recovery_page_restore (VastusRecoveryPage *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), FALSE);

  if (self->backup_path == NULL || vastus_task_bar_get_running (self->task_bar))
    return FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
  /* Translators: %s is a date and time */
  title = g_strdup_printf (_("Restoring the backup of %s…"), self->backup_when);
  self->cancellable = g_object_ref (vastus_task_bar_start (self->task_bar, title));
  vastus_clinic_restore_async (self->clinic, self->backup_path, vastus_task_bar_progress,
                               self->task_bar, self->cancellable, restored_cb,
                               g_object_ref (self));
  return TRUE;
}

gboolean
vastus_recovery_page_get_busy (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), FALSE);
  return vastus_task_bar_get_running (self->task_bar);
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

VastusTaskBar *
vastus_recovery_page_get_task_bar (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return self->task_bar;
}

GtkWidget *
vastus_recovery_page_get_retry_button (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), NULL);
  return GTK_WIDGET (self->retry_button);
}

gboolean
vastus_recovery_page_is_unreachable (VastusRecoveryPage *self)
{
  g_return_val_if_fail (VASTUS_IS_RECOVERY_PAGE (self), FALSE);
  return self->unreachable;
}
