/* vastus-episode-record.h: one episode of care with its visits, as the window sees it
 *
 * Belongs to its patient's VastusPatientRecord (hold that: it keeps the episode current). The
 * episode's fields ("episode" notifies when they change), its visits newest first as a list
 * model of VastusVisitItem (read when first asked for; updated in place with exact
 * items-changed when a visit is saved, deleted or restored), and the episode's history for the
 * clinical computations ("history" notifies whenever any of it changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-history.h"
#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_EPISODE_RECORD (vastus_episode_record_get_type ())
G_DECLARE_FINAL_TYPE (VastusEpisodeRecord, vastus_episode_record, VASTUS, EPISODE_RECORD, GObject)

typedef struct _VastusPatientRecord VastusPatientRecord;

gint64               vastus_episode_record_get_id         (VastusEpisodeRecord *self);
const VastusEpisode *vastus_episode_record_get_episode    (VastusEpisodeRecord *self);
/* The patient's record, NULL when nobody holds it any more. */
VastusPatientRecord *vastus_episode_record_get_patient_record (VastusEpisodeRecord *self);
/* Of VastusVisitItem, newest first. Starts reading the visits when they were not read yet
 * ("visits-loaded" then notifies). */
GListModel          *vastus_episode_record_get_visits     (VastusEpisodeRecord *self);
gboolean             vastus_episode_record_get_visits_loaded (VastusEpisodeRecord *self);
/* The patient, the episode and its visits oldest first; NULL until the visits are read. */
const VastusHistory *vastus_episode_record_get_history    (VastusEpisodeRecord *self);
/* The visit @visit_id of this episode, or NULL (when it is not, or not yet read). */
const VastusVisit   *vastus_episode_record_find_visit     (VastusEpisodeRecord *self,
                                                           gint64               visit_id);

G_END_DECLS
