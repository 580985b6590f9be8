/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-rules-upgrade"

#include "config.h"

#include "vastus-rules-upgrade.h"

/* The numeric rules' keys are spelled as the rules are named (vastus-clinic-rules.h). */
static const char * const number_keys[] = {
  VASTUS_RULE_PAIN_FLAG_LEVEL, VASTUS_RULE_MAXIMAL_TEST_WEEKS, VASTUS_RULE_STALE_WEEKS,
  VASTUS_RULE_RETEST_WEEKS,
};
#define SETS_KEY "default-criteria-sets"

typedef struct
{
  GSettings *settings;
  GPtrArray *keys;   /* the keys to reset once moved */
  void     (*done) (guint, gpointer);
  gpointer   user_data;
} Upgrade;

static void
upgrade_free (Upgrade *upgrade)
{
  g_clear_object (&upgrade->settings);
  g_ptr_array_unref (upgrade->keys);
  g_free (upgrade);
}

/* A value set on this computer that differs from the schema's default, or NULL. */
static GVariant *
changed_value (GSettings  *settings,
               const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) user = g_settings_get_user_value (settings, key);
  g_autoptr(GVariant) fallback = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (user == NULL || schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  fallback = g_settings_get_default_value (settings, key);
  if (fallback != NULL && g_variant_equal (user, fallback))
    return NULL;
  return g_steal_pointer (&user);
}

static void
adopted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Upgrade *upgrade = user_data;
  g_autoptr(GError) error = NULL;
  guint n_adopted = 0;

  if (vastus_clinic_adopt_rules_finish (VASTUS_CLINIC (source), result, &n_adopted, &error))
    {
      /* Moved, or the clinic had its own: either way this computer's value is done with. */
      for (guint i = 0; i < upgrade->keys->len; i++)
        g_settings_reset (upgrade->settings, g_ptr_array_index (upgrade->keys, i));
      if (n_adopted > 0)
        g_message ("Moved %u of this computer’s rules into the clinic’s database", n_adopted);
    }
  else
    g_message ("Could not move this computer’s rules into the clinic’s database: %s",
               error->message);
  if (upgrade->done != NULL)
    upgrade->done (n_adopted, upgrade->user_data);
  upgrade_free (upgrade);
}

void
vastus_rules_upgrade_start (VastusClinic *clinic,
                            GSettings    *settings,
                            void        (*done) (guint    n_adopted,
                                                 gpointer user_data),
                            gpointer      user_data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) sets = NULL;
  Upgrade *upgrade;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  upgrade = g_new0 (Upgrade, 1);
  upgrade->keys = g_ptr_array_new ();
  upgrade->done = done;
  upgrade->user_data = user_data;
  if (settings != NULL && !vastus_clinic_is_read_only (clinic))
    {
      for (guint i = 0; i < G_N_ELEMENTS (number_keys); i++)
        {
          g_autoptr(GVariant) value = changed_value (settings, number_keys[i]);

          if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            continue;
          g_ptr_array_add (names, g_strdup (number_keys[i]));
          g_ptr_array_add (values, g_strdup_printf ("%d", g_variant_get_int32 (value)));
          g_ptr_array_add (upgrade->keys, (gpointer) number_keys[i]);
        }
      sets = changed_value (settings, SETS_KEY);
    }
  if (sets != NULL && g_variant_is_of_type (sets, G_VARIANT_TYPE ("a{ss}")))
    {
      GVariantIter iter;
      const char *condition, *id;

      g_variant_iter_init (&iter, sets);
      while (g_variant_iter_next (&iter, "{&s&s}", &condition, &id))
        {
          VastusCondition known;

          /* The store refuses a condition or set it does not know; an empty id is the
           * built-in default, which the clinic has without a value. */
          if (id[0] == '\0' || !vastus_condition_from_string (condition, &known))
            continue;
          g_ptr_array_add (names, g_strconcat (VASTUS_RULE_DEFAULT_SET_PREFIX, condition, NULL));
          g_ptr_array_add (values, g_strdup (id));
        }
      g_ptr_array_add (upgrade->keys, (gpointer) SETS_KEY);
    }
  if (upgrade->keys->len == 0)
    {
      if (done != NULL)
        done (0, user_data);
      upgrade_free (upgrade);
      return;
    }
  upgrade->settings = g_object_ref (settings);
  vastus_clinic_adopt_rules_async (clinic, names->len, (const char * const *) names->pdata,
                                   (const char * const *) values->pdata, NULL, adopted_cb,
                                   upgrade);
}
