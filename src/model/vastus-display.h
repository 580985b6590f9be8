/* vastus-display.h: numbers and dates as people read and write them
 *
 * The one place for the conventions of what a person reads on screen, on the command line's human
 * output and in the PDF, and types into a field or a number option: the decimal mark, the
 * thousands mark and the date form of the current locale (LC_NUMERIC and LC_TIME), or of a language
 * pushed for the current thread (the report in another language). The C and POSIX locales keep the
 * point and ISO dates (2026-12-05); years always have four digits. Clinical values are never
 * grouped in thousands. Units keep their symbols (N, Nm, cm, °, %).
 *
 * Files, the database and machine output never use these: they use vastus_number_parse () and
 * vastus_number_format (), vastus_date_parse () and vastus_date_format () (vastus-value.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VASTUS_DISPLAY_NUMBER_SIZE 48
#define VASTUS_DISPLAY_DATE_SIZE   32

/* The conventions in effect on this thread. The marks are UTF-8 ("," "." or a narrow no-break
 * space); the thousands mark may be "". */
const char *vastus_display_decimal_mark   (void);
const char *vastus_display_thousands_mark (void);

/* From now on this thread shows and reads numbers and dates as @language writes them ("en": the
 * point and ISO dates; "de": 12,5 and 05.12.2026; "fr", "es": 12,5 and 05/12/2026; a region such
 * as "de_AT" or "fr_CA.UTF-8" counts as its language), until the matching vastus_display_pop ().
 * The language of the locale itself keeps the locale's conventions (de_CH's point). FALSE for a
 * language without conventions here: then nothing is pushed. */
gboolean    vastus_display_push_language  (const char *language);
void        vastus_display_pop            (void);
/* For a thread that works for this one and must write as it does: the conventions this thread
 * pushed last, or NULL when it pushed none (then it follows the locale, as every thread does by
 * itself). The other thread pushes the same with vastus_display_push_same () and pops them with
 * vastus_display_pop (). */
gconstpointer vastus_display_get_pushed   (void);
void        vastus_display_push_same      (gconstpointer pushed);

/* @value with @decimals decimals and the decimal mark, without thousands grouping; never "-0". */
const char *vastus_display_number         (double      value,
                                           int         decimals,
                                           char        buf[VASTUS_DISPLAY_NUMBER_SIZE]);
char       *vastus_display_number_dup     (double      value,
                                           int         decimals);
/* The shortest text that reads back to exactly @value (vastus_number_format ()), with the decimal
 * mark: for values a person typed (a threshold of 92.5 %, 12 weeks, 72.5 kg). */
const char *vastus_display_number_exact   (double      value,
                                           char        buf[VASTUS_DISPLAY_NUMBER_SIZE]);
char       *vastus_display_number_exact_dup (double    value);

/* @plain, a number in vastus_number_parse () syntax, with the decimal mark (for an entry). */
const char *vastus_display_number_text    (const char *plain,
                                           char        buf[VASTUS_DISPLAY_NUMBER_SIZE]);

/* @date in the date form ("" for an invalid date). */
const char *vastus_display_date           (const GDate *date,
                                           char         buf[VASTUS_DISPLAY_DATE_SIZE]);
char       *vastus_display_date_dup       (const GDate *date);
/* The date form as a pattern a field shows, in the letters of this thread's language: "YYYY-MM-DD"
 * (ISO), "DD.MM.YYYY" (German order, letters in English), "TT.MM.JJJJ" (the German letters). */
const char *vastus_display_date_pattern   (char         buf[VASTUS_DISPLAY_DATE_SIZE]);
typedef enum
{
  VASTUS_DISPLAY_DAY_MONTH_YEAR,   /* "6 Dec 2026" */
  VASTUS_DISPLAY_DAY_MONTH,        /* "6 Dec" (a chart's axis) */
  VASTUS_DISPLAY_MONTH_YEAR,       /* "Dec 2026" (a chart's axis) */
} VastusDisplayDateForm;

/* @date with the month's abbreviated name, in the language of this thread's messages (never the
 * process locale's: a German report under an English process reads "6. Dez. 2026"). "" for an
 * invalid date. */
const char *vastus_display_date_month     (const GDate          *date,
                                           VastusDisplayDateForm form,
                                           char                  buf[VASTUS_DISPLAY_DATE_SIZE]);

/* What a person typed, in the syntax of vastus_number_parse (): surrounding spaces removed, the
 * decimal mark (or a comma) made a point. "1.234,5" stays as it is (not a number). NULL and
 * VASTUS_PARSE_ERROR_AMBIGUOUS when the only mark is the locale's thousands mark in the place of a
 * thousands group ("1.234" in German: 1,234 or 1234?): the caller asks, never guesses. The
 * message names the text and both readings; callers put the field's name in front. */
char       *vastus_display_number_normalize (const char *text,
                                             GError    **error);
/* A number a person typed: the decimal mark or the point (vastus_display_number_normalize ()). */
gboolean    vastus_display_parse_number   (const char *text,
                                           double     *out,
                                           GError    **error);
/* A date a person typed: the date form (one or two digits for day and month, four for the year)
 * or ISO 8601, surrounding spaces removed. */
gboolean    vastus_display_parse_date     (const char *text,
                                           GDate      *out,
                                           GError    **error);

G_END_DECLS
