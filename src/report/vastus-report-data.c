/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's data: the header, patient, episode, criteria and flags, and the parts each in a
 * file of its own (vastus-report-measures.c, -charts.c, -prom.c, -redact.c; the paper sizes in
 * vastus-report-paper.c), in the report's language.
 */
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

/* Rows */

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

char *
_vastus_report_format_date (const VastusReportDateStyle *style,
                            const GDate                 *date)
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

char *
_vastus_report_format_date_cb (const GDate *date,
                               gpointer     user_data)
{
  return _vastus_report_format_date (user_data, date);
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
  VastusReportDateStyle dates;
  GDate today;
  guint n_visits, n_all;
  gboolean surgeon_flag = FALSE;
  char shown_date[VASTUS_DISPLAY_DATE_SIZE];
  /* The evaluation lives as long as its results are read (they borrow its set's criteria). */
  g_autoptr(VastusEvaluation) ev = NULL;
  GPtrArray *ev_results = NULL;

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
  data->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) _vastus_report_measure_row_free);
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
  data->index_date = index != NULL ? _vastus_report_format_date (&dates, index) : g_strdup ("");
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
      const VastusVisit *visit = vastus_history_get_visit (history, n_visits - 1);
      g_autofree char *last = _vastus_report_format_date (&dates, &visit->date);

      /* Translators: %u is the number of visits, %s the date of the last one */
      data->visits = g_strdup_printf (ngettext ("%u visit, last %s", "%u visits, last %s", n_visits),
                                      n_visits, last);
    }
  else
    /* Translators: the report's count of visits when there are none */
    data->visits = g_strdup (_("no visits yet"));

  /* Key measures */
  _vastus_report_add_measures (data, history, n_visits, &dates, options->imperial);

  /* Criteria */
  if (set != NULL)
    {
      ev = vastus_evaluate (history, set, &today, rules);

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
          row->value = vastus_criterion_result_value (r, ev, options->imperial,
                                                      _vastus_report_format_date_cb, &dates);
          row->measured = _vastus_report_format_date (&dates, &r->visit_date);
          row->first_met = _vastus_report_format_date (&dates, &r->first_met);
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
      ev_results = ev->results;
    }

  _vastus_report_choose_headline (data, ev_results);

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
      g_autofree char *until = _vastus_report_format_date (&dates, &episode->no_max_test_before);

      add_unique (data->warnings,
                  /* Translators: %s is the date the surgeon's restriction ends, in the reader's
                   * form; a warning in the surgeon's report */
                  g_strdup_printf (_("The surgeon allows no maximal strength or hop testing before %s."),
                                   until));
    }

  /* Charts: vectors in the PDF, from the same builders and renderers as the screen. */
  _vastus_report_add_charts (data, history, n_visits, set, index, &dates, options);

  if (data->questionnaires == NULL)
    data->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) _vastus_report_prom_row_free);
  if (options->deidentify && options->narrative != NULL)
    data->narrative = _vastus_report_redact (options->narrative, patient);
  else
    data->narrative = g_strdup (options->narrative != NULL ? options->narrative : "");
  data->therapist = g_strdup (options->therapist != NULL ? options->therapist : "");
  data->version = g_strdup_printf ("Vastus %s", PACKAGE_VERSION);

  /* Translators: the PDF's title (in its document properties); %s is the patient's name, or the
   * study code of a de-identified report */
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
