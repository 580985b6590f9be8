/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-wrap-box"

#include "config.h"

#include "vastus-wrap-box.h"

#define SPACING 12      /* between two children of a row */
#define ROW_SPACING 6   /* between two rows */

struct _VastusWrapBox
{
  GtkWidget parent_instance;
  guint     rows;
  gboolean  centred;
};

enum { PROP_0, PROP_CENTRED, N_PROPS };
static GParamSpec *properties [N_PROPS];

/* In a .ui file, GtkWidget's own <child> parents each child to the box. */
G_DEFINE_FINAL_TYPE (VastusWrapBox, vastus_wrap_box, GTK_TYPE_WIDGET)

/* Where a child goes: its row, its x in the row (the row not yet centred), its width. */
typedef struct
{
  GtkWidget *child;
  guint      row;
  int        x;
  int        width;
} Place;

/* The visible children placed in rows @width wide (-1: one row), into @places; returns the
 * number of rows, their widths in @row_widths and heights in @row_heights (each as long as the
 * number of visible children). */
static guint
lay_out (GtkWidget *widget,
         int        width,
         Place     *places,
         int       *row_widths,
         int       *row_heights)
{
  guint n = 0, row = 0;
  int x = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural, height;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (width >= 0)
        natural = MIN (natural, width);
      if (x > 0 && width >= 0 && x + SPACING + natural > width)
        {
          row++;
          x = 0;
        }
      if (x == 0)
        row_widths[row] = row_heights[row] = 0;
      else
        x += SPACING;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, natural, &height, NULL, NULL, NULL);
      places[n++] = (Place) { child, row, x, natural };
      x += natural;
      row_widths[row] = x;
      row_heights[row] = MAX (row_heights[row], height);
    }
  return n > 0 ? row + 1 : 0;
}

static guint
count_visible (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_get_visible (child) ? 1 : 0;
  return n;
}

static GtkSizeRequestMode
vastus_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vastus_wrap_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  guint n = count_visible (widget);
  g_autofree Place *places = g_new (Place, MAX (n, 1));
  g_autofree int *row_widths = g_new (int, MAX (n, 1));
  g_autofree int *row_heights = g_new (int, MAX (n, 1));

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At the least as wide as the widest child's minimum; at best all in one row. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child))
          {
            int child_min;

            gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
            *minimum = MAX (*minimum, child_min);
          }
      if (n > 0)
        {
          lay_out (widget, -1, places, row_widths, row_heights);
          *natural = MAX (row_widths[0], *minimum);
        }
    }
  else
    {
      guint rows = lay_out (widget, for_size, places, row_widths, row_heights);

      for (guint r = 0; r < rows; r++)
        *minimum += row_heights[r] + (r > 0 ? ROW_SPACING : 0);
      *natural = *minimum;
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
vastus_wrap_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VastusWrapBox *self = VASTUS_WRAP_BOX (widget);
  guint n = count_visible (widget);
  g_autofree Place *places = g_new (Place, MAX (n, 1));
  g_autofree int *row_widths = g_new (int, MAX (n, 1));
  g_autofree int *row_heights = g_new (int, MAX (n, 1));
  g_autofree int *row_tops = g_new (int, MAX (n, 1));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  self->rows = lay_out (widget, width, places, row_widths, row_heights);
  for (guint r = 0; r < self->rows; r++)
    row_tops[r] = r == 0 ? 0 : row_tops[r - 1] + row_heights[r - 1] + ROW_SPACING;
  for (guint i = 0; i < n; i++)
    {
      const Place *p = &places[i];
      int x = (self->centred ? (width - row_widths[p->row]) / 2 : 0) + p->x;
      int y = row_tops[p->row];
      int child_height = row_heights[p->row];

      if (rtl)
        x = width - x - p->width;
      /* A child shorter than its row is centred in it, as in a GtkBox. */
      if (gtk_widget_get_valign (p->child) != GTK_ALIGN_FILL)
        {
          int min_height;

          gtk_widget_measure (p->child, GTK_ORIENTATION_VERTICAL, p->width, &min_height, NULL, NULL, NULL);
          y += (child_height - min_height) / 2;
          child_height = min_height;
        }
      gtk_widget_allocate (p->child, p->width, child_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y)));
    }
}

static void
vastus_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (vastus_wrap_box_parent_class)->dispose (object);
}

static void
vastus_wrap_box_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VastusWrapBox *self = VASTUS_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_CENTRED:
      g_value_set_boolean (value, self->centred);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_wrap_box_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VastusWrapBox *self = VASTUS_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_CENTRED:
      vastus_wrap_box_set_centred (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_wrap_box_class_init (VastusWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_wrap_box_dispose;
  object_class->get_property = vastus_wrap_box_get_property;
  object_class->set_property = vastus_wrap_box_set_property;
  properties [PROP_CENTRED] =
    g_param_spec_boolean ("centred", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->get_request_mode = vastus_wrap_box_get_request_mode;
  widget_class->measure = vastus_wrap_box_measure;
  widget_class->size_allocate = vastus_wrap_box_size_allocate;
}

static void
vastus_wrap_box_init (VastusWrapBox *self)
{
  self->centred = TRUE;
}

GtkWidget *
vastus_wrap_box_new (void)
{
  return g_object_new (VASTUS_TYPE_WRAP_BOX, NULL);
}

void
vastus_wrap_box_append (VastusWrapBox *self,
                        GtkWidget     *child)
{
  g_return_if_fail (VASTUS_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
vastus_wrap_box_set_centred (VastusWrapBox *self,
                             gboolean       centred)
{
  g_return_if_fail (VASTUS_IS_WRAP_BOX (self));

  centred = !!centred;
  if (self->centred == centred)
    return;
  self->centred = centred;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRED]);
}

guint
vastus_wrap_box_get_rows (VastusWrapBox *self)
{
  g_return_val_if_fail (VASTUS_IS_WRAP_BOX (self), 0);

  return self->rows;
}
