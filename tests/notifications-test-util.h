/* notifications-test-util.h: the desktop's notification server, played by a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

/* The desktop's notification server (org.freedesktop.Notifications, which GLib's notifications
 * use on a session bus without org.gtk.Notifications), played by the test on its own bus: the
 * bodies of the notifications sent. */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "</interface></node>";

static inline void
notifications_notify_cb (GDBusConnection       *connection,
           const char            *sender,
           const char            *path,
           const char            *interface,
           const char            *method,
           GVariant              *parameters,
           GDBusMethodInvocation *invocation,
           gpointer               data)
{
  GPtrArray *bodies = data;
  const char *body = NULL;

  if (g_str_equal (method, "Notify"))
    {
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (bodies, g_strdup (body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", bodies->len));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notify_vtable = { notifications_notify_cb };

typedef struct
{
  GPtrArray *bodies;
  guint      object_id;
  guint      name_id;
  gboolean   owned;
} Notifications;

static inline void
notifications_name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  ((Notifications *) data)->owned = TRUE;
}

static inline void
notifications_start (Notifications *n)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);

  g_assert_nonnull (bus);
  n->bodies = g_ptr_array_new_with_free_func (g_free);
  n->object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                    info->interfaces[0], &notify_vtable,
                                                    n->bodies, NULL, NULL);
  g_assert_cmpuint (n->object_id, >, 0);
  n->name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                             G_BUS_NAME_OWNER_FLAGS_NONE,
                                             notifications_name_acquired_cb, NULL,
                                             n, NULL);
  while (!n->owned)
    g_main_context_iteration (NULL, TRUE);
}

static inline void
notifications_stop (Notifications *n)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  g_bus_unown_name (n->name_id);
  g_dbus_connection_unregister_object (bus, n->object_id);
  g_ptr_array_unref (n->bodies);
}

static inline gboolean
notified (gpointer data)
{
  return ((Notifications *) data)->bodies->len > 0;
}
