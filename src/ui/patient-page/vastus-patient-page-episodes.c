/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-patient-page-private.h"

/* The patient and the episode shown: reading them (a spinner when it takes a while, a message
 * when it fails), the episode chooser, and the views built from the episode's history. */

void
_vastus_patient_page_show_message (VastusPatientPage *self,
              const char        *title,
              const char        *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
storage_failed (VastusPatientPage *self,
                const char        *what,
                const GError      *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  g_message ("%s: %s", what, error->message);
  _vastus_patient_page_show_message (self, what, escaped);
}

/* A spinner, only when reading takes longer than this: a quick read shows no flash. */
#define SPINNER_DELAY_MS 150

static gboolean
show_spinner_cb (gpointer user_data)
{
  VastusPatientPage *self = user_data;

  self->spinner_source = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  return G_SOURCE_REMOVE;
}

void
_vastus_patient_page_start_spinner (VastusPatientPage *self)
{
  _vastus_patient_page_stop_spinner (self);
  self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
}

void
_vastus_patient_page_stop_spinner (VastusPatientPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
}


static gboolean
view_shown (VastusPatientPage *self,
            const char        *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) == 0;
}

/* The visits' rows, the criteria checklist and the charts are built when their view is shown:
 * opening a patient then costs only what is on screen. (A list view with its model makes rows
 * for up to 200 items at once, shown or not: the visits view has its model only while it is
 * shown. The selection keeps the episode's visits all along.) */
void
_vastus_patient_page_refresh_lazy_views (VastusPatientPage *self)
{
  GtkSelectionModel *shown = view_shown (self, "visits")
                             ? GTK_SELECTION_MODEL (self->visits_selection) : NULL;

  if (gtk_list_view_get_model (self->visits_view) != shown)
    gtk_list_view_set_model (self->visits_view, shown);
  if (self->criteria_stale && view_shown (self, "criteria"))
    {
      self->criteria_stale = FALSE;
      _vastus_patient_page_refresh_criteria (self);
    }
  if (self->charts_stale && view_shown (self, "charts"))
    {
      self->charts_stale = FALSE;
      _vastus_patient_page_fill_chart_measures (self);
      _vastus_patient_page_refresh_chart (self);
    }
}

void
_vastus_patient_page_refresh_views (VastusPatientPage *self)
{
  _vastus_patient_page_refresh_evaluation (self);
  _vastus_patient_page_refresh_status (self);
  _vastus_patient_page_refresh_measures (self);
  _vastus_patient_page_refresh_visits (self);
  self->criteria_stale = TRUE;
  self->charts_stale = TRUE;
  _vastus_patient_page_refresh_lazy_views (self);
}

static void
history_changed_cb (VastusPatientPage *self)
{
  self->history = vastus_episode_record_get_history (self->episode);
  if (self->history == NULL)
    return;
  /* The visit editor starts from the history: Add Visit once it is read. */
  _vastus_patient_page_update_actions (self);
  _vastus_patient_page_stop_spinner (self);
  _vastus_patient_page_refresh_views (self);
  gtk_stack_set_visible_child_name (self->content_stack, "views");
}

static void
episode_changed_cb (VastusPatientPage *self)
{
  _vastus_patient_page_refresh_header (self);
  _vastus_patient_page_load_sets (self);
  if (self->history != NULL)
    _vastus_patient_page_refresh_views (self);
}

/* The episode shown: its header, its visits (read when first shown) and views. */
void
_vastus_patient_page_show_episode (VastusPatientPage   *self,
              VastusEpisodeRecord *episode)
{
  if (self->episode == episode)
    {
      _vastus_patient_page_refresh_header (self);
      /* A patient without an episode has nothing more to read: no spinner. */
      if (episode == NULL && self->patient != NULL)
        {
          _vastus_patient_page_stop_spinner (self);
          _vastus_patient_page_refresh_views (self);
          gtk_stack_set_visible_child_name (self->content_stack, "views");
        }
      return;
    }
  if (self->episode != NULL)
    g_signal_handlers_disconnect_by_data (self->episode, self);
  g_set_object (&self->episode, episode);
  g_clear_pointer (&self->set_id, g_free);
  self->set_chosen = FALSE;
  self->history = NULL;
  gtk_single_selection_set_model (self->visits_selection,
                                  episode != NULL ? vastus_episode_record_get_visits (episode)
                                                  : NULL);
  _vastus_patient_page_refresh_header (self);
  _vastus_patient_page_load_sets (self);
  if (episode == NULL)
    {
      _vastus_patient_page_refresh_views (self);
      gtk_stack_set_visible_child_name (self->content_stack, "views");
      return;
    }
  g_signal_connect_object (episode, "notify::history", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (episode, "notify::episode", G_CALLBACK (episode_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (vastus_episode_record_get_history (episode) != NULL)
    history_changed_cb (self);
  else if (self->spinner_source == 0
           && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "views") != 0)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
}

VastusEpisodeRecord *
_vastus_patient_page_episode_at (VastusPatientPage *self,
            guint              position)
{
  GListModel *episodes = vastus_patient_record_get_episodes (self->record);
  VastusEpisodeRecord *episode = g_list_model_get_item (episodes, position);

  /* Borrowed: the record holds it. */
  if (episode != NULL)
    g_object_unref (episode);
  return episode;
}

/* The episodes changed (one added, edited or removed): the chooser follows, and the episode
 * shown stays when it is still there, else the newest is shown. */
void
_vastus_patient_page_episodes_changed_cb (VastusPatientPage *self)
{
  GListModel *episodes = vastus_patient_record_get_episodes (self->record);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (episodes);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      VastusEpisodeRecord *episode = _vastus_patient_page_episode_at (self, i);
      g_autofree char *title = _vastus_patient_page_episode_title (
        vastus_episode_record_get_episode (episode));

      gtk_string_list_append (names, title);
      if (episode == self->episode)
        shown = i;
    }
  for (guint i = 0; self->episode_to_show != 0 && i < n; i++)
    if (vastus_episode_record_get_id (_vastus_patient_page_episode_at (self, i)) == self->episode_to_show)
      {
        shown = i;
        self->episode_to_show = 0;
      }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->episode_chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->episode_chooser, shown);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->episode_chooser), n > 1);
  _vastus_patient_page_show_episode (self, n > 0 ? _vastus_patient_page_episode_at (self, shown) : NULL);
}

void
_vastus_patient_page_patient_changed_cb (VastusPatientPage *self)
{
  const GError *error = vastus_patient_record_get_error (self->record);

  self->patient = vastus_patient_record_get_patient (self->record);
  if (self->patient == NULL)
    {
      if (error == NULL)
        return;
      _vastus_patient_page_stop_spinner (self);
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_label_set_text (self->episode_label, "");
      _vastus_patient_page_update_actions (self);
      gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
      storage_failed (self, _("Cannot Read the Patient"), error);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->header_box), TRUE);
  _vastus_patient_page_refresh_header (self);
  if (self->episode == NULL)
    _vastus_patient_page_episodes_changed_cb (self);
}
