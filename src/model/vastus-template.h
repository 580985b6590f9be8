/* vastus-template.h: visit templates (test batteries)
 *
 * A clinic's test battery for a condition and a phase of it ("ACL reconstruction, weeks 12–39:
 * return to running"): the measures a visit shows, in the order they are entered, each with the
 * trials to offer and, where the clinic's device has one, the unit its values are typed in. The
 * visit editor opens with the battery the episode's last visit used, else the one for the
 * episode's condition and the weeks since its surgery (else injury); any other measure can still
 * be added to a visit, and a visit needs no battery at all.
 *
 * The built-in batteries (clinical-reference.md §0, §1.8, §3.1, §3.2, §3.5) are data, seeded by
 * storage (sql/012-visit-templates.sql; tests/test-template-store.c checks that the two agree)
 * and never changed: a clinic copies one to adapt it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-catalog.h"
#include "vastus-record.h"

G_BEGIN_DECLS

/* The longest name (the schema's CHECK holds the same number). */
#define VASTUS_TEMPLATE_NAME_MAX_CHARS 100
/* The latest week a phase may start or end at (ten years). */
#define VASTUS_TEMPLATE_MAX_WEEK 520

typedef struct
{
  char  *measure;   /* catalog code */
  guint  trials;    /* the trials offered at first: 1 … VASTUS_MAX_TRIALS (1 for a measure
                     * entered once: vastus_measure_takes_trials) */
  char  *unit;      /* the unit values are typed in (one the measure accepts); NULL: the last
                     * visit's, else the catalog's */
} VastusTemplateMeasure;

typedef struct
{
  gint64           id;             /* 0 until stored */
  char            *code;           /* a built-in battery's stable id ("aclr-running"), else NULL */
  char            *name;
  gboolean         any_condition;  /* for every condition … */
  VastusCondition  condition;      /* … or for this one */
  int              from_week;      /* the phase: from_week ≤ weeks since surgery (else injury) */
  int              to_week;        /*   < to_week; −1: no end */
  char            *source;         /* where a built-in battery's measures come from, else NULL */
  gboolean         builtin;
  GPtrArray       *measures;       /* of VastusTemplateMeasure*, owned, in the order of entry */
} VastusTemplate;

VastusTemplate     *vastus_template_new          (void);
VastusTemplate     *vastus_template_copy         (const VastusTemplate *self);
void                vastus_template_free         (VastusTemplate       *self);
/* Whether the two say the same (id, name, condition, phase, measures …). */
gboolean            vastus_template_equal        (const VastusTemplate *a,
                                                  const VastusTemplate *b);
/* Appends a measure (@unit may be NULL). */
void                vastus_template_add_measure     (VastusTemplate       *self,
                                                  const char           *measure,
                                                  guint                 trials,
                                                  const char           *unit);
/* The item for @measure, NULL when the battery does not hold it. */
const VastusTemplateMeasure *vastus_template_find   (const VastusTemplate *self,
                                                  const char           *measure);
/* The name to show: a built-in battery's translated, else the stored one. */
const char         *vastus_template_get_name     (const VastusTemplate *self);
/* "ACL reconstruction · weeks 12–39", "Any condition · from week 39", "ACL reconstruction" … */
char               *vastus_template_describe     (const VastusTemplate *self);

/* Every problem (VastusProblem*, vastus-validate.h): the name (required, at most
 * VASTUS_TEMPLATE_NAME_MAX_CHARS, no control characters), at least one measure, each known and
 * once, its trials and its unit, and the phase (0 … VASTUS_TEMPLATE_MAX_WEEK, the end after the
 * start). Fields: "name", "measures", "from_week", "to_week", "measures/CODE". */
GPtrArray          *vastus_template_check        (const VastusTemplate *self);

/* Whether @self is for @episode at @date: its condition (or any), and the weeks since the
 * episode's surgery (else injury) in its phase; a battery with a phase never fits an episode
 * without either date. */
gboolean            vastus_template_fits         (const VastusTemplate *self,
                                                  const VastusEpisode  *episode,
                                                  const GDate          *date);
/* The battery a new visit of @episode on @date opens with, from @templates (of VastusTemplate*):
 * the one @last_id names (the episode's last visit's, 0: none) while it exists, else the first
 * that fits, the clinic's before the built-in ones and one for the condition before one for any;
 * NULL: none (every measure). */
const VastusTemplate *vastus_template_choose     (GPtrArray            *templates,
                                                  gint64                last_id,
                                                  const VastusEpisode  *episode,
                                                  const GDate          *date);

/* The built-in batteries, in the order they are seeded (of VastusTemplate*, owned by the caller;
 * ids 0). */
GPtrArray          *vastus_template_builtins     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusTemplate, vastus_template_free)

G_END_DECLS
