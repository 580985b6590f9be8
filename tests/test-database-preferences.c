/* test-database-preferences.c: Preferences → Database (suite 'ui-page')
 *
 * The page shows the settings, refuses an address that cannot be used naming the field (and
 * saves nothing then), saves this computer or a clinic server, keeps the password in a real
 * keyring (gnome-keyring-daemon on a private session bus, keyring-test-util.h) and never in the
 * settings, and tries a server without the window waiting on the network. With
 * $VASTUS_SCREENSHOT_DIR, the page wide and at 360 px, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "keyring-test-util.h"
#include "ui-safety-util.h"
#include "vastus-connection-preferences.h"
#include "vastus-keyring.h"
#include "vastus-preferences-window.h"

typedef struct
{
  GSettings                 *settings;
  GtkWidget                 *window;
  VastusConnectionPreferences *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *keys[] = { "database-kind", "server-host", "server-port", "server-database",
                         "server-user", "server-ca-file" };

  f->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);
}

static void
open_page (Fixture *f)
{
  f->window = vastus_preferences_window_new (NULL, NULL);
  f->page = VASTUS_CONNECTION_PREFERENCES (
    vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (f->window), "database"));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (f->page));
  ui_show (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      ui_iterate ();
    }
  g_clear_object (&f->settings);
}

static GtkWidget *
widget (Fixture    *f,
        const char *name)
{
  return vastus_connection_preferences_get_widget (f->page, name);
}

static void
type (Fixture    *f,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget (f, name)), text);
}

static void
click (Fixture    *f,
       const char *name)
{
  g_assert_true (gtk_widget_is_sensitive (widget (f, name)));
  g_signal_emit_by_name (widget (f, name), "clicked");
}

static void
wait_idle (Fixture *f)
{
  gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (vastus_connection_preferences_is_busy (f->page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (vastus_connection_preferences_is_busy (f->page));
  ui_iterate ();
}

static const char *
status (Fixture *f)
{
  GtkWidget *label = widget (f, "status");

  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
status_failed (Fixture *f)
{
  return gtk_widget_has_css_class (widget (f, "status"), "error");
}

/* The page wide and at 360 px, light and dark, with $VASTUS_SCREENSHOT_DIR. */
static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("database-%s", name);

  ui_screenshots (GTK_WINDOW (f->window), file, 900);
}

static void
test_from_settings (Fixture       *f,
                    gconstpointer  data)
{
  g_settings_set_string (f->settings, "database-kind", "server");
  g_settings_set_string (f->settings, "server-host", "db.clinic.example");
  g_settings_set_int (f->settings, "server-port", 6432);
  g_settings_set_string (f->settings, "server-database", "knee");
  g_settings_set_string (f->settings, "server-user", "anna.berg");
  g_settings_set_string (f->settings, "server-ca-file", "/etc/vastus/ca.pem");
  open_page (f);

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (f, "server"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (f, "local"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "host"))), ==, "db.clinic.example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "port"))), ==, "6432");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "database"))), ==, "knee");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "user"))), ==, "anna.berg");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget (f, "ca"))), ==,
                   "/etc/vastus/ca.pem");
  /* No password is shown: none is in the settings. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "password"))), ==, "");
  g_assert_true (gtk_widget_is_sensitive (widget (f, "host")));
  g_assert_true (gtk_widget_is_sensitive (widget (f, "test")));
  shoot (f, "server");

  /* This computer: the server's fields and Test Connection are not for it. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "local")), TRUE);
  g_assert_false (gtk_widget_is_sensitive (widget (f, "host")));
  g_assert_false (gtk_widget_is_sensitive (widget (f, "test")));
  g_assert_true (gtk_widget_is_sensitive (widget (f, "apply")));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  open_page (f);
  /* Nothing chosen yet: this computer is offered. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget (f, "local"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "server")), TRUE);
  type (f, "host", "db.clinic.example");
  type (f, "database", "knee");
  type (f, "user", "anna.berg");
  type (f, "password", "correct horse");

  /* Over the network without a CA file: refused naming the field; nothing saved. */
  click (f, "apply");
  g_assert_false (vastus_connection_preferences_is_busy (f->page));
  g_assert_true (g_str_has_prefix (status (f), "CA Certificate: db.clinic.example"));
  g_assert_true (status_failed (f));
  shoot (f, "refused");
  /* Test Connection says the same, and tries nothing. */
  click (f, "test");
  g_assert_false (vastus_connection_preferences_is_busy (f->page));
  g_assert_true (g_str_has_prefix (status (f), "CA Certificate: db.clinic.example"));

  vastus_connection_preferences_set_ca_file (f->page, "/etc/vastus/ca.pem");
  type (f, "port", "54x2");
  click (f, "apply");
  g_assert_cmpstr (status (f), ==, "Port: “54x2” is not a number between 1 and 65535");
  type (f, "port", "70000");
  click (f, "apply");
  g_assert_cmpstr (status (f), ==, "Port: “70000” is not a number between 1 and 65535");

  ui_assert_setting (f->settings, "database-kind", "unset");
  ui_assert_setting (f->settings, "server-host", "");
  ui_assert_setting (f->settings, "server-user", "");
}

static void
test_apply_local (Fixture       *f,
                  gconstpointer  data)
{
  g_settings_set_string (f->settings, "database-kind", "server");
  open_page (f);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "local")), TRUE);
  click (f, "apply");
  ui_assert_setting (f->settings, "database-kind", "local");
  g_assert_false (status_failed (f));
  g_assert_nonnull (strstr (status (f), "next time it starts"));
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **password = user_data;
  g_autoptr(GError) error = NULL;

  *password = vastus_keyring_lookup_finish (result, &error);
  g_assert_no_error (error);
  if (*password == NULL)
    *password = g_strdup ("(none)");
}

static char *
keyring_password (const VastusServerAddress *address)
{
  char *password = NULL;

  vastus_keyring_lookup_async (address, NULL, looked_up_cb, &password);
  while (password == NULL)
    g_main_context_iteration (NULL, TRUE);
  return password;
}

static void
test_apply_server (Fixture       *f,
                   gconstpointer  data)
{
  VastusServerAddress address = { .host = "/run/vastus-test", .port = 5433, .database = "knee",
                                  .user = "anna.berg" };
  VastusServerAddress other = { .host = "/run/vastus-test", .port = 5433, .database = "knee",
                                .user = "bo.lind" };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *none = NULL;

  open_page (f);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "server")), TRUE);
  type (f, "host", "/run/vastus-test");
  type (f, "port", "5433");
  type (f, "database", "knee");
  type (f, "user", "anna.berg");
  type (f, "password", "correct horse");
  click (f, "apply");
  /* The keyring is asked, and the window goes on meanwhile. */
  g_assert_true (vastus_connection_preferences_is_busy (f->page));
  g_assert_false (gtk_widget_is_sensitive (widget (f, "apply")));
  wait_idle (f);
  g_assert_false (status_failed (f));
  g_assert_cmpstr (status (f), ==, "Saved. Vastus opens the clinic server the next time it starts.");

  ui_assert_setting (f->settings, "database-kind", "server");
  ui_assert_setting (f->settings, "server-host", "/run/vastus-test");
  g_assert_cmpint (g_settings_get_int (f->settings, "server-port"), ==, 5433);
  ui_assert_setting (f->settings, "server-database", "knee");
  ui_assert_setting (f->settings, "server-user", "anna.berg");

  /* The password is in the keyring, for that login on that server only … */
  kept = keyring_password (&address);
  g_assert_cmpstr (kept, ==, "correct horse");
  none = keyring_password (&other);
  g_assert_cmpstr (none, ==, "(none)");
  /* … and in no setting. */
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (f->settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      g_assert_null (strstr (printed, "correct horse"));
    }
}

/* A server that accepts the connection and never answers (a hung host). */
static void
accepted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GSocketConnection **connection = user_data;

  *connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, NULL);
}

static gboolean
tick_cb (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_never_waits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  guint16 number;
  guint ticks = 0, tick_id;
  gint64 until;

  number = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener, NULL, accepted_cb, &connection);
  port = g_strdup_printf ("%u", number);

  open_page (f);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "server")), TRUE);
  type (f, "host", "127.0.0.1");
  type (f, "port", port);
  type (f, "database", "knee");
  type (f, "user", "anna.berg");
  vastus_connection_preferences_set_ca_file (f->page, "/etc/vastus/ca.pem");
  click (f, "test");
  g_assert_true (vastus_connection_preferences_is_busy (f->page));
  g_assert_cmpstr (status (f), ==, "Connecting…");
  g_assert_false (gtk_widget_is_sensitive (widget (f, "test")));

  /* The server holds the connection: the main loop goes on (a 20 ms timer fires ten times while
   * the test is still waiting for an answer). Counted, not timed: a loaded machine may take
   * longer, but a blocked main loop would never get there. */
  tick_id = g_timeout_add (20, tick_cb, &ticks);
  until = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while ((ticks < 10 || connection == NULL) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  g_assert_nonnull (connection);
  g_assert_cmpuint (ticks, >=, 10);
  g_assert_true (vastus_connection_preferences_is_busy (f->page));

  /* It hangs up: the page says it could not connect, naming the server. */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  wait_idle (f);
  g_assert_true (status_failed (f));
  g_assert_true (g_str_has_prefix (status (f), "Could not connect to the database server at "
                                               "postgresql://anna.berg@127.0.0.1:"));
  g_assert_true (gtk_widget_is_sensitive (widget (f, "test")));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything uses the session bus: the keyring's, private to this program. */
  keyring_test_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/database-preferences/from-settings", Fixture, NULL, fixture_setup,
              test_from_settings, fixture_teardown);
  g_test_add ("/database-preferences/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/database-preferences/apply-local", Fixture, NULL, fixture_setup,
              test_apply_local, fixture_teardown);
  g_test_add ("/database-preferences/apply-server", Fixture, NULL, fixture_setup,
              test_apply_server, fixture_teardown);
  g_test_add ("/database-preferences/never-waits", Fixture, NULL, fixture_setup,
              test_never_waits, fixture_teardown);
  status = g_test_run ();
  keyring_test_down ();
  return status;
}
