/* vastus-notice-service.c: whether the desktop session has a service that shows notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-notices"

#include "config.h"

#include "vastus-notice-service.h"

/* The names GLib's backends call (gio/ggtknotificationbackend.c, gfdonotificationbackend.c). */
#define GTK_NOTIFICATIONS "org.gtk.Notifications"
#define FDO_NOTIFICATIONS "org.freedesktop.Notifications"

typedef enum
{
  UNKNOWN,
  ABSENT,
  PRESENT,
} State;

struct _VastusNoticeService
{
  gboolean      portal;       /* GLib sends through the desktop portal */
  guint         gtk_watch;
  guint         fdo_watch;
  State         gtk_owned;
  State         fdo_owned;
  State         fdo_activatable;
  GCancellable *cancellable;
};

static void
appeared_cb (GDBusConnection *bus,
             const char      *name,
             const char      *owner,
             gpointer         user_data)
{
  VastusNoticeService *self = user_data;

  if (g_str_equal (name, GTK_NOTIFICATIONS))
    self->gtk_owned = PRESENT;
  else
    self->fdo_owned = PRESENT;
}

static void
vanished_cb (GDBusConnection *bus,
             const char      *name,
             gpointer         user_data)
{
  VastusNoticeService *self = user_data;

  if (g_str_equal (name, GTK_NOTIFICATIONS))
    self->gtk_owned = ABSENT;
  else
    self->fdo_owned = ABSENT;
}

static void
activatable_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             &error);
  g_autofree const char **names = NULL;
  VastusNoticeService *self;

  /* Freed meanwhile: @user_data is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (reply == NULL)
    {
      /* Not known: the notification is left to GLib. */
      g_debug ("The session bus did not list the services it can start: %s", error->message);
      return;
    }
  g_variant_get (reply, "(^a&s)", &names);
  self->fdo_activatable = g_strv_contains ((const char * const *) names, FDO_NOTIFICATIONS) ? PRESENT : ABSENT;
}

VastusNoticeService *
vastus_notice_service_new (GDBusConnection *bus)
{
  VastusNoticeService *self = g_new0 (VastusNoticeService, 1);

  g_return_val_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus), NULL);

  /* As GLib's choice of the portal (gio/gportalsupport.c): in a Flatpak sandbox, or asked for. */
  self->portal = g_getenv ("FLATPAK_ID") != NULL
                 || g_strcmp0 (g_getenv ("GTK_USE_PORTAL"), "1") == 0;
  if (bus == NULL || self->portal)
    return self;
  self->cancellable = g_cancellable_new ();
  self->gtk_watch = g_bus_watch_name_on_connection (bus, GTK_NOTIFICATIONS,
                                                    G_BUS_NAME_WATCHER_FLAGS_NONE, appeared_cb,
                                                    vanished_cb, self, NULL);
  self->fdo_watch = g_bus_watch_name_on_connection (bus, FDO_NOTIFICATIONS,
                                                    G_BUS_NAME_WATCHER_FLAGS_NONE, appeared_cb,
                                                    vanished_cb, self, NULL);
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          activatable_cb, self);
  return self;
}

void
vastus_notice_service_free (VastusNoticeService *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->gtk_watch != 0)
    g_bus_unwatch_name (self->gtk_watch);
  if (self->fdo_watch != 0)
    g_bus_unwatch_name (self->fdo_watch);
  g_free (self);
}

gboolean
vastus_notice_service_known (VastusNoticeService *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->portal || self->cancellable == NULL
         || (self->gtk_owned != UNKNOWN && self->fdo_owned != UNKNOWN
             && self->fdo_activatable != UNKNOWN);
}

gboolean
vastus_notice_service_available (VastusNoticeService *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->portal || self->cancellable == NULL
         || self->gtk_owned != ABSENT || self->fdo_owned != ABSENT
         || self->fdo_activatable != ABSENT;
}

void
vastus_notice_service_send (VastusNoticeService *self,
                            GApplication        *application,
                            const char          *id,
                            GNotification       *notification)
{
  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (G_IS_NOTIFICATION (notification));

  if (self != NULL && !vastus_notice_service_available (self))
    {
      g_debug ("No notification service in this session: “%s” not shown", id);
      return;
    }
  g_application_send_notification (application, id, notification);
}
