/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"
#define _GNU_SOURCE   /* O_TMPFILE, AT_EMPTY_PATH */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vastus-backup-private.h"
#include "vastus-sqlite-private.h"

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

static int
code_from_store (int store_code)
{
  switch (store_code)
    {
    case VASTUS_STORE_ERROR_DAMAGED: return VASTUS_BACKUP_ERROR_DAMAGED;
    case VASTUS_STORE_ERROR_NOT_VASTUS: return VASTUS_BACKUP_ERROR_NOT_VASTUS;
    case VASTUS_STORE_ERROR_NEWER: return VASTUS_BACKUP_ERROR_NEWER;
    case VASTUS_STORE_ERROR_BUSY: return VASTUS_BACKUP_ERROR_BUSY;
    case VASTUS_STORE_ERROR_NO_SPACE: return VASTUS_BACKUP_ERROR_NO_SPACE;
    default: return VASTUS_BACKUP_ERROR_FAILED;
    }
}

gboolean
_vastus_backup_error_from_store (GError **error,
                                 GError  *store_error)
{
  g_set_error_literal (error, VASTUS_BACKUP_ERROR,
                       store_error->domain == VASTUS_STORE_ERROR
                       ? code_from_store (store_error->code) : VASTUS_BACKUP_ERROR_FAILED,
                       store_error->message);
  return FALSE;
}

/* A connection that only reads. Read-only, unless the file is a WAL database left by a process
 * that died: a read-only connection cannot recover its WAL index (SQLITE_READONLY_RECOVERY),
 * so then, if we may write, a read-write one that still only reads (the recovery rewrites the
 * -shm index; the data stays as it was). When no -shm can be made (a read-only folder, a full
 * disk), a connection that needs none (vastus-database.c). */
sqlite3 *
_vastus_backup_open_for_reading (const char  *path,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!_vastus_database_check_file (path, &local_error))
    return (_vastus_backup_error_from_store (error, local_error), NULL);
  db = _vastus_backup_open_db (path, TRUE, error);
  if (db == NULL)
    return NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return db;
  if (rc == SQLITE_READONLY_RECOVERY && g_access (path, W_OK) == 0)
    {
      _vastus_backup_close_db (db);
      return _vastus_backup_open_db (path, FALSE, error);
    }
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      _vastus_backup_close_db (db);
      db = _vastus_database_open_reading_handle (path, &local_error);
      if (db == NULL)
        _vastus_backup_error_from_store (error, local_error);
      return db;
    default:
      /* Not a database, busy …: the first query says so. */
      return db;
    }
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
                       /* Translators: the first %s is a table's name, %lld the row's number, the
                        * second %s the table the row refers to */
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

int (*_vastus_backup_fsync) (int fd) = fsync;

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
  if (_vastus_backup_fsync (fd) != 0)
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

/* Temporary files */

#define TEMP_PREFIX ".vastus-backup-"
#define STALE_TEMP_AGE_S 3600

/* A named temporary file, where one is needed at all: its name carries the process id, so that
 * the next backup knows a killed process's file from a running one's. */
char *
_vastus_backup_make_temp (const char  *folder,
                          GError     **error)
{
  g_autofree char *name = g_strdup_printf (TEMP_PREFIX "%d-XXXXXX", (int) getpid ());
  g_autofree char *tmpl = g_build_filename (folder, name, NULL);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not create the backup file"), folder);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

void
_vastus_backup_remove_stale_temps (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      gint64 pid;
      GStatBuf st;

      if (!g_str_has_prefix (name, TEMP_PREFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      pid = g_ascii_strtoll (name + strlen (TEMP_PREFIX), &end, 10);
      if ((end != NULL && *end == '-' && pid > 0 && pid <= G_MAXINT && pid != getpid ()
           && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
          || (g_lstat (path, &st) == 0 && time (NULL) - st.st_mtime > STALE_TEMP_AGE_S))
        _vastus_backup_remove_temp (path);
    }
}

static gboolean
write_all (int          fd,
           const guchar *data,
           gsize        size,
           const char  *path,
           GError     **error)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, MIN (size, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          _vastus_backup_set_errno_error (error, n < 0 ? errno : ENOSPC,
                                          _("Could not write the backup"), path);
          return FALSE;
        }
      data += n;
      size -= (gsize) n;
    }
  return TRUE;
}

/* Reads the file back and compares it with what was written. */
static gboolean
read_back (int          fd,
           const guchar *image,
           gsize        size,
           const char  *path,
           GError     **error)
{
  g_autofree guchar *buf = g_malloc (64 * 1024);
  gsize offset = 0;

  while (offset < size)
    {
      ssize_t n = pread (fd, buf, MIN (size - offset, (gsize) 64 * 1024), (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || memcmp (buf, image + offset, (gsize) n) != 0)
        {
          g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY,
                       /* Translators: %s is the backup file's path */
                       _("The backup written to %s does not read back as written"), path);
          return FALSE;
        }
      offset += (gsize) n;
    }
  return TRUE;
}

int
_vastus_backup_write_temp (const char    *folder,
                           const void    *image,
                           gsize          size,
                           char         **temp_path,
                           GError       **error)
{
  int fd;

  *temp_path = NULL;
  /* Unnamed: a process killed before the link leaves nothing behind. */
  fd = open (folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT))
    {
      /* A file system without O_TMPFILE: a named file, removed by the next backup if this
       * process dies (_vastus_backup_remove_stale_temps). */
      *temp_path = _vastus_backup_make_temp (folder, error);
      if (*temp_path == NULL)
        return -1;
      fd = g_open (*temp_path, O_RDWR | O_CLOEXEC, 0600);
    }
  if (fd < 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not create the backup file"), folder);
      g_clear_pointer (temp_path, _vastus_backup_remove_temp_and_free);
      return -1;
    }
  if (!write_all (fd, image, size, folder, error)
      || !read_back (fd, image, size, folder, error))
    {
      close (fd);
      g_clear_pointer (temp_path, _vastus_backup_remove_temp_and_free);
      return -1;
    }
  if (fsync (fd) != 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not write to the disk"), folder);
      close (fd);
      g_clear_pointer (temp_path, _vastus_backup_remove_temp_and_free);
      return -1;
    }
  return fd;
}

/* Gives the unnamed file @fd the name @target (which must not exist). */
static int
link_unnamed (int         fd,
              const char *target)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);

  if (linkat (AT_FDCWD, proc, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0)
    return 0;
  if (errno == EEXIST)
    return -1;
  /* Without /proc: a process with CAP_DAC_READ_SEARCH may link the descriptor itself. */
  return linkat (fd, "", AT_FDCWD, target, AT_EMPTY_PATH);
}

gboolean
_vastus_backup_link_temp (int          fd,
                          const char  *temp_path,
                          const char  *target,
                          gboolean     replace,
                          GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *named = NULL;
  int saved_errno;

  if (!replace)
    {
      if ((temp_path != NULL ? link (temp_path, target) : link_unnamed (fd, target)) == 0)
        return TRUE;
      saved_errno = errno;
      if (saved_errno == EEXIST)
        g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_EXISTS,
                     _("%s exists already, and Vastus does not replace it"), target);
      else
        _vastus_backup_set_errno_error (error, saved_errno, _("Could not store the backup"),
                                        target);
      return FALSE;
    }

  /* Replacing: the unnamed file gets a name of its own first (the only moment a named copy
   * exists), which is then renamed over the target in one step. */
  folder = g_path_get_dirname (target);
  for (int tries = 0; temp_path == NULL && tries < 100; tries++)
    {
      g_autofree char *name = g_strdup_printf (TEMP_PREFIX "%d-%08x", (int) getpid (),
                                               g_random_int ());

      g_free (named);
      named = g_build_filename (folder, name, NULL);
      if (link_unnamed (fd, named) == 0)
        temp_path = named;
      else if (errno != EEXIST)
        break;
    }
  if (temp_path == NULL)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not store the backup"), target);
      return FALSE;
    }
  if (g_rename (temp_path, target) != 0)
    {
      saved_errno = errno;
      if (named != NULL)
        _vastus_backup_remove_temp (named);
      _vastus_backup_set_errno_error (error, saved_errno, _("Could not store the backup"), target);
      return FALSE;
    }
  return TRUE;
}

void
_vastus_backup_remove_temp_and_free (char *path)
{
  if (path == NULL)
    return;
  _vastus_backup_remove_temp (path);
  g_free (path);
}
