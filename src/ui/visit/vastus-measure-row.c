/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-measure-row"

#include "config.h"

#include "vastus-i18n.h"
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-history.h"
#include "vastus-display.h"
#include "vastus-measure-row-private.h"
#include "vastus-model-error.h"
#include "vastus-problem-view.h"
#include "vastus-symmetry.h"
#include "vastus-units.h"
#include "vastus-value.h"
#include "vastus-tooltip.h"

G_DEFINE_FINAL_TYPE (VastusMeasureRow, vastus_measure_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  COMMITTED,
  INPUT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/* Helpers */

VastusSide
_vastus_measure_row_side_at (VastusMeasureRow *self,
                             guint             index)
{
  if (self->n_sides == 1)
    return VASTUS_SIDE_NONE;
  return index == 0 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
}

int
_vastus_measure_row_side_index (VastusMeasureRow *self,
                                VastusSide        side)
{
  if (self->n_sides == 1)
    return side == VASTUS_SIDE_NONE ? 0 : -1;
  if (side == VASTUS_SIDE_LEFT)
    return 0;
  if (side == VASTUS_SIDE_RIGHT)
    return 1;
  return -1;
}

static gboolean
is_involved (VastusMeasureRow *self,
             VastusSide        side)
{
  return side != VASTUS_SIDE_NONE &&
         (self->involved_side == side || self->involved_side == VASTUS_SIDE_BOTH);
}

const char *
_vastus_measure_row_current_unit (VastusMeasureRow *self)
{
  return self->units[self->unit_index];
}

const char *
_vastus_measure_row_side_word (VastusSide side)
{
  switch (side)
    {
    case VASTUS_SIDE_LEFT: return _("left");
    case VASTUS_SIDE_RIGHT: return _("right");
    default: return NULL;
    }
}

/* "Quadriceps HHD, left (involved), trial 2": the accessible name of an input. */
char *
_vastus_measure_row_input_name (VastusMeasureRow *self,
                                VastusSide        side,
                                int               trial)
{
  const char *label = vastus_measure_get_short_label (self->measure);
  g_autofree char *where = NULL;

  if (side == VASTUS_SIDE_NONE)
    where = g_strdup (label);
  else if (is_involved (self, side))
    /* Translators: "Quadriceps HHD, left (involved)" */
    where = g_strdup_printf (_("%s, %s (involved)"), label, _vastus_measure_row_side_word (side));
  else
    where = g_strdup_printf (_("%s, %s"), label, _vastus_measure_row_side_word (side));
  if (trial > 1)
    return g_strdup_printf (_("%s, trial %d"), where, trial);
  return g_steal_pointer (&where);
}

/* Text for an entry: locale decimal mark, at most 10 significant digits so that a value stored
 * in N and shown in lbf reads back as what was typed. */
char *
_vastus_measure_row_format_for_entry (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  return g_strdup (vastus_display_number_text (buf, shown));
}

/* A lever arm stored in metres, in centimetres as typed: 0.29 m is "29", never "28.999…". */
char *
_vastus_measure_row_format_lever_arm_for_entry (double metres)
{
  char buf[32];
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_lever_arm_format_cm (metres, buf);
  return g_strdup (vastus_display_number_text (buf, shown));
}

/* The value an input holds, in the stored unit; NAN when empty or not a number. */
double
_vastus_measure_row_input_value (VastusMeasureRow *self,
                                 GtkWidget        *input)
{
  double stored;

  if (input == NULL)
    return NAN;
  if (GTK_IS_DROP_DOWN (input))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (input));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        return NAN;
      if (self->measure->kind == VASTUS_VALUE_BOOL)
        return selected == 2 ? 1.0 : 0.0;
      return (double) (selected - 1);
    }
  if (!vastus_unit_entry_to_stored (_vastus_measure_row_current_unit (self),
                                    gtk_editable_get_text (GTK_EDITABLE (input)),
                                    &stored, NULL))
    return NAN;
  return stored;
}

/* What an input shows, as text (a drop-down's position for grades and yes/no). */
char *
_vastus_measure_row_input_text_dup (GtkWidget *input)
{
  if (GTK_IS_DROP_DOWN (input))
    return g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (input)));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

gboolean
_vastus_measure_row_input_is_empty (GtkWidget *input)
{
  g_autofree char *text = NULL;

  if (GTK_IS_DROP_DOWN (input))
    return gtk_drop_down_get_selected (GTK_DROP_DOWN (input)) == 0;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (input))));
  return *text == '\0';
}

/* Fixation: drop-down position 0 is "not recorded", then the closed list (VastusFixation
 * order), then the text stored before the list was closed, if any. */

void
_vastus_measure_row_emit_changed (VastusMeasureRow *self)
{
  if (self->loading)
    return;
  /* A changed value needs confirming again. */
  if (gtk_check_button_get_active (self->confirm_check))
    gtk_check_button_set_active (self->confirm_check, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Callbacks */

static void
input_changed_cb (VastusMeasureRow *self)
{
  _vastus_measure_row_update_symmetry (self);
  _vastus_measure_row_emit_changed (self);
}

static void
input_activated_cb (GtkWidget        *input,
                    VastusMeasureRow *self)
{
  g_signal_emit (self, signals[COMMITTED], 0);
  g_signal_emit (self, signals[INPUT_ACTIVATED], 0, input);
}

/* A drop-down takes its choice typed, as a field takes a value: "1+" (or "1") picks 1+, "t"
 * trace, "y" Yes. What is typed builds up while a choice starts with it, else starts again from
 * the last character; Backspace or Delete picks "—" (nothing). */
static gboolean
choose_typed (GtkDropDown *dropdown,
              guint        keyval)
{
  GListModel *items = gtk_drop_down_get_model (dropdown);
  const char *before = g_object_get_data (G_OBJECT (dropdown), "vastus-typed");
  gunichar c = gdk_keyval_to_unicode (keyval);
  char utf8[8] = { 0 };
  g_autofree char *typed = NULL;

  if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    {
      g_object_set_data (G_OBJECT (dropdown), "vastus-typed", NULL);
      gtk_drop_down_set_selected (dropdown, 0);
      return TRUE;
    }
  if (c == 0 || !g_unichar_isgraph (c))
    return FALSE;
  g_unichar_to_utf8 (c, utf8);
  typed = g_utf8_casefold (before != NULL ? before : "", -1);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *wanted = g_strconcat (attempt == 0 ? typed : "", utf8, NULL);
      g_autofree char *folded = g_utf8_casefold (wanted, -1);

      for (guint i = 1; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);
          g_autofree char *choice = g_utf8_casefold (gtk_string_object_get_string (item), -1);

          if (g_str_has_prefix (choice, folded))
            {
              g_object_set_data_full (G_OBJECT (dropdown), "vastus-typed",
                                      g_steal_pointer (&folded), g_free);
              gtk_drop_down_set_selected (dropdown, i);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* A drop-down value takes its choice typed, and Enter moves on from it as from a typed value
 * (Space opens its list; Tab and the other keys of the editor's keyboard are the editor's). */
static gboolean
input_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      VastusMeasureRow      *self)
{
  GtkWidget *input = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) == 0)
    {
      input_activated_cb (input, self);
      return TRUE;
    }
  return choose_typed (GTK_DROP_DOWN (input), keyval);
}

static void
input_focus_leave_cb (GtkEventControllerFocus *controller,
                      VastusMeasureRow        *self)
{
  GtkWidget *input = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* Typing a choice starts afresh on the next visit to the field. */
  g_object_set_data (G_OBJECT (input), "vastus-typed", NULL);
  g_signal_emit (self, signals[COMMITTED], 0);
}

static void
unit_selected_cb (VastusMeasureRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->n_units)
    return;
  self->unit_index = selected;
  if (!self->loading)
    self->unit_dirty = TRUE;
  _vastus_measure_row_update_last_label (self);
  _vastus_measure_row_update_symmetry (self);
  _vastus_measure_row_emit_changed (self);
}

static void
add_trial_clicked_cb (VastusMeasureRow *self)
{
  if (vastus_measure_row_add_trial (self))
    gtk_widget_grab_focus (self->inputs[self->n_trials - 1][0]);
}

static void
confirm_toggled_cb (VastusMeasureRow *self)
{
  g_signal_emit (self, signals[COMMITTED], 0);
}

void
_vastus_measure_row_watch_focus (VastusMeasureRow *self,
                                 GtkWidget        *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (input_focus_leave_cb), self);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
create_input (VastusMeasureRow *self,
              guint             s,
              int               trial)
{
  GtkWidget *input;
  VastusSide side = _vastus_measure_row_side_at (self, s);
  g_autofree char *name = _vastus_measure_row_input_name (self, side, trial);
  g_autofree char *id = g_strdup_printf ("%s/%s/%d", self->measure->code,
                                         vastus_side_to_string (side), trial);

  if (self->measure->kind == VASTUS_VALUE_NUMBER)
    {
      input = gtk_entry_new ();
      gtk_entry_set_input_purpose (GTK_ENTRY (input), self->measure->integer
                                   ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_width_chars (GTK_EDITABLE (input), 6);
      if (trial > 1)
        {
          /* Translators: the placeholder of a measure's second, third … trial; %d is the trial's
           * number */
          g_autofree char *placeholder = g_strdup_printf (_("Trial %d"), trial);

          gtk_entry_set_placeholder_text (GTK_ENTRY (input), placeholder);
        }
      g_signal_connect_swapped (input, "changed", G_CALLBACK (input_changed_cb), self);
      g_signal_connect (input, "activate", G_CALLBACK (input_activated_cb), self);
    }
  else
    {
      const char *bool_items[] = { "—", _("No"), _("Yes"), NULL };
      const char *grade_items[] = { "—", vastus_grade_display (VASTUS_GRADE_ZERO),
                                    vastus_grade_display (VASTUS_GRADE_TRACE),
                                    vastus_grade_display (VASTUS_GRADE_1PLUS),
                                    vastus_grade_display (VASTUS_GRADE_2PLUS),
                                    vastus_grade_display (VASTUS_GRADE_3PLUS), NULL };

      input = gtk_drop_down_new_from_strings (self->measure->kind == VASTUS_VALUE_BOOL
                                              ? bool_items : grade_items);
      g_signal_connect_swapped (input, "notify::selected", G_CALLBACK (input_changed_cb), self);
    }
  gtk_widget_set_name (input, id);
  gtk_widget_set_hexpand (input, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  vastus_set_tooltip (input, name);
  _vastus_measure_row_watch_focus (self, input);
  if (GTK_IS_DROP_DOWN (input))
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (input_key_pressed_cb), self);
      gtk_widget_add_controller (input, keys);
    }
  return input;
}

static GtkWidget *
create_side_header (VastusMeasureRow *self,
                    VastusSide        side)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (side == VASTUS_SIDE_LEFT ? _("Left") : _("Right"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  if (is_involved (self, side))
    {
      GtkWidget *tag = gtk_label_new (_("Involved"));

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "accent");
      gtk_box_append (GTK_BOX (box), tag);
    }
  return box;
}

const VastusMeasurement *
_vastus_measure_row_previous_trial (const VastusVisit *previous,
                                    const char        *code)
{
  const VastusMeasurement *m;

  if (previous == NULL)
    return NULL;
  if ((m = vastus_visit_first_trial (previous, code, VASTUS_SIDE_LEFT)) != NULL ||
      (m = vastus_visit_first_trial (previous, code, VASTUS_SIDE_RIGHT)) != NULL)
    return m;
  return vastus_visit_first_trial (previous, code, VASTUS_SIDE_NONE);
}

static void
setup_units (VastusMeasureRow  *self,
             const VastusVisit *previous)
{
  const VastusMeasurement *last = _vastus_measure_row_previous_trial (previous,
                                                                      self->measure->code);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *name = g_strdup_printf (_("%s: unit"), vastus_measure_get_short_label (self->measure));

  for (self->n_units = 0; self->measure->input_units[self->n_units] != NULL; self->n_units++)
    {
      self->units[self->n_units] = self->measure->input_units[self->n_units];
      gtk_string_list_append (list, vastus_unit_symbol (self->units[self->n_units]));
    }
  self->units[self->n_units] = NULL;
  self->unit_index = 0;
  for (guint i = 0; i < self->n_units; i++)
    if (g_str_equal (self->units[i], self->measure->unit))
      self->unit_index = i;
  /* The unit of the last visit: clinics use the same device each time. */
  for (guint i = 0; last != NULL && i < self->n_units; i++)
    if (g_strcmp0 (self->units[i], last->unit) == 0)
      self->unit_index = i;

  if (self->n_units > 1)
    {
      gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (list));
      gtk_drop_down_set_selected (self->unit_dropdown, self->unit_index);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit_dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->unit_dropdown), TRUE);
      g_signal_connect_swapped (self->unit_dropdown, "notify::selected",
                                G_CALLBACK (unit_selected_cb), self);
    }
  else if (*vastus_unit_symbol (_vastus_measure_row_current_unit (self)) != '\0')
    {
      gtk_label_set_text (self->unit_label,
                          vastus_unit_symbol (_vastus_measure_row_current_unit (self)));
      gtk_widget_set_visible (GTK_WIDGET (self->unit_label), TRUE);
    }
}

/* Overrides */

static void
vastus_measure_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_MEASURE_ROW);
  G_OBJECT_CLASS (vastus_measure_row_parent_class)->dispose (object);
}

static void
vastus_measure_row_finalize (GObject *object)
{
  VastusMeasureRow *self = VASTUS_MEASURE_ROW (object);

  g_clear_pointer (&self->symmetry_text, g_free);
  g_clear_pointer (&self->fixation_other, g_free);
  G_OBJECT_CLASS (vastus_measure_row_parent_class)->finalize (object);
}

static void
vastus_measure_row_class_init (VastusMeasureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_measure_row_dispose;
  object_class->finalize = vastus_measure_row_finalize;
  g_type_ensure (VASTUS_TYPE_PROBLEM_VIEW);

  /* Any value, unit or condition changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The user left an input or pressed Enter in it: time to check. */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter in a value entry. */
  signals[INPUT_ACTIVATED] = g_signal_new ("input-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-measure-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, change_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, conditions_arrow);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, conditions_box);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, conditions_button);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, conditions_grid);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, conditions_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, entries_box);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, grid);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, history_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, last_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, convention_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, problem_view);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, symmetry_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VastusMeasureRow, unit_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "conditions_toggled_cb",
                                                G_CALLBACK (_vastus_measure_row_conditions_toggled_cb));
  gtk_widget_class_bind_template_callback (widget_class, confirm_toggled_cb);
}

static void
vastus_measure_row_init (VastusMeasureRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Beside the last trial's values, so Tab reaches it after them. */
  self->add_trial_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (self->add_trial_button, GTK_ALIGN_END);
  gtk_box_append (self->entries_box, self->add_trial_button);
  gtk_widget_add_css_class (self->add_trial_button, "flat");
  vastus_set_tooltip (self->add_trial_button, _("Add a trial"));
  g_signal_connect_swapped (self->add_trial_button, "clicked", G_CALLBACK (add_trial_clicked_cb), self);
  self->previous_value[0] = self->previous_value[1] = NAN;
}

/* Public API */

GtkWidget *
vastus_measure_row_new (const VastusMeasure *measure,
                        VastusSide           involved_side,
                        const VastusVisit   *previous)
{
  VastusMeasureRow *self;

  g_return_val_if_fail (measure != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_MEASURE_ROW, NULL);
  self->measure = measure;
  self->involved_side = involved_side;
  self->n_sides = measure->two_sided ? 2 : 1;
  self->loading = TRUE;

  gtk_label_set_text (self->title_label, vastus_measure_get_label (measure));
  if (vastus_measure_get_convention (measure) != NULL)
    {
      gtk_label_set_text (self->convention_label, vastus_measure_get_convention (measure));
      gtk_widget_set_visible (GTK_WIDGET (self->convention_label), TRUE);
    }
  gtk_widget_set_name (GTK_WIDGET (self), measure->code);

  for (guint s = 0; s < self->n_sides && previous != NULL; s++)
    self->previous_value[s] = vastus_visit_combined (previous, measure->code,
                                                     _vastus_measure_row_side_at (self, s),
                                                     VASTUS_TRIALS_ALL);
  setup_units (self, previous);
  _vastus_measure_row_update_last_label (self);

  if (self->n_sides == 2)
    {
      gtk_grid_attach (self->grid, create_side_header (self, VASTUS_SIDE_LEFT), 0, 0, 1, 1);
      gtk_grid_attach (self->grid, create_side_header (self, VASTUS_SIDE_RIGHT), 1, 0, 1, 1);
    }
  else
    /* Keeps a lone entry as wide as one side of a two-sided row. */
    gtk_grid_attach (self->grid, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), 1, 1, 1, 1);
  vastus_measure_row_add_trial (self);
  if (!vastus_measure_takes_trials (measure))
    {
      /* One value only: the button keeps its place, so that the columns line up, but is
       * neither seen, clicked, focused nor announced. */
      gtk_widget_set_opacity (self->add_trial_button, 0);
      gtk_widget_set_sensitive (self->add_trial_button, FALSE);
      gtk_widget_set_can_target (self->add_trial_button, FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->add_trial_button),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  {
    /* Translators: read out by a screen reader (verb): the button that adds a trial; %s is the
     * measure's short name */
    g_autofree char *name = g_strdup_printf (_("Add a trial of %s"), vastus_measure_get_short_label (measure));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_trial_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  _vastus_measure_row_setup_conditions (self, previous);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

const VastusMeasure *
vastus_measure_row_get_measure (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return self->measure;
}

const char *
vastus_measure_row_get_unit (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return _vastus_measure_row_current_unit (self);
}

gboolean
vastus_measure_row_set_unit (VastusMeasureRow *self,
                             const char       *unit)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), FALSE);

  for (guint i = 0; i < self->n_units; i++)
    if (g_strcmp0 (self->units[i], unit) == 0)
      {
        if (self->n_units > 1)
          gtk_drop_down_set_selected (self->unit_dropdown, i);
        self->unit_index = i;
        return TRUE;
      }
  return FALSE;
}

guint
vastus_measure_row_get_n_trials (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), 0);
  return self->n_trials;
}

/* One more row of inputs, up to the one trial limit (VASTUS_MAX_TRIALS). */
gboolean
_vastus_measure_row_add_trial_inputs (VastusMeasureRow *self)
{
  int trial;

  if (self->n_trials >= VASTUS_MAX_TRIALS)
    return FALSE;
  trial = (int) self->n_trials + 1;
  for (guint s = 0; s < self->n_sides; s++)
    {
      self->inputs[self->n_trials][s] = create_input (self, s, trial);
      gtk_grid_attach (self->grid, self->inputs[self->n_trials][s], (int) s, trial, 1, 1);
    }
  self->n_trials++;
  gtk_widget_set_sensitive (self->add_trial_button,
                            self->n_trials < VASTUS_MAX_TRIALS && vastus_measure_takes_trials (self->measure));
  return TRUE;
}

gboolean
vastus_measure_row_add_trial (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), FALSE);

  if (self->n_trials > 0 && !vastus_measure_takes_trials (self->measure))
    return FALSE;
  return _vastus_measure_row_add_trial_inputs (self);
}

GtkWidget *
vastus_measure_row_get_input (VastusMeasureRow *self,
                              VastusSide        side,
                              int               trial)
{
  int s;

  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  s = _vastus_measure_row_side_index (self, side);
  if (s < 0 || trial < 1 || trial > (int) self->n_trials)
    return NULL;
  return self->inputs[trial - 1][s];
}

void
vastus_measure_row_get_inputs (VastusMeasureRow *self,
                               GPtrArray        *out)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      g_ptr_array_add (out, self->inputs[t][s]);
}

gboolean
vastus_measure_row_has_values (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), FALSE);

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      if (!_vastus_measure_row_input_is_empty (self->inputs[t][s]))
        return TRUE;
  return FALSE;
}

const char *
vastus_measure_row_get_symmetry_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return self->symmetry_text;
}

const char *
vastus_measure_row_get_convention_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->convention_label))
         ? gtk_label_get_text (self->convention_label) : NULL;
}

const char *
vastus_measure_row_get_change_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->change_label))
         ? gtk_label_get_text (self->change_label) : NULL;
}

void
vastus_measure_row_set_history (VastusMeasureRow *self,
                                const char       *text)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  gtk_label_set_text (self->history_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), text != NULL);
}

GtkWidget *
vastus_measure_row_get_unit_dropdown (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return self->n_units > 1 ? GTK_WIDGET (self->unit_dropdown) : NULL;
}

GtkWidget *
vastus_measure_row_get_confirm_check (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return GTK_WIDGET (self->confirm_check);
}

GtkWidget *
vastus_measure_row_get_add_trial_button (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return self->add_trial_button;
}

const char *
vastus_measure_row_get_history_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->history_label)))
    return NULL;
  return gtk_label_get_text (self->history_label);
}
