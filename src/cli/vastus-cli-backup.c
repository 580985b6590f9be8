/* vastus-cli-backup.c: backup, restore, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-backup.h"
#include "vastus-cli.h"
#include "vastus-text.h"

/* backup [-o FILE] [--list] */

static int
list_backups (VastusCli  *cli,
              const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = vastus_backup_list (db_path, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  static const char *kinds[] = { "regular", "pre-migration", "pre-restore", "damaged" };

  if (backups == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  /* Untranslated column names: scripts read them. */
  g_string_append (out, "date\tkind\tsize\tschema\tpatients\tvisits\tfile\n");
  for (guint i = 0; i < backups->len; i++)
    {
      VastusBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *date = g_date_time_format (info->time, "%Y-%m-%dT%H:%M:%SZ");
      /* One line per backup: a tab or line feed in the folder's name is escaped like any
       * control character, or it would split the row. */
      g_autofree char *path = vastus_text_escape (info->path, VASTUS_TEXT_LINE);

      g_string_append_printf (out, "%s\t%s\t%" G_GOFFSET_FORMAT "\t%d\t%" G_GINT64_FORMAT
                              "\t%" G_GINT64_FORMAT "\t%s\n",
                              date, kinds[info->kind], info->size, info->schema_version,
                              info->n_patients, info->n_visits, path);
    }
  return vastus_cli_print_text (cli, out);
}

static int
run_backup (VastusCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *output = NULL;
  gboolean list = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the backup to FILE (default: the backups folder beside the database)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE if it exists (never the database or its own files)"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the database's own backups in the backups folder"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusBackupInfo) info = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *path = NULL;
  VastusDatabase *db;

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    /* Translators: %s is a word on vastus-cli's command line that the command does not take, as
     * typed */
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  if (list && output != NULL)
    return vastus_cli_usage (cli, _("--list and --output cannot be used together"));
  if (force && output == NULL)
    return vastus_cli_usage (cli, _("--force goes with --output FILE"));

  db_path = vastus_cli_get_database_path (cli);
  /* A server's database has no backups folder beside it: its backup is a file named here. */
  if (vastus_database_is_server_uri (db_path) && (list || output == NULL))
    return vastus_cli_usage (cli, _("A database on a server is backed up into a file of its "
                                    "own: give -o FILE"));
  if (list)
    {
      g_autofree char *folder = vastus_backup_get_folder (db_path);

      /* The backups of a database that is gone can still be listed (to restore one); a path
       * with neither is a mistake. */
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS) && !g_file_test (folder, G_FILE_TEST_IS_DIR))
        return vastus_cli_fail (cli, _("There is no database at %s"), db_path);
      return list_backups (cli, db_path);
    }
  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  path = vastus_backup_create_full (db, output, force ? VASTUS_BACKUP_CREATE_REPLACE : 0,
                                    VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  if (g_error_matches (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_EXISTS))
    /* Translators: the reason, then the option that overrides it */
    return vastus_cli_fail (cli, _("%s (give --force to replace it)"), error->message);
  if (path == NULL)
    return vastus_cli_fail (cli, "%s", error->message);
  if (vastus_backup_verify (path, FALSE, &info, NULL))
    {
      g_autofree char *counts = vastus_text_patients_and_visits (info->n_patients, info->n_visits);

      /* Translators: the backup's path, then "3 patients, 27 visits" */
      g_print (_("Backup written to %s (%s), verified\n"), path, counts);
    }
  else
    /* Translators: %s is the backup file's path; verified: it was read back and matches */
    g_print (_("Backup written to %s, verified\n"), path);
  return VASTUS_CLI_OK;
}

/* restore FILE */

static int
run_restore (VastusCli  *cli,
             int         argc,
             char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *safety = NULL;

  /* Translators: what follows a command's options: translate only the words in capitals */
  if (!vastus_cli_parse_options (cli, NULL, N_("FILE"), &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc != 2)
    return vastus_cli_usage (cli, argc < 2 ? _("Which backup? Give one FILE")
                                           : _("Give only one FILE"));

  db_path = vastus_cli_get_database_path (cli);
  if (!vastus_backup_restore (db_path, argv[1], NULL, &safety, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  /* Opening migrates a backup of an older schema (with its own pre-migration backup). */
  if (vastus_cli_get_database (cli, &error) == NULL)
    /* Translators: %s is the reason the restored database does not open */
    return vastus_cli_fail (cli, _("Restored, but the database does not open: %s"),
                            error->message);
  if (safety != NULL)
    /* Translators: %s is the backup file restored, the second %s the file that keeps the
     * database as it was before */
    g_print (_("Restored %s; the database as it was is kept in %s\n"), argv[1], safety);
  else
    /* Translators: %s is the backup file restored */
    g_print (_("Restored %s\n"), argv[1]);
  return VASTUS_CLI_OK;
}

/* check */

static int
run_check (VastusCli  *cli,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *db_path = NULL;

  if (!vastus_cli_parse_options (cli, NULL, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);

  db_path = vastus_cli_get_database_path (cli);
  if (!vastus_database_check_full_path (db_path, &problems, &error))
    return vastus_cli_fail (cli, "%s", error->message);
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) problems->pdata[i]);
  if (problems->len > 0)
    /* Translators: %u is the number of problems, %s the file checked */
    return vastus_cli_fail (cli, ngettext ("%u problem found in %s",
                                              "%u problems found in %s", problems->len),
                            problems->len, db_path);
  /* Translators: %s is the path of the database file that vastus-cli check read */
  g_print (_("%s: no problems found\n"), db_path);
  return VASTUS_CLI_OK;
}

const VastusCliCommand vastus_cli_backup_command = {
  "backup",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("backup [-o FILE [--force]] [--list]"),
  N_("take a verified backup (default: into the backups folder), or list them"), run_backup,
};

const VastusCliCommand vastus_cli_restore_command = {
  "restore",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("restore FILE"),
  N_("replace the database with a backup (the current one is backed up first)"), run_restore,
};

const VastusCliCommand vastus_cli_check_command = {
  "check",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("check"),
  N_("check the database for damage and changes made outside Vastus (schema, integrity, "
     "constraints, audit trail, measures)"), run_check,
};
