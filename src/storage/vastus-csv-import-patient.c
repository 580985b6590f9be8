/* vastus-csv-import-patient.c: the patient and the episode of care a row names: found among
 * the stored ones, or added from the row that first names them; later rows must agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-csv-import-private.h"
#include "vastus-name.h"
#include "vastus-validate.h"
#include "vastus-value.h"

void
_vastus_import_patient_clear (Patient *p)
{
  g_clear_pointer (&p->patient, vastus_patient_free);
  g_clear_pointer (&p->episodes, g_ptr_array_unref);
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

      _vastus_import_patient_clear (&self->patient);
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
