/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vastus-backup-private.h"
#include "vastus-database-private.h"

#define BUSY_TIMEOUT_MS 5000

/* Errors */

static int
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return VASTUS_BACKUP_ERROR_NO_SPACE;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return VASTUS_BACKUP_ERROR_DAMAGED;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VASTUS_BACKUP_ERROR_BUSY;
    default:
      return VASTUS_BACKUP_ERROR_FAILED;
    }
}

void
_vastus_backup_set_sqlite_error (GError    **error,
                                 sqlite3    *db,
                                 int         rc,
                                 const char *what,
                                 const char *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, VASTUS_BACKUP_ERROR, code_from_sqlite (rc),
               "%s (%s): %s", what, path, detail);
}

void
_vastus_backup_set_errno_error (GError    **error,
                                int         saved_errno,
                                const char *what,
                                const char *path)
{
  int code = saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT
             ? VASTUS_BACKUP_ERROR_NO_SPACE : VASTUS_BACKUP_ERROR_FAILED;

  g_set_error (error, VASTUS_BACKUP_ERROR, code, "%s (%s): %s", what, path,
               g_strerror (saved_errno));
}

/* Connections of our own: extended codes, a busy timeout, no URI tricks. */
sqlite3 *
_vastus_backup_open_db (const char  *path,
                        gboolean     read_only,
                        GError     **error)
{
  sqlite3 *db = NULL;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      _vastus_backup_set_sqlite_error (error, db, rc, _("Could not open the database"), path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  _vastus_database_watch (db);
  return db;
}

void
_vastus_backup_close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

/* A connection that only reads. Read-only, unless the file is a WAL database left by a process
 * that died: a read-only connection cannot recover its WAL index (SQLITE_READONLY_RECOVERY),
 * so then, if we may write, a read-write one that still only reads (the recovery rewrites the
 * -shm index; the data stays as it was). */
sqlite3 *
_vastus_backup_open_for_reading (const char  *path,
                                 GError     **error)
{
  sqlite3 *db = _vastus_backup_open_db (path, TRUE, error);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (db == NULL)
    return NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_READONLY && g_access (path, W_OK) == 0)
    {
      _vastus_backup_close_db (db);
      db = _vastus_backup_open_db (path, FALSE, error);
    }
  return db;
}

gboolean
_vastus_backup_query_int (sqlite3     *db,
                          const char  *sql,
                          const char  *path,
                          gint64      *out,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _vastus_backup_set_sqlite_error (error, db, rc, _("Could not read the database"), path);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Runs an integrity pragma; each row that is not "ok" goes to @problems. */
gboolean
_vastus_backup_run_integrity (sqlite3     *db,
                              const char  *sql,
                              const char  *path,
                              GPtrArray   *problems,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (text != NULL && !g_str_equal (text, "ok"))
        g_ptr_array_add (problems, g_strdup (text));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _vastus_backup_set_sqlite_error (error, db, rc, _("Could not check the database"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_vastus_backup_run_foreign_key_check (sqlite3     *db,
                                      const char  *path,
                                      GPtrArray   *problems,
                                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("Table %s, row %lld: no matching row in %s"),
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (long long) sqlite3_column_int64 (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _vastus_backup_set_sqlite_error (error, db, rc, _("Could not check the database"), path);
      return FALSE;
    }
  return TRUE;
}

/* Files */

gboolean
_vastus_backup_sync_path (const char  *path,
                          gboolean     directory,
                          GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int saved_errno;

  if (fd < 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not open"), path);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      _vastus_backup_set_errno_error (error, saved_errno, _("Could not write to the disk"), path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
_vastus_backup_ensure_private_folder (const char  *folder,
                                      GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not create the backups folder"),
                                      folder);
      return FALSE;
    }
  if (g_chmod (folder, 0700) != 0)
    {
      _vastus_backup_set_errno_error (error, errno,
                                      _("Could not make the backups folder private"), folder);
      return FALSE;
    }
  return TRUE;
}

gboolean
_vastus_backup_same_file (const char *a,
                          const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void
_vastus_backup_remove_temp (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}
