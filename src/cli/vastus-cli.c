/* vastus-cli.c: vastus-cli's main, global options, the command table and the shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include "vastus-display.h"
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vastus-cli.h"
#include "vastus-text.h"

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
extern const VastusCliCommand vastus_cli_copy_command;
extern const VastusCliCommand vastus_cli_chart_command;
extern const VastusCliCommand vastus_cli_criteria_command;
extern const VastusCliCommand vastus_cli_episodes_command;
extern const VastusCliCommand vastus_cli_summary_command;
extern const VastusCliCommand vastus_cli_evaluate_command;
extern const VastusCliCommand vastus_cli_report_command;
extern const VastusCliCommand vastus_cli_questionnaires_command;
extern const VastusCliCommand vastus_cli_score_command;
extern const VastusCliCommand vastus_cli_profiles_command;
extern const VastusCliCommand vastus_cli_fhir_command;
extern const VastusCliCommand vastus_cli_server_command;
extern const VastusCliCommand vastus_cli_watch_command;
extern const VastusCliCommand vastus_cli_rules_command;

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
  /* vastus-cli-copy.c */
  &vastus_cli_copy_command,
  /* vastus-cli-chart.c */
  &vastus_cli_chart_command,
  /* vastus-cli-criteria.c */
  &vastus_cli_criteria_command,
  /* vastus-cli-rules.c */
  &vastus_cli_rules_command,
  /* vastus-cli-episodes.c */
  &vastus_cli_episodes_command,
  /* vastus-cli-clinical.c */
  &vastus_cli_summary_command,
  &vastus_cli_evaluate_command,
  /* vastus-cli-report.c */
  &vastus_cli_report_command,
  /* vastus-cli-questionnaires.c */
  &vastus_cli_questionnaires_command,
  &vastus_cli_score_command,
  /* vastus-cli-profiles.c */
  &vastus_cli_profiles_command,
  /* vastus-cli-fhir.c */
  &vastus_cli_fhir_command,
  /* vastus-cli-server.c */
  &vastus_cli_server_command,
  /* vastus-cli-watch.c */
  &vastus_cli_watch_command,
  /* Other command groups (criteria, summary, evaluate, chart, report, backup, restore,
   * check …) go here, one line each. */
};

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

static VastusDatabase *
open_database (VastusCli               *cli,
               VastusDatabaseOpenFlags  flags,
               GError                 **error)
{
  if (cli->db == NULL)
    {
      g_autofree char *path = vastus_cli_get_database_path (cli);
      gboolean created = FALSE;

      cli->db = vastus_database_open_full (path, flags, &created, error);
      if (created)
        {
          g_autofree char *prefix = g_strdup_printf ("vastus-cli %s: ", cli->command);
          /* Translators: %s is a file path */
          g_autofree char *message = g_strdup_printf (_("Created a new database at %s"), path);

          print_line (prefix, message);
        }
      if (cli->db != NULL)
        {
          /* What a schema upgrade could not do by itself, said once. */
          GPtrArray *notes = vastus_database_get_upgrade_notes (cli->db);

          for (guint i = 0; i < notes->len; i++)
            /* Translators: the first %s is a file, the second what to check (in English) */
            g_printerr (_("vastus-cli: upgrading %s: %s\n"), path, (const char *) notes->pdata[i]);
        }
    }
  return cli->db;
}

VastusDatabase *
vastus_cli_get_database (VastusCli  *cli,
                         GError    **error)
{
  return open_database (cli, VASTUS_DATABASE_OPEN_EXISTING, error);
}

VastusDatabase *
vastus_cli_create_database (VastusCli  *cli,
                            GError    **error)
{
  return open_database (cli, VASTUS_DATABASE_OPEN_CREATE, error);
}

char *
vastus_cli_get_database_path (VastusCli *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : vastus_database_default_path ();
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
    /* Translators: %s is the command typed (“report”); the whole quoted text is a command line
     * to type, keep it */
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
  /* Translators: the heading of the list of commands in --help */
  fprintf (out, "\n%s\n", _("Commands:"));
  /* Synopses are up to 150 characters: each on its line, what it does below. */
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n      %s\n", _(commands[i]->synopsis), _(commands[i]->summary));
  /* Translators: the heading of the list of options in --help */
  fprintf (out, "\n%s\n", _("Options:"));
  {
    g_autoptr(GString) line = g_string_new ("  ");

    /* Translators: an option and its value: translate only PATH */
    vastus_cli_append_padded (line, _("--db PATH"), 12);
    fprintf (out, "%s%s\n", line->str,
             /* Translators: keep postgresql:// and $VASTUS_DB as they are */
             _("the database: a file, or a server’s postgresql:// address (default: $VASTUS_DB, "
               "else the application’s own)"));
  }
  fprintf (out, "  --help      %s\n", _("show this help"));
  fprintf (out, "  --version   %s\n", _("show the version"));
  fprintf (out, "\n%s\n", _("Exit status: 0 success, 1 failure, 2 usage error. "
                            "“vastus-cli COMMAND --help” describes a command."));
}

/* Text output never carries control characters from the data to the terminal (a name holding
 * "\x1b]0;…\x07" would retitle it): g_print, g_printerr and vastus_cli_print_text escape them. */
static void
print_escaped (const char *text,
               FILE       *out)
{
  g_autofree char *escaped = vastus_text_escape (text, VASTUS_TEXT_LINES);

  fputs (escaped, out);
  fflush (out);
}

static void
print_cb (const char *text)
{
  print_escaped (text, stdout);
}

static void
printerr_cb (const char *text)
{
  print_escaped (text, stderr);
}

/* Out of memory, GLib ends the process (g_error: a crash). The command stops with a message
 * instead; a transaction it left open was never committed, so the database is as it was. */
static const char *out_of_memory_message;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((level & G_LOG_LEVEL_ERROR) != 0)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
          strstr (fields[i].value, "failed to allocate") != NULL)
        {
          /* No allocation from here on: write (2) of what is there. */
          if (write (STDERR_FILENO, out_of_memory_message, strlen (out_of_memory_message)) < 0 ||
              write (STDERR_FILENO, "\n  ", 3) < 0 ||
              write (STDERR_FILENO, fields[i].value, strlen (fields[i].value)) < 0 ||
              write (STDERR_FILENO, "\n", 1) < 0)
            _exit (VASTUS_CLI_FAILED);
          _exit (VASTUS_CLI_FAILED);
        }
  return g_log_writer_default (level, fields, n_fields, user_data);
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

  /* GSlice (GLib 2.74) aborts by itself when memory runs out; with G_SLICE=always-malloc the
   * failure is GLib's out-of-memory error, which log_writer () turns into a message. GLib reads
   * the variable before main () runs: set it, and start again once. */
  if (getenv ("G_SLICE") == NULL && setenv ("G_SLICE", "always-malloc", 1) == 0)
    execv ("/proc/self/exe", argv);
  vastus_i18n_init ();
  g_set_prgname ("vastus-cli");
  /* SQLite gives each CHECK with an IN list (side, operation …) a temporary b-tree of about
   * 90 KB, once per row written: glibc would return it to the kernel and ask for it again every
   * time (brk, with a TLB flush on every core), which made a 20 MB import 5 times slower. */
  mallopt (M_TRIM_THRESHOLD, 64 << 20);
  mallopt (M_TOP_PAD, 1 << 20);
  /* Translated now: there is no memory to translate it when it is needed. GLib's own detail
   * (English) follows on the next line. */
  out_of_memory_message = _("vastus-cli: out of memory: the command stopped, nothing was saved.");
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);
  /* JSON is for programs: the same bytes under every locale, its labels and reasons as written
   * (English) and its numbers with a point. Messages to stderr follow, which keeps a script's
   * parsing of them stable too. */
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--json"))
      {
        vastus_i18n_push_language ("en", NULL);
        vastus_display_push_language ("en");
        break;
      }

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
          /* Translators: %s is the option typed on the command line (“--verbose”) */
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
      /* Translators: %s is the command typed after vastus-cli (“reports”) */
      return vastus_cli_usage (NULL, _("Unknown command “%s”"), argv[i]);
    }

  cli.command = command->name;
  status = command->run (&cli, argc - i, argv + i);

  g_clear_object (&cli.db);
  g_free (cli.db_path);
  return status;
}
