/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vastus-cli criteria / summary / evaluate on a temporary database filled by `import`. The JSON
 * is parsed with json-glib and checked field by field against values worked out by hand
 * (clinical-reference.md §2; the arithmetic is in the comments).
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "storage-test-util.h"
#include "vastus-clinic-rules-store.h"

#define EPS 1e-9

/* Patient CLI-1, female, ACL reconstruction of the left knee on 2026-01-05. */
static const char csv[] =
  "mrn,visit_date,measure,side,value,unit,trial,baseline,knee_angle_deg,name,birth_date,sex,condition,involved_side,surgery_date\n"
  /* pre-op: baselines of both sides */
  "CLI-1,2025-12-15,quadriceps_mvic,right,250,Nm,1,yes,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2025-12-15,quadriceps_mvic,left,180,Nm,1,yes,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  /* 13 weeks: quadriceps 150/200 = 75 %, single hop 120/160 = 75 % */
  "CLI-1,2026-04-06,quadriceps_mvic,left,150,Nm,1,,60,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-04-06,quadriceps_mvic,right,200,Nm,1,,60,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-04-06,single_hop,left,120,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-04-06,single_hop,right,160,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-04-06,pain_nrs,none,3,points,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  /* 26 weeks: quadriceps max(190, 200) / 210; knee angle changed 60 → 90 */
  "CLI-1,2026-07-06,quadriceps_mvic,left,190,Nm,1,,90,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,quadriceps_mvic,left,200,Nm,2,,90,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,quadriceps_mvic,right,210,Nm,1,,90,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  /* hops: single mean(150, 160) / mean(160, 170); crossover 450/500; triple 480/500;
   * timed 1.8 (uninvolved) / 2.0 (involved) */
  "CLI-1,2026-07-06,single_hop,left,150,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,single_hop,left,160,cm,2,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,single_hop,right,160,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,single_hop,right,170,cm,2,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,crossover_hop,left,450,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,crossover_hop,right,500,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,triple_hop,left,480,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,triple_hop,right,500,cm,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,timed_hop_6m,left,2.0,s,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,timed_hop_6m,right,1.8,s,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,kos_adls,none,92,points,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,global_rating,none,88,points,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  /* hand-held dynamometer typed in lbf: 40 lbf / 50 lbf = 80 % */
  "CLI-1,2026-07-06,quadriceps_hhd,left,40,lbf,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,quadriceps_hhd,right,50,lbf,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,effusion_stroke,left,trace,grade,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n"
  "CLI-1,2026-07-06,effusion_stroke,right,0,grade,1,,,Test Person,1995-03-01,female,aclr,left,2026-01-05\n";

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static int
run_v (Fixture  *f,
       char    **out,
       char    **err,
       va_list   args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  int status = -1;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "VASTUS_DB");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "VASTUS_TODAY", "2026-07-10", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_test_message ("vastus-cli %s → %d; stderr: %s", (char *) argv->pdata[3], WEXITSTATUS (status), e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return WEXITSTATUS (status);
}

G_GNUC_NULL_TERMINATED
static int
run (Fixture  *f,
     char    **out,
     ...)
{
  va_list args;
  int status;

  va_start (args, out);
  status = run_v (f, out, NULL, args);
  va_end (args);
  return status;
}

/* The same, keeping what it wrote on stderr in @err. */
G_GNUC_NULL_TERMINATED
static int
run_err (Fixture  *f,
         char    **err,
         ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_v (f, NULL, err, args);
  va_end (args);
  return status;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;

  f->dir = g_dir_make_tmp ("vastus-cli-clinical-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = storage_test_new_location (f->dir, "test.db");
  csv_path = g_build_filename (f->dir, "data.csv", NULL);
  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));
  g_assert_cmpint (run (f, NULL, "import", csv_path, NULL), ==, 0);
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

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
find_by (JsonArray  *array,
         const char *member,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, member), value) == 0)
        return o;
    }
  g_error ("no %s = %s", member, value);
  return NULL;
}

static void
assert_null_member (JsonObject *o,
                    const char *member)
{
  g_assert_true (json_object_has_member (o, member));
  g_assert_true (json_node_is_null (json_object_get_member (o, member)));
}

static void
assert_criterion (JsonArray  *criteria,
                  const char *id,
                  const char *measure,
                  const char *metric,
                  const char *comparator,
                  double      threshold,
                  double      value,
                  const char *unit,
                  const char *visit_date,
                  const char *status,
                  const char *first_met)
{
  JsonObject *c = find_by (criteria, "id", id);
  static const char *members[] = {
    "id", "label", "measure", "metric", "comparator", "threshold", "value", "unit", "visit_date",
    "status", "first_met",
  };
  gboolean tested = !g_str_equal (status, "not_tested");

  g_test_message ("criterion %s", id);
  /* every criterion not tested says why */
  g_assert_cmpuint (json_object_get_size (c), ==, G_N_ELEMENTS (members) + (tested ? 0 : 1));
  if (!tested)
    g_assert_nonnull (json_object_get_string_member (c, "reason"));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (c, members[i]));
  g_assert_nonnull (json_object_get_string_member (c, "label"));
  if (measure != NULL)
    g_assert_cmpstr (json_object_get_string_member (c, "measure"), ==, measure);
  else
    assert_null_member (c, "measure");
  g_assert_cmpstr (json_object_get_string_member (c, "metric"), ==, metric);
  g_assert_cmpstr (json_object_get_string_member (c, "comparator"), ==, comparator);
  g_assert_cmpfloat (json_object_get_double_member (c, "threshold"), ==, threshold);
  if (isnan (value))
    assert_null_member (c, "value");
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "value"), value, EPS);
  g_assert_cmpstr (json_object_get_string_member (c, "unit"), ==, unit);
  if (visit_date != NULL)
    g_assert_cmpstr (json_object_get_string_member (c, "visit_date"), ==, visit_date);
  else
    assert_null_member (c, "visit_date");
  g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, status);
  if (first_met != NULL)
    g_assert_cmpstr (json_object_get_string_member (c, "first_met"), ==, first_met);
  else
    assert_null_member (c, "first_met");
}

static gboolean
has_warning (JsonArray  *warnings,
             const char *code)
{
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      g_assert_nonnull (json_object_get_string_member (w, "message"));
      if (g_str_equal (json_object_get_string_member (w, "code"), code))
        return TRUE;
    }
  return FALSE;
}

static void
test_evaluate_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *episode, *set;
  JsonArray *criteria, *warnings;
  static const char *members[] = {
    "patient", "as_of", "episode", "weeks_since_surgery", "criteria_set", "max_age_weeks",
    "pain_limit", "maximal_test_weeks", "criteria", "met", "not_met", "not_tested", "all_met",
    "ready", "holds", "warnings",
  };

  /* as of today (VASTUS_TODAY=2026-07-10), the episode's default set for ACL reconstruction, as
   * its first version judged it */
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--set-version", "1", "--max-age", "0",
                        "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (o, members[i]));

  g_assert_cmpstr (json_object_get_string_member (o, "patient"), ==, "CLI-1");
  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2026-07-10");
  episode = json_object_get_object_member (o, "episode");
  g_assert_cmpstr (json_object_get_string_member (episode, "condition"), ==, "aclr");
  g_assert_cmpstr (json_object_get_string_member (episode, "involved_side"), ==, "left");
  g_assert_cmpstr (json_object_get_string_member (episode, "surgery_date"), ==, "2026-01-05");
  /* 2026-01-05 → 2026-07-10: 26 + 28 + 31 + 30 + 31 + 30 + 10 = 186 days = 26.571… weeks */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "weeks_since_surgery"), 186.0 / 7, EPS);
  set = json_object_get_object_member (o, "criteria_set");
  g_assert_cmpstr (json_object_get_string_member (set, "id"), ==, "aclr-return-to-sport");
  g_assert_cmpint (json_object_get_int_member (set, "version"), ==, 1);
  g_assert_nonnull (json_object_get_string_member (set, "title"));
  g_assert_nonnull (strstr (json_object_get_string_member (set, "source"), "Grindem"));

  criteria = json_object_get_array_member (o, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 8);
  /* 200 × 100 / 210 = 95.238…; 75 % on 2026-04-06 did not meet, so the run starts 07-06 */
  assert_criterion (criteria, "quadriceps-lsi", "quadriceps_mvic", "lsi", ">=", 90, 20000.0 / 210,
                    "%", "2026-07-06", "met", "2026-07-06");
  /* mean(150, 160) × 100 / mean(160, 170) = 15500 / 165 = 93.939… */
  assert_criterion (criteria, "single-hop-lsi", "single_hop", "lsi", ">=", 90, 15500.0 / 165,
                    "%", "2026-07-06", "met", "2026-07-06");
  /* 450 × 100 / 500 = 90: exactly at ≥ 90 */
  assert_criterion (criteria, "crossover-hop-lsi", "crossover_hop", "lsi", ">=", 90, 90,
                    "%", "2026-07-06", "met", "2026-07-06");
  assert_criterion (criteria, "triple-hop-lsi", "triple_hop", "lsi", ">=", 90, 96,
                    "%", "2026-07-06", "met", "2026-07-06");
  /* timed: uninvolved 1.8 × 100 / involved 2.0 = 90 */
  assert_criterion (criteria, "timed-hop-lsi", "timed_hop_6m", "lsi", ">=", 90, 90,
                    "%", "2026-07-06", "met", "2026-07-06");
  assert_criterion (criteria, "kos-adls", "kos_adls", "value", ">=", 90, 92,
                    "points", "2026-07-06", "met", "2026-07-06");
  assert_criterion (criteria, "global-rating", "global_rating", "value", ">=", 90, 88,
                    "points", "2026-07-06", "not_met", NULL);
  /* 12 weeks = 84 days after 2026-01-05: 2026-03-30 */
  assert_criterion (criteria, "weeks", NULL, "weeks", ">=", 12, 186.0 / 7,
                    "weeks", NULL, "met", "2026-03-30");

  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (o, "not_met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "not_tested"), ==, 0);
  g_assert_false (json_object_get_boolean_member (o, "all_met"));
  g_assert_false (json_object_get_boolean_member (o, "ready"));
  /* the window and limits used: --max-age 0, the default pain limit and test minimum; the
   * latest visit (pain not recorded, effusion trace) raises nothing */
  g_assert_cmpfloat (json_object_get_double_member (o, "max_age_weeks"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "pain_limit"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (o, "maximal_test_weeks"), ==, 12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "holds")), ==, 0);

  warnings = json_object_get_array_member (o, "warnings");
  /* EPIC 200 × 100 / 250 = 80 < 90 while LSI 95.2 ≥ 90; knee angle 60° → 90° */
  g_assert_true (has_warning (warnings, "lsi-overestimates"));
  g_assert_true (has_warning (warnings, "conditions-changed"));
  g_assert_false (has_warning (warnings, "lsi-above-130"));
  g_assert_false (has_warning (warnings, "no-lsi-both-sides"));
}

static void
test_evaluate_as_of (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *criteria;

  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--as-of", "2026-04-10",
                        "--set", "aclr-return-to-sport", "--set-version", "1", "--max-age", "0",
                        "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2026-04-10");
  /* 95 days */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "weeks_since_surgery"), 95.0 / 7, EPS);
  criteria = json_object_get_array_member (o, "criteria");
  /* 150 × 100 / 200 = 75 */
  assert_criterion (criteria, "quadriceps-lsi", "quadriceps_mvic", "lsi", ">=", 90, 75,
                    "%", "2026-04-06", "not_met", NULL);
  assert_criterion (criteria, "single-hop-lsi", "single_hop", "lsi", ">=", 90, 75,
                    "%", "2026-04-06", "not_met", NULL);
  /* not measured yet: not tested, the first listed measure, no value */
  assert_criterion (criteria, "crossover-hop-lsi", "crossover_hop", "lsi", ">=", 90, NAN,
                    "%", NULL, "not_tested", NULL);
  assert_criterion (criteria, "weeks", NULL, "weeks", ">=", 12, 95.0 / 7,
                    "weeks", NULL, "met", "2026-03-30");
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "not_met"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "not_tested"), ==, 5);
  g_assert_false (json_object_get_boolean_member (o, "all_met"));
  /* LSI 75 does not pass, so EPIC (150 × 100 / 250 = 60) raises no warning */
  g_assert_false (has_warning (json_object_get_array_member (o, "warnings"), "lsi-overestimates"));

  /* the late-phase gate: quadriceps 95.2 > 80; effusion trace ≤ trace; others not tested */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--set", "aclr-late-phase",
                        "--set-version", "1", "--max-age", "0", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  criteria = json_object_get_array_member (o, "criteria");
  assert_criterion (criteria, "quadriceps-index", "quadriceps_mvic", "lsi", ">", 80, 20000.0 / 210,
                    "%", "2026-07-06", "met", "2026-07-06");
  assert_criterion (criteria, "effusion-trace", "effusion_stroke", "value", "<=", 1, 1,
                    "grade", "2026-07-06", "met", "2026-07-06");
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "not_tested"), ==, 3);
}

static void
test_evaluate_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (f, NULL, "evaluate", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "CLI-1", "--as-of", "2026-13-01", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "NOBODY", NULL), ==, 1);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--set", "no-such-set", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (run (f, NULL, "summary", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "criteria", "extra", NULL), ==, 2);

  /* versions and windows that make no sense */
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "CLI-1", "--set-version", "-1", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "CLI-1", "--set-version", "x", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "CLI-1", "--max-age", "-1", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "CLI-1", "--max-age", "four", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--set-version", "3", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");

  /* the readable table: the latest version, the verdict as one statement */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "aclr-return-to-sport v2"));
  g_assert_nonnull (strstr (out, "95.2 %"));
  g_assert_nonnull (strstr (out, "Results count for 4 weeks before the date."));
  g_assert_null (strstr (out, "all criteria met"));
  g_assert_nonnull (strstr (out, " criteria met · not cleared: "));
}

static void
test_summary_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *visit, *m;
  JsonArray *visits;

  g_assert_cmpint (run (f, &out, "summary", "--patient", "CLI-1", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "patient"), ==, "CLI-1");
  visits = json_object_get_array_member (o, "visits");
  g_assert_cmpuint (json_array_get_length (visits), ==, 3);

  /* pre-op: 180 vs 250: LSI 72; EPIC against its own baseline 250: 72 */
  visit = json_array_get_object_element (visits, 0);
  g_assert_cmpstr (json_object_get_string_member (visit, "date"), ==, "2025-12-15");
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "quadriceps_mvic");
  g_assert_cmpfloat (json_object_get_double_member (m, "left"), ==, 180);
  g_assert_cmpfloat (json_object_get_double_member (m, "right"), ==, 250);
  g_assert_cmpfloat (json_object_get_double_member (m, "involved"), ==, 180);
  g_assert_cmpfloat (json_object_get_double_member (m, "uninvolved"), ==, 250);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "lsi"), 72, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "epic"), 72, EPS);

  visit = json_array_get_object_element (visits, 2);
  g_assert_cmpstr (json_object_get_string_member (visit, "date"), ==, "2026-07-06");
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "quadriceps_mvic");
  g_assert_cmpfloat (json_object_get_double_member (m, "involved"), ==, 200);   /* max of 190, 200 */
  g_assert_cmpfloat (json_object_get_double_member (m, "uninvolved"), ==, 210);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "lsi"), 20000.0 / 210, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "epic"), 80, EPS);
  /* entered in lbf, stored in N: 40 × 4.4482216152605 = 177.92886461042 N; LSI 80 */
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "quadriceps_hhd");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "left"), 177.92886461042, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "lsi"), 80, EPS);
  assert_null_member (m, "epic");                      /* no HHD baseline */
  /* timed hop: uninvolved 1.8 / involved 2.0 */
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "timed_hop_6m");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "lsi"), 90, EPS);
  /* effusion: grades, a difference of 1 step, no LSI */
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "effusion_stroke");
  g_assert_cmpfloat (json_object_get_double_member (m, "involved"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (m, "difference"), ==, 1);
  assert_null_member (m, "lsi");
  /* one-sided: a value, no sides */
  m = find_by (json_object_get_array_member (visit, "measures"), "measure", "kos_adls");
  g_assert_cmpfloat (json_object_get_double_member (m, "value"), ==, 92);
  assert_null_member (m, "left");
  assert_null_member (m, "lsi");
}

static void
test_criteria_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  static const char *ids[] = {
    "aclr-late-phase", "aclr-return-to-running", "aclr-return-to-sport", "aclr-gokeler",
    "pfp-return-to-activity", "tka-milestones",
  };
  JsonArray *sets;
  JsonObject *rts, *quad;

  g_assert_cmpint (run (f, &out, "criteria", "--json", NULL), ==, 0);
  root = parse (out);
  sets = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (sets), ==, G_N_ELEMENTS (ids));
  /* the latest versions: three sets have a version 2 */
  static const int versions[] = { 2, 1, 2, 2, 1, 1 };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *set = find_by (sets, "id", ids[i]);

      g_assert_cmpint (json_object_get_int_member (set, "version"), ==, versions[i]);
      g_assert_true (json_object_get_boolean_member (set, "builtin"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (set, "criteria")), >, 0);
    }
  rts = find_by (sets, "id", "aclr-return-to-sport");
  quad = find_by (json_object_get_array_member (rts, "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "metric"), ==, "lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "comparator"), ==, ">=");
  g_assert_cmpfloat (json_object_get_double_member (quad, "threshold"), ==, 90);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (quad, "measures"), 0), ==, "quadriceps_mvic");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "criteria", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "aclr-gokeler"));
}

/* A clinic copies a built-in set and edits its copy: each edit is a new version, the built-in
 * set stays as it was, and evaluations name the version they used. */
static void
test_criteria_copy_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *versions;
  JsonObject *v1, *v2, *quad1, *quad2, *set;

  g_assert_cmpint (run (f, NULL, "criteria", "copy", "aclr-return-to-sport", "clinic-rts",
                        "--title", "Clinic RTS", NULL), ==, 0);
  /* The id is taken now. */
  g_assert_cmpint (run (f, NULL, "criteria", "copy", "aclr-return-to-sport", "clinic-rts", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "quadriceps-lsi",
                        "--threshold", "95", "--comparator", ">",
                        "--label", "Quadriceps index above 95 %", NULL), ==, 0);
  /* Built-in sets are refused; so are unknown criteria, bad comparators, bad numbers. */
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "aclr-return-to-sport", "quadriceps-lsi",
                        "--threshold", "95", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "no-such", "--threshold", "1", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "quadriceps-lsi", "--comparator", "=>", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "quadriceps-lsi", "--threshold", "9x", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "quadriceps-lsi", NULL), ==, 2);

  g_assert_cmpint (run (f, &out, "criteria", "versions", "clinic-rts", "--json", NULL), ==, 0);
  root = parse (out);
  versions = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  v1 = json_array_get_object_element (versions, 0);
  v2 = json_array_get_object_element (versions, 1);
  g_assert_cmpint (json_object_get_int_member (v1, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (v2, "version"), ==, 2);
  g_assert_false (json_object_get_boolean_member (v2, "builtin"));
  g_assert_cmpstr (json_object_get_string_member (v2, "title"), ==, "Clinic RTS");
  quad1 = find_by (json_object_get_array_member (v1, "criteria"), "id", "quadriceps-lsi");
  quad2 = find_by (json_object_get_array_member (v2, "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpfloat (json_object_get_double_member (quad1, "threshold"), ==, 90);
  g_assert_cmpstr (json_object_get_string_member (quad1, "comparator"), ==, ">=");
  g_assert_cmpfloat (json_object_get_double_member (quad2, "threshold"), ==, 95);
  g_assert_cmpstr (json_object_get_string_member (quad2, "comparator"), ==, ">");
  g_assert_cmpstr (json_object_get_string_member (quad2, "label"), ==, "Quadriceps index above 95 %");

  /* The built-in set is unchanged. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "criteria", "--json", NULL), ==, 0);
  root = parse (out);
  set = find_by (json_node_get_array (root), "id", "aclr-return-to-sport");
  g_assert_cmpint (json_object_get_int_member (set, "version"), ==, 2);
  quad1 = find_by (json_object_get_array_member (set, "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpfloat (json_object_get_double_member (quad1, "threshold"), ==, 90);

  /* An earlier version copied: the 8 criteria of version 1, based on it. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "criteria", "copy", "aclr-return-to-sport", "clinic-rts-v1",
                        "--version", "1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Copied aclr-return-to-sport@1 to clinic-rts-v1, version 1.\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "criteria", "versions", "clinic-rts-v1", "--json", NULL), ==, 0);
  root = parse (out);
  set = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (set, "based_on"), ==, "aclr-return-to-sport@1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (set, "criteria")), ==, 8);
  g_assert_cmpint (run (f, NULL, "criteria", "copy", "aclr-return-to-sport", "clinic-rts-v5",
                        "--version", "5", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "edit", "clinic-rts", "quadriceps-lsi",
                        "--threshold", "91", "--version", "1", NULL), ==, 2);

  /* An evaluation with the copy names its version. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--set", "clinic-rts", "--json", NULL), ==, 0);
  root = parse (out);
  set = json_object_get_object_member (json_node_get_object (root), "criteria_set");
  g_assert_cmpstr (json_object_get_string_member (set, "id"), ==, "clinic-rts");
  g_assert_cmpint (json_object_get_int_member (set, "version"), ==, 2);
}

/* Issue 23's patient, by import: ACL reconstruction of the left knee on 2026-01-05; a hop at 9
 * weeks (2026-03-09); at 13 weeks (2026-04-06) the full battery with the quadriceps from a
 * hand-held dynamometer held by hand (300 N on both legs: 100 %), a 2+ effusion and pain 5/10;
 * at 26 weeks (2026-07-06) the quadriceps by MVIC 190 / 200 = 95 %. */
static const char verdict_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,trial,value,unit,fixation\n"
  "V-13,Verdict Case,1996-05-01,female,aclr,left,2026-01-05,2026-03-09,single_hop,left,1,100,cm,\n"
  "V-13,,,,,,,2026-03-09,single_hop,right,1,140,cm,\n"
  "V-13,,,,,,,2026-04-06,quadriceps_hhd,left,1,300,N,manual\n"
  "V-13,,,,,,,2026-04-06,quadriceps_hhd,right,1,300,N,manual\n"
  "V-13,,,,,,,2026-04-06,single_hop,left,1,150,cm,\n"
  "V-13,,,,,,,2026-04-06,single_hop,right,1,160,cm,\n"
  "V-13,,,,,,,2026-04-06,crossover_hop,left,1,450,cm,\n"
  "V-13,,,,,,,2026-04-06,crossover_hop,right,1,480,cm,\n"
  "V-13,,,,,,,2026-04-06,triple_hop,left,1,470,cm,\n"
  "V-13,,,,,,,2026-04-06,triple_hop,right,1,500,cm,\n"
  "V-13,,,,,,,2026-04-06,timed_hop_6m,left,1,1.9,s,\n"
  "V-13,,,,,,,2026-04-06,timed_hop_6m,right,1,1.8,s,\n"
  "V-13,,,,,,,2026-04-06,kos_adls,none,1,92,points,\n"
  "V-13,,,,,,,2026-04-06,global_rating,none,1,92,points,\n"
  "V-13,,,,,,,2026-04-06,effusion_stroke,left,1,2+,grade,\n"
  "V-13,,,,,,,2026-04-06,effusion_stroke,right,1,0,grade,\n"
  "V-13,,,,,,,2026-04-06,pain_nrs,none,1,5,points,\n"
  "V-13,,,,,,,2026-04-06,knee_flexion,left,1,140,deg,\n"
  "V-13,,,,,,,2026-04-06,knee_flexion,right,1,145,deg,\n"
  "V-13,,,,,,,2026-04-06,knee_extension,left,1,0,deg,\n"
  "V-13,,,,,,,2026-04-06,knee_extension,right,1,0,deg,\n"
  "V-13,,,,,,,2026-07-06,quadriceps_mvic,left,1,190,Nm,\n"
  "V-13,,,,,,,2026-07-06,quadriceps_mvic,right,1,200,Nm,\n";

static gboolean
has_code (JsonArray  *array,
          const char *code)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "code"), code))
        {
          g_assert_nonnull (json_object_get_string_member (o, "message"));
          g_assert_nonnull (json_object_get_string_member (o, "source"));
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_evaluate_verdict (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->dir, "verdict.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *quad;
  JsonArray *criteria, *holds;

  g_assert_true (g_file_set_contents (csv_path, verdict_csv, -1, &error));
  g_assert_cmpint (run (f, NULL, "import", csv_path, NULL), ==, 0);

  /* 13 weeks, the latest set (version 2), the default window of 4 weeks */
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-04-06", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "criteria_set"), "version"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (o, "max_age_weeks"), ==, 4);
  criteria = json_object_get_array_member (o, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 12);
  /* 91 days = 13 weeks: not the 39 the source advises; 2+ is not trace or less */
  assert_criterion (criteria, "weeks-9-months", NULL, "weeks", ">=", 39, 13, "weeks", NULL, "not_met", NULL);
  assert_criterion (criteria, "effusion-trace", "effusion_stroke", "value", "<=", 1, 3, "grade",
                    "2026-04-06", "not_met", NULL);
  /* 300 × 100 / 300 = 100 by a hand-held dynamometer held by hand */
  quad = find_by (criteria, "id", "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "status"), ==, "met");
  g_assert_cmpfloat (json_object_get_double_member (quad, "value"), ==, 100);
  g_assert_true (json_object_get_boolean_member (quad, "hand_held"));
  g_assert_cmpstr (json_object_get_string_member (quad, "fixation"), ==, "manual");
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (o, "not_met"), ==, 2);
  g_assert_false (json_object_get_boolean_member (o, "all_met"));
  g_assert_false (json_object_get_boolean_member (o, "ready"));
  holds = json_object_get_array_member (o, "holds");
  g_assert_cmpuint (json_array_get_length (holds), ==, 3);
  g_assert_true (has_code (holds, "effusion"));
  g_assert_true (has_code (holds, "pain"));
  g_assert_true (has_code (holds, "hhd-unfixed"));

  /* version 1 without a window, as the first version judged it: all 8 met, still not ready */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-04-06",
                        "--set-version", "1", "--max-age", "0", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "criteria_set"), "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 8);
  g_assert_true (json_object_get_boolean_member (o, "all_met"));
  g_assert_false (json_object_get_boolean_member (o, "ready"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "holds")), ==, 3);

  /* the same, read by a person: the verdict as one statement, the holds, no success wording */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-04-06", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "10 of 12 criteria met · not cleared: effusion 2+ (hold), pain 5/10 (hold), "
                                 "Quadriceps HHD held by hand (hold), 13 weeks of the 39 the source advises, "
                                 "1 more not met\n"));
  g_assert_nonnull (strstr (out, "Quadriceps strength index at least 90 % — by hand-held dynamometer"));
  g_assert_nonnull (strstr (out, "100.0 % by hand-held dynamometer, held by hand"));
  g_assert_nonnull (strstr (out, "Hold: Pain 5/10 is at or above the limit of 5/10"));
  g_assert_null (strstr (out, "all criteria met"));

  /* 2026-08-10: the 13-week battery is 126 days old, the MVIC 35 days: all stale but the
   * weeks (31.0 of 39) */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-08-10", "--json", NULL), ==, 0);
  root = parse (out);
  criteria = json_object_get_array_member (json_node_get_object (root), "criteria");
  quad = find_by (criteria, "id", "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "status"), ==, "not_tested");
  g_assert_cmpstr (json_object_get_string_member (quad, "reason"), ==, "stale");
  g_assert_cmpstr (json_object_get_string_member (quad, "last_measured"), ==, "2026-07-06");
  assert_null_member (quad, "value");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "not_tested"), ==, 10);
  /* --max-age 5: 35 days is within 5 weeks, 95 % counts */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-08-10",
                        "--max-age", "5", "--json", NULL), ==, 0);
  root = parse (out);
  quad = find_by (json_object_get_array_member (json_node_get_object (root), "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "status"), ==, "met");
  g_assert_cmpfloat (json_object_get_double_member (quad, "value"), ==, 95);

  /* the hop at 9 weeks: flagged at that visit */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "V-13", "--json", NULL), ==, 0);
  root = parse (out);
  {
    JsonArray *visits = json_object_get_array_member (json_node_get_object (root), "visits");
    JsonObject *nine = json_array_get_object_element (visits, 0);

    g_assert_cmpstr (json_object_get_string_member (nine, "date"), ==, "2026-03-09");
    g_assert_true (has_code (json_object_get_array_member (nine, "safety_flags"), "early-maximal-test"));
    g_assert_false (has_code (json_object_get_array_member (json_array_get_object_element (visits, 1), "safety_flags"),
                              "early-maximal-test"));
  }
}

/* Two episodes of opposite knees (issue 13): a right ACL reconstruction on 2025-03-03 and a left
 * one on 2026-03-02. */
static const char two_knees_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\n"
  /* right knee, 26 weeks: involved right 190 / uninvolved left 200 = 95 % */
  "TWO-1,Ana Lima,1990-04-02,female,aclr,right,2025-03-03,2025-09-01,quadriceps_mvic,left,200,Nm\n"
  "TWO-1,Ana Lima,1990-04-02,female,aclr,right,2025-03-03,2025-09-01,quadriceps_mvic,right,190,Nm\n"
  /* left knee, 17 weeks: involved left 150 / uninvolved right 200 = 75 % */
  "TWO-1,Ana Lima,1990-04-02,female,aclr,left,2026-03-02,2026-06-29,quadriceps_mvic,left,150,Nm\n"
  "TWO-1,Ana Lima,1990-04-02,female,aclr,left,2026-03-02,2026-06-29,quadriceps_mvic,right,200,Nm\n";

static void
import_text (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_cmpint (run (f, NULL, "import", path, NULL), ==, 0);
}

/* The episode object of @out's JSON: its id, after checking its side and surgery date. */
static gint64
json_episode (JsonObject *o,
              const char *side,
              const char *surgery)
{
  JsonObject *episode = json_object_get_object_member (o, "episode");

  g_assert_cmpstr (json_object_get_string_member (episode, "involved_side"), ==, side);
  g_assert_cmpstr (json_object_get_string_member (episode, "surgery_date"), ==, surgery);
  g_assert_cmpstr (json_object_get_string_member (episode, "start_date"), ==, surgery);
  return json_object_get_int_member (episode, "id");
}

static void
test_two_episodes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *right_id = NULL;
  g_autofree char *png = g_build_filename (f->dir, "right.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "right.pdf", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *episodes, *visits;
  JsonObject *o, *quad;
  gint64 right, left;

  import_text (f, "two.csv", two_knees_csv);

  /* episodes: newest first; today (2026-07-10) the left knee's is in force */
  g_assert_cmpint (run (f, &out, "episodes", "--patient", "TWO-1", "--json", NULL), ==, 0);
  root = parse (out);
  episodes = json_object_get_array_member (json_node_get_object (root), "episodes");
  g_assert_cmpuint (json_array_get_length (episodes), ==, 2);
  o = json_array_get_object_element (episodes, 0);
  left = json_object_get_int_member (o, "id");
  g_assert_cmpstr (json_object_get_string_member (o, "involved_side"), ==, "left");
  g_assert_cmpstr (json_object_get_string_member (o, "condition"), ==, "aclr");
  g_assert_cmpstr (json_object_get_string_member (o, "start_date"), ==, "2026-03-02");
  g_assert_true (json_object_get_boolean_member (o, "in_force"));
  o = json_array_get_object_element (episodes, 1);
  right = json_object_get_int_member (o, "id");
  g_assert_cmpstr (json_object_get_string_member (o, "involved_side"), ==, "right");
  g_assert_cmpstr (json_object_get_string_member (o, "first_visit"), ==, "2025-09-01");
  g_assert_false (json_object_get_boolean_member (o, "in_force"));
  g_assert_cmpint (right, !=, left);
  right_id = g_strdup_printf ("%" G_GINT64_FORMAT, right);

  /* The reproducer: as of 2025-09-01 the right knee's episode, measured that day, 182 days =
   * 26.0 weeks after its surgery (not the 2026 episode, "not measured", −26.0 weeks). */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "TWO-1", "--as-of", "2025-09-01",
                        "--set", "aclr-return-to-sport", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_episode (o, "right", "2025-03-03"), ==, right);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "weeks_since_surgery"), 26.0, EPS);
  assert_criterion (json_object_get_array_member (o, "criteria"), "quadriceps-lsi", "quadriceps_mvic",
                    "lsi", ">=", 90, 95, "%", "2025-09-01", "met", "2025-09-01");

  /* Today: the left knee's, 2026-03-02 + 130 days = 2026-07-10: 130 / 7 = 18.571 weeks; its own
   * 150 / 200 = 75 %, and no first met from the other knee's 95 %. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "TWO-1", "--set", "aclr-return-to-sport",
                        "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_episode (o, "left", "2026-03-02"), ==, left);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "weeks_since_surgery"), 130.0 / 7.0, EPS);
  assert_criterion (json_object_get_array_member (o, "criteria"), "quadriceps-lsi", "quadriceps_mvic",
                    "lsi", ">=", 90, 75, "%", "2026-06-29", "not_met", NULL);
  /* --episode wins over the date */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "TWO-1", "--episode", right_id,
                        "--max-age", "0", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_episode (o, "right", "2025-03-03"), ==, right);
  quad = find_by (json_object_get_array_member (o, "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (quad, "value"), 95, EPS);

  /* summary: the first episode can be reviewed, each with its own visit only */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "TWO-1", "--episode", right_id, "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_episode (o, "right", "2025-03-03"), ==, right);
  visits = json_object_get_array_member (o, "visits");
  g_assert_cmpuint (json_array_get_length (visits), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 0), "date"), ==, "2025-09-01");
  quad = find_by (json_object_get_array_member (json_array_get_object_element (visits, 0), "measures"),
                  "measure", "quadriceps_mvic");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (quad, "lsi"), 95, EPS);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "TWO-1", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_episode (o, "left", "2026-03-02"), ==, left);
  visits = json_object_get_array_member (o, "visits");
  g_assert_cmpuint (json_array_get_length (visits), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 0), "date"), ==, "2026-06-29");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "TWO-1", "--episode", right_id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "episode"));
  g_assert_nonnull (strstr (out, right_id));

  /* chart and report take it too */
  g_assert_cmpint (run (f, NULL, "chart", "--patient", "TWO-1", "--episode", right_id, "--kind",
                        "symmetry", "-o", png, NULL), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run (f, NULL, "report", "--patient", "TWO-1", "--episode", right_id, "-o", pdf,
                        NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* what does not exist, and what is not an id */
  g_assert_cmpint (run (f, NULL, "summary", "--patient", "TWO-1", "--episode", "999", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "TWO-1", "--episode", "0", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "chart", "--patient", "TWO-1", "--episode", "left", "--kind",
                        "symmetry", "-o", png, NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "evaluate", "--patient", "TWO-1", "--as-of", "2025-01-01", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "episodes", "--patient", "NOBODY", NULL), ==, 1);
}

/* A clinic's own protocol (issue 13): a man 35.6 weeks after a left ACL reconstruction, with a
 * hand-held dynamometer's lever arm recorded on 2026-06-29 and not on 2026-06-15. */
static const char clinic_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,body_mass_kg,height_cm,measure,side,value,unit,fixation,lever_arm_cm\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-15,80,180,quadriceps_hhd,left,480,N,belt,\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-15,80,180,quadriceps_hhd,right,500,N,belt,\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-29,80,180,quadriceps_hhd,left,500,N,belt,40\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-29,80,180,quadriceps_hhd,right,520,N,belt,40\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-29,80,180,single_hop,left,171,cm,,\n"
  "CLN-1,Jonas Berg,1991-05-02,male,aclr,left,2025-11-03,2026-06-29,80,180,single_hop,right,180,cm,,\n";

static JsonObject *
evaluate_clinic (Fixture     *f,
                 JsonNode   **root,
                 const char  *as_of,
                 const char  *version)
{
  g_autofree char *out = NULL;

  g_clear_pointer (root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLN-1", "--set", "clinic-rts",
                        "--set-version", version, "--as-of", as_of, "--json", NULL), ==, 0);
  *root = parse (out);
  return json_node_get_object (*root);
}

static void
test_clinic_protocol (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *hop, *ph;
  JsonArray *criteria;

  import_text (f, "clinic.csv", clinic_csv);
  g_assert_cmpint (run (f, NULL, "criteria", "copy", "aclr-return-to-sport", "clinic-rts", NULL), ==, 0);
  /* version 2: the single hop as % of height for men (clinical-reference §2.8) */
  g_assert_cmpint (run (f, &out, "criteria", "add", "clinic-rts", "--id", "hop-height",
                        "--label", "Single hop at least 90 % of height (men)", "--metric", "percent_height",
                        "--measure", "single_hop", "--comparator", ">=", "--threshold", "90",
                        "--sex", "male", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Saved clinic-rts version 2.\n");
  /* version 3: quadriceps at least 2.5 Nm/kg, from the fixed dynamometer, else the hand-held one */
  g_assert_cmpint (run (f, NULL, "criteria", "add", "clinic-rts", "--id", "quad-nm",
                        "--label", "Quadriceps at least 2.5 Nm/kg", "--metric", "normalized",
                        "--measure", "quadriceps_mvic,quadriceps_hhd", "--comparator", ">=",
                        "--threshold", "2.5", NULL), ==, 0);
  /* version 4: without the 12-week minimum */
  g_assert_cmpint (run (f, NULL, "criteria", "remove", "clinic-rts", "weeks", NULL), ==, 0);
  /* refused, each with a reason, and no version saved */
  g_assert_cmpint (run (f, NULL, "criteria", "add", "clinic-rts", "--id", "q60", "--label", "Q",
                        "--metric", "lsi", "--measure", "quadriceps_isokinetic_60", "--comparator", ">=",
                        "--threshold", "90", "--velocity", "90", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "add", "clinic-rts", "--id", "q", "--label", "Q",
                        "--metric", "size", "--measure", "single_hop", "--comparator", ">=",
                        "--threshold", "90", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "criteria", "remove", "clinic-rts", "no-such", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "remove", "aclr-return-to-sport", "weeks", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, "criteria", "add", "aclr-return-to-sport", "--id", "x", "--label", "X",
                        "--metric", "weeks", "--comparator", ">=", "--threshold", "20", NULL), ==, 1);
  /* version 5: a condition on the test velocity, stored and shown with the requirement */
  g_assert_cmpint (run (f, NULL, "criteria", "add", "clinic-rts", "--id", "q60", "--label", "Quadriceps 60°/s LSI",
                        "--metric", "lsi", "--measure", "quadriceps_isokinetic_60", "--comparator", ">=",
                        "--threshold", "90", "--velocity", "60", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "criteria", "versions", "clinic-rts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "clinic-rts v5 "));
  g_assert_null (strstr (out, "clinic-rts v6 "));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "criteria", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "≥ 90.0 % at 60°/s"));
  g_assert_nonnull (strstr (out, "≥ 90.0 % (men)"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "criteria", "--json", NULL), ==, 0);
  root = parse (out);
  {
    JsonObject *set = find_by (json_node_get_array (root), "id", "clinic-rts");
    JsonArray *list = json_object_get_array_member (set, "criteria");

    g_assert_cmpint (json_object_get_int_member (set, "version"), ==, 5);
    g_assert_cmpfloat (json_object_get_double_member (find_by (list, "id", "q60"), "velocity_deg_s"), ==, 60);
    g_assert_cmpstr (json_object_get_string_member (find_by (list, "id", "hop-height"), "sex"), ==, "male");
    assert_null_member (find_by (list, "id", "hop-height"), "velocity_deg_s");
  }

  /* Before (version 1, as copied, 12 criteria) as of 2026-07-10, 249 days = 35.57 weeks after
   * surgery: met the quadriceps (hand-held, belted: 500 / 520 = 96.15 %), the single hop
   * (171 / 180 = 95 %) and 12 weeks; not met 39 weeks; 8 not tested. */
  o = evaluate_clinic (f, &root, "2026-07-10", "1");
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "not_met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "not_tested"), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "criteria")), ==, 12);

  /* After (version 4, 13 criteria): the 12 weeks gone; the hop 171 / 180 × 100 = 95 % of height;
   * 500 N × 0.40 m = 200 Nm, / 80 kg = 2.5 Nm/kg, met at ≥ 2.5. */
  o = evaluate_clinic (f, &root, "2026-07-10", "4");
  criteria = json_object_get_array_member (o, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 12 + 2 - 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "criteria_set"), "version"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "met"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "not_met"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "not_tested"), ==, 8);
  assert_criterion (criteria, "hop-height", "single_hop", "percent_height", ">=", 90, 95, "%",
                    "2026-06-29", "met", "2026-06-29");
  {
    JsonObject *nm = find_by (criteria, "id", "quad-nm");

    g_assert_cmpstr (json_object_get_string_member (nm, "measure"), ==, "quadriceps_hhd");
    g_assert_cmpstr (json_object_get_string_member (nm, "metric"), ==, "normalized");
    g_assert_cmpstr (json_object_get_string_member (nm, "unit"), ==, "Nm/kg");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (nm, "value"), 2.5, EPS);
    g_assert_cmpstr (json_object_get_string_member (nm, "status"), ==, "met");
    g_assert_cmpstr (json_object_get_string_member (nm, "first_met"), ==, "2026-06-29");
    g_assert_true (json_object_get_boolean_member (nm, "hand_held"));
    g_assert_cmpstr (json_object_get_string_member (nm, "fixation"), ==, "belt");
  }
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, i), "id"), !=, "weeks");

  /* As of 2026-06-20, only the visit without a lever arm: torque cannot be computed. */
  o = evaluate_clinic (f, &root, "2026-06-20", "4");
  criteria = json_object_get_array_member (o, "criteria");
  g_assert_cmpstr (json_object_get_string_member (find_by (criteria, "id", "quad-nm"), "reason"), ==, "no_lever_arm");

  /* summary: the hop as % of height, each leg: 171 / 180 = 95 %, 180 / 180 = 100 % */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "CLN-1", "--json", NULL), ==, 0);
  root = parse (out);
  hop = find_by (json_object_get_array_member (json_array_get_object_element (
                   json_object_get_array_member (json_node_get_object (root), "visits"), 1), "measures"),
                 "measure", "single_hop");
  ph = json_object_get_object_member (hop, "percent_height");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ph, "left"), 95, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ph, "right"), 100, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ph, "involved"), 95, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ph, "uninvolved"), 100, EPS);
  /* not for a strength measure */
  g_assert_false (json_object_has_member (find_by (json_object_get_array_member (json_array_get_object_element (
                    json_object_get_array_member (json_node_get_object (root), "visits"), 1), "measures"),
                    "measure", "quadriceps_hhd"), "percent_height"));

  /* the lever arm goes out as it came in */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "export", "--patient", "CLN-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ",quadriceps_hhd,left,1,500,N,no,,,belt,40\r\n"));
  g_assert_nonnull (strstr (out, ",quadriceps_hhd,left,1,480,N,no,,,belt,\r\n"));
}

/* Sets the clinic's rules in the test's database, as a workstation's preferences would. */
static void
set_rules (Fixture    *f,
           const char *name,
           const char *value,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (f->db, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  va_list args;

  g_assert_no_error (error);
  va_start (args, value);
  for (; name != NULL; name = va_arg (args, const char *), value = name ? va_arg (args, const char *) : NULL)
    {
      g_ptr_array_add (names, (char *) name);
      g_ptr_array_add (values, (char *) value);
    }
  va_end (args);
  g_assert_true (vastus_database_set_clinic_rules (db, names->len, (const char * const *) names->pdata,
                                                   (const char * const *) values->pdata, &error));
  g_assert_no_error (error);
}

/* The status the FHIR Bundle in @path gives criterion @id (its result Observation's
 * interpretation), or NULL. */
static char *
bundle_criterion_status (const char *path,
                         const char *id)
{
  g_autofree char *text = NULL;
  g_autofree char *suffix = g_strconcat ("/", id, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = parse (text);
  entries = json_object_get_array_member (json_node_get_object (root), "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");
      JsonObject *coding;

      if (!g_str_equal (json_object_get_string_member (resource, "resourceType"), "Observation")
          || !json_object_has_member (resource, "interpretation"))
        continue;
      coding = json_array_get_object_element (
        json_object_get_array_member (json_object_get_object_member (resource, "code"), "coding"), 0);
      if (!g_str_has_suffix (json_object_get_string_member (coding, "code"), suffix))
        continue;
      coding = json_array_get_object_element (json_object_get_array_member (
        json_array_get_object_element (json_object_get_array_member (resource, "interpretation"), 0),
        "coding"), 0);
      return g_strdup (json_object_get_string_member (coding, "code"));
    }
  return NULL;
}

/* The clinic's rules in its database change the command line's verdicts as they change every
 * workstation's; an explicit --max-age still wins. The patient is issue 23's (verdict_csv). */
static void
test_clinic_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *quad;
  JsonArray *visits;

  import_text (f, "verdict.csv", verdict_csv);

  /* stale-weeks 5: on 2026-08-10 the MVIC of 2026-07-06 is 35 days = 5 weeks old, within the
   * window (it was stale under the default 4): 190 / 200 = 95 % met. */
  set_rules (f, "stale-weeks", "5", "pain-flag-level", "6", "maximal-test-weeks", "8", NULL);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-08-10", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpfloat (json_object_get_double_member (o, "max_age_weeks"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (o, "pain_limit"), ==, 6);
  g_assert_cmpfloat (json_object_get_double_member (o, "maximal_test_weeks"), ==, 8);
  quad = find_by (json_object_get_array_member (o, "criteria"), "id", "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "status"), ==, "met");
  g_assert_cmpfloat (json_object_get_double_member (quad, "value"), ==, 95);
  /* The FHIR Bundle's criteria evaluation says the same (it once judged by the defaults, while
   * the PDF inside it judged by the clinic's rules). */
  {
    g_autofree char *bundle = g_build_filename (f->dir, "v13.json", NULL);
    g_autofree char *status = NULL;

    g_assert_cmpint (run (f, NULL, "fhir", "export", "--patient", "V-13", "--as-of", "2026-08-10",
                          "-o", bundle, NULL), ==, 0);
    status = bundle_criterion_status (bundle, "quadriceps-lsi");
    g_assert_cmpstr (status, ==, "met");
  }

  /* --max-age 4 wins over the clinic's 5: stale again. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-08-10",
                        "--max-age", "4", "--json", NULL), ==, 0);
  root = parse (out);
  quad = find_by (json_object_get_array_member (json_node_get_object (root), "criteria"), "id",
                  "quadriceps-lsi");
  g_assert_cmpstr (json_object_get_string_member (quad, "status"), ==, "not_tested");
  g_assert_cmpstr (json_object_get_string_member (quad, "reason"), ==, "stale");

  /* Pain 5/10 at 13 weeks is below the clinic's limit of 6: two holds (effusion 2+, the
   * dynamometer held by hand) where the default limit of 5 made three. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-04-06", "--json", NULL), ==, 0);
  root = parse (out);
  o = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "holds")), ==, 2);
  g_assert_false (has_code (json_object_get_array_member (o, "holds"), "pain"));
  g_assert_true (has_code (json_object_get_array_member (o, "holds"), "effusion"));

  /* The hop of 2026-03-09 is 63 days = 9 weeks after the surgery of 2026-01-05 (26 days of
   * January, 28 of February, 9 of March): no longer before the clinic's 8 weeks. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "summary", "--patient", "V-13", "--json", NULL), ==, 0);
  root = parse (out);
  visits = json_object_get_array_member (json_node_get_object (root), "visits");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 0), "date"), ==,
                   "2026-03-09");
  g_assert_false (has_code (json_object_get_array_member (json_array_get_object_element (visits, 0),
                                                          "safety_flags"), "early-maximal-test"));

  /* The clinic's default set for ACL reconstruction, for an episode that names none. */
  set_rules (f, "default-criteria-set:aclr", "aclr-return-to-running", NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "V-13", "--as-of", "2026-04-06", "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (root), "criteria_set"), "id"), ==, "aclr-return-to-running");
}

/* The rule @name in the output of "rules --json". */
static JsonObject *
rule_json (JsonNode   *root,
           const char *name)
{
  return find_by (json_node_get_array (root), "name", name);
}

/* vastus-cli rules: the clinic's rules listed with their limits and defaults, set all or none,
 * a bad value refused naming the rule, the value and the limits, and evaluate judging with
 * what was set. Expected values: the defaults and limits of vastus-clinic-rules.h and
 * sql/018-clinic-rules.sql (pain 5 of 0–10, 12 weeks of 0–52, 4 of 0–104, re-test 4 of 1–52),
 * the built-in ACL set aclr-return-to-sport. */
static void
test_rules_command (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *rule;

  g_assert_cmpint (run (f, &out, "rules", "--json", NULL), ==, 0);
  root = parse (out);
  /* 4 numbers and one default set for each of the 7 conditions. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 11);
  rule = rule_json (root, "pain-flag-level");
  g_assert_cmpint (json_object_get_int_member (rule, "value"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (rule, "default"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (rule, "min"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (rule, "max"), ==, 10);
  rule = rule_json (root, "retest-weeks");
  g_assert_cmpint (json_object_get_int_member (rule, "value"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (rule, "min"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (rule, "max"), ==, 52);
  rule = rule_json (root, "default-criteria-set:aclr");
  g_assert_true (json_object_get_null_member (rule, "value"));
  g_assert_cmpstr (json_object_get_string_member (rule, "builtin"), ==, "aclr-return-to-sport");

  /* Two at once. */
  g_assert_cmpint (run (f, NULL, "rules", "set", "pain-flag-level", "7",
                        "default-criteria-set:aclr", "aclr-late-phase", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "rules", "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_cmpint (json_object_get_int_member (rule_json (root, "pain-flag-level"), "value"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (rule_json (root, "default-criteria-set:aclr"),
                                                  "value"), ==, "aclr-late-phase");

  /* Outside the limits: refused, named, nothing saved. */
  g_assert_cmpint (run_err (f, &err, "rules", "set", "stale-weeks", "105", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "stale-weeks"));
  g_assert_nonnull (strstr (err, "105"));
  g_assert_nonnull (strstr (err, "0 to 104"));
  /* All or none: the good pain level 3 goes with the bad re-test interval 0. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_err (f, &err, "rules", "set", "pain-flag-level", "3", "retest-weeks", "0",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "retest-weeks"));
  g_assert_nonnull (strstr (err, "1 to 52"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_err (f, &err, "rules", "set", "default-criteria-set:aclr", "no-such-set",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no-such-set"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_err (f, &err, "rules", "set", "pain-level", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "pain-level"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, &out, "rules", "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_cmpint (json_object_get_int_member (rule_json (root, "pain-flag-level"), "value"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (rule_json (root, "stale-weeks"), "value"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (rule_json (root, "retest-weeks"), "value"), ==, 4);

  /* Usage errors. */
  g_assert_cmpint (run (f, NULL, "rules", "set", "pain-flag-level", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "rules", "frob", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, "rules", "set", "pain-flag-level", "6", "--json", NULL), ==, 2);

  /* The text list: the value, then the limits and the default. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, "rules", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pain-flag-level"));
  g_assert_nonnull (strstr (out, "0 to 10, default 5"));
  g_assert_nonnull (strstr (out, "aclr-late-phase"));

  /* evaluate judges with them. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (run (f, NULL, "rules", "set", "stale-weeks", "6", NULL), ==, 0);
  g_assert_cmpint (run (f, &out, "evaluate", "--patient", "CLI-1", "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "max_age_weeks"),
                     ==, 6);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "pain_limit"),
                     ==, 7);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/clinical/cli/evaluate-json", Fixture, NULL, fixture_set_up, test_evaluate_json, fixture_tear_down);
  g_test_add ("/clinical/cli/evaluate-as-of", Fixture, NULL, fixture_set_up, test_evaluate_as_of, fixture_tear_down);
  g_test_add ("/clinical/cli/evaluate-errors", Fixture, NULL, fixture_set_up, test_evaluate_errors, fixture_tear_down);
  g_test_add ("/clinical/cli/evaluate-verdict", Fixture, NULL, fixture_set_up, test_evaluate_verdict, fixture_tear_down);
  g_test_add ("/clinical/cli/clinic-rules", Fixture, NULL, fixture_set_up, test_clinic_rules, fixture_tear_down);
  g_test_add ("/clinical/cli/rules", Fixture, NULL, fixture_set_up, test_rules_command, fixture_tear_down);
  g_test_add ("/clinical/cli/summary-json", Fixture, NULL, fixture_set_up, test_summary_json, fixture_tear_down);
  g_test_add ("/clinical/cli/criteria-json", Fixture, NULL, fixture_set_up, test_criteria_json, fixture_tear_down);
  g_test_add ("/clinical/cli/criteria-copy-edit", Fixture, NULL, fixture_set_up, test_criteria_copy_edit, fixture_tear_down);
  g_test_add ("/clinical/cli/two-episodes", Fixture, NULL, fixture_set_up, test_two_episodes, fixture_tear_down);
  g_test_add ("/clinical/cli/clinic-protocol", Fixture, NULL, fixture_set_up, test_clinic_protocol, fixture_tear_down);
  return g_test_run ();
}
