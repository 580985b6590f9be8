/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-history"

#include "config.h"

#include <math.h>

#include "vastus-history.h"

#define MAX_TRIALS 64

VastusHistory *
vastus_history_new (VastusPatient *patient,
                    VastusEpisode *episode)
{
  VastusHistory *self = g_new0 (VastusHistory, 1);

  g_return_val_if_fail (patient != NULL && episode != NULL, NULL);
  self->patient = patient;
  self->episode = episode;
  self->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  return self;
}

void
vastus_history_free (VastusHistory *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episode, vastus_episode_free);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  g_free (self);
}

void
vastus_history_add_visit (VastusHistory *self,
                          VastusVisit   *visit)
{
  guint i;

  g_return_if_fail (self != NULL && visit != NULL);
  /* Insert after every visit dated on or before it: appending in date order stays O(1). */
  for (i = self->visits->len; i > 0; i--)
    {
      const VastusVisit *before = g_ptr_array_index (self->visits, i - 1);

      if (!g_date_valid (&visit->date) || !g_date_valid (&before->date) ||
          g_date_compare (&before->date, &visit->date) <= 0)
        break;
    }
  g_ptr_array_insert (self->visits, (int) i, visit);
}

guint
vastus_history_get_n_visits (const VastusHistory *self)
{
  return self->visits->len;
}

const VastusVisit *
vastus_history_get_visit (const VastusHistory *self,
                          guint                index)
{
  g_return_val_if_fail (index < self->visits->len, NULL);
  return g_ptr_array_index (self->visits, index);
}

guint
vastus_history_count_until (const VastusHistory *self,
                            const GDate         *as_of)
{
  guint n = 0;

  for (guint i = 0; i < self->visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (self->visits, i);

      if (as_of != NULL && g_date_valid (&visit->date) &&
          g_date_compare (&visit->date, as_of) > 0)
        break;
      n = i + 1;
    }
  return n;
}

static gboolean
trial_matches (const VastusMeasurement *m,
               const char              *code,
               VastusSide               side,
               VastusTrials             trials)
{
  return m->side == side && !isnan (m->value) && g_str_equal (m->measure, code) &&
         (trials == VASTUS_TRIALS_ALL || m->baseline);
}

/* Collects the matching trials ordered by trial number (insertion sort: a handful at most). */
static guint
collect_trials (const VastusVisit        *visit,
                const char               *code,
                VastusSide                side,
                VastusTrials              trials,
                const VastusMeasurement **out)
{
  guint n = 0;

  if (visit->measurements == NULL)
    return 0;
  for (guint i = 0; i < visit->measurements->len && n < MAX_TRIALS; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      guint j;

      if (!trial_matches (m, code, side, trials))
        continue;
      for (j = n; j > 0 && out[j - 1]->trial > m->trial; j--)
        out[j] = out[j - 1];
      out[j] = m;
      n++;
    }
  return n;
}

const VastusMeasure *
vastus_history_lookup_measure (const char *code)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
        {
          const VastusMeasure *m = vastus_catalog_get_nth (i);

          g_hash_table_insert (t, (gpointer) m->code, (gpointer) m);
        }
      g_once_init_leave (&table, t);
    }
  return code != NULL ? g_hash_table_lookup (table, code) : NULL;
}

double
vastus_visit_combined (const VastusVisit *visit,
                       const char        *code,
                       VastusSide         side,
                       VastusTrials       trials)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);

  if (measure == NULL)
    return NAN;
  return vastus_visit_combined_measure (visit, measure, side, trials);
}

double
vastus_visit_combined_measure (const VastusVisit   *visit,
                               const VastusMeasure *measure,
                               VastusSide           side,
                               VastusTrials         trials)
{
  const VastusMeasurement *found[MAX_TRIALS];
  double values[MAX_TRIALS];
  guint n;

  n = collect_trials (visit, measure->code, side, trials, found);
  for (guint i = 0; i < n; i++)
    values[i] = found[i]->value;
  return vastus_measure_combine (measure, values, n);
}

const VastusMeasurement *
vastus_visit_first_trial (const VastusVisit *visit,
                          const char        *code,
                          VastusSide         side)
{
  const VastusMeasurement *found[MAX_TRIALS];

  if (collect_trials (visit, code, side, VASTUS_TRIALS_ALL, found) == 0)
    return NULL;
  return found[0];
}

double
vastus_visit_combined_torque (const VastusVisit *visit,
                              const char        *code,
                              VastusSide         side)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);
  const VastusMeasurement *found[MAX_TRIALS];
  double values[MAX_TRIALS];
  guint n, k = 0;

  if (measure == NULL)
    return NAN;
  n = collect_trials (visit, code, side, VASTUS_TRIALS_ALL, found);
  for (guint i = 0; i < n; i++)
    if (!isnan (found[i]->lever_arm_m) && found[i]->lever_arm_m > 0)
      values[k++] = found[i]->value * found[i]->lever_arm_m;
  return vastus_measure_combine (measure, values, k);
}

VastusSide
vastus_history_involved_side (const VastusHistory *self)
{
  VastusSide side = self->episode->involved_side;

  return side == VASTUS_SIDE_LEFT || side == VASTUS_SIDE_RIGHT ? side : VASTUS_SIDE_NONE;
}

VastusSide
vastus_history_uninvolved_side (const VastusHistory *self)
{
  switch (vastus_history_involved_side (self))
    {
    case VASTUS_SIDE_LEFT: return VASTUS_SIDE_RIGHT;
    case VASTUS_SIDE_RIGHT: return VASTUS_SIDE_LEFT;
    default: return VASTUS_SIDE_NONE;
    }
}

double
vastus_history_baseline (const VastusHistory *self,
                         const char          *code,
                         VastusSide           side,
                         const GDate         *on,
                         GDate               *out_date)
{
  guint n = on != NULL ? vastus_history_count_until (self, on) : self->visits->len;
  const VastusMeasure *measure = vastus_history_lookup_measure (code);

  if (measure == NULL)
    return NAN;
  for (guint i = n; i > 0; i--)
    {
      const VastusVisit *visit = g_ptr_array_index (self->visits, i - 1);
      double value = vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_BASELINE);

      if (!isnan (value))
        {
          if (out_date != NULL)
            *out_date = visit->date;
          return value;
        }
    }
  return NAN;
}

double
vastus_history_height_cm (const VastusHistory *self,
                          guint                visit_index)
{
  g_return_val_if_fail (visit_index < self->visits->len, NAN);

  for (guint i = visit_index + 1; i > 0; i--)
    {
      const VastusVisit *visit = g_ptr_array_index (self->visits, i - 1);

      if (!isnan (visit->height_cm) && visit->height_cm > 0)
        return visit->height_cm;
    }
  for (guint i = visit_index + 1; i < self->visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (self->visits, i);

      if (!isnan (visit->height_cm) && visit->height_cm > 0)
        return visit->height_cm;
    }
  return NAN;
}
