/* vastus-visit-window.h: the visit editor in a window of its own, over the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_WINDOW (vastus_visit_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitWindow, vastus_visit_window, VASTUS, VISIT_WINDOW, AdwWindow)

/* A new visit of @episode_id (@visit_id 0) or the stored visit @visit_id. Emits "saved"
 * (gint64 visit id) and closes; closing with unsaved changes asks first. NULL with @error when
 * the records cannot be read. */
VastusVisitWindow *vastus_visit_window_new        (GtkWindow       *parent,
                                                   VastusDatabase  *db,
                                                   gint64           episode_id,
                                                   gint64           visit_id,
                                                   GError         **error);
GtkWidget         *vastus_visit_window_get_editor (VastusVisitWindow *self);

G_END_DECLS
