/* vastus-clinic-private.h: what the files of src/clinic/ share: running a call on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-database.h"

G_BEGIN_DECLS

typedef struct _VastusClinicJob VastusClinicJob;

typedef enum
{
  VASTUS_CLINIC_READ,      /* a reader thread, on its connection */
  VASTUS_CLINIC_WRITE,     /* the writer thread, on its connection, as the current actor */
  VASTUS_CLINIC_FILES,     /* a reader thread, without a connection (files, other databases) */
  VASTUS_CLINIC_REPLACE,   /* the writer, alone: no reader runs meanwhile, and every connection
                            * is opened again afterwards, and everything shown read again (a
                            * restore); @db is NULL when the file could not be opened */
  VASTUS_CLINIC_OPEN,      /* vastus-clinic.c: opening the writer's connection */
} VastusClinicJobKind;

/* Runs on a worker. @db is the worker's connection (NULL for FILES). Returns the result (NULL
 * with @error set for a failure; for a result that may be NULL, use a pointer to something). */
typedef gpointer (*VastusClinicJobFunc) (VastusClinicJob  *job,
                                         VastusDatabase   *db,
                                         gpointer          data,
                                         GCancellable     *cancellable,
                                         GError          **error);

/* Queues @func. @data is the task's data (g_task_get_task_data), freed with @data_free on the
 * main context; a result is freed with @result_free when nobody takes it. @callback runs on
 * the clinic's main context, after the changes the call recorded were emitted. Storage and backup errors become VASTUS_CLINIC_ERROR. */
void      _vastus_clinic_run             (VastusClinic        *self,
                                          VastusClinicJobKind  kind,
                                          VastusClinicJobFunc  func,
                                          gpointer             data,
                                          GDestroyNotify       data_free,
                                          GDestroyNotify       result_free,
                                          GCancellable        *cancellable,
                                          gpointer             source_tag,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The same, telling how far it is: what storage reports with vastus_progress_report () reaches
 * @progress on the main context (only while @cancellable, which it needs, is not cancelled). */
void      _vastus_clinic_run_with_progress (VastusClinic             *self,
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
                                            gpointer                  user_data);
/* The result (transfer full), or NULL with @error. */
gpointer  _vastus_clinic_finish          (VastusClinic        *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          GError             **error);
gboolean  _vastus_clinic_finish_boolean  (VastusClinic        *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          GError             **error);
/* On the worker: a change to announce once the call is delivered (takes ownership). */
void      _vastus_clinic_job_add_change  (VastusClinicJob     *job,
                                          VastusClinicChange  *change);
void      _vastus_clinic_job_changed     (VastusClinicJob        *job,
                                          VastusClinicRecord      record,
                                          VastusClinicChangeKind  kind,
                                          gint64                  id,
                                          gint64                  patient_id,
                                          gint64                  episode_id);
VastusClinic *_vastus_clinic_job_get_clinic (VastusClinicJob  *job);
/* On the worker: what the call did cannot be taken back (a file written), so its result is
 * delivered even when it was cancelled too late to stop. */
void      _vastus_clinic_job_set_lasting (VastusClinicJob    *job);

/* vastus-clinic-templates.c: the list of test batteries, which the clinic keeps once asked for
 * (_vastus_clinic_get_templates_state: NULL until then) and reads again after a change. */
typedef struct _VastusClinicTemplates VastusClinicTemplates;

VastusClinicTemplates *_vastus_clinic_templates_new       (void);
void                   _vastus_clinic_templates_free      (VastusClinicTemplates *self);
GListModel            *_vastus_clinic_templates_get_model (VastusClinicTemplates *self);
void                   _vastus_clinic_templates_read      (VastusClinic          *clinic);
VastusClinicTemplates *_vastus_clinic_get_templates_state (VastusClinic          *clinic);

/* A call run off the workers (on a thread of its own): counted in n-calls. Returns the delay
 * hook (vastus_clinic_set_delay), for the call to wait as the workers do. */
guint     _vastus_clinic_call_off_workers (VastusClinic       *self);

/* vastus-clinic-folder.c: a question to the disk or a network share that may hang, about
 * @path: @func runs on a thread of its own (never a worker's, never the caller's) and its answer
 * (may be NULL; freed with @answer_free when nobody takes it) comes to the caller's main
 * context, unless VASTUS_CLINIC_FOLDER_DEADLINE_MS passed first: then the answer is
 * VASTUS_CLINIC_ERROR_NO_ANSWER, naming @folder (NULL: @path), and the thread's answer, whenever
 * it comes, is dropped. Cancel answers at once (G_IO_ERROR_CANCELLED). Counted in n-calls, not
 * in n-pending (nothing waits for it); it waits for the delay hook first, as the workers do. */
typedef gpointer (*VastusDiskFunc) (const char *path);

void      _vastus_clinic_ask_disk_async  (VastusClinic        *self,
                                          const char          *path,
                                          const char          *folder,
                                          VastusDiskFunc       func,
                                          GDestroyNotify       answer_free,
                                          GCancellable        *cancellable,
                                          gpointer             source_tag,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* TRUE with the thread's *@answer (transfer full), or FALSE with @error. */
gboolean  _vastus_clinic_ask_disk_finish (VastusClinic        *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          gpointer            *answer,
                                          GError             **error);

/* For a successful call without a result. */
#define VASTUS_CLINIC_DONE GINT_TO_POINTER (1)

/* Storage and backup errors as VASTUS_CLINIC_ERROR (others as they are). */
void      _vastus_clinic_error_convert   (GError             **error);

/* Pending work that is not a call (a record reading back a change), counted in n-pending. */
void      _vastus_clinic_hold            (VastusClinic        *self);
void      _vastus_clinic_release         (VastusClinic        *self);

/* The diff between two lists of distinct ids: steps that turn @old_ids into @new_ids, to apply
 * in order, each at the positions the steps before it left: first removals (from the end), then
 * insertions (from the start; the added ids are @new_ids[new_start …]). Ids in both lists keep
 * their place unless they moved; the fewest move (a move is a removal and an insertion). */
typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint new_start;
} VastusDiffStep;

GArray   *_vastus_diff_ids               (const gint64        *old_ids,
                                          guint                n_old,
                                          const gint64        *new_ids,
                                          guint                n_new);

/* Whether two numbers (NAN: unknown) or dates (invalid: unknown) say the same. */
gboolean  _vastus_same_number            (double               a,
                                          double               b);
gboolean  _vastus_same_date              (const GDate         *a,
                                          const GDate         *b);

/* Brings @store (of items with an id) to @ids with the diff's steps: items of ids in both lists
 * are kept (moved ones too), new ones come from @make_item. Returns how many steps it took. */
typedef gint64   (*VastusItemIdFunc)   (gpointer  item,
                                        gpointer  user_data);
typedef gpointer (*VastusMakeItemFunc) (guint     index,
                                        gpointer  user_data);

guint     _vastus_list_store_sync        (GListStore          *store,
                                          const gint64        *ids,
                                          guint                n_ids,
                                          VastusItemIdFunc     get_id,
                                          VastusMakeItemFunc   make_item,
                                          gpointer             user_data);

G_END_DECLS
