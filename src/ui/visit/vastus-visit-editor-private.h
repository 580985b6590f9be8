/* vastus-visit-editor-private.h: what the files of the visit editor share
 *
 * vastus-visit-editor.c: the widget, loading a visit and saving it;
 * vastus-visit-editor-sections.c: the measures' part of the form (a section's rows made when it
 *   opens), filled from a visit;
 * vastus-visit-editor-check.c: the visit as typed, its problems and safety flags;
 * vastus-visit-editor-keys.c: the keyboard (Tab from value to value, the focus kept in view);
 * vastus-visit-editor-battery.c: the test battery the form shows, and any other measure added;
 * vastus-visit-editor-conflict.c: a save that found someone else's version first;
 * vastus-visit-editor-lease.c: who else is editing the visit (a clinic server's leases).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conflict-bar.h"
#include "vastus-template.h"
#include "vastus-visit-draft.h"
#include "vastus-visit-editor.h"

G_BEGIN_DECLS

struct _VastusVisitEditor
{
  AdwBin          parent_instance;

  VastusClinicRules rules;      /* the clinic's: pain limit, weeks before maximal tests */
  VastusClinic   *clinic;
  VastusPatient  *patient;
  VastusEpisode  *episode;
  VastusVisit    *previous;       /* may be NULL */
  VastusVisit    *original;       /* the stored visit being edited; NULL for a new one */
  GPtrArray      *other_visits;   /* the episode's other stored visits, for the safety flags */
  VastusVisitDraft *draft;        /* NULL when the database keeps none (read-only) */
  GPtrArray      *rows;           /* VastusMeasureRow* of the sections built, in order, not owned */
  GHashTable     *rows_by_code;
  GHashTable     *history_texts;  /* measure code → its values' edits, for rows built later */
  GCancellable   *cancellable;    /* reading the history */
  gboolean        built[VASTUS_N_CATEGORIES];   /* a section's rows are made when it opens */
  gboolean        saving;         /* the clinic is storing the visit: the form waits, as typed */
  GDate           saving_date;    /* the date of the visit being stored */
  GtkWidget      *focus_before_saving;   /* weak */
  GtkWindow      *question;       /* weak: "Save the visit?" while it is open */
  gboolean        save_to_close;  /* the question was answered Save */
  GtkWidget      *expanders[VASTUS_N_CATEGORIES];
  GtkWidget      *safety_boxes[VASTUS_N_CATEGORIES];
  GtkLabel       *safety_labels[VASTUS_N_CATEGORIES];
  char           *safety_text;
  char           *problem_text;
  GDate           taken_date;     /* a date the clinic refused (the patient has a visit then) */
  gboolean        modified;
  gboolean        baseline_dirty; /* the baseline check was changed by hand */
  gboolean        loading;
  gboolean        disposing;
  GPtrArray      *responses;      /* VastusResponse*: the visit's questionnaires, stored or applied */
  GHashTable     *changed_instruments; /* ids whose answers were applied and are not stored yet */
  GCancellable   *reading_responses;
  GListModel     *templates;      /* the clinic's batteries, of VastusTemplateItem */
  VastusTemplate *battery;        /* the battery the form shows; NULL: every measure */
  GPtrArray      *battery_choices; /* VastusTemplate*: the battery row's choices after "every
                                   * measure" */
  gboolean        battery_chosen; /* a battery was chosen (by default or by hand) */
  gboolean        choosing;       /* the battery row is being filled */
  GtkWidget      *battery_group;  /* the battery's name, over battery_list (a battery) */
  GtkListBox     *battery_list;   /* the battery's measures, in its order, then those added */
  GtkDropDown    *add_dropdown;   /* Add a measure (a battery) */
  GtkWidget      *watched_root;   /* weak: the window whose focus is kept in view */
  guint           view_tick;      /* keeping the focused field in view */
  guint           view_frames;
  guint           view_still;
  gboolean        focused;        /* the first value had the keyboard once */
  gint64          lease_visit_id; /* the visit leased while open (a clinic server's); 0: none */
  GCancellable   *reading_leases;
  GtkWidget      *lease_bar;      /* "Being edited by NAME since TIME" over the form */
  GtkLabel       *lease_label;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkBox          *page_box;
  AdwEntryRow     *date_row;
  AdwEntryRow     *clinician_row;
  AdwComboRow     *battery_row;
  AdwEntryRow     *body_mass_row;
  AdwEntryRow     *height_row;
  AdwEntryRow     *notes_row;
  GtkRevealer     *draft_revealer;
  GtkButton       *draft_discard_button;
  GtkLabel        *draft_label;
  VastusConflictBar *conflict_bar;
  GtkWidget       *findings_group;
  GtkLabel        *visit_problem_label;
  GtkCheckButton  *visit_confirm_check;
  GtkCheckButton  *baseline_check;
  GtkCheckButton  *no_slr_check;
  GtkCheckButton  *nerve_block_check;
  GtkCheckButton  *dvt_check;
  GtkCheckButton  *infection_check;
  GtkLabel        *status_label;
  GtkButton       *save_button;
  GtkScrolledWindow *scrolled;
};


/* vastus-visit-editor.c */

/* The findings the form has a check for, in the form's order. */
#define VASTUS_VISIT_EDITOR_N_FINDINGS 4
extern const VastusFinding _vastus_visit_editor_findings[VASTUS_VISIT_EDITOR_N_FINDINGS];

/* The check of a finding the form has. */
GtkCheckButton   *_vastus_visit_editor_finding_check   (VastusVisitEditor   *self,
                                                        VastusFinding        finding);
/* Sets the modified property (notified when it changes). */
void              _vastus_visit_editor_set_modified    (VastusVisitEditor   *self,
                                                        gboolean             modified);
/* A row's signals: a value changed, a value was left (committed), Enter in a value. */
void              _vastus_visit_editor_row_changed_cb  (VastusVisitEditor   *self);
void              _vastus_visit_editor_committed_cb    (VastusVisitEditor   *self);
void              _vastus_visit_editor_input_activated_cb (VastusVisitEditor *self,
                                                        GtkWidget           *input);

/* vastus-visit-editor-conflict.c */

/* Says that someone else saved the visit first (@message: who and when), with what was typed
 * kept, and offers to compare the versions and to reload theirs. */
void              _vastus_visit_editor_show_conflict   (VastusVisitEditor   *self,
                                                        const char          *message);
/* The conflict is over (saved, reloaded): its bar goes. */
void              _vastus_visit_editor_end_conflict    (VastusVisitEditor   *self);
/* The bar's signals, with their version. */
void              _vastus_visit_editor_conflict_reload_cb  (VastusVisitEditor *self,
                                                            VastusVisit       *theirs);
void              _vastus_visit_editor_conflict_compare_cb (VastusVisitEditor *self,
                                                            VastusVisit       *theirs);
void              _vastus_visit_editor_conflict_keep_mine_cb (VastusVisitEditor *self,
                                                              VastusVisit       *theirs);
void              _vastus_visit_editor_conflict_read_failed_cb (VastusVisitEditor *self,
                                                                const char        *message);

/* vastus-visit-editor-lease.c: the visit's lease (a clinic server's), from opening to closing,
 * and the notice that someone else is editing it. */
void              _vastus_visit_editor_lease_start     (VastusVisitEditor   *self);
void              _vastus_visit_editor_lease_dispose   (VastusVisitEditor   *self);
/* vastus-visit-editor-sections.c */

/* A row for @measure, made for the form (with the battery's trials and unit when the battery
 * holds it) and known to the editor (rows_by_code, its signals); the caller puts it in place and
 * in self->rows. */
VastusMeasureRow *_vastus_visit_editor_make_row        (VastusVisitEditor   *self,
                                                        const VastusMeasure *measure);
/* The card that shows the safety flags, for @category's place (NULL: the battery's). */
GtkWidget        *_vastus_visit_editor_make_safety_box (VastusVisitEditor   *self,
                                                        VastusCategory       category);
/* The measures' part of the form made again for self->battery, with what was typed in it. */
void              _vastus_visit_editor_rebuild         (VastusVisitEditor   *self);
/* @category's rows, made now when its section has none yet. */
void              _vastus_visit_editor_ensure_section  (VastusVisitEditor   *self,
                                                        VastusCategory       category);
/* The row of @measure, its section (or the battery's group) made first when needed. */
VastusMeasureRow *_vastus_visit_editor_ensure_measure  (VastusVisitEditor   *self,
                                                        const VastusMeasure *measure);
/* Takes the measures' part of the form away (the visit's fields stay). */
void              _vastus_visit_editor_clear_measures  (VastusVisitEditor   *self);
/* The measures' part of the form for the battery (or every measure), filled from the visit. */
void              _vastus_visit_editor_fill_form       (VastusVisitEditor   *self);
/* Fills the form from @visit (NULL: a new visit), with its values' edits. */
void              _vastus_visit_editor_load_visit      (VastusVisitEditor   *self,
                                                        const VastusVisit   *visit);
/* The form as it was opened (the stored visit, or a new one). */
void              _vastus_visit_editor_reset_form      (VastusVisitEditor   *self);
/* The draft's values are back in the form: says so, with Discard. */
void              _vastus_visit_editor_draft_restored_cb (VastusVisitEditor *self,
                                                        GDateTime           *saved_at);

/* vastus-visit-editor-questionnaires.c */

/* Reads the answers stored with visit @visit_id and shows their scores. */
void              _vastus_visit_editor_load_responses  (VastusVisitEditor   *self,
                                                        gint64               visit_id);
/* Answers entered in the questionnaire window: kept with the visit (saved with it). */
void              _vastus_visit_editor_questionnaire_applied_cb (VastusVisitEditor *self,
                                                        GPtrArray           *applied);
/* The editor's "editor.questionnaire" action: the questionnaire window. */
void              _vastus_visit_editor_questionnaire_action_cb (GtkWidget   *widget,
                                                        const char          *action,
                                                        GVariant            *parameter);

/* vastus-visit-editor-check.c */

/* The visit as typed; text that cannot be read becomes a hard problem in @problems. */
VastusVisit      *_vastus_visit_editor_build_visit     (VastusVisitEditor   *self,
                                                        GPtrArray           *problems);
/* The visit as typed, with what the model finds wrong in it (vastus_visit_check) appended to
 * @problems too. */
VastusVisit      *_vastus_visit_editor_check_visit     (VastusVisitEditor   *self,
                                                        GPtrArray           *problems);
void              _vastus_visit_editor_clear_problems  (VastusVisitEditor   *self);
/* Opens the sections (expanders) @widget is in. */
void              _vastus_visit_editor_expand_for      (GtkWidget           *widget);
/* Shows @problems in place; the counts of hard and unconfirmed ones; the widget of the first. */
GtkWidget        *_vastus_visit_editor_show_problems   (VastusVisitEditor   *self,
                                                        GPtrArray           *problems,
                                                        guint               *out_hard,
                                                        guint               *out_unconfirmed);
void              _vastus_visit_editor_update_safety   (VastusVisitEditor   *self,
                                                        const VastusVisit   *draft);
void              _vastus_visit_editor_update_subtitles (VastusVisitEditor  *self);
void              _vastus_visit_editor_refresh_safety  (VastusVisitEditor   *self);
/* The patient has a visit on @date already (one visit a day): said on the date field. */
void              _vastus_visit_editor_show_visit_exists (VastusVisitEditor *self,
                                                        const GDate         *date);
gboolean          _vastus_visit_editor_date_taken      (VastusVisitEditor   *self,
                                                        const GDate         *date);
/* Checks what is typed so far and shows problems and safety flags. */
void              _vastus_visit_editor_revalidate      (VastusVisitEditor   *self);

/* vastus-visit-editor-keys.c */

/* The values and controls Tab goes through, in order; where @widget is in it. */
GPtrArray        *_vastus_visit_editor_input_chain     (VastusVisitEditor   *self);
guint             _vastus_visit_editor_chain_position  (GPtrArray           *chain,
                                                        GtkWidget           *widget);
gboolean          _vastus_visit_editor_chain_find      (GPtrArray           *chain,
                                                        GtkWidget           *widget,
                                                        guint               *index);
void              _vastus_visit_editor_focus_next      (VastusVisitEditor   *self,
                                                        GtkWidget           *from);
/* The keyboard to @widget, a problem's field, scrolled into view. */
void              _vastus_visit_editor_focus_problem   (VastusVisitEditor   *self,
                                                        GtkWidget           *widget);
/* The window's focus moved: kept in view. */
void              _vastus_visit_editor_focus_widget_cb (VastusVisitEditor   *self);
/* The first value of the first measure shown (NULL when none is built). */
GtkWidget        *_vastus_visit_editor_first_value     (VastusVisitEditor   *self);
gboolean          _vastus_visit_editor_key_pressed_cb  (GtkEventControllerKey *controller,
                                                        guint                keyval,
                                                        guint                keycode,
                                                        GdkModifierType      state,
                                                        VastusVisitEditor   *self);

/* vastus-visit-editor-battery.c */

/* The battery row and its choices (the clinic's batteries, kept current). */
void              _vastus_visit_editor_battery_init    (VastusVisitEditor   *self);
void              _vastus_visit_editor_battery_dispose (VastusVisitEditor   *self);
/* Chooses the battery the form opens with (the stored visit's, else the episode's last, else
 * the one that fits), unless one was chosen already. FALSE while the batteries are not read. */
gboolean          _vastus_visit_editor_battery_choose_default (VastusVisitEditor *self);
/* The battery's part of the form, after the findings: its group and Add a measure. */
void              _vastus_visit_editor_battery_build   (VastusVisitEditor   *self);
/* The row of @measure in the battery's group, added after the others when it is not there. */
VastusMeasureRow *_vastus_visit_editor_battery_add     (VastusVisitEditor   *self,
                                                        const VastusMeasure *measure);

/* The editor's "saved" (of its stored visit) and "stayed" signals. */
void _vastus_visit_editor_emit_saved  (VastusVisitEditor *self);
void _vastus_visit_editor_emit_stayed (VastusVisitEditor *self);

G_END_DECLS
