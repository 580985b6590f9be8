/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-settings"

#include "config.h"

#include "vastus-fhir.h"
#include "vastus-settings.h"

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
