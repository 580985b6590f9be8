/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Family and given names: the one rule that splits a name written in one field, how a name is
 * shown, and how storage keeps the whole name in step.
 */
#include <locale.h>

#include "vastus-name.h"

static void
test_split (void)
{
  static const struct
  {
    const char *written;
    const char *family, *given, *guess;
  } cases[] = {
    /* "Family, Given" at the first comma: certain */
    { "Berg, Jonas", "Berg", "Jonas", NULL },
    { "García López, Ana María", "García López", "Ana María", NULL },
    { "  Lee ,Min-jun  ", "Lee", "Min-jun", NULL },
    { "Smith, John, Jr.", "Smith", "John, Jr.", NULL },
    { "Berg,", "Berg", NULL, NULL },
    /* two words: "Given Family" */
    { "Margaret Okafor", "Okafor", "Margaret", NULL },
    { "Jonas   Berg", "Berg", "Jonas", NULL },
    { "Zoë Ærøskøbing-Núñez", "Ærøskøbing-Núñez", "Zoë", NULL },
    /* a guess: where the family name starts is not known, or there are no given names */
    { "Sofia van Dijk", "Dijk", "Sofia van", "several_words" },
    { "Anna Maria Rossi", "Rossi", "Anna Maria", "several_words" },
    { "Cher", "Cher", NULL, "one_word" },
    { ", Anna Maria", "Maria", "Anna", "several_words" },
    /* no name */
    { "  ,  ", NULL, NULL, "empty" },
    { "", NULL, NULL, "empty" },
    { NULL, NULL, NULL, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      const char *guess = vastus_name_split (cases[i].written, &family, &given);

      g_test_message ("“%s”", cases[i].written);
      g_assert_cmpstr (family, ==, cases[i].family);
      g_assert_cmpstr (given, ==, cases[i].given);
      g_assert_cmpstr (guess, ==, cases[i].guess);
      if (guess != NULL)
        g_assert_nonnull (vastus_name_guess_label (guess));
    }
}

static void
test_format (void)
{
  static const struct
  {
    const char *family, *given;
    const char *given_family, *family_given;
  } cases[] = {
    { "Berg", "Jonas", "Jonas Berg", "BERG, Jonas" },
    { "van Dijk", "Sofia", "Sofia van Dijk", "VAN DIJK, Sofia" },
    { "Müller", "Ünal", "Ünal Müller", "MÜLLER, Ünal" },
    { "Cher", NULL, "Cher", "CHER" },
    { "Cher", "", "Cher", "CHER" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = vastus_name_format (cases[i].family, cases[i].given, VASTUS_NAME_ORDER_GIVEN_FAMILY);
      g_autofree char *b = vastus_name_format (cases[i].family, cases[i].given, VASTUS_NAME_ORDER_FAMILY_GIVEN);

      g_assert_cmpstr (a, ==, cases[i].given_family);
      g_assert_cmpstr (b, ==, cases[i].family_given);
    }
}

static void
test_settle (void)
{
  static const struct
  {
    const char *name, *family, *given, *stored;  /* the patient as a caller hands it over */
    const char *out_family, *out_given, *out_name, *guess;
  } cases[] = {
    /* a new patient with only a whole name: split, and a guess said */
    { "Berg, Jonas", NULL, NULL, NULL, "Berg", "Jonas", "Jonas Berg", NULL },
    { "Sofia van Dijk", NULL, NULL, NULL, "Dijk", "Sofia van", "Sofia van Dijk", "several_words" },
    /* family and given names win; the whole name follows them */
    { NULL, "van Dijk", "Sofia", NULL, "van Dijk", "Sofia", "Sofia van Dijk", NULL },
    { "stale", "Okafor", "Margaret", "stale", "Okafor", "Margaret", "Margaret Okafor", NULL },
    { NULL, "Cher", "", NULL, "Cher", NULL, "Cher", NULL },
    /* an older caller changed only the whole name: split again */
    { "After Name", "Before", "Name", "Before Name", "Name", "After", "After Name", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusPatient) p = vastus_patient_new ();
      const char *guess;

      p->name = g_strdup (cases[i].name);
      p->family_name = g_strdup (cases[i].family);
      p->given_name = g_strdup (cases[i].given);
      guess = vastus_patient_settle_names (p, cases[i].stored);
      g_test_message ("case %u", i);
      g_assert_cmpstr (p->family_name, ==, cases[i].out_family);
      g_assert_cmpstr (p->given_name, ==, cases[i].out_given);
      g_assert_cmpstr (p->name, ==, cases[i].out_name);
      g_assert_cmpstr (guess, ==, cases[i].guess);
    }
}

static void
test_order_strings (void)
{
  VastusNameOrder order;

  g_assert_true (vastus_name_order_from_string ("family-given", &order));
  g_assert_cmpint (order, ==, VASTUS_NAME_ORDER_FAMILY_GIVEN);
  g_assert_cmpstr (vastus_name_order_to_string (order), ==, "family-given");
  g_assert_true (vastus_name_order_from_string ("given-family", &order));
  g_assert_cmpint (order, ==, VASTUS_NAME_ORDER_GIVEN_FAMILY);
  g_assert_false (vastus_name_order_from_string ("last-first", &order));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/name/split", test_split);
  g_test_add_func ("/model/name/format", test_format);
  g_test_add_func ("/model/name/settle", test_settle);
  g_test_add_func ("/model/name/order", test_order_strings);
  return g_test_run ();
}
