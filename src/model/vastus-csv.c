/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-csv"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

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

/* Streaming: bytes come from the stream in blocks; one record is kept at a time. */

#define BLOCK_SIZE (64 * 1024)
#define EOF_MARK (-1)

struct _VastusCsvReader
{
  GInputStream *stream;
  GCancellable *cancellable;
  guchar       *block;
  gsize         pos;
  gsize         len;
  gboolean      at_end;
  GError       *read_error;   /* the stream's, kept until next () reports it */
  gboolean      started;      /* the start of the file (BOM, UTF-16) is checked */
  guint         line;         /* the line the next byte is on, 1-based */
  guint64       n_records;
  guint         n_header;     /* the header's field count */
  char          delimiter;    /* ',' unless set */
  GString      *text;         /* the record's fields, each ending in NUL */
  GArray       *fields;       /* of VastusCsvField, text still an offset into @text */
  VastusCsvRow  row;
};

static gboolean
fill (VastusCsvReader *r)
{
  gssize n;

  if (r->at_end || r->read_error != NULL)
    return FALSE;
  n = g_input_stream_read (r->stream, r->block, BLOCK_SIZE, r->cancellable, &r->read_error);
  if (n <= 0)
    {
      r->at_end = n == 0;
      return FALSE;
    }
  r->pos = 0;
  r->len = (gsize) n;
  return TRUE;
}

static inline int
peek (VastusCsvReader *r)
{
  if (r->pos == r->len && !fill (r))
    return EOF_MARK;
  return r->block[r->pos];
}

static inline int
take (VastusCsvReader *r)
{
  int c = peek (r);

  if (c != EOF_MARK)
    r->pos++;
  return c;
}

/* Consumes one line break (CRLF, LF or a lone CR), appending it to @out if given. */
static void
take_line_break (VastusCsvReader *r,
                 GString         *out)
{
  int c = take (r);

  if (out != NULL)
    g_string_append_c (out, (char) c);
  if (c == '\r' && peek (r) == '\n')
    {
      take (r);
      if (out != NULL)
        g_string_append_c (out, '\n');
    }
  r->line++;
}

VastusCsvReader *
vastus_csv_reader_new (GInputStream *stream,
                       GCancellable *cancellable)
{
  VastusCsvReader *r;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  r = g_new0 (VastusCsvReader, 1);
  r->stream = g_object_ref (stream);
  r->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  r->block = g_malloc (BLOCK_SIZE);
  r->line = 1;
  r->delimiter = ',';
  r->text = g_string_new (NULL);
  r->fields = g_array_new (FALSE, FALSE, sizeof (VastusCsvField));
  return r;
}

void
vastus_csv_reader_set_delimiter (VastusCsvReader *r,
                                 char             delimiter)
{
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != 0);
  r->delimiter = delimiter;
}

void
vastus_csv_reader_free (VastusCsvReader *r)
{
  if (r == NULL)
    return;
  g_object_unref (r->stream);
  g_clear_object (&r->cancellable);
  g_clear_error (&r->read_error);
  g_free (r->block);
  g_string_free (r->text, TRUE);
  g_array_unref (r->fields);
  g_free (r);
}

/* The start of the file: UTF-16 is refused, a UTF-8 byte-order mark skipped. */
static gboolean
check_start (VastusCsvReader  *r,
             GError          **error)
{
  r->started = TRUE;
  if (peek (r) == EOF_MARK)
    return TRUE;
  /* A BOM is at most three bytes; the first block holds them unless the file is shorter. */
  if (r->len - r->pos >= 2 &&
      ((r->block[r->pos] == 0xff && r->block[r->pos + 1] == 0xfe) ||
       (r->block[r->pos] == 0xfe && r->block[r->pos + 1] == 0xff)))
    {
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING,
                           _("the file is UTF-16 text: save it as “CSV UTF-8” and try again"));
      return FALSE;
    }
  if (r->len - r->pos >= 3 && memcmp (r->block + r->pos, "\xef\xbb\xbf", 3) == 0)
    r->pos += 3;
  return TRUE;
}

static gboolean
too_long (VastusCsvReader  *r,
          guint             start_line,
          guint             column,
          GError          **error)
{
  if (r->text->len <= VASTUS_CSV_MAX_RECORD_BYTES)
    return FALSE;
  g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
               /* Translators: %u are numbers: a line, a column, a size in MiB */
               _("line %u, column %u: the record is longer than %u MiB (a closing quote may be missing)"),
               start_line, column, (guint) (VASTUS_CSV_MAX_RECORD_BYTES >> 20));
  return TRUE;
}

static gboolean
nul_byte (guint    line,
          guint    column,
          GError **error)
{
  g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING,
               /* Translators: the first %u is the line of the file, the second the column (a
                * count of fields) */
               _("line %u, column %u: a NUL byte (U+0000), which text never holds: this is not a "
                 "CSV text file, or it is damaged"), line, column);
  return FALSE;
}

/* Reads one field into r->text (NUL-terminated); its text is an offset until the record ends. */
static gboolean
read_field (VastusCsvReader  *r,
            guint             column,
            GError          **error)
{
  VastusCsvField f = { NULL, r->line, column };
  gsize offset = r->text->len;
  const char *invalid = NULL;
  int c;

  if (peek (r) == '"')
    {
      take (r);
      for (;;)
        {
          c = peek (r);
          if (c == EOF_MARK)
            {
              if (r->read_error != NULL)
                return FALSE;
              g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                           /* Translators: the first %u is the line of the file, the second the
                            * column (a count of fields); \" is a double quote */
                           _("line %u, column %u: the quoted field is never closed (a \" is missing)"),
                           f.line, column);
              return FALSE;
            }
          if (c == '"')
            {
              take (r);
              if (peek (r) != '"')
                break;
              take (r);
              g_string_append_c (r->text, '"');
            }
          else if (c == '\r' || c == '\n')
            take_line_break (r, r->text);
          else if (c == 0)
            return nul_byte (r->line, column, error);
          else
            g_string_append_c (r->text, (char) take (r));
          if (too_long (r, f.line, column, error))
            return FALSE;
        }
      c = peek (r);
      if (c != EOF_MARK && c != r->delimiter && c != '\r' && c != '\n')
        {
          g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                       /* Translators: the first %u is the line of the file, the second the
                        * column (a count of fields) */
                       _("line %u, column %u: text follows the closing quote of a quoted field"),
                       r->line, column);
          return FALSE;
        }
    }
  else
    {
      while ((c = peek (r)) != EOF_MARK && c != r->delimiter && c != '\r' && c != '\n')
        {
          if (c == '"')
            {
              g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX,
                           /* Translators: the first %u is the line of the file, the second the
                            * column (a count of fields) */
                           _("line %u, column %u: a quote inside an unquoted field (quote the whole field and double the quote)"),
                           r->line, column);
              return FALSE;
            }
          if (c == 0)
            return nul_byte (r->line, column, error);
          g_string_append_c (r->text, (char) take (r));
          if (too_long (r, f.line, column, error))
            return FALSE;
        }
    }
  if (r->read_error != NULL)
    return FALSE;

  if (!g_utf8_validate_len (r->text->str + offset, r->text->len - offset, &invalid))
    {
      guint line = f.line;

      /* The line the bad byte is on, within a field that spans lines. */
      for (const char *p = r->text->str + offset; p < invalid; p++)
        if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
          line++;
      g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING,
                   /* Translators: the first %u is the line of the file, the second the column (a
                    * count of fields); “CSV UTF-8” is the name of the format in spreadsheet
                    * programs */
                   _("line %u, column %u is not valid UTF-8 text: save the file as “CSV UTF-8” and try again"),
                   line, column);
      return FALSE;
    }
  g_string_append_c (r->text, '\0');
  f.text = GSIZE_TO_POINTER (offset);
  g_array_append_val (r->fields, f);
  return TRUE;
}

const VastusCsvRow *
vastus_csv_reader_next (VastusCsvReader  *r,
                        GError          **error)
{
  GError *local_error = NULL;
  int c;

  g_return_val_if_fail (r != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!r->started && !check_start (r, error))
    return NULL;

  /* Empty lines are skipped. */
  while ((c = peek (r)) == '\r' || c == '\n')
    take_line_break (r, NULL);

  if (c == EOF_MARK)
    {
      if (r->read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&r->read_error));
          return NULL;
        }
      if (r->n_records == 0)
        g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_EMPTY,
                             _("the file is empty: a header row is missing"));
      return NULL;
    }

  g_string_truncate (r->text, 0);
  g_array_set_size (r->fields, 0);
  for (;;)
    {
      if (!read_field (r, r->fields->len + 1, &local_error))
        {
          if (r->read_error != NULL)
            {
              g_clear_error (&local_error);
              g_propagate_error (error, g_steal_pointer (&r->read_error));
            }
          else
            g_propagate_error (error, local_error);
          return NULL;
        }
      c = peek (r);
      if (c == r->delimiter)
        {
          take (r);
          continue;
        }
      if (c != EOF_MARK)
        take_line_break (r, NULL);
      break;
    }

  /* The texts are in place now: offsets become pointers. */
  for (guint i = 0; i < r->fields->len; i++)
    {
      VastusCsvField *f = &g_array_index (r->fields, VastusCsvField, i);

      f->text = r->text->str + GPOINTER_TO_SIZE (f->text);
    }
  r->row.line = g_array_index (r->fields, VastusCsvField, 0).line;
  r->row.n_fields = r->fields->len;
  r->row.fields = (VastusCsvField *) (void *) r->fields->data;
  r->n_records++;

  if (r->n_records == 1)
    r->n_header = r->row.n_fields;
  else if (r->row.n_fields != r->n_header)
    {
      /* The column: the first one too many, or the first one missing. */
      g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_FIELD_COUNT,
                   /* Translators: the plural follows the third number, the line's fields */
                   ngettext ("line %u, column %u: %u field, but the header has %u",
                             "line %u, column %u: %u fields, but the header has %u", r->row.n_fields),
                   r->row.line, MIN (r->row.n_fields, r->n_header) + 1, r->row.n_fields,
                   r->n_header);
      return NULL;
    }
  return &r->row;
}

static VastusCsvRow *
row_copy (const VastusCsvRow *row)
{
  VastusCsvRow *copy = g_new0 (VastusCsvRow, 1);

  copy->line = row->line;
  copy->n_fields = row->n_fields;
  copy->fields = g_new (VastusCsvField, row->n_fields);
  for (guint i = 0; i < row->n_fields; i++)
    {
      copy->fields[i] = row->fields[i];
      copy->fields[i].text = g_strdup (row->fields[i].text);
    }
  return copy;
}

GPtrArray *
vastus_csv_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_csv_row_free);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(VastusCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusCsvRow *row;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  stream = g_memory_input_stream_new_from_data (data, (gssize) length, NULL);
  reader = vastus_csv_reader_new (stream, NULL);
  while ((row = vastus_csv_reader_next (reader, &local_error)) != NULL)
    g_ptr_array_add (rows, row_copy (row));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
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
