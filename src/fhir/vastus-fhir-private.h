/* vastus-fhir-private.h: what the files of the FHIR layer share
 *
 * vastus-fhir-codes.c        code systems, codes, units and body sites, both ways
 * vastus-fhir-json.c         JSON helpers and the writer (shortest numbers, one entry a line)
 * vastus-fhir-export.c       the Bundle, patients in order, de-identification, ids
 * vastus-fhir-record.c       Patient, Practitioner, Condition, EpisodeOfCare, Procedure,
 *                            Encounter, ClinicalImpression
 * vastus-fhir-observation.c  an Observation per measurement and side, body mass and height,
 *                            LSI and EPIC
 * vastus-fhir-questionnaire.c  QuestionnaireResponse
 * vastus-fhir-report.c       the criteria evaluation as a DiagnosticReport with the PDF
 * vastus-fhir-import*.c      reading a Bundle back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "vastus-catalog.h"
#include "vastus-fhir.h"
#include "vastus-history.h"
#include "vastus-questionnaire.h"
#include "vastus-report-store.h"

G_BEGIN_DECLS

/* Code systems and identifier systems */
#define FHIR_BASE              "https://vastus.github.io/fhir"
#define FHIR_CS_MEASURE        FHIR_BASE "/CodeSystem/measure"     /* the catalog codes */
#define FHIR_CS_CONDITION      FHIR_BASE "/CodeSystem/condition"   /* aclr, pfp … */
#define FHIR_CS_GRADE          FHIR_BASE "/CodeSystem/effusion-grade"
#define FHIR_CS_FIXATION       FHIR_BASE "/CodeSystem/fixation"
#define FHIR_CS_COMPONENT      FHIR_BASE "/CodeSystem/component"   /* trial, knee-angle … */
#define FHIR_CS_SYMMETRY       FHIR_BASE "/CodeSystem/symmetry"    /* lsi, epic */
#define FHIR_CS_FINDING        FHIR_BASE "/CodeSystem/finding"     /* no-slr … */
#define FHIR_CS_REPORT         FHIR_BASE "/CodeSystem/report"      /* criteria-evaluation */
#define FHIR_CS_CRITERION      FHIR_BASE "/CodeSystem/criterion"   /* SET/CRITERION */
#define FHIR_CS_STATUS         FHIR_BASE "/CodeSystem/criterion-status"
#define FHIR_CS_REASON         FHIR_BASE "/CodeSystem/not-tested-reason"
#define FHIR_CS_VERDICT        FHIR_BASE "/CodeSystem/verdict"
#define FHIR_QUESTIONNAIRE     FHIR_BASE "/Questionnaire/"         /* + instrument id */
#define FHIR_EXTENSION         FHIR_BASE "/StructureDefinition/"   /* + name */
#define FHIR_STUDY_SYSTEM      FHIR_BASE "/sid/study-code"

#define FHIR_LOINC             "http://loinc.org"
#define FHIR_SNOMED            "http://snomed.info/sct"
#define FHIR_UCUM              "http://unitsofmeasure.org"
#define FHIR_CATEGORY          "http://terminology.hl7.org/CodeSystem/observation-category"
#define FHIR_ACT_CODE          "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define FHIR_ABSENT            "http://terminology.hl7.org/CodeSystem/data-absent-reason"
#define FHIR_SECURITY          "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"
#define FHIR_LATERALITY_EXT    "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"

/* De-identified dates: each episode's index date (surgery, else injury, else first visit) becomes
 * this day, every other date the same number of days from it. */
#define FHIR_DEIDENTIFIED_EPOCH_YEAR 2000

/* LOINC codes of vital signs a visit records */
#define FHIR_LOINC_BODY_MASS   "29463-7"
#define FHIR_LOINC_HEIGHT      "8302-2"

/* vastus-fhir-codes.c */
const char *fhir_loinc_for_measure   (const char *measure);
const char *fhir_measure_for_loinc   (const char *loinc);
/* UCUM for a Vastus unit code ("Nm" → "N.m", "points" → "{score}"), and back; NULL when none. */
const char *fhir_ucum_for_unit       (const char *unit);
const char *fhir_unit_for_ucum       (const char *ucum);
/* The observation category (observation-category code) of a measure. */
const char *fhir_category_for_measure (const VastusMeasure *measure);

typedef struct
{
  const char *code;       /* SNOMED CT */
  const char *display;
  const char *text;       /* for CodeableConcept.text: "knee", "left" */
} FhirConcept;

/* Where a measure is taken: knee, thigh, hip or the whole lower limb. */
const FhirConcept *fhir_site_for_measure (const VastusMeasure *measure);
const FhirConcept *fhir_knee_site        (void);
/* SNOMED CT laterality qualifiers: left 7771000, right 24028007, both 51440002; NULL for NONE. */
const FhirConcept *fhir_laterality       (VastusSide  side);
gboolean           fhir_side_for_laterality (const char *code,
                                             VastusSide *out);

typedef enum
{
  FHIR_COMPONENT_TRIAL,
  FHIR_COMPONENT_KNEE_ANGLE,
  FHIR_COMPONENT_VELOCITY,
  FHIR_COMPONENT_LEVER_ARM,
  FHIR_COMPONENT_FIXATION,
  FHIR_COMPONENT_THRESHOLD,
  FHIR_COMPONENT_FIRST_MET,
  FHIR_N_COMPONENTS,
} FhirComponent;

const char *fhir_component_code      (FhirComponent component);
const char *fhir_component_display   (FhirComponent component);
/* FHIR_N_COMPONENTS for a code that is none of them. */
FhirComponent fhir_component_for_code (const char *code);

const char *fhir_finding_code        (VastusFinding finding);
VastusFinding fhir_finding_for_code  (const char *code);

/* vastus-fhir-json.c: building */
JsonObject *fhir_coding              (const char *system,
                                      const char *code,
                                      const char *display);
/* A CodeableConcept of one coding (@system NULL: none) and @text (may be NULL). */
JsonObject *fhir_concept             (const char *system,
                                      const char *code,
                                      const char *display,
                                      const char *text);
JsonObject *fhir_reference           (const char *ref);
/* A Quantity in UCUM for @value in the Vastus unit @unit. */
JsonObject *fhir_quantity            (double      value,
                                      const char *unit);
/* Appends to @object's array member @name (created when missing). */
void        fhir_append              (JsonObject *object,
                                      const char *name,
                                      JsonNode   *element);
void        fhir_append_object       (JsonObject *object,
                                      const char *name,
                                      JsonObject *element);
/* Adds a Vastus extension FHIR_EXTENSION @name with value[x] member @value_key (takes @value). */
void        fhir_add_extension       (JsonObject *object,
                                      const char *name,
                                      const char *value_key,
                                      JsonNode   *value);
void        fhir_set_date            (JsonObject  *object,
                                      const char  *name,
                                      const GDate *date);
JsonNode   *fhir_string_node         (const char *text);
JsonNode   *fhir_bool_node           (gboolean    value);
JsonNode   *fhir_int_node            (gint64      value);
JsonNode   *fhir_double_node         (double      value);
/* Appends @node as compact JSON: doubles as their shortest exact text, strings escaped. */
void        fhir_json_write          (GString    *out,
                                      JsonNode   *node);

/* vastus-fhir-json.c: reading (the import) */
/* The member's string, NULL when absent or not a string. */
const char *fhir_get_string          (JsonObject *object,
                                      const char *name);
JsonObject *fhir_get_object          (JsonObject *object,
                                      const char *name);
JsonArray  *fhir_get_array           (JsonObject *object,
                                      const char *name);
/* The first coding of the CodeableConcept @concept with @system, or NULL. */
const char *fhir_concept_code        (JsonObject *concept,
                                      const char *system);
/* The value of the extension FHIR_EXTENSION @name (or, with a full URL, that) in @object. */
JsonNode   *fhir_extension_value     (JsonObject *object,
                                      const char *name,
                                      const char *value_key);

/* The export of one Bundle (vastus-fhir-export.c). */
typedef struct _FhirExport FhirExport;

typedef struct
{
  FhirExport          *export;
  const VastusPatient *patient;
  const char          *study_code;   /* de-identified: the patient's study code */
  char                *ref;          /* "urn:uuid:…" of the Patient */
  char                *key;          /* the name its ids derive from */
} FhirPatient;

typedef struct
{
  FhirPatient         *patient;
  VastusHistory       *history;      /* the episode with its visits, oldest first */
  GDate                index_date;   /* what de-identified dates count from; invalid: none */
  GPtrArray           *visits;       /* of FhirVisit*, those written so far, in order */
  char                *key;
  char                *ref;          /* the EpisodeOfCare */
  char                *condition_ref;
} FhirEpisode;

/* A visit being written: its Encounter and the Observation of each measure and side. */
typedef struct
{
  FhirEpisode       *episode;
  const VastusVisit *visit;
  guint              index;          /* in the history */
  char              *key;
  char              *ref;            /* the Encounter */
  GHashTable        *observations;   /* "measure/side" → ref */
  GHashTable        *responses;      /* instrument id → ref of its QuestionnaireResponse */
} FhirVisit;

gboolean     fhir_export_deidentified (FhirExport *export);
const char  *fhir_export_system       (FhirExport *export);
VastusDatabase *fhir_export_database  (FhirExport *export);
const VastusFhirExportOptions *fhir_export_options (FhirExport *export);
const GDate *fhir_export_as_of        (FhirExport *export);
const VastusClinicRules *fhir_export_rules (FhirExport *export);
/* A report in the Bundle, for the caller to record as handed out (takes @record). */
void         fhir_export_hand_out     (FhirExport         *export,
                                       VastusReportRecord *record);
/* The Practitioner named @name when the Bundle has it already, else NULL; keep one written
 * (takes @ref, returns it). */
const char  *fhir_export_find_practitioner (FhirExport *export,
                                            const char *name);
const char  *fhir_export_keep_practitioner (FhirExport *export,
                                            const char *name,
                                            char       *ref);
/* Appends one entry (takes @resource). */
void         fhir_export_add          (FhirExport *export,
                                       const char *ref,
                                       JsonObject *resource);
/* "urn:uuid:ID" of the resource of @type whose id derives from @key. */
char        *fhir_ref_for             (const char *type,
                                       const char *key);
/* A new resource of @type whose id derives from @key; *@ref receives "urn:uuid:ID". */
JsonObject  *fhir_resource_new        (const char *type,
                                       const char *key,
                                       char      **ref);
/* A date as written: the real one, or de-identified the day as far from the epoch as @date is
 * from the episode's index date. FALSE (and nothing written) for an invalid date or, de-identified,
 * an episode without an index date. */
gboolean     fhir_episode_date        (const FhirEpisode *episode,
                                       const GDate       *date,
                                       GDate             *out);
void         fhir_episode_set_date    (const FhirEpisode *episode,
                                       JsonObject        *object,
                                       const char        *name,
                                       const GDate       *date);

/* vastus-fhir-record.c */
/* @site with @side's laterality as observation-structureLaterality. */
JsonObject  *fhir_body_site           (const FhirConcept *site,
                                       VastusSide         side);
void         fhir_write_patient       (FhirPatient       *patient);
/* The Practitioner named @name, written once per Bundle; its ref. NULL when @name is empty or
 * the export is de-identified. */
const char  *fhir_write_practitioner  (FhirExport        *export,
                                       const char        *name);
void         fhir_write_episode       (FhirEpisode       *episode);
void         fhir_write_encounter     (FhirVisit         *visit);

/* vastus-fhir-observation.c */
void         fhir_write_observations  (FhirVisit         *visit);
/* The Observation of @measure on @side at @visit (written before), or NULL. */
const char  *fhir_visit_observation   (FhirVisit         *visit,
                                       const char        *measure,
                                       VastusSide         side);

/* vastus-fhir-questionnaire.c */
gboolean     fhir_write_responses     (FhirVisit         *visit,
                                       GPtrArray         *responses,
                                       GError           **error);

/* vastus-fhir-report.c: the evaluation of @episode as of the export's date, with @visits (of
 * FhirVisit*, the episode's) for its results' sources; @pdf (may be NULL) the surgeon's PDF. */
gboolean     fhir_write_report        (FhirEpisode       *episode,
                                       GPtrArray         *visits,
                                       gboolean           with_pdf,
                                       GError           **error);

G_END_DECLS
