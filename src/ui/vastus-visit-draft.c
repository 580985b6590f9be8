/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-draft"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vastus-draft-store.h"
#include "vastus-visit-draft.h"

/* A pause in typing: one write per pause, not per keystroke, and at most this much lost. */
#define SAVE_DELAY_MS 1000

#define STATE_FORMAT 1

struct _VastusVisitDraft
{
  VastusVisitEditor *editor;        /* not owned: the editor owns the draft */
  VastusDatabase    *db;
  gint64             episode_id;
  guint              timeout_id;
  gboolean           logged;        /* a failure was logged already */
};

static const char *header_texts[] = { "date", "clinician", "body-mass", "height", "notes" };
/* "confirm" last: a changed header field clears it. */
static const char *header_checks[] = { "baseline", "confirm" };

/* Drafts are a safety net: a failure is worth one line in the log, never a question. */
static void
log_failure (VastusVisitDraft *self,
             const GError     *error)
{
  if (self->logged)
    return;
  self->logged = TRUE;
  g_message ("Visit draft of episode %" G_GINT64_FORMAT ": %s (further draft failures are not "
             "logged)", self->episode_id, error->message);
}

static void
save (VastusVisitDraft *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = vastus_visit_draft_capture (self->editor);

  if (!vastus_database_save_draft (self->db, self->episode_id,
                                   vastus_visit_editor_get_visit_id (self->editor), state, &error))
    log_failure (self, error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  VastusVisitDraft *self = data;

  self->timeout_id = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

VastusVisitDraft *
vastus_visit_draft_new (VastusVisitEditor *editor,
                        VastusDatabase    *db,
                        gint64             episode_id)
{
  VastusVisitDraft *self;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (editor), NULL);
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  if (vastus_database_is_read_only (db) || episode_id == 0)
    return NULL;
  self = g_new0 (VastusVisitDraft, 1);
  self->editor = editor;
  self->db = g_object_ref (db);
  self->episode_id = episode_id;
  return self;
}

void
vastus_visit_draft_free (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->db);
  g_free (self);
}

void
vastus_visit_draft_schedule (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
vastus_visit_draft_cancel (VastusVisitDraft *self)
{
  if (self != NULL)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
}

void
vastus_visit_draft_flush (VastusVisitDraft *self)
{
  if (self == NULL || self->timeout_id == 0)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  save (self);
}

void
vastus_visit_draft_discard (VastusVisitDraft *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!vastus_database_delete_draft (self->db, self->episode_id,
                                     vastus_visit_editor_get_visit_id (self->editor), &error))
    log_failure (self, error);
}

gboolean
vastus_visit_draft_restore (VastusVisitDraft  *self,
                            GDateTime        **saved_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self == NULL)
    return FALSE;
  if (!vastus_database_load_draft (self->db, self->episode_id,
                                   vastus_visit_editor_get_visit_id (self->editor),
                                   &state, &when, &error))
    {
      log_failure (self, error);
      return FALSE;
    }
  if (state == NULL)
    return FALSE;
  if (!vastus_visit_draft_apply (self->editor, state, &error))
    {
      log_failure (self, error);
      return FALSE;
    }
  if (saved_at != NULL)
    *saved_at = g_steal_pointer (&when);
  return TRUE;
}

char *
vastus_visit_draft_notice (GDateTime *saved_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (saved_at == NULL)
    return g_strdup (_("Restored entries that were not saved."));
  local = g_date_time_to_local (saved_at);
  /* Translators: a date in g_date_time_format's notation, e.g. "21 Nov 2026" */
  /* xgettext:no-c-format */
  date = g_date_time_format (local, _("%-d %b %Y"));
  /* Translators: a time of day in g_date_time_format's notation, e.g. "14:03" */
  /* xgettext:no-c-format */
  time = g_date_time_format (local, _("%H:%M"));
  /* Translators: "Restored entries not saved on 21 Nov 2026 at 14:03." */
  return g_strdup_printf (_("Restored entries not saved on %s at %s."), date, time);
}

char *
vastus_visit_draft_capture (VastusVisitEditor *editor)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_auto(GVariantDict) measures = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) state = NULL;
  guint32 findings = 0;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (editor), NULL);

  g_variant_dict_insert (&dict, "format", "u", STATE_FORMAT);
  for (guint i = 0; i < G_N_ELEMENTS (header_texts); i++)
    g_variant_dict_insert (&dict, header_texts[i], "s",
                           gtk_editable_get_text (GTK_EDITABLE (vastus_visit_editor_get_field (editor, header_texts[i]))));
  for (guint i = 0; i < G_N_ELEMENTS (header_checks); i++)
    g_variant_dict_insert (&dict, header_checks[i], "b",
                           gtk_check_button_get_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_field (editor, header_checks[i]))));
  for (guint32 flag = 1; flag < VASTUS_FINDING_ALL; flag <<= 1)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_finding (editor, flag))))
      findings |= flag;
  g_variant_dict_insert (&dict, "findings", "u", findings);

  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const char *code = vastus_catalog_get_nth (i)->code;
      g_auto(GVariantDict) row = G_VARIANT_DICT_INIT (NULL);

      vastus_measure_row_save_state (vastus_visit_editor_get_measure_row (editor, code), &row);
      g_variant_dict_insert_value (&measures, code, g_variant_dict_end (&row));
    }
  g_variant_dict_insert_value (&dict, "measures", g_variant_dict_end (&measures));
  state = g_variant_ref_sink (g_variant_dict_end (&dict));
  return g_variant_print (state, TRUE);
}

/* The measure rows' states, by measure code. */
static void
apply_measures (VastusVisitEditor *editor,
                GVariant          *measures)
{
  GVariantIter iter;
  const char *code;
  GVariant *value;

  g_variant_iter_init (&iter, measures);
  while (g_variant_iter_loop (&iter, "{&sv}", &code, &value))
    {
      VastusMeasureRow *row = vastus_visit_editor_get_measure_row (editor, code);

      if (row != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
        {
          g_auto(GVariantDict) row_dict = G_VARIANT_DICT_INIT (value);

          vastus_measure_row_restore_state (row, &row_dict);
        }
    }
}

gboolean
vastus_visit_draft_apply (VastusVisitEditor  *editor,
                          const char         *state,
                          GError            **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) measures = NULL;
  guint32 format = 0, findings = 0;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (editor), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, state, NULL, NULL, error);
  if (variant == NULL)
    return FALSE;
  {
    g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (variant);

    if (!g_variant_dict_lookup (&dict, "format", "u", &format) || format != STATE_FORMAT)
      {
        g_set_error (error, G_VARIANT_PARSE_ERROR, G_VARIANT_PARSE_ERROR_FAILED,
                     "The draft is of format %u, not %u", format, STATE_FORMAT);
        return FALSE;
      }
    for (guint i = 0; i < G_N_ELEMENTS (header_texts); i++)
      {
        const char *text;

        GtkEditable *field = GTK_EDITABLE (vastus_visit_editor_get_field (editor, header_texts[i]));

        /* Only what differs: setting a text, even the same, counts as a change. */
        if (g_variant_dict_lookup (&dict, header_texts[i], "&s", &text)
            && g_strcmp0 (gtk_editable_get_text (field), text) != 0)
          gtk_editable_set_text (field, text);
      }
    if (g_variant_dict_lookup (&dict, "findings", "u", &findings))
      for (guint32 flag = 1; flag < VASTUS_FINDING_ALL; flag <<= 1)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_finding (editor, flag)),
                                     (findings & flag) != 0);
    measures = g_variant_dict_lookup_value (&dict, "measures", G_VARIANT_TYPE_VARDICT);
    if (measures != NULL)
      apply_measures (editor, measures);
    for (guint i = 0; i < G_N_ELEMENTS (header_checks); i++)
      {
        gboolean active;

        if (g_variant_dict_lookup (&dict, header_checks[i], "b", &active))
          gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_field (editor, header_checks[i])),
                                       active);
      }
  }
  return TRUE;
}
