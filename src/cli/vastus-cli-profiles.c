/* vastus-cli-profiles.c: profiles [--json] | profiles detect FILE | profiles save FILE.ini
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-cli.h"
#include "vastus-profile-store.h"
#include "vastus-text.h"

/* What a device file's header needs to be recognised: its first 64 KiB. */
#define HEAD_BYTES (64 * 1024)

VastusProfile *
vastus_cli_load_profile (VastusDatabase  *db,
                         const char      *name,
                         GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *id = NULL;
  gsize length;

  /* A file (FILE.ini, or any path that exists), else an id. */
  if (!g_str_has_suffix (name, ".ini") && !g_file_test (name, G_FILE_TEST_EXISTS))
    return vastus_database_find_profile (db, name, error);
  if (!g_file_get_contents (name, &data, &length, error))
    return NULL;
  id = vastus_profile_id_from_filename (name);
  if (id == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   /* Translators: %s is a device profile's file name; the name without its
                    * extension becomes the profile's id */
                   _("%s: a profile’s file name must hold letters or digits (its id)"), name);
      return NULL;
    }
  {
    g_autoptr(GError) local_error = NULL;
    VastusProfile *p = vastus_profile_new_from_data (id, data, length, &local_error);

    if (p == NULL)
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name,
                   local_error->message);
    return p;
  }
}

/* The profile as `profiles --json` prints it: the README's "profiles --json" lists these names
 * in this order (a test compares). */
static void
add_column_json (JsonBuilder               *b,
                 const VastusProfileColumn *c)
{
  json_builder_begin_object (b);
  vastus_cli_json_add_string (b, "header", c->header);
  vastus_cli_json_add_string (b, "measure", c->measure);
  vastus_cli_json_add_string (b, "side", vastus_profile_side_to_string (c->side));
  vastus_cli_json_add_bool (b, "side_in_cell", c->side == VASTUS_PROFILE_SIDE_IN_CELL);
  vastus_cli_json_add_string (b, "unit", c->unit);
  vastus_cli_json_add_bool (b, "unit_in_cell", c->unit_in_cell);
  vastus_cli_json_add_string (b, "when", c->when);
  json_builder_end_object (b);
}

/* A header key that may name several headers ("Time UTC;Time"), as an array (empty: none). */
static void
add_headers_json (JsonBuilder *b,
                  const char  *name,
                  const char  *headers)
{
  g_auto(GStrv) each = headers != NULL ? g_strsplit (headers, ";", -1) : NULL;

  vastus_cli_json_add_strv (b, name, each);
}

static void
add_profile_json (JsonBuilder         *b,
                  const VastusProfile *p)
{
  char delimiter[2] = { p->delimiter, '\0' };
  char mark[2] = { p->decimal_mark, '\0' };

  json_builder_begin_object (b);
  vastus_cli_json_add_string (b, "id", p->id);
  vastus_cli_json_add_string (b, "name", p->name);
  vastus_cli_json_add_bool (b, "builtin", p->builtin);
  vastus_cli_json_add_string (b, "delimiter", p->delimiter == '\t' ? "tab" : delimiter);
  vastus_cli_json_add_string (b, "decimal_mark", mark);
  add_headers_json (b, "date_columns", p->date_column);
  vastus_cli_json_add_strv (b, "date_formats", p->date_formats);
  add_headers_json (b, "time_columns", p->time_column);
  vastus_cli_json_add_strv (b, "time_formats", p->time_formats);
  vastus_cli_json_add_bool (b, "utc", p->utc);
  vastus_cli_json_add_string (b, "patient_column", p->patient_column);
  vastus_cli_json_add_string (b, "name_column", p->name_column);
  vastus_cli_json_add_string (b, "discriminator_column", p->discriminator_column);
  vastus_cli_json_add_string (b, "test_column", p->test_column);
  vastus_cli_json_add_strv (b, "tests", p->tests);
  vastus_cli_json_add_string (b, "encoding", p->encoding);
  vastus_cli_json_add_strv (b, "signature", p->signature);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint j = 0; j < p->columns->len; j++)
    add_column_json (b, g_ptr_array_index (p->columns, j));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
list_profiles (VastusCli *cli,
               GPtrArray *profiles,
               gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < profiles->len; i++)
        add_profile_json (b, g_ptr_array_index (profiles, i));
      json_builder_end_array (b);
      return vastus_cli_print_json (cli, b);
    }
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; i < profiles->len; i++)
      {
        const VastusProfile *p = g_ptr_array_index (profiles, i);

        vastus_cli_append_padded (out, p->id, 17);
        if (p->builtin)
          /* Translators: a built-in device profile in the list of profiles; %s is its name */
          g_string_append_printf (out, _("%s (built-in)"), p->name);
        else
          g_string_append (out, p->name);
        g_string_append_c (out, '\n');
      }
    return vastus_cli_print_text (cli, out);
  }
}

static int
detect (VastusCli *cli,
        GPtrArray *profiles,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);
  g_autofree char *head = g_malloc (HEAD_BYTES);
  const VastusProfile *p;
  gsize got = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, HEAD_BYTES, &got, NULL, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  p = vastus_profile_detect (profiles, head, got);
  if (p == NULL)
    /* Translators: %s is a device export's path; a profile's signature is the columns it
     * recognises in the file's first line */
    return vastus_cli_fail (cli, _("%s: no profile’s signature fits the file’s header"), path);
  g_print ("%s\n", p->id);
  return VASTUS_CLI_OK;
}

static int
save (VastusCli      *cli,
      VastusDatabase *db,
      const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusProfile) p = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    /* Translators: %s is the path typed */
    return vastus_cli_fail (cli, _("%s: no such file"), path);
  p = vastus_cli_load_profile (db, path, &error);
  if (p == NULL || !vastus_database_save_profile (db, p, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  /* Translators: the first %s is the device profile's id, the second its name */
  g_print (_("Saved profile “%s” (%s).\n"), p->id, p->name);
  return VASTUS_CLI_OK;
}

static int
run_profiles (VastusCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  VastusDatabase *db;

  /* Translators: what follows a command's options: translate only the words in capitals */
  if (!vastus_cli_parse_options (cli, entries, N_("[detect FILE | save FILE.ini]"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1 && !g_str_equal (argv[1], "detect") && !g_str_equal (argv[1], "save"))
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (argc > 1 && argc != 3)
    /* Translators: %s is the subcommand typed (“add”), which takes one file path */
    return vastus_cli_usage (cli, _("%s takes one file"), argv[1]);

  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (argc == 3 && g_str_equal (argv[1], "save"))
    return save (cli, db, argv[2]);
  profiles = vastus_database_all_profiles (db, &error);
  if (profiles == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (argc == 3)
    return detect (cli, profiles, argv[2]);
  return list_profiles (cli, profiles, json);
}

const VastusCliCommand vastus_cli_profiles_command = {
  "profiles",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("profiles [--json] | profiles detect FILE | profiles save FILE.ini"),
  N_("list the import profiles; find the one that fits a file; save a clinic's profile"),
  run_profiles,
};
