/* vastus-caseload-store.h: the lead therapist's caseload, read in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-caseload.h"
#include "vastus-database.h"

G_BEGIN_DECLS

/* A row (vastus-caseload.h) for every active (not archived) patient with a live episode of care:
 * its most recent episode, against the latest version of the set in force (the episode's own,
 * else the clinic's default for its condition in @default_sets, condition code → set id, may be
 * NULL, else the built-in default), as of @as_of, with the clinic's @rules (NULL: the defaults) and
 * re-test interval. Ordered by MRN. Read with the bulk loader
 * (vastus_database_load_current_histories: four queries, whatever the number of patients), each
 * set read once, all from one snapshot. Of VastusCaseloadRow*. */
GPtrArray *vastus_database_list_caseload (VastusDatabase          *self,
                                          const GDate             *as_of,
                                          const VastusClinicRules *rules,
                                          guint                    retest_weeks,
                                          GHashTable              *default_sets,
                                          GError                 **error);

G_END_DECLS
