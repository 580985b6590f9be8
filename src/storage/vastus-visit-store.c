/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-store"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"
#include "vastus-value.h"

#define VISIT_COLUMNS VASTUS_VISIT_COLUMNS
#define MEASUREMENT_COLUMNS VASTUS_MEASUREMENT_COLUMNS


void
_vastus_read_visit (VastusStmt  *stmt,
                    VastusVisit *visit)
{
  visit->id = _vastus_column_int64 (stmt, 0);
  visit->episode_id = _vastus_column_int64 (stmt, 1);
  _vastus_column_date (stmt, 2, &visit->date);
  visit->clinician = _vastus_column_text (stmt, 3);
  visit->body_mass_kg = _vastus_column_double (stmt, 4);
  visit->height_cm = _vastus_column_double (stmt, 5);
  visit->notes = _vastus_column_text (stmt, 6);
  visit->findings = (guint) _vastus_column_int64 (stmt, 7);
  visit->template_id = _vastus_column_int64 (stmt, 8);
  visit->row_version = _vastus_column_int64 (stmt, 9);
}

VastusMeasurement *
_vastus_read_measurement (VastusStmt *stmt)
{
  VastusSide side;
  VastusMeasurement *m;

  if (!vastus_side_from_string (_vastus_column_peek (stmt, 3), &side))
    side = VASTUS_SIDE_NONE;
  m = vastus_measurement_new (_vastus_column_peek (stmt, 2), side,
                              _vastus_column_int (stmt, 4), _vastus_column_double (stmt, 5),
                              _vastus_column_peek (stmt, 6));
  m->id = _vastus_column_int64 (stmt, 0);
  m->visit_id = _vastus_column_int64 (stmt, 1);
  m->knee_angle_deg = _vastus_column_double (stmt, 7);
  m->velocity_deg_s = _vastus_column_double (stmt, 8);
  m->lever_arm_m = _vastus_column_double (stmt, 9);
  m->fixation = _vastus_column_text (stmt, 10);
  m->baseline = _vastus_column_int (stmt, 11) != 0;
  return m;
}

typedef enum { VISIT, MEASUREMENT } Record;

static gboolean
not_found (GError **error,
           Record   record,
           gint64   id)
{
  if (record == VISIT)
    /* Translators: %lld is the visit's number in the database */
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                 /* Translators: the visit's number in the database */
                 _("There is no visit %lld"), (long long) id);
  else
    /* Translators: %lld is the measurement's number in the database */
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                 /* Translators: %lld is a measurement's number in the database */
                 _("There is no measurement %lld"), (long long) id);
  return FALSE;
}

static gboolean
check_changed (VastusDatabase *self,
               GError        **error,
               Record          record,
               gint64          id)
{
  if (_vastus_conn_changes (_vastus_database_get_conn (self)) == 0)
    return not_found (error, record, id);
  return TRUE;
}

/* One visit a day */

/* Two lookups through the indexes, without a sort: this runs for every visit an import names. */
static const char *find_visit_in_episode_sql =
  "SELECT id FROM visit WHERE episode_id = ?1 AND deleted_at IS NULL AND date = ?2 LIMIT 1";
static const char *find_visit_of_patient_sql =
  "SELECT v.id, v.episode_id FROM episode e JOIN visit v ON v.episode_id = e.id "
  "WHERE e.patient_id = ?1 AND v.deleted_at IS NULL AND v.date = ?2 LIMIT 1";

gint64
_vastus_database_find_visit_on (VastusDatabase *self,
                                gint64          patient_id,
                                const GDate    *date,
                                gint64          episode_id,
                                gint64         *in_episode,
                                GError        **error)
{
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(VastusStmt) stmt =
        _vastus_database_prepare (self, pass == 0 ? find_visit_in_episode_sql
                                                  : find_visit_of_patient_sql, error);
      int rc;

      if (stmt == NULL)
        return -1;
      _vastus_bind_int64 (stmt, 1, pass == 0 ? episode_id : patient_id);
      _vastus_bind_date (stmt, 2, date);
      rc = _vastus_step (stmt);
      if (rc == VASTUS_ROW)
        {
          if (in_episode != NULL)
            *in_episode = pass == 0 ? episode_id : _vastus_column_int64 (stmt, 1);
          return _vastus_column_int64 (stmt, 0);
        }
      if (rc != VASTUS_DONE)
        {
          _vastus_database_set_error (self, error, rc, _("Could not look for the visit"));
          return -1;
        }
    }
  return 0;
}

static const char *patient_of_episode_sql = "SELECT patient_id FROM episode WHERE id = ?1";

/* After a write refused by the one-visit-a-day rule (VISIT_EXISTS): names the visit there is,
 * in the message and in the error (vastus_store_error_get_visit_id). */
static void
name_existing_visit (VastusDatabase *self,
                     GError        **error,
                     gint64          episode_id,
                     const GDate    *date)
{
  g_autoptr(VastusStmt) stmt = NULL;
  char buf[VASTUS_DATE_BUF_SIZE];
  gint64 id = 0;

  if (error == NULL || !g_error_matches (*error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS))
    return;
  stmt = _vastus_database_prepare (self, patient_of_episode_sql, NULL);
  if (stmt != NULL)
    {
      _vastus_bind_int64 (stmt, 1, episode_id);
      if (_vastus_step (stmt) == VASTUS_ROW)
        id = _vastus_database_find_visit_on (self, _vastus_column_int64 (stmt, 0), date,
                                             episode_id, NULL, NULL);
    }
  g_clear_error (error);
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS,
               /* Translators: a date */
               _("There is a visit on %s already (a patient has one visit a day): open that visit "
               "to add to it"), vastus_date_format (date, buf));
  _vastus_store_error_set_visit_id (*error, MAX (id, 0));
}

/* Measurements */

static void
bind_measurement (VastusStmt              *stmt,
                  const VastusMeasurement *m)
{
  /* BOTH or an out-of-range side binds NULL, which NOT NULL rejects. */
  _vastus_bind_text (stmt, 3, (guint) m->side <= VASTUS_SIDE_RIGHT
                              ? vastus_side_to_string (m->side) : NULL);
  _vastus_bind_text (stmt, 2, m->measure);
  _vastus_bind_int (stmt, 4, m->trial);
  _vastus_bind_double (stmt, 5, m->value);
  _vastus_bind_text (stmt, 6, m->unit);
  _vastus_bind_double (stmt, 7, m->knee_angle_deg);
  _vastus_bind_double (stmt, 8, m->velocity_deg_s);
  _vastus_bind_double (stmt, 9, m->lever_arm_m);
  _vastus_bind_text (stmt, 10, m->fixation);
  _vastus_bind_int (stmt, 11, m->baseline ? 1 : 0);
}

static gboolean
bind_measurement_and_step (VastusDatabase          *self,
                           VastusStmt              *stmt,
                           const VastusMeasurement *m,
                           GError                 **error)
{
  bind_measurement (stmt, m);
  return _vastus_database_step_done (self, stmt, _("Could not save the measurement"), error);
}

static const char *insert_measurement_sql =
  "INSERT INTO measurement (visit_id, measure, side, trial, value, unit, knee_angle_deg, "
  "  velocity_deg_s, lever_arm_m, fixation, baseline) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

gboolean
_vastus_database_store_measurement (VastusDatabase    *self,
                   gint64             visit_id,
                   VastusMeasurement *m,
                   GError           **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_measurement_sql, error);

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, visit_id);
  if (!bind_measurement_and_step (self, stmt, m, error))
    return FALSE;
  m->id = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
  m->visit_id = visit_id;
  return TRUE;
}

/* A new visit's measurements, queued: on a server they travel together, one round trip for
 * all (vastus-conn.h). A failure names the measurement, as one insert at a time would. */
static gboolean
store_measurements (VastusDatabase *self,
                    gint64          visit_id,
                    GPtrArray      *measurements,
                    GError        **error)
{
  guint failed = G_MAXUINT;
  int rc = VASTUS_DONE;

  for (guint i = 0; rc == VASTUS_DONE && i < measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (measurements, i);
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_measurement_sql, error);

      if (stmt == NULL)
        {
          g_prefix_error (error, "Measurement %u (%s): ", i + 1, m->measure);
          return FALSE;
        }
      _vastus_bind_int64 (stmt, 1, visit_id);
      bind_measurement (stmt, m);
      m->visit_id = visit_id;
      rc = _vastus_step_queued (stmt, &m->id);
      if (rc != VASTUS_DONE)
        failed = i;
    }
  if (rc == VASTUS_DONE)
    rc = _vastus_conn_flush (_vastus_database_get_conn (self), &failed);
  if (rc == VASTUS_DONE)
    return TRUE;
  _vastus_database_set_error (self, error, rc, _("Could not save the measurement"));
  if (failed < measurements->len)
    g_prefix_error (error, "Measurement %u (%s): ", failed + 1,
                    ((VastusMeasurement *) g_ptr_array_index (measurements, failed))->measure);
  return FALSE;
}

/* Only into a visit that exists and is not deleted. */
static const char *live_visit_sql =
  "SELECT 1 FROM visit WHERE id = ?1 AND deleted_at IS NULL";

gboolean
vastus_database_insert_measurement (VastusDatabase    *self,
                                    gint64             visit_id,
                                    VastusMeasurement *measurement,
                                    GError           **error)
{
  gboolean ok;
  VastusMeasurement saved;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved = *measurement;
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, live_visit_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        int rc;

        _vastus_bind_int64 (stmt, 1, visit_id);
        rc = _vastus_step (stmt);
        if (rc == VASTUS_DONE)
          ok = not_found (error, VISIT, visit_id);
        else if (rc != VASTUS_ROW)
          {
            _vastus_database_set_error (self, error, rc, _("Could not read the visit"));
            ok = FALSE;
          }
      }
  }
  ok = ok && _vastus_database_check_score (self, visit_id, measurement->measure, measurement->value, error)
       && _vastus_database_store_measurement (self, visit_id, measurement, error);
  if (!_vastus_database_write_end (self, ok, error))
    {
      measurement->id = saved.id;
      measurement->visit_id = saved.visit_id;
      return FALSE;
    }
  return TRUE;
}

/* A measurement stays with its visit; deleted ones cannot be edited (restore first). */
static const char *update_measurement_sql =
  "UPDATE measurement SET measure = ?2, side = ?3, trial = ?4, value = ?5, unit = ?6, "
  "  knee_angle_deg = ?7, velocity_deg_s = ?8, lever_arm_m = ?9, fixation = ?10, "
  "  baseline = ?11, updated_at = " VASTUS_SQL_NOW " "
  "WHERE id = ?1 AND deleted_at IS NULL";

gboolean
vastus_database_update_measurement (VastusDatabase          *self,
                                    const VastusMeasurement *measurement,
                                    GError                 **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, update_measurement_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, measurement->id);
        ok = bind_measurement_and_step (self, stmt, measurement, error)
             && check_changed (self, error, MEASUREMENT, measurement->id);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

static const char *delete_measurement_sql =
  "UPDATE measurement SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor () "
  "WHERE id = ?1 AND deleted_at IS NULL";

static const char *restore_measurement_sql =
  "UPDATE measurement SET deleted_at = NULL, deleted_by = NULL "
  "WHERE id = ?1 AND deleted_at IS NOT NULL";

#define DELETE_VISIT_SQL \
  "UPDATE visit SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor (), " \
  "  row_version = row_version + 1 " \
  "WHERE id = ?1 AND deleted_at IS NULL"
#define RESTORE_VISIT_SQL \
  "UPDATE visit SET deleted_at = NULL, deleted_by = NULL, row_version = row_version + 1 " \
  "WHERE id = ?1 AND deleted_at IS NOT NULL"

static const char *delete_visit_sql = DELETE_VISIT_SQL;
static const char *restore_visit_sql = RESTORE_VISIT_SQL;
/* The same at the version the person saw. */
static const char *delete_visit_at_sql = DELETE_VISIT_SQL " AND row_version = ?2";
static const char *restore_visit_at_sql = RESTORE_VISIT_SQL " AND row_version = ?2";

/* Runs one of the soft delete/restore statements above on row @id; a visit's at @row_version
 * (0: at any). */
static gboolean
set_deleted (VastusDatabase *self,
             const char     *sql,
             gint64          id,
             gint64          row_version,
             Record          record,
             GError        **error)
{
  gboolean restoring = sql == restore_visit_sql || sql == restore_measurement_sql;
  gboolean ok, changed;

  g_assert (row_version == 0 || record == VISIT);
  if (row_version != 0)
    sql = restoring ? restore_visit_at_sql : delete_visit_at_sql;
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, id);
        if (row_version != 0)
          _vastus_bind_int64 (stmt, 2, row_version);
        ok = _vastus_database_step_done (self, stmt, _("Could not save the change"), error);
      }
    changed = ok && _vastus_conn_changes (_vastus_database_get_conn (self)) > 0;
    /* Someone else changed, deleted or restored the visit after it was shown. */
    if (ok && !changed && row_version != 0
        && _vastus_database_check_conflict (self, VASTUS_ROW_VISIT, id, row_version, error))
      ok = FALSE;
    if (ok && !changed)
      {

        const char *format;

        if (record == VISIT)
          format = restoring
                   /* Translators: %lld is the visit's number in the database */
                   ? _("There is no deleted visit %lld")
                   /* Translators: %lld is the visit's number in the database */
                   : _("There is no visit %lld (or it is deleted already)");
        else
          format = restoring
                   /* Translators: %lld is the measurement's number in the database */
                   ? _("There is no deleted measurement %lld")
                   /* Translators: %lld is the measurement's number in the database */
                   : _("There is no measurement %lld (or it is deleted already)");
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND, format, (long long) id);
        ok = FALSE;
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

gboolean
vastus_database_delete_measurement (VastusDatabase *self,
                                    gint64          id,
                                    GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_deleted (self, delete_measurement_sql, id, 0, MEASUREMENT, error);
}

gboolean
vastus_database_restore_measurement (VastusDatabase *self,
                                     gint64          id,
                                     GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_deleted (self, restore_measurement_sql, id, 0, MEASUREMENT, error);
}

gboolean
vastus_database_delete_visit (VastusDatabase *self,
                              gint64          id,
                              gint64          row_version,
                              GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_deleted (self, delete_visit_sql, id, row_version, VISIT, error);
}

static const char *deleted_visit_sql = "SELECT episode_id, date FROM visit WHERE id = ?1";

gboolean
vastus_database_restore_visit (VastusDatabase *self,
                               gint64          id,
                               gint64          row_version,
                               GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (set_deleted (self, restore_visit_sql, id, row_version, VISIT, &local_error))
    return TRUE;
  if (g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS))
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, deleted_visit_sql, NULL);

      if (stmt != NULL)
        {
          _vastus_bind_int64 (stmt, 1, id);
          if (_vastus_step (stmt) == VASTUS_ROW)
            {
              GDate date;

              _vastus_column_date (stmt, 1, &date);
              name_existing_visit (self, &local_error, _vastus_column_int64 (stmt, 0), &date);
            }
        }
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Visits */

static gboolean
bind_visit_and_step (VastusDatabase    *self,
                     VastusStmt        *stmt,
                     const VastusVisit *visit,
                     GError           **error)
{
  _vastus_bind_date (stmt, 2, &visit->date);
  _vastus_bind_text (stmt, 3, visit->clinician);
  _vastus_bind_double (stmt, 4, visit->body_mass_kg);
  _vastus_bind_double (stmt, 5, visit->height_cm);
  _vastus_bind_text (stmt, 6, visit->notes);
  _vastus_bind_int64 (stmt, 7, visit->findings);
  _vastus_bind_int64 (stmt, 8, visit->episode_id);
  return _vastus_database_step_done (self, stmt, _("Could not save the visit"), error);
}

static const char *set_template_use_sql =
  "INSERT INTO visit_template_use (visit_id, template_id) VALUES (?1, ?2) "
  "ON CONFLICT (visit_id) DO UPDATE SET template_id = excluded.template_id";

static const char *clear_template_use_sql =
  "DELETE FROM visit_template_use WHERE visit_id = ?1";

/* The battery visit @id was entered with (sql/012-visit-templates.sql); 0: none. */
static gboolean
store_template_use (VastusDatabase *self,
                    gint64          id,
                    gint64          template_id,
                    GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, template_id != 0
                                                               ? set_template_use_sql
                                                               : clear_template_use_sql, error);

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, id);
  if (template_id != 0)
    _vastus_bind_int64 (stmt, 2, template_id);
  return _vastus_database_step_done (self, stmt, _("Could not save the visit's test battery"), error);
}

/* ?1, the id, stays unbound (NULL): SQLite assigns it. */
static const char *insert_visit_sql =
  "INSERT INTO visit (id, date, clinician, body_mass_kg, height_cm, notes, findings, episode_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

gboolean
vastus_database_insert_visit (VastusDatabase *self,
                              VastusVisit    *visit,
                              GError        **error)
{
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (visit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_visit_sql, error);

    ok = stmt != NULL && bind_visit_and_step (self, stmt, visit, error);
    if (ok)
      id = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
  }
  if (ok && visit->template_id != 0)
    ok = store_template_use (self, id, visit->template_id, error);
  ok = ok && store_measurements (self, id, visit->measurements, error);
  if (!_vastus_database_write_end (self, ok, error))
    {
      name_existing_visit (self, error, visit->episode_id, &visit->date);
      /* Nothing was stored: the ids must not claim otherwise. */
      for (guint i = 0; i < visit->measurements->len; i++)
        {
          VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

          m->id = 0;
          m->visit_id = 0;
        }
      return FALSE;
    }
  visit->id = id;
  visit->row_version = 1;
  return TRUE;
}

/* The episode is not changed by an update; deleted visits cannot be edited (restore first). */
static const char *update_visit_sql =
  "UPDATE visit SET date = ?2, clinician = ?3, body_mass_kg = ?4, height_cm = ?5, notes = ?6, "
  "  findings = ?7, updated_at = " VASTUS_SQL_NOW ", row_version = row_version + 1 "
  "WHERE id = ?1 AND episode_id = ?8 AND deleted_at IS NULL AND row_version = ?9";

gboolean
vastus_database_update_visit (VastusDatabase *self,
                              VastusVisit    *visit,
                              GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (visit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, update_visit_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, visit->id);
        _vastus_bind_int64 (stmt, 9, visit->row_version);
        ok = bind_visit_and_step (self, stmt, visit, error);
      }
    if (ok && _vastus_conn_changes (_vastus_database_get_conn (self)) == 0)
      ok = !_vastus_database_check_conflict (self, VASTUS_ROW_VISIT, visit->id, visit->row_version,
                                            error)
           && not_found (error, VISIT, visit->id);
  }
  ok = ok && store_template_use (self, visit->id, visit->template_id, error);
  if (_vastus_database_write_end (self, ok, error))
    {
      visit->row_version++;
      return TRUE;
    }
  name_existing_visit (self, error, visit->episode_id, &visit->date);
  return FALSE;
}

static const char *get_visit_sql =
  "SELECT " VISIT_COLUMNS " FROM visit v WHERE v.id = ?1 AND v.deleted_at IS NULL";

static const char *visit_measurements_sql =
  "SELECT " MEASUREMENT_COLUMNS " FROM measurement m "
  "WHERE m.visit_id = ?1 AND m.deleted_at IS NULL ORDER BY m.id";

static VastusVisit *read_visit_with_measurements (VastusDatabase *self,
                                                  gint64          id,
                                                  GError        **error);

VastusVisit *
vastus_database_get_visit (VastusDatabase *self,
                           gint64          id,
                           GError        **error)
{
  g_autoptr(VastusVisit) visit = NULL;
  gboolean owned;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The visit and its measurements from one snapshot. */
  if (!_vastus_database_read_begin (self, &owned, error))
    return NULL;
  visit = read_visit_with_measurements (self, id, error);
  _vastus_database_read_end (self, owned);
  return g_steal_pointer (&visit);
}

static VastusVisit *
read_visit_with_measurements (VastusDatabase *self,
                              gint64          id,
                              GError        **error)
{
  g_autoptr(VastusVisit) visit = NULL;
  int rc;

  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, get_visit_sql, error);

    if (stmt == NULL)
      return NULL;
    _vastus_bind_int64 (stmt, 1, id);
    rc = _vastus_step (stmt);
    if (rc == VASTUS_DONE)
      {
        not_found (error, VISIT, id);
        return NULL;
      }
    if (rc != VASTUS_ROW)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the visit"));
        return NULL;
      }
    visit = vastus_visit_new ();
    _vastus_read_visit (stmt, visit);
  }
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, visit_measurements_sql, error);

    if (stmt == NULL)
      return NULL;
    _vastus_bind_int64 (stmt, 1, id);
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      g_ptr_array_add (visit->measurements, _vastus_read_measurement (stmt));
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the measurements"));
        return NULL;
      }
  }
  return g_steal_pointer (&visit);
}

static const char *list_visits_sql =
  "SELECT " VISIT_COLUMNS " FROM visit v "
  "WHERE v.episode_id = ?1 AND v.deleted_at IS NULL ORDER BY v.date, v.id";

static const char *episode_measurements_sql =
  "SELECT " MEASUREMENT_COLUMNS " FROM visit v JOIN measurement m ON m.visit_id = v.id "
  "WHERE v.episode_id = ?1 AND v.deleted_at IS NULL AND m.deleted_at IS NULL "
  "ORDER BY m.id";

static GPtrArray *read_visits (VastusDatabase *self,
                               gint64          episode_id,
                               GError        **error);

GPtrArray *
vastus_database_list_visits (VastusDatabase *self,
                             gint64          episode_id,
                             GError        **error)
{
  GPtrArray *list;
  gboolean owned;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The visits and their measurements from one snapshot: a visit saved in between is either
   * there with its measurements or not at all. */
  if (!_vastus_database_read_begin (self, &owned, error))
    return NULL;
  list = read_visits (self, episode_id, error);
  _vastus_database_read_end (self, owned);
  return list;
}

static GPtrArray *
read_visits (VastusDatabase *self,
             gint64          episode_id,
             GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  int rc;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, list_visits_sql, error);

    if (stmt == NULL)
      return NULL;
    _vastus_bind_int64 (stmt, 1, episode_id);
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        VastusVisit *visit = vastus_visit_new ();

        _vastus_read_visit (stmt, visit);
        g_ptr_array_add (list, visit);
        g_hash_table_insert (by_id, &visit->id, visit);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not list visits"));
        return NULL;
      }
  }
  if (list->len == 0)
    return g_steal_pointer (&list);
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, episode_measurements_sql, error);

    if (stmt == NULL)
      return NULL;
    _vastus_bind_int64 (stmt, 1, episode_id);
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        gint64 visit_id = _vastus_column_int64 (stmt, 1);
        VastusVisit *visit = g_hash_table_lookup (by_id, &visit_id);

        if (visit != NULL)
          g_ptr_array_add (visit->measurements, _vastus_read_measurement (stmt));
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the measurements"));
        return NULL;
      }
  }
  return g_steal_pointer (&list);
}
