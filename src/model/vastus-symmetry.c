/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-symmetry"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-symmetry.h"
#include "vastus-units.h"

VastusSymmetryKind
vastus_symmetry_kind (const VastusMeasure *measure)
{
  if (!measure->two_sided || measure->kind == VASTUS_VALUE_BOOL)
    return VASTUS_SYMMETRY_NONE;
  if (measure->kind == VASTUS_VALUE_GRADE ||
      g_str_equal (measure->code, "knee_extension") ||
      g_str_equal (measure->code, "extension_lag"))
    return VASTUS_SYMMETRY_DIFFERENCE;
  return VASTUS_SYMMETRY_RATIO;
}

static double
ratio_index (const VastusMeasure *measure,
             double               involved,
             double               uninvolved)
{
  double numerator, divisor;

  if (vastus_symmetry_kind (measure) != VASTUS_SYMMETRY_RATIO)
    return NAN;
  if (measure->better == VASTUS_BETTER_HIGHER)
    numerator = involved, divisor = uninvolved;
  else
    numerator = uninvolved, divisor = involved;
  if (isnan (numerator) || isnan (divisor) || divisor <= 0 || numerator < 0)
    return NAN;
  /* Multiply first: 180 × 100 / 200 is exactly 90, 180 / 200 × 100 need not be. */
  return numerator * 100.0 / divisor;
}

double
vastus_lsi (const VastusMeasure *measure,
            double               involved,
            double               uninvolved)
{
  return ratio_index (measure, involved, uninvolved);
}

double
vastus_epic (const VastusMeasure *measure,
             double               involved_now,
             double               uninvolved_baseline)
{
  return ratio_index (measure, involved_now, uninvolved_baseline);
}

double
vastus_side_difference (const VastusMeasure *measure,
                        double               involved,
                        double               uninvolved)
{
  if (!measure->two_sided || measure->kind == VASTUS_VALUE_BOOL ||
      isnan (involved) || isnan (uninvolved))
    return NAN;
  if (measure->kind == VASTUS_VALUE_GRADE)
    {
      int inv = (int) lround (involved);
      int uninv = (int) lround (uninvolved);

      return (double) (inv - uninv);
    }
  if (measure->better == VASTUS_BETTER_HIGHER)
    return uninvolved - involved;
  return involved - uninvolved;
}

double
vastus_hq_ratio (double hamstrings,
                 double quadriceps)
{
  if (isnan (hamstrings) || isnan (quadriceps) || quadriceps <= 0 || hamstrings < 0)
    return NAN;
  return hamstrings * 100.0 / quadriceps;
}

double
vastus_torque_per_mass (double torque_nm,
                        double body_mass_kg)
{
  if (isnan (torque_nm) || isnan (body_mass_kg) || body_mass_kg <= 0)
    return NAN;
  return torque_nm / body_mass_kg;
}

double
vastus_force_percent_bw (double force_n,
                         double body_mass_kg)
{
  if (isnan (force_n) || isnan (body_mass_kg) || body_mass_kg <= 0)
    return NAN;
  return force_n * 100.0 / (body_mass_kg * VASTUS_STANDARD_GRAVITY);
}

double
vastus_percent_height (double distance_cm,
                       double height_cm)
{
  if (isnan (distance_cm) || isnan (height_cm) || height_cm <= 0)
    return NAN;
  return distance_cm * 100.0 / height_cm;
}

const char *
vastus_hq_partner (const char *hamstrings_code)
{
  static const char *pairs[][2] = {
    { "hamstrings_hhd", "quadriceps_hhd" },
    { "hamstrings_isokinetic_60", "quadriceps_isokinetic_60" },
    { "hamstrings_isokinetic_180", "quadriceps_isokinetic_180" },
    { "hamstrings_isokinetic_300", "quadriceps_isokinetic_300" },
  };

  for (guint i = 0; hamstrings_code != NULL && i < G_N_ELEMENTS (pairs); i++)
    if (g_str_equal (pairs[i][0], hamstrings_code))
      return pairs[i][1];
  return NULL;
}

gboolean
vastus_symmetry_compute (const VastusHistory *history,
                         guint                visit_index,
                         const char          *code,
                         VastusSymmetry      *out)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);
  const VastusVisit *visit;
  VastusSide inv_side, uninv_side;
  VastusSymmetryKind kind;

  out->measure = measure;
  out->left = out->right = out->value = NAN;
  out->involved = out->uninvolved = NAN;
  out->lsi = out->epic = out->baseline = out->difference = NAN;
  g_date_clear (&out->baseline_date, 1);
  out->lsi_reason = out->epic_reason = NULL;

  g_return_val_if_fail (visit_index < history->visits->len, FALSE);
  if (measure == NULL)
    {
      /* Translators: why no limb symmetry index is shown: the measure's code is not in the
       * catalog */
      out->lsi_reason = out->epic_reason = _("Unknown measure.");
      return FALSE;
    }
  visit = g_ptr_array_index (history->visits, visit_index);
  kind = vastus_symmetry_kind (measure);

  if (!measure->two_sided)
    {
      out->value = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
      out->lsi_reason = out->epic_reason = _("The measure is not taken per side.");
      return TRUE;
    }

  out->left = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL);
  out->right = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL);

  inv_side = vastus_history_involved_side (history);
  uninv_side = vastus_history_uninvolved_side (history);
  if (inv_side == VASTUS_SIDE_NONE)
    {
      out->lsi_reason = out->epic_reason =
        _("Both knees are involved: there is no uninvolved side to compare with.");
      return TRUE;
    }
  out->involved = inv_side == VASTUS_SIDE_LEFT ? out->left : out->right;
  out->uninvolved = inv_side == VASTUS_SIDE_LEFT ? out->right : out->left;
  out->difference = vastus_side_difference (measure, out->involved, out->uninvolved);

  if (kind == VASTUS_SYMMETRY_DIFFERENCE)
    {
      out->lsi_reason = out->epic_reason = measure->kind == VASTUS_VALUE_GRADE
        ? _("Grades are compared as a difference, not as a ratio.")
        : _("Zero is normal for this measure: it is compared as a difference, not as a ratio.");
      return TRUE;
    }
  if (kind == VASTUS_SYMMETRY_NONE)
    {
      out->lsi_reason = out->epic_reason = _("A yes/no finding has no symmetry index.");
      return TRUE;
    }

  if (isnan (out->involved))
    out->lsi_reason = _("The involved side was not measured.");
  else if (isnan (out->uninvolved))
    out->lsi_reason = _("The uninvolved side was not measured.");
  else
    {
      out->lsi = vastus_lsi (measure, out->involved, out->uninvolved);
      if (isnan (out->lsi))
        out->lsi_reason = _("The symmetry index is undefined for a value of zero.");
    }

  out->baseline = vastus_history_baseline (history, code, uninv_side, &visit->date,
                                           &out->baseline_date);
  if (isnan (out->baseline))
    out->epic_reason = _("No baseline of the uninvolved side is recorded.");
  else if (isnan (out->involved))
    out->epic_reason = _("The involved side was not measured.");
  else
    {
      out->epic = vastus_epic (measure, out->involved, out->baseline);
      if (isnan (out->epic))
        out->epic_reason = _("The pre-injury capacity index is undefined for a value of zero.");
    }
  return TRUE;
}
