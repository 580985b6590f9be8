/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-data-export"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-data-export.h"

#define CHOICE_DEIDENTIFY "deidentify"

typedef struct
{
  VastusClinic         *clinic;
  char                 *mrn;
  GtkFileChooserNative *chooser;
  GWeakRef              tasks;
  GWeakRef              toasts;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->clinic);
  g_clear_pointer (&job->mrn, g_free);
  g_clear_object (&job->chooser);
  g_weak_ref_clear (&job->tasks);
  g_weak_ref_clear (&job->toasts);
  g_free (job);
}

GSettings *
vastus_data_export_get_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "export-folder"))
    return NULL;
  return g_settings_new (APP_ID);
}

char *
vastus_data_export_suggest_name (const char *mrn_or_null,
                                 gboolean    deidentify)
{
  g_autofree char *safe = NULL;

  if (deidentify)
    return g_strdup ("vastus-deidentified.csv");
  if (mrn_or_null == NULL || mrn_or_null[0] == '\0')
    return g_strdup ("vastus-all.csv");
  /* An MRN may hold characters a file name cannot. */
  safe = g_strdup (mrn_or_null);
  g_strcanon (safe, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_.", '_');
  return g_strdup_printf ("vastus-%s.csv", safe);
}

typedef struct
{
  gboolean   deidentify;
  GFile     *file;
  GSettings *settings;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->file);
  g_clear_object (&write->settings);
  g_free (write);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (write->file);
  g_autofree char *name = g_file_get_basename (write->file);

  if (!vastus_clinic_export_csv_finish (VASTUS_CLINIC (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _("The export was cancelled; no file was written"));
      else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_SPACE))
        /* Translators: %s is the reason, from the system */
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not save the export: the disk is full (%s)"),
                                 error->message);
      else if (error->domain == G_FILE_ERROR)
        /* Translators: %s is the reason, from the system */
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not save the export: %s"), error->message);
      else
        /* Translators: %s is the reason, from the database */
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not read the data to export: %s"), error->message);
      g_message ("Cannot export: %s", error->message);
      return;
    }

  if (write->settings != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (write->settings, "export-folder", folder_path);
    }
  if (write->deidentify)
    /* Translators: %s is a file name */
    g_task_return_pointer (task, g_strdup_printf (_("De-identified data exported to “%s”"), name),
                           g_free);
  else
    /* Translators: %s is a file name */
    g_task_return_pointer (task, g_strdup_printf (_("Exported to “%s”; it holds health data, "
                                                    "keep it safe"), name), g_free);
}

void
vastus_data_export_write_async (VastusClinic             *clinic,
                                const char               *mrn_or_null,
                                gboolean                  deidentify,
                                GFile                    *file,
                                GSettings                *settings_or_null,
                                VastusClinicProgressFunc  progress,
                                gpointer                  progress_data,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  Write *write;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (clinic, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_data_export_write_async);
  /* Cancelled, the message says what it means: nothing was written. */
  g_task_set_check_cancellable (task, FALSE);
  write = g_new0 (Write, 1);
  write->deidentify = deidentify;
  write->file = g_object_ref (file);
  write->settings = settings_or_null != NULL ? g_object_ref (settings_or_null) : NULL;
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Data can only be exported to local folders"));
      return;
    }
  vastus_clinic_export_csv_async (clinic, mrn_or_null, deidentify, path, progress, progress_data,
                                  cancellable, written_cb, g_steal_pointer (&task));
}

char *
vastus_data_export_write_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vastus_data_export_write_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
toast (ExportJob  *job,
       const char *text)
{
  g_autoptr(AdwToastOverlay) toasts = g_weak_ref_get (&job->toasts);
  AdwToast *t;

  if (toasts == NULL)
    return;
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (toasts, t);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(VastusTaskBar) tasks = g_weak_ref_get (&job->tasks);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = vastus_data_export_write_finish (result, &error);

  if (tasks != NULL)
    vastus_task_bar_finish (tasks);
  toast (job, message != NULL ? message : error->message);
  export_job_free (job);
}

static gboolean
unref_idle_cb (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ExportJob *job = user_data;
  g_autoptr(VastusTaskBar) tasks = g_weak_ref_get (&job->tasks);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = NULL;
  GCancellable *cancellable;
  const char *choice;
  gboolean deidentify;

  g_signal_handlers_disconnect_by_func (chooser, chooser_response_cb, user_data);
  file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                         : NULL;
  /* The chooser is still emitting: let it go once that is over. */
  g_idle_add_full (G_PRIORITY_DEFAULT, unref_idle_cb, g_steal_pointer (&job->chooser), NULL);
  if (file == NULL || tasks == NULL || vastus_task_bar_get_running (tasks))
    {
      export_job_free (job);
      return;
    }
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), CHOICE_DEIDENTIFY);
  deidentify = g_strcmp0 (choice, "true") == 0;
  settings = vastus_data_export_get_settings ();
  /* On the clinic's workers: the window stays usable, the bar says how far, Cancel stops. */
  cancellable = vastus_task_bar_start (tasks, job->mrn != NULL ? _("Exporting the patient’s data…")
                                                               : _("Exporting all data…"));
  vastus_data_export_write_async (job->clinic, job->mrn, deidentify, file, settings,
                                  vastus_task_bar_progress, tasks, cancellable, export_done_cb,
                                  job);
}

void
vastus_data_export_run (GtkWindow       *parent,
                        VastusClinic    *clinic,
                        const char      *mrn_or_null,
                        gboolean         deidentify,
                        VastusTaskBar   *tasks,
                        AdwToastOverlay *toasts_or_null)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GSettings) settings = vastus_data_export_get_settings ();
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (VASTUS_IS_TASK_BAR (tasks));

  job = g_new0 (ExportJob, 1);
  job->clinic = g_object_ref (clinic);
  job->mrn = g_strdup (mrn_or_null);
  g_weak_ref_init (&job->tasks, tasks);
  g_weak_ref_init (&job->toasts, toasts_or_null);
  job->chooser = gtk_file_chooser_native_new (mrn_or_null != NULL ? _("Export Patient Data")
                                                                  : _("Export All Data"),
                                              parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (job->chooser), CHOICE_DEIDENTIFY,
                               _("De-identify (for research: no names, MRNs or dates)"),
                               NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (job->chooser), CHOICE_DEIDENTIFY,
                               deidentify ? "true" : "false");

  folder = settings != NULL ? g_settings_get_string (settings, "export-folder") : g_strdup ("");
  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (job->chooser), dir, NULL);
    }
  name = vastus_data_export_suggest_name (mrn_or_null, deidentify);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  g_signal_connect (job->chooser, "response", G_CALLBACK (chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}
