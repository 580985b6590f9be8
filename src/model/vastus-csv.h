/* vastus-csv.h: RFC 4180 comma-separated values, read and written
 *
 * The reader is a pure function from bytes to rows: no global state, no locale, so that it can be
 * fuzzed in-process. It accepts UTF-8 with or without a byte-order mark, LF or CRLF line ends, and
 * quoted fields holding commas, doubled quotes and line breaks. Every field knows the line it
 * starts on and its column (1-based field index), so that every error can name both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VASTUS_CSV_ERROR (vastus_csv_error_quark ())

/* Stable codes. Append only. */
typedef enum
{
  VASTUS_CSV_ERROR_ENCODING,      /* UTF-16, or not valid UTF-8 */
  VASTUS_CSV_ERROR_SYNTAX,        /* an unclosed quote, a quote inside an unquoted field … */
  VASTUS_CSV_ERROR_FIELD_COUNT,   /* a record with more or fewer fields than the header */
  VASTUS_CSV_ERROR_EMPTY,         /* no header row */
  VASTUS_CSV_ERROR_HEADER,        /* an unknown, duplicate or missing column (importers) */
  VASTUS_CSV_ERROR_VALUE,         /* a field's content is not acceptable (importers) */
} VastusCsvError;

typedef struct
{
  char  *text;        /* UTF-8, unquoted */
  guint  line;        /* the line the field starts on, 1-based */
  guint  column;      /* the field's index in its record, 1-based */
} VastusCsvField;

typedef struct
{
  guint           line;       /* the line the record starts on */
  guint           n_fields;
  VastusCsvField *fields;
} VastusCsvRow;

GQuark        vastus_csv_error_quark (void);

void          vastus_csv_row_free    (VastusCsvRow *row);

/* A record longer than this (a quoted field that never ends …) is an error, not a growing
 * buffer: reading holds one record at a time, whatever the size of the file. */
#define VASTUS_CSV_MAX_RECORD_BYTES (1024 * 1024)

/* Reads records one at a time from a stream: the header is the first, and every other record
 * must have as many fields. Empty lines are skipped; a missing final line break is fine. Memory
 * holds one record and a 64 KiB block, whatever the size of the file. */
typedef struct _VastusCsvReader VastusCsvReader;

VastusCsvReader    *vastus_csv_reader_new  (GInputStream     *stream,
                                            GCancellable     *cancellable);
void                vastus_csv_reader_free (VastusCsvReader  *reader);
/* Another field separator than ',' (';', a tab …), before the first record is read. */
void                vastus_csv_reader_set_delimiter (VastusCsvReader *reader,
                                                     char             delimiter);
/* The next record, valid until the next call; NULL at the end of the stream (with @error unset)
 * or on a problem: @error then says what, naming the line (and column): bad syntax, not UTF-8,
 * a NUL byte, too long a record, a field count unlike the header's, or the stream's own error. */
const VastusCsvRow *vastus_csv_reader_next (VastusCsvReader  *reader,
                                            GError          **error);

/* All records of @data at once, through a reader: a GPtrArray of VastusCsvRow*, or NULL with
 * @error set. */
GPtrArray    *vastus_csv_parse       (const char  *data,
                                      gsize        length,
                                      GError     **error);

/* Appends @text as one field, quoted when it holds a comma, a quote, CR or LF. */
void          vastus_csv_append_field (GString    *out,
                                       const char *text);
/* The same for free text (names, notes …) that a spreadsheet must not run as a formula: a text
 * starting with = + - @ TAB or CR, or with an apostrophe, gets an apostrophe in front.
 * vastus_csv_unneutralize () undoes it. Never use it for numbers. */
void          vastus_csv_append_text  (GString    *out,
                                       const char *text);
/* Returns @text without the apostrophe vastus_csv_append_text () put in front, if it has one. */
const char   *vastus_csv_unneutralize (const char *text);

/* vastus_unit_number_to_stored () under the name the importer and exporter know it by. */
gboolean      vastus_csv_number_to_stored (const char *unit,
                                           const char *text,
                                           double     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCsvRow, vastus_csv_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCsvReader, vastus_csv_reader_free)

G_END_DECLS
