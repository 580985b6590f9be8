/* fuzz-values.c: libFuzzer target for the value parsers: numbers (strict and as typed), dates,
 * effusion grades, yes/no and unit codes; every accepted value must format and parse back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "vastus-units.h"
#include "vastus-value.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  char number_buf[VASTUS_NUMBER_BUF_SIZE];
  char date_buf[VASTUS_DATE_BUF_SIZE];
  double value, again, stored;
  VastusGrade grade;
  gboolean flag;
  GDate date;

  if (vastus_number_parse (text, &value, NULL))
    {
      g_assert_true (isfinite (value));
      g_assert_true (vastus_number_parse (vastus_number_format (value, number_buf), &again, NULL));
      g_assert_true (again == value);
    }
  if (vastus_number_parse_entry (text, &value, NULL))
    g_assert_true (isfinite (value));
  g_date_clear (&date, 1);
  if (vastus_date_parse (text, &date, NULL))
    {
      GDate back;

      g_assert_true (g_date_valid (&date));
      g_date_clear (&back, 1);
      g_assert_true (vastus_date_parse (vastus_date_format (&date, date_buf), &back, NULL));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
    }
  if (vastus_grade_parse (text, &grade, NULL))
    {
      VastusGrade back;

      g_assert_true (vastus_grade_parse (vastus_grade_to_string (grade), &back, NULL));
      g_assert_cmpint (back, ==, grade);
    }
  if (vastus_bool_parse (text, &flag, NULL))
    {
      gboolean back;

      g_assert_true (vastus_bool_parse (vastus_bool_to_string (flag), &back, NULL));
      g_assert_cmpint (back, ==, flag);
    }
  if (vastus_unit_lookup (text) != NULL)
    {
      vastus_unit_symbol (text);
      if (vastus_unit_number_to_stored (text, "12.5", &stored))
        vastus_unit_from_stored (text, stored, &again);
    }
  return 0;
}
