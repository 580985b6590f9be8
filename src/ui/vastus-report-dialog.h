/* vastus-report-dialog.h: "Export Report…" for one patient
 *
 * A preview of every page, the criteria set, the paper (the preference, else the locale's), a
 * de-identify switch and the therapist's assessment; Export… writes the PDF (GtkFileChooserNative,
 * remembering the folder) and Print… prints the same pages through GtkPrintOperation. Both are
 * recorded in the database (vastus-report-store.h) with the narrative and a SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-database.h"
#include "vastus-report-data.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_REPORT_DIALOG (vastus_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VastusReportDialog, vastus_report_dialog, VASTUS, REPORT_DIALOG, AdwWindow)

VastusReportDialog     *vastus_report_dialog_new          (GtkWindow          *parent,
                                                           VastusDatabase     *database,
                                                           const char         *mrn);
/* The report as it would be exported now (NULL when it cannot be prepared). */
const VastusReportData *vastus_report_dialog_get_data     (VastusReportDialog *self);
VastusPaper             vastus_report_dialog_get_paper    (VastusReportDialog *self);
/* What Export… does once a file is chosen: writes @path and records it. */
gboolean                vastus_report_dialog_export_to    (VastusReportDialog *self,
                                                           const char         *path,
                                                           GError            **error);
/* Runs the print operation with GTK_PRINT_OPERATION_ACTION_EXPORT to @path (no dialog), with
 * the same drawing as Print…: for tests and "print to file". */
gboolean                vastus_report_dialog_print_to_pdf (VastusReportDialog *self,
                                                           const char         *path,
                                                           GError            **error);

G_END_DECLS
