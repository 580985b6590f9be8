/* vastus-settings.h: this computer's preferences (GSettings) as the clinical model takes them
 *
 * The clinic's rules (pain flag level, weeks before maximal tests, how long a result counts,
 * the re-test interval, the default criteria set per condition) are not among them: they are
 * the clinic's, in its database (vastus_clinic_get_rules); vastus-rules-upgrade.h moves the
 * values a computer once kept here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic-rules.h"
#include "vastus-clinic-server.h"
#include "vastus-criteria.h"
#include "vastus-record.h"
#include "vastus-report-data.h"
#include "vastus-name.h"

G_BEGIN_DECLS

/* "name-order"; given names first when @settings is NULL. */
VastusNameOrder vastus_settings_get_name_order (GSettings *settings);

/* "paper-size" when the user set one, else the locale's. */
VastusPaper     vastus_settings_get_paper      (GSettings *settings);

/* "fhir-identifier-system" as set, not checked; the default without it. */
char           *vastus_settings_get_fhir_system (GSettings *settings);

/* "database-kind": where the data lives. */
typedef enum
{
  VASTUS_DATABASE_UNSET,   /* not chosen yet: the file on this computer if there is one */
  VASTUS_DATABASE_LOCAL,   /* the file on this computer */
  VASTUS_DATABASE_SERVER,  /* the clinic server of the server-* keys */
} VastusDatabaseKind;

/* The application's settings, or NULL when its schema is not installed (or is an older one
 * without the database keys). */
GSettings         *vastus_settings_new_if_installed   (void);
/* UNSET when @settings is NULL. */
VastusDatabaseKind vastus_settings_get_database_kind  (GSettings           *settings);
/* The server-* keys into @address, whose strings point into what is returned (free it with
 * g_strfreev after @address). */
char             **vastus_settings_get_server_address (GSettings           *settings,
                                                       VastusServerAddress *address);
/* The clinic server's URI from the server-* keys (vastus_server_address_to_uri), or NULL with
 * @error naming the field that is not right. Never with a password. */
char              *vastus_settings_get_server_uri     (GSettings           *settings,
                                                       GError             **error);

G_END_DECLS
