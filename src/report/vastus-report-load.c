/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinic-rules-store.h"
#include "vastus-criteria-store.h"
#include "vastus-questionnaire-store.h"
#include "vastus-report-data-private.h"
#include "vastus-report-store.h"

/* A report's data read from the database: the patient's history as of the report's date, the
 * criteria set, the study code of a de-identified report, the clinic's minimal important
 * changes. */

VastusHistory *
vastus_report_load_history (VastusDatabase  *db,
                            const char      *mrn,
                            gint64           episode_id,
                            const GDate     *on,
                            GError         **error)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GError) local_error = NULL;
  VastusHistory *history;

  patient = vastus_database_find_patient (db, mrn, &local_error);
  if (patient == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_PATIENT,
                     _("No patient with MRN “%s”"), mrn);
      return NULL;
    }
  history = vastus_database_load_patient_history (db, mrn, episode_id, on, &local_error);
  if (history == NULL && g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND))
    g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_EPISODE,
                         local_error->message);
  else if (history == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return history;
}

VastusCriteriaSet *
vastus_report_load_set (VastusDatabase       *db,
                        const VastusHistory  *history,
                        const char           *set_id,
                        int                   version,
                        GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  VastusCriteriaSet *set;
  const char *id = set_id;

  if (id == NULL)
    id = history->episode->criteria_set;
  if (id == NULL)
    {
      /* The clinic's default for the condition, the same on every workstation. */
      clinic = vastus_database_read_clinic_rules (db, error);
      if (clinic == NULL)
        return NULL;
      id = vastus_clinic_rulebook_default_set (clinic, history->episode->condition);
    }
  if (id == NULL)
    id = vastus_criteria_default_for (history->episode->condition);
  if (id == NULL)
    return NULL;

  set = vastus_database_get_criteria_set (db, id, version, &local_error);
  if (set == NULL && g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND))
    {
      if (version > 0)
        g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_SET,
                     /* Translators: %d is the version asked for, %s the criteria set's id */
                     _("No version %d of the criteria set “%s”"), version, id);
      else
        g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_SET,
                     _("No criteria set “%s”"), id);
      return NULL;
    }
  if (set == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return set;
}

static double
database_mic (const char *measure,
              gpointer    db)
{
  return vastus_database_get_mic (db, measure, NULL, NULL);
}

VastusReportData *
vastus_report_data_load (VastusDatabase            *db,
                         const char                *mrn,
                         const VastusReportOptions *options,
                         GError                   **error)
{
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *study_code = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  VastusReportOptions with_mic = { 0 };

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);

  history = vastus_report_load_history (db, mrn, options != NULL ? options->episode_id : 0,
                                        options != NULL ? options->report_date : NULL, error);
  if (history == NULL)
    return NULL;
  set = vastus_report_load_set (db, history, options != NULL ? options->set_id : NULL,
                                options != NULL ? options->set_version : 0, &local_error);
  if (set == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (options != NULL && options->deidentify)
    {
      study_code = vastus_database_get_study_code (db, history->patient->id, error);
      if (study_code == NULL)
        return NULL;
    }
  /* The clinic's minimal important changes. */
  if (options != NULL)
    with_mic = *options;
  /* The clinic's rules, unless told others. */
  if (with_mic.rules == NULL)
    {
      clinic = vastus_database_read_clinic_rules (db, error);
      if (clinic == NULL)
        return NULL;
      with_mic.rules = &clinic->rules;
    }
  if (with_mic.mic_for == NULL)
    {
      with_mic.mic_for = database_mic;
      with_mic.mic_data = db;
    }
  return vastus_report_data_new (history, set, study_code, &with_mic);
}
