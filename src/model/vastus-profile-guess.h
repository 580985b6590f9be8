/* vastus-profile-guess.h: making a profile for a file nobody mapped yet
 *
 * What the import assistant needs besides the profiles themselves: the first rows of a file as
 * it is written (the delimiter, the decimal mark and a legacy encoding guessed from its bytes),
 * each column's role guessed from its header (L / R prefixes, (L) / (R) suffixes, li / re,
 * left / right, involved / uninvolved, units in parentheses or brackets, a few words naming
 * a date, a time, a patient or a measure), the date formats the date column's values fit, and a
 * profile's key file written from the roles chosen, read back through vastus_profile_new_from_data
 * so that a profile made here is checked as any other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-profile.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_COLUMN_ROLE_NONE,          /* not read */
  VASTUS_COLUMN_ROLE_PATIENT,       /* the MRN */
  VASTUS_COLUMN_ROLE_NAME,          /* the patient's name */
  VASTUS_COLUMN_ROLE_DATE,
  VASTUS_COLUMN_ROLE_TIME,
  VASTUS_COLUMN_ROLE_VALUE,         /* a measure's value (or the visit's body mass or height) */
} VastusColumnRole;

/* What one column of a file is read as. */
typedef struct
{
  char              *header;
  VastusColumnRole   role;
  char              *measure;       /* VALUE: a catalog code, VASTUS_PROFILE_BODY_MASS or
                                     * _HEIGHT; NULL while none is chosen */
  VastusProfileSide  side;          /* VALUE of a measure with sides: LEFT … UNINVOLVED */
  char              *unit;          /* VALUE: a unit the measure takes; NULL: none chosen */
} VastusColumnMapping;

VastusColumnMapping *vastus_column_mapping_new   (const char                *header);
VastusColumnMapping *vastus_column_mapping_copy  (const VastusColumnMapping *mapping);
void                 vastus_column_mapping_free  (VastusColumnMapping       *mapping);
/* A mapping of @header guessed from the header alone: a value only when the header names its
 * measure; otherwise not read, with the side and unit it names kept for a person's choice. */
VastusColumnMapping *vastus_column_mapping_guess (const char                *header);
/* The side a header names ("L Max Force (N)", "Peak Force [N] (R)", "Quadrizeps li (kg)",
 * "Beteiligt …"), else NONE. */
VastusProfileSide    vastus_profile_guess_side   (const char *header);
/* The unit code of the unit a header names in parentheses or brackets ("(N)", "[KG]"), else
 * NULL. */
const char          *vastus_profile_guess_unit   (const char *header);
/* What @profile reads from the column @header of a file, for a person: "Date", "Patient (MRN)",
 * "Nordic hamstrings, left, in N", "Squeeze: …; Pull: …", "Test (only Nordic)"; NULL: not
 * read. */
char                *vastus_profile_describe_column (const VastusProfile *profile,
                                                     const char          *header);
/* @mapping as @profile reads the column @header, when it reads it in a way a mapping can say
 * (one role; no When=, Suffix= or test filter): TRUE. */
gboolean             vastus_profile_column_mapping (const VastusProfile  *profile,
                                                    const char           *header,
                                                    VastusColumnMapping  *mapping);

/* The start of a file: how it is written and its first rows. */
typedef struct
{
  char        delimiter;            /* ',' ';' or '\t' */
  char        decimal_mark;         /* '.' or ',' */
  char       *encoding;             /* NULL: UTF-8; else the legacy encoding it was read in */
  GPtrArray  *rows;                 /* of GStrv: the header, then the first rows */
  guint       n_columns;
  gboolean    complete;             /* @rows holds the whole file */
} VastusFileHead;

/* Reads the first @max_rows rows (after the header) of @head, the first @length bytes of a file
 * (@complete: all of it). @delimiter and @encoding: as a profile says them, or 0 and NULL to
 * guess them (not UTF-8: Windows-1252). The decimal mark is guessed from the values. */
VastusFileHead *vastus_file_head_read   (const char  *head,
                                         gsize        length,
                                         gboolean     complete,
                                         char         delimiter,
                                         const char  *encoding,
                                         guint        max_rows,
                                         GError     **error);
void            vastus_file_head_free   (VastusFileHead *head);

/* The date formats a profile made here may use, the likeliest first. */
const char * const *vastus_profile_known_date_formats (void);
/* The date formats every non-empty value of @column (0-based) of @head's rows fits, the likeliest
 * first; empty when none does. */
char          **vastus_profile_guess_date_formats (const VastusFileHead *head,
                                                   guint                column);

/* A profile (@id, named @name) for a file written as @head is, reading @mappings (one per
 * column, in the file's order) with @date_format. NULL with a VASTUS_PARSE_ERROR_PROFILE error
 * when the mappings do not make one: no date column, a value column without its measure, side
 * or unit … naming the column. */
VastusProfile  *vastus_profile_build    (const char            *id,
                                         const char            *name,
                                         const VastusFileHead  *head,
                                         const char            *date_format,
                                         GPtrArray             *mappings,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusColumnMapping, vastus_column_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusFileHead, vastus_file_head_free)

G_END_DECLS
