/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vastus-patient-page-private.h"

/* Formatting helpers: no clinical computation here, only text. */

char *
_vastus_patient_page_format_date (const GDate *date)
{
  char buf[64];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  /* Translators: a strftime format for dates in the patient page, e.g. "12 Mar 2026" */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), date) == 0)
    {
      char iso[VASTUS_DATE_BUF_SIZE];
      return g_strdup (vastus_date_format (date, iso));
    }
  return g_strdup (buf);
}

const char *
_vastus_patient_page_knee_label (VastusSide side)
{
  switch (side)
    {
    case VASTUS_SIDE_LEFT:
      return _("Left knee");
    case VASTUS_SIDE_RIGHT:
      return _("Right knee");
    case VASTUS_SIDE_BOTH:
      return _("Both knees");
    case VASTUS_SIDE_NONE:
    default:
      return _("Side not recorded");
    }
}

const char *
_vastus_patient_page_side_letter (VastusSide side)
{
  /* Translators: L and R are the abbreviations of left and right (leg) */
  return side == VASTUS_SIDE_LEFT ? C_("side", "L") : side == VASTUS_SIDE_RIGHT ? C_("side",
                                                                                     "R") : "";
}

gboolean
_vastus_patient_page_imperial (VastusPatientPage *self)
{
  return self->settings != NULL && g_settings_get_enum (self->settings, "units") == 1;
}

/* The unit a stored value is shown in under the units preference; NULL: the stored unit. */
static const char *
display_unit (VastusPatientPage   *self,
              const VastusMeasure *measure)
{
  return _vastus_patient_page_imperial (self) ? vastus_measure_imperial_unit (measure) : NULL;
}

char *
_vastus_patient_page_format_measure (VastusPatientPage   *self,
                                     const VastusMeasure *measure,
                                     double               stored)
{
  return vastus_measure_format_value (measure, stored, display_unit (self, measure));
}

char *
_vastus_patient_page_format_percent (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  /* Translators: a percentage with one decimal, e.g. "88.4 %" */
  return g_strdup_printf (_("%.1f %%"), value);
}

/* A side-to-side difference: grades in steps, others in the measure's unit. */
char *
_vastus_patient_page_format_difference (VastusPatientPage   *self,
                                        const VastusMeasure *measure,
                                        double               difference)
{
  g_autofree char *text = NULL;

  if (isnan (difference))
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_GRADE && difference == 0)
    return g_strdup (_("Δ 0 grades"));
  if (measure->kind == VASTUS_VALUE_GRADE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Δ %+d grade", "Δ %+d grades",
                                         (gulong) ABS ((int) difference)),
                            (int) difference);
  text = _vastus_patient_page_format_measure (self, measure, difference);
  /* Translators: a side-to-side difference, e.g. "Δ 5°" */
  return g_strdup_printf (_("Δ %s"), text);
}

static const char *
comparator_symbol (VastusComparator comparator)
{
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT:
      return ">";
    case VASTUS_COMPARATOR_GE:
      return "≥";
    case VASTUS_COMPARATOR_LT:
      return "<";
    case VASTUS_COMPARATOR_LE:
      return "≤";
    case VASTUS_N_COMPARATORS:
    default:
      return "?";
    }
}

/* A criterion's value or threshold in its display unit. */
char *
_vastus_patient_page_format_criterion_value (const VastusCriterion *criterion,
                                             double                 value)
{
  const char *unit = criterion->unit != NULL ? criterion->unit : "";

  if (isnan (value))
    return g_strdup ("—");
  if (g_str_equal (unit, "%"))
    return _vastus_patient_page_format_percent (value);
  if (g_str_equal (unit, "bool"))
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (g_str_equal (unit, "grade") && criterion->metric == VASTUS_METRIC_VALUE &&
      value == floor (value) && value >= VASTUS_GRADE_ZERO && value <= VASTUS_GRADE_3PLUS)
    return g_strdup (vastus_grade_to_string ((VastusGrade) value));
  if (g_str_equal (unit, "deg"))
    return g_strdup_printf ("%.0f°", value);
  if (g_str_equal (unit, "weeks"))
    return g_strdup_printf (_("%.1f weeks"), value);
  if (g_str_equal (unit, "points") || g_str_equal (unit, "grade") || g_str_equal (unit, "count"))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f %s", value, unit);
}

/* What a criterion asks for: "≥ 90.0 %"; for yes/no findings just "no" or "yes". */
char *
_vastus_patient_page_format_requirement (const VastusCriterion *criterion)
{
  g_autofree char *threshold = _vastus_patient_page_format_criterion_value (criterion,
                                                                            criterion->threshold);

  if (g_strcmp0 (criterion->unit, "bool") == 0)
    {
      gboolean wants_yes = vastus_comparator_test (criterion->comparator, 1, criterion->threshold);
      gboolean wants_no = vastus_comparator_test (criterion->comparator, 0, criterion->threshold);

      if (wants_yes != wants_no)
        return g_strdup (wants_yes ? _("yes") : _("no"));
    }
  return g_strdup_printf ("%s %s", comparator_symbol (criterion->comparator), threshold);
}
