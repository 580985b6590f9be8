/* vastus-csv-import-visit.c: the visit of a row, and its measurements
 *
 * The rows of a visit come one after the other in a file: the visit they fill is kept in memory
 * with what they add, and stored when the rows move on (or the file ends). A patient has one
 * visit a day; a stored visit is only added to, never overwritten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-csv-import-private.h"
#include "vastus-validate.h"
#include "vastus-value.h"

void
_vastus_import_visit_free (Visit *v)
{
  vastus_visit_free (v->visit);
  g_ptr_array_unref (v->added);
  g_array_unref (v->added_where);
  g_free (v);
}

/* Visits */

/* Records a visit stored (@added: new) with @measurements, from the rows at @wheres. */
static void
record_stored (VastusCsvImport *self,
               Visit           *v,
               gboolean         added,
               GPtrArray       *measurements,
               GArray          *wheres)
{
  VastusCsvImportVisit stored = {
    v->patient_id, v->visit->episode_id, v->visit->id, v->visit->date, added, v->where.line
  };

  self->n_stored_visits++;
  if (self->stored_visits->len >= self->max_visits)
    return;
  g_array_append_val (self->stored_visits, stored);
  for (guint i = 0; i < measurements->len && self->values->len < self->max_values; i++)
    {
      VastusCsvImportValue *value = g_new0 (VastusCsvImportValue, 1);

      value->visit = self->stored_visits->len - 1;
      value->line = g_array_index (wheres, Where, i).line;
      value->measurement = vastus_measurement_copy (g_ptr_array_index (measurements, i));
      g_ptr_array_add (self->values, value);
    }
}

/* Stores the visit being filled (a new one with its measurements, or a stored one's new
 * measurements) and forgets it. After an error nothing more is written: it would be rolled back. */
void
_vastus_import_flush_visit (VastusCsvImport *self)
{
  g_autoptr(GError) error = NULL;
  Visit *v = self->visit;

  if (v == NULL)
    return;
  self->visit = NULL;
  if (self->n_errors > 0 || (!v->is_new && !v->changed && v->added->len == 0))
    {
      _vastus_import_visit_free (v);
      return;
    }
  if (v->is_new)
    {
      guint n = v->added->len;

      g_ptr_array_extend_and_steal (v->visit->measurements, g_steal_pointer (&v->added));
      v->added = g_ptr_array_new ();
      if (vastus_database_insert_visit (self->db, v->visit, &error))
        {
          _vastus_import_remember_new (self->new_visits, self->base_visit, v->visit->id, &v->where);
          self->counts.visits++;
          self->counts.measurements += n;
          record_stored (self, v, TRUE, v->visit->measurements, v->added_where);
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
      if (error == NULL && (v->changed || v->added->len > 0))
        record_stored (self, v, FALSE, v->added, v->added_where);
    }
  if (error != NULL)
    _vastus_import_store_failed (self, &v->where, g_steal_pointer (&error));
  else
    _vastus_import_touch_episode (self, v->visit->episode_id);
  _vastus_import_visit_free (v);
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
  return _vastus_import_report_problems (self, &r->where, problems, COL_VISIT_DATE);
}

static gboolean
agree_double (VastusCsvImport *self,
              Visit           *v,
              const Where     *where,
              Column           column,
              double           given,
              double          *field)
{
  char a[VASTUS_NUMBER_BUF_SIZE];

  if (isnan (given) || vastus_same_number (given, *field))
    return TRUE;
  if (v->ours && isnan (*field))
    {
      *field = given;
      v->changed = !v->is_new;
      return TRUE;
    }
  if (isnan (*field))
    _vastus_import_add_error (self, where, column,
                              _("The stored visit has none; it cannot be added by an import."));
  else if (v->ours)
    _vastus_import_add_error (self, where, column,
                              /* Translators: a file name, a line number, the value it gives. */
                              _("The value differs from the one in %s line %u (%s)."),
                              v->where.file->name, v->where.line, vastus_number_format (*field, a));
  else
    _vastus_import_add_error (self, where, column,
                              /* Translators: %s is the stored visit’s value. */
                              _("The value differs from the stored visit’s (%s)."),
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
  if (*given == '\0' || g_strcmp0 (given, *field) == 0)
    return TRUE;
  if (v->ours && *field == NULL)
    {
      *field = g_strdup (given);
      v->changed = !v->is_new;
      return TRUE;
    }
  if (*field == NULL)
    _vastus_import_add_error (self, where, column,
                              _("The stored visit has none; it cannot be added by an import."));
  else if (v->ours)
    _vastus_import_add_error (self, where, column,
                              /* Translators: a file name and a line number. */
                              _("The text differs from the one in %s line %u."),
                              v->where.file->name, v->where.line);
  else
    _vastus_import_add_error (self, where, column, _("The text differs from the stored visit’s."));
  return FALSE;
}

/* The visit of the row: the one being filled, a stored one (one per patient and day), or a new
 * one. */
Visit *
_vastus_import_resolve_visit (VastusCsvImport     *self,
                              const Row           *r,
                              const VastusEpisode *episode,
                              const GDate         *date)
{
  const Where *where = &r->where;
  Visit *v = self->visit;
  double mass, height;
  gboolean ok = TRUE;

  ok &= _vastus_import_parse_number (self, r, COL_BODY_MASS, &mass);
  ok &= _vastus_import_parse_number (self, r, COL_HEIGHT, &height);
  if (!ok)
    return NULL;

  if (v == NULL || v->visit->episode_id != episode->id ||
      g_date_compare (&v->visit->date, date) != 0)
    {
      GError *error = NULL;
      gint64 in_episode = 0;
      gint64 id;

      _vastus_import_flush_visit (self);
      if (self->store_error != NULL)
        return NULL;
      id = _vastus_database_find_visit_on (self->db, episode->patient_id, date, episode->id,
                                           &in_episode, &error);
      if (!_vastus_import_store_ok (self, where, error))
        return NULL;
      if (id > 0 && in_episode != episode->id)
        {
          char buf[VASTUS_DATE_BUF_SIZE];

          _vastus_import_add_error (self, where, COL_VISIT_DATE,
                                    /* Translators: %s is the visit's date, in the reader's form */
                                    _("This patient has a visit on %s in another episode of "
                                      "care; a patient has one visit a day (name that "
                                      "episode’s condition and dates)."),
                                    vastus_date_format (date, buf));
          return NULL;
        }
      v = g_new0 (Visit, 1);
      v->is_new = id == 0;
      v->patient_id = episode->patient_id;
      v->ours = v->is_new || _vastus_import_lookup_new (self->new_visits, self->base_visit,
                                                        id) != NULL;
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
          if (!_vastus_import_store_ok (self, where, error))
            {
              g_clear_pointer (&self->visit, _vastus_import_visit_free);
              return NULL;
            }
          /* A visit this import stored earlier is named by its first row. */
          if (v->ours)
            v->where = *_vastus_import_lookup_new (self->new_visits, self->base_visit, id);
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
  ok &= agree_text (self, v, where, COL_CLINICIAN, _vastus_import_text_cell (r, COL_CLINICIAN),
                    &v->visit->clinician);
  ok &= agree_text (self, v, where, COL_NOTE, _vastus_import_text_cell (r, COL_NOTE),
                    &v->visit->notes);
  return ok ? v : NULL;
}

/* The first column in which @a and @b differ, or NO_COLUMN when they hold the same measurement. */
static Column
measurement_difference (const VastusMeasurement *a,
                        const VastusMeasurement *b)
{
  /* The unit is left out: the same stored value is the same measurement however entered. */
  if (!vastus_same_number (a->value, b->value))
    return COL_VALUE;
  if (a->baseline != b->baseline)
    return COL_BASELINE;
  if (!vastus_same_number (a->knee_angle_deg, b->knee_angle_deg))
    return COL_KNEE_ANGLE;
  if (!vastus_same_number (a->velocity_deg_s, b->velocity_deg_s))
    return COL_VELOCITY;
  if (g_strcmp0 (a->fixation, b->fixation) != 0)
    return COL_FIXATION;
  if (!vastus_same_number (a->lever_arm_m, b->lever_arm_m))
    return COL_LEVER_ARM;
  return NO_COLUMN;
}

static gboolean
same_slot (const VastusMeasurement *a,
           const VastusMeasurement *b)
{
  return g_str_equal (a->measure, b->measure) && a->side == b->side && a->trial == b->trial;
}

void
_vastus_import_add_measurement (VastusCsvImport   *self,
                                Visit             *v,
                                const Where       *where,
                                VastusMeasurement *m)
{
  g_autoptr(VastusMeasurement) owned = m;
  g_autoptr(GError) conflict = NULL;
  Column diff;

  /* A questionnaire score must agree with the visit's answers to its instrument. */
  if (!v->is_new &&
      !_vastus_database_check_score (self->db, v->visit->id, m->measure, m->value, &conflict))
    {
      _vastus_import_add_error (self, where, COL_VALUE, "%s", conflict->message);
      return;
    }

  for (guint i = 0; !v->is_new && i < v->visit->measurements->len; i++)
    {
      const VastusMeasurement *stored = g_ptr_array_index (v->visit->measurements, i);

      if (!same_slot (stored, m))
        continue;
      diff = measurement_difference (stored, m);
      if (diff == NO_COLUMN)
        self->counts.skipped++;
      else if (stored->id > self->base_measurement)
        _vastus_import_add_error (self, where, diff,
                                  /* Translators: the first %s is the measure's code, the second
                                   * the side (left or right), %d the trial's number */
                                  _("%s, %s, trial %d is earlier in this import too, with "
                                    "other data."),
                                  m->measure, vastus_side_to_string (m->side), m->trial);
      else
        _vastus_import_add_error (self, where, diff,
                                  /* Translators: the first %s is the measure's code, the second
                                   * the side (left or right), %d the trial's number */
                                  _("%s, %s, trial %d is stored already with other data; an "
                                    "import never overwrites (change it in Vastus)."),
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
        {
          const Where *earlier = &g_array_index (v->added_where, Where, i);

          _vastus_import_add_error (self, where, diff,
                                    /* Translators: a measure code, the file's side word (left,
                                     * right), a trial number, a file name, a line number. */
                                    _("%s, %s, trial %d is on %s line %u too, with other data."),
                                    m->measure, vastus_side_to_string (m->side), m->trial,
                                    earlier->file->name, earlier->line);
        }
      return;
    }
  g_ptr_array_add (v->added, g_steal_pointer (&owned));
  g_array_append_val (v->added_where, *where);
}

