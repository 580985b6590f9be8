/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-measure-chooser"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-measure-chooser.h"

/* On the drop-down: the measure codes of its items after "Choose…" (GPtrArray of const char*). */
#define CODES_KEY "vastus-measure-codes"

/* The first descendant of @widget of @type (or @widget), NULL when none. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_search_idle_cb (gpointer search)
{
  if (gtk_widget_get_mapped (search))
    gtk_widget_grab_focus (search);
  return G_SOURCE_REMOVE;
}

static void
popover_mapped_cb (GtkWidget *popover,
                   GtkWidget *search)
{
  /* After GTK has put the keyboard on the list. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, focus_search_idle_cb, g_object_ref (search),
                   g_object_unref);
}

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
  /* Typed as the list opens, the measure is searched for: GTK 4.8 puts the keyboard on the
   * list, where typing does nothing (and Space picks an item), so the search field takes it. */
  {
    GtkWidget *popover = find_descendant (GTK_WIDGET (chooser), GTK_TYPE_POPOVER);
    GtkWidget *search = popover != NULL ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;

    if (search != NULL)
      {
        g_signal_connect_object (popover, "map", G_CALLBACK (popover_mapped_cb), search, 0);
        /* The list follows each character at once (a few dozen measures need no pause). */
        gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (search), 0);
      }
  }
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
