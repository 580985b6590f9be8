/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a database: what a file must be before it is trusted, creating a new one, and reading
 * one that cannot be written.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vastus-backup-private.h"
#include "vastus-pg-database.h"
#include "vastus-sqlite-private.h"

/* quick_check reads the whole file: on open only for files up to this size (about 0.5 s per
 * 74 MB measured); vastus_database_check does it for any size. */
#define PROBE_QUICK_CHECK_MAX_BYTES (32 * 1024 * 1024)

#define map_code _vastus_store_code_from_sqlite

/* The connection */

void
_vastus_database_attach (VastusDatabase *self,
                         sqlite3        *db,
                         gboolean        owned)
{
  g_clear_pointer (&self->conn, _vastus_conn_free);
  self->db = db;
  if (db != NULL)
    self->conn = _vastus_sqlite_conn_new (db, owned);
}

sqlite3 *
_vastus_database_get_handle (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->db;
}

/* Files */

/* The smallest SQLite database is one page of 512 bytes. SQLite itself opens an empty or a
 * 1-byte file as a new, empty database: a file that exists but is shorter is damage, never a
 * database to initialise. */
#define MIN_DATABASE_BYTES 512

/* A temporary database left by a creation that was killed: removed after an hour. It never
 * holds records (only the empty schema). */
#define NEW_DATABASE_PREFIX ".vastus-new-"
#define STALE_NEW_DATABASE_S 3600

gboolean
_vastus_database_check_file (const char  *path,
                             GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     /* Translators: a file's path */
                     _("There is no database at %s"), path);
      else
        /* Translators: a file's path, then the system's reason */
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN, _("Could not read %s: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a path */
                   _("Could not open %s: it is a folder, not a database file"), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: a path */
                   _("%s is not a database file (it is a device or another special file)"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: a file's path */
                   _("%s is empty (0 bytes): there is no database in it"), path);
      return FALSE;
    }
  if (st.st_size < MIN_DATABASE_BYTES)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: the file's path, its size, then the smallest size */
                   ngettext ("%s is too short to be a database (%lld byte; the smallest is %d)",
                             "%s is too short to be a database (%lld bytes; the smallest is %d)",
                             (gulong) st.st_size),
                   path, (long long) st.st_size, MIN_DATABASE_BYTES);
      return FALSE;
    }
  return TRUE;
}

char *
vastus_database_default_path (void)
{
  const char *env = g_getenv ("VASTUS_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), APP_ID, "vastus.db", NULL);
}

static gboolean
exec_pragma (VastusDatabase *self,
             const char     *sql,
             GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _vastus_database_set_error (self, error, rc, _("Could not configure the database"));
      return FALSE;
    }
  return TRUE;
}

/* A connection on @path (or a URI with SQLITE_OPEN_URI in @flags), with the functions the
 * triggers call. Nothing is read yet. Without SQLite's lock around every call (NOMUTEX): a
 * connection is used from one thread at a time (vastus-database.h), and reading a column took
 * a lock and its release, which was a tenth of reading a clinic's measurements. */
static VastusDatabase *
connect (const char *path,
         const char *filename,
         int         flags,
         GError    **error)
{
  g_autoptr(VastusDatabase) self = g_object_new (VASTUS_TYPE_DATABASE, NULL);
  sqlite3 *db = NULL;
  int rc;

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (filename, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  _vastus_database_attach (self, db, TRUE);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, VASTUS_STORE_ERROR, map_code (rc) == VASTUS_STORE_ERROR_FAILED
                                              ? VASTUS_STORE_ERROR_OPEN : map_code (rc),
                   /* Translators: a file's path, the database engine's reason, its error number */
                   _("Could not open %s: %s (SQLite error %d)"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  _vastus_database_watch (self->db);
  rc = _vastus_database_register_functions (self->db, self);
  if (rc != SQLITE_OK)
    {
      _vastus_database_set_error (self, error, rc, _("Could not register functions"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Reads only. Decides whether the file is a Vastus database this version may open: its
 * identity and its schema (vastus-schema.c), then its integrity. */
static gboolean
probe (VastusDatabase *self,
       GError        **error)
{
  GStatBuf st;

  if (!_vastus_schema_identify (self->db, self->path, &self->schema_version, NULL, error))
    return FALSE;
  if (g_stat (self->path, &st) == 0 && st.st_size <= PROBE_QUICK_CHECK_MAX_BYTES)
    return vastus_database_check (self, error);
  return TRUE;
}

static void
remove_stale_new_databases (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, NEW_DATABASE_PREFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0 && time (NULL) - st.st_mtime > STALE_NEW_DATABASE_S)
        g_unlink (path);
    }
}

/* A new database is built under a temporary name beside @path (0600, its folder 0700) and
 * linked in only when its schema is complete: a file at @path is never half a database. When
 * another process created @path meanwhile, theirs stays. */
static gboolean
create_database (const char  *path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, NEW_DATABASE_PREFIX "XXXXXX", NULL);
  g_autoptr(VastusDatabase) fresh = NULL;
  g_autofree char *journal = NULL;
  gboolean ok;
  int fd, saved_errno;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, VASTUS_STORE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES
                   ? VASTUS_STORE_ERROR_READ_ONLY : VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a folder's path, then the system's reason */
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  remove_stale_new_databases (dir);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, VASTUS_STORE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? VASTUS_STORE_ERROR_READ_ONLY
                   : saved_errno == ENOSPC || saved_errno == EDQUOT ? VASTUS_STORE_ERROR_NO_SPACE
                   : VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a file's path, then the system's reason */
                   _("Could not create the database file %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  /* Nobody sees the file before it is complete and synced as a whole: no journal on disk and
   * no sync per migration while it is built (creating a database took some 20 fsyncs). */
  fresh = connect (path, tmp, SQLITE_OPEN_READWRITE, error);
  ok = fresh != NULL
       && exec_pragma (fresh, "PRAGMA foreign_keys = ON", error)
       && exec_pragma (fresh, "PRAGMA journal_mode = MEMORY", error)
       && exec_pragma (fresh, "PRAGMA synchronous = OFF", error)
       && _vastus_schema_migrate (fresh, error);
  g_clear_object (&fresh);
  ok = ok && _vastus_backup_sync_path (tmp, FALSE, error);
  if (ok && link (tmp, path) != 0 && errno != EEXIST)
    {
      saved_errno = errno;
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a file's path, then the system's reason */
                   _("Could not create the database file %s: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  journal = g_strconcat (tmp, "-journal", NULL);
  g_unlink (journal);
  g_unlink (tmp);
  if (ok)
    _vastus_backup_sync_path (dir, TRUE, NULL);
  return ok;
}

/* Why a read-write connection could not even read: the file, its folder or the drive may not
 * be written (no -shm can be made), or the disk is full. 0 for any other failure. */
static int
cannot_write_reason (sqlite3 *db,
                     int      rc)
{
  int err = sqlite3_system_errno (db);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return err == ENOSPC || err == EDQUOT ? VASTUS_STORE_ERROR_NO_SPACE
                                            : VASTUS_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
    case SQLITE_IOERR:
      if (err == ENOSPC || err == EDQUOT || err == EFBIG || (rc & 0xff) == SQLITE_FULL)
        return VASTUS_STORE_ERROR_NO_SPACE;
      if (err == EROFS || err == EACCES || err == EPERM)
        return VASTUS_STORE_ERROR_READ_ONLY;
      return 0;
    default:
      return 0;
    }
}

static VastusDatabase *open_reading (const char *path,
                                     int         reason,
                                     GError    **error);

static VastusDatabase *
open_memory (GError **error)
{
  g_autoptr(VastusDatabase) self = connect (":memory:", ":memory:",
                                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);

  if (self == NULL
      || !exec_pragma (self, "PRAGMA foreign_keys = ON", error)
      || !_vastus_schema_migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

VastusDatabase *
vastus_database_open_full (const char           *path,
                           VastusDatabaseOpenFlags flags,
                           gboolean             *created,
                           GError              **error)
{
  g_autoptr(VastusDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc, reason;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (created != NULL)
    *created = FALSE;
  if (_vastus_pg_is_uri (path))
    return _vastus_pg_database_open (path, FALSE, error);
  if (g_str_equal (path, ":memory:"))
    return open_memory (error);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & VASTUS_DATABASE_OPEN_CREATE))
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: a file's path */
                       _("There is no database at %s"), path);
          return NULL;
        }
      if (!create_database (path, error))
        return NULL;
      if (created != NULL)
        *created = TRUE;
    }
  if (!_vastus_database_check_file (path, error))
    return NULL;

  self = connect (path, path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL)
    return NULL;
  /* Nothing below the probe may write: a refused file stays byte-for-byte as it was. A file
   * that cannot even be read for want of a -shm (a read-only folder, a full disk) is read
   * through a connection that needs none. */
  rc = sqlite3_exec (self->db, "SELECT count (*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK && (reason = cannot_write_reason (self->db, rc)) != 0)
    {
      g_clear_object (&self);
      return open_reading (path, reason, error);
    }
  if (!exec_pragma (self, "PRAGMA foreign_keys = ON", error) || !probe (self, error))
    return NULL;

  /* SQLite opens a file it may not write read-only by itself. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      self->read_only = TRUE;
      self->read_only_reason = VASTUS_STORE_ERROR_READ_ONLY;
    }
  /* 16 MiB of page cache (the default is 2 MiB): the working set of the indexes at clinic scale.
   * Neither larger nor memory-mapped (PRAGMA mmap_size), measured on the 10,000-patient clinic
   * (README, bench-evaluate): a scan of the million measurements through a mapping cost 1.15–1.30 s
   * CPU against 0.64–0.86 s through read(), each page's first touch a page fault, and a 256 MiB
   * cache 0.57 s of system time on its first scan, its memory faulted in; each saved only the
   * 0.1 s of read() calls of a second scan. A mapping would also turn a read error (a network
   * share gone, a file cut short by another program) from SQLITE_IOERR, which the stores report,
   * into a SIGBUS that ends the program. */
  if ((!self->read_only && !exec_pragma (self, "PRAGMA journal_mode = WAL", &local_error))
      || !exec_pragma (self, "PRAGMA synchronous = FULL", &local_error)
      || !exec_pragma (self, "PRAGMA cache_size = -16384", &local_error)
      || !_vastus_schema_migrate (self, &local_error)
      /* The statement journals that every trigger-writing statement inside a transaction opens
       * (the audit trail's) in memory, not in temporary files: a bulk import's CPU time a
       * quarter of what it was. After the migrations, whose temporary tables can be large. */
      || !exec_pragma (self, "PRAGMA temp_store = MEMORY", &local_error))
    {
      /* A disk that filled up since, say: read what is there rather than nothing. */
      if (g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NO_SPACE)
          && self->schema_version == vastus_database_get_latest_schema_version ())
        {
          g_clear_object (&self);
          return open_reading (path, VASTUS_STORE_ERROR_NO_SPACE, error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

VastusDatabase *
vastus_database_open (const char *path,
                      GError    **error)
{
  return vastus_database_open_full (path, VASTUS_DATABASE_OPEN_CREATE, NULL, error);
}

/* For reading only (data-safety.md §1.10): an "immutable" connection when the -wal is empty
 * (SQLite then needs neither -shm nor locks); when the -wal holds changes and the files may be
 * written (a full disk), a read-write connection in exclusive locking mode, which keeps the WAL
 * index in memory instead of a -shm and is kept from writing (query_only, no checkpoint on
 * close). A -wal with changes that cannot be opened for writing is refused rather than shown
 * without them. */
sqlite3 *
_vastus_database_open_reading_handle (const char  *path,
                                      GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  GStatBuf st;
  int rc;

  if (!_vastus_database_check_file (path, error))
    return NULL;
  if (g_stat (wal, &st) != 0 || st.st_size == 0)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, error);
      g_autofree char *with_query = NULL;

      if (uri == NULL)
        return NULL;
      with_query = g_strconcat (uri, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (with_query, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else if (g_access (path, W_OK) == 0 && g_access (wal, W_OK) == 0)
    {
      rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
          rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA query_only = 1",
                             NULL, NULL, NULL);
        }
    }
  else
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY,
                   /* Translators: the database file's path, then its journal file's path */
                   _("%s is read-only and its journal (%s) still holds changes: it cannot be "
                   "shown without them; open it once where it can be written"), path, wal);
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a file's path, the database engine's reason, its error number */
                   _("Could not open %s for reading: %s (SQLite error %d)"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  _vastus_database_watch (db);
  return db;
}

static VastusDatabase *
open_reading (const char *path,
              int         reason,
              GError    **error)
{
  g_autoptr(VastusDatabase) self = g_object_new (VASTUS_TYPE_DATABASE, NULL);
  int rc;

  self->path = g_strdup (path);
  self->read_only = TRUE;
  self->read_only_reason = reason;
  _vastus_database_attach (self, _vastus_database_open_reading_handle (path, error), TRUE);
  if (self->db == NULL)
    return NULL;
  rc = _vastus_database_register_functions (self->db, self);
  if (rc != SQLITE_OK)
    {
      _vastus_database_set_error (self, error, rc, _("Could not register functions"));
      return NULL;
    }
  if (!probe (self, error))
    return NULL;
  if (self->schema_version < vastus_database_get_latest_schema_version ())
    {
      g_set_error (error, VASTUS_STORE_ERROR, reason,
                   reason == VASTUS_STORE_ERROR_NO_SPACE
                   ? "%s needs an upgrade to schema version %d, but the disk is full"
                   : "%s needs an upgrade to schema version %d, but it is read-only",
                   path, vastus_database_get_latest_schema_version ());
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
_vastus_database_try_upgrade (sqlite3     *handle,
                              const char  *label,
                              int          version,
                              GError     **error)
{
  g_autoptr(VastusDatabase) self = g_object_new (VASTUS_TYPE_DATABASE, NULL);
  gboolean ok;
  int rc;

  self->path = g_strdup (label);
  _vastus_database_attach (self, handle, FALSE);
  self->schema_version = version;
  self->trial = TRUE;
  rc = _vastus_database_register_functions (handle, self);
  if (rc != SQLITE_OK)
    _vastus_database_set_error (self, error, rc, _("Could not register functions"));
  ok = rc == SQLITE_OK
       && exec_pragma (self, "PRAGMA foreign_keys = ON", error)
       && _vastus_schema_migrate (self, error);
  /* The handle stays its owner's. */
  _vastus_database_attach (self, NULL, FALSE);
  return ok;
}

VastusDatabase *
vastus_database_open_read_only (const char *path,
                                GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (_vastus_pg_is_uri (path))
    return _vastus_pg_database_open (path, TRUE, error);
  return open_reading (path, VASTUS_STORE_ERROR_READ_ONLY, error);
}

gboolean
vastus_database_is_read_only (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  return self->read_only;
}

const char *
vastus_database_get_read_only_reason (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  if (!self->read_only)
    return NULL;
  if (self->read_only_reason == VASTUS_STORE_ERROR_NO_SPACE)
    return "the disk holding it is full";
  if (self->db == NULL)
    return "it was opened for reading only";
  return "this user may not write to the file or its folder, or the drive is read-only";
}

