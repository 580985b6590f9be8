/* vastus-fhir-questionnaire.c: a questionnaire answered at a visit as a QuestionnaireResponse
 *
 * One per visit and instrument: the questionnaire's canonical URL FHIR_QUESTIONNAIRE + its id
 * (koos, ikdc …; Vastus ships no item wording, so no Questionnaire resource comes with it), an
 * item per answer whose linkId is the item's official number (P1, 9a …) and whose answer is the
 * points marked (valueInteger), who entered it (extension entered-by: staff, patient or import).
 * The scores are the Observations of their scales, derived from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-fhir-private.h"

gboolean
fhir_write_responses (FhirVisit  *v,
                      GPtrArray  *responses,
                      GError    **error)
{
  for (guint i = 0; i < responses->len; i++)
    {
      const VastusResponse *response = g_ptr_array_index (responses, i);
      /* The key the visit's scores named it by (vastus-fhir-export.c). */
      g_autofree char *key = g_strdup_printf ("%s|questionnaire|%s", v->key, response->instrument);
      g_autofree char *canonical = g_strconcat (FHIR_QUESTIONNAIRE, response->instrument, NULL);
      g_autofree char *ref = NULL;
      JsonObject *resource = fhir_resource_new ("QuestionnaireResponse", key, &ref);

      fhir_add_extension (resource, "entered-by", "valueCode",
                          fhir_string_node (vastus_entered_by_to_string (response->entered_by)));
      json_object_set_string_member (resource, "questionnaire", canonical);
      json_object_set_string_member (resource, "status", "completed");
      json_object_set_object_member (resource, "subject", fhir_reference (v->episode->patient->ref));
      json_object_set_object_member (resource, "encounter", fhir_reference (v->ref));
      fhir_episode_set_date (v->episode, resource, "authored", &v->visit->date);
      for (guint a = 0; a < response->answers->len; a++)
        {
          const VastusAnswer *answer = g_ptr_array_index (response->answers, a);
          JsonObject *item = json_object_new ();
          JsonObject *value = json_object_new ();

          json_object_set_string_member (item, "linkId", answer->item);
          json_object_set_int_member (value, "valueInteger", answer->points);
          fhir_append_object (item, "answer", value);
          fhir_append_object (resource, "item", item);
        }
      fhir_export_add (v->episode->patient->export, ref, resource);
    }
  return TRUE;
}
