/* vastus-cli-clinical.c: criteria, summary, evaluate
 *
 * JSON follows product.md ("evaluate --json", "summary --json"): values unrounded, unknown
 * values null. The readable tables round for display only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-catalog.h"
#include "vastus-cli.h"
#include "vastus-clinic-rules-store.h"
#include "vastus-criteria-store.h"
#include "vastus-evaluation.h"
#include "vastus-safety.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"
#include "vastus-verdict.h"

static char *
format_percent (double value)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  return isfinite (value) ? g_strdup_printf ("%s %%", vastus_display_number (value, 1, shown)) : g_strdup ("—");
}

/* "Patient MRN — episode 3: ACL reconstruction, left knee involved": one sentence per side, so
 * that each language words the side as its sentence needs. */
static void
append_episode_line (GString             *out,
                     const VastusHistory *history)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, history->episode->id);
  const char *format;

  switch (history->episode->involved_side)
    {
    case VASTUS_SIDE_LEFT:
      /* Translators: the MRN, the episode's id and its condition */
      format = _("Patient %s — episode %s: %s, left knee involved\n");
      break;
    case VASTUS_SIDE_RIGHT:
      /* Translators: the MRN, the episode's id and its condition */
      format = _("Patient %s — episode %s: %s, right knee involved\n");
      break;
    case VASTUS_SIDE_BOTH:
    default:
      /* Translators: the MRN, the episode's id and its condition */
      format = _("Patient %s — episode %s: %s, both knees involved\n");
      break;
    }
  g_string_append_printf (out, format, history->patient->mrn, id,
                          vastus_condition_label (history->episode->condition));
}

/* Safety flags (or holds) as [{ "code", "message", "source" }]. */
static void
add_flags_json (JsonBuilder *builder,
                const char  *name,
                GPtrArray   *flags)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < flags->len; i++)
    {
      const VastusSafetyFlag *flag = g_ptr_array_index (flags, i);

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "code", flag->code);
      vastus_cli_json_add_string (builder, "message", flag->reason);
      vastus_cli_json_add_string (builder, "source", flag->source);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* summary --patient MRN [--json] */

/* A hop's distance as % of height (clinical-reference §2.8), per leg: "percent_height":
 * { "left", "right", "involved", "uninvolved" }. */
static void
add_percent_height (JsonBuilder          *builder,
                    const VastusSymmetry *s,
                    double                height_cm)
{
  json_builder_set_member_name (builder, "percent_height");
  json_builder_begin_object (builder);
  vastus_cli_json_add_double (builder, "left", vastus_percent_height (s->left, height_cm));
  vastus_cli_json_add_double (builder, "right", vastus_percent_height (s->right, height_cm));
  vastus_cli_json_add_double (builder, "involved", vastus_percent_height (s->involved, height_cm));
  vastus_cli_json_add_double (builder, "uninvolved", vastus_percent_height (s->uninvolved, height_cm));
  json_builder_end_object (builder);
}

static gboolean
visit_has_measure (const VastusVisit *visit,
                   const char        *code)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    if (g_str_equal (((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure, code))
      return TRUE;
  return FALSE;
}

static int
run_summary (VastusCli  *cli,
             int         argc,
             char      **argv)
{
  g_autofree char *mrn = NULL;
  g_autofree char *episode_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient’s MRN"), N_("MRN") },
    { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_text, N_("this episode of care (default: the one in force today)"), N_("ID") },
    /* Translators: the --help text of the --json option: write the output as JSON (for programs)
     * instead of a table; “print” as in write out, keep JSON */
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  const GDate *index_date;
  VastusDatabase *db;
  gint64 episode_id;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("--patient MRN is required"));
  if (!vastus_cli_parse_episode (cli, episode_text, &episode_id))
    return VASTUS_CLI_USAGE;

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  history = vastus_cli_load_history (db, mrn, episode_id, NULL, &error);
  if (history == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  /* The safety flags by the clinic's rules, as every workstation shows them. */
  clinic = vastus_database_read_clinic_rules (db, &error);
  if (clinic == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  index_date = vastus_episode_get_index_date (history->episode);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "patient", history->patient->mrn);
      vastus_cli_json_add_episode (builder, history->episode);
      json_builder_set_member_name (builder, "visits");
      json_builder_begin_array (builder);
      for (guint v = 0; v < history->visits->len; v++)
        {
          const VastusVisit *visit = g_ptr_array_index (history->visits, v);
          g_autoptr(GPtrArray) flags = vastus_safety_check_rules (history, v, &clinic->rules, FALSE);
          double height = vastus_history_height_cm (history, v);

          json_builder_begin_object (builder);
          vastus_cli_json_add_date (builder, "date", &visit->date);
          vastus_cli_json_add_double (builder, "weeks_since_surgery",
                      index_date != NULL ? vastus_date_weeks_between (index_date, &visit->date) : NAN);
          vastus_cli_json_add_double (builder, "body_mass_kg", visit->body_mass_kg);
          vastus_cli_json_add_double (builder, "height_cm", visit->height_cm);
          vastus_cli_json_add_string (builder, "effusion_advice",
                      vastus_effusion_advice_to_string (vastus_effusion_advice (history, v)));
          add_flags_json (builder, "safety_flags", flags);
          json_builder_set_member_name (builder, "measures");
          json_builder_begin_array (builder);
          for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
            {
              const VastusMeasure *measure = vastus_catalog_get_nth (m);
              VastusSymmetry s;

              if (!visit_has_measure (visit, measure->code))
                continue;
              vastus_symmetry_compute (history, v, measure->code, &s);
              json_builder_begin_object (builder);
              vastus_cli_json_add_string (builder, "measure", measure->code);
              vastus_cli_json_add_string (builder, "unit", measure->unit);
              vastus_cli_json_add_double (builder, "left", s.left);
              vastus_cli_json_add_double (builder, "right", s.right);
              vastus_cli_json_add_double (builder, "value", s.value);
              vastus_cli_json_add_double (builder, "involved", s.involved);
              vastus_cli_json_add_double (builder, "uninvolved", s.uninvolved);
              vastus_cli_json_add_double (builder, "lsi", s.lsi);
              vastus_cli_json_add_double (builder, "epic", s.epic);
              vastus_cli_json_add_double (builder, "difference", s.difference);
              vastus_cli_json_add_double (builder, "baseline", s.baseline);
              vastus_cli_json_add_string (builder, "lsi_reason", measure->two_sided ? s.lsi_reason : NULL);
              vastus_cli_json_add_string (builder, "epic_reason", measure->two_sided ? s.epic_reason : NULL);
              if (measure->hop_distance && isfinite (height))
                add_percent_height (builder, &s, height);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      char buf[VASTUS_DISPLAY_DATE_SIZE];

      append_episode_line (out, history);
      for (guint v = 0; v < history->visits->len; v++)
        {
          const VastusVisit *visit = g_ptr_array_index (history->visits, v);
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_autoptr(GPtrArray) flags = vastus_safety_check_rules (history, v, &clinic->rules, FALSE);

          if (index_date != NULL)
            {
              char weeks[VASTUS_DISPLAY_NUMBER_SIZE];

              /* Translators: a visit's date, then its week after surgery (or injury), a number
               * with its decimal mark */
              g_string_append_printf (out, _("\n%s (week %s)\n"), vastus_display_date (&visit->date, buf),
                                      vastus_display_number (vastus_date_weeks_between (index_date, &visit->date),
                                                             1, weeks));
            }
          else
            g_string_append_printf (out, "\n%s\n", vastus_display_date (&visit->date, buf));
          /* Translators: column headers of a visit's measures; LSI: limb symmetry index; EPIC:
           * estimated pre-injury capacity */
          g_ptr_array_add (rows, vastus_cli_row (_("Measure"), _("Left"), _("Right"), _("LSI"), _("EPIC"),
                                      /* Translators: a noun: the involved leg's value minus the
                                       * other's (a column header of a visit's measures), also a
                                       * criterion's metric */
                                      _("Difference"), NULL));
          for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
            {
              const VastusMeasure *measure = vastus_catalog_get_nth (m);
              g_autofree char *left = NULL, *right = NULL, *lsi = NULL, *epic = NULL, *diff = NULL;
              VastusSymmetry s;

              if (!visit_has_measure (visit, measure->code))
                continue;
              vastus_symmetry_compute (history, v, measure->code, &s);
              if (measure->two_sided)
                {
                  left = vastus_measure_format_value (measure, s.left, NULL);
                  right = vastus_measure_format_value (measure, s.right, NULL);
                }
              else
                {
                  left = vastus_measure_format_value (measure, s.value, NULL);
                  right = g_strdup ("");
                }
              lsi = format_percent (s.lsi);
              epic = format_percent (s.epic);
              diff = isfinite (s.difference) ? g_strdup_printf ("%+.1f", s.difference) : g_strdup ("—");
              g_ptr_array_add (rows, vastus_cli_row (vastus_measure_get_short_label (measure), left, right,
                                          lsi, epic, diff, NULL));
            }
          vastus_cli_append_table (out, rows, "  ");
          /* Translators: a label before the effusion advice ("Effusion: Keep the same level; do
           * not advance") */
          g_string_append_printf (out, "  %s %s\n", _("Effusion:"),
                                  vastus_effusion_advice_label (vastus_effusion_advice (history, v)));
          for (guint f = 0; f < flags->len; f++)
            g_string_append_printf (out, "  ! %s\n",
                                    ((VastusSafetyFlag *) g_ptr_array_index (flags, f))->reason);
        }
      return vastus_cli_print_text (cli, out);
    }
}

const VastusCliCommand vastus_cli_summary_command = {
  "summary",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("summary --patient MRN [--episode ID] [--json]"),
  N_("per visit and measure: left, right, involved, uninvolved, LSI, EPIC"), run_summary,
};

/* evaluate --patient MRN [--set ID] [--set-version N] [--as-of YYYY-MM-DD] [--max-age WEEKS]
 * [--json] */

static void
add_evaluation_json (JsonBuilder            *builder,
                     const VastusHistory    *history,
                     const VastusEvaluation *ev)
{
  const VastusCriteriaSet *set = ev->set;

  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "patient", history->patient->mrn);
  vastus_cli_json_add_date (builder, "as_of", &ev->as_of);
  vastus_cli_json_add_episode (builder, history->episode);
  vastus_cli_json_add_double (builder, "weeks_since_surgery", ev->weeks_since_surgery);
  json_builder_set_member_name (builder, "criteria_set");
  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "id", set->id);
  vastus_cli_json_add_int (builder, "version", set->version);
  vastus_cli_json_add_string (builder, "title", set->title);
  vastus_cli_json_add_string (builder, "source", set->source);
  json_builder_end_object (builder);
  /* The window and limits the verdict was judged with. */
  vastus_cli_json_add_double (builder, "max_age_weeks", ev->rules.max_age_weeks);
  vastus_cli_json_add_double (builder, "pain_limit", ev->rules.pain_limit);
  vastus_cli_json_add_double (builder, "maximal_test_weeks", ev->rules.maximal_test_weeks);
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ev->results->len; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (ev->results, i);
      const VastusCriterion *c = r->criterion;

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "id", c->id);
      vastus_cli_json_add_string (builder, "label", c->label);
      vastus_cli_json_add_string (builder, "measure", r->measure);
      vastus_cli_json_add_string (builder, "metric", vastus_metric_to_string (c->metric));
      vastus_cli_json_add_string (builder, "comparator", vastus_comparator_to_string (c->comparator));
      vastus_cli_json_add_double (builder, "threshold", c->threshold);
      vastus_cli_json_add_double (builder, "value", r->value);
      vastus_cli_json_add_string (builder, "unit", c->unit);
      vastus_cli_json_add_date (builder, "visit_date", &r->visit_date);
      vastus_cli_json_add_string (builder, "status", vastus_status_to_string (r->status));
      vastus_cli_json_add_date (builder, "first_met", &r->first_met);
      if (r->status == VASTUS_STATUS_NOT_TESTED)
        vastus_cli_json_add_string (builder, "reason", r->reason_code);
      if (g_date_valid (&r->last_measured))
        vastus_cli_json_add_date (builder, "last_measured", &r->last_measured);
      if (r->hand_held)
        {
          vastus_cli_json_add_bool (builder, "hand_held", TRUE);
          vastus_cli_json_add_string (builder, "fixation", r->fixation);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  vastus_cli_json_add_int (builder, "met", ev->met);
  vastus_cli_json_add_int (builder, "not_met", ev->not_met);
  vastus_cli_json_add_int (builder, "not_tested", ev->not_tested);
  vastus_cli_json_add_bool (builder, "all_met", ev->all_met);
  vastus_cli_json_add_bool (builder, "ready", ev->ready);
  add_flags_json (builder, "holds", ev->holds);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ev->warnings->len; i++)
    {
      const VastusEvalWarning *w = g_ptr_array_index (ev->warnings, i);

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "code", w->code);
      vastus_cli_json_add_string (builder, "message", w->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static const char *
status_label (VastusStatus status)
{
  switch (status)
    {
    case VASTUS_STATUS_MET: return _("met");
    case VASTUS_STATUS_NOT_MET: return _("not met");
    case VASTUS_STATUS_NOT_TESTED:
    default: return _("not tested");
    }
}

static void
append_evaluation_text (GString                *out,
                        const VastusHistory    *history,
                        const VastusEvaluation *ev)
{
  const VastusCriteriaSet *set = ev->set;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *verdict = vastus_evaluation_verdict (ev);
  char buf[VASTUS_DISPLAY_DATE_SIZE], weeks[VASTUS_DISPLAY_NUMBER_SIZE];

  append_episode_line (out, history);
  if (isfinite (ev->weeks_since_surgery))
    /* Translators: the evaluation's date, then the weeks since surgery on it (a number with its
     * decimal mark) */
    g_string_append_printf (out, _("As of %s, %s weeks since surgery\n"),
                            vastus_display_date (&ev->as_of, buf),
                            vastus_display_number (ev->weeks_since_surgery, 1, weeks));
  else
    /* Translators: the evaluation's date */
    g_string_append_printf (out, _("As of %s\n"), vastus_display_date (&ev->as_of, buf));
  /* Translators: a label before the criteria set's title, its id and version */
  g_string_append_printf (out, "%s %s (%s v%d)\n", _("Criteria:"), vastus_criteria_set_text (set, set->title), set->id,
                          set->version);
  /* Translators: a label before the criteria set's sources (references) */
  g_string_append_printf (out, "%s %s\n", _("Source:"), set->source);
  if (ev->rules.max_age_weeks > 0)
    /* Translators: the clinic's window, e.g. "Results count for 4 weeks before the date." */
    g_string_append_printf (out, _("Results count for %s weeks before the date.\n"),
                            vastus_display_number_exact (ev->rules.max_age_weeks, weeks));
  else
    g_string_append_printf (out, "%s\n", _("Results of any age count."));
  g_string_append_c (out, '\n');

  /* Translators: column headers of the criteria table: each criterion's status, label, value,
   * threshold, the visit it was measured at and the date it was first met */
  g_ptr_array_add (rows, vastus_cli_row (_("Status"),
                                         /* Translators: the criterion's label, a column header */
                                         _("Criterion"),
                                         /* Translators: a noun: the patient's value for a
                                          * criterion or measure, as a column header or a
                                          * criterion's metric */
                                         _("Value"),
                                         /* Translators: the value a criterion asks for, a column
                                          * header */
                                         _("Threshold"), _("Visit"), _("First met"), NULL));
  for (guint i = 0; i < ev->results->len; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (ev->results, i);
      const VastusCriterion *c = r->criterion;
      g_autofree char *label = vastus_criterion_result_label (r, vastus_criteria_set_text (set, c->label));
      g_autofree char *value = vastus_criterion_result_value (r, ev, FALSE, NULL, NULL);
      g_autofree char *threshold = vastus_criterion_format_requirement (c, r->measure, FALSE);
      char visit[VASTUS_DISPLAY_DATE_SIZE], first[VASTUS_DISPLAY_DATE_SIZE];

      g_ptr_array_add (rows, vastus_cli_row (status_label (r->status), label, value, threshold,
                                  g_date_valid (&r->visit_date) ? vastus_display_date (&r->visit_date, visit) : "",
                                  g_date_valid (&r->first_met) ? vastus_display_date (&r->first_met, first) : "",
                                  NULL));
    }
  vastus_cli_append_table (out, rows, "");
  g_string_append_printf (out, "\n%s\n", verdict);
  for (guint i = 0; i < ev->holds->len; i++)
    /* Translators: a label before a safety flag that holds maximal testing */
    g_string_append_printf (out, "%s %s\n", _("Hold:"),
                            ((VastusSafetyFlag *) g_ptr_array_index (ev->holds, i))->reason);
  for (guint i = 0; i < ev->warnings->len; i++)
    /* Translators: a label before a warning about the evaluation */
    g_string_append_printf (out, "%s %s\n", _("Warning:"),
                            ((VastusEvalWarning *) g_ptr_array_index (ev->warnings, i))->message);
}

static int
run_evaluate (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  g_autofree char *mrn = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *max_age_text = NULL;
  g_autofree char *episode_text = NULL;
  int set_version = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient’s MRN"), N_("MRN") },
    { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_text, N_("this episode of care (default: the one in force on the --as-of date)"), N_("ID") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_id, N_("the criteria set (default: the episode’s, else the clinic’s for the condition)"), N_("ID") },
    { "set-version", 0, 0, G_OPTION_ARG_INT, &set_version, N_("judge with this version of the set (default: the latest)"),
      /* Translators: in the command line's help, the value of --set-version: a number; capitals,
       * short */
      N_("N") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("evaluate on this date (default: today)"),
      /* Translators: in the command line's help, the value of a date option: the form a date is
       * typed in (year-month-day); translate the letters only, the form stays ISO 8601 */
      N_("YYYY-MM-DD") },
    { "max-age", 0, 0, G_OPTION_ARG_STRING, &max_age_text, N_("results older than this many weeks do not count (default: the clinic’s rule stale-weeks; 0: any age)"),
      /* Translators: in the command line's help, the value of --max-age: a number of weeks;
       * capitals, one word */
      N_("WEEKS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  g_autoptr(VastusEvaluation) ev = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  double max_age_weeks = 0;
  const char *id;
  VastusDatabase *db;
  GDate as_of;
  gint64 episode_id;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("--patient MRN is required"));
  if (set_version < 0)
    /* Translators: %d is the number typed after --set-version; keep the option's name */
    return vastus_cli_usage (cli, _("--set-version needs a version number (1, 2 …), not %d"), set_version);
  if (!vastus_cli_parse_episode (cli, episode_text, &episode_id))
    return VASTUS_CLI_USAGE;
  if (max_age_text != NULL && !vastus_display_parse_number (max_age_text, &max_age_weeks, &error))
    return g_error_matches (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS)
           /* Translators: %s says why the number reads two ways */
           ? vastus_cli_usage (cli, _("--max-age: %s"), error->message)
           /* Translators: %s is the text typed after --max-age; keep the option's name */
           : vastus_cli_usage (cli, _("--max-age needs a number of weeks (0 or more), not “%s”"), max_age_text);
  if (max_age_text != NULL && max_age_weeks < 0)
    return vastus_cli_usage (cli, _("--max-age needs a number of weeks (0 or more), not “%s”"), max_age_text);
  g_date_clear (&as_of, 1);
  if (as_of_text != NULL)
    {
      if (!vastus_display_parse_date (as_of_text, &as_of, &error))
        /* Translators: %s says why the text is not a date */
        return vastus_cli_usage (cli, _("--as-of: %s"), error->message);
    }
  else
    vastus_date_today (&as_of);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  history = vastus_cli_load_history (db, mrn, episode_id, &as_of, &error);
  if (history == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  /* The clinic's rules, as every workstation judges by them; --max-age still wins. */
  clinic = vastus_database_read_clinic_rules (db, &error);
  if (clinic == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (max_age_text != NULL)
    clinic->rules.max_age_weeks = max_age_weeks;

  id = set_id != NULL ? set_id : history->episode->criteria_set;
  if (id == NULL)
    id = vastus_clinic_rulebook_default_set (clinic, history->episode->condition);
  if (id == NULL)
    id = vastus_criteria_default_for (history->episode->condition);
  if (id == NULL)
    /* Translators: %s is the episode's condition (“ACL reconstruction”); keep --set, an option */
    return vastus_cli_fail (cli, _("There is no default criteria set for %s; choose one with --set"),
                            vastus_condition_label (history->episode->condition));
  set = vastus_database_get_criteria_set (db, id, set_version, &error);
  if (set == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  ev = vastus_evaluate (history, set, &as_of, &clinic->rules);
  /* The record of which set version was used; the evaluation itself stands without it. */
  if (!vastus_database_insert_evaluation (db, history->episode->id, ev, &error))
    {
      /* Translators: the reason follows */
      g_printerr (_("vastus-cli evaluate: the evaluation was not recorded: %s\n"), error->message);
      g_clear_error (&error);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_evaluation_json (builder, history, ev);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      append_evaluation_text (out, history, ev);
      return vastus_cli_print_text (cli, out);
    }
}

const VastusCliCommand vastus_cli_evaluate_command = {
  "evaluate",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("evaluate --patient MRN [--episode ID] [--set ID] [--set-version N] [--as-of YYYY-MM-DD] [--max-age WEEKS] [--json]"),
  N_("check a patient against a criteria set: the verdict, what holds it, each criterion"),
  run_evaluate,
};
