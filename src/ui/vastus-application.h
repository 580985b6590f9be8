/* vastus-application.h: the application: command-line options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_APPLICATION (vastus_application_get_type ())
G_DECLARE_FINAL_TYPE (VastusApplication, vastus_application, VASTUS, APPLICATION, AdwApplication)

VastusApplication *vastus_application_new               (void);
/* The database the windows open; NULL (the default) for vastus_database_default_path (). */
const char        *vastus_application_get_database_path (VastusApplication *self);
void               vastus_application_set_database_path (VastusApplication *self,
                                                         const char        *path);

G_END_DECLS
