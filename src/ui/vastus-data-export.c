/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-data-export"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-csv-export.h"
#include "vastus-data-export.h"

#define CHOICE_DEIDENTIFY "deidentify"

typedef struct
{
  VastusDatabase       *db;
  char                 *mrn;
  GtkFileChooserNative *chooser;
  GWeakRef              toasts;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->db);
  g_clear_pointer (&job->mrn, g_free);
  g_clear_object (&job->chooser);
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

char *
vastus_data_export_write (VastusDatabase  *db,
                          const char      *mrn_or_null,
                          gboolean         deidentify,
                          GFile           *file,
                          GSettings       *settings_or_null,
                          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Data can only be exported to local folders"));
      return NULL;
    }
  if (deidentify)
    csv = vastus_csv_export_deidentified (db, mrn_or_null, &length, &local_error);
  else
    csv = vastus_csv_export (db, mrn_or_null, &length, &local_error);
  if (csv == NULL)
    {
      g_message ("Cannot export %s: %s", mrn_or_null ?: "the database", local_error->message);
      /* Translators: %s is the reason, from the database */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the data to export: %s"), local_error->message);
      return NULL;
    }
  /* Atomic (a temporary file renamed over the target) and private, like the database. */
  if (!g_file_set_contents_full (path, csv, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_message ("Cannot write %s: %s", path, local_error->message);
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: %s is the reason, from the system */
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                   ? _("Could not save the export: the disk is full (%s)")
                   : _("Could not save the export: %s"), local_error->message);
      return NULL;
    }

  folder = g_file_get_parent (file);
  if (settings_or_null != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (settings_or_null, "export-folder", folder_path);
    }

  name = g_file_get_basename (file);
  if (deidentify)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("De-identified data exported to “%s”"), name);
  /* Translators: %s is a file name */
  return g_strdup_printf (_("Exported to “%s”; it holds health data, keep it safe"), name);
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

static gboolean
free_job_idle_cb (gpointer user_data)
{
  export_job_free (user_data);
  return G_SOURCE_REMOVE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *choice;
  gboolean deidentify;

  g_signal_handlers_disconnect_by_func (chooser, chooser_response_cb, user_data);
  /* The chooser is still emitting: let it go once that is over. */
  g_idle_add_full (G_PRIORITY_DEFAULT, free_job_idle_cb, job, NULL);
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL)
    return;
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), CHOICE_DEIDENTIFY);
  deidentify = g_strcmp0 (choice, "true") == 0;
  settings = vastus_data_export_get_settings ();
  message = vastus_data_export_write (job->db, job->mrn, deidentify, file, settings, &error);
  toast (job, message != NULL ? message : error->message);
}

void
vastus_data_export_run (GtkWindow       *parent,
                        VastusDatabase  *db,
                        const char      *mrn_or_null,
                        gboolean         deidentify,
                        AdwToastOverlay *toasts_or_null)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GSettings) settings = vastus_data_export_get_settings ();
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (VASTUS_IS_DATABASE (db));

  job = g_new0 (ExportJob, 1);
  job->db = g_object_ref (db);
  job->mrn = g_strdup (mrn_or_null);
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
