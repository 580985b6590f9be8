/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinician-picker"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinician-picker.h"

struct _VastusClinicianPicker
{
  AdwBin           parent_instance;

  GSettings       *settings;     /* NULL when the schema is not installed */
  gboolean         field_mode;   /* a form's field: the setting "clinician" is left alone */
  char            *clinician;
  GStrv            recent;

  GtkMenuButton   *button;
  GtkLabel        *label;
  GtkLabel        *short_label;  /* where the label does not fit */
  GtkPopover      *popover;
  GtkLabel        *heading;
  GtkWidget       *clear_button; /* field mode: "Not Named" */
  GtkListBox      *list;
  GtkEntry        *entry;
};

G_DEFINE_FINAL_TYPE (VastusClinicianPicker, vastus_clinician_picker, ADW_TYPE_BIN)

enum { PROP_0, PROP_CLINICIAN, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
update_button (VastusClinicianPicker *self)
{
  g_autofree char *tooltip = NULL;

  if (self->field_mode)
    {
      /* Translators: the treating therapist field when the episode names nobody */
      gtk_label_set_text (self->label, self->clinician != NULL ? self->clinician : _("Not named"));
      gtk_label_set_text (self->short_label, gtk_label_get_text (self->label));
      tooltip = self->clinician != NULL
                  /* Translators: a tooltip; %s is the treating therapist's name */
                  ? g_strdup_printf (_("Treated by %s: choose another therapist"), self->clinician)
                  : g_strdup (_("Choose the treating therapist"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
      return;
    }
  gtk_label_set_text (self->label, self->clinician != NULL ? self->clinician : _("Who Is Entering?"));
  /* Translators: the clinician picker's button where "Who Is Entering?" does not fit */
  gtk_label_set_text (self->short_label, self->clinician != NULL ? self->clinician : _("Who?"));
  tooltip = self->clinician != NULL
              /* Translators: a tooltip; %s is the name of the clinician entering data */
              ? g_strdup_printf (_("Entering data as %s: recorded in the audit trail"), self->clinician)
              : g_strdup (_("Choose who is entering data: recorded in the audit trail"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
}

static void
fill_list (VastusClinicianPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; self->recent != NULL && self->recent[i] != NULL; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (self->recent[i]);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_opacity (check, g_strcmp0 (self->recent[i], self->clinician) == 0 ? 1 : 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), check);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, self->recent[i]);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->recent != NULL && self->recent[0] != NULL);
}

/* Moves @name to the front of the recent list, keeping at most the maximum. */
static void
remember (VastusClinicianPicker *self,
          const char            *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 1;

  g_strv_builder_add (builder, name);
  for (guint i = 0; self->recent != NULL && self->recent[i] != NULL; i++)
    if (!g_str_equal (self->recent[i], name) && n < VASTUS_CLINICIAN_PICKER_MAX_RECENT)
      {
        g_strv_builder_add (builder, self->recent[i]);
        n++;
      }
  g_strfreev (self->recent);
  self->recent = g_strv_builder_end (builder);
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "recent-clinicians", (const char * const *) self->recent);
}

/* Callbacks */

static void
row_activated_cb (VastusClinicianPicker *self,
                  GtkListBoxRow         *row)
{
  vastus_clinician_picker_set_clinician (self, gtk_widget_get_name (GTK_WIDGET (row)));
  gtk_popover_popdown (self->popover);
}

static void
entry_activate_cb (VastusClinicianPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (name[0] == '\0')
    return;
  if (self->field_mode)
    remember (self, name);
  vastus_clinician_picker_set_clinician (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (self->popover);
}

static void
clear_clicked_cb (VastusClinicianPicker *self)
{
  vastus_clinician_picker_set_clinician (self, NULL);
  gtk_popover_popdown (self->popover);
}

/* Overrides */

static void
vastus_clinician_picker_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VastusClinicianPicker *self = VASTUS_CLINICIAN_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLINICIAN:
      g_value_set_string (value, self->clinician);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinician_picker_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VastusClinicianPicker *self = VASTUS_CLINICIAN_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLINICIAN:
      vastus_clinician_picker_set_clinician (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinician_picker_dispose (GObject *object)
{
  VastusClinicianPicker *self = VASTUS_CLINICIAN_PICKER (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vastus_clinician_picker_parent_class)->dispose (object);
}

static void
vastus_clinician_picker_finalize (GObject *object)
{
  VastusClinicianPicker *self = VASTUS_CLINICIAN_PICKER (object);

  g_clear_pointer (&self->clinician, g_free);
  g_clear_pointer (&self->recent, g_strfreev);
  G_OBJECT_CLASS (vastus_clinician_picker_parent_class)->finalize (object);
}

static void
vastus_clinician_picker_class_init (VastusClinicianPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_clinician_picker_dispose;
  object_class->finalize = vastus_clinician_picker_finalize;
  object_class->get_property = vastus_clinician_picker_get_property;
  object_class->set_property = vastus_clinician_picker_set_property;

  properties [PROP_CLINICIAN] =
    g_param_spec_string ("clinician", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_clinician_picker_init (VastusClinicianPicker *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *box, *heading, *other, *content, *squeezer;

  /* Icon and name. In a narrow header bar the name is cut rather than widening it, and the
   * question is asked shorter. */
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  squeezer = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 0);
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer),
                                            ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->label, 18);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), GTK_WIDGET (self->label));
  self->short_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->short_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->short_label, 0);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), GTK_WIDGET (self->short_label));
  gtk_box_append (GTK_BOX (content), squeezer);
  gtk_menu_button_set_child (self->button, content);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clinician entering data"), -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (_("Who is entering data?"));
  self->heading = GTK_LABEL (heading);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recent clinicians"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));

  /* Translators: the label of a field where a clinician's name not in the list is typed */
  other = gtk_label_new_with_mnemonic (_("_Other clinician"));
  gtk_label_set_xalign (GTK_LABEL (other), 0);
  gtk_widget_add_css_class (other, "dim-label");
  gtk_widget_set_margin_top (other, 6);
  gtk_box_append (GTK_BOX (box), other);
  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of the field where a clinician's name not in the list is typed */
  gtk_entry_set_placeholder_text (self->entry, _("Other…"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (other), GTK_WIDGET (self->entry));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  other, NULL, -1);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  /* Translators: clears the treating therapist of an episode of care */
  self->clear_button = gtk_button_new_with_mnemonic (_("_Not Named"));
  gtk_widget_set_visible (self->clear_button, FALSE);
  gtk_widget_set_margin_top (self->clear_button, 6);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), self->clear_button);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_size_request (box, 240, -1);
  gtk_popover_set_child (self->popover, box);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autofree char *clinician = NULL;

      self->settings = g_settings_new (APP_ID);
      self->recent = g_settings_get_strv (self->settings, "recent-clinicians");
      clinician = g_settings_get_string (self->settings, "clinician");
      if (clinician[0] != '\0')
        self->clinician = g_steal_pointer (&clinician);
    }
  fill_list (self);
  update_button (self);
}

/* Public API */

GtkWidget *
vastus_clinician_picker_new (void)
{
  return g_object_new (VASTUS_TYPE_CLINICIAN_PICKER, NULL);
}

GtkWidget *
vastus_clinician_picker_new_for_field (const char *accessible_label)
{
  VastusClinicianPicker *self = g_object_new (VASTUS_TYPE_CLINICIAN_PICKER, NULL);

  g_return_val_if_fail (accessible_label != NULL, NULL);

  self->field_mode = TRUE;
  g_clear_pointer (&self->clinician, g_free);
  gtk_label_set_text (self->heading, accessible_label);
  gtk_widget_set_visible (self->clear_button, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  fill_list (self);
  update_button (self);
  return GTK_WIDGET (self);
}

const char *
vastus_clinician_picker_get_clinician (VastusClinicianPicker *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINICIAN_PICKER (self), NULL);
  return self->clinician;
}

void
vastus_clinician_picker_set_clinician (VastusClinicianPicker *self,
                                       const char            *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (VASTUS_IS_CLINICIAN_PICKER (self));

  stripped = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  if (stripped != NULL && stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->clinician) == 0)
    return;

  g_free (self->clinician);
  self->clinician = g_steal_pointer (&stripped);
  /* A form's field is filled from the record: only a name the user types joins the list. */
  if (self->clinician != NULL && !self->field_mode)
    remember (self, self->clinician);
  if (self->settings != NULL && !self->field_mode)
    g_settings_set_string (self->settings, "clinician", self->clinician != NULL ? self->clinician : "");
  fill_list (self);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLINICIAN]);
}

GtkWidget *
vastus_clinician_picker_get_entry (VastusClinicianPicker *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINICIAN_PICKER (self), NULL);
  return GTK_WIDGET (self->entry);
}

GtkWidget *
vastus_clinician_picker_get_list (VastusClinicianPicker *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINICIAN_PICKER (self), NULL);
  return GTK_WIDGET (self->list);
}
