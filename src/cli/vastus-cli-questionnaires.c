/* vastus-cli-questionnaires.c: questionnaires [--json] | load FILE | mic MEASURE VALUE|default;
 * score --patient MRN [--json]; the answers CSV for import and export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-answers-csv.h"
#include "vastus-cli.h"
#include "vastus-criteria-store.h"
#include "vastus-questionnaire-store.h"
#include "vastus-value.h"

/* questionnaires */

static void
add_scale_json (VastusCli          *cli,
                JsonBuilder        *builder,
                VastusDatabase     *db,
                const VastusInstrument *instrument,
                const VastusScale  *scale)
{
  gboolean clinic_set = FALSE;
  double mic = vastus_database_get_mic (db, scale->measure, &clinic_set, NULL);

  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "id", scale->id);
  vastus_cli_json_add_string (builder, "label", vastus_scale_get_label (scale));
  vastus_cli_json_add_string (builder, "measure", scale->measure);
  vastus_cli_json_add_string (builder, "scoring", vastus_scoring_to_string (scale->scoring));
  if (scale->scoring == VASTUS_SCORING_MEAN_OF_SCALES)
    {
      json_builder_set_member_name (builder, "scales");
      json_builder_begin_array (builder);
      for (guint k = 0; k < scale->n_scales; k++)
        json_builder_add_string_value (builder,
                                       ((VastusScale *) g_ptr_array_index (instrument->scales, scale->scales[k]))->id);
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint k = 0; k < scale->n_items; k++)
        json_builder_add_string_value (builder,
                                       ((VastusItem *) g_ptr_array_index (instrument->items, scale->items[k]))->id);
      json_builder_end_array (builder);
      vastus_cli_json_add_int (builder, "min_answered", scale->min_answered);
    }
  json_builder_set_member_name (builder, "mic");
  json_builder_begin_object (builder);
  vastus_cli_json_add_double (builder, "value", mic);
  vastus_cli_json_add_string (builder, "set_by", isnan (mic) ? NULL : clinic_set ? "clinic" : "default");
  vastus_cli_json_add_double (builder, "default", scale->mic);
  vastus_cli_json_add_string (builder, "population", vastus_scale_get_mic_population (scale));
  vastus_cli_json_add_string (builder, "source", scale->mic_source);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_instrument_json (VastusCli              *cli,
                     JsonBuilder            *builder,
                     VastusDatabase         *db,
                     const VastusInstrument *instrument)
{
  g_autoptr(VastusWording) wording = vastus_database_get_wording (db, instrument->id, NULL);

  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "id", instrument->id);
  vastus_cli_json_add_string (builder, "name", instrument->name);
  vastus_cli_json_add_string (builder, "title", instrument->title);
  vastus_cli_json_add_string (builder, "edition", instrument->edition);
  vastus_cli_json_add_string (builder, "better", vastus_better_to_string (instrument->better));
  vastus_cli_json_add_string (builder, "source", instrument->source);
  vastus_cli_json_add_string (builder, "terms", instrument->terms);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; instrument->notes[i] != NULL; i++)
    json_builder_add_string_value (builder, instrument->notes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "wording_loaded");
  json_builder_add_boolean_value (builder, wording != NULL);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < instrument->items->len; i++)
    {
      const VastusItem *item = g_ptr_array_index (instrument->items, i);

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "id", item->id);
      vastus_cli_json_add_string (builder, "topic", vastus_item_get_topic (item));
      json_builder_set_member_name (builder, "points");
      json_builder_begin_array (builder);
      for (guint k = 0; k < item->n_points; k++)
        json_builder_add_int_value (builder, item->points[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "reversed");
      json_builder_add_boolean_value (builder, item->reversed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "scales");
  json_builder_begin_array (builder);
  for (guint i = 0; i < instrument->scales->len; i++)
    add_scale_json (cli, builder, db, instrument, g_ptr_array_index (instrument->scales, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
list_instruments (VastusCli      *cli,
                  VastusDatabase *db,
                  gboolean        json)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < vastus_instruments_get_n (); i++)
        add_instrument_json (cli, builder, db, vastus_instruments_get_nth (i));
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);
      g_autoptr(VastusWording) wording = vastus_database_get_wording (db, instrument->id, NULL);

      vastus_cli_append_padded (out, instrument->id, 15);
      vastus_cli_append_padded (out, instrument->name, 13);
      {
        /* Translators: a questionnaire's number of items in the list "koos  KOOS  42 items
         * wording loaded" */
        g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", instrument->items->len),
                                                  instrument->items->len);

        vastus_cli_append_padded (out, items, 11);
      }
      /* Translators: whether the clinic loaded the questionnaire's item wording (its licence
       * keeps it out of Vastus) */
      g_string_append_printf (out, "%s\n", wording != NULL ? _("wording loaded") :
                              /* Translators: the clinic has not loaded the questionnaire's item
                               * wording (its licence keeps it out of Vastus) */
                              _("no wording"));
      for (guint k = 0; k < instrument->scales->len; k++)
        {
          const VastusScale *s = g_ptr_array_index (instrument->scales, k);
          gboolean clinic_set = FALSE;
          double mic = vastus_database_get_mic (db, s->measure, &clinic_set, NULL);
          g_autofree char *mic_text = NULL;
          char shown[VASTUS_DISPLAY_NUMBER_SIZE];

          if (isnan (mic))
            mic_text = g_strdup (_("no minimal important change"));
          else if (clinic_set)
            /* Translators: "MIC 12.0 (the clinic's)". */
            mic_text = g_strdup_printf (_("MIC %s (the clinic’s)"), vastus_display_number (mic, 1, shown));
          else
            /* Translators: "MIC 16.7 (after knee arthroplasty, Monticone 2013)". */
            mic_text = g_strdup_printf (_("MIC %s (%s, %s)"), vastus_display_number (mic, 1, shown),
                                        vastus_scale_get_mic_population (s), s->mic_source);
          g_string_append (out, "    ");
          vastus_cli_append_padded (out, vastus_scale_get_label (s), 23);
          vastus_cli_append_padded (out, s->measure, 21);
          g_string_append_printf (out, "%s\n", mic_text);
        }
    }
  /* Typed only: scores without answers in Vastus. */
  g_string_append_printf (out, "%s\n", _("Scores typed only (their licences keep their items out of Vastus): "
                                         "oxford_knee, womac; and global_rating."));
  return vastus_cli_print_text (cli, out);
}

static int
load_wording (VastusCli      *cli,
              VastusDatabase *db,
              const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  parsed = vastus_wording_parse (data, length, &error);
  if (parsed == NULL)
    /* Translators: a file's path, then what is wrong in it */
    return vastus_cli_fail (cli, _("%s: %s; nothing was loaded"), path, error->message);
  if (!vastus_database_begin (db, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < parsed->len; i++)
    if (!vastus_database_save_wording (db, g_ptr_array_index (parsed, i), &error))
      {
        vastus_database_rollback (db);
        /* Translators: %s is why the wording file was refused; nothing of it was saved */
        return vastus_cli_fail (cli, _("%s; nothing was loaded"), error->message);
      }
  if (!vastus_database_commit (db, &error))
    return vastus_cli_fail (cli, _("%s; nothing was loaded"), error->message);
  for (guint i = 0; i < parsed->len; i++)
    {
      const VastusWording *w = g_ptr_array_index (parsed, i);

      /* Translators: "Loaded the wording of KOOS (42 items)."; %1$s is the questionnaire's name,
       * %2$u its number of items */
      g_print (ngettext ("Loaded the wording of %1$s (%2$u item).\n", "Loaded the wording of %1$s (%2$u items).\n",
                         w->items->len),
               vastus_instrument_lookup (w->instrument)->name, w->items->len);
    }
  return VASTUS_CLI_OK;
}

static int
set_mic (VastusCli      *cli,
         VastusDatabase *db,
         const char     *measure,
         const char     *text)
{
  g_autoptr(GError) error = NULL;
  double mic = NAN;

  if (!g_str_equal (text, "default") && !vastus_display_parse_number (text, &mic, &error))
    return g_error_matches (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS)
           ? vastus_cli_usage (cli, "%s", error->message)
           /* Translators: %s is the minimal important change typed; “default” is a word to type
            * and stays in English */
           : vastus_cli_usage (cli, _("“%s” is not a number or “default”"), text);
  if (!vastus_database_set_mic (db, measure, mic, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

static int
run_questionnaires (VastusCli  *cli,
                    int         argc,
                    char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  VastusDatabase *db;

  /* Translators: what follows a command's options: translate only the words in capitals */
  if (!vastus_cli_parse_options (cli, entries, N_("[load FILE | mic MEASURE VALUE|default]"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1 && g_str_equal (argv[1], "load") && argc != 3)
    return vastus_cli_usage (cli, _("load takes one wording file"));
  if (argc > 1 && g_str_equal (argv[1], "mic") && argc != 4)
    return vastus_cli_usage (cli, _("mic takes a measure and a value (or “default”)"));
  if (argc > 1 && !g_str_equal (argv[1], "load") && !g_str_equal (argv[1], "mic"))
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (argc == 3)
    return load_wording (cli, db, argv[2]);
  if (argc == 4)
    return set_mic (cli, db, argv[2], argv[3]);
  return list_instruments (cli, db, json);
}

const VastusCliCommand vastus_cli_questionnaires_command = {
  "questionnaires",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("questionnaires [--json] | questionnaires load FILE | questionnaires mic MEASURE VALUE|default"),
  N_("list the questionnaires; load the clinic's item wording; set a minimal important change"),
  run_questionnaires,
};

/* score --patient MRN [--json] */

typedef struct
{
  double first;
  GDate  first_date;
} FirstScore;

/* The first score of each questionnaire measure in the episode: measure → FirstScore*. */
static GHashTable *
first_scores (const VastusHistory *history)
{
  GHashTable *firsts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint v = 0; v < history->visits->len; v++)
    {
      const VastusVisit *visit = g_ptr_array_index (history->visits, v);

      for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
        {
          const VastusMeasure *m = vastus_catalog_get_nth (i);
          double value;

          if (m->category != VASTUS_CATEGORY_QUESTIONNAIRE || g_hash_table_contains (firsts, m->code))
            continue;
          value = vastus_visit_combined_measure (visit, m, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
          if (!isnan (value))
            {
              FirstScore *f = g_new (FirstScore, 1);

              f->first = value;
              f->first_date = visit->date;
              g_hash_table_insert (firsts, (gpointer) m->code, f);
            }
        }
    }
  return firsts;
}

static const VastusResponse *
response_for (GPtrArray  *responses,
              gint64      visit_id,
              const char *instrument)
{
  for (guint i = 0; i < responses->len; i++)
    {
      const VastusResponse *r = g_ptr_array_index (responses, i);

      if (r->visit_id == visit_id && g_str_equal (r->instrument, instrument))
        return r;
    }
  return NULL;
}

/* One scale at one visit: its score, items answered, and change since the episode's first. */
typedef struct
{
  const VastusScale *scale;
  const char        *measure;
  double             score;
  gboolean           answered;      /* from answers (else typed) */
  VastusScaleScore   counts;
  double             change;        /* NAN at the first score */
  double             mic;
  VastusChange       verdict;
} ScaleRow;

static void
describe_row (const ScaleRow *row,
              GString        *out,
              const GDate    *first_date)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];

  g_string_append (out, "    ");
  vastus_cli_append_padded (out, row->scale != NULL ? vastus_scale_get_label (row->scale)
                                 : vastus_measure_get_short_label (vastus_catalog_lookup (row->measure)),
                            23);
  {
    char score[VASTUS_DISPLAY_NUMBER_SIZE];
    const char *shown = isnan (row->score) ? "—" : vastus_display_number (row->score, 1, score);

    /* Right-aligned in 6 columns. */
    for (glong w = vastus_cli_text_width (shown); w < 6; w++)
      g_string_append_c (out, ' ');
    g_string_append (out, shown);
  }
  if (row->answered && row->counts.n_required > row->counts.n_answered)
    /* Translators: "4 of 9 answered — needs 5, not scored": %1$u items answered of the
     * questionnaire's %2$u (the plural follows %2$u), %3$u the fewest that give a score */
    g_string_append_printf (out, ngettext ("  %1$u of %2$u answered — needs %3$u, not scored",
                                           "  %1$u of %2$u answered — needs %3$u, not scored",
                                           row->counts.n_items),
                            row->counts.n_answered, row->counts.n_items, row->counts.n_required);
  else if (row->answered)
    /* Translators: "9 of 9 answered": %1$u items answered of the questionnaire's %2$u (the
     * plural follows %2$u) */
    g_string_append_printf (out, ngettext ("  %1$u of %2$u answered", "  %1$u of %2$u answered",
                                           row->counts.n_items),
                            row->counts.n_answered, row->counts.n_items);
  else
    /* Translators: a score typed in as a total, not computed from answers */
    g_string_append_printf (out, "  %s", _("typed"));
  if (!isnan (row->change))
    {
      char change[VASTUS_DISPLAY_NUMBER_SIZE];

      vastus_display_number (row->change, 1, change);
      {
        g_autofree char *signed_change = g_strconcat (row->change > 0 ? "+" : "", change, NULL);

        /* Translators: a score's change since the episode's first response: "+12,5 since
         * 05.12.2026"; %1$s is the change with its sign, %2$s the date */
        g_string_append_printf (out, _("  %1$s since %2$s"), signed_change,
                                vastus_display_date (first_date, buf));
      }
      if (!isnan (row->mic))
        {
          g_autofree char *verdict = vastus_change_describe (row->verdict, row->mic);

          g_string_append_printf (out, " (%s)", verdict);
        }
    }
  g_string_append_c (out, '\n');
}

/* Who entered a response's answers, as a parenthesis of the scores' listing. */
static const char *
entered_by_text (VastusEnteredBy entered_by)
{
  switch (entered_by)
    {
    case VASTUS_ENTERED_BY_STAFF:
      return _("answers entered by staff");
    case VASTUS_ENTERED_BY_PATIENT:
      return _("answers entered by the patient");
    case VASTUS_ENTERED_BY_IMPORT:
      return _("answers imported from a file");
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
run_score (VastusCli  *cli,
           int         argc,
           char      **argv)
{
  g_autofree char *mrn = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient's MRN"), N_("MRN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GHashTable) firsts = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("--patient MRN is required"));

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  history = vastus_cli_load_history (db, mrn, 0, NULL, &error);
  if (history != NULL)
    responses = vastus_database_list_responses (db, history->episode->id, &error);
  if (history == NULL || responses == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  firsts = first_scores (history);

  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "patient", history->patient->mrn);
  json_builder_set_member_name (builder, "episode");
  json_builder_begin_object (builder);
  vastus_cli_json_add_int (builder, "id", history->episode->id);
  vastus_cli_json_add_string (builder, "condition", vastus_condition_to_string (history->episode->condition));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "visits");
  json_builder_begin_array (builder);

  for (guint v = 0; v < history->visits->len; v++)
    {
      const VastusVisit *visit = g_ptr_array_index (history->visits, v);
      char buf[VASTUS_DISPLAY_DATE_SIZE];
      gboolean visit_open = FALSE;

      for (guint i = 0; i <= vastus_instruments_get_n (); i++)
        {
          /* The built-in instruments, then the typed-only scores as one group. */
          const VastusInstrument *instrument = i < vastus_instruments_get_n () ? vastus_instruments_get_nth (i) : NULL;
          const VastusResponse *response = instrument != NULL ? response_for (responses, visit->id, instrument->id) : NULL;
          g_autoptr(GArray) scores = response != NULL ? vastus_response_score (response) : NULL;
          g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ScaleRow));

          /* An instrument's scales in its order; the typed-only scores in the catalog's. */
          guint n = instrument != NULL ? instrument->scales->len : vastus_catalog_get_n_measures ();

          for (guint k = 0; k < n; k++)
            {
              const VastusMeasure *m = instrument != NULL
                ? vastus_catalog_lookup (((VastusScale *) g_ptr_array_index (instrument->scales, k))->measure)
                : vastus_catalog_get_nth (k);
              const VastusScale *scale = vastus_instrument_scale_for_measure (m->code, NULL);
              ScaleRow row = { .scale = scale, .measure = m->code, .change = NAN };
              FirstScore *first;

              if (m->category != VASTUS_CATEGORY_QUESTIONNAIRE || (instrument == NULL && scale != NULL))
                continue;
              row.score = vastus_visit_combined_measure (visit, m, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
              row.answered = response != NULL;
              if (scores != NULL)
                for (guint s = 0; s < scores->len; s++)
                  if (g_array_index (scores, VastusScaleScore, s).scale == scale)
                    row.counts = g_array_index (scores, VastusScaleScore, s);
              if (isnan (row.score) && !row.answered)
                continue;
              first = g_hash_table_lookup (firsts, m->code);
              if (first != NULL && !isnan (row.score) && g_date_compare (&first->first_date, &visit->date) < 0)
                row.change = row.score - first->first;
              row.mic = scale != NULL ? vastus_database_get_mic (db, m->code, NULL, NULL) : NAN;
              row.verdict = vastus_change_judge (row.change, row.mic, m->better);
              g_array_append_val (rows, row);
            }
          if (rows->len == 0)
            continue;

          if (!visit_open)
            {
              json_builder_begin_object (builder);
              vastus_cli_json_add_date (builder, "date", &visit->date);
              json_builder_set_member_name (builder, "questionnaires");
              json_builder_begin_array (builder);
              g_string_append_printf (out, "%s\n", vastus_display_date (&visit->date, buf));
              visit_open = TRUE;
            }
          json_builder_begin_object (builder);
          vastus_cli_json_add_string (builder, "instrument", instrument != NULL ? instrument->id : NULL);
          vastus_cli_json_add_string (builder, "source", response != NULL ? "answers" : "typed");
          vastus_cli_json_add_string (builder, "entered_by",
                                      response != NULL ? vastus_entered_by_to_string (response->entered_by) : NULL);
          json_builder_set_member_name (builder, "scales");
          json_builder_begin_array (builder);
          /* Translators: the heading of scores typed in as totals, without a questionnaire's
           * answers */
          g_string_append_printf (out, "  %s", instrument != NULL ? instrument->name : _("Typed scores"));
          if (response != NULL)
            g_string_append_printf (out, " (%s)", entered_by_text (response->entered_by));
          g_string_append_c (out, '\n');
          for (guint r = 0; r < rows->len; r++)
            {
              const ScaleRow *row = &g_array_index (rows, ScaleRow, r);
              FirstScore *first = g_hash_table_lookup (firsts, row->measure);

              json_builder_begin_object (builder);
              vastus_cli_json_add_string (builder, "scale", row->scale != NULL ? row->scale->id : NULL);
              vastus_cli_json_add_string (builder, "measure", row->measure);
              vastus_cli_json_add_double (builder, "score", row->score);
              if (row->answered)
                {
                  vastus_cli_json_add_int (builder, "answered", row->counts.n_answered);
                  vastus_cli_json_add_int (builder, "items", row->counts.n_items);
                  vastus_cli_json_add_int (builder, "required", row->counts.n_required);
                }
              vastus_cli_json_add_double (builder, "change", row->change);
              vastus_cli_json_add_date (builder, "first_date", first != NULL ? &first->first_date : NULL);
              vastus_cli_json_add_double (builder, "mic", row->mic);
              vastus_cli_json_add_string (builder, "mic_change",
                                          isnan (row->change) || isnan (row->mic) ? NULL
                                          : vastus_change_to_string (row->verdict));
              json_builder_end_object (builder);
              describe_row (row, out, first != NULL ? &first->first_date : NULL);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      if (visit_open)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (json)
    return vastus_cli_print_json (cli, builder);
  if (out->len == 0)
    g_string_append_printf (out, "%s\n", _("No questionnaire scores in this episode."));
  return vastus_cli_print_text (cli, out);
}

const VastusCliCommand vastus_cli_score_command = {
  "score",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("score --patient MRN [--json]"),
  N_("each questionnaire per visit: scores, items answered, change since the first"),
  run_score,
};

/* The answers CSV in import and export (vastus-cli-records.c) */

int
vastus_cli_import_answers (VastusCli  *cli,
                           GPtrArray  *names,
                           GPtrArray  *contents)
{
  g_autoptr(VastusAnswersImport) import = NULL;
  g_autoptr(GError) error = NULL;
  VastusAnswersImportCounts counts = { 0 };
  VastusDatabase *db;
  GPtrArray *errors;

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  import = vastus_answers_import_new (db);
  for (guint i = 0; i < contents->len; i++)
    {
      gsize length;
      const char *data = g_bytes_get_data (g_ptr_array_index (contents, i), &length);

      vastus_answers_import_add_data (import, g_ptr_array_index (names, i), data, length, NULL);
    }
  if (vastus_answers_import_get_errors (import)->len == 0)
    vastus_answers_import_commit (import, &counts, NULL);
  errors = vastus_answers_import_get_errors (import);
  if (errors->len > 0)
    return vastus_cli_fail_import (cli, errors, errors->len);
  /* Translators: counts, one after each label (no plurals needed) */
  g_print (_("Imported questionnaires: %u (answers: %u, new visits: %u). Already stored: %u.\n"),
           counts.questionnaires, counts.answers, counts.visits, counts.unchanged);
  return VASTUS_CLI_OK;
}
