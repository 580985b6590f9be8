/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-episode-editor.h"
#include "vastus-patient-page-private.h"


static void vastus_patient_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusPatientPage, vastus_patient_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      vastus_patient_page_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum { ADD_VISIT, EDIT_VISIT, N_SIGNALS };
static guint signals [N_SIGNALS];

enum { PROP_0, PROP_CAN_ADD_VISIT, PROP_CAN_ADD_EPISODE, N_PROPS };
static GParamSpec *properties [N_PROPS];

void
_vastus_patient_page_emit_edit_visit (VastusPatientPage *self,
                                gint64             visit_id)
{
  g_signal_emit (self, signals[EDIT_VISIT], 0, visit_id);
}


void
_vastus_patient_page_clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
_vastus_patient_page_clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

const VastusEpisode *
_vastus_patient_page_current_episode (VastusPatientPage *self)
{
  return self->episode != NULL ? vastus_episode_record_get_episode (self->episode) : NULL;
}

char *
_vastus_patient_page_episode_title (const VastusEpisode *episode)
{
  const GDate *index = vastus_episode_get_index_date (episode);
  g_autofree char *date = NULL;

  if (index == NULL)
    return g_strdup_printf ("%s · %s", vastus_condition_label (episode->condition),
                            _vastus_patient_page_knee_label (episode->involved_side));
  date = _vastus_patient_page_format_date (index);
  return g_strdup_printf ("%s · %s · %s", vastus_condition_label (episode->condition),
                          _vastus_patient_page_knee_label (episode->involved_side), date);
}

VastusClinic *
_vastus_patient_page_get_clinic (VastusPatientPage *self)
{
  return self->record != NULL ? vastus_patient_record_get_clinic (self->record) : NULL;
}

/* Header */

/* What the header's buttons (and the window's accelerators) can do for the patient shown: Add
 * Visit once the episode's visits are read (the visit editor starts from them), Add and Edit
 * Episode once the patient is; nothing in a database opened read-only. */
void
_vastus_patient_page_update_actions (VastusPatientPage *self)
{
  VastusClinic *clinic = self->record != NULL ? vastus_patient_record_get_clinic (self->record)
                                              : NULL;
  gboolean writable = clinic != NULL && !vastus_clinic_is_read_only (clinic);
  gboolean can_add_visit = writable && self->episode != NULL && self->history != NULL;
  gboolean can_add_episode = writable && self->patient != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-visit", can_add_visit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-episode", can_add_episode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-episode", can_add_episode);
  if (can_add_visit != self->can_add_visit)
    {
      self->can_add_visit = can_add_visit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_ADD_VISIT]);
    }
  if (can_add_episode != self->can_add_episode)
    {
      self->can_add_episode = can_add_episode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_ADD_EPISODE]);
    }
}

void
_vastus_patient_page_refresh_header (VastusPatientPage *self)
{
  _vastus_patient_page_update_actions (self);
  _vastus_patient_page_show_header (self);
}

/* Callbacks */

/* Where the view switcher is squeezed to its narrow form the window is narrow (360 px), and the
 * label of Add Episode of Care on one line would widen it: there it wraps. Not on one line
 * wherever it fits: a label that may wrap is measured for the height of the header's row, and
 * wraps at any width. After the allocation that squeezed the switcher. */
static gboolean
wrap_header_cb (gpointer data)
{
  VastusPatientPage *self = data;
  gboolean narrow = adw_squeezer_get_visible_child (self->switcher_squeezer) != self->wide_switcher;

  self->wrap_source = 0;
  gtk_label_set_wrap (self->add_episode_label, narrow);
  /* The squeezer's height was measured for the switcher it showed before (the wide one's 24 px:
   * the narrow one, 44 px, reached over the episode above it until the next tab). */
  gtk_widget_queue_resize (GTK_WIDGET (self->switcher_squeezer));
  return G_SOURCE_REMOVE;
}

static void
switcher_squeezed_cb (VastusPatientPage *self)
{
  if (self->wrap_source == 0)
    self->wrap_source = g_idle_add (wrap_header_cb, self);
}

static void
add_visit_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (widget);
  const VastusEpisode *episode = _vastus_patient_page_current_episode (self);

  if (episode != NULL)
    g_signal_emit (self, signals[ADD_VISIT], 0, episode->id);
}

static void
add_episode_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _vastus_patient_page_edit_episode (VASTUS_PATIENT_PAGE (widget), 0);
}

/* An episode of the patient's (the Patient view's rows), by its id. */
static void
edit_episode_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _vastus_patient_page_edit_episode (VASTUS_PATIENT_PAGE (widget), g_variant_get_int64 (parameter));
}

/* The header's Edit beside the episode shown. */
static void
edit_episode_clicked_cb (VastusPatientPage *self)
{
  const VastusEpisode *episode = _vastus_patient_page_current_episode (self);

  if (episode != NULL)
    _vastus_patient_page_edit_episode (self, episode->id);
}

static void
episode_selected_cb (VastusPatientPage *self)
{
  VastusEpisodeRecord *episode;

  if (self->updating || self->record == NULL)
    return;
  episode = _vastus_patient_page_episode_at (self, gtk_drop_down_get_selected (self->episode_chooser));
  if (episode != NULL)
    _vastus_patient_page_show_episode (self, episode);
}

double
_vastus_patient_page_mic (VastusPatientPage *self,
                          const char        *measure)
{
  const VastusScale *scale;

  if (self->questionnaire_settings != NULL
      && vastus_questionnaire_settings_get_loaded (self->questionnaire_settings))
    return vastus_questionnaire_settings_get_mic (self->questionnaire_settings, measure, NULL);
  /* Until the clinic's are read: the instrument's own. */
  scale = vastus_instrument_scale_for_measure (measure, NULL);
  return scale != NULL ? scale->mic : NAN;
}

/* The clinic changed a minimal important change: the overview's cells and the charts follow. */
static void
questionnaire_settings_changed_cb (VastusPatientPage *self)
{
  if (self->patient == NULL || self->history == NULL)
    return;
  _vastus_patient_page_refresh_measures (self);
  self->charts_stale = TRUE;
  _vastus_patient_page_refresh_lazy_views (self);
}

/* The clinic's rules changed (here, on another workstation, or read again): the verdicts,
 * the flags and the default criteria set follow. */
static void
rules_changed_cb (VastusPatientPage *self)
{
  if (self->patient == NULL || self->history == NULL)
    return;
  if (!self->set_chosen)
    g_clear_pointer (&self->set_id, g_free);
  _vastus_patient_page_criteria_sets_changed_cb (self);
}

static void
settings_changed_cb (VastusPatientPage *self,
                     const char        *key)
{
  if (self->patient == NULL || self->history == NULL)
    return;
  if (g_str_equal (key, "units"))
    {
      self->criteria_stale = TRUE;
      _vastus_patient_page_refresh_lazy_views (self);
      _vastus_patient_page_refresh_status (self);
      _vastus_patient_page_refresh_measures (self);
      _vastus_patient_page_refresh_chart (self);
    }
  else if (g_str_equal (key, "name-order"))
    _vastus_patient_page_refresh_header (self);
}

/* GtkBuildable: <child type="view"> adds a view after the page's own (see the header). */

static void
vastus_patient_page_buildable_add_child (GtkBuildable *buildable,
                                         GtkBuilder   *builder,
                                         GObject      *child,
                                         const char   *type)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (buildable);

  if (g_strcmp0 (type, "view") == 0 && GTK_IS_WIDGET (child))
    /* Translators: a tab of the patient page: the patient's details */
    vastus_patient_page_add_view (self, GTK_WIDGET (child), "patient", _("_Patient"),
                                  "user-info-symbolic");
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
vastus_patient_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = vastus_patient_page_buildable_add_child;
}

/* Overrides */

static void
vastus_patient_page_dispose (GObject *object)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (object);

  /* The bin's child is a template child: unparent it through the bin first, or the bin would
   * unparent it again after the template has disposed of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_PAGE);
  g_clear_handle_id (&self->wrap_source, g_source_remove);
  g_clear_pointer (&self->visit_rows, g_ptr_array_unref);
  _vastus_patient_page_leases_dispose (self);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->undo);
  _vastus_patient_page_stop_spinner (self);
  g_clear_object (&self->settings);
  if (self->episode != NULL)
    g_signal_handlers_disconnect_by_data (self->episode, self);
  g_clear_object (&self->episode);
  if (self->record != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->record, self);
      g_signal_handlers_disconnect_by_data (vastus_patient_record_get_episodes (self->record),
                                            self);
    }
  g_clear_object (&self->record);
  if (self->criteria_sets != NULL)
    g_signal_handlers_disconnect_by_data (self->criteria_sets, self);
  g_clear_object (&self->criteria_sets);
  g_clear_object (&self->questionnaire_settings);
  g_clear_object (&self->visits_selection);
  self->patient = NULL;
  self->history = NULL;
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->set_id, g_free);
  g_clear_pointer (&self->evaluation, vastus_evaluation_free);
  g_clear_pointer (&self->chart_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (vastus_patient_page_parent_class)->dispose (object);
}

static void
vastus_patient_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_ADD_VISIT:
      g_value_set_boolean (value, self->can_add_visit);
      break;
    case PROP_CAN_ADD_EPISODE:
      g_value_set_boolean (value, self->can_add_episode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_page_class_init (VastusPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_page_dispose;
  object_class->get_property = vastus_patient_page_get_property;

  /* Whether Add Visit (of the episode shown) and Add Episode can be done now. */
  properties [PROP_CAN_ADD_VISIT] =
    g_param_spec_boolean ("can-add-visit", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAN_ADD_EPISODE] =
    g_param_spec_boolean ("can-add-episode", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The window opens the visit editor for a new visit of the episode (its id). */
  signals[ADD_VISIT] =
    g_signal_new ("add-visit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* … or for a stored visit (its id). */
  signals[EDIT_VISIT] =
    g_signal_new ("edit-visit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (VASTUS_TYPE_CHART_VIEW);
  g_type_ensure (VASTUS_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, add_visit_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, add_episode_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, add_episode_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, wide_switcher);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, chart_controls);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, chart_kind_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, chart_measure_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, episode_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, episode_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, measures_grid);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, measures_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, visits_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, visits_view);
  gtk_widget_class_bind_template_callback (widget_class, switcher_squeezed_cb);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, edit_episode_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_episode_clicked_cb);
  gtk_widget_class_install_action (widget_class, "page.add-visit", NULL, add_visit_action_cb);
  gtk_widget_class_install_action (widget_class, "page.add-episode", NULL, add_episode_action_cb);
  gtk_widget_class_install_action (widget_class, "page.edit-episode", "x",
                                   edit_episode_action_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "visit_activated_cb",
                                                G_CALLBACK (_vastus_patient_page_visit_activated_cb));
}

static void
vastus_patient_page_init (VastusPatientPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->undo = vastus_undo_stack_new ();
  _vastus_patient_page_update_actions (self);

  self->visit_rows = g_ptr_array_new ();
  self->visits_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->visits_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->visits_selection, TRUE);
  {
    g_autoptr(GtkListItemFactory) factory = _vastus_patient_page_visit_factory_new (self);

    gtk_list_view_set_factory (self->visits_view, factory);
  }

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  _vastus_patient_page_wrap_drop_down (self->episode_chooser);
  _vastus_patient_page_wrap_drop_down (self->chart_kind_chooser);
  _vastus_patient_page_wrap_drop_down (self->chart_measure_chooser);

  self->chart_view = vastus_chart_view_new ();
  gtk_widget_set_size_request (self->chart_view, 280, 240);
  g_signal_connect_object (self->chart_view, "visit-activated",
                           G_CALLBACK (_vastus_patient_page_chart_visit_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->chart_table = vastus_chart_table_new ();
  self->chart_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart_stack), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart_stack), TRUE);
  gtk_stack_add_named (self->chart_stack, self->chart_view, "chart");
  gtk_stack_add_named (self->chart_stack, self->chart_table, "table");
  gtk_box_append (self->charts_box, GTK_WIDGET (self->chart_stack));
  {
    /* "Show as table": beside the choosers. */
    /* Translators: a toggle button beside the chart choosers: shows the chart's values as a
     * table instead of a chart */
    GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Table"));

    gtk_widget_set_tooltip_text (toggle, _("Show the chart’s values as a table"));
    vastus_wrap_box_append (self->chart_controls, toggle);
    g_signal_connect_object (toggle, "toggled",
                             G_CALLBACK (_vastus_patient_page_table_toggled_cb), self,
                             G_CONNECT_SWAPPED);
  }

  g_signal_connect_object (self->episode_chooser, "notify::selected",
                           G_CALLBACK (episode_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->set_chooser, "notify::selected",
                           G_CALLBACK (_vastus_patient_page_set_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (_vastus_patient_page_refresh_lazy_views), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_kind_chooser, "notify::selected",
                           G_CALLBACK (_vastus_patient_page_chart_kind_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_measure_chooser, "notify::selected",
                           G_CALLBACK (_vastus_patient_page_chart_measure_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_list, "row-activated",
                           G_CALLBACK (_vastus_patient_page_status_activated_cb), self,
                           G_CONNECT_SWAPPED);

  adw_status_page_set_description (self->empty_page, _("Choose a patient in the list."));
  gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
}

/* Public API */

GtkWidget *
vastus_patient_page_new (void)
{
  return g_object_new (VASTUS_TYPE_PATIENT_PAGE, NULL);
}

void
vastus_patient_page_set_record (VastusPatientPage   *self,
                                VastusPatientRecord *record)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (record == NULL || VASTUS_IS_PATIENT_RECORD (record));

  if (self->record == record)
    return;
  if (self->record != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->record, self);
      g_signal_handlers_disconnect_by_data (vastus_patient_record_get_episodes (self->record),
                                            self);
    }
  _vastus_patient_page_stop_spinner (self);
  _vastus_patient_page_show_episode (self, NULL);
  g_set_object (&self->record, record);
  self->patient = NULL;
  self->episode_to_show = 0;
  g_clear_pointer (&self->evaluation, vastus_evaluation_free);
  if (record == NULL)
    {
      _vastus_patient_page_read_leases (self);
      gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
      _vastus_patient_page_show_message (self, _("No Patient Selected"), _("Choose a patient in the list."));
      return;
    }
  if (self->criteria_sets == NULL)
    {
      self->criteria_sets = g_object_ref (vastus_clinic_get_criteria_sets (
        vastus_patient_record_get_clinic (record)));
      g_signal_connect_object (self->criteria_sets, "items-changed",
                               G_CALLBACK (_vastus_patient_page_criteria_sets_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->questionnaire_settings = g_object_ref (vastus_clinic_get_questionnaire_settings (
        vastus_patient_record_get_clinic (record)));
      g_signal_connect_object (self->questionnaire_settings, "changed",
                               G_CALLBACK (questionnaire_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (vastus_patient_record_get_clinic (record), "notify::rules",
                               G_CALLBACK (rules_changed_cb), self, G_CONNECT_SWAPPED);
      _vastus_patient_page_watch_leases (self, vastus_patient_record_get_clinic (record));
    }
  _vastus_patient_page_read_leases (self);
  g_signal_connect_object (record, "notify::patient", G_CALLBACK (_vastus_patient_page_patient_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "notify::error", G_CALLBACK (_vastus_patient_page_patient_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vastus_patient_record_get_episodes (record), "items-changed",
                           G_CALLBACK (_vastus_patient_page_episodes_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
  if (vastus_patient_record_get_loaded (record) || vastus_patient_record_get_error (record))
    _vastus_patient_page_patient_changed_cb (self);
  else
    {
      _vastus_patient_page_start_spinner (self);
    }
}

/* The patient was opened (chosen with Enter, or just added): once they are read, the keyboard
 * goes to what comes first for them, Add Episode of Care where they have no episode. */
void
vastus_patient_page_focus_first_action (VastusPatientPage *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));

  self->focus_first_action = TRUE;
  _vastus_patient_page_refresh_header (self);
}

VastusPatientRecord *
vastus_patient_page_get_record (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  return self->record;
}

gint64
vastus_patient_page_get_patient_id (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), 0);
  return self->record != NULL ? vastus_patient_record_get_id (self->record) : 0;
}

gint64
vastus_patient_page_get_episode_id (VastusPatientPage *self)
{
  const VastusEpisode *episode;

  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), 0);
  episode = _vastus_patient_page_current_episode (self);
  return episode != NULL ? episode->id : 0;
}

void
vastus_patient_page_set_episode_id (VastusPatientPage *self,
                                    gint64             episode_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));

  for (guint i = 0; self->record != NULL && _vastus_patient_page_episode_at (self, i) != NULL; i++)
    if (vastus_episode_record_get_id (_vastus_patient_page_episode_at (self, i)) == episode_id)
      {
        gtk_drop_down_set_selected (self->episode_chooser, i);
        return;
      }
  g_warning ("Episode %" G_GINT64_FORMAT " is not one of this patient's", episode_id);
}

void
vastus_patient_page_add_view (VastusPatientPage *self,
                              GtkWidget         *child,
                              const char        *name,
                              const char        *title,
                              const char        *icon_name)
{
  AdwViewStackPage *page;

  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  page = adw_view_stack_add_titled (self->view_stack, child, name, title);
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, icon_name);
}

void
vastus_patient_page_set_undo_stack (VastusPatientPage *self,
                                    VastusUndoStack   *undo)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (VASTUS_IS_UNDO_STACK (undo));

  g_set_object (&self->undo, undo);
}

/* The header's primary action, as its button does. */
void
vastus_patient_page_add_visit (VastusPatientPage *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "page.add-visit", NULL);
}

void
vastus_patient_page_add_episode (VastusPatientPage *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "page.add-episode", NULL);
}

AdwToast *
vastus_patient_page_get_undo_toast (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  return self->undo_toast;
}

GtkWidget *
vastus_patient_page_get_part (VastusPatientPage *self,
                              const char        *name)
{
  static const struct { const char *name; gsize offset; } parts[] = {
    { "name", G_STRUCT_OFFSET (VastusPatientPage, name_label) },
    { "details", G_STRUCT_OFFSET (VastusPatientPage, details_label) },
    { "episode", G_STRUCT_OFFSET (VastusPatientPage, episode_label) },
    { "episode-chooser", G_STRUCT_OFFSET (VastusPatientPage, episode_chooser) },
    { "view-stack", G_STRUCT_OFFSET (VastusPatientPage, view_stack) },
    { "status-list", G_STRUCT_OFFSET (VastusPatientPage, status_list) },
    { "measures-grid", G_STRUCT_OFFSET (VastusPatientPage, measures_grid) },
    { "visits-list", G_STRUCT_OFFSET (VastusPatientPage, visits_view) },
    { "visits-count", G_STRUCT_OFFSET (VastusPatientPage, visits_label) },
    { "set-chooser", G_STRUCT_OFFSET (VastusPatientPage, set_chooser) },
    { "criteria-group", G_STRUCT_OFFSET (VastusPatientPage, criteria_group) },
    { "criteria-list", G_STRUCT_OFFSET (VastusPatientPage, criteria_list) },
    { "charts-box", G_STRUCT_OFFSET (VastusPatientPage, charts_box) },
    { "chart-view", G_STRUCT_OFFSET (VastusPatientPage, chart_view) },
    { "chart-table", G_STRUCT_OFFSET (VastusPatientPage, chart_table) },
    { "chart-stack", G_STRUCT_OFFSET (VastusPatientPage, chart_stack) },
    { "chart-kind", G_STRUCT_OFFSET (VastusPatientPage, chart_kind_chooser) },
    { "chart-controls", G_STRUCT_OFFSET (VastusPatientPage, chart_controls) },
    { "chart-measure", G_STRUCT_OFFSET (VastusPatientPage, chart_measure_chooser) },
  };

  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);
  g_return_val_if_reached (NULL);
}
