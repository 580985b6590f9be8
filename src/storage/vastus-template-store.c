/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-template-store"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"
#include "vastus-template-store.h"
#include "vastus-validate.h"

static const char *list_templates_sql =
  "SELECT id, code, name, condition, from_week, to_week, source, builtin FROM visit_template "
  "WHERE deleted = 0 ORDER BY builtin, CASE builtin WHEN 0 THEN name " VASTUS_SQL_NOCASE " END, id";

static const char *list_items_sql =
  "SELECT template_id, measure, trials, unit FROM visit_template_item "
  "ORDER BY template_id, position";

static VastusTemplate *
read_template (VastusStmt *stmt)
{
  VastusTemplate *t = vastus_template_new ();
  g_autofree char *condition = _vastus_column_text (stmt, 3);

  t->id = _vastus_column_int64 (stmt, 0);
  t->code = _vastus_column_text (stmt, 1);
  t->name = _vastus_column_text (stmt, 2);
  t->any_condition = condition == NULL || !vastus_condition_from_string (condition, &t->condition);
  t->from_week = _vastus_column_int (stmt, 4);
  t->to_week = _vastus_column_is_null (stmt, 5) ? -1 : _vastus_column_int (stmt, 5);
  t->source = _vastus_column_text (stmt, 6);
  t->builtin = _vastus_column_int (stmt, 7) != 0;
  return t;
}

GPtrArray *
vastus_database_list_templates (VastusDatabase  *self,
                                GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_template_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean owned;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_vastus_database_read_begin (self, &owned, error))
    return NULL;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, list_templates_sql, error);

    if (stmt == NULL)
      goto failed;
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        VastusTemplate *t = read_template (stmt);

        g_ptr_array_add (list, t);
        g_hash_table_insert (by_id, &t->id, t);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the test batteries"));
        goto failed;
      }
  }
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, list_items_sql, error);

    if (stmt == NULL)
      goto failed;
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        gint64 id = _vastus_column_int64 (stmt, 0);
        VastusTemplate *t = g_hash_table_lookup (by_id, &id);
        g_autofree char *unit = _vastus_column_text (stmt, 3);

        /* The items of a deleted battery are not read. */
        if (t != NULL)
          vastus_template_add_measure (t, _vastus_column_peek (stmt, 1),
                                    (guint) _vastus_column_int (stmt, 2), unit);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the test batteries"));
        goto failed;
      }
  }
  _vastus_database_read_end (self, owned);
  return g_steal_pointer (&list);

failed:
  _vastus_database_read_end (self, owned);
  return NULL;
}

static const char *insert_template_sql =
  "INSERT INTO visit_template (name, condition, from_week, to_week) VALUES (?2, ?3, ?4, ?5)";

static const char *update_template_sql =
  "UPDATE visit_template SET name = ?2, condition = ?3, from_week = ?4, to_week = ?5, "
  "saved_at = " VASTUS_SQL_NOW " "
  "WHERE id = ?1 AND builtin = 0 AND deleted = 0";

static const char *template_kind_sql =
  "SELECT builtin, deleted FROM visit_template WHERE id = ?1";

static const char *delete_items_sql =
  "DELETE FROM visit_template_item WHERE template_id = ?1";

static const char *insert_item_sql =
  "INSERT INTO visit_template_item (template_id, position, measure, trials, unit) "
  "VALUES (?1, ?2, ?3, ?4, ?5)";

/* A stored battery that may be written: a clinic's, not deleted. */
static gboolean
check_writable (VastusDatabase *self,
                gint64          id,
                gboolean        deleted_too,
                GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, template_kind_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW && _vastus_column_int (stmt, 0) != 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                   /* Translators: a test battery's number in the database */
                   _("Battery %lld is built in: copy it to change it"), (long long) id);
      return FALSE;
    }
  if (rc == VASTUS_ROW && (deleted_too || _vastus_column_int (stmt, 1) == 0))
    return TRUE;
  if (rc != VASTUS_ROW && rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the test battery"));
      return FALSE;
    }
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
               /* Translators: a test battery's number in the database */
               _("There is no battery %lld"), (long long) id);
  return FALSE;
}

static gboolean
store_items (VastusDatabase       *self,
             const VastusTemplate *t,
             GError              **error)
{
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, delete_items_sql, error);

    if (stmt == NULL)
      return FALSE;
    _vastus_bind_int64 (stmt, 1, t->id);
    if (!_vastus_database_step_done (self, stmt, _("Could not save the test battery"), error))
      return FALSE;
  }
  for (guint i = 0; i < t->measures->len; i++)
    {
      const VastusTemplateMeasure *item = g_ptr_array_index (t->measures, i);
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_item_sql, error);

      if (stmt == NULL)
        return FALSE;
      _vastus_bind_int64 (stmt, 1, t->id);
      _vastus_bind_int64 (stmt, 2, i + 1);
      _vastus_bind_text (stmt, 3, item->measure);
      _vastus_bind_int64 (stmt, 4, item->trials);
      _vastus_bind_text (stmt, 5, item->unit);
      if (!_vastus_database_step_done (self, stmt, _("Could not save the test battery"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
vastus_database_save_template (VastusDatabase  *self,
                               VastusTemplate  *template_,
                               GError         **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;
  gboolean ok;
  gint64 id = template_ != NULL ? template_->id : 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (template_ != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (template_->builtin)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                           _("A built-in battery cannot be saved: copy it"));
      return FALSE;
    }
  problems = vastus_template_check (template_);
  if (!vastus_problems_to_error (problems, FALSE, error))
    return FALSE;
  name = g_strstrip (g_strdup (template_->name));

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  ok = id == 0 || check_writable (self, id, FALSE, error);
  if (ok)
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, id == 0 ? insert_template_sql
                                                                           : update_template_sql,
                                                             error);

      ok = stmt != NULL;
      if (ok)
        {
          if (id != 0)
            _vastus_bind_int64 (stmt, 1, id);
          _vastus_bind_text (stmt, 2, name);
          _vastus_bind_text (stmt, 3, template_->any_condition
                                      ? NULL : vastus_condition_to_string (template_->condition));
          _vastus_bind_int64 (stmt, 4, template_->from_week);
          if (template_->to_week >= 0)
            _vastus_bind_int64 (stmt, 5, template_->to_week);
          else
            _vastus_bind_null (stmt, 5);
          ok = _vastus_database_step_done (self, stmt, _("Could not save the test battery"), error);
          if (ok && id == 0)
            id = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
        }
    }
  if (ok)
    {
      gint64 before = template_->id;

      template_->id = id;
      ok = store_items (self, template_, error);
      template_->id = before;
    }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  template_->id = id;
  g_free (template_->name);
  template_->name = g_steal_pointer (&name);
  return TRUE;
}

static const char *delete_template_sql =
  "UPDATE visit_template SET deleted = ?2, saved_at = " VASTUS_SQL_NOW " "
  "WHERE id = ?1 AND builtin = 0";

gboolean
vastus_database_delete_template (VastusDatabase  *self,
                                 gint64           id,
                                 gboolean         restore,
                                 GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  ok = check_writable (self, id, TRUE, error);
  if (ok)
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, delete_template_sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          _vastus_bind_int64 (stmt, 1, id);
          _vastus_bind_int (stmt, 2, restore ? 0 : 1);
          ok = _vastus_database_step_done (self, stmt, _("Could not delete the test battery"), error);
        }
    }
  return _vastus_database_write_end (self, ok, error);
}
