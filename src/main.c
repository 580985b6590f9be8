/* main.c: the Vastus application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"
#include "vastus-memory.h"
#include <locale.h>

#include "vastus-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VastusApplication) app = NULL;

  /* First: it may start the program again (vastus-memory.c). */
  vastus_memory_prefer_huge_pages (argv);
  vastus_i18n_init ();

  app = vastus_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
