/* vastus-caseload.h: one line of the lead therapist's caseload
 *
 * Every active patient's current episode of care at a glance: who treats them, the condition and
 * side, weeks since surgery (else injury), the last visit, how many criteria of the set in force
 * are met, the safety flags that hold, and whether a re-test is due. The numbers come from the
 * evaluation (vastus_evaluate): nothing here judges a criterion or a flag again.
 *
 * Due for re-test: no visit in the last @retest_weeks weeks, that is the last visit is
 * @retest_weeks × 7 days or more before the as-of date (exactly N weeks is due), or there is no
 * visit yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-clinic-rules.h"
#include "vastus-criteria.h"
#include "vastus-history.h"

G_BEGIN_DECLS

/* The clinic preference's limits (GSettings "retest-weeks"). */
#define VASTUS_RETEST_WEEKS_MIN      1
#define VASTUS_RETEST_WEEKS_MAX     52
#define VASTUS_RETEST_WEEKS_DEFAULT  4

typedef struct
{
  gint64           patient_id;
  gint64           episode_id;
  char            *mrn;
  char            *name;               /* "Given Family" */
  char            *treating_therapist; /* NULL: not named */
  VastusCondition  condition;
  VastusSide       involved_side;
  double           weeks_since;        /* since surgery, else injury; NAN when neither */
  GDate            last_visit;         /* invalid when there is none on or before as-of */
  char            *criteria_set;       /* the set in force (id), NULL when the condition has none */
  guint            n_criteria;         /* evaluated criteria of that set */
  guint            met;
  GStrv            flags;              /* the holds' codes (vastus-safety.h), in order */
  GStrv            flag_briefs;        /* the same, a few translated words each */
  gboolean         due;                /* due for re-test */
} VastusCaseloadRow;

/* The row of @history's episode as of @as_of, against @set (NULL: none in force; then no criteria
 * and only the flags). @rules NULL: the defaults. */
VastusCaseloadRow *vastus_caseload_row_new  (const VastusHistory     *history,
                                             const VastusCriteriaSet *set,
                                             const GDate             *as_of,
                                             const VastusClinicRules *rules,
                                             guint                    retest_weeks);
/* The rows of @histories (of VastusHistory*, left as they are: the caller frees them, best on
 * the thread that read them, see vastus_database_list_caseload), against @sets (@sets[i] the
 * set of @histories[i], NULL where none is in force), in the order of @histories. Made by
 * @n_threads threads, the caller's and @n_threads - 1 more, each a contiguous part of the list
 * (0: one a processor, at most VASTUS_CASELOAD_MAX_THREADS, and the caller alone for fewer than
 * VASTUS_CASELOAD_THREAD_MIN histories a thread). Every thread writes the flags' words in the
 * caller's language and conventions (vastus_i18n_push_language (),
 * vastus_display_push_language ()): the rows are those vastus_caseload_row_new () makes on the
 * caller's thread. Cannot fail. Of VastusCaseloadRow*. */
#define VASTUS_CASELOAD_MAX_THREADS   4
#define VASTUS_CASELOAD_THREAD_MIN  256
GPtrArray         *vastus_caseload_rows_new (GPtrArray                       *histories,
                                             const VastusCriteriaSet * const *sets,
                                             const GDate                     *as_of,
                                             const VastusClinicRules         *rules,
                                             guint                            retest_weeks,
                                             guint                            n_threads);
VastusCaseloadRow *vastus_caseload_row_copy (const VastusCaseloadRow *self);
void               vastus_caseload_row_free (VastusCaseloadRow       *self);

/* Whether a last visit on @last_visit (invalid: none) leaves a patient due for re-test on
 * @as_of. */
gboolean           vastus_caseload_is_due   (const GDate             *last_visit,
                                             const GDate             *as_of,
                                             guint                    retest_weeks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCaseloadRow, vastus_caseload_row_free)

G_END_DECLS
