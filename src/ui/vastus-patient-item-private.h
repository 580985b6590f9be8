/* vastus-patient-item-private.h: what VastusPatientModel does to its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-patient-item.h"

G_BEGIN_DECLS

/* Takes ownership of @summary; notifies every property and emits ::changed. */
void _vastus_patient_item_replace (VastusPatientItem    *self,
                                   VastusPatientSummary *summary,
                                   const GDate          *today);

G_END_DECLS
