/* vastus-compare-window.h: someone else's version of a record beside the one typed
 *
 * Opened by an editor when saving found that someone else saved the record after it was opened:
 * every field and value that differs (vastus-record-compare.h), then Reload Theirs or Save Mine,
 * each answered with its signal (the window closes itself then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-record-compare.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_COMPARE_WINDOW (vastus_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusCompareWindow, vastus_compare_window, VASTUS,
                      COMPARE_WINDOW, AdwWindow)

/* Transient for @parent; @conflict is what the save was told (who changed the record, when),
 * @differences what differs (of VastusDifference*, vastus_visit_compare () …). */
GtkWidget *vastus_compare_window_new             (GtkWindow  *parent,
                                                  const char *conflict,
                                                  GPtrArray  *differences);
/* How many differences it lists. */
guint      vastus_compare_window_get_n_differences (VastusCompareWindow *self);

G_END_DECLS
