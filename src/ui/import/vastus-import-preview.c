/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-preview"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-catalog.h"
#include "vastus-display.h"
#include "vastus-import-preview.h"
#include "vastus-import-table.h"
#include "vastus-units.h"

struct _VastusImportPreview
{
  AdwPreferencesPage   parent_instance;

  GPtrArray           *rows;         /* the rows added to the groups */
  gboolean             can_import;

  GtkLabel            *summary_label;
  AdwPreferencesGroup *problems_group;
  VastusImportTable   *rows_table;
  AdwPreferencesGroup *visits_group;
  AdwPreferencesGroup *notes_group;
};

G_DEFINE_FINAL_TYPE (VastusImportPreview, vastus_import_preview, ADW_TYPE_PREFERENCES_PAGE)


static void
clear_preview (VastusImportPreview *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (g_object_get_data (G_OBJECT (row),
                                                                              "group")), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
add_preview_row (VastusImportPreview *self,
                 AdwPreferencesGroup   *group,
                 const char            *title,
                 const char            *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (escaped != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  g_object_set_data (G_OBJECT (row), "group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* "Nordic hamstrings, left, trial 2: 312.5 N" */
static char *
value_text (const VastusImportValue *value)
{
  const VastusMeasurement *m = value->measurement;
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  const char *label = vastus_measure_get_short_label (measure);
  char number[32];
  g_autofree char *shown = NULL;

  /* A number as the file has it (unrounded, in its unit): what a person checks it against. */
  if (measure->kind == VASTUS_VALUE_NUMBER && m->unit != NULL &&
      vastus_unit_entered_text (m->unit, m->value, number))
    shown = g_strdup_printf ("%s %s", number, vastus_unit_symbol (m->unit));
  else
    shown = vastus_measure_format_value (measure, m->value, m->unit);

  if (m->side == VASTUS_SIDE_NONE)
    /* Translators: a measure and its value: "Pain: 2 points" */
    return g_strdup_printf (_("%s: %s"), label, shown);
  if (m->trial > 1)
    /* Translators: a measure, its side, the trial and the value: "Quadriceps HHD, left, trial 2: 26 kg" */
    return g_strdup_printf (_("%s, %s, trial %d: %s"), label,
                            m->side == VASTUS_SIDE_LEFT ? _("left") : _("right"), m->trial, shown);
  /* Translators: a measure, its side and the value: "Quadriceps HHD, left: 25.5 kg" */
  return g_strdup_printf (_("%s, %s: %s"), label, m->side == VASTUS_SIDE_LEFT ? _("left")
                                                                            : _("right"), shown);
}

static void
vastus_import_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_IMPORT_PREVIEW);
  G_OBJECT_CLASS (vastus_import_preview_parent_class)->dispose (object);
}

static void
vastus_import_preview_finalize (GObject *object)
{
  g_ptr_array_unref (VASTUS_IMPORT_PREVIEW (object)->rows);
  G_OBJECT_CLASS (vastus_import_preview_parent_class)->finalize (object);
}

static void
vastus_import_preview_class_init (VastusImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_import_preview_dispose;
  object_class->finalize = vastus_import_preview_finalize;

  g_type_ensure (VASTUS_TYPE_IMPORT_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-import-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusImportPreview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPreview, problems_group);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPreview, rows_table);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPreview, visits_group);
  gtk_widget_class_bind_template_child (widget_class, VastusImportPreview, notes_group);
}

static void
vastus_import_preview_init (VastusImportPreview *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
vastus_import_preview_new (void)
{
  return g_object_new (VASTUS_TYPE_IMPORT_PREVIEW, NULL);
}

void
vastus_import_preview_set (VastusImportPreview      *self,
                           GPtrArray                *rows,
                           const VastusImportResult *r)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (VASTUS_IS_IMPORT_PREVIEW (self));

  clear_preview (self);
  self->can_import = r->n_errors == 0 && r->n_measurements > 0;
  vastus_import_table_set_rows (self->rows_table, rows);
  vastus_import_table_set_errors (self->rows_table, r->errors);
  if (r->n_errors > 0)
    summary = g_strdup_printf (
      /* Translators: %u is how many problems the file has (listed below) */
      ngettext ("%u problem: nothing can be imported until it is corrected",
                "%u problems: nothing can be imported until they are corrected", r->n_errors),
      r->n_errors);
  else if (r->n_measurements == 0)
    summary = g_strdup (r->n_skipped > 0 ? _("Everything in the file is stored already: "
                                             "importing it adds nothing")
                                         : _("The file holds no values the columns read"));
  else
    {
      g_autofree char *visits = g_strdup_printf (ngettext ("%u new visit",
                                                              "%u new visits", r->n_visits),
                                                 r->n_visits);
      g_autofree char *values = g_strdup_printf (ngettext ("%u value",
                                                              "%u values", r->n_measurements),
                                                 r->n_measurements);

      /* Translators: "2 new visits and 4 values will be imported" */
      summary = g_strdup_printf (_("%s and %s will be imported"), visits, values);
    }
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), r->n_errors > 0);
  for (guint i = 0; i < r->errors->len; i++)
    {
      const VastusImportMessage *m = g_ptr_array_index (r->errors, i);
      GtkWidget *row = add_preview_row (self, self->problems_group, m->text, NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      /* Translators: the accessible name of an error icon in an
                                       * import's preview */
                                      _("Problem"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  if (r->n_errors > r->errors->len)
    {
      /* Translators: after a row's first errors in an import's preview: the number of the other
       * errors */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more",
                                                            "and %u more",
                                                            r->n_errors - r->errors->len),
                                               r->n_errors - r->errors->len);

      add_preview_row (self, self->problems_group, more, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->visits_group), r->visits->len > 0);
  for (guint i = 0; i < r->visits->len; i++)
    {
      const VastusImportVisit *v = g_ptr_array_index (r->visits, i);
      char date[VASTUS_DISPLAY_DATE_SIZE];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GString) values = g_string_new (NULL);

      vastus_display_date_month (&v->date, VASTUS_DISPLAY_DAY_MONTH_YEAR, date);
      /* Translators: a patient's name, MRN and a visit's date: "Jane Doe (FX-1) · 14 Mar 2026" */
      title = g_strdup_printf (_("%s (%s) · %s"), v->name, v->mrn, date);
      for (guint k = 0; k < v->values->len; k++)
        {
          g_autofree char *text = value_text (g_ptr_array_index (v->values, k));

          g_string_append_printf (values, "%s%s", k > 0 ? "\n" : "", text);
        }
      /* Translators: "New visit, line 2" or "Added to the stored visit, line 2", then values */
      subtitle = g_strdup_printf (v->added ? _("New visit, from line %u\n%s")
                                           /* Translators: %u is the line of the file, %s the
                                            * values read from it */
                                           : _("Added to the stored visit, from line %u\n%s"),
                                  v->line, values->str);
      add_preview_row (self, self->visits_group, title, subtitle);
    }
  if (r->n_visits_stored > r->visits->len)
    {
      /* Translators: after the first visits of the file listed; %u is how many more it has */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more visit",
                                                            "and %u more visits",
                                                            r->n_visits_stored - r->visits->len),
                                               r->n_visits_stored - r->visits->len);

      add_preview_row (self, self->visits_group, more, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), r->warnings->len > 0);
  for (guint i = 0; i < r->warnings->len; i++)
    add_preview_row (self, self->notes_group, g_ptr_array_index (r->warnings, i), NULL);
}

gboolean
vastus_import_preview_can_import (VastusImportPreview *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_PREVIEW (self), FALSE);
  return self->can_import;
}

GtkWidget *
vastus_import_preview_get_part (VastusImportPreview *self,
                                const char          *name)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_PREVIEW (self), NULL);

  if (g_str_equal (name, "summary"))
    return GTK_WIDGET (self->summary_label);
  if (g_str_equal (name, "problems"))
    return GTK_WIDGET (self->problems_group);
  if (g_str_equal (name, "visits"))
    return GTK_WIDGET (self->visits_group);
  if (g_str_equal (name, "notes"))
    return GTK_WIDGET (self->notes_group);
  if (g_str_equal (name, "rows"))
    return GTK_WIDGET (self->rows_table);
  return NULL;
}
