/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-draft"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-display.h"
#include "vastus-local-draft.h"
#include "vastus-questionnaire.h"
#include "vastus-visit-draft.h"

/* A pause in typing: one write per pause, not per keystroke, and at most this much lost. */
#define SAVE_DELAY_MS 1000

#define STATE_FORMAT 1

struct _VastusVisitDraft
{
  VastusVisitEditor *editor;        /* not owned: the editor owns the draft */
  VastusClinic      *clinic;
  gint64             patient_id;
  gint64             episode_id;
  guint              timeout_id;
  /* Shared with the calls under way, which may outlive the draft (and the editor). */
  gatomicrefcount    ref_count;
  gboolean           logged;        /* a failure was logged already */
  gboolean           freed;         /* the editor went: nothing may touch it */
  guint              n_pending;
  gint64             visit_id;      /* the editor's, kept for writes that outlive it */
  gboolean           kept_locally;  /* the server refused the last write: a local draft holds it */
  gulong             reachable_id;  /* the clinic's notify::server-unreachable */
};

typedef struct
{
  VastusVisitDraft *draft;
  char             *state;          /* NULL: a deletion */
} Write;

static const char *header_texts[] = { "date", "clinician", "body-mass", "height", "notes" };
/* "confirm" last: a changed header field clears it. */
static const char *header_checks[] = { "baseline", "confirm" };

static VastusVisitDraft *
draft_ref (VastusVisitDraft *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
draft_unref (VastusVisitDraft *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->clinic);
  g_free (self);
}

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
kept_locally_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VastusVisitDraft *self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  if (!vastus_local_draft_write_finish (VASTUS_CLINIC (source), result, &error))
    g_message ("Visit draft of episode %" G_GINT64_FORMAT " not kept on this computer "
               "either: %s", self->episode_id, error->message);
  draft_unref (self);
}

/* The server did not take a draft (it cannot be reached): it is kept on this computer until
 * the server takes one again (vastus-local-draft.h), written on a thread of its own in the order
 * the server's answers came. A deletion the server did not take leaves the local draft as it
 * is: the visit it belongs to was not saved either. */
static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;
  VastusVisitDraft *self = write->draft;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  if (vastus_clinic_save_draft_finish (VASTUS_CLINIC (source), result, &error))
    {
      /* Only when there is one (or one is on its way): a draft is written every second while
       * someone types. After the local writes asked for before, so none comes back. */
      if (self->kept_locally)
        vastus_local_draft_remove_async (self->clinic, self->episode_id, self->visit_id, NULL,
                                         NULL);
      self->kept_locally = FALSE;
    }
  else
    {
      log_failure (self, error);
      if (write->state != NULL)
        {
          self->kept_locally = TRUE;
          self->n_pending++;
          vastus_local_draft_write_async (self->clinic, self->episode_id, self->visit_id,
                                          write->state, kept_locally_cb, draft_ref (self));
        }
    }
  draft_unref (self);
  g_free (write->state);
  g_free (write);
}

/* Writes @state (NULL: deletes the draft) on the clinic's writer. */
static void
write_draft (VastusVisitDraft *self,
             const char       *state)
{
  Write *write = g_new0 (Write, 1);

  /* A new visit once saved is a stored one: its drafts are that visit's from then on. */
  if (!self->freed)
    self->visit_id = vastus_visit_editor_get_visit_id (self->editor);
  write->draft = draft_ref (self);
  write->state = g_strdup (state);
  self->n_pending++;
  vastus_clinic_save_draft_async (self->clinic, self->patient_id, self->episode_id,
                                  self->visit_id, state, NULL, written_cb, write);
}

static void
save (VastusVisitDraft *self)
{
  g_autofree char *state = vastus_visit_draft_capture (self->editor);

  write_draft (self, state);
}

/* The server answers again: a draft kept on this computer goes to it. */
static void
reachable_cb (VastusClinic     *clinic,
              GParamSpec       *pspec,
              VastusVisitDraft *self)
{
  if (self->kept_locally && !vastus_clinic_is_server_unreachable (clinic))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      save (self);
    }
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
                        VastusClinic      *clinic,
                        gint64             patient_id,
                        gint64             episode_id)
{
  VastusVisitDraft *self;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (editor), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  if (vastus_clinic_is_read_only (clinic) || episode_id == 0)
    return NULL;
  self = g_new0 (VastusVisitDraft, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->editor = editor;
  self->clinic = g_object_ref (clinic);
  self->patient_id = patient_id;
  self->episode_id = episode_id;
  self->visit_id = vastus_visit_editor_get_visit_id (editor);
  self->reachable_id = g_signal_connect (clinic, "notify::server-unreachable",
                                         G_CALLBACK (reachable_cb), self);
  return self;
}

void
vastus_visit_draft_free (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  /* What was typed since the last write is written now, never dropped. */
  vastus_visit_draft_flush (self);
  g_clear_signal_handler (&self->reachable_id, self->clinic);
  self->freed = TRUE;
  self->editor = NULL;
  draft_unref (self);
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
vastus_visit_draft_keep (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  save (self);
}

void
vastus_visit_draft_saved (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  vastus_local_draft_remove_async (self->clinic, self->episode_id, self->visit_id, NULL, NULL);
  self->kept_locally = FALSE;
}

void
vastus_visit_draft_discard (VastusVisitDraft *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  write_draft (self, NULL);
}

typedef struct
{
  VastusVisitDraft         *draft;
  VastusVisitDraftRestored  restored;
  gboolean                  found;     /* the server answered: a draft, or none */
  char                     *state;     /* the server's */
  GDateTime                *saved_at;
} Restore;

static void
restore_free (Restore *restore)
{
  draft_unref (restore->draft);
  g_free (restore->state);
  g_clear_pointer (&restore->saved_at, g_date_time_unref);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

/* The local draft read (off the main thread, after the local writes asked for before): the
 * newer of the two goes in the form, unless the person typed meanwhile. */
static void
local_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  VastusVisitDraft *self = restore->draft;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local_at = NULL;
  g_autofree char *local_state = vastus_local_draft_read_finish (VASTUS_CLINIC (source), result,
                                                                 &local_at);
  g_autofree char *state = g_steal_pointer (&restore->state);
  g_autoptr(GDateTime) saved_at = g_steal_pointer (&restore->saved_at);
  gboolean found = restore->found;

  self->n_pending--;
  /* Kept here, newer or not, until the server takes a draft of this visit. */
  if (local_state != NULL)
    self->kept_locally = TRUE;
  if (local_state != NULL
      && (!found || state == NULL || saved_at == NULL
          || g_date_time_compare (local_at, saved_at) >= 0))
    {
      g_free (state);
      state = g_steal_pointer (&local_state);
      g_clear_pointer (&saved_at, g_date_time_unref);
      saved_at = g_steal_pointer (&local_at);
      found = TRUE;
    }
  /* Nothing to restore into, or the person started typing: what they type wins. */
  if (!found || state == NULL || self->freed || vastus_visit_editor_get_modified (self->editor))
    return;
  if (!vastus_visit_draft_apply (self->editor, state, &error))
    log_failure (self, error);
  else
    restore->restored (self->editor, saved_at);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Restore *restore = user_data;
  VastusVisitDraft *self = restore->draft;
  g_autoptr(GError) error = NULL;

  restore->found = vastus_clinic_load_draft_finish (VASTUS_CLINIC (source), result,
                                                    &restore->state, &restore->saved_at, &error);
  if (error != NULL)
    log_failure (self, error);
  /* Then one kept on this computer while the server could not be reached, when it is the newer
   * (or the server has none, or could not be asked): a file, read on the local drafts' thread. */
  vastus_local_draft_read_async (self->clinic, self->episode_id, self->visit_id, local_read_cb,
                                 restore);
}

void
vastus_visit_draft_restore (VastusVisitDraft         *self,
                            VastusVisitDraftRestored  restored)
{
  Restore *restore;

  if (self == NULL)
    return;
  restore = g_new0 (Restore, 1);
  restore->draft = draft_ref (self);
  restore->restored = restored;
  self->n_pending++;
  vastus_clinic_load_draft_async (self->clinic, self->episode_id, self->visit_id, NULL,
                                  loaded_cb, restore);
}

guint
vastus_visit_draft_get_n_pending (VastusVisitDraft *self)
{
  return self != NULL ? self->n_pending : 0;
}

char *
vastus_visit_draft_notice (GDateTime *saved_at)
{
  g_autoptr(GDateTime) local = NULL;
  GDate day;
  char date[VASTUS_DISPLAY_DATE_SIZE];
  g_autofree char *time = NULL;

  if (saved_at == NULL)
    return g_strdup (_("Restored entries that were not saved."));
  local = g_date_time_to_local (saved_at);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  vastus_display_date_month (&day, VASTUS_DISPLAY_DAY_MONTH_YEAR, date);
  /* Translators: a time of day in g_date_time_format's notation, e.g. "14:03" */
  /* xgettext:no-c-format */
  time = g_date_time_format (local, _("%H:%M"));
  /* Translators: "Restored entries not saved on 21 Nov 2026 at 14:03." */
  return g_strdup_printf (_("Restored entries not saved on %s at %s."), date, time);
}

/* The questionnaires answered and not stored yet, as "questionnaires" a(sua(si)): instrument,
 * who entered them (VastusEnteredBy), and the answers (item, points). None: no key. */
static void
capture_questionnaires (VastusVisitEditor *editor,
                        GVariantDict      *dict)
{
  g_autoptr(GPtrArray) answered = vastus_visit_editor_get_answered (editor);
  GVariantBuilder builder;

  if (answered->len == 0)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sua(si))"));
  for (guint i = 0; i < answered->len; i++)
    {
      const VastusResponse *r = g_ptr_array_index (answered, i);

      g_variant_builder_open (&builder, G_VARIANT_TYPE ("(sua(si))"));
      g_variant_builder_add (&builder, "s", r->instrument);
      g_variant_builder_add (&builder, "u", (guint32) r->entered_by);
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a(si)"));
      for (guint k = 0; k < r->answers->len; k++)
        {
          const VastusAnswer *a = g_ptr_array_index (r->answers, k);

          g_variant_builder_add (&builder, "(si)", a->item, (gint32) a->points);
        }
      g_variant_builder_close (&builder);
      g_variant_builder_close (&builder);
    }
  g_variant_dict_insert_value (dict, "questionnaires", g_variant_builder_end (&builder));
}

/* The questionnaires of a draft, applied as the questionnaire window's Apply does. */
static void
apply_questionnaires (VastusVisitEditor *editor,
                      GVariant          *questionnaires)
{
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  g_autoptr(GVariantIter) answers = NULL;
  GVariantIter iter;
  const char *instrument;
  guint32 entered_by;

  g_variant_iter_init (&iter, questionnaires);
  while (g_variant_iter_next (&iter, "(&sua(si))", &instrument, &entered_by, &answers))
    {
      VastusResponse *r;
      const char *item;
      gint32 points;

      if (entered_by > VASTUS_ENTERED_BY_IMPORT)
        {
          g_message ("A draft's %s answers name no one who entered them (%u): not restored",
                     instrument, entered_by);
          g_clear_pointer (&answers, g_variant_iter_free);
          continue;
        }
      r = vastus_response_new (instrument);
      r->entered_by = (VastusEnteredBy) entered_by;
      while (g_variant_iter_next (answers, "(&si)", &item, &points))
        vastus_response_set_answer (r, item, points);
      g_clear_pointer (&answers, g_variant_iter_free);
      g_ptr_array_add (responses, r);
    }
  if (responses->len > 0)
    vastus_visit_editor_apply_questionnaires (editor, responses);
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
  g_variant_dict_insert (&dict, "battery", "x",
                         vastus_visit_editor_get_battery (editor) != NULL
                         ? vastus_visit_editor_get_battery (editor)->id : (gint64) 0);

  /* The rows of the sections opened: the others hold nothing typed. */
  {
    GPtrArray *rows = vastus_visit_editor_get_rows (editor);

    for (guint i = 0; i < rows->len; i++)
      {
        VastusMeasureRow *measure_row = g_ptr_array_index (rows, i);
        g_auto(GVariantDict) row = G_VARIANT_DICT_INIT (NULL);

        vastus_measure_row_save_state (measure_row, &row);
        g_variant_dict_insert_value (&measures, vastus_measure_row_get_measure (measure_row)->code,
                                     g_variant_dict_end (&row));
      }
  }
  g_variant_dict_insert_value (&dict, "measures", g_variant_dict_end (&measures));
  capture_questionnaires (editor, &dict);
  state = g_variant_ref_sink (g_variant_dict_end (&dict));
  return g_variant_print (state, TRUE);
}

/* Whether a row's state holds a value: a text typed, a drop-down's choice (position 0 is none). */
static gboolean
state_has_values (const char *code,
                  GVariant   *state)
{
  const VastusMeasure *measure = vastus_catalog_lookup (code);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);
  g_autofree const char **values = NULL;

  if (measure == NULL || !g_variant_dict_lookup (&dict, "values", "^a&s", &values))
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (values[i]));

      if (measure->kind == VASTUS_VALUE_NUMBER ? *text != '\0' : g_strcmp0 (text, "0") != 0)
        return TRUE;
    }
  return FALSE;
}

/* The measure rows' states, by measure code. A battery's form makes a row for a measure it does
 * not show only to put a value back. */
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
      VastusMeasureRow *row;

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
        continue;
      if (vastus_visit_editor_get_battery (editor) != NULL && !state_has_values (code, value) &&
          !vastus_visit_editor_shows_measure (editor, code))
        continue;
      row = vastus_visit_editor_get_measure_row (editor, code);
      if (row != NULL)
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
  g_autoptr(GVariant) questionnaires = NULL;
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
                     /* Translators: two version numbers of the draft's format */
                     _("The draft is of format %u, not %u"), format, STATE_FORMAT);
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
    /* The battery first: the rows are those of its form. */
    {
      gint64 battery;

      if (g_variant_dict_lookup (&dict, "battery", "x", &battery))
        vastus_visit_editor_choose_battery (editor, battery);
    }
    if (g_variant_dict_lookup (&dict, "findings", "u", &findings))
      for (guint32 flag = 1; flag < VASTUS_FINDING_ALL; flag <<= 1)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_finding (editor, flag)),
                                     (findings & flag) != 0);
    measures = g_variant_dict_lookup_value (&dict, "measures", G_VARIANT_TYPE_VARDICT);
    if (measures != NULL)
      apply_measures (editor, measures);
    questionnaires = g_variant_dict_lookup_value (&dict, "questionnaires", G_VARIANT_TYPE ("a(sua(si))"));
    if (questionnaires != NULL)
      apply_questionnaires (editor, questionnaires);
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
