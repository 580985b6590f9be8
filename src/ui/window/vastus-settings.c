/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-settings"

#include "config.h"

#include "vastus-criteria-set-item.h"
#include "vastus-fhir.h"
#include "vastus-settings.h"

void
vastus_settings_get_clinic_rules (GSettings         *settings,
                                  VastusClinicRules *out)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;

  *out = defaults;
  if (settings == NULL)
    return;
  out->pain_limit = g_settings_get_int (settings, "pain-flag-level");
  out->maximal_test_weeks = g_settings_get_int (settings, "maximal-test-weeks");
  out->max_age_weeks = g_settings_get_int (settings, "stale-weeks");
}

VastusNameOrder
vastus_settings_get_name_order (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  /* An older schema installed beside a newer program has no such key. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "name-order"))
    return VASTUS_NAME_ORDER_GIVEN_FAMILY;
  return g_settings_get_enum (settings, "name-order") == 1 ? VASTUS_NAME_ORDER_FAMILY_GIVEN
                                                           : VASTUS_NAME_ORDER_GIVEN_FAMILY;
}

VastusPaper
vastus_settings_get_paper (GSettings *settings)
{
  g_autoptr(GVariant) user = NULL;

  if (settings != NULL)
    user = g_settings_get_user_value (settings, "paper-size");
  if (user == NULL)
    return vastus_paper_for_locale ();
  return g_settings_get_enum (settings, "paper-size") == 1 ? VASTUS_PAPER_LETTER : VASTUS_PAPER_A4;
}

char *
vastus_settings_get_fhir_system (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  /* An older schema installed beside a newer program has no such key. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "fhir-identifier-system"))
    return g_strdup (VASTUS_FHIR_DEFAULT_SYSTEM);
  return g_settings_get_string (settings, "fhir-identifier-system");
}

char *
vastus_settings_get_criteria_set (GSettings           *settings,
                                  const VastusEpisode *episode,
                                  GListModel          *sets)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) map = NULL;
  const char *id = NULL;

  g_return_val_if_fail (episode != NULL, NULL);

  if (episode->criteria_set != NULL && episode->criteria_set[0] != '\0')
    return g_strdup (episode->criteria_set);
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, "default-criteria-sets"))
    map = g_settings_get_value (settings, "default-criteria-sets");
  if (map != NULL && g_variant_lookup (map, vastus_condition_to_string (episode->condition), "&s",
                                       &id) && id[0] != '\0')
    for (guint i = 0; sets != NULL && i < g_list_model_get_n_items (sets); i++)
      {
        g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (sets, i);

        if (g_str_equal (vastus_criteria_set_item_get_set (item)->id, id))
          return g_strdup (id);
      }
  return g_strdup (vastus_criteria_default_for (episode->condition));
}

GSettings *
vastus_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "database-kind"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

VastusDatabaseKind
vastus_settings_get_database_kind (GSettings *settings)
{
  if (settings == NULL)
    return VASTUS_DATABASE_UNSET;
  switch (g_settings_get_enum (settings, "database-kind"))
    {
    case 1:
      return VASTUS_DATABASE_LOCAL;
    case 2:
      return VASTUS_DATABASE_SERVER;
    default:
      return VASTUS_DATABASE_UNSET;
    }
}

char **
vastus_settings_get_server_address (GSettings           *settings,
                                    VastusServerAddress *address)
{
  char **strings = g_new0 (char *, 5);

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  strings[0] = g_settings_get_string (settings, "server-host");
  strings[1] = g_settings_get_string (settings, "server-database");
  strings[2] = g_settings_get_string (settings, "server-user");
  strings[3] = g_settings_get_string (settings, "server-ca-file");
  *address = (VastusServerAddress) {
    .host = strings[0],
    .port = (guint) g_settings_get_int (settings, "server-port"),
    .database = strings[1],
    .user = strings[2],
    .ca_file = strings[3],
  };
  return strings;
}

char *
vastus_settings_get_server_uri (GSettings  *settings,
                                GError    **error)
{
  VastusServerAddress address;
  g_auto(GStrv) strings = vastus_settings_get_server_address (settings, &address);

  return vastus_server_address_to_uri (&address, error);
}
