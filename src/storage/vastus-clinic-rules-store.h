/* vastus-clinic-rules-store.h: the clinic's rules for its verdicts and safety flags
 * (sql/017-clinic-rules.sql), one set for every workstation and the command line
 *
 * A rule is named as in vastus-clinic-rules.h ("pain-flag-level", "maximal-test-weeks",
 * "stale-weeks", "retest-weeks", "default-criteria-set:CONDITION") and written as text: a whole
 * number for the first four, a criteria set's id for the last ("" for the built-in set).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic-rules.h"
#include "vastus-database.h"

G_BEGIN_DECLS

/* Every rule: the clinic's where it set one, the default for the others; ->stored says whether
 * it ever set any. */
VastusClinicRulebook *vastus_database_read_clinic_rules (VastusDatabase      *self,
                                                         GError             **error);
/* Sets the @n_rules rules @names to @values in one transaction: all or none. A name that is no
 * rule, a value outside its rule's limits or a criteria set the clinic does not have is refused
 * (VASTUS_STORE_ERROR_CONSTRAINT) naming the rule, the value and the limits. */
gboolean              vastus_database_set_clinic_rules  (VastusDatabase      *self,
                                                         guint                n_rules,
                                                         const char * const  *names,
                                                         const char * const  *values,
                                                         GError             **error);
/* The one-time move of rules a workstation kept in its own preferences: sets each of @names to
 * its value only where the clinic has none yet (the first workstation to move a rule sets it;
 * later ones keep the clinic's), leaving out a value the clinic cannot take (a criteria set it
 * does not have). *@n_adopted: how many were set. One transaction. */
gboolean              vastus_database_adopt_clinic_rules (VastusDatabase     *self,
                                                          guint               n_rules,
                                                          const char * const *names,
                                                          const char * const *values,
                                                          guint              *n_adopted,
                                                          GError            **error);
/* The limits of the numeric rule @name into @min and @max; FALSE for any other name. */
gboolean              vastus_clinic_rule_limits         (const char          *name,
                                                         int                 *min,
                                                         int                 *max);

G_END_DECLS
