/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-connection-preferences"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-application.h"
#include "vastus-clinic-server.h"
#include "vastus-connection-preferences.h"
#include "vastus-keyring.h"
#include "vastus-settings.h"

struct _VastusConnectionPreferences
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;      /* NULL: nothing can be saved */
  GCancellable         *cancellable;   /* of the test or apply under way */
  char                 *ca_file;
  /* What Apply is saving while the keyring stores the password: host, database, user, CA. */
  char                **saving;
  guint                 saving_port;
  char                 *saving_uri;

  GtkButton            *apply_button;
  GtkButton            *ca_button;
  AdwActionRow         *ca_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *host_row;
  GtkCheckButton       *local_check;
  AdwEntryRow          *password_row;
  AdwEntryRow          *port_row;
  GtkCheckButton       *server_check;
  AdwPreferencesGroup  *server_group;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkButton            *test_button;
  AdwEntryRow          *user_row;
};

G_DEFINE_FINAL_TYPE (VastusConnectionPreferences, vastus_connection_preferences,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_status (VastusConnectionPreferences *self,
             const char                *text,
             gboolean                   failed)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_sensitivity (VastusConnectionPreferences *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server && self->settings != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), server && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), self->settings != NULL && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
set_busy (VastusConnectionPreferences *self,
          gboolean                   busy)
{
  if (busy)
    {
      g_assert (self->cancellable == NULL);
      self->cancellable = g_cancellable_new ();
    }
  else
    g_clear_object (&self->cancellable);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_ca_file (VastusConnectionPreferences *self)
{
  adw_action_row_set_subtitle (self->ca_row, self->ca_file != NULL && self->ca_file[0] != '\0'
                                             ? self->ca_file
                                             /* Translators: no CA certificate file chosen */
                                             : _("None chosen (needed for a server reached over the network)"));
}

/* The address the fields give, its strings in @strings (free after @address); FALSE with the
 * port's problem in @error. */
static gboolean
address_from_fields (VastusConnectionPreferences  *self,
                     VastusServerAddress        *address,
                     char                     ***strings,
                     GError                    **error)
{
  g_autofree char *port_text = g_strstrip (g_strdup (text_of (self->port_row)));
  guint64 port = 0;

  if (port_text[0] != '\0'
      && !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: “Port” is the field's label; %s what was typed */
                   _("Port: “%s” is not a number between 1 and 65535"), port_text);
      return FALSE;
    }
  *strings = g_new0 (char *, 5);
  (*strings)[0] = g_strstrip (g_strdup (text_of (self->host_row)));
  (*strings)[1] = g_strstrip (g_strdup (text_of (self->database_row)));
  (*strings)[2] = g_strstrip (g_strdup (text_of (self->user_row)));
  (*strings)[3] = g_strdup (self->ca_file != NULL ? self->ca_file : "");
  *address = (VastusServerAddress) {
    .host = (*strings)[0], .port = (guint) port, .database = (*strings)[1],
    .user = (*strings)[2], .ca_file = (*strings)[3],
  };
  return TRUE;
}

/* The URI of the fields, or NULL with the reason shown. */
static char *
checked_uri (VastusConnectionPreferences  *self,
             VastusServerAddress        *address,
             char                     ***strings)
{
  g_autoptr(GError) error = NULL;
  char *uri = NULL;

  if (address_from_fields (self, address, strings, &error))
    uri = vastus_server_address_to_uri (address, &error);
  if (uri == NULL)
    show_status (self, error->message, TRUE);
  return uri;
}

/* Callbacks */

static void
kind_toggled_cb (VastusConnectionPreferences *self)
{
  update_sensitivity (self);
}

static void
ca_chosen_cb (GtkNativeDialog           *chooser,
              int                        response,
              VastusConnectionPreferences *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        vastus_connection_preferences_set_ca_file (self, path);
    }
  g_object_unref (chooser);
}

static void
choose_ca_cb (VastusConnectionPreferences *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the CA Certificate"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         /* Translators: the file chooser's button (verb): takes
                                          * the chosen file as the server's CA certificate */
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (ca_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VastusConnectionPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *text = NULL;

  if (!vastus_clinic_probe_server_finish (result, &login, &full_name, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_status (self, error->message, TRUE);
      return;
    }
  set_busy (self, FALSE);
  if (full_name[0] != '\0')
    /* Translators: the login's full name, then the login */
    text = g_strdup_printf (_("Connected as %s (%s). The clinic’s database is ready."),
                            full_name, login);
  else
    /* Translators: %s is the login */
    text = g_strdup_printf (_("Connected as %s. The clinic’s database is ready."), login);
  show_status (self, text, FALSE);
}

static void
test_cb (VastusConnectionPreferences *self)
{
  VastusServerAddress address;
  g_auto(GStrv) strings = NULL;
  g_autofree char *uri = checked_uri (self, &address, &strings);
  const char *password = text_of (self->password_row);

  if (uri == NULL)
    return;
  set_busy (self, TRUE);
  /* Translators: shown while Vastus tries to connect to the clinic's database server */
  show_status (self, _("Connecting…"), FALSE);
  vastus_clinic_probe_server_async (uri, password[0] != '\0' ? password : NULL,
                                    self->cancellable, probed_cb, g_object_ref (self));
}

/* The application the page's window belongs to, or NULL (then Apply is for the next start). */
static VastusApplication *
application_of (VastusConnectionPreferences *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  return VASTUS_IS_APPLICATION (app) ? VASTUS_APPLICATION (app) : NULL;
}

/* The address Apply checked, into the settings at once (or not at all). */
static void
save_server (VastusConnectionPreferences *self)
{
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "server-host", self->saving[0]);
  g_settings_set_int (self->settings, "server-port", self->saving_port != 0 ? self->saving_port
                                                                           : 5432);
  g_settings_set_string (self->settings, "server-database", self->saving[1]);
  g_settings_set_string (self->settings, "server-user", self->saving[2]);
  g_settings_set_string (self->settings, "server-ca-file", self->saving[3]);
  g_settings_set_enum (self->settings, "database-kind", VASTUS_DATABASE_SERVER);
  g_settings_apply (self->settings);
  g_clear_pointer (&self->saving, g_strfreev);
}

/* The new database is the application's, in place of the old one: it is what the settings say
 * from now on, and Preferences (whose pages were the old one's) closes. */
static void
switched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VastusConnectionPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  set_busy (self, FALSE);
  if (!vastus_application_switch_finish (VASTUS_APPLICATION (source), result, &error))
    {
      g_autofree char *text =
        /* Translators: %s is the reason (the server's, or an editor kept open) */
        g_strdup_printf (_("The database in use stays open, and nothing was saved: %s"),
                         error->message);

      g_clear_pointer (&self->saving, g_strfreev);
      show_status (self, text, TRUE);
      return;
    }
  if (self->saving != NULL)
    save_server (self);
  else
    g_settings_set_enum (self->settings, "database-kind", VASTUS_DATABASE_LOCAL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_destroy (GTK_WINDOW (root));
}

/* Opens the database the page chose (the server when self->saving holds its address) in place
 * of the open one; without an application, saves it for the next start. */
static void
switch_database (VastusConnectionPreferences *self,
                 const char                  *uri)
{
  VastusApplication *app = application_of (self);
  g_autofree char *path = NULL;
  VastusServerAddress address;

  if (app == NULL)
    {
      if (self->saving != NULL)
        {
          save_server (self);
          show_status (self, _("Saved. Vastus opens the clinic server the next time it starts."),
                       FALSE);
        }
      else
        {
          g_settings_set_enum (self->settings, "database-kind", VASTUS_DATABASE_LOCAL);
          show_status (self, _("Saved. Vastus opens the database on this computer the next "
                               "time it starts."), FALSE);
        }
      return;
    }
  if (self->saving != NULL)
    address = (VastusServerAddress) {
      .host = self->saving[0], .port = self->saving_port, .database = self->saving[1],
      .user = self->saving[2], .ca_file = self->saving[3],
    };
  else
    path = vastus_clinic_default_path ();
  set_busy (self, TRUE);
  show_status (self, _("Opening the database…"), FALSE);
  vastus_application_switch_async (app, self->saving != NULL ? uri : path,
                                   self->saving != NULL ? &address : NULL,
                                   GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   switched_cb, g_object_ref (self));
}

static void
password_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VastusConnectionPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_keyring_store_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      g_clear_pointer (&self->saving, g_strfreev);
      /* Translators: %s is the keyring's reason */
      text = g_strdup_printf (_("The password could not be kept in the keyring, so nothing was "
                                "saved: %s"), error->message);
      show_status (self, text, TRUE);
      return;
    }
  set_busy (self, FALSE);
  switch_database (self, self->saving_uri);
}

static void
apply_cb (VastusConnectionPreferences *self)
{
  VastusServerAddress address;
  g_auto(GStrv) strings = NULL;
  g_autofree char *uri = NULL;
  const char *password = text_of (self->password_row);

  if (self->settings == NULL)
    return;
  if (!gtk_check_button_get_active (self->server_check))
    {
      g_clear_pointer (&self->saving, g_strfreev);
      switch_database (self, NULL);
      return;
    }
  uri = checked_uri (self, &address, &strings);
  if (uri == NULL)
    return;
  g_clear_pointer (&self->saving, g_strfreev);
  self->saving_port = address.port;
  self->saving = g_steal_pointer (&strings);
  g_free (self->saving_uri);
  self->saving_uri = g_strdup (uri);
  if (password[0] == '\0')
    {
      /* None typed: the keyring's, or libpq's own places (a local socket may need none). */
      switch_database (self, uri);
      return;
    }
  set_busy (self, TRUE);
  show_status (self, _("Keeping the password in the keyring…"), FALSE);
  vastus_keyring_store_async (&address, password, self->cancellable, password_kept_cb,
                              g_object_ref (self));
}

/* Overrides */

static void
vastus_connection_preferences_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  VastusConnectionPreferences *self = VASTUS_CONNECTION_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_connection_preferences_dispose (GObject *object)
{
  VastusConnectionPreferences *self = VASTUS_CONNECTION_PREFERENCES (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_CONNECTION_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->saving, g_strfreev);
  g_clear_pointer (&self->saving_uri, g_free);
  G_OBJECT_CLASS (vastus_connection_preferences_parent_class)->dispose (object);
}

static void
vastus_connection_preferences_class_init (VastusConnectionPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vastus_connection_preferences_get_property;
  object_class->dispose = vastus_connection_preferences_dispose;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-connection-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, apply_button);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, ca_button);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, ca_row);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, database_row);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, host_row);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, local_check);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, port_row);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, server_check);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, server_group);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, spinner);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, test_button);
  gtk_widget_class_bind_template_child (widget_class, VastusConnectionPreferences, user_row);
}

static void
vastus_connection_preferences_init (VastusConnectionPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->server_check, "notify::active", G_CALLBACK (kind_toggled_cb),
                            self);
  g_signal_connect_swapped (self->ca_button, "clicked", G_CALLBACK (choose_ca_cb), self);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_cb), self);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_cb), self);
}

/* Public API */

GtkWidget *
vastus_connection_preferences_new (GSettings *settings)
{
  VastusConnectionPreferences *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VASTUS_TYPE_CONNECTION_PREFERENCES, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (settings != NULL)
    {
      VastusServerAddress address;
      g_auto(GStrv) strings = vastus_settings_get_server_address (settings, &address);
      g_autofree char *port = g_strdup_printf ("%u", address.port);

      gtk_editable_set_text (GTK_EDITABLE (self->host_row), address.host);
      gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
      gtk_editable_set_text (GTK_EDITABLE (self->database_row), address.database);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), address.user);
      self->ca_file = g_strdup (address.ca_file);
    }
  if (vastus_settings_get_database_kind (settings) == VASTUS_DATABASE_SERVER)
    gtk_check_button_set_active (self->server_check, TRUE);
  else
    gtk_check_button_set_active (self->local_check, TRUE);
  show_ca_file (self);
  update_sensitivity (self);
  return GTK_WIDGET (self);
}

GtkWidget *
vastus_connection_preferences_get_widget (VastusConnectionPreferences *self,
                                        const char                *name)
{
  struct { const char *name; gpointer widget; } widgets[] = {
    { "local", self->local_check }, { "server", self->server_check },
    { "host", self->host_row }, { "port", self->port_row }, { "database", self->database_row },
    { "user", self->user_row }, { "password", self->password_row }, { "ca", self->ca_row },
    { "test", self->test_button }, { "apply", self->apply_button },
    { "status", self->status_label },
  };

  g_return_val_if_fail (VASTUS_IS_CONNECTION_PREFERENCES (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_str_equal (widgets[i].name, name))
      return widgets[i].widget;
  g_return_val_if_reached (NULL);
}

void
vastus_connection_preferences_set_ca_file (VastusConnectionPreferences *self,
                                         const char                *path)
{
  g_return_if_fail (VASTUS_IS_CONNECTION_PREFERENCES (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  show_ca_file (self);
}

gboolean
vastus_connection_preferences_is_busy (VastusConnectionPreferences *self)
{
  g_return_val_if_fail (VASTUS_IS_CONNECTION_PREFERENCES (self), FALSE);
  return self->cancellable != NULL;
}
