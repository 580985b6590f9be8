/* vastus-conflict-bar.h: the notice an editor shows when someone else saved its record first
 *
 * Above the form, hidden until shown: who saved the record and when (the save's message), that
 * what was typed is kept, and the buttons Reload Theirs and Compare…. The buttons wrap to two
 * rows when the window is narrow.
 *
 * The bar reads their version (the record as stored now, through the clinic) when a button is
 * clicked and hands it to the editor with its signals: "reload" (their version replaces what
 * was typed), "compare" (the editor lists the differences: vastus_conflict_bar_compare), and,
 * from the compare window, "reload" or "keep-mine" (what was typed is saved over their
 * version, which becomes the one the save replaces). Each signal's argument is their version
 * (a VastusPatient*, VastusEpisode*, VastusVisit* or VastusCriteriaSet*: VastusStoredKind),
 * the bar's until it is hidden. "read-failed" gives a translated message when it could not be
 * read (deleted, or the database unreadable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CONFLICT_BAR (vastus_conflict_bar_get_type ())
G_DECLARE_FINAL_TYPE (VastusConflictBar, vastus_conflict_bar, VASTUS, CONFLICT_BAR, AdwBin)

/* Where their version is read from: @clinic, records of @kind. */
void        vastus_conflict_bar_set_clinic (VastusConflictBar *self,
                                            VastusClinic      *clinic,
                                            VastusStoredKind   kind);
/* Shows the notice with @message ("A. Berg changed this visit at 14:32 after you opened it")
 * for the record @id (a criteria set: @set_id). */
void        vastus_conflict_bar_show       (VastusConflictBar *self,
                                            const char        *message,
                                            gint64             id,
                                            const char        *set_id);
/* Hides it, forgets their version and stops reading it. */
void        vastus_conflict_bar_hide       (VastusConflictBar *self);
/* The notice's text, NULL while it is hidden. */
const char *vastus_conflict_bar_get_notice (VastusConflictBar *self);
/* Opens the window listing @differences (of VastusDifference*: their version beside what was
 * typed), transient for the bar's window; its buttons come back as "reload" and "keep-mine". */
void        vastus_conflict_bar_compare    (VastusConflictBar *self,
                                            GPtrArray         *differences);
/* Its buttons: "reload" or "compare". */
GtkWidget  *vastus_conflict_bar_get_button (VastusConflictBar *self,
                                            const char        *name);

G_END_DECLS
