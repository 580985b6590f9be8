/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <glib/gstdio.h>

#include "vastus-clinic-fhir.h"
#include "vastus-clinic-private.h"
#include "vastus-report-store.h"

/* The FHIR export: the Bundle written on a worker that may read, then the report inside it on
 * record on the writer (as vastus-clinic-report.c puts a report out). */

typedef struct
{
  VastusFhirExportOptions  options;      /* its strings and dates owned, below */
  char                    *mrn;
  char                    *system;
  GDate                    as_of;
  VastusClinicRules        rules;
  char                    *clinic_name;
  char                    *clinic_address;
  char                    *path;
  GPtrArray               *handed_out;   /* of VastusReportRecord*: made by the first step,
                                          * stored by the second */
} FhirCall;

static void
fhir_call_free (FhirCall *call)
{
  g_free (call->mrn);
  g_free (call->system);
  g_free (call->clinic_name);
  g_free (call->clinic_address);
  g_free (call->path);
  g_ptr_array_unref (call->handed_out);
  g_free (call);
}

static FhirCall *
fhir_call_new (const VastusFhirExportOptions *options,
               const char                    *path)
{
  FhirCall *call = g_new0 (FhirCall, 1);

  call->options = *options;
  call->mrn = g_strdup (options->mrn);
  call->system = g_strdup (options->system);
  call->clinic_name = g_strdup (options->clinic_name);
  call->clinic_address = g_strdup (options->clinic_address);
  call->path = g_strdup (path);
  call->options.mrn = call->mrn;
  call->options.system = call->system;
  call->options.clinic_name = call->clinic_name;
  call->options.clinic_address = call->clinic_address;
  call->options.file_name = call->path;
  call->options.as_of = NULL;
  if (options->as_of != NULL)
    {
      call->as_of = *options->as_of;
      call->options.as_of = &call->as_of;
    }
  if (options->rules != NULL)
    {
      call->rules = *options->rules;
      call->options.rules = &call->rules;
    }
  call->handed_out = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_report_record_free);
  return call;
}

static gpointer
export_func (VastusClinicJob  *job,
             VastusDatabase   *db,
             gpointer          data,
             GCancellable     *cancellable,
             GError          **error)
{
  FhirCall *call = data;

  if (!vastus_fhir_export_file (db, &call->options, call->path, call->handed_out, cancellable,
                                error))
    return NULL;
  return VASTUS_CLINIC_DONE;
}

static gpointer
record_func (VastusClinicJob  *job,
             VastusDatabase   *db,
             gpointer          data,
             GCancellable     *cancellable,
             GError          **error)
{
  FhirCall *call = data;

  for (guint i = 0; i < call->handed_out->len; i++)
    {
      VastusReportRecord *record = g_ptr_array_index (call->handed_out, i);

      if (!vastus_database_insert_report (db, record, error))
        {
          /* A report that is not on record is not handed out. */
          g_unlink (call->path);
          return NULL;
        }
      _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_REPORT, VASTUS_CLINIC_CHANGE_ADDED,
                                  record->id, record->patient_id, record->episode_id);
    }
  return VASTUS_CLINIC_DONE;
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (_vastus_clinic_finish_boolean (VASTUS_CLINIC (source), result, record_func, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FhirCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_vastus_clinic_finish_boolean (VASTUS_CLINIC (source), result, export_func, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (call->handed_out->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The record: not cancellable any more (the file is in place). */
  _vastus_clinic_run (VASTUS_CLINIC (source), VASTUS_CLINIC_WRITE, record_func, call, NULL, NULL,
                      NULL, record_func, recorded_cb, g_object_ref (task));
}

void
vastus_clinic_export_fhir_async (VastusClinic                  *self,
                                 const VastusFhirExportOptions *options,
                                 const char                    *path,
                                 VastusClinicProgressFunc       progress,
                                 gpointer                       progress_data,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  FhirCall *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (options != NULL && path != NULL);

  call = fhir_call_new (options, path);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_export_fhir_async);
  /* Cancelled, the error says so: nothing was written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify) fhir_call_free);
  _vastus_clinic_run_with_progress (self, options->deidentify ? VASTUS_CLINIC_WRITE
                                                              : VASTUS_CLINIC_READ,
                                    export_func, call, NULL, NULL, progress, progress_data,
                                    cancellable, export_func, written_cb, g_steal_pointer (&task));
}

gboolean
vastus_clinic_export_fhir_finish (VastusClinic  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vastus_clinic_export_fhir_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
