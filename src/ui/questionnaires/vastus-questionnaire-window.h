/* vastus-questionnaire-window.h: a questionnaire entered item by item, from the paper form
 *
 * A compact grid for one instrument at a time (a drop-down switches): a row per item with its
 * number, its topic (or the clinic's wording) and the answer. Answers are typed as the points
 * of the answer marked; each digit that completes an answer moves to the next item, so no Tab is
 * needed (points of two digits, such as Lysholm's 25, take two). The score of each scale and the
 * count of items answered follow live, with the missing-item rule where it bites. Apply hands
 * the answers to the visit editor, which stores them with the visit. "Hand to Patient" opens the
 * patient mode (vastus-patient-mode.h) for an instrument whose wording the clinic loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-questionnaire.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_QUESTIONNAIRE_WINDOW (vastus_questionnaire_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusQuestionnaireWindow, vastus_questionnaire_window, VASTUS,
                      QUESTIONNAIRE_WINDOW, AdwWindow)

/* @responses (of VastusResponse*, may be NULL) are the visit's answers so far, copied; the grid
 * opens on @instrument (NULL: the first). @clinic (may be NULL) has the clinic's wording and
 * PIN. */
GtkWidget      *vastus_questionnaire_window_new          (VastusClinic              *clinic,
                                                          GPtrArray                 *responses,
                                                          const char                *instrument);
/* The instrument shown, and switching to another. */
const char     *vastus_questionnaire_window_get_instrument (VastusQuestionnaireWindow *self);
void            vastus_questionnaire_window_set_instrument (VastusQuestionnaireWindow *self,
                                                            const char                *instrument);
/* The answers of the instrument shown, as typed so far (owned by the window). */
const VastusResponse *vastus_questionnaire_window_get_response (VastusQuestionnaireWindow *self);
/* The item being typed (0-based), and the live text of scale @index ("Pain: 75.0 (9 of 9
 * answered)"). */
guint           vastus_questionnaire_window_get_cursor   (VastusQuestionnaireWindow *self);
const char     *vastus_questionnaire_window_get_scale_text (VastusQuestionnaireWindow *self,
                                                            guint                      index);
/* The message shown about the last key (a refused digit), or "". */
const char     *vastus_questionnaire_window_get_message  (VastusQuestionnaireWindow *self);

G_END_DECLS
