/* vastus-visit-editor-questionnaires.c: the visit's questionnaires in the editor: their
 * answers read with the visit, entered in the questionnaire window, their scores in the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-questionnaire-window.h"
#include "vastus-tooltip.h"
#include "vastus-visit-editor-private.h"

/* The score rows of the questionnaires answered item by item show the scores and cannot be
 * typed in: they change with the answers (Questionnaire…). */
static void
show_response_scores (VastusVisitEditor    *self,
                      const VastusResponse *response)
{
  const VastusInstrument *instrument = vastus_instrument_lookup (response->instrument);
  g_autoptr(VastusVisit) scores = vastus_visit_new ();
  g_autoptr(GPtrArray) measurements = vastus_response_score_measurements (response);
  gboolean answered = response->answers->len > 0;

  for (guint i = 0; i < measurements->len; i++)
    vastus_visit_add_measurement (scores,
                                  vastus_measurement_copy (g_ptr_array_index (measurements, i)));
  for (guint k = 0; instrument != NULL && k < instrument->scales->len; k++)
    {
      const VastusScale *scale = g_ptr_array_index (instrument->scales, k);
      const VastusMeasure *measure = vastus_catalog_lookup (scale->measure);
      GtkWidget *row;

      /* The row is made to show the score. */
      if (measure != NULL)
        _vastus_visit_editor_ensure_measure (self, measure);
      row = g_hash_table_lookup (self->rows_by_code, scale->measure);
      if (row == NULL)
        continue;
      vastus_measure_row_load (VASTUS_MEASURE_ROW (row), scores);
      gtk_widget_set_sensitive (row, !answered);
      vastus_set_tooltip (row, answered ? _("Computed from the questionnaire’s answers: "
                                                     "change them with Questionnaire…") : NULL);
      if (answered)
        _vastus_visit_editor_expand_for (row);
    }
}

static void
responses_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = vastus_clinic_list_visit_responses_finish (VASTUS_CLINIC (source),
                                                                           result, &error);
  VastusVisitEditor *self;

  if (stored == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot read the visit's questionnaires: %s", error->message);
      return;
    }
  self = VASTUS_VISIT_EDITOR (user_data);
  /* Answers applied meanwhile stay (they are newer). */
  for (guint i = 0; i < stored->len; i++)
    {
      VastusResponse *r = g_ptr_array_index (stored, i);
      gboolean applied = g_hash_table_contains (self->changed_instruments, r->instrument);

      if (applied)
        continue;
      g_ptr_array_add (self->responses, vastus_response_copy (r));
      show_response_scores (self, r);
    }
}

/* The visit's stored questionnaires (the editor's only questionnaire read), through the clinic;
 * the editor's own are forgotten. */
void
_vastus_visit_editor_load_responses (VastusVisitEditor *self,
                                     gint64             visit_id)
{
  g_ptr_array_set_size (self->responses, 0);
  g_hash_table_remove_all (self->changed_instruments);
  g_cancellable_cancel (self->reading_responses);
  g_clear_object (&self->reading_responses);
  self->reading_responses = g_cancellable_new ();
  vastus_clinic_list_visit_responses_async (self->clinic, visit_id, self->reading_responses,
                                            responses_read_cb, self);
}

void
_vastus_visit_editor_questionnaire_applied_cb (VastusVisitEditor *self,
                                               GPtrArray         *applied)
{
  for (guint i = 0; i < applied->len; i++)
    {
      const VastusResponse *r = g_ptr_array_index (applied, i);
      gboolean same = FALSE;

      for (guint k = 0; k < self->responses->len; k++)
        {
          VastusResponse *old = g_ptr_array_index (self->responses, k);

          if (!g_str_equal (old->instrument, r->instrument))
            continue;
          same = vastus_response_equal (old, r);
          g_ptr_array_remove_index (self->responses, k);
          break;
        }
      if (same && !g_hash_table_contains (self->changed_instruments, r->instrument))
        {
          g_ptr_array_add (self->responses, vastus_response_copy (r));
          continue;
        }
      g_ptr_array_add (self->responses, vastus_response_copy (r));
      g_hash_table_add (self->changed_instruments, g_strdup (r->instrument));
      show_response_scores (self, r);
      _vastus_visit_editor_set_modified (self, TRUE);
    }
  _vastus_visit_editor_revalidate (self);
}

void
_vastus_visit_editor_questionnaire_action_cb (GtkWidget  *widget,
                                              const char *action,
                                              GVariant   *parameter)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);
  GtkWidget *window = vastus_questionnaire_window_new (self->clinic, self->responses, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (window),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }
  g_signal_connect_object (window, "applied",
                           G_CALLBACK (_vastus_visit_editor_questionnaire_applied_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}
