/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-battery-editor"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-battery-editor.h"
#include "vastus-measure-chooser.h"
#include "vastus-model-error.h"
#include "vastus-tooltip.h"
#include "vastus-units.h"
#include "vastus-validate.h"
#include "vastus-write-error.h"

struct _VastusBatteryEditor
{
  GtkBox          parent_instance;

  VastusClinic   *clinic;
  VastusTemplate *template_;     /* as edited; its measures follow the rows */
  GHashTable     *fields;        /* "CODE/trials" … → widget, of the rows shown */
  GPtrArray      *measure_rows;
  gboolean        filling;
  gboolean        saving;

  AdwWindowTitle *title;
  GtkLabel       *problems_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *condition_row;
  GtkSpinButton  *from_spin;
  GtkSpinButton  *until_spin;
  AdwPreferencesGroup *measures_group;
  GtkDropDown    *add_dropdown;
  GtkWidget      *save_button;
  GtkWidget      *cancel_button;
};

G_DEFINE_FINAL_TYPE (VastusBatteryEditor, vastus_battery_editor, GTK_TYPE_BOX)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void fill_measures (VastusBatteryEditor *self);

/* Conditions in the condition row after "Any condition", in VastusCondition order. */
static const VastusCondition conditions[] = {
  VASTUS_CONDITION_ACLR, VASTUS_CONDITION_ACL_NONOPERATIVE, VASTUS_CONDITION_PFP,
  VASTUS_CONDITION_TKA, VASTUS_CONDITION_MENISCUS, VASTUS_CONDITION_PATELLAR_INSTABILITY,
  VASTUS_CONDITION_OTHER,
};

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          const char *accessible,
          GtkSpinButton **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, VASTUS_TEMPLATE_MAX_WEEK, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_widget_set_focusable (row, FALSE);
  *out = GTK_SPIN_BUTTON (spin);
  return row;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  vastus_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static guint
measure_index (VastusBatteryEditor *self,
               const char          *code)
{
  for (guint i = 0; i < self->template_->measures->len; i++)
    if (g_str_equal (((VastusTemplateMeasure *) self->template_->measures->pdata[i])->measure, code))
      return i;
  g_return_val_if_reached (0);
}

static VastusTemplateMeasure *
measure_of (VastusBatteryEditor *self,
            GtkWidget           *control)
{
  return g_ptr_array_index (self->template_->measures,
                            measure_index (self, g_object_get_data (G_OBJECT (control), "code")));
}

static void
trials_changed_cb (GtkSpinButton       *spin,
                   VastusBatteryEditor *self)
{
  if (!self->filling)
    measure_of (self, GTK_WIDGET (spin))->trials = (guint) gtk_spin_button_get_value_as_int (spin);
}

static void
unit_selected_cb (GtkDropDown         *dropdown,
                  GParamSpec          *pspec,
                  VastusBatteryEditor *self)
{
  VastusTemplateMeasure *m;
  const VastusMeasure *measure;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling)
    return;
  m = measure_of (self, GTK_WIDGET (dropdown));
  measure = vastus_catalog_lookup (m->measure);
  g_clear_pointer (&m->unit, g_free);
  /* Position 0: the last visit's unit. */
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    m->unit = g_strdup (measure->input_units[selected - 1]);
}

/* Moves or removes a measure; the keyboard stays on the same kind of control where it can. */
static void
move_clicked_cb (GtkButton           *button,
                 VastusBatteryEditor *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  int by = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "move"));
  guint i = measure_index (self, code);
  g_autofree char *focus = NULL;
  GtkWidget *next;

  if (by == 0)
    {
      g_ptr_array_remove_index (self->template_->measures, i);
      fill_measures (self);
      /* The next measure's Remove, else the one before's, else Add a measure. */
      if (i < self->template_->measures->len || i-- > 0)
        focus = g_strdup_printf ("%s/remove",
                                 ((VastusTemplateMeasure *) self->template_->measures->pdata[i])->measure);
      next = focus != NULL ? g_hash_table_lookup (self->fields, focus) : GTK_WIDGET (self->add_dropdown);
      gtk_widget_grab_focus (next);
      return;
    }
  if ((by < 0 && i == 0) || (by > 0 && i + 1 >= self->template_->measures->len))
    return;
  {
    gpointer moved = g_ptr_array_steal_index (self->template_->measures, i);

    g_ptr_array_insert (self->template_->measures, (int) i + by, moved);
  }
  fill_measures (self);
  focus = g_strdup_printf ("%s/%s", code, by < 0 ? "up" : "down");
  next = g_hash_table_lookup (self->fields, focus);
  if (next != NULL && gtk_widget_get_sensitive (next))
    gtk_widget_grab_focus (next);
  else
    {
      g_free (focus);
      focus = g_strdup_printf ("%s/%s", code, by < 0 ? "down" : "up");
      gtk_widget_grab_focus (g_hash_table_lookup (self->fields, focus));
    }
}

/* A measure of the battery: its name, then a line of its controls (trials, unit; up, down,
 * remove), which wraps at 360 px where a row of suffixes would squeeze the name. */
static GtkWidget *
measure_row (VastusBatteryEditor         *self,
             const VastusTemplateMeasure *m,
             guint                        index)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  const char *short_label = vastus_measure_get_short_label (measure);
  /* A preferences row: the group puts it in its list (another kind of row would stand outside
   * any list, and a list box row outside a list fails when the keyboard reaches it). */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (vastus_measure_get_label (measure));
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  struct { const char *icon, *name; const char *format; int move; } buttons[] = {
    /* Translators: a button's name, "Move Quadriceps HHD up" */
    { "go-up-symbolic", "up", N_("Move %s up"), -1 },
    /* Translators: a button's name, "Move Quadriceps HHD down" */
    { "go-down-symbolic", "down", N_("Move %s down"), 1 },
    { "list-remove-symbolic", "remove", N_("Remove %s"), 0 },
  };

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), controls);
  if (vastus_measure_takes_trials (measure))
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (1, VASTUS_MAX_TRIALS, 1);
      GtkWidget *label = gtk_label_new (_("Trials"));
      /* Translators: the accessible name of a measure's number of trials in a test battery,
       * "Quadriceps HHD: trials" */
      g_autofree char *name = g_strdup_printf (_("%s: trials"), short_label);
      g_autofree char *key = g_strdup_printf ("%s/trials", m->measure);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (controls), label);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), m->trials);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      vastus_set_tooltip (spin, _("Trials the visit form offers first"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (spin), "code", g_strdup (m->measure), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (trials_changed_cb), self);
      gtk_box_append (GTK_BOX (controls), spin);
      g_hash_table_insert (self->fields, g_steal_pointer (&key), spin);
    }
  if (measure->input_units[1] != NULL)
    {
      g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
      GtkWidget *dropdown;
      /* Translators: the accessible name of a measure's unit in a test battery, "Quadriceps HHD:
       * unit" */
      g_autofree char *name = g_strdup_printf (_("%s: unit"), short_label);
      g_autofree char *key = g_strdup_printf ("%s/unit", m->measure);
      guint selected = 0;

      /* Translators: a battery's unit for a measure: the unit the last visit used */
      gtk_string_list_append (units, _("Last visit’s"));
      for (guint u = 0; measure->input_units[u] != NULL; u++)
        {
          gtk_string_list_append (units, vastus_unit_symbol (measure->input_units[u]));
          if (g_strcmp0 (m->unit, measure->input_units[u]) == 0)
            selected = u + 1;
        }
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&units)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      vastus_set_tooltip (dropdown, _("The unit the values are typed in"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "code", g_strdup (m->measure), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (unit_selected_cb), self);
      gtk_box_append (GTK_BOX (controls), dropdown);
      g_hash_table_insert (self->fields, g_steal_pointer (&key), dropdown);
    }
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (controls), spacer);
  for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
    {
      g_autofree char *tip = g_strdup_printf (_(buttons[b].format), short_label);
      GtkWidget *button = icon_button (buttons[b].icon, tip);
      g_autofree char *key = g_strdup_printf ("%s/%s", m->measure, buttons[b].name);

      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (m->measure), g_free);
      g_object_set_data (G_OBJECT (button), "move", GINT_TO_POINTER (buttons[b].move));
      gtk_widget_set_sensitive (button, !((buttons[b].move < 0 && index == 0) ||
                                          (buttons[b].move > 0 &&
                                           index + 1 == self->template_->measures->len)));
      g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
      gtk_box_append (GTK_BOX (controls), button);
      g_hash_table_insert (self->fields, g_steal_pointer (&key), button);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vastus_measure_get_label (measure));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vastus_measure_get_label (measure), -1);
  return row;
}

/* Add a measure: the catalog's measures the battery does not hold. */
static gboolean
in_battery (const char *code,
            gpointer    user_data)
{
  VastusBatteryEditor *self = user_data;

  return vastus_template_find (self->template_, code) != NULL;
}

static void
fill_measures (VastusBatteryEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Off the rows first: a focused row taken away would be asked to take the focus back. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->measures_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_dropdown));
  self->filling = TRUE;
  for (guint i = 0; i < self->measure_rows->len; i++)
    adw_preferences_group_remove (self->measures_group, g_ptr_array_index (self->measure_rows, i));
  g_ptr_array_set_size (self->measure_rows, 0);
  g_hash_table_remove_all (self->fields);
  for (guint i = 0; i < self->template_->measures->len; i++)
    {
      GtkWidget *row = measure_row (self, g_ptr_array_index (self->template_->measures, i), i);

      adw_preferences_group_add (self->measures_group, row);
      g_ptr_array_add (self->measure_rows, row);
    }
  vastus_measure_chooser_fill (self->add_dropdown, in_battery, self);
  self->filling = FALSE;
}

/* The choice is taken after its drop-down has told it: the list changes then. */
static gboolean
add_idle_cb (gpointer user_data)
{
  VastusBatteryEditor *self = user_data;
  const VastusMeasure *measure = vastus_measure_chooser_get_selected (self->add_dropdown);

  if (measure == NULL)
    return G_SOURCE_REMOVE;
  /* The trials the protocols use: the highest of about 3 for strength, 2 measured hops. */
  vastus_template_add_measure (self->template_, measure->code,
                               !vastus_measure_takes_trials (measure) ? 1
                               : measure->combine == VASTUS_COMBINE_MEAN ? 2 : 3, NULL);
  fill_measures (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_dropdown));
  return G_SOURCE_REMOVE;
}

static void
add_selected_cb (VastusBatteryEditor *self)
{
  if (!self->filling && gtk_drop_down_get_selected (self->add_dropdown) != 0)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, add_idle_cb, g_object_ref (self), g_object_unref);
}

static GtkWidget *
field_of_problem (VastusBatteryEditor *self,
                  const char          *field)
{
  if (g_str_equal (field, "name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (field, "from_week"))
    return GTK_WIDGET (self->from_spin);
  if (g_str_equal (field, "to_week"))
    return GTK_WIDGET (self->until_spin);
  if (g_str_has_prefix (field, "measures/"))
    {
      g_autofree char *trials = g_strdup_printf ("%s/trials", field + strlen ("measures/"));
      g_autofree char *remove = g_strdup_printf ("%s/remove", field + strlen ("measures/"));
      GtkWidget *widget = g_hash_table_lookup (self->fields, trials);

      return widget != NULL ? widget : g_hash_table_lookup (self->fields, remove);
    }
  return GTK_WIDGET (self->add_dropdown);
}

static void
show_problems (VastusBatteryEditor *self,
               GPtrArray           *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", p->message);
    }
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);
  if (problems->len > 0)
    gtk_widget_grab_focus (field_of_problem (self, ((VastusProblem *) problems->pdata[0])->field));
}

/* The fields into the battery. */
static void
read_fields (VastusBatteryEditor *self)
{
  guint condition = adw_combo_row_get_selected (self->condition_row);
  int until = gtk_spin_button_get_value_as_int (self->until_spin);

  g_free (self->template_->name);
  self->template_->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->template_->any_condition = condition == 0 || condition > G_N_ELEMENTS (conditions);
  if (!self->template_->any_condition)
    self->template_->condition = conditions[condition - 1];
  self->template_->from_week = gtk_spin_button_get_value_as_int (self->from_spin);
  self->template_->to_week = until == 0 ? -1 : until;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VastusBatteryEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusTemplate) stored = vastus_clinic_save_template_finish (VASTUS_CLINIC (source),
                                                                         result, &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (stored == NULL)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
      g_autofree char *message = vastus_write_error_text (error,
                                                          /* Translators: %s says why, e.g. the
                                                           * database is read-only */
                                                          _("The battery could not be saved: %s"),
                                                          error->message);

      vastus_problem_add (problems, "", FALSE, -1, message);
      show_problems (self, problems);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, stored->id);
}

static void
save_clicked_cb (VastusBatteryEditor *self)
{
  vastus_battery_editor_save (self);
}

static void
cancel_clicked_cb (VastusBatteryEditor *self)
{
  g_signal_emit (self, signals[DONE], 0, (gint64) 0);
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  vastus_battery_editor_save (VASTUS_BATTERY_EDITOR (widget));
  return TRUE;
}

static void
vastus_battery_editor_dispose (GObject *object)
{
  VastusBatteryEditor *self = VASTUS_BATTERY_EDITOR (object);

  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_battery_editor_parent_class)->dispose (object);
}

static void
vastus_battery_editor_finalize (GObject *object)
{
  VastusBatteryEditor *self = VASTUS_BATTERY_EDITOR (object);

  g_clear_pointer (&self->template_, vastus_template_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->measure_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (vastus_battery_editor_parent_class)->finalize (object);
}

static void
vastus_battery_editor_class_init (VastusBatteryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_battery_editor_dispose;
  object_class->finalize = vastus_battery_editor_finalize;

  /* The battery stored (its id), or 0 when left without saving. */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
}

static void
vastus_battery_editor_init (VastusBatteryEditor *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *details = adw_preferences_group_new ();
  GtkWidget *add_group = adw_preferences_group_new ();
  GtkWidget *add_row = adw_action_row_new ();
  g_autoptr(GtkStringList) condition_names = gtk_string_list_new (NULL);

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->measure_rows = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  /* The header: Cancel, the title, Save. */
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  vastus_set_tooltip (self->save_button, _("Save the battery (Ctrl+S)"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (self), header);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_label));

  /* Name, condition and phase. */
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: the field for a test battery's name (the set of measures taken at a visit) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->name_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), GTK_WIDGET (self->name_row));
  self->condition_row = ADW_COMBO_ROW (adw_combo_row_new ());
  /* Translators: the knee condition a test battery is for (ACL reconstruction …), chosen from a
   * list */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->condition_row), _("_Condition"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->condition_row), TRUE);
  gtk_string_list_append (condition_names, _("Any condition"));
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    gtk_string_list_append (condition_names, vastus_condition_label (conditions[i]));
  adw_combo_row_set_model (self->condition_row, G_LIST_MODEL (condition_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), GTK_WIDGET (self->condition_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details),
                             /* Translators: the week of rehabilitation a test battery's phase
                              * begins, counted from surgery, else injury */
                             spin_row (_("_From week"), _("Weeks since surgery, else since injury"),
                                       /* Translators: read out by a screen reader: the field for
                                        * the week a test battery's phase begins */
                                       _("From week"), &self->from_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details),
                             /* Translators: the week of rehabilitation a test battery's phase
                              * ends, counted from surgery, else injury */
                             spin_row (_("_Until week"), _("The phase ends as this week begins; 0: it has no end"),
                                       /* Translators: read out by a screen reader: the field for
                                        * the week a test battery's phase ends */
                                       _("Until week"), &self->until_spin));
  gtk_box_append (GTK_BOX (box), details);

  /* The measures, then Add a measure. */
  self->measures_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* Translators: a heading (noun): the measures a test battery takes, listed below */
  adw_preferences_group_set_title (self->measures_group, _("Measures"));
  adw_preferences_group_set_description (self->measures_group,
                                         _("In the order they are entered, each with the trials and unit the visit form offers first."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->measures_group));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add a _measure"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (add_row), TRUE);
  self->add_dropdown = vastus_measure_chooser_new (_("Add a measure"));
  g_signal_connect_swapped (self->add_dropdown, "notify::selected", G_CALLBACK (add_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), GTK_WIDGET (self->add_dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (add_row), GTK_WIDGET (self->add_dropdown));
  gtk_widget_set_focusable (add_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (add_group), add_row);
  gtk_box_append (GTK_BOX (box), add_group);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);
}

GtkWidget *
vastus_battery_editor_new (VastusClinic         *clinic,
                           const VastusTemplate *template_)
{
  VastusBatteryEditor *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (template_ != NULL && !template_->builtin, NULL);

  self = g_object_new (VASTUS_TYPE_BATTERY_EDITOR, NULL);
  self->clinic = g_object_ref (clinic);
  self->template_ = vastus_template_copy (template_);
  adw_window_title_set_title (self->title,
                              template_->id == 0
                                /* Translators: the title of the window that adds a test battery
                                 * (the set of measures taken at a visit) */
                                ? _("New Battery")
                                /* Translators: the title of the window that edits a test battery
                                 * (the set of measures taken at a visit) */
                                : _("Edit Battery"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), template_->name != NULL ? template_->name : "");
  for (guint i = 0; !template_->any_condition && i < G_N_ELEMENTS (conditions); i++)
    if (conditions[i] == template_->condition)
      adw_combo_row_set_selected (self->condition_row, i + 1);
  gtk_spin_button_set_value (self->from_spin, template_->from_week);
  gtk_spin_button_set_value (self->until_spin, template_->to_week < 0 ? 0 : template_->to_week);
  fill_measures (self);
  return GTK_WIDGET (self);
}

gboolean
vastus_battery_editor_save (VastusBatteryEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (VASTUS_IS_BATTERY_EDITOR (self), FALSE);

  if (self->saving)
    return FALSE;
  read_fields (self);
  problems = vastus_template_check (self->template_);
  show_problems (self, problems);
  if (problems->len > 0)
    return FALSE;
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  vastus_clinic_save_template_async (self->clinic, self->template_, NULL, saved_cb,
                                     g_object_ref (self));
  return TRUE;
}

GtkWidget *
vastus_battery_editor_get_field (VastusBatteryEditor *self,
                                 const char          *name)
{
  g_return_val_if_fail (VASTUS_IS_BATTERY_EDITOR (self), NULL);

  if (g_str_equal (name, "name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (name, "condition"))
    return GTK_WIDGET (self->condition_row);
  if (g_str_equal (name, "from-week"))
    return GTK_WIDGET (self->from_spin);
  if (g_str_equal (name, "until-week"))
    return GTK_WIDGET (self->until_spin);
  if (g_str_equal (name, "add-measure"))
    return GTK_WIDGET (self->add_dropdown);
  if (g_str_equal (name, "save"))
    return self->save_button;
  if (g_str_equal (name, "cancel"))
    return self->cancel_button;
  if (g_str_equal (name, "problems"))
    return GTK_WIDGET (self->problems_label);
  return g_hash_table_lookup (self->fields, name);
}

const VastusTemplate *
vastus_battery_editor_get_template (VastusBatteryEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_BATTERY_EDITOR (self), NULL);
  read_fields (self);
  return self->template_;
}
