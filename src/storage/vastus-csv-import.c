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
  COL_FIXATION,
  N_COLUMNS
} Column;

static const struct
{
  const char *name;
  gboolean    required;
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
  [COL_NOTE]          = { "note", FALSE },
  [COL_MEASURE]       = { "measure", TRUE },
  [COL_SIDE]          = { "side", TRUE },
  [COL_TRIAL]         = { "trial", FALSE },
  [COL_VALUE]         = { "value", TRUE },
  [COL_UNIT]          = { "unit", TRUE },
  [COL_BASELINE]      = { "baseline", FALSE },
  [COL_KNEE_ANGLE]    = { "knee_angle_deg", FALSE },
  [COL_VELOCITY]      = { "velocity_deg_s", FALSE },
  [COL_FIXATION]      = { "fixation", FALSE },
};

/* One file: its name and where each column is (0: absent, else the 1-based field index). */
typedef struct
{
  char  *name;
  guint  column[N_COLUMNS];
} FileInfo;

typedef struct
{
  FileInfo *file;
  guint     line;
} Where;

typedef struct _PPatient PPatient;
typedef struct _PEpisode PEpisode;
typedef struct _PVisit   PVisit;

struct _PPatient
{
  VastusPatient *patient;
  gboolean       is_new;
  Where          where;            /* the first row naming it */
  GPtrArray     *stored_episodes;  /* of VastusEpisode*, newest first */
  GPtrArray     *episodes;         /* of PEpisode*: new ones and stored ones rows refer to */
};

struct _PEpisode
{
  PPatient      *owner;
  VastusEpisode *episode;
  gboolean       is_new;
  Where          where;
  GPtrArray     *stored_visits;    /* of VastusVisit*, oldest first; NULL until needed */
  GPtrArray     *visits;           /* of PVisit* */
};

struct _PVisit
{
  PEpisode      *owner;
  VastusVisit   *visit;            /* stored (with its measurements) or new (without) */
  gboolean       is_new;
  Where          where;
  GPtrArray     *added;            /* of VastusMeasurement*, to be stored */
  GArray        *added_where;      /* of Where, parallel to @added */
};

struct _VastusCsvImport
{
  VastusDatabase *db;
  GDate           today;
  GPtrArray      *files;           /* of FileInfo* */
  GHashTable     *patients_by_mrn; /* mrn → PPatient* */
  GHashTable     *refused_mrns;    /* new patients whose first row was refused */
  GPtrArray      *patients;        /* of PPatient*, owned, in order of appearance */
  GPtrArray      *errors;
  GPtrArray      *warnings;
  guint           skipped;
  gboolean        committed;
};

static void
p_visit_free (PVisit *pv)
{
  vastus_visit_free (pv->visit);
  g_ptr_array_unref (pv->added);
  g_array_unref (pv->added_where);
  g_free (pv);
}

static void
p_episode_free (PEpisode *pe)
{
  vastus_episode_free (pe->episode);
  g_clear_pointer (&pe->stored_visits, g_ptr_array_unref);
  g_ptr_array_unref (pe->visits);
  g_free (pe);
}

static void
p_patient_free (PPatient *pp)
{
  vastus_patient_free (pp->patient);
  g_clear_pointer (&pp->stored_episodes, g_ptr_array_unref);
  g_ptr_array_unref (pp->episodes);
  g_free (pp);
}

static void
file_info_free (FileInfo *file)
{
  g_free (file->name);
  g_free (file);
}

VastusCsvImport *
vastus_csv_import_new (VastusDatabase *db)
{
  VastusCsvImport *self = g_new0 (VastusCsvImport, 1);

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  self->db = g_object_ref (db);
  vastus_date_today (&self->today);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_info_free);
  self->patients_by_mrn = g_hash_table_new (g_str_hash, g_str_equal);
  self->refused_mrns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->patients = g_ptr_array_new_with_free_func ((GDestroyNotify) p_patient_free);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
vastus_csv_import_free (VastusCsvImport *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->patients_by_mrn);
  g_hash_table_unref (self->refused_mrns);
  g_ptr_array_unref (self->patients);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_object_unref (self->db);
  g_free (self);
}

GPtrArray *
vastus_csv_import_get_errors (VastusCsvImport *self)
{
  return self->errors;
}

GPtrArray *
vastus_csv_import_get_warnings (VastusCsvImport *self)
{
  return self->warnings;
}

/* Messages */

/* "FILE: line L, column C (name): MESSAGE"; without C when the column is not in the file. */
static char *
located (const Where *where,
         Column       column,
         const char  *message)
{
  guint index = (int) column >= 0 ? where->file->column[column] : 0;

  if ((int) column < 0)
    return g_strdup_printf (_("%s: line %u: %s"), where->file->name, where->line, message);
  if (index == 0)
    return g_strdup_printf (_("%s: line %u (%s): %s"), where->file->name, where->line,
                            columns[column].name, message);
  return g_strdup_printf (_("%s: line %u, column %u (%s): %s"), where->file->name, where->line,
                          index, columns[column].name, message);
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
  g_ptr_array_add (self->errors, located (where, column, message));
}

static void
add_warning (VastusCsvImport *self,
             const Where     *where,
             Column           column,
             const char      *message)
{
  g_ptr_array_add (self->warnings, located (where, column, message));
}

/* The column a validation problem's field names, else @fallback. */
static Column
column_of_field (const char *field,
                 Column      fallback)
{
  for (guint c = 0; field != NULL && c < N_COLUMNS; c++)
    if (g_str_equal (columns[c].name, field))
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

/* Cells */

typedef struct
{
  const FileInfo     *file;
  const VastusCsvRow *row;
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

/* Each parse_* reports its own error and returns FALSE. */

static gboolean
parse_date (VastusCsvImport *self,
            const Row       *r,
            const Where     *where,
            Column           column,
            GDate           *out)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  if (!has (r, column))
    return TRUE;
  if (!vastus_date_parse (cell (r, column), out, &error))
    {
      add_error (self, where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number (VastusCsvImport *self,
              const Row       *r,
              const Where     *where,
              Column           column,
              double          *out)
{
  g_autoptr(GError) error = NULL;

  *out = NAN;
  if (!has (r, column))
    return TRUE;
  if (!vastus_number_parse (cell (r, column), out, &error))
    {
      add_error (self, where, column, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static const char *
where_text (const Where *w,
            char        *buf,
            gsize        size)
{
  g_snprintf (buf, size, _("%s line %u"), w->file->name, w->line);
  return buf;
}

/* Patients */

static PPatient *
resolve_patient (VastusCsvImport *self,
                 const Row       *r,
                 const Where     *where)
{
  const char *mrn = text_cell (r, COL_MRN);
  g_autoptr(GError) error = NULL;
  PPatient *pp = g_hash_table_lookup (self->patients_by_mrn, mrn);
  GDate birth;
  VastusSex sex = VASTUS_SEX_UNKNOWN;
  gboolean ok = TRUE;

  if (*mrn == '\0')
    {
      add_error (self, where, COL_MRN, _("The MRN is required."));
      return NULL;
    }
  if (!parse_date (self, r, where, COL_BIRTH_DATE, &birth))
    ok = FALSE;
  if (has (r, COL_SEX) && !vastus_sex_from_string (cell (r, COL_SEX), &sex))
    {
      add_error (self, where, COL_SEX, _("“%s” is not a sex (use female, male, other or unknown)."),
                 cell (r, COL_SEX));
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  if (pp == NULL)
    {
      g_autoptr(VastusPatient) stored = vastus_database_find_patient (self->db, mrn, &error);

      if (error != NULL)
        {
          add_error (self, where, COL_MRN, "%s", error->message);
          return NULL;
        }
      if (stored == NULL)
        {
          g_autoptr(GPtrArray) problems = NULL;

          /* A new patient: the first row that names it says who it is. Once that row is
           * refused, the patient's other rows are not refused again for the same reason. */
          if (g_hash_table_contains (self->refused_mrns, mrn))
            return NULL;
          for (Column c = COL_NAME; c <= COL_SEX; c++)
            if (!has (r, c))
              {
                add_error (self, where, c, _("Required for a new patient (MRN “%s”)."), mrn);
                ok = FALSE;
              }
          if (!ok)
            {
              g_hash_table_add (self->refused_mrns, g_strdup (mrn));
              return NULL;
            }
          stored = vastus_patient_new ();
          stored->mrn = g_strdup (mrn);
          stored->name = g_strdup (text_cell (r, COL_NAME));
          stored->birth_date = birth;
          stored->sex = sex;
          problems = vastus_patient_check (stored, &self->today);
          if (!report_problems (self, where, problems, COL_MRN))
            {
              g_hash_table_add (self->refused_mrns, g_strdup (mrn));
              return NULL;
            }
        }

      pp = g_new0 (PPatient, 1);
      pp->is_new = stored->id == 0;
      pp->patient = g_steal_pointer (&stored);
      pp->where = *where;
      pp->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) p_episode_free);
      if (!pp->is_new)
        {
          pp->stored_episodes = vastus_database_list_episodes (self->db, pp->patient->id, &error);
          if (pp->stored_episodes == NULL)
            {
              add_error (self, where, COL_MRN, "%s", error->message);
              p_patient_free (pp);
              return NULL;
            }
        }
      g_ptr_array_add (self->patients, pp);
      g_hash_table_insert (self->patients_by_mrn, pp->patient->mrn, pp);
    }

  /* Later rows (or a stored patient) must agree with what is known. */
  {
    char buf[256];
    const char *source = pp->is_new ? where_text (&pp->where, buf, sizeof buf)
                                    : _("the stored patient");

    if (has (r, COL_NAME) && g_strcmp0 (text_cell (r, COL_NAME), pp->patient->name) != 0)
      {
        add_error (self, where, COL_NAME, _("The name differs from %s (“%s”)."),
                   source, pp->patient->name);
        ok = FALSE;
      }
    if (g_date_valid (&birth) && (!g_date_valid (&pp->patient->birth_date) ||
                                  g_date_compare (&birth, &pp->patient->birth_date) != 0))
      {
        char date[VASTUS_DATE_BUF_SIZE] = "";

        if (g_date_valid (&pp->patient->birth_date))
          vastus_date_format (&pp->patient->birth_date, date);
        add_error (self, where, COL_BIRTH_DATE, _("The birth date differs from %s (%s)."),
                   source, date);
        ok = FALSE;
      }
    if (has (r, COL_SEX) && sex != pp->patient->sex)
      {
        add_error (self, where, COL_SEX, _("The sex differs from %s (%s)."),
                   source, vastus_sex_to_string (pp->patient->sex));
        ok = FALSE;
      }
  }
  return ok ? pp : NULL;
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

static gboolean
episode_matches (const VastusEpisode *e,
                 VastusCondition      condition,
                 const GDate         *surgery,
                 const GDate         *injury)
{
  return e->condition == condition && same_date (&e->surgery_date, surgery) &&
         same_date (&e->injury_date, injury);
}

static PEpisode *
p_episode_new (PPatient      *owner,
               VastusEpisode *episode,
               gboolean       is_new,
               const Where   *where)
{
  PEpisode *pe = g_new0 (PEpisode, 1);

  pe->owner = owner;
  pe->episode = episode;
  pe->is_new = is_new;
  pe->where = *where;
  pe->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) p_visit_free);
  g_ptr_array_add (owner->episodes, pe);
  return pe;
}

static PEpisode *
use_stored_episode (PPatient            *pp,
                    const VastusEpisode *stored,
                    const Where         *where)
{
  for (guint i = 0; i < pp->episodes->len; i++)
    {
      PEpisode *pe = g_ptr_array_index (pp->episodes, i);

      if (!pe->is_new && pe->episode->id == stored->id)
        return pe;
    }
  return p_episode_new (pp, vastus_episode_copy (stored), FALSE, where);
}

static PEpisode *
resolve_episode (VastusCsvImport *self,
                 PPatient        *pp,
                 const Row       *r,
                 const Where     *where)
{
  GDate surgery, injury;
  VastusCondition condition;
  VastusSide involved = VASTUS_SIDE_NONE;
  PEpisode *pe = NULL;
  gboolean ok = TRUE;

  ok &= parse_date (self, r, where, COL_SURGERY_DATE, &surgery);
  ok &= parse_date (self, r, where, COL_INJURY_DATE, &injury);
  if (has (r, COL_INVOLVED_SIDE) &&
      (!vastus_side_from_string (cell (r, COL_INVOLVED_SIDE), &involved) ||
       involved == VASTUS_SIDE_NONE))
    {
      add_error (self, where, COL_INVOLVED_SIDE,
                 _("“%s” is not an involved side (use left, right or both)."),
                 cell (r, COL_INVOLVED_SIDE));
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
      if (pp->stored_episodes != NULL && pp->stored_episodes->len > 0)
        pe = use_stored_episode (pp, g_ptr_array_index (pp->stored_episodes, 0), where);
      else if (pp->episodes->len > 0)
        pe = g_ptr_array_index (pp->episodes, pp->episodes->len - 1);
      else
        {
          add_error (self, where, COL_CONDITION,
                     _("Required: patient “%s” has no episode of care yet."), pp->patient->mrn);
          return NULL;
        }
    }
  else
    {
      if (!vastus_condition_from_string (cell (r, COL_CONDITION), &condition))
        {
          add_error (self, where, COL_CONDITION,
                     _("“%s” is not a condition (use aclr, acl_nonoperative, pfp, tka, meniscus, "
                       "patellar_instability or other)."), cell (r, COL_CONDITION));
          return NULL;
        }
      for (guint i = 0; pe == NULL && i < pp->episodes->len; i++)
        {
          PEpisode *candidate = g_ptr_array_index (pp->episodes, i);

          if (episode_matches (candidate->episode, condition, &surgery, &injury))
            pe = candidate;
        }
      for (guint i = 0; pe == NULL && pp->stored_episodes != NULL && i < pp->stored_episodes->len; i++)
        {
          const VastusEpisode *stored = g_ptr_array_index (pp->stored_episodes, i);

          if (episode_matches (stored, condition, &surgery, &injury))
            pe = use_stored_episode (pp, stored, where);
        }
      if (pe == NULL)
        {
          g_autoptr(VastusEpisode) episode = NULL;
          g_autoptr(GPtrArray) problems = NULL;

          if (!has (r, COL_INVOLVED_SIDE))
            {
              add_error (self, where, COL_INVOLVED_SIDE, _("Required for a new episode of care."));
              return NULL;
            }
          episode = vastus_episode_new ();
          episode->condition = condition;
          episode->involved_side = involved;
          episode->surgery_date = surgery;
          episode->injury_date = injury;
          problems = vastus_episode_check (episode, pp->patient, &self->today);
          if (!report_problems (self, where, problems, COL_CONDITION))
            return NULL;
          return p_episode_new (pp, g_steal_pointer (&episode), TRUE, where);
        }
    }

  if (has (r, COL_INVOLVED_SIDE) && involved != pe->episode->involved_side)
    {
      char buf[256];

      add_error (self, where, COL_INVOLVED_SIDE, _("The involved side differs from %s (%s)."),
                 pe->is_new ? where_text (&pe->where, buf, sizeof buf) : _("the stored episode"),
                 vastus_side_to_string (pe->episode->involved_side));
      return NULL;
    }
  return pe;
}

/* Visits */

static gboolean
load_stored_visits (VastusCsvImport *self,
                    PEpisode        *pe,
                    const Where     *where)
{
  g_autoptr(GError) error = NULL;

  if (pe->stored_visits != NULL)
    return TRUE;
  if (pe->is_new)
    pe->stored_visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  else
    pe->stored_visits = vastus_database_list_visits (self->db, pe->episode->id, &error);
  if (pe->stored_visits == NULL)
    {
      add_error (self, where, COL_VISIT_DATE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
agree_double (VastusCsvImport *self,
              PVisit          *pv,
              const Where     *where,
              Column           column,
              double           given,
              double          *field)
{
  char a[VASTUS_NUMBER_BUF_SIZE], buf[256];

  if (isnan (given) || same_double (given, *field))
    return TRUE;
  if (pv->is_new && isnan (*field))
    {
      *field = given;
      return TRUE;
    }
  if (isnan (*field))
    add_error (self, where, column, _("The stored visit has none; it cannot be added by an import."));
  else
    add_error (self, where, column, _("The value differs from %s (%s)."),
               pv->is_new ? where_text (&pv->where, buf, sizeof buf) : _("the stored visit"),
               vastus_number_format (*field, a));
  return FALSE;
}

static gboolean
agree_text (VastusCsvImport *self,
            PVisit          *pv,
            const Where     *where,
            Column           column,
            const char      *given,
            char           **field)
{
  char buf[256];

  if (*given == '\0' || g_strcmp0 (given, *field) == 0)
    return TRUE;
  if (pv->is_new && *field == NULL)
    {
      *field = g_strdup (given);
      return TRUE;
    }
  if (*field == NULL)
    add_error (self, where, column, _("The stored visit has none; it cannot be added by an import."));
  else
    add_error (self, where, column, _("The text differs from %s."),
               pv->is_new ? where_text (&pv->where, buf, sizeof buf) : _("the stored visit"));
  return FALSE;
}

static PVisit *
resolve_visit (VastusCsvImport *self,
               PEpisode        *pe,
               const Row       *r,
               const Where     *where,
               const GDate     *date)
{
  double mass, height;
  PVisit *pv = NULL;
  gboolean ok = TRUE;

  ok &= parse_number (self, r, where, COL_BODY_MASS, &mass);
  ok &= parse_number (self, r, where, COL_HEIGHT, &height);
  if (!ok || !load_stored_visits (self, pe, where))
    return NULL;

  for (guint i = 0; pv == NULL && i < pe->visits->len; i++)
    {
      PVisit *candidate = g_ptr_array_index (pe->visits, i);

      if (g_date_compare (&candidate->visit->date, date) == 0)
        pv = candidate;
    }
  if (pv == NULL)
    {
      VastusVisit *visit = NULL;

      for (guint i = 0; visit == NULL && i < pe->stored_visits->len; i++)
        {
          VastusVisit *stored = g_ptr_array_index (pe->stored_visits, i);

          if (g_date_compare (&stored->date, date) == 0)
            visit = vastus_visit_copy (stored);
        }
      pv = g_new0 (PVisit, 1);
      pv->owner = pe;
      pv->is_new = visit == NULL;
      if (visit == NULL)
        {
          visit = vastus_visit_new ();
          visit->date = *date;
        }
      pv->visit = visit;
      pv->where = *where;
      pv->added = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_measurement_free);
      pv->added_where = g_array_new (FALSE, FALSE, sizeof (Where));
      g_ptr_array_add (pe->visits, pv);
    }

  ok &= agree_double (self, pv, where, COL_BODY_MASS, mass, &pv->visit->body_mass_kg);
  ok &= agree_double (self, pv, where, COL_HEIGHT, height, &pv->visit->height_cm);
  ok &= agree_text (self, pv, where, COL_CLINICIAN, text_cell (r, COL_CLINICIAN), &pv->visit->clinician);
  ok &= agree_text (self, pv, where, COL_NOTE, text_cell (r, COL_NOTE), &pv->visit->notes);
  return ok ? pv : NULL;
}

/* Measurements */

static VastusMeasurement *
parse_measurement (VastusCsvImport *self,
                   const Row       *r,
                   const Where     *where)
{
  const VastusMeasure *measure = vastus_catalog_lookup (cell (r, COL_MEASURE));
  const char *unit = cell (r, COL_UNIT);
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  VastusSide side;
  double value = NAN, trial = 1, angle, velocity;
  VastusFixation fixation;
  gboolean baseline = FALSE;
  gboolean ok = TRUE;

  if (measure == NULL)
    {
      add_error (self, where, COL_MEASURE, _("“%s” is not a measure Vastus knows."),
                 cell (r, COL_MEASURE));
      return NULL;
    }
  if (!vastus_side_from_string (cell (r, COL_SIDE), &side) || side == VASTUS_SIDE_BOTH)
    {
      add_error (self, where, COL_SIDE, _("“%s” is not a side (use left, right or none)."),
                 cell (r, COL_SIDE));
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

      add_error (self, where, COL_UNIT, _("%s is not measured in “%s” (use %s)."),
                 measure->code, unit, accepted);
      ok = FALSE;
    }
  else if (!has (r, COL_VALUE))
    {
      add_error (self, where, COL_VALUE, _("A value is required."));
      ok = FALSE;
    }
  else
    {
      switch (measure->kind)
        {
        case VASTUS_VALUE_NUMBER:
          /* Converted as exact decimals, rounded once (vastus_csv_number_to_stored). */
          if (vastus_number_parse (cell (r, COL_VALUE), &value, &error) &&
              !vastus_csv_number_to_stored (unit, cell (r, COL_VALUE), &value))
            g_set_error (&error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER,
                         _("“%s” is too large a number"), cell (r, COL_VALUE));
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

  if (has (r, COL_TRIAL) &&
      (!vastus_number_parse (cell (r, COL_TRIAL), &trial, NULL) ||
       trial < 1 || trial > 1000 || trial != floor (trial)))
    {
      add_error (self, where, COL_TRIAL, _("“%s” is not a trial number (1, 2, 3 …)."),
                 cell (r, COL_TRIAL));
      ok = FALSE;
    }
  if (has (r, COL_BASELINE) && !vastus_bool_parse (cell (r, COL_BASELINE), &baseline, &error))
    {
      add_error (self, where, COL_BASELINE, "%s", error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  ok &= parse_number (self, r, where, COL_KNEE_ANGLE, &angle);
  ok &= parse_number (self, r, where, COL_VELOCITY, &velocity);
  if (has (r, COL_FIXATION) && !vastus_fixation_from_string (cell (r, COL_FIXATION), &fixation))
    {
      add_error (self, where, COL_FIXATION, _("“%s” is not a fixation (use belt, frame or manual)."),
                 cell (r, COL_FIXATION));
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  m = vastus_measurement_new (measure->code, side, (int) trial, value, unit);
  m->baseline = baseline;
  if (has (r, COL_FIXATION))
    m->fixation = g_strdup (vastus_fixation_to_string (fixation));

  /* The value alone first, then each test condition, so that problems name the right column. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
    guint n;

    vastus_measurement_check (m, 0, problems);
    for (guint i = 0; i < problems->len; i++)
      {
        const VastusProblem *p = g_ptr_array_index (problems, i);
        Column column = p->code == VASTUS_VALIDATION_ERROR_UNIT ? COL_UNIT
                        : p->code == VASTUS_VALIDATION_ERROR_SIDE ? COL_SIDE : COL_VALUE;

        /* Soft problems are reported once, by the visit's check. */
        if (!p->soft)
          {
            add_error (self, where, column, "%s", p->message);
            ok = FALSE;
          }
      }
    n = problems->len;
    g_ptr_array_set_size (problems, 0);
    m->knee_angle_deg = angle;
    vastus_measurement_check (m, 0, problems);
    for (guint i = n; i < problems->len; i++)
      {
        add_error (self, where, COL_KNEE_ANGLE, "%s",
                   ((const VastusProblem *) g_ptr_array_index (problems, i))->message);
        ok = FALSE;
      }
    g_ptr_array_set_size (problems, 0);
    m->knee_angle_deg = NAN;
    m->velocity_deg_s = velocity;
    vastus_measurement_check (m, 0, problems);
    for (guint i = n; i < problems->len; i++)
      {
        add_error (self, where, COL_VELOCITY, "%s",
                   ((const VastusProblem *) g_ptr_array_index (problems, i))->message);
        ok = FALSE;
      }
    m->knee_angle_deg = angle;
  }
  return ok ? g_steal_pointer (&m) : NULL;
}

/* The first column in which @a and @b differ, or -1 when they hold the same measurement. */
static int
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
  if (g_strcmp0 (a->fixation, b->fixation) != 0)
    return COL_FIXATION;
  return -1;
}

static gboolean
same_slot (const VastusMeasurement *a,
           const VastusMeasurement *b)
{
  return g_str_equal (a->measure, b->measure) && a->side == b->side && a->trial == b->trial;
}

static void
add_measurement (VastusCsvImport   *self,
                 PVisit            *pv,
                 const Where       *where,
                 VastusMeasurement *m)
{
  g_autoptr(VastusMeasurement) owned = m;
  g_autoptr(GError) conflict = NULL;
  char buf[256];
  int diff;

  /* A questionnaire score must agree with the visit's answers to its instrument. */
  if (!pv->is_new &&
      !_vastus_database_check_score (self->db, pv->visit->id, m->measure, m->value, &conflict))
    {
      add_error (self, where, COL_VALUE, "%s", conflict->message);
      return;
    }
  for (guint i = 0; !pv->is_new && i < pv->visit->measurements->len; i++)
    {
      const VastusMeasurement *stored = g_ptr_array_index (pv->visit->measurements, i);

      if (!same_slot (stored, m))
        continue;
      diff = measurement_difference (stored, m);
      if (diff < 0)
        self->skipped++;
      else
        add_error (self, where, diff,
                   _("%s, %s, trial %d is stored already with other data; an import never "
                     "overwrites (change it in Vastus)."),
                   m->measure, vastus_side_to_string (m->side), m->trial);
      return;
    }
  for (guint i = 0; i < pv->added->len; i++)
    {
      const VastusMeasurement *other = g_ptr_array_index (pv->added, i);

      if (!same_slot (other, m))
        continue;
      diff = measurement_difference (other, m);
      if (diff < 0)
        self->skipped++;
      else
        add_error (self, where, diff, _("%s, %s, trial %d is on %s too, with other data."),
                   m->measure, vastus_side_to_string (m->side), m->trial,
                   where_text (&g_array_index (pv->added_where, Where, i), buf, sizeof buf));
      return;
    }
  g_ptr_array_add (pv->added, g_steal_pointer (&owned));
  g_array_append_val (pv->added_where, *where);
}

static void
import_row (VastusCsvImport *self,
            const Row       *r)
{
  Where where = { (FileInfo *) r->file, r->row->line };
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  PPatient *pp;
  PEpisode *pe;
  PVisit *pv;
  GDate date;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && !has (r, c))
      {
        add_error (self, &where, c, _("A value is required."));
        return;
      }
  if (!vastus_date_parse (cell (r, COL_VISIT_DATE), &date, &error))
    {
      add_error (self, &where, COL_VISIT_DATE, "%s", error->message);
      return;
    }
  m = parse_measurement (self, r, &where);
  if (m == NULL)
    return;
  pp = resolve_patient (self, r, &where);
  if (pp == NULL)
    return;
  pe = resolve_episode (self, pp, r, &where);
  if (pe == NULL)
    return;
  pv = resolve_visit (self, pe, r, &where, &date);
  if (pv == NULL)
    return;
  add_measurement (self, pv, &where, g_steal_pointer (&m));
}

gboolean
vastus_csv_import_add_data (VastusCsvImport  *self,
                            const char       *name,
                            const char       *data,
                            gsize             length,
                            GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusCsvRow *header;
  guint n_errors = self->errors->len;
  FileInfo *file;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  file = g_new0 (FileInfo, 1);
  file->name = g_strdup (name != NULL ? name : "-");
  g_ptr_array_add (self->files, file);

  rows = vastus_csv_parse (data, length, &local_error);
  if (rows == NULL)
    {
      g_ptr_array_add (self->errors, g_strdup_printf ("%s: %s", file->name, local_error->message));
      goto out;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < header->n_fields; i++)
    {
      const VastusCsvField *f = &header->fields[i];
      Where where = { file, f->line };
      int column = -1;

      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (columns[c].name, f->text))
          column = c;
      if (column < 0)
        g_ptr_array_add (self->errors,
                         g_strdup_printf (_("%s: line %u, column %u: unknown column “%s”"),
                                          file->name, where.line, f->column, f->text));
      else if (file->column[column] != 0)
        g_ptr_array_add (self->errors,
                         g_strdup_printf (_("%s: line %u, column %u: the column “%s” is there twice (also column %u)"),
                                          file->name, where.line, f->column, f->text,
                                          file->column[column]));
      else
        file->column[column] = f->column;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && file->column[c] == 0)
      g_ptr_array_add (self->errors,
                       g_strdup_printf (_("%s: line %u: the required column “%s” is missing"),
                                        file->name, header->line, columns[c].name));
  if (self->errors->len > n_errors)
    goto out;

  for (guint i = 1; i < rows->len; i++)
    {
      const VastusCsvRow *row = g_ptr_array_index (rows, i);
      Row r = { file, row };
      gboolean empty = TRUE;

      /* Spreadsheets leave rows of empty cells at the end. */
      for (guint c = 0; empty && c < row->n_fields; c++)
        empty = row->fields[c].text[0] == '\0';
      if (!empty)
        import_row (self, &r);
    }

out:
  if (self->errors->len > n_errors)
    {
      guint more = self->errors->len - n_errors - 1;

      if (more == 0)
        g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                             g_ptr_array_index (self->errors, n_errors));
      else
        g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                     ngettext ("%s (and %u more error)", "%s (and %u more errors)", more),
                     (const char *) g_ptr_array_index (self->errors, n_errors), more);
      if (local_error != NULL && error != NULL && *error != NULL)
        (*error)->code = local_error->code;
      return FALSE;
    }
  return TRUE;
}

/* Whole visits: soft limits, side differences, change since the previous visit. */

typedef struct
{
  const GDate *date;
  VastusVisit *visit;     /* the visit as it will be, owned when @pv is set */
  PVisit      *pv;        /* NULL for a stored visit this import does not touch */
} Slot;

static int
slot_compare (gconstpointer a,
              gconstpointer b)
{
  return g_date_compare (((const Slot *) a)->date, ((const Slot *) b)->date);
}

static void
check_visits (VastusCsvImport *self,
              PEpisode        *pe)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  for (guint i = 0; pe->stored_visits != NULL && i < pe->stored_visits->len; i++)
    {
      VastusVisit *stored = g_ptr_array_index (pe->stored_visits, i);
      gboolean touched = FALSE;

      for (guint j = 0; j < pe->visits->len; j++)
        touched |= ((PVisit *) g_ptr_array_index (pe->visits, j))->visit->id == stored->id;
      if (!touched)
        g_array_append_val (slots, ((Slot) { &stored->date, stored, NULL }));
    }
  for (guint j = 0; j < pe->visits->len; j++)
    {
      PVisit *pv = g_ptr_array_index (pe->visits, j);
      VastusVisit *combined = vastus_visit_copy (pv->visit);

      for (guint k = 0; k < pv->added->len; k++)
        vastus_visit_add_measurement (combined, vastus_measurement_copy (g_ptr_array_index (pv->added, k)));
      g_array_append_val (slots, ((Slot) { &combined->date, combined, pv }));
    }
  g_array_sort (slots, slot_compare);

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      const VastusVisit *previous = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      guint n_existing;

      if (slot->pv == NULL || (slot->pv->added->len == 0 && !slot->pv->is_new))
        continue;
      for (guint j = i; j-- > 0;)
        if (g_date_compare (g_array_index (slots, Slot, j).date, slot->date) < 0)
          {
            previous = g_array_index (slots, Slot, j).visit;
            break;
          }
      n_existing = slot->pv->is_new ? 0 : slot->pv->visit->measurements->len;
      problems = vastus_visit_check (slot->visit, pe->owner->patient, pe->episode, previous,
                                     &self->today);
      for (guint k = 0; k < problems->len; k++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, k);
          const Where *where = &slot->pv->where;
          Column column = column_of_field (p->field, COL_VALUE);

          if (p->index >= 0)
            {
              /* Hard problems of one measurement were reported with its row. */
              if ((guint) p->index < n_existing || !p->soft)
                continue;
              where = &g_array_index (slot->pv->added_where, Where, p->index - n_existing);
            }
          else if (vastus_catalog_lookup (p->field) != NULL)
            {
              /* A side difference or a change: the measure's first new row. */
              for (guint m = 0; m < slot->pv->added->len; m++)
                if (g_str_equal (((VastusMeasurement *) g_ptr_array_index (slot->pv->added, m))->measure,
                                 p->field))
                  {
                    where = &g_array_index (slot->pv->added_where, Where, m);
                    break;
                  }
            }
          if (p->soft)
            add_warning (self, where, column, p->message);
          else
            add_error (self, where, column, "%s", p->message);
        }
    }

  for (guint i = 0; i < slots->len; i++)
    if (g_array_index (slots, Slot, i).pv != NULL)
      vastus_visit_free (g_array_index (slots, Slot, i).visit);
}

gboolean
vastus_csv_import_commit (VastusCsvImport       *self,
                          VastusCsvImportCounts *counts,
                          GError               **error)
{
  VastusCsvImportCounts n = { 0 };
  guint n_errors = self->errors->len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (n_errors == 0)
    for (guint i = 0; i < self->patients->len; i++)
      {
        PPatient *pp = g_ptr_array_index (self->patients, i);

        for (guint e = 0; e < pp->episodes->len; e++)
          check_visits (self, g_ptr_array_index (pp->episodes, e));
      }
  if (self->errors->len > 0)
    {
      guint more = self->errors->len - 1;

      if (more == 0)
        g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                             g_ptr_array_index (self->errors, 0));
      else
        g_set_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                     ngettext ("%s (and %u more error)", "%s (and %u more errors)", more),
                     (const char *) g_ptr_array_index (self->errors, 0), more);
      return FALSE;
    }

  self->committed = TRUE;
  if (!vastus_database_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < self->patients->len; i++)
    {
      PPatient *pp = g_ptr_array_index (self->patients, i);

      if (pp->is_new)
        {
          if (!vastus_database_insert_patient (self->db, pp->patient, error))
            goto failed;
          n.patients++;
        }
      for (guint e = 0; e < pp->episodes->len; e++)
        {
          PEpisode *pe = g_ptr_array_index (pp->episodes, e);

          if (pe->is_new)
            {
              pe->episode->patient_id = pp->patient->id;
              if (!vastus_database_insert_episode (self->db, pe->episode, error))
                goto failed;
              n.episodes++;
            }
          for (guint v = 0; v < pe->visits->len; v++)
            {
              PVisit *pv = g_ptr_array_index (pe->visits, v);

              if (pv->is_new)
                {
                  n.measurements += pv->added->len;
                  pv->visit->episode_id = pe->episode->id;
                  g_ptr_array_extend_and_steal (pv->visit->measurements,
                                                g_steal_pointer (&pv->added));
                  pv->added = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_measurement_free);
                  if (!vastus_database_insert_visit (self->db, pv->visit, error))
                    goto failed;
                  n.visits++;
                }
              else
                for (guint k = 0; k < pv->added->len; k++)
                  {
                    if (!vastus_database_insert_measurement (self->db, pv->visit->id,
                                                             g_ptr_array_index (pv->added, k), error))
                      goto failed;
                    n.measurements++;
                  }
            }
        }
    }

  if (!vastus_database_commit (self->db, error))
    goto failed;
  n.skipped = self->skipped;
  if (counts != NULL)
    *counts = n;
  return TRUE;

failed:
  vastus_database_rollback (self->db);
  return FALSE;
}
