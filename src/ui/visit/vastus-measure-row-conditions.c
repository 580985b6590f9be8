/* vastus-measure-row-conditions.c: a measure's test conditions in its row: knee angle, velocity,
 * lever arm and, for hand-held dynamometers, the fixation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-measure-row"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-measure-row-private.h"
#include "vastus-model-error.h"
#include "vastus-units.h"
#include "vastus-tooltip.h"
#include "vastus-value.h"

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
const char *
_vastus_measure_row_fixation_code (VastusMeasureRow *self)
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

void
_vastus_measure_row_set_fixation (VastusMeasureRow *self,
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

void
_vastus_measure_row_update_conditions_label (VastusMeasureRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  struct { GtkWidget *entry; const char *format; } parts[] = {
    /* Translators: test conditions, e.g. "knee angle 60°" */
    { self->knee_angle_entry, N_("knee angle %s°") },
    { self->velocity_entry, N_("%s°/s") },
    /* Translators: a test condition of a dynamometer test; %s is the lever arm's length; cm is
     * the centimetre symbol */
    { self->lever_arm_entry, N_("lever arm %s cm") },
  };
  const char *fixation = _vastus_measure_row_fixation_code (self);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *value = NULL;

      if (parts[i].entry == NULL)
        continue;
      value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts[i].entry))));
      if (*value == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _(parts[i].format), value);
    }
  if (fixation != NULL)
    {
      g_autofree char *label = fixation_label (fixation);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  /* One message with the list in it: where the colon goes, and its spacing, is the language's. */
  if (text->len > 0)
    {
      /* Translators: a measure's test conditions; %s is the list of them, e.g. "knee angle 60°,
       * lever arm 30 cm" */
      g_autofree char *list = g_strdup_printf (_("Test conditions: %s"), text->str);

      g_string_assign (text, list);
    }
  else
    /* Translators: a button that shows the fields of a measure's test conditions; none entered */
    g_string_assign (text, _("Test conditions"));
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
condition_changed_cb (VastusMeasureRow *self)
{
  if (!self->loading)
    self->conditions_dirty = TRUE;
  _vastus_measure_row_update_conditions_label (self);
  _vastus_measure_row_emit_changed (self);
}

void
_vastus_measure_row_conditions_toggled_cb (VastusMeasureRow *self)
{
  gboolean open = gtk_toggle_button_get_active (self->conditions_button);

  gtk_image_set_from_icon_name (self->conditions_arrow, open ? "pan-down-symbolic"
                                                             : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->conditions_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
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
  _vastus_measure_row_watch_focus (self, entry);
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
  /* Translators: the field for how the dynamometer was held during the test (a strap, the
   * examiner's hand …) */
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Fixation"));
  g_autofree char *name = g_strdup_printf ("%s: %s", vastus_measure_get_short_label (self->measure),
                                           _("fixation of the dynamometer"));

  self->fixation_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  _vastus_measure_row_set_fixation (self, last);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->fixation_dropdown));
  vastus_set_tooltip (GTK_WIDGET (self->fixation_dropdown),
                               _("A dynamometer held by hand measures the tester’s strength as much as the patient’s: use a belt or frame"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fixation_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (self->fixation_dropdown, "notify::selected",
                            G_CALLBACK (condition_changed_cb), self);
  _vastus_measure_row_watch_focus (self, GTK_WIDGET (self->fixation_dropdown));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fixation_dropdown));
  /* A row of its own, across both columns: its choices are wider than a number's field ("Tenu à
   * la main"), and in a column of its own they widened both at 360 px. */
  gtk_widget_set_halign (GTK_WIDGET (self->fixation_dropdown), GTK_ALIGN_START);
  gtk_grid_attach (self->conditions_grid, box, 0, (position + 1) / 2, 2, 1);
}

void
_vastus_measure_row_setup_conditions (VastusMeasureRow  *self,
                                      const VastusVisit *previous)
{
  const VastusMeasurement *last = _vastus_measure_row_previous_trial (previous,
                                                                      self->measure->code);
  g_autofree char *angle = NULL, *velocity = NULL, *lever = NULL;
  int position = 0;

  if (self->measure->category != VASTUS_CATEGORY_STRENGTH)
    return;

  if (last != NULL && !isnan (last->knee_angle_deg))
    angle = _vastus_measure_row_format_for_entry (last->knee_angle_deg);
  if (last != NULL && !isnan (last->velocity_deg_s))
    velocity = _vastus_measure_row_format_for_entry (last->velocity_deg_s);
  else if (self->measure->velocity_deg_s > 0)
    velocity = g_strdup_printf ("%d", self->measure->velocity_deg_s);
  if (last != NULL && !isnan (last->lever_arm_m))
    lever = _vastus_measure_row_format_lever_arm_for_entry (last->lever_arm_m);

  /* Isometric tests are done at a knee angle, isokinetic ones at a velocity. */
  if (self->measure->velocity_deg_s == 0)
    self->knee_angle_entry = add_condition (self, position++, _("_Knee angle (°)"), _("knee angle in degrees"),
                                            NULL, angle);
  else
    /* Translators: the field for a dynamometer test's angular velocity, in degrees per second;
     * keep °/s as it is */
    self->velocity_entry = add_condition (self, position++, _("_Velocity (°/s)"), _("velocity in degrees per second"),
                                          NULL, velocity);
  if (g_str_equal (self->measure->unit, "N"))
    self->lever_arm_entry = add_condition (self, position++, _("_Lever arm (cm)"), _("lever arm in centimetres"),
                                           NULL, lever);
  if (self->measure->hand_held)
    add_fixation (self, position++, last != NULL ? last->fixation : NULL);
  _vastus_measure_row_update_conditions_label (self);
  gtk_widget_set_visible (self->conditions_box, TRUE);
}

/* A test condition: NAN when empty; FALSE (and a problem) when not a number. */
gboolean
_vastus_measure_row_parse_condition (VastusMeasureRow *self,
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

GtkWidget *
vastus_measure_row_get_conditions_button (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);
  return gtk_widget_get_visible (self->conditions_box) ? GTK_WIDGET (self->conditions_button) : NULL;
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

  return _vastus_measure_row_fixation_code (self);
}

void
vastus_measure_row_set_fixation (VastusMeasureRow *self,
                                 const char       *fixation)
{
  g_return_if_fail (VASTUS_IS_MEASURE_ROW (self));

  _vastus_measure_row_set_fixation (self, fixation);
}

GtkWidget *
vastus_measure_row_get_fixation_dropdown (VastusMeasureRow *self)
{
  g_return_val_if_fail (VASTUS_IS_MEASURE_ROW (self), NULL);

  return self->fixation_dropdown != NULL ? GTK_WIDGET (self->fixation_dropdown) : NULL;
}
