/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-draft-store"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"
#include "vastus-draft-store.h"

/* A NULL visit_id (a new visit) is 0 in the unique index visit_draft_by_visit; every lookup uses
 * the same expression so that SQLite reads that index. */
#define DRAFT_KEY "episode_id = ?1 AND coalesce (visit_id, 0) = ?2"

static void
bind_key (VastusStmt *stmt,
          gint64      episode_id,
          gint64      visit_id_or_0)
{
  _vastus_bind_int64 (stmt, 1, episode_id);
  _vastus_bind_int64 (stmt, 2, visit_id_or_0);
}

/* One write in its own transaction (or savepoint): a save when @state is set, else a delete. */
static gboolean
write_draft (VastusDatabase *self,
             const char     *sql,
             gint64          episode_id,
             gint64          visit_id_or_0,
             const char     *state,
             const char     *what,
             GError        **error)
{
  gboolean ok;

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        bind_key (stmt, episode_id, visit_id_or_0);
        if (state != NULL)
          {
            _vastus_bind_text (stmt, 3, state);
            _vastus_bind_text (stmt, 4, vastus_database_get_actor (self));
          }
        ok = _vastus_database_step_done (self, stmt, what, error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

/* ?2 binds NULL for a new visit (0): the foreign key allows only NULL or a stored visit. */
static const char *save_draft_sql =
  "INSERT OR REPLACE INTO visit_draft (episode_id, visit_id, state, saved_at, actor) "
  "VALUES (?1, nullif (?2, 0), ?3, " VASTUS_SQL_NOW ", ?4)";

gboolean
vastus_database_save_draft (VastusDatabase *self,
                            gint64          episode_id,
                            gint64          visit_id_or_0,
                            const char     *state,
                            GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_draft (self, save_draft_sql, episode_id, visit_id_or_0, state,
                      _("Could not save the draft"), error);
}

static const char *load_draft_sql =
  "SELECT state, saved_at FROM visit_draft WHERE " DRAFT_KEY;

gboolean
vastus_database_load_draft (VastusDatabase  *self,
                            gint64           episode_id,
                            gint64           visit_id_or_0,
                            char           **state,
                            GDateTime      **saved_at,
                            GError         **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *state = NULL;
  if (saved_at != NULL)
    *saved_at = NULL;
  stmt = _vastus_database_prepare (self, load_draft_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, episode_id, visit_id_or_0);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    return TRUE;
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the draft"));
      return FALSE;
    }
  *state = _vastus_column_text (stmt, 0);
  if (saved_at != NULL)
    {
      const char *text = _vastus_column_peek (stmt, 1);

      *saved_at = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
    }
  return TRUE;
}

static const char *delete_draft_sql =
  "DELETE FROM visit_draft WHERE " DRAFT_KEY;

gboolean
vastus_database_delete_draft (VastusDatabase *self,
                              gint64          episode_id,
                              gint64          visit_id_or_0,
                              GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_draft (self, delete_draft_sql, episode_id, visit_id_or_0, NULL,
                      _("Could not delete the draft"), error);
}
