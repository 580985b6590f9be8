/* vastus-evaluation.h: an episode's history against a criteria set, on a date
 *
 * Rules (product.md "evaluate --json"):
 *  - each criterion reads the most recent visit on or before the as-of date that has the data
 *    it needs; within a visit the criterion's measures are tried in order and the first one
 *    with a value wins;
 *  - no data is "not tested", never a failure; all_met needs every listed criterion met;
 *  - first_met is the start of the current unbroken run of met results: the earliest visit
 *    such that the criterion was met there and at every later visit (on or before as-of) that
 *    had its data. Visits without its data do not break the run; a failure does, so after
 *    pass, fail, pass it is the date of the second pass. It is unset unless the criterion is
 *    met. For a time criterion it is the calendar date the time was first reached;
 *  - a criterion for the other sex is left out; when the patient's sex is neither female nor
 *    male a sex-specific criterion is listed as not tested;
 *  - for "both knees involved" LSI and EPIC criteria are not tested (with a reason) and
 *    absolute criteria read both legs and keep the value least favourable to the comparator.
 *
 * Pure functions over the record: no storage, no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-criteria.h"
#include "vastus-history.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_STATUS_NOT_TESTED,
  VASTUS_STATUS_MET,
  VASTUS_STATUS_NOT_MET,
} VastusStatus;

const char *vastus_status_to_string (VastusStatus status);   /* "met", "not_met", "not_tested" */

typedef struct
{
  VastusCriterion *criterion;   /* owned copy */
  const char      *measure;     /* the measure used (a catalog code), or the first listed when
                                 * not tested; NULL for a time criterion */
  double           value;       /* unrounded; NAN when not tested */
  GDate            visit_date;  /* where the value came from; invalid when not tested or a time
                                 * criterion */
  VastusStatus     status;
  GDate            first_met;   /* see above; invalid unless met */
  const char      *reason;      /* translated, why it was not tested; else NULL */
} VastusCriterionResult;

typedef struct
{
  char *code;      /* "lsi-overestimates", "lsi-above-130", "conditions-changed",
                    * "no-lsi-both-sides" */
  char *message;   /* translated */
  char *measure;   /* the measure code it is about, or NULL */
} VastusEvalWarning;

typedef struct
{
  VastusCriteriaSet *set;               /* owned copy */
  GDate              as_of;
  double             weeks_since_surgery; /* from surgery, else injury; NAN when neither */
  GPtrArray         *results;           /* of VastusCriterionResult*, in set order */
  guint              met;
  guint              not_met;
  guint              not_tested;
  gboolean           all_met;
  GPtrArray         *warnings;          /* of VastusEvalWarning* */
} VastusEvaluation;

VastusEvaluation *vastus_evaluate          (const VastusHistory     *history,
                                            const VastusCriteriaSet *set,
                                            const GDate             *as_of);
void              vastus_evaluation_free   (VastusEvaluation        *self);

/* One criterion's value at one visit (the first listed measure with data); NAN with a
 * translated @reason when there is none. @measure_used may be NULL. For tests and charts. */
double            vastus_criterion_value_at (const VastusHistory   *history,
                                             guint                  visit_index,
                                             const VastusCriterion *criterion,
                                             const char           **measure_used,
                                             const char           **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusEvaluation, vastus_evaluation_free)

G_END_DECLS
