/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-template"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-model-error.h"
#include "vastus-template.h"
#include "vastus-text.h"
#include "vastus-validate.h"

/* Built-in batteries (clinical-reference.md): what the ACL reconstruction criteria sets of each
 * phase judge, with the trials the protocols use — the highest of about 3 for hand-held and
 * isokinetic dynamometry (§0 rule 2, Kim 2014), the mean of 2 measured hops per limb (§1.8). */

typedef struct
{
  const char *measure;
  guint       trials;
} BuiltinItem;

typedef struct
{
  const char        *code;
  const char        *name;
  int                from_week;
  int                to_week;
  const char        *source;
  const BuiltinItem *items;
  guint              n_items;
} BuiltinTemplate;

/* The Delaware milestones up to the late-phase gate (§3.2): range of motion, effusion,
 * extension lag, quadriceps strength; thigh girth 10 cm above the patella as the atrophy screen
 * (§1.4). Hop and maximal tests wait until 12 weeks (§4, Adams 2012). */
static const BuiltinItem aclr_early[] = {
  { "pain_nrs", 1 },
  { "effusion_stroke", 1 },
  { "knee_extension", 1 },
  { "knee_flexion", 1 },
  { "extension_lag", 1 },
  { "thigh_girth_10", 1 },
  { "quadriceps_hhd", 3 },
};

/* Return to running, about 12 weeks after surgery (Rambaud 2018, §3.5): pain, effusion, range
 * of motion, quadriceps and hamstring strength, the single-leg hop, single-leg squat valgus. */
static const BuiltinItem aclr_running[] = {
  { "pain_nrs", 1 },
  { "effusion_stroke", 1 },
  { "knee_extension", 1 },
  { "knee_flexion", 1 },
  { "quadriceps_hhd", 3 },
  { "hamstrings_hhd", 3 },
  { "single_hop", 2 },
  { "single_leg_squat_valgus", 1 },
};

/* Return to sport from 9 months (Delaware-Oslo, §3.1; Grindem 2016): the quadriceps index by
 * MVIC, the four hop tests in the Noyes order (§1.8), KOS-ADLS and the global rating, and the
 * clinical impairments (effusion, range of motion). */
static const BuiltinItem aclr_sport[] = {
  { "effusion_stroke", 1 },
  { "knee_extension", 1 },
  { "knee_flexion", 1 },
  { "quadriceps_mvic", 3 },
  { "single_hop", 2 },
  { "timed_hop_6m", 2 },
  { "triple_hop", 2 },
  { "crossover_hop", 2 },
  { "kos_adls", 1 },
  { "global_rating", 1 },
};

static const BuiltinTemplate builtins[] = {
  { "aclr-early", N_("ACL reconstruction: early rehabilitation"), 0, 12,
    "Delaware ACLR practice guideline and milestones (clinical-reference.md §3.2); hand-held "
    "dynamometer, highest of 3 trials (Kim 2014)",
    aclr_early, G_N_ELEMENTS (aclr_early) },
  { "aclr-running", N_("ACL reconstruction: return to running"), 12, 39,
    "Rambaud 2018, Br J Sports Med 52:1437 (clinical-reference.md §3.5); hops: 2 measured "
    "trials per limb (§1.8)",
    aclr_running, G_N_ELEMENTS (aclr_running) },
  { "aclr-sport", N_("ACL reconstruction: return to sport"), 39, -1,
    "Delaware-Oslo criteria, Adams 2012 Table 5, Grindem 2016 (clinical-reference.md §3.1); "
    "hops in the Noyes order, 2 measured trials per limb (§1.8)",
    aclr_sport, G_N_ELEMENTS (aclr_sport) },
};

static void
measure_free (VastusTemplateMeasure *item)
{
  g_free (item->measure);
  g_free (item->unit);
  g_free (item);
}

VastusTemplate *
vastus_template_new (void)
{
  VastusTemplate *self = g_new0 (VastusTemplate, 1);

  self->any_condition = TRUE;
  self->condition = VASTUS_CONDITION_OTHER;
  self->to_week = -1;
  self->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) measure_free);
  return self;
}

VastusTemplate *
vastus_template_copy (const VastusTemplate *self)
{
  VastusTemplate *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = vastus_template_new ();
  copy->id = self->id;
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->any_condition = self->any_condition;
  copy->condition = self->condition;
  copy->from_week = self->from_week;
  copy->to_week = self->to_week;
  copy->source = g_strdup (self->source);
  copy->builtin = self->builtin;
  for (guint i = 0; i < self->measures->len; i++)
    {
      const VastusTemplateMeasure *item = g_ptr_array_index (self->measures, i);

      vastus_template_add_measure (copy, item->measure, item->trials, item->unit);
    }
  return copy;
}

void
vastus_template_free (VastusTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self->source);
  g_ptr_array_unref (self->measures);
  g_free (self);
}

gboolean
vastus_template_equal (const VastusTemplate *a,
                       const VastusTemplate *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->id != b->id || g_strcmp0 (a->code, b->code) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      a->any_condition != b->any_condition || (!a->any_condition && a->condition != b->condition) ||
      a->from_week != b->from_week || a->to_week != b->to_week ||
      g_strcmp0 (a->source, b->source) != 0 || a->builtin != b->builtin ||
      a->measures->len != b->measures->len)
    return FALSE;
  for (guint i = 0; i < a->measures->len; i++)
    {
      const VastusTemplateMeasure *x = g_ptr_array_index (a->measures, i);
      const VastusTemplateMeasure *y = g_ptr_array_index (b->measures, i);

      if (g_strcmp0 (x->measure, y->measure) != 0 || x->trials != y->trials ||
          g_strcmp0 (x->unit, y->unit) != 0)
        return FALSE;
    }
  return TRUE;
}

void
vastus_template_add_measure (VastusTemplate *self,
                          const char     *measure,
                          guint           trials,
                          const char     *unit)
{
  VastusTemplateMeasure *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (measure != NULL);

  item = g_new0 (VastusTemplateMeasure, 1);
  item->measure = g_strdup (measure);
  item->trials = trials;
  item->unit = g_strdup (unit);
  g_ptr_array_add (self->measures, item);
}

const VastusTemplateMeasure *
vastus_template_find (const VastusTemplate *self,
                      const char           *measure)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->measures->len; i++)
    {
      const VastusTemplateMeasure *item = g_ptr_array_index (self->measures, i);

      if (g_strcmp0 (item->measure, measure) == 0)
        return item;
    }
  return NULL;
}

const char *
vastus_template_get_name (const VastusTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->builtin && self->code != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
      if (g_str_equal (builtins[i].code, self->code))
        return _(builtins[i].name);
  return self->name;
}

char *
vastus_template_describe (const VastusTemplate *self)
{
  const char *condition;

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: a test battery's condition when it is for any condition */
  condition = self->any_condition ? _("Any condition") : vastus_condition_label (self->condition);
  if (self->from_week == 0 && self->to_week < 0)
    return g_strdup (condition);
  if (self->to_week < 0)
    /* Translators: a test battery's phase, e.g. "ACL reconstruction · from week 39" */
    return g_strdup_printf (_("%s · from week %d"), condition, self->from_week);
  /* Translators: a test battery's phase, e.g. "ACL reconstruction · weeks 12–39": from week 12
   * up to (not including) week 39 */
  return g_strdup_printf (_("%s · weeks %d–%d"), condition, self->from_week, self->to_week);
}

static void
add (GPtrArray  *problems,
     const char *field,
     const char *message)
{
  vastus_problem_add (problems, field, FALSE, VASTUS_VALIDATION_ERROR_TEMPLATE, message);
}

static void
check_item (const VastusTemplateMeasure *item,
            GHashTable               *seen,
            GPtrArray                *problems)
{
  const VastusMeasure *measure = vastus_catalog_lookup (item->measure);
  g_autofree char *field = g_strdup_printf ("measures/%s", item->measure);
  g_autofree char *message = NULL;
  const char *label;

  if (measure == NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (item->measure);

      /* Translators: %s is the measure code a test battery names, as written; a code stays in
       * English */
      message = g_strdup_printf (_("“%s” is not a measure Vastus knows."), quoted);
      add (problems, field, message);
      return;
    }
  label = vastus_measure_get_label (measure);
  if (!g_hash_table_add (seen, item->measure))
    {
      /* Translators: %s is a measure's name; a battery is a clinic's set of tests for a visit */
      message = g_strdup_printf (_("%s is in the battery twice."), label);
      add (problems, field, message);
      return;
    }
  if (item->trials < 1 || item->trials > VASTUS_MAX_TRIALS)
    /* Translators: %s is a measure's name; the plural follows the number of trials */
    message = g_strdup_printf (ngettext ("%s: %u trial is not possible; use 1 to %d.",
                                         "%s: %u trials is not possible; use 1 to %d.", item->trials), label,
                               item->trials, VASTUS_MAX_TRIALS);
  else if (item->trials > 1 && !vastus_measure_takes_trials (measure))
    /* Translators: %s is a measure's name; trials are the repeated attempts of a test */
    message = g_strdup_printf (_("%s is entered once: it has no trials."), label);
  else if (item->unit != NULL && !vastus_measure_accepts_unit (measure, item->unit))
    {
      g_autofree char *accepted = g_strjoinv (", ", (char **) measure->input_units);
      g_autofree char *quoted = vastus_text_excerpt (item->unit);

      /* Translators: the first %s is the measure's name, the second the unit given, the third
       * the units accepted, comma-separated */
      message = g_strdup_printf (_("%s: the unit “%s” is not accepted (use %s)."), label, quoted,
                                 accepted);
    }
  if (message != NULL)
    add (problems, field, message);
}

GPtrArray *
vastus_template_check (const VastusTemplate *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *name = g_strstrip (g_strdup (self->name != NULL ? self->name : ""));
  glong length = g_utf8_strlen (name, -1);

  g_return_val_if_fail (self != NULL, problems);

  if (length == 0)
    add (problems, "name", _("The battery’s name is required."));
  else if (length > VASTUS_TEMPLATE_NAME_MAX_CHARS)
    {
      g_autofree char *message =
        /* Translators: %ld is the length of the name given, %d the most characters a name may
         * have */
        g_strdup_printf (ngettext ("The name is %ld character long; the limit is %d.",
                                   "The name is %ld characters long; the limit is %d.", (gulong) length), length,
                         VASTUS_TEMPLATE_NAME_MAX_CHARS);

      add (problems, "name", message);
    }
  /* Translators: the subject of a text check's message ("The name has a control character …") */
  vastus_text_check (problems, "name", _("The name"), self->name, VASTUS_TEXT_LINE);

  if (self->from_week < 0 || self->from_week > VASTUS_TEMPLATE_MAX_WEEK)
    {
      g_autofree char *message =
        /* Translators: %d is the week given, the second %d the latest week a phase may start */
        g_strdup_printf (_("The phase cannot start at week %d: use 0 to %d."), self->from_week,
                         VASTUS_TEMPLATE_MAX_WEEK);

      add (problems, "from_week", message);
    }
  if (self->to_week >= 0 && (self->to_week <= self->from_week ||
                             self->to_week > VASTUS_TEMPLATE_MAX_WEEK))
    {
      g_autofree char *message =
        self->to_week <= self->from_week
        /* Translators: the first %d is the phase's last week, the second its first week */
        ? g_strdup_printf (_("The phase ends at week %d, which is not after its start, week %d."),
                           self->to_week, self->from_week)
        /* Translators: the first %d is the week given, the second the latest week a phase may
         * end */
        : g_strdup_printf (_("The phase cannot end at week %d: use a week up to %d, or none."),
                           self->to_week, VASTUS_TEMPLATE_MAX_WEEK);

      add (problems, "to_week", message);
    }

  if (self->measures->len == 0)
    add (problems, "measures", _("A battery needs at least one measure."));
  for (guint i = 0; i < self->measures->len; i++)
    check_item (g_ptr_array_index (self->measures, i), seen, problems);
  return problems;
}

gboolean
vastus_template_fits (const VastusTemplate *self,
                      const VastusEpisode  *episode,
                      const GDate          *date)
{
  const GDate *index;
  double weeks;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (episode != NULL, FALSE);

  if (!self->any_condition && self->condition != episode->condition)
    return FALSE;
  if (self->from_week == 0 && self->to_week < 0)
    return TRUE;
  index = vastus_episode_get_index_date (episode);
  if (index == NULL || date == NULL || !g_date_valid (date))
    return FALSE;
  /* Unrounded: week 12 begins on day 84. */
  weeks = g_date_days_between (index, date) / 7.0;
  return weeks >= self->from_week && (self->to_week < 0 || weeks < self->to_week);
}

const VastusTemplate *
vastus_template_choose (GPtrArray           *templates,
                        gint64               last_id,
                        const VastusEpisode *episode,
                        const GDate         *date)
{
  g_return_val_if_fail (templates != NULL, NULL);
  g_return_val_if_fail (episode != NULL, NULL);

  for (guint i = 0; last_id != 0 && i < templates->len; i++)
    {
      const VastusTemplate *t = g_ptr_array_index (templates, i);

      if (t->id == last_id)
        return t;
    }
  /* The clinic's own, then built-in ones; for the condition, then for any. */
  for (guint pass = 0; pass < 4; pass++)
    for (guint i = 0; i < templates->len; i++)
      {
        const VastusTemplate *t = g_ptr_array_index (templates, i);

        if (t->builtin == (pass >= 2) && t->any_condition == (pass % 2 == 1) &&
            vastus_template_fits (t, episode, date))
          return t;
      }
  return NULL;
}

GPtrArray *
vastus_template_builtins (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_template_free);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      VastusTemplate *t = vastus_template_new ();

      t->code = g_strdup (builtins[i].code);
      t->name = g_strdup (builtins[i].name);
      t->any_condition = FALSE;
      t->condition = VASTUS_CONDITION_ACLR;
      t->from_week = builtins[i].from_week;
      t->to_week = builtins[i].to_week;
      t->source = g_strdup (builtins[i].source);
      t->builtin = TRUE;
      for (guint k = 0; k < builtins[i].n_items; k++)
        vastus_template_add_measure (t, builtins[i].items[k].measure, builtins[i].items[k].trials, NULL);
      g_ptr_array_add (all, t);
    }
  return all;
}
