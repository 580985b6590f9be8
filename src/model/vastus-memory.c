/* vastus-memory.c: the process's heap on transparent huge pages
 *
 * Listing the caseload builds a million small objects (the measurements of every active
 * patient) in fresh memory. With the kernel's ordinary 4 KiB pages, each page of it costs a fault
 * when first touched and a slot in the processor's address cache: on a 10,000-patient clinic,
 * about 24,600 faults, a fifth of the listing's time (bench-evaluate). glibc can back the
 * allocator's heap with transparent huge pages (2 MiB: about 400 faults there), but only when
 * told so by the GLIBC_TUNABLES variable as the process starts, so the program starts itself
 * again once with it set (exec keeps the process id, its arguments and everything else of its
 * environment) before anything else has happened.
 *
 * Left as it is: a GLIBC_TUNABLES that already says glibc.malloc.hugetlb (the person's own
 * choice, or this process started again); a kernel without transparent huge pages or with them
 * set to "never"; a build with AddressSanitizer (its own allocator); a run under valgrind, which
 * would follow only the first program. When exec fails the program carries on as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-memory"

#include "config.h"

#include "vastus-memory.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define KERNEL_SETTING "/sys/kernel/mm/transparent_hugepage/enabled"
#define TUNABLE "glibc.malloc.hugetlb"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_OWN_ALLOCATOR 1
#endif
#endif

/* TRUE when the kernel gives huge pages to a region that asks (its setting reads
 * "[always] madvise never" or "always [madvise] never"). */
static gboolean
kernel_offers_huge_pages (const char *setting_path)
{
  g_autofree char *setting = NULL;

  if (!g_file_get_contents (setting_path, &setting, NULL, NULL))
    return FALSE;
  return strstr (setting, "[always]") != NULL || strstr (setting, "[madvise]") != NULL;
}

static gboolean
under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "vgpreload") != NULL;
}

gboolean
_vastus_memory_prefer_huge_pages (char       **argv,
                                  const char  *setting_path)
{
  const char *tunables = g_getenv ("GLIBC_TUNABLES");
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);
  g_return_val_if_fail (setting_path != NULL, FALSE);

#ifdef HAVE_OWN_ALLOCATOR
  return FALSE;
#endif
  if (tunables != NULL && strstr (tunables, TUNABLE) != NULL)
    return FALSE;
  if (under_valgrind () || !kernel_offers_huge_pages (setting_path))
    return FALSE;

  if (tunables != NULL && *tunables != '\0')
    wanted = g_strconcat (tunables, ":" TUNABLE "=1", NULL);
  else
    wanted = g_strdup (TUNABLE "=1");
  g_setenv ("GLIBC_TUNABLES", wanted, TRUE);
  execv ("/proc/self/exe", argv);
  /* Still here: exec failed. The variable stays, so that nothing tries again. */
  g_debug ("Could not start again with %s: %s", wanted, g_strerror (errno));
  return TRUE;
}

/**
 * vastus_memory_prefer_huge_pages:
 * @argv: the program's arguments, as main() got them
 *
 * First thing in main(): starts the program again with its heap on transparent huge pages
 * when that can be had and nobody chose otherwise (see above). Returns only when it did not.
 */
void
vastus_memory_prefer_huge_pages (char **argv)
{
  _vastus_memory_prefer_huge_pages (argv, KERNEL_SETTING);
}
