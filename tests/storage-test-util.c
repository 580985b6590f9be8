/* storage-test-util.c: one storage test source for both engines (storage-test-util.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "storage-test-util.h"
#include "vastus-database-private.h"

static char *last_uri;

gboolean
storage_test_on_server (void)
{
  return g_strcmp0 (g_getenv ("VASTUS_TEST_ENGINE"), "postgresql") == 0;
}

/* @uri (…/postgres?…) with the database @name instead. */
static char *
uri_with_database (const char *uri,
                   const char *name)
{
  const char *query = strchr (uri, '?');
  const char *slash = strstr (uri, "://");
  const char *path;

  g_assert_nonnull (slash);
  path = strchr (slash + 3, '/');
  g_assert_nonnull (path);
  return g_strdup_printf ("%.*s/%s%s", (int) (path - uri), uri, name, query != NULL ? query : "");
}

static void
admin (const char *uri,
       const char *sql)
{
  PGconn *pg = PQconnectdb (uri);
  PGresult *result;

  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  result = PQexec (pg, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (pg);
}

/* A database with the schema, made once per test program; each test's database is a copy. */
static const char *
template_database (const char *server)
{
  static char *name;

  if (name == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *uri = NULL;

      name = g_strdup_printf ("vastus_template_%d", (int) getpid ());
      sql = g_strdup_printf ("CREATE DATABASE %s", name);
      admin (server, sql);
      uri = uri_with_database (server, name);
      g_assert_true (vastus_database_server_init (uri, NULL, &error));
      g_assert_no_error (error);
    }
  return name;
}

char *
storage_test_new_location (const char *folder,
                           const char *file_name)
{
  static guint serial;
  const char *server = g_getenv ("VASTUS_TEST_PG");
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;

  if (!storage_test_on_server ())
    return g_build_filename (folder, file_name, NULL);
  g_assert_nonnull (server);
  name = g_strdup_printf ("vastus_test_%d_%u", (int) getpid (), ++serial);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, template_database (server));
  admin (server, sql);
  return uri_with_database (server, name);
}

VastusDatabase *
storage_test_open (void)
{
  g_autoptr(GError) error = NULL;
  VastusDatabase *db;

  if (storage_test_on_server ())
    {
      g_free (last_uri);
      last_uri = storage_test_new_location (NULL, NULL);
      db = vastus_database_open (last_uri, &error);
    }
  else
    db = vastus_database_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

char *
storage_test_uri_as_login (const char *uri,
                           const char *login)
{
  const char *user = strstr (uri, "user=");

  g_assert_nonnull (user);
  return g_strdup_printf ("%.*suser=%s%s", (int) (user - uri), uri, login,
                          user + 5 + strcspn (user + 5, "&"));
}

VastusDatabase *
storage_test_open_as (const char *uri,
                      const char *login,
                      const char *full_name)
{
  static GHashTable *added;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_login = NULL;
  VastusDatabase *db;

  if (added == NULL)
    added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (added, login))
    {
      g_assert_true (vastus_database_server_add_user (uri, login, full_name, "secret", &error));
      g_assert_no_error (error);
      g_hash_table_add (added, g_strdup (login));
    }
  as_login = storage_test_uri_as_login (uri, login);
  db = vastus_database_open (as_login, &error);
  g_assert_no_error (error);
  return db;
}

const char *
storage_test_last_uri (void)
{
  return storage_test_on_server () ? last_uri : NULL;
}

/* The test's own statements are not the stores' static SQL: prepared, used, and forgotten. */
static VastusStmt *
prepare_row (VastusDatabase *db,
             const char     *sql)
{
  VastusConn *conn = _vastus_database_get_conn (db);
  VastusStmt *stmt;
  int rc = VASTUS_DONE;

  _vastus_conn_clear_cache (conn);
  stmt = _vastus_conn_prepare (conn, sql, &rc);
  if (stmt == NULL)
    g_error ("%s: %s", sql, _vastus_conn_error_message (conn, rc));
  rc = _vastus_step (stmt);
  if (rc != VASTUS_ROW)
    g_error ("%s: no row (%s)", sql, _vastus_conn_error_message (conn, rc));
  return stmt;
}

gint64
storage_test_query_int (VastusDatabase *db,
                        const char     *sql)
{
  VastusStmt *stmt = prepare_row (db, sql);
  gint64 value = _vastus_column_int64 (stmt, 0);

  _vastus_stmt_release (stmt);
  _vastus_conn_clear_cache (_vastus_database_get_conn (db));
  return value;
}

char *
storage_test_query_text (VastusDatabase *db,
                         const char     *sql)
{
  VastusStmt *stmt = prepare_row (db, sql);
  char *value = _vastus_column_text (stmt, 0);

  _vastus_stmt_release (stmt);
  _vastus_conn_clear_cache (_vastus_database_get_conn (db));
  return value;
}

gboolean
storage_test_exec (VastusDatabase *db,
                   const char     *sql,
                   int            *code)
{
  VastusConn *conn = _vastus_database_get_conn (db);
  int rc = _vastus_conn_exec (conn, sql);

  if (code != NULL)
    *code = rc == VASTUS_DONE ? 0 : _vastus_conn_error_code (conn, rc);
  return rc == VASTUS_DONE;
}

const char *
storage_test_actor (const char *typed)
{
  if (storage_test_on_server ())
    {
      /* The login of VASTUS_TEST_PG's URI (build-aux/pg-test-server: user=postgres). */
      const char *uri = g_getenv ("VASTUS_TEST_PG");
      const char *user = uri != NULL ? strstr (uri, "user=") : NULL;
      static char *login;

      g_assert_nonnull (user);
      if (login == NULL)
        login = g_strndup (user + 5, strcspn (user + 5, "&"));
      return login;
    }
  return typed != NULL ? typed : g_get_user_name ();
}

const char *
storage_test_json_member (const char *column,
                          const char *member)
{
  static char *sql;

  g_free (sql);
  sql = storage_test_on_server ()
        ? g_strdup_printf ("(%s::json ->> '%s')", column, member)
        : g_strdup_printf ("json_extract (%s, '$.%s')", column, member);
  return sql;
}

gint64
storage_test_add_visit (VastusDatabase *db,
                        const char     *mrn,
                        gint64         *patient_id,
                        gint64         *episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(VastusVisit) v = vastus_visit_new ();

  p->mrn = g_strdup (mrn);
  p->name = g_strdup ("Berit Lund");
  vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  e->patient_id = p->id;
  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = VASTUS_SIDE_LEFT;
  vastus_database_insert_episode (db, e, &error);
  g_assert_no_error (error);
  v->episode_id = e->id;
  g_date_set_dmy (&v->date, 2, G_DATE_MARCH, 2026);
  vastus_database_insert_visit (db, v, &error);
  g_assert_no_error (error);
  if (patient_id != NULL)
    *patient_id = p->id;
  if (episode_id != NULL)
    *episode_id = e->id;
  return v->id;
}
