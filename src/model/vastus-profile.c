/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-profile"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-model-error.h"
#include "vastus-profile.h"
#include "vastus-text.h"
#include "vastus-value.h"

#define PROFILE_GROUP "Profile"
#define COLUMN_PREFIX "Column "

/* The built-in profiles. The layouts are those observed in public readers of these exports
 * (treated as observed, not specified): one row per test with L/R-prefixed columns, dates
 * M/D/YYYY with 12-hour times in UTC; the frame writes two rows per test, told apart by
 * Direction (Squeeze: inner pads, adduction; Pull: outer pads, abduction). The board's Test
 * column names the exercise (Nordic; also Razor, and the isometric ISO Prone, ISO 30, ISO 60):
 * only the Nordic exercise is hamstrings_nordic. A test other than the ones a profile names is
 * listed and skipped, never guessed. The board's torque columns are its force times the lever
 * arm typed into it: no measure of the catalog holds them, so they are listed as not read. */
static const struct { const char *id; const char *text; } builtin[] = {
  { "nordbord",
    "[Profile]\n"
    "Name=NordBord (Hub CSV export)\n"
    "DateColumn=Date UTC\n"
    "DateFormat=%m/%d/%Y\n"
    "TimeColumn=Time UTC\n"
    "TimeFormat=%I:%M:%S %p;%I:%M %p\n"
    "NameColumn=Name\n"
    "TestColumn=Test\n"
    "Tests=Nordic\n"
    "Signature=Date UTC;L Max Torque (Nm)\n"
    "\n"
    "[Column L Max Force (N)]\nMeasure=hamstrings_nordic\nSide=left\nUnit=N\n"
    "\n"
    "[Column R Max Force (N)]\nMeasure=hamstrings_nordic\nSide=right\nUnit=N\n" },
  { "forceframe",
    "[Profile]\n"
    "Name=ForceFrame (Hub CSV export)\n"
    "DateColumn=Date UTC;Date\n"
    "DateFormat=%m/%d/%Y\n"
    "TimeColumn=Time UTC;Time\n"
    "TimeFormat=%I:%M:%S %p;%I:%M %p\n"
    "PatientColumn=ExternalId\n"
    "NameColumn=Name\n"
    "TestColumn=Test\n"
    "Tests=Hip AD/AB\n"
    "DiscriminatorColumn=Direction\n"
    "Signature=Direction;Position;L Max Force (N)\n"
    "\n"
    "[Column Adduction left]\nHeader=L Max Force (N)\nWhen=Squeeze\n"
    "Measure=hip_adduction_frame\nSide=left\nUnit=N\n"
    "\n"
    "[Column Adduction right]\nHeader=R Max Force (N)\nWhen=Squeeze\n"
    "Measure=hip_adduction_frame\nSide=right\nUnit=N\n"
    "\n"
    "[Column Abduction left]\nHeader=L Max Force (N)\nWhen=Pull\n"
    "Measure=hip_abduction_frame\nSide=left\nUnit=N\n"
    "\n"
    "[Column Abduction right]\nHeader=R Max Force (N)\nWhen=Pull\n"
    "Measure=hip_abduction_frame\nSide=right\nUnit=N\n" },
};

static const char *side_names[] = {
  [VASTUS_PROFILE_SIDE_NONE] = "none",
  [VASTUS_PROFILE_SIDE_LEFT] = "left",
  [VASTUS_PROFILE_SIDE_RIGHT] = "right",
  [VASTUS_PROFILE_SIDE_INVOLVED] = "involved",
  [VASTUS_PROFILE_SIDE_UNINVOLVED] = "uninvolved",
  [VASTUS_PROFILE_SIDE_IN_CELL] = "none",
};

static void
column_free (VastusProfileColumn *c)
{
  g_free (c->header);
  g_free (c->measure);
  g_free (c->unit);
  g_free (c->when);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusProfileColumn, column_free)

void
vastus_profile_free (VastusProfile *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->name);
  g_strfreev (p->date_formats);
  g_free (p->time_column);
  g_strfreev (p->time_formats);
  g_free (p->patient_column);
  g_free (p->name_column);
  g_free (p->date_column);
  g_free (p->discriminator_column);
  g_free (p->test_column);
  g_strfreev (p->tests);
  g_free (p->encoding);
  g_strfreev (p->signature);
  g_clear_pointer (&p->columns, g_ptr_array_unref);
  g_free (p->text);
  g_free (p);
}

const char *
vastus_profile_side_to_string (VastusProfileSide side)
{
  return side_names[side];
}

static gboolean
invalid (GError    **error,
         const char *group,
         const char *key,
         const char *value,
         const char *why)
{
  g_autofree char *quoted = vastus_text_excerpt (value != NULL ? value : "");
  g_autofree char *group_text = vastus_text_excerpt (group);

  if (key == NULL)
    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                 /* Translators: [%s] is a key file group; the second %s says what is wrong */
                 _("[%s]: %s"), group_text, why);
  else
    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                 /* Translators: [group] key=“value”: what is wrong */
                 _("[%s] %s=“%s”: %s"), group_text, key, quoted, why);
  return FALSE;
}

/* A key's text, trimmed; NULL when absent or empty. */
static char *
get_text (GKeyFile   *kf,
          const char *group,
          const char *key)
{
  g_autofree char *value = g_key_file_get_string (kf, group, key, NULL);

  if (value == NULL || *g_strstrip (value) == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/* A list key ("a;b"), each item trimmed, empty ones dropped; NULL when none. */
static char **
get_list (GKeyFile   *kf,
          const char *group,
          const char *key)
{
  g_auto(GStrv) items = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_ptr_array_add (kept, g_strdup (items[i]));
  if (kept->len == 0)
    return NULL;
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}

/* strptime-style formats: %d %m %Y %y %H %I %M %S %p %% and literal text; a space matches any
 * run of spaces. */
typedef struct
{
  int year, month, day, hour, minute, second;
  int pm;         /* -1: no %p, 0: AM, 1: PM */
} Stamp;

static gboolean
read_digits (const char **p,
             int          min,
             int          max,
             int         *out)
{
  int n = 0, value = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n < min)
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
format_is_valid (const char *format)
{
  for (const char *f = format; *f != '\0'; f++)
    if (*f == '%' && (f[1] == '\0' || strchr ("dmYyHIMSp%", f[1]) == NULL))
      return FALSE;
  return TRUE;
}

static gboolean
match_format (const char *format,
              const char *text,
              Stamp      *s)
{
  const char *p = text;

  for (const char *f = format; *f != '\0'; f++)
    {
      gboolean ok = TRUE;

      if (*f == ' ')
        {
          if (*p != ' ')
            return FALSE;
          while (*p == ' ')
            p++;
          continue;
        }
      if (*f != '%')
        {
          if (*p++ != *f)
            return FALSE;
          continue;
        }
      switch (*++f)
        {
        case 'd': ok = read_digits (&p, 1, 2, &s->day); break;
        case 'm': ok = read_digits (&p, 1, 2, &s->month); break;
        case 'Y': ok = read_digits (&p, 4, 4, &s->year); break;
        case 'y': ok = read_digits (&p, 2, 2, &s->year); s->year += 2000; break;
        case 'H': case 'I': ok = read_digits (&p, 1, 2, &s->hour); break;
        case 'M': ok = read_digits (&p, 2, 2, &s->minute); break;
        case 'S': ok = read_digits (&p, 2, 2, &s->second); break;
        case 'p':
          if (g_ascii_strncasecmp (p, "AM", 2) == 0 || g_ascii_strncasecmp (p, "PM", 2) == 0)
            {
              s->pm = g_ascii_toupper (*p) == 'P';
              p += 2;
            }
          else
            ok = FALSE;
          break;
        case '%': ok = *p++ == '%'; break;
        default: g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return *p == '\0';
}

/* Profiles */

static gboolean
read_column (VastusProfile  *p,
             GKeyFile       *kf,
             const char     *group,
             GError        **error)
{
  g_autoptr(VastusProfileColumn) c = g_new0 (VastusProfileColumn, 1);
  g_autofree char *side = get_text (kf, group, "Side");
  g_autofree char *suffix = get_text (kf, group, "Suffix");
  const VastusMeasure *measure;
  gboolean detail;

  c->header = get_text (kf, group, "Header");
  if (c->header == NULL)
    c->header = g_strstrip (g_strdup (group + strlen (COLUMN_PREFIX)));
  if (*c->header == '\0')
    return invalid (error, group, NULL, NULL, _("the group names no column header"));
  c->measure = get_text (kf, group, "Measure");
  c->unit = get_text (kf, group, "Unit");
  c->when = get_text (kf, group, "When");
  if (c->measure == NULL)
    return invalid (error, group, "Measure", NULL, _("a measure code is required"));
  measure = vastus_catalog_lookup (c->measure);
  detail = g_str_equal (c->measure, VASTUS_PROFILE_BODY_MASS) ||
           g_str_equal (c->measure, VASTUS_PROFILE_HEIGHT);
  if (measure == NULL && !detail)
    return invalid (error, group, "Measure", c->measure,
                    _("not a measure Vastus knows (see vastus-cli measures)"));
  if (c->unit == NULL)
    return invalid (error, group, "Unit", NULL, _("the unit of the column’s values is required"));
  if (detail ? !g_str_equal (c->unit, g_str_equal (c->measure, VASTUS_PROFILE_BODY_MASS)
                                      ? "kg" : "cm")
             : !vastus_measure_accepts_unit (measure, c->unit))
    return invalid (error, group, "Unit", c->unit,
                    detail ? _("body mass is read in kg, height in cm")
                           : _("the measure is not measured in this unit"));

  c->side = VASTUS_PROFILE_SIDE_NONE;
  for (guint s = 0; side != NULL && s < VASTUS_PROFILE_SIDE_IN_CELL; s++)
    if (g_ascii_strcasecmp (side, side_names[s]) == 0)
      c->side = s;
  if (side != NULL && g_ascii_strcasecmp (side, side_names[c->side]) != 0)
    return invalid (error, group, "Side", side,
                    _("use left, right, involved, uninvolved or none"));
  if (suffix != NULL && g_ascii_strcasecmp (suffix, "side") == 0 &&
      c->side == VASTUS_PROFILE_SIDE_NONE)
    c->side = VASTUS_PROFILE_SIDE_IN_CELL;
  else if (suffix != NULL && g_ascii_strcasecmp (suffix, "unit") == 0)
    c->unit_in_cell = TRUE;
  else if (suffix != NULL && g_ascii_strcasecmp (suffix, "none") != 0)
    return invalid (error, group, "Suffix", suffix,
                    _("use unit, side (with Side=none) or none"));

  if ((measure == NULL || !measure->two_sided) && c->side != VASTUS_PROFILE_SIDE_NONE)
    return invalid (error, group, "Side", side != NULL ? side : suffix,
                    _("the measure has no sides: use none"));
  if (measure != NULL && measure->two_sided && c->side == VASTUS_PROFILE_SIDE_NONE)
    return invalid (error, group, "Side", side,
                    _("the measure is measured per side: say which"));
  if (c->when != NULL && p->discriminator_column == NULL)
    return invalid (error, group, "When", c->when,
                    _("When= needs a DiscriminatorColumn in [Profile]"));
  g_ptr_array_add (p->columns, g_steal_pointer (&c));
  return TRUE;
}

static gboolean
read_profile (VastusProfile  *p,
              GKeyFile       *kf,
              GError        **error)
{
  g_autofree char *delimiter = get_text (kf, PROFILE_GROUP, "Delimiter");
  g_autofree char *mark = get_text (kf, PROFILE_GROUP, "DecimalMark");
  g_autofree char *utc = get_text (kf, PROFILE_GROUP, "UTC");
  g_auto(GStrv) groups = g_key_file_get_groups (kf, NULL);
  g_auto(GStrv) date_columns = NULL;

  if (!g_key_file_has_group (kf, PROFILE_GROUP))
    return invalid (error, PROFILE_GROUP, NULL, NULL, _("the group is missing"));
  p->name = get_text (kf, PROFILE_GROUP, "Name");
  if (p->name == NULL)
    p->name = g_strdup (p->id);
  if (vastus_text_find_control (p->name, VASTUS_TEXT_LINE, NULL) != 0)
    return invalid (error, PROFILE_GROUP, "Name", p->name, _("a name holds no control characters"));

  /* A key file keeps a value's leading spaces only escaped: "\s" is a space. */
  p->delimiter = ',';
  if (delimiter != NULL && g_ascii_strcasecmp (delimiter, "tab") == 0)
    p->delimiter = '\t';
  else if (delimiter != NULL)
    {
      if (strlen (delimiter) != 1 || strchr ("\"\r\n", *delimiter) != NULL)
        return invalid (error, PROFILE_GROUP, "Delimiter", delimiter,
                        _("use one character (not a quote), or “tab”"));
      p->delimiter = *delimiter;
    }
  p->decimal_mark = '.';
  if (mark != NULL)
    {
      if (!g_str_equal (mark, ".") && !g_str_equal (mark, ","))
        return invalid (error, PROFILE_GROUP, "DecimalMark", mark, _("use “.” or “,”"));
      p->decimal_mark = *mark;
    }
  if (p->decimal_mark == p->delimiter)
    return invalid (error, PROFILE_GROUP, "DecimalMark", mark,
                    _("the decimal mark cannot be the delimiter"));

  date_columns = get_list (kf, PROFILE_GROUP, "DateColumn");
  if (date_columns == NULL)
    return invalid (error, PROFILE_GROUP, "DateColumn", NULL, _("the column of the date is required"));
  /* Several headers: the first the file has. Kept as the key file's list text. */
  p->date_column = g_strjoinv (";", date_columns);
  p->date_formats = get_list (kf, PROFILE_GROUP, "DateFormat");
  if (p->date_formats == NULL)
    p->date_formats = g_strsplit ("%Y-%m-%d", ";", -1);
  p->time_column = get_text (kf, PROFILE_GROUP, "TimeColumn");
  p->time_formats = get_list (kf, PROFILE_GROUP, "TimeFormat");
  if (p->time_formats == NULL)
    p->time_formats = g_strsplit ("%H:%M:%S;%H:%M", ";", -1);
  for (guint i = 0; p->date_formats[i] != NULL; i++)
    if (!format_is_valid (p->date_formats[i]))
      return invalid (error, PROFILE_GROUP, "DateFormat", p->date_formats[i],
                      /* Translators: in a device profile's DateFormat: %d, %m, %Y and %y are
                       * strftime's day, month and year fields, not placeholders; keep them as
                       * they are */
                      _("use %d, %m, %Y or %y and the text between them"));
  for (guint i = 0; p->time_formats[i] != NULL; i++)
    if (!format_is_valid (p->time_formats[i]))
      return invalid (error, PROFILE_GROUP, "TimeFormat", p->time_formats[i],
                      /* Translators: in a device profile's TimeFormat: %H, %I, %M, %S and %p are
                       * strftime's hour, minute, second and AM/PM fields, not placeholders; keep
                       * them as they are */
                      _("use %H, %I, %M, %S or %p and the text between them"));
  if (utc != NULL && g_ascii_strcasecmp (utc, "true") != 0 && g_ascii_strcasecmp (utc, "false") != 0)
    return invalid (error, PROFILE_GROUP, "UTC", utc, _("use true or false"));
  p->utc = utc != NULL && g_ascii_strcasecmp (utc, "true") == 0;

  p->patient_column = get_text (kf, PROFILE_GROUP, "PatientColumn");
  p->name_column = get_text (kf, PROFILE_GROUP, "NameColumn");
  p->discriminator_column = get_text (kf, PROFILE_GROUP, "DiscriminatorColumn");
  p->test_column = get_text (kf, PROFILE_GROUP, "TestColumn");
  p->tests = get_list (kf, PROFILE_GROUP, "Tests");
  if ((p->test_column == NULL) != (p->tests == NULL))
    return invalid (error, PROFILE_GROUP, p->tests == NULL ? "Tests" : "TestColumn", NULL,
                    _("TestColumn and Tests go together"));
  p->encoding = get_text (kf, PROFILE_GROUP, "FileEncoding");
  if (p->encoding != NULL)
    {
      GIConv conv = g_iconv_open ("UTF-8", p->encoding);

      if (conv == (GIConv) -1)
        return invalid (error, PROFILE_GROUP, "Encoding", p->encoding,
                        _("not an encoding this system can read (e.g. windows-1252)"));
      g_iconv_close (conv);
    }

  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], COLUMN_PREFIX))
      {
        if (!read_column (p, kf, groups[i], error))
          return FALSE;
      }
    else if (!g_str_equal (groups[i], PROFILE_GROUP))
      return invalid (error, groups[i], NULL, NULL,
                      _("unknown group (use [Profile] and [Column HEADER])"));
  if (p->columns->len == 0)
    return invalid (error, PROFILE_GROUP, NULL, NULL,
                    _("no [Column HEADER] group says which column to read"));

  p->signature = get_list (kf, PROFILE_GROUP, "Signature");
  if (p->signature == NULL)
    {
      /* Without a signature: the first date column and every column the profile reads. */
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      g_strv_builder_add (b, date_columns[0]);
      for (guint i = 0; i < p->columns->len; i++)
        g_strv_builder_add (b, ((VastusProfileColumn *) p->columns->pdata[i])->header);
      p->signature = g_strv_builder_end (b);
    }
  return TRUE;
}

VastusProfile *
vastus_profile_new_from_data (const char  *id,
                              const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(VastusProfile) p = g_new0 (VastusProfile, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GRegex) encoding = NULL;
  g_autofree char *key_file_text = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  p->id = g_strdup (id);
  p->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  p->text = g_strndup (data, length);
  if (!g_utf8_validate (p->text, -1, NULL) || strlen (p->text) != length)
    {
      g_set_error_literal (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                           _("a profile is UTF-8 text"));
      return NULL;
    }
  /* GKeyFile takes an Encoding= key in the first group for the key file's own encoding and
   * refuses any but UTF-8; the profile's names the encoding of the files it reads. */
  encoding = g_regex_new ("^[ \\t]*Encoding[ \\t]*=", G_REGEX_MULTILINE, 0, NULL);
  key_file_text = g_regex_replace_literal (encoding, p->text, -1, 0, "FileEncoding=", 0, NULL);
  if (!g_key_file_load_from_data (kf, key_file_text, -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE,
                   /* Translators: %s is the key-file parser's own message; [Profile] is the
                    * group's name in the file and stays as it is */
                   _("not a profile (a key file with a [Profile] group): %s"),
                   local_error->message);
      return NULL;
    }
  if (!read_profile (p, kf, error))
    return NULL;
  return g_steal_pointer (&p);
}

GPtrArray *
vastus_profile_list_builtin (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_profile_free);

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    {
      g_autoptr(GError) error = NULL;
      VastusProfile *p = vastus_profile_new_from_data (builtin[i].id, builtin[i].text, strlen (builtin[i].text),
                                                       &error);

      g_assert_no_error (error);
      p->builtin = TRUE;
      g_ptr_array_add (list, p);
    }
  return list;
}

gboolean
vastus_profile_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

char *
vastus_profile_id_from_filename (const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename);
  g_autoptr(GString) id = g_string_new (NULL);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  for (const char *p = base; *p != '\0' && id->len < 64; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
    else if (id->len > 0 && id->str[id->len - 1] != '-')
      g_string_append_c (id, '-');
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  return id->len > 0 ? g_string_free (g_steal_pointer (&id), FALSE) : NULL;
}

/* Headers */

char *
vastus_profile_header_key (const char *header)
{
  g_autofree char *copy = NULL;

  if (g_str_has_prefix (header, "\xef\xbb\xbf"))
    header += 3;
  copy = g_strstrip (g_strdup (header));
  return g_utf8_casefold (copy, -1);
}

static gboolean
header_has (const VastusCsvRow *header,
            const char         *name)
{
  g_autofree char *key = vastus_profile_header_key (name);

  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *other = vastus_profile_header_key (header->fields[i].text);

      if (g_str_equal (key, other))
        return TRUE;
    }
  return FALSE;
}

gboolean
vastus_profile_fits (const VastusProfile *profile,
                     const VastusCsvRow  *header)
{
  for (guint i = 0; profile->signature[i] != NULL; i++)
    if (!header_has (header, profile->signature[i]))
      return FALSE;
  return TRUE;
}

const VastusProfile *
vastus_profile_detect (GPtrArray  *profiles,
                       const char *head,
                       gsize       length)
{
  for (guint i = 0; i < profiles->len; i++)
    {
      const VastusProfile *p = g_ptr_array_index (profiles, i);
      g_autofree char *converted = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(VastusCsvReader) reader = NULL;
      const VastusCsvRow *header;
      gsize n = length;

      if (p->encoding != NULL)
        {
          converted = g_convert (head, (gssize) length, "UTF-8", p->encoding, NULL, &n, NULL);
          if (converted == NULL)
            continue;
        }
      stream = g_memory_input_stream_new_from_data (converted != NULL ? converted : head,
                                                    (gssize) n, NULL);
      reader = vastus_csv_reader_new (stream, NULL);
      vastus_csv_reader_set_delimiter (reader, p->delimiter);
      header = vastus_csv_reader_next (reader, NULL);
      if (header != NULL && vastus_profile_fits (p, header))
        return p;
    }
  return NULL;
}

/* Cells */

gboolean
vastus_profile_date_is_utc (const VastusProfile *profile,
                            const char          *header)
{
  g_autofree char *key = vastus_profile_header_key (header);

  return profile->utc || g_str_has_suffix (key, " utc");
}

gboolean
vastus_profile_parse_date (const VastusProfile *profile,
                           const char          *date_text,
                           const char          *time_text,
                           gboolean             utc,
                           GDate               *out,
                           GError             **error)
{
  Stamp s = { 0 };
  g_autofree char *date = g_strstrip (g_strdup (date_text));
  g_autofree char *time = time_text != NULL ? g_strstrip (g_strdup (time_text)) : NULL;
  gboolean found = FALSE;

  g_date_clear (out, 1);
  for (guint i = 0; !found && profile->date_formats[i] != NULL; i++)
    {
      memset (&s, 0, sizeof s);
      s.pm = -1;
      found = match_format (profile->date_formats[i], date, &s) &&
              g_date_valid_dmy (s.day, s.month, s.year);
    }
  if (!found)
    {
      g_autofree char *quoted = vastus_text_excerpt (date);
      g_autofree char *formats = g_strjoinv (" or ", profile->date_formats);

      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                   /* Translators: the second %s is a date format such as %d.%m.%Y */
                   _("“%s” is not a date in the form %s"), quoted, formats);
      return FALSE;
    }
  g_date_set_dmy (out, s.day, s.month, s.year);
  if (time == NULL || *time == '\0')
    return TRUE;

  found = FALSE;
  for (guint i = 0; !found && profile->time_formats[i] != NULL; i++)
    {
      s.hour = s.minute = s.second = 0;
      s.pm = -1;
      found = match_format (profile->time_formats[i], time, &s) &&
              (s.pm < 0 ? s.hour <= 23 : s.hour >= 1 && s.hour <= 12) &&
              s.minute <= 59 && s.second <= 59;
    }
  if (!found)
    {
      g_autofree char *quoted = vastus_text_excerpt (time);
      g_autofree char *formats = g_strjoinv (" or ", profile->time_formats);

      g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE,
                   /* Translators: the first %s is the time as the file writes it, the second the
                    * forms the device profile accepts ("HH:MM or HH:MM:SS") */
                   _("“%s” is not a time in the form %s"), quoted, formats);
      return FALSE;
    }
  if (s.pm >= 0)
    s.hour = s.hour % 12 + (s.pm ? 12 : 0);
  if (utc)
    {
      g_autoptr(GDateTime) moment = g_date_time_new_utc (s.year, s.month, s.day, s.hour, s.minute,
                                                       s.second);
      g_autoptr(GDateTime) local = g_date_time_to_local (moment);

      g_date_set_dmy (out, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
    }
  return TRUE;
}

char *
vastus_profile_value_text (const VastusProfile       *profile,
                           const VastusProfileColumn *column,
                           const char                *cell,
                           VastusSide                *side_out,
                           GError                   **error)
{
  g_autofree char *text = g_strstrip (g_strdup (cell));
  gsize len = strlen (text);

  *side_out = VASTUS_SIDE_NONE;
  if (column->side == VASTUS_PROFILE_SIDE_IN_CELL && len >= 2 && text[len - 2] == ' ' &&
      strchr ("LlRr", text[len - 1]) != NULL)
    {
      *side_out = g_ascii_toupper (text[len - 1]) == 'L' ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
      text[len - 2] = '\0';
      g_strchomp (text);
    }
  if (column->unit_in_cell && g_str_has_suffix (text, column->unit))
    {
      gsize n = strlen (text) - strlen (column->unit);

      if (n > 0 && text[n - 1] == ' ')
        {
          text[n] = '\0';
          g_strchomp (text);
        }
    }
  /* "12,5" in a file written with a decimal comma is 12.5. A point there may be a thousands
   * separator ("1.234,5") or a date: refused, never guessed. */
  if (profile->decimal_mark == ',')
    {
      char *comma = strchr (text, ',');

      if (strchr (text, '.') != NULL)
        {
          g_autofree char *quoted = vastus_text_excerpt (cell);

          g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                       /* Translators: %s is a number as a device file wrote it (“17.3”); the
                        * profile says the file writes a comma as its decimal mark */
                       _("“%s” holds a “.”, but the profile’s decimal mark is “,”"), quoted);
          return NULL;
        }
      if (comma != NULL && strchr (comma + 1, ',') == NULL)
        *comma = '.';
    }
  return g_steal_pointer (&text);
}
