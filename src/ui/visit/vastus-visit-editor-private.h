/* vastus-visit-editor-private.h: what the files of the visit editor share
 *
 * vastus-visit-editor.c builds the form and saves the visit; vastus-visit-editor-battery.c
 * chooses the test battery the form shows and lets any other measure be added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-template.h"
#include "vastus-visit-draft.h"
#include "vastus-visit-editor.h"

G_BEGIN_DECLS

struct _VastusVisitEditor
{
  AdwBin          parent_instance;

  VastusClinicRules rules;      /* pain limit, minimum weeks for maximal tests (preferences) */
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

G_END_DECLS
