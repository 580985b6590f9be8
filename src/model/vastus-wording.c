/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-wording"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-wording.h"

#define MAX_QUESTION 2000

static void
item_wording_free (VastusItemWording *w)
{
  g_free (w->item);
  g_free (w->question);
  g_strfreev (w->answers);
  g_free (w);
}

VastusWording *
vastus_wording_new (const char *instrument)
{
  VastusWording *self = g_new0 (VastusWording, 1);

  self->instrument = g_strdup (instrument);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_wording_free);
  return self;
}

void
vastus_wording_free (VastusWording *self)
{
  if (self == NULL)
    return;
  g_free (self->instrument);
  g_ptr_array_unref (self->items);
  g_free (self);
}

void
vastus_wording_add (VastusWording      *self,
                    const char         *item,
                    const char         *question,
                    const char * const *answers)
{
  VastusItemWording *w = g_new0 (VastusItemWording, 1);

  w->item = g_strdup (item);
  w->question = g_strdup (question);
  w->answers = answers != NULL ? g_strdupv ((char **) answers) : g_new0 (char *, 1);
  g_ptr_array_add (self->items, w);
}

const VastusItemWording *
vastus_wording_find (const VastusWording *self,
                     const char          *item)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const VastusItemWording *w = g_ptr_array_index (self->items, i);

      if (g_str_equal (w->item, item))
        return w;
    }
  return NULL;
}

static gboolean
fail (GError    **error,
      guint       line,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "line 12: KOOS has no item “P10”." */
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, _("line %u: %s"), line, message);
  return FALSE;
}

static gboolean
complete (const VastusWording *wording,
          guint                line,
          GError             **error)
{
  const VastusInstrument *instrument;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n = 0;

  if (wording == NULL)
    return TRUE;
  instrument = vastus_instrument_lookup (wording->instrument);
  for (guint i = 0; i < instrument->items->len; i++)
    {
      const VastusItem *item = g_ptr_array_index (instrument->items, i);

      if (vastus_wording_find (wording, item->id) == NULL)
        {
          g_string_append_printf (missing, "%s%s", n > 0 ? ", " : "", item->id);
          n++;
        }
    }
  if (n == 0)
    return TRUE;
  return fail (error, line,
               /* Translators: "KOOS: no wording for S6, S7 (every item needs its line)." */
               _("%s: no wording for %s (every item needs its line)."), instrument->name, missing->str);
}

static gboolean
valid_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The wording of one line "ITEM<TAB>QUESTION[<TAB>ANSWER…]" into @wording. */
static gboolean
parse_item_line (VastusWording *wording,
                 const char    *text,
                 guint          line,
                 GError       **error)
{
  const VastusInstrument *instrument = vastus_instrument_lookup (wording->instrument);
  g_auto(GStrv) fields = g_strsplit (text, "\t", -1);
  guint n_fields = g_strv_length (fields);
  const VastusItem *item;
  guint n_answers;

  for (guint i = 0; i < n_fields; i++)
    g_strstrip (fields[i]);
  item = vastus_instrument_find_item (instrument, fields[0], NULL);
  if (item == NULL)
    return fail (error, line, _("%s has no item “%s”."), instrument->name, fields[0]);
  if (vastus_wording_find (wording, item->id) != NULL)
    /* Translators: the first %s is the questionnaire's name, the second the item's id */
    return fail (error, line, _("%s item %s has a line already."), instrument->name, item->id);
  if (n_fields < 2 || *fields[1] == '\0')
    /* Translators: the first %s is the questionnaire's name, the second the item's id */
    return fail (error, line, _("%s item %s: a tab and its question must follow the item."),
                 instrument->name, item->id);
  if (strlen (fields[1]) > MAX_QUESTION)
    /* Translators: the first %s is the questionnaire's name, the second the item's id, %d the
     * most bytes a question may have */
    return fail (error, line, _("%s item %s: the question is longer than %d bytes."),
                 instrument->name, item->id, MAX_QUESTION);
  n_answers = n_fields - 2;
  if (n_answers != 0 && n_answers != 2 && n_answers != item->n_points)
    return fail (error, line,
                 /* Translators: "KOOS item P1 has 5 answers: give 0, 2 (its two ends) or 5
                  * answer labels, not 3." */
                 ngettext ("%s item %s has %u answer: give 0, 2 (its two ends) or %u answer labels, not %u.",
                           "%s item %s has %u answers: give 0, 2 (its two ends) or %u answer labels, not %u.",
                           item->n_points),
                 instrument->name, item->id, item->n_points, item->n_points, n_answers);
  for (guint i = 1; i < n_fields; i++)
    if (*fields[i] == '\0' || !valid_text (fields[i]))
      /* Translators: the first %s is the questionnaire's name, the second the item's id */
      return fail (error, line, _("%s item %s: an empty label or a control character."),
                   instrument->name, item->id);
  vastus_wording_add (wording, item->id, fields[1], (const char * const *) fields + 2);
  return TRUE;
}

static int
compare_item_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const VastusInstrument *instrument = user_data;
  guint i = 0, k = 0;

  vastus_instrument_find_item (instrument, (*(VastusItemWording **) a)->item, &i);
  vastus_instrument_find_item (instrument, (*(VastusItemWording **) b)->item, &k);
  return i < k ? -1 : i > k;
}

void
vastus_wording_sort (VastusWording *self)
{
  const VastusInstrument *instrument = vastus_instrument_lookup (self->instrument);

  if (instrument != NULL)
    g_ptr_array_sort_with_data (self->items, compare_item_order, (gpointer) instrument);
}

GPtrArray *
vastus_wording_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_wording_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  VastusWording *current = NULL;
  guint current_line = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                           _("The file is not UTF-8 text."));
      return NULL;
    }
  text = g_strndup (data, length);
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    memmove (text, text + 3, strlen (text + 3) + 1);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      gsize len = strlen (stripped);
      const char *id;

      if (len == 0 || *stripped == '#')
        continue;
      if (*stripped != '[')
        {
          if (current == NULL)
            {
              fail (error, i + 1, _("An item line before any [instrument] line."));
              return NULL;
            }
          if (!parse_item_line (current, lines[i], i + 1, error))
            return NULL;
          continue;
        }
      if (stripped[len - 1] != ']')
        {
          fail (error, i + 1, _("An instrument line is “[id]”."));
          return NULL;
        }
      stripped[len - 1] = '\0';
      id = g_strstrip (stripped + 1);
      if (!complete (current, current_line, error))
        return NULL;
      if (vastus_instrument_lookup (id) == NULL)
        {
          fail (error, i + 1, _("There is no questionnaire “%s” (vastus-cli questionnaires lists them)."), id);
          return NULL;
        }
      for (guint k = 0; k < result->len; k++)
        if (g_str_equal (((VastusWording *) g_ptr_array_index (result, k))->instrument, id))
          {
            /* Translators: %s is a questionnaire's id (“koos”) as a wording file names it on its
             * own line; the brackets are the file's syntax and stay */
            fail (error, i + 1, _("[%s] is in the file twice."), id);
            return NULL;
          }
      current = vastus_wording_new (id);
      current_line = i + 1;
      g_ptr_array_add (result, current);
    }
  if (!complete (current, current_line, error))
    return NULL;
  if (result->len == 0)
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                           _("The file names no questionnaire (a line “[koos]” starts one)."));
      return NULL;
    }
  for (guint k = 0; k < result->len; k++)
    vastus_wording_sort (g_ptr_array_index (result, k));
  return g_steal_pointer (&result);
}
