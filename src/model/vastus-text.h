/* vastus-text.h: text from people and files, checked on the way in and escaped on the way out
 *
 * Names and clinical text hold no control characters: a name with "\x1b]0;…\x07" would retitle
 * the terminal that lists it, and a line break in an MRN makes a second patient out of the first.
 * vastus_text_find_control () is the rule (the validators and the CSV importer use it);
 * vastus_text_escape () is what any text output does with older data that breaks it;
 * vastus_text_excerpt () is how a message quotes what was typed or read: escaped, and cut to a
 * few dozen characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a field may hold besides printable text. */
typedef enum
{
  VASTUS_TEXT_LINE,     /* one line: MRN, name, clinician, surgeon … */
  VASTUS_TEXT_LINES,    /* notes: tab, line feed and carriage return as well */
} VastusTextKind;

/* Characters a message quotes at most (vastus_text_excerpt). */
#define VASTUS_TEXT_EXCERPT_CHARS 40

/* The first character of @text (UTF-8) that a field of @kind cannot hold: C0 controls (but tab,
 * LF and CR in VASTUS_TEXT_LINES), DEL and the C1 controls U+0080–U+009F; 0 when there is none.
 * *@position (may be NULL) is its 1-based character index. */
gunichar  vastus_text_find_control (const char     *text,
                                    VastusTextKind  kind,
                                    glong          *position);

/* "U+001B (escape)" and the like, for messages about @c. */
char     *vastus_text_describe_char (gunichar c);

/* @text with every control character written as \uXXXX (but line feed and tab for
 * VASTUS_TEXT_LINES), and every byte that is not UTF-8 as \xNN: safe on a terminal. */
char     *vastus_text_escape        (const char     *text,
                                     VastusTextKind  kind);

/* @text escaped (as above, line breaks too) and cut to VASTUS_TEXT_EXCERPT_CHARS characters
 * with "…" after it: for quoting input in a message. */
char     *vastus_text_excerpt       (const char     *text);

/* "3 patients, 27 visits", with the language's plurals: what a backup or a database holds. */
char     *vastus_text_patients_and_visits (gint64   n_patients,
                                           gint64   n_visits);

G_END_DECLS
