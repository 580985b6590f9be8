/* vastus-clinic-report.h: a patient's report, read and put on record through the clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-report-data.h"

G_BEGIN_DECLS

/* The report of the patient with @mrn, as vastus_report_data_load () prepares it (a
 * de-identified one gives the patient a study code on first use). finish: the data (transfer
 * full). */
void              vastus_clinic_load_report_async    (VastusClinic              *self,
                                                      const char                *mrn,
                                                      const VastusReportOptions *options,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
VastusReportData *vastus_clinic_load_report_finish   (VastusClinic              *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

typedef enum
{
  VASTUS_CLINIC_REPORT_WRITE,    /* writes the PDF to the path (0600, atomically) */
  VASTUS_CLINIC_REPORT_PRINTED,  /* sent to the printer: the checksum of the PDF of its pages */
  VASTUS_CLINIC_REPORT_FILE,     /* written elsewhere to the path (a print to a file) */
} VastusClinicReportOutput;

/* Puts the report (as load_report gives it) out as @output on @paper, then records it (its file
 * name, SHA-256, paper and narrative; "report-changed" announces it): a report not on record is
 * not handed out (a written file is removed again). The drawing runs on a reader, only the
 * record on the writer. Cancelled before the record, nothing is kept. finish: the SHA-256. */
void              vastus_clinic_output_report_async  (VastusClinic              *self,
                                                      const char                *mrn,
                                                      const VastusReportOptions *options,
                                                      VastusPaper                paper,
                                                      VastusClinicReportOutput   output,
                                                      const char                *path,
                                                      VastusClinicProgressFunc   progress,
                                                      gpointer                   progress_data,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
char             *vastus_clinic_output_report_finish (VastusClinic              *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

G_END_DECLS
