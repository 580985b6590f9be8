/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-patient"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-import-patient.h"
#include "vastus-patient-model.h"

struct _VastusImportPatient
{
  AdwPreferencesGroup  parent_instance;

  VastusClinic        *clinic;
  VastusPatientModel  *model;
  gint64               id;
  char                *mrn;

  AdwActionRow        *chosen_row;
  AdwEntryRow         *search_row;
  GtkListBox          *list;
  GtkLabel            *more_label;
};

G_DEFINE_FINAL_TYPE (VastusImportPatient, vastus_import_patient, ADW_TYPE_PREFERENCES_GROUP)

enum { PROP_0, PROP_PATIENT_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
show_chosen (VastusImportPatient *self,
             const char          *name)
{
  if (self->id == 0)
    {
      /* Translators: no patient is chosen yet for the visits to import */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), _("Nobody chosen"));
      adw_action_row_set_subtitle (self->chosen_row,
                                   _("Find the patient these values belong to below"));
      return;
    }
  {
    g_autofree char *title = g_markup_escape_text (name, -1);
    /* Translators: %s is a patient's MRN */
    g_autofree char *subtitle = g_strdup_printf (_("MRN %s"), self->mrn);
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), title);
    adw_action_row_set_subtitle (self->chosen_row, escaped);
  }
}

static void
choose (VastusImportPatient *self,
        gint64               id,
        const char          *mrn,
        const char          *name)
{
  self->id = id;
  g_free (self->mrn);
  self->mrn = g_strdup (mrn);
  show_chosen (self, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

/* A found patient's row: "Name", "MRN …"; activating it chooses them. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_bind_property (item, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (item, "details", row, "subtitle", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  return row;
}

static void
row_activated_cb (VastusImportPatient *self,
                  GtkListBoxRow       *row)
{
  VastusPatientItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item == NULL || !vastus_patient_item_get_loaded (item))
    return;
  choose (self, vastus_patient_item_get_id (item), vastus_patient_item_get_mrn (item),
          vastus_patient_item_get_name (item));
}

/* The list shows the first VASTUS_IMPORT_PATIENT_MATCHES matches; how many more there are is
 * said below it, or a patient past them would be out of reach without a word. */
static void
matches_changed_cb (VastusImportPatient *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint more = n > VASTUS_IMPORT_PATIENT_MATCHES ? n - VASTUS_IMPORT_PATIENT_MATCHES : 0;

  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (
        /* Translators: below the first patients a search found; %u is how many more it found; MRN
         * is the medical record number */
        ngettext ("%u more patient matches: type more of the name, or the MRN",
                  "%u more patients match: type more of the name, or the MRN", more),
        more);

      gtk_label_set_text (self->more_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), more > 0);
}

static void
search_changed_cb (VastusImportPatient *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_row));

  vastus_patient_model_set_query (self->model, text, FALSE, VASTUS_PATIENT_ORDER_NAME);
}

static void
vastus_import_patient_dispose (GObject *object)
{
  VastusImportPatient *self = VASTUS_IMPORT_PATIENT (object);

  g_clear_object (&self->model);
  g_clear_object (&self->clinic);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_IMPORT_PATIENT);
  G_OBJECT_CLASS (vastus_import_patient_parent_class)->dispose (object);
}

static void
vastus_import_patient_finalize (GObject *object)
{
  VastusImportPatient *self = VASTUS_IMPORT_PATIENT (object);

  g_free (self->mrn);
  G_OBJECT_CLASS (vastus_import_patient_parent_class)->finalize (object);
}

static void
vastus_import_patient_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VastusImportPatient *self = VASTUS_IMPORT_PATIENT (object);

  switch (prop_id)
    {
    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_import_patient_class_init (VastusImportPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_import_patient_dispose;
  object_class->finalize = vastus_import_patient_finalize;
  object_class->get_property = vastus_import_patient_get_property;

  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-import-patient.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusImportPatient, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPatient, search_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPatient, list);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPatient, more_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
vastus_import_patient_init (VastusImportPatient *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vastus_import_patient_new (VastusClinic *clinic)
{
  VastusImportPatient *self = g_object_new (VASTUS_TYPE_IMPORT_PATIENT, NULL);
  g_autoptr(GtkSliceListModel) first = NULL;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self->clinic = g_object_ref (clinic);
  self->model = vastus_patient_model_new (clinic);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (matches_changed_cb), self,
                           G_CONNECT_SWAPPED);
  vastus_patient_model_set_query (self->model, NULL, FALSE, VASTUS_PATIENT_ORDER_NAME);
  first = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->model)), 0,
                                    VASTUS_IMPORT_PATIENT_MATCHES);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (first), create_row_cb, self, NULL);
  show_chosen (self, NULL);
  return GTK_WIDGET (self);
}

void
vastus_import_patient_set (VastusImportPatient *self,
                           const VastusPatient *patient)
{
  g_return_if_fail (VASTUS_IS_IMPORT_PATIENT (self));

  if (patient == NULL)
    choose (self, 0, NULL, NULL);
  else
    choose (self, patient->id, patient->mrn, patient->name);
}

gint64
vastus_import_patient_get_id (VastusImportPatient *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_PATIENT (self), 0);
  return self->id;
}

const char *
vastus_import_patient_get_mrn (VastusImportPatient *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_PATIENT (self), NULL);
  return self->mrn;
}

void
vastus_import_patient_search (VastusImportPatient *self,
                              const char          *text)
{
  g_return_if_fail (VASTUS_IS_IMPORT_PATIENT (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), text != NULL ? text : "");
}

GtkListBox *
vastus_import_patient_get_list (VastusImportPatient *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_PATIENT (self), NULL);
  return self->list;
}
