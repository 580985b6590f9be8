/* vastus-notice-service.h: whether the desktop session has a service that shows notifications
 *
 * GLib sends a GNotification through the first of its backends that fits: the portal in a
 * sandbox, org.gtk.Notifications where that name is owned, else org.freedesktop.Notifications,
 * which it calls without asking whether anyone owns the name. Where no one does and no service
 * starts for it (a bare session, a kiosk, a test's dbus-run-session) the call fails, and GLib
 * prints a warning ("unable to send notifications through org.freedesktop.Notifications: … The
 * name … was not provided by any .service files"). This watches the session bus for those
 * names, so that a notification is sent where some service can take it, and skipped (said at
 * debug level) where the session surely has none. A service that is there and fails still gets
 * GLib's warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _VastusNoticeService VastusNoticeService;

/* Starts watching @bus (the application's session bus; NULL: none, and then every notification
 * is left to GLib). Call on the main context, whose iterations bring the answers. */
VastusNoticeService *vastus_notice_service_new       (GDBusConnection     *bus);
void                 vastus_notice_service_free      (VastusNoticeService *self);
/* FALSE only when the bus answered that nothing owns or can start a notification service and
 * GLib would not use the portal; TRUE while the answers have not come. */
gboolean             vastus_notice_service_available (VastusNoticeService *self);
/* Whether every answer came (for tests). */
gboolean             vastus_notice_service_known     (VastusNoticeService *self);
/* g_application_send_notification (@application, @id, @notification) where a service can show
 * it (@self NULL: always). */
void                 vastus_notice_service_send      (VastusNoticeService *self,
                                                      GApplication        *application,
                                                      const char          *id,
                                                      GNotification       *notification);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusNoticeService, vastus_notice_service_free)

G_END_DECLS
