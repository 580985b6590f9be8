/* vastus-visit-editor-sections.c: the measures' part of the form, a section's rows made when
 * it opens, and the form filled from a visit or made again with what was typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-value.h"
#include "vastus-visit-editor-private.h"

GtkWidget *
_vastus_visit_editor_make_safety_box (VastusVisitEditor *self,
                                      VastusCategory     category)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_visible (box, FALSE);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Safety flags"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  self->safety_boxes[category] = box;
  self->safety_labels[category] = GTK_LABEL (label);
  return box;
}

VastusMeasureRow *
_vastus_visit_editor_make_row (VastusVisitEditor   *self,
                               const VastusMeasure *measure)
{
  const VastusTemplateMeasure *in_battery = self->battery != NULL
                                            ? vastus_template_find (self->battery, measure->code)
                                            : NULL;
  GtkWidget *row = vastus_measure_row_new (measure, self->episode->involved_side, self->previous);

  /* The battery's trials and the unit of the clinic's device, before anything listens. */
  if (in_battery != NULL)
    {
      if (in_battery->unit != NULL)
        vastus_measure_row_set_unit (VASTUS_MEASURE_ROW (row), in_battery->unit);
      while (vastus_measure_row_get_n_trials (VASTUS_MEASURE_ROW (row)) < in_battery->trials &&
             vastus_measure_row_add_trial (VASTUS_MEASURE_ROW (row)))
        ;
    }
  g_hash_table_insert (self->rows_by_code, (gpointer) measure->code, row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (_vastus_visit_editor_row_changed_cb), self);
  g_signal_connect_swapped (row, "committed", G_CALLBACK (_vastus_visit_editor_committed_cb), self);
  g_signal_connect_swapped (row, "input-activated",
                            G_CALLBACK (_vastus_visit_editor_input_activated_cb), self);
  if (self->history_texts != NULL)
    vastus_measure_row_set_history (VASTUS_MEASURE_ROW (row),
                                    g_hash_table_lookup (self->history_texts, measure->code));
  return VASTUS_MEASURE_ROW (row);
}

/* A section's rows, made when it opens (47 rows up front took 250–310 ms). */
void
_vastus_visit_editor_ensure_section (VastusVisitEditor *self,
                                     VastusCategory     category)
{
  g_autoptr(GPtrArray) in_order = g_ptr_array_new ();
  gboolean loading = self->loading;

  if (self->built[category])
    return;
  self->built[category] = TRUE;
  self->loading = TRUE;
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (i);
      GtkWidget *row;

      if (measure->category != category)
        continue;
      row = GTK_WIDGET (_vastus_visit_editor_make_row (self, measure));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->expanders[category]), row);
    }
  /* The rows in section order, each section in catalog order. */
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    for (guint i = 0; self->built[c] && i < vastus_catalog_get_n_measures (); i++)
      {
        const VastusMeasure *measure = vastus_catalog_get_nth (i);

        if (measure->category == c)
          g_ptr_array_add (in_order, g_hash_table_lookup (self->rows_by_code, measure->code));
      }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_extend (self->rows, in_order, NULL, NULL);
  self->loading = loading;
}

/* The row of @measure, made now when it was not: with its section's rows (every measure), or
 * alone, after the battery's (a battery). */
VastusMeasureRow *
_vastus_visit_editor_ensure_measure (VastusVisitEditor   *self,
                                     const VastusMeasure *measure)
{
  if (self->battery != NULL)
    return _vastus_visit_editor_battery_add (self, measure);
  _vastus_visit_editor_ensure_section (self, measure->category);
  return g_hash_table_lookup (self->rows_by_code, measure->code);
}

static void
expanded_cb (GObject           *expander,
             GParamSpec        *pspec,
             VastusVisitEditor *self)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    return;
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    if (self->expanders[c] == GTK_WIDGET (expander))
      _vastus_visit_editor_ensure_section (self, c);
}

static void
build_sections (VastusVisitEditor *self)
{
  gboolean had_values[VASTUS_N_CATEGORIES] = { FALSE };

  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *expander = adw_expander_row_new ();

      if (c == VASTUS_CATEGORY_STRENGTH || c == VASTUS_CATEGORY_FUNCTION)
        gtk_box_append (self->page_box, _vastus_visit_editor_make_safety_box (self, c));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), vastus_category_label (c));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
      gtk_box_append (self->page_box, group);
      self->expanders[c] = expander;
      self->built[c] = FALSE;
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_cb), self);
    }

  for (guint i = 0; self->previous != NULL && i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (i);

      if (!isnan (vastus_visit_combined (self->previous, measure->code,
                                         measure->two_sided ? VASTUS_SIDE_LEFT : VASTUS_SIDE_NONE,
                                         VASTUS_TRIALS_ALL)))
        had_values[measure->category] = TRUE;
    }

  /* Open the sections measured last time (the clinic's usual battery), else strength: they are
   * built as they open. */
  had_values[VASTUS_CATEGORY_STRENGTH] |= self->previous == NULL;
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->expanders[c]), had_values[c]);
  _vastus_visit_editor_update_subtitles (self);
}

/* The measures' part of the form: the keyboard's hint, then the battery's measures, or every
 * measure by section. */
static void
build_measures (VastusVisitEditor *self)
{
  /* Translators: the visit editor's keyboard, as it works (_vastus_visit_editor_key_pressed_cb) */
  GtkWidget *hint = gtk_label_new (_("Tab or Enter: the next value; Shift+Tab: the one before. "
                                     "Ctrl+Tab: every control in turn, units, trials, test "
                                     "conditions and confirmations among them. Ctrl+S saves."));

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (self->page_box, hint);
  if (self->battery != NULL)
    _vastus_visit_editor_battery_build (self);
  else
    build_sections (self);
}

/* Takes the measures' part of the form away (the visit's fields stay). */
void
_vastus_visit_editor_clear_measures (VastusVisitEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (self->findings_group)) != NULL)
    gtk_box_remove (self->page_box, child);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->rows_by_code);
  memset (self->built, 0, sizeof self->built);
  memset (self->expanders, 0, sizeof self->expanders);
  memset (self->safety_boxes, 0, sizeof self->safety_boxes);
  memset (self->safety_labels, 0, sizeof self->safety_labels);
  self->battery_group = NULL;
  self->battery_list = NULL;
  self->add_dropdown = NULL;
}

/* The form as it opens: a row per measure, then the stored visit, or, for a new one, today and
 * who is entering it. */
void
_vastus_visit_editor_fill_form (VastusVisitEditor *self)
{
  GDate today;
  char date[VASTUS_DISPLAY_DATE_SIZE];

  self->loading = TRUE;
  build_measures (self);
  vastus_date_today (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), vastus_display_date (&today, date));
  if (self->original == NULL && vastus_clinic_get_actor (self->clinic) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->clinician_row), vastus_clinic_get_actor (self->clinic));
  self->loading = FALSE;
  if (self->original != NULL)
    _vastus_visit_editor_load_visit (self, self->original);
  _vastus_visit_editor_refresh_safety (self);
}

/* The values typed so far (of rows that hold any), by measure code. */
static GHashTable *
capture_rows (VastusVisitEditor *self)
{
  GHashTable *states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_variant_unref);

  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      if (!vastus_measure_row_has_values (row))
        continue;
      vastus_measure_row_save_state (row, &dict);
      g_hash_table_insert (states, (gpointer) vastus_measure_row_get_measure (row)->code,
                           g_variant_ref_sink (g_variant_dict_end (&dict)));
    }
  return states;
}

void
_vastus_visit_editor_rebuild (VastusVisitEditor *self)
{
  g_autoptr(GHashTable) states = capture_rows (self);
  GHashTableIter iter;
  gpointer code, state;
  gboolean loading = self->loading;

  /* Nothing here is typed anew: the rows come back as they were. */
  self->loading = TRUE;
  _vastus_visit_editor_clear_measures (self);
  build_measures (self);
  if (self->original != NULL)
    _vastus_visit_editor_load_visit (self, self->original);
  self->loading = TRUE;
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &code, &state))
    {
      VastusMeasureRow *row = _vastus_visit_editor_ensure_measure (self,
                                                                   vastus_catalog_lookup (code));
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);

      vastus_measure_row_restore_state (row, &dict);
      _vastus_visit_editor_expand_for (GTK_WIDGET (row));
    }
  self->loading = loading;
  _vastus_visit_editor_update_subtitles (self);
  _vastus_visit_editor_revalidate (self);
}

/* The rows show the edits of their values (read in one call, for rows built now or later). */
static void
apply_history (VastusVisitEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      const char *code = vastus_measure_row_get_measure (row)->code;

      vastus_measure_row_set_history (row, self->history_texts != NULL
                                           ? g_hash_table_lookup (self->history_texts, code)
                                           : NULL);
    }
}

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GHashTable *texts = vastus_clinic_read_visit_history_finish (VASTUS_CLINIC (source), result,
                                                               &error);
  VastusVisitEditor *self;

  if (texts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot read the visit's history: %s", error->message);
      return;
    }
  self = VASTUS_VISIT_EDITOR (user_data);
  g_clear_pointer (&self->history_texts, g_hash_table_unref);
  self->history_texts = texts;
  apply_history (self);
}

static void
read_history (VastusVisitEditor *self)
{
  if (self->original == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  vastus_clinic_read_visit_history_async (self->clinic, self->original, self->cancellable,
                                          history_read_cb, self);
}

/* A patient has one visit a day: the date field says so, as it says any other problem. */
void
_vastus_visit_editor_load_visit (VastusVisitEditor *self,
                                 const VastusVisit *visit)
{
  char date[VASTUS_DISPLAY_DATE_SIZE];

  /* The sections with values are built to show them. */
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasure *measure = vastus_catalog_lookup (
        ((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure);

      if (measure != NULL)
        _vastus_visit_editor_ensure_measure (self, measure);
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                         g_date_valid (&visit->date) ? vastus_display_date (&visit->date, date) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->clinician_row), visit->clinician ? visit->clinician : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), visit->notes ? visit->notes : "");
  gtk_editable_set_text (GTK_EDITABLE (self->body_mass_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->height_row), "");
  if (!isnan (visit->body_mass_kg))
    {
      char buf[VASTUS_DISPLAY_NUMBER_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->body_mass_row), vastus_display_number_exact (visit->body_mass_kg, buf));
    }
  if (!isnan (visit->height_cm))
    {
      char buf[VASTUS_DISPLAY_NUMBER_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->height_row), vastus_display_number_exact (visit->height_cm, buf));
    }
  for (guint i = 0; i < G_N_ELEMENTS (_vastus_visit_editor_findings); i++)
    gtk_check_button_set_active (_vastus_visit_editor_finding_check (self, _vastus_visit_editor_findings[i]),
                                 (visit->findings & _vastus_visit_editor_findings[i]) != 0);
  {
    gboolean all_baseline = visit->measurements->len > 0;

    for (guint i = 0; i < visit->measurements->len; i++)
      if (!((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->baseline)
        all_baseline = FALSE;
    gtk_check_button_set_active (self->baseline_check, all_baseline);
    self->baseline_dirty = FALSE;
  }
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);

      vastus_measure_row_load (row, visit);
      if (vastus_measure_row_has_values (row))
        _vastus_visit_editor_expand_for (GTK_WIDGET (row));
    }
  if (visit->id != 0)
    _vastus_visit_editor_load_responses (self, visit->id);
  self->loading = FALSE;
  _vastus_visit_editor_update_subtitles (self);
  read_history (self);
}

/* Back to the form as it opened, for the notice's Discard: the rows are built anew, since a row
 * cannot drop a trial. */
void
_vastus_visit_editor_reset_form (VastusVisitEditor *self)
{
  AdwEntryRow *header[] = { self->clinician_row, self->body_mass_row, self->height_row, self->notes_row };

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    gtk_editable_set_text (GTK_EDITABLE (header[i]), "");
  gtk_check_button_set_active (self->baseline_check, FALSE);
  gtk_check_button_set_active (self->visit_confirm_check, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (_vastus_visit_editor_findings); i++)
    gtk_check_button_set_active (_vastus_visit_editor_finding_check (self, _vastus_visit_editor_findings[i]), FALSE);
  self->baseline_dirty = FALSE;
  _vastus_visit_editor_clear_measures (self);
  self->loading = FALSE;
  _vastus_visit_editor_clear_problems (self);
  gtk_label_set_text (self->status_label, "");
  _vastus_visit_editor_fill_form (self);
  _vastus_visit_editor_set_modified (self, FALSE);
}

/* What was typed and not saved (the program crashed or was killed) comes back, and says so. */
void
_vastus_visit_editor_draft_restored_cb (VastusVisitEditor *self,
                                        GDateTime         *saved_at)
{
  g_autofree char *notice = NULL;

  /* Not saved yet, but the draft holds it already. */
  _vastus_visit_editor_set_modified (self, TRUE);
  vastus_visit_draft_cancel (self->draft);
  for (guint i = 0; i < self->rows->len; i++)
    if (vastus_measure_row_has_values (g_ptr_array_index (self->rows, i)))
      _vastus_visit_editor_expand_for (g_ptr_array_index (self->rows, i));
  _vastus_visit_editor_revalidate (self);
  notice = vastus_visit_draft_notice (saved_at);
  gtk_label_set_text (self->draft_label, notice);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
}
