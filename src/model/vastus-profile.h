/* vastus-profile.h: import profiles for device and spreadsheet exports (product.md "Device and
 * spreadsheet profiles")
 *
 * A profile is a GLib key file a clinic's IT can write by hand: a [Profile] group says how the
 * file is written (delimiter, decimal mark, date format, encoding) and which columns name the
 * patient and the date; one [Column HEADER] group per column to read says which measure and side
 * it holds, in which unit. The model only reads and checks profiles and turns a device file's
 * cells into the flat CSV's texts; storage imports them (vastus_csv_import_add_profile_stream ()),
 * through the same rules as a flat CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-csv.h"
#include "vastus-record.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_PROFILE_SIDE_NONE,
  VASTUS_PROFILE_SIDE_LEFT,
  VASTUS_PROFILE_SIDE_RIGHT,
  VASTUS_PROFILE_SIDE_INVOLVED,     /* the episode's involved side */
  VASTUS_PROFILE_SIDE_UNINVOLVED,
  VASTUS_PROFILE_SIDE_IN_CELL,      /* "17.3 R": the letter after the value (Suffix=side) */
} VastusProfileSide;

/* What a mapped column holds besides a measure: a visit detail. */
#define VASTUS_PROFILE_BODY_MASS "body_mass_kg"
#define VASTUS_PROFILE_HEIGHT    "height_cm"

typedef struct
{
  char              *header;        /* the file's column header (the group's name or Header=) */
  char              *measure;       /* a catalog code, or VASTUS_PROFILE_BODY_MASS/_HEIGHT */
  VastusProfileSide  side;
  char              *unit;          /* a unit code the measure accepts */
  char              *when;          /* read only in rows whose discriminator is this, or NULL */
  gboolean           unit_in_cell;  /* Suffix=unit: "250 N" is read as 250 */
} VastusProfileColumn;

typedef struct
{
  char       *id;                   /* "nordbord", or a saved profile's id */
  gboolean    builtin;
  char       *name;
  char        delimiter;            /* ',' ';' '\t' … */
  char        decimal_mark;         /* '.' or ',' */
  char      **date_formats;         /* strptime-style, the first that fits wins */
  char       *time_column;          /* or NULL */
  char      **time_formats;
  gboolean    utc;                  /* UTC=true: the date and time are UTC, whatever the header */
  char       *patient_column;       /* holds the MRN, or NULL */
  char       *name_column;          /* holds the patient's name, or NULL */
  char       *date_column;
  char       *discriminator_column; /* two rows per test, told apart by this, or NULL */
  char       *test_column;          /* the test a row holds, or NULL … */
  char      **tests;                /* … and the ones this profile reads (others are skipped) */
  char       *encoding;             /* NULL: UTF-8 */
  char      **signature;            /* the headers that recognise a file */
  GPtrArray  *columns;              /* of VastusProfileColumn* */
  char       *text;                 /* the key file it was read from */
} VastusProfile;

/* Reads and checks a profile; @id names it. Errors (VASTUS_PARSE_ERROR_PROFILE) name the group,
 * the key and the value. */
VastusProfile *vastus_profile_new_from_data  (const char  *id,
                                              const char  *data,
                                              gsize        length,
                                              GError     **error);
void           vastus_profile_free           (VastusProfile *profile);
/* The built-in profiles (nordbord, forceframe), read from their key files as any other. */
GPtrArray     *vastus_profile_list_builtin   (void);
/* A saved profile's id from a file name: "Clinic Sheet.ini" → "clinic-sheet"; NULL when nothing
 * of it can be an id. */
char          *vastus_profile_id_from_filename (const char *filename);
gboolean       vastus_profile_id_is_valid    (const char *id);

/* Header names are compared after trimming spaces, without a byte-order mark, ignoring case. */
char          *vastus_profile_header_key     (const char *header);
/* Whether @header (a file's first record read with the profile's delimiter) holds every header
 * of the profile's signature. */
gboolean       vastus_profile_fits           (const VastusProfile *profile,
                                              const VastusCsvRow  *header);
/* The first of @profiles (VastusProfile*) whose signature the start of a file fits, or NULL.
 * @head holds the file's first bytes (at least its header row). */
const VastusProfile *vastus_profile_detect   (GPtrArray   *profiles,
                                              const char  *head,
                                              gsize        length);

/* Whether the date in column @header is UTC: the profile says UTC=true, or the header ends in
 * "UTC" ("Date UTC"). */
gboolean       vastus_profile_date_is_utc    (const VastusProfile *profile,
                                              const char          *header);
/* The visit date of a row: @date_text in one of the date formats, with @time_text (or NULL)
 * in one of the time formats; when @utc, the clinic's local date at that moment. */
gboolean       vastus_profile_parse_date     (const VastusProfile *profile,
                                              const char          *date_text,
                                              const char          *time_text,
                                              gboolean             utc,
                                              GDate               *out,
                                              GError             **error);
/* The value text the flat CSV would hold for @cell: the decimal mark made ".", a unit after
 * the number removed where the column says Suffix=unit, the side letter read where it says
 * Suffix=side (@side_out: LEFT or RIGHT). Anything else is left as it is, for the importer to
 * refuse with the cell's own text; NULL (@error set) for a "." where the mark is ",". */
char          *vastus_profile_value_text     (const VastusProfile       *profile,
                                              const VastusProfileColumn *column,
                                              const char                *cell,
                                              VastusSide                *side_out,
                                              GError                   **error);
/* A side for a Side= key: left, right, involved, uninvolved, none. */
const char    *vastus_profile_side_to_string (VastusProfileSide side);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusProfile, vastus_profile_free)

G_END_DECLS
