/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload through the clinic: read on a worker (SQL on the main thread aborts: the
 * environment sets VASTUS_MAIN_THREAD_SQL=abort), delivered as a list of VastusCaseloadItem
 * without holding up the main loop, with the as-of date and the re-test interval passed through,
 * and cancellable.
 */
#include <math.h>

#include "clinic-test-util.h"
#include "vastus-caseload-item.h"
#include "vastus-value.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
date_of (GDate      *out,
         const char *text)
{
  g_assert_true (vastus_date_parse (text, out, NULL));
}

static void
add_one (VastusDatabase *db,
         const char     *mrn,
         const char     *given,
         VastusCondition condition,
         const char     *surgery,
         const char     *therapist,
         const char     *visit_date)
{
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(VastusVisit) v = vastus_visit_new ();
  g_autoptr(GError) error = NULL;

  p->mrn = g_strdup (mrn);
  p->family_name = g_strdup ("Test");
  p->given_name = g_strdup (given);
  g_assert_true (vastus_database_insert_patient (db, p, &error));
  g_assert_no_error (error);
  e->patient_id = p->id;
  e->condition = condition;
  e->involved_side = VASTUS_SIDE_LEFT;
  if (surgery != NULL)
    date_of (&e->surgery_date, surgery);
  e->treating_therapist = g_strdup (therapist);
  g_assert_true (vastus_database_insert_episode (db, e, &error));
  g_assert_no_error (error);
  v->episode_id = e->id;
  date_of (&v->date, visit_date);
  g_assert_true (vastus_database_insert_visit (db, v, &error));
  g_assert_no_error (error);
}

static void
write_fixture (VastusDatabase *db,
               gpointer        user_data)
{
  add_one (db, "CC-1", "Ada", VASTUS_CONDITION_ACLR, "2025-12-01", "R. Osei", "2026-02-02");
  add_one (db, "CC-2", "Bo", VASTUS_CONDITION_PFP, NULL, "M. Lind", "2026-02-20");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-clinic-caseload-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  clinic_test_in_thread (f->path, write_fixture, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GListModel *
read_caseload (VastusClinic *clinic,
               const char   *as_of,
               guint         retest_weeks)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  GDate date;

  date_of (&date, as_of);
  vastus_clinic_list_caseload_async (clinic, &date, NULL, retest_weeks, NULL, NULL,
                                     clinic_test_result_cb, &slot);
  result = clinic_test_take_result (clinic, &slot);
  model = vastus_clinic_list_caseload_finish (clinic, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static const VastusCaseloadRow *
row_at (GListModel *model,
        guint       i)
{
  g_autoptr(VastusCaseloadItem) item = g_list_model_get_item (model, i);

  /* The model holds the item: the row lives on after this reference is dropped. */
  return vastus_caseload_item_get_row (item);
}

/* As of 2026-03-02 with a re-test after 4 weeks: Ada (last visit 2026-02-02, 28 days) is due,
 * Bo (2026-02-20, 10 days) is not; Ada is 91 days = 13 weeks after surgery. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (f->path);
  g_autoptr(GListModel) model = read_caseload (clinic, "2026-03-02", 4);

  g_assert_true (g_list_model_get_item_type (model) == VASTUS_TYPE_CASELOAD_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (row_at (model, 0)->mrn, ==, "CC-1");
  g_assert_cmpstr (row_at (model, 0)->treating_therapist, ==, "R. Osei");
  g_assert_cmpfloat_with_epsilon (row_at (model, 0)->weeks_since, 13.0, 1e-9);
  g_assert_true (row_at (model, 0)->due);
  g_assert_cmpstr (row_at (model, 1)->mrn, ==, "CC-2");
  g_assert_cmpstr (row_at (model, 1)->treating_therapist, ==, "M. Lind");
  g_assert_true (isnan (row_at (model, 1)->weeks_since));
  g_assert_false (row_at (model, 1)->due);

  /* Five weeks: Ada is not due either. */
  {
    g_autoptr(GListModel) five = read_caseload (clinic, "2026-03-02", 5);

    g_assert_false (row_at (five, 0)->due);
  }
  vastus_clinic_close (clinic);
}

/* With every storage call delayed as a clinic server would, the call returns at once and the
 * main loop keeps turning while the list is read. */
static void
test_not_blocking (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (f->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 start, returned;
  guint turns = 0;

  vastus_clinic_set_delay (clinic, 300);
  start = g_get_monotonic_time ();
  vastus_clinic_list_caseload_async (clinic, NULL, NULL, 4, NULL, NULL, clinic_test_result_cb,
                                     &slot);
  returned = g_get_monotonic_time ();
  g_assert_cmpint (returned - start, <, 100 * 1000);
  while (slot == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      turns++;
    }
  /* 300 ms of delay, a turn every millisecond or so: many turns, even on a busy machine. */
  g_assert_cmpuint (turns, >, 20);
  result = clinic_test_take_result (clinic, &slot);
  model = vastus_clinic_list_caseload_finish (clinic, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  vastus_clinic_close (clinic);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VastusClinic) clinic = clinic_test_open (f->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  vastus_clinic_set_delay (clinic, 100);
  vastus_clinic_list_caseload_async (clinic, NULL, NULL, 4, NULL, cancellable,
                                     clinic_test_result_cb, &slot);
  g_cancellable_cancel (cancellable);
  result = clinic_test_take_result (clinic, &slot);
  model = vastus_clinic_list_caseload_finish (clinic, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (model);
  vastus_clinic_close (clinic);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clinic/caseload/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/clinic/caseload/not-blocking", Fixture, NULL, fixture_setup, test_not_blocking,
              fixture_teardown);
  g_test_add ("/clinic/caseload/cancelled", Fixture, NULL, fixture_setup, test_cancelled,
              fixture_teardown);
  return g_test_run ();
}
