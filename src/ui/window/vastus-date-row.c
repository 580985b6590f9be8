/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-date-row"

#include "config.h"

#include "vastus-date-row.h"
#include "vastus-display.h"

void
vastus_date_row_show_pattern (AdwEntryRow *row)
{
  char pattern[VASTUS_DISPLAY_DATE_SIZE];
  GtkWidget *label;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  vastus_display_date_pattern (pattern);
  label = gtk_label_new (pattern);
  gtk_widget_add_css_class (label, "dim-label");
  /* In small type: a hint beside the field, which leaves the row's title room to be read whole
   * at 360 px ("No Maximal Testing Before" was cut beside "DD.MM.YYYY"). */
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (row, label);
}
