/* vastus-csv-import.c: the import: its transaction, its files, patients and episodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-catalog.h"
#include "vastus-csv-import-private.h"
#include "vastus-name.h"
#include "vastus-progress.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static void
file_info_free (FileInfo *file)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (file->header[c]);
  g_free (file->name);
  g_free (file);
}

static void
value_free (VastusCsvImportValue *value)
{
  vastus_measurement_free (value->measurement);
  g_free (value);
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
  self->error_places = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stored_visits = g_array_new (FALSE, FALSE, sizeof (VastusCsvImportVisit));
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
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
  g_clear_pointer (&self->visit, _vastus_import_visit_free);
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
  g_array_unref (self->error_places);
  g_array_unref (self->stored_visits);
  g_ptr_array_unref (self->values);
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

void
vastus_csv_import_get_error_place (VastusCsvImport *self,
                                   guint            index,
                                   guint           *line,
                                   guint           *column)
{
  const guint *place;

  g_return_if_fail (index < self->error_places->len / 2);

  place = &g_array_index (self->error_places, guint, 2 * index);
  *line = place[0];
  *column = place[1];
}

void
vastus_csv_import_keep_values (VastusCsvImport *self,
                               guint            max_visits,
                               guint            max_values)
{
  self->max_visits = max_visits;
  self->max_values = max_values;
}

guint
vastus_csv_import_get_n_visits_stored (VastusCsvImport *self)
{
  return self->n_stored_visits;
}

GArray *
vastus_csv_import_get_episodes (VastusCsvImport *self)
{
  return self->touched;
}

GArray *
vastus_csv_import_get_visits (VastusCsvImport *self)
{
  return self->stored_visits;
}

GPtrArray *
vastus_csv_import_get_values (VastusCsvImport *self)
{
  return self->values;
}

/* Where a row added by this import was first named (@base: the largest id before it). */
void
_vastus_import_remember_new (GArray      *wheres,
                             gint64       base,
                             gint64       id,
                             const Where *where)
{
  guint index = (guint) (id - base - 1);

  if (index >= wheres->len)
    g_array_set_size (wheres, index + 1);
  g_array_index (wheres, Where, index) = *where;
}

const Where *
_vastus_import_lookup_new (GArray *wheres,
                           gint64  base,
                           gint64  id)
{
  if (id <= base || (guint64) (id - base - 1) >= wheres->len)
    return NULL;
  return &g_array_index (wheres, Where, id - base - 1);
}

void
_vastus_import_touch_episode (VastusCsvImport *self,
                              gint64           episode_id)
{
  if (g_hash_table_add (self->touched_set, GSIZE_TO_POINTER (episode_id)))
    g_array_append_val (self->touched, episode_id);
}

/* Reading the database */

static const char *max_patient_sql = "SELECT coalesce (max (id), 0) FROM patient";
static const char *max_episode_sql = "SELECT coalesce (max (id), 0) FROM episode";
static const char *max_visit_sql = "SELECT coalesce (max (id), 0) FROM visit";
static const char *max_measurement_sql = "SELECT coalesce (max (id), 0) FROM measurement";

static gboolean
max_id (VastusCsvImport *self,
        const char      *sql,
        gint64          *out,
        GError         **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = _vastus_step (stmt)) != VASTUS_ROW)
    {
      _vastus_database_set_error (self->db, error, rc, _("Could not read the database"));
      return FALSE;
    }
  *out = _vastus_column_int64 (stmt, 0);
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

/* Patients */

static gboolean
load_episodes (VastusCsvImport *self,
               const Where     *where)
{
  GError *error = NULL;

  g_clear_pointer (&self->patient.episodes, g_ptr_array_unref);
  self->patient.episodes = vastus_database_list_episodes (self->db, self->patient.patient->id,
                                                          &error);
  return _vastus_import_store_ok (self, where, error);
}

/* The patient a row names: family_name and given_name, else the name column split by the rule
 * of vastus_name_split (*@split_name TRUE). FALSE, with the errors added, when name contradicts
 * the other two or given names come without a family name. *@family NULL: no name in the row. */
static gboolean
row_names (VastusCsvImport *self,
           const Row       *r,
           char           **family,
           char           **given,
           gboolean        *split_name)
{
  *family = NULL;
  *given = NULL;
  *split_name = FALSE;
  if (_vastus_import_has (r, COL_FAMILY_NAME))
    {
      *family = vastus_name_tidy (_vastus_import_text_cell (r, COL_FAMILY_NAME));
      *given = _vastus_import_has (r, COL_GIVEN_NAME)
               ? vastus_name_tidy (_vastus_import_text_cell (r, COL_GIVEN_NAME)) : NULL;
      if (_vastus_import_has (r, COL_NAME))
        {
          g_autofree char *f = NULL, *g = NULL;

          vastus_name_split (_vastus_import_text_cell (r, COL_NAME), &f, &g);
          if (g_strcmp0 (f, *family) != 0 || g_strcmp0 (g, *given) != 0)
            {
              g_autofree char *name = _vastus_import_quoted (r, COL_NAME);

              _vastus_import_add_error (self, &r->where, COL_NAME,
                                        /* Translators: the first %s is the name as written, the
                                         * second the stored family name, the third the stored
                                         * given names */
                                        _("“%s” is not the family name “%s” with the given names “%s”."),
                                        name, *family, *given != NULL ? *given : "");
              g_clear_pointer (family, g_free);
              g_clear_pointer (given, g_free);
              return FALSE;
            }
        }
    }
  else if (_vastus_import_has (r, COL_GIVEN_NAME))
    {
      _vastus_import_add_error (self, &r->where, COL_FAMILY_NAME, _("Required with given names."));
      return FALSE;
    }
  else if (_vastus_import_has (r, COL_NAME))
    {
      vastus_name_split (_vastus_import_text_cell (r, COL_NAME), family, given);
      *split_name = TRUE;
    }
  return TRUE;
}

static gboolean
resolve_patient (VastusCsvImport *self,
                 const Row       *r)
{
  const char *mrn = _vastus_import_text_cell (r, COL_MRN);
  const Where *where = &r->where;
  GError *error = NULL;
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  gboolean split_name;
  GDate birth;
  VastusSex sex = VASTUS_SEX_UNKNOWN;
  gboolean ok = TRUE;

  if (!row_names (self, r, &family, &given, &split_name))
    ok = FALSE;
  if (!_vastus_import_parse_date (self, r, COL_BIRTH_DATE, &birth))
    ok = FALSE;
  if (_vastus_import_has (r, COL_SEX) &&
      !vastus_sex_from_string (_vastus_import_cell (r, COL_SEX), &sex))
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_SEX);

      _vastus_import_add_error (self, where, COL_SEX,
                                /* Translators: %s is the text of the CSV file's sex column; the
                                 * four values are what a file writes and stay in English */
                                _("“%s” is not a sex (use female, male, other or unknown)."),
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
      if (!_vastus_import_store_ok (self, where, error))
        return FALSE;
      if (stored == NULL)
        {
          g_autoptr(GPtrArray) problems = NULL;
          g_autofree char *mrn_text = vastus_text_excerpt (mrn);

          /* A new patient: the first row that names it says who it is. Once that row is
           * refused, the patient's other rows are not refused again for the same reason. */
          if (g_hash_table_contains (self->refused_mrns, mrn))
            return FALSE;
          if (family == NULL)
            {
              _vastus_import_add_error (self, where,
                                        r->file->column[COL_FAMILY_NAME] > 0 ? COL_FAMILY_NAME : COL_NAME,
                                        /* Translators: said of the name column of a CSV row; %s
                                         * is the row's medical record number (MRN) */
                                        _("Required for a new patient (MRN “%s”)."), mrn_text);
              ok = FALSE;
            }
          for (Column c = COL_BIRTH_DATE; c <= COL_SEX; c++)
            if (!_vastus_import_has (r, c))
              {
                _vastus_import_add_error (self, where, c,
                                          _("Required for a new patient (MRN “%s”)."), mrn_text);
                ok = FALSE;
              }
          if (ok)
            {
              stored = vastus_patient_new ();
              stored->mrn = g_strdup (mrn);
              /* A name from the name column alone is split by storage, which lists a guess
               * for a person to check. */
              if (split_name)
                stored->name = g_strdup (_vastus_import_text_cell (r, COL_NAME));
              else
                {
                  stored->family_name = g_strdup (family);
                  stored->given_name = g_strdup (given);
                }
              stored->birth_date = birth;
              stored->sex = sex;
              problems = vastus_patient_check (stored, &self->today);
              ok = _vastus_import_report_problems (self, where, problems, COL_MRN);
            }
          if (!ok)
            {
              g_hash_table_add (self->refused_mrns, g_strdup (mrn));
              return FALSE;
            }
          if (!vastus_database_insert_patient (self->db, stored, &error))
            return _vastus_import_store_ok (self, where, error);
          _vastus_import_remember_new (self->new_patients, self->base_patient, stored->id, where);
          self->counts.patients++;
        }
      self->patient.patient = g_steal_pointer (&stored);
      if (!load_episodes (self, where))
        return FALSE;
    }

  /* Later rows (or a stored patient) must agree with what is known. */
  {
    const VastusPatient *known = self->patient.patient;
    /* The row this import added the patient from, or NULL: a stored patient. */
    const Where *earlier = _vastus_import_lookup_new (self->new_patients, self->base_patient,
                                                      known->id);

    if (family != NULL && (g_strcmp0 (family, known->family_name) != 0 ||
                           g_strcmp0 (given, known->given_name) != 0))
      {
        g_autofree char *whole = vastus_name_format (known->family_name, known->given_name,
                                                     VASTUS_NAME_ORDER_FAMILY_GIVEN);
        g_autofree char *name = vastus_text_excerpt (whole);
        Column column = split_name ? COL_NAME : COL_FAMILY_NAME;

        if (earlier != NULL)
          _vastus_import_add_error (self, where, column,
                                    /* Translators: a file name, a line number, the name it
                                     * gives. */
                                    _("The name differs from the one in %s line %u (“%s”)."),
                                    earlier->file->name, earlier->line, name);
        else
          _vastus_import_add_error (self, where, column,
                                    /* Translators: %s is the stored patient’s name. */
                                    _("The name differs from the stored patient’s (“%s”)."), name);
        ok = FALSE;
      }
    if (g_date_valid (&birth) && (!g_date_valid (&known->birth_date) ||
                                  g_date_compare (&birth, &known->birth_date) != 0))
      {
        char date[VASTUS_DATE_BUF_SIZE] = "";

        if (g_date_valid (&known->birth_date))
          vastus_date_format (&known->birth_date, date);
        if (earlier != NULL)
          _vastus_import_add_error (self, where, COL_BIRTH_DATE,
                                    /* Translators: a file name, a line number, the date it
                                     * gives. */
                                    _("The birth date differs from the one in %s line %u (%s)."),
                                    earlier->file->name, earlier->line, date);
        else
          _vastus_import_add_error (self, where, COL_BIRTH_DATE,
                                    /* Translators: %s is the stored patient’s birth date. */
                                    _("The birth date differs from the stored patient’s (%s)."),
                                    date);
        ok = FALSE;
      }
    if (_vastus_import_has (r, COL_SEX) && sex != known->sex)
      {
        /* The file's own word for the sex (female, male …), as the column takes it. */
        const char *stored_sex = vastus_sex_to_string (known->sex);

        if (earlier != NULL)
          _vastus_import_add_error (self, where, COL_SEX,
                                    /* Translators: a file name, a line number, the sex it gives
                                     * (the file's word: female, male, other, unknown). */
                                    _("The sex differs from the one in %s line %u (%s)."),
                                    earlier->file->name, earlier->line, stored_sex);
        else
          _vastus_import_add_error (self, where, COL_SEX,
                                    /* Translators: %s is the file's word for the stored sex
                                     * (female, male, other, unknown). */
                                    _("The sex differs from the stored patient’s (%s)."),
                                    stored_sex);
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

  ok &= _vastus_import_parse_date (self, r, COL_SURGERY_DATE, &surgery);
  ok &= _vastus_import_parse_date (self, r, COL_INJURY_DATE, &injury);
  if (_vastus_import_has (r, COL_INVOLVED_SIDE) &&
      (!vastus_side_from_string (_vastus_import_cell (r, COL_INVOLVED_SIDE), &involved) ||
       involved == VASTUS_SIDE_NONE))
    {
      g_autofree char *text = _vastus_import_quoted (r, COL_INVOLVED_SIDE);

      _vastus_import_add_error (self, where, COL_INVOLVED_SIDE,
                                /* Translators: %s is the text of the CSV file's involved side
                                 * column; left, right and both are the values a file writes and
                                 * stay in English */
                                _("“%s” is not an involved side (use left, right or both)."), text);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  if (!_vastus_import_has (r, COL_CONDITION))
    {
      if (g_date_valid (&surgery) || g_date_valid (&injury))
        {
          _vastus_import_add_error (self, where, COL_CONDITION,
                                    _("Name the episode’s condition as well as its dates."));
          return NULL;
        }
      /* The patient's most recent episode. */
      if (episodes->len == 0)
        {
          g_autofree char *mrn = vastus_text_excerpt (self->patient.patient->mrn);

          _vastus_import_add_error (self, where, COL_CONDITION,
                                    /* Translators: said of the condition column of a CSV row; %s
                                     * is the patient's medical record number (MRN) */
                                    _("Required: patient “%s” has no episode of care yet."), mrn);
          return NULL;
        }
      found = g_ptr_array_index (episodes, 0);
    }
  else
    {
      if (!vastus_condition_from_string (_vastus_import_cell (r, COL_CONDITION), &condition))
        {
          g_autofree char *text = _vastus_import_quoted (r, COL_CONDITION);

          _vastus_import_add_error (self, where, COL_CONDITION,
                                    /* Translators: %s is the text of the CSV file's condition
                                     * column; the codes in brackets are what a file writes and
                                     * stay in English */
                                    _("“%s” is not a condition (use aclr, acl_nonoperative, pfp, "
                                      "tka, meniscus, patellar_instability or other)."), text);
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

          if (!_vastus_import_has (r, COL_INVOLVED_SIDE))
            {
              _vastus_import_add_error (self, where, COL_INVOLVED_SIDE,
                                        _("Required for a new episode of care."));
              return NULL;
            }
          episode = vastus_episode_new ();
          episode->patient_id = self->patient.patient->id;
          episode->condition = condition;
          episode->involved_side = involved;
          episode->surgery_date = surgery;
          episode->injury_date = injury;
          problems = vastus_episode_check (episode, self->patient.patient, &self->today);
          if (!_vastus_import_report_problems (self, where, problems, COL_CONDITION))
            return NULL;
          if (!vastus_database_insert_episode (self->db, episode, &error))
            {
              _vastus_import_store_failed (self, where, error);
              return NULL;
            }
          _vastus_import_remember_new (self->new_episodes, self->base_episode, episode->id, where);
          self->counts.episodes++;
          /* The list stays newest first: rows without a condition name the most recent one. */
          if (!load_episodes (self, where))
            return NULL;
          for (guint i = 0; i < self->patient.episodes->len; i++)
            {
              const VastusEpisode *e = g_ptr_array_index (self->patient.episodes, i);

              if (e->id == episode->id)
                found = e;
            }
          g_assert (found != NULL);
          return found;
        }
    }

  if (_vastus_import_has (r, COL_INVOLVED_SIDE) && involved != found->involved_side)
    {
      /* The row this import added the episode from, or NULL: a stored episode. */
      const Where *earlier = _vastus_import_lookup_new (self->new_episodes, self->base_episode,
                                                        found->id);
      const char *side = vastus_side_to_string (found->involved_side);

      if (earlier != NULL)
        _vastus_import_add_error (self, where, COL_INVOLVED_SIDE,
                                  /* Translators: a file name, a line number, the side it gives
                                   * (the file's word: left, right, both). */
                                  _("The involved side differs from the one in %s line %u (%s)."),
                                  earlier->file->name, earlier->line, side);
      else
        _vastus_import_add_error (self, where, COL_INVOLVED_SIDE,
                                  /* Translators: %s is the file's word for the stored episode’s
                                   * side (left, right, both). */
                                  _("The involved side differs from the stored episode’s (%s)."),
                                  side);
      return NULL;
    }
  return found;
}

const VastusEpisode *
_vastus_import_row_episode (VastusCsvImport *self,
                            const Row       *r)
{
  if (!resolve_patient (self, r))
    return NULL;
  return resolve_episode (self, r);
}

void
_vastus_import_row (VastusCsvImport *self,
                    const Row       *r)
{
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  const VastusEpisode *episode;
  Visit *v;
  GDate date;
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (_vastus_import_columns[c].required && !_vastus_import_has (r, c))
      {
        _vastus_import_add_error (self, &r->where, c, _("A value is required."));
        return;
      }
  if (!_vastus_import_check_text_cells (self, r))
    ok = FALSE;
  if (!vastus_date_parse (_vastus_import_cell (r, COL_VISIT_DATE), &date, &error))
    {
      _vastus_import_add_error (self, &r->where, COL_VISIT_DATE, "%s", error->message);
      ok = FALSE;
    }
  m = _vastus_import_parse_measurement (self, r);
  if (m == NULL || !ok || !resolve_patient (self, r))
    return;
  episode = resolve_episode (self, r);
  if (episode == NULL)
    return;
  v = _vastus_import_resolve_visit (self, r, episode, &date);
  if (v == NULL)
    return;
  _vastus_import_add_measurement (self, v, &r->where, g_steal_pointer (&m));
}

FileInfo *
_vastus_import_add_file_info (VastusCsvImport *self,
                              const char      *name)
{
  FileInfo *file = g_new0 (FileInfo, 1);

  file->name = g_strdup (name != NULL ? name : "-");
  g_ptr_array_add (self->files, file);
  return file;
}

gboolean
_vastus_import_read_file (VastusCsvImport  *self,
                          const char       *name,
                          GInputStream     *stream,
                          GCancellable     *cancellable,
                          char              delimiter,
                          const FileReader *file_reader,
                          gpointer          data,
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

  file = _vastus_import_add_file_info (self, name);
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
      _vastus_import_keep_error (self, 0, 0, g_strdup (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reader = vastus_csv_reader_new (stream, cancellable);
  vastus_csv_reader_set_delimiter (reader, delimiter);
  row = vastus_csv_reader_next (reader, &local_error);
  if (row != NULL && file_reader->header (self, file, row, data))
    while (self->store_error == NULL &&
           (row = vastus_csv_reader_next (reader, &local_error)) != NULL)
      {
        gboolean empty = TRUE;

        /* How far it is, by the bytes read of the file; stopping leaves the error. */
        if (self->progress_source != NULL && row->line % 256 == 0 &&
            !vastus_progress_report ((guint64) g_seekable_tell (self->progress_source),
                                     (guint64) self->progress_size, &local_error))
          break;

        /* Spreadsheets leave rows of empty cells at the end. */
        for (guint c = 0; empty && c < row->n_fields; c++)
          empty = row->fields[c].text[0] == '\0';
        if (!empty)
          file_reader->row (self, file, row, data);
      }
  _vastus_import_flush_visit (self);
  if (local_error != NULL)
    {
      /* The reader's own errors name line and column already; the stream's do not. */
      code = local_error->domain == VASTUS_CSV_ERROR ? local_error->code : VASTUS_CSV_ERROR_VALUE;
      _vastus_import_keep_error (self, 0, 0,
                                 local_error->domain == VASTUS_CSV_ERROR
                                 ? g_strdup_printf ("%s: %s", file->name, local_error->message)
                                 : g_strdup_printf (_("%s: could not be read: %s"), file->name,
                                                    local_error->message));
    }

  if (self->n_errors > n_before)
    {
      _vastus_import_first_error (self, n_before, code, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
flat_header (VastusCsvImport    *self,
             FileInfo           *file,
             const VastusCsvRow *row,
             gpointer            data)
{
  return _vastus_import_read_header (self, file, row);
}

static void
flat_row (VastusCsvImport    *self,
          FileInfo           *file,
          const VastusCsvRow *row,
          gpointer            data)
{
  Row r = { file, row, { file, row->line } };

  _vastus_import_row (self, &r);
}

gboolean
vastus_csv_import_add_stream (VastusCsvImport  *self,
                              const char       *name,
                              GInputStream     *stream,
                              GCancellable     *cancellable,
                              GError          **error)
{
  static const FileReader flat = { flat_header, flat_row };

  return _vastus_import_read_file (self, name, stream, cancellable, ',', &flat, NULL, error);
}

gboolean
vastus_csv_import_add_data (VastusCsvImport  *self,
                            const char       *name,
                            const char       *data,
                            gsize             length,
                            GError          **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length,
                                                                        NULL);

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
      _vastus_import_keep_error (self, 0, 0, g_strdup (error->message));
      self->store_error = error;
      return FALSE;
    }

  for (guint i = 0; i < visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (visits, i);
      const VastusVisit *previous = NULL;
      const Where *where = _vastus_import_lookup_new (self->new_visits, self->base_visit,
                                                      visit->id);
      g_autoptr(GPtrArray) problems = NULL;

      if (where == NULL)
        where = g_hash_table_lookup (self->touched_visits, GSIZE_TO_POINTER (visit->id));
      if (where == NULL)
        continue;
      for (guint j = i; j-- > 0;)
        {
          const VastusVisit *before = g_ptr_array_index (visits, j);

          if (g_date_compare (&before->date, &visit->date) < 0)
            {
              previous = before;
              break;
            }
        }
      problems = vastus_visit_check (visit, patient, episode, previous, &self->today);
      for (guint k = 0; k < problems->len; k++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, k);

          if (p->soft && p->index < 0 && vastus_catalog_lookup (p->field) != NULL)
            _vastus_import_add_warning (self, where, COL_MEASURE, p->message);
        }
    }
  return TRUE;
}

gboolean
vastus_csv_import_check (VastusCsvImport       *self,
                         VastusCsvImportCounts *counts,
                         GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!self->checked)
    {
      self->checked = TRUE;
      _vastus_import_flush_visit (self);
      for (guint i = 0; self->n_errors == 0 && i < self->touched->len; i++)
        check_episode (self, g_array_index (self->touched, gint64, i));
    }
  if (self->n_errors > 0)
    {
      _vastus_import_first_error (self, 0, VASTUS_CSV_ERROR_VALUE, error);
      return FALSE;
    }
  if (counts != NULL)
    *counts = self->counts;
  return TRUE;
}

gboolean
vastus_csv_import_commit (VastusCsvImport       *self,
                          VastusCsvImportCounts *counts,
                          GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!vastus_csv_import_check (self, counts, error))
    {
      if (self->begun)
        vastus_database_rollback (self->db);
      self->begun = FALSE;
      return FALSE;
    }
  self->committed = TRUE;
  if (self->begun && !vastus_database_commit (self->db, error))
    return FALSE;
  return TRUE;
}
