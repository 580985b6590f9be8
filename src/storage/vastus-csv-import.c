/* vastus-csv-import.c: the import: its transaction, its files and rows, the check and the commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-csv-import"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-catalog.h"
#include "vastus-csv-import-private.h"
#include "vastus-progress.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static void
file_info_free (FileInfo *file)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (file->header[c]);
  g_free (file->name);
  g_free (file);
}

static void
value_free (VastusCsvImportValue *value)
{
  vastus_measurement_free (value->measurement);
  g_free (value);
}

VastusCsvImport *
vastus_csv_import_new (VastusDatabase *db)
{
  VastusCsvImport *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), NULL);

  self = g_new0 (VastusCsvImport, 1);
  self->db = g_object_ref (db);
  vastus_date_today (&self->today);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_info_free);
  self->new_patients = g_array_new (FALSE, TRUE, sizeof (Where));
  self->new_episodes = g_array_new (FALSE, TRUE, sizeof (Where));
  self->new_visits = g_array_new (FALSE, TRUE, sizeof (Where));
  self->refused_mrns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched_visits = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->touched_set = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->error_places = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stored_visits = g_array_new (FALSE, FALSE, sizeof (VastusCsvImportVisit));
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
vastus_csv_import_free (VastusCsvImport *self)
{
  if (self == NULL)
    return;
  if (self->begun && !self->committed)
    vastus_database_rollback (self->db);
  g_clear_pointer (&self->visit, _vastus_import_visit_free);
  _vastus_import_patient_clear (&self->patient);
  g_array_unref (self->new_patients);
  g_array_unref (self->new_episodes);
  g_array_unref (self->new_visits);
  g_hash_table_unref (self->refused_mrns);
  g_hash_table_unref (self->touched_visits);
  g_hash_table_unref (self->touched_set);
  g_array_unref (self->touched);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->errors);
  g_array_unref (self->error_places);
  g_array_unref (self->stored_visits);
  g_ptr_array_unref (self->values);
  g_ptr_array_unref (self->warnings);
  g_clear_error (&self->store_error);
  g_object_unref (self->db);
  g_free (self);
}

GPtrArray *
vastus_csv_import_get_errors (VastusCsvImport *self)
{
  return self->errors;
}

guint
vastus_csv_import_get_n_errors (VastusCsvImport *self)
{
  return self->n_errors;
}

GPtrArray *
vastus_csv_import_get_warnings (VastusCsvImport *self)
{
  return self->warnings;
}

guint
vastus_csv_import_get_n_warnings (VastusCsvImport *self)
{
  return self->n_warnings;
}

void
vastus_csv_import_get_error_place (VastusCsvImport *self,
                                   guint            index,
                                   guint           *line,
                                   guint           *column)
{
  const guint *place;

  g_return_if_fail (index < self->error_places->len / 2);

  place = &g_array_index (self->error_places, guint, 2 * index);
  *line = place[0];
  *column = place[1];
}

void
vastus_csv_import_keep_values (VastusCsvImport *self,
                               guint            max_visits,
                               guint            max_values)
{
  self->max_visits = max_visits;
  self->max_values = max_values;
}

guint
vastus_csv_import_get_n_visits_stored (VastusCsvImport *self)
{
  return self->n_stored_visits;
}

GArray *
vastus_csv_import_get_episodes (VastusCsvImport *self)
{
  return self->touched;
}

GArray *
vastus_csv_import_get_visits (VastusCsvImport *self)
{
  return self->stored_visits;
}

GPtrArray *
vastus_csv_import_get_values (VastusCsvImport *self)
{
  return self->values;
}

/* Where a row added by this import was first named (@base: the largest id before it). */
void
_vastus_import_remember_new (GArray      *wheres,
                             gint64       base,
                             gint64       id,
                             const Where *where)
{
  guint index = (guint) (id - base - 1);

  if (index >= wheres->len)
    g_array_set_size (wheres, index + 1);
  g_array_index (wheres, Where, index) = *where;
}

const Where *
_vastus_import_lookup_new (GArray *wheres,
                           gint64  base,
                           gint64  id)
{
  if (id <= base || (guint64) (id - base - 1) >= wheres->len)
    return NULL;
  return &g_array_index (wheres, Where, id - base - 1);
}

void
_vastus_import_touch_episode (VastusCsvImport *self,
                              gint64           episode_id)
{
  if (g_hash_table_add (self->touched_set, GSIZE_TO_POINTER (episode_id)))
    g_array_append_val (self->touched, episode_id);
}

/* Reading the database */

static const char *max_patient_sql = "SELECT coalesce (max (id), 0) FROM patient";
static const char *max_episode_sql = "SELECT coalesce (max (id), 0) FROM episode";
static const char *max_visit_sql = "SELECT coalesce (max (id), 0) FROM visit";
static const char *max_measurement_sql = "SELECT coalesce (max (id), 0) FROM measurement";

static gboolean
max_id (VastusCsvImport *self,
        const char      *sql,
        gint64          *out,
        GError         **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = _vastus_step (stmt)) != VASTUS_ROW)
    {
      _vastus_database_set_error (self->db, error, rc, _("Could not read the database"));
      return FALSE;
    }
  *out = _vastus_column_int64 (stmt, 0);
  return TRUE;
}

/* The write transaction, from the first file to the commit: every lookup below is made under
 * the lock the writes need. */
static gboolean
begin (VastusCsvImport  *self,
       GError          **error)
{
  if (self->begun)
    return TRUE;
  if (!vastus_database_begin (self->db, error))
    return FALSE;
  self->begun = TRUE;
  return max_id (self, max_patient_sql, &self->base_patient, error)
         && max_id (self, max_episode_sql, &self->base_episode, error)
         && max_id (self, max_visit_sql, &self->base_visit, error)
         && max_id (self, max_measurement_sql, &self->base_measurement, error);
}

void
_vastus_import_row (VastusCsvImport *self,
                    const Row       *r)
{
  g_autoptr(VastusMeasurement) m = NULL;
  g_autoptr(GError) error = NULL;
  const VastusEpisode *episode;
  Visit *v;
  GDate date;
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (_vastus_import_columns[c].required && !_vastus_import_has (r, c))
      {
        _vastus_import_add_error (self, &r->where, c, _("A value is required."));
        return;
      }
  if (!_vastus_import_check_text_cells (self, r))
    ok = FALSE;
  if (!vastus_date_parse (_vastus_import_cell (r, COL_VISIT_DATE), &date, &error))
    {
      _vastus_import_add_error (self, &r->where, COL_VISIT_DATE, "%s", error->message);
      ok = FALSE;
    }
  m = _vastus_import_parse_measurement (self, r);
  if (m == NULL || !ok)
    return;
  episode = _vastus_import_row_episode (self, r);
  if (episode == NULL)
    return;
  v = _vastus_import_resolve_visit (self, r, episode, &date);
  if (v == NULL)
    return;
  _vastus_import_add_measurement (self, v, &r->where, g_steal_pointer (&m));
}

FileInfo *
_vastus_import_add_file_info (VastusCsvImport *self,
                              const char      *name)
{
  FileInfo *file = g_new0 (FileInfo, 1);

  file->name = g_strdup (name != NULL ? name : "-");
  g_ptr_array_add (self->files, file);
  return file;
}

gboolean
_vastus_import_read_file (VastusCsvImport  *self,
                          const char       *name,
                          GInputStream     *stream,
                          GCancellable     *cancellable,
                          char              delimiter,
                          const FileReader *file_reader,
                          gpointer          data,
                          GError          **error)
{
  g_autoptr(VastusCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusCsvRow *row;
  guint n_before = self->n_errors;
  int code = VASTUS_CSV_ERROR_VALUE;
  FileInfo *file;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  file = _vastus_import_add_file_info (self, name);
  if (self->store_error != NULL)
    {
      g_set_error_literal (error, self->store_error->domain, self->store_error->code,
                           self->store_error->message);
      return FALSE;
    }
  if (!begin (self, &local_error))
    {
      g_clear_pointer (&self->store_error, g_error_free);
      self->store_error = g_error_copy (local_error);
      _vastus_import_keep_error (self, 0, 0, g_strdup (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reader = vastus_csv_reader_new (stream, cancellable);
  vastus_csv_reader_set_delimiter (reader, delimiter);
  row = vastus_csv_reader_next (reader, &local_error);
  if (row != NULL && file_reader->header (self, file, row, data))
    while (self->store_error == NULL &&
           (row = vastus_csv_reader_next (reader, &local_error)) != NULL)
      {
        gboolean empty = TRUE;

        /* How far it is, by the bytes read of the file; stopping leaves the error. */
        if (self->progress_source != NULL && row->line % 256 == 0 &&
            !vastus_progress_report ((guint64) g_seekable_tell (self->progress_source),
                                     (guint64) self->progress_size, &local_error))
          break;

        /* Spreadsheets leave rows of empty cells at the end. */
        for (guint c = 0; empty && c < row->n_fields; c++)
          empty = row->fields[c].text[0] == '\0';
        if (!empty)
          file_reader->row (self, file, row, data);
      }
  _vastus_import_flush_visit (self);
  if (local_error != NULL)
    {
      /* The reader's own errors name line and column already; the stream's do not. */
      code = local_error->domain == VASTUS_CSV_ERROR ? local_error->code : VASTUS_CSV_ERROR_VALUE;
      _vastus_import_keep_error (self, 0, 0,
                                 local_error->domain == VASTUS_CSV_ERROR
                                 ? g_strdup_printf ("%s: %s", file->name, local_error->message)
                                 : g_strdup_printf (_("%s: could not be read: %s"), file->name,
                                                    local_error->message));
    }

  if (self->n_errors > n_before)
    {
      _vastus_import_first_error (self, n_before, code, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
flat_header (VastusCsvImport    *self,
             FileInfo           *file,
             const VastusCsvRow *row,
             gpointer            data)
{
  return _vastus_import_read_header (self, file, row);
}

static void
flat_row (VastusCsvImport    *self,
          FileInfo           *file,
          const VastusCsvRow *row,
          gpointer            data)
{
  Row r = { file, row, { file, row->line } };

  _vastus_import_row (self, &r);
}

gboolean
vastus_csv_import_add_stream (VastusCsvImport  *self,
                              const char       *name,
                              GInputStream     *stream,
                              GCancellable     *cancellable,
                              GError          **error)
{
  static const FileReader flat = { flat_header, flat_row };

  return _vastus_import_read_file (self, name, stream, cancellable, ',', &flat, NULL, error);
}

gboolean
vastus_csv_import_add_data (VastusCsvImport  *self,
                            const char       *name,
                            const char       *data,
                            gsize             length,
                            GError          **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length,
                                                                        NULL);

  return vastus_csv_import_add_stream (self, name, stream, NULL, error);
}

/* What needs a visit's every row and its neighbours: side differences and the change since the
 * previous visit, for each visit this import added to or changed. Soft only: hard problems were
 * found row by row. One episode's visits in memory at a time. */
static gboolean
check_episode (VastusCsvImport *self,
               gint64           episode_id)
{
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  GError *error = NULL;

  episode = vastus_database_get_episode (self->db, episode_id, &error);
  if (episode != NULL)
    patient = vastus_database_get_patient (self->db, episode->patient_id, &error);
  if (patient != NULL)
    visits = vastus_database_list_visits (self->db, episode_id, &error);
  if (visits == NULL)
    {
      _vastus_import_keep_error (self, 0, 0, g_strdup (error->message));
      self->store_error = error;
      return FALSE;
    }

  for (guint i = 0; i < visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (visits, i);
      const VastusVisit *previous = NULL;
      const Where *where = _vastus_import_lookup_new (self->new_visits, self->base_visit,
                                                      visit->id);
      g_autoptr(GPtrArray) problems = NULL;

      if (where == NULL)
        where = g_hash_table_lookup (self->touched_visits, GSIZE_TO_POINTER (visit->id));
      if (where == NULL)
        continue;
      for (guint j = i; j-- > 0;)
        {
          const VastusVisit *before = g_ptr_array_index (visits, j);

          if (g_date_compare (&before->date, &visit->date) < 0)
            {
              previous = before;
              break;
            }
        }
      problems = vastus_visit_check (visit, patient, episode, previous, &self->today);
      for (guint k = 0; k < problems->len; k++)
        {
          const VastusProblem *p = g_ptr_array_index (problems, k);

          if (p->soft && p->index < 0 && vastus_catalog_lookup (p->field) != NULL)
            _vastus_import_add_warning (self, where, COL_MEASURE, p->message);
        }
    }
  return TRUE;
}

gboolean
vastus_csv_import_check (VastusCsvImport       *self,
                         VastusCsvImportCounts *counts,
                         GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!self->checked)
    {
      self->checked = TRUE;
      _vastus_import_flush_visit (self);
      for (guint i = 0; self->n_errors == 0 && i < self->touched->len; i++)
        check_episode (self, g_array_index (self->touched, gint64, i));
    }
  if (self->n_errors > 0)
    {
      _vastus_import_first_error (self, 0, VASTUS_CSV_ERROR_VALUE, error);
      return FALSE;
    }
  if (counts != NULL)
    *counts = self->counts;
  return TRUE;
}

gboolean
vastus_csv_import_commit (VastusCsvImport       *self,
                          VastusCsvImportCounts *counts,
                          GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!vastus_csv_import_check (self, counts, error))
    {
      if (self->begun)
        vastus_database_rollback (self->db);
      self->begun = FALSE;
      return FALSE;
    }
  self->committed = TRUE;
  if (self->begun && !vastus_database_commit (self->db, error))
    return FALSE;
  return TRUE;
}
