/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-csv-export"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-csv-export.h"
#include "vastus-database-private.h"
#include "vastus-progress.h"
#include "vastus-record-order.h"
#include "vastus-report-store.h"
#include "vastus-units.h"
#include "vastus-text.h"
#include "vastus-value.h"

#define EOL "\r\n"

/* The names as family_name and given_name: import reads them back as they are, so export →
 * import → export gives the same bytes (a file with the older name column is split on import). */
static const char *const export_columns[] = {
  "mrn", "family_name", "given_name", "birth_date", "sex",
  "condition", "involved_side", "surgery_date", "injury_date",
  "visit_date", "body_mass_kg", "height_cm", "clinician", "note",
  "measure", "side", "trial", "value", "unit", "baseline", "knee_angle_deg", "velocity_deg_s",
  "fixation", "lever_arm_cm", NULL
};

const char *const *
vastus_csv_export_columns (void)
{
  return export_columns;
}

static int
patient_compare (gconstpointer a,
                 gconstpointer b)
{
  const VastusPatientSummary *pa = *(VastusPatientSummary *const *) a;
  const VastusPatientSummary *pb = *(VastusPatientSummary *const *) b;

  return strcmp (pa->patient->mrn, pb->patient->mrn);
}

static void
append_date (GString     *out,
             const GDate *date)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (g_date_valid (date))
    g_string_append (out, vastus_date_format (date, buf));
}

static void
append_number (GString *out,
               double   value)
{
  char buf[VASTUS_NUMBER_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, vastus_number_format (value, buf));
}

/* The value and unit a measurement is written with: the unit it was entered in when converting
 * there and back gives exactly the stored value, else the stored unit. */
static void
append_value (GString                 *out,
              const VastusMeasurement *m)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  const char *unit;
  char text[VASTUS_NUMBER_BUF_SIZE];

  if (measure != NULL && measure->kind == VASTUS_VALUE_GRADE &&
      m->value >= VASTUS_GRADE_ZERO && m->value <= VASTUS_GRADE_3PLUS)
    {
      g_string_append (out, vastus_grade_to_string ((VastusGrade) lround (m->value)));
      g_string_append (out, ",grade");
      return;
    }
  if (measure != NULL && measure->kind == VASTUS_VALUE_BOOL)
    {
      g_string_append (out, vastus_bool_to_string (m->value != 0));
      g_string_append (out, ",bool");
      return;
    }

  unit = m->unit;
  if (measure != NULL && !vastus_measure_accepts_unit (measure, unit))
    unit = measure->unit;
  if (unit != NULL && vastus_unit_entered_text (unit, m->value, text))
    {
      /* 444.82216152605 N entered as lbf is written as 100. */
      g_string_append (out, text);
      g_string_append_c (out, ',');
      vastus_csv_append_field (out, unit);
      return;
    }
  /* Else the stored unit, which is always exact. */
  unit = measure != NULL ? measure->unit : (m->unit != NULL ? m->unit : "");
  append_number (out, m->value);
  g_string_append_c (out, ',');
  vastus_csv_append_field (out, unit);
}

/* From the measure to the end of the row: what both exports write of a measurement. */
static void
append_measurement (GString                 *out,
                    const VastusMeasurement *m)
{
  char lever[32];

  vastus_csv_append_text (out, m->measure);
  g_string_append_c (out, ',');
  g_string_append (out, vastus_side_to_string (m->side));
  g_string_append_printf (out, ",%d,", m->trial);
  append_value (out, m);
  g_string_append_c (out, ',');
  g_string_append (out, vastus_bool_to_string (m->baseline));
  g_string_append_c (out, ',');
  append_number (out, m->knee_angle_deg);
  g_string_append_c (out, ',');
  append_number (out, m->velocity_deg_s);
  g_string_append_c (out, ',');
  vastus_csv_append_text (out, m->fixation);
  g_string_append_c (out, ',');
  if (!isnan (m->lever_arm_m))
    g_string_append (out, vastus_lever_arm_format_cm (m->lever_arm_m, lever));
  g_string_append (out, EOL);
}

static gboolean
append_patient (GString              *out,
                VastusDatabase       *db,
                const VastusPatient  *patient,
                GError              **error)
{
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, patient->id, error);

  if (episodes == NULL)
    return FALSE;
  vastus_episodes_sort_for_export (episodes);

  for (guint e = 0; e < episodes->len; e++)
    {
      const VastusEpisode *episode = g_ptr_array_index (episodes, e);
      g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, error);

      if (visits == NULL)
        return FALSE;
      vastus_visits_sort_for_export (visits);

      for (guint v = 0; v < visits->len; v++)
        {
          VastusVisit *visit = g_ptr_array_index (visits, v);

          vastus_measurements_sort_for_export (visit->measurements);
          for (guint k = 0; k < visit->measurements->len; k++)
            {
              const VastusMeasurement *m = g_ptr_array_index (visit->measurements, k);

              vastus_csv_append_text (out, patient->mrn);
              g_string_append_c (out, ',');
              vastus_csv_append_text (out, patient->family_name);
              g_string_append_c (out, ',');
              vastus_csv_append_text (out, patient->given_name);
              g_string_append_c (out, ',');
              append_date (out, &patient->birth_date);
              g_string_append_c (out, ',');
              g_string_append (out, vastus_sex_to_string (patient->sex));
              g_string_append_c (out, ',');
              g_string_append (out, vastus_condition_to_string (episode->condition));
              g_string_append_c (out, ',');
              g_string_append (out, vastus_side_to_string (episode->involved_side));
              g_string_append_c (out, ',');
              append_date (out, &episode->surgery_date);
              g_string_append_c (out, ',');
              append_date (out, &episode->injury_date);
              g_string_append_c (out, ',');
              append_date (out, &visit->date);
              g_string_append_c (out, ',');
              append_number (out, visit->body_mass_kg);
              g_string_append_c (out, ',');
              append_number (out, visit->height_cm);
              g_string_append_c (out, ',');
              vastus_csv_append_text (out, visit->clinician);
              g_string_append_c (out, ',');
              vastus_csv_append_text (out, visit->notes);
              g_string_append_c (out, ',');
              append_measurement (out, m);
            }
        }
    }
  return TRUE;
}

static char *
export_rows (VastusDatabase  *db,
             const char      *mrn,
             gsize           *length,
             GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);

  if (mrn != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      VastusPatient *patient = vastus_database_find_patient (db, mrn, &local_error);
      VastusPatientSummary *summary;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (patient == NULL)
        {
          g_autofree char *quoted = vastus_text_excerpt (mrn);

          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       _("There is no patient with MRN “%s”"), quoted);
          return NULL;
        }
      summary = g_new0 (VastusPatientSummary, 1);
      summary->patient = patient;
      g_date_clear (&summary->last_visit, 1);
      g_ptr_array_add (patients, summary);
    }
  else
    for (int archived = 0; archived < 2; archived++)
      {
        VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_MRN, 0, 0 };
        GPtrArray *some = vastus_database_list_patients (db, &query, error);

        if (some == NULL)
          return NULL;
        g_ptr_array_extend_and_steal (patients, some);
      }
  g_ptr_array_sort (patients, patient_compare);

  for (guint i = 0; export_columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, export_columns[i]);
    }
  g_string_append (out, EOL);

  for (guint i = 0; i < patients->len; i++)
    {
      const VastusPatientSummary *summary = g_ptr_array_index (patients, i);

      if (!vastus_progress_report (i, patients->len, error)
          || !append_patient (out, db, summary->patient, error))
        return NULL;
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
vastus_csv_export (VastusDatabase  *db,
                   const char      *mrn,
                   gsize           *length,
                   GError         **error)
{
  char *csv;
  gboolean owned;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  /* Every row from one snapshot: a visit saved meanwhile is in the file whole or not at all. */
  if (!_vastus_database_read_begin (db, &owned, error))
    return NULL;
  csv = export_rows (db, mrn, length, error);
  _vastus_database_read_end (db, owned);
  return csv;
}

/* De-identified export */

static const char *const deidentified_columns[] = {
  "study_code", "age", "sex", "episode", "condition", "involved_side", "index_event",
  "weeks_since_index", "body_mass_kg", "height_cm",
  "measure", "side", "trial", "value", "unit", "baseline", "knee_angle_deg", "velocity_deg_s",
  "fixation", "lever_arm_cm", NULL
};

const char *const *
vastus_csv_export_deidentified_columns (void)
{
  return deidentified_columns;
}

typedef struct
{
  char          *code;
  VastusPatient *patient;   /* borrowed from the summaries */
} CodedPatient;

static int
coded_patient_compare (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (((const CodedPatient *) a)->code, ((const CodedPatient *) b)->code);
}

static void
coded_patient_clear (CodedPatient *p)
{
  g_free (p->code);
}

static gboolean
append_deidentified_patient (GString              *out,
                             VastusDatabase       *db,
                             const CodedPatient   *coded,
                             GError              **error)
{
  const VastusPatient *patient = coded->patient;
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, patient->id, error);

  if (episodes == NULL)
    return FALSE;
  vastus_episodes_sort_for_export (episodes);

  for (guint e = 0; e < episodes->len; e++)
    {
      const VastusEpisode *episode = g_ptr_array_index (episodes, e);
      g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, error);
      const GDate *index_date;
      const char *index_event;
      g_autofree char *age = NULL;

      if (visits == NULL)
        return FALSE;
      vastus_visits_sort_for_export (visits);

      if (g_date_valid (&episode->surgery_date))
        index_date = &episode->surgery_date, index_event = "surgery";
      else if (g_date_valid (&episode->injury_date))
        index_date = &episode->injury_date, index_event = "injury";
      else if (visits->len > 0)
        index_date = &((VastusVisit *) g_ptr_array_index (visits, 0))->date,
        index_event = "first_visit";
      else
        index_date = NULL, index_event = "";

      if (index_date != NULL && g_date_valid (&patient->birth_date))
        {
          int years = vastus_date_age_years (&patient->birth_date, index_date);

          /* Safe Harbor: ages over 89 are one category. */
          age = years > 89 ? g_strdup ("90+") : g_strdup_printf ("%d", years);
        }

      for (guint v = 0; v < visits->len; v++)
        {
          VastusVisit *visit = g_ptr_array_index (visits, v);
          char weeks[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (index_date != NULL && g_date_valid (&visit->date))
            g_ascii_formatd (weeks, sizeof weeks, "%.1f",
                             vastus_date_weeks_between (index_date, &visit->date));

          vastus_measurements_sort_for_export (visit->measurements);
          for (guint k = 0; k < visit->measurements->len; k++)
            {
              const VastusMeasurement *m = g_ptr_array_index (visit->measurements, k);

              vastus_csv_append_text (out, coded->code);
              g_string_append_c (out, ',');
              vastus_csv_append_text (out, age);
              g_string_append_c (out, ',');
              g_string_append (out, vastus_sex_to_string (patient->sex));
              g_string_append_printf (out, ",%u,", e + 1);
              g_string_append (out, vastus_condition_to_string (episode->condition));
              g_string_append_c (out, ',');
              g_string_append (out, vastus_side_to_string (episode->involved_side));
              g_string_append_c (out, ',');
              g_string_append (out, index_event);
              g_string_append_c (out, ',');
              g_string_append (out, weeks);
              g_string_append_c (out, ',');
              append_number (out, visit->body_mass_kg);
              g_string_append_c (out, ',');
              append_number (out, visit->height_cm);
              g_string_append_c (out, ',');
              append_measurement (out, m);
            }
        }
    }
  return TRUE;
}

char *
vastus_csv_export_deidentified (VastusDatabase  *db,
                                const char      *mrn,
                                gsize           *length,
                                GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);
  g_autoptr(GArray) coded = g_array_new (FALSE, TRUE, sizeof (CodedPatient));
  gboolean owned, ok = TRUE;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  g_array_set_clear_func (coded, (GDestroyNotify) coded_patient_clear);
  if (mrn != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      VastusPatient *patient = vastus_database_find_patient (db, mrn, &local_error);
      VastusPatientSummary *summary;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (patient == NULL)
        {
          g_autofree char *quoted = vastus_text_excerpt (mrn);

          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       _("There is no patient with MRN “%s”"), quoted);
          return NULL;
        }
      summary = g_new0 (VastusPatientSummary, 1);
      summary->patient = patient;
      g_date_clear (&summary->last_visit, 1);
      g_ptr_array_add (patients, summary);
    }
  else
    for (int archived = 0; archived < 2; archived++)
      {
        VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_MRN, 0, 0 };
        GPtrArray *some = vastus_database_list_patients (db, &query, error);

        if (some == NULL)
          return NULL;
        g_ptr_array_extend_and_steal (patients, some);
      }

  /* Study codes are created on first use: all of them in one transaction. */
  if (!vastus_database_begin (db, error))
    return NULL;
  for (guint i = 0; i < patients->len; i++)
    {
      const VastusPatientSummary *summary = g_ptr_array_index (patients, i);
      CodedPatient p = { NULL, summary->patient };

      p.code = vastus_database_get_study_code (db, summary->patient->id, error);
      if (p.code == NULL)
        {
          vastus_database_rollback (db);
          return NULL;
        }
      g_array_append_val (coded, p);
    }
  if (!vastus_database_commit (db, error))
    return NULL;
  g_array_sort (coded, coded_patient_compare);

  for (guint i = 0; deidentified_columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, deidentified_columns[i]);
    }
  g_string_append (out, EOL);

  /* The rows from one snapshot (after the study codes, which are a write of their own). */
  if (!_vastus_database_read_begin (db, &owned, error))
    return NULL;
  for (guint i = 0; ok && i < coded->len; i++)
    ok = vastus_progress_report (i, coded->len, error)
         && append_deidentified_patient (out, db, &g_array_index (coded, CodedPatient, i), error);
  _vastus_database_read_end (db, owned);
  if (!ok)
    return NULL;

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
