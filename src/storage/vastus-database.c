/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"

/* Errors carry the visit a VISIT_EXISTS error is about. */
typedef struct
{
  gint64 visit_id;
} VastusStoreErrorPrivate;

static void
vastus_store_error_private_init (VastusStoreErrorPrivate *priv)
{
  priv->visit_id = 0;
}

static void
vastus_store_error_private_copy (const VastusStoreErrorPrivate *src,
                                 VastusStoreErrorPrivate       *dest)
{
  dest->visit_id = src->visit_id;
}

static void
vastus_store_error_private_clear (VastusStoreErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (VastusStoreError, vastus_store_error)

gint64
vastus_store_error_get_visit_id (const GError *error)
{
  if (!g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS))
    return 0;
  return vastus_store_error_get_private (error)->visit_id;
}

void
_vastus_store_error_set_visit_id (GError *error,
                                  gint64  visit_id)
{
  g_return_if_fail (error != NULL && error->domain == VASTUS_STORE_ERROR);
  vastus_store_error_get_private (error)->visit_id = visit_id;
}

G_DEFINE_FINAL_TYPE (VastusDatabase, vastus_database, G_TYPE_OBJECT)

static void
vastus_database_finalize (GObject *object)
{
  VastusDatabase *self = VASTUS_DATABASE (object);

  if (self->conn != NULL && _vastus_conn_in_transaction (self->conn))
    _vastus_conn_transaction (self->conn, VASTUS_TX_ROLLBACK);
  g_clear_pointer (&self->conn, _vastus_conn_free);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->login_name, g_free);
  g_clear_pointer (&self->upgrade_notes, g_ptr_array_unref);

  G_OBJECT_CLASS (vastus_database_parent_class)->finalize (object);
}

static void
vastus_database_class_init (VastusDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_database_finalize;
}

static void
vastus_database_init (VastusDatabase *self)
{
  self->upgrade_notes = g_ptr_array_new_with_free_func (g_free);
}

/* Errors */

void
_vastus_database_set_error (VastusDatabase *self,
                            GError        **error,
                            int             rc,
                            const char     *what)
{
  if (self->conn != NULL)
    _vastus_conn_set_error (self->conn, error, rc, what);
  else
    g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED, what);
}

void
_vastus_database_set_server_error (GError     **error,
                                   const char  *what,
                                   const char  *address)
{
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
               /* Translators: what was asked (“A backup”), then the database's address */
               _("%s of a database on a server (%s) is not available in Vastus yet: use the "
                 "server's own tools (pg_dump, base backups)"), what, address);
}

gboolean
_vastus_database_require_file (VastusDatabase *self,
                               const char     *what,
                               GError        **error)
{
  if (self->db != NULL)
    return TRUE;
  _vastus_database_set_server_error (error, what, self->path);
  return FALSE;
}

/* Statements */

VastusConn *
_vastus_database_get_conn (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->conn;
}

static VastusStmt *
prepare (VastusDatabase *self,
         const char     *sql,
         gboolean        stream,
         GError        **error)
{
  VastusStmt *stmt;
  int rc = VASTUS_DONE;

  stmt = stream ? _vastus_conn_prepare_stream (self->conn, sql, &rc)
                : _vastus_conn_prepare (self->conn, sql, &rc);
  if (stmt == NULL)
    _vastus_database_prepare_failed (self, rc, error);
  return stmt;
}

VastusStmt *
_vastus_database_prepare (VastusDatabase *self,
                          const char     *sql,
                          GError        **error)
{
  return prepare (self, sql, FALSE, error);
}

VastusStmt *
_vastus_database_prepare_stream (VastusDatabase *self,
                                 const char     *sql,
                                 GError        **error)
{
  return prepare (self, sql, TRUE, error);
}

gboolean
_vastus_database_step_done (VastusDatabase *self,
                            VastusStmt     *stmt,
                            const char     *what,
                            GError        **error)
{
  int rc = _vastus_step (stmt);

  if (rc != VASTUS_DONE && rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
transaction (VastusDatabase *self,
             VastusTxOp      op,
             const char     *what,
             GError        **error)
{
  int rc = _vastus_conn_transaction (self->conn, op);

  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Transactions */

static gboolean
check_outer_alive (VastusDatabase *self,
                   GError        **error)
{
  if (self->in_outer && !_vastus_conn_in_transaction (self->conn))
    self->outer_aborted = TRUE;
  if (self->outer_aborted)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                           _("The transaction was rolled back after an earlier error; "
                           "nothing of it was saved"));
      return FALSE;
    }
  return TRUE;
}

/* A connection that only reads refuses every write with its reason, before SQLite would say
 * "attempt to write a readonly database". */
static gboolean
check_writable (VastusDatabase *self,
                GError        **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, VASTUS_STORE_ERROR, self->read_only_reason == VASTUS_STORE_ERROR_NO_SPACE
                                          ? VASTUS_STORE_ERROR_NO_SPACE
                                          : VASTUS_STORE_ERROR_READ_ONLY,
               /* Translators: the database file's path, then why it is read-only */
               _("Nothing was saved: %s is open for reading only, because %s"),
               self->path, vastus_database_get_read_only_reason (self));
  return FALSE;
}

gboolean
_vastus_database_write_begin (VastusDatabase *self,
                              GError        **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (self->in_outer)
    return check_outer_alive (self, error)
           && transaction (self, VASTUS_TX_SAVEPOINT, _("Could not start a savepoint"), error);
  return transaction (self, VASTUS_TX_BEGIN_WRITE, _("Could not start a transaction"), error);
}

gboolean
_vastus_database_write_end (VastusDatabase *self,
                            gboolean        ok,
                            GError        **error)
{
  if (self->in_outer)
    {
      if (!_vastus_conn_in_transaction (self->conn))
        {
          /* SQLite rolled the whole outer transaction back (disk full, I/O error …). */
          self->outer_aborted = TRUE;
          if (ok)
            check_outer_alive (self, error);
          return FALSE;
        }
      if (ok)
        return transaction (self, VASTUS_TX_RELEASE, _("Could not release a savepoint"), error);
      transaction (self, VASTUS_TX_ROLLBACK_TO, _("Could not roll back"), NULL);
      transaction (self, VASTUS_TX_RELEASE, _("Could not release a savepoint"), NULL);
      return FALSE;
    }

  if (ok && transaction (self, VASTUS_TX_COMMIT, _("Could not save"), error))
    return TRUE;
  if (_vastus_conn_in_transaction (self->conn))
    transaction (self, VASTUS_TX_ROLLBACK, _("Could not roll back"), NULL);
  return FALSE;
}

gboolean
_vastus_database_read_begin (VastusDatabase *self,
                             gboolean       *owned,
                             GError        **error)
{
  *owned = !_vastus_conn_in_transaction (self->conn);
  return !*owned || transaction (self, VASTUS_TX_BEGIN_READ, _("Could not start reading"), error);
}

void
_vastus_database_read_end (VastusDatabase *self,
                           gboolean        owned)
{
  /* Reading changed nothing: ending cannot lose anything. */
  if (owned && _vastus_conn_in_transaction (self->conn))
    transaction (self, VASTUS_TX_COMMIT, _("Could not end reading"), NULL);
}

gboolean
vastus_database_begin (VastusDatabase *self,
                       GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->in_outer)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                           _("A transaction is open already"));
      return FALSE;
    }
  if (!check_writable (self, error))
    return FALSE;
  if (!transaction (self, VASTUS_TX_BEGIN_WRITE, _("Could not start a transaction"), error))
    return FALSE;
  self->in_outer = TRUE;
  self->outer_aborted = FALSE;
  return TRUE;
}

gboolean
vastus_database_commit (VastusDatabase *self,
                        GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->in_outer)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                           _("No transaction is open"));
      return FALSE;
    }
  if (!check_outer_alive (self, error))
    {
      vastus_database_rollback (self);
      return FALSE;
    }
  if (!transaction (self, VASTUS_TX_COMMIT, _("Could not save"), error))
    {
      vastus_database_rollback (self);
      return FALSE;
    }
  self->in_outer = FALSE;
  return TRUE;
}

void
vastus_database_rollback (VastusDatabase *self)
{
  g_return_if_fail (VASTUS_IS_DATABASE (self));

  if (!self->in_outer)
    return;
  if (_vastus_conn_in_transaction (self->conn))
    transaction (self, VASTUS_TX_ROLLBACK, _("Could not roll back"), NULL);
  self->in_outer = FALSE;
  self->outer_aborted = FALSE;
}

/* Opening */

const char *
vastus_database_get_path (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->path;
}

int
vastus_database_get_schema_version (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), 0);

  return self->schema_version;
}

GPtrArray *
vastus_database_get_upgrade_notes (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->upgrade_notes;
}

void
vastus_database_set_actor (VastusDatabase *self,
                           const char     *actor)
{
  g_return_if_fail (VASTUS_IS_DATABASE (self));

  /* The server writes its login into the audit trail, whatever a workstation says. */
  if (self->actor_is_login)
    return;
  g_free (self->actor);
  self->actor = actor != NULL && actor[0] != '\0' ? g_strdup (actor) : NULL;
}

const char *
vastus_database_get_actor (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->actor != NULL ? self->actor : g_get_user_name ();
}

const char *
vastus_database_get_login_name (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  return self->login_name;
}
