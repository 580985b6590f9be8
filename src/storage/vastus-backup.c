/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vastus-backup-private.h"
#include "vastus-database-private.h"

G_DEFINE_QUARK (vastus-backup-error-quark, vastus_backup_error)

#define BUSY_TIMEOUT_MS   5000
#define STEP_RETRIES      100     /* × 50 ms: the source's busy handler is not used by the backup API */
#define STALE_TEMP_AGE_S  3600

static const char *kind_suffixes[] = {
  [VASTUS_BACKUP_KIND_REGULAR] = "",
  [VASTUS_BACKUP_KIND_PRE_MIGRATION] = "-pre-migration",
  [VASTUS_BACKUP_KIND_PRE_RESTORE] = "-pre-restore",
  [VASTUS_BACKUP_KIND_DAMAGED] = "-damaged",
};

void
vastus_backup_info_free (VastusBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info);
}

static VastusBackupInfo *
backup_info_new (const char *path)
{
  VastusBackupInfo *info = g_new0 (VastusBackupInfo, 1);

  info->path = g_strdup (path);
  info->schema_version = -1;
  info->n_patients = -1;
  info->n_visits = -1;
  return info;
}

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

static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *what,
                  const char *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, VASTUS_BACKUP_ERROR, code_from_sqlite (rc),
               "%s (%s): %s", what, path, detail);
}

static void
set_errno_error (GError    **error,
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
static sqlite3 *
open_db (const char  *path,
         gboolean     read_only,
         GError     **error)
{
  sqlite3 *db = NULL;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("Could not open the database"), path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

static void
close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

/* A connection that only reads. Read-only, unless the file is a WAL database left by a process
 * that died: a read-only connection cannot recover its WAL index (SQLITE_READONLY_RECOVERY),
 * so then, if we may write, a read-write one that still only reads (the recovery rewrites the
 * -shm index; the data stays as it was). */
static sqlite3 *
open_for_reading (const char  *path,
                  GError     **error)
{
  sqlite3 *db = open_db (path, TRUE, error);
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
      close_db (db);
      db = open_db (path, FALSE, error);
    }
  return db;
}

static gboolean
query_int (sqlite3     *db,
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
      set_sqlite_error (error, db, rc, _("Could not read the database"), path);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Runs an integrity pragma; each row that is not "ok" goes to @problems. */
static gboolean
run_integrity (sqlite3     *db,
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
      set_sqlite_error (error, db, rc, _("Could not check the database"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_foreign_key_check (sqlite3     *db,
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
      set_sqlite_error (error, db, rc, _("Could not check the database"), path);
      return FALSE;
    }
  return TRUE;
}

/* Files */

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int saved_errno;

  if (fd < 0)
    {
      set_errno_error (error, errno, _("Could not open"), path);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      set_errno_error (error, saved_errno, _("Could not write to the disk"), path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
ensure_private_folder (const char  *folder,
                       GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_errno_error (error, errno, _("Could not create the backups folder"), folder);
      return FALSE;
    }
  if (g_chmod (folder, 0700) != 0)
    {
      set_errno_error (error, errno, _("Could not make the backups folder private"), folder);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void
remove_temp (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

/* Names */

char *
vastus_backup_get_folder (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

char *
vastus_backup_make_name (GDateTime        *time,
                         VastusBackupKind  kind)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *stamp = g_date_time_format (utc, "%Y-%m-%dT%H-%M-%SZ");

  g_return_val_if_fail (kind <= VASTUS_BACKUP_KIND_DAMAGED, NULL);
  return g_strdup_printf ("vastus-%s%s.db", stamp, kind_suffixes[kind]);
}

gboolean
vastus_backup_parse_name (const char        *name,
                          GDateTime        **time,
                          VastusBackupKind  *kind)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *suffix = NULL;
  int f[6];
  VastusBackupKind k = VASTUS_BACKUP_KIND_REGULAR;
  GDateTime *t;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^vastus-([0-9]{4})-([0-9]{2})-([0-9]{2})"
                               "T([0-9]{2})-([0-9]{2})-([0-9]{2})Z"
                               "(-pre-migration|-pre-restore|-damaged)?(-[0-9]{1,4})?\\.db$",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  if (name == NULL || !g_regex_match (regex, name, 0, &match))
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *part = g_match_info_fetch (match, i + 1);

      f[i] = atoi (part);
    }
  suffix = g_match_info_fetch (match, 7);
  for (guint i = 1; i < G_N_ELEMENTS (kind_suffixes); i++)
    if (suffix != NULL && g_str_equal (suffix, kind_suffixes[i]))
      k = i;
  t = g_date_time_new_utc (f[0], f[1], f[2], f[3], f[4], f[5]);
  if (t == NULL)
    return FALSE;
  if (time != NULL)
    *time = t;
  else
    g_date_time_unref (t);
  if (kind != NULL)
    *kind = k;
  return TRUE;
}

/* Retention */

typedef struct
{
  GDateTime *time;
  guint      index;
} Dated;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Dated *da = a, *db = b;
  int c = g_date_time_compare (db->time, da->time);

  return c != 0 ? c : (int) da->index - (int) db->index;
}

static gint64
day_key (GDateTime *t)
{
  return g_date_time_get_year (t) * 10000 + g_date_time_get_month (t) * 100
         + g_date_time_get_day_of_month (t);
}

static gint64
week_key (GDateTime *t)
{
  return g_date_time_get_week_numbering_year (t) * 100 + g_date_time_get_week_of_year (t);
}

static gint64
month_key (GDateTime *t)
{
  return g_date_time_get_year (t) * 100 + g_date_time_get_month (t);
}

static void
keep_newest_per_bucket (const Dated *sorted,
                        guint        n,
                        gint64     (*key) (GDateTime *),
                        guint        limit,
                        gboolean    *keep)
{
  gint64 last = G_MININT64;
  guint buckets = 0;

  for (guint i = 0; i < n && buckets < limit; i++)
    {
      gint64 k = key (sorted[i].time);

      if (k == last)
        continue;
      last = k;
      keep[sorted[i].index] = TRUE;
      buckets++;
    }
}

gboolean *
vastus_backup_retention (GDateTime *const *times,
                         guint             n_times,
                         GDateTime        *now)
{
  g_autofree Dated *sorted = g_new0 (Dated, MAX (n_times, 1));
  gboolean *keep = g_new0 (gboolean, MAX (n_times, 1));
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);

  for (guint i = 0; i < n_times; i++)
    {
      sorted[i].time = g_date_time_to_utc (times[i]);
      sorted[i].index = i;
      /* The last 24 hours, and anything dated in the future (a clock that was wrong). */
      if (g_date_time_difference (now_utc, sorted[i].time) < G_TIME_SPAN_DAY)
        keep[i] = TRUE;
    }
  qsort (sorted, n_times, sizeof (Dated), compare_newest_first);
  keep_newest_per_bucket (sorted, n_times, day_key, VASTUS_BACKUP_KEEP_DAILY, keep);
  keep_newest_per_bucket (sorted, n_times, week_key, VASTUS_BACKUP_KEEP_WEEKLY, keep);
  keep_newest_per_bucket (sorted, n_times, month_key, VASTUS_BACKUP_KEEP_MONTHLY, keep);
  for (guint i = 0; i < n_times; i++)
    g_date_time_unref (sorted[i].time);
  return keep;
}

typedef struct
{
  char             *name;
  GDateTime        *time;
  VastusBackupKind  kind;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->name);
  g_date_time_unref (e->time);
  g_free (e);
}

/* The backup files in @folder (of Entry*); NULL with @error when it cannot be read, an empty
 * array when it does not exist. Stale temporary files left by a killed backup are removed. */
static GPtrArray *
scan_folder (const char  *folder,
             GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED, "%s",
                   local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Entry e = { 0 };

      if (g_str_has_prefix (name, ".vastus-backup-"))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          GStatBuf st;

          if (g_stat (path, &st) == 0 && time (NULL) - st.st_mtime > STALE_TEMP_AGE_S)
            g_unlink (path);
          continue;
        }
      if (!vastus_backup_parse_name (name, &e.time, &e.kind))
        continue;
      e.name = g_strdup (name);
      g_ptr_array_add (entries, g_memdup2 (&e, sizeof e));
    }
  return g_steal_pointer (&entries);
}

gboolean
vastus_backup_rotate (const char  *folder,
                      GDateTime   *now,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = scan_folder (folder, error);
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  gboolean ok = TRUE;

  if (entries == NULL)
    return FALSE;
  for (VastusBackupKind kind = VASTUS_BACKUP_KIND_REGULAR; kind < VASTUS_BACKUP_KIND_DAMAGED; kind++)
    {
      g_autoptr(GPtrArray) of_kind = g_ptr_array_new ();
      g_autoptr(GPtrArray) times = g_ptr_array_new ();
      g_autofree gboolean *keep = NULL;

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *e = g_ptr_array_index (entries, i);

          if (e->kind == kind)
            {
              g_ptr_array_add (of_kind, e);
              g_ptr_array_add (times, e->time);
            }
        }
      keep = vastus_backup_retention ((GDateTime *const *) times->pdata, times->len, clock);
      for (guint i = 0; i < of_kind->len; i++)
        {
          Entry *e = g_ptr_array_index (of_kind, i);
          g_autofree char *path = NULL;

          if (keep[i])
            continue;
          path = g_build_filename (folder, e->name, NULL);
          if (g_unlink (path) != 0 && errno != ENOENT && ok)
            {
              set_errno_error (error, errno, _("Could not remove an old backup"), path);
              ok = FALSE;
            }
        }
    }
  return ok;
}

/* Verification */

static gboolean
read_identity (sqlite3     *db,
               const char  *path,
               int         *version,
               GError     **error)
{
  gint64 app_id = 0, user_version = 0;

  if (!query_int (db, "PRAGMA application_id", path, &app_id, error)
      || !query_int (db, "PRAGMA user_version", path, &user_version, error))
    return FALSE;
  if (app_id != VASTUS_APPLICATION_ID || user_version < 1)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NOT_VASTUS,
                   _("%s is not a Vastus database"), path);
      return FALSE;
    }
  if (user_version > vastus_database_get_latest_schema_version ())
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NEWER,
                   _("%s was written by a newer version of Vastus (schema %d, this one knows %d)"),
                   path, (int) user_version, vastus_database_get_latest_schema_version ());
      return FALSE;
    }
  *version = (int) user_version;
  return TRUE;
}

static void
read_counts (sqlite3          *db,
             VastusBackupInfo *info)
{
  gint64 n = 0;

  if (query_int (db, "SELECT count(*) FROM patient", info->path, &n, NULL))
    info->n_patients = n;
  if (query_int (db, "SELECT count(*) FROM visit WHERE deleted_at IS NULL", info->path, &n, NULL))
    info->n_visits = n;
}

gboolean
vastus_backup_verify (const char        *path,
                      gboolean           full,
                      VastusBackupInfo **info,
                      GError           **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VastusBackupInfo) result = backup_info_new (path);
  GStatBuf st;
  int version = 0;

  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, errno, _("Could not read the backup"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NOT_VASTUS,
                   _("%s is empty"), path);
      return FALSE;
    }
  result->size = st.st_size;
  db = open_for_reading (path, error);
  if (db == NULL || !read_identity (db, path, &version, error))
    return FALSE;
  if (!run_integrity (db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                      path, problems, error))
    return FALSE;
  if (full && !run_foreign_key_check (db, path, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED,
                   _("%s is damaged: %s"), path, (const char *) problems->pdata[0]);
      return FALSE;
    }
  result->schema_version = version;
  read_counts (db, result);
  if (info != NULL)
    *info = g_steal_pointer (&result);
  return TRUE;
}

/* Copying */

/* Copies everything of @src into the database file @dest_path (which exists, maybe empty) with
 * the online backup API: one transaction on the destination. */
static gboolean
copy_database (sqlite3     *src,
               const char  *src_path,
               sqlite3     *dest,
               const char  *dest_path,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc, finish_rc;

  if (backup == NULL)
    {
      set_sqlite_error (error, dest, sqlite3_errcode (dest), _("Could not start the copy"),
                        dest_path);
      return FALSE;
    }
  for (int tries = 0; ; tries++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= STEP_RETRIES)
        break;
      sqlite3_sleep (50);
    }
  finish_rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      /* An error reading the source says so in the source's message. */
      int code = (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? rc : finish_rc;

      set_sqlite_error (error, dest, code != SQLITE_OK ? code : rc,
                        _("Could not copy the database"), src_path);
      return FALSE;
    }
  return TRUE;
}

/* A new file beside @final_path for the copy, created 0600. */
static char *
make_temp (const char  *folder,
           GError     **error)
{
  g_autofree char *tmpl = g_build_filename (folder, ".vastus-backup-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_errno_error (error, errno, _("Could not create the backup file"), folder);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static char *
unique_path (const char       *folder,
             GDateTime        *time,
             VastusBackupKind  kind)
{
  g_autofree char *name = vastus_backup_make_name (time, kind);
  char *path = g_build_filename (folder, name, NULL);

  for (int n = 1; g_file_test (path, G_FILE_TEST_EXISTS) && n < 10000; n++)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - 3);
      g_autofree char *numbered = g_strdup_printf ("%s-%d.db", stem, n);

      g_free (path);
      path = g_build_filename (folder, numbered, NULL);
    }
  return path;
}

static char *
create_backup (sqlite3           *src,
               const char        *db_path,
               const char        *dest,
               VastusBackupKind   kind,
               GDateTime         *now,
               GError           **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_autoptr(VastusBackupInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *final = NULL;
  g_autofree char *tmp = NULL;
  sqlite3 *dest_db;
  int src_version = 0;
  gboolean ok;

  /* Through a connection inside a transaction the copy would hold uncommitted changes. */
  if (!sqlite3_get_autocommit (src))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_BUSY,
                   _("A change to %s is in progress; back up after it is saved"), db_path);
      return NULL;
    }
  if (!read_identity (src, db_path, &src_version, error))
    return NULL;
  if (dest == NULL)
    {
      folder = vastus_backup_get_folder (db_path);
      if (!ensure_private_folder (folder, error))
        return NULL;
    }
  else
    {
      if (same_file (dest, db_path))
        {
          g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                       _("%s is the database itself"), dest);
          return NULL;
        }
      folder = g_path_get_dirname (dest);
      final = g_strdup (dest);
    }

  tmp = make_temp (folder, error);
  if (tmp == NULL)
    return NULL;
  dest_db = open_db (tmp, FALSE, error);
  ok = dest_db != NULL && copy_database (src, db_path, dest_db, tmp, error);
  /* A backup stands alone: no -wal beside it. */
  if (ok && sqlite3_exec (dest_db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, dest_db, sqlite3_errcode (dest_db),
                        _("Could not write the backup"), tmp);
      ok = FALSE;
    }
  if (dest_db != NULL && sqlite3_close (dest_db) != SQLITE_OK && ok)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   _("Could not close the backup %s"), tmp);
      ok = FALSE;
    }
  if (!ok)
    {
      remove_temp (tmp);
      return NULL;
    }

  if (!vastus_backup_verify (tmp, FALSE, &info, &local_error)
      || info->schema_version != src_version)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY,
                   _("The new backup did not verify, so it was removed: %s"),
                   local_error != NULL ? local_error->message : _("wrong schema version"));
      remove_temp (tmp);
      return NULL;
    }
  if (!sync_path (tmp, FALSE, error))
    {
      remove_temp (tmp);
      return NULL;
    }
  if (final == NULL)
    final = unique_path (folder, clock, kind);
  if (g_rename (tmp, final) != 0)
    {
      set_errno_error (error, errno, _("Could not store the backup"), final);
      remove_temp (tmp);
      return NULL;
    }
  if (!sync_path (folder, TRUE, error))
    return NULL;

  /* Only now that a good copy is in place may older ones go. */
  if (dest == NULL && !vastus_backup_rotate (folder, clock, &local_error))
    g_message ("Could not rotate old backups: %s", local_error->message);
  return g_steal_pointer (&final);
}

gboolean
_vastus_backup_from_handle (sqlite3           *handle,
                            const char        *db_path,
                            VastusBackupKind   kind,
                            GDateTime         *now,
                            char             **created,
                            GError           **error)
{
  g_autofree char *path = NULL;

  if (created != NULL)
    *created = NULL;
  if (db_path == NULL || *db_path == '\0' || g_str_equal (db_path, ":memory:"))
    return TRUE;
  path = create_backup (handle, db_path, NULL, kind, now, error);
  if (path == NULL)
    return FALSE;
  if (created != NULL)
    *created = g_steal_pointer (&path);
  return TRUE;
}

char *
vastus_backup_create (VastusDatabase    *db,
                      const char        *dest,
                      VastusBackupKind   kind,
                      GDateTime         *now,
                      GError           **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return create_backup (_vastus_database_get_handle (db), vastus_database_get_path (db), dest,
                        kind, now, error);
}

char *
vastus_backup_create_from_path (const char        *db_path,
                                const char        *dest,
                                VastusBackupKind   kind,
                                GDateTime         *now,
                                GError           **error)
{
  g_autoptr(sqlite3) src = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   _("There is no database at %s"), db_path);
      return NULL;
    }
  src = open_db (db_path, FALSE, error);
  if (src == NULL)
    return NULL;
  return create_backup (src, db_path, dest, kind, now, error);
}

gboolean
vastus_backup_automatic (const char      *db_path,
                         GDateTime       *now,
                         char           **created,
                         GError         **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GDateTime *newest = NULL;
  char *path;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (created != NULL)
    *created = NULL;
  if (g_str_equal (db_path, ":memory:"))
    return TRUE;
  folder = vastus_backup_get_folder (db_path);
  entries = scan_folder (folder, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);

      if (e->kind != VASTUS_BACKUP_KIND_DAMAGED
          && (newest == NULL || g_date_time_compare (e->time, newest) > 0))
        newest = e->time;
    }
  if (newest != NULL)
    {
      GTimeSpan age = g_date_time_difference (clock, newest);

      if (age >= 0 && age < G_TIME_SPAN_DAY)
        return TRUE;
    }
  path = vastus_backup_create_from_path (db_path, NULL, VASTUS_BACKUP_KIND_REGULAR, clock, error);
  if (path == NULL)
    return FALSE;
  if (created != NULL)
    *created = path;
  else
    g_free (path);
  return TRUE;
}

static int
compare_info_newest_first (gconstpointer a,
                           gconstpointer b)
{
  const VastusBackupInfo *ia = *(VastusBackupInfo *const *) a;
  const VastusBackupInfo *ib = *(VastusBackupInfo *const *) b;
  int c = g_date_time_compare (ib->time, ia->time);

  return c != 0 ? c : g_strcmp0 (ib->path, ia->path);
}

GPtrArray *
vastus_backup_list (const char  *db_path,
                    GError     **error)
{
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autoptr(GPtrArray) entries = scan_folder (folder, error);
  g_autoptr(GPtrArray) infos = NULL;

  if (entries == NULL)
    return NULL;
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_backup_info_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      g_autofree char *path = g_build_filename (folder, e->name, NULL);
      VastusBackupInfo *info = backup_info_new (path);
      g_autoptr(sqlite3) db = NULL;
      GStatBuf st;

      info->time = g_date_time_ref (e->time);
      info->kind = e->kind;
      if (g_stat (path, &st) == 0)
        info->size = st.st_size;
      if (info->size > 0 && (db = open_for_reading (path, NULL)) != NULL)
        {
          gint64 version;

          if (query_int (db, "PRAGMA user_version", path, &version, NULL))
            info->schema_version = (int) version;
          read_counts (db, info);
        }
      g_ptr_array_add (infos, info);
    }
  g_ptr_array_sort (infos, compare_info_newest_first);
  return g_steal_pointer (&infos);
}

/* Restore */

static gboolean
copy_file_raw (const char  *from,
               const char  *to,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (from, &contents, &length, &local_error)
      || !g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                    &local_error))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                   ? VASTUS_BACKUP_ERROR_NO_SPACE : VASTUS_BACKUP_ERROR_FAILED,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Sets a damaged database (and its -wal) aside, byte for byte. */
static char *
copy_aside (const char  *db_path,
            GDateTime   *clock,
            GError     **error)
{
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autofree char *target = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

  if (!ensure_private_folder (folder, error))
    return NULL;
  target = unique_path (folder, clock, VASTUS_BACKUP_KIND_DAMAGED);
  if (!copy_file_raw (db_path, target, error))
    return NULL;
  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);

      if (!copy_file_raw (wal, target_wal, error))
        return NULL;
    }
  return g_steal_pointer (&target);
}

/* For a database that cannot be opened: a fresh copy of @src beside it, renamed over it. */
static gboolean
replace_by_rename (sqlite3     *src,
                   const char  *file,
                   const char  *db_path,
                   GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *tmp = make_temp (folder, error);
  const char *sidecars[] = { "-wal", "-shm", "-journal" };
  sqlite3 *dest;
  gboolean ok;

  if (tmp == NULL)
    return FALSE;
  dest = open_db (tmp, FALSE, error);
  ok = dest != NULL && copy_database (src, file, dest, tmp, error);
  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   _("Could not close %s"), tmp);
      ok = FALSE;
    }
  if (!ok || !sync_path (tmp, FALSE, error))
    {
      remove_temp (tmp);
      return FALSE;
    }
  /* The damaged file's journal must not be replayed into the restored one. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (db_path, sidecars[i], NULL);

      g_unlink (sidecar);
    }
  if (g_rename (tmp, db_path) != 0)
    {
      set_errno_error (error, errno, _("Could not replace the database"), db_path);
      remove_temp (tmp);
      return FALSE;
    }
  return sync_path (folder, TRUE, error);
}

gboolean
vastus_backup_restore (const char  *db_path,
                       const char  *file,
                       GDateTime   *now,
                       char       **safety_backup,
                       GError     **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(sqlite3) dest = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *safety = NULL;
  gboolean damaged = FALSE;
  GStatBuf st;

  g_return_val_if_fail (db_path != NULL && file != NULL, FALSE);

  if (safety_backup != NULL)
    *safety_backup = NULL;
  if (g_str_equal (db_path, file) || same_file (db_path, file))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   _("%s is the database itself"), file);
      return FALSE;
    }
  if (!vastus_backup_verify (file, TRUE, NULL, error))
    return FALSE;

  /* Keep what is there now. */
  if (g_stat (db_path, &st) == 0 && st.st_size > 0)
    {
      safety = vastus_backup_create_from_path (db_path, NULL, VASTUS_BACKUP_KIND_PRE_RESTORE,
                                               clock, &local_error);
      if (safety == NULL)
        {
          if (!g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED)
              && !g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NOT_VASTUS)
              && !g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s",
                                          _("Could not back up the current database first: "));
              return FALSE;
            }
          g_clear_error (&local_error);
          damaged = TRUE;
          safety = copy_aside (db_path, clock, error);
          if (safety == NULL)
            return FALSE;
        }
    }

  src = open_for_reading (file, error);
  if (src == NULL)
    return FALSE;
  if (damaged || g_stat (db_path, &st) != 0)
    {
      if (!replace_by_rename (src, file, db_path, error))
        return FALSE;
    }
  else
    {
      dest = open_db (db_path, FALSE, error);
      if (dest == NULL || !copy_database (src, file, dest, db_path, error))
        return FALSE;
      if (!run_integrity (dest, "PRAGMA quick_check", db_path, problems, error))
        return FALSE;
      if (problems->len > 0)
        {
          g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED,
                       _("The restored database is damaged: %s"), (const char *) problems->pdata[0]);
          return FALSE;
        }
    }
  if (safety_backup != NULL)
    *safety_backup = g_steal_pointer (&safety);
  return TRUE;
}

/* Check */

static gboolean
check_handle (sqlite3     *db,
              const char  *path,
              GPtrArray  **problems,
              GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  int code;

  if (run_integrity (db, "PRAGMA integrity_check", path, found, &local_error)
      && run_foreign_key_check (db, path, found, &local_error))
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

  db = open_for_reading (path, &local_error);
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

gboolean
_vastus_backup_before_migration (sqlite3     *handle,
                                 const char  *db_path,
                                 int          from_version,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (from_version < 1
      || _vastus_backup_from_handle (handle, db_path, VASTUS_BACKUP_KIND_PRE_MIGRATION, NULL,
                                     NULL, &local_error))
    return TRUE;
  g_set_error (error, VASTUS_STORE_ERROR,
               local_error->code == VASTUS_BACKUP_ERROR_NO_SPACE ? VASTUS_STORE_ERROR_NO_SPACE
               : local_error->code == VASTUS_BACKUP_ERROR_BUSY ? VASTUS_STORE_ERROR_BUSY
               : VASTUS_STORE_ERROR_SCHEMA,
               "Not upgrading %s from schema version %d: the backup before the upgrade failed: %s",
               db_path, from_version, local_error->message);
  return FALSE;
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
  g_autoptr(sqlite3) db = open_for_reading (path, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc;

  if (db == NULL)
    return NULL;
  if (!query_int (db, "PRAGMA user_version", path, &value, error))
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
      set_sqlite_error (error, db, rc, _("Could not read the database"), path);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}
