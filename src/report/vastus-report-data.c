/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-catalog.h"
#include "vastus-chart-builder.h"
#include "vastus-name.h"
#include "vastus-report-citation.h"
#include "vastus-report-data-private.h"
#include "vastus-safety.h"
#include "vastus-symmetry.h"
#include "vastus-units.h"
#include "vastus-value.h"
#include "vastus-verdict.h"

G_DEFINE_QUARK (vastus-report-error-quark, vastus_report_error)

/* Paper */

const char *
vastus_paper_to_string (VastusPaper paper)
{
  return paper == VASTUS_PAPER_LETTER ? "letter" : "a4";
}

gboolean
vastus_paper_from_string (const char  *text,
                          VastusPaper *out)
{
  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *out = VASTUS_PAPER_A4;
  else if (g_strcmp0 (text, "letter") == 0 || g_strcmp0 (text, "Letter") == 0)
    *out = VASTUS_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
vastus_paper_get_size (VastusPaper  paper,
                       double      *width,
                       double      *height)
{
  if (paper == VASTUS_PAPER_LETTER)
    *width = 612.0, *height = 792.0;
  else
    *width = 595.28, *height = 841.89;
}

VastusPaper
vastus_paper_for_locale (void)
{
  /* The countries that use Letter (CLDR's paper size data). */
  static const char *const letter[] = { "_US", "_CA", "_MX", "_PH", "_CL", "_CO", "_VE", "_PR",
                                        "_GT", "_CR", "_SV", "_NI", "_PA", "_DO", NULL };
  const char *names[] = { "LC_ALL", "LC_PAPER", "LANG" };
  const char *locale = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names) && locale == NULL; i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        locale = value;
    }
  if (locale == NULL)
    return VASTUS_PAPER_A4;
  for (guint i = 0; letter[i] != NULL; i++)
    if (strstr (locale, letter[i]) != NULL)
      return VASTUS_PAPER_LETTER;
  return VASTUS_PAPER_A4;
}

/* Rows */

static void
measure_row_free (VastusReportMeasureRow *row)
{
  g_free (row->label);
  g_free (row->involved);
  g_free (row->uninvolved);
  g_free (row->lsi);
  g_free (row->epic);
  g_free (row->change_previous);
  g_free (row->change_first);
  g_free (row->when);
  g_free (row);
}

static void
criterion_row_free (VastusReportCriterionRow *row)
{
  g_free (row->label);
  g_free (row->threshold);
  g_free (row->value);
  g_free (row->measured);
  g_free (row->first_met);
  g_free (row);
}

void
vastus_report_data_free (VastusReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->language);
  g_free (data->clinic_name);
  g_free (data->clinic_address);
  g_free (data->report_date_text);
  g_free (data->title);
  g_free (data->subject);
  g_free (data->patient_name);
  g_free (data->patient_id_label);
  g_free (data->patient_id_value);
  g_free (data->birth);
  g_free (data->sex);
  g_free (data->condition);
  g_free (data->involved_side);
  g_free (data->surgeon);
  g_free (data->procedure);
  g_free (data->index_label);
  g_free (data->index_date);
  g_free (data->weeks_since);
  g_free (data->weeks_label);
  g_free (data->restrictions);
  g_free (data->visits);
  g_free (data->column_a);
  g_free (data->column_b);
  g_clear_pointer (&data->measures, g_ptr_array_unref);
  g_free (data->headline_lsi_label);
  g_free (data->headline_lsi);
  g_free (data->set_id);
  g_free (data->set_title);
  g_free (data->set_citation);
  g_free (data->set_origin);
  g_free (data->headline_lsi_test);
  g_free (data->verdict);
  g_clear_pointer (&data->criteria, g_ptr_array_unref);
  g_clear_pointer (&data->flags, g_ptr_array_unref);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  g_clear_pointer (&data->symmetry, vastus_symmetry_chart_data_unref);
  g_clear_pointer (&data->progress, vastus_progress_chart_data_unref);
  g_clear_pointer (&data->girth, vastus_girth_chart_data_unref);
  g_clear_pointer (&data->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&data->prom, vastus_prom_chart_data_unref);
  g_free (data->narrative);
  g_free (data->therapist);
  g_free (data->version);
  g_free (data);
}

/* Dates: ISO in a report, weeks since the index date in a de-identified one. */

typedef struct
{
  gboolean     deidentified;
  const GDate *index;        /* NULL: none */
} DateStyle;

static char *
format_date (const DateStyle *style,
             const GDate     *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  if (!style->deidentified)
    return vastus_display_date_dup (date);
  if (style->index == NULL)
    return g_strdup ("—");
  /* Translators: a date in a de-identified report: whole weeks since surgery or injury */
  return g_strdup_printf (_("week %d"), (int) floor (vastus_date_weeks_between (style->index, date)));
}

static char *
format_date_cb (const GDate *date,
                gpointer     user_data)
{
  return format_date (user_data, date);
}

/* Values */

static const char *
display_unit (const VastusMeasure *measure,
              gboolean             imperial)
{
  return imperial ? vastus_measure_imperial_unit (measure) : NULL;
}

static char *
format_value (const VastusMeasure *measure,
              double               stored,
              gboolean             imperial)
{
  if (!isfinite (stored))
    return g_strdup ("—");
  return vastus_measure_format_value (measure, stored, display_unit (measure, imperial));
}

static char *
format_change (const VastusMeasure *measure,
               double               from,
               double               to,
               gboolean             imperial)
{
  double change = to - from;
  g_autofree char *magnitude = NULL;

  if (!isfinite (change))
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_BOOL)
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_GRADE)
    {
      long steps = lround (change);

      if (steps == 0)
        return g_strdup ("±0");
      /* Translators: a change of effusion grade, in grade steps, e.g. "−1 grade" */
      return g_strdup_printf (ngettext ("%s%ld grade", "%s%ld grades", labs (steps)),
                              steps > 0 ? "+" : "−", labs (steps));
    }
  magnitude = vastus_measure_format_value (measure, fabs (change), display_unit (measure, imperial));
  /* A change that rounds to zero ("0", "0.0 cm", "0,00 s") shows no sign. */
  {
    gboolean zero = TRUE;

    for (const char *p = magnitude; *p != '\0' && *p != ' ' && zero; p++)
      if (g_ascii_isdigit (*p) && *p != '0')
        zero = FALSE;
    if (zero)
      return g_strdup_printf ("±%s", magnitude);
  }
  return g_strdup_printf ("%s%s", change > 0 ? "+" : "−", magnitude);
}

static char *
format_percent (double value)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  return isfinite (value) ? g_strdup_printf ("%s %%", vastus_display_number (value, 1, shown)) : g_strdup ("—");
}

/* Key measures */

static gboolean
visit_has (const VastusVisit *visit,
           const char        *code)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    if (g_str_equal (((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure, code))
      return TRUE;
  return FALSE;
}

static VastusReportMeasureRow *
build_measure_row (const VastusHistory *history,
                   const VastusMeasure *measure,
                   guint                n_visits,
                   const DateStyle     *dates,
                   gboolean             imperial,
                   gboolean             both_involved)
{
  VastusReportMeasureRow *row;
  VastusSymmetry latest = { 0 };
  double first = NAN, previous = NAN, now = NAN;
  int latest_index = -1;

  for (guint v = 0; v < n_visits; v++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, v);
      VastusSymmetry s;
      double value;

      if (!visit_has (visit, measure->code))
        continue;
      vastus_symmetry_compute (history, v, measure->code, &s);
      if (!measure->two_sided)
        value = s.value;
      else if (both_involved)
        value = s.left;
      else
        value = s.involved;
      if (!isfinite (s.left) && !isfinite (s.right) && !isfinite (s.value))
        continue;
      latest = s;
      latest_index = (int) v;
      if (isfinite (value))
        {
          if (!isfinite (first))
            first = value;
          previous = now;
          now = value;
        }
    }
  if (latest_index < 0)
    return NULL;

  row = g_new0 (VastusReportMeasureRow, 1);
  row->code = measure->code;
  row->label = g_strdup (vastus_measure_get_label (measure));
  row->two_sided = measure->two_sided;
  if (!measure->two_sided)
    row->involved = format_value (measure, latest.value, imperial);
  else if (both_involved)
    {
      row->involved = format_value (measure, latest.left, imperial);
      row->uninvolved = format_value (measure, latest.right, imperial);
    }
  else
    {
      row->involved = format_value (measure, latest.involved, imperial);
      row->uninvolved = format_value (measure, latest.uninvolved, imperial);
    }
  row->lsi = format_percent (latest.lsi);
  row->epic = format_percent (latest.epic);
  row->lsi_below_90 = isfinite (latest.lsi) && latest.lsi < 90.0;
  row->change_previous = format_change (measure, previous, now, imperial);
  row->change_first = format_change (measure, first, now, imperial);
  row->when = format_date (dates, &vastus_history_get_visit (history, latest_index)->date);
  return row;
}

/* Charts */

static const char *
progress_measure (const VastusHistory *history)
{
  const char *fallback = NULL;

  for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (m);

      if (measure->category != VASTUS_CATEGORY_STRENGTH || !measure->two_sided)
        continue;
      for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
        if (visit_has (vastus_history_get_visit (history, i), measure->code))
          {
            if (g_str_has_prefix (measure->code, "quadriceps"))
              return measure->code;
            if (fallback == NULL)
              fallback = measure->code;
            break;
          }
    }
  return fallback;
}

/* A safety net for de-identified reports: the therapist's text loses the patient's name (each
 * word of it), the MRN and anything that looks like a calendar date. */
static char *
redact (const char          *text,
        const VastusPatient *patient)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autofree char *given_family = vastus_patient_format_name (patient, VASTUS_NAME_ORDER_GIVEN_FAMILY);
  g_autofree char *family_given = vastus_patient_format_name (patient, VASTUS_NAME_ORDER_FAMILY_GIVEN);
  const char *wholes[] = { family_given, given_family, patient->name };
  g_autofree char *all = g_strjoin (" ", given_family, patient->name != NULL ? patient->name : "", NULL);
  g_auto(GStrv) words = g_regex_split_simple ("\\W+", all, 0, 0);
  g_autoptr(GRegex) identifiers = NULL;
  g_autoptr(GRegex) dates = NULL;
  g_autofree char *step = NULL;

  /* Longest first: the whole name (either way round, and as once written), the MRN, then each
   * word of it. */
  for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
    if (wholes[i] != NULL && *wholes[i] != '\0')
      {
        g_autofree char *escaped = g_regex_escape_string (wholes[i], -1);

        g_string_append_printf (pattern, "%s%s", pattern->len > 0 ? "|" : "", escaped);
      }
  if (patient->mrn != NULL)
    {
      g_autofree char *escaped = g_regex_escape_string (patient->mrn, -1);

      g_string_append_printf (pattern, "%s%s", pattern->len > 0 ? "|" : "", escaped);
    }
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 2)
      {
        g_autofree char *escaped = g_regex_escape_string (words[i], -1);

        g_string_append_printf (pattern, "%s\\b%s\\b", pattern->len > 0 ? "|" : "", escaped);
      }
  step = g_strdup (text);
  if (pattern->len > 0)
    {
      identifiers = g_regex_new (pattern->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      if (identifiers != NULL)
        {
          /* Translators: what replaces a name or identifier in a de-identified report's
           * assessment */
          char *replaced = g_regex_replace_literal (identifiers, step, -1, 0, _("[redacted]"), 0, NULL);

          if (replaced != NULL)
            {
              g_free (step);
              step = replaced;
            }
        }
    }
  dates = g_regex_new ("\\b(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})\\b", 0, 0, NULL);
  if (dates != NULL)
    {
      /* Translators: what replaces a date in a de-identified report's assessment */
      char *replaced = g_regex_replace_literal (dates, step, -1, 0, _("[date]"), 0, NULL);

      if (replaced != NULL)
        {
          g_free (step);
          step = replaced;
        }
    }
  return g_steal_pointer (&step);
}

/* The strength chart in the clinic's units, as the table. */
static void
convert_progress (VastusProgressChartData *progress,
                  const char              *unit)
{
  VastusChartSeries *series[] = { progress->involved, progress->uninvolved };

  if (unit == NULL || g_strcmp0 (progress->unit, unit) == 0)
    return;
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint i = 0; series[s] != NULL && i < series[s]->n_values; i++)
      if (isfinite (series[s]->values[i]))
        vastus_unit_from_stored (unit, series[s]->values[i], &series[s]->values[i]);
  if (isfinite (progress->baseline_involved))
    vastus_unit_from_stored (unit, progress->baseline_involved, &progress->baseline_involved);
  if (isfinite (progress->baseline_uninvolved))
    vastus_unit_from_stored (unit, progress->baseline_uninvolved, &progress->baseline_uninvolved);
  g_free (progress->unit);
  progress->unit = g_strdup (vastus_unit_symbol (unit)[0] != '\0' ? vastus_unit_symbol (unit) : unit);
}

/* The report */

/* Adds @text (taken) unless @list has it already. */
static void
add_unique (GPtrArray *list,
            char      *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), text))
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (list, text);
}

/* The "Quadriceps LSI" tile shows the test the criteria are judged by: the measure the set's
 * quadriceps LSI criterion used, else the first quadriceps measure with an LSI (catalog order);
 * and it says which test that is. */
static void
choose_headline (VastusReportData *data,
                 GPtrArray        *results)
{
  const VastusReportMeasureRow *chosen = NULL;

  for (guint i = 0; results != NULL && i < results->len && chosen == NULL; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (results, i);

      if (r->criterion->metric != VASTUS_METRIC_LSI || r->status == VASTUS_STATUS_NOT_TESTED
          || r->measure == NULL || !g_str_has_prefix (r->measure, "quadriceps"))
        continue;
      for (guint m = 0; m < data->measures->len && chosen == NULL; m++)
        {
          const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, m);

          if (g_strcmp0 (row->code, r->measure) == 0 && g_strcmp0 (row->lsi, "—") != 0)
            chosen = row;
        }
    }
  for (guint m = 0; m < data->measures->len && chosen == NULL; m++)
    {
      const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, m);

      if (g_str_has_prefix (row->code, "quadriceps") && g_strcmp0 (row->lsi, "—") != 0)
        chosen = row;
    }
  if (chosen == NULL)
    return;
  /* Translators: the report's headline figure: the quadriceps limb symmetry index */
  data->headline_lsi_label = g_strdup (_("Quadriceps LSI"));
  data->headline_lsi = g_strdup (chosen->lsi);
  /* Translators: under the LSI on the report's first page: the test and when it was done,
   * "Quadriceps isometric peak torque (fixed dynamometer), 2026-11-17" */
  data->headline_lsi_test = g_strdup_printf (_("%s, %s"), chosen->label, chosen->when);
}

static VastusReportData *
build (const VastusHistory       *history,
       const VastusCriteriaSet   *set,
       const char                *study_code,
       const VastusReportOptions *options)
{
  VastusReportOptions defaults = { 0 };
  VastusClinicRules default_rules = VASTUS_CLINIC_RULES_DEFAULT;
  const VastusClinicRules *rules;
  VastusReportData *data;
  const VastusPatient *patient;
  const VastusEpisode *episode;
  const GDate *index;
  DateStyle dates;
  GDate today;
  guint n_visits, n_all;
  gboolean both, surgeon_flag = FALSE;
  char shown_date[VASTUS_DISPLAY_DATE_SIZE];
  g_autoptr(GPtrArray) ev_results = NULL;

  g_return_val_if_fail (history != NULL, NULL);
  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (!options->deidentify || study_code != NULL, NULL);

  patient = history->patient;
  episode = history->episode;
  data = g_new0 (VastusReportData, 1);
  data->deidentified = options->deidentify;
  data->patient_id = patient->id;
  data->episode_id = episode->id;
  data->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) measure_row_free);
  data->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_row_free);
  data->flags = g_ptr_array_new_with_free_func (g_free);
  data->warnings = g_ptr_array_new_with_free_func (g_free);

  if (options->report_date != NULL && g_date_valid (options->report_date))
    today = *options->report_date;
  else
    vastus_date_today (&today);
  data->report_date = today;
  n_all = vastus_history_get_n_visits (history);
  n_visits = vastus_history_count_until (history, &today);
  both = episode->involved_side == VASTUS_SIDE_BOTH;
  /* A pain limit of 0 is a limit of 0: only a missing set of rules means the defaults. */
  rules = options->rules != NULL ? options->rules : &default_rules;

  /* The date weeks are counted from. */
  index = vastus_episode_get_index_date (episode);
  if (g_date_valid (&episode->surgery_date))
    {
      data->index_label = g_strdup (_("Surgery"));
      data->weeks_label = g_strdup (_("Weeks since surgery"));
    }
  else if (g_date_valid (&episode->injury_date))
    {
      data->index_label = g_strdup (_("Injury"));
      data->weeks_label = g_strdup (_("Weeks since injury"));
    }
  else
    {
      /* Translators: the report's tile when the episode has no surgery or injury date: the weeks
       * are counted from the first visit */
      data->index_label = g_strdup (_("First visit"));
      data->weeks_label = g_strdup (_("Weeks in care"));
      if (n_all > 0)
        index = &vastus_history_get_visit (history, 0)->date;
    }
  dates.deidentified = options->deidentify;
  dates.index = index;

  data->clinic_name = g_strdup (options->clinic_name != NULL ? options->clinic_name : "");
  data->clinic_address = g_strdup (options->clinic_address != NULL ? options->clinic_address : "");
  if (options->deidentify)
    {
      if (index != NULL)
        {
          const char *format;

          /* The report date of a de-identified report: the weeks after the event and the year. */
          if (g_date_valid (&episode->surgery_date))
            /* Translators: "week 27 after surgery (2026)" */
            format = _("week %d after surgery (%d)");
          else if (g_date_valid (&episode->injury_date))
            /* Translators: "week 27 after the injury (2026)" */
            format = _("week %d after the injury (%d)");
          else
            /* Translators: "week 27 after the first visit (2026)" */
            format = _("week %d after the first visit (%d)");
          data->report_date_text = g_strdup_printf (format,
                                                    (int) floor (vastus_date_weeks_between (index, &today)),
                                                    g_date_get_year (&today));
        }
      else
        data->report_date_text = g_strdup_printf ("%d", g_date_get_year (&today));
    }
  else
    data->report_date_text = vastus_display_date_dup (&today);

  /* Patient */
  if (options->deidentify)
    {
      /* Translators: in a de-identified report, the field that holds the study code instead of
       * the MRN */
      data->patient_id_label = g_strdup (_("Study code"));
      data->patient_id_value = g_strdup (study_code);
      if (g_date_valid (&patient->birth_date))
        {
          int age = vastus_date_age_years (&patient->birth_date, &today);

          /* Safe Harbor: ages over 89 are one category. */
          /* Translators: a de-identified patient's age: everyone over 89 is shown so */
          data->birth = age > 89 ? g_strdup (_("90+ years"))
                                 /* Translators: a de-identified patient's age in years */
                                 : g_strdup_printf (ngettext ("%d year", "%d years", age), age);
        }
      else
        data->birth = g_strdup ("—");
    }
  else
    {
      data->patient_name = vastus_patient_format_name (patient, options->name_order);
      data->patient_id_label = g_strdup (_("MRN"));
      data->patient_id_value = g_strdup (patient->mrn);
      if (g_date_valid (&patient->birth_date))
        {
          int age = vastus_date_age_years (&patient->birth_date, &today);

          /* Translators: the patient's birth date and age in years, "12/05/1990 (36 years)" */
          data->birth = g_strdup_printf (ngettext ("%s (%d year)", "%s (%d years)", age),
                                         vastus_display_date (&patient->birth_date, shown_date), age);
        }
      else
        data->birth = g_strdup ("—");
    }
  data->sex = g_strdup (vastus_sex_label (patient->sex));

  /* Episode */
  data->condition = g_strdup (vastus_condition_label (episode->condition));
  data->involved_side = g_strdup (vastus_side_label (episode->involved_side));
  data->surgeon = g_strdup (episode->surgeon != NULL ? episode->surgeon : "");
  data->index_date = index != NULL ? format_date (&dates, index) : g_strdup ("");
  data->weeks_since = index != NULL
                      ? vastus_display_number_dup (vastus_date_weeks_between (index, &today), 1)
                      : g_strdup ("");
  /* Free text from the surgeon (the procedure, the restrictions) may hold dates and names: not
   * in a de-identified report. */
  data->procedure = g_strdup (!options->deidentify && episode->procedure != NULL ? episode->procedure : "");
  data->restrictions = g_strdup (!options->deidentify && episode->restrictions != NULL
                                 ? episode->restrictions : "");
  if (n_visits > 0)
    {
      g_autofree char *last = format_date (&dates, &vastus_history_get_visit (history, n_visits - 1)->date);

      /* Translators: %u is the number of visits, %s the date of the last one */
      data->visits = g_strdup_printf (ngettext ("%u visit, last %s", "%u visits, last %s", n_visits),
                                      n_visits, last);
    }
  else
    /* Translators: the report's count of visits when there are none */
    data->visits = g_strdup (_("no visits yet"));

  /* Key measures, in catalog order (strength, girth, motion, function, questionnaires). */
  if (both)
    {
      data->column_a = g_strdup (_("Left"));
      data->column_b = g_strdup (_("Right"));
    }
  else
    {
      VastusSide involved = vastus_history_involved_side (history);

      /* Translators: the report's column header for the involved knee; %s is L or R, its side */
      data->column_a = g_strdup_printf (_("Involved (%s)"), involved == VASTUS_SIDE_LEFT
                                        /* Translators: short for left, in "Involved (L)" */
                                        ? _("L")
                                        /* Translators: short for right, in "Involved (R)" */
                                        : _("R"));
      /* Translators: the report's column header for the uninvolved knee; %s is L or R, its side */
      data->column_b = g_strdup_printf (_("Uninvolved (%s)"), involved == VASTUS_SIDE_LEFT ? _("R") : _("L"));
    }
  for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (m);
      VastusReportMeasureRow *row = build_measure_row (history, measure, n_visits, &dates,
                                                       options->imperial, both);

      if (row == NULL)
        continue;
      g_ptr_array_add (data->measures, row);
    }

  /* Criteria */
  if (set != NULL)
    {
      g_autoptr(VastusEvaluation) ev = vastus_evaluate (history, set, &today, rules);

      data->has_set = TRUE;
      data->set_id = g_strdup (set->id);
      data->set_version = set->version;
      data->set_title = g_strdup (vastus_criteria_set_text (set, set->title));
      data->set_citation = vastus_report_citation (set);
      data->set_origin = vastus_report_set_origin (set);
      for (guint i = 0; i < ev->results->len; i++)
        {
          const VastusCriterionResult *r = g_ptr_array_index (ev->results, i);
          const VastusCriterion *c = r->criterion;
          VastusReportCriterionRow *row = g_new0 (VastusReportCriterionRow, 1);

          row->label = vastus_criterion_result_label (r, vastus_criteria_set_text (set, c->label));
          row->threshold = vastus_criterion_format_requirement (c, r->measure, options->imperial);
          row->status = r->status;
          row->value = vastus_criterion_result_value (r, ev, options->imperial, format_date_cb, &dates);
          row->measured = format_date (&dates, &r->visit_date);
          row->first_met = format_date (&dates, &r->first_met);
          g_ptr_array_add (data->criteria, row);
        }
      data->met = ev->met;
      data->not_met = ev->not_met;
      data->not_tested = ev->not_tested;
      data->all_met = ev->all_met;
      data->ready = ev->ready;
      data->verdict = vastus_evaluation_verdict (ev);
      data->max_age_weeks = ev->rules.max_age_weeks;
      for (guint i = 0; i < ev->holds->len; i++)
        {
          const VastusSafetyFlag *hold = g_ptr_array_index (ev->holds, i);

          /* The others are the last visit's flags and the surgeon's date, listed below. */
          if (g_str_equal (hold->code, "hhd-unfixed"))
            g_ptr_array_add (data->flags, g_strdup (hold->reason));
        }
      for (guint i = 0; i < ev->warnings->len; i++)
        add_unique (data->warnings,
                    g_strdup (((VastusEvalWarning *) g_ptr_array_index (ev->warnings, i))->message));
      ev_results = g_ptr_array_ref (ev->results);
    }

  choose_headline (data, ev_results);

  /* Flags in force: those of the last visit, the effusion advice, the surgeon's date; each
   * finding once (the safety check and the effusion rules both speak of a 2+ effusion, the
   * check and the episode of the surgeon's date). */
  if (n_visits > 0)
    {
      g_autoptr(GPtrArray) flags = vastus_safety_check_rules (history, n_visits - 1, rules, FALSE);
      VastusEffusionAdvice advice = vastus_effusion_advice (history, n_visits - 1);
      gboolean effusion_flag = FALSE;

      for (guint i = 0; i < flags->len; i++)
        {
          const VastusSafetyFlag *flag = g_ptr_array_index (flags, i);

          if (g_str_equal (flag->code, "surgeon-restriction"))
            surgeon_flag = TRUE;
          if (g_str_equal (flag->code, "effusion"))
            {
              effusion_flag = TRUE;
              /* Three sessions at 2+: the flag says what to do, the rules add who to tell. */
              if (advice == VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY)
                {
                  add_unique (data->flags, g_strdup_printf ("%s %s.", flag->reason,
                                                            vastus_effusion_advice_label (advice)));
                  continue;
                }
            }
          add_unique (data->flags, g_strdup (flag->reason));
        }
      if (!effusion_flag
          && (advice == VASTUS_EFFUSION_ADVICE_KEEP || advice == VASTUS_EFFUSION_ADVICE_HOLD
              || advice == VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY))
        /* Translators: a report's warning; %s is the effusion advice */
        add_unique (data->warnings, g_strdup_printf (_("Effusion: %s."),
                                                     vastus_effusion_advice_label (advice)));
    }
  if (!surgeon_flag && g_date_valid (&episode->no_max_test_before)
      && g_date_compare (&today, &episode->no_max_test_before) < 0)
    {
      g_autofree char *until = format_date (&dates, &episode->no_max_test_before);

      add_unique (data->warnings,
                  g_strdup_printf (_("The surgeon allows no maximal strength or hop testing before %s."),
                                   until));
    }

  /* Charts: vectors in the PDF, from the same builders and renderers as the screen. */
  {
    g_autoptr(VastusHistory) upto = NULL;
    const VastusHistory *charted = history;
    const char *code;

    /* Only visits up to the report date. */
    if (n_visits < n_all)
      {
        upto = vastus_history_new (vastus_patient_copy (patient), vastus_episode_copy (episode));
        for (guint v = 0; v < n_visits; v++)
          vastus_history_add_visit (upto, vastus_visit_copy (vastus_history_get_visit (history, v)));
        charted = upto;
      }
    if (n_visits > 0)
      {
        VastusSymmetryChartData *symmetry = vastus_chart_build_symmetry (charted, NULL, set);
        gboolean any = FALSE;

        for (guint i = 0; symmetry != NULL && i < symmetry->series->len; i++)
          any |= vastus_chart_series_has_values (g_ptr_array_index (symmetry->series, i));
        if (any)
          data->symmetry = symmetry;
        else if (symmetry != NULL)
          vastus_symmetry_chart_data_unref (symmetry);

        code = progress_measure (charted);
        if (code != NULL)
          {
            data->progress = vastus_chart_build_progress (charted, code);
            if (data->progress != NULL
                && !vastus_chart_series_has_values (data->progress->involved)
                && !vastus_chart_series_has_values (data->progress->uninvolved))
              g_clear_pointer (&data->progress, vastus_progress_chart_data_unref);
            if (data->progress != NULL)
              convert_progress (data->progress, display_unit (vastus_catalog_lookup (code), options->imperial));
          }

        _vastus_report_add_questionnaires (data, charted, format_date_cb, &dates, options);
        data->girth = vastus_chart_build_girth (charted, NULL);
        if (data->girth != NULL && !vastus_girth_chart_data_has_values (data->girth))
          g_clear_pointer (&data->girth, vastus_girth_chart_data_unref);
        if (data->girth != NULL)
          data->girth->inches = options->imperial;

        /* Without a surgery or injury date the axes would show dates: count from the first visit. */
        if (options->deidentify && vastus_episode_get_index_date (episode) == NULL && index != NULL)
          {
            if (data->symmetry != NULL)
              vastus_chart_timeline_set_index (&data->symmetry->time, index, data->index_label,
                                               data->weeks_label);
            if (data->progress != NULL)
              vastus_chart_timeline_set_index (&data->progress->time, index, data->index_label,
                                               data->weeks_label);
            if (data->girth != NULL)
              vastus_chart_timeline_set_index (&data->girth->time, index, data->index_label,
                                               data->weeks_label);
            if (data->prom != NULL)
              vastus_chart_timeline_set_index (&data->prom->time, index, data->index_label,
                                               data->weeks_label);
          }
      }
  }

  if (data->questionnaires == NULL)
    data->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) _vastus_report_prom_row_free);
  if (options->deidentify && options->narrative != NULL)
    data->narrative = redact (options->narrative, patient);
  else
    data->narrative = g_strdup (options->narrative != NULL ? options->narrative : "");
  data->therapist = g_strdup (options->therapist != NULL ? options->therapist : "");
  data->version = g_strdup_printf ("Vastus %s", PACKAGE_VERSION);

  data->title = g_strdup_printf (_("Knee rehabilitation report: %s"),
                                 options->deidentify ? study_code : data->patient_name);
  if (data->has_set)
    /* Translators: the PDF's subject: the condition, the involved knee; then the criteria set's
     * title, its id and its version number ("v" for version) */
    data->subject = g_strdup_printf (_("%s, %s; %s (%s v%d)"), data->condition, data->involved_side,
                                     data->set_title, data->set_id, data->set_version);
  else
    data->subject = g_strdup_printf (_("%s, %s"), data->condition, data->involved_side);
  return data;
}

VastusReportData *
vastus_report_data_new (const VastusHistory       *history,
                        const VastusCriteriaSet   *set,
                        const char                *study_code,
                        const VastusReportOptions *options)
{
  g_autofree char *language = g_strdup (options != NULL && options->language != NULL
                                        ? options->language : vastus_i18n_get_language ());
  g_autoptr(GError) error = NULL;
  VastusReportData *data;

  /* Everything on the page in one language: labels, measure names, criteria, dates, numbers.
   * A language that is not installed (the callers offer only those that are) stays English. */
  if (!vastus_report_push_language (language, &error))
    {
      g_warning ("%s", error->message);
      g_free (language);
      language = g_strdup ("en");
      vastus_report_push_language (language, NULL);
    }
  data = build (history, set, study_code, options);
  vastus_report_pop_language ();
  if (data != NULL)
    data->language = g_steal_pointer (&language);
  return data;
}

gboolean
vastus_report_push_language (const char  *language,
                             GError     **error)
{
  if (!vastus_i18n_push_language (language, error))
    return FALSE;
  /* Numbers and dates as the language writes them (12,5 and 05.12.2026 in German); a language
   * without conventions in vastus-display gets the point and ISO dates, which any reader reads. */
  if (!vastus_display_push_language (language))
    vastus_display_push_language ("en");
  return TRUE;
}

void
vastus_report_pop_language (void)
{
  vastus_display_pop ();
  vastus_i18n_pop_language ();
}
