/* clinical-fixture.h: small hand-built histories for the clinical tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

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
