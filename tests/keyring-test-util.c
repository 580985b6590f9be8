/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "keyring-test-util.h"

static GTestDBus *bus;
static GSubprocess *daemon_process;
static char *folder;

static gboolean
secrets_owned (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

void
keyring_test_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  GOutputStream *input;
  gint64 until;

  folder = g_dir_make_tmp ("vastus-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (folder, "data", NULL);
  runtime = g_build_filename (folder, "run", NULL);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus unsets DISPLAY (no autolaunching); the GTK tests need theirs. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  daemon_process = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                "--foreground", "--unlock",
                                                "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (daemon_process);
  g_assert_true (g_output_stream_write_all (input, "keyring test", 12, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (input, NULL, &error));
  g_assert_no_error (error);

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!secrets_owned (connection) && g_get_monotonic_time () < until)
    g_usleep (50 * 1000);
  g_assert_true (secrets_owned (connection));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
keyring_test_kill_daemon (void)
{
  if (daemon_process != NULL)
    {
      g_subprocess_send_signal (daemon_process, SIGTERM);
      g_subprocess_wait (daemon_process, NULL, NULL);
      g_clear_object (&daemon_process);
    }
}

void
keyring_test_down (void)
{
  keyring_test_kill_daemon ();
  /* Stopped, not taken down (nor unreffed, which takes it down): GTK and libsecret keep the
   * session bus's connection until the process ends, and g_test_dbus_down would wait for it to
   * go. */
  if (bus != NULL)
    g_test_dbus_stop (bus);
  if (folder != NULL)
    remove_tree (folder);
  g_clear_pointer (&folder, g_free);
}
