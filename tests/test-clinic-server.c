/* test-clinic-server.c: a clinic server's address from the Preferences fields, and trying it
 *
 * Suite 'clinic': the one function that builds the libpq URI (a local socket without TLS, a TCP
 * host only with sslmode=verify-full and its CA file; what is refused names the field). Under
 * build-aux/pg-test-server run (suite 'storage-pg', VASTUS_TEST_PG set) also a login that must
 * give its password: the password reaches the server among the connection's parameters, never
 * in the URI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "pg-login-test-util.h"
#include "vastus-clinic.h"
#include "vastus-clinic-server.h"
#include "vastus-database.h"

/* The value libpq reads for @keyword in @uri ("" for none). */
static char *
libpq_value (const char *uri,
             const char *keyword)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (uri, &message);
  char *value = NULL;

  g_assert_null (message);
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val != NULL ? o->val : "");
  PQconninfoFree (options);
  g_assert_nonnull (value);
  return value;
}

static void
assert_libpq_reads (const char *uri,
                    const char *keyword,
                    const char *expected)
{
  g_autofree char *value = libpq_value (uri, keyword);

  g_assert_cmpstr (value, ==, expected);
}

/* The URIs below are written out by hand from libpq's URI form
 * (postgresql://user@host:port/dbname?param=value, every part percent-encoded). */
static void
test_local_socket (void)
{
  VastusServerAddress defaults = { .database = "clinic", .user = "anna.berg" };
  VastusServerAddress folder = { .host = "/run/postgresql", .port = 5433, .database = "clinic",
                                 .user = "anna.berg" };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = vastus_server_address_to_uri (&defaults, &error);
  g_autofree char *uri2 = NULL;

  /* A local socket needs no TLS, and no CA file is asked for. */
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "postgresql://anna.berg@/clinic");
  assert_libpq_reads (uri, "host", "");
  assert_libpq_reads (uri, "sslmode", "");
  uri2 = vastus_server_address_to_uri (&folder, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri2, ==, "postgresql://anna.berg@%2Frun%2Fpostgresql:5433/clinic");
  assert_libpq_reads (uri2, "host", "/run/postgresql");
  assert_libpq_reads (uri2, "port", "5433");
  assert_libpq_reads (uri2, "dbname", "clinic");
  assert_libpq_reads (uri2, "user", "anna.berg");
  assert_libpq_reads (uri2, "sslmode", "");
}

static void
test_tcp_host (void)
{
  VastusServerAddress name = { .host = "db.clinic.example", .port = 5432,
                               .database = "knee clinic", .user = "anna@north",
                               .ca_file = "/etc/vastus/clinic ca.pem" };
  VastusServerAddress v6 = { .host = "::1", .database = "clinic", .user = "anna",
                             .ca_file = "/ca.pem" };
  VastusServerAddress local = { .host = "localhost", .database = "clinic", .user = "anna",
                                .ca_file = "/ca.pem" };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = vastus_server_address_to_uri (&name, &error);
  g_autofree char *uri6 = NULL;
  g_autofree char *urilocal = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "postgresql://anna%40north@db.clinic.example:5432/knee%20clinic"
                            "?sslmode=verify-full&sslrootcert=%2Fetc%2Fvastus%2Fclinic%20ca.pem");
  assert_libpq_reads (uri, "host", "db.clinic.example");
  assert_libpq_reads (uri, "user", "anna@north");
  assert_libpq_reads (uri, "dbname", "knee clinic");
  assert_libpq_reads (uri, "sslmode", "verify-full");
  assert_libpq_reads (uri, "sslrootcert", "/etc/vastus/clinic ca.pem");
  /* An IPv6 address goes in brackets. */
  uri6 = vastus_server_address_to_uri (&v6, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri6, ==, "postgresql://anna@[::1]/clinic?sslmode=verify-full&sslrootcert=%2Fca.pem");
  assert_libpq_reads (uri6, "host", "::1");
  /* localhost is TCP too: TLS. */
  urilocal = vastus_server_address_to_uri (&local, &error);
  g_assert_no_error (error);
  assert_libpq_reads (urilocal, "sslmode", "verify-full");
}

static void
assert_refused (const VastusServerAddress *address,
                const char                *field,
                const char                *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = vastus_server_address_to_uri (address, &error);

  g_assert_null (uri);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
  if (detail != NULL)
    g_assert_nonnull (strstr (error->message, detail));
}

static void
test_refused (void)
{
  VastusServerAddress no_ca = { .host = "db.clinic.example", .database = "clinic", .user = "anna" };
  VastusServerAddress localhost_no_ca = { .host = "localhost", .database = "clinic",
                                          .user = "anna", .ca_file = "" };
  VastusServerAddress relative_ca = { .host = "db.clinic.example", .database = "clinic",
                                      .user = "anna", .ca_file = "ca.pem" };
  VastusServerAddress port = { .host = "db.clinic.example", .port = 70000, .database = "clinic",
                               .user = "anna", .ca_file = "/ca.pem" };
  VastusServerAddress host = { .host = "db clinic/x", .database = "clinic", .user = "anna",
                               .ca_file = "/ca.pem" };
  VastusServerAddress no_db = { .host = "", .database = "", .user = "anna" };
  VastusServerAddress no_user = { .host = "/run/postgresql", .database = "clinic" };

  assert_refused (&no_ca, "CA Certificate: db.clinic.example", "certificate");
  assert_refused (&localhost_no_ca, "CA Certificate: localhost", NULL);
  assert_refused (&relative_ca, "CA Certificate: “ca.pem”", "/");
  assert_refused (&port, "Port: 70000", "65535");
  assert_refused (&host, "Host: “db clinic/x”", NULL);
  assert_refused (&no_db, "Database:", NULL);
  assert_refused (&no_user, "Login:", NULL);
}

/* The window's header: where the data lives, by hand from each address. */
static void
test_describe (void)
{
  const struct { const char *path; const char *where; } cases[] = {
    { "/home/anna/clinic.db", "This computer" },
    { "postgresql://anna@db.clinic.example:5432/knee?sslmode=verify-full&sslrootcert=%2Fca.pem",
      "Clinic server db.clinic.example/knee" },
    { "postgresql://anna@%2Frun%2Fpostgresql/knee", "Clinic server on this computer, knee" },
    { "postgresql://anna@/knee", "Clinic server on this computer, knee" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusClinic) clinic = vastus_clinic_new (cases[i].path);
      g_autofree char *detail = NULL;
      g_autofree char *where = vastus_clinic_describe (clinic, &detail);

      g_assert_cmpstr (where, ==, cases[i].where);
      /* The whole address, for the tooltip. */
      g_assert_cmpstr (detail, ==, cases[i].path);
      vastus_clinic_close (clinic);
    }
}

/* On the test server (build-aux/pg-test-server run) */

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
probe (const char  *uri,
       const char  *password,
       char       **login,
       char       **full_name,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vastus_clinic_probe_server_async (uri, password, NULL, probe_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return vastus_clinic_probe_server_finish (result, login, full_name, error);
}

static void
test_password (void)
{
  const char *server = g_getenv ("VASTUS_TEST_PG");
  g_autofree char *socket = g_build_filename (g_getenv ("VASTUS_TEST_PG_DIR"), "socket", NULL);
  VastusServerAddress address = { .host = socket, .port = 5432, .database = "postgres",
                                  .user = "anna.berg" };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *login = NULL;
  g_autofree char *full_name = NULL;
  g_autoptr(VastusDatabase) db = NULL;

  g_assert_nonnull (server);
  g_assert_true (vastus_database_server_init (server, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_server_add_user (server, "anna.berg", "Anna Berg",
                                                  "correct horse", &error));
  g_assert_no_error (error);
  pg_login_require_password ("anna.berg");
  uri = vastus_server_address_to_uri (&address, &error);
  g_assert_no_error (error);

  /* Without it, or with a wrong one: refused by the server, and the password is never repeated. */
  g_assert_false (probe (uri, NULL, NULL, NULL, &error));
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (probe (uri, "wrong horse", NULL, NULL, &error));
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_assert_null (strstr (error->message, "wrong horse"));
  g_clear_error (&error);

  /* With it: the login and the full name `server add-user --name` gave it. */
  g_assert_true (probe (uri, "correct horse", &login, &full_name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (login, ==, "anna.berg");
  g_assert_cmpstr (full_name, ==, "Anna Berg");

  /* The clinic's connections to that URI are given it too, and only while it is set. */
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_clear_error (&error);
  vastus_clinic_set_server_password (uri, "correct horse");
  db = vastus_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vastus_database_get_actor (db), ==, "anna.berg");
  g_clear_object (&db);
  vastus_clinic_set_server_password (uri, NULL);
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinic-server/uri/local-socket", test_local_socket);
  g_test_add_func ("/clinic-server/uri/tcp-host", test_tcp_host);
  g_test_add_func ("/clinic-server/uri/refused", test_refused);
  g_test_add_func ("/clinic-server/describe", test_describe);
  /* The server's part runs where there is one (the storage-pg suite's run of this program). */
  if (g_getenv ("VASTUS_TEST_PG") != NULL)
    g_test_add_func ("/clinic-server/pg/password", test_password);
  return g_test_run ();
}
