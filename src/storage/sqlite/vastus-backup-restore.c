/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "vastus-backup-private.h"
#include "vastus-sqlite-private.h"
#include "vastus-progress.h"

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

  if (!_vastus_backup_ensure_private_folder (folder, error))
    return NULL;
  target = _vastus_backup_unique_path (folder, db_path, clock, VASTUS_BACKUP_KIND_DAMAGED);
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

/* For a database that cannot be opened, or is missing: the checked copy written beside it and
 * renamed over it, its old journal removed first so that it is not replayed into the copy. */
static gboolean
replace_by_rename (sqlite3     *copy,
                   const char  *file,
                   const char  *db_path,
                   GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *temp_path = NULL;
  const char *sidecars[] = { "-wal", "-shm", "-journal" };
  sqlite3_int64 size = 0;
  unsigned char *image = sqlite3_serialize (copy, "main", &size, SQLITE_SERIALIZE_NOCOPY);
  gboolean ok;
  int fd;

  if (image == NULL)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   _("Could not copy the database (%s): out of memory"), file);
      return FALSE;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not create the folder"), folder);
      return FALSE;
    }
  fd = _vastus_backup_write_temp (folder, image, (gsize) size, &temp_path, error);
  if (fd < 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (db_path, sidecars[i], NULL);

      g_unlink (sidecar);
    }
  ok = _vastus_backup_link_temp (fd, temp_path, db_path, TRUE, error);
  if (temp_path != NULL)
    _vastus_backup_remove_temp (temp_path);
  close (fd);
  return ok && _vastus_backup_sync_path (folder, TRUE, error);
}

/* Stopped before the database was touched, the copy of it just kept (@safety, and the -wal of a
 * damaged one set aside) is not a backup anyone asked for: it goes, and the backups are as they
 * were. */
static void
forget_safety (const char *safety)
{
  g_autofree char *wal = g_strconcat (safety, "-wal", NULL);

  if (g_unlink (safety) != 0)
    g_message ("Could not remove %s after the restore was cancelled: %s", safety,
               g_strerror (errno));
  g_unlink (wal);
}

/* The candidate on a second private copy, upgraded to this version's schema as opening it
 * will: a backup that could not be upgraded is refused now, not after it replaced the database. */
static gboolean
try_upgrade (sqlite3     *copy,
             const char  *file,
             int          version,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) trial = NULL;

  if (version >= vastus_database_get_latest_schema_version ())
    return TRUE;
  trial = _vastus_backup_copy_to_memory (copy, file, error);
  if (trial == NULL)
    return FALSE;
  if (_vastus_database_try_upgrade (trial, file, version, &local_error))
    return TRUE;
  g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY,
               /* Translators: the first %s is the backup file, the second the reason */
               _("%s cannot be upgraded to this version of Vastus: %s"), file,
               local_error->message);
  return FALSE;
}

gboolean
vastus_backup_restore (const char  *db_path,
                       const char  *file,
                       GDateTime   *now,
                       char       **safety_backup,
                       GError     **error)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(sqlite3) copy = NULL;
  g_autoptr(sqlite3) dest = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *safety = NULL;
  gboolean damaged = FALSE;
  gboolean checked;
  int version = 0;
  GStatBuf st;

  g_return_val_if_fail (db_path != NULL && file != NULL, FALSE);

  clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  problems = g_ptr_array_new_with_free_func (g_free);
  if (safety_backup != NULL)
    *safety_backup = NULL;
  if (g_str_equal (db_path, file) || _vastus_backup_same_file (db_path, file))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   /* Translators: %s is the path of the file chosen to restore from, which is
                    * the open database file */
                   _("%s is the database itself"), file);
      return FALSE;
    }

  /* Everything is checked on a private, writable copy before the database is touched: the
   * first part of the way (vastus-progress.h), keeping what is there now the second, copying
   * the third. */
  if (!vastus_progress_report (0, 0, error))
    return FALSE;
  src = _vastus_backup_open_for_reading (file, error);
  if (src == NULL)
    return FALSE;
  vastus_progress_push_part (0, 0.3);
  copy = _vastus_backup_verified_copy (src, file, &version, error);
  vastus_progress_pop ();
  vastus_progress_push_part (0.3, 0.4);
  checked = copy != NULL && try_upgrade (copy, file, version, error);
  vastus_progress_pop ();
  if (!checked)
    return FALSE;
  g_clear_pointer (&src, _vastus_backup_close_db);

  /* Keep what is there now. */
  if (g_stat (db_path, &st) == 0 && st.st_size > 0)
    {
      vastus_progress_push_part (0.4, 0.7);
      safety = vastus_backup_create_from_path (db_path, NULL, VASTUS_BACKUP_CREATE_DEFAULT,
                                               VASTUS_BACKUP_KIND_PRE_RESTORE, clock, &local_error);
      vastus_progress_pop ();
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (safety == NULL)
        {
          if (!g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED)
              && !g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NOT_VASTUS)
              && !g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NEWER)
              && !g_error_matches (local_error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_VERIFY))
            {
              g_set_error (error, local_error->domain, local_error->code,
                           /* Translators: %s is why (an error message). */
                           _("Could not back up the current database first: %s"),
                           local_error->message);
              return FALSE;
            }
          g_clear_error (&local_error);
          damaged = TRUE;
          safety = copy_aside (db_path, clock, error);
          if (safety == NULL)
            return FALSE;
        }
      /* The last place to stop before the database is replaced (the copy over it can still be
       * stopped until it commits): the database is as it was, and so are its backups. */
      if (!vastus_progress_report (7, 10, error))
        {
          forget_safety (safety);
          return FALSE;
        }
    }

  if (damaged || g_stat (db_path, &st) != 0 || st.st_size == 0)
    {
      if (!replace_by_rename (copy, file, db_path, error))
        return FALSE;
    }
  else
    {
      gboolean copied;

      dest = _vastus_backup_open_db (db_path, FALSE, error);
      vastus_progress_push_part (safety != NULL ? 0.7 : 0.4, 1);
      copied = dest != NULL && _vastus_backup_copy_database (copy, file, dest, db_path,
                                                             &local_error);
      vastus_progress_pop ();
      if (!copied)
        {
          if (local_error == NULL)
            return FALSE;
          /* Stopped before the copy committed: the database is as it was. */
          if (safety != NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            forget_safety (safety);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!_vastus_backup_run_integrity (dest, "PRAGMA quick_check", db_path, problems, error))
        return FALSE;
      if (problems->len > 0)
        {
          g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED,
                       /* Translators: %s is the first problem the check found */
                       _("The restored database is damaged: %s"), (const char *) problems->pdata[0]);
          return FALSE;
        }
    }
  if (safety_backup != NULL)
    *safety_backup = g_steal_pointer (&safety);
  return TRUE;
}
