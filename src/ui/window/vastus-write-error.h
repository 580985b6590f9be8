/* vastus-write-error.h: what the window says when the clinic did not save a change
 *
 * A change the clinic server refused because it takes none just now (a standby, or a server set
 * read-only: VASTUS_CLINIC_ERROR_READ_ONLY), or none from this login (not in the clinicians'
 * group: VASTUS_CLINIC_ERROR_PERMISSION) comes with a message that says it all by itself — what
 * was not saved, that nothing was, and what to do (its wording is the storage's, one place for
 * the window and vastus-cli: vastus-pg-error.c). It is shown as it is, not after “The patient
 * could not be saved:”, which would say the same twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @error's message says it all (the server takes no changes, or not from this login). */
gboolean vastus_write_error_says_all (const GError *error);

/* The text for @error, which a write ended with: @error's message alone when it says it all,
 * else @format with its arguments (the reason among them). */
char *vastus_write_error_text (const GError *error,
                               const char   *format,
                               ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
