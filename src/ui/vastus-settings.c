/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-settings"

#include "config.h"

#include "vastus-settings.h"

void
vastus_settings_get_clinic_rules (GSettings         *settings,
                                  VastusClinicRules *out)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;

  *out = defaults;
  if (settings == NULL)
    return;
  out->pain_limit = g_settings_get_int (settings, "pain-flag-level");
  out->maximal_test_weeks = g_settings_get_int (settings, "maximal-test-weeks");
  out->max_age_weeks = g_settings_get_int (settings, "stale-weeks");
}
