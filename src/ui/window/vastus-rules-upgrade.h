/* vastus-rules-upgrade.h: the one-time move of the clinic's rules out of this computer's
 * preferences
 *
 * Before the clinic kept its rules in its database, each computer kept them in its GSettings
 * ("pain-flag-level", "maximal-test-weeks", "stale-weeks", "retest-weeks",
 * "default-criteria-sets"). Once the clinic is open, a value this computer had changed there is
 * written into the clinic, but only for a rule the clinic has no value for yet: with several
 * workstations, the first to start moves its values and the others keep the clinic's. Each key
 * moved (or found already set in the clinic) is then reset, so that nothing is moved twice;
 * the keys are deprecated and read nowhere else. A clinic opened read-only is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

/* Starts the move; @done (may be NULL) is called on the main context when it ended, with the
 * number of rules written into the clinic (0 when there was nothing to move or it failed: a
 * failure is logged and the keys kept, to try again at the next start). @settings may be NULL. */
void vastus_rules_upgrade_start (VastusClinic *clinic,
                                 GSettings    *settings,
                                 void        (*done) (guint    n_adopted,
                                                      gpointer user_data),
                                 gpointer      user_data);

G_END_DECLS
