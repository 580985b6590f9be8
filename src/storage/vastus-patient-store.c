/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-store"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-database-private.h"
#include "vastus-name.h"

/* Search words beyond this many are ignored. */
#define MAX_TERMS 4

/* Just above every string that starts with a given prefix (U+10FFFF, the last code point). */
#define PREFIX_END "\xf4\x8f\xbf\xbf"

#define PATIENT_COLUMNS \
  "p.id, p.mrn, p.name, p.birth_date, p.sex, p.notes, p.archived, p.demo, p.family_name, p.given_name, " \
  "p.row_version"
#define N_PATIENT_COLUMNS 11

static void
read_patient (VastusStmt    *stmt,
              VastusPatient *patient)
{
  const char *sex = _vastus_column_peek (stmt, 4);

  patient->id = _vastus_column_int64 (stmt, 0);
  patient->mrn = _vastus_column_text (stmt, 1);
  patient->name = _vastus_column_text (stmt, 2);
  _vastus_column_date (stmt, 3, &patient->birth_date);
  if (!vastus_sex_from_string (sex, &patient->sex))
    patient->sex = VASTUS_SEX_UNKNOWN;
  patient->notes = _vastus_column_text (stmt, 5);
  patient->archived = _vastus_column_int (stmt, 6) != 0;
  patient->demo = _vastus_column_int (stmt, 7) != 0;
  patient->family_name = _vastus_column_text (stmt, 8);
  patient->given_name = _vastus_column_text (stmt, 9);
  patient->row_version = _vastus_column_int64 (stmt, 10);
  /* Written before family names: split as the upgrade would. */
  if (patient->family_name == NULL)
    vastus_name_split (patient->name, &patient->family_name, &patient->given_name);
}

static void
set_patient_write_error (VastusDatabase      *self,
                         const VastusPatient *patient,
                         int                  rc,
                         GError             **error)
{
  VastusConn *conn = _vastus_database_get_conn (self);

  if (_vastus_conn_is_unique_violation (conn, rc, "patient", "mrn"))
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                 /* Translators: the MRN (medical record number), then that patient's name */
                 _("A patient with MRN “%s” exists already (%s)"), patient->mrn,
                 _vastus_conn_error_message (conn, rc));
  else
    _vastus_database_set_error (self, error, rc, _("Could not save the patient"));
}

static gboolean
bind_patient_and_step (VastusDatabase      *self,
                       VastusStmt          *stmt,
                       const VastusPatient *patient,
                       GError             **error)
{
  int rc;

  _vastus_bind_text (stmt, 2, patient->mrn);
  _vastus_bind_text (stmt, 3, patient->name);
  _vastus_bind_text (stmt, 9, patient->family_name);
  _vastus_bind_text (stmt, 10, patient->given_name);
  _vastus_bind_date (stmt, 4, &patient->birth_date);
  /* An out-of-range enum binds NULL, which the NOT NULL and CHECK constraints reject. */
  _vastus_bind_text (stmt, 5, (guint) patient->sex <= VASTUS_SEX_OTHER
                              ? vastus_sex_to_string (patient->sex) : NULL);
  _vastus_bind_text (stmt, 6, patient->notes);
  _vastus_bind_int (stmt, 7, patient->archived ? 1 : 0);
  _vastus_bind_int (stmt, 8, patient->demo ? 1 : 0);
  rc = _vastus_step (stmt);
  if (rc != VASTUS_DONE)
    {
      set_patient_write_error (self, patient, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* ?1, the id, stays unbound (NULL): SQLite assigns it. */
static const char *insert_patient_sql =
  "INSERT INTO patient (id, mrn, name, birth_date, sex, notes, archived, demo, family_name, given_name) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/* A name split by a guess (written in one field) goes on the list a person checks. */
static const char *insert_name_review_sql =
  "INSERT OR REPLACE INTO patient_name_review (patient_id, written, reason) VALUES (?1, ?2, ?3)";

static gboolean
add_name_review (VastusDatabase *self,
                 gint64          patient_id,
                 const char     *written,
                 const char     *reason,
                 GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_name_review_sql, error);

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, patient_id);
  _vastus_bind_text (stmt, 2, written);
  _vastus_bind_text (stmt, 3, reason);
  return _vastus_database_step_done (self, stmt, _("Could not list the name for review"), error);
}

gboolean
vastus_database_insert_patient (VastusDatabase *self,
                                VastusPatient  *patient,
                                GError        **error)
{
  g_autoptr(VastusPatient) settled = NULL;
  const char *guess;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  settled = vastus_patient_copy (patient);
  guess = vastus_patient_settle_names (settled, NULL);
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_patient_sql, error);

    ok = stmt != NULL && bind_patient_and_step (self, stmt, settled, error);
    if (ok)
      id = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
  }
  if (ok && guess != NULL)
    ok = add_name_review (self, id, patient->name, guess, error);
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  patient->id = id;
  patient->row_version = 1;
  g_free (patient->name);
  patient->name = g_steal_pointer (&settled->name);
  g_free (patient->family_name);
  patient->family_name = g_steal_pointer (&settled->family_name);
  g_free (patient->given_name);
  patient->given_name = g_steal_pointer (&settled->given_name);
  return TRUE;
}

static const char *stored_name_sql =
  "SELECT name FROM patient WHERE id = ?1";

/* The whole name as stored: to tell a caller that changed it (an older one, which knows only
 * the whole name) from one that changed the family and given names. */
static char *
stored_whole_name (VastusDatabase *self,
                   gint64          id,
                   GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, stored_name_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    return _vastus_column_text (stmt, 0);
  if (rc == VASTUS_DONE)
    g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                 /* Translators: a patient's number in the database */
                 _("There is no patient %lld"), (long long) id);
  else
    _vastus_database_set_error (self, error, rc, _("Could not read the patient"));
  return NULL;
}

static const char *update_patient_sql =
  "UPDATE patient SET mrn = ?2, name = ?3, birth_date = ?4, sex = ?5, notes = ?6, "
  "  archived = ?7, demo = ?8, family_name = ?9, given_name = ?10, "
  "  updated_at = " VASTUS_SQL_NOW ", row_version = row_version + 1 "
  "WHERE id = ?1 AND row_version = ?11";

gboolean
vastus_database_update_patient (VastusDatabase *self,
                                VastusPatient  *patient,
                                GError        **error)
{
  g_autoptr(VastusPatient) settled = NULL;
  const char *guess = NULL;
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = NULL;
    g_autofree char *stored_name = stored_whole_name (self, patient->id, error);

    ok = stored_name != NULL;
    if (ok)
      {
        settled = vastus_patient_copy (patient);
        guess = vastus_patient_settle_names (settled, stored_name);
        stmt = _vastus_database_prepare (self, update_patient_sql, error);
        ok = stmt != NULL;
      }
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, patient->id);
        _vastus_bind_int64 (stmt, 11, patient->row_version);
        ok = bind_patient_and_step (self, stmt, settled, error);
      }
    if (ok && _vastus_conn_changes (_vastus_database_get_conn (self)) == 0)
      {
        if (!_vastus_database_check_conflict (self, VASTUS_ROW_PATIENT, patient->id,
                                              patient->row_version, error))
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: a patient's number in the database */
                       _("There is no patient %lld"), (long long) patient->id);
        ok = FALSE;
      }
    if (ok && guess != NULL)
      ok = add_name_review (self, patient->id, patient->name, guess, error);
  }
  if (!_vastus_database_write_end (self, ok, error))
    return FALSE;
  patient->row_version++;
  return TRUE;
}

static const char *get_patient_sql =
  "SELECT " PATIENT_COLUMNS " FROM patient p WHERE p.id = ?1";

VastusPatient *
vastus_database_get_patient (VastusDatabase *self,
                             gint64          id,
                             GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, get_patient_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: a patient's number in the database */
                   _("There is no patient %lld"), (long long) id);
      return NULL;
    }
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the patient"));
      return NULL;
    }
  patient = vastus_patient_new ();
  read_patient (stmt, patient);
  return g_steal_pointer (&patient);
}

static const char *find_patient_sql =
  "SELECT " PATIENT_COLUMNS " FROM patient p WHERE p.mrn = ?1";

VastusPatient *
vastus_database_find_patient (VastusDatabase *self,
                              const char     *mrn,
                              GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, find_patient_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_text (stmt, 1, mrn);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_DONE)
    return NULL;
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not look up the MRN"));
      return NULL;
    }
  patient = vastus_patient_new ();
  read_patient (stmt, patient);
  return g_steal_pointer (&patient);
}

#define SET_ARCHIVED_SQL \
  "UPDATE patient SET archived = ?2, updated_at = " VASTUS_SQL_NOW ", " \
  "  row_version = row_version + 1 " \
  "WHERE id = ?1"

static const char *set_archived_sql = SET_ARCHIVED_SQL;
/* The same at the version the person saw. */
static const char *set_archived_at_sql = SET_ARCHIVED_SQL " AND row_version = ?3";

gboolean
vastus_database_set_patient_archived (VastusDatabase *self,
                                      gint64          id,
                                      gint64          row_version,
                                      gboolean        archived,
                                      GError        **error)
{
  gboolean ok, changed;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, row_version != 0
                                                                 ? set_archived_at_sql
                                                                 : set_archived_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, id);
        _vastus_bind_int (stmt, 2, archived ? 1 : 0);
        if (row_version != 0)
          _vastus_bind_int64 (stmt, 3, row_version);
        ok = _vastus_database_step_done (self, stmt, _("Could not archive the patient"), error);
      }
    changed = ok && _vastus_conn_changes (_vastus_database_get_conn (self)) > 0;
    /* Someone else changed the patient after it was shown. */
    if (ok && !changed && row_version != 0
        && _vastus_database_check_conflict (self, VASTUS_ROW_PATIENT, id, row_version, error))
      ok = FALSE;
    if (ok && !changed)
      {
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     /* Translators: a patient's number in the database */
                     _("There is no patient %lld"), (long long) id);
        ok = FALSE;
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

/* Names to review */

void
vastus_name_review_free (VastusNameReview *review)
{
  if (review == NULL)
    return;
  g_free (review->mrn);
  g_free (review->written);
  g_free (review->family_name);
  g_free (review->given_name);
  g_free (review->reason);
  g_free (review);
}

static const char *list_name_reviews_sql =
  "SELECT r.patient_id, p.mrn, r.written, p.family_name, p.given_name, r.reason "
  "FROM patient_name_review r JOIN patient p ON p.id = r.patient_id "
  "ORDER BY p.family_name " VASTUS_SQL_NOCASE ", p.given_name " VASTUS_SQL_NOCASE ", p.id";

GPtrArray *
vastus_database_list_name_reviews (VastusDatabase *self,
                                   GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, list_name_reviews_sql, error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_name_review_free);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusNameReview *review = g_new0 (VastusNameReview, 1);

      review->patient_id = _vastus_column_int64 (stmt, 0);
      review->mrn = _vastus_column_text (stmt, 1);
      review->written = _vastus_column_text (stmt, 2);
      review->family_name = _vastus_column_text (stmt, 3);
      review->given_name = _vastus_column_text (stmt, 4);
      review->reason = _vastus_column_text (stmt, 5);
      g_ptr_array_add (list, review);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not list the names to review"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static const char *dismiss_name_review_sql =
  "DELETE FROM patient_name_review WHERE patient_id = ?1 OR ?1 IS NULL";

gboolean
vastus_database_dismiss_name_reviews (VastusDatabase *self,
                                      const gint64   *patient_ids,
                                      guint           n_ids,
                                      GError        **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (n_ids == 0 || patient_ids != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < MAX (n_ids, 1); i++)
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, dismiss_name_review_sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          if (n_ids > 0)
            _vastus_bind_int64 (stmt, 1, patient_ids[i]);
          ok = _vastus_database_step_done (self, stmt, _("Could not take the names off the list"), error);
        }
    }
  return _vastus_database_write_end (self, ok, error);
}

/* Lists. A search drives the query from the patient_word index (the longest term first); the
 * other terms must each match a word of the same patient. Without a search, the list walks
 * patient_by_name or the MRN index. */

void
vastus_patient_summary_free (VastusPatientSummary *summary)
{
  if (summary == NULL)
    return;
  vastus_patient_free (summary->patient);
  g_free (summary);
}

/* patient_stats (kept by triggers) has the last visit and the visit count. */
#define SUMMARY_SELECT \
  "SELECT " PATIENT_COLUMNS ", s.last_visit, s.n_visits "

#define FROM_ALL \
  "FROM patient p LEFT JOIN patient_stats s ON s.patient_id = p.id WHERE p.archived = ?1 "

/* Sorted by last visit, the rows come from patient_stats_by_last_visit (sql/004), which has
 * patient_stats' copy of archived. */
#define FROM_ALL_BY_STATS \
  "FROM patient_stats s CROSS JOIN patient p ON p.id = s.patient_id WHERE s.archived = ?1 "

/* CROSS JOIN fixes the join order: the word index first, never a scan of every patient. */
#define FROM_SEARCH \
  "FROM (SELECT DISTINCT patient_id FROM patient_word WHERE word >= ?2 AND word < ?3) AS hit " \
  "CROSS JOIN patient p ON p.id = hit.patient_id " \
  "LEFT JOIN patient_stats s ON s.patient_id = p.id " \
  "WHERE p.archived = ?1 " \
  "  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM patient_word w " \
  "        WHERE w.patient_id = p.id AND w.word >= ?4 AND w.word < ?5)) " \
  "  AND (?6 IS NULL OR EXISTS (SELECT 1 FROM patient_word w " \
  "        WHERE w.patient_id = p.id AND w.word >= ?6 AND w.word < ?7)) " \
  "  AND (?8 IS NULL OR EXISTS (SELECT 1 FROM patient_word w " \
  "        WHERE w.patient_id = p.id AND w.word >= ?8 AND w.word < ?9)) "

/* By family name, then given names (the index patient_by_family_name, sql/007). */
#define ORDER_NAME "ORDER BY p.family_name " VASTUS_SQL_NOCASE ", p.given_name " VASTUS_SQL_NOCASE ", p.id "
#define ORDER_LAST_VISIT "ORDER BY s.last_visit IS NULL, s.last_visit DESC, " \
  "p.family_name " VASTUS_SQL_NOCASE ", p.given_name " VASTUS_SQL_NOCASE ", p.id "
#define ORDER_MRN "ORDER BY p.mrn, p.id "
#define LIMIT "LIMIT ?10 OFFSET ?11"

/* [search][sort] */
static const char *list_patients_sql[2][3] = {
  {
    SUMMARY_SELECT FROM_ALL ORDER_NAME LIMIT,
    SUMMARY_SELECT FROM_ALL_BY_STATS ORDER_LAST_VISIT LIMIT,
    SUMMARY_SELECT FROM_ALL ORDER_MRN LIMIT,
  },
  {
    SUMMARY_SELECT FROM_SEARCH ORDER_NAME LIMIT,
    SUMMARY_SELECT FROM_SEARCH ORDER_LAST_VISIT LIMIT,
    SUMMARY_SELECT FROM_SEARCH ORDER_MRN LIMIT,
  },
};

/* The position of one patient in a list: its row number in the list's order. */
#define POSITION(FROM, ORDER) \
  "SELECT pos FROM (SELECT p.id AS id, row_number () OVER (" ORDER ") - 1 AS pos " FROM ") AS ranked " \
  "WHERE id = ?12"

/* [search][sort] */
static const char *patient_position_sql[2][3] = {
  {
    POSITION (FROM_ALL, ORDER_NAME),
    POSITION (FROM_ALL_BY_STATS, ORDER_LAST_VISIT),
    POSITION (FROM_ALL, ORDER_MRN),
  },
  {
    POSITION (FROM_SEARCH, ORDER_NAME),
    POSITION (FROM_SEARCH, ORDER_LAST_VISIT),
    POSITION (FROM_SEARCH, ORDER_MRN),
  },
};

#define ID_SELECT "SELECT p.id "

/* [search][sort] */
static const char *list_patient_ids_sql[2][3] = {
  {
    ID_SELECT FROM_ALL ORDER_NAME,
    ID_SELECT FROM_ALL_BY_STATS ORDER_LAST_VISIT,
    ID_SELECT FROM_ALL ORDER_MRN,
  },
  {
    ID_SELECT FROM_SEARCH ORDER_NAME,
    ID_SELECT FROM_SEARCH ORDER_LAST_VISIT,
    ID_SELECT FROM_SEARCH ORDER_MRN,
  },
};

static const char *patient_summary_sql =
  SUMMARY_SELECT "FROM patient p LEFT JOIN patient_stats s ON s.patient_id = p.id WHERE p.id = ?1";

static const char *count_patients_sql[2] = {
  "SELECT count (*) FROM patient p WHERE p.archived = ?1",
  "SELECT count (*) " FROM_SEARCH,
};

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  return (int) strlen (*(char **) b) - (int) strlen (*(char **) a);
}

/* Binds ?1 … ?9; returns whether the query searches. */
static gboolean
bind_query (VastusStmt               *stmt,
            const VastusPatientQuery *query,
            GPtrArray                *terms)
{
  _vastus_bind_int (stmt, 1, query->archived ? 1 : 0);
  for (guint i = 0; i < terms->len && i < MAX_TERMS; i++)
    {
      const char *term = g_ptr_array_index (terms, i);
      g_autofree char *end = g_strconcat (term, PREFIX_END, NULL);

      _vastus_bind_text (stmt, 2 + 2 * (int) i, term);
      _vastus_bind_text (stmt, 3 + 2 * (int) i, end);
    }
  return terms->len > 0;
}

static GPtrArray *
split_search (const char *search)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;
  g_auto(GStrv) tokens = NULL;

  if (search == NULL)
    return g_steal_pointer (&terms);
  folded = _vastus_search_fold (search);
  tokens = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (tokens[i][0] != '\0')
      g_ptr_array_add (terms, g_strdup (tokens[i]));
  g_ptr_array_sort (terms, compare_length_desc);
  return g_steal_pointer (&terms);
}

static VastusPatientSummary *
read_summary (VastusStmt *stmt)
{
  VastusPatientSummary *summary = g_new0 (VastusPatientSummary, 1);

  summary->patient = vastus_patient_new ();
  read_patient (stmt, summary->patient);
  _vastus_column_date (stmt, N_PATIENT_COLUMNS, &summary->last_visit);
  summary->n_visits = (guint) _vastus_column_int64 (stmt, N_PATIENT_COLUMNS + 1);
  return summary;
}

/* The statement of @sql[search][sort] for @query (NULL: every active patient by name), bound. */
static VastusStmt *
prepare_patient_query (VastusDatabase           *self,
                       const char               *sql[2][3],
                       const VastusPatientQuery *query,
                       GError                  **error)
{
  static const VastusPatientQuery all = { NULL, FALSE, VASTUS_PATIENT_SORT_NAME, 0, 0 };
  g_autoptr(GPtrArray) terms = NULL;
  VastusStmt *stmt;
  guint sort;

  if (query == NULL)
    query = &all;
  sort = (guint) query->sort <= VASTUS_PATIENT_SORT_MRN ? (guint) query->sort : 0;
  terms = split_search (query->search);
  stmt = _vastus_database_prepare (self, sql[terms->len > 0][sort], error);
  if (stmt != NULL)
    bind_query (stmt, query, terms);
  return stmt;
}

GPtrArray *
vastus_database_list_patients (VastusDatabase           *self,
                               const VastusPatientQuery *query,
                               GError                  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare_patient_query (self, list_patients_sql, query, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 10, query != NULL && query->limit > 0 ? (gint64) query->limit : -1);
  _vastus_bind_int64 (stmt, 11, query != NULL ? query->offset : 0);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_ptr_array_add (list, read_summary (stmt));
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not list patients"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GArray *
vastus_database_list_patient_ids (VastusDatabase           *self,
                                  const VastusPatientQuery *query,
                                  GError                  **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare_patient_query (self, list_patient_ids_sql, query, error);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      gint64 id = _vastus_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not list patients"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GPtrArray *
vastus_database_get_patient_summaries (VastusDatabase *self,
                                       const gint64   *ids,
                                       guint           n_ids,
                                       GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_patient_summary_free);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, patient_summary_sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      _vastus_bind_int64 (stmt, 1, ids[i]);
      rc = _vastus_step (stmt);
      if (rc == VASTUS_ROW)
        g_ptr_array_add (list, read_summary (stmt));
      else if (rc != VASTUS_DONE)
        {
          _vastus_database_set_error (self, error, rc, _("Could not read the patients"));
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

guint
vastus_database_count_patients (VastusDatabase           *self,
                                const VastusPatientQuery *query,
                                GError                  **error)
{
  static const VastusPatientQuery all = { NULL, FALSE, VASTUS_PATIENT_SORT_NAME, 0, 0 };
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (query == NULL)
    query = &all;
  terms = split_search (query->search);
  stmt = _vastus_database_prepare (self, count_patients_sql[terms->len > 0], error);
  if (stmt == NULL)
    return 0;
  bind_query (stmt, query, terms);
  rc = _vastus_step (stmt);
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not count patients"));
      return 0;
    }
  return (guint) _vastus_column_int64 (stmt, 0);
}

gboolean
vastus_database_find_patient_position (VastusDatabase           *self,
                                       const VastusPatientQuery *query,
                                       gint64                    patient_id,
                                       guint                    *position,
                                       GError                  **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare_patient_query (self, patient_position_sql, query, error);
  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 12, patient_id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    {
      *position = (guint) _vastus_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != VASTUS_DONE)
    _vastus_database_set_error (self, error, rc, _("Could not find the patient in the list"));
  return FALSE;
}
