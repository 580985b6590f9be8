/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-measure-chooser.h"
#include "vastus-template-item.h"
#include "vastus-value.h"
#include "vastus-visit-editor-private.h"

/* The test battery the form shows (vastus-template.h): the battery row in the visit's fields
 * (every measure, or one of the clinic's batteries), the battery's group of measures in its
 * order, and Add a measure for any other. */

static const VastusTemplate *
template_at (GListModel *templates,
             guint       position)
{
  g_autoptr(VastusTemplateItem) item = g_list_model_get_item (templates, position);

  return vastus_template_item_get_template (item);
}

/* The battery row's choices: every measure, then the clinic's batteries (and the one shown, when
 * it has gone from the list since). */
static void
fill_choices (VastusVisitEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->battery_choices, 0);
  /* Translators: the test battery of a visit: none, so the form shows every measure */
  gtk_string_list_append (names, _("None: every measure"));
  for (guint i = 0; i < g_list_model_get_n_items (self->templates); i++)
    g_ptr_array_add (self->battery_choices, vastus_template_copy (template_at (self->templates, i)));
  if (self->battery != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < self->battery_choices->len; i++)
        listed |= ((VastusTemplate *) self->battery_choices->pdata[i])->id == self->battery->id;
      if (!listed)
        g_ptr_array_add (self->battery_choices, vastus_template_copy (self->battery));
    }
  for (guint i = 0; i < self->battery_choices->len; i++)
    {
      const VastusTemplate *t = self->battery_choices->pdata[i];

      gtk_string_list_append (names, vastus_template_get_name (t));
      if (self->battery != NULL && t->id == self->battery->id)
        selected = i + 1;
    }
  self->choosing = TRUE;
  adw_combo_row_set_model (self->battery_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->battery_row, selected);
  self->choosing = FALSE;
}

/* Shows @t (NULL: every measure): the form is made again, with what was typed. */
static void
show_battery (VastusVisitEditor    *self,
              const VastusTemplate *t)
{
  if ((t == NULL && self->battery == NULL) ||
      (t != NULL && self->battery != NULL && vastus_template_equal (t, self->battery)))
    return;
  g_clear_pointer (&self->battery, vastus_template_free);
  self->battery = t != NULL ? vastus_template_copy (t) : NULL;
  /* Once the form is made (a default chosen before stays for fill_form). */
  if (gtk_widget_get_next_sibling (self->findings_group) != NULL)
    _vastus_visit_editor_rebuild (self);
}

static void
battery_selected_cb (VastusVisitEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->battery_row);

  if (self->choosing || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->battery_chosen = TRUE;
  show_battery (self, selected == 0 ? NULL : self->battery_choices->pdata[selected - 1]);
}

static void
templates_changed_cb (VastusVisitEditor *self)
{
  /* Read for the first time: the form opens with its battery, unless typing began. */
  if (!self->battery_chosen && !vastus_visit_editor_get_modified (self))
    _vastus_visit_editor_battery_choose_default (self);
  /* A battery changed or deleted meanwhile: the form keeps the one it shows. */
  fill_choices (self);
}

void
_vastus_visit_editor_battery_init (VastusVisitEditor *self)
{
  self->templates = g_object_ref (vastus_clinic_get_templates (self->clinic));
  g_signal_connect_object (self->templates, "items-changed", G_CALLBACK (templates_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->battery_row, "notify::selected",
                            G_CALLBACK (battery_selected_cb), self);
  fill_choices (self);
}

void
_vastus_visit_editor_battery_dispose (VastusVisitEditor *self)
{
  if (self->templates != NULL)
    g_signal_handlers_disconnect_by_data (self->templates, self);
  g_clear_object (&self->templates);
}

gboolean
_vastus_visit_editor_battery_choose_default (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  const VastusTemplate *chosen;
  GDate today;

  if (self->battery_chosen)
    return TRUE;
  if (g_list_model_get_n_items (self->templates) == 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (self->templates); i++)
    g_ptr_array_add (all, (gpointer) template_at (self->templates, i));
  self->battery_chosen = TRUE;
  /* A stored visit shows the battery it was entered with; a new one the episode's last, else
   * the one for the episode's condition and phase today. */
  if (self->original != NULL)
    {
      chosen = NULL;
      for (guint i = 0; i < all->len && self->original->template_id != 0; i++)
        if (((VastusTemplate *) all->pdata[i])->id == self->original->template_id)
          chosen = all->pdata[i];
    }
  else
    {
      vastus_date_today (&today);
      chosen = vastus_template_choose (all, self->previous != NULL ? self->previous->template_id : 0,
                                       self->episode, &today);
    }
  show_battery (self, chosen);
  fill_choices (self);
  return TRUE;
}

/* Add a measure: the catalog's measures the form does not show. */
static gboolean
shown (const char *code,
       gpointer    user_data)
{
  VastusVisitEditor *self = user_data;

  return g_hash_table_contains (self->rows_by_code, code);
}

static void
fill_add_choices (VastusVisitEditor *self)
{
  if (self->add_dropdown == NULL)
    return;
  self->choosing = TRUE;
  vastus_measure_chooser_fill (self->add_dropdown, shown, self);
  self->choosing = FALSE;
}

typedef struct
{
  VastusVisitEditor   *editor;
  const VastusMeasure *measure;
} AddMeasure;

static void
add_measure_free (AddMeasure *add)
{
  g_object_unref (add->editor);
  g_free (add);
}

/* After the choice: its drop-down gets a new list, which it must not while it tells its choice. */
static gboolean
add_measure_idle_cb (gpointer user_data)
{
  AddMeasure *add = user_data;
  VastusVisitEditor *self = add->editor;
  VastusMeasureRow *row;

  if (self->battery == NULL || self->battery_list == NULL)
    return G_SOURCE_REMOVE;
  row = _vastus_visit_editor_battery_add (self, add->measure);
  gtk_widget_grab_focus (vastus_measure_row_get_input (row, add->measure->two_sided
                                                            ? VASTUS_SIDE_LEFT : VASTUS_SIDE_NONE, 1));
  return G_SOURCE_REMOVE;
}

static void
add_selected_cb (VastusVisitEditor *self)
{
  const VastusMeasure *measure = vastus_measure_chooser_get_selected (self->add_dropdown);
  AddMeasure *add;

  if (self->choosing || measure == NULL)
    return;
  add = g_new0 (AddMeasure, 1);
  add->editor = g_object_ref (self);
  add->measure = measure;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, add_measure_idle_cb, add, (GDestroyNotify) add_measure_free);
}

/* A preferences group's title wraps rather than being cut ("VKB-Rekonstruktion: Rückkehr zum
 * L…" at 360 px): libadwaita 1.2 ellipsizes it, so its label (the one showing @title) is found
 * under @group. */
static gboolean
whole_title (GtkWidget  *group,
             const char *title)
{
  if (GTK_IS_LABEL (group) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (group)), title) == 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (group), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (group), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (group), PANGO_WRAP_WORD_CHAR);
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (group); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (whole_title (child, title))
      return TRUE;
  return FALSE;
}

void
_vastus_visit_editor_battery_build (VastusVisitEditor *self)
{
  GtkWidget *add_group = adw_preferences_group_new ();
  GtkWidget *add_row = adw_action_row_new ();
  g_autofree char *describe = vastus_template_describe (self->battery);

  gtk_box_append (self->page_box, _vastus_visit_editor_make_safety_box (self, VASTUS_CATEGORY_STRENGTH));
  self->battery_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->battery_group),
                                   vastus_template_get_name (self->battery));
  whole_title (self->battery_group, vastus_template_get_name (self->battery));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->battery_group), describe);
  /* The measure rows are list box rows, not preferences rows: a list of their own, looking as
   * the sections' lists do. */
  self->battery_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->battery_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->battery_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->battery_group),
                             GTK_WIDGET (self->battery_list));
  gtk_box_append (self->page_box, self->battery_group);
  for (guint i = 0; i < self->battery->measures->len; i++)
    {
      const VastusTemplateMeasure *m = g_ptr_array_index (self->battery->measures, i);
      const VastusMeasure *measure = vastus_catalog_lookup (m->measure);

      /* A measure a newer catalog dropped is not shown (its values stay stored). */
      if (measure != NULL)
        _vastus_visit_editor_battery_add (self, measure);
    }

  /* Any other measure, for this visit. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("_Add a measure"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (add_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row), _("Any measure the battery leaves out, for this visit"));
  self->add_dropdown = vastus_measure_chooser_new (_("Add a measure"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), GTK_WIDGET (self->add_dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (add_row), GTK_WIDGET (self->add_dropdown));
  /* One focus stop: the drop-down. */
  gtk_widget_set_focusable (add_row, FALSE);
  g_signal_connect_swapped (self->add_dropdown, "notify::selected", G_CALLBACK (add_selected_cb),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (add_group), add_row);
  gtk_box_append (self->page_box, add_group);
  fill_add_choices (self);
}

VastusMeasureRow *
_vastus_visit_editor_battery_add (VastusVisitEditor   *self,
                                  const VastusMeasure *measure)
{
  VastusMeasureRow *row = g_hash_table_lookup (self->rows_by_code, measure->code);
  gboolean loading = self->loading;

  if (row != NULL)
    return row;
  self->loading = TRUE;
  row = _vastus_visit_editor_make_row (self, measure);
  gtk_list_box_append (self->battery_list, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
  self->loading = loading;
  fill_add_choices (self);
  return row;
}
