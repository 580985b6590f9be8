/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-date-row"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-date-row.h"
#include "vastus-display.h"

void
vastus_date_row_show_pattern (AdwEntryRow *row)
{
  char pattern[VASTUS_DISPLAY_DATE_SIZE];
  GtkWidget *label;
  GtkEditable *text;
  g_autofree char *description = NULL;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  vastus_display_date_pattern (pattern);
  label = gtk_label_new (pattern);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* Read with the field (its description), not as a label of its own. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_entry_row_add_suffix (row, label);

  /* Translators: how a date field wants its date, for a screen reader; %s is the date form,
   * such as DD.MM.YYYY */
  description = g_strdup_printf (_("Written as %s"), pattern);
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (text != NULL ? GTK_WIDGET (text) : GTK_WIDGET (row)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}
