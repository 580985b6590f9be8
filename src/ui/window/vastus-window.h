/* vastus-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-application.h"
#include "vastus-task-bar.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_WINDOW (vastus_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusWindow, vastus_window, VASTUS, WINDOW, AdwApplicationWindow)

/* Opens the database of @application's clinic. When it cannot be opened the window says why
 * instead (the recovery page). */
VastusWindow   *vastus_window_new          (VastusApplication *application);
/* Where a long task of the window (an export) shows how far it is, with Cancel. */
VastusTaskBar  *vastus_window_get_task_bar (VastusWindow      *self);

G_END_DECLS
