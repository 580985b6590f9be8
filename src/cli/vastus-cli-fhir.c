/* vastus-cli-fhir.c: fhir export [--patient MRN] [--episode ID] [--deidentify] [--as-of DATE]
 * -o FILE.json, fhir import FILE.json
 *
 * The MRN identifier system comes from --system, else $VASTUS_FHIR_SYSTEM, else the default
 * (the application's Preferences set it for the window); the report's clinic name and address
 * from --clinic-name/--clinic-address, else $VASTUS_CLINIC_NAME/$VASTUS_CLINIC_ADDRESS, as for
 * `report`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <glib/gstdio.h>

#include "vastus-cli.h"
#include "vastus-fhir.h"
#include "vastus-report-store.h"
#include "vastus-value.h"

static int
run_export (VastusCli   *cli,
            const char  *mrn,
            gint64       episode_id,
            gboolean     deidentify,
            const GDate *as_of,
            const char  *system,
            const char  *paper_name,
            const char  *clinic_name,
            const char  *clinic_address,
            const char  *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) handed_out = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_report_record_free);
  VastusFhirExportOptions options = { 0 };
  VastusDatabase *db;

  if (output == NULL || g_str_equal (output, "-"))
    return vastus_cli_usage (cli, _("Name the output file with -o FILE.json"));
  if (episode_id != 0 && mrn == NULL)
    return vastus_cli_usage (cli, _("--episode needs --patient MRN"));
  if (paper_name == NULL)
    options.paper = VASTUS_PAPER_A4;
  else if (!vastus_paper_from_string (paper_name, &options.paper))
    return vastus_cli_usage (cli, _("--paper must be a4 or letter"));

  options.mrn = mrn;
  options.episode_id = episode_id;
  options.deidentify = deidentify;
  options.as_of = as_of;
  options.system = system;
  options.clinic_name = clinic_name != NULL ? clinic_name : g_getenv ("VASTUS_CLINIC_NAME");
  options.clinic_address = clinic_address != NULL ? clinic_address : g_getenv ("VASTUS_CLINIC_ADDRESS");
  options.file_name = output;

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (!vastus_fhir_export_file (db, &options, output, handed_out, NULL, &error))
    /* Translators: %s is why the FHIR export failed; no file was written */
    return vastus_cli_fail (cli, _("%s; nothing was written"), error->message);
  for (guint i = 0; i < handed_out->len; i++)
    if (!vastus_database_insert_report (db, g_ptr_array_index (handed_out, i), &error))
      {
        /* A report that is not on record is not handed out. */
        g_unlink (output);
        return vastus_cli_fail (cli, _("%s; nothing was written"), error->message);
      }
  return VASTUS_CLI_OK;
}

static int
run_import (VastusCli   *cli,
            const char  *path,
            const char  *system)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = NULL;
  VastusFhirImportCounts counts = { 0 };
  VastusDatabase *db;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  /* Like import, fhir import creates the database. */
  db = vastus_cli_create_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (!vastus_fhir_import (db, path, data, length, system, &counts, warnings, &error))
    /* Translators: %s is why the FHIR import failed; no record was changed */
    return vastus_cli_fail (cli, _("%s; nothing was imported"), error->message);
  for (guint i = 0; i < warnings->len; i++)
    /* Translators: %s is a warning about the FHIR Bundle being imported; keep “vastus-cli fhir”,
     * the command */
    g_printerr (_("vastus-cli fhir: warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
  /* Translators: counts, one after each label (no plurals needed) */
  g_print (_("Imported patients: %u, episodes: %u, visits: %u, measurements: %u, questionnaires: %u. "
             "Measurements already stored: %u.\n"),
           counts.patients, counts.episodes, counts.visits, counts.measurements,
           counts.questionnaires, counts.skipped);
  return VASTUS_CLI_OK;
}

static int
run_fhir (VastusCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *mrn = NULL, *episode = NULL, *system = NULL, *paper = NULL, *output = NULL;
  g_autofree char *clinic_name = NULL, *clinic_address = NULL, *as_of_text = NULL;
  gboolean deidentify = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("export: only this patient (MRN)"), N_("MRN") },
    { "episode", 0, 0, G_OPTION_ARG_STRING, &episode, N_("export: only this episode of the patient"), N_("ID") },
    { "deidentify", 0, 0, G_OPTION_ARG_NONE, &deidentify,
      N_("export: study codes, no names, dates shifted to days from the surgery"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("export: evaluate the episode in force on this date (default: today)"), N_("YYYY-MM-DD") },
    { "system", 0, 0, G_OPTION_ARG_STRING, &system,
      N_("the MRN identifier system (default: $VASTUS_FHIR_SYSTEM, else https://vastus.github.io/fhir/sid/mrn)"),
      /* Translators: in the command line's help, the value of --system: a web address (uniform
       * resource identifier); capitals */
      N_("URI") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("export: the report’s paper, a4 or letter (default: a4)"),
      /* Translators: in the command line's help, the value of --paper: a paper size (a4 or
       * letter); capitals, one word */
      N_("SIZE") },
    { "clinic-name", 0, 0, G_OPTION_ARG_STRING, &clinic_name, N_("export: the clinic’s name for the report"), N_("TEXT") },
    { "clinic-address", 0, 0, G_OPTION_ARG_STRING, &clinic_address, N_("export: the clinic’s address for the report"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("export: write to FILE.json"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 episode_id = 0;
  const char *system_used;
  GDate as_of;

  /* Translators: what follows a command's options: translate only the words in capitals */
  if (!vastus_cli_parse_options (cli, entries, N_("export|import [FILE.json]"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc < 2 || (!g_str_equal (argv[1], "export") && !g_str_equal (argv[1], "import")))
    return vastus_cli_usage (cli, _("Usage: fhir export [--patient MRN] [--episode ID] [--deidentify] "
                                    "-o FILE.json, or fhir import FILE.json"));
  if (episode != NULL)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (episode, 10, 1, G_MAXINT64, &id, NULL))
        /* Translators: %s is the text typed after --episode; keep the option's name */
        return vastus_cli_usage (cli, _("--episode needs an episode id (1, 2 …), not “%s”"), episode);
      episode_id = (gint64) id;
    }
  g_date_clear (&as_of, 1);
  if (as_of_text != NULL && !vastus_date_parse (as_of_text, &as_of, NULL))
    /* Translators: %s is the text typed after --as-of; YYYY-MM-DD is the date's form (year,
     * month, day); keep the option's name */
    return vastus_cli_usage (cli, _("--as-of needs a date YYYY-MM-DD, not “%s”"), as_of_text);
  /* A refusal names where the system came from. */
  system_used = system != NULL ? system : g_getenv ("VASTUS_FHIR_SYSTEM");
  if (system_used != NULL && !vastus_fhir_system_check (system_used, &error))
    return vastus_cli_usage (cli, "%s: %s", system != NULL ? "--system" : "$VASTUS_FHIR_SYSTEM",
                             error->message);

  if (g_str_equal (argv[1], "export"))
    {
      if (argc > 2)
        return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[2]);
      return run_export (cli, mrn, episode_id, deidentify, as_of_text != NULL ? &as_of : NULL, system_used, paper, clinic_name,
                         clinic_address, output);
    }
  if (mrn != NULL || episode != NULL || deidentify || as_of_text != NULL || paper != NULL || output != NULL ||
      clinic_name != NULL || clinic_address != NULL)
    return vastus_cli_usage (cli, _("fhir import takes only --system and FILE.json"));
  if (argc != 3)
    return vastus_cli_usage (cli, _("Usage: fhir import FILE.json"));
  return run_import (cli, argv[2], system_used);
}

const VastusCliCommand vastus_cli_fhir_command = {
  "fhir",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("fhir export [--patient MRN] [--episode ID] [--deidentify] [--as-of YYYY-MM-DD] -o FILE.json | "
  "fhir import FILE.json"),
  N_("the record as an HL7 FHIR R4 Bundle, out and back in (all or nothing)"), run_fhir,
};
