/* vastus-verdict.h: how an evaluation reads, the same in the window, the report and the
 * command line
 *
 *  - the verdict is one statement: "8 of 12 criteria met · not cleared: effusion 2+ (hold),
 *    13 weeks of the 39 the source advises"; "… criteria met · nothing holds" only when the
 *    evaluation is ready, so that "all criteria met" never stands alone while anything holds;
 *  - a criterion's value is shown with the digits that explain its verdict: 89.98 % against
 *    ≥ 90 % is "89.98 %", never "90.0 %" beside "not met" (the comparison is
 *    vastus_comparator_test (), the rounding is for display only);
 *  - a strength result from a hand-held dynamometer says so, and how it was fixed;
 *  - a result too old to count says when it was measured: "last measured 12 Jun 2025 — older
 *    than 4 weeks".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-evaluation.h"

G_BEGIN_DECLS

/* Formats a date for a person: the window's "12 Jun 2025", a de-identified report's "week 14".
 * Returns a newly allocated string. */
typedef char *(*VastusDateText) (const GDate *date,
                                 gpointer     user_data);

/* The one-statement verdict. */
char *vastus_evaluation_verdict          (const VastusEvaluation      *evaluation);

/* @value of @criterion (read from @measure_code, may be NULL) in the criterion's unit, or for a
 * value criterion on a number measure in the measure's unit (@imperial: lbf, in where the
 * measure takes them). @status MET or NOT_MET adds decimals until the rounded value agrees with
 * it; NOT_TESTED formats plainly. */
char *vastus_criterion_format_value      (const VastusCriterion       *criterion,
                                          const char                  *measure_code,
                                          double                       value,
                                          VastusStatus                 status,
                                          gboolean                     imperial);
/* What the criterion asks for: "≥ 90.0 %", "< 5", for a yes/no finding "no". */
char *vastus_criterion_format_requirement (const VastusCriterion      *criterion,
                                           const char                 *measure_code,
                                           gboolean                    imperial);

/* The criterion's label (@label: as the caller shows it, e.g. translated) and, for a result
 * from a hand-held dynamometer, " — by hand-held dynamometer". */
char *vastus_criterion_result_label      (const VastusCriterionResult *result,
                                          const char                  *label);
/* The result's value as above and how a hand-held dynamometer was fixed; for a criterion not
 * tested, why ("last measured 12 Jun 2025 — older than 4 weeks"). @date_text NULL: ISO dates. */
char *vastus_criterion_result_value      (const VastusCriterionResult *result,
                                          const VastusEvaluation      *evaluation,
                                          gboolean                     imperial,
                                          VastusDateText               date_text,
                                          gpointer                     user_data);

G_END_DECLS
