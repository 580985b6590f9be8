/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-measure-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vastus-measure-chooser.h"

/* On the drop-down: the measure codes of its items after "Choose…" (GPtrArray of const char*). */
#define CODES_KEY "vastus-measure-codes"

GtkDropDown *
vastus_measure_chooser_new (const char *accessible_name)
{
  GtkDropDown *chooser = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  g_autoptr(GtkExpression) label = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                "string");

  gtk_drop_down_set_enable_search (chooser, TRUE);
  gtk_drop_down_set_expression (chooser, label);
  gtk_widget_set_valign (GTK_WIDGET (chooser), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_object_set_data_full (G_OBJECT (chooser), CODES_KEY, g_ptr_array_new (),
                          (GDestroyNotify) g_ptr_array_unref);
  return chooser;
}

void
vastus_measure_chooser_fill (GtkDropDown            *chooser,
                             VastusMeasureShownFunc  shown,
                             gpointer                user_data)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (chooser), CODES_KEY);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_if_fail (codes != NULL);

  g_ptr_array_set_size (codes, 0);
  /* Translators: the first item of "Add a measure": nothing chosen yet */
  gtk_string_list_append (labels, _("Choose…"));
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (i);

      if (shown (measure->code, user_data))
        continue;
      g_ptr_array_add (codes, (gpointer) measure->code);
      gtk_string_list_append (labels, vastus_measure_get_label (measure));
    }
  gtk_drop_down_set_model (chooser, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (chooser, 0);
}

const VastusMeasure *
vastus_measure_chooser_get_selected (GtkDropDown *chooser)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (chooser), CODES_KEY);
  guint selected = gtk_drop_down_get_selected (chooser);

  g_return_val_if_fail (codes != NULL, NULL);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > codes->len)
    return NULL;
  return vastus_catalog_lookup (codes->pdata[selected - 1]);
}
