/* vastus-cli-rules.c: rules [--json], rules set NAME VALUE [NAME VALUE…]
 *
 * The clinic's rules for its verdicts and safety flags (vastus-clinic-rules-store.h): the same
 * numbers the window, evaluate, summary, report and chart use. Setting several is all or none;
 * a bad value is refused naming the rule, the value and the limits, nothing saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-cli.h"
#include "vastus-clinic-rules-store.h"

/* The numeric rules in the order they are listed, with their values in @book. */
static const char * const number_rules[] = {
  VASTUS_RULE_PAIN_FLAG_LEVEL, VASTUS_RULE_MAXIMAL_TEST_WEEKS, VASTUS_RULE_STALE_WEEKS,
  VASTUS_RULE_RETEST_WEEKS,
};

static int
number_value (const VastusClinicRulebook *book,
              guint                       i)
{
  switch (i)
    {
    case 0:
      return (int) book->rules.pain_limit;
    case 1:
      return (int) book->rules.maximal_test_weeks;
    case 2:
      return (int) book->rules.max_age_weeks;
    default:
      return (int) book->retest_weeks;
    }
}

static int
list_rules (VastusCli      *cli,
            VastusDatabase *db,
            gboolean        json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusClinicRulebook) book = vastus_database_read_clinic_rules (db, &error);
  g_autoptr(VastusClinicRulebook) defaults = vastus_clinic_rulebook_new ();

  if (book == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < G_N_ELEMENTS (number_rules); i++)
        {
          int min = 0, max = 0;

          vastus_clinic_rule_limits (number_rules[i], &min, &max);
          json_builder_begin_object (builder);
          vastus_cli_json_add_string (builder, "name", number_rules[i]);
          vastus_cli_json_add_int (builder, "value", number_value (book, i));
          vastus_cli_json_add_int (builder, "default", number_value (defaults, i));
          vastus_cli_json_add_int (builder, "min", min);
          vastus_cli_json_add_int (builder, "max", max);
          json_builder_end_object (builder);
        }
      for (guint c = 0; c < VASTUS_N_CONDITIONS; c++)
        {
          g_autofree char *name = g_strconcat (VASTUS_RULE_DEFAULT_SET_PREFIX,
                                               vastus_condition_to_string (c), NULL);

          json_builder_begin_object (builder);
          vastus_cli_json_add_string (builder, "name", name);
          /* null: the built-in set for the condition. */
          vastus_cli_json_add_string (builder, "value", vastus_clinic_rulebook_default_set (book, c));
          vastus_cli_json_add_string (builder, "default", NULL);
          vastus_cli_json_add_string (builder, "builtin", vastus_criteria_default_for (c));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      return vastus_cli_print_json (cli, builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < G_N_ELEMENTS (number_rules); i++)
        {
          g_autofree char *value = g_strdup_printf ("%d", number_value (book, i));
          g_autofree char *about = NULL;
          int min = 0, max = 0;

          vastus_clinic_rule_limits (number_rules[i], &min, &max);
          /* Translators: a rule's limits and its default, e.g. "0 to 10, default 5" */
          about = g_strdup_printf (_("%d to %d, default %d"), min, max, number_value (defaults, i));
          g_ptr_array_add (rows, vastus_cli_row (number_rules[i], value, about, NULL));
        }
      for (guint c = 0; c < VASTUS_N_CONDITIONS; c++)
        {
          g_autofree char *name = g_strconcat (VASTUS_RULE_DEFAULT_SET_PREFIX,
                                               vastus_condition_to_string (c), NULL);
          const char *set = vastus_clinic_rulebook_default_set (book, c);
          const char *builtin = vastus_criteria_default_for (c);
          g_autofree char *about = NULL;

          if (builtin != NULL)
            /* Translators: the criteria set used when the clinic chose none; %s is its id */
            about = g_strdup_printf (_("default: the built-in %s"), builtin);
          else
            /* Translators: a condition has no built-in criteria set, so the clinic's rule has no
             * default */
            about = g_strdup (_("default: none"));
          /* Translators: a condition's default criteria set is the built-in one */
          g_ptr_array_add (rows, vastus_cli_row (name, set != NULL ? set : _("built-in"), about,
                                                 NULL));
        }
      vastus_cli_append_table (out, rows, "");
      return vastus_cli_print_text (cli, out);
    }
}

static int
run_rules (VastusCli  *cli,
           int         argc,
           char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, "[set NAME VALUE [NAME VALUE…]]", &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1 && !g_str_equal (argv[1], "set"))
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (argc > 1 && (argc < 4 || argc % 2 != 0))
    return vastus_cli_usage (cli, _("Usage: rules set NAME VALUE [NAME VALUE…]"));
  if (argc > 1 && json)
    return vastus_cli_usage (cli, _("--json goes with the list, not with set"));
  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (argc == 1)
    return list_rules (cli, db, json);
  for (int i = 2; i + 1 < argc; i += 2)
    {
      g_ptr_array_add (names, argv[i]);
      g_ptr_array_add (values, argv[i + 1]);
    }
  if (!vastus_database_set_clinic_rules (db, names->len, (const char * const *) names->pdata,
                                         (const char * const *) values->pdata, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_rules_command = {
  "rules",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("rules [--json] | set NAME VALUE [NAME VALUE…]"),
  N_("list the clinic’s rules for verdicts and safety flags; set them (all or none)"),
  run_rules,
};
