/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-display"

#include "config.h"

#include "vastus-i18n.h"
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-text.h"
#include "vastus-value.h"

#define SEP_SIZE 8

typedef struct
{
  const char *language;          /* for the pushed ones */
  const char *decimal;
  const char *thousands;
  char        order[4];          /* "dmy", "mdy" or "ymd": the date's fields in order */
  char        sep1[SEP_SIZE];    /* between the first and the second field */
  char        sep2[SEP_SIZE];    /* between the second and the third */
  char        suffix[SEP_SIZE];  /* after the third ("" mostly) */
} Conventions;

/* The languages a report can be written in. French groups thousands with a narrow no-break
 * space, German and Spanish with a point; English here keeps ISO dates, as the C locale does. */
static const Conventions languages[] = {
  { "en", ".", ",", "ymd", "-", "-", "" },
  { "de", ",", ".", "dmy", ".", ".", "" },
  { "fr", ",", "\342\200\257", "dmy", "/", "/", "" },
  { "es", ",", ".", "dmy", "/", "/", "" },
};

static const Conventions iso = { NULL, ".", "", "ymd", "-", "-", "" };

/* Pushed for the locale's own language: the locale's conventions, as without a push. */
static const Conventions locale_marker = { "locale" };

static GPrivate pushed = G_PRIVATE_INIT ((GDestroyNotify) g_slist_free);

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

/* One field of D_FMT at *p: 'd', 'm' or 'y' (0 when it is something else), *p moved past it. */
static char
date_field (const char **p)
{
  const char *s = *p;

  if (s[0] != '%')
    return 0;
  s++;
  if (*s == 'E' || *s == 'O' || *s == '-' || *s == '_' || *s == '0')  /* modifiers and flags */
    s++;
  *p = s + 1;
  switch (*s)
    {
    case 'd': case 'e': return 'd';
    case 'm': return 'm';
    case 'y': case 'Y': return 'y';
    default: return 0;
    }
}

/* The literal text at *p up to the next '%' (or the end) into @out. */
static gboolean
date_literal (const char **p,
              char         out[SEP_SIZE])
{
  gsize n = strcspn (*p, "%");

  if (n >= SEP_SIZE)
    return FALSE;
  memcpy (out, *p, n);
  out[n] = '\0';
  *p += n;
  return TRUE;
}

/* The date form of D_FMT: three fields, day, month and year, each once. "%F" and "%D" too. */
static gboolean
parse_date_form (const char  *fmt,
                 Conventions *c)
{
  const char *p = fmt;

  if (g_str_equal (fmt, "%F"))
    fmt = "%Y-%m-%d";
  else if (g_str_equal (fmt, "%D"))
    fmt = "%m/%d/%y";
  p = fmt;
  c->order[0] = '\0';
  for (int i = 0; i < 3; i++)
    {
      char field = date_field (&p);

      if (field == 0 || strchr (c->order, field) != NULL)
        return FALSE;
      c->order[i] = field;
      c->order[i + 1] = '\0';
      if (!date_literal (&p, i == 0 ? c->sep1 : i == 1 ? c->sep2 : c->suffix))
        return FALSE;
      if (i < 2 && (i == 0 ? c->sep1 : c->sep2)[0] == '\0')
        return FALSE;  /* fields without a separator cannot be read back */
    }
  return *p == '\0';
}

static void
current (Conventions *out)
{
  GSList *stack = g_private_get (&pushed);
  const char *time_locale;

  if (stack != NULL && stack->data != &locale_marker)
    {
      *out = *(const Conventions *) stack->data;
      return;
    }
  *out = iso;
  if (!is_c_locale (setlocale (LC_NUMERIC, NULL)))
    {
      out->decimal = nl_langinfo (RADIXCHAR);
      out->thousands = nl_langinfo (THOUSEP);
      if (out->decimal == NULL || out->decimal[0] == '\0')
        out->decimal = ".";
      if (out->thousands == NULL)
        out->thousands = "";
    }
  time_locale = setlocale (LC_TIME, NULL);
  if (!is_c_locale (time_locale) && !parse_date_form (nl_langinfo (D_FMT), out))
    {
      /* A form this cannot read back (names of months, no separators): ISO. */
      memcpy (out->order, iso.order, sizeof out->order);
      memcpy (out->sep1, iso.sep1, SEP_SIZE);
      memcpy (out->sep2, iso.sep2, SEP_SIZE);
      memcpy (out->suffix, iso.suffix, SEP_SIZE);
    }
}

const char *
vastus_display_decimal_mark (void)
{
  Conventions c;

  current (&c);
  return c.decimal;
}

const char *
vastus_display_thousands_mark (void)
{
  Conventions c;

  current (&c);
  return c.thousands;
}

gboolean
vastus_display_push_language (const char *language)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (language != NULL, FALSE);
  code = g_strndup (language, strcspn (language, "_.@-"));
  /* The locale's own language keeps the locale's conventions, finer than the language's
   * (de_CH writes 12.5): the locale itself is pushed. */
  if (!is_c_locale (setlocale (LC_NUMERIC, NULL)) &&
      g_ascii_strncasecmp (setlocale (LC_NUMERIC, NULL), code, strlen (code)) == 0 &&
      strchr ("_.@", setlocale (LC_NUMERIC, NULL)[strlen (code)]) != NULL)
    {
      g_private_set (&pushed, g_slist_prepend (g_private_get (&pushed), (gpointer) &locale_marker));
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (code, languages[i].language) == 0)
      {
        g_private_set (&pushed, g_slist_prepend (g_private_get (&pushed), (gpointer) &languages[i]));
        return TRUE;
      }
  return FALSE;
}

void
vastus_display_pop (void)
{
  GSList *stack = g_private_get (&pushed);

  g_return_if_fail (stack != NULL);
  /* g_private_replace would free the whole list: take the first link off by hand. */
  g_private_set (&pushed, stack->next);
  g_slist_free_1 (stack);
}

gconstpointer
vastus_display_get_pushed (void)
{
  GSList *stack = g_private_get (&pushed);

  return stack != NULL ? stack->data : NULL;
}

/* The conventions are static (languages[], locale_marker): valid on any thread. */
void
vastus_display_push_same (gconstpointer conventions)
{
  g_return_if_fail (conventions != NULL);

  g_private_set (&pushed, g_slist_prepend (g_private_get (&pushed), (gpointer) conventions));
}

/* @plain (a point as the decimal mark) with the decimal mark of @c, into @buf. */
static const char *
with_mark (const char        *plain,
           const Conventions *c,
           char               buf[VASTUS_DISPLAY_NUMBER_SIZE])
{
  const char *point = strchr (plain, '.');

  if (point == NULL)
    g_strlcpy (buf, plain, VASTUS_DISPLAY_NUMBER_SIZE);
  else
    g_snprintf (buf, VASTUS_DISPLAY_NUMBER_SIZE, "%.*s%s%s",
                (int) (point - plain), plain, c->decimal, point + 1);
  return buf;
}

const char *
vastus_display_number (double value,
                       int    decimals,
                       char   buf[VASTUS_DISPLAY_NUMBER_SIZE])
{
  char format[16];
  char plain[G_ASCII_DTOSTR_BUF_SIZE];
  Conventions c;

  current (&c);
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 17));
  g_ascii_formatd (plain, sizeof plain, format, value);
  /* -0.04 with one decimal is 0.0, not -0.0. */
  if (plain[0] == '-' && strspn (plain + 1, "0.") == strlen (plain + 1))
    memmove (plain, plain + 1, strlen (plain));
  return with_mark (plain, &c, buf);
}

char *
vastus_display_number_dup (double value,
                           int    decimals)
{
  char buf[VASTUS_DISPLAY_NUMBER_SIZE];

  return g_strdup (vastus_display_number (value, decimals, buf));
}

const char *
vastus_display_number_exact (double value,
                             char   buf[VASTUS_DISPLAY_NUMBER_SIZE])
{
  char plain[VASTUS_NUMBER_BUF_SIZE];
  Conventions c;

  current (&c);
  return with_mark (vastus_number_format (value, plain), &c, buf);
}

const char *
vastus_display_number_text (const char *plain,
                            char        buf[VASTUS_DISPLAY_NUMBER_SIZE])
{
  Conventions c;

  current (&c);
  return with_mark (plain, &c, buf);
}

char *
vastus_display_number_exact_dup (double value)
{
  char buf[VASTUS_DISPLAY_NUMBER_SIZE];

  return g_strdup (vastus_display_number_exact (value, buf));
}

static const char *
format_date (const GDate       *date,
             const Conventions *c,
             char               buf[VASTUS_DISPLAY_DATE_SIZE])
{
  char fields[3][8];

  if (date == NULL || !g_date_valid (date))
    {
      buf[0] = '\0';
      return buf;
    }
  for (int i = 0; i < 3; i++)
    {
      if (c->order[i] == 'd')
        g_snprintf (fields[i], sizeof fields[i], "%02u", (guint) g_date_get_day (date));
      else if (c->order[i] == 'm')
        g_snprintf (fields[i], sizeof fields[i], "%02u", (guint) g_date_get_month (date));
      else
        g_snprintf (fields[i], sizeof fields[i], "%04u", (guint) g_date_get_year (date) % 10000);
    }
  g_snprintf (buf, VASTUS_DISPLAY_DATE_SIZE, "%s%s%s%s%s%s",
              fields[0], c->sep1, fields[1], c->sep2, fields[2], c->suffix);
  return buf;
}

const char *
vastus_display_date (const GDate *date,
                     char         buf[VASTUS_DISPLAY_DATE_SIZE])
{
  Conventions c;

  current (&c);
  return format_date (date, &c, buf);
}

char *
vastus_display_date_dup (const GDate *date)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];

  return g_strdup (vastus_display_date (date, buf));
}

const char *
vastus_display_date_pattern (char buf[VASTUS_DISPLAY_DATE_SIZE])
{
  Conventions c;
  const char *fields[3];

  current (&c);
  for (int i = 0; i < 3; i++)
    /* Translators: the letters that stand for the day, the month and the year in the pattern a
     * date field shows ("DD.MM.YYYY" in German is "TT.MM.JJJJ"); the order and the separators
     * come from the locale */
    fields[i] = c.order[i] == 'd' ? C_("date pattern", "DD")
              /* Translators: the month in the pattern of a date typed, as in "DD.MM.YYYY"; use
               * your language's letters */
              : c.order[i] == 'm' ? C_("date pattern", "MM")
                                  /* Translators: the year in the pattern of a date typed, as in
                                   * "DD.MM.YYYY"; use your language's letters */
                                  : C_("date pattern", "YYYY");
  g_snprintf (buf, VASTUS_DISPLAY_DATE_SIZE, "%s%s%s%s%s%s",
              fields[0], c.sep1, fields[1], c.sep2, fields[2], c.suffix);
  return buf;
}

/* The abbreviated name of @month, in the thread's language. */
static const char *
month_abbreviation (GDateMonth month)
{
  switch (month)
    {
    /* Translators: the months' abbreviated names, as in "6 Dec 2026" */
    case G_DATE_JANUARY: return C_("month", "Jan");
    /* Translators: February, abbreviated, as in "6 Feb 2026" */
    case G_DATE_FEBRUARY: return C_("month", "Feb");
    /* Translators: March, abbreviated, as in "6 Mar 2026" */
    case G_DATE_MARCH: return C_("month", "Mar");
    /* Translators: April, abbreviated, as in "6 Apr 2026" */
    case G_DATE_APRIL: return C_("month", "Apr");
    /* Translators: May, abbreviated, as in "6 May 2026" */
    case G_DATE_MAY: return C_("month", "May");
    /* Translators: June, abbreviated, as in "6 Jun 2026" */
    case G_DATE_JUNE: return C_("month", "Jun");
    /* Translators: July, abbreviated, as in "6 Jul 2026" */
    case G_DATE_JULY: return C_("month", "Jul");
    /* Translators: August, abbreviated, as in "6 Aug 2026" */
    case G_DATE_AUGUST: return C_("month", "Aug");
    /* Translators: September, abbreviated, as in "6 Sep 2026" */
    case G_DATE_SEPTEMBER: return C_("month", "Sep");
    /* Translators: October, abbreviated, as in "6 Oct 2026" */
    case G_DATE_OCTOBER: return C_("month", "Oct");
    /* Translators: November, abbreviated, as in "6 Nov 2026" */
    case G_DATE_NOVEMBER: return C_("month", "Nov");
    /* Translators: December, abbreviated, as in "6 Dec 2026" */
    case G_DATE_DECEMBER: return C_("month", "Dec");
    case G_DATE_BAD_MONTH:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
vastus_display_date_month (const GDate          *date,
                           VastusDisplayDateForm form,
                           char                  buf[VASTUS_DISPLAY_DATE_SIZE])
{
  guint day, year;
  const char *month;

  if (date == NULL || !g_date_valid (date))
    {
      buf[0] = '\0';
      return buf;
    }
  day = g_date_get_day (date);
  month = month_abbreviation (g_date_get_month (date));
  year = g_date_get_year (date);
  switch (form)
    {
    case VASTUS_DISPLAY_DAY_MONTH:
      /* Translators: a date without the year: the day and the month's abbreviated name
       * ("6 Dec"); reorder with %1$u and %2$s */
      g_snprintf (buf, VASTUS_DISPLAY_DATE_SIZE, C_("date", "%u %s"), day, month);
      break;
    case VASTUS_DISPLAY_MONTH_YEAR:
      /* Translators: a month: its abbreviated name and the year ("Dec 2026"); reorder with %1$s
       * and %2$u */
      g_snprintf (buf, VASTUS_DISPLAY_DATE_SIZE, C_("date", "%s %u"), month, year);
      break;
    case VASTUS_DISPLAY_DAY_MONTH_YEAR:
    default:
      /* Translators: a date with the month's name: the day, the month's abbreviated name and
       * the year ("6 Dec 2026"); reorder with %1$u, %2$s and %3$u */
      g_snprintf (buf, VASTUS_DISPLAY_DATE_SIZE, C_("date", "%u %s %u"), day, month, year);
      break;
    }
  return buf;
}

/* "1.234" with @mark '.': an optional sign, one to three digits not starting with 0, the mark and
 * exactly three digits. */
static gboolean
looks_grouped (const char *s,
               char        mark)
{
  int lead = 0;

  if (*s == '+' || *s == '-')
    s++;
  if (*s == '0')
    return FALSE;
  while (g_ascii_isdigit (s[lead]))
    lead++;
  if (lead < 1 || lead > 3 || s[lead] != mark)
    return FALSE;
  s += lead + 1;
  return strspn (s, "0123456789") == 3 && s[3] == '\0';
}

char *
vastus_display_number_normalize (const char *text,
                                 GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  Conventions c;
  gsize points = 0, commas = 0;
  char mark;

  current (&c);
  for (const char *p = copy; *p != '\0'; p++)
    points += *p == '.', commas += *p == ',';
  mark = points == 1 ? '.' : ',';
  if (points + commas == 1 && c.thousands[0] == mark && c.thousands[1] == '\0' &&
      !(c.decimal[0] == mark && c.decimal[1] == '\0') && looks_grouped (copy, mark))
    {
      g_autofree char *quoted = vastus_text_excerpt (copy);
      g_autofree char *plain = vastus_number_entry_normalize (copy);
      g_autofree char *joined = g_strdup (copy);
      char *mark_in_joined = strchr (joined, mark);
      char decimal_text[VASTUS_DISPLAY_NUMBER_SIZE], grouped_text[VASTUS_DISPLAY_NUMBER_SIZE];
      double decimal_reading = 0, grouped_reading = 0;

      memmove (mark_in_joined, mark_in_joined + 1, strlen (mark_in_joined));
      vastus_number_parse (plain, &decimal_reading, NULL);
      vastus_number_parse (joined, &grouped_reading, NULL);
      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS,
                   /* Translators: %1$s is a number as typed, such as 1.234, where the point can
                    * group thousands or mark the decimals; %2$s and %3$s are its two readings as
                    * they are typed unambiguously, such as 1,234 and 1234 */
                   _("“%1$s” could mean %2$s or %3$s: type the one you mean"), quoted,
                   vastus_display_number_exact (decimal_reading, decimal_text),
                   vastus_display_number_exact (grouped_reading, grouped_text));
      return NULL;
    }
  return vastus_number_entry_normalize (copy);
}

gboolean
vastus_display_parse_number (const char *text,
                             double     *out,
                             GError    **error)
{
  g_autofree char *plain = vastus_display_number_normalize (text, error);

  return plain != NULL && vastus_number_parse_entry (plain, out, error);
}

/* Digits at *p: how many, their value; *p moved past them. */
static int
read_digits (const char **p,
             guint       *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < 9)
    *value = *value * 10 + (guint) (*(*p)++ - '0'), n++;
  return n;
}

gboolean
vastus_display_parse_date (const char *text,
                           GDate      *out,
                           GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p = copy;
  guint day = 0, month = 0, year = 0;
  gboolean short_year = FALSE, read = TRUE;
  Conventions c;

  if (vastus_date_parse (copy, out, NULL))
    return TRUE;
  current (&c);
  for (int i = 0; i < 3 && read; i++)
    {
      const char *sep = i == 0 ? c.sep1 : i == 1 ? c.sep2 : c.suffix;
      guint value;
      int n = read_digits (&p, &value);

      if (c.order[i] == 'y')
        {
          short_year = n == 2;
          read = n == 4 || short_year;
          year = value;
        }
      else
        {
          read = n >= 1 && n <= 2;
          *(c.order[i] == 'd' ? &day : &month) = value;
        }
      if (i == 2 && *p == '\0')
        break;  /* the suffix may be left out */
      if (strncmp (p, sep, strlen (sep)) != 0)
        read = FALSE;
      p += strlen (sep);
    }
  if (read && *p == '\0' && !short_year && year >= 1 &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      return TRUE;
    }
  if (error != NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (copy);
      char example[VASTUS_DISPLAY_DATE_SIZE];
      GDate last_day;

      g_date_clear (&last_day, 1);
      g_date_set_dmy (&last_day, 31, G_DATE_DECEMBER, 2026);
      format_date (&last_day, &c, example);
      if (short_year && read && *p == '\0')
        g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                     /* Translators: %1$s is a date as typed, such as 01.12.26; %2$s the same form
                      * with the year in four digits as an example, such as 31.12.2026 */
                     _("“%1$s” has a two-digit year: write the year with four digits, as in %2$s"),
                     quoted, example);
      else if (g_str_equal (example, "2026-12-31"))
        g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                     /* Translators: %s is the text typed as a date; YYYY-MM-DD is the form to
                      * type (year, month, day): adapt the letters, keep the order and the
                      * hyphens */
                     _("“%s” is not a date (use YYYY-MM-DD)"), quoted);
      else
        g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                     /* Translators: %1$s is a date as typed; %2$s the locale's date form as an
                      * example, such as 31.12.2026 */
                     _("“%1$s” is not a date (write it as %2$s or 2026-12-31)"), quoted, example);
    }
  return FALSE;
}
