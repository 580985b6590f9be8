/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-criteria-sets-window"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-display.h"
#include "vastus-model-error.h"
#include "vastus-criteria-sets-window-private.h"
#include "vastus-catalog.h"
#include "vastus-criteria-set-item.h"
#include "vastus-name.h"
#include "vastus-record-compare.h"
#include "vastus-value.h"
#include "vastus-write-error.h"


G_DEFINE_FINAL_TYPE (VastusCriteriaSetsWindow, vastus_criteria_sets_window, ADW_TYPE_WINDOW)


/* In VastusComparator order. */
const char * const _vastus_criteria_sets_window_comparator_symbols[] = { ">", "≥", "<", "≤", NULL };

static void open_editor (VastusCriteriaSetsWindow *self, const char *set_id);
static void open_set    (VastusCriteriaSetsWindow *self, const VastusCriteriaSet *set);
static void reload      (VastusCriteriaSetsWindow *self);

void
_vastus_criteria_sets_window_toast (VastusCriteriaSetsWindow *self,
                                    const char               *title)
{
  AdwToast *t = adw_toast_new (title);
  GtkWidget *label = gtk_label_new (title);

  /* On as many lines as it takes: a toast's own title is cut at 360 px ("Kopiert: die
   * Schwellenwerte …"). */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  adw_toast_set_custom_title (t, label);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
show_list (VastusCriteriaSetsWindow *self)
{
  g_clear_pointer (&self->editing, vastus_criteria_set_free);
  vastus_conflict_bar_hide (self->conflict_bar);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  /* Translators: the title of the window of the return-to-sport criteria sets (title case) */
  adw_window_title_set_title (self->window_title, _("Criteria Sets"));
  adw_window_title_set_subtitle (self->window_title, NULL);
}

/* Callbacks */

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VastusCriteriaSetsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) copy =
    vastus_clinic_copy_criteria_set_finish (VASTUS_CLINIC (source), result, &error);

  self->busy = FALSE;
  if (self->clinic == NULL)
    return;
  if (copy == NULL)
    {
      g_autofree char *message = NULL;

      g_message ("Cannot copy a criteria set: %s", error->message);
      /* Translators: %s is the reason, from the database; the set is a return-to-sport criteria
       * set */
      message = vastus_write_error_text (error, _("Could not copy the set: %s"), error->message);
      _vastus_criteria_sets_window_toast (self, message);
      return;
    }
  open_set (self, copy);
  _vastus_criteria_sets_window_toast (self, _("Copied: change the thresholds, then save"));
}

static void
copy_clicked_cb (GtkButton                *button,
                 VastusCriteriaSetsWindow *self)
{
  const char *from_id = g_object_get_data (G_OBJECT (button), "set-id");
  const char *from_title = g_object_get_data (G_OBJECT (button), "set-title");
  /* Translators: the title of a clinic's copy of a criteria set */
  g_autofree char *title = g_strdup_printf (_("%s (clinic copy)"), from_title);

  if (self->busy)
    return;
  self->busy = TRUE;
  vastus_clinic_copy_criteria_set_async (self->clinic, from_id, title, NULL, copied_cb,
                                         g_object_ref (self));
}

static void
edit_clicked_cb (GtkButton                *button,
                 VastusCriteriaSetsWindow *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (button), "set-id"));
}

static void
back_clicked_cb (VastusCriteriaSetsWindow *self)
{
  show_list (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VastusCriteriaSetsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) saved =
    vastus_clinic_save_criteria_set_finish (VASTUS_CLINIC (source), result, &error);
  g_autofree char *message = NULL;

  self->busy = FALSE;
  if (self->clinic == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (saved == NULL && g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT)
      && self->editing != NULL)
    {
      /* Someone else saved the set first: what was typed stays, and their version is offered. */
      vastus_conflict_bar_show (self->conflict_bar, error->message, 0, self->editing->id);
      return;
    }
  if (saved == NULL)
    {
      g_message ("Cannot save a criteria set: %s", error->message);
      /* Translators: %s is the reason, from the database */
      message = vastus_write_error_text (error, _("Not saved: %s"), error->message);
      _vastus_criteria_sets_window_toast (self, message);
      return;
    }
  /* Translators: %s is a criteria set's title, %d its new version */
  message = g_strdup_printf (_("Saved “%s” as version %d"), saved->title, saved->version);
  show_list (self);
  _vastus_criteria_sets_window_toast (self, message);
}

/* What the editor's fields say (the title, each criterion's comparator and threshold), into
 * @set: the set being edited or a copy of it. */
static void
apply_form (VastusCriteriaSetsWindow *self,
            VastusCriteriaSet        *set)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (title[0] != '\0')
    {
      g_free (set->title);
      set->title = g_strdup (title);
    }
  for (guint i = 0; i < set->criteria->len; i++)
    {
      VastusCriterion *criterion = g_ptr_array_index (set->criteria, i);
      GtkDropDown *comparator = g_hash_table_lookup (self->comparators, criterion->id);
      GtkSpinButton *threshold = g_hash_table_lookup (self->thresholds, criterion->id);

      gtk_spin_button_update (threshold);
      criterion->comparator = (VastusComparator) gtk_drop_down_get_selected (comparator);
      criterion->threshold = gtk_spin_button_get_value (threshold);
    }
}

static void
save_clicked_cb (VastusCriteriaSetsWindow *self)
{
  g_return_if_fail (self->editing != NULL);

  if (self->busy)
    return;
  apply_form (self, self->editing);

  /* Stored on the clinic's writer: every view of the set follows from its change. */
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  vastus_clinic_save_criteria_set_async (self->clinic, self->editing, NULL, saved_cb,
                                         g_object_ref (self));
}

static void
show_next_version (VastusCriteriaSetsWindow *self)
{
  /* Translators: the version a save creates */
  g_autofree char *subtitle = g_strdup_printf (_("Saving creates version %d"),
                                               self->editing->version + 1);

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Someone else saved the set first: the bar reads their version */

/* Their version replaces what was typed. */
static void
conflict_reload_cb (VastusCriteriaSetsWindow *self,
                    const VastusCriteriaSet  *theirs)
{
  g_autoptr(VastusCriteriaSet) copy = vastus_criteria_set_copy (theirs);

  vastus_conflict_bar_hide (self->conflict_bar);
  open_set (self, copy);
  _vastus_criteria_sets_window_toast (self, _("Their version is shown"));
}

/* What was typed is saved over their version: the save replaces the version compared. */
static void
conflict_keep_mine_cb (VastusCriteriaSetsWindow *self,
                       const VastusCriteriaSet  *theirs)
{
  g_return_if_fail (self->editing != NULL);

  self->editing->version = theirs->version;
  show_next_version (self);
  save_clicked_cb (self);
}

static void
conflict_compare_cb (VastusCriteriaSetsWindow *self,
                     const VastusCriteriaSet  *theirs)
{
  g_autoptr(VastusCriteriaSet) mine = NULL;
  g_autoptr(GPtrArray) differences = NULL;

  g_return_if_fail (self->editing != NULL);

  mine = vastus_criteria_set_copy (self->editing);
  apply_form (self, mine);
  differences = vastus_criteria_set_compare (theirs, mine);
  vastus_conflict_bar_compare (self->conflict_bar, differences);
}

static void
conflict_read_failed_cb (VastusCriteriaSetsWindow *self,
                         const char               *message)
{
  _vastus_criteria_sets_window_toast (self, message);
}

static const VastusCriteriaSet *
newer_builtin (const VastusCriteriaSet *set,
               GListModel              *sets)
{
  const char *at = set->based_on != NULL ? strrchr (set->based_on, '@') : NULL;
  g_autofree char *id = NULL;
  guint64 version;

  if (set->builtin || at == NULL ||
      !g_ascii_string_to_unsigned (at + 1, 10, 1, G_MAXINT, &version, NULL))
    return NULL;
  id = g_strndup (set->based_on, at - set->based_on);
  for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (sets, i);
      const VastusCriteriaSet *other = vastus_criteria_set_item_get_set (item);

      /* The item is the list's: the set outlives this reference. */
      if (other->builtin && g_str_equal (other->id, id) && (guint64) other->version > version)
        return other;
    }
  return NULL;
}

static GtkWidget *
set_row (VastusCriteriaSetsWindow *self,
         const VastusCriteriaSet  *set,
         GListModel               *sets)
{
  const VastusCriteriaSet *newer = newer_builtin (set, sets);
  const char *title = vastus_criteria_set_text (set, set->title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  if (set->builtin)
    /* Translators: a built-in criteria set's version and source */
    subtitle = g_strdup_printf (_("Built-in · version %d · %s"), set->version,
                                vastus_criteria_set_text (set, set->source));
  else if (newer != NULL)
    /* Translators: a clinic set's version, the set@version it was copied from and the version
     * of that built-in set that came since; the copy stays as it is */
    subtitle = g_strdup_printf (_("Clinic · version %d · based on %s · the built-in set has a newer version %d"),
                                set->version, set->based_on, newer->version);
  else if (set->based_on != NULL)
    /* Translators: a clinic set's version and the set@version it was copied from */
    subtitle = g_strdup_printf (_("Clinic · version %d · based on %s"), set->version, set->based_on);
  else
    /* Translators: the subtitle of a clinic's own criteria set; %d is its version number */
    subtitle = g_strdup_printf (_("Clinic · version %d"), set->version);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Its sources whole, however long (a built-in set's references run to several lines). */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (set->source != NULL)
    gtk_widget_set_tooltip_text (row, vastus_criteria_set_text (set, set->source));
  if (newer != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
      /* Translators: %s is a criteria set's title */
      g_autofree char *note = g_strdup_printf (_("A newer version of “%s” is built in: copy it to use it"),
                                               vastus_criteria_set_text (newer, newer->title));

      gtk_widget_set_name (icon, "newer-builtin");
      gtk_widget_add_css_class (icon, "accent");
      gtk_widget_set_tooltip_text (icon, note);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, note, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  if (set->builtin)
    {
      button = gtk_button_new_with_mnemonic (_("_Copy and Edit"));
      /* Translators: %s is a criteria set's title */
      accessible = g_strdup_printf (_("Copy and edit %s"), title);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
    }
  else
    {
      button = gtk_button_new_with_mnemonic (_("_Edit"));
      /* Translators: %s is a criteria set's title */
      accessible = g_strdup_printf (_("Edit %s"), title);
      g_signal_connect (button, "clicked", G_CALLBACK (edit_clicked_cb), self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "set-id", g_strdup (set->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "set-title", g_strdup (title), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_hash_table_insert (self->set_buttons, g_strdup (set->id), button);
  return row;
}

/* The list from the clinic's (read in the background; again when a set is added or saved). */
static void
reload (VastusCriteriaSetsWindow *self)
{
  guint n_sets = g_list_model_get_n_items (self->sets);
  guint n_clinic = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (g_object_get_data (G_OBJECT (row), "group")),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->set_buttons);

  for (guint i = 0; i < n_sets; i++)
    {
      g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->sets, i);
      const VastusCriteriaSet *set = vastus_criteria_set_item_get_set (item);
      AdwPreferencesGroup *group = set->builtin ? self->builtin_group : self->clinic_group;
      GtkWidget *row = set_row (self, set, self->sets);

      g_object_set_data (G_OBJECT (row), "group", group);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
      n_clinic += !set->builtin;
    }
  if (n_clinic == 0 && n_sets > 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No clinic sets yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Copy a built-in set below to adapt its thresholds."));
      gtk_widget_add_css_class (row, "dim-label");
      g_object_set_data (G_OBJECT (row), "group", self->clinic_group);
      adw_preferences_group_add (self->clinic_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

const char *
_vastus_criteria_sets_window_metric_label (VastusMetric metric)
{
  switch (metric)
    {
    case VASTUS_METRIC_LSI:
      return _("LSI");
    case VASTUS_METRIC_EPIC:
      return _("EPIC");
    case VASTUS_METRIC_VALUE:
      return _("Value");
    case VASTUS_METRIC_DIFFERENCE:
      return _("Difference");
    case VASTUS_METRIC_WEEKS:
      return _("Weeks since surgery or injury");
    case VASTUS_METRIC_NORMALIZED:
      return _("Normalised to body mass");
    case VASTUS_METRIC_PERCENT_HEIGHT:
      return _("Percent of height");
    case VASTUS_METRIC_RATIO:
      return _("Hamstrings to quadriceps ratio");
    case VASTUS_N_METRICS:
    default:
      return vastus_metric_to_string (metric);
    }
}

/* "LSI of Quadriceps MVIC, Quadriceps HHD" */
static char *
criterion_subtitle (const VastusCriterion *criterion)
{
  g_autoptr(GString) measures = g_string_new (NULL);

  for (guint i = 0; criterion->measures != NULL && criterion->measures[i] != NULL; i++)
    {
      const VastusMeasure *measure = vastus_catalog_lookup (criterion->measures[i]);

      if (measures->len > 0)
        g_string_append (measures, ", ");
      g_string_append (measures, measure != NULL ? vastus_measure_get_short_label (measure)
                                                 : criterion->measures[i]);
    }
  if (measures->len == 0)
    return g_strdup (_vastus_criteria_sets_window_metric_label (criterion->metric));
  /* Translators: a criterion's metric (e.g. "LSI") and the measures it reads */
  return g_strdup_printf (_("%s of %s"), _vastus_criteria_sets_window_metric_label (criterion->metric), measures->str);
}

/* Takes the criterion out of the set being edited (saving makes it a new version). */
static void
remove_clicked_cb (GtkButton                *button,
                   VastusCriteriaSetsWindow *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "criterion-id"));
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (self->editing != NULL);
  /* The label, before the criterion goes. */
  /* Translators: %s is the label of the criterion removed from the set */
  message = g_strdup_printf (_("Removed “%s”: save to keep the change"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (!vastus_criteria_set_remove_criterion (self->editing, id, &error))
    {
      _vastus_criteria_sets_window_toast (self, error->message);
      return;
    }
  g_hash_table_remove (self->comparators, id);
  g_hash_table_remove (self->thresholds, id);
  g_hash_table_remove (self->remove_buttons, id);
  g_ptr_array_remove (self->editor_rows, row);
  /* This destroys the button: nothing of it is used after. */
  adw_preferences_group_remove (self->criteria_group, row);
  _vastus_criteria_sets_window_toast (self, message);
}

/* A criterion's row in the editor: its label and measure, comparator, threshold and unit, and a
 * button that removes it. */
void
_vastus_criteria_sets_window_add_criterion_row (VastusCriteriaSetsWindow *self,
                                                const VastusCriterion    *criterion)
{
  g_autofree char *row_subtitle = criterion_subtitle (criterion);
  g_autofree char *comparator_label = NULL;
  g_autofree char *threshold_label = NULL;
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (criterion->label);
  GtkWidget *details = gtk_label_new (row_subtitle);
  GtkWidget *comparator = gtk_drop_down_new_from_strings (_vastus_criteria_sets_window_comparator_symbols);
  GtkWidget *threshold = gtk_spin_button_new_with_range (-1000, 100000, 1);
  GtkWidget *unit = gtk_label_new (criterion->unit != NULL ? criterion->unit : "");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = NULL;

  /* Label above, controls below: the row stays readable in a narrow window. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion->label);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (comparator), criterion->comparator);
  /* Translators: %s is a criterion's label */
  comparator_label = g_strdup_printf (_("Comparator of %s"), criterion->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (comparator), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  comparator_label, -1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (threshold), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), criterion->threshold);
  /* Translators: the accessible name of a criterion's threshold field; %s is the criterion's
   * label */
  threshold_label = g_strdup_printf (_("Threshold of %s"), criterion->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (threshold), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  threshold_label, -1);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (unit), 0);

  gtk_widget_set_margin_top (controls, 6);
  gtk_box_append (GTK_BOX (controls), comparator);
  gtk_box_append (GTK_BOX (controls), threshold);
  gtk_box_append (GTK_BOX (controls), unit);
  /* Translators: %s is a criterion's label */
  remove_label = g_strdup_printf (_("Remove %s"), criterion->label);
  gtk_widget_set_tooltip_text (remove, _("Remove the criterion"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "criterion-id", g_strdup (criterion->id), g_free);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (controls), remove);
  gtk_box_append (GTK_BOX (box), controls);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (self->criteria_group, row);
  g_ptr_array_add (self->editor_rows, row);
  g_hash_table_insert (self->comparators, g_strdup (criterion->id), comparator);
  g_hash_table_insert (self->thresholds, g_strdup (criterion->id), threshold);
  g_hash_table_insert (self->remove_buttons, g_strdup (criterion->id), remove);
}

/* The editor on a copy of @set (a clinic set). */
static void
open_set (VastusCriteriaSetsWindow *self,
          const VastusCriteriaSet  *set)
{
  g_return_if_fail (!set->builtin);

  g_clear_pointer (&self->editing, vastus_criteria_set_free);
  self->editing = vastus_criteria_set_copy (set);

  for (guint i = 0; i < self->editor_rows->len; i++)
    adw_preferences_group_remove (self->criteria_group, g_ptr_array_index (self->editor_rows, i));
  g_ptr_array_set_size (self->editor_rows, 0);
  g_hash_table_remove_all (self->comparators);
  g_hash_table_remove_all (self->thresholds);
  g_hash_table_remove_all (self->remove_buttons);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->editing->title);
  for (guint i = 0; i < self->editing->criteria->len; i++)
    _vastus_criteria_sets_window_add_criterion_row (self, g_ptr_array_index (self->editing->criteria, i));

  adw_window_title_set_title (self->window_title, self->editing->title);
  show_next_version (self);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

/* The latest version of @set_id, as the list has it. */
static void
open_editor (VastusCriteriaSetsWindow *self,
             const char               *set_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->sets); i++)
    {
      g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->sets, i);

      if (g_strcmp0 (vastus_criteria_set_item_get_id (item), set_id) == 0)
        {
          open_set (self, vastus_criteria_set_item_get_set (item));
          return;
        }
    }
  _vastus_criteria_sets_window_toast (self, _("The set is no longer there"));
}

/* The add form */

/* Escape leaves the editor (unsaved changes are dropped, as with the back button), then the
 * window. */
static void
escape_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  VastusCriteriaSetsWindow *self = VASTUS_CRITERIA_SETS_WINDOW (widget);

  if (self->editing != NULL)
    show_list (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static void
vastus_criteria_sets_window_dispose (GObject *object)
{
  VastusCriteriaSetsWindow *self = VASTUS_CRITERIA_SETS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_CRITERIA_SETS_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->editor_rows, g_ptr_array_unref);
  g_clear_pointer (&self->set_buttons, g_hash_table_unref);
  g_clear_pointer (&self->comparators, g_hash_table_unref);
  g_clear_pointer (&self->thresholds, g_hash_table_unref);
  g_clear_pointer (&self->remove_buttons, g_hash_table_unref);
  g_clear_pointer (&self->editing, vastus_criteria_set_free);
  if (self->sets != NULL)
    g_signal_handlers_disconnect_by_data (self->sets, self);
  g_clear_object (&self->sets);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_criteria_sets_window_parent_class)->dispose (object);
}

static void
vastus_criteria_sets_window_class_init (VastusCriteriaSetsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_criteria_sets_window_dispose;

  g_type_ensure (VASTUS_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-criteria-sets-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, conflict_bar);
  gtk_widget_class_bind_template_callback (widget_class, conflict_compare_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_keep_mine_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_read_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_reload_cb);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, builtin_group);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, clinic_group);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_comparator_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_label_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_measure_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_metric_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_sex_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_threshold_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, add_velocity_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusCriteriaSetsWindow, window_title);
  gtk_widget_class_bind_template_callback_full (widget_class, "add_clicked_cb",
                                                G_CALLBACK (_vastus_criteria_sets_window_add_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "sets.escape", NULL, escape_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sets.escape", NULL);
}

static void
vastus_criteria_sets_window_init (VastusCriteriaSetsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->editor_rows = g_ptr_array_new ();
  self->set_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->comparators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thresholds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->remove_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _vastus_criteria_sets_window_fill_add_form (self);
}

/* Public API */

GtkWidget *
vastus_criteria_sets_window_new (GtkWindow    *parent,
                                 VastusClinic *clinic)
{
  VastusCriteriaSetsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  /* The application's, like every window: quitting closes it too. */
  self = g_object_new (VASTUS_TYPE_CRITERIA_SETS_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->clinic = g_object_ref (clinic);
  vastus_conflict_bar_set_clinic (self->conflict_bar, clinic, VASTUS_STORED_CRITERIA_SET);
  self->sets = g_object_ref (vastus_clinic_get_criteria_sets (clinic));
  g_signal_connect_object (self->sets, "items-changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

const char *
vastus_criteria_sets_window_get_editing_id (VastusCriteriaSetsWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return self->editing != NULL ? self->editing->id : NULL;
}

GtkWidget *
vastus_criteria_sets_window_get_set_button (VastusCriteriaSetsWindow *self,
                                            const char               *set_id)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->set_buttons, set_id);
}

GtkWidget *
vastus_criteria_sets_window_get_comparator (VastusCriteriaSetsWindow *self,
                                            const char               *criterion_id)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->comparators, criterion_id);
}

GtkWidget *
vastus_criteria_sets_window_get_threshold (VastusCriteriaSetsWindow *self,
                                           const char               *criterion_id)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->thresholds, criterion_id);
}

GtkWidget *
vastus_criteria_sets_window_get_remove_button (VastusCriteriaSetsWindow *self,
                                               const char               *criterion_id)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->remove_buttons, criterion_id);
}

GtkWidget *
vastus_criteria_sets_window_get_add_field (VastusCriteriaSetsWindow *self,
                                           const char               *name)
{
  const struct { const char *name; gsize offset; } fields[] = {
    { "label", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_label_row) },
    { "metric", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_metric_row) },
    { "measure", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_measure_row) },
    { "comparator", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_comparator_row) },
    { "threshold", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_threshold_row) },
    { "sex", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_sex_row) },
    { "velocity", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_velocity_row) },
    { "problem", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_problem_row) },
    { "button", G_STRUCT_OFFSET (VastusCriteriaSetsWindow, add_button) },
  };

  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  g_return_val_if_reached (NULL);
}

GtkWidget *
vastus_criteria_sets_window_get_save_button (VastusCriteriaSetsWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SETS_WINDOW (self), NULL);
  return GTK_WIDGET (self->save_button);
}
