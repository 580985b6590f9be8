/* vastus-settings.h: the clinic's preferences (GSettings) as the clinical model takes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic-rules.h"
#include "vastus-criteria.h"
#include "vastus-record.h"
#include "vastus-report-data.h"
#include "vastus-name.h"

G_BEGIN_DECLS

/* "pain-flag-level", "maximal-test-weeks" and "stale-weeks" into @out; the defaults of
 * vastus-clinic-rules.h when @settings is NULL (no schema installed). */
void vastus_settings_get_clinic_rules (GSettings         *settings,
                                       VastusClinicRules *out);

/* "name-order"; given names first when @settings is NULL. */
VastusNameOrder vastus_settings_get_name_order (GSettings *settings);

/* "paper-size" when the user set one, else the locale's. */
VastusPaper     vastus_settings_get_paper      (GSettings *settings);

/* "fhir-identifier-system" as set, not checked; the default without it. */
char           *vastus_settings_get_fhir_system (GSettings *settings);

/* The criteria set @episode is evaluated against, unless one is chosen for the view: its own,
 * else the clinic's default for its condition ("default-criteria-sets", when @sets, the clinic's
 * list of VastusCriteriaSetItem, has it), else the built-in one for the condition. */
char           *vastus_settings_get_criteria_set (GSettings           *settings,
                                                  const VastusEpisode *episode,
                                                  GListModel          *sets);

G_END_DECLS
