/* vastus-questionnaire-store.h: questionnaire answers, their scores and the clinic's settings
 * for questionnaires (sql/007-questionnaires.sql)
 *
 * A visit holds at most one live questionnaire per instrument. Its scores are measurements
 * under the scales' catalog codes, written here and only here, each linked to the answers; a
 * linked score cannot be edited, only replaced with its answers. A score typed at the same visit
 * must agree with the answers (vastus_response_check_score).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"
#include "vastus-questionnaire.h"
#include "vastus-wording.h"

G_BEGIN_DECLS

/* Of VastusResponse*, answers in item order: the live questionnaires of the episode's live
 * visits, oldest visit first, or of one visit. */
GPtrArray      *vastus_database_list_responses       (VastusDatabase  *self,
                                                      gint64           episode_id,
                                                      GError         **error);
GPtrArray      *vastus_database_list_visit_responses (VastusDatabase  *self,
                                                      gint64           visit_id,
                                                      GError         **error);

typedef enum
{
  /* Answers already stored with other answers, or a typed score they contradict, is an error
   * (VASTUS_STORE_ERROR_CONSTRAINT): an import never overwrites. */
  VASTUS_RESPONSE_KEEP,
  /* They are replaced (soft-deleted, audited): a corrected form in the visit editor. */
  VASTUS_RESPONSE_REPLACE,
} VastusResponseMode;

/* Stores @response at the live visit @visit_id with its scores, in one write (a savepoint inside
 * vastus_database_begin): the answers, a measurement per scored scale (a typed score that
 * agrees is kept and linked instead), and the links. Sets @response's id and visit_id.
 * *@changed (may be NULL) is FALSE when the same answers were stored already: then nothing is
 * written. A response with no answers deletes the visit's questionnaire of that instrument
 * (REPLACE) or is an error (KEEP). Invalid answers fail with VASTUS_QUESTIONNAIRE_ERROR. */
gboolean        vastus_database_save_response        (VastusDatabase      *self,
                                                      gint64               visit_id,
                                                      VastusResponse      *response,
                                                      VastusResponseMode   mode,
                                                      gboolean            *changed,
                                                      GError             **error);
/* Soft-deletes a questionnaire with its scores. */
gboolean        vastus_database_delete_response      (VastusDatabase      *self,
                                                      gint64               response_id,
                                                      GError             **error);

/* The minimal important change for a score: the clinic's own (*@clinic_set TRUE), else the
 * instrument's default; NAN when neither exists. */
double          vastus_database_get_mic              (VastusDatabase      *self,
                                                      const char          *measure,
                                                      gboolean            *clinic_set,
                                                      GError             **error);
/* Sets the clinic's own value (0 < @mic ≤ 100); NAN returns to the default. */
gboolean        vastus_database_set_mic              (VastusDatabase      *self,
                                                      const char          *measure,
                                                      double               mic,
                                                      GError             **error);

/* Item wording (vastus-wording.h), replaced per instrument as a whole. */
gboolean        vastus_database_save_wording         (VastusDatabase      *self,
                                                      const VastusWording *wording,
                                                      GError             **error);
/* NULL without an error when the clinic loaded none for @instrument. */
VastusWording  *vastus_database_get_wording          (VastusDatabase      *self,
                                                      const char          *instrument,
                                                      GError             **error);
gboolean        vastus_database_delete_wording       (VastusDatabase      *self,
                                                      const char          *instrument,
                                                      GError             **error);

/* The clinic PIN (vastus-pin.h); @pin NULL removes it. Only its hash is stored. */
gboolean        vastus_database_set_pin              (VastusDatabase      *self,
                                                      const char          *pin,
                                                      GError             **error);
gboolean        vastus_database_has_pin              (VastusDatabase      *self,
                                                      gboolean            *has_pin,
                                                      GError             **error);
/* *@matches TRUE when @pin is the clinic's PIN (FALSE also when none is set). */
gboolean        vastus_database_check_pin            (VastusDatabase      *self,
                                                      const char          *pin,
                                                      gboolean            *matches,
                                                      GError             **error);

G_END_DECLS
