/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic-rules"

#include "config.h"

#include "vastus-caseload.h"
#include "vastus-clinic-rules.h"

G_DEFINE_BOXED_TYPE (VastusClinicRulebook, vastus_clinic_rulebook, vastus_clinic_rulebook_copy,
                     vastus_clinic_rulebook_free)

VastusClinicRulebook *
vastus_clinic_rulebook_new (void)
{
  VastusClinicRulebook *self = g_new0 (VastusClinicRulebook, 1);
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;

  self->rules = defaults;
  self->retest_weeks = VASTUS_RETEST_WEEKS_DEFAULT;
  return self;
}

VastusClinicRulebook *
vastus_clinic_rulebook_copy (const VastusClinicRulebook *self)
{
  VastusClinicRulebook *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  for (guint i = 0; i < VASTUS_N_CONDITIONS; i++)
    copy->default_sets[i] = g_strdup (self->default_sets[i]);
  return copy;
}

void
vastus_clinic_rulebook_free (VastusClinicRulebook *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < VASTUS_N_CONDITIONS; i++)
    g_free (self->default_sets[i]);
  g_free (self);
}

gboolean
vastus_clinic_rulebook_equal (const VastusClinicRulebook *a,
                              const VastusClinicRulebook *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->rules.pain_limit != b->rules.pain_limit
      || a->rules.maximal_test_weeks != b->rules.maximal_test_weeks
      || a->rules.max_age_weeks != b->rules.max_age_weeks
      || a->retest_weeks != b->retest_weeks || a->stored != b->stored)
    return FALSE;
  for (guint i = 0; i < VASTUS_N_CONDITIONS; i++)
    if (g_strcmp0 (a->default_sets[i], b->default_sets[i]) != 0)
      return FALSE;
  return TRUE;
}

const char *
vastus_clinic_rulebook_default_set (const VastusClinicRulebook *self,
                                    VastusCondition             condition)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) condition < VASTUS_N_CONDITIONS, NULL);

  if (self->default_sets[condition] == NULL || self->default_sets[condition][0] == '\0')
    return NULL;
  return self->default_sets[condition];
}
