/* fuzz-csv.c: libFuzzer target for the flat CSV path: the RFC 4180 reader (vastus_csv_parse) and
 * the importer against an in-memory database (its transaction is rolled back: no commit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "vastus-csv-import.h"
#include "vastus-csv.h"

static VastusDatabase *db;

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(VastusCsvImport) import = NULL;

  rows = vastus_csv_parse ((const char *) data, size, NULL);
  if (rows != NULL)
    for (guint i = 0; i < rows->len; i++)
      g_assert_nonnull (rows->pdata[i]);

  /* No commit: freeing the import rolls back what add_data wrote. */
  if (db == NULL)
    {
      g_autoptr(GError) error = NULL;

      db = vastus_database_open (":memory:", &error);
      g_assert_no_error (error);
    }
  import = vastus_csv_import_new (db);
  vastus_csv_import_add_data (import, "fuzz.csv", (const char *) data, size, NULL);
  return 0;
}
