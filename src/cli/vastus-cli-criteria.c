/* vastus-cli-criteria.c: criteria [--json], copy, edit, add, remove, versions
 *
 * A clinic's set changes by new versions (vastus-criteria-store.h); built-in sets are read-only.
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
      vastus_cli_json_add_double (builder, "velocity_deg_s", c->velocity_deg_s);
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
  if (threshold_text != NULL && !vastus_display_parse_number (threshold_text, &threshold, &error))
    return vastus_cli_usage (cli, "--threshold: %s", error->message);
  if (comparator_text != NULL && !vastus_comparator_from_string (comparator_text, &comparator))
    /* Translators: %s is the text typed after --comparator; the option and the four symbols stay
     * as they are */
    return vastus_cli_usage (cli, _("--comparator: “%s” is not one of >, >=, <, <="),
                             comparator_text);

  set = vastus_database_get_criteria_set (db, args[0], 0, &error);
  if (set == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < set->criteria->len; i++)
    if (g_strcmp0 (((VastusCriterion *) g_ptr_array_index (set->criteria, i))->id, args[1]) == 0)
      criterion = g_ptr_array_index (set->criteria, i);
  if (criterion == NULL)
    /* Translators: the first %s is a criteria set's id, the second the criterion id that was
     * asked for */
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
  /* Translators: %s is the criteria set's id, %d its new version number */
  g_print (_("Saved %s version %d.\n"), set->id, set->version);
  return VASTUS_CLI_OK;
}

/* What "criteria add" takes. */
typedef struct
{
  const char *id, *label, *metric, *measures, *comparator, *threshold;
  const char *sex, *velocity, *side, *unit, *source;
} NewCriterion;

/* The criterion "criteria add" describes, or NULL after printing a usage message. */
static VastusCriterion *
new_criterion (VastusCli          *cli,
               const NewCriterion *n)
{
  g_autoptr(VastusCriterion) c = vastus_criterion_new ();
  g_autoptr(GError) error = NULL, velocity_error = NULL;
  g_autofree char *threshold = NULL;
  const VastusMeasure *first;

  if (n->id == NULL || n->label == NULL || n->metric == NULL || n->comparator == NULL ||
      n->threshold == NULL)
    {
      vastus_cli_usage (cli, _("Usage: criteria add SET --id ID --label TEXT --metric METRIC "
                               "--measure CODE[,CODE…] --comparator OP --threshold X "
                               "[--sex female|male] [--velocity DEG]"));
      return NULL;
    }
  c->id = g_strdup (n->id);
  c->label = g_strdup (n->label);
  c->source = g_strdup (n->source);
  if (!vastus_metric_from_string (n->metric, &c->metric))
    {
      /* Translators: %s is the text typed after --metric; the option and the eight values after
       * “one of” are typed as they are: keep them in English */
      vastus_cli_usage (cli, _("--metric: “%s” is not one of lsi, epic, value, difference, weeks, "
                               "normalized, percent_height, ratio"), n->metric);
      return NULL;
    }
  if (n->measures == NULL && c->metric != VASTUS_METRIC_WEEKS)
    {
      /* Translators: %s is the metric typed after --metric (“lsi”); keep --measure, translate
       * CODE as in the --help text */
      vastus_cli_usage (cli, _("--measure CODE[,CODE…] is required for a %s criterion (the first "
                               "one with a result counts)"), n->metric);
      return NULL;
    }
  g_strfreev (c->measures);
  c->measures = n->measures != NULL ? g_strsplit (n->measures, ",", -1) : g_new0 (char *, 1);
  first = c->measures[0] != NULL ? vastus_catalog_lookup (c->measures[0]) : NULL;
  if (!vastus_comparator_from_string (n->comparator, &c->comparator))
    {
      vastus_cli_usage (cli, _("--comparator: “%s” is not one of >, >=, <, <="), n->comparator);
      return NULL;
    }
  threshold = vastus_display_number_normalize (n->threshold, &error);
  if (threshold == NULL)
    {
      vastus_cli_usage (cli, "--threshold: %s", error->message);
      return NULL;
    }
  if (!vastus_criterion_parse_threshold (threshold, c->metric, first, &c->threshold))
    {
      /* Translators: %s is the text typed after --threshold; keep the option's name */
      vastus_cli_usage (cli, _("--threshold: “%s” is not a number"), n->threshold);
      return NULL;
    }
  if (n->sex != NULL && (!vastus_sex_from_string (n->sex, &c->sex) ||
                         (c->sex != VASTUS_SEX_FEMALE && c->sex != VASTUS_SEX_MALE)))
    {
      vastus_cli_usage (cli, _("--sex must be female or male (leave it out for everyone)"));
      return NULL;
    }
  if (n->velocity != NULL && !vastus_display_parse_number (n->velocity, &c->velocity_deg_s, &velocity_error))
    {
      if (g_error_matches (velocity_error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS))
        vastus_cli_usage (cli, "--velocity: %s", velocity_error->message);
      else
        /* Translators: %s is the text typed after --velocity; keep the option's name */
        vastus_cli_usage (cli, _("--velocity: “%s” is not a number of degrees per second"), n->velocity);
      return NULL;
    }
  if (n->side != NULL && !vastus_criterion_side_from_string (n->side, &c->side))
    {
      vastus_cli_usage (cli, _("--side must be involved or uninvolved"));
      return NULL;
    }
  c->unit = g_strdup (n->unit != NULL ? n->unit : vastus_criterion_default_unit (c->metric, first));
  return g_steal_pointer (&c);
}

/* criteria add SET …, criteria remove SET CRITERION: a new version of a clinic's set with one
 * criterion more or less. */
static int
run_criteria_change (VastusCli          *cli,
                     VastusDatabase     *db,
                     gboolean            add,
                     int                 n_args,
                     char              **args,
                     const NewCriterion *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  VastusCriterion *c = NULL;

  if (add ? n_args != 1 : n_args != 2)
    return vastus_cli_usage (cli, add ? _("Usage: criteria add SET --id ID --label TEXT --metric METRIC "
                                          "--measure CODE[,CODE…] --comparator OP --threshold X "
                                          "[--sex female|male] [--velocity DEG]")
                                      : _("Usage: criteria remove SET CRITERION"));
  if (add && (c = new_criterion (cli, n)) == NULL)
    return VASTUS_CLI_USAGE;
  set = vastus_database_get_criteria_set (db, args[0], 0, &error);
  if (set == NULL)
    {
      vastus_criterion_free (c);
      return vastus_cli_fail (cli, "%s", error->message);
    }
  if (set->builtin)
    {
      vastus_criterion_free (c);
      /* Translators: both %s are the built-in criteria set's id; "criteria copy" is a command,
       * keep it as it is; NEW stands for the id the copy is to have */
      return vastus_cli_fail (cli, _("“%s” is a built-in criteria set and cannot be changed; copy it "
                                     "(criteria copy %s NEW) and change the copy"), set->id, set->id);
    }
  if (add ? !vastus_criteria_set_add_criterion (set, c, &error)
          : !vastus_criteria_set_remove_criterion (set, args[1], &error))
    return vastus_cli_fail (cli, "%s", error->message);
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
               vastus_criteria_set_text (set, set->title));
    }
  return VASTUS_CLI_OK;
}

static int
run_criteria (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  g_autofree char *threshold = NULL, *comparator = NULL, *title = NULL, *label = NULL;
  g_autofree char *id = NULL, *metric = NULL, *measures = NULL, *sex = NULL, *velocity = NULL;
  g_autofree char *side = NULL, *unit = NULL, *source = NULL;
  int version = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("add: the criterion’s id (letters, digits, -, _, .)"), N_("ID") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("add, edit: the criterion’s label"),
      /* Translators: in the command line's help, the value of an option: any text; capitals, one
       * word */
      N_("TEXT") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric,
      N_("add: lsi, epic, value, difference, weeks, normalized, percent_height or ratio"),
      /* Translators: in the command line's help, the value of --metric: what a criterion
       * compares; capitals, one word */
      N_("METRIC") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &measures,
      N_("add: the measure, or several in order of preference, comma-separated"),
      /* Translators: in the command line's help, the value of --measure: one measure code or
       * several separated by commas; translate CODE only */
      N_("CODE[,CODE…]") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("add, edit: >, >=, < or <="),
      /* Translators: in the command line's help, the value of --comparator: a comparison
       * operator such as >=; capitals, short */
      N_("OP") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold, N_("add, edit: the threshold"),
      /* Translators: in the command line's help, the value of --threshold: a number; capitals,
       * short */
      N_("X") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("add: only for female or male patients"),
      /* Translators: in the command line's help, the value of --sex: female or male; capitals,
       * one word */
      N_("SEX") },
    { "velocity", 0, 0, G_OPTION_ARG_STRING, &velocity,
      N_("add: only results tested at this velocity (°/s)"),
      /* Translators: in the command line's help, the value of --velocity: degrees per second;
       * capitals, short */
      N_("DEG") },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side,
      N_("add: the leg a value reads, involved (default) or uninvolved"),
      /* Translators: in the command line's help, the value of --side: involved or uninvolved;
       * capitals, one word */
      N_("SIDE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("add: for normalized, Nm/kg (default) or %BW"),
      /* Translators: in the command line's help, the value of --unit: a unit such as Nm/kg;
       * capitals, one word */
      N_("UNIT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("add: where the threshold comes from"), N_("TEXT") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("copy, edit: the set’s title"), N_("TEXT") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("copy: this version of the set (default: the latest)"), N_("N") },
    { NULL }
  };
  const char *sub;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  gboolean add_options = FALSE;
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries,
                                 "[copy FROM NEW | edit SET CRITERION | add SET | remove SET CRITERION | versions SET]",
                                 &argc, &argv))
    return VASTUS_CLI_USAGE;
  sub = argc > 1 ? argv[1] : NULL;
  add_options = id != NULL || metric != NULL || measures != NULL || sex != NULL || velocity != NULL ||
                side != NULL || unit != NULL || source != NULL;
  if (sub != NULL && !g_str_equal (sub, "copy") && !g_str_equal (sub, "edit") &&
      !g_str_equal (sub, "versions") && !g_str_equal (sub, "add") && !g_str_equal (sub, "remove"))
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), sub);
  if (add_options && g_strcmp0 (sub, "add") != 0)
    return vastus_cli_usage (cli, _("--id, --metric, --measure, --sex, --velocity, --side, --unit and "
                                    "--source go with add"));
  if ((sub == NULL || g_str_equal (sub, "versions") || g_str_equal (sub, "remove")) &&
      (threshold != NULL || comparator != NULL || title != NULL || label != NULL))
    return vastus_cli_usage (cli, _("--threshold, --comparator, --label and --title go with copy, edit or add"));
  if (version != 0 && g_strcmp0 (sub, "copy") != 0)
    return vastus_cli_usage (cli, _("--version goes with copy"));
  if (version < 0)
    /* Translators: %d is the number typed after --version (the criteria set's version); keep the
     * option's name */
    return vastus_cli_usage (cli, _("--version needs a version number (1, 2 …), not %d"), version);

  /* A copy is the clinic's first set: like import, it may start the database. */
  db = g_strcmp0 (sub, "copy") == 0 ? vastus_cli_create_database (cli, &error)
                                    : vastus_cli_get_database (cli, &error);
  if (db == NULL && sub == NULL
      && g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND))
    {
      /* No database, and nothing made: the built-in sets, which every database has. */
      g_autofree char *path = vastus_cli_get_database_path (cli);

      /* Translators: %s is a file path */
      g_printerr (_("vastus-cli criteria: there is no database at %s; these are the built-in sets\n"),
                  path);
      sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);
      for (guint i = 0; i < vastus_criteria_builtin_get_n (); i++)
        g_ptr_array_add (sets, vastus_criteria_builtin_get_nth (i));
    }
  else if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  else if (g_strcmp0 (sub, "copy") == 0)
    return run_criteria_copy (cli, db, argc - 2, argv + 2, title, version);
  else if (g_strcmp0 (sub, "edit") == 0)
    return run_criteria_edit (cli, db, argc - 2, argv + 2, threshold, comparator, title, label);
  else if (g_strcmp0 (sub, "versions") == 0)
    return run_criteria_versions (cli, db, argc - 2, argv + 2, json);
  else if (g_strcmp0 (sub, "add") == 0 || g_strcmp0 (sub, "remove") == 0)
    {
      const NewCriterion n = { id, label, metric, measures, comparator, threshold, sex, velocity,
                               side, unit, source };

      return run_criteria_change (cli, db, g_str_equal (sub, "add"), argc - 2, argv + 2, &n);
    }
  else
    {
      sets = vastus_database_list_criteria_sets (db, &error);
      if (sets == NULL)
        return vastus_cli_fail (cli, "%s", error->message);
    }

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
                                  /* Translators: whether a criteria set is built into Vastus or
                                   * the clinic's own, after its version ("v2, built-in") */
                                  set->version, set->builtin ? _("built-in") :
                                    /* Translators: whether a criteria set is built into Vastus
                                     * or the clinic's own, after its version (“v2, clinic”): the
                                     * clinic's own set */
                                    _("clinic"),
                                  vastus_criteria_set_text (set, set->title));
          /* Translators: a label before the conditions a criteria set is for */
          g_string_append_printf (out, "  %s %s\n", _("For:"), conditions);
          for (guint j = 0; j < set->criteria->len; j++)
            {
              const VastusCriterion *c = g_ptr_array_index (set->criteria, j);
              g_autofree char *requirement = vastus_criterion_format_requirement (c, NULL, FALSE);
              g_autofree char *for_sex = NULL;
              g_autofree char *measures = g_strjoinv (" | ", c->measures);

              if (c->sex == VASTUS_SEX_FEMALE || c->sex == VASTUS_SEX_MALE)
                /* Translators: a requirement for one sex, e.g. "> 55.0 % (women)" */
                for_sex = g_strdup_printf (c->sex == VASTUS_SEX_FEMALE ? _("%s (women)") :
                                           /* Translators: a requirement for men only; %s is the
                                            * requirement (“> 55.0 %”) */
                                           _("%s (men)"),
                                           requirement);
              g_ptr_array_add (rows, vastus_cli_row (vastus_criteria_set_text (set, c->label), vastus_metric_to_string (c->metric),
                                          for_sex != NULL ? for_sex : requirement, measures, NULL));
            }
          vastus_cli_append_table (out, rows, "  ");
          g_string_append_printf (out, "  %s %s\n", _("Source:"), vastus_criteria_set_text (set, set->source));
        }
      return vastus_cli_print_text (cli, out);
    }
}

const VastusCliCommand vastus_cli_criteria_command = {
  "criteria",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("criteria [--json] | copy FROM NEW [--title T] [--version N] | edit SET CRITERION [--threshold X] "
  "[--comparator OP] [--label T] | add SET --id ID … | remove SET CRITERION | versions SET"),
  N_("list the criteria sets; copy one for the clinic, edit, add and remove its criteria (new versions)"),
  run_criteria,
};

