/* vastus-task-bar.h: a long task under way: what it is, how far, and Cancel
 *
 * A bar that slides in a moment after a task started (one that ends sooner is never shown):
 * its title, a progress bar (how far when the task knows its size, else pulsing) and Cancel,
 * which cancels the task's GCancellable. One task at a time: "running" notifies, for the actions
 * that must wait. Everything else in the window stays usable meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_TASK_BAR (vastus_task_bar_get_type ())
G_DECLARE_FINAL_TYPE (VastusTaskBar, vastus_task_bar, VASTUS, TASK_BAR, AdwBin)

GtkWidget    *vastus_task_bar_new         (void);
/* Starts showing @title. Returns the task's cancellable (the bar's: valid until
 * vastus_task_bar_finish ()), which Cancel cancels. */
GCancellable *vastus_task_bar_start       (VastusTaskBar *self,
                                           const char    *title);
/* A VastusClinicProgressFunc (@self as its data): @fraction done, or below 0 while unknown. */
void          vastus_task_bar_progress    (double         fraction,
                                           gpointer       self);
/* The task ended (done, failed or cancelled): the bar goes. */
void          vastus_task_bar_finish      (VastusTaskBar *self);
gboolean      vastus_task_bar_get_running (VastusTaskBar *self);
/* For tests: "title" (a GtkLabel), "progress" (a GtkProgressBar), "cancel" (a GtkButton). */
GtkWidget    *vastus_task_bar_get_part    (VastusTaskBar *self,
                                           const char    *name);

G_END_DECLS
