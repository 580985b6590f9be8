/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-model-error.h"
#include "vastus-template-store.h"
#include "vastus-value.h"

#define open_memory storage_test_open
#define query_int storage_test_query_int

/* The VASTUS_STORE_ERROR_* code of @sql's refusal (−1 when it ran). */
static int
exec (VastusDatabase *db,
      const char     *sql)
{
  int code = 0;

  return storage_test_exec (db, sql, &code) ? -1 : code;
}

static GPtrArray *
list (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = vastus_database_list_templates (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (all);
  return all;
}

static void
assert_same (const VastusTemplate *stored,
             const VastusTemplate *expected)
{
  g_assert_cmpstr (stored->code, ==, expected->code);
  g_assert_cmpstr (stored->name, ==, expected->name);
  g_assert_cmpint (stored->any_condition, ==, expected->any_condition);
  if (!expected->any_condition)
    g_assert_cmpint (stored->condition, ==, expected->condition);
  g_assert_cmpint (stored->from_week, ==, expected->from_week);
  g_assert_cmpint (stored->to_week, ==, expected->to_week);
  g_assert_cmpstr (stored->source, ==, expected->source);
  g_assert_cmpint (stored->builtin, ==, expected->builtin);
  g_assert_cmpuint (stored->measures->len, ==, expected->measures->len);
  for (guint i = 0; i < expected->measures->len; i++)
    {
      const VastusTemplateMeasure *a = g_ptr_array_index (stored->measures, i);
      const VastusTemplateMeasure *b = g_ptr_array_index (expected->measures, i);

      g_assert_cmpstr (a->measure, ==, b->measure);
      g_assert_cmpuint (a->trials, ==, b->trials);
      g_assert_cmpstr (a->unit, ==, b->unit);
    }
}

/* The migration's seeded rows are the model's built-in batteries, exactly. */
static void
test_builtins_seeded (void)
{
  g_autoptr(VastusDatabase) db = open_memory ();
  g_autoptr(GPtrArray) stored = list (db);
  g_autoptr(GPtrArray) model = vastus_template_builtins ();

  g_assert_cmpuint (stored->len, ==, model->len);
  for (guint i = 0; i < model->len; i++)
    {
      g_assert_cmpint (((VastusTemplate *) stored->pdata[i])->id, >, 0);
      assert_same (stored->pdata[i], model->pdata[i]);
    }
}

static VastusTemplate *
clinic_battery (void)
{
  VastusTemplate *t = vastus_template_new ();

  t->name = g_strdup ("  ACL 12-week battery ");
  t->any_condition = FALSE;
  t->condition = VASTUS_CONDITION_ACLR;
  t->from_week = 8;
  t->to_week = 16;
  vastus_template_add_measure (t, "quadriceps_hhd", 3, "lbf");
  vastus_template_add_measure (t, "thigh_girth_10", 1, NULL);
  vastus_template_add_measure (t, "effusion_stroke", 1, NULL);
  return t;
}

/* A clinic's battery: added, read back (before the built-in ones), changed, deleted and brought
 * back; every change audited. */
static void
test_save_and_delete (void)
{
  g_autoptr(VastusDatabase) db = open_memory ();
  g_autoptr(VastusTemplate) t = clinic_battery ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before = query_int (db, "SELECT count (*) FROM audit_log");

  g_assert_true (vastus_database_save_template (db, t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t->id, >, 0);
  /* The name as stored, without the spaces at its ends. */
  g_assert_cmpstr (t->name, ==, "ACL 12-week battery");
  all = list (db);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpint (((VastusTemplate *) all->pdata[0])->id, ==, t->id);
  assert_same (all->pdata[0], t);
  /* The battery and its three measures. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, audit_before + 4);

  /* Changed: renamed, for any condition from week 0 without end, a measure less, another more. */
  g_free (t->name);
  t->name = g_strdup ("Knee battery");
  t->any_condition = TRUE;
  t->from_week = 0;
  t->to_week = -1;
  g_ptr_array_remove_index (t->measures, 1);
  vastus_template_add_measure (t, "single_hop", 2, "in");
  g_assert_true (vastus_database_save_template (db, t, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = list (db);
  g_assert_cmpuint (all->len, ==, 4);
  assert_same (all->pdata[0], t);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template_item WHERE template_id = "
                                  "(SELECT max (id) FROM visit_template)"), ==, 3);

  /* Deleted: out of the list, kept in the database; brought back. */
  g_assert_true (vastus_database_delete_template (db, t->id, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = list (db);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_true (((VastusTemplate *) all->pdata[0])->builtin);
  g_assert_cmpint (query_int (db, "SELECT deleted FROM visit_template WHERE name = 'Knee battery'"), ==, 1);
  /* A deleted battery cannot be saved over. */
  g_assert_false (vastus_database_save_template (db, t, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (vastus_database_delete_template (db, t->id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = list (db);
  g_assert_cmpuint (all->len, ==, 4);
  assert_same (all->pdata[0], t);

  /* One that is not there. */
  g_assert_false (vastus_database_delete_template (db, 999, FALSE, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

/* What cannot be stored is not, and nothing of it is. */
static void
test_refused (void)
{
  g_autoptr(VastusDatabase) db = open_memory ();
  g_autoptr(VastusTemplate) t = clinic_battery ();
  g_autoptr(GPtrArray) builtins = list (db);
  VastusTemplate *early = builtins->pdata[0];
  g_autoptr(GError) error = NULL;
  gint64 rows = query_int (db, "SELECT count (*) FROM visit_template_item");

  /* A measure twice: the model's message. */
  vastus_template_add_measure (t, "quadriceps_hhd", 1, NULL);
  g_assert_false (vastus_database_save_template (db, t, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_TEMPLATE);
  g_assert_nonnull (strstr (error->message, "twice"));
  g_clear_error (&error);
  g_assert_cmpint (t->id, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template_item"), ==, rows);

  /* A built-in battery is neither saved, nor deleted, nor changed behind the API's back. */
  g_assert_cmpstr (early->code, ==, "aclr-early");
  g_assert_false (vastus_database_save_template (db, early, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  early->builtin = FALSE;
  g_assert_false (vastus_database_save_template (db, early, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (vastus_database_delete_template (db, early->id, FALSE, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (exec (db, "UPDATE visit_template SET name = 'x' WHERE code = 'aclr-early'"), ==,
                   VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (exec (db, "DELETE FROM visit_template_item WHERE template_id = "
                             "(SELECT id FROM visit_template WHERE code = 'aclr-early')"), ==,
                   VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (exec (db, "INSERT INTO visit_template (code, name, builtin) "
                             "VALUES ('mine', 'Mine', 1)"), ==, VASTUS_STORE_ERROR_CONSTRAINT);
  {
    g_autoptr(GPtrArray) again = list (db);
    g_autoptr(GPtrArray) model = vastus_template_builtins ();

    assert_same (again->pdata[0], model->pdata[0]);
  }
}

/* A visit names the battery it was entered with; an edit in another battery, or none, says so;
 * the visit keeps naming a battery deleted since; removing the demo data removes it too. */
static void
test_visit_battery (void)
{
  g_autoptr(VastusDatabase) db = open_memory ();
  g_autoptr(VastusTemplate) t = clinic_battery ();
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(VastusVisit) read = NULL;
  g_autoptr(GPtrArray) builtins = list (db);
  g_autoptr(GError) error = NULL;
  guint n_removed = 0;

  g_assert_true (vastus_database_save_template (db, t, &error));
  patient->mrn = g_strdup ("T-1");
  patient->family_name = g_strdup ("Battery");
  patient->given_name = g_strdup ("Tess");
  patient->demo = TRUE;
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  visit->episode_id = episode->id;
  g_assert_true (vastus_date_parse ("2024-03-01", &visit->date, NULL));
  visit->template_id = t->id;
  vastus_visit_add_measurement (visit, vastus_measurement_new ("effusion_stroke", VASTUS_SIDE_LEFT,
                                                               1, VASTUS_GRADE_TRACE, "grade"));
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);

  read = vastus_database_get_visit (db, visit->id, &error);
  g_assert_cmpint (read->template_id, ==, t->id);
  /* Edited with a built-in battery, then with every measure. */
  visit->template_id = ((VastusTemplate *) builtins->pdata[1])->id;
  g_assert_true (vastus_database_update_visit (db, visit, &error));
  g_clear_pointer (&read, vastus_visit_free);
  read = vastus_database_get_visit (db, visit->id, &error);
  g_assert_cmpint (read->template_id, ==, visit->template_id);
  visit->template_id = 0;
  g_assert_true (vastus_database_update_visit (db, visit, &error));
  {
    g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((VastusVisit *) visits->pdata[0])->template_id, ==, 0);
  }
  /* Named again, then the battery deleted: the visit still names it. */
  visit->template_id = t->id;
  g_assert_true (vastus_database_update_visit (db, visit, &error));
  g_assert_true (vastus_database_delete_template (db, t->id, FALSE, &error));
  g_clear_pointer (&read, vastus_visit_free);
  read = vastus_database_get_visit (db, visit->id, &error);
  g_assert_cmpint (read->template_id, ==, t->id);

  g_assert_true (vastus_database_remove_demo (db, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM visit_template_use"), ==, 0);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/storage/template/builtins-seeded", test_builtins_seeded);
  g_test_add_func ("/storage/template/save-and-delete", test_save_and_delete);
  g_test_add_func ("/storage/template/refused", test_refused);
  g_test_add_func ("/storage/template/visit-battery", test_visit_battery);
  return g_test_run ();
}
