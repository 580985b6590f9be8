/* vastus-patient-pane.h: the chosen patient's details and episodes of care
 *
 * Shows a VastusPatientRecord (the one the list and the page show) and follows it: the
 * patient's name, MRN, age and sex, and their episodes of care, with buttons to edit or archive
 * the patient (signals: the window passes them on to VastusPatientList, which owns the editor and
 * the undo toast), to add an episode, and an episode's row to edit it (VastusEpisodeEditor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-patient-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_PANE (vastus_patient_pane_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientPane, vastus_patient_pane, VASTUS, PATIENT_PANE, AdwBin)

GtkWidget           *vastus_patient_pane_new            (void);
/* NULL (or a patient not read yet, or that cannot be read): "No Patient Selected". */
void                 vastus_patient_pane_set_record     (VastusPatientPane   *self,
                                                         VastusPatientRecord *record);
VastusPatientRecord *vastus_patient_pane_get_record     (VastusPatientPane   *self);
gint64               vastus_patient_pane_get_patient_id (VastusPatientPane   *self);

G_END_DECLS
