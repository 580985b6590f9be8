/* vastus-fhir-codes.c: the codes a Vastus FHIR Bundle uses, in one table each, read both ways
 *
 * LOINC where one exists for a measure (the list: pain NRS and the KOOS subscales), and
 * the vital signs; otherwise the Vastus CodeSystem FHIR_CS_MEASURE, whose codes are the catalog
 * codes. UCUM for units; SNOMED CT for body sites and laterality.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vastus-fhir-private.h"

static const struct
{
  const char *measure;
  const char *loinc;
} loinc_codes[] = {
  { "pain_nrs", "72514-3" },
  { "koos_pain", "72102-7" },
  { "koos_symptoms", "72101-9" },
  { "koos_adl", "72100-1" },
  { "koos_sport", "72099-5" },
  { "koos_qol", "72098-7" },
};

const char *
fhir_loinc_for_measure (const char *measure)
{
  for (gsize i = 0; i < G_N_ELEMENTS (loinc_codes); i++)
    if (g_str_equal (loinc_codes[i].measure, measure))
      return loinc_codes[i].loinc;
  return NULL;
}

const char *
fhir_measure_for_loinc (const char *loinc)
{
  for (gsize i = 0; loinc != NULL && i < G_N_ELEMENTS (loinc_codes); i++)
    if (g_str_equal (loinc_codes[i].loinc, loinc))
      return loinc_codes[i].measure;
  return NULL;
}

/* Vastus unit codes (vastus-units.h) and UCUM. kg as a force (a dynamometer that shows kg) has
 * no UCUM counterpart: kg is a mass. Grades and yes/no are not quantities. */
static const struct
{
  const char *unit;
  const char *ucum;
} ucum_units[] = {
  { "N", "N" },
  { "lbf", "[lbf_av]" },
  { "kgf", "kgf" },
  { "Nm", "N.m" },
  { "cm", "cm" },
  { "mm", "mm" },
  { "in", "[in_i]" },
  { "s", "s" },
  { "deg", "deg" },
  { "count", "{count}" },
  { "points", "{score}" },
};

const char *
fhir_ucum_for_unit (const char *unit)
{
  for (gsize i = 0; unit != NULL && i < G_N_ELEMENTS (ucum_units); i++)
    if (g_str_equal (ucum_units[i].unit, unit))
      return ucum_units[i].ucum;
  return NULL;
}

const char *
fhir_unit_for_ucum (const char *ucum)
{
  for (gsize i = 0; ucum != NULL && i < G_N_ELEMENTS (ucum_units); i++)
    if (g_str_equal (ucum_units[i].ucum, ucum))
      return ucum_units[i].unit;
  return NULL;
}

const char *
fhir_category_for_measure (const VastusMeasure *measure)
{
  if (measure->category == VASTUS_CATEGORY_QUESTIONNAIRE || g_str_equal (measure->code, "pain_nrs"))
    return "survey";
  return "exam";
}

static const FhirConcept knee = { "72696002", "Knee region structure", "knee" };
static const FhirConcept thigh = { "68367000", "Thigh structure", "thigh" };
static const FhirConcept hip = { "24136001", "Hip joint structure", "hip" };
static const FhirConcept lower_limb = { "61685007", "Lower limb structure", "lower limb" };

const FhirConcept *
fhir_knee_site (void)
{
  return &knee;
}

/* Girth above the patella and the thigh muscles' strength: the thigh; the knee's range of
 * motion, swelling and effusion: the knee; hip strength: the hip; hops, reaches and dynamic
 * valgus: the whole lower limb. */
const FhirConcept *
fhir_site_for_measure (const VastusMeasure *measure)
{
  const char *code = measure->code;

  if (g_str_has_prefix (code, "hip_"))
    return &hip;
  if (g_str_has_prefix (code, "thigh_girth") || g_str_has_prefix (code, "quadriceps_") ||
      g_str_has_prefix (code, "hamstrings_"))
    return &thigh;
  if (g_str_has_prefix (code, "knee_") || g_str_equal (code, "effusion_stroke") ||
      g_str_equal (code, "extension_lag"))
    return &knee;
  return &lower_limb;
}

static const FhirConcept left = { "7771000", "Left", "left" };
static const FhirConcept right = { "24028007", "Right", "right" };
static const FhirConcept both = { "51440002", "Right and left", "both" };

const FhirConcept *
fhir_laterality (VastusSide side)
{
  switch (side)
    {
    case VASTUS_SIDE_LEFT:
      return &left;
    case VASTUS_SIDE_RIGHT:
      return &right;
    case VASTUS_SIDE_BOTH:
      return &both;
    case VASTUS_SIDE_NONE:
    default:
      return NULL;
    }
}

gboolean
fhir_side_for_laterality (const char *code,
                          VastusSide *out)
{
  static const VastusSide sides[] = { VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_BOTH };

  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (sides); i++)
    if (g_str_equal (fhir_laterality (sides[i])->code, code))
      {
        *out = sides[i];
        return TRUE;
      }
  return FALSE;
}

static const struct
{
  const char *code;
  const char *display;
} components[FHIR_N_COMPONENTS] = {
  [FHIR_COMPONENT_TRIAL] = { "trial", "Trial" },
  [FHIR_COMPONENT_KNEE_ANGLE] = { "knee-angle", "Knee angle during the test" },
  [FHIR_COMPONENT_VELOCITY] = { "velocity", "Angular velocity of the test" },
  [FHIR_COMPONENT_LEVER_ARM] = { "lever-arm", "Lever arm of the dynamometer" },
  [FHIR_COMPONENT_FIXATION] = { "fixation", "How the dynamometer was held" },
  [FHIR_COMPONENT_THRESHOLD] = { "threshold", "The criterion's threshold" },
  [FHIR_COMPONENT_FIRST_MET] = { "first-met", "First met (current run)" },
};

const char *
fhir_component_code (FhirComponent component)
{
  return components[component].code;
}

const char *
fhir_component_display (FhirComponent component)
{
  return components[component].display;
}

FhirComponent
fhir_component_for_code (const char *code)
{
  for (int i = 0; code != NULL && i < FHIR_N_COMPONENTS; i++)
    if (g_str_equal (components[i].code, code))
      return i;
  return FHIR_N_COMPONENTS;
}

static const struct
{
  VastusFinding finding;
  const char   *code;
} findings[] = {
  { VASTUS_FINDING_NO_SLR, "no-slr" },
  { VASTUS_FINDING_NERVE_BLOCK, "nerve-block" },
  { VASTUS_FINDING_DVT_SIGNS, "dvt-signs" },
  { VASTUS_FINDING_INFECTION_SIGNS, "infection-signs" },
};

const char *
fhir_finding_code (VastusFinding finding)
{
  for (gsize i = 0; i < G_N_ELEMENTS (findings); i++)
    if (findings[i].finding == finding)
      return findings[i].code;
  return NULL;
}

VastusFinding
fhir_finding_for_code (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (findings); i++)
    if (g_str_equal (findings[i].code, code))
      return findings[i].finding;
  return VASTUS_FINDING_NONE;
}
