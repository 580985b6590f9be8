/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-caseload-item.h"
#include "vastus-caseload-store.h"
#include "vastus-clinic-private.h"
#include "vastus-value.h"

/* The lead therapist's caseload, read on a reader thread in one pass (vastus-caseload-store.h). */

typedef struct
{
  GDate              as_of;
  VastusClinicRules  rules;
  guint              retest_weeks;
  GHashTable        *default_sets;
} CaseloadQuery;

static void
caseload_query_free (CaseloadQuery *query)
{
  g_clear_pointer (&query->default_sets, g_hash_table_unref);
  g_free (query);
}

static gpointer
list_caseload_func (VastusClinicJob  *job,
                    VastusDatabase   *db,
                    gpointer          data,
                    GCancellable     *cancellable,
                    GError          **error)
{
  CaseloadQuery *query = data;

  return vastus_database_list_caseload (db, &query->as_of, &query->rules, query->retest_weeks,
                                        query->default_sets, error);
}

void
vastus_clinic_list_caseload_async (VastusClinic            *self,
                                   const GDate             *as_of,
                                   const VastusClinicRules *rules,
                                   guint                    retest_weeks,
                                   GHashTable              *default_sets,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;
  CaseloadQuery *query;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (retest_weeks >= VASTUS_RETEST_WEEKS_MIN && retest_weeks <= VASTUS_RETEST_WEEKS_MAX);

  query = g_new0 (CaseloadQuery, 1);
  if (as_of != NULL)
    query->as_of = *as_of;
  else
    vastus_date_today (&query->as_of);
  query->rules = rules != NULL ? *rules : defaults;
  query->retest_weeks = retest_weeks;
  query->default_sets = default_sets != NULL ? g_hash_table_ref (default_sets) : NULL;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, list_caseload_func, query,
                      (GDestroyNotify) caseload_query_free, (GDestroyNotify) g_ptr_array_unref,
                      cancellable, vastus_clinic_list_caseload_async, callback, user_data);
}

GListModel *
vastus_clinic_list_caseload_finish (VastusClinic  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GListStore *store;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  rows = _vastus_clinic_finish (self, result, vastus_clinic_list_caseload_async, error);
  if (rows == NULL)
    return NULL;
  store = g_list_store_new (VASTUS_TYPE_CASELOAD_ITEM);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(VastusCaseloadItem) item = vastus_caseload_item_new (g_steal_pointer (&rows->pdata[i]));

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}
