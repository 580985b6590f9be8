/* vastus-demo.h: realistic demo patients, for trying Vastus out and for screenshots
 *
 * Three fictional patients whose visits follow typical courses (clinical-reference.md §1, §3):
 * an ACL reconstruction followed for nine months, a patellofemoral pain patient over three
 * months and a total knee arthroplasty over twelve weeks. Dates are relative to the day given,
 * every value is deterministic (a fixed-seed GRand), and every patient is marked demo so that
 * they can be removed in one step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-record.h"

G_BEGIN_DECLS

typedef struct
{
  VastusEpisode *episode;
  GPtrArray     *visits;      /* of VastusVisit*, oldest first, owned */
} VastusDemoEpisode;

typedef struct
{
  VastusPatient *patient;     /* patient->demo is TRUE */
  GPtrArray     *episodes;    /* of VastusDemoEpisode*, owned */
} VastusDemoPatient;

void       vastus_demo_episode_free (VastusDemoEpisode *episode);
void       vastus_demo_patient_free (VastusDemoPatient *patient);

/* Of VastusDemoPatient*, with a free function. No ids are set; every date is on or before
 * @today. The same @today gives the same patients. */
GPtrArray *vastus_demo_build        (const GDate *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusDemoEpisode, vastus_demo_episode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusDemoPatient, vastus_demo_patient_free)

G_END_DECLS
