/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * De-identified reports: the therapist's text without the patient's name, MRN or dates.
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-report-data-private.h"

/* A safety net for de-identified reports: the therapist's text loses the patient's name (each
 * word of it), the MRN and anything that looks like a calendar date. */
char *
_vastus_report_redact (const char          *text,
                       const VastusPatient *patient)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autofree char *given_family = vastus_patient_format_name (patient, VASTUS_NAME_ORDER_GIVEN_FAMILY);
  g_autofree char *family_given = vastus_patient_format_name (patient, VASTUS_NAME_ORDER_FAMILY_GIVEN);
  const char *wholes[] = { family_given, given_family, patient->name };
  g_autofree char *all = g_strjoin (" ", given_family, patient->name != NULL ? patient->name : "", NULL);
  g_auto(GStrv) words = g_regex_split_simple ("\\W+", all, 0, 0);
  g_autoptr(GRegex) identifiers = NULL;
  g_autoptr(GRegex) dates = NULL;
  g_autofree char *step = NULL;

  /* Longest first: the whole name (either way round, and as once written), the MRN, then each
   * word of it. */
  for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
    if (wholes[i] != NULL && *wholes[i] != '\0')
      {
        g_autofree char *escaped = g_regex_escape_string (wholes[i], -1);

        g_string_append_printf (pattern, "%s%s", pattern->len > 0 ? "|" : "", escaped);
      }
  if (patient->mrn != NULL)
    {
      g_autofree char *escaped = g_regex_escape_string (patient->mrn, -1);

      g_string_append_printf (pattern, "%s%s", pattern->len > 0 ? "|" : "", escaped);
    }
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 2)
      {
        g_autofree char *escaped = g_regex_escape_string (words[i], -1);

        g_string_append_printf (pattern, "%s\\b%s\\b", pattern->len > 0 ? "|" : "", escaped);
      }
  step = g_strdup (text);
  if (pattern->len > 0)
    {
      identifiers = g_regex_new (pattern->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      if (identifiers != NULL)
        {
          /* Translators: what replaces a name or identifier in a de-identified report's
           * assessment */
          char *replaced = g_regex_replace_literal (identifiers, step, -1, 0, _("[redacted]"), 0, NULL);

          if (replaced != NULL)
            {
              g_free (step);
              step = replaced;
            }
        }
    }
  dates = g_regex_new ("\\b(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})\\b", 0, 0, NULL);
  if (dates != NULL)
    {
      /* Translators: what replaces a date in a de-identified report's assessment */
      char *replaced = g_regex_replace_literal (dates, step, -1, 0, _("[date]"), 0, NULL);

      if (replaced != NULL)
        {
          g_free (step);
          step = replaced;
        }
    }
  return g_steal_pointer (&step);
}
