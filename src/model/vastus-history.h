/* vastus-history.h: one episode of care with its visits, and the combined value of a measure
 *
 * Everything the clinical computations (symmetry, criteria, safety) read. Trials are combined
 * per the catalog (vastus_measure_combine) in trial-number order, so "last" is the highest
 * trial number, before any index is computed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-catalog.h"
#include "vastus-record.h"

G_BEGIN_DECLS

typedef struct
{
  VastusPatient *patient;   /* owned */
  VastusEpisode *episode;   /* owned */
  GPtrArray     *visits;    /* of VastusVisit*, owned, oldest first */
} VastusHistory;

/* Takes ownership of @patient and @episode. */
VastusHistory *vastus_history_new         (VastusPatient *patient,
                                           VastusEpisode *episode);
void           vastus_history_free        (VastusHistory *self);
/* Takes ownership of @visit; keeps the visits ordered by date (stable for equal dates). */
void           vastus_history_add_visit   (VastusHistory *self,
                                           VastusVisit   *visit);
guint          vastus_history_get_n_visits (const VastusHistory *self);
const VastusVisit *vastus_history_get_visit (const VastusHistory *self,
                                             guint                index);
/* The number of visits dated on or before @as_of (they come first). */
guint          vastus_history_count_until (const VastusHistory *self,
                                           const GDate         *as_of);

/* Which trials of a measure count. */
typedef enum
{
  VASTUS_TRIALS_ALL,            /* every trial of the visit */
  VASTUS_TRIALS_BASELINE,       /* only trials marked as baseline */
} VastusTrials;

/* vastus_catalog_lookup () through a hash table: the clinical computations look measures up
 * many times per visit. */
const VastusMeasure *vastus_history_lookup_measure (const char *code);

/* The trials of @code on @side at @visit, combined per the catalog; NAN when there is none
 * (or @code is not in the catalog). */
double         vastus_visit_combined      (const VastusVisit *visit,
                                           const char        *code,
                                           VastusSide         side,
                                           VastusTrials       trials);
double         vastus_visit_combined_measure (const VastusVisit   *visit,
                                              const VastusMeasure *measure,
                                              VastusSide           side,
                                              VastusTrials         trials);
/* The first trial (lowest trial number) of @code on @side, or NULL: for its test conditions. */
const VastusMeasurement *vastus_visit_first_trial (const VastusVisit *visit,
                                                   const char        *code,
                                                   VastusSide         side);
/* Force trials turned into torque (force × that trial's lever arm), combined per the catalog;
 * trials without a lever arm are left out. NAN when none has one. */
double         vastus_visit_combined_torque (const VastusVisit *visit,
                                             const char        *code,
                                             VastusSide         side);

/* The involved side for a two-sided measure, and the other one. For an episode whose involved
 * side is BOTH (or unknown) both return VASTUS_SIDE_NONE. */
VastusSide     vastus_history_involved_side   (const VastusHistory *self);
VastusSide     vastus_history_uninvolved_side (const VastusHistory *self);

/* The most recent baseline value of @code on @side in visits dated on or before @on (NULL: any
 * date): the combined baseline-marked trials of the latest visit that has some. NAN if none.
 * @out_date (may be NULL) receives that visit's date. */
double         vastus_history_baseline    (const VastusHistory *self,
                                           const char          *code,
                                           VastusSide           side,
                                           const GDate         *on,
                                           GDate               *out_date);

/* Height for @visit_index: that visit's, else the most recent earlier one, else the nearest
 * later one (adults' height does not change within an episode). NAN when none is recorded. */
double         vastus_history_height_cm   (const VastusHistory *self,
                                           guint                visit_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusHistory, vastus_history_free)

G_END_DECLS
