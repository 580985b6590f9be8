/* vastus-copy.h: the whole clinic from one engine to the other, and the content hash that proves
 * a copy whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

/* SHA-256 in hex. */
#define VASTUS_CONTENT_HASH_LEN 64

typedef struct
{
  gint64 n_rows;       /* every row of every table */
  gint64 n_patients;
  gint64 n_audit;      /* audit entries */
  char   hash[VASTUS_CONTENT_HASH_LEN + 1];
} VastusContentHash;

/* A hash of everything @self holds: every row of every table of the schema (the audit trail,
 * its head and seals too), each value with its type, read as the schema declares it, so that the
 * same clinic on SQLite and on PostgreSQL gives the same hash. Row order does not count (each
 * table's rows are hashed one by one and sorted). One snapshot: inside a transaction when one is
 * open, else a read transaction of its own. */
gboolean vastus_database_content_hash (VastusDatabase     *self,
                                       VastusContentHash  *out,
                                       GError            **error);

/* `vastus-cli copy`: the whole clinic at @source into @target, from a SQLite file into a
 * PostgreSQL server's database or from a server's database into a new SQLite file, rows, ids,
 * audit trail and seals as they are (the chain verifies on the target).
 *
 * A server's target is one `server init` made that holds nothing yet (no patient, no audit
 * entry): NOT_EMPTY otherwise, naming what it holds. A file's target must not exist (NOT_EMPTY
 * when it does); it is written under a temporary name beside it and linked in complete.
 * Both must be of this Vastus's schema version. All or nothing: one transaction on the target,
 * committed only when the target's content hash (vastus_database_content_hash) equals the
 * source's, read from one snapshot; on any failure the target is as it was (no file at all).
 * *@copied (optional): the hash both sides have, and what was copied. */
gboolean vastus_database_copy         (const char         *source,
                                       const char         *target,
                                       VastusContentHash  *copied,
                                       GError            **error);

G_END_DECLS
