/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-history.h"
#include "vastus-model-error.h"
#include "vastus-safety.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-questionnaire-window.h"
#include "vastus-visit-draft.h"
#include "vastus-visit-editor-private.h"
#include "vastus-tooltip.h"

G_DEFINE_FINAL_TYPE (VastusVisitEditor, vastus_visit_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SAVED,
  CANCELLED,
  STAYED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void reset_form (VastusVisitEditor *self);
static void ensure_section (VastusVisitEditor *self,
                            VastusCategory     category);
static VastusMeasureRow *ensure_measure (VastusVisitEditor   *self,
                                         const VastusMeasure *measure);

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

/* A number in a header field: NAN when empty; a problem when not a number. */
static double
header_number (AdwEntryRow *row,
               const char  *field,
               const char  *what,
               GPtrArray   *problems)
{
  g_autofree char *text = stripped_text (row);
  g_autoptr(GError) error = NULL;
  double value;

  if (*text == '\0')
    return NAN;
  if (!vastus_display_parse_number (text, &value, &error))
    {
      g_autofree char *message =
        g_error_matches (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_AMBIGUOUS)
          /* Translators: a field's name, then why its text is read two ways: "Body mass: “1.234”
           * could mean 1,234 or 1234: type the one you mean." */
          ? g_strdup_printf (_("%s: %s."), what, error->message)
          /* Translators: "Body mass: “7o” is not a number." */
          : g_strdup_printf (_("%s: “%s” is not a number."), what, text);

      vastus_problem_add (problems, field, FALSE, -1, message);
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
  g_autoptr(GError) date_error = NULL;

  if (self->original != NULL)
    visit->id = self->original->id;
  visit->episode_id = self->episode->id;
  visit->template_id = self->battery != NULL ? self->battery->id : 0;
  g_date_clear (&visit->date, 1);
  if (*date != '\0' && !vastus_display_parse_date (date, &visit->date, &date_error))
    {
      g_autofree char *message =
        /* Translators: %s says why the typed date is not one, e.g. "“31.02.2026” is not a date
         * (write it as 31.12.2026 or 2026-12-31)" */
        g_strdup_printf (_("Visit date: %s."), date_error->message);

      g_date_clear (&visit->date, 1);
      vastus_problem_add (problems, "visit_date", FALSE, -1, message);
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

static GPtrArray *input_chain (VastusVisitEditor *self);
static gboolean   chain_find  (GPtrArray *chain, GtkWidget *widget, guint *index);

/* The position of @widget in the form's order (@chain): its own, or that of the first value inside
 * it (a measure's row); G_MAXUINT when it has none. */
static guint
chain_position (GPtrArray *chain,
                GtkWidget *widget)
{
  guint index;

  if (chain_find (chain, widget, &index))
    return index;
  for (guint i = 0; i < chain->len; i++)
    if (gtk_widget_is_ancestor (g_ptr_array_index (chain, i), widget))
      return i;
  return G_MAXUINT;
}

/* The field that takes the keyboard for @problem: the value's input, else its measure's row,
 * else the visit's field (its date for the visit as a whole). */
static GtkWidget *
problem_widget (const VastusProblem *problem,
                GtkWidget           *header,
                VastusMeasureRow    *row,
                GtkWidget           *date_row)
{
  GtkWidget *widget = NULL;

  if (row == NULL)
    return header != NULL ? header : date_row;
  {
    g_auto(GStrv) parts = g_strsplit (problem->field, "/", 3);
    VastusSide side;

    if (g_strv_length (parts) == 3 && vastus_side_from_string (parts[1], &side))
      widget = vastus_measure_row_get_input (row, side, atoi (parts[2]));
  }
  return widget != NULL ? widget : GTK_WIDGET (row);
}

/* Shows @problems on their fields. Returns the field of the first error in the form's order, else
 * of the first unconfirmed warning (NULL when nothing blocks saving), and counts hard problems and
 * unconfirmed warnings. */
static GtkWidget *
show_problems (VastusVisitEditor *self,
               GPtrArray         *problems,
               guint             *out_hard,
               guint             *out_unconfirmed)
{
  g_autoptr(GString) header_text = g_string_new (NULL);
  g_autoptr(GPtrArray) chain = NULL;
  gboolean header_soft = FALSE, header_hard = FALSE, first_soft = FALSE;
  GtkWidget *first = NULL;
  guint hard = 0, unconfirmed = 0, first_at = G_MAXUINT;

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
      if (blocks)
        {
          GtkWidget *widget = problem_widget (p, header, row, GTK_WIDGET (self->date_row));
          guint at;

          if (chain == NULL)
            chain = input_chain (self);
          at = chain_position (chain, widget);
          /* Errors before warnings, each in the form's order (a tie: the order checked). */
          if (first == NULL || (first_soft && !p->soft) || (first_soft == p->soft && at < first_at))
            first = widget, first_at = at, first_soft = p->soft;
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
      g_autofree char *a = g_strdup_printf (ngettext ("%u value to correct",
                                                         "%u values to correct", hard), hard);
      g_autofree char *b = g_strdup_printf (ngettext ("%u warning to confirm",
                                                         "%u warnings to confirm", unconfirmed), unconfirmed);
      g_autofree char *text = g_strdup_printf ("%s · %s", a, b);

      gtk_label_set_text (self->status_label, text);
    }
  else if (hard > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u value to correct",
                                                            "%u values to correct", hard), hard);
      gtk_label_set_text (self->status_label, text);
    }
  else if (unconfirmed > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u warning to confirm",
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

  /* Pain 15 of 10 is an error of its own, not a reason to stop testing too. */
  vastus_visit_drop_impossible (copy);
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

  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    total[vastus_catalog_get_nth (i)->category]++;
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);

      if (vastus_measure_row_has_values (row))
        entered[vastus_measure_row_get_measure (row)->category]++;
    }
  for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
    if (self->expanders[c] != NULL)
      {
        /* Translators: "3 of 11 measures entered" */
        g_autofree char *text = g_strdup_printf (ngettext (
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

/* The patient has a visit on @date already (one visit a day): said on the date field. */
static void
add_visit_exists_problem (GPtrArray   *problems,
                          const GDate *date)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autofree char *message =
    /* Translators: %s is a date */
    g_strdup_printf (_("There is a visit on %s already: a patient has one visit a day. Open that "
                       "visit to add to it, or choose another date."),
                     vastus_display_date (date, buf));

  vastus_problem_add (problems, "visit_date", FALSE, -1, message);
}

/* The clinic refused the visit's date: the problem stays on the date field, also when the form
 * is checked again, until another date is typed. */
static void
show_visit_exists (VastusVisitEditor *self,
                   const GDate       *date)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

  self->taken_date = *date;
  add_visit_exists_problem (problems, date);
  gtk_widget_grab_focus (show_problems (self, problems, NULL, NULL));
}

/* Whether the patient has a visit on @date already, as far as the editor knows: the episode's
 * other visits, and a date the clinic refused (the clinic refuses any other when saving). */
static gboolean
date_taken (VastusVisitEditor *self,
            const GDate       *date)
{
  if (!g_date_valid (date))
    return FALSE;
  if (g_date_valid (&self->taken_date) && g_date_compare (&self->taken_date, date) == 0)
    return TRUE;
  for (guint i = 0; i < self->other_visits->len; i++)
    {
      const VastusVisit *other = g_ptr_array_index (self->other_visits, i);

      if (g_date_valid (&other->date) && g_date_compare (&other->date, date) == 0)
        return TRUE;
    }
  return FALSE;
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
  if (date_taken (self, &visit->date))
    add_visit_exists_problem (problems, &visit->date);
  show_problems (self, problems, NULL, NULL);
  update_safety (self, visit);
}

/* The values in Tab and Enter order: the visit's fields and checks, then every measure's inputs
 * (left, right, trial by trial), section by section; a section not built yet stands as its
 * expander row. */
static GPtrArray *
input_chain (VastusVisitEditor *self)
{
  GPtrArray *chain = g_ptr_array_new ();

  g_ptr_array_add (chain, self->date_row);
  g_ptr_array_add (chain, self->clinician_row);
  g_ptr_array_add (chain, self->body_mass_row);
  g_ptr_array_add (chain, self->height_row);
  g_ptr_array_add (chain, self->notes_row);
  g_ptr_array_add (chain, self->baseline_check);
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    g_ptr_array_add (chain, finding_check (self, all_findings[i]));
  /* A battery: its measures in its order, then those added. */
  for (guint i = 0; self->battery != NULL && i < self->rows->len; i++)
    vastus_measure_row_get_inputs (g_ptr_array_index (self->rows, i), chain);
  for (guint c = 0; self->battery == NULL && c < VASTUS_N_CATEGORIES; c++)
    {
      if (!self->built[c])
        {
          g_ptr_array_add (chain, self->expanders[c]);
          continue;
        }
      for (guint i = 0; i < self->rows->len; i++)
        {
          VastusMeasureRow *row = g_ptr_array_index (self->rows, i);

          if (vastus_measure_row_get_measure (row)->category == c)
            vastus_measure_row_get_inputs (row, chain);
        }
    }
  return chain;
}

/* The position in @chain of @widget, or of the element @widget is inside (the text of an entry
 * row, the button of a drop-down). */
static gboolean
chain_find (GPtrArray *chain,
            GtkWidget *widget,
            guint     *index)
{
  for (guint i = 0; widget != NULL && i < chain->len; i++)
    {
      GtkWidget *element = g_ptr_array_index (chain, i);

      if (widget == element || gtk_widget_is_ancestor (widget, element))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
focus_step (VastusVisitEditor *self,
            GtkWidget         *from,
            gboolean           forward)
{
  g_autoptr(GPtrArray) chain = input_chain (self);
  GtkWidget *next = NULL;
  guint index;

  if (!chain_find (chain, from, &index))
    return FALSE;
  while (TRUE)
    {
      if (forward ? index + 1 >= chain->len : index == 0)
        /* The last value: nothing is lost, Save is next. */
        return forward && gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
      index = forward ? index + 1 : index - 1;
      next = g_ptr_array_index (chain, index);
      if (!ADW_IS_EXPANDER_ROW (next))
        break;
      /* A section not built yet: build it, and go on in it. */
      for (guint c = 0; c < VASTUS_N_CATEGORIES; c++)
        if (self->expanders[c] == next)
          ensure_section (self, c);
      g_ptr_array_unref (chain);
      chain = input_chain (self);
      if (!chain_find (chain, from, &index))
        return FALSE;
    }
  expand_for (next);
  return gtk_widget_grab_focus (next);
}

static void
focus_next (VastusVisitEditor *self,
            GtkWidget         *from)
{
  focus_step (self, from, TRUE);
}

/* Tab from a control of a measure that is not a value (the unit, before the values; Add a
 * trial, Value confirmed and the test conditions, after them): the value after it, or before. */
static gboolean
tab_from_row_control (VastusVisitEditor *self,
                      VastusMeasureRow  *row,
                      GtkWidget         *focus,
                      gboolean           forward)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GtkWidget *unit = vastus_measure_row_get_unit_dropdown (row);
  gboolean before_values = unit != NULL && (focus == unit || gtk_widget_is_ancestor (focus, unit));

  vastus_measure_row_get_inputs (row, inputs);
  if (inputs->len == 0)
    return FALSE;
  if (before_values == forward)
    return gtk_widget_grab_focus (g_ptr_array_index (inputs, forward ? 0 : inputs->len - 1));
  return focus_step (self, g_ptr_array_index (inputs, forward ? inputs->len - 1 : 0), forward);
}

/* Ctrl+Tab: every control of the editor in reading order, from the last round to the first
 * (GtkScrolledWindow's own Ctrl+Tab would leave the form half-way for the buttons below). */
static gboolean
focus_control (VastusVisitEditor *self,
               gboolean           forward)
{
  GtkDirectionType direction = forward ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD;

  if (gtk_widget_child_focus (GTK_WIDGET (self), direction))
    return TRUE;
  gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  return gtk_widget_child_focus (GTK_WIDGET (self), direction);
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
        ensure_measure (self, measure);
      row = g_hash_table_lookup (self->rows_by_code, scale->measure);
      if (row == NULL)
        continue;
      vastus_measure_row_load (VASTUS_MEASURE_ROW (row), scores);
      gtk_widget_set_sensitive (row, !answered);
      vastus_set_tooltip (row, answered ? _("Computed from the questionnaire’s answers: "
                                                     "change them with Questionnaire…") : NULL);
      if (answered)
        expand_for (row);
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
static void
load_responses (VastusVisitEditor *self,
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
  GtkWidget *window = vastus_questionnaire_window_new (self->clinic, self->responses, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (window),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }
  g_signal_connect_object (window, "applied", G_CALLBACK (questionnaire_applied_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* A patient has one visit a day: the date field says so, as it says any other problem. */
static void
load_visit (VastusVisitEditor *self,
            const VastusVisit *visit)
{
  char date[VASTUS_DISPLAY_DATE_SIZE];

  /* The sections with values are built to show them. */
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasure *measure = vastus_catalog_lookup (
        ((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure);

      if (measure != NULL)
        ensure_measure (self, measure);
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
  read_history (self);
}

/* The focused field in view. The viewport scrolls to a field as it takes the focus, which is too
 * early for a trial just added or a section just opening (they have no place yet): so every
 * frame, until the layout holds still, the field's measure (the field alone when the measure is
 * taller than the view) is scrolled into view. */
#define VIEW_MARGIN 12
#define VIEW_MAX_FRAMES 120

static gboolean
keep_in_view_tick_cb (GtkWidget     *scrolled,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  VastusVisitEditor *self = user_data;
  GtkRoot *root = gtk_widget_get_root (scrolled);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double height = gtk_widget_get_height (scrolled);
  graphene_rect_t area;
  GtkWidget *around;
  double top, bottom, shift = 0;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, scrolled) ||
      ++self->view_frames > VIEW_MAX_FRAMES)
    {
      self->view_tick = 0;
      return G_SOURCE_REMOVE;
    }
  around = gtk_widget_get_ancestor (focus, VASTUS_TYPE_MEASURE_ROW);
  if (around == NULL)
    around = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);
  if (around == NULL || !gtk_widget_compute_bounds (around, scrolled, &area) ||
      area.size.height > height - 2 * VIEW_MARGIN)
    around = focus;
  if (!gtk_widget_compute_bounds (around, scrolled, &area))
    return G_SOURCE_CONTINUE;
  top = area.origin.y - VIEW_MARGIN;
  bottom = area.origin.y + area.size.height + VIEW_MARGIN;
  if (top < 0)
    shift = top;
  else if (bottom > height)
    shift = MIN (bottom - height, top);
  if (fabs (shift) >= 1)
    {
      double before = gtk_adjustment_get_value (adjustment);

      gtk_adjustment_set_value (adjustment, before + shift);
      /* At an end of the page the view cannot move further: that is as far as it goes. */
      if (gtk_adjustment_get_value (adjustment) != before)
        self->view_still = 0;
      else
        shift = 0;
    }
  if (fabs (shift) < 1 && ++self->view_still >= 3)
    {
      self->view_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
focus_widget_cb (VastusVisitEditor *self)
{
  self->view_frames = self->view_still = 0;
  if (self->view_tick == 0)
    self->view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scrolled),
                                                    keep_in_view_tick_cb, self, NULL);
}

/* The first value of the first measure shown (NULL when none is built). */
static GtkWidget *
first_value (VastusVisitEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      VastusMeasureRow *row = g_ptr_array_index (self->rows, i);
      const VastusMeasure *measure = vastus_measure_row_get_measure (row);

      if (gtk_widget_get_visible (GTK_WIDGET (row)))
        return vastus_measure_row_get_input (row, measure->two_sided ? VASTUS_SIDE_LEFT
                                                                     : VASTUS_SIDE_NONE, 1);
    }
  return NULL;
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

/* The keyboard model the hint states: Tab and Shift+Tab from value to value (input_chain), Ctrl+Tab
 * and Ctrl+Shift+Tab through every control. Elsewhere (a section's header, the buttons) Tab is
 * GTK's. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VastusVisitEditor     *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean forward = keyval != GDK_KEY_ISO_Left_Tab && (state & GDK_SHIFT_MASK) == 0;
  GtkWidget *row;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & GDK_ALT_MASK) != 0 || focus == NULL)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) != 0)
    return focus_control (self, forward);
  if (focus_step (self, focus, forward))
    return TRUE;
  row = gtk_widget_get_ancestor (focus, VASTUS_TYPE_MEASURE_ROW);
  if (row != NULL)
    return tab_from_row_control (self, VASTUS_MEASURE_ROW (row), focus, forward);
  return FALSE;
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

  /* Problems are shown on the fields and in the status line; the result of storing in a toast. */
  vastus_visit_editor_save (self, NULL);
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
  /* Answered once: the next close asks anew. */
  g_signal_handlers_disconnect_by_func (dialog, close_response_cb, self);
  g_clear_weak_pointer (&self->question);
  if (g_str_equal (response, "save"))
    {
      self->save_to_close = TRUE;
      /* A value to correct: the editor stays, the problem shown. */
      if (!vastus_visit_editor_save (self, NULL))
        {
          self->save_to_close = FALSE;
          g_signal_emit (self, signals[STAYED], 0);
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      vastus_visit_draft_discard (self->draft);
      set_modified (self, FALSE);
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  else
    g_signal_emit (self, signals[STAYED], 0);
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
vastus_visit_editor_root (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->root (widget);
  g_set_weak_pointer (&self->watched_root, GTK_WIDGET (gtk_widget_get_root (widget)));
  if (GTK_IS_WINDOW (self->watched_root))
    g_signal_connect_object (self->watched_root, "notify::focus-widget",
                             G_CALLBACK (focus_widget_cb), self, G_CONNECT_SWAPPED);
}

static void
vastus_visit_editor_unroot (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  if (self->watched_root != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_root, focus_widget_cb, self);
  g_clear_weak_pointer (&self->watched_root);
  if (self->view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scrolled), self->view_tick);
  self->view_tick = 0;
  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->unroot (widget);
}

/* The visit's date and clinician are filled in as it opens: the keyboard starts on the first
 * value to type, the first measure's (Shift+Tab goes back to the visit's fields). */
static gboolean
focus_first_idle_cb (gpointer user_data)
{
  VastusVisitEditor *self = user_data;
  GtkWidget *first = first_value (self);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) visit = build_visit (self, problems);

  /* A second visit on a day with one is said before anything is typed, on the date. */
  if (self->original == NULL && date_taken (self, &visit->date))
    {
      revalidate (self);
      first = GTK_WIDGET (self->date_row);
    }

  if (first != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (first);
  return G_SOURCE_REMOVE;
}

static void
vastus_visit_editor_map (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->map (widget);
  /* Once the window has given the focus its first place. */
  if (!self->focused)
    {
      self->focused = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_first_idle_cb, g_object_ref (self),
                       g_object_unref);
    }
}

static void
vastus_visit_editor_dispose (GObject *object)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  /* What was typed and not written yet is written now (the draft reads the form first). */
  g_clear_pointer (&self->draft, vastus_visit_draft_free);
  g_clear_weak_pointer (&self->focus_before_saving);
  g_clear_weak_pointer (&self->question);
  self->disposing = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->reading_responses);
  g_clear_object (&self->reading_responses);
  _vastus_visit_editor_battery_dispose (self);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_VISIT_EDITOR);
  g_clear_object (&self->clinic);
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
  g_clear_pointer (&self->history_texts, g_hash_table_unref);
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_clear_pointer (&self->changed_instruments, g_hash_table_unref);
  g_clear_pointer (&self->battery, vastus_template_free);
  g_clear_pointer (&self->battery_choices, g_ptr_array_unref);
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
  widget_class->root = vastus_visit_editor_root;
  widget_class->unroot = vastus_visit_editor_unroot;
  widget_class->map = vastus_visit_editor_map;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-visit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, baseline_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, battery_row);
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
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_confirm_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, draft_discard_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.questionnaire", NULL,
                                   questionnaire_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
vastus_visit_editor_init (VastusVisitEditor *self)
{
  AdwEntryRow *header[5];
  GtkEventController *focus;

  self->rules = (VastusClinicRules) VASTUS_CLINIC_RULES_DEFAULT;
  g_date_clear (&self->taken_date, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  self->rows = g_ptr_array_new ();
  self->rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->other_visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  self->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  self->changed_instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->battery_choices = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_template_free);

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
  g_signal_connect_swapped (row, "changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (row, "committed", G_CALLBACK (committed_cb), self);
  g_signal_connect_swapped (row, "input-activated", G_CALLBACK (input_activated_cb), self);
  if (self->history_texts != NULL)
    vastus_measure_row_set_history (VASTUS_MEASURE_ROW (row),
                                    g_hash_table_lookup (self->history_texts, measure->code));
  return VASTUS_MEASURE_ROW (row);
}

/* A section's rows, made when it opens (47 rows up front took 250–310 ms). */
static void
ensure_section (VastusVisitEditor *self,
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
static VastusMeasureRow *
ensure_measure (VastusVisitEditor   *self,
                const VastusMeasure *measure)
{
  if (self->battery != NULL)
    return _vastus_visit_editor_battery_add (self, measure);
  ensure_section (self, measure->category);
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
      ensure_section (self, c);
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
  update_subtitles (self);
}

/* The measures' part of the form: the keyboard's hint, then the battery's measures, or every
 * measure by section. */
static void
build_measures (VastusVisitEditor *self)
{
  /* Translators: the visit editor's keyboard, as it works (vastus_visit_editor key_pressed_cb) */
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
static void
clear_measures (VastusVisitEditor *self)
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
static void
fill_form (VastusVisitEditor *self)
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
    load_visit (self, self->original);
  refresh_safety (self);
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
  clear_measures (self);
  build_measures (self);
  if (self->original != NULL)
    load_visit (self, self->original);
  self->loading = TRUE;
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &code, &state))
    {
      VastusMeasureRow *row = ensure_measure (self, vastus_catalog_lookup (code));
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);

      vastus_measure_row_restore_state (row, &dict);
      expand_for (GTK_WIDGET (row));
    }
  self->loading = loading;
  update_subtitles (self);
  revalidate (self);
}

/* Back to the form as it opened, for the notice's Discard: the rows are built anew, since a row
 * cannot drop a trial. */
static void
reset_form (VastusVisitEditor *self)
{
  AdwEntryRow *header[] = { self->clinician_row, self->body_mass_row, self->height_row, self->notes_row };

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    gtk_editable_set_text (GTK_EDITABLE (header[i]), "");
  gtk_check_button_set_active (self->baseline_check, FALSE);
  gtk_check_button_set_active (self->visit_confirm_check, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (all_findings); i++)
    gtk_check_button_set_active (finding_check (self, all_findings[i]), FALSE);
  self->baseline_dirty = FALSE;
  clear_measures (self);
  self->loading = FALSE;
  clear_problems (self);
  gtk_label_set_text (self->status_label, "");
  fill_form (self);
  set_modified (self, FALSE);
}

/* What was typed and not saved (the program crashed or was killed) comes back, and says so. */
static void
draft_restored_cb (VastusVisitEditor *self,
                   GDateTime         *saved_at)
{
  g_autofree char *notice = NULL;

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
editor_new (VastusClinic        *clinic,
            const VastusHistory *history,
            gint64               visit_id)
{
  VastusVisitEditor *self = g_object_new (VASTUS_TYPE_VISIT_EDITOR, NULL);

  self->clinic = g_object_ref (clinic);
  self->patient = vastus_patient_copy (history->patient);
  self->episode = vastus_episode_copy (history->episode);
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      if (visit->id == visit_id)
        self->original = vastus_visit_copy (visit);
      else
        g_ptr_array_add (self->other_visits, vastus_visit_copy (visit));
    }
  /* The episode's visit before this one (for a new one, the last): its test conditions and
   * units are pre-filled, and the change since then is shown. */
  for (guint i = 0; i < self->other_visits->len; i++)
    {
      const VastusVisit *other = g_ptr_array_index (self->other_visits, i);

      if (self->original == NULL
          || (g_date_valid (&other->date) && g_date_valid (&self->original->date)
              && g_date_compare (&other->date, &self->original->date) <= 0))
        {
          g_clear_pointer (&self->previous, vastus_visit_free);
          self->previous = vastus_visit_copy (other);
        }
    }
  self->draft = vastus_visit_draft_new (self, clinic, self->patient->id, self->episode->id);
  _vastus_visit_editor_battery_init (self);
  _vastus_visit_editor_battery_choose_default (self);
  fill_form (self);
  vastus_visit_draft_restore (self->draft, draft_restored_cb);
  return self;
}

/* Public API */

GtkWidget *
vastus_visit_editor_new (VastusClinic        *clinic,
                         const VastusHistory *history)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  return GTK_WIDGET (editor_new (clinic, history, 0));
}

GtkWidget *
vastus_visit_editor_new_for_visit (VastusClinic        *clinic,
                                   const VastusHistory *history,
                                   gint64               visit_id)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (visit_id > 0, NULL);

  /* Deleted meanwhile (by another workstation, say). */
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    if (vastus_history_get_visit (history, i)->id == visit_id)
      return GTK_WIDGET (editor_new (clinic, history, visit_id));
  return NULL;
}

/* While the clinic stores the visit the form cannot change (what was typed meanwhile would be
 * neither in the stored visit nor, once its draft is ended, in a draft); the focus comes back. */
static void
set_saving (VastusVisitEditor *self,
            gboolean           saving)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->saving = saving;
  if (saving && root != NULL)
    {
      /* Off the field first: a text that goes insensitive while focused keeps its focus. */
      g_set_weak_pointer (&self->focus_before_saving, gtk_root_get_focus (root));
      gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_box), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !saving);
  gtk_label_set_text (self->status_label, saving ? _("Saving…") : "");
  if (!saving && self->focus_before_saving != NULL)
    {
      gtk_widget_grab_focus (self->focus_before_saving);
      g_clear_weak_pointer (&self->focus_before_saving);
    }
}

static void
visit_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusVisitEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) stored = vastus_clinic_save_visit_finish (VASTUS_CLINIC (source), result,
                                                                   &error);

  if (self->disposing)
    {
      self->saving = FALSE;
      return;
    }
  set_saving (self, FALSE);
  if (stored == NULL)
    {
      gboolean to_close = self->save_to_close;

      /* One visit a day: said on the date field, as any other problem of a field. */
      if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_VISIT_EXISTS))
        show_visit_exists (self, &self->saving_date);
      else
        {
          /* Translators: %s is a technical reason from the database */
          g_autofree char *title = g_strdup_printf (_("The visit could not be saved: %s"),
                                                    error->message);
          AdwToast *toast = adw_toast_new (title);

          /* What was typed stays, and its draft with it. */
          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      self->save_to_close = FALSE;
      if (to_close)
        g_signal_emit (self, signals[STAYED], 0);
      return;
    }
  self->save_to_close = FALSE;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  /* From now on this is a stored visit: a second save updates it. */
  g_clear_pointer (&self->original, vastus_visit_free);
  self->original = g_steal_pointer (&stored);
  load_visit (self, self->original);
  set_modified (self, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Visit saved")));
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
}

gboolean
vastus_visit_editor_save (VastusVisitEditor  *self,
                          GError            **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(VastusVisit) visit = NULL;
  GtkWidget *first;
  guint hard, unconfirmed;
  GDate today;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->saving)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The visit is being saved"));
      return FALSE;
    }
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

  /* The visit and the end of its draft in one transaction, on the clinic's writer. The form
   * stays as typed until it answers. */
  vastus_visit_draft_cancel (self->draft);
  set_saving (self, TRUE);
  self->saving_date = visit->date;
  /* With the questionnaires answered anew (their scores are stored with them). */
  changed = vastus_visit_editor_get_answered (self);
  vastus_clinic_save_visit_async (self->clinic, self->patient->id, visit, self->original, changed,
                                  NULL, visit_saved_cb, g_object_ref (self));
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
  if (self->question != NULL)
    {
      gtk_window_present (self->question);
      return;
    }
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
  g_set_weak_pointer (&self->question, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
vastus_visit_editor_get_modified (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return self->modified;
}

gboolean
vastus_visit_editor_get_saving (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return self->saving;
}

GPtrArray *
vastus_visit_editor_get_rows (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->rows;
}

guint
vastus_visit_editor_get_n_pending_drafts (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), 0);
  return vastus_visit_draft_get_n_pending (self->draft);
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
  const VastusMeasure *measure;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  measure = code != NULL ? vastus_catalog_lookup (code) : NULL;
  if (measure == NULL)
    return NULL;
  return ensure_measure (self, measure);
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
  if (g_strcmp0 (name, "battery") == 0)
    return GTK_WIDGET (self->battery_row);
  if (g_strcmp0 (name, "add-measure") == 0)
    return GTK_WIDGET (self->add_dropdown);
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

GPtrArray *
vastus_visit_editor_get_answered (VastusVisitEditor *self)
{
  GPtrArray *answered;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  answered = g_ptr_array_new ();
  for (guint i = 0; i < self->responses->len; i++)
    {
      VastusResponse *r = g_ptr_array_index (self->responses, i);

      if (g_hash_table_contains (self->changed_instruments, r->instrument))
        g_ptr_array_add (answered, r);
    }
  return answered;
}

void
vastus_visit_editor_apply_questionnaires (VastusVisitEditor *self,
                                          GPtrArray         *responses)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  g_return_if_fail (responses != NULL);

  questionnaire_applied_cb (self, responses);
}

const VastusTemplate *
vastus_visit_editor_get_battery (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->battery;
}

gboolean
vastus_visit_editor_choose_battery (VastusVisitEditor *self,
                                    gint64             id)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);

  for (guint i = 0; id != 0 && i < self->battery_choices->len; i++)
    if (((VastusTemplate *) self->battery_choices->pdata[i])->id == id)
      {
        adw_combo_row_set_selected (self->battery_row, i + 1);
        return TRUE;
      }
  if (id != 0)
    return FALSE;
  adw_combo_row_set_selected (self->battery_row, 0);
  return TRUE;
}

gboolean
vastus_visit_editor_shows_measure (VastusVisitEditor *self,
                                   const char        *code)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return g_hash_table_contains (self->rows_by_code, code);
}
