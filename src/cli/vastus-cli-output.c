/* vastus-cli-output.c: printing results, and the JSON members every command uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-cli"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-cli.h"
#include "vastus-criteria-store.h"
#include "vastus-text.h"
#include "vastus-value.h"

glong
vastus_cli_text_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
vastus_cli_append_padded (GString    *out,
                          const char *text,
                          glong       width)
{
  g_string_append (out, text);
  for (glong w = vastus_cli_text_width (text); w < width; w++)
    g_string_append_c (out, ' ');
}

void
vastus_cli_append_table (GString    *out,
                         GPtrArray  *rows,
                         const char *indent)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  /* Control characters from the data are shown escaped, never sent to the terminal. */
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          char *escaped = vastus_text_escape (cells[c], VASTUS_TEXT_LINE);
          glong w;

          g_free (cells[c]);
          cells[c] = escaped;
          w = vastus_cli_text_width (cells[c]);
          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          g_array_index (widths, glong, c) = MAX (g_array_index (widths, glong, c), w);
        }
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      g_string_append (out, indent != NULL ? indent : "");
      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (cells[c + 1] != NULL)
            vastus_cli_append_padded (out, cells[c], g_array_index (widths, glong, c) + 2);
          else
            g_string_append (out, cells[c]);
        }
      g_string_append_c (out, '\n');
    }
}

char **
vastus_cli_row (const char *first,
                ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *c = first; c != NULL; c = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (c));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

gboolean
vastus_cli_parse_episode (VastusCli  *cli,
                          const char *text,
                          gint64     *id)
{
  guint64 value = 0;

  *id = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      /* Translators: %s is the text typed after --episode; keep the option's name and “vastus-
       * cli episodes”, a command */
      vastus_cli_usage (cli, _("--episode needs an episode’s id (1, 2 …; see “vastus-cli episodes”), not “%s”"),
                        text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

void
vastus_cli_json_add_episode_fields (JsonBuilder         *builder,
                                    const VastusEpisode *episode)
{
  vastus_cli_json_add_int (builder, "id", episode->id);
  vastus_cli_json_add_string (builder, "condition", vastus_condition_to_string (episode->condition));
  vastus_cli_json_add_string (builder, "involved_side", vastus_side_to_string (episode->involved_side));
  vastus_cli_json_add_date (builder, "surgery_date", &episode->surgery_date);
  vastus_cli_json_add_date (builder, "injury_date", &episode->injury_date);
  vastus_cli_json_add_date (builder, "start_date", vastus_episode_get_start_date (episode));
}

void
vastus_cli_json_add_episode (JsonBuilder         *builder,
                             const VastusEpisode *episode)
{
  json_builder_set_member_name (builder, "episode");
  json_builder_begin_object (builder);
  vastus_cli_json_add_episode_fields (builder, episode);
  json_builder_end_object (builder);
}


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

VastusHistory *
vastus_cli_load_history (VastusDatabase  *db,
                         const char      *mrn,
                         gint64           episode_id,
                         const GDate     *as_of,
                         GError         **error)
{
  return vastus_database_load_patient_history (db, mrn, episode_id, as_of, error);
}

int
vastus_cli_fail_import (VastusCli *cli,
                        GPtrArray *errors,
                        guint      n_errors)
{
  if (n_errors <= 1)
    return vastus_cli_fail (cli, _("%s; nothing was imported"), (const char *) g_ptr_array_index (errors, 0));
  return vastus_cli_fail (cli,
                          /* Translators: %s is the first error, %u the number of the other
                           * errors */
                          ngettext ("%s (and %u more error); nothing was imported",
                                    "%s (and %u more errors); nothing was imported",
                                    n_errors - 1),
                          (const char *) g_ptr_array_index (errors, 0), n_errors - 1);
}
