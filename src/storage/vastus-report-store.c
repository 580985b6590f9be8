/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report-store"

#include "config.h"

#include "vastus-i18n.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "vastus-database-private.h"
#include "vastus-report-store.h"

VastusReportRecord *
vastus_report_record_new (void)
{
  VastusReportRecord *record = g_new0 (VastusReportRecord, 1);

  g_date_clear (&record->report_date, 1);
  return record;
}

void
vastus_report_record_free (VastusReportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->created_at);
  g_free (record->actor);
  g_free (record->criteria_set_id);
  g_free (record->file_name);
  g_free (record->sha256);
  g_free (record->paper);
  g_free (record->narrative);
  g_free (record);
}

static const char *insert_report_sql =
  "INSERT INTO report (actor, patient_id, episode_id, criteria_set_id, criteria_set_version, "
  "  report_date, file_name, sha256, deidentified, paper, narrative) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id, created_at";

gboolean
vastus_database_insert_report (VastusDatabase      *self,
                               VastusReportRecord  *record,
                               GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_report_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        int rc;

        _vastus_bind_text (stmt, 1, vastus_database_get_actor (self));
        _vastus_bind_int64 (stmt, 2, record->patient_id);
        if (record->episode_id > 0)
          _vastus_bind_int64 (stmt, 3, record->episode_id);
        else
          _vastus_bind_null (stmt, 3);
        _vastus_bind_text (stmt, 4, record->criteria_set_id);
        if (record->criteria_set_version > 0)
          _vastus_bind_int (stmt, 5, record->criteria_set_version);
        else
          _vastus_bind_null (stmt, 5);
        _vastus_bind_date (stmt, 6, &record->report_date);
        _vastus_bind_text (stmt, 7, record->file_name);
        _vastus_bind_text (stmt, 8, record->sha256);
        _vastus_bind_int (stmt, 9, record->deidentified ? 1 : 0);
        _vastus_bind_text (stmt, 10, record->paper);
        _vastus_bind_text (stmt, 11, record->narrative);
        rc = _vastus_step (stmt);
        if (rc == VASTUS_ROW)
          {
            record->id = _vastus_column_int64 (stmt, 0);
            g_free (record->created_at);
            record->created_at = _vastus_column_text (stmt, 1);
            g_free (record->actor);
            record->actor = g_strdup (vastus_database_get_actor (self));
            rc = _vastus_step (stmt);
          }
        if (rc != VASTUS_DONE)
          {
            _vastus_database_set_error (self, error, rc, _("Could not record the report"));
            ok = FALSE;
          }
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

static const char *list_reports_sql =
  "SELECT id, created_at, actor, patient_id, episode_id, criteria_set_id, criteria_set_version, "
  "  report_date, file_name, sha256, deidentified, paper, narrative FROM report "
  "WHERE ?1 = 0 OR patient_id = ?1 ORDER BY id DESC";

GPtrArray *
vastus_database_list_reports (VastusDatabase  *self,
                              gint64           patient_id,
                              GError         **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_report_record_free);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  stmt = _vastus_database_prepare (self, list_reports_sql, error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, patient_id);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusReportRecord *r = vastus_report_record_new ();

      r->id = _vastus_column_int64 (stmt, 0);
      r->created_at = _vastus_column_text (stmt, 1);
      r->actor = _vastus_column_text (stmt, 2);
      r->patient_id = _vastus_column_int64 (stmt, 3);
      r->episode_id = _vastus_column_int64 (stmt, 4);
      r->criteria_set_id = _vastus_column_text (stmt, 5);
      r->criteria_set_version = _vastus_column_int (stmt, 6);
      _vastus_column_date (stmt, 7, &r->report_date);
      r->file_name = _vastus_column_text (stmt, 8);
      r->sha256 = _vastus_column_text (stmt, 9);
      r->deidentified = _vastus_column_int (stmt, 10) != 0;
      r->paper = _vastus_column_text (stmt, 11);
      r->narrative = _vastus_column_text (stmt, 12);
      g_ptr_array_add (reports, r);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not list the reports"));
      return NULL;
    }
  return g_steal_pointer (&reports);
}

static const char *get_study_code_sql =
  "SELECT code FROM study_code WHERE patient_id = ?1";
static const char *insert_study_code_sql =
  "INSERT OR IGNORE INTO study_code (patient_id, code) VALUES (?1, ?2)";

/* Letters and digits that cannot be mistaken for one another when read aloud or copied. */
static const char code_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/* @n bytes from getrandom (2), which blocks only until the kernel's pool was first seeded. */
static gboolean
random_bytes (guchar  *out,
              gsize    n,
              GError **error)
{
  gsize done = 0;

  while (done < n)
    {
      gssize got = getrandom (out + done, n - done, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;

          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                       /* Translators: the system's reason */
                       _("Could not draw a random study code: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      done += (gsize) got;
    }
  return TRUE;
}

static char *
lookup_study_code (VastusDatabase  *self,
                   gint64           patient_id,
                   gboolean        *found,
                   GError         **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, get_study_code_sql, error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, patient_id);
  rc = _vastus_step (stmt);
  if (rc == VASTUS_ROW)
    {
      *found = TRUE;
      return _vastus_column_text (stmt, 0);
    }
  if (rc != VASTUS_DONE)
    _vastus_database_set_error (self, error, rc, _("Could not read the study code"));
  return NULL;
}

char *
vastus_database_get_study_code (VastusDatabase  *self,
                                gint64           patient_id,
                                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean found;
  char *code;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  code = lookup_study_code (self, patient_id, &found, &local_error);
  if (found || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return code;
    }

  /* 8 symbols of 32: 2^40 codes, so a clash is rare; a clash is ignored by the insert and we
   * simply try again. The symbols come from the operating system's random source: GLib's
   * generator is a Mersenne Twister, whose output can be predicted from what it gave before. */
  for (int attempt = 0; attempt < 16; attempt++)
    {
      char candidate[12] = "S-";
      guchar bytes[8];
      gboolean ok;

      if (!random_bytes (bytes, sizeof bytes, error))
        return NULL;
      /* 256 is a multiple of 32: every symbol is equally likely. */
      G_STATIC_ASSERT (256 % (sizeof code_alphabet - 1) == 0);
      for (int i = 0; i < 8; i++)
        candidate[2 + i] = code_alphabet[bytes[i] % (sizeof code_alphabet - 1)];
      candidate[10] = '\0';

      if (!_vastus_database_write_begin (self, error))
        return NULL;
      {
        g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, insert_study_code_sql, error);

        ok = stmt != NULL;
        if (ok)
          {
            _vastus_bind_int64 (stmt, 1, patient_id);
            _vastus_bind_text (stmt, 2, candidate);
            ok = _vastus_database_step_done (self, stmt, _("Could not save the study code"), error);
          }
      }
      if (!_vastus_database_write_end (self, ok, error))
        return NULL;
      code = lookup_study_code (self, patient_id, &found, error);
      if (found || code != NULL || (error != NULL && *error != NULL))
        return code;
    }
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
               _("Could not find a free study code"));
  return NULL;
}

char *
vastus_file_sha256 (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
