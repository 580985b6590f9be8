/* vastus-name.h: a patient's family name and given names
 *
 * Clinics sort and search by family name. Names once written in one field are split by one rule
 * (vastus_name_split): "Family, Given" at the first comma; otherwise the last word is the family
 * name and the words before it the given names. Where that is a guess a person should check (a
 * single word, or three or more words: "Sofia van Dijk", "Anna Maria Rossi"), it says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-record.h"

G_BEGIN_DECLS

/* How a name is shown (the preference "name-order"). */
typedef enum
{
  VASTUS_NAME_ORDER_GIVEN_FAMILY,   /* "Jonas Berg" */
  VASTUS_NAME_ORDER_FAMILY_GIVEN,   /* "BERG, Jonas" */
} VastusNameOrder;

const char *vastus_name_order_to_string   (VastusNameOrder  order);   /* "given-family" … */
gboolean    vastus_name_order_from_string (const char      *text,
                                           VastusNameOrder *out);

/* Splits @name (one field) into @family (never NULL for a name with a letter in it) and @given
 * (NULL when there are none), whitespace trimmed and runs of it made one space. Returns NULL
 * when the split is certain (a comma, or two words), else why it is a guess, as a stable code:
 * "one_word" (no given names) or "several_words" (where the family name starts is not known).
 * A name that is only blanks and commas gives NULL for both and returns "empty". */
const char *vastus_name_split             (const char      *name,
                                           char           **family,
                                           char           **given);
/* @text trimmed, each run of white space made one space; NULL when nothing is left. */
char       *vastus_name_tidy              (const char      *text);
/* The translated explanation of a code vastus_name_split returned. */
const char *vastus_name_guess_label       (const char      *code);

/* "Given Family" or "FAMILY, Given"; the family name alone when there are no given names. */
char       *vastus_name_format            (const char      *family,
                                           const char      *given,
                                           VastusNameOrder  order);
/* The patient's name in @order: from family_name and given_name, else split from name. */
char       *vastus_patient_format_name    (const VastusPatient *patient,
                                           VastusNameOrder      order);
/* What storage keeps in step before it writes: family_name and given_name are split from name
 * when family_name is empty or name is not @stored_name (the whole name as stored, NULL for a
 * new patient: a caller that changed only the whole name); then name is made "Given Family"
 * from them. Returns the guess code of vastus_name_split when it split by a guess, else NULL. */
const char *vastus_patient_settle_names   (VastusPatient   *patient,
                                           const char      *stored_name);

G_END_DECLS
