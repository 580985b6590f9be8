/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-settings.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"

struct _VastusVisitWindow
{
  AdwWindow          parent_instance;
  VastusVisitEditor *editor;
  gboolean           closing;   /* the editor said saved or cancelled: close for real */
};

G_DEFINE_FINAL_TYPE (VastusVisitWindow, vastus_visit_window, ADW_TYPE_WINDOW)

enum { SAVED, STAYED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Closes once the editor's own question (a dialog transient for this window) has gone. */
static gboolean
close_idle_cb (gpointer data)
{
  VastusVisitWindow *self = data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_soon (VastusVisitWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
editor_saved_cb (VastusVisitWindow *self,
                 gint64             visit_id)
{
  g_signal_emit (self, signals[SAVED], 0, visit_id);
  close_soon (self);
}

static void
editor_cancelled_cb (VastusVisitWindow *self)
{
  close_soon (self);
}

static void
editor_stayed_cb (VastusVisitWindow *self)
{
  g_signal_emit (self, signals[STAYED], 0);
}

/* Closing the window is Cancel: with unsaved changes the editor asks Save / Discard / Cancel
 * and answers with "saved" or "cancelled" (or nothing, and the window stays). */
static gboolean
vastus_visit_window_close_request (GtkWindow *window)
{
  VastusVisitWindow *self = VASTUS_VISIT_WINDOW (window);

  if (self->closing || !vastus_visit_editor_get_modified (self->editor))
    return GTK_WINDOW_CLASS (vastus_visit_window_parent_class)->close_request (window);
  vastus_visit_editor_close (self->editor);
  return TRUE;
}

static void
vastus_visit_window_class_init (VastusVisitWindowClass *klass)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = vastus_visit_window_close_request;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vastus_visit_window_init (VastusVisitWindow *self)
{
}

VastusVisitWindow *
vastus_visit_window_new (GtkWindow           *parent,
                         VastusClinic        *clinic,
                         const VastusHistory *history,
                         gint64               visit_id)
{
  g_autofree char *title = NULL;
  VastusVisitWindow *self;
  GtkWidget *editor;
  GtkWidget *box;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  if (visit_id != 0)
    {
      editor = vastus_visit_editor_new_for_visit (clinic, history, visit_id);
      if (editor == NULL)
        return NULL;
      /* Translators: the title of the window that edits a stored visit; %s is the patient */
      title = g_strdup_printf (_("Visit — %s"), history->patient->name);
    }
  else
    {
      editor = vastus_visit_editor_new (clinic, history);
      /* Translators: the title of the window of a new visit; %s is the patient's name */
      title = g_strdup_printf (_("New Visit — %s"), history->patient->name);
    }

  self = g_object_new (VASTUS_TYPE_VISIT_WINDOW,
                       "title", title,
                       "modal", TRUE,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "default-width", 960,
                       "default-height", 760,
                       NULL);
  self->editor = VASTUS_VISIT_EDITOR (editor);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (box), editor);
  adw_window_set_content (ADW_WINDOW (self), box);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "cancelled", G_CALLBACK (editor_cancelled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "stayed", G_CALLBACK (editor_stayed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

GtkWidget *
vastus_visit_window_get_editor (VastusVisitWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_WINDOW (self), NULL);
  return GTK_WIDGET (self->editor);
}
