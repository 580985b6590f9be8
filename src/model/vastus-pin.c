/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-pin"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include "vastus-i18n.h"
#include <string.h>

#include "vastus-model-error.h"
#include "vastus-pin.h"

gboolean
vastus_pin_check_format (const char  *pin,
                         GError     **error)
{
  gsize n = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (pin[i]))
      n = 0;
  if (n >= VASTUS_PIN_MIN_DIGITS && n <= VASTUS_PIN_MAX_DIGITS)
    return TRUE;
  g_set_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
               /* Translators: "A PIN is 4 to 12 digits." */
               _("A PIN is %d to %d digits."), VASTUS_PIN_MIN_DIGITS, VASTUS_PIN_MAX_DIGITS);
  return FALSE;
}

char *
vastus_pin_hash (const char  *pin,
                 GError     **error)
{
  struct crypt_data data;
  g_autofree char *salt = NULL;
  const char *hash;

  if (!vastus_pin_check_format (pin, error))
    return NULL;
  /* yescrypt at libxcrypt's default cost; the salt from the system's random source. */
  salt = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  memset (&data, 0, sizeof data);
  hash = salt != NULL ? crypt_r (pin, salt, &data) : NULL;
  if (hash == NULL || hash[0] != '$')
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* Translators: %s is the system's error message; the PIN is the clinic PIN
                    * (4 to 12 digits) that ends the mode in which the patient holds the computer */
                   _("The PIN could not be hashed: %s"), g_strerror (saved));
      explicit_bzero (&data, sizeof data);
      return NULL;
    }
  {
    char *result = g_strdup (hash);

    explicit_bzero (&data, sizeof data);
    return result;
  }
}

gboolean
vastus_pin_verify (const char *pin,
                   const char *hash)
{
  struct crypt_data data;
  const char *again;
  gboolean same;
  gsize n;

  if (pin == NULL || hash == NULL || !vastus_pin_check_format (pin, NULL))
    return FALSE;
  memset (&data, 0, sizeof data);
  again = crypt_r (pin, hash, &data);
  n = strlen (hash);
  same = again != NULL && again[0] == '$' && strlen (again) == n;
  if (same)
    {
      /* Every byte compared, whatever differs first. */
      unsigned char diff = 0;

      for (gsize i = 0; i < n; i++)
        diff |= (unsigned char) (again[i] ^ hash[i]);
      same = diff == 0;
    }
  explicit_bzero (&data, sizeof data);
  return same;
}
