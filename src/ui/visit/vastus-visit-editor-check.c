/* vastus-visit-editor-check.c: the visit as typed, checked as it is typed: problems in place,
 * one message per bad value, the safety flags, a date the patient has a visit on already
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-instrument.h"
#include "vastus-model-error.h"
#include "vastus-safety.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-visit-editor-private.h"

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
VastusVisit *
_vastus_visit_editor_build_visit (VastusVisitEditor *self,
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
  for (guint i = 0; i < G_N_ELEMENTS (_vastus_visit_editor_findings); i++)
    if (gtk_check_button_get_active (_vastus_visit_editor_finding_check (self, _vastus_visit_editor_findings[i])))
      visit->findings |= _vastus_visit_editor_findings[i];

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

VastusVisit *
_vastus_visit_editor_check_visit (VastusVisitEditor *self,
                                  GPtrArray         *problems)
{
  VastusVisit *visit = _vastus_visit_editor_build_visit (self, problems);
  g_autoptr(GPtrArray) checked = NULL;
  GDate today;

  vastus_date_today (&today);
  checked = vastus_visit_check (visit, self->patient, self->episode, self->previous, &today);
  for (guint i = 0; i < checked->len; i++)
    g_ptr_array_add (problems, g_steal_pointer (&g_ptr_array_index (checked, i)));
  g_ptr_array_set_free_func (checked, NULL);
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

void
_vastus_visit_editor_clear_problems (VastusVisitEditor *self)
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

void
_vastus_visit_editor_expand_for (GtkWidget *widget)
{
  GtkWidget *expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
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
GtkWidget *
_vastus_visit_editor_show_problems (VastusVisitEditor *self,
                                    GPtrArray         *problems,
                                    guint             *out_hard,
                                    guint             *out_unconfirmed)
{
  g_autoptr(GString) header_text = g_string_new (NULL);
  g_autoptr(GPtrArray) chain = NULL;
  gboolean header_soft = FALSE, header_hard = FALSE, first_soft = FALSE;
  GtkWidget *first = NULL;
  guint hard = 0, unconfirmed = 0, first_at = G_MAXUINT;

  _vastus_visit_editor_clear_problems (self);
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *header = header_widget (self, p->field);
      VastusMeasureRow *row = header ? NULL : row_for_field (self, p->field);

      if (row != NULL)
        {
          vastus_measure_row_add_problem (row, p);
          /* A problem in a closed section would go unseen. */
          _vastus_visit_editor_expand_for (GTK_WIDGET (row));
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
            chain = _vastus_visit_editor_input_chain (self);
          at = _vastus_visit_editor_chain_position (chain, widget);
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
      /* Translators: %u is how many values of the visit are refused and must be corrected before
       * it can be saved */
      g_autofree char *a = g_strdup_printf (ngettext ("%u value to correct",
                                                         "%u values to correct", hard), hard);
      /* Translators: %u is how many values of the visit Vastus warned about and the clinician
       * must confirm */
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

void
_vastus_visit_editor_update_safety (VastusVisitEditor *self,
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

void
_vastus_visit_editor_update_subtitles (VastusVisitEditor *self)
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
        g_autofree char *text = g_strdup_printf (ngettext (
                                                              /* Translators: "3 of 11 measures entered" */
                                                              "%u of %u measure entered",
                                                              "%u of %u measures entered", total[c]),
                                                 entered[c], total[c]);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->expanders[c]), text);
      }
}

void
_vastus_visit_editor_refresh_safety (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) draft = _vastus_visit_editor_build_visit (self, problems);

  _vastus_visit_editor_update_safety (self, draft);
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
void
_vastus_visit_editor_show_visit_exists (VastusVisitEditor *self,
                                        const GDate       *date)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

  self->taken_date = *date;
  add_visit_exists_problem (problems, date);
  gtk_widget_grab_focus (_vastus_visit_editor_show_problems (self, problems, NULL, NULL));
}

/* Whether the patient has a visit on @date already, as far as the editor knows: the episode's
 * other visits, and a date the clinic refused (the clinic refuses any other when saving). */
gboolean
_vastus_visit_editor_date_taken (VastusVisitEditor *self,
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
void
_vastus_visit_editor_revalidate (VastusVisitEditor *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) visit = NULL;

  if (self->disposing || self->loading)
    return;
  visit = _vastus_visit_editor_check_visit (self, problems);
  if (_vastus_visit_editor_date_taken (self, &visit->date))
    add_visit_exists_problem (problems, &visit->date);
  _vastus_visit_editor_show_problems (self, problems, NULL, NULL);
  _vastus_visit_editor_update_safety (self, visit);
}
