/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-conflict-toast.h"
#include "vastus-episode-editor.h"
#include "vastus-patient-page-private.h"
#include "vastus-write-error.h"

/* Deleting a visit or an episode of care, and bringing it back (the toast's Undo, Ctrl+Z): the
 * record shows either from the clinic's change. */

typedef struct
{
  GWeakRef      page;         /* for the toasts */
  VastusClinic *clinic;
  gboolean      episode;      /* an episode, else a visit */
  gint64        patient_id;
  gint64        episode_id;
  gint64        visit_id;
  gint64        row_version;  /* the version the person saw; after the delete, its undo's */
  gboolean      restore;
  char         *what;         /* "Visit of 14 May 2026", "ACL reconstruction · Left knee" */
} Removal;

static void
removal_free (Removal *removal)
{
  g_weak_ref_clear (&removal->page);
  g_clear_object (&removal->clinic);
  g_free (removal->what);
  g_free (removal);
}

static Removal *
removal_copy (const Removal *removal)
{
  g_autoptr(VastusPatientPage) page = g_weak_ref_get ((GWeakRef *) &removal->page);
  Removal *copy = g_memdup2 (removal, sizeof *removal);

  g_weak_ref_init (&copy->page, page);
  g_object_ref (copy->clinic);
  copy->what = g_strdup (removal->what);
  return copy;
}

static void run (Removal *removal);

static void
undo_cb (gpointer data)
{
  Removal *restore = removal_copy (data);

  restore->restore = TRUE;
  /* The delete raised the version by one: the undo restores that one. */
  if (restore->row_version != 0)
    restore->row_version++;
  run (restore);
}

static void
page_toast (VastusPatientPage *self,
            const char        *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Someone else changed (or deleted, or restored) it after it was shown: nothing was done, and
 * the toast says who and when and offers to show it as it is now. */
static void
conflict_toast (VastusPatientPage *self,
                const Removal     *removal,
                const char        *title)
{
  VastusClinicChange change = {
    removal->episode ? VASTUS_CLINIC_RECORD_EPISODE : VASTUS_CLINIC_RECORD_VISIT,
    VASTUS_CLINIC_CHANGE_CHANGED,
    removal->episode ? removal->episode_id : removal->visit_id,
    removal->patient_id,
    removal->episode ? 0 : removal->episode_id,
    NULL, NULL,
  };

  adw_toast_overlay_add_toast (self->toast_overlay,
                               vastus_conflict_toast_new (title, removal->clinic, &change));
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(VastusPatientPage) self = g_weak_ref_get (&removal->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean ok = removal->episode
                ? vastus_clinic_delete_episode_finish (VASTUS_CLINIC (source), result, &error)
                : vastus_clinic_delete_visit_finish (VASTUS_CLINIC (source), result, &error);

  if (!ok)
    {
      g_message ("Cannot %s %s %" G_GINT64_FORMAT ": %s", removal->restore ? "restore" : "delete",
                 removal->episode ? "episode" : "visit",
                 removal->episode ? removal->episode_id : removal->visit_id, error->message);
      if (removal->episode)
        title = vastus_write_error_text (error,
                                         /* Translators: %s is the reason */
                                         removal->restore ? _("Could not restore the episode of care: %s")
                                         /* Translators: %s is the reason */
                                         : _("Could not delete the episode of care: %s"),
                                         error->message);
      else
        title = vastus_write_error_text (error,
                                         /* Translators: %s is the reason */
                                         removal->restore ? _("Could not restore the visit: %s")
                                         /* Translators: %s is the reason */
                                         : _("Could not delete the visit: %s"),
                                         error->message);
    }
  else if (removal->restore)
    title = g_strdup_printf (removal->episode
                             /* Translators: %s names an episode of care */
                             ? C_("episode of care", "%s restored")
                             /* Translators: %s names a visit: "Visit of 14 May 2026" */
                             : C_("visit", "%s restored"), removal->what);
  if (self != NULL && title != NULL
      && g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT))
    conflict_toast (self, removal, title);
  else if (self != NULL && title != NULL)
    page_toast (self, title);
  if (ok && !removal->restore && self != NULL)
    {
      title = g_strdup_printf (removal->episode
                               /* Translators: %s names an episode of care */
                               ? C_("episode of care", "%s deleted")
                               /* Translators: %s names a visit: "Visit of 14 May 2026" */
                               : C_("visit", "%s deleted"), removal->what);
      g_set_weak_pointer (&self->undo_toast,
                          vastus_undo_stack_push (self->undo, self->toast_overlay, title, undo_cb,
                                                  removal_copy (removal),
                                                  (GDestroyNotify) removal_free));
    }
  removal_free (removal);
}

static void
run (Removal *removal)
{
  if (removal->episode)
    vastus_clinic_delete_episode_async (removal->clinic, removal->patient_id, removal->episode_id,
                                        removal->row_version, removal->restore, NULL, done_cb,
                                        removal);
  else
    vastus_clinic_delete_visit_async (removal->clinic, removal->patient_id, removal->episode_id,
                                      removal->visit_id, removal->row_version, removal->restore,
                                      NULL, done_cb, removal);
}

static Removal *
removal_new (VastusPatientPage *self,
             gint64             episode_id)
{
  Removal *removal = g_new0 (Removal, 1);

  g_weak_ref_init (&removal->page, self);
  removal->clinic = g_object_ref (vastus_patient_record_get_clinic (self->record));
  removal->patient_id = vastus_patient_record_get_id (self->record);
  removal->episode_id = episode_id;
  return removal;
}

void
vastus_patient_page_delete_visit (VastusPatientPage *self,
                                  gint64             visit_id)
{
  Removal *removal;

  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (self->record != NULL && self->episode != NULL);

  removal = removal_new (self, vastus_episode_record_get_id (self->episode));
  removal->visit_id = visit_id;
  for (guint i = 0; self->history != NULL && i < vastus_history_get_n_visits (self->history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (self->history, i);

      if (visit->id == visit_id)
        {
          g_autofree char *date = _vastus_patient_page_format_date (&visit->date);

          /* Translators: %s is the visit's date */
          removal->what = g_strdup_printf (_("Visit of %s"), date);
          /* The version shown: deleting it fails if someone changed it since. */
          removal->row_version = visit->row_version;
        }
    }
  if (removal->what == NULL)
    removal->what = g_strdup (_("Visit"));
  run (removal);
}

/* The episode editor's Delete: the episode goes at once, with Undo. */
static void
delete_episode_cb (VastusPatientPage *self,
                   gint64             episode_id,
                   gint64             row_version)
{
  VastusEpisodeRecord *record;
  Removal *removal;

  if (self->record == NULL)
    return;
  record = vastus_patient_record_find_episode (self->record, episode_id);
  removal = removal_new (self, episode_id);
  removal->episode = TRUE;
  removal->what = record != NULL ? _vastus_patient_page_episode_title (
                                     vastus_episode_record_get_episode (record))
                                 : g_strdup (_("Episode of care"));
  /* The version the editor showed. */
  removal->row_version = row_version;
  run (removal);
}

/* A new episode is shown once the record has it (it reads the patient's episodes again after
 * the clinic's change). */
static void
episode_saved_cb (VastusPatientPage *self,
                  gint64             episode_id)
{
  if (self->record == NULL)
    return;
  if (vastus_patient_record_find_episode (self->record, episode_id) != NULL)
    vastus_patient_page_set_episode_id (self, episode_id);
  else
    self->episode_to_show = episode_id;
}

/* The episode editor, for a new episode (@episode_id 0) or one of the patient's. It saves
 * through the clinic; the record (and so every view) shows the episode from the clinic's
 * change. */
void
_vastus_patient_page_edit_episode (VastusPatientPage *self,
                                   gint64             episode_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  VastusEpisodeRecord *record = NULL;
  VastusEpisodeEditor *editor;

  if (self->record == NULL || self->patient == NULL)
    return;
  if (episode_id != 0
      && (record = vastus_patient_record_find_episode (self->record, episode_id)) == NULL)
    return;
  editor = vastus_episode_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      vastus_patient_record_get_clinic (self->record),
                                      self->patient, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (episode_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (delete_episode_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}
