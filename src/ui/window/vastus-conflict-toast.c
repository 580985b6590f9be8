/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-conflict-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-conflict-toast.h"

typedef struct
{
  GWeakRef           clinic;
  VastusClinicChange change;   /* its record, kind and ids only */
} Reload;

static void
reload_free (gpointer data,
             GClosure *closure)
{
  Reload *reload = data;

  g_weak_ref_clear (&reload->clinic);
  g_free (reload);
}

static void
reload_clicked_cb (AdwToast *toast,
                   Reload   *reload)
{
  g_autoptr(VastusClinic) clinic = g_weak_ref_get (&reload->clinic);

  if (clinic != NULL)
    vastus_clinic_emit_change (clinic, &reload->change);
}

AdwToast *
vastus_conflict_toast_new (const char               *title,
                           VastusClinic             *clinic,
                           const VastusClinicChange *change)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  Reload *reload;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  /* Toast titles are markup. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Translators: a toast's button: read the record again, as someone else stored it */
  adw_toast_set_button_label (toast, _("_Reload"));
  reload = g_new0 (Reload, 1);
  g_weak_ref_init (&reload->clinic, clinic);
  reload->change.record = change->record;
  reload->change.kind = change->kind;
  reload->change.id = change->id;
  reload->change.patient_id = change->patient_id;
  reload->change.episode_id = change->episode_id;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (reload_clicked_cb), reload,
                         reload_free, 0);
  return toast;
}
