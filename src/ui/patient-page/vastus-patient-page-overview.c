/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-patient-page-private.h"
#include "vastus-questionnaire.h"
#include "vastus-tooltip.h"

/* The measures of the overview table, in the order a therapist reads them. */
static const char * const key_measures[] = {
  "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd",
  "hamstrings_isokinetic_60", "hamstrings_hhd", "hip_abduction_hhd",
  "single_hop", "triple_hop", "crossover_hop", "timed_hop_6m",
  "knee_flexion", "knee_extension", "extension_lag",
  "thigh_girth_5", "thigh_girth_10", "thigh_girth_15", "thigh_girth_20",
  "knee_girth_joint_line", "knee_girth_midpatella", "effusion_stroke",
  "pain_nrs", "kos_adls", "ikdc", "kujala", "acl_rsi", "koos_sport",
};

static GtkWidget *
status_row (const char *icon_name,
            const char *icon_class,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon_class != NULL)
    gtk_widget_add_css_class (icon, icon_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* The set, its version, the date and the stale window: what the verdict was judged by. */
char *
_vastus_patient_page_rules_text (const VastusEvaluation *evaluation)
{
  const VastusCriteriaSet *set = evaluation->set;
  g_autofree char *as_of = _vastus_patient_page_format_date (&evaluation->as_of);
  const char *title = vastus_criteria_set_text (set, set->title);
  double weeks = evaluation->rules.max_age_weeks;
  char weeks_text[VASTUS_DISPLAY_NUMBER_SIZE];

  if (weeks > 0)
    return g_strdup_printf (ngettext (
                                         /* Translators: the criteria set's title, its version,
                                          * the date of the evaluation and the clinic's window,
                                          * e.g. "… (version 2) · as of 12 Jun 2025 · results
                                          * from the last 4 weeks" */
                                         "%s (version %d) · as of %s · results from the last %s week",
                                         "%s (version %d) · as of %s · results from the last %s weeks",
                                         weeks == 1 ? 1 : 2),
                            title, set->version, as_of, vastus_display_number_exact (weeks, weeks_text));
  /* Translators: the criteria set's title, its version and the date of the evaluation */
  return g_strdup_printf (_("%s (version %d) · as of %s"), title, set->version, as_of);
}

void
_vastus_patient_page_status_activated_cb (VastusPatientPage *self,
                                          GtkListBoxRow     *row)
{
  const char *view = g_object_get_data (G_OBJECT (row), "view");

  if (view != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* Visit @index's safety flags as rows of @list, or one row @none (its icon in @none_class). */
void
_vastus_patient_page_add_flags (VastusPatientPage *self,
                                GtkListBox        *list,
                                guint              index,
                                const char        *none,
                                const char        *none_class)
{
  VastusClinicRules rules;
  g_autoptr(GPtrArray) flags = NULL;

  vastus_clinic_get_clinic_rules (_vastus_patient_page_get_clinic (self), &rules);
  flags = vastus_safety_check_rules (self->history, index, &rules, FALSE);
  if (flags->len == 0)
    gtk_list_box_append (list, status_row ("emblem-ok-symbolic", none_class, none, NULL));
  for (guint i = 0; i < flags->len; i++)
    {
      VastusSafetyFlag *flag = g_ptr_array_index (flags, i);
      GtkWidget *row = status_row ("dialog-warning-symbolic", "warning", flag->reason,
                                   _("Safety flag: check before maximal strength or hop testing"));

      gtk_widget_set_name (row, "safety-flag");
      gtk_list_box_append (list, row);
    }
}

void
_vastus_patient_page_refresh_status (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;

  _vastus_patient_page_clear_list_box (self->status_list);
  if (self->evaluation != NULL)
    {
      g_autofree char *title = vastus_evaluation_verdict (self->evaluation);
      g_autofree char *subtitle = _vastus_patient_page_rules_text (self->evaluation);
      GtkWidget *row;

      /* Success only when nothing holds: never the colour of success beside a hold. */
      if (self->evaluation->ready)
        row = status_row ("emblem-ok-symbolic", "success", title, subtitle);
      else if (self->evaluation->holds->len > 0)
        row = status_row ("dialog-warning-symbolic", "warning", title, subtitle);
      else
        row = status_row ("checkbox-checked-symbolic", NULL, title, subtitle);
      gtk_widget_set_name (row, "criteria-status");
      g_object_set_data (G_OBJECT (row), "ready", GINT_TO_POINTER (self->evaluation->ready));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "view", (gpointer) "criteria");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->status_list, row);

      /* A result that cannot count (the safety flags follow below). */
      for (guint i = 0; i < self->evaluation->holds->len; i++)
        {
          VastusSafetyFlag *hold = g_ptr_array_index (self->evaluation->holds, i);

          if (!g_str_equal (hold->code, "hhd-unfixed"))
            continue;
          row = status_row ("dialog-warning-symbolic", "warning", hold->reason,
                            _("Holds the verdict: repeat the test with a belt or frame"));
          gtk_widget_set_name (row, "hold");
          gtk_list_box_append (self->status_list, row);
        }

      for (guint i = 0; i < self->evaluation->warnings->len; i++)
        {
          VastusEvalWarning *warning = g_ptr_array_index (self->evaluation->warnings, i);

          gtk_list_box_append (self->status_list,
                               status_row ("dialog-information-symbolic", NULL,
                                           warning->message, NULL));
        }
    }

  if (self->history != NULL && self->history->episode->restrictions != NULL &&
      self->history->episode->restrictions[0] != '\0')
    {
      GtkWidget *row = status_row ("dialog-information-symbolic", NULL,
                                   self->history->episode->restrictions,
                                   /* Translators: the heading of the surgeon's restrictions on
                                    * rehabilitation (no running before week 12 …), on the
                                    * patient's overview */
                                   _("Surgeon’s restrictions"));

      gtk_widget_set_name (row, "restrictions");
      gtk_list_box_append (self->status_list, row);
    }

  if (n_visits > 0)
    {
      VastusEffusionAdvice advice = vastus_effusion_advice (self->history, n_visits - 1);

      /* Not in the colour of success while anything else holds the verdict. */
      _vastus_patient_page_add_flags (self, self->status_list, n_visits - 1,
                                      _("No safety flags at the latest visit"),
                                      self->evaluation != NULL && self->evaluation->holds->len > 0
                                        ? NULL : "success");
      if (advice != VASTUS_EFFUSION_ADVICE_NONE)
        {
          g_autofree char *title = NULL;

          /* Translators: %s is the effusion-based advice, e.g. "Progress" */
          title = g_strdup_printf (_("Effusion: %s"), vastus_effusion_advice_label (advice));
          gtk_list_box_append (self->status_list,
                               status_row (advice == VASTUS_EFFUSION_ADVICE_PROGRESS
                                             ? "emblem-ok-symbolic" : "dialog-warning-symbolic",
                                           advice == VASTUS_EFFUSION_ADVICE_PROGRESS
                                             ? NULL : "warning",
                                           title, NULL));
        }
    }
  else if (self->episode == NULL)
    gtk_list_box_append (self->status_list,
                         status_row ("list-add-symbolic", NULL, _("No episode of care recorded"),
                                     _("Add Episode of Care records the condition, the knee and "
                                       "the dates this patient is treated for; visits follow.")));
  else
    gtk_list_box_append (self->status_list,
                         status_row ("x-office-calendar-symbolic", NULL, _("No visits yet"),
                                     _("Add a visit to see the status of this episode.")));
}

/* Drop-down labels that wrap, so that long names (measures, episodes) never make the page wider
 * than a 360 px screen, and are never cut ("Messgrößen der Kriterien" was "Messgr…"). */
static void
wrapped_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
wrapped_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      string != NULL ? gtk_string_object_get_string (string) : "");
}

void
_vastus_patient_page_wrap_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (wrapped_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (wrapped_bind_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
}

/* A cell of the measures table: a column header, a row header (the measure) or a value; its
 * place given to assistive technologies, which see no rows in a GtkGrid. */
static GtkWidget *
table_cell (GtkGrid           *grid,
            const char        *text,
            float              xalign,
            const char        *css_class,
            GtkAccessibleRole  role,
            int                column,
            int                row)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", role, "label", text, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  /* Numbers stay on one line; names and headings wrap on narrow screens. */
  if (g_strcmp0 (css_class, "numeric") == 0)
    gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_ROW_INDEX, row + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_INDEX, column + 1,
                                  -1);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

#define HEADER GTK_ACCESSIBLE_ROLE_COLUMN_HEADER

/* key_measures, then every other questionnaire score (of const char*). */
static GPtrArray *
overview_codes (void)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (key_measures); i++)
    g_ptr_array_add (codes, (gpointer) key_measures[i]);
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      if (m->category == VASTUS_CATEGORY_QUESTIONNAIRE &&
          !g_strv_contains (key_measures, m->code))
        g_ptr_array_add (codes, (gpointer) m->code);
    }
  return codes;
}

/* "+12.5 ▲" (better by at least the minimal important change), "−9.0 ▼" (worse by it), "+3.0",
 * or NULL at the first score. */
static char *
change_text (VastusPatientPage   *self,
             const VastusMeasure *measure,
             guint                latest,
             double               value)
{
  double first = NAN, mic;

  for (guint v = 0; v < latest && isnan (first); v++)
    first = vastus_visit_combined_measure (vastus_history_get_visit (self->history, v), measure,
                                           VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  if (isnan (first))
    return NULL;
  /* The clinic's minimal important change (else the published one). */
  mic = _vastus_patient_page_mic (self, measure->code);
  /* Short, for a narrow window: the sentence is the cell's tooltip. */
  switch (vastus_change_judge (value - first, mic, measure->better))
    {
    case VASTUS_CHANGE_IMPROVED:
      /* Translators: a change since the first score that reaches the minimal important change
       * (MIC) for the better, "+12.5 ▲" */
      return g_strdup_printf (_("%+.1f ▲"), value - first);
    case VASTUS_CHANGE_WORSENED:
      /* Translators: a questionnaire score's change since the first, with its sign, and ▼ for
       * worse */
      return g_strdup_printf (_("%+.1f ▼"), value - first);
    case VASTUS_CHANGE_WITHIN:
    case VASTUS_CHANGE_UNKNOWN:
    default:
      return g_strdup_printf ("%+.1f", value - first);
    }
}

/* The cell's tooltip: "Better by at least the MIC of 7.1", "Within the MIC of 7.1" … */
static char *
change_tooltip (VastusPatientPage   *self,
                const VastusMeasure *measure,
                guint                latest,
                double               value)
{
  double first = NAN, mic;

  for (guint v = 0; v < latest && isnan (first); v++)
    first = vastus_visit_combined_measure (vastus_history_get_visit (self->history, v), measure,
                                           VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  mic = _vastus_patient_page_mic (self, measure->code);
  if (isnan (first) || isnan (mic))
    return g_strdup (_("Change since the episode’s first score; no minimal important change is set"));
  return vastus_change_describe (vastus_change_judge (value - first, mic, measure->better), mic);
}

/* The measures of visit @index (0 the first) in @codes' order as a table in @grid: a row per
 * measure recorded, two-sided measures (involved, uninvolved, LSI or difference) first, then pain
 * and scores (their change since the episode's first score only where there is one). */
void
_vastus_patient_page_fill_values (VastusPatientPage *self,
                                  GtkGrid           *grid,
                                  guint              index,
                                  GPtrArray         *codes)
{
  VastusSide involved, uninvolved;
  g_autofree char *involved_title = NULL;
  g_autofree char *uninvolved_title = NULL;
  int row = 0;
  int one_sided_heading = -1;   /* its row */
  gboolean two_sided_heading = FALSE;
  gboolean changes = FALSE;
  g_autoptr(GPtrArray) conventions = g_ptr_array_new_with_free_func (g_free);

  _vastus_patient_page_clear_grid (grid);
  involved = vastus_history_involved_side (self->history);
  uninvolved = vastus_history_uninvolved_side (self->history);
  if (involved != VASTUS_SIDE_NONE)
    {
      /* Translators: a column heading, %s is L or R */
      involved_title = g_strdup_printf (_("Involved (%s)"),
                                        _vastus_patient_page_side_letter (involved));
      uninvolved_title = g_strdup_printf (_("Uninvolved (%s)"),
                                          _vastus_patient_page_side_letter (uninvolved));
    }
  else
    {
      involved_title = g_strdup (_("Left"));
      uninvolved_title = g_strdup (_("Right"));
    }

  for (guint i = 0; i < codes->len; i++)
    {
      VastusSymmetry sym;
      const VastusMeasure *measure;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *c = NULL;
      GtkWidget *name;

      if (!vastus_symmetry_compute (self->history, index, g_ptr_array_index (codes, i), &sym))
        continue;
      measure = sym.measure;
      if (measure->two_sided)
        {
          double first = involved != VASTUS_SIDE_NONE ? sym.involved : sym.left;
          double second = involved != VASTUS_SIDE_NONE ? sym.uninvolved : sym.right;

          if (isnan (first) && isnan (second))
            continue;
          a = _vastus_patient_page_format_measure (self, measure, first);
          b = _vastus_patient_page_format_measure (self, measure, second);
          switch (vastus_symmetry_kind (measure))
            {
            case VASTUS_SYMMETRY_RATIO:
              c = !isnan (sym.lsi) ? _vastus_patient_page_format_percent (sym.lsi)
                                   : _vastus_patient_page_format_difference (self, measure,
                                                                             sym.difference);
              break;
            case VASTUS_SYMMETRY_DIFFERENCE:
              c = _vastus_patient_page_format_difference (self, measure, sym.difference);
              break;
            case VASTUS_SYMMETRY_NONE:
            default:
              c = g_strdup ("");
              break;
            }
        }
      else
        {
          if (isnan (sym.value))
            continue;
          a = _vastus_patient_page_format_measure (self, measure, sym.value);
          if (measure->category == VASTUS_CATEGORY_QUESTIONNAIRE)
            b = change_text (self, measure, index, sym.value);
        }

      /* Two-sided measures come first in the codes. */
      if (measure->two_sided && !two_sided_heading)
        {
          table_cell (grid, _("Measure"), 0, "caption-heading", HEADER, 0, row);
          table_cell (grid, involved_title, 1, "caption-heading", HEADER, 1, row);
          table_cell (grid, uninvolved_title, 1, "caption-heading", HEADER, 2, row);
          /* Translators: the overview table's column header: the limb symmetry index, or the
           * difference between the sides (Δ) */
          table_cell (grid, _("LSI / Δ"), 1, "caption-heading", HEADER, 3, row);
          two_sided_heading = TRUE;
          row++;
        }
      if (!measure->two_sided && one_sided_heading < 0)
        {
          table_cell (grid, _("Pain and scores"), 0, "caption-heading", HEADER, 0, row);
          table_cell (grid, _("Value"), 1, "caption-heading", HEADER, 1, row);
          if (row > 0)
            {
              gtk_widget_set_margin_top (gtk_grid_get_child_at (grid, 0, row), 6);
              gtk_widget_set_margin_top (gtk_grid_get_child_at (grid, 1, row), 6);
            }
          one_sided_heading = row;
          row++;
        }
      if (vastus_measure_get_convention (measure) != NULL)
        g_ptr_array_add (conventions, vastus_measure_convention_note (measure));
      name = table_cell (grid, vastus_measure_get_short_label (measure), 0, NULL,
                         GTK_ACCESSIBLE_ROLE_ROW_HEADER, 0, row);
      vastus_set_tooltip (name, vastus_measure_get_label (measure));
      gtk_widget_set_hexpand (name, TRUE);
      table_cell (grid, a, 1, "numeric", GTK_ACCESSIBLE_ROLE_CELL, 1, row);
      if (measure->two_sided)
        {
          GtkWidget *comparison;

          table_cell (grid, b, 1, "numeric", GTK_ACCESSIBLE_ROLE_CELL, 2, row);
          comparison = table_cell (grid, c, 1, "numeric", GTK_ACCESSIBLE_ROLE_CELL, 3, row);
          /* A difference in grades is words ("Δ 0 grades"; "Δ 0 Stufen" in German): it may wrap
           * on a narrow screen, as the names and headings do (a percentage does not). */
          gtk_label_set_wrap (GTK_LABEL (comparison), measure->kind == VASTUS_VALUE_GRADE);
        }
      else if (b != NULL)
        {
          g_autofree char *tip = change_tooltip (self, measure, index, sym.value);
          GtkWidget *cell = table_cell (grid, b, 1, "numeric", GTK_ACCESSIBLE_ROLE_CELL, 2, row);

          vastus_set_tooltip (cell, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
          changes = TRUE;
        }
      row++;
    }
  /* A change since the first score needs a score before it: no empty column at the first. */
  if (changes)
    {
      /* Translators: the change of a questionnaire score since the episode's first, against
       * its minimal important change. */
      GtkWidget *heading = table_cell (grid, _("Since first (▲▼ MIC)"), 1, "caption-heading",
                                       HEADER, 2, one_sided_heading);

      gtk_widget_set_margin_top (heading, one_sided_heading > 0 ? 6 : 0);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, row,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, 4,
                                  -1);
  /* Under the table, how a value with a sign reads (knee extension). */
  for (guint i = 0; i < conventions->len; i++)
    {
      GtkWidget *note = gtk_label_new (g_ptr_array_index (conventions, i));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_set_margin_top (note, i == 0 ? 6 : 0);
      gtk_grid_attach (grid, note, 0, row++, 4, 1);
    }
}

void
_vastus_patient_page_refresh_measures (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;
  const VastusVisit *visit;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->measures_group), n_visits > 0);
  if (n_visits == 0)
    {
      _vastus_patient_page_clear_grid (self->measures_grid);
      return;
    }

  visit = vastus_history_get_visit (self->history, n_visits - 1);
  date = _vastus_patient_page_format_date (&visit->date);
  description = visit->clinician != NULL && visit->clinician[0] != '\0'
                  ? g_strdup_printf ("%s · %s", date, visit->clinician) : g_strdup (date);
  adw_preferences_group_set_description (self->measures_group, description);
  codes = overview_codes ();
  _vastus_patient_page_fill_values (self, self->measures_grid, n_visits - 1, codes);
}
