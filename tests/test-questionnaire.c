/* Questionnaires: the built-in instruments and their scoring, against values worked by hand
 * from clinical-reference §1.11.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vastus-instrument.h"
#include "vastus-model-error.h"
#include "vastus-questionnaire.h"

/* Answers "ITEM=POINTS ITEM=POINTS …". */
static VastusResponse *
response (const char *instrument,
          const char *answers)
{
  VastusResponse *r = vastus_response_new (instrument);
  g_auto(GStrv) pairs = g_strsplit (answers, " ", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (*pairs[i] == '\0')
        continue;
      g_assert_nonnull (kv[1]);
      vastus_response_set_answer (r, kv[0], atoi (kv[1]));
    }
  return r;
}

/* Every item of @instrument answered @points. */
static VastusResponse *
all_answered (const char *instrument,
              int         points)
{
  const VastusInstrument *inst = vastus_instrument_lookup (instrument);
  VastusResponse *r = vastus_response_new (instrument);

  g_assert_nonnull (inst);
  for (guint i = 0; i < inst->items->len; i++)
    vastus_response_set_answer (r, ((VastusItem *) g_ptr_array_index (inst->items, i))->id, points);
  return r;
}

static const VastusScaleScore *
scale_score (GArray     *scores,
             const char *measure)
{
  for (guint i = 0; i < scores->len; i++)
    if (g_str_equal (g_array_index (scores, VastusScaleScore, i).scale->measure, measure))
      return &g_array_index (scores, VastusScaleScore, i);
  g_assert_not_reached ();
}

/* The score @r gives for @measure (NAN: not scored). */
static double
score_of (const VastusResponse *r,
          const char           *measure)
{
  g_autoptr(GArray) scores = vastus_response_score (r);

  g_assert_nonnull (scores);
  return scale_score (scores, measure)->value;
}

#define assert_score(r, measure, expected) \
  g_assert_cmpfloat_with_epsilon (score_of ((r), (measure)), (expected), 1e-9)
#define assert_unscored(r, measure) g_assert_true (isnan (score_of ((r), (measure))))

/* The instruments */

static void
test_builtins (void)
{
  static const struct { const char *id; guint n_items; guint n_scales; } expected[] = {
    { "koos", 42, 5 }, { "koos12", 12, 4 }, { "koos_jr", 7, 1 }, { "ikdc", 19, 1 },
    { "kos_adls", 14, 1 }, { "lefs", 20, 1 }, { "lysholm", 8, 1 }, { "kujala", 13, 1 },
    { "acl_rsi", 12, 1 }, { "acl_rsi_short", 6, 1 }, { "tegner", 2, 2 },
  };

  g_assert_cmpuint (vastus_instruments_get_n (), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const VastusInstrument *inst = vastus_instruments_get_nth (i);

      g_assert_cmpstr (inst->id, ==, expected[i].id);
      g_assert_true (vastus_instrument_lookup (expected[i].id) == inst);
      g_assert_cmpuint (inst->items->len, ==, expected[i].n_items);
      g_assert_cmpuint (inst->scales->len, ==, expected[i].n_scales);
      g_assert_nonnull (inst->source);
      g_assert_nonnull (inst->terms);
      for (guint k = 0; k < inst->scales->len; k++)
        {
          const VastusScale *s = g_ptr_array_index (inst->scales, k);
          const VastusInstrument *owner = NULL;

          g_assert_nonnull (vastus_catalog_lookup (s->measure));
          g_assert_true (vastus_instrument_scale_for_measure (s->measure, &owner) == s);
          g_assert_true (owner == inst);
        }
    }
  g_assert_null (vastus_instrument_lookup ("oxford"));
  /* Typed scores are nobody's scale. */
  g_assert_null (vastus_instrument_scale_for_measure ("global_rating", NULL));
  g_assert_null (vastus_instrument_scale_for_measure ("oxford_knee", NULL));
  g_assert_null (vastus_instrument_scale_for_measure ("quadriceps_hhd", NULL));
}

/* The maxima §1.11 gives: IKDC 87 over its 18 scored items, Lysholm and Kujala 100 with the
 * listed per-item maxima. */
static void
test_maxima (void)
{
  static const int lysholm[] = { 5, 5, 15, 25, 25, 10, 10, 5 };
  static const int kujala[] = { 5, 5, 5, 10, 5, 10, 10, 10, 10, 10, 10, 5, 5 };
  const VastusInstrument *ikdc = vastus_instrument_lookup ("ikdc");
  const VastusScale *scale = g_ptr_array_index (ikdc->scales, 0);
  const VastusInstrument *inst;
  int sum = 0;

  g_assert_cmpuint (scale->n_items, ==, 18);
  for (guint i = 0; i < scale->n_items; i++)
    sum += ((VastusItem *) g_ptr_array_index (ikdc->items, scale->items[i]))->max;
  g_assert_cmpint (sum, ==, 87);
  /* 10a is recorded, in no scale. */
  for (guint i = 0; i < scale->n_items; i++)
    g_assert_cmpstr (((VastusItem *) g_ptr_array_index (ikdc->items, scale->items[i]))->id, !=, "10a");

  inst = vastus_instrument_lookup ("lysholm");
  for (guint i = 0; i < G_N_ELEMENTS (lysholm); i++)
    g_assert_cmpint (((VastusItem *) g_ptr_array_index (inst->items, i))->max, ==, lysholm[i]);
  inst = vastus_instrument_lookup ("kujala");
  for (guint i = 0; i < G_N_ELEMENTS (kujala); i++)
    g_assert_cmpint (((VastusItem *) g_ptr_array_index (inst->items, i))->max, ==, kujala[i]);
}

/* The defaults of §1.11 and their sources. */
static void
test_mic_defaults (void)
{
  static const struct { const char *measure; double mic; } expected[] = {
    { "koos_pain", 16.7 }, { "koos_symptoms", 10.7 }, { "koos_adl", 18.4 }, { "koos_sport", 12.5 },
    { "koos_qol", 15.6 }, { "kos_adls", 7.1 }, { "lefs", 9 }, { "kujala", 8 },
  };
  static const char *const none[] = { "ikdc", "acl_rsi", "acl_rsi_short", "lysholm", "koos_jr",
                                      "koos12_pain", "tegner" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const VastusScale *s = vastus_instrument_scale_for_measure (expected[i].measure, NULL);

      g_assert_cmpfloat (s->mic, ==, expected[i].mic);
      g_assert_nonnull (s->mic_source);
      g_assert_nonnull (vastus_scale_get_mic_population (s));
    }
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    g_assert_true (isnan (vastus_instrument_scale_for_measure (none[i], NULL)->mic));
}

/* KOOS: 100 − mean × 25 per subscale, ≥ 50 % answered. */

static void
test_koos_extremes (void)
{
  g_autoptr(VastusResponse) best = all_answered ("koos", 0);
  g_autoptr(VastusResponse) worst = all_answered ("koos", 4);
  g_autoptr(VastusResponse) ones = all_answered ("koos", 1);
  static const char *const subscales[] = { "koos_pain", "koos_symptoms", "koos_adl", "koos_sport",
                                           "koos_qol" };

  for (guint i = 0; i < G_N_ELEMENTS (subscales); i++)
    {
      assert_score (best, subscales[i], 100);
      assert_score (worst, subscales[i], 0);
      /* §1.11's worked check: nine answers 1 → 100 − 1 × 25 = 75. */
      assert_score (ones, subscales[i], 75);
    }
}

static void
test_koos_mixed (void)
{
  /* Symptoms 0+1+2+3+4+0+1 = 11 over 7: 100 − 11/7 × 25 = 60.714285714… */
  g_autoptr(VastusResponse) r = response ("koos", "S1=0 S2=1 S3=2 S4=3 S5=4 S6=0 S7=1 "
                                          "Q1=3 Q2=2");

  assert_score (r, "koos_symptoms", 100 - 11.0 / 7 * 25);
  /* QoL 2 of 4 answered, mean 2.5 → 37.5. */
  assert_score (r, "koos_qol", 37.5);
  assert_unscored (r, "koos_pain");
}

/* Each subscale exactly at its limit (Pain 5, Symptoms 4, ADL 9, Sport 3, QoL 2) and one below. */
static void
test_koos_missing_items (void)
{
  static const struct { const char *measure; const char *prefix; guint limit; } subscales[] = {
    { "koos_pain", "P", 5 }, { "koos_symptoms", "S", 4 }, { "koos_adl", "A", 9 },
    { "koos_sport", "SP", 3 }, { "koos_qol", "Q", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (subscales); i++)
    {
      g_autoptr(VastusResponse) r = vastus_response_new ("koos");
      g_autoptr(GArray) scores = NULL;
      g_autofree char *text = NULL;

      /* Answers 2 each: 100 − 2 × 25 = 50. */
      for (guint k = 1; k <= subscales[i].limit; k++)
        {
          g_autofree char *item = g_strdup_printf ("%s%u", subscales[i].prefix, k);

          vastus_response_set_answer (r, item, 2);
        }
      assert_score (r, subscales[i].measure, 50);
      g_assert_true (vastus_response_clear_answer (r, g_ptr_array_index (r->answers, 0) ?
                                                   ((VastusAnswer *) g_ptr_array_index (r->answers, 0))->item : ""));
      assert_unscored (r, subscales[i].measure);
      scores = vastus_response_score (r);
      g_assert_cmpuint (scale_score (scores, subscales[i].measure)->n_answered, ==, subscales[i].limit - 1);
      g_assert_cmpuint (scale_score (scores, subscales[i].measure)->n_required, ==, subscales[i].limit);
      text = vastus_scale_score_describe (scale_score (scores, subscales[i].measure));
      g_assert_nonnull (strstr (text, "not scored"));
    }
}

static void
test_koos_describe (void)
{
  g_autoptr(VastusResponse) r = response ("koos", "P1=1 P2=1 P3=1 P4=1");
  g_autoptr(GArray) scores = vastus_response_score (r);
  g_autofree char *text = vastus_scale_score_describe (scale_score (scores, "koos_pain"));

  g_assert_cmpstr (text, ==, "Pain: 4 of 9 answered — needs 5, not scored");
  vastus_response_set_answer (r, "P5", 1);
  g_clear_pointer (&scores, g_array_unref);
  g_clear_pointer (&text, g_free);
  scores = vastus_response_score (r);
  text = vastus_scale_score_describe (scale_score (scores, "koos_pain"));
  g_assert_cmpstr (text, ==, "Pain: 75.0 (5 of 9 answered)");
}

/* KOOS-12: per scale 100 − mean × 25 with ≥ 2 of 4; summary = mean of the three. */
static void
test_koos12 (void)
{
  /* Pain P1 1, P5 2: mean 1.5 → 62.5. Function 0, 0, 4, 4: mean 2 → 50. QoL all 1 → 75.
   * Summary (62.5 + 50 + 75) / 3 = 62.5. */
  g_autoptr(VastusResponse) r = response ("koos12", "P1=1 P5=2 A3=0 A4=0 A7=4 SP4=4 "
                                          "Q1=1 Q2=1 Q3=1 Q4=1");
  g_autoptr(VastusResponse) best = all_answered ("koos12", 0);

  assert_score (r, "koos12_pain", 62.5);
  assert_score (r, "koos12_function", 50);
  assert_score (r, "koos12_qol", 75);
  assert_score (r, "koos12_summary", 62.5);
  assert_score (best, "koos12_summary", 100);

  /* Pain at one answer: unscored, and so is the summary. */
  vastus_response_clear_answer (r, "P5");
  assert_unscored (r, "koos12_pain");
  assert_unscored (r, "koos12_summary");
  assert_score (r, "koos12_qol", 75);
}

/* KOOS-12 at its worst, and Function and QoL at their limit of 2 of 4 answers. */
static void
test_koos12_limits (void)
{
  /* Every item 4: each scale 100 − 4 × 25 = 0, the summary 0. */
  g_autoptr(VastusResponse) worst = all_answered ("koos12", 4);
  /* Function A3 1, A4 3: mean 2 → 50. QoL Q1 0, Q4 1: mean 0.5 → 87.5. Pain P1 4, P8 4: 0.
   * Summary (0 + 50 + 87.5) / 3 = 45.833… */
  g_autoptr(VastusResponse) two = response ("koos12", "P1=4 P8=4 A3=1 A4=3 Q1=0 Q4=1");

  assert_score (worst, "koos12_pain", 0);
  assert_score (worst, "koos12_function", 0);
  assert_score (worst, "koos12_qol", 0);
  assert_score (worst, "koos12_summary", 0);
  assert_score (two, "koos12_function", 50);
  assert_score (two, "koos12_qol", 87.5);
  assert_score (two, "koos12_summary", 137.5 / 3);
  /* One of four: unscored, and the summary with it. */
  vastus_response_clear_answer (two, "A4");
  assert_unscored (two, "koos12_function");
  assert_unscored (two, "koos12_summary");
  vastus_response_clear_answer (two, "Q1");
  assert_unscored (two, "koos12_qol");
  assert_score (two, "koos12_pain", 0);
}

/* KOOS JR: raw sum → table (raw 0 → 100, 7 → 63.578, 14 → 40.339, 27 and 28 → 0); all 7 needed. */
static void
test_koos_jr (void)
{
  g_autoptr(VastusResponse) zero = all_answered ("koos_jr", 0);
  g_autoptr(VastusResponse) seven = all_answered ("koos_jr", 1);
  g_autoptr(VastusResponse) fourteen = all_answered ("koos_jr", 2);
  g_autoptr(VastusResponse) top = all_answered ("koos_jr", 4);
  g_autoptr(VastusResponse) twenty_seven = all_answered ("koos_jr", 4);

  assert_score (zero, "koos_jr", 100.0);
  assert_score (seven, "koos_jr", 63.578);
  assert_score (fourteen, "koos_jr", 40.339);
  assert_score (top, "koos_jr", 0.0);
  vastus_response_set_answer (twenty_seven, "7", 3);
  assert_score (twenty_seven, "koos_jr", 0.0);
  /* Raw 26 (two answers 3): 0.544, the last value above 0. */
  vastus_response_set_answer (twenty_seven, "6", 3);
  assert_score (twenty_seven, "koos_jr", 0.544);
  /* Raw 1: 91.116. */
  vastus_response_set_answer (zero, "3", 1);
  assert_score (zero, "koos_jr", 91.116);
  vastus_response_clear_answer (seven, "4");
  assert_unscored (seven, "koos_jr");
}

/* IKDC: sum ÷ maxima of the answered × 100, items 2 and 3 reversed, ≥ 16 of 18. */

static const char *ikdc_best =
  "1=4 2=0 3=0 4=4 5=4 6=1 7=4 8=4 9a=4 9b=4 9c=4 9d=4 9e=4 9f=4 9g=4 9h=4 9i=4 10a=3 10b=10";
static const char *ikdc_worst =
  "1=0 2=10 3=10 4=0 5=0 6=0 7=0 8=0 9a=0 9b=0 9c=0 9d=0 9e=0 9f=0 9g=0 9h=0 9i=0 10a=10 10b=0";
/* 9a–9i 36, 10b 10, item 2 marked 10 → scores 0, item 3 marked 6 → 4, items 1, 4, 5, 7 → 2
 * each, 6 → 1, 8 → 1: 36 + 10 + 0 + 4 + 8 + 1 + 1 = 60 of 87. */
static const char *ikdc_sixty =
  "1=2 2=10 3=6 4=2 5=2 6=1 7=2 8=1 9a=4 9b=4 9c=4 9d=4 9e=4 9f=4 9g=4 9h=4 9i=4 10b=10";

static void
test_ikdc (void)
{
  g_autoptr(VastusResponse) best = response ("ikdc", ikdc_best);
  g_autoptr(VastusResponse) worst = response ("ikdc", ikdc_worst);
  g_autoptr(VastusResponse) sixty = response ("ikdc", ikdc_sixty);

  assert_score (best, "ikdc", 100);
  assert_score (worst, "ikdc", 0);
  /* §1.11: raw 60 of 87 → 68.965… (69.0 shown). */
  assert_score (sixty, "ikdc", 60.0 / 87 * 100);

  /* Reversed: item 2 marked 0 (never) is worth 10, marked 10 is worth 0. 10a is not scored:
   * changing it changes nothing. */
  vastus_response_set_answer (best, "2", 10);
  assert_score (best, "ikdc", 77.0 / 87 * 100);
  vastus_response_set_answer (best, "10a", 0);
  assert_score (best, "ikdc", 77.0 / 87 * 100);
}

static void
test_ikdc_missing_items (void)
{
  g_autoptr(VastusResponse) r = response ("ikdc", ikdc_sixty);

  /* 16 of 18: without 6 (max 1, answered 1) and 10b (max 10, answered 10):
   * (60 − 11) / (87 − 11) × 100 = 49 / 76 × 100 = 64.473684… */
  vastus_response_clear_answer (r, "6");
  vastus_response_clear_answer (r, "10b");
  assert_score (r, "ikdc", 49.0 / 76 * 100);
  /* 15 of 18: not scored. 10a does not count as answered. */
  vastus_response_set_answer (r, "10a", 5);
  vastus_response_clear_answer (r, "9a");
  assert_unscored (r, "ikdc");
}

/* KOS-ADLS: sum ÷ 70 × 100; all 14 needed. §5's fixture: sum 46 → 65.7 %. */
static void
test_kos_adls (void)
{
  /* Ten answers 3 and four answers 4: 30 + 16 = 46 → 46 / 70 × 100 = 65.714285… */
  g_autoptr(VastusResponse) r = response ("kos_adls", "1=3 2=3 3=3 4=3 5=3 6=3 7=3 8=3 9=3 10=3 "
                                          "11=4 12=4 13=4 14=4");
  g_autoptr(VastusResponse) best = all_answered ("kos_adls", 5);
  g_autoptr(VastusResponse) worst = all_answered ("kos_adls", 0);
  g_autoptr(GArray) scores = vastus_response_score (r);
  g_autofree char *text = vastus_scale_score_describe (scale_score (scores, "kos_adls"));

  assert_score (r, "kos_adls", 46.0 / 70 * 100);
  g_assert_cmpstr (text, ==, "Score: 65.7 (14 of 14 answered)");
  assert_score (best, "kos_adls", 100);
  assert_score (worst, "kos_adls", 0);
  vastus_response_clear_answer (r, "14");
  assert_unscored (r, "kos_adls");
}

/* LEFS: sum 0–80, a complete form. */
static void
test_lefs (void)
{
  g_autoptr(VastusResponse) best = all_answered ("lefs", 4);
  g_autoptr(VastusResponse) worst = all_answered ("lefs", 0);
  g_autoptr(VastusResponse) mixed = all_answered ("lefs", 2);

  assert_score (best, "lefs", 80);
  assert_score (worst, "lefs", 0);
  /* Ten 2s and ten 3s: 50. */
  for (guint i = 11; i <= 20; i++)
    {
      g_autofree char *item = g_strdup_printf ("%u", i);

      vastus_response_set_answer (mixed, item, 3);
    }
  assert_score (mixed, "lefs", 50);
  vastus_response_clear_answer (mixed, "20");
  assert_unscored (mixed, "lefs");
}

/* Lysholm: the printed points, sum, all 8. */
static void
test_lysholm (void)
{
  g_autoptr(VastusResponse) best = response ("lysholm", "limp=5 support=5 locking=15 instability=25 "
                                             "pain=25 swelling=10 stairs=10 squatting=5");
  g_autoptr(VastusResponse) worst = all_answered ("lysholm", 0);
  /* 3 + 5 + 10 + 20 + 15 + 6 + 6 + 4 = 69 */
  g_autoptr(VastusResponse) mixed = response ("lysholm", "limp=3 support=5 locking=10 instability=20 "
                                              "pain=15 swelling=6 stairs=6 squatting=4");
  g_autoptr(GError) error = NULL;

  assert_score (best, "lysholm", 100);
  assert_score (worst, "lysholm", 0);
  assert_score (mixed, "lysholm", 69);
  g_assert_true (vastus_response_check (mixed, NULL));
  vastus_response_clear_answer (mixed, "squatting");
  assert_unscored (mixed, "lysholm");

  /* Limp takes 5, 3 or 0: 4 is refused, with what it takes. */
  vastus_response_set_answer (mixed, "limp", 4);
  g_assert_false (vastus_response_check (mixed, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_ANSWER);
  g_assert_cmpstr (error->message, ==, "Lysholm item limp: 4 is not an answer; it takes 0, 3, 5.");
}

/* Kujala, pinned: constant limp 0 (not 2), squatting with partial weight bearing 2 (not 1). */
static void
test_kujala (void)
{
  g_autoptr(VastusResponse) best = response ("kujala", "1=5 2=5 3=5 4=10 5=5 6=10 7=10 8=10 9=10 "
                                             "10=10 11=10 12=5 13=5");
  /* 3 + 5 + 3 + 8 + 2 + 6 + 7 + 8 + 8 + 8 + 6 + 3 + 3 = 70 */
  g_autoptr(VastusResponse) mixed = response ("kujala", "1=3 2=5 3=3 4=8 5=2 6=6 7=7 8=8 9=8 "
                                              "10=8 11=6 12=3 13=3");
  const VastusInstrument *kujala = vastus_instrument_lookup ("kujala");

  /* The lowest answer of every item is 0: 0 of 100. */
  g_autoptr(VastusResponse) worst = all_answered ("kujala", 0);

  assert_score (best, "kujala", 100);
  assert_score (mixed, "kujala", 70);
  assert_score (worst, "kujala", 0);
  g_assert_true (vastus_item_accepts (vastus_instrument_find_item (kujala, "1", NULL), 0));
  g_assert_false (vastus_item_accepts (vastus_instrument_find_item (kujala, "1", NULL), 2));
  g_assert_true (vastus_item_accepts (vastus_instrument_find_item (kujala, "5", NULL), 2));
  g_assert_false (vastus_item_accepts (vastus_instrument_find_item (kujala, "5", NULL), 1));
  vastus_response_clear_answer (mixed, "13");
  assert_unscored (mixed, "kujala");
}

/* ACL-RSI: mean of the items (0–100 in steps of 10), all needed; the short form likewise. */
static void
test_acl_rsi (void)
{
  /* 10 + 20 + … + 100 + 0 + 50 = 600 over 12 = 50 */
  g_autoptr(VastusResponse) r = response ("acl_rsi", "1=10 2=20 3=30 4=40 5=50 6=60 7=70 8=80 "
                                          "9=90 10=100 11=0 12=50");
  /* 60 + 70 + 80 + 90 + 100 + 0 = 400 over 6 = 66.666… */
  g_autoptr(VastusResponse) short_form = response ("acl_rsi_short", "1=60 2=70 3=80 4=90 5=100 6=0");
  g_autoptr(VastusResponse) best = all_answered ("acl_rsi", 100);
  g_autoptr(VastusResponse) worst = all_answered ("acl_rsi", 0);
  g_autoptr(VastusResponse) short_best = all_answered ("acl_rsi_short", 100);
  g_autoptr(VastusResponse) short_worst = all_answered ("acl_rsi_short", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *takes = NULL;

  assert_score (r, "acl_rsi", 50);
  assert_score (best, "acl_rsi", 100);
  assert_score (worst, "acl_rsi", 0);
  assert_score (short_form, "acl_rsi_short", 400.0 / 6);
  assert_score (short_best, "acl_rsi_short", 100);
  assert_score (short_worst, "acl_rsi_short", 0);
  takes = vastus_item_describe_points (vastus_instrument_find_item (vastus_instrument_lookup ("acl_rsi"), "1", NULL));
  g_assert_cmpstr (takes, ==, "0–100 in steps of 10");
  vastus_response_set_answer (r, "3", 35);
  g_assert_false (vastus_response_check (r, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_ANSWER);
  vastus_response_clear_answer (r, "3");
  assert_unscored (r, "acl_rsi");
  vastus_response_clear_answer (short_form, "6");
  assert_unscored (short_form, "acl_rsi_short");
}

/* Tegner: the level, before the injury and now, each its own score. */
static void
test_tegner (void)
{
  g_autoptr(VastusResponse) r = response ("tegner", "before=9 now=4");
  /* The ends of the scale, 10 and 0; 11 is not a level. */
  g_autoptr(VastusResponse) ends = response ("tegner", "before=10 now=0");
  g_autoptr(GError) error = NULL;

  assert_score (r, "tegner_before_injury", 9);
  assert_score (r, "tegner", 4);
  assert_score (ends, "tegner_before_injury", 10);
  assert_score (ends, "tegner", 0);
  vastus_response_set_answer (ends, "before", 11);
  g_assert_false (vastus_response_check (ends, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_ANSWER);
  vastus_response_clear_answer (r, "before");
  assert_unscored (r, "tegner_before_injury");
  assert_score (r, "tegner", 4);
}

/* Answers that name no instrument or item, or points an item does not have. */
static void
test_check (void)
{
  g_autoptr(VastusResponse) unknown = response ("oxford", "1=1");
  g_autoptr(VastusResponse) koos = response ("koos", "P1=2 P10=1");
  g_autoptr(VastusResponse) seven = response ("koos", "P1=7");
  g_autoptr(VastusResponse) dup = response ("koos", "P1=1");
  g_autoptr(GError) error = NULL;
  VastusAnswer *again = g_new0 (VastusAnswer, 1);

  g_assert_false (vastus_response_check (unknown, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_INSTRUMENT);
  g_clear_error (&error);
  g_assert_null (vastus_response_score (unknown));
  g_assert_false (vastus_response_check (koos, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM);
  g_assert_cmpstr (error->message, ==, "KOOS has no item “P10”.");
  g_clear_error (&error);
  g_assert_false (vastus_response_check (seven, &error));
  g_assert_cmpstr (error->message, ==, "KOOS item P1: 7 is not an answer; it takes 0–4.");
  g_clear_error (&error);
  /* An answer outside the item's points does not count towards a score either. */
  assert_unscored (seven, "koos_pain");

  again->item = g_strdup ("P1");
  again->points = 2;
  g_ptr_array_add (dup->answers, again);
  g_assert_false (vastus_response_check (dup, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_DUPLICATE);
}

/* A score held by a measurement agrees with the answers, or contradicts them. */
static void
test_check_score (void)
{
  g_autoptr(VastusResponse) r = response ("koos", "P1=1 P2=1 P3=1 P4=1 P5=1 Q1=1");
  g_autoptr(GPtrArray) measurements = vastus_response_score_measurements (r);
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_response_check_score (r, "koos_pain", 75, NULL));
  g_assert_true (vastus_response_check_score (r, "koos_pain", 75 + 1e-12, NULL));
  /* Not scored by KOOS at all: no contradiction. */
  g_assert_true (vastus_response_check_score (r, "ikdc", 10, NULL));
  g_assert_false (vastus_response_check_score (r, "koos_pain", 75.05, &error));
  g_assert_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_CONTRADICTS);
  g_assert_cmpstr (error->message, ==, "koos_pain 75.05 contradicts this visit’s KOOS answers, which score 75.");
  g_clear_error (&error);
  /* QoL: one answer of the two needed. */
  g_assert_false (vastus_response_check_score (r, "koos_qol", 75, &error));
  g_assert_cmpstr (error->message, ==, "koos_qol 75 contradicts this visit’s KOOS answers, which leave "
                   "it unscored (Quality of life: 1 of 4 answered — needs 2, not scored).");

  /* One measurement per scored subscale: pain only. */
  g_assert_cmpuint (measurements->len, ==, 1);
  g_assert_cmpstr (((VastusMeasurement *) g_ptr_array_index (measurements, 0))->measure, ==, "koos_pain");
  g_assert_cmpfloat (((VastusMeasurement *) g_ptr_array_index (measurements, 0))->value, ==, 75);
  g_assert_cmpint (((VastusMeasurement *) g_ptr_array_index (measurements, 0))->side, ==, VASTUS_SIDE_NONE);
}

static void
test_equal_and_sort (void)
{
  g_autoptr(VastusResponse) a = response ("koos", "Q1=1 P2=3 S1=0");
  g_autoptr(VastusResponse) b = response ("koos", "S1=0 Q1=1 P2=3");

  g_assert_true (vastus_response_equal (a, b));
  vastus_response_sort (a);
  g_assert_cmpstr (((VastusAnswer *) g_ptr_array_index (a->answers, 0))->item, ==, "S1");
  g_assert_cmpstr (((VastusAnswer *) g_ptr_array_index (a->answers, 1))->item, ==, "P2");
  g_assert_cmpstr (((VastusAnswer *) g_ptr_array_index (a->answers, 2))->item, ==, "Q1");
  vastus_response_set_answer (b, "P2", 2);
  g_assert_false (vastus_response_equal (a, b));
}

/* The parser refuses what the format does not allow. */
static void
test_parse_errors (void)
{
#define HEAD "<instrument id='x' better='higher'><name>X</name><title>X</title><edition>1</edition>" \
             "<source>s</source><terms>t</terms>"
  static const struct { const char *xml; const char *message; } cases[] = {
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='no_such' scoring='sum' items='1' min-answered='1'><label>S</label></scale>"
           "</instrument>",
      "Scale s: no_such is not a questionnaire score of the catalog" },
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='lefs' scoring='sum' items='2' min-answered='1'><label>S</label></scale>"
           "</instrument>",
      "Scale s: no item 2 (items come before scales)" },
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='lefs' scoring='median' items='1' min-answered='1'><label>S</label></scale>"
           "</instrument>",
      "Scale s: no scoring rule “median”" },
    { HEAD "<item id='1' points='0 x'><topic>a</topic></item></instrument>",
      "Item 1: “x” is not a whole number of points" },
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='lefs' scoring='sum' items='1' min-answered='2'><label>S</label></scale>"
           "</instrument>",
      "Scale s: min-answered must be 1 to 1" },
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='koos_jr' scoring='table' items='1' min-answered='1'><label>S</label>"
           "<table>100 50</table></scale></instrument>",
      NULL },
    { HEAD "<item id='1' points='0 1'><topic>a</topic></item>"
           "<scale id='s' measure='koos_jr' scoring='table' items='1' min-answered='1'><label>S</label>"
           "<table>100</table></scale></instrument>",
      "Scale s: a table needs every item and 2 values (raw 0 to 1)" },
    { HEAD "<item id='1' points='0 1' wording='no'><topic>a</topic></item></instrument>",
      "<item> has no attribute “wording”" },
    { HEAD "<item id='1' points='0 1'><topic>a</topic><text>copied</text></item></instrument>",
      "<text> cannot be inside <item>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusInstrument) inst = vastus_instrument_parse (cases[i].xml, -1, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (inst);
          continue;
        }
      g_assert_null (inst);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
#undef HEAD
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/questionnaire/builtins", test_builtins);
  g_test_add_func ("/questionnaire/maxima", test_maxima);
  g_test_add_func ("/questionnaire/mic-defaults", test_mic_defaults);
  g_test_add_func ("/questionnaire/koos/extremes", test_koos_extremes);
  g_test_add_func ("/questionnaire/koos/mixed", test_koos_mixed);
  g_test_add_func ("/questionnaire/koos/missing-items", test_koos_missing_items);
  g_test_add_func ("/questionnaire/koos/describe", test_koos_describe);
  g_test_add_func ("/questionnaire/koos12", test_koos12);
  g_test_add_func ("/questionnaire/koos12/limits", test_koos12_limits);
  g_test_add_func ("/questionnaire/koos-jr", test_koos_jr);
  g_test_add_func ("/questionnaire/ikdc", test_ikdc);
  g_test_add_func ("/questionnaire/ikdc/missing-items", test_ikdc_missing_items);
  g_test_add_func ("/questionnaire/kos-adls", test_kos_adls);
  g_test_add_func ("/questionnaire/lefs", test_lefs);
  g_test_add_func ("/questionnaire/lysholm", test_lysholm);
  g_test_add_func ("/questionnaire/kujala", test_kujala);
  g_test_add_func ("/questionnaire/acl-rsi", test_acl_rsi);
  g_test_add_func ("/questionnaire/tegner", test_tegner);
  g_test_add_func ("/questionnaire/check", test_check);
  g_test_add_func ("/questionnaire/check-score", test_check_score);
  g_test_add_func ("/questionnaire/equal-and-sort", test_equal_and_sort);
  g_test_add_func ("/questionnaire/parse-errors", test_parse_errors);

  return g_test_run ();
}
