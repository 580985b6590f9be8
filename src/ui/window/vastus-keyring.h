/* vastus-keyring.h: the clinic server login's password in the desktop's keyring
 *
 * Kept by the Secret Service (GNOME Keyring) through libsecret, under the schema
 * "io.github.vastus.Vastus.Server" with the server's host, port, database and login as its
 * attributes; never in GSettings or a file. Every call is asynchronous: the window never waits
 * on the keyring (which may ask to be unlocked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic-server.h"

G_BEGIN_DECLS

void      vastus_keyring_store_async   (const VastusServerAddress *address,
                                        const char                *password,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data);
gboolean  vastus_keyring_store_finish  (GAsyncResult              *result,
                                        GError                   **error);
/* The password kept for @address, or NULL: none kept (@error unset), or the keyring failed. */
void      vastus_keyring_lookup_async  (const VastusServerAddress *address,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data);
char     *vastus_keyring_lookup_finish (GAsyncResult              *result,
                                        GError                   **error);
/* Forgets the password kept for @address (TRUE also when there was none). */
void      vastus_keyring_clear_async   (const VastusServerAddress *address,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data);
gboolean  vastus_keyring_clear_finish  (GAsyncResult              *result,
                                        GError                   **error);

G_END_DECLS
