/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-display.h"
#include "vastus-patient-item-private.h"
#include "vastus-value.h"

struct _VastusPatientItem
{
  GObject               parent_instance;

  VastusPatientSummary *summary;
  gboolean              loaded;
  char                 *details;
  char                 *last_visit_text;
  char                 *last_visit_tooltip;
};

G_DEFINE_FINAL_TYPE (VastusPatientItem, vastus_patient_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  PROP_MRN,
  PROP_NAME,
  PROP_DETAILS,
  PROP_LAST_VISIT_TEXT,
  PROP_LAST_VISIT_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static int n_created;
static int n_alive;

static void
vastus_patient_item_finalize (GObject *object)
{
  VastusPatientItem *self = (VastusPatientItem *)object;

  g_clear_pointer (&self->summary, vastus_patient_summary_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->last_visit_text, g_free);
  g_clear_pointer (&self->last_visit_tooltip, g_free);
  g_atomic_int_add (&n_alive, -1);

  G_OBJECT_CLASS (vastus_patient_item_parent_class)->finalize (object);
}

static void
vastus_patient_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VastusPatientItem *self = VASTUS_PATIENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, vastus_patient_item_get_id (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_MRN:
      g_value_set_string (value, vastus_patient_item_get_mrn (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, vastus_patient_item_get_name (self));
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_LAST_VISIT_TEXT:
      g_value_set_string (value, self->last_visit_text);
      break;
    case PROP_LAST_VISIT_TOOLTIP:
      g_value_set_string (value, self->last_visit_tooltip);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_item_class_init (VastusPatientItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_patient_item_finalize;
  object_class->get_property = vastus_patient_item_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MRN] =
    g_param_spec_string ("mrn", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LAST_VISIT_TEXT] =
    g_param_spec_string ("last-visit-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LAST_VISIT_TOOLTIP] =
    g_param_spec_string ("last-visit-tooltip", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VastusPatientItem::changed:
   *
   * The patient's row arrived (the item was a placeholder), or changed.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vastus_patient_item_init (VastusPatientItem *self)
{
  g_atomic_int_inc (&n_created);
  g_atomic_int_inc (&n_alive);
}

static void
set_summary (VastusPatientItem    *self,
             VastusPatientSummary *summary,
             const GDate          *today)
{
  const VastusPatient *patient = summary->patient;
  GDate local_today;

  if (today == NULL)
    {
      vastus_date_today (&local_today);
      today = &local_today;
    }

  g_clear_pointer (&self->summary, vastus_patient_summary_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->last_visit_text, g_free);
  g_clear_pointer (&self->last_visit_tooltip, g_free);
  self->summary = summary;
  self->loaded = TRUE;

  if (g_date_valid (&patient->birth_date) && g_date_compare (&patient->birth_date, today) <= 0)
    {
      int age = vastus_date_age_years (&patient->birth_date, today);

      self->details = g_strdup_printf (ngettext (
                                                    /* Translators: a patient's MRN and age in a
                                                     * list, "MRN 1234 · 45 years" */
                                                    "MRN %s · %d year", "MRN %s · %d years",
                                                    age),
                                       patient->mrn ? patient->mrn : "", age);
    }
  else
    {
      self->details = g_strdup_printf (_("MRN %s"), patient->mrn ? patient->mrn : "");
    }

  if (g_date_valid (&summary->last_visit))
    {
      self->last_visit_text = vastus_display_date_dup (&summary->last_visit);
      /* Translators: %s is a date in the locale's form, such as 05.12.2026 */
      self->last_visit_tooltip = g_strdup_printf (_("Last visit %s"), self->last_visit_text);
    }
  else
    {
      /* Translators: the patient list's last-visit column for a patient without visits */
      self->last_visit_text = g_strdup (_("No visits"));
      self->last_visit_tooltip = g_strdup (_("No visits yet"));
    }
}

VastusPatientItem *
_vastus_patient_item_new (VastusPatientSummary *summary,
                          const GDate          *today)
{
  VastusPatientItem *self;

  g_return_val_if_fail (summary != NULL && summary->patient != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_PATIENT_ITEM, NULL);
  set_summary (self, summary, today);
  return self;
}

VastusPatientItem *
_vastus_patient_item_new_pending (gint64 id)
{
  VastusPatientItem *self = g_object_new (VASTUS_TYPE_PATIENT_ITEM, NULL);

  self->summary = g_new0 (VastusPatientSummary, 1);
  self->summary->patient = vastus_patient_new ();
  self->summary->patient->id = id;
  g_date_clear (&self->summary->last_visit, 1);
  self->details = g_strdup ("");
  self->last_visit_text = g_strdup ("");
  self->last_visit_tooltip = g_strdup ("");
  return self;
}

void
_vastus_patient_item_replace (VastusPatientItem    *self,
                              VastusPatientSummary *summary,
                              const GDate          *today)
{
  g_return_if_fail (VASTUS_IS_PATIENT_ITEM (self));
  g_return_if_fail (summary != NULL && summary->patient != NULL);
  g_return_if_fail (summary->patient->id == self->summary->patient->id);

  set_summary (self, summary, today);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties [i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals [CHANGED], 0);
}

gint64
vastus_patient_item_get_id (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), 0);

  return self->summary->patient->id;
}

gboolean
vastus_patient_item_get_loaded (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), FALSE);

  return self->loaded;
}

const VastusPatient *
vastus_patient_item_get_patient (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->summary->patient;
}

const char *
vastus_patient_item_get_mrn (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->summary->patient->mrn != NULL ? self->summary->patient->mrn : "";
}

const char *
vastus_patient_item_get_name (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->summary->patient->name != NULL ? self->summary->patient->name : "";
}

guint
vastus_patient_item_get_n_visits (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), 0);

  return self->summary->n_visits;
}

const GDate *
vastus_patient_item_get_last_visit (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return &self->summary->last_visit;
}

const char *
vastus_patient_item_get_details (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->details;
}

const char *
vastus_patient_item_get_last_visit_text (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->last_visit_text;
}

const char *
vastus_patient_item_get_last_visit_tooltip (VastusPatientItem *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_ITEM (self), NULL);

  return self->last_visit_tooltip;
}

guint
vastus_patient_item_debug_get_n_created (void)
{
  return (guint) g_atomic_int_get (&n_created);
}

guint
vastus_patient_item_debug_get_n_alive (void)
{
  return (guint) g_atomic_int_get (&n_alive);
}
