/* vastus-cli-server.c: server init, server add-user and server grant, for a clinic's database on
 * a PostgreSQL server (--db postgresql://…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include <stdio.h>
#include <string.h>

#include "vastus-cli.h"

static int
run_init (VastusCli  *cli,
          const char *uri,
          int         argc,
          char      **argv)
{
  g_autoptr(GError) error = NULL;
  int before = 0;

  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (!vastus_database_server_init (uri, &before, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  if (before == 0)
    /* Translators: the schema version */
    g_print (_("Created the clinic's schema (version %d) and the role vastus_clinician\n"),
             vastus_database_get_latest_schema_version ());
  else if (before < vastus_database_get_latest_schema_version ())
    /* Translators: the schema version before, then after */
    g_print (_("Upgraded the schema from version %d to %d\n"), before,
             vastus_database_get_latest_schema_version ());
  else
    /* Translators: the schema version */
    g_print (_("The schema is up to date (version %d)\n"), before);
  return VASTUS_CLI_OK;
}

/* The first line of standard input, without its line end; NULL at once at its end. */
static char *
read_password (void)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (c == EOF && line->len == 0)
    return g_string_free (line, TRUE);
  return g_string_free (line, FALSE);
}

static int
run_add_user (VastusCli  *cli,
              const char *uri,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *password = NULL;
  const GOptionEntry entries[] = {
    /* Translators: the help of an option, then its argument's name */
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("the clinician's full name"), N_("TEXT") },
    { NULL }
  };

  /* Translators: in the help of "server", what follows it: a user name (a login) on the database
   * server; capitals, one word */
  if (!vastus_cli_parse_options (cli, entries, _("LOGIN"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc < 2)
    return vastus_cli_usage (cli, _("Which login? Give one LOGIN"));
  if (argc > 2)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[2]);
  if (name == NULL || g_strstrip (name)[0] == '\0')
    return vastus_cli_usage (cli, _("--name is required: the clinician's full name"));
  password = read_password ();
  if (password == NULL)
    /* Translators: a login's name */
    return vastus_cli_fail (cli, _("No password for %s: give it on standard input"), argv[1]);
  if (!vastus_database_server_add_user (uri, argv[1], name, password, &error))
    {
      memset (password, 0, strlen (password));
      return vastus_cli_fail (cli, "%s", error->message);
    }
  memset (password, 0, strlen (password));
  /* Translators: a login's name, then the person's name */
  g_print (_("Added the login %s (%s) to vastus_clinician\n"), argv[1], name);
  return VASTUS_CLI_OK;
}

static int
run_grant (VastusCli  *cli,
           const char *uri,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean already = FALSE;

  /* Translators: in the help of "server grant", what follows it: a user name (a login) on the
   * database server; capitals, one word */
  if (!vastus_cli_parse_options (cli, NULL, _("LOGIN"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc < 2)
    return vastus_cli_usage (cli, _("Which login? Give one LOGIN"));
  if (argc > 2)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[2]);
  if (!vastus_database_server_grant (uri, argv[1], &already, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  /* Nothing to do is no failure (as server init on an up-to-date schema): said, exit 0. */
  if (already)
    /* Translators: a login's name; keep vastus_clinician as it is */
    g_print (_("The login %s is in vastus_clinician already; nothing was changed\n"), argv[1]);
  else
    /* Translators: a login's name; keep vastus_clinician as it is */
    g_print (_("Added the existing login %s to vastus_clinician\n"), argv[1]);
  return VASTUS_CLI_OK;
}

extern const VastusCliCommand vastus_cli_server_command;

static int
run_server (VastusCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *uri = vastus_cli_get_database_path (cli);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      if (argc >= 2)
        {
          /* The synopsis, the summary and the one option, as GOption's help lists them. */
          g_print ("%s %s\n  %s\n\n  %s  %s\n", g_get_prgname (),
                   _(vastus_cli_server_command.synopsis), _(vastus_cli_server_command.summary),
                   "--help", _("show this help"));
          return VASTUS_CLI_OK;
        }
      /* Translators: init, add-user and grant are commands and stay in English */
      return vastus_cli_usage (cli, _("Which server command? init, add-user or grant"));
    }
  if (!vastus_database_is_server_uri (uri))
    /* Translators: the database path given; keep postgresql:// as it is */
    return vastus_cli_usage (cli, _("%s is not a server: give --db postgresql://[USER@]HOST[:PORT]/DATABASE"),
                             uri);
  if (g_str_equal (argv[1], "init"))
    return run_init (cli, uri, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "add-user"))
    return run_add_user (cli, uri, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "grant"))
    return run_grant (cli, uri, argc - 1, argv + 1);
  /* Translators: %s is the word typed after “vastus-cli server”; init, add-user and grant are
   * commands and stay in English */
  return vastus_cli_usage (cli, _("Unknown server command “%s”: init, add-user or grant"), argv[1]);
}

const VastusCliCommand vastus_cli_server_command = {
  "server",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("server init | server add-user LOGIN --name TEXT | server grant LOGIN"),
  N_("create or upgrade the schema on a PostgreSQL server, add a clinician's login, or put an "
     "existing login in the clinicians' group"),
  run_server,
};
