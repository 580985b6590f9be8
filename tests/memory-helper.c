/* memory-helper.c: a program for test-memory. It notes each start in $TEST_COUNT_FILE, asks
 * for huge pages as the application does (with $TEST_THP_FILE as the kernel's setting), then
 * prints GLIBC_TUNABLES (or "(unset)") and its arguments, one a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "vastus-memory.h"

int
main (int   argc,
      char *argv[])
{
  FILE *count = fopen (g_getenv ("TEST_COUNT_FILE"), "a");
  const char *tunables;

  if (count == NULL)
    return 3;
  fputs ("start\n", count);
  fclose (count);

  if (_vastus_memory_prefer_huge_pages (argv, g_getenv ("TEST_THP_FILE")))
    return 4;   /* exec failed */
  tunables = g_getenv ("GLIBC_TUNABLES");
  printf ("%s\n", tunables != NULL ? tunables : "(unset)");
  for (int i = 1; i < argc; i++)
    printf ("[%s]\n", argv[i]);
  return 0;
}
