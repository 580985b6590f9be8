/* vastus-cli-criteria.c: criteria [--json], copy, edit, add, remove, versions
 *
 * A clinic's set changes by new versions (vastus-criteria-store.h); built-in sets are read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vastus-cli.h"
#include "vastus-criteria-store.h"
#include "vastus-value.h"
#include "vastus-verdict.h"

/* criteria [--json] */

static void
add_set_json (JsonBuilder             *builder,
              const VastusCriteriaSet *set)
{
  json_builder_begin_object (builder);
  vastus_cli_json_add_string (builder, "id", set->id);
  vastus_cli_json_add_int (builder, "version", set->version);
  vastus_cli_json_add_string (builder, "title", set->title);
  vastus_cli_json_add_string (builder, "source", set->source);
  vastus_cli_json_add_string (builder, "notes", set->notes);
  vastus_cli_json_add_strv (builder, "conditions", set->conditions);
  vastus_cli_json_add_bool (builder, "builtin", set->builtin);
  vastus_cli_json_add_string (builder, "based_on", set->based_on);
  vastus_cli_json_add_string (builder, "created", set->created);
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "id", c->id);
      vastus_cli_json_add_string (builder, "label", c->label);
      vastus_cli_json_add_string (builder, "metric", vastus_metric_to_string (c->metric));
      vastus_cli_json_add_strv (builder, "measures", c->measures);
      vastus_cli_json_add_string (builder, "side", vastus_criterion_side_to_string (c->side));
      vastus_cli_json_add_string (builder, "comparator", vastus_comparator_to_string (c->comparator));
      vastus_cli_json_add_double (builder, "threshold", c->threshold);
      vastus_cli_json_add_string (builder, "unit", c->unit);
      vastus_cli_json_add_string (builder, "sex", c->sex == VASTUS_SEX_FEMALE || c->sex == VASTUS_SEX_MALE
                                  ? vastus_sex_to_string (c->sex) : NULL);
      vastus_cli_json_add_string (builder, "source", c->source);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* criteria copy FROM NEW-ID [--title TEXT] [--version N]: N the version of FROM to copy. */
static int
run_criteria_copy (VastusCli       *cli,
                   VastusDatabase  *db,
                   int              n_args,
                   char           **args,
                   const char      *title,
                   int              version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) copy = NULL;

  if (n_args != 2)
    return vastus_cli_usage (cli, _("Usage: criteria copy FROM-ID NEW-ID [--title TEXT] [--version N]"));
  copy = vastus_database_copy_criteria_set_version (db, args[0], version, args[1], title, &error);
  if (copy == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  /* Translators: a set copied, e.g. "Copied aclr-return-to-sport@1 to my-set, version 1." */
  g_print (_("Copied %s to %s, version %d.\n"), copy->based_on, copy->id, copy->version);
  return VASTUS_CLI_OK;
}

/* criteria edit ID CRITERION [--threshold X] [--comparator OP] [--title TEXT]: saves a new
 * version of a clinic's own set; the earlier versions stay. */
static int
run_criteria_edit (VastusCli       *cli,
                   VastusDatabase  *db,
                   int              n_args,
                   char           **args,
                   const char      *threshold_text,
                   const char      *comparator_text,
                   const char      *title,
                   const char      *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  VastusCriterion *criterion = NULL;
  double threshold;
  VastusComparator comparator;

  if (n_args != 2 ||
      (threshold_text == NULL && comparator_text == NULL && title == NULL && label == NULL))
    return vastus_cli_usage (cli, _("Usage: criteria edit SET-ID CRITERION-ID [--threshold X] "
                                    "[--comparator OP] [--label TEXT] [--title TEXT]"));
  if (threshold_text != NULL && !vastus_number_parse (threshold_text, &threshold, &error))
    return vastus_cli_usage (cli, "--threshold: %s", error->message);
  if (comparator_text != NULL && !vastus_comparator_from_string (comparator_text, &comparator))
    return vastus_cli_usage (cli, _("--comparator: “%s” is not one of >, >=, <, <="),
                             comparator_text);

  set = vastus_database_get_criteria_set (db, args[0], 0, &error);
  if (set == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < set->criteria->len; i++)
    if (g_strcmp0 (((VastusCriterion *) g_ptr_array_index (set->criteria, i))->id, args[1]) == 0)
      criterion = g_ptr_array_index (set->criteria, i);
  if (criterion == NULL)
    return vastus_cli_fail (cli, _("Set %s has no criterion “%s”"), set->id, args[1]);
  if (threshold_text != NULL)
    criterion->threshold = threshold;
  if (comparator_text != NULL)
    criterion->comparator = comparator;
  if (label != NULL)
    {
      g_free (criterion->label);
      criterion->label = g_strdup (label);
    }
  if (title != NULL)
    {
      g_free (set->title);
      set->title = g_strdup (title);
    }
  if (!vastus_database_save_criteria_set (db, set, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  g_print (_("Saved %s version %d.\n"), set->id, set->version);
  return VASTUS_CLI_OK;
}

/* criteria versions ID [--json]: every stored version, oldest first. */
static int
run_criteria_versions (VastusCli       *cli,
                       VastusDatabase  *db,
                       int              n_args,
                       char           **args,
                       gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  if (n_args != 1)
    return vastus_cli_usage (cli, _("Usage: criteria versions SET-ID [--json]"));
  versions = vastus_database_list_criteria_set_versions (db, args[0], &error);
  if (versions == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (versions->len == 0)
    return vastus_cli_fail (cli, _("There is no criteria set “%s”"), args[0]);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < versions->len; i++)
        add_set_json (builder, g_ptr_array_index (versions, i));
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  for (guint i = 0; i < versions->len; i++)
    {
      const VastusCriteriaSet *set = g_ptr_array_index (versions, i);

      g_print ("%s v%d  %s  %s\n", set->id, set->version, set->created ? set->created : "",
               vastus_cli_set_text (set, set->title));
    }
  return VASTUS_CLI_OK;
}

static int
run_criteria (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  g_autofree char *threshold = NULL;
  g_autofree char *comparator = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  int version = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold, N_("edit: the new threshold"), N_("X") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("edit: >, >=, < or <="), N_("OP") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("copy, edit: the set’s title"), N_("TEXT") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("edit: the criterion’s label"), N_("TEXT") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("copy: this version of the set (default: the latest)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, "[copy FROM NEW | edit SET CRITERION | versions SET]",
                                 &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1 && !g_str_equal (argv[1], "copy") && !g_str_equal (argv[1], "edit") &&
      !g_str_equal (argv[1], "versions"))
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (argc == 1 && (threshold != NULL || comparator != NULL || title != NULL || label != NULL))
    return vastus_cli_usage (cli, _("--threshold, --comparator, --label and --title go with copy or edit"));
  if (version != 0 && (argc == 1 || !g_str_equal (argv[1], "copy")))
    return vastus_cli_usage (cli, _("--version goes with copy"));
  if (version < 0)
    return vastus_cli_usage (cli, _("--version needs a version number (1, 2 …), not %d"), version);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (argc > 1 && g_str_equal (argv[1], "copy"))
    return run_criteria_copy (cli, db, argc - 2, argv + 2, title, version);
  if (argc > 1 && g_str_equal (argv[1], "edit"))
    return run_criteria_edit (cli, db, argc - 2, argv + 2, threshold, comparator, title, label);
  if (argc > 1 && g_str_equal (argv[1], "versions"))
    return run_criteria_versions (cli, db, argc - 2, argv + 2, json);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  sets = vastus_database_list_criteria_sets (db, &error);
  if (sets == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < sets->len; i++)
        add_set_json (builder, g_ptr_array_index (sets, i));
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < sets->len; i++)
        {
          const VastusCriteriaSet *set = g_ptr_array_index (sets, i);
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_autofree char *conditions = g_strjoinv (", ", set->conditions);

          g_string_append_printf (out, "%s%s (v%d, %s) — %s\n", i > 0 ? "\n" : "", set->id,
                                  set->version, set->builtin ? _("built-in") : _("clinic"),
                                  vastus_cli_set_text (set, set->title));
          g_string_append_printf (out, "  %s %s\n", _("For:"), conditions);
          for (guint j = 0; j < set->criteria->len; j++)
            {
              const VastusCriterion *c = g_ptr_array_index (set->criteria, j);
              g_autofree char *requirement = vastus_criterion_format_requirement (c, NULL, FALSE);
              g_autofree char *measures = g_strjoinv (" | ", c->measures);

              g_ptr_array_add (rows, vastus_cli_row (vastus_cli_set_text (set, c->label), vastus_metric_to_string (c->metric),
                                          requirement, measures, NULL));
            }
          vastus_cli_append_table (out, rows, "  ");
          g_string_append_printf (out, "  %s %s\n", _("Source:"), set->source);
        }
      return vastus_cli_print_text (cli, out);
    }
}

const VastusCliCommand vastus_cli_criteria_command = {
  "criteria",
  "criteria [--json] | criteria copy FROM NEW [--title T] [--version N] | criteria edit SET CRITERION "
  "[--threshold X] [--comparator OP] [--label T] | criteria versions SET",
  N_("list the criteria sets; copy one for the clinic and edit the copy (new versions)"),
  run_criteria,
};

