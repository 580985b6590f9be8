/* vastus-cli-episodes.c: episodes --patient MRN [--json]
 *
 * A patient's episodes of care, newest first, with the id that summary, evaluate, chart and
 * report take as --episode ID, and which one is in force today (the one they use without it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-cli.h"
#include "vastus-value.h"

static const char *
date_cell (const GDate *date,
           char         buf[VASTUS_DISPLAY_DATE_SIZE])
{
  return date != NULL && g_date_valid (date) ? vastus_display_date (date, buf) : "—";
}

static int
run_episodes (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  g_autofree char *mrn = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("the patient’s MRN"), N_("MRN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  const VastusEpisode *in_force;
  VastusDatabase *db;
  GDate today;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (mrn == NULL)
    return vastus_cli_usage (cli, _("--patient MRN is required"));

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  patient = vastus_database_find_patient (db, mrn, &error);
  if (patient == NULL && error != NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (patient == NULL)
    return vastus_cli_fail (cli, _("No patient with MRN “%s”"), mrn);
  episodes = vastus_database_list_episodes (db, patient->id, &error);
  if (episodes == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  vastus_date_today (&today);
  in_force = vastus_episode_in_force (episodes, &today);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "patient", patient->mrn);
      json_builder_set_member_name (builder, "episodes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < episodes->len; i++)
        {
          const VastusEpisode *e = g_ptr_array_index (episodes, i);

          json_builder_begin_object (builder);
          vastus_cli_json_add_episode_fields (builder, e);
          vastus_cli_json_add_date (builder, "first_visit", &e->first_visit);
          vastus_cli_json_add_string (builder, "surgeon", e->surgeon);
          vastus_cli_json_add_string (builder, "criteria_set", e->criteria_set);
          vastus_cli_json_add_bool (builder, "in_force", e == in_force);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (episodes->len == 0)
        {
          /* Translators: %s is the patient's medical record number (MRN) */
          g_string_append_printf (out, _("Patient %s has no episode of care.\n"), patient->mrn);
          return vastus_cli_print_text (cli, out);
        }
      /* Translators: column headers of the episodes table: the episode's id, condition, involved
       * knee, injury date, surgery date and the date it began */
      g_ptr_array_add (rows, vastus_cli_row (_("ID"),
                                             /* Translators: the episode's condition (the diagnosis: “ACL
                                              * reconstruction”), a column header; a field's name elsewhere */
                                             _("Condition"), _("Involved"), _("Injury"), _("Surgery"),
                                             /* Translators: the date the episode of care began, a column
                                              * header (the verb, in the past) */
                                             _("Began"), "", NULL));
      for (guint i = 0; i < episodes->len; i++)
        {
          const VastusEpisode *e = g_ptr_array_index (episodes, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
          char injury[VASTUS_DISPLAY_DATE_SIZE], surgery[VASTUS_DISPLAY_DATE_SIZE], start[VASTUS_DISPLAY_DATE_SIZE];

          g_ptr_array_add (rows, vastus_cli_row (id, vastus_condition_label (e->condition),
                                                 vastus_side_label (e->involved_side),
                                                 date_cell (&e->injury_date, injury),
                                                 date_cell (&e->surgery_date, surgery),
                                                 date_cell (vastus_episode_get_start_date (e), start),
                                                 /* Translators: marks the episode summary,
                                                  * evaluate, chart and report use by default */
                                                 e == in_force ? _("in force today") : "", NULL));
        }
      vastus_cli_append_table (out, rows, "");
      return vastus_cli_print_text (cli, out);
    }
}

const VastusCliCommand vastus_cli_episodes_command = {
  "episodes",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("episodes --patient MRN [--json]"),
  N_("list a patient’s episodes of care: ids, condition, side, dates, the one in force today"),
  run_episodes,
};
