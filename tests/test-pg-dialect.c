/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PostgreSQL dialect (src/storage/postgresql/vastus-pg-dialect.c): one test per rewrite, SQL
 * in and SQL out, each expected text worked out by hand from the rule it tests.
 */
#include "config.h"

#include <string.h>

#include "vastus-database.h"
#include "vastus-pg-conn.h"

static void
assert_rewrite (const char *sql,
                const char *expected,
                gboolean    expected_returning_id)
{
  gboolean returning_id = !expected_returning_id;
  g_autofree char *out = _vastus_pg_dialect_rewrite (sql, &returning_id);

  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (returning_id, ==, expected_returning_id);
}

static void
test_placeholders (void)
{
  /* ?N → $N; a bare ? is one more than the largest before it; a '?' in a literal stays. */
  assert_rewrite ("SELECT a FROM t WHERE b = ?2 AND c = ? AND d = '?'",
                  "SELECT a FROM t WHERE b = $2 AND c = $3 AND d = '?'", FALSE);
}

static void
test_now (void)
{
  assert_rewrite ("UPDATE t SET at = " VASTUS_SQL_NOW " WHERE id = ?1",
                  "UPDATE t SET at = vastus_now () WHERE id = $1", FALSE);
}

static void
test_nocase (void)
{
  /* The operand before COLLATE NOCASE, dotted name included, is folded in the C collation. */
  assert_rewrite ("SELECT id FROM patient p ORDER BY p.family_name " VASTUS_SQL_NOCASE ", p.id",
                  "SELECT id FROM patient p ORDER BY lower (p.family_name COLLATE \"C\"), p.id",
                  FALSE);
  assert_rewrite ("SELECT id FROM t ORDER BY CASE b WHEN 0 THEN name " VASTUS_SQL_NOCASE " END",
                  "SELECT id FROM t ORDER BY CASE b WHEN 0 THEN lower (name COLLATE \"C\") END",
                  FALSE);
}

static void
test_actor (void)
{
  assert_rewrite ("UPDATE visit SET deleted_by = vastus_actor () WHERE id = ?1",
                  "UPDATE visit SET deleted_by = session_user WHERE id = $1", FALSE);
}

static void
test_cross_join (void)
{
  assert_rewrite ("SELECT 1 FROM a CROSS JOIN b ON b.id = a.id",
                  "SELECT 1 FROM a JOIN b ON b.id = a.id", FALSE);
}

static void
test_or_ignore (void)
{
  assert_rewrite ("INSERT OR IGNORE INTO study_code (patient_id, code) VALUES (?1, ?2)",
                  "INSERT INTO study_code (patient_id, code) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                  FALSE);
}

static void
test_or_replace (void)
{
  /* Every column but the key's is set from the row that was refused. */
  assert_rewrite ("INSERT OR REPLACE INTO patient_name_review (patient_id, written, reason) "
                  "VALUES (?1, ?2, ?3)",
                  "INSERT INTO patient_name_review (patient_id, written, reason) VALUES ($1, $2, $3) "
                  "ON CONFLICT (patient_id) DO UPDATE SET written = excluded.written, "
                  "reason = excluded.reason", FALSE);
  /* visit_draft's key is its unique index's expression; it has an identity id. */
  assert_rewrite ("INSERT OR REPLACE INTO visit_draft (episode_id, visit_id, state) VALUES (?1, ?2, ?3)",
                  "INSERT INTO visit_draft (episode_id, visit_id, state) VALUES ($1, $2, $3) "
                  "ON CONFLICT (episode_id, coalesce (visit_id, 0)) DO UPDATE SET "
                  "visit_id = excluded.visit_id, state = excluded.state RETURNING id", TRUE);
}

static void
test_null_id (void)
{
  /* A NULL id takes the identity's next value; the new id comes back. */
  assert_rewrite ("INSERT INTO visit (id, date, episode_id) VALUES (?1, ?2, ?3)",
                  "INSERT INTO visit (id, date, episode_id) VALUES (coalesce ($1, nextval "
                  "(pg_get_serial_sequence ('visit', 'id'))), $2, $3) RETURNING id", TRUE);
  /* A table without an identity id is left alone. */
  assert_rewrite ("INSERT INTO clinic_pin (id, hash) VALUES (?1, ?2)",
                  "INSERT INTO clinic_pin (id, hash) VALUES ($1, $2)", FALSE);
}

static void
test_returning (void)
{
  assert_rewrite ("INSERT INTO questionnaire (visit_id, instrument) VALUES (?1, ?2)",
                  "INSERT INTO questionnaire (visit_id, instrument) VALUES ($1, $2) RETURNING id",
                  TRUE);
  /* A statement with its own RETURNING keeps it (the engine reads its id column). */
  assert_rewrite ("INSERT INTO report (actor) VALUES (?1) RETURNING id, created_at",
                  "INSERT INTO report (actor) VALUES ($1) RETURNING id, created_at", FALSE);
}

static void
test_limit (void)
{
  /* −1 bound for "no limit" is NULL, PostgreSQL's; a literal LIMIT -1 is LIMIT ALL. */
  assert_rewrite ("SELECT id FROM t LIMIT ?10 OFFSET ?11",
                  "SELECT id FROM t LIMIT nullif ($10::bigint, -1) OFFSET $11", FALSE);
  assert_rewrite ("SELECT id FROM t LIMIT -1 OFFSET 2", "SELECT id FROM t LIMIT ALL OFFSET 2",
                  FALSE);
}

static void
test_json_each (void)
{
  assert_rewrite ("SELECT w.item, a.value FROM questionnaire_wording w "
                  "LEFT JOIN json_each (w.answers) a WHERE w.instrument = ?1 ORDER BY w.item, a.key",
                  "SELECT w.item, a.value FROM questionnaire_wording w "
                  "LEFT JOIN LATERAL json_array_elements_text ((w.answers)::json) WITH ORDINALITY "
                  "AS a (value, key) ON TRUE WHERE w.instrument = $1 ORDER BY w.item, a.key",
                  FALSE);
}

static void
test_storage_order (void)
{
  /* The table read as it lies: the closing ORDER BY on the rowid goes, nothing else. */
  assert_rewrite ("SELECT m.id FROM measurement m WHERE m.deleted_at IS NULL "
                  VASTUS_SQL_STORAGE_ORDER ("m"),
                  "SELECT m.id FROM measurement m WHERE m.deleted_at IS NULL", FALSE);
  /* An order by a real column stays, as does a rowid that is not the statement's end. */
  assert_rewrite ("SELECT v.id FROM visit v ORDER BY v.id", "SELECT v.id FROM visit v ORDER BY v.id",
                  FALSE);
  assert_rewrite ("SELECT v.id FROM visit v ORDER BY v.rowid, v.id",
                  "SELECT v.id FROM visit v ORDER BY v.rowid, v.id", FALSE);
  assert_rewrite ("SELECT v.id FROM visit v ORDER BY v.date, x.rowid",
                  "SELECT v.id FROM visit v ORDER BY v.date, x.rowid", FALSE);
}

/* Where the data lives, as a window's title says it: never with a password. */
static void
test_describe (void)
{
  struct { const char *path, *label, *detail; } cases[] = {
    { "/home/anna/.local/share/io.github.vastus.Vastus/vastus.db", "vastus.db",
      "/home/anna/.local/share/io.github.vastus.Vastus/vastus.db" },
    { "postgresql://anna:secret@db.clinic.example:5433/rehab", "rehab on db.clinic.example",
      "postgresql://anna@db.clinic.example:5433/rehab" },
    { "postgres://db.clinic.example/rehab?sslmode=verify-full", "rehab on db.clinic.example",
      "postgres://db.clinic.example/rehab?sslmode=verify-full" },
    /* A Unix socket's folder, or localhost: this computer. */
    { "postgresql:///rehab?host=/run/postgresql", "rehab on this computer’s server",
      "postgresql:///rehab?host=/run/postgresql" },
    { "postgresql://localhost/rehab", "rehab on this computer’s server",
      "postgresql://localhost/rehab" },
    /* No database named: the server's default. */
    { "postgresql://db.clinic.example", "the clinic database on db.clinic.example",
      "postgresql://db.clinic.example" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detail = NULL;
      g_autofree char *label = vastus_database_describe (cases[i].path, &detail);

      g_assert_cmpstr (label, ==, cases[i].label);
      g_assert_cmpstr (detail, ==, cases[i].detail);
      g_assert_null (strstr (detail, "secret"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-dialect/placeholders", test_placeholders);
  g_test_add_func ("/pg-dialect/now", test_now);
  g_test_add_func ("/pg-dialect/nocase", test_nocase);
  g_test_add_func ("/pg-dialect/actor", test_actor);
  g_test_add_func ("/pg-dialect/cross-join", test_cross_join);
  g_test_add_func ("/pg-dialect/or-ignore", test_or_ignore);
  g_test_add_func ("/pg-dialect/or-replace", test_or_replace);
  g_test_add_func ("/pg-dialect/null-id", test_null_id);
  g_test_add_func ("/pg-dialect/returning", test_returning);
  g_test_add_func ("/pg-dialect/limit", test_limit);
  g_test_add_func ("/pg-dialect/json-each", test_json_each);
  g_test_add_func ("/pg-dialect/storage-order", test_storage_order);
  g_test_add_func ("/pg-dialect/describe", test_describe);

  return g_test_run ();
}
