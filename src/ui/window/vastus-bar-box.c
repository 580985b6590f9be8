/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-bar-box"

#include "config.h"

#include "vastus-bar-box.h"

#define SPACING 6
#define PLACE_KEY "vastus-bar-box-place"

struct _VastusBarBox
{
  GtkWidget parent_instance;
  gboolean  wrapped;
};

static void vastus_bar_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusBarBox, vastus_bar_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, vastus_bar_box_buildable_init))

static GtkBuildableIface *parent_buildable;

static VastusBarBoxPlace
place_of (GtkWidget *child)
{
  return (VastusBarBoxPlace) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), PLACE_KEY));
}

/* The sum of the visible children's minimum (or natural) widths with the spacing between them;
 * with or without the wrap child. */
static int
row_width (VastusBarBox *self,
           gboolean      with_wrap,
           gboolean      natural)
{
  int total = 0, n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_get_visible (child) || (!with_wrap && place_of (child) == VASTUS_BAR_BOX_WRAP))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      total += natural ? nat : min;
      n++;
    }
  return total + MAX (n - 1, 0) * SPACING;
}

/* Whether everything stands in one row @width wide: each child at its natural width (as it is
 * placed: a drop-down that could shorten its text is not shortened), the center child at its
 * minimum (it takes what is left). */
static gboolean
fits (VastusBarBox *self,
      int           width)
{
  int total = 0, n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      total += place_of (child) == VASTUS_BAR_BOX_CENTER ? min : nat;
      n++;
    }
  return width < 0 || width >= total + MAX (n - 1, 0) * SPACING;
}

static void
vastus_bar_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VastusBarBox *self = VASTUS_BAR_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int wrap_min = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child) && place_of (child) == VASTUS_BAR_BOX_WRAP)
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &wrap_min, NULL, NULL, NULL);
      *minimum = MAX (row_width (self, FALSE, FALSE), wrap_min);
      *natural = MAX (row_width (self, TRUE, TRUE), *minimum);
    }
  else
    {
      gboolean one_row = fits (self, for_size);
      int row_min = 0, row_nat = 0, wrap_min = 0, wrap_nat = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
          if (place_of (child) == VASTUS_BAR_BOX_WRAP && !one_row)
            wrap_min = min, wrap_nat = nat;
          else
            row_min = MAX (row_min, min), row_nat = MAX (row_nat, nat);
        }
      *minimum = row_min + (wrap_min > 0 ? SPACING + wrap_min : 0);
      *natural = row_nat + (wrap_nat > 0 ? SPACING + wrap_nat : 0);
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
place (GtkWidget *child,
       int        x,
       int        y,
       int        width,
       int        height)
{
  int min_height;

  /* Buttons keep their natural height, centred in the row. */
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (gtk_widget_get_valign (child) != GTK_ALIGN_FILL)
    {
      y += (height - min_height) / 2;
      height = min_height;
    }
  /* A row given less height than it asked for (a revealer's while it is closed, a window's first
   * guess while it is resized) overflows rather than squeezes its buttons. */
  height = MAX (height, min_height);
  gtk_widget_allocate (child, width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y)));
}

static void
vastus_bar_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VastusBarBox *self = VASTUS_BAR_BOX (widget);
  gboolean one_row = fits (self, width);
  int row_height = height, start = 0, end = width, min, nat;
  GtkWidget *center = NULL;

  self->wrapped = !one_row;
  if (!one_row)
    {
      int wrap_height = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child) && place_of (child) == VASTUS_BAR_BOX_WRAP)
          {
            gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &wrap_height, NULL, NULL, NULL);
            gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
            row_height = MAX (height - wrap_height - SPACING, 0);
            gtk_widget_allocate (child, MIN (nat, width), wrap_height, -1,
                                 gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, row_height + SPACING)));
          }
    }
  /* Start (and the wrap child in one row) from the left, end from the right. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VastusBarBoxPlace where = place_of (child);

      if (!gtk_widget_get_visible (child) || (where == VASTUS_BAR_BOX_WRAP && !one_row) ||
          where == VASTUS_BAR_BOX_END)
        continue;
      if (where == VASTUS_BAR_BOX_CENTER)
        {
          center = child;
          continue;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      place (child, start, 0, nat, row_height);
      start += nat + SPACING;
    }
  for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (gtk_widget_get_visible (child) && place_of (child) == VASTUS_BAR_BOX_END)
      {
        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
        end -= nat;
        place (child, end, 0, nat, row_height);
        end -= SPACING;
      }
  if (center != NULL)
    {
      gtk_widget_measure (center, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      place (center, start, 0, MAX (end - start, min), row_height);
    }
}

static GtkSizeRequestMode
vastus_bar_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vastus_bar_box_buildable_add_child (GtkBuildable *buildable,
                                    GtkBuilder   *builder,
                                    GObject      *child,
                                    const char   *type)
{
  static const char *const places[] = { "start", "center", "end", "wrap" };

  if (GTK_IS_WIDGET (child))
    {
      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        if (g_strcmp0 (type, places[i]) == 0 || (type == NULL && i == 0))
          {
            vastus_bar_box_add (VASTUS_BAR_BOX (buildable), GTK_WIDGET (child), (VastusBarBoxPlace) i);
            return;
          }
      g_warning ("VastusBarBox has no child type “%s”", type);
    }
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
vastus_bar_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = vastus_bar_box_buildable_add_child;
}

static void
vastus_bar_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (vastus_bar_box_parent_class)->dispose (object);
}

static void
vastus_bar_box_class_init (VastusBarBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_bar_box_dispose;
  widget_class->measure = vastus_bar_box_measure;
  widget_class->size_allocate = vastus_bar_box_size_allocate;
  widget_class->get_request_mode = vastus_bar_box_get_request_mode;
}

static void
vastus_bar_box_init (VastusBarBox *self)
{
}

GtkWidget *
vastus_bar_box_new (void)
{
  return g_object_new (VASTUS_TYPE_BAR_BOX, NULL);
}

void
vastus_bar_box_add (VastusBarBox      *self,
                    GtkWidget         *child,
                    VastusBarBoxPlace  place)
{
  g_return_if_fail (VASTUS_IS_BAR_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  g_object_set_data (G_OBJECT (child), PLACE_KEY, GINT_TO_POINTER (place));
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

gboolean
vastus_bar_box_get_wrapped (VastusBarBox *self)
{
  g_return_val_if_fail (VASTUS_IS_BAR_BOX (self), FALSE);
  return self->wrapped;
}
