/* vastus-patient-list-archive.c: a patient archived from the list, or restored from the
 * archived view, with Undo in a toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-patient-list"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-conflict-toast.h"
#include "vastus-patient-list-private.h"
#include "vastus-write-error.h"

/* What an Undo of archiving (or restoring) needs: it does the opposite. */
typedef struct
{
  GWeakRef           list;
  GWeakRef           overlay;
  gint64             patient_id;
  gint64             row_version;  /* the patient's once it was done */
  gboolean           archived;     /* what was done */
} UndoData;

static void
undo_data_free (UndoData *undo)
{
  g_weak_ref_clear (&undo->list);
  g_weak_ref_clear (&undo->overlay);
  g_free (undo);
}

static void
show_toast (AdwToastOverlay *overlay,
            AdwToast        *toast)
{
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
set_archived (VastusPatientList *self,
              gint64             patient_id,
              gint64             row_version,
              gboolean           archived,
              AdwToastOverlay   *overlay,
              gboolean           offer_undo);

static void
undo_cb (gpointer data)
{
  UndoData *undo = data;
  g_autoptr(VastusPatientList) list = g_weak_ref_get (&undo->list);
  g_autoptr(AdwToastOverlay) overlay = g_weak_ref_get (&undo->overlay);

  if (list != NULL)
    set_archived (list, undo->patient_id, undo->row_version, !undo->archived, overlay, FALSE);
}

/* Archiving (or restoring): the clinic's change updates the list; the toast offers Undo. */
typedef struct
{
  VastusPatientList *list;
  GWeakRef           overlay;
  gint64             patient_id;
  gboolean           archived;
  gboolean           offer_undo;
} ArchiveData;

static void
archive_data_free (ArchiveData *data)
{
  g_clear_object (&data->list);
  g_weak_ref_clear (&data->overlay);
  g_free (data);
}

static void
archive_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ArchiveData *data = user_data;
  VastusPatientList *self = data->list;
  g_autoptr(AdwToastOverlay) overlay = g_weak_ref_get (&data->overlay);
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  patient = vastus_clinic_set_archived_finish (VASTUS_CLINIC (source), result, &error);
  if (patient == NULL)
    {
      g_debug ("Archiving a patient failed: %s", error->message);
      if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT))
        {
          /* Someone else changed the patient after it was shown: nothing was done. */
          VastusClinicChange change = { VASTUS_CLINIC_RECORD_PATIENT, VASTUS_CLINIC_CHANGE_CHANGED,
                                        data->patient_id, data->patient_id, 0, NULL, NULL };
          g_autofree char *title = g_strdup_printf (data->archived
                                                    /* Translators: %s says who changed the patient and when */
                                                    ? _("The patient could not be archived: %s")
                                                    /* Translators: %s says who changed the patient and when */
                                                    : _("The patient could not be restored: %s"),
                                                    error->message);

          toast = vastus_conflict_toast_new (title, self->clinic, &change);
        }
      else if (vastus_write_error_says_all (error))
        /* The server takes no changes, or not from this login: its message says so, and what
         * to do. */
        toast = adw_toast_new (error->message);
      else
        toast = adw_toast_new (data->archived
                               ? _("The patient could not be archived")
                               : _("The patient could not be restored"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      show_toast (overlay, toast);
      archive_data_free (data);
      return;
    }
  _vastus_patient_list_emit_archived (self, patient->id, data->archived);

  /* An undo needs no toast of its own: the list shows the patient back. */
  if (data->offer_undo && overlay != NULL)
    {
      UndoData *undo = g_new0 (UndoData, 1);
      g_autofree char *title = NULL;

      /* Toast titles are markup. */
      escaped = g_markup_escape_text (patient->name != NULL ? patient->name : "", -1);
      title = g_strdup_printf (data->archived
                                 /* Translators: shown after a patient was moved into the archive;
                                  * %s is the patient's name */
                                 ? _("Archived “%s”")
                                 /* Translators: shown after a patient was brought back from the
                                  * archive; %s is the patient's name */
                                 : _("Restored “%s”"),
                               escaped);
      g_weak_ref_init (&undo->list, self);
      g_weak_ref_init (&undo->overlay, overlay);
      undo->patient_id = patient->id;
      undo->row_version = patient->row_version;
      undo->archived = data->archived;
      vastus_undo_stack_push (self->undo, overlay, title, undo_cb, undo,
                              (GDestroyNotify) undo_data_free);
    }
  archive_data_free (data);
}

static void
set_archived (VastusPatientList *self,
              gint64             patient_id,
              gint64             row_version,
              gboolean           archived,
              AdwToastOverlay   *overlay,
              gboolean           offer_undo)
{
  ArchiveData *data;

  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  if (self->clinic == NULL)
    return;
  data = g_new0 (ArchiveData, 1);
  data->list = g_object_ref (self);
  g_weak_ref_init (&data->overlay, overlay);
  data->patient_id = patient_id;
  data->archived = archived;
  data->offer_undo = offer_undo;
  vastus_clinic_set_archived_async (self->clinic, patient_id, row_version, archived, NULL,
                                    archive_done_cb,
                                    data);
}

void
vastus_patient_list_archive (VastusPatientList *self,
                             gint64             patient_id,
                             gint64             row_version,
                             AdwToastOverlay   *overlay)
{
  set_archived (self, patient_id, row_version, TRUE, overlay, TRUE);
}

void
vastus_patient_list_unarchive (VastusPatientList *self,
                               gint64             patient_id,
                               gint64             row_version,
                               AdwToastOverlay   *overlay)
{
  set_archived (self, patient_id, row_version, FALSE, overlay, TRUE);
}
