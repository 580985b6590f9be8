/* vastus-patient-model.h: the patients matching a query, as a GListModel that never breaks
 *
 * Holds the ids of the patients the query lists, in its order (read on a worker: about 1 ms
 * and 80 KB at 10,000 patients); their rows are read a page at a time when get_item asks for a
 * position, and only a few pages stay cached. get_item returns an item for every position below
 * n-items: a placeholder (VastusPatientItem "loaded" FALSE) until its page arrives, then the
 * same item filled in place. One item per patient, alive while someone holds it (and, for a
 * view that drops it and asks again, until the main-loop turn ends; at most a page of them).
 *
 * A new query (search, archived, order) reads the ids again ("loading" meanwhile; the list
 * shown stays until then), and so does a change announced by the clinic (a patient added,
 * changed, archived; a visit saved), with the changed rows. items-changed then covers exactly
 * the rows that went, came or moved (a new order, in many moves, replaces all rows at once);
 * changed rows are updated in place. A patient that another program removed or archived stays
 * a row until the next read,
 * which its missing row triggers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic.h"
#include "vastus-patient-item.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_MODEL (vastus_patient_model_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientModel, vastus_patient_model, VASTUS, PATIENT_MODEL, GObject)

typedef enum
{
  VASTUS_PATIENT_ORDER_LAST_VISIT,   /* most recent first, then by name */
  VASTUS_PATIENT_ORDER_NAME,
} VastusPatientOrder;

#define VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE 100

/* Empty and "loading" until the first query's ids arrive (the active patients, by last visit,
 * unless set_query is called first). */
VastusPatientModel *vastus_patient_model_new           (VastusClinic       *clinic);
VastusClinic       *vastus_patient_model_get_clinic    (VastusPatientModel *self);

/* @search is a prefix of the MRN or of any word of the name; NULL or blank: everyone. Reads the
 * list again only when anything differs. */
void                vastus_patient_model_set_query     (VastusPatientModel *self,
                                                        const char         *search,
                                                        gboolean            archived,
                                                        VastusPatientOrder  order);
const char         *vastus_patient_model_get_search    (VastusPatientModel *self);
gboolean            vastus_patient_model_get_archived  (VastusPatientModel *self);
VastusPatientOrder  vastus_patient_model_get_order     (VastusPatientModel *self);
/* TRUE while the ids of the current query are being read. */
gboolean            vastus_patient_model_get_loading   (VastusPatientModel *self);

/* The position of a patient in the list, or FALSE when the list does not hold them. */
gboolean            vastus_patient_model_find_position (VastusPatientModel *self,
                                                        gint64              patient_id,
                                                        guint              *position);

guint               vastus_patient_model_get_page_size (VastusPatientModel *self);
void                vastus_patient_model_set_page_size (VastusPatientModel *self,
                                                        guint               page_size);

/* The last error reading the list (NULL when the last read worked). */
const GError       *vastus_patient_model_get_error     (VastusPatientModel *self);

/* For tests and benchmarks: pages of rows read so far. */
guint               vastus_patient_model_debug_get_n_fetches (VastusPatientModel *self);

G_END_DECLS
