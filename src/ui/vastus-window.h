/* vastus-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-application.h"
#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_WINDOW (vastus_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusWindow, vastus_window, VASTUS, WINDOW, AdwApplicationWindow)

/* Opens the database of @application's clinic. When it cannot be opened the window says why
 * instead. */
VastusWindow   *vastus_window_new          (VastusApplication *application);
/* NULL when the database could not be opened. */
VastusDatabase *vastus_window_get_database (VastusWindow      *self);

G_END_DECLS
