/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-list"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-patient-item.h"
#include "vastus-patient-row.h"

typedef struct
{
  GtkBox            *box;
  GtkLabel          *text;          /* name, and the details below it */
  GtkLabel          *demo;          /* NULL until needed */
  GtkLabel          *last_visit;
  VastusPatientItem *item;
  gulong             changed_handler;
} Row;

/* The row holds its item while bound: GTK may drop the list item's own reference before the
 * row data goes. */
static void
row_unbind (Row *row)
{
  if (row->item != NULL)
    g_clear_signal_handler (&row->changed_handler, row->item);
  g_clear_object (&row->item);
}

static void
row_free (Row *row)
{
  row_unbind (row);
  g_free (row);
}

static gboolean
demo_query_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("A fictional patient, for trying Vastus out"));
  return TRUE;
}

static GtkLabel *
row_label (float xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return GTK_LABEL (label);
}

/* Tooltips are asked for when shown: gtk_widget_set_tooltip_text () on a shown widget asks the
 * X server where the pointer is, a round trip per row. */
static void
row_show_demo (Row      *row,
               gboolean  demo)
{
  if (demo && row->demo == NULL)
    {
      row->demo = row_label (0.5);
      /* Translators: a tag beside a demo patient's name in the patient list */
      gtk_label_set_label (row->demo, _("Demo"));
      gtk_widget_add_css_class (GTK_WIDGET (row->demo), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (row->demo), "caption");
      gtk_widget_set_has_tooltip (GTK_WIDGET (row->demo), TRUE);
      g_signal_connect (row->demo, "query-tooltip", G_CALLBACK (demo_query_tooltip_cb), NULL);
      gtk_box_insert_child_after (row->box, GTK_WIDGET (row->demo), GTK_WIDGET (row->text));
    }
  if (row->demo != NULL)
    gtk_widget_set_visible (GTK_WIDGET (row->demo), demo);
}

/* The list reads as a list of patients: GtkGridView's items are grid cells, so each row's item
 * says it is a list item (once: its role is set before it is first shown) and names its patient. */
static void
row_update_accessible (Row *row)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (row->box));
  g_autofree char *label = NULL;

  if (item == NULL)
    return;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    g_object_set (item, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM, NULL);
  /* Translators: a patient in the list for a screen reader: name, details (MRN, age), the
   * last visit ("Last visit 2026-11-17" or "No visits yet") */
  label = g_strdup_printf (_("%s, %s, %s"), vastus_patient_item_get_name (row->item),
                           vastus_patient_item_get_details (row->item),
                           vastus_patient_item_get_last_visit_tooltip (row->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
row_update (Row *row)
{
  /* The label is a .heading; the details look like a .caption.dim-label. */
  g_autofree char *markup =
    g_markup_printf_escaped ("%s\n<span weight=\"normal\" size=\"9pt\" alpha=\"55%%\" "
                             "line_height=\"1.15\">%s</span>",
                             vastus_patient_item_get_name (row->item),
                             vastus_patient_item_get_details (row->item));

  gtk_label_set_markup (row->text, markup);
  row_show_demo (row, vastus_patient_item_get_patient (row->item)->demo);
  gtk_label_set_label (row->last_visit, vastus_patient_item_get_last_visit_text (row->item));
  row_update_accessible (row);
}

static gboolean
last_visit_query_tooltip_cb (GtkWidget  *label,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip,
                             Row        *row)
{
  if (row->item == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, vastus_patient_item_get_last_visit_tooltip (row->item));
  return TRUE;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Row *row = g_new0 (Row, 1);

  row->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  gtk_widget_set_margin_top (GTK_WIDGET (row->box), 3);
  gtk_widget_set_margin_bottom (GTK_WIDGET (row->box), 3);
  row->text = row_label (0);
  gtk_label_set_ellipsize (row->text, PANGO_ELLIPSIZE_END);   /* each line */
  gtk_widget_add_css_class (GTK_WIDGET (row->text), "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (row->text), TRUE);
  gtk_box_append (row->box, GTK_WIDGET (row->text));
  row->last_visit = row_label (1);
  gtk_widget_add_css_class (GTK_WIDGET (row->last_visit), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->last_visit), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->last_visit), "numeric");
  gtk_widget_set_has_tooltip (GTK_WIDGET (row->last_visit), TRUE);
  g_signal_connect (row->last_visit, "query-tooltip", G_CALLBACK (last_visit_query_tooltip_cb),
                    row);
  gtk_box_append (row->box, GTK_WIDGET (row->last_visit));

  g_object_set_data_full (G_OBJECT (list_item), "vastus-row", row, (GDestroyNotify) row_free);
  gtk_list_item_set_child (list_item, GTK_WIDGET (row->box));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "vastus-row");
  VastusPatientItem *item = gtk_list_item_get_item (list_item);

  row_unbind (row);
  /* No item: the patients changed under the model, which reloads soon. */
  if (item == NULL)
    {
      gtk_label_set_label (row->text, "");
      gtk_label_set_label (row->last_visit, "");
      row_show_demo (row, FALSE);
      return;
    }

  row->item = g_object_ref (item);
  row->changed_handler = g_signal_connect_swapped (item, "changed", G_CALLBACK (row_update), row);
  row_update (row);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "vastus-row");

  if (row != NULL)
    row_unbind (row);
}

GtkListItemFactory *
vastus_patient_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  g_signal_connect (factory, "teardown", G_CALLBACK (row_unbind_cb), NULL);
  return factory;
}
