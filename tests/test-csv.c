/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "vastus-csv.h"

static GPtrArray *
parse (const char *data,
       GError    **error)
{
  return vastus_csv_parse (data, strlen (data), error);
}

static const VastusCsvField *
field (GPtrArray *rows,
       guint      row,
       guint      column)
{
  const VastusCsvRow *r = g_ptr_array_index (rows, row);

  g_assert_cmpuint (column, <, r->n_fields);
  return &r->fields[column];
}

static void
test_csv_simple (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b,c\n1,,3\n", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (field (rows, 0, 0)->text, ==, "a");
  g_assert_cmpstr (field (rows, 1, 0)->text, ==, "1");
  g_assert_cmpstr (field (rows, 1, 1)->text, ==, "");
  g_assert_cmpstr (field (rows, 1, 2)->text, ==, "3");
  g_assert_cmpuint (field (rows, 1, 2)->line, ==, 2);
  g_assert_cmpuint (field (rows, 1, 2)->column, ==, 3);
  g_assert_cmpuint (((VastusCsvRow *) g_ptr_array_index (rows, 1))->line, ==, 2);
}

static void
test_csv_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("\xef\xbb\xbfmrn,value\r\nA1,37.5\r\nA2,-5\r\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* The BOM is not part of the first column's name, and CR is not part of the last field. */
  g_assert_cmpstr (field (rows, 0, 0)->text, ==, "mrn");
  g_assert_cmpstr (field (rows, 0, 1)->text, ==, "value");
  g_assert_cmpstr (field (rows, 1, 1)->text, ==, "37.5");
  g_assert_cmpstr (field (rows, 2, 1)->text, ==, "-5");
  g_assert_cmpuint (field (rows, 2, 0)->line, ==, 3);
}

static void
test_csv_quoted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("name,note,x\n"
                                     "\"Smith, Anna\",\"said \"\"ouch\"\"\",1\n"
                                     "\"two\nlines\",\"cr\rkept\",\"\"\n"
                                     "\"crlf\r\ninside\",b,c\n"
                                     "last,row,here\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (field (rows, 1, 0)->text, ==, "Smith, Anna");
  g_assert_cmpstr (field (rows, 1, 1)->text, ==, "said \"ouch\"");
  g_assert_cmpstr (field (rows, 2, 0)->text, ==, "two\nlines");
  g_assert_cmpstr (field (rows, 2, 1)->text, ==, "cr\rkept");
  g_assert_cmpstr (field (rows, 2, 2)->text, ==, "");
  g_assert_cmpstr (field (rows, 3, 0)->text, ==, "crlf\r\ninside");
  /* Lines count physical lines: row 2 starts on line 3 and spans 3 lines (LF, then CR). */
  g_assert_cmpuint (field (rows, 2, 0)->line, ==, 3);
  g_assert_cmpuint (field (rows, 2, 1)->line, ==, 4);
  g_assert_cmpuint (field (rows, 3, 0)->line, ==, 6);
  g_assert_cmpuint (field (rows, 3, 1)->line, ==, 7);
  g_assert_cmpuint (field (rows, 4, 0)->line, ==, 8);
}

static void
test_csv_no_final_newline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b\n1,2", &error);
  g_autoptr(GPtrArray) quoted = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (field (rows, 1, 1)->text, ==, "2");

  quoted = parse ("a,b\n1,\"2\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (field (quoted, 1, 1)->text, ==, "2");
}

static void
test_csv_empty_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b\n\n1,2\r\n\r\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (field (rows, 1, 0)->line, ==, 3);
}

static void
test_csv_field_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b,c\n1,2,3\n\"x\ny\",2,3\n1,2\n", &error);

  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_FIELD_COUNT);
  /* The short record is on line 5: the quoted field before it spans lines 3 and 4. */
  g_assert_nonnull (strstr (error->message, "line 5, column 3: 2 fields"));
  g_clear_error (&error);

  rows = parse ("a,b\n1,2,\n", &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_FIELD_COUNT);
  g_assert_nonnull (strstr (error->message, "line 2, column 3: 3 fields"));
}

static void
test_csv_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b\n1,2\n3,\"open\n\nmore\n", &error);

  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX);
  /* Named where the quote opens. */
  g_assert_nonnull (strstr (error->message, "line 3, column 2"));
}

static void
test_csv_stray_quotes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse ("a,b\n1,ab\"c\n", &error);

  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 2, column 2"));
  g_clear_error (&error);

  rows = parse ("a,b\n1,2\n\"x\"y,2\n", &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 3, column 1"));
}

static void
test_csv_utf16 (void)
{
  static const char le[] = "\xff\xfe" "a\0,\0b\0\n\0";
  static const char be[] = "\xfe\xff" "\0a\0,\0b\0\n";
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = vastus_csv_parse (le, sizeof le - 1, &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
  g_clear_error (&error);

  rows = vastus_csv_parse (be, sizeof be - 1, &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING);
}

static void
test_csv_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  /* "Müller" in Windows-1252 on line 3. */
  g_autoptr(GPtrArray) rows = parse ("a,b\nx,y\nM\xfcller,z\n", &error);

  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
  g_clear_error (&error);

  /* A NUL byte is not text either, and is called what it is, where it is. */
  rows = vastus_csv_parse ("a,b\n1,\0\n", 8, &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 2, column 2: a NUL byte"));
  g_assert_null (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  rows = vastus_csv_parse ("a,b\n1,\"x\0y\"\n", 11, &error);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "line 2, column 2: a NUL byte"));
  g_clear_error (&error);

  /* The bad byte's own line, inside a quoted field over three lines. */
  rows = parse ("a,b\n1,\"x\ny\nM\xfcller\"\n", &error);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "line 4, column 2 is not valid UTF-8"));
}

/* The reader holds one record: reading a file in blocks of 64 KiB, a line break split between
 * two blocks is one line break, and a record that never ends is an error, not memory. */
static void
test_csv_reader_blocks (void)
{
  g_autoptr(GString) doc = g_string_new ("a,b\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(VastusCsvReader) reader = NULL;
  const VastusCsvRow *row;
  guint n = 0;

  /* Line 2 ends with \r at byte 65535 and \n at byte 65536, in the next block. */
  g_string_append (doc, "1,");
  while (doc->len < 65535)
    g_string_append_c (doc, 'x');
  g_string_append (doc, "\r\n3,4\r\n");
  g_assert_cmpuint (doc->str[65535], ==, '\r');
  stream = g_memory_input_stream_new_from_data (doc->str, (gssize) doc->len, NULL);
  reader = vastus_csv_reader_new (stream, NULL);
  while ((row = vastus_csv_reader_next (reader, &error)) != NULL)
    {
      n++;
      g_assert_cmpuint (row->line, ==, n);
      g_assert_cmpuint (row->n_fields, ==, 2);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  /* A quote opened on line 2 and never closed, in a file of 3 MiB. */
  g_string_assign (doc, "a,b\n1,\"");
  while (doc->len < 3 * 1024 * 1024)
    g_string_append (doc, "0123456789abcdef\n");
  g_clear_object (&stream);
  g_clear_pointer (&reader, vastus_csv_reader_free);
  stream = g_memory_input_stream_new_from_data (doc->str, (gssize) doc->len, NULL);
  reader = vastus_csv_reader_new (stream, NULL);
  g_assert_nonnull (vastus_csv_reader_next (reader, &error));
  g_assert_null (vastus_csv_reader_next (reader, &error));
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 2, column 2: the record is longer than 1 MiB"));
}

static void
test_csv_empty (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = vastus_csv_parse ("\xef\xbb\xbf", 3, &error);

  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_EMPTY);
  g_clear_error (&error);
  rows = vastus_csv_parse ("", 0, &error);
  g_assert_null (rows);
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_EMPTY);
}

static void
test_csv_write (void)
{
  static const struct { const char *in; const char *field; const char *text; } cases[] = {
    { "plain", "plain", "plain" },
    { "a,b", "\"a,b\"", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"" },
    { "two\r\nlines", "\"two\r\nlines\"", "\"two\r\nlines\"" },
    { "=HYPERLINK(\"x\")", "\"=HYPERLINK(\"\"x\"\")\"", "\"'=HYPERLINK(\"\"x\"\")\"" },
    { "+1", "+1", "'+1" },
    { "-5", "-5", "'-5" },
    { "@SUM(A1)", "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "\tx", "'\tx" },
    { "\rx", "\"\rx\"", "\"'\rx\"" },
    { "'quoted", "'quoted", "''quoted" },
    { "O'Brien", "O'Brien", "O'Brien" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) plain = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) doc = g_string_new ("h\r\n");
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      vastus_csv_append_field (plain, cases[i].in);
      vastus_csv_append_text (text, cases[i].in);
      g_assert_cmpstr (plain->str, ==, cases[i].field);
      g_assert_cmpstr (text->str, ==, cases[i].text);

      /* Reading the guarded text back and undoing the guard gives the original. */
      g_string_append (doc, text->str);
      g_string_append (doc, "\r\n");
      rows = vastus_csv_parse (doc->str, doc->len, &error);
      g_assert_no_error (error);
      if (*cases[i].in == '\0')
        g_assert_cmpuint (rows->len, ==, 1);  /* an empty line */
      else
        g_assert_cmpstr (vastus_csv_unneutralize (field (rows, 1, 0)->text), ==, cases[i].in);
    }
  g_assert_cmpstr (vastus_csv_unneutralize ("'x"), ==, "'x");
  g_assert_cmpstr (vastus_csv_unneutralize ("'=x"), ==, "=x");
  g_assert_cmpstr (vastus_csv_unneutralize ("''x"), ==, "'x");
}

static void
test_csv_number_to_stored (void)
{
  static const struct { const char *unit; const char *text; double stored; } cases[] = {
    { "lbf", "100", 444.82216152605 },      /* 100 × 4.4482216152605 */
    { "lbf", "1", 4.4482216152605 },
    { "kgf", "10", 98.0665 },               /* 10 × 9.80665 */
    { "kg", "2.5", 24.516625 },             /* 2.5 × 9.80665 */
    { "in", "1", 2.54 },
    { "in", "16", 40.64 },
    { "mm", "375", 37.5 },
    { "cm", "37.5", 37.5 },
    { "deg", "-5", -5 },
    { "N", "-0", 0 },
    { "lbf", "1e2", 444.82216152605 },
    { "lbf", "-.5", -2.22411080763025 },
  };
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s %s", cases[i].text, cases[i].unit);
      v = -1;
      g_assert_true (vastus_csv_number_to_stored (cases[i].unit, cases[i].text, &v));
      g_assert_cmpfloat (v, ==, cases[i].stored);
    }
  g_assert_false (vastus_csv_number_to_stored ("furlong", "1", &v));
  g_assert_false (vastus_csv_number_to_stored ("N", "37,5", &v));
  g_assert_false (vastus_csv_number_to_stored ("lbf", "1e308", &v));
  /* 2.3e-308 mm is 2.3e-309 cm, below DBL_MIN (2.2e-308): it would lose digits. */
  g_assert_false (vastus_csv_number_to_stored ("mm", "2.3e-308", &v));
  g_assert_false (vastus_csv_number_to_stored ("N", "1e-400", &v));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/simple", test_csv_simple);
  g_test_add_func ("/csv/bom-crlf", test_csv_bom_crlf);
  g_test_add_func ("/csv/quoted", test_csv_quoted);
  g_test_add_func ("/csv/no-final-newline", test_csv_no_final_newline);
  g_test_add_func ("/csv/empty-lines", test_csv_empty_lines);
  g_test_add_func ("/csv/field-count", test_csv_field_count);
  g_test_add_func ("/csv/unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/csv/stray-quotes", test_csv_stray_quotes);
  g_test_add_func ("/csv/utf16", test_csv_utf16);
  g_test_add_func ("/csv/invalid-utf8", test_csv_invalid_utf8);
  g_test_add_func ("/csv/empty", test_csv_empty);
  g_test_add_func ("/csv/reader-blocks", test_csv_reader_blocks);
  g_test_add_func ("/csv/write", test_csv_write);
  g_test_add_func ("/csv/number-to-stored", test_csv_number_to_stored);
  return g_test_run ();
}
