/* vastus-report-dialog-output.c: putting the report out from the dialog: Export… (the file
 * chooser, then writing and recording the PDF on the clinic's workers) and Print… (the same
 * layout through GtkPrintOperation, then recording it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-report-dialog"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-report-dialog-private.h"
#include "vastus-saved-folder.h"
#include "vastus-write-error.h"

/* Putting out: on the clinic's workers, recorded there (vastus-clinic-report.h). */

static void
put_out_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VastusReportDialog *self = g_task_get_source_object (task);
  VastusClinicReportOutput output = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = vastus_clinic_output_report_finish (VASTUS_CLINIC (source), result,
                                                                &error);

  /* The window went meanwhile. */
  if (self->clinic == NULL)
    return;
  vastus_task_bar_finish (self->task_bar);
  _vastus_report_dialog_set_ready (self, self->preparing == NULL && self->narrative_timeout == 0
                                         && self->data != NULL);
  if (sha256 == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _vastus_report_dialog_toast (self, _("The export was cancelled; no report was saved"));
          return;
        }
      g_message ("Cannot put the report out: %s", error->message);
      message = vastus_write_error_text (error, output == VASTUS_CLINIC_REPORT_WRITE
                                 /* Translators: %s is the reason, from the system */
                                 ? _("Could not export the report: %s")
                                 /* Translators: %s is the reason the report could not be entered
                                  * in the patient's record (the audit trail), from the database */
                                 : _("Could not record the report: %s"), error->message);
      _vastus_report_dialog_show_status (self, message);
      _vastus_report_dialog_toast (self, output == VASTUS_CLINIC_REPORT_WRITE
                                         ? _("Could not export the report")
                                         : _("Could not record the report"));
      return;
    }
  g_free (self->recorded_narrative);
  self->recorded_narrative = g_strdup (g_object_get_data (G_OBJECT (task), "narrative"));
  if (output == VASTUS_CLINIC_REPORT_PRINTED)
    _vastus_report_dialog_toast (self, _("Report sent to the printer; it is on record"));
  else
    {
      g_autofree char *name = g_path_get_basename (g_object_get_data (G_OBJECT (task), "path"));
      /* Translators: %s is the name of the PDF file saved; "on record": entered in the patient's
       * record */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”; the report is on record"), name);

      _vastus_report_dialog_toast (self, message);
    }
}

/* Writes (or records) the report as the preview shows it, through the clinic. */
static void
put_out (VastusReportDialog       *self,
         VastusClinicReportOutput  output,
         const char               *path)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  VastusReportOptions options;
  GCancellable *cancellable;
  GTask *task;

  if (vastus_task_bar_get_running (self->task_bar))
    return;
  _vastus_report_dialog_get_options (self, &options, strings);
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (output), NULL);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "narrative", g_strdup (options.narrative), g_free);
  cancellable = vastus_task_bar_start (self->task_bar,
                                       output == VASTUS_CLINIC_REPORT_WRITE
                                       ? _("Exporting the report…")
                                       : _("Recording the report…"));
  _vastus_report_dialog_set_ready (self, FALSE);
  vastus_clinic_output_report_async (self->clinic, self->mrn, &options,
                                     vastus_report_dialog_get_paper (self), output, path,
                                     vastus_task_bar_progress, self->task_bar, cancellable,
                                     put_out_cb, task);
}

gboolean
vastus_report_dialog_export_to (VastusReportDialog *self,
                                const char         *path)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (vastus_task_bar_get_running (self->task_bar))
    return FALSE;
  put_out (self, VASTUS_CLINIC_REPORT_WRITE, path);
  return TRUE;
}

/* Export… */

static char *
suggested_name (VastusReportDialog *self)
{
  const VastusReportData *d = self->data;
  g_autofree char *id = g_strdup (d->patient_id_value);
  char buf[VASTUS_DATE_BUF_SIZE];

  g_strdelimit (id, G_DIR_SEPARATOR_S "\\:*?\"<>|", '-');
  if (d->deidentified)
    /* Translators: the first word of a report's suggested file name (report-MRN-date.pdf): one
     * lower-case word, no spaces */
    return g_strdup_printf ("%s-%s.pdf", _("report"), id);
  return g_strdup_printf ("%s-%s-%s.pdf", _("report"), id, vastus_date_format (&d->report_date, buf));
}

static void
chooser_response_cb (VastusReportDialog *self,
                     int                 response,
                     GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      _vastus_report_dialog_toast (self, _("Reports can only be saved to local folders"));
      return;
    }
  folder = g_file_get_parent (file);
  if (self->settings != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "report-folder", folder_path);
    }
  vastus_report_dialog_export_to (self, path);
}

void
_vastus_report_dialog_export_clicked_cb (VastusReportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = _vastus_report_dialog_get_setting_string (self, "report-folder");
  g_autofree char *name = NULL;

  /* Also while the saved folder is being checked: a second click does nothing. */
  if (self->data == NULL || self->chooser != NULL)
    return;
  /* Translators: the title of the file chooser that saves the surgeon's report as a PDF */
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file chooser's filter: PDF files (.pdf) */
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  /* In the folder saved last, once the clinic found it usable (off the main thread). */
  g_clear_object (&self->finding_folder);
  self->finding_folder = g_cancellable_new ();
  vastus_saved_folder_show_chooser (self->chooser, self->clinic, folder, self->finding_folder,
                                    NULL, NULL);
}

/* Print… : the same layout, on the printer's cairo_t in points. */

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                VastusReportDialog *self)
{
  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
  self->print_layout = vastus_report_layout_new (self->data, gtk_print_context_get_width (context),
                                                 gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) vastus_report_layout_get_n_pages (self->print_layout));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              VastusReportDialog *self)
{
  vastus_report_layout_draw_page (self->print_layout, gtk_print_context_get_cairo_context (context),
                                  (guint) page_nr);
}

static void
end_print_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              VastusReportDialog *self)
{
  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
}

static GtkPrintOperation *
new_print_operation (VastusReportDialog *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (vastus_report_dialog_get_paper (self) == VASTUS_PAPER_LETTER
                                                      ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The layout draws its own margins, in points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->data->title);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "end-print", G_CALLBACK (end_print_cb), self, 0);
  return operation;
}

gboolean
vastus_report_dialog_print_to_pdf (VastusReportDialog  *self,
                                   const char          *path,
                                   GError             **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);

  if (self->data == NULL || self->preparing != NULL || self->narrative_timeout != 0
      || vastus_task_bar_get_running (self->task_bar))
    {
      g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_PATIENT,
                           _("The report is not ready"));
      return FALSE;
    }
  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self), error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_WRITE,
                             _("The report was not printed"));
      return FALSE;
    }
  /* On record with the checksum of the file, read on a worker. */
  put_out (self, VASTUS_CLINIC_REPORT_FILE, path);
  return TRUE;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               VastusReportDialog      *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _vastus_report_dialog_show_status (self, error != NULL ? error->message
                                                             : _("Could not print the report"));
      _vastus_report_dialog_toast (self, _("Could not print the report"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    /* On record with the checksum of the PDF of the same pages, drawn on a worker. */
    put_out (self, VASTUS_CLINIC_REPORT_PRINTED, NULL);
}

void
_vastus_report_dialog_print_clicked_cb (VastusReportDialog *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->data == NULL || self->preparing != NULL || self->narrative_timeout != 0)
    return;
  operation = new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _vastus_report_dialog_show_status (self, error->message);
}
