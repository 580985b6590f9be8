/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-questionnaire-store"

#include "config.h"

#include "vastus-i18n.h"

#include <math.h>

#include "vastus-database-private.h"
#include "vastus-pin.h"
#include "vastus-questionnaire-store.h"


/* Reading */

#define RESPONSE_COLUMNS "q.id, q.visit_id, q.instrument, q.entered_by, a.item, a.points"

static const char *episode_responses_sql =
  "SELECT " RESPONSE_COLUMNS " FROM visit v "
  "JOIN questionnaire q ON q.visit_id = v.id AND q.deleted_at IS NULL "
  "LEFT JOIN questionnaire_answer a ON a.questionnaire_id = q.id "
  "WHERE v.episode_id = ?1 AND v.deleted_at IS NULL ORDER BY v.date, v.id, q.id";

static const char *visit_responses_sql =
  "SELECT " RESPONSE_COLUMNS " FROM visit v "
  "JOIN questionnaire q ON q.visit_id = v.id AND q.deleted_at IS NULL "
  "LEFT JOIN questionnaire_answer a ON a.questionnaire_id = q.id "
  "WHERE v.id = ?1 AND v.deleted_at IS NULL ORDER BY q.id";

static GPtrArray *
read_responses (VastusDatabase *self,
                const char     *sql,
                gint64          id,
                GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, sql, error);
  VastusResponse *current = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, id);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      gint64 qid = _vastus_column_int64 (stmt, 0);

      if (current == NULL || current->id != qid)
        {
          if (current != NULL)
            vastus_response_sort (current);
          current = vastus_response_new (_vastus_column_peek (stmt, 2));
          current->id = qid;
          current->visit_id = _vastus_column_int64 (stmt, 1);
          if (!vastus_entered_by_from_string (_vastus_column_peek (stmt, 3),
                                              &current->entered_by))
            current->entered_by = VASTUS_ENTERED_BY_STAFF;
          g_ptr_array_add (list, current);
        }
      if (!_vastus_column_is_null (stmt, 4))
        vastus_response_set_answer (current, _vastus_column_peek (stmt, 4),
                                    _vastus_column_int (stmt, 5));
    }
  if (current != NULL)
    vastus_response_sort (current);
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the questionnaires"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
vastus_database_list_responses (VastusDatabase *self,
                                gint64          episode_id,
                                GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_responses (self, episode_responses_sql, episode_id, error);
}

GPtrArray *
vastus_database_list_visit_responses (VastusDatabase *self,
                                      gint64          visit_id,
                                      GError        **error)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_responses (self, visit_responses_sql, visit_id, error);
}

/* The visit's live questionnaire of @instrument, or NULL (without an error) when there is none. */
static VastusResponse *
stored_response (VastusDatabase *self,
                 gint64          visit_id,
                 const char     *instrument,
                 GError        **error)
{
  g_autoptr(GPtrArray) list = read_responses (self, visit_responses_sql, visit_id, error);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      VastusResponse *r = g_ptr_array_index (list, i);

      if (g_str_equal (r->instrument, instrument))
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

gboolean
_vastus_database_check_score (VastusDatabase *self,
                              gint64          visit_id,
                              const char     *measure,
                              double          value,
                              GError        **error)
{
  const VastusInstrument *instrument = NULL;
  g_autoptr(VastusResponse) response = NULL;
  GError *local_error = NULL;

  if (vastus_instrument_scale_for_measure (measure, &instrument) == NULL)
    return TRUE;
  response = stored_response (self, visit_id, instrument->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (response == NULL || vastus_response_check_score (response, measure, value, &local_error))
    return TRUE;
  g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* Writing */

static gboolean
step_id (VastusDatabase *self,
         VastusStmt     *stmt,
         gint64         *id,
         const char     *what,
         GError        **error)
{
  int rc = _vastus_step (stmt);

  if (rc == VASTUS_ROW)
    {
      *id = _vastus_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == VASTUS_DONE)
    {
      *id = 0;
      return TRUE;
    }
  _vastus_database_set_error (self, error, rc, what);
  return FALSE;
}

static const char *live_visit_sql =
  "SELECT id FROM visit WHERE id = ?1 AND deleted_at IS NULL";

static const char *delete_questionnaire_sql =
  "UPDATE questionnaire SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor () "
  "WHERE id = ?1 AND deleted_at IS NULL";

static const char *delete_scores_sql =
  "UPDATE measurement SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor () "
  "WHERE deleted_at IS NULL "
  "  AND id IN (SELECT measurement_id FROM questionnaire_score WHERE questionnaire_id = ?1)";

static const char *delete_measurement_sql =
  "UPDATE measurement SET deleted_at = " VASTUS_SQL_NOW ", deleted_by = vastus_actor () "
  "WHERE id = ?1 AND deleted_at IS NULL";

/* Live measurements of the visit that no questionnaire computed: typed scores among them. */
static const char *typed_measurements_sql =
  "SELECT m.id, m.measure, m.value FROM measurement m "
  "WHERE m.visit_id = ?1 AND m.deleted_at IS NULL "
  "  AND NOT EXISTS (SELECT 1 FROM questionnaire_score s WHERE s.measurement_id = m.id)";

static const char *insert_questionnaire_sql =
  "INSERT INTO questionnaire (visit_id, instrument, entered_by) VALUES (?1, ?2, ?3)";

static const char *insert_answer_sql =
  "INSERT INTO questionnaire_answer (questionnaire_id, item, points) VALUES (?1, ?2, ?3)";

static const char *insert_link_sql =
  "INSERT INTO questionnaire_score (measurement_id, questionnaire_id) VALUES (?1, ?2)";

static gboolean
run_with_id (VastusDatabase *self,
             const char     *sql,
             gint64          id,
             const char     *what,
             GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, id);
  return _vastus_database_step_done (self, stmt, what, error);
}

static gboolean
insert_link (VastusDatabase *self,
             gint64          measurement_id,
             gint64          questionnaire_id,
             GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_link_sql, error);

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, measurement_id);
  _vastus_bind_int64 (stmt, 2, questionnaire_id);
  return _vastus_database_step_done (self, stmt, _("Could not link the score to its answers"), error);
}

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* The typed scores of @instrument at the visit: those that agree with @response go into
 * @agreeing (measure → id) to be linked; the others are deleted (REPLACE) or refused (KEEP). */
static gboolean
settle_typed_scores (VastusDatabase         *self,
                     gint64                  visit_id,
                     const VastusInstrument *instrument,
                     const VastusResponse   *response,
                     VastusResponseMode      mode,
                     GHashTable             *agreeing,
                     GError                **error)
{
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, typed_measurements_sql, error);

    if (stmt == NULL)
      return FALSE;
    _vastus_bind_int64 (stmt, 1, visit_id);
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        gint64 id = _vastus_column_int64 (stmt, 0);
        const char *measure = _vastus_column_peek (stmt, 1);
        g_autoptr(GError) local_error = NULL;

        if (vastus_instrument_find_scale (instrument, measure) == NULL)
          continue;
        if (vastus_response_check_score (response, measure, _vastus_column_double (stmt, 2),
                                         &local_error))
          g_hash_table_insert (agreeing, g_strdup (measure), g_memdup2 (&id, sizeof id));
        else if (mode == VASTUS_RESPONSE_REPLACE)
          g_array_append_val (doomed, id);
        else
          return refuse (error, "%s", local_error->message);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the visit's scores"));
        return FALSE;
      }
  }
  for (guint i = 0; i < doomed->len; i++)
    if (!run_with_id (self, delete_measurement_sql, g_array_index (doomed, gint64, i),
                      _("Could not replace a typed score"), error))
      return FALSE;
  return TRUE;
}

/* Inside a write: the questionnaire row, its answers, its scores and their links. */
static gboolean
insert_response (VastusDatabase         *self,
                 gint64                  visit_id,
                 VastusResponse         *response,
                 GHashTable             *agreeing,
                 GError                **error)
{
  g_autoptr(GPtrArray) scores = vastus_response_score_measurements (response);
  gint64 qid;

  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_questionnaire_sql, error);

    if (stmt == NULL)
      return FALSE;
    _vastus_bind_int64 (stmt, 1, visit_id);
    _vastus_bind_text (stmt, 2, response->instrument);
    _vastus_bind_text (stmt, 3, vastus_entered_by_to_string (response->entered_by));
    if (!_vastus_database_step_done (self, stmt, _("Could not save the questionnaire"), error))
      return FALSE;
    qid = _vastus_conn_last_insert_id (_vastus_database_get_conn (self));
  }
  vastus_response_sort (response);
  for (guint i = 0; i < response->answers->len; i++)
    {
      const VastusAnswer *a = g_ptr_array_index (response->answers, i);
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_answer_sql, error);

      if (stmt == NULL)
        return FALSE;
      _vastus_bind_int64 (stmt, 1, qid);
      _vastus_bind_text (stmt, 2, a->item);
      _vastus_bind_int (stmt, 3, a->points);
      if (!_vastus_database_step_done (self, stmt, _("Could not save an answer"), error))
        return FALSE;
    }
  for (guint i = 0; i < scores->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (scores, i);
      gint64 *typed = g_hash_table_lookup (agreeing, m->measure);

      if (typed == NULL && !_vastus_database_store_measurement (self, visit_id, m, error))
        return FALSE;
      if (!insert_link (self, typed != NULL ? *typed : m->id, qid, error))
        return FALSE;
    }
  response->id = qid;
  response->visit_id = visit_id;
  return TRUE;
}

gboolean
vastus_database_save_response (VastusDatabase     *self,
                               gint64              visit_id,
                               VastusResponse     *response,
                               VastusResponseMode  mode,
                               gboolean           *changed,
                               GError            **error)
{
  g_autoptr(VastusResponse) old = NULL;
  g_autoptr(GHashTable) agreeing = NULL;
  const VastusInstrument *instrument;
  gboolean ok, written = FALSE;
  gint64 found = 0;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!vastus_response_check (response, error))
    return FALSE;
  instrument = vastus_instrument_lookup (response->instrument);
  agreeing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, live_visit_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, visit_id);
        ok = step_id (self, stmt, &found, _("Could not read the visit"), error);
      }
  }
  if (ok && found == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: the visit's number in the database */
                   _("There is no visit %lld"), (long long) visit_id);
      ok = FALSE;
    }
  if (ok)
    {
      GError *local_error = NULL;

      old = stored_response (self, visit_id, response->instrument, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (ok && old != NULL && vastus_response_equal (old, response))
    {
      response->id = old->id;
      response->visit_id = visit_id;
    }
  else if (ok && old != NULL && mode == VASTUS_RESPONSE_KEEP)
    /* Translators: %s is a questionnaire's name, such as KOOS */
    ok = refuse (error, _("%s answers are stored for this visit already, with other answers; an "
                          "import never overwrites (change them in Vastus)"), instrument->name);
  else if (ok && response->answers->len == 0 && mode == VASTUS_RESPONSE_KEEP)
    /* Translators: %s is a questionnaire's name, such as KOOS */
    ok = refuse (error, _("No %s answers to store"), instrument->name);
  else if (ok)
    {
      written = TRUE;
      if (old != NULL)
        ok = run_with_id (self, delete_scores_sql, old->id, _("Could not replace the scores"), error)
             && run_with_id (self, delete_questionnaire_sql, old->id,
                             _("Could not replace the questionnaire"), error);
      if (ok && response->answers->len > 0)
        ok = settle_typed_scores (self, visit_id, instrument, response, mode, agreeing, error)
             && insert_response (self, visit_id, response, agreeing, error);
    }
  if (!_vastus_database_write_end (self, ok, error))
    {
      if (old == NULL || response->id != old->id)
        response->id = 0;
      return FALSE;
    }
  if (response->answers->len == 0)
    response->id = 0;
  if (changed != NULL)
    *changed = written;
  return TRUE;
}

gboolean
vastus_database_delete_response (VastusDatabase *self,
                                 gint64          response_id,
                                 GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  ok = run_with_id (self, delete_scores_sql, response_id, _("Could not delete the scores"), error)
       && run_with_id (self, delete_questionnaire_sql, response_id,
                       _("Could not delete the questionnaire"), error);
  if (ok && _vastus_conn_changes (_vastus_database_get_conn (self)) == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: the questionnaire's number in the database */
                   _("There is no questionnaire %lld (or it is deleted already)"),
                   (long long) response_id);
      ok = FALSE;
    }
  return _vastus_database_write_end (self, ok, error);
}

/* Minimal important changes */

static const char *get_mic_sql = "SELECT mic FROM questionnaire_mic WHERE measure = ?1";
static const char *set_mic_sql =
  "INSERT OR REPLACE INTO questionnaire_mic (measure, mic, updated_at, updated_by) "
  "VALUES (?1, ?2, " VASTUS_SQL_NOW ", vastus_actor ())";
static const char *reset_mic_sql = "DELETE FROM questionnaire_mic WHERE measure = ?1";

double
vastus_database_get_mic (VastusDatabase *self,
                         const char     *measure,
                         gboolean       *clinic_set,
                         GError        **error)
{
  const VastusScale *scale = vastus_instrument_scale_for_measure (measure, NULL);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NAN);

  if (clinic_set != NULL)
    *clinic_set = FALSE;
  stmt = _vastus_database_prepare (self, get_mic_sql, error);
  if (stmt == NULL)
    return NAN;
  _vastus_bind_text (stmt, 1, measure);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    {
      if (clinic_set != NULL)
        *clinic_set = TRUE;
      return _vastus_column_double (stmt, 0);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the minimal important change"));
      return NAN;
    }
  return scale != NULL ? scale->mic : NAN;
}

gboolean
vastus_database_set_mic (VastusDatabase *self,
                         const char     *measure,
                         double          mic,
                         GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (vastus_instrument_scale_for_measure (measure, NULL) == NULL)
    /* Translators: %s is a measure's code */
    return refuse (error, _("%s is not a questionnaire score"), measure != NULL ? measure : "");
  if (!isnan (mic) && !(mic > 0 && mic <= 100))
    return refuse (error, _("A minimal important change is above 0 and at most 100"));
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, isnan (mic) ? reset_mic_sql
                                                                             : set_mic_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_text (stmt, 1, measure);
        if (!isnan (mic))
          _vastus_bind_double (stmt, 2, mic);
        ok = _vastus_database_step_done (self, stmt, _("Could not save the minimal important change"), error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

/* Wording */

static const char *delete_wording_sql = "DELETE FROM questionnaire_wording WHERE instrument = ?1";
static const char *insert_wording_sql =
  "INSERT INTO questionnaire_wording (instrument, item, question, answers) VALUES (?1, ?2, ?3, ?4)";
static const char *get_wording_sql =
  "SELECT w.item, w.question, a.value FROM questionnaire_wording w "
  "LEFT JOIN json_each (w.answers) a WHERE w.instrument = ?1 ORDER BY w.item, a.key";

/* @answers as a JSON array of strings. */
static char *
answers_json (char **answers)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    {
      g_string_append (out, i > 0 ? ",\"" : "\"");
      for (const char *p = answers[i]; *p != '\0'; p++)
        if (*p == '"' || *p == '\\')
          g_string_append_printf (out, "\\%c", *p);
        else
          g_string_append_c (out, *p);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

gboolean
vastus_database_save_wording (VastusDatabase      *self,
                              const VastusWording *wording,
                              GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (wording != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, delete_wording_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_text (stmt, 1, wording->instrument);
        ok = _vastus_database_step_done (self, stmt, _("Could not replace the wording"), error);
      }
  }
  for (guint i = 0; ok && i < wording->items->len; i++)
    {
      const VastusItemWording *w = g_ptr_array_index (wording->items, i);
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_wording_sql, error);
      g_autofree char *json = answers_json (w->answers);

      ok = stmt != NULL;
      if (ok)
        {
          _vastus_bind_text (stmt, 1, wording->instrument);
          _vastus_bind_text (stmt, 2, w->item);
          _vastus_bind_text (stmt, 3, w->question);
          _vastus_bind_text (stmt, 4, json);
          ok = _vastus_database_step_done (self, stmt, _("Could not save the wording"), error);
        }
    }
  return _vastus_database_write_end (self, ok, error);
}

VastusWording *
vastus_database_get_wording (VastusDatabase *self,
                             const char     *instrument,
                             GError        **error)
{
  g_autoptr(VastusWording) wording = vastus_wording_new (instrument);
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *item = NULL, *question = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, get_wording_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_text (stmt, 1, instrument);
  answers = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      const char *row_item;

      rc = _vastus_step (stmt);
      row_item = rc == VASTUS_ROW ? _vastus_column_peek (stmt, 0) : NULL;
      if (item != NULL && g_strcmp0 (row_item, item) != 0)
        {
          g_ptr_array_add (answers, NULL);
          vastus_wording_add (wording, item, question, (const char * const *) answers->pdata);
          g_ptr_array_set_size (answers, 0);
          g_clear_pointer (&item, g_free);
          g_clear_pointer (&question, g_free);
        }
      if (rc != VASTUS_ROW)
        break;
      if (item == NULL)
        {
          item = g_strdup (row_item);
          question = _vastus_column_text (stmt, 1);
        }
      if (!_vastus_column_is_null (stmt, 2))
        g_ptr_array_add (answers, _vastus_column_text (stmt, 2));
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the wording"));
      return NULL;
    }
  if (wording->items->len == 0)
    return NULL;
  vastus_wording_sort (wording);
  return g_steal_pointer (&wording);
}

gboolean
vastus_database_delete_wording (VastusDatabase *self,
                                const char     *instrument,
                                GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, delete_wording_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_text (stmt, 1, instrument);
        ok = _vastus_database_step_done (self, stmt, _("Could not delete the wording"), error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

/* The clinic PIN */

static const char *set_pin_sql =
  "INSERT OR REPLACE INTO clinic_pin (id, hash, set_at, set_by) VALUES (1, ?1, " VASTUS_SQL_NOW ", vastus_actor ())";
static const char *remove_pin_sql = "DELETE FROM clinic_pin";
static const char *get_pin_sql = "SELECT hash FROM clinic_pin WHERE id = 1";

gboolean
vastus_database_set_pin (VastusDatabase *self,
                         const char     *pin,
                         GError        **error)
{
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pin != NULL && (hash = vastus_pin_hash (pin, error)) == NULL)
    return FALSE;
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, pin != NULL ? set_pin_sql
                                                                             : remove_pin_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        if (hash != NULL)
          _vastus_bind_text (stmt, 1, hash);
        ok = _vastus_database_step_done (self, stmt, _("Could not save the PIN"), error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

static gboolean
read_pin_hash (VastusDatabase  *self,
               char           **hash,
               GError         **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, get_pin_sql, error);
  int rc;

  *hash = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    *hash = _vastus_column_text (stmt, 0);
  else if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the PIN"));
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_database_has_pin (VastusDatabase *self,
                         gboolean       *has_pin,
                         GError        **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);

  if (!read_pin_hash (self, &hash, error))
    return FALSE;
  *has_pin = hash != NULL;
  return TRUE;
}

gboolean
vastus_database_check_pin (VastusDatabase *self,
                           const char     *pin,
                           gboolean       *matches,
                           GError        **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);

  if (!read_pin_hash (self, &hash, error))
    return FALSE;
  *matches = hash != NULL && vastus_pin_verify (pin, hash);
  return TRUE;
}
