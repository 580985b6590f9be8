/* vastus-caseload-window.h: the lead therapist's caseload
 *
 * Every active patient's current episode of care in one table (vastus_clinic_list_caseload_async):
 * patient, treating therapist, condition and side, weeks since surgery or injury, last visit,
 * criteria met of the set in force, safety flags, and whether a re-test is due (the clinic's
 * rules, vastus_clinic_get_rules, judge them all). Filters: all patients or the clinician's own (the clinic's actor), a condition,
 * a therapist; each column sorts. Where the table would not fit whole (a phone's 360 px), a line
 * of two rows for each patient takes its place (vastus-caseload-line.h), which never scrolls
 * sideways, and a sort menu the column headers' place. Enter or a click on a patient emits "show-patient" and brings
 * @parent (the main window; the caseload is a window of its own, not above it) forward. Read on a
 * worker; read again when a patient, episode, visit, criteria set or the clinic's rules change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CASELOAD_WINDOW (vastus_caseload_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusCaseloadWindow, vastus_caseload_window, VASTUS, CASELOAD_WINDOW,
                      AdwWindow)

GtkWidget  *vastus_caseload_window_new           (GtkWindow            *parent,
                                                  VastusClinic         *clinic);

/* For tests: TRUE once the list was read; the rows shown (of VastusCaseloadItem, filtered and
 * sorted as on screen); the table; the narrow lines (of VastusCaseloadLine), whether they show
 * rather than the table, and their sort menu; the filters. */
gboolean    vastus_caseload_window_get_loaded    (VastusCaseloadWindow *self);
GListModel *vastus_caseload_window_get_shown     (VastusCaseloadWindow *self);
GtkColumnView *vastus_caseload_window_get_view   (VastusCaseloadWindow *self);
GtkGridView *vastus_caseload_window_get_lines    (VastusCaseloadWindow *self);
gboolean    vastus_caseload_window_get_narrow    (VastusCaseloadWindow *self);
GtkMenuButton *vastus_caseload_window_get_sort_button (VastusCaseloadWindow *self);
GtkToggleButton *vastus_caseload_window_get_mine_button (VastusCaseloadWindow *self);
GtkDropDown *vastus_caseload_window_get_condition_dropdown (VastusCaseloadWindow *self);
GtkDropDown *vastus_caseload_window_get_therapist_dropdown (VastusCaseloadWindow *self);

G_END_DECLS
