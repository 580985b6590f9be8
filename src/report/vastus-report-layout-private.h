/* vastus-report-layout-private.h: the blocks a report is made of, and how they flow onto pages
 *
 * vastus-report-flow.c measures blocks and breaks them into pages; vastus-report-layout.c says
 * what the blocks are (the report's content) and draws the page frame.
 *
 * Every block that holds text a person wrote (names, the procedure, restrictions, the
 * assessment, a clinic's criteria) may be cut between its lines: a block's "breaks" are the
 * offsets where it may be cut, and a block that does not fit goes on over as many pages as it
 * needs. A table row is cut where every cell is between lines; the table's heading and its
 * header row are repeated, marked "continued", at the top of each further page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "vastus-report-layout.h"

G_BEGIN_DECLS

/* Type sizes (pt) and spacing. */
#define SIZE_BODY       8.5
#define SIZE_SMALL      7.5
#define SIZE_TABLE      8.0
#define SIZE_HEADING   11.0
#define SIZE_TITLE     15.0
#define SIZE_TILE      15.0
#define CELL_PAD_X      3.0
#define CELL_PAD_Y      2.6
#define FOOTER_H       12.0
#define RUNNING_H      20.0
#define CHART_GAP      12.0
#define MAX_COLS        8

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.12, 0.12, 0.14 };
static const Rgb dim = { 0.37, 0.36, 0.39 };
static const Rgb rule = { 0.75, 0.75, 0.76 };
static const Rgb shade = { 0.955, 0.955, 0.96 };
static const Rgb accent = { 0.11, 0.44, 0.85 };
static const Rgb met_rgb = { 0.15, 0.55, 0.33 };
static const Rgb not_met_rgb = { 0.75, 0.11, 0.16 };

/* The same colours for Pango markup. */
#define MARKUP_DIM     "#5e5c63"
#define MARKUP_ACCENT  "#1c70d9"

typedef enum
{
  BLOCK_TEXT,
  BLOCK_HEADING,
  BLOCK_ROW,
  BLOCK_SPACE,
  BLOCK_CUSTOM,          /* drawn by its draw function, never cut */
} BlockKind;

typedef enum
{
  TABLE_GRID,            /* a header row with a rule under it, plain text cells */
  TABLE_FIELDS,          /* key and value pairs, markup cells; the header row in the accent */
  TABLE_PLAIN,           /* markup cells, no header */
} TableStyle;

typedef struct _Block Block;
typedef struct _Table Table;

typedef void (*BlockDrawFunc) (VastusReportLayout *self,
                               cairo_t            *cr,
                               const Block        *block,
                               double              y);

struct _Table
{
  TableStyle      style;
  guint           n_cols;
  double          widths[MAX_COLS];
  PangoAlignment  align[MAX_COLS];
  double          pad_y;             /* above and below a row's text */
  Block          *header;            /* repeated at the top of a continued page */
  Block          *continued;         /* "… (continued)", above it there */
};

struct _Block
{
  BlockKind       kind;
  double          height;
  guint           keep;              /* following blocks that must share this one's page */
  GArray         *breaks;            /* double: where it may be cut, ascending from 0 to the
                                      * height; NULL: never */

  /* TEXT, HEADING */
  PangoLayout    *layout;
  double          indent;
  Rgb             color;

  /* ROW */
  Table          *table;
  PangoLayout    *cells[MAX_COLS];   /* NULL where a cell spans over */
  guint           span[MAX_COLS];
  Rgb             cell_colors[MAX_COLS];
  gboolean        header_row;
  gboolean        shaded;

  /* CUSTOM */
  BlockDrawFunc   draw;
  VastusChartKind charts[2];
  guint           n_charts;
};

typedef struct
{
  Block  *block;
  guint   page;
  double  y;
  double  from, to;                  /* the part of the block on this page */
} Placement;

struct _VastusReportLayout
{
  const VastusReportData *data;
  double                  page_w, page_h;
  double                  left, content_w;
  double                  top_first, top_next, bottom;

  cairo_surface_t        *measure_surface;
  cairo_t                *measure_cr;
  PangoContext           *pango;

  GPtrArray              *blocks;     /* of Block* */
  GPtrArray              *tables;     /* of Table* */
  GArray                 *placements; /* of Placement */
  GArray                 *charts;     /* of VastusReportChartPlacement */
  guint                   n_pages;
};

/* Text */
PangoLayout *_vastus_report_text_layout   (VastusReportLayout   *self,
                                           const char           *text,
                                           double                size,
                                           PangoWeight           weight,
                                           double                width,
                                           PangoAlignment        align);
PangoLayout *_vastus_report_markup_layout (VastusReportLayout   *self,
                                           const char           *markup,
                                           double                size,
                                           double                width,
                                           PangoAlignment        align);
/* One line, cut with … at @width: for the running header and the footer, whose full text is
 * on page 1. */
PangoLayout *_vastus_report_line_layout   (VastusReportLayout   *self,
                                           const char           *text,
                                           double                size,
                                           double                width,
                                           PangoAlignment        align);
double       _vastus_report_height        (PangoLayout          *layout);
void         _vastus_report_set_rgb       (cairo_t              *cr,
                                           const Rgb            *color);
void         _vastus_report_show          (cairo_t              *cr,
                                           PangoLayout          *layout,
                                           const Rgb            *color,
                                           double                x,
                                           double                y);
/* The lines of @layout (its top at @y) that lie between @top and @bottom. */
void         _vastus_report_show_part     (cairo_t              *cr,
                                           PangoLayout          *layout,
                                           const Rgb            *color,
                                           double                x,
                                           double                y,
                                           double                top,
                                           double                bottom);
void         _vastus_report_hline         (cairo_t              *cr,
                                           const Rgb            *color,
                                           double                x,
                                           double                y,
                                           double                width,
                                           double                line_width);

/* Blocks, in reading order */
void         _vastus_report_block_free    (gpointer              block);
void         _vastus_report_table_free    (gpointer              table);
Block       *_vastus_report_add_block     (VastusReportLayout   *self,
                                           BlockKind             kind,
                                           double                height);
void         _vastus_report_add_space     (VastusReportLayout   *self,
                                           double                height);
Block       *_vastus_report_add_text      (VastusReportLayout   *self,
                                           const char           *text,
                                           gboolean              markup,
                                           double                size,
                                           const Rgb            *color,
                                           double                indent);
Block       *_vastus_report_add_heading   (VastusReportLayout   *self,
                                           const char           *text);
/* @widths: 0 takes the rest. @continued: the line above the header row repeated on a further
 * page, e.g. "Key measures (continued)". */
Table       *_vastus_report_add_table     (VastusReportLayout   *self,
                                           TableStyle            style,
                                           guint                 n_cols,
                                           const double         *widths,
                                           const PangoAlignment *align,
                                           const char           *continued);
/* @cells: n_cols texts (markup for FIELDS and PLAIN tables); @spans (may be NULL): how many
 * columns each cell covers, 0 for a covered one; @colors may be NULL (ink). */
Block       *_vastus_report_add_row       (VastusReportLayout   *self,
                                           Table                *table,
                                           const char *const    *cells,
                                           const guint          *spans,
                                           const Rgb            *colors,
                                           gboolean              header,
                                           gboolean              shaded);
void         _vastus_report_set_cell_bold (Block                *block,
                                           guint                 column);

void         _vastus_report_paginate      (VastusReportLayout   *self);
void         _vastus_report_draw_placement (VastusReportLayout  *self,
                                            cairo_t             *cr,
                                            const Placement     *p);

G_END_DECLS
