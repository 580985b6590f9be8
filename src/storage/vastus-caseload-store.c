/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-caseload-store"

#include "config.h"

#include "vastus-caseload-store.h"
#include "vastus-criteria-store.h"
#include "vastus-database-private.h"

/* The latest version of set @id, read once per call: NULL when the episode names a set that is
 * not there (then it is shown without criteria rather than failing the whole list). */
static const VastusCriteriaSet *
set_in_force (VastusDatabase  *self,
              GHashTable      *sets,
              const char      *id,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  VastusCriteriaSet *set;

  if (id == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (sets, id, NULL, (gpointer *) &set))
    return set;
  set = vastus_database_get_criteria_set (self, id, 0, &local_error);
  if (set == NULL && !g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_insert (sets, g_strdup (id), set);
  return set;
}

/* Every row's set, into *@row_sets (one per history), read on the connection's thread before
 * any row is made: a set that cannot be read fails the list with nothing built. */
static gboolean
read_row_sets (VastusDatabase            *self,
               GPtrArray                 *histories,
               GHashTable                *default_sets,
               GHashTable                *sets,
               const VastusCriteriaSet ***row_sets,
               GError                   **error)
{
  *row_sets = g_new0 (const VastusCriteriaSet *, MAX (histories->len, 1));
  for (guint i = 0; i < histories->len; i++)
    {
      const VastusHistory *history = g_ptr_array_index (histories, i);
      const char *condition = vastus_condition_to_string (history->episode->condition);
      const char *id = history->episode->criteria_set;
      g_autoptr(GError) local_error = NULL;

      if (id == NULL && default_sets != NULL)
        id = g_hash_table_lookup (default_sets, condition);
      if (id == NULL)
        id = vastus_criteria_default_for (history->episode->condition);
      (*row_sets)[i] = set_in_force (self, sets, id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
vastus_database_list_caseload (VastusDatabase          *self,
                               const GDate             *as_of,
                               const VastusClinicRules *rules,
                               guint                    retest_weeks,
                               GHashTable              *default_sets,
                               GError                 **error)
{
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) vastus_criteria_set_free);
  g_autoptr(GPtrArray) histories = NULL;
  g_autofree const VastusCriteriaSet **row_sets = NULL;
  gboolean owned, ok = FALSE;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The sets from the histories' snapshot too (vastus_database_load_current_histories). */
  if (!_vastus_database_read_begin (self, &owned, error))
    return NULL;
  histories = vastus_database_load_current_histories (self, FALSE, error);
  if (histories != NULL)
    ok = read_row_sets (self, histories, default_sets, sets, &row_sets, error);
  _vastus_database_read_end (self, owned);
  if (histories == NULL || !ok)
    return NULL;
  /* The evaluations need no database: on a thread a processor (the list's order and words are
   * those of one thread, vastus_caseload_rows_new). The histories are freed here afterwards, on
   * the thread that read them: a chunk freed on another thread goes back to this one's heap under
   * its lock, and 10,000 histories (a million measurements) freed by the row threads took them
   * longer than their evaluations (0.2 against 0.1 s, bench-evaluate). */
  return vastus_caseload_rows_new (histories, row_sets, as_of, rules, retest_weeks, 0);
}
