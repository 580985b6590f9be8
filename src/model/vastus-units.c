/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-units"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* "kg" is what some hand-held dynamometers display: a force in kilogram-force. */
static const VastusUnit units[] = {
  { "N",      "N",      1.0,              "N" },
  { "lbf",    "N",      VASTUS_N_PER_LBF, "lbf" },
  { "kgf",    "N",      VASTUS_N_PER_KGF, "kgf" },
  { "kg",     "N",      VASTUS_N_PER_KGF, "kg" },
  { "Nm",     "Nm",     1.0,              "Nm" },
  { "cm",     "cm",     1.0,              "cm" },
  { "mm",     "cm",     0.1,              "mm" },
  { "in",     "cm",     VASTUS_CM_PER_IN, "in" },
  { "s",      "s",      1.0,              "s" },
  { "deg",    "deg",    1.0,              "°" },
  { "grade",  "grade",  1.0,              "" },
  { "points", "points", 1.0,              "" },
  { "count",  "count",  1.0,              "" },
  { "bool",   "bool",   1.0,              "" },
};

const VastusUnit *
vastus_unit_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].code, code))
      return &units[i];
  return NULL;
}

gboolean
vastus_unit_from_stored (const char *code,
                         double      stored,
                         double     *out_value)
{
  const VastusUnit *unit = vastus_unit_lookup (code);

  if (unit == NULL)
    return FALSE;
  *out_value = stored / unit->factor;
  return TRUE;
}

const char *
vastus_unit_symbol (const char *code)
{
  const VastusUnit *unit = vastus_unit_lookup (code);

  return unit != NULL ? unit->symbol : "";
}

/* Splits a plain decimal into its digits (no sign, no point) and a power of ten:
 * "-37.5e1" → negative, "375", 0. */
static gboolean
split_decimal (const char  *text,
               gboolean    *negative,
               GString     *digits,
               long        *exponent)
{
  const char *p = text;
  long point = 0;

  *negative = FALSE;
  if (*p == '+' || *p == '-')
    *negative = *p++ == '-';
  for (; g_ascii_isdigit (*p) || *p == '.'; p++)
    {
      if (*p == '.')
        point = 1;
      else
        {
          g_string_append_c (digits, *p);
          if (point)
            point++;
        }
    }
  *exponent = point > 0 ? -(point - 1) : 0;
  if (*p == 'e' || *p == 'E')
    {
      long e = strtol (p + 1, NULL, 10);

      if (e > 100000 || e < -100000)
        return FALSE;
      *exponent += e;
    }
  return digits->len > 0;
}

gboolean
vastus_unit_number_to_stored (const char *unit,
                              const char *text,
                              double     *out)
{
  const VastusUnit *u = vastus_unit_lookup (unit);
  char factor[VASTUS_NUMBER_BUF_SIZE];
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GString) result = g_string_new (NULL);
  g_autofree guint *product = NULL;
  gboolean neg_a, neg_b;
  long exp_a, exp_b;
  double check, value;
  gsize n;

  if (u == NULL || !vastus_number_parse (text, &check, NULL))
    return FALSE;
  /* The factor as the decimal it was defined as (the shortest text that reads back to it). */
  vastus_number_format (u->factor, factor);
  if (!split_decimal (text, &neg_a, a, &exp_a) || !split_decimal (factor, &neg_b, b, &exp_b))
    return FALSE;

  /* Schoolbook multiplication of the digit strings. */
  n = a->len + b->len;
  product = g_new0 (guint, n);
  for (gsize i = a->len; i-- > 0;)
    for (gsize j = b->len; j-- > 0;)
      product[i + j + 1] += (guint) (a->str[i] - '0') * (guint) (b->str[j] - '0');
  for (gsize k = n; k-- > 1;)
    {
      product[k - 1] += product[k] / 10;
      product[k] %= 10;
    }

  if (neg_a != neg_b)
    g_string_append_c (result, '-');
  for (gsize k = 0; k < n; k++)
    g_string_append_c (result, (char) ('0' + product[k]));
  g_string_append_printf (result, "e%ld", exp_a + exp_b);

  /* g_ascii_strtod rounds correctly: the one rounding of the exact product. */
  value = g_ascii_strtod (result->str, NULL);
  /* Never stored as another number: not infinite, nor below DBL_MIN, where digits are lost
   * (vastus_number_parse refuses such a text; its product in another unit can still be). */
  if (!isfinite (value) || (value != 0 && fabs (value) < DBL_MIN))
    return FALSE;
  *out = value == 0 ? 0 : value;
  return TRUE;
}

gboolean
vastus_unit_entry_to_stored (const char *unit,
                             const char *text,
                             double     *out,
                             GError    **error)
{
  g_autofree char *plain = vastus_display_number_normalize (text, error);

  return plain != NULL && vastus_unit_number_to_stored (unit, plain, out);
}

gboolean
vastus_lever_arm_from_cm (const char *text,
                          double     *out)
{
  g_autofree char *scaled = NULL;
  const char *e;
  double check, value;

  if (!vastus_number_parse (text, &check, NULL))
    return FALSE;
  /* The decimal itself moved two places: g_ascii_strtod rounds it once, correctly. */
  e = strpbrk (text, "eE");
  if (e != NULL)
    scaled = g_strdup_printf ("%.*se%ld", (int) (e - text), text, strtol (e + 1, NULL, 10) - 2);
  else
    scaled = g_strdup_printf ("%se-2", text);
  value = g_ascii_strtod (scaled, NULL);
  if (!isfinite (value))
    return FALSE;
  *out = value == 0 ? 0 : value;
  return TRUE;
}

gboolean
vastus_lever_arm_entry_from_cm (const char *text,
                                double     *out,
                                GError    **error)
{
  g_autofree char *plain = vastus_display_number_normalize (text, error);

  return plain != NULL && vastus_lever_arm_from_cm (plain, out);
}

const char *
vastus_lever_arm_format_cm (double metres,
                            char   buf[32])
{
  G_STATIC_ASSERT (VASTUS_NUMBER_BUF_SIZE <= 32);

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8], text[G_ASCII_DTOSTR_BUF_SIZE];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      vastus_number_format (g_ascii_strtod (g_ascii_formatd (text, sizeof text, format, metres * 100), NULL),
                            buf);
      if (vastus_lever_arm_from_cm (buf, &back) && back == metres)
        return buf;
    }
  return vastus_number_format (metres * 100, buf);
}

gboolean
vastus_unit_entered_text (const char *unit,
                          double      stored,
                          char        out[32])
{
  double value;

  if (!vastus_unit_from_stored (unit, stored, &value) || !isfinite (value))
    return FALSE;
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8], buf[G_ASCII_DTOSTR_BUF_SIZE];
      double rounded, back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      rounded = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, format, value), NULL);
      vastus_number_format (rounded, out);
      if (vastus_unit_number_to_stored (unit, out, &back) && back == stored)
        return TRUE;
    }
  return FALSE;
}
