/* vastus-template-store.h: test batteries (visit templates) in the database
 *
 * sql/012-visit-templates.sql. The built-in batteries are seeded by the migration and cannot be
 * changed or deleted (VASTUS_STORE_ERROR_CONSTRAINT): a clinic copies one. A clinic's battery
 * that is deleted is kept, marked deleted, and can be brought back. Which battery a visit was
 * entered with is VastusVisit.template_id, written and read with the visit (vastus-database.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"
#include "vastus-template.h"

G_BEGIN_DECLS

/* The batteries that are not deleted (of VastusTemplate*): the clinic's by name, then the
 * built-in ones in the order they were seeded. */
GPtrArray      *vastus_database_list_templates  (VastusDatabase        *self,
                                                 GError               **error);
/* Adds (id 0; sets its id) or replaces a clinic's battery, its measures with it, in one
 * transaction. A battery that does not pass vastus_template_check fails with
 * VASTUS_VALIDATION_ERROR (the first problem); a built-in one, or one deleted meanwhile, with
 * VASTUS_STORE_ERROR_CONSTRAINT or NOT_FOUND. */
gboolean        vastus_database_save_template   (VastusDatabase        *self,
                                                 VastusTemplate        *template_,
                                                 GError               **error);
/* Marks a clinic's battery deleted, or (@restore) brings it back. */
gboolean        vastus_database_delete_template (VastusDatabase        *self,
                                                 gint64                 id,
                                                 gboolean               restore,
                                                 GError               **error);

G_END_DECLS
