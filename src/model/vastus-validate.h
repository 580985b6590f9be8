/* vastus-validate.h: what a record must satisfy before it is stored
 *
 * Hard problems reject; soft problems (implausible but possible) warn and can be confirmed.
 * Every message is translated and names the field, the value and the limit. Nothing is clamped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-catalog.h"
#include "vastus-record.h"
#include "vastus-text.h"

G_BEGIN_DECLS

typedef struct
{
  char     *field;      /* stable: "mrn", "birth_date", "visit_date", "body_mass_kg",
                         * "quadriceps_hhd/left/1" (measure/side/trial) … */
  char     *message;    /* translated, complete sentence */
  gboolean  soft;       /* TRUE: a warning that can be confirmed */
  int       code;       /* VastusValidationError */
  int       index;      /* the measurement's index in the visit, −1 for other fields */
} VastusProblem;

/* How a value is named in messages, the same everywhere: "Quadriceps HHD, left, trial 2"
 * (short label; the side for two-sided measures; the trial from the second). */
char          *vastus_measure_describe_value (const VastusMeasure *measure,
                                              VastusSide           side,
                                              int                  trial);

void           vastus_problem_free     (VastusProblem *problem);
/* Appends a problem of @field (index −1) to @problems; @code is a VastusValidationError, or −1
 * for text that could not be read. */
void           vastus_problem_add      (GPtrArray     *problems,
                                        const char    *field,
                                        gboolean       soft,
                                        int            code,
                                        const char    *message);

/* Each returns every problem found (an empty array when there is none). @today is the local date. */
GPtrArray     *vastus_patient_check     (const VastusPatient *patient,
                                         const GDate         *today);
GPtrArray     *vastus_episode_check     (const VastusEpisode *episode,
                                         const VastusPatient *patient,
                                         const GDate         *today);
/* @previous (may be NULL) is the episode's visit before this one, for the change since then. */
GPtrArray     *vastus_visit_check       (const VastusVisit   *visit,
                                         const VastusPatient *patient,
                                         const VastusEpisode *episode,
                                         const VastusVisit   *previous,
                                         const GDate         *today);
/* Removes from @visit the values their own check refuses (outside the possible range, or a
 * fraction of a whole number), so that figures derived from the visit (its safety flags) rest on
 * possible values alone: an impossible value has its one message, and nothing follows from it. */
void           vastus_visit_drop_impossible (VastusVisit *visit);
/* One measurement's own value, unit, side and trial. @index is put in the problems. */
void           vastus_measurement_check (const VastusMeasurement *measurement,
                                         int                      index,
                                         GPtrArray               *problems);

/* The longest MRN (the schema's CHECK holds the same number). */
#define VASTUS_MRN_MAX_CHARS 64

/* The MRN alone, as vastus_patient_check () checks it: required, at most VASTUS_MRN_MAX_CHARS
 * characters, no space at either end, no control characters (vastus-text.h). */
void           vastus_mrn_check         (const char              *mrn,
                                         GPtrArray               *problems);
/* Adds a hard problem for @field when @text (may be NULL) holds a character a field of @kind
 * cannot hold (vastus_text_find_control); @what names the field ("The name"). */
void           vastus_text_check        (GPtrArray               *problems,
                                         const char              *field,
                                         const char              *what,
                                         const char              *text,
                                         VastusTextKind           kind);

/* Sets @error from the first hard problem, or, unless @allow_soft, the first soft one
 * (VASTUS_VALIDATION_ERROR_HARD_LIMIT, _SOFT_LIMIT, _DATE, _REQUIRED … as the problem says).
 * Returns FALSE when it set an error. */
gboolean       vastus_problems_to_error (GPtrArray *problems,
                                         gboolean   allow_soft,
                                         GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusProblem, vastus_problem_free)

G_END_DECLS
