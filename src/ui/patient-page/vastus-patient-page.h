/* vastus-patient-page.h: one patient under review
 *
 * A header (name, MRN, age, the episode of care: condition, involved side, weeks since surgery
 * or injury; a chooser when the patient has several episodes) above four views: Overview (the
 * latest visit's key values for both legs with their symmetry, the status against the episode's
 * criteria set, safety flags), Visits (newest first; deleting one shows an Undo toast), Criteria
 * (the checklist with a set chooser) and Charts.
 *
 * It shows a VastusPatientRecord and follows it: what the clinic announces (an episode added,
 * edited or removed, a visit saved or deleted, a criteria set saved) reaches the header, Add
 * Visit and every view from the record. Everything is computed by the model (history →
 * evaluation, safety, symmetry); the page only formats. Emits ::add-visit (gint64 episode id)
 * and ::edit-visit (gint64 visit id) for the window to open the visit editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-patient-record.h"
#include "vastus-undo-stack.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_PAGE (vastus_patient_page_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientPage, vastus_patient_page, VASTUS, PATIENT_PAGE, AdwBin)

GtkWidget  *vastus_patient_page_new                 (void);
/* Shows @record's patient and their most recent episode (a spinner when reading takes longer
 * than 150 ms; a patient that cannot be read is said so on the page). NULL: "No Patient
 * Selected". */
void        vastus_patient_page_set_record          (VastusPatientPage   *self,
                                                     VastusPatientRecord *record);
VastusPatientRecord *vastus_patient_page_get_record (VastusPatientPage   *self);
/* What the visits list says of visit @visit_id being edited on another workstation ("Being
 * edited by NAME since TIME"), or NULL. */
const char          *vastus_patient_page_get_lease_notice (VastusPatientPage *self,
                                                           gint64             visit_id);
void                 vastus_patient_page_focus_first_action (VastusPatientPage *self);
/* 0 when none is shown. */
gint64      vastus_patient_page_get_patient_id      (VastusPatientPage *self);
/* The episode shown: 0 when none. */
gint64      vastus_patient_page_get_episode_id      (VastusPatientPage *self);
void        vastus_patient_page_set_episode_id      (VastusPatientPage *self,
                                                     gint64             episode_id);
/* The criteria set the episode is shown against (the chooser's choice, else the episode's
 * own, else the clinic's default for the condition, else the built-in default). */
const char *vastus_patient_page_get_criteria_set_id (VastusPatientPage *self);
void        vastus_patient_page_set_criteria_set_id (VastusPatientPage *self,
                                                     const char        *set_id);
/* Adds a view after Overview, Visits, Criteria and Charts (e.g. the patient's details and
 * episodes). @title may have a mnemonic. In a .ui file, <child type="view"> adds one named
 * "patient", titled "Patient". */
void        vastus_patient_page_add_view            (VastusPatientPage *self,
                                                     GtkWidget         *child,
                                                     const char        *name,
                                                     const char        *title,
                                                     const char        *icon_name);
/* Deletes (soft) a visit of the shown episode through the clinic and, once stored, shows a
 * toast with an Undo button: no confirmation. The delete buttons of the Visits view call this.
 * An episode of care is deleted from its editor the same way. Each is put on the undo stack
 * (Ctrl+Z): the window's (vastus_patient_page_set_undo_stack), else the page's own. */
void        vastus_patient_page_delete_visit        (VastusPatientPage *self,
                                                     gint64             visit_id);
void        vastus_patient_page_set_undo_stack      (VastusPatientPage *self,
                                                     VastusUndoStack   *undo);
/* The header's Add Visit and Add Episode of Care (enabled as "can-add-visit" and
 * "can-add-episode" say). The page's actions: page.add-visit, page.add-episode and
 * page.edit-episode (an episode's id, "x"), for the buttons of its views. */
void        vastus_patient_page_add_visit           (VastusPatientPage *self);
void        vastus_patient_page_add_episode         (VastusPatientPage *self);

/* For tests: the toast offering to undo the last deletion while it is shown, else NULL. */
AdwToast   *vastus_patient_page_get_undo_toast      (VastusPatientPage *self);
/* For tests: inner widgets by name: "name", "details", "episode" (labels), "episode-chooser",
 * "view-stack", "status-list", "measures-grid", "visits-list" (a GtkListView), "visits-count"
 * (the label above it), "set-chooser", "criteria-group",
 * "criteria-list", "charts-box", "chart-view", "chart-kind", "chart-measure", "chart-controls"
 * (the VastusWrapBox around the chart's kind, measure and Table). */
GtkWidget  *vastus_patient_page_get_part            (VastusPatientPage *self,
                                                     const char        *name);

G_END_DECLS
