/* vastus-record-compare.h: two versions of one record, side by side
 *
 * When someone else saved a record while it was open in an editor, the editor shows their
 * version beside what was typed: every field that differs, in the form's order, as the form
 * shows it. For a visit: its fields, the findings, then the values in catalog order, side and
 * trial, a value's test conditions counting as part of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-criteria.h"
#include "vastus-record.h"

G_BEGIN_DECLS

typedef struct
{
  char *what;     /* "Date", "Quadriceps strength (HHD), Left, trial 2" (translated) */
  char *theirs;   /* as displayed; "—" when their version has none */
  char *mine;     /* the same for the version typed */
} VastusDifference;

void       vastus_difference_free (VastusDifference *self);

/* What differs between @theirs and @mine (of VastusDifference*; empty when nothing does). */
GPtrArray *vastus_visit_compare          (const VastusVisit   *theirs,
                                          const VastusVisit   *mine);
GPtrArray *vastus_patient_compare        (const VastusPatient *theirs,
                                          const VastusPatient *mine);
GPtrArray *vastus_episode_compare        (const VastusEpisode *theirs,
                                          const VastusEpisode *mine);
/* A clinic's criteria set: its title, then each criterion by id (its label, and what it
 * requires as the set's editor shows it: "≥ 90 %"; "—" where a version has no such
 * criterion). Where both versions have it with different requirements, the label says so
 * ("LABEL (the two versions’ thresholds differ)"), or, relabelled too, each version's
 * requirement comes after its own label ("LABEL: ≥ 90 %"), under "THEIR LABEL / MY LABEL". */
GPtrArray *vastus_criteria_set_compare   (const VastusCriteriaSet *theirs,
                                          const VastusCriteriaSet *mine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusDifference, vastus_difference_free)

G_END_DECLS
