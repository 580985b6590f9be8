/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vastus-criteria-store.h"
#include "vastus-report-dialog.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"
#include "vastus-settings.h"
#include "vastus-value.h"

#define PREVIEW_SCALE 1.5
#define NARRATIVE_DELAY_MS 500

struct _VastusReportDialog
{
  AdwWindow             parent_instance;

  VastusDatabase       *database;
  char                 *mrn;
  GSettings            *settings;       /* NULL when the schema is not installed */
  gboolean              has_default_sets; /* the schema has default-criteria-sets */
  gboolean              has_clinician;    /* … and clinician */
  GPtrArray            *sets;           /* of VastusCriteriaSet*, in the set row's order */
  VastusReportData     *data;
  VastusReportLayout   *print_layout;   /* during a print operation */
  GtkFileChooserNative *chooser;
  guint                 narrative_timeout;
  gboolean              loading;

  GtkSwitch            *deidentify_switch;
  GtkButton            *export_button;
  GtkTextView          *narrative_view;
  AdwComboRow          *paper_row;
  GtkBox               *preview;          /* a picture per page */
  GtkButton            *print_button;
  AdwComboRow          *set_row;
  GtkLabel             *status_label;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (VastusReportDialog, vastus_report_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static char *
get_narrative (VastusReportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->narrative_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static char *
get_setting_string (VastusReportDialog *self,
                    const char         *key)
{
  return self->settings != NULL ? g_settings_get_string (self->settings, key) : g_strdup ("");
}

static void
show_status (VastusReportDialog *self,
             const char         *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static void
toast (VastusReportDialog *self,
       const char         *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

VastusPaper
vastus_report_dialog_get_paper (VastusReportDialog *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), VASTUS_PAPER_A4);

  return adw_combo_row_get_selected (self->paper_row) == 1 ? VASTUS_PAPER_LETTER : VASTUS_PAPER_A4;
}

/* The report and its preview */

static GdkTexture *
page_texture (VastusReportLayout *layout,
              guint               page)
{
  cairo_surface_t *image = vastus_report_layout_render_page (layout, page, PREVIEW_SCALE);
  g_autoptr(GBytes) bytes = NULL;
  int width, height, stride;

  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  bytes = g_bytes_new (cairo_image_surface_get_data (image), (gsize) stride * height);
  cairo_surface_destroy (image);
  /* cairo's ARGB32 is GDK's default memory format. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Every page of the report, one under the other. */
static void
update_preview (VastusReportDialog *self)
{
  g_autoptr(VastusReportLayout) layout = NULL;
  GtkWidget *child;
  double width, height;
  guint n_pages;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_box_remove (self->preview, child);
  if (self->data == NULL)
    return;
  vastus_paper_get_size (vastus_report_dialog_get_paper (self), &width, &height);
  layout = vastus_report_layout_new (self->data, width, height);
  n_pages = vastus_report_layout_get_n_pages (layout);
  for (guint page = 0; page < n_pages; page++)
    {
      g_autoptr(GdkTexture) texture = page_texture (layout, page);
      g_autofree char *text = NULL;
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      /* Translators: the preview of one page of the report, "Page 1 of 2" */
      text = g_strdup_printf (_("Page %u of %u of the report"), page + 1, n_pages);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), text);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (self->preview, picture);
    }
}

static void
rebuild (VastusReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clinic_name = get_setting_string (self, "clinic-name");
  g_autofree char *clinic_address = get_setting_string (self, "clinic-address");
  g_autofree char *narrative = get_narrative (self);
  g_autofree char *clinician = NULL;
  VastusReportOptions options = { 0 };
  VastusClinicRules rules;
  guint selected = adw_combo_row_get_selected (self->set_row);

  if (self->loading)
    return;
  options.clinic_name = clinic_name;
  options.clinic_address = clinic_address;
  options.deidentify = gtk_switch_get_active (self->deidentify_switch);
  options.narrative = narrative;
  if (self->sets != NULL && selected < self->sets->len)
    options.set_id = ((VastusCriteriaSet *) g_ptr_array_index (self->sets, selected))->id;
  vastus_settings_get_clinic_rules (self->settings, &rules);
  options.rules = &rules;
  if (self->settings != NULL)
    options.imperial = g_settings_get_enum (self->settings, "units") == 1;
  options.name_order = vastus_settings_get_name_order (self->settings);
  /* The clinician entering data signs the report. */
  if (self->has_clinician)
    {
      clinician = g_settings_get_string (self->settings, "clinician");
      if (clinician[0] != '\0')
        options.therapist = clinician;
    }

  g_clear_pointer (&self->data, vastus_report_data_free);
  self->data = vastus_report_data_load (self->database, self->mrn, &options, &error);
  if (self->data == NULL)
    show_status (self, error->message);
  else
    show_status (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->data != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->data != NULL);
  update_preview (self);
}

static gboolean
narrative_timeout_cb (gpointer user_data)
{
  VastusReportDialog *self = user_data;

  self->narrative_timeout = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Recording */

static gboolean
record_report (VastusReportDialog  *self,
               const char          *file_name,
               const char          *sha256,
               VastusPaper          paper,
               GError             **error)
{
  g_autoptr(VastusReportRecord) record = vastus_report_record_new ();
  const VastusReportData *d = self->data;

  record->patient_id = d->patient_id;
  record->episode_id = d->episode_id;
  record->criteria_set_id = g_strdup (d->set_id);
  record->criteria_set_version = d->has_set ? d->set_version : 0;
  record->report_date = d->report_date;
  record->file_name = g_strdup (file_name);
  record->sha256 = g_strdup (sha256);
  record->deidentified = d->deidentified;
  record->paper = g_strdup (vastus_paper_to_string (paper));
  record->narrative = d->narrative[0] != '\0' ? g_strdup (d->narrative) : NULL;
  return vastus_database_insert_report (self->database, record, error);
}

/* Before exporting or printing: the narrative typed last is in the report. */
static gboolean
ensure_current (VastusReportDialog *self)
{
  g_autofree char *narrative = get_narrative (self);

  if (self->narrative_timeout != 0 || self->data == NULL || g_strcmp0 (narrative, self->data->narrative) != 0)
    {
      g_clear_handle_id (&self->narrative_timeout, g_source_remove);
      rebuild (self);
    }
  return self->data != NULL;
}

gboolean
vastus_report_dialog_export_to (VastusReportDialog  *self,
                                const char          *path,
                                GError             **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  VastusPaper paper;

  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ensure_current (self))
    {
      g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_PATIENT,
                           _("The report could not be prepared"));
      return FALSE;
    }
  paper = vastus_report_dialog_get_paper (self);
  sha256 = vastus_report_write_pdf (self->data, paper, path, error);
  if (sha256 == NULL)
    return FALSE;
  name = g_path_get_basename (path);
  if (!record_report (self, name, sha256, paper, error))
    {
      /* A report that is not on record is not handed out. */
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

/* Export… */

static char *
suggested_name (VastusReportDialog *self)
{
  const VastusReportData *d = self->data;
  g_autofree char *id = g_strdup (d->patient_id_value);
  char buf[VASTUS_DATE_BUF_SIZE];

  g_strdelimit (id, G_DIR_SEPARATOR_S "\\:*?\"<>|", '-');
  if (d->deidentified)
    return g_strdup_printf ("%s-%s.pdf", _("report"), id);
  return g_strdup_printf ("%s-%s-%s.pdf", _("report"), id, vastus_date_format (&d->report_date, buf));
}

static void
chooser_response_cb (VastusReportDialog *self,
                     int                 response,
                     GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Reports can only be saved to local folders"));
      return;
    }
  if (!vastus_report_dialog_export_to (self, path, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the report: %s"), error->message);

      show_status (self, message);
      toast (self, _("Could not export the report"));
      return;
    }
  folder = g_file_get_parent (file);
  if (self->settings != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "report-folder", folder_path);
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Saved “%s”; the report is on record"), name);

    toast (self, message);
  }
}

static void
export_clicked_cb (VastusReportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = get_setting_string (self, "report-folder");
  g_autofree char *name = NULL;

  if (!ensure_current (self) || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Print… : the same layout, on the printer's cairo_t in points. */

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                VastusReportDialog *self)
{
  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
  self->print_layout = vastus_report_layout_new (self->data, gtk_print_context_get_width (context),
                                                 gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) vastus_report_layout_get_n_pages (self->print_layout));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              VastusReportDialog *self)
{
  vastus_report_layout_draw_page (self->print_layout, gtk_print_context_get_cairo_context (context),
                                  (guint) page_nr);
}

static void
end_print_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              VastusReportDialog *self)
{
  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
}

static GtkPrintOperation *
new_print_operation (VastusReportDialog *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (vastus_report_dialog_get_paper (self) == VASTUS_PAPER_LETTER
                                                      ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The layout draws its own margins, in points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->data->title);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "end-print", G_CALLBACK (end_print_cb), self, 0);
  return operation;
}

/* A printed report is recorded with the checksum of the PDF of the same pages. */
static gboolean
record_printed (VastusReportDialog  *self,
                GError             **error)
{
  VastusPaper paper = vastus_report_dialog_get_paper (self);
  g_autoptr(GBytes) pdf = vastus_report_render_pdf (self->data, paper, error);
  g_autofree char *sha256 = NULL;

  if (pdf == NULL)
    return FALSE;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  return record_report (self, _("(printed)"), sha256, paper, error);
}

gboolean
vastus_report_dialog_print_to_pdf (VastusReportDialog  *self,
                                   const char          *path,
                                   GError             **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);

  if (!ensure_current (self))
    {
      g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_PATIENT,
                           _("The report could not be prepared"));
      return FALSE;
    }
  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self), error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_WRITE,
                             _("The report was not printed"));
      return FALSE;
    }
  sha256 = vastus_file_sha256 (path, error);
  if (sha256 == NULL)
    return FALSE;
  name = g_path_get_basename (path);
  return record_report (self, name, sha256, vastus_report_dialog_get_paper (self), error);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               VastusReportDialog      *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_status (self, error != NULL ? error->message : _("Could not print the report"));
      toast (self, _("Could not print the report"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (record_printed (self, &error))
        toast (self, _("Report sent to the printer; it is on record"));
      else
        show_status (self, error->message);
    }
}

static void
print_clicked_cb (VastusReportDialog *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (!ensure_current (self))
    return;
  operation = new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_status (self, error->message);
}

/* Callbacks */

static void
option_changed_cb (VastusReportDialog *self)
{
  rebuild (self);
}

static void
narrative_changed_cb (VastusReportDialog *self)
{
  g_clear_handle_id (&self->narrative_timeout, g_source_remove);
  self->narrative_timeout = g_timeout_add (NARRATIVE_DELAY_MS, narrative_timeout_cb, self);
}

/* Setup */

static void
load_choices (VastusReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *clinic_default = NULL;
  const char *default_id = NULL;
  guint selected = 0;
  VastusPaper paper;

  self->loading = TRUE;

  /* Criteria sets, the episode's (or its condition's default) selected. */
  history = vastus_report_load_history (self->database, self->mrn, 0, NULL, &error);
  if (history != NULL)
    {
      default_id = history->episode->criteria_set;
      /* The clinic's default for the condition, else the built-in one. */
      if (default_id == NULL && self->has_default_sets)
        {
          g_autoptr(GVariant) map = g_settings_get_value (self->settings, "default-criteria-sets");

          g_variant_lookup (map, vastus_condition_to_string (history->episode->condition), "&s",
                            &default_id);
          clinic_default = default_id != NULL ? g_strdup (default_id) : NULL;
          default_id = clinic_default;
        }
      if (default_id == NULL)
        default_id = vastus_criteria_default_for (history->episode->condition);
    }
  g_clear_error (&error);
  self->sets = vastus_database_list_criteria_sets (self->database, &error);
  if (self->sets == NULL)
    self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);
  for (guint i = 0; i < self->sets->len; i++)
    {
      const VastusCriteriaSet *set = g_ptr_array_index (self->sets, i);
      g_autofree char *title = g_strdup_printf ("%s (v%d)", set->builtin ? _(set->title) : set->title,
                                                set->version);

      gtk_string_list_append (titles, title);
      if (g_strcmp0 (set->id, default_id) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->set_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->set_row, selected);

  /* Paper: the preference when the user set one, else the locale's. */
  paper = vastus_paper_for_locale ();
  if (self->settings != NULL)
    {
      g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, "paper-size");

      if (user != NULL)
        paper = g_settings_get_enum (self->settings, "paper-size") == 1 ? VASTUS_PAPER_LETTER
                                                                        : VASTUS_PAPER_A4;
    }
  adw_combo_row_set_selected (self->paper_row, paper == VASTUS_PAPER_LETTER ? 1 : 0);

  /* The narrative of the last report, to start from. */
  if (history != NULL)
    reports = vastus_database_list_reports (self->database, history->patient->id, NULL);
  if (reports != NULL && reports->len > 0)
    {
      const VastusReportRecord *last = g_ptr_array_index (reports, 0);

      if (last->narrative != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->narrative_view), last->narrative, -1);
    }

  self->loading = FALSE;
}

static void
vastus_report_dialog_dispose (GObject *object)
{
  VastusReportDialog *self = VASTUS_REPORT_DIALOG (object);

  g_clear_handle_id (&self->narrative_timeout, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (vastus_report_dialog_parent_class)->dispose (object);
}

static void
vastus_report_dialog_finalize (GObject *object)
{
  VastusReportDialog *self = VASTUS_REPORT_DIALOG (object);

  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
  g_clear_pointer (&self->data, vastus_report_data_free);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_free (self->mrn);

  G_OBJECT_CLASS (vastus_report_dialog_parent_class)->finalize (object);
}

static void
vastus_report_dialog_class_init (VastusReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_report_dialog_dispose;
  object_class->finalize = vastus_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, deidentify_switch);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, narrative_view);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, set_row);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
}

static void
vastus_report_dialog_init (VastusReportDialog *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  /* An older compiled schema without report-folder is as good as none. */
  if (schema != NULL && g_settings_schema_has_key (schema, "report-folder"))
    {
      self->settings = g_settings_new (APP_ID);
      self->has_default_sets = g_settings_schema_has_key (schema, "default-criteria-sets");
      self->has_clinician = g_settings_schema_has_key (schema, "clinician");
    }
}

VastusReportDialog *
vastus_report_dialog_new (GtkWindow      *parent,
                          VastusDatabase *database,
                          const char     *mrn)
{
  VastusReportDialog *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (database), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->mrn = g_strdup (mrn);
  load_choices (self);
  rebuild (self);

  g_signal_connect_object (self->set_row, "notify::selected", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paper_row, "notify::selected", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deidentify_switch, "notify::active", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->narrative_view), "changed",
                           G_CALLBACK (narrative_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

const VastusReportData *
vastus_report_dialog_get_data (VastusReportDialog *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), NULL);

  return self->data;
}
