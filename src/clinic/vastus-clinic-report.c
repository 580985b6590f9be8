/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"
#include <glib/gstdio.h>

#include "vastus-clinic-private.h"
#include "vastus-clinic-report.h"
#include "vastus-progress.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"

/* Reports: reading what one holds, and putting one out (a PDF written, or a page sent to the
 * printer) on record. */

typedef struct
{
  char                    *mrn;
  VastusReportOptions      options;   /* its strings owned, below */
  GDate                    report_date;
  char                    *clinic_name;
  char                    *clinic_address;
  char                    *set_id;
  char                    *narrative;
  char                    *therapist;
  VastusClinicRules        rules;
  VastusPaper              paper;
  VastusClinicReportOutput output;
  char                    *path;
  VastusReportRecord      *record;    /* made by the first step, stored by the second */
} ReportCall;

static void
report_call_free (ReportCall *call)
{
  g_free (call->mrn);
  g_free (call->clinic_name);
  g_free (call->clinic_address);
  g_free (call->set_id);
  g_free (call->narrative);
  g_free (call->therapist);
  g_free (call->path);
  g_clear_pointer (&call->record, vastus_report_record_free);
  g_free (call);
}

static ReportCall *
report_call_new (const char                *mrn,
                 const VastusReportOptions *options)
{
  ReportCall *call = g_new0 (ReportCall, 1);

  call->mrn = g_strdup (mrn);
  call->options = *options;
  call->clinic_name = g_strdup (options->clinic_name);
  call->clinic_address = g_strdup (options->clinic_address);
  call->set_id = g_strdup (options->set_id);
  call->narrative = g_strdup (options->narrative);
  call->therapist = g_strdup (options->therapist);
  call->options.clinic_name = call->clinic_name;
  call->options.clinic_address = call->clinic_address;
  call->options.set_id = call->set_id;
  call->options.narrative = call->narrative;
  call->options.therapist = call->therapist;
  if (options->report_date != NULL)
    {
      call->report_date = *options->report_date;
      call->options.report_date = &call->report_date;
    }
  if (options->rules != NULL)
    {
      call->rules = *options->rules;
      call->options.rules = &call->rules;
    }
  return call;
}

/* A de-identified report gives the patient a study code on first use: a write. */
static VastusClinicJobKind
load_kind (const ReportCall *call)
{
  return call->options.deidentify ? VASTUS_CLINIC_WRITE : VASTUS_CLINIC_READ;
}

static gpointer
load_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  ReportCall *call = data;

  return vastus_report_data_load (db, call->mrn, &call->options, error);
}

void
vastus_clinic_load_report_async (VastusClinic              *self,
                                 const char                *mrn,
                                 const VastusReportOptions *options,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  ReportCall *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (mrn != NULL && options != NULL);

  call = report_call_new (mrn, options);
  _vastus_clinic_run (self, load_kind (call), load_func, call, (GDestroyNotify) report_call_free,
                      (GDestroyNotify) vastus_report_data_free, cancellable,
                      vastus_clinic_load_report_async, callback, user_data);
}

VastusReportData *
vastus_clinic_load_report_finish (VastusClinic  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_load_report_async, error);
}

/* Putting a report out: the PDF (and its checksum) on a worker that may read, then the record on
 * the writer (which is not held up by the drawing). */

static gpointer
output_func (VastusClinicJob  *job,
             VastusDatabase   *db,
             gpointer          data,
             GCancellable     *cancellable,
             GError          **error)
{
  ReportCall *call = data;
  g_autoptr(VastusReportData) report = vastus_report_data_load (db, call->mrn, &call->options,
                                                                error);
  g_autofree char *sha256 = NULL;
  VastusReportRecord *record;

  if (report == NULL || !vastus_progress_report (0, 0, error))
    return NULL;
  switch (call->output)
    {
    case VASTUS_CLINIC_REPORT_WRITE:
      sha256 = vastus_report_write_pdf (report, call->paper, call->path, error);
      break;
    case VASTUS_CLINIC_REPORT_PRINTED:
      {
        g_autoptr(GBytes) pdf = vastus_report_render_pdf (report, call->paper, error);

        if (pdf != NULL)
          sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
      }
      break;
    case VASTUS_CLINIC_REPORT_FILE:
    default:
      sha256 = vastus_file_sha256 (call->path, error);
      break;
    }
  if (sha256 == NULL)
    return NULL;
  /* Stopped now, a written file is not kept: it would not be on record. */
  if (!vastus_progress_report (1, 1, error))
    {
      if (call->output == VASTUS_CLINIC_REPORT_WRITE)
        g_unlink (call->path);
      return NULL;
    }

  record = vastus_report_record_new ();
  record->patient_id = report->patient_id;
  record->episode_id = report->episode_id;
  record->criteria_set_id = g_strdup (report->set_id);
  record->criteria_set_version = report->has_set ? report->set_version : 0;
  record->report_date = report->report_date;
  record->file_name = call->output == VASTUS_CLINIC_REPORT_PRINTED
                      /* Translators: in the list of reports, instead of a file name: the report
                       * was printed */
                      ? g_strdup (_("(printed)")) : g_path_get_basename (call->path);
  record->sha256 = g_steal_pointer (&sha256);
  record->deidentified = report->deidentified;
  record->paper = g_strdup (vastus_paper_to_string (call->paper));
  record->narrative = report->narrative[0] != '\0' ? g_strdup (report->narrative) : NULL;
  return record;
}

static gpointer
record_func (VastusClinicJob  *job,
             VastusDatabase   *db,
             gpointer          data,
             GCancellable     *cancellable,
             GError          **error)
{
  ReportCall *call = data;
  VastusReportRecord *record = call->record;

  if (!vastus_database_insert_report (db, record, error))
    {
      /* A report that is not on record is not handed out. */
      if (call->output == VASTUS_CLINIC_REPORT_WRITE)
        g_unlink (call->path);
      return NULL;
    }
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_REPORT, VASTUS_CLINIC_CHANGE_ADDED,
                              record->id, record->patient_id, record->episode_id);
  return g_strdup (record->sha256);
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *sha256 = _vastus_clinic_finish (VASTUS_CLINIC (source), result, record_func, &error);

  if (sha256 == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sha256, g_free);
}

static void
put_out_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReportCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->record = _vastus_clinic_finish (VASTUS_CLINIC (source), result, output_func, &error);
  if (call->record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The record: not cancellable any more (the file is written). */
  _vastus_clinic_run (VASTUS_CLINIC (source), VASTUS_CLINIC_WRITE, record_func, call, NULL,
                      g_free, NULL, record_func, recorded_cb, g_object_ref (task));
}

void
vastus_clinic_output_report_async (VastusClinic              *self,
                                   const char                *mrn,
                                   const VastusReportOptions *options,
                                   VastusPaper                paper,
                                   VastusClinicReportOutput   output,
                                   const char                *path,
                                   VastusClinicProgressFunc   progress,
                                   gpointer                   progress_data,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ReportCall *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (mrn != NULL && options != NULL);
  g_return_if_fail (output == VASTUS_CLINIC_REPORT_PRINTED || path != NULL);

  call = report_call_new (mrn, options);
  call->paper = paper;
  call->output = output;
  call->path = g_strdup (path);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_output_report_async);
  g_task_set_task_data (task, call, (GDestroyNotify) report_call_free);
  _vastus_clinic_run_with_progress (self, load_kind (call), output_func, call, NULL,
                                    (GDestroyNotify) vastus_report_record_free, progress,
                                    progress_data, cancellable, output_func, put_out_cb,
                                    g_steal_pointer (&task));
}

char *
vastus_clinic_output_report_finish (VastusClinic  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == vastus_clinic_output_report_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
