/* vastus-cli-report.c: report --patient MRN [--episode ID] [--set ID] [--set-version N] [--deidentify]
 * [--paper a4|letter] -o FILE.pdf
 *
 * The clinic's name and address come from --clinic-name/--clinic-address, else from
 * $VASTUS_CLINIC_NAME/$VASTUS_CLINIC_ADDRESS, else they are left out (the application uses its
 * preferences). Every report written is recorded in the database with its SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <glib/gstdio.h>

#include "vastus-cli.h"
#include "vastus-name.h"
#include "vastus-report-data.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"

static int
run_report (VastusCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *mrn = NULL, *set_id = NULL, *paper_name = NULL, *output = NULL;
  g_autofree char *clinic_name = NULL, *clinic_address = NULL, *narrative = NULL;
  g_autofree char *narrative_file = NULL, *units = NULL, *therapist = NULL, *episode_text = NULL;
  g_autofree char *name_order = NULL, *language = NULL;
  gboolean deidentify = FALSE;
  int set_version = 0;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient’s MRN"), N_("MRN") },
    { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_text, N_("this episode of care (default: the one in force today)"), N_("ID") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_id, N_("the criteria set (default: the episode’s)"), N_("ID") },
    { "set-version", 0, 0, G_OPTION_ARG_INT, &set_version, N_("judge with this version of the set (default: the latest)"), N_("N") },
    { "deidentify", 0, 0, G_OPTION_ARG_NONE, &deidentify,
      N_("no name, a study code for the MRN, weeks instead of dates"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or letter (default: from the locale)"), N_("SIZE") },
    { "units", 0, 0, G_OPTION_ARG_STRING, &units, N_("metric or imperial (default: metric)"),
      /* Translators: in the command line's help, the value of --units: metric or imperial;
       * capitals, one word */
      N_("UNITS") },
    { "name-order", 0, 0, G_OPTION_ARG_STRING, &name_order,
      N_("given-family (“Jonas Berg”, the default) or family-given (“BERG, Jonas”)"),
      /* Translators: in the command line's help, the value of --name-order: the order of a
       * patient's names; capitals, one word */
      N_("ORDER") },
    { "clinic-name", 0, 0, G_OPTION_ARG_STRING, &clinic_name, N_("the clinic’s name for the header"), N_("TEXT") },
    { "clinic-address", 0, 0, G_OPTION_ARG_STRING, &clinic_address, N_("the clinic’s address for the header"), N_("TEXT") },
    { "narrative", 0, 0, G_OPTION_ARG_STRING, &narrative, N_("the therapist’s assessment"), N_("TEXT") },
    { "narrative-file", 0, 0, G_OPTION_ARG_FILENAME, &narrative_file,
      N_("read the therapist’s assessment from FILE"), N_("FILE") },
    { "therapist", 0, 0, G_OPTION_ARG_STRING, &therapist, N_("the name under the signature line"),
      /* Translators: in the command line's help, the value of --therapist: a person's name;
       * capitals, one word */
      N_("NAME") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("the report’s language: en, or an installed translation such as de, es, fr (default: "
         "the application’s)"),
         /* Translators: in the command line's help, the value of --language: a language code
          * such as de; capitals, one word */
         N_("LANGUAGE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE.pdf"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusReportData) data = NULL;
  g_autoptr(VastusReportRecord) record = NULL;
  g_autofree char *sha256 = NULL;
  VastusReportOptions options = { 0 };
  VastusPaper paper;
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("Name the patient with --patient MRN"));
  if (!vastus_cli_parse_episode (cli, episode_text, &options.episode_id))
    return VASTUS_CLI_USAGE;
  if (set_version < 0)
    return vastus_cli_usage (cli, _("--set-version needs a version number (1, 2 …), not %d"), set_version);
  if (output == NULL || g_str_equal (output, "-"))
    return vastus_cli_usage (cli, _("Name the output file with -o FILE.pdf"));
  if (paper_name == NULL)
    paper = vastus_paper_for_locale ();
  else if (!vastus_paper_from_string (paper_name, &paper))
    return vastus_cli_usage (cli, _("--paper must be a4 or letter"));
  if (units != NULL && !g_str_equal (units, "metric") && !g_str_equal (units, "imperial"))
    return vastus_cli_usage (cli, _("--units must be metric or imperial"));
  if (name_order != NULL && !vastus_name_order_from_string (name_order, &options.name_order))
    return vastus_cli_usage (cli, _("--name-order must be given-family or family-given"));
  if (language != NULL && !vastus_i18n_language_valid (language, &error))
    return vastus_cli_usage (cli, "--language: %s", error->message);
  if (narrative != NULL && narrative_file != NULL)
    return vastus_cli_usage (cli, _("Give --narrative or --narrative-file, not both"));
  if (narrative_file != NULL && !g_file_get_contents (narrative_file, &narrative, NULL, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  if (narrative != NULL && !g_utf8_validate (narrative, -1, NULL))
    return vastus_cli_fail (cli, _("The narrative is not valid UTF-8 text"));

  options.clinic_name = clinic_name != NULL ? clinic_name : g_getenv ("VASTUS_CLINIC_NAME");
  options.clinic_address = clinic_address != NULL ? clinic_address : g_getenv ("VASTUS_CLINIC_ADDRESS");
  options.set_id = set_id;
  options.set_version = set_version;
  options.deidentify = deidentify;
  options.imperial = g_strcmp0 (units, "imperial") == 0;
  options.narrative = narrative;
  options.therapist = therapist;
  options.language = language;

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  data = vastus_report_data_load (db, mrn, &options, &error);
  if (data == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  sha256 = vastus_report_write_pdf (data, paper, output, &error);
  if (sha256 == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  record = vastus_report_record_new ();
  record->patient_id = data->patient_id;
  record->episode_id = data->episode_id;
  record->criteria_set_id = g_strdup (data->set_id);
  record->criteria_set_version = data->has_set ? data->set_version : 0;
  record->report_date = data->report_date;
  record->file_name = g_path_get_basename (output);
  record->sha256 = g_strdup (sha256);
  record->deidentified = deidentify;
  record->paper = g_strdup (vastus_paper_to_string (paper));
  record->narrative = g_strdup (narrative);
  if (!vastus_database_insert_report (db, record, &error))
    {
      /* A report that is not on record is not handed out. */
      g_unlink (output);
      /* Translators: %s is why the surgeon's report could not be made; no PDF file was written */
      return vastus_cli_fail (cli, _("%s; no report was written"), error->message);
    }
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_report_command = {
  "report",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("report --patient MRN [--episode ID] [--set ID] [--set-version N] [--deidentify] [--paper a4|letter] [--language LANGUAGE] -o FILE.pdf"),
  N_("write a PDF report for the referring surgeon"), run_report,
};
