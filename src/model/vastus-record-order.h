/* vastus-record-order.h: the order exports write records in
 *
 * By content, never by database id alone, so that a database re-imported from an export writes
 * the same file again (CSV and FHIR alike): episodes by index date (surgery, else injury; none
 * first), condition, surgery and injury date; visits by date; measurements in catalog order, then
 * side and trial. Ids only break ties between records that are otherwise the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-record.h"

G_BEGIN_DECLS

/* Each sorts a GPtrArray of the records. */
void vastus_episodes_sort_for_export     (GPtrArray *episodes);
void vastus_visits_sort_for_export       (GPtrArray *visits);
void vastus_measurements_sort_for_export (GPtrArray *measurements);

/* The same comparisons, for one pair. */
int  vastus_episode_compare_for_export     (const VastusEpisode     *a,
                                            const VastusEpisode     *b);
int  vastus_measurement_compare_for_export (const VastusMeasurement *a,
                                            const VastusMeasurement *b);

G_END_DECLS
