/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-demo.h"
#include "vastus-draft-store.h"
#include "vastus-value.h"

/* The writes of patients, episodes and drafts, the demo patients, and the reads that go with
 * them (visits: vastus-clinic-visits.c). Each worker function runs on the writer (or a reader)
 * with its connection, and records the changes it made. */

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* A saved record: its id and the row version it is stored at now. */
static gint64 *
new_id_version (gint64 id,
                gint64 row_version)
{
  gint64 pair[2] = { id, row_version };

  return g_memdup2 (pair, sizeof pair);
}

static gint64
finish_id (VastusClinic  *self,
           GAsyncResult  *result,
           gpointer       tag,
           GError       **error)
{
  g_autofree gint64 *id = _vastus_clinic_finish (self, result, tag, error);

  return id != NULL ? *id : 0;
}

static gint64
finish_id_version (VastusClinic  *self,
                   GAsyncResult  *result,
                   gpointer       tag,
                   gint64        *row_version,
                   GError       **error)
{
  g_autofree gint64 *pair = _vastus_clinic_finish (self, result, tag, error);

  if (row_version != NULL)
    *row_version = pair != NULL ? pair[1] : 0;
  return pair != NULL ? pair[0] : 0;
}

/* Patients */

static gpointer
save_patient_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(VastusPatient) patient = vastus_patient_copy (data);
  gboolean added = patient->id == 0;

  if (!(added ? vastus_database_insert_patient (db, patient, error)
              : vastus_database_update_patient (db, patient, error)))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_PATIENT,
                              added ? VASTUS_CLINIC_CHANGE_ADDED : VASTUS_CLINIC_CHANGE_CHANGED,
                              patient->id, patient->id, 0);
  return new_id_version (patient->id, patient->row_version);
}

void
vastus_clinic_save_patient_async (VastusClinic        *self,
                                  const VastusPatient *patient,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (patient != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_patient_func, vastus_patient_copy (patient),
                      (GDestroyNotify) vastus_patient_free, g_free, cancellable,
                      vastus_clinic_save_patient_async, callback, user_data);
}

gint64
vastus_clinic_save_patient_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   gint64        *row_version,
                                   GError       **error)
{
  return finish_id_version (self, result, vastus_clinic_save_patient_async, row_version, error);
}

static gpointer
confirm_name_split_func (VastusClinicJob  *job,
                         VastusDatabase   *db,
                         gpointer          data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  gint64 *id = data;

  if (!vastus_database_dismiss_name_reviews (db, id, 1, error))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_PATIENT, VASTUS_CLINIC_CHANGE_CHANGED,
                              *id, *id, 0);
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_confirm_name_split_async (VastusClinic        *self,
                                        gint64               patient_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (patient_id > 0);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, confirm_name_split_func,
                      g_memdup2 (&patient_id, sizeof patient_id), g_free, NULL, cancellable,
                      vastus_clinic_confirm_name_split_async, callback, user_data);
}

gboolean
vastus_clinic_confirm_name_split_finish (VastusClinic  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_confirm_name_split_async,
                                        error);
}

typedef struct
{
  gint64   id;
  gint64   row_version;
  gboolean archived;
} Archive;

static gpointer
set_archived_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  Archive *archive = data;
  VastusPatient *patient;

  if (!vastus_database_set_patient_archived (db, archive->id, archive->row_version,
                                             archive->archived, error))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_PATIENT, VASTUS_CLINIC_CHANGE_CHANGED,
                              archive->id, archive->id, 0);
  /* Committed: the patient as stored, for what is said about it. */
  patient = vastus_database_get_patient (db, archive->id, NULL);
  if (patient == NULL)
    {
      patient = vastus_patient_new ();
      patient->id = archive->id;
      patient->archived = archive->archived;
    }
  return patient;
}

void
vastus_clinic_set_archived_async (VastusClinic        *self,
                                  gint64               patient_id,
                                  gint64               row_version,
                                  gboolean             archived,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Archive *archive = g_new (Archive, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  archive->id = patient_id;
  archive->row_version = row_version;
  archive->archived = archived;
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, set_archived_func, archive, g_free,
                      (GDestroyNotify) vastus_patient_free, cancellable,
                      vastus_clinic_set_archived_async, callback, user_data);
}

VastusPatient *
vastus_clinic_set_archived_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_set_archived_async, error);
}

static gpointer
find_patient_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          mrn,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, mrn, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return new_id (patient != NULL ? patient->id : 0);
}

void
vastus_clinic_find_patient_async (VastusClinic        *self,
                                  const char          *mrn,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (mrn != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_READ, find_patient_func, g_strdup (mrn), g_free, g_free,
                      cancellable, vastus_clinic_find_patient_async, callback, user_data);
}

gint64
vastus_clinic_find_patient_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_id (self, result, vastus_clinic_find_patient_async, error);
}

/* Episodes */

static gpointer
save_episode_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(VastusEpisode) episode = vastus_episode_copy (data);
  gboolean added = episode->id == 0;

  if (!(added ? vastus_database_insert_episode (db, episode, error)
              : vastus_database_update_episode (db, episode, error)))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_EPISODE,
                              added ? VASTUS_CLINIC_CHANGE_ADDED : VASTUS_CLINIC_CHANGE_CHANGED,
                              episode->id, episode->patient_id, episode->id);
  return new_id_version (episode->id, episode->row_version);
}

void
vastus_clinic_save_episode_async (VastusClinic        *self,
                                  const VastusEpisode *episode,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (episode != NULL && episode->patient_id > 0);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_episode_func, vastus_episode_copy (episode),
                      (GDestroyNotify) vastus_episode_free, g_free, cancellable,
                      vastus_clinic_save_episode_async, callback, user_data);
}

gint64
vastus_clinic_save_episode_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   gint64        *row_version,
                                   GError       **error)
{
  return finish_id_version (self, result, vastus_clinic_save_episode_async, row_version, error);
}

/* Deleting an episode, and bringing it back: what a visit's delete is, one level up. */
typedef struct
{
  gint64   patient_id;
  gint64   episode_id;
  gint64   row_version;
  gboolean restore;
} DeleteEpisode;

static gpointer
delete_episode_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  DeleteEpisode *delete = data;

  if (!(delete->restore
        ? vastus_database_restore_episode (db, delete->episode_id, delete->row_version, error)
        : vastus_database_delete_episode (db, delete->episode_id, delete->row_version, error)))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_EPISODE,
                              delete->restore ? VASTUS_CLINIC_CHANGE_ADDED
                                              : VASTUS_CLINIC_CHANGE_REMOVED,
                              delete->episode_id, delete->patient_id, delete->episode_id);
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_delete_episode_async (VastusClinic        *self,
                                    gint64               patient_id,
                                    gint64               episode_id,
                                    gint64               row_version,
                                    gboolean             restore,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  DeleteEpisode *delete = g_new (DeleteEpisode, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  *delete = (DeleteEpisode) { patient_id, episode_id, row_version, restore };
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, delete_episode_func, delete, g_free, NULL,
                      cancellable, vastus_clinic_delete_episode_async, callback, user_data);
}

gboolean
vastus_clinic_delete_episode_finish (VastusClinic  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_delete_episode_async, error);
}

/* Drafts */

typedef struct
{
  gint64  patient_id;
  gint64  episode_id;
  gint64  visit_id;
  char   *state;          /* NULL: delete */
  /* load: */
  GDateTime *saved_at;
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->state);
  g_clear_pointer (&draft->saved_at, g_date_time_unref);
  g_free (draft);
}

static gpointer
save_draft_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  Draft *draft = data;

  if (!(draft->state != NULL
        ? vastus_database_save_draft (db, draft->episode_id, draft->visit_id, draft->state, error)
        : vastus_database_delete_draft (db, draft->episode_id, draft->visit_id, error)))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_DRAFT,
                              draft->state != NULL ? VASTUS_CLINIC_CHANGE_CHANGED
                                                   : VASTUS_CLINIC_CHANGE_REMOVED,
                              draft->visit_id, draft->patient_id, draft->episode_id);
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_save_draft_async (VastusClinic        *self,
                                gint64               patient_id,
                                gint64               episode_id,
                                gint64               visit_id,
                                const char          *state,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Draft *draft = g_new0 (Draft, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  draft->patient_id = patient_id;
  draft->episode_id = episode_id;
  draft->visit_id = visit_id;
  draft->state = g_strdup (state);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_draft_func, draft,
                      (GDestroyNotify) draft_free, NULL, cancellable,
                      vastus_clinic_save_draft_async, callback, user_data);
}

gboolean
vastus_clinic_save_draft_finish (VastusClinic  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_save_draft_async, error);
}

static gpointer
load_draft_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  Draft *asked = data;
  Draft *found = g_new0 (Draft, 1);

  /* No draft: TRUE, its state NULL. */
  if (!vastus_database_load_draft (db, asked->episode_id, asked->visit_id, &found->state,
                                   &found->saved_at, error))
    {
      draft_free (found);
      return NULL;
    }
  return found;
}

void
vastus_clinic_load_draft_async (VastusClinic        *self,
                                gint64               episode_id,
                                gint64               visit_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Draft *draft = g_new0 (Draft, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  draft->episode_id = episode_id;
  draft->visit_id = visit_id;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, load_draft_func, draft, (GDestroyNotify) draft_free,
                      (GDestroyNotify) draft_free, cancellable, vastus_clinic_load_draft_async,
                      callback, user_data);
}

gboolean
vastus_clinic_load_draft_finish (VastusClinic  *self,
                                 GAsyncResult  *result,
                                 char         **state,
                                 GDateTime    **saved_at,
                                 GError       **error)
{
  Draft *found = _vastus_clinic_finish (self, result, vastus_clinic_load_draft_async, error);
  gboolean there;

  if (found == NULL)
    return FALSE;
  there = found->state != NULL;
  if (state != NULL)
    *state = g_steal_pointer (&found->state);
  if (saved_at != NULL)
    *saved_at = g_steal_pointer (&found->saved_at);
  draft_free (found);
  return there;
}

/* Demo patients */

static gboolean
store_demo_patient (VastusDatabase    *db,
                    VastusDemoPatient *demo,
                    GError           **error)
{
  if (!vastus_database_insert_patient (db, demo->patient, error))
    return FALSE;
  for (guint i = 0; i < demo->episodes->len; i++)
    {
      VastusDemoEpisode *e = g_ptr_array_index (demo->episodes, i);

      e->episode->patient_id = demo->patient->id;
      if (!vastus_database_insert_episode (db, e->episode, error))
        return FALSE;
      for (guint j = 0; j < e->visits->len; j++)
        {
          VastusVisit *visit = g_ptr_array_index (e->visits, j);

          visit->episode_id = e->episode->id;
          if (!vastus_database_insert_visit (db, visit, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gpointer
load_demo_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate today;

  vastus_date_today (&today);
  patients = vastus_demo_build (&today);
  if (!vastus_database_begin (db, error))
    return NULL;
  for (guint i = 0; i < patients->len; i++)
    {
      VastusDemoPatient *demo = g_ptr_array_index (patients, i);
      g_autoptr(VastusPatient) existing = NULL;
      g_autoptr(GError) local_error = NULL;

      existing = vastus_database_find_patient (db, demo->patient->mrn, &local_error);
      if (local_error != NULL || (existing == NULL && !store_demo_patient (db, demo, &local_error)))
        {
          vastus_database_rollback (db);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (existing == NULL)
        g_array_append_val (added, demo->patient->id);
    }
  if (!vastus_database_commit (db, error))
    return NULL;
  for (guint i = 0; i < added->len; i++)
    _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_PATIENT, VASTUS_CLINIC_CHANGE_ADDED,
                                g_array_index (added, gint64, i), g_array_index (added, gint64, i),
                                0);
  return g_memdup2 (&added->len, sizeof (guint));
}

void
vastus_clinic_load_demo_async (VastusClinic        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, load_demo_func, NULL, NULL, g_free, cancellable,
                      vastus_clinic_load_demo_async, callback, user_data);
}

guint
vastus_clinic_load_demo_finish (VastusClinic  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autofree guint *n = _vastus_clinic_finish (self, result, vastus_clinic_load_demo_async, error);

  return n != NULL ? *n : 0;
}
