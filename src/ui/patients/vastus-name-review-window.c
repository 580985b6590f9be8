/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-name-review-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-name.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-record.h"

struct _VastusNameReviewWindow
{
  AdwWindow            parent_instance;

  VastusClinic        *clinic;
  GListModel          *reviews;     /* the clinic's, of VastusNameReviewItem */
  GPtrArray           *rows;        /* the list box's rows, in order */

  AdwPreferencesGroup *group;
  GtkListBox          *list_box;
  GtkStack            *stack;
  AdwToastOverlay     *toast_overlay;
};

G_DEFINE_FINAL_TYPE (VastusNameReviewWindow, vastus_name_review_window, ADW_TYPE_WINDOW)

static void
toast (VastusNameReviewWindow *self,
       const char             *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Callbacks */

/* The editor opens once the patient's record was read (at once when it is shown already). */
static void
record_loaded_cb (VastusPatientRecord    *record,
                  GParamSpec             *pspec,
                  VastusNameReviewWindow *self)
{
  const VastusPatient *patient = vastus_patient_record_get_patient (record);

  if (!vastus_patient_record_get_loaded (record)
      && vastus_patient_record_get_error (record) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (record, record_loaded_cb, self);
  if (patient != NULL)
    gtk_window_present (GTK_WINDOW (vastus_patient_editor_new (GTK_WINDOW (self), self->clinic,
                                                               patient)));
  else
    toast (self, vastus_patient_record_get_error (record)->message);
  g_object_unref (record);
}

/* Correcting the names in the editor takes the patient off the list (the clinic's change). */
static void
edit_clicked_cb (GtkButton              *button,
                 VastusNameReviewWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "patient-id"));
  VastusPatientRecord *record = vastus_clinic_get_patient (self->clinic, id);

  g_signal_connect_object (record, "notify::loaded", G_CALLBACK (record_loaded_cb), self, 0);
  g_signal_connect_object (record, "notify::error", G_CALLBACK (record_loaded_cb), self, 0);
  record_loaded_cb (record, NULL, self);
}

static void
confirmed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VastusNameReviewWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_clinic_confirm_name_split_finish (VASTUS_CLINIC (source), result, &error))
    toast (self, error->message);
}

/* The split is right: the patient leaves the list when the clinic has stored that. */
static void
correct_clicked_cb (GtkButton              *button,
                    VastusNameReviewWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "patient-id"));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  vastus_clinic_confirm_name_split_async (self->clinic, id, NULL, confirmed_cb,
                                          g_object_ref (self));
}

/* The list */

static GtkWidget *
review_button (VastusNameReviewWindow *self,
               VastusNameReviewItem   *review,
               const char             *name,
               const char             *label,
               const char             *accessible,
               GCallback               callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "patient-id",
                     GSIZE_TO_POINTER ((gsize) vastus_name_review_item_get_patient_id (review)));
  gtk_widget_set_name (button, name);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  VastusNameReviewWindow *self = user_data;
  VastusNameReviewItem *review = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *split = vastus_name_format (vastus_name_review_item_get_family_name (review),
                                               vastus_name_review_item_get_given_name (review),
                                               VASTUS_NAME_ORDER_FAMILY_GIVEN);
  /* Translators: the first %s is a name as it was written in one field ("Sofia van Dijk"), the
   * second the MRN, the third why its split is a guess */
  g_autofree char *subtitle = g_strdup_printf (_("Written “%s” · MRN %s · %s"),
                                               vastus_name_review_item_get_written (review),
                                               vastus_name_review_item_get_mrn (review),
                                               vastus_name_guess_label (vastus_name_review_item_get_reason (review)));
  /* Translators: %s is a patient's name */
  g_autofree char *edit = g_strdup_printf (_("Edit the names of %s"), split);
  /* Translators: %s is a patient's name */
  g_autofree char *correct = g_strdup_printf (_("The split of %s is correct"), split);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), split);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             review_button (self, review, "edit", _("_Edit"), edit,
                                            G_CALLBACK (edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             /* Translators: a button (verb): corrects the patient's name as the
                              * check suggests */
                             review_button (self, review, "correct", _("C_orrect"), correct,
                                            G_CALLBACK (correct_clicked_cb)));
  return row;
}

/* After the list box has made its rows for the change. */
static void
reviews_changed_cb (VastusNameReviewWindow *self)
{
  guint n = g_list_model_get_n_items (self->reviews);

  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->rows, gtk_list_box_get_row_at_index (self->list_box, (int) i));
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || !vastus_name_review_list_get_loaded (VASTUS_NAME_REVIEW_LIST (self->reviews))
                                    ? "list" : "empty");
}

/* Overrides */

static void
vastus_name_review_window_dispose (GObject *object)
{
  VastusNameReviewWindow *self = VASTUS_NAME_REVIEW_WINDOW (object);

  if (self->reviews != NULL)
    g_signal_handlers_disconnect_by_data (self->reviews, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_NAME_REVIEW_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->reviews);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_name_review_window_parent_class)->dispose (object);
}

static void
vastus_name_review_window_class_init (VastusNameReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_name_review_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-name-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusNameReviewWindow, group);
  gtk_widget_class_bind_template_child (widget_class, VastusNameReviewWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, VastusNameReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusNameReviewWindow, toast_overlay);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_name_review_window_init (VastusNameReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* Public API */

GtkWidget *
vastus_name_review_window_new (GtkWindow    *parent,
                               VastusClinic *clinic)
{
  VastusNameReviewWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_new (VASTUS_TYPE_NAME_REVIEW_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->clinic = g_object_ref (clinic);
  self->reviews = g_object_ref (vastus_clinic_get_name_reviews (clinic));
  gtk_list_box_bind_model (self->list_box, self->reviews, create_row_cb, self, NULL);
  /* Connected after the list box's own handler: the rows are there. */
  g_signal_connect_swapped (self->reviews, "items-changed", G_CALLBACK (reviews_changed_cb), self);
  g_signal_connect_swapped (self->reviews, "notify::loaded", G_CALLBACK (reviews_changed_cb),
                            self);
  reviews_changed_cb (self);
  return GTK_WIDGET (self);
}

GPtrArray *
vastus_name_review_window_get_rows (VastusNameReviewWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_WINDOW (self), NULL);
  return self->rows;
}

GtkWidget *
vastus_name_review_window_get_button (GtkWidget  *row,
                                      const char *name)
{
  /* Depth first through the row's boxes. */
  for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_name (w), name) == 0
                         ? w : vastus_name_review_window_get_button (w, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}
