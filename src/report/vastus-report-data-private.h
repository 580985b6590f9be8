/* vastus-report-data-private.h: what the report's data files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-report-data.h"

G_BEGIN_DECLS

/* Dates: ISO in a report, weeks since the index date in a de-identified one. */
typedef struct
{
  gboolean     deidentified;
  const GDate *index;        /* NULL: none */
} VastusReportDateStyle;

char    *_vastus_report_format_date      (const VastusReportDateStyle *style,
                                          const GDate                 *date);
/* The same, with the style as @user_data. */
char    *_vastus_report_format_date_cb   (const GDate                 *date,
                                          gpointer                     user_data);

/* vastus-report-measures.c */
void     _vastus_report_measure_row_free (VastusReportMeasureRow      *row);
gboolean _vastus_report_visit_has        (const VastusVisit           *visit,
                                          const char                  *code);
/* The column headers and a row for each measure of the visits up to @n_visits, in catalog order
 * (strength, girth, motion, function, questionnaires). */
void     _vastus_report_add_measures     (VastusReportData            *data,
                                          const VastusHistory         *history,
                                          guint                        n_visits,
                                          const VastusReportDateStyle *dates,
                                          gboolean                     imperial);
/* The "Quadriceps LSI" tile, from the rows and the criteria's @results (may be NULL). */
void     _vastus_report_choose_headline  (VastusReportData            *data,
                                          GPtrArray                   *results);

/* vastus-report-charts.c: the charts of the visits up to @n_visits; @index is the date weeks are
 * counted from (NULL: none). */
void     _vastus_report_add_charts       (VastusReportData            *data,
                                          const VastusHistory         *history,
                                          guint                        n_visits,
                                          const VastusCriteriaSet     *set,
                                          const GDate                 *index,
                                          const VastusReportDateStyle *dates,
                                          const VastusReportOptions   *options);

/* vastus-report-redact.c: @text without the patient's name, MRN or dates (a new string). */
char    *_vastus_report_redact           (const char                  *text,
                                          const VastusPatient         *patient);

/* vastus-report-prom.c */
void _vastus_report_prom_row_free      (VastusReportPromRow       *row);
/* Fills data->questionnaires and data->prom from @history (the visits up to the report date);
 * @format_date returns a date as the report shows it (ISO, or weeks when de-identified). */
void _vastus_report_add_questionnaires (VastusReportData          *data,
                                        const VastusHistory       *history,
                                        char                      *(*format_date) (const GDate *, gpointer),
                                        gpointer                   date_data,
                                        const VastusReportOptions *options);

G_END_DECLS
