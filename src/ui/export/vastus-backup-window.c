/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-display.h"
#include "vastus-backup-window.h"
#include "vastus-saved-folder.h"
#include "vastus-text.h"

struct _VastusBackupWindow
{
  AdwWindow             parent_instance;

  VastusClinic         *clinic;
  GListModel           *backups;      /* of VastusBackupItem, as last read */
  GCancellable         *reading;      /* the list being read */
  GtkFileChooserNative *chooser;
  GCancellable         *finding_folder; /* "Back Up Now…": the saved folder's check */
  GSettings            *settings;     /* NULL without the schema's "backup-folder" */
  GPtrArray            *rows;         /* of GtkWidget*, borrowed from list_box */
  char                 *folder_error; /* shown: the backups folder did not answer */

  VastusTaskBar        *task_bar;
  GtkButton            *back_up_button;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *group;
  GtkListBox           *list_box;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (VastusBackupWindow, vastus_backup_window, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Helpers */

static void
toast (VastusBackupWindow *self,
       const char         *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
show_error (VastusBackupWindow *self,
            const char         *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

char *
vastus_backup_window_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  char day[VASTUS_DISPLAY_DATE_SIZE];
  GDate date;

  g_return_val_if_fail (time != NULL, NULL);
  local = g_date_time_to_local (time);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  clock = g_date_time_format (local, "%H:%M");
  /* The locale's date (2026-12-05 under C, 05.12.2026 in German) and the 24-hour time. */
  return g_strdup_printf ("%s %s", vastus_display_date (&date, day), clock);
}

const char *
vastus_backup_window_kind_label (VastusBackupItemKind kind)
{
  switch (kind)
    {
    /* Translators: the kind of a backup: made automatically before a database upgrade */
    case VASTUS_BACKUP_ITEM_PRE_MIGRATION: return _("Before an upgrade");
    case VASTUS_BACKUP_ITEM_PRE_RESTORE: return _("Before a restore");
    /* Translators: the kind of a backup: a copy of a damaged database, set aside when Vastus
     * repaired it */
    case VASTUS_BACKUP_ITEM_DAMAGED: return _("Damaged copy");
    case VASTUS_BACKUP_ITEM_REGULAR:
    /* Translators: the kind of a backup: the one Vastus makes by itself each day */
    default: return _("Daily backup");
    }
}

static char *
describe_contents (VastusBackupItem *item)
{
  gint64 n_patients = vastus_backup_item_get_n_patients (item);
  gint64 n_visits = vastus_backup_item_get_n_visits (item);

  if (n_patients < 0 || n_visits < 0)
    /* Translators: in place of a backup's count of patients and visits, when the backup cannot
     * be read */
    return g_strdup (_("cannot be read"));
  return vastus_text_patients_and_visits (n_patients, n_visits);
}

static gboolean
can_restore (VastusBackupItem *item)
{
  return vastus_backup_item_get_kind (item) != VASTUS_BACKUP_ITEM_DAMAGED
         && vastus_backup_item_get_n_patients (item) >= 0;
}

/* One task at a time (the task bar's): the buttons that start one wait meanwhile. */
static void
task_running_cb (VastusBackupWindow *self)
{
  gboolean idle = !vastus_task_bar_get_running (self->task_bar);

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), idle);
}

/* Restore */

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VastusBackupWindow *self = g_task_get_source_object (task);
  const char *when = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *message = NULL;
  gboolean restored = vastus_clinic_restore_finish (VASTUS_CLINIC (source), result, &safety,
                                                    &error);

  /* The window went meanwhile. */
  if (self->clinic == NULL)
    return;
  vastus_task_bar_finish (self->task_bar);
  if (!restored)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          toast (self, _("The restore was cancelled; the database was not changed"));
          return;
        }
      g_message ("Cannot restore the backup of %s: %s", when, error->message);
      /* Translators: the first %s is a date and time, the second the reason */
      message = g_strdup_printf (_("Could not restore the backup of %s: %s. The database was "
                                   "not changed."), when, error->message);
      show_error (self, message);
      toast (self, _("Could not restore the backup"));
      return;
    }
  show_error (self, NULL);
  vastus_backup_window_reload (self);
  /* Translators: %s is a date and time */
  message = g_strdup_printf (_("Restored the backup of %s; the database as it was is kept as a "
                               "backup"), when);
  toast (self, message);
  g_signal_emit (self, signals[RESTORED], 0, safety);
}

/* On the clinic's writer, alone (nothing else reads or writes meanwhile), with progress and
 * Cancel; the clinic then reads everything it shows again. */
static void
restore (VastusBackupWindow *self,
         const char         *path,
         const char         *when)
{
  g_autofree char *title = NULL;
  GTask *task;
  GCancellable *cancellable;

  if (vastus_task_bar_get_running (self->task_bar))
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (when), g_free);
  /* Translators: %s is a date and time */
  title = g_strdup_printf (_("Restoring the backup of %s…"), when);
  cancellable = vastus_task_bar_start (self->task_bar, title);
  vastus_clinic_restore_async (self->clinic, path, vastus_task_bar_progress, self->task_bar,
                               cancellable, restored_cb, task);
}

static void
restore_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     VastusBackupWindow *self)
{
  if (!g_str_equal (response, "restore"))
    return;
  restore (self, g_object_get_data (G_OBJECT (dialog), "path"),
           g_object_get_data (G_OBJECT (dialog), "when"));
}

AdwMessageDialog *
vastus_backup_window_ask_restore (VastusBackupWindow *self,
                                  guint               index)
{
  g_autoptr(VastusBackupItem) item = NULL;
  g_autofree char *when = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (VASTUS_IS_BACKUP_WINDOW (self), NULL);
  g_return_val_if_fail (self->backups != NULL, NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (self->backups), NULL);

  item = g_list_model_get_item (self->backups, index);
  when = vastus_backup_window_format_time (vastus_backup_item_get_time (item));
  contents = describe_contents (item);
  /* Translators: %s is a date and time, "2026-11-21 21:15" */
  heading = g_strdup_printf (_("Restore the Backup of %s?"), when);
  /* Translators: the first %s is a date and time, the second "3 patients, 27 visits" */
  body = g_strdup_printf (_("The whole database is replaced by the backup of %s (%s). Anything "
                            "entered since then will no longer be shown.\n\nThe current database "
                            "is backed up first, so it can be restored again from this list."),
                          when, contents);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    /* Translators: a button (verb): closes the question or file
                                     * chooser without doing anything */
                                    "cancel", _("_Cancel"),
                                    /* Translators: a button (verb): replaces today's database
                                     * with the chosen backup */
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path",
                          g_strdup (vastus_backup_item_get_path (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "when", g_steal_pointer (&when), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_clicked_cb (GtkButton          *button,
                    VastusBackupWindow *self)
{
  vastus_backup_window_ask_restore (self,
                                    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                         "index")));
}

/* The list */

static GtkWidget *
create_row (VastusBackupWindow *self,
            VastusBackupItem   *item,
            guint               index)
{
  g_autofree char *when = vastus_backup_window_format_time (vastus_backup_item_get_time (item));
  g_autofree char *size = g_format_size (vastus_backup_item_get_size (item));
  g_autofree char *contents = describe_contents (item);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a backup's kind, size and contents: "Daily backup · 1.2 MB · 3 patients, 27 visits" */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              vastus_backup_window_kind_label (vastus_backup_item_get_kind (item)),
                              size, contents);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, vastus_backup_item_get_path (item));
  if (can_restore (item))
    {
      /* Translators: a button (verb) on a backup of the list: asks before putting that backup
       * back in place of today's database */
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
      /* Translators: %s is a date and time */
      g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
      g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
show_backups (VastusBackupWindow *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (self->backups);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->rows, 0);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->list_box, row);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VastusBackupItem) item = g_list_model_get_item (self->backups, i);
      GtkWidget *row = create_row (self, item, i);

      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  VastusBackupWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) backups = vastus_clinic_list_backups_finish (VASTUS_CLINIC (source),
                                                                     result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (backups == NULL)
    {
      g_autofree char *message = NULL;

      g_message ("Cannot list the backups: %s", error->message);
      /* Translators: %s is the reason */
      message = g_strdup_printf (_("Could not read the backups folder: %s"), error->message);
      show_error (self, message);
      backups = G_LIST_MODEL (g_list_store_new (VASTUS_TYPE_BACKUP_ITEM));
    }
  g_set_object (&self->backups, backups);
  show_backups (self);
}

static void
folder_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VastusBackupWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = vastus_clinic_find_backup_folder_finish (VASTUS_CLINIC (source),
                                                                     result, &error);
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_ANSWER))
    {
      /* A share that hangs: said, naming the folder, and nothing else waits for it. "Back Up
       * Now…" stays: it writes where the person chooses (a USB drive, another disk), which is
       * what a clinic wants most when the database's own folder misbehaves, and it runs on the
       * clinic's workers with progress and Cancel, so it freezes nothing either. The list comes
       * whenever the folder answers (it is read on the workers). */
      g_message ("Cannot find the backups folder: %s", error->message);
      g_free (self->folder_error);
      /* Translators: %s says which folder did not answer, and why that may be (“The folder
       * /mnt/clinic/backups did not answer within 5 seconds: it may be on a network share that
       * is slow or cut off”); “Back Up Now…” is the button of this window */
      self->folder_error = g_strdup_printf (_("%s. The backups are listed once it answers; "
                                              "“Back Up Now…” still saves a copy to a place "
                                              "you choose."), error->message);
      show_error (self, self->folder_error);
      return;
    }
  if (folder == NULL)
    {
      /* The list's reading says what is wrong with the folder. */
      g_message ("Cannot find the backups folder: %s", error->message);
      return;
    }
  /* It answers now: what said it did not goes (unless something else was said since). */
  if (self->folder_error != NULL
      && g_strcmp0 (vastus_backup_window_get_error_text (self), self->folder_error) == 0)
    show_error (self, NULL);
  g_clear_pointer (&self->folder_error, g_free);
  /* Translators: %s is a folder */
  description = g_strdup_printf (_("Vastus backs up the database once a day, before upgrades and "
                                   "before a restore, into %s, and keeps the newest of recent "
                                   "days, weeks and months. Keep a copy elsewhere too, with "
                                   "“Back Up Now…”."), folder);
  adw_preferences_group_set_description (self->group, description);
}

/* Read on the clinic's workers (each backup is opened to count what it holds); the backups
 * folder is found on a thread of its own with a deadline (resolving its path goes to the disk,
 * vastus_clinic_find_backup_folder_async): the rows shown stay until the new list arrives. */
void
vastus_backup_window_reload (VastusBackupWindow *self)
{
  g_return_if_fail (VASTUS_IS_BACKUP_WINDOW (self));

  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();
  vastus_clinic_find_backup_folder_async (self->clinic, self->reading, folder_found_cb, self);
  vastus_clinic_list_backups_async (self->clinic, NULL, NULL, self->reading, listed_cb, self);
}

/* Back Up Now… */

typedef struct
{
  GFile        *file;
  GCancellable *cancellable;   /* the task bar's */
} BackUp;

static void
back_up_free (BackUp *back_up)
{
  g_object_unref (back_up->file);
  g_object_unref (back_up->cancellable);
  g_free (back_up);
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VastusBackupWindow *self = g_task_get_source_object (task);
  BackUp *back_up = g_task_get_task_data (task);
  GFile *file = back_up->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = vastus_clinic_back_up_finish (VASTUS_CLINIC (source), result,
                                                           &error);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  /* The window went meanwhile. */
  if (self->clinic == NULL)
    return;
  vastus_task_bar_finish (self->task_bar);
  if (created == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          toast (self, _("The backup was cancelled; no file was written"));
          return;
        }
      g_message ("Cannot back up to %s: %s", name, error->message);
      message = g_strdup_printf (g_error_matches (error, VASTUS_CLINIC_ERROR,
                                                  VASTUS_CLINIC_ERROR_NO_SPACE)
                                 /* Translators: %s is the reason */
                                 ? _("Could not back up: the disk is full (%s)")
                                 /* Translators: %s is the reason, from the system or the
                                  * database */
                                 : _("Could not back up: %s"), error->message);
      show_error (self, message);
      toast (self, _("Could not back up"));
      return;
    }
  if (self->settings != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "backup-folder", folder_path);
    }
  show_error (self, NULL);
  /* Cancel came after the backup was written: it is there, and the window says so. */
  if (g_cancellable_is_cancelled (back_up->cancellable))
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Too late to cancel: backed up to “%s” and verified"), name);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Backed up to “%s” and verified"), name);
  toast (self, message);
  vastus_backup_window_reload (self);
}

void
vastus_backup_window_back_up_to (VastusBackupWindow *self,
                                 GFile              *file)
{
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  BackUp *back_up;
  GTask *task;

  g_return_if_fail (VASTUS_IS_BACKUP_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Backups can only be saved to local folders"));
      return;
    }
  if (vastus_task_bar_get_running (self->task_bar))
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  /* A connection of its own on a worker: the window (and the main window) stay usable. */
  /* Translators: shown in the task bar while a backup is being made */
  cancellable = vastus_task_bar_start (self->task_bar, _("Backing up…"));
  back_up = g_new0 (BackUp, 1);
  back_up->file = g_object_ref (file);
  back_up->cancellable = g_object_ref (cancellable);
  g_task_set_task_data (task, back_up, (GDestroyNotify) back_up_free);
  vastus_clinic_back_up_async (self->clinic, path, vastus_task_bar_progress, self->task_bar,
                               cancellable, backed_up_cb, task);
}

static gboolean
unref_idle_cb (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
chooser_response_cb (VastusBackupWindow *self,
                     int                 response,
                     GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Released once the chooser has finished emitting. */
  g_idle_add_full (G_PRIORITY_DEFAULT, unref_idle_cb, g_steal_pointer (&self->chooser), NULL);
  g_signal_handlers_disconnect_by_func (chooser, chooser_response_cb, self);
  if (file != NULL)
    vastus_backup_window_back_up_to (self, file);
}

static void
back_up_clicked_cb (VastusBackupWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  /* Also while the saved folder is being checked: a second click does nothing. */
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Back Up Now"), GTK_WINDOW (self),
                                               /* Translators: the file chooser's button (verb):
                                                * saves a backup to the chosen file */
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file chooser's filter: Vastus's database files (.db) */
  gtk_file_filter_set_name (filter, _("Vastus databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = g_date_time_format (now, "vastus-backup-%Y-%m-%d.db");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  /* In the folder saved last, once the clinic found it usable (off the main thread). */
  folder = self->settings != NULL ? g_settings_get_string (self->settings, "backup-folder")
                                  : NULL;
  g_clear_object (&self->finding_folder);
  self->finding_folder = g_cancellable_new ();
  vastus_saved_folder_show_chooser (self->chooser, self->clinic, folder, self->finding_folder,
                                    NULL, NULL);
}

/* GObject */

static void
vastus_backup_window_dispose (GObject *object)
{
  VastusBackupWindow *self = VASTUS_BACKUP_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_cancellable_cancel (self->finding_folder);
  g_clear_object (&self->finding_folder);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_BACKUP_WINDOW);
  g_clear_object (&self->clinic);
  g_clear_object (&self->backups);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vastus_backup_window_parent_class)->dispose (object);
}

static void
vastus_backup_window_finalize (GObject *object)
{
  VastusBackupWindow *self = VASTUS_BACKUP_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->folder_error);
  G_OBJECT_CLASS (vastus_backup_window_parent_class)->finalize (object);
}

static void
vastus_backup_window_class_init (VastusBackupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_backup_window_dispose;
  object_class->finalize = vastus_backup_window_finalize;

  /**
   * VastusBackupWindow::restored:
   * @safety_backup: the backup of the database as it was before, or %NULL
   *
   * The database file now holds the restored backup: reopen it and reload.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-backup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, task_bar);
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, group);
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, VastusBackupWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, back_up_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_backup_window_init (VastusBackupWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_type_ensure (VASTUS_TYPE_TASK_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->backups = G_LIST_MODEL (g_list_store_new (VASTUS_TYPE_BACKUP_ITEM));
  g_signal_connect_object (self->task_bar, "notify::running", G_CALLBACK (task_running_cb), self,
                           G_CONNECT_SWAPPED);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "backup-folder"))
    self->settings = g_settings_new (APP_ID);
}

/* Public API */

VastusBackupWindow *
vastus_backup_window_new (GtkWindow    *parent,
                          VastusClinic *clinic)
{
  VastusBackupWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  /* The application's, like every window: quitting closes it too. */
  self = g_object_new (VASTUS_TYPE_BACKUP_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->clinic = g_object_ref (clinic);
  vastus_backup_window_reload (self);
  return self;
}

GListModel *
vastus_backup_window_get_backups (VastusBackupWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_WINDOW (self), NULL);
  return self->backups;
}

GtkWidget *
vastus_backup_window_get_row (VastusBackupWindow *self,
                              guint               index)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

VastusTaskBar *
vastus_backup_window_get_task_bar (VastusBackupWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_WINDOW (self), NULL);
  return self->task_bar;
}

const char *
vastus_backup_window_get_error_text (VastusBackupWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_BACKUP_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
