/* report-fixture.h: databases for the report tests and benchmark (header only)
 *
 * The demo patients (vastus-demo.h) stored through the storage API, an old patient whose age is
 * over 89 and whose free text looks like spreadsheet formulas, and a long ACL history of any
 * number of visits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <math.h>

#include "vastus-database.h"
#include "vastus-demo.h"
#include "vastus-value.h"

#define FIXTURE_OLD_MRN   "+OLD-0092"
#define FIXTURE_OLD_NAME  "=HYPERLINK(\"http://x\";\"Edith Marsh\")"
#define FIXTURE_LONG_MRN  "LONG-0100"
#define FIXTURE_LONG_NAME "Peter Long-History"
#define FIXTURE_VERDICT_MRN "VERDICT-13"

/* A database in a temporary folder, and the report date the tests use: 1 June 2026. */
typedef struct
{
  char           *dir;
  char           *db_path;
  VastusDatabase *db;
  GDate           today;
} ReportFixture;

static inline void
report_fixture_open (ReportFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "clinic.db", NULL);
  f->db = vastus_database_open (f->db_path, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 1, G_DATE_JUNE, 2026);
}

static inline void
report_fixture_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        report_fixture_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
report_fixture_close (ReportFixture *f)
{
  g_clear_object (&f->db);
  report_fixture_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static inline void
fixture_add_days (GDate       *out,
                  const GDate *from,
                  int          days)
{
  *out = *from;
  if (days >= 0)
    g_date_add_days (out, (guint) days);
  else
    g_date_subtract_days (out, (guint) -days);
}

static inline void
fixture_insert_demo (VastusDatabase *db,
                     const GDate    *today)
{
  g_autoptr(GPtrArray) demo = vastus_demo_build (today);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < demo->len; i++)
    {
      VastusDemoPatient *p = g_ptr_array_index (demo, i);

      p->patient->demo = TRUE;
      g_assert_true (vastus_database_insert_patient (db, p->patient, &error));
      g_assert_no_error (error);
      for (guint e = 0; e < p->episodes->len; e++)
        {
          VastusDemoEpisode *de = g_ptr_array_index (p->episodes, e);

          de->episode->patient_id = p->patient->id;
          g_assert_true (vastus_database_insert_episode (db, de->episode, &error));
          g_assert_no_error (error);
          for (guint v = 0; v < de->visits->len; v++)
            {
              VastusVisit *visit = g_ptr_array_index (de->visits, v);

              visit->episode_id = de->episode->id;
              g_assert_true (vastus_database_insert_visit (db, visit, &error));
              g_assert_no_error (error);
            }
        }
    }
}

static inline void
fixture_add (VastusVisit *visit,
             const char  *code,
             VastusSide   side,
             double       value,
             const char  *unit)
{
  vastus_visit_add_measurement (visit, vastus_measurement_new (code, side, 1, value, unit));
}

/* An ACL reconstruction (left knee) followed for @n_visits weekly visits, strength recovering. */
static inline gint64
fixture_insert_acl (VastusDatabase *db,
                    const GDate    *today,
                    const char     *mrn,
                    const char     *name,
                    int             age_years,
                    guint           n_visits)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(GError) error = NULL;

  patient->mrn = g_strdup (mrn);
  patient->name = g_strdup (name);
  fixture_add_days (&patient->birth_date, today, -45);
  g_date_subtract_years (&patient->birth_date, (guint) age_years);
  patient->sex = VASTUS_SEX_FEMALE;
  patient->notes = g_strdup ("@SUM(A1:A9) lives at 4 Elm Road");
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);

  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  fixture_add_days (&episode->surgery_date, today, -7 * (int) n_visits - 3);
  episode->surgeon = g_strdup ("Dr. Q. Example");
  episode->procedure = g_strdup ("ACL reconstruction, hamstring autograft");
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_visits; i++)
    {
      g_autoptr(VastusVisit) visit = vastus_visit_new ();
      double t = (double) (i + 1) / n_visits;

      visit->episode_id = episode->id;
      fixture_add_days (&visit->date, &episode->surgery_date, 7 * (int) (i + 1));
      visit->clinician = g_strdup ("-Dr Evil, PT");
      visit->notes = g_strdup ("=1+1 spoke with her husband John");
      visit->body_mass_kg = 70;
      visit->height_cm = 170;
      fixture_add (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 450 + 10 * t, "N");
      fixture_add (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 250 + 190 * t, "N");
      fixture_add (visit, "hamstrings_hhd", VASTUS_SIDE_RIGHT, 250, "N");
      fixture_add (visit, "hamstrings_hhd", VASTUS_SIDE_LEFT, 180 + 60 * t, "N");
      fixture_add (visit, "thigh_girth_15", VASTUS_SIDE_RIGHT, 52, "cm");
      fixture_add (visit, "thigh_girth_15", VASTUS_SIDE_LEFT, 49 + 2.5 * t, "cm");
      fixture_add (visit, "effusion_stroke", VASTUS_SIDE_LEFT, t < 0.2 ? 2 : (t < 0.5 ? 1 : 0), "grade");
      fixture_add (visit, "effusion_stroke", VASTUS_SIDE_RIGHT, 0, "grade");
      fixture_add (visit, "knee_flexion", VASTUS_SIDE_LEFT, 100 + 35 * t, "deg");
      fixture_add (visit, "knee_flexion", VASTUS_SIDE_RIGHT, 140, "deg");
      fixture_add (visit, "pain_nrs", VASTUS_SIDE_NONE, round (4 - 3 * t), "points");
      if (t > 0.4)
        {
          fixture_add (visit, "single_hop", VASTUS_SIDE_RIGHT, 160, "cm");
          fixture_add (visit, "single_hop", VASTUS_SIDE_LEFT, 110 + 45 * t, "cm");
        }
      fixture_add (visit, "ikdc", VASTUS_SIDE_NONE, round (50 + 40 * t), "points");
      g_assert_true (vastus_database_insert_visit (db, visit, &error));
      g_assert_no_error (error);
    }
  return patient->id;
}

/* Issue 23's patient: ACL reconstruction of the left knee on 2026-01-05 and, at 13 weeks
 * (2026-04-06), a battery that version 1 of the return-to-sport set called "all criteria met":
 * the quadriceps from a hand-held dynamometer held by hand (300 N on both legs: 100 %), hops
 * 93.75, 93.75, 94 and 94.7 %, KOS-ADLS and global rating 92, flexion 140 / 145 (96.6 %),
 * extension 0 / 0; with a 2+ effusion and pain 5/10. */
static inline gint64
fixture_insert_verdict_case (VastusDatabase *db)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(GError) error = NULL;
  static const struct { const char *code; double left, right; const char *unit; } values[] = {
    { "single_hop", 150, 160, "cm" },
    { "crossover_hop", 450, 480, "cm" },
    { "triple_hop", 470, 500, "cm" },
    { "timed_hop_6m", 1.9, 1.8, "s" },
    { "effusion_stroke", VASTUS_GRADE_2PLUS, VASTUS_GRADE_ZERO, "grade" },
    { "knee_flexion", 140, 145, "deg" },
    { "knee_extension", 0, 0, "deg" },
  };

  patient->mrn = g_strdup (FIXTURE_VERDICT_MRN);
  patient->name = g_strdup ("Vera Verdict");
  g_date_set_dmy (&patient->birth_date, 1, G_DATE_MAY, 1996);
  patient->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&episode->surgery_date, 5, G_DATE_JANUARY, 2026);
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);

  visit->episode_id = episode->id;
  g_date_set_dmy (&visit->date, 6, G_DATE_APRIL, 2026);
  for (guint i = 0; i < 2; i++)
    {
      VastusMeasurement *m = vastus_measurement_new ("quadriceps_hhd", i == 0 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT,
                                                     1, 300, "N");

      m->fixation = g_strdup ("manual");
      vastus_visit_add_measurement (visit, m);
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      fixture_add (visit, values[i].code, VASTUS_SIDE_LEFT, values[i].left, values[i].unit);
      fixture_add (visit, values[i].code, VASTUS_SIDE_RIGHT, values[i].right, values[i].unit);
    }
  fixture_add (visit, "kos_adls", VASTUS_SIDE_NONE, 92, "points");
  fixture_add (visit, "global_rating", VASTUS_SIDE_NONE, 92, "points");
  fixture_add (visit, "pain_nrs", VASTUS_SIDE_NONE, 5, "points");
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  return patient->id;
}

