/* vastus-fhir-import-observation.c: what an Observation, a QuestionnaireResponse and a
 * ClinicalImpression add to a visit
 *
 * An Observation is a measurement when its code has a Vastus measure code or a LOINC code Vastus
 * knows (the two must agree when both are there), a vital sign (body weight, body height), or a
 * derived value (LSI, EPIC, a criterion's result), which is left out: Vastus computes those again.
 * Its trials are its "trial" components (each value converted from its text by
 * vastus_unit_number_to_stored, from the UCUM unit given), or, without any, its value as trial
 * 1; the value must be the trials combined per the catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-fhir"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-fhir-import-private.h"
#include "vastus-instrument.h"
#include "vastus-record-order.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* A JSON number's value in the stored unit of @measure, from a Quantity: the UCUM unit given
 * (*@unit receives the Vastus unit) and the number's text. */
static gboolean
read_quantity (Import               *im,
               const Entry          *entry,
               JsonObject           *quantity,
               const char           *field,
               const VastusMeasure  *measure,
               double               *stored,
               const char          **unit,
               GError              **error)
{
  JsonNode *value = json_object_get_member (quantity, "value");
  const char *ucum = fhir_get_string (quantity, "code");
  char text[VASTUS_NUMBER_BUF_SIZE];
  GType type;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      ((type = json_node_get_value_type (value)) != G_TYPE_DOUBLE && type != G_TYPE_INT64))
    /* Translators: %s is a FHIR element (value): a code, keep it as it is */
    return import_fail (im, error, entry, field, _("a number is needed in %s"), "value");
  if (type == G_TYPE_DOUBLE && !isfinite (json_node_get_double (value)))
    return import_fail (im, error, entry, field, _("the value is too large a number"));
  if (g_strcmp0 (fhir_get_string (quantity, "system"), FHIR_UCUM) != 0 || ucum == NULL)
    /* Translators: %1$s and %3$s are FHIR elements (system, code), %2$s the address of UCUM:
     * codes, keep them as they are */
    return import_fail (im, error, entry, field, _("a UCUM unit is needed (%1$s %2$s, and its %3$s)"),
                        "system", FHIR_UCUM, "code");
  *unit = fhir_unit_for_ucum (ucum);
  if (*unit == NULL || !vastus_measure_accepts_unit (measure, *unit))
    /* Translators: %1$s is a UCUM unit, %2$s a measure's code, %3$s the measure's UCUM unit:
     * codes, keep them as they are */
    return import_fail (im, error, entry, field, _("“%1$s” is not a unit of %2$s (in UCUM: %3$s)"), ucum,
                        measure->code, fhir_ucum_for_unit (measure->unit));
  if (type == G_TYPE_INT64)
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, json_node_get_int (value));
  else
    vastus_number_format (json_node_get_double (value), text);
  if (!vastus_unit_number_to_stored (*unit, text, stored))
    /* Translators: %1$s is a number, %2$s its UCUM unit, %3$s the unit Vastus stores: units as
     * the file writes them, keep them as they are */
    return import_fail (im, error, entry, field, _("%1$s %2$s cannot be converted to %3$s"), text, ucum,
                        measure->unit);
  return TRUE;
}

/* A JSON number (not a string or a boolean), finite. */
static gboolean
json_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* value[x] of @object (an Observation or a component) for @measure. */
static gboolean
read_value (Import               *im,
            const Entry          *entry,
            JsonObject           *object,
            const char           *field,
            const VastusMeasure  *measure,
            double               *stored,
            const char          **unit,
            GError              **error)
{
  g_autofree char *at = NULL;

  if (measure->kind == VASTUS_VALUE_GRADE)
    {
      const char *code = fhir_concept_code (fhir_get_object (object, "valueCodeableConcept"), FHIR_CS_GRADE);
      VastusGrade grade;

      at = g_strdup_printf ("%svalueCodeableConcept", field);
      if (code == NULL || !vastus_grade_parse (code, &grade, NULL))
        /* Translators: %1$s is a code system's URI, %2$s the grades' codes as the file writes
         * them: keep them as they are */
        return import_fail (im, error, entry, at, _("an effusion grade of %1$s (%2$s) is needed"),
                            FHIR_CS_GRADE, "0, trace, 1+, 2+, 3+");
      *stored = grade;
      *unit = "grade";
      return TRUE;
    }
  if (measure->kind == VASTUS_VALUE_BOOL)
    {
      JsonNode *node = json_object_get_member (object, "valueBoolean");

      at = g_strdup_printf ("%svalueBoolean", field);
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        /* Translators: %1$s and %2$s are the JSON values true and false: codes, keep them as
         * they are */
        return import_fail (im, error, entry, at, _("a yes or no (%1$s or %2$s) is needed"), "true",
                            "false");
      *stored = json_node_get_boolean (node) ? 1 : 0;
      *unit = "bool";
      return TRUE;
    }
  at = g_strdup_printf ("%svalueQuantity", field);
  if (fhir_get_object (object, "valueQuantity") == NULL)
    /* Translators: %s is a FHIR data type (Quantity): a code, keep it as it is */
    return import_fail (im, error, entry, at, _("a value of type %s is needed"), "Quantity");
  return read_quantity (im, entry, fhir_get_object (object, "valueQuantity"), at, measure, stored, unit, error);
}

/* A test condition from a component's valueQuantity or a trial's extension. */
static gboolean
read_condition (Import             *im,
                const Entry        *entry,
                const char         *field,
                FhirComponent       component,
                JsonNode           *value,
                VastusMeasurement  *m,
                GError            **error)
{
  static const char *const ucum[] = {
    [FHIR_COMPONENT_KNEE_ANGLE] = "deg", [FHIR_COMPONENT_VELOCITY] = "deg/s", [FHIR_COMPONENT_LEVER_ARM] = "m",
  };
  JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

  if (component == FHIR_COMPONENT_FIXATION)
    {
      const char *code = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value)
                         : fhir_concept_code (object, FHIR_CS_FIXATION);
      VastusFixation fixation;

      if (!vastus_fixation_from_string (code, &fixation))
        /* Translators: %1$s, %2$s and %3$s are the fixations' codes (belt, frame, manual) as the
         * file writes them: keep them as they are */
        return import_fail (im, error, entry, field, _("the fixation must be %1$s, %2$s or %3$s"),
                            "belt", "frame", "manual");
      g_free (m->fixation);
      m->fixation = g_strdup (code);
      return TRUE;
    }
  {
    JsonNode *number = json_object_get_member (object, "value");
    double *target = component == FHIR_COMPONENT_KNEE_ANGLE ? &m->knee_angle_deg
                     : component == FHIR_COMPONENT_VELOCITY ? &m->velocity_deg_s : &m->lever_arm_m;

    if (object == NULL || !json_number (number, target) ||
        g_strcmp0 (fhir_get_string (object, "code"), ucum[component]) != 0)
      /* Translators: %s is a UCUM unit: a code, keep it as it is */
      return import_fail (im, error, entry, field, _("a number in UCUM “%s” is needed"), ucum[component]);
  }
  return TRUE;
}

static const FhirComponent conditions[] = {
  FHIR_COMPONENT_KNEE_ANGLE, FHIR_COMPONENT_VELOCITY, FHIR_COMPONENT_LEVER_ARM, FHIR_COMPONENT_FIXATION,
};

static gboolean
read_trial (Import               *im,
            const Entry          *entry,
            JsonObject           *component,
            guint                 position,
            const VastusMeasure  *measure,
            VastusMeasurement    *m,
            GError              **error)
{
  g_autofree char *field = g_strdup_printf ("component[%u].", position);
  JsonNode *node;
  const char *unit = NULL;

  if ((node = fhir_extension_value (component, "trial-number", "valuePositiveInt")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > G_MAXINT)
        /* Translators: %s is the name of a FHIR extension (trial-number): a code, keep it as it
         * is */
        return import_fail (im, error, entry, field, _("the extension %s must be 1, 2, 3 …"),
                            "trial-number");
      m->trial = (int) json_node_get_int (node);
    }
  if (!read_value (im, entry, component, field, measure, &m->value, &unit, error))
    return FALSE;
  m->unit = g_intern_string (unit);
  if ((node = fhir_extension_value (component, "entered-unit", "valueCode")) != NULL)
    {
      const char *entered = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (entered == NULL || !vastus_measure_accepts_unit (measure, entered))
        /* Translators: %1$s is the name of a FHIR extension (entered-unit), %2$s a unit, %3$s a
         * measure's code: codes, keep them as they are */
        return import_fail (im, error, entry, field, _("the extension %1$s: “%2$s” is not a unit of %3$s"),
                            "entered-unit", entered != NULL ? entered : "", measure->code);
      m->unit = g_intern_string (entered);
    }
  if ((node = fhir_extension_value (component, "baseline", "valueBoolean")) != NULL)
    m->baseline = JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
  for (gsize c = 0; c < G_N_ELEMENTS (conditions); c++)
    {
      const char *key = conditions[c] == FHIR_COMPONENT_FIXATION ? "valueCode" : "valueQuantity";

      node = fhir_extension_value (component, fhir_component_code (conditions[c]), key);
      if (node != NULL && !read_condition (im, entry, field, conditions[c], node, m, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_vital (Import       *im,
            const Entry  *entry,
            const char   *loinc,
            GError      **error)
{
  JsonObject *quantity = fhir_get_object (entry->resource, "valueQuantity");
  JsonNode *value = json_object_get_member (quantity, "value");
  gboolean mass = g_str_equal (loinc, FHIR_LOINC_BODY_MASS);
  const char *ucum = mass ? "kg" : "cm";
  ImVisit *v;
  double number;

  if (!json_number (value, &number) || g_strcmp0 (fhir_get_string (quantity, "code"), ucum) != 0)
    return import_fail (im, error, entry, "valueQuantity", _("a number in UCUM “%s” is needed"), ucum);
  v = import_visit_for (im, entry, "subject", "effectiveDateTime", error);
  if (v == NULL)
    return FALSE;
  if (mass)
    v->visit->body_mass_kg = number;
  else
    v->visit->height_cm = number;
  return TRUE;
}

gboolean
import_observation (Import       *im,
                    const Entry  *entry,
                    GError      **error)
{
  JsonObject *code = fhir_get_object (entry->resource, "code");
  JsonArray *components = fhir_get_array (entry->resource, "component");
  const char *vastus = fhir_concept_code (code, FHIR_CS_MEASURE);
  const char *loinc = fhir_concept_code (code, FHIR_LOINC);
  const char *by_loinc = fhir_measure_for_loinc (loinc);
  const VastusMeasure *measure;
  g_autoptr(GPtrArray) trials = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_measurement_free);
  g_autoptr(VastusMeasurement) shared = vastus_measurement_new (NULL, VASTUS_SIDE_NONE, 1, 0, NULL);
  VastusSide side = VASTUS_SIDE_NONE;
  g_autofree char *seen_key = NULL;
  const char *unit = NULL;
  gboolean lateral, baseline = FALSE;
  double value, *values;
  JsonNode *node;
  ImVisit *v;

  /* Derived values: computed again from the record. */
  if (fhir_concept_code (code, FHIR_CS_SYMMETRY) != NULL || fhir_concept_code (code, FHIR_CS_CRITERION) != NULL)
    return TRUE;
  if (vastus == NULL && (g_strcmp0 (loinc, FHIR_LOINC_BODY_MASS) == 0 || g_strcmp0 (loinc, FHIR_LOINC_HEIGHT) == 0))
    return read_vital (im, entry, loinc, error);
  if (vastus != NULL && by_loinc != NULL && !g_str_equal (vastus, by_loinc))
    /* Translators: %1$s is a LOINC code, %2$s and %3$s measures' codes: keep them as they are */
    return import_fail (im, error, entry, "code", _("LOINC %1$s is %2$s, not %3$s"), loinc, by_loinc,
                        vastus);
  measure = vastus_history_lookup_measure (vastus != NULL ? vastus : by_loinc);
  if (measure == NULL)
    return import_fail (im, error, entry, "code",
                        /* Translators: %s is the measure code an Observation of the imported
                         * FHIR Bundle names; codes stay in English */
                        vastus != NULL ? _("“%s” is not a measure of the Vastus catalog")
                                       /* Translators: %s is the URI of Vastus's FHIR code system
                                        * for measures; an Observation of the imported Bundle has
                                        * none of its codes */
                                       : _("no code of %s or LOINC code that Vastus knows"),
                        vastus != NULL ? vastus : FHIR_CS_MEASURE);
  if (g_strcmp0 (fhir_get_string (entry->resource, "status"), "final") != 0 &&
      g_strcmp0 (fhir_get_string (entry->resource, "status"), "amended") != 0 &&
      g_strcmp0 (fhir_get_string (entry->resource, "status"), "corrected") != 0)
    return import_fail (im, error, entry, "status",
                        /* Translators: %1$s, %2$s and %3$s are FHIR statuses (final, amended,
                         * corrected), %4$s the file's: codes, keep them as they are */
                        _("only results with the status %1$s (or %2$s, %3$s) are imported, not “%4$s”"),
                        "final", "amended", "corrected",
                        fhir_get_string (entry->resource, "status") != NULL ? fhir_get_string (entry->resource, "status") : "");

  if (!import_laterality (im, entry, entry->resource, &side, &lateral, error))
    return FALSE;
  if (measure->two_sided && (!lateral || side == VASTUS_SIDE_BOTH))
    /* Translators: %s is a measure's code: keep it as it is */
    return import_fail (im, error, entry, "bodySite", _("%s is measured per side: the laterality left or right is needed"),
                        measure->code);
  if (!measure->two_sided && lateral)
    /* Translators: %s is a measure's code: keep it as it is */
    return import_fail (im, error, entry, "bodySite", _("%s has no sides"), measure->code);

  if ((node = fhir_extension_value (entry->resource, "baseline", "valueBoolean")) != NULL)
    baseline = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
               json_node_get_boolean (node);

  /* Test conditions shared by the trials */
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);
      FhirComponent kind = fhir_component_for_code (fhir_concept_code (fhir_get_object (component, "code"), FHIR_CS_COMPONENT));
      g_autofree char *field = g_strdup_printf ("component[%u]", i);

      if (kind == FHIR_COMPONENT_KNEE_ANGLE || kind == FHIR_COMPONENT_VELOCITY || kind == FHIR_COMPONENT_LEVER_ARM)
        {
          if (!read_condition (im, entry, field, kind, json_object_get_member (component, "valueQuantity"), shared, error))
            return FALSE;
        }
      else if (kind == FHIR_COMPONENT_FIXATION)
        {
          if (!read_condition (im, entry, field, kind, json_object_get_member (component, "valueCodeableConcept"), shared, error))
            return FALSE;
        }
      else if (kind != FHIR_COMPONENT_TRIAL)
        /* Translators: %s is the URI of Vastus's FHIR code system for an Observation's
         * components (trials, fixation …) */
        return import_fail (im, error, entry, field, _("a component Vastus does not know (its code is not one of %s)"),
                            FHIR_CS_COMPONENT);
    }
  /* The trials */
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);
      VastusMeasurement *m;

      if (fhir_component_for_code (fhir_concept_code (fhir_get_object (component, "code"), FHIR_CS_COMPONENT)) != FHIR_COMPONENT_TRIAL)
        continue;
      m = vastus_measurement_copy (shared);
      m->measure = g_intern_string (measure->code);
      m->side = side;
      m->trial = (int) trials->len + 1;
      m->baseline = baseline;
      g_ptr_array_add (trials, m);
      if (!read_trial (im, entry, component, i, measure, m, error))
        return FALSE;
      for (guint j = 0; j + 1 < trials->len; j++)
        if (((VastusMeasurement *) g_ptr_array_index (trials, j))->trial == m->trial)
          /* Translators: %d is a trial's number in an Observation of the imported FHIR Bundle */
          return import_fail (im, error, entry, "component", _("trial %d comes twice"), m->trial);
    }
  if (!read_value (im, entry, entry->resource, "", measure, &value, &unit, error))
    return FALSE;
  if (trials->len == 0)
    {
      VastusMeasurement *m = vastus_measurement_copy (shared);

      m->measure = g_intern_string (measure->code);
      m->side = side;
      m->value = value;
      m->unit = g_intern_string (unit);
      m->baseline = baseline;
      g_ptr_array_add (trials, m);
    }
  else
    {
      /* The value must be what the trials give. */
      double combined, tolerance;
      g_autoptr(GPtrArray) ordered = g_ptr_array_copy (trials, NULL, NULL);

      /* In trial order: "last" is the highest trial number. The copy borrows them. */
      g_ptr_array_set_free_func (ordered, NULL);
      vastus_measurements_sort_for_export (ordered);
      values = g_new (double, ordered->len);
      for (guint i = 0; i < ordered->len; i++)
        values[i] = ((VastusMeasurement *) g_ptr_array_index (ordered, i))->value;
      combined = vastus_measure_combine (measure, values, ordered->len);
      g_free (values);
      tolerance = 1e-9 * MAX (1.0, fabs (combined));
      if (!(fabs (combined - value) <= tolerance))
        {
          char given[VASTUS_NUMBER_BUF_SIZE], expected[VASTUS_NUMBER_BUF_SIZE];

          return import_fail (im, error, entry, "value[x]",
                              /* Translators: %1$s is the value in the file, %2$s the rule that
                               * combines the trials (max, mean, last: a code, keep it as it is),
                               * %3$s the value it gives, %4$s its unit */
                              _("%1$s is not what the rule “%2$s” gives for its trials (%3$s, in %4$s)"),
                              vastus_number_format (value, given), vastus_combine_to_string (measure->combine),
                              vastus_number_format (combined, expected), measure->unit);
        }
    }

  v = import_visit_for (im, entry, "subject", "effectiveDateTime", error);
  if (v == NULL)
    return FALSE;
  seen_key = g_strdup_printf ("%s/%s", measure->code, vastus_side_to_string (side));
  if (g_hash_table_contains (v->seen, seen_key))
    /* Translators: %1$s is a measure's code, %2$s a side as the file writes it (left, right,
     * none), %3$u the number of the entry that has it */
    return import_fail (im, error, entry, NULL, _("the visit has the measurement %1$s, side %2$s, in entry[%3$u] already"),
                        measure->code,
                        vastus_side_to_string (side), ((const Entry *) g_hash_table_lookup (v->seen, seen_key))->index);
  g_hash_table_insert (v->seen, g_steal_pointer (&seen_key), (gpointer) entry);
  while (trials->len > 0)
    {
      vastus_visit_add_measurement (v->visit, g_ptr_array_steal_index (trials, 0));
      g_array_append_val (v->sources, entry);
    }
  return TRUE;
}

gboolean
import_response (Import       *im,
                 const Entry  *entry,
                 GError      **error)
{
  const char *questionnaire = fhir_get_string (entry->resource, "questionnaire");
  JsonArray *items = fhir_get_array (entry->resource, "item");
  g_autoptr(VastusResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusInstrument *instrument;
  JsonNode *node;
  ImVisit *v;

  if (questionnaire == NULL || !g_str_has_prefix (questionnaire, FHIR_QUESTIONNAIRE) ||
      (instrument = vastus_instrument_lookup (questionnaire + strlen (FHIR_QUESTIONNAIRE))) == NULL)
    return import_fail (im, error, entry, "questionnaire",
                        /* Translators: %1$s is the start of a questionnaire's address, %2$s
                         * questionnaires' IDs: codes, keep them as they are */
                        _("not a questionnaire Vastus has (%1$s and its ID: %2$s …)"),
                        FHIR_QUESTIONNAIRE, "koos, ikdc");
  response = vastus_response_new (instrument->id);
  response->entered_by = VASTUS_ENTERED_BY_IMPORT;
  if ((node = fhir_extension_value (entry->resource, "entered-by", "valueCode")) != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) ||
       !vastus_entered_by_from_string (json_node_get_string (node), &response->entered_by)))
    /* Translators: %1$s is the name of a FHIR extension (entered-by), %2$s, %3$s and %4$s its
     * codes (staff, patient, import): keep them as they are */
    return import_fail (im, error, entry, "extension", _("the extension %1$s must be %2$s, %3$s or %4$s"),
                        "entered-by", "staff", "patient", "import");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *answers = fhir_get_array (item, "answer");
      JsonNode *points = answers != NULL && json_array_get_length (answers) == 1
                         ? json_object_get_member (json_array_get_object_element (answers, 0), "valueInteger") : NULL;
      g_autofree char *field = g_strdup_printf ("item[%u]", i);

      if (fhir_get_string (item, "linkId") == NULL)
        /* Translators: %s is a FHIR element (linkId): a code, keep it as it is */
        return import_fail (im, error, entry, field, _("%s (the item’s number) is needed"), "linkId");
      if (points == NULL || !JSON_NODE_HOLDS_VALUE (points) || json_node_get_value_type (points) != G_TYPE_INT64)
        /* Translators: %s is a FHIR element (valueInteger): a code, keep it as it is */
        return import_fail (im, error, entry, field, _("one answer with %s (the points marked) is needed"),
                            "valueInteger");
      if (vastus_response_get_answer (response, fhir_get_string (item, "linkId"), NULL))
        /* Translators: %s is a questionnaire item's id (“P1”) in a QuestionnaireResponse of the
         * imported FHIR Bundle */
        return import_fail (im, error, entry, field, _("item %s is answered twice"), fhir_get_string (item, "linkId"));
      vastus_response_set_answer (response, fhir_get_string (item, "linkId"), (int) json_node_get_int (points));
    }
  if (!vastus_response_check (response, &local_error))
    return import_fail (im, error, entry, "item", "%s", local_error->message);
  v = import_visit_for (im, entry, "subject", "authored", error);
  if (v == NULL)
    return FALSE;
  g_ptr_array_add (v->responses, g_steal_pointer (&response));
  g_array_append_val (v->response_sources, entry);
  return TRUE;
}

gboolean
import_impression (Import       *im,
                   const Entry  *entry,
                   GError      **error)
{
  JsonArray *findings = fhir_get_array (entry->resource, "finding");
  JsonArray *notes = fhir_get_array (entry->resource, "note");
  ImVisit *v = import_visit_for (im, entry, "subject", "effectiveDateTime", error);

  if (v == NULL)
    return FALSE;
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *code = fhir_concept_code (fhir_get_object (finding, "itemCodeableConcept"), FHIR_CS_FINDING);
      VastusFinding flag = fhir_finding_for_code (code);
      g_autofree char *field = g_strdup_printf ("finding[%u]", i);

      if (flag == VASTUS_FINDING_NONE)
        /* Translators: %1$s is a code system's URI, %2$s the findings' codes as the file writes
         * them: keep them as they are */
        return import_fail (im, error, entry, field, _("not a finding of %1$s (%2$s)"), FHIR_CS_FINDING,
                            "no-slr, nerve-block, dvt-signs, infection-signs");
      v->visit->findings |= flag;
    }
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      const char *text = fhir_get_string (json_array_get_object_element (notes, i), "text");
      char *joined;

      if (text == NULL)
        continue;
      joined = v->visit->notes != NULL ? g_strconcat (v->visit->notes, "\n", text, NULL) : g_strdup (text);
      g_free (v->visit->notes);
      v->visit->notes = joined;
    }
  return TRUE;
}
