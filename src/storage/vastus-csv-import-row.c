/* vastus-csv-import-row.c: reading one row of a flat CSV file, and the import's messages
 *
 * Each cell is parsed and checked against the rules the schema and the validators hold, before
 * anything is looked up or stored; every message names file, line, column and the limit, and
 * quotes at most VASTUS_TEXT_EXCERPT_CHARS characters of the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-csv-import-private.h"
#include "vastus-model-error.h"
#include "vastus-text.h"
#include "vastus-units.h"
#include "vastus-validate.h"
#include "vastus-value.h"

const ColumnInfo _vastus_import_columns[N_COLUMNS] = {
  [COL_MRN]           = { "mrn", TRUE },
  [COL_NAME]          = { "name", FALSE },
  [COL_FAMILY_NAME]   = { "family_name", FALSE },
  [COL_GIVEN_NAME]    = { "given_name", FALSE },
  [COL_BIRTH_DATE]    = { "birth_date", FALSE },
  [COL_SEX]           = { "sex", FALSE },
  [COL_CONDITION]     = { "condition", FALSE },
  [COL_INVOLVED_SIDE] = { "involved_side", FALSE },
  [COL_SURGERY_DATE]  = { "surgery_date", FALSE },
  [COL_INJURY_DATE]   = { "injury_date", FALSE },
  [COL_VISIT_DATE]    = { "visit_date", TRUE },
  [COL_BODY_MASS]     = { "body_mass_kg", FALSE },
  [COL_HEIGHT]        = { "height_cm", FALSE },
  [COL_CLINICIAN]     = { "clinician", FALSE },
  [COL_NOTE]          = { "note", FALSE, "notes" },
  [COL_MEASURE]       = { "measure", TRUE },
  [COL_SIDE]          = { "side", TRUE },
  [COL_TRIAL]         = { "trial", FALSE },
  [COL_VALUE]         = { "value", TRUE },
  [COL_UNIT]          = { "unit", TRUE },
  [COL_BASELINE]      = { "baseline", FALSE },
  [COL_KNEE_ANGLE]    = { "knee_angle_deg", FALSE },
  [COL_VELOCITY]      = { "velocity_deg_s", FALSE },
  [COL_FIXATION]      = { "fixation", FALSE },
  [COL_LEVER_ARM]     = { "lever_arm_cm", FALSE },
};

/* Messages */

/* The column (1-based) a message names, 0: none. */
static guint
column_index (const Where *where,
              Column       column)
{
  const FileInfo *file = where->file;

  return column == NO_COLUMN ? 0
         : file->shown[column] != 0 ? file->shown[column] : file->column[column];
}

/* "FILE: line L, column C (name): MESSAGE"; without C when the column is not in the file. */
static char *
located (const Where *where,
         Column       column,
         const char  *message)
{
  const FileInfo *file = where->file;
  guint index = column_index (where, column);
  g_autofree char *header = column != NO_COLUMN && file->header[column] != NULL
                            ? vastus_text_excerpt (file->header[column]) : NULL;
  const char *name = header != NULL ? header
                     : column != NO_COLUMN ? _vastus_import_columns[column].name : NULL;

  if (column == NO_COLUMN)
    return g_strdup_printf (_("%s: line %u: %s"), file->name, where->line, message);
  if (index == 0)
    /* Translators: the first %s is the file's name, %u the line, the second %s the column's
     * name, the third the problem */
    return g_strdup_printf (_("%s: line %u (%s): %s"), file->name, where->line, name, message);
  return g_strdup_printf (_("%s: line %u, column %u (%s): %s"), file->name, where->line,
                          index, name, message);
}

void
_vastus_import_keep_message (GPtrArray *messages,
                             guint     *n,
                             char      *message)
{
  (*n)++;
  if (messages->len < VASTUS_CSV_IMPORT_MAX_MESSAGES)
    g_ptr_array_add (messages, message);
  else
    g_free (message);
}

void
_vastus_import_keep_error (VastusCsvImport *self,
                           guint            line,
                           guint            column,
                           char            *message)
{
  if (self->errors->len < VASTUS_CSV_IMPORT_MAX_MESSAGES)
    {
      guint place[2] = { line, column };

      g_array_append_vals (self->error_places, place, 2);
    }
  _vastus_import_keep_message (self->errors, &self->n_errors, message);
}

void
_vastus_import_add_error (VastusCsvImport *self,
                          const Where     *where,
                          Column           column,
                          const char      *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _vastus_import_keep_error (self, where->line, column_index (where, column),
                             located (where, column, message));
}

void
_vastus_import_add_warning (VastusCsvImport *self,
                            const Where     *where,
                            Column           column,
                            const char      *message)
{
  _vastus_import_keep_message (self->warnings, &self->n_warnings, located (where, column, message));
}

/* A failure of the database itself ends the import: nothing more is read. */
void
_vastus_import_store_failed (VastusCsvImport *self,
                             const Where     *where,
                             GError          *error)
{
  _vastus_import_add_error (self, where, NO_COLUMN, "%s", error->message);
  if (self->store_error == NULL)
    self->store_error = error;
  else
    g_error_free (error);
}

/* The column a validation problem's field names, else @fallback. */
static Column
column_of_field (const char *field,
                 Column      fallback)
{
  for (guint c = 0; field != NULL && c < N_COLUMNS; c++)
    if (g_str_equal (_vastus_import_columns[c].name, field) ||
        g_strcmp0 (_vastus_import_columns[c].field, field) == 0)
      return c;
  return fallback;
}

/* Adds the problems as errors (hard) and warnings (soft); returns FALSE if any was hard. */
gboolean
_vastus_import_report_problems (VastusCsvImport *self,
                                const Where     *where,
                                GPtrArray       *problems,
                                Column           fallback)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);
      Column column = column_of_field (p->field, fallback);

      if (p->soft)
        _vastus_import_add_warning (self, where, column, p->message);
      else
        {
          _vastus_import_add_error (self, where, column, "%s", p->message);
          ok = FALSE;
        }
    }
  return ok;
}

gboolean
_vastus_import_store_ok (VastusCsvImport *self,
                         const Where     *where,
                         GError          *error)
{
  if (error == NULL)
    return TRUE;
  _vastus_import_store_failed (self, where, error);
  return FALSE;
}

/* Cells */

const char *
_vastus_import_cell (const Row *r,
                     Column     column)
{
  guint index = r->file->column[column];

  return index > 0 ? r->row->fields[index - 1].text : "";
}

const char *
_vastus_import_text_cell (const Row *r,
                          Column     column)
{
  return vastus_csv_unneutralize (_vastus_import_cell (r, column));
}

gboolean
_vastus_import_has (const Row *r,
                    Column     column)
{
  return *_vastus_import_cell (r, column) != '\0';
}

/* The cell for a message: escaped, cut to a few dozen characters. */
char *
_vastus_import_quoted (const Row *r,
                       Column     column)
{
  return vastus_text_excerpt (_vastus_import_cell (r, column));
}

/* Each parse_* reports its own error and returns FALSE. */

gboolean
_vastus_import_parse_date (VastusCsvImport *self,
                           const Row       *r,
                           Column           column,
                           GDate           *out)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  if (!_vastus_import_has (r, column))
    return TRUE;
  if (!vastus_date_parse (_vastus_import_cell (r, column), out, &error))
    {
      _vastus_import_add_error (self, &r->where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_vastus_import_parse_number (VastusCsvImport *self,
                             const Row       *r,
                             Column           column,
                             double          *out)
{
  g_autoptr(GError) error = NULL;

  *out = NAN;
  if (!_vastus_import_has (r, column))
    return TRUE;
  if (!vastus_number_parse (_vastus_import_cell (r, column), out, &error))
    {
      _vastus_import_add_error (self, &r->where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The text cells hold no control characters, whatever else is wrong with the row. */
gboolean
_vastus_import_check_text_cells (VastusCsvImport *self,
                                 const Row       *r)
{
  static const struct { Column column; VastusTextKind kind; const char *what; } text_columns[] = {
    { COL_NAME, VASTUS_TEXT_LINE, N_("The name") },
    { COL_FAMILY_NAME, VASTUS_TEXT_LINE, N_("The family name") },
    { COL_GIVEN_NAME, VASTUS_TEXT_LINE, N_("The given names") },
    { COL_CLINICIAN, VASTUS_TEXT_LINE, N_("The clinician") },
    /* Translators: the subject of a text check's message ("The note has a control character …") */
    { COL_NOTE, VASTUS_TEXT_LINES, N_("The note") },
  };
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

  vastus_mrn_check (_vastus_import_text_cell (r, COL_MRN), problems);
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    vastus_text_check (problems, _vastus_import_columns[text_columns[i].column].name,
                       _(text_columns[i].what),
                       _vastus_import_text_cell (r, text_columns[i].column), text_columns[i].kind);
  return _vastus_import_report_problems (self, &r->where, problems, COL_MRN);
}

/* Measurements */

/* Converts the typed value to the stored unit, as exact decimals rounded once. */
static gboolean
convert_value (const char  *unit,
               const char  *text,
               double      *value,
               GError     **error)
{
  if (vastus_csv_number_to_stored (unit, text, value))
    return TRUE;
  {
    g_autofree char *quoted_text = vastus_text_excerpt (text);

    g_set_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                 fabs (*value) > 1
                 /* Translators: "“1e308” lbf is too large a number in N" */
                 ? _("“%s” %s is too large a number in %s")
                 /* Translators: the first %s is the number as written, the second its unit, the
                  * third the unit Vastus stores it in */
                 : _("“%s” %s is too small a number to keep in %s (it would become 0)"),
                 quoted_text, unit, vastus_unit_lookup (unit)->stored);
  }
  return FALSE;
}

VastusMeasurement *
_vastus_import_parse_measurement (VastusCsvImport *self,
                                  const Row       *r)
{
  const VastusMeasure *measure = vastus_catalog_lookup (_vastus_import_cell (r, COL_MEASURE));
  const char *unit = _vastus_import_cell (r, COL_UNIT);
  const Where *where = &r->where;
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  VastusSide side;
  double value = NAN, trial = 1, angle, velocity, lever_arm = NAN;
  VastusFixation fixation;
  gboolean baseline = FALSE;
  gboolean ok = TRUE;

  if (measure == NULL)
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_MEASURE);

      _vastus_import_add_error (self, where, COL_MEASURE,
                                _("“%s” is not a measure Vastus knows."), text);
      return NULL;
    }
  if (!vastus_side_from_string (_vastus_import_cell (r, COL_SIDE), &side) ||
      side == VASTUS_SIDE_BOTH)
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_SIDE);

      _vastus_import_add_error (self, where, COL_SIDE,
                                /* Translators: %s is the text of the CSV file's side column;
                                 * left, right and none are the values a file writes and stay in
                                 * English */
                                _("“%s” is not a side (use left, right or none)."), text);
      ok = FALSE;
    }
  else if (measure->two_sided && side == VASTUS_SIDE_NONE)
    {
      _vastus_import_add_error (self, where, COL_SIDE,
                                /* Translators: %s is the measure's code in the CSV file
                                 * (“quadriceps_hhd”); left and right are the values a file
                                 * writes and stay in English */
                                _("%s is measured per side: use left or right."),
                                measure->code);
      ok = FALSE;
    }
  else if (!measure->two_sided && side != VASTUS_SIDE_NONE)
    {
      /* Translators: %s is the measure's code in the CSV file; none is the value a file writes
       * and stays in English */
      _vastus_import_add_error (self, where, COL_SIDE, _("%s has no side: use none."),
                                measure->code);
      ok = FALSE;
    }

  if (!vastus_measure_accepts_unit (measure, unit))
    {
      g_autofree char *accepted = g_strjoinv (", ", (char **) measure->input_units);
      g_autofree char *text = _vastus_import_quoted (r, COL_UNIT);

      _vastus_import_add_error (self, where, COL_UNIT,
                                /* Translators: the first %s is the measure's code, the second
                                 * the unit given, the third the units accepted, comma-separated */
                                _("%s is not measured in “%s” (use %s)."),
                                measure->code, text, accepted);
      ok = FALSE;
    }
  else
    {
      switch (measure->kind)
        {
        case VASTUS_VALUE_NUMBER:
          if (vastus_number_parse (_vastus_import_cell (r, COL_VALUE), &value, &error))
            convert_value (unit, _vastus_import_cell (r, COL_VALUE), &value, &error);
          break;
        case VASTUS_VALUE_GRADE:
          {
            VastusGrade grade;

            if (vastus_grade_parse (_vastus_import_cell (r, COL_VALUE), &grade, &error))
              value = grade;
          }
          break;
        case VASTUS_VALUE_BOOL:
          {
            gboolean yes;

            if (vastus_bool_parse (_vastus_import_cell (r, COL_VALUE), &yes, &error))
              value = yes ? 1 : 0;
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (error != NULL)
        {
          _vastus_import_add_error (self, where, COL_VALUE, "%s", error->message);
          g_clear_error (&error);
          ok = FALSE;
        }
    }

  /* The one trial rule (VASTUS_MAX_TRIALS), checked before anything is stored. */
  if (_vastus_import_has (r, COL_TRIAL) &&
      (!vastus_number_parse (_vastus_import_cell (r, COL_TRIAL), &trial, NULL) ||
       trial < 1 || trial > VASTUS_MAX_TRIALS || trial != floor (trial)))
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_TRIAL);

      _vastus_import_add_error (self, where, COL_TRIAL,
                                /* Translators: %s is the trial as written, %d the most trials */
                                _("“%s” is not a trial number: use a whole number from 1 to %d."),
                                text, VASTUS_MAX_TRIALS);
      ok = FALSE;
    }
  if (_vastus_import_has (r, COL_BASELINE) &&
      !vastus_bool_parse (_vastus_import_cell (r, COL_BASELINE), &baseline, &error))
    {
      _vastus_import_add_error (self, where, COL_BASELINE, "%s", error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  ok &= _vastus_import_parse_number (self, r, COL_KNEE_ANGLE, &angle);
  ok &= _vastus_import_parse_number (self, r, COL_VELOCITY, &velocity);
  if (_vastus_import_has (r, COL_LEVER_ARM) &&
      !vastus_lever_arm_from_cm (_vastus_import_cell (r, COL_LEVER_ARM), &lever_arm))
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_LEVER_ARM);

      _vastus_import_add_error (self, where, COL_LEVER_ARM,
                                /* Translators: %s is the text of the CSV file's lever arm
                                 * column; files write a point as the decimal mark */
                                _("“%s” is not a lever arm in centimetres (a number such as 35.5)."),
                                text);
      ok = FALSE;
    }
  if (_vastus_import_has (r, COL_FIXATION) &&
      !vastus_fixation_from_string (_vastus_import_cell (r, COL_FIXATION), &fixation))
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_FIXATION);

      _vastus_import_add_error (self, where, COL_FIXATION,
                                /* Translators: %s is the text of the CSV file's fixation column;
                                 * belt, frame and manual are the values a file writes and stay
                                 * in English */
                                _("“%s” is not a fixation (use belt, frame or manual)."), text);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  m = vastus_measurement_new (measure->code, side, (int) trial, value, unit);
  m->baseline = baseline;
  if (_vastus_import_has (r, COL_FIXATION))
    m->fixation = g_strdup (vastus_fixation_to_string (fixation));

  /* The value alone first, then each test condition, so that problems name the right column. */
  {
    g_autoptr(GPtrArray) problems =
      g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
    struct { Column column; double angle, velocity, lever_arm; } passes[] = {
      { COL_VALUE, NAN, NAN, NAN },
      { COL_KNEE_ANGLE, angle, NAN, NAN },
      { COL_VELOCITY, NAN, velocity, NAN },
      { COL_LEVER_ARM, NAN, NAN, lever_arm },
    };
    guint n_value = 0;

    for (guint pass = 0; pass < G_N_ELEMENTS (passes); pass++)
      {
        m->knee_angle_deg = passes[pass].angle;
        m->velocity_deg_s = passes[pass].velocity;
        m->lever_arm_m = passes[pass].lever_arm;
        g_ptr_array_set_size (problems, 0);
        vastus_measurement_check (m, 0, problems);
        for (guint i = pass == 0 ? 0 : n_value; i < problems->len; i++)
          {
            const VastusProblem *p = g_ptr_array_index (problems, i);
            Column column = pass > 0 ? passes[pass].column
                            : p->code == VASTUS_VALIDATION_ERROR_UNIT ? COL_UNIT
                            : p->code == VASTUS_VALIDATION_ERROR_SIDE ? COL_SIDE : COL_VALUE;

            if (p->soft)
              _vastus_import_add_warning (self, where, column, p->message);
            else
              {
                _vastus_import_add_error (self, where, column, "%s", p->message);
                ok = FALSE;
              }
          }
        if (pass == 0)
          n_value = problems->len;
      }
    m->knee_angle_deg = angle;
    m->velocity_deg_s = velocity;
    m->lever_arm_m = lever_arm;
  }
  return ok ? g_steal_pointer (&m) : NULL;
}

/* Reads the header: where each column is. FALSE (with errors added) when it cannot be used. */
gboolean
_vastus_import_read_header (VastusCsvImport    *self,
                            FileInfo           *file,
                            const VastusCsvRow *header)
{
  guint n_errors = self->n_errors;
  Where where = { file, header->line };

  for (guint i = 0; i < header->n_fields; i++)
    {
      const VastusCsvField *f = &header->fields[i];
      g_autofree char *text = vastus_text_excerpt (f->text);
      g_autofree char *message = NULL;
      int column = -1;

      where.line = f->line;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (_vastus_import_columns[c].name, f->text))
          column = c;
      if (column < 0)
        /* Translators: the first %s is the file's name, the first %u the line, the second %u the
         * column, the second %s the column's name as written */
        message = g_strdup_printf (_("%s: line %u, column %u: unknown column “%s”"),
                                   file->name, where.line, f->column, text);
      else if (file->column[column] != 0)
        /* Translators: the first %s is the file's name, the first %u the line, the second %u the
         * column, the second %s the column's name, the last %u the column where it was first */
        message = g_strdup_printf (_("%s: line %u, column %u: the column “%s” is there twice "
                                     "(also column %u)"),
                                   file->name, where.line, f->column, text, file->column[column]);
      else
        file->column[column] = f->column;
      if (message != NULL)
        _vastus_import_keep_error (self, where.line, f->column, g_steal_pointer (&message));
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (_vastus_import_columns[c].required && file->column[c] == 0)
      _vastus_import_keep_error (self, header->line, 0,
                                 /* Translators: the first %s is the file's name, %u the line,
                                  * the second %s the column's name */
                                 g_strdup_printf (_("%s: line %u: the required column “%s” is "
                                                    "missing"), file->name, header->line,
                                                  _vastus_import_columns[c].name));
  return self->n_errors == n_errors;
}

/* @error from the first of the errors since @n_errors ("… (and 3 more errors)"). */
void
_vastus_import_first_error (VastusCsvImport  *self,
                            guint             n_before,
                            int               code,
                            GError          **error)
{
  guint more = self->n_errors - n_before - 1;
  const char *first = n_before < self->errors->len
                      ? g_ptr_array_index (self->errors, n_before)
                      : g_ptr_array_index (self->errors, self->errors->len - 1);

  if (more == 0)
    g_set_error_literal (error, VASTUS_CSV_ERROR, code, first);
  else
    g_set_error (error, VASTUS_CSV_ERROR, code,
                 /* Translators: %s is the first error, %u the number of the other errors */
                 ngettext ("%s (and %u more error)", "%s (and %u more errors)", more), first, more);
}

