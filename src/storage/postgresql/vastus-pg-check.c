/* vastus-pg-check.c: `check` of a database on a PostgreSQL server: its schema against this
 * version's (tables, columns, triggers present and on), its constraints (each one validated, so
 * that every row obeys it), the audit trail's chain of seals and its head, and the measurements
 * against the catalog, reported as the SQLite check reports (one problem a line)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-copy-private.h"
#include "vastus-database-private.h"
#include "vastus-pg-database.h"

/* Problems of one kind listed in full before the rest are only counted. */
#define MAX_LISTED 10

/* The audit row's fields as its seal takes them (013-baseline.sql, vastus_audit_hash). */
static const char audit_kinds[] = "ITTTITTTT";

static gboolean
read_failed (VastusDatabase *db,
             int             rc,
             GError        **error)
{
  _vastus_database_set_error (db, error, rc, _("Could not check the database"));
  return FALSE;
}

/* Tables and their columns, in order, as this version's schema has them. */
static gboolean
check_tables (VastusDatabase *db,
              GPtrArray      *expected,
              GPtrArray      *problems,
              GError        **error)
{
  for (guint i = 0; i < expected->len; i++)
    {
      char **table = expected->pdata[i];
      g_autoptr(VastusStmt) stmt = NULL;
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *want = NULL;
      g_autofree char *have = NULL;
      int rc;

      stmt = _vastus_database_prepare (db, "SELECT column_name FROM information_schema.columns "
                                           "WHERE table_schema = current_schema () "
                                           "AND table_name = ?1 ORDER BY ordinal_position", error);
      if (stmt == NULL)
        return FALSE;
      _vastus_bind_text (stmt, 1, table[0]);
      while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
        g_ptr_array_add (columns, _vastus_column_text (stmt, 0));
      if (rc != VASTUS_DONE)
        return read_failed (db, rc, error);
      g_ptr_array_add (columns, NULL);
      want = g_strjoinv (", ", table + 1);
      have = g_strjoinv (", ", (char **) columns->pdata);
      if (columns->len == 1)
        /* Translators: a table's name */
        g_ptr_array_add (problems, g_strdup_printf (_("Schema: the table %s is missing"), table[0]));
      else if (!g_str_equal (want, have))
        g_ptr_array_add (problems,
                         /* Translators: a table's name, its columns, then the columns it should
                          * have */
                         g_strdup_printf (_("Schema: the table %s has the columns %s, not %s"),
                                          table[0], have, want));
    }
  return TRUE;
}

/* Every trigger of the schema there and on (a trigger turned off writes no audit entry). */
static gboolean
check_triggers (VastusDatabase *db,
                GPtrArray      *expected,
                GPtrArray      *problems,
                GError        **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  stmt = _vastus_database_prepare (db, "SELECT t.tgname, t.tgenabled FROM pg_trigger t "
                                       "JOIN pg_class c ON c.oid = t.tgrelid "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                       "WHERE n.nspname = current_schema () AND NOT t.tgisinternal",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_hash_table_insert (found, _vastus_column_text (stmt, 0), _vastus_column_text (stmt, 1));
  if (rc != VASTUS_DONE)
    return read_failed (db, rc, error);
  for (guint i = 0; i < expected->len; i++)
    {
      const char *name = expected->pdata[i];
      const char *enabled = g_hash_table_lookup (found, name);

      if (enabled == NULL)
        /* Translators: a trigger's name */
        g_ptr_array_add (problems, g_strdup_printf (_("Schema: the trigger %s is missing"), name));
      else if (g_str_equal (enabled, "D"))
        /* Translators: a trigger's name */
        g_ptr_array_add (problems, g_strdup_printf (_("Schema: the trigger %s is turned off"), name));
    }
  return TRUE;
}

/* A constraint added NOT VALID, or whose check was skipped, does not vouch for the rows there. */
static gboolean
check_constraints (VastusDatabase *db,
                   GPtrArray      *problems,
                   GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  stmt = _vastus_database_prepare (db, "SELECT c.relname, k.conname FROM pg_constraint k "
                                       "JOIN pg_class c ON c.oid = k.conrelid "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                       "WHERE n.nspname = current_schema () AND NOT k.convalidated "
                                       "ORDER BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_ptr_array_add (problems,
                     /* Translators: a constraint's name, then its table's */
                     g_strdup_printf (_("Constraints: %s of the table %s was not checked against "
                                        "the rows there"), _vastus_column_peek (stmt, 1),
                                      _vastus_column_peek (stmt, 0)));
  return rc == VASTUS_DONE || read_failed (db, rc, error);
}

/* The head: the last entry written, kept apart, so that removing the newest entries shows too. */
static gboolean
check_head (VastusDatabase *db,
            gint64          last_id,
            const char     *last_at,
            const char     *last_hash,
            GPtrArray      *problems,
            GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (
    db, "SELECT last_id, hash FROM audit_head WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = _vastus_step (stmt);
  if (rc != VASTUS_DONE && rc != VASTUS_ROW)
    return read_failed (db, rc, error);
  _vastus_audit_head_problem (problems, rc == VASTUS_ROW,
                              rc == VASTUS_ROW ? _vastus_column_int64 (stmt, 0) : 0,
                              rc == VASTUS_ROW ? _vastus_column_peek (stmt, 1) : NULL,
                              last_id, last_at, last_hash);
  return TRUE;
}

/* Each entry's seal computed here, on the workstation, from the entry before: not by the
 * server's own function, which whoever changed the rows could have changed too. */
static gboolean
check_chain (VastusDatabase *db,
             GPtrArray      *problems,
             GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *last_at = NULL;
  gint64 previous_id = 0;
  guint n = 0;
  int rc;

  stmt = _vastus_database_prepare (db, "SELECT id, at, actor, table_name, row_id, operation, "
                                       "old_json, new_json, app_version, hash FROM audit_log "
                                       "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      gint64 id = _vastus_column_int64 (stmt, 0);
      const char *at = _vastus_column_peek (stmt, 1);
      const char *hash = _vastus_column_peek (stmt, 9);

      if (id != previous_id + 1)
        _vastus_add_listed_problem (problems, &n, MAX_LISTED,
                    /* Translators: the first two %lld are the first and last missing entry's
                     * numbers, the third the entry after them, %s the time that entry was
                     * written */
                    g_strdup_printf (_("Audit trail: entries %lld to %lld are missing (removed) "
                                       "before entry %lld of %s"), (long long) previous_id + 1,
                                     (long long) id - 1, (long long) id, at));
      g_checksum_update (sum, (const guchar *) "vastus-audit-1", -1);
      if (previous == NULL)
        g_checksum_update (sum, (const guchar *) "N", 1);
      else
        _vastus_checksum_text (sum, previous, strlen (previous));
      for (int i = 0; i < 9; i++)
        _vastus_checksum_column (sum, stmt, i, audit_kinds[i]);
      if (hash == NULL)
        _vastus_add_listed_problem (problems, &n, MAX_LISTED,
                    /* Translators: %lld is the entry's number, %s the time it was written */
                    g_strdup_printf (_("Audit trail: entry %lld of %s has no seal: Vastus did "
                                       "not write it"), (long long) id, at));
      else if (!g_str_equal (g_checksum_get_string (sum), hash))
        _vastus_add_listed_problem (problems, &n, MAX_LISTED,
                    /* Translators: %lld is the entry's number, %s the time it was written */
                    g_strdup_printf (_("Audit trail broken at entry %lld of %s: it was changed, "
                                       "or an entry before it was removed or moved"),
                                     (long long) id, at));
      g_free (previous);
      previous = g_strdup (hash);
      g_free (last_at);
      last_at = g_strdup (at);
      previous_id = id;
    }
  if (rc != VASTUS_DONE)
    return read_failed (db, rc, error);
  if (n > MAX_LISTED)
    g_ptr_array_add (problems,
                     /* Translators: %u is the number of further breaks found in the audit
                      * trail's chain of seals, not listed */
                     g_strdup_printf (ngettext ("Audit trail: %u more break",
                                                "Audit trail: %u more breaks", n - MAX_LISTED),
                                      n - MAX_LISTED));
  return check_head (db, previous_id, last_at, previous, problems, error);
}

/* The measurements in force against the catalog, as a file's check finds them. */
static gboolean
check_measurements (VastusDatabase *db,
                    GPtrArray      *problems,
                    GError        **error)
{
  int rc = _vastus_check_measurements (_vastus_database_get_conn (db), problems);

  return rc == VASTUS_DONE || read_failed (db, rc, error);
}

gboolean
_vastus_pg_check (VastusDatabase *db,
                  GPtrArray      *problems,
                  GError        **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) tables = _vastus_database_expected_tables (&triggers, error);
  gboolean owned = FALSE, ok;

  if (tables == NULL)
    return FALSE;
  /* One snapshot: the chain and its head read together. */
  if (!_vastus_database_read_begin (db, &owned, error))
    return FALSE;
  ok = check_tables (db, tables, problems, error)
       && check_triggers (db, triggers, problems, error)
       && check_constraints (db, problems, error)
       && check_chain (db, problems, error)
       && check_measurements (db, problems, error);
  _vastus_database_read_end (db, owned);
  return ok;
}
