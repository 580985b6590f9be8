/* vastus-chart-builder.h: chart data from an episode's history and a criteria set
 *
 * The only chart file that knows the clinical model: it calls the symmetry and evaluation
 * code and fills the prepared data the renderers draw. Visits become the timeline (the
 * episode's surgery date, else injury date, is the index date).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-chart-data.h"
#include "vastus-criteria.h"
#include "vastus-history.h"
#include "vastus-prom-chart.h"

G_BEGIN_DECLS

/* LSI of each measure in @codes (NULL: the measures of the set's LSI criteria that have data,
 * else the strength measures with data, at most three), EPIC of the first when a baseline
 * exists; points are met/not met against the set's LSI (and EPIC) criteria, whose thresholds
 * are drawn. @set may be NULL. */
VastusSymmetryChartData *vastus_chart_build_symmetry (const VastusHistory     *history,
                                                      const char *const       *codes,
                                                      const VastusCriteriaSet *set);
/* Both legs' values of @code in its stored unit, with the baseline values. NULL if @code is
 * not a two-sided measure of the catalog. */
VastusProgressChartData *vastus_chart_build_progress (const VastusHistory     *history,
                                                      const char              *code);
/* The atrophy difference of @girth_code (NULL: the first of thigh_girth_15, _10, _20, _5 with
 * data), the swelling difference of the first of knee_girth_joint_line, _midpatella with data,
 * and the involved knee's effusion grade. Lengths in cm; the caller sets inches. */
VastusGirthChartData    *vastus_chart_build_girth    (const VastusHistory     *history,
                                                      const char              *girth_code);
/* One row per criterion of @set that applies to the patient; each visit's status and the
 * first-met date of the evaluation as of the last visit. */
VastusCriteriaChartData *vastus_chart_build_criteria (const VastusHistory     *history,
                                                      const VastusCriteriaSet *set);

/* The minimal important change the clinic uses for @measure (NAN: none). */
typedef double (*VastusPromMicFunc) (const char *measure,
                                     gpointer    user_data);

/* The scores of @instrument (an instrument id; NULL: the first instrument with scores in the
 * episode, in the built-in order) that have a value at some visit, each with the band of its
 * minimal important change around its first value; NULL when there are none. */
VastusPromChartData *vastus_chart_build_prom (const VastusHistory *history,
                                              const char          *instrument,
                                              VastusPromMicFunc    mic_for,
                                              gpointer             user_data);

G_END_DECLS
