/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-clinic.h"

#define PATIENTS_PER_CHUNK 500

static const struct { const char *measure; VastusSide side; const char *unit; } rows[] = {
  { "quadriceps_mvic", VASTUS_SIDE_LEFT, "Nm" },
  { "quadriceps_mvic", VASTUS_SIDE_RIGHT, "Nm" },
  { "single_hop", VASTUS_SIDE_LEFT, "cm" },
  { "single_hop", VASTUS_SIDE_RIGHT, "cm" },
  { "kos_adls", VASTUS_SIDE_NONE, "points" },
};

static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", g_get_prgname (), what, error->message);
      exit (1);
    }
}

/* The involved side recovers from about 70 % to about 100 % over the first 20 visits, and
 * stays there: a longer follow-up (100 visits) keeps every value within the measures' hard
 * limits (at most 263 Nm of 500, 202 cm of 400), as the database check requires. */
static double
value_for (guint p,
           guint v,
           guint r)
{
  double uninvolved = r < 2 ? 180 + p % 80 : r < 4 ? 140 + p % 60 : 0;
  double involved = uninvolved * (0.7 + 0.016 * MIN (v, 19) + (p % 7) * 0.002);

  if (r == 4)
    return MIN (100, 50 + 2.5 * v + p % 10);
  return (r % 2 != p % 2) ? involved : uninvolved;   /* r even: left; p odd: left involved */
}

GArray *
bench_clinic_build (VastusDatabase *db,
                    guint           n_patients,
                    guint           full_visits,
                    guint           short_visits,
                    guint           full_every,
                    guint          *n_visits)
{
  GArray *full = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;

  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();
      guint visits = p % full_every == 0 ? full_visits : short_visits;

      if (p % PATIENTS_PER_CHUNK == 0)
        vastus_database_begin (db, &error);
      die_on_error (error, "begin");
      patient->mrn = g_strdup_printf ("EV%06u", p);
      patient->name = g_strdup_printf ("Patient %u", p);
      g_date_set_dmy (&patient->birth_date, 1 + p % 28, 1 + p % 12, 1970 + p % 35);
      patient->sex = 1 + p % 2;
      vastus_database_insert_patient (db, patient, &error);
      die_on_error (error, "insert patient");
      if (visits == full_visits)
        g_array_append_val (full, patient->id);

      episode->patient_id = patient->id;
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = p % 2 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
      g_date_set_dmy (&episode->surgery_date, 1, 1, 2025);
      g_date_add_days (&episode->surgery_date, p % 200);
      vastus_database_insert_episode (db, episode, &error);
      die_on_error (error, "insert episode");

      for (guint v = 0; v < visits; v++)
        {
          g_autoptr(VastusVisit) visit = vastus_visit_new ();

          visit->episode_id = episode->id;
          visit->date = episode->surgery_date;
          g_date_subtract_days (&visit->date, 14);
          g_date_add_days (&visit->date, v * 14);
          for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
            {
              VastusMeasurement *m = vastus_measurement_new (rows[r].measure, rows[r].side, 1,
                                                             value_for (p, v, r), rows[r].unit);

              m->baseline = v == 0;
              vastus_visit_add_measurement (visit, m);
            }
          vastus_database_insert_visit (db, visit, &error);
          die_on_error (error, "insert visit");
        }
      *n_visits += visits;
      if (p % PATIENTS_PER_CHUNK == PATIENTS_PER_CHUNK - 1 || p == n_patients - 1)
        vastus_database_commit (db, &error);
      die_on_error (error, "commit");
    }
  return full;
}

G_STATIC_ASSERT (G_N_ELEMENTS (rows) == BENCH_CLINIC_MEASUREMENTS_PER_VISIT);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  if (ms->len % 2 == 1)
    return g_array_index (ms, double, ms->len / 2);
  return (g_array_index (ms, double, ms->len / 2 - 1)
          + g_array_index (ms, double, ms->len / 2)) / 2;
}

void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
