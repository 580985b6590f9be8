/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Questionnaires through the built vastus-cli (VASTUS_CLI_PATH): the answers CSV in and out
 * (all or nothing, messages naming line and column, a round trip), scores computed on import,
 * a flat CSV score that contradicts the answers, `questionnaires` and `score`.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
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

  f->dir = g_dir_make_tmp ("vastus-cli-q-XXXXXX", &error);
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
  envp = g_environ_setenv (envp, "VASTUS_TODAY", "2026-06-01", TRUE);
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

/* A patient with an episode and visits on 2026-02-02 (koos_pain typed 80) and 2026-03-02. */
static const char flat_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\r\n"
  "Q-1,Ann Example,1990-05-05,female,aclr,left,2026-01-05,2026-02-02,koos_pain,none,80,points\r\n"
  "Q-1,Ann Example,1990-05-05,female,aclr,left,2026-01-05,2026-03-02,pain_nrs,none,2,points\r\n";

/* KOS-ADLS at both visits: sum 46 → 65.714… (clinical-reference's fixture), then all 5s → 100:
 * a change of 34.29, more than the MIC of 7.1. Tegner at the second. Rows in export order. */
static const char answers_csv[] =
  "mrn,visit_date,instrument,item,answer\r\n"
  "Q-1,2026-02-02,kos_adls,1,3\r\n" "Q-1,2026-02-02,kos_adls,2,3\r\n" "Q-1,2026-02-02,kos_adls,3,3\r\n"
  "Q-1,2026-02-02,kos_adls,4,3\r\n" "Q-1,2026-02-02,kos_adls,5,3\r\n" "Q-1,2026-02-02,kos_adls,6,3\r\n"
  "Q-1,2026-02-02,kos_adls,7,3\r\n" "Q-1,2026-02-02,kos_adls,8,3\r\n" "Q-1,2026-02-02,kos_adls,9,3\r\n"
  "Q-1,2026-02-02,kos_adls,10,3\r\n" "Q-1,2026-02-02,kos_adls,11,4\r\n" "Q-1,2026-02-02,kos_adls,12,4\r\n"
  "Q-1,2026-02-02,kos_adls,13,4\r\n" "Q-1,2026-02-02,kos_adls,14,4\r\n"
  "Q-1,2026-03-02,kos_adls,1,5\r\n" "Q-1,2026-03-02,kos_adls,2,5\r\n" "Q-1,2026-03-02,kos_adls,3,5\r\n"
  "Q-1,2026-03-02,kos_adls,4,5\r\n" "Q-1,2026-03-02,kos_adls,5,5\r\n" "Q-1,2026-03-02,kos_adls,6,5\r\n"
  "Q-1,2026-03-02,kos_adls,7,5\r\n" "Q-1,2026-03-02,kos_adls,8,5\r\n" "Q-1,2026-03-02,kos_adls,9,5\r\n"
  "Q-1,2026-03-02,kos_adls,10,5\r\n" "Q-1,2026-03-02,kos_adls,11,5\r\n" "Q-1,2026-03-02,kos_adls,12,5\r\n"
  "Q-1,2026-03-02,kos_adls,13,5\r\n" "Q-1,2026-03-02,kos_adls,14,5\r\n"
  "Q-1,2026-03-02,tegner,before,7\r\n" "Q-1,2026-03-02,tegner,now,3\r\n";

static void
import_ok (Fixture    *f,
           const char *db,
           const char *name,
           const char *contents)
{
  g_autofree char *path = write_file (f, name, contents);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (db, &out, &err, "import", path, NULL), ==, 0);
}

static JsonNode *
score_json (const char *db)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_cmpint (run (db, &out, &err, "score", "--patient", "Q-1", "--json", NULL), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

/* visits[v].questionnaires[q].scales[s] */
static JsonObject *
scale_at (JsonNode *root,
          guint     v,
          guint     q,
          guint     s)
{
  JsonArray *visits = json_object_get_array_member (json_node_get_object (root), "visits");
  JsonObject *visit = json_array_get_object_element (visits, v);
  JsonObject *quest = json_array_get_object_element (json_object_get_array_member (visit, "questionnaires"), q);

  return json_array_get_object_element (json_object_get_array_member (quest, "scales"), s);
}

static void
test_import_scores_and_change (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL, *out = NULL, *err = NULL;
  JsonObject *s;

  import_ok (f, f->db, "flat.csv", flat_csv);
  import_ok (f, f->db, "answers.csv", answers_csv);
  root = score_json (f->db);

  /* Visit 1: KOOS pain typed 80 (first), KOS-ADLS 65.714… from 14 answers. */
  s = scale_at (root, 0, 0, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "koos_pain");
  g_assert_cmpfloat (json_object_get_double_member (s, "score"), ==, 80);
  s = scale_at (root, 0, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "kos_adls");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "score"), 46.0 / 70 * 100, 1e-9);
  g_assert_cmpint (json_object_get_int_member (s, "answered"), ==, 14);
  g_assert_true (json_object_get_null_member (s, "change"));

  /* Visit 2: KOS-ADLS 100, change 100 − 65.714 = 34.286 ≥ 7.1: improved. Tegner before 7, now 3. */
  s = scale_at (root, 1, 0, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "score"), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "change"), 100 - 46.0 / 70 * 100, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (s, "mic"), ==, 7.1);
  g_assert_cmpstr (json_object_get_string_member (s, "mic_change"), ==, "improved");
  g_assert_cmpstr (json_object_get_string_member (s, "first_date"), ==, "2026-02-02");
  s = scale_at (root, 1, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "tegner_before_injury");
  g_assert_cmpfloat (json_object_get_double_member (s, "score"), ==, 7);
  s = scale_at (root, 1, 1, 1);
  g_assert_cmpstr (json_object_get_string_member (s, "measure"), ==, "tegner");
  g_assert_cmpfloat (json_object_get_double_member (s, "score"), ==, 3);

  /* Again: nothing new. */
  path = write_file (f, "again.csv", answers_csv);
  g_assert_cmpint (run (f->db, &out, &err, "import", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported questionnaires: 0"));
  g_assert_nonnull (strstr (out, "Already stored: 3."));

  /* The clinic's own MIC: 40 → within. */
  g_assert_cmpint (run (f->db, &out, &err, "questionnaires", "mic", "kos_adls", "40", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = score_json (f->db);
  g_assert_cmpstr (json_object_get_string_member (scale_at (root, 1, 0, 0), "mic_change"), ==, "within");
}

/* Export → import into an empty database (flat first) → export gives the same bytes. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *other = storage_test_new_location (f->dir, "other.db");
  g_autofree char *answers = NULL, *flat = NULL, *again = NULL, *err = NULL;
  g_autofree char *flat_path = NULL, *answers_path = NULL;

  import_ok (f, f->db, "flat.csv", flat_csv);
  import_ok (f, f->db, "answers.csv", answers_csv);
  g_assert_cmpint (run (f->db, &answers, &err, "export", "--answers", NULL), ==, 0);
  g_assert_cmpstr (answers, ==, answers_csv);
  g_assert_cmpint (run (f->db, &flat, &err, "export", NULL), ==, 0);
  /* The flat export holds the computed scores as rows. */
  g_assert_nonnull (strstr (flat, "kos_adls"));

  flat_path = write_file (f, "flat-out.csv", flat);
  answers_path = write_file (f, "answers-out.csv", answers);
  g_assert_cmpint (run (other, NULL, &err, "import", flat_path, NULL), ==, 0);
  g_assert_cmpint (run (other, NULL, &err, "import", answers_path, NULL), ==, 0);
  g_assert_cmpint (run (other, &again, &err, "export", "--answers", NULL), ==, 0);
  g_assert_cmpstr (again, ==, answers);
  g_clear_pointer (&again, g_free);
  g_assert_cmpint (run (other, &again, &err, "export", NULL), ==, 0);
  g_assert_cmpstr (again, ==, flat);
}

/* Errors name file, line and column, and nothing is stored. */
static void
test_import_errors (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *rows; const char *message; } cases[] = {
    { "Q-1,2026-02-02,koos,P1,7\r\n",
      "bad.csv: line 2, column 5 (answer): KOOS item P1: “7” is not an answer; it takes 0–4." },
    { "Q-1,2026-02-02,koos,P1,1.5\r\n",
      "bad.csv: line 2, column 5 (answer): KOOS item P1: “1.5” is not an answer; it takes 0–4." },
    { "Q-1,2026-02-02,koos,P10,1\r\n", "bad.csv: line 2, column 4 (item): KOOS has no item “P10”." },
    { "Q-1,2026-02-02,oxford,1,1\r\n", "bad.csv: line 2, column 3 (instrument): There is no questionnaire “oxford”" },
    { "Q-1,2026-02-30,koos,P1,1\r\n", "bad.csv: line 2, column 2 (visit_date)" },
    { "Q-9,2026-02-02,koos,P1,1\r\n", "bad.csv: line 2, column 1 (mrn): There is no patient with MRN “Q-9”" },
    { "Q-1,2026-02-02,lysholm,limp,5\r\nQ-1,2026-02-02,lysholm,limp,3\r\n",
      "bad.csv: line 3, column 4 (item): Lysholm item limp of Q-1 on 2026-02-02 is on line 2 too." },
    /* The typed KOOS pain 80 contradicts pain answers that score 75. */
    { "Q-1,2026-02-02,koos,P1,1\r\nQ-1,2026-02-02,koos,P2,1\r\nQ-1,2026-02-02,koos,P3,1\r\n"
      "Q-1,2026-02-02,koos,P4,1\r\nQ-1,2026-02-02,koos,P5,1\r\n",
      "bad.csv: line 2, column 3 (instrument): koos_pain 80 contradicts this visit’s KOOS answers, which score 75." },
  };
  g_autofree char *out = NULL, *err = NULL, *before = NULL, *after = NULL;

  import_ok (f, f->db, "flat.csv", flat_csv);
  g_assert_cmpint (run (f->db, &before, &err, "export", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A good questionnaire after the bad rows: it must not be stored either. */
      g_autofree char *text = g_strconcat ("mrn,visit_date,instrument,item,answer\r\n", cases[i].rows,
                                           "Q-1,2026-03-02,tegner,now,3\r\n", NULL);
      g_autofree char *path = NULL;

      path = write_file (f, "bad.csv", text);
      g_assert_cmpint (run (f->db, &out, &err, "import", path, NULL), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_nonnull (strstr (err, "nothing was imported"));
      g_clear_pointer (&after, g_free);
      g_assert_cmpint (run (f->db, &after, &err, "export", "--answers", NULL), ==, 0);
      g_assert_cmpstr (after, ==, "mrn,visit_date,instrument,item,answer\r\n");
    }
  g_clear_pointer (&after, g_free);
  g_assert_cmpint (run (f->db, &after, &err, "export", NULL), ==, 0);
  g_assert_cmpstr (after, ==, before);
}

/* A flat CSV score row that contradicts the answers of the same visit is an error, naming the
 * line and the value column. */
static void
test_flat_contradiction (Fixture       *f,
                         gconstpointer  data)
{
  static const char contradicting[] =
    "mrn,visit_date,measure,side,value,unit\r\n"
    "Q-1,2026-03-02,kos_adls,none,90,points\r\n";
  static const char agreeing[] =
    "mrn,visit_date,measure,side,value,unit\r\n"
    "Q-1,2026-03-02,kos_adls,none,100,points\r\n";
  g_autofree char *path = NULL, *out = NULL, *err = NULL;

  import_ok (f, f->db, "flat.csv", flat_csv);
  import_ok (f, f->db, "answers.csv", answers_csv);
  path = write_file (f, "more.csv", contradicting);
  g_assert_cmpint (run (f->db, &out, &err, "import", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "more.csv: line 2, column 5 (value): kos_adls 90 contradicts this visit’s "
                                 "KOS-ADLS answers, which score 100."));
  g_clear_pointer (&path, g_free);
  path = write_file (f, "same.csv", agreeing);
  g_assert_cmpint (run (f->db, &out, &err, "import", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Measurements already stored: 1."));
}

static void
test_mixed_kinds (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *flat = write_file (f, "flat.csv", flat_csv);
  g_autofree char *answers = write_file (f, "answers.csv", answers_csv);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (f->db, &out, &err, "import", flat, answers, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "import each kind with its own command"));
}

static void
test_questionnaires_json (Fixture       *f,
                          gconstpointer  data)
{
  static const char *const ids[] = { "koos", "koos12", "koos_jr", "ikdc", "kos_adls", "lefs", "lysholm",
                                     "kujala", "acl_rsi", "acl_rsi_short", "tegner" };
  static const char wording[] = "[tegner]\nbefore\tBefore?\nnow\tNow?\n";
  g_autofree char *out = NULL, *err = NULL, *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  JsonObject *koos, *pain;

  import_ok (f, f->db, "flat.csv", flat_csv);
  path = write_file (f, "wording.txt", wording);
  g_assert_cmpint (run (f->db, &out, &err, "questionnaires", "load", path, NULL), ==, 0);
  g_assert_cmpint (run (f->db, &out, &err, "questionnaires", "--json", NULL), ==, 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  list = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i), "id"), ==, ids[i]);
  koos = json_array_get_object_element (list, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (koos, "items")), ==, 42);
  g_assert_false (json_object_get_boolean_member (koos, "wording_loaded"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 10), "wording_loaded"));
  pain = json_array_get_object_element (json_object_get_array_member (koos, "scales"), 0);
  g_assert_cmpstr (json_object_get_string_member (pain, "measure"), ==, "koos_pain");
  g_assert_cmpint (json_object_get_int_member (pain, "min_answered"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (pain, "mic"), "value"), ==, 16.7);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pain, "mic"), "set_by"), ==, "default");

  /* A wording file with a mistake loads nothing and names the line. */
  g_clear_pointer (&path, g_free);
  path = write_file (f, "bad-wording.txt", "[koos]\nP1\tq\n");
  g_assert_cmpint (run (f->db, &out, &err, "questionnaires", "load", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 1: KOOS: no wording for"));
}

/* chart --kind prom: the questionnaire chart as PNG; a measure that no questionnaire scores is
 * a usage error. */
static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "prom.png", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  gsize length = 0;

  import_ok (f, f->db, "flat.csv", flat_csv);
  g_assert_cmpint (run (f->db, &out, &err, "chart", "--patient", "Q-1", "--kind", "prom", "--measure", "lefs",
                        "-o", png, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No questionnaire scores"));
  import_ok (f, f->db, "answers.csv", answers_csv);
  g_assert_cmpint (run (f->db, &out, &err, "chart", "--patient", "Q-1", "--kind", "prom", "--measure", "kos_adls",
                        "-o", png, NULL), ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
  g_assert_cmpint (run (f->db, &out, &err, "chart", "--patient", "Q-1", "--kind", "prom", "--measure",
                        "quadriceps_hhd", "-o", png, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/questionnaires/import-scores-and-change", test_import_scores_and_change);
  ADD ("/cli/questionnaires/round-trip", test_round_trip);
  ADD ("/cli/questionnaires/import-errors", test_import_errors);
  ADD ("/cli/questionnaires/flat-contradiction", test_flat_contradiction);
  ADD ("/cli/questionnaires/mixed-kinds", test_mixed_kinds);
  ADD ("/cli/questionnaires/list", test_questionnaires_json);
  ADD ("/cli/questionnaires/chart", test_chart);
#undef ADD

  return g_test_run ();
}
