/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-criteria"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
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
  double tolerance;
  int order;

  if (isnan (value) || isnan (threshold))
    return FALSE;
  tolerance = VASTUS_THRESHOLD_TOLERANCE * MAX (1.0, fabs (threshold));
  order = value < threshold - tolerance ? -1 : value > threshold + tolerance ? 1 : 0;
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT: return order > 0;
    case VASTUS_COMPARATOR_GE: return order >= 0;
    case VASTUS_COMPARATOR_LT: return order < 0;
    case VASTUS_COMPARATOR_LE: return order <= 0;
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
  self->velocity_deg_s = NAN;
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
         (a->velocity_deg_s == b->velocity_deg_s ||
          (isnan (a->velocity_deg_s) && isnan (b->velocity_deg_s))) &&
         g_strcmp0 (a->source, b->source) == 0;
}

const char *
vastus_criterion_default_unit (VastusMetric         metric,
                               const VastusMeasure *measure)
{
  switch (metric)
    {
    case VASTUS_METRIC_LSI:
    case VASTUS_METRIC_EPIC:
    case VASTUS_METRIC_PERCENT_HEIGHT:
    case VASTUS_METRIC_RATIO:
      return "%";
    case VASTUS_METRIC_WEEKS:
      return "weeks";
    case VASTUS_METRIC_NORMALIZED:
      return "Nm/kg";
    case VASTUS_METRIC_VALUE:
    case VASTUS_METRIC_DIFFERENCE:
    default:
      return measure != NULL ? measure->unit : NULL;
    }
}

gboolean
vastus_criterion_parse_threshold (const char          *text,
                                  VastusMetric         metric,
                                  const VastusMeasure *measure,
                                  double              *out)
{
  VastusGrade grade;
  gboolean yes;

  if (vastus_number_parse (text, out, NULL))
    return TRUE;
  if (metric != VASTUS_METRIC_VALUE || measure == NULL)
    return FALSE;
  if (measure->kind == VASTUS_VALUE_GRADE && vastus_grade_parse (text, &grade, NULL))
    *out = grade;
  else if (measure->kind == VASTUS_VALUE_BOOL && vastus_bool_parse (text, &yes, NULL))
    *out = yes ? 1 : 0;
  else
    return FALSE;
  return TRUE;
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
               /* Translators: the first %s is the criteria set's id, the second the criterion's
                * id, the third what is wrong with it */
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
    /* Translators: what is wrong with a criterion, in "Criteria set “…”, criterion “…”: unknown
     * metric." */
    return invalid (error, set->id, c->id, _("unknown metric."));
  if (c->comparator >= VASTUS_N_COMPARATORS)
    /* Translators: what is wrong with a criterion, in "Criteria set “…”, criterion “…”: unknown
     * comparator." */
    return invalid (error, set->id, c->id, _("unknown comparator."));
  if (!isfinite (c->threshold))
    return invalid (error, set->id, c->id, _("the threshold must be a number."));
  if (c->sex != VASTUS_SEX_UNKNOWN && c->sex != VASTUS_SEX_FEMALE && c->sex != VASTUS_SEX_MALE)
    return invalid (error, set->id, c->id, _("a criterion applies to everyone, to women or to men."));
  if (!isnan (c->velocity_deg_s) && (c->velocity_deg_s <= 0 || c->velocity_deg_s > VASTUS_VELOCITY_MAX))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];
      /* Translators: the first %s is the velocity given (with the locale's decimal mark), %d the
       * largest accepted, both in degrees per second */
      g_autofree char *what = g_strdup_printf (_("the velocity %s°/s is outside 0°/s to %d°/s."),
                                               vastus_display_number_exact (c->velocity_deg_s, shown),
                                               VASTUS_VELOCITY_MAX);

      return invalid (error, set->id, c->id, what);
    }
  if (c->metric == VASTUS_METRIC_WEEKS)
    {
      if (!isnan (c->velocity_deg_s))
        return invalid (error, set->id, c->id, _("a time criterion has no velocity."));
      return n_measures == 0 ? TRUE : invalid (error, set->id, c->id, _("a time criterion has no measure."));
    }
  if (n_measures == 0)
    return invalid (error, set->id, c->id, _("no measure is named."));

  for (guint i = 0; i < n_measures; i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (c->measures[i]);

      if (m == NULL)
        {
          /* Translators: %s is the measure code a criterion names, as written
           * (“quadriceps_hhd”); a code stays in English */
          g_autofree char *what = g_strdup_printf (_("“%s” is not a measure of the catalog."),
                                                   c->measures[i]);

          return invalid (error, set->id, c->id, what);
        }
      if (!isnan (c->velocity_deg_s) && c->velocity_deg_s != m->velocity_deg_s)
        {
          char shown[VASTUS_DISPLAY_NUMBER_SIZE];
          g_autofree char *what = m->velocity_deg_s > 0
            /* Translators: the first %s is a velocity with its decimal mark, the second a measure's code */
            ? g_strdup_printf (_("the velocity %s°/s contradicts %s, which is tested at %d°/s."),
                               vastus_display_number_exact (c->velocity_deg_s, shown), m->code,
                               m->velocity_deg_s)
            /* Translators: the first %s is a velocity with its decimal mark, the second a measure's code */
            : g_strdup_printf (_("the velocity %s°/s contradicts %s, which is not tested at a velocity."),
                               vastus_display_number_exact (c->velocity_deg_s, shown), m->code);

          return invalid (error, set->id, c->id, what);
        }
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
          if (!m->hop_distance)
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
        /* Translators: what is wrong with a criteria set, in "Criteria set “…”, criterion “”:
         * unknown condition." */
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

gboolean
vastus_criteria_set_add_criterion (VastusCriteriaSet *self,
                                   VastusCriterion   *criterion,
                                   GError           **error)
{
  g_return_val_if_fail (self != NULL && criterion != NULL, FALSE);

  g_ptr_array_add (self->criteria, criterion);
  if (!vastus_criteria_set_validate (self, error))
    {
      /* Taken either way: freed with the set's last element. */
      g_ptr_array_remove_index (self->criteria, self->criteria->len - 1);
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_criteria_set_remove_criterion (VastusCriteriaSet *self,
                                      const char        *id,
                                      GError           **error)
{
  g_return_val_if_fail (self != NULL && id != NULL, FALSE);

  for (guint i = 0; i < self->criteria->len; i++)
    if (g_strcmp0 (((VastusCriterion *) g_ptr_array_index (self->criteria, i))->id, id) == 0)
      {
        if (self->criteria->len == 1)
          return invalid (error, self->id, id,
                          _("a set needs at least one criterion: add the new one first."));
        g_ptr_array_remove_index (self->criteria, i);
        return TRUE;
      }
  g_set_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_NOT_FOUND,
               /* Translators: the first %s is the criteria set's id, the second the criterion id
                * that was asked for */
               _("Criteria set “%s” has no criterion “%s”."), self->id, id);
  return FALSE;
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

const char *
vastus_criteria_set_text (const VastusCriteriaSet *set,
                          const char              *text)
{
  if (text == NULL)
    return "";
  return set->builtin ? _(text) : text;
}
