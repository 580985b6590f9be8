/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-csv-import.h"
#include "vastus-database-private.h"
#include "vastus-model-error.h"
#include "vastus-units.h"
#include "vastus-validate.h"
#include "vastus-value.h"

/* The columns of product.md's flat CSV. */
typedef enum
{
  COL_MRN,
  COL_NAME,
  COL_BIRTH_DATE,
  COL_SEX,
  COL_CONDITION,
  COL_INVOLVED_SIDE,
  COL_SURGERY_DATE,
  COL_INJURY_DATE,
  COL_VISIT_DATE,
  COL_BODY_MASS,
  COL_HEIGHT,
  COL_CLINICIAN,
  COL_NOTE,
  COL_MEASURE,
  COL_SIDE,
  COL_TRIAL,
  COL_VALUE,
  COL_UNIT,
  COL_BASELINE,
  COL_KNEE_ANGLE,
  COL_VELOCITY,
  N_COLUMNS,
  NO_COLUMN = -1,
} Column;

static const struct
{
  const char *name;
  gboolean    required;
  const char *field;        /* the validators' name for it (VastusProblem.field), if another */
} columns[N_COLUMNS] = {
  [COL_MRN]           = { "mrn", TRUE },
  [COL_NAME]          = { "name", FALSE },
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
};

/* One file: its name and where each column is (0: absent, else the 1-based field index). */
typedef struct
{
  char  *name;
  guint  column[N_COLUMNS];
} FileInfo;

typedef struct
{
  const FileInfo *file;
  guint           line;
} Where;

/* The patient the last rows named, with its episodes: rows come grouped by patient. */
typedef struct
{
  VastusPatient *patient;
  GPtrArray     *episodes;        /* of VastusEpisode*, newest first, as listed */
} Patient;

/* The visit the current rows fill. A new one is stored when the rows move on to another visit
 * (with everything they added to it); a stored one gets the new measurements then. */
typedef struct
{
  VastusVisit   *visit;           /* stored ones with their stored measurements */
  gboolean       is_new;          /* not stored yet */
  gboolean       ours;            /* new, or stored by this import: later rows may fill it in */
  gboolean       changed;         /* ours and stored, and filled in since */
  gboolean       refused;         /* its first row was refused: so are the others */
  Where          where;           /* its first row in this import */
  GPtrArray     *added;           /* of VastusMeasurement* */
  GArray        *added_where;     /* of Where, parallel to @added */
} Visit;

struct _VastusCsvImport
{
  VastusDatabase *db;
  GDate           today;
  GPtrArray      *files;          /* of FileInfo* */
  gboolean        begun;          /* the write transaction is open */
  gboolean        committed;
  GError         *store_error;    /* the database failed: nothing more is read */

  /* Rows with ids above these were added by this import; where each was first named. */
  gint64          base_patient, base_episode, base_visit, base_measurement;
  GArray         *new_patients;   /* of Where, by id − base − 1 */
  GArray         *new_episodes;
  GArray         *new_visits;

  Patient         patient;        /* patient.patient NULL: none yet */
  Visit          *visit;          /* the visit being filled, or NULL */
  GHashTable     *refused_mrns;   /* new patients whose first row was refused */
  GHashTable     *touched_visits; /* stored visit id → Where*: visits that got measurements */
  GHashTable     *touched_set;    /* episode ids whose visits changed … */
  GArray         *touched;        /* … in the order they were first touched (gint64) */

  GPtrArray      *errors;
  guint           n_errors;
  GPtrArray      *warnings;
  guint           n_warnings;
  VastusCsvImportCounts counts;
};

static void
visit_free (Visit *v)
{
  vastus_visit_free (v->visit);
  g_ptr_array_unref (v->added);
  g_array_unref (v->added_where);
  g_free (v);
}

static void
file_info_free (FileInfo *file)
{
  g_free (file->name);
  g_free (file);
}

static void
patient_clear (Patient *p)
{
  g_clear_pointer (&p->patient, vastus_patient_free);
  g_clear_pointer (&p->episodes, g_ptr_array_unref);
}

VastusCsvImport *
vastus_csv_import_new (VastusDatabase *db)
{
  VastusCsvImport *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  self = g_new0 (VastusCsvImport, 1);
  self->db = g_object_ref (db);
  vastus_date_today (&self->today);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_info_free);
  self->new_patients = g_array_new (FALSE, TRUE, sizeof (Where));
  self->new_episodes = g_array_new (FALSE, TRUE, sizeof (Where));
  self->new_visits = g_array_new (FALSE, TRUE, sizeof (Where));
  self->refused_mrns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched_visits = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->touched_set = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
vastus_csv_import_free (VastusCsvImport *self)
{
  if (self == NULL)
    return;
  if (self->begun && !self->committed)
    vastus_database_rollback (self->db);
  g_clear_pointer (&self->visit, visit_free);
  patient_clear (&self->patient);
  g_array_unref (self->new_patients);
  g_array_unref (self->new_episodes);
  g_array_unref (self->new_visits);
  g_hash_table_unref (self->refused_mrns);
  g_hash_table_unref (self->touched_visits);
  g_hash_table_unref (self->touched_set);
  g_array_unref (self->touched);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_clear_error (&self->store_error);
  g_object_unref (self->db);
  g_free (self);
}

GPtrArray *
vastus_csv_import_get_errors (VastusCsvImport *self)
{
  return self->errors;
}

guint
vastus_csv_import_get_n_errors (VastusCsvImport *self)
{
  return self->n_errors;
}

GPtrArray *
vastus_csv_import_get_warnings (VastusCsvImport *self)
{
  return self->warnings;
}

guint
vastus_csv_import_get_n_warnings (VastusCsvImport *self)
{
  return self->n_warnings;
}

/* Messages */

/* "FILE: line L, column C (name): MESSAGE"; without C when the column is not in the file. */
static char *
located (const Where *where,
         Column       column,
         const char  *message)
{
  guint index = column != NO_COLUMN ? where->file->column[column] : 0;

  if (column == NO_COLUMN)
    return g_strdup_printf (_("%s: line %u: %s"), where->file->name, where->line, message);
  if (index == 0)
    return g_strdup_printf (_("%s: line %u (%s): %s"), where->file->name, where->line,
                            columns[column].name, message);
  return g_strdup_printf (_("%s: line %u, column %u (%s): %s"), where->file->name, where->line,
                          index, columns[column].name, message);
}

static void
keep_message (GPtrArray *messages,
              guint     *n,
              char      *message)
{
  (*n)++;
  if (messages->len < VASTUS_CSV_IMPORT_MAX_MESSAGES)
    g_ptr_array_add (messages, message);
  else
    g_free (message);
}

G_GNUC_PRINTF (4, 5)
static void
add_error (VastusCsvImport *self,
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
  keep_message (self->errors, &self->n_errors, located (where, column, message));
}

static void
add_warning (VastusCsvImport *self,
             const Where     *where,
             Column           column,
             const char      *message)
{
  keep_message (self->warnings, &self->n_warnings, located (where, column, message));
}

/* A failure of the database itself ends the import: nothing more is read. */
static void
store_failed (VastusCsvImport *self,
              const Where     *where,
              GError          *error)
{
  add_error (self, where, NO_COLUMN, "%s", error->message);
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
    if (g_str_equal (columns[c].name, field) || g_strcmp0 (columns[c].field, field) == 0)
      return c;
  return fallback;
}

/* Adds the problems as errors (hard) and warnings (soft); returns FALSE if any was hard. */
static gboolean
report_problems (VastusCsvImport *self,
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
        add_warning (self, where, column, p->message);
      else
        {
          add_error (self, where, column, "%s", p->message);
          ok = FALSE;
        }
    }
  return ok;
}

static const char *
where_text (const Where *w,
            char        *buf,
            gsize        size)
{
  g_snprintf (buf, size, _("%s line %u"), w->file->name, w->line);
  return buf;
}

/* Where a row added by this import was first named (@base: the largest id before it). */
static void
remember_new (GArray      *wheres,
              gint64       base,
              gint64       id,
              const Where *where)
{
  guint index = (guint) (id - base - 1);

  if (index >= wheres->len)
    g_array_set_size (wheres, index + 1);
  g_array_index (wheres, Where, index) = *where;
}

static const Where *
lookup_new (GArray *wheres,
            gint64  base,
            gint64  id)
{
  if (id <= base || (guint64) (id - base - 1) >= wheres->len)
    return NULL;
  return &g_array_index (wheres, Where, id - base - 1);
}

/* "FILE line L" for a row this import added, else @stored ("the stored patient"). */
static const char *
source_text (GArray      *wheres,
             gint64       base,
             gint64       id,
             const char  *stored,
             char        *buf,
             gsize        size)
{
  const Where *where = lookup_new (wheres, base, id);

  return where != NULL ? where_text (where, buf, size) : stored;
}

static void
touch_episode (VastusCsvImport *self,
               gint64           episode_id)
{
  if (g_hash_table_add (self->touched_set, GSIZE_TO_POINTER (episode_id)))
    g_array_append_val (self->touched, episode_id);
}

/* Cells */

typedef struct
{
  const FileInfo     *file;
  const VastusCsvRow *row;
  Where               where;
} Row;

static const char *
cell (const Row *r,
      Column     column)
{
  guint index = r->file->column[column];

  return index > 0 ? r->row->fields[index - 1].text : "";
}

static const char *
text_cell (const Row *r,
           Column     column)
{
  return vastus_csv_unneutralize (cell (r, column));
}

static gboolean
has (const Row *r,
     Column     column)
{
  return *cell (r, column) != '\0';
}

/* The cell for a message: escaped, cut to a few dozen characters. */
static char *
quoted (const Row *r,
        Column     column)
{
  return vastus_text_excerpt (cell (r, column));
}

/* Each parse_* reports its own error and returns FALSE. */

static gboolean
parse_date (VastusCsvImport *self,
            const Row       *r,
            Column           column,
            GDate           *out)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  if (!has (r, column))
    return TRUE;
  if (!vastus_date_parse (cell (r, column), out, &error))
    {
      add_error (self, &r->where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number (VastusCsvImport *self,
              const Row       *r,
              Column           column,
              double          *out)
{
  g_autoptr(GError) error = NULL;

  *out = NAN;
  if (!has (r, column))
    return TRUE;
  if (!vastus_number_parse (cell (r, column), out, &error))
    {
      add_error (self, &r->where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The text cells hold no control characters, whatever else is wrong with the row. */
static gboolean
check_text_cells (VastusCsvImport *self,
                  const Row       *r)
{
  static const struct { Column column; VastusTextKind kind; const char *what; } text_columns[] = {
    { COL_NAME, VASTUS_TEXT_LINE, N_("The name") },
    { COL_CLINICIAN, VASTUS_TEXT_LINE, N_("The clinician") },
    { COL_NOTE, VASTUS_TEXT_LINES, N_("The note") },
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

  vastus_mrn_check (text_cell (r, COL_MRN), problems);
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    vastus_text_check (problems, columns[text_columns[i].column].name, _(text_columns[i].what),
                       text_cell (r, text_columns[i].column), text_columns[i].kind);
  return report_problems (self, &r->where, problems, COL_MRN);
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Reading the database */

static gboolean
store_ok (VastusCsvImport *self,
          const Where     *where,
          GError          *error)
{
  if (error == NULL)
    return TRUE;
  store_failed (self, where, error);
  return FALSE;
}

static const char *max_patient_sql = "SELECT ifnull (max (id), 0) FROM patient";
static const char *max_episode_sql = "SELECT ifnull (max (id), 0) FROM episode";
static const char *max_visit_sql = "SELECT ifnull (max (id), 0) FROM visit";
static const char *max_measurement_sql = "SELECT ifnull (max (id), 0) FROM measurement";

static gboolean
max_id (VastusCsvImport *self,
        const char      *sql,
        gint64          *out,
        GError         **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _vastus_database_set_error (self->db, error, sqlite3_errcode (_vastus_database_get_handle (self->db)),
                                  "Could not read the database");
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The write transaction, from the first file to the commit: every lookup below is made under
 * the lock the writes need. */
static gboolean
begin (VastusCsvImport  *self,
       GError          **error)
{
  if (self->begun)
    return TRUE;
  if (!vastus_database_begin (self->db, error))
    return FALSE;
  self->begun = TRUE;
  return max_id (self, max_patient_sql, &self->base_patient, error)
         && max_id (self, max_episode_sql, &self->base_episode, error)
         && max_id (self, max_visit_sql, &self->base_visit, error)
         && max_id (self, max_measurement_sql, &self->base_measurement, error);
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
                 : _("“%s” %s is too small a number to keep in %s (it would become 0)"),
                 quoted_text, unit, vastus_unit_lookup (unit)->stored);
  }
  return FALSE;
}

static VastusMeasurement *
parse_measurement (VastusCsvImport *self,
                   const Row       *r)
{
  const VastusMeasure *measure = vastus_catalog_lookup (cell (r, COL_MEASURE));
  const char *unit = cell (r, COL_UNIT);
  const Where *where = &r->where;
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  VastusSide side;
  double value = NAN, trial = 1, angle, velocity;
  gboolean baseline = FALSE;
  gboolean ok = TRUE;

  if (measure == NULL)
    {
      g_autofree char *text = quoted (r, COL_MEASURE);

      add_error (self, where, COL_MEASURE, _("“%s” is not a measure Vastus knows."), text);
      return NULL;
    }
  if (!vastus_side_from_string (cell (r, COL_SIDE), &side) || side == VASTUS_SIDE_BOTH)
    {
      g_autofree char *text = quoted (r, COL_SIDE);

      add_error (self, where, COL_SIDE, _("“%s” is not a side (use left, right or none)."), text);
      ok = FALSE;
    }
  else if (measure->two_sided && side == VASTUS_SIDE_NONE)
    {
      add_error (self, where, COL_SIDE, _("%s is measured per side: use left or right."),
                 measure->code);
      ok = FALSE;
    }
  else if (!measure->two_sided && side != VASTUS_SIDE_NONE)
    {
      add_error (self, where, COL_SIDE, _("%s has no side: use none."), measure->code);
      ok = FALSE;
    }

  if (!vastus_measure_accepts_unit (measure, unit))
    {
      g_autofree char *accepted = g_strjoinv (", ", (char **) measure->input_units);
      g_autofree char *text = quoted (r, COL_UNIT);

      add_error (self, where, COL_UNIT, _("%s is not measured in “%s” (use %s)."),
                 measure->code, text, accepted);
      ok = FALSE;
    }
  else
    {
      switch (measure->kind)
        {
        case VASTUS_VALUE_NUMBER:
          if (vastus_number_parse (cell (r, COL_VALUE), &value, &error))
            convert_value (unit, cell (r, COL_VALUE), &value, &error);
          break;
        case VASTUS_VALUE_GRADE:
          {
            VastusGrade grade;

            if (vastus_grade_parse (cell (r, COL_VALUE), &grade, &error))
              value = grade;
          }
          break;
        case VASTUS_VALUE_BOOL:
          {
            gboolean yes;

            if (vastus_bool_parse (cell (r, COL_VALUE), &yes, &error))
              value = yes ? 1 : 0;
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (error != NULL)
        {
          add_error (self, where, COL_VALUE, "%s", error->message);
          g_clear_error (&error);
          ok = FALSE;
        }
    }

  /* The one trial rule (VASTUS_MAX_TRIALS), checked before anything is stored. */
  if (has (r, COL_TRIAL) &&
      (!vastus_number_parse (cell (r, COL_TRIAL), &trial, NULL) ||
       trial < 1 || trial > VASTUS_MAX_TRIALS || trial != floor (trial)))
    {
      g_autofree char *text = quoted (r, COL_TRIAL);

      add_error (self, where, COL_TRIAL,
                 _("“%s” is not a trial number: use a whole number from 1 to %d."),
                 text, VASTUS_MAX_TRIALS);
      ok = FALSE;
    }
  if (has (r, COL_BASELINE) && !vastus_bool_parse (cell (r, COL_BASELINE), &baseline, &error))
    {
      add_error (self, where, COL_BASELINE, "%s", error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  ok &= parse_number (self, r, COL_KNEE_ANGLE, &angle);
  ok &= parse_number (self, r, COL_VELOCITY, &velocity);
  if (!ok)
    return NULL;

  m = vastus_measurement_new (measure->code, side, (int) trial, value, unit);
  m->baseline = baseline;

  /* The value alone first, then each test condition, so that problems name the right column. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
    struct { Column column; double angle, velocity; } passes[] = {
      { COL_VALUE, NAN, NAN },
      { COL_KNEE_ANGLE, angle, NAN },
      { COL_VELOCITY, NAN, velocity },
    };
    guint n_value = 0;

    for (guint pass = 0; pass < G_N_ELEMENTS (passes); pass++)
      {
        m->knee_angle_deg = passes[pass].angle;
        m->velocity_deg_s = passes[pass].velocity;
        g_ptr_array_set_size (problems, 0);
        vastus_measurement_check (m, 0, problems);
        for (guint i = pass == 0 ? 0 : n_value; i < problems->len; i++)
          {
            const VastusProblem *p = g_ptr_array_index (problems, i);
            Column column = pass > 0 ? passes[pass].column
                            : p->code == VASTUS_VALIDATION_ERROR_UNIT ? COL_UNIT
                            : p->code == VASTUS_VALIDATION_ERROR_SIDE ? COL_SIDE : COL_VALUE;

            if (p->soft)
              add_warning (self, where, column, p->message);
            else
              {
                add_error (self, where, column, "%s", p->message);
                ok = FALSE;
              }
          }
        if (pass == 0)
          n_value = problems->len;
      }
    m->knee_angle_deg = angle;
    m->velocity_deg_s = velocity;
  }
  return ok ? g_steal_pointer (&m) : NULL;
}

/* Patients */

static gboolean
load_episodes (VastusCsvImport *self,
               const Where     *where)
{
  GError *error = NULL;

  g_clear_pointer (&self->patient.episodes, g_ptr_array_unref);
  self->patient.episodes = vastus_database_list_episodes (self->db, self->patient.patient->id,
                                                          &error);
  return store_ok (self, where, error);
}

static gboolean
resolve_patient (VastusCsvImport *self,
                 const Row       *r)
{
  const char *mrn = text_cell (r, COL_MRN);
  const Where *where = &r->where;
  GError *error = NULL;
  GDate birth;
  VastusSex sex = VASTUS_SEX_UNKNOWN;
  gboolean ok = TRUE;

  if (!parse_date (self, r, COL_BIRTH_DATE, &birth))
    ok = FALSE;
  if (has (r, COL_SEX) && !vastus_sex_from_string (cell (r, COL_SEX), &sex))
    {
      g_autofree char *text = quoted (r, COL_SEX);

      add_error (self, where, COL_SEX, _("“%s” is not a sex (use female, male, other or unknown)."),
                 text);
      ok = FALSE;
    }
  if (!ok)
    return FALSE;

  if (self->patient.patient == NULL || !g_str_equal (self->patient.patient->mrn, mrn))
    {
      g_autoptr(VastusPatient) stored = NULL;

      patient_clear (&self->patient);
      stored = vastus_database_find_patient (self->db, mrn, &error);
      if (!store_ok (self, where, error))
        return FALSE;
      if (stored == NULL)
        {
          g_autoptr(GPtrArray) problems = NULL;
          g_autofree char *mrn_text = vastus_text_excerpt (mrn);

          /* A new patient: the first row that names it says who it is. Once that row is
           * refused, the patient's other rows are not refused again for the same reason. */
          if (g_hash_table_contains (self->refused_mrns, mrn))
            return FALSE;
          for (Column c = COL_NAME; c <= COL_SEX; c++)
            if (!has (r, c))
              {
                add_error (self, where, c, _("Required for a new patient (MRN “%s”)."), mrn_text);
                ok = FALSE;
              }
          if (ok)
            {
              stored = vastus_patient_new ();
              stored->mrn = g_strdup (mrn);
              stored->name = g_strdup (text_cell (r, COL_NAME));
              stored->birth_date = birth;
              stored->sex = sex;
              problems = vastus_patient_check (stored, &self->today);
              ok = report_problems (self, where, problems, COL_MRN);
            }
          if (!ok)
            {
              g_hash_table_add (self->refused_mrns, g_strdup (mrn));
              return FALSE;
            }
          if (!vastus_database_insert_patient (self->db, stored, &error))
            return store_ok (self, where, error);
          remember_new (self->new_patients, self->base_patient, stored->id, where);
          self->counts.patients++;
        }
      self->patient.patient = g_steal_pointer (&stored);
      if (!load_episodes (self, where))
        return FALSE;
    }

  /* Later rows (or a stored patient) must agree with what is known. */
  {
    const VastusPatient *known = self->patient.patient;
    char buf[256];
    const char *source = source_text (self->new_patients, self->base_patient, known->id,
                                      _("the stored patient"), buf, sizeof buf);

    if (has (r, COL_NAME) && g_strcmp0 (text_cell (r, COL_NAME), known->name) != 0)
      {
        g_autofree char *name = vastus_text_excerpt (known->name);

        add_error (self, where, COL_NAME, _("The name differs from %s (“%s”)."), source, name);
        ok = FALSE;
      }
    if (g_date_valid (&birth) && (!g_date_valid (&known->birth_date) ||
                                  g_date_compare (&birth, &known->birth_date) != 0))
      {
        char date[VASTUS_DATE_BUF_SIZE] = "";

        if (g_date_valid (&known->birth_date))
          vastus_date_format (&known->birth_date, date);
        add_error (self, where, COL_BIRTH_DATE, _("The birth date differs from %s (%s)."),
                   source, date);
        ok = FALSE;
      }
    if (has (r, COL_SEX) && sex != known->sex)
      {
        add_error (self, where, COL_SEX, _("The sex differs from %s (%s)."),
                   source, vastus_sex_to_string (known->sex));
        ok = FALSE;
      }
  }
  return ok;
}

/* Episodes */

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);
  return g_date_compare (a, b) == 0;
}

static const VastusEpisode *
resolve_episode (VastusCsvImport *self,
                 const Row       *r)
{
  GPtrArray *episodes = self->patient.episodes;
  const VastusEpisode *found = NULL;
  const Where *where = &r->where;
  GDate surgery, injury;
  VastusCondition condition;
  VastusSide involved = VASTUS_SIDE_NONE;
  gboolean ok = TRUE;

  ok &= parse_date (self, r, COL_SURGERY_DATE, &surgery);
  ok &= parse_date (self, r, COL_INJURY_DATE, &injury);
  if (has (r, COL_INVOLVED_SIDE) &&
      (!vastus_side_from_string (cell (r, COL_INVOLVED_SIDE), &involved) ||
       involved == VASTUS_SIDE_NONE))
    {
      g_autofree char *text = quoted (r, COL_INVOLVED_SIDE);

      add_error (self, where, COL_INVOLVED_SIDE,
                 _("“%s” is not an involved side (use left, right or both)."), text);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  if (!has (r, COL_CONDITION))
    {
      if (g_date_valid (&surgery) || g_date_valid (&injury))
        {
          add_error (self, where, COL_CONDITION,
                     _("Name the episode’s condition as well as its dates."));
          return NULL;
        }
      /* The patient's most recent episode. */
      if (episodes->len == 0)
        {
          g_autofree char *mrn = vastus_text_excerpt (self->patient.patient->mrn);

          add_error (self, where, COL_CONDITION,
                     _("Required: patient “%s” has no episode of care yet."), mrn);
          return NULL;
        }
      found = g_ptr_array_index (episodes, 0);
    }
  else
    {
      if (!vastus_condition_from_string (cell (r, COL_CONDITION), &condition))
        {
          g_autofree char *text = quoted (r, COL_CONDITION);

          add_error (self, where, COL_CONDITION,
                     _("“%s” is not a condition (use aclr, acl_nonoperative, pfp, tka, meniscus, "
                       "patellar_instability or other)."), text);
          return NULL;
        }
      for (guint i = 0; found == NULL && i < episodes->len; i++)
        {
          const VastusEpisode *e = g_ptr_array_index (episodes, i);

          if (e->condition == condition && same_date (&e->surgery_date, &surgery) &&
              same_date (&e->injury_date, &injury))
            found = e;
        }
      if (found == NULL)
        {
          g_autoptr(VastusEpisode) episode = NULL;
          g_autoptr(GPtrArray) problems = NULL;
          GError *error = NULL;

          if (!has (r, COL_INVOLVED_SIDE))
            {
              add_error (self, where, COL_INVOLVED_SIDE, _("Required for a new episode of care."));
              return NULL;
            }
          episode = vastus_episode_new ();
          episode->patient_id = self->patient.patient->id;
          episode->condition = condition;
          episode->involved_side = involved;
          episode->surgery_date = surgery;
          episode->injury_date = injury;
          problems = vastus_episode_check (episode, self->patient.patient, &self->today);
          if (!report_problems (self, where, problems, COL_CONDITION))
            return NULL;
          if (!vastus_database_insert_episode (self->db, episode, &error))
            {
              store_failed (self, where, error);
              return NULL;
            }
          remember_new (self->new_episodes, self->base_episode, episode->id, where);
          self->counts.episodes++;
          /* The list stays newest first: rows without a condition name the most recent one. */
          if (!load_episodes (self, where))
            return NULL;
          for (guint i = 0; i < self->patient.episodes->len; i++)
            if (((VastusEpisode *) g_ptr_array_index (self->patient.episodes, i))->id == episode->id)
              found = g_ptr_array_index (self->patient.episodes, i);
          g_assert (found != NULL);
          return found;
        }
    }

  if (has (r, COL_INVOLVED_SIDE) && involved != found->involved_side)
    {
      char buf[256];

      add_error (self, where, COL_INVOLVED_SIDE, _("The involved side differs from %s (%s)."),
                 source_text (self->new_episodes, self->base_episode, found->id,
                              _("the stored episode"), buf, sizeof buf),
                 vastus_side_to_string (found->involved_side));
      return NULL;
    }
  return found;
}

/* Visits */

/* Stores the visit being filled (a new one with its measurements, or a stored one's new
 * measurements) and forgets it. After an error nothing more is written: it would be rolled back. */
static void
flush_visit (VastusCsvImport *self)
{
  g_autoptr(GError) error = NULL;
  Visit *v = self->visit;

  if (v == NULL)
    return;
  self->visit = NULL;
  if (self->n_errors > 0 || (!v->is_new && !v->changed && v->added->len == 0))
    {
      visit_free (v);
      return;
    }
  if (v->is_new)
    {
      guint n = v->added->len;

      g_ptr_array_extend_and_steal (v->visit->measurements, g_steal_pointer (&v->added));
      v->added = g_ptr_array_new ();
      if (vastus_database_insert_visit (self->db, v->visit, &error))
        {
          remember_new (self->new_visits, self->base_visit, v->visit->id, &v->where);
          self->counts.visits++;
          self->counts.measurements += n;
        }
    }
  else
    {
      if (v->changed)
        vastus_database_update_visit (self->db, v->visit, &error);
      for (guint k = 0; error == NULL && k < v->added->len; k++)
        if (vastus_database_insert_measurement (self->db, v->visit->id,
                                                g_ptr_array_index (v->added, k), &error))
          self->counts.measurements++;
      if (error == NULL && v->added->len > 0 &&
          !g_hash_table_contains (self->touched_visits, GSIZE_TO_POINTER (v->visit->id)))
        g_hash_table_insert (self->touched_visits, GSIZE_TO_POINTER (v->visit->id),
                             g_memdup2 (&g_array_index (v->added_where, Where, 0), sizeof (Where)));
    }
  if (error != NULL)
    store_failed (self, &v->where, g_steal_pointer (&error));
  else
    touch_episode (self, v->visit->episode_id);
  visit_free (v);
}

/* A row's visit date, body mass and height, as the visit check sees them. @whole: everything (a
 * new visit, or one filled in); else only the hard limits of body mass and height, which every
 * row that gives them must keep, whatever the visit already holds. */
static gboolean
check_visit_fields (VastusCsvImport     *self,
                    const Row           *r,
                    const VastusEpisode *episode,
                    const GDate         *date,
                    double               mass,
                    double               height,
                    gboolean             whole)
{
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(GPtrArray) problems = NULL;

  visit->date = *date;
  visit->body_mass_kg = mass;
  visit->height_cm = height;
  problems = vastus_visit_check (visit, self->patient.patient, episode, NULL, &self->today);
  if (!whole)
    for (guint i = problems->len; i-- > 0;)
      {
        const VastusProblem *p = g_ptr_array_index (problems, i);

        if (p->soft || (g_strcmp0 (p->field, "body_mass_kg") != 0 &&
                        g_strcmp0 (p->field, "height_cm") != 0))
          g_ptr_array_remove_index (problems, i);
      }
  return report_problems (self, &r->where, problems, COL_VISIT_DATE);
}

static gboolean
agree_double (VastusCsvImport *self,
              Visit           *v,
              const Where     *where,
              Column           column,
              double           given,
              double          *field)
{
  char a[VASTUS_NUMBER_BUF_SIZE], buf[256];

  if (isnan (given) || same_double (given, *field))
    return TRUE;
  if (v->ours && isnan (*field))
    {
      *field = given;
      v->changed = !v->is_new;
      return TRUE;
    }
  if (isnan (*field))
    add_error (self, where, column, _("The stored visit has none; it cannot be added by an import."));
  else
    add_error (self, where, column, _("The value differs from %s (%s)."),
               v->ours ? where_text (&v->where, buf, sizeof buf) : _("the stored visit"),
               vastus_number_format (*field, a));
  return FALSE;
}

static gboolean
agree_text (VastusCsvImport *self,
            Visit           *v,
            const Where     *where,
            Column           column,
            const char      *given,
            char           **field)
{
  char buf[256];

  if (*given == '\0' || g_strcmp0 (given, *field) == 0)
    return TRUE;
  if (v->ours && *field == NULL)
    {
      *field = g_strdup (given);
      v->changed = !v->is_new;
      return TRUE;
    }
  if (*field == NULL)
    add_error (self, where, column, _("The stored visit has none; it cannot be added by an import."));
  else
    add_error (self, where, column, _("The text differs from %s."),
               v->ours ? where_text (&v->where, buf, sizeof buf) : _("the stored visit"));
  return FALSE;
}

/* The visit of the row: the one being filled, a stored one (one per patient and day), or a new
 * one. */
static Visit *
resolve_visit (VastusCsvImport     *self,
               const Row           *r,
               const VastusEpisode *episode,
               const GDate         *date)
{
  const Where *where = &r->where;
  Visit *v = self->visit;
  double mass, height;
  gboolean ok = TRUE;

  ok &= parse_number (self, r, COL_BODY_MASS, &mass);
  ok &= parse_number (self, r, COL_HEIGHT, &height);
  if (!ok)
    return NULL;

  if (v == NULL || v->visit->episode_id != episode->id || g_date_compare (&v->visit->date, date) != 0)
    {
      GError *error = NULL;
      gint64 in_episode = 0;
      gint64 id;

      flush_visit (self);
      if (self->store_error != NULL)
        return NULL;
      id = _vastus_database_find_visit_on (self->db, episode->patient_id, date, episode->id,
                                           &in_episode, &error);
      if (!store_ok (self, where, error))
        return NULL;
      if (id > 0 && in_episode != episode->id)
        {
          char buf[VASTUS_DATE_BUF_SIZE];

          add_error (self, where, COL_VISIT_DATE,
                     _("This patient has a visit on %s in another episode of care; a patient has "
                       "one visit a day (name that episode’s condition and dates)."),
                     vastus_date_format (date, buf));
          return NULL;
        }
      v = g_new0 (Visit, 1);
      v->is_new = id == 0;
      v->ours = v->is_new || lookup_new (self->new_visits, self->base_visit, id) != NULL;
      v->where = *where;
      v->added = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_measurement_free);
      v->added_where = g_array_new (FALSE, FALSE, sizeof (Where));
      self->visit = v;
      if (v->is_new)
        {
          v->visit = vastus_visit_new ();
          v->visit->episode_id = episode->id;
          v->visit->date = *date;
          /* Once refused, the visit's other rows are not refused again for the same reason. */
          v->refused = !check_visit_fields (self, r, episode, date, mass, height, TRUE);
          if (v->refused)
            return NULL;
        }
      else
        {
          v->visit = vastus_database_get_visit (self->db, id, &error);
          if (!store_ok (self, where, error))
            {
              g_clear_pointer (&self->visit, visit_free);
              return NULL;
            }
          /* A visit this import stored earlier is named by its first row. */
          if (v->ours)
            v->where = *lookup_new (self->new_visits, self->base_visit, id);
          if ((!isnan (mass) || !isnan (height)) &&
              !check_visit_fields (self, r, episode, date, mass, height, FALSE))
            return NULL;
        }
    }
  else if (v->refused)
    return NULL;
  else if (!isnan (mass) || !isnan (height))
    {
      /* A later row filling in the visit's body mass or height is checked as the first row's
       * are; any other keeps the limits. */
      gboolean fills = v->ours && ((!isnan (mass) && isnan (v->visit->body_mass_kg)) ||
                                   (!isnan (height) && isnan (v->visit->height_cm)));

      if (!check_visit_fields (self, r, episode, date, mass, height, fills))
        return NULL;
    }

  ok &= agree_double (self, v, where, COL_BODY_MASS, mass, &v->visit->body_mass_kg);
  ok &= agree_double (self, v, where, COL_HEIGHT, height, &v->visit->height_cm);
  ok &= agree_text (self, v, where, COL_CLINICIAN, text_cell (r, COL_CLINICIAN), &v->visit->clinician);
  ok &= agree_text (self, v, where, COL_NOTE, text_cell (r, COL_NOTE), &v->visit->notes);
  return ok ? v : NULL;
}

/* The first column in which @a and @b differ, or NO_COLUMN when they hold the same measurement. */
static Column
measurement_difference (const VastusMeasurement *a,
                        const VastusMeasurement *b)
{
  /* The unit is left out: the same stored value is the same measurement however entered. */
  if (!same_double (a->value, b->value))
    return COL_VALUE;
  if (a->baseline != b->baseline)
    return COL_BASELINE;
  if (!same_double (a->knee_angle_deg, b->knee_angle_deg))
    return COL_KNEE_ANGLE;
  if (!same_double (a->velocity_deg_s, b->velocity_deg_s))
    return COL_VELOCITY;
  return NO_COLUMN;
}

static gboolean
same_slot (const VastusMeasurement *a,
           const VastusMeasurement *b)
{
  return g_str_equal (a->measure, b->measure) && a->side == b->side && a->trial == b->trial;
}

static void
add_measurement (VastusCsvImport   *self,
                 Visit             *v,
                 const Where       *where,
                 VastusMeasurement *m)
{
  g_autoptr(VastusMeasurement) owned = m;
  char buf[256];
  Column diff;

  for (guint i = 0; !v->is_new && i < v->visit->measurements->len; i++)
    {
      const VastusMeasurement *stored = g_ptr_array_index (v->visit->measurements, i);

      if (!same_slot (stored, m))
        continue;
      diff = measurement_difference (stored, m);
      if (diff == NO_COLUMN)
        self->counts.skipped++;
      else if (stored->id > self->base_measurement)
        add_error (self, where, diff, _("%s, %s, trial %d is earlier in this import too, with other data."),
                   m->measure, vastus_side_to_string (m->side), m->trial);
      else
        add_error (self, where, diff,
                   _("%s, %s, trial %d is stored already with other data; an import never "
                     "overwrites (change it in Vastus)."),
                   m->measure, vastus_side_to_string (m->side), m->trial);
      return;
    }
  for (guint i = 0; i < v->added->len; i++)
    {
      const VastusMeasurement *other = g_ptr_array_index (v->added, i);

      if (!same_slot (other, m))
        continue;
      diff = measurement_difference (other, m);
      if (diff == NO_COLUMN)
        self->counts.skipped++;
      else
        add_error (self, where, diff, _("%s, %s, trial %d is on %s too, with other data."),
                   m->measure, vastus_side_to_string (m->side), m->trial,
                   where_text (&g_array_index (v->added_where, Where, i), buf, sizeof buf));
      return;
    }
  g_ptr_array_add (v->added, g_steal_pointer (&owned));
  g_array_append_val (v->added_where, *where);
}

static void
import_row (VastusCsvImport *self,
            const Row       *r)
{
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  const VastusEpisode *episode;
  Visit *v;
  GDate date;
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && !has (r, c))
      {
        add_error (self, &r->where, c, _("A value is required."));
        return;
      }
  if (!check_text_cells (self, r))
    ok = FALSE;
  if (!vastus_date_parse (cell (r, COL_VISIT_DATE), &date, &error))
    {
      add_error (self, &r->where, COL_VISIT_DATE, "%s", error->message);
      ok = FALSE;
    }
  m = parse_measurement (self, r);
  if (m == NULL || !ok || !resolve_patient (self, r))
    return;
  episode = resolve_episode (self, r);
  if (episode == NULL)
    return;
  v = resolve_visit (self, r, episode, &date);
  if (v == NULL)
    return;
  add_measurement (self, v, &r->where, g_steal_pointer (&m));
}

/* Reads the header: where each column is. FALSE (with errors added) when it cannot be used. */
static gboolean
read_header (VastusCsvImport    *self,
             FileInfo           *file,
             const VastusCsvRow *header)
{
  guint n_errors = self->n_errors;
  Where where = { file, header->line };

  for (guint i = 0; i < header->n_fields; i++)
    {
      const VastusCsvField *f = &header->fields[i];
      g_autofree char *text = vastus_text_excerpt (f->text);
      int column = -1;

      where.line = f->line;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (columns[c].name, f->text))
          column = c;
      if (column < 0)
        keep_message (self->errors, &self->n_errors,
                      g_strdup_printf (_("%s: line %u, column %u: unknown column “%s”"),
                                       file->name, where.line, f->column, text));
      else if (file->column[column] != 0)
        keep_message (self->errors, &self->n_errors,
                      g_strdup_printf (_("%s: line %u, column %u: the column “%s” is there twice (also column %u)"),
                                       file->name, where.line, f->column, text,
                                       file->column[column]));
      else
        file->column[column] = f->column;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && file->column[c] == 0)
      keep_message (self->errors, &self->n_errors,
                    g_strdup_printf (_("%s: line %u: the required column “%s” is missing"),
                                     file->name, header->line, columns[c].name));
  return self->n_errors == n_errors;
}

/* @error from the first of the errors since @n_errors ("… (and 3 more errors)"). */
static void
set_first_error (VastusCsvImport  *self,
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
                 ngettext ("%s (and %u more error)", "%s (and %u more errors)", more), first, more);
}

gboolean
vastus_csv_import_add_stream (VastusCsvImport  *self,
                              const char       *name,
                              GInputStream     *stream,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(VastusCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusCsvRow *row;
  guint n_before = self->n_errors;
  int code = VASTUS_CSV_ERROR_VALUE;
  FileInfo *file;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  file = g_new0 (FileInfo, 1);
  file->name = g_strdup (name != NULL ? name : "-");
  g_ptr_array_add (self->files, file);

  if (self->store_error != NULL)
    {
      g_set_error_literal (error, self->store_error->domain, self->store_error->code,
                           self->store_error->message);
      return FALSE;
    }
  if (!begin (self, &local_error))
    {
      g_clear_pointer (&self->store_error, g_error_free);
      self->store_error = g_error_copy (local_error);
      keep_message (self->errors, &self->n_errors, g_strdup (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reader = vastus_csv_reader_new (stream, cancellable);
  row = vastus_csv_reader_next (reader, &local_error);
  if (row != NULL && read_header (self, file, row))
    while (self->store_error == NULL && (row = vastus_csv_reader_next (reader, &local_error)) != NULL)
      {
        Row r = { file, row, { file, row->line } };
        gboolean empty = TRUE;

        /* Spreadsheets leave rows of empty cells at the end. */
        for (guint c = 0; empty && c < row->n_fields; c++)
          empty = row->fields[c].text[0] == '\0';
        if (!empty)
          import_row (self, &r);
      }
  flush_visit (self);
  if (local_error != NULL)
    {
      /* The reader's own errors name line and column already; the stream's do not. */
      code = local_error->domain == VASTUS_CSV_ERROR ? local_error->code : VASTUS_CSV_ERROR_VALUE;
      keep_message (self->errors, &self->n_errors,
                    local_error->domain == VASTUS_CSV_ERROR
                    ? g_strdup_printf ("%s: %s", file->name, local_error->message)
                    : g_strdup_printf (_("%s: could not be read: %s"), file->name, local_error->message));
    }

  if (self->n_errors > n_before)
    {
      set_first_error (self, n_before, code, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_csv_import_add_data (VastusCsvImport  *self,
                            const char       *name,
                            const char       *data,
                            gsize             length,
                            GError          **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length, NULL);

  return vastus_csv_import_add_stream (self, name, stream, NULL, error);
}

/* What needs a visit's every row and its neighbours: side differences and the change since the
 * previous visit, for each visit this import added to or changed. Soft only: hard problems were
 * found row by row. One episode's visits in memory at a time. */
static gboolean
check_episode (VastusCsvImport *self,
               gint64           episode_id)
{
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  GError *error = NULL;

  episode = vastus_database_get_episode (self->db, episode_id, &error);
  if (episode != NULL)
    patient = vastus_database_get_patient (self->db, episode->patient_id, &error);
  if (patient != NULL)
    visits = vastus_database_list_visits (self->db, episode_id, &error);
  if (visits == NULL)
    {
      keep_message (self->errors, &self->n_errors, g_strdup (error->message));
      self->store_error = error;
      return FALSE;
    }

  for (guint i = 0; i < visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (visits, i);
      const VastusVisit *previous = NULL;
      const Where *where = lookup_new (self->new_visits, self->base_visit, visit->id);
      g_autoptr(GPtrArray) problems = NULL;

      if (where == NULL)
        where = g_hash_table_lookup (self->touched_visits, GSIZE_TO_POINTER (visit->id));
      if (where == NULL)
        continue;
      for (guint j = i; j-- > 0;)
        if (g_date_compare (&((VastusVisit *) g_ptr_array_index (visits, j))->date, &visit->date) < 0)
          {
            previous = g_ptr_array_index (visits, j);
            break;
          }
      problems = vastus_visit_check (visit, patient, episode, previous, &self->today);
      for (guint k = 0; k < problems->len; k++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, k);

          if (p->soft && p->index < 0 && vastus_catalog_lookup (p->field) != NULL)
            add_warning (self, where, COL_MEASURE, p->message);
        }
    }
  return TRUE;
}

gboolean
vastus_csv_import_commit (VastusCsvImport       *self,
                          VastusCsvImportCounts *counts,
                          GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  flush_visit (self);
  for (guint i = 0; self->n_errors == 0 && i < self->touched->len; i++)
    check_episode (self, g_array_index (self->touched, gint64, i));
  if (self->n_errors > 0)
    {
      if (self->begun)
        vastus_database_rollback (self->db);
      self->begun = FALSE;
      set_first_error (self, 0, VASTUS_CSV_ERROR_VALUE, error);
      return FALSE;
    }

  self->committed = TRUE;
  if (self->begun && !vastus_database_commit (self->db, error))
    return FALSE;
  if (counts != NULL)
    *counts = self->counts;
  return TRUE;
}
