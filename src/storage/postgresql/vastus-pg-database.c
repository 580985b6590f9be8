/* vastus-pg-database.c: opening a clinic's database on a PostgreSQL server by its libpq URI,
 * and `server init` (the schema in an empty database, upgrades under the advisory lock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords come from libpq's usual places (~/.pgpass, PGPASSWORD, a service file), never from
 * Vastus. The audit trail's actor is the server login (session_user), which the server's
 * triggers write: the name a person types on a workstation is not what the server records.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <gio/gio.h>
#include <string.h>

#include "vastus-database-private.h"
#include "vastus-pg-conn.h"
#include "vastus-pg-database.h"

#define RESOURCE_DIR "/io/github/vastus/Vastus/storage/postgresql/sql/"
/* Seconds a workstation waits for the server before it says it cannot reach it. */
#define CONNECT_TIMEOUT_S "10"
/* The same once the application is quitting (vastus_database_servers_quitting). */
#define QUITTING_CONNECT_TIMEOUT_S "2"
/* A TCP connection whose host went away is found dead after 5 s of silence and 3 unanswered
 * probes 2 s apart; data the host does not acknowledge within 10 s ends it too. (A server's
 * Unix socket has neither: the statements' deadline, vastus-pg-wait.c, covers it.) */
#define KEEPALIVES_IDLE_S      "5"
#define KEEPALIVES_INTERVAL_S  "2"
#define KEEPALIVES_COUNT       "3"
#define TCP_USER_TIMEOUT_MS    "10000"

gboolean
_vastus_pg_is_uri (const char *path)
{
  return path != NULL
         && (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"));
}

gboolean
vastus_database_is_server_uri (const char *path)
{
  return _vastus_pg_is_uri (path);
}

char *
_vastus_pg_uri_label (const char *uri)
{
  const char *scheme_end = strstr (uri, "://");
  const char *authority, *at, *colon, *slash;
  g_autofree char *user = NULL;

  /* postgresql://user:secret@host/db → postgresql://user@host/db: a password written into a
   * URI after all is never repeated in a message. */
  if (scheme_end == NULL)
    return g_strdup (uri);
  authority = scheme_end + 3;
  slash = strchr (authority, '/');
  at = strchr (authority, '@');
  if (at == NULL || (slash != NULL && at > slash))
    return g_strdup (uri);
  colon = memchr (authority, ':', at - authority);
  if (colon == NULL)
    return g_strdup (uri);
  user = g_strndup (uri, colon - uri);
  return g_strconcat (user, at, NULL);
}

char *
vastus_database_describe (const char  *path,
                          char       **detail)
{
  PQconninfoOption *options;
  const char *dbname = NULL, *host = NULL;
  char *label;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_vastus_pg_is_uri (path))
    {
      if (detail != NULL)
        *detail = g_strdup (path);
      return g_path_get_basename (path);
    }
  if (detail != NULL)
    *detail = _vastus_pg_uri_label (path);
  options = PQconninfoParse (path, NULL);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (o->val != NULL && o->val[0] != '\0' && g_str_equal (o->keyword, "dbname"))
      dbname = o->val;
    else if (o->val != NULL && o->val[0] != '\0' && g_str_equal (o->keyword, "host"))
      host = o->val;
  if (dbname == NULL)
    /* Translators: a clinic's database on a server whose name the address leaves to the
     * server's default */
    dbname = _("the clinic database");
  if (host == NULL || host[0] == '/' || g_str_equal (host, "localhost"))
    /* Translators: %s is the database's name on a server running on this computer */
    label = g_strdup_printf (_("%s on this computer’s server"), dbname);
  else
    /* Translators: the database's name, then the server's host name */
    label = g_strdup_printf (_("%s on %s"), dbname, host);
  PQconninfoFree (options);
  return label;
}

gboolean
vastus_database_server_parts (const char  *uri,
                              char       **host,
                              char       **dbname)
{
  PQconninfoOption *options;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (!_vastus_pg_is_uri (uri) || (options = PQconninfoParse (uri, NULL)) == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "host") && host != NULL)
      *host = g_strdup (o->val != NULL ? o->val : "");
    else if (g_str_equal (o->keyword, "dbname") && dbname != NULL)
      *dbname = g_strdup (o->val != NULL ? o->val : "");
  PQconninfoFree (options);
  return TRUE;
}

char *
vastus_database_server_uri_as (const char  *uri,
                               const char  *login,
                               char       **host,
                               guint       *port,
                               char       **dbname,
                               char       **ca_file)
{
  PQconninfoOption *options;
  g_autoptr(GString) built = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (login != NULL, NULL);

  if (!_vastus_pg_is_uri (uri) || (options = PQconninfoParse (uri, NULL)) == NULL)
    return NULL;
  /* Every parameter in the query, where libpq takes any of its keywords. */
  built = g_string_new ("postgresql:///?");
  escaped = g_uri_escape_string (login, NULL, FALSE);
  g_string_append_printf (built, "user=%s", escaped);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = o->val != NULL ? o->val : "";

      if (g_str_equal (o->keyword, "host") && host != NULL)
        *host = g_strdup (value);
      else if (g_str_equal (o->keyword, "port") && port != NULL)
        *port = (guint) g_ascii_strtoull (value, NULL, 10);
      else if (g_str_equal (o->keyword, "dbname") && dbname != NULL)
        *dbname = g_strdup (value);
      else if (g_str_equal (o->keyword, "sslrootcert") && ca_file != NULL)
        *ca_file = g_strdup (value);
      if (value[0] == '\0' || g_str_equal (o->keyword, "user")
          || g_str_equal (o->keyword, "password"))
        continue;
      g_clear_pointer (&escaped, g_free);
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (built, "&%s=%s", o->keyword, escaped);
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&built), FALSE);
}

/* Passwords by URI, in this process's memory only (vastus_database_set_server_password). */
static GMutex passwords_lock;
static GHashTable *passwords;

static void
password_free (gpointer data)
{
  char *password = data;

  memset (password, 0, strlen (password));
  g_free (password);
}

void
vastus_database_set_server_password (const char *uri,
                                     const char *password)
{
  g_return_if_fail (_vastus_pg_is_uri (uri));

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, password_free);
  if (password != NULL)
    g_hash_table_replace (passwords, g_strdup (uri), g_strdup (password));
  else
    g_hash_table_remove (passwords, uri);
  g_mutex_unlock (&passwords_lock);
}

/* A session on @uri with @password (NULL: libpq's own places) among its parameters. */
static PGconn *
connect_with (const char  *uri,
              const char  *password,
              GError     **error)
{
  g_autofree char *options = g_strdup_printf ("-c vastus.app_version=%s", PACKAGE_VERSION);
  /* The URI's own connect_timeout or keepalives, if it has them, win over ours (it comes
   * later); the password comes last, so that it is the one given here. */
  const char *keys[] = { "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                         "keepalives_count", "tcp_user_timeout", "options",
                         "fallback_application_name", "dbname",
                         password != NULL ? "password" : NULL, NULL };
  const char *values[] = { _vastus_pg_quitting () ? QUITTING_CONNECT_TIMEOUT_S : CONNECT_TIMEOUT_S,
                           "1", KEEPALIVES_IDLE_S, KEEPALIVES_INTERVAL_S,
                           KEEPALIVES_COUNT, TCP_USER_TIMEOUT_MS, options, "vastus", uri, password,
                           NULL };
  PGconn *pg = PQconnectdbParams (keys, values, 1);

  if (pg == NULL || PQstatus (pg) != CONNECTION_OK)
    {
      g_autofree char *label = _vastus_pg_uri_label (uri);
      g_autofree char *reason = g_strchomp (g_strdup (pg != NULL ? PQerrorMessage (pg)
                                                                 : "out of memory"));

      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                   /* Translators: the database's address, then libpq's reason */
                   _("Could not connect to the database server at %s: %s"), label, reason);
      PQfinish (pg);
      return NULL;
    }
  return pg;
}

gboolean
vastus_database_server_answers (const char *uri)
{
  /* PQPING_REJECT is a server that is starting or shutting down: not there yet either. */
  const char *keys[] = { "connect_timeout", "dbname", NULL };
  const char *values[] = { CONNECT_TIMEOUT_S, uri, NULL };

  g_return_val_if_fail (uri != NULL, FALSE);

  return PQpingParams (keys, values, 1) == PQPING_OK;
}

PGconn *
_vastus_pg_connect (const char  *uri,
                    GError     **error)
{
  g_autofree char *password = NULL;
  PGconn *pg;

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, uri));
  g_mutex_unlock (&passwords_lock);
  pg = connect_with (uri, password, error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  return pg;
}

/* The one value of @sql (no parameters), or NULL with @error set. */
static char *
query_value (PGconn      *pg,
             const char  *sql,
             const char  *label,
             GError     **error)
{
  PGresult *result;
  char *value = NULL;

  _vastus_pg_check_thread (sql);
  result = _vastus_pg_exec (pg, sql, NULL);

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                 /* Translators: the database's address, then the server's reason */
                 _("Could not read the database at %s: %s"), label,
                 g_strchomp (PQresultErrorMessage (result)));
  else
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

/* The session login's full name: its comment (`server add-user --name`), or "". */
static char *
query_login_name (PGconn      *pg,
                  const char  *label,
                  GError     **error)
{
  return query_value (pg, "SELECT coalesce (shobj_description ((SELECT oid FROM pg_roles "
                          "WHERE rolname = session_user), 'pg_authid'), '')", label, error);
}

/* The schema version of the Vastus database at @pg; refuses an empty one, another
 * application's, one without a version. */
static gboolean
identify (PGconn      *pg,
          const char  *uri,
          int         *version,
          GError     **error)
{
  g_autofree char *label = _vastus_pg_uri_label (uri);
  g_autofree char *state = query_value (pg,
    "SELECT CASE WHEN to_regclass ('public.schema_info') IS NOT NULL "
    "             AND to_regclass ('public.audit_log') IS NOT NULL THEN 'vastus' "
    "            WHEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "                         WHERE n.nspname = 'public') THEN 'other' ELSE 'empty' END",
    label, error);
  g_autofree char *text = NULL;
  int latest = vastus_database_get_latest_schema_version ();

  if (state == NULL)
    return FALSE;
  if (g_str_equal (state, "empty"))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: the database's address twice; keep “vastus-cli --db … server init” as it is */
                   _("The database at %s is empty: create the clinic's schema in it first with "
                     "“vastus-cli --db %s server init”"), label, label);
      return FALSE;
    }
  if (g_str_equal (state, "other"))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS,
                   /* Translators: the database's address */
                   _("The database at %s is not a Vastus database (it has tables of another "
                     "application): choose another database"), label);
      return FALSE;
    }
  text = query_value (pg, "SELECT coalesce ((SELECT version FROM public.schema_info WHERE id = 1), 0)",
                      label, error);
  if (text == NULL)
    return FALSE;
  *version = (int) g_ascii_strtoll (text, NULL, 10);
  if (*version < 1)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: the database's address */
                   _("The Vastus database at %s has no schema version"), label);
      return FALSE;
    }
  if (*version > latest)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NEWER,
                   /* Translators: the database's address, its schema version, this program's */
                   _("The database at %s was made by a newer Vastus (schema version %d; this "
                     "version knows up to %d): update Vastus on this computer"),
                   label, *version, latest);
      return FALSE;
    }
  if (*version < latest)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                   /* Translators: the database's address, its schema version, this program's, the address again */
                   _("The database at %s has schema version %d and this Vastus needs %d: upgrade "
                     "it with “vastus-cli --db %s server init”"),
                   label, *version, latest, label);
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_database_probe_server (const char  *uri,
                              const char  *password,
                              char       **login,
                              char       **full_name,
                              GError     **error)
{
  g_autofree char *label = NULL;
  g_autofree char *user = NULL;
  g_autofree char *name = NULL;
  PGconn *pg;
  int version = 0;

  g_return_val_if_fail (_vastus_pg_is_uri (uri), FALSE);

  label = _vastus_pg_uri_label (uri);
  pg = connect_with (uri, password, error);
  if (pg == NULL)
    return FALSE;
  if (!identify (pg, uri, &version, error)
      || (user = query_value (pg, "SELECT session_user", label, error)) == NULL
      || (name = query_login_name (pg, label, error)) == NULL)
    {
      PQfinish (pg);
      return FALSE;
    }
  PQfinish (pg);
  if (login != NULL)
    *login = g_steal_pointer (&user);
  if (full_name != NULL)
    *full_name = g_steal_pointer (&name);
  return TRUE;
}

/* Whether the session login has the clinicians' group's rights (server-roles.sql): "t" or "f". */
static char *
query_clinician (PGconn      *pg,
                 const char  *label,
                 GError     **error)
{
  return query_value (pg, "SELECT coalesce ((SELECT pg_has_role (session_user, oid, 'USAGE') "
                          "FROM pg_roles WHERE rolname = 'vastus_clinician'), false)",
                      label, error);
}

VastusDatabase *
_vastus_pg_database_open (const char  *uri,
                          gboolean     read_only,
                          GError     **error)
{
  g_autoptr(VastusDatabase) self = NULL;
  PGconn *pg = _vastus_pg_connect (uri, error);
  g_autofree char *login = NULL;
  g_autofree char *name = NULL;
  g_autofree char *clinician = NULL;
  g_autofree char *label = _vastus_pg_uri_label (uri);
  int version = 0, rc;

  if (pg == NULL)
    return NULL;
  if (!identify (pg, uri, &version, error)
      || (login = query_value (pg, "SELECT session_user", label, error)) == NULL
      || (name = query_login_name (pg, label, error)) == NULL
      || (clinician = query_clinician (pg, label, error)) == NULL)
    {
      PQfinish (pg);
      return NULL;
    }
  self = g_object_new (VASTUS_TYPE_DATABASE, NULL);
  self->conn = _vastus_pg_conn_new (pg);
  _vastus_pg_conn_set_clinician (self->conn, g_str_equal (clinician, "t"));
  self->path = _vastus_pg_uri_label (uri);
  self->schema_version = version;
  self->actor = g_steal_pointer (&login);
  self->actor_is_login = TRUE;
  if (name[0] != '\0')
    self->login_name = g_steal_pointer (&name);
  if (read_only)
    {
      self->read_only = TRUE;
      self->read_only_reason = VASTUS_STORE_ERROR_READ_ONLY;
      rc = _vastus_pg_conn_set_session (self->conn, "SET default_transaction_read_only = on");
      if (rc != VASTUS_DONE)
        {
          _vastus_conn_set_error (self->conn, error, rc,
                                  _("Could not open the database for reading only"));
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

/* server init */

static gboolean
run_script (PGconn      *pg,
            const char  *name,
            int         *version,
            GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  g_autofree char *script = NULL;
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  if (bytes == NULL)
    return FALSE;
  script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  result = PQexec (pg, script);
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

      /* A server that takes no changes, or not from this login (only the database's owner
       * creates and upgrades the schema): said as for every other change. Else the server's
       * words; server-init.sql refuses a database that is not empty and not Vastus's (55000). */
      if (!_vastus_pg_set_refusal (error, state, pg, TRUE,
                                   /* Translators: what `vastus-cli server init` does */
                                   _("Could not create or upgrade the clinic’s schema")))
        g_set_error (error, VASTUS_STORE_ERROR,
                     g_strcmp0 (state, "55000") == 0 ? VASTUS_STORE_ERROR_NOT_VASTUS
                                                     : _vastus_pg_store_code (state),
                     /* Translators: a script's file name, the server's reason, its SQLSTATE code */
                     _("%s: %s (PostgreSQL error %s)"), name,
                     message != NULL ? message : g_strchomp (PQerrorMessage (pg)),
                     state != NULL ? state : "?");
    }
  else if (version != NULL && status == PGRES_TUPLES_OK && PQntuples (result) == 1)
    *version = (int) g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return ok;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The PostgreSQL migrations above @from ("014-x.sql" …), in order. */
static GPtrArray *
migrations_after (int from)
{
  g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_DIR, 0, NULL);
  GPtrArray *after = g_ptr_array_new_with_free_func (g_free);

  for (char **n = names; n != NULL && *n != NULL; n++)
    {
      int number = g_ascii_isdigit ((*n)[0]) ? (int) g_ascii_strtoll (*n, NULL, 10) : 0;

      if (number > from && number > 13)
        g_ptr_array_add (after, g_strdup (*n));
    }
  /* Its elements' addresses: a comparison of the strings themselves sorted nothing. */
  g_ptr_array_sort (after, compare_names);
  return after;
}

gboolean
vastus_database_server_init (const char  *uri,
                             int         *version_before,
                             GError     **error)
{
  PGconn *pg;
  int version = -1;
  int latest = vastus_database_get_latest_schema_version ();
  gboolean ok;

  g_return_val_if_fail (_vastus_pg_is_uri (uri), FALSE);

  pg = _vastus_pg_connect (uri, error);
  if (pg == NULL)
    return FALSE;
  PQclear (PQexec (pg, "BEGIN"));
  ok = run_script (pg, "server-init.sql", &version, error);
  if (ok && version > latest)
    {
      g_autofree char *label = _vastus_pg_uri_label (uri);

      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NEWER,
                   /* Translators: the database's address, its schema version, this program's */
                   _("The database at %s was made by a newer Vastus (schema version %d; this "
                     "version knows up to %d): update Vastus on this computer"),
                   label, version, latest);
      ok = FALSE;
    }
  if (ok && version == 0)
    ok = run_script (pg, "013-baseline.sql", NULL, error);
  if (ok)
    {
      g_autoptr(GPtrArray) steps = migrations_after (version);

      for (guint i = 0; ok && i < steps->len; i++)
        ok = run_script (pg, steps->pdata[i], NULL, error);
    }
  ok = ok && run_script (pg, "server-roles.sql", NULL, error);
  if (ok)
    {
      PGresult *result = PQexec (pg, "COMMIT");

      ok = PQresultStatus (result) == PGRES_COMMAND_OK
           && g_str_equal (PQcmdStatus (result), "COMMIT");
      if (!ok)
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                     /* Translators: the database server's reason */
                     _("Could not create the schema: %s"), g_strchomp (PQerrorMessage (pg)));
      PQclear (result);
    }
  else
    PQclear (PQexec (pg, "ROLLBACK"));
  PQfinish (pg);
  if (ok && version_before != NULL)
    *version_before = version;
  return ok;
}

/* server add-user */

gboolean
vastus_database_server_add_user (const char  *uri,
                                 const char  *login,
                                 const char  *full_name,
                                 const char  *password,
                                 GError     **error)
{
  PGconn *pg;
  g_autofree char *verifier = NULL;
  const char *values[3];
  PGresult *result;
  gboolean ok;

  g_return_val_if_fail (_vastus_pg_is_uri (uri), FALSE);
  g_return_val_if_fail (login != NULL && full_name != NULL && password != NULL, FALSE);

  if (password[0] == '\0')
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                   /* Translators: a server login's name */
                   _("The login %s needs a password (read from standard input): it was empty"),
                   login);
      return FALSE;
    }
  pg = _vastus_pg_connect (uri, error);
  if (pg == NULL)
    return FALSE;
  /* The password is hashed here (SCRAM-SHA-256): it never reaches the server or its logs. */
  {
    char *encrypted = PQencryptPasswordConn (pg, password, login, "scram-sha-256");

    if (encrypted == NULL)
      {
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                     /* Translators: libpq's reason */
                     _("Could not hash the password: %s"), g_strchomp (PQerrorMessage (pg)));
        PQfinish (pg);
        return FALSE;
      }
    verifier = g_strdup (encrypted);
    PQfreemem (encrypted);
  }
  values[0] = login;
  values[1] = full_name;
  values[2] = verifier;
  result = PQexecParams (pg, "SELECT vastus_add_user ($1, $2, $3)", 3, NULL, values, NULL, NULL, 0);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK;
  if (!ok)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      /* Translators: a server login's name */
      g_autofree char *what = g_strdup_printf (_("Could not add the login %s"), login);

      /* A server that takes no changes, or not from this login (only the database's owner may
       * call vastus_add_user and create a role): said as for every other change. Else the
       * function's refusals: a login that is not valid (22023), one that exists (42710). */
      if (!_vastus_pg_set_refusal (error, state, pg, TRUE, what))
        g_set_error (error, VASTUS_STORE_ERROR,
                     g_strcmp0 (state, "22023") == 0 || g_strcmp0 (state, "42710") == 0
                     ? VASTUS_STORE_ERROR_CONSTRAINT : _vastus_pg_store_code (state),
                     /* Translators: a login's name, the server's reason, its SQLSTATE code */
                     _("Could not add the login %s: %s (PostgreSQL error %s)"), login,
                     message != NULL ? message : g_strchomp (PQerrorMessage (pg)),
                     state != NULL ? state : "?");
    }
  PQclear (result);
  PQfinish (pg);
  return ok;
}

/* server grant */

gboolean
vastus_database_server_grant (const char  *uri,
                              const char  *login,
                              gboolean    *already,
                              GError     **error)
{
  PGconn *pg;
  const char *values[1] = { login };
  PGresult *result;
  /* Translators: a server login's name */
  g_autofree char *what = g_strdup_printf (_("Could not add the login %s to vastus_clinician"),
                                           login);
  gboolean ok = FALSE;

  g_return_val_if_fail (_vastus_pg_is_uri (uri), FALSE);
  g_return_val_if_fail (login != NULL, FALSE);

  if (already != NULL)
    *already = FALSE;
  pg = _vastus_pg_connect (uri, error);
  if (pg == NULL)
    return FALSE;
  /* Any login may read pg_roles: whether the login exists, may log in and is in the group
   * (directly or through another group) is said before the grant is tried. */
  result = PQexecParams (pg,
                         "SELECT rolcanlogin, pg_has_role (oid, 'vastus_clinician', 'MEMBER') "
                         "FROM pg_roles WHERE rolname = $1",
                         1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

      /* vastus_clinician itself missing (42704): a database server init never ran on. */
      if (g_strcmp0 (state, "42704") == 0)
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS,
                     /* Translators: what was being done (“Could not add the login anna to
                      * vastus_clinician”); keep vastus_clinician and “vastus-cli server init” */
                     _("%s: the server has no role vastus_clinician; run “vastus-cli server "
                       "init” on the clinic’s database first"), what);
      else
        g_set_error (error, VASTUS_STORE_ERROR, _vastus_pg_store_code (state),
                     /* Translators: what was being done, the server's reason, its SQLSTATE code */
                     _("%s: %s (PostgreSQL error %s)"), what,
                     message != NULL ? message : g_strchomp (PQerrorMessage (pg)),
                     state != NULL ? state : "?");
    }
  else if (PQntuples (result) == 0)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                 /* Translators: what was being done (“Could not add the login anna to
                  * vastus_clinician”), then the login's name; keep “server add-user” as it is */
                 _("%s: the server has no login “%s”. To make a new login, use “vastus-cli "
                   "server add-user”."), what, login);
  else if (!g_str_equal (PQgetvalue (result, 0, 0), "t"))
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                 /* Translators: what was being done, then the role's name */
                 _("%s: “%s” is a role that may not log in (a group), not a login"), what, login);
  else if (g_str_equal (PQgetvalue (result, 0, 1), "t"))
    {
      if (already != NULL)
        *already = TRUE;
      ok = TRUE;
    }
  else
    {
      /* The login as SQL writes a name, quoted: "anna.berg". */
      char *quoted = PQescapeIdentifier (pg, login, strlen (login));
      g_autofree char *grant = g_strdup_printf ("GRANT vastus_clinician TO %s",
                                                quoted != NULL ? quoted : "");
      const char *state;

      PQfreemem (quoted);
      PQclear (result);
      /* Only when the name could not be quoted (not valid in the connection's encoding), an
       * empty one, which the server refuses with its reason. */
      result = PQexec (pg, grant);
      ok = PQresultStatus (result) == PGRES_COMMAND_OK;
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      /* A server that takes no changes, or not from this login (only the database's owner,
       * who may create roles, may add one to the group): said as for every other change. */
      if (!ok && !_vastus_pg_set_refusal (error, state, pg, TRUE, what))
        g_set_error (error, VASTUS_STORE_ERROR, _vastus_pg_store_code (state),
                     /* Translators: what was being done, the server's reason, its SQLSTATE code */
                     _("%s: %s (PostgreSQL error %s)"), what,
                     PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) != NULL
                     ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                     : g_strchomp (PQerrorMessage (pg)),
                     state != NULL ? state : "?");
    }
  PQclear (result);
  PQfinish (pg);
  return ok;
}
