/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built vastus-cli (VASTUS_CLI_PATH) on databases in temporary folders.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "storage-test-util.h"

#include "vastus-database.h"

typedef struct
{
  char *dir;
  char *db;       /* dir/test.db, not created until a command creates it */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = storage_test_new_location (f->dir, "test.db");
}

/* Removes @path's files and folders (the backups folder among them), then @path. */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs vastus-cli with the NULL-terminated arguments; @vastus_db (may be NULL) becomes
 * $VASTUS_DB. Returns the exit status. */
G_GNUC_NULL_TERMINATED
static int
run (const char  *vastus_db,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "VASTUS_DB");
  if (vastus_db != NULL)
    envp = g_environ_setenv (envp, "VASTUS_DB", vastus_db, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_test_message ("vastus-cli %s → %d; stderr: %s", (char *) argv->pdata[1], WEXITSTATUS (status), e);
  /* Callers reuse their out and err across runs. */
  if (out != NULL)
    g_free (*out), *out = g_steal_pointer (&o);
  if (err != NULL)
    g_free (*err), *err = g_steal_pointer (&e);
  return WEXITSTATUS (status);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), >, 1);
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* No database file was made; on a server (whose database exists beforehand), no patient was
 * written to it. */
static void
assert_nothing_written (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;

  if (!storage_test_on_server ())
    {
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
      return;
    }
  db = vastus_database_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM patient"), ==, 0);
}

static void
test_cli_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "vastus-cli 0.1.0\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_help (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: vastus-cli [--db PATH] COMMAND"));
  g_assert_nonnull (strstr (out, "  import [--profile ID|FILE.ini [--patient MRN]] FILE…"));
  g_assert_nonnull (strstr (out, "  profiles [--json] | profiles detect FILE | profiles save FILE.ini"));
  g_assert_nonnull (strstr (out, "  export [--patient MRN] [--deidentify | --answers] [-o FILE]"));
  g_assert_nonnull (strstr (out, "  patients [--json]"));
  g_assert_nonnull (strstr (out, "  measures [--json]"));
  g_assert_nonnull (strstr (out, "  demo"));
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, NULL, &err, "--db", f->db, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--db", f->db, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--bogus", "patients", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--db", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--db", f->db, "export", "--bogus", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--db", f->db, "import", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--db", f->db, "patients", "extra", NULL), ==, 2);
  /* A usage error writes nothing. */
  assert_nothing_written (f);
}

static void
test_cli_missing_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "import", missing, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_one_line (err);
  g_assert_true (g_str_has_prefix (err, "vastus-cli import: "));
  g_assert_nonnull (strstr (err, "no-such.csv"));
  assert_nothing_written (f);
}

static void
test_cli_import_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *good = fixture_path ("good.csv");
  g_autofree char *bad = fixture_path ("bad-number.csv");
  g_autofree char *output = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *refused = g_build_filename (f->dir, "refused.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *written = NULL;
  g_autofree char *after = NULL;
  GStatBuf st;

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "import", good, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported patients: 2, episodes: 2, visits: 3, measurements: 18. "
                            "Measurements already stored: 0.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (NULL, &exported, &err, "--db", f->db, "export", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (exported, "mrn,family_name,given_name,birth_date,sex,"));
  g_assert_nonnull (strstr (exported, ",quadriceps_hhd,left,1,100,lbf,no,60,,,\r\n"));
  g_assert_nonnull (strstr (exported, ",knee_extension,left,1,-5,deg,no,,,,\r\n"));
  g_assert_nonnull (strstr (exported, ",'=HYPERLINK(1),"));
  g_clear_pointer (&err, g_free);

  /* -o: the same bytes, private. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "export", "-o", output, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (output, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, exported);
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* One patient. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "export", "--patient", "V002", NULL), ==, 0);
  g_assert_null (strstr (out, "V001"));
  g_assert_nonnull (strstr (out, "\r\nV002,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "export", "--patient", "NOPE", "-o", refused, NULL), ==, 1);
  assert_one_line (err);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* De-identified: study codes, no MRNs (test-report.c checks it in depth). */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "export", "--deidentify", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "study_code,"));
  g_assert_null (strstr (out, "V001"));
  g_assert_null (strstr (out, "V002"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again: nothing new. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "import", good, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported patients: 0, episodes: 0, visits: 0, measurements: 0. "
                            "Measurements already stored: 18.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A bad file with a good one: nothing, one line naming line and column. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "import", good, bad, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "bad-number.csv: line 3, column 5 (value)"));
  g_assert_nonnull (strstr (err, "37,5"));
  g_clear_pointer (&err, g_free);

  /* $VASTUS_DB instead of --db. */
  g_assert_cmpint (run (f->db, &after, &err, "export", NULL), ==, 0);
  g_assert_cmpstr (after, ==, exported);
}

static void
test_cli_patients (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *good = fixture_path ("good.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *p;

  g_assert_cmpint (run (NULL, NULL, NULL, "--db", f->db, "import", good, NULL), ==, 0);

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "patients", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "MRN "));
  g_assert_nonnull (strstr (out, "\nV001 "));
  /* the name as a clinic sorts it: FAMILY, Given */
  g_assert_nonnull (strstr (out, "DOE, Jane"));
  g_assert_nonnull (strstr (out, "2025-03-10"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "patients", "--json", NULL), ==, 0);
  root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  p = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "mrn"), ==, "V001");
  g_assert_cmpstr (json_object_get_string_member (p, "family_name"), ==, "Doe");
  g_assert_cmpstr (json_object_get_string_member (p, "given_name"), ==, "Jane");
  g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, "Jane Doe");
  g_assert_cmpstr (json_object_get_string_member (p, "birth_date"), ==, "1990-04-02");
  g_assert_cmpstr (json_object_get_string_member (p, "sex"), ==, "female");
  g_assert_false (json_object_get_boolean_member (p, "archived"));
  g_assert_false (json_object_get_boolean_member (p, "demo"));
  g_assert_cmpint (json_object_get_int_member (p, "n_visits"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (p, "last_visit"), ==, "2025-03-10");
  p = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (p, "mrn"), ==, "V002");
  g_assert_cmpstr (json_object_get_string_member (p, "family_name"), ==, "Müller");
  g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, "Ünal Müller");
  g_assert_cmpint (json_object_get_int_member (p, "n_visits"), ==, 1);
}

static void
test_cli_measures (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *quad = NULL, *effusion = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "measures", "--json", NULL), ==, 0);
  root = parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >=, 47);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *m = json_array_get_object_element (array, i);
      const char *code = json_object_get_string_member (m, "code");

      if (g_str_equal (code, "quadriceps_hhd"))
        quad = m;
      else if (g_str_equal (code, "effusion_stroke"))
        effusion = m;
    }
  g_assert_nonnull (quad);
  g_assert_cmpstr (json_object_get_string_member (quad, "unit"), ==, "N");
  g_assert_cmpstr (json_object_get_string_member (quad, "category"), ==, "strength");
  g_assert_cmpstr (json_object_get_string_member (quad, "sides"), ==, "both");
  g_assert_cmpstr (json_object_get_string_member (quad, "better"), ==, "higher");
  g_assert_cmpstr (json_object_get_string_member (quad, "combine"), ==, "max");
  g_assert_cmpfloat (json_object_get_double_member (quad, "hard_max"), ==, 1500);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quad, "input_units")), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (quad, "input_units"), 1), ==, "lbf");
  g_assert_nonnull (effusion);
  g_assert_cmpstr (json_object_get_string_member (effusion, "kind"), ==, "grade");
  g_assert_cmpstr (json_object_get_string_member (effusion, "better"), ==, "lower");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "measures", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nquadriceps_hhd "));
  /* The catalog needs no database. */
  assert_nothing_written (f);
}

static guint
count_patients (Fixture  *f,
                gboolean *all_demo)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  g_assert_cmpint (run (NULL, &out, NULL, "--db", f->db, "patients", "--json", NULL), ==, 0);
  root = parse_json (out);
  array = json_node_get_array (root);
  *all_demo = TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    *all_demo &= json_object_get_boolean_member (json_array_get_object_element (array, i), "demo");
  return json_array_get_length (array);
}

static void
test_cli_demo (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  gboolean all_demo = FALSE;
  guint n;

  g_assert_cmpint (run (NULL, &out, NULL, "--db", f->db, "demo", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Added "));
  n = count_patients (f, &all_demo);
  g_assert_cmpuint (n, >=, 3);
  g_assert_true (all_demo);
  g_clear_pointer (&out, g_free);

  /* Twice: nothing more. */
  g_assert_cmpint (run (NULL, &out, NULL, "--db", f->db, "demo", NULL), ==, 0);
  g_assert_cmpuint (count_patients (f, &all_demo), ==, n);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (NULL, &out, NULL, "--db", f->db, "demo", "--remove", NULL), ==, 0);
  g_assert_cmpuint (count_patients (f, &all_demo), ==, 0);
}

/* On a clinic server that takes no changes just now (a standby, or a database set read-only; here
 * the command's sessions are, through the URI's options), a command that writes fails with exit
 * status 1 and one line saying so, that nothing was saved and what to do: not the server's own
 * words and its error number (25006). Nothing reached the database. */
static void
test_cli_read_only_server (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *good = fixture_path ("good.csv");
  g_autofree char *err = NULL;
  g_autofree char *read_only = g_strconcat (f->db, strchr (f->db, '?') != NULL ? "&" : "?",
                                            "options=-c%20default_transaction_read_only%3Don",
                                            NULL);
  gboolean all_demo = FALSE;
  struct { const char *command, *argument, *what; } writes[] = {
    { "demo", NULL, "vastus-cli demo: Could not " },
    { "import", good, "vastus-cli import: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_assert_cmpint (run (NULL, NULL, &err, "--db", read_only, writes[i].command,
                            writes[i].argument, NULL), ==, 1);
      assert_one_line (err);
      g_assert_true (g_str_has_prefix (err, writes[i].what));
      g_assert_nonnull (strstr (err, "the clinic server accepts no changes just now (it is "
                                     "read-only), so nothing was saved. Try again later, or ask "
                                     "your IT support when the server will take changes again."));
      g_assert_null (strstr (err, "PostgreSQL"));
      g_assert_null (strstr (err, "25006"));
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpuint (count_patients (f, &all_demo), ==, 0);
}

static gboolean
has_control_character (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\n') || (guchar) *p == 0x7f ||
        ((guchar) p[0] == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f))
      return TRUE;
  return FALSE;
}

/* A name stored before control characters were refused reaches no terminal raw: text output
 * escapes them, JSON writes them as \u escapes; a new one is refused. */
static void
test_cli_escaped (Fixture       *f,
                  gconstpointer  data)
{
  static const char hostile[] = "Ada\x1b]0;owned\x07\x1b[2J \xc2\x9b" "31m Lovelace";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "hostile.csv", NULL);

  /* Written through the storage layer, which holds the schema's rules only (the model's
   * checks came later): as an older Vastus could have stored it. */
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (f->db, &error);
    g_autoptr(VastusPatient) patient = vastus_patient_new ();
    g_autoptr(VastusEpisode) episode = vastus_episode_new ();
    g_autoptr(VastusVisit) visit = vastus_visit_new ();

    g_assert_no_error (error);
    patient->mrn = g_strdup ("ESC-1");
    patient->name = g_strdup (hostile);
    g_date_set_dmy (&patient->birth_date, 2, 4, 1990);
    g_assert_true (vastus_database_insert_patient (db, patient, &error));
    episode->patient_id = patient->id;
    episode->condition = VASTUS_CONDITION_PFP;
    episode->involved_side = VASTUS_SIDE_LEFT;
    g_assert_true (vastus_database_insert_episode (db, episode, &error));
    visit->episode_id = episode->id;
    g_date_set_dmy (&visit->date, 1, 3, 2024);
    vastus_visit_add_measurement (visit, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 3, "points"));
    g_assert_true (vastus_database_insert_visit (db, visit, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "patients", NULL), ==, 0);
  g_assert_false (has_control_character (out));
  /* The list shows "FAMILY, Given": the last word is the family name. */
  g_assert_nonnull (strstr (out, "LOVELACE, Ada\\u001B]0;owned\\u0007\\u001B[2J \\u009B31m"));
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "patients", "--json", NULL), ==, 0);
  g_assert_false (has_control_character (out));
  g_assert_nonnull (strstr (out, "31m Lovelace"));
  /* What a message quotes is escaped too. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "export", "--patient", "X\x1b]0;y\x07", NULL), ==, 1);
  g_assert_false (has_control_character (err));
  g_assert_nonnull (strstr (err, "X\\u001B]0;y\\u0007"));

  /* A file with that name is refused, naming line, column and the character. */
  g_assert_true (g_file_set_contents (csv, "mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,value,unit\n"
                                           "ESC-2,\"Ada\x1b]0;owned\x07\",1990-04-02,female,pfp,left,2024-03-01,pain_nrs,none,3,points\n",
                                      -1, NULL));
  g_assert_cmpint (run (NULL, &out, &err, "--db", f->db, "import", csv, NULL), ==, 1);
  assert_one_line (err);
  g_assert_false (has_control_character (err));
  g_assert_nonnull (strstr (err, "hostile.csv: line 2, column 2 (name): The name holds U+001B (escape) at character 4"));
}

/* backup, restore and check print paths (and what check found) escaped: a folder or file name
 * holding "\x1b]0;…\x07" retitled the terminal. */
static void
test_cli_backup_escaped (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "clinic\x1b]0;owned\x07", NULL);
  g_autofree char *db = g_build_filename (folder, "vastus.db", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy\x1b[2J.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *escaped_db = "clinic\\u001B]0;owned\\u0007/vastus.db";
  const char *escaped_copy = "copy\\u001B[2J.db";

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "demo", NULL), ==, 0);
  g_assert_false (has_control_character (err));

  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", NULL), ==, 0);
  g_assert_false (has_control_character (out));
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", "-o", copy, NULL), ==, 0);
  g_assert_false (has_control_character (out));
  g_assert_nonnull (strstr (out, escaped_copy));
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", "-o", copy, NULL), ==, 1);
  g_assert_false (has_control_character (err));
  g_assert_nonnull (strstr (err, escaped_copy));

  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "check", NULL), ==, 0);
  g_assert_false (has_control_character (out));
  g_assert_nonnull (strstr (out, escaped_db));

  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "restore", copy, NULL), ==, 0);
  g_assert_false (has_control_character (out));
  g_assert_nonnull (strstr (out, escaped_copy));

  /* The list (in the folder's backups folder): tab-separated columns kept, nothing else raw. */
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", "--list", NULL), ==, 0);
  g_assert_null (strpbrk (out, "\x1b\x07"));
  g_assert_true (g_str_has_prefix (out, "date\tkind\tsize\tschema\tpatients\tvisits\tfile\n"));
  g_assert_nonnull (strstr (out, "\tpre-restore\t"));
  g_assert_nonnull (strstr (out, "clinic\\u001B]0;owned\\u0007/backups/"));
}

/* backup --list: one line per backup, seven tab-separated columns, even where the folder's name
 * holds a line feed and a tab (they came out raw, splitting the row in two). */
static void
test_cli_backup_list_one_line (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "two\nlines\tand a tab", NULL);
  g_autofree char *db = g_build_filename (folder, "vastus.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "demo", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &out, &err, "--db", db, "backup", "--list", NULL), ==, 0);
  /* The header, one backup, and the empty string after the last line feed. */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  columns = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 7);
  g_assert_nonnull (strstr (columns[6], "two\\u000Alines\\u0009and a tab/backups/vastus-"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("version", test_cli_version);
  ADD ("help", test_cli_help);
  ADD ("usage", test_cli_usage);
  ADD ("missing-file", test_cli_missing_file);
  ADD ("import-export", test_cli_import_export);
  ADD ("patients", test_cli_patients);
  ADD ("measures", test_cli_measures);
  ADD ("demo", test_cli_demo);
  ADD ("escaped", test_cli_escaped);
  /* SQLite files only: a file's backups folder beside it, named by the file's path. */
  if (!storage_test_on_server ())
    {
      ADD ("backup-escaped", test_cli_backup_escaped);
      ADD ("backup-list-one-line", test_cli_backup_list_one_line);
    }
  /* A clinic server's: a read-only session. */
  else
    ADD ("read-only-server", test_cli_read_only_server);
#undef ADD
  return g_test_run ();
}
