/* vastus-clinic-folder.c: whether a folder the person saved (where the last export, report or
 * backup went) can be used again, found off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"

/* Not on the clinic's workers: a network share that hangs would hold one of the two readers
 * for as long as it hangs (the lists and records waiting behind it), a restore waiting for the
 * readers, and closing the clinic waiting for its workers. Each check has a thread of its own
 * instead, which nothing waits for: the answer comes by the deadline, and a thread still
 * waiting on the share holds nothing of the clinic's; it ends whenever the share answers, its
 * answer dropped. Not counted in n-pending either, for the same reason. */

typedef struct
{
  gint          ref_count;    /* atomic */
  char         *path;
  guint         delay_ms;     /* the clinic's delay hook, as on its workers */
  gboolean      usable;       /* the thread's answer, written before it is delivered */
  GMainContext *context;

  /* On @context only. */
  GTask        *task;         /* until answered */
  GSource      *deadline;
  GSource      *cancelled;
} FolderCheck;

static FolderCheck *
folder_check_ref (FolderCheck *check)
{
  g_atomic_int_inc (&check->ref_count);
  return check;
}

static void
folder_check_unref (FolderCheck *check)
{
  if (!g_atomic_int_dec_and_test (&check->ref_count))
    return;
  /* Every source holds a reference, and the task is answered before they go. */
  g_free (check->path);
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
 * dropped. @folder: the folder to open in, or NULL for none. */
static void
answer (FolderCheck *check,
        GFile       *folder,
        gboolean     cancelled)
{
  g_autoptr(GTask) task = g_steal_pointer (&check->task);

  if (task == NULL)
    return;
  drop_source (&check->deadline);
  drop_source (&check->cancelled);
  if (cancelled)
    {
      GError *error = NULL;

      /* GIO's own words (never shown: whoever cancelled is gone). */
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, folder != NULL ? g_object_ref (folder) : NULL, g_object_unref);
}

static gboolean
checked_cb (gpointer data)
{
  FolderCheck *check = data;
  g_autoptr(GFile) folder = check->usable ? g_file_new_for_path (check->path) : NULL;

  answer (check, folder, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer data)
{
  FolderCheck *check = data;

  g_message ("The saved folder %s did not answer within %d ms: not used", check->path,
             VASTUS_CLINIC_FOLDER_DEADLINE_MS);
  answer (check, NULL, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  answer (data, NULL, TRUE);
  return G_SOURCE_REMOVE;
}

static gpointer
check_thread (gpointer data)
{
  FolderCheck *check = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  /* The delay stands for a share that is slow to answer. */
  if (check->delay_ms > 0)
    g_usleep (check->delay_ms * 1000);
  /* The rule: a folder, following links; the disk or the share may take its time. */
  check->usable = g_file_test (check->path, G_FILE_TEST_IS_DIR);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, checked_cb, check, (GDestroyNotify) folder_check_unref);
  g_source_set_static_name (source, "[vastus] saved folder checked");
  g_source_attach (source, check->context);
  return NULL;
}

static void
attach (FolderCheck *check,
        GSource     *source,
        GSourceFunc  func,
        const char  *name)
{
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, folder_check_ref (check),
                         (GDestroyNotify) folder_check_unref);
  g_source_set_static_name (source, name);
  g_source_attach (source, check->context);
}

void
vastus_clinic_find_saved_folder_async (VastusClinic        *self,
                                       const char          *saved,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  FolderCheck *check;

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_find_saved_folder_async);
  /* None saved: nothing to ask the disk (from an idle all the same, as every answer). */
  if (saved == NULL || saved[0] == '\0')
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  check = g_new0 (FolderCheck, 1);
  check->ref_count = 1;
  check->path = g_strdup (saved);
  check->delay_ms = _vastus_clinic_call_off_workers (self);
  check->context = g_main_context_ref (g_task_get_context (task));
  check->task = g_steal_pointer (&task);
  check->deadline = g_timeout_source_new (VASTUS_CLINIC_FOLDER_DEADLINE_MS);
  attach (check, check->deadline, deadline_cb, "[vastus] saved folder deadline");
  if (cancellable != NULL)
    {
      check->cancelled = g_cancellable_source_new (cancellable);
      attach (check, check->cancelled, G_SOURCE_FUNC (cancelled_cb),
              "[vastus] saved folder cancelled");
    }
  /* The thread's reference, given back with its answer. */
  thread = g_thread_try_new ("vastus-folder", check_thread, folder_check_ref (check), &error);
  if (thread == NULL)
    {
      /* Not asked, not used: as a folder that is not there. */
      g_message ("Cannot check the saved folder %s: %s", saved, error->message);
      folder_check_unref (check);
      answer (check, NULL, FALSE);
    }
  folder_check_unref (check);
}

GFile *
vastus_clinic_find_saved_folder_finish (VastusClinic  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == vastus_clinic_find_saved_folder_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
