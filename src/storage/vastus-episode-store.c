/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-episode-store"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"


/* The first visit and the day it was recorded are read for the episode's start date
 * (vastus_episode_get_start_date); the first comes from the index visit_by_episode. */
#define EPISODE_COLUMNS \
  "id, patient_id, condition, involved_side, injury_date, surgery_date, surgeon, " \
  "procedure_details, restrictions, no_max_test_before, criteria_set, " \
  "treating_therapist, " \
  "(SELECT min (v.date) FROM visit v WHERE v.episode_id = episode.id AND v.deleted_at IS NULL), " \
  "substr (created_at, 1, 10), row_version"

static void
read_episode (VastusStmt    *stmt,
              VastusEpisode *episode)
{
  episode->id = _vastus_column_int64 (stmt, 0);
  episode->patient_id = _vastus_column_int64 (stmt, 1);
  if (!vastus_condition_from_string (_vastus_column_peek (stmt, 2),
                                     &episode->condition))
    episode->condition = VASTUS_CONDITION_OTHER;
  if (!vastus_side_from_string (_vastus_column_peek (stmt, 3),
                                &episode->involved_side))
    episode->involved_side = VASTUS_SIDE_BOTH;
  _vastus_column_date (stmt, 4, &episode->injury_date);
  _vastus_column_date (stmt, 5, &episode->surgery_date);
  episode->surgeon = _vastus_column_text (stmt, 6);
  episode->procedure = _vastus_column_text (stmt, 7);
  episode->restrictions = _vastus_column_text (stmt, 8);
  _vastus_column_date (stmt, 9, &episode->no_max_test_before);
  episode->criteria_set = _vastus_column_text (stmt, 10);
  episode->treating_therapist = _vastus_column_text (stmt, 11);
  _vastus_column_date (stmt, 12, &episode->first_visit);
  _vastus_column_date (stmt, 13, &episode->recorded);
  episode->row_version = _vastus_column_int64 (stmt, 14);
}

static gboolean
bind_episode_and_step (VastusDatabase      *self,
                       VastusStmt          *stmt,
                       const VastusEpisode *episode,
                       GError             **error)
{
  /* Out-of-range enums bind NULL, which NOT NULL rejects. */
  _vastus_bind_text (stmt, 2, (guint) episode->condition <= VASTUS_CONDITION_OTHER
                              ? vastus_condition_to_string (episode->condition) : NULL);
  _vastus_bind_text (stmt, 3, (guint) episode->involved_side <= VASTUS_SIDE_BOTH
                              ? vastus_side_to_string (episode->involved_side) : NULL);
  _vastus_bind_date (stmt, 4, &episode->injury_date);
  _vastus_bind_date (stmt, 5, &episode->surgery_date);
  _vastus_bind_text (stmt, 6, episode->surgeon);
  _vastus_bind_text (stmt, 7, episode->procedure);
  _vastus_bind_text (stmt, 8, episode->restrictions);
  _vastus_bind_date (stmt, 9, &episode->no_max_test_before);
  _vastus_bind_text (stmt, 10, episode->criteria_set);
  _vastus_bind_int64 (stmt, 11, episode->patient_id);
  _vastus_bind_text (stmt, 12, episode->treating_therapist);
  return _vastus_database_step_done (self, stmt, _("Could not save the episode"), error);
}

/* ?1, the id, stays unbound (NULL): SQLite assigns it. */
static const char *insert_episode_sql =
  "INSERT INTO episode (id, condition, involved_side, injury_date, surgery_date, surgeon, "
  "  procedure_details, restrictions, no_max_test_before, criteria_set, patient_id, "
  "  treating_therapist) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

gboolean
vastus_database_insert_episode (VastusDatabase *self,
                                VastusEpisode  *episode,
                                GError        **error)
{
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (episode != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_episode_sql, error);

    ok = stmt != NULL && bind_episode_and_step (self, stmt, episode, error);
    if (ok)
      id = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
  }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  episode->id = id;
  episode->row_version = 1;
  return TRUE;
}

/* The patient is not changed by an update: an episode stays with its patient. */
static const char *update_episode_sql =
  "UPDATE episode SET condition = ?2, involved_side = ?3, injury_date = ?4, surgery_date = ?5, "
  "  surgeon = ?6, procedure_details = ?7, restrictions = ?8, no_max_test_before = ?9, "
  "  criteria_set = ?10, treating_therapist = ?12, updated_at = " VASTUS_SQL_NOW ", "
  "  row_version = row_version + 1 "
  "WHERE id = ?1 AND patient_id = ?11 AND deleted_at IS NULL AND row_version = ?13";

gboolean
vastus_database_update_episode (VastusDatabase *self,
                                VastusEpisode  *episode,
                                GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (episode != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, update_episode_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, episode->id);
        _vastus_bind_int64 (stmt, 13, episode->row_version);
        ok = bind_episode_and_step (self, stmt, episode, error);
      }
    if (ok && _vastus_conn_changes (_vastus_database_get_conn (self)) == 0)
      {
        if (!_vastus_database_check_conflict (self, VASTUS_ROW_EPISODE, episode->id,
                                              episode->row_version, error))
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: an episode's number, then a patient's number, in the database */
                       _("There is no episode %lld of patient %lld"),
                       (long long) episode->id, (long long) episode->patient_id);
        ok = FALSE;
      }
  }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  episode->row_version++;
  return TRUE;
}

static const char *get_episode_sql =
  "SELECT " EPISODE_COLUMNS " FROM episode WHERE id = ?1 AND deleted_at IS NULL";

VastusEpisode *
vastus_database_get_episode (VastusDatabase *self,
                             gint64          id,
                             GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(VastusEpisode) episode = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, get_episode_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: an episode's number in the database */
                   _("There is no episode %lld"), (long long) id);
      return NULL;
    }
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the episode"));
      return NULL;
    }
  episode = vastus_episode_new ();
  read_episode (stmt, episode);
  return g_steal_pointer (&episode);
}

static const char *list_episodes_sql =
  "SELECT " EPISODE_COLUMNS " FROM episode WHERE patient_id = ?1 AND deleted_at IS NULL";

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return vastus_episode_compare_newest_first (*(VastusEpisode **) a, *(VastusEpisode **) b);
}

/* Every row of @stmt (selecting EPISODE_COLUMNS), sorted with @compare. */
static GPtrArray *
read_episodes (VastusDatabase *self,
               VastusStmt     *stmt,
               GCompareFunc    compare,
               GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_episode_free);
  int rc;

  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusEpisode *episode = vastus_episode_new ();

      read_episode (stmt, episode);
      g_ptr_array_add (list, episode);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not list episodes"));
      return NULL;
    }
  g_ptr_array_sort (list, compare);
  return g_steal_pointer (&list);
}

GPtrArray *
vastus_database_list_episodes (VastusDatabase *self,
                               gint64          patient_id,
                               GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, list_episodes_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, patient_id);
  return read_episodes (self, stmt, compare_newest_first, error);
}

static const char *list_all_episodes_sql =
  "SELECT " EPISODE_COLUMNS " FROM episode WHERE deleted_at IS NULL";

static int
compare_patient_newest_first (gconstpointer a,
                              gconstpointer b)
{
  const VastusEpisode *ea = *(VastusEpisode **) a;
  const VastusEpisode *eb = *(VastusEpisode **) b;

  if (ea->patient_id != eb->patient_id)
    return ea->patient_id < eb->patient_id ? -1 : 1;
  return vastus_episode_compare_newest_first (ea, eb);
}

GPtrArray *
_vastus_database_list_all_episodes (VastusDatabase *self,
                                    GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, list_all_episodes_sql, error);

  if (stmt == NULL)
    return NULL;
  return read_episodes (self, stmt, compare_patient_newest_first, error);
}

/* Deleting and restoring */

static const char *count_live_visits_sql =
  "SELECT count (*) FROM visit WHERE episode_id = ?1 AND deleted_at IS NULL";

#define DELETE_EPISODE_SQL \
  "UPDATE episode SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor (), " \
  "  row_version = row_version + 1 " \
  "WHERE id = ?1 AND deleted_at IS NULL"
#define RESTORE_EPISODE_SQL \
  "UPDATE episode SET deleted_at = NULL, deleted_by = NULL, row_version = row_version + 1 " \
  "WHERE id = ?1 AND deleted_at IS NOT NULL"

static const char *delete_episode_sql = DELETE_EPISODE_SQL;
static const char *restore_episode_sql = RESTORE_EPISODE_SQL;
/* The same at the version the person saw. */
static const char *delete_episode_at_sql = DELETE_EPISODE_SQL " AND row_version = ?2";
static const char *restore_episode_at_sql = RESTORE_EPISODE_SQL " AND row_version = ?2";

/* An episode's visits are the record of care: each is deleted on its own (with its undo). */
static gboolean
check_no_visits (VastusDatabase *self,
                 gint64          id,
                 GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, count_live_visits_sql, error);
  gint64 n;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not count the episode's visits"));
      return FALSE;
    }
  n = _vastus_column_int64 (stmt, 0);
  if (n > 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                   n == 1 ? "The episode has %" G_GINT64_FORMAT " visit: delete it first"
                          : "The episode has %" G_GINT64_FORMAT " visits: delete them first", n);
      return FALSE;
    }
  return TRUE;
}

/* At @row_version (0: at any). */
static gboolean
set_episode_deleted (VastusDatabase *self,
                     gint64          id,
                     gint64          row_version,
                     gboolean        deleted,
                     GError        **error)
{
  const char *sql = row_version != 0 ? (deleted ? delete_episode_at_sql : restore_episode_at_sql)
                                     : (deleted ? delete_episode_sql : restore_episode_sql);
  gboolean ok, changed;

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  ok = !deleted || check_no_visits (self, id, error);
  if (ok)
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
      /* Someone else changed, deleted or restored the episode after it was shown. */
      if (ok && !changed && row_version != 0
          && _vastus_database_check_conflict (self, VASTUS_ROW_EPISODE, id, row_version, error))
        ok = FALSE;
      if (ok && !changed)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       deleted
                       /* Translators: %lld is the episode's number in the database */
                       ? _("There is no episode %lld (or it is deleted already)")
                       /* Translators: %lld is the episode's number in the database */
                       : _("There is no deleted episode %lld"), (long long) id);
          ok = FALSE;
        }
    }
  return _vastus_database_write_end (self, ok, error);
}

gboolean
vastus_database_delete_episode (VastusDatabase *self,
                                gint64          id,
                                gint64          row_version,
                                GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_episode_deleted (self, id, row_version, TRUE, error);
}

gboolean
vastus_database_restore_episode (VastusDatabase *self,
                                 gint64          id,
                                 gint64          row_version,
                                 GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_episode_deleted (self, id, row_version, FALSE, error);
}
