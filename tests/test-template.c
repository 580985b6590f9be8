/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "vastus-model-error.h"
#include "vastus-template.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static void
set_date (GDate      *d,
          const char *text)
{
  g_assert_true (vastus_date_parse (text, d, NULL));
}

static VastusTemplate *
make_template (const char *name)
{
  VastusTemplate *t = vastus_template_new ();

  t->name = g_strdup (name);
  vastus_template_add_measure (t, "quadriceps_hhd", 3, "lbf");
  vastus_template_add_measure (t, "effusion_stroke", 1, NULL);
  return t;
}

/* The problem of @field, NULL when there is none. */
static const VastusProblem *
problem_of (GPtrArray  *problems,
            const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->field, field))
        return p;
    }
  return NULL;
}

static void
assert_problem (VastusTemplate *t,
                const char     *field,
                const char     *says)
{
  g_autoptr(GPtrArray) problems = vastus_template_check (t);
  const VastusProblem *p = problem_of (problems, field);

  g_assert_nonnull (p);
  g_assert_false (p->soft);
  /* Control characters are a text problem, as in every other record. */
  g_assert_cmpint (p->code, ==, strstr (says, "U+") != NULL ? VASTUS_VALIDATION_ERROR_TEXT
                                                            : VASTUS_VALIDATION_ERROR_TEMPLATE);
  g_test_message ("%s: %s", field, p->message);
  g_assert_nonnull (strstr (p->message, says));
}

static void
test_check (void)
{
  g_autoptr(VastusTemplate) t = make_template ("ACL 12-week battery");
  g_autoptr(GPtrArray) none = vastus_template_check (t);
  g_autofree char *long_name = g_strnfill (VASTUS_TEMPLATE_NAME_MAX_CHARS + 1, 'x');
  VastusTemplateMeasure *quad = g_ptr_array_index (t->measures, 0);
  VastusTemplateMeasure *effusion = g_ptr_array_index (t->measures, 1);

  g_assert_cmpuint (none->len, ==, 0);

  g_free (t->name), t->name = g_strdup ("  ");
  assert_problem (t, "name", "name is required");
  g_free (t->name), t->name = g_strdup (long_name);
  assert_problem (t, "name", "101 characters long; the limit is 100");
  g_free (t->name), t->name = g_strdup ("ACL\x1b");
  assert_problem (t, "name", "U+001B");
  g_free (t->name), t->name = g_strdup ("ACL");

  /* Trials: 1 … 100, and only where a measure takes several. */
  quad->trials = 0;
  assert_problem (t, "measures/quadriceps_hhd", "0 trials is not possible; use 1 to 100");
  quad->trials = 101;
  assert_problem (t, "measures/quadriceps_hhd", "101 trials");
  quad->trials = 100;
  effusion->trials = 2;
  assert_problem (t, "measures/effusion_stroke", "entered once");
  effusion->trials = 1;
  /* A unit the measure does not take. */
  g_free (quad->unit), quad->unit = g_strdup ("cm");
  assert_problem (t, "measures/quadriceps_hhd", "the unit “cm” is not accepted");
  g_free (quad->unit), quad->unit = NULL;

  /* Each measure once, and one the catalog knows. */
  vastus_template_add_measure (t, "quadriceps_hhd", 1, NULL);
  assert_problem (t, "measures/quadriceps_hhd", "twice");
  g_ptr_array_remove_index (t->measures, 2);
  vastus_template_add_measure (t, "quadriceps_typo", 1, NULL);
  assert_problem (t, "measures/quadriceps_typo", "not a measure Vastus knows");
  g_ptr_array_set_size (t->measures, 0);
  assert_problem (t, "measures", "at least one measure");
  vastus_template_add_measure (t, "pain_nrs", 1, NULL);

  /* The phase: its end after its start, both within ten years. */
  t->from_week = 12, t->to_week = 12;
  assert_problem (t, "to_week", "week 12, which is not after its start, week 12");
  t->to_week = 521;
  assert_problem (t, "to_week", "use a week up to 520");
  t->from_week = -1, t->to_week = -1;
  assert_problem (t, "from_week", "week -1");
  t->from_week = 520;
  {
    g_autoptr(GPtrArray) problems = vastus_template_check (t);

    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_fits (void)
{
  g_autoptr(VastusTemplate) t = make_template ("Running");
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  GDate date;

  episode->condition = VASTUS_CONDITION_ACLR;
  set_date (&episode->surgery_date, "2026-01-05");
  t->any_condition = FALSE;
  t->condition = VASTUS_CONDITION_ACLR;
  t->from_week = 12;
  t->to_week = 39;

  /* Week 12 begins 84 days after surgery: 2026-01-05 + 84 days is 2026-03-30. */
  set_date (&date, "2026-03-29");
  g_assert_false (vastus_template_fits (t, episode, &date));
  set_date (&date, "2026-03-30");
  g_assert_true (vastus_template_fits (t, episode, &date));
  /* Week 39 (273 days, 2026-10-05) is the next phase's. */
  set_date (&date, "2026-10-04");
  g_assert_true (vastus_template_fits (t, episode, &date));
  set_date (&date, "2026-10-05");
  g_assert_false (vastus_template_fits (t, episode, &date));

  /* Counted from the injury without a surgery. */
  set_date (&date, "2026-03-30");
  g_date_clear (&episode->surgery_date, 1);
  g_assert_false (vastus_template_fits (t, episode, &date));
  set_date (&episode->injury_date, "2026-01-05");
  g_assert_true (vastus_template_fits (t, episode, &date));

  /* Another condition, unless for any. */
  episode->condition = VASTUS_CONDITION_PFP;
  g_assert_false (vastus_template_fits (t, episode, &date));
  t->any_condition = TRUE;
  g_assert_true (vastus_template_fits (t, episode, &date));

  /* Without a date a phase cannot be judged; a battery without a phase fits. */
  g_date_clear (&episode->injury_date, 1);
  g_assert_false (vastus_template_fits (t, episode, &date));
  t->from_week = 0, t->to_week = -1;
  g_assert_true (vastus_template_fits (t, episode, &date));
}

static void
test_choose (void)
{
  g_autoptr(GPtrArray) all = vastus_template_builtins ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  VastusTemplate *any_clinic = make_template ("Our knee battery");
  VastusTemplate *clinic_acl = make_template ("Our ACL 12-week battery");
  VastusTemplate *pfp = make_template ("PFP");
  GDate date;

  episode->condition = VASTUS_CONDITION_ACLR;
  set_date (&episode->surgery_date, "2026-01-05");
  for (guint i = 0; i < all->len; i++)
    ((VastusTemplate *) g_ptr_array_index (all, i))->id = i + 1;

  /* Ten weeks after surgery (70 days): the built-in early battery. */
  set_date (&date, "2026-03-16");
  g_assert_cmpstr (vastus_template_choose (all, 0, episode, &date)->code, ==, "aclr-early");
  /* 12 weeks: return to running; 39 weeks: return to sport. */
  set_date (&date, "2026-03-30");
  g_assert_cmpstr (vastus_template_choose (all, 0, episode, &date)->code, ==, "aclr-running");
  set_date (&date, "2026-10-05");
  g_assert_cmpstr (vastus_template_choose (all, 0, episode, &date)->code, ==, "aclr-sport");
  /* The last visit's, while it exists, whatever the phase. */
  g_assert_cmpint (vastus_template_choose (all, 1, episode, &date)->id, ==, 1);
  g_assert_cmpstr (vastus_template_choose (all, 99, episode, &date)->code, ==, "aclr-sport");

  /* The clinic's own before the built-in ones, one for the condition before one for any. */
  any_clinic->id = 10;
  g_ptr_array_add (all, any_clinic);
  g_assert_cmpint (vastus_template_choose (all, 0, episode, &date)->id, ==, 10);
  clinic_acl->id = 11;
  clinic_acl->any_condition = FALSE;
  clinic_acl->condition = VASTUS_CONDITION_ACLR;
  clinic_acl->from_week = 0;
  clinic_acl->to_week = 40;
  g_ptr_array_add (all, clinic_acl);
  g_assert_cmpint (vastus_template_choose (all, 0, episode, &date)->id, ==, 11);

  /* Another condition: nothing of the ACL ones; none at all without a battery for any. */
  g_ptr_array_remove (all, any_clinic);
  episode->condition = VASTUS_CONDITION_PFP;
  g_assert_null (vastus_template_choose (all, 0, episode, &date));
  pfp->id = 12;
  pfp->any_condition = FALSE;
  pfp->condition = VASTUS_CONDITION_PFP;
  g_ptr_array_add (all, pfp);
  g_assert_cmpint (vastus_template_choose (all, 0, episode, &date)->id, ==, 12);
}

/* The built-in batteries are what their comments say (clinical-reference.md §0, §1.8, §3). */
static void
test_builtins (void)
{
  g_autoptr(GPtrArray) all = vastus_template_builtins ();
  static const struct { const char *code; int from, to; const char *measures; } expected[] = {
    { "aclr-early", 0, 12, "pain_nrs effusion_stroke knee_extension knee_flexion extension_lag "
                           "thigh_girth_10 quadriceps_hhd×3" },
    { "aclr-running", 12, 39, "pain_nrs effusion_stroke knee_extension knee_flexion "
                              "quadriceps_hhd×3 hamstrings_hhd×3 single_hop×2 single_leg_squat_valgus" },
    { "aclr-sport", 39, -1, "effusion_stroke knee_extension knee_flexion quadriceps_mvic×3 "
                            "single_hop×2 timed_hop_6m×2 triple_hop×2 crossover_hop×2 kos_adls "
                            "global_rating" },
  };

  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      const VastusTemplate *t = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) problems = vastus_template_check (t);
      g_autoptr(GString) measures = g_string_new (NULL);

      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpstr (t->code, ==, expected[i].code);
      g_assert_true (t->builtin);
      g_assert_false (t->any_condition);
      g_assert_cmpint (t->condition, ==, VASTUS_CONDITION_ACLR);
      g_assert_cmpint (t->from_week, ==, expected[i].from);
      g_assert_cmpint (t->to_week, ==, expected[i].to);
      g_assert_nonnull (t->source);
      for (guint k = 0; k < t->measures->len; k++)
        {
          const VastusTemplateMeasure *item = g_ptr_array_index (t->measures, k);

          g_assert_null (item->unit);
          g_string_append_printf (measures, "%s%s", k > 0 ? " " : "", item->measure);
          if (item->trials != 1)
            g_string_append_printf (measures, "×%u", item->trials);
        }
      g_assert_cmpstr (measures->str, ==, expected[i].measures);
      /* The name shown is the model's. */
      g_assert_cmpstr (vastus_template_get_name (t), ==, t->name);
    }
}

static void
test_equal (void)
{
  g_autoptr(VastusTemplate) a = make_template ("A");
  g_autoptr(VastusTemplate) b = vastus_template_copy (a);

  g_assert_true (vastus_template_equal (a, b));
  ((VastusTemplateMeasure *) g_ptr_array_index (b->measures, 0))->trials = 2;
  g_assert_false (vastus_template_equal (a, b));
  ((VastusTemplateMeasure *) g_ptr_array_index (b->measures, 0))->trials = 3;
  g_assert_true (vastus_template_equal (a, b));
  b->to_week = 12;
  g_assert_false (vastus_template_equal (a, b));
}

static void
test_describe (void)
{
  g_autoptr(VastusTemplate) t = make_template ("x");
  g_autofree char *any = vastus_template_describe (t);
  g_autofree char *from = NULL;
  g_autofree char *range = NULL;

  g_assert_cmpstr (any, ==, "Any condition");
  t->any_condition = FALSE;
  t->condition = VASTUS_CONDITION_ACLR;
  t->from_week = 39;
  from = vastus_template_describe (t);
  g_assert_cmpstr (from, ==, "ACL reconstruction · from week 39");
  t->from_week = 12;
  t->to_week = 39;
  range = vastus_template_describe (t);
  g_assert_cmpstr (range, ==, "ACL reconstruction · weeks 12–39");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/check", test_check);
  g_test_add_func ("/template/fits", test_fits);
  g_test_add_func ("/template/choose", test_choose);
  g_test_add_func ("/template/builtins", test_builtins);
  g_test_add_func ("/template/describe", test_describe);
  g_test_add_func ("/template/equal", test_equal);
  return g_test_run ();
}
