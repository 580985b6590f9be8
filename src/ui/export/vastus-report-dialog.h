/* vastus-report-dialog.h: "Export Report…" for one patient
 *
 * A preview of every page, the criteria set, the paper (the preference, else the locale's), a
 * de-identify switch and the therapist's assessment; Export… writes the PDF (GtkFileChooserNative,
 * remembering the folder) and Print… prints the same pages through GtkPrintOperation. Both are
 * recorded in the database with the narrative and a SHA-256. The report is read through the
 * clinic and its preview drawn on a thread; writing, checksumming and recording run on the
 * clinic's workers, with progress and Cancel in the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-patient-record.h"
#include "vastus-report-data.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_REPORT_DIALOG (vastus_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VastusReportDialog, vastus_report_dialog, VASTUS, REPORT_DIALOG, AdwWindow)

/* For @record's patient (read already). */
VastusReportDialog     *vastus_report_dialog_new          (GtkWindow          *parent,
                                                           VastusPatientRecord *record);
/* The report the preview shows (NULL until prepared, or when it cannot be). */
const VastusReportData *vastus_report_dialog_get_data     (VastusReportDialog *self);
/* Whether the report is being prepared, or put out. */
gboolean                vastus_report_dialog_get_busy     (VastusReportDialog *self);
VastusPaper             vastus_report_dialog_get_paper    (VastusReportDialog *self);
/* Whether an assessment was typed that no report put out since holds: closing the dialog (Escape,
 * quitting) then asks "Discard the assessment?" (Cancel keeps the window and emits "stayed"). */
gboolean                vastus_report_dialog_get_unsaved  (VastusReportDialog *self);
/* What Export… does once a file is chosen: starts preparing the report from the options chosen
 * now (the narrative typed last included), writing @path and recording it, on the clinic's
 * workers with progress and Cancel in the dialog; the outcome is a toast. FALSE when something
 * is being put out already. */
gboolean                vastus_report_dialog_export_to    (VastusReportDialog *self,
                                                           const char         *path);
/* Runs the print operation with GTK_PRINT_OPERATION_ACTION_EXPORT to @path (no dialog), with
 * the same drawing as Print… (of the report the preview shows: FALSE while it is being
 * prepared), then starts recording it: for tests and "print to file". */
gboolean                vastus_report_dialog_print_to_pdf (VastusReportDialog *self,
                                                           const char         *path,
                                                           GError            **error);

G_END_DECLS
