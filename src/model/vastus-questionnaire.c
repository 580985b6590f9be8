/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-questionnaire"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-questionnaire.h"

G_DEFINE_QUARK (vastus-questionnaire-error-quark, vastus_questionnaire_error)
G_DEFINE_BOXED_TYPE (VastusResponse, vastus_response, vastus_response_copy, vastus_response_free)

/* Scores derived from answers and scores held by a measurement are the same when they differ
 * by less than this (all scores are 0–100 or 0–80: far above double rounding). */
#define SAME_SCORE 1e-9

static const char *const entered_by_names[] = { "staff", "patient", "import" };

static void
answer_free (VastusAnswer *answer)
{
  g_free (answer->item);
  g_free (answer);
}

VastusResponse *
vastus_response_new (const char *instrument)
{
  VastusResponse *self = g_new0 (VastusResponse, 1);

  self->instrument = g_strdup (instrument);
  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  return self;
}

VastusResponse *
vastus_response_copy (const VastusResponse *self)
{
  VastusResponse *copy = vastus_response_new (self->instrument);

  copy->id = self->id;
  copy->visit_id = self->visit_id;
  copy->entered_by = self->entered_by;
  for (guint i = 0; i < self->answers->len; i++)
    {
      const VastusAnswer *a = g_ptr_array_index (self->answers, i);

      vastus_response_set_answer (copy, a->item, a->points);
    }
  return copy;
}

void
vastus_response_free (VastusResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->instrument);
  g_ptr_array_unref (self->answers);
  g_free (self);
}

static VastusAnswer *
find_answer (const VastusResponse *self,
             const char           *item,
             guint                *index)
{
  for (guint i = 0; i < self->answers->len; i++)
    {
      VastusAnswer *a = g_ptr_array_index (self->answers, i);

      if (g_str_equal (a->item, item))
        {
          if (index != NULL)
            *index = i;
          return a;
        }
    }
  return NULL;
}

void
vastus_response_set_answer (VastusResponse *self,
                            const char     *item,
                            int             points)
{
  VastusAnswer *a;

  g_return_if_fail (self != NULL && item != NULL);

  a = find_answer (self, item, NULL);
  if (a == NULL)
    {
      a = g_new0 (VastusAnswer, 1);
      a->item = g_strdup (item);
      g_ptr_array_add (self->answers, a);
    }
  a->points = points;
}

gboolean
vastus_response_clear_answer (VastusResponse *self,
                              const char     *item)
{
  guint index;

  if (find_answer (self, item, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->answers, index);
  return TRUE;
}

gboolean
vastus_response_get_answer (const VastusResponse *self,
                            const char           *item,
                            int                  *points)
{
  const VastusAnswer *a = find_answer (self, item, NULL);

  if (a != NULL && points != NULL)
    *points = a->points;
  return a != NULL;
}

gboolean
vastus_response_equal (const VastusResponse *a,
                       const VastusResponse *b)
{
  if (g_strcmp0 (a->instrument, b->instrument) != 0 || a->answers->len != b->answers->len)
    return FALSE;
  for (guint i = 0; i < a->answers->len; i++)
    {
      const VastusAnswer *x = g_ptr_array_index (a->answers, i);
      int points;

      if (!vastus_response_get_answer (b, x->item, &points) || points != x->points)
        return FALSE;
    }
  return TRUE;
}

static int
compare_by_item_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const VastusInstrument *instrument = user_data;
  const VastusAnswer *x = *(VastusAnswer **) a;
  const VastusAnswer *y = *(VastusAnswer **) b;
  guint i = G_MAXUINT, k = G_MAXUINT;

  vastus_instrument_find_item (instrument, x->item, &i);
  vastus_instrument_find_item (instrument, y->item, &k);
  if (i != k)
    return i < k ? -1 : 1;
  return g_strcmp0 (x->item, y->item);
}

void
vastus_response_sort (VastusResponse *self)
{
  const VastusInstrument *instrument = vastus_instrument_lookup (self->instrument);

  if (instrument != NULL)
    g_ptr_array_sort_with_data (self->answers, compare_by_item_order, (gpointer) instrument);
}

gboolean
vastus_response_check (const VastusResponse *self,
                       GError              **error)
{
  const VastusInstrument *instrument = vastus_instrument_lookup (self->instrument);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (instrument == NULL)
    {
      g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_INSTRUMENT,
                   /* Translators: %s is what was given as an instrument id. */
                   _("There is no questionnaire “%s” (vastus-cli questionnaires lists them)."),
                   self->instrument != NULL ? self->instrument : "");
      return FALSE;
    }
  for (guint i = 0; i < self->answers->len; i++)
    {
      const VastusAnswer *a = g_ptr_array_index (self->answers, i);
      const VastusItem *item = vastus_instrument_find_item (instrument, a->item, NULL);

      if (item == NULL)
        {
          g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM,
                       /* Translators: "KOOS has no item “P10”." */
                       _("%s has no item “%s”."), instrument->name, a->item);
          return FALSE;
        }
      if (!g_hash_table_add (seen, a->item))
        {
          g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_DUPLICATE,
                       /* Translators: the first %s is the questionnaire's name, the second the
                        * item's id */
                       _("%s item %s is answered twice."), instrument->name, a->item);
          return FALSE;
        }
      if (!vastus_item_accepts (item, a->points))
        {
          g_autofree char *takes = vastus_item_describe_points (item);

          g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_ANSWER,
                       /* Translators: "KOOS item P1: 7 is not an answer; it takes 0–4." */
                       _("%s item %s: %d is not an answer; it takes %s."),
                       instrument->name, a->item, a->points, takes);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
vastus_entered_by_to_string (VastusEnteredBy entered_by)
{
  g_return_val_if_fail (entered_by < G_N_ELEMENTS (entered_by_names), NULL);
  return entered_by_names[entered_by];
}

gboolean
vastus_entered_by_from_string (const char      *text,
                               VastusEnteredBy *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (entered_by_names); i++)
    if (g_str_equal (entered_by_names[i], text))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Scoring */

/* One scale from its items (every rule but mean-of-scales). */
static void
score_items (const VastusInstrument *instrument,
             const VastusResponse   *response,
             VastusScaleScore       *out)
{
  const VastusScale *scale = out->scale;
  double sum = 0, fraction_sum = 0, max_sum = 0;

  for (guint i = 0; i < scale->n_items; i++)
    {
      const VastusItem *item = g_ptr_array_index (instrument->items, scale->items[i]);
      int points;
      double scored;

      if (!vastus_response_get_answer (response, item->id, &points) ||
          !vastus_item_accepts (item, points))
        continue;
      scored = item->reversed ? item->max - points : points;
      out->n_answered++;
      sum += scored;
      fraction_sum += scored / item->max;
      max_sum += item->max;
    }
  out->n_items = scale->n_items;
  out->n_required = scale->min_answered;
  out->value = NAN;
  if (out->n_answered < out->n_required)
    return;

  switch (scale->scoring)
    {
    case VASTUS_SCORING_INVERTED_MEAN:
      out->value = 100.0 - fraction_sum / out->n_answered * 100.0;
      break;
    case VASTUS_SCORING_PERCENT_OF_MAXIMUM:
      out->value = sum / max_sum * 100.0;
      break;
    case VASTUS_SCORING_SUM:
      out->value = sum;
      break;
    case VASTUS_SCORING_MEAN:
      out->value = sum / out->n_answered;
      break;
    case VASTUS_SCORING_TABLE:
      /* Every item is required (the parser checks), so the sum is a whole index. */
      if (sum >= 0 && sum < scale->n_table)
        out->value = scale->table[(guint) sum];
      break;
    case VASTUS_SCORING_MEAN_OF_SCALES:
    default:
      g_assert_not_reached ();
    }
}

GArray *
vastus_response_score (const VastusResponse *self)
{
  const VastusInstrument *instrument;
  GArray *scores;

  g_return_val_if_fail (self != NULL, NULL);

  instrument = vastus_instrument_lookup (self->instrument);
  if (instrument == NULL)
    return NULL;
  scores = g_array_sized_new (FALSE, TRUE, sizeof (VastusScaleScore), instrument->scales->len);
  for (guint i = 0; i < instrument->scales->len; i++)
    {
      VastusScaleScore s = { .scale = g_ptr_array_index (instrument->scales, i) };

      if (s.scale->scoring != VASTUS_SCORING_MEAN_OF_SCALES)
        score_items (instrument, self, &s);
      else
        {
          double sum = 0;

          /* The parser lets a summary name earlier scales only. */
          for (guint k = 0; k < s.scale->n_scales; k++)
            {
              const VastusScaleScore *part = &g_array_index (scores, VastusScaleScore, s.scale->scales[k]);

              if (!isnan (part->value))
                {
                  s.n_answered++;
                  sum += part->value;
                }
            }
          s.n_items = s.n_required = s.scale->n_scales;
          s.value = s.n_answered == s.n_required ? sum / s.n_answered : NAN;
        }
      g_array_append_val (scores, s);
    }
  return scores;
}

char *
vastus_scale_score_describe (const VastusScaleScore *score)
{
  const char *label = vastus_scale_get_label (score->scale);
  char value[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_display_number (score->value, 1, value);
  if (score->scale->scoring == VASTUS_SCORING_MEAN_OF_SCALES)
    {
      if (isnan (score->value))
        /* Translators: "Summary: 2 of 3 scales scored — needs all, not scored". */
        return g_strdup_printf (ngettext ("%s: %u of %u scale scored — needs all, not scored",
                                          "%s: %u of %u scales scored — needs all, not scored", score->n_items),
                                label, score->n_answered, score->n_items);
      /* Translators: "Summary: 62.5 (3 of 3 scales)"; the plural follows the last number. */
      return g_strdup_printf (ngettext ("%s: %s (%u of %u scale)", "%s: %s (%u of %u scales)", score->n_items),
                              label, value,
                              score->n_answered, score->n_items);
    }
  if (isnan (score->value))
    /* Translators: "Pain: 4 of 9 answered — needs 5, not scored". */
    return g_strdup_printf (_("%s: %u of %u answered — needs %u, not scored"),
                            label, score->n_answered, score->n_items, score->n_required);
  /* Translators: "Pain: 75.0 (9 of 9 answered)". */
  return g_strdup_printf (_("%s: %s (%u of %u answered)"), label, value,
                          score->n_answered, score->n_items);
}

gboolean
vastus_response_check_score (const VastusResponse *self,
                             const char           *measure,
                             double                value,
                             GError              **error)
{
  g_autoptr(GArray) scores = vastus_response_score (self);
  char have[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      const VastusScaleScore *s = &g_array_index (scores, VastusScaleScore, i);
      const VastusInstrument *instrument = vastus_instrument_lookup (self->instrument);

      if (!g_str_equal (s->scale->measure, measure))
        continue;
      if (!isnan (s->value) && fabs (s->value - value) <= SAME_SCORE)
        return TRUE;
      g_ascii_formatd (have, sizeof have, "%.10g", value);
      if (isnan (s->value))
        {
          g_autofree char *why = vastus_scale_score_describe (s);

          g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_CONTRADICTS,
                       /* Translators: "koos_pain 80 contradicts this visit's KOOS answers,
                        * which leave it unscored (Pain: 4 of 9 answered — needs 5, not scored)." */
                       _("%s %s contradicts this visit’s %s answers, which leave it unscored (%s)."),
                       measure, have, instrument->name, why);
        }
      else
        {
          char want[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (want, sizeof want, "%.10g", s->value);
          g_set_error (error, VASTUS_QUESTIONNAIRE_ERROR, VASTUS_QUESTIONNAIRE_ERROR_CONTRADICTS,
                       /* Translators: "koos_pain 80 contradicts this visit's KOOS answers,
                        * which score 75." */
                       _("%s %s contradicts this visit’s %s answers, which score %s."),
                       measure, have, instrument->name, want);
        }
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
vastus_response_score_measurements (const VastusResponse *self)
{
  g_autoptr(GArray) scores = vastus_response_score (self);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_measurement_free);

  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      const VastusScaleScore *s = &g_array_index (scores, VastusScaleScore, i);

      if (!isnan (s->value))
        g_ptr_array_add (out, vastus_measurement_new (s->scale->measure, VASTUS_SIDE_NONE, 1,
                                                      s->value, "points"));
    }
  return out;
}

/* Change that matters */

VastusChange
vastus_change_judge (double       change,
                     double       mic,
                     VastusBetter better)
{
  if (isnan (change) || isnan (mic) || !(mic > 0))
    return VASTUS_CHANGE_UNKNOWN;
  if (better == VASTUS_BETTER_LOWER)
    change = -change;
  if (change >= mic)
    return VASTUS_CHANGE_IMPROVED;
  if (change <= -mic)
    return VASTUS_CHANGE_WORSENED;
  return VASTUS_CHANGE_WITHIN;
}

const char *
vastus_change_to_string (VastusChange change)
{
  switch (change)
    {
    case VASTUS_CHANGE_WITHIN: return "within";
    case VASTUS_CHANGE_IMPROVED: return "improved";
    case VASTUS_CHANGE_WORSENED: return "worsened";
    case VASTUS_CHANGE_UNKNOWN:
    default: return NULL;
    }
}

char *
vastus_change_describe (VastusChange change,
                        double       mic)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_display_number (mic, 1, shown);
  switch (change)
    {
    case VASTUS_CHANGE_WITHIN:
      /* Translators: the change since the first score is smaller than the minimal important
       * change (MIC), here 16.7 points. */
      return g_strdup_printf (_("within the MIC of %s"), shown);
    case VASTUS_CHANGE_IMPROVED:
      /* Translators: %s is the minimal important change with its decimal mark, e.g. 16.7 */
      return g_strdup_printf (_("better by at least the MIC of %s"), shown);
    case VASTUS_CHANGE_WORSENED:
      /* Translators: %s is the minimal important change with its decimal mark, e.g. 16.7 */
      return g_strdup_printf (_("worse by at least the MIC of %s"), shown);
    case VASTUS_CHANGE_UNKNOWN:
    default:
      return NULL;
    }
}
