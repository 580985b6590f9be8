/* vastus-fhir-observation.c: a visit's measurements as Observations
 *
 * One Observation per measure and side: status final, the visit's date, the value combined from
 * the trials per the catalog as value[x] (a Quantity in UCUM, an effusion grade as a coded
 * concept, yes/no as a boolean), every trial as a component ("trial", its number in the
 * extension trial-number, the unit it was entered in as entered-unit when that is not the stored
 * one), the test conditions shared by every trial as components (knee angle, velocity, lever arm,
 * fixation; a condition that differs between trials goes on each trial instead), the side as
 * bodySite with its SNOMED CT laterality, "baseline" when the trials are a pre-injury or
 * pre-operative reference. A score computed from a questionnaire is derived from its
 * QuestionnaireResponse. Body mass and height are the vital signs 29463-7 and 8302-2. LSI and
 * EPIC are Observations of their own, derived from the sides they divide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-fhir-private.h"
#include "vastus-instrument.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

static JsonObject *
category (const char *code)
{
  const char *display = g_str_equal (code, "survey") ? "Survey"
                        : g_str_equal (code, "vital-signs") ? "Vital Signs" : "Exam";

  return fhir_concept (FHIR_CATEGORY, code, display, NULL);
}

/* What every Observation of a visit starts with. */
static JsonObject *
observation_new (FhirVisit  *v,
                 const char *key,
                 char      **ref)
{
  return fhir_resource_new ("Observation", key, ref);
}

static void
observation_context (FhirVisit  *v,
                     JsonObject *observation,
                     const char *category_code,
                     JsonObject *code)
{
  FhirExport *export = v->episode->patient->export;
  const char *clinician = fhir_write_practitioner (export, v->visit->clinician);

  json_object_set_string_member (observation, "status", "final");
  fhir_append_object (observation, "category", category (category_code));
  json_object_set_object_member (observation, "code", code);
  json_object_set_object_member (observation, "subject", fhir_reference (v->episode->patient->ref));
  json_object_set_object_member (observation, "encounter", fhir_reference (v->ref));
  fhir_episode_set_date (v->episode, observation, "effectiveDateTime", &v->visit->date);
  if (clinician != NULL)
    fhir_append_object (observation, "performer", fhir_reference (clinician));
}

static JsonObject *
component_code (FhirComponent component,
                const char   *text)
{
  return fhir_concept (FHIR_CS_COMPONENT, fhir_component_code (component),
                       fhir_component_display (component), text);
}

/* A measurement's value as value[x] of @object. */
static void
set_value (JsonObject          *object,
           const VastusMeasure *measure,
           double               value)
{
  if (measure->kind == VASTUS_VALUE_GRADE)
    {
      const char *grade = vastus_grade_to_string ((VastusGrade) lround (value));

      json_object_set_object_member (object, "valueCodeableConcept",
                                     fhir_concept (FHIR_CS_GRADE, grade, NULL, grade));
    }
  else if (measure->kind == VASTUS_VALUE_BOOL)
    json_object_set_boolean_member (object, "valueBoolean", value != 0);
  else
    json_object_set_object_member (object, "valueQuantity", fhir_quantity (value, measure->unit));
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Test conditions: the number of a trial, else NAN / NULL. */
static double
condition_number (const VastusMeasurement *m,
                  FhirComponent            component)
{
  switch (component)
    {
    case FHIR_COMPONENT_KNEE_ANGLE:
      return m->knee_angle_deg;
    case FHIR_COMPONENT_VELOCITY:
      return m->velocity_deg_s;
    case FHIR_COMPONENT_LEVER_ARM:
      return m->lever_arm_m;
    default:
      return NAN;
    }
}

static JsonObject *
condition_quantity (FhirComponent component,
                    double        value)
{
  static const struct { const char *unit, *ucum; } units[] = {
    [FHIR_COMPONENT_KNEE_ANGLE] = { "°", "deg" },
    [FHIR_COMPONENT_VELOCITY] = { "°/s", "deg/s" },
    [FHIR_COMPONENT_LEVER_ARM] = { "m", "m" },
  };
  JsonObject *quantity = json_object_new ();

  json_object_set_double_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", units[component].unit);
  json_object_set_string_member (quantity, "system", FHIR_UCUM);
  json_object_set_string_member (quantity, "code", units[component].ucum);
  return quantity;
}

/* Whether every trial of @trials has the same value of @component. */
static gboolean
condition_shared (GPtrArray     *trials,
                  FhirComponent  component)
{
  const VastusMeasurement *first = g_ptr_array_index (trials, 0);

  for (guint i = 1; i < trials->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (trials, i);

      if (component == FHIR_COMPONENT_FIXATION ? g_strcmp0 (m->fixation, first->fixation) != 0
          : !vastus_same_number (condition_number (m, component), condition_number (first, component)))
        return FALSE;
    }
  return TRUE;
}

static const FhirComponent conditions[] = {
  FHIR_COMPONENT_KNEE_ANGLE, FHIR_COMPONENT_VELOCITY, FHIR_COMPONENT_LEVER_ARM, FHIR_COMPONENT_FIXATION,
};

/* Sets @component of @m on @object: as a component's value (@as_component), else as an
 * extension of a trial. Nothing when @m does not record it. */
static void
add_condition (JsonObject              *object,
               const VastusMeasurement *m,
               FhirComponent            component,
               gboolean                 as_component)
{
  JsonObject *target = object;
  JsonNode *value;
  const char *key;

  if (component == FHIR_COMPONENT_FIXATION)
    {
      if (m->fixation == NULL)
        return;
      if (as_component)
        {
          VastusFixation fixation;
          const char *display = vastus_fixation_from_string (m->fixation, &fixation)
                                ? (fixation == VASTUS_FIXATION_BELT ? "Belt"
                                   : fixation == VASTUS_FIXATION_FRAME ? "Frame" : "Held by hand")
                                : NULL;

          value = object_node (fhir_concept (FHIR_CS_FIXATION, m->fixation, display, NULL));
          key = "valueCodeableConcept";
        }
      else
        {
          value = fhir_string_node (m->fixation);
          key = "valueCode";
        }
    }
  else
    {
      double number = condition_number (m, component);

      if (isnan (number))
        return;
      value = object_node (condition_quantity (component, number));
      key = "valueQuantity";
    }

  if (as_component)
    {
      target = json_object_new ();
      json_object_set_object_member (target, "code", component_code (component, NULL));
      json_object_set_member (target, key, value);
      fhir_append_object (object, "component", target);
    }
  else
    fhir_add_extension (object, fhir_component_code (component), key, value);
}

static void
write_measurement (FhirVisit           *v,
                   const VastusMeasure *measure,
                   VastusSide           side,
                   GPtrArray           *trials)
{
  FhirExport *export = v->episode->patient->export;
  g_autofree char *key = g_strdup_printf ("%s|%s|%s", v->key, measure->code, vastus_side_to_string (side));
  char *ref = NULL;
  JsonObject *observation = observation_new (v, key, &ref);
  JsonObject *code = json_object_new ();
  const char *loinc = fhir_loinc_for_measure (measure->code);
  const VastusInstrument *instrument = NULL;
  gboolean all_baseline = TRUE, any_baseline = FALSE;
  gboolean shared[G_N_ELEMENTS (conditions)];

  for (guint i = 0; i < trials->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (trials, i);

      all_baseline = all_baseline && m->baseline;
      any_baseline = any_baseline || m->baseline;
    }
  if (all_baseline)
    fhir_add_extension (observation, "baseline", "valueBoolean", fhir_bool_node (TRUE));

  if (loinc != NULL)
    fhir_append_object (code, "coding", fhir_coding (FHIR_LOINC, loinc, NULL));
  fhir_append_object (code, "coding", fhir_coding (FHIR_CS_MEASURE, measure->code, measure->label));
  json_object_set_string_member (code, "text", measure->label);
  observation_context (v, observation, fhir_category_for_measure (measure), code);

  set_value (observation, measure,
             vastus_visit_combined_measure (v->visit, measure, side, VASTUS_TRIALS_ALL));
  if (side != VASTUS_SIDE_NONE)
    json_object_set_object_member (observation, "bodySite",
                                   fhir_body_site (fhir_site_for_measure (measure), side));

  if (measure->category == VASTUS_CATEGORY_QUESTIONNAIRE &&
      vastus_instrument_scale_for_measure (measure->code, &instrument) != NULL)
    {
      const char *response = g_hash_table_lookup (v->responses, instrument->id);

      if (response != NULL)
        fhir_append_object (observation, "derivedFrom", fhir_reference (response));
    }

  for (guint c = 0; c < G_N_ELEMENTS (conditions); c++)
    shared[c] = condition_shared (trials, conditions[c]);

  for (guint i = 0; i < trials->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (trials, i);
      JsonObject *component = json_object_new ();
      g_autofree char *text = g_strdup_printf ("Trial %d", m->trial);

      fhir_add_extension (component, "trial-number", "valuePositiveInt", fhir_int_node (m->trial));
      if (m->unit != NULL && !g_str_equal (m->unit, measure->unit) &&
          vastus_measure_accepts_unit (measure, m->unit))
        fhir_add_extension (component, "entered-unit", "valueCode", fhir_string_node (m->unit));
      if (any_baseline && !all_baseline && m->baseline)
        fhir_add_extension (component, "baseline", "valueBoolean", fhir_bool_node (TRUE));
      for (guint c = 0; c < G_N_ELEMENTS (conditions); c++)
        if (!shared[c])
          add_condition (component, m, conditions[c], FALSE);
      json_object_set_object_member (component, "code", component_code (FHIR_COMPONENT_TRIAL, text));
      set_value (component, measure, m->value);
      fhir_append_object (observation, "component", component);
    }
  for (guint c = 0; c < G_N_ELEMENTS (conditions); c++)
    if (shared[c])
      add_condition (observation, g_ptr_array_index (trials, 0), conditions[c], TRUE);

  g_hash_table_insert (v->observations, g_strdup_printf ("%s/%s", measure->code, vastus_side_to_string (side)),
                       g_strdup (ref));
  fhir_export_add (export, ref, observation);
  g_free (ref);
}

static void
write_vital (FhirVisit  *v,
             const char *loinc,
             const char *display,
             double      value,
             const char *ucum)
{
  g_autofree char *key = g_strdup_printf ("%s|loinc|%s", v->key, loinc);
  g_autofree char *ref = NULL;
  JsonObject *observation;
  JsonObject *quantity;

  if (isnan (value))
    return;
  observation = observation_new (v, key, &ref);
  observation_context (v, observation, "vital-signs", fhir_concept (FHIR_LOINC, loinc, display, display));
  quantity = json_object_new ();
  json_object_set_double_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", ucum);
  json_object_set_string_member (quantity, "system", FHIR_UCUM);
  json_object_set_string_member (quantity, "code", ucum);
  json_object_set_object_member (observation, "valueQuantity", quantity);
  fhir_export_add (v->episode->patient->export, ref, observation);
}

const char *
fhir_visit_observation (FhirVisit  *v,
                        const char *measure,
                        VastusSide  side)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", measure, vastus_side_to_string (side));

  return g_hash_table_lookup (v->observations, key);
}

/* The Observation of the baseline EPIC divides by: the latest visit up to @v dated @date with
 * @measure on @side. */
static const char *
baseline_observation (FhirVisit   *v,
                      const char  *measure,
                      VastusSide   side,
                      const GDate *date)
{
  for (guint i = v->index + 1; i > 0; i--)
    {
      FhirVisit *other = g_ptr_array_index (v->episode->visits, i - 1);
      const char *ref;

      if (g_date_valid (&other->visit->date) && g_date_compare (&other->visit->date, date) == 0 &&
          (ref = fhir_visit_observation (other, measure, side)) != NULL)
        return ref;
    }
  return NULL;
}

static void
write_index (FhirVisit           *v,
             const VastusMeasure *measure,
             const char          *code,
             const char          *display,
             double               value,
             const char          *from,
             const char          *to)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%s", v->key, measure->code, code);
  g_autofree char *text = g_strdup_printf ("%s: %s", measure->label, display);
  g_autofree char *ref = NULL;
  JsonObject *observation = observation_new (v, key, &ref);
  JsonObject *quantity = json_object_new ();

  observation_context (v, observation, fhir_category_for_measure (measure),
                       fhir_concept (FHIR_CS_SYMMETRY, code, display, text));
  json_object_set_double_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", "%");
  json_object_set_string_member (quantity, "system", FHIR_UCUM);
  json_object_set_string_member (quantity, "code", "%");
  json_object_set_object_member (observation, "valueQuantity", quantity);
  fhir_append_object (observation, "derivedFrom", fhir_reference (from));
  fhir_append_object (observation, "derivedFrom", fhir_reference (to));
  fhir_export_add (v->episode->patient->export, ref, observation);
}

static void
write_indices (FhirVisit *v)
{
  VastusHistory *history = v->episode->history;
  VastusSide involved = vastus_history_involved_side (history);
  VastusSide uninvolved = vastus_history_uninvolved_side (history);

  if (involved == VASTUS_SIDE_NONE)
    return;
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (i);
      const char *now = fhir_visit_observation (v, measure->code, involved);
      VastusSymmetry symmetry;

      if (!measure->two_sided || vastus_symmetry_kind (measure) != VASTUS_SYMMETRY_RATIO || now == NULL ||
          !vastus_symmetry_compute (history, v->index, measure->code, &symmetry))
        continue;
      if (isfinite (symmetry.lsi))
        write_index (v, measure, "lsi", "Limb symmetry index", symmetry.lsi, now,
                     fhir_visit_observation (v, measure->code, uninvolved));
      if (isfinite (symmetry.epic))
        {
          const char *baseline = baseline_observation (v, measure->code, uninvolved, &symmetry.baseline_date);

          if (baseline != NULL)
            write_index (v, measure, "epic", "Estimated pre-injury capacity", symmetry.epic, now, baseline);
        }
    }
}

void
fhir_write_observations (FhirVisit *v)
{
  GPtrArray *measurements = v->visit->measurements;

  write_vital (v, FHIR_LOINC_BODY_MASS, "Body weight", v->visit->body_mass_kg, "kg");
  write_vital (v, FHIR_LOINC_HEIGHT, "Body height", v->visit->height_cm, "cm");

  /* The measurements are in export order: each measure and side's trials together. */
  for (guint i = 0; i < measurements->len;)
    {
      const VastusMeasurement *first = g_ptr_array_index (measurements, i);
      const VastusMeasure *measure = vastus_history_lookup_measure (first->measure);
      g_autoptr(GPtrArray) trials = g_ptr_array_new ();
      guint j = i;

      for (; j < measurements->len; j++)
        {
          const VastusMeasurement *m = g_ptr_array_index (measurements, j);

          if (!g_str_equal (m->measure, first->measure) || m->side != first->side)
            break;
          g_ptr_array_add (trials, (gpointer) m);
        }
      if (measure != NULL)
        write_measurement (v, measure, first->side, trials);
      i = j;
    }
  write_indices (v);
}
