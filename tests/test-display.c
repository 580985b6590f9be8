/* Numbers and dates as people read and type them: the locale's conventions, the per-thread
 * language, and what stays the same for files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "vastus-display.h"
#include "vastus-i18n.h"
#include "vastus-model-error.h"
#include "vastus-value.h"

/* Sets @name for LC_ALL; a missing locale fails the test (build-aux/dev generates them). */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;
  g_test_fail_printf ("the %s locale is missing (build-aux/dev generates it)", name);
  return FALSE;
}

static GDate *
dmy (int d, int m, int y)
{
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
test_c_locale (void)
{
  char buf[VASTUS_DISPLAY_NUMBER_SIZE], date_buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autoptr(GError) error = NULL;
  GDate *date = dmy (5, 12, 2026);
  GDate parsed;
  double v;

  if (!use_locale ("C"))
    return;
  g_assert_cmpstr (vastus_display_decimal_mark (), ==, ".");
  g_assert_cmpstr (vastus_display_number (92.94, 1, buf), ==, "92.9");
  /* The C locale's D_FMT is %m/%d/%y: Vastus keeps ISO there. */
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "2026-12-05");
  /* Both marks are read; no thousands mark in C, so "1.234" is one point two three four. */
  g_assert_true (vastus_display_parse_number ("12,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 12.5);
  g_assert_true (vastus_display_parse_number (" 1.234 ", &v, NULL));
  g_assert_cmpfloat (v, ==, 1.234);
  g_assert_false (vastus_display_parse_number ("1.234,5", &v, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER);
  g_clear_error (&error);
  g_assert_true (vastus_display_parse_date ("2026-12-01", &parsed, NULL));
  g_assert_cmpint (g_date_get_day (&parsed), ==, 1);
  g_assert_false (vastus_display_parse_date ("01.12.2026", &parsed, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "“01.12.2026” is not a date (use YYYY-MM-DD)");
  g_date_free (date);
}

static void
test_german (void)
{
  char buf[VASTUS_DISPLAY_NUMBER_SIZE], date_buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autoptr(GError) error = NULL;
  GDate *date = dmy (5, 12, 2026);
  GDate parsed;
  double v = -1;

  if (!use_locale ("de_DE.UTF-8"))
    return;
  g_assert_cmpstr (vastus_display_decimal_mark (), ==, ",");
  g_assert_cmpstr (vastus_display_thousands_mark (), ==, ".");
  /* 92.94 to one decimal is 92.9; 1234.5 is not grouped (a clinical value). */
  g_assert_cmpstr (vastus_display_number (92.94, 1, buf), ==, "92,9");
  g_assert_cmpstr (vastus_display_number (1234.5, 1, buf), ==, "1234,5");
  g_assert_cmpstr (vastus_display_number (12, 0, buf), ==, "12");
  g_assert_cmpstr (vastus_display_number (-0.04, 1, buf), ==, "0,0");
  g_assert_cmpstr (vastus_display_number (-3.25, 1, buf), ==, "-3,2");  /* -3.25 is exact: ties to even */
  g_assert_cmpstr (vastus_display_number_exact (72.5, buf), ==, "72,5");
  g_assert_cmpstr (vastus_display_number_exact (12, buf), ==, "12");
  /* glibc's de_DE D_FMT is %d.%m.%Y. */
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "05.12.2026");

  g_assert_true (vastus_display_parse_number ("12,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 12.5);
  g_assert_true (vastus_display_parse_number ("12.5", &v, NULL));  /* the point keeps working */
  g_assert_cmpfloat (v, ==, 12.5);
  g_assert_true (vastus_display_parse_number ("0.123", &v, NULL));  /* 0.123 groups nothing */
  g_assert_cmpfloat (v, ==, 0.123);
  g_assert_true (vastus_display_parse_number ("1.2345", &v, NULL));  /* four decimals: no group */
  g_assert_cmpfloat (v, ==, 1.2345);
  g_assert_true (vastus_display_parse_number ("1,234", &v, NULL));  /* the decimal mark itself */
  g_assert_cmpfloat (v, ==, 1.234);
  /* "1.234": a German reader means 1234, a point-decimal one 1,234: neither is guessed. */
  v = -1;
  g_assert_false (vastus_display_parse_number ("1.234", &v, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==, "“1.234” could mean 1,234 or 1234: type the one you mean");
  g_assert_cmpfloat (v, ==, -1);
  g_clear_error (&error);
  g_assert_false (vastus_display_parse_number ("-12.500", &v, &error));
  g_assert_cmpstr (error->message, ==, "“-12.500” could mean -12,5 or -12500: type the one you mean");
  g_clear_error (&error);
  g_assert_false (vastus_display_parse_number ("1.234,5", &v, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER);
  g_clear_error (&error);

  g_assert_true (vastus_display_parse_date ("01.12.2026", &parsed, NULL));
  g_assert_cmpint (g_date_get_day (&parsed), ==, 1);
  g_assert_cmpint (g_date_get_month (&parsed), ==, 12);
  g_assert_cmpint (g_date_get_year (&parsed), ==, 2026);
  g_assert_true (vastus_display_parse_date ("1.2.2026", &parsed, NULL));
  g_assert_cmpint (g_date_get_month (&parsed), ==, 2);
  g_assert_true (vastus_display_parse_date ("2026-12-01", &parsed, NULL));  /* ISO always */
  g_assert_false (vastus_display_parse_date ("31.02.2026", &parsed, &error));
  g_assert_cmpstr (error->message, ==, "“31.02.2026” is not a date (write it as 31.12.2026 or 2026-12-31)");
  g_clear_error (&error);
  g_assert_false (vastus_display_parse_date ("01.12.26", &parsed, &error));
  g_assert_cmpstr (error->message, ==,
                   "“01.12.26” has a two-digit year: write the year with four digits, as in 31.12.2026");
  g_clear_error (&error);
  g_assert_false (vastus_display_parse_date ("12/01/2026", &parsed, NULL));

  /* Files never change: the point and ISO. */
  {
    char file_number[VASTUS_NUMBER_BUF_SIZE], file_date[VASTUS_DATE_BUF_SIZE];

    g_assert_cmpstr (vastus_number_format (12.5, file_number), ==, "12.5");
    g_assert_cmpstr (vastus_date_format (date, file_date), ==, "2026-12-05");
    g_assert_false (vastus_number_parse ("12,5", &v, NULL));
  }
  g_date_free (date);
  setlocale (LC_ALL, "C");
}

static void
test_french_spanish (void)
{
  char buf[VASTUS_DISPLAY_NUMBER_SIZE], date_buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autoptr(GError) error = NULL;
  GDate *date = dmy (5, 12, 2026);
  GDate parsed;
  double v;

  if (!use_locale ("fr_FR.UTF-8"))
    return;
  g_assert_cmpstr (vastus_display_number (12.5, 1, buf), ==, "12,5");
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "05/12/2026");
  /* French groups with a narrow no-break space: "1.234" is not ambiguous there. */
  g_assert_true (vastus_display_parse_number ("1.234", &v, NULL));
  g_assert_cmpfloat (v, ==, 1.234);
  g_assert_true (vastus_display_parse_date ("05/12/2026", &parsed, NULL));
  g_assert_cmpint (g_date_get_month (&parsed), ==, 12);

  if (!use_locale ("es_ES.UTF-8"))
    return;
  /* glibc's es_ES D_FMT is %d/%m/%y: the year still has four digits. */
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "05/12/2026");
  g_assert_cmpstr (vastus_display_number (92.94, 1, buf), ==, "92,9");
  g_assert_false (vastus_display_parse_number ("1.234", &v, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS);
  g_assert_true (vastus_display_parse_date ("5/12/2026", &parsed, NULL));
  g_assert_cmpint (g_date_get_day (&parsed), ==, 5);
  g_date_free (date);
  setlocale (LC_ALL, "C");
}

typedef struct
{
  const char *language;
  char        number[VASTUS_DISPLAY_NUMBER_SIZE];
  char        date[VASTUS_DISPLAY_DATE_SIZE];
} ThreadResult;

static gpointer
format_in_language (gpointer data)
{
  ThreadResult *r = data;
  GDate *date = dmy (5, 12, 2026);

  g_assert_true (vastus_display_push_language (r->language));
  vastus_display_number (12.5, 1, r->number);
  vastus_display_date (date, r->date);
  vastus_display_pop ();
  g_date_free (date);
  return NULL;
}

/* A language pushed on one thread changes that thread only; popped, the locale is back. */
static void
test_language_override (void)
{
  ThreadResult en = { "en" }, fr = { "fr_FR.UTF-8" };
  char buf[VASTUS_DISPLAY_NUMBER_SIZE], date_buf[VASTUS_DISPLAY_DATE_SIZE];
  GDate *date = dmy (5, 12, 2026);
  GThread *thread;
  double v;

  if (!use_locale ("de_DE.UTF-8"))
    return;
  thread = g_thread_new ("en", format_in_language, &en);
  g_thread_join (thread);
  g_assert_cmpstr (en.number, ==, "12.5");
  g_assert_cmpstr (en.date, ==, "2026-12-05");
  thread = g_thread_new ("fr", format_in_language, &fr);
  g_thread_join (thread);
  g_assert_cmpstr (fr.number, ==, "12,5");
  g_assert_cmpstr (fr.date, ==, "05/12/2026");
  /* This thread stayed German. */
  g_assert_cmpstr (vastus_display_number (12.5, 1, buf), ==, "12,5");

  /* Nested pushes on one thread, and an unknown language pushes nothing. */
  g_assert_true (vastus_display_push_language ("en"));
  g_assert_true (vastus_display_push_language ("de"));
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "05.12.2026");
  g_assert_false (vastus_display_push_language ("xx"));
  vastus_display_pop ();
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "2026-12-05");
  g_assert_cmpstr (vastus_display_number (12.5, 1, buf), ==, "12.5");
  /* English reads "1,234" as the German locale reads "1.234": ambiguous. */
  g_assert_false (vastus_display_parse_number ("1,234", &v, NULL));
  vastus_display_pop ();
  g_assert_cmpstr (vastus_display_date (date, date_buf), ==, "05.12.2026");
  g_date_free (date);
  setlocale (LC_ALL, "C");
}

/* The pattern a date field shows follows the locale's order and separators (never a form written
 * per language), in the letters of the messages' language. Expected by hand from each locale's
 * D_FMT: C keeps ISO; de_DE %d.%m.%Y; fr_FR and es_ES %d/%m/%Y; German letters T(ag), M(onat),
 * J(ahr). */
static void
test_date_pattern (void)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autoptr(GError) error = NULL;

  if (!use_locale ("C"))
    return;
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "YYYY-MM-DD");
  if (!use_locale ("de_DE.UTF-8"))
    return;
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "DD.MM.YYYY");
  g_assert_true (vastus_i18n_push_language ("de", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "TT.MM.JJJJ");
  vastus_i18n_pop_language ();
  if (!use_locale ("fr_FR.UTF-8"))
    return;
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "DD/MM/YYYY");
  if (!use_locale ("es_ES.UTF-8"))
    return;
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "DD/MM/YYYY");
  /* A report's language on its thread: English keeps ISO under a Spanish locale. */
  g_assert_true (vastus_display_push_language ("en"));
  g_assert_cmpstr (vastus_display_date_pattern (buf), ==, "YYYY-MM-DD");
  vastus_display_pop ();
  setlocale (LC_ALL, "C");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/display/c-locale", test_c_locale);
  g_test_add_func ("/display/german", test_german);
  g_test_add_func ("/display/french-spanish", test_french_spanish);
  g_test_add_func ("/display/language-override", test_language_override);
  g_test_add_func ("/display/date-pattern", test_date_pattern);
  return g_test_run ();
}
