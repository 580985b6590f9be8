/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-instrument"

#include "config.h"

#include <gio/gio.h>
#include "vastus-i18n.h"
#include <math.h>

#include "vastus-instrument.h"
#include "vastus-value.h"

#define INSTRUMENTS_PATH "/io/github/vastus/Vastus/instruments/"

/* The contract's order (product.md "Contract additions"): each is ID.instrument.xml. */
static const char *const builtin_ids[] = {
  "koos", "koos12", "koos_jr", "ikdc", "kos_adls", "lefs", "lysholm", "kujala", "acl_rsi",
  "acl_rsi_short", "tegner",
};

static const char *const scoring_names[] = {
  "inverted-mean", "percent-of-maximum", "sum", "mean", "table", "mean-of-scales",
};

static void
item_free (VastusItem *item)
{
  g_free (item->id);
  g_free (item->topic);
  g_free (item->points);
  g_free (item);
}

static void
scale_free (VastusScale *scale)
{
  g_free (scale->id);
  g_free (scale->label);
  g_free (scale->measure);
  g_free (scale->items);
  g_free (scale->scales);
  g_free (scale->table);
  g_free (scale->mic_population);
  g_free (scale->mic_source);
  g_free (scale);
}

void
vastus_instrument_free (VastusInstrument *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->title);
  g_free (self->edition);
  g_free (self->source);
  g_free (self->terms);
  g_strfreev (self->notes);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->scales, g_ptr_array_unref);
  g_free (self);
}

/* Parsing */

typedef struct
{
  VastusInstrument *instrument;
  GPtrArray        *notes;
  VastusItem       *item;        /* inside <item> */
  VastusScale      *scale;       /* inside <scale> */
  char            **scale_items; /* the scale's items= and scales=, resolved at its end */
  char            **scale_scales;
  GString          *text;        /* text of the element being read */
} Parser;

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                                                format, args));
  va_end (args);
  return FALSE;
}

static gboolean
parse_int (const char *text,
           int        *out)
{
  double value;

  if (!vastus_number_parse (text, &value, NULL) || value != floor (value) || fabs (value) > 10000)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_points (VastusItem  *item,
              const char  *text,
              GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; words[i] != NULL; i++)
    {
      int p;

      if (*words[i] == '\0')
        continue;
      if (!parse_int (words[i], &p) || p < 0)
        return fail (error, "Item %s: “%s” is not a whole number of points", item->id, words[i]);
      for (guint k = 0; k < points->len; k++)
        if (g_array_index (points, int, k) == p)
          return fail (error, "Item %s: the points %d are listed twice", item->id, p);
      g_array_append_val (points, p);
    }
  if (points->len < 2)
    return fail (error, "Item %s needs at least two possible answers", item->id);
  item->n_points = points->len;
  item->min = item->max = g_array_index (points, int, 0);
  for (guint k = 0; k < points->len; k++)
    {
      item->min = MIN (item->min, g_array_index (points, int, k));
      item->max = MAX (item->max, g_array_index (points, int, k));
    }
  item->points = (int *) g_array_free (g_steal_pointer (&points), FALSE);
  return TRUE;
}

static gboolean
parse_numbers (const char  *text,
               double     **out,
               guint       *n_out)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; words[i] != NULL; i++)
    {
      double v;

      if (*words[i] == '\0')
        continue;
      if (!vastus_number_parse (words[i], &v, NULL))
        return FALSE;
      g_array_append_val (values, v);
    }
  *n_out = values->len;
  *out = (double *) g_array_free (g_steal_pointer (&values), FALSE);
  return TRUE;
}

static gboolean
check_attributes (const char  *element,
                  const char **names,
                  const char  *const *known,
                  GError     **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains (known, names[i]))
      return fail (error, "<%s> has no attribute “%s”", element, names[i]);
  return TRUE;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
start_instrument (Parser      *p,
                  const char **names,
                  const char **values,
                  GError     **error)
{
  static const char *const known[] = { "id", "better", NULL };
  const char *id = attribute (names, values, "id");
  const char *better = attribute (names, values, "better");

  if (!check_attributes ("instrument", names, known, error))
    return FALSE;
  if (p->instrument != NULL)
    return fail (error, "One <instrument> per file");
  if (id == NULL || *id == '\0')
    return fail (error, "<instrument> needs an id");
  if (g_strcmp0 (better, "higher") != 0 && g_strcmp0 (better, "lower") != 0)
    return fail (error, "<instrument> needs better=\"higher\" or \"lower\"");
  p->instrument = g_new0 (VastusInstrument, 1);
  p->instrument->id = g_strdup (id);
  p->instrument->better = g_str_equal (better, "higher") ? VASTUS_BETTER_HIGHER : VASTUS_BETTER_LOWER;
  p->instrument->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  p->instrument->scales = g_ptr_array_new_with_free_func ((GDestroyNotify) scale_free);
  return TRUE;
}

static gboolean
start_item (Parser      *p,
            const char **names,
            const char **values,
            GError     **error)
{
  static const char *const known[] = { "id", "points", "reversed", NULL };
  const char *id = attribute (names, values, "id");
  const char *points = attribute (names, values, "points");
  const char *reversed = attribute (names, values, "reversed");

  if (!check_attributes ("item", names, known, error))
    return FALSE;
  if (id == NULL || *id == '\0' || points == NULL)
    return fail (error, "<item> needs an id and points");
  if (vastus_instrument_find_item (p->instrument, id, NULL) != NULL)
    return fail (error, "Item %s is listed twice", id);
  if (reversed != NULL && !g_str_equal (reversed, "yes"))
    return fail (error, "Item %s: reversed is “yes” or absent", id);
  p->item = g_new0 (VastusItem, 1);
  p->item->id = g_strdup (id);
  p->item->reversed = reversed != NULL;
  g_ptr_array_add (p->instrument->items, p->item);
  return parse_points (p->item, points, error);
}

static gboolean
start_scale (Parser      *p,
             const char **names,
             const char **values,
             GError     **error)
{
  static const char *const known[] = { "id", "measure", "scoring", "items", "min-answered",
                                       "scales", NULL };
  const char *id = attribute (names, values, "id");
  const char *measure = attribute (names, values, "measure");
  const char *scoring = attribute (names, values, "scoring");
  const char *min_answered = attribute (names, values, "min-answered");
  const VastusMeasure *m;
  guint k;

  if (!check_attributes ("scale", names, known, error))
    return FALSE;
  if (id == NULL || measure == NULL || scoring == NULL)
    return fail (error, "<scale> needs an id, a measure and a scoring rule");
  m = vastus_catalog_lookup (measure);
  if (m == NULL || m->category != VASTUS_CATEGORY_QUESTIONNAIRE)
    return fail (error, "Scale %s: %s is not a questionnaire score of the catalog", id, measure);
  for (k = 0; k < G_N_ELEMENTS (scoring_names); k++)
    if (g_str_equal (scoring_names[k], scoring))
      break;
  if (k == G_N_ELEMENTS (scoring_names))
    return fail (error, "Scale %s: no scoring rule “%s”", id, scoring);
  p->scale = g_new0 (VastusScale, 1);
  p->scale->id = g_strdup (id);
  p->scale->measure = g_strdup (measure);
  p->scale->scoring = k;
  p->scale->mic = NAN;
  g_ptr_array_add (p->instrument->scales, p->scale);
  if (min_answered != NULL)
    {
      int n;

      if (!parse_int (min_answered, &n) || n < 1)
        return fail (error, "Scale %s: min-answered “%s” is not a count", id, min_answered);
      p->scale->min_answered = n;
    }
  p->scale_items = g_strsplit_set (attribute (names, values, "items") ?: "", " \t\n", -1);
  p->scale_scales = g_strsplit_set (attribute (names, values, "scales") ?: "", " \t\n", -1);
  return TRUE;
}

static gboolean
start_mic (Parser      *p,
           const char **names,
           const char **values,
           GError     **error)
{
  static const char *const known[] = { "value", "source", NULL };
  const char *value = attribute (names, values, "value");
  const char *source = attribute (names, values, "source");

  if (!check_attributes ("mic", names, known, error))
    return FALSE;
  if (value == NULL || source == NULL || !vastus_number_parse (value, &p->scale->mic, NULL) ||
      !(p->scale->mic > 0))
    return fail (error, "Scale %s: <mic> needs a positive value and its source", p->scale->id);
  p->scale->mic_source = g_strdup (source);
  return TRUE;
}

static void
start_element (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             user_data,
               GError             **error)
{
  Parser *p = user_data;
  const char *parent = NULL;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  if (stack->next != NULL)
    parent = stack->next->data;
  g_string_truncate (p->text, 0);

  if (g_str_equal (element, "instrument") && parent == NULL)
    start_instrument (p, names, values, error);
  else if (parent == NULL)
    fail (error, "The file must be an <instrument>, not <%s>", element);
  else if (g_str_equal (element, "item") && g_str_equal (parent, "instrument"))
    start_item (p, names, values, error);
  else if (g_str_equal (element, "scale") && g_str_equal (parent, "instrument"))
    start_scale (p, names, values, error);
  else if (g_str_equal (element, "mic") && g_str_equal (parent, "scale"))
    start_mic (p, names, values, error);
  else if (names[0] != NULL)
    fail (error, "<%s> has no attributes", element);
  else if ((g_str_equal (parent, "instrument") &&
            g_strv_contains ((const char *const[]) { "name", "title", "edition", "source",
                                                     "terms", "note", NULL }, element)) ||
           (g_str_equal (parent, "item") && g_str_equal (element, "topic")) ||
           (g_str_equal (parent, "scale") && (g_str_equal (element, "label") ||
                                              g_str_equal (element, "table"))) ||
           (g_str_equal (parent, "mic") && g_str_equal (element, "population")))
    ;
  else
    fail (error, "<%s> cannot be inside <%s>", element, parent);
}

static void
text_cb (GMarkupParseContext *context,
         const char          *text,
         gsize                length,
         gpointer             user_data,
         GError             **error)
{
  Parser *p = user_data;

  g_string_append_len (p->text, text, length);
}

static char *
collapsed_text (Parser *p)
{
  g_auto(GStrv) words = g_strsplit_set (p->text->str, " \t\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static gboolean
end_scale (Parser  *p,
           GError **error)
{
  VastusScale *s = p->scale;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) scales = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; p->scale_items[i] != NULL; i++)
    {
      guint index;

      if (*p->scale_items[i] == '\0')
        continue;
      if (vastus_instrument_find_item (p->instrument, p->scale_items[i], &index) == NULL)
        return fail (error, "Scale %s: no item %s (items come before scales)", s->id, p->scale_items[i]);
      g_array_append_val (items, index);
    }
  for (guint i = 0; p->scale_scales[i] != NULL; i++)
    {
      guint k;

      if (*p->scale_scales[i] == '\0')
        continue;
      for (k = 0; k + 1 < p->instrument->scales->len; k++)
        if (g_str_equal (((VastusScale *) g_ptr_array_index (p->instrument->scales, k))->id,
                         p->scale_scales[i]))
          break;
      if (k + 1 >= p->instrument->scales->len)
        return fail (error, "Scale %s: no earlier scale %s", s->id, p->scale_scales[i]);
      g_array_append_val (scales, k);
    }
  g_clear_pointer (&p->scale_items, g_strfreev);
  g_clear_pointer (&p->scale_scales, g_strfreev);
  s->n_items = items->len;
  s->items = (guint *) g_array_free (g_steal_pointer (&items), FALSE);
  s->n_scales = scales->len;
  s->scales = (guint *) g_array_free (g_steal_pointer (&scales), FALSE);

  if (s->label == NULL)
    return fail (error, "Scale %s needs a <label>", s->id);
  if (!isnan (s->mic) && s->mic_population == NULL)
    return fail (error, "Scale %s: <mic> needs its <population>", s->id);
  if (s->scoring == VASTUS_SCORING_MEAN_OF_SCALES)
    {
      if (s->n_scales < 2 || s->n_items > 0)
        return fail (error, "Scale %s: mean-of-scales takes two or more scales= and no items=", s->id);
      return TRUE;
    }
  if (s->n_items == 0 || s->n_scales > 0)
    return fail (error, "Scale %s needs items= (and no scales=)", s->id);
  if (s->min_answered < 1 || s->min_answered > s->n_items)
    return fail (error, "Scale %s: min-answered must be 1 to %u", s->id, s->n_items);
  if (s->scoring == VASTUS_SCORING_TABLE)
    {
      int max_sum = 0;

      for (guint i = 0; i < s->n_items; i++)
        max_sum += ((VastusItem *) g_ptr_array_index (p->instrument->items, s->items[i]))->max;
      if (s->min_answered != s->n_items || s->n_table != (guint) max_sum + 1)
        return fail (error, "Scale %s: a table needs every item and %d values (raw 0 to %d)",
                     s->id, max_sum + 1, max_sum);
    }
  else if (s->table != NULL)
    return fail (error, "Scale %s: only the table rule takes a <table>", s->id);
  return TRUE;
}

static void
end_element (GMarkupParseContext *context,
             const char          *element,
             gpointer             user_data,
             GError             **error)
{
  Parser *p = user_data;
  char **target = NULL;
  g_autofree char *text = NULL;

  if (g_str_equal (element, "item"))
    {
      if (p->item->topic == NULL)
        fail (error, "Item %s needs a <topic>", p->item->id);
      p->item = NULL;
      return;
    }
  if (g_str_equal (element, "scale"))
    {
      end_scale (p, error);
      p->scale = NULL;
      return;
    }
  if (g_str_equal (element, "instrument") || g_str_equal (element, "mic"))
    return;

  text = collapsed_text (p);
  if (*text == '\0')
    {
      fail (error, "<%s> is empty", element);
      return;
    }
  if (g_str_equal (element, "table"))
    {
      if (!parse_numbers (text, &p->scale->table, &p->scale->n_table))
        fail (error, "Scale %s: the table holds numbers only", p->scale->id);
      return;
    }
  if (g_str_equal (element, "note"))
    {
      g_ptr_array_add (p->notes, g_steal_pointer (&text));
      return;
    }
  if (g_str_equal (element, "name")) target = &p->instrument->name;
  else if (g_str_equal (element, "title")) target = &p->instrument->title;
  else if (g_str_equal (element, "edition")) target = &p->instrument->edition;
  else if (g_str_equal (element, "source")) target = &p->instrument->source;
  else if (g_str_equal (element, "terms")) target = &p->instrument->terms;
  else if (g_str_equal (element, "topic")) target = &p->item->topic;
  else if (g_str_equal (element, "label")) target = &p->scale->label;
  else if (g_str_equal (element, "population")) target = &p->scale->mic_population;
  g_assert (target != NULL);
  if (*target != NULL)
    fail (error, "<%s> is given twice", element);
  else
    *target = g_steal_pointer (&text);
}

VastusInstrument *
vastus_instrument_parse (const char  *data,
                         gssize       length,
                         GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  Parser p = { 0 };
  VastusInstrument *instrument;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);

  p.notes = g_ptr_array_new_with_free_func (g_free);
  p.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_strfreev (p.scale_items);
  g_strfreev (p.scale_scales);
  g_string_free (p.text, TRUE);
  instrument = p.instrument;
  g_ptr_array_add (p.notes, NULL);
  if (instrument != NULL)
    instrument->notes = (char **) g_ptr_array_free (p.notes, FALSE);
  else
    g_ptr_array_unref (p.notes);

  if (ok && instrument == NULL)
    ok = fail (error, "No <instrument>");
  if (ok && (instrument->name == NULL || instrument->title == NULL || instrument->edition == NULL ||
             instrument->source == NULL || instrument->terms == NULL))
    ok = fail (error, "Instrument %s needs a name, title, edition, source and terms", instrument->id);
  if (ok && (instrument->items->len == 0 || instrument->scales->len == 0))
    ok = fail (error, "Instrument %s needs items and scales", instrument->id);
  if (!ok)
    {
      vastus_instrument_free (instrument);
      return NULL;
    }
  return instrument;
}

/* The built-in set */

static GPtrArray *
builtins (void)
{
  static GPtrArray *instruments;

  if (g_once_init_enter (&instruments))
    {
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; i < G_N_ELEMENTS (builtin_ids); i++)
        {
          g_autofree char *path = g_strconcat (INSTRUMENTS_PATH, builtin_ids[i], ".instrument.xml", NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
          VastusInstrument *instrument = NULL;

          if (bytes != NULL)
            instrument = vastus_instrument_parse (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes), &error);
          /* A built-in file is part of the program: a broken one is a build defect. */
          if (instrument == NULL)
            g_error ("%s: %s", path, error->message);
          if (!g_str_equal (instrument->id, builtin_ids[i]))
            g_error ("%s: its id is %s", path, instrument->id);
          g_ptr_array_add (list, instrument);
        }
      g_once_init_leave (&instruments, list);
    }
  return instruments;
}

guint
vastus_instruments_get_n (void)
{
  return G_N_ELEMENTS (builtin_ids);
}

const VastusInstrument *
vastus_instruments_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (builtin_ids), NULL);
  return g_ptr_array_index (builtins (), index);
}

const VastusInstrument *
vastus_instrument_lookup (const char *id)
{
  GPtrArray *list;

  if (id == NULL)
    return NULL;
  list = builtins ();
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((VastusInstrument *) g_ptr_array_index (list, i))->id, id))
      return g_ptr_array_index (list, i);
  return NULL;
}

const VastusScale *
vastus_instrument_scale_for_measure (const char              *measure,
                                     const VastusInstrument **instrument)
{
  GPtrArray *list;

  if (measure == NULL)
    return NULL;
  list = builtins ();
  for (guint i = 0; i < list->len; i++)
    {
      const VastusScale *scale = vastus_instrument_find_scale (g_ptr_array_index (list, i), measure);

      if (scale != NULL)
        {
          if (instrument != NULL)
            *instrument = g_ptr_array_index (list, i);
          return scale;
        }
    }
  return NULL;
}

const VastusItem *
vastus_instrument_find_item (const VastusInstrument *self,
                             const char             *item_id,
                             guint                  *index)
{
  for (guint i = 0; item_id != NULL && i < self->items->len; i++)
    {
      const VastusItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->id, item_id))
        {
          if (index != NULL)
            *index = i;
          return item;
        }
    }
  return NULL;
}

const VastusScale *
vastus_instrument_find_scale (const VastusInstrument *self,
                              const char             *measure)
{
  for (guint i = 0; measure != NULL && i < self->scales->len; i++)
    {
      const VastusScale *scale = g_ptr_array_index (self->scales, i);

      if (g_str_equal (scale->measure, measure))
        return scale;
    }
  return NULL;
}

gboolean
vastus_item_accepts (const VastusItem *item,
                     int               points)
{
  for (guint i = 0; i < item->n_points; i++)
    if (item->points[i] == points)
      return TRUE;
  return FALSE;
}

char *
vastus_item_describe_points (const VastusItem *item)
{
  int step = item->max - item->min;
  gboolean even = TRUE;
  GString *out;

  /* Evenly spaced answers read as a range. */
  if (item->n_points > 1)
    step = (item->max - item->min) / (int) (item->n_points - 1);
  for (int p = item->min; even && p <= item->max && step > 0; p += step)
    even = vastus_item_accepts (item, p);
  if (even && step > 0 && step * (int) (item->n_points - 1) == item->max - item->min)
    {
      if (step == 1)
        /* Translators: the answers an item takes, e.g. "0–4". */
        return g_strdup_printf (_("%d–%d"), item->min, item->max);
      /* Translators: the answers an item takes, e.g. "0–100 in steps of 10". */
      return g_strdup_printf (_("%d–%d in steps of %d"), item->min, item->max, step);
    }
  out = g_string_new (NULL);
  for (int p = item->min; p <= item->max; p++)
    if (vastus_item_accepts (item, p))
      g_string_append_printf (out, "%s%d", out->len > 0 ? ", " : "", p);
  return g_string_free (out, FALSE);
}

const char *
vastus_item_get_topic (const VastusItem *item)
{
  return _(item->topic);
}

const char *
vastus_scale_get_label (const VastusScale *scale)
{
  return _(scale->label);
}

const char *
vastus_scale_get_mic_population (const VastusScale *scale)
{
  return scale->mic_population != NULL ? _(scale->mic_population) : NULL;
}

const char *
vastus_scoring_to_string (VastusScoring scoring)
{
  g_return_val_if_fail (scoring < G_N_ELEMENTS (scoring_names), NULL);
  return scoring_names[scoring];
}
