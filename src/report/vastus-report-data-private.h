/* vastus-report-data-private.h: what the report's data files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-report-data.h"

G_BEGIN_DECLS

void _vastus_report_prom_row_free      (VastusReportPromRow       *row);
/* Fills data->questionnaires and data->prom from @history (the visits up to the report date);
 * @format_date returns a date as the report shows it (ISO, or weeks when de-identified). */
void _vastus_report_add_questionnaires (VastusReportData          *data,
                                        const VastusHistory       *history,
                                        char                      *(*format_date) (const GDate *, gpointer),
                                        gpointer                   date_data,
                                        const VastusReportOptions *options);

G_END_DECLS
