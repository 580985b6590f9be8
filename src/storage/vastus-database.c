/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <math.h>
#include <string.h>

#include "vastus-database-private.h"
#include "vastus-value.h"

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
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
vastus_database_finalize (GObject *object)
{
  VastusDatabase *self = VASTUS_DATABASE (object);

  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_critical ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
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
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                            NULL, finalize_statement);
  self->upgrade_notes = g_ptr_array_new_with_free_func (g_free);
}

/* Errors */

int
_vastus_store_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return VASTUS_STORE_ERROR_NO_SPACE;
    case SQLITE_READONLY:
      return VASTUS_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VASTUS_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return VASTUS_STORE_ERROR_CONSTRAINT;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return VASTUS_STORE_ERROR_DAMAGED;
    case SQLITE_NOMEM:
      return VASTUS_STORE_ERROR_NO_MEMORY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return VASTUS_STORE_ERROR_OPEN;
    default:
      return VASTUS_STORE_ERROR_FAILED;
    }
}

#define map_code _vastus_store_code_from_sqlite

void
_vastus_store_set_read_error (GError    **error,
                              sqlite3    *db,
                              const char *path,
                              int         rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code = map_code (rc);

  switch (code)
    {
    case VASTUS_STORE_ERROR_FAILED:
    case VASTUS_STORE_ERROR_DAMAGED:
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: a file's path, then the database engine's reason */
                   _("%s cannot be read as a database (it is damaged, or not a database): %s"),
                   path, detail);
      break;
    case VASTUS_STORE_ERROR_BUSY:
      g_set_error (error, VASTUS_STORE_ERROR, code,
                   /* Translators: a file's path, the database engine's reason, its error number */
                   _("%s is in use by another program: %s (SQLite error %d)"), path, detail, rc);
      break;
    default:
      /* Translators: a file's path, the database engine's reason, its error number */
      g_set_error (error, VASTUS_STORE_ERROR, code, _("Could not read %s: %s (SQLite error %d)"),
                   path, detail, rc);
      break;
    }
}

void
_vastus_database_set_error (VastusDatabase *self,
                            GError        **error,
                            int             rc,
                            const char     *what)
{
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  /* The schema's own refusal (sql/008-one-visit-a-day.sql): the caller names the visit. */
  if (rc == SQLITE_CONSTRAINT_TRIGGER && g_str_equal (message, VASTUS_VISIT_EXISTS_MESSAGE))
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the patient has a visit on that date already"), what);
  else if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr (message, "measurement.visit_id") != NULL)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the visit has a value for that measure, side and trial already"), what);
  else
    g_set_error (error, VASTUS_STORE_ERROR, map_code (rc),
                 /* Translators: what was being done, the database engine's reason, its error number */
                 _("%s: %s (SQLite error %d)"), what, message, rc);
}

/* Statements */

sqlite3 *
_vastus_database_get_handle (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->db;
}

VastusStmt *
_vastus_database_prepare (VastusDatabase *self,
                          const char     *sql,
                          GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *message = g_strdup (sqlite3_errmsg (self->db));
      g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local_error = NULL;

      /* "no such column" and the like: damage when the schema is not the one this version
       * must have (a flipped byte in sqlite_schema: test-fault-corrupt); otherwise the query
       * itself is wrong, which is a failure, not damage. */
      if (rc == SQLITE_ERROR && self->schema_version >= 1
          && self->schema_version <= vastus_database_get_latest_schema_version ())
        {
          if (!_vastus_schema_compare (self->db, self->path, self->schema_version, differences,
                                       &local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (differences->len > 0)
            {
              g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                           /* Translators: what was being done, the database engine's reason, the file's path */
                           _("%s: the database schema is damaged (%s): %s"), self->path,
                           (const char *) differences->pdata[0], message);
              return NULL;
            }
        }
      g_set_error (error, VASTUS_STORE_ERROR, map_code (rc),
                   /* Translators: the database engine's reason, its error number */
                   _("Could not prepare a query: %s (SQLite error %d)"), message, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_vastus_stmt_release (VastusStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_vastus_database_step_done (VastusDatabase *self,
                            VastusStmt     *stmt,
                            const char     *what,
                            GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _vastus_database_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_cached (VastusDatabase *self,
             const char     *sql,
             const char     *what,
             GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, sql, error);

  return stmt != NULL && _vastus_database_step_done (self, stmt, what, error);
}

void
_vastus_bind_text (VastusStmt *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_vastus_bind_double (VastusStmt *stmt,
                     int         index,
                     double      value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

void
_vastus_bind_date (VastusStmt  *stmt,
                   int          index,
                   const GDate *date)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (date == NULL || !g_date_valid (date))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, vastus_date_format (date, buf), -1, SQLITE_TRANSIENT);
}

char *
_vastus_column_text (VastusStmt *stmt,
                     int         column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

double
_vastus_column_double (VastusStmt *stmt,
                       int         column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

void
_vastus_column_date (VastusStmt *stmt,
                     int         column,
                     GDate      *out)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || !vastus_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

/* Transactions */

static const char *begin_sql = "BEGIN IMMEDIATE";
static const char *read_begin_sql = "BEGIN";
static const char *commit_sql = "COMMIT";
static const char *rollback_sql = "ROLLBACK";
static const char *savepoint_sql = "SAVEPOINT vastus_write";
static const char *release_sql = "RELEASE vastus_write";
static const char *rollback_to_sql = "ROLLBACK TO vastus_write";

static gboolean
check_outer_alive (VastusDatabase *self,
                   GError        **error)
{
  if (self->in_outer && sqlite3_get_autocommit (self->db))
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
           && exec_cached (self, savepoint_sql, _("Could not start a savepoint"), error);
  return exec_cached (self, begin_sql, _("Could not start a transaction"), error);
}

gboolean
_vastus_database_write_end (VastusDatabase *self,
                            gboolean        ok,
                            GError        **error)
{
  if (self->in_outer)
    {
      if (sqlite3_get_autocommit (self->db))
        {
          /* SQLite rolled the whole outer transaction back (disk full, I/O error …). */
          self->outer_aborted = TRUE;
          if (ok)
            check_outer_alive (self, error);
          return FALSE;
        }
      if (ok)
        return exec_cached (self, release_sql, _("Could not release a savepoint"), error);
      exec_cached (self, rollback_to_sql, _("Could not roll back"), NULL);
      exec_cached (self, release_sql, _("Could not release a savepoint"), NULL);
      return FALSE;
    }

  if (ok && exec_cached (self, commit_sql, _("Could not save"), error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    exec_cached (self, rollback_sql, _("Could not roll back"), NULL);
  return FALSE;
}

gboolean
_vastus_database_read_begin (VastusDatabase *self,
                             gboolean       *owned,
                             GError        **error)
{
  *owned = sqlite3_get_autocommit (self->db);
  return !*owned || exec_cached (self, read_begin_sql, _("Could not start reading"), error);
}

void
_vastus_database_read_end (VastusDatabase *self,
                           gboolean        owned)
{
  /* Reading changed nothing: ending cannot lose anything. */
  if (owned && !sqlite3_get_autocommit (self->db))
    exec_cached (self, commit_sql, _("Could not end reading"), NULL);
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
  if (!exec_cached (self, begin_sql, _("Could not start a transaction"), error))
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
  if (!exec_cached (self, commit_sql, _("Could not save"), error))
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
  if (!sqlite3_get_autocommit (self->db))
    exec_cached (self, rollback_sql, _("Could not roll back"), NULL);
  self->in_outer = FALSE;
  self->outer_aborted = FALSE;
}

/* Opening */

gboolean
vastus_database_check (VastusDatabase *self,
                       GError        **error)
{
  g_autoptr(GString) problems = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);

  problems = g_string_new (NULL);
  /* integrity_check, not quick_check: quick_check does not compare indexes with their tables,
   * and one damaged index silently hides rows (test-fault-corrupt: "row 8 missing from index
   * patient_by_name" listed 17 of 20 patients, without an error). About 2× quick_check's time. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check(4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *line = (const char *) sqlite3_column_text (stmt, 0);

        if (g_strcmp0 (line, "ok") == 0)
          continue;
        if (problems->len > 0)
          g_string_append (problems, "; ");
        g_string_append (problems, line != NULL ? line : "?");
      }
  if (rc != SQLITE_DONE)
    _vastus_store_set_read_error (error, self->db, self->path, rc);
  else if (problems->len > 0)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                 /* Translators: the database file's path, then what is wrong */
                 _("%s is damaged: %s"), self->path, problems->str);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE && problems->len == 0;
}

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

  g_free (self->actor);
  self->actor = actor != NULL && actor[0] != '\0' ? g_strdup (actor) : NULL;
}

const char *
vastus_database_get_actor (VastusDatabase *self)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  return self->actor != NULL ? self->actor : g_get_user_name ();
}
