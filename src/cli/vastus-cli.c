/* vastus-cli.c: vastus-cli's main, global options, the command table and the shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "vastus-cli.h"

struct _VastusCli
{
  char           *db_path;        /* --db, NULL for the default */
  VastusDatabase *db;
  const char     *command;        /* the running command's name */
};

/* The commands, one extern per entry. To add a command group: declare its
 * VastusCliCommand entries here and list each one below, one line each. */
extern const VastusCliCommand vastus_cli_import_command;
extern const VastusCliCommand vastus_cli_export_command;
extern const VastusCliCommand vastus_cli_patients_command;
extern const VastusCliCommand vastus_cli_measures_command;
extern const VastusCliCommand vastus_cli_demo_command;
extern const VastusCliCommand vastus_cli_backup_command;
extern const VastusCliCommand vastus_cli_restore_command;
extern const VastusCliCommand vastus_cli_check_command;
extern const VastusCliCommand vastus_cli_chart_command;
extern const VastusCliCommand vastus_cli_criteria_command;
extern const VastusCliCommand vastus_cli_summary_command;
extern const VastusCliCommand vastus_cli_evaluate_command;
extern const VastusCliCommand vastus_cli_report_command;
extern const VastusCliCommand vastus_cli_questionnaires_command;
extern const VastusCliCommand vastus_cli_score_command;

static const VastusCliCommand *const commands[] = {
  /* vastus-cli-records.c */
  &vastus_cli_import_command,
  &vastus_cli_export_command,
  &vastus_cli_patients_command,
  &vastus_cli_measures_command,
  &vastus_cli_demo_command,
  /* vastus-cli-backup.c */
  &vastus_cli_backup_command,
  &vastus_cli_restore_command,
  &vastus_cli_check_command,
  /* vastus-cli-chart.c */
  &vastus_cli_chart_command,
  /* vastus-cli-clinical.c */
  &vastus_cli_criteria_command,
  &vastus_cli_summary_command,
  &vastus_cli_evaluate_command,
  /* vastus-cli-report.c */
  &vastus_cli_report_command,
  /* vastus-cli-questionnaires.c */
  &vastus_cli_questionnaires_command,
  &vastus_cli_score_command,
  /* Other command groups (criteria, summary, evaluate, chart, report, backup, restore,
   * check …) go here, one line each. */
};

VastusDatabase *
vastus_cli_get_database (VastusCli  *cli,
                         GError    **error)
{
  if (cli->db == NULL)
    {
      g_autofree char *path = cli->db_path != NULL ? g_strdup (cli->db_path)
                                                    : vastus_database_default_path ();

      cli->db = vastus_database_open (path, error);
    }
  return cli->db;
}

char *
vastus_cli_get_database_path (VastusCli *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : vastus_database_default_path ();
}

/* One line: a message that spans several lines would break scripts reading stderr. */
static void
print_line (const char *prefix,
            const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strchomp (line);
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  g_printerr ("%s%s\n", prefix, line);
}

int
vastus_cli_fail (VastusCli  *cli,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  g_autofree char *prefix = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  prefix = cli != NULL && cli->command != NULL
           ? g_strdup_printf ("vastus-cli %s: ", cli->command)
           : g_strdup ("vastus-cli: ");
  print_line (prefix, message);
  return VASTUS_CLI_FAILED;
}

int
vastus_cli_usage (VastusCli  *cli,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  g_autofree char *prefix = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  prefix = cli != NULL && cli->command != NULL
           ? g_strdup_printf ("vastus-cli %s: ", cli->command)
           : g_strdup ("vastus-cli: ");
  print_line (prefix, message);
  if (cli != NULL && cli->command != NULL)
    g_printerr (_("Try “vastus-cli %s --help”.\n"), cli->command);
  else
    g_printerr (_("Try “vastus-cli --help”.\n"));
  return VASTUS_CLI_USAGE;
}

static const VastusCliCommand *find_command (const char *name);

gboolean
vastus_cli_parse_options (VastusCli          *cli,
                          const GOptionEntry *entries,
                          const char         *parameter,
                          int                *argc,
                          char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("vastus-cli %s",
                                              cli->command != NULL ? cli->command : "");

  const VastusCliCommand *command = cli->command != NULL ? find_command (cli->command) : NULL;

  g_set_prgname (prgname);
  if (command != NULL)
    g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      vastus_cli_usage (cli, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_cli_write_output (const char  *path,
                         const char  *contents,
                         gsize        length,
                         GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      if (length > 0 && fwrite (contents, 1, length, stdout) != length)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not write to the standard output"));
          return FALSE;
        }
      if (fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not write to the standard output"));
          return FALSE;
        }
      return TRUE;
    }
  /* Written to a temporary file beside it, then renamed: never half a file. */
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: vastus-cli [--db PATH] COMMAND …"));
  fprintf (out, "%s\n", _("Knee rehabilitation records from the command line."));
  fprintf (out, "\n%s\n", _("Commands:"));
  /* Synopses are up to 150 characters: each on its line, what it does below. */
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n      %s\n", commands[i]->synopsis, _(commands[i]->summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --db PATH   %s\n", _("the database (default: $VASTUS_DB, else the application’s own)"));
  fprintf (out, "  --help      %s\n", _("show this help"));
  fprintf (out, "  --version   %s\n", _("show the version"));
  fprintf (out, "\n%s\n", _("Exit status: 0 success, 1 failure, 2 usage error. "
                            "“vastus-cli COMMAND --help” describes a command."));
}

static const VastusCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  VastusCli cli = { 0 };
  const VastusCliCommand *command;
  int i;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("vastus-cli");

  /* Global options come before the command; everything after it is the command's. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          g_free (cli.db_path);
          return VASTUS_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("vastus-cli %s\n", PACKAGE_VERSION);
          g_free (cli.db_path);
          return VASTUS_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--db") || g_str_has_prefix (argv[i], "--db="))
        {
          const char *value = argv[i][4] == '=' ? argv[i] + 5 : (i + 1 < argc ? argv[++i] : NULL);

          if (value == NULL || *value == '\0')
            {
              g_free (cli.db_path);
              return vastus_cli_usage (NULL, _("--db needs a PATH"));
            }
          g_free (cli.db_path);
          cli.db_path = g_strdup (value);
        }
      else
        {
          g_free (cli.db_path);
          return vastus_cli_usage (NULL, _("Unknown option “%s”"), argv[i]);
        }
    }

  if (i >= argc)
    {
      g_free (cli.db_path);
      print_help (stderr);
      return VASTUS_CLI_USAGE;
    }

  command = find_command (argv[i]);
  if (command == NULL)
    {
      g_free (cli.db_path);
      return vastus_cli_usage (NULL, _("Unknown command “%s”"), argv[i]);
    }

  cli.command = command->name;
  status = command->run (&cli, argc - i, argv + i);

  g_clear_object (&cli.db);
  g_free (cli.db_path);
  return status;
}
