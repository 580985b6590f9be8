/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report-dialog"

#include "config.h"

#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <string.h>

#include "vastus-close-question.h"
#include "vastus-criteria-set-item.h"
#include "vastus-report-dialog-private.h"
#include "vastus-report-item.h"

#define PREVIEW_SCALE 1.5
#define NARRATIVE_DELAY_MS 500

G_DEFINE_FINAL_TYPE (VastusReportDialog, vastus_report_dialog, ADW_TYPE_WINDOW)

enum { STAYED, N_SIGNALS };

static guint signals [N_SIGNALS];

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

char *
_vastus_report_dialog_get_setting_string (VastusReportDialog *self,
                    const char         *key)
{
  return self->settings != NULL ? g_settings_get_string (self->settings, key) : g_strdup ("");
}

void
_vastus_report_dialog_show_status (VastusReportDialog *self,
             const char         *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

void
_vastus_report_dialog_toast (VastusReportDialog *self,
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

/* The report and its preview: read through the clinic, drawn on a thread (drawing every page
 * of a long report takes a while), shown when both are done. Until then Export and Print wait:
 * what they put out is what the preview shows. */

typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  int     stride;
} PageImage;

static void
page_image_free (PageImage *image)
{
  g_bytes_unref (image->pixels);
  g_free (image);
}

typedef struct
{
  VastusReportData *data;
  double            width;
  double            height;
  GPtrArray        *pages;   /* of PageImage* */
} Preview;

static void
preview_free (Preview *preview)
{
  g_clear_pointer (&preview->data, vastus_report_data_free);
  g_clear_pointer (&preview->pages, g_ptr_array_unref);
  g_free (preview);
}

/* On a thread: no widget, no database. */
static void
draw_preview_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Preview *preview = task_data;
  g_autoptr(VastusReportLayout) layout = vastus_report_layout_new (preview->data, preview->width,
                                                                   preview->height);
  guint n_pages = vastus_report_layout_get_n_pages (layout);

  preview->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_image_free);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_surface_t *surface;
      PageImage *image;

      if (g_task_return_error_if_cancelled (task))
        return;
      surface = vastus_report_layout_render_page (layout, page, PREVIEW_SCALE);
      cairo_surface_flush (surface);
      image = g_new0 (PageImage, 1);
      image->width = cairo_image_surface_get_width (surface);
      image->height = cairo_image_surface_get_height (surface);
      image->stride = cairo_image_surface_get_stride (surface);
      image->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                   (gsize) image->stride * image->height);
      cairo_surface_destroy (surface);
      g_ptr_array_add (preview->pages, image);
    }
  g_task_return_boolean (task, TRUE);
}

/* Every page of the report, one under the other. */
static void
show_preview (VastusReportDialog *self,
              GPtrArray          *pages)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_box_remove (self->preview, child);
  for (guint page = 0; pages != NULL && page < pages->len; page++)
    {
      PageImage *image = g_ptr_array_index (pages, page);
      /* cairo's ARGB32 is GDK's default memory format. */
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (image->width, image->height,
                                                              GDK_MEMORY_DEFAULT, image->pixels,
                                                              image->stride);
      g_autofree char *text = NULL;
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      /* Translators: the preview of one page of the report, "Page 1 of 2" */
      text = g_strdup_printf (_("Page %u of %u of the report"), page + 1, pages->len);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), text);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (self->preview, picture);
    }
}

/* Print draws the pages the preview shows: it waits for them. Export prepares the report anew
 * from the options chosen (the narrative typed last included): it waits only for a task under
 * way. */
void
_vastus_report_dialog_set_ready (VastusReportDialog *self,
           gboolean            ready)
{
  gboolean idle = !vastus_task_bar_get_running (self->task_bar);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->data != NULL && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), ready && idle);
}

static void
drawn_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VastusReportDialog) self = user_data;
  Preview *preview = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->clinic == NULL)
    return;
  g_clear_object (&self->preparing);
  g_clear_pointer (&self->data, vastus_report_data_free);
  self->data = g_steal_pointer (&preview->data);
  show_preview (self, preview->pages);
  _vastus_report_dialog_show_status (self, NULL);
  _vastus_report_dialog_set_ready (self, TRUE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VastusReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusReportData) data = vastus_clinic_load_report_finish (VASTUS_CLINIC (source),
                                                                       result, &error);
  g_autoptr(GTask) task = NULL;
  Preview *preview;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->clinic == NULL)
    return;
  if (data == NULL)
    {
      g_clear_object (&self->preparing);
      g_clear_pointer (&self->data, vastus_report_data_free);
      show_preview (self, NULL);
      _vastus_report_dialog_show_status (self, error->message);
      return;
    }
  preview = g_new0 (Preview, 1);
  preview->data = g_steal_pointer (&data);
  vastus_paper_get_size (vastus_report_dialog_get_paper (self), &preview->width, &preview->height);
  /* The dialog goes with the callback, not the task: the task may end on its thread, and a
   * window is never let go there. */
  task = g_task_new (NULL, self->preparing, drawn_cb, g_object_ref (self));
  g_task_set_task_data (task, preview, (GDestroyNotify) preview_free);
  g_task_run_in_thread (task, draw_preview_thread);
}

void
_vastus_report_dialog_get_options (VastusReportDialog  *self,
             VastusReportOptions *options,
             GPtrArray           *strings)
{
  guint selected = adw_combo_row_get_selected (self->set_row);
  char *clinic_name = _vastus_report_dialog_get_setting_string (self, "clinic-name");
  char *clinic_address = _vastus_report_dialog_get_setting_string (self, "clinic-address");
  char *narrative = get_narrative (self);

  g_ptr_array_add (strings, clinic_name);
  g_ptr_array_add (strings, clinic_address);
  g_ptr_array_add (strings, narrative);
  memset (options, 0, sizeof *options);
  options->clinic_name = clinic_name;
  options->clinic_address = clinic_address;
  options->deidentify = gtk_switch_get_active (self->deidentify_switch);
  options->narrative = narrative;
  if (self->set_ids != NULL && selected < self->set_ids->len)
    options->set_id = g_ptr_array_index (self->set_ids, selected);
  selected = adw_combo_row_get_selected (self->language_row);
  if (selected < g_strv_length (self->languages))
    options->language = self->languages[selected];
  vastus_clinic_get_clinic_rules (self->clinic, &self->rules);
  options->rules = &self->rules;
  if (self->settings != NULL)
    options->imperial = g_settings_get_enum (self->settings, "units") == 1;
  options->name_order = vastus_settings_get_name_order (self->settings);
  /* The clinician entering data signs the report. */
  if (self->has_clinician)
    {
      char *clinician = g_settings_get_string (self->settings, "clinician");

      g_ptr_array_add (strings, clinician);
      if (clinician[0] != '\0')
        options->therapist = clinician;
    }
}

static void
rebuild (VastusReportDialog *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  VastusReportOptions options;

  if (self->loading || self->mrn == NULL)
    return;
  g_clear_handle_id (&self->narrative_timeout, g_source_remove);
  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  self->preparing = g_cancellable_new ();
  _vastus_report_dialog_set_ready (self, FALSE);
  _vastus_report_dialog_show_status (self, _("Preparing the report…"));
  _vastus_report_dialog_get_options (self, &options, strings);
  vastus_clinic_load_report_async (self->clinic, self->mrn, &options, self->preparing, loaded_cb,
                                   g_object_ref (self));
}

static gboolean
narrative_timeout_cb (gpointer user_data)
{
  VastusReportDialog *self = user_data;

  self->narrative_timeout = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
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
  if (!self->setting_narrative)
    self->narrative_typed = TRUE;
  /* What is put out must be what the preview shows: they wait for it. */
  _vastus_report_dialog_set_ready (self, FALSE);
  g_clear_handle_id (&self->narrative_timeout, g_source_remove);
  self->narrative_timeout = g_timeout_add (NARRATIVE_DELAY_MS, narrative_timeout_cb, self);
}

/* Setup */

/* The report's episode is the one in force today (as the report takes it); its criteria set is
 * chosen first (else the clinic's default for its condition, else the built-in one). */
static char *
default_set_id (VastusReportDialog *self)
{
  GListModel *records = vastus_patient_record_get_episodes (self->record);
  g_autoptr(GPtrArray) episodes = g_ptr_array_new ();
  const VastusEpisode *episode;
  GDate today;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(VastusEpisodeRecord) record = g_list_model_get_item (records, i);

      g_ptr_array_add (episodes, (gpointer) vastus_episode_record_get_episode (record));
    }
  vastus_date_today (&today);
  episode = vastus_episode_in_force (episodes, &today);

  if (episode == NULL)
    return NULL;
  return vastus_clinic_choose_criteria_set (self->clinic, episode);
}

/* The set row from the clinic's criteria sets (they arrive, and change, in the background);
 * the choice stays on the same set. */
static void
fill_sets (VastusReportDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint selected = adw_combo_row_get_selected (self->set_row);
  guint n = g_list_model_get_n_items (self->sets);
  guint position = 0;

  if (self->set_ids != NULL && selected < self->set_ids->len)
    chosen = g_strdup (g_ptr_array_index (self->set_ids, selected));
  else
    chosen = default_set_id (self);
  g_clear_pointer (&self->set_ids, g_ptr_array_unref);
  self->set_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->sets, i);
      const VastusCriteriaSet *set = vastus_criteria_set_item_get_set (item);
      g_autofree char *title = g_strdup_printf ("%s (v%d)", vastus_criteria_set_text (set, set->title),
                                                set->version);

      gtk_string_list_append (titles, title);
      g_ptr_array_add (self->set_ids, g_strdup (set->id));
      if (g_strcmp0 (set->id, chosen) == 0)
        position = i;
    }
  self->loading = TRUE;
  adw_combo_row_set_model (self->set_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->set_row, position);
  self->loading = FALSE;
}

static void
sets_changed_cb (VastusReportDialog *self)
{
  fill_sets (self);
  rebuild (self);
}

/* The narrative of the patient's last report, to start from (until something is typed). */
static void
reports_changed_cb (VastusReportDialog *self)
{
  g_autoptr(VastusReportItem) last = g_list_model_get_item (self->reports, 0);

  if (self->narrative_typed || last == NULL || vastus_report_item_get_narrative (last) == NULL)
    return;
  self->setting_narrative = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->narrative_view),
                            vastus_report_item_get_narrative (last), -1);
  self->setting_narrative = FALSE;
}

static void
load_choices (VastusReportDialog *self)
{
  const char *application_language;
  VastusPaper paper;

  self->loading = TRUE;
  paper = vastus_settings_get_paper (self->settings);
  adw_combo_row_set_selected (self->paper_row, paper == VASTUS_PAPER_LETTER ? 1 : 0);
  /* The application's language first chosen; any installed one on request (a report for a
   * surgeon abroad). */
  self->languages = vastus_i18n_list_languages ();
  application_language = vastus_i18n_get_language ();
  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      gtk_string_list_append (self->language_names, vastus_i18n_language_name (self->languages[i]));
      if (g_str_equal (self->languages[i], application_language))
        adw_combo_row_set_selected (self->language_row, i);
    }
  self->loading = FALSE;

  self->sets = g_object_ref (vastus_clinic_get_criteria_sets (self->clinic));
  g_signal_connect_object (self->sets, "items-changed", G_CALLBACK (sets_changed_cb), self,
                           G_CONNECT_SWAPPED);
  fill_sets (self);
  self->reports = g_object_ref (vastus_patient_record_get_reports (self->record));
  g_signal_connect_object (self->reports, "items-changed", G_CALLBACK (reports_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reports_changed_cb (self);
}

/* An assessment typed and in no report put out since is what closing would lose. */
gboolean
vastus_report_dialog_get_unsaved (VastusReportDialog *self)
{
  g_autofree char *narrative = NULL;

  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);

  narrative = get_narrative (self);
  return self->narrative_typed && narrative[0] != '\0'
         && g_strcmp0 (narrative, self->recorded_narrative) != 0;
}

static void
question_response_cb (AdwMessageDialog   *dialog,
                      const char         *response,
                      VastusReportDialog *self)
{
  /* Answered once (closing the dialog afterwards answers "cancel" again). */
  g_signal_handlers_disconnect_by_func (dialog, question_response_cb, self);
  g_clear_weak_pointer (&self->question);
  if (g_str_equal (response, "discard"))
    {
      /* After the question is gone: it is transient for this window. */
      self->closing = TRUE;
      vastus_close_later (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->narrative_view));
      g_signal_emit (self, signals[STAYED], 0);
    }
}

static gboolean
vastus_report_dialog_close_request (GtkWindow *window)
{
  VastusReportDialog *self = VASTUS_REPORT_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !vastus_report_dialog_get_unsaved (self))
    return GTK_WINDOW_CLASS (vastus_report_dialog_parent_class)->close_request (window);
  if (self->question != NULL)
    {
      gtk_window_present (self->question);
      return TRUE;
    }
  dialog = vastus_close_question_new (window, _("Discard the assessment?"),
                                      _("The therapist’s assessment typed here is in no report "
                                        "yet. Export or print the report to keep it."), FALSE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (question_response_cb), self, 0);
  g_set_weak_pointer (&self->question, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
vastus_report_dialog_dispose (GObject *object)
{
  VastusReportDialog *self = VASTUS_REPORT_DIALOG (object);

  /* First the handlers: disposing the template changes its rows and the narrative's buffer, and
   * a change heard then would start a rebuild, or a timeout outliving the dialog. */
  if (self->narrative_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->set_row, self);
      g_signal_handlers_disconnect_by_data (self->paper_row, self);
      g_signal_handlers_disconnect_by_data (self->language_row, self);
      g_signal_handlers_disconnect_by_data (self->deidentify_switch, self);
      g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->narrative_view), self);
    }
  g_clear_handle_id (&self->narrative_timeout, g_source_remove);
  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  g_cancellable_cancel (self->finding_folder);
  g_clear_object (&self->finding_folder);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->sets != NULL)
    g_signal_handlers_disconnect_by_data (self->sets, self);
  if (self->reports != NULL)
    g_signal_handlers_disconnect_by_data (self->reports, self);
  g_clear_object (&self->sets);
  g_clear_object (&self->reports);
  g_clear_object (&self->record);
  g_clear_object (&self->clinic);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (vastus_report_dialog_parent_class)->dispose (object);
}

static void
vastus_report_dialog_finalize (GObject *object)
{
  VastusReportDialog *self = VASTUS_REPORT_DIALOG (object);

  g_clear_pointer (&self->print_layout, vastus_report_layout_free);
  g_clear_pointer (&self->data, vastus_report_data_free);
  g_clear_pointer (&self->set_ids, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->question);
  g_free (self->recorded_narrative);
  g_free (self->mrn);

  G_OBJECT_CLASS (vastus_report_dialog_parent_class)->finalize (object);
}

static void
vastus_report_dialog_class_init (VastusReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vastus_report_dialog_dispose;
  object_class->finalize = vastus_report_dialog_finalize;
  window_class->close_request = vastus_report_dialog_close_request;

  /* Cancel on the question: the window stays, which the application's quitting waits for. */
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, deidentify_switch);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, narrative_view);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, language_names);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, set_row);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, task_bar);
  gtk_widget_class_bind_template_child (widget_class, VastusReportDialog, toast_overlay);
  gtk_widget_class_bind_template_callback_full (widget_class, "export_clicked_cb",
                                                G_CALLBACK (_vastus_report_dialog_export_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "print_clicked_cb",
                                                G_CALLBACK (_vastus_report_dialog_print_clicked_cb));
}

static void
vastus_report_dialog_init (VastusReportDialog *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_type_ensure (VASTUS_TYPE_TASK_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  /* An older compiled schema without report-folder is as good as none. */
  if (schema != NULL && g_settings_schema_has_key (schema, "report-folder"))
    {
      self->settings = g_settings_new (APP_ID);
      self->has_clinician = g_settings_schema_has_key (schema, "clinician");
    }
}

VastusReportDialog *
vastus_report_dialog_new (GtkWindow           *parent,
                          VastusPatientRecord *record)
{
  const VastusPatient *patient;
  VastusReportDialog *self;

  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (record), NULL);
  patient = vastus_patient_record_get_patient (record);
  g_return_val_if_fail (patient != NULL, NULL);

  /* The application's, like every window: quitting closes it too. */
  self = g_object_new (VASTUS_TYPE_REPORT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->record = g_object_ref (record);
  self->clinic = g_object_ref (vastus_patient_record_get_clinic (record));
  self->mrn = g_strdup (patient->mrn);
  load_choices (self);
  rebuild (self);

  g_signal_connect_object (self->set_row, "notify::selected", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paper_row, "notify::selected", G_CALLBACK (option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_row, "notify::selected", G_CALLBACK (option_changed_cb), self,
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

gboolean
vastus_report_dialog_get_busy (VastusReportDialog *self)
{
  g_return_val_if_fail (VASTUS_IS_REPORT_DIALOG (self), FALSE);

  return self->preparing != NULL || self->narrative_timeout != 0
         || vastus_task_bar_get_running (self->task_bar);
}
