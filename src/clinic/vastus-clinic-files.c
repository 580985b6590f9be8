/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <errno.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <string.h>

#include "vastus-backup-item-private.h"
#include "vastus-backup.h"
#include "vastus-clinic-private.h"
#include "vastus-csv-export.h"
#include "vastus-progress.h"

/* The long calls on files: exports, backups, restoring, checking, recovering. Each says how far
 * it is (storage reports it, vastus-progress.h) and stops when cancelled, leaving nothing
 * half-done. */

typedef struct
{
  char     *path;         /* the database */
  char     *target;       /* the file to write or read, NULL when none */
  char     *mrn;
  gboolean  deidentify;
  gboolean  keep_copy;
} FileCall;

static void
file_call_free (FileCall *call)
{
  g_free (call->path);
  g_free (call->target);
  g_free (call->mrn);
  g_free (call);
}

static FileCall *
file_call_new (VastusClinic *self,
               const char   *target)
{
  FileCall *call = g_new0 (FileCall, 1);

  call->path = g_strdup (vastus_clinic_get_path (self));
  call->target = g_strdup (target);
  return call;
}

/* Exporting */

static gpointer
export_csv_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  FileCall *call = data;
  g_autofree char *csv = NULL;
  gsize length = 0;

  csv = call->deidentify ? vastus_csv_export_deidentified (db, call->mrn, &length, error)
                         : vastus_csv_export (db, call->mrn, &length, error);
  if (csv == NULL)
    return NULL;
  /* Atomic (a temporary file renamed over the target) and private, like the database. */
  if (!g_file_set_contents_full (call->target, csv, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 error))
    return NULL;
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_export_csv_async (VastusClinic             *self,
                                const char               *mrn,
                                gboolean                  deidentify,
                                const char               *path,
                                VastusClinicProgressFunc  progress,
                                gpointer                  progress_data,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  FileCall *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (path != NULL);

  call = file_call_new (self, path);
  call->mrn = g_strdup (mrn);
  call->deidentify = deidentify;
  /* A de-identified export gives study codes on first use: a write. */
  _vastus_clinic_run_with_progress (self, deidentify ? VASTUS_CLINIC_WRITE : VASTUS_CLINIC_READ,
                                    export_csv_func, call, (GDestroyNotify) file_call_free, NULL,
                                    progress, progress_data, cancellable,
                                    vastus_clinic_export_csv_async, callback, user_data);
}

gboolean
vastus_clinic_export_csv_finish (VastusClinic  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_export_csv_async, error);
}

/* Backing up */

static gpointer
back_up_func (VastusClinicJob  *job,
              VastusDatabase   *db,
              gpointer          data,
              GCancellable     *cancellable,
              GError          **error)
{
  FileCall *call = data;
  char *created;

  /* A connection of its own, on this reader thread: the writer goes on meanwhile. The file
   * chooser has asked before an existing file is replaced. */
  created = vastus_backup_create_from_path (call->path, call->target, VASTUS_BACKUP_CREATE_REPLACE,
                                            VASTUS_BACKUP_KIND_REGULAR, NULL, error);
  /* Written and verified: a Cancel after its last step is told that the backup exists. */
  if (created != NULL)
    _vastus_clinic_job_set_lasting (job);
  return created;
}

void
vastus_clinic_back_up_async (VastusClinic             *self,
                             const char               *path,
                             VastusClinicProgressFunc  progress,
                             gpointer                  progress_data,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run_with_progress (self, VASTUS_CLINIC_FILES, back_up_func,
                                    file_call_new (self, path), (GDestroyNotify) file_call_free,
                                    g_free, progress, progress_data, cancellable,
                                    vastus_clinic_back_up_async, callback, user_data);
}

char *
vastus_clinic_back_up_finish (VastusClinic  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_back_up_async, error);
}

static gpointer
list_backups_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  FileCall *call = data;
  g_autoptr(GPtrArray) infos = vastus_backup_list (call->path, error);
  GListStore *store;

  if (infos == NULL)
    return NULL;
  store = g_list_store_new (VASTUS_TYPE_BACKUP_ITEM);
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(VastusBackupItem) item = _vastus_backup_item_new (g_ptr_array_index (infos, i));

      g_list_store_append (store, item);
    }
  return store;
}

void
vastus_clinic_list_backups_async (VastusClinic             *self,
                                  VastusClinicProgressFunc  progress,
                                  gpointer                  progress_data,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run_with_progress (self, VASTUS_CLINIC_FILES, list_backups_func,
                                    file_call_new (self, NULL), (GDestroyNotify) file_call_free,
                                    g_object_unref, progress, progress_data, cancellable,
                                    vastus_clinic_list_backups_async, callback, user_data);
}

GListModel *
vastus_clinic_list_backups_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_list_backups_async, error);
}

/* Restoring */

static gpointer
restore_func (VastusClinicJob  *job,
              VastusDatabase   *db,
              gpointer          data,
              GCancellable     *cancellable,
              GError          **error)
{
  FileCall *call = data;
  char *safety = NULL;

  if (!vastus_backup_restore (call->path, call->target, NULL, &safety, error))
    return NULL;
  /* Nothing to keep when there was no database: "". */
  return safety != NULL ? safety : g_strdup ("");
}

void
vastus_clinic_restore_async (VastusClinic             *self,
                             const char               *backup,
                             VastusClinicProgressFunc  progress,
                             gpointer                  progress_data,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (backup != NULL);

  _vastus_clinic_run_with_progress (self, VASTUS_CLINIC_REPLACE, restore_func,
                                    file_call_new (self, backup), (GDestroyNotify) file_call_free,
                                    g_free, progress, progress_data, cancellable,
                                    vastus_clinic_restore_async, callback, user_data);
}

gboolean
vastus_clinic_restore_finish (VastusClinic  *self,
                              GAsyncResult  *result,
                              char         **safety_backup,
                              GError       **error)
{
  g_autofree char *safety = _vastus_clinic_finish (self, result, vastus_clinic_restore_async,
                                                   error);

  if (safety_backup != NULL)
    *safety_backup = safety != NULL && *safety != '\0' ? g_strdup (safety) : NULL;
  return safety != NULL;
}

/* Checking, and the daily backup */

static gpointer
check_func (VastusClinicJob  *job,
            VastusDatabase   *db,
            gpointer          data,
            GCancellable     *cancellable,
            GError          **error)
{
  FileCall *call = data;
  GPtrArray *problems = NULL;

  if (!vastus_database_check_full_path (call->path, &problems, error))
    return NULL;
  return problems;
}

void
vastus_clinic_check_async (VastusClinic        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run (self, VASTUS_CLINIC_FILES, check_func, file_call_new (self, NULL),
                      (GDestroyNotify) file_call_free, (GDestroyNotify) g_ptr_array_unref,
                      cancellable, vastus_clinic_check_async, callback, user_data);
}

GPtrArray *
vastus_clinic_check_finish (VastusClinic  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_check_async, error);
}

static gpointer
daily_backup_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  FileCall *call = data;
  char *created = NULL;

  if (!vastus_backup_automatic (call->path, NULL, &created, error))
    return NULL;
  return created != NULL ? created : g_strdup ("");
}

void
vastus_clinic_daily_backup_async (VastusClinic        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run (self, VASTUS_CLINIC_FILES, daily_backup_func, file_call_new (self, NULL),
                      (GDestroyNotify) file_call_free, g_free, cancellable,
                      vastus_clinic_daily_backup_async, callback, user_data);
}

char *
vastus_clinic_daily_backup_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_daily_backup_async, error);
}

/* Recovering a database that cannot be opened */

typedef struct
{
  char             *kept_copy;
  VastusBackupItem *backup;
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_free (recovery->kept_copy);
  g_clear_object (&recovery->backup);
  g_free (recovery);
}

static gboolean
same_contents (const char *path,
               const char *contents,
               gsize       length)
{
  g_autofree char *other = NULL;
  gsize other_length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (gsize) st.st_size != length)
    return FALSE;
  if (!g_file_get_contents (path, &other, &other_length, NULL))
    return FALSE;
  return other_length == length && memcmp (other, contents, length) == 0;
}

/* Copies @path (and its -wal) byte for byte into the backups folder as a damaged copy, unless
 * an identical copy is there already (opening the same broken file twice keeps one copy).
 * Returns the copy's path; NULL (and logs why) when it could not be made. Never writes @path. */
static char *
keep_copy_aside (const char *path,
                 GPtrArray  *backups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  g_autofree char *folder = vastus_backup_get_folder (path);
  g_autofree char *db_stem = vastus_backup_get_stem (path);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_message ("Cannot read %s to keep a copy: %s", path, error->message);
      return NULL;
    }
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);

      if (info->kind == VASTUS_BACKUP_KIND_DAMAGED && same_contents (info->path, contents, length))
        return g_strdup (info->path);
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_message ("Cannot create %s: %s", folder, g_strerror (errno));
      return NULL;
    }
  name = vastus_backup_make_name (db_stem, now, VASTUS_BACKUP_KIND_DAMAGED);
  target = g_build_filename (folder, name, NULL);
  for (guint n = 1; g_file_test (target, G_FILE_TEST_EXISTS) && n < 10000; n++)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".db"));
      g_autofree char *numbered = g_strdup_printf ("%s-%u.db", stem, n);

      g_free (target);
      target = g_build_filename (folder, numbered, NULL);
    }
  if (!g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_message ("Cannot keep a copy of %s: %s", path, error->message);
      return NULL;
    }
  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *wal_contents = NULL;
      g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);
      gsize wal_length = 0;

      if (!g_file_get_contents (wal, &wal_contents, &wal_length, &error)
          || !g_file_set_contents_full (target_wal, wal_contents, wal_length,
                                        G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        g_message ("Cannot keep a copy of %s: %s", wal, error->message);
    }
  g_message ("Kept a copy of the damaged database %s as %s", path, target);
  return g_steal_pointer (&target);
}

static gpointer
recovery_func (VastusClinicJob  *job,
               VastusDatabase   *db,
               gpointer          data,
               GCancellable     *cancellable,
               GError          **error)
{
  FileCall *call = data;
  Recovery *recovery = g_new0 (Recovery, 1);
  g_autoptr(GPtrArray) backups = NULL;

  /* Listing reads each backup: the first half of the way. */
  vastus_progress_push_part (0, 0.5);
  backups = vastus_backup_list (call->path, NULL);
  vastus_progress_pop ();
  /* Cancelled while listing: no copy is set aside after that. */
  if (!vastus_progress_report (1, 2, error))
    {
      recovery_free (recovery);
      return NULL;
    }
  if (call->keep_copy)
    recovery->kept_copy = keep_copy_aside (call->path, backups);
  /* The newest backup that verifies (a quick check), skipping damaged copies. */
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GError) local_error = NULL;

      if (!vastus_progress_report (backups->len + i, 2 * backups->len, error))
        {
          recovery_free (recovery);
          return NULL;
        }
      if (info->kind == VASTUS_BACKUP_KIND_DAMAGED || info->n_patients < 0)
        continue;
      if (!vastus_backup_verify (info->path, FALSE, NULL, &local_error))
        {
          g_message ("Backup %s does not verify: %s", info->path, local_error->message);
          continue;
        }
      recovery->backup = _vastus_backup_item_new (info);
      break;
    }
  return recovery;
}

void
vastus_clinic_prepare_recovery_async (VastusClinic             *self,
                                      gboolean                  keep_copy,
                                      VastusClinicProgressFunc  progress,
                                      gpointer                  progress_data,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  FileCall *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  call = file_call_new (self, NULL);
  call->keep_copy = keep_copy;
  _vastus_clinic_run_with_progress (self, VASTUS_CLINIC_FILES, recovery_func, call,
                                    (GDestroyNotify) file_call_free,
                                    (GDestroyNotify) recovery_free, progress, progress_data,
                                    cancellable, vastus_clinic_prepare_recovery_async, callback,
                                    user_data);
}

gboolean
vastus_clinic_prepare_recovery_finish (VastusClinic      *self,
                                       GAsyncResult      *result,
                                       char             **kept_copy,
                                       VastusBackupItem **backup,
                                       GError           **error)
{
  Recovery *recovery = _vastus_clinic_finish (self, result, vastus_clinic_prepare_recovery_async,
                                              error);

  if (recovery == NULL)
    return FALSE;
  if (kept_copy != NULL)
    *kept_copy = g_steal_pointer (&recovery->kept_copy);
  if (backup != NULL)
    *backup = g_steal_pointer (&recovery->backup);
  recovery_free (recovery);
  return TRUE;
}
