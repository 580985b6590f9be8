/* vastus-report-dialog-private.h: what the files of the report dialog share
 *
 * vastus-report-dialog.c: the dialog, its options and the preview of the report;
 * vastus-report-dialog-output.c: putting the report out: Export… and Print…, each recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic-report.h"
#include "vastus-report-dialog.h"
#include "vastus-report-layout.h"
#include "vastus-settings.h"
#include "vastus-task-bar.h"
#include "vastus-value.h"

G_BEGIN_DECLS

struct _VastusReportDialog
{
  AdwWindow             parent_instance;

  VastusClinic         *clinic;
  VastusPatientRecord  *record;
  char                 *mrn;
  GSettings            *settings;       /* NULL when the schema is not installed */
  VastusClinicRules     rules;          /* the clinic's rules, as the report was asked for */
  gboolean              has_clinician;    /* … and clinician */
  GListModel           *sets;           /* the clinic's, of VastusCriteriaSetItem */
  GPtrArray            *set_ids;        /* of char*, in the set row's order */
  char                **languages;      /* in the language row's order */
  GListModel           *reports;        /* the patient's, of VastusReportItem */
  VastusReportData     *data;           /* the report previewed; NULL until prepared */
  VastusReportLayout   *print_layout;   /* during a print operation */
  GtkFileChooserNative *chooser;
  GCancellable         *finding_folder; /* Export…: the saved folder's check */
  GCancellable         *preparing;      /* reading and drawing the preview */
  guint                 narrative_timeout;
  gboolean              loading;
  gboolean              narrative_typed; /* else the last report's is offered */
  gboolean              setting_narrative;
  char                 *recorded_narrative; /* the assessment of the last report put out */
  GtkWindow            *question;           /* "Discard the assessment?", while asked */
  gboolean              closing;            /* the question answered Discard */

  GtkSwitch            *deidentify_switch;
  GtkButton            *export_button;
  GtkTextView          *narrative_view;
  AdwComboRow          *paper_row;
  AdwComboRow          *language_row;
  GtkStringList        *language_names;
  GtkBox               *preview;          /* a picture per page */
  GtkButton            *print_button;
  AdwComboRow          *set_row;
  GtkLabel             *status_label;
  VastusTaskBar        *task_bar;
  AdwToastOverlay      *toast_overlay;
};

/* vastus-report-dialog.c */

/* The setting @key, or "" when the schema is not installed (free it). */
char *_vastus_report_dialog_get_setting_string (VastusReportDialog  *self,
                                                const char          *key);
/* @text under the preview, or nothing for NULL. */
void  _vastus_report_dialog_show_status        (VastusReportDialog  *self,
                                                const char          *text);
void  _vastus_report_dialog_toast              (VastusReportDialog  *self,
                                                const char          *text);
/* Export waits for a report prepared, Print for its preview drawn (@ready); both for nothing
 * being put out. */
void  _vastus_report_dialog_set_ready          (VastusReportDialog  *self,
                                                gboolean             ready);
/* The options chosen now; their strings are kept in @strings (freed with it). */
void  _vastus_report_dialog_get_options        (VastusReportDialog  *self,
                                                VastusReportOptions *options,
                                                GPtrArray           *strings);

/* vastus-report-dialog-output.c: the buttons' callbacks (the template's export_clicked_cb and
 * print_clicked_cb). */

void  _vastus_report_dialog_export_clicked_cb  (VastusReportDialog  *self);
void  _vastus_report_dialog_print_clicked_cb   (VastusReportDialog  *self);

G_END_DECLS
