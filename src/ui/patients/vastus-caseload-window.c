/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-caseload-window"

#include "config.h"

#include <math.h>

#include "vastus-i18n.h"

#include "vastus-bar-box.h"
#include "vastus-caseload-line.h"
#include "vastus-caseload-window-private.h"
#include "vastus-display.h"
#include "vastus-settings.h"

/* How long a read may take before the spinner shows. */
#define SPINNER_DELAY_MS 150
/* Changes that come together are read once. */
#define REFRESH_DELAY_MS 200

G_DEFINE_FINAL_TYPE (VastusCaseloadWindow, vastus_caseload_window, ADW_TYPE_WINDOW)

enum { SHOW_PATIENT, N_SIGNALS };
static guint signals [N_SIGNALS];

static void read_caseload (VastusCaseloadWindow *self);

static const VastusCaseloadRow *
row_of (gpointer item)
{
  return vastus_caseload_item_get_row (VASTUS_CASELOAD_ITEM (item));
}

/* The filters */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  VastusCaseloadWindow *self = user_data;
  const VastusCaseloadRow *row = row_of (item);
  guint condition = gtk_drop_down_get_selected (self->condition_dropdown);
  guint therapist = gtk_drop_down_get_selected (self->therapist_dropdown);

  if (gtk_toggle_button_get_active (self->mine_button))
    {
      const char *me = vastus_clinic_get_actor (self->clinic);

      if (me == NULL || g_strcmp0 (row->treating_therapist, me) != 0)
        return FALSE;
    }
  /* 0: every condition; then the conditions in their order. */
  if (condition != GTK_INVALID_LIST_POSITION && condition > 0
      && (guint) row->condition != condition - 1)
    return FALSE;
  if (therapist == 1 && row->treating_therapist != NULL)
    return FALSE;
  if (therapist != GTK_INVALID_LIST_POSITION && therapist > 1
      && g_strcmp0 (row->treating_therapist,
                    gtk_string_list_get_string (self->therapists, therapist)) != 0)
    return FALSE;
  return TRUE;
}

static void
update_count (VastusCaseloadWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (shown), n_due = 0;
  g_autofree char *patients = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      n_due += row_of (item)->due;
    }
  /* Translators: the first part of the caseload's count, e.g. "12 patients" */
  patients = g_strdup_printf (ngettext ("%u patient", "%u patients", n), n);
  /* Translators: the caseload's count: "12 patients", then how many of them are due */
  text = g_strdup_printf (ngettext ("%s, %u due for re-test", "%s, %u due for re-test", n_due),
                          patients, n_due);
  /* Under the title: it stays whole on a narrow screen, where the filters need the width. */
  adw_window_title_set_subtitle (self->window_title, text);
  if (!self->loaded)
    return;
  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      adw_status_page_set_description (self->empty_page,
                                       g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0
                                       ? _("No active patient matches these filters.")
                                       : _("A patient with an episode of care who is not archived is listed here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static int
compare_collated (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The therapist filter lists every name in the caseload, keeping the one chosen. */
static void
fill_therapists (VastusCaseloadWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->therapist_dropdown), n;
  guint position = 0;

  if (selected > 1 && selected != GTK_INVALID_LIST_POSITION)
    chosen = g_strdup (gtk_string_list_get_string (self->therapists, selected));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *name = row_of (item)->treating_therapist;
      gboolean seen = FALSE;

      for (guint j = 0; name != NULL && j < names->len && !seen; j++)
        seen = g_str_equal (names->pdata[j], name);
      if (name != NULL && !seen)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_collated);
  if (chosen != NULL)
    for (guint j = 0; j < names->len; j++)
      if (g_str_equal (names->pdata[j], chosen))
        position = j + 2;
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->therapists, 2,
                          g_list_model_get_n_items (G_LIST_MODEL (self->therapists)) - 2,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->therapist_dropdown, selected == 1 ? 1 : position);
}

/* Reading */

static gboolean
show_spinner_cb (gpointer user_data)
{
  VastusCaseloadWindow *self = user_data;

  self->spinner_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  return G_SOURCE_REMOVE;
}

static void
caseload_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VastusCaseloadWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = vastus_clinic_list_caseload_finish (VASTUS_CLINIC (source), result,
                                                                   &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  if (rows == NULL)
    {
      g_message ("Cannot read the caseload: %s", error->message);
      adw_status_page_set_title (self->empty_page, _("Could Not Read the Caseload"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  self->loaded = TRUE;
  {
    guint n = g_list_model_get_n_items (rows);
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (rows, i));
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         items->pdata, items->len);
  }
  fill_therapists (self);
  update_count (self);
  if (self->stale)
    {
      self->stale = FALSE;
      read_caseload (self);
    }
}

static void
read_caseload (VastusCaseloadWindow *self)
{
  const VastusClinicRulebook *book = vastus_clinic_get_rules (self->clinic);
  VastusClinicRules rules;
  /* The worker reads it: its own copies of the ids. */
  g_autoptr(GHashTable) defaults = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (self->reading)
    {
      self->stale = TRUE;
      return;
    }
  self->reading = TRUE;
  vastus_clinic_get_clinic_rules (self->clinic, &rules);
  for (VastusCondition c = 0; book != NULL && c < VASTUS_N_CONDITIONS; c++)
    if (book->default_sets[c] != NULL)
      g_hash_table_insert (defaults, (gpointer) vastus_condition_to_string (c),
                           g_strdup (book->default_sets[c]));
  if (!self->loaded && self->spinner_id == 0)
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
  vastus_clinic_list_caseload_async (self->clinic, NULL, &rules,
                                     vastus_clinic_get_retest_weeks (self->clinic), defaults,
                                     self->cancellable, caseload_read_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  VastusCaseloadWindow *self = user_data;

  self->refresh_id = 0;
  read_caseload (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (VastusCaseloadWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

/* The cells */

static char *
cell_text (const VastusCaseloadRow *row,
           Column                   column)
{
  char date[VASTUS_DISPLAY_DATE_SIZE];

  switch (column)
    {
    case COLUMN_PATIENT:
      /* Translators: the caseload's patient: a name, then the MRN */
      return g_strdup_printf (C_("caseload patient", "%s, %s"), row->name, row->mrn);
    case COLUMN_THERAPIST:
      return vastus_caseload_therapist_text (row);
    case COLUMN_CONDITION:
      return vastus_caseload_condition_text (row);
    case COLUMN_WEEKS:
      return isnan (row->weeks_since) ? g_strdup ("—") : vastus_display_number_dup (row->weeks_since, 1);
    case COLUMN_LAST_VISIT:
      return g_strdup (g_date_valid (&row->last_visit)
                         ? vastus_display_date (&row->last_visit, date)
                         /* Translators: the caseload's last visit cell when the patient has had
                          * no visit yet */
                         : _("None yet"));
    case COLUMN_CRITERIA:
      if (row->criteria_set == NULL)
        return g_strdup ("—");
      /* Translators: criteria met of those in the set, e.g. "5 of 9" */
      return g_strdup_printf (_("%u of %u"), row->met, row->n_criteria);
    case COLUMN_FLAGS:
      {
        char *flags = vastus_caseload_flags_text (row);

        return flags != NULL ? flags : g_strdup ("—");
      }
    case COLUMN_DUE:
      /* Translators: the caseload's re-test cell: due, or not yet */
      return g_strdup (row->due ? _("Due") : "—");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int chars;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Nothing is cut ("Knietotalendop…", "Hüftabduktion ohne erfass…" in German): the table
   * shows only where it fits whole (else the lines take its place), and the columns of text
   * that can be long wrap within a width of their own. So the table's width, and whether it
   * shows, depends on the window alone: never on the names in the rows made so far (a long
   * one scrolled to would flip the window to the lines, and lose the place). */
  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_PATIENT: chars = 22; break;
    case COLUMN_FLAGS: chars = 20; break;
    case COLUMN_CONDITION: chars = 22; break;
    case COLUMN_THERAPIST: chars = 16; break;
    default: chars = 0; break;
    }
  if (chars > 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), chars);
    }
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  const VastusCaseloadRow *row = row_of (gtk_list_item_get_item (list_item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = cell_text (row, column);

  if (column == COLUMN_PATIENT)
    {
      g_autofree char *name = g_markup_escape_text (row->name, -1);
      g_autofree char *mrn = g_markup_escape_text (row->mrn, -1);
      g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", name, mrn);

      gtk_label_set_markup (label, markup);
    }
  else
    gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  if (column == COLUMN_FLAGS && row->flags[0] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  if (column == COLUMN_DUE && row->due)
    gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  if (column == COLUMN_FLAGS || column == COLUMN_THERAPIST)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
filter_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
filter_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
}

static GtkListItemFactory *
filter_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (filter_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (filter_bind_cb), NULL);
  return factory;
}

static void
add_column (VastusCaseloadWindow *self,
            Column                column,
            const char           *title,
            gboolean              expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter = _vastus_caseload_window_new_sorter (self, column);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->view, view_column);
  self->columns[column] = view_column;
  g_object_unref (sorter);
  g_object_unref (view_column);
}

/* The narrow lines */

static void
line_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, vastus_caseload_line_new ());
}

static void
line_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  vastus_caseload_line_set_row (VASTUS_CASELOAD_LINE (gtk_list_item_get_child (list_item)),
                                row_of (gtk_list_item_get_item (list_item)));
}

/* Whether the lines show rather than the table. */
static gboolean
is_narrow (VastusCaseloadWindow *self)
{
  return adw_squeezer_get_visible_child (self->squeezer) == GTK_WIDGET (self->lines_scroller);
}

/* Without the table's headers the order is chosen from the sort menu; and a screen reader
 * reads the layout shown, not the one the squeezer keeps aside (GTK 4.8 presents it, with the
 * rows it showed last, as if it were there). */
static void
update_layout (VastusCaseloadWindow *self)
{
  gboolean narrow = is_narrow (self);

  gtk_widget_set_visible (GTK_WIDGET (self->sort_button), narrow);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->table_scroller),
                               GTK_ACCESSIBLE_STATE_HIDDEN, narrow, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->lines_scroller),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !narrow, -1);
}

/* After the allocation that squeezed the table out, or let it back in. */
static gboolean
update_layout_cb (gpointer user_data)
{
  VastusCaseloadWindow *self = user_data;

  self->squeezed_id = 0;
  update_layout (self);
  return G_SOURCE_REMOVE;
}

static void
squeezed_cb (VastusCaseloadWindow *self)
{
  if (self->squeezed_id == 0)
    self->squeezed_id = g_idle_add (update_layout_cb, self);
}

/* Callbacks */

static void
filter_changed_cb (VastusCaseloadWindow *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
actor_changed_cb (VastusCaseloadWindow *self)
{
  const char *me = vastus_clinic_get_actor (self->clinic);
  g_autofree char *tooltip = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->mine_button), me != NULL);
  if (me == NULL)
    gtk_toggle_button_set_active (self->all_button, TRUE);
  tooltip = me != NULL
              /* Translators: %s is the name of the clinician entering data */
              ? g_strdup_printf (_("The patients %s treats"), me)
              : g_strdup (_("Choose who is entering data first"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mine_button), tooltip);
  filter_changed_cb (self);
}

static void
activate_cb (VastusCaseloadWindow *self,
             guint                 position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item == NULL)
    return;
  g_signal_emit (self, signals[SHOW_PATIENT], 0, row_of (item)->patient_id);
  /* The patient's page comes forward; the caseload stays open behind it (Ctrl+L brings it back). */
  if (self->parent != NULL)
    gtk_window_present (self->parent);
}

static void
shown_changed_cb (VastusCaseloadWindow *self)
{
  update_count (self);
}

/* Overrides */

static void
vastus_caseload_window_dispose (GObject *object)
{
  VastusCaseloadWindow *self = VASTUS_CASELOAD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->squeezed_id, g_source_remove);
  if (self->clinic != NULL)
    g_signal_handlers_disconnect_by_data (self->clinic, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  _vastus_caseload_window_dispose_sort (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_CASELOAD_WINDOW);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->therapists);
  g_clear_object (&self->clinic);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (vastus_caseload_window_parent_class)->dispose (object);
}

static void
vastus_caseload_window_class_init (VastusCaseloadWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_caseload_window_dispose;
  _vastus_caseload_window_class_init_sort (klass);
  g_type_ensure (VASTUS_TYPE_BAR_BOX);

  signals [SHOW_PATIENT] =
    g_signal_new ("show-patient", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vastus/Vastus/vastus-caseload-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, all_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, condition_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, mine_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, lines);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, lines_scroller);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, squeezer);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, therapist_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, view);
  gtk_widget_class_bind_template_child (widget_class, VastusCaseloadWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, squeezed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_caseload_window_init (VastusCaseloadWindow *self)
{
  g_autoptr(GtkStringList) conditions = gtk_string_list_new (NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* On a narrow screen the filters' buttons cut their text; their lists show it whole. */
  {
    g_autoptr(GtkListItemFactory) cut = filter_factory (TRUE);
    g_autoptr(GtkListItemFactory) whole = filter_factory (FALSE);

    gtk_drop_down_set_factory (self->condition_dropdown, cut);
    gtk_drop_down_set_factory (self->therapist_dropdown, cut);
    gtk_drop_down_set_list_factory (self->condition_dropdown, whole);
    gtk_drop_down_set_list_factory (self->therapist_dropdown, whole);
  }

  /* Translators: the caseload's condition filter: no filter */
  gtk_string_list_append (conditions, _("All Conditions"));
  for (int c = 0; c <= VASTUS_CONDITION_OTHER; c++)
    gtk_string_list_append (conditions, vastus_condition_label ((VastusCondition) c));
  gtk_drop_down_set_model (self->condition_dropdown, G_LIST_MODEL (conditions));
  self->therapists = gtk_string_list_new (NULL);
  /* Translators: the caseload's therapist filter: no filter */
  gtk_string_list_append (self->therapists, _("All Therapists"));
  /* Translators: the caseload's therapist filter: episodes that name no treating therapist */
  gtk_string_list_append (self->therapists, _("Therapist Not Named"));
  gtk_drop_down_set_model (self->therapist_dropdown, G_LIST_MODEL (self->therapists));

  add_column (self, COLUMN_PATIENT, _("Patient"), FALSE);
  add_column (self, COLUMN_THERAPIST, _("Treating Therapist"), FALSE);
  add_column (self, COLUMN_CONDITION, _("Condition"), FALSE);
  /* Translators: a column: weeks since surgery, else since the injury */
  add_column (self, COLUMN_WEEKS, _("Weeks"), FALSE);
  /* Translators: a column header of the caseload (title case): the date of the patient's most
   * recent visit */
  add_column (self, COLUMN_LAST_VISIT, _("Last Visit"), FALSE);
  /* Translators: a column: criteria met of the set in force */
  add_column (self, COLUMN_CRITERIA, _("Criteria Met"), FALSE);
  /* Translators: a column of the caseload: when the patient is due for a re-test */
  add_column (self, COLUMN_DUE, _("Re-test"), FALSE);
  /* Last: it takes the width left, and a long flag wraps there. */
  add_column (self, COLUMN_FLAGS, _("Safety Flags"), TRUE);

  self->rows = g_list_store_new (VASTUS_TYPE_CASELOAD_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorter = gtk_column_view_get_sorter (self->view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (sorter));
  /* The table and the lines show the same rows, and the same one chosen. */
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
  gtk_column_view_set_model (self->view, selection);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (line_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (line_bind_cb), NULL);
    gtk_grid_view_set_factory (self->lines, factory);
    gtk_grid_view_set_model (self->lines, selection);
  }
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (shown_changed_cb), self);
  _vastus_caseload_window_init_sort (self);
  update_layout (self);
  gtk_column_view_sort_by_column (self->view,
                                  g_list_model_get_item (gtk_column_view_get_columns (self->view),
                                                         COLUMN_PATIENT),
                                  GTK_SORT_ASCENDING);
}

/* Public API */

GtkWidget *
vastus_caseload_window_new (GtkWindow    *parent,
                            VastusClinic *clinic)
{
  VastusCaseloadWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  /* A window of its own, not kept above the main window: the patient opened from it comes to the
   * front there. */
  self = g_object_new (VASTUS_TYPE_CASELOAD_WINDOW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->clinic = g_object_ref (clinic);
  /* No larger than the main window: on a narrow screen it opens as narrow. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                   MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char *const changes[] = { "patient-changed", "episode-changed", "visit-changed",
                                             "criteria-set-changed" };

      g_signal_connect_swapped (clinic, changes[i], G_CALLBACK (changed_cb), self);
    }
  g_signal_connect_swapped (clinic, "reloaded", G_CALLBACK (changed_cb), self);
  /* The clinic's rules judge the lines: a change to them, here or elsewhere, reads them again. */
  g_signal_connect_swapped (clinic, "notify::rules", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (clinic, "notify::actor", G_CALLBACK (actor_changed_cb), self);
  actor_changed_cb (self);
  read_caseload (self);
  return GTK_WIDGET (self);
}

gboolean
vastus_caseload_window_get_loaded (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), FALSE);
  return self->loaded;
}

GListModel *
vastus_caseload_window_get_shown (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
vastus_caseload_window_get_view (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->view;
}

GtkGridView *
vastus_caseload_window_get_lines (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->lines;
}

gboolean
vastus_caseload_window_get_narrow (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), FALSE);
  return is_narrow (self);
}

GtkMenuButton *
vastus_caseload_window_get_sort_button (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->sort_button;
}

GtkToggleButton *
vastus_caseload_window_get_mine_button (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->mine_button;
}

GtkDropDown *
vastus_caseload_window_get_condition_dropdown (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->condition_dropdown;
}

GtkDropDown *
vastus_caseload_window_get_therapist_dropdown (VastusCaseloadWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_CASELOAD_WINDOW (self), NULL);
  return self->therapist_dropdown;
}
