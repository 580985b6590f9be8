/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vastus-backup-private.h"
#include "vastus-database-private.h"

static gboolean
check_handle (sqlite3     *db,
              const char  *path,
              GPtrArray  **problems,
              GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  int code;

  if (_vastus_backup_run_integrity (db, "PRAGMA integrity_check", path, found, &local_error)
      && _vastus_backup_run_foreign_key_check (db, path, found, &local_error))
    {
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return TRUE;
    }
  switch (local_error->code)
    {
    case VASTUS_BACKUP_ERROR_DAMAGED: code = VASTUS_STORE_ERROR_DAMAGED; break;
    case VASTUS_BACKUP_ERROR_BUSY: code = VASTUS_STORE_ERROR_BUSY; break;
    default: code = VASTUS_STORE_ERROR_FAILED; break;
    }
  g_set_error_literal (error, VASTUS_STORE_ERROR, code, local_error->message);
  return FALSE;
}

gboolean
vastus_database_check_full_path (const char  *path,
                            GPtrArray  **problems,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) db = NULL;
  int code;

  g_return_val_if_fail (path != NULL, FALSE);

  db = _vastus_backup_open_for_reading (path, &local_error);
  if (db != NULL && check_handle (db, path, problems, error))
    return TRUE;
  if (db != NULL)
    return FALSE;
  code = local_error->code == VASTUS_BACKUP_ERROR_BUSY ? VASTUS_STORE_ERROR_BUSY
                                                       : VASTUS_STORE_ERROR_OPEN;
  g_set_error_literal (error, VASTUS_STORE_ERROR, code, local_error->message);
  return FALSE;
}

gboolean
vastus_database_check_full (VastusDatabase  *db,
                       GPtrArray      **problems,
                       GError         **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), FALSE);

  return check_handle (_vastus_database_get_handle (db), vastus_database_get_path (db),
                       problems, error);
}

/* Content hash */

static void
hash_statement_rows (GChecksum    *sum,
                     sqlite3_stmt *stmt,
                     int          *rc)
{
  int n = sqlite3_column_count (stmt);

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n; c++)
        {
          int type = sqlite3_column_type (stmt, c);
          guchar tag = (guchar) type;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          gint64 len;

          g_checksum_update (sum, &tag, 1);
          switch (type)
            {
            case SQLITE_INTEGER:
              g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, c));
              g_checksum_update (sum, (const guchar *) buf, -1);
              break;
            case SQLITE_FLOAT:
              g_ascii_formatd (buf, sizeof buf, "%.17g", sqlite3_column_double (stmt, c));
              g_checksum_update (sum, (const guchar *) buf, -1);
              break;
            case SQLITE_TEXT:
            case SQLITE_BLOB:
              len = sqlite3_column_bytes (stmt, c);
              g_checksum_update (sum, (const guchar *) &len, sizeof len);
              if (len > 0)
                g_checksum_update (sum, type == SQLITE_TEXT ? sqlite3_column_text (stmt, c)
                                                            : sqlite3_column_blob (stmt, c),
                                   len);
              break;
            default:
              break;
            }
        }
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
}

char *
vastus_backup_content_hash (const char  *path,
                            GError     **error)
{
  g_autoptr(sqlite3) db = _vastus_backup_open_for_reading (path, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc;

  if (db == NULL)
    return NULL;
  if (!_vastus_backup_query_int (db, "PRAGMA user_version", path, &value, error))
    return NULL;
  g_checksum_update (sum, (const guchar *) &value, sizeof value);
  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                               "ORDER BY type, name", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    hash_statement_rows (sum, stmt, &rc);
  sqlite3_finalize (stmt);
  rc = rc == SQLITE_DONE
       ? sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL)
       : rc;
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  for (guint i = 0; rc == SQLITE_DONE && i < tables->len; i++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT * FROM \"");
      g_auto(GStrv) parts = g_strsplit (tables->pdata[i], "\"", -1);
      g_autofree char *quoted = g_strjoinv ("\"\"", parts);
      int n;

      g_string_append_printf (sql, "%s\"", quoted);
      rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        break;
      n = sqlite3_column_count (stmt);
      sqlite3_finalize (stmt);
      /* Every column, in order: the same rows give the same bytes whatever the page layout. */
      g_string_append (sql, " ORDER BY ");
      for (int c = 1; c <= n; c++)
        g_string_append_printf (sql, c < n ? "%d, " : "%d", c);
      g_checksum_update (sum, (const guchar *) tables->pdata[i], -1);
      rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        hash_statement_rows (sum, stmt, &rc);
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _vastus_backup_set_sqlite_error (error, db, rc, _("Could not read the database"), path);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}
