/* vastus-import-patient.h: the patient a file's values belong to, when the file names none
 *
 * A group with the patient chosen (at first the one the window shows), a search by name or MRN
 * and the first few patients it finds, each a row that chooses them. "patient-id" notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_PATIENT (vastus_import_patient_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportPatient, vastus_import_patient, VASTUS, IMPORT_PATIENT,
                      AdwPreferencesGroup)

/* How many patients a search shows. */
#define VASTUS_IMPORT_PATIENT_MATCHES 6

GtkWidget   *vastus_import_patient_new      (VastusClinic        *clinic);
/* Chooses @patient (NULL: nobody). */
void         vastus_import_patient_set      (VastusImportPatient *self,
                                             const VastusPatient *patient);
gint64       vastus_import_patient_get_id   (VastusImportPatient *self);
/* The MRN of the patient chosen, or NULL. */
const char  *vastus_import_patient_get_mrn  (VastusImportPatient *self);
/* Searches for @text (a name the file gives). */
void         vastus_import_patient_search   (VastusImportPatient *self,
                                             const char          *text);
/* For tests: the rows of the patients found (a GtkListBox). */
GtkListBox  *vastus_import_patient_get_list (VastusImportPatient *self);

G_END_DECLS
