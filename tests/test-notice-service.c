/* test-notice-service.c: notifications only where the session has a service that shows them
 *
 * On a session bus of the test's own (GTestDBus: no service can be started on it), with nothing
 * owning a notification service's name, GLib would send the notification to
 * org.freedesktop.Notifications anyway, and print a warning when the bus answers that no one is
 * there; the tests run with fatal warnings (G_DEBUG in tests/meson.build), so that warning would
 * end this test. It is not sent. Once the test owns org.freedesktop.Notifications, as a desktop's
 * notification server does, the notification reaches it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "notifications-test-util.h"
#include "vastus-notice-service.h"

static GDBusConnection *bus;
/* Stopped at the end, and kept: g_test_dbus_down () would wait for the bus connection to go,
 * which the registered applications keep to the end of the process. */
static GTestDBus *test_bus;

static GApplication *
new_application (void)
{
  static guint n;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf (APP_ID ".NoticeTest%u", ++n);
  GApplication *app = g_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_application_get_dbus_connection (app) == bus);
  return app;
}

static void
iterate_until_known (VastusNoticeService *notices)
{
  while (!vastus_notice_service_known (notices))
    g_main_context_iteration (NULL, TRUE);
}

/* Everything the bus has for this process arrived, and was dispatched: a call to the bus answers
 * after every earlier one (the bus answers in order), and its answer is dispatched after theirs. */
static gboolean
answered_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
round_trip_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             NULL);

  g_assert_nonnull (reply);
  /* After whatever the same iteration dispatches. */
  g_idle_add (answered_cb, data);
}

static void
round_trip (void)
{
  gboolean done = FALSE;

  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetId", NULL, G_VARIANT_TYPE ("(s)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, round_trip_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GNotification *
new_notification (void)
{
  GNotification *notification = g_notification_new ("Visits kept on this computer");

  g_notification_set_body (notification, "kept");
  return notification;
}

/* No notification service: nothing is sent, and so GLib says nothing. */
static void
test_no_service (void)
{
  g_autoptr(GApplication) app = new_application ();
  g_autoptr(VastusNoticeService) notices = vastus_notice_service_new (bus);
  g_autoptr(GNotification) notification = new_notification ();

  iterate_until_known (notices);
  g_assert_false (vastus_notice_service_available (notices));
  vastus_notice_service_send (notices, app, "visits-kept", notification);
  /* Had it been sent, the bus's refusal would have come back by now (and GLib's warning, fatal
   * here, with it). */
  round_trip ();
}

/* A notification server on the bus: the notification reaches it. */
static void
test_service (void)
{
  g_autoptr(GApplication) app = new_application ();
  g_autoptr(VastusNoticeService) notices = NULL;
  g_autoptr(GNotification) notification = new_notification ();
  Notifications server = { 0 };

  notifications_start (&server);
  notices = vastus_notice_service_new (bus);
  iterate_until_known (notices);
  g_assert_true (vastus_notice_service_available (notices));
  vastus_notice_service_send (notices, app, "visits-kept", notification);
  while (!notified (&server))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (server.bodies->len, ==, 1);
  g_assert_cmpstr (server.bodies->pdata[0], ==, "kept");
  /* The server's answer dispatched before the application goes (GLib's backend keeps the
   * notification until then). */
  round_trip ();
  notifications_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A bus of the test's own, with no service to start: the session this runs in may have a
   * notification server. */
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_assert_nonnull (bus);

  g_test_add_func ("/notice-service/no-service", test_no_service);
  g_test_add_func ("/notice-service/service", test_service);
  status = g_test_run ();
  g_test_dbus_stop (test_bus);
  return status;
}
