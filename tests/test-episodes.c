/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Episodes of care: when each began, which one is in force on a date, and that nothing of one
 * episode reaches another's indices, baselines, criteria, charts or report. The dates and
 * indices are worked out by hand in the comments.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "storage-test-util.h"
#include "clinical-fixture.h"
#include "vastus-chart-builder.h"
#include "vastus-criteria-store.h"
#include "vastus-report-data.h"
#include "vastus-symmetry.h"

#define EPS 1e-9

/* Start dates */

typedef struct
{
  const char *injury, *surgery, *first_visit, *recorded;
  const char *start;    /* expected; NULL: none */
} StartCase;

static void
set_date (GDate      *date,
          const char *text)
{
  if (text != NULL)
    *date = fx_date (text);
}

static VastusEpisode *
make_episode (gint64      id,
              const char *injury,
              const char *surgery,
              const char *first_visit,
              const char *recorded)
{
  VastusEpisode *e = vastus_episode_new ();

  e->id = id;
  set_date (&e->injury_date, injury);
  set_date (&e->surgery_date, surgery);
  set_date (&e->first_visit, first_visit);
  set_date (&e->recorded, recorded);
  return e;
}

static void
test_start_date (void)
{
  static const StartCase cases[] = {
    /* the earliest of injury, surgery and first visit */
    { "2025-01-10", "2025-03-03", "2025-02-20", "2025-01-12", "2025-01-10" },
    /* a pre-operative visit before the surgery starts the episode */
    { NULL, "2025-03-03", "2025-02-20", "2025-02-01", "2025-02-20" },
    /* a surgery without visits yet */
    { NULL, "2026-05-01", NULL, "2026-04-01", "2026-05-01" },
    /* a pain that came on gradually: no dates, its first visit */
    { NULL, NULL, "2024-06-01", "2024-05-30", "2024-06-01" },
    /* nothing but the day it was entered */
    { NULL, NULL, NULL, "2024-05-30", "2024-05-30" },
    /* an injury after the first visit (recorded late) still does not move the start later */
    { "2024-07-01", NULL, "2024-06-01", NULL, "2024-06-01" },
    /* not stored, no dates */
    { NULL, NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StartCase *c = &cases[i];
      g_autoptr(VastusEpisode) e = make_episode (1, c->injury, c->surgery, c->first_visit, c->recorded);
      const GDate *start = vastus_episode_get_start_date (e);

      g_test_message ("case %u", i);
      if (c->start == NULL)
        g_assert_null (start);
      else
        fx_assert_date (start, c->start);
    }
}

/* In force */

typedef struct
{
  const char *as_of;
  gint64      expected;    /* the episode's id; 0: none */
} InForceCase;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return vastus_episode_compare_newest_first (*(VastusEpisode **) a, *(VastusEpisode **) b);
}

static void
test_in_force (void)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_episode_free);
  /* 1: right ACLR, began at its pre-operative visit 2025-02-20 (surgery 2025-03-03);
   * 2: left ACLR, began at its surgery 2026-05-01;
   * 3 and 4: both entered on 2026-08-01 without dates or visits (a tie: the higher id). */
  static const InForceCase cases[] = {
    { "2025-02-19", 0 },    /* before anything began */
    { "2025-02-20", 1 },    /* the day the first began counts */
    { "2025-09-01", 1 },    /* the reproducer's date: the 2025 episode, not the 2026 one */
    { "2026-04-30", 1 },
    { "2026-05-01", 2 },
    { "2026-07-31", 2 },
    { "2026-08-01", 4 },
    { "2030-01-01", 4 },
  };

  g_ptr_array_add (episodes, make_episode (2, NULL, "2026-05-01", NULL, "2026-04-20"));
  g_ptr_array_add (episodes, make_episode (1, NULL, "2025-03-03", "2025-02-20", "2025-02-20"));
  g_ptr_array_add (episodes, make_episode (4, NULL, NULL, NULL, "2026-08-01"));
  g_ptr_array_add (episodes, make_episode (3, NULL, NULL, NULL, "2026-08-01"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate on = fx_date (cases[i].as_of);
      const VastusEpisode *e = vastus_episode_in_force (episodes, &on);

      g_test_message ("as of %s", cases[i].as_of);
      if (cases[i].expected == 0)
        g_assert_null (e);
      else
        {
          g_assert_nonnull (e);
          g_assert_cmpint (e->id, ==, cases[i].expected);
        }
    }

  /* Newest first: 4, 3 (the same day, the lower id after), 2, 1. */
  g_ptr_array_sort (episodes, compare_newest_first);
  for (guint i = 0; i < episodes->len; i++)
    g_assert_cmpint (((VastusEpisode *) episodes->pdata[i])->id, ==, 4 - (gint64) i);
}

/* Two episodes of opposite knees, stored */

typedef struct
{
  char           *dir;
  VastusDatabase *db;
  gint64          right;   /* right ACLR 2025 */
  gint64          left;    /* left ACLR 2026 */
  gint64          patient;
} Fixture;

static VastusVisit *
stored_visit (Fixture    *f,
              gint64      episode,
              const char *date)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->episode_id = episode;
  visit->date = fx_date (date);
  return visit;
}

static void
add_quadriceps (VastusVisit *visit,
                double       left,
                double       right,
                gboolean     baseline)
{
  VastusMeasurement *l = vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_LEFT, 1, left, "Nm");
  VastusMeasurement *r = vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, right, "Nm");

  l->baseline = r->baseline = baseline;
  vastus_visit_add_measurement (visit, l);
  vastus_visit_add_measurement (visit, r);
}

static void
insert_visit (Fixture     *f,
              VastusVisit *visit)
{
  g_autoptr(GError) error = NULL;

  vastus_database_insert_visit (f->db, visit, &error);
  g_assert_no_error (error);
  vastus_visit_free (visit);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusEpisode) right = vastus_episode_new ();
  g_autoptr(VastusEpisode) left = vastus_episode_new ();
  g_autofree char *path = NULL;
  VastusVisit *v;

  f->dir = g_dir_make_tmp ("vastus-episodes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  /* On a server (storage-test-util.h), a new database there. */
  f->db = storage_test_on_server () ? storage_test_open () : vastus_database_open (path, &error);
  g_assert_no_error (error);

  p->mrn = g_strdup ("TWO-KNEES");
  p->name = g_strdup ("Ana Lima");
  p->sex = VASTUS_SEX_FEMALE;
  vastus_database_insert_patient (f->db, p, &error);
  g_assert_no_error (error);

  f->patient = right->patient_id = left->patient_id = p->id;
  right->condition = left->condition = VASTUS_CONDITION_ACLR;
  right->involved_side = VASTUS_SIDE_RIGHT;
  right->surgery_date = fx_date ("2025-03-03");
  left->involved_side = VASTUS_SIDE_LEFT;
  left->surgery_date = fx_date ("2026-05-04");
  vastus_database_insert_episode (f->db, right, &error);
  g_assert_no_error (error);
  vastus_database_insert_episode (f->db, left, &error);
  g_assert_no_error (error);
  f->right = right->id;
  f->left = left->id;

  /* Right knee: pre-operative baselines (right 180, left 200 Nm), then 26 weeks after surgery
   * left 200, right 190. */
  v = stored_visit (f, f->right, "2025-02-20");
  add_quadriceps (v, 200, 180, TRUE);
  insert_visit (f, v);
  v = stored_visit (f, f->right, "2025-09-01");
  add_quadriceps (v, 200, 190, FALSE);
  insert_visit (f, v);
  /* Left knee: 18 weeks after surgery left 150, right 200; no baseline of its own. */
  v = stored_visit (f, f->left, "2026-09-07");
  add_quadriceps (v, 150, 200, FALSE);
  insert_visit (f, v);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->db);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static VastusHistory *
history_on (Fixture    *f,
            const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate on = fx_date (as_of);
  VastusHistory *history = vastus_database_load_patient_history (f->db, "TWO-KNEES", 0, &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  return history;
}

typedef struct
{
  const char *as_of;
  gboolean    right;       /* the right knee's episode, else the left's */
  guint       n_visits;
} LoadCase;

static void
test_stored_in_force (Fixture       *f,
                      gconstpointer  data)
{
  static const LoadCase cases[] = {
    { "2025-02-20", TRUE, 2 },     /* the pre-operative visit began the first episode */
    { "2025-09-01", TRUE, 2 },
    { "2026-05-03", TRUE, 2 },     /* the day before the second surgery */
    { "2026-05-04", FALSE, 1 },
    { "2026-09-07", FALSE, 1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(VastusHistory) none = NULL;
  GDate before = fx_date ("2025-02-19");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = history_on (f, cases[i].as_of);

      g_test_message ("as of %s", cases[i].as_of);
      g_assert_cmpint (h->episode->id, ==, cases[i].right ? f->right : f->left);
      g_assert_cmpuint (h->visits->len, ==, cases[i].n_visits);
    }

  /* Read from storage: the first visit, and the list newest first. */
  episodes = vastus_database_list_episodes (f->db, f->patient, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 2);
  g_assert_cmpint (((VastusEpisode *) episodes->pdata[0])->id, ==, f->left);
  fx_assert_date (&((VastusEpisode *) episodes->pdata[1])->first_visit, "2025-02-20");
  fx_assert_date (vastus_episode_get_start_date (episodes->pdata[1]), "2025-02-20");
  fx_assert_date (&((VastusEpisode *) episodes->pdata[0])->first_visit, "2026-09-07");
  fx_assert_date (vastus_episode_get_start_date (episodes->pdata[0]), "2026-05-04");

  /* Before either began, and an episode that is not the patient's. */
  none = vastus_database_load_patient_history (f->db, "TWO-KNEES", 0, &before, &error);
  g_assert_null (none);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2025-02-19"));
  g_assert_nonnull (strstr (error->message, "2025-02-20"));
  g_clear_error (&error);
  none = vastus_database_load_patient_history (f->db, "TWO-KNEES", f->left + 100, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* --episode wins over the date. */
  none = vastus_database_load_patient_history (f->db, "TWO-KNEES", f->right, &before, &error);
  g_assert_no_error (error);
  g_assert_cmpint (none->episode->id, ==, f->right);
}

static void
test_no_leak (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VastusHistory) right = history_on (f, "2025-09-01");
  g_autoptr(VastusHistory) left = history_on (f, "2026-09-07");
  g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI, "quadriceps_mvic",
                                                       VASTUS_COMPARATOR_GE, 90, "%");
  g_autoptr(VastusEvaluation) ev_right = NULL;
  g_autoptr(VastusEvaluation) ev_left = NULL;
  g_autoptr(VastusSymmetryChartData) chart_right = NULL;
  g_autoptr(VastusSymmetryChartData) chart_left = NULL;
  const char *codes[] = { "quadriceps_mvic", NULL };
  GDate as_of;
  VastusSymmetry s;

  /* Right knee at 26 weeks: involved right 190, uninvolved left 200: LSI 95 %; EPIC 190 / the
   * left's pre-operative 200 = 95 %. */
  g_assert_true (vastus_symmetry_compute (right, 1, "quadriceps_mvic", &s));
  g_assert_cmpfloat_with_epsilon (s.lsi, 95.0, EPS);
  g_assert_cmpfloat_with_epsilon (s.epic, 95.0, EPS);
  /* Left knee: involved left 150, uninvolved right 200: LSI 75 %. Its uninvolved (right) knee
   * has no baseline in this episode: no EPIC. The right knee's pre-operative 180 Nm belongs to
   * the other episode: had it leaked, EPIC would read 150 / 180 = 83.3 %. */
  g_assert_true (vastus_symmetry_compute (left, 0, "quadriceps_mvic", &s));
  g_assert_cmpfloat_with_epsilon (s.lsi, 75.0, EPS);
  g_assert_true (isnan (s.epic));
  g_assert_true (isnan (vastus_history_baseline (left, "quadriceps_mvic", VASTUS_SIDE_RIGHT, NULL, NULL)));

  /* The reproducer: evaluated as of 2025-09-01, the first episode is read, measured that day,
   * 182 days = 26.0 weeks after its surgery (2025-03-03 + 182 days = 2025-09-01). */
  as_of = fx_date ("2025-09-01");
  ev_right = vastus_evaluate (right, set, &as_of, NULL);
  g_assert_cmpfloat_with_epsilon (ev_right->weeks_since_surgery, 26.0, EPS);
  g_assert_cmpint (fx_result (ev_right, "c")->status, ==, VASTUS_STATUS_MET);
  g_assert_cmpfloat_with_epsilon (fx_result (ev_right, "c")->value, 95.0, EPS);
  fx_assert_date (&fx_result (ev_right, "c")->visit_date, "2025-09-01");
  /* And the second as of its visit: 75 % not met, from its own visit only: first_met unset
   * (the first episode's 95 % on 2025-09-01 is not a met run of this one). */
  as_of = fx_date ("2026-09-07");
  ev_left = vastus_evaluate (left, set, &as_of, NULL);
  g_assert_cmpint (fx_result (ev_left, "c")->status, ==, VASTUS_STATUS_NOT_MET);
  g_assert_cmpfloat_with_epsilon (fx_result (ev_left, "c")->value, 75.0, EPS);
  /* 2026-05-04 + 126 days = 2026-09-07: 18.0 weeks. */
  g_assert_cmpfloat_with_epsilon (ev_left->weeks_since_surgery, 18.0, EPS);

  /* Charts: each episode's own visits. Right: pre-operative 180 / 200 = 90 %, then 95 %;
   * left: 75 % alone. */
  chart_right = vastus_chart_build_symmetry (right, codes, NULL);
  g_assert_cmpuint (chart_right->time.n_visits, ==, 2);
  g_assert_cmpfloat_with_epsilon (((VastusChartSeries *) chart_right->series->pdata[0])->values[0], 90.0, EPS);
  g_assert_cmpfloat_with_epsilon (((VastusChartSeries *) chart_right->series->pdata[0])->values[1], 95.0, EPS);
  chart_left = vastus_chart_build_symmetry (left, codes, NULL);
  g_assert_cmpuint (chart_left->time.n_visits, ==, 1);
  g_assert_cmpfloat_with_epsilon (((VastusChartSeries *) chart_left->series->pdata[0])->values[0], 75.0, EPS);
}

/* The report picks the episode in force on its date, or the one named. */
static void
test_report_episode (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *date; gint64 *episode; gboolean named_right; } cases[] = {
    { "2025-09-01", NULL, FALSE },
    { "2026-09-07", NULL, FALSE },
    { "2026-09-07", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusReportData) report = NULL;
      VastusReportOptions options = { 0 };
      GDate date = fx_date (cases[i].date);
      gint64 expected;

      options.report_date = &date;
      options.episode_id = cases[i].named_right ? f->right : 0;
      expected = cases[i].named_right || g_str_equal (cases[i].date, "2025-09-01") ? f->right : f->left;
      report = vastus_report_data_load (f->db, "TWO-KNEES", &options, &error);
      g_assert_no_error (error);
      g_assert_cmpint (report->episode_id, ==, expected);
    }

  /* The name as the clinic's preference has it (stored as "Ana Lima": given Ana, family Lima). */
  {
    static const struct { VastusNameOrder order; const char *shown; } names[] = {
      { VASTUS_NAME_ORDER_GIVEN_FAMILY, "Ana Lima" },
      { VASTUS_NAME_ORDER_FAMILY_GIVEN, "LIMA, Ana" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(VastusReportData) report = NULL;
        VastusReportOptions options = { 0 };

        options.name_order = names[i].order;
        report = vastus_report_data_load (f->db, "TWO-KNEES", &options, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (report->patient_name, ==, names[i].shown);
        g_assert_nonnull (strstr (report->title, names[i].shown));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  /* "Today" for what has no date of its own: after both episodes began. */
  g_setenv ("VASTUS_TODAY", "2026-10-01", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clinical/episodes/start-date", test_start_date);
  g_test_add_func ("/clinical/episodes/in-force", test_in_force);
  g_test_add ("/clinical/episodes/stored-in-force", Fixture, NULL, fixture_set_up,
              test_stored_in_force, fixture_tear_down);
  g_test_add ("/clinical/episodes/no-leak", Fixture, NULL, fixture_set_up, test_no_leak,
              fixture_tear_down);
  g_test_add ("/clinical/episodes/report", Fixture, NULL, fixture_set_up, test_report_episode,
              fixture_tear_down);
  return g_test_run ();
}
