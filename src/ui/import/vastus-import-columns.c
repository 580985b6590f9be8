/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-columns"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-import-column-row.h"
#include "vastus-import-columns.h"
#include "vastus-import-patient.h"
#include "vastus-import-table.h"
#include "vastus-text.h"
#include "vastus-write-error.h"

/* The rows shown of a file, and the values of a column its row quotes. */
#define SHOWN_ROWS 8
#define SAMPLE_VALUES 3
/* The id of a profile made from the columns chosen here, until it is saved under a name. */
#define CHOSEN_HERE_ID "chosen-here"

struct _VastusImportColumns
{
  AdwPreferencesPage    parent_instance;

  VastusClinic         *clinic;
  VastusImportFile     *file;
  VastusFileHead       *head;            /* the first rows, as the layout in use reads them */
  VastusProfile        *profile;         /* what the import reads the file with, or NULL */
  GPtrArray            *column_rows;     /* of VastusImportColumnRow*, in the file's order */
  char                **date_formats;    /* date_format_row's items */
  VastusImportPatient  *patient;
  gboolean              ready;
  gboolean              updating;        /* the rows are being set, not chosen */

  AdwPreferencesGroup  *file_group;
  AdwComboRow          *profile_row;
  AdwComboRow          *delimiter_row;
  AdwComboRow          *decimal_row;
  AdwComboRow          *encoding_row;
  AdwComboRow          *date_format_row;
  VastusImportTable    *rows_table;
  AdwPreferencesGroup  *columns_group;
  GtkMenuButton        *save_button;
  GtkPopover           *save_popover;
  GtkEntry             *profile_name_entry;
  GtkButton            *save_profile_button;
  AdwPreferencesGroup  *patient_file_group;
  AdwActionRow         *patient_file_row;
};

G_DEFINE_FINAL_TYPE (VastusImportColumns, vastus_import_columns, ADW_TYPE_PREFERENCES_PAGE)

enum { PROP_0, PROP_READY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char delimiters[] = { ',', ';', '\t' };

static void validate (VastusImportColumns *self);
static void list_profiles (VastusImportColumns *self,
                           guint                selected);

/* Something to tell (the window's toast). */
static void
message (VastusImportColumns *self,
         const char          *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

/* The profile the drop-down shows, or NULL for the columns chosen here. */
static const VastusProfile *
chosen_profile (VastusImportColumns *self)
{
  guint i = adw_combo_row_get_selected (self->profile_row);

  if (self->file == NULL || i >= self->file->profiles->len)
    return NULL;
  return g_ptr_array_index (self->file->profiles, i);
}

/* Reading the file's first rows */

/* The file's first rows as @delimiter and @encoding (0 and NULL: guessed) read them. */
static gboolean
read_head (VastusImportColumns *self,
           char                 delimiter,
           const char          *encoding)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *bytes = g_bytes_get_data (self->file->head, &length);
  VastusFileHead *head = vastus_file_head_read (bytes, length, self->file->complete, delimiter,
                                                encoding, SHOWN_ROWS, &error);

  if (head == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *text = g_strdup_printf (_("The file cannot be read: %s"), error->message);

      message (self, text);
      return FALSE;
    }
  g_clear_pointer (&self->head, vastus_file_head_free);
  self->head = head;
  vastus_import_table_set_rows (self->rows_table, head->rows);
  return TRUE;
}

/* "3/14/2026, 4/2/2026, …": the first values of @column. */
static char *
sample (VastusImportColumns *self,
        guint                column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint r = 1; r < self->head->rows->len && n < SAMPLE_VALUES; r++)
    {
      char **cells = g_ptr_array_index (self->head->rows, r);
      g_autofree char *cell = column < g_strv_length (cells) ? g_strstrip (g_strdup (cells[column]))
                                                            : NULL;

      if (cell == NULL || *cell == '\0')
        continue;
      g_string_append_printf (text, "%s%s", n++ > 0 ? ", " : "", cell);
    }
  if (n == SAMPLE_VALUES)
    g_string_append (text, ", …");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
column_changed_cb (VastusImportColumns   *self,
                   VastusImportColumnRow *row);

/* One row per column of the file: what @profile reads from it, else @mappings' (guessed when
 * NULL). */
static void
fill_columns (VastusImportColumns *self,
              const VastusProfile *profile,
              GPtrArray           *mappings)
{
  char **header = g_ptr_array_index (self->head->rows, 0);

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  self->updating = TRUE;
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *values = sample (self, i);
      GtkWidget *row = vastus_import_column_row_new (header[i], values);
      g_autoptr(VastusColumnMapping) mapping = vastus_column_mapping_new (header[i]);

      if (profile != NULL && !vastus_profile_column_mapping (profile, header[i], mapping))
        {
          g_autofree char *what = vastus_profile_describe_column (profile, header[i]);

          vastus_import_column_row_set_fixed (VASTUS_IMPORT_COLUMN_ROW (row), what);
        }
      else if (profile != NULL)
        vastus_import_column_row_set_mapping (VASTUS_IMPORT_COLUMN_ROW (row), mapping);
      else if (mappings != NULL && i < mappings->len)
        vastus_import_column_row_set_mapping (VASTUS_IMPORT_COLUMN_ROW (row),
                                              g_ptr_array_index (mappings, i));
      else
        {
          g_autoptr(VastusColumnMapping) guess = vastus_column_mapping_guess (header[i]);

          vastus_import_column_row_set_mapping (VASTUS_IMPORT_COLUMN_ROW (row), guess);
        }
      g_signal_connect_object (row, "changed", G_CALLBACK (column_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  self->updating = FALSE;
}

/* The columns as the rows say them now. */
static GPtrArray *
current_mappings (VastusImportColumns *self)
{
  GPtrArray *mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_column_mapping_free);

  for (guint i = 0; i < self->column_rows->len; i++)
    g_ptr_array_add (mappings, vastus_column_mapping_copy (
      vastus_import_column_row_get_mapping (g_ptr_array_index (self->column_rows, i))));
  return mappings;
}

/* The date formats the date column's values fit, the likeliest first, then the others. */
static void
fill_date_formats (VastusImportColumns *self,
                   GPtrArray           *mappings)
{
  const char * const *all = vastus_profile_known_date_formats ();
  const char *kept = NULL;
  g_autofree char *previous = NULL;
  g_auto(GStrv) fitting = NULL;
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  if (self->date_formats != NULL && adw_combo_row_get_selected (self->date_format_row) <
                                    g_strv_length (self->date_formats))
    previous = g_strdup (self->date_formats[adw_combo_row_get_selected (self->date_format_row)]);
  for (guint i = 0; i < mappings->len; i++)
    if (((VastusColumnMapping *) mappings->pdata[i])->role == VASTUS_COLUMN_ROLE_DATE)
      fitting = vastus_profile_guess_date_formats (self->head, i);
  for (guint i = 0; fitting != NULL && fitting[i] != NULL; i++)
    g_strv_builder_add (items, fitting[i]);
  for (guint i = 0; all[i] != NULL; i++)
    if (fitting == NULL || !g_strv_contains ((const char * const *) fitting, all[i]))
      g_strv_builder_add (items, all[i]);
  g_strfreev (self->date_formats);
  self->date_formats = g_strv_builder_end (items);
  for (guint i = 0; self->date_formats[i] != NULL; i++)
    {
      GDate example;
      char text[64];
      g_autofree char *label = NULL;

      /* 31 December 2026 in the format: "31.12.2026", "12/31/2026" … */
      g_date_clear (&example, 1);
      g_date_set_dmy (&example, 31, 12, 2026);
      g_date_strftime (text, sizeof text, self->date_formats[i], &example);
      if (fitting != NULL && g_strv_contains ((const char * const *) fitting, self->date_formats[i]))
        /* Translators: a date format shown by an example, e.g. "31.12.2026 (fits the file)" */
        label = g_strdup_printf (_("%s (fits the file)"), text);
      else
        label = g_strdup (text);
      gtk_string_list_append (labels, label);
      if (g_strcmp0 (previous, self->date_formats[i]) == 0)
        kept = self->date_formats[i], selected = i;
    }
  /* The one chosen before stays if it still fits, else the likeliest. */
  if (kept == NULL || (fitting != NULL && fitting[0] != NULL &&
                       !g_strv_contains ((const char * const *) fitting, kept)))
    selected = 0;
  self->updating = TRUE;
  adw_combo_row_set_model (self->date_format_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->date_format_row, selected);
  self->updating = FALSE;
}

/* Shows the layout rows (delimiter, decimal mark, encoding) as the first rows were read. */
static void
show_layout (VastusImportColumns *self)
{
  guint d = 0;

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == self->head->delimiter)
      d = i;
  self->updating = TRUE;
  adw_combo_row_set_selected (self->delimiter_row, d);
  adw_combo_row_set_selected (self->decimal_row, self->head->decimal_mark == ',');
  adw_combo_row_set_selected (self->encoding_row, self->head->encoding != NULL);
  self->updating = FALSE;
}

/* The columns chosen here: the layout rows shown and editable, the columns' drop-downs. */
static void
use_columns_chosen_here (VastusImportColumns *self,
                         GPtrArray           *mappings)
{
  gboolean custom = chosen_profile (self) == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->decimal_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->date_format_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), custom);
  if (custom)
    {
      fill_columns (self, NULL, mappings);
      {
        g_autoptr(GPtrArray) now = current_mappings (self);

        fill_date_formats (self, now);
      }
    }
}

/* The profile chosen (or the columns chosen here) applied to the file. */
static void
apply_profile (VastusImportColumns *self,
               GPtrArray           *mappings)
{
  const VastusProfile *profile = chosen_profile (self);

  if (profile != NULL)
    {
      if (!read_head (self, profile->delimiter, profile->encoding))
        return;
      fill_columns (self, profile, NULL);
      adw_preferences_group_set_description (self->file_group,
                                             self->file->detected >= 0 &&
                                             g_ptr_array_index (self->file->profiles,
                                                                self->file->detected)
                                             == profile ? _("Recognised from the file’s columns")
                                                        : NULL);
    }
  else
    adw_preferences_group_set_description (self->file_group,
                                           _("Choose below what each column holds"));
  use_columns_chosen_here (self, mappings);
  show_layout (self);
  validate (self);
}

/* Checking the choices */

/* The name a file's name column gives first, or NULL. */
static char *
name_in_file (VastusImportColumns *self,
              const VastusProfile *profile)
{
  char **header = g_ptr_array_index (self->head->rows, 0);

  for (guint c = 0; profile->name_column != NULL && header[c] != NULL; c++)
    {
      g_autofree char *key = vastus_profile_header_key (header[c]);
      g_autofree char *wanted = vastus_profile_header_key (profile->name_column);

      if (!g_str_equal (key, wanted))
        continue;
      for (guint r = 1; r < self->head->rows->len; r++)
        {
          char **cells = g_ptr_array_index (self->head->rows, r);
          g_autofree char *name = c < g_strv_length (cells) ? g_strstrip (g_strdup (cells[c]))
                                                            : NULL;

          if (name != NULL && *name != '\0')
            return g_steal_pointer (&name);
        }
    }
  return NULL;
}

/* Who the values belong to: the file's patient column, or the patient chosen here. */
static void
show_patient_choice (VastusImportColumns *self)
{
  const VastusProfile *p = self->profile;
  gboolean from_file = p != NULL && p->patient_column != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->patient_file_group), from_file);
  gtk_widget_set_visible (GTK_WIDGET (self->patient), p != NULL && !from_file);
  if (from_file)
    {
      /* Translators: %s is a column header, e.g. "Patient-ID" */
      g_autofree char *text = g_strdup_printf (_("The MRN in the column “%s”; every patient must "
                                                 "be in Vastus already"), p->patient_column);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_action_row_set_subtitle (self->patient_file_row, escaped);
    }
  else if (p != NULL)
    {
      g_autofree char *name = name_in_file (self, p);
      g_autofree char *text = NULL;

      if (name != NULL)
        /* Translators: %s is the name a file gives */
        text = g_strdup_printf (_("The file names “%s” but no MRN: choose that patient. A row "
                                  "that names someone else is refused."), name);
      else
        text = g_strdup (_("The file names no patient: choose the patient its values belong to."));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->patient), text);
      if (vastus_import_patient_get_id (self->patient) == 0 && name != NULL)
        vastus_import_patient_search (self->patient, name);
    }
}

/* Builds the profile the import uses (the one chosen, or one from the columns chosen here) and
 * says what is still to choose. */
static void
validate (VastusImportColumns *self)
{
  const VastusProfile *chosen = chosen_profile (self);
  g_autoptr(GError) error = NULL;
  gboolean ready;

  if (self->updating || self->file == NULL || self->head == NULL)
    return;
  g_clear_pointer (&self->profile, vastus_profile_free);
  for (guint i = 0; i < self->column_rows->len; i++)
    vastus_import_column_row_set_problem (g_ptr_array_index (self->column_rows, i), NULL);
  adw_preferences_group_set_description (self->columns_group, NULL);
  if (chosen != NULL)
    self->profile = vastus_profile_copy (chosen);
  else
    {
      g_autoptr(GPtrArray) mappings = current_mappings (self);
      guint format = adw_combo_row_get_selected (self->date_format_row);

      self->profile = vastus_profile_build (CHOSEN_HERE_ID, _("Columns chosen here"), self->head,
                                            format < g_strv_length (self->date_formats)
                                            ? self->date_formats[format] : NULL,
                                            mappings, &error);
      if (self->profile == NULL)
        {
          gboolean placed = FALSE;

          /* A column's problem on its row; the others under the group's title. */
          for (guint i = 0; i < self->column_rows->len; i++)
            {
              const VastusColumnMapping *m =
                vastus_import_column_row_get_mapping (g_ptr_array_index (self->column_rows, i));
              g_autofree char *quoted = vastus_text_excerpt (m->header);
              g_autofree char *prefix = g_strdup_printf ("“%s”: ", quoted);

              if (!placed && g_str_has_prefix (error->message, prefix))
                {
                  vastus_import_column_row_set_problem (g_ptr_array_index (self->column_rows, i),
                                                        error->message + strlen (prefix));
                  placed = TRUE;
                }
            }
          adw_preferences_group_set_description (self->columns_group, error->message);
        }
    }
  show_patient_choice (self);
  ready = self->profile != NULL &&
          (self->profile->patient_column != NULL || vastus_import_patient_get_id (self->patient) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->profile != NULL);
  if (ready != self->ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

static void
profile_changed_cb (VastusImportColumns *self)
{
  g_autoptr(GPtrArray) mappings = NULL;

  if (self->updating || self->file == NULL)
    return;
  /* From a profile to the columns chosen here: its columns as far as drop-downs can say them. */
  if (chosen_profile (self) == NULL)
    mappings = current_mappings (self);
  apply_profile (self, mappings);
}

/* The delimiter, the decimal mark or the encoding chosen: the first rows read again. */
static void
layout_changed_cb (VastusImportColumns *self)
{
  guint d = adw_combo_row_get_selected (self->delimiter_row);
  gboolean legacy = adw_combo_row_get_selected (self->encoding_row) == 1;
  char **header;
  gboolean same = TRUE;
  g_autoptr(GPtrArray) mappings = NULL;

  if (self->updating || self->file == NULL || chosen_profile (self) != NULL)
    return;
  mappings = current_mappings (self);
  if (!read_head (self, delimiters[MIN (d, G_N_ELEMENTS (delimiters) - 1)],
                  legacy ? "windows-1252" : "UTF-8"))
    return;
  self->head->decimal_mark = adw_combo_row_get_selected (self->decimal_row) == 1 ? ',' : '.';
  if (legacy == FALSE)
    g_clear_pointer (&self->head->encoding, g_free);
  /* The same columns keep what was chosen; others are guessed afresh. */
  header = g_ptr_array_index (self->head->rows, 0);
  same = g_strv_length (header) == mappings->len;
  for (guint i = 0; same && header[i] != NULL; i++)
    same = g_str_equal (header[i], ((VastusColumnMapping *) mappings->pdata[i])->header);
  fill_columns (self, NULL, same ? mappings : NULL);
  {
    g_autoptr(GPtrArray) now = current_mappings (self);

    fill_date_formats (self, now);
  }
  validate (self);
}

static void
mapping_changed_cb (VastusImportColumns *self)
{
  validate (self);
}

/* From a profile to the columns chosen here, keeping what the rows say now; after the
 * drop-down's own signal, since its row is made anew. */
static gboolean
to_columns_chosen_here_cb (gpointer data)
{
  g_autoptr(VastusImportColumns) self = data;
  g_autoptr(GPtrArray) mappings = NULL;

  if (self->file == NULL || chosen_profile (self) == NULL)
    return G_SOURCE_REMOVE;
  mappings = current_mappings (self);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->profile_row, self->file->profiles->len);
  self->updating = FALSE;
  apply_profile (self, mappings);
  return G_SOURCE_REMOVE;
}

/* A drop-down of a column changed: from a profile, the columns are chosen here from now on. */
static void
column_changed_cb (VastusImportColumns   *self,
                   VastusImportColumnRow *row)
{
  if (self->updating)
    return;
  if (chosen_profile (self) != NULL)
    {
      g_idle_add (to_columns_chosen_here_cb, g_object_ref (self));
      return;
    }
  {
    g_autoptr(GPtrArray) mappings = current_mappings (self);

    fill_date_formats (self, mappings);
  }
  validate (self);
}

static void
patient_chosen_cb (VastusImportColumns *self)
{
  validate (self);
}

typedef struct
{
  VastusImportColumns *self;
  VastusProfile         *profile;
} SaveProfile;

static void
profile_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveProfile *save = user_data;
  VastusImportColumns *self = save->self;
  g_autoptr(GError) error = NULL;

  if (!vastus_clinic_save_profile_finish (VASTUS_CLINIC (source), result, &error))
    {
      /* Translators: %s is the reason */
      g_autofree char *text = vastus_write_error_text (error, _("The profile was not saved: %s"),
                                                       error->message);

      message (self, text);
    }
  else if (self->file != NULL)
    {
      /* Translators: %s is a profile's name */
      g_autofree char *text = g_strdup_printf (_("Saved the profile “%s”"), save->profile->name);
      guint index = self->file->profiles->len;

      /* Replacing a saved one of that id, or added: then chosen. */
      for (guint i = 0; i < self->file->profiles->len; i++)
        if (g_str_equal (((VastusProfile *) self->file->profiles->pdata[i])->id, save->profile->id))
          index = i;
      if (index == self->file->profiles->len)
        g_ptr_array_add (self->file->profiles, g_steal_pointer (&save->profile));
      else
        {
          vastus_profile_free (self->file->profiles->pdata[index]);
          self->file->profiles->pdata[index] = g_steal_pointer (&save->profile);
        }
      list_profiles (self, index);
      apply_profile (self, NULL);
      message (self, text);
    }
  g_clear_pointer (&save->profile, vastus_profile_free);
  g_object_unref (save->self);
  g_free (save);
}

/* "Save as Profile…": the columns chosen here under the name typed (its id made from it). */
static void
save_profile_cb (VastusImportColumns *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->profile_name_entry))));
  g_autofree char *id = vastus_profile_id_from_filename (name);
  g_autoptr(GPtrArray) mappings = NULL;
  g_autoptr(GError) error = NULL;
  guint format = adw_combo_row_get_selected (self->date_format_row);
  SaveProfile *save;
  VastusProfile *profile;

  if (id == NULL || vastus_text_find_control (name, VASTUS_TEXT_LINE, NULL) != 0)
    {
      message (self, _("Name the profile with letters or digits"));
      return;
    }
  mappings = current_mappings (self);
  profile = vastus_profile_build (id, name, self->head,
                                  format < g_strv_length (self->date_formats)
                                  ? self->date_formats[format] : NULL, mappings, &error);
  if (profile == NULL)
    {
      message (self, error->message);
      return;
    }
  gtk_popover_popdown (self->save_popover);
  save = g_new0 (SaveProfile, 1);
  save->self = g_object_ref (self);
  save->profile = profile;
  vastus_clinic_save_profile_async (self->clinic, profile, NULL, profile_saved_cb, save);
}

/* Overrides */

static void
vastus_import_columns_dispose (GObject *object)
{
  VastusImportColumns *self = VASTUS_IMPORT_COLUMNS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_IMPORT_COLUMNS);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_import_columns_parent_class)->dispose (object);
}

static void
vastus_import_columns_finalize (GObject *object)
{
  VastusImportColumns *self = VASTUS_IMPORT_COLUMNS (object);

  g_clear_pointer (&self->file, vastus_import_file_free);
  g_clear_pointer (&self->head, vastus_file_head_free);
  g_clear_pointer (&self->profile, vastus_profile_free);
  g_strfreev (self->date_formats);
  g_ptr_array_unref (self->column_rows);
  G_OBJECT_CLASS (vastus_import_columns_parent_class)->finalize (object);
}

static void
vastus_import_columns_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VastusImportColumns *self = VASTUS_IMPORT_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_import_columns_class_init (VastusImportColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_import_columns_dispose;
  object_class->finalize = vastus_import_columns_finalize;
  object_class->get_property = vastus_import_columns_get_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (VASTUS_TYPE_IMPORT_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-import-columns.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VastusImportColumns, name)
  BIND (file_group);
  BIND (profile_row);
  BIND (delimiter_row);
  BIND (decimal_row);
  BIND (encoding_row);
  BIND (date_format_row);
  BIND (rows_table);
  BIND (columns_group);
  BIND (save_button);
  BIND (save_popover);
  BIND (profile_name_entry);
  BIND (save_profile_button);
  BIND (patient_file_group);
  BIND (patient_file_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, layout_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mapping_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_profile_cb);
}

static void
vastus_import_columns_init (VastusImportColumns *self)
{
  self->column_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
vastus_import_columns_new (VastusClinic        *clinic,
                           const VastusPatient *patient)
{
  VastusImportColumns *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_new (VASTUS_TYPE_IMPORT_COLUMNS, NULL);
  self->clinic = g_object_ref (clinic);
  self->patient = VASTUS_IMPORT_PATIENT (vastus_import_patient_new (clinic));
  vastus_import_patient_set (self->patient, patient);
  g_signal_connect_object (self->patient, "notify::patient-id", G_CALLBACK (patient_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (self->patient));
  gtk_widget_set_visible (GTK_WIDGET (self->patient), FALSE);
  return GTK_WIDGET (self);
}

/* The profiles in the drop-down, then "Columns Chosen Here"; @selected chosen. */
static void
list_profiles (VastusImportColumns *self,
               guint               selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->file->profiles->len; i++)
    gtk_string_list_append (names, ((VastusProfile *) self->file->profiles->pdata[i])->name);
  gtk_string_list_append (names, _("Columns Chosen Here"));
  self->updating = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->profile_row, selected);
  self->updating = FALSE;
}

gboolean
vastus_import_columns_set_file (VastusImportColumns *self,
                                VastusImportFile    *file)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  g_clear_pointer (&self->file, vastus_import_file_free);
  g_clear_pointer (&self->head, vastus_file_head_free);
  self->file = file;
  list_profiles (self, file->detected >= 0 ? (guint) file->detected : file->profiles->len);
  /* Without a profile, the layout is guessed from the file. */
  if (file->detected < 0 && !read_head (self, 0, NULL))
    return FALSE;
  apply_profile (self, NULL);
  return self->head != NULL;
}

const VastusImportFile *
vastus_import_columns_get_file (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);
  return self->file;
}

GPtrArray *
vastus_import_columns_get_rows (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);
  return self->head != NULL ? self->head->rows : NULL;
}

gboolean
vastus_import_columns_get_ready (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), FALSE);
  return self->ready;
}

const VastusProfile *
vastus_import_columns_get_profile (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);
  return self->ready ? self->profile : NULL;
}

const char *
vastus_import_columns_get_patient_mrn (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);
  if (self->profile == NULL || self->profile->patient_column != NULL)
    return NULL;
  return vastus_import_patient_get_mrn (self->patient);
}

gint64
vastus_import_columns_get_patient_id (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), 0);
  if (self->profile == NULL || self->profile->patient_column != NULL)
    return 0;
  return vastus_import_patient_get_id (self->patient);
}

void
vastus_import_columns_focus (VastusImportColumns *self)
{
  g_return_if_fail (VASTUS_IS_IMPORT_COLUMNS (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->profile_row));
}

GtkWidget *
vastus_import_columns_get_part (VastusImportColumns *self,
                                const char          *name)
{
  const struct { const char *name; gpointer widget; } parts[] = {
    { "file", self->file_group }, { "profile", self->profile_row },
    { "delimiter", self->delimiter_row },
    { "decimal", self->decimal_row }, { "encoding", self->encoding_row },
    { "date-format", self->date_format_row }, { "rows", self->rows_table },
    { "columns", self->columns_group }, { "patient", self->patient },
    { "save", self->save_button }, { "save-name", self->profile_name_entry },
    { "save-profile", self->save_profile_button },
  };

  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return parts[i].widget;
  return NULL;
}

GPtrArray *
vastus_import_columns_get_column_rows (VastusImportColumns *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMNS (self), NULL);
  return self->column_rows;
}
