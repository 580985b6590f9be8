/* device-patients.h: the patients the device tests import for, on a database being made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

/* FX-1 Jane Doe (left knee involved) and FX-2 Max Muster (right), each with an episode of ACL
 * reconstruction on 10 January 2026: ids 1 and 2 on an empty database. A ClinicTestFunc. */
static inline void
device_add_patients (VastusDatabase *db,
                     gpointer        data)
{
  static const struct { const char *mrn, *name; VastusSide side; } patients[] = {
    { "FX-1", "Jane Doe", VASTUS_SIDE_LEFT },
    { "FX-2", "Max Muster", VASTUS_SIDE_RIGHT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autoptr(VastusPatient) p = vastus_patient_new ();
      g_autoptr(VastusEpisode) e = vastus_episode_new ();
      g_autoptr(GError) error = NULL;

      p->mrn = g_strdup (patients[i].mrn);
      p->name = g_strdup (patients[i].name);
      g_date_set_dmy (&p->birth_date, 1, 4, 1990);
      vastus_database_insert_patient (db, p, &error);
      g_assert_no_error (error);
      e->patient_id = p->id;
      e->condition = VASTUS_CONDITION_ACLR;
      e->involved_side = patients[i].side;
      g_date_set_dmy (&e->surgery_date, 10, 1, 2026);
      vastus_database_insert_episode (db, e, &error);
      g_assert_no_error (error);
    }
}
