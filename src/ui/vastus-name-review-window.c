/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-name-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-name.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-editor.h"

struct _VastusNameReviewWindow
{
  AdwWindow            parent_instance;

  VastusDatabase      *db;
  GPtrArray           *rows;

  AdwPreferencesGroup *group;
  GtkStack            *stack;
  AdwToastOverlay     *toast_overlay;
};

G_DEFINE_FINAL_TYPE (VastusNameReviewWindow, vastus_name_review_window, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals [N_SIGNALS];

static void reload (VastusNameReviewWindow *self);

static void
toast (VastusNameReviewWindow *self,
       const char             *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
changed (VastusNameReviewWindow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

/* Callbacks */

static void
editor_saved_cb (VastusNameReviewWindow *self)
{
  changed (self);
}

static void
edit_clicked_cb (GtkButton              *button,
                 VastusNameReviewWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "patient-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_get_patient (self->db, id, &error);
  GtkWidget *editor;

  if (patient == NULL)
    {
      toast (self, error->message);
      return;
    }
  editor = GTK_WIDGET (vastus_patient_editor_new (GTK_WINDOW (self), self->db, patient));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
correct_clicked_cb (GtkButton              *button,
                    VastusNameReviewWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "patient-id"));
  g_autoptr(GError) error = NULL;

  if (!vastus_database_dismiss_name_reviews (self->db, &id, 1, &error))
    {
      toast (self, error->message);
      return;
    }
  /* This removes the button's row: nothing of the button is used after it. */
  changed (self);
}

/* The list */

static GtkWidget *
review_button (VastusNameReviewWindow *self,
               const VastusNameReview *review,
               const char             *name,
               const char             *label,
               const char             *accessible,
               GCallback               callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "patient-id", GSIZE_TO_POINTER ((gsize) review->patient_id));
  gtk_widget_set_name (button, name);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
review_row (VastusNameReviewWindow *self,
            const VastusNameReview *review)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *split = vastus_name_format (review->family_name, review->given_name,
                                               VASTUS_NAME_ORDER_FAMILY_GIVEN);
  /* Translators: the first %s is a name as it was written in one field ("Sofia van Dijk"), the
   * second the MRN, the third why its split is a guess */
  g_autofree char *subtitle = g_strdup_printf (_("Written “%s” · MRN %s · %s"), review->written,
                                               review->mrn, vastus_name_guess_label (review->reason));
  /* Translators: %s is a patient's name */
  g_autofree char *edit = g_strdup_printf (_("Edit the names of %s"), split);
  /* Translators: %s is a patient's name */
  g_autofree char *correct = g_strdup_printf (_("The split of %s is correct"), split);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), split);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             review_button (self, review, "edit", _("_Edit"), edit,
                                            G_CALLBACK (edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             review_button (self, review, "correct", _("C_orrect"), correct,
                                            G_CALLBACK (correct_clicked_cb)));
  return row;
}

static void
reload (VastusNameReviewWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = vastus_database_list_name_reviews (self->db, &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (reviews == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the names to check: %s"),
                                                  error->message);

      toast (self, message);
      return;
    }
  for (guint i = 0; i < reviews->len; i++)
    {
      GtkWidget *row = review_row (self, g_ptr_array_index (reviews, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, reviews->len > 0 ? "list" : "empty");
}

/* Overrides */

static void
vastus_name_review_window_dispose (GObject *object)
{
  VastusNameReviewWindow *self = VASTUS_NAME_REVIEW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_NAME_REVIEW_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (vastus_name_review_window_parent_class)->dispose (object);
}

static void
vastus_name_review_window_class_init (VastusNameReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_name_review_window_dispose;

  /**
   * VastusNameReviewWindow::changed:
   *
   * A patient's names were edited, or a split confirmed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-name-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusNameReviewWindow, group);
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
vastus_name_review_window_new (GtkWindow      *parent,
                               VastusDatabase *db)
{
  VastusNameReviewWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  self = g_object_new (VASTUS_TYPE_NAME_REVIEW_WINDOW, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  reload (self);
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
