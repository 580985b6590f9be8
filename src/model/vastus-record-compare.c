/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "vastus-catalog.h"
#include "vastus-display.h"
#include "vastus-record-order.h"
#include "vastus-record-compare.h"

void
vastus_difference_free (VastusDifference *self)
{
  if (self == NULL)
    return;
  g_free (self->what);
  g_free (self->theirs);
  g_free (self->mine);
  g_free (self);
}

static GPtrArray *
differences_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_difference_free);
}

/* Takes @theirs and @mine (NULL: "—"). */
static void
add (GPtrArray  *differences,
     const char *what,
     char       *theirs,
     char       *mine)
{
  VastusDifference *d = g_new0 (VastusDifference, 1);

  d->what = g_strdup (what);
  d->theirs = theirs != NULL ? theirs : g_strdup ("—");
  d->mine = mine != NULL ? mine : g_strdup ("—");
  g_ptr_array_add (differences, d);
}

static void
compare_text (GPtrArray  *differences,
              const char *what,
              const char *theirs,
              const char *mine)
{
  /* No text and an empty one are the same: the form cannot tell them apart. */
  if (g_strcmp0 (theirs != NULL ? theirs : "", mine != NULL ? mine : "") != 0)
    add (differences, what,
         theirs != NULL && *theirs != '\0' ? g_strdup (theirs) : NULL,
         mine != NULL && *mine != '\0' ? g_strdup (mine) : NULL);
}

/* @format holds one %s for the number (a unit after it). */
static char *
format_quantity (const char *format,
                 double      value)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return NULL;
  number = vastus_display_number_exact_dup (value);
  return g_strdup_printf (format, number);
}

static void
compare_quantity (GPtrArray  *differences,
                  const char *what,
                  const char *format,
                  double      theirs,
                  double      mine)
{
  if (!vastus_same_number (theirs, mine))
    add (differences, what, format_quantity (format, theirs), format_quantity (format, mine));
}

static void
compare_findings (GPtrArray *differences,
                  guint      theirs,
                  guint      mine)
{
  const struct { VastusFinding finding; const char *label; } findings[] = {
    /* The findings as the visit form names them. */
    { VASTUS_FINDING_NO_SLR, N_("Cannot do a straight-leg raise") },
    { VASTUS_FINDING_NERVE_BLOCK, N_("Recent or active femoral nerve block") },
    { VASTUS_FINDING_DVT_SIGNS, N_("Signs of deep vein thrombosis") },
    { VASTUS_FINDING_INFECTION_SIGNS, N_("Signs of infection") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (findings); i++)
    if ((theirs & findings[i].finding) != (mine & findings[i].finding))
      add (differences, _(findings[i].label),
           /* Translators: a yes-or-no finding compared between two versions of a visit */
           g_strdup ((theirs & findings[i].finding) ? _("Yes") : /* Translators: as above */ _("No")),
           g_strdup ((mine & findings[i].finding) ? _("Yes") : _("No")));
}

/* Equal measure, side and trial: one value in both versions. */
static int
key_compare (const VastusMeasurement *a,
             const VastusMeasurement *b)
{
  if (g_strcmp0 (a->measure, b->measure) == 0 && a->side == b->side && a->trial == b->trial)
    return 0;
  return vastus_measurement_compare_for_export (a, b);
}

/* "312 N · knee 60° · belt": the value as the form shows it, with its test conditions. */
static char *
describe_value (const VastusMeasurement *m)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  GString *text = g_string_new (NULL);
  VastusFixation fixation;
  char *part;

  part = measure != NULL ? vastus_measure_format_value (measure, m->value, m->unit)
                         : vastus_display_number_exact_dup (m->value);
  g_string_append (text, part);
  g_free (part);
  /* Translators: a test condition beside a value: the knee's angle, e.g. "knee 60°" */
  if ((part = format_quantity (_("knee %s°"), m->knee_angle_deg)) != NULL)
    g_string_append_printf (text, " · %s", part);
  g_free (part);
  /* Translators: a test condition beside a value: the test's speed, e.g. "60°/s" */
  if ((part = format_quantity (_("%s°/s"), m->velocity_deg_s)) != NULL)
    g_string_append_printf (text, " · %s", part);
  g_free (part);
  /* Translators: a test condition beside a value: the dynamometer's lever arm, e.g. "lever
   * arm 0.35 m" */
  if ((part = format_quantity (_("lever arm %s m"), m->lever_arm_m)) != NULL)
    g_string_append_printf (text, " · %s", part);
  g_free (part);
  if (m->fixation != NULL)
    g_string_append_printf (text, " · %s", vastus_fixation_from_string (m->fixation, &fixation)
                                           ? vastus_fixation_label (fixation) : m->fixation);
  return g_string_free (text, FALSE);
}

/* Whether @visit has more than one trial of @m's measure and side. */
static gboolean
has_trials (const VastusVisit       *visit,
            const VastusMeasurement *m)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *other = g_ptr_array_index (visit->measurements, i);

      if (other->trial > 1 && other->side == m->side && g_strcmp0 (other->measure, m->measure) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Quadriceps strength (HHD), Left, trial 2" */
static char *
describe_what (const VastusMeasurement *m,
               gboolean                 trials)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  GString *what = g_string_new (measure != NULL ? vastus_measure_get_label (measure) : m->measure);

  if (m->side != VASTUS_SIDE_NONE)
    g_string_append_printf (what, ", %s", vastus_side_label (m->side));
  if (trials)
    {
      g_string_append (what, ", ");
      /* Translators: which trial of a value, after the measure and side (“Single hop, left,
       * trial 2”); %d is the trial's number */
      g_string_append_printf (what, _("trial %d"), m->trial);
    }
  return g_string_free (what, FALSE);
}

static void
add_value (GPtrArray               *differences,
           const VastusVisit       *theirs,
           const VastusVisit       *mine,
           const VastusMeasurement *their_m,
           const VastusMeasurement *my_m)
{
  const VastusMeasurement *m = their_m != NULL ? their_m : my_m;
  g_autofree char *what = describe_what (m, has_trials (theirs, m) || has_trials (mine, m));

  add (differences, what, their_m != NULL ? describe_value (their_m) : NULL,
       my_m != NULL ? describe_value (my_m) : NULL);
}

static GPtrArray *
sorted (const VastusVisit *visit)
{
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = 0; i < visit->measurements->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (visit->measurements, i));
  vastus_measurements_sort_for_export (copy);
  return copy;
}

static void
compare_date (GPtrArray   *differences,
              const char  *what,
              const GDate *theirs,
              const GDate *mine)
{
  if (!(g_date_valid (theirs) && g_date_valid (mine) ? g_date_compare (theirs, mine) == 0
                                                    : g_date_valid (theirs) == g_date_valid (mine)))
    add (differences, what, g_date_valid (theirs) ? vastus_display_date_dup (theirs) : NULL,
         g_date_valid (mine) ? vastus_display_date_dup (mine) : NULL);
}

GPtrArray *
vastus_patient_compare (const VastusPatient *theirs,
                        const VastusPatient *mine)
{
  GPtrArray *differences = differences_new ();

  g_return_val_if_fail (theirs != NULL && mine != NULL, differences);

  /* The patient form's fields, in its order. */
  compare_text (differences, _("MRN"), theirs->mrn, mine->mrn);
  /* Translators: a patient's field, beside its two values when the same record was changed on
   * two workstations (the patient form's label, in title case there) */
  compare_text (differences, _("Family Name"), theirs->family_name, mine->family_name);
  /* Translators: a patient's field, beside its two values when the record was changed on two
   * workstations */
  compare_text (differences, _("Given Names"), theirs->given_name, mine->given_name);
  /* Translators: a patient's field, beside its two values when the record was changed on two
   * workstations */
  compare_date (differences, _("Birth Date"), &theirs->birth_date, &mine->birth_date);
  if (theirs->sex != mine->sex)
    add (differences, _("Sex"), g_strdup (vastus_sex_label (theirs->sex)),
         g_strdup (vastus_sex_label (mine->sex)));
  /* Translators: free-text notes (a noun) of a patient or a visit, as a field's name */
  compare_text (differences, _("Notes"), theirs->notes, mine->notes);
  return differences;
}

GPtrArray *
vastus_episode_compare (const VastusEpisode *theirs,
                        const VastusEpisode *mine)
{
  GPtrArray *differences = differences_new ();

  g_return_val_if_fail (theirs != NULL && mine != NULL, differences);

  /* The episode form's fields, in its order. */
  if (theirs->condition != mine->condition)
    add (differences, _("Condition"), g_strdup (vastus_condition_label (theirs->condition)),
         g_strdup (vastus_condition_label (mine->condition)));
  if (theirs->involved_side != mine->involved_side)
    /* Translators: an episode of care's field: the injured or operated knee, beside its two
     * values when changed on two workstations */
    add (differences, _("Involved Side"),
         theirs->involved_side != VASTUS_SIDE_NONE ? g_strdup (vastus_side_label (theirs->involved_side)) : NULL,
         mine->involved_side != VASTUS_SIDE_NONE ? g_strdup (vastus_side_label (mine->involved_side)) : NULL);
  /* Translators: an episode of care's field, beside its two values when changed on two
   * workstations */
  compare_date (differences, _("Injury Date"), &theirs->injury_date, &mine->injury_date);
  /* Translators: an episode of care's field, beside its two values when changed on two
   * workstations */
  compare_date (differences, _("Surgery Date"), &theirs->surgery_date, &mine->surgery_date);
  /* Translators: an episode of care's field: the surgeon who operated, as the form and the
   * report name it */
  compare_text (differences, _("Surgeon"), theirs->surgeon, mine->surgeon);
  /* Translators: an episode of care's field: what the surgeon did, beside its two values when
   * changed on two workstations */
  compare_text (differences, _("Procedure Details"), theirs->procedure, mine->procedure);
  /* Translators: an episode of care's field: what the surgeon forbids for now (no running …),
   * beside its two values when changed on two workstations */
  compare_text (differences, _("Surgeon’s Restrictions"), theirs->restrictions,
                mine->restrictions);
  compare_date (differences, _("No Maximal Testing Before"), &theirs->no_max_test_before,
                &mine->no_max_test_before);
  /* Translators: an episode of care's field: the physiotherapist in charge, beside its two
   * values when changed on two workstations */
  compare_text (differences, _("Treating Therapist"), theirs->treating_therapist,
                mine->treating_therapist);
  return differences;
}

/* "≥ 90 %": a criterion's requirement as the set's editor shows it (comparator, threshold,
 * unit). */
static char *
describe_requirement (const VastusCriterion *criterion)
{
  static const char *symbols[] = { ">", "≥", "<", "≤" };
  g_autofree char *threshold = vastus_display_number_exact_dup (criterion->threshold);
  const char *symbol = (guint) criterion->comparator < G_N_ELEMENTS (symbols)
                       ? symbols[criterion->comparator] : "?";

  if (criterion->unit == NULL || *criterion->unit == '\0')
    return g_strdup_printf ("%s %s", symbol, threshold);
  return g_strdup_printf ("%s %s %s", symbol, threshold, criterion->unit);
}

static const VastusCriterion *
find_criterion (const VastusCriteriaSet *set,
                const char              *id)
{
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *criterion = g_ptr_array_index (set->criteria, i);

      if (g_strcmp0 (criterion->id, id) == 0)
        return criterion;
    }
  return NULL;
}

GPtrArray *
vastus_criteria_set_compare (const VastusCriteriaSet *theirs,
                             const VastusCriteriaSet *mine)
{
  GPtrArray *differences = differences_new ();

  g_return_val_if_fail (theirs != NULL && mine != NULL, differences);

  /* The editor's order: the title, the criteria in their version's order, then those only
   * typed here in theirs. */
  /* Translators: a criteria set's field: its name, beside its two values when changed on two
   * workstations */
  compare_text (differences, _("Title"), theirs->title, mine->title);
  for (guint i = 0; i < theirs->criteria->len; i++)
    {
      const VastusCriterion *their = g_ptr_array_index (theirs->criteria, i);
      const VastusCriterion *my = find_criterion (mine, their->id);
      g_autofree char *their_text = describe_requirement (their);
      g_autofree char *my_text = my != NULL ? describe_requirement (my) : NULL;

      if (g_strcmp0 (their_text, my_text) == 0)
        continue;
      if (my == NULL)
        add (differences, their->label, g_steal_pointer (&their_text), NULL);
      else
        {
          /* A label often says its threshold ("… at least 90 %"): one label above two
           * requirements would show one side's as both's. Each side's label with its own
           * requirement, or one label that says they differ. */
          g_autofree char *what = NULL;

          if (g_strcmp0 (their->label, my->label) == 0)
            /* Translators: a criterion's label (which may name a threshold), above two
             * versions of what it requires that differ */
            what = g_strdup_printf (_("%s (the two versions’ thresholds differ)"), their->label);
          else
            {
              g_autofree char *their_line = g_steal_pointer (&their_text);
              g_autofree char *my_line = g_steal_pointer (&my_text);

              /* Translators: a criterion's label in the other clinician's version, then in
               * the version typed here */
              what = g_strdup_printf (_("%s / %s"), their->label, my->label);
              /* Translators: a version's criterion label, then what it requires ("≥ 90 %") */
              their_text = g_strdup_printf (_("%s: %s"), their->label, their_line);
              my_text = g_strdup_printf (_("%s: %s"), my->label, my_line);
            }
          add (differences, what, g_steal_pointer (&their_text), g_steal_pointer (&my_text));
        }
    }
  for (guint i = 0; i < mine->criteria->len; i++)
    {
      const VastusCriterion *my = g_ptr_array_index (mine->criteria, i);

      if (find_criterion (theirs, my->id) == NULL)
        add (differences, my->label, NULL, describe_requirement (my));
    }
  return differences;
}

GPtrArray *
vastus_visit_compare (const VastusVisit *theirs,
                      const VastusVisit *mine)
{
  GPtrArray *differences = differences_new ();
  g_autoptr(GPtrArray) their_values = sorted (theirs);
  g_autoptr(GPtrArray) my_values = sorted (mine);
  guint t = 0, m = 0;

  g_return_val_if_fail (theirs != NULL && mine != NULL, differences);

  compare_date (differences, _("Date"), &theirs->date, &mine->date);
  /* Translators: a visit's field: who saw the patient (a physiotherapist or doctor), beside its
   * two values when the visit was changed on two workstations */
  compare_text (differences, _("Clinician"), theirs->clinician, mine->clinician);
  /* Translators: a body mass in kilograms, e.g. "72.5 kg" */
  compare_quantity (differences, _("Body mass"), _("%s kg"), theirs->body_mass_kg, mine->body_mass_kg);
  /* Translators: a height in centimetres, e.g. "178 cm" */
  compare_quantity (differences, _("Height"), _("%s cm"), theirs->height_cm, mine->height_cm);
  compare_text (differences, _("Notes"), theirs->notes, mine->notes);
  compare_findings (differences, theirs->findings, mine->findings);

  /* The values of both, merged in catalog order. */
  while (t < their_values->len || m < my_values->len)
    {
      const VastusMeasurement *a = t < their_values->len ? g_ptr_array_index (their_values, t) : NULL;
      const VastusMeasurement *b = m < my_values->len ? g_ptr_array_index (my_values, m) : NULL;
      int cmp = a == NULL ? 1 : b == NULL ? -1 : key_compare (a, b);

      if (cmp == 0)
        {
          if (!vastus_measurement_same_reading (a, b))
            add_value (differences, theirs, mine, a, b);
          t++, m++;
        }
      else if (cmp < 0)
        add_value (differences, theirs, mine, a, NULL), t++;
      else
        add_value (differences, theirs, mine, NULL, b), m++;
    }
  return differences;
}
