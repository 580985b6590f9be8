/* vastus-write-error.c: what the window says when the clinic did not save a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-clinic.h"
#include "vastus-write-error.h"

gboolean
vastus_write_error_says_all (const GError *error)
{
  return g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_READ_ONLY)
         || g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_PERMISSION);
}

char *
vastus_write_error_text (const GError *error,
                         const char   *format,
                         ...)
{
  va_list args;
  char *text;

  g_return_val_if_fail (error != NULL, NULL);

  if (vastus_write_error_says_all (error))
    return g_strdup (error->message);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}
