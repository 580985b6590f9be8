/* clinical-fixture.h: small hand-built histories for the clinical tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "vastus-evaluation.h"
#include "vastus-history.h"
#include "vastus-value.h"

static inline GDate
fx_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (vastus_date_parse (text, &date, NULL));
  return date;
}

/* A history for an episode with the given involved side; surgery date may be NULL. */
static inline VastusHistory *
fx_history (VastusSide  involved,
            VastusSex   sex,
            const char *surgery)
{
  VastusPatient *patient = vastus_patient_new ();
  VastusEpisode *episode = vastus_episode_new ();

  patient->mrn = g_strdup ("FX-1");
  patient->name = g_strdup ("Fixture Patient");
  patient->sex = sex;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = involved;
  if (surgery != NULL)
    episode->surgery_date = fx_date (surgery);
  return vastus_history_new (patient, episode);
}

static inline VastusVisit *
fx_visit (VastusHistory *history,
          const char    *date)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->date = fx_date (date);
  vastus_history_add_visit (history, visit);
  return visit;
}

static inline VastusMeasurement *
fx_trial (VastusVisit *visit,
          const char  *measure,
          VastusSide   side,
          int          trial,
          double       value)
{
  VastusMeasurement *m = vastus_measurement_new (measure, side, trial, value, NULL);

  vastus_visit_add_measurement (visit, m);
  return m;
}

/* One trial on the left and one on the right. */
static inline void
fx_pair (VastusVisit *visit,
         const char  *measure,
         double       left,
         double       right)
{
  if (!isnan (left))
    fx_trial (visit, measure, VASTUS_SIDE_LEFT, 1, left);
  if (!isnan (right))
    fx_trial (visit, measure, VASTUS_SIDE_RIGHT, 1, right);
}

static inline void
fx_assert_date (const GDate *date,
                const char  *expected)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (expected == NULL)
    {
      g_assert_false (g_date_valid (date));
      return;
    }
  g_assert_true (g_date_valid (date));
  g_assert_cmpstr (vastus_date_format (date, buf), ==, expected);
}

/* A set of one criterion; @measures space-separated, or NULL for a time criterion. */
static inline VastusCriteriaSet *
fx_one_criterion (VastusMetric     metric,
                  const char      *measures,
                  VastusComparator comparator,
                  double           threshold,
                  const char      *unit)
{
  VastusCriteriaSet *set = vastus_criteria_set_new ();
  VastusCriterion *c = vastus_criterion_new ();

  set->id = g_strdup ("test-set");
  set->title = g_strdup ("Test set");
  set->source = g_strdup ("test");
  c->id = g_strdup ("c");
  c->label = g_strdup ("criterion");
  c->metric = metric;
  g_strfreev (c->measures);
  c->measures = measures != NULL ? g_strsplit (measures, " ", -1) : g_new0 (char *, 1);
  c->comparator = comparator;
  c->threshold = threshold;
  c->unit = g_strdup (unit);
  g_ptr_array_add (set->criteria, c);
  g_assert_true (vastus_criteria_set_validate (set, NULL));
  return set;
}

/* The result of the criterion @id, or NULL when it is not listed. */
static inline const VastusCriterionResult *
fx_result (const VastusEvaluation *ev,
           const char             *id)
{
  for (guint i = 0; i < ev->results->len; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (ev->results, i);

      if (g_str_equal (r->criterion->id, id))
        return r;
    }
  return NULL;
}
