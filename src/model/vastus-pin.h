/* vastus-pin.h: the clinic PIN that ends "hand to patient" mode
 *
 * A PIN is 4 to 12 digits. It is kept only as a crypt(3) hash (yescrypt, a random salt per
 * PIN, libxcrypt as Debian ships it), never as the PIN itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VASTUS_PIN_MIN_DIGITS 4
#define VASTUS_PIN_MAX_DIGITS 12

/* FALSE with VASTUS_VALIDATION_ERROR_HARD_LIMIT for anything but 4 to 12 digits. */
gboolean  vastus_pin_check_format (const char  *pin,
                                   GError     **error);
/* The hash to store; NULL with @error for a malformed PIN or when the system cannot hash. */
char     *vastus_pin_hash         (const char  *pin,
                                   GError     **error);
/* TRUE when @pin is the one @hash was made from. */
gboolean  vastus_pin_verify       (const char  *pin,
                                   const char  *hash);

G_END_DECLS
