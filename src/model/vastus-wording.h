/* vastus-wording.h: a questionnaire's item wording, loaded by the clinic from its official form
 *
 * Vastus ships no item wording (clinical-reference §1.11: it is the instruments' owners'). A
 * clinic that holds the form writes it into a plain UTF-8 text file and loads it in Preferences
 * (or `vastus-cli questionnaires load FILE`); forms then show it, and only instruments with
 * wording can be handed to a patient. The format:
 *
 *   # a comment; blank lines are skipped
 *   [koos]                    an instrument id (vastus-cli questionnaires lists them)
 *   P1<TAB>question<TAB>answer<TAB>answer …
 *
 * One line per item: its id, a tab, its question, and optionally, each after a tab, the labels
 * of its answers in the order of the item's points (vastus-cli questionnaires --json lists them):
 * none, two (the two ends of the scale) or one per answer. Every item of an instrument named
 * needs its line. A file may hold several instruments; loading one replaces that instrument's
 * wording as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-instrument.h"

G_BEGIN_DECLS

typedef struct
{
  char  *item;
  char  *question;
  char **answers;        /* NULL-terminated: empty, the two ends, or one per answer */
} VastusItemWording;

typedef struct
{
  char      *instrument;
  GPtrArray *items;      /* of VastusItemWording*, in the instrument's item order */
} VastusWording;

VastusWording           *vastus_wording_new        (const char          *instrument);
void                     vastus_wording_free       (VastusWording       *self);
/* Adds @item's wording (checked by vastus_wording_parse, not here). */
void                     vastus_wording_add        (VastusWording       *self,
                                                    const char          *item,
                                                    const char          *question,
                                                    const char * const  *answers);
const VastusItemWording *vastus_wording_find       (const VastusWording *self,
                                                    const char          *item);
/* Puts the items into the instrument's order. */
void                     vastus_wording_sort       (VastusWording       *self);

/* Parses a wording file: every instrument in it (of VastusWording*), or NULL with @error
 * (G_KEY_FILE_ERROR_PARSE) naming the line and what is wrong. Nothing partial. */
GPtrArray               *vastus_wording_parse      (const char          *data,
                                                    gsize                length,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusWording, vastus_wording_free)

G_END_DECLS
