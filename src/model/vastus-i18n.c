/* vastus-i18n.c: the project's gettext (vastus-i18n.h).
 *
 * Without a language of its own, a thread reads the application's catalogue through GLib's
 * gettext, as the window does. A thread that pushed a language reads that language's compiled
 * catalogue (LOCALEDIR/LL/LC_MESSAGES/vastus.mo) itself: the C library's gettext follows one
 * process-wide LANGUAGE and the locales installed, and a German clinic's English report must need
 * neither. Catalogues are read once and kept. */

#include "config.h"

#include "vastus-i18n.h"

#include <locale.h>
#include <string.h>

G_DEFINE_QUARK (vastus-i18n-error-quark, vastus_i18n_error)

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

typedef struct {
  char        *language;
  GBytes      *bytes;
  GHashTable  *messages;   /* original (context\4msgid) → Translation */
  char        *plural;     /* the header's plural= expression; NULL: (n != 1) */
} Catalog;

typedef struct {
  const char *text;        /* forms separated by NUL */
  gsize       length;
} Translation;

static GMutex      catalogs_lock;
static GHashTable *catalogs;             /* language → Catalog, kept to exit */
static GPrivate    pushed = G_PRIVATE_INIT ((GDestroyNotify) g_slist_free);

const char *
vastus_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("VASTUS_LOCALEDIR");

  /* The build tree's catalogues (build-aux/dev run, the tests); else the installed ones. */
  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

void
vastus_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, vastus_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Plural forms: the C expression of the catalogue's header, with n, evaluated as it is read. */

typedef struct {
  const char *p;
  gulong      n;
  gboolean    bad;
} Expr;

static gulong expr_cond (Expr *e);

static void
expr_space (Expr *e)
{
  while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n')
    e->p++;
}

static gboolean
expr_take (Expr       *e,
           const char *token)
{
  gsize len = strlen (token);

  expr_space (e);
  if (strncmp (e->p, token, len) != 0)
    return FALSE;
  /* "<" is not the start of "<=", "=" never stands alone, "|" and "&" only doubled. */
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!') && e->p[1] == '=')
    return FALSE;
  e->p += len;
  return TRUE;
}

static gulong
expr_primary (Expr *e)
{
  expr_space (e);
  if (*e->p == 'n')
    {
      e->p++;
      return e->n;
    }
  if (g_ascii_isdigit (*e->p))
    {
      gulong value = 0;

      while (g_ascii_isdigit (*e->p))
        value = value * 10 + (gulong) (*e->p++ - '0');
      return value;
    }
  if (expr_take (e, "("))
    {
      gulong value = expr_cond (e);

      if (!expr_take (e, ")"))
        e->bad = TRUE;
      return value;
    }
  e->bad = TRUE;
  return 0;
}

static gulong
expr_unary (Expr *e)
{
  if (expr_take (e, "!"))
    return !expr_unary (e);
  return expr_primary (e);
}

static gulong
expr_mul (Expr *e)
{
  gulong value = expr_unary (e);

  for (;;)
    {
      if (expr_take (e, "*"))
        value *= expr_unary (e);
      else if (expr_take (e, "/") || expr_take (e, "%"))
        {
          gboolean div = e->p[-1] == '/';
          gulong right = expr_unary (e);

          value = right == 0 ? 0 : div ? value / right : value % right;
        }
      else
        return value;
    }
}

static gulong
expr_add (Expr *e)
{
  gulong value = expr_mul (e);

  for (;;)
    {
      if (expr_take (e, "+"))
        value += expr_mul (e);
      else if (expr_take (e, "-"))
        value -= expr_mul (e);
      else
        return value;
    }
}

static gulong
expr_rel (Expr *e)
{
  gulong value = expr_add (e);

  for (;;)
    {
      if (expr_take (e, "<="))
        value = value <= expr_add (e);
      else if (expr_take (e, ">="))
        value = value >= expr_add (e);
      else if (expr_take (e, "<"))
        value = value < expr_add (e);
      else if (expr_take (e, ">"))
        value = value > expr_add (e);
      else
        return value;
    }
}

static gulong
expr_eq (Expr *e)
{
  gulong value = expr_rel (e);

  for (;;)
    {
      if (expr_take (e, "=="))
        value = value == expr_rel (e);
      else if (expr_take (e, "!="))
        value = value != expr_rel (e);
      else
        return value;
    }
}

static gulong
expr_and (Expr *e)
{
  gulong value = expr_eq (e);

  while (expr_take (e, "&&"))
    {
      gulong right = expr_eq (e);

      value = value && right;
    }
  return value;
}

static gulong
expr_or (Expr *e)
{
  gulong value = expr_and (e);

  while (expr_take (e, "||"))
    {
      gulong right = expr_and (e);

      value = value || right;
    }
  return value;
}

static gulong
expr_cond (Expr *e)
{
  gulong test = expr_or (e);

  if (expr_take (e, "?"))
    {
      gulong yes = expr_cond (e);
      gulong no;

      if (!expr_take (e, ":"))
        e->bad = TRUE;
      no = expr_cond (e);
      return test ? yes : no;
    }
  return test;
}

/* The form for @n; a broken expression falls back to the two forms of English. */
static gulong
plural_form (const char *expression,
             gulong      n)
{
  Expr e = { expression, n, FALSE };
  gulong form;

  if (expression == NULL)
    return n != 1;
  form = expr_cond (&e);
  expr_space (&e);
  if (e.bad || (*e.p != '\0' && *e.p != ';'))
    return n != 1;
  return form;
}

/* Reading a catalogue. */

static guint32
mo_word (const guint8 *data,
         gsize         offset,
         gboolean      swapped)
{
  guint32 word;

  memcpy (&word, data + offset, sizeof word);
  return swapped ? GUINT32_SWAP_LE_BE (word) : word;
}

static char *
header_plural (const Translation *header)
{
  g_autofree char *text = g_strndup (header->text, header->length);
  const char *forms = strstr (text, "Plural-Forms:");
  const char *plural;
  const char *end;

  if (forms == NULL || (plural = strstr (forms, "plural=")) == NULL)
    return NULL;
  plural += strlen ("plural=");
  end = strpbrk (plural, ";\n");
  return g_strndup (plural, end != NULL ? (gsize) (end - plural) : strlen (plural));
}

static void
catalog_free (Catalog *catalog)
{
  g_free (catalog->language);
  g_clear_pointer (&catalog->messages, g_hash_table_unref);
  g_clear_pointer (&catalog->bytes, g_bytes_unref);
  g_free (catalog->plural);
  g_free (catalog);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalog, catalog_free)

static Catalog *
catalog_read (const char  *language,
              const char  *path,
              GError     **error)
{
  g_autoptr(Catalog) catalog = NULL;
  g_autoptr(GMappedFile) file = NULL;
  const guint8 *data;
  gsize size;
  guint32 magic, count, originals, translations;
  gboolean swapped;
  Translation *header;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  catalog = g_new0 (Catalog, 1);
  catalog->language = g_strdup (language);
  catalog->bytes = g_mapped_file_get_bytes (file);
  catalog->messages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  data = g_bytes_get_data (catalog->bytes, &size);
  if (size < 28)
    goto invalid;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    goto invalid;
  swapped = magic == MO_MAGIC_SWAPPED;
  count = mo_word (data, 8, swapped);
  originals = mo_word (data, 12, swapped);
  translations = mo_word (data, 16, swapped);
  if ((guint64) originals + (guint64) count * 8 > size
      || (guint64) translations + (guint64) count * 8 > size)
    goto invalid;
  for (guint32 i = 0; i < count; i++)
    {
      guint32 olen = mo_word (data, originals + i * 8, swapped);
      guint32 ooff = mo_word (data, originals + i * 8 + 4, swapped);
      guint32 tlen = mo_word (data, translations + i * 8, swapped);
      guint32 toff = mo_word (data, translations + i * 8 + 4, swapped);
      Translation *translation;

      /* Every string ends in a NUL inside the file. */
      if ((guint64) ooff + olen >= size || (guint64) toff + tlen >= size
          || data[ooff + olen] != '\0' || data[toff + tlen] != '\0')
        goto invalid;
      translation = g_new (Translation, 1);
      translation->text = (const char *) data + toff;
      translation->length = tlen;
      /* A plural's original is "msgid\0msgid_plural": the key ends at the first NUL. */
      g_hash_table_replace (catalog->messages, (gpointer) (data + ooff), translation);
    }
  header = g_hash_table_lookup (catalog->messages, "");
  if (header != NULL)
    catalog->plural = header_plural (header);
  return g_steal_pointer (&catalog);

invalid:
  g_set_error (error, VASTUS_I18N_ERROR, VASTUS_I18N_ERROR_INVALID,
               /* Translators: %s is a file's path */
               _("The translation file “%s” cannot be read: it is not a compiled message "
                 "catalogue"), path);
  return NULL;
}

static char *
catalog_path (const char *language)
{
  return g_build_filename (vastus_i18n_get_localedir (), language, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
}

static gboolean
is_source_language (const char *language)
{
  return g_str_equal (language, "en") || g_str_equal (language, "C");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Languages a person may ask for: English (the messages as written) and every catalogue in the
 * locale folder, sorted. */
char **
vastus_i18n_list_languages (void)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open (vastus_i18n_get_localedir (), 0, NULL);
  const char *name;

  g_ptr_array_add (languages, g_strdup ("en"));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = catalog_path (name);

      if (!is_source_language (name) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (languages, g_strdup (name));
    }
  g_ptr_array_sort (languages, compare_names);
  g_ptr_array_add (languages, NULL);
  return (char **) g_ptr_array_steal (languages, NULL);
}

/* @language's name in itself ("Deutsch"), as a menu of languages shows it; else its code. */
const char *
vastus_i18n_language_name (const char *language)
{
  static const struct { const char *code, *name; } names[] = {
    { "de", "Deutsch" }, { "en", "English" }, { "es", "Español" }, { "fr", "Français" },
    { "it", "Italiano" }, { "nl", "Nederlands" }, { "pl", "Polski" }, { "pt", "Português" },
    { "sv", "Svenska" }, { "da", "Dansk" }, { "nb", "Norsk bokmål" }, { "fi", "Suomi" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (language, names[i].code))
      return names[i].name;
  return language;
}

/* The catalogue of @language ("de", "de_AT" reading "de" where it has none), read once. The
 * table holds each catalogue under every name asked for it and never frees one: a thread may
 * be writing with it. */
static Catalog *
catalog_get (const char  *language,
             GError     **error)
{
  g_autofree char *base = g_strndup (language, strcspn (language, "_.@"));
  Catalog *catalog;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog = g_hash_table_lookup (catalogs, language);
  if (catalog == NULL)
    {
      const char *tries[] = { language, base, NULL };
      gboolean failed = FALSE;

      for (guint i = 0; catalog == NULL && !failed && tries[i] != NULL; i++)
        {
          g_autofree char *path = catalog_path (tries[i]);

          if ((catalog = g_hash_table_lookup (catalogs, tries[i])) != NULL)
            break;
          if (is_source_language (tries[i]))
            {
              catalog = g_new0 (Catalog, 1);
              catalog->language = g_strdup ("en");
            }
          else if (g_file_test (path, G_FILE_TEST_EXISTS))
            failed = (catalog = catalog_read (tries[i], path, error)) == NULL;
          if (catalog != NULL)
            g_hash_table_insert (catalogs, g_strdup (tries[i]), catalog);
        }
      if (catalog != NULL)
        g_hash_table_insert (catalogs, g_strdup (language), catalog);
      else if (!failed)
        {
          g_auto(GStrv) installed = vastus_i18n_list_languages ();
          g_autofree char *list = g_strjoinv (", ", installed);

          g_set_error (error, VASTUS_I18N_ERROR, VASTUS_I18N_ERROR_NOT_INSTALLED,
                       /* Translators: the first %s is a language code such as "pt", the second
                        * the installed ones, such as "de, en, es, fr" */
                       _("There is no translation into “%s”; the languages installed are %s"),
                       language, list);
        }
    }
  g_mutex_unlock (&catalogs_lock);
  return catalog;
}

gboolean
vastus_i18n_language_valid (const char  *language,
                            GError     **error)
{
  return catalog_get (language, error) != NULL;
}

/* The language a thread's messages are in: the one it pushed, else the application's (the first
 * of the person's languages that has a catalogue, else English). */
const char *
vastus_i18n_get_language (void)
{
  GSList *stack = g_private_get (&pushed);
  const char * const *names;

  if (stack != NULL)
    return ((Catalog *) stack->data)->language;
  names = g_get_language_names_with_category ("LC_MESSAGES");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (is_source_language (names[i]))
        return "en";
      if (strchr (names[i], '.') != NULL || strchr (names[i], '@') != NULL)
        continue;
      path = catalog_path (names[i]);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          Catalog *catalog = catalog_get (names[i], NULL);

          if (catalog != NULL)
            return catalog->language;
        }
    }
  return "en";
}

/* From now on this thread's messages are in @language, until the matching pop. */
gboolean
vastus_i18n_push_language (const char  *language,
                           GError     **error)
{
  Catalog *catalog = catalog_get (language, error);

  if (catalog == NULL)
    return FALSE;
  g_private_set (&pushed, g_slist_prepend (g_private_get (&pushed), catalog));
  return TRUE;
}

void
vastus_i18n_pop_language (void)
{
  GSList *stack = g_private_get (&pushed);

  g_return_if_fail (stack != NULL);
  g_private_set (&pushed, g_slist_delete_link (stack, stack));
}

gconstpointer
vastus_i18n_get_pushed (void)
{
  GSList *stack = g_private_get (&pushed);

  return stack != NULL ? stack->data : NULL;
}

/* Catalogues are never freed (catalog_get): @catalog stays valid on any thread. */
void
vastus_i18n_push_same (gconstpointer catalog)
{
  g_return_if_fail (catalog != NULL);

  g_private_set (&pushed, g_slist_prepend (g_private_get (&pushed), (gpointer) catalog));
}

static const Translation *
lookup (const char *original)
{
  GSList *stack = g_private_get (&pushed);
  Catalog *catalog = stack->data;

  return catalog->messages != NULL ? g_hash_table_lookup (catalog->messages, original) : NULL;
}

const char *
vastus_i18n_gettext (const char *msgid)
{
  const Translation *translation;

  if (g_private_get (&pushed) == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  translation = lookup (msgid);
  return translation != NULL && translation->length > 0 ? translation->text : msgid;
}

const char *
vastus_i18n_pgettext (const char *msgctxtid,
                      gsize       msgidoffset)
{
  const Translation *translation;

  if (g_private_get (&pushed) == NULL)
    return g_dpgettext (GETTEXT_PACKAGE, msgctxtid, msgidoffset);
  translation = lookup (msgctxtid);
  return translation != NULL && translation->length > 0 ? translation->text
                                                         : msgctxtid + msgidoffset;
}

const char *
vastus_i18n_ngettext (const char *msgid,
                      const char *msgid_plural,
                      gulong      n)
{
  GSList *stack = g_private_get (&pushed);
  const Translation *translation;
  const char *form;
  gulong index;

  if (stack == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  translation = lookup (msgid);
  if (translation == NULL || translation->length == 0)
    return n == 1 ? msgid : msgid_plural;
  index = plural_form (((Catalog *) stack->data)->plural, n);
  form = translation->text;
  for (gulong i = 0; i < index; i++)
    {
      gsize step = strlen (form) + 1;

      /* Fewer forms than the expression names: the last one. */
      if (form + step > translation->text + translation->length)
        break;
      form += step;
    }
  return form;
}
