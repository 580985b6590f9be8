/* vastus-i18n.h: the project's gettext. Every source file includes this instead of
 * <glib/gi18n.h>: _(), C_() and ngettext() read the application's catalogue as gettext does, or,
 * on a thread that asked for a language of its own (a report for a surgeon abroad), that
 * language's catalogue, whatever the window's language. */
#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

#define VASTUS_I18N_ERROR (vastus_i18n_error_quark ())

typedef enum {
  VASTUS_I18N_ERROR_NOT_INSTALLED,  /* no catalogue for the language */
  VASTUS_I18N_ERROR_INVALID,        /* a catalogue that cannot be read */
} VastusI18nError;

GQuark       vastus_i18n_error_quark     (void);

void         vastus_i18n_init            (void);
const char  *vastus_i18n_get_localedir   (void);
char       **vastus_i18n_list_languages  (void);
gboolean     vastus_i18n_language_valid  (const char  *language,
                                          GError     **error);
const char  *vastus_i18n_get_language    (void);
const char  *vastus_i18n_language_name   (const char  *language);
gboolean     vastus_i18n_push_language   (const char  *language,
                                          GError     **error);
void         vastus_i18n_pop_language    (void);
/* For a thread that works for this one and must write as it does: the catalogue this thread
 * pushed last, or NULL when it pushed none (then it reads the application's catalogue, as
 * every thread does by itself). The other thread pushes the same with vastus_i18n_push_same ()
 * and pops it with vastus_i18n_pop_language (). */
gconstpointer vastus_i18n_get_pushed     (void);
void         vastus_i18n_push_same       (gconstpointer pushed);

const char  *vastus_i18n_gettext         (const char  *msgid) G_GNUC_FORMAT (1);
const char  *vastus_i18n_pgettext        (const char  *msgctxtid,
                                          gsize        msgidoffset) G_GNUC_FORMAT (1);
const char  *vastus_i18n_ngettext        (const char  *msgid,
                                          const char  *msgid_plural,
                                          gulong       n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

#undef _
#define _(String) ((char *) vastus_i18n_gettext (String))
#undef C_
#define C_(Context, String) vastus_i18n_pgettext (Context "\004" String, strlen (Context) + 1)
#undef ngettext
#define ngettext(Msgid, Plural, N) vastus_i18n_ngettext (Msgid, Plural, N)

G_END_DECLS
