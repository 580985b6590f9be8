/* vastus-visit-editor-keys.c: the editor's keyboard: Tab and Enter from value to value,
 * Ctrl+Tab through every control, Ctrl+S to the first problem, the focused field kept in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include <math.h>

#include "vastus-visit-editor-private.h"

/* The position of @widget in the form's order (@chain): its own, or that of the first value inside
 * it (a measure's row); G_MAXUINT when it has none. */
guint
_vastus_visit_editor_chain_position (GPtrArray *chain,
                                     GtkWidget *widget)
{
  guint index;

  if (_vastus_visit_editor_chain_find (chain, widget, &index))
    return index;
  for (guint i = 0; i < chain->len; i++)
    if (gtk_widget_is_ancestor (g_ptr_array_index (chain, i), widget))
      return i;
  return G_MAXUINT;
}

/* The values in Tab and Enter order: the visit's fields and checks, then every measure's inputs
 * (left, right, trial by trial), section by section; a section not built yet stands as its
 * expander row. */
GPtrArray *
_vastus_visit_editor_input_chain (VastusVisitEditor *self)
{
  GPtrArray *chain = g_ptr_array_new ();

  g_ptr_array_add (chain, self->date_row);
  g_ptr_array_add (chain, self->clinician_row);
  g_ptr_array_add (chain, self->body_mass_row);
  g_ptr_array_add (chain, self->height_row);
  g_ptr_array_add (chain, self->notes_row);
  g_ptr_array_add (chain, self->baseline_check);
  for (guint i = 0; i < G_N_ELEMENTS (_vastus_visit_editor_findings); i++)
    g_ptr_array_add (chain, _vastus_visit_editor_finding_check (self,
                                                                _vastus_visit_editor_findings[i]));
  /* A battery: its measures in its order, then those added. */
  for (guint i = 0; self->battery != NULL && i < self->rows->len; i++)
    vastus_measure_row_get_inputs (g_ptr_array_index (self->rows, i), chain);
  for (guint c = 0; self->battery == NULL && c < VASTUS_N_CATEGORIES; c++)
    {
      if (!self->built[c])
        {
          g_ptr_array_add (chain, self->expanders[c]);
          continue;
        }
      for (guint i = 0; i < self->rows->len; i++)
        {
          VastusMeasureRow *row = g_ptr_array_index (self->rows, i);

          if (vastus_measure_row_get_measure (row)->category == c)
            vastus_measure_row_get_inputs (row, chain);
        }
    }
  return chain;
}

/* The position in @chain of @widget, or of the element @widget is inside (the text of an entry
 * row, the button of a drop-down). */
gboolean
_vastus_visit_editor_chain_find (GPtrArray *chain,
                                 GtkWidget *widget,
                                 guint     *index)
{
  for (guint i = 0; widget != NULL && i < chain->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (chain, i);

      if (widget == element || gtk_widget_is_ancestor (widget, element))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
focus_step (VastusVisitEditor *self,
            GtkWidget         *from,
            gboolean           forward)
{
  g_autoptr(GPtrArray) chain = _vastus_visit_editor_input_chain (self);
  GtkWidget *next = NULL;
  guint index;

  if (!_vastus_visit_editor_chain_find (chain, from, &index))
    return FALSE;
  while (TRUE)
    {
      if (forward ? index + 1 >= chain->len : index == 0)
        /* The last value: nothing is lost, Save is next. */
        return forward && gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
      index = forward ? index + 1 : index - 1;
      next = g_ptr_array_index (chain, index);
      if (!ADW_IS_EXPANDER_ROW (next))
        break;
      /* A section not built yet: build it, and go on in it. */
      for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
        if (self->expanders[c] == next)
          _vastus_visit_editor_ensure_section (self, c);
      g_ptr_array_unref (chain);
      chain = _vastus_visit_editor_input_chain (self);
      if (!_vastus_visit_editor_chain_find (chain, from, &index))
        return FALSE;
    }
  _vastus_visit_editor_expand_for (next);
  return gtk_widget_grab_focus (next);
}

void
_vastus_visit_editor_focus_next (VastusVisitEditor *self,
                                 GtkWidget         *from)
{
  focus_step (self, from, TRUE);
}

/* Tab from a control of a measure that is not a value (the unit, before the values; Add a
 * trial, Value confirmed and the test conditions, after them): the value after it, or before. */
static gboolean
tab_from_row_control (VastusVisitEditor *self,
                      VastusMeasureRow  *row,
                      GtkWidget         *focus,
                      gboolean           forward)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GtkWidget *unit = vastus_measure_row_get_unit_dropdown (row);
  gboolean before_values = unit != NULL && (focus == unit || gtk_widget_is_ancestor (focus, unit));

  vastus_measure_row_get_inputs (row, inputs);
  if (inputs->len == 0)
    return FALSE;
  if (before_values == forward)
    return gtk_widget_grab_focus (g_ptr_array_index (inputs, forward ? 0 : inputs->len - 1));
  return focus_step (self, g_ptr_array_index (inputs, forward ? inputs->len - 1 : 0), forward);
}

/* GTK moves the focus on from each container's focus child. A window that is not the active
 * one has let go of those (while its focus stays where it was), and GTK would start again at the
 * top: each container from the focus up to the editor holds its child again. */
static void
hold_focus_path (VastusVisitEditor *self,
                 GtkWidget         *focus)
{
  GtkWidget *parent;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  for (GtkWidget *child = focus; child != GTK_WIDGET (self); child = parent)
    {
      parent = gtk_widget_get_parent (child);
      if (gtk_widget_get_focus_child (parent) != child)
        gtk_widget_set_focus_child (parent, child);
    }
}

/* Ctrl+Tab: every control of the editor in reading order, from the last round to the first
 * (GtkScrolledWindow's own Ctrl+Tab would leave the form half-way for the buttons below). */
static gboolean
focus_control (VastusVisitEditor *self,
               gboolean           forward)
{
  GtkDirectionType direction = forward ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD;

  hold_focus_path (self, gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))));
  if (gtk_widget_child_focus (GTK_WIDGET (self), direction))
    return TRUE;
  gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  return gtk_widget_child_focus (GTK_WIDGET (self), direction);
}

void
_vastus_visit_editor_focus_problem (VastusVisitEditor *self,
                                    GtkWidget         *widget)
{
  if (widget == NULL)
    return;
  _vastus_visit_editor_expand_for (widget);
  gtk_widget_grab_focus (widget);
}

/* The focused field in view. The viewport scrolls to a field as it takes the focus, which is too
 * early for a trial just added or a section just opening (they have no place yet): so every
 * frame, until the layout holds still, the field's measure (the field alone when the measure is
 * taller than the view) is scrolled into view. */
#define VIEW_MARGIN 12
#define VIEW_MAX_FRAMES 120

static gboolean
keep_in_view_tick_cb (GtkWidget     *scrolled,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  VastusVisitEditor *self = user_data;
  GtkRoot *root = gtk_widget_get_root (scrolled);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double height = gtk_widget_get_height (scrolled);
  graphene_rect_t area;
  GtkWidget *around;
  double top, bottom, shift = 0;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, scrolled) ||
      ++self->view_frames > VIEW_MAX_FRAMES)
    {
      self->view_tick = 0;
      return G_SOURCE_REMOVE;
    }
  around = gtk_widget_get_ancestor (focus, VASTUS_TYPE_MEASURE_ROW);
  if (around == NULL)
    around = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);
  if (around == NULL || !gtk_widget_compute_bounds (around, scrolled, &area) ||
      area.size.height > height - 2 * VIEW_MARGIN)
    around = focus;
  if (!gtk_widget_compute_bounds (around, scrolled, &area))
    return G_SOURCE_CONTINUE;
  top = area.origin.y - VIEW_MARGIN;
  bottom = area.origin.y + area.size.height + VIEW_MARGIN;
  if (top < 0)
    shift = top;
  else if (bottom > height)
    shift = MIN (bottom - height, top);
  if (fabs (shift) >= 1)
    {
      double before = gtk_adjustment_get_value (adjustment);

      gtk_adjustment_set_value (adjustment, before + shift);
      /* At an end of the page the view cannot move further: that is as far as it goes. */
      if (gtk_adjustment_get_value (adjustment) != before)
        self->view_still = 0;
      else
        shift = 0;
    }
  if (fabs (shift) < 1 && ++self->view_still >= 3)
    {
      self->view_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
_vastus_visit_editor_focus_widget_cb (VastusVisitEditor *self)
{
  self->view_frames = self->view_still = 0;
  if (self->view_tick == 0)
    self->view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scrolled),
                                                    keep_in_view_tick_cb, self, NULL);
}

/* The first value of the first measure shown (NULL when none is built). */
GtkWidget *
_vastus_visit_editor_first_value (VastusVisitEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      const VastusMeasure *measure = vastus_measure_row_get_measure (row);

      if (gtk_widget_get_visible (GTK_WIDGET (row)))
        return vastus_measure_row_get_input (row, measure->two_sided ? VASTUS_SIDE_LEFT
                                                                     : VASTUS_SIDE_NONE, 1);
    }
  return NULL;
}

/* The keyboard model the hint states: Tab and Shift+Tab from value to value
 * (_vastus_visit_editor_input_chain), Ctrl+Tab and Ctrl+Shift+Tab through every control.
 * Elsewhere (a section's header, the buttons) Tab is GTK's. */
gboolean
_vastus_visit_editor_key_pressed_cb (GtkEventControllerKey *controller,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     VastusVisitEditor     *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean forward = keyval != GDK_KEY_ISO_Left_Tab && (state & GDK_SHIFT_MASK) == 0;
  GtkWidget *row;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & GDK_ALT_MASK) != 0 || focus == NULL)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) != 0)
    return focus_control (self, forward);
  if (focus_step (self, focus, forward))
    return TRUE;
  row = gtk_widget_get_ancestor (focus, VASTUS_TYPE_MEASURE_ROW);
  if (row != NULL)
    return tab_from_row_control (self, VASTUS_MEASURE_ROW (row), focus, forward);
  return FALSE;
}
