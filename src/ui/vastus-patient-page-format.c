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

char *
_vastus_patient_page_format_date_cb (const GDate *date,
                                     gpointer     user_data)
{
  return _vastus_patient_page_format_date (date);
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
