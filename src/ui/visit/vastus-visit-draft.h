/* vastus-visit-draft.h: what is typed into a visit editor, kept in the database until saved
 *
 * A crash, a power cut or a killed process must not lose a visit being entered: about a second
 * after the last change, the editor's form is written as the draft of its visit, through the
 * clinic (on its writer, never on the main thread), and an editor opened for the same visit
 * offers it back.
 *
 * The state is what is typed, not what it means: text that is not a number yet comes back as it
 * was. It is a GVariant of type a{sv} in g_variant_print's text (with type annotations, so it
 * reads back with g_variant_parse the same in every locale):
 *
 *   "format"                          u   1
 *   "date", "clinician", "body-mass",
 *   "height", "notes"                 s   the header fields' text
 *   "baseline", "confirm"             b   the header's check buttons
 *   "findings"                        u   the VastusFinding flags checked
 *   "battery"                         x   the test battery the form shows, 0 for every measure
 *                                         (absent in drafts written before batteries: every
 *                                         measure)
 *   "measures"                        a{sv}: per measure code, the row's state
 *                                         (vastus_measure_row_save_state)
 *   "questionnaires"                  a(sua(si)): the questionnaires answered and not stored
 *                                         yet: instrument id, who entered them
 *                                         (VastusEnteredBy), answers (item, points); absent
 *                                         when there are none
 *
 * Names are those of vastus_visit_editor_get_field. A state of another format is not restored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-visit-editor.h"

G_BEGIN_DECLS

typedef struct _VastusVisitDraft VastusVisitDraft;

/* The draft of @editor's visit: (@episode_id, the editor's visit id), of patient @patient_id.
 * NULL for a read-only database, which keeps no drafts; every function below takes NULL and then
 * does nothing. */
VastusVisitDraft *vastus_visit_draft_new      (VastusVisitEditor *editor,
                                               VastusClinic      *clinic,
                                               gint64             patient_id,
                                               gint64             episode_id);
/* Writes a save still waiting (the editor is going away: what was typed is kept). */
void              vastus_visit_draft_free     (VastusVisitDraft  *draft);

/* Saves the form about a second from now; every call restarts the wait. */
void              vastus_visit_draft_schedule (VastusVisitDraft  *draft);
/* Forgets a save still waiting. */
void              vastus_visit_draft_cancel   (VastusVisitDraft  *draft);
/* Saves at once when a save is waiting. */
void              vastus_visit_draft_flush    (VastusVisitDraft  *draft);
/* Saves now, waiting or not (a save of the visit failed: what was typed must be kept). When the
 * clinic server does not take it, it is kept on this computer (vastus-local-draft.h) and sent
 * again when the server answers; restoring prefers such a local draft when it is the newer. */
void              vastus_visit_draft_keep     (VastusVisitDraft  *draft);
/* The visit was saved (its stored draft went with it): the local draft goes too. */
void              vastus_visit_draft_saved    (VastusVisitDraft  *draft);
/* Forgets a save still waiting and deletes the stored draft. */
void              vastus_visit_draft_discard  (VastusVisitDraft  *draft);
/* Reads the stored draft and, when there is one and nothing was typed meanwhile, puts it into
 * the form and calls @restored with when it was saved (UTC). A failure to save, delete or read a
 * draft is logged once per draft and otherwise ignored: it must never stop typing or saving the
 * visit. */
typedef void (*VastusVisitDraftRestored) (VastusVisitEditor *editor,
                                          GDateTime         *saved_at);
void              vastus_visit_draft_restore  (VastusVisitDraft         *draft,
                                               VastusVisitDraftRestored  restored);
/* For tests: draft writes made and not stored yet. */
guint             vastus_visit_draft_get_n_pending (VastusVisitDraft *draft);

/* "Restored entries not saved on 21 Nov 2026 at 14:03." (in local time). */
char             *vastus_visit_draft_notice   (GDateTime         *saved_at);

/* The form's state as described above, and back (FALSE with @error when it cannot be read). */
char             *vastus_visit_draft_capture  (VastusVisitEditor *editor);
gboolean          vastus_visit_draft_apply    (VastusVisitEditor *editor,
                                               const char        *state,
                                               GError           **error);

G_END_DECLS
