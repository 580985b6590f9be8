/* vastus-visit-editor.h: the page where a visit's details and measurements are entered
 *
 * A scrollable page: visit date, clinician, body mass, height, notes and findings, then one
 * VastusMeasureRow per catalog measure, grouped by category in sections whose rows are made
 * when the section opens (the sections measured last time open at once). Values are checked
 * with vastus_visit_check (hard problems block saving, soft ones need confirming) and stored
 * through the clinic in one transaction, so nothing is ever half-saved; the form stays as typed,
 * and Save disabled, until the clinic answers.
 *
 * Keyboard (the hint above the measures says the same): the editor opens on the first value of
 * the first measure. Tab and Enter move to the next value, Shift+Tab to the one before: the
 * visit's fields and checks (date, clinician, body mass, height, notes, baseline, findings), then
 * each measure's values, left then right, trial by trial; after the last, Save. From a measure's
 * unit Tab goes to its first value; from its other controls, to the next measure. Ctrl+Tab and
 * Ctrl+Shift+Tab visit every control in reading order — units, Add a trial, Value confirmed, test
 * conditions, section headers, then the buttons below — and go round. Ctrl+S saves (action
 * "editor.save"), Escape cancels ("editor.cancel"); leaving with unsaved changes asks Save /
 * Discard / Cancel. The focused field is always scrolled into view, also one that has only just
 * been made (a trial added, a section opening).
 *
 * What is typed is kept as a draft in the database about a second after each change
 * (vastus-visit-draft.h), so a crash loses at most that second; an editor that goes away writes
 * what is waiting. An editor opened for a visit with a draft restores it (once read, unless
 * something was typed meanwhile), is modified, and shows a notice whose Discard starts again.
 * Saving or discarding the visit deletes the draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-clinic-rules.h"
#include "vastus-history.h"
#include "vastus-measure-row.h"
#include "vastus-record.h"
#include "vastus-template.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_EDITOR (vastus_visit_editor_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitEditor, vastus_visit_editor, VASTUS, VISIT_EDITOR, AdwBin)

/* A new visit of @history's episode (its patient, episode and visits are copied; the last visit's
 * test conditions and units are pre-filled, and the change since then is shown). */
GtkWidget        *vastus_visit_editor_new             (VastusClinic        *clinic,
                                                       const VastusHistory *history);
/* The stored visit @visit_id of @history (NULL when it is not one of its visits): changed values
 * are updated (audited), new ones inserted, cleared ones soft-deleted, all in one transaction.
 * Each edited value shows its audit history (read in one call). */
GtkWidget        *vastus_visit_editor_new_for_visit   (VastusClinic        *clinic,
                                                       const VastusHistory *history,
                                                       gint64               visit_id);

/* Checks the visit and starts storing it: TRUE. FALSE with VASTUS_VALIDATION_ERROR or
 * VASTUS_PARSE_ERROR when a value is rejected or a warning is not confirmed (the problems are
 * shown on the fields, and nothing is stored), or G_IO_ERROR_PENDING while a save is under way.
 * Once stored, emits "saved"; a storage failure is shown in a toast and the form stays. */
gboolean          vastus_visit_editor_save            (VastusVisitEditor   *self,
                                                       GError             **error);
/* Escape: emits "cancelled" at once when nothing changed, else asks Save / Discard / Cancel
 * (presents the question again when it is open): Save ends in "saved", Discard in "cancelled",
 * and Cancel, or a Save that did not store (a value to correct, a storage failure), in "stayed". */
void              vastus_visit_editor_close           (VastusVisitEditor   *self);
/* Whether there are changes not saved yet. */
gboolean          vastus_visit_editor_get_modified    (VastusVisitEditor   *self);
/* The stored visit's id: 0 until saved. */
gint64            vastus_visit_editor_get_visit_id    (VastusVisitEditor   *self);
/* Whether a save is under way. */
gboolean          vastus_visit_editor_get_saving      (VastusVisitEditor   *self);

/* A measure's row (its section is built when it was not yet). */
VastusMeasureRow *vastus_visit_editor_get_measure_row (VastusVisitEditor   *self,
                                                       const char          *code);
/* Whether the form shows @code's row now (made, and in the battery or added to it). */
gboolean          vastus_visit_editor_shows_measure   (VastusVisitEditor   *self,
                                                       const char          *code);
/* The rows built so far (of VastusMeasureRow*, section by section; owned by the editor). */
GPtrArray        *vastus_visit_editor_get_rows        (VastusVisitEditor   *self);
/* The questionnaires answered in the editor and not stored yet (of VastusResponse*, owned by the
 * editor; free the array only). */
GPtrArray        *vastus_visit_editor_get_answered    (VastusVisitEditor   *self);
/* Takes @responses (of VastusResponse*, copied) as the questionnaire window's Apply does: their
 * scores are shown, and they are stored with the visit. */
void              vastus_visit_editor_apply_questionnaires (VastusVisitEditor *self,
                                                            GPtrArray         *responses);
/* For tests: draft writes under way. */
guint             vastus_visit_editor_get_n_pending_drafts (VastusVisitEditor *self);
/* Header fields, by name: "date", "clinician", "body-mass", "height", "notes", "baseline"
 * (the check marking the visit's values as a pre-injury reference), "confirm" (the check
 * confirming warnings about the header fields), "save" (the button), "draft-discard" (the
 * restored-draft notice's Discard button), "conflict-reload" and "conflict-compare" (the
 * buttons of the notice that someone else saved the visit first), "battery" (the test battery's
 * row), "add-measure" (the drop-down of Add a measure; NULL without a battery). */
GtkWidget        *vastus_visit_editor_get_field       (VastusVisitEditor   *self,
                                                       const char          *name);
/* The findings check button for a VASTUS_FINDING_* flag. */
GtkWidget        *vastus_visit_editor_get_finding     (VastusVisitEditor   *self,
                                                       VastusFinding        finding);
/* The safety flags shown above the strength and hop sections, NULL when none. */
const char       *vastus_visit_editor_get_safety_text (VastusVisitEditor   *self);
/* The problems shown for the header fields, NULL when none. */
const char       *vastus_visit_editor_get_problem_text (VastusVisitEditor  *self);
/* The notice that a draft was restored, NULL when not shown. */
const char       *vastus_visit_editor_get_draft_notice (VastusVisitEditor  *self);
/* The notice that someone else saved the visit first, NULL when not shown. */
const char       *vastus_visit_editor_get_conflict_notice (VastusVisitEditor *self);
/* The notice that someone else is editing the visit ("Being edited by NAME since TIME"), NULL
 * when not shown. */
const char       *vastus_visit_editor_get_lease_notice (VastusVisitEditor  *self);

/* The test battery the form shows (vastus-template.h), NULL for every measure. The editor opens
 * with the battery of the stored visit, else of the episode's last visit, else the one for the
 * episode's condition and phase (vastus_template_choose); the battery row ("Test battery")
 * changes it, keeping what was typed. With a battery, the form shows its measures in its order,
 * with its trials and units, and "Add a measure" adds any other for this visit. */
const VastusTemplate *vastus_visit_editor_get_battery (VastusVisitEditor *self);
/* Chooses battery @id (0: every measure) as the battery row does. FALSE when it is not one of
 * the choices. */
gboolean          vastus_visit_editor_choose_battery  (VastusVisitEditor   *self,
                                                       gint64               id);

/* Pain at or above @pain_limit (0–10) raises a safety flag; VASTUS_SAFETY_DEFAULT_PAIN_LIMIT
 * until set. */
void              vastus_visit_editor_set_pain_limit  (VastusVisitEditor   *self,
                                                       double               pain_limit);
/* The clinic's pain limit and minimum weeks before maximal tests (the defaults until set). */
void              vastus_visit_editor_set_clinic_rules (VastusVisitEditor       *self,
                                                        const VastusClinicRules *rules);

G_END_DECLS
