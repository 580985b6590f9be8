/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "vastus-backup-private.h"
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
  target = _vastus_backup_unique_path (folder, clock, VASTUS_BACKUP_KIND_DAMAGED);
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
  g_autofree char *tmp = _vastus_backup_make_temp (folder, error);
  const char *sidecars[] = { "-wal", "-shm", "-journal" };
  sqlite3 *dest;
  gboolean ok;

  if (tmp == NULL)
    return FALSE;
  dest = _vastus_backup_open_db (tmp, FALSE, error);
  ok = dest != NULL && _vastus_backup_copy_database (src, file, dest, tmp, error);
  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED,
                   _("Could not close %s"), tmp);
      ok = FALSE;
    }
  if (!ok || !_vastus_backup_sync_path (tmp, FALSE, error))
    {
      _vastus_backup_remove_temp (tmp);
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
      _vastus_backup_set_errno_error (error, errno, _("Could not replace the database"), db_path);
      _vastus_backup_remove_temp (tmp);
      return FALSE;
    }
  return _vastus_backup_sync_path (folder, TRUE, error);
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
  if (g_str_equal (db_path, file) || _vastus_backup_same_file (db_path, file))
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   _("%s is the database itself"), file);
      return FALSE;
    }
  if (!vastus_progress_report (0, 0, error) || !vastus_backup_verify (file, TRUE, NULL, error))
    return FALSE;

  /* Keep what is there now: the first half of the way (vastus-progress.h). */
  if (g_stat (db_path, &st) == 0 && st.st_size > 0)
    {
      vastus_progress_push_part (0, 0.5);
      safety = vastus_backup_create_from_path (db_path, NULL, VASTUS_BACKUP_KIND_PRE_RESTORE,
                                               clock, &local_error);
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

  src = _vastus_backup_open_for_reading (file, error);
  if (src == NULL)
    return FALSE;
  if (damaged || g_stat (db_path, &st) != 0)
    {
      if (!replace_by_rename (src, file, db_path, error))
        return FALSE;
    }
  else
    {
      gboolean copied;

      dest = _vastus_backup_open_db (db_path, FALSE, error);
      vastus_progress_push_part (safety != NULL ? 0.5 : 0, 1);
      copied = dest != NULL && _vastus_backup_copy_database (src, file, dest, db_path, error);
      vastus_progress_pop ();
      if (!copied)
        return FALSE;
      if (!_vastus_backup_run_integrity (dest, "PRAGMA quick_check", db_path, problems, error))
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
