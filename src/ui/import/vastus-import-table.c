/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-table"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-import-table.h"
#include "vastus-tooltip.h"

/* A cell shows this many characters at most; its tooltip has the whole text. */
#define CELL_CHARS 24

struct _VastusImportTable
{
  AdwBin      parent_instance;

  GtkGrid    *grid;
  guint       n_lines;
  guint       n_columns;
};

G_DEFINE_FINAL_TYPE (VastusImportTable, vastus_import_table, ADW_TYPE_BIN)

static GtkLabel *
cell_label (const char *text,
            gboolean    header)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (text));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  /* At least its text, up to CELL_CHARS: the grid scrolls sideways rather than cut every cell. */
  gtk_label_set_width_chars (label, MIN ((int) g_utf8_strlen (text, -1), CELL_CHARS));
  gtk_label_set_max_width_chars (label, CELL_CHARS);
  gtk_label_set_selectable (label, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (label), header ? "heading" : "import-cell");
  if (g_utf8_strlen (text, -1) > CELL_CHARS)
    vastus_set_tooltip (GTK_WIDGET (label), text);
  return label;
}

static void
clear (VastusImportTable *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->n_lines = self->n_columns = 0;
}

static void
vastus_import_table_class_init (VastusImportTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "vastus-import-table");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vastus_import_table_init (VastusImportTable *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_widget_add_css_class (scrolled, "card");
  adw_bin_set_child (ADW_BIN (self), scrolled);
  /* The scrolled window takes the keyboard (arrows scroll it): it says what it holds. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The file’s first rows"), -1);
}

GtkWidget *
vastus_import_table_new (void)
{
  return g_object_new (VASTUS_TYPE_IMPORT_TABLE, NULL);
}

void
vastus_import_table_set_rows (VastusImportTable *self,
                              GPtrArray         *rows)
{
  g_return_if_fail (VASTUS_IS_IMPORT_TABLE (self));

  clear (self);
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      char number[16];
      GtkLabel *line;

      /* The line in the file: what an error names. */
      g_snprintf (number, sizeof number, "%u", r + 1);
      line = cell_label (number, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (line), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (line), "numeric");
      {
        /* Translators: %u is a line number of a file */
        g_autofree char *name = g_strdup_printf (_("Line %u"), r + 1);

        gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      }
      gtk_grid_attach (self->grid, GTK_WIDGET (line), 0, (int) r, 1, 1);
      for (guint c = 0; cells[c] != NULL; c++)
        gtk_grid_attach (self->grid, GTK_WIDGET (cell_label (cells[c], r == 0)), (int) c + 1,
                         (int) r, 1, 1);
      self->n_columns = MAX (self->n_columns, g_strv_length (cells));
    }
  self->n_lines = rows != NULL ? rows->len : 0;
}

GtkLabel *
vastus_import_table_get_cell (VastusImportTable *self,
                              guint              line,
                              guint              column)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_TABLE (self), NULL);

  if (line == 0 || line > self->n_lines)
    return NULL;
  return GTK_LABEL (gtk_grid_get_child_at (self->grid, (int) column, (int) line - 1));
}

/* Marks @label with @message (or unmarks it, @message NULL): its tooltip and accessible
 * description say the problem, else the whole text of a cell cut short. */
static void
mark (GtkLabel   *label,
      const char *message)
{
  const char *text = gtk_label_get_text (label);

  if (message == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      vastus_set_tooltip (GTK_WIDGET (label), g_utf8_strlen (text, -1) > CELL_CHARS ? text : NULL);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  vastus_set_tooltip (GTK_WIDGET (label), message);
}

guint
vastus_import_table_set_errors (VastusImportTable *self,
                                GPtrArray         *errors)
{
  guint shown = 0;

  g_return_val_if_fail (VASTUS_IS_IMPORT_TABLE (self), 0);

  for (guint line = 1; line <= self->n_lines; line++)
    for (guint c = 0; c <= self->n_columns; c++)
      {
        GtkLabel *label = vastus_import_table_get_cell (self, line, c);

        if (label != NULL)
          mark (label, NULL);
      }
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const VastusImportMessage *m = g_ptr_array_index (errors, i);
      GtkLabel *label = vastus_import_table_get_cell (self, m->line, m->column);

      if (label == NULL)
        continue;
      /* A cell's own message; a row's, at its line number. */
      mark (label, m->text);
      shown++;
    }
  return shown;
}
