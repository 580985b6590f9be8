/* vastus-visit-window.h: the visit editor in a window of its own, over the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-history.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_WINDOW (vastus_visit_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitWindow, vastus_visit_window, VASTUS, VISIT_WINDOW, AdwWindow)

/* A new visit of @history's episode (@visit_id 0) or its stored visit @visit_id (NULL when it
 * has no such visit). Belongs to @parent's application. Emits "saved" (gint64 visit id) and
 * closes; closing with unsaved changes asks first (so does quitting the application), and
 * "stayed" when the answer keeps it open. */
VastusVisitWindow *vastus_visit_window_new        (GtkWindow           *parent,
                                                   VastusClinic        *clinic,
                                                   const VastusHistory *history,
                                                   gint64               visit_id);
GtkWidget         *vastus_visit_window_get_editor (VastusVisitWindow *self);

G_END_DECLS
