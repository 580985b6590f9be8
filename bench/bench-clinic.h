/* bench-clinic.h: the benchmarks' clinic of ACL-reconstruction patients, built through storage,
 * and what the clinic benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

#define BENCH_CLINIC_MEASUREMENTS_PER_VISIT 5

/* Fills @db with @n_patients patients (MRN "EV000000" …), one episode each, visits 14 days apart
 * of 5 measurements (quadriceps MVIC and single hop on both sides, KOS-ADLS; the first visit's
 * marked baseline; the involved side recovers from about 70 % to about 100 %). Patients whose
 * index is a multiple of @full_every get @full_visits visits, the others @short_visits. Commits in
 * chunks. Returns the ids of the patients with @full_visits and adds every visit to @n_visits.
 * Exits the program on a storage error. */
GArray *bench_clinic_build (VastusDatabase *db,
                            guint           n_patients,
                            guint           full_visits,
                            guint           short_visits,
                            guint           full_every,
                            guint          *n_visits);

/* The median of @ms (of double; sorts it). */
double  bench_median       (GArray     *ms);
/* Removes @path and everything under it. */
void    bench_remove_tree  (const char *path);
