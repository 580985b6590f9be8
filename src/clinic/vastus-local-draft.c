/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <errno.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>

#include "vastus-clinic-private.h"
#include "vastus-local-draft.h"

/* The file of a draft: the database's address, hashed (a server's URI may name a login, and
 * two databases never share a name), then the episode and the visit. */
static char *
draft_path (VastusClinic *clinic,
            gint64        episode_id,
            gint64        visit_id_or_0)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         vastus_clinic_get_path (clinic), -1);
  g_autofree char *name = g_strdup_printf ("%.16s-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".draft",
                                           hash, episode_id, visit_id_or_0);

  return g_build_filename (g_get_user_data_dir (), "vastus", "drafts", name, NULL);
}

gboolean
vastus_local_draft_write (VastusClinic  *clinic,
                          gint64         episode_id,
                          gint64         visit_id_or_0,
                          const char    *state,
                          GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  path = draft_path (clinic, episode_id, visit_id_or_0);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: a folder, then the system's reason */
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Health data: the user's alone, whatever the umask. */
  return g_file_set_contents_full (path, state, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
vastus_local_draft_read (VastusClinic  *clinic,
                         gint64         episode_id,
                         gint64         visit_id_or_0,
                         GDateTime    **saved_at)
{
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  GStatBuf st;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  path = draft_path (clinic, episode_id, visit_id_or_0);
  if (g_stat (path, &st) != 0 || !g_file_get_contents (path, &state, NULL, NULL))
    return NULL;
  if (saved_at != NULL)
    *saved_at = g_date_time_new_from_unix_utc (st.st_mtime);
  return g_steal_pointer (&state);
}

void
vastus_local_draft_remove (VastusClinic *clinic,
                           gint64        episode_id,
                           gint64        visit_id_or_0)
{
  g_autofree char *path = NULL;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));

  path = draft_path (clinic, episode_id, visit_id_or_0);
  g_unlink (path);
}

/* The _async calls: one thread, which takes them in order (a GThreadPool of at most one thread
 * runs what is pushed first, first). Not the clinic's writer: a draft is kept here because the
 * server does not answer, and the writer may be waiting on it. */

typedef struct
{
  VastusClinic        *clinic;
  gint64               episode_id;
  gint64               visit_id;
  gboolean             read;
  char                *state;        /* a read: what it found; else NULL: a removal */
  GDateTime           *saved_at;     /* a read: when what it found was written */
  GError              *error;        /* what the thread met */
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} FileOp;

static GMutex hook_lock;
static VastusLocalDraftHook hook;
static gpointer hook_data;
static VastusLocalDraftHook read_hook;
static gpointer read_hook_data;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->clinic);
  g_free (op->state);
  g_clear_pointer (&op->saved_at, g_date_time_unref);
  g_clear_error (&op->error);
  g_free (op);
}

/* On the main context: the result, and the thread's reference to the task, which must not end
 * there (the clinic, its source, would then be released on that thread). */
static gboolean
return_cb (gpointer data)
{
  GTask *task = data;
  FileOp *op = g_task_get_task_data (task);

  if (op->error != NULL)
    g_task_return_error (task, g_steal_pointer (&op->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
run_op (gpointer data,
        gpointer unused)
{
  GTask *task = data;
  FileOp *op = g_task_get_task_data (task);
  g_autoptr(GSource) source = g_idle_source_new ();
  VastusLocalDraftHook heard;
  gpointer heard_data;

  g_mutex_lock (&hook_lock);
  heard = op->read ? read_hook : hook;
  heard_data = op->read ? read_hook_data : hook_data;
  g_mutex_unlock (&hook_lock);
  if (heard != NULL)
    heard (op->state, heard_data);
  if (op->read)
    op->state = vastus_local_draft_read (op->clinic, op->episode_id, op->visit_id, &op->saved_at);
  else if (op->state == NULL)
    vastus_local_draft_remove (op->clinic, op->episode_id, op->visit_id);
  else
    vastus_local_draft_write (op->clinic, op->episode_id, op->visit_id, op->state, &op->error);
  g_source_set_callback (source, return_cb, task, NULL);
  g_source_set_static_name (source, "[vastus] local draft");
  g_source_attach (source, g_task_get_context (task));
}

static GThreadPool *
file_thread (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *made = g_thread_pool_new (run_op, NULL, 1, FALSE, NULL);

      g_once_init_leave (&pool, made);
    }
  return pool;
}

/* On the main context: the clinic's hold on it ends, then the caller hears. */
static void
delivered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  FileOp *op = g_task_get_task_data (G_TASK (result));

  _vastus_clinic_release (VASTUS_CLINIC (source));
  if (op->callback != NULL)
    op->callback (source, result, op->user_data);
}

static void
queue_op (VastusClinic        *clinic,
          gint64               episode_id,
          gint64               visit_id_or_0,
          const char          *state,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  FileOp *op = g_new0 (FileOp, 1);
  GTask *task = g_task_new (clinic, NULL, delivered_cb, NULL);

  op->clinic = g_object_ref (clinic);
  op->episode_id = episode_id;
  op->visit_id = visit_id_or_0;
  op->read = source_tag == vastus_local_draft_read_async;
  op->state = g_strdup (state);
  op->callback = callback;
  op->user_data = user_data;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) file_op_free);
  _vastus_clinic_hold (clinic);
  g_thread_pool_push (file_thread (), task, NULL);
}

void
vastus_local_draft_write_async (VastusClinic        *clinic,
                                gint64               episode_id,
                                gint64               visit_id_or_0,
                                const char          *state,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (state != NULL);

  queue_op (clinic, episode_id, visit_id_or_0, state, vastus_local_draft_write_async, callback,
            user_data);
}

gboolean
vastus_local_draft_write_finish (VastusClinic  *clinic,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, clinic), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vastus_local_draft_write_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vastus_local_draft_remove_async (VastusClinic        *clinic,
                                 gint64               episode_id,
                                 gint64               visit_id_or_0,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));

  queue_op (clinic, episode_id, visit_id_or_0, NULL, vastus_local_draft_remove_async, callback,
            user_data);
}

gboolean
vastus_local_draft_remove_finish (VastusClinic  *clinic,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, clinic), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == vastus_local_draft_remove_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vastus_local_draft_read_async (VastusClinic        *clinic,
                               gint64               episode_id,
                               gint64               visit_id_or_0,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));

  queue_op (clinic, episode_id, visit_id_or_0, NULL, vastus_local_draft_read_async, callback,
            user_data);
}

char *
vastus_local_draft_read_finish (VastusClinic  *clinic,
                                GAsyncResult  *result,
                                GDateTime    **saved_at)
{
  FileOp *op;

  g_return_val_if_fail (g_task_is_valid (result, clinic), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vastus_local_draft_read_async,
                        NULL);

  /* A read fails no way but finding nothing. */
  g_task_propagate_boolean (G_TASK (result), NULL);
  op = g_task_get_task_data (G_TASK (result));
  if (saved_at != NULL)
    *saved_at = g_steal_pointer (&op->saved_at);
  return g_steal_pointer (&op->state);
}

void
vastus_local_draft_set_hook (VastusLocalDraftHook new_hook,
                             gpointer             user_data)
{
  g_mutex_lock (&hook_lock);
  hook = new_hook;
  hook_data = user_data;
  g_mutex_unlock (&hook_lock);
}

void
vastus_local_draft_set_read_hook (VastusLocalDraftHook new_hook,
                                  gpointer             user_data)
{
  g_mutex_lock (&hook_lock);
  read_hook = new_hook;
  read_hook_data = user_data;
  g_mutex_unlock (&hook_lock);
}
