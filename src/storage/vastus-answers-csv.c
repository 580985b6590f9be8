/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-answers-csv"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-answers-csv.h"
#include "vastus-csv.h"
#include "vastus-questionnaire-store.h"
#include "vastus-validate.h"
#include "vastus-value.h"

typedef enum
{
  COL_MRN,
  COL_VISIT_DATE,
  COL_INSTRUMENT,
  COL_ITEM,
  COL_ANSWER,
  N_COLUMNS,
} Column;

static const char *const column_names[N_COLUMNS] = {
  "mrn", "visit_date", "instrument", "item", "answer",
};

/* One questionnaire of the files: the rows of one patient, date and instrument. */
typedef struct
{
  char           *file;
  guint           line;          /* its first row */
  guint           columns[N_COLUMNS];
  char           *mrn;
  GDate           date;
  VastusResponse *response;
  GHashTable     *item_lines;    /* item → line of its row */
} Group;

struct _VastusAnswersImport
{
  VastusDatabase *db;
  GPtrArray      *groups;        /* of Group*, in file order */
  GHashTable     *by_key;        /* "mrn\ndate\ninstrument" → Group* */
  GPtrArray      *errors;        /* char* */
};

static void
group_free (Group *g)
{
  g_free (g->file);
  g_free (g->mrn);
  vastus_response_free (g->response);
  g_hash_table_unref (g->item_lines);
  g_free (g);
}

VastusAnswersImport *
vastus_answers_import_new (VastusDatabase *db)
{
  VastusAnswersImport *self = g_new0 (VastusAnswersImport, 1);

  self->db = g_object_ref (db);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
vastus_answers_import_free (VastusAnswersImport *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->db);
  g_ptr_array_unref (self->groups);
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->errors);
  g_free (self);
}

GPtrArray *
vastus_answers_import_get_errors (VastusAnswersImport *self)
{
  return self->errors;
}

G_GNUC_PRINTF (6, 7)
static void
add_error (VastusAnswersImport *self,
           const char          *file,
           guint                line,
           const guint         *columns,
           Column               column,
           const char          *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (columns != NULL)
    /* Translators: "answers.csv: line 4, column 5 (answer): …", as the flat CSV's messages. */
    g_ptr_array_add (self->errors, g_strdup_printf (_("%s: line %u, column %u (%s): %s"), file, line,
                                                    columns[column], column_names[column], message));
  else
    /* Translators: the first %s is the file's name, %u the line, the second %s the problem */
    g_ptr_array_add (self->errors, g_strdup_printf (_("%s: line %u: %s"), file, line, message));
}

/* The header: where each column is (1-based). FALSE with errors added when it cannot be used. */
static gboolean
read_header (VastusAnswersImport *self,
             const char          *name,
             const VastusCsvRow  *header,
             guint                columns[N_COLUMNS])
{
  gboolean ok = TRUE;

  memset (columns, 0, sizeof (guint) * N_COLUMNS);
  for (guint i = 0; i < header->n_fields; i++)
    {
      const char *field = header->fields[i].text;
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (field, column_names[c]))
          break;
      if (c == N_COLUMNS)
        {
          /* Translators: the first %s is the file's name, %u the column, the second %s the
           * column's name as the file writes it; keep the column names in parentheses as they
           * are */
          g_ptr_array_add (self->errors, g_strdup_printf (_("%s: line 1, column %u: “%s” is not a column of "
                                                            "the answers CSV (mrn, visit_date, instrument, "
                                                            "item, answer)."), name, i + 1, field));
          ok = FALSE;
        }
      else if (columns[c] != 0)
        {
          /* Translators: the first %s is the file's name, %u the column, the second %s the
           * column's name */
          g_ptr_array_add (self->errors, g_strdup_printf (_("%s: line 1, column %u: “%s” is there twice."),
                                                          name, i + 1, field));
          ok = FALSE;
        }
      else
        columns[c] = i + 1;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c] == 0)
      {
        /* Translators: the first %s is the file's name, the second the column's name */
        g_ptr_array_add (self->errors, g_strdup_printf (_("%s: line 1: the column “%s” is missing."),
                                                        name, column_names[c]));
        ok = FALSE;
      }
  return ok;
}

gboolean
vastus_answers_csv_is_header (const char *data,
                              gsize       length)
{
  g_autofree char *first = NULL;
  const char *end = memchr (data, '\n', length);
  g_auto(GStrv) names = NULL;
  gboolean item = FALSE, instrument = FALSE;

  first = g_strndup (data, end != NULL ? (gsize) (end - data) : length);
  names = g_strsplit (g_strstrip (first), ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *n = g_strstrip (names[i]);

      if (g_str_has_prefix (n, "\xef\xbb\xbf"))
        n += 3;
      item |= g_str_equal (n, "item");
      instrument |= g_str_equal (n, "instrument");
    }
  return item && instrument;
}

static void
add_row (VastusAnswersImport *self,
         const char          *name,
         const guint          columns[N_COLUMNS],
         const VastusCsvRow  *row)
{
  const char *text[N_COLUMNS];
  const VastusInstrument *instrument;
  const VastusItem *item;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  char datebuf[VASTUS_DATE_BUF_SIZE];
  GDate date;
  double value;
  Group *g;
  int points;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      text[c] = row->fields[columns[c] - 1].text;
      if (*text[c] == '\0')
        {
          add_error (self, name, row->line, columns, c, _("A value is required."));
          return;
        }
    }
  text[COL_MRN] = vastus_csv_unneutralize (text[COL_MRN]);
  if (!vastus_date_parse (text[COL_VISIT_DATE], &date, &error))
    {
      add_error (self, name, row->line, columns, COL_VISIT_DATE, "%s", error->message);
      return;
    }
  instrument = vastus_instrument_lookup (text[COL_INSTRUMENT]);
  if (instrument == NULL)
    {
      add_error (self, name, row->line, columns, COL_INSTRUMENT,
                 _("There is no questionnaire “%s” (vastus-cli questionnaires lists them)."),
                 text[COL_INSTRUMENT]);
      return;
    }
  item = vastus_instrument_find_item (instrument, text[COL_ITEM], NULL);
  if (item == NULL)
    {
      add_error (self, name, row->line, columns, COL_ITEM, _("%s has no item “%s”."),
                 instrument->name, text[COL_ITEM]);
      return;
    }
  if (!vastus_number_parse (text[COL_ANSWER], &value, NULL) || value != floor (value) ||
      fabs (value) > 1000 || !vastus_item_accepts (item, (int) value))
    {
      g_autofree char *takes = vastus_item_describe_points (item);

      add_error (self, name, row->line, columns, COL_ANSWER,
                 /* Translators: the first %s is the questionnaire's name, the second the item's
                  * id, the third the answer given, the last the answers the item takes */
                 _("%s item %s: “%s” is not an answer; it takes %s."),
                 instrument->name, item->id, text[COL_ANSWER], takes);
      return;
    }
  points = (int) value;

  key = g_strdup_printf ("%s\n%s\n%s", text[COL_MRN], vastus_date_format (&date, datebuf), instrument->id);
  g = g_hash_table_lookup (self->by_key, key);
  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->file = g_strdup (name);
      g->line = row->line;
      memcpy (g->columns, columns, sizeof g->columns);
      g->mrn = g_strdup (text[COL_MRN]);
      g->date = date;
      g->response = vastus_response_new (instrument->id);
      g->response->entered_by = VASTUS_ENTERED_BY_IMPORT;
      g->item_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (self->groups, g);
      g_hash_table_insert (self->by_key, g_steal_pointer (&key), g);
    }
  if (g_hash_table_contains (g->item_lines, item->id))
    {
      add_error (self, name, row->line, columns, COL_ITEM,
                 /* Translators: the first %s is the questionnaire's name, the second the item's
                  * id, the third the patient's MRN, the fourth the visit date, %u the line the
                  * item was found on first */
                 _("%s item %s of %s on %s is on line %u too."), instrument->name, item->id,
                 g->mrn, datebuf, GPOINTER_TO_UINT (g_hash_table_lookup (g->item_lines, item->id)));
      return;
    }
  g_hash_table_insert (g->item_lines, g_strdup (item->id), GUINT_TO_POINTER (row->line));
  vastus_response_set_answer (g->response, item->id, points);
}

gboolean
vastus_answers_import_add_data (VastusAnswersImport *self,
                                const char          *name,
                                const char          *data,
                                gsize                length,
                                GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_errors = self->errors->len;
  guint columns[N_COLUMNS];

  g_return_val_if_fail (self != NULL && name != NULL, FALSE);

  rows = vastus_csv_parse (data, length, &local_error);
  if (rows == NULL)
    g_ptr_array_add (self->errors, g_strdup_printf ("%s: %s", name, local_error->message));
  else if (read_header (self, name, g_ptr_array_index (rows, 0), columns))
    for (guint i = 1; i < rows->len; i++)
      add_row (self, name, columns, g_ptr_array_index (rows, i));
  if (self->errors->len > n_errors)
    {
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                           g_ptr_array_index (self->errors, n_errors));
      return FALSE;
    }
  return TRUE;
}

/* Storing */

/* The patient's visit on @date (any episode), else a new one in the most recent episode. */
static gint64
resolve_visit (VastusAnswersImport       *self,
               Group                     *g,
               VastusAnswersImportCounts *counts,
               GError                   **error)
{
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (self->db, g->mrn, error);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(VastusVisit) visit = NULL;

  if (patient == NULL)
    {
      if (error != NULL && *error == NULL)
        add_error (self, g->file, g->line, g->columns, COL_MRN,
                   /* Translators: %s is the medical record number (MRN) in a row of the
                    * questionnaire answers CSV */
                   _("There is no patient with MRN “%s” (import the flat CSV or add the patient first)."),
                   g->mrn);
      return 0;
    }
  episodes = vastus_database_list_episodes (self->db, patient->id, error);
  if (episodes == NULL)
    return 0;
  if (episodes->len == 0)
    {
      add_error (self, g->file, g->line, g->columns, COL_MRN,
                 /* Translators: %s is the patient's medical record number (MRN) */
                 _("Patient “%s” has no episode of care for a visit to belong to."), g->mrn);
      return 0;
    }
  for (guint i = 0; i < episodes->len; i++)
    {
      const VastusEpisode *e = g_ptr_array_index (episodes, i);
      g_autoptr(GPtrArray) visits = vastus_database_list_visits (self->db, e->id, error);

      if (visits == NULL)
        return 0;
      for (guint k = 0; k < visits->len; k++)
        {
          const VastusVisit *v = g_ptr_array_index (visits, k);

          if (g_date_compare (&v->date, &g->date) == 0)
            return v->id;
        }
    }

  visit = vastus_visit_new ();
  visit->episode_id = ((VastusEpisode *) g_ptr_array_index (episodes, 0))->id;
  visit->date = g->date;
  {
    g_autoptr(GPtrArray) problems = NULL;
    GDate today;

    vastus_date_today (&today);
    problems = vastus_visit_check (visit, patient, g_ptr_array_index (episodes, 0), NULL, &today);
    for (guint i = 0; i < problems->len; i++)
      {
        const VastusProblem *p = g_ptr_array_index (problems, i);

        if (!p->soft)
          {
            add_error (self, g->file, g->line, g->columns, COL_VISIT_DATE, "%s", p->message);
            return 0;
          }
      }
  }
  if (!vastus_database_insert_visit (self->db, visit, error))
    return 0;
  counts->visits++;
  return visit->id;
}

gboolean
vastus_answers_import_commit (VastusAnswersImport       *self,
                              VastusAnswersImportCounts *counts,
                              GError                   **error)
{
  VastusAnswersImportCounts c = { 0 };
  guint n_errors = self->errors->len;

  g_return_val_if_fail (self != NULL, FALSE);

  if (n_errors > 0)
    {
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE, g_ptr_array_index (self->errors, 0));
      return FALSE;
    }
  if (!vastus_database_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *g = g_ptr_array_index (self->groups, i);
      g_autoptr(GError) local_error = NULL;
      gboolean changed = FALSE;
      gint64 visit_id = resolve_visit (self, g, &c, &local_error);

      if (visit_id != 0 &&
          vastus_database_save_response (self->db, visit_id, g->response, VASTUS_RESPONSE_KEEP,
                                         &changed, &local_error))
        {
          if (changed)
            {
              c.questionnaires++;
              c.answers += g->response->answers->len;
            }
          else
            c.unchanged++;
        }
      if (local_error != NULL)
        add_error (self, g->file, g->line, g->columns, COL_INSTRUMENT, "%s", local_error->message);
    }
  if (self->errors->len > n_errors)
    {
      vastus_database_rollback (self->db);
      g_set_error_literal (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE,
                           g_ptr_array_index (self->errors, n_errors));
      return FALSE;
    }
  if (!vastus_database_commit (self->db, error))
    return FALSE;
  if (counts != NULL)
    *counts = c;
  return TRUE;
}

/* Export */

typedef struct
{
  GDate           date;
  guint           instrument;   /* index in the built-in order */
  VastusResponse *response;
} ExportItem;

static int
compare_export (gconstpointer a,
                gconstpointer b)
{
  const ExportItem *x = a, *y = b;
  int d = g_date_compare (&x->date, &y->date);

  if (d != 0)
    return d;
  return x->instrument < y->instrument ? -1 : x->instrument > y->instrument;
}

static guint
instrument_index (const char *id)
{
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    if (g_str_equal (vastus_instruments_get_nth (i)->id, id))
      return i;
  return G_MAXUINT;
}

static gboolean
export_patient (VastusDatabase      *db,
                const VastusPatient *patient,
                GString             *out,
                GError             **error)
{
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, patient->id, error);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ExportItem));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  if (episodes == NULL)
    return FALSE;
  for (guint i = 0; i < episodes->len; i++)
    {
      const VastusEpisode *e = g_ptr_array_index (episodes, i);
      g_autoptr(GHashTable) dates = g_hash_table_new (g_int64_hash, g_int64_equal);
      GPtrArray *visits = vastus_database_list_visits (db, e->id, error);
      GPtrArray *responses;

      if (visits == NULL)
        return FALSE;
      g_ptr_array_add (keep, visits);
      for (guint k = 0; k < visits->len; k++)
        {
          VastusVisit *v = g_ptr_array_index (visits, k);

          g_hash_table_insert (dates, &v->id, &v->date);
        }
      responses = vastus_database_list_responses (db, e->id, error);
      if (responses == NULL)
        return FALSE;
      g_ptr_array_add (keep, responses);
      for (guint k = 0; k < responses->len; k++)
        {
          VastusResponse *r = g_ptr_array_index (responses, k);
          const GDate *date = g_hash_table_lookup (dates, &r->visit_id);
          ExportItem item = { .instrument = instrument_index (r->instrument), .response = r };

          if (date == NULL)
            continue;
          item.date = *date;
          g_array_append_val (items, item);
        }
    }
  g_array_sort (items, compare_export);
  for (guint i = 0; i < items->len; i++)
    {
      const ExportItem *item = &g_array_index (items, ExportItem, i);
      char buf[VASTUS_DATE_BUF_SIZE];

      for (guint k = 0; k < item->response->answers->len; k++)
        {
          const VastusAnswer *a = g_ptr_array_index (item->response->answers, k);
          g_autofree char *points = g_strdup_printf ("%d", a->points);

          vastus_csv_append_text (out, patient->mrn);
          g_string_append_c (out, ',');
          vastus_csv_append_field (out, vastus_date_format (&item->date, buf));
          g_string_append_c (out, ',');
          vastus_csv_append_field (out, item->response->instrument);
          g_string_append_c (out, ',');
          vastus_csv_append_field (out, a->item);
          g_string_append_c (out, ',');
          vastus_csv_append_field (out, points);
          g_string_append (out, "\r\n");
        }
    }
  return TRUE;
}

static int
compare_mrn (gconstpointer a,
             gconstpointer b)
{
  const VastusPatientSummary *x = *(VastusPatientSummary **) a;
  const VastusPatientSummary *y = *(VastusPatientSummary **) b;

  return strcmp (x->patient->mrn, y->patient->mrn);
}

char *
vastus_answers_csv_export (VastusDatabase *db,
                           const char     *mrn,
                           gsize          *length,
                           GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", column_names[c]);
  g_string_append (out, "\r\n");

  if (mrn != NULL)
    {
      g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, mrn, error);

      if (patient == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                         /* Translators: %s is the medical record number (MRN) asked for */
                         _("There is no patient with MRN “%s”."), mrn);
          return NULL;
        }
      if (!export_patient (db, patient, out, error))
        return NULL;
    }
  else
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);

      for (int archived = 0; archived <= 1; archived++)
        {
          VastusPatientQuery query = { .archived = archived, .sort = VASTUS_PATIENT_SORT_MRN };
          g_autoptr(GPtrArray) list = vastus_database_list_patients (db, &query, error);

          if (list == NULL)
            return NULL;
          g_ptr_array_extend_and_steal (all, g_steal_pointer (&list));
        }
      g_ptr_array_sort (all, compare_mrn);
      for (guint i = 0; i < all->len; i++)
        if (!export_patient (db, ((VastusPatientSummary *) g_ptr_array_index (all, i))->patient, out, error))
          return NULL;
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
