/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's paper: its names, sizes, and the one the locale uses.
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include <string.h>

#include "vastus-report-data.h"

const char *
vastus_paper_to_string (VastusPaper paper)
{
  return paper == VASTUS_PAPER_LETTER ? "letter" : "a4";
}

gboolean
vastus_paper_from_string (const char  *text,
                          VastusPaper *out)
{
  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *out = VASTUS_PAPER_A4;
  else if (g_strcmp0 (text, "letter") == 0 || g_strcmp0 (text, "Letter") == 0)
    *out = VASTUS_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
vastus_paper_get_size (VastusPaper  paper,
                       double      *width,
                       double      *height)
{
  if (paper == VASTUS_PAPER_LETTER)
    *width = 612.0, *height = 792.0;
  else
    *width = 595.28, *height = 841.89;
}

VastusPaper
vastus_paper_for_locale (void)
{
  /* The countries that use Letter (CLDR's paper size data). */
  static const char *const letter[] = { "_US", "_CA", "_MX", "_PH", "_CL", "_CO", "_VE", "_PR",
                                        "_GT", "_CR", "_SV", "_NI", "_PA", "_DO", NULL };
  const char *names[] = { "LC_ALL", "LC_PAPER", "LANG" };
  const char *locale = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names) && locale == NULL; i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        locale = value;
    }
  if (locale == NULL)
    return VASTUS_PAPER_A4;
  for (guint i = 0; letter[i] != NULL; i++)
    if (strstr (locale, letter[i]) != NULL)
      return VASTUS_PAPER_LETTER;
  return VASTUS_PAPER_A4;
}
