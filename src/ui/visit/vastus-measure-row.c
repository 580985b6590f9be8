/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-measure-row"

#include "config.h"

#include "vastus-i18n.h"
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-history.h"
#include "vastus-display.h"
#include "vastus-measure-row.h"
#include "vastus-model-error.h"
#include "vastus-problem-view.h"
#include "vastus-symmetry.h"
#include "vastus-units.h"
#include "vastus-value.h"
#include "vastus-tooltip.h"

/* On an input filled from a stored measurement: that measurement and the text shown for it. */
#define INPUT_STORED_KEY "vastus-stored"
#define INPUT_LOADED_KEY "vastus-loaded-text"

struct _VastusMeasureRow
{
  GtkListBoxRow        parent_instance;

  const VastusMeasure *measure;
  VastusSide           involved_side;
  guint                n_sides;          /* 2 for two-sided measures, else 1 */
  guint                n_trials;
  GtkWidget           *inputs[VASTUS_MAX_TRIALS][2];
  const char          *units[VASTUS_MAX_INPUT_UNITS + 1];
  guint                n_units;
  guint                unit_index;
  double               previous_value[2];  /* combined, stored unit; NAN when none */
  gboolean             loading;
  gboolean             unit_dirty;        /* the unit was changed by hand since loading */
  gboolean             conditions_dirty;  /* … or a test condition */
  char                *symmetry_text;

  GtkWidget           *knee_angle_entry;
  GtkWidget           *velocity_entry;
  GtkWidget           *lever_arm_entry;
  GtkDropDown         *fixation_dropdown; /* hand-held dynamometers only */
  char                *fixation_other;    /* text stored before the list was closed, kept as
                                           * an extra choice; NULL when none */

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *last_label;
  GtkLabel            *convention_label;
  GtkDropDown         *unit_dropdown;
  GtkLabel            *unit_label;
  GtkBox              *entries_box;
  GtkGrid             *grid;
  GtkWidget           *add_trial_button;
  GtkLabel            *change_label;
  GtkLabel            *symmetry_label;
  VastusProblemView   *problem_view;
  GtkCheckButton      *confirm_check;
  GtkWidget           *conditions_box;
  GtkToggleButton     *conditions_button;
  GtkImage            *conditions_arrow;
  GtkLabel            *conditions_label;
  GtkGrid             *conditions_grid;
  GtkLabel            *history_label;
};

G_DEFINE_FINAL_TYPE (VastusMeasureRow, vastus_measure_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  COMMITTED,
  INPUT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/* Helpers */

static VastusSide
side_at (VastusMeasureRow *self,
         guint             index)
{
  if (self->n_sides == 1)
    return VASTUS_SIDE_NONE;
  return index == 0 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;
}

static int
side_index (VastusMeasureRow *self,
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

static const char *
current_unit (VastusMeasureRow *self)
{
  return self->units[self->unit_index];
}

static const char *
side_word (VastusSide side)
{
  switch (side)
    {
    case VASTUS_SIDE_LEFT: return _("left");
    case VASTUS_SIDE_RIGHT: return _("right");
    default: return NULL;
    }
}

/* "Quadriceps HHD, left (involved), trial 2": the accessible name of an input. */
static char *
input_name (VastusMeasureRow *self,
            VastusSide        side,
            int               trial)
{
  const char *label = vastus_measure_get_short_label (self->measure);
  g_autofree char *where = NULL;

  if (side == VASTUS_SIDE_NONE)
    where = g_strdup (label);
  else if (is_involved (self, side))
    /* Translators: "Quadriceps HHD, left (involved)" */
    where = g_strdup_printf (_("%s, %s (involved)"), label, side_word (side));
  else
    where = g_strdup_printf (_("%s, %s"), label, side_word (side));
  if (trial > 1)
    return g_strdup_printf (_("%s, trial %d"), where, trial);
  return g_steal_pointer (&where);
}

/* Text for an entry: locale decimal mark, at most 10 significant digits so that a value stored
 * in N and shown in lbf reads back as what was typed. */
static char *
format_for_entry (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  return g_strdup (vastus_display_number_text (buf, shown));
}

/* A lever arm stored in metres, in centimetres as typed: 0.29 m is "29", never "28.999…". */
static char *
format_lever_arm_for_entry (double metres)
{
  char buf[32];
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_lever_arm_format_cm (metres, buf);
  return g_strdup (vastus_display_number_text (buf, shown));
}

static char *
format_signed (VastusMeasureRow *self,
               double            delta)
{
  g_autofree char *text = vastus_measure_format_value (self->measure, fabs (delta), current_unit (self));

  if (delta > 0)
    return g_strdup_printf ("+%s", text);
  if (delta < 0)
    return g_strdup_printf ("−%s", text);
  return g_steal_pointer (&text);
}

/* The value an input holds, in the stored unit; NAN when empty or not a number. */
static double
input_value (VastusMeasureRow *self,
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
  if (!vastus_unit_entry_to_stored (current_unit (self), gtk_editable_get_text (GTK_EDITABLE (input)),
                                    &stored, NULL))
    return NAN;
  return stored;
}

/* What an input shows, as text (a drop-down's position for grades and yes/no). */
static char *
input_text_dup (GtkWidget *input)
{
  if (GTK_IS_DROP_DOWN (input))
    return g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (input)));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

static gboolean
input_is_empty (GtkWidget *input)
{
  g_autofree char *text = NULL;

  if (GTK_IS_DROP_DOWN (input))
    return gtk_drop_down_get_selected (GTK_DROP_DOWN (input)) == 0;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (input))));
  return *text == '\0';
}

static double
combined_side (VastusMeasureRow *self,
               guint             s)
{
  double values[VASTUS_MAX_TRIALS];
  guint n = 0;

  for (guint t = 0; t < self->n_trials; t++)
    {
      double v = input_value (self, self->inputs[t][s]);

      /* An impossible value has its message; no figure is derived from the side it is on. */
      if (!isnan (v) && vastus_measure_check_value (self->measure, v) == VASTUS_VALUE_IMPOSSIBLE)
        return NAN;
      /* "last" means the highest trial, as vastus_visit_combined reads it. */
      if (!isnan (v))
        values[n++] = v;
    }
  return vastus_measure_combine (self->measure, values, n);
}

static void
update_symmetry (VastusMeasureRow *self)
{
  double now[2] = { NAN, NAN };
  g_autoptr(GString) change = g_string_new (NULL);

  for (guint s = 0; s < self->n_sides; s++)
    now[s] = combined_side (self, s);

  /* The live index: only when both sides are in and one side is the involved one. */
  g_clear_pointer (&self->symmetry_text, g_free);
  if (self->n_sides == 2 && !isnan (now[0]) && !isnan (now[1]) &&
      (self->involved_side == VASTUS_SIDE_LEFT || self->involved_side == VASTUS_SIDE_RIGHT))
    {
      guint inv = self->involved_side == VASTUS_SIDE_LEFT ? 0 : 1;

      switch (vastus_symmetry_kind (self->measure))
        {
        case VASTUS_SYMMETRY_RATIO:
          {
            double lsi = vastus_lsi (self->measure, now[inv], now[1 - inv]);
            char shown[VASTUS_DISPLAY_NUMBER_SIZE];

            if (!isnan (lsi))
              /* Translators: limb symmetry index, e.g. "LSI 94.4 %" (the number has its decimal
               * mark already) */
              self->symmetry_text = g_strdup_printf (_("LSI %s %%"),
                                                     vastus_display_number (lsi, 1, shown));
          }
          break;

        case VASTUS_SYMMETRY_DIFFERENCE:
          {
            double diff = vastus_side_difference (self->measure, now[inv], now[1 - inv]);

            if (isnan (diff))
              break;
            if (diff == 0)
              self->symmetry_text = g_strdup (_("Sides equal"));
            else if (self->measure->kind == VASTUS_VALUE_GRADE)
              {
                int steps = (int) fabs (diff);

                self->symmetry_text = diff > 0
                  ? g_strdup_printf (ngettext ("Involved side %d grade worse",
                                                  "Involved side %d grades worse", steps), steps)
                  : g_strdup_printf (ngettext ("Involved side %d grade better",
                                                  "Involved side %d grades better", steps), steps);
              }
            else
              {
                g_autofree char *shown = vastus_measure_format_value (self->measure, fabs (diff),
                                                                      current_unit (self));

                /* Translators: side-to-side difference, e.g. "Involved side worse by 5°" */
                self->symmetry_text = g_strdup_printf (diff > 0 ? _("Involved side worse by %s")
                                                       : _("Involved side better by %s"), shown);
              }
          }
          break;

        case VASTUS_SYMMETRY_NONE:
        default:
          break;
        }
    }
  gtk_label_set_text (self->symmetry_label, self->symmetry_text ? self->symmetry_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->symmetry_label), self->symmetry_text != NULL);

  /* The change since the last visit, in the unit being typed. */
  if (self->measure->kind == VASTUS_VALUE_NUMBER)
    for (guint s = 0; s < self->n_sides; s++)
      {
        g_autofree char *delta = NULL;

        if (isnan (now[s]) || isnan (self->previous_value[s]))
          continue;
        delta = format_signed (self, now[s] - self->previous_value[s]);
        if (change->len > 0)
          g_string_append (change, ", ");
        if (self->n_sides == 2)
          /* Translators: "left +20 N" */
          g_string_append_printf (change, _("%s %s"), side_word (side_at (self, s)), delta);
        else
          g_string_append (change, delta);
      }
  if (change->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Since last visit: %s"), change->str);

      gtk_label_set_text (self->change_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change->len > 0);
}

static void
update_last_label (VastusMeasureRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < self->n_sides; s++)
    {
      g_autofree char *shown = NULL;

      if (isnan (self->previous_value[s]))
        continue;
      shown = vastus_measure_format_value (self->measure, self->previous_value[s], current_unit (self));
      if (text->len > 0)
        g_string_append (text, " · ");
      if (self->n_sides == 2)
        g_string_append_printf (text, _("%s %s"), side_word (side_at (self, s)), shown);
      else
        g_string_append (text, shown);
    }
  if (text->len > 0)
    {
      g_autofree char *label = g_strdup_printf (_("Last visit: %s"), text->str);

      gtk_label_set_text (self->last_label, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), text->len > 0);
}

/* Fixation: drop-down position 0 is "not recorded", then the closed list (VastusFixation
 * order), then the text stored before the list was closed, if any. */

static char *
fixation_label (const char *code)
{
  VastusFixation fixation;

  if (vastus_fixation_from_string (code, &fixation))
    return g_utf8_strdown (vastus_fixation_label (fixation), -1);
  /* Translators: a fixation recorded as free text before the list of belt, frame and by hand */
  return g_strdup_printf (_("“%s” (as recorded)"), code);
}

/* The code selected ("belt", "frame", "manual", the old text) or NULL. */
static const char *
fixation_code (VastusMeasureRow *self)
{
  guint selected;

  if (self->fixation_dropdown == NULL)
    return NULL;
  selected = gtk_drop_down_get_selected (self->fixation_dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (selected <= VASTUS_FIXATION_MANUAL + 1)
    return vastus_fixation_to_string ((VastusFixation) (selected - 1));
  return self->fixation_other;
}

static void
set_fixation (VastusMeasureRow *self,
              const char       *code)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *copy = g_strdup (code);   /* @code may be fixation_other itself */
  VastusFixation fixation;
  guint selected = 0;

  if (self->fixation_dropdown == NULL)
    return;
  code = copy;
  g_clear_pointer (&self->fixation_other, g_free);
  if (code != NULL && *code != '\0' && vastus_fixation_from_string (code, &fixation))
    selected = (guint) fixation + 1;
  else if (code != NULL && *code != '\0')
    self->fixation_other = g_strdup (code);
  /* Translators: the fixation of a hand-held dynamometer was not recorded */
  gtk_string_list_append (items, _("Not recorded"));
  for (VastusFixation f = VASTUS_FIXATION_BELT; f <= VASTUS_FIXATION_MANUAL; f++)
    gtk_string_list_append (items, vastus_fixation_label (f));
  if (self->fixation_other != NULL)
    {
      g_autofree char *other = fixation_label (self->fixation_other);

      gtk_string_list_append (items, other);
      selected = VASTUS_FIXATION_MANUAL + 2;
    }
  gtk_drop_down_set_model (self->fixation_dropdown, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->fixation_dropdown, selected);
}

static void
update_conditions_label (VastusMeasureRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  struct { GtkWidget *entry; const char *format; } parts[] = {
    /* Translators: test conditions, e.g. "knee angle 60°" */
    { self->knee_angle_entry, N_("knee angle %s°") },
    { self->velocity_entry, N_("%s°/s") },
    { self->lever_arm_entry, N_("lever arm %s cm") },
  };
  const char *fixation = fixation_code (self);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *value = NULL;

      if (parts[i].entry == NULL)
        continue;
      value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts[i].entry))));
      if (*value == '\0')
        continue;
      g_string_append (text, text->len > 0 ? ", " : ": ");
      g_string_append_printf (text, _(parts[i].format), value);
    }
  if (fixation != NULL)
    {
      g_autofree char *label = fixation_label (fixation);

      g_string_append (text, text->len > 0 ? ", " : ": ");
      g_string_append (text, label);
    }
  g_string_prepend (text, _("Test conditions"));
  gtk_label_set_text (self->conditions_label, text->str);
  {
    /* Translators: the accessible name of a measure's test conditions, e.g.
     * "Quadriceps HHD: Test conditions: knee angle 60°, belt" */
    g_autofree char *name = g_strdup_printf (_("%s: %s"), vastus_measure_get_short_label (self->measure),
                                             text->str);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->conditions_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
emit_changed (VastusMeasureRow *self)
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
  update_symmetry (self);
  emit_changed (self);
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
condition_changed_cb (VastusMeasureRow *self)
{
  if (!self->loading)
    self->conditions_dirty = TRUE;
  update_conditions_label (self);
  emit_changed (self);
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
  update_last_label (self);
  update_symmetry (self);
  emit_changed (self);
}

static void
add_trial_clicked_cb (VastusMeasureRow *self)
{
  if (vastus_measure_row_add_trial (self))
    gtk_widget_grab_focus (self->inputs[self->n_trials - 1][0]);
}

static void
conditions_toggled_cb (VastusMeasureRow *self)
{
  gboolean open = gtk_toggle_button_get_active (self->conditions_button);

  gtk_image_set_from_icon_name (self->conditions_arrow, open ? "pan-down-symbolic"
                                                             : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->conditions_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
}

static void
confirm_toggled_cb (VastusMeasureRow *self)
{
  g_signal_emit (self, signals[COMMITTED], 0);
}

static void
watch_focus (VastusMeasureRow *self,
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
  g_autofree char *name = input_name (self, side_at (self, s), trial);
  g_autofree char *id = g_strdup_printf ("%s/%s/%d", self->measure->code,
                                         vastus_side_to_string (side_at (self, s)), trial);

  if (self->measure->kind == VASTUS_VALUE_NUMBER)
    {
      input = gtk_entry_new ();
      gtk_entry_set_input_purpose (GTK_ENTRY (input), self->measure->integer
                                   ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_width_chars (GTK_EDITABLE (input), 6);
      if (trial > 1)
        {
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
  watch_focus (self, input);
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

static GtkWidget *
add_condition (VastusMeasureRow *self,
               int               position,
               const char       *mnemonic,
               const char       *accessible,
               const char       *placeholder,
               const char       *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = g_strdup_printf ("%s: %s", vastus_measure_get_short_label (self->measure),
                                           accessible);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (condition_changed_cb), self);
  watch_focus (self, entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_grid_attach (self->conditions_grid, box, position % 2, position / 2, 1, 1);
  return entry;
}

/* A hand-held dynamometer's fixation, as the last visit had it: a belt or frame anchors it;
 * held by hand it measures the tester too (clinical-reference §4). */
static void
add_fixation (VastusMeasureRow *self,
              int               position,
              const char       *last)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Fixation"));
  g_autofree char *name = g_strdup_printf ("%s: %s", vastus_measure_get_short_label (self->measure),
                                           _("fixation of the dynamometer"));

  self->fixation_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  set_fixation (self, last);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->fixation_dropdown));
  vastus_set_tooltip (GTK_WIDGET (self->fixation_dropdown),
                               _("A dynamometer held by hand measures the tester’s strength as much as the patient’s: use a belt or frame"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fixation_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (self->fixation_dropdown, "notify::selected",
                            G_CALLBACK (condition_changed_cb), self);
  watch_focus (self, GTK_WIDGET (self->fixation_dropdown));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fixation_dropdown));
  gtk_grid_attach (self->conditions_grid, box, position % 2, position / 2, 1, 1);
}

static const VastusMeasurement *
previous_trial (const VastusVisit *previous,
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
setup_conditions (VastusMeasureRow  *self,
                  const VastusVisit *previous)
{
  const VastusMeasurement *last = previous_trial (previous, self->measure->code);
  g_autofree char *angle = NULL, *velocity = NULL, *lever = NULL;
  int position = 0;

  if (self->measure->category != VASTUS_CATEGORY_STRENGTH)
    return;

  if (last != NULL && !isnan (last->knee_angle_deg))
    angle = format_for_entry (last->knee_angle_deg);
  if (last != NULL && !isnan (last->velocity_deg_s))
    velocity = format_for_entry (last->velocity_deg_s);
  else if (self->measure->velocity_deg_s > 0)
    velocity = g_strdup_printf ("%d", self->measure->velocity_deg_s);
  if (last != NULL && !isnan (last->lever_arm_m))
    lever = format_lever_arm_for_entry (last->lever_arm_m);

  /* Isometric tests are done at a knee angle, isokinetic ones at a velocity. */
  if (self->measure->velocity_deg_s == 0)
    self->knee_angle_entry = add_condition (self, position++, _("_Knee angle (°)"), _("knee angle in degrees"),
                                            NULL, angle);
  else
    self->velocity_entry = add_condition (self, position++, _("_Velocity (°/s)"), _("velocity in degrees per second"),
                                          NULL, velocity);
  if (g_str_equal (self->measure->unit, "N"))
    self->lever_arm_entry = add_condition (self, position++, _("_Lever arm (cm)"), _("lever arm in centimetres"),
                                           NULL, lever);
  if (self->measure->hand_held)
    add_fixation (self, position++, last != NULL ? last->fixation : NULL);
  update_conditions_label (self);
  gtk_widget_set_visible (self->conditions_box, TRUE);
}

static void
setup_units (VastusMeasureRow  *self,
             const VastusVisit *previous)
{
  const VastusMeasurement *last = previous_trial (previous, self->measure->code);
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
  else if (*vastus_unit_symbol (current_unit (self)) != '\0')
    {
      gtk_label_set_text (self->unit_label, vastus_unit_symbol (current_unit (self)));
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
  gtk_widget_class_bind_template_callback (widget_class, conditions_toggled_cb);
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
    self->previous_value[s] = vastus_visit_combined (previous, measure->code, side_at (self, s),
                                                     VASTUS_TRIALS_ALL);
  setup_units (self, previous);
  update_last_label (self);

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
    g_autofree char *name = g_strdup_printf (_("Add a trial of %s"), vastus_measure_get_short_label (measure));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_trial_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  setup_conditions (self, previous);
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
  return current_unit (self);
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
static gboolean
add_trial_inputs (VastusMeasureRow *self)
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
  return add_trial_inputs (self);
}

GtkWidget *
vastus_measure_row_get_input (VastusMeasureRow *self,
                              VastusSide        side,
                              int               trial)
{
  int s;

  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  s = side_index (self, side);
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
      if (!input_is_empty (self->inputs[t][s]))
        return TRUE;
  return FALSE;
}

/* A test condition: NAN when empty; FALSE (and a problem) when not a number. */
static gboolean
parse_condition (VastusMeasureRow *self,
                 GtkWidget        *entry,
                 const char       *what,
                 double           *out,
                 GPtrArray        *problems)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  *out = NAN;
  if (entry == NULL)
    return TRUE;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*text == '\0')
    return TRUE;
  if (vastus_display_parse_number (text, out, &error))
    return TRUE;
  {
    g_autofree char *message =
      g_error_matches (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS)
        /* Translators: "Quadriceps HHD, knee angle: “1.234” could mean 1,234 or 1234: type the
         * one you mean." */
        ? g_strdup_printf (_("%s, %s: %s."), vastus_measure_get_label (self->measure), what,
                           error->message)
        /* Translators: "Quadriceps HHD: knee angle “abc” is not a number." */
        : g_strdup_printf (_("%s: %s “%s” is not a number."),
                           vastus_measure_get_label (self->measure), what, text);

    vastus_problem_add (problems, self->measure->code, FALSE, -1, message);
    gtk_widget_add_css_class (entry, "error");
    gtk_toggle_button_set_active (self->conditions_button, TRUE);
  }
  return FALSE;
}

void
vastus_measure_row_collect (VastusMeasureRow *self,
                            VastusVisit      *visit,
                            GPtrArray        *problems)
{
  double angle, velocity, lever;
  g_autofree char *fixation = NULL;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  if (self->knee_angle_entry)
    gtk_widget_remove_css_class (self->knee_angle_entry, "error");
  if (self->velocity_entry)
    gtk_widget_remove_css_class (self->velocity_entry, "error");
  if (self->lever_arm_entry)
    gtk_widget_remove_css_class (self->lever_arm_entry, "error");
  parse_condition (self, self->knee_angle_entry, _("knee angle"), &angle, problems);
  parse_condition (self, self->velocity_entry, _("velocity"), &velocity, problems);
  /* In metres by moving the decimal point, as import does (33.3 cm is 0.333 m, not 33.3 ÷ 100):
   * the text parse_condition accepted as a number. */
  if (parse_condition (self, self->lever_arm_entry, _("lever arm"), &lever, problems) && !isnan (lever) &&
      !vastus_lever_arm_entry_from_cm (gtk_editable_get_text (GTK_EDITABLE (self->lever_arm_entry)), &lever,
                                       NULL))
    g_return_if_reached ();
  fixation = g_strdup (fixation_code (self));

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      {
        GtkWidget *input = self->inputs[t][s];
        VastusSide side = side_at (self, s);
        VastusMeasurement *m;
        const VastusMeasurement *stored = g_object_get_data (G_OBJECT (input), INPUT_STORED_KEY);
        const char *loaded_text = g_object_get_data (G_OBJECT (input), INPUT_LOADED_KEY);
        g_autofree char *current_text = input_text_dup (input);
        double value;
        const char *unit = current_unit (self);

        if (input_is_empty (input))
          continue;
        if (stored != NULL && !self->unit_dirty && g_strcmp0 (loaded_text, current_text) == 0)
          {
            /* Untouched: exactly what is stored, whatever unit it was entered in. */
            m = vastus_measurement_copy (stored);
            if (self->conditions_dirty)
              {
                m->knee_angle_deg = angle;
                m->velocity_deg_s = velocity;
                m->lever_arm_m = lever;
                if (self->fixation_dropdown != NULL)
                  {
                    g_free (m->fixation);
                    m->fixation = g_strdup (fixation);
                  }
              }
            vastus_visit_add_measurement (visit, m);
            continue;
          }
        if (self->measure->kind == VASTUS_VALUE_NUMBER)
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (input));
            g_autoptr(GError) error = NULL;

            if (!vastus_unit_entry_to_stored (unit, text, &value, &error))
              {
                g_autofree char *field = g_strdup_printf ("%s/%s/%u", self->measure->code,
                                                          vastus_side_to_string (side), t + 1);
                g_autofree char *name = input_name (self, side, (int) t + 1);
                g_autofree char *stripped = g_strstrip (g_strdup (text));
                g_autofree char *message =
                  error != NULL
                    /* Translators: a field's name, then why its text reads two ways:
                     * "Quadriceps HHD, left: “1.234” could mean 1,234 or 1234: type the one you mean." */
                    ? g_strdup_printf (_("%s: %s."), name, error->message)
                    : g_strdup_printf (_("%s: “%s” is not a number."), name, stripped);

                vastus_problem_add (problems, field, FALSE, -1, message);
                continue;
              }
          }
        else
          value = input_value (self, input);

        m = vastus_measurement_new (self->measure->code, side, (int) t + 1, value, unit);
        if (stored != NULL)
          {
            m->id = stored->id;
            m->visit_id = stored->visit_id;
            m->baseline = stored->baseline;
          }
        m->knee_angle_deg = angle;
        m->velocity_deg_s = velocity;
        m->lever_arm_m = lever;
        /* Only hand-held dynamometers ask for it; another measure keeps what it had. */
        m->fixation = g_strdup (self->fixation_dropdown != NULL ? fixation
                                : stored != NULL ? stored->fixation : NULL);
        vastus_visit_add_measurement (visit, m);
      }
}

static const char *condition_names[] = { "knee-angle", "velocity", "lever-arm" };

/* Text set again, even the same, counts as typed: a condition would then be rewritten from its
 * shown (rounded) text, and a stored value lose digits. */
static void
restore_text (GtkWidget  *editable,
              const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

void
vastus_measure_row_save_state (VastusMeasureRow *self,
                               GVariantDict     *dict)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (dict != NULL);

  g_variant_dict_insert (dict, "unit", "s", current_unit (self));
  g_variant_dict_insert (dict, "trials", "u", self->n_trials);
  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      g_ptr_array_add (texts, input_text_dup (self->inputs[t][s]));
  g_variant_dict_insert_value (dict, "values",
                               g_variant_new_strv ((const char * const *) texts->pdata, texts->len));
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    {
      GtkWidget *entry = vastus_measure_row_get_condition_entry (self, condition_names[i]);

      if (entry != NULL)
        g_variant_dict_insert (dict, condition_names[i], "s", gtk_editable_get_text (GTK_EDITABLE (entry)));
    }
  if (self->fixation_dropdown != NULL)
    g_variant_dict_insert (dict, "fixation", "s", fixation_code (self) != NULL ? fixation_code (self) : "");
  g_variant_dict_insert (dict, "confirmed", "b", gtk_check_button_get_active (self->confirm_check));
}

void
vastus_measure_row_restore_state (VastusMeasureRow *self,
                                  GVariantDict     *dict)
{
  g_autofree const char **values = NULL;
  const char *text;
  guint32 n_trials;
  gboolean confirmed;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (dict != NULL);

  /* The unit first: the values were typed in it. Nothing here is loading: the row marks a
   * changed unit or condition as changed, as typing it would. */
  if (g_variant_dict_lookup (dict, "unit", "&s", &text))
    vastus_measure_row_set_unit (self, text);
  if (g_variant_dict_lookup (dict, "trials", "u", &n_trials))
    while (self->n_trials < n_trials && vastus_measure_row_add_trial (self))
      ;
  if (g_variant_dict_lookup (dict, "values", "^a&s", &values))
    for (guint i = 0; values[i] != NULL && i / self->n_sides < self->n_trials; i++)
      {
        GtkWidget *input = self->inputs[i / self->n_sides][i % self->n_sides];
        guint64 position;

        if (!GTK_IS_DROP_DOWN (input))
          restore_text (input, values[i]);
        else if (g_ascii_string_to_unsigned (values[i], 10, 0,
                                             g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (input))) - 1,
                                             &position, NULL))
          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), (guint) position);
      }
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    {
      GtkWidget *entry = vastus_measure_row_get_condition_entry (self, condition_names[i]);

      if (entry != NULL && g_variant_dict_lookup (dict, condition_names[i], "&s", &text))
        restore_text (entry, text);
    }
  if (g_variant_dict_lookup (dict, "fixation", "&s", &text) &&
      g_strcmp0 (text, fixation_code (self) != NULL ? fixation_code (self) : "") != 0)
    set_fixation (self, text);
  /* Last: every change above clears the confirmation, as typing does. */
  if (g_variant_dict_lookup (dict, "confirmed", "b", &confirmed))
    gtk_check_button_set_active (self->confirm_check, confirmed);
}

void
vastus_measure_row_load (VastusMeasureRow  *self,
                         const VastusVisit *visit)
{
  gboolean unit_set = FALSE;
  gboolean conditions_set = FALSE;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  self->loading = TRUE;
  for (guint i = 0; visit != NULL && i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      int s = side_index (self, m->side);
      GtkWidget *input;
      g_autofree char *text = NULL;

      if (g_strcmp0 (m->measure, self->measure->code) != 0 || s < 0 || m->trial < 1 ||
          m->trial > VASTUS_MAX_TRIALS)
        continue;
      /* Every stored trial gets its input, even of a measure entered once: a value the editor
       * did not show would be deleted by saving. */
      while ((int) self->n_trials < m->trial && add_trial_inputs (self))
        ;
      if ((int) self->n_trials < m->trial)
        continue;
      if (!unit_set)
        unit_set = vastus_measure_row_set_unit (self, m->unit);
      input = self->inputs[m->trial - 1][s];
      if (GTK_IS_DROP_DOWN (input))
        {
          guint selected = self->measure->kind == VASTUS_VALUE_BOOL
            ? (m->value != 0 ? 2 : 1) : (guint) m->value + 1;

          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), selected);
          text = g_strdup_printf ("%u", selected);
        }
      else
        {
          double value = m->value;

          vastus_unit_from_stored (current_unit (self), m->value, &value);
          text = format_for_entry (value);
          gtk_editable_set_text (GTK_EDITABLE (input), text);
        }
      g_object_set_data_full (G_OBJECT (input), INPUT_STORED_KEY, vastus_measurement_copy (m),
                              (GDestroyNotify) vastus_measurement_free);
      g_object_set_data_full (G_OBJECT (input), INPUT_LOADED_KEY, g_steal_pointer (&text), g_free);

      if (!conditions_set)
        {
          conditions_set = TRUE;
          g_autofree char *angle = NULL, *velocity = NULL, *lever = NULL;

          if (self->knee_angle_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->knee_angle_entry),
                                   isnan (m->knee_angle_deg) ? "" : (angle = format_for_entry (m->knee_angle_deg)));
          if (self->velocity_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->velocity_entry),
                                   isnan (m->velocity_deg_s) ? "" : (velocity = format_for_entry (m->velocity_deg_s)));
          if (self->lever_arm_entry != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->lever_arm_entry),
                                   isnan (m->lever_arm_m) ? "" : (lever = format_lever_arm_for_entry (m->lever_arm_m)));
          set_fixation (self, m->fixation);
        }
    }
  update_last_label (self);
  update_symmetry (self);
  update_conditions_label (self);
  self->unit_dirty = self->conditions_dirty = FALSE;
  self->loading = FALSE;
}

void
vastus_measure_row_clear_problems (VastusMeasureRow *self)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  for (guint t = 0; t < self->n_trials; t++)
    for (guint s = 0; s < self->n_sides; s++)
      {
        gtk_widget_remove_css_class (self->inputs[t][s], "error");
        gtk_widget_remove_css_class (self->inputs[t][s], "warning");
      }
  vastus_problem_view_clear (self->problem_view);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check), FALSE);
}

void
vastus_measure_row_add_problem (VastusMeasureRow    *self,
                                const VastusProblem *problem)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));
  g_return_if_fail (problem != NULL);

  parts = g_strsplit (problem->field, "/", 3);
  if (g_strv_length (parts) == 3)
    {
      VastusSide side;
      int trial = atoi (parts[2]);
      GtkWidget *input;

      if (vastus_side_from_string (parts[1], &side) &&
          (input = vastus_measure_row_get_input (self, side, trial)) != NULL)
        gtk_widget_add_css_class (input, problem->soft ? "warning" : "error");
    }
  else if (!problem->soft)
    /* A problem of the whole measure marks every filled input. */
    for (guint t = 0; t < self->n_trials; t++)
      for (guint s = 0; s < self->n_sides; s++)
        if (!input_is_empty (self->inputs[t][s]))
          gtk_widget_add_css_class (self->inputs[t][s], "error");

  vastus_problem_view_add (self->problem_view, problem->soft, problem->message);
  /* A value that cannot be stored cannot be confirmed either. */
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check),
                          vastus_problem_view_has_warnings (self->problem_view) &&
                          !vastus_problem_view_has_errors (self->problem_view));
}

gboolean
vastus_measure_row_get_confirmed (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), FALSE);
  return gtk_check_button_get_active (self->confirm_check);
}

const char *
vastus_measure_row_get_problem_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return vastus_problem_view_get_text (self->problem_view);
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
vastus_measure_row_get_conditions_button (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return gtk_widget_get_visible (self->conditions_box) ? GTK_WIDGET (self->conditions_button) : NULL;
}

GtkWidget *
vastus_measure_row_get_add_trial_button (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return self->add_trial_button;
}

GtkWidget *
vastus_measure_row_get_condition_entry (VastusMeasureRow *self,
                                        const char       *name)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  if (g_strcmp0 (name, "knee-angle") == 0)
    return self->knee_angle_entry;
  if (g_strcmp0 (name, "velocity") == 0)
    return self->velocity_entry;
  if (g_strcmp0 (name, "lever-arm") == 0)
    return self->lever_arm_entry;
  return NULL;
}

const char *
vastus_measure_row_get_fixation (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  return fixation_code (self);
}

void
vastus_measure_row_set_fixation (VastusMeasureRow *self,
                                 const char       *fixation)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  set_fixation (self, fixation);
}

GtkWidget *
vastus_measure_row_get_fixation_dropdown (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  return self->fixation_dropdown != NULL ? GTK_WIDGET (self->fixation_dropdown) : NULL;
}

const char *
vastus_measure_row_get_history_text (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->history_label)))
    return NULL;
  return gtk_label_get_text (self->history_label);
}
