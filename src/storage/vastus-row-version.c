/* vastus-row-version.c: why an update that names the row version it replaces changed nothing
 *
 * Patients, episodes and visits carry a row version (sql/015-row-versions.sql), clinic criteria
 * sets their version. A store's update names the version it was read at; when someone saved (or
 * deleted) the record in between, the update finds another version and changes nothing. Here the
 * store learns which it was, and who did it and when, from the audit trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "vastus-database-private.h"

/* Plain integers on both engines (a comparison would be a boolean on PostgreSQL). */
static const char *patient_state_sql =
  "SELECT row_version, 0 FROM patient WHERE id = ?1";
static const char *episode_state_sql =
  "SELECT row_version, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM episode WHERE id = ?1";
static const char *visit_state_sql =
  "SELECT row_version, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM visit WHERE id = ?1";
static const char *last_change_sql =
  "SELECT actor, at FROM audit_log WHERE table_name = ?1 AND row_id = ?2 ORDER BY id DESC LIMIT 1";
/* A set's versions are rows of their own: the latest says who saved it. */
static const char *set_state_sql =
  "SELECT version, actor, created FROM criteria_set WHERE id = ?1 ORDER BY version DESC LIMIT 1";

/* "14:32" for a time today (local time), else "2026-12-05 14:32"; NULL when @at is not a time. */
static char *
format_when (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
set_conflict (GError       **error,
              VastusRowKind  kind,
              gboolean       deleted,
              const char    *actor,
              const char    *at)
{
  g_autofree char *when = format_when (at);
  const char *format;

  if (actor == NULL || when == NULL)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT,
                           deleted
                           ? _("Someone else deleted this record after you opened it")
                           : _("Someone else changed this record after you opened it"));
      return;
    }
  switch (kind)
    {
    case VASTUS_ROW_PATIENT:
      /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
      format = _("%s changed this patient at %s after you opened it");
      break;
    case VASTUS_ROW_EPISODE:
      format = deleted
        /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
        ? _("%s deleted this episode at %s after you opened it")
        /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
        : _("%s changed this episode at %s after you opened it");
      break;
    case VASTUS_ROW_VISIT:
      format = deleted
        /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
        ? _("%s deleted this visit at %s after you opened it")
        /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
        : _("%s changed this visit at %s after you opened it");
      break;
    case VASTUS_ROW_CRITERIA_SET:
    default:
      /* Translators: who (a clinician's name) and when (a time like 14:32, or a date and time) */
      format = _("%s changed this criteria set at %s after you opened it");
      break;
    }
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT, format, actor, when);
}

static gboolean
read_failed (VastusDatabase *self,
             int             rc,
             GError        **error)
{
  _vastus_database_set_error (self, error, rc, _("Could not read who changed the record"));
  return TRUE;
}

gboolean
_vastus_database_check_conflict (VastusDatabase *self,
                                 VastusRowKind   kind,
                                 gint64          id,
                                 gint64          row_version,
                                 GError        **error)
{
  static const char *tables[] = { "patient", "episode", "visit" };
  const char *state_sql = kind == VASTUS_ROW_PATIENT ? patient_state_sql
                          : kind == VASTUS_ROW_EPISODE ? episode_state_sql : visit_state_sql;
  g_autoptr(VastusStmt) stmt = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *at = NULL;
  gboolean deleted;
  int rc;

  g_return_val_if_fail (kind != VASTUS_ROW_CRITERIA_SET, FALSE);

  stmt = _vastus_database_prepare (self, state_sql, error);
  if (stmt == NULL)
    return TRUE;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    return FALSE;  /* no such row: the caller's NOT_FOUND */
  if (rc != VASTUS_ROW)
    return read_failed (self, rc, error);
  deleted = _vastus_column_int (stmt, 1) != 0;
  if (_vastus_column_int64 (stmt, 0) == row_version && !deleted)
    return FALSE;  /* the version is the one read: the update missed for another reason */
  g_clear_pointer (&stmt, _vastus_stmt_release);

  stmt = _vastus_database_prepare (self, last_change_sql, error);
  if (stmt == NULL)
    return TRUE;
  _vastus_bind_text (stmt, 1, tables[kind]);
  _vastus_bind_int64 (stmt, 2, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    {
      actor = _vastus_column_text (stmt, 0);
      at = _vastus_column_text (stmt, 1);
    }
  else if (rc != VASTUS_DONE)
    return read_failed (self, rc, error);
  set_conflict (error, kind, deleted, actor, at);
  return TRUE;
}

gboolean
_vastus_database_check_set_conflict (VastusDatabase *self,
                                     const char     *set_id,
                                     int             version,
                                     GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, set_state_sql, error);
  g_autofree char *actor = NULL;
  g_autofree char *at = NULL;
  int rc;

  if (stmt == NULL)
    return TRUE;
  _vastus_bind_text (stmt, 1, set_id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    return FALSE;
  if (rc != VASTUS_ROW)
    return read_failed (self, rc, error);
  if (_vastus_column_int64 (stmt, 0) == version)
    return FALSE;
  actor = _vastus_column_text (stmt, 1);
  at = _vastus_column_text (stmt, 2);
  set_conflict (error, VASTUS_ROW_CRITERIA_SET, FALSE, actor, at);
  return TRUE;
}
