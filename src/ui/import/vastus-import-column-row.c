/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-import-column-row"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-catalog.h"
#include "vastus-import-column-row.h"
#include "vastus-units.h"

struct _VastusImportColumnRow
{
  AdwExpanderRow       parent_instance;

  VastusColumnMapping *mapping;
  char                *sample;
  char                *fixed;        /* what a profile reads, when the drop-downs cannot say */
  char                *problem;
  GPtrArray           *measures;     /* the codes of measure_row's items */
  GPtrArray           *units;        /* the codes of unit_row's items */
  gboolean             updating;     /* the drop-downs are being set, not chosen */

  GtkImage            *problem_icon;
  AdwComboRow         *role_row;
  AdwComboRow         *measure_row;
  AdwComboRow         *side_row;
  AdwComboRow         *unit_row;
  AdwActionRow        *fixed_row;
};

G_DEFINE_FINAL_TYPE (VastusImportColumnRow, vastus_import_column_row, ADW_TYPE_EXPANDER_ROW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The drop-downs' items, in the order of VastusColumnRole and of the sides from LEFT. */
static const char *role_labels[] = {
  /* Translators: what a file's column holds, chosen when importing: nothing read, the patient's
   * MRN, their name, the date, the time or a measured value */
  N_("Not read"), N_("Patient (MRN)"), N_("Patient’s name"), N_("Date"), N_("Time"),
  /* Translators: what a file's column holds, chosen when importing: a measured value (of the
   * measure chosen beside) */
  N_("A value"),
};
static const char *side_labels[] = {
  /* Translators: which knee a file's column is for, chosen when importing */
  N_("Left"), N_("Right"),
  /* Translators: which knee a file's column is for: the injured or operated knee */
  N_("Involved side"),
  /* Translators: which knee a file's column is for: the healthy knee */
  N_("Uninvolved side"),
};
/* The same in a phrase: "Quadriceps HHD, left, in kg". */
static const char *side_words[] = {
  N_("left"), N_("right"), N_("involved side"), N_("uninvolved side"),
};

static const char *
measure_short_label (const char *code)
{
  const VastusMeasure *m = vastus_catalog_lookup (code);

  if (m != NULL)
    return vastus_measure_get_short_label (m);
  return g_str_equal (code, VASTUS_PROFILE_BODY_MASS) ? _("Body mass") : _("Height");
}

static guint
index_of (GPtrArray  *codes,
          const char *code)
{
  for (guint i = 0; code != NULL && i < codes->len; i++)
    if (g_str_equal (g_ptr_array_index (codes, i), code))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The units the chosen measure takes. */
static void
fill_units (VastusImportColumnRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const VastusMeasure *m = self->mapping->measure != NULL
                           ? vastus_catalog_lookup (self->mapping->measure) : NULL;

  g_ptr_array_set_size (self->units, 0);
  if (m != NULL)
    for (guint i = 0; m->input_units[i] != NULL; i++)
      g_ptr_array_add (self->units, (gpointer) m->input_units[i]);
  else if (g_strcmp0 (self->mapping->measure, VASTUS_PROFILE_BODY_MASS) == 0)
    g_ptr_array_add (self->units, (gpointer) "kg");
  else if (g_strcmp0 (self->mapping->measure, VASTUS_PROFILE_HEIGHT) == 0)
    g_ptr_array_add (self->units, (gpointer) "cm");
  for (guint i = 0; i < self->units->len; i++)
    gtk_string_list_append (labels, vastus_unit_symbol (g_ptr_array_index (self->units, i)));
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (labels));
}

static gboolean
two_sided (const VastusColumnMapping *mapping)
{
  const VastusMeasure *m = mapping->measure != NULL ? vastus_catalog_lookup (mapping->measure)
                                                    : NULL;

  return m != NULL && m->two_sided;
}

/* "Nordic hamstrings, left, in N", or what is still to choose. */
static char *
summary (const VastusColumnMapping *m)
{
  if (m->role != VASTUS_COLUMN_ROLE_VALUE)
    return g_strdup (_(role_labels[m->role]));
  if (m->measure == NULL)
    return g_strdup (_("A value: choose its measure"));
  if (two_sided (m) && m->side == VASTUS_PROFILE_SIDE_NONE)
    /* Translators: %s is a measure */
    return g_strdup_printf (_("%s: choose its side"), measure_short_label (m->measure));
  if (m->unit == NULL)
    /* Translators: %s is a measure, e.g. "Quadriceps HHD, left" */
    return g_strdup_printf (_("%s: choose its unit"), measure_short_label (m->measure));
  if (two_sided (m))
    /* Translators: a measure, its side and the unit of the file's values: "Quadriceps HHD,
     * left, in kg" */
    return g_strdup_printf (_("%s, %s, in %s"), measure_short_label (m->measure),
                            _(side_words[m->side - VASTUS_PROFILE_SIDE_LEFT]),
                            vastus_unit_symbol (m->unit));
  /* Translators: a measure and the unit of the file's values: "Body mass, in kg" */
  return g_strdup_printf (_("%s, in %s"), measure_short_label (m->measure),
                          vastus_unit_symbol (m->unit));
}

/* The subtitle, the drop-downs shown, the problem. */
static void
update (VastusImportColumnRow *self)
{
  gboolean value = self->mapping->role == VASTUS_COLUMN_ROLE_VALUE && self->fixed == NULL;
  g_autofree char *what = self->fixed != NULL ? g_strdup (self->fixed) : summary (self->mapping);
  g_autofree char *subtitle = NULL;

  if (self->problem != NULL)
    subtitle = g_strdup (self->problem);
  else if (self->sample != NULL && *self->sample != '\0')
    /* Translators: what a column is read as · its first values, e.g. "Date · 3/14/2026, …" */
    subtitle = g_strdup_printf (_("%s · %s"), what, self->sample);
  else
    subtitle = g_strdup (what);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), self->problem != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), self->fixed == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->measure_row), value);
  gtk_widget_set_visible (GTK_WIDGET (self->side_row), value && two_sided (self->mapping));
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), value && self->mapping->measure != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_row), self->fixed != NULL);
  adw_action_row_set_subtitle (self->fixed_row, self->fixed != NULL ? self->fixed : "");
}

/* The drop-downs from the mapping. */
static void
show_mapping (VastusImportColumnRow *self)
{
  const VastusColumnMapping *m = self->mapping;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->role_row, m->role);
  adw_combo_row_set_selected (self->measure_row, index_of (self->measures, m->measure));
  adw_combo_row_set_selected (self->side_row, m->side >= VASTUS_PROFILE_SIDE_LEFT &&
                                              m->side <= VASTUS_PROFILE_SIDE_UNINVOLVED
                                              ? (guint) (m->side - VASTUS_PROFILE_SIDE_LEFT)
                                              : GTK_INVALID_LIST_POSITION);
  fill_units (self);
  adw_combo_row_set_selected (self->unit_row, index_of (self->units, m->unit));
  self->updating = FALSE;
  update (self);
}

/* Callbacks */

static void
combo_changed_cb (VastusImportColumnRow *self)
{
  VastusColumnMapping *m = self->mapping;
  guint role = adw_combo_row_get_selected (self->role_row);
  guint measure = adw_combo_row_get_selected (self->measure_row);
  guint side = adw_combo_row_get_selected (self->side_row);
  guint unit = adw_combo_row_get_selected (self->unit_row);
  const char *code = measure < self->measures->len ? g_ptr_array_index (self->measures, measure)
                                                   : NULL;

  if (self->updating)
    return;
  m->role = role < G_N_ELEMENTS (role_labels) ? role : VASTUS_COLUMN_ROLE_NONE;
  if (g_strcmp0 (code, m->measure) != 0)
    {
      /* Another measure: a unit it takes stays, the one before is asked for again. */
      g_free (m->measure);
      m->measure = g_strdup (code);
      fill_units (self);
      self->updating = TRUE;
      adw_combo_row_set_selected (self->unit_row, index_of (self->units, m->unit));
      self->updating = FALSE;
      unit = adw_combo_row_get_selected (self->unit_row);
    }
  m->side = side < G_N_ELEMENTS (side_labels) ? VASTUS_PROFILE_SIDE_LEFT + side
                                              : VASTUS_PROFILE_SIDE_NONE;
  if (!two_sided (m))
    m->side = VASTUS_PROFILE_SIDE_NONE;
  g_free (m->unit);
  m->unit = unit < self->units->len ? g_strdup (g_ptr_array_index (self->units, unit)) : NULL;
  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Overrides */

static void
vastus_import_column_row_finalize (GObject *object)
{
  VastusImportColumnRow *self = VASTUS_IMPORT_COLUMN_ROW (object);

  vastus_column_mapping_free (self->mapping);
  g_free (self->sample);
  g_free (self->fixed);
  g_free (self->problem);
  g_ptr_array_unref (self->measures);
  g_ptr_array_unref (self->units);
  G_OBJECT_CLASS (vastus_import_column_row_parent_class)->finalize (object);
}

static void
vastus_import_column_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_IMPORT_COLUMN_ROW);
  G_OBJECT_CLASS (vastus_import_column_row_parent_class)->dispose (object);
}

static void
vastus_import_column_row_class_init (VastusImportColumnRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_import_column_row_dispose;
  object_class->finalize = vastus_import_column_row_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-import-column-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, measure_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, side_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, VastusImportColumnRow, fixed_row);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);
}

static void
vastus_import_column_row_init (VastusImportColumnRow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sides = gtk_string_list_new (NULL);

  self->measures = g_ptr_array_new ();
  self->units = g_ptr_array_new ();
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    gtk_string_list_append (roles, _(role_labels[i]));
  for (guint i = 0; i < G_N_ELEMENTS (side_labels); i++)
    gtk_string_list_append (sides, _(side_labels[i]));
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    g_ptr_array_add (self->measures, (gpointer) vastus_catalog_get_nth (i)->code);
  g_ptr_array_add (self->measures, (gpointer) VASTUS_PROFILE_BODY_MASS);
  g_ptr_array_add (self->measures, (gpointer) VASTUS_PROFILE_HEIGHT);
  for (guint i = 0; i < self->measures->len; i++)
    gtk_string_list_append (measures, measure_short_label (g_ptr_array_index (self->measures, i)));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_model (self->measure_row, G_LIST_MODEL (measures));
  adw_combo_row_set_model (self->side_row, G_LIST_MODEL (sides));
  self->updating = FALSE;
}

/* Public API */

GtkWidget *
vastus_import_column_row_new (const char *header,
                              const char *sample)
{
  VastusImportColumnRow *self = g_object_new (VASTUS_TYPE_IMPORT_COLUMN_ROW, NULL);
  g_autofree char *title = g_markup_escape_text (header, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  self->mapping = vastus_column_mapping_new (header);
  self->sample = g_strdup (sample);
  show_mapping (self);
  return GTK_WIDGET (self);
}

void
vastus_import_column_row_set_mapping (VastusImportColumnRow     *self,
                                      const VastusColumnMapping *mapping)
{
  g_return_if_fail (VASTUS_IS_IMPORT_COLUMN_ROW (self));

  vastus_column_mapping_free (self->mapping);
  self->mapping = vastus_column_mapping_copy (mapping);
  show_mapping (self);
}

const VastusColumnMapping *
vastus_import_column_row_get_mapping (VastusImportColumnRow *self)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMN_ROW (self), NULL);
  return self->mapping;
}

void
vastus_import_column_row_set_fixed (VastusImportColumnRow *self,
                                    const char            *description)
{
  g_return_if_fail (VASTUS_IS_IMPORT_COLUMN_ROW (self));

  g_free (self->fixed);
  self->fixed = g_strdup (description);
  update (self);
}

void
vastus_import_column_row_set_problem (VastusImportColumnRow *self,
                                      const char            *problem)
{
  g_return_if_fail (VASTUS_IS_IMPORT_COLUMN_ROW (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
  update (self);
}

AdwComboRow *
vastus_import_column_row_get_combo (VastusImportColumnRow *self,
                                    const char            *name)
{
  g_return_val_if_fail (VASTUS_IS_IMPORT_COLUMN_ROW (self), NULL);

  if (g_str_equal (name, "role"))
    return self->role_row;
  if (g_str_equal (name, "measure"))
    return self->measure_row;
  if (g_str_equal (name, "side"))
    return self->side_row;
  if (g_str_equal (name, "unit"))
    return self->unit_row;
  return NULL;
}
