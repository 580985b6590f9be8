/* vastus-safety.h: red flags before maximal testing, and effusion-based progression
 *
 * clinical-reference.md §4 (red flags) and §3.3 (effusion progression, Adams 2012 / White 2013).
 *
 * Flag rules, each checked for one visit of an episode:
 *  - "effusion": a stroke-test grade of 2+ or more on either knee at this visit or the visit
 *    before it (either knee: maximal tests load both legs);
 *  - "pain": pain NRS at this visit at or above the clinic's limit;
 *  - "surgeon-restriction": the visit is before the surgeon's no_max_test_before date;
 *  - "early-maximal-test": a hop test or a maximal strength test on a fixed dynamometer (MVIC,
 *    isokinetic) is recorded at a visit before the surgeon's no_max_test_before date, or,
 *    without one, earlier than the clinic's minimum after ACL reconstruction (§4: ≥ 12 weeks);
 *    before testing (the visit editor) the visit's date alone raises it;
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

#include "vastus-clinic-rules.h"
#include "vastus-history.h"

G_BEGIN_DECLS

#define VASTUS_SAFETY_DEFAULT_PAIN_LIMIT VASTUS_DEFAULT_PAIN_LIMIT

typedef struct
{
  const char *code;      /* stable, see above */
  char       *reason;    /* translated, complete sentence */
  char       *brief;     /* translated, a few words for a one-line verdict: "effusion 2+" */
  const char *source;    /* where the rule comes from */
} VastusSafetyFlag;

void        vastus_safety_flag_free (VastusSafetyFlag *flag);

/* Of VastusSafetyFlag*, empty when nothing is flagged. @rules NULL: the defaults.
 * @before_testing: the visit is being entered and its tests are still to come. */
GPtrArray  *vastus_safety_check_rules (const VastusHistory     *history,
                                       guint                    visit_index,
                                       const VastusClinicRules *rules,
                                       gboolean                 before_testing);
/* The same with the default rules but @pain_limit, for a recorded visit. */
GPtrArray  *vastus_safety_check     (const VastusHistory *history,
                                     guint                visit_index,
                                     double               pain_limit);
/* The "surgeon-restriction" flag when the surgeon's no_max_test_before date is after @on, else
 * NULL. Free it with vastus_safety_flag_free (). */
VastusSafetyFlag *vastus_safety_surgeon_restriction (const VastusEpisode *episode,
                                                     const GDate         *on);
/* The first date a hop or maximal strength test is allowed for @episode: the surgeon's
 * no_max_test_before date, else for ACL reconstruction the surgery date plus the clinic's
 * minimum. FALSE when there is none. */
gboolean    vastus_safety_maximal_tests_from (const VastusEpisode     *episode,
                                              const VastusClinicRules *rules,
                                              GDate                   *out);

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
