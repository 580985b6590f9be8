/* vastus-patient-dialog.h: adds a patient (MRN, name, birth date, sex)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_DIALOG (vastus_patient_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientDialog, vastus_patient_dialog, VASTUS, PATIENT_DIALOG, AdwWindow)

/* Emits ::patient-added (const char *mrn) after storing the patient, then closes. */
VastusPatientDialog *vastus_patient_dialog_new (GtkWindow      *parent,
                                                VastusDatabase *database);

G_END_DECLS
