/* vastus-lease-store.h: who has a visit open in an editor on another workstation
 * (postgresql/sql/017-visit-leases.sql)
 *
 * On a clinic server a workstation takes a lease on a visit when its editor opens and releases
 * it when the editor closes; the lease lives in the connection that took it, so that a
 * workstation whose connection dies holds none. The others read the leases to show "being
 * edited by NAME since TIME". Leases warn, they never lock: saving is guarded by the visit's row
 * version. A SQLite file has one user: there every call succeeds and there are never leases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     visit_id;
  int        session;      /* the server session holding it (vastus_database_get_session) */
  char      *holder;       /* the holder's login */
  char      *holder_name;  /* the login's full name (server add-user --name), else the login */
  GDateTime *since;        /* UTC */
} VastusVisitLease;

void              vastus_visit_lease_free          (VastusVisitLease *lease);
VastusVisitLease *vastus_visit_lease_copy          (const VastusVisitLease *lease);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusVisitLease, vastus_visit_lease_free)

/* Takes a lease on @visit_id for @self's connection (nothing when it holds one already); it
 * lasts until released or until the connection ends. CONSTRAINT for a visit that does not exist. */
gboolean          vastus_database_take_visit_lease    (VastusDatabase  *self,
                                                       gint64           visit_id,
                                                       GError         **error);
/* Releases @self's connection's lease on @visit_id; TRUE also when it held none. */
gboolean          vastus_database_release_visit_lease (VastusDatabase  *self,
                                                       gint64           visit_id,
                                                       GError         **error);
/* The live leases on the visits of @patient_id, of VastusVisitLease*, by visit and then the
 * oldest first; every connection's, @self's own too. Empty on SQLite. */
GPtrArray        *vastus_database_list_visit_leases   (VastusDatabase  *self,
                                                       gint64           patient_id,
                                                       GError         **error);

G_END_DECLS
