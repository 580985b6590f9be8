/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-record"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-record.h"

G_DEFINE_BOXED_TYPE (VastusPatient, vastus_patient, vastus_patient_copy, vastus_patient_free)
G_DEFINE_BOXED_TYPE (VastusEpisode, vastus_episode, vastus_episode_copy, vastus_episode_free)
G_DEFINE_BOXED_TYPE (VastusMeasurement, vastus_measurement,
                     vastus_measurement_copy, vastus_measurement_free)
G_DEFINE_BOXED_TYPE (VastusVisit, vastus_visit, vastus_visit_copy, vastus_visit_free)

typedef struct
{
  int         value;
  const char *code;
  const char *label;
} EnumName;

static const EnumName side_names[] = {
  /* Translators: a knee's side: none, left, right or both */
  { VASTUS_SIDE_NONE, "none", N_("None") },
  { VASTUS_SIDE_LEFT, "left", N_("Left") },
  { VASTUS_SIDE_RIGHT, "right", N_("Right") },
  /* Translators: a knee's side: both knees */
  { VASTUS_SIDE_BOTH, "both", N_("Both") },
};

static const EnumName sex_names[] = {
  /* Translators: the patient's sex when it is not recorded */
  { VASTUS_SEX_UNKNOWN, "unknown", N_("Unknown") },
  /* Translators: the patient's sex, in the patient form and lists */
  { VASTUS_SEX_FEMALE, "female", N_("Female") },
  /* Translators: the patient's sex, in the patient form and lists */
  { VASTUS_SEX_MALE, "male", N_("Male") },
  /* Translators: the patient's sex when it is neither female nor male (the adjective, for “sex”) */
  { VASTUS_SEX_OTHER, "other", N_("Other") },
};

static const EnumName condition_names[] = {
  /* Translators: an episode of care's condition: reconstruction of the anterior cruciate
   * ligament; use your literature's abbreviation for ACL */
  { VASTUS_CONDITION_ACLR, "aclr", N_("ACL reconstruction") },
  { VASTUS_CONDITION_ACL_NONOPERATIVE, "acl_nonoperative", N_("ACL injury, non-operative") },
  /* Translators: an episode of care's condition (the diagnosis) */
  { VASTUS_CONDITION_PFP, "pfp", N_("Patellofemoral pain") },
  { VASTUS_CONDITION_TKA, "tka", N_("Total knee arthroplasty") },
  { VASTUS_CONDITION_MENISCUS, "meniscus", N_("Meniscus injury or repair") },
  /* Translators: an episode of care's condition (the diagnosis) */
  { VASTUS_CONDITION_PATELLAR_INSTABILITY, "patellar_instability", N_("Patellar instability") },
  { VASTUS_CONDITION_OTHER, "other", N_("Other knee condition") },
};

static const EnumName fixation_names[] = {
  /* Translators: how a hand-held dynamometer was held: by a belt, a fixed frame or the tester's
   * hand */
  { VASTUS_FIXATION_BELT, "belt", N_("Belt") },
  /* Translators: how a hand-held dynamometer was held: fixed on a frame (a noun, an option in
   * the visit form) */
  { VASTUS_FIXATION_FRAME, "frame", N_("Frame") },
  { VASTUS_FIXATION_MANUAL, "manual", N_("Held by hand") },
};

static const EnumName *
enum_find (const EnumName *names,
           gsize           n_names,
           int             value)
{
  for (gsize i = 0; i < n_names; i++)
    if (names[i].value == value)
      return &names[i];
  return NULL;
}

static gboolean
enum_parse (const EnumName *names,
            gsize           n_names,
            const char     *text,
            int            *out)
{
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < n_names; i++)
    if (g_str_equal (names[i].code, text))
      {
        *out = names[i].value;
        return TRUE;
      }
  return FALSE;
}

#define ENUM_FUNCS(prefix, Type, names)                                        \
  const char *                                                                 \
  vastus_##prefix##_to_string (Type value)                                     \
  {                                                                            \
    const EnumName *n = enum_find (names, G_N_ELEMENTS (names), (int) value);  \
    g_return_val_if_fail (n != NULL, NULL);                                    \
    return n->code;                                                            \
  }                                                                            \
  gboolean                                                                     \
  vastus_##prefix##_from_string (const char *text, Type *out)                  \
  {                                                                            \
    int v;                                                                     \
    if (!enum_parse (names, G_N_ELEMENTS (names), text, &v))                   \
      return FALSE;                                                            \
    *out = (Type) v;                                                           \
    return TRUE;                                                               \
  }                                                                            \
  const char *                                                                 \
  vastus_##prefix##_label (Type value)                                         \
  {                                                                            \
    const EnumName *n = enum_find (names, G_N_ELEMENTS (names), (int) value);  \
    g_return_val_if_fail (n != NULL, NULL);                                    \
    return _(n->label);                                                        \
  }

ENUM_FUNCS (side, VastusSide, side_names)
ENUM_FUNCS (sex, VastusSex, sex_names)
ENUM_FUNCS (condition, VastusCondition, condition_names)
ENUM_FUNCS (fixation, VastusFixation, fixation_names)

VastusPatient *
vastus_patient_new (void)
{
  VastusPatient *self = g_new0 (VastusPatient, 1);

  g_date_clear (&self->birth_date, 1);
  return self;
}

VastusPatient *
vastus_patient_copy (const VastusPatient *self)
{
  VastusPatient *copy = g_new (VastusPatient, 1);

  *copy = *self;
  copy->mrn = g_strdup (self->mrn);
  copy->family_name = g_strdup (self->family_name);
  copy->given_name = g_strdup (self->given_name);
  copy->name = g_strdup (self->name);
  copy->notes = g_strdup (self->notes);
  return copy;
}

void
vastus_patient_free (VastusPatient *self)
{
  if (self == NULL)
    return;
  g_free (self->mrn);
  g_free (self->family_name);
  g_free (self->given_name);
  g_free (self->name);
  g_free (self->notes);
  g_free (self);
}

VastusEpisode *
vastus_episode_new (void)
{
  VastusEpisode *self = g_new0 (VastusEpisode, 1);

  self->involved_side = VASTUS_SIDE_LEFT;
  g_date_clear (&self->injury_date, 1);
  g_date_clear (&self->surgery_date, 1);
  g_date_clear (&self->no_max_test_before, 1);
  g_date_clear (&self->first_visit, 1);
  g_date_clear (&self->recorded, 1);
  return self;
}

VastusEpisode *
vastus_episode_copy (const VastusEpisode *self)
{
  VastusEpisode *copy = g_new (VastusEpisode, 1);

  *copy = *self;
  copy->surgeon = g_strdup (self->surgeon);
  copy->procedure = g_strdup (self->procedure);
  copy->restrictions = g_strdup (self->restrictions);
  copy->criteria_set = g_strdup (self->criteria_set);
  copy->treating_therapist = g_strdup (self->treating_therapist);
  return copy;
}

void
vastus_episode_free (VastusEpisode *self)
{
  if (self == NULL)
    return;
  g_free (self->surgeon);
  g_free (self->procedure);
  g_free (self->restrictions);
  g_free (self->criteria_set);
  g_free (self->treating_therapist);
  g_free (self);
}

const GDate *
vastus_episode_get_index_date (const VastusEpisode *self)
{
  if (g_date_valid (&self->surgery_date))
    return &self->surgery_date;
  if (g_date_valid (&self->injury_date))
    return &self->injury_date;
  return NULL;
}

const GDate *
vastus_episode_get_start_date (const VastusEpisode *self)
{
  const GDate *dates[] = { &self->injury_date, &self->surgery_date, &self->first_visit };
  const GDate *start = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (g_date_valid (dates[i]) && (start == NULL || g_date_compare (dates[i], start) < 0))
      start = dates[i];
  if (start == NULL && g_date_valid (&self->recorded))
    start = &self->recorded;
  return start;
}

int
vastus_episode_compare_newest_first (const VastusEpisode *a,
                                     const VastusEpisode *b)
{
  const GDate *sa = vastus_episode_get_start_date (a);
  const GDate *sb = vastus_episode_get_start_date (b);

  if (sa != NULL && sb != NULL && g_date_compare (sa, sb) != 0)
    return -g_date_compare (sa, sb);
  if ((sa == NULL) != (sb == NULL))
    return sa == NULL ? 1 : -1;
  return a->id > b->id ? -1 : a->id < b->id ? 1 : 0;
}

VastusEpisode *
vastus_episode_in_force (GPtrArray   *episodes,
                         const GDate *on)
{
  VastusEpisode *best = NULL;

  g_return_val_if_fail (episodes != NULL, NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  for (guint i = 0; i < episodes->len; i++)
    {
      VastusEpisode *e = g_ptr_array_index (episodes, i);
      const GDate *start = vastus_episode_get_start_date (e);

      if (start == NULL || g_date_compare (start, on) > 0)
        continue;
      if (best == NULL || vastus_episode_compare_newest_first (e, best) < 0)
        best = e;
    }
  return best;
}

/* g_intern_string (@text) through a small cache of the strings interned last: a clinic's bulk
 * read interns two strings for each of a million measurements, out of a few dozen, and
 * g_intern_string takes a lock and hashes the whole text each time. The slot comes from the
 * length and two characters; a slot holds a string interned already (so never freed) or NULL,
 * replaced whole, so threads can share the cache without a lock. */
static const char *
intern (const char *text)
{
  static const char *cache[64];
  const char *hit;
  gsize length;
  guint slot;

  if (text == NULL)
    return NULL;
  length = strlen (text);
  slot = (guint) (length * 7 + (guchar) text[0] * 3 + (length > 0 ? (guchar) text[length - 1] : 0))
         % G_N_ELEMENTS (cache);
  hit = g_atomic_pointer_get (&cache[slot]);
  if (hit != NULL && strcmp (hit, text) == 0)
    return hit;
  hit = g_intern_string (text);
  g_atomic_pointer_set (&cache[slot], hit);
  return hit;
}

VastusMeasurement *
vastus_measurement_new (const char *measure,
                        VastusSide  side,
                        int         trial,
                        double      value,
                        const char *unit)
{
  VastusMeasurement *self = g_new0 (VastusMeasurement, 1);

  /* Interned: a clinic's million measurements share a few dozen codes and units, which are
   * neither copied for each one nor freed with it. */
  self->measure = intern (measure);
  self->side = side;
  self->trial = trial;
  self->value = value;
  self->unit = intern (unit);
  self->knee_angle_deg = NAN;
  self->velocity_deg_s = NAN;
  self->lever_arm_m = NAN;
  return self;
}

VastusMeasurement *
vastus_measurement_copy (const VastusMeasurement *self)
{
  VastusMeasurement *copy = g_new (VastusMeasurement, 1);

  *copy = *self;
  copy->fixation = g_strdup (self->fixation);
  return copy;
}

void
vastus_measurement_free (VastusMeasurement *self)
{
  if (self == NULL)
    return;
  g_free (self->fixation);
  g_free (self);
}

VastusVisit *
vastus_visit_new (void)
{
  VastusVisit *self = g_new0 (VastusVisit, 1);

  g_date_clear (&self->date, 1);
  self->body_mass_kg = NAN;
  self->height_cm = NAN;
  /* Room for a visit's usual handful of measurements from the start. */
  self->measurements = g_ptr_array_new_full (8, (GDestroyNotify) vastus_measurement_free);
  return self;
}

VastusVisit *
vastus_visit_copy (const VastusVisit *self)
{
  VastusVisit *copy = g_new (VastusVisit, 1);

  *copy = *self;
  copy->clinician = g_strdup (self->clinician);
  copy->notes = g_strdup (self->notes);
  copy->measurements = g_ptr_array_new_full (self->measurements->len,
                                             (GDestroyNotify) vastus_measurement_free);
  for (guint i = 0; i < self->measurements->len; i++)
    g_ptr_array_add (copy->measurements,
                     vastus_measurement_copy (g_ptr_array_index (self->measurements, i)));
  return copy;
}

void
vastus_visit_free (VastusVisit *self)
{
  if (self == NULL)
    return;
  g_free (self->clinician);
  g_free (self->notes);
  g_ptr_array_unref (self->measurements);
  g_free (self);
}

void
vastus_visit_add_measurement (VastusVisit       *self,
                              VastusMeasurement *measurement)
{
  g_ptr_array_add (self->measurements, measurement);
}

gboolean
vastus_same_number (double a,
                    double b)
{
  return isnan (a) ? isnan (b) : a == b;
}

gboolean
vastus_measurement_same_reading (const VastusMeasurement *a,
                                 const VastusMeasurement *b)
{
  return vastus_same_number (a->value, b->value) && g_strcmp0 (a->unit, b->unit) == 0
         && vastus_same_number (a->knee_angle_deg, b->knee_angle_deg)
         && vastus_same_number (a->velocity_deg_s, b->velocity_deg_s)
         && vastus_same_number (a->lever_arm_m, b->lever_arm_m)
         && g_strcmp0 (a->fixation, b->fixation) == 0;
}
