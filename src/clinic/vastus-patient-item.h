/* vastus-patient-item.h: one patient of the patient list, as a GObject for list models
 *
 * A patient's row: the record, its visit count and last visit. The properties "name",
 * "details" and "last-visit-text" are what a list row shows. An item stands for one patient
 * (its id never changes); VastusPatientModel makes it as a placeholder ("loaded" FALSE, no
 * name yet) while its page is read, and updates it in place when its row arrives or changes
 * (every property notifies, then ::changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_ITEM (vastus_patient_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientItem, vastus_patient_item, VASTUS, PATIENT_ITEM, GObject)

gint64               vastus_patient_item_get_id         (VastusPatientItem *self);
/* FALSE for a placeholder: only the id is known yet (the strings below are empty). */
gboolean             vastus_patient_item_get_loaded     (VastusPatientItem *self);
const VastusPatient *vastus_patient_item_get_patient    (VastusPatientItem *self);
const char          *vastus_patient_item_get_mrn        (VastusPatientItem *self);
const char          *vastus_patient_item_get_name       (VastusPatientItem *self);
guint                vastus_patient_item_get_n_visits   (VastusPatientItem *self);
/* Invalid when there is no visit. */
const GDate         *vastus_patient_item_get_last_visit (VastusPatientItem *self);
/* "MRN 1234 · 45 years", translated. */
const char          *vastus_patient_item_get_details    (VastusPatientItem *self);
/* "2026-11-02", or "No visits", translated. */
const char          *vastus_patient_item_get_last_visit_text (VastusPatientItem *self);
/* "Last visit 2026-11-02", or "No visits yet", translated. */
const char          *vastus_patient_item_get_last_visit_tooltip (VastusPatientItem *self);
/* For tests and benchmarks: items constructed since the program started, and alive now. */
guint                vastus_patient_item_debug_get_n_created (void);
guint                vastus_patient_item_debug_get_n_alive   (void);

G_END_DECLS
