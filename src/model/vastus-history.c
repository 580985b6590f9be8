/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-history.h"

VastusHistory *
vastus_history_new (VastusPatient *patient,
                    VastusEpisode *episode)
{
  VastusHistory *self;

  g_return_val_if_fail (patient != NULL && episode != NULL, NULL);
  self = g_new0 (VastusHistory, 1);
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

/* @code is interned, as every measurement's code is: equal codes are one address. */
static gboolean
trial_matches (const VastusMeasurement *m,
               const char              *code,
               VastusSide               side,
               VastusTrials             trials)
{
  return m->measure == code && m->side == side && !isnan (m->value) &&
         (trials == VASTUS_TRIALS_ALL || m->baseline);
}

/* The matching trials of a visit in trial-number order (equal numbers keep their order). A
 * visit holds a handful, which fit on the stack; any number more goes to the heap: none is ever
 * left out. */
typedef struct
{
  const VastusMeasurement **items;
  guint                     n;
  guint                     size;
  const VastusMeasurement  *stack[16];
} Trials;

static void
trials_clear (Trials *t)
{
  if (t->items != t->stack)
    g_free (t->items);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Trials, trials_clear)

static void
trials_insert (Trials                  *t,
               const VastusMeasurement *m)
{
  guint j;

  if (t->items == NULL)
    {
      t->items = t->stack;
      t->size = G_N_ELEMENTS (t->stack);
    }
  if (t->n == t->size)
    {
      const VastusMeasurement **bigger = g_new (const VastusMeasurement *, t->size * 2);

      memcpy (bigger, t->items, t->n * sizeof *bigger);
      trials_clear (t);
      t->items = bigger;
      t->size *= 2;
    }
  for (j = t->n; j > 0 && t->items[j - 1]->trial > m->trial; j--)
    t->items[j] = t->items[j - 1];
  t->items[j] = m;
  t->n++;
}

/* The address @code has among the measurements' codes (interned, vastus-record.c). */
static const char *
interned_code (const char *code)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);

  return measure != NULL ? vastus_measure_get_interned_code (measure) : g_intern_string (code);
}

/* @code: interned. */
static void
collect_trials (const VastusVisit *visit,
                const char        *code,
                VastusSide         side,
                VastusTrials       trials,
                Trials            *out)
{
  for (guint i = 0; visit->measurements != NULL && i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (trial_matches (m, code, side, trials))
        trials_insert (out, m);
    }
}

/* The found trials' values combined per the catalog; with @torque, value × lever arm of those
 * that have a lever arm. */
static double
combine_trials (const VastusMeasure *measure,
                const Trials        *found,
                gboolean             torque)
{
  double stack[G_N_ELEMENTS (found->stack)];
  g_autofree double *heap = NULL;
  double *values = found->n <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (double, found->n));
  guint k = 0;

  for (guint i = 0; i < found->n; i++)
    {
      const VastusMeasurement *m = found->items[i];

      if (!torque)
        values[k++] = m->value;
      else if (!isnan (m->lever_arm_m) && m->lever_arm_m > 0)
        values[k++] = m->value * m->lever_arm_m;
    }
  return vastus_measure_combine (measure, values, k);
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
  g_auto(Trials) found = { 0 };

  collect_trials (visit, vastus_measure_get_interned_code (measure), side, trials, &found);
  return combine_trials (measure, &found, FALSE);
}

const VastusMeasurement *
vastus_visit_first_trial (const VastusVisit *visit,
                          const char        *code,
                          VastusSide         side)
{
  g_auto(Trials) found = { 0 };

  collect_trials (visit, interned_code (code), side, VASTUS_TRIALS_ALL, &found);
  return found.n > 0 ? found.items[0] : NULL;
}

double
vastus_visit_combined_torque (const VastusVisit *visit,
                              const char        *code,
                              VastusSide         side)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);
  g_auto(Trials) found = { 0 };

  if (measure == NULL)
    return NAN;
  collect_trials (visit, vastus_measure_get_interned_code (measure), side, VASTUS_TRIALS_ALL,
                  &found);
  return combine_trials (measure, &found, TRUE);
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
