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
 *    absolute criteria read both legs and keep the value least favourable to the comparator;
 *  - a result older than the clinic's window (rules->max_age_weeks before the as-of date) does
 *    not count: the criterion is not tested, reason "stale", with the date it was last measured;
 *  - a change since the first value (a one-sided "difference") needs a value at an earlier
 *    visit: with a single value it is not tested, reason "single_value";
 *  - ready is all_met with nothing holding: the safety flags of the latest visit on or before
 *    the as-of date, the surgeon's restriction if in force on it, and "hhd-unfixed" for a met
 *    criterion read from a hand-held dynamometer without a belt or frame (clinical-reference
 *    §4: an unanchored dynamometer measures the tester's strength).
 *
 * Pure functions over the record: no storage, no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-clinic-rules.h"
#include "vastus-criteria.h"
#include "vastus-history.h"
#include "vastus-safety.h"

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
  const VastusCriterion *criterion; /* the evaluation's own (in its set, VastusEvaluation.set):
                                     * valid while the evaluation lives */
  const char      *measure;     /* the measure used (a catalog code), or the first listed when
                                 * not tested; NULL for a time criterion */
  double           value;       /* unrounded; NAN when not tested */
  GDate            visit_date;  /* where the value came from; invalid when not tested or a time
                                 * criterion */
  VastusStatus     status;
  GDate            first_met;   /* see above; invalid unless met */
  const char      *reason_code; /* why it was not tested, stable: "no_data", "stale",
                                 * "single_value", "sex_not_recorded", "no_index_date",
                                 * "both_knees_involved", "no_baseline", "no_body_mass",
                                 * "no_lever_arm", "no_height", "other_velocity"; else NULL */
  const char      *reason;      /* the same, translated; else NULL */
  GDate            last_measured; /* "stale": when the value too old to count was measured */
  gboolean         hand_held;   /* the value came from a hand-held dynamometer */
  const char      *fixation;    /* then: "belt" or "frame" when every trial was fixed, else
                                 * "manual" or NULL (not recorded) */
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
  VastusCriteriaSet *set;               /* owned copy; the caller's with set_borrowed */
  VastusClinicRules  rules;             /* the window and limits used */
  GDate              as_of;
  double             weeks_since_surgery; /* from surgery, else injury; NAN when neither */
  GPtrArray         *results;           /* of VastusCriterionResult*, in set order */
  guint              met;
  guint              not_met;
  guint              not_tested;
  gboolean           all_met;
  GPtrArray         *holds;             /* of VastusSafetyFlag*: what keeps a patient from being
                                         * cleared, whatever the criteria say */
  gboolean           ready;             /* all_met and nothing holds */
  GPtrArray         *warnings;          /* of VastusEvalWarning* */
  gboolean           set_borrowed;      /* vastus_evaluate_borrowing: set is not freed with it */
} VastusEvaluation;

/* @rules NULL: the defaults (VASTUS_CLINIC_RULES_DEFAULT). */
VastusEvaluation *vastus_evaluate          (const VastusHistory     *history,
                                            const VastusCriteriaSet *set,
                                            const GDate             *as_of,
                                            const VastusClinicRules *rules);
/* vastus_evaluate reading @set itself rather than a copy: @set must stay unchanged and outlive
 * the evaluation (many patients evaluated against the sets of one list, vastus-caseload.c). */
VastusEvaluation *vastus_evaluate_borrowing (const VastusHistory     *history,
                                             const VastusCriteriaSet *set,
                                             const GDate             *as_of,
                                             const VastusClinicRules *rules);
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
