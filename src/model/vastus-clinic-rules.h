/* vastus-clinic-rules.h: the numbers a clinic chooses for its verdicts and safety flags
 *
 * Preferences in the application (GSettings "pain-flag-level", "stale-weeks",
 * "maximal-test-weeks"); the command line takes the same defaults unless told otherwise. Every
 * evaluation says which it used, so that a verdict can be explained later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
