/* vastus-fhir-record.c: the patient, the episode and the visit as FHIR resources
 *
 * Patient; Practitioner (a clinician or surgeon, by name); per episode a Condition (the
 * condition, the involved knee, the injury as onset), an EpisodeOfCare (what Vastus keeps per
 * episode that FHIR has no element for goes into extensions: the surgeon's restrictions, "no
 * maximal testing before", the criteria set) and a Procedure for the surgery; per visit an
 * Encounter and, for its notes and safety findings, a ClinicalImpression.
 *
 * De-identified: a study code for the MRN, no name, no birth date (the age at the episode's index
 * date instead, over 89 as "90 or more"), no practitioners, no free text (notes, restrictions,
 * procedure details), dates shifted (fhir_episode_date).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vastus-fhir-private.h"
#include "vastus-name.h"
#include "vastus-value.h"

/* The Vastus CodeSystem "condition": the contract's codes, English displays. */
static const char *const condition_displays[] = {
  [VASTUS_CONDITION_ACLR] = "ACL reconstruction",
  [VASTUS_CONDITION_ACL_NONOPERATIVE] = "ACL injury, non-operative",
  [VASTUS_CONDITION_PFP] = "Patellofemoral pain",
  [VASTUS_CONDITION_TKA] = "Total knee arthroplasty",
  [VASTUS_CONDITION_MENISCUS] = "Meniscus injury or repair",
  [VASTUS_CONDITION_PATELLAR_INSTABILITY] = "Patellar instability",
  [VASTUS_CONDITION_OTHER] = "Other knee condition",
};

static const char *const finding_displays[] = {
  "Unable to do a straight-leg raise",
  "Recent or active femoral nerve block",
  "Signs of deep vein thrombosis",
  "Signs of infection",
};

void
fhir_write_patient (FhirPatient *p)
{
  FhirExport *export = p->export;
  const VastusPatient *patient = p->patient;
  JsonObject *resource = fhir_resource_new ("Patient", p->key, &p->ref);
  JsonObject *identifier = json_object_new ();

  if (fhir_export_deidentified (export))
    {
      json_object_set_string_member (identifier, "system", FHIR_STUDY_SYSTEM);
      json_object_set_string_member (identifier, "value", p->study_code);
    }
  else
    {
      json_object_set_string_member (identifier, "system", fhir_export_system (export));
      json_object_set_string_member (identifier, "value", patient->mrn);
    }
  fhir_append_object (resource, "identifier", identifier);
  json_object_set_boolean_member (resource, "active", !patient->archived);

  if (!fhir_export_deidentified (export) && patient->name != NULL && patient->name[0] != '\0')
    {
      JsonObject *name = json_object_new ();
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;

      /* The whole name as text; the family name and each given name as the record keeps them
       * (a patient read back without them is split as storage splits a name). */
      json_object_set_string_member (name, "text", patient->name);
      if (patient->family_name != NULL && patient->family_name[0] != '\0')
        {
          family = g_strdup (patient->family_name);
          given = g_strdup (patient->given_name);
        }
      else
        vastus_name_split (patient->name, &family, &given);
      if (family != NULL)
        json_object_set_string_member (name, "family", family);
      if (given != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (given, " ", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            if (parts[i][0] != '\0')
              fhir_append (name, "given", fhir_string_node (parts[i]));
        }
      fhir_append_object (resource, "name", name);
    }
  json_object_set_string_member (resource, "gender", vastus_sex_to_string (patient->sex));
  if (!fhir_export_deidentified (export))
    fhir_set_date (resource, "birthDate", &patient->birth_date);
  fhir_export_add (export, p->ref, resource);
}

const char *
fhir_write_practitioner (FhirExport *export,
                         const char *name)
{
  const char *known;
  JsonObject *resource, *human;
  g_autofree char *key = NULL;
  char *ref;

  if (name == NULL || name[0] == '\0' || fhir_export_deidentified (export))
    return NULL;
  if ((known = fhir_export_find_practitioner (export, name)) != NULL)
    return known;
  key = g_strdup_printf ("practitioner|%s", name);
  resource = fhir_resource_new ("Practitioner", key, &ref);
  human = json_object_new ();
  json_object_set_string_member (human, "text", name);
  fhir_append_object (resource, "name", human);
  fhir_export_add (export, ref, resource);
  return fhir_export_keep_practitioner (export, name, ref);
}

/* A body site with its SNOMED CT laterality (observation-structureLaterality). */
JsonObject *
fhir_body_site (const FhirConcept *site,
                VastusSide         side)
{
  JsonObject *concept = json_object_new ();
  const FhirConcept *laterality = fhir_laterality (side);
  g_autofree char *text = NULL;

  if (laterality != NULL)
    {
      JsonObject *extension = json_object_new ();

      json_object_set_string_member (extension, "url", FHIR_LATERALITY_EXT);
      json_object_set_object_member (extension, "valueCodeableConcept",
                                     fhir_concept (FHIR_SNOMED, laterality->code, laterality->display, NULL));
      fhir_append_object (concept, "extension", extension);
    }
  fhir_append_object (concept, "coding", fhir_coding (FHIR_SNOMED, site->code, site->display));
  text = laterality != NULL ? g_strdup_printf ("%s %s", laterality->text, site->text) : g_strdup (site->text);
  json_object_set_string_member (concept, "text", text);
  return concept;
}

/* Age in whole years at the episode's index date, over 89 as "90 or more" (Safe Harbor). */
static void
add_age (FhirEpisode *ep,
         JsonObject  *resource)
{
  const GDate *birth = &ep->patient->patient->birth_date;
  JsonObject *age;
  int years;

  if (!g_date_valid (birth) || !g_date_valid (&ep->index_date))
    return;
  years = vastus_date_age_years (birth, &ep->index_date);
  age = json_object_new ();
  json_object_set_int_member (age, "value", MIN (years, 90));
  if (years > 89)
    json_object_set_string_member (age, "comparator", ">=");
  json_object_set_string_member (age, "unit", "a");
  json_object_set_string_member (age, "system", FHIR_UCUM);
  json_object_set_string_member (age, "code", "a");
  {
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);

    json_node_take_object (node, age);
    fhir_add_extension (resource, "age-at-index", "valueAge", node);
  }
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

void
fhir_write_episode (FhirEpisode *ep)
{
  FhirExport *export = ep->patient->export;
  const VastusEpisode *episode = ep->history->episode;
  gboolean deidentify = fhir_export_deidentified (export);
  JsonObject *condition, *care, *diagnosis, *period;
  g_autofree char *procedure_key = g_strconcat (ep->key, "|procedure", NULL);
  GDate start;

  condition = fhir_resource_new ("Condition", ep->key, &ep->condition_ref);
  json_object_set_object_member (condition, "code",
                                 fhir_concept (FHIR_CS_CONDITION,
                                               vastus_condition_to_string (episode->condition),
                                               condition_displays[episode->condition],
                                               condition_displays[episode->condition]));
  fhir_append_object (condition, "bodySite", fhir_body_site (fhir_knee_site (), episode->involved_side));
  json_object_set_object_member (condition, "subject", fhir_reference (ep->patient->ref));
  fhir_episode_set_date (ep, condition, "onsetDateTime", &episode->injury_date);

  care = fhir_resource_new ("EpisodeOfCare", ep->key, &ep->ref);
  if (!deidentify && has_text (episode->restrictions))
    fhir_add_extension (care, "restrictions", "valueString", fhir_string_node (episode->restrictions));
  if (g_date_valid (&episode->no_max_test_before))
    {
      GDate date;
      char buf[VASTUS_DATE_BUF_SIZE];

      if (fhir_episode_date (ep, &episode->no_max_test_before, &date))
        fhir_add_extension (care, "no-maximal-test-before", "valueDate",
                            fhir_string_node (vastus_date_format (&date, buf)));
    }
  if (has_text (episode->criteria_set))
    fhir_add_extension (care, "criteria-set", "valueString", fhir_string_node (episode->criteria_set));
  if (deidentify)
    add_age (ep, care);
  json_object_set_string_member (care, "status", "active");
  diagnosis = json_object_new ();
  json_object_set_object_member (diagnosis, "condition", fhir_reference (ep->condition_ref));
  fhir_append_object (care, "diagnosis", diagnosis);
  json_object_set_object_member (care, "patient", fhir_reference (ep->patient->ref));

  /* It began with the earliest of injury, surgery and first visit. */
  g_date_clear (&start, 1);
  {
    const GDate *dates[3] = { &episode->injury_date, &episode->surgery_date, NULL };

    if (ep->history->visits->len > 0)
      dates[2] = &((VastusVisit *) g_ptr_array_index (ep->history->visits, 0))->date;
    for (int i = 0; i < 3; i++)
      if (dates[i] != NULL && g_date_valid (dates[i]) &&
          (!g_date_valid (&start) || g_date_compare (dates[i], &start) < 0))
        start = *dates[i];
  }
  period = json_object_new ();
  fhir_episode_set_date (ep, period, "start", &start);
  if (json_object_get_size (period) > 0)
    json_object_set_object_member (care, "period", period);
  else
    json_object_unref (period);

  fhir_export_add (export, ep->condition_ref, condition);
  fhir_export_add (export, ep->ref, care);

  if (g_date_valid (&episode->surgery_date) ||
      (!deidentify && (has_text (episode->procedure) || has_text (episode->surgeon))))
    {
      g_autofree char *ref = NULL;
      const char *surgeon = fhir_write_practitioner (export, episode->surgeon);
      JsonObject *procedure = fhir_resource_new ("Procedure", procedure_key, &ref);

      json_object_set_string_member (procedure, "status", "completed");
      if (!deidentify && has_text (episode->procedure))
        json_object_set_object_member (procedure, "code",
                                       fhir_concept (NULL, NULL, NULL, episode->procedure));
      json_object_set_object_member (procedure, "subject", fhir_reference (ep->patient->ref));
      fhir_episode_set_date (ep, procedure, "performedDateTime", &episode->surgery_date);
      if (surgeon != NULL)
        {
          JsonObject *performer = json_object_new ();

          json_object_set_object_member (performer, "actor", fhir_reference (surgeon));
          fhir_append_object (procedure, "performer", performer);
        }
      fhir_append_object (procedure, "reasonReference", fhir_reference (ep->condition_ref));
      fhir_export_add (export, ref, procedure);
    }
}

void
fhir_write_encounter (FhirVisit *v)
{
  FhirExport *export = v->episode->patient->export;
  const VastusVisit *visit = v->visit;
  gboolean deidentify = fhir_export_deidentified (export);
  const char *clinician = fhir_write_practitioner (export, visit->clinician);
  JsonObject *encounter = fhir_resource_new ("Encounter", v->key, &v->ref);
  JsonObject *period = json_object_new ();

  json_object_set_string_member (encounter, "status", "finished");
  json_object_set_object_member (encounter, "class", fhir_coding (FHIR_ACT_CODE, "AMB", "ambulatory"));
  json_object_set_object_member (encounter, "subject", fhir_reference (v->episode->patient->ref));
  fhir_append_object (encounter, "episodeOfCare", fhir_reference (v->episode->ref));
  if (clinician != NULL)
    {
      JsonObject *participant = json_object_new ();

      json_object_set_object_member (participant, "individual", fhir_reference (clinician));
      fhir_append_object (encounter, "participant", participant);
    }
  fhir_episode_set_date (v->episode, period, "start", &visit->date);
  fhir_episode_set_date (v->episode, period, "end", &visit->date);
  if (json_object_get_size (period) > 0)
    json_object_set_object_member (encounter, "period", period);
  else
    json_object_unref (period);
  fhir_export_add (export, v->ref, encounter);

  if (visit->findings != VASTUS_FINDING_NONE || (!deidentify && has_text (visit->notes)))
    {
      g_autofree char *key = g_strconcat (v->key, "|impression", NULL);
      g_autofree char *ref = NULL;
      JsonObject *impression = fhir_resource_new ("ClinicalImpression", key, &ref);

      json_object_set_string_member (impression, "status", "completed");
      json_object_set_object_member (impression, "subject", fhir_reference (v->episode->patient->ref));
      json_object_set_object_member (impression, "encounter", fhir_reference (v->ref));
      fhir_episode_set_date (v->episode, impression, "effectiveDateTime", &visit->date);
      if (clinician != NULL)
        json_object_set_object_member (impression, "assessor", fhir_reference (clinician));
      for (guint bit = 0; bit < G_N_ELEMENTS (finding_displays); bit++)
        if (visit->findings & (1u << bit))
          {
            JsonObject *finding = json_object_new ();

            json_object_set_object_member (finding, "itemCodeableConcept",
                                           fhir_concept (FHIR_CS_FINDING, fhir_finding_code (1u << bit),
                                                         finding_displays[bit], NULL));
            fhir_append_object (impression, "finding", finding);
          }
      if (!deidentify && has_text (visit->notes))
        {
          JsonObject *note = json_object_new ();

          json_object_set_string_member (note, "text", visit->notes);
          fhir_append_object (impression, "note", note);
        }
      fhir_export_add (export, ref, impression);
    }
}
