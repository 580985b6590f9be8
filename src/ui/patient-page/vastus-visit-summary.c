/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-summary"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-tooltip.h"
#include "vastus-visit-summary.h"

struct _VastusVisitSummary
{
  AdwWindow            parent_instance;

  gint64               visit_id;

  AdwPreferencesGroup *details_group;
  GtkButton           *edit_button;
  GtkListBox          *flags_list;
  AdwPreferencesGroup *notes_group;
  GtkLabel            *notes_label;
  GtkGrid             *values_grid;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (VastusVisitSummary, vastus_visit_summary, ADW_TYPE_WINDOW)

enum { EDIT, N_SIGNALS };
static guint signals [N_SIGNALS];

/* Callbacks */

static void
edit_clicked_cb (VastusVisitSummary *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[EDIT], 0, self->visit_id);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Overrides */

static void
vastus_visit_summary_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_VISIT_SUMMARY);
  G_OBJECT_CLASS (vastus_visit_summary_parent_class)->dispose (object);
}

static void
vastus_visit_summary_class_init (VastusVisitSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_visit_summary_dispose;

  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-visit-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, details_group);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, edit_button);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, flags_list);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, notes_group);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, notes_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, values_grid);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitSummary, window_title);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_visit_summary_init (VastusVisitSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

VastusVisitSummary *
vastus_visit_summary_new (GtkWindow  *parent,
                          gint64      visit_id,
                          const char *title,
                          const char *subtitle)
{
  VastusVisitSummary *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (visit_id > 0, NULL);

  self = g_object_new (VASTUS_TYPE_VISIT_SUMMARY,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "title", title,
                       NULL);
  self->visit_id = visit_id;
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Reading first: the keyboard on Edit, one key from the editor. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->edit_button));
  return self;
}

gint64
vastus_visit_summary_get_visit_id (VastusVisitSummary *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_SUMMARY (self), 0);
  return self->visit_id;
}

void
vastus_visit_summary_add_detail (VastusVisitSummary *self,
                                 const char         *name,
                                 const char         *value)
{
  GtkWidget *row, *label;

  g_return_if_fail (VASTUS_IS_VISIT_SUMMARY (self));
  g_return_if_fail (name != NULL && value != NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* One line; cut only where the window is too narrow, the whole value in the tooltip. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  vastus_set_tooltip (label, value);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->details_group, row);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), TRUE);
}

GtkGrid *
vastus_visit_summary_get_values (VastusVisitSummary *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_SUMMARY (self), NULL);
  return self->values_grid;
}

GtkListBox *
vastus_visit_summary_get_flags (VastusVisitSummary *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_SUMMARY (self), NULL);
  return self->flags_list;
}

void
vastus_visit_summary_set_notes (VastusVisitSummary *self,
                                const char         *notes)
{
  g_return_if_fail (VASTUS_IS_VISIT_SUMMARY (self));

  gtk_label_set_text (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes != NULL && notes[0] != '\0');
}

void
vastus_visit_summary_set_editable (VastusVisitSummary *self,
                                   gboolean            editable)
{
  g_return_if_fail (VASTUS_IS_VISIT_SUMMARY (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), editable);
}
