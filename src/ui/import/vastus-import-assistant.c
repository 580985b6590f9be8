/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-assistant"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinic-import.h"
#include "vastus-import-assistant.h"
#include "vastus-import-columns.h"
#include "vastus-import-preview.h"
#include "vastus-write-error.h"

struct _VastusImportAssistant
{
  AdwWindow             parent_instance;

  VastusClinic         *clinic;
  VastusImportResult   *preview;
  GCancellable         *cancellable;     /* the call under way */
  GCancellable         *stop;            /* stops the import under way before its commit */
  GtkFileChooserNative *chooser;
  gint64                imported_patient;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkButton            *cancel_button;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkButton            *import_button;
  GtkButton            *choose_button;
  AdwStatusPage        *working_page;
  GtkProgressBar       *progress_bar;
  GtkButton            *stop_button;
  VastusImportColumns  *columns_page;
  VastusImportPreview  *preview_page;
  AdwStatusPage        *done_page;
  GtkButton            *show_patient_button;
};

G_DEFINE_FINAL_TYPE (VastusImportAssistant, vastus_import_assistant, ADW_TYPE_WINDOW)

enum { SHOW_PATIENT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
toast (VastusImportAssistant *self,
       const char            *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The page shown, and the header's buttons that go with it. */
static void
show_page (VastusImportAssistant *self,
           const char            *page)
{
  gboolean columns = g_str_equal (page, "columns");
  gboolean preview = g_str_equal (page, "preview");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !preview);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), columns);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_button_set_label (self->cancel_button, g_str_equal (page, "done") ? _("_Close")
                                                                         : _("_Cancel"));
}

static void
cancel_call (VastusImportAssistant *self)
{
  g_cancellable_cancel (self->stop);
  g_clear_object (&self->stop);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static GCancellable *
start_call (VastusImportAssistant *self,
            const char            *title)
{
  cancel_call (self);
  self->cancellable = g_cancellable_new ();
  adw_status_page_set_title (self->working_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_pulse (self->progress_bar);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), TRUE);
  show_page (self, "working");
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  return self->cancellable;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  VastusImportAssistant *self = user_data;

  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/* The preview */

static void
show_preview (VastusImportAssistant *self)
{
  vastus_import_preview_set (self->preview_page, vastus_import_columns_get_rows (self->columns_page),
                             self->preview);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            vastus_import_preview_can_import (self->preview_page));
  show_page (self, "preview");
  gtk_widget_grab_focus (GTK_WIDGET (vastus_import_preview_can_import (self->preview_page)
                                     ? self->import_button : self->back_button));
}

/* Callbacks */

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  VastusImportResult *r = vastus_clinic_import_finish (VASTUS_CLINIC (source), result, &error);
  VastusImportAssistant *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = VASTUS_IMPORT_ASSISTANT (user_data);
  g_clear_object (&self->cancellable);
  if (r == NULL)
    {
      toast (self, error->message);
      show_page (self, "columns");
      return;
    }
  g_clear_pointer (&self->preview, vastus_import_result_free);
  self->preview = r;
  show_preview (self);
}

/* Next: the dry run, on the clinic's writer, then its preview. */
static void
next_clicked_cb (VastusImportAssistant *self)
{
  const VastusProfile *profile = vastus_import_columns_get_profile (self->columns_page);
  GCancellable *cancellable;

  if (profile == NULL)
    return;
  cancellable = start_call (self, _("Checking the file…"));
  vastus_clinic_import_async (self->clinic, vastus_import_columns_get_file (self->columns_page)->path,
                              profile, vastus_import_columns_get_patient_mrn (self->columns_page),
                              TRUE, progress_cb, self, NULL, cancellable, preview_done_cb, self);
}

static void
back_clicked_cb (VastusImportAssistant *self)
{
  show_page (self, "columns");
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* One patient imported: the window can show them. */
static gint64
single_patient (VastusImportAssistant *self,
                VastusImportResult    *r)
{
  gint64 id = 0;

  if (vastus_import_columns_get_patient_id (self->columns_page) > 0)
    return vastus_import_columns_get_patient_id (self->columns_page);
  if (r->visits->len < r->n_visits_stored)
    return 0;
  for (guint i = 0; i < r->visits->len; i++)
    {
      const VastusImportVisit *v = g_ptr_array_index (r->visits, i);

      if (id != 0 && v->patient_id != id)
        return 0;
      id = v->patient_id;
    }
  return id;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  VastusImportResult *r = vastus_clinic_import_finish (VASTUS_CLINIC (source), result, &error);
  VastusImportAssistant *self;
  g_autofree char *title = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *values = NULL;

  /* The window went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = VASTUS_IMPORT_ASSISTANT (user_data);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stop);
  if (r != NULL && r->stopped)
    {
      vastus_import_result_free (r);
      toast (self, _("The import was stopped: nothing was imported"));
      show_page (self, "preview");
      return;
    }
  if (r == NULL)
    {
      /* Translators: %s is the reason, from the database */
      g_autofree char *message = vastus_write_error_text (error, _("Nothing was imported: %s"),
                                                          error->message);

      toast (self, message);
      show_page (self, "preview");
      return;
    }
  g_clear_pointer (&self->preview, vastus_import_result_free);
  self->preview = r;
  if (!r->committed)
    {
      /* The file changed since the preview: its problems now. */
      show_preview (self);
      return;
    }
  /* Translators: part of an import's summary ("3 new visits, 41 values") */
  visits = g_strdup_printf (ngettext ("%u new visit", "%u new visits",
                                         r->n_visits), r->n_visits);
  /* Translators: part of an import's summary ("3 new visits, 41 values") */
  values = g_strdup_printf (ngettext ("%u value", "%u values",
                                         r->n_measurements), r->n_measurements);
  /* Translators: "Imported 2 new visits and 4 values" */
  title = g_strdup_printf (_("Imported %s and %s"), visits, values);
  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page,
                                   vastus_import_columns_get_file (self->columns_page)->name);
  self->imported_patient = single_patient (self, r);
  gtk_widget_set_visible (GTK_WIDGET (self->show_patient_button), self->imported_patient > 0);
  show_page (self, "done");
  gtk_widget_grab_focus (self->imported_patient > 0 ? GTK_WIDGET (self->show_patient_button)
                                                    : GTK_WIDGET (self->cancel_button));
}

static void
import_clicked_cb (VastusImportAssistant *self)
{
  const VastusProfile *profile = vastus_import_columns_get_profile (self->columns_page);
  GCancellable *cancellable;

  if (profile == NULL)
    return;
  /* Translators: shown while a file's visits are being imported */
  cancellable = start_call (self, _("Importing…"));
  self->stop = g_cancellable_new ();
  vastus_clinic_import_async (self->clinic, vastus_import_columns_get_file (self->columns_page)->path,
                              profile, vastus_import_columns_get_patient_mrn (self->columns_page),
                              FALSE, progress_cb, self, self->stop, cancellable, import_done_cb,
                              self);
}

/* Stop: reading or checking ends at once (they write nothing); an import is stopped before its
 * commit and says so when it answers (or that it was done already). */
static void
stop_clicked_cb (VastusImportAssistant *self)
{
  if (self->stop != NULL)
    {
      g_cancellable_cancel (self->stop);
      /* Translators: shown after Stop while the import finishes the visit it is saving */
      adw_status_page_set_title (self->working_page, _("Stopping…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
      return;
    }
  cancel_call (self);
  show_page (self, vastus_import_columns_get_rows (self->columns_page) == NULL ? "choose"
                                                                            : "columns");
}

static void
file_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  VastusImportFile *file = vastus_clinic_open_import_file_finish (VASTUS_CLINIC (source), result,
                                                                  &error);
  VastusImportAssistant *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = VASTUS_IMPORT_ASSISTANT (user_data);
  g_clear_object (&self->cancellable);
  if (file == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The file cannot be read: %s"),
                                                  error->message);

      toast (self, message);
      show_page (self, "choose");
      return;
    }
  g_clear_pointer (&self->preview, vastus_import_result_free);
  adw_window_title_set_subtitle (self->window_title, file->name);
  if (!vastus_import_columns_set_file (self->columns_page, file))
    {
      show_page (self, "choose");
      return;
    }
  show_page (self, "columns");
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            vastus_import_columns_get_ready (self->columns_page));
  vastus_import_columns_focus (self->columns_page);
}

static void
ready_cb (VastusImportAssistant *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            vastus_import_columns_get_ready (self->columns_page));
}

static void
message_cb (VastusImportAssistant *self,
            const char            *text)
{
  toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     VastusImportAssistant *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  g_clear_object (&self->chooser);
  if (file != NULL && path == NULL)
    toast (self, _("Only files in local folders can be imported"));
  else if (path != NULL)
    vastus_import_assistant_open_file (self, path);
}

static void
choose_clicked_cb (VastusImportAssistant *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import from a Device or Spreadsheet"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               /* Translators: the file chooser's button (verb):
                                                * opens the chosen file to import */
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV and text files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/plain");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  /* Translators: the file chooser's filter that shows every file */
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget         *target,
         const GValue          *value,
         double                 x,
         double                 y,
         VastusImportAssistant *self)
{
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  path = g_file_get_path (g_value_get_object (value));
  if (path == NULL)
    return FALSE;
  vastus_import_assistant_open_file (self, path);
  return TRUE;
}

static void
show_patient_clicked_cb (VastusImportAssistant *self)
{
  g_signal_emit (self, signals[SHOW_PATIENT], 0, self->imported_patient);
  gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static void
vastus_import_assistant_dispose (GObject *object)
{
  VastusImportAssistant *self = VASTUS_IMPORT_ASSISTANT (object);

  cancel_call (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_IMPORT_ASSISTANT);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_import_assistant_parent_class)->dispose (object);
}

static void
vastus_import_assistant_finalize (GObject *object)
{
  VastusImportAssistant *self = VASTUS_IMPORT_ASSISTANT (object);

  g_clear_pointer (&self->preview, vastus_import_result_free);
  G_OBJECT_CLASS (vastus_import_assistant_parent_class)->finalize (object);
}

static void
vastus_import_assistant_class_init (VastusImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_import_assistant_dispose;
  object_class->finalize = vastus_import_assistant_finalize;

  signals[SHOW_PATIENT] = g_signal_new ("show-patient", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_INT64);

  g_type_ensure (VASTUS_TYPE_IMPORT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-import-assistant.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VastusImportAssistant, name)
  BIND (toast_overlay);
  BIND (window_title);
  BIND (stack);
  BIND (cancel_button);
  BIND (back_button);
  BIND (next_button);
  BIND (import_button);
  BIND (choose_button);
  BIND (working_page);
  BIND (progress_bar);
  BIND (stop_button);
  BIND (preview_page);
  BIND (done_page);
  BIND (show_patient_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_patient_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
}

static void
vastus_import_assistant_init (VastusImportAssistant *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Public API */

VastusImportAssistant *
vastus_import_assistant_new (GtkWindow           *parent,
                             VastusClinic        *clinic,
                             const VastusPatient *patient)
{
  VastusImportAssistant *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_new (VASTUS_TYPE_IMPORT_ASSISTANT, "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->clinic = g_object_ref (clinic);
  /* The columns page needs the clinic (its patient search): made here, in the stack's place. */
  self->columns_page = VASTUS_IMPORT_COLUMNS (vastus_import_columns_new (clinic, patient));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->columns_page), "columns");
  g_signal_connect_object (self->columns_page, "notify::ready", G_CALLBACK (ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->columns_page, "message", G_CALLBACK (message_cb), self,
                           G_CONNECT_SWAPPED);
  show_page (self, "choose");
  gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
  return self;
}

void
vastus_import_assistant_open_file (VastusImportAssistant *self,
                                   const char            *path)
{
  GCancellable *cancellable;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (VASTUS_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (path != NULL);

  name = g_path_get_basename (path);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Reading “%s”…"), name);
  g_clear_pointer (&self->preview, vastus_import_result_free);
  cancellable = start_call (self, title);
  vastus_clinic_open_import_file_async (self->clinic, path, cancellable, file_opened_cb, self);
}

const char *
vastus_import_assistant_get_page (VastusImportAssistant *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
vastus_import_assistant_get_part (VastusImportAssistant *self,
                                  const char            *name)
{
  const struct { const char *name; gpointer widget; } parts[] = {
    { "columns-page", self->columns_page }, { "preview", self->preview_page },
    { "next", self->next_button }, { "import", self->import_button },
    { "back", self->back_button }, { "stop", self->stop_button },
    { "show-patient", self->show_patient_button }, { "progress", self->progress_bar },
    { "done", self->done_page },
  };

  g_return_val_if_fail (VASTUS_IS_IMPORT_ASSISTANT (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return parts[i].widget;
  return vastus_import_columns_get_part (self->columns_page, name);
}
