/* vastus-patient-item-private.h: what VastusPatientModel does to its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"
#include "vastus-patient-item.h"

G_BEGIN_DECLS

/* Takes ownership of @summary; ages are for @today (NULL: vastus_date_today ()). */
VastusPatientItem *_vastus_patient_item_new         (VastusPatientSummary *summary,
                                                     const GDate          *today);
/* A placeholder for patient @id, until its row is read. */
VastusPatientItem *_vastus_patient_item_new_pending (gint64                id);
/* Takes ownership of @summary (of the same patient); notifies every property and emits
 * ::changed. */
void               _vastus_patient_item_replace     (VastusPatientItem    *self,
                                                     VastusPatientSummary *summary,
                                                     const GDate          *today);

G_END_DECLS
