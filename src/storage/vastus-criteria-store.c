/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-criteria-store"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-criteria-store.h"
#include "vastus-database-private.h"
#include "vastus-value.h"

#define SET_COLUMNS "id, version, title, source, notes, conditions, builtin, based_on, created"

static char **
split_codes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", " ", -1);
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (codes, g_strdup (parts[i]));
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (codes, FALSE);
}

static VastusCriteriaSet *
read_set (VastusStmt *stmt)
{
  VastusCriteriaSet *set = vastus_criteria_set_new ();

  set->id = _vastus_column_text (stmt, 0);
  set->version = _vastus_column_int (stmt, 1);
  set->title = _vastus_column_text (stmt, 2);
  set->source = _vastus_column_text (stmt, 3);
  set->notes = _vastus_column_text (stmt, 4);
  g_strfreev (set->conditions);
  set->conditions = split_codes (_vastus_column_peek (stmt, 5));
  set->builtin = _vastus_column_int (stmt, 6) != 0;
  set->based_on = _vastus_column_text (stmt, 7);
  set->created = _vastus_column_text (stmt, 8);
  return set;
}

static const char *criteria_sql =
  "SELECT id, label, metric, measures, side, comparator, threshold, unit, sex, source, "
  "  velocity_deg_s "
  "FROM criterion WHERE set_id = ?1 AND set_version = ?2 ORDER BY position";

static gboolean
read_criteria (VastusDatabase    *self,
               VastusCriteriaSet *set,
               GError           **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, criteria_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _vastus_bind_text (stmt, 1, set->id);
  _vastus_bind_int (stmt, 2, set->version);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusCriterion *c = vastus_criterion_new ();
      const char *sex = _vastus_column_peek (stmt, 8);

      c->id = _vastus_column_text (stmt, 0);
      c->label = _vastus_column_text (stmt, 1);
      /* The CHECKs only let contract strings in. */
      vastus_metric_from_string (_vastus_column_peek (stmt, 2), &c->metric);
      g_strfreev (c->measures);
      c->measures = split_codes (_vastus_column_peek (stmt, 3));
      vastus_criterion_side_from_string (_vastus_column_peek (stmt, 4), &c->side);
      vastus_comparator_from_string (_vastus_column_peek (stmt, 5), &c->comparator);
      c->threshold = _vastus_column_double (stmt, 6);
      c->unit = _vastus_column_text (stmt, 7);
      if (sex == NULL || !vastus_sex_from_string (sex, &c->sex))
        c->sex = VASTUS_SEX_UNKNOWN;
      c->source = _vastus_column_text (stmt, 9);
      c->velocity_deg_s = _vastus_column_double (stmt, 10);
      g_ptr_array_add (set->criteria, c);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the criteria"));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_sets (VastusDatabase *self,
           VastusStmt     *stmt,
           GError        **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);
  int rc;

  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_ptr_array_add (sets, read_set (stmt));
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the criteria sets"));
      return NULL;
    }
  /* The criteria after the set rows: the statement is done, the cache may reuse it. */
  _vastus_stmt_release (stmt);
  for (guint i = 0; i < sets->len; i++)
    if (!read_criteria (self, g_ptr_array_index (sets, i), error))
      return NULL;
  return g_steal_pointer (&sets);
}

static const char *list_sets_sql =
  "SELECT " SET_COLUMNS " FROM criteria_set AS s "
  "WHERE version = (SELECT max (version) FROM criteria_set WHERE id = s.id) "
  "ORDER BY builtin DESC, id";

GPtrArray *
vastus_database_list_criteria_sets (VastusDatabase *self,
                                    GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _vastus_database_prepare (self, list_sets_sql, error);
  if (stmt == NULL)
    return NULL;
  return read_sets (self, stmt, error);
}

static const char *list_versions_sql =
  "SELECT " SET_COLUMNS " FROM criteria_set WHERE id = ?1 ORDER BY version";

GPtrArray *
vastus_database_list_criteria_set_versions (VastusDatabase *self,
                                            const char     *id,
                                            GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _vastus_database_prepare (self, list_versions_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_text (stmt, 1, id);
  return read_sets (self, stmt, error);
}

static const char *get_set_sql =
  "SELECT " SET_COLUMNS " FROM criteria_set WHERE id = ?1 "
  "AND version = CASE WHEN ?2 > 0 THEN ?2 "
  "                   ELSE (SELECT max (version) FROM criteria_set WHERE id = ?1) END";

VastusCriteriaSet *
vastus_database_get_criteria_set (VastusDatabase *self,
                                  const char     *id,
                                  int             version,
                                  GError        **error)
{
  g_autoptr(VastusCriteriaSet) set = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (id == NULL)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND, _("No criteria set id given"));
      return NULL;
    }
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, get_set_sql, error);
    int rc;

    if (stmt == NULL)
      return NULL;
    _vastus_bind_text (stmt, 1, id);
    _vastus_bind_int (stmt, 2, version);
    rc = _vastus_step (stmt);
    if (rc == VASTUS_ROW)
      set = read_set (stmt);
    else if (rc == VASTUS_DONE)
      {
        if (version > 0)
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: a version number, then the criteria set's code */
                       _("There is no version %d of the criteria set “%s”"), version, id);
        else
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: a criteria set's code */
                       _("There is no criteria set “%s”"), id);
        return NULL;
      }
    else
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the criteria set"));
        return NULL;
      }
  }
  if (!read_criteria (self, set, error))
    return NULL;
  return g_steal_pointer (&set);
}

static const char *insert_set_sql =
  "INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on, actor) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8) RETURNING created";

static const char *insert_criterion_sql =
  "INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, "
  "  comparator, threshold, unit, sex, source, velocity_deg_s) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

/* Inserts a clinic set version with its criteria; inside a write. */
static gboolean
insert_set (VastusDatabase    *self,
            VastusCriteriaSet *set,
            GError           **error)
{
  g_autofree char *conditions = g_strjoinv (" ", set->conditions != NULL ? set->conditions : (char *[]) { NULL });

  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_set_sql, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    _vastus_bind_text (stmt, 1, set->id);
    _vastus_bind_int (stmt, 2, set->version);
    _vastus_bind_text (stmt, 3, set->title);
    _vastus_bind_text (stmt, 4, set->source);
    _vastus_bind_text (stmt, 5, set->notes);
    _vastus_bind_text (stmt, 6, conditions);
    _vastus_bind_text (stmt, 7, set->based_on);
    _vastus_bind_text (stmt, 8, vastus_database_get_actor (self));
    rc = _vastus_step (stmt);
    if (rc != VASTUS_ROW)
      {
        _vastus_database_set_error (self, error, rc, _("Could not save the criteria set"));
        return FALSE;
      }
    g_free (set->created);
    set->created = _vastus_column_text (stmt, 0);
    rc = _vastus_step (stmt);
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not save the criteria set"));
        return FALSE;
      }
  }
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_criterion_sql, error);
      g_autofree char *measures = NULL;

      if (stmt == NULL)
        return FALSE;
      measures = g_strjoinv (" ", c->measures != NULL ? c->measures : (char *[]) { NULL });
      _vastus_bind_text (stmt, 1, set->id);
      _vastus_bind_int (stmt, 2, set->version);
      _vastus_bind_int (stmt, 3, (int) i + 1);
      _vastus_bind_text (stmt, 4, c->id);
      _vastus_bind_text (stmt, 5, c->label);
      _vastus_bind_text (stmt, 6, vastus_metric_to_string (c->metric));
      _vastus_bind_text (stmt, 7, measures);
      _vastus_bind_text (stmt, 8, vastus_criterion_side_to_string (c->side));
      _vastus_bind_text (stmt, 9, vastus_comparator_to_string (c->comparator));
      _vastus_bind_double (stmt, 10, c->threshold);
      _vastus_bind_text (stmt, 11, c->unit);
      _vastus_bind_text (stmt, 12, c->sex == VASTUS_SEX_FEMALE || c->sex == VASTUS_SEX_MALE
                                   ? vastus_sex_to_string (c->sex) : NULL);
      _vastus_bind_text (stmt, 13, c->source);
      _vastus_bind_double (stmt, 14, c->velocity_deg_s);
      if (!_vastus_database_step_done (self, stmt, _("Could not save a criterion"), error))
        return FALSE;
    }
  return TRUE;
}

VastusCriteriaSet *
vastus_database_copy_criteria_set (VastusDatabase *self,
                                   const char     *from_id,
                                   const char     *new_id,
                                   const char     *title,
                                   GError        **error)
{
  return vastus_database_copy_criteria_set_version (self, from_id, 0, new_id, title, error);
}

/* The copy of @from as the clinic's set @new_id, version 1; inside the write, so that the id
 * is still free when it is stored (two copies to one id at once: the second is told it exists). */
static VastusCriteriaSet *
copy_set (VastusDatabase *self,
          const char     *from_id,
          int             from_version,
          const char     *new_id,
          const char     *title,
          GError        **error)
{
  g_autoptr(VastusCriteriaSet) from = NULL;
  g_autoptr(VastusCriteriaSet) copy = NULL;
  g_autoptr(GPtrArray) existing = NULL;

  from = vastus_database_get_criteria_set (self, from_id, from_version, error);
  if (from == NULL)
    return NULL;
  existing = vastus_database_list_criteria_set_versions (self, new_id != NULL ? new_id : "", error);
  if (existing == NULL)
    return NULL;
  if (existing->len > 0)
    {
      g_set_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_EXISTS,
                   /* Translators: a criteria set's code */
                   _("A criteria set “%s” exists already"), new_id);
      return NULL;
    }

  copy = vastus_criteria_set_copy (from);
  /* A clinic's copy of a built-in set is the clinic's text: in the language it works in. */
  if (from->builtin)
    {
      g_free (copy->title);
      copy->title = g_strdup (vastus_criteria_set_text (from, from->title));
      g_free (copy->notes);
      copy->notes = from->notes != NULL ? g_strdup (vastus_criteria_set_text (from, from->notes)) : NULL;
      g_free (copy->source);
      copy->source = from->source != NULL ? g_strdup (vastus_criteria_set_text (from, from->source)) : NULL;
      for (guint i = 0; i < copy->criteria->len; i++)
        {
          VastusCriterion *criterion = g_ptr_array_index (copy->criteria, i);
          char *label = g_strdup (vastus_criteria_set_text (from, criterion->label));
          char *source = criterion->source != NULL ? g_strdup (vastus_criteria_set_text (from, criterion->source)) : NULL;

          g_free (criterion->label);
          criterion->label = label;
          g_free (criterion->source);
          criterion->source = source;
        }
    }
  g_free (copy->id);
  copy->id = g_strdup (new_id);
  copy->version = 1;
  copy->builtin = FALSE;
  g_free (copy->based_on);
  copy->based_on = g_strdup_printf ("%s@%d", from->id, from->version);
  if (title != NULL)
    {
      g_free (copy->title);
      copy->title = g_strdup (title);
    }
  g_clear_pointer (&copy->created, g_free);
  if (!vastus_criteria_set_validate (copy, error) || !insert_set (self, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

VastusCriteriaSet *
vastus_database_copy_criteria_set_version (VastusDatabase *self,
                                           const char     *from_id,
                                           int             from_version,
                                           const char     *new_id,
                                           const char     *title,
                                           GError        **error)
{
  g_autoptr(VastusCriteriaSet) copy = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_vastus_database_write_begin (self, error))
    return NULL;
  copy = copy_set (self, from_id, from_version, new_id, title, error);
  if (!_vastus_database_write_end (self, copy != NULL, error))
    return NULL;
  return g_steal_pointer (&copy);
}

/* Inside a write: @set becomes the version after the latest. */
static gboolean
save_next_version (VastusDatabase    *self,
                   VastusCriteriaSet *set,
                   GError           **error)
{
  g_autoptr(VastusCriteriaSet) latest = vastus_database_get_criteria_set (self, set->id, 0, error);

  if (latest == NULL)
    return FALSE;
  if (latest->builtin || set->builtin)
    {
      g_set_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_BUILTIN,
                   /* Translators: a criteria set's code, such as aclr-return-to-sport */
                   _("“%s” is a built-in criteria set and cannot be edited; copy it and edit the copy"),
                   set->id);
      return FALSE;
    }
  set->version = latest->version + 1;
  return insert_set (self, set, error);
}

gboolean
vastus_database_save_criteria_set (VastusDatabase    *self,
                                   VastusCriteriaSet *set,
                                   GError           **error)
{
  int old_version;
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!vastus_criteria_set_validate (set, error))
    return FALSE;

  /* The next version is read under the write lock it is written with: two saves at once get
   * two versions, never one number twice. */
  old_version = set->version;
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  /* set->version is the version it was read at: someone else's newer one is not overwritten. */
  ok = !_vastus_database_check_set_conflict (self, set->id, old_version, error)
       && save_next_version (self, set, error);
  if (!_vastus_database_write_end (self, ok, error))
    {
      set->version = old_version;
      return FALSE;
    }
  return TRUE;
}

static const char *insert_evaluation_sql =
  "INSERT INTO evaluation (episode_id, set_id, set_version, as_of, actor, met, not_met, "
  "  not_tested, all_met, max_age_weeks, ready) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

gboolean
vastus_database_insert_evaluation (VastusDatabase         *self,
                                   gint64                  episode_id,
                                   const VastusEvaluation *evaluation,
                                   GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (evaluation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_evaluation_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_int64 (stmt, 1, episode_id);
        _vastus_bind_text (stmt, 2, evaluation->set->id);
        _vastus_bind_int (stmt, 3, evaluation->set->version);
        _vastus_bind_date (stmt, 4, &evaluation->as_of);
        _vastus_bind_text (stmt, 5, vastus_database_get_actor (self));
        _vastus_bind_int (stmt, 6, (int) evaluation->met);
        _vastus_bind_int (stmt, 7, (int) evaluation->not_met);
        _vastus_bind_int (stmt, 8, (int) evaluation->not_tested);
        _vastus_bind_int (stmt, 9, evaluation->all_met ? 1 : 0);
        _vastus_bind_double (stmt, 10, evaluation->rules.max_age_weeks);
        _vastus_bind_int (stmt, 11, evaluation->ready ? 1 : 0);
        ok = _vastus_database_step_done (self, stmt, _("Could not record the evaluation"), error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

static const char *count_evaluations_sql =
  "SELECT count (*) FROM evaluation WHERE episode_id = ?1";

guint
vastus_database_count_evaluations (VastusDatabase *self,
                                   gint64          episode_id,
                                   GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), 0);

  stmt = _vastus_database_prepare (self, count_evaluations_sql, error);
  if (stmt == NULL)
    return 0;
  _vastus_bind_int64 (stmt, 1, episode_id);
  rc = _vastus_step (stmt);
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (self, error, rc, _("Could not count the evaluations"));
      return 0;
    }
  return (guint) _vastus_column_int (stmt, 0);
}

VastusHistory *
vastus_database_load_episode_history (VastusDatabase       *self,
                                      const VastusPatient  *patient,
                                      const VastusEpisode  *episode,
                                      GError              **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  VastusHistory *history;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (patient != NULL && episode != NULL, NULL);

  visits = vastus_database_list_visits (self, episode->id, error);
  if (visits == NULL)
    return NULL;
  history = vastus_history_new (vastus_patient_copy (patient), vastus_episode_copy (episode));
  /* The list is oldest first already: move the visits over. */
  g_ptr_array_set_free_func (visits, NULL);
  for (guint i = 0; i < visits->len; i++)
    vastus_history_add_visit (history, g_ptr_array_index (visits, i));
  return history;
}

VastusHistory *
vastus_database_load_history (VastusDatabase *self,
                              gint64          episode_id,
                              GError        **error)
{
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(VastusPatient) patient = NULL;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  episode = vastus_database_get_episode (self, episode_id, error);
  if (episode == NULL)
    return NULL;
  patient = vastus_database_get_patient (self, episode->patient_id, error);
  if (patient == NULL)
    return NULL;
  return vastus_database_load_episode_history (self, patient, episode, error);
}

VastusEpisode *
vastus_episodes_choose (GPtrArray    *episodes,
                        const char   *mrn,
                        gint64        episode_id,
                        const GDate  *as_of,
                        GError      **error)
{
  VastusEpisode *chosen = NULL;
  GDate today;

  g_return_val_if_fail (episodes != NULL && mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (episodes->len == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                   /* Translators: the patient's MRN (medical record number) */
                   _("Patient “%s” has no episode of care"), mrn);
      return NULL;
    }
  if (episode_id != 0)
    {
      for (guint i = 0; i < episodes->len && chosen == NULL; i++)
        if (((VastusEpisode *) g_ptr_array_index (episodes, i))->id == episode_id)
          chosen = g_ptr_array_index (episodes, i);
      if (chosen == NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, episode_id);

          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                       /* Translators: an episode of care's id, then the patient's MRN */
                       _("There is no episode %s of patient “%s”"), id, mrn);
        }
      return chosen;
    }

  if (as_of == NULL)
    {
      vastus_date_today (&today);
      as_of = &today;
    }
  chosen = vastus_episode_in_force (episodes, as_of);
  if (chosen == NULL)
    {
      const VastusEpisode *first = g_ptr_array_index (episodes, episodes->len - 1);
      const GDate *start = vastus_episode_get_start_date (first);
      char on[VASTUS_DATE_BUF_SIZE], began[VASTUS_DATE_BUF_SIZE];

      if (start != NULL)
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     /* Translators: the MRN, a date, then the date the first episode began */
                     _("No episode of care of patient “%s” had begun by %s (the first began on %s)"),
                     mrn, vastus_date_format (as_of, on), vastus_date_format (start, began));
      else
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     /* Translators: the MRN, then a date */
                     _("No episode of care of patient “%s” had begun by %s"),
                     mrn, vastus_date_format (as_of, on));
    }
  return chosen;
}

VastusHistory *
vastus_database_load_patient_history (VastusDatabase *self,
                                      const char     *mrn,
                                      gint64          episode_id,
                                      const GDate    *as_of,
                                      GError        **error)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) local_error = NULL;
  const VastusEpisode *chosen;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (mrn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  patient = vastus_database_find_patient (self, mrn, &local_error);
  if (patient == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
                     /* Translators: the patient's MRN (medical record number) */
                     _("No patient with MRN “%s”"), mrn);
      return NULL;
    }
  episodes = vastus_database_list_episodes (self, patient->id, error);
  if (episodes == NULL)
    return NULL;
  chosen = vastus_episodes_choose (episodes, mrn, episode_id, as_of, error);
  if (chosen == NULL)
    return NULL;
  return vastus_database_load_episode_history (self, patient, chosen, error);
}

/* The columns and their reading mirror vastus-visit-store.c (read_visit, read_measurement). In
 * the order the tables are kept (VASTUS_SQL_STORAGE_ORDER: no sort, no index), which is mostly the
 * order of their ids and only that on SQLite; the loader puts them in that order where they are
 * not. */
static const char *all_visits_sql =
  "SELECT " VASTUS_VISIT_COLUMNS_JOINED " FROM visit v "
  "LEFT JOIN visit_template_use u ON u.visit_id = v.id "
  "WHERE v.deleted_at IS NULL " VASTUS_SQL_STORAGE_ORDER ("v");

/* Measurements of deleted visits are dropped below: their visits are not in the table. On
 * SQLite the clause keeps the partial index on live measurements from replacing the table's own
 * order with a look-up of the table for each row. */
static const char *all_measurements_sql =
  "SELECT " VASTUS_MEASUREMENT_COLUMNS " FROM measurement m WHERE m.deleted_at IS NULL "
  VASTUS_SQL_STORAGE_ORDER ("m");

static int
visits_by_id (gconstpointer a,
              gconstpointer b)
{
  gint64 x = (*(const VastusVisit **) a)->id, y = (*(const VastusVisit **) b)->id;

  return (x > y) - (x < y);
}

static int
measurements_by_id (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = (*(const VastusMeasurement **) a)->id, y = (*(const VastusMeasurement **) b)->id;

  return (x > y) - (x < y);
}

/* The visit @id among @visits (of VastusVisit*, by id), or NULL: a visit that was deleted, or
 * one of an episode that is not listed. @next is where the last search ended: visits and their
 * measurements are mostly kept in the same order, so the next run of measurements is usually the
 * next visit's, found without a search. */
static VastusVisit *
find_visit (GPtrArray *visits,
            guint     *next,
            gint64     id)
{
  guint lo = 0, hi = visits->len;

  if (*next < visits->len && ((VastusVisit *) g_ptr_array_index (visits, *next))->id == id)
    return g_ptr_array_index (visits, (*next)++);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((VastusVisit *) g_ptr_array_index (visits, mid))->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == visits->len || ((VastusVisit *) g_ptr_array_index (visits, lo))->id != id)
    return NULL;
  *next = lo + 1;
  return g_ptr_array_index (visits, lo);
}

static GPtrArray *
load_current_histories (VastusDatabase  *self,
                        gboolean         archived,
                        GError         **error)
{
  VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_MRN, 0, 0 };
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GHashTable) newest = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_episode = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) visits = NULL;
  int rc;

  patients = vastus_database_list_patients (self, &query, error);
  if (patients == NULL)
    return NULL;
  episodes = _vastus_database_list_all_episodes (self, error);
  if (episodes == NULL)
    return NULL;
  /* By patient, newest first: the first of each patient's is the most recent episode. */
  for (guint i = 0; i < episodes->len; i++)
    {
      VastusEpisode *episode = g_ptr_array_index (episodes, i);

      if (!g_hash_table_contains (newest, &episode->patient_id))
        g_hash_table_insert (newest, &episode->patient_id, episode);
    }
  histories = g_ptr_array_new_full (patients->len, (GDestroyNotify) vastus_history_free);
  for (guint i = 0; i < patients->len; i++)
    {
      const VastusPatientSummary *s = g_ptr_array_index (patients, i);
      const VastusEpisode *episode = g_hash_table_lookup (newest, &s->patient->id);
      VastusHistory *history;

      if (episode == NULL)
        continue;
      history = vastus_history_new (vastus_patient_copy (s->patient), vastus_episode_copy (episode));
      g_ptr_array_add (histories, history);
      g_hash_table_insert (by_episode, &history->episode->id, history);
    }

  /* Each visit of a listed episode, by id (find_visit), then in its history: there, among visits
   * of one date, the earlier id stays first, as in a history read alone (by date, then id). */
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare_stream (self, all_visits_sql, error);
    g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
    VastusHistory *history = NULL;
    gboolean in_order = TRUE;

    if (stmt == NULL)
      return NULL;
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        gint64 episode_id = _vastus_column_int64 (stmt, 1);
        VastusVisit *visit;

        /* An episode's visits mostly follow each other: look it up only when it changes. */
        if (history == NULL || history->episode->id != episode_id)
          history = g_hash_table_lookup (by_episode, &episode_id);
        if (history == NULL)
          continue;
        visit = vastus_visit_new ();
        _vastus_read_visit (stmt, visit);
        in_order = in_order
                   && (read->len == 0
                       || ((VastusVisit *) g_ptr_array_index (read, read->len - 1))->id < visit->id);
        g_ptr_array_add (read, visit);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not list visits"));
        return NULL;
      }
    if (!in_order)
      g_ptr_array_sort (read, visits_by_id);
    /* Each visit now belongs to its history. */
    g_ptr_array_set_free_func (read, NULL);
    history = NULL;
    for (guint i = 0; i < read->len; i++)
      {
        VastusVisit *visit = g_ptr_array_index (read, i);

        if (history == NULL || history->episode->id != visit->episode_id)
          history = g_hash_table_lookup (by_episode, &visit->episode_id);
        vastus_history_add_visit (history, visit);
      }
    visits = g_steal_pointer (&read);
  }

  /* Each measurement in its visit, by id (as a visit's are read alone). */
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare_stream (self, all_measurements_sql, error);
    g_autoptr(GPtrArray) unsorted = g_ptr_array_new ();
    VastusVisit *visit = NULL;
    guint next = 0;

    if (stmt == NULL)
      return NULL;
    while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
      {
        gint64 visit_id = _vastus_column_int64 (stmt, 1);
        VastusMeasurement *m;
        GPtrArray *in_visit;

        /* A visit's measurements are saved together: one look-up for the run of them. */
        if (visit == NULL || visit->id != visit_id)
          visit = find_visit (visits, &next, visit_id);
        if (visit == NULL)
          continue;
        m = _vastus_read_measurement (stmt);
        in_visit = visit->measurements;
        /* The one before it in the visit was read last, mostly: still in the processor's cache. */
        if (in_visit->len > 0
            && ((VastusMeasurement *) g_ptr_array_index (in_visit, in_visit->len - 1))->id > m->id)
          g_ptr_array_add (unsorted, visit);
        vastus_visit_add_measurement (visit, m);
      }
    if (rc != VASTUS_DONE)
      {
        _vastus_database_set_error (self, error, rc, _("Could not read the measurements"));
        return NULL;
      }
    for (guint i = 0; i < unsorted->len; i++)
      g_ptr_array_sort (((VastusVisit *) g_ptr_array_index (unsorted, i))->measurements,
                        measurements_by_id);
  }
  return g_steal_pointer (&histories);
}

GPtrArray *
vastus_database_load_current_histories (VastusDatabase  *self,
                                        gboolean         archived,
                                        GError         **error)
{
  GPtrArray *histories;
  gboolean owned;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Patients, episodes, visits and measurements from one snapshot: what another workstation
   * saves meanwhile is in the next list, whole, never half in this one. */
  if (!_vastus_database_read_begin (self, &owned, error))
    return NULL;
  histories = load_current_histories (self, archived, error);
  _vastus_database_read_end (self, owned);
  return histories;
}
