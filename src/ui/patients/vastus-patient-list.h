/* vastus-patient-list.h: the searchable, sortable list of patients
 *
 * A search entry (name or MRN, as you type), a sort choice, an "Archived" filter and a
 * virtualized one-column GtkGridView over the clinic's VastusPatientModel, which keeps itself
 * current. Emits ::patient-activated (gint64 id) when
 * a patient is opened (a click, Enter on a row, or Enter in the search entry for the first
 * match, and after the editor saved one), and ::patient-selected (gint64 id) when the selection
 * moves (click or arrow keys): show that patient, but in a narrow layout stay in the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-patient-model.h"
#include "vastus-undo-stack.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_LIST (vastus_patient_list_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientList, vastus_patient_list, VASTUS, PATIENT_LIST, AdwBin)

GtkWidget          *vastus_patient_list_new          (VastusClinic       *clinic);
VastusClinic       *vastus_patient_list_get_clinic   (VastusPatientList  *self);
void                vastus_patient_list_set_clinic   (VastusPatientList  *self,
                                                      VastusClinic       *clinic);
/* NULL without a clinic. */
VastusPatientModel *vastus_patient_list_get_model    (VastusPatientList  *self);

/* Chooses the sort order, as the sort drop-down does: NAME or LAST_VISIT (the default). */
void                vastus_patient_list_set_sort     (VastusPatientList  *self,
                                                      VastusPatientOrder  sort);

/* The patient shown beside the list (0: none): their row is selected whenever the list has
 * them, without ::patient-selected, soon after (not during) this call. */
void                vastus_patient_list_set_current  (VastusPatientList  *self,
                                                      gint64              patient_id);

void                vastus_patient_list_focus_search (VastusPatientList  *self);
/* Archiving puts its undo there (Ctrl+Z in the window); else on the list's own stack. */
void                vastus_patient_list_set_undo_stack (VastusPatientList *self,
                                                        VastusUndoStack   *undo);

/* Open the patient editor, transient for the list's window (for a patient, once their record
 * was read). ::patient-activated follows a save. */
void                vastus_patient_list_add_patient  (VastusPatientList  *self);
void                vastus_patient_list_edit_patient (VastusPatientList  *self,
                                                      gint64              patient_id);

/* Widget actions: patient-list.add (opens the editor), patient-list.focus-search (Ctrl+F),
 * patient-list.archive-selected (Delete: archives the selected patient, or restores it in the
 * archived view, with Undo on the nearest AdwToastOverlay). */

/* Archives (or restores) a patient through the clinic, at @row_version (the version shown; 0:
 * at any) and, once stored, shows a toast with an Undo button on @overlay (no confirmation:
 * undo instead). Failures are shown as a toast too; when someone changed the patient after it
 * was shown, it says who and when and offers Reload. Emits ::patient-archived once stored. */
void                vastus_patient_list_archive      (VastusPatientList  *self,
                                                      gint64              patient_id,
                                                      gint64              row_version,
                                                      AdwToastOverlay    *overlay);
void                vastus_patient_list_unarchive    (VastusPatientList  *self,
                                                      gint64              patient_id,
                                                      gint64              row_version,
                                                      AdwToastOverlay    *overlay);

G_END_DECLS
