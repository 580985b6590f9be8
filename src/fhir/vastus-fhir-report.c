/* vastus-fhir-report.c: the criteria evaluation of the episode in force as a DiagnosticReport
 *
 * The set in force (the episode's, else its condition's default) evaluated as of the export's
 * date: the DiagnosticReport names the set and its version (extensions criteria-set and
 * criteria-set-version), the verdict as conclusionCode (ready or not-ready: every criterion met
 * and nothing holds), a result Observation per criterion (its value and unit, the threshold with
 * its comparator and the date first met as components, met / not_met / not_tested as
 * interpretation, why it was not tested as dataAbsentReason, the measurements it was read from
 * as derivedFrom) and, when one patient is exported, the surgeon's PDF (the report `vastus-cli
 * report` writes, de-identified with the bundle) in presentedForm, recorded like every report
 * handed out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-fhir"

#include "config.h"

#include <math.h>

#include "vastus-evaluation.h"
#include "vastus-fhir-private.h"
#include "vastus-report-data.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"
#include "vastus-value.h"

/* A criterion's display unit in UCUM. */
static const char *
criterion_ucum (const char *unit)
{
  static const struct { const char *unit, *ucum; } units[] = {
    { "%", "%" }, { "weeks", "wk" }, { "Nm/kg", "N.m/kg" }, { "%BW", "%{bodyweight}" },
    { "grade", "{grade}" }, { "deg", "deg" }, { "points", "{score}" }, { "count", "{count}" },
    { "cm", "cm" }, { "s", "s" }, { "N", "N" }, { "Nm", "N.m" },
  };

  for (gsize i = 0; unit != NULL && i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].unit, unit))
      return units[i].ucum;
  return "1";
}

static JsonObject *
criterion_quantity (double                 value,
                    const VastusCriterion *criterion,
                    gboolean               with_comparator)
{
  JsonObject *quantity = json_object_new ();

  json_object_set_double_member (quantity, "value", value);
  if (with_comparator)
    json_object_set_string_member (quantity, "comparator", vastus_comparator_to_string (criterion->comparator));
  if (criterion->unit != NULL)
    json_object_set_string_member (quantity, "unit", criterion->unit);
  json_object_set_string_member (quantity, "system", FHIR_UCUM);
  json_object_set_string_member (quantity, "code", criterion_ucum (criterion->unit));
  return quantity;
}

/* The FhirVisit of the episode on @date (the last one that day). */
static FhirVisit *
visit_on (GPtrArray   *visits,
          const GDate *date)
{
  for (guint i = visits->len; i > 0; i--)
    {
      FhirVisit *v = g_ptr_array_index (visits, i - 1);

      if (g_date_valid (date) && g_date_valid (&v->visit->date) && g_date_compare (&v->visit->date, date) == 0)
        return v;
    }
  return NULL;
}

static char *
write_result (FhirEpisode                 *ep,
              GPtrArray                   *visits,
              const char                  *report_key,
              const VastusCriteriaSet     *set,
              const VastusCriterionResult *result)
{
  FhirExport *export = ep->patient->export;
  const VastusCriterion *criterion = result->criterion;
  g_autofree char *key = g_strdup_printf ("%s|%s", report_key, criterion->id);
  g_autofree char *code = g_strdup_printf ("%s/%s", set->id, criterion->id);
  char *ref = NULL;
  JsonObject *observation = fhir_resource_new ("Observation", key, &ref);
  FhirVisit *source = visit_on (visits, &result->visit_date);
  JsonObject *component;

  json_object_set_string_member (observation, "status", "final");
  json_object_set_object_member (observation, "code",
                                 fhir_concept (FHIR_CS_CRITERION, code, criterion->label, criterion->label));
  json_object_set_object_member (observation, "subject", fhir_reference (ep->patient->ref));
  if (source != NULL)
    {
      json_object_set_object_member (observation, "encounter", fhir_reference (source->ref));
      fhir_episode_set_date (ep, observation, "effectiveDateTime", &result->visit_date);
    }
  if (isfinite (result->value))
    json_object_set_object_member (observation, "valueQuantity",
                                   criterion_quantity (result->value, criterion, FALSE));
  else
    json_object_set_object_member (observation, "dataAbsentReason",
                                   fhir_concept (FHIR_ABSENT, "not-performed", "Not Performed",
                                                 result->reason_code));
  fhir_append_object (observation, "interpretation",
                      fhir_concept (FHIR_CS_STATUS, vastus_status_to_string (result->status), NULL, NULL));
  if (result->reason_code != NULL)
    fhir_add_extension (observation, "not-tested-reason", "valueCode", fhir_string_node (result->reason_code));

  /* The measurements it was read from: the measure's Observations at that visit. */
  if (source != NULL && result->measure != NULL)
    {
      static const VastusSide sides[] = { VASTUS_SIDE_NONE, VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT };

      for (gsize s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          const char *from = fhir_visit_observation (source, result->measure, sides[s]);

          if (from != NULL)
            fhir_append_object (observation, "derivedFrom", fhir_reference (from));
        }
    }

  component = json_object_new ();
  json_object_set_object_member (component, "code",
                                 fhir_concept (FHIR_CS_COMPONENT, fhir_component_code (FHIR_COMPONENT_THRESHOLD),
                                               fhir_component_display (FHIR_COMPONENT_THRESHOLD), NULL));
  json_object_set_object_member (component, "valueQuantity", criterion_quantity (criterion->threshold, criterion, TRUE));
  fhir_append_object (observation, "component", component);
  if (g_date_valid (&result->first_met))
    {
      GDate date;
      char buf[VASTUS_DATE_BUF_SIZE];

      if (fhir_episode_date (ep, &result->first_met, &date))
        {
          component = json_object_new ();
          json_object_set_object_member (component, "code",
                                         fhir_concept (FHIR_CS_COMPONENT, fhir_component_code (FHIR_COMPONENT_FIRST_MET),
                                                       fhir_component_display (FHIR_COMPONENT_FIRST_MET), NULL));
          json_object_set_string_member (component, "valueDateTime", vastus_date_format (&date, buf));
          fhir_append_object (observation, "component", component);
        }
    }
  fhir_export_add (export, ref, observation);
  return ref;
}

/* The surgeon's report for the episode, as it would be written now; handed out with the Bundle
 * (its record goes to the caller, who keeps it once the file is complete). */
static GBytes *
surgeon_pdf (FhirEpisode  *ep,
             GError      **error)
{
  FhirExport *export = ep->patient->export;
  const VastusFhirExportOptions *options = fhir_export_options (export);
  VastusDatabase *db = fhir_export_database (export);
  VastusReportOptions report = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  g_autoptr(VastusReportRecord) record = NULL;
  g_autoptr(GBytes) pdf = NULL;

  report.clinic_name = options->clinic_name;
  report.clinic_address = options->clinic_address;
  report.report_date = fhir_export_as_of (export);
  report.episode_id = ep->history->episode->id;
  report.deidentify = options->deidentify;
  report.rules = fhir_export_rules (export);
  data = vastus_report_data_load (db, ep->patient->patient->mrn, &report, error);
  if (data == NULL)
    return NULL;
  pdf = vastus_report_render_pdf (data, options->paper, error);
  if (pdf == NULL)
    return NULL;

  record = vastus_report_record_new ();
  record->patient_id = data->patient_id;
  record->episode_id = data->episode_id;
  record->criteria_set_id = g_strdup (data->set_id);
  record->criteria_set_version = data->has_set ? data->set_version : 0;
  record->report_date = data->report_date;
  record->file_name = options->file_name != NULL ? g_path_get_basename (options->file_name)
                                                 : g_strdup ("(FHIR bundle)");
  record->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  record->deidentified = options->deidentify;
  record->paper = g_strdup (vastus_paper_to_string (options->paper));
  fhir_export_hand_out (export, g_steal_pointer (&record));
  return g_steal_pointer (&pdf);
}

gboolean
fhir_write_report (FhirEpisode  *ep,
                   GPtrArray    *visits,
                   gboolean      with_pdf,
                   GError      **error)
{
  FhirExport *export = ep->patient->export;
  g_autoptr(VastusCriteriaSet) set = NULL;
  g_autoptr(VastusEvaluation) evaluation = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL, *ref = NULL;
  GDate as_of;
  char date[VASTUS_DATE_BUF_SIZE] = "";
  JsonObject *report;

  set = vastus_report_load_set (fhir_export_database (export), ep->history, NULL, 0, &local_error);
  if (set == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (set == NULL && !with_pdf)
    return TRUE;
  if (with_pdf && (pdf = surgeon_pdf (ep, error)) == NULL)
    return FALSE;

  if (fhir_episode_date (ep, fhir_export_as_of (export), &as_of))
    vastus_date_format (&as_of, date);
  key = g_strdup_printf ("%s|report|%s|%d|%s", ep->key, set != NULL ? set->id : "",
                         set != NULL ? set->version : 0, date);
  report = fhir_resource_new ("DiagnosticReport", key, &ref);
  if (set != NULL)
    {
      fhir_add_extension (report, "criteria-set", "valueString", fhir_string_node (set->id));
      fhir_add_extension (report, "criteria-set-version", "valuePositiveInt", fhir_int_node (set->version));
    }
  json_object_set_string_member (report, "status", "final");
  json_object_set_object_member (report, "code",
                                 fhir_concept (FHIR_CS_REPORT, "criteria-evaluation",
                                               "Return-to-activity criteria evaluation",
                                               set != NULL ? set->title : "Knee rehabilitation report"));
  json_object_set_object_member (report, "subject", fhir_reference (ep->patient->ref));
  fhir_episode_set_date (ep, report, "effectiveDateTime", fhir_export_as_of (export));

  if (set != NULL)
    {
      evaluation = vastus_evaluate (ep->history, set, fhir_export_as_of (export),
                                   fhir_export_rules (export));
      for (guint i = 0; i < evaluation->results->len; i++)
        {
          g_autofree char *result = write_result (ep, visits, key, evaluation->set,
                                                  g_ptr_array_index (evaluation->results, i));

          fhir_append_object (report, "result", fhir_reference (result));
        }
      fhir_append_object (report, "conclusionCode",
                          fhir_concept (FHIR_CS_VERDICT, evaluation->ready ? "ready" : "not-ready",
                                        evaluation->ready ? "Ready: every criterion met, nothing holds"
                                                          : "Not ready", NULL));
    }
  if (pdf != NULL)
    {
      JsonObject *form = json_object_new ();
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));

      json_object_set_string_member (form, "contentType", "application/pdf");
      json_object_set_string_member (form, "data", base64);
      json_object_set_string_member (form, "title", "Knee rehabilitation report");
      fhir_append_object (report, "presentedForm", form);
    }
  fhir_export_add (export, ref, report);
  return TRUE;
}
