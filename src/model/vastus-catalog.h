/* vastus-catalog.h: the measure catalog (product.md "Measure catalog"), as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VASTUS_CATEGORY_STRENGTH,
  VASTUS_CATEGORY_GIRTH,          /* girth and swelling */
  VASTUS_CATEGORY_MOTION,         /* range of motion and pain */
  VASTUS_CATEGORY_FUNCTION,       /* functional tests */
  VASTUS_CATEGORY_QUESTIONNAIRE,
  VASTUS_N_CATEGORIES,
} VastusCategory;

typedef enum
{
  VASTUS_VALUE_NUMBER,
  VASTUS_VALUE_GRADE,             /* ordered effusion grade, stored 0..4 */
  VASTUS_VALUE_BOOL,              /* yes/no, stored 1/0 */
} VastusValueKind;

typedef enum
{
  VASTUS_BETTER_HIGHER,
  VASTUS_BETTER_LOWER,
} VastusBetter;

typedef enum
{
  VASTUS_COMBINE_MAX,
  VASTUS_COMBINE_MIN,
  VASTUS_COMBINE_MEAN,
  VASTUS_COMBINE_LAST,
} VastusCombine;

#define VASTUS_MAX_INPUT_UNITS 5

typedef struct
{
  const char      *code;
  const char      *label;                 /* untranslated; use vastus_measure_get_label () */
  const char      *short_label;           /* untranslated, for tables and charts */
  VastusCategory   category;
  VastusValueKind  kind;
  const char      *unit;                  /* stored unit code */
  const char      *input_units[VASTUS_MAX_INPUT_UNITS + 1]; /* accepted units, NULL-terminated */
  gboolean         two_sided;             /* measured per side (left and right) */
  VastusBetter     better;
  VastusCombine    combine;               /* how several trials become one value */
  gboolean         integer;               /* counts and scores that are whole numbers */

  /* Hard limits reject; soft limits warn and can be confirmed. In the stored unit. */
  double           hard_min;
  gboolean         hard_min_exclusive;    /* TRUE: the value must be > hard_min */
  double           hard_max;
  double           soft_min;
  double           soft_max;
  double           soft_side_difference;  /* warn above this left/right difference; 0 = none */
  gboolean         side_difference_relative; /* … as a fraction of the larger side */
  double           soft_change;           /* warn when it changes more than this since the last visit */

  gboolean         maximal;               /* a maximal strength or hop test: check safety first */
  gboolean         hand_held;             /* measured with a hand-held dynamometer: valid only
                                           * when belt- or frame-fixed (test condition fixation) */
  int              velocity_deg_s;        /* isokinetic velocity the measure implies, else 0 */
  gboolean         hop_distance;          /* a hop for distance: also as % of height */
  const char      *convention;            /* untranslated: how a value is read where its sign or
                                           * zero is not plain; NULL elsewhere */
} VastusMeasure;

/* The fastest test velocity a measurement or a criterion may name, °/s (isokinetic
 * dynamometers test up to about 500 °/s). */
#define VASTUS_VELOCITY_MAX 600

guint                vastus_catalog_get_n_measures (void);
const VastusMeasure *vastus_catalog_get_nth        (guint       index);
const VastusMeasure *vastus_catalog_lookup         (const char *code);

/* @measure's code as g_intern_string gives it: the one address every measurement of it holds
 * (VastusMeasurement.measure is interned), so that a measurement is matched to it by address. */
const char          *vastus_measure_get_interned_code (const VastusMeasure *measure);

const char          *vastus_measure_get_label       (const VastusMeasure *measure);
const char          *vastus_measure_get_short_label (const VastusMeasure *measure);
/* How a value is read ("0° is straight; 5 lacks 5°; −5 hyperextends 5°"), NULL when plain. */
const char          *vastus_measure_get_convention (const VastusMeasure *measure);
/* The same under a table of values, with the measure's name ("Knee extension: 0° is …"); NULL
 * when plain. */
char                *vastus_measure_convention_note (const VastusMeasure *measure);
gboolean             vastus_measure_accepts_unit    (const VastusMeasure *measure,
                                                     const char          *unit);
/* Whether several trials of @measure are entered (numbers combined over trials); grades,
 * yes/no and measures that keep the last value are entered once. */
gboolean             vastus_measure_takes_trials    (const VastusMeasure *measure);
/* The unit a clinic that works in imperial units reads @measure in ("lbf" for forces, "in" for
 * lengths), NULL when it reads the stored unit. */
const char          *vastus_measure_imperial_unit   (const VastusMeasure *measure);

const char          *vastus_category_to_string     (VastusCategory category);
const char          *vastus_category_label         (VastusCategory category);
const char          *vastus_combine_to_string      (VastusCombine  combine);
const char          *vastus_better_to_string       (VastusBetter   better);

/* How a value (in the stored unit) stands against the measure's limits. */
typedef enum
{
  VASTUS_VALUE_USUAL,        /* within the soft limits */
  VASTUS_VALUE_UNUSUAL,      /* possible, outside the soft limits: a warning to confirm */
  VASTUS_VALUE_IMPOSSIBLE,   /* outside the hard limits, or a fraction of a whole number */
} VastusValueStanding;

VastusValueStanding  vastus_measure_check_value    (const VastusMeasure *measure,
                                                    double               stored);

/* Combines trial values per the measure's rule; NAN when @n is 0. */
double               vastus_measure_combine        (const VastusMeasure *measure,
                                                    const double        *values,
                                                    guint                n);

/* Formats a stored value for display in @unit (NULL: the stored unit) with its unit symbol,
 * e.g. "37.5 cm", "trace", "yes". Decimals follow the unit. */
char                *vastus_measure_format_value   (const VastusMeasure *measure,
                                                    double               stored,
                                                    const char          *unit);
/* The decimals a value in @unit (NULL: the stored unit) is shown with. */
int                  vastus_measure_get_decimals   (const VastusMeasure *measure,
                                                    const char          *unit,
                                                    double               value);
/* The same with @decimals (−1: vastus_measure_get_decimals ()). */
char                *vastus_measure_format_value_decimals (const VastusMeasure *measure,
                                                           double               stored,
                                                           const char          *unit,
                                                           int                  decimals);

G_END_DECLS
