/* vastus-audit-chain.c: the audit trail's chain of seals over SQLite values (sql/009-…): the
 * hash the triggers' vastus_audit_hash function computes, and the check that follows the chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-audit-store"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-copy-private.h"
#include "vastus-sqlite-private.h"

/* Problems of one kind listed in full before the rest are only counted. */
#define MAX_CHAIN_PROBLEMS 10

/* The chain of seals (sql/009-tamper-evident-audit.sql) */

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
    _vastus_checksum_text (sum, previous, strlen (previous));
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
        _vastus_checksum_text (sum, (const char *) sqlite3_value_text (fields[i]),
                   (gsize) sqlite3_value_bytes (fields[i]));
        break;
      }
  memcpy (hex, g_checksum_get_string (sum), VASTUS_AUDIT_HASH_LEN);
  hex[VASTUS_AUDIT_HASH_LEN] = '\0';
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
  if (*rc == SQLITE_DONE || *rc == SQLITE_ROW)
    {
      gboolean found = *rc == SQLITE_ROW;

      _vastus_audit_head_problem (problems, found, found ? sqlite3_column_int64 (stmt, 0) : 0,
                                  found ? (const char *) sqlite3_column_text (stmt, 1) : NULL,
                                  last_id, last_at, last_hash);
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
        _vastus_add_listed_problem (problems, &n, MAX_CHAIN_PROBLEMS,
                           g_strdup_printf (_("Audit trail: entries %lld to %lld are missing "
                                              "(removed) before entry %lld of %s"),
                                            (long long) previous_id + 1, (long long) id - 1,
                                            (long long) id, at));
      if (hash == NULL)
        _vastus_add_listed_problem (problems, &n, MAX_CHAIN_PROBLEMS,
                           g_strdup_printf (_("Audit trail: entry %lld of %s has no seal: Vastus "
                                              "did not write it"), (long long) id, at));
      else
        {
          _vastus_audit_hash (previous, fields, 9, expected);
          if (!g_str_equal (expected, hash))
            _vastus_add_listed_problem (problems, &n, MAX_CHAIN_PROBLEMS,
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
