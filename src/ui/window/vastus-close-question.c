/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "vastus-i18n.h"

#include "vastus-close-question.h"

AdwMessageDialog *
vastus_close_question_new (GtkWindow  *window,
                           const char *heading,
                           const char *body,
                           gboolean    save)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (save)
    {
      adw_message_dialog_add_response (dialog, "save", _("_Save"));
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (dialog, save ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

void
vastus_close_later (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (window), g_object_unref);
}
