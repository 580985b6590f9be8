/* vastus-patient-pane.h: the chosen patient beside the patient list
 *
 * For now the patient's name, MRN, age and sex, and their episodes of care, with buttons to
 * edit or archive the patient (signals: the window passes them on to VastusPatientList, which
 * owns the editor and the undo toast) and to add an episode (opens VastusEpisodeEditor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_PANE (vastus_patient_pane_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientPane, vastus_patient_pane, VASTUS, PATIENT_PANE, AdwBin)

GtkWidget *vastus_patient_pane_new            (VastusDatabase    *database);
void       vastus_patient_pane_set_database   (VastusPatientPane *self,
                                               VastusDatabase    *database);
/* 0 (or a patient that cannot be read): "No Patient Selected". */
void       vastus_patient_pane_show_patient   (VastusPatientPane *self,
                                               gint64             patient_id);
gint64     vastus_patient_pane_get_patient_id (VastusPatientPane *self);
/* Reads the shown patient again. */
void       vastus_patient_pane_reload         (VastusPatientPane *self);

G_END_DECLS
