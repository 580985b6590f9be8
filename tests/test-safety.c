/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Red flags (clinical-reference.md §4) and effusion progression (§3.3), from the rules written
 * in vastus-safety.h.
 */
#include <math.h>
#include <string.h>

#include "clinical-fixture.h"
#include "vastus-safety.h"

static gboolean
has_flag (GPtrArray  *flags,
          const char *code)
{
  for (guint i = 0; i < flags->len; i++)
    {
      VastusSafetyFlag *flag = g_ptr_array_index (flags, i);

      g_assert_nonnull (flag->reason);
      g_assert_nonnull (flag->source);
      if (g_str_equal (flag->code, code))
        return TRUE;
    }
  return FALSE;
}

static void
test_effusion_flag (void)
{
  /* grades at the last and this visit (−1: not recorded) → flagged? */
  static const struct { int last_l, last_r, now_l, now_r; gboolean flag; } cases[] = {
    { -1, -1, VASTUS_GRADE_2PLUS, VASTUS_GRADE_ZERO, TRUE },     /* 2+ now */
    { -1, -1, VASTUS_GRADE_3PLUS, -1, TRUE },
    { -1, -1, VASTUS_GRADE_1PLUS, VASTUS_GRADE_1PLUS, FALSE },   /* 1+ is not a red flag */
    { VASTUS_GRADE_2PLUS, -1, VASTUS_GRADE_ZERO, -1, TRUE },     /* 2+ at the last visit */
    { VASTUS_GRADE_1PLUS, -1, VASTUS_GRADE_TRACE, -1, FALSE },
    { -1, -1, VASTUS_GRADE_ZERO, VASTUS_GRADE_2PLUS, TRUE },     /* either knee */
    { -1, -1, -1, -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
      VastusVisit *last = fx_visit (h, "2026-03-02");
      VastusVisit *now = fx_visit (h, "2026-03-09");
      g_autoptr(GPtrArray) flags = NULL;

      if (cases[i].last_l >= 0) fx_trial (last, "effusion_stroke", VASTUS_SIDE_LEFT, 1, cases[i].last_l);
      if (cases[i].last_r >= 0) fx_trial (last, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, cases[i].last_r);
      if (cases[i].now_l >= 0) fx_trial (now, "effusion_stroke", VASTUS_SIDE_LEFT, 1, cases[i].now_l);
      if (cases[i].now_r >= 0) fx_trial (now, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, cases[i].now_r);
      flags = vastus_safety_check (h, 1, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
      g_test_message ("case %u", i);
      g_assert_cmpint (has_flag (flags, "effusion"), ==, cases[i].flag);
      g_assert_cmpuint (flags->len, ==, cases[i].flag ? 1 : 0);
    }
}

static void
test_pain_and_surgeon (void)
{
  /* pain at or above the limit (below, at and above each limit); visit strictly before the
   * surgeon's date (2026-03-09) */
  static const struct { double pain, limit; const char *visit; gboolean pain_flag, surgeon_flag; } cases[] = {
    { 4, 5, "2026-03-09", FALSE, FALSE },     /* below */
    { 5, 5, "2026-03-08", TRUE, TRUE },       /* at the limit: 5/10 with limit 5 is flagged */
    { 6, 5, "2026-03-09", TRUE, FALSE },      /* above */
    { 2.4, 2.5, "2026-03-10", FALSE, FALSE },
    { 2.5, 2.5, "2026-03-10", TRUE, FALSE },
    { 2.6, 2.5, "2026-01-10", TRUE, TRUE },
    { 0, 0, "2026-03-09", TRUE, FALSE },      /* a limit of 0: any pain rating, even 0 */
    { NAN, 0, "2026-03-09", FALSE, FALSE },   /* no rating, no flag */
    { 10, 10, "2026-03-09", TRUE, FALSE },
    { 9, 10, "2026-03-09", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, "2026-01-05");
      VastusVisit *v = fx_visit (h, cases[i].visit);
      g_autoptr(GPtrArray) flags = NULL;

      h->episode->no_max_test_before = fx_date ("2026-03-09");
      if (!isnan (cases[i].pain))
        fx_trial (v, "pain_nrs", VASTUS_SIDE_NONE, 1, cases[i].pain);
      flags = vastus_safety_check (h, 0, cases[i].limit);
      g_test_message ("case %u: pain %g, limit %g", i, cases[i].pain, cases[i].limit);
      g_assert_cmpint (has_flag (flags, "pain"), ==, cases[i].pain_flag);
      g_assert_cmpint (has_flag (flags, "surgeon-restriction"), ==, cases[i].surgeon_flag);
    }
}

/* A hop test or a maximal strength test on a fixed dynamometer earlier than the clinic's minimum
 * after ACL reconstruction (default 12 weeks), or before the surgeon's date, which overrides it.
 * Surgery 2026-01-05: 12 weeks = 84 days → 2026-03-30; 9 weeks = 63 days → 2026-03-09. */
static void
test_early_maximal (void)
{
  static const struct
  {
    VastusCondition condition;
    const char *visit;
    const char *measure;         /* recorded at the visit, or NULL */
    const char *surgeon;         /* the surgeon's no-maximal-testing date, or NULL */
    double      weeks;           /* the clinic's minimum */
    gboolean    before_testing;
    gboolean    flag;
  } cases[] = {
    { VASTUS_CONDITION_ACLR, "2026-03-09", "single_hop", NULL, 12, FALSE, TRUE },    /* hop at 9 weeks */
    { VASTUS_CONDITION_ACLR, "2026-03-29", "single_hop", NULL, 12, FALSE, TRUE },    /* 83 days */
    { VASTUS_CONDITION_ACLR, "2026-03-30", "single_hop", NULL, 12, FALSE, FALSE },   /* 84 days: 12 weeks */
    { VASTUS_CONDITION_ACLR, "2026-03-09", "quadriceps_mvic", NULL, 12, FALSE, TRUE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", "hamstrings_isokinetic_60", NULL, 12, FALSE, TRUE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", "timed_hop_6m", NULL, 12, FALSE, TRUE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", "quadriceps_hhd", NULL, 12, FALSE, FALSE }, /* hand-held */
    { VASTUS_CONDITION_ACLR, "2026-03-09", "thigh_girth_15", NULL, 12, FALSE, FALSE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", NULL, NULL, 12, TRUE, TRUE },             /* before the tests */
    { VASTUS_CONDITION_ACLR, "2026-03-30", NULL, NULL, 12, TRUE, FALSE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", "single_hop", NULL, 8, FALSE, FALSE },    /* minimum 8 weeks */
    { VASTUS_CONDITION_ACLR, "2026-03-09", "single_hop", NULL, 0, FALSE, FALSE },    /* no minimum */
    /* the surgeon's date overrides the clinic's minimum, earlier or later */
    { VASTUS_CONDITION_ACLR, "2026-03-23", "single_hop", "2026-03-16", 12, FALSE, FALSE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", "single_hop", "2026-03-16", 12, FALSE, TRUE },
    { VASTUS_CONDITION_ACLR, "2026-04-06", "single_hop", "2026-04-20", 12, FALSE, TRUE },
    { VASTUS_CONDITION_ACLR, "2026-03-09", NULL, "2026-03-16", 12, TRUE, FALSE },   /* said by surgeon-restriction */
    /* the clinic's minimum is after ACL reconstruction; a surgeon's date applies to anyone */
    { VASTUS_CONDITION_TKA, "2026-02-02", "single_hop", NULL, 12, FALSE, FALSE },
    { VASTUS_CONDITION_TKA, "2026-02-02", "single_hop", "2026-03-02", 12, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
      VastusVisit *v = fx_visit (h, cases[i].visit);
      VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;
      g_autoptr(GPtrArray) flags = NULL;

      h->episode->condition = cases[i].condition;
      if (cases[i].surgeon != NULL)
        h->episode->no_max_test_before = fx_date (cases[i].surgeon);
      if (cases[i].measure != NULL)
        fx_pair (v, cases[i].measure, 150, 160);
      rules.maximal_test_weeks = cases[i].weeks;
      flags = vastus_safety_check_rules (h, 0, &rules, cases[i].before_testing);
      g_test_message ("case %u: %s at %s", i, cases[i].measure, cases[i].visit);
      g_assert_cmpint (has_flag (flags, "early-maximal-test"), ==, cases[i].flag);
    }

  /* the message names the test and the weeks: 63 days = 9.0 weeks, minimum 12 */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
    g_autoptr(GPtrArray) flags = NULL;
    const VastusSafetyFlag *flag;

    fx_pair (fx_visit (h, "2026-03-09"), "single_hop", 100, 120);
    flags = vastus_safety_check (h, 0, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
    g_assert_cmpuint (flags->len, ==, 1);
    flag = g_ptr_array_index (flags, 0);
    g_assert_cmpstr (flag->reason, ==, "A hop or maximal strength test (Single hop) is recorded 9.0 weeks "
                                       "after ACL reconstruction, before the clinic’s minimum of 12 weeks.");
    g_assert_cmpstr (flag->brief, ==, "maximal test before 12 weeks");
  }
}

static void
test_findings (void)
{
  static const struct { guint finding; const char *code; } cases[] = {
    { VASTUS_FINDING_NO_SLR, "no-slr" },
    { VASTUS_FINDING_NERVE_BLOCK, "nerve-block" },
    { VASTUS_FINDING_DVT_SIGNS, "dvt-signs" },
    { VASTUS_FINDING_INFECTION_SIGNS, "infection-signs" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, NULL);
      VastusVisit *v = fx_visit (h, "2026-03-02");
      g_autoptr(GPtrArray) flags = NULL;

      v->findings = cases[i].finding;
      flags = vastus_safety_check (h, 0, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
      g_assert_true (has_flag (flags, cases[i].code));
      g_assert_cmpuint (flags->len, ==, 1);
    }
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, NULL);
    VastusVisit *v = fx_visit (h, "2026-03-02");
    g_autoptr(GPtrArray) flags = NULL;

    v->findings = VASTUS_FINDING_ALL;
    flags = vastus_safety_check (h, 0, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
    g_assert_cmpuint (flags->len, ==, 4);
  }
}

static void
test_tendon_rupture (void)
{
  /* involved right: lag before, lag now, no SLR now → suspected? */
  static const struct { double before, now; gboolean no_slr, flag; const char *surgery; } cases[] = {
    { NAN, 5, TRUE, TRUE, "2026-01-05" },      /* no SLR and a lag */
    { NAN, 0, TRUE, FALSE, "2026-01-05" },     /* no SLR but no lag: only the no-slr flag */
    { NAN, 5, FALSE, FALSE, "2026-01-05" },    /* a lag alone, first recorded */
    { 0, 10, FALSE, TRUE, "2026-01-05" },      /* grown by 10° */
    { 0, 9, FALSE, FALSE, "2026-01-05" },      /* grown by 9° */
    { 5, 14, FALSE, FALSE, "2026-01-05" },
    { 5, 15, FALSE, TRUE, "2026-01-05" },
    { 0, 15, FALSE, FALSE, "2026-02-05" },     /* pre-op 0°, post-op 15°: expected */
    { 0, 15, TRUE, TRUE, "2026-02-05" },       /* … unless no SLR */
    { 0, 15, FALSE, TRUE, NULL },              /* no surgery: a new 15° lag is suspect */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, cases[i].surgery);
      VastusVisit *before = fx_visit (h, "2026-02-02");
      VastusVisit *now = fx_visit (h, "2026-02-09");
      g_autoptr(GPtrArray) flags = NULL;

      if (!isnan (cases[i].before))
        fx_trial (before, "extension_lag", VASTUS_SIDE_RIGHT, 1, cases[i].before);
      fx_trial (now, "extension_lag", VASTUS_SIDE_RIGHT, 1, cases[i].now);
      /* the uninvolved knee's lag does not count */
      fx_trial (now, "extension_lag", VASTUS_SIDE_LEFT, 1, 30);
      if (cases[i].no_slr)
        now->findings = VASTUS_FINDING_NO_SLR;
      flags = vastus_safety_check (h, 1, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
      g_test_message ("case %u", i);
      g_assert_cmpint (has_flag (flags, "tendon-rupture"), ==, cases[i].flag);
      g_assert_cmpint (has_flag (flags, "no-slr"), ==, cases[i].no_slr);
    }
}

static void
test_effusion_advice (void)
{
  /* grade sequence (−1: not recorded) → advice at each visit; T = trace */
  enum { Z = VASTUS_GRADE_ZERO, T = VASTUS_GRADE_TRACE, P1 = VASTUS_GRADE_1PLUS,
         P2 = VASTUS_GRADE_2PLUS, P3 = VASTUS_GRADE_3PLUS, NA = -1 };
  enum { PROGRESS = VASTUS_EFFUSION_ADVICE_PROGRESS, KEEP = VASTUS_EFFUSION_ADVICE_KEEP,
         HOLD = VASTUS_EFFUSION_ADVICE_HOLD, NOTIFY = VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY,
         NONE = VASTUS_EFFUSION_ADVICE_NONE };
  static const struct { int n; int grades[5]; int advice[5]; } cases[] = {
    { 1, { Z }, { PROGRESS } },
    { 1, { P1 }, { PROGRESS } },                       /* 1+ or less: progress */
    { 1, { P2 }, { HOLD } },
    { 1, { P3 }, { HOLD } },
    { 2, { P2, Z }, { HOLD, PROGRESS } },              /* following session: none → progress */
    { 2, { P2, T }, { HOLD, PROGRESS } },              /* trace → progress */
    { 2, { P2, P1 }, { HOLD, KEEP } },                 /* 1+ → keep the level */
    { 2, { P2, P2 }, { HOLD, HOLD } },
    { 3, { P2, P2, P2 }, { HOLD, HOLD, NOTIFY } },     /* three consecutive 2+ */
    { 3, { P2, P1, P2 }, { HOLD, KEEP, NOTIFY } },
    { 3, { P2, P2, P1 }, { HOLD, HOLD, PROGRESS } },   /* next after that: 1+ → progress */
    { 3, { P2, P1, P1 }, { HOLD, KEEP, PROGRESS } },
    { 4, { P2, P2, P3, P2 }, { HOLD, HOLD, NOTIFY, NOTIFY } },
    { 4, { P2, P2, Z, P2 }, { HOLD, HOLD, PROGRESS, HOLD } },   /* a new watch */
    { 4, { P2, NA, P2, P2 }, { HOLD, NONE, HOLD, NOTIFY } },    /* no grade: skipped */
    { 2, { P1, P1 }, { PROGRESS, PROGRESS } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");

      for (int v = 0; v < cases[i].n; v++)
        {
          g_autofree char *date = g_strdup_printf ("2026-02-%02d", v + 1);
          VastusVisit *visit = fx_visit (h, date);

          if (cases[i].grades[v] >= 0)
            {
              fx_trial (visit, "effusion_stroke", VASTUS_SIDE_LEFT, 1, cases[i].grades[v]);
              /* the uninvolved knee is not part of the progression */
              fx_trial (visit, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, VASTUS_GRADE_3PLUS);
            }
        }
      for (int v = 0; v < cases[i].n; v++)
        {
          g_test_message ("case %u visit %d", i, v);
          g_assert_cmpint (vastus_effusion_advice (h, v), ==, cases[i].advice[v]);
        }
    }
  g_assert_cmpstr (vastus_effusion_advice_to_string (VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY), ==, "hold-notify");
  g_assert_nonnull (vastus_effusion_advice_label (VASTUS_EFFUSION_ADVICE_KEEP));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinical/safety/effusion", test_effusion_flag);
  g_test_add_func ("/clinical/safety/pain-and-surgeon", test_pain_and_surgeon);
  g_test_add_func ("/clinical/safety/early-maximal-test", test_early_maximal);
  g_test_add_func ("/clinical/safety/findings", test_findings);
  g_test_add_func ("/clinical/safety/tendon-rupture", test_tendon_rupture);
  g_test_add_func ("/clinical/safety/effusion-advice", test_effusion_advice);
  return g_test_run ();
}
