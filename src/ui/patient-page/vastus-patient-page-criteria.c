/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-patient-page-private.h"
#include "vastus-tooltip.h"

/* Fills the set chooser with the sets for the episode's condition (and the one shown). */
void
_vastus_patient_page_load_sets (VastusPatientPage *self)
{
  const VastusEpisode *episode = (self->episode != NULL
                                  ? vastus_episode_record_get_episode (self->episode) : NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);
  all = g_ptr_array_new ();
  for (guint i = 0; self->criteria_sets != NULL && i < g_list_model_get_n_items (self->criteria_sets); i++)
    {
      g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->criteria_sets, i);

      g_ptr_array_add (all, (gpointer) vastus_criteria_set_item_get_set (item));
    }
  if (episode != NULL)
    {
      g_autofree char *fallback = NULL;

      /* Steal the sets for this condition into self->sets. */
      for (guint i = 0; i < all->len; i++)
        {
          VastusCriteriaSet *set = g_ptr_array_index (all, i);

          if (vastus_criteria_set_is_for (set, episode->condition) ||
              (self->set_id != NULL && g_str_equal (set->id, self->set_id)) ||
              (episode->criteria_set != NULL && g_str_equal (set->id, episode->criteria_set)))
            g_ptr_array_add (self->sets, vastus_criteria_set_copy (set));
        }
      if (self->set_id == NULL)
        self->set_id = vastus_clinic_choose_criteria_set (_vastus_patient_page_get_clinic (self),
                                                          episode);
      for (guint i = 0; i < self->sets->len; i++)
        {
          VastusCriteriaSet *set = g_ptr_array_index (self->sets, i);
          g_autofree char *name = NULL;

          if (set->builtin)
            name = g_strdup (vastus_criteria_set_text (set, set->title));
          else
            /* Translators: a clinic's own criteria set: its title and version */
            name = g_strdup_printf (_("%s (clinic, version %d)"), set->title, set->version);
          gtk_string_list_append (names, name);
          if (g_str_equal (set->id, self->set_id))
            selected = i;
        }
      if (selected == GTK_INVALID_LIST_POSITION && self->sets->len > 0)
        {
          g_free (self->set_id);
          fallback = g_strdup (((VastusCriteriaSet *) g_ptr_array_index (self->sets, 0))->id);
          self->set_id = g_steal_pointer (&fallback);
          selected = 0;
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->set_chooser, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->set_chooser, selected);
  self->updating = FALSE;
}

/* The episode's evaluation against the set chosen, as of today. */
/* The clinic's criteria sets changed: the chooser follows, and the views with the set shown. */
void
_vastus_patient_page_criteria_sets_changed_cb (VastusPatientPage *self)
{
  _vastus_patient_page_load_sets (self);
  if (self->history != NULL)
    _vastus_patient_page_refresh_views (self);
}

/* A set picked in the chooser: shown until the episode changes. */
void
_vastus_patient_page_set_selected_cb (VastusPatientPage *self)
{
  guint selected = adw_combo_row_get_selected (self->set_chooser);
  VastusCriteriaSet *set;

  if (self->updating || self->sets == NULL || selected >= self->sets->len)
    return;
  set = g_ptr_array_index (self->sets, selected);
  if (self->set_id != NULL && g_str_equal (set->id, self->set_id))
    return;
  g_free (self->set_id);
  self->set_id = g_strdup (set->id);
  self->set_chosen = TRUE;
  _vastus_patient_page_refresh_evaluation (self);
  _vastus_patient_page_refresh_status (self);
  _vastus_patient_page_refresh_criteria (self);
  _vastus_patient_page_refresh_chart (self);
}

const char *
vastus_patient_page_get_criteria_set_id (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  return self->set_id;
}

void
vastus_patient_page_set_criteria_set_id (VastusPatientPage *self,
                                         const char        *set_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (set_id != NULL);

  for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
    if (g_str_equal (((VastusCriteriaSet *) g_ptr_array_index (self->sets, i))->id, set_id))
      {
        adw_combo_row_set_selected (self->set_chooser, i);
        return;
      }
  /* A set for another condition: shown all the same. */
  g_free (self->set_id);
  self->set_id = g_strdup (set_id);
  self->set_chosen = TRUE;
  if (self->history != NULL)
    {
      _vastus_patient_page_load_sets (self);
      _vastus_patient_page_refresh_views (self);
    }
}

void
_vastus_patient_page_refresh_evaluation (VastusPatientPage *self)
{
  VastusCriteriaSet *set = NULL;
  GDate today;

  g_clear_pointer (&self->evaluation, vastus_evaluation_free);
  for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
    if (self->set_id != NULL &&
        g_str_equal (((VastusCriteriaSet *) g_ptr_array_index (self->sets, i))->id, self->set_id))
      set = g_ptr_array_index (self->sets, i);
  vastus_date_today (&today);
  if (set != NULL && self->history != NULL)
    {
      VastusClinicRules rules;

      vastus_clinic_get_clinic_rules (_vastus_patient_page_get_clinic (self), &rules);
      self->evaluation = vastus_evaluate (self->history, set, &today, &rules);
    }
}

void
_vastus_patient_page_refresh_criteria (VastusPatientPage *self)
{
  gboolean imperial = _vastus_patient_page_imperial (self);

  _vastus_patient_page_clear_list_box (self->criteria_list);
  if (self->evaluation == NULL)
    {
      adw_preferences_group_set_title (self->criteria_group, _("No Criteria Set"));
      adw_preferences_group_set_description (self->criteria_group, NULL);
      return;
    }
  else
    {
      g_autofree char *verdict = vastus_evaluation_verdict (self->evaluation);
      g_autofree char *rules = _vastus_patient_page_rules_text (self->evaluation);
      g_autofree char *description = g_strdup_printf ("%s\n%s", verdict, rules);

      /* A group title is one line: the whole verdict goes in the description, which wraps. */
      adw_preferences_group_set_title (self->criteria_group,
                                       self->evaluation->ready
                                         ? _("Cleared by This Set")
                                         /* Translators: a heading (title case): the patient does
                                          * not yet meet the set's return-to-sport criteria */
                                         : _("Not Cleared"));
      adw_preferences_group_set_description (self->criteria_group, description);
      /* The sources are long (references, links): a tooltip, not a paragraph. */
      vastus_set_tooltip (GTK_WIDGET (self->set_chooser),
                          self->evaluation->set->source != NULL
                            ? vastus_criteria_set_text (self->evaluation->set, self->evaluation->set->source)
                            : NULL);
    }

  for (guint i = 0; i < self->evaluation->results->len; i++)
    {
      VastusCriterionResult *result = g_ptr_array_index (self->evaluation->results, i);
      const VastusCriterion *criterion = result->criterion;
      g_autofree char *label = vastus_criterion_result_label (result, vastus_criteria_set_text (self->evaluation->set,
                                                                                criterion->label));
      g_autofree char *value = vastus_criterion_result_value (result, self->evaluation, imperial,
                                                              _vastus_patient_page_format_date_cb, NULL);
      g_autofree char *requirement = vastus_criterion_format_requirement (criterion, result->measure,
                                                                          imperial);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      GtkWidget *status;
      const char *icon_name, *status_text, *css_class;

      switch (result->status)
        {
        case VASTUS_STATUS_MET:
          icon_name = "emblem-ok-symbolic";
          status_text = _("Met");
          css_class = "success";
          break;
        case VASTUS_STATUS_NOT_MET:
          icon_name = "window-close-symbolic";
          status_text = _("Not met");
          css_class = "error";
          break;
        case VASTUS_STATUS_NOT_TESTED:
        default:
          icon_name = "checkbox-symbolic";
          status_text = _("Not tested");
          css_class = "dim-label";
          break;
        }

      if (result->status == VASTUS_STATUS_NOT_TESTED)
        /* Translators: what the criterion asks for and why it was not tested, e.g.
         * "Needs ≥ 90.0 % · last measured 12 Jun 2025 — older than 4 weeks" */
        g_string_append_printf (subtitle, _("Needs %s · %s"), requirement, value);
      else
        {
          if (g_date_valid (&result->visit_date))
            {
              g_autofree char *date = _vastus_patient_page_format_date (&result->visit_date);

              /* Translators: a criterion's value against what it asks for and the date it was
               * measured, e.g. "94.4 % (needs ≥ 90.0 %) · measured 12 Jun 2025" */
              g_string_append_printf (subtitle, _("%1$s (needs %2$s) · measured %3$s"), value, requirement, date);
            }
          else
            /* Translators: a criterion's value against what it asks for, e.g. "94.4 % (needs ≥ 90.0 %)" */
            g_string_append_printf (subtitle, _("%s (needs %s)"), value, requirement);
          if (result->status == VASTUS_STATUS_MET && g_date_valid (&result->first_met))
            {
              g_autofree char *first = _vastus_patient_page_format_date (&result->first_met);

              g_string_append_c (subtitle, '\n');
              /* Translators: the date a criterion was first met (in its current run) */
              g_string_append_printf (subtitle, _("First met %s"), first);
            }
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (criterion->source != NULL)
        vastus_set_tooltip (row, vastus_criteria_set_text (self->evaluation->set, criterion->source));

      icon = gtk_image_new_from_icon_name (icon_name);
      gtk_widget_add_css_class (icon, css_class);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      status_text, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      status = gtk_label_new (status_text);
      gtk_widget_set_name (status, "status");
      gtk_widget_add_css_class (status, css_class);
      gtk_widget_add_css_class (status, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      g_object_set_data (G_OBJECT (row), "status", GINT_TO_POINTER (result->status));
      gtk_list_box_append (self->criteria_list, row);
    }
}
