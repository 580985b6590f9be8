/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-list"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-patient-editor.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list-private.h"
#include "vastus-patient-record.h"
#include "vastus-patient-row.h"

G_DEFINE_FINAL_TYPE (VastusPatientList, vastus_patient_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLINIC,
  N_PROPS
};

enum {
  PATIENT_ACTIVATED,
  PATIENT_SELECTED,
  PATIENT_ARCHIVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Sort choices in the order of the drop-down's strings. */
static const VastusPatientOrder sort_choices[] = {
  VASTUS_PATIENT_ORDER_LAST_VISIT,
  VASTUS_PATIENT_ORDER_NAME,
};

static void
update_empty_state (VastusPatientList *self)
{
  const GError *error = NULL;
  const char *search = NULL;
  gboolean archived = FALSE, loading = FALSE;
  guint n_items = 0;

  if (self->model != NULL)
    {
      error = vastus_patient_model_get_error (self->model);
      search = vastus_patient_model_get_search (self->model);
      archived = vastus_patient_model_get_archived (self->model);
      loading = vastus_patient_model_get_loading (self->model);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
    }

  /* While the list is read, what it showed stays (or nothing, the first time). */
  if (n_items > 0 || loading)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_add_button), FALSE);
  if (self->model == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      /* Translators: shown instead of the patient list when no database is open */
      adw_status_page_set_title (self->empty_page, _("No Database"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *description = NULL;

      /* Translators: %s is a technical reason from the database */
      description = g_strdup_printf (_("The patients could not be read: %s"), escaped);
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Cannot Show Patients"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else if (search != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (search, -1);
      g_autofree char *description = NULL;

      description = g_strdup_printf (archived
                                     /* Translators: %s is what was typed in the search entry;
                                      * MRN is the medical record number */
                                     ? _("No archived patient’s name or MRN starts with “%s”.")
                                     /* Translators: %s is what was typed in the search entry;
                                      * MRN is the medical record number */
                                     : _("No patient’s name or MRN starts with “%s”."),
                                     escaped);
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Patients"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else if (archived)
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Archived Patients"));
      adw_status_page_set_description (self->empty_page,
                                       _("Archived patients are kept and can be restored."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "avatar-default-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Patients Yet"));
      adw_status_page_set_description (self->empty_page, _("Add a patient to start."));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_add_button), TRUE);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The patient shown beside the list is its selected row when the list has them; after the
 * first frame, since scrolling to them builds rows. */
static gboolean
select_current_cb (gpointer user_data)
{
  VastusPatientList *self = user_data;
  guint position = GTK_INVALID_LIST_POSITION;

  self->current_source = 0;
  if (self->model == NULL)
    return G_SOURCE_REMOVE;
  if (self->current_id == 0
      || !vastus_patient_model_find_position (self->model, self->current_id, &position))
    position = GTK_INVALID_LIST_POSITION;

  self->changing_model = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->changing_model = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->patient_view), "list.scroll-to-item", "u",
                                position);
  return G_SOURCE_REMOVE;
}

static void
queue_select_current (VastusPatientList *self)
{
  if (self->current_source == 0)
    self->current_source = g_idle_add_full (G_PRIORITY_LOW, select_current_cb, self, NULL);
}

static void
apply_query (VastusPatientList *self)
{
  guint sort_index;
  VastusPatientOrder sort;

  if (self->model == NULL)
    return;

  sort_index = gtk_drop_down_get_selected (self->sort_dropdown);
  sort = sort_index < G_N_ELEMENTS (sort_choices)
    ? sort_choices[sort_index]
    : VASTUS_PATIENT_ORDER_LAST_VISIT;

  /* Rows keep their widgets but show other patients: nothing stays chosen, and the list
   * starts from the top. */
  self->changing_model = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  vastus_patient_model_set_query (self->model,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                  gtk_toggle_button_get_active (self->archived_button),
                                  sort);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  self->changing_model = FALSE;
  update_empty_state (self);
  queue_select_current (self);
}

static void
emit_for_position (VastusPatientList *self,
                   guint              signal,
                   guint              position)
{
  g_autoptr(VastusPatientItem) item = NULL;

  if (self->model == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item != NULL)
    g_signal_emit (self, signals [signal], 0, vastus_patient_item_get_id (item));
}

static void
activate_position (VastusPatientList *self,
                   guint              position)
{
  emit_for_position (self, PATIENT_ACTIVATED, position);
}

static GtkWindow *
get_parent_window (VastusPatientList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_vastus_patient_list_emit_archived (VastusPatientList *self,
                                    gint64             patient_id,
                                    gboolean           archived)
{
  g_signal_emit (self, signals [PATIENT_ARCHIVED], 0, patient_id, archived);
}

/* Callbacks */

static void
search_changed_cb (VastusPatientList *self)
{
  apply_query (self);
}

static void
search_activate_cb (VastusPatientList *self)
{
  activate_position (self, 0);
}

/* Down in the search entry goes on to the list. */
static gboolean
search_key_pressed_cb (VastusPatientList     *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_child_focus (GTK_WIDGET (self->patient_view), GTK_DIR_TAB_FORWARD);
}

static void
stop_search_cb (VastusPatientList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self);
}

static void
sort_changed_cb (VastusPatientList *self)
{
  apply_query (self);
}

static void
archived_toggled_cb (VastusPatientList *self)
{
  apply_query (self);
}

static void
list_activate_cb (VastusPatientList *self,
                  guint              position)
{
  activate_position (self, position);
}

/* A selection made with the keyboard shows the patient (::patient-selected); one made with a
 * click also opens it (::patient-activated), as Enter does: in the narrow layout, moving through
 * the list with the arrow keys must not leave it at every step. */
static void
selection_changed_cb (VastusPatientList *self)
{
  guint position;

  if (self->changing_model || self->model_changing)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  emit_for_position (self, PATIENT_SELECTED, position);
  if (self->pointer_down)
    emit_for_position (self, PATIENT_ACTIVATED, position);
}

static void
click_pressed_cb (VastusPatientList *self)
{
  g_clear_handle_id (&self->pointer_up_source, g_source_remove);
  self->pointer_down = TRUE;
}

static gboolean
pointer_up_cb (gpointer user_data)
{
  VastusPatientList *self = user_data;

  self->pointer_up_source = 0;
  self->pointer_down = FALSE;
  return G_SOURCE_REMOVE;
}

/* A row selects itself when the button goes up, after this capture-phase handler: the click
 * is over only once the event has been handled. */
static void
click_done_cb (VastusPatientList *self)
{
  if (self->pointer_down && self->pointer_up_source == 0)
    self->pointer_up_source = g_idle_add (pointer_up_cb, self);
}

/* Before the selection hears of a change: what it does then is no choice of the user's. */
static void
model_changing_cb (VastusPatientList *self)
{
  self->model_changing = TRUE;
}

static void
model_items_changed_cb (VastusPatientList *self)
{
  self->model_changing = FALSE;
  update_empty_state (self);
  /* The patient shown may have come (or gone, or moved). */
  if (!self->changing_model)
    queue_select_current (self);
}

/* The list has the new patient from the clinic's change: open them. */
static void
editor_saved_cb (VastusPatientList *self,
                 gint64             patient_id)
{
  g_signal_emit (self, signals [PATIENT_ACTIVATED], 0, patient_id);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vastus_patient_list_add_patient (VASTUS_PATIENT_LIST (widget));
}

/* Delete archives the chosen patient (Undo in a toast); in the archived view it restores. */
static void
archive_selected_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  VastusPatientList *self = VASTUS_PATIENT_LIST (widget);
  g_autoptr(VastusPatientItem) item = NULL;
  const VastusPatient *patient;
  GtkWidget *overlay;
  gint64 id, row_version;

  item = gtk_single_selection_get_selected_item (self->selection) != NULL
    ? g_object_ref (gtk_single_selection_get_selected_item (self->selection))
    : NULL;
  if (item == NULL)
    return;

  id = vastus_patient_item_get_id (item);
  /* The version the row shows (0 while it is not read: at any). */
  patient = vastus_patient_item_get_patient (item);
  row_version = patient != NULL ? patient->row_version : 0;
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (vastus_patient_model_get_archived (self->model))
    vastus_patient_list_unarchive (self, id, row_version,
                                   overlay ? ADW_TOAST_OVERLAY (overlay) : NULL);
  else
    vastus_patient_list_archive (self, id, row_version,
                                 overlay ? ADW_TOAST_OVERLAY (overlay) : NULL);
}

static void
focus_search_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  vastus_patient_list_focus_search (VASTUS_PATIENT_LIST (widget));
}

static void
vastus_patient_list_dispose (GObject *object)
{
  VastusPatientList *self = (VastusPatientList *)object;

  g_clear_handle_id (&self->pointer_up_source, g_source_remove);
  g_clear_handle_id (&self->current_source, g_source_remove);
  if (self->patient_view != NULL)
    gtk_grid_view_set_model (self->patient_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_LIST);
  g_clear_object (&self->selection);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->clinic);
  g_clear_object (&self->undo);

  G_OBJECT_CLASS (vastus_patient_list_parent_class)->dispose (object);
}

static void
vastus_patient_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VastusPatientList *self = VASTUS_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLINIC:
      g_value_set_object (value, self->clinic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VastusPatientList *self = VASTUS_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLINIC:
      vastus_patient_list_set_clinic (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_list_class_init (VastusPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_list_dispose;
  object_class->get_property = vastus_patient_list_get_property;
  object_class->set_property = vastus_patient_list_set_property;

  properties [PROP_CLINIC] =
    g_param_spec_object ("clinic", NULL, NULL, VASTUS_TYPE_CLINIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VastusPatientList::patient-activated:
   * @patient_id: the chosen patient
   */
  signals [PATIENT_ACTIVATED] =
    g_signal_new ("patient-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * VastusPatientList::patient-archived:
   * @patient_id: the patient
   * @archived: TRUE when archived, FALSE when restored
   */
  /**
   * VastusPatientList::patient-selected:
   * @patient_id: the patient now selected (with a click or the arrow keys)
   *
   * Show the patient, but stay in the list (a click emits ::patient-activated as well).
   */
  signals [PATIENT_SELECTED] =
    g_signal_new ("patient-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals [PATIENT_ARCHIVED] =
    g_signal_new ("patient-archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, archived_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, patient_view);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientList, stack);
  gtk_widget_class_bind_template_callback (widget_class, archived_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "patient-list.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "patient-list.focus-search", NULL,
                                   focus_search_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "patient-list.focus-search", NULL);
  gtk_widget_class_install_action (widget_class, "patient-list.archive-selected", NULL,
                                   archive_selected_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "patient-list.archive-selected", NULL);
}

static void
vastus_patient_list_init (VastusPatientList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *key;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->undo = vastus_undo_stack_new ();

  factory = vastus_patient_row_factory_new ();
  gtk_grid_view_set_factory (self->patient_view, factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->patient_view, GTK_SELECTION_MODEL (self->selection));
  /* In the capture phase: it sees the press before the row selects itself. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (click_done_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "cancel", G_CALLBACK (click_done_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "stopped", G_CALLBACK (click_done_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->patient_view), GTK_EVENT_CONTROLLER (click));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  update_empty_state (self);
}

GtkWidget *
vastus_patient_list_new (VastusClinic *clinic)
{
  g_return_val_if_fail (clinic == NULL || VASTUS_IS_CLINIC (clinic), NULL);

  return g_object_new (VASTUS_TYPE_PATIENT_LIST, "clinic", clinic, NULL);
}

VastusClinic *
vastus_patient_list_get_clinic (VastusPatientList *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_LIST (self), NULL);

  return self->clinic;
}

void
vastus_patient_list_set_clinic (VastusPatientList *self,
                                VastusClinic      *clinic)
{
  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));
  g_return_if_fail (clinic == NULL || VASTUS_IS_CLINIC (clinic));

  if (!g_set_object (&self->clinic, clinic))
    return;

  self->changing_model = TRUE;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (clinic != NULL)
    {
      self->model = vastus_patient_model_new (clinic);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (model_changing_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_items_changed_cb),
                               self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->model, "notify::loading",
                               G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  self->changing_model = FALSE;

  apply_query (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLINIC]);
}

VastusPatientModel *
vastus_patient_list_get_model (VastusPatientList *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_LIST (self), NULL);

  return self->model;
}

void
vastus_patient_list_set_sort (VastusPatientList  *self,
                              VastusPatientOrder  sort)
{
  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (sort_choices); i++)
    if (sort_choices[i] == sort)
      {
        gtk_drop_down_set_selected (self->sort_dropdown, i);
        return;
      }
  g_return_if_reached ();
}

void
vastus_patient_list_set_current (VastusPatientList *self,
                                 gint64             patient_id)
{
  VastusPatientItem *selected;

  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));

  self->current_id = patient_id;
  /* Chosen in the list: already selected. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL && patient_id != 0 && vastus_patient_item_get_id (selected) == patient_id)
    return;
  queue_select_current (self);
}

void
vastus_patient_list_set_undo_stack (VastusPatientList *self,
                                    VastusUndoStack   *undo)
{
  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));
  g_return_if_fail (VASTUS_IS_UNDO_STACK (undo));

  g_set_object (&self->undo, undo);
}

void
vastus_patient_list_focus_search (VastusPatientList *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* What was searched before is selected: typing searches anew. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
open_editor (VastusPatientList   *self,
             const VastusPatient *patient)
{
  VastusPatientEditor *editor;

  editor = vastus_patient_editor_new (get_parent_window (self), self->clinic, patient);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
vastus_patient_list_add_patient (VastusPatientList *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));

  if (self->clinic != NULL)
    open_editor (self, NULL);
}

/* The editor opens once the patient's record was read (at once when it is shown already). */
static void
record_loaded_cb (VastusPatientRecord *record,
                  GParamSpec          *pspec,
                  VastusPatientList   *self)
{
  const VastusPatient *patient = vastus_patient_record_get_patient (record);

  if (!vastus_patient_record_get_loaded (record)
      && vastus_patient_record_get_error (record) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (record, record_loaded_cb, self);
  if (patient != NULL)
    open_editor (self, patient);
  g_object_unref (record);
}

void
vastus_patient_list_edit_patient (VastusPatientList *self,
                                  gint64             patient_id)
{
  VastusPatientRecord *record;

  g_return_if_fail (VASTUS_IS_PATIENT_LIST (self));

  if (self->clinic == NULL)
    return;
  record = vastus_clinic_get_patient (self->clinic, patient_id);
  g_signal_connect_object (record, "notify::loaded", G_CALLBACK (record_loaded_cb), self, 0);
  g_signal_connect_object (record, "notify::error", G_CALLBACK (record_loaded_cb), self, 0);
  record_loaded_cb (record, NULL, self);
}
