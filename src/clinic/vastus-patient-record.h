/* vastus-patient-record.h: one patient with their episodes of care, shared by every view
 *
 * While a patient is shown anywhere there is one VastusPatientRecord for them
 * (vastus_clinic_get_patient): the list's selection, the pane, the page and the editors hold
 * the same object, so one change reaches all of them. It reads itself when made (the patient,
 * the episodes and the newest episode's visits, in one call) and again, in place, when the
 * clinic announces a change to the patient, their episodes or visits ("patient" notifies;
 * the episodes model emits items-changed for exactly the episodes added or removed, and each
 * VastusEpisodeRecord notifies what changed in it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic.h"
#include "vastus-episode-record.h"
#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_RECORD (vastus_patient_record_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientRecord, vastus_patient_record, VASTUS, PATIENT_RECORD, GObject)

/* The record of patient @id (transfer full): the one that exists, else a new one that starts
 * reading. */
VastusPatientRecord *vastus_clinic_get_patient            (VastusClinic        *clinic,
                                                           gint64               id);

VastusClinic        *vastus_patient_record_get_clinic     (VastusPatientRecord *self);
gint64               vastus_patient_record_get_id         (VastusPatientRecord *self);
/* NULL until read ("loaded"), or when it could not be ("error"). */
const VastusPatient *vastus_patient_record_get_patient    (VastusPatientRecord *self);
gboolean             vastus_patient_record_get_loaded     (VastusPatientRecord *self);
const GError        *vastus_patient_record_get_error      (VastusPatientRecord *self);
/* Of VastusEpisodeRecord, newest first (by surgery, else injury, else when recorded). */
GListModel          *vastus_patient_record_get_episodes   (VastusPatientRecord *self);
VastusEpisodeRecord *vastus_patient_record_find_episode   (VastusPatientRecord *self,
                                                           gint64               episode_id);
/* The reports exported for the patient, newest first, of VastusReportItem: read when first
 * asked for. */
GListModel          *vastus_patient_record_get_reports    (VastusPatientRecord *self);

G_END_DECLS
