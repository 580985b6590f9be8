/* vastus-conflict-bar.h: the notice an editor shows when someone else saved its record first
 *
 * Above the form, hidden until shown: who saved the record and when (the save's message), that
 * what was typed is kept, and the buttons Reload Theirs and Compare…, answered with the signals
 * "reload" and "compare". The buttons wrap to two rows when the window is narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_CONFLICT_BAR (vastus_conflict_bar_get_type ())
G_DECLARE_FINAL_TYPE (VastusConflictBar, vastus_conflict_bar, VASTUS, CONFLICT_BAR, AdwBin)

/* Shows the notice with @message ("A. Berg changed this visit at 14:32 after you opened it"). */
void        vastus_conflict_bar_show       (VastusConflictBar *self,
                                            const char        *message);
void        vastus_conflict_bar_hide       (VastusConflictBar *self);
/* The notice's text, NULL while it is hidden. */
const char *vastus_conflict_bar_get_notice (VastusConflictBar *self);
/* Its buttons: "reload" or "compare". */
GtkWidget  *vastus_conflict_bar_get_button (VastusConflictBar *self,
                                            const char        *name);

G_END_DECLS
