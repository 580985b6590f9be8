/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinic's rules in its database (sql/017-clinic-rules.sql, vastus-clinic-rules-store.h), on
 * both engines: the defaults of a database that never set one, several set in one transaction
 * and audited, bad values refused naming the rule, the value and the limit with nothing saved,
 * and the table's own checks behind the store's.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-clinic-rules-store.h"

#define query_int storage_test_query_int

static VastusClinicRulebook *
read_rules (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  VastusClinicRulebook *book = vastus_database_read_clinic_rules (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (book);
  return book;
}

static void
test_defaults (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusClinicRulebook) book = read_rules (db);

  /* vastus-clinic-rules.h and vastus-caseload.h: pain 5, 12 weeks, 4 weeks, re-test after 4. */
  g_assert_false (book->stored);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 5);
  g_assert_cmpfloat (book->rules.maximal_test_weeks, ==, 12);
  g_assert_cmpfloat (book->rules.max_age_weeks, ==, 4);
  g_assert_cmpuint (book->retest_weeks, ==, 4);
  for (guint i = 0; i < VASTUS_N_CONDITIONS; i++)
    g_assert_null (vastus_clinic_rulebook_default_set (book, i));
}

static void
test_set_and_audit (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusClinicRulebook) book = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "pain-flag-level", "stale-weeks", "retest-weeks",
                          "default-criteria-set:aclr" };
  const char *values[] = { "7", "0", "52", "aclr-return-to-running" };
  const char *again_names[] = { "pain-flag-level", "default-criteria-set:aclr" };
  const char *again_values[] = { "0", "" };
  gint64 audit_before = query_int (db, "SELECT count (*) FROM audit_log");

  g_assert_true (vastus_database_set_clinic_rules (db, G_N_ELEMENTS (names), names, values,
                                                   &error));
  g_assert_no_error (error);
  book = read_rules (db);
  g_assert_true (book->stored);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 7);
  g_assert_cmpfloat (book->rules.max_age_weeks, ==, 0);
  g_assert_cmpuint (book->retest_weeks, ==, 52);
  /* Not set: still the default. */
  g_assert_cmpfloat (book->rules.maximal_test_weeks, ==, 12);
  g_assert_cmpstr (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_ACLR), ==,
                   "aclr-return-to-running");
  g_assert_null (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_PFP));
  /* One audit row per rule inserted. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_before + 4);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'clinic_rule'"
                                  " AND operation = 'insert'"), ==, 4);

  /* Changed again: two updates, and "" brings back the built-in set. */
  g_assert_true (vastus_database_set_clinic_rules (db, G_N_ELEMENTS (again_names), again_names,
                                                   again_values, &error));
  g_assert_no_error (error);
  g_clear_pointer (&book, vastus_clinic_rulebook_free);
  book = read_rules (db);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 0);
  g_assert_null (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_ACLR));
  g_assert_true (book->stored);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE table_name = 'clinic_rule'"
                                  " AND operation = 'update'"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM clinic_rule"), ==, 4);
}

/* Each refusal comes with a good rule before it, which must not be saved either. */
static void
assert_refused (VastusDatabase *db,
                const char     *name,
                const char     *value,
                const char     *words[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusClinicRulebook) book = NULL;
  const char *names[] = { "maximal-test-weeks", name };
  const char *values[] = { "6", value };

  g_assert_false (vastus_database_set_clinic_rules (db, 2, names, values, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (error->message, words[i]) == NULL)
      g_error ("“%s” does not name “%s”", error->message, words[i]);
  book = read_rules (db);
  g_assert_false (book->stored);
  g_assert_cmpfloat (book->rules.maximal_test_weeks, ==, 12);
}

static void
test_refused (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  gint64 audit_before = query_int (db, "SELECT count (*) FROM audit_log");

  /* The limits of the preferences: pain 0–10, stale 0–104, maximal 0–52, re-test 1–52. */
  assert_refused (db, "pain-flag-level", "11", (const char *[]) { "pain-flag-level", "11", "0 to 10", NULL });
  assert_refused (db, "pain-flag-level", "-1", (const char *[]) { "pain-flag-level", "-1", "0 to 10", NULL });
  assert_refused (db, "stale-weeks", "105", (const char *[]) { "stale-weeks", "105", "0 to 104", NULL });
  assert_refused (db, "maximal-test-weeks", "53", (const char *[]) { "maximal-test-weeks", "53", "0 to 52", NULL });
  assert_refused (db, "retest-weeks", "0", (const char *[]) { "retest-weeks", "“0”", "1 to 52", NULL });
  assert_refused (db, "retest-weeks", "4.5", (const char *[]) { "retest-weeks", "4.5", "1 to 52", NULL });
  assert_refused (db, "retest-weeks", "", (const char *[]) { "retest-weeks", "1 to 52", NULL });
  assert_refused (db, "default-criteria-set:aclr", "no-such-set",
                  (const char *[]) { "default-criteria-set:aclr", "no-such-set", NULL });
  assert_refused (db, "default-criteria-set:knee", "aclr-return-to-sport",
                  (const char *[]) { "default-criteria-set:knee", NULL });
  assert_refused (db, "pain-limit", "5", (const char *[]) { "pain-limit", NULL });
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_before);
}

/* The table refuses what the store would, whoever writes it. */
/* The one-time move of a workstation's preferences: only where the clinic has no value yet,
 * a set the clinic does not have left out, each row written audited. */
static void
test_adopt (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusClinicRulebook) book = NULL;
  g_autoptr(GError) error = NULL;
  const char *set_names[] = { "pain-flag-level" };
  const char *set_values[] = { "8" };
  const char *names[] = { "pain-flag-level", "retest-weeks", "default-criteria-set:pfp",
                          "default-criteria-set:aclr" };
  const char *values[] = { "3", "10", "no-such-set", "aclr-late-phase" };
  const char *bad_names[] = { "stale-weeks" };
  const char *bad_values[] = { "105" };
  gint64 audit_before;
  guint n_adopted = 99;

  g_assert_true (vastus_database_set_clinic_rules (db, 1, set_names, set_values, &error));
  g_assert_no_error (error);
  audit_before = query_int (db, "SELECT count (*) FROM audit_log");
  /* Pain is the clinic's already (8), the PFP set does not exist: 2 adopted, 2 audit rows. */
  g_assert_true (vastus_database_adopt_clinic_rules (db, G_N_ELEMENTS (names), names, values,
                                                     &n_adopted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_adopted, ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_before + 2);
  book = read_rules (db);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 8);
  g_assert_cmpuint (book->retest_weeks, ==, 10);
  g_assert_null (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_PFP));
  g_assert_cmpstr (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_ACLR), ==,
                   "aclr-late-phase");
  /* Again: all present, nothing written. */
  g_assert_true (vastus_database_adopt_clinic_rules (db, G_N_ELEMENTS (names), names, values,
                                                     &n_adopted, &error));
  g_assert_cmpuint (n_adopted, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_before + 2);
  /* A number outside its limits is left out too (the preferences' own range keeps it in). */
  g_assert_true (vastus_database_adopt_clinic_rules (db, 1, bad_names, bad_values, &n_adopted,
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_adopted, ==, 0);
}

static void
test_table_checks (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  const char *refused[] = {
    "INSERT INTO clinic_rule (name, number_value) VALUES ('pain-flag-level', 11)",
    "INSERT INTO clinic_rule (name, number_value) VALUES ('stale-weeks', 105)",
    "INSERT INTO clinic_rule (name, number_value) VALUES ('maximal-test-weeks', 53)",
    "INSERT INTO clinic_rule (name, number_value) VALUES ('retest-weeks', 0)",
    "INSERT INTO clinic_rule (name, number_value) VALUES ('retest-weeks', NULL)",
    "INSERT INTO clinic_rule (name, number_value) VALUES ('no-rule', 1)",
    "INSERT INTO clinic_rule (name, text_value) VALUES ('default-criteria-set:knee', 'x')",
    "INSERT INTO clinic_rule (name, number_value, text_value) VALUES ('default-criteria-set:pfp', 1, 'x')",
  };
  int code = 0;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      if (storage_test_exec (db, refused[i], &code))
        g_error ("the table took %s", refused[i]);
      g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
    }
  /* At the limits, the table takes them. */
  g_assert_true (storage_test_exec (db, "INSERT INTO clinic_rule (name, number_value) "
                                        "VALUES ('stale-weeks', 104)", NULL));
  g_assert_true (storage_test_exec (db, "INSERT INTO clinic_rule (name, number_value) "
                                        "VALUES ('retest-weeks', 1)", NULL));
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM clinic_rule"), ==, 2);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/storage/clinic-rules/defaults", test_defaults);
  g_test_add_func ("/storage/clinic-rules/set-and-audit", test_set_and_audit);
  g_test_add_func ("/storage/clinic-rules/refused", test_refused);
  g_test_add_func ("/storage/clinic-rules/table-checks", test_table_checks);
  g_test_add_func ("/storage/clinic-rules/adopt", test_adopt);
  return g_test_run ();
}
