/* vastus-value.h: locale-independent numbers, grades and yes/no, as files and the database hold them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Effusion grades of the modified stroke test (Sturgill 2009), ordered. */
typedef enum
{
  VASTUS_GRADE_ZERO,
  VASTUS_GRADE_TRACE,
  VASTUS_GRADE_1PLUS,
  VASTUS_GRADE_2PLUS,
  VASTUS_GRADE_3PLUS,
} VastusGrade;

#define VASTUS_NUMBER_BUF_SIZE 32

/* Strict: an optional sign, digits, an optional '.' and digits, an optional exponent; nothing
 * else (no spaces, no hex, no inf/nan, no ','). */
gboolean    vastus_number_parse        (const char *text,
                                        double     *out,
                                        GError    **error);
/* What a person typed in vastus_number_parse () syntax: surrounding spaces removed, a single ','
 * as the decimal mark made '.'. Free it. */
char       *vastus_number_entry_normalize (const char *text);
/* For what a person types: accepts ',' or '.' as the decimal mark, surrounding spaces. */
gboolean    vastus_number_parse_entry  (const char *text,
                                        double     *out,
                                        GError    **error);
/* The shortest text that parses back to exactly @value, '.' as decimal mark. */
const char *vastus_number_format       (double      value,
                                        char        buf[VASTUS_NUMBER_BUF_SIZE]);

gboolean    vastus_grade_parse         (const char  *text,
                                        VastusGrade *out,
                                        GError     **error);
const char *vastus_grade_to_string     (VastusGrade  grade);
/* The grade as a person reads it ("trace" in their language); files keep vastus_grade_to_string. */
const char *vastus_grade_display       (VastusGrade  grade);

gboolean    vastus_bool_parse          (const char *text,
                                        gboolean   *out,
                                        GError    **error);
const char *vastus_bool_to_string      (gboolean    value);

/* Dates are ISO 8601 calendar dates, YYYY-MM-DD, in the local calendar. */
#define VASTUS_DATE_BUF_SIZE 11
gboolean    vastus_date_parse          (const char *text,
                                        GDate      *out,
                                        GError    **error);
const char *vastus_date_format         (const GDate *date,
                                        char         buf[VASTUS_DATE_BUF_SIZE]);
/* Today in the local calendar. VASTUS_TODAY=YYYY-MM-DD in the environment fixes it (tests). */
void        vastus_date_today          (GDate      *out);
/* (to − from) in weeks, fractional. */
double      vastus_date_weeks_between  (const GDate *from,
                                        const GDate *to);
/* Whole years of age on @on. */
int         vastus_date_age_years      (const GDate *birth,
                                        const GDate *on);

G_END_DECLS
