/* vastus-patient-record-private.h: how records are made and kept current inside src/clinic/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-patient-record.h"

G_BEGIN_DECLS

/* The clinic's table of the records alive (id → record, not owned). */
GHashTable          *_vastus_clinic_get_patient_table    (VastusClinic        *clinic);

/* Reads the visits of @episode_id with the next refresh. */
void                 _vastus_patient_record_read_visits  (VastusPatientRecord *self,
                                                          gint64               episode_id);

/* Takes ownership of @episode; @patient is copied. */
VastusEpisodeRecord *_vastus_episode_record_new          (VastusPatientRecord *patient_record,
                                                          const VastusPatient *patient,
                                                          VastusEpisode       *episode);
/* Take ownership; notify when anything differs. */
void                 _vastus_episode_record_set_episode  (VastusEpisodeRecord *self,
                                                          VastusEpisode       *episode);
void                 _vastus_episode_record_set_patient  (VastusEpisodeRecord *self,
                                                          const VastusPatient *patient);
/* @visits: of VastusVisit*, oldest first (taken). */
void                 _vastus_episode_record_set_visits   (VastusEpisodeRecord *self,
                                                          GPtrArray           *visits);
/* Whether its visits were read, or asked for. */
gboolean             _vastus_episode_record_wants_visits (VastusEpisodeRecord *self);

G_END_DECLS
