/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-patient-page-private.h"

/* Formatting helpers and the header's text: no clinical computation here, only text. */

char *
_vastus_patient_page_format_date (const GDate *date)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  return g_strdup (vastus_display_date_month (date, VASTUS_DISPLAY_DAY_MONTH_YEAR, buf));
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
      /* Translators: the knee an episode of care is for, on the patient page */
      return _("Left knee");
    case VASTUS_SIDE_RIGHT:
      /* Translators: the knee an episode of care is for, on the patient page */
      return _("Right knee");
    case VASTUS_SIDE_BOTH:
      /* Translators: the knees an episode of care is for, on the patient page */
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
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  /* Translators: a percentage with one decimal (and its decimal mark), e.g. "88.4 %" */
  return g_strdup_printf (_("%s %%"), vastus_display_number (value, 1, shown));
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
    /* Translators: the difference between the sides of an effusion grade when both sides are the
     * same (Δ: difference) */
    return g_strdup (_("Δ 0 grades"));
  if (measure->kind == VASTUS_VALUE_GRADE)
    /* Translators: the difference between the sides of an effusion grade, with its sign (Δ:
     * difference) */
    return g_strdup_printf (ngettext ("Δ %+d grade", "Δ %+d grades",
                                         (gulong) ABS ((int) difference)),
                            (int) difference);
  text = _vastus_patient_page_format_measure (self, measure, difference);
  /* Translators: a side-to-side difference, e.g. "Δ 5°" */
  return g_strdup_printf (_("Δ %s"), text);
}

/* The header: the patient's name, MRN, age and sex; the episode shown, with the weeks since
 * surgery or injury; Add Visit, or Add Episode first where there is none. */
void
_vastus_patient_page_show_header (VastusPatientPage *self)
{
  const VastusEpisode *episode = self->episode != NULL
                                 ? vastus_episode_record_get_episode (self->episode) : NULL;
  g_autofree char *details = NULL;
  g_autofree char *age = NULL;
  g_autofree char *name = NULL;
  GDate today;

  /* A patient without an episode of care has one thing to do first: record it. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_episode_button),
                          self->patient != NULL && episode == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->add_visit_button),
                          self->patient == NULL || episode != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_episode_button), episode != NULL);
  if (self->patient != NULL && self->focus_first_action)
    {
      self->focus_first_action = FALSE;
      if (episode == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->add_episode_button));
    }
  if (self->patient == NULL)
    return;
  vastus_date_today (&today);
  name = vastus_patient_format_name (self->patient, vastus_settings_get_name_order (self->settings));
  gtk_label_set_text (self->name_label, name);
  if (g_date_valid (&self->patient->birth_date))
    {
      int years = vastus_date_age_years (&self->patient->birth_date, &today);

      age = g_strdup_printf (ngettext ("%d year", "%d years", years), years);
    }
  /* Translators: MRN is the medical record number; then the age and the sex */
  details = g_strdup_printf (_("MRN %s · %s · %s"), self->patient->mrn,
                             /* Translators: in the patient page's line "MRN … · age · sex", when
                              * the birth date is not known */
                             age != NULL ? age : _("age unknown"),
                             vastus_sex_label (self->patient->sex));
  gtk_label_set_text (self->details_label, details);

  if (episode == NULL)
    {
      gtk_label_set_text (self->episode_label, _("No episode of care recorded"));
      return;
    }
  else
    {
      const GDate *index = vastus_episode_get_index_date (episode);
      g_autofree char *text = NULL;

      if (index != NULL && g_date_compare (index, &today) <= 0)
        {
          int weeks = (int) floor (vastus_date_weeks_between (index, &today));
          g_autofree char *since = NULL;

          if (g_date_valid (&episode->surgery_date))
            /* Translators: %d is how many whole weeks have passed since the knee's surgery */
            since = g_strdup_printf (ngettext ("%d week since surgery",
                                                  "%d weeks since surgery", weeks), weeks);
          else
            /* Translators: %d is how many whole weeks have passed since the knee's injury */
            since = g_strdup_printf (ngettext ("%d week since injury",
                                                  "%d weeks since injury", weeks), weeks);
          text = g_strdup_printf ("%s · %s · %s", vastus_condition_label (episode->condition),
                                  _vastus_patient_page_knee_label (episode->involved_side), since);
        }
      else
        text = g_strdup_printf ("%s · %s", vastus_condition_label (episode->condition),
                                _vastus_patient_page_knee_label (episode->involved_side));
      gtk_label_set_text (self->episode_label, text);
    }
}
