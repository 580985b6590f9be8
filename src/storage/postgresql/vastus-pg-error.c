/* vastus-pg-error.c: what went wrong on a PostgreSQL connection, kept from libpq's result, and
 * its mapping to the stores' error codes and messages (SQLSTATE class 23 a refused row, 08 and
 * 57P01 a lost connection, 40001/40P01 a retry, 25006 a server that takes no changes, 42501 a
 * login refused the change)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-database-private.h"
#include "vastus-pg-conn-private.h"

void
_vastus_pg_clear_error (PgConn *self)
{
  g_clear_pointer (&self->sqlstate, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->constraint, g_free);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->detail, g_free);
}

/* Keeps what @result (NULL: none came) says went wrong; the rc for it. */
int
_vastus_pg_keep_error (PgConn   *self,
                       PGresult *result)
{
  const char *field;

  _vastus_pg_clear_error (self);
  if (result != NULL && (field = PQresultErrorField (result, PG_DIAG_SQLSTATE)) != NULL)
    {
      self->sqlstate = g_strdup (field);
      self->message = g_strdup (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
      self->constraint = g_strdup (PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME));
      self->table = g_strdup (PQresultErrorField (result, PG_DIAG_TABLE_NAME));
      self->detail = g_strdup (PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL));
    }
  else
    {
      /* libpq's lines ("…failed: …\n\tIs the server running…") as one line of a message. */
      g_auto(GStrv) lines = g_strsplit (PQerrorMessage (self->pg), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_strstrip (lines[i]);
      self->message = g_strchomp (g_strjoinv (" ", lines));
      if (self->timed_out)
        {
          g_free (self->message);
          /* Translators: why the database server cannot be reached (vastus-pg-wait.c) */
          self->message = g_strdup (_("the server did not answer in time"));
        }
    }
  if (self->message == NULL)
    self->message = g_strdup ("");
  /* A lost connection: no SQLSTATE, or class 08, or the server shutting down. */
  if (PQstatus (self->pg) == CONNECTION_BAD || self->sqlstate == NULL
      || g_str_has_prefix (self->sqlstate, "08") || g_str_equal (self->sqlstate, "57P01"))
    {
      self->lost_in_transaction = self->sending_in_transaction;
      return PG_RC_LOST;
    }
  return PG_RC_ERROR;
}

gboolean
_vastus_pg_is_read_only_state (const char *sqlstate)
{
  /* read_only_sql_transaction: a hot standby's sessions, or a database (or login) set
   * default_transaction_read_only. */
  return g_strcmp0 (sqlstate, "25006") == 0;
}

int
_vastus_pg_store_code (const char *sqlstate)
{
  if (sqlstate == NULL || g_str_has_prefix (sqlstate, "08") || g_str_equal (sqlstate, "57P01")
      || g_str_equal (sqlstate, "57P02") || g_str_equal (sqlstate, "57P03"))
    return VASTUS_STORE_ERROR_OPEN;
  /* A rule refused the row; or its column's type refused the value ('heavy' for a number, a
   * number out of range), which SQLite's CHECKs refuse there. */
  if (g_str_has_prefix (sqlstate, "23") || g_str_equal (sqlstate, "22P02")
      || g_str_equal (sqlstate, "22003") || g_str_equal (sqlstate, "22007")
      || g_str_equal (sqlstate, "22008"))
    return VASTUS_STORE_ERROR_CONSTRAINT;
  if (g_str_has_prefix (sqlstate, "53"))
    return g_str_equal (sqlstate, "53200") ? VASTUS_STORE_ERROR_NO_MEMORY
                                           : VASTUS_STORE_ERROR_NO_SPACE;
  if (g_str_equal (sqlstate, "40001") || g_str_equal (sqlstate, "40P01")
      || g_str_equal (sqlstate, "55P03"))
    return VASTUS_STORE_ERROR_BUSY;
  if (_vastus_pg_is_read_only_state (sqlstate))
    return VASTUS_STORE_ERROR_READ_ONLY;
  /* insufficient_privilege: the server takes changes, but not this one from this login. */
  if (g_str_equal (sqlstate, "42501"))
    return VASTUS_STORE_ERROR_PERMISSION;
  if (g_str_has_prefix (sqlstate, "XX"))
    return VASTUS_STORE_ERROR_DAMAGED;
  return VASTUS_STORE_ERROR_FAILED;
}

void
_vastus_pg_conn_set_clinician (VastusConn *conn,
                               gboolean    clinician)
{
  ((PgConn *) conn)->clinician = clinician;
}

gboolean
_vastus_pg_set_refusal (GError     **error,
                        const char  *sqlstate,
                        PGconn      *pg,
                        gboolean     owner_only,
                        const char  *what)
{
  int code = sqlstate != NULL ? _vastus_pg_store_code (sqlstate) : VASTUS_STORE_ERROR_FAILED;
  const char *login = pg != NULL && PQuser (pg) != NULL ? PQuser (pg) : "";

  if (code == VASTUS_STORE_ERROR_READ_ONLY)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY,
                   /* Translators: what was being done, such as “Could not save the patient”. The
                    * clinic's database server takes no changes: a standby server, or one set
                    * read-only (for maintenance, say); reading still works. */
                   _("%s: the clinic server accepts no changes just now (it is read-only), so "
                     "nothing was saved. Try again later, or ask your IT support when the server "
                     "will take changes again."), what);
      return TRUE;
    }
  if (code != VASTUS_STORE_ERROR_PERMISSION)
    return FALSE;
  if (owner_only)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_PERMISSION,
                 /* Translators: what was being done, such as “Could not add the login anna”,
                  * then the server login (user name) the server refused it to. Only the login
                  * that owns the clinic's database on the server may do this (server init, adding
                  * logins, copying a whole database onto the server); keep “vastus-cli server
                  * init” as it is. */
                 _("%s: the clinic server refused the login “%s” this change, so nothing was "
                   "saved. Only the login that owns the clinic’s database and may create logins "
                   "(the one that runs “vastus-cli server init”) may make it: ask the clinic’s "
                   "administrator."), what, login);
  else
    {
      /* The login as a shell reads one word: as it is when it needs no quotes (anna.berg),
       * else quoted ('ola lesen'). */
      g_autofree char *word = NULL;

      for (const char *c = login; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c) && strchr ("._-@", *c) == NULL)
          {
            word = g_shell_quote (login);
            break;
          }
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_PERMISSION,
                   /* Translators: what was being done, such as “Could not save the visit”, the
                    * server login (user name) that is not in the clinicians' group, then the
                    * login again in the command that adds it to the group. The server takes
                    * changes, but not from this login. Keep “vastus-cli server grant …” and
                    * “vastus-cli server init” as they are. */
                   _("%s: the clinic server refused the login “%s” this change, so nothing was "
                     "saved. The login is not in the clinicians’ group: ask the clinic’s "
                     "administrator to add it with the command “vastus-cli server grant %s”, "
                     "run as the login that ran “vastus-cli server init”."),
                   what, login, word != NULL ? word : login);
    }
  return TRUE;
}

const char *
_vastus_pg_error_message (VastusConn *conn,
                          int         rc)
{
  PgConn *self = (PgConn *) conn;

  return self->message != NULL ? self->message : "";
}

int
_vastus_pg_error_code (VastusConn *conn,
                       int         rc)
{
  PgConn *self = (PgConn *) conn;

  if (rc == PG_RC_LOST)
    return VASTUS_STORE_ERROR_OPEN;
  /* The schema's own refusal (013-baseline.sql raises SQLite's message, SQLSTATE 23000). */
  if (g_strcmp0 (self->sqlstate, "23000") == 0
      && g_strcmp0 (self->message, VASTUS_VISIT_EXISTS_MESSAGE) == 0)
    return VASTUS_STORE_ERROR_VISIT_EXISTS;
  return _vastus_pg_store_code (self->sqlstate);
}

/* Whether @column is among the key columns the detail names: "Key (a, b)=(1, 2) already exists." */
static gboolean
detail_names_column (const char *detail,
                     const char *column)
{
  g_autofree char *columns = NULL;
  g_auto(GStrv) names = NULL;
  const char *end;

  if (detail == NULL || !g_str_has_prefix (detail, "Key (") || (end = strstr (detail, ")=")) == NULL)
    return FALSE;
  columns = g_strndup (detail + 5, end - detail - 5);
  names = g_strsplit (columns, ", ", -1);
  return g_strv_contains ((const char * const *) names, column);
}

gboolean
_vastus_pg_is_unique_violation (VastusConn *conn,
                                int         rc,
                                const char *table,
                                const char *column)
{
  PgConn *self = (PgConn *) conn;

  return rc == PG_RC_ERROR && g_strcmp0 (self->sqlstate, "23505") == 0
         && g_strcmp0 (self->table, table) == 0 && detail_names_column (self->detail, column);
}

void
_vastus_pg_set_error (VastusConn *conn,
                      GError    **error,
                      int         rc,
                      const char *what)
{
  PgConn *self = (PgConn *) conn;
  int code = _vastus_pg_error_code (conn, rc);

  if (rc == PG_RC_LOST)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                 /* Translators: what was being done, then libpq's reason */
                 _("%s: the database server cannot be reached (%s)"), what,
                 /* Translators: why the server cannot be reached, when libpq gave no reason */
                 self->message[0] != '\0' ? self->message : _("the connection was closed"));
  else if (code == VASTUS_STORE_ERROR_VISIT_EXISTS)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the patient has a visit on that date already"), what);
  else if (rc == PG_RC_ERROR
           && _vastus_pg_set_refusal (error, self->sqlstate, self->pg, self->clinician, what))
    ; /* said there, as for server init */
  else if (_vastus_pg_is_unique_violation (conn, rc, "measurement", "visit_id"))
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                 /* Translators: what was being saved, such as “Saving the visit” */
                 _("%s: the visit has a value for that measure, side and trial already"), what);
  else
    g_set_error (error, VASTUS_STORE_ERROR, code,
                 /* Translators: what was being done, the database server's reason, its SQLSTATE code */
                 _("%s: %s (PostgreSQL error %s)"), what, self->message,
                 self->sqlstate != NULL ? self->sqlstate : "?");
}
