/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project's gettext (vastus-i18n.h): a thread's own language, read from compiled catalogues
 * written here for the test (msgfmt), whatever the process's locale. */

#include "config.h"

#include "vastus-i18n.h"
#include "vastus-display.h"

#include <locale.h>

#include <glib/gstdio.h>

static char *localedir;

/* Writes @po as LL's catalogue under the test's locale folder, compiled with msgfmt. */
static void
install_catalogue (const char *language,
                   const char *po)
{
  g_autofree char *dir = g_build_filename (localedir, language, "LC_MESSAGES", NULL);
  g_autofree char *po_path = g_build_filename (localedir, "in.po", NULL);
  g_autofree char *mo_path = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  const char *argv[] = { "msgfmt", "--check-format", "-o", mo_path, po_path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po_path, po, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
}

#define HEADER(plural) \
  "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n" \
  "\"Plural-Forms: " plural "\\n\"\n\n"

static void
setup_catalogues (void)
{
  install_catalogue ("de",
                     HEADER ("nplurals=2; plural=(n != 1);")
                     "msgid \"Thigh girth\"\nmsgstr \"Oberschenkelumfang\"\n\n"
                     "msgctxt \"side\"\nmsgid \"Left\"\nmsgstr \"Links\"\n\n"
                     "msgid \"%d visit\"\nmsgid_plural \"%d visits\"\n"
                     "msgstr[0] \"%d Besuch\"\nmsgstr[1] \"%d Besuche\"\n\n"
                     "msgid \"Not yet\"\nmsgstr \"\"\n\n"
                     "msgctxt \"month\"\nmsgid \"Dec\"\nmsgstr \"Dez.\"\n\n"
                     "msgctxt \"date\"\nmsgid \"%u %s %u\"\nmsgstr \"%1$u. %2$s %3$u\"\n\n"
                     "msgctxt \"date\"\nmsgid \"%u %s\"\nmsgstr \"%1$u. %2$s\"\n\n"
                     "msgctxt \"date\"\nmsgid \"%s %u\"\nmsgstr \"%1$s %2$u\"\n");
  /* Three forms (one; two to four but not 12–14; the rest), as Polish has. */
  install_catalogue ("pl",
                     HEADER ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
                             "(n%100<10 || n%100>=20) ? 1 : 2);")
                     "msgid \"%d visit\"\nmsgid_plural \"%d visits\"\n"
                     "msgstr[0] \"%d wizyta\"\nmsgstr[1] \"%d wizyty\"\nmsgstr[2] \"%d wizyt\"\n");
}

/* Without a language of its own, a thread reads the application's catalogue: here none is bound
 * for the test's locale, so the messages as written. */
static void
test_default (void)
{
  g_assert_cmpstr (_("Thigh girth"), ==, "Thigh girth");
  g_assert_cmpstr (ngettext ("%d visit", "%d visits", 2), ==, "%d visits");
}

static void
test_push (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_i18n_push_language ("de", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vastus_i18n_get_language (), ==, "de");
  g_assert_cmpstr (_("Thigh girth"), ==, "Oberschenkelumfang");
  g_assert_cmpstr (C_("side", "Left"), ==, "Links");
  /* A context is part of the message: without it, no translation. */
  g_assert_cmpstr (_("Left"), ==, "Left");
  g_assert_cmpstr (ngettext ("%d visit", "%d visits", 1), ==, "%d Besuch");
  g_assert_cmpstr (ngettext ("%d visit", "%d visits", 0), ==, "%d Besuche");
  g_assert_cmpstr (ngettext ("%d visit", "%d visits", 5), ==, "%d Besuche");
  /* An empty translation, and a message not in the catalogue: as written. */
  g_assert_cmpstr (_("Not yet"), ==, "Not yet");
  g_assert_cmpstr (_("Knee swelling"), ==, "Knee swelling");

  /* English inside German, then back. */
  g_assert_true (vastus_i18n_push_language ("en", &error));
  g_assert_cmpstr (_("Thigh girth"), ==, "Thigh girth");
  g_assert_cmpstr (ngettext ("%d visit", "%d visits", 1), ==, "%d visit");
  vastus_i18n_pop_language ();
  g_assert_cmpstr (_("Thigh girth"), ==, "Oberschenkelumfang");
  vastus_i18n_pop_language ();
  g_assert_cmpstr (_("Thigh girth"), ==, "Thigh girth");

  /* A regional variant reads the language's catalogue. */
  g_assert_true (vastus_i18n_push_language ("de_AT", &error));
  g_assert_cmpstr (_("Thigh girth"), ==, "Oberschenkelumfang");
  vastus_i18n_pop_language ();
}

static void
test_plural_forms (void)
{
  /* Polish: 1 → 0; 2, 3, 4, 22, 104 → 1; 5, 12, 13, 14, 21, 111 → 2. */
  static const struct { gulong n; const char *form; } cases[] = {
    { 1, "%d wizyta" }, { 2, "%d wizyty" }, { 4, "%d wizyty" }, { 22, "%d wizyty" },
    { 104, "%d wizyty" }, { 0, "%d wizyt" }, { 5, "%d wizyt" }, { 12, "%d wizyt" },
    { 14, "%d wizyt" }, { 21, "%d wizyt" }, { 111, "%d wizyt" },
  };

  g_assert_true (vastus_i18n_push_language ("pl", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ngettext ("%d visit", "%d visits", cases[i].n), ==, cases[i].form);
  vastus_i18n_pop_language ();
}

static gpointer
other_thread_main (gpointer data)
{
  /* This thread pushed nothing: the main thread's German is not its language. */
  return g_strdup (_("Thigh girth"));
}

static void
test_per_thread (void)
{
  g_autofree char *other = NULL;

  g_assert_true (vastus_i18n_push_language ("de", NULL));
  other = g_thread_join (g_thread_new ("other", other_thread_main, NULL));
  g_assert_cmpstr (other, ==, "Thigh girth");
  g_assert_cmpstr (_("Thigh girth"), ==, "Oberschenkelumfang");
  vastus_i18n_pop_language ();
}

/* Dates with the month's name follow the thread's language, never the process's locale: a German
 * report under an English process, and an English one under a German process. */
static void
test_month_dates (void)
{
  GDate date;
  char buf[VASTUS_DISPLAY_DATE_SIZE];
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_DECEMBER, 2026);

  /* English process, German thread: the test catalogue's "Dez." and "%1$u. %2$s %3$u". */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_assert_true (vastus_i18n_push_language ("de", NULL));
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH_YEAR, buf), ==,
                   "6. Dez. 2026");
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH, buf), ==, "6. Dez.");
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_MONTH_YEAR, buf), ==, "Dez. 2026");
  vastus_i18n_pop_language ();

  /* German process (its strftime says "Dez"), English thread: as written. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("the de_DE.UTF-8 locale is missing (build-aux/dev generates it)");
  g_assert_true (vastus_i18n_push_language ("en", NULL));
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH_YEAR, buf), ==,
                   "6 Dec 2026");
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH, buf), ==, "6 Dec");
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_MONTH_YEAR, buf), ==, "Dec 2026");
  vastus_i18n_pop_language ();

  g_date_clear (&date, 1);
  g_assert_cmpstr (vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH_YEAR, buf), ==, "");
  setlocale (LC_ALL, saved);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = vastus_i18n_list_languages ();
  g_autofree char *joined = g_strjoinv (",", languages);
  g_autofree char *bad_dir = g_build_filename (localedir, "xx", "LC_MESSAGES", NULL);
  g_autofree char *bad = g_build_filename (bad_dir, GETTEXT_PACKAGE ".mo", NULL);

  g_assert_cmpstr (joined, ==, "de,en,pl");
  g_assert_false (vastus_i18n_push_language ("pt", &error));
  g_assert_error (error, VASTUS_I18N_ERROR, VASTUS_I18N_ERROR_NOT_INSTALLED);
  g_assert_nonnull (strstr (error->message, "“pt”"));
  g_assert_nonnull (strstr (error->message, "de, en, pl"));
  g_clear_error (&error);

  /* A file that is not a catalogue is refused, named. */
  g_assert_cmpint (g_mkdir_with_parents (bad_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (bad, "not a catalogue at all, longer than a header", -1, NULL));
  g_assert_false (vastus_i18n_language_valid ("xx", &error));
  g_assert_error (error, VASTUS_I18N_ERROR, VASTUS_I18N_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_cmpstr (_("Thigh girth"), ==, "Thigh girth");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("vastus-i18n-XXXXXX", NULL);
  localedir = g_build_filename (tmp, "locale", NULL);
  g_setenv ("VASTUS_LOCALEDIR", localedir, TRUE);
  setup_catalogues ();

  g_test_add_func ("/i18n/default", test_default);
  g_test_add_func ("/i18n/push", test_push);
  g_test_add_func ("/i18n/plural-forms", test_plural_forms);
  g_test_add_func ("/i18n/per-thread", test_per_thread);
  g_test_add_func ("/i18n/month-dates", test_month_dates);
  g_test_add_func ("/i18n/errors", test_errors);
  status = g_test_run ();
  {
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (localedir);
  return status;
}
