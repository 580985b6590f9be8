/* vastus-clinic-worker.c: the clinic's worker threads, the jobs they run on their own
 * connections, and the way results, changes and progress come back on the main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-clinic-state.h"
#include "vastus-progress.h"

/* What a worker thread owns: its queue (the readers share one) and its connection. */
struct _VastusClinicWorker
{
  VastusClinic   *clinic;        /* not owned: the clinic stops its workers before it goes */
  GThread        *thread;
  GAsyncQueue    *queue;         /* of VastusClinicJob*; QUIT ends the thread */
  VastusDatabase *db;            /* opened, used and closed on this thread only */
  guint           generation;    /* of the file @db was opened on */
};


struct _VastusClinicJob
{
  VastusClinic        *clinic;
  VastusClinicJobKind  kind;
  GTask               *task;
  VastusClinicJobFunc  func;
  gpointer             data;      /* the task's */
  gpointer             result;
  GDestroyNotify       result_free;
  GError              *error;
  GPtrArray           *changes;  /* of VastusClinicChange*: emitted before the result */
  char                *actor;    /* writes: who, for the audit trail */
  gboolean             reload;   /* afterwards, everything shown is read again (a restore) */
  gboolean             lasting;  /* the result stands even when cancelled too late */

  /* How far it is (vastus-progress.h), heard on the worker, told on the main context. */
  VastusClinicProgressFunc  progress;
  gpointer                  progress_data;
  double                    last_fraction;
  gint64                    last_report_us;
};

/* Ends a worker thread. */
static VastusClinicJob quit_job;
#define QUIT (&quit_job)

/* Jobs */

static void
job_free (VastusClinicJob *job)
{
  if (job->result_free != NULL && job->result != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_object (&job->task);
  g_clear_object (&job->clinic);
  g_free (job->actor);
  g_free (job);
}

/* On the main context: the changes, then the result. */
static gboolean
deliver_cb (gpointer data)
{
  VastusClinicJob *job = data;
  VastusClinic *self = job->clinic;

  for (guint i = 0; job->changes != NULL && i < job->changes->len; i++)
    _vastus_clinic_emit (self, g_ptr_array_index (job->changes, i));
  /* The file was replaced (or tried to be): what is shown is read again. */
  if (job->reload)
    vastus_clinic_reload (self);
  /* What was done for good is told as done, even when Cancel came after it. */
  if (job->lasting)
    g_task_set_check_cancellable (job->task, FALSE);
  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
  _vastus_clinic_release (self);
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* Always from an idle, also when called on the main context: a caller never sees its callback
 * run before the call returned. */
static void
deliver (VastusClinicJob *job)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, job, NULL);
  g_source_set_static_name (source, "[vastus] clinic result");
  g_source_attach (source, job->clinic->context);
}

/* The worker's connection to the current file, opened on this thread. */
static VastusDatabase *
worker_connection (VastusClinicWorker  *worker,
                   GError **error)
{
  VastusClinic *self = worker->clinic;
  g_autofree char *path = NULL;
  gboolean open, read_only;
  guint generation;

  g_mutex_lock (&self->lock);
  open = self->open && !self->closed;
  read_only = self->read_only;
  generation = self->generation;
  path = g_strdup (self->path);
  g_mutex_unlock (&self->lock);

  if (!open)
    {
      g_set_error_literal (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN,
                           _("The database is not open"));
      return NULL;
    }
  if (worker->db != NULL && worker->generation != generation)
    g_clear_object (&worker->db);
  if (worker->db == NULL)
    {
      worker->db = read_only ? vastus_database_open_read_only (path, error)
                             : vastus_database_open (path, error);
      worker->generation = generation;
    }
  return worker->db;
}

/* The writer's own connection, on opening or after the file was replaced. */
static gboolean
open_writer (VastusClinicWorker  *worker,
             GError **error)
{
  VastusClinic *self = worker->clinic;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (self->path, &local_error);

  if (db == NULL && g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY))
    {
      g_autoptr(GError) read_only_error = NULL;

      /* Vastus may not write the file: shown read-only, when it can be read as it is. */
      db = vastus_database_open_read_only (self->path, &read_only_error);
    }
  if (db == NULL)
    {
      /* A server that does not answer at all, told from one that refused (a password, a
       * database): the window retries the first by itself. */
      if (g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN)
          && vastus_database_is_server_uri (self->path)
          && !vastus_database_server_answers (self->path))
        {
          GError *unreachable = g_error_new_literal (VASTUS_CLINIC_ERROR,
                                                     VASTUS_CLINIC_ERROR_UNREACHABLE,
                                                     local_error->message);

          g_clear_error (&local_error);
          local_error = unreachable;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  self->open = TRUE;
  self->read_only = vastus_database_is_read_only (db);
  worker->generation = ++self->generation;
  g_mutex_unlock (&self->lock);
  g_set_object (&worker->db, db);
  return TRUE;
}

/* Progress */

typedef struct
{
  VastusClinicProgressFunc  func;
  gpointer                  user_data;
  GCancellable             *cancellable;
  double                    fraction;
} Progress;

static void
progress_free (Progress *progress)
{
  g_clear_object (&progress->cancellable);
  g_free (progress);
}

/* On the main context, before the result (same priority, queued earlier); not once the call
 * was cancelled: whoever listened may be gone. */
static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;

  if (!g_cancellable_is_cancelled (progress->cancellable))
    progress->func (progress->fraction, progress->user_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: every step of the call (vastus_progress_report). Told on the main context at
 * most every 40 ms, or when it moved by 1 %, or at the end. FALSE stops the call. */
static gboolean
job_progress_cb (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  VastusClinicJob *job = user_data;
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  double fraction = total > 0 ? CLAMP ((double) done / total, 0, 1) : -1;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GSource) source = NULL;
  Progress *progress;
  VastusClinicStepHook hook;
  gpointer hook_data;

  g_mutex_lock (&job->clinic->lock);
  hook = job->clinic->step_hook;
  hook_data = job->clinic->step_hook_data;
  g_mutex_unlock (&job->clinic->lock);
  if (hook != NULL)
    hook (fraction, hook_data);
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  if (fraction == job->last_fraction
      || (now - job->last_report_us < 40000 && fraction < 1
          && (fraction < 0 || fabs (fraction - job->last_fraction) < 0.01)))
    return TRUE;
  job->last_fraction = fraction;
  job->last_report_us = now;
  progress = g_new0 (Progress, 1);
  progress->func = job->progress;
  progress->user_data = job->progress_data;
  progress->cancellable = g_object_ref (cancellable);
  progress->fraction = fraction;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_cb, progress, (GDestroyNotify) progress_free);
  g_source_set_static_name (source, "[vastus] clinic progress");
  g_source_attach (source, job->clinic->context);
  return TRUE;
}

static gpointer
run_func (VastusClinicJob *job,
          VastusDatabase  *db,
          GCancellable    *cancellable)
{
  gpointer result;

  if (job->progress == NULL)
    return job->func (job, db, job->data, cancellable, &job->error);
  vastus_progress_push (job_progress_cb, job);
  result = job->func (job, db, job->data, cancellable, &job->error);
  vastus_progress_pop ();
  return result;
}

static void
run_job (VastusClinicWorker          *worker,
         VastusClinicJob *job)
{
  VastusClinic *self = worker->clinic;
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  VastusDatabase *db = NULL;
  guint delay_ms = g_atomic_int_get (&self->delay_ms);
  gboolean open;

  /* The delay stands for the trip to a server: a call cancelled meanwhile does not run. */
  if (delay_ms > 0)
    g_usleep (delay_ms * 1000);
  if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    {
      deliver (job);
      return;
    }
  g_atomic_int_inc (&self->n_calls);

  switch (job->kind)
    {
    case VASTUS_CLINIC_OPEN:
      if (open_writer (worker, &job->error))
        job->result = run_func (job, worker->db, cancellable);
      break;
    case VASTUS_CLINIC_REPLACE:
      g_rw_lock_writer_lock (&self->replace_lock);
      /* Not open (a damaged file being recovered): the call goes by the path alone. */
      g_mutex_lock (&self->lock);
      open = self->open;
      g_mutex_unlock (&self->lock);
      db = open ? worker_connection (worker, &job->error) : NULL;
      if (db != NULL || !open)
        job->result = run_func (job, db, cancellable);
      /* Whether it replaced the file or not: every connection reads it afresh. */
      g_clear_object (&worker->db);
      g_mutex_lock (&self->lock);
      self->open = FALSE;
      g_mutex_unlock (&self->lock);
      if (!open_writer (worker, job->result != NULL ? &job->error : NULL) && job->result != NULL)
        g_clear_pointer (&job->result, job->result_free);
      job->reload = TRUE;
      g_rw_lock_writer_unlock (&self->replace_lock);
      break;
    case VASTUS_CLINIC_WRITE:
      db = worker_connection (worker, &job->error);
      if (db != NULL)
        {
          vastus_database_set_actor (db, job->actor);
          /* A session the server ended while idle is made again here, before anything is
           * written: the new session's notices are still the clinic's own writes. */
          g_atomic_int_set (&self->writer_session, vastus_database_get_session (db));
          job->result = run_func (job, db, cancellable);
        }
      break;
    case VASTUS_CLINIC_READ:
    case VASTUS_CLINIC_FILES:
      g_rw_lock_reader_lock (&self->replace_lock);
      if (job->kind == VASTUS_CLINIC_READ)
        db = worker_connection (worker, &job->error);
      if (db != NULL || job->kind == VASTUS_CLINIC_FILES)
        job->result = run_func (job, db, cancellable);
      g_rw_lock_reader_unlock (&self->replace_lock);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert (job->result != NULL || job->error != NULL);

  /* Nobody wants it any more: dropped here. A write's changes are announced all the same. A
   * replaced file, and a result that lasts (a backup written), is told as it is: cancelled too
   * late, it was done all the same. */
  if (job->result != NULL && job->kind != VASTUS_CLINIC_REPLACE && !job->lasting
      && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&job->result, job->result_free);
      g_cancellable_set_error_if_cancelled (cancellable, &job->error);
    }
  _vastus_clinic_error_convert (&job->error);
  deliver (job);
}

static gpointer
worker_main (gpointer data)
{
  VastusClinicWorker *worker = data;
  VastusClinicJob *job;

  while ((job = g_async_queue_pop (worker->queue)) != QUIT)
    run_job (worker, job);
  g_clear_object (&worker->db);
  return NULL;
}

static VastusClinicWorker *
worker_new (VastusClinic *self,
            GAsyncQueue  *queue,
            const char   *name)
{
  VastusClinicWorker *worker = g_new0 (VastusClinicWorker, 1);

  worker->clinic = self;
  worker->queue = g_async_queue_ref (queue);
  worker->thread = g_thread_new (name, worker_main, worker);
  return worker;
}

static void
worker_join (VastusClinicWorker *worker)
{
  g_thread_join (worker->thread);
  g_async_queue_unref (worker->queue);
  g_free (worker);
}

void
_vastus_clinic_stop_workers (VastusClinic *self)
{
  if (self->writer == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->writer->queue, QUIT);
  for (guint i = 0; i < VASTUS_CLINIC_N_READERS; i++)
    g_async_queue_push (self->read_queue, QUIT);
  worker_join (g_steal_pointer (&self->writer));
  for (guint i = 0; i < VASTUS_CLINIC_N_READERS; i++)
    worker_join (g_steal_pointer (&self->readers[i]));
  g_clear_pointer (&self->read_queue, g_async_queue_unref);
}

void
_vastus_clinic_start_workers (VastusClinic *self)
{
  g_autoptr(GAsyncQueue) write_queue = g_async_queue_new ();

  self->read_queue = g_async_queue_new ();
  self->writer = worker_new (self, write_queue, "vastus-writer");
  for (guint i = 0; i < VASTUS_CLINIC_N_READERS; i++)
    self->readers[i] = worker_new (self, self->read_queue, "vastus-reader");
}

void
_vastus_clinic_run (VastusClinic        *self,
                    VastusClinicJobKind  kind,
                    VastusClinicJobFunc  func,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    GDestroyNotify       result_free,
                    GCancellable        *cancellable,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  _vastus_clinic_run_with_progress (self, kind, func, data, data_free, result_free, NULL, NULL,
                                    cancellable, source_tag, callback, user_data);
}

void
_vastus_clinic_run_with_progress (VastusClinic             *self,
                                  VastusClinicJobKind       kind,
                                  VastusClinicJobFunc       func,
                                  gpointer                  data,
                                  GDestroyNotify            data_free,
                                  GDestroyNotify            result_free,
                                  VastusClinicProgressFunc  progress,
                                  gpointer                  progress_data,
                                  GCancellable             *cancellable,
                                  gpointer                  source_tag,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  VastusClinicJob *job = g_new0 (VastusClinicJob, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (progress == NULL || G_IS_CANCELLABLE (cancellable));

  job->clinic = g_object_ref (self);
  job->kind = kind;
  job->func = func;
  job->data = data;
  job->result_free = result_free;
  job->actor = g_strdup (self->actor);
  job->progress = progress;
  job->progress_data = progress_data;
  job->last_fraction = -2;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_check_cancellable (job->task, kind != VASTUS_CLINIC_REPLACE);
  /* The callback may read it (g_task_get_task_data); freed with the task, on this context. */
  g_task_set_task_data (job->task, data, data_free);
  _vastus_clinic_hold (self);

  if (self->writer == NULL)
    {
      /* Closed: nothing runs any more. */
      job->error = g_error_new_literal (VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN,
                                        _("The database is closed"));
      deliver (job);
      return;
    }
  if (kind == VASTUS_CLINIC_READ || kind == VASTUS_CLINIC_FILES)
    g_async_queue_push (self->read_queue, job);
  else
    g_async_queue_push (self->writer->queue, job);
}

gpointer
_vastus_clinic_finish (VastusClinic  *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_vastus_clinic_finish_boolean (VastusClinic  *self,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  return _vastus_clinic_finish (self, result, source_tag, error) != NULL;
}

void
_vastus_clinic_job_add_change (VastusClinicJob    *job,
                               VastusClinicChange *change)
{
  if (job->changes == NULL)
    job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_clinic_change_free);
  g_ptr_array_add (job->changes, change);
}

void
_vastus_clinic_job_changed (VastusClinicJob        *job,
                            VastusClinicRecord      record,
                            VastusClinicChangeKind  kind,
                            gint64                  id,
                            gint64                  patient_id,
                            gint64                  episode_id)
{
  _vastus_clinic_job_add_change (job, vastus_clinic_change_new (record, kind, id, patient_id,
                                                                episode_id));
}

void
_vastus_clinic_job_set_lasting (VastusClinicJob *job)
{
  job->lasting = TRUE;
}

VastusClinic *
_vastus_clinic_job_get_clinic (VastusClinicJob *job)
{
  return job->clinic;
}
