/* vastus-episode-editor.h: adds or edits an episode of care
 *
 * Condition, involved side, injury and surgery dates, surgeon, procedure details, the
 * surgeon's restrictions and "no maximal testing before" date; checked with
 * vastus_episode_check, problems shown on their field. Soft problems are saved on a second
 * press of Save ("Save Anyway").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-episode-record.h"
#include "vastus-form-window.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_EPISODE_EDITOR (vastus_episode_editor_get_type ())
G_DECLARE_FINAL_TYPE (VastusEpisodeEditor, vastus_episode_editor, VASTUS, EPISODE_EDITOR,
                      VastusFormWindow)

/* @patient is the episode's patient (its id and birth date are used). @record NULL: a new
 * episode; else a copy of its episode is edited and updated by its id. Saved through @clinic
 * (whose change updates the patient's record everywhere it is shown); emits ::saved (gint64
 * episode id) once stored, then closes. Belongs to @parent's application. An episode without
 * visits (the editor follows @record's) can be deleted: Delete emits ::delete-requested (gint64
 * episode id, gint64 the version it showed) and closes; whoever opened the editor deletes it at
 * that version, with Undo. */
VastusEpisodeEditor *vastus_episode_editor_new  (GtkWindow           *parent,
                                                 VastusClinic        *clinic,
                                                 const VastusPatient *patient,
                                                 VastusEpisodeRecord *record);
gboolean             vastus_episode_editor_save (VastusEpisodeEditor *self);
/* For tests: the treating therapist field (a VastusClinicianPicker). */
GtkWidget           *vastus_episode_editor_get_therapist_picker (VastusEpisodeEditor *self);

G_END_DECLS
