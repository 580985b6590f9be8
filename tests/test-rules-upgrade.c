/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one-time move of the clinic's rules out of a computer's preferences
 * (vastus-rules-upgrade.h): a value changed there goes into a clinic that has none for that
 * rule; with several workstations the first one's values win and the others keep the clinic's;
 * the keys are reset once moved, so a second start moves nothing; a value equal to the default
 * or a criteria set the clinic does not have is not moved.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "clinic-test-util.h"
#include "vastus-rules-upgrade.h"

static void
done_cb (guint    n_adopted,
         gpointer user_data)
{
  int *out = user_data;

  *out = (int) n_adopted;
}

/* Runs the move for @clinic with @settings; returns how many rules it wrote. */
static guint
upgrade (VastusClinic *clinic,
         GSettings    *settings)
{
  int n_adopted = -1;

  vastus_rules_upgrade_start (clinic, settings, done_cb, &n_adopted);
  while (n_adopted < 0)
    g_main_context_iteration (NULL, TRUE);
  clinic_test_wait (clinic);
  return (guint) n_adopted;
}

static gboolean
has_user_value (GSettings  *settings,
                const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_user_value (settings, key);

  return value != NULL;
}

static void
test_upgrade (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-rules-upgrade-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GVariantBuilder builder;
  VastusClinic *clinic;
  const VastusClinicRulebook *book;

  g_assert_no_error (error);
  clinic = clinic_test_open (path);
  g_assert_false (vastus_clinic_get_rules (clinic)->stored);

  /* Nothing changed on this computer: nothing to move. */
  g_assert_cmpuint (upgrade (clinic, settings), ==, 0);
  g_assert_false (vastus_clinic_get_rules (clinic)->stored);

  /* The first workstation changed the pain level to 7 and the re-test interval to 6, set the
   * results' window to its default of 4 (not a change), chose a set for ACL reconstruction and
   * one for PFP the clinic does not have. */
  g_settings_set_int (settings, "pain-flag-level", 7);
  g_settings_set_int (settings, "retest-weeks", 6);
  g_settings_set_int (settings, "stale-weeks", 4);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "aclr", "aclr-late-phase");
  g_variant_builder_add (&builder, "{ss}", "pfp", "no-such-set");
  g_settings_set_value (settings, "default-criteria-sets", g_variant_builder_end (&builder));
  /* Moved: pain, re-test, the ACL set; 3 rules. */
  g_assert_cmpuint (upgrade (clinic, settings), ==, 3);
  book = vastus_clinic_get_rules (clinic);
  g_assert_true (book->stored);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 7);
  g_assert_cmpuint (book->retest_weeks, ==, 6);
  g_assert_cmpfloat (book->rules.max_age_weeks, ==, 4);
  g_assert_cmpfloat (book->rules.maximal_test_weeks, ==, 12);
  g_assert_cmpstr (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_ACLR), ==,
                   "aclr-late-phase");
  g_assert_null (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_PFP));
  /* The moved keys are reset: nothing is moved twice. */
  g_assert_false (has_user_value (settings, "pain-flag-level"));
  g_assert_false (has_user_value (settings, "retest-weeks"));
  g_assert_false (has_user_value (settings, "default-criteria-sets"));
  g_assert_cmpuint (upgrade (clinic, settings), ==, 0);
  g_settings_reset (settings, "stale-weeks");

  /* A second workstation had pain 9 and maximal tests after 8 weeks: the clinic keeps its 7,
   * takes the 8 it had no value for; 1 rule. Its keys are reset all the same. */
  g_settings_set_int (settings, "pain-flag-level", 9);
  g_settings_set_int (settings, "maximal-test-weeks", 8);
  g_assert_cmpuint (upgrade (clinic, settings), ==, 1);
  book = vastus_clinic_get_rules (clinic);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 7);
  g_assert_cmpfloat (book->rules.maximal_test_weeks, ==, 8);
  g_assert_false (has_user_value (settings, "pain-flag-level"));
  g_assert_false (has_user_value (settings, "maximal-test-weeks"));

  /* Without settings (no schema installed): nothing to do. */
  g_assert_cmpuint (upgrade (clinic, NULL), ==, 0);

  vastus_clinic_close (clinic);
  g_assert_finalize_object (clinic);
  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules-upgrade/upgrade", test_upgrade);
  return g_test_run ();
}
