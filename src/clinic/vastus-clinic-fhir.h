/* vastus-clinic-fhir.h: the record as an HL7 FHIR R4 Bundle, written through the clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-fhir.h"

G_BEGIN_DECLS

/* Writes the Bundle of @options (vastus_fhir_export_file: every patient, or @options->mrn's)
 * into @path (0600, atomically) on a worker, saying how far it is per patient and stopping
 * when @cancellable is cancelled (nothing written). Then the surgeon's report inside a
 * patient's Bundle is recorded as handed out, on the writer ("report-changed" announces it); a
 * report that cannot be recorded takes the file away again. A de-identified export gives study
 * codes on first use: it runs on the writer, as the de-identified CSV does. finish: TRUE. */
void          vastus_clinic_export_fhir_async     (VastusClinic                  *self,
                                                   const VastusFhirExportOptions *options,
                                                   const char                    *path,
                                                   VastusClinicProgressFunc       progress,
                                                   gpointer                       progress_data,
                                                   GCancellable                  *cancellable,
                                                   GAsyncReadyCallback            callback,
                                                   gpointer                       user_data);
gboolean      vastus_clinic_export_fhir_finish    (VastusClinic                  *self,
                                                   GAsyncResult                  *result,
                                                   GError                       **error);

G_END_DECLS
