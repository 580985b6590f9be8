/* vastus-caseload-line.h: one patient of the caseload on a narrow screen, in two lines
 *
 * Where the caseload's table would scroll sideways (a phone's 360 px), each patient is a line of
 * its own: the name, the MRN and the criteria met of the set in force first; then the condition
 * and side, the weeks since surgery (else injury), the last visit, the treating therapist, and,
 * when they hold, "Due for re-test" and the safety flags, flowing onto more rows where the width
 * needs them. Nothing is cut or hidden: every fact the table's row shows, in words that stand
 * without the table's column headers. The line's accessible label says all of it, the re-test
 * not due and no safety flags included.
 *
 * The texts the table's cells share with the lines are here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-caseload.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CASELOAD_LINE (vastus_caseload_line_get_type ())
G_DECLARE_FINAL_TYPE (VastusCaseloadLine, vastus_caseload_line, VASTUS, CASELOAD_LINE, GtkBox)

GtkWidget *vastus_caseload_line_new        (void);
/* Shows @row (NULL: nothing; the line keeps no reference to it). */
void       vastus_caseload_line_set_row    (VastusCaseloadLine      *self,
                                            const VastusCaseloadRow *row);

/* "R. Osei", or "Not named". */
char      *vastus_caseload_therapist_text  (const VastusCaseloadRow *row);
/* "ACL reconstruction, left". */
char      *vastus_caseload_condition_text  (const VastusCaseloadRow *row);
/* The flags' briefs, ", " between them; NULL when none holds. */
char      *vastus_caseload_flags_text      (const VastusCaseloadRow *row);

G_END_DECLS
