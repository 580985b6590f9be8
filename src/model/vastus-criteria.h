/* vastus-criteria.h: return-to-activity criteria sets, as data
 *
 * A set is versioned: an edit saves a new version and old versions are kept, so an evaluation
 * can say which version it used. The built-in sets (clinical-reference.md §3) are data here;
 * storage seeds them into the database (sql/002-criteria-sets.sql) and a test checks that both
 * agree exactly. Built-in sets cannot be edited, only copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-catalog.h"
#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_CRITERIA_ERROR (vastus_criteria_error_quark ())

/* Stable codes. Append only. */
typedef enum
{
  VASTUS_CRITERIA_ERROR_NOT_FOUND,     /* no set with that id (or version) */
  VASTUS_CRITERIA_ERROR_BUILTIN,       /* a built-in set cannot be edited */
  VASTUS_CRITERIA_ERROR_INVALID,       /* a set or criterion that does not make sense */
  VASTUS_CRITERIA_ERROR_EXISTS,        /* copying onto an id that is taken */
  VASTUS_CRITERIA_ERROR_NO_DEFAULT,    /* no default set for the episode's condition */
} VastusCriteriaError;

GQuark vastus_criteria_error_quark (void);

/* Contract strings (product.md `evaluate --json` "metric"). */
typedef enum
{
  VASTUS_METRIC_LSI,            /* limb symmetry index, % */
  VASTUS_METRIC_EPIC,           /* involved now / uninvolved baseline, % */
  VASTUS_METRIC_VALUE,          /* the measure's own value (grades as grades) */
  VASTUS_METRIC_DIFFERENCE,     /* two-sided: side-to-side, positive = involved worse;
                                 * one-sided: change since the baseline (now − baseline) */
  VASTUS_METRIC_WEEKS,          /* weeks since surgery, else injury, on the as-of date */
  VASTUS_METRIC_NORMALIZED,     /* unit "Nm/kg" (torque, or force × lever arm) or "%BW" */
  VASTUS_METRIC_PERCENT_HEIGHT, /* hop distance / height × 100 */
  VASTUS_METRIC_RATIO,          /* H:Q: hamstrings / quadriceps × 100, same limb and velocity */
  VASTUS_N_METRICS,
} VastusMetric;

typedef enum
{
  VASTUS_COMPARATOR_GT,         /* ">" */
  VASTUS_COMPARATOR_GE,         /* ">=" */
  VASTUS_COMPARATOR_LT,         /* "<" */
  VASTUS_COMPARATOR_LE,         /* "<=" */
  VASTUS_N_COMPARATORS,
} VastusComparator;

/* Which leg an absolute metric (value, normalized, percent_height, ratio) reads. When both
 * knees are involved, "involved" reads both legs and keeps the worse value. */
typedef enum
{
  VASTUS_CRITERION_SIDE_INVOLVED,
  VASTUS_CRITERION_SIDE_UNINVOLVED,
} VastusCriterionSide;

typedef struct
{
  char                *id;          /* unique within its set, e.g. "quadriceps-lsi" */
  char                *label;       /* untranslated for built-in sets */
  VastusMetric         metric;
  char               **measures;    /* catalog codes in order of preference: the first one with
                                     * data at a visit is used; empty for "weeks" */
  VastusCriterionSide  side;
  VastusComparator     comparator;
  double               threshold;
  char                *unit;        /* display unit: "%", "deg", "grade", "points", "weeks",
                                     * "Nm/kg", "%BW" … */
  VastusSex            sex;         /* UNKNOWN: applies to everyone; FEMALE or MALE: only them */
  double               velocity_deg_s; /* only results tested at this velocity count, °/s (an
                                     * isokinetic measure of that velocity); NAN: any */
  char                *source;      /* where the threshold comes from */
} VastusCriterion;

typedef struct
{
  char       *id;
  int         version;
  char       *title;
  char       *source;
  char       *notes;        /* what was left out and why */
  char      **conditions;   /* condition codes the set is for */
  gboolean    builtin;
  char       *based_on;     /* "id@version" it was copied from, or NULL */
  char       *created;      /* UTC timestamp when stored, or NULL */
  GPtrArray  *criteria;     /* of VastusCriterion*, owned, in display order */
} VastusCriteriaSet;

const char      *vastus_metric_to_string        (VastusMetric      metric);
gboolean         vastus_metric_from_string      (const char       *text,
                                                 VastusMetric     *out);
const char      *vastus_comparator_to_string    (VastusComparator  comparator);
gboolean         vastus_comparator_from_string  (const char       *text,
                                                 VastusComparator *out);
const char      *vastus_criterion_side_to_string (VastusCriterionSide side);
gboolean         vastus_criterion_side_from_string (const char        *text,
                                                    VastusCriterionSide *out);

/* Values within this fraction of the threshold (of 1 when the threshold is smaller) are at it.
 * A quotient that is exactly at a threshold in decimal arithmetic (54 ÷ 60 × 100 = 90) is
 * 89.99999999999999 in binary; the rounding of a few double operations is about 1e-15 of the
 * value, while the finest measurement (0.01 s in a 2 s hop, 0.1 N in 1000 N) is 1e-4 of it. */
#define VASTUS_THRESHOLD_TOLERANCE 1e-9

/* @value against @threshold, unrounded, within VASTUS_THRESHOLD_TOLERANCE: the one comparison
 * every criterion and every display of a verdict uses. FALSE for NAN. */
gboolean         vastus_comparator_test         (VastusComparator  comparator,
                                                 double            value,
                                                 double            threshold);

GType            vastus_criterion_get_type      (void) G_GNUC_CONST;
VastusCriterion *vastus_criterion_new           (void);
VastusCriterion *vastus_criterion_copy          (const VastusCriterion *self);
void             vastus_criterion_free          (VastusCriterion       *self);
gboolean         vastus_criterion_equal         (const VastusCriterion *a,
                                                 const VastusCriterion *b);
/* The unit a criterion of @metric on @measure (NULL for "weeks") is shown in: "%" for indices
 * and ratios, "weeks", "Nm/kg" for normalised strength, else the measure's own unit. */
const char      *vastus_criterion_default_unit  (VastusMetric           metric,
                                                 const VastusMeasure   *measure);
/* @text (a file's number, '.' as the decimal mark) as a threshold of @metric on @measure (NULL
 * for "weeks"): a number, or for a value of a grade or yes/no measure the grade or yes/no itself
 * ("trace", "no"). */
gboolean         vastus_criterion_parse_threshold (const char          *text,
                                                   VastusMetric         metric,
                                                   const VastusMeasure *measure,
                                                   double              *out);
/* FALSE for a criterion of the other sex. */
gboolean         vastus_criterion_applies_to    (const VastusCriterion *self,
                                                 VastusSex              sex);

GType              vastus_criteria_set_get_type (void) G_GNUC_CONST;
VastusCriteriaSet *vastus_criteria_set_new      (void);
VastusCriteriaSet *vastus_criteria_set_copy     (const VastusCriteriaSet *self);
void               vastus_criteria_set_free     (VastusCriteriaSet       *self);
/* Compares the content (id, version, title, source, notes, conditions, builtin, based_on and
 * every criterion); not @created. */
/* A set's title, notes or source, or one of its criteria's labels or sources, as a person reads it: a built-in set's
 * in the thread's language (vastus-i18n.h), a clinic's as the clinic wrote it; NULL as "". */
const char        *vastus_criteria_set_text     (const VastusCriteriaSet *set,
                                                 const char              *text);
gboolean           vastus_criteria_set_equal    (const VastusCriteriaSet *a,
                                                 const VastusCriteriaSet *b);
/* Checks that the set makes sense: ids, known metrics and measures, units … */
gboolean           vastus_criteria_set_validate (const VastusCriteriaSet *self,
                                                 GError                 **error);
/* A clinic's own protocol: adds @criterion (taking it) at the end, or removes the criterion
 * @id. INVALID when the id is taken, the criterion does not make sense, or it is the set's
 * last one; NOT_FOUND when there is no criterion @id. The set is unchanged on an error. Save
 * it (a new version) with vastus_database_save_criteria_set. */
gboolean           vastus_criteria_set_add_criterion    (VastusCriteriaSet *self,
                                                         VastusCriterion   *criterion,
                                                         GError           **error);
gboolean           vastus_criteria_set_remove_criterion (VastusCriteriaSet *self,
                                                         const char        *id,
                                                         GError           **error);
gboolean           vastus_criteria_set_is_for   (const VastusCriteriaSet *self,
                                                 VastusCondition          condition);

/* The built-in sets, freshly allocated: get_n and get_nth list the latest version of each;
 * lookup the latest version of @id; lookup_version any version (0: the latest), NULL when there
 * is no such set or version. Every version stays: evaluations name the version they used. */
guint              vastus_criteria_builtin_get_n (void);
VastusCriteriaSet *vastus_criteria_builtin_get_nth (guint       index);
VastusCriteriaSet *vastus_criteria_builtin_lookup (const char *id);
VastusCriteriaSet *vastus_criteria_builtin_lookup_version (const char *id,
                                                           int         version);
/* The id of the set used when an episode names none. */
const char        *vastus_criteria_default_for   (VastusCondition condition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCriterion, vastus_criterion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCriteriaSet, vastus_criteria_set_free)

G_END_DECLS
