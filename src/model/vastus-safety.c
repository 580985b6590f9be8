/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-safety"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-safety.h"
#include "vastus-value.h"

#define TENDON_LAG_GROWTH_DEG 10.0

#define SRC_EFFUSION "Adams/White effusion rules, https://pmc.ncbi.nlm.nih.gov/articles/PMC6044585/table/T5"
#define SRC_SORENESS "Soreness rules, https://pmc.ncbi.nlm.nih.gov/articles/PMC6044585/table/T5"
#define SRC_SURGEON "Surgeon-specific restrictions, Delaware ACLR guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155"
#define SRC_TENDON "Tendon rupture hallmarks, https://emedicine.medscape.com/article/1249621-clinical"
#define SRC_BLOCK "Femoral nerve block, https://pubmedcentralcanada.ca/pmcc/articles/PMC3425725/"
#define SRC_DVT "Post-surgical red flags, https://imaginept.com/blog/post-surgical-red-flags [secondary]"
#define SRC_EARLY "Minimum time before return-to-sport progression: Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; clinical-reference.md §4"

void
vastus_safety_flag_free (VastusSafetyFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->reason);
  g_free (flag->brief);
  g_free (flag);
}

/* Takes @reason and @brief. */
static VastusSafetyFlag *
flag_new (const char *code,
          const char *source,
          char       *reason,
          char       *brief)
{
  VastusSafetyFlag *flag = g_new0 (VastusSafetyFlag, 1);

  flag->code = code;
  flag->source = source;
  flag->reason = reason;
  flag->brief = brief;
  return flag;
}

static void
add_flag (GPtrArray  *flags,
          const char *code,
          const char *source,
          char       *reason,
          char       *brief)
{
  g_ptr_array_add (flags, flag_new (code, source, reason, brief));
}

/* The worst grade of the given knees at a visit; −1 when none is recorded. */
static int
worst_grade (const VastusVisit *visit,
             gboolean           left,
             gboolean           right)
{
  int worst = -1;

  if (left)
    {
      double g = vastus_visit_combined (visit, "effusion_stroke", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL);
      if (!isnan (g))
        worst = MAX (worst, (int) lround (g));
    }
  if (right)
    {
      double g = vastus_visit_combined (visit, "effusion_stroke", VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL);
      if (!isnan (g))
        worst = MAX (worst, (int) lround (g));
    }
  return worst;
}

static int
involved_grade (const VastusHistory *history,
                const VastusVisit   *visit)
{
  VastusSide inv = vastus_history_involved_side (history);

  return worst_grade (visit, inv != VASTUS_SIDE_RIGHT, inv != VASTUS_SIDE_LEFT);
}

static double
involved_lag (const VastusHistory *history,
              const VastusVisit   *visit)
{
  VastusSide inv = vastus_history_involved_side (history);
  double lag = NAN;

  if (inv != VASTUS_SIDE_RIGHT)
    lag = vastus_visit_combined (visit, "extension_lag", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL);
  if (inv != VASTUS_SIDE_LEFT)
    {
      double right = vastus_visit_combined (visit, "extension_lag", VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL);

      if (isnan (lag) || right > lag)
        lag = right;
    }
  return lag;
}

gboolean
vastus_safety_maximal_tests_from (const VastusEpisode     *episode,
                                  const VastusClinicRules *rules,
                                  GDate                   *out)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;

  if (rules == NULL)
    rules = &defaults;
  if (g_date_valid (&episode->no_max_test_before))
    {
      *out = episode->no_max_test_before;
      return TRUE;
    }
  if (episode->condition != VASTUS_CONDITION_ACLR || !g_date_valid (&episode->surgery_date) ||
      !(rules->maximal_test_weeks > 0))
    return FALSE;
  *out = episode->surgery_date;
  g_date_add_days (out, (guint) ceil (rules->maximal_test_weeks * 7));
  return TRUE;
}

VastusSafetyFlag *
vastus_safety_surgeon_restriction (const VastusEpisode *episode,
                                   const GDate         *on)
{
  char date[VASTUS_DISPLAY_DATE_SIZE];

  if (!g_date_valid (&episode->no_max_test_before) || on == NULL || !g_date_valid (on) ||
      g_date_compare (on, &episode->no_max_test_before) >= 0)
    return NULL;
  vastus_display_date (&episode->no_max_test_before, date);
  return flag_new ("surgeon-restriction", SRC_SURGEON,
                   /* Translators: %s is the date the surgeon's restriction ends, written in the
                    * reader's form */
                   g_strdup_printf (_("The surgeon allows no maximal testing before %s."), date),
                   /* Translators: part of a one-line verdict */
                   g_strdup_printf (_("surgeon’s restriction until %s"), date));
}

/* The hop and fixed-dynamometer strength tests recorded at @visit, as short labels ("" none). */
static char *
maximal_tests (const VastusVisit *visit)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      const VastusMeasure *measure = vastus_history_lookup_measure (m->measure);

      if (measure == NULL || !measure->maximal || measure->hand_held ||
          !g_hash_table_add (seen, (gpointer) m->measure))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, vastus_measure_get_short_label (measure));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
check_early_maximal (GPtrArray               *flags,
                     const VastusHistory     *history,
                     const VastusVisit       *visit,
                     const VastusClinicRules *rules,
                     gboolean                 before_testing)
{
  const VastusEpisode *episode = history->episode;
  gboolean by_surgeon = g_date_valid (&episode->no_max_test_before);
  g_autofree char *tests = NULL;
  char date[VASTUS_DISPLAY_DATE_SIZE];
  char weeks[VASTUS_DISPLAY_NUMBER_SIZE], minimum[VASTUS_DISPLAY_NUMBER_SIZE];
  GDate from;

  if (!g_date_valid (&visit->date) || !vastus_safety_maximal_tests_from (episode, rules, &from) ||
      g_date_compare (&visit->date, &from) >= 0)
    return;
  tests = maximal_tests (visit);
  vastus_display_date (&from, date);
  vastus_display_number (vastus_date_weeks_between (&episode->surgery_date, &visit->date), 1, weeks);
  vastus_display_number_exact (rules->maximal_test_weeks, minimum);
  if (before_testing)
    {
      /* The surgeon's date is named by "surgeon-restriction" already. */
      if (by_surgeon)
        return;
      add_flag (flags, "early-maximal-test", SRC_EARLY,
                /* Translators: the numbers have their decimal marks; the last %s is a date */
                g_strdup_printf (_("%s weeks after ACL reconstruction: no hop test or maximal strength test (MVIC, isokinetic) before %s weeks, on %s."),
                                 weeks, minimum, date),
                /* Translators: part of a one-line verdict */
                g_strdup_printf (_("no maximal test before %s weeks"), minimum));
      return;
    }
  if (*tests == '\0')
    return;
  if (by_surgeon)
    add_flag (flags, "early-maximal-test", SRC_SURGEON,
              /* Translators: the first %s lists the tests (their short names), the second is the
               * date the surgeon allows maximal testing from */
              g_strdup_printf (_("A hop or maximal strength test (%s) is recorded before %s, when the surgeon allows maximal testing."),
                               tests, date),
              /* Translators: part of a one-line verdict */
              g_strdup_printf (_("maximal test before %s"), date));
  else
    add_flag (flags, "early-maximal-test", SRC_EARLY,
              /* Translators: the first %s names the tests; the others are numbers of weeks */
              g_strdup_printf (_("A hop or maximal strength test (%s) is recorded %s weeks after ACL reconstruction, before the clinic’s minimum of %s weeks."),
                               tests, weeks, minimum),
              /* Translators: part of a one-line verdict */
              g_strdup_printf (_("maximal test before %s weeks"), minimum));
}

GPtrArray *
vastus_safety_check_rules (const VastusHistory     *history,
                           guint                    visit_index,
                           const VastusClinicRules *rules,
                           gboolean                 before_testing)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_safety_flag_free);
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;
  const VastusVisit *visit;
  const VastusEpisode *episode = history->episode;
  VastusSafetyFlag *flag;
  int grade;
  double pain, lag;

  g_return_val_if_fail (visit_index < history->visits->len, flags);
  if (rules == NULL)
    rules = &defaults;
  visit = g_ptr_array_index (history->visits, visit_index);

  grade = worst_grade (visit, TRUE, TRUE);
  if (grade >= VASTUS_GRADE_2PLUS)
    add_flag (flags, "effusion", SRC_EFFUSION,
              /* Translators: %s is the stroke test's effusion grade (2+ or 3+) */
              g_strdup_printf (_("Effusion %s at this visit: hold progression and treat the effusion before maximal testing."),
                               vastus_grade_display ((VastusGrade) grade)),
              /* Translators: part of a one-line verdict, %s is a grade such as 2+ */
              g_strdup_printf (_("effusion %s"), vastus_grade_display ((VastusGrade) grade)));
  else if (visit_index > 0 &&
           (grade = worst_grade (g_ptr_array_index (history->visits, visit_index - 1), TRUE, TRUE)) >= VASTUS_GRADE_2PLUS)
    add_flag (flags, "effusion", SRC_EFFUSION,
              /* Translators: %s is the stroke test's effusion grade (2+ or 3+) */
              g_strdup_printf (_("Effusion %s at the last visit: hold progression and treat the effusion before maximal testing."),
                               vastus_grade_display ((VastusGrade) grade)),
              /* Translators: part of a one-line verdict, %s is a grade such as 2+ */
              g_strdup_printf (_("effusion %s at the last visit"), vastus_grade_display ((VastusGrade) grade)));

  /* "At or above", as the preference says: 5/10 with a limit of 5 is flagged. */
  pain = vastus_visit_combined (visit, "pain_nrs", VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  if (!isnan (pain) && !isnan (rules->pain_limit) && pain >= rules->pain_limit)
    {
      char pain_text[VASTUS_DISPLAY_NUMBER_SIZE], limit[VASTUS_DISPLAY_NUMBER_SIZE];

      vastus_display_number_exact (pain, pain_text);
      add_flag (flags, "pain", SRC_SORENESS,
                /* Translators: pain on a 0–10 scale, e.g. "Pain 6/10 is at or above the limit of 5/10" */
                g_strdup_printf (_("Pain %s/10 is at or above the limit of %s/10: do not test maximally or advance."),
                                 pain_text, vastus_display_number_exact (rules->pain_limit, limit)),
                /* Translators: part of a one-line verdict */
                g_strdup_printf (_("pain %s/10"), pain_text));
    }

  if ((flag = vastus_safety_surgeon_restriction (episode, &visit->date)) != NULL)
    g_ptr_array_add (flags, flag);
  check_early_maximal (flags, history, visit, rules, before_testing);

  if (visit->findings & VASTUS_FINDING_NO_SLR)
    add_flag (flags, "no-slr", SRC_TENDON,
              g_strdup (_("The patient cannot do a straight-leg raise: do not test strength maximally.")),
              /* Translators: a safety flag, part of a one-line verdict: the patient cannot do a
               * straight-leg raise */
              g_strdup (_("no straight-leg raise")));
  if (visit->findings & VASTUS_FINDING_NERVE_BLOCK)
    add_flag (flags, "nerve-block", SRC_BLOCK,
              g_strdup (_("A femoral nerve block is active or recent: no maximal testing or loading until motor function returns.")),
              g_strdup (_("femoral nerve block")));
  if (visit->findings & VASTUS_FINDING_DVT_SIGNS)
    add_flag (flags, "dvt-signs", SRC_DVT,
              g_strdup (_("Signs of deep vein thrombosis or pulmonary embolism: stop and refer immediately.")),
              g_strdup (_("signs of thrombosis")));
  if (visit->findings & VASTUS_FINDING_INFECTION_SIGNS)
    add_flag (flags, "infection-signs", SRC_DVT,
              g_strdup (_("Signs of infection: stop and refer.")),
              g_strdup (_("signs of infection")));

  lag = involved_lag (history, visit);
  if (!isnan (lag))
    {
      gboolean suspect = (visit->findings & VASTUS_FINDING_NO_SLR) && lag > 0;

      for (guint i = visit_index; !suspect && i > 0; i--)
        {
          const VastusVisit *prev = g_ptr_array_index (history->visits, i - 1);
          double before;

          /* A lag after surgery, compared with before it, is the expected course. */
          if (g_date_valid (&episode->surgery_date) &&
              g_date_compare (&prev->date, &episode->surgery_date) < 0)
            break;
          before = involved_lag (history, prev);
          if (isnan (before))
            continue;
          suspect = lag - before >= TENDON_LAG_GROWTH_DEG;
          break;
        }
      char lag_text[VASTUS_DISPLAY_NUMBER_SIZE];

      if (suspect)
        add_flag (flags, "tendon-rupture", SRC_TENDON,
                  /* Translators: %s is an angle in degrees with its decimal mark */
                  g_strdup_printf (_("Extension lag of %s° with loss of active extension: suspected quadriceps or patellar tendon rupture. Do not test strength; refer urgently."),
                                   vastus_display_number_exact (lag, lag_text)),
                  g_strdup (_("suspected tendon rupture")));
    }
  return flags;
}

GPtrArray *
vastus_safety_check (const VastusHistory *history,
                     guint                visit_index,
                     double               pain_limit)
{
  VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;

  rules.pain_limit = pain_limit;
  return vastus_safety_check_rules (history, visit_index, &rules, FALSE);
}

const char *
vastus_effusion_advice_to_string (VastusEffusionAdvice advice)
{
  switch (advice)
    {
    case VASTUS_EFFUSION_ADVICE_PROGRESS: return "progress";
    case VASTUS_EFFUSION_ADVICE_KEEP: return "keep";
    case VASTUS_EFFUSION_ADVICE_HOLD: return "hold";
    case VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY: return "hold-notify";
    case VASTUS_EFFUSION_ADVICE_NONE:
    default: return "none";
    }
}

const char *
vastus_effusion_advice_label (VastusEffusionAdvice advice)
{
  switch (advice)
    {
    /* Translators: the effusion advice when the stroke test allows it: progress the
     * rehabilitation */
    case VASTUS_EFFUSION_ADVICE_PROGRESS: return _("Progress as appropriate");
    case VASTUS_EFFUSION_ADVICE_KEEP: return _("Keep the same level; do not advance");
    case VASTUS_EFFUSION_ADVICE_HOLD: return _("Hold the protocol and treat the effusion");
    case VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY: return _("Hold and notify the surgeon");
    case VASTUS_EFFUSION_ADVICE_NONE:
    default: return _("No effusion grade recorded");
    }
}

VastusEffusionAdvice
vastus_effusion_advice (const VastusHistory *history,
                        guint                visit_index)
{
  VastusEffusionAdvice advice = VASTUS_EFFUSION_ADVICE_NONE;
  guint watch = 0;   /* 0: no watch; 1: the visit after a 2+; 2: the next one or later */

  g_return_val_if_fail (visit_index < history->visits->len, VASTUS_EFFUSION_ADVICE_NONE);

  for (guint i = 0; i <= visit_index; i++)
    {
      int grade = involved_grade (history, g_ptr_array_index (history->visits, i));

      if (grade < 0)
        {
          advice = VASTUS_EFFUSION_ADVICE_NONE;
          continue;
        }
      if (watch == 0)
        {
          advice = grade >= VASTUS_GRADE_2PLUS ? VASTUS_EFFUSION_ADVICE_HOLD : VASTUS_EFFUSION_ADVICE_PROGRESS;
          watch = grade >= VASTUS_GRADE_2PLUS ? 1 : 0;
        }
      else if (watch == 1)
        {
          if (grade <= VASTUS_GRADE_TRACE)
            advice = VASTUS_EFFUSION_ADVICE_PROGRESS, watch = 0;
          else if (grade == VASTUS_GRADE_1PLUS)
            advice = VASTUS_EFFUSION_ADVICE_KEEP, watch = 2;
          else
            advice = VASTUS_EFFUSION_ADVICE_HOLD, watch = 2;
        }
      else
        {
          if (grade <= VASTUS_GRADE_1PLUS)
            advice = VASTUS_EFFUSION_ADVICE_PROGRESS, watch = 0;
          else
            advice = VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY;
        }
    }
  return advice;
}
