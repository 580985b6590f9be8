/* vastus-visit-compare.h: two versions of one visit, side by side
 *
 * When someone else saved a visit while it was open in an editor, the editor shows their version
 * beside what was typed: every field and value that differs, in the form's order (the visit's
 * fields, the findings, then the values in catalog order, side and trial), as the form shows
 * them. A value's test conditions count as part of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-record.h"

G_BEGIN_DECLS

typedef struct
{
  char *what;     /* "Date", "Quadriceps strength (HHD), Left, trial 2" (translated) */
  char *theirs;   /* as displayed; "—" when their version has none */
  char *mine;     /* the same for the version typed */
} VastusVisitDifference;

void       vastus_visit_difference_free (VastusVisitDifference *self);

/* What differs between @theirs and @mine (of VastusVisitDifference*; empty when nothing does). */
GPtrArray *vastus_visit_compare          (const VastusVisit *theirs,
                                          const VastusVisit *mine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusVisitDifference, vastus_visit_difference_free)

G_END_DECLS
