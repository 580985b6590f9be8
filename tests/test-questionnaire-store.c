/* Questionnaire answers in the database: scores written with them and linked, typed scores
 * that agree or contradict, replacing and keeping, the clinic's minimal important changes,
 * wording and PIN (sql/007-questionnaires.sql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "storage-test-util.h"
#include "vastus-database-private.h"
#include "vastus-model-error.h"
#include "vastus-questionnaire-store.h"

typedef struct
{
  VastusDatabase *db;
  gint64          episode_id;
  gint64          visit_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();

  f->db = storage_test_open ();

  patient->mrn = g_strdup ("Q-1");
  patient->name = g_strdup ("Questionnaire Patient");
  g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
  visit->episode_id = episode->id;
  g_date_set_dmy (&visit->date, 2, G_DATE_MARCH, 2026);
  g_assert_true (vastus_database_insert_visit (f->db, visit, &error));
  g_assert_no_error (error);
  f->episode_id = episode->id;
  f->visit_id = visit->id;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->db);
}

#define query_int storage_test_query_int

/* KOOS with pain all 1 (→ 75), symptoms all 0 (→ 100) and nothing else. */
static VastusResponse *
koos_response (int pain)
{
  VastusResponse *r = vastus_response_new ("koos");

  for (guint i = 1; i <= 9; i++)
    {
      g_autofree char *item = g_strdup_printf ("P%u", i);

      vastus_response_set_answer (r, item, pain);
    }
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *item = g_strdup_printf ("S%u", i);

      vastus_response_set_answer (r, item, 0);
    }
  return r;
}

/* The live value of @measure at the visit; NAN when there is none. */
static double
live_value (Fixture    *f,
            const char *measure)
{
  g_autoptr(VastusVisit) visit = vastus_database_get_visit (f->db, f->visit_id, NULL);
  double value = NAN;
  guint n = 0;

  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (g_str_equal (m->measure, measure))
        value = m->value, n++;
    }
  g_assert_cmpuint (n, <=, 1);
  return value;
}

static void
test_save_scores_and_links (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(VastusResponse) r = koos_response (1);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  r->entered_by = VASTUS_ENTERED_BY_PATIENT;
  g_assert_true (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (r->id, >, 0);

  /* Pain 100 − 1 × 25 = 75, symptoms 100; ADL, sport and QoL unanswered: no measurement. */
  g_assert_cmpfloat (live_value (f, "koos_pain"), ==, 75);
  g_assert_cmpfloat (live_value (f, "koos_symptoms"), ==, 100);
  g_assert_true (isnan (live_value (f, "koos_adl")));
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_score"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_answer"), ==, 16);
  /* Each score links to these answers. */
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_score s JOIN measurement m "
                                     "ON m.id = s.measurement_id WHERE m.measure IN ('koos_pain', 'koos_symptoms')"),
                   ==, 2);

  stored = vastus_database_list_responses (f->db, f->episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_true (vastus_response_equal (g_ptr_array_index (stored, 0), r));
  g_assert_cmpint (((VastusResponse *) g_ptr_array_index (stored, 0))->entered_by, ==, VASTUS_ENTERED_BY_PATIENT);
  /* Answers come back in the instrument's item order: S1 … S7 before P1 … P9. */
  g_assert_cmpstr (((VastusAnswer *) g_ptr_array_index (((VastusResponse *) g_ptr_array_index (stored, 0))->answers, 0))->item,
                   ==, "S1");

  /* The same answers again: nothing written. */
  g_assert_true (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, &changed, &error));
  g_assert_false (changed);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM measurement"), ==, 2);

  /* Audited. */
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM audit_log WHERE table_name = 'questionnaire'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM audit_log WHERE table_name = 'questionnaire_answer'"), ==, 16);
}

static void
test_keep_and_replace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VastusResponse) first = koos_response (1);
  g_autoptr(VastusResponse) second = koos_response (2);
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_save_response (f->db, f->visit_id, first, VASTUS_RESPONSE_KEEP, NULL, &error));

  /* Other answers with KEEP: refused, nothing changed. */
  g_assert_false (vastus_database_save_response (f->db, f->visit_id, second, VASTUS_RESPONSE_KEEP, NULL, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (second->id, ==, 0);
  g_clear_error (&error);
  g_assert_cmpfloat (live_value (f, "koos_pain"), ==, 75);

  /* REPLACE: the old questionnaire and its scores are soft-deleted, the new ones stored. Pain
   * all 2: 100 − 2 × 25 = 50. */
  g_assert_true (vastus_database_save_response (f->db, f->visit_id, second, VASTUS_RESPONSE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (live_value (f, "koos_pain"), ==, 50);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire WHERE deleted_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM measurement WHERE deleted_at IS NOT NULL"), ==, 2);
  /* The first answers are kept (deleted), for the record. */
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_answer"), ==, 32);

  /* Deleting the questionnaire deletes its scores. */
  g_assert_true (vastus_database_delete_response (f->db, second->id, &error));
  g_assert_true (isnan (live_value (f, "koos_pain")));
  g_assert_false (vastus_database_delete_response (f->db, second->id, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

/* A score typed before the answers: kept and linked when it agrees, refused (KEEP) or replaced
 * (REPLACE) when it does not. */
static void
test_typed_scores (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VastusMeasurement) agrees = vastus_measurement_new ("koos_pain", VASTUS_SIDE_NONE, 1, 75, "points");
  g_autoptr(VastusMeasurement) differs = vastus_measurement_new ("koos_symptoms", VASTUS_SIDE_NONE, 1, 90, "points");
  g_autoptr(VastusResponse) r = koos_response (1);
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_insert_measurement (f->db, f->visit_id, agrees, &error));
  g_assert_true (vastus_database_insert_measurement (f->db, f->visit_id, differs, &error));
  g_assert_false (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, NULL, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "koos_symptoms 90 contradicts this visit’s KOOS answers, which score 100.");
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire"), ==, 0);

  g_assert_true (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  /* The typed 75 is kept and linked (same id), the typed 90 replaced by 100. */
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM measurement WHERE measure = 'koos_pain'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT measurement_id FROM questionnaire_score s JOIN measurement m "
                                     "ON m.id = s.measurement_id WHERE m.measure = 'koos_pain'"), ==, agrees->id);
  g_assert_cmpfloat (live_value (f, "koos_symptoms"), ==, 100);
}

/* With answers stored, a typed score that contradicts them is refused, and a computed score
 * cannot be edited, only replaced with its answers. */
static void
test_scores_follow_answers (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(VastusResponse) r = koos_response (1);
  g_autoptr(VastusMeasurement) typed = vastus_measurement_new ("koos_pain", VASTUS_SIDE_NONE, 2, 80, "points");
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  VastusMeasurement *score = NULL;

  g_assert_true (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, NULL, &error));
  g_assert_false (vastus_database_insert_measurement (f->db, f->visit_id, typed, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "koos_pain 80 contradicts this visit’s KOOS answers, which score 75.");
  g_clear_error (&error);
  /* Another instrument's score is not concerned. */
  typed->measure = g_intern_string ("ikdc");
  g_assert_true (vastus_database_insert_measurement (f->db, f->visit_id, typed, &error));

  visit = vastus_database_get_visit (f->db, f->visit_id, &error);
  for (guint i = 0; i < visit->measurements->len; i++)
    if (g_str_equal (((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure, "koos_pain"))
      score = g_ptr_array_index (visit->measurements, i);
  g_assert_nonnull (score);
  score->value = 80;
  g_assert_false (vastus_database_update_measurement (f->db, score, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "computed from questionnaire answers"));
  g_assert_cmpfloat (live_value (f, "koos_pain"), ==, 75);
}

static void
test_invalid_answers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VastusResponse) r = vastus_response_new ("koos");
  g_autoptr(VastusResponse) none = vastus_response_new ("koos");
  g_autoptr(GError) error = NULL;

  vastus_response_set_answer (r, "P1", 5);
  g_assert_false (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, NULL, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_ANSWER);
  g_clear_error (&error);
  g_assert_false (vastus_database_save_response (f->db, 999, none, VASTUS_RESPONSE_REPLACE, NULL, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire"), ==, 0);
}

static void
test_mic (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean clinic_set = TRUE;

  /* Defaults from the instrument files (§1.11). */
  g_assert_cmpfloat (vastus_database_get_mic (f->db, "koos_pain", &clinic_set, &error), ==, 16.7);
  g_assert_false (clinic_set);
  g_assert_true (isnan (vastus_database_get_mic (f->db, "ikdc", NULL, &error)));

  g_assert_true (vastus_database_set_mic (f->db, "ikdc", 11.5, &error));
  g_assert_cmpfloat (vastus_database_get_mic (f->db, "ikdc", &clinic_set, &error), ==, 11.5);
  g_assert_true (clinic_set);
  g_assert_true (vastus_database_set_mic (f->db, "ikdc", NAN, &error));
  g_assert_true (isnan (vastus_database_get_mic (f->db, "ikdc", NULL, &error)));
  g_assert_no_error (error);

  g_assert_false (vastus_database_set_mic (f->db, "ikdc", 0, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (vastus_database_set_mic (f->db, "quadriceps_hhd", 5, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
}

static const char wording_file[] =
  "# A made-up wording for the test, not the instrument's\n"
  "[tegner]\r\n"
  "before\tYour level before the injury?\n"
  "now\tYour level now?\tten\tnine\teight\tseven\tsix\tfive\tfour\tthree\ttwo\tone\t\"zero\"\n";

static void
test_wording (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = vastus_wording_parse (wording_file, sizeof wording_file - 1, &error);
  g_autoptr(VastusWording) stored = NULL;
  const VastusItemWording *now;

  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 1);
  g_assert_null (vastus_database_get_wording (f->db, "tegner", &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_save_wording (f->db, g_ptr_array_index (parsed, 0), &error));
  stored = vastus_database_get_wording (f->db, "tegner", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->items->len, ==, 2);
  g_assert_cmpstr (((VastusItemWording *) g_ptr_array_index (stored->items, 0))->item, ==, "before");
  g_assert_cmpuint (g_strv_length (((VastusItemWording *) g_ptr_array_index (stored->items, 0))->answers), ==, 0);
  now = vastus_wording_find (stored, "now");
  g_assert_cmpstr (now->question, ==, "Your level now?");
  g_assert_cmpuint (g_strv_length (now->answers), ==, 11);
  g_assert_cmpstr (now->answers[0], ==, "ten");
  g_assert_cmpstr (now->answers[10], ==, "\"zero\"");
  g_assert_true (vastus_database_delete_wording (f->db, "tegner", &error));
  g_assert_null (vastus_database_get_wording (f->db, "tegner", &error));
}

static void
test_wording_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "P1\tq\n", "line 1: An item line before any [instrument] line." },
    { "[oxford]\n", "line 1: There is no questionnaire “oxford” (vastus-cli questionnaires lists them)." },
    { "[tegner]\nbefore\tq\nnever\tq\n", "line 3: Tegner has no item “never”." },
    { "[tegner]\nbefore\tq\n", "line 1: Tegner: no wording for now (every item needs its line)." },
    { "[tegner]\nbefore\tq\tone\tsix\tten\nnow\tq\n",
      "line 2: Tegner item before has 11 answers: give 0, 2 (its two ends) or 11 answer labels, not 3." },
    { "[tegner]\nbefore\n", "line 2: Tegner item before: a tab and its question must follow the item." },
    { "[tegner]\nbefore\tq\nbefore\tq\n", "line 3: Tegner item before has a line already." },
    { "# nothing\n", "The file names no questionnaire" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parsed = vastus_wording_parse (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (parsed);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_pin (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gboolean has = TRUE, matches = TRUE;

  g_assert_true (vastus_database_has_pin (f->db, &has, &error));
  g_assert_false (has);
  g_assert_true (vastus_database_check_pin (f->db, "2468", &matches, &error));
  g_assert_false (matches);

  g_assert_false (vastus_database_set_pin (f->db, "12a4", &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_HARD_LIMIT);
  g_clear_error (&error);
  g_assert_false (vastus_database_set_pin (f->db, "123", &error));
  g_clear_error (&error);

  g_assert_true (vastus_database_set_pin (f->db, "246813", &error));
  g_assert_true (vastus_database_has_pin (f->db, &has, &error));
  g_assert_true (has);
  g_assert_true (vastus_database_check_pin (f->db, "246813", &matches, &error));
  g_assert_true (matches);
  g_assert_true (vastus_database_check_pin (f->db, "246812", &matches, &error));
  g_assert_false (matches);
  g_assert_true (vastus_database_check_pin (f->db, "2468130", &matches, &error));
  g_assert_false (matches);
  /* Only a hash is stored, never the PIN. */
  hash = storage_test_query_text (f->db, "SELECT hash FROM clinic_pin");
  g_assert_null (strstr (hash, "246813"));
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (vastus_database_set_pin (f->db, NULL, &error));
  g_assert_true (vastus_database_has_pin (f->db, &has, &error));
  g_assert_false (has);
  g_assert_no_error (error);
}

/* Demo patients go with their questionnaires. */
static void
test_remove_demo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(VastusResponse) r = koos_response (1);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (vastus_database_save_response (f->db, f->visit_id, r, VASTUS_RESPONSE_KEEP, NULL, &error));
  g_assert_true (storage_test_exec (f->db, "UPDATE patient SET demo = 1, row_version = row_version + 1", NULL));
  g_assert_true (vastus_database_remove_demo (f->db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_answer"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM questionnaire_score"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/storage/questionnaire/save-scores-and-links", test_save_scores_and_links);
  ADD ("/storage/questionnaire/keep-and-replace", test_keep_and_replace);
  ADD ("/storage/questionnaire/typed-scores", test_typed_scores);
  ADD ("/storage/questionnaire/scores-follow-answers", test_scores_follow_answers);
  ADD ("/storage/questionnaire/invalid-answers", test_invalid_answers);
  ADD ("/storage/questionnaire/mic", test_mic);
  ADD ("/storage/questionnaire/wording", test_wording);
  ADD ("/storage/questionnaire/pin", test_pin);
  ADD ("/storage/questionnaire/remove-demo", test_remove_demo);
#undef ADD
  g_test_add_func ("/storage/questionnaire/wording-errors", test_wording_errors);

  return g_test_run ();
}
