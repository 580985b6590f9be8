/* vastus-fhir-import-write.c: what a FHIR Bundle holds, checked and written in the import's
 * transaction: what is stored already is kept (a patient by MRN, an episode by condition and
 * dates, a visit by date), what would change it is an error
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

static gboolean
problems_fail (Import       *im,
               GPtrArray    *problems,
               const Entry  *entry,
               ImVisit      *v,
               GError      **error)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *problem = g_ptr_array_index (problems, i);
      const Entry *at = entry;
      /* A sentence, in a message that goes on ("…; nothing was imported"): without its stop. */
      int length = (int) strlen (problem->message);

      if (length > 0 && problem->message[length - 1] == '.')
        length--;
      if (v != NULL && problem->index >= 0 && (guint) problem->index < v->sources->len)
        at = g_array_index (v->sources, const Entry *, problem->index);
      if (problem->soft)
        import_warn (im, at, NULL, "%.*s", length, problem->message);
      else
        return import_fail (im, error, at, NULL, "%.*s", length, problem->message);
    }
  return TRUE;
}

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  return g_date_valid (a) == g_date_valid (b) && (!g_date_valid (a) || g_date_compare (a, b) == 0);
}

static gboolean
write_patient (Import                  *im,
               ImPatient               *p,
               VastusFhirImportCounts  *counts,
               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VastusPatient) stored = vastus_database_find_patient (im->db, p->patient->mrn, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored == NULL)
    {
      g_autoptr(GPtrArray) problems = vastus_patient_check (p->patient, &im->today);

      if (!problems_fail (im, problems, p->entry, NULL, error))
        return FALSE;
      if (!vastus_database_insert_patient (im->db, p->patient, error))
        return FALSE;
      counts->patients++;
      return TRUE;
    }
  /* An import never overwrites what is stored. */
  if ((p->patient->name != NULL && g_strcmp0 (p->patient->name, stored->name) != 0))
    /* Translators: %1$s is the name in the file, %2$s the one stored, %3$s the patient's MRN */
    return import_fail (im, error, p->entry, "name", _("the name “%1$s” differs from the name “%2$s” stored for MRN %3$s"),
                        p->patient->name, stored->name != NULL ? stored->name : "", stored->mrn);
  if (g_date_valid (&p->patient->birth_date) && !same_date (&p->patient->birth_date, &stored->birth_date))
    {
      char given[VASTUS_DATE_BUF_SIZE], kept[VASTUS_DATE_BUF_SIZE] = "—";

      vastus_date_format (&p->patient->birth_date, given);
      if (g_date_valid (&stored->birth_date))
        vastus_date_format (&stored->birth_date, kept);
      return import_fail (im, error, p->entry, "birthDate",
                          /* Translators: %1$s is the birth date in the file, %2$s the one stored
                           * (both YYYY-MM-DD, as the file writes them), %3$s the patient's MRN */
                          _("the birth date %1$s differs from the birth date %2$s stored for MRN %3$s"),
                          given, kept, stored->mrn);
    }
  if (p->patient->sex != VASTUS_SEX_UNKNOWN && p->patient->sex != stored->sex)
    /* Translators: %1$s is the sex in the file, %2$s the one stored, each as FHIR writes it
     * (female, male, other, unknown: keep these words), %3$s the patient's MRN */
    return import_fail (im, error, p->entry, "gender", _("the sex “%1$s” differs from the sex “%2$s” stored for MRN %3$s"),
                        vastus_sex_to_string (p->patient->sex), vastus_sex_to_string (stored->sex), stored->mrn);
  p->patient->id = stored->id;
  return TRUE;
}

static gboolean
write_episode (Import                  *im,
               ImEpisode               *e,
               VastusFhirImportCounts  *counts,
               GError                 **error)
{
  VastusEpisode *episode = e->episode;
  g_autoptr(GPtrArray) stored = vastus_database_list_episodes (im->db, e->patient->patient->id, error);
  g_autoptr(GPtrArray) problems = NULL;

  if (stored == NULL)
    return FALSE;
  episode->patient_id = e->patient->patient->id;
  for (guint i = 0; i < stored->len; i++)
    {
      const VastusEpisode *s = g_ptr_array_index (stored, i);

      if (s->condition == episode->condition && same_date (&s->surgery_date, &episode->surgery_date) &&
          same_date (&s->injury_date, &episode->injury_date))
        {
          if (s->involved_side != episode->involved_side)
            return import_fail (im, error, e->entry, NULL,
                                _("the stored episode with this condition and dates has the other knee involved"));
          episode->id = s->id;
          return TRUE;
        }
    }
  problems = vastus_episode_check (episode, e->patient->patient, &im->today);
  if (!problems_fail (im, problems, e->entry, NULL, error) ||
      !vastus_database_insert_episode (im->db, episode, error))
    return FALSE;
  counts->episodes++;
  return TRUE;
}

static gboolean
same_measurement (const VastusMeasurement *a,
                  const VastusMeasurement *b)
{
  return a->value == b->value && a->baseline == b->baseline &&
         ((isnan (a->knee_angle_deg) && isnan (b->knee_angle_deg)) || a->knee_angle_deg == b->knee_angle_deg) &&
         ((isnan (a->velocity_deg_s) && isnan (b->velocity_deg_s)) || a->velocity_deg_s == b->velocity_deg_s) &&
         ((isnan (a->lever_arm_m) && isnan (b->lever_arm_m)) || a->lever_arm_m == b->lever_arm_m) &&
         g_strcmp0 (a->fixation, b->fixation) == 0;
}

/* Adds @v's measurements to the stored visit @stored: the same again adds nothing, another value
 * is an error. */
static gboolean
fill_stored_visit (Import                  *im,
                   ImVisit                 *v,
                   VastusVisit             *stored,
                   VastusFhirImportCounts  *counts,
                   GError                 **error)
{
  v->visit->id = stored->id;
  for (guint i = 0; i < v->visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (v->visit->measurements, i);
      const Entry *source = g_array_index (v->sources, const Entry *, i);
      const VastusMeasurement *same = NULL;

      for (guint j = 0; j < stored->measurements->len && same == NULL; j++)
        {
          const VastusMeasurement *s = g_ptr_array_index (stored->measurements, j);

          if (g_str_equal (s->measure, m->measure) && s->side == m->side && s->trial == m->trial)
            same = s;
        }
      if (same != NULL)
        {
          if (!same_measurement (same, m))
            return import_fail (im, error, source, NULL,
                                /* Translators: %1$s is a measure's code, %2$s a side as the file
                                 * writes it (left, right, none), %3$d the trial's number */
                                _("the measurement %1$s, side %2$s, trial %3$d, differs from the one stored at the visit of that date"),
                                m->measure, vastus_side_to_string (m->side), m->trial);
          counts->skipped++;
          continue;
        }
      {
        g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

        vastus_measurement_check (m, (int) i, problems);
        if (!problems_fail (im, problems, source, v, error) ||
            !vastus_database_insert_measurement (im->db, stored->id, m, error))
          return FALSE;
        counts->measurements++;
      }
    }
  return TRUE;
}

static gboolean
write_visit (Import                  *im,
             ImVisit                 *v,
             VastusFhirImportCounts  *counts,
             GError                 **error)
{
  const VastusPatient *patient = v->patient->patient;
  g_autoptr(VastusEpisode) newest = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  const VastusEpisode *episode;

  if (v->episode != NULL)
    episode = v->episode->episode;
  else
    {
      /* The patient's newest episode (storage lists them newest first). */
      g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (im->db, patient->id, error);

      if (episodes == NULL)
        return FALSE;
      if (episodes->len == 0)
        return import_fail (im, error, v->entry, NULL,
                            /* Translators: %s is the patient's medical record number (MRN) */
                            _("patient %s has no episode of care, in the Bundle or stored"), patient->mrn);
      newest = vastus_episode_copy (g_ptr_array_index (episodes, 0));
      episode = newest;
    }
  v->visit->episode_id = episode->id;

  stored = vastus_database_list_visits (im->db, episode->id, error);
  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      VastusVisit *s = g_ptr_array_index (stored, i);

      if (g_date_compare (&s->date, &v->visit->date) == 0)
        {
          if (!fill_stored_visit (im, v, s, counts, error))
            return FALSE;
          goto responses;
        }
    }
  {
    g_autoptr(GPtrArray) problems = vastus_visit_check (v->visit, patient, episode, NULL, &im->today);

    if (!problems_fail (im, problems, v->entry, v, error) ||
        !vastus_database_insert_visit (im->db, v->visit, error))
      return FALSE;
    counts->visits++;
    counts->measurements += v->visit->measurements->len;
  }

responses:
  for (guint i = 0; i < v->responses->len; i++)
    {
      VastusResponse *response = g_ptr_array_index (v->responses, i);
      g_autoptr(GError) local_error = NULL;
      gboolean changed = FALSE;

      if (!vastus_database_save_response (im->db, v->visit->id, response, VASTUS_RESPONSE_KEEP,
                                          &changed, &local_error))
        return import_fail (im, error, g_array_index (v->response_sources, const Entry *, i), NULL,
                            "%s", local_error->message);
      counts->questionnaires += changed;
    }
  return TRUE;
}

gboolean
import_write_all (Import                  *im,
                  VastusFhirImportCounts  *counts,
                  GError                 **error)
{
  for (guint i = 0; i < im->patient_list->len; i++)
    if (!write_patient (im, g_ptr_array_index (im->patient_list, i), counts, error))
      return FALSE;
  for (guint i = 0; i < im->episode_list->len; i++)
    if (!write_episode (im, g_ptr_array_index (im->episode_list, i), counts, error))
      return FALSE;
  for (guint i = 0; i < im->visit_list->len; i++)
    if (!write_visit (im, g_ptr_array_index (im->visit_list, i), counts, error))
      return FALSE;
  return TRUE;
}
