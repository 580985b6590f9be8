/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-model-error.h"
#include "vastus-value.h"

static void
test_number_parse (void)
{
  static const struct { const char *text; gboolean ok; double value; } cases[] = {
    { "37.5", TRUE, 37.5 }, { "-5", TRUE, -5 }, { "+2", TRUE, 2 }, { "0", TRUE, 0 },
    { ".5", TRUE, 0.5 }, { "5.", TRUE, 5 }, { "1e3", TRUE, 1000 }, { "2.5E-1", TRUE, 0.25 },
    { "", FALSE, 0 }, { "37,5", FALSE, 0 }, { " 37.5", FALSE, 0 }, { "37.5 ", FALSE, 0 },
    { "0x10", FALSE, 0 }, { "inf", FALSE, 0 }, { "nan", FALSE, 0 }, { "1e", FALSE, 0 },
    { "1.2.3", FALSE, 0 }, { "-", FALSE, 0 }, { ".", FALSE, 0 }, { "1e999", FALSE, 0 },
    { "12abc", FALSE, 0 },
    /* Nothing is stored as another number: 1e-400 underflows to 0 and 1e-310 keeps 3 of its
     * digits (a subnormal double); zeros written as such are fine. */
    { "1e-400", FALSE, 0 }, { "-1e-400", FALSE, 0 }, { "1e-310", FALSE, 0 },
    { "0.000e-400", TRUE, 0 }, { "-0", TRUE, 0 }, { "2.2250738585072014e-308", TRUE, 2.2250738585072014e-308 },
    { "1e308", TRUE, 1e308 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double v = -1;
      gboolean ok = vastus_number_parse (cases[i].text, &v, &error);

      g_test_message ("parse “%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpfloat (v, ==, cases[i].value);
        }
      else
        g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER);
    }
}

/* The messages say why, and quote the text cut to a few dozen characters. */
static void
test_number_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  double v;

  g_assert_false (vastus_number_parse ("1e-400", &v, &error));
  g_assert_nonnull (strstr (error->message, "too small"));
  g_assert_nonnull (strstr (error->message, "“1e-400”"));
  g_clear_error (&error);
  g_assert_false (vastus_number_parse ("1e999", &v, &error));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  /* 10,000 characters of input: the message quotes the first 40 and "…". */
  for (int i = 0; i < 1000; i++)
    g_string_append (long_text, "0123456789");
  g_string_append_c (long_text, 'x');
  g_assert_false (vastus_number_parse (long_text->str, &v, &error));
  g_assert_nonnull (strstr (error->message, "“0123456789012345678901234567890123456789…”"));
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);
  g_assert_false (vastus_date_parse (long_text->str, &(GDate) { 0 }, &error));
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  /* A control character in the text is shown, never passed on. */
  g_assert_false (vastus_number_parse ("1\x1b]0;x\x07", &v, &error));
  g_assert_null (strchr (error->message, 0x1b));
  g_assert_nonnull (strstr (error->message, "“1\\u001B]0;x\\u0007”"));
  g_clear_error (&error);
  g_assert_false (vastus_number_parse_entry ("1e-400", &v, &error));
  g_assert_nonnull (strstr (error->message, "too small"));
}

static void
test_number_parse_entry (void)
{
  double v;

  g_assert_true (vastus_number_parse_entry ("37,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 37.5);
  g_assert_true (vastus_number_parse_entry (" 37.5 ", &v, NULL));
  g_assert_cmpfloat (v, ==, 37.5);
  g_assert_false (vastus_number_parse_entry ("1.234,5", &v, NULL));
  g_assert_false (vastus_number_parse_entry ("1,2,3", &v, NULL));
  g_assert_false (vastus_number_parse_entry ("abc", &v, NULL));
}

static void
test_number_format (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 37.5, "37.5" }, { 0.1, "0.1" }, { -5, "-5" }, { 0, "0" }, { -0.0, "0" },
    { 1500, "1500" }, { 444.82216152605, "444.82216152605" }, { 1e-7, "1e-07" },
    { 123456.75, "123456.75" },
    /* fuzz-values: too many digits for 17 decimals; once came back as 9.99374444444e-06. */
    { 9.9937444444444445e-06, "9.993744444444445e-06" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[VASTUS_NUMBER_BUF_SIZE];
      double back;

      g_assert_cmpstr (vastus_number_format (cases[i].value, buf), ==, cases[i].text);
      g_assert_true (vastus_number_parse (buf, &back, NULL));
      g_assert_cmpfloat (back, ==, cases[i].value);
    }
}

/* Under a comma-decimal locale, files still read and write '.' */
static void
test_number_locale (void)
{
  char buf[VASTUS_NUMBER_BUF_SIZE];
  double v;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_fail_printf ("the de_DE.UTF-8 locale is missing (build-aux/dev generates it)");
      return;
    }
  g_assert_true (vastus_number_parse ("37.5", &v, NULL));
  g_assert_cmpfloat (v, ==, 37.5);
  g_assert_cmpstr (vastus_number_format (37.5, buf), ==, "37.5");
  g_assert_true (vastus_number_parse_entry ("37,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 37.5);
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_grades (void)
{
  const char *names[] = { "0", "trace", "1+", "2+", "3+" };
  VastusGrade g;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (vastus_grade_parse (names[i], &g, NULL));
      g_assert_cmpint (g, ==, i);
      g_assert_cmpstr (vastus_grade_to_string (g), ==, names[i]);
    }
  /* Ordered: trace or less */
  g_assert_cmpint (VASTUS_GRADE_TRACE, <, VASTUS_GRADE_1PLUS);
  g_assert_false (vastus_grade_parse ("1", &g, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_GRADE);
  g_assert_false (vastus_grade_parse ("T", &g, NULL));
  g_assert_false (vastus_grade_parse (NULL, &g, NULL));
}

static void
test_bool (void)
{
  gboolean b;

  g_assert_true (vastus_bool_parse ("yes", &b, NULL) && b);
  g_assert_true (vastus_bool_parse ("no", &b, NULL) && !b);
  g_assert_false (vastus_bool_parse ("true", &b, NULL));
  g_assert_false (vastus_bool_parse ("", &b, NULL));
}

static void
test_dates (void)
{
  GDate d, e;
  char buf[VASTUS_DATE_BUF_SIZE];
  const char *bad[] = { "2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "2024/01/01",
                        "2024-1-01", "2024-01-01 ", "", "abcd-ef-gh", "0000-01-01" };

  g_assert_true (vastus_date_parse ("2024-02-29", &d, NULL));
  g_assert_cmpstr (vastus_date_format (&d, buf), ==, "2024-02-29");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (vastus_date_parse (bad[i], &d, &error));
      g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE);
    }
  vastus_date_parse ("2024-01-01", &d, NULL);
  vastus_date_parse ("2024-07-01", &e, NULL);
  g_assert_cmpfloat_with_epsilon (vastus_date_weeks_between (&d, &e), 182 / 7.0, 1e-12);
  vastus_date_parse ("2000-07-02", &d, NULL);
  g_assert_cmpint (vastus_date_age_years (&d, &e), ==, 23);
  vastus_date_parse ("2000-07-01", &d, NULL);
  g_assert_cmpint (vastus_date_age_years (&d, &e), ==, 24);
}

static void
test_today_override (void)
{
  GDate d;
  char buf[VASTUS_DATE_BUF_SIZE];

  g_setenv ("VASTUS_TODAY", "2025-03-04", TRUE);
  vastus_date_today (&d);
  g_assert_cmpstr (vastus_date_format (&d, buf), ==, "2025-03-04");
  g_unsetenv ("VASTUS_TODAY");
  vastus_date_today (&d);
  g_assert_true (g_date_valid (&d));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/value/number-parse", test_number_parse);
  g_test_add_func ("/model/value/number-parse-entry", test_number_parse_entry);
  g_test_add_func ("/model/value/number-parse-messages", test_number_parse_messages);
  g_test_add_func ("/model/value/number-format", test_number_format);
  g_test_add_func ("/model/value/number-locale", test_number_locale);
  g_test_add_func ("/model/value/grades", test_grades);
  g_test_add_func ("/model/value/bool", test_bool);
  g_test_add_func ("/model/value/dates", test_dates);
  g_test_add_func ("/model/value/today-override", test_today_override);
  return g_test_run ();
}
