/* storage-test-util.h: one storage test source for both engines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program built with this runs on SQLite (a new database in memory each time), or, when
 * VASTUS_TEST_ENGINE is "postgresql", on the PostgreSQL server VASTUS_TEST_PG names (a libpq
 * URI; build-aux/pg-test-server run sets it): each database a new one on that server, with the
 * schema server init creates. Queries the tests make themselves go through the connection
 * interface, so that they are written once for both engines.
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

/* Whether this run is the PostgreSQL one. */
gboolean        storage_test_on_server     (void);
/* A new, empty Vastus database of the engine under test. */
VastusDatabase *storage_test_open          (void);
/* Where a test's own database is, for a program that opens it itself (vastus-cli): the file
 * @file_name in @folder (not created), or a new database on the server with the schema server init
 * creates (its URI). Free with g_free. */
char           *storage_test_new_location  (const char     *folder,
                                            const char     *file_name);
/* The server database at @uri (a URI with "user=") as the login @login. Free with g_free. */
char           *storage_test_uri_as_login  (const char     *uri,
                                            const char     *login);
/* The server login @login (server add-user, named @full_name), added once per test program
 * (logins belong to the server, not to one database), and a connection to the database at @uri
 * as that login (the test server trusts local connections: no password is asked for). */
VastusDatabase *storage_test_open_as       (const char     *uri,
                                            const char     *login,
                                            const char     *full_name);
/* Where storage_test_open's last database is (a URI, or NULL for SQLite's in memory). */
const char     *storage_test_last_uri      (void);
/* The actor the audit trail and the stores record when a person typed @typed (NULL: none):
 * @typed itself (the login name for NULL) on SQLite, the server login on PostgreSQL. */
const char     *storage_test_actor         (const char     *typed);
/* SQL for the member @member of the JSON text in @column, in the engine's spelling. The
 * returned string is valid until the next call. */
const char     *storage_test_json_member   (const char     *column,
                                            const char     *member);

/* The first column of the one row @sql answers, as an integer or as text. */
gint64          storage_test_query_int     (VastusDatabase *db,
                                            const char     *sql);
char           *storage_test_query_text    (VastusDatabase *db,
                                            const char     *sql);
/* A patient @mrn (Berit Lund) with an ACL reconstruction of the left knee and one visit, on
 * 2 March 2026: the visit's id, with the patient's and the episode's (both optional). */
gint64          storage_test_add_visit     (VastusDatabase *db,
                                            const char     *mrn,
                                            gint64         *patient_id,
                                            gint64         *episode_id);
/* Runs @sql: TRUE when it ran, FALSE when the database refused it (*@code, optional, the
 * VASTUS_STORE_ERROR_* code). */
gboolean        storage_test_exec          (VastusDatabase *db,
                                            const char     *sql,
                                            int            *code);

G_END_DECLS
