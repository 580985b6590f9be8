/* vastus-cli-records.c: import, export, patients, measures, demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-answers-csv.h"
#include "vastus-catalog.h"
#include "vastus-cli.h"
#include "vastus-csv-export.h"
#include "vastus-csv-import.h"
#include "vastus-demo.h"
#include "vastus-name.h"
#include "vastus-text.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* Prints @rows (GPtrArray of GStrv, the first the header) as aligned columns. Cells come from
 * the database: control characters in them are escaped (vastus_text_escape), never printed. */
static void
print_table (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  vastus_cli_append_table (out, rows, "");
  vastus_cli_write_output (NULL, out->str, out->len, NULL);
}

/* import FILE… */

/* Whether @stream's file is questionnaire answers (its header names item and instrument);
 * leaves it at its start. */
static gboolean
is_answers_csv (GFileInputStream  *stream,
                gboolean          *answers,
                GError           **error)
{
  char head[4096];
  gsize got = 0;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &got, NULL, error))
    return FALSE;
  *answers = vastus_answers_csv_is_header (head, got);
  return g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, error);
}

static int
run_import (VastusCli  *cli,
            int         argc,
            char      **argv)
{
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VastusCsvImport) import = NULL;
  g_autoptr(VastusProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *patient = NULL;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name,
      N_("read device or spreadsheet exports through this profile (an id, or FILE.ini)"), N_("ID") },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient,
      N_("the patient of files that name none (with --profile)"), N_("MRN") },
    { NULL }
  };
  VastusCsvImportCounts counts = { 0 };
  VastusDatabase *db;
  GPtrArray *warnings;
  guint n_warnings;
  guint n_answers = 0;

  /* Translators: what follows a command's options: translate only the words in capitals */
  if (!vastus_cli_parse_options (cli, entries, N_("FILE…"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc < 2)
    return vastus_cli_usage (cli, _("Name at least one CSV file to import"));
  if (patient != NULL && profile_name == NULL)
    return vastus_cli_usage (cli, _("--patient goes with --profile (a flat CSV names its patients)"));

  /* Every file is opened before the database is: a missing file changes nothing. A flat CSV
   * is read one row at a time afterwards, never whole into memory. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      GFileInputStream *stream = g_file_read (file, NULL, &error);
      gboolean answers = FALSE;

      if (stream == NULL)
        return vastus_cli_fail (cli, "%s", error->message);
      g_ptr_array_add (streams, stream);
      if (profile_name != NULL)
        continue;
      if (!is_answers_csv (stream, &answers, &error))
        return vastus_cli_fail (cli, "%s: %s", argv[i], error->message);
      n_answers += answers;
    }
  /* Questionnaire answers (mrn,visit_date,instrument,item,answer): their own all-or-nothing
   * import; one command takes one kind, so that "nothing was imported" stays true. */
  if (n_answers > 0 && n_answers < (guint) argc - 1)
    return vastus_cli_fail (cli, _("Some files are answers CSV and some flat CSV: import each kind with "
                                   "its own command; nothing was imported"));
  if (n_answers > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      for (int i = 1; i < argc; i++)
        {
          char *data = NULL;
          gsize length = 0;

          if (!g_file_get_contents (argv[i], &data, &length, &error))
            return vastus_cli_fail (cli, "%s", error->message);
          g_ptr_array_add (names, argv[i]);
          g_ptr_array_add (contents, g_bytes_new_take (data, length));
        }
      return vastus_cli_import_answers (cli, names, contents);
    }

  db = vastus_cli_create_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  if (profile_name != NULL)
    {
      profile = vastus_cli_load_profile (db, profile_name, &error);
      if (profile == NULL)
        return vastus_cli_fail (cli, _("%s; nothing was imported"), error->message);
    }

  import = vastus_csv_import_new (db);
  for (int i = 1; i < argc; i++)
    if (profile != NULL)
      vastus_csv_import_add_profile_stream (import, profile, patient, argv[i],
                                            g_ptr_array_index (streams, i - 1), NULL, NULL);
    else
      vastus_csv_import_add_stream (import, argv[i], g_ptr_array_index (streams, i - 1), NULL,
                                    NULL);

  if (vastus_csv_import_get_n_errors (import) > 0)
    return vastus_cli_fail_import (cli, vastus_csv_import_get_errors (import),
                                   vastus_csv_import_get_n_errors (import));
  if (!vastus_csv_import_commit (import, &counts, &error))
    {
      if (vastus_csv_import_get_n_errors (import) > 0)
        return vastus_cli_fail_import (cli, vastus_csv_import_get_errors (import),
                                       vastus_csv_import_get_n_errors (import));
      return vastus_cli_fail (cli, _("%s; nothing was imported"), error->message);
    }

  warnings = vastus_csv_import_get_warnings (import);
  n_warnings = vastus_csv_import_get_n_warnings (import);
  for (guint i = 0; i < warnings->len; i++)
    /* Translators: %s is a warning about a row of the CSV file being imported; keep “vastus-cli
     * import”, the command */
    g_printerr (_("vastus-cli import: warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
  if (n_warnings > warnings->len)
    /* Translators: %u is the number of warnings not printed; keep “vastus-cli import”, the
     * command */
    g_printerr (ngettext ("vastus-cli import: … and %u more warning\n",
                          "vastus-cli import: … and %u more warnings\n",
                          n_warnings - warnings->len),
                n_warnings - warnings->len);
  /* Translators: counts, one after each label (no plurals needed) */
  g_print (_("Imported patients: %u, episodes: %u, visits: %u, measurements: %u. "
             "Measurements already stored: %u.\n"),
           counts.patients, counts.episodes, counts.visits, counts.measurements, counts.skipped);
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_import_command = {
  "import",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("import [--profile ID|FILE.ini [--patient MRN]] FILE…"),
  N_("import flat CSV files, questionnaire answers CSV files, or device exports through a profile, all or nothing"),
  run_import,
};

/* export [--patient MRN] [--deidentify] [-o FILE] */

static int
run_export (VastusCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *mrn = NULL;
  g_autofree char *output = NULL;
  gboolean deidentify = FALSE;
  gboolean answers = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &mrn, N_("only the patient with this MRN"), N_("MRN") },
    { "deidentify", 0, 0, G_OPTION_ARG_NONE, &deidentify, N_("leave out what identifies patients"), NULL },
    { "answers", 0, 0, G_OPTION_ARG_NONE, &answers, N_("questionnaire answers (mrn,visit_date,instrument,item,answer) instead"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE (default: the standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  VastusDatabase *db;
  gsize length = 0;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (answers && deidentify)
    return vastus_cli_usage (cli, _("--answers cannot be de-identified yet: leave out --deidentify"));
  if (answers)
    csv = vastus_answers_csv_export (db, mrn, &length, &error);
  else if (deidentify)
    csv = vastus_csv_export_deidentified (db, mrn, &length, &error);
  else
    csv = vastus_csv_export (db, mrn, &length, &error);
  if (csv == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (!vastus_cli_write_output (output, csv, length, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_export_command = {
  "export",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("export [--patient MRN] [--deidentify | --answers] [-o FILE]"),
  N_("export flat CSV, one row per trial"), run_export,
};

/* patients [--json] */

static GPtrArray *
list_all_patients (VastusDatabase  *db,
                   GError         **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);

  for (int archived = 0; archived < 2; archived++)
    {
      VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_MRN, 0, 0 };
      g_autoptr(GPtrArray) some = vastus_database_list_patients (db, &query, error);

      if (some == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&some));
    }
  return g_steal_pointer (&all);
}

static int
run_patients (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  patients = list_all_patients (db, &error);
  if (patients == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < patients->len; i++)
        {
          const VastusPatientSummary *s = g_ptr_array_index (patients, i);
          g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, s->patient->id, &error);

          if (episodes == NULL)
            return vastus_cli_fail (cli, "%s", error->message);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "mrn");
          json_builder_add_string_value (builder, s->patient->mrn);
          vastus_cli_json_add_string (builder, "family_name", s->patient->family_name);
          vastus_cli_json_add_string (builder, "given_name", s->patient->given_name);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, s->patient->name);
          vastus_cli_json_add_date (builder, "birth_date", &s->patient->birth_date);
          json_builder_set_member_name (builder, "sex");
          json_builder_add_string_value (builder, vastus_sex_to_string (s->patient->sex));
          json_builder_set_member_name (builder, "archived");
          json_builder_add_boolean_value (builder, s->patient->archived);
          json_builder_set_member_name (builder, "demo");
          json_builder_add_boolean_value (builder, s->patient->demo);
          json_builder_set_member_name (builder, "n_episodes");
          json_builder_add_int_value (builder, episodes->len);
          json_builder_set_member_name (builder, "n_visits");
          json_builder_add_int_value (builder, s->n_visits);
          vastus_cli_json_add_date (builder, "last_visit", &s->last_visit);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      char *headers[] = {
        /* Translators: a column header of the patients table: the medical record number */
        _("MRN"),
        /* Translators: the patient's name, as a column header or a field of the report */
        _("Name"),
        /* Translators: a column header of the patients table: the patient's date of birth */
        _("Birth date"),
        /* Translators: the patient's sex, a column header */
        _("Sex"),
        /* Translators: a column header of the patients table: how many episodes of care the
         * patient has */
        _("Episodes"),
        /* Translators: how many visits the patient has had (a noun), as a column header or a
         * field of the report */
        _("Visits"),
        /* Translators: a column header of the patients table: the date of the latest visit */
        _("Last visit"),
        NULL
      };

      g_ptr_array_add (rows, g_strdupv (headers));
      for (guint i = 0; i < patients->len; i++)
        {
          const VastusPatientSummary *s = g_ptr_array_index (patients, i);
          g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, s->patient->id, &error);
          char birth[VASTUS_DISPLAY_DATE_SIZE], last[VASTUS_DISPLAY_DATE_SIZE];
          GStrvBuilder *row = g_strv_builder_new ();
          g_autofree char *name = NULL;
          g_autofree char *sorted = vastus_patient_format_name (s->patient, VASTUS_NAME_ORDER_FAMILY_GIVEN);
          g_autofree char *n_episodes = NULL;
          g_autofree char *n_visits = NULL;

          if (episodes == NULL)
            {
              g_strv_builder_unref (row);
              return vastus_cli_fail (cli, "%s", error->message);
            }
          /* Translators: an archived patient's name in the list of patients */
          name = s->patient->archived ? g_strdup_printf (_("%s (archived)"), sorted) : g_strdup (sorted);
          g_strv_builder_add (row, s->patient->mrn);
          g_strv_builder_add (row, name);
          g_strv_builder_add (row, g_date_valid (&s->patient->birth_date)
                                   ? vastus_display_date (&s->patient->birth_date, birth) : "—");
          g_strv_builder_add (row, vastus_sex_label (s->patient->sex));
          n_episodes = g_strdup_printf ("%u", episodes->len);
          n_visits = g_strdup_printf ("%u", s->n_visits);
          g_strv_builder_add (row, n_episodes);
          g_strv_builder_add (row, n_visits);
          g_strv_builder_add (row, g_date_valid (&s->last_visit)
                                   ? vastus_display_date (&s->last_visit, last) : "—");
          g_ptr_array_add (rows, g_strv_builder_end (row));
          g_strv_builder_unref (row);
        }
      print_table (rows);
      return VASTUS_CLI_OK;
    }
}

const VastusCliCommand vastus_cli_patients_command = {
  "patients",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("patients [--json]"), N_("list the patients"), run_patients,
};

/* measures [--json] */

static int
run_measures (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
        {
          const VastusMeasure *m = vastus_catalog_get_nth (i);
          static const char *kinds[] = { "number", "grade", "bool" };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, m->code);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, vastus_measure_get_label (m));
          json_builder_set_member_name (builder, "category");
          json_builder_add_string_value (builder, vastus_category_to_string (m->category));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kinds[m->kind]);
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, m->unit);
          json_builder_set_member_name (builder, "input_units");
          json_builder_begin_array (builder);
          for (guint u = 0; m->input_units[u] != NULL; u++)
            json_builder_add_string_value (builder, m->input_units[u]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "sides");
          json_builder_add_string_value (builder, m->two_sided ? "both" : "none");
          json_builder_set_member_name (builder, "better");
          json_builder_add_string_value (builder, vastus_better_to_string (m->better));
          json_builder_set_member_name (builder, "combine");
          json_builder_add_string_value (builder, vastus_combine_to_string (m->combine));
          json_builder_set_member_name (builder, "integer");
          json_builder_add_boolean_value (builder, m->integer);
          vastus_cli_json_add_double (builder, "hard_min", m->hard_min);
          json_builder_set_member_name (builder, "hard_min_exclusive");
          json_builder_add_boolean_value (builder, m->hard_min_exclusive);
          vastus_cli_json_add_double (builder, "hard_max", m->hard_max);
          vastus_cli_json_add_double (builder, "soft_min", m->soft_min);
          vastus_cli_json_add_double (builder, "soft_max", m->soft_max);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      char *headers[] = {
        /* Translators: the measure's code in the measures table, a column header; the codes stay
         * in English */
        _("Code"),
        /* Translators: the unit of a measure (N, Nm, cm), as a column header or a field's title */
        _("Unit"),
        /* Translators: the units a value may be typed in (“N,kgf,lbf”), a column header: a verb */
        _("Accepts"),
        /* Translators: whether a measure is taken on each leg (both or none), a column header */
        _("Sides"),
        /* Translators: whether a higher or a lower value is better, a column header */
        _("Better"),
        /* Translators: the repeated attempts of a test (a noun), as a column header (how they
         * make one value: last, mean, max) or a setting */
        _("Trials"),
        /* Translators: the lowest and highest values accepted, a column header */
        _("Limits"),
        _("Measure"),
        NULL
      };

      g_ptr_array_add (rows, g_strdupv (headers));
      for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
        {
          const VastusMeasure *m = vastus_catalog_get_nth (i);
          char lo[VASTUS_DISPLAY_NUMBER_SIZE], hi[VASTUS_DISPLAY_NUMBER_SIZE];
          g_autofree char *accepts = g_strjoinv (",", (char **) m->input_units);
          g_autofree char *limits = NULL;

          vastus_display_number_exact (m->hard_min, lo);
          vastus_display_number_exact (m->hard_max, hi);
          limits = g_strdup_printf ("%s%s…%s", m->hard_min_exclusive ? ">" : "", lo, hi);
          g_ptr_array_add (rows, g_strdupv ((char *[]) { (char *) m->code, (char *) m->unit, accepts,
                                                         m->two_sided ? "both" : "none",
                                                         (char *) vastus_better_to_string (m->better),
                                                         (char *) vastus_combine_to_string (m->combine),
                                                         limits,
                                                         (char *) vastus_measure_get_label (m),
                                                         NULL }));
        }
      print_table (rows);
      return VASTUS_CLI_OK;
    }
}

const VastusCliCommand vastus_cli_measures_command = {
  "measures",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("measures [--json]"), N_("list the measure catalog"), run_measures,
};

/* demo [--remove] */

static int
run_demo (VastusCli  *cli,
          int         argc,
          char      **argv)
{
  gboolean remove = FALSE;
  const GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("remove the demo patients instead"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  VastusDatabase *db;
  GDate today;
  guint n_visits = 0;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  db = remove ? vastus_cli_get_database (cli, &error) : vastus_cli_create_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  if (remove)
    {
      guint n_removed = 0;

      if (!vastus_database_remove_demo (db, &n_removed, &error))
        return vastus_cli_fail (cli, "%s", error->message);
      /* Translators: %u is the number of demonstration patients removed */
      g_print (ngettext ("Removed %u demo patient.\n", "Removed %u demo patients.\n", n_removed),
               n_removed);
      return VASTUS_CLI_OK;
    }

  existing = list_all_patients (db, &error);
  if (existing == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < existing->len; i++)
    {
      const VastusPatientSummary *s = g_ptr_array_index (existing, i);

      if (s->patient->demo)
        {
          g_print (_("The demo patients are there already; nothing was added.\n"));
          return VASTUS_CLI_OK;
        }
    }

  vastus_date_today (&today);
  demo = vastus_demo_build (&today);
  if (!vastus_database_begin (db, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < demo->len; i++)
    {
      VastusDemoPatient *p = g_ptr_array_index (demo, i);

      p->patient->demo = TRUE;
      if (!vastus_database_insert_patient (db, p->patient, &error))
        goto failed;
      for (guint e = 0; e < p->episodes->len; e++)
        {
          VastusDemoEpisode *de = g_ptr_array_index (p->episodes, e);

          de->episode->patient_id = p->patient->id;
          if (!vastus_database_insert_episode (db, de->episode, &error))
            goto failed;
          for (guint v = 0; v < de->visits->len; v++)
            {
              VastusVisit *visit = g_ptr_array_index (de->visits, v);

              visit->episode_id = de->episode->id;
              if (!vastus_database_insert_visit (db, visit, &error))
                goto failed;
              n_visits++;
            }
        }
    }
  if (!vastus_database_commit (db, &error))
    goto failed;

  /* Translators: the first %u is the number of demo patients added, the second the number of
   * their visits */
  g_print (ngettext ("Added %u demo patient with %u visits.\n",
                     "Added %u demo patients with %u visits.\n", demo->len),
           demo->len, n_visits);
  return VASTUS_CLI_OK;

failed:
  vastus_database_rollback (db);
  /* Translators: %s is why the records were refused; nothing was saved */
  return vastus_cli_fail (cli, _("%s; nothing was added"), error->message);
}

const VastusCliCommand vastus_cli_demo_command = {
  "demo",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("demo [--remove]"), N_("add realistic demo patients (or remove them)"), run_demo,
};
