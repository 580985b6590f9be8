/* keyring-test-util.h: a real Secret Service (GNOME Keyring) for a test program
 *
 * keyring_test_up () starts a private session bus (GTestDBus) and gnome-keyring-daemon on it,
 * its "login" keyring unlocked with a password fed on its standard input, in a temporary folder
 * of its own; keyring_test_down () stops both and removes the folder (keyring_test_kill_daemon
 * the daemon alone, for a keyring that cannot be read). Call them in main ()
 * around g_test_run (), before anything uses the session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void keyring_test_up   (void);
void keyring_test_down (void);
/* Stops the keyring's daemon, the bus staying: from then on every keyring call fails. */
void keyring_test_kill_daemon (void);

G_END_DECLS
