/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-backup.h"
#include "vastus-clinic-private.h"
#include "vastus-criteria-set-item.h"
#include "vastus-name-review-list-private.h"
#include "vastus-criteria-store.h"
#include "vastus-patient-record-private.h"
#include "vastus-progress.h"

/* What a worker thread owns: its queue (the readers share one) and its connection. */
typedef struct
{
  VastusClinic   *clinic;        /* not owned: the clinic stops its workers before it goes */
  GThread        *thread;
  GAsyncQueue    *queue;         /* of VastusClinicJob*; QUIT ends the thread */
  VastusDatabase *db;            /* opened, used and closed on this thread only */
  guint           generation;    /* of the file @db was opened on */
} Worker;

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

  /* How far it is (vastus-progress.h), heard on the worker, told on the main context. */
  VastusClinicProgressFunc  progress;
  gpointer                  progress_data;
  double                    last_fraction;
  gint64                    last_report_us;
};

struct _VastusClinic
{
  GObject       parent_instance;

  char         *path;
  GMainContext *context;        /* where results are delivered */
  gboolean      guarding;       /* the thread that made it is guarded, until it closes */
  GThread      *guarded_thread;
  char         *actor;
  guint         n_pending;      /* main context only */
  guint         n_patients;
  gboolean      counting;       /* a count of the patients is on its way */
  GHashTable   *patients;       /* id → VastusPatientRecord*, not owned (weak) */
  GListStore   *criteria_sets;  /* of VastusCriteriaSetItem; NULL until asked for */
  VastusClinicTemplates *templates; /* NULL until asked for */
  VastusNameReviewList *name_reviews;  /* NULL until asked for */
  GHashTable   *set_keys;       /* criteria set id → its key for the diff (a number) */
  gboolean      reading_sets;
  gboolean      sets_stale;     /* changed while they were being read */

  /* What the workers read, under the lock. */
  GMutex        lock;
  gboolean      open;
  gboolean      read_only;
  gboolean      closed;
  guint         generation;     /* bumped when the file was replaced: connections reopen */
  guint         delay_ms;       /* atomic */
  guint         n_calls;        /* atomic */
  GRWLock       replace_lock;   /* readers hold it for reading while they run a call */

  Worker       *writer;
  Worker       *readers[VASTUS_CLINIC_N_READERS];
  GAsyncQueue  *read_queue;
};

G_DEFINE_FINAL_TYPE (VastusClinic, vastus_clinic, G_TYPE_OBJECT)

G_DEFINE_QUARK (vastus-clinic-error-quark, vastus_clinic_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_OPEN,
  PROP_READ_ONLY,
  PROP_N_PATIENTS,
  PROP_ACTOR,
  N_PROPS
};

enum {
  PATIENT_CHANGED,
  EPISODE_CHANGED,
  VISIT_CHANGED,
  CRITERIA_SET_CHANGED,
  TEMPLATE_CHANGED,
  REPORT_CHANGED,
  DRAFT_CHANGED,
  SETTING_CHANGED,
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Ends a worker thread. */
static VastusClinicJob quit_job;
#define QUIT (&quit_job)

static void count_patients (VastusClinic *self);
static void read_criteria_sets (VastusClinic *self);

/* Errors */

void
_vastus_clinic_error_convert (GError **error)
{
  static const struct { int store, clinic; } store_codes[] = {
    { VASTUS_STORE_ERROR_OPEN, VASTUS_CLINIC_ERROR_OPEN },
    { VASTUS_STORE_ERROR_NOT_VASTUS, VASTUS_CLINIC_ERROR_NOT_VASTUS },
    { VASTUS_STORE_ERROR_DAMAGED, VASTUS_CLINIC_ERROR_DAMAGED },
    { VASTUS_STORE_ERROR_NEWER, VASTUS_CLINIC_ERROR_NEWER },
    { VASTUS_STORE_ERROR_SCHEMA, VASTUS_CLINIC_ERROR_SCHEMA },
    { VASTUS_STORE_ERROR_CONSTRAINT, VASTUS_CLINIC_ERROR_DUPLICATE },
    { VASTUS_STORE_ERROR_NOT_FOUND, VASTUS_CLINIC_ERROR_NOT_FOUND },
    { VASTUS_STORE_ERROR_READ_ONLY, VASTUS_CLINIC_ERROR_READ_ONLY },
    { VASTUS_STORE_ERROR_BUSY, VASTUS_CLINIC_ERROR_BUSY },
    { VASTUS_STORE_ERROR_NO_SPACE, VASTUS_CLINIC_ERROR_NO_SPACE },
    { VASTUS_STORE_ERROR_VISIT_EXISTS, VASTUS_CLINIC_ERROR_VISIT_EXISTS },
  };
  static const struct { int backup, clinic; } backup_codes[] = {
    { VASTUS_BACKUP_ERROR_NO_SPACE, VASTUS_CLINIC_ERROR_NO_SPACE },
    { VASTUS_BACKUP_ERROR_VERIFY, VASTUS_CLINIC_ERROR_VERIFY },
    { VASTUS_BACKUP_ERROR_DAMAGED, VASTUS_CLINIC_ERROR_DAMAGED },
    { VASTUS_BACKUP_ERROR_NOT_VASTUS, VASTUS_CLINIC_ERROR_NOT_VASTUS },
    { VASTUS_BACKUP_ERROR_NEWER, VASTUS_CLINIC_ERROR_NEWER },
    { VASTUS_BACKUP_ERROR_BUSY, VASTUS_CLINIC_ERROR_BUSY },
    { VASTUS_BACKUP_ERROR_INVALID, VASTUS_CLINIC_ERROR_INVALID },
  };
  int code = VASTUS_CLINIC_ERROR_FAILED;

  if (error == NULL || *error == NULL)
    return;
  if ((*error)->domain == VASTUS_STORE_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (store_codes); i++)
        if (store_codes[i].store == (*error)->code)
          code = store_codes[i].clinic;
    }
  else if ((*error)->domain == VASTUS_BACKUP_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (backup_codes); i++)
        if (backup_codes[i].backup == (*error)->code)
          code = backup_codes[i].clinic;
    }
  else if (g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    code = VASTUS_CLINIC_ERROR_NO_SPACE;
  else
    return;
  /* A new error, not the old one relabelled: an error of an extended domain (the storage's
   * carries the visit a date is taken by) is freed by its own domain's rules. */
  {
    GError *mapped = g_error_new_literal (VASTUS_CLINIC_ERROR, code, (*error)->message);

    g_error_free (*error);
    *error = mapped;
  }
}

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

static void
emit_change (VastusClinic             *self,
             const VastusClinicChange *change)
{
  static const guint record_signals[] = {
    [VASTUS_CLINIC_RECORD_PATIENT] = PATIENT_CHANGED,
    [VASTUS_CLINIC_RECORD_EPISODE] = EPISODE_CHANGED,
    [VASTUS_CLINIC_RECORD_VISIT] = VISIT_CHANGED,
    [VASTUS_CLINIC_RECORD_CRITERIA_SET] = CRITERIA_SET_CHANGED,
    [VASTUS_CLINIC_RECORD_REPORT] = REPORT_CHANGED,
    [VASTUS_CLINIC_RECORD_DRAFT] = DRAFT_CHANGED,
    [VASTUS_CLINIC_RECORD_SETTING] = SETTING_CHANGED,
    [VASTUS_CLINIC_RECORD_TEMPLATE] = TEMPLATE_CHANGED,
  };

  g_return_if_fail ((guint) change->record < G_N_ELEMENTS (record_signals));

  if (change->record == VASTUS_CLINIC_RECORD_PATIENT
      && change->kind != VASTUS_CLINIC_CHANGE_CHANGED)
    count_patients (self);
  if (change->record == VASTUS_CLINIC_RECORD_CRITERIA_SET)
    read_criteria_sets (self);
  if (change->record == VASTUS_CLINIC_RECORD_TEMPLATE)
    _vastus_clinic_templates_read (self);
  g_signal_emit (self, signals[record_signals[change->record]], 0, change);
}

/* On the main context: the changes, then the result. */
static gboolean
deliver_cb (gpointer data)
{
  VastusClinicJob *job = data;
  VastusClinic *self = job->clinic;

  for (guint i = 0; job->changes != NULL && i < job->changes->len; i++)
    emit_change (self, g_ptr_array_index (job->changes, i));
  /* The file was replaced (or tried to be): what is shown is read again. */
  if (job->reload)
    vastus_clinic_reload (self);
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
worker_connection (Worker  *worker,
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
open_writer (Worker  *worker,
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
run_job (Worker          *worker,
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

  /* Nobody wants it any more: dropped here. A write's changes are announced all the same. */
  if (job->result != NULL && g_cancellable_is_cancelled (cancellable))
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
  Worker *worker = data;
  VastusClinicJob *job;

  while ((job = g_async_queue_pop (worker->queue)) != QUIT)
    run_job (worker, job);
  g_clear_object (&worker->db);
  return NULL;
}

static Worker *
worker_new (VastusClinic *self,
            GAsyncQueue  *queue,
            const char   *name)
{
  Worker *worker = g_new0 (Worker, 1);

  worker->clinic = self;
  worker->queue = g_async_queue_ref (queue);
  worker->thread = g_thread_new (name, worker_main, worker);
  return worker;
}

static void
worker_join (Worker *worker)
{
  g_thread_join (worker->thread);
  g_async_queue_unref (worker->queue);
  g_free (worker);
}

static void
stop_workers (VastusClinic *self)
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

VastusClinic *
_vastus_clinic_job_get_clinic (VastusClinicJob *job)
{
  return job->clinic;
}

GHashTable *
_vastus_clinic_get_patient_table (VastusClinic *self)
{
  return self->patients;
}

void
_vastus_clinic_hold (VastusClinic *self)
{
  self->n_pending++;
}

void
_vastus_clinic_release (VastusClinic *self)
{
  g_return_if_fail (self->n_pending > 0);
  self->n_pending--;
}

/* Opening */

static gpointer
count_patients_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  VastusPatientQuery query = { .archived = FALSE };
  guint *n = g_new0 (guint, 1);

  *n = vastus_database_count_patients (db, &query, error);
  query.archived = TRUE;
  if (error == NULL || *error == NULL)
    *n += vastus_database_count_patients (db, &query, error);
  if (error != NULL && *error != NULL)
    g_clear_pointer (&n, g_free);
  return n;
}

static void
set_n_patients (VastusClinic *self,
                guint         n_patients)
{
  if (self->n_patients == n_patients)
    return;
  self->n_patients = n_patients;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PATIENTS]);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = _vastus_clinic_finish (self, result, count_patients_func, &error);

  self->counting = FALSE;
  if (n == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot count the patients: %s", error->message);
      return;
    }
  set_n_patients (self, *n);
}

static void
count_patients (VastusClinic *self)
{
  if (self->counting || !vastus_clinic_is_open (self))
    return;
  self->counting = TRUE;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, count_patients_func, NULL, NULL, g_free, NULL,
                      count_patients_func, count_done_cb, NULL);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = _vastus_clinic_finish (self, result, vastus_clinic_open_async, &error);

  if (n == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_n_patients (self, *n);
  read_criteria_sets (self);
  _vastus_clinic_templates_read (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  g_task_return_boolean (task, TRUE);
}

/* Criteria sets */

static gpointer
list_sets_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  return vastus_database_list_criteria_sets (db, error);
}

static gint64
set_key (VastusClinic *self,
         const char   *id)
{
  gpointer key = g_hash_table_lookup (self->set_keys, id);

  if (key == NULL)
    {
      key = GUINT_TO_POINTER (g_hash_table_size (self->set_keys) + 1);
      g_hash_table_insert (self->set_keys, g_strdup (id), key);
    }
  return GPOINTER_TO_UINT (key);
}

typedef struct
{
  VastusClinic *clinic;
  GPtrArray    *sets;
} SetSync;

static gint64
set_item_key (gpointer item,
              gpointer user_data)
{
  SetSync *sync = user_data;

  return set_key (sync->clinic, vastus_criteria_set_item_get_id (item));
}

static gpointer
make_set_item (guint    index,
               gpointer user_data)
{
  SetSync *sync = user_data;

  return _vastus_criteria_set_item_new (vastus_criteria_set_copy (sync->sets->pdata[index]));
}

static void
sets_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = _vastus_clinic_finish (self, result, list_sets_func, &error);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->reading_sets = FALSE;
  if (self->sets_stale)
    {
      self->sets_stale = FALSE;
      read_criteria_sets (self);
      return;
    }
  if (sets == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot list the criteria sets: %s", error->message);
      return;
    }
  for (guint i = 0; i < sets->len; i++)
    {
      gint64 key = set_key (self, ((VastusCriteriaSet *) sets->pdata[i])->id);

      g_array_append_val (keys, key);
    }
  /* A set's new version replaces it in place; the list's items-changed covers new sets. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->criteria_sets)); i++)
    {
      g_autoptr(VastusCriteriaSetItem) item =
        g_list_model_get_item (G_LIST_MODEL (self->criteria_sets), i);

      for (guint j = 0; j < sets->len; j++)
        if (g_str_equal (vastus_criteria_set_item_get_id (item),
                         ((VastusCriteriaSet *) sets->pdata[j])->id))
          _vastus_criteria_set_item_update (item, vastus_criteria_set_copy (sets->pdata[j]));
    }
  _vastus_list_store_sync (self->criteria_sets, (gint64 *) keys->data, keys->len, set_item_key,
                           make_set_item, &(SetSync) { self, sets });
}

static void
read_criteria_sets (VastusClinic *self)
{
  if (self->criteria_sets == NULL || !vastus_clinic_is_open (self))
    return;
  if (self->reading_sets)
    {
      self->sets_stale = TRUE;
      return;
    }
  self->reading_sets = TRUE;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, list_sets_func, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, NULL, list_sets_func, sets_read_cb,
                      NULL);
}

/* GObject */

static void
vastus_clinic_finalize (GObject *object)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  stop_workers (self);
  g_clear_pointer (&self->read_queue, g_async_queue_unref);
  g_clear_pointer (&self->patients, g_hash_table_unref);
  g_clear_object (&self->criteria_sets);
  g_clear_pointer (&self->templates, _vastus_clinic_templates_free);
  if (self->name_reviews != NULL)
    _vastus_name_review_list_forget_clinic (self->name_reviews);
  g_clear_object (&self->name_reviews);
  g_clear_pointer (&self->set_keys, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_mutex_clear (&self->lock);
  g_rw_lock_clear (&self->replace_lock);
  /* The last reference may go on a worker (a finished task's): the guard is the main thread's. */
  if (self->guarding)
    vastus_database_guard_end_for (self->guarded_thread);
  g_clear_pointer (&self->guarded_thread, g_thread_unref);

  G_OBJECT_CLASS (vastus_clinic_parent_class)->finalize (object);
}

static void
vastus_clinic_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_OPEN:
      g_value_set_boolean (value, vastus_clinic_is_open (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, vastus_clinic_is_read_only (self));
      break;
    case PROP_N_PATIENTS:
      g_value_set_uint (value, self->n_patients);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinic_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_ACTOR:
      vastus_clinic_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinic_class_init (VastusClinicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_clinic_finalize;
  object_class->get_property = vastus_clinic_get_property;
  object_class->set_property = vastus_clinic_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PATIENTS] =
    g_param_spec_uint ("n-patients", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VastusClinic::patient-changed:
   * @change: a VastusClinicChange of a patient (added, changed, archived or restored, removed)
   *
   * ::episode-changed, ::visit-changed, ::criteria-set-changed, ::report-changed,
   * ::draft-changed, ::setting-changed and ::template-changed are the same for their kind of
   * record.
   */
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[EPISODE_CHANGED] =
    g_signal_new ("episode-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[VISIT_CHANGED] =
    g_signal_new ("visit-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[CRITERIA_SET_CHANGED] =
    g_signal_new ("criteria-set-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1,
                  VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[TEMPLATE_CHANGED] =
    g_signal_new ("template-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[DRAFT_CHANGED] =
    g_signal_new ("draft-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SETTING_CHANGED] =
    g_signal_new ("setting-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * VastusClinic::reloaded:
   *
   * Everything may have changed (a restore): read again what is shown.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vastus_clinic_init (VastusClinic *self)
{
  const char *delay = g_getenv ("VASTUS_STORAGE_DELAY_MS");

  g_mutex_init (&self->lock);
  g_rw_lock_init (&self->replace_lock);
  self->context = g_main_context_ref_thread_default ();
  self->patients = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->set_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (delay != NULL)
    self->delay_ms = (guint) g_ascii_strtoull (delay, NULL, 10);
  vastus_database_guard_begin ();
  self->guarding = TRUE;
  self->guarded_thread = g_thread_ref (g_thread_self ());

  self->read_queue = g_async_queue_new ();
  {
    g_autoptr(GAsyncQueue) write_queue = g_async_queue_new ();

    self->writer = worker_new (self, write_queue, "vastus-writer");
  }
  for (guint i = 0; i < VASTUS_CLINIC_N_READERS; i++)
    self->readers[i] = worker_new (self, self->read_queue, "vastus-reader");
}

/* Public API */

VastusClinic *
vastus_clinic_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (VASTUS_TYPE_CLINIC, "path", path, NULL);
}

char *
vastus_clinic_default_path (void)
{
  return vastus_database_default_path ();
}

const char *
vastus_clinic_get_path (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);
  return self->path;
}

static gpointer
open_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  /* The writer's connection is open: count the patients on it, for the first frame. */
  return count_patients_func (job, db, data, cancellable, error);
}

void
vastus_clinic_open_async (VastusClinic        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_open_async);
  _vastus_clinic_run (self, VASTUS_CLINIC_OPEN, open_func, NULL, NULL, g_free, cancellable,
                      vastus_clinic_open_async, open_done_cb, task);
}

gboolean
vastus_clinic_open_finish (VastusClinic  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
vastus_clinic_is_open (VastusClinic *self)
{
  gboolean open;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  g_mutex_lock (&self->lock);
  open = self->open && !self->closed;
  g_mutex_unlock (&self->lock);
  return open;
}

gboolean
vastus_clinic_is_read_only (VastusClinic *self)
{
  gboolean read_only;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  g_mutex_lock (&self->lock);
  read_only = self->read_only;
  g_mutex_unlock (&self->lock);
  return read_only;
}

void
vastus_clinic_close (VastusClinic *self)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  if (self->writer == NULL)
    return;
  stop_workers (self);
  /* The workers are done: what they delivered is waiting on the main context. */
  while (self->n_pending > 0)
    g_main_context_iteration (self->context, TRUE);
  /* Nothing of the clinic runs any more: the thread is not guarded for it. */
  if (self->guarding)
    vastus_database_guard_end_for (self->guarded_thread);
  self->guarding = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

void
vastus_clinic_set_actor (VastusClinic *self,
                         const char   *actor)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  if (actor != NULL && actor[0] == '\0')
    actor = NULL;
  if (g_strcmp0 (actor, self->actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

const char *
vastus_clinic_get_actor (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);
  return self->actor;
}

void
vastus_clinic_emit_change (VastusClinic             *self,
                           const VastusClinicChange *change)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (change != NULL);

  emit_change (self, change);
}

void
vastus_clinic_reload (VastusClinic *self)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  count_patients (self);
  read_criteria_sets (self);
  _vastus_clinic_templates_read (self);
  g_signal_emit (self, signals[RELOADED], 0);
}

GListModel *
vastus_clinic_get_templates (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->templates == NULL)
    {
      self->templates = _vastus_clinic_templates_new ();
      _vastus_clinic_templates_read (self);
    }
  return _vastus_clinic_templates_get_model (self->templates);
}

VastusClinicTemplates *
_vastus_clinic_get_templates_state (VastusClinic *self)
{
  return self->templates;
}

GListModel *
vastus_clinic_get_criteria_sets (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->criteria_sets == NULL)
    {
      self->criteria_sets = g_list_store_new (VASTUS_TYPE_CRITERIA_SET_ITEM);
      read_criteria_sets (self);
    }
  return G_LIST_MODEL (self->criteria_sets);
}

GListModel *
vastus_clinic_get_name_reviews (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->name_reviews == NULL)
    self->name_reviews = _vastus_name_review_list_new (self);
  return G_LIST_MODEL (self->name_reviews);
}

guint
vastus_clinic_get_n_patients (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return self->n_patients;
}

void
vastus_clinic_set_delay (VastusClinic *self,
                         guint         delay_ms)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_atomic_int_set (&self->delay_ms, delay_ms);
}

guint
vastus_clinic_get_n_pending (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return self->n_pending;
}

guint
vastus_clinic_get_n_calls (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return (guint) g_atomic_int_get (&self->n_calls);
}
