/* test-pg-stream.c: statements whose rows are streamed on PostgreSQL (_vastus_conn_prepare_stream,
 * src/storage/postgresql/vastus-pg-stream.c), on the throwaway server of build-aux/pg-test-server
 * run (suite 'storage-pg'): each type read from COPY's binary form as the text results read it,
 * NULLs, an empty result, many rows, an error in mid-stream, other statements while a stream is
 * under way, a stream released before its end, and a server that hangs mid-stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fault/fault-util.h"
#include "vastus-conn.h"
#include "vastus-pg-conn.h"
#include "vastus-database.h"

/* The statements' deadline in this test (VASTUS_SERVER_DEADLINE_MS). */
#define DEADLINE_MS 1500

static VastusConn *
open_conn (void)
{
  PGconn *pg = PQconnectdb (g_getenv ("VASTUS_TEST_PG"));

  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  return _vastus_pg_conn_new (pg);
}

static VastusStmt *
prepare_stream (VastusConn *conn,
                const char *sql)
{
  int rc = VASTUS_DONE;
  VastusStmt *stmt = _vastus_conn_prepare_stream (conn, sql, &rc);

  if (stmt == NULL)
    g_error ("%s: %s", sql, _vastus_conn_error_message (conn, rc));
  return stmt;
}

static gint64
query_int (VastusConn *conn,
           const char *sql)
{
  int rc = VASTUS_DONE;
  g_autoptr(VastusStmt) stmt = _vastus_conn_prepare (conn, sql, &rc);

  g_assert_nonnull (stmt);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  return _vastus_column_int64 (stmt, 0);
}

static const char *types_sql =
  "SELECT * FROM (VALUES "
  "  (1, 9223372036854775807::int8, -0.1::float8, 'Ærøskøbing – naïve ✓', '2025-12-01', "
  "   '2024-02-29'::date, true, -7::int4, 12::int2, 2.5::float4, NULL::text), "
  "  (2, '-9223372036854775808'::int8, '-123456.789'::float8, '', '1999-01-31', "
  "   '0001-01-01'::date, false, 2147483647::int4, '-32768'::int2, '-0.5'::float4, 'x'), "
  "  (3, 9007199254740993::int8, '1e300'::float8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
  "   NULL)) "
  "AS t (n, big, x, words, day, d, yes, i4, i2, f4, last) ORDER BY n";

/* Every column type the stream reads in binary, against values worked out by hand. */
static void
test_types (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  g_autoptr(VastusStmt) stmt = prepare_stream (conn, types_sql);
  GDate date;

  g_assert_true (_vastus_pg_stmt_is_streamed (stmt));
  g_assert_cmpint (_vastus_column_count (stmt), ==, 11);

  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, 1);
  /* The largest int64 exactly (a double would read 9223372036854775808). */
  g_assert_cmpint (_vastus_column_int64 (stmt, 1), ==, G_MAXINT64);
  g_assert_cmpstr (_vastus_column_peek (stmt, 1), ==, "9223372036854775807");
  g_assert_cmpfloat (_vastus_column_double (stmt, 2), ==, -0.1);
  /* The shortest text that reads back as −0.1, as PostgreSQL prints it. */
  g_assert_cmpstr (_vastus_column_peek (stmt, 2), ==, "-0.1");
  g_assert_cmpint (_vastus_column_int64 (stmt, 2), ==, 0);
  g_assert_cmpstr (_vastus_column_peek (stmt, 3), ==, "Ærøskøbing – naïve ✓");
  _vastus_column_date (stmt, 4, &date);
  g_assert_true (g_date_valid (&date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2025);
  g_assert_cmpint (g_date_get_month (&date), ==, 12);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  /* A date column: days from 2000-01-01 in binary, read as PostgreSQL prints it. */
  g_assert_cmpstr (_vastus_column_peek (stmt, 5), ==, "2024-02-29");
  _vastus_column_date (stmt, 5, &date);
  g_assert_true (g_date_valid (&date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  g_assert_cmpint (_vastus_column_int (stmt, 6), ==, 1);
  g_assert_cmpfloat (_vastus_column_double (stmt, 6), ==, 1.0);
  g_assert_cmpstr (_vastus_column_peek (stmt, 6), ==, "t");
  g_assert_cmpint (_vastus_column_int (stmt, 7), ==, -7);
  g_assert_cmpstr (_vastus_column_peek (stmt, 7), ==, "-7");
  g_assert_cmpint (_vastus_column_int (stmt, 8), ==, 12);
  g_assert_cmpfloat (_vastus_column_double (stmt, 9), ==, 2.5);
  g_assert_true (_vastus_column_is_null (stmt, 10));
  g_assert_null (_vastus_column_peek (stmt, 10));
  g_assert_true (isnan (_vastus_column_double (stmt, 10)));
  g_assert_false (_vastus_column_is_null (stmt, 9));
  /* Out of range: as a NULL. */
  g_assert_null (_vastus_column_peek (stmt, 11));
  g_assert_true (_vastus_column_is_null (stmt, -1));

  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (stmt, 1), ==, G_MININT64);
  g_assert_cmpfloat (_vastus_column_double (stmt, 2), ==, -123456.789);
  g_assert_cmpint (_vastus_column_int64 (stmt, 2), ==, -123456);
  g_assert_cmpstr (_vastus_column_peek (stmt, 3), ==, "");
  g_assert_false (_vastus_column_is_null (stmt, 3));
  g_assert_cmpstr (_vastus_column_peek (stmt, 5), ==, "0001-01-01");
  g_assert_cmpint (_vastus_column_int (stmt, 6), ==, 0);
  g_assert_cmpstr (_vastus_column_peek (stmt, 6), ==, "f");
  g_assert_cmpint (_vastus_column_int (stmt, 7), ==, G_MAXINT32);
  g_assert_cmpint (_vastus_column_int (stmt, 8), ==, -32768);
  g_assert_cmpfloat (_vastus_column_double (stmt, 9), ==, -0.5);
  g_assert_cmpstr (_vastus_column_peek (stmt, 10), ==, "x");

  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  /* 2^53 + 1, which no double holds. */
  g_assert_cmpint (_vastus_column_int64 (stmt, 1), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpfloat (_vastus_column_double (stmt, 2), ==, 1e300);
  g_assert_cmpstr (_vastus_column_peek (stmt, 2), ==, "1e+300");
  for (int i = 3; i < 11; i++)
    {
      g_assert_true (_vastus_column_is_null (stmt, i));
      g_assert_cmpint (_vastus_column_int64 (stmt, i), ==, 0);
    }
  _vastus_column_date (stmt, 4, &date);
  g_assert_false (g_date_valid (&date));

  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
  /* Released, it runs again from its first row. */
  _vastus_stmt_release (stmt);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, 1);
}

/* Not streamed: parameters, or a column of a type read as text only (numeric); read as ever. */
static void
test_not_streamed (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  int rc = VASTUS_DONE;
  VastusStmt *with_parameter = _vastus_conn_prepare_stream (conn, "SELECT ?1::int8 + 1", &rc);
  VastusStmt *numeric = prepare_stream (conn, "SELECT 1.5::numeric");

  g_assert_nonnull (with_parameter);
  g_assert_false (_vastus_pg_stmt_is_streamed (with_parameter));
  _vastus_bind_int64 (with_parameter, 1, 41);
  g_assert_cmpint (_vastus_step (with_parameter), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (with_parameter, 0), ==, 42);
  _vastus_stmt_release (with_parameter);
  g_assert_false (_vastus_pg_stmt_is_streamed (numeric));
  g_assert_cmpint (_vastus_step (numeric), ==, VASTUS_ROW);
  g_assert_cmpfloat (_vastus_column_double (numeric, 0), ==, 1.5);
  _vastus_stmt_release (numeric);
}

static const char *empty_sql = "SELECT 1::int8 AS n WHERE false";
static const char *many_sql =
  "SELECT i::int8, 'row ' || i, i / 4.0::float8 FROM generate_series (1, 100000) AS g (i)";

/* No row, and many: each in order, read across many of libpq's reads. */
static void
test_empty_and_many (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  gint64 n = 0, sum = 0;
  double quarters = 0;
  int rc;

  {
    g_autoptr(VastusStmt) stmt = prepare_stream (conn, empty_sql);

    g_assert_true (_vastus_pg_stmt_is_streamed (stmt));
    g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
    g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
  }
  {
    g_autoptr(VastusStmt) stmt = prepare_stream (conn, many_sql);

    g_assert_true (_vastus_pg_stmt_is_streamed (stmt));
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        g_autofree char *words = NULL;

        n++;
        g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, n);
        words = g_strdup_printf ("row %" G_GINT64_FORMAT, n);
        g_assert_cmpstr (_vastus_column_peek (stmt, 1), ==, words);
        sum += _vastus_column_int64 (stmt, 0);
        quarters += _vastus_column_double (stmt, 2);
      }
    g_assert_cmpint (rc, ==, VASTUS_DONE);
  }
  /* 1 + … + 100,000 = 100,000 × 100,001 / 2; the quarters a quarter of that (each i / 4 and
   * every partial sum are multiples of 0.25 below 2^53: exact). */
  g_assert_cmpint (n, ==, 100000);
  g_assert_cmpint (sum, ==, G_GINT64_CONSTANT (5000050000));
  g_assert_cmpfloat (quarters, ==, 1250012500.0);
  /* The connection is free again. */
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
}

static const char *fails_sql =
  "SELECT i::int8, 10 / (i - 50000) FROM generate_series (1, 60000) AS g (i)";

/* Division by zero at row 50,000: the rows before it come in order (as many as the server sent
 * before it failed), then the step fails with the server's error, mapped as any statement's;
 * the connection works afterwards. */
static void
test_error_mid_stream (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  g_autoptr(GError) error = NULL;
  gint64 n = 0;
  int rc;

  {
    g_autoptr(VastusStmt) stmt = prepare_stream (conn, fails_sql);

    g_assert_true (_vastus_pg_stmt_is_streamed (stmt));
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, ++n);
    g_test_message ("%" G_GINT64_FORMAT " rows before the error", n);
    g_assert_cmpint (n, <, 50000);
    g_assert_cmpint (rc, !=, VASTUS_DONE);
    _vastus_conn_set_error (conn, &error, rc, "Reading");
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "division by zero"));
    g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
  }
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
}

static const char *first_sql =
  "SELECT i::int8 FROM generate_series (1, 20000) AS g (i)";
static const char *second_sql =
  "SELECT i::int8 * 2 FROM generate_series (1, 3000) AS g (i)";

/* Other statements while a stream is under way: the stream's rest is read into memory first,
 * and its steps still see every row, in order; so is a second stream's; an error at the end of
 * one set aside is the step's that reaches it. */
static void
test_set_aside (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  g_autoptr(GError) error = NULL;
  VastusStmt *first = prepare_stream (conn, first_sql);
  VastusStmt *second = prepare_stream (conn, second_sql);
  VastusStmt *fails = prepare_stream (conn, fails_sql);
  gint64 n = 0, m = 0;
  int rc;

  for (int i = 0; i < 10; i++)
    {
      g_assert_cmpint (_vastus_step (first), ==, VASTUS_ROW);
      g_assert_cmpint (_vastus_column_int64 (first, 0), ==, ++n);
    }
  /* A statement of its own, a transaction, and a second stream. */
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
  g_assert_cmpint (_vastus_conn_transaction (conn, VASTUS_TX_BEGIN_READ), ==, VASTUS_DONE);
  g_assert_true (_vastus_conn_in_transaction (conn));
  for (int i = 0; i < 5; i++)
    {
      g_assert_cmpint (_vastus_step (second), ==, VASTUS_ROW);
      g_assert_cmpint (_vastus_column_int64 (second, 0), ==, 2 * ++m);
    }
  g_assert_cmpint (_vastus_step (first), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (first, 0), ==, ++n);
  g_assert_cmpint (_vastus_conn_transaction (conn, VASTUS_TX_COMMIT), ==, VASTUS_DONE);
  while ((rc = _vastus_step (second)) == VASTUS_ROW)
    g_assert_cmpint (_vastus_column_int64 (second, 0), ==, 2 * ++m);
  g_assert_cmpint (rc, ==, VASTUS_DONE);
  g_assert_cmpint (m, ==, 3000);
  while ((rc = _vastus_step (first)) == VASTUS_ROW)
    g_assert_cmpint (_vastus_column_int64 (first, 0), ==, ++n);
  g_assert_cmpint (rc, ==, VASTUS_DONE);
  g_assert_cmpint (n, ==, 20000);

  /* Set aside with its error to come: another statement's success in between, then the error. */
  n = 0;
  g_assert_cmpint (_vastus_step (fails), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (fails, 0), ==, ++n);
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
  while ((rc = _vastus_step (fails)) == VASTUS_ROW)
    g_assert_cmpint (_vastus_column_int64 (fails, 0), ==, ++n);
  g_assert_cmpint (n, <, 50000);
  _vastus_conn_set_error (conn, &error, rc, "Reading");
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "division by zero"));

  _vastus_stmt_release (first);
  _vastus_stmt_release (second);
  _vastus_stmt_release (fails);
}

/* Released after three of 100,000 rows: the rest is read and dropped, the connection is free,
 * and the statement runs again from its first row. */
static void
test_released_early (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  VastusStmt *stmt = prepare_stream (conn, many_sql);

  for (int i = 1; i <= 3; i++)
    {
      g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
      g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, i);
    }
  _vastus_stmt_release (stmt);
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, 1);
  _vastus_stmt_release (stmt);
}

static const char *long_sql =
  "SELECT i::int8, repeat ('x', 100) FROM (SELECT generate_series (1, 5000000) AS i) AS g";

/* The server hangs mid-stream (SIGSTOP): the rows already on their way are read, then the step
 * gives up at the deadline for the server's silence, as a lost connection, instead of waiting for
 * ever; once the server answers again, the next statement connects again by itself. */
static void
test_hung_mid_stream (void)
{
  g_autoptr(VastusConn) conn = open_conn ();
  g_autoptr(GError) error = NULL;
  VastusStmt *stmt = prepare_stream (conn, long_sql);
  gint64 n = 0, start, waited_ms;
  int rc;

  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  fault_pg_test_server ("pause");
  start = g_get_monotonic_time ();
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_assert_cmpint (_vastus_column_int64 (stmt, 0), ==, ++n + 1);
  waited_ms = (g_get_monotonic_time () - start) / 1000;
  fault_pg_test_server ("resume");
  g_test_message ("hung mid-stream: %" G_GINT64_FORMAT " more rows, then gave up after %"
                  G_GINT64_FORMAT " ms", n, waited_ms);
  g_assert_cmpint (n, <, 5000000 - 1);
  _vastus_conn_set_error (conn, &error, rc, "Reading");
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "the server did not answer in time"));
  g_assert_cmpint (waited_ms, >=, DEADLINE_MS - 10);
  g_assert_cmpint (waited_ms, <, 4 * DEADLINE_MS);
  _vastus_stmt_release (stmt);
  g_assert_cmpint (query_int (conn, "SELECT 6 * 7"), ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("VASTUS_TEST_PG") == NULL)
    g_error ("test-pg-stream runs on a server (build-aux/pg-test-server run)");
  g_setenv ("VASTUS_SERVER_DEADLINE_MS", G_STRINGIFY (DEADLINE_MS), TRUE);
  g_test_add_func ("/pg-stream/types", test_types);
  g_test_add_func ("/pg-stream/not-streamed", test_not_streamed);
  g_test_add_func ("/pg-stream/empty-and-many", test_empty_and_many);
  g_test_add_func ("/pg-stream/error-mid-stream", test_error_mid_stream);
  g_test_add_func ("/pg-stream/set-aside", test_set_aside);
  g_test_add_func ("/pg-stream/released-early", test_released_early);
  g_test_add_func ("/pg-stream/hung-mid-stream", test_hung_mid_stream);
  return g_test_run ();
}
