/* vastus-patient-editor.h: adds or edits a patient (MRN, name, birth date, sex, notes)
 *
 * Problems are shown on the field they concern (vastus_patient_check, and a duplicate MRN from
 * the clinic on the MRN row); soft problems are saved on a second press of Save ("Save
 * Anyway").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-form-window.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_EDITOR (vastus_patient_editor_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientEditor, vastus_patient_editor, VASTUS, PATIENT_EDITOR,
                      VastusFormWindow)

/* @patient NULL: a new patient; else a copy is edited and updated by its id. Saved through
 * @clinic; emits ::saved (gint64 patient id) once stored, then closes. Belongs to @parent's
 * application. */
VastusPatientEditor *vastus_patient_editor_new  (GtkWindow           *parent,
                                                 VastusClinic        *clinic,
                                                 const VastusPatient *patient);
/* Does what Save does: TRUE when nothing was wrong and the patient is being stored (Save stays
 * disabled until the clinic answers: ::saved and closing, or the problem shown). */
gboolean             vastus_patient_editor_save (VastusPatientEditor *self);

G_END_DECLS
