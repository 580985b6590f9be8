/* vastus-fhir-json.c: FHIR datatypes as json-glib objects, and JSON written exactly
 *
 * json-glib's generator writes doubles with 17 significant digits (444.82216152605002); the
 * writer here writes the shortest text that reads back to the same double (444.82216152605), as
 * every Vastus file does, and keeps members in the order they were set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-fhir-private.h"
#include "vastus-units.h"
#include "vastus-value.h"

JsonObject *
fhir_coding (const char *system,
             const char *code,
             const char *display)
{
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (display != NULL)
    json_object_set_string_member (coding, "display", display);
  return coding;
}

JsonObject *
fhir_concept (const char *system,
              const char *code,
              const char *display,
              const char *text)
{
  JsonObject *concept = json_object_new ();

  if (system != NULL)
    fhir_append_object (concept, "coding", fhir_coding (system, code, display));
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

JsonObject *
fhir_reference (const char *ref)
{
  JsonObject *reference = json_object_new ();

  json_object_set_string_member (reference, "reference", ref);
  return reference;
}

JsonObject *
fhir_quantity (double      value,
               const char *unit)
{
  JsonObject *quantity = json_object_new ();
  const char *ucum = fhir_ucum_for_unit (unit);

  g_return_val_if_fail (ucum != NULL, quantity);
  json_object_set_double_member (quantity, "value", value);
  /* What a person reads: the unit's symbol, braces dropped ("{score}" reads "score"). */
  if (ucum[0] == '{')
    json_object_set_string_member (quantity, "unit", unit);
  else
    json_object_set_string_member (quantity, "unit", vastus_unit_symbol (unit));
  json_object_set_string_member (quantity, "system", FHIR_UCUM);
  json_object_set_string_member (quantity, "code", ucum);
  return quantity;
}

void
fhir_append (JsonObject *object,
             const char *name,
             JsonNode   *element)
{
  JsonArray *array;

  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
  array = json_object_get_array_member (object, name);
  json_array_add_element (array, element);
}

void
fhir_append_object (JsonObject *object,
                    const char *name,
                    JsonObject *element)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, element);
  fhir_append (object, name, node);
}

void
fhir_add_extension (JsonObject *object,
                    const char *name,
                    const char *value_key,
                    JsonNode   *value)
{
  JsonObject *extension = json_object_new ();
  g_autofree char *url = g_strconcat (FHIR_EXTENSION, name, NULL);

  json_object_set_string_member (extension, "url", url);
  json_object_set_member (extension, value_key, value);
  fhir_append_object (object, "extension", extension);
}

void
fhir_set_date (JsonObject  *object,
               const char  *name,
               const GDate *date)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (g_date_valid (date))
    json_object_set_string_member (object, name, vastus_date_format (date, buf));
}

JsonNode *
fhir_string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

JsonNode *
fhir_bool_node (gboolean value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  return node;
}

JsonNode *
fhir_int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

JsonNode *
fhir_double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
fhir_json_write (GString  *out,
                 JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_string (out, name);
            g_string_append_c (out, ':');
            fhir_json_write (out, member);
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            fhir_json_write (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[VASTUS_NUMBER_BUF_SIZE];
            double value = json_node_get_double (node);

            g_return_if_fail (isfinite (value));
            g_string_append (out, vastus_number_format (value, buf));
          }
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    }
}

/* Reading */

const char *
fhir_get_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
fhir_get_object (JsonObject *object,
                 const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
fhir_get_array (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
fhir_concept_code (JsonObject *concept,
                   const char *system)
{
  JsonArray *codings = fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (fhir_get_string (coding, "system"), system) == 0)
        return fhir_get_string (coding, "code");
    }
  return NULL;
}

JsonNode *
fhir_extension_value (JsonObject *object,
                      const char *name,
                      const char *value_key)
{
  JsonArray *extensions = fhir_get_array (object, "extension");
  g_autofree char *url = strstr (name, "://") != NULL ? g_strdup (name)
                                                     : g_strconcat (FHIR_EXTENSION, name, NULL);

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonNode *node = json_array_get_element (extensions, i);
      JsonObject *extension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (fhir_get_string (extension, "url"), url) == 0)
        return json_object_get_member (extension, value_key);
    }
  return NULL;
}
