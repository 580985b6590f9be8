/* vastus-patient-row.h: the rows of the patient list
 *
 * Rows are built in code rather than from a .ui file (a GtkBuilder parse per row costs more
 * than the query), with few widgets: the name and the details are one label, the last visit
 * another, and the "Demo" tag is made only for a row that shows a demo patient. Tooltips are
 * answered when asked for. The model updates its items (VastusPatientItem) in place, so a row
 * follows ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *vastus_patient_row_factory_new (void);

G_END_DECLS
