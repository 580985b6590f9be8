/* vastus-instrument.h: questionnaires as data (clinical-reference §1.10, §1.11)
 *
 * Each built-in instrument is one file, src/model/instruments/ID.instrument.xml, compiled into a
 * GResource. It holds facts only: the items' official numbering, a short topic label written for
 * Vastus, the points of each answer, the scales with their measure code, scoring rule,
 * missing-item rule and minimal important change, the direction, the source and the terms of use.
 * Never an item's wording: that is copyrighted, and a clinic that holds the form loads it
 * (vastus-wording.h).
 *
 * The file format (every element and attribute; others are an error):
 *
 *   <instrument id="ID" better="higher|lower">
 *     <name>short name</name> <title>full name</title> <edition>version pinned</edition>
 *     <source>…</source> <terms>terms of use</terms> <note>…</note>*
 *     <item id="ITEM" points="P P P …" [reversed="yes"]><topic>label</topic></item>+
 *     <scale id="SCALE" measure="CATALOG_CODE" scoring="RULE" items="ITEM …" min-answered="N"
 *            [scales="SCALE …"]>
 *       <label>label</label>
 *       [<table>V V V …</table>]
 *       [<mic value="X" source="…"><population>…</population></mic>]
 *     </scale>+
 *   </instrument>
 *
 * points lists an item's possible answers as integers, in the order the form prints them (the
 * order of answer labels in a wording file). RULE is one of
 *   inverted-mean       100 − mean over the answered items of (answer ÷ item maximum) × 100
 *                       (KOOS: 100 − mean × 25)
 *   percent-of-maximum  sum of the answered items ÷ sum of their maxima × 100 (IKDC, KOS-ADLS)
 *   sum                 sum of the answers (LEFS, Lysholm, Kujala, Tegner)
 *   mean                mean of the answers (ACL-RSI)
 *   table               the sum of the answers looked up in <table> (KOOS JR)
 *   mean-of-scales      mean of the scores of the scales named in scales= (KOOS-12 summary);
 *                       scored only when every one of them is
 * A reversed item is scored as (its maximum − answer). A scale is scored only when at least
 * min-answered of its items are answered (its missing-item rule).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_SCORING_INVERTED_MEAN,
  VASTUS_SCORING_PERCENT_OF_MAXIMUM,
  VASTUS_SCORING_SUM,
  VASTUS_SCORING_MEAN,
  VASTUS_SCORING_TABLE,
  VASTUS_SCORING_MEAN_OF_SCALES,
} VastusScoring;

typedef struct
{
  char      *id;            /* official numbering: "P1", "9a", "limp" */
  char      *topic;         /* untranslated; vastus_item_get_topic () */
  int       *points;        /* the possible answers, in the form's order */
  guint      n_points;
  int        min;           /* lowest and highest of points */
  int        max;
  gboolean   reversed;      /* scored as max − answer */
} VastusItem;

typedef struct
{
  char          *id;
  char          *label;          /* untranslated; vastus_scale_get_label () */
  char          *measure;        /* the catalog code the score is stored under */
  VastusScoring  scoring;
  guint         *items;          /* indices into the instrument's items */
  guint          n_items;
  guint          min_answered;   /* the missing-item rule */
  guint         *scales;         /* mean-of-scales: indices into the instrument's scales */
  guint          n_scales;
  double        *table;          /* table: score by raw sum */
  guint          n_table;
  double         mic;            /* minimal important change, NAN when none is published */
  char          *mic_population; /* untranslated */
  char          *mic_source;
} VastusScale;

typedef struct
{
  char          *id;             /* contract id: "koos", "ikdc" … */
  char          *name;           /* "KOOS" */
  char          *title;
  char          *edition;
  char          *source;
  char          *terms;
  char         **notes;
  VastusBetter   better;
  GPtrArray     *items;          /* of VastusItem* */
  GPtrArray     *scales;         /* of VastusScale* */
} VastusInstrument;

/* The built-in instruments, in the contract's order (product.md: koos, koos12, koos_jr, ikdc,
 * kos_adls, lefs, lysholm, kujala, acl_rsi, acl_rsi_short, tegner). */
guint                   vastus_instruments_get_n       (void);
const VastusInstrument *vastus_instruments_get_nth     (guint       index);
const VastusInstrument *vastus_instrument_lookup       (const char *id);
/* The instrument and scale whose score is stored under @measure; NULL for a measure that no
 * instrument scores (typed scores such as the global rating, Oxford or WOMAC, and every
 * non-questionnaire measure). */
const VastusScale      *vastus_instrument_scale_for_measure (const char              *measure,
                                                             const VastusInstrument **instrument);

/* Parses one instrument file; NULL with @error (G_MARKUP_ERROR) naming what is wrong. Checks
 * that every measure is in the catalog, every item of a scale exists, rules are complete. */
VastusInstrument       *vastus_instrument_parse        (const char  *data,
                                                        gssize       length,
                                                        GError     **error);
void                    vastus_instrument_free         (VastusInstrument *self);

const VastusItem       *vastus_instrument_find_item    (const VastusInstrument *self,
                                                        const char             *item_id,
                                                        guint                  *index);
const VastusScale      *vastus_instrument_find_scale   (const VastusInstrument *self,
                                                        const char             *measure);
/* TRUE when @points is one of @item's answers. */
gboolean                vastus_item_accepts            (const VastusItem *item,
                                                        int               points);
/* "0–4", "0, 2, 5", "0–100 in steps of 10": what an item takes, for messages. */
char                   *vastus_item_describe_points    (const VastusItem *item);

const char             *vastus_item_get_topic          (const VastusItem  *item);
const char             *vastus_scale_get_label         (const VastusScale *scale);
const char             *vastus_scale_get_mic_population (const VastusScale *scale);
const char             *vastus_scoring_to_string       (VastusScoring      scoring);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusInstrument, vastus_instrument_free)

G_END_DECLS
