/* vastus-device-import.c: a device or spreadsheet export, read through an import profile
 *
 * Each row of the file becomes the flat CSV rows it stands for, one per value the profile reads
 * (patient, date, measure, side, value, unit, trial), and those go through the flat import's
 * own checks, conversion and storage (_vastus_import_row ()): one import, one transaction, the
 * same rules. Messages name the file's own line, column header and cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-csv-import-private.h"
#include "vastus-text.h"
#include "vastus-value.h"

/* A column the profile reads, where it is in this file, and the FileInfo its rows are named by. */
typedef struct
{
  const VastusProfileColumn *column;
  guint                      index;     /* 1-based */
  FileInfo                  *info;
} Mapped;

typedef struct
{
  const VastusProfile *profile;
  const char          *patient_mrn;     /* --patient, or NULL */
  VastusPatient       *patient;         /* its record */
  guint                date, time, mrn, name, discriminator, test;   /* 1-based, 0: none */
  gboolean             utc;
  GArray              *mapped;          /* of Mapped */
  FileInfo            *time_info;       /* names the time column in messages */
  GHashTable          *known_mrns;      /* stored patients seen */
  GHashTable          *skipped_tests;   /* test names listed once */
} Device;

static void
device_clear (Device *d)
{
  g_clear_pointer (&d->patient, vastus_patient_free);
  g_clear_pointer (&d->mapped, g_array_unref);
  g_clear_pointer (&d->known_mrns, g_hash_table_unref);
  g_clear_pointer (&d->skipped_tests, g_hash_table_unref);
}

/* The 1-based index of the first of @names (";"-separated) in @header, else 0. */
static guint
find_header (const VastusCsvRow *header,
             const char         *names,
             const char        **found)
{
  g_auto(GStrv) each = g_strsplit (names, ";", -1);

  for (guint n = 0; each[n] != NULL; n++)
    {
      g_autofree char *key = vastus_profile_header_key (each[n]);

      for (guint i = 0; i < header->n_fields; i++)
        {
          g_autofree char *other = vastus_profile_header_key (header->fields[i].text);

          if (g_str_equal (key, other))
            {
              if (found != NULL)
                *found = header->fields[i].text;
              return i + 1;
            }
        }
    }
  return 0;
}

static void
show (FileInfo           *info,
      Column              column,
      const VastusCsvRow *header,
      guint               index)
{
  if (index == 0)
    return;
  info->shown[column] = index;
  g_free (info->header[column]);
  info->header[column] = g_strstrip (g_strdup (header->fields[index - 1].text));
}

/* What every row of the file names: its patient and date columns. */
static void
show_row_columns (const Device       *d,
                  FileInfo           *info,
                  const VastusCsvRow *header)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    info->column[c] = c + 1;
  show (info, COL_MRN, header, d->mrn != 0 ? d->mrn : d->name);
  show (info, COL_NAME, header, d->name);
  show (info, COL_VISIT_DATE, header, d->date);
}

/* The flat columns a mapped column's own cell fills, named after it in messages. */
static const Column value_columns[] = {
  COL_BODY_MASS, COL_HEIGHT, COL_MEASURE, COL_SIDE, COL_TRIAL, COL_VALUE, COL_UNIT,
};

/* @text without surrounding spaces, escaped and cut, for a message. */
static char *
trimmed_excerpt (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return vastus_text_excerpt (copy);
}

/* A column the profile needs that the file lacks (@names: ";"-separated alternatives). */
static void
missing (VastusCsvImport     *self,
         const Where         *where,
         const VastusProfile *p,
         const char          *names)
{
  g_autofree char *text = vastus_text_excerpt (names);
  g_autofree char *id = vastus_text_excerpt (p->id);

  _vastus_import_add_error (self, where, NO_COLUMN,
                            /* Translators: the first %s is the column's name, the second the
                             * device profile's id */
                            _("the column “%s” of profile “%s” is missing"), text, id);
}

static gboolean
device_header (VastusCsvImport    *self,
               FileInfo           *file,
               const VastusCsvRow *header,
               gpointer            data)
{
  Device *d = data;
  const VastusProfile *p = d->profile;
  g_autoptr(GString) ignored = g_string_new (NULL);
  g_autofree gboolean *used = g_new0 (gboolean, header->n_fields + 1);
  Where where = { file, header->line };
  const char *date_header = NULL;
  guint n_before = self->n_errors;
  guint n_ignored = 0;

  d->date = find_header (header, p->date_column, &date_header);
  if (d->date == 0)
    missing (self, &where, p, p->date_column);
  else
    d->utc = vastus_profile_date_is_utc (p, date_header);
  d->time = p->time_column != NULL ? find_header (header, p->time_column, NULL) : 0;
  d->mrn = p->patient_column != NULL ? find_header (header, p->patient_column, NULL) : 0;
  d->name = p->name_column != NULL ? find_header (header, p->name_column, NULL) : 0;
  d->discriminator = p->discriminator_column != NULL
                     ? find_header (header, p->discriminator_column, NULL) : 0;
  d->test = p->test_column != NULL ? find_header (header, p->test_column, NULL) : 0;
  if (p->patient_column != NULL && d->mrn == 0)
    missing (self, &where, p, p->patient_column);
  else if (d->mrn == 0 && d->patient_mrn == NULL)
    _vastus_import_add_error (self, &where, NO_COLUMN,
                              _("the file names no patient by MRN: choose the patient it "
                                "belongs to (vastus-cli import --patient MRN)"));
  if (p->discriminator_column != NULL && d->discriminator == 0)
    missing (self, &where, p, p->discriminator_column);
  if (p->test_column != NULL && d->test == 0)
    missing (self, &where, p, p->test_column);

  for (guint i = 0; i < p->columns->len; i++)
    {
      const VastusProfileColumn *column = g_ptr_array_index (p->columns, i);
      Mapped m = { column, find_header (header, column->header, NULL), NULL };

      if (m.index == 0)
        {
          missing (self, &where, p, column->header);
          continue;
        }
      m.info = _vastus_import_add_file_info (self, file->name);
      show_row_columns (d, m.info, header);
      for (guint c = 0; c < G_N_ELEMENTS (value_columns); c++)
        show (m.info, value_columns[c], header, m.index);
      used[m.index] = TRUE;
      g_array_append_val (d->mapped, m);
    }
  show_row_columns (d, file, header);
  if (d->time != 0)
    {
      d->time_info = _vastus_import_add_file_info (self, file->name);
      show_row_columns (d, d->time_info, header);
      show (d->time_info, COL_VISIT_DATE, header, d->time);
    }
  if (self->n_errors > n_before)
    return FALSE;

  /* The columns no profile column reads, listed once. */
  for (guint i = 1; i <= header->n_fields; i++)
    if (!used[i] && i != d->date && i != d->time && i != d->mrn && i != d->name &&
        i != d->discriminator && i != d->test)
      {
        g_autofree char *text = trimmed_excerpt (header->fields[i - 1].text);

        if (n_ignored++ > 0)
          g_string_append (ignored, ", ");
        g_string_append (ignored, text);
      }
  if (n_ignored > 0)
    _vastus_import_keep_message (self->warnings, &self->n_warnings,
                                 /* Translators: the first %s is the file's name, the first %u
                                  * the line, the second %u the number of columns, the last %s
                                  * their names */
                                 g_strdup_printf (ngettext ("%s: line %u: %u column is not read: %s",
                                                            "%s: line %u: %u columns are not read: %s",
                                                            n_ignored),
                                                  file->name, header->line, n_ignored,
                                                  ignored->str));
  return TRUE;
}

static const char *
cell (const VastusCsvRow *row,
      guint               index)
{
  return index > 0 ? row->fields[index - 1].text : "";
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ka = vastus_profile_header_key (a);
  g_autofree char *kb = vastus_profile_header_key (b);

  return g_str_equal (ka, kb);
}

/* The row's patient (stored: a device file never adds one), or NULL with an error added. */
static const char *
row_patient (VastusCsvImport    *self,
             Device             *d,
             const Where        *where,
             const VastusCsvRow *row)
{
  g_autofree char *named = g_strstrip (g_strdup (vastus_csv_unneutralize (cell (row, d->mrn))));
  const char *mrn = d->patient_mrn != NULL ? d->patient_mrn : named;
  GError *error = NULL;

  if (d->patient_mrn != NULL && *named != '\0' && !g_str_equal (named, d->patient_mrn))
    {
      g_autofree char *text = vastus_text_excerpt (named);
      g_autofree char *chosen = vastus_text_excerpt (d->patient_mrn);

      _vastus_import_add_error (self, where, COL_MRN,
                                /* Translators: the first %s is the MRN the file names, the
                                 * second the one given with --patient; keep --patient as it is */
                                _("the file names patient “%s”, not “%s” (--patient)"),
                                text, chosen);
      return NULL;
    }
  if (*mrn == '\0')
    {
      _vastus_import_add_error (self, where, COL_MRN, _("A value is required."));
      return NULL;
    }
  if (!g_hash_table_contains (d->known_mrns, mrn))
    {
      g_autoptr(VastusPatient) stored = vastus_database_find_patient (self->db, mrn, &error);

      if (!_vastus_import_store_ok (self, where, error))
        return NULL;
      if (stored == NULL)
        {
          g_autofree char *text = vastus_text_excerpt (mrn);

          _vastus_import_add_error (self, where, COL_MRN,
                                    /* Translators: %s is the medical record number (MRN) in a
                                     * row of the device's export file */
                                    _("no patient has the MRN “%s”: add the patient first (an "
                                      "import from a device never makes one)"), text);
          return NULL;
        }
      g_hash_table_add (d->known_mrns, g_strdup (mrn));
      if (d->patient_mrn != NULL && d->patient == NULL)
        d->patient = g_steal_pointer (&stored);
    }
  /* A name the file gives must be the chosen patient's. */
  if (d->patient != NULL && d->name != 0 && *cell (row, d->name) != '\0' &&
      !same_text (vastus_csv_unneutralize (cell (row, d->name)), d->patient->name))
    {
      g_autofree char *text = vastus_text_excerpt (cell (row, d->name));
      g_autofree char *stored = vastus_text_excerpt (d->patient->name);
      g_autofree char *chosen = vastus_text_excerpt (d->patient_mrn);

      _vastus_import_add_error (self, where, COL_NAME,
                                /* Translators: the first %s is the name in the file, the second
                                 * the MRN given with --patient, the third the stored patient's
                                 * name; keep --patient as it is */
                                _("the file names “%s”, but patient “%s” is “%s” (--patient)"),
                                text, chosen, stored);
      return NULL;
    }
  /* The table's copy: it lasts as long as the file is read. */
  return g_hash_table_lookup (d->known_mrns, mrn);
}

/* The flat CSV's text for the cell of @m, or NULL with an error added. */
static char *
value_text (VastusCsvImport    *self,
            Device             *d,
            const Mapped       *m,
            const VastusCsvRow *row,
            Column              column,
            VastusSide         *side)
{
  g_autoptr(GError) error = NULL;
  char *text = vastus_profile_value_text (d->profile, m->column, cell (row, m->index), side,
                                          &error);
  Where where = { m->info, row->line };

  if (text == NULL)
    _vastus_import_add_error (self, &where, column, "%s", error->message);
  return text;
}

static void
device_row (VastusCsvImport    *self,
            FileInfo           *file,
            const VastusCsvRow *row,
            gpointer            data)
{
  Device *d = data;
  Where where = { file, row->line };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) trials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *discriminator = cell (row, d->discriminator);
  const char *mrn;
  char iso[VASTUS_DATE_BUF_SIZE];
  GDate date;
  const char *body_mass = "", *height = "";
  g_autofree char *body_mass_text = NULL, *height_text = NULL;
  guint n_values = 0;

  if (d->test != 0)
    {
      gboolean known = FALSE;

      for (guint i = 0; !known && d->profile->tests[i] != NULL; i++)
        known = same_text (cell (row, d->test), d->profile->tests[i]);
      if (!known)
        {
          g_autofree char *key = vastus_profile_header_key (cell (row, d->test));

          if (g_hash_table_add (d->skipped_tests, g_steal_pointer (&key)))
            {
              g_autofree char *text = trimmed_excerpt (cell (row, d->test));

              _vastus_import_keep_message (self->warnings, &self->n_warnings,
                                           /* Translators: the first %s is the file's name, %u
                                            * the line, the second %s the test's name, the third
                                            * the device profile's id */
                                           g_strdup_printf (_("%s: line %u: the test “%s” is not "
                                                              "one profile “%s” reads: its rows "
                                                              "are skipped"),
                                                            file->name, row->line, text,
                                                            d->profile->id));
            }
          return;
        }
    }

  /* The date alone first, so that a message names the column that holds the fault. */
  if (!vastus_profile_parse_date (d->profile, cell (row, d->date), NULL, FALSE, &date, &error))
    {
      _vastus_import_add_error (self, &where, COL_VISIT_DATE, "%s", error->message);
      return;
    }
  if (d->time != 0 &&
      !vastus_profile_parse_date (d->profile, cell (row, d->date), cell (row, d->time), d->utc,
                                  &date, &error))
    {
      Where at = { d->time_info, row->line };

      _vastus_import_add_error (self, &at, COL_VISIT_DATE, "%s", error->message);
      return;
    }
  vastus_date_format (&date, iso);
  mrn = row_patient (self, d, &where, row);
  if (mrn == NULL)
    return;

  /* Visit details first: they ride on each measurement of the row. */
  for (guint i = 0; i < d->mapped->len; i++)
    {
      const Mapped *m = &g_array_index (d->mapped, Mapped, i);
      VastusSide side;

      if ((m->column->when != NULL && !same_text (m->column->when, discriminator)) ||
          *cell (row, m->index) == '\0')
        continue;
      if (g_str_equal (m->column->measure, VASTUS_PROFILE_BODY_MASS))
        body_mass = body_mass_text = value_text (self, d, m, row, COL_BODY_MASS, &side);
      else if (g_str_equal (m->column->measure, VASTUS_PROFILE_HEIGHT))
        height = height_text = value_text (self, d, m, row, COL_HEIGHT, &side);
      if (body_mass == NULL || height == NULL)
        return;
    }

  for (guint i = 0; i < d->mapped->len; i++)
    {
      const Mapped *m = &g_array_index (d->mapped, Mapped, i);
      const VastusProfileColumn *column = m->column;
      g_autofree char *value = NULL;
      g_autofree char *slot = NULL;
      char trial[16];
      const char *fields[N_COLUMNS] = { NULL };
      VastusCsvField cells[N_COLUMNS];
      VastusCsvRow flat = { row->line, N_COLUMNS, cells };
      Row r = { m->info, &flat, { m->info, row->line } };
      VastusSide side = VASTUS_SIDE_NONE, in_cell;
      guint n;

      if ((column->when != NULL && !same_text (column->when, discriminator)) ||
          *cell (row, m->index) == '\0' || vastus_catalog_lookup (column->measure) == NULL)
        continue;
      n_values++;
      value = value_text (self, d, m, row, COL_VALUE, &in_cell);
      if (value == NULL)
        continue;
      fields[COL_MRN] = mrn;
      fields[COL_VISIT_DATE] = iso;
      fields[COL_MEASURE] = column->measure;
      fields[COL_VALUE] = value;
      fields[COL_UNIT] = column->unit;
      fields[COL_BODY_MASS] = body_mass;
      fields[COL_HEIGHT] = height;
      for (guint c = 0; c < N_COLUMNS; c++)
        cells[c] = (VastusCsvField) { (char *) (fields[c] != NULL ? fields[c] : ""), row->line,
                                      c + 1 };

      switch (column->side)
        {
        case VASTUS_PROFILE_SIDE_LEFT: side = VASTUS_SIDE_LEFT; break;
        case VASTUS_PROFILE_SIDE_RIGHT: side = VASTUS_SIDE_RIGHT; break;
        case VASTUS_PROFILE_SIDE_NONE: side = VASTUS_SIDE_NONE; break;
        case VASTUS_PROFILE_SIDE_IN_CELL:
          if (in_cell == VASTUS_SIDE_NONE)
            {
              g_autofree char *text = vastus_text_excerpt (cell (row, m->index));

              _vastus_import_add_error (self, &r.where, COL_VALUE,
                                        /* Translators: %s is a value as the device's file wrote
                                         * it; the example stays as the device writes it */
                                        _("“%s” names no side: the profile reads the side "
                                          "from a letter after the value (“17.3 R”)"), text);
              continue;
            }
          side = in_cell;
          break;
        case VASTUS_PROFILE_SIDE_INVOLVED:
        case VASTUS_PROFILE_SIDE_UNINVOLVED:
          {
            const VastusEpisode *episode = _vastus_import_row_episode (self, &r);

            if (episode == NULL)
              continue;
            if (episode->involved_side != VASTUS_SIDE_LEFT &&
                episode->involved_side != VASTUS_SIDE_RIGHT)
              {
                _vastus_import_add_error (self, &r.where, COL_SIDE,
                                          /* Translators: %s is what the device's file wrote in
                                           * its side column (“involved”) */
                                          _("the episode of care has both knees involved: "
                                            "“%s” names no one side"),
                                          vastus_profile_side_to_string (column->side));
                continue;
              }
            side = (column->side == VASTUS_PROFILE_SIDE_INVOLVED) ==
                   (episode->involved_side == VASTUS_SIDE_LEFT)
                   ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
          }
          break;
        default:
          g_assert_not_reached ();
        }
      cells[COL_SIDE].text = (char *) vastus_side_to_string (side);

      /* Several columns of one measure and side are its trials, in the profile's order. */
      slot = g_strdup_printf ("%s %s", column->measure, cells[COL_SIDE].text);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (trials, slot)) + 1;
      g_hash_table_replace (trials, g_steal_pointer (&slot), GUINT_TO_POINTER (n));
      g_snprintf (trial, sizeof trial, "%u", n);
      cells[COL_TRIAL].text = trial;
      _vastus_import_row (self, &r);
    }
  if (n_values == 0 && (*body_mass != '\0' || *height != '\0'))
    _vastus_import_add_warning (self, &where, NO_COLUMN,
                                _("body mass or height without a measurement on the row: "
                                  "not imported"));
}

gboolean
vastus_csv_import_add_profile_stream (VastusCsvImport      *self,
                                      const VastusProfile  *profile,
                                      const char           *patient_mrn,
                                      const char           *name,
                                      GInputStream         *stream,
                                      GCancellable         *cancellable,
                                      GError              **error)
{
  static const FileReader device = { device_header, device_row };
  g_autoptr(GInputStream) converted = NULL;
  Device d = { profile, patient_mrn };
  gboolean ok;

  g_return_val_if_fail (profile != NULL, FALSE);

  /* A legacy encoding only where the profile names it; else the reader takes UTF-8 alone. */
  if (profile->encoding != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", profile->encoding,
                                                                        error);

      if (converter == NULL)
        return FALSE;
      converted = g_converter_input_stream_new (stream, G_CONVERTER (converter));
      stream = converted;
    }
  d.mapped = g_array_new (FALSE, FALSE, sizeof (Mapped));
  d.known_mrns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);   /* key = value */
  d.skipped_tests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = _vastus_import_read_file (self, name, stream, cancellable, profile->delimiter, &device,
                                 &d, error);
  device_clear (&d);
  return ok;
}

gboolean
vastus_csv_import_add_profile_file (VastusCsvImport      *self,
                                    const VastusProfile  *profile,
                                    const char           *patient_mrn,
                                    const char           *path,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &local_error);
  g_autoptr(GFileInfo) info = NULL;
  gboolean ok;

  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                           &local_error);
  if (info == NULL)
    {
      /* Translators: the first %s is a file name, the second the reason */
      _vastus_import_keep_error (self, 0, 0, g_strdup_printf (_("%s: could not be read: %s"),
                                                              name, local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->progress_source = G_SEEKABLE (stream);
  self->progress_size = g_file_info_get_size (info);
  ok = vastus_csv_import_add_profile_stream (self, profile, patient_mrn, name,
                                             G_INPUT_STREAM (stream), cancellable, error);
  self->progress_source = NULL;
  return ok;
}
