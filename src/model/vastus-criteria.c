/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-criteria"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-criteria.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

G_DEFINE_QUARK (vastus-criteria-error-quark, vastus_criteria_error)

static const char *metric_names[] = {
  "lsi", "epic", "value", "difference", "weeks", "normalized", "percent_height", "ratio",
};
G_STATIC_ASSERT (G_N_ELEMENTS (metric_names) == VASTUS_N_METRICS);

static const char *comparator_names[] = { ">", ">=", "<", "<=" };
G_STATIC_ASSERT (G_N_ELEMENTS (comparator_names) == VASTUS_N_COMPARATORS);

const char *
vastus_metric_to_string (VastusMetric metric)
{
  g_return_val_if_fail (metric < VASTUS_N_METRICS, NULL);
  return metric_names[metric];
}

gboolean
vastus_metric_from_string (const char   *text,
                           VastusMetric *out)
{
  for (guint i = 0; text != NULL && i < VASTUS_N_METRICS; i++)
    if (g_str_equal (text, metric_names[i]))
      {
        *out = (VastusMetric) i;
        return TRUE;
      }
  return FALSE;
}

const char *
vastus_comparator_to_string (VastusComparator comparator)
{
  g_return_val_if_fail (comparator < VASTUS_N_COMPARATORS, NULL);
  return comparator_names[comparator];
}

gboolean
vastus_comparator_from_string (const char       *text,
                               VastusComparator *out)
{
  for (guint i = 0; text != NULL && i < VASTUS_N_COMPARATORS; i++)
    if (g_str_equal (text, comparator_names[i]))
      {
        *out = (VastusComparator) i;
        return TRUE;
      }
  return FALSE;
}

const char *
vastus_criterion_side_to_string (VastusCriterionSide side)
{
  return side == VASTUS_CRITERION_SIDE_UNINVOLVED ? "uninvolved" : "involved";
}

gboolean
vastus_criterion_side_from_string (const char          *text,
                                   VastusCriterionSide *out)
{
  if (g_strcmp0 (text, "involved") == 0)
    *out = VASTUS_CRITERION_SIDE_INVOLVED;
  else if (g_strcmp0 (text, "uninvolved") == 0)
    *out = VASTUS_CRITERION_SIDE_UNINVOLVED;
  else
    return FALSE;
  return TRUE;
}

gboolean
vastus_comparator_test (VastusComparator comparator,
                        double           value,
                        double           threshold)
{
  if (isnan (value) || isnan (threshold))
    return FALSE;
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT: return value > threshold;
    case VASTUS_COMPARATOR_GE: return value >= threshold;
    case VASTUS_COMPARATOR_LT: return value < threshold;
    case VASTUS_COMPARATOR_LE: return value <= threshold;
    default: g_return_val_if_reached (FALSE);
    }
}

/* Criteria */

G_DEFINE_BOXED_TYPE (VastusCriterion, vastus_criterion, vastus_criterion_copy, vastus_criterion_free)

VastusCriterion *
vastus_criterion_new (void)
{
  VastusCriterion *self = g_new0 (VastusCriterion, 1);

  self->measures = g_new0 (char *, 1);
  self->comparator = VASTUS_COMPARATOR_GE;
  self->threshold = NAN;
  return self;
}

VastusCriterion *
vastus_criterion_copy (const VastusCriterion *self)
{
  VastusCriterion *copy = g_new (VastusCriterion, 1);

  *copy = *self;
  copy->id = g_strdup (self->id);
  copy->label = g_strdup (self->label);
  copy->measures = g_strdupv (self->measures);
  copy->unit = g_strdup (self->unit);
  copy->source = g_strdup (self->source);
  return copy;
}

void
vastus_criterion_free (VastusCriterion *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->label);
  g_strfreev (self->measures);
  g_free (self->unit);
  g_free (self->source);
  g_free (self);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
vastus_criterion_equal (const VastusCriterion *a,
                        const VastusCriterion *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         a->metric == b->metric &&
         strv_equal0 (a->measures, b->measures) &&
         a->side == b->side &&
         a->comparator == b->comparator &&
         (a->threshold == b->threshold || (isnan (a->threshold) && isnan (b->threshold))) &&
         g_strcmp0 (a->unit, b->unit) == 0 &&
         a->sex == b->sex &&
         g_strcmp0 (a->source, b->source) == 0;
}

gboolean
vastus_criterion_applies_to (const VastusCriterion *self,
                             VastusSex              sex)
{
  if (self->sex != VASTUS_SEX_FEMALE && self->sex != VASTUS_SEX_MALE)
    return TRUE;
  if (sex != VASTUS_SEX_FEMALE && sex != VASTUS_SEX_MALE)
    return TRUE;   /* unknown: listed, and not tested by the evaluation */
  return self->sex == sex;
}

/* Sets */

G_DEFINE_BOXED_TYPE (VastusCriteriaSet, vastus_criteria_set, vastus_criteria_set_copy, vastus_criteria_set_free)

VastusCriteriaSet *
vastus_criteria_set_new (void)
{
  VastusCriteriaSet *self = g_new0 (VastusCriteriaSet, 1);

  self->version = 1;
  self->conditions = g_new0 (char *, 1);
  self->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criterion_free);
  return self;
}

VastusCriteriaSet *
vastus_criteria_set_copy (const VastusCriteriaSet *self)
{
  VastusCriteriaSet *copy = g_new (VastusCriteriaSet, 1);

  *copy = *self;
  copy->id = g_strdup (self->id);
  copy->title = g_strdup (self->title);
  copy->source = g_strdup (self->source);
  copy->notes = g_strdup (self->notes);
  copy->conditions = g_strdupv (self->conditions);
  copy->based_on = g_strdup (self->based_on);
  copy->created = g_strdup (self->created);
  copy->criteria = g_ptr_array_new_full (self->criteria->len, (GDestroyNotify) vastus_criterion_free);
  for (guint i = 0; i < self->criteria->len; i++)
    g_ptr_array_add (copy->criteria, vastus_criterion_copy (g_ptr_array_index (self->criteria, i)));
  return copy;
}

void
vastus_criteria_set_free (VastusCriteriaSet *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->source);
  g_free (self->notes);
  g_strfreev (self->conditions);
  g_free (self->based_on);
  g_free (self->created);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_free (self);
}

gboolean
vastus_criteria_set_equal (const VastusCriteriaSet *a,
                           const VastusCriteriaSet *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || a->version != b->version ||
      g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->source, b->source) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 || !strv_equal0 (a->conditions, b->conditions) ||
      !a->builtin != !b->builtin || g_strcmp0 (a->based_on, b->based_on) != 0 ||
      a->criteria->len != b->criteria->len)
    return FALSE;
  for (guint i = 0; i < a->criteria->len; i++)
    if (!vastus_criterion_equal (g_ptr_array_index (a->criteria, i),
                                 g_ptr_array_index (b->criteria, i)))
      return FALSE;
  return TRUE;
}

gboolean
vastus_criteria_set_is_for (const VastusCriteriaSet *self,
                            VastusCondition          condition)
{
  const char *code = vastus_condition_to_string (condition);

  return self->conditions != NULL &&
         g_strv_contains ((const char * const *) self->conditions, code);
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError    **error,
         const char *set_id,
         const char *criterion_id,
         const char *what)
{
  g_set_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_INVALID,
               _("Criteria set “%s”, criterion “%s”: %s"),
               set_id ? set_id : "", criterion_id ? criterion_id : "", what);
  return FALSE;
}

static gboolean
validate_criterion (const VastusCriteriaSet *set,
                    const VastusCriterion   *c,
                    GError                 **error)
{
  guint n_measures = c->measures != NULL ? g_strv_length (c->measures) : 0;

  if (!valid_id (c->id))
    return invalid (error, set->id, c->id, _("the id must be 1–64 letters, digits, “-”, “_” or “.”."));
  if (c->label == NULL || *c->label == '\0')
    return invalid (error, set->id, c->id, _("the label is empty."));
  if (c->metric >= VASTUS_N_METRICS)
    return invalid (error, set->id, c->id, _("unknown metric."));
  if (c->comparator >= VASTUS_N_COMPARATORS)
    return invalid (error, set->id, c->id, _("unknown comparator."));
  if (!isfinite (c->threshold))
    return invalid (error, set->id, c->id, _("the threshold must be a number."));
  if (c->metric == VASTUS_METRIC_WEEKS)
    return n_measures == 0 ? TRUE : invalid (error, set->id, c->id, _("a time criterion has no measure."));
  if (n_measures == 0)
    return invalid (error, set->id, c->id, _("no measure is named."));

  for (guint i = 0; i < n_measures; i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (c->measures[i]);

      if (m == NULL)
        return invalid (error, set->id, c->id, _("a measure is not in the catalog."));
      switch (c->metric)
        {
        case VASTUS_METRIC_LSI:
        case VASTUS_METRIC_EPIC:
          if (vastus_symmetry_kind (m) != VASTUS_SYMMETRY_RATIO)
            return invalid (error, set->id, c->id, _("this measure has no symmetry index; use a difference."));
          break;
        case VASTUS_METRIC_DIFFERENCE:
        case VASTUS_METRIC_VALUE:
          if (c->metric == VASTUS_METRIC_DIFFERENCE && m->kind == VASTUS_VALUE_BOOL)
            return invalid (error, set->id, c->id, _("a yes/no measure has no difference."));
          break;
        case VASTUS_METRIC_NORMALIZED:
          if (m->category != VASTUS_CATEGORY_STRENGTH)
            return invalid (error, set->id, c->id, _("only strength can be normalised to body mass."));
          if (g_strcmp0 (c->unit, "Nm/kg") != 0 && g_strcmp0 (c->unit, "%BW") != 0)
            return invalid (error, set->id, c->id, _("the unit must be “Nm/kg” or “%BW”."));
          if (g_strcmp0 (c->unit, "%BW") == 0 && g_strcmp0 (m->unit, "N") != 0)
            return invalid (error, set->id, c->id, _("%BW needs a force measure."));
          break;
        case VASTUS_METRIC_PERCENT_HEIGHT:
          if (g_strcmp0 (m->unit, "cm") != 0 || m->category != VASTUS_CATEGORY_FUNCTION)
            return invalid (error, set->id, c->id, _("only a hop distance can be a percentage of height."));
          break;
        case VASTUS_METRIC_RATIO:
          if (vastus_hq_partner (m->code) == NULL)
            return invalid (error, set->id, c->id, _("a ratio needs a hamstrings measure."));
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gboolean
vastus_criteria_set_validate (const VastusCriteriaSet *self,
                              GError                 **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!valid_id (self->id))
    return invalid (error, self->id, NULL, _("the set id must be 1–64 letters, digits, “-”, “_” or “.”."));
  if (self->version < 1)
    return invalid (error, self->id, NULL, _("the version must be 1 or more."));
  if (self->title == NULL || *self->title == '\0')
    return invalid (error, self->id, NULL, _("the title is empty."));
  for (guint i = 0; self->conditions != NULL && self->conditions[i] != NULL; i++)
    {
      VastusCondition condition;

      if (!vastus_condition_from_string (self->conditions[i], &condition))
        return invalid (error, self->id, NULL, _("unknown condition."));
    }
  for (guint i = 0; i < self->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (self->criteria, i);

      if (!validate_criterion (self, c, error))
        return FALSE;
      if (!g_hash_table_add (ids, c->id))
        return invalid (error, self->id, c->id, _("two criteria have the same id."));
    }
  return TRUE;
}

/* Built-in sets (clinical-reference.md §3, sources from §7) */

typedef struct
{
  const char          *id;
  const char          *label;
  VastusMetric         metric;
  const char          *measures[4];
  VastusComparator     comparator;
  double               threshold;
  const char          *unit;
  VastusSex            sex;
  const char          *source;
} BuiltinCriterion;

typedef struct
{
  const char             *id;
  const char             *title;
  const char             *source;
  const char             *notes;
  const char             *conditions[3];
  const BuiltinCriterion *criteria;
  guint                   n_criteria;
} BuiltinSet;

#define GT VASTUS_COMPARATOR_GT
#define GE VASTUS_COMPARATOR_GE
#define LT VASTUS_COMPARATOR_LT
#define LE VASTUS_COMPARATOR_LE
#define ANY VASTUS_SEX_UNKNOWN

#define SRC_DELAWARE "Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155"
#define SRC_TCD "Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]"
#define SRC_RAMBAUD "Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]"
#define SRC_OSLO "Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843"
#define SRC_GOKELER "Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144"
#define SRC_PFP "Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]"
#define SRC_PFP_SUCCESS "Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml"
#define SRC_EBERT "Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa"

#define QUAD_ANY { "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd", NULL }

static const BuiltinCriterion late_phase[] = {
  { "quadriceps-index", N_("Quadriceps index above 80 %"), VASTUS_METRIC_LSI, QUAD_ANY,
    GT, 80, "%", ANY, SRC_TCD },
  { "effusion-trace", N_("Effusion trace or less"), VASTUS_METRIC_VALUE, { "effusion_stroke", NULL },
    LE, VASTUS_GRADE_TRACE, "grade", ANY, SRC_TCD },
  { "extension-symmetric", N_("Knee extension symmetric with the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_extension", NULL }, LE, 0, "deg", ANY, SRC_DELAWARE },
  { "flexion-within-10", N_("Knee flexion within 10° of the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_flexion", NULL }, LE, 10, "deg", ANY, SRC_DELAWARE },
  { "no-extension-lag", N_("No extension lag"), VASTUS_METRIC_VALUE, { "extension_lag", NULL },
    LE, 0, "deg", ANY, SRC_DELAWARE },
};

static const BuiltinCriterion return_to_running[] = {
  { "weeks", N_("At least 12 weeks since surgery"), VASTUS_METRIC_WEEKS, { NULL },
    GE, 12, "weeks", ANY, SRC_RAMBAUD },
  { "pain", N_("Pain below 2/10"), VASTUS_METRIC_VALUE, { "pain_nrs", NULL },
    LT, 2, "points", ANY, SRC_RAMBAUD },
  { "flexion-lsi", N_("Knee flexion above 95 % of the other knee"), VASTUS_METRIC_LSI, { "knee_flexion", NULL },
    GT, 95, "%", ANY, SRC_RAMBAUD },
  { "extension-full", N_("Full active extension, symmetric with the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_extension", NULL }, LE, 0, "deg", ANY, SRC_RAMBAUD },
  { "effusion-none", N_("No effusion"), VASTUS_METRIC_VALUE, { "effusion_stroke", NULL },
    LE, VASTUS_GRADE_ZERO, "grade", ANY, SRC_RAMBAUD },
  { "quadriceps-lsi", N_("Quadriceps strength LSI above 70 %"), VASTUS_METRIC_LSI,
    { "quadriceps_mvic", "quadriceps_hhd", "quadriceps_isokinetic_60", NULL }, GT, 70, "%", ANY, SRC_RAMBAUD },
  { "hamstrings-lsi", N_("Hamstrings strength LSI above 70 %"), VASTUS_METRIC_LSI,
    { "hamstrings_hhd", "hamstrings_isokinetic_60", NULL }, GT, 70, "%", ANY, SRC_RAMBAUD },
  { "hop-lsi", N_("Single hop LSI above 70 %"), VASTUS_METRIC_LSI, { "single_hop", NULL },
    GT, 70, "%", ANY, SRC_RAMBAUD },
  { "no-valgus", N_("No knee valgus on single-leg squat"), VASTUS_METRIC_VALUE,
    { "single_leg_squat_valgus", "step_down_valgus", NULL }, LE, 0, "bool", ANY, SRC_RAMBAUD },
};

static const BuiltinCriterion return_to_sport[] = {
  { "quadriceps-lsi", N_("Quadriceps strength index at least 90 %"), VASTUS_METRIC_LSI, QUAD_ANY,
    GE, 90, "%", ANY, SRC_OSLO },
  { "single-hop-lsi", N_("Single hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "single_hop", NULL },
    GE, 90, "%", ANY, SRC_OSLO },
  { "crossover-hop-lsi", N_("Crossover hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "crossover_hop", NULL },
    GE, 90, "%", ANY, SRC_OSLO },
  { "triple-hop-lsi", N_("Triple hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "triple_hop", NULL },
    GE, 90, "%", ANY, SRC_OSLO },
  { "timed-hop-lsi", N_("6 m timed hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "timed_hop_6m", NULL },
    GE, 90, "%", ANY, SRC_OSLO },
  { "kos-adls", N_("KOS-ADLS at least 90"), VASTUS_METRIC_VALUE, { "kos_adls", NULL },
    GE, 90, "points", ANY, SRC_OSLO },
  { "global-rating", N_("Global rating of knee function at least 90"), VASTUS_METRIC_VALUE,
    { "global_rating", NULL }, GE, 90, "points", ANY, SRC_OSLO },
  { "weeks", N_("At least 12 weeks since surgery"), VASTUS_METRIC_WEEKS, { NULL },
    GE, 12, "weeks", ANY, "Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5" },
};

#define GOKELER_LSI(id_, label_, code_) \
  { id_, label_, VASTUS_METRIC_LSI, { code_, NULL }, GT, 90, "%", ANY, SRC_GOKELER }

static const BuiltinCriterion gokeler[] = {
  GOKELER_LSI ("quadriceps-lsi-60", N_("Quadriceps LSI at 60°/s above 90 %"), "quadriceps_isokinetic_60"),
  GOKELER_LSI ("quadriceps-lsi-180", N_("Quadriceps LSI at 180°/s above 90 %"), "quadriceps_isokinetic_180"),
  GOKELER_LSI ("quadriceps-lsi-300", N_("Quadriceps LSI at 300°/s above 90 %"), "quadriceps_isokinetic_300"),
  GOKELER_LSI ("hamstrings-lsi-60", N_("Hamstrings LSI at 60°/s above 90 %"), "hamstrings_isokinetic_60"),
  GOKELER_LSI ("hamstrings-lsi-180", N_("Hamstrings LSI at 180°/s above 90 %"), "hamstrings_isokinetic_180"),
  GOKELER_LSI ("hamstrings-lsi-300", N_("Hamstrings LSI at 300°/s above 90 %"), "hamstrings_isokinetic_300"),
  { "quadriceps-60-per-kg", N_("Involved quadriceps at 60°/s above 3.0 Nm/kg"), VASTUS_METRIC_NORMALIZED,
    { "quadriceps_isokinetic_60", NULL }, GT, 3.0, "Nm/kg", ANY, SRC_GOKELER },
  { "hq-300-female", N_("Hamstrings:quadriceps ratio at 300°/s above 55 % (women)"), VASTUS_METRIC_RATIO,
    { "hamstrings_isokinetic_300", NULL }, GT, 55, "%", VASTUS_SEX_FEMALE, SRC_GOKELER },
  { "hq-300-male", N_("Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)"), VASTUS_METRIC_RATIO,
    { "hamstrings_isokinetic_300", NULL }, GT, 62.5, "%", VASTUS_SEX_MALE, SRC_GOKELER },
  GOKELER_LSI ("single-hop-lsi", N_("Single hop LSI above 90 %"), "single_hop"),
  GOKELER_LSI ("triple-hop-lsi", N_("Triple hop LSI above 90 %"), "triple_hop"),
  GOKELER_LSI ("side-hop-lsi", N_("Side hop LSI above 90 %"), "side_hop_30s"),
  { "acl-rsi", N_("ACL-RSI above 56"), VASTUS_METRIC_VALUE, { "acl_rsi", NULL },
    GT, 56, "points", ANY, SRC_GOKELER },
};

static const BuiltinCriterion pfp[] = {
  { "pain", N_("Worst pain with provocative tasks 2/10 or less"), VASTUS_METRIC_VALUE, { "pain_nrs", NULL },
    LE, 2, "points", ANY, SRC_PFP },
  { "kujala-change", N_("Kujala (AKPS) improved by at least 8 points"), VASTUS_METRIC_DIFFERENCE,
    { "kujala", NULL }, GE, 8, "points", ANY, SRC_PFP_SUCCESS },
  { "hip-abduction-lsi", N_("Hip abduction LSI at least 90 %"), VASTUS_METRIC_LSI, { "hip_abduction_hhd", NULL },
    GE, 90, "%", ANY, SRC_PFP },
  { "hip-external-rotation-lsi", N_("Hip external rotation LSI at least 90 %"), VASTUS_METRIC_LSI,
    { "hip_external_rotation_hhd", NULL }, GE, 90, "%", ANY, SRC_PFP },
  { "quadriceps-lsi", N_("Quadriceps LSI at least 90 %"), VASTUS_METRIC_LSI,
    { "quadriceps_hhd", "quadriceps_mvic", "quadriceps_isokinetic_60", NULL }, GE, 90, "%", ANY, SRC_PFP },
  { "step-down-no-valgus", N_("No knee valgus on step-down"), VASTUS_METRIC_VALUE, { "step_down_valgus", NULL },
    LE, 0, "bool", ANY, SRC_PFP },
  { "single-leg-squat-no-valgus", N_("No knee valgus on single-leg squat"), VASTUS_METRIC_VALUE,
    { "single_leg_squat_valgus", NULL }, LE, 0, "bool", ANY, SRC_PFP },
};

static const BuiltinCriterion tka[] = {
  { "flexion-80", N_("Active knee flexion at least 80° (weeks 1–2)"), VASTUS_METRIC_VALUE, { "knee_flexion", NULL },
    GE, 80, "deg", ANY, SRC_EBERT },
  { "flexion-100", N_("Active knee flexion at least 100° (by week 7)"), VASTUS_METRIC_VALUE, { "knee_flexion", NULL },
    GE, 100, "deg", ANY, SRC_EBERT },
};

static const BuiltinSet builtin_sets[] = {
  { "aclr-late-phase",
    N_("ACL reconstruction: late-phase gate before running and gym progression"),
    "Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): " SRC_DELAWARE "; " SRC_TCD,
    "Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). "
    "Full range of motion compared with the other knee is read as extension symmetric "
    "(difference ≤ 0°) and flexion within 10°. Normal gait cannot be measured with the catalog "
    "and is left out.",
    { "aclr", NULL }, late_phase, G_N_ELEMENTS (late_phase) },
  { "aclr-return-to-running",
    N_("ACL reconstruction: return to running"),
    "Rambaud 2018 scoping review (clinical-reference.md §3.5): " SRC_RAMBAUD "; "
    "https://www.medicalalgorithms.com/criteria-of-rambaud-et-al-for-the-return-to-running-after-anterior-cruciate-ligament-reconstruction",
    "The median 12 weeks reported is used as a minimum. Range of motion “full or above 95 % of the "
    "non-injured knee” is read as flexion LSI above 95 % and extension symmetric. Valgus on "
    "step-down is used when no single-leg squat was recorded (“single-leg squat or step-up”).",
    { "aclr", NULL }, return_to_running, G_N_ELEMENTS (return_to_running) },
  { "aclr-return-to-sport",
    N_("Delaware-Oslo return-to-sport criteria"),
    "Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, "
    "https://bjsm.bmj.com/content/50/13/804.abstract; " SRC_OSLO ". Thresholds are ≥ 90 as in the "
    "2012 table and the 2020 follow-up (the 2016 abstract says > 90).",
    "Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer. The timed hop "
    "LSI is uninvolved time / involved time. Clinical impairments (full symmetric ROM, minimal "
    "effusion, no soreness) are checked by aclr-late-phase. Return to level I sport is advised "
    "no earlier than 9 months.",
    { "aclr", "acl_nonoperative", NULL }, return_to_sport, G_N_ELEMENTS (return_to_sport) },
  { "aclr-gokeler",
    N_("Gokeler / Welling return-to-sport battery"),
    "Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): " SRC_GOKELER,
    "LESS below 5 and IKDC at or above the 15th percentile of age and sex norms cannot be measured "
    "with the catalog and are left out. The H:Q ratio has a threshold for women and one for men; "
    "when the patient's sex is not recorded as female or male both are listed and not tested.",
    { "aclr", NULL }, gokeler, G_N_ELEMENTS (gokeler) },
  { "pfp-return-to-activity",
    N_("Patellofemoral pain: return to activity"),
    "Suggested default PFP set (clinical-reference.md §3.11) [background, to be confirmed by a "
    "clinician]; Willy 2019 CPG, https://it.scribd.com/document/432380294/jospt-2019-0302-pdf; "
    SRC_PFP_SUCCESS,
    "Hip strength above normative %BW has no normative value in the reference and is left out. "
    "The Kujala change is now minus the baseline-marked value, else the episode's first recorded "
    "value. When both knees are involved the LSI criteria are not tested and the valgus criteria "
    "read both legs.",
    { "pfp", NULL }, pfp, G_N_ELEMENTS (pfp) },
  { "tka-milestones",
    N_("Knee arthroplasty milestones"),
    "Knee arthroplasty (clinical-reference.md §3.10): " SRC_EBERT "; APTA TKA CPG summary, "
    "https://www.guidelinecentral.com/guideline/300177/pocket-guide/1062057/",
    "Flexion milestones from Ebert 2014; the week targets are read from the first-met dates. The "
    "CPG outcome set (KOOS JR, 30 s chair stand, TUG at the first and last visit) has no "
    "threshold and KOOS JR is not in the catalog, so none is a criterion. Return to work "
    "(mean 7.7 weeks) is an outcome, not a criterion.",
    { "tka", NULL }, tka, G_N_ELEMENTS (tka) },
};

guint
vastus_criteria_builtin_get_n (void)
{
  return G_N_ELEMENTS (builtin_sets);
}

VastusCriteriaSet *
vastus_criteria_builtin_get_nth (guint index)
{
  const BuiltinSet *b;
  VastusCriteriaSet *set;

  g_return_val_if_fail (index < G_N_ELEMENTS (builtin_sets), NULL);
  b = &builtin_sets[index];
  set = vastus_criteria_set_new ();
  set->id = g_strdup (b->id);
  set->version = 1;
  set->title = g_strdup (b->title);
  set->source = g_strdup (b->source);
  set->notes = g_strdup (b->notes);
  g_strfreev (set->conditions);
  set->conditions = g_strdupv ((char **) b->conditions);
  set->builtin = TRUE;
  for (guint i = 0; i < b->n_criteria; i++)
    {
      const BuiltinCriterion *bc = &b->criteria[i];
      VastusCriterion *c = vastus_criterion_new ();

      c->id = g_strdup (bc->id);
      c->label = g_strdup (bc->label);
      c->metric = bc->metric;
      g_strfreev (c->measures);
      c->measures = g_strdupv ((char **) bc->measures);
      c->side = VASTUS_CRITERION_SIDE_INVOLVED;
      c->comparator = bc->comparator;
      c->threshold = bc->threshold;
      c->unit = g_strdup (bc->unit);
      c->sex = bc->sex;
      c->source = g_strdup (bc->source);
      g_ptr_array_add (set->criteria, c);
    }
  return set;
}

VastusCriteriaSet *
vastus_criteria_builtin_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (builtin_sets); i++)
    if (g_str_equal (builtin_sets[i].id, id))
      return vastus_criteria_builtin_get_nth (i);
  return NULL;
}

const char *
vastus_criteria_default_for (VastusCondition condition)
{
  switch (condition)
    {
    case VASTUS_CONDITION_ACLR:
    case VASTUS_CONDITION_ACL_NONOPERATIVE:
      return "aclr-return-to-sport";
    case VASTUS_CONDITION_PFP:
      return "pfp-return-to-activity";
    case VASTUS_CONDITION_TKA:
      return "tka-milestones";
    case VASTUS_CONDITION_MENISCUS:
    case VASTUS_CONDITION_PATELLAR_INSTABILITY:
    case VASTUS_CONDITION_OTHER:
    default:
      return NULL;
    }
}
