/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-table"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-chart-axis.h"
#include "vastus-chart-table.h"
#include "vastus-prom-chart.h"
#include "vastus-value.h"

struct _VastusChartTable
{
  GtkWidget       parent_instance;

  GPtrArray      *titles;     /* of char*, one per column */
  GPtrArray      *rows;       /* of GStrv, one cell per column */
  GtkStringList  *model;      /* one item per row: what the column view counts */

  GtkWidget      *scrolled;
  GtkColumnView  *column_view;
};

G_DEFINE_FINAL_TYPE (VastusChartTable, vastus_chart_table, GTK_TYPE_WIDGET)


/* Cells */

static const char *
status_text (VastusChartStatus status)
{
  switch (status)
    {
    /* Translators: in the chart table, a criterion reached at that visit */
    case VASTUS_CHART_STATUS_MET: return _("✓ met");
    /* Translators: in the chart table, a criterion not reached at that visit */
    case VASTUS_CHART_STATUS_NOT_MET: return _("✗ not met");
    case VASTUS_CHART_STATUS_NOT_TESTED: return _("not tested");
    case VASTUS_CHART_STATUS_NONE:
    default: return NULL;
    }
}

static char *
format_value (double             value,
              const char        *unit,
              VastusChartStatus  status)
{
  g_autofree char *number = NULL;
  const char *status_str = status_text (status);

  if (!isfinite (value))
    /* Translators: a chart table cell for a measure not taken at that visit */
    return g_strdup (_("not measured"));
  number = vastus_display_number_dup (value, 1);
  if (unit != NULL && unit[0] != '\0')
    {
      char *with_unit = g_strdup_printf ("%s %s", number, unit);

      g_free (number);
      number = with_unit;
    }
  if (status_str == NULL)
    return g_steal_pointer (&number);
  /* Translators: a value and whether its criterion is met, "91.5 % ✓ met" */
  return g_strdup_printf (_("%s %s"), number, status_str);
}

static char *
format_date (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return vastus_display_date_dup (&date);
}

/* The first columns of visit @i: date, and weeks when there is an index date. */
static void
add_time_cells (GPtrArray                 *cells,
                const VastusChartTimeline *time,
                guint                      i)
{
  g_ptr_array_add (cells, format_date (time->dates[i]));
  if (time->index_date != 0)
    g_ptr_array_add (cells, vastus_display_number_dup (((double) time->dates[i] - time->index_date) / 7.0, 1));
}

static void
add_time_titles (GPtrArray                 *titles,
                 const VastusChartTimeline *time)
{
  g_ptr_array_add (titles, g_strdup (_("Date")));
  if (time->index_date != 0)
    {
      if (time->weeks_title != NULL)
        g_ptr_array_add (titles, g_strdup (time->weeks_title));
      else
        g_ptr_array_add (titles, g_strdup (_("Weeks")));
    }
}

static void
add_row (VastusChartTable *self,
         GPtrArray        *cells)
{
  g_assert (cells->len == self->titles->len);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (self->rows, g_ptr_array_free (cells, FALSE));
}

static void
fill_symmetry (VastusChartTable              *self,
               const VastusSymmetryChartData *d)
{
  add_time_titles (self->titles, &d->time);
  for (guint s = 0; s < d->series->len; s++)
    g_ptr_array_add (self->titles,
                     g_strdup (((VastusChartSeries *) g_ptr_array_index (d->series, s))->label));
  for (guint i = 0; i < d->time.n_visits; i++)
    {
      GPtrArray *cells = g_ptr_array_new ();

      add_time_cells (cells, &d->time, i);
      for (guint s = 0; s < d->series->len; s++)
        {
          const VastusChartSeries *series = g_ptr_array_index (d->series, s);

          g_ptr_array_add (cells, format_value (series->values[i], "%", series->status[i]));
        }
      add_row (self, cells);
    }
}

/* A column per score, a row per visit that scored the questionnaire. */
static void
fill_prom (VastusChartTable          *self,
           const VastusPromChartData *d)
{
  add_time_titles (self->titles, &d->time);
  for (guint k = 0; k < d->series->len; k++)
    g_ptr_array_add (self->titles, g_strdup (((VastusChartSeries *) g_ptr_array_index (d->series, k))->label));
  for (guint i = 0; i < d->time.n_visits; i++)
    {
      GPtrArray *cells = g_ptr_array_new ();

      add_time_cells (cells, &d->time, i);
      for (guint k = 0; k < d->series->len; k++)
        {
          const VastusChartSeries *series = g_ptr_array_index (d->series, k);

          g_ptr_array_add (cells, format_value (series->values[i], NULL, series->status[i]));
        }
      add_row (self, cells);
    }
}

static void
fill_progress (VastusChartTable              *self,
               const VastusProgressChartData *d)
{
  add_time_titles (self->titles, &d->time);
  g_ptr_array_add (self->titles, g_strdup (d->involved->label));
  g_ptr_array_add (self->titles, g_strdup (d->uninvolved->label));

  if (isfinite (d->baseline_involved) || isfinite (d->baseline_uninvolved))
    {
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (d->baseline_label != NULL ? d->baseline_label
                                                                  : _("pre-op")));
      if (d->time.index_date != 0)
        g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, format_value (d->baseline_involved, d->unit,
                                            VASTUS_CHART_STATUS_NONE));
      g_ptr_array_add (cells, format_value (d->baseline_uninvolved, d->unit,
                                            VASTUS_CHART_STATUS_NONE));
      add_row (self, cells);
    }
  for (guint i = 0; i < d->time.n_visits; i++)
    {
      GPtrArray *cells = g_ptr_array_new ();

      add_time_cells (cells, &d->time, i);
      g_ptr_array_add (cells, format_value (d->involved->values[i], d->unit,
                                            d->involved->status[i]));
      g_ptr_array_add (cells, format_value (d->uninvolved->values[i], d->unit,
                                            d->uninvolved->status[i]));
      add_row (self, cells);
    }
}

/* A column per girth difference measured, in the chart's unit, then effusion. */
static void
fill_girth (VastusChartTable           *self,
            const VastusGirthChartData *d)
{
  g_autoptr(GPtrArray) lengths = NULL;

  lengths = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_chart_series_free);

  add_time_titles (self->titles, &d->time);
  if (vastus_chart_series_has_values (d->girth))
    g_ptr_array_add (lengths, vastus_girth_chart_data_display_series (d, d->girth));
  if (vastus_chart_series_has_values (d->knee))
    g_ptr_array_add (lengths, vastus_girth_chart_data_display_series (d, d->knee));
  for (guint k = 0; k < lengths->len; k++)
    {
      const VastusChartSeries *series = g_ptr_array_index (lengths, k);

      g_ptr_array_add (self->titles,
                       g_strdup (series->label != NULL
                                   ? series->label
                                   /* Translators: a column header of the chart's table (title
                                    * case): the difference in thigh or knee girth between the
                                    * knees */
                                   : _("Girth Difference")));
    }
  g_ptr_array_add (self->titles, g_strdup (_("Effusion")));
  for (guint i = 0; i < d->time.n_visits; i++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      int grade = d->effusion != NULL ? d->effusion[i] : -1;

      add_time_cells (cells, &d->time, i);
      for (guint k = 0; k < lengths->len; k++)
        {
          const VastusChartSeries *series = g_ptr_array_index (lengths, k);

          g_ptr_array_add (cells, format_value (series->values[i], vastus_girth_chart_data_unit (d),
                                                series->status[i]));
        }
      if (grade < VASTUS_GRADE_ZERO || grade > VASTUS_GRADE_3PLUS)
        g_ptr_array_add (cells, g_strdup (_("not measured")));
      else
        g_ptr_array_add (cells, g_strdup (vastus_grade_display (grade)));
      add_row (self, cells);
    }
}

static void
fill_criteria (VastusChartTable              *self,
               const VastusCriteriaChartData *d)
{
  add_time_titles (self->titles, &d->time);
  for (guint r = 0; r < d->rows->len; r++)
    g_ptr_array_add (self->titles,
                     g_strdup (((VastusCriteriaChartRow *) g_ptr_array_index (d->rows, r))->label));
  for (guint i = 0; i < d->time.n_visits; i++)
    {
      GPtrArray *cells = g_ptr_array_new ();

      add_time_cells (cells, &d->time, i);
      for (guint r = 0; r < d->rows->len; r++)
        {
          const VastusCriteriaChartRow *row = g_ptr_array_index (d->rows, r);
          const char *text = status_text (row->status[i]);

          g_ptr_array_add (cells, g_strdup (text != NULL ? text : ""));
        }
      add_row (self, cells);
    }
}

/* Columns */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               VastusChartTable         *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              VastusChartTable         *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      vastus_chart_table_get_cell (self, row, column));
}

static void
clear_columns (VastusChartTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
rebuild (VastusChartTable *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;

  /* The old rows are gone already: detach them before columns are added (adding a column
   * binds every shown row at once). */
  gtk_column_view_set_model (self->column_view, NULL);
  clear_columns (self);
  for (guint c = 0; c < self->titles->len; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      column = gtk_column_view_column_new (g_ptr_array_index (self->titles, c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
  for (guint r = 0; r < self->rows->len; r++)
    gtk_string_list_append (model, ((char **) g_ptr_array_index (self->rows, r))[0]);
  g_set_object (&self->model, model);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

/* GObject */

static void
vastus_chart_table_dispose (GObject *object)
{
  VastusChartTable *self = VASTUS_CHART_TABLE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_CHART_TABLE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (vastus_chart_table_parent_class)->dispose (object);
}

static void
vastus_chart_table_finalize (GObject *object)
{
  VastusChartTable *self = VASTUS_CHART_TABLE (object);

  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (vastus_chart_table_parent_class)->finalize (object);
}

static void
vastus_chart_table_class_init (VastusChartTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_chart_table_dispose;
  object_class->finalize = vastus_chart_table_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-chart-table.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusChartTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, VastusChartTable, scrolled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vastus-chart-table");
}

static void
vastus_chart_table_init (VastusChartTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->titles = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Public API */

GtkWidget *
vastus_chart_table_new (void)
{
  return g_object_new (VASTUS_TYPE_CHART_TABLE, NULL);
}

void
vastus_chart_table_set_data (VastusChartTable *self,
                             VastusChartKind   kind,
                             gconstpointer     data)
{
  const char *title = NULL;

  g_return_if_fail (VASTUS_IS_CHART_TABLE (self));

  g_ptr_array_set_size (self->titles, 0);
  g_ptr_array_set_size (self->rows, 0);
  if (data != NULL)
    switch (kind)
      {
      case VASTUS_CHART_KIND_SYMMETRY:
        fill_symmetry (self, data);
        title = ((const VastusSymmetryChartData *) data)->title;
        break;
      case VASTUS_CHART_KIND_PROGRESS:
        fill_progress (self, data);
        title = ((const VastusProgressChartData *) data)->title;
        break;
      case VASTUS_CHART_KIND_GIRTH:
        fill_girth (self, data);
        title = ((const VastusGirthChartData *) data)->title;
        break;
      case VASTUS_CHART_KIND_PROM:
        fill_prom (self, data);
        title = ((const VastusPromChartData *) data)->title;
        break;
      case VASTUS_CHART_KIND_CRITERIA:
      default:
        fill_criteria (self, data);
        title = ((const VastusCriteriaChartData *) data)->title;
        break;
      }
  rebuild (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: read out by a screen reader: the table of the
                                   * chart's values */
                                  title != NULL ? title : _("Chart values"),
                                  -1);
}

guint
vastus_chart_table_get_n_rows (VastusChartTable *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_TABLE (self), 0);
  return self->rows->len;
}

guint
vastus_chart_table_get_n_columns (VastusChartTable *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_TABLE (self), 0);
  return self->titles->len;
}

const char *
vastus_chart_table_get_column_title (VastusChartTable *self,
                                     guint             column)
{
  g_return_val_if_fail (VASTUS_IS_CHART_TABLE (self), NULL);
  g_return_val_if_fail (column < self->titles->len, NULL);
  return g_ptr_array_index (self->titles, column);
}

const char *
vastus_chart_table_get_cell (VastusChartTable *self,
                             guint             row,
                             guint             column)
{
  g_return_val_if_fail (VASTUS_IS_CHART_TABLE (self), NULL);
  g_return_val_if_fail (row < self->rows->len && column < self->titles->len, NULL);
  return ((char **) g_ptr_array_index (self->rows, row))[column];
}

GtkColumnView *
vastus_chart_table_get_column_view (VastusChartTable *self)
{
  g_return_val_if_fail (VASTUS_IS_CHART_TABLE (self), NULL);
  return self->column_view;
}
