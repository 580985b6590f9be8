/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-caseload"

#include "config.h"

#include <math.h>

#include "vastus-caseload.h"
#include "vastus-display.h"
#include "vastus-i18n.h"
#include "vastus-evaluation.h"
#include "vastus-name.h"
#include "vastus-value.h"

gboolean
vastus_caseload_is_due (const GDate *last_visit,
                        const GDate *as_of,
                        guint        retest_weeks)
{
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);

  if (last_visit == NULL || !g_date_valid (last_visit))
    return TRUE;
  return g_date_days_between (last_visit, as_of) >= (gint) retest_weeks * 7;
}

VastusCaseloadRow *
vastus_caseload_row_new (const VastusHistory     *history,
                         const VastusCriteriaSet *set,
                         const GDate             *as_of,
                         const VastusClinicRules *rules,
                         guint                    retest_weeks)
{
  VastusCaseloadRow *self;
  g_autoptr(VastusCriteriaSet) none = NULL;
  g_autoptr(VastusEvaluation) ev = NULL;
  g_autoptr(GStrvBuilder) flags = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) briefs = g_strv_builder_new ();
  guint n_visits;

  g_return_val_if_fail (history != NULL && as_of != NULL, NULL);

  /* Without a set the evaluation still says what holds (the flags and the surgeon's
   * restriction), with no criteria. */
  if (set == NULL)
    set = none = vastus_criteria_set_new ();
  /* The set is the list's, the same for many rows and unchanged while they are made. */
  ev = vastus_evaluate_borrowing (history, set, as_of, rules);

  self = g_new0 (VastusCaseloadRow, 1);
  self->patient_id = history->patient->id;
  self->episode_id = history->episode->id;
  self->mrn = g_strdup (history->patient->mrn);
  self->name = vastus_patient_format_name (history->patient, VASTUS_NAME_ORDER_GIVEN_FAMILY);
  self->treating_therapist = g_strdup (history->episode->treating_therapist);
  self->condition = history->episode->condition;
  self->involved_side = history->episode->involved_side;
  self->weeks_since = ev->weeks_since_surgery;
  g_date_clear (&self->last_visit, 1);
  n_visits = vastus_history_count_until (history, as_of);
  if (n_visits > 0)
    self->last_visit = vastus_history_get_visit (history, n_visits - 1)->date;
  self->criteria_set = none == NULL ? g_strdup (set->id) : NULL;
  self->n_criteria = ev->results->len;
  self->met = ev->met;
  for (guint i = 0; i < ev->holds->len; i++)
    {
      const VastusSafetyFlag *flag = g_ptr_array_index (ev->holds, i);

      g_strv_builder_add (flags, flag->code);
      g_strv_builder_add (briefs, flag->brief != NULL ? flag->brief : flag->code);
    }
  self->flags = g_strv_builder_end (flags);
  self->flag_briefs = g_strv_builder_end (briefs);
  self->due = vastus_caseload_is_due (&self->last_visit, as_of, retest_weeks);
  return self;
}

/* One thread's part of vastus_caseload_rows_new (): histories [start, end). */
typedef struct
{
  GPtrArray                       *histories;
  const VastusCriteriaSet * const *sets;
  GPtrArray                       *rows;
  const GDate                     *as_of;
  const VastusClinicRules         *rules;
  guint                            retest_weeks;
  guint                            start, end;
  gconstpointer                    language;     /* the caller's (vastus_i18n_get_pushed) */
  gconstpointer                    conventions;  /* the caller's (vastus_display_get_pushed) */
} Part;

static void
make_rows (Part *part)
{
  for (guint i = part->start; i < part->end; i++)
    part->rows->pdata[i] = vastus_caseload_row_new (g_ptr_array_index (part->histories, i),
                                                    part->sets[i], part->as_of, part->rules,
                                                    part->retest_weeks);
}

/* Another thread's part: in the caller's language and conventions, as long as it works. */
static gpointer
make_rows_thread (gpointer data)
{
  Part *part = data;

  if (part->language != NULL)
    vastus_i18n_push_same (part->language);
  if (part->conventions != NULL)
    vastus_display_push_same (part->conventions);
  make_rows (part);
  if (part->conventions != NULL)
    vastus_display_pop ();
  if (part->language != NULL)
    vastus_i18n_pop_language ();
  return NULL;
}

GPtrArray *
vastus_caseload_rows_new (GPtrArray                       *histories,
                          const VastusCriteriaSet * const *sets,
                          const GDate                     *as_of,
                          const VastusClinicRules         *rules,
                          guint                            retest_weeks,
                          guint                            n_threads)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree Part *parts = NULL;
  g_autofree GThread **threads = NULL;

  g_return_val_if_fail (histories != NULL && (sets != NULL || histories->len == 0), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if (n_threads == 0)
    n_threads = CLAMP (histories->len / VASTUS_CASELOAD_THREAD_MIN, 1,
                       MIN (g_get_num_processors (), VASTUS_CASELOAD_MAX_THREADS));
  n_threads = CLAMP (n_threads, 1, MAX (histories->len, 1));
  rows = g_ptr_array_new_full (histories->len, (GDestroyNotify) vastus_caseload_row_free);
  g_ptr_array_set_size (rows, histories->len);
  parts = g_new (Part, n_threads);
  threads = g_new0 (GThread *, n_threads);
  /* Contiguous parts of (nearly) equal size: each thread writes its own rows' places only. */
  for (guint t = 0; t < n_threads; t++)
    parts[t] = (Part) {
      histories, sets, rows, as_of, rules, retest_weeks,
      (guint) ((guint64) histories->len * t / n_threads),
      (guint) ((guint64) histories->len * (t + 1) / n_threads),
      vastus_i18n_get_pushed (), vastus_display_get_pushed (),
    };
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_try_new ("vastus-caseload", make_rows_thread, &parts[t], NULL);
  make_rows (&parts[0]);
  /* A part whose thread could not start (the system's limit of threads) is the caller's. */
  for (guint t = 1; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);
    else
      make_rows (&parts[t]);
  return g_steal_pointer (&rows);
}

VastusCaseloadRow *
vastus_caseload_row_copy (const VastusCaseloadRow *self)
{
  VastusCaseloadRow *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->mrn = g_strdup (self->mrn);
  copy->name = g_strdup (self->name);
  copy->treating_therapist = g_strdup (self->treating_therapist);
  copy->criteria_set = g_strdup (self->criteria_set);
  copy->flags = g_strdupv (self->flags);
  copy->flag_briefs = g_strdupv (self->flag_briefs);
  return copy;
}

void
vastus_caseload_row_free (VastusCaseloadRow *self)
{
  if (self == NULL)
    return;
  g_free (self->mrn);
  g_free (self->name);
  g_free (self->treating_therapist);
  g_free (self->criteria_set);
  g_strfreev (self->flags);
  g_strfreev (self->flag_briefs);
  g_free (self);
}
