/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vastus-chart-builder.h"
#include "vastus-chart-table.h"
#include "vastus-chart-view.h"
#include "vastus-criteria-store.h"
#include "vastus-evaluation.h"
#include "vastus-patient-page.h"
#include "vastus-safety.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

struct _VastusPatientPage
{
  AdwBin             parent_instance;

  VastusDatabase    *db;
  GSettings         *settings;        /* NULL when the schema is not installed */
  gint64             patient_id;
  VastusPatient     *patient;
  GPtrArray         *episodes;        /* of VastusEpisode*, newest first */
  guint              episode_index;
  VastusHistory     *history;
  GPtrArray         *sets;            /* of VastusCriteriaSet*: the set chooser's items */
  char              *set_id;          /* the set shown */
  gboolean           set_chosen;      /* … picked in the chooser rather than by default */
  VastusEvaluation  *evaluation;
  GPtrArray         *chart_codes;     /* of const char* (NULL: automatic), the measure chooser's */
  AdwToast          *undo_toast;      /* weak */
  gboolean           updating;        /* filling choosers: ignore their notifications */

  GtkWidget         *chart_view;
  GtkWidget         *chart_table;     /* the same data as rows: exact values, screen readers */
  GtkStack          *chart_stack;

  GtkButton         *add_visit_button;
  GtkBox            *header_box;
  GtkBox            *charts_box;
  GtkDropDown       *chart_kind_chooser;
  GtkDropDown       *chart_measure_chooser;
  GtkStack          *content_stack;
  AdwPreferencesGroup *criteria_group;
  GtkListBox        *criteria_list;
  GtkLabel          *details_label;
  AdwStatusPage     *empty_page;
  GtkDropDown       *episode_chooser;
  GtkLabel          *episode_label;
  GtkGrid           *measures_grid;
  AdwPreferencesGroup *measures_group;
  GtkLabel          *name_label;
  AdwComboRow       *set_chooser;
  GtkListBox        *status_list;
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;
  gboolean           criteria_stale;  /* refreshed when its view is shown, not before */
  gboolean           charts_stale;
  AdwPreferencesGroup *visits_group;
  GtkListBox        *visits_list;
};

static void vastus_patient_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusPatientPage, vastus_patient_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      vastus_patient_page_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum { ADD_VISIT, EDIT_VISIT, N_SIGNALS };
static guint signals [N_SIGNALS];

/* The measures of the overview table, in the order a therapist reads them. */
static const char * const key_measures[] = {
  "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd",
  "hamstrings_isokinetic_60", "hamstrings_hhd", "hip_abduction_hhd",
  "single_hop", "triple_hop", "crossover_hop", "timed_hop_6m",
  "knee_flexion", "knee_extension", "extension_lag",
  "thigh_girth_15", "knee_girth_joint_line", "effusion_stroke",
  "pain_nrs", "kos_adls", "ikdc", "kujala", "acl_rsi", "koos_sport",
};

/* Strength measures tried in order for a visit's one-line summary. */
static const char * const summary_strength[] = {
  "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd",
};

static void refresh_evaluation (VastusPatientPage *self);

/* Formatting helpers: no clinical computation here, only text. */

static char *
format_date (const GDate *date)
{
  char buf[64];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  /* Translators: a strftime format for dates in the patient page, e.g. "12 Mar 2026" */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), date) == 0)
    {
      char iso[VASTUS_DATE_BUF_SIZE];
      return g_strdup (vastus_date_format (date, iso));
    }
  return g_strdup (buf);
}

static const char *
knee_label (VastusSide side)
{
  switch (side)
    {
    case VASTUS_SIDE_LEFT:
      return _("Left knee");
    case VASTUS_SIDE_RIGHT:
      return _("Right knee");
    case VASTUS_SIDE_BOTH:
      return _("Both knees");
    case VASTUS_SIDE_NONE:
    default:
      return _("Side not recorded");
    }
}

static const char *
side_letter (VastusSide side)
{
  /* Translators: L and R are the abbreviations of left and right (leg) */
  return side == VASTUS_SIDE_LEFT ? C_("side", "L") : side == VASTUS_SIDE_RIGHT ? C_("side", "R") : "";
}

static gboolean
imperial (VastusPatientPage *self)
{
  return self->settings != NULL && g_settings_get_enum (self->settings, "units") == 1;
}

/* The unit a stored value is shown in under the units preference; NULL: the stored unit. */
static const char *
display_unit (VastusPatientPage   *self,
              const VastusMeasure *measure)
{
  if (!imperial (self))
    return NULL;
  if (g_str_equal (measure->unit, "N") && vastus_measure_accepts_unit (measure, "lbf"))
    return "lbf";
  if (g_str_equal (measure->unit, "cm") && vastus_measure_accepts_unit (measure, "in"))
    return "in";
  return NULL;
}

static char *
format_measure (VastusPatientPage   *self,
                const VastusMeasure *measure,
                double               stored)
{
  return vastus_measure_format_value (measure, stored, display_unit (self, measure));
}

static char *
format_percent (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  /* Translators: a percentage with one decimal, e.g. "88.4 %" */
  return g_strdup_printf (_("%.1f %%"), value);
}

/* A side-to-side difference: grades in steps, others in the measure's unit. */
static char *
format_difference (VastusPatientPage   *self,
                   const VastusMeasure *measure,
                   double               difference)
{
  g_autofree char *text = NULL;

  if (isnan (difference))
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_GRADE && difference == 0)
    return g_strdup (_("Δ 0 grades"));
  if (measure->kind == VASTUS_VALUE_GRADE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Δ %+d grade", "Δ %+d grades",
                                         (gulong) ABS ((int) difference)),
                            (int) difference);
  text = format_measure (self, measure, difference);
  /* Translators: a side-to-side difference, e.g. "Δ 5°" */
  return g_strdup_printf (_("Δ %s"), text);
}

static const char *
comparator_symbol (VastusComparator comparator)
{
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT:
      return ">";
    case VASTUS_COMPARATOR_GE:
      return "≥";
    case VASTUS_COMPARATOR_LT:
      return "<";
    case VASTUS_COMPARATOR_LE:
      return "≤";
    case VASTUS_N_COMPARATORS:
    default:
      return "?";
    }
}

/* A criterion's value or threshold in its display unit. */
static char *
format_criterion_value (const VastusCriterion *criterion,
                        double                 value)
{
  const char *unit = criterion->unit != NULL ? criterion->unit : "";

  if (isnan (value))
    return g_strdup ("—");
  if (g_str_equal (unit, "%"))
    return format_percent (value);
  if (g_str_equal (unit, "bool"))
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (g_str_equal (unit, "grade") && criterion->metric == VASTUS_METRIC_VALUE &&
      value == floor (value) && value >= VASTUS_GRADE_ZERO && value <= VASTUS_GRADE_3PLUS)
    return g_strdup (vastus_grade_to_string ((VastusGrade) value));
  if (g_str_equal (unit, "deg"))
    return g_strdup_printf ("%.0f°", value);
  if (g_str_equal (unit, "weeks"))
    return g_strdup_printf (_("%.1f weeks"), value);
  if (g_str_equal (unit, "points") || g_str_equal (unit, "grade") || g_str_equal (unit, "count"))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f %s", value, unit);
}

/* What a criterion asks for: "≥ 90.0 %"; for yes/no findings just "no" or "yes". */
static char *
format_requirement (const VastusCriterion *criterion)
{
  g_autofree char *threshold = format_criterion_value (criterion, criterion->threshold);

  if (g_strcmp0 (criterion->unit, "bool") == 0)
    {
      gboolean wants_yes = vastus_comparator_test (criterion->comparator, 1, criterion->threshold);
      gboolean wants_no = vastus_comparator_test (criterion->comparator, 0, criterion->threshold);

      if (wants_yes != wants_no)
        return g_strdup (wants_yes ? _("yes") : _("no"));
    }
  return g_strdup_printf ("%s %s", comparator_symbol (criterion->comparator), threshold);
}

static void
toast (VastusPatientPage *self,
       const char        *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static const VastusEpisode *
current_episode (VastusPatientPage *self)
{
  if (self->episodes == NULL || self->episode_index >= self->episodes->len)
    return NULL;
  return g_ptr_array_index (self->episodes, self->episode_index);
}

static char *
episode_title (const VastusEpisode *episode)
{
  const GDate *index = vastus_episode_get_index_date (episode);
  g_autofree char *date = NULL;

  if (index == NULL)
    return g_strdup_printf ("%s · %s", vastus_condition_label (episode->condition),
                            knee_label (episode->involved_side));
  date = format_date (index);
  return g_strdup_printf ("%s · %s · %s", vastus_condition_label (episode->condition),
                          knee_label (episode->involved_side), date);
}

static void
show_message (VastusPatientPage *self,
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
  show_message (self, what, escaped);
}

/* Header */

static void
refresh_header (VastusPatientPage *self)
{
  const VastusEpisode *episode = current_episode (self);
  g_autofree char *details = NULL;
  g_autofree char *age = NULL;
  GDate today;

  vastus_date_today (&today);
  gtk_label_set_text (self->name_label, self->patient->name);
  if (g_date_valid (&self->patient->birth_date))
    {
      int years = vastus_date_age_years (&self->patient->birth_date, &today);

      age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
    }
  /* Translators: MRN is the medical record number; then the age and the sex */
  details = g_strdup_printf (_("MRN %s · %s · %s"), self->patient->mrn,
                             age != NULL ? age : _("age unknown"),
                             vastus_sex_label (self->patient->sex));
  gtk_label_set_text (self->details_label, details);

  if (episode == NULL)
    {
      gtk_label_set_text (self->episode_label, _("No episode of care recorded"));
      return;
    }
  else
    {
      const GDate *index = vastus_episode_get_index_date (episode);
      g_autofree char *text = NULL;

      if (index != NULL && g_date_compare (index, &today) <= 0)
        {
          int weeks = (int) floor (vastus_date_weeks_between (index, &today));
          g_autofree char *since = NULL;

          if (g_date_valid (&episode->surgery_date))
            since = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week since surgery",
                                                  "%d weeks since surgery", weeks), weeks);
          else
            since = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week since injury",
                                                  "%d weeks since injury", weeks), weeks);
          text = g_strdup_printf ("%s · %s · %s", vastus_condition_label (episode->condition),
                                  knee_label (episode->involved_side), since);
        }
      else
        text = g_strdup_printf ("%s · %s", vastus_condition_label (episode->condition),
                                knee_label (episode->involved_side));
      gtk_label_set_text (self->episode_label, text);
    }
}

/* Overview */

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

static char *
criteria_count_text (const VastusEvaluation *evaluation)
{
  guint total = evaluation->results->len;

  /* Translators: "5 of 7 criteria met" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u criterion met",
                                       "%u of %u criteria met", total),
                          evaluation->met, total);
}

static void
status_activated_cb (VastusPatientPage *self,
                     GtkListBoxRow     *row)
{
  const char *view = g_object_get_data (G_OBJECT (row), "view");

  if (view != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
refresh_status (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;

  clear_list_box (self->status_list);
  if (self->evaluation != NULL)
    {
      g_autofree char *title = criteria_count_text (self->evaluation);
      g_autofree char *as_of = format_date (&self->evaluation->as_of);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (self->evaluation->not_tested > 0)
        /* Translators: the criteria set's title, its version, the number of criteria without data, a date */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s (version %d) · %u not tested · as of %s",
                                                 "%s (version %d) · %u not tested · as of %s",
                                                 self->evaluation->not_tested),
                                    self->evaluation->set->title, self->evaluation->set->version,
                                    self->evaluation->not_tested, as_of);
      else
        subtitle = g_strdup_printf (_("%s (version %d) · as of %s"),
                                    self->evaluation->set->title, self->evaluation->set->version,
                                    as_of);
      row = status_row (self->evaluation->all_met ? "emblem-ok-symbolic" : "checkbox-checked-symbolic",
                        self->evaluation->all_met ? "success" : NULL, title, subtitle);
      gtk_widget_set_name (row, "criteria-status");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "view", (gpointer) "criteria");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->status_list, row);

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
                                   _("Surgeon’s restrictions"));

      gtk_widget_set_name (row, "restrictions");
      gtk_list_box_append (self->status_list, row);
    }

  if (n_visits > 0)
    {
      double pain_limit = self->settings != NULL
                            ? g_settings_get_int (self->settings, "pain-flag-level")
                            : VASTUS_SAFETY_DEFAULT_PAIN_LIMIT;
      g_autoptr(GPtrArray) flags = vastus_safety_check (self->history, n_visits - 1, pain_limit);
      VastusEffusionAdvice advice = vastus_effusion_advice (self->history, n_visits - 1);

      if (flags->len == 0)
        gtk_list_box_append (self->status_list,
                             status_row ("emblem-ok-symbolic", "success",
                                         _("No safety flags at the latest visit"), NULL));
      for (guint i = 0; i < flags->len; i++)
        {
          VastusSafetyFlag *flag = g_ptr_array_index (flags, i);
          GtkWidget *row = status_row ("dialog-warning-symbolic", "warning", flag->reason,
                                       _("Safety flag: check before maximal strength or hop testing"));

          gtk_widget_set_name (row, "safety-flag");
          gtk_list_box_append (self->status_list, row);
        }
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
  else
    gtk_list_box_append (self->status_list,
                         status_row ("x-office-calendar-symbolic", NULL, _("No visits yet"),
                                     _("Add a visit to see the status of this episode.")));
}

/* Drop-down labels that ellipsize, so that long names (measures, episodes) never make the page
 * wider than a 360 px screen. */
static void
ellipsized_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
ellipsized_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      string != NULL ? gtk_string_object_get_string (string) : "");
}

static void
ellipsize_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (ellipsized_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (ellipsized_bind_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  /* Numbers stay on one line; names and headings wrap on narrow screens. */
  if (g_strcmp0 (css_class, "numeric") == 0)
    gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  return label;
}

static void
refresh_measures (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;
  VastusSide involved, uninvolved;
  const VastusVisit *visit;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  g_autofree char *involved_title = NULL;
  g_autofree char *uninvolved_title = NULL;
  int row = 0;
  gboolean two_sided_heading = FALSE;
  gboolean one_sided_heading = FALSE;

  clear_grid (self->measures_grid);
  gtk_widget_set_visible (GTK_WIDGET (self->measures_group), n_visits > 0);
  if (n_visits == 0)
    return;

  visit = vastus_history_get_visit (self->history, n_visits - 1);
  date = format_date (&visit->date);
  description = visit->clinician != NULL && visit->clinician[0] != '\0'
                  ? g_strdup_printf ("%s · %s", date, visit->clinician) : g_strdup (date);
  adw_preferences_group_set_description (self->measures_group, description);

  involved = vastus_history_involved_side (self->history);
  uninvolved = vastus_history_uninvolved_side (self->history);
  if (involved != VASTUS_SIDE_NONE)
    {
      /* Translators: a column heading, %s is L or R */
      involved_title = g_strdup_printf (_("Involved (%s)"), side_letter (involved));
      uninvolved_title = g_strdup_printf (_("Uninvolved (%s)"), side_letter (uninvolved));
    }
  else
    {
      involved_title = g_strdup (_("Left"));
      uninvolved_title = g_strdup (_("Right"));
    }


  for (guint i = 0; i < G_N_ELEMENTS (key_measures); i++)
    {
      VastusSymmetry sym;
      const VastusMeasure *measure;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *c = NULL;
      GtkWidget *name;

      if (!vastus_symmetry_compute (self->history, n_visits - 1, key_measures[i], &sym))
        continue;
      measure = sym.measure;
      if (measure->two_sided)
        {
          double first = involved != VASTUS_SIDE_NONE ? sym.involved : sym.left;
          double second = involved != VASTUS_SIDE_NONE ? sym.uninvolved : sym.right;

          if (isnan (first) && isnan (second))
            continue;
          a = format_measure (self, measure, first);
          b = format_measure (self, measure, second);
          switch (vastus_symmetry_kind (measure))
            {
            case VASTUS_SYMMETRY_RATIO:
              c = !isnan (sym.lsi) ? format_percent (sym.lsi)
                                   : format_difference (self, measure, sym.difference);
              break;
            case VASTUS_SYMMETRY_DIFFERENCE:
              c = format_difference (self, measure, sym.difference);
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
          a = format_measure (self, measure, sym.value);
        }

      /* Two-sided measures come first in key_measures. */
      if (measure->two_sided && !two_sided_heading)
        {
          gtk_grid_attach (self->measures_grid, grid_label (_("Measure"), 0, "caption-heading"), 0, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (involved_title, 1, "caption-heading"), 1, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (uninvolved_title, 1, "caption-heading"), 2, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (_("LSI / Δ"), 1, "caption-heading"), 3, row, 1, 1);
          two_sided_heading = TRUE;
          row++;
        }
      if (!measure->two_sided && !one_sided_heading)
        {
          gtk_grid_attach (self->measures_grid, grid_label (_("Pain and scores"), 0, "caption-heading"),
                           0, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (_("Value"), 1, "caption-heading"), 1, row, 1, 1);
          if (row > 0)
            {
              gtk_widget_set_margin_top (gtk_grid_get_child_at (self->measures_grid, 0, row), 6);
              gtk_widget_set_margin_top (gtk_grid_get_child_at (self->measures_grid, 1, row), 6);
            }
          one_sided_heading = TRUE;
          row++;
        }
      name = grid_label (vastus_measure_get_short_label (measure), 0, NULL);
      gtk_widget_set_tooltip_text (name, vastus_measure_get_label (measure));
      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (self->measures_grid, name, 0, row, 1, 1);
      if (measure->two_sided)
        {
          gtk_grid_attach (self->measures_grid, grid_label (a, 1, "numeric"), 1, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (b, 1, "numeric"), 2, row, 1, 1);
          gtk_grid_attach (self->measures_grid, grid_label (c, 1, "numeric"), 3, row, 1, 1);
        }
      else
        gtk_grid_attach (self->measures_grid, grid_label (a, 1, "numeric"), 1, row, 1, 1);
      row++;
    }
}

/* Visits */

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
        g_autofree char *lsi = format_percent (sym.lsi);

        /* Translators: a measure's short name and its limb symmetry index */
        g_ptr_array_add (parts, g_strdup_printf (_("%s LSI %s"),
                                                 vastus_measure_get_short_label (sym.measure), lsi));
        break;
      }
  if (vastus_symmetry_compute (self->history, index, "single_hop", &sym) && !isnan (sym.lsi))
    {
      g_autofree char *lsi = format_percent (sym.lsi);

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

static void
visit_activated_cb (VastusPatientPage *self,
                    GtkListBoxRow     *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "visit-id");

  if (id != NULL)
    g_signal_emit (self, signals[EDIT_VISIT], 0, *id);
}

static char *
visit_when (VastusPatientPage *self,
            const VastusVisit *visit)
{
  const GDate *index = vastus_episode_get_index_date (self->history->episode);
  g_autofree char *date = format_date (&visit->date);
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

static void
refresh_visits (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;
  g_autofree char *count = NULL;

  clear_list_box (self->visits_list);
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
      g_autofree char *date = format_date (&visit->date);
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->visits_list, row);
    }
}

/* Criteria */

static void
refresh_criteria (VastusPatientPage *self)
{
  clear_list_box (self->criteria_list);
  if (self->evaluation == NULL)
    {
      adw_preferences_group_set_title (self->criteria_group, _("No Criteria Set"));
      adw_preferences_group_set_description (self->criteria_group, NULL);
      return;
    }
  else
    {
      g_autofree char *title = criteria_count_text (self->evaluation);
      g_autofree char *as_of = format_date (&self->evaluation->as_of);
      g_autofree char *description = NULL;

      /* Translators: the date of the evaluation and the criteria set's version */
      description = g_strdup_printf (_("As of %s · version %d"), as_of,
                                     self->evaluation->set->version);
      adw_preferences_group_set_title (self->criteria_group, title);
      adw_preferences_group_set_description (self->criteria_group, description);
      /* The sources are long (references, links): a tooltip, not a paragraph. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->set_chooser), self->evaluation->set->source);
    }

  for (guint i = 0; i < self->evaluation->results->len; i++)
    {
      VastusCriterionResult *result = g_ptr_array_index (self->evaluation->results, i);
      const VastusCriterion *criterion = result->criterion;
      g_autofree char *value = format_criterion_value (criterion, result->value);
      g_autofree char *requirement = format_requirement (criterion);
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
        {
          /* Translators: what the criterion asks for, e.g. "Needs ≥ 90.0 %" */
          g_string_append_printf (subtitle, _("Needs %s"), requirement);
          if (result->reason != NULL)
            g_string_append_printf (subtitle, " · %s", result->reason);
        }
      else
        {
          /* Translators: a criterion's value against what it asks for, e.g. "94.4 % (needs ≥ 90.0 %)" */
          g_string_append_printf (subtitle, _("%s (needs %s)"), value, requirement);
          if (g_date_valid (&result->visit_date))
            {
              g_autofree char *date = format_date (&result->visit_date);

              /* Translators: the date the value was measured */
              g_string_append_printf (subtitle, _(" · measured %s"), date);
            }
          if (result->status == VASTUS_STATUS_MET && g_date_valid (&result->first_met))
            {
              g_autofree char *first = format_date (&result->first_met);

              g_string_append_c (subtitle, '\n');
              /* Translators: the date a criterion was first met (in its current run) */
              g_string_append_printf (subtitle, _("First met %s"), first);
            }
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion->label);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (criterion->source != NULL)
        gtk_widget_set_tooltip_text (row, criterion->source);

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

/* Charts */

static gboolean
has_data (const VastusHistory *history,
          const char          *code)
{
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      if (!isnan (vastus_visit_combined (visit, code, VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL)) ||
          !isnan (vastus_visit_combined (visit, code, VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL)))
        return TRUE;
    }
  return FALSE;
}

static void
fill_chart_measures (VastusPatientPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->chart_kind_chooser);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->chart_codes, g_ptr_array_unref);
  self->chart_codes = g_ptr_array_new ();
  if (kind == VASTUS_CHART_KIND_SYMMETRY)
    {
      g_ptr_array_add (self->chart_codes, NULL);
      gtk_string_list_append (names, _("Criteria measures"));
    }
  if (self->history != NULL && kind != VASTUS_CHART_KIND_CRITERIA)
    for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
      {
        const VastusMeasure *measure = vastus_catalog_get_nth (i);

        if (!measure->two_sided || measure->kind != VASTUS_VALUE_NUMBER)
          continue;
        if (kind == VASTUS_CHART_KIND_SYMMETRY &&
            vastus_symmetry_kind (measure) != VASTUS_SYMMETRY_RATIO)
          continue;
        if (kind == VASTUS_CHART_KIND_GIRTH && !g_str_has_prefix (measure->code, "thigh_girth_"))
          continue;
        if (!has_data (self->history, measure->code))
          continue;
        g_ptr_array_add (self->chart_codes, (gpointer) measure->code);
        gtk_string_list_append (names, vastus_measure_get_short_label (measure));
      }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->chart_measure_chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->chart_measure_chooser, 0);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->chart_measure_chooser), self->chart_codes->len > 0);
}

/* Clicking a point of a chart opens that visit. */
static void
chart_visit_activated_cb (VastusPatientPage *self,
                          gint64             visit_id)
{
  g_signal_emit (self, signals[EDIT_VISIT], 0, visit_id);
}

static void
table_toggled_cb (VastusPatientPage *self,
                  GtkToggleButton   *toggle)
{
  gtk_stack_set_visible_child_name (self->chart_stack,
                                    gtk_toggle_button_get_active (toggle) ? "table" : "chart");
}

/* The chart and its table alternative always show the same data. */
static void
show_chart (VastusPatientPage *self,
            VastusChartKind    kind,
            gpointer           data)
{
  vastus_chart_view_set_data (VASTUS_CHART_VIEW (self->chart_view), kind, data);
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (self->chart_table), kind, data);
}

static void
refresh_chart (VastusPatientPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->chart_kind_chooser);
  guint selected = gtk_drop_down_get_selected (self->chart_measure_chooser);
  const char *code = NULL;
  const VastusCriteriaSet *set = self->evaluation != NULL ? self->evaluation->set : NULL;

  if (self->chart_codes != NULL && selected < self->chart_codes->len)
    code = g_ptr_array_index (self->chart_codes, selected);
  if (self->history == NULL || vastus_history_get_n_visits (self->history) == 0)
    {
      show_chart (self, VASTUS_CHART_KIND_SYMMETRY, NULL);
      return;
    }

  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      {
        const char *codes[] = { code, NULL };
        VastusSymmetryChartData *data =
          vastus_chart_build_symmetry (self->history, code != NULL ? codes : NULL, set);

        show_chart (self, kind, data);
        vastus_symmetry_chart_data_unref (data);
      }
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      {
        VastusProgressChartData *data = code != NULL
                                          ? vastus_chart_build_progress (self->history, code) : NULL;

        show_chart (self, kind, data);
        g_clear_pointer (&data, vastus_progress_chart_data_unref);
      }
      break;
    case VASTUS_CHART_KIND_GIRTH:
      {
        VastusGirthChartData *data = vastus_chart_build_girth (self->history, code);

        data->inches = imperial (self);
        show_chart (self, kind, data);
        vastus_girth_chart_data_unref (data);
      }
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      {
        VastusCriteriaChartData *data = set != NULL
                                          ? vastus_chart_build_criteria (self->history, set) : NULL;

        show_chart (self, VASTUS_CHART_KIND_CRITERIA, data);
        g_clear_pointer (&data, vastus_criteria_chart_data_unref);
      }
      break;
    }
}

static void
chart_kind_changed_cb (VastusPatientPage *self)
{
  fill_chart_measures (self);
  refresh_chart (self);
}

static void
chart_measure_changed_cb (VastusPatientPage *self)
{
  if (!self->updating)
    refresh_chart (self);
}

/* Loading */

/* The set an episode is evaluated against when the chooser has not picked one. */
static char *
default_set_id (VastusPatientPage   *self,
                const VastusEpisode *episode)
{
  const char *condition = vastus_condition_to_string (episode->condition);
  const char *builtin;

  if (episode->criteria_set != NULL && episode->criteria_set[0] != '\0')
    return g_strdup (episode->criteria_set);
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) map = g_settings_get_value (self->settings, "default-criteria-sets");
      const char *id = NULL;

      if (g_variant_lookup (map, condition, "&s", &id) && id[0] != '\0')
        for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
          {
            VastusCriteriaSet *set = g_ptr_array_index (self->sets, i);

            if (g_str_equal (set->id, id))
              return g_strdup (id);
          }
    }
  builtin = vastus_criteria_default_for (episode->condition);
  return g_strdup (builtin);
}

/* Fills the set chooser with the sets for the episode's condition (and the one shown). */
static void
load_sets (VastusPatientPage *self)
{
  const VastusEpisode *episode = current_episode (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);
  all = vastus_database_list_criteria_sets (self->db, &error);
  if (all == NULL)
    {
      g_message ("Cannot list the criteria sets: %s", error->message);
      toast (self, _("Could not read the criteria sets"));
    }
  else if (episode != NULL)
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
        self->set_id = default_set_id (self, episode);
      for (guint i = 0; i < self->sets->len; i++)
        {
          VastusCriteriaSet *set = g_ptr_array_index (self->sets, i);
          g_autofree char *name = NULL;

          if (set->builtin)
            name = g_strdup (set->title);
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

static void
refresh_evaluation (VastusPatientPage *self)
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
    self->evaluation = vastus_evaluate (self->history, set, &today);
}

static gboolean
view_shown (VastusPatientPage *self,
            const char        *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) == 0;
}

/* The criteria checklist and the charts are built when their view is shown: opening a patient
 * then costs only what is on screen. */
static void
refresh_lazy_views (VastusPatientPage *self)
{
  if (self->criteria_stale && view_shown (self, "criteria"))
    {
      self->criteria_stale = FALSE;
      refresh_criteria (self);
    }
  if (self->charts_stale && view_shown (self, "charts"))
    {
      self->charts_stale = FALSE;
      fill_chart_measures (self);
      refresh_chart (self);
    }
}

static void
refresh_views (VastusPatientPage *self)
{
  refresh_evaluation (self);
  refresh_status (self);
  refresh_measures (self);
  refresh_visits (self);
  self->criteria_stale = TRUE;
  self->charts_stale = TRUE;
  refresh_lazy_views (self);
}

static void
load_episode (VastusPatientPage *self)
{
  const VastusEpisode *episode = current_episode (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->history, vastus_history_free);
  refresh_header (self);
  if (episode != NULL)
    {
      self->history = vastus_database_load_history (self->db, episode->id, &error);
      if (self->history == NULL)
        {
          storage_failed (self, _("Cannot Read the Visits"), error);
          return;
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_visit_button), episode != NULL);
  load_sets (self);
  refresh_views (self);
  gtk_stack_set_visible_child_name (self->content_stack, "views");
}

/* Reads the patient and episodes; keeps the episode and set shown when they still exist. */
static void
load (VastusPatientPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 episode_id = vastus_patient_page_get_episode_id (self);

  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->history, vastus_history_free);
  g_clear_pointer (&self->evaluation, vastus_evaluation_free);
  self->episode_index = 0;

  self->patient = vastus_database_get_patient (self->db, self->patient_id, &error);
  if (self->patient == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_label_set_text (self->episode_label, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_visit_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
      storage_failed (self, _("Cannot Read the Patient"), error);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->header_box), TRUE);
  self->episodes = vastus_database_list_episodes (self->db, self->patient_id, &error);
  if (self->episodes == NULL)
    {
      storage_failed (self, _("Cannot Read the Episodes of Care"), error);
      return;
    }

  for (guint i = 0; i < self->episodes->len; i++)
    {
      VastusEpisode *episode = g_ptr_array_index (self->episodes, i);
      g_autofree char *title = episode_title (episode);

      gtk_string_list_append (names, title);
      if (episode->id == episode_id)
        self->episode_index = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->episode_chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->episode_chooser, self->episode_index);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->episode_chooser), self->episodes->len > 1);

  load_episode (self);
}

/* Callbacks */

static void
add_visit_clicked_cb (VastusPatientPage *self)
{
  const VastusEpisode *episode = current_episode (self);

  if (episode != NULL)
    g_signal_emit (self, signals[ADD_VISIT], 0, episode->id);
}

static void
episode_selected_cb (VastusPatientPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->episode_chooser);

  if (self->updating || self->episodes == NULL || selected >= self->episodes->len ||
      selected == self->episode_index)
    return;
  self->episode_index = selected;
  g_clear_pointer (&self->set_id, g_free);
  self->set_chosen = FALSE;
  load_episode (self);
}

static void
set_selected_cb (VastusPatientPage *self)
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
  refresh_evaluation (self);
  refresh_status (self);
  refresh_criteria (self);
  refresh_chart (self);
}

static void
settings_changed_cb (VastusPatientPage *self,
                     const char        *key)
{
  if (self->patient == NULL || self->db == NULL)
    return;
  if (g_str_equal (key, "units") || g_str_equal (key, "pain-flag-level"))
    {
      refresh_status (self);
      refresh_measures (self);
      if (g_str_equal (key, "units"))
        refresh_chart (self);
    }
  else if (g_str_equal (key, "default-criteria-sets") && !self->set_chosen)
    {
      g_clear_pointer (&self->set_id, g_free);
      vastus_patient_page_reload (self);
    }
}

static void
undo_clicked_cb (AdwToast          *t,
                 VastusPatientPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (t), "visit-id");
  g_autoptr(GError) error = NULL;

  if (!vastus_database_restore_visit (self->db, *id, &error))
    {
      g_autofree char *title = NULL;

      g_message ("Cannot restore visit %" G_GINT64_FORMAT ": %s", *id, error->message);
      title = g_strdup_printf (_("Could not restore the visit: %s"), error->message);
      toast (self, title);
      return;
    }
  vastus_patient_page_reload (self);
  toast (self, _("Visit restored"));
}

static void
undo_dismissed_cb (AdwToast          *t,
                   VastusPatientPage *self)
{
  if (self->undo_toast == t)
    self->undo_toast = NULL;
}

/* GtkBuildable: <child type="view"> adds a view after the page's own (see the header). */

static void
vastus_patient_page_buildable_add_child (GtkBuildable *buildable,
                                         GtkBuilder   *builder,
                                         GObject      *child,
                                         const char   *type)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (buildable);

  if (g_strcmp0 (type, "view") == 0 && GTK_IS_WIDGET (child))
    vastus_patient_page_add_view (self, GTK_WIDGET (child), "patient", _("_Patient"),
                                  "user-info-symbolic");
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
vastus_patient_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = vastus_patient_page_buildable_add_child;
}

/* Overrides */

static void
vastus_patient_page_dispose (GObject *object)
{
  VastusPatientPage *self = VASTUS_PATIENT_PAGE (object);

  /* The bin's child is a template child: unparent it through the bin first, or the bin would
   * unparent it again after the template has disposed of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_PAGE);
  self->undo_toast = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episodes, g_ptr_array_unref);
  g_clear_pointer (&self->history, vastus_history_free);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->set_id, g_free);
  g_clear_pointer (&self->evaluation, vastus_evaluation_free);
  g_clear_pointer (&self->chart_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (vastus_patient_page_parent_class)->dispose (object);
}

static void
vastus_patient_page_class_init (VastusPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_page_dispose;

  /* The window opens the visit editor for a new visit of the episode (its id). */
  signals[ADD_VISIT] =
    g_signal_new ("add-visit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* … or for a stored visit (its id). */
  signals[EDIT_VISIT] =
    g_signal_new ("edit-visit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (VASTUS_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, add_visit_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, chart_kind_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, chart_measure_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, episode_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, episode_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, measures_grid);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, measures_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, set_chooser);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, visits_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPage, visits_list);
  gtk_widget_class_bind_template_callback (widget_class, add_visit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_activated_cb);
}

static void
vastus_patient_page_init (VastusPatientPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  ellipsize_drop_down (self->episode_chooser);
  ellipsize_drop_down (self->chart_kind_chooser);
  ellipsize_drop_down (self->chart_measure_chooser);

  self->chart_view = vastus_chart_view_new ();
  gtk_widget_set_size_request (self->chart_view, 280, 240);
  g_signal_connect_object (self->chart_view, "visit-activated",
                           G_CALLBACK (chart_visit_activated_cb), self, G_CONNECT_SWAPPED);
  self->chart_table = vastus_chart_table_new ();
  self->chart_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart_stack), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart_stack), TRUE);
  gtk_stack_add_named (self->chart_stack, self->chart_view, "chart");
  gtk_stack_add_named (self->chart_stack, self->chart_table, "table");
  gtk_box_append (self->charts_box, GTK_WIDGET (self->chart_stack));
  {
    /* "Show as table": beside the choosers. */
    GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Table"));

    gtk_widget_set_tooltip_text (toggle, _("Show the chart’s values as a table"));
    gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->chart_kind_chooser))), toggle);
    g_signal_connect_object (toggle, "toggled", G_CALLBACK (table_toggled_cb), self,
                             G_CONNECT_SWAPPED);
  }

  g_signal_connect_object (self->episode_chooser, "notify::selected",
                           G_CALLBACK (episode_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->set_chooser, "notify::selected",
                           G_CALLBACK (set_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (refresh_lazy_views), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_kind_chooser, "notify::selected",
                           G_CALLBACK (chart_kind_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_measure_chooser, "notify::selected",
                           G_CALLBACK (chart_measure_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_list, "row-activated",
                           G_CALLBACK (status_activated_cb), self, G_CONNECT_SWAPPED);

  adw_status_page_set_description (self->empty_page, _("Choose a patient in the list."));
  gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
}

/* Public API */

GtkWidget *
vastus_patient_page_new (void)
{
  return g_object_new (VASTUS_TYPE_PATIENT_PAGE, NULL);
}

void
vastus_patient_page_set_patient (VastusPatientPage *self,
                                 VastusDatabase    *db,
                                 gint64             patient_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (db == NULL || VASTUS_IS_DATABASE (db));

  g_set_object (&self->db, db);
  if (db == NULL || patient_id <= 0)
    {
      self->patient_id = 0;
      g_clear_pointer (&self->patient, vastus_patient_free);
      g_clear_pointer (&self->episodes, g_ptr_array_unref);
      g_clear_pointer (&self->history, vastus_history_free);
      g_clear_pointer (&self->evaluation, vastus_evaluation_free);
      g_clear_pointer (&self->set_id, g_free);
      self->set_chosen = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->header_box), FALSE);
      show_message (self, _("No Patient Selected"), _("Choose a patient in the list."));
      return;
    }
  if (patient_id != self->patient_id)
    {
      g_clear_pointer (&self->episodes, g_ptr_array_unref);
      g_clear_pointer (&self->set_id, g_free);
      self->set_chosen = FALSE;
    }
  self->patient_id = patient_id;
  load (self);
}

gint64
vastus_patient_page_get_patient_id (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), 0);
  return self->patient_id;
}

gint64
vastus_patient_page_get_episode_id (VastusPatientPage *self)
{
  const VastusEpisode *episode;

  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), 0);
  episode = current_episode (self);
  return episode != NULL ? episode->id : 0;
}

void
vastus_patient_page_set_episode_id (VastusPatientPage *self,
                                    gint64             episode_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));

  for (guint i = 0; self->episodes != NULL && i < self->episodes->len; i++)
    if (((VastusEpisode *) g_ptr_array_index (self->episodes, i))->id == episode_id)
      {
        gtk_drop_down_set_selected (self->episode_chooser, i);
        return;
      }
  g_warning ("Episode %" G_GINT64_FORMAT " is not one of this patient's", episode_id);
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
  if (self->db != NULL && self->patient != NULL)
    {
      load_sets (self);
      refresh_views (self);
    }
}

void
vastus_patient_page_reload (VastusPatientPage *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));

  if (self->db != NULL && self->patient_id > 0)
    load (self);
}

void
vastus_patient_page_add_view (VastusPatientPage *self,
                              GtkWidget         *child,
                              const char        *name,
                              const char        *title,
                              const char        *icon_name)
{
  AdwViewStackPage *page;

  g_return_if_fail (VASTUS_IS_PATIENT_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  page = adw_view_stack_add_titled (self->view_stack, child, name, title);
  adw_view_stack_page_set_use_underline (page, TRUE);
  adw_view_stack_page_set_icon_name (page, icon_name);
}

gboolean
vastus_patient_page_delete_visit (VastusPatientPage *self,
                                  gint64             visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  gint64 *id;
  AdwToast *t;

  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  for (guint i = 0; self->history != NULL && i < vastus_history_get_n_visits (self->history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (self->history, i);

      if (visit->id == visit_id)
        date = format_date (&visit->date);
    }

  if (!vastus_database_delete_visit (self->db, visit_id, &error))
    {
      g_message ("Cannot delete visit %" G_GINT64_FORMAT ": %s", visit_id, error->message);
      title = g_strdup_printf (_("Could not delete the visit: %s"), error->message);
      toast (self, title);
      return FALSE;
    }
  vastus_patient_page_reload (self);

  /* Translators: %s is the visit's date */
  title = date != NULL ? g_strdup_printf (_("Visit of %s deleted"), date)
                       : g_strdup (_("Visit deleted"));
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_timeout (t, 10);
  id = g_new (gint64, 1);
  *id = visit_id;
  g_object_set_data_full (G_OBJECT (t), "visit-id", id, g_free);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_object (t, "dismissed", G_CALLBACK (undo_dismissed_cb), self, 0);
  self->undo_toast = t;
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  return TRUE;
}

AdwToast *
vastus_patient_page_get_undo_toast (VastusPatientPage *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  return self->undo_toast;
}

GtkWidget *
vastus_patient_page_get_part (VastusPatientPage *self,
                              const char        *name)
{
  static const struct { const char *name; gsize offset; } parts[] = {
    { "name", G_STRUCT_OFFSET (VastusPatientPage, name_label) },
    { "details", G_STRUCT_OFFSET (VastusPatientPage, details_label) },
    { "episode", G_STRUCT_OFFSET (VastusPatientPage, episode_label) },
    { "episode-chooser", G_STRUCT_OFFSET (VastusPatientPage, episode_chooser) },
    { "view-stack", G_STRUCT_OFFSET (VastusPatientPage, view_stack) },
    { "status-list", G_STRUCT_OFFSET (VastusPatientPage, status_list) },
    { "measures-grid", G_STRUCT_OFFSET (VastusPatientPage, measures_grid) },
    { "visits-list", G_STRUCT_OFFSET (VastusPatientPage, visits_list) },
    { "set-chooser", G_STRUCT_OFFSET (VastusPatientPage, set_chooser) },
    { "criteria-group", G_STRUCT_OFFSET (VastusPatientPage, criteria_group) },
    { "criteria-list", G_STRUCT_OFFSET (VastusPatientPage, criteria_list) },
    { "charts-box", G_STRUCT_OFFSET (VastusPatientPage, charts_box) },
    { "chart-view", G_STRUCT_OFFSET (VastusPatientPage, chart_view) },
    { "chart-table", G_STRUCT_OFFSET (VastusPatientPage, chart_table) },
    { "chart-stack", G_STRUCT_OFFSET (VastusPatientPage, chart_stack) },
    { "chart-kind", G_STRUCT_OFFSET (VastusPatientPage, chart_kind_chooser) },
    { "chart-measure", G_STRUCT_OFFSET (VastusPatientPage, chart_measure_chooser) },
  };

  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);
  g_return_val_if_reached (NULL);
}
