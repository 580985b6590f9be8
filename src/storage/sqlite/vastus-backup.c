/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vastus-backup-private.h"
#include "vastus-sqlite-private.h"
#include "vastus-progress.h"

G_DEFINE_QUARK (vastus-backup-error-quark, vastus_backup_error)

#define STEP_RETRIES      100     /* × 50 ms: the source's busy handler is not used by the backup API */
#define STEP_PAGES        256     /* pages per step: 1 MiB at 4 KiB a page */

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
  GTimeZone *zone = g_date_time_get_timezone (now);
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);

  for (guint i = 0; i < n_times; i++)
    {
      /* Days, weeks and months of the clinic's calendar (@now's time zone), not UTC's: a backup
       * at 23:30 and one at 00:30 are on two days, wherever the clinic is. */
      sorted[i].time = g_date_time_to_timezone (times[i], zone);
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

/* Before each database's backups were named after it, every backup was "vastus-…". Those
 * belong to a database of another name only when no vastus.db sits beside it to own them. */
static gboolean
reads_legacy_names (const char *db_path,
                    const char *stem)
{
  g_autofree char *folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *default_db = NULL;

  if (g_str_equal (stem, "vastus"))
    return FALSE;
  /* The folder the database really is in, as its backups folder's. */
  folder = vastus_backup_get_folder (db_path);
  dir = g_path_get_dirname (folder);
  default_db = g_build_filename (dir, "vastus.db", NULL);
  return !g_file_test (default_db, G_FILE_TEST_EXISTS);
}

/* The backups of the database at @db_path in @folder (of Entry*): those named after it, and
 * with @legacy those an older Vastus named "vastus-…" for it (reads_legacy_names). NULL with
 * @error when the folder cannot be read, an empty array when it does not exist. Stale
 * temporary files left by a killed backup are removed. */
static GPtrArray *
scan_folder (const char  *folder,
             const char  *db_path,
             gboolean     legacy,
             GError     **error)
{
  g_autofree char *stem = vastus_backup_get_stem (db_path);
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
  _vastus_backup_remove_stale_temps (folder);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Entry e = { 0 };

      if (!vastus_backup_parse_name (stem, name, &e.time, &e.kind)
          && !(legacy && vastus_backup_parse_name ("vastus", name, &e.time, &e.kind)))
        continue;
      e.name = g_strdup (name);
      g_ptr_array_add (entries, g_memdup2 (&e, sizeof e));
    }
  return g_steal_pointer (&entries);
}

gboolean
vastus_backup_rotate (const char  *db_path,
                      GDateTime   *now,
                      GError     **error)
{
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  /* Only the database's own: backups an older Vastus named "vastus-…" may be another
   * database's, so they are listed but never deleted here. */
  g_autoptr(GPtrArray) entries = scan_folder (folder, db_path, FALSE, error);
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
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
              _vastus_backup_set_errno_error (error, errno, _("Could not remove an old backup"),
                                              path);
              ok = FALSE;
            }
        }
    }
  return ok;
}

/* Verification */

/* What the file open on @db is (vastus-schema.c), in VASTUS_BACKUP_ERROR. */
static gboolean
identify (sqlite3     *db,
          const char  *path,
          int         *version,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (_vastus_schema_identify (db, path, version, NULL, &local_error))
    return TRUE;
  return _vastus_backup_error_from_store (error, local_error);
}

static void
read_counts (sqlite3          *db,
             VastusBackupInfo *info)
{
  gint64 n = 0;

  if (_vastus_backup_query_int (db, "SELECT count(*) FROM patient", info->path, &n, NULL))
    info->n_patients = n;
  if (_vastus_backup_query_int (db, "SELECT count(*) FROM visit WHERE deleted_at IS NULL",
                                info->path, &n, NULL))
    info->n_visits = n;
}

static gboolean
problems_to_error (GPtrArray   *problems,
                   const char  *path,
                   GError     **error)
{
  if (problems->len == 0)
    return TRUE;
  if (problems->len == 1)
    g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED,
                 /* Translators: the database file's path, then what is wrong */
                 _("%s is damaged: %s"), path, (const char *) problems->pdata[0]);
  else
    g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED,
                 /* Translators: the first %s is the backup file, the second its first problem,
                  * %u the number of the other problems */
                 ngettext ("%s is damaged: %s (and %u more problem)",
                              "%s is damaged: %s (and %u more problems)", problems->len - 1),
                 path, (const char *) problems->pdata[0], problems->len - 1);
  return FALSE;
}

sqlite3 *
_vastus_backup_verified_copy (sqlite3     *src,
                              const char  *path,
                              int         *version,
                              GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) copy = NULL;

  if (!identify (src, path, version, error))
    return NULL;
  copy = _vastus_backup_copy_to_memory (src, path, error);
  if (copy == NULL)
    return NULL;
  if (!_vastus_check_copy (copy, path, problems, &local_error))
    return (_vastus_backup_error_from_store (error, local_error), NULL);
  if (!problems_to_error (problems, path, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
vastus_backup_verify (const char        *path,
                      gboolean           full,
                      VastusBackupInfo **info,
                      GError           **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3) copy = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VastusBackupInfo) result = backup_info_new (path);
  GStatBuf st;
  int version = 0;

  db = _vastus_backup_open_for_reading (path, error);
  if (db == NULL)
    return FALSE;
  if (g_stat (path, &st) == 0)
    result->size = st.st_size;
  if (full)
    {
      copy = _vastus_backup_verified_copy (db, path, &version, error);
      if (copy == NULL)
        return FALSE;
    }
  else if (!identify (db, path, &version, error)
           || !_vastus_backup_run_integrity (db, "PRAGMA quick_check", path, problems, error)
           || !problems_to_error (problems, path, error))
    return FALSE;
  result->schema_version = version;
  read_counts (db, result);
  if (info != NULL)
    *info = g_steal_pointer (&result);
  return TRUE;
}

/* Copying */

/* Copies everything of @src into the database file @dest_path (which exists, maybe empty) with
 * the online backup API: one transaction on the destination. In steps, saying how far it is
 * (vastus-progress.h), with the source held in one read transaction meanwhile: a write by
 * another connection does not start the copy again, and it copies one moment's data. Stopped,
 * the destination is left as it was; once the last step has committed it, it is too late to
 * stop (that last report is not asked whether to). */
gboolean
_vastus_backup_copy_database (sqlite3     *src,
                              const char  *src_path,
                              sqlite3     *dest,
                              const char  *dest_path,
                              GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  gboolean held = FALSE;
  gboolean stopped = FALSE;
  int rc, finish_rc;
  int tries = 0;

  if (backup == NULL)
    {
      _vastus_backup_set_sqlite_error (error, dest, sqlite3_errcode (dest),
                                       _("Could not start the copy"), dest_path);
      return FALSE;
    }
  /* A read of the schema starts the read transaction (BEGIN alone does not). */
  if (sqlite3_get_autocommit (src)
      && sqlite3_exec (src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL)
         == SQLITE_OK)
    held = TRUE;
  for (;;)
    {
      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if (rc == SQLITE_OK || rc == SQLITE_DONE)
        {
          int total = sqlite3_backup_pagecount (backup);

          tries = 0;
          /* Done, the destination's transaction is committed: too late to stop. */
          if (rc == SQLITE_DONE)
            {
              vastus_progress_report (total, total, NULL);
              break;
            }
          if (!vastus_progress_report (total - sqlite3_backup_remaining (backup), total, error))
            {
              stopped = TRUE;
              break;
            }
          continue;
        }
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries++ >= STEP_RETRIES)
        break;
      sqlite3_sleep (50);
    }
  finish_rc = sqlite3_backup_finish (backup);
  if (held)
    sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (stopped)
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      /* An error reading the source says so in the source's message. */
      int code = (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? rc : finish_rc;

      _vastus_backup_set_sqlite_error (error, dest, code != SQLITE_OK ? code : rc,
                                       _("Could not copy the database"), src_path);
      return FALSE;
    }
  return TRUE;
}

char *
_vastus_backup_unique_path (const char       *folder,
                            const char       *db_path,
                            GDateTime        *time,
                            VastusBackupKind  kind)
{
  g_autofree char *db_stem = vastus_backup_get_stem (db_path);
  g_autofree char *name = vastus_backup_make_name (db_stem, time, kind);
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

/* The paths a backup must never replace: the database and the files SQLite keeps beside it. */
static gboolean
is_database_file (const char *dest,
                  const char *db_path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *dest_dir = g_path_get_dirname (dest);
  g_autofree char *dest_name = g_path_get_basename (dest);
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *db_name = g_path_get_basename (db_path);
  g_autofree char *dest_real = realpath (dest_dir, NULL);
  g_autofree char *db_real = realpath (db_dir, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *name = g_strconcat (db_name, suffixes[i], NULL);

      if (_vastus_backup_same_file (dest, sidecar)
          || (dest_real != NULL && db_real != NULL && g_str_equal (dest_real, db_real)
              && g_str_equal (dest_name, name)))
        return TRUE;
    }
  return FALSE;
}

/* Checks @dest before any work: its folder exists, it is not the database or one of its files,
 * and it does not exist unless it may be replaced. */
static gboolean
check_destination (const char               *dest,
                   const char               *db_path,
                   VastusBackupCreateFlags   flags,
                   GError                  **error)
{
  g_autofree char *folder = g_path_get_dirname (dest);

  if (is_database_file (dest, db_path))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   /* Translators: a file's path */
                   _("%s is the database itself or one of its files: a backup never replaces it"),
                   dest);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   /* Translators: the backup's file name, then a folder */
                   _("Could not store the backup (%s): there is no folder %s"), dest, folder);
      return FALSE;
    }
  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   /* Translators: a path */
                   _("%s is a folder"), dest);
      return FALSE;
    }
  if (!(flags & VASTUS_BACKUP_CREATE_REPLACE) && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_EXISTS,
                   /* Translators: a file's path */
                   _("%s exists already, and Vastus does not replace it"), dest);
      return FALSE;
    }
  return TRUE;
}

/* A copy in memory, checked (its schema and integrity with every constraint), then written as
 * an unnamed file that is read back, synced and only then named: a killed process leaves no
 * copy of patient data behind, a failed one costs no old backup. */
static char *
create_backup (sqlite3                  *src,
               const char               *db_path,
               const char               *dest,
               VastusBackupCreateFlags   flags,
               VastusBackupKind          kind,
               GDateTime                *now,
               GError                  **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) copy = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *final = NULL;
  g_autofree char *temp_path = NULL;
  unsigned char *image;
  sqlite3_int64 size = 0;
  gboolean linked = FALSE;
  int version = 0, fd;

  /* Through a connection inside a transaction the copy would hold uncommitted changes. */
  if (!sqlite3_get_autocommit (src))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_BUSY,
                   /* Translators: the database file's path */
                   _("A change to %s is in progress; back up after it is saved"), db_path);
      return NULL;
    }
  if (dest == NULL)
    {
      folder = vastus_backup_get_folder (db_path);
      if (!_vastus_backup_ensure_private_folder (folder, error))
        return NULL;
    }
  else
    {
      if (!check_destination (dest, db_path, flags, error))
        return NULL;
      folder = g_path_get_dirname (dest);
    }
  _vastus_backup_remove_stale_temps (folder);

  if (!identify (src, db_path, &version, error))
    return NULL;
  /* The copy is most of the way; the last step is the backup named, which is no longer a place
   * to stop (vastus-progress.h). */
  vastus_progress_push_part (0, 0.9);
  copy = _vastus_backup_copy_to_memory (src, db_path, error);
  vastus_progress_pop ();
  if (copy == NULL)
    return NULL;
  if (!_vastus_backup_run_integrity (copy, "PRAGMA quick_check", db_path, problems, &local_error)
      || !problems_to_error (problems, db_path, &local_error))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY,
                   /* Translators: %s is what the check found wrong */
                   _("The new backup did not verify, so it was not kept: %s"),
                   local_error->message);
      return NULL;
    }
  image = sqlite3_serialize (copy, "main", &size, SQLITE_SERIALIZE_NOCOPY);
  if (image == NULL)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   /* Translators: the database file's path */
                   _("Could not copy the database (%s): out of memory"), db_path);
      return NULL;
    }
  fd = _vastus_backup_write_temp (folder, image, (gsize) size, &temp_path, error);
  if (fd < 0)
    return NULL;
  if (dest != NULL)
    {
      final = g_strdup (dest);
      linked = _vastus_backup_link_temp (fd, temp_path, final,
                                         (flags & VASTUS_BACKUP_CREATE_REPLACE) != 0, error);
    }
  else
    /* Two backups in the same second get numbered names. */
    for (int tries = 0; !linked && tries < 5; tries++)
      {
        g_clear_error (&local_error);
        g_free (final);
        final = _vastus_backup_unique_path (folder, db_path, clock, kind);
        linked = _vastus_backup_link_temp (fd, temp_path, final, FALSE, &local_error);
        if (!linked && !g_error_matches (local_error, VASTUS_BACKUP_ERROR,
                                         VASTUS_BACKUP_ERROR_EXISTS))
          break;
      }
  if (temp_path != NULL)
    _vastus_backup_remove_temp (temp_path);
  close (fd);
  if (!linked)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Named, verified and complete: too late to stop (this last report is not asked whether to). */
  vastus_progress_report (1, 1, NULL);

  /* The backup is complete and named. Should syncing its folder fail, its name might not
   * survive a power cut: it is still reported (it is there, and a caller told otherwise would
   * lose track of it or take another), but older backups are not rotated away on its account. */
  if (!_vastus_backup_sync_path (folder, TRUE, &local_error))
    {
      g_message ("The backup %s is written, but its folder could not be synced (%s): older "
                 "backups are kept", final, local_error->message);
      return g_steal_pointer (&final);
    }
  if (dest == NULL && !vastus_backup_rotate (db_path, clock, &local_error))
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
  path = create_backup (handle, db_path, NULL, VASTUS_BACKUP_CREATE_DEFAULT, kind, now, error);
  if (path == NULL)
    return FALSE;
  if (created != NULL)
    *created = g_steal_pointer (&path);
  return TRUE;
}

char *
vastus_backup_create_full (VastusDatabase           *db,
                           const char               *dest,
                           VastusBackupCreateFlags   flags,
                           VastusBackupKind          kind,
                           GDateTime                *now,
                           GError                  **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (_vastus_database_get_handle (db) == NULL)
    return _vastus_backup_create_server (db, dest, flags, kind, now, error);
  return create_backup (_vastus_database_get_handle (db), vastus_database_get_path (db), dest,
                        flags, kind, now, error);
}

char *
vastus_backup_create (VastusDatabase    *db,
                      const char        *dest,
                      VastusBackupKind   kind,
                      GDateTime         *now,
                      GError           **error)
{
  return vastus_backup_create_full (db, dest, VASTUS_BACKUP_CREATE_DEFAULT, kind, now, error);
}

char *
vastus_backup_create_from_path (const char        *db_path,
                                const char        *dest,
                                VastusBackupCreateFlags flags,
                                VastusBackupKind   kind,
                                GDateTime         *now,
                                GError           **error)
{
  g_autoptr(sqlite3) src = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   /* Translators: a file's path */
                   _("There is no database at %s"), db_path);
      return NULL;
    }
  src = _vastus_backup_open_for_reading (db_path, error);
  if (src == NULL)
    return NULL;
  return create_backup (src, db_path, dest, flags, kind, now, error);
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
  /* Today's backup of this database, by its own name only: another database's beside it, or
   * an old "vastus-…" one, does not spare it one. */
  entries = scan_folder (folder, db_path, FALSE, error);
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
  path = vastus_backup_create_from_path (db_path, NULL, VASTUS_BACKUP_CREATE_DEFAULT,
                                         VASTUS_BACKUP_KIND_REGULAR, clock, error);
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
  g_autofree char *stem = vastus_backup_get_stem (db_path);
  g_autoptr(GPtrArray) entries = scan_folder (folder, db_path,
                                              reads_legacy_names (db_path, stem), error);
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

      if (!vastus_progress_report (i, entries->len, error))
        {
          vastus_backup_info_free (info);
          return NULL;
        }
      info->time = g_date_time_ref (e->time);
      info->kind = e->kind;
      if (g_stat (path, &st) == 0)
        info->size = st.st_size;
      if (info->size > 0 && (db = _vastus_backup_open_for_reading (path, NULL)) != NULL)
        {
          gint64 version;

          if (_vastus_backup_query_int (db, "PRAGMA user_version", path, &version, NULL))
            info->schema_version = (int) version;
          read_counts (db, info);
        }
      g_ptr_array_add (infos, info);
    }
  g_ptr_array_sort (infos, compare_info_newest_first);
  return g_steal_pointer (&infos);
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
               /* Translators: the database's path, its schema version (a number), then the reason the backup failed */
               _("Not upgrading %s from schema version %d: the backup before the upgrade failed: %s"),
               db_path, from_version, local_error->message);
  return FALSE;
}
