/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-visit-editor-private.h"

/* A stored visit open here is leased on a clinic server (vastus_clinic_take_visit_lease_async),
 * so that the other workstations say who is editing it; and when someone else is, the editor
 * says so above the form: "Being edited by Anna Berg since 14:02". Editing is not stopped:
 * saving over their newer version is refused (vastus-visit-editor-conflict.c). A file has one
 * user: nothing of it happens there. */

static void
lease_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean (*finish) (VastusClinic *, GAsyncResult *, GError **) = user_data;

  /* The others are not told: the editor works on as before. */
  if (!finish (VASTUS_CLINIC (source), result, &error))
    g_message ("The visit's lease: %s", error->message);
}

static void
show_notice (VastusVisitEditor *self,
             const char        *notice)
{
  gtk_label_set_text (self->lease_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (self->lease_bar, notice != NULL);
}

static void
leases_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusVisitEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) notices = NULL;

  notices = vastus_clinic_list_visit_leases_finish (VASTUS_CLINIC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposing)
    return;
  if (notices == NULL)
    {
      g_message ("Who else is editing the visit could not be read: %s", error->message);
      return;
    }
  show_notice (self, g_hash_table_lookup (notices, &self->lease_visit_id));
}

static void
read_leases (VastusVisitEditor *self)
{
  g_cancellable_cancel (self->reading_leases);
  g_clear_object (&self->reading_leases);
  self->reading_leases = g_cancellable_new ();
  vastus_clinic_list_visit_leases_async (self->clinic, self->patient->id, self->reading_leases,
                                         leases_read_cb, g_object_ref (self));
}

static void
clinic_changed_cb (VastusVisitEditor *self,
                   const char        *table,
                   gint64             patient_id)
{
  if (patient_id == self->patient->id)
    read_leases (self);
}


/* The notice's place: a bar over the form, under the draft's. */
static void
make_bar (VastusVisitEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "document-edit-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->draft_revealer));

  self->lease_bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_name (self->lease_bar, "visit-lease");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (box), icon);
  self->lease_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->lease_label, TRUE);
  gtk_label_set_wrap_mode (self->lease_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->lease_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->lease_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lease_label));
  gtk_box_append (GTK_BOX (self->lease_bar), box);
  gtk_box_append (GTK_BOX (self->lease_bar), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_set_visible (self->lease_bar, FALSE);
  gtk_box_insert_child_after (GTK_BOX (parent), self->lease_bar,
                              GTK_WIDGET (self->draft_revealer));
}

static void
take_lease (VastusVisitEditor *self)
{
  self->lease_visit_id = self->original->id;
  vastus_clinic_take_visit_lease_async (self->clinic, self->lease_visit_id, NULL, lease_done_cb,
                                        vastus_clinic_take_visit_lease_finish);
  g_signal_connect_object (self->clinic, "changed", G_CALLBACK (clinic_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clinic, "reloaded", G_CALLBACK (read_leases), self,
                           G_CONNECT_SWAPPED);
  read_leases (self);
}

/* A new visit, once saved, is a stored visit being edited. */
static void
saved_cb (VastusVisitEditor *self,
          gint64             visit_id)
{
  if (self->lease_visit_id == 0 && self->original != NULL)
    take_lease (self);
}

/* Private API */

void
_vastus_visit_editor_lease_start (VastusVisitEditor *self)
{
  make_bar (self);
  if (!vastus_clinic_is_server (self->clinic))
    return;
  if (self->original != NULL)
    take_lease (self);
  else
    g_signal_connect (self, "saved", G_CALLBACK (saved_cb), NULL);
}

void
_vastus_visit_editor_lease_dispose (VastusVisitEditor *self)
{
  g_cancellable_cancel (self->reading_leases);
  g_clear_object (&self->reading_leases);
  if (self->lease_visit_id == 0 || self->clinic == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->clinic, self);
  vastus_clinic_release_visit_lease_async (self->clinic, self->lease_visit_id, NULL,
                                           lease_done_cb,
                                           vastus_clinic_release_visit_lease_finish);
  self->lease_visit_id = 0;
}

/* Public API */

const char *
vastus_visit_editor_get_lease_notice (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  if (self->lease_bar == NULL || !gtk_widget_get_visible (self->lease_bar))
    return NULL;
  return gtk_label_get_text (self->lease_label);
}
