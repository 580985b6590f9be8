/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vastus-csv.h"
#include "vastus-units.h"
#include "vastus-value.h"

G_DEFINE_QUARK (vastus-csv-error-quark, vastus_csv_error)

void
vastus_csv_row_free (VastusCsvRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n_fields; i++)
    g_free (row->fields[i].text);
  g_free (row->fields);
  g_free (row);
}

/* The line @offset is on: LF, CRLF and a lone CR each end a line. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Reader;

/* Consumes one line break at r->p (CRLF, LF or CR), appending it to @out if given. */
static void
take_line_break (Reader  *r,
                 GString *out)
{
  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
    {
      if (out != NULL)
        g_string_append_len (out, "\r\n", 2);
      r->p += 2;
    }
  else
    {
      if (out != NULL)
        g_string_append_c (out, *r->p);
      r->p++;
    }
  r->line++;
}

static gboolean
read_field (Reader   *r,
            GString  *out,
            guint     column,
            GError  **error)
{
  guint start_line = r->line;

  g_string_truncate (out, 0);
  if (r->p < r->end && *r->p == '"')
    {
      r->p++;
      for (;;)
        {
          if (r->p >= r->end)
            {
              g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                           _("line %u, column %u: the quoted field is never closed (a \" is missing)"),
                           start_line, column);
              return FALSE;
            }
          if (*r->p == '"')
            {
              if (r->p + 1 < r->end && r->p[1] == '"')
                {
                  g_string_append_c (out, '"');
                  r->p += 2;
                  continue;
                }
              r->p++;
              break;
            }
          if (*r->p == '\r' || *r->p == '\n')
            take_line_break (r, out);
          else
            g_string_append_c (out, *r->p++);
        }
      if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
        {
          g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                       _("line %u, column %u: text follows the closing quote of a quoted field"),
                       r->line, column);
          return FALSE;
        }
      return TRUE;
    }

  while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
    {
      if (*r->p == '"')
        {
          g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                       _("line %u, column %u: a quote inside an unquoted field (quote the whole field and double the quote)"),
                       r->line, column);
          return FALSE;
        }
      g_string_append_c (out, *r->p++);
    }
  return TRUE;
}

GPtrArray *
vastus_csv_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_csv_row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *invalid = NULL;
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING,
                           _("the file is UTF-16 text: save it as “CSV UTF-8” and try again"));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, length -= 3;
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING,
                   _("line %u is not valid UTF-8 text: save the file as “CSV UTF-8” and try again"),
                   line_at (data, invalid - data));
      return NULL;
    }

  r.p = data;
  r.end = data + length;
  r.line = 1;
  while (r.p < r.end)
    {
      g_autoptr(GArray) fields = NULL;
      VastusCsvRow *row;

      if (*r.p == '\r' || *r.p == '\n')
        {
          take_line_break (&r, NULL);
          continue;
        }

      fields = g_array_new (FALSE, FALSE, sizeof (VastusCsvField));
      for (;;)
        {
          VastusCsvField f = { NULL, r.line, fields->len + 1 };

          if (!read_field (&r, field, f.column, error))
            {
              for (guint i = 0; i < fields->len; i++)
                g_free (g_array_index (fields, VastusCsvField, i).text);
              return NULL;
            }
          f.text = g_strndup (field->str, field->len);
          g_array_append_val (fields, f);
          if (r.p < r.end && *r.p == ',')
            {
              r.p++;
              continue;
            }
          if (r.p < r.end)
            take_line_break (&r, NULL);
          break;
        }

      row = g_new0 (VastusCsvRow, 1);
      row->line = g_array_index (fields, VastusCsvField, 0).line;
      row->n_fields = fields->len;
      row->fields = (VastusCsvField *) (void *) g_array_free (g_steal_pointer (&fields), FALSE);
      g_ptr_array_add (rows, row);

      if (rows->len > 1)
        {
          const VastusCsvRow *header = g_ptr_array_index (rows, 0);

          if (row->n_fields != header->n_fields)
            {
              g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_FIELD_COUNT,
                           _("line %u: %u fields, but the header has %u"),
                           row->line, row->n_fields, header->n_fields);
              return NULL;
            }
        }
    }

  if (rows->len == 0)
    {
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_EMPTY,
                           _("the file is empty: a header row is missing"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
vastus_csv_append_field (GString    *out,
                         const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void
vastus_csv_append_text (GString    *out,
                        const char *text)
{
  g_autofree char *guarded = NULL;

  if (text == NULL)
    return;
  /* An apostrophe in front is escaped too, so that unneutralize () is an exact inverse. */
  if (is_formula_start (text[0]) || text[0] == '\'')
    text = guarded = g_strconcat ("'", text, NULL);
  vastus_csv_append_field (out, text);
}

const char *
vastus_csv_unneutralize (const char *text)
{
  if (text != NULL && text[0] == '\'' && (is_formula_start (text[1]) || text[1] == '\''))
    return text + 1;
  return text;
}

gboolean
vastus_csv_number_to_stored (const char *unit,
                             const char *text,
                             double     *out)
{
  return vastus_unit_number_to_stored (unit, text, out);
}
