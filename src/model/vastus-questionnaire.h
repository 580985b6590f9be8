/* vastus-questionnaire.h: a questionnaire answered at a visit, and its scores
 *
 * Answers are the points of the answer marked (clinical-reference §1.11), as whole numbers;
 * scoring follows the instrument's rules (vastus-instrument.h). Scores are stored as ordinary
 * measurements under the scales' catalog codes, so criteria, charts, reports and CSV read them
 * as before; storage links each to its answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-instrument.h"
#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_QUESTIONNAIRE_ERROR (vastus_questionnaire_error_quark ())

/* Stable codes. */
typedef enum
{
  VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_INSTRUMENT,
  VASTUS_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM,
  VASTUS_QUESTIONNAIRE_ERROR_ANSWER,         /* points the item does not have */
  VASTUS_QUESTIONNAIRE_ERROR_DUPLICATE,      /* an item answered twice */
  VASTUS_QUESTIONNAIRE_ERROR_CONTRADICTS,    /* a score that is not what the answers give */
} VastusQuestionnaireError;

GQuark vastus_questionnaire_error_quark (void);

/* Who entered the answers. */
typedef enum
{
  VASTUS_ENTERED_BY_STAFF,       /* typed from the paper form */
  VASTUS_ENTERED_BY_PATIENT,     /* the patient, in "hand to patient" mode */
  VASTUS_ENTERED_BY_IMPORT,      /* an answers CSV */
} VastusEnteredBy;

typedef struct
{
  char *item;
  int   points;
} VastusAnswer;

typedef struct
{
  gint64           id;           /* 0 until stored */
  gint64           visit_id;
  char            *instrument;   /* instrument id */
  VastusEnteredBy  entered_by;
  GPtrArray       *answers;      /* of VastusAnswer*, in the instrument's item order once stored */
} VastusResponse;

#define VASTUS_TYPE_RESPONSE (vastus_response_get_type ())
GType           vastus_response_get_type    (void) G_GNUC_CONST;
VastusResponse *vastus_response_new         (const char           *instrument);
VastusResponse *vastus_response_copy        (const VastusResponse *self);
void            vastus_response_free        (VastusResponse       *self);

/* Sets (replaces) or clears one item's answer. Not checked: see vastus_response_check. */
void            vastus_response_set_answer  (VastusResponse       *self,
                                             const char           *item,
                                             int                   points);
gboolean        vastus_response_clear_answer (VastusResponse      *self,
                                              const char          *item);
/* TRUE and *@points when @item is answered. */
gboolean        vastus_response_get_answer  (const VastusResponse *self,
                                             const char           *item,
                                             int                  *points);
/* TRUE when both hold the same instrument and the same answers (ids and who entered them are
 * not compared). */
gboolean        vastus_response_equal       (const VastusResponse *a,
                                             const VastusResponse *b);
/* Sorts the answers into the instrument's item order. */
void            vastus_response_sort        (VastusResponse       *self);

/* Every answer names an item of the instrument, once, with points that item has. The message
 * names the instrument, the item and the points it takes. */
gboolean        vastus_response_check       (const VastusResponse *self,
                                             GError              **error);

const char     *vastus_entered_by_to_string   (VastusEnteredBy  entered_by);
gboolean        vastus_entered_by_from_string (const char      *text,
                                               VastusEnteredBy *out);

/* One scale's result. */
typedef struct
{
  const VastusScale *scale;
  double             value;       /* NAN when not scored */
  guint              n_answered;  /* items answered (mean-of-scales: scales scored) */
  guint              n_items;
  guint              n_required;  /* the missing-item rule */
} VastusScaleScore;

/* Every scale of the response's instrument, in its order (of VastusScaleScore); NULL for an
 * unknown instrument. Answers to items outside a scale and unknown items are ignored: check
 * the response first. */
GArray         *vastus_response_score       (const VastusResponse *self);

/* "Pain: 75.0 (9 of 9 answered)" or, when the missing-item rule bites,
 * "Pain: 4 of 9 answered — needs 5, not scored". */
char           *vastus_scale_score_describe (const VastusScaleScore *score);

/* Scores held by measurements must agree with answers: TRUE when @value is what @response
 * gives for @measure (compared unrounded, to 1e-9), or when the response does not score
 * @measure at all. FALSE with CONTRADICTS naming both values otherwise, also when the answers
 * leave that scale unscored. */
gboolean        vastus_response_check_score (const VastusResponse *self,
                                             const char           *measure,
                                             double                value,
                                             GError              **error);

/* The score measurements of @response (side none, trial 1, unit "points"), one per scored
 * scale (of VastusMeasurement*). */
GPtrArray      *vastus_response_score_measurements (const VastusResponse *self);

/* A change of a score since the episode's first, against its minimal important change. */
typedef enum
{
  VASTUS_CHANGE_UNKNOWN,     /* no change yet (the first score) or no minimal important change */
  VASTUS_CHANGE_WITHIN,      /* less than the minimal important change either way */
  VASTUS_CHANGE_IMPROVED,    /* at least the minimal important change, for the better */
  VASTUS_CHANGE_WORSENED,    /* at least the minimal important change, for the worse */
} VastusChange;

/* Compares unrounded: a change of exactly the MIC reaches it. */
VastusChange    vastus_change_judge         (double         change,
                                             double         mic,
                                             VastusBetter   better);
/* "improved", "worsened", "within"; NULL for UNKNOWN. */
const char     *vastus_change_to_string     (VastusChange   change);
/* "improved by at least the MIC (16.7)" …, translated; NULL for UNKNOWN. */
char           *vastus_change_describe      (VastusChange   change,
                                             double         mic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusResponse, vastus_response_free)

G_END_DECLS
