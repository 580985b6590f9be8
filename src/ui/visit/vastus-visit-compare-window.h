/* vastus-visit-compare-window.h: someone else's version of a visit beside the one typed
 *
 * Opened by the visit editor when saving found that someone else saved the visit after it was
 * opened: every field and value that differs (vastus-visit-compare.h), then Reload Theirs or
 * Save Mine, each answered with its signal (the window closes itself then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_VISIT_COMPARE_WINDOW (vastus_visit_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusVisitCompareWindow, vastus_visit_compare_window, VASTUS,
                      VISIT_COMPARE_WINDOW, AdwWindow)

/* Transient for @parent; @conflict is what the save was told (who changed the visit, when). */
GtkWidget *vastus_visit_compare_window_new (GtkWindow         *parent,
                                            const char        *conflict,
                                            const VastusVisit *theirs,
                                            const VastusVisit *mine);
/* How many differences it lists. */
guint      vastus_visit_compare_window_get_n_differences (VastusVisitCompareWindow *self);

G_END_DECLS
