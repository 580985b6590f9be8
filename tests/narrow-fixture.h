/* narrow-fixture.h: the demo clinic the narrow-screen tests open their windows on
 *
 * A temporary database with the demo patients (report-fixture.h), its clinic, and DEMO-001's id;
 * iterate () delivers what the clinic's workers have done; first_episode () reads a record's
 * first episode, wait_for_report () a report dialog's choices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "report-fixture.h"
#include "vastus-patient-record.h"
#include "vastus-report-dialog.h"

typedef struct
{
  char         *dir;
  char         *path;
  VastusClinic *clinic;
  gint64        patient_id;
} Fixture;

static VastusClinic *test_clinic;

static void
iterate (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  clinic_test_wait (test_clinic);
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* @record's first episode (a new reference), its visits and history read. */
static inline VastusEpisodeRecord *
first_episode (VastusPatientRecord *record)
{
  GListModel *episodes;
  VastusEpisodeRecord *episode;

  iterate ();
  episodes = vastus_patient_record_get_episodes (record);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (episodes), >, 0);
  episode = g_list_model_get_item (episodes, 0);
  vastus_episode_record_get_visits (episode);
  iterate ();
  g_assert_nonnull (vastus_episode_record_get_history (episode));
  return episode;
}

/* Until @dialog (presented) has loaded its choices. */
static inline void
wait_for_report (VastusReportDialog *dialog)
{
  while (vastus_report_dialog_get_busy (dialog))
    {
      g_main_context_iteration (NULL, TRUE);
      iterate ();
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("vastus-narrow-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (f->path, &error);

    g_assert_no_error (error);
    vastus_date_today (&today);
    fixture_insert_demo (db, &today);
  }
  patient = clinic_test_find_patient (f->path, "DEMO-001");
  f->patient_id = patient->id;
  f->clinic = test_clinic = clinic_test_open (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  iterate ();
  g_clear_object (&f->clinic);
  test_clinic = NULL;
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

