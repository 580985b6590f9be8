/* tamper.h: what the parts of the second fault battery (test-fault-tamper) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fault-util.h"

G_BEGIN_DECLS

#define run_cli(...) fault_run_cli (VASTUS_CLI_PATH, __VA_ARGS__)

/* Fails the test, showing both, unless @needle is in @haystack. */
void tamper_assert_contains (const char *haystack,
                             const char *needle);
/* What another SQLite tool would do to a file: @sql on a connection of its own, with Vastus's
 * SQL functions (so that triggers run as they would in Vastus). */
void tamper_raw_exec        (const char *path,
                             const char *sql);
/* A live database with a few patients, a KOOS quality-of-life score among them, and a verified
 * backup of it at @backup (none when NULL). */
void tamper_make_live       (const char *path,
                             const char *backup);

/* Each part adds its tests, in the order the battery runs them. */
void tamper_add_restore_tests (void);   /* B16 hostile restores, B17 schema drift */
void tamper_add_audit_tests   (void);   /* B18 the audit chain, a flipped schema version */
void tamper_add_files_tests   (void);   /* B19 empty and mistyped files, B20 full disk and
                                         * read-only folder, kill -9 during backup -o */

G_END_DECLS
