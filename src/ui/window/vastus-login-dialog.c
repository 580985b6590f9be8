/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-login-dialog"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-keyring.h"
#include "vastus-login-dialog.h"
#include "vastus-settings.h"

/* What Log In is doing: keeping the password, then opening the server as the login. */
typedef struct
{
  VastusApplication *application;
  GSettings         *settings;  /* NULL but on the server Preferences chose */
  AdwToastOverlay   *toasts;    /* weak: the window it is on may go */
  char              *login;
  char              *uri;
  char             **strings;   /* of address */
  VastusServerAddress address;
} LogIn;

static void
log_in_free (LogIn *log_in)
{
  g_clear_weak_pointer (&log_in->toasts);
  g_clear_object (&log_in->application);
  g_clear_object (&log_in->settings);
  g_clear_pointer (&log_in->login, g_free);
  g_clear_pointer (&log_in->uri, g_free);
  g_clear_pointer (&log_in->strings, g_strfreev);
  g_free (log_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogIn, log_in_free)

static void
say_failure (LogIn      *log_in,
             const char *reason)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* Translators: %s is the reason (the server's, the keyring's, or an editor kept open) */
  text = g_strdup_printf (_("Not logged in as another clinician: %s"), reason);
  g_message ("%s", text);
  if (log_in->toasts == NULL)
    return;
  /* A toast's title is markup; the reason may hold a server address's "&". */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (log_in->toasts, toast);
}

static void
switched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LogIn) log_in = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_application_switch_finish (VASTUS_APPLICATION (source), result, &error))
    {
      say_failure (log_in, error->message);
      return;
    }
  /* The next start opens the server as this login too (one named by --db is named again). */
  if (log_in->settings != NULL)
    g_settings_set_string (log_in->settings, "server-user", log_in->login);
}

static void
password_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LogIn) log_in = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_keyring_store_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (/* Translators: %s is the keyring's reason */
                                               _("the password could not be kept in the "
                                                 "keyring: %s"), error->message);

      say_failure (log_in, text);
      return;
    }
  {
    LogIn *next = g_steal_pointer (&log_in);

    vastus_application_log_in_as_async (next->application, next->uri, &next->address,
                                        switched_cb, next);
  }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             LogIn            *log_in)
{
  g_autoptr(LogIn) started = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *password_row;
  const char *password;

  if (!g_str_equal (response, "log-in"))
    return;
  password_row = g_object_get_data (G_OBJECT (dialog), "password-row");
  password = gtk_editable_get_text (password_row);
  started = g_new0 (LogIn, 1);
  started->application = g_object_ref (log_in->application);
  g_set_weak_pointer (&started->toasts, log_in->toasts);
  started->login = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog),
                                                                                   "login-row"))));
  if (log_in->settings != NULL && vastus_application_is_settings_server (log_in->application))
    {
      started->settings = g_object_ref (log_in->settings);
      started->strings = vastus_settings_get_server_address (log_in->settings, &started->address);
      started->address.user = started->login;
      started->uri = vastus_server_address_to_uri (&started->address, &error);
    }
  else
    {
      /* The server `--db` or $VASTUS_DB named: the same address with the other login. */
      VastusClinic *clinic = vastus_application_get_clinic (log_in->application);

      started->strings = vastus_server_address_from_uri (vastus_clinic_get_path (clinic),
                                                         started->login, &started->address,
                                                         &started->uri, &error);
    }
  if (started->uri == NULL)
    {
      say_failure (started, error->message);
      return;
    }
  if (password[0] == '\0')
    {
      /* None typed: the keyring's for that login, or libpq's own places. */
      LogIn *next = g_steal_pointer (&started);

      vastus_application_log_in_as_async (next->application, next->uri, &next->address,
                                          switched_cb, next);
      return;
    }
  {
    LogIn *next = g_steal_pointer (&started);

    vastus_keyring_store_async (&next->address, password, NULL, password_kept_cb, next);
  }
}

static void
login_changed_cb (GtkEditable      *login_row,
                  AdwMessageDialog *dialog)
{
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (login_row)));

  adw_message_dialog_set_response_enabled (dialog, "log-in", login[0] != '\0');
}

AdwMessageDialog *
vastus_login_dialog_new (GtkWindow         *parent,
                         VastusApplication *application,
                         GSettings         *settings,
                         AdwToastOverlay   *toasts)
{
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *login_row;
  GtkWidget *password_row;
  LogIn *log_in;

  g_return_val_if_fail (VASTUS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Log In as Another Clinician"),
                                                       _("What you enter from now on is recorded "
                                                         "under this login. Open editors close "
                                                         "first, each asking about what was "
                                                         "typed; the password is kept in the "
                                                         "keyring.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  login_row = adw_entry_row_new ();
  gtk_widget_set_name (login_row, "login");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (login_row), _("_Login"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (login_row), TRUE);
  password_row = adw_password_entry_row_new ();
  gtk_widget_set_name (password_row, "password");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password_row), _("Pass_word"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (password_row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (password_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), login_row);
  gtk_list_box_append (GTK_LIST_BOX (list), password_row);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "login-row", login_row);
  g_object_set_data (G_OBJECT (dialog), "password-row", password_row);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    /* Translators: a button: log in to the clinic server */
                                    "log-in", _("_Log In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "log-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "log-in", FALSE);
  adw_message_dialog_set_default_response (dialog, "log-in");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (login_row, "changed", G_CALLBACK (login_changed_cb), dialog);

  log_in = g_new0 (LogIn, 1);
  log_in->application = g_object_ref (application);
  log_in->settings = settings != NULL ? g_object_ref (settings) : NULL;
  g_set_weak_pointer (&log_in->toasts, toasts);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), log_in,
                         (GClosureNotify) (void (*) (void)) log_in_free, 0);
  return dialog;
}
