/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-profile"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-csv.h"
#include "vastus-model-error.h"
#include "vastus-profile-guess.h"
#include "vastus-text.h"
#include "vastus-units.h"

/* The times a built profile reads: 24- and 12-hour, with and without seconds. */
#define BUILT_TIME_FORMATS "%H:%M:%S;%H:%M;%I:%M:%S %p;%I:%M %p"

/* Mappings */

VastusColumnMapping *
vastus_column_mapping_new (const char *header)
{
  VastusColumnMapping *m = g_new0 (VastusColumnMapping, 1);

  m->header = g_strdup (header);
  return m;
}

VastusColumnMapping *
vastus_column_mapping_copy (const VastusColumnMapping *mapping)
{
  VastusColumnMapping *m = vastus_column_mapping_new (mapping->header);

  m->role = mapping->role;
  m->measure = g_strdup (mapping->measure);
  m->side = mapping->side;
  m->unit = g_strdup (mapping->unit);
  return m;
}

void
vastus_column_mapping_free (VastusColumnMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->header);
  g_free (mapping->measure);
  g_free (mapping->unit);
  g_free (mapping);
}

/* The header's words, case-folded: letters and digits, split at anything else. */
static char **
header_words (const char *header)
{
  g_autofree char *key = vastus_profile_header_key (header);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = key; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_strv_builder_add (words, word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_strv_builder_end (words);
}

static gboolean
has_word (char       **words,
          const char  *list)
{
  g_auto(GStrv) wanted = g_strsplit (list, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) wanted, words[i]))
      return TRUE;
  return FALSE;
}

VastusProfileSide
vastus_profile_guess_side (const char *header)
{
  g_autofree char *key = vastus_profile_header_key (header);
  g_auto(GStrv) words = header_words (header);
  gboolean left, right;

  /* "L Max Force (N)", "Peak Force [N] (R)" */
  if (g_str_has_prefix (key, "l ") || g_str_has_suffix (key, "(l)") ||
      g_str_has_suffix (key, "(left)"))
    return VASTUS_PROFILE_SIDE_LEFT;
  if (g_str_has_prefix (key, "r ") || g_str_has_suffix (key, "(r)") ||
      g_str_has_suffix (key, "(right)"))
    return VASTUS_PROFILE_SIDE_RIGHT;
  /* Words: "uninvolved" before "involved", which it holds as a word of its own only. */
  if (has_word (words, "uninvolved unbeteiligt nonoperated contralateral"))
    return VASTUS_PROFILE_SIDE_UNINVOLVED;
  if (has_word (words, "involved beteiligt operated betroffen"))
    return VASTUS_PROFILE_SIDE_INVOLVED;
  left = has_word (words, "l li links left lt");
  right = has_word (words, "r re rechts right rt");
  if (left != right)
    return left ? VASTUS_PROFILE_SIDE_LEFT : VASTUS_PROFILE_SIDE_RIGHT;
  return VASTUS_PROFILE_SIDE_NONE;
}

const char *
vastus_profile_guess_unit (const char *header)
{
  static const struct { const char *text, *code; } units[] = {
    { "n", "N" }, { "lbf", "lbf" }, { "lb", "lbf" }, { "kgf", "kgf" }, { "kg", "kg" },
    { "nm", "Nm" }, { "n·m", "Nm" }, { "n⋅m", "Nm" }, { "n.m", "Nm" }, { "n m", "Nm" },
    { "cm", "cm" }, { "mm", "mm" }, { "in", "in" }, { "s", "s" }, { "sec", "s" },
    { "deg", "deg" }, { "°", "deg" },
  };
  g_autofree char *key = vastus_profile_header_key (header);
  const char *found = NULL;

  /* The last group in parentheses or brackets that is a unit: "Peak Force [N] (L)" is in N. */
  for (const char *open = key; (open = strpbrk (open, "([")) != NULL; open++)
    {
      const char *close = strchr (open, *open == '(' ? ')' : ']');
      g_autofree char *inside = NULL;

      if (close == NULL)
        break;
      inside = g_strstrip (g_strndup (open + 1, close - open - 1));
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (g_str_equal (inside, units[i].text))
          found = units[i].code;
    }
  return found;
}

/* A measure the header's words name, checked against its unit and side. */
static const char *
guess_measure (const char         *key,
               char              **words,
               const char         *unit,
               VastusProfileSide   side)
{
  static const struct { const char *words; const char *measure; const char *torque; } table[] = {
    { "nordic", "hamstrings_nordic", NULL },
    { "quadriceps quadrizeps quad quads", "quadriceps_hhd", "quadriceps_mvic" },
    { "hamstring hamstrings ischiocrurale", "hamstrings_hhd", NULL },
    { "adduction adduktion adductor adductors squeeze", "hip_adduction_frame", NULL },
    { "abduction abduktion abductor abductors", "hip_abduction_hhd", NULL },
    { "triple", "triple_hop", NULL },
    { "crossover", "crossover_hop", NULL },
    { "hop sprung", "single_hop", NULL },
    { "flexion beugung", "knee_flexion", NULL },
    { "extension streckung", "knee_extension", NULL },
  };
  const char *measure = NULL;
  const VastusMeasure *m;

  if (has_word (words, "bw bodyweight weight gewicht körpergewicht mass masse"))
    return g_strcmp0 (unit, "cm") != 0 && side == VASTUS_PROFILE_SIDE_NONE
           ? VASTUS_PROFILE_BODY_MASS : NULL;
  if (has_word (words, "height größe körpergröße"))
    return side == VASTUS_PROFILE_SIDE_NONE ? VASTUS_PROFILE_HEIGHT : NULL;
  if (has_word (words, "girth circumference") || strstr (key, "umfang") != NULL)
    {
      static const struct { const char *cm, *measure; } sites[] = {
        { "5", "thigh_girth_5" }, { "10", "thigh_girth_10" }, { "15", "thigh_girth_15" },
        { "20", "thigh_girth_20" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
        if (has_word (words, sites[i].cm))
          measure = sites[i].measure;
    }
  for (guint i = 0; measure == NULL && i < G_N_ELEMENTS (table); i++)
    if (has_word (words, table[i].words))
      measure = g_strcmp0 (unit, "Nm") == 0 && table[i].torque != NULL ? table[i].torque
                                                                         : table[i].measure;
  m = measure != NULL ? vastus_catalog_lookup (measure) : NULL;
  if (m == NULL || (unit != NULL && !vastus_measure_accepts_unit (m, unit)) ||
      m->two_sided != (side != VASTUS_PROFILE_SIDE_NONE))
    return NULL;
  return m->code;
}

VastusColumnMapping *
vastus_column_mapping_guess (const char *header)
{
  VastusColumnMapping *m = vastus_column_mapping_new (header);
  g_autofree char *key = vastus_profile_header_key (header);
  g_auto(GStrv) words = header_words (header);
  const char *unit = vastus_profile_guess_unit (header);
  VastusProfileSide side = vastus_profile_guess_side (header);
  const char *measure = guess_measure (key, words, unit, side);

  if (has_word (words, "date datum fecha"))
    m->role = VASTUS_COLUMN_ROLE_DATE;
  else if (unit == NULL && has_word (words, "time zeit uhrzeit"))
    m->role = VASTUS_COLUMN_ROLE_TIME;
  else if (has_word (words, "mrn externalid pid") ||
           g_str_equal (key, "id") || g_str_equal (key, "patient id") ||
           g_str_equal (key, "patient-id") || g_str_equal (key, "patienten-id") ||
           g_str_equal (key, "external id") || g_str_equal (key, "patient"))
    m->role = VASTUS_COLUMN_ROLE_PATIENT;
  else if (g_str_equal (key, "name") || g_str_equal (key, "patient name") ||
           g_str_equal (key, "athlete") || g_str_equal (key, "full name"))
    m->role = VASTUS_COLUMN_ROLE_NAME;
  else
    {
      /* A value when its measure is clear; otherwise not read, with the side and unit the
       * header names kept for when a person chooses its measure. Body mass is in kg and height
       * in cm whatever the header says; any other unit is never assumed (a kgf read as N is
       * the error this prevents). */
      m->role = measure != NULL ? VASTUS_COLUMN_ROLE_VALUE : VASTUS_COLUMN_ROLE_NONE;
      m->measure = g_strdup (measure);
      m->side = side;
      if (g_strcmp0 (measure, VASTUS_PROFILE_BODY_MASS) == 0)
        m->unit = g_strdup ("kg");
      else if (g_strcmp0 (measure, VASTUS_PROFILE_HEIGHT) == 0)
        m->unit = g_strdup ("cm");
      else
        m->unit = g_strdup (unit);
    }
  return m;
}

/* Profiles, column by column */

static gboolean
in_list (const char *list,
         const char *header)
{
  g_auto(GStrv) each = list != NULL ? g_strsplit (list, ";", -1) : NULL;
  g_autofree char *key = vastus_profile_header_key (header);

  for (guint i = 0; each != NULL && each[i] != NULL; i++)
    {
      g_autofree char *other = vastus_profile_header_key (each[i]);

      if (g_str_equal (key, other))
        return TRUE;
    }
  return FALSE;
}

static const char *
side_label (VastusProfileSide side)
{
  switch (side)
    {
    /* Translators: which knee a device file's column is for, in the column's description */
    case VASTUS_PROFILE_SIDE_LEFT: return _("left");
    /* Translators: which knee a device file's column is for, in the column's description: the
     * right knee */
    case VASTUS_PROFILE_SIDE_RIGHT: return _("right");
    /* Translators: which knee a device file's column is for: the knee of the episode's injury or
     * surgery */
    case VASTUS_PROFILE_SIDE_INVOLVED: return _("involved side");
    /* Translators: which knee a device file's column is for: the other, healthy knee */
    case VASTUS_PROFILE_SIDE_UNINVOLVED: return _("uninvolved side");
    case VASTUS_PROFILE_SIDE_IN_CELL: return _("side from the letter after the value");
    case VASTUS_PROFILE_SIDE_NONE:
    default: return NULL;
    }
}

static const char *
measure_label (const char *code)
{
  const VastusMeasure *m = vastus_catalog_lookup (code);

  if (m != NULL)
    return vastus_measure_get_label (m);
  return g_str_equal (code, VASTUS_PROFILE_BODY_MASS) ? _("Body mass") : _("Height");
}

char *
vastus_profile_describe_column (const VastusProfile *profile,
                                const char          *header)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (in_list (profile->date_column, header))
    /* Translators: what a device file's column holds: the date, in UTC when the file writes it
     * so */
    return g_strdup (vastus_profile_date_is_utc (profile, header) ? _("Date (UTC)") :
                     /* Translators: a date (of a test or a visit), as a column header or a
                      * field's name */
                     _("Date"));
  if (in_list (profile->time_column, header))
    /* Translators: what a device file's column holds: the time of the test, in UTC; keep UTC as
     * your language writes it */
    return g_strdup (vastus_profile_date_is_utc (profile, header) ? _("Time (UTC)") :
                     /* Translators: what a device file's column holds: the time of day of the
                      * test */
                     _("Time"));
  if (in_list (profile->patient_column, header))
    /* Translators: what a device file's column holds: the patient's medical record number (MRN) */
    return g_strdup (_("Patient (MRN)"));
  if (in_list (profile->name_column, header))
    /* Translators: what a device file's column holds: the patient's name */
    return g_strdup (_("Patient’s name"));
  if (in_list (profile->test_column, header))
    {
      g_autofree char *tests = g_strjoinv (", ", profile->tests);

      /* Translators: %s lists the tests a profile reads, e.g. "Nordic" */
      return g_strdup_printf (_("Test (only %s)"), tests);
    }
  if (in_list (profile->discriminator_column, header))
    return g_strdup (_("Tells a test’s two rows apart"));
  for (guint i = 0; i < profile->columns->len; i++)
    {
      const VastusProfileColumn *c = g_ptr_array_index (profile->columns, i);
      const char *side = side_label (c->side);

      if (!in_list (c->header, header))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (c->when != NULL)
        g_string_append_printf (text, "%s: ", c->when);
      g_string_append (text, measure_label (c->measure));
      if (side != NULL)
        g_string_append_printf (text, ", %s", side);
      /* Translators: after a measure and side, the unit a column is read in, e.g. "in kg" */
      g_string_append_printf (text, _(", in %s"), vastus_unit_symbol (c->unit));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
vastus_profile_column_mapping (const VastusProfile *profile,
                               const char          *header,
                               VastusColumnMapping *mapping)
{
  const VastusProfileColumn *found = NULL;

  g_clear_pointer (&mapping->measure, g_free);
  g_clear_pointer (&mapping->unit, g_free);
  mapping->side = VASTUS_PROFILE_SIDE_NONE;
  mapping->role = VASTUS_COLUMN_ROLE_NONE;
  if (in_list (profile->date_column, header))
    mapping->role = VASTUS_COLUMN_ROLE_DATE;
  else if (in_list (profile->time_column, header))
    mapping->role = VASTUS_COLUMN_ROLE_TIME;
  else if (in_list (profile->patient_column, header))
    mapping->role = VASTUS_COLUMN_ROLE_PATIENT;
  else if (in_list (profile->name_column, header))
    mapping->role = VASTUS_COLUMN_ROLE_NAME;
  else if (in_list (profile->test_column, header) || in_list (profile->discriminator_column, header))
    return FALSE;
  for (guint i = 0; i < profile->columns->len; i++)
    {
      const VastusProfileColumn *c = g_ptr_array_index (profile->columns, i);

      if (!in_list (c->header, header))
        continue;
      if (found != NULL || mapping->role != VASTUS_COLUMN_ROLE_NONE || c->when != NULL ||
          c->unit_in_cell || c->side == VASTUS_PROFILE_SIDE_IN_CELL)
        return FALSE;
      found = c;
    }
  if (found != NULL)
    {
      mapping->role = VASTUS_COLUMN_ROLE_VALUE;
      mapping->measure = g_strdup (found->measure);
      mapping->side = found->side;
      mapping->unit = g_strdup (found->unit);
    }
  return TRUE;
}

/* The start of a file */

void
vastus_file_head_free (VastusFileHead *head)
{
  if (head == NULL)
    return;
  g_free (head->encoding);
  g_clear_pointer (&head->rows, g_ptr_array_unref);
  g_free (head);
}

/* The delimiter of the first line: the one of ';', tab and ',' it holds most often outside
 * quotes (',' when it holds none). */
static char
guess_delimiter (const char *text)
{
  static const char candidates[] = { ';', '\t', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint most = 0;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    if (*p == '"')
      quoted = !quoted;
    else if (!quoted)
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        counts[i] += *p == candidates[i];
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > most)
      {
        most = counts[i];
        best = candidates[i];
      }
  return best;
}

/* Whether @text is digits, a @mark and digits (an optional sign before). */
static gboolean
is_decimal (const char *text,
            char        mark)
{
  const char *p = text;
  const char *mark_at;

  if (*p == '-' || *p == '+')
    p++;
  mark_at = strchr (p, mark);
  if (mark_at == NULL || mark_at == p || mark_at[1] == '\0')
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (q != mark_at && !g_ascii_isdigit (*q))
      return FALSE;
  return TRUE;
}

VastusFileHead *
vastus_file_head_read (const char  *head,
                       gsize        length,
                       gboolean     complete,
                       char         delimiter,
                       const char  *encoding,
                       guint        max_rows,
                       GError     **error)
{
  g_autoptr(VastusFileHead) result = g_new0 (VastusFileHead, 1);
  g_autofree char *converted = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(VastusCsvReader) reader = NULL;
  const VastusCsvRow *row = NULL;
  const char *end;
  gsize n = length;
  guint commas = 0, points = 0;

  /* A file cut short ends at its last whole line. */
  for (end = head + length; !complete && end > head; end--)
    if (end[-1] == '\n')
      {
        n = end - head;
        break;
      }
  if (encoding == NULL && !g_utf8_validate (head, (gssize) n, NULL))
    encoding = "windows-1252";
  if (encoding != NULL)
    {
      converted = g_convert (head, (gssize) n, "UTF-8", encoding, NULL, &n, error);
      if (converted == NULL)
        return NULL;
      head = converted;
      result->encoding = g_strdup (encoding);
    }
  result->delimiter = delimiter != 0 ? delimiter : guess_delimiter (head);
  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->complete = complete;

  stream = g_memory_input_stream_new_from_data (head, (gssize) n, NULL);
  reader = vastus_csv_reader_new (stream, NULL);
  vastus_csv_reader_set_delimiter (reader, result->delimiter);
  while (result->rows->len <= max_rows &&
         (row = vastus_csv_reader_next (reader, result->rows->len == 0 ? error : NULL)) != NULL)
    {
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < row->n_fields; i++)
        {
          g_autofree char *text = g_strstrip (g_strdup (row->fields[i].text));

          g_strv_builder_add (b, row->fields[i].text);
          if (result->rows->len > 0)
            {
              commas += is_decimal (text, ',');
              points += is_decimal (text, '.');
            }
        }
      if (result->rows->len == 0)
        result->n_columns = row->n_fields;
      g_ptr_array_add (result->rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  if (result->rows->len == 0)
    return NULL;
  /* More rows than were kept: the file goes on. */
  if (row != NULL && vastus_csv_reader_next (reader, NULL) != NULL)
    result->complete = FALSE;
  /* A decimal comma only where the delimiter is not a comma and values have it, none a point. */
  result->decimal_mark = result->delimiter != ',' && commas > 0 && points == 0 ? ',' : '.';
  return g_steal_pointer (&result);
}

/* The date formats offered, the likeliest first where two fit the same dates (a US device's
 * M/D/YYYY before D/M/YYYY). */
static const char *known_date_formats[] = {
  "%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%m/%d/%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y",
  "%m/%d/%y", "%d/%m/%y", NULL,
};

const char * const *
vastus_profile_known_date_formats (void)
{
  return known_date_formats;
}

char **
vastus_profile_guess_date_formats (const VastusFileHead *head,
                                   guint                column)
{
  const char **candidates = known_date_formats;
  g_autoptr(GStrvBuilder) fitting = g_strv_builder_new ();

  for (guint f = 0; candidates[f] != NULL; f++)
    {
      char *formats[] = { (char *) candidates[f], NULL };
      VastusProfile probe = { .date_formats = formats };
      gboolean fits = TRUE;
      guint n_values = 0;

      for (guint r = 1; fits && r < head->rows->len; r++)
        {
          char **cells = g_ptr_array_index (head->rows, r);
          GDate date;

          g_autofree char *value = column < g_strv_length (cells)
                                   ? g_strstrip (g_strdup (cells[column])) : NULL;

          if (value == NULL || *value == '\0')
            continue;
          n_values++;
          fits = vastus_profile_parse_date (&probe, value, NULL, FALSE, &date, NULL);
        }
      if (fits && n_values > 0)
        g_strv_builder_add (fitting, candidates[f]);
    }
  return g_strv_builder_end (fitting);
}

/* Building a profile from mappings */

static gboolean
refuse (GError     **error,
        const char  *header,
        const char  *why)
{
  g_autofree char *text = vastus_text_excerpt (header);

  g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
               /* Translators: “column header”: what to do */
               _("“%s”: %s"), text, why);
  return FALSE;
}

/* Whether @mappings can make a profile: one date column, at most one of the others, each value
 * column complete. */
static gboolean
check_mappings (GPtrArray  *mappings,
                GError    **error)
{
  guint n[VASTUS_COLUMN_ROLE_VALUE + 1] = { 0 };

  for (guint i = 0; i < mappings->len; i++)
    {
      const VastusColumnMapping *m = g_ptr_array_index (mappings, i);
      const VastusMeasure *measure = m->measure != NULL ? vastus_catalog_lookup (m->measure) : NULL;

      if (m->role != VASTUS_COLUMN_ROLE_VALUE && m->role != VASTUS_COLUMN_ROLE_NONE &&
          n[m->role] > 0)
        return refuse (error, m->header,
                       _("another column is read as this already: choose one of them"));
      n[m->role]++;
      if (m->role != VASTUS_COLUMN_ROLE_VALUE)
        continue;
      if (m->measure == NULL)
        return refuse (error, m->header, _("choose the measure it holds"));
      if (measure != NULL && measure->two_sided && m->side == VASTUS_PROFILE_SIDE_NONE)
        return refuse (error, m->header, _("choose the side it holds"));
      if (m->unit == NULL)
        return refuse (error, m->header, _("choose the unit its values are in"));
    }
  if (n[VASTUS_COLUMN_ROLE_DATE] == 0)
    {
      g_set_error_literal (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                           _("Choose the column that holds the date"));
      return FALSE;
    }
  if (n[VASTUS_COLUMN_ROLE_VALUE] == 0)
    {
      g_set_error_literal (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                           _("Choose at least one column of values"));
      return FALSE;
    }
  return TRUE;
}

/* A header a [Column …] group's name can hold: no brackets, not used twice. */
static gboolean
fits_group_name (GPtrArray  *mappings,
                 const char *header)
{
  guint uses = 0;

  if (strpbrk (header, "[]") != NULL || *header == '\0' || *header == ' ' ||
      header[strlen (header) - 1] == ' ')
    return FALSE;
  for (guint i = 0; i < mappings->len; i++)
    uses += g_str_equal (((VastusColumnMapping *) mappings->pdata[i])->header, header);
  return uses == 1;
}

VastusProfile *
vastus_profile_build (const char            *id,
                      const char            *name,
                      const VastusFileHead  *head,
                      const char            *date_format,
                      GPtrArray             *mappings,
                      GError               **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *text = NULL;
  char delimiter[2] = { head->delimiter, '\0' };
  char mark[2] = { head->decimal_mark, '\0' };
  gsize length;

  g_return_val_if_fail (mappings->len > 0, NULL);

  if (!check_mappings (mappings, error))
    return NULL;
  g_key_file_set_string (kf, "Profile", "Name", name);
  g_key_file_set_string (kf, "Profile", "Delimiter", head->delimiter == '\t' ? "tab" : delimiter);
  g_key_file_set_string (kf, "Profile", "DecimalMark", mark);
  g_key_file_set_string (kf, "Profile", "DateFormat", date_format != NULL ? date_format : "%Y-%m-%d");
  if (head->encoding != NULL)
    g_key_file_set_string (kf, "Profile", "Encoding", head->encoding);
  for (guint i = 0; i < mappings->len; i++)
    {
      const VastusColumnMapping *m = g_ptr_array_index (mappings, i);
      g_autofree char *header = g_strstrip (g_strdup (m->header));
      g_autofree char *group = NULL;
      const char *key = NULL;

      switch (m->role)
        {
        case VASTUS_COLUMN_ROLE_PATIENT: key = "PatientColumn"; break;
        case VASTUS_COLUMN_ROLE_NAME: key = "NameColumn"; break;
        case VASTUS_COLUMN_ROLE_DATE: key = "DateColumn"; break;
        case VASTUS_COLUMN_ROLE_TIME: key = "TimeColumn"; break;
        case VASTUS_COLUMN_ROLE_NONE:
        case VASTUS_COLUMN_ROLE_VALUE:
        default: break;
        }
      /* A profile names a header in a key file's line, where ";" separates two headers. */
      if (m->role != VASTUS_COLUMN_ROLE_NONE &&
          (strchr (header, ';') != NULL || vastus_text_find_control (header, VASTUS_TEXT_LINE, NULL) != 0))
        {
          refuse (error, m->header, _("a header with “;” or a control character cannot be read"));
          return NULL;
        }
      if (key != NULL)
        {
          g_key_file_set_string (kf, "Profile", key, header);
          if (m->role == VASTUS_COLUMN_ROLE_TIME)
            g_key_file_set_string (kf, "Profile", "TimeFormat", BUILT_TIME_FORMATS);
        }
      if (m->role != VASTUS_COLUMN_ROLE_VALUE)
        continue;
      group = fits_group_name (mappings, header) ? g_strconcat ("Column ", header, NULL)
                                                 : g_strdup_printf ("Column %u", i + 1);
      if (!g_str_equal (group + strlen ("Column "), header))
        g_key_file_set_string (kf, group, "Header", header);
      g_key_file_set_string (kf, group, "Measure", m->measure);
      g_key_file_set_string (kf, group, "Side", vastus_profile_side_to_string (m->side));
      g_key_file_set_string (kf, group, "Unit", m->unit);
    }
  text = g_key_file_to_data (kf, &length, NULL);
  return vastus_profile_new_from_data (id, text, length, error);
}
