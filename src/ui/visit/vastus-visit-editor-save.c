/* vastus-visit-editor-save.c: saving the visit editor's visit — checked, stored through the
 * clinic with the end of its draft, and what the clinic answers (stored, one visit a day, someone
 * else's version first, the server out of reach or read-only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-model-error.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-visit-draft.h"
#include "vastus-visit-editor-private.h"

/* While the clinic stores the visit the form cannot change (what was typed meanwhile would be
 * neither in the stored visit nor, once its draft is ended, in a draft); the focus comes back. */
static void
set_saving (VastusVisitEditor *self,
            gboolean           saving)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->saving = saving;
  if (saving && root != NULL)
    {
      /* Off the field first: a text that goes insensitive while focused keeps its focus. */
      g_set_weak_pointer (&self->focus_before_saving, gtk_root_get_focus (root));
      gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_box), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !saving);
  /* Translators: shown while the visit is being saved */
  gtk_label_set_text (self->status_label, saving ? _("Saving…") : "");
  if (!saving && self->focus_before_saving != NULL)
    {
      gtk_widget_grab_focus (self->focus_before_saving);
      g_clear_weak_pointer (&self->focus_before_saving);
    }
}

static void
visit_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusVisitEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) stored = vastus_clinic_save_visit_finish (VASTUS_CLINIC (source), result,
                                                                   &error);

  if (self->disposing)
    {
      self->saving = FALSE;
      return;
    }
  set_saving (self, FALSE);
  if (stored == NULL)
    {
      gboolean to_close = self->save_to_close;

      /* One visit a day: said on the date field, as any other problem of a field. */
      if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_VISIT_EXISTS))
        _vastus_visit_editor_show_visit_exists (self, &self->saving_date);
      /* Someone else saved it first: the form stays as typed, and offers their version. */
      else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT))
        _vastus_visit_editor_show_conflict (self, error->message);
      else
        {
          g_autofree char *title = NULL;
          AdwToast *toast;

          if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_OPEN)
              && vastus_clinic_is_server (self->clinic))
            /* Translators: the visit editor's message when saving failed because the clinic's
             * database server does not answer */
            title = g_strdup (_("The visit was not saved: the clinic server cannot be reached. "
                                "What you typed is kept on this computer; save again when "
                                "the server is back."));
          else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_READ_ONLY)
                   && vastus_clinic_is_server (self->clinic))
            /* Translators: the visit editor's message when saving failed because the clinic's
             * database server takes no changes (a standby server, or one set read-only) */
            title = g_strdup (_("The visit was not saved: the clinic server is read-only and "
                                "takes no changes now. What you typed is kept on this computer; "
                                "save again once the server takes changes."));
          else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_PERMISSION))
            /* The server refused this login the change: its message names the login, says
             * nothing was saved and who can give the login the right (vastus-pg-error.c). */
            title = g_strdup (error->message);
          else
            /* Translators: %s is a technical reason from the database */
            title = g_strdup_printf (_("The visit could not be saved: %s"), error->message);
          toast = adw_toast_new (title);
          /* What was typed stays, and its draft with it (on this computer when the server
           * does not take it). */
          vastus_visit_draft_keep (self->draft);
          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      self->save_to_close = FALSE;
      if (to_close)
        _vastus_visit_editor_emit_stayed (self);
      return;
    }
  self->save_to_close = FALSE;
  vastus_visit_draft_saved (self->draft);
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  _vastus_visit_editor_end_conflict (self);
  /* From now on this is a stored visit: a second save updates it. */
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = g_steal_pointer (&stored);
  _vastus_visit_editor_load_visit (self, self->original);
  _vastus_visit_editor_set_modified (self, FALSE);
  /* Translators: shown once the visit was saved */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Visit saved")));
  _vastus_visit_editor_emit_saved (self);
}

gboolean
vastus_visit_editor_save (VastusVisitEditor  *self,
                          GError            **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  GtkWidget *first;
  guint hard, unconfirmed;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->saving)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The visit is being saved"));
      return FALSE;
    }
  visit = _vastus_visit_editor_check_visit (self, problems);
  first = _vastus_visit_editor_show_problems (self, problems, &hard, &unconfirmed);
  _vastus_visit_editor_update_safety (self, visit);

  if (hard > 0 || unconfirmed > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, i);

          if (p->soft == (hard == 0))
            {
              if (p->code < 0)
                g_set_error_literal (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER, p->message);
              else
                g_set_error_literal (error, VASTUS_VALIDATION_ERROR, p->code, p->message);
              break;
            }
        }
      _vastus_visit_editor_focus_problem (self, first);
      return FALSE;
    }

  /* The visit and the end of its draft in one transaction, on the clinic's writer. The form
   * stays as typed until it answers. */
  vastus_visit_draft_cancel (self->draft);
  set_saving (self, TRUE);
  self->saving_date = visit->date;
  /* With the questionnaires answered anew (their scores are stored with them). */
  changed = vastus_visit_editor_get_answered (self);
  vastus_clinic_save_visit_async (self->clinic, self->patient->id, visit, self->original, changed,
                                  NULL, visit_saved_cb, g_object_ref (self));
  return TRUE;
}
