/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-caseload-line"

#include "config.h"

#include <math.h>

#include "vastus-i18n.h"

#include "vastus-caseload-line.h"
#include "vastus-display.h"
#include "vastus-wrap-box.h"

struct _VastusCaseloadLine
{
  GtkBox     parent_instance;

  GtkLabel  *name_label;
  GtkLabel  *mrn_label;
  GtkLabel  *criteria_label;
  GtkLabel  *condition_label;
  GtkLabel  *weeks_label;
  GtkLabel  *visit_label;
  GtkLabel  *therapist_label;
  GtkLabel  *due_label;
  GtkWidget *flags_box;
  GtkLabel  *flags_label;
};

G_DEFINE_FINAL_TYPE (VastusCaseloadLine, vastus_caseload_line, GTK_TYPE_BOX)

/* The texts the table shares */

char *
vastus_caseload_therapist_text (const VastusCaseloadRow *row)
{
  /* Translators: the caseload's therapist cell when the episode names nobody */
  return g_strdup (row->treating_therapist != NULL ? row->treating_therapist : _("Not named"));
}

char *
vastus_caseload_condition_text (const VastusCaseloadRow *row)
{
  /* Translators: a condition, then the involved side, e.g. "ACL reconstruction, left" */
  return g_strdup_printf (C_("caseload condition", "%s, %s"), vastus_condition_label (row->condition),
                          vastus_side_label (row->involved_side));
}

char *
vastus_caseload_flags_text (const VastusCaseloadRow *row)
{
  return row->flag_briefs[0] != NULL ? g_strjoinv (", ", row->flag_briefs) : NULL;
}

/* The line's own texts: each says what it is without a column header. */

static char *
criteria_text (const VastusCaseloadRow *row)
{
  if (row->criteria_set == NULL)
    /* Translators: on a caseload's line on a narrow screen: the condition has no set of
     * criteria in force */
    return g_strdup (_("No criteria set"));
  /* Translators: on a caseload's line on a narrow screen: criteria met of those in the set in
   * force, e.g. "5 of 9 met" */
  return g_strdup_printf (_("%u of %u met"), row->met, row->n_criteria);
}

static char *
weeks_text (const VastusCaseloadRow *row)
{
  g_autofree char *number = NULL;

  if (isnan (row->weeks_since))
    /* Translators: on a caseload's line on a narrow screen: the episode has neither date, so
     * no weeks since either */
    return g_strdup (_("No surgery or injury date"));
  number = vastus_display_number_dup (row->weeks_since, 1);
  /* The table's weeks, in the words of a verdict's time since surgery ("13 weeks"). */
  return g_strdup_printf (_("%s weeks"), number);
}

static char *
visit_text (const VastusCaseloadRow *row)
{
  char date[VASTUS_DISPLAY_DATE_SIZE];

  if (!g_date_valid (&row->last_visit))
    /* Translators: on a caseload's line on a narrow screen: the patient has had no visit */
    return g_strdup (_("No visit yet"));
  return g_strdup_printf (_("Last visit %s"), vastus_display_date (&row->last_visit, date));
}

static char *
therapist_text (const VastusCaseloadRow *row)
{
  if (row->treating_therapist == NULL)
    /* Translators: on a caseload's line on a narrow screen: the episode names no treating
     * therapist */
    return g_strdup (_("Therapist not named"));
  return g_strdup (row->treating_therapist);
}

/* Overrides */

static void
vastus_caseload_line_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_CASELOAD_LINE);
  G_OBJECT_CLASS (vastus_caseload_line_parent_class)->dispose (object);
}

static void
vastus_caseload_line_class_init (VastusCaseloadLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_caseload_line_dispose;
  g_type_ensure (VASTUS_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vastus/Vastus/vastus-caseload-line.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, condition_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, criteria_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, due_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, flags_box);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, flags_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, mrn_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, name_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, therapist_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, visit_label);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadLine, weeks_label);
}

static void
vastus_caseload_line_init (VastusCaseloadLine *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
vastus_caseload_line_new (void)
{
  return g_object_new (VASTUS_TYPE_CASELOAD_LINE, NULL);
}

void
vastus_caseload_line_set_row (VastusCaseloadLine      *self,
                              const VastusCaseloadRow *row)
{
  g_autofree char *patient = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *visit = NULL;
  g_autofree char *therapist = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (VASTUS_IS_CASELOAD_LINE (self));

  if (row == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  criteria = criteria_text (row);
  condition = vastus_caseload_condition_text (row);
  weeks = weeks_text (row);
  visit = visit_text (row);
  therapist = therapist_text (row);
  flags = vastus_caseload_flags_text (row);
  gtk_label_set_text (self->name_label, row->name);
  gtk_label_set_text (self->mrn_label, row->mrn);
  gtk_label_set_text (self->criteria_label, criteria);
  gtk_label_set_text (self->condition_label, condition);
  gtk_label_set_text (self->weeks_label, weeks);
  gtk_label_set_text (self->visit_label, visit);
  gtk_label_set_text (self->therapist_label, therapist);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), row->due);
  gtk_label_set_text (self->flags_label, flags != NULL ? flags : "");
  gtk_widget_set_visible (self->flags_box, flags != NULL);

  /* What a screen reader says of the line: all of it, what does not hold included. */
  /* Translators: the caseload's patient: a name, then the MRN */
  patient = g_strdup_printf (C_("caseload patient", "%s, %s"), row->name, row->mrn);
  summary = g_strjoin ("; ", patient, criteria, condition, weeks, visit, therapist,
                       row->due ? gtk_label_get_text (self->due_label)
                                /* Translators: read out by a screen reader on a caseload's line:
                                 * the patient is not due for a re-test */
                                : _("Not due for re-test"),
                       flags != NULL ? flags
                                     /* Translators: read out by a screen reader on a caseload's
                                      * line: no safety flag holds */
                                     : _("No safety flags"),
                       NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}
