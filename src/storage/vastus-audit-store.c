/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-audit-store"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-database-private.h"

/* Problems of one kind listed in full before the rest are only counted. */
#define MAX_CHAIN_PROBLEMS 10

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
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VastusAuditEntry *entry = g_new0 (VastusAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = _vastus_column_text (stmt, 1);
      entry->actor = _vastus_column_text (stmt, 2);
      entry->table_name = _vastus_column_text (stmt, 3);
      entry->row_id = sqlite3_column_int64 (stmt, 4);
      entry->operation = _vastus_column_text (stmt, 5);
      entry->old_json = _vastus_column_text (stmt, 6);
      entry->new_json = _vastus_column_text (stmt, 7);
      g_ptr_array_add (list, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the audit log"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ?1 NULL: every table; ?2 NULL (row_id 0): every row. */
static const char *list_audit_sql =
  "SELECT id, at, actor, table_name, row_id, operation, old_json, new_json FROM audit_log "
  "WHERE (?1 IS NULL OR table_name = ?1) AND (?2 IS NULL OR row_id = ?2) ORDER BY id";

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
    sqlite3_bind_int64 (stmt, 2, row_id);

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
  sqlite3_bind_int64 (stmt, 1, visit_id);
  return read_entries (self, stmt, error);
}

/* The chain of seals (sql/009-tamper-evident-audit.sql) */

static void
hash_text (GChecksum  *sum,
           const char *text,
           gsize       length)
{
  guint64 le = GUINT64_TO_LE ((guint64) length);

  g_checksum_update (sum, (const guchar *) "T", 1);
  g_checksum_update (sum, (const guchar *) &le, sizeof le);
  if (length > 0)
    g_checksum_update (sum, (const guchar *) text, length);
}

/* Each value with its type and length, so that no two different rows give the same bytes. */
void
_vastus_audit_hash (const char     *previous,
                    sqlite3_value **fields,
                    int             n_fields,
                    char           *hex)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_checksum_update (sum, (const guchar *) "vastus-audit-1", -1);
  if (previous == NULL)
    g_checksum_update (sum, (const guchar *) "N", 1);
  else
    hash_text (sum, previous, strlen (previous));
  for (int i = 0; i < n_fields; i++)
    switch (sqlite3_value_type (fields[i]))
      {
      case SQLITE_NULL:
        g_checksum_update (sum, (const guchar *) "N", 1);
        break;
      case SQLITE_INTEGER:
        g_snprintf (buf, sizeof buf, "I%" G_GINT64_FORMAT ";",
                    (gint64) sqlite3_value_int64 (fields[i]));
        g_checksum_update (sum, (const guchar *) buf, -1);
        break;
      case SQLITE_FLOAT:
        g_checksum_update (sum, (const guchar *) "F", 1);
        g_ascii_formatd (buf, sizeof buf, "%.17g", sqlite3_value_double (fields[i]));
        g_checksum_update (sum, (const guchar *) buf, -1);
        g_checksum_update (sum, (const guchar *) ";", 1);
        break;
      default:
        hash_text (sum, (const char *) sqlite3_value_text (fields[i]),
                   (gsize) sqlite3_value_bytes (fields[i]));
        break;
      }
  memcpy (hex, g_checksum_get_string (sum), VASTUS_AUDIT_HASH_LEN);
  hex[VASTUS_AUDIT_HASH_LEN] = '\0';
}

static void
add_chain_problem (GPtrArray *problems,
                   guint     *n,
                   char      *problem)
{
  if ((*n)++ < MAX_CHAIN_PROBLEMS)
    g_ptr_array_add (problems, problem);
  else
    g_free (problem);
}

static gboolean
has_hash_column (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('audit_log') WHERE name = 'hash'",
                          -1, &stmt, NULL) == SQLITE_OK)
    found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* The head: the last entry written, kept apart from the trail, so that removing the newest
 * entries shows too. */
static void
check_head (sqlite3    *db,
            gint64      last_id,
            const char *last_at,
            const char *last_hash,
            GPtrArray  *problems,
            int        *rc)
{
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, "SELECT last_id, hash FROM audit_head WHERE id = 1", -1, &stmt,
                            NULL);
  if (*rc == SQLITE_OK)
    *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_DONE)
    g_ptr_array_add (problems, g_strdup (_("Audit trail: its head (the record of the last entry "
                                           "written) is missing")));
  else if (*rc == SQLITE_ROW)
    {
      gint64 head_id = sqlite3_column_int64 (stmt, 0);
      const char *head_hash = (const char *) sqlite3_column_text (stmt, 1);

      if (head_id > last_id)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Audit trail: entries %lld to %lld were removed (the "
                                            "trail ends at entry %lld of %s)"),
                                          (long long) last_id + 1, (long long) head_id,
                                          (long long) last_id, last_at != NULL ? last_at : "–"));
      else if (head_id < last_id || g_strcmp0 (head_hash, last_hash) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Audit trail: entry %lld of %s is not the last one "
                                            "Vastus wrote"), (long long) last_id,
                                          last_at != NULL ? last_at : "–"));
      *rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
}

gboolean
_vastus_audit_check_chain (sqlite3     *db,
                           const char  *path,
                           GPtrArray   *problems,
                           GError     **error)
{
  g_autofree char *previous = NULL;
  g_autofree char *last_at = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 previous_id = 0;
  guint n = 0;
  int rc;

  if (!has_hash_column (db))
    return TRUE;
  rc = sqlite3_prepare_v2 (db, "SELECT id, at, actor, table_name, row_id, operation, old_json, "
                               "new_json, app_version, hash FROM audit_log ORDER BY id",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_value *fields[9];
      char expected[VASTUS_AUDIT_HASH_LEN + 1];
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *at = (const char *) sqlite3_column_text (stmt, 1);
      const char *hash = (const char *) sqlite3_column_text (stmt, 9);

      for (int i = 0; i < 9; i++)
        fields[i] = sqlite3_column_value (stmt, i);
      if (id != previous_id + 1)
        add_chain_problem (problems, &n,
                           g_strdup_printf (_("Audit trail: entries %lld to %lld are missing "
                                              "(removed) before entry %lld of %s"),
                                            (long long) previous_id + 1, (long long) id - 1,
                                            (long long) id, at));
      if (hash == NULL)
        add_chain_problem (problems, &n,
                           g_strdup_printf (_("Audit trail: entry %lld of %s has no seal: Vastus "
                                              "did not write it"), (long long) id, at));
      else
        {
          _vastus_audit_hash (previous, fields, 9, expected);
          if (!g_str_equal (expected, hash))
            add_chain_problem (problems, &n,
                               g_strdup_printf (_("Audit trail broken at entry %lld of %s: it "
                                                  "was changed, or an entry before it was "
                                                  "removed or moved"), (long long) id, at));
        }
      g_free (previous);
      previous = g_strdup (hash);
      g_free (last_at);
      last_at = g_strdup (at);
      previous_id = id;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    check_head (db, previous_id, last_at, previous, problems, &rc);
  if (rc != SQLITE_DONE)
    {
      _vastus_store_set_read_error (error, db, path, rc);
      return FALSE;
    }
  if (n > MAX_CHAIN_PROBLEMS)
    g_ptr_array_add (problems,
                     g_strdup_printf (ngettext (
                                                   "Audit trail: %u more break",
                                                   "Audit trail: %u more breaks",
                                                   n - MAX_CHAIN_PROBLEMS),
                                      n - MAX_CHAIN_PROBLEMS));
  return TRUE;
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
        n = (guint) sqlite3_changes (_vastus_database_get_handle (self));
    }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = n;
  return TRUE;
}
