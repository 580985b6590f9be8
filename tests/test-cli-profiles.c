/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import profiles through the built vastus-cli (VASTUS_CLI_PATH): profiles [--json], profiles
 * detect FILE, profiles save FILE.ini, import --profile ID|FILE.ini [--patient MRN], on the
 * hand-written files of tests/data/device. The clinic's time zone is UTC here.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "storage-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-cli-p-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = storage_test_new_location (f->dir, "test.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* vastus-cli --db @db ARGS…; the exit status, with stdout and stderr in @out and @err. */
G_GNUC_NULL_TERMINATED
static int
run (const char  *db,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "TZ", "UTC", TRUE);
  envp = g_environ_setenv (envp, "VASTUS_TODAY", "2026-12-01", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_test_message ("vastus-cli %s → %d; stderr: %s", (char *) argv->pdata[3], WEXITSTATUS (status), e);
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&o);
    }
  if (err != NULL)
    {
      g_free (*err);
      *err = g_steal_pointer (&e);
    }
  return WEXITSTATUS (status);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
device_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "device", name, NULL);
}

/* FX-1 (left knee involved) with one visit; FX-2 is not stored. */
static const char seed_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\n"
  "FX-1,Jane Doe,1990-04-01,female,aclr,left,2026-01-10,2026-02-01,quadriceps_hhd,left,200,N\n";

static void
seed (Fixture *f)
{
  g_autofree char *path = write_file (f, "seed.csv", seed_csv);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (f->db, &out, &err, "import", path, NULL), ==, 0);
}

/* The profile ids `profiles --json` lists, space-separated, each with "*" when built in. */
static char *
listed_ids (Fixture *f)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *list;

  g_assert_cmpint (run (f->db, &out, &err, "profiles", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  list = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      g_string_append_printf (ids, "%s%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (o, "id"),
                              json_object_get_boolean_member (o, "builtin") ? "*" : "");
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_profiles_list_detect_save (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *nordbord = device_file ("nordbord.csv");
  g_autofree char *forceframe = device_file ("forceframe.csv");
  g_autofree char *clinic = device_file ("clinic.csv");
  g_autofree char *clinic_ini = device_file ("clinic.ini");
  g_autofree char *ids = NULL;
  g_autofree char *taken = NULL;

  seed (f);
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, "nordbord* forceframe*");
  g_assert_cmpint (run (f->db, &out, &err, "profiles", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "forceframe       ForceFrame (Hub CSV export)"));

  g_assert_cmpint (run (f->db, &out, &err, "profiles", "detect", nordbord, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "nordbord\n");
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "detect", forceframe, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "forceframe\n");
  /* No saved profile fits the clinic's sheet yet: exit 1. */
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "detect", clinic, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");

  g_assert_cmpint (run (f->db, &out, &err, "profiles", "save", clinic_ini, NULL), ==, 0);
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (f);
  g_assert_cmpstr (ids, ==, "nordbord* forceframe* clinic");
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "detect", clinic, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "clinic\n");

  /* A built-in id cannot be saved over; a usage error is 2. */
  taken = write_file (f, "nordbord.ini", "[Profile]\nDateColumn=D\n[Column A]\nMeasure=tug\nUnit=s\n");
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "save", taken, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "built-in"));
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "save", NULL), ==, 2);
}

/* The member names of @object, in order, space-separated. */
static char *
member_names (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GString) names = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", (char *) l->data);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The README's contract for `profiles --json` (its indented block that starts with `[ { "id"`):
 * the quoted names before "columns": [ (with it) in @profile, those after it in @column. */
static void
readme_contract (char **profile,
                 char **column)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) quoted = g_regex_new ("\"([a-z_]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) of_profile = g_string_new (NULL);
  g_autoptr(GString) of_column = g_string_new (NULL);
  GString *names[2] = { of_profile, of_column };
  const char *start, *end;
  guint part = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  start = strstr (text, "    [ { \"id\"");
  g_assert_nonnull (start);
  end = strstr (start, "} ]\n");
  g_assert_nonnull (end);
  g_regex_match_full (quoted, start, end - start, 0, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);

      g_string_append_printf (names[part], "%s%s", names[part]->len > 0 ? " " : "", name);
      if (g_str_equal (name, "columns"))
        part = 1;
    }
  *profile = g_strdup (names[0]->str);
  *column = g_strdup (names[1]->str);
}

/* `profiles --json` has the members the README's contract names, in its order, for a built-in
 * profile and for a saved one that sets every key. */
static void
test_profiles_json_contract (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *want_profile = NULL, *want_column = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ini = write_file (f, "every-key.ini",
                                     "[Profile]\nName=Every key\nDelimiter=tab\nDecimalMark=,\n"
                                     "DateFormat=%d.%m.%Y\nDateColumn=Datum;Date\nTimeColumn=Zeit\n"
                                     "TimeFormat=%H:%M\nUTC=true\nPatientColumn=ID\nNameColumn=Name\n"
                                     "DiscriminatorColumn=Richtung\nTestColumn=Test\nTests=A;B\n"
                                     "Encoding=windows-1252\nSignature=Datum;Kraft\n"
                                     "[Column Kraft]\nMeasure=hip_adduction_frame\nUnit=N\n"
                                     "Suffix=side\nWhen=innen\n");
  JsonArray *list;
  JsonObject *saved;

  readme_contract (&want_profile, &want_column);
  /* What the README says, as written there by hand. */
  g_assert_cmpstr (want_profile, ==,
                   "id name builtin delimiter decimal_mark date_columns date_formats time_columns "
                   "time_formats utc patient_column name_column discriminator_column test_column "
                   "tests encoding signature columns");
  g_assert_cmpstr (want_column, ==, "header measure side side_in_cell unit unit_in_cell when");

  seed (f);
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "save", ini, NULL), ==, 0);
  g_assert_cmpint (run (f->db, &out, &err, "profiles", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);
      JsonArray *columns = json_object_get_array_member (p, "columns");
      g_autofree char *names = member_names (p);

      g_assert_cmpstr (names, ==, want_profile);
      for (guint j = 0; j < json_array_get_length (columns); j++)
        {
          g_autofree char *column_names = member_names (json_array_get_object_element (columns, j));

          g_assert_cmpstr (column_names, ==, want_column);
        }
    }

  /* The saved profile's values, as its key file says them. */
  saved = json_array_get_object_element (list, 2);
  g_assert_cmpstr (json_object_get_string_member (saved, "id"), ==, "every-key");
  g_assert_cmpstr (json_object_get_string_member (saved, "delimiter"), ==, "tab");
  g_assert_cmpstr (json_object_get_string_member (saved, "decimal_mark"), ==, ",");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (saved, "date_columns"), 1), ==, "Date");
  g_assert_true (json_object_get_boolean_member (saved, "utc"));
  g_assert_cmpstr (json_object_get_string_member (saved, "encoding"), ==, "windows-1252");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (saved, "tests"), 1), ==, "B");
  {
    JsonObject *c = json_array_get_object_element (json_object_get_array_member (saved, "columns"), 0);

    g_assert_cmpstr (json_object_get_string_member (c, "side"), ==, "none");
    g_assert_true (json_object_get_boolean_member (c, "side_in_cell"));
    g_assert_false (json_object_get_boolean_member (c, "unit_in_cell"));
    g_assert_cmpstr (json_object_get_string_member (c, "when"), ==, "innen");
  }
  /* A built-in one leaves keys out: null, or [] for a list. */
  {
    JsonObject *nordbord = json_array_get_object_element (list, 0);

    g_assert_true (json_object_get_null_member (nordbord, "patient_column"));
    g_assert_true (json_object_get_null_member (nordbord, "encoding"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nordbord, "tests")), ==, 1);
  }
}

/* The left and right values of @measure at @date in `summary --json`, as "L/R". */
static char *
summary_values (Fixture    *f,
                const char *date,
                const char *measure)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *visits;

  g_assert_cmpint (run (f->db, &out, &err, "summary", "--patient", "FX-1", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  visits = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "visits");
  for (guint i = 0; i < json_array_get_length (visits); i++)
    {
      JsonObject *v = json_array_get_object_element (visits, i);
      JsonArray *measures = json_object_get_array_member (v, "measures");

      if (!g_str_equal (json_object_get_string_member (v, "date"), date))
        continue;
      for (guint j = 0; j < json_array_get_length (measures); j++)
        {
          JsonObject *m = json_array_get_object_element (measures, j);

          if (g_str_equal (json_object_get_string_member (m, "measure"), measure))
            return g_strdup_printf ("%g/%g", json_object_get_double_member (m, "left"),
                                    json_object_get_double_member (m, "right"));
        }
    }
  return NULL;
}

static void
test_import_profile (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *nordbord = device_file ("nordbord.csv");
  g_autofree char *clinic = device_file ("clinic.csv");
  g_autofree char *clinic_ini = device_file ("clinic.ini");
  g_autofree char *first = NULL, *second = NULL;

  seed (f);
  /* A name-only export needs its patient. */
  g_assert_cmpint (run (f->db, &out, &err, "import", "--profile", "nordbord", nordbord, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--patient MRN"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_cmpint (run (f->db, &out, &err, "import", "--profile", "nordbord", "--patient", "FX-1",
                        nordbord, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "visits: 2, measurements: 4."));
  /* Of 18 columns, 6 are read (Name, the date and time, Test, L and R Max Force); the rows of
   * ISO Prone and Razor are skipped, each test named once. */
  g_assert_nonnull (strstr (err, "12 columns are not read"));
  g_assert_nonnull (strstr (err, "the test “ISO Prone” is not one profile “nordbord” reads"));
  /* UTC here: 11:30 PM on 3/14 stays 14 March. Max force L 312.5, R 287; then 330 and 301.25. */
  first = summary_values (f, "2026-03-14", "hamstrings_nordic");
  second = summary_values (f, "2026-04-02", "hamstrings_nordic");
  g_assert_cmpstr (first, ==, "312.5/287");
  g_assert_cmpstr (second, ==, "330/301.25");
  /* Twice adds nothing. */
  g_assert_cmpint (run (f->db, &out, &err, "import", "--profile", "nordbord", "--patient", "FX-1",
                        nordbord, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "visits: 0, measurements: 0. Measurements already stored: 4."));

  /* A profile by its file: FX-2 is not stored, so nothing of the file is imported. */
  g_assert_cmpint (run (f->db, &out, &err, "import", "--profile", clinic_ini, clinic, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3, column 1 (Patient-ID): no patient has the MRN “FX-2”"));
  g_assert_null (summary_values (f, "2026-08-01", "quadriceps_hhd"));

  g_assert_cmpint (run (f->db, &out, &err, "import", "--profile", "nope", clinic, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No profile has the id “nope”"));
  g_assert_cmpint (run (f->db, &out, &err, "import", "--patient", "FX-1", clinic, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/profiles/list-detect-save", Fixture, NULL, fixture_set_up,
              test_profiles_list_detect_save, fixture_tear_down);
  g_test_add ("/cli/profiles/json-contract", Fixture, NULL, fixture_set_up,
              test_profiles_json_contract, fixture_tear_down);
  g_test_add ("/cli/profiles/import", Fixture, NULL, fixture_set_up, test_import_profile,
              fixture_tear_down);
  return g_test_run ();
}
