/* vastus-clinic-rules.h: the numbers a clinic chooses for its verdicts and safety flags
 *
 * Kept in the clinic's database (vastus-clinic-rules-store.h), the same for every workstation
 * and the command line; a rule never set there has the default below. Every evaluation says
 * which it used, so that a verdict can be explained later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-record.h"

G_BEGIN_DECLS

/* [background] defaults a clinic can change. */
#define VASTUS_DEFAULT_PAIN_LIMIT          5.0   /* pain NRS at or above this raises "pain" */
#define VASTUS_DEFAULT_MAXIMAL_TEST_WEEKS 12.0   /* clinical-reference §4: ≥ 12 weeks after ACLR */
#define VASTUS_DEFAULT_MAX_AGE_WEEKS       4.0   /* a test battery is done within days */

typedef struct
{
  double pain_limit;          /* 0–10: pain at or above it raises the "pain" flag */
  double maximal_test_weeks;  /* after ACL reconstruction no hop or maximal strength test before
                               * this many weeks ("early-maximal-test"); the surgeon's "no
                               * maximal testing before" date overrides it; 0: no minimum */
  double max_age_weeks;       /* a criterion counts a result no older than this before the as-of
                               * date ("stale" otherwise); 0: any age */
} VastusClinicRules;

#define VASTUS_CLINIC_RULES_DEFAULT \
  { VASTUS_DEFAULT_PAIN_LIMIT, VASTUS_DEFAULT_MAXIMAL_TEST_WEEKS, VASTUS_DEFAULT_MAX_AGE_WEEKS }

/* The rules' names, as the database, the command line and the preferences' old keys spell them. */
#define VASTUS_RULE_PAIN_FLAG_LEVEL    "pain-flag-level"
#define VASTUS_RULE_MAXIMAL_TEST_WEEKS "maximal-test-weeks"
#define VASTUS_RULE_STALE_WEEKS        "stale-weeks"
#define VASTUS_RULE_RETEST_WEEKS       "retest-weeks"
/* Followed by a condition's code ("default-criteria-set:aclr"). */
#define VASTUS_RULE_DEFAULT_SET_PREFIX "default-criteria-set:"

#define VASTUS_N_CONDITIONS (VASTUS_CONDITION_OTHER + 1)

/* Every rule of a clinic. */
typedef struct
{
  VastusClinicRules rules;
  guint             retest_weeks;                       /* the caseload's "re-test due" */
  char             *default_sets[VASTUS_N_CONDITIONS];  /* the criteria set an episode of the
                                                         * condition naming none is evaluated
                                                         * against; NULL: the built-in one */
  gboolean          stored;                             /* some rule was ever set in the database */
} VastusClinicRulebook;

#define VASTUS_TYPE_CLINIC_RULEBOOK (vastus_clinic_rulebook_get_type ())
GType                 vastus_clinic_rulebook_get_type (void) G_GNUC_CONST;
/* The defaults, nothing stored. */
VastusClinicRulebook *vastus_clinic_rulebook_new   (void);
VastusClinicRulebook *vastus_clinic_rulebook_copy  (const VastusClinicRulebook *self);
void                  vastus_clinic_rulebook_free  (VastusClinicRulebook       *self);
gboolean              vastus_clinic_rulebook_equal (const VastusClinicRulebook *a,
                                                    const VastusClinicRulebook *b);
/* The clinic's default criteria set for @condition, or NULL for the built-in one. */
const char           *vastus_clinic_rulebook_default_set (const VastusClinicRulebook *self,
                                                          VastusCondition             condition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusClinicRulebook, vastus_clinic_rulebook_free)

G_END_DECLS
