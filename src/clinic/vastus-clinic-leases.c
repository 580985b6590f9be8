/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinic-state.h"
#include "vastus-display.h"
#include "vastus-lease-store.h"

/* Visits being edited (vastus-lease-store.h): on a clinic server the visit editor's lease is
 * taken and released on the writer's connection, whose life is the lease's; the other
 * workstations hear of it as a change of the table "visit_lease" (vastus-clinic-live.c) and read
 * the leases of the patient shown, as one notice per visit. This clinic's own leases are never
 * among them. Nothing of it happens on SQLite, whose store calls do nothing. */

/* "14:02" for a time today (local time), else "6 Dec 2026" and "14:02". */
static char *
lease_notice (const VastusVisitLease *lease)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (lease->since);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  char date[VASTUS_DISPLAY_DATE_SIZE];
  GDate day;

  /* Translators: a time of day in g_date_time_format's notation, e.g. "14:03" */
  /* xgettext:no-c-format */
  time = g_date_time_format (local, _("%H:%M"));
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: on another workstation, a person (their full name) has this visit open in
     * the visit editor since a time of day today ("14:02") */
    return g_strdup_printf (_("Being edited by %s since %s"), lease->holder_name, time);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  vastus_display_date_month (&day, VASTUS_DISPLAY_DAY_MONTH_YEAR, date);
  /* Translators: on another workstation, a person (their full name) has this visit open in
   * the visit editor since a day ("5 Dec 2026") at a time of day ("14:02") */
  return g_strdup_printf (_("Being edited by %s since %s at %s"), lease->holder_name, date, time);
}

/* Taking and releasing */

typedef struct
{
  gint64   visit_id;
  gboolean take;
} LeaseCall;

static gpointer
lease_func (VastusClinicJob  *job,
            VastusDatabase   *db,
            gpointer          data,
            GCancellable     *cancellable,
            GError          **error)
{
  LeaseCall *call = data;

  /* SQLite, or a release while another editor of the visit is open here: nothing to do. */
  if (db == NULL)
    return VASTUS_CLINIC_DONE;
  if (!(call->take ? vastus_database_take_visit_lease (db, call->visit_id, error)
                   : vastus_database_release_visit_lease (db, call->visit_id, error)))
    return NULL;
  return VASTUS_CLINIC_DONE;
}

static void
run_lease_call (VastusClinic        *self,
                gint64               visit_id,
                gboolean             take,
                gboolean             on_server,
                GCancellable        *cancellable,
                gpointer             source_tag,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  LeaseCall *call = g_new (LeaseCall, 1);

  *call = (LeaseCall) { visit_id, take };
  _vastus_clinic_run (self, on_server ? VASTUS_CLINIC_WRITE : VASTUS_CLINIC_FILES, lease_func,
                      call, g_free, NULL, cancellable, source_tag, callback, user_data);
}

void
vastus_clinic_take_visit_lease_async (VastusClinic        *self,
                                      gint64               visit_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  guint held;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (visit_id > 0);

  if (self->leases == NULL)
    self->leases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  held = GPOINTER_TO_UINT (g_hash_table_lookup (self->leases, &visit_id));
  g_hash_table_insert (self->leases, g_memdup2 (&visit_id, sizeof visit_id),
                       GUINT_TO_POINTER (held + 1));
  run_lease_call (self, visit_id, TRUE, vastus_clinic_is_server (self), cancellable,
                  vastus_clinic_take_visit_lease_async, callback, user_data);
}

gboolean
vastus_clinic_take_visit_lease_finish (VastusClinic  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_take_visit_lease_async,
                                        error);
}

void
vastus_clinic_release_visit_lease_async (VastusClinic        *self,
                                         gint64               visit_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  guint held;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (visit_id > 0);

  held = self->leases != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->leases, &visit_id))
                              : 0;
  if (held > 1)
    g_hash_table_insert (self->leases, g_memdup2 (&visit_id, sizeof visit_id),
                         GUINT_TO_POINTER (held - 1));
  else if (held == 1)
    g_hash_table_remove (self->leases, &visit_id);
  run_lease_call (self, visit_id, FALSE, held == 1 && vastus_clinic_is_server (self),
                  cancellable, vastus_clinic_release_visit_lease_async, callback, user_data);
}

gboolean
vastus_clinic_release_visit_lease_finish (VastusClinic  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_release_visit_lease_async,
                                        error);
}

/* After the server was lost and found again the writer's session is a new one, which holds none
 * of the leases: each visit still open here is leased again (the server takes a lease a session
 * holds already as it is). A visit deleted meanwhile is left out. */
static gpointer
renew_func (VastusClinicJob  *job,
            VastusDatabase   *db,
            gpointer          data,
            GCancellable     *cancellable,
            GError          **error)
{
  GArray *visit_ids = data;

  for (guint i = 0; i < visit_ids->len; i++)
    {
      g_autoptr(GError) lease_error = NULL;

      if (!vastus_database_take_visit_lease (db, g_array_index (visit_ids, gint64, i),
                                             &lease_error))
        g_message ("The lease of visit %" G_GINT64_FORMAT " was not taken again: %s",
                   g_array_index (visit_ids, gint64, i), lease_error->message);
    }
  return VASTUS_CLINIC_DONE;
}

void
_vastus_clinic_leases_renew (VastusClinic *self)
{
  GArray *visit_ids;
  GHashTableIter iter;
  gpointer visit_id;

  if (self->leases == NULL || g_hash_table_size (self->leases) == 0)
    return;
  visit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->leases);
  while (g_hash_table_iter_next (&iter, &visit_id, NULL))
    g_array_append_val (visit_ids, *(gint64 *) visit_id);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, renew_func, visit_ids,
                      (GDestroyNotify) g_array_unref, NULL, NULL, _vastus_clinic_leases_renew,
                      NULL, NULL);
}

/* Reading the others' leases */

static void
free_notices (gpointer notices)
{
  g_hash_table_unref (notices);
}

static gpointer
list_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  VastusClinic *self = _vastus_clinic_job_get_clinic (job);
  g_autoptr(GPtrArray) leases = vastus_database_list_visit_leases (db, *(gint64 *) data, error);
  g_autoptr(GHashTable) notices = NULL;
  int own = g_atomic_int_get (&self->writer_session);

  if (leases == NULL)
    return NULL;
  notices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < leases->len; i++)
    {
      const VastusVisitLease *lease = leases->pdata[i];
      g_autofree char *line = NULL;
      char *before;

      if (lease->session == own || lease->since == NULL)
        continue;
      line = lease_notice (lease);
      before = g_hash_table_lookup (notices, &lease->visit_id);
      g_hash_table_insert (notices, g_memdup2 (&lease->visit_id, sizeof lease->visit_id),
                           before != NULL ? g_strconcat (before, "\n", line, NULL)
                                          : g_steal_pointer (&line));
    }
  return g_steal_pointer (&notices);
}

void
vastus_clinic_list_visit_leases_async (VastusClinic        *self,
                                       gint64               patient_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  _vastus_clinic_run (self, VASTUS_CLINIC_READ, list_func,
                      g_memdup2 (&patient_id, sizeof patient_id), g_free, free_notices,
                      cancellable, vastus_clinic_list_visit_leases_async, callback, user_data);
}

GHashTable *
vastus_clinic_list_visit_leases_finish (VastusClinic  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_list_visit_leases_async, error);
}
