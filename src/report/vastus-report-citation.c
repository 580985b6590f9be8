/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-report-citation.h"

/* The references behind each built-in set (clinical-reference.md §3), as a reader looks them
 * up: authors, journal, year;volume:first page. */
static const struct
{
  const char *id;
  const char *citation;
} builtin[] = {
  { "aclr-late-phase",
    N_("University of Delaware, Rehabilitation after ACL reconstruction: practice guidelines "
       "(milestones before running and gym progression).") },
  { "aclr-return-to-running",
    N_("Rambaud et al., Br J Sports Med 2018;52:1437 (scoping review of return-to-running "
       "criteria).") },
  { "aclr-return-to-sport",
    N_("Grindem et al., Br J Sports Med 2016;50:804. Adams et al., J Orthop Sports Phys Ther "
       "2012;42:601 (table 5). Grindem et al., Br J Sports Med 2020;54:1099.") },
  { "aclr-gokeler",
    N_("Gokeler et al., Knee Surg Sports Traumatol Arthrosc 2017;25:192. Welling et al., Knee "
       "Surg Sports Traumatol Arthrosc 2018.") },
  { "pfp-return-to-activity",
    N_("A suggested set, not a validated battery: Willy et al., J Orthop Sports Phys Ther "
       "2019;49:CPG1 (clinical practice guideline); treatment success as a rise in the AKPS of "
       "8 points or more, J Athl Train 2018;53:545.") },
  { "tka-milestones",
    N_("Ebert et al., Arch Phys Med Rehabil 2014;95:1135. APTA clinical practice guideline for "
       "total knee arthroplasty.") },
};

static const char *
builtin_citation (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (builtin); i++)
    if (g_str_equal (builtin[i].id, id))
      return _(builtin[i].citation);
  return NULL;
}

char *
vastus_report_citation (const VastusCriteriaSet *set)
{
  const char *citation;

  g_return_val_if_fail (set != NULL, NULL);

  citation = builtin_citation (set->id);
  if (citation == NULL && set->based_on != NULL)
    {
      /* "aclr-return-to-sport@1": the set it was copied from. */
      g_autofree char *from = g_strndup (set->based_on, strcspn (set->based_on, "@"));

      citation = builtin_citation (from);
    }
  if (citation != NULL)
    return g_strdup (citation);
  return g_strdup (vastus_criteria_set_text (set, set->source));
}

char *
vastus_report_set_origin (const VastusCriteriaSet *set)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(VastusCriteriaSet) original = NULL;
  guint64 version = 0;

  if (set->builtin || set->based_on == NULL)
    return NULL;
  parts = g_strsplit (set->based_on, "@", 2);
  original = vastus_criteria_builtin_lookup (parts[0]);
  if (original == NULL)
    return NULL;
  if (parts[1] != NULL)
    g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &version, NULL);
  if (version == 0)
    /* Translators: where a clinic's criteria set comes from, %s is a built-in set's title */
    return g_strdup_printf (_("the clinic’s copy of “%s”"), _(original->title));
  /* Translators: where a clinic's criteria set comes from: a built-in set's title, its version */
  return g_strdup_printf (_("the clinic’s copy of “%s”, version %u"), _(original->title),
                          (guint) version);
}
