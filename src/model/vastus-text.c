/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-text"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-text.h"

static gboolean
is_control (gunichar       c,
            VastusTextKind kind)
{
  if (kind == VASTUS_TEXT_LINES && (c == '\t' || c == '\n' || c == '\r'))
    return FALSE;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

gunichar
vastus_text_find_control (const char     *text,
                          VastusTextKind  kind,
                          glong          *position)
{
  glong index = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      index++;
      /* Invalid UTF-8 never gets this far (the CSV reader and GTK refuse it). */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (is_control (c, kind))
        {
          if (position != NULL)
            *position = index;
          return c;
        }
    }
  if (position != NULL)
    *position = 0;
  return 0;
}

char *
vastus_text_describe_char (gunichar c)
{
  switch (c)
    {
    case 0:
      /* Translators: a character that files and text must not hold */
      return g_strdup (_("U+0000 (NUL)"));
    case '\t':
      /* Translators: a character a text may not hold, named in a message */
      return g_strdup (_("U+0009 (a tab)"));
    case '\n':
      return g_strdup (_("U+000A (a line break)"));
    case '\r':
      return g_strdup (_("U+000D (a carriage return)"));
    case 0x1b:
      /* Translators: a character a text may not hold, named in a message */
      return g_strdup (_("U+001B (escape)"));
    default:
      /* Translators: %04X is the hexadecimal number of a control character */
      return g_strdup_printf (_("U+%04X (a control character)"), c);
    }
}

static void
escape_into (GString    *out,
             const char *text,
             gsize       max_chars,
             gboolean    keep_layout)
{
  const char *p = text;
  const char *end = text + strlen (text);
  gsize n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      n++;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (is_control (c, VASTUS_TEXT_LINE) && !(keep_layout && (c == '\n' || c == '\t')))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

char *
vastus_text_escape (const char     *text,
                    VastusTextKind  kind)
{
  GString *out = g_string_new (NULL);

  if (text != NULL)
    escape_into (out, text, 0, kind == VASTUS_TEXT_LINES);
  return g_string_free (out, FALSE);
}

char *
vastus_text_excerpt (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text != NULL)
    escape_into (out, text, VASTUS_TEXT_EXCERPT_CHARS, FALSE);
  return g_string_free (out, FALSE);
}

char *
vastus_text_patients_and_visits (gint64 n_patients,
                                 gint64 n_visits)
{
  g_autofree char *patients = NULL;
  g_autofree char *visits = NULL;

  /* Translators: a count of patients, as in "3 patients, 27 visits" */
  patients = g_strdup_printf (ngettext ("%lld patient", "%lld patients", (gulong) n_patients),
                              (long long) n_patients);
  /* Translators: a count of visits, as in "3 patients, 27 visits" */
  visits = g_strdup_printf (ngettext ("%lld visit", "%lld visits", (gulong) n_visits),
                            (long long) n_visits);
  /* Translators: a count of patients, then one of visits: "3 patients, 27 visits" */
  return g_strdup_printf (_("%s, %s"), patients, visits);
}
