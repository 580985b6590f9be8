/* vastus-symmetry.h: limb symmetry, pre-injury capacity and normalised strength
 *
 * Formulas: clinical-reference.md §2, product.md "Limb symmetry". Inputs and results are
 * unrounded; nothing is clamped. A result that cannot be computed is NAN, with a reason.
 *
 * Which index a two-sided measure gets:
 *  - ratio measures (strength, hops, girth, flexion, reach …): LSI = involved / uninvolved × 100
 *    when higher is better, uninvolved / involved × 100 when lower is better (timed tests), so
 *    100 is symmetric and lower is worse; EPIC the same with the uninvolved side's baseline;
 *  - knee_extension and extension_lag have 0 as their normal value and may be negative
 *    (hyperextension), so a ratio means nothing: they get only a side-to-side difference in
 *    degrees; effusion_stroke is an ordered grade: its difference is in grade steps, computed on
 *    the grades as integers, never as floats; yes/no measures get neither.
 *  - every two-sided measure except yes/no gets a difference, signed so that a positive value
 *    means the involved side is worse: uninvolved − involved when higher is better (thigh girth:
 *    atrophy, flexion: deficit), involved − uninvolved when lower is better (knee girth:
 *    swelling, extension: deficit, effusion: grades).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-catalog.h"
#include "vastus-history.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_SYMMETRY_RATIO,        /* LSI, EPIC and a difference */
  VASTUS_SYMMETRY_DIFFERENCE,   /* only a difference */
  VASTUS_SYMMETRY_NONE,         /* one-sided or yes/no */
} VastusSymmetryKind;

VastusSymmetryKind vastus_symmetry_kind     (const VastusMeasure *measure);

/* The pure formulas. NAN when an input is NAN, when the divisor is 0 or negative, or when the
 * measure is not a ratio measure. */
double      vastus_lsi                (const VastusMeasure *measure,
                                       double               involved,
                                       double               uninvolved);
double      vastus_epic               (const VastusMeasure *measure,
                                       double               involved_now,
                                       double               uninvolved_baseline);
/* Positive = involved worse (see above). Grades are compared as integers. NAN for yes/no. */
double      vastus_side_difference    (const VastusMeasure *measure,
                                       double               involved,
                                       double               uninvolved);
/* hamstrings / quadriceps × 100 (same limb, same velocity). */
double      vastus_hq_ratio           (double hamstrings,
                                       double quadriceps);
/* Nm/kg = torque / body mass. */
double      vastus_torque_per_mass    (double torque_nm,
                                       double body_mass_kg);
/* %BW = force / (mass × 9.80665) × 100. */
double      vastus_force_percent_bw   (double force_n,
                                       double body_mass_kg);
/* % height = distance / height × 100. */
double      vastus_percent_height     (double distance_cm,
                                       double height_cm);
/* The quadriceps measure a hamstrings measure is divided by for the H:Q ratio (same method and
 * velocity), or NULL. */
const char *vastus_hq_partner         (const char *hamstrings_code);

typedef struct
{
  const VastusMeasure *measure;
  double       left;
  double       right;
  double       value;          /* a one-sided measure's value */
  double       involved;
  double       uninvolved;
  double       lsi;
  double       epic;
  double       baseline;       /* the uninvolved side's baseline used for EPIC */
  GDate        baseline_date;
  double       difference;
  const char  *lsi_reason;     /* translated; NULL when lsi is a number */
  const char  *epic_reason;    /* translated; NULL when epic is a number */
} VastusSymmetry;

/* Everything about @code at visit @visit_index of @history. The EPIC baseline is the most
 * recent baseline of the uninvolved side at a visit on or before this one. Returns FALSE (and
 * fills NANs) when @code is not in the catalog. */
gboolean    vastus_symmetry_compute   (const VastusHistory *history,
                                       guint                visit_index,
                                       const char          *code,
                                       VastusSymmetry      *out);

G_END_DECLS
