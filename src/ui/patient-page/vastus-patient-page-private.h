/* vastus-patient-page-private.h: what the patient page's files share: the instance struct and
 * each view's refresh and callbacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-chart-builder.h"
#include "vastus-chart-table.h"
#include "vastus-chart-view.h"
#include "vastus-criteria-set-item.h"
#include "vastus-criteria.h"
#include "vastus-clinic-questionnaires.h"
#include "vastus-evaluation.h"
#include "vastus-patient-page.h"
#include "vastus-safety.h"
#include "vastus-settings.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"
#include "vastus-undo-stack.h"
#include "vastus-verdict.h"
#include "vastus-wrap-box.h"

G_BEGIN_DECLS

struct _VastusPatientPage
{
  AdwBin             parent_instance;

  GSettings         *settings;        /* NULL when the schema is not installed */
  VastusPatientRecord *record;        /* the patient shown, or NULL */
  VastusEpisodeRecord *episode;       /* the episode shown (one of the record's), or NULL */
  gint64             episode_to_show; /* just added, not yet in the record: shown once it is */
  const VastusPatient *patient;       /* the record's, NULL until read */
  const VastusHistory *history;       /* the episode's, NULL until its visits are read */
  GListModel        *criteria_sets;   /* the clinic's, of VastusCriteriaSetItem */
  GtkSingleSelection *visits_selection; /* over the episode's visits, newest first */
  guint              spinner_source;
  GPtrArray         *sets;            /* of VastusCriteriaSet*: the set chooser's items */
  char              *set_id;          /* the set shown */
  gboolean           set_chosen;      /* … picked in the chooser rather than by default */
  VastusEvaluation  *evaluation;
  GPtrArray         *chart_codes;     /* of const char* (NULL: automatic), the measure chooser's */
  VastusUndoStack   *undo;            /* the window's, or the page's own */
  AdwToast          *undo_toast;      /* weak: the last deletion's, while it is shown */
  gboolean           can_add_visit;
  gboolean           can_add_episode;
  gboolean           updating;        /* filling choosers: ignore their notifications */

  GtkWidget         *chart_view;
  GtkWidget         *chart_table;     /* the same data as rows: exact values, screen readers */
  GtkStack          *chart_stack;

  GtkButton         *add_visit_button;
  GtkButton         *add_episode_button;
  GtkLabel          *add_episode_label;
  guint              wrap_source;
  AdwSqueezer       *switcher_squeezer;
  GtkWidget         *wide_switcher;
  GtkButton         *edit_episode_button;
  gboolean           focus_first_action;   /* the keyboard to the first action once read */
  GtkBox            *header_box;
  GtkBox            *charts_box;
  VastusWrapBox     *chart_controls;     /* kind, measure, Table: wrapping when narrow */
  GtkDropDown       *chart_kind_chooser;
  GtkDropDown       *chart_measure_chooser;
  GtkStack          *content_stack;
  AdwPreferencesGroup *criteria_group;
  GtkListBox        *criteria_list;
  GtkLabel          *details_label;
  AdwStatusPage     *empty_page;
  GtkDropDown       *episode_chooser;
  GtkLabel          *episode_label;
  GtkGrid           *measures_grid;
  AdwPreferencesGroup *measures_group;
  GtkLabel          *name_label;
  AdwComboRow       *set_chooser;
  GtkListBox        *status_list;
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;
  VastusQuestionnaireSettings *questionnaire_settings;  /* the clinic's: minimal important
                                                         * changes */
  gboolean           criteria_stale;  /* refreshed when its view is shown, not before */
  gboolean           charts_stale;
  GtkLabel          *visits_label;
  GtkListView       *visits_view;
  GPtrArray         *visit_rows;      /* the visits view's rows (not owned) */
  GHashTable        *lease_notices;   /* visit id → who else is editing it; NULL: nobody */
  GCancellable      *reading_leases;
};

/* The page (vastus-patient-page.c). */
char *
_vastus_patient_page_episode_title (const VastusEpisode *episode);
void
_vastus_patient_page_emit_edit_visit (VastusPatientPage *self,
                                      gint64             visit_id);
void
_vastus_patient_page_clear_grid (GtkGrid *grid);
void
_vastus_patient_page_clear_list_box (GtkListBox *list);
/* Every view of the episode shown, again (the criteria and charts when next shown). */
void
_vastus_patient_page_refresh_views (VastusPatientPage *self);

/* Deleting and bringing back, the episode editor (vastus-patient-page-delete.c). */
void
_vastus_patient_page_edit_episode (VastusPatientPage *self,
                                   gint64             episode_id);

/* Text (vastus-patient-page-format.c): formatting only, no clinical computation; the header. */
void
_vastus_patient_page_show_header (VastusPatientPage *self);
char *
_vastus_patient_page_format_date (const GDate *date);
char *
_vastus_patient_page_format_date_cb (const GDate *date,
                                     gpointer     user_data);
char *
_vastus_patient_page_format_difference (VastusPatientPage   *self,
                                        const VastusMeasure *measure,
                                        double               difference);
char *
_vastus_patient_page_format_measure (VastusPatientPage   *self,
                                     const VastusMeasure *measure,
                                     double               stored);
char *
_vastus_patient_page_format_percent (double value);
gboolean
_vastus_patient_page_imperial (VastusPatientPage *self);
const char *
_vastus_patient_page_knee_label (VastusSide side);
const char *
_vastus_patient_page_side_letter (VastusSide side);

/* The clinic's minimal important change of a questionnaire score (its own, else the
 * instrument's), NAN when none. */
double
_vastus_patient_page_mic (VastusPatientPage *self,
                          const char        *measure);

/* Overview (vastus-patient-page-overview.c): status and the latest visit's values. */
void
_vastus_patient_page_add_flags (VastusPatientPage *self,
                                GtkListBox        *list,
                                guint              index,
                                const char        *none,
                                const char        *none_class);
char *
_vastus_patient_page_rules_text (const VastusEvaluation *evaluation);
void
_vastus_patient_page_wrap_drop_down (GtkDropDown *drop_down);
void
_vastus_patient_page_fill_values (VastusPatientPage *self,
                                  GtkGrid           *grid,
                                  guint              index,
                                  GPtrArray         *codes);
void
_vastus_patient_page_refresh_measures (VastusPatientPage *self);
void
_vastus_patient_page_refresh_status (VastusPatientPage *self);
void
_vastus_patient_page_status_activated_cb (VastusPatientPage *self,
                                          GtkListBoxRow     *row);

/* Visits (vastus-patient-page-visits.c): a recycled-row list of the episode's visits. */
GtkListItemFactory *
_vastus_patient_page_visit_factory_new (VastusPatientPage *self);
void
_vastus_patient_page_refresh_visits (VastusPatientPage *self);
void
_vastus_patient_page_visit_activated_cb (VastusPatientPage *self,
                                         guint              position);
void
_vastus_patient_page_show_visit (VastusPatientPage *self,
                                 gint64             visit_id);
/* The header's actions (Add Visit, Add and Edit Episode) for what is read, and the header. */
void
_vastus_patient_page_update_actions (VastusPatientPage *self);
void
_vastus_patient_page_refresh_header (VastusPatientPage *self);
/* The episode shown, or NULL. */
const VastusEpisode *
_vastus_patient_page_current_episode (VastusPatientPage *self);

/* The patient and the episode shown (vastus-patient-page-episodes.c): a message in place of
 * the views; the spinner, shown only when reading takes a while; the views not shown built when
 * they are; the episode shown and the record's episodes (borrowed, by position), followed as
 * they change, and the patient as read. */
void
_vastus_patient_page_show_message (VastusPatientPage *self,
                                   const char        *title,
                                   const char        *description);
void
_vastus_patient_page_start_spinner (VastusPatientPage *self);
void
_vastus_patient_page_stop_spinner (VastusPatientPage *self);
void
_vastus_patient_page_refresh_lazy_views (VastusPatientPage *self);
void
_vastus_patient_page_show_episode (VastusPatientPage   *self,
                                   VastusEpisodeRecord *episode);
VastusEpisodeRecord *
_vastus_patient_page_episode_at (VastusPatientPage *self,
                                 guint              position);
void
_vastus_patient_page_episodes_changed_cb (VastusPatientPage *self);
void
_vastus_patient_page_patient_changed_cb (VastusPatientPage *self);
/* The clinic of the patient shown (its rules judge), or NULL. */
VastusClinic *
_vastus_patient_page_get_clinic (VastusPatientPage *self);
/* Who else is editing the patient's visits (a clinic server's leases): read for the patient
 * shown, and again when the clinic says they or the patient changed. */
void
_vastus_patient_page_watch_leases (VastusPatientPage *self,
                                   VastusClinic      *clinic);
void
_vastus_patient_page_read_leases (VastusPatientPage *self);
void
_vastus_patient_page_leases_dispose (VastusPatientPage *self);

/* Criteria checklist (vastus-patient-page-criteria.c): the set chooser filled with the sets for
 * the episode's condition (and the one shown), a set picked in it, the evaluation, the
 * checklist. */
void
_vastus_patient_page_load_sets (VastusPatientPage *self);
void
_vastus_patient_page_criteria_sets_changed_cb (VastusPatientPage *self);
void
_vastus_patient_page_set_selected_cb (VastusPatientPage *self);
void
_vastus_patient_page_refresh_evaluation (VastusPatientPage *self);
void
_vastus_patient_page_refresh_criteria (VastusPatientPage *self);

/* Charts (vastus-patient-page-charts.c). */
void
_vastus_patient_page_chart_kind_changed_cb (VastusPatientPage *self);
void
_vastus_patient_page_chart_measure_changed_cb (VastusPatientPage *self);
void
_vastus_patient_page_chart_visit_activated_cb (VastusPatientPage *self,
                                               gint64             visit_id);
void
_vastus_patient_page_fill_chart_measures (VastusPatientPage *self);
void
_vastus_patient_page_refresh_chart (VastusPatientPage *self);
void
_vastus_patient_page_table_toggled_cb (VastusPatientPage *self,
                                       GtkToggleButton   *toggle);

G_END_DECLS
