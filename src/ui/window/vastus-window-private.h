/* vastus-window-private.h: what the files of the main window share
 *
 * vastus-window.c: the window, the database it shows, the patient list beside the patient's page;
 * vastus-window-header.c: its header bar: Add Patient or Back, who is entering data and where
 *   the data lives;
 * vastus-window-actions.c: the window's actions (win.*): the windows and dialogs they open, and
 *   a file dropped on the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinician-picker.h"
#include "vastus-login-button.h"
#include "vastus-patient-list.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-task-bar.h"
#include "vastus-undo-stack.h"
#include "vastus-window.h"

G_BEGIN_DECLS

struct _VastusWindow
{
  AdwApplicationWindow  parent_instance;

  VastusClinic         *clinic;       /* the application's */
  VastusPatientRecord  *record;       /* the patient shown, or NULL */
  GSettings            *settings;     /* NULL when the schema is not installed */
  VastusUndoStack      *undo;         /* deletions and archivings: Undo in toasts, Ctrl+Z */

  GtkButton            *add_button;
  GtkButton            *back_button;
  VastusClinicianPicker *clinician_picker;
  GtkButton            *demo_button;
  GtkButton            *empty_add_button;
  GtkButton            *first_run_local_button;
  GtkButton            *first_run_server_button;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkRevealer          *read_only_banner;
  GtkRevealer          *unreachable_bar;  /* the clinic server does not answer */
  GCancellable         *check_cancellable;
  GCancellable         *first_run_cancellable; /* whether the first start's file is there */
  guint                 check_source;    /* the check's start, a second after opening */
  guint                 header_source;   /* update_header after the leaflet's allocation */
  guint                 retry_source;    /* the next try at a server that did not answer */
  guint                 retry_seconds;   /* the wait before it, doubling up to a minute */
  GtkLabel             *read_only_label;
  VastusLoginButton    *login_button;    /* on a server, folded: where and who */
  AdwLeaflet           *leaflet;
  GtkWidget            *pane_box;
  VastusPatientList    *patient_list;
  VastusPatientPage    *patient_page;
  VastusPatientPane    *patient_pane;
  GtkStack             *stack;
  VastusTaskBar        *task_bar;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
};

/* vastus-window.c */

/* A toast over the window. */
void _vastus_window_toast                (VastusWindow *self,
                                          const char   *title);
/* Shows the patient and, when the window is folded, goes to their page. */
void _vastus_window_patient_activated_cb (VastusWindow *self,
                                          gint64        patient_id);

/* vastus-window-header.c */

/* Add Patient, Back and the title as the page shown and the window's width have them. */
void _vastus_window_update_header        (VastusWindow *self);
/* The leaflet folded or unfolded, or another pane shown: the header follows once it is laid
 * out. */
void _vastus_window_leaflet_changed_cb   (VastusWindow *self);
/* The clinician picked is the clinic's actor. */
void _vastus_window_bind_clinician       (VastusWindow *self);
/* Where the data lives, while the database opens (@chosen FALSE: at the first start, nowhere
 * yet). */
void _vastus_window_show_where           (VastusWindow *self,
                                          gboolean      chosen);
/* The database is open: on a server, who is logged in, in place of the clinician picker. */
void _vastus_window_show_login           (VastusWindow *self);

/* vastus-window-actions.c */

/* The window's actions (win.*) and its drop target, on a window being made. */
void _vastus_window_add_actions          (VastusWindow *self);
void _vastus_window_fit_help_overlay     (VastusWindow *self);

G_END_DECLS
