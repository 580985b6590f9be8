/* vastus-memory.h: the process's heap on transparent huge pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     vastus_memory_prefer_huge_pages   (char       **argv);

/* For the tests: @setting_path in place of the kernel's setting
 * (/sys/kernel/mm/transparent_hugepage/enabled). FALSE when it leaves the process as it is;
 * otherwise it does not return, or returns TRUE only when exec failed. */
gboolean _vastus_memory_prefer_huge_pages  (char       **argv,
                                            const char  *setting_path);

G_END_DECLS
