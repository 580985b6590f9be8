/* vastus-clinic-state.h: what VastusClinic holds, shared by vastus-clinic.c (the object, its
 * signals and records) and vastus-clinic-worker.c (the worker threads and the calls they run)
 * alone: every other file of the clinic goes through vastus-clinic-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-change-listener.h"
#include "vastus-clinic-private.h"

G_BEGIN_DECLS

typedef struct _VastusClinicWorker VastusClinicWorker;

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
  VastusClinicRulebook *rules;  /* the clinic's rules; NULL until read (vastus-clinic-rulebook.c) */
  gboolean      reading_rules;
  gboolean      rules_stale;

  /* What the workers read, under the lock. */
  GMutex        lock;
  gboolean      open;
  gboolean      read_only;
  gboolean      closed;
  char         *login;          /* a server's login, once open; NULL on a file */
  char         *login_name;     /* its full name, or NULL */
  guint         generation;     /* bumped when the file was replaced: connections reopen */
  guint         delay_ms;       /* atomic */
  guint         n_calls;        /* atomic */
  VastusClinicStepHook step_hook; /* under lock */
  gpointer      step_hook_data;
  GRWLock       replace_lock;   /* readers hold it for reading while they run a call */

  /* Live updates (vastus-clinic-live.c): what other workstations commit on a clinic server. */
  VastusChangeListener *listener;  /* NULL on SQLite, and until opened */
  gint          writer_session; /* atomic: the writer's server session, whose notices are ours */
  GHashTable   *leases;         /* visit id → editors open on it (vastus-clinic-leases.c); or NULL */
  gboolean      unreachable;    /* the listener lost the server and has not reached it since */

  VastusClinicWorker *writer;
  VastusClinicWorker *readers[VASTUS_CLINIC_N_READERS];
  GAsyncQueue  *read_queue;
};

/* vastus-clinic-worker.c: the writer and the readers, started with the clinic; stopping them
 * waits for the call each is running and ends the others undone. */
void _vastus_clinic_start_workers (VastusClinic *self);
void _vastus_clinic_stop_workers  (VastusClinic *self);

/* vastus-clinic.c: emits @change's signal (on the main context), after updating what the
 * clinic keeps itself (the patient count, the criteria sets, the batteries). */
void _vastus_clinic_emit          (VastusClinic             *self,
                                   const VastusClinicChange *change);

/* vastus-clinic-live.c: listening to a clinic server's change notices, from opening to closing
 * (nothing on SQLite). */
void _vastus_clinic_live_start    (VastusClinic             *self);
void _vastus_clinic_live_stop     (VastusClinic             *self);
/* vastus-clinic-leases.c: the visits open here leased again, on the writer's new session
 * (after the server was lost and found again). */
void _vastus_clinic_leases_renew  (VastusClinic             *self);
/* vastus-clinic.c: ::notify::listening. */
void _vastus_clinic_notify_listening (VastusClinic          *self);
/* vastus-clinic-rulebook.c: reads the clinic's rules (again); vastus-clinic.c: ::notify::rules. */
void _vastus_clinic_rules_read    (VastusClinic             *self);
void _vastus_clinic_notify_rules  (VastusClinic             *self);
/* vastus-clinic.c: sets "server-unreachable" (notifying when it changed). */
void _vastus_clinic_set_unreachable  (VastusClinic          *self,
                                      gboolean               unreachable);

G_END_DECLS
