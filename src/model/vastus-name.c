/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-name"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-name.h"

const char *
vastus_name_order_to_string (VastusNameOrder order)
{
  return order == VASTUS_NAME_ORDER_FAMILY_GIVEN ? "family-given" : "given-family";
}

gboolean
vastus_name_order_from_string (const char      *text,
                               VastusNameOrder *out)
{
  if (g_strcmp0 (text, "given-family") == 0)
    *out = VASTUS_NAME_ORDER_GIVEN_FAMILY;
  else if (g_strcmp0 (text, "family-given") == 0)
    *out = VASTUS_NAME_ORDER_FAMILY_GIVEN;
  else
    return FALSE;
  return TRUE;
}

/* The words of @text (split at any white space), none empty. */
static GPtrArray *
words_of (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
    }
  return words;
}

/* Words @from … @to − 1 joined by single spaces; NULL when there are none. */
static char *
join_words (GPtrArray *words,
            guint      from,
            guint      to)
{
  GString *out;

  if (from >= to)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

char *
vastus_name_tidy (const char *text)
{
  g_autoptr(GPtrArray) words = words_of (text);

  return join_words (words, 0, words->len);
}

const char *
vastus_name_split (const char  *name,
                   char       **family,
                   char       **given)
{
  const char *comma = name != NULL ? strchr (name, ',') : NULL;
  g_autoptr(GPtrArray) words = NULL;

  *family = NULL;
  *given = NULL;
  if (comma != NULL)
    {
      g_autofree char *before = g_strndup (name, (gsize) (comma - name));
      g_autoptr(GPtrArray) family_words = words_of (before);
      g_autoptr(GPtrArray) given_words = words_of (comma + 1);

      /* "Family, Given": certain. ", Given" has no family name: split the rest by words. */
      if (family_words->len > 0)
        {
          *family = join_words (family_words, 0, family_words->len);
          *given = join_words (given_words, 0, given_words->len);
          return NULL;
        }
      name = comma + 1;
    }

  words = words_of (name);
  if (words->len == 0)
    return "empty";
  *family = g_strdup (g_ptr_array_index (words, words->len - 1));
  *given = join_words (words, 0, words->len - 1);
  if (words->len == 1)
    return "one_word";
  return words->len == 2 && comma == NULL ? NULL : "several_words";
}

const char *
vastus_name_guess_label (const char *code)
{
  if (g_strcmp0 (code, "one_word") == 0)
    return _("One word: taken as the family name, with no given names.");
  if (g_strcmp0 (code, "several_words") == 0)
    return _("Several words: the last was taken as the family name, the others as given names.");
  if (g_strcmp0 (code, "empty") == 0)
    /* Translators: a remark on a patient's name that was left empty */
    return _("No name.");
  return NULL;
}

char *
vastus_name_format (const char      *family,
                    const char      *given,
                    VastusNameOrder  order)
{
  gboolean has_given = given != NULL && *given != '\0';

  if (family == NULL || *family == '\0')
    return g_strdup (has_given ? given : "");
  if (order == VASTUS_NAME_ORDER_FAMILY_GIVEN)
    {
      g_autofree char *upper = g_utf8_strup (family, -1);

      /* Translators: a name as "FAMILY, Given"; change the order or the comma if your
       * language writes it otherwise */
      return has_given ? g_strdup_printf (C_("name", "%s, %s"), upper, given) : g_steal_pointer (&upper);
    }
  /* Translators: a name as "Given Family" */
  return has_given ? g_strdup_printf (C_("name", "%s %s"), given, family) : g_strdup (family);
}

char *
vastus_patient_format_name (const VastusPatient *patient,
                            VastusNameOrder      order)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  g_return_val_if_fail (patient != NULL, NULL);

  if (patient->family_name != NULL && *patient->family_name != '\0')
    return vastus_name_format (patient->family_name, patient->given_name, order);
  vastus_name_split (patient->name, &family, &given);
  return vastus_name_format (family, given, order);
}

const char *
vastus_patient_settle_names (VastusPatient *patient,
                             const char    *stored_name)
{
  const char *guess = NULL;
  gboolean name_changed = stored_name != NULL && patient->name != NULL &&
                          g_strcmp0 (patient->name, stored_name) != 0;

  g_return_val_if_fail (patient != NULL, NULL);

  if (patient->family_name == NULL || *patient->family_name == '\0' || name_changed)
    {
      g_clear_pointer (&patient->family_name, g_free);
      g_clear_pointer (&patient->given_name, g_free);
      guess = vastus_name_split (patient->name, &patient->family_name, &patient->given_name);
      if (patient->family_name == NULL)
        return guess;   /* nothing to settle: validation refuses an empty name */
    }
  else if (patient->given_name != NULL && *patient->given_name == '\0')
    g_clear_pointer (&patient->given_name, g_free);
  g_free (patient->name);
  /* The stored whole name is always "Given Family", in no language's form: it is data. */
  patient->name = patient->given_name != NULL
                  ? g_strconcat (patient->given_name, " ", patient->family_name, NULL)
                  : g_strdup (patient->family_name);
  return guess;
}
