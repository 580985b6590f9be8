/* vastus-cli-copy.c: copy --from SOURCE --to TARGET, the whole clinic from a SQLite file to a
 * PostgreSQL server's database or back (vastus-copy.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-cli.h"
#include "vastus-copy.h"

static int
run_copy (VastusCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    /* Translators: the help of an option; keep postgresql:// as it is */
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("Copy the clinic at SOURCE (a database file, or a server's postgresql://… URI)"),
      /* Translators: in the command line's help, the value of --from: the database copied from
       * (a file or a server's address); capitals, one word */
      N_("SOURCE") },
    /* Translators: the help of an option; keep server init as it is */
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("Into TARGET: a server's database that “server init” made and nothing was written to, "
         "or a new file"),
      /* Translators: in the command line's help, the value of --to: the database copied into;
       * capitals, one word */
      N_("TARGET") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  VastusContentHash copied;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (from == NULL || to == NULL)
    return vastus_cli_usage (cli, _("Give both --from SOURCE and --to TARGET"));
  if (vastus_database_is_server_uri (from) == vastus_database_is_server_uri (to))
    return vastus_cli_usage (cli, _("A copy goes from a file to a server (postgresql://…) or "
                                    "from a server to a new file"));
  if (!vastus_database_copy (from, to, &copied, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  {
    g_autofree char *from_label = vastus_database_describe (from, NULL);
    g_autofree char *to_label = vastus_database_describe (to, NULL);

    /* Translators: the source, the target, numbers of patients, audit entries and rows, then a
     * content hash (hexadecimal) */
    g_print (_("Copied %s to %s (patients: %lld, audit entries: %lld, rows in all: %lld); both "
               "have the content hash %s\n"),
             from_label, to_label, (long long) copied.n_patients, (long long) copied.n_audit,
             (long long) copied.n_rows, copied.hash);
  }
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_copy_command = {
  "copy",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("copy --from SOURCE --to TARGET"),
  N_("copy the whole clinic, audit trail included, from a database file to a server or back"),
  run_copy,
};
