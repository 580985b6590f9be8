/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-preferences-window"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-battery-preferences.h"
#include "vastus-caseload.h"
#include "vastus-criteria-set-item.h"
#include "vastus-connection-preferences.h"
#include "vastus-fhir.h"
#include "vastus-preferences-window.h"
#include "vastus-questionnaire-preferences.h"
#include "vastus-report-data.h"
#include "vastus-safety.h"
#include "vastus-settings.h"
#include "vastus-write-error.h"

struct _VastusPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;        /* NULL when the schema is not installed */
  VastusClinic         *clinic;          /* its rules are edited here; NULL: shown, not edited */
  guint                 rules_writing;   /* rule changes not written yet */
  gboolean              updating_rules;  /* showing the clinic's rules, not changing them */
  GListModel           *sets;            /* of VastusCriteriaSetItem, the clinic's; NULL: none */
  GHashTable           *criteria_rows;   /* condition code → AdwComboRow */

  AdwEntryRow          *clinic_address_row;
  AdwEntryRow          *clinic_name_row;
  AdwPreferencesGroup  *criteria_group;
  VastusConnectionPreferences *database_page;
  AdwEntryRow          *fhir_system_row;
  GtkLabel             *fhir_system_message;
  GtkSpinButton        *maximal_spin;
  AdwComboRow          *name_order_row;
  GtkSpinButton        *pain_spin;
  AdwComboRow          *paper_row;
  GtkSpinButton        *stale_spin;
  VastusBatteryPreferences *testing_page;
  GtkSpinButton        *retest_spin;
  AdwPreferencesGroup  *unsaved_group;
  AdwComboRow          *units_row;
};

G_DEFINE_FINAL_TYPE (VastusPreferencesWindow, vastus_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static const char * const units_nicks[] = { "metric", "imperial" };
static const char * const paper_nicks[] = { "a4", "letter" };
static const char * const name_order_nicks[] = { "given-family", "family-given" };

/* GSettings enum nick ↔ a combo row's position, through g_settings_bind_with_mapping. */
static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 2; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= 2)
    return NULL;
  return g_variant_new_string (nicks[position]);
}

/* Callbacks */

/* The message under the identifier system, scrolled into view once it has its place: the row
 * ends the General page, and the message below it was out of sight at 640 px. */
static gboolean
reveal_message_cb (GtkWidget     *message,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (message, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkWidget *content = viewport != NULL ? gtk_widget_get_first_child (viewport) : NULL;
  graphene_rect_t bounds;

  if (!gtk_widget_get_visible (message))
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_width (message) == 0)
    return G_SOURCE_CONTINUE;
  if (content != NULL && gtk_widget_compute_bounds (message, content, &bounds))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double bottom = bounds.origin.y + bounds.size.height + 12;

      if (bottom > gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment))
        gtk_adjustment_set_value (adjustment, bottom - gtk_adjustment_get_page_size (adjustment));
    }
  return G_SOURCE_REMOVE;
}

/* The identifier system, checked as it is typed: one that is no absolute URI makes the row say
 * why, naming the value and the one exports go on using. Applied (Enter, or the row's apply
 * button), a good one is saved; a half-typed one never is. */
static gboolean
fhir_system_changed_cb (VastusPreferencesWindow *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->fhir_system_row));
  g_autoptr(GError) error = NULL;

  if (vastus_fhir_system_check (typed, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->fhir_system_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->fhir_system_message), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->fhir_system_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return TRUE;
    }
  else
    {
      g_autofree char *saved = vastus_settings_get_fhir_system (self->settings);
      g_autofree char *message = NULL;

      if (vastus_fhir_system_check (saved, NULL))
        /* Translators: the first %s says why the value typed is refused (naming it), the
         * second is the identifier system saved before */
        message = g_strdup_printf (_("%s. Exports go on using “%s”."), error->message, saved);
      else
        /* Translators: %s says why the value is refused (naming it) */
        message = g_strdup_printf (_("%s. FHIR exports are refused until it is corrected."),
                                   error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->fhir_system_row), "error");
      gtk_label_set_text (self->fhir_system_message, message);
      if (!gtk_widget_get_visible (GTK_WIDGET (self->fhir_system_message)))
        gtk_widget_add_tick_callback (GTK_WIDGET (self->fhir_system_message), reveal_message_cb, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->fhir_system_message), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->fhir_system_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      return FALSE;
    }
}

static void
fhir_system_apply_cb (VastusPreferencesWindow *self)
{
  if (self->settings != NULL && fhir_system_changed_cb (self))
    g_settings_set_string (self->settings, "fhir-identifier-system",
                           gtk_editable_get_text (GTK_EDITABLE (self->fhir_system_row)));
}

/* The spin button that edits the numeric rule @name, or NULL. */
static GtkSpinButton *
rule_spin (VastusPreferencesWindow *self,
           const char              *name)
{
  if (g_str_equal (name, VASTUS_RULE_PAIN_FLAG_LEVEL))
    return self->pain_spin;
  if (g_str_equal (name, VASTUS_RULE_MAXIMAL_TEST_WEEKS))
    return self->maximal_spin;
  if (g_str_equal (name, VASTUS_RULE_STALE_WEEKS))
    return self->stale_spin;
  if (g_str_equal (name, VASTUS_RULE_RETEST_WEEKS))
    return self->retest_spin;
  return NULL;
}

static void show_rules (VastusPreferencesWindow *self);

typedef struct
{
  VastusPreferencesWindow *self;   /* weak */
  char                    *name;
} RuleWrite;

/* The label a person reads beside @field (its row's title, without the mnemonic's "_"). */
static char *
field_title (GtkWidget *field)
{
  GtkWidget *row = ADW_IS_PREFERENCES_ROW (field)
                   ? field : gtk_widget_get_ancestor (field, ADW_TYPE_PREFERENCES_ROW);
  const char *title = row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                  : NULL;
  GString *shown;

  if (title == NULL)
    return NULL;
  if (!adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    return g_strdup (title);
  shown = g_string_new (NULL);
  for (const char *c = title; *c != '\0'; c++)
    {
      /* "_x" is x underlined, "__" a "_". */
      if (*c == '_' && c[1] != '\0')
        c++;
      g_string_append_c (shown, *c);
    }
  return g_string_free (shown, FALSE);
}

static void
rule_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RuleWrite *write = user_data;
  VastusPreferencesWindow *self = write->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok = vastus_clinic_set_rules_finish (VASTUS_CLINIC (source), result, &error);

  if (self != NULL)
    {
      GtkSpinButton *spin = rule_spin (self, write->name);
      GtkWidget *field = spin != NULL ? GTK_WIDGET (spin)
                                      : g_hash_table_lookup (self->criteria_rows,
                                                             write->name
                                                             + strlen (VASTUS_RULE_DEFAULT_SET_PREFIX));

      g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &write->self);
      self->rules_writing--;
      if (!ok)
        {
          g_autofree char *title = field != NULL ? field_title (field) : NULL;

          /* The database's reason names the value and its limits; the field is named here. */
          message = title != NULL
                    /* Translators: the field's label in Preferences, then the database's
                     * reason, which names the value and its limits */
                    ? vastus_write_error_text (error, _("%s: %s. Nothing was saved."), title,
                                               error->message)
                    /* Translators: %s is the database's reason, which names the rule, the
                     * value and its limits */
                    : vastus_write_error_text (error, _("%s. Nothing was saved."), error->message);
        }
      if (field != NULL)
        {
          if (ok)
            gtk_widget_remove_css_class (field, "error");
          else
            gtk_widget_add_css_class (field, "error");
          gtk_widget_set_tooltip_text (field, message);
        }
      if (!ok)
        {
          /* A toast's title is markup. */
          g_autofree char *escaped = g_markup_escape_text (message, -1);
          AdwToast *toast = adw_toast_new (escaped);

          /* It stays until read: the value went back to the clinic's. */
          adw_toast_set_timeout (toast, 0);
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
        }
      /* What the clinic holds now (a value refused goes back to it). */
      if (self->rules_writing == 0)
        show_rules (self);
    }
  g_free (write->name);
  g_free (write);
}

/* Writes one rule into the clinic's database, on its writer (audited there). */
static void
write_rule (VastusPreferencesWindow *self,
            const char              *name,
            const char              *value)
{
  RuleWrite *write;

  if (self->clinic == NULL || self->updating_rules)
    return;
  write = g_new0 (RuleWrite, 1);
  write->self = self;
  write->name = g_strdup (name);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &write->self);
  self->rules_writing++;
  vastus_clinic_set_rules_async (self->clinic, 1, &name, &value, NULL, rule_written_cb, write);
}

static void
rule_spin_changed_cb (GtkSpinButton           *spin,
                      VastusPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (spin), "rule");
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  write_rule (self, name, value);
}

static void
criteria_selected_cb (AdwComboRow             *row,
                      GParamSpec              *pspec,
                      VastusPreferencesWindow *self)
{
  const char *condition = g_object_get_data (G_OBJECT (row), "condition");
  GPtrArray *ids = g_object_get_data (G_OBJECT (row), "set-ids");
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *name = g_strconcat (VASTUS_RULE_DEFAULT_SET_PREFIX, condition, NULL);

  if (selected >= ids->len)
    return;
  /* Position 0 is the built-in default: "". */
  write_rule (self, name, selected > 0 ? g_ptr_array_index (ids, selected) : "");
}

/* The clinic's rules in the spin buttons and the set rows (as read; the defaults until). */
static void
show_rules (VastusPreferencesWindow *self)
{
  const VastusClinicRulebook *book = self->clinic != NULL ? vastus_clinic_get_rules (self->clinic)
                                                          : NULL;
  VastusClinicRules rules;
  GHashTableIter iter;
  gpointer row;

  if (self->rules_writing > 0)
    return;
  vastus_clinic_get_clinic_rules (self->clinic, &rules);
  self->updating_rules = TRUE;
  gtk_spin_button_set_value (self->pain_spin, rules.pain_limit);
  gtk_spin_button_set_value (self->maximal_spin, rules.maximal_test_weeks);
  gtk_spin_button_set_value (self->stale_spin, rules.max_age_weeks);
  gtk_spin_button_set_value (self->retest_spin, vastus_clinic_get_retest_weeks (self->clinic));
  g_hash_table_iter_init (&iter, self->criteria_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      GPtrArray *ids = g_object_get_data (G_OBJECT (row), "set-ids");
      VastusCondition condition;
      const char *current = NULL;
      guint selected = 0;

      if (book != NULL && vastus_condition_from_string (g_object_get_data (G_OBJECT (row),
                                                                           "condition"),
                                                        &condition))
        current = vastus_clinic_rulebook_default_set (book, condition);
      for (guint i = 1; current != NULL && i < ids->len; i++)
        if (g_str_equal (current, g_ptr_array_index (ids, i)))
          selected = i;
      adw_combo_row_set_selected (row, selected);
    }
  self->updating_rules = FALSE;
}

/* A row per condition, from the clinic's list of criteria sets (read in the background: the
 * rows come when it arrives, and follow a set copied or saved meanwhile). */
static void
add_criteria_rows (VastusPreferencesWindow *self)
{
  const VastusClinicRulebook *book = self->clinic != NULL ? vastus_clinic_get_rules (self->clinic)
                                                          : NULL;
  GHashTableIter iter;
  gpointer row;
  guint n_sets;

  g_hash_table_iter_init (&iter, self->criteria_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    adw_preferences_group_remove (self->criteria_group, row);
  g_hash_table_remove_all (self->criteria_rows);
  n_sets = self->sets != NULL ? g_list_model_get_n_items (self->sets) : 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->criteria_group), n_sets > 0);
  if (n_sets == 0)
    return;

  for (VastusCondition condition = VASTUS_CONDITION_ACLR; condition <= VASTUS_CONDITION_OTHER;
       condition++)
    {
      const char *code = vastus_condition_to_string (condition);
      const char *builtin_id = vastus_criteria_default_for (condition);
      const char *current = NULL;
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *builtin_name = NULL;
      AdwComboRow *row;
      guint selected = 0;

      if (book != NULL)
        current = vastus_clinic_rulebook_default_set (book, condition);
      g_ptr_array_add (ids, NULL);
      for (guint i = 0; i < n_sets; i++)
        {
          g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->sets, i);
          const VastusCriteriaSet *set = vastus_criteria_set_item_get_set (item);

          if (builtin_id != NULL && g_str_equal (set->id, builtin_id))
            /* Translators: %s is a criteria set's title */
            builtin_name = g_strdup_printf (_("Built-in default: %s"),
                                            vastus_criteria_set_text (set, set->title));
        }
      /* Translators: the choice of the criteria set Vastus uses when the clinic chose none */
      gtk_string_list_append (names, builtin_name != NULL ? builtin_name : _("Built-in default"));
      for (guint i = 0; i < n_sets; i++)
        {
          g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (self->sets, i);
          const VastusCriteriaSet *set = vastus_criteria_set_item_get_set (item);
          g_autofree char *name = NULL;

          if (!vastus_criteria_set_is_for (set, condition))
            continue;
          name = set->builtin ? g_strdup (vastus_criteria_set_text (set, set->title))
                              /* Translators: a clinic's own criteria set and its version */
                              : g_strdup_printf (_("%s (clinic, version %d)"), set->title,
                                                 set->version);
          gtk_string_list_append (names, name);
          g_ptr_array_add (ids, g_strdup (set->id));
          if (current != NULL && g_str_equal (current, set->id))
            selected = ids->len - 1;
        }

      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vastus_condition_label (condition));
      adw_combo_row_set_model (row, G_LIST_MODEL (names));
      adw_combo_row_set_selected (row, selected);
      /* The set chosen as the row's subtitle, on as many lines as it takes: a set's title is
       * long ("Eingebaute Vorgabe: Delaware-Oslo-Kriterien für die Rückkehr zum Sport") and
       * beside the condition it was cut at 360 px. */
      adw_combo_row_set_use_subtitle (row, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (row),
                                self->clinic != NULL && !vastus_clinic_is_read_only (self->clinic)
                                && (ids->len > 1 || selected > 0));
      g_object_set_data (G_OBJECT (row), "condition", (gpointer) code);
      g_object_set_data_full (G_OBJECT (row), "set-ids", ids, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (criteria_selected_cb), self, 0);
      adw_preferences_group_add (self->criteria_group, GTK_WIDGET (row));
      g_hash_table_insert (self->criteria_rows, (gpointer) code, row);
    }
}

/* Overrides */

static void
vastus_preferences_window_dispose (GObject *object)
{
  VastusPreferencesWindow *self = VASTUS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->criteria_rows, g_hash_table_unref);
  g_clear_object (&self->settings);
  if (self->sets != NULL)
    g_signal_handlers_disconnect_by_data (self->sets, self);
  g_clear_object (&self->sets);
  if (self->clinic != NULL)
    g_signal_handlers_disconnect_by_data (self->clinic, self);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_preferences_window_parent_class)->dispose (object);
}

static void
vastus_preferences_window_class_init (VastusPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_preferences_window_dispose;

  g_type_ensure (VASTUS_TYPE_BATTERY_PREFERENCES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, clinic_address_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, clinic_name_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, fhir_system_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, fhir_system_message);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, maximal_spin);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, pain_spin);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, name_order_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, stale_spin);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, testing_page);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, retest_spin);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, unsaved_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPreferencesWindow, units_row);
}

/* Without the settings schema (an uninstalled or damaged installation) the window still opens:
 * it shows the values Vastus uses then, which cannot be changed, and says why. */
static void
show_without_settings (VastusPreferencesWindow *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->units_row), GTK_WIDGET (self->name_order_row),
    GTK_WIDGET (self->paper_row), GTK_WIDGET (self->clinic_name_row), GTK_WIDGET (self->clinic_address_row),
    GTK_WIDGET (self->fhir_system_row),
  };

  adw_combo_row_set_selected (self->units_row, 0);
  adw_combo_row_set_selected (self->name_order_row, 0);
  adw_combo_row_set_selected (self->paper_row, vastus_paper_for_locale () == VASTUS_PAPER_LETTER);
  gtk_editable_set_text (GTK_EDITABLE (self->fhir_system_row), VASTUS_FHIR_DEFAULT_SYSTEM);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_set_sensitive (rows[i], FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->unsaved_group), TRUE);
}

static void
vastus_preferences_window_init (VastusPreferencesWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->criteria_rows = g_hash_table_new (g_str_hash, g_str_equal);
  /* The clinic's rules, not this computer's: edited only with a clinic to write them to. */
  {
    struct { GtkSpinButton *spin; const char *rule; } spins[] = {
      { self->pain_spin, VASTUS_RULE_PAIN_FLAG_LEVEL },
      { self->maximal_spin, VASTUS_RULE_MAXIMAL_TEST_WEEKS },
      { self->stale_spin, VASTUS_RULE_STALE_WEEKS },
      { self->retest_spin, VASTUS_RULE_RETEST_WEEKS },
    };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        g_object_set_data (G_OBJECT (spins[i].spin), "rule", (gpointer) spins[i].rule);
        gtk_widget_set_sensitive (GTK_WIDGET (spins[i].spin), FALSE);
        g_signal_connect_object (spins[i].spin, "value-changed", G_CALLBACK (rule_spin_changed_cb),
                                 self, 0);
      }
    show_rules (self);
  }
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: Preferences cannot be saved", APP_ID);
      show_without_settings (self);
      return;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "units", self->units_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_position, position_to_nick,
                                (gpointer) units_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "name-order", self->name_order_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_position, position_to_nick,
                                (gpointer) name_order_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_position, position_to_nick,
                                (gpointer) paper_nicks, NULL);
  g_settings_bind (self->settings, "clinic-name", self->clinic_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clinic-address", self->clinic_address_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *system = vastus_settings_get_fhir_system (self->settings);

    gtk_editable_set_text (GTK_EDITABLE (self->fhir_system_row), system);
    /* One set outside Preferences that is no URI says so at once. */
    fhir_system_changed_cb (self);
    g_signal_connect_swapped (self->fhir_system_row, "changed", G_CALLBACK (fhir_system_changed_cb),
                              self);
    g_signal_connect_swapped (self->fhir_system_row, "apply", G_CALLBACK (fhir_system_apply_cb),
                              self);
  }
}

/* Public API */

GtkWidget *
vastus_preferences_window_new (GtkWindow    *parent,
                               VastusClinic *clinic)
{
  VastusPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (clinic == NULL || VASTUS_IS_CLINIC (clinic), NULL);

  /* The application's, like every window: quitting closes it too. */
  self = g_object_new (VASTUS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  if (clinic != NULL)
    {
      GtkWidget *spins[] = {
        GTK_WIDGET (self->pain_spin), GTK_WIDGET (self->maximal_spin),
        GTK_WIDGET (self->stale_spin), GTK_WIDGET (self->retest_spin),
      };

      self->clinic = g_object_ref (clinic);
      self->sets = g_object_ref (vastus_clinic_get_criteria_sets (clinic));
      g_signal_connect_object (self->sets, "items-changed", G_CALLBACK (add_criteria_rows), self,
                               G_CONNECT_SWAPPED);
      /* Changed here, on another workstation, or read again. */
      g_signal_connect_object (clinic, "notify::rules", G_CALLBACK (show_rules), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
        gtk_widget_set_sensitive (spins[i], !vastus_clinic_is_read_only (clinic));
    }
  add_criteria_rows (self);
  show_rules (self);
  /* Four pages at the most: on a phone their names share 360 px. The clinic's batteries join
   * its testing rules; without a clinic there are neither batteries nor questionnaires. */
  if (clinic != NULL)
    {
      vastus_battery_preferences_set_clinic (self->testing_page, clinic);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (vastus_questionnaire_preferences_new (clinic)));
    }
  self->database_page = VASTUS_CONNECTION_PREFERENCES (vastus_connection_preferences_new (self->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->database_page));
  return GTK_WIDGET (self);
}

GtkWidget *
vastus_preferences_window_get_row (VastusPreferencesWindow *self,
                                   const char              *name)
{
  g_return_val_if_fail (VASTUS_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "units"))
    return GTK_WIDGET (self->units_row);
  if (g_str_equal (name, "pain"))
    return GTK_WIDGET (self->pain_spin);
  if (g_str_equal (name, "maximal-test-weeks"))
    return GTK_WIDGET (self->maximal_spin);
  if (g_str_equal (name, "stale-weeks"))
    return GTK_WIDGET (self->stale_spin);
  if (g_str_equal (name, "retest-weeks"))
    return GTK_WIDGET (self->retest_spin);
  if (g_str_equal (name, "clinic-name"))
    return GTK_WIDGET (self->clinic_name_row);
  if (g_str_equal (name, "clinic-address"))
    return GTK_WIDGET (self->clinic_address_row);
  if (g_str_equal (name, "paper"))
    return GTK_WIDGET (self->paper_row);
  if (g_str_equal (name, "name-order"))
    return GTK_WIDGET (self->name_order_row);
  if (g_str_equal (name, "fhir-system"))
    return GTK_WIDGET (self->fhir_system_row);
  if (g_str_equal (name, "fhir-system-message"))
    return GTK_WIDGET (self->fhir_system_message);
  if (g_str_equal (name, "database"))
    return GTK_WIDGET (self->database_page);
  if (g_str_has_prefix (name, "criteria-"))
    return g_hash_table_lookup (self->criteria_rows, name + strlen ("criteria-"));
  g_return_val_if_reached (NULL);
}
