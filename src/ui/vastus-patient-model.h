/* vastus-patient-model.h: the patients matching a query, as a virtualized GListModel
 *
 * Knows only how many patients match; rows are fetched from the database a page at a time
 * when get_item asks for them, and only a few pages stay cached. An item is made only for a
 * position someone asks for and lives only while someone holds it, so a list of 10,000
 * patients holds about as many VastusPatientItems as the view has rows.
 *
 * Items are rows: when the query changes, the items still held are updated in place (they
 * emit ::changed) and items-changed covers only the rows added or removed at the end. The list's
 * view then keeps its row widgets instead of rebuilding them on every keystroke. An
 * item's patient is therefore the one at its position now: read the id when it is used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-database.h"
#include "vastus-patient-item.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_MODEL (vastus_patient_model_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientModel, vastus_patient_model, VASTUS, PATIENT_MODEL, GObject)

#define VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE 100

VastusPatientModel *vastus_patient_model_new           (VastusDatabase     *database);
VastusDatabase     *vastus_patient_model_get_database  (VastusPatientModel *self);

/* Emits items-changed (everything replaced) when anything differs. @search is a prefix of the
 * MRN or of any word of the name; NULL or blank: everyone. */
void                vastus_patient_model_set_query     (VastusPatientModel *self,
                                                        const char         *search,
                                                        gboolean            archived,
                                                        VastusPatientSort   sort);
const char         *vastus_patient_model_get_search    (VastusPatientModel *self);
gboolean            vastus_patient_model_get_archived  (VastusPatientModel *self);
VastusPatientSort   vastus_patient_model_get_sort      (VastusPatientModel *self);

/* Counts again and drops the cache: call after the database changed. */
void                vastus_patient_model_reload        (VastusPatientModel *self);

/* The position of a patient in the list, or FALSE when the query does not list them: from the
 * cached rows, else from the database (which reads the whole list: milliseconds at 10,000). */
gboolean            vastus_patient_model_find_position (VastusPatientModel *self,
                                                        gint64              patient_id,
                                                        guint              *position);

guint               vastus_patient_model_get_page_size (VastusPatientModel *self);
void                vastus_patient_model_set_page_size (VastusPatientModel *self,
                                                        guint               page_size);

/* The last storage error (NULL when the last query worked). */
const GError       *vastus_patient_model_get_error     (VastusPatientModel *self);

/* For tests and benchmarks: pages fetched from the database so far. */
guint               vastus_patient_model_debug_get_n_fetches (VastusPatientModel *self);

G_END_DECLS
