/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vastus-history.h"
#include "vastus-model-error.h"
#include "vastus-safety.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-visit-draft.h"
#include "vastus-questionnaire-store.h"
#include "vastus-questionnaire-window.h"
#include "vastus-visit-editor.h"

struct _VastusVisitEditor
{
  AdwBin          parent_instance;

  VastusClinicRules rules;      /* pain limit, minimum weeks for maximal tests (preferences) */
  VastusDatabase *db;
  VastusPatient  *patient;
  VastusEpisode  *episode;
  VastusVisit    *previous;       /* may be NULL */
  VastusVisit    *original;       /* the stored visit being edited; NULL for a new one */
  GPtrArray      *other_visits;   /* the episode's other stored visits, for the safety flags */
  VastusVisitDraft *draft;        /* NULL when the database keeps none (read-only) */
  GPtrArray      *rows;           /* VastusMeasureRow*, catalog order, not owned */
  GHashTable     *rows_by_code;
  GtkWidget      *expanders[VASTUS_N_CATEGORIES];
  GtkWidget      *safety_boxes[VASTUS_N_CATEGORIES];
  GtkLabel       *safety_labels[VASTUS_N_CATEGORIES];
  char           *safety_text;
  char           *problem_text;
  gboolean        modified;
  gboolean        baseline_dirty; /* the baseline check was changed by hand */
  gboolean        loading;
  gboolean        disposing;
  GPtrArray      *responses;      /* VastusResponse*: the visit's questionnaires, stored or applied */
  GHashTable     *changed_instruments; /* ids whose answers were applied and are not stored yet */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkBox          *page_box;
  AdwEntryRow     *date_row;
  AdwEntryRow     *clinician_row;
  AdwEntryRow     *body_mass_row;
  AdwEntryRow     *height_row;
  AdwEntryRow     *notes_row;
  GtkRevealer     *draft_revealer;
  GtkButton       *draft_discard_button;
  GtkLabel        *draft_label;
  GtkWidget       *findings_group;
  GtkLabel        *visit_problem_label;
  GtkCheckButton  *visit_confirm_check;
  GtkCheckButton  *baseline_check;
  GtkCheckButton  *no_slr_check;
  GtkCheckButton  *nerve_block_check;
  GtkCheckButton  *dvt_check;
  GtkCheckButton  *infection_check;
  GtkLabel        *status_label;
  GtkButton       *save_button;
};

G_DEFINE_FINAL_TYPE (VastusVisitEditor, vastus_visit_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void reset_form (VastusVisitEditor *self);

/* Helpers */

static void
set_modified (VastusVisitEditor *self,
              gboolean           modified)
{
  /* Each change restarts the draft's wait; once saved or discarded there is nothing to keep. */
  if (modified)
    vastus_visit_draft_schedule (self->draft);
  else
    vastus_visit_draft_cancel (self->draft);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static GtkCheckButton *
finding_check (VastusVisitEditor *self,
               VastusFinding      finding)
{
  switch (finding)
    {
    case VASTUS_FINDING_NO_SLR: return self->no_slr_check;
    case VASTUS_FINDING_NERVE_BLOCK: return self->nerve_block_check;
    case VASTUS_FINDING_DVT_SIGNS: return self->dvt_check;
    case VASTUS_FINDING_INFECTION_SIGNS: return self->infection_check;
    case VASTUS_FINDING_NONE:
    case VASTUS_FINDING_ALL:
    default: return NULL;
    }
}

static const VastusFinding all_findings[] = {
  VASTUS_FINDING_NO_SLR, VASTUS_FINDING_NERVE_BLOCK,
  VASTUS_FINDING_DVT_SIGNS, VASTUS_FINDING_INFECTION_SIGNS,
};

static char *
stripped_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             int         code,
             const char *message)
{
  VastusProblem *problem = g_new0 (VastusProblem, 1);

  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  problem->code = code;
  problem->index = -1;
  g_ptr_array_add (problems, problem);
}

/* A number in a header field: NAN when empty; a problem when not a number. */
static double
header_number (AdwEntryRow *row,
               const char  *field,
               const char  *what,
               GPtrArray   *problems)
{
  g_autofree char *text = stripped_text (row);
  double value;

  if (*text == '\0')
    return NAN;
  if (!vastus_number_parse_entry (text, &value, NULL))
    {
      /* Translators: "Body mass: “7o” is not a number." */
      g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number."), what, text);

      add_problem (problems, field, -1, message);
      return NAN;
    }
  return value;
}

/* The visit as typed. Text that cannot be read becomes a hard problem in @problems. */
static VastusVisit *
build_visit (VastusVisitEditor *self,
             GPtrArray         *problems)
{
  VastusVisit *visit = vastus_visit_new ();
  g_autofree char *date = stripped_text (self->date_row);
  g_autofree char *clinician = stripped_text (self->clinician_row);
  g_autofree char *notes = stripped_text (self->notes_row);

  if (self->original != NULL)
    visit->id = self->original->id;
  visit->episode_id = self->episode->id;
  g_date_clear (&visit->date, 1);
  if (*date != '\0' && !vastus_date_parse (date, &visit->date, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_("Visit date: “%s” is not a date; use YYYY-MM-DD."), date);

      g_date_clear (&visit->date, 1);
      add_problem (problems, "visit_date", -1, message);
    }
  visit->clinician = *clinician != '\0' ? g_steal_pointer (&clinician) : NULL;
  visit->notes = *notes != '\0' ? g_steal_pointer (&notes) : NULL;
  visit->body_mass_kg = header_number (self->body_mass_row, "body_mass_kg", _("Body mass"), problems);
  visit->height_cm = header_number (self->height_row, "height_cm", _("Height"), problems);
  visit->findings = 0;
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    if (gtk_check_button_get_active (finding_check (self, all_findings[i])))
      visit->findings |= all_findings[i];

  for (guint i = 0; i < self->rows->len; i++)
    vastus_measure_row_collect (g_ptr_array_index (self->rows, i), visit, problems);
  /* Scores of questionnaires answered anew are written with their answers (save). */
  for (guint i = visit->measurements->len; i-- > 0;)
    {
      const VastusInstrument *instrument = NULL;
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (vastus_instrument_scale_for_measure (m->measure, &instrument) != NULL &&
          g_hash_table_contains (self->changed_instruments, instrument->id))
        g_ptr_array_remove_index (visit->measurements, i);
    }
  /* Stored values keep their own flag unless the box was changed. */
  if (self->original == NULL || self->baseline_dirty)
    for (guint i = 0; i < visit->measurements->len; i++)
      {
        VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

        m->baseline = gtk_check_button_get_active (self->baseline_check);
      }
  return visit;
}

static GtkWidget *
header_widget (VastusVisitEditor *self,
               const char        *field)
{
  if (g_str_equal (field, "visit_date"))
    return GTK_WIDGET (self->date_row);
  if (g_str_equal (field, "body_mass_kg"))
    return GTK_WIDGET (self->body_mass_row);
  if (g_str_equal (field, "height_cm"))
    return GTK_WIDGET (self->height_row);
  if (g_str_equal (field, "clinician"))
    return GTK_WIDGET (self->clinician_row);
  if (g_str_equal (field, "notes"))
    return GTK_WIDGET (self->notes_row);
  return NULL;
}

static VastusMeasureRow *
row_for_field (VastusVisitEditor *self,
               const char        *field)
{
  g_autofree char *code = g_strdup (field);
  char *slash = strchr (code, '/');

  if (slash != NULL)
    *slash = '\0';
  return g_hash_table_lookup (self->rows_by_code, code);
}

static void
clear_problems (VastusVisitEditor *self)
{
  AdwEntryRow *header[] = { self->date_row, self->body_mass_row, self->height_row,
                            self->clinician_row, self->notes_row };

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (header[i]), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (header[i]), "warning");
    }
  for (guint i = 0; i < self->rows->len; i++)
    vastus_measure_row_clear_problems (g_ptr_array_index (self->rows, i));
  g_clear_pointer (&self->problem_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->visit_problem_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->visit_confirm_check), FALSE);
}

static void
expand_for (GtkWidget *widget)
{
  GtkWidget *expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
}

/* Shows @problems on their fields. Returns the widget of the first problem that blocks saving
 * (NULL when none does) and counts hard problems and unconfirmed warnings. */
static GtkWidget *
show_problems (VastusVisitEditor *self,
               GPtrArray         *problems,
               guint             *out_hard,
               guint             *out_unconfirmed)
{
  g_autoptr(GString) header_text = g_string_new (NULL);
  gboolean header_soft = FALSE, header_hard = FALSE;
  GtkWidget *first = NULL;
  guint hard = 0, unconfirmed = 0;

  clear_problems (self);
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *header = header_widget (self, p->field);
      VastusMeasureRow *row = header ? NULL : row_for_field (self, p->field);

      if (row != NULL)
        {
          vastus_measure_row_add_problem (row, p);
          /* A problem in a closed section would go unseen. */
          expand_for (GTK_WIDGET (row));
        }
      else
        {
          if (header != NULL)
            gtk_widget_add_css_class (header, p->soft ? "warning" : "error");
          if (header_text->len > 0)
            g_string_append_c (header_text, '\n');
          g_string_append (header_text, p->message);
          if (p->soft)
            header_soft = TRUE;
          else
            header_hard = TRUE;
        }
    }

  /* Count after everything is shown: a row's confirmation covers all its warnings. */
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *header = header_widget (self, p->field);
      VastusMeasureRow *row = header ? NULL : row_for_field (self, p->field);
      gboolean blocks;

      if (!p->soft)
        blocks = TRUE, hard++;
      else if (row != NULL)
        blocks = !vastus_measure_row_get_confirmed (row);
      else
        blocks = !gtk_check_button_get_active (self->visit_confirm_check);
      if (p->soft && blocks)
        unconfirmed++;
      if (blocks && first == NULL)
        {
          if (row != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (p->field, "/", 3);
              VastusSide side;

              if (g_strv_length (parts) == 3 && vastus_side_from_string (parts[1], &side))
                first = vastus_measure_row_get_input (row, side, atoi (parts[2]));
              if (first == NULL)
                first = GTK_WIDGET (row);
            }
          else
            first = header != NULL ? header : GTK_WIDGET (self->date_row);
        }
    }

  if (header_text->len > 0)
    {
      self->problem_text = g_strdup (header_text->str);
      gtk_label_set_text (self->visit_problem_label, header_text->str);
      gtk_widget_remove_css_class (GTK_WIDGET (self->visit_problem_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->visit_problem_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->visit_problem_label), header_hard ? "error" : "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->visit_problem_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->visit_confirm_check), header_soft && !header_hard);
    }

  if (hard > 0 && unconfirmed > 0)
    {
      g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value to correct",
                                                         "%u values to correct", hard), hard);
      g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning to confirm",
                                                         "%u warnings to confirm", unconfirmed), unconfirmed);
      g_autofree char *text = g_strdup_printf ("%s · %s", a, b);

      gtk_label_set_text (self->status_label, text);
    }
  else if (hard > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value to correct",
                                                            "%u values to correct", hard), hard);
      gtk_label_set_text (self->status_label, text);
    }
  else if (unconfirmed > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning to confirm",
                                                            "%u warnings to confirm", unconfirmed),
                                               unconfirmed);
      gtk_label_set_text (self->status_label, text);
    }
  else
    gtk_label_set_text (self->status_label, "");

  if (out_hard != NULL)
    *out_hard = hard;
  if (out_unconfirmed != NULL)
    *out_unconfirmed = unconfirmed;
  return first;
}

static void
update_safety (VastusVisitEditor *self,
               const VastusVisit *draft)
{
  g_autoptr(VastusHistory) history = vastus_history_new (vastus_patient_copy (self->patient),
                                                         vastus_episode_copy (self->episode));
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  VastusVisit *copy = vastus_visit_copy (draft);
  guint index = 0;

  if (!g_date_valid (&copy->date))
    vastus_date_today (&copy->date);
  for (guint i = 0; i < self->other_visits->len; i++)
    vastus_history_add_visit (history, vastus_visit_copy (g_ptr_array_index (self->other_visits, i)));
  vastus_history_add_visit (history, copy);
  for (guint i = 0; i < history->visits->len; i++)
    if (g_ptr_array_index (history->visits, i) == copy)
      index = i;

  /* Before the tests: a visit too early for maximal tests is flagged by its date alone. */
  flags = vastus_safety_check_rules (history, index, &self->rules, TRUE);
  for (guint i = 0; i < flags->len; i++)
    {
      const VastusSafetyFlag *flag = g_ptr_array_index (flags, i);

      g_string_append_printf (text, "\n• %s", flag->reason);
    }
  g_clear_pointer (&self->safety_text, g_free);
  if (text->len > 0)
    self->safety_text = g_strdup_printf ("%s%s", _("Before maximal strength or hop testing:"), text->str);

  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    if (self->safety_boxes[c] != NULL)
      {
        gtk_label_set_text (self->safety_labels[c], self->safety_text ? self->safety_text : "");
        gtk_widget_set_visible (self->safety_boxes[c], self->safety_text != NULL);
      }
}

static void
update_subtitles (VastusVisitEditor *self)
{
  guint entered[VASTUS_N_CATEGORIES] = { 0 };
  guint total[VASTUS_N_CATEGORIES] = { 0 };

  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      VastusCategory c = vastus_measure_row_get_measure (row)->category;

      total[c]++;
      if (vastus_measure_row_has_values (row))
        entered[c]++;
    }
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    if (self->expanders[c] != NULL)
      {
        /* Translators: "3 of 11 measures entered" */
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u of %u measure entered",
                                                              "%u of %u measures entered", total[c]),
                                                 entered[c], total[c]);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->expanders[c]), text);
      }
}

static void
refresh_safety (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) draft = build_visit (self, problems);

  update_safety (self, draft);
}

/* Checks what is typed so far and shows problems and safety flags. */
static void
revalidate (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  GDate today;

  if (self->disposing || self->loading)
    return;
  visit = build_visit (self, problems);
  vastus_date_today (&today);
  checked = vastus_visit_check (visit, self->patient, self->episode, self->previous, &today);
  for (guint i = 0; i < checked->len; i++)
    g_ptr_array_add (problems, g_steal_pointer (&g_ptr_array_index (checked, i)));
  g_ptr_array_set_free_func (checked, NULL);
  show_problems (self, problems, NULL, NULL);
  update_safety (self, visit);
}

/* The value inputs in Enter order: header fields, then every measure's inputs. */
static GPtrArray *
input_chain (VastusVisitEditor *self)
{
  GPtrArray *chain = g_ptr_array_new ();

  g_ptr_array_add (chain, self->date_row);
  g_ptr_array_add (chain, self->clinician_row);
  g_ptr_array_add (chain, self->body_mass_row);
  g_ptr_array_add (chain, self->height_row);
  g_ptr_array_add (chain, self->notes_row);
  for (guint i = 0; i < self->rows->len; i++)
    vastus_measure_row_get_inputs (g_ptr_array_index (self->rows, i), chain);
  return chain;
}

static gboolean
focus_step (VastusVisitEditor *self,
            GtkWidget         *from,
            gboolean           forward)
{
  g_autoptr(GPtrArray) chain = input_chain (self);
  guint index;

  if (!g_ptr_array_find (chain, from, &index))
    return FALSE;
  if (forward && index + 1 < chain->len)
    {
      GtkWidget *next = g_ptr_array_index (chain, index + 1);

      expand_for (next);
      return gtk_widget_grab_focus (next);
    }
  if (forward)
    /* The last value: nothing is lost, Save is next. */
    return gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  if (index > 0)
    {
      GtkWidget *previous = g_ptr_array_index (chain, index - 1);

      expand_for (previous);
      return gtk_widget_grab_focus (previous);
    }
  return FALSE;
}

static void
focus_next (VastusVisitEditor *self,
            GtkWidget         *from)
{
  focus_step (self, from, TRUE);
}

static void
focus_problem (VastusVisitEditor *self,
               GtkWidget         *widget)
{
  if (widget == NULL)
    return;
  expand_for (widget);
  gtk_widget_grab_focus (widget);
}

/* "edited by NAME on DATE, was VALUE" lines for a stored measurement. */
static char *
history_text (VastusVisitEditor       *self,
              const VastusMeasurement *m)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (measure == NULL || m->id == 0)
    return NULL;
  entries = vastus_database_list_audit (self->db, "measurement", m->id, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const VastusAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonParser) parser = NULL;
      g_autofree char *was = NULL;
      g_autofree char *when = NULL;
      g_autofree char *what = NULL;
      JsonObject *old;

      if (g_strcmp0 (entry->operation, "update") != 0 || entry->old_json == NULL)
        continue;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, entry->old_json, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      old = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (old, "value") && !json_object_get_null_member (old, "value"))
        was = vastus_measure_format_value (measure, json_object_get_double_member (old, "value"),
                                           json_object_has_member (old, "unit") &&
                                           !json_object_get_null_member (old, "unit")
                                           ? json_object_get_string_member (old, "unit") : NULL);
      else
        was = g_strdup ("—");
      /* "2026-11-21T14:03:07.123Z" → "2026-11-21 14:03 UTC" */
      when = entry->at != NULL && strlen (entry->at) >= 16
        ? g_strdup_printf ("%.10s %.5s UTC", entry->at, entry->at + 11) : g_strdup (entry->at);
      if (measure->two_sided)
        what = g_strdup_printf (m->trial > 1 ? _("%s, trial %d") : "%s",
                                vastus_side_label (m->side), m->trial);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (what != NULL)
        g_string_append_printf (text, "%s: ", what);
      /* Translators: audit history of a value, e.g. "edited by anna on 2026-11-21 14:03 UTC, was 310 N" */
      g_string_append_printf (text, _("edited by %s on %s, was %s"),
                              entry->actor ? entry->actor : _("unknown"), when, was);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

static void
load_history (VastusVisitEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; self->original != NULL && j < self->original->measurements->len; j++)
        {
          const VastusMeasurement *m = g_ptr_array_index (self->original->measurements, j);
          g_autofree char *line = NULL;

          if (g_strcmp0 (m->measure, vastus_measure_row_get_measure (row)->code) != 0 ||
              (line = history_text (self, m)) == NULL)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, line);
        }
      vastus_measure_row_set_history (row, text->len > 0 ? text->str : NULL);
    }
}

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
    vastus_visit_add_measurement (scores, vastus_measurement_copy (g_ptr_array_index (measurements, i)));
  for (guint k = 0; instrument != NULL && k < instrument->scales->len; k++)
    {
      const VastusScale *scale = g_ptr_array_index (instrument->scales, k);
      GtkWidget *row = g_hash_table_lookup (self->rows_by_code, scale->measure);

      if (row == NULL)
        continue;
      vastus_measure_row_load (VASTUS_MEASURE_ROW (row), scores);
      gtk_widget_set_sensitive (row, !answered);
      gtk_widget_set_tooltip_text (row, answered ? _("Computed from the questionnaire’s answers: "
                                                     "change them with Questionnaire…") : NULL);
      if (answered)
        expand_for (row);
    }
}

/* Storage: the visit's stored questionnaires (the editor's only questionnaire read). */
static void
load_responses (VastusVisitEditor *self,
                gint64             visit_id)
{
  g_autoptr(GPtrArray) stored = vastus_database_list_visit_responses (self->db, visit_id, NULL);

  g_ptr_array_set_size (self->responses, 0);
  g_hash_table_remove_all (self->changed_instruments);
  if (stored != NULL)
    g_ptr_array_extend_and_steal (self->responses, g_steal_pointer (&stored));
  for (guint i = 0; i < self->responses->len; i++)
    show_response_scores (self, g_ptr_array_index (self->responses, i));
}

static void
questionnaire_applied_cb (VastusVisitEditor *self,
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
      set_modified (self, TRUE);
    }
  revalidate (self);
}

static void
questionnaire_action_cb (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);
  GtkWidget *window = vastus_questionnaire_window_new (self->db, self->responses, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "applied", G_CALLBACK (questionnaire_applied_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
load_visit (VastusVisitEditor *self,
            const VastusVisit *visit)
{
  char date[VASTUS_DATE_BUF_SIZE];

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                         g_date_valid (&visit->date) ? vastus_date_format (&visit->date, date) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->clinician_row), visit->clinician ? visit->clinician : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), visit->notes ? visit->notes : "");
  gtk_editable_set_text (GTK_EDITABLE (self->body_mass_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->height_row), "");
  if (!isnan (visit->body_mass_kg))
    {
      char buf[VASTUS_NUMBER_BUF_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->body_mass_row), vastus_number_format (visit->body_mass_kg, buf));
    }
  if (!isnan (visit->height_cm))
    {
      char buf[VASTUS_NUMBER_BUF_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->height_row), vastus_number_format (visit->height_cm, buf));
    }
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    gtk_check_button_set_active (finding_check (self, all_findings[i]),
                                 (visit->findings & all_findings[i]) != 0);
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
        expand_for (GTK_WIDGET (row));
    }
  if (visit->id != 0)
    load_responses (self, visit->id);
  self->loading = FALSE;
  update_subtitles (self);
  load_history (self);
}

static const VastusMeasurement *
find_original (VastusVisitEditor *self,
               gint64             id)
{
  for (guint i = 0; self->original != NULL && i < self->original->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (self->original->measurements, i);

      if (m->id == id)
        return m;
    }
  return NULL;
}

static gboolean
same_number (double a,
             double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

/* Stores an edited visit: header, changed, new and cleared measurements, inside the caller's
 * transaction. */
static gboolean
store_changes (VastusVisitEditor *self,
               VastusVisit       *visit,
               GError           **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!vastus_database_update_visit (self->db, visit, error))
    return FALSE;
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (m->id != 0 && find_original (self, m->id) != NULL)
        g_hash_table_add (kept, &m->id);
    }
  /* Cleared values go first: a trial entered again takes their place (one per trial). */
  for (guint i = 0; i < self->original->measurements->len; i++)
    {
      VastusMeasurement *old = g_ptr_array_index (self->original->measurements, i);

      if (!g_hash_table_contains (kept, &old->id) &&
          !vastus_database_delete_measurement (self->db, old->id, error))
        return FALSE;
    }
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      const VastusMeasurement *old = m->id != 0 ? find_original (self, m->id) : NULL;

      if (old == NULL)
        {
          m->id = 0;
          if (!vastus_database_insert_measurement (self->db, visit->id, m, error))
            return FALSE;
          continue;
        }
      m->visit_id = visit->id;
      m->baseline = old->baseline;
      if (m->value == old->value && g_strcmp0 (m->unit, old->unit) == 0 &&
          same_number (m->knee_angle_deg, old->knee_angle_deg) &&
          same_number (m->velocity_deg_s, old->velocity_deg_s) &&
          same_number (m->lever_arm_m, old->lever_arm_m) &&
          g_strcmp0 (m->fixation, old->fixation) == 0)
        continue;
      if (!vastus_database_update_measurement (self->db, m, error))
        return FALSE;
    }
  return TRUE;
}

/* The questionnaires answered anew, with their scores, inside the caller's transaction. */
static gboolean
store_responses (VastusVisitEditor *self,
                 gint64             visit_id,
                 GError           **error)
{
  for (guint i = 0; i < self->responses->len; i++)
    {
      VastusResponse *r = g_ptr_array_index (self->responses, i);

      if (g_hash_table_contains (self->changed_instruments, r->instrument) &&
          !vastus_database_save_response (self->db, visit_id, r, VASTUS_RESPONSE_REPLACE, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* A patient has one visit a day: the date field says so, as it says any other problem. */
static void
show_visit_exists (VastusVisitEditor *self,
                   const GDate       *date)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  char buf[VASTUS_DATE_BUF_SIZE];
  g_autofree char *message =
    /* Translators: %s is a date */
    g_strdup_printf (_("There is a visit on %s already: a patient has one visit a day. Open that "
                       "visit to add to it, or choose another date."),
                     vastus_date_format (date, buf));

  add_problem (problems, "visit_date", -1, message);
  gtk_widget_grab_focus (show_problems (self, problems, NULL, NULL));
}

/* The save failed for a reason the fields show (validation, one visit a day): no toast. */
static gboolean
shown_on_fields (const GError *error)
{
  return error->domain == VASTUS_VALIDATION_ERROR || error->domain == VASTUS_PARSE_ERROR ||
         g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
}

/* Callbacks */

static void
field_changed_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  if (gtk_check_button_get_active (self->visit_confirm_check))
    gtk_check_button_set_active (self->visit_confirm_check, FALSE);
  set_modified (self, TRUE);
}

static void
row_changed_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  set_modified (self, TRUE);
  update_subtitles (self);
}

static void
committed_cb (VastusVisitEditor *self)
{
  revalidate (self);
}

static void
input_activated_cb (VastusVisitEditor *self,
                    GtkWidget         *input)
{
  focus_next (self, input);
}

static gboolean
input_tab_cb (VastusVisitEditor *self,
              GtkWidget         *input,
              gboolean           forward)
{
  return focus_step (self, input, forward);
}

static void
header_activated_cb (AdwEntryRow       *row,
                     VastusVisitEditor *self)
{
  revalidate (self);
  focus_next (self, GTK_WIDGET (row));
}

static void
baseline_toggled_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  self->baseline_dirty = TRUE;
  set_modified (self, TRUE);
}

static void
finding_toggled_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  set_modified (self, TRUE);
  revalidate (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (vastus_visit_editor_save (self, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Visit saved")));
      return;
    }
  if (shown_on_fields (error))
    /* The problems are on the fields and in the status line. */
    return;
  {
    /* Translators: %s is a technical reason from the database */
    g_autofree char *title = g_strdup_printf (_("The visit could not be saved: %s"), error->message);
    AdwToast *toast = adw_toast_new (title);

    adw_toast_set_timeout (toast, 0);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  vastus_visit_editor_close (VASTUS_VISIT_EDITOR (widget));
}

static void
close_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   VastusVisitEditor *self)
{
  if (g_str_equal (response, "save"))
    {
      g_autoptr(GError) error = NULL;

      if (!vastus_visit_editor_save (self, &error) && !shown_on_fields (error))
        {
          g_autofree char *title = g_strdup_printf (_("The visit could not be saved: %s"), error->message);
          AdwToast *toast = adw_toast_new (title);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      vastus_visit_draft_discard (self->draft);
      set_modified (self, FALSE);
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  g_object_unref (self);
}

static void
draft_discard_clicked_cb (VastusVisitEditor *self)
{
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  vastus_visit_draft_discard (self->draft);
  reset_form (self);
}

/* Overrides */

static void
vastus_visit_editor_dispose (GObject *object)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  self->disposing = TRUE;
  /* A draft not saved yet is lost like the last second of typing in a crash. */
  g_clear_pointer (&self->draft, vastus_visit_draft_free);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_VISIT_EDITOR);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (vastus_visit_editor_parent_class)->dispose (object);
}

static void
vastus_visit_editor_finalize (GObject *object)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episode, vastus_episode_free);
  g_clear_pointer (&self->previous, vastus_visit_free);
  g_clear_pointer (&self->original, vastus_visit_free);
  g_clear_pointer (&self->other_visits, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_code, g_hash_table_unref);
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_clear_pointer (&self->changed_instruments, g_hash_table_unref);
  g_clear_pointer (&self->safety_text, g_free);
  g_clear_pointer (&self->problem_text, g_free);
  G_OBJECT_CLASS (vastus_visit_editor_parent_class)->finalize (object);
}

static void
vastus_visit_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_visit_editor_class_init (VastusVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_visit_editor_dispose;
  object_class->finalize = vastus_visit_editor_finalize;
  object_class->get_property = vastus_visit_editor_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-visit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, baseline_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, body_mass_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, clinician_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_discard_button);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, dvt_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, findings_group);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, height_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, infection_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, nerve_block_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, no_slr_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, page_box);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_confirm_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, draft_discard_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.questionnaire", NULL, questionnaire_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
vastus_visit_editor_init (VastusVisitEditor *self)
{
  AdwEntryRow *header[5];
  GtkEventController *focus;

  self->rules = (VastusClinicRules) VASTUS_CLINIC_RULES_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  self->changed_instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->other_visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);

  header[0] = self->date_row, header[1] = self->clinician_row, header[2] = self->body_mass_row;
  header[3] = self->height_row, header[4] = self->notes_row;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      g_signal_connect_swapped (header[i], "changed", G_CALLBACK (field_changed_cb), self);
      g_signal_connect (header[i], "entry-activated", G_CALLBACK (header_activated_cb), self);
      /* Screen readers read the field, not the row: label the text itself. */
      {
        g_autofree char *label = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (header[i])));
        GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (header[i]));
        char *mnemonic = strchr (label, '_');

        if (mnemonic != NULL)
          memmove (mnemonic, mnemonic + 1, strlen (mnemonic));
        if (text != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      focus = gtk_event_controller_focus_new ();
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (committed_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (header[i]), focus);
    }
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    {
      GtkWidget *check = GTK_WIDGET (finding_check (self, all_findings[i]));
      GtkWidget *row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (finding_toggled_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
    }
  g_signal_connect_swapped (self->visit_confirm_check, "toggled", G_CALLBACK (committed_cb), self);
  g_signal_connect_swapped (self->baseline_check, "toggled", G_CALLBACK (baseline_toggled_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->baseline_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Baseline: pre-injury or pre-operative reference values"), -1);
}

static GtkWidget *
create_safety_box (VastusVisitEditor *self,
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

static void
build_sections (VastusVisitEditor *self)
{
  gboolean had_values[VASTUS_N_CATEGORIES] = { FALSE };
  GtkWidget *hint = gtk_label_new (_("Tab or Enter moves to the next value; Ctrl+Tab also visits "
                                     "units, trials and test conditions."));

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (self->page_box, hint);

  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *expander = adw_expander_row_new ();

      if (c == VASTUS_CATEGORY_STRENGTH || c == VASTUS_CATEGORY_FUNCTION)
        gtk_box_append (self->page_box, create_safety_box (self, c));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), vastus_category_label (c));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
      gtk_box_append (self->page_box, group);
      self->expanders[c] = expander;
    }

  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (i);
      GtkWidget *row = vastus_measure_row_new (measure, self->episode->involved_side, self->previous);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->expanders[measure->category]), row);
      g_ptr_array_add (self->rows, row);
      g_hash_table_insert (self->rows_by_code, (gpointer) measure->code, row);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (row_changed_cb), self);
      g_signal_connect_swapped (row, "committed", G_CALLBACK (committed_cb), self);
      g_signal_connect_swapped (row, "input-activated", G_CALLBACK (input_activated_cb), self);
      g_signal_connect_swapped (row, "input-tab", G_CALLBACK (input_tab_cb), self);
      if (self->previous != NULL && !isnan (vastus_visit_combined (self->previous, measure->code,
                                                                   measure->two_sided ? VASTUS_SIDE_LEFT
                                                                                      : VASTUS_SIDE_NONE,
                                                                   VASTUS_TRIALS_ALL)))
        had_values[measure->category] = TRUE;
    }

  /* Open the sections measured last time (the clinic's usual battery), else strength. */
  had_values[VASTUS_CATEGORY_STRENGTH] |= self->previous == NULL;
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->expanders[c]), had_values[c]);
  update_subtitles (self);
}

/* The form as it opens: a row per measure, then the stored visit, or today for a new one. */
static void
fill_form (VastusVisitEditor *self)
{
  GDate today;
  char date[VASTUS_DATE_BUF_SIZE];

  self->loading = TRUE;
  build_sections (self);
  vastus_date_today (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), vastus_date_format (&today, date));
  self->loading = FALSE;
  if (self->original != NULL)
    load_visit (self, self->original);
  refresh_safety (self);
}

/* Back to the form as it opened, for the notice's Discard: the rows are built anew, since a row
 * cannot drop a trial. */
static void
reset_form (VastusVisitEditor *self)
{
  AdwEntryRow *header[] = { self->clinician_row, self->body_mass_row, self->height_row, self->notes_row };
  GtkWidget *child;

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    gtk_editable_set_text (GTK_EDITABLE (header[i]), "");
  gtk_check_button_set_active (self->baseline_check, FALSE);
  gtk_check_button_set_active (self->visit_confirm_check, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    gtk_check_button_set_active (finding_check (self, all_findings[i]), FALSE);
  self->baseline_dirty = FALSE;
  while ((child = gtk_widget_get_next_sibling (self->findings_group)) != NULL)
    gtk_box_remove (self->page_box, child);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->rows_by_code);
  memset (self->expanders, 0, sizeof self->expanders);
  memset (self->safety_boxes, 0, sizeof self->safety_boxes);
  memset (self->safety_labels, 0, sizeof self->safety_labels);
  self->loading = FALSE;
  clear_problems (self);
  gtk_label_set_text (self->status_label, "");
  fill_form (self);
  set_modified (self, FALSE);
}

/* What was typed and not saved (the program crashed or was killed) comes back, and says so. */
static void
restore_draft (VastusVisitEditor *self)
{
  g_autoptr(GDateTime) saved_at = NULL;
  g_autofree char *notice = NULL;

  if (!vastus_visit_draft_restore (self->draft, &saved_at))
    return;
  /* Not saved yet, but the draft holds it already. */
  set_modified (self, TRUE);
  vastus_visit_draft_cancel (self->draft);
  for (guint i = 0; i < self->rows->len; i++)
    if (vastus_measure_row_has_values (g_ptr_array_index (self->rows, i)))
      expand_for (g_ptr_array_index (self->rows, i));
  revalidate (self);
  notice = vastus_visit_draft_notice (saved_at);
  gtk_label_set_text (self->draft_label, notice);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
}

static VastusVisitEditor *
editor_new (VastusDatabase      *db,
            const VastusPatient *patient,
            const VastusEpisode *episode)
{
  VastusVisitEditor *self = g_object_new (VASTUS_TYPE_VISIT_EDITOR, NULL);
  g_autoptr(GPtrArray) visits = NULL;

  self->db = g_object_ref (db);
  self->draft = vastus_visit_draft_new (self, db, episode->id);
  self->patient = vastus_patient_copy (patient);
  self->episode = vastus_episode_copy (episode);
  if (episode->id != 0)
    visits = vastus_database_list_visits (db, episode->id, NULL);
  for (guint i = 0; visits != NULL && i < visits->len; i++)
    g_ptr_array_add (self->other_visits, vastus_visit_copy (g_ptr_array_index (visits, i)));
  return self;
}

/* Public API */

GtkWidget *
vastus_visit_editor_new (VastusDatabase      *db,
                         const VastusPatient *patient,
                         const VastusEpisode *episode,
                         const VastusVisit   *previous_or_null)
{
  VastusVisitEditor *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (patient != NULL, NULL);
  g_return_val_if_fail (episode != NULL, NULL);

  self = editor_new (db, patient, episode);
  self->previous = previous_or_null ? vastus_visit_copy (previous_or_null) : NULL;
  fill_form (self);
  restore_draft (self);
  return GTK_WIDGET (self);
}

GtkWidget *
vastus_visit_editor_new_for_visit (VastusDatabase      *db,
                                   const VastusPatient *patient,
                                   const VastusEpisode *episode,
                                   const VastusVisit   *visit)
{
  VastusVisitEditor *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (patient != NULL, NULL);
  g_return_val_if_fail (episode != NULL, NULL);
  g_return_val_if_fail (visit != NULL && visit->id != 0, NULL);

  self = editor_new (db, patient, episode);
  self->original = vastus_visit_copy (visit);
  /* The episode's visit before this one, and the others without this one. */
  for (guint i = self->other_visits->len; i > 0; i--)
    {
      const VastusVisit *other = g_ptr_array_index (self->other_visits, i - 1);

      if (other->id == visit->id)
        g_ptr_array_remove_index (self->other_visits, i - 1);
    }
  for (guint i = 0; i < self->other_visits->len; i++)
    {
      const VastusVisit *other = g_ptr_array_index (self->other_visits, i);

      if (g_date_valid (&other->date) && g_date_valid (&visit->date) &&
          g_date_compare (&other->date, &visit->date) <= 0)
        {
          g_clear_pointer (&self->previous, vastus_visit_free);
          self->previous = vastus_visit_copy (other);
        }
    }
  fill_form (self);
  restore_draft (self);
  return GTK_WIDGET (self);
}

gboolean
vastus_visit_editor_save (VastusVisitEditor  *self,
                          GError            **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkWidget *first;
  guint hard, unconfirmed;
  GDate today;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  visit = build_visit (self, problems);
  vastus_date_today (&today);
  checked = vastus_visit_check (visit, self->patient, self->episode, self->previous, &today);
  for (guint i = 0; i < checked->len; i++)
    g_ptr_array_add (problems, g_steal_pointer (&g_ptr_array_index (checked, i)));
  g_ptr_array_set_free_func (checked, NULL);
  first = show_problems (self, problems, &hard, &unconfirmed);
  update_safety (self, visit);

  if (hard > 0 || unconfirmed > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, i);

          if (p->soft == (hard == 0))
            {
              if (p->code < 0)
                g_set_error_literal (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER, p->message);
              else
                g_set_error_literal (error, VASTUS_VALIDATION_ERROR, p->code, p->message);
              break;
            }
        }
      focus_problem (self, first);
      return FALSE;
    }

  /* The visit and the end of its draft in one transaction: after a crash there is either the
   * stored visit or the draft, never both (a new visit's draft left beside the saved visit would
   * be offered again, and could be saved twice). */
  if (!vastus_database_begin (self->db, error))
    return FALSE;
  if (!(self->original == NULL ? vastus_database_insert_visit (self->db, visit, &local_error)
                               : store_changes (self, visit, &local_error)) ||
      !store_responses (self, visit->id, &local_error))
    {
      vastus_database_rollback (self->db);
      if (g_error_matches (local_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS))
        show_visit_exists (self, &visit->date);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vastus_visit_draft_discard (self->draft);
  if (!vastus_database_commit (self->db, error))
    return FALSE;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);

  /* From now on this is a stored visit: a second save updates it. */
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = vastus_database_get_visit (self->db, visit->id, NULL);
  if (self->original == NULL)
    self->original = vastus_visit_copy (visit);
  load_visit (self, self->original);
  set_modified (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
  return TRUE;
}

void
vastus_visit_editor_close (VastusVisitEditor *self)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));

  if (!self->modified)
    {
      vastus_visit_draft_discard (self->draft);
      g_signal_emit (self, signals[CANCELLED], 0);
      return;
    }
  /* The question may stay open for long, or the program be killed meanwhile. */
  vastus_visit_draft_flush (self->draft);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Save the visit?"),
                                                       _("The values entered have not been saved.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
vastus_visit_editor_get_modified (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return self->modified;
}

gint64
vastus_visit_editor_get_visit_id (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), 0);
  return self->original != NULL ? self->original->id : 0;
}

VastusMeasureRow *
vastus_visit_editor_get_measure_row (VastusVisitEditor *self,
                                     const char        *code)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return code != NULL ? g_hash_table_lookup (self->rows_by_code, code) : NULL;
}

GtkWidget *
vastus_visit_editor_get_field (VastusVisitEditor *self,
                               const char        *name)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  if (g_strcmp0 (name, "date") == 0)
    return GTK_WIDGET (self->date_row);
  if (g_strcmp0 (name, "clinician") == 0)
    return GTK_WIDGET (self->clinician_row);
  if (g_strcmp0 (name, "body-mass") == 0)
    return GTK_WIDGET (self->body_mass_row);
  if (g_strcmp0 (name, "height") == 0)
    return GTK_WIDGET (self->height_row);
  if (g_strcmp0 (name, "notes") == 0)
    return GTK_WIDGET (self->notes_row);
  if (g_strcmp0 (name, "confirm") == 0)
    return GTK_WIDGET (self->visit_confirm_check);
  if (g_strcmp0 (name, "baseline") == 0)
    return GTK_WIDGET (self->baseline_check);
  if (g_strcmp0 (name, "save") == 0)
    return GTK_WIDGET (self->save_button);
  if (g_strcmp0 (name, "draft-discard") == 0)
    return GTK_WIDGET (self->draft_discard_button);
  return NULL;
}

GtkWidget *
vastus_visit_editor_get_finding (VastusVisitEditor *self,
                                 VastusFinding      finding)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return GTK_WIDGET (finding_check (self, finding));
}

const char *
vastus_visit_editor_get_safety_text (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->safety_text;
}

const char *
vastus_visit_editor_get_problem_text (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->problem_text;
}

const char *
vastus_visit_editor_get_draft_notice (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->draft_revealer))
    return NULL;
  return gtk_label_get_text (self->draft_label);
}

void
vastus_visit_editor_set_pain_limit (VastusVisitEditor *self,
                                    double             pain_limit)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  self->rules.pain_limit = pain_limit;
  refresh_safety (self);
}

void
vastus_visit_editor_set_clinic_rules (VastusVisitEditor       *self,
                                      const VastusClinicRules *rules)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  g_return_if_fail (rules != NULL);
  self->rules = *rules;
  refresh_safety (self);
}
