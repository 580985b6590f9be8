/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"
#include "vastus-lease-store.h"

/* The leases are the server's (017-visit-leases.sql): its functions take, release and read
 * them, so that what makes a lease live is written once, beside the table. */

void
vastus_visit_lease_free (VastusVisitLease *lease)
{
  if (lease == NULL)
    return;
  g_free (lease->holder);
  g_free (lease->holder_name);
  g_clear_pointer (&lease->since, g_date_time_unref);
  g_free (lease);
}

VastusVisitLease *
vastus_visit_lease_copy (const VastusVisitLease *lease)
{
  VastusVisitLease *copy;

  g_return_val_if_fail (lease != NULL, NULL);
  copy = g_memdup2 (lease, sizeof *lease);
  copy->holder = g_strdup (lease->holder);
  copy->holder_name = g_strdup (lease->holder_name);
  copy->since = lease->since != NULL ? g_date_time_ref (lease->since) : NULL;
  return copy;
}

/* Takes (@take) or releases the lease of @self's connection on @visit_id. */
static gboolean
lease_call (VastusDatabase *self,
            gboolean        take,
            gint64          visit_id,
            GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (visit_id > 0, FALSE);

  /* One user on a file: nobody to tell. */
  if (self->db != NULL)
    return TRUE;
  stmt = _vastus_database_prepare (self, take ? "SELECT vastus_take_visit_lease (?1)"
                                              : "SELECT vastus_release_visit_lease (?1)", error);
  if (stmt == NULL)
    return FALSE;
  _vastus_bind_int64 (stmt, 1, visit_id);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    ;
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc,
                                  take ? _("Could not mark the visit as being edited")
                                       : _("Could not mark the visit as no longer being edited"));
      return FALSE;
    }
  return TRUE;
}

gboolean
vastus_database_take_visit_lease (VastusDatabase  *self,
                                  gint64           visit_id,
                                  GError         **error)
{
  return lease_call (self, TRUE, visit_id, error);
}

gboolean
vastus_database_release_visit_lease (VastusDatabase  *self,
                                     gint64           visit_id,
                                     GError         **error)
{
  return lease_call (self, FALSE, visit_id, error);
}

GPtrArray *
vastus_database_list_visit_leases (VastusDatabase  *self,
                                   gint64           patient_id,
                                   GError         **error)
{
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  leases = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_lease_free);
  if (self->db != NULL)
    return g_steal_pointer (&leases);
  stmt = _vastus_database_prepare (self, "SELECT visit_id, session, holder, holder_name, since "
                                         "FROM vastus_visit_leases (?1)", error);
  if (stmt == NULL)
    return NULL;
  _vastus_bind_int64 (stmt, 1, patient_id);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      VastusVisitLease *lease = g_new0 (VastusVisitLease, 1);

      lease->visit_id = _vastus_column_int64 (stmt, 0);
      lease->session = _vastus_column_int (stmt, 1);
      lease->holder = _vastus_column_text (stmt, 2);
      lease->holder_name = _vastus_column_text (stmt, 3);
      lease->since = g_date_time_new_from_iso8601 (_vastus_column_peek (stmt, 4), utc);
      g_ptr_array_add (leases, lease);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read who is editing the visits"));
      return NULL;
    }
  return g_steal_pointer (&leases);
}
