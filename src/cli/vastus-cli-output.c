/* vastus-cli-output.c: printing results, and the JSON members every command uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "vastus-cli.h"
#include "vastus-criteria-store.h"
#include "vastus-text.h"
#include "vastus-value.h"


int
vastus_cli_print_json (VastusCli   *cli,
                       JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* JSON escapes U+0000–U+001F itself; DEL and U+0080–U+009F too now (vastus-text.h). */
  line = g_strconcat (text, "\n", NULL);
  g_free (text);
  text = g_steal_pointer (&line);
  line = vastus_text_escape (text, VASTUS_TEXT_LINES);
  if (!vastus_cli_write_output (NULL, line, strlen (line), &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

int
vastus_cli_print_text (VastusCli *cli,
                       GString   *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = vastus_text_escape (out->str, VASTUS_TEXT_LINES);

  if (!vastus_cli_write_output (NULL, escaped, strlen (escaped), &error))
    return vastus_cli_fail (cli, "%s", error->message);
  return VASTUS_CLI_OK;
}

void
vastus_cli_json_add_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
vastus_cli_json_add_date (JsonBuilder *builder,
                          const char  *name,
                          const GDate *date)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  vastus_cli_json_add_string (builder, name, date != NULL && g_date_valid (date) ? vastus_date_format (date, buf) : NULL);
}

void
vastus_cli_json_add_double (JsonBuilder *builder,
                            const char  *name,
                            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
vastus_cli_json_add_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
vastus_cli_json_add_bool (JsonBuilder *builder,
                          const char  *name,
                          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
vastus_cli_json_add_strv (JsonBuilder *builder,
                          const char  *name,
                          char       **strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* The patient's most recent episode (the storage lists them newest first) with its visits. */
VastusHistory *
vastus_cli_load_history (VastusDatabase  *db,
                         const char      *mrn,
                         GError         **error)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  const VastusEpisode *episode;

  patient = vastus_database_find_patient (db, mrn, error);
  if (patient == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     _("No patient with MRN “%s”"), mrn);
      return NULL;
    }
  episodes = vastus_database_list_episodes (db, patient->id, error);
  if (episodes == NULL)
    return NULL;
  if (episodes->len == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   _("Patient “%s” has no episode of care"), mrn);
      return NULL;
    }
  episode = g_ptr_array_index (episodes, 0);
  return vastus_database_load_history (db, episode->id, error);
}

int
vastus_cli_fail_import (VastusCli *cli,
                        GPtrArray *errors,
                        guint      n_errors)
{
  if (n_errors <= 1)
    return vastus_cli_fail (cli, _("%s; nothing was imported"), (const char *) g_ptr_array_index (errors, 0));
  return vastus_cli_fail (cli,
                          ngettext ("%s (and %u more error); nothing was imported",
                                    "%s (and %u more errors); nothing was imported",
                                    n_errors - 1),
                          (const char *) g_ptr_array_index (errors, 0), n_errors - 1);
}
