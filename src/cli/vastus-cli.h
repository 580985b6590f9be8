/* vastus-cli.h: what every vastus-cli command gets
 *
 * Each command group lives in its own file (vastus-cli-records.c, vastus-cli-clinical.c …) and
 * exports VastusCliCommand entries that vastus-cli.c lists. A command returns the process exit
 * status: 0 success; 1 failure (one line on stderr, nothing written); 2 usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vastus-criteria.h"
#include "vastus-database.h"
#include "vastus-history.h"
#include "vastus-profile.h"

G_BEGIN_DECLS

#define VASTUS_CLI_OK      0
#define VASTUS_CLI_FAILED  1
#define VASTUS_CLI_USAGE   2

typedef struct _VastusCli VastusCli;

typedef struct
{
  const char *name;                   /* "import" */
  const char *synopsis;               /* "import FILE…", marked for translation: its metavariables translate */
  const char *summary;                /* one line, translatable (N_) */
  /* argv[0] is the command name; parse the rest with GOptionContext. */
  int       (*run) (VastusCli *cli,
                    int        argc,
                    char     **argv);
} VastusCliCommand;

/* Opens the database (--db PATH, else $VASTUS_DB, else the application's own) on first use.
 * A path with no file is refused (NOT_FOUND): commands that only read never create one. A file
 * that can only be read opens read-only, and writes then fail saying why. */
VastusDatabase *vastus_cli_get_database (VastusCli  *cli,
                                         GError    **error);
/* The same, creating the database when there is none and saying so on stderr (import, demo,
 * criteria copy). */
VastusDatabase *vastus_cli_create_database (VastusCli  *cli,
                                            GError    **error);
/* The database's path (--db PATH, else $VASTUS_DB, else the application's own), without opening
 * it: for commands that must work on a file that does not open (restore, check). */
char           *vastus_cli_get_database_path (VastusCli *cli);
/* Prints "vastus-cli COMMAND: MESSAGE" on stderr; returns VASTUS_CLI_FAILED. */
int             vastus_cli_fail         (VastusCli  *cli,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* Prints the message and a hint to --help on stderr; returns VASTUS_CLI_USAGE. */
int             vastus_cli_usage        (VastusCli  *cli,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* Parses a command's options (g_option_context_parse_strv semantics on argv); on error prints a
 * usage message and returns FALSE. @parameter is the --help parameter string, e.g. "FILE…". */
gboolean        vastus_cli_parse_options (VastusCli          *cli,
                                          const GOptionEntry *entries,
                                          const char         *parameter,
                                          int                *argc,
                                          char             ***argv);
/* Writes @contents to @path (NULL or "-": stdout) atomically, private (0600). */
gboolean        vastus_cli_write_output (const char  *path,
                                         const char  *contents,
                                         gsize        length,
                                         GError     **error);

/* Prints to stdout; on a write error fails the command. */
int             vastus_cli_print_json   (VastusCli   *cli,
                                         JsonBuilder *builder);
int             vastus_cli_print_text   (VastusCli   *cli,
                                         GString     *out);

/* The columns @text takes on a terminal: a wide character (CJK) two, a combining mark none, any
 * other character one (never its bytes: "ä" is one column). */
glong           vastus_cli_text_width    (const char *text);
/* Appends @text, then spaces up to @width columns (none when it is as wide or wider). Every
 * column of the text output is padded through it. */
void            vastus_cli_append_padded (GString    *out,
                                          const char *text,
                                          glong       width);

/* Aligned columns: each row of @rows a NULL-terminated array of cells (owned by @rows; control
 * characters in them are escaped in place), each line led by @indent. */
void            vastus_cli_append_table  (GString    *out,
                                          GPtrArray  *rows,
                                          const char *indent);

/* A table row of copies of the cells up to NULL. */
char          **vastus_cli_row           (const char *first,
                                          ...) G_GNUC_NULL_TERMINATED;

/* --episode ID: TRUE and *@id (0 when @text is NULL: the episode in force); else prints a usage
 * message and returns FALSE. */
gboolean        vastus_cli_parse_episode (VastusCli  *cli,
                                          const char *text,
                                          gint64     *id);

/* "episode": { "id", "condition", "involved_side", "surgery_date", "injury_date", "start_date" }:
 * which episode a result is about. */
void            vastus_cli_json_add_episode (JsonBuilder         *builder,
                                             const VastusEpisode *episode);
/* The same members, into the object being built. */
void            vastus_cli_json_add_episode_fields (JsonBuilder         *builder,
                                                    const VastusEpisode *episode);

/* JSON members: NULL strings, invalid dates and non-finite numbers become null. */
void            vastus_cli_json_add_string (JsonBuilder *builder,
                                            const char  *name,
                                            const char  *value);
void            vastus_cli_json_add_date   (JsonBuilder *builder,
                                            const char  *name,
                                            const GDate *date);
void            vastus_cli_json_add_double (JsonBuilder *builder,
                                            const char  *name,
                                            double       value);
void            vastus_cli_json_add_int    (JsonBuilder *builder,
                                            const char  *name,
                                            gint64       value);
void            vastus_cli_json_add_bool   (JsonBuilder *builder,
                                            const char  *name,
                                            gboolean     value);
void            vastus_cli_json_add_strv   (JsonBuilder *builder,
                                            const char  *name,
                                            char       **strv);

/* The patient's episode @episode_id, or (0) the one in force on @as_of (NULL: today), with its
 * visits (vastus_database_load_patient_history); NOT_FOUND naming what is missing. */
VastusHistory  *vastus_cli_load_history    (VastusDatabase  *db,
                                            const char      *mrn,
                                            gint64           episode_id,
                                            const GDate     *as_of,
                                            GError         **error);
/* Prints the first import error (and how many more of @n_errors) with "nothing was imported";
 * FAILED. */
int             vastus_cli_fail_import     (VastusCli       *cli,
                                            GPtrArray       *errors,
                                            guint            n_errors);
/* Imports answers CSV files (@names, @contents: GBytes), all or nothing (vastus-cli-questionnaires.c). */
int             vastus_cli_import_answers  (VastusCli  *cli,
                                            GPtrArray  *names,
                                            GPtrArray  *contents);

/* A profile named by id (built-in or saved) or by a key file's path (FILE.ini: its id from the
 * file name); NULL with @error naming it (vastus-cli-profiles.c). */
VastusProfile  *vastus_cli_load_profile    (VastusDatabase  *db,
                                            const char      *name,
                                            GError         **error);

G_END_DECLS
