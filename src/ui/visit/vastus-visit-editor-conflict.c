/* vastus-visit-editor-conflict.c: a save that found someone else's version first
 *
 * Someone saved the visit after this editor opened it: the clinic refused the save
 * (VASTUS_CLINIC_ERROR_CONFLICT), and the form keeps everything typed (and its draft). A bar says
 * who and when, and offers to compare their version with what was typed (Save Mine over theirs,
 * or Reload Theirs) or to reload theirs at once; the bar reads their version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-problem-view.h"
#include "vastus-record-compare.h"
#include "vastus-visit-editor-private.h"

void
_vastus_visit_editor_show_conflict (VastusVisitEditor *self,
                                    const char        *message)
{
  vastus_conflict_bar_show (self->conflict_bar, message, self->original->id, NULL);
}

void
_vastus_visit_editor_end_conflict (VastusVisitEditor *self)
{
  vastus_conflict_bar_hide (self->conflict_bar);
}

/* Their version replaces what was typed (and its draft). */
void
_vastus_visit_editor_conflict_reload_cb (VastusVisitEditor *self,
                                         VastusVisit       *theirs)
{
  vastus_visit_draft_discard (self->draft);
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = vastus_visit_copy (theirs);
  _vastus_visit_editor_end_conflict (self);
  _vastus_visit_editor_load_visit (self, self->original);
  _vastus_visit_editor_set_modified (self, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Their version is shown")));
}

/* What was typed is saved over their version: the save replaces the version compared. */
void
_vastus_visit_editor_conflict_keep_mine_cb (VastusVisitEditor *self,
                                            VastusVisit       *theirs)
{
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = vastus_visit_copy (theirs);
  vastus_visit_editor_save (self, NULL);
}

void
_vastus_visit_editor_conflict_compare_cb (VastusVisitEditor *self,
                                          VastusVisit       *theirs)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) mine = _vastus_visit_editor_build_visit (self, problems);
  g_autoptr(GPtrArray) differences = vastus_visit_compare (theirs, mine);

  vastus_conflict_bar_compare (self->conflict_bar, differences);
}

void
_vastus_visit_editor_conflict_read_failed_cb (VastusVisitEditor *self,
                                              const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
