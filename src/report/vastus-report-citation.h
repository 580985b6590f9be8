/* vastus-report-citation.h: a criteria set's sources, cited for print
 *
 * A built-in set's source field is a working note (shared-docs references, raw addresses, how
 * a threshold was read); on paper the surgeon gets the references themselves: authors, journal,
 * year, volume and first page. A clinic's copy of a built-in set cites the set it was copied
 * from; a set the clinic wrote itself is cited as the clinic wrote it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-criteria.h"

G_BEGIN_DECLS

/* The citation of @set's sources (translated for built-in sets), "" when it has none. Free
 * with g_free. */
char *vastus_report_citation   (const VastusCriteriaSet *set);
/* Where a clinic's copy of a built-in set comes from: "the clinic's copy of “Delaware-Oslo
 * return-to-sport criteria”, version 1"; NULL for a built-in set or one the clinic wrote. */
char *vastus_report_set_origin (const VastusCriteriaSet *set);

G_END_DECLS
