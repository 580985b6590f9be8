/* vastus-caseload-window-sort.c: the caseload's order
 *
 * One order, the table's (its GtkColumnViewSorter sorts the rows shown, a click on a column's
 * header chooses it), which the sort menu shows and chooses where the narrow lines have taken
 * the table's place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-caseload-window"

#include "config.h"

#include <math.h>

#include "vastus-caseload-window-private.h"

enum { PROP_0, PROP_SORT_BY, PROP_SORT_ORDER, N_PROPS };
static GParamSpec *properties [N_PROPS];

/* The menu's names of the columns, by Column. */
static const char *const sort_names[N_COLUMNS] = {
  [COLUMN_PATIENT] = "patient",
  [COLUMN_THERAPIST] = "therapist",
  [COLUMN_CONDITION] = "condition",
  [COLUMN_WEEKS] = "weeks",
  [COLUMN_LAST_VISIT] = "last-visit",
  [COLUMN_CRITERIA] = "criteria",
  [COLUMN_FLAGS] = "flags",
  [COLUMN_DUE] = "re-test",
};

/* Each column compares the rows by its own value, then by name. */

static int
compare_names (const VastusCaseloadRow *a,
               const VastusCaseloadRow *b)
{
  int c = g_utf8_collate (a->name, b->name);

  return c != 0 ? c : g_strcmp0 (a->mrn, b->mrn);
}

static int
compare_number (double a,
                double b)
{
  /* Unknown last. */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortKey *key = user_data;
  const VastusCaseloadRow *ra = vastus_caseload_item_get_row ((gpointer) a);
  const VastusCaseloadRow *rb = vastus_caseload_item_get_row ((gpointer) b);
  int c = 0;

  if (key->window->probing && key->window->probed < 0)
    key->window->probed = key->column;
  switch (key->column)
    {
    case COLUMN_PATIENT:
      break;
    case COLUMN_THERAPIST:
      if ((ra->treating_therapist == NULL) != (rb->treating_therapist == NULL))
        c = ra->treating_therapist == NULL ? 1 : -1;
      else if (ra->treating_therapist != NULL)
        c = g_utf8_collate (ra->treating_therapist, rb->treating_therapist);
      break;
    case COLUMN_CONDITION:
      c = g_utf8_collate (vastus_condition_label (ra->condition),
                          vastus_condition_label (rb->condition));
      break;
    case COLUMN_WEEKS:
      c = compare_number (ra->weeks_since, rb->weeks_since);
      break;
    case COLUMN_LAST_VISIT:
      if (g_date_valid (&ra->last_visit) != g_date_valid (&rb->last_visit))
        c = g_date_valid (&ra->last_visit) ? 1 : -1;
      else if (g_date_valid (&ra->last_visit))
        c = g_date_compare (&ra->last_visit, &rb->last_visit);
      break;
    case COLUMN_CRITERIA:
      c = compare_number (ra->n_criteria > 0 ? (double) ra->met / ra->n_criteria : NAN,
                          rb->n_criteria > 0 ? (double) rb->met / rb->n_criteria : NAN);
      break;
    case COLUMN_FLAGS:
      c = (int) g_strv_length (ra->flags) - (int) g_strv_length (rb->flags);
      break;
    case COLUMN_DUE:
      c = ra->due - rb->due;
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return c != 0 ? c : compare_names (ra, rb);
}

GtkSorter *
_vastus_caseload_window_new_sorter (VastusCaseloadWindow *self,
                                    Column                column)
{
  self->keys[column] = (SortKey) { self, column };
  return GTK_SORTER (gtk_custom_sorter_new (compare_rows, &self->keys[column], NULL));
}

/* The table's order. GTK 4.8 does not tell it (GtkColumnViewSorter's getters came in 4.10), so
 * the table's sorter compares two lines that differ by their names alone: the first column's
 * sorter it consults is the column it sorts by, and it sorts descending where its answer is the
 * other way round from the names' ("a" before "b"). FALSE when no column sorts. */
static gboolean
read_order (VastusCaseloadWindow *self,
            Column               *column,
            gboolean             *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->view);
  GtkOrdering order;

  self->probing = TRUE;
  self->probed = -1;
  order = gtk_sorter_compare (sorter, self->probes[0], self->probes[1]);
  self->probing = FALSE;
  if (self->probed < 0)
    return FALSE;
  *column = (Column) self->probed;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

static void
show_order (VastusCaseloadWindow *self)
{
  gtk_menu_button_set_icon_name (self->sort_button,
                                 self->descending ? "view-sort-descending-symbolic"
                                                  : "view-sort-ascending-symbolic");
}

/* The table's order changed (a click on a header, or the menu): the menu follows. */
static void
sorter_changed_cb (VastusCaseloadWindow *self)
{
  Column column;
  gboolean descending;

  if (!read_order (self, &column, &descending))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (column != self->sort_column)
    {
      self->sort_column = column;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_BY]);
    }
  if (descending != self->descending)
    {
      self->descending = descending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
    }
  show_order (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sort (VastusCaseloadWindow *self,
      Column                column,
      gboolean              descending)
{
  gtk_column_view_sort_by_column (self->view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  VastusCaseloadWindow *self = VASTUS_CASELOAD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SORT_BY:
      g_value_set_string (value, sort_names[self->sort_column]);
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->descending ? "descending" : "ascending");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_property (GObject      *object,
              guint         prop_id,
              const GValue *value,
              GParamSpec   *pspec)
{
  VastusCaseloadWindow *self = VASTUS_CASELOAD_WINDOW (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_SORT_BY:
      for (Column c = 0; c < N_COLUMNS; c++)
        if (g_strcmp0 (text, sort_names[c]) == 0)
          {
            sort (self, c, self->descending);
            return;
          }
      g_warning ("The caseload has no column “%s” to sort by", text);
      break;
    case PROP_SORT_ORDER:
      if (g_strcmp0 (text, "ascending") != 0 && g_strcmp0 (text, "descending") != 0)
        g_warning ("The caseload sorts “ascending” or “descending”, not “%s”", text);
      else
        sort (self, self->sort_column, g_str_equal (text, "descending"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_vastus_caseload_window_class_init_sort (VastusCaseloadWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = get_property;
  object_class->set_property = set_property;
  properties [PROP_SORT_BY] =
    g_param_spec_string ("sort-by", NULL, NULL, sort_names[COLUMN_PATIENT],
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "ascending",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "caseload.sort-by", "sort-by");
  gtk_widget_class_install_property_action (widget_class, "caseload.sort-order", "sort-order");
}

void
_vastus_caseload_window_init_sort (VastusCaseloadWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->probes); i++)
    {
      g_autoptr(VastusCaseloadRow) row = g_new0 (VastusCaseloadRow, 1);

      row->mrn = g_strdup ("");
      row->name = g_strdup (i == 0 ? "a" : "b");
      row->weeks_since = 0;
      g_date_clear (&row->last_visit, 1);
      row->flags = g_new0 (char *, 1);
      row->flag_briefs = g_new0 (char *, 1);
      self->probes[i] = vastus_caseload_item_new (g_steal_pointer (&row));
    }
  self->sort_column = COLUMN_PATIENT;
  self->descending = FALSE;
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_vastus_caseload_window_dispose_sort (VastusCaseloadWindow *self)
{
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  for (guint i = 0; i < G_N_ELEMENTS (self->probes); i++)
    g_clear_object (&self->probes[i]);
}
