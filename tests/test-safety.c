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
  /* pain strictly above the limit; visit strictly before the surgeon's date */
  static const struct { double pain, limit; const char *visit; gboolean pain_flag, surgeon_flag; } cases[] = {
    { 5, 5, "2026-03-08", FALSE, TRUE },
    { 6, 5, "2026-03-09", TRUE, FALSE },
    { 3, 2.5, "2026-03-10", TRUE, FALSE },
    { 2, 2.5, "2026-01-10", FALSE, TRUE },
    { NAN, 0, "2026-03-09", FALSE, FALSE },
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
      g_test_message ("case %u", i);
      g_assert_cmpint (has_flag (flags, "pain"), ==, cases[i].pain_flag);
      g_assert_cmpint (has_flag (flags, "surgeon-restriction"), ==, cases[i].surgeon_flag);
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
  g_test_add_func ("/clinical/safety/findings", test_findings);
  g_test_add_func ("/clinical/safety/tendon-rupture", test_tendon_rupture);
  g_test_add_func ("/clinical/safety/effusion-advice", test_effusion_advice);
  return g_test_run ();
}
