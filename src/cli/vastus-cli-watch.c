/* vastus-cli-watch.c: watch, one line per change other workstations commit on a clinic server,
 * until interrupted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines go to standard output, flushed one by one, for scripts and tests: TABLE, MRN ("-" for
 * none), ACTOR and TIME separated by tabs, or with --json one JSON object per line. What the
 * watch itself has to say (listening, the connection lost and back) goes to standard error.
 * SIGINT and SIGTERM end it cleanly (status 0).
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "vastus-change-listener.h"
#include "vastus-cli.h"
#include "vastus-text.h"

typedef struct
{
  VastusCli  *cli;
  GMainLoop  *loop;
  gboolean    json;
  int         status;
  const char *label;
} Watch;

static void
print_notice (Watch                    *watch,
              const VastusChangeNotice *notice)
{
  g_autofree char *line = NULL;

  if (watch->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      vastus_cli_json_add_string (builder, "table", notice->table);
      vastus_cli_json_add_string (builder, "operation", notice->operation);
      vastus_cli_json_add_string (builder, "mrn", notice->mrn);
      vastus_cli_json_add_string (builder, "actor", notice->actor);
      vastus_cli_json_add_string (builder, "at", notice->at);
      /* 0 (none) as null, as the ids are written everywhere else. */
      if (notice->patient_id != 0)
        vastus_cli_json_add_int (builder, "patient_id", notice->patient_id);
      else
        vastus_cli_json_add_string (builder, "patient_id", NULL);
      if (notice->episode_id != 0)
        vastus_cli_json_add_int (builder, "episode_id", notice->episode_id);
      else
        vastus_cli_json_add_string (builder, "episode_id", NULL);
      if (notice->visit_id != 0)
        vastus_cli_json_add_int (builder, "visit_id", notice->visit_id);
      else
        vastus_cli_json_add_string (builder, "visit_id", NULL);
      vastus_cli_json_add_string (builder, "criteria_set", notice->key);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      line = g_strconcat (text, "\n", NULL);
    }
  else
    {
      g_autofree char *table = vastus_text_escape (notice->table, VASTUS_TEXT_LINES);
      g_autofree char *mrn = vastus_text_escape (notice->mrn != NULL ? notice->mrn : "-",
                                                 VASTUS_TEXT_LINES);
      g_autofree char *actor = vastus_text_escape (notice->actor, VASTUS_TEXT_LINES);
      g_autofree char *at = vastus_text_escape (notice->at, VASTUS_TEXT_LINES);

      line = g_strdup_printf ("%s\t%s\t%s\t%s\n", table, mrn, actor, at);
    }
  /* A reader at the other end of a pipe sees each change as it comes. */
  if (fputs (line, stdout) == EOF || fflush (stdout) == EOF)
    {
      watch->status = vastus_cli_fail (watch->cli, _("Could not write to the standard output"));
      g_main_loop_quit (watch->loop);
    }
}

/* Callbacks */

static void
notice_cb (VastusChangeListener     *listener,
           const VastusChangeNotice *notice,
           gpointer                  user_data)
{
  print_notice (user_data, notice);
}

static void
connected_cb (VastusChangeListener *listener,
              gboolean              reconnected,
              gpointer              user_data)
{
  Watch *watch = user_data;

  if (reconnected)
    g_printerr ("%s\n",
                _("Connected again; changes saved while the connection was lost are not shown"));
  else
    /* Translators: the database's address; Ctrl+C is the key that stops the command */
    g_printerr (_("Watching %s for changes saved by others (Ctrl+C stops)\n"), watch->label);
}

static void
disconnected_cb (VastusChangeListener *listener,
                 const char           *reason,
                 gpointer              user_data)
{
  g_autofree char *line = vastus_text_escape (reason, VASTUS_TEXT_LINES);

  /* Translators: the reason the server or the network gave */
  g_printerr (_("Lost the connection to the server (%s); connecting again\n"), line);
}

static gboolean
signal_cb (gpointer user_data)
{
  Watch *watch = user_data;

  g_main_loop_quit (watch->loop);
  return G_SOURCE_CONTINUE;
}

static int
run_watch (VastusCli  *cli,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusChangeListener) listener = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *path = NULL;
  VastusDatabase *db;
  gboolean json = FALSE;
  Watch watch = { 0 };
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("one JSON object per line"), NULL },
    { NULL }
  };

  if (!vastus_cli_parse_options (cli, entries, NULL, &argc, &argv))
    return VASTUS_CLI_USAGE;
  if (argc > 1)
    return vastus_cli_usage (cli, _("Unexpected argument “%s”"), argv[1]);
  path = vastus_cli_get_database_path (cli);
  if (!vastus_database_is_server_uri (path))
    return vastus_cli_fail (cli,
                            /* Translators: the database file's path; keep --db postgresql:// as
                             * it is */
                            _("Live updates need a clinic server: %s is a file, which one person "
                              "uses at a time; give --db postgresql://[USER@]HOST[:PORT]/DATABASE"),
                            path);
  /* Refuses, with its reason, a server that cannot be reached or a database that is not the
   * clinic's; afterwards a lost connection is retried. */
  db = vastus_cli_get_database (cli, &error);
  if (db == NULL)
    return vastus_cli_fail (cli, "%s", error->message);

  loop = g_main_loop_new (NULL, FALSE);
  watch.cli = cli;
  watch.loop = loop;
  watch.json = json;
  watch.status = VASTUS_CLI_OK;
  watch.label = vastus_database_get_path (db);
  listener = vastus_change_listener_new (path);
  g_signal_connect (listener, "notice", G_CALLBACK (notice_cb), &watch);
  g_signal_connect (listener, "connected", G_CALLBACK (connected_cb), &watch);
  g_signal_connect (listener, "disconnected", G_CALLBACK (disconnected_cb), &watch);
  sigint = g_unix_signal_add (SIGINT, signal_cb, &watch);
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &watch);
  vastus_change_listener_start (listener);
  g_main_loop_run (loop);
  vastus_change_listener_stop (listener);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return watch.status;
}

const VastusCliCommand vastus_cli_watch_command = {
  "watch",
  /* Translators: a command's synopsis: translate only the words in capitals (FILE, MRN, ID …),
   * never the command or its options */
  N_("watch [--json]"),
  N_("print each change others save on a clinic server, until interrupted"),
  run_watch,
};
