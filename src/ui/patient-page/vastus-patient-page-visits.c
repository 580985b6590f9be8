/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-page"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-patient-page-private.h"
#include "vastus-visit-item.h"
#include "vastus-tooltip.h"
#include "vastus-visit-summary.h"

/* Strength measures tried in order for a visit's one-line summary. */
static const char * const summary_strength[] = {
  "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd",
};

/* "Quadriceps MVIC LSI 88.0 % · Flexion 132° · Pain 2" */
static char *
visit_summary (VastusPatientPage *self,
               guint              index)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  VastusSymmetry sym;

  for (guint i = 0; i < G_N_ELEMENTS (summary_strength); i++)
    if (vastus_symmetry_compute (self->history, index, summary_strength[i], &sym) &&
        !isnan (sym.lsi))
      {
        g_autofree char *lsi = _vastus_patient_page_format_percent (sym.lsi);

        /* Translators: a measure's short name and its limb symmetry index */
        g_ptr_array_add (parts, g_strdup_printf (_("%s LSI %s"),
                                                 vastus_measure_get_short_label (sym.measure), lsi));
        break;
      }
  if (vastus_symmetry_compute (self->history, index, "single_hop", &sym) && !isnan (sym.lsi))
    {
      g_autofree char *lsi = _vastus_patient_page_format_percent (sym.lsi);

      g_ptr_array_add (parts, g_strdup_printf (_("%s LSI %s"),
                                               vastus_measure_get_short_label (sym.measure), lsi));
    }
  if (vastus_symmetry_compute (self->history, index, "knee_flexion", &sym))
    {
      double flexion = !isnan (sym.involved) ? sym.involved
                       : (isnan (sym.left) ? sym.right : isnan (sym.right) ? sym.left
                                                         : MIN (sym.left, sym.right));

      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      if (!isnan (flexion))
        /* Translators: knee flexion in degrees */
        g_ptr_array_add (parts, g_strdup_printf (_("Flexion %s°"), vastus_display_number (flexion, 0, shown)));
    }
  if (vastus_symmetry_compute (self->history, index, "pain_nrs", &sym) && !isnan (sym.value))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      /* Translators: the pain rating 0–10 (a number with its decimal mark) */
      g_ptr_array_add (parts, g_strdup_printf (_("Pain %s"), vastus_display_number_exact (sym.value, shown)));
    }
  if (parts->len == 0)
    return g_strdup (_("No key measures recorded"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
visit_when (VastusPatientPage *self,
            const VastusVisit *visit)
{
  const GDate *index = vastus_episode_get_index_date (self->history->episode);
  g_autofree char *date = _vastus_patient_page_format_date (&visit->date);
  int weeks;

  if (index == NULL)
    return g_steal_pointer (&date);
  if (g_date_compare (&visit->date, index) < 0)
    return g_strdup_printf (g_date_valid (&self->history->episode->surgery_date)
                              /* Translators: a visit of the list; %s is its date */
                              ? _("%s · before surgery")
                              /* Translators: a visit of the list; %s is its date */
                              : _("%s · before injury"),
                            date);
  weeks = (int) floor (vastus_date_weeks_between (index, &visit->date));
  /* Translators: a visit's date and the week since surgery or injury */
  return g_strdup_printf (_("%s · week %d"), date, weeks);
}

/* Where a visit is in the history (oldest first), or G_MAXUINT. */
static guint
history_index (VastusPatientPage *self,
               gint64             visit_id)
{
  for (guint i = 0; self->history != NULL && i < vastus_history_get_n_visits (self->history); i++)
    if (vastus_history_get_visit (self->history, i)->id == visit_id)
      return i;
  return G_MAXUINT;
}

/* A row of the visits list: recycled by the view, bound to one visit at a time. */
typedef struct
{
  VastusPatientPage *page;     /* not owned: the page owns the view */
  GtkLabel          *title;
  GtkLabel          *summary;
  GtkLabel          *lease;      /* who else is editing the visit */
  GtkButton         *delete_button;
  VastusVisitItem   *item;
  gulong             handler;
} VisitRow;

static void
visit_row_update (VisitRow *row)
{
  VastusPatientPage *self = row->page;
  const VastusVisit *visit = vastus_visit_item_get_visit (row->item);
  guint index = history_index (self, visit->id);
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *date = _vastus_patient_page_format_date (&visit->date);
  g_autofree char *delete_tooltip = NULL;

  const char *lease = self->lease_notices != NULL
                      ? g_hash_table_lookup (self->lease_notices, &visit->id) : NULL;

  gtk_label_set_text (row->lease, lease != NULL ? lease : "");
  gtk_widget_set_visible (GTK_WIDGET (row->lease), lease != NULL);
  /* The history is rebuilt after the visits: the row shows it when it has the visit. */
  if (index == G_MAXUINT)
    return;
  when = visit_when (self, visit);
  if (visit->clinician != NULL && visit->clinician[0] != '\0')
    title = g_strdup_printf ("%s · %s", when, visit->clinician);
  else
    title = g_strdup (when);
  summary = visit_summary (self, index);
  gtk_label_set_text (row->title, title);
  gtk_label_set_text (row->summary, summary);
  /* The button's description names the visit. (Its label is set once, in setup: in GTK 4.8,
   * updating an accessible property of a widget in a bound list row keeps the list's parent
   * alive.) */
  /* Translators: %s is a date */
  delete_tooltip = g_strdup_printf (_("Delete the visit of %s"), date);
  vastus_set_tooltip (GTK_WIDGET (row->delete_button), delete_tooltip);
}

static void
visit_row_unbind (VisitRow *row)
{
  if (row->item != NULL)
    g_clear_signal_handler (&row->handler, row->item);
  g_clear_object (&row->item);
}

static void
visit_row_free (VisitRow *row)
{
  visit_row_unbind (row);
  g_ptr_array_remove_fast (row->page->visit_rows, row);
  g_free (row);
}

static void
delete_clicked_cb (VisitRow *row)
{
  if (row->item != NULL)
    vastus_patient_page_delete_visit (row->page, vastus_visit_item_get_id (row->item));
}

static GtkLabel *
row_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  return label;
}

static void
visit_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                VastusPatientPage        *self)
{
  VisitRow *row = g_new0 (VisitRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *next = gtk_image_new_from_icon_name ("go-next-symbolic");

  row->page = self;
  g_ptr_array_add (self->visit_rows, row);
  row->title = row_label (NULL);
  row->summary = row_label ("dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->summary), "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->summary));
  row->lease = row_label ("warning");
  gtk_widget_add_css_class (GTK_WIDGET (row->lease), "caption");
  gtk_widget_set_name (GTK_WIDGET (row->lease), "visit-lease");
  gtk_widget_set_visible (GTK_WIDGET (row->lease), FALSE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->lease));
  gtk_box_append (GTK_BOX (box), texts);

  row->delete_button = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_widget_set_name (GTK_WIDGET (row->delete_button), "delete-visit");
  gtk_widget_set_valign (GTK_WIDGET (row->delete_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (row->delete_button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->delete_button),
                                  /* Translators: read out by a screen reader (verb): the button
                                   * that deletes this visit */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Visit"), -1);
  g_signal_connect_swapped (row->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->delete_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the visit"), -1);
  gtk_box_append (GTK_BOX (box), next);

  vastus_set_tooltip (box, _("Open the visit"));
  g_object_set_data_full (G_OBJECT (list_item), "vastus-visit-row", row,
                          (GDestroyNotify) visit_row_free);
  gtk_list_item_set_child (list_item, box);
}

static void
visit_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               VastusPatientPage        *self)
{
  VisitRow *row = g_object_get_data (G_OBJECT (list_item), "vastus-visit-row");

  visit_row_unbind (row);
  row->item = g_object_ref (gtk_list_item_get_item (list_item));
  row->handler = g_signal_connect_swapped (row->item, "notify::visit",
                                           G_CALLBACK (visit_row_update), row);
  visit_row_update (row);
}

static void
visit_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 VastusPatientPage        *self)
{
  VisitRow *row = g_object_get_data (G_OBJECT (list_item), "vastus-visit-row");

  if (row != NULL)
    visit_row_unbind (row);
}

GtkListItemFactory *
_vastus_patient_page_visit_factory_new (VastusPatientPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (visit_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (visit_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (visit_unbind_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (visit_unbind_cb), self);
  return factory;
}

void
_vastus_patient_page_visit_activated_cb (VastusPatientPage *self,
                                         guint              position)
{
  g_autoptr(VastusVisitItem) item = g_list_model_get_item (
    G_LIST_MODEL (self->visits_selection), position);

  if (item != NULL)
    _vastus_patient_page_emit_edit_visit (self, vastus_visit_item_get_id (item));
}

/* The count above the list, and the rows again: their summaries come from the history. */
void
_vastus_patient_page_refresh_visits (VastusPatientPage *self)
{
  guint n_visits = self->history != NULL ? vastus_history_get_n_visits (self->history) : 0;
  g_autofree char *count = NULL;

  if (n_visits == 0)
    count = g_strdup (_("No visits yet"));
  else
    /* Translators: above the list of an episode's visits; %u is how many */
    count = g_strdup_printf (ngettext ("%u visit, newest first",
                                          "%u visits, newest first", n_visits), n_visits);
  gtk_label_set_text (self->visits_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->visits_view), n_visits > 0);
  for (guint i = 0; i < self->visit_rows->len; i++)
    {
      VisitRow *row = g_ptr_array_index (self->visit_rows, i);

      if (row->item != NULL)
        visit_row_update (row);
    }
}

/* Who else is editing the visits */

static void
leases_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusPatientPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) notices = NULL;

  notices = vastus_clinic_list_visit_leases_finish (VASTUS_CLINIC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->visit_rows == NULL)
    return;
  /* Only a notice: the list stays as it was when they cannot be read. */
  if (notices == NULL)
    {
      g_message ("Who else is editing the visits could not be read: %s", error->message);
      return;
    }
  g_clear_pointer (&self->lease_notices, g_hash_table_unref);
  if (g_hash_table_size (notices) > 0)
    self->lease_notices = g_steal_pointer (&notices);
  _vastus_patient_page_refresh_visits (self);
}

void
_vastus_patient_page_read_leases (VastusPatientPage *self)
{
  VastusClinic *clinic = self->record != NULL ? vastus_patient_record_get_clinic (self->record)
                                              : NULL;

  g_cancellable_cancel (self->reading_leases);
  g_clear_object (&self->reading_leases);
  if (clinic == NULL || !vastus_clinic_is_server (clinic))
    {
      /* Another patient's, or a file's (one user: nobody else). */
      if (self->lease_notices != NULL)
        {
          g_clear_pointer (&self->lease_notices, g_hash_table_unref);
          _vastus_patient_page_refresh_visits (self);
        }
      return;
    }
  self->reading_leases = g_cancellable_new ();
  vastus_clinic_list_visit_leases_async (clinic, vastus_patient_record_get_id (self->record),
                                         self->reading_leases, leases_read_cb,
                                         g_object_ref (self));
}

/* Read again when a visit editor opened or closed elsewhere, and when anything of the patient
 * changed: a lease whose workstation died sends nothing, and shows until then. */
static void
clinic_changed_cb (VastusPatientPage *self,
                   const char        *table,
                   gint64             patient_id)
{
  if (self->record != NULL && patient_id == vastus_patient_record_get_id (self->record))
    _vastus_patient_page_read_leases (self);
}

void
_vastus_patient_page_watch_leases (VastusPatientPage *self,
                                   VastusClinic      *clinic)
{
  g_signal_connect_object (clinic, "changed", G_CALLBACK (clinic_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "reloaded", G_CALLBACK (_vastus_patient_page_read_leases),
                           self, G_CONNECT_SWAPPED);
}

void
_vastus_patient_page_leases_dispose (VastusPatientPage *self)
{
  g_cancellable_cancel (self->reading_leases);
  g_clear_object (&self->reading_leases);
  g_clear_pointer (&self->lease_notices, g_hash_table_unref);
}

const char *
vastus_patient_page_get_lease_notice (VastusPatientPage *self,
                                      gint64             visit_id)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PAGE (self), NULL);

  return self->lease_notices != NULL ? g_hash_table_lookup (self->lease_notices, &visit_id)
                                     : NULL;
}

/* The visit's measures, two-sided first (the table's order), each in catalog order. */
static GPtrArray *
visit_codes (const VastusVisit *visit)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (int two_sided = 1; two_sided >= 0; two_sided--)
    for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
      {
        const VastusMeasure *measure = vastus_catalog_get_nth (i);

        if (!measure->two_sided != !two_sided)
          continue;
        for (guint k = 0; k < visit->measurements->len; k++)
          {
            const VastusMeasurement *m = g_ptr_array_index (visit->measurements, k);

            if (g_str_equal (m->measure, measure->code))
              {
                g_ptr_array_add (codes, (gpointer) measure->code);
                break;
              }
          }
      }
  return codes;
}

/* A visit read-only, over the window: its details, safety flags, values and notes; Edit opens
 * it in the visit editor. */
void
_vastus_patient_page_show_visit (VastusPatientPage *self,
                                 gint64             visit_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const VastusVisit *visit = NULL;
  VastusVisitSummary *summary;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  guint index = 0;

  for (guint i = 0; self->history != NULL && i < vastus_history_get_n_visits (self->history); i++)
    if (vastus_history_get_visit (self->history, i)->id == visit_id)
      {
        visit = vastus_history_get_visit (self->history, i);
        index = i;
      }
  if (visit == NULL || self->patient == NULL)
    return;

  date = _vastus_patient_page_format_date (&visit->date);
  /* Translators: the title of a visit shown read-only, %s is its date */
  title = g_strdup_printf (_("Visit of %s"), date);
  /* Under the title, the patient as the page's header names them. */
  summary = vastus_visit_summary_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, visit_id,
                                      title, gtk_label_get_text (self->name_label));
  if (visit->clinician != NULL && visit->clinician[0] != '\0')
    vastus_visit_summary_add_detail (summary, _("Clinician"), visit->clinician);
  if (!isnan (visit->body_mass_kg))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];
      /* Translators: body mass in kilograms (a number with its decimal mark) */
      g_autofree char *mass = g_strdup_printf (_("%s kg"), vastus_display_number (visit->body_mass_kg, 1, shown));

      vastus_visit_summary_add_detail (summary, _("Body mass"), mass);
    }
  if (!isnan (visit->height_cm))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];
      /* Translators: height in centimetres (a number with its decimal mark) */
      g_autofree char *height = g_strdup_printf (_("%s cm"), vastus_display_number (visit->height_cm, 0, shown));

      vastus_visit_summary_add_detail (summary, _("Height"), height);
    }
  _vastus_patient_page_add_flags (self, vastus_visit_summary_get_flags (summary), index,
                                  _("No safety flags at this visit"), NULL);
  codes = visit_codes (visit);
  _vastus_patient_page_fill_values (self, vastus_visit_summary_get_values (summary), index, codes);
  vastus_visit_summary_set_notes (summary, visit->notes);
  vastus_visit_summary_set_editable (summary, !vastus_clinic_is_read_only (
                                       vastus_patient_record_get_clinic (self->record)));
  g_signal_connect_object (summary, "edit", G_CALLBACK (_vastus_patient_page_emit_edit_visit),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (summary));
}
