/* vastus-clinic-folder.c: questions to the disk or a network share that may hang (whether a
 * saved folder can be used again, where the backups folder really is, whether the database
 * file is there yet), each answered by a deadline, off the main thread and off the workers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-backup.h"
#include "vastus-clinic-private.h"
#include "vastus-i18n.h"

/* Not on the clinic's workers: a network share that hangs would hold one of the two readers
 * for as long as it hangs (the lists and records waiting behind it), a restore waiting for the
 * readers, and closing the clinic waiting for its workers. Each question has a thread of its
 * own instead, which nothing waits for: the answer comes by the deadline, and a thread still
 * waiting on the share holds nothing of the clinic's; it ends whenever the share answers, its
 * answer dropped. Not counted in n-pending either, for the same reason. One rule for every
 * question of this kind (_vastus_clinic_ask_disk_async); each caller says what the deadline
 * means for its own answer. */

typedef struct
{
  gint            ref_count;    /* atomic */
  char           *path;         /* asked about */
  char           *folder;       /* named when it does not answer */
  VastusDiskFunc  func;
  guint           delay_ms;     /* the clinic's delay hook, as on its workers */
  gpointer        answer;       /* the thread's, written before it is delivered */
  GDestroyNotify  answer_free;
  GMainContext   *context;

  /* On @context only. */
  GTask          *task;         /* until answered */
  GSource        *deadline;
  GSource        *cancelled;
} DiskCheck;

static DiskCheck *
disk_check_ref (DiskCheck *check)
{
  g_atomic_int_inc (&check->ref_count);
  return check;
}

static void
disk_check_unref (DiskCheck *check)
{
  if (!g_atomic_int_dec_and_test (&check->ref_count))
    return;
  /* Every source holds a reference, and the task is answered before they go. An answer that
   * came after the deadline is dropped here. */
  if (check->answer != NULL && check->answer_free != NULL)
    check->answer_free (check->answer);
  g_free (check->path);
  g_free (check->folder);
  g_main_context_unref (check->context);
  g_free (check);
}

static void
drop_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* On @context: the first of the thread, the deadline and Cancel answers; the others are
 * dropped. @error: NULL for the thread's answer (taken from @check). */
static void
answer (DiskCheck *check,
        GError    *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&check->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  drop_source (&check->deadline);
  drop_source (&check->cancelled);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&check->answer), check->answer_free);
}

static gboolean
checked_cb (gpointer data)
{
  answer (data, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer data)
{
  DiskCheck *check = data;
  guint seconds = VASTUS_CLINIC_FOLDER_DEADLINE_MS / 1000;

  g_message ("%s did not answer within %d ms", check->folder, VASTUS_CLINIC_FOLDER_DEADLINE_MS);
  answer (check, g_error_new (VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NO_ANSWER,
                              /* Translators: %s is a folder's path, %u a number of seconds
                               * (5); said when a disk or network share does not answer */
                              ngettext ("The folder %s did not answer within %u second: it may "
                                        "be on a network share that is slow or cut off",
                                        "The folder %s did not answer within %u seconds: it may "
                                        "be on a network share that is slow or cut off",
                                        seconds),
                              check->folder, seconds));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  DiskCheck *check = data;
  GError *error = NULL;

  /* GIO's own words (never shown: whoever cancelled is gone). */
  if (check->task != NULL)
    g_cancellable_set_error_if_cancelled (g_task_get_cancellable (check->task), &error);
  answer (check, error);
  return G_SOURCE_REMOVE;
}

static gpointer
check_thread (gpointer data)
{
  DiskCheck *check = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  /* The delay stands for a share that is slow to answer. */
  if (check->delay_ms > 0)
    g_usleep (check->delay_ms * 1000);
  /* The disk or the share may take its time. */
  check->answer = check->func (check->path);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, checked_cb, check, (GDestroyNotify) disk_check_unref);
  g_source_set_static_name (source, "[vastus] disk answered");
  g_source_attach (source, check->context);
  return NULL;
}

static void
attach (DiskCheck   *check,
        GSource     *source,
        GSourceFunc  func,
        const char  *name)
{
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, disk_check_ref (check),
                         (GDestroyNotify) disk_check_unref);
  g_source_set_static_name (source, name);
  g_source_attach (source, check->context);
}

void
_vastus_clinic_ask_disk_async (VastusClinic        *self,
                               const char          *path,
                               const char          *folder,
                               VastusDiskFunc       func,
                               GDestroyNotify       answer_free,
                               GCancellable        *cancellable,
                               gpointer             source_tag,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  DiskCheck *check;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  check = g_new0 (DiskCheck, 1);
  check->ref_count = 1;
  check->path = g_strdup (path);
  check->folder = g_strdup (folder != NULL ? folder : path);
  check->func = func;
  check->answer_free = answer_free;
  check->delay_ms = _vastus_clinic_call_off_workers (self);
  check->context = g_main_context_ref (g_task_get_context (task));
  check->task = g_steal_pointer (&task);
  check->deadline = g_timeout_source_new (VASTUS_CLINIC_FOLDER_DEADLINE_MS);
  attach (check, check->deadline, deadline_cb, "[vastus] disk deadline");
  if (cancellable != NULL)
    {
      check->cancelled = g_cancellable_source_new (cancellable);
      attach (check, check->cancelled, G_SOURCE_FUNC (cancelled_cb), "[vastus] disk cancelled");
    }
  /* The thread's reference, given back with its answer. */
  thread = g_thread_try_new ("vastus-disk", check_thread, disk_check_ref (check), &error);
  if (thread == NULL)
    {
      /* Not asked: said as the failure it is (GLib's words, as for any thread). */
      g_message ("Cannot ask about %s: %s", path, error->message);
      disk_check_unref (check);
      answer (check, g_error_new_literal (VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_FAILED,
                                          error->message));
    }
  disk_check_unref (check);
}

gboolean
_vastus_clinic_ask_disk_finish (VastusClinic  *self,
                                GAsyncResult  *result,
                                gpointer       source_tag,
                                gpointer      *answer,
                                GError       **error)
{
  GError *local = NULL;
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  value = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *answer = value;
  return TRUE;
}

/* Whether a saved folder can be used again */

/* The rule: a folder, following links. */
static gpointer
usable_folder (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR) ? g_file_new_for_path (path) : NULL;
}

void
vastus_clinic_find_saved_folder_async (VastusClinic        *self,
                                       const char          *saved,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  /* None saved: nothing to ask the disk (from an idle all the same, as every answer). */
  if (saved == NULL || saved[0] == '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, vastus_clinic_find_saved_folder_async);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  _vastus_clinic_ask_disk_async (self, saved, NULL, usable_folder, g_object_unref, cancellable,
                                 vastus_clinic_find_saved_folder_async, callback, user_data);
}

GFile *
vastus_clinic_find_saved_folder_finish (VastusClinic  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_autoptr(GError) local = NULL;
  gpointer folder = NULL;

  if (_vastus_clinic_ask_disk_finish (self, result, vastus_clinic_find_saved_folder_async,
                                      &folder, &local))
    return folder;
  /* Not there by the deadline (or not asked): not used, as a folder that is not there; the
   * chooser opens where it would without one. Only Cancel is an error. */
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_message ("The saved folder is not used: %s", local->message);
  return NULL;
}

/* Where the backups are kept */

void
vastus_clinic_find_backup_folder_async (VastusClinic        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  path = vastus_clinic_get_path (self);
  /* Named as the path says, without going to the disk (which is the question). */
  dir = g_path_get_dirname (path);
  folder = g_build_filename (dir, "backups", NULL);
  /* realpath (3) on the database's path. */
  _vastus_clinic_ask_disk_async (self, path, folder, (VastusDiskFunc) vastus_backup_get_folder,
                                 g_free, cancellable, vastus_clinic_find_backup_folder_async,
                                 callback, user_data);
}

char *
vastus_clinic_find_backup_folder_finish (VastusClinic  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  gpointer folder = NULL;

  if (!_vastus_clinic_ask_disk_finish (self, result, vastus_clinic_find_backup_folder_async,
                                       &folder, error))
    return NULL;
  return folder;
}

/* Whether a file is there */

static gpointer
path_exists (const char *path)
{
  return GINT_TO_POINTER (g_file_test (path, G_FILE_TEST_EXISTS));
}

void
vastus_clinic_check_exists_async (VastusClinic        *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (path != NULL);

  folder = g_path_get_dirname (path);
  _vastus_clinic_ask_disk_async (self, path, folder, path_exists, NULL, cancellable,
                                 vastus_clinic_check_exists_async, callback, user_data);
}

gboolean
vastus_clinic_check_exists_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   gboolean      *exists,
                                   GError       **error)
{
  gpointer answer = NULL;

  if (!_vastus_clinic_ask_disk_finish (self, result, vastus_clinic_check_exists_async, &answer,
                                       error))
    return FALSE;
  if (exists != NULL)
    *exists = GPOINTER_TO_INT (answer);
  return TRUE;
}
