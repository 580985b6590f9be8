/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <string.h>

#include "vastus-clinic-import.h"
#include "vastus-clinic-private.h"
#include "vastus-csv-import.h"
#include "vastus-profile-store.h"

/* The visits an import keeps to announce one by one; beyond, it announces each episode (each
 * patient record reads an episode's visits again on any change of it). */
#define MAX_VISIT_CHANGES 1000

void
vastus_import_file_free (VastusImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->name);
  g_clear_pointer (&file->head, g_bytes_unref);
  g_clear_pointer (&file->profiles, g_ptr_array_unref);
  g_free (file);
}

static void
value_free (VastusImportValue *value)
{
  vastus_measurement_free (value->measurement);
  g_free (value);
}

static void
visit_free (VastusImportVisit *visit)
{
  g_free (visit->mrn);
  g_free (visit->name);
  g_clear_pointer (&visit->values, g_ptr_array_unref);
  g_free (visit);
}

static void
message_free (VastusImportMessage *message)
{
  g_free (message->text);
  g_free (message);
}

void
vastus_import_result_free (VastusImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->visits, g_ptr_array_unref);
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

VastusProfile *
vastus_profile_copy (const VastusProfile *profile)
{
  g_autoptr(GError) error = NULL;
  VastusProfile *copy = vastus_profile_new_from_data (profile->id, profile->text,
                                                      strlen (profile->text), &error);

  /* It was read from this text before. */
  g_assert_no_error (error);
  copy->builtin = profile->builtin;
  return copy;
}

/* Opening a file */

static gpointer
open_file_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  const char *path = data;
  g_autoptr(VastusImportFile) file = g_new0 (VastusImportFile, 1);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *head = g_malloc (VASTUS_IMPORT_HEAD_BYTES);
  const VastusProfile *detected;
  gsize got = 0;
  char extra;
  gsize more = 0;

  file->profiles = vastus_database_all_profiles (db, error);
  if (file->profiles == NULL)
    return NULL;
  stream = g_file_read (gfile, cancellable, error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, VASTUS_IMPORT_HEAD_BYTES, &got,
                                cancellable, error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), &extra, 1, &more, cancellable, error))
    return NULL;
  file->path = g_strdup (path);
  file->name = g_path_get_basename (path);
  file->complete = more == 0;
  detected = vastus_profile_detect (file->profiles, head, got);
  file->detected = -1;
  for (guint i = 0; detected != NULL && i < file->profiles->len; i++)
    if (g_ptr_array_index (file->profiles, i) == detected)
      file->detected = (int) i;
  file->head = g_bytes_new_take (g_steal_pointer (&head), got);
  return g_steal_pointer (&file);
}

void
vastus_clinic_open_import_file_async (VastusClinic        *self,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (path != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_READ, open_file_func, g_strdup (path), g_free,
                      (GDestroyNotify) vastus_import_file_free, cancellable,
                      vastus_clinic_open_import_file_async, callback, user_data);
}

VastusImportFile *
vastus_clinic_open_import_file_finish (VastusClinic  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_open_import_file_async, error);
}

/* Importing */

typedef struct
{
  char          *path;
  VastusProfile *profile;
  char          *patient_mrn;
  gboolean       dry_run;
  GCancellable  *stop;
} Import;

static void
import_free (Import *import)
{
  g_free (import->path);
  vastus_profile_free (import->profile);
  g_free (import->patient_mrn);
  g_clear_object (&import->stop);
  g_free (import);
}

/* The visits of the values kept, each with its patient's MRN and name. */
static GPtrArray *
kept_visits (VastusDatabase  *db,
             VastusCsvImport *import,
             GError         **error)
{
  GArray *stored = vastus_csv_import_get_visits (import);
  GPtrArray *values = vastus_csv_import_get_values (import);
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify) visit_free);
  g_autoptr(GHashTable) patients = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) vastus_patient_free);
  VastusImportVisit *visit = NULL;
  guint index = G_MAXUINT;

  for (guint i = 0; i < values->len; i++)
    {
      const VastusCsvImportValue *v = g_ptr_array_index (values, i);
      VastusImportValue *value;

      if (v->visit != index)
        {
          const VastusCsvImportVisit *s = &g_array_index (stored, VastusCsvImportVisit, v->visit);
          VastusPatient *patient = g_hash_table_lookup (patients, &s->patient_id);

          if (patient == NULL)
            {
              patient = vastus_database_get_patient (db, s->patient_id, error);
              if (patient == NULL)
                return NULL;
              g_hash_table_insert (patients, &patient->id, patient);
            }
          index = v->visit;
          visit = g_new0 (VastusImportVisit, 1);
          visit->patient_id = s->patient_id;
          visit->mrn = g_strdup (patient->mrn);
          visit->name = g_strdup (patient->name);
          visit->date = s->date;
          visit->added = s->added;
          visit->line = s->line;
          visit->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
          g_ptr_array_add (visits, visit);
        }
      value = g_new0 (VastusImportValue, 1);
      value->line = v->line;
      value->measurement = vastus_measurement_copy (v->measurement);
      g_ptr_array_add (visit->values, value);
    }
  return g_steal_pointer (&visits);
}

/* What a committed import changed: each visit; beyond MAX_VISIT_CHANGES, each episode's visits
 * as one change (id 0: the records read the episode's visits again, the patient list its rows). */
static void
announce (VastusClinicJob *job,
          VastusDatabase  *db,
          VastusCsvImport *import)
{
  GArray *stored = vastus_csv_import_get_visits (import);
  GArray *episodes = vastus_csv_import_get_episodes (import);

  if (vastus_csv_import_get_n_visits_stored (import) <= stored->len)
    {
      for (guint i = 0; i < stored->len; i++)
        {
          VastusCsvImportVisit *s = &g_array_index (stored, VastusCsvImportVisit, i);

          _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_VISIT,
                                      s->added ? VASTUS_CLINIC_CHANGE_ADDED
                                               : VASTUS_CLINIC_CHANGE_CHANGED,
                                      s->visit_id, s->patient_id, s->episode_id);
        }
      return;
    }
  for (guint i = 0; i < episodes->len; i++)
    {
      gint64 id = g_array_index (episodes, gint64, i);
      g_autoptr(VastusEpisode) episode = vastus_database_get_episode (db, id, NULL);

      /* Committed: an episode that cannot be read now is read again with everything later. */
      if (episode != NULL)
        _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_VISIT, VASTUS_CLINIC_CHANGE_CHANGED,
                                    0, episode->patient_id, id);
    }
}

static gpointer
import_func (VastusClinicJob  *job,
             VastusDatabase   *db,
             gpointer          data,
             GCancellable     *cancellable,
             GError          **error)
{
  Import *call = data;
  g_autoptr(VastusCsvImport) import = vastus_csv_import_new (db);
  g_autoptr(VastusImportResult) result = g_new0 (VastusImportResult, 1);
  VastusCsvImportCounts counts = { 0 };
  GPtrArray *errors, *warnings;
  gboolean ok;

  vastus_csv_import_keep_values (import, MAX_VISIT_CHANGES, VASTUS_IMPORT_MAX_VALUES);
  ok = vastus_csv_import_add_profile_file (import, call->profile, call->patient_mrn, call->path,
                                           call->stop, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Stopped before the commit: nothing is stored, and the result says so. */
  if (call->stop != NULL && g_cancellable_is_cancelled (call->stop))
    {
      result->stopped = TRUE;
      result->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) visit_free);
      result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
      result->warnings = g_ptr_array_new_with_free_func (g_free);
      return g_steal_pointer (&result);
    }
  if (ok)
    ok = call->dry_run ? vastus_csv_import_check (import, &counts, NULL)
                       : vastus_csv_import_commit (import, &counts, NULL);
  result->committed = ok && !call->dry_run;
  result->n_visits = counts.visits;
  result->n_measurements = counts.measurements;
  result->n_skipped = counts.skipped;
  result->n_visits_stored = vastus_csv_import_get_n_visits_stored (import);
  if (ok)
    {
      result->visits = kept_visits (db, import, error);
      if (result->visits == NULL)
        return NULL;
    }
  else
    result->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) visit_free);

  errors = vastus_csv_import_get_errors (import);
  result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  result->n_errors = vastus_csv_import_get_n_errors (import);
  for (guint i = 0; i < errors->len; i++)
    {
      VastusImportMessage *message = g_new0 (VastusImportMessage, 1);

      message->text = g_strdup (g_ptr_array_index (errors, i));
      vastus_csv_import_get_error_place (import, i, &message->line, &message->column);
      g_ptr_array_add (result->errors, message);
    }
  warnings = vastus_csv_import_get_warnings (import);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->n_warnings = vastus_csv_import_get_n_warnings (import);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (result->warnings, g_strdup (g_ptr_array_index (warnings, i)));

  if (result->committed)
    announce (job, db, import);
  /* A dry run's import goes with everything it wrote. */
  return g_steal_pointer (&result);
}

void
vastus_clinic_import_async (VastusClinic             *self,
                            const char               *path,
                            const VastusProfile      *profile,
                            const char               *patient_mrn,
                            gboolean                  dry_run,
                            VastusClinicProgressFunc  progress,
                            gpointer                  progress_data,
                            GCancellable             *stop,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  Import *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (path != NULL && profile != NULL);

  call = g_new0 (Import, 1);
  call->path = g_strdup (path);
  call->profile = vastus_profile_copy (profile);
  call->patient_mrn = g_strdup (patient_mrn);
  call->dry_run = dry_run;
  call->stop = stop != NULL ? g_object_ref (stop) : NULL;
  _vastus_clinic_run_with_progress (self, VASTUS_CLINIC_WRITE, import_func, call,
                                    (GDestroyNotify) import_free,
                                    (GDestroyNotify) vastus_import_result_free, progress,
                                    progress_data, cancellable, vastus_clinic_import_async,
                                    callback, user_data);
}

VastusImportResult *
vastus_clinic_import_finish (VastusClinic  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_import_async, error);
}

/* Saving a profile */

static gpointer
save_profile_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  return vastus_database_save_profile (db, data, error) ? VASTUS_CLINIC_DONE : NULL;
}

void
vastus_clinic_save_profile_async (VastusClinic        *self,
                                  const VastusProfile *profile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (profile != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_profile_func, vastus_profile_copy (profile),
                      (GDestroyNotify) vastus_profile_free, NULL, cancellable,
                      vastus_clinic_save_profile_async, callback, user_data);
}

gboolean
vastus_clinic_save_profile_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_save_profile_async, error);
}
