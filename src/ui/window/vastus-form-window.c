/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-form-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-close-question.h"
#include "vastus-form-window.h"

typedef struct
{
  char       *unchanged;     /* the form as filled (form_state) */
  gboolean    closing;       /* saved or discarded: close without asking */
  gboolean    close_after;   /* Save was chosen in the question: close once stored */
  GtkWindow  *question;      /* weak */
} VastusFormWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VastusFormWindow, vastus_form_window, ADW_TYPE_WINDOW)

enum { STAYED, N_SIGNALS };
static guint signals [N_SIGNALS];

/* Everything a person can type or choose in @widget, one line each, in the order of the widget
 * tree. An entry row's text is its GtkText's. */
static void
append_state (GString   *state,
              GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    g_string_append_printf (state, "t:%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (state, "v:%s\n", text);
    }
  else if (ADW_IS_COMBO_ROW (widget))
    g_string_append_printf (state, "c:%u\n", adw_combo_row_get_selected (ADW_COMBO_ROW (widget)));
  else if (GTK_IS_DROP_DOWN (widget))
    g_string_append_printf (state, "d:%u\n", gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)));
  else if (GTK_IS_CHECK_BUTTON (widget))
    g_string_append_printf (state, "k:%d\n", gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  else if (GTK_IS_SWITCH (widget))
    g_string_append_printf (state, "s:%d\n", gtk_switch_get_active (GTK_SWITCH (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_state (state, child);
}

static char *
form_state (VastusFormWindow *self)
{
  GString *state = g_string_new (NULL);

  append_state (state, GTK_WIDGET (self));
  return g_string_free (state, FALSE);
}

static void
stay (VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv = vastus_form_window_get_instance_private (self);

  priv->close_after = FALSE;
  g_signal_emit (self, signals[STAYED], 0);
}

/* Callbacks */

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv = vastus_form_window_get_instance_private (self);

  /* Answered once (closing the dialog afterwards answers "cancel" again). */
  g_signal_handlers_disconnect_by_func (dialog, question_response_cb, self);
  g_clear_weak_pointer (&priv->question);
  if (g_str_equal (response, "discard"))
    {
      /* After the question is gone: it is transient for this window. */
      priv->closing = TRUE;
      vastus_close_later (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      priv->close_after = TRUE;
      /* A value to correct: the window stays, the problem shown. */
      if (!VASTUS_FORM_WINDOW_GET_CLASS (self)->save (self))
        stay (self);
    }
  else
    stay (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VASTUS_FORM_WINDOW_GET_CLASS (widget)->save (VASTUS_FORM_WINDOW (widget));
}

/* Overrides */

static gboolean
vastus_form_window_close_request (GtkWindow *window)
{
  VastusFormWindow *self = VASTUS_FORM_WINDOW (window);
  VastusFormWindowPrivate *priv = vastus_form_window_get_instance_private (self);
  AdwMessageDialog *dialog;

  if (priv->closing || !vastus_form_window_get_changed (self))
    return GTK_WINDOW_CLASS (vastus_form_window_parent_class)->close_request (window);
  if (priv->question != NULL)
    {
      gtk_window_present (priv->question);
      return TRUE;
    }
  dialog = vastus_close_question_new (window, _(VASTUS_FORM_WINDOW_GET_CLASS (self)->question),
                                      _("What was typed has not been saved."), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (question_response_cb), self, 0);
  g_set_weak_pointer (&priv->question, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
vastus_form_window_dispose (GObject *object)
{
  VastusFormWindowPrivate *priv =
    vastus_form_window_get_instance_private (VASTUS_FORM_WINDOW (object));

  if (priv->question != NULL)
    gtk_window_destroy (priv->question);
  g_clear_weak_pointer (&priv->question);
  G_OBJECT_CLASS (vastus_form_window_parent_class)->dispose (object);
}

static void
vastus_form_window_finalize (GObject *object)
{
  VastusFormWindowPrivate *priv =
    vastus_form_window_get_instance_private (VASTUS_FORM_WINDOW (object));

  g_free (priv->unchanged);
  G_OBJECT_CLASS (vastus_form_window_parent_class)->finalize (object);
}

static void
vastus_form_window_class_init (VastusFormWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vastus_form_window_dispose;
  object_class->finalize = vastus_form_window_finalize;
  window_class->close_request = vastus_form_window_close_request;
  klass->question = N_("Save the changes?");

  /* The answer to closing kept the window open. */
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_form_window_init (VastusFormWindow *self)
{
}

/* Public API */

void
vastus_form_window_set_unchanged (VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv;

  g_return_if_fail (VASTUS_IS_FORM_WINDOW (self));

  priv = vastus_form_window_get_instance_private (self);
  g_free (priv->unchanged);
  priv->unchanged = form_state (self);
}

gboolean
vastus_form_window_get_changed (VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv;
  g_autofree char *now = NULL;

  g_return_val_if_fail (VASTUS_IS_FORM_WINDOW (self), FALSE);

  priv = vastus_form_window_get_instance_private (self);
  now = form_state (self);
  return g_strcmp0 (now, priv->unchanged) != 0;
}

void
vastus_form_window_saved (VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv;

  g_return_if_fail (VASTUS_IS_FORM_WINDOW (self));

  priv = vastus_form_window_get_instance_private (self);
  priv->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

void
vastus_form_window_not_saved (VastusFormWindow *self)
{
  VastusFormWindowPrivate *priv;

  g_return_if_fail (VASTUS_IS_FORM_WINDOW (self));

  priv = vastus_form_window_get_instance_private (self);
  if (priv->close_after)
    stay (self);
}
