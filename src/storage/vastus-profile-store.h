/* vastus-profile-store.h: the clinic's saved import profiles (sql/010-import-profiles.sql)
 *
 * A saved profile is kept as the key file text it was checked from; listing reads each back
 * through vastus_profile_new_from_data (), so a profile is only ever used as checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"
#include "vastus-profile.h"

G_BEGIN_DECLS

/* The saved profiles (VastusProfile*), by id. */
GPtrArray     *vastus_database_list_profiles (VastusDatabase       *self,
                                              GError              **error);
/* Saves @profile under its id, replacing a saved one of that id; a built-in id is refused. */
gboolean       vastus_database_save_profile  (VastusDatabase       *self,
                                              const VastusProfile  *profile,
                                              GError              **error);
/* Every profile Vastus can use: the built-in ones, then the saved ones. */
GPtrArray     *vastus_database_all_profiles  (VastusDatabase       *self,
                                              GError              **error);
/* The profile with @id among vastus_database_all_profiles (), or NULL (NOT_FOUND naming it). */
VastusProfile *vastus_database_find_profile  (VastusDatabase       *self,
                                              const char           *id,
                                              GError              **error);

G_END_DECLS
