/* vastus-fhir-import.c: a FHIR Bundle into the database, all or nothing
 *
 * Read in full first: every entry, every reference resolved, every value converted (by the one
 * conversion of a typed number, vastus_unit_number_to_stored) and checked by the validators the
 * visit editor and the CSV import use. Then one transaction writes it through the storage API
 * (vastus-fhir-import-write.c). What is there already is kept: a patient by MRN, an episode by
 * condition and surgery and injury dates, a visit by date; a measurement stored identically adds
 * nothing, one that differs is an error (as for CSV). Derived resources (LSI, EPIC, the criteria
 * evaluation, its report) are computed again from the record, not read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-fhir"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-fhir-import-private.h"
#include "vastus-questionnaire-store.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static char *
where (Import      *im,
       const Entry *entry,
       const char  *field)
{
  if (entry == NULL)
    return g_strdup (im->name);
  if (field == NULL)
    return g_strdup_printf ("%s: entry[%u] (%s)", im->name, entry->index, entry->type);
  return g_strdup_printf ("%s: entry[%u] %s.%s", im->name, entry->index, entry->type, field);
}

gboolean
import_fail (Import      *im,
             GError     **error,
             const Entry *entry,
             const char  *field,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL, *at = where (im, entry, field);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_INVALID, "%s: %s", at, message);
  return FALSE;
}

void
import_warn (Import      *im,
             const Entry *entry,
             const char  *field,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL, *at = where (im, entry, field);
  va_list args;

  if (im->warnings == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (im->warnings, g_strdup_printf ("%s: %s", at, message));
}

const Entry *
import_resolve (Import      *im,
                const Entry *from,
                JsonObject  *reference,
                const char  *field,
                const char  *type,
                GError     **error)
{
  const char *ref = fhir_get_string (reference, "reference");
  const Entry *entry;

  if (ref == NULL)
    {
      /* Translators: %s is a FHIR resource type (Patient, Encounter …): a code, keep it as it
       * is */
      import_fail (im, error, from, field, _("a reference to an entry of type %s of the Bundle is needed"),
                   type);
      return NULL;
    }
  entry = g_hash_table_lookup (im->by_url, ref);
  if (entry == NULL)
    {
      /* Translators: %s is a reference inside the imported FHIR Bundle (“Patient/1”,
       * “urn:uuid:…”) */
      import_fail (im, error, from, field, _("“%s” is not an entry of the Bundle"), ref);
      return NULL;
    }
  if (!g_str_equal (entry->type, type))
    {
      /* Translators: %1$s is the reference, %2$s and %4$s FHIR resource types (Patient,
       * Encounter …: codes, keep them as they are), %3$u the number of the entry */
      import_fail (im, error, from, field, _("“%1$s” is an entry of type %2$s (entry[%3$u]), not %4$s"),
                   ref, entry->type, entry->index, type);
      return NULL;
    }
  return entry;
}

gboolean
import_date (Import      *im,
             const Entry *entry,
             JsonObject  *object,
             const char  *member,
             const char  *field,
             gboolean     required,
             GDate       *out,
             GError     **error)
{
  const char *text = fhir_get_string (object, member);
  g_autofree char *day = NULL;

  g_date_clear (out, 1);
  if (text == NULL)
    return !required || import_fail (im, error, entry, field, _("a date is needed"));
  /* A dateTime's calendar day; a partial date (a year, a month) is not a day. */
  day = g_strndup (text, strlen (text) >= 10 && (text[10] == '\0' || text[10] == 'T') ? 10 : strlen (text));
  if (!vastus_date_parse (day, out, NULL))
    /* Translators: %s is a date as the imported FHIR Bundle wrote it; YYYY-MM-DD is the form
     * expected (year, month, day) */
    return import_fail (im, error, entry, field, _("“%s” is not a date (YYYY-MM-DD)"), text);
  return TRUE;
}

char *
import_practitioner_name (Import      *im,
                          const Entry *from,
                          JsonObject  *reference,
                          const char  *field,
                          GError     **error)
{
  const Entry *entry = import_resolve (im, from, reference, field, "Practitioner", error);
  JsonArray *names;
  JsonObject *name;
  const char *text;
  g_autoptr(GString) joined = NULL;

  if (entry == NULL)
    return NULL;
  names = fhir_get_array (entry->resource, "name");
  name = names != NULL && json_array_get_length (names) > 0 ? json_array_get_object_element (names, 0) : NULL;
  if ((text = fhir_get_string (name, "text")) != NULL)
    return g_strdup (text);
  joined = g_string_new (NULL);
  for (guint i = 0; fhir_get_array (name, "given") != NULL && i < json_array_get_length (fhir_get_array (name, "given")); i++)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "",
                            json_array_get_string_element (fhir_get_array (name, "given"), i));
  if (fhir_get_string (name, "family") != NULL)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", fhir_get_string (name, "family"));
  if (joined->len == 0)
    {
      import_fail (im, error, entry, "name", _("the practitioner has no name"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Patients */

static gboolean
read_patient (Import       *im,
              const Entry  *entry,
              GError      **error)
{
  JsonArray *identifiers = fhir_get_array (entry->resource, "identifier");
  JsonArray *names = fhir_get_array (entry->resource, "name");
  JsonNode *active = json_object_get_member (entry->resource, "active");
  const char *gender = fhir_get_string (entry->resource, "gender");
  const char *mrn = NULL, *only = NULL;
  guint n_values = 0;
  ImPatient *p;

  for (guint i = 0; identifiers != NULL && i < json_array_get_length (identifiers); i++)
    {
      JsonObject *identifier = json_array_get_object_element (identifiers, i);
      const char *value = fhir_get_string (identifier, "value");

      if (value == NULL)
        continue;
      n_values++;
      only = value;
      if (g_strcmp0 (fhir_get_string (identifier, "system"), im->system) == 0)
        mrn = value;
    }
  /* The clinic's system, else the one identifier there is (a de-identified Bundle's study code,
   * another system's only MRN). */
  if (mrn == NULL && n_values == 1)
    mrn = only;
  if (mrn == NULL)
    return import_fail (im, error, entry, "identifier",
                        n_values == 0 ? _("the patient has no identifier")
                                      /* Translators: %s is the URI of the clinic's identifier
                                       * system for MRNs; the imported patient has several other
                                       * identifiers, so none can be chosen */
                                      : _("no identifier under the clinic’s system %s, and more than one other"),
                        im->system);

  p = g_new0 (ImPatient, 1);
  p->entry = entry;
  p->patient = vastus_patient_new ();
  p->episodes = g_ptr_array_new ();
  p->patient->mrn = g_strdup (mrn);
  g_hash_table_insert (im->patients, (gpointer) entry, p);
  g_ptr_array_add (im->patient_list, p);

  if (names != NULL && json_array_get_length (names) > 0)
    {
      JsonObject *name = json_array_get_object_element (names, 0);
      JsonArray *given = fhir_get_array (name, "given");
      g_autoptr(GString) joined = g_string_new (NULL);

      /* The family and given names as the resource parts them; a name given as text alone is
       * split by storage, as a CSV's one name column is, and listed for review. */
      for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
        g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "",
                                json_array_get_string_element (given, i));
      if (fhir_get_string (name, "family") != NULL && fhir_get_string (name, "family")[0] != '\0')
        {
          p->patient->family_name = g_strdup (fhir_get_string (name, "family"));
          p->patient->given_name = joined->len > 0 ? g_strdup (joined->str) : NULL;
          g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", p->patient->family_name);
        }
      else if (fhir_get_string (name, "text") != NULL)
        g_string_assign (joined, fhir_get_string (name, "text"));
      if (joined->len > 0)
        p->patient->name = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  if (gender != NULL && !vastus_sex_from_string (gender, &p->patient->sex))
    /* Translators: %1$s is the file's value, %2$s … %5$s FHIR's codes (female, male, other,
     * unknown): keep them as they are */
    return import_fail (im, error, entry, "gender", _("“%1$s” is not %2$s, %3$s, %4$s or %5$s"), gender,
                        "female", "male", "other", "unknown");
  if (!import_date (im, entry, entry->resource, "birthDate", "birthDate", FALSE, &p->patient->birth_date, error))
    return FALSE;
  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && json_node_get_value_type (active) == G_TYPE_BOOLEAN)
    p->patient->archived = !json_node_get_boolean (active);
  return TRUE;
}

/* The ImPatient @reference names. */
static ImPatient *
patient_for (Import      *im,
             const Entry *from,
             JsonObject  *reference,
             const char  *field,
             GError     **error)
{
  const Entry *entry = import_resolve (im, from, reference, field, "Patient", error);

  return entry != NULL ? g_hash_table_lookup (im->patients, entry) : NULL;
}

/* Episodes */

static const Entry *
procedure_for (Import      *im,
               const Entry *condition)
{
  for (guint i = 0; i < im->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (im->entries, i);
      JsonArray *reasons = g_str_equal (entry->type, "Procedure")
                           ? fhir_get_array (entry->resource, "reasonReference") : NULL;

      for (guint r = 0; reasons != NULL && r < json_array_get_length (reasons); r++)
        {
          const char *ref = fhir_get_string (json_array_get_object_element (reasons, r), "reference");

          if (ref != NULL && g_hash_table_lookup (im->by_url, ref) == condition)
            return entry;
        }
    }
  return NULL;
}

/* The laterality of the first bodySite of @resource. */
gboolean
import_laterality (Import       *im,
                 const Entry  *entry,
                 JsonObject   *resource,
                 VastusSide   *side,
                 gboolean     *found,
                 GError      **error)
{
  JsonArray *sites = fhir_get_array (resource, "bodySite");
  JsonObject *site = sites != NULL && json_array_get_length (sites) > 0
                     ? json_array_get_object_element (sites, 0) : fhir_get_object (resource, "bodySite");
  JsonNode *value = fhir_extension_value (site, FHIR_LATERALITY_EXT, "valueCodeableConcept");
  const char *code;

  *found = FALSE;
  if (value == NULL)
    return TRUE;
  code = fhir_concept_code (JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL, FHIR_SNOMED);
  if (!fhir_side_for_laterality (code, side))
    return import_fail (im, error, entry, "bodySite",
                        /* Translators: %s is the body-site code in the imported FHIR Bundle; the
                         * numbers are SNOMED CT codes and stay as they are */
                        _("the laterality “%s” is not SNOMED CT left (7771000), right (24028007) or "
                          "both (51440002)"), code != NULL ? code : "");
  *found = TRUE;
  return TRUE;
}

static gboolean
read_episode (Import       *im,
              const Entry  *entry,
              GError      **error)
{
  JsonArray *diagnoses = fhir_get_array (entry->resource, "diagnosis");
  JsonObject *diagnosis = diagnoses != NULL && json_array_get_length (diagnoses) > 0
                          ? json_array_get_object_element (diagnoses, 0) : NULL;
  const Entry *condition, *procedure;
  ImPatient *patient;
  ImEpisode *e;
  VastusEpisode *episode;
  const char *code;
  JsonNode *node;
  gboolean found;

  patient = patient_for (im, entry, fhir_get_object (entry->resource, "patient"), "patient", error);
  if (patient == NULL)
    return FALSE;
  condition = import_resolve (im, entry, fhir_get_object (diagnosis, "condition"),
                              "diagnosis[0].condition", "Condition", error);
  if (condition == NULL)
    return FALSE;

  e = g_new0 (ImEpisode, 1);
  e->entry = entry;
  e->patient = patient;
  e->episode = episode = vastus_episode_new ();
  g_hash_table_insert (im->episodes, (gpointer) entry, e);
  g_ptr_array_add (im->episode_list, e);
  g_ptr_array_add (patient->episodes, e);

  code = fhir_concept_code (fhir_get_object (condition->resource, "code"), FHIR_CS_CONDITION);
  if (!vastus_condition_from_string (code, &episode->condition))
    return import_fail (im, error, condition, "code",
                        /* Translators: %1$s is a code system's URI, %2$s the codes of the
                         * conditions, as the file writes them: keep them as they are */
                        _("no condition of %1$s (%2$s)"), FHIR_CS_CONDITION,
                        "aclr, acl_nonoperative, pfp, tka, meniscus, patellar_instability, other");
  if (!import_laterality (im, condition, condition->resource, &episode->involved_side, &found, error))
    return FALSE;
  if (!found)
    return import_fail (im, error, condition, "bodySite", _("the involved knee (its laterality) is needed"));
  if (!import_date (im, condition, condition->resource, "onsetDateTime", "onsetDateTime", FALSE,
                    &episode->injury_date, error))
    return FALSE;

  if ((procedure = procedure_for (im, condition)) != NULL)
    {
      JsonArray *performers = fhir_get_array (procedure->resource, "performer");

      if (!import_date (im, procedure, procedure->resource, "performedDateTime", "performedDateTime",
                        FALSE, &episode->surgery_date, error))
        return FALSE;
      episode->procedure = g_strdup (fhir_get_string (fhir_get_object (procedure->resource, "code"), "text"));
      if (performers != NULL && json_array_get_length (performers) > 0)
        {
          episode->surgeon = import_practitioner_name (im, procedure,
                                                       fhir_get_object (json_array_get_object_element (performers, 0), "actor"),
                                                       "performer[0].actor", error);
          if (episode->surgeon == NULL)
            return FALSE;
        }
    }

  if ((node = fhir_extension_value (entry->resource, "restrictions", "valueString")) != NULL)
    episode->restrictions = g_strdup (json_node_get_string (node));
  if ((node = fhir_extension_value (entry->resource, "criteria-set", "valueString")) != NULL)
    episode->criteria_set = g_strdup (json_node_get_string (node));
  if ((node = fhir_extension_value (entry->resource, "no-maximal-test-before", "valueDate")) != NULL &&
      (json_node_get_value_type (node) != G_TYPE_STRING ||
       !vastus_date_parse (json_node_get_string (node), &episode->no_max_test_before, NULL)))
    /* Translators: %s is the name of a FHIR extension (no-maximal-test-before): a code, keep it
     * as it is */
    return import_fail (im, error, entry, "extension", _("the extension %s is not a date"),
                        "no-maximal-test-before");
  return TRUE;
}

/* Visits */

static ImVisit *
visit_new (Import      *im,
           const Entry *entry,
           ImPatient   *patient,
           ImEpisode   *episode,
           const GDate *date)
{
  ImVisit *v = g_new0 (ImVisit, 1);

  v->entry = entry;
  v->patient = patient;
  v->episode = episode;
  v->visit = vastus_visit_new ();
  v->visit->date = *date;
  v->sources = g_array_new (FALSE, FALSE, sizeof (const Entry *));
  v->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  v->response_sources = g_array_new (FALSE, FALSE, sizeof (const Entry *));
  v->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (im->visit_list, v);
  return v;
}

static void
visit_free (ImVisit *v)
{
  vastus_visit_free (v->visit);
  g_array_unref (v->sources);
  g_ptr_array_unref (v->responses);
  g_array_unref (v->response_sources);
  g_hash_table_unref (v->seen);
  g_free (v);
}

static gboolean
read_encounter (Import       *im,
                const Entry  *entry,
                GError      **error)
{
  JsonArray *episodes = fhir_get_array (entry->resource, "episodeOfCare");
  JsonArray *participants = fhir_get_array (entry->resource, "participant");
  ImPatient *patient;
  ImEpisode *episode = NULL;
  ImVisit *v;
  GDate date;

  patient = patient_for (im, entry, fhir_get_object (entry->resource, "subject"), "subject", error);
  if (patient == NULL)
    return FALSE;
  if (!import_date (im, entry, fhir_get_object (entry->resource, "period"), "start", "period.start",
                    TRUE, &date, error))
    return FALSE;
  if (episodes != NULL && json_array_get_length (episodes) > 0)
    {
      const Entry *care = import_resolve (im, entry, json_array_get_object_element (episodes, 0),
                                          "episodeOfCare[0]", "EpisodeOfCare", error);

      if (care == NULL)
        return FALSE;
      episode = g_hash_table_lookup (im->episodes, care);
      if (episode->patient != patient)
        return import_fail (im, error, entry, "episodeOfCare[0]", _("the episode is another patient’s"));
    }
  else if (patient->episodes->len == 1)
    episode = g_ptr_array_index (patient->episodes, 0);

  v = visit_new (im, entry, patient, episode, &date);
  g_hash_table_insert (im->visits, (gpointer) entry, v);
  if (participants != NULL && json_array_get_length (participants) > 0)
    {
      v->visit->clinician = import_practitioner_name (im, entry,
                                                      fhir_get_object (json_array_get_object_element (participants, 0), "individual"),
                                                      "participant[0].individual", error);
      if (v->visit->clinician == NULL)
        return FALSE;
    }
  return TRUE;
}

ImVisit *
import_visit_for (Import      *im,
                  const Entry *entry,
                  const char  *subject,
                  const char  *date_member,
                  GError     **error)
{
  JsonObject *encounter = fhir_get_object (entry->resource, "encounter");
  ImPatient *patient;
  GDate date;

  if (encounter != NULL)
    {
      const Entry *found = import_resolve (im, entry, encounter, "encounter", "Encounter", error);

      return found != NULL ? g_hash_table_lookup (im->visits, found) : NULL;
    }
  /* No Encounter: the patient's visit that day in the Bundle, else a new one. */
  patient = patient_for (im, entry, fhir_get_object (entry->resource, subject), subject, error);
  if (patient == NULL ||
      !import_date (im, entry, entry->resource, date_member, date_member, TRUE, &date, error))
    return NULL;
  for (guint i = 0; i < im->visit_list->len; i++)
    {
      ImVisit *v = g_ptr_array_index (im->visit_list, i);

      if (v->patient == patient && g_date_compare (&v->visit->date, &date) == 0)
        return v;
    }
  return visit_new (im, entry, patient,
                    patient->episodes->len == 1 ? g_ptr_array_index (patient->episodes, 0) : NULL, &date);
}

/* Reading the Bundle */

static gboolean
index_entries (Import      *im,
               JsonNode    *root,
               GError     **error)
{
  JsonObject *bundle = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *entries;

  if (g_strcmp0 (fhir_get_string (bundle, "resourceType"), "Bundle") != 0)
    {
      g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_JSON,
                   /* Translators: %1$s is the file, %2$s a FHIR element (resourceType) and %3$s
                    * its value (Bundle): codes, keep them as they are */
                   _("%1$s: not a FHIR Bundle (%2$s is not “%3$s”)"), im->name, "resourceType",
                   "Bundle");
      return FALSE;
    }
  entries = fhir_get_array (bundle, "entry");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *resource = fhir_get_object (object, "resource");
      const char *full_url = fhir_get_string (object, "fullUrl");
      const char *type = fhir_get_string (resource, "resourceType");
      const char *id = fhir_get_string (resource, "id");
      Entry *entry;

      if (type == NULL)
        {
          Entry bare = { i, "entry", NULL };

          /* Translators: %s is a FHIR element (resourceType): a code, keep it as it is */
          return import_fail (im, error, &bare, "resource", _("a resource with %s is needed"),
                              "resourceType");
        }
      entry = g_new0 (Entry, 1);
      entry->index = i;
      entry->type = type;
      entry->resource = resource;
      g_ptr_array_add (im->entries, entry);
      if (full_url != NULL)
        {
          if (g_hash_table_contains (im->by_url, full_url))
            /* Translators: %1$s is an address, %2$s a FHIR element (fullUrl): a code, keep it as
             * it is */
            return import_fail (im, error, entry, "fullUrl", _("“%1$s” is the %2$s of an earlier entry too"),
                                full_url, "fullUrl");
          g_hash_table_insert (im->by_url, g_strdup (full_url), entry);
        }
      if (id != NULL)
        g_hash_table_insert (im->by_url, g_strdup_printf ("%s/%s", type, id), entry);
    }
  return TRUE;
}

static void
im_patient_free (ImPatient *p)
{
  vastus_patient_free (p->patient);
  g_ptr_array_unref (p->episodes);
  g_free (p);
}

static void
im_episode_free (ImEpisode *e)
{
  vastus_episode_free (e->episode);
  g_free (e);
}

/* Reads every entry of one kind in Bundle order. */
static gboolean
read_kind (Import      *im,
           const char  *type,
           gboolean   (*read) (Import *, const Entry *, GError **),
           GError     **error)
{
  for (guint i = 0; i < im->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (im->entries, i);

      if (g_str_equal (entry->type, type) && !read (im, entry, error))
        return FALSE;
    }
  return TRUE;
}

static const char *const known_types[] = {
  "Patient", "Practitioner", "Condition", "EpisodeOfCare", "Procedure", "Encounter",
  "ClinicalImpression", "Observation", "QuestionnaireResponse", "DiagnosticReport", NULL,
};

gboolean
vastus_fhir_import (VastusDatabase          *db,
                    const char              *name,
                    const char              *data,
                    gsize                    length,
                    const char              *system,
                    VastusFhirImportCounts  *counts,
                    GPtrArray               *warnings,
                    GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  VastusFhirImportCounts added = { 0 };
  Import im = { db, name, system != NULL ? system : VASTUS_FHIR_DEFAULT_SYSTEM };
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), FALSE);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* Translators: the first %s is the file's name, the second what the JSON reader found
       * wrong */
      g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_JSON, _("%s: not JSON: %s"), name,
                   local_error->message);
      return FALSE;
    }
  vastus_date_today (&im.today);
  im.warnings = warnings;
  im.entries = g_ptr_array_new_with_free_func (g_free);
  im.by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.patients = g_hash_table_new (NULL, NULL);
  im.patient_list = g_ptr_array_new_with_free_func ((GDestroyNotify) im_patient_free);
  im.episodes = g_hash_table_new (NULL, NULL);
  im.episode_list = g_ptr_array_new_with_free_func ((GDestroyNotify) im_episode_free);
  im.visits = g_hash_table_new (NULL, NULL);
  im.visit_list = g_ptr_array_new_with_free_func ((GDestroyNotify) visit_free);

  ok = index_entries (&im, json_parser_get_root (parser), error) &&
       read_kind (&im, "Patient", read_patient, error) &&
       read_kind (&im, "EpisodeOfCare", read_episode, error) &&
       read_kind (&im, "Encounter", read_encounter, error) &&
       read_kind (&im, "ClinicalImpression", import_impression, error) &&
       read_kind (&im, "Observation", import_observation, error) &&
       read_kind (&im, "QuestionnaireResponse", import_response, error);
  for (guint i = 0; ok && i < im.entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (im.entries, i);

      if (!g_strv_contains ((const char *const *) known_types, entry->type))
        /* Translators: %s is a FHIR resource type (Device, Medication …): a code, keep it as it
         * is */
        import_warn (&im, entry, NULL, _("Vastus has no place for an entry of type %s; left out"),
                     entry->type);
    }

  if (ok && !vastus_database_begin (db, error))
    ok = FALSE;
  else if (ok)
    {
      ok = import_write_all (&im, &added, error);
      if (ok)
        ok = vastus_database_commit (db, error);
      else
        vastus_database_rollback (db);
    }
  if (ok && counts != NULL)
    *counts = added;

  g_ptr_array_unref (im.visit_list);
  g_hash_table_unref (im.visits);
  g_ptr_array_unref (im.episode_list);
  g_hash_table_unref (im.episodes);
  g_ptr_array_unref (im.patient_list);
  g_hash_table_unref (im.patients);
  g_hash_table_unref (im.by_url);
  g_ptr_array_unref (im.entries);
  return ok;
}
