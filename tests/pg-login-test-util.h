/* pg-login-test-util.h: a login on the test server that must give its password
 *
 * build-aux/pg-test-server trusts every local connection; pg_login_require_password () makes
 * the server ask @login for its password (scram-sha-256) from then on, everyone else still
 * trusted. Run under build-aux/pg-test-server run (VASTUS_TEST_PG, VASTUS_TEST_PG_DIR).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

static inline void
pg_login_require_password (const char *login)
{
  const char *dir = g_getenv ("VASTUS_TEST_PG_DIR");
  g_autofree char *hba = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *rules = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *pg;
  PGresult *result;

  g_assert_nonnull (dir);
  hba = g_build_filename (dir, "data", "pg_hba.conf", NULL);
  g_assert_true (g_file_get_contents (hba, &contents, NULL, &error));
  rules = g_strdup_printf ("local all %s scram-sha-256\n%s", login, contents);
  g_assert_true (g_file_set_contents (hba, rules, -1, &error));
  g_assert_no_error (error);
  pg = PQconnectdb (g_getenv ("VASTUS_TEST_PG"));
  result = PQexec (pg, "SELECT pg_reload_conf ()");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);
  PQfinish (pg);
}
