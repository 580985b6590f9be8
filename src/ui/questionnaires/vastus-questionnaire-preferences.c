/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-questionnaire-preferences"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-clinic-questionnaires.h"
#include "vastus-pin.h"
#include "vastus-questionnaire-preferences.h"
#include "vastus-write-error.h"

struct _VastusQuestionnairePreferences
{
  AdwPreferencesPage  parent_instance;

  VastusClinic       *clinic;
  VastusQuestionnaireSettings *settings;   /* the clinic's: what the page shows */
  GHashTable         *wording_rows;   /* instrument id → AdwActionRow */
  GHashTable         *mic_spins;      /* measure → GtkSpinButton */
  AdwActionRow       *pin_status_row;
  AdwPasswordEntryRow *pin_row;
  GtkWidget          *remove_pin_button;
  gboolean            showing;        /* spin buttons being set from the settings */
};

G_DEFINE_FINAL_TYPE (VastusQuestionnairePreferences, vastus_questionnaire_preferences,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
toast (VastusQuestionnairePreferences *self,
       const char                     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

/* What the page shows follows the clinic's settings (read and written on its workers). */
static void
settings_changed_cb (VastusQuestionnairePreferences *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_pin = vastus_questionnaire_settings_has_pin (self->settings);

  g_hash_table_iter_init (&iter, self->wording_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean loaded = vastus_questionnaire_settings_get_wording (self->settings, key) != NULL;
      GtkWidget *remove = g_object_get_data (value, "remove");

      adw_action_row_set_subtitle (value, loaded ? _("Wording loaded: it can be handed to patients")
                                                 : _("No wording: item number and topic"));
      gtk_widget_set_visible (remove, loaded);
    }
  adw_action_row_set_subtitle (self->pin_status_row,
                               has_pin ? _("A PIN is set: it ends the patient mode")
                                       : _("No PIN: questionnaires cannot be handed to patients"));
  gtk_widget_set_visible (self->remove_pin_button, has_pin);
  self->showing = TRUE;
  g_hash_table_iter_init (&iter, self->mic_spins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean clinic_set = FALSE;
      double mic = vastus_questionnaire_settings_get_mic (self->settings, key, &clinic_set);

      gtk_spin_button_set_value (value, clinic_set ? mic : 0);
    }
  self->showing = FALSE;
}

/* A write's outcome: a toast saying it was done (@done), or why not; the page shows what is
 * stored. */
static void
written (VastusQuestionnairePreferences *self,
         gboolean                        ok,
         GError                         *error,
         const char                     *done)
{
  if (!ok)
    {
      /* Translators: a questionnaire setting could not be stored; %s says why */
      g_autofree char *text = vastus_write_error_text (error, _("Not saved: %s"), error->message);

      toast (self, text);
    }
  else if (done != NULL)
    toast (self, done);
}

static void
wordings_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VastusQuestionnairePreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = vastus_clinic_save_wordings_finish (VASTUS_CLINIC (source), result, &error);

  /* Translators: shown after the licensed wording of a questionnaire's items was loaded from a
   * file */
  written (self, ok, error, _("Wording loaded"));
}

static void
wording_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VastusQuestionnairePreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = vastus_clinic_delete_wording_finish (VASTUS_CLINIC (source), result, &error);

  written (self, ok, error, NULL);
}

static void
pin_set_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VastusQuestionnairePreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = vastus_clinic_set_pin_finish (VASTUS_CLINIC (source), result, &error);

  written (self, ok, error, NULL);
}

static void
mic_set_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VastusQuestionnairePreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = vastus_clinic_set_mic_finish (VASTUS_CLINIC (source), result, &error);

  written (self, ok, error, NULL);
}

gboolean
vastus_questionnaire_preferences_load_data (VastusQuestionnairePreferences *self,
                                            const char                     *data,
                                            gsize                           length,
                                            GError                        **error)
{
  g_autoptr(GPtrArray) parsed = vastus_wording_parse (data, length, error);

  if (parsed == NULL)
    return FALSE;
  vastus_clinic_save_wordings_async (self->clinic, parsed, NULL, wordings_saved_cb,
                                     g_object_ref (self));
  return TRUE;
}

gboolean
vastus_questionnaire_preferences_set_pin (VastusQuestionnairePreferences *self,
                                          const char                     *pin,
                                          GError                        **error)
{
  if (pin != NULL && !vastus_pin_check_format (pin, error))
    return FALSE;
  vastus_clinic_set_pin_async (self->clinic, pin, NULL, pin_set_cb, g_object_ref (self));
  return TRUE;
}

/* Callbacks */

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusQuestionnairePreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &length, NULL, &error) ||
      !vastus_questionnaire_preferences_load_data (self, data, length, &error))
    {
      /* Translators: "Wording not loaded: line 3: KOOS has no item “P10”." */
      g_autofree char *text = g_strdup_printf (_("Wording not loaded: %s"), error->message);

      toast (self, text);
    }
}

static void
chooser_response_cb (GtkNativeDialog                *chooser,
                     int                             response,
                     VastusQuestionnairePreferences *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The file is read off the main thread. */
      g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
load_clicked_cb (VastusQuestionnairePreferences *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Load Questionnaire Wording"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 /* Translators: the file chooser's button (verb): loads the
                                  * questionnaire's wording from the chosen file */
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_wording_clicked_cb (GtkButton                      *button,
                           VastusQuestionnairePreferences *self)
{
  vastus_clinic_delete_wording_async (self->clinic, g_object_get_data (G_OBJECT (button), "instrument"),
                                      NULL, wording_deleted_cb, g_object_ref (self));
}

static void
pin_apply_cb (VastusQuestionnairePreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!vastus_questionnaire_preferences_set_pin (self, gtk_editable_get_text (GTK_EDITABLE (self->pin_row)), &error))
    {
      toast (self, error->message);
      return;
    }
  /* Emptied without offering to apply again: the row offers it for every change of its text
   * while it shows the button. */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->pin_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->pin_row), TRUE);
  toast (self, _("Clinic PIN set"));
}

static void
remove_pin_clicked_cb (VastusQuestionnairePreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!vastus_questionnaire_preferences_set_pin (self, NULL, &error))
    toast (self, error->message);
}

static void
mic_changed_cb (GtkSpinButton                  *spin,
                VastusQuestionnairePreferences *self)
{
  const char *measure = g_object_get_data (G_OBJECT (spin), "measure");
  double value = gtk_spin_button_get_value (spin);

  if (self->showing)
    return;
  /* 0: the instrument's default (or none). */
  vastus_clinic_set_mic_async (self->clinic, measure, value > 0 ? value : NAN, NULL, mic_set_cb,
                               g_object_ref (self));
}

/* Building */

static void
add_wording_group (VastusQuestionnairePreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  /* Translators: a button (verb): loads a licensed questionnaire's item wording from a file */
  GtkWidget *load = gtk_button_new_with_mnemonic (_("_Load Wording…"));

  /* Translators: a heading: the text of questionnaires' items, which the clinic loads under its
   * own licence */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Item wording"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Vastus ships no item wording: the questionnaires’ text belongs to their authors. Load it from "
      "your clinic’s official form, as a plain text file: a line [id] per questionnaire, then one line "
      "per item: its number, a tab, the question, and a tab before each answer label."));
  gtk_widget_set_valign (load, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (load, "clicked", G_CALLBACK (load_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), load);
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a button (verb): removes the loaded wording of a questionnaire, or the
       * clinic PIN */
      GtkWidget *remove = gtk_button_new_with_label (_("Remove"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), instrument->name);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (remove), "instrument", (gpointer) instrument->id);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_wording_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_object_set_data (G_OBJECT (row), "remove", remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->wording_rows, (gpointer) instrument->id, row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static void
add_pin_group (VastusQuestionnairePreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Hand to patient"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("A questionnaire handed to a patient fills the screen and shows nothing else; only the clinic "
      "PIN (4 to 12 digits) returns to Vastus. Vastus keeps a hash of it, never the PIN."));
  self->pin_status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_status_row), _("Clinic PIN"));
  self->remove_pin_button = gtk_button_new_with_label (_("Remove"));
  gtk_widget_set_valign (self->remove_pin_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->remove_pin_button, "clicked", G_CALLBACK (remove_pin_clicked_cb), self);
  adw_action_row_add_suffix (self->pin_status_row, self->remove_pin_button);
  self->pin_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  /* Translators: the field for a new clinic PIN (personal identification number) that takes the
   * device back from a patient */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row), _("New PIN"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->pin_row), TRUE);
  g_signal_connect_swapped (self->pin_row, "apply", G_CALLBACK (pin_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pin_status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pin_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static void
add_mic_group (VastusQuestionnairePreferences *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Minimal important change"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("The change since the first score that counts as important, per score. 0 uses the published "
      "value shown (for the population named), or none."));
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), instrument->name);
      for (guint k = 0; k < instrument->scales->len; k++)
        {
          const VastusScale *scale = g_ptr_array_index (instrument->scales, k);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 0.1);
          g_autofree char *subtitle = NULL;
          char mic[VASTUS_DISPLAY_NUMBER_SIZE];

          if (isnan (scale->mic))
            subtitle = g_strdup (_("No published value in Vastus’s sources"));
          else
            /* Translators: "Published: 16.7 (after knee arthroplasty; Monticone 2013)". */
            subtitle = g_strdup_printf (_("Published: %s (%s; %s)"), vastus_display_number (scale->mic, 1, mic),
                                        vastus_scale_get_mic_population (scale), scale->mic_source);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vastus_scale_get_label (scale));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          vastus_scale_get_label (scale), -1);
          g_object_set_data (G_OBJECT (spin), "measure", scale->measure);
          g_signal_connect (spin, "value-changed", G_CALLBACK (mic_changed_cb), self);
          g_hash_table_insert (self->mic_spins, (gpointer) scale->measure, spin);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static void
vastus_questionnaire_preferences_finalize (GObject *object)
{
  VastusQuestionnairePreferences *self = VASTUS_QUESTIONNAIRE_PREFERENCES (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->clinic);
  g_hash_table_unref (self->wording_rows);
  g_hash_table_unref (self->mic_spins);
  G_OBJECT_CLASS (vastus_questionnaire_preferences_parent_class)->finalize (object);
}

static void
vastus_questionnaire_preferences_class_init (VastusQuestionnairePreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_questionnaire_preferences_finalize;
}

static void
vastus_questionnaire_preferences_init (VastusQuestionnairePreferences *self)
{
  self->wording_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->mic_spins = g_hash_table_new (g_str_hash, g_str_equal);
  /* Translators: the page of Preferences with the questionnaires' official wording, the clinic
   * PIN and the minimal important changes. On a phone four page names share 360 px:
   * keep it one short word ("Questionnaires" is cut) */
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), C_("preferences page", "Forms"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "view-list-symbolic");
}

GtkWidget *
vastus_questionnaire_preferences_new (VastusClinic *clinic)
{
  VastusQuestionnairePreferences *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_new (VASTUS_TYPE_QUESTIONNAIRE_PREFERENCES, NULL);
  self->clinic = g_object_ref (clinic);
  self->settings = g_object_ref (vastus_clinic_get_questionnaire_settings (clinic));
  add_wording_group (self);
  add_pin_group (self);
  add_mic_group (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  settings_changed_cb (self);
  return GTK_WIDGET (self);
}
