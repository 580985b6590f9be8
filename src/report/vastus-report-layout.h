/* vastus-report-layout.h: paginates a report and draws its pages on any cairo_t
 *
 * One code path for the PDF file (cairo_pdf_surface), the print-out (GtkPrintOperation's
 * draw-page, in points) and the preview (an image surface): the layout measures every block
 * with Pango first (fonts with unhinted metrics, so sizes do not depend on the surface), breaks
 * pages between lines of text (of a paragraph or of a table row, the table's header repeated
 * with "continued") and never inside a chart, and only then draws, so "page X of Y" is known
 * on every page. No text is cut off or drawn over the footer, however long. Units are
 * PostScript points, the origin at the page's top left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "vastus-chart-data.h"
#include "vastus-report-data.h"

G_BEGIN_DECLS

#define VASTUS_REPORT_MARGIN     40.0   /* pt, every side */
#define VASTUS_REPORT_FONT       "Cantarell, DejaVu Sans"

typedef struct _VastusReportLayout VastusReportLayout;

typedef struct
{
  VastusChartKind kind;
  guint           page;     /* 0-based */
  double          x, y, width, height;
} VastusReportChartPlacement;

/* @data must outlive the layout. */
VastusReportLayout *vastus_report_layout_new          (const VastusReportData *data,
                                                       double                  page_width,
                                                       double                  page_height);
void                vastus_report_layout_free         (VastusReportLayout     *self);
guint               vastus_report_layout_get_n_pages  (VastusReportLayout     *self);
void                vastus_report_layout_get_page_size (VastusReportLayout    *self,
                                                        double                *width,
                                                        double                *height);
/* Draws page @page (0-based) with the origin at the page's top left, in points. Leaves the
 * background alone (paper is white). */
void                vastus_report_layout_draw_page    (VastusReportLayout     *self,
                                                       cairo_t                *cr,
                                                       guint                   page);
/* Where the charts went: for tests and for the preview. */
guint               vastus_report_layout_get_n_charts (VastusReportLayout     *self);
const VastusReportChartPlacement *
                    vastus_report_layout_get_chart    (VastusReportLayout     *self,
                                                       guint                   index);

/* The whole report as PDF bytes (title, author and subject set, fonts embedded). */
GBytes             *vastus_report_render_pdf          (const VastusReportData *data,
                                                       VastusPaper             paper,
                                                       GError                **error);
/* Writes the PDF to @path (atomically, 0600) and returns its SHA-256 (of the file as written,
 * read back), or NULL with @error. */
char               *vastus_report_write_pdf           (const VastusReportData *data,
                                                       VastusPaper             paper,
                                                       const char             *path,
                                                       GError                **error);
/* Page @page drawn on a white image at @scale pixels per point (the preview). */
cairo_surface_t    *vastus_report_layout_render_page  (VastusReportLayout     *self,
                                                       guint                   page,
                                                       double                  scale);
/* One page drawn on a white image at @scale pixels per point. */
cairo_surface_t    *vastus_report_render_page_image   (const VastusReportData *data,
                                                       VastusPaper             paper,
                                                       guint                   page,
                                                       double                  scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusReportLayout, vastus_report_layout_free)

G_END_DECLS
