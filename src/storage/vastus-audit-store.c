/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-audit-store"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-database-private.h"

void
vastus_audit_entry_free (VastusAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->table_name);
  g_free (entry->operation);
  g_free (entry->old_json);
  g_free (entry->new_json);
  g_free (entry);
}

static GPtrArray *
read_entries (VastusDatabase *self,
              VastusStmt     *stmt,
              GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_audit_entry_free);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusAuditEntry *entry = g_new0 (VastusAuditEntry, 1);

      entry->id = _vastus_column_int64 (stmt, 0);
      entry->at = _vastus_column_text (stmt, 1);
      entry->actor = _vastus_column_text (stmt, 2);
      entry->table_name = _vastus_column_text (stmt, 3);
      entry->row_id = _vastus_column_int64 (stmt, 4);
      entry->operation = _vastus_column_text (stmt, 5);
      entry->old_json = _vastus_column_text (stmt, 6);
      entry->new_json = _vastus_column_text (stmt, 7);
      g_ptr_array_add (list, entry);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the audit log"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ?1 NULL: every table; ?2 NULL (row_id 0): every row. Each parameter's typed use comes first:
 * PostgreSQL types a parameter by where it first stands. */
static const char *list_audit_sql =
  "SELECT id, at, actor, table_name, row_id, operation, old_json, new_json FROM audit_log "
  "WHERE (table_name = ?1 OR ?1 IS NULL) AND (row_id = ?2 OR ?2 IS NULL) ORDER BY id";

static const char *list_audit_row_sql =
  "SELECT id, at, actor, table_name, row_id, operation, old_json, new_json FROM audit_log "
  "WHERE table_name = ?1 AND row_id = ?2 ORDER BY id";

GPtrArray *
vastus_database_list_audit (VastusDatabase *self,
                            const char     *table_name,
                            gint64          row_id,
                            GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The common case, one row's history, gets a statement the index serves directly. */
  stmt = _vastus_database_prepare (self, table_name != NULL && row_id != 0
                                         ? list_audit_row_sql : list_audit_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_text (stmt, 1, table_name);
  if (row_id != 0)
    _vastus_bind_int64 (stmt, 2, row_id);

  return read_entries (self, stmt, error);
}

static const char *list_visit_audit_sql =
  "SELECT id, at, actor, table_name, row_id, operation, old_json, new_json FROM audit_log "
  "WHERE table_name = 'measurement' "
  "  AND row_id IN (SELECT id FROM measurement WHERE visit_id = ?1) ORDER BY id";

GPtrArray *
vastus_database_list_visit_audit (VastusDatabase *self,
                                  gint64          visit_id,
                                  GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, list_visit_audit_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, visit_id);
  return read_entries (self, stmt, error);
}

/* Demo data, children first (the foreign keys do not cascade). The deletions are audited. */
#define DEMO_VISITS \
  "SELECT v.id FROM patient p JOIN episode e ON e.patient_id = p.id " \
  "JOIN visit v ON v.episode_id = e.id WHERE p.demo = 1"

/* Questionnaires (sql/007-questionnaires.sql): score links, answers, then the questionnaires. */
static const char *remove_demo_score_links_sql =
  "DELETE FROM questionnaire_score WHERE questionnaire_id IN ("
  "  SELECT id FROM questionnaire WHERE visit_id IN (" DEMO_VISITS "))";

static const char *remove_demo_answers_sql =
  "DELETE FROM questionnaire_answer WHERE questionnaire_id IN ("
  "  SELECT id FROM questionnaire WHERE visit_id IN (" DEMO_VISITS "))";

static const char *remove_demo_questionnaires_sql =
  "DELETE FROM questionnaire WHERE visit_id IN (" DEMO_VISITS ")";

static const char *remove_demo_measurements_sql =
  "DELETE FROM measurement WHERE visit_id IN ("
  "  SELECT v.id FROM patient p JOIN episode e ON e.patient_id = p.id "
  "  JOIN visit v ON v.episode_id = e.id WHERE p.demo = 1)";

/* Criteria evaluations (sql/002-criteria-sets.sql) reference episodes. */
static const char *remove_demo_evaluations_sql =
  "DELETE FROM evaluation WHERE episode_id IN ("
  "  SELECT e.id FROM patient p JOIN episode e ON e.patient_id = p.id WHERE p.demo = 1)";

static const char *remove_demo_visits_sql =
  "DELETE FROM visit WHERE episode_id IN ("
  "  SELECT e.id FROM patient p JOIN episode e ON e.patient_id = p.id WHERE p.demo = 1)";

static const char *remove_demo_episodes_sql =
  "DELETE FROM episode WHERE patient_id IN (SELECT id FROM patient WHERE demo = 1)";

static const char *remove_demo_patients_sql =
  "DELETE FROM patient WHERE demo = 1";

gboolean
vastus_database_remove_demo (VastusDatabase *self,
                             guint          *n_removed,
                             GError        **error)
{
  const char *steps[] = {
    remove_demo_score_links_sql,
    remove_demo_answers_sql,
    remove_demo_questionnaires_sql,
    remove_demo_measurements_sql,
    remove_demo_evaluations_sql,
    remove_demo_visits_sql,
    remove_demo_episodes_sql,
    remove_demo_patients_sql,
  };
  gboolean ok = TRUE;
  guint n = 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, steps[i], error);

      ok = stmt != NULL
           && _vastus_database_step_done (self, stmt, _("Could not remove the demo patients"), error);
      if (ok)
        n = (guint) _vastus_conn_changes (_vastus_database_get_conn (self));
    }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = n;
  return TRUE;
}
