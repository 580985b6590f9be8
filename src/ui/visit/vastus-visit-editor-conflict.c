/* vastus-visit-editor-conflict.c: a save that found someone else's version first
 *
 * Someone saved the visit after this editor opened it: the clinic refused the save
 * (VASTUS_CLINIC_ERROR_CONFLICT), and the form keeps everything typed (and its draft). A bar says
 * who and when, and offers to compare their version with what was typed (Save Mine over theirs,
 * or Reload Theirs) or to reload theirs at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-problem-view.h"
#include "vastus-compare-window.h"
#include "vastus-visit-editor-private.h"

void
_vastus_visit_editor_show_conflict (VastusVisitEditor *self,
                                    const char        *message)
{
  g_free (self->conflict);
  self->conflict = g_strdup (message);
  g_clear_pointer (&self->theirs, vastus_visit_free);
  vastus_conflict_bar_show (self->conflict_bar, message);
}

void
_vastus_visit_editor_end_conflict (VastusVisitEditor *self)
{
  g_cancellable_cancel (self->reading_theirs);
  g_clear_object (&self->reading_theirs);
  g_clear_pointer (&self->conflict, g_free);
  g_clear_pointer (&self->theirs, vastus_visit_free);
  vastus_conflict_bar_hide (self->conflict_bar);
}

void
_vastus_visit_editor_conflict_dispose (VastusVisitEditor *self)
{
  g_cancellable_cancel (self->reading_theirs);
  g_clear_object (&self->reading_theirs);
  g_clear_pointer (&self->conflict, g_free);
  g_clear_pointer (&self->theirs, vastus_visit_free);
}

/* Their version replaces what was typed (and its draft). */
static void
reload_theirs (VastusVisitEditor *self)
{
  g_return_if_fail (self->theirs != NULL);

  vastus_visit_draft_discard (self->draft);
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = vastus_visit_copy (self->theirs);
  _vastus_visit_editor_end_conflict (self);
  _vastus_visit_editor_load_visit (self, self->original);
  _vastus_visit_editor_set_modified (self, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Their version is shown")));
}

/* What was typed is saved over their version: the save replaces the version compared. */
static void
keep_mine (VastusVisitEditor *self)
{
  g_return_if_fail (self->theirs != NULL);

  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = vastus_visit_copy (self->theirs);
  vastus_visit_editor_save (self, NULL);
}

static void
compare (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) mine = _vastus_visit_editor_build_visit (self, problems);
  g_autoptr(GPtrArray) differences = vastus_visit_compare (self->theirs, mine);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = vastus_compare_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 self->conflict, differences);

  g_signal_connect_object (window, "reload", G_CALLBACK (reload_theirs), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "keep-mine", G_CALLBACK (keep_mine), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

typedef void (*TheirsFunc) (VastusVisitEditor *self);

typedef struct
{
  VastusVisitEditor *self;   /* a reference */
  TheirsFunc         func;   /* what to do with their version */
} ReadTheirs;

static void
read_theirs_free (ReadTheirs *read)
{
  g_object_unref (read->self);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadTheirs, read_theirs_free)

static void
theirs_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReadTheirs) read = user_data;
  VastusVisitEditor *self = read->self;
  g_autoptr(GError) error = NULL;
  VastusVisit *theirs = vastus_clinic_read_visit_finish (VASTUS_CLINIC (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposing)
    {
      g_clear_pointer (&theirs, vastus_visit_free);
      return;
    }
  if (theirs == NULL)
    {
      /* Translators: %s is why (the visit was deleted, or the database could not be read) */
      g_autofree char *title = g_strdup_printf (_("Their version could not be read: %s"),
                                                error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  g_clear_pointer (&self->theirs, vastus_visit_free);
  self->theirs = theirs;
  read->func (self);
}

/* Reads their version (the visit as stored now), then runs @func with it. */
static void
with_theirs (VastusVisitEditor *self,
             TheirsFunc         func)
{
  ReadTheirs *read;

  g_return_if_fail (self->original != NULL);

  g_cancellable_cancel (self->reading_theirs);
  g_clear_object (&self->reading_theirs);
  self->reading_theirs = g_cancellable_new ();
  read = g_new0 (ReadTheirs, 1);
  read->self = g_object_ref (self);
  read->func = func;
  vastus_clinic_read_visit_async (self->clinic, self->original->id, self->reading_theirs,
                                  theirs_read_cb, read);
}

void
_vastus_visit_editor_conflict_reload_cb (VastusVisitEditor *self)
{
  with_theirs (self, reload_theirs);
}

void
_vastus_visit_editor_conflict_compare_cb (VastusVisitEditor *self)
{
  with_theirs (self, compare);
}
