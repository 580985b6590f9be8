/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-data-export"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinic-fhir.h"
#include "vastus-data-export.h"
#include "vastus-saved-folder.h"
#include "vastus-settings.h"

#define CHOICE_DEIDENTIFY "deidentify"

/* On the parent window while its export asks where to save (the saved folder checked, then the
 * chooser): a second "Export…" meanwhile does nothing. */
#define ASKING_KEY "vastus-data-export-asking"

typedef struct
{
  VastusClinic         *clinic;
  char                 *mrn;
  gboolean              fhir;         /* a FHIR Bundle, not the CSV */
  GtkFileChooserNative *chooser;
  GCancellable         *finding_folder; /* the saved folder's check, cancelled when the parent
                                         * goes first */
  GWeakRef              parent;
  gulong                destroy_id;   /* on the parent, until the chooser answered */
  GWeakRef              tasks;
  GWeakRef              toasts;
} ExportJob;

/* The parent may ask for another export again. */
static void
stop_asking (ExportJob *job)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&job->parent);

  if (parent == NULL)
    return;
  g_clear_signal_handler (&job->destroy_id, parent);
  if (g_object_get_data (G_OBJECT (parent), ASKING_KEY) == job)
    g_object_set_data (G_OBJECT (parent), ASKING_KEY, NULL);
}

static void
export_job_free (ExportJob *job)
{
  stop_asking (job);
  g_clear_object (&job->finding_folder);
  g_weak_ref_clear (&job->parent);
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

static char *
suggest_name (const char *mrn_or_null,
              gboolean    deidentify,
              const char *ending)
{
  g_autofree char *safe = NULL;

  if (deidentify)
    return g_strconcat ("vastus-deidentified", ending, NULL);
  if (mrn_or_null == NULL || mrn_or_null[0] == '\0')
    return g_strconcat ("vastus-all", ending, NULL);
  /* An MRN may hold characters a file name cannot. */
  safe = g_strdup (mrn_or_null);
  g_strcanon (safe, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_.", '_');
  return g_strconcat ("vastus-", safe, ending, NULL);
}

char *
vastus_data_export_suggest_name (const char *mrn_or_null,
                                 gboolean    deidentify)
{
  return suggest_name (mrn_or_null, deidentify, ".csv");
}

char *
vastus_data_export_suggest_fhir_name (const char *mrn_or_null,
                                      gboolean    deidentify)
{
  return suggest_name (mrn_or_null, deidentify, ".fhir.json");
}

typedef struct
{
  gboolean   deidentify;
  gboolean   fhir;
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
  g_autofree char *where = folder != NULL ? g_file_get_path (folder) : NULL;
  gboolean ok = write->fhir ? vastus_clinic_export_fhir_finish (VASTUS_CLINIC (source), result, &error)
                            : vastus_clinic_export_csv_finish (VASTUS_CLINIC (source), result, &error);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _("The export was cancelled; no file was written"));
      else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_SPACE))
        /* Translators: %s is the reason, from the system */
        g_task_return_new_error (task, error->domain, error->code,
                                 /* Translators: %s is the reason, from the system */
                                 _("Could not save the export: the disk is full (%s)"),
                                 error->message);
      else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_READ_ONLY)
               || g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_PERMISSION))
        /* Translators: %s is the reason (a de-identified export keeps study codes, a patient's
         * FHIR bundle records the report inside it) */
        g_task_return_new_error (task, error->domain, error->code, _("Could not export: %s"),
                                 error->message);
      else if (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR)
        /* Translators: %s is the reason, from the system */
        g_task_return_new_error (task, error->domain, error->code,
                                 /* Translators: %s is the reason, from the system */
                                 _("Could not save the export: %s"), error->message);
      else
        /* Translators: %s is the reason, from the database */
        g_task_return_new_error (task, error->domain, error->code,
                                 /* Translators: %s is the reason, from the database */
                                 _("Could not read the data to export: %s"), error->message);
      g_message ("Cannot export: %s", error->message);
      return;
    }

  if (write->settings != NULL && where != NULL)
    g_settings_set_string (write->settings, "export-folder", where);
  /* The name first: a narrow window's toast shows its start. */
  if (write->fhir && write->deidentify)
    /* Translators: a file name, then its folder */
    g_task_return_pointer (task, g_strdup_printf (_("De-identified FHIR bundle “%s” saved in %s"),
                                                  name, where), g_free);
  else if (write->fhir)
    /* Translators: a file name, then its folder */
    g_task_return_pointer (task, g_strdup_printf (_("FHIR bundle “%s” saved in %s; it holds health "
                                                    "data, keep it safe"), name, where), g_free);
  else if (write->deidentify)
    /* Translators: %s is a file name */
    g_task_return_pointer (task, g_strdup_printf (_("De-identified data exported to “%s”"), name),
                           g_free);
  else
    /* Translators: %s is a file name */
    g_task_return_pointer (task, g_strdup_printf (_("Exported to “%s”; it holds health data, "
                                                    "keep it safe"), name), g_free);
}

/* The task of an export to @file; NULL (the task returned, with the error) when @file is not a
 * local file. */
static GTask *
write_task_new (VastusClinic        *clinic,
                gboolean             fhir,
                gboolean             deidentify,
                GFile               *file,
                GSettings           *settings_or_null,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                char               **path)
{
  g_autoptr(GTask) task = g_task_new (clinic, cancellable, callback, user_data);
  Write *write;

  g_task_set_source_tag (task, vastus_data_export_write_async);
  /* Cancelled, the message says what it means: nothing was written. */
  g_task_set_check_cancellable (task, FALSE);
  write = g_new0 (Write, 1);
  write->deidentify = deidentify;
  write->fhir = fhir;
  write->file = g_object_ref (file);
  write->settings = settings_or_null != NULL ? g_object_ref (settings_or_null) : NULL;
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  *path = g_file_get_path (file);
  if (*path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Data can only be exported to local folders"));
      return NULL;
    }
  return g_steal_pointer (&task);
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
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (G_IS_FILE (file));

  task = write_task_new (clinic, FALSE, deidentify, file, settings_or_null, cancellable, callback,
                         user_data, &path);
  if (task != NULL)
    vastus_clinic_export_csv_async (clinic, mrn_or_null, deidentify, path, progress, progress_data,
                                    cancellable, written_cb, task);
}

void
vastus_data_export_write_fhir_async (VastusClinic             *clinic,
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
  g_autofree char *path = NULL;
  g_autofree char *system = vastus_settings_get_fhir_system (settings_or_null);
  g_autofree char *clinic_name = NULL, *clinic_address = NULL;
  g_autoptr(GError) error = NULL;
  VastusFhirExportOptions options = { 0 };
  VastusClinicRules rules;
  GTask *task;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (G_IS_FILE (file));

  task = write_task_new (clinic, TRUE, deidentify, file, settings_or_null, cancellable, callback,
                         user_data, &path);
  if (task == NULL)
    return;
  /* A system set outside Preferences (which takes only a good one) is refused here, named. */
  if (!vastus_fhir_system_check (system, &error))
    {
      /* Translators: the first %s is a setting's name in Preferences, the second why its value
       * is refused (naming it) */
      g_task_return_new_error (task, error->domain, error->code, _("Preferences, %s: %s"),
                               /* Translators: the name of the setting in Preferences, FHIR
                                * Export: the URI the clinic's MRNs are known by; the same words
                                * as there */
                               _("Identifier system"), error->message);
      g_object_unref (task);
      return;
    }
  vastus_clinic_get_clinic_rules (clinic, &rules);
  if (settings_or_null != NULL)
    {
      clinic_name = g_settings_get_string (settings_or_null, "clinic-name");
      clinic_address = g_settings_get_string (settings_or_null, "clinic-address");
    }
  options.mrn = mrn_or_null;
  options.deidentify = deidentify;
  options.system = system;
  options.rules = &rules;
  options.clinic_name = clinic_name;
  options.clinic_address = clinic_address;
  options.paper = vastus_settings_get_paper (settings_or_null);
  vastus_clinic_export_fhir_async (clinic, &options, path, progress, progress_data, cancellable,
                                   written_cb, task);
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
  stop_asking (job);
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
  if (job->fhir)
    {
      cancellable = vastus_task_bar_start (tasks, job->mrn != NULL ? _("Exporting the patient’s FHIR bundle…")
                                                                   : _("Exporting the FHIR bundle…"));
      vastus_data_export_write_fhir_async (job->clinic, job->mrn, deidentify, file, settings,
                                           vastus_task_bar_progress, tasks, cancellable,
                                           export_done_cb, job);
      return;
    }
  cancellable = vastus_task_bar_start (tasks, job->mrn != NULL ? _("Exporting the patient’s data…")
                                                               : _("Exporting all data…"));
  vastus_data_export_write_async (job->clinic, job->mrn, deidentify, file, settings,
                                  vastus_task_bar_progress, tasks, cancellable, export_done_cb,
                                  job);
}

static void
run (GtkWindow       *parent,
     VastusClinic    *clinic,
     const char      *mrn_or_null,
     gboolean         deidentify,
     gboolean         fhir,
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

  if (parent != NULL && g_object_get_data (G_OBJECT (parent), ASKING_KEY) != NULL)
    return;
  job = g_new0 (ExportJob, 1);
  g_weak_ref_init (&job->parent, parent);
  job->clinic = g_object_ref (clinic);
  job->mrn = g_strdup (mrn_or_null);
  job->fhir = fhir;
  g_weak_ref_init (&job->tasks, tasks);
  g_weak_ref_init (&job->toasts, toasts_or_null);
  job->chooser = gtk_file_chooser_native_new (fhir ? (mrn_or_null != NULL ? _("Export Patient FHIR Bundle")
                                                                          : _("Export FHIR Bundle"))
                                              : mrn_or_null != NULL ? _("Export Patient Data")
                                                                    : _("Export All Data"),
                                              parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                              /* Translators: the file chooser's button (verb):
                                               * writes the export to the chosen file */
                                              _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  if (fhir)
    {
      gtk_file_filter_set_name (filter, _("FHIR bundles (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/fhir+json");
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      /* Translators: the file chooser's filter: comma-separated values files (.csv) */
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (job->chooser), CHOICE_DEIDENTIFY,
                               _("De-identify (for research: no names, MRNs or dates)"),
                               NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (job->chooser), CHOICE_DEIDENTIFY,
                               deidentify ? "true" : "false");

  name = fhir ? vastus_data_export_suggest_fhir_name (mrn_or_null, deidentify)
              : vastus_data_export_suggest_name (mrn_or_null, deidentify);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  g_signal_connect (job->chooser, "response", G_CALLBACK (chooser_response_cb), job);
  /* In the folder saved last, once the clinic found it usable (off the main thread). */
  folder = settings != NULL ? g_settings_get_string (settings, "export-folder") : NULL;
  job->finding_folder = g_cancellable_new ();
  if (parent != NULL)
    {
      g_object_set_data (G_OBJECT (parent), ASKING_KEY, job);
      job->destroy_id = g_signal_connect_swapped (parent, "destroy",
                                                  G_CALLBACK (g_cancellable_cancel),
                                                  job->finding_folder);
    }
  vastus_saved_folder_show_chooser (job->chooser, clinic, folder, job->finding_folder,
                                    (GDestroyNotify) export_job_free, job);
}

void
vastus_data_export_run (GtkWindow       *parent,
                        VastusClinic    *clinic,
                        const char      *mrn_or_null,
                        gboolean         deidentify,
                        VastusTaskBar   *tasks,
                        AdwToastOverlay *toasts_or_null)
{
  run (parent, clinic, mrn_or_null, deidentify, FALSE, tasks, toasts_or_null);
}

void
vastus_data_export_run_fhir (GtkWindow       *parent,
                             VastusClinic    *clinic,
                             const char      *mrn_or_null,
                             VastusTaskBar   *tasks,
                             AdwToastOverlay *toasts_or_null)
{
  run (parent, clinic, mrn_or_null, FALSE, TRUE, tasks, toasts_or_null);
}
