/* vastus-copy-private.h: what backups and a server's check take from vastus-copy.c (inside
 * src/storage/ only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conn.h"
#include "vastus-copy.h"

G_BEGIN_DECLS

/* vastus_database_copy's second half: what @source holds into the new SQLite file @target (which
 * must not exist), all or nothing, verified by the content hash (for backups of a server). */
gboolean _vastus_database_copy_to_file (VastusDatabase    *source,
                                        const char        *target,
                                        VastusContentHash *copied,
                                        GError           **error);

/* The tables this version's schema has, each as a GStrv of its name and its columns in order (as
 * a copy reads them: criteria_set's row number last), and in *@triggers (char*) the names of its
 * triggers: what a server's check compares its catalogue with. */
GPtrArray *_vastus_database_expected_tables (GPtrArray **triggers,
                                             GError    **error);
/* Adds @column of @stmt's row to @sum as the audit chain seals a value: "N" for NULL, @kind 'I'
 * "I<integer>;", 'R' "F<%.17g>;", else the text's length and bytes. */
void       _vastus_checksum_column          (GChecksum  *sum,
                                             VastusStmt *stmt,
                                             int         column,
                                             char        kind);

/* @text (@length bytes) as the audit chain seals text: "T", its length (64 bits, little-endian),
 * its bytes. */
void       _vastus_checksum_text            (GChecksum  *sum,
                                             const char *text,
                                             gsize       length);
/* The audit head's verdict, on both engines: @found FALSE when there is no head; else the last
 * entry it records (@head_id, @head_hash) against the trail's last (@last_id of @last_at, sealed
 * @last_hash). Adds at most one line to @problems. */
void       _vastus_audit_head_problem       (GPtrArray  *problems,
                                             gboolean    found,
                                             gint64      head_id,
                                             const char *head_hash,
                                             gint64      last_id,
                                             const char *last_at,
                                             const char *last_hash);
/* Adds @problem (taken) while fewer than @max of its kind are listed (*@n counts them all). */
void       _vastus_add_listed_problem       (GPtrArray  *problems,
                                             guint      *n,
                                             guint       max,
                                             char       *problem);

G_END_DECLS
