/* vastus-cli-chart.c: chart --patient MRN --kind KIND [--measure CODE] [--set ID]
 *                     [--width PX --height PX] -o FILE.png|FILE.pdf|FILE.svg
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-builder.h"
#include "vastus-cli.h"
#include "vastus-clinic-rules-store.h"
#include "vastus-criteria-chart.h"
#include "vastus-criteria-store.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-prom-chart.h"
#include "vastus-questionnaire-store.h"
#include "vastus-symmetry-chart.h"

typedef enum
{
  FORMAT_PNG,
  FORMAT_PDF,
  FORMAT_SVG,
} Format;

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static VastusCriteriaSet *
load_set (VastusDatabase       *db,
          const VastusHistory  *history,
          const char           *id,
          GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  VastusCriteriaSet *set;

  if (id == NULL)
    id = history->episode->criteria_set;
  if (id == NULL)
    {
      clinic = vastus_database_read_clinic_rules (db, error);
      if (clinic == NULL)
        return NULL;
      id = vastus_clinic_rulebook_default_set (clinic, history->episode->condition);
    }
  if (id == NULL)
    id = vastus_criteria_default_for (history->episode->condition);
  if (id == NULL)
    return NULL;   /* no set: charts without thresholds */

  set = vastus_database_get_criteria_set (db, id, 0, &local_error);
  if (set == NULL)
    set = vastus_criteria_builtin_lookup (id);
  if (set == NULL)
    /* Translators: %s is a criteria set's id as typed after --set (“aclr-return-to-sport”) */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No criteria set “%s”"), id);
  return set;
}

static const char *
default_measure (const VastusHistory *history)
{
  for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (m);

      if (measure->category != VASTUS_CATEGORY_STRENGTH || !measure->two_sided)
        continue;
      for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
        {
          const VastusVisit *visit = vastus_history_get_visit (history, i);

          if (isfinite (vastus_visit_combined (visit, measure->code, VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL))
              || isfinite (vastus_visit_combined (visit, measure->code, VASTUS_SIDE_RIGHT,
                                                  VASTUS_TRIALS_ALL)))
            return measure->code;
        }
    }
  return NULL;
}

/* The clinic's minimal important change for a questionnaire score (its own, else the default). */
static double
mic_cb (const char *measure,
        gpointer    user_data)
{
  return vastus_database_get_mic (user_data, measure, NULL, NULL);
}

static int
run_chart (VastusCli  *cli,
           int         argc,
           char      **argv)
{
  g_autofree char *mrn = NULL, *kind_name = NULL, *code = NULL, *set_id = NULL, *output = NULL;
  g_autofree char *episode_text = NULL;
  int width = 800, height = 400;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient’s MRN"),
      /* Translators: in the command line's help, the value of --patient: the patient's medical
       * record number; capitals, as in --patient=MRN */
      N_("MRN") },
    { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_text, N_("this episode of care (default: the one in force today)"),
      /* Translators: in the command line's help, the value of an option: an identifier (a number
       * or a name); capitals */
      N_("ID") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("symmetry, progress, girth, criteria or prom"),
      /* Translators: in the command line's help, the value of --kind: the kind of chart;
       * capitals, one word */
      N_("KIND") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &code, N_("the measure to chart (a catalog code)"),
      /* Translators: in the command line's help, the value of --measure: a measure's code in the
       * catalog; capitals, one word */
      N_("CODE") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_id, N_("the criteria set (default: the episode’s)"), N_("ID") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("width in pixels (points for PDF and SVG), default 800"),
      /* Translators: in the command line's help, the value of --width and --height: a number of
       * pixels; capitals, short */
      N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("height in pixels (points for PDF and SVG), default 400"), N_("PX") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE.png, FILE.pdf or FILE.svg"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  VastusChartKind kind;
  VastusChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  VastusDatabase *db;
  Format format;
  gint64 episode_id;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("Name the patient with --patient MRN"));
  if (!vastus_cli_parse_episode (cli, episode_text, &episode_id))
    return VASTUS_CLI_USAGE;
  if (g_strcmp0 (kind_name, "symmetry") == 0)
    kind = VASTUS_CHART_KIND_SYMMETRY;
  else if (g_strcmp0 (kind_name, "progress") == 0)
    kind = VASTUS_CHART_KIND_PROGRESS;
  else if (g_strcmp0 (kind_name, "girth") == 0)
    kind = VASTUS_CHART_KIND_GIRTH;
  else if (g_strcmp0 (kind_name, "criteria") == 0)
    kind = VASTUS_CHART_KIND_CRITERIA;
  else if (g_strcmp0 (kind_name, "prom") == 0)
    kind = VASTUS_CHART_KIND_PROM;
  else
    return vastus_cli_usage (cli, _("--kind must be symmetry, progress, girth, criteria or prom"));
  if (output == NULL || g_strcmp0 (output, "-") == 0)
    return vastus_cli_usage (cli, _("Name the output file with -o FILE.png, FILE.pdf or FILE.svg"));
  if (g_str_has_suffix (output, ".png") || g_str_has_suffix (output, ".PNG"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF"))
    format = FORMAT_PDF;
  else if (g_str_has_suffix (output, ".svg") || g_str_has_suffix (output, ".SVG"))
    format = FORMAT_SVG;
  else
    return vastus_cli_usage (cli, _("The output file must end in .png, .pdf or .svg"));
  if (width < 100 || width > 10000 || height < 80 || height > 10000)
    return vastus_cli_usage (cli, _("--width must be 100 to 10000 and --height 80 to 10000"));
  if (code != NULL && vastus_catalog_lookup (code) == NULL)
    /* Translators: %s is the measure code typed after --measure (“quadriceps_hhd”); codes stay
     * in English */
    return vastus_cli_usage (cli, _("Unknown measure “%s”"), code);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  history = vastus_cli_load_history (db, mrn, episode_id, NULL, &error);
  if (history == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (kind == VASTUS_CHART_KIND_SYMMETRY || kind == VASTUS_CHART_KIND_CRITERIA)
    {
      set = load_set (db, history, set_id, &error);
      if (set == NULL && error != NULL)
        return vastus_cli_fail (cli, "%s", error->message);
      if (set == NULL && kind == VASTUS_CHART_KIND_CRITERIA)
        return vastus_cli_fail (cli, _("No criteria set for this episode; name one with --set"));
    }

  vastus_chart_style_init_light (&style);
  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (format == FORMAT_PDF)
    surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
  else
    surface = cairo_svg_surface_create_for_stream (append_cb, bytes, width, height);
  cr = cairo_create (surface);

  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        const char *codes[] = { code, NULL };
        g_autoptr(VastusSymmetryChartData) data =
          vastus_chart_build_symmetry (history, code != NULL ? codes : NULL, set);

        vastus_symmetry_chart_render (data, &style, cr, width, height);
      }
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      {
        const char *measure = code != NULL ? code : default_measure (history);
        g_autoptr(VastusProgressChartData) data =
          measure != NULL ? vastus_chart_build_progress (history, measure) : NULL;

        if (data == NULL)
          {
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
            if (measure == NULL)
              return vastus_cli_fail (cli, _("No strength measured yet; name a measure with --measure"));
            /* Translators: %s is the measure code typed after --measure (or the default one); a
             * progress chart draws both legs */
            return vastus_cli_usage (cli, _("“%s” is not measured on both legs"), measure);
          }
        vastus_progress_chart_render (data, &style, cr, width, height);
      }
      break;
    case VASTUS_CHART_KIND_GIRTH:
      {
        g_autoptr(VastusGirthChartData) data = vastus_chart_build_girth (history, code);

        vastus_girth_chart_render (data, &style, cr, width, height);
      }
      break;
    case VASTUS_CHART_KIND_PROM:
      {
        const VastusInstrument *instrument = NULL;
        g_autoptr(VastusPromChartData) data = NULL;

        if (code != NULL && vastus_instrument_scale_for_measure (code, &instrument) == NULL)
          {
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
            /* Translators: %s is the measure code typed after --measure (“koos_pain”); keep
             * “vastus-cli questionnaires”, a command */
            return vastus_cli_usage (cli, _("“%s” is not a questionnaire score with answers (vastus-cli "
                                            "questionnaires lists them)"), code);
          }
        data = vastus_chart_build_prom (history, instrument != NULL ? instrument->id : NULL, mic_cb, db);
        if (data == NULL)
          {
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
            return vastus_cli_fail (cli, _("No questionnaire scores in this episode yet"));
          }
        vastus_prom_chart_render (data, &style, cr, width, height);
      }
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        g_autoptr(VastusCriteriaChartData) data = vastus_chart_build_criteria (history, set);

        vastus_criteria_chart_render (data, &style, cr, width, height);
      }
      break;
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    /* Translators: %s is the drawing library's (Cairo's) reason, in English */
    return vastus_cli_fail (cli, _("Could not draw the chart: %s"), cairo_status_to_string (status));

  if (!vastus_cli_write_output (output, (const char *) bytes->data, bytes->len, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_chart_command = {
  "chart",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("chart --patient MRN [--episode ID] --kind symmetry|progress|girth|criteria|prom [--measure CODE] [--set ID] "
  "[--width PX --height PX] -o FILE.png|FILE.pdf|FILE.svg"),
  N_("draw a chart of a patient’s episode"), run_chart,
};
