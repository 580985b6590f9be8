/* vastus-visit-summary.h: one stored visit, read-only, with an Edit button (a chart's point opens
 * it: reading a value must not put the visit in an editor)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_SUMMARY (vastus_visit_summary_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitSummary, vastus_visit_summary, VASTUS, VISIT_SUMMARY, AdwWindow)

/* The visit @visit_id, titled @title ("Visit of 14 May 2026") over @subtitle (the patient),
 * modal over @parent. Its parts are filled by whoever knows the visit (the patient page): the
 * details, the safety flags, the values' table and the notes. Edit emits "edit" (gint64 visit
 * id) and closes; Escape closes. */
VastusVisitSummary *vastus_visit_summary_new        (GtkWindow          *parent,
                                                     gint64              visit_id,
                                                     const char         *title,
                                                     const char         *subtitle);
gint64              vastus_visit_summary_get_visit_id (VastusVisitSummary *self);
/* A line of the details ("Clinician", "M. Okafor, PT"). */
void                vastus_visit_summary_add_detail (VastusVisitSummary *self,
                                                     const char         *name,
                                                     const char         *value);
/* The table of the visit's values, for the page to fill. */
GtkGrid            *vastus_visit_summary_get_values (VastusVisitSummary *self);
/* The list of the safety flags raised at the visit, for the page to fill. */
GtkListBox         *vastus_visit_summary_get_flags  (VastusVisitSummary *self);
void                vastus_visit_summary_set_notes  (VastusVisitSummary *self,
                                                     const char         *notes);
/* FALSE where nothing may be changed (a database opened read-only). */
void                vastus_visit_summary_set_editable (VastusVisitSummary *self,
                                                       gboolean            editable);

G_END_DECLS
