/* vastus-safety.h: red flags before maximal testing, and effusion-based progression
 *
 * clinical-reference.md §4 (red flags) and §3.3 (effusion progression, Adams 2012 / White 2013).
 *
 * Flag rules, each checked for one visit of an episode:
 *  - "effusion": a stroke-test grade of 2+ or more on either knee at this visit or the visit
 *    before it (either knee: maximal tests load both legs);
 *  - "pain": pain NRS at this visit above the configurable limit (strictly above);
 *  - "surgeon-restriction": the visit is before the surgeon's no_max_test_before date;
 *  - "no-slr", "nerve-block", "dvt-signs", "infection-signs": findings recorded at the visit;
 *  - "tendon-rupture": suspected quadriceps or patellar tendon rupture when the patient cannot
 *    do a straight-leg raise and an extension lag is recorded (> 0°) on the involved knee (or
 *    either knee when both are involved), or when the extension lag on such a knee has grown
 *    by 10° or more since the previous visit that recorded it, that visit being on or after
 *    the surgery date when there is one (a lag right after surgery is the expected course)
 *    [background: the 10° step is a default; the hallmark signs are an extension lag and no
 *    SLR, Medscape 1249621].
 *
 * Effusion progression per visit (§3.3), on the involved knee's grade (the worse one when both
 * are involved), visits without a grade skipped:
 *  - 1+ or less, not after a 2+ visit: progress;
 *  - 2+ or more: hold (treat the effusion); this starts a watch;
 *  - the visit after a 2+: trace or none → progress (watch ends); 1+ → keep the same level;
 *    2+ → hold;
 *  - the next visit after that (the second after the 2+): 1+ or less → progress (watch ends);
 *    2+ → hold and notify; further 2+ visits stay at hold and notify.
 *  So 2+ at three consecutive sessions (or 2+, 1+, 2+) → hold and notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-history.h"

G_BEGIN_DECLS

#define VASTUS_SAFETY_DEFAULT_PAIN_LIMIT 5.0   /* [background] a default the clinic can change */

typedef struct
{
  const char *code;      /* stable, see above */
  char       *reason;    /* translated, complete sentence */
  const char *source;    /* where the rule comes from */
} VastusSafetyFlag;

void        vastus_safety_flag_free (VastusSafetyFlag *flag);

/* Of VastusSafetyFlag*, empty when nothing is flagged. */
GPtrArray  *vastus_safety_check     (const VastusHistory *history,
                                     guint                visit_index,
                                     double               pain_limit);

typedef enum
{
  VASTUS_EFFUSION_ADVICE_NONE,         /* no grade recorded at this visit */
  VASTUS_EFFUSION_ADVICE_PROGRESS,
  VASTUS_EFFUSION_ADVICE_KEEP,         /* keep the same level, do not advance */
  VASTUS_EFFUSION_ADVICE_HOLD,         /* hold, treat the effusion */
  VASTUS_EFFUSION_ADVICE_HOLD_NOTIFY,  /* hold and notify the surgeon */
} VastusEffusionAdvice;

const char          *vastus_effusion_advice_to_string (VastusEffusionAdvice advice); /* "progress" … */
const char          *vastus_effusion_advice_label     (VastusEffusionAdvice advice); /* translated */
VastusEffusionAdvice vastus_effusion_advice           (const VastusHistory *history,
                                                       guint                visit_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusSafetyFlag, vastus_safety_flag_free)

G_END_DECLS
