/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-value"

#include "config.h"

#include "vastus-i18n.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vastus-model-error.h"
#include "vastus-text.h"
#include "vastus-value.h"

static const char *grade_names[] = { "0", "trace", "1+", "2+", "3+" };

static gboolean
is_plain_decimal (const char *s)
{
  gboolean digits = FALSE;

  if (*s == '+' || *s == '-')
    s++;
  while (g_ascii_isdigit (*s))
    s++, digits = TRUE;
  if (*s == '.')
    {
      s++;
      while (g_ascii_isdigit (*s))
        s++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*s == 'e' || *s == 'E')
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  return *s == '\0';
}

/* TRUE when the digits of @text (a plain decimal) before any exponent are not all zero. */
static gboolean
has_nonzero_digit (const char *text)
{
  for (const char *p = text; *p != '\0' && *p != 'e' && *p != 'E'; p++)
    if (*p >= '1' && *p <= '9')
      return TRUE;
  return FALSE;
}

gboolean
vastus_number_parse (const char *text,
                     double     *out,
                     GError    **error)
{
  g_autofree char *quoted = NULL;
  double value;

  if (text != NULL && is_plain_decimal (text))
    {
      value = g_ascii_strtod (text, NULL);
      /* Never stored as something else: not inf, not 0 or a number that lost its digits. */
      if (isfinite (value) && (fabs (value) >= DBL_MIN || (value == 0 && !has_nonzero_digit (text))))
        {
          *out = value == 0 ? 0 : value;
          return TRUE;
        }
    }
  if (error == NULL)
    return FALSE;
  quoted = vastus_text_excerpt (text != NULL ? text : "");
  if (text == NULL || !is_plain_decimal (text))
    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                 /* Translators: %s is the text read from a file; files always write a point as
                  * the decimal mark */
                 _("“%s” is not a number (use digits and “.” as the decimal point)"), quoted);
  else if (!isfinite (value))
    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                 /* Translators: %s is a number as typed, such as 1e999 */
                 _("“%s” is too large a number (the largest is about 1.8e308)"), quoted);
  else
    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                 /* Translators: %s is a number as typed, such as 1e-400 */
                 _("“%s” is too small a number to keep (the smallest is about 2.2e-308; it would become 0)"),
                 quoted);
  return FALSE;
}

char *
vastus_number_entry_normalize (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *comma = strchr (copy, ',');

  /* One decimal mark, either kind; "1.234,5" is ambiguous and left as it is (not a number). */
  if (comma != NULL && strchr (copy, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  return copy;
}

gboolean
vastus_number_parse_entry (const char *text,
                           double     *out,
                           GError    **error)
{
  g_autofree char *copy = vastus_number_entry_normalize (text);

  if (!vastus_number_parse (copy, out, NULL))
    {
      g_autofree char *quoted = vastus_text_excerpt (copy);
      double value;

      /* Too large or too small says so; anything else is just not a number. */
      if (is_plain_decimal (copy) && !vastus_number_parse (copy, &value, error))
        return FALSE;
      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                   /* Translators: %s is the text typed or read where a number belongs */
                   _("“%s” is not a number"), quoted);
      return FALSE;
    }
  return TRUE;
}

/* The shortest "%.Ng" (or "%.Nf" when that would need an exponent) that reads back exactly. */
static gboolean
format_exact (double      value,
              char        conversion,
              int         precision,
              char        buf[VASTUS_NUMBER_BUF_SIZE])
{
  char format[8];

  g_snprintf (format, sizeof format, "%%.%d%c", precision, conversion);
  g_ascii_formatd (buf, VASTUS_NUMBER_BUF_SIZE, format, value);
  return g_ascii_strtod (buf, NULL) == value;
}

const char *
vastus_number_format (double value,
                      char   buf[VASTUS_NUMBER_BUF_SIZE])
{
  int precision = 1;

  if (value == 0)
    value = 0;  /* never "-0" */
  while (precision < 17 && !format_exact (value, 'g', precision, buf))
    precision++;
  if (precision == 17)
    format_exact (value, 'g', 17, buf);
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e15)
    {
      /* Without an exponent when some decimal count is exact; else keep the exponent form
       * (fuzz-values: 9.9937444444444445e-06 needs 20 decimals and came back inexact). */
      char exponent_form[VASTUS_NUMBER_BUF_SIZE];
      gboolean exact = FALSE;

      memcpy (exponent_form, buf, sizeof exponent_form);
      for (int decimals = 0; decimals <= 17 && !exact; decimals++)
        exact = format_exact (value, 'f', decimals, buf);
      if (!exact)
        memcpy (buf, exponent_form, sizeof exponent_form);
    }
  return buf;
}

gboolean
vastus_grade_parse (const char  *text,
                    VastusGrade *out,
                    GError     **error)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (grade_names); i++)
    if (g_str_equal (text, grade_names[i]))
      {
        *out = (VastusGrade) i;
        return TRUE;
      }
  if (error != NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (text);

      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_GRADE,
                   /* Translators: %s is the text read; “trace” is the grade as files write it
                    * and stays in English */
                   _("“%s” is not an effusion grade (use 0, trace, 1+, 2+ or 3+)"), quoted);
    }
  return FALSE;
}

const char *
vastus_grade_to_string (VastusGrade grade)
{
  g_return_val_if_fail ((guint) grade < G_N_ELEMENTS (grade_names), NULL);
  return grade_names[grade];
}

const char *
vastus_grade_display (VastusGrade grade)
{
  g_return_val_if_fail (grade >= VASTUS_GRADE_ZERO && grade <= VASTUS_GRADE_3PLUS, "");
  if (grade == VASTUS_GRADE_TRACE)
    /* Translators: the effusion grade between 0 and 1+ of the stroke test (a trace of fluid) */
    return C_("effusion grade", "trace");
  return grade_names[grade];
}

gboolean
vastus_bool_parse (const char *text,
                   gboolean   *out,
                   GError    **error)
{
  if (g_strcmp0 (text, "yes") == 0 || g_strcmp0 (text, "no") == 0)
    {
      *out = g_str_equal (text, "yes");
      return TRUE;
    }
  if (error != NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (text);

      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_BOOL,
                   /* Translators: %s is the text read where a file writes yes or no; these two
                    * words stay in English */
                   _("“%s” is not yes or no"), quoted);
    }
  return FALSE;
}

const char *
vastus_bool_to_string (gboolean value)
{
  return value ? "yes" : "no";
}

gboolean
vastus_date_parse (const char *text,
                   GDate      *out,
                   GError    **error)
{
  guint y, m, d;

  if (text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      gboolean digits = TRUE;

      for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
          digits = FALSE;
      if (digits)
        {
          /* Digit by digit (they are digits): atoi's locale-aware strtol, three times for each
           * of a clinic's 200,000 visit dates, was most of the cost of reading one. */
          y = (guint) ((text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
                       (text[3] - '0'));
          m = (guint) ((text[5] - '0') * 10 + (text[6] - '0'));
          d = (guint) ((text[8] - '0') * 10 + (text[9] - '0'));
          if (y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
            {
              g_date_clear (out, 1);
              g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
              return TRUE;
            }
        }
    }
  if (error != NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (text);

      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                   _("“%s” is not a date (use YYYY-MM-DD)"), quoted);
    }
  return FALSE;
}

const char *
vastus_date_format (const GDate *date,
                    char         buf[VASTUS_DATE_BUF_SIZE])
{
  if (date == NULL || !g_date_valid (date))
    {
      buf[0] = '\0';
      return buf;
    }
  g_snprintf (buf, VASTUS_DATE_BUF_SIZE, "%04u-%02u-%02u",
              (guint) g_date_get_year (date) % 10000,
              (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
  return buf;
}

void
vastus_date_today (GDate *out)
{
  const char *fixed = g_getenv ("VASTUS_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (fixed != NULL && vastus_date_parse (fixed, out, NULL))
    return;
  now = g_date_time_new_now_local ();
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

double
vastus_date_weeks_between (const GDate *from,
                           const GDate *to)
{
  return g_date_days_between (from, to) / 7.0;
}

int
vastus_date_age_years (const GDate *birth,
                       const GDate *on)
{
  int age = (int) g_date_get_year (on) - (int) g_date_get_year (birth);

  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    age--;
  return age;
}
