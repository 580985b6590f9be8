/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vastus-patient-page-private.h"

/* Strength measures tried in order for a visit's one-line summary. */
static const char * const summary_strength[] = {
  "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd",
};

/* "Quadriceps MVIC LSI 88.0 % · Flexion 132° · Pain 2" */
static char *
visit_summary (VastusPatientPage *self,
               guint              index)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  VastusSymmetry sym;

  for (guint i = 0; i < G_N_ELEMENTS (summary_strength); i++)
    if (vastus_symmetry_compute (self->history, index, summary_strength[i], &sym) &&
        !isnan (sym.lsi))
      {
        g_autofree char *lsi = _vastus_patient_page_format_percent (sym.lsi);

        /* Translators: a measure's short name and its limb symmetry index */
        g_ptr_array_add (parts, g_strdup_printf (_("%s LSI %s"),
                                                 vastus_measure_get_short_label (sym.measure), lsi));
        break;
      }
  if (vastus_symmetry_compute (self->history, index, "single_hop", &sym) && !isnan (sym.lsi))
    {
      g_autofree char *lsi = _vastus_patient_page_format_percent (sym.lsi);

      g_ptr_array_add (parts, g_strdup_printf (_("%s LSI %s"),
                                               vastus_measure_get_short_label (sym.measure), lsi));
    }
  if (vastus_symmetry_compute (self->history, index, "knee_flexion", &sym))
    {
      double flexion = !isnan (sym.involved) ? sym.involved
                       : (isnan (sym.left) ? sym.right : isnan (sym.right) ? sym.left
                                                         : MIN (sym.left, sym.right));

      if (!isnan (flexion))
        /* Translators: knee flexion in degrees */
        g_ptr_array_add (parts, g_strdup_printf (_("Flexion %.0f°"), flexion));
    }
  if (vastus_symmetry_compute (self->history, index, "pain_nrs", &sym) && !isnan (sym.value))
    /* Translators: the pain rating 0–10 */
    g_ptr_array_add (parts, g_strdup_printf (_("Pain %g"), sym.value));
  if (parts->len == 0)
    return g_strdup (_("No key measures recorded"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
delete_clicked_cb (GtkButton         *button,
                   VastusPatientPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "visit-id");

  vastus_patient_page_delete_visit (self, *id);
}

void
_vastus_patient_page_visit_activated_cb (VastusPatientPage *self,
                                         GtkListBoxRow     *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "visit-id");

  if (id != NULL)
    _vastus_patient_page_emit_edit_visit (self, *id);
}

static char *
visit_when (VastusPatientPage *self,
            const VastusVisit *visit)
{
  const GDate *index = vastus_episode_get_index_date (self->history->episode);
  g_autofree char *date = _vastus_patient_page_format_date (&visit->date);
  int weeks;

  if (index == NULL)
    return g_steal_pointer (&date);
  if (g_date_compare (&visit->date, index) < 0)
    return g_strdup_printf (g_date_valid (&self->history->episode->surgery_date)
                              ? _("%s · before surgery") : _("%s · before injury"), date);
  weeks = (int) floor (vastus_date_weeks_between (index, &visit->date));
  /* Translators: a visit's date and the week since surgery or injury */
  return g_strdup_printf (_("%s · week %d"), date, weeks);
}

void
_vastus_patient_page_refresh_visits (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;
  g_autofree char *count = NULL;

  _vastus_patient_page_clear_list_box (self->visits_list);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit, newest first",
                                        "%u visits, newest first", n_visits), n_visits);
  adw_preferences_group_set_description (self->visits_group, count);

  if (n_visits == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No visits yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->visits_list, row);
      return;
    }

  for (guint i = n_visits; i-- > 0;)
    {
      const VastusVisit *visit = vastus_history_get_visit (self->history, i);
      g_autofree char *when = visit_when (self, visit);
      g_autofree char *title = NULL;
      g_autofree char *summary = visit_summary (self, i);
      g_autofree char *date = _vastus_patient_page_format_date (&visit->date);
      g_autofree char *delete_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      gint64 *id = g_new (gint64, 1);

      *id = visit->id;
      if (visit->clinician != NULL && visit->clinician[0] != '\0')
        title = g_strdup_printf ("%s · %s", when, visit->clinician);
      else
        title = g_strdup (when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the visit"));
      g_object_set_data_full (G_OBJECT (row), "visit-id", id, g_free);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_name (button, "delete-visit");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Delete Visit"));
      /* Translators: %s is a date */
      delete_label = g_strdup_printf (_("Delete the visit of %s"), date);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      delete_label, -1);
      g_object_set_data (G_OBJECT (button), "visit-id", id);
      g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->visits_list, row);
    }
}
