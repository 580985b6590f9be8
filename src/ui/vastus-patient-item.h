/* vastus-patient-item.h: one patient of a list, as a GObject for list models
 *
 * Wraps a VastusPatientSummary. The properties "name", "details" and "last-visit-text" are what
 * a list row shows. Items of a VastusPatientModel are rows: when the query changes they are
 * updated in place (every property notifies, then ::changed), so that the view keeps its row
 * widgets; items made with _new are never changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_ITEM (vastus_patient_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientItem, vastus_patient_item, VASTUS, PATIENT_ITEM, GObject)

/* Copies what it needs from @summary; ages are for vastus_date_today (). */
VastusPatientItem   *vastus_patient_item_new            (const VastusPatientSummary *summary);
/* Takes ownership of @summary; ages are for @today (NULL: vastus_date_today ()). */
VastusPatientItem   *vastus_patient_item_new_take       (VastusPatientSummary *summary,
                                                         const GDate          *today);

gint64               vastus_patient_item_get_id         (VastusPatientItem *self);
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
/* "MRN · 34 years · 12 visits, last 2026-11-02", translated. */
char                *vastus_patient_item_dup_subtitle   (VastusPatientItem *self,
                                                         const GDate       *today);

/* For tests and benchmarks: items constructed since the program started, and alive now. */
guint                vastus_patient_item_debug_get_n_created (void);
guint                vastus_patient_item_debug_get_n_alive   (void);

G_END_DECLS
