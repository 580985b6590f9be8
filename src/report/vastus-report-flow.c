/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include <math.h>

#include "vastus-report-layout-private.h"

#define EPSILON 0.01
/* A block cut over two pages leaves at least this many lines on each (no orphans or widows),
 * unless that cannot be done. */
#define MIN_LINES 2

#define BREAK(b, i) g_array_index ((b)->breaks, double, (i))

/* Text */

static PangoLayout *
new_layout (VastusReportLayout *self,
            double              size,
            PangoWeight         weight,
            double              width,
            PangoAlignment      align)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *font = pango_font_description_from_string (VASTUS_REPORT_FONT);

  pango_font_description_set_size (font, (int) round (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  return layout;
}

PangoLayout *
_vastus_report_text_layout (VastusReportLayout *self,
                            const char         *text,
                            double              size,
                            PangoWeight         weight,
                            double              width,
                            PangoAlignment      align)
{
  PangoLayout *layout = new_layout (self, size, weight, width, align);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

PangoLayout *
_vastus_report_markup_layout (VastusReportLayout *self,
                              const char         *markup,
                              double              size,
                              double              width,
                              PangoAlignment      align)
{
  PangoLayout *layout = new_layout (self, size, PANGO_WEIGHT_NORMAL, width, align);

  pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);
  return layout;
}

PangoLayout *
_vastus_report_line_layout (VastusReportLayout *self,
                            const char         *text,
                            double              size,
                            double              width,
                            PangoAlignment      align)
{
  PangoLayout *layout = _vastus_report_text_layout (self, text, size, PANGO_WEIGHT_NORMAL, width,
                                                    align);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -1);   /* one line */
  return layout;
}

double
_vastus_report_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

void
_vastus_report_set_rgb (cairo_t   *cr,
                        const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

void
_vastus_report_show (cairo_t     *cr,
                     PangoLayout *layout,
                     const Rgb   *color,
                     double       x,
                     double       y)
{
  _vastus_report_set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
_vastus_report_show_part (cairo_t     *cr,
                          PangoLayout *layout,
                          const Rgb   *color,
                          double       x,
                          double       y,
                          double       top,
                          double       bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  _vastus_report_set_rgb (cr, color);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (y + (double) y0 / PANGO_SCALE < top - EPSILON || y + (double) y1 / PANGO_SCALE > bottom + EPSILON)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                     y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
_vastus_report_hline (cairo_t   *cr,
                      const Rgb *color,
                      double     x,
                      double     y,
                      double     width,
                      double     line_width)
{
  _vastus_report_set_rgb (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

/* The tops of @layout's lines, shifted by @offset, into @breaks. */
static void
add_line_tops (GArray      *breaks,
               PangoLayout *layout,
               double       offset)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      double top;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = offset + (double) y0 / PANGO_SCALE;
      g_array_append_val (breaks, top);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Blocks */

void
_vastus_report_block_free (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_pointer (&block->breaks, g_array_unref);
  for (guint i = 0; i < MAX_COLS; i++)
    g_clear_object (&block->cells[i]);
  g_free (block);
}

void
_vastus_report_table_free (gpointer data)
{
  Table *table = data;

  g_clear_pointer (&table->continued, _vastus_report_block_free);
  g_free (table);
}

Block *
_vastus_report_add_block (VastusReportLayout *self,
                          BlockKind           kind,
                          double              height)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->height = height;
  block->color = ink;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
_vastus_report_add_space (VastusReportLayout *self,
                          double              height)
{
  _vastus_report_add_block (self, BLOCK_SPACE, height);
}

Block *
_vastus_report_add_text (VastusReportLayout *self,
                         const char         *text,
                         gboolean            markup,
                         double              size,
                         const Rgb          *color,
                         double              indent)
{
  Block *block = _vastus_report_add_block (self, BLOCK_TEXT, 0);

  if (markup)
    block->layout = _vastus_report_markup_layout (self, text, size, self->content_w - indent,
                                                  PANGO_ALIGN_LEFT);
  else
    block->layout = _vastus_report_text_layout (self, text, size, PANGO_WEIGHT_NORMAL,
                                                self->content_w - indent, PANGO_ALIGN_LEFT);
  block->indent = indent;
  block->color = *color;
  block->height = _vastus_report_height (block->layout);
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  add_line_tops (block->breaks, block->layout, 0);
  g_array_append_val (block->breaks, block->height);
  return block;
}

Block *
_vastus_report_add_heading (VastusReportLayout *self,
                            const char         *text)
{
  Block *block = _vastus_report_add_block (self, BLOCK_HEADING, 0);

  block->layout = _vastus_report_text_layout (self, text, SIZE_HEADING, PANGO_WEIGHT_BOLD,
                                              self->content_w, PANGO_ALIGN_LEFT);
  block->color = accent;
  /* Space above, the text, a rule and a little space below. */
  block->height = 10 + _vastus_report_height (block->layout) + 5;
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  add_line_tops (block->breaks, block->layout, 10);
  BREAK (block, 0) = 0;
  g_array_append_val (block->breaks, block->height);
  block->keep = 2;
  return block;
}

Table *
_vastus_report_add_table (VastusReportLayout   *self,
                          TableStyle            style,
                          guint                 n_cols,
                          const double         *widths,
                          const PangoAlignment *align,
                          const char           *continued)
{
  Table *table = g_new0 (Table, 1);
  double fixed = 0;
  int flexible = -1;

  g_assert (n_cols <= MAX_COLS);
  table->style = style;
  table->n_cols = n_cols;
  table->pad_y = style == TABLE_FIELDS ? 0.75 : CELL_PAD_Y;
  for (guint i = 0; i < n_cols; i++)
    {
      table->widths[i] = widths[i];
      table->align[i] = align != NULL ? align[i] : PANGO_ALIGN_LEFT;
      if (widths[i] <= 0)
        flexible = (int) i;
      fixed += widths[i];
    }
  if (flexible >= 0)
    table->widths[flexible] = self->content_w - fixed;
  g_ptr_array_add (self->tables, table);
  if (continued != NULL)
    {
      /* Not in the flow: placed by the pagination where the table goes on. */
      g_autofree char *text = g_strdup (continued);

      table->continued = g_new0 (Block, 1);
      table->continued->kind = BLOCK_TEXT;
      table->continued->color = dim;
      table->continued->layout = _vastus_report_line_layout (self, text, SIZE_SMALL,
                                                             self->content_w, PANGO_ALIGN_LEFT);
      table->continued->height = _vastus_report_height (table->continued->layout) + 2;
    }
  return table;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Where a row may be cut: between lines of its tallest cells, where every other cell has
 * either ended or is between lines too. */
static GArray *
row_breaks (const Block *block,
            double       pad)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));
  double last = 0;

  g_array_append_val (breaks, last);
  for (guint i = 0; i < block->table->n_cols; i++)
    {
      GArray *tops;
      double end;

      if (block->cells[i] == NULL)
        continue;
      /* Each cell's line tops, then where its text ends. */
      tops = g_array_new (FALSE, FALSE, sizeof (double));
      add_line_tops (tops, block->cells[i], pad);
      g_array_append_vals (candidates, tops->data, tops->len);
      end = pad + _vastus_report_height (block->cells[i]);
      g_array_append_val (tops, end);
      g_ptr_array_add (cells, tops);
    }
  g_array_sort (candidates, cmp_double);
  for (guint k = 0; k < candidates->len; k++)
    {
      double b = g_array_index (candidates, double, k);
      gboolean ok = b > MAX (last, pad) + EPSILON && b < block->height - EPSILON;

      for (guint c = 0; c < cells->len && ok; c++)
        {
          GArray *tops = g_ptr_array_index (cells, c);
          gboolean between = b >= g_array_index (tops, double, tops->len - 1) - EPSILON;

          for (guint t = 0; t + 1 < tops->len && !between; t++)
            between = fabs (g_array_index (tops, double, t) - b) < EPSILON;
          ok = between;
        }
      if (ok)
        {
          g_array_append_val (breaks, b);
          last = b;
        }
    }
  last = block->height;
  g_array_append_val (breaks, last);
  return breaks;
}

Block *
_vastus_report_add_row (VastusReportLayout *self,
                        Table              *table,
                        const char *const  *cells,
                        const guint        *spans,
                        const Rgb          *colors,
                        gboolean            header,
                        gboolean            shaded)
{
  Block *block = _vastus_report_add_block (self, BLOCK_ROW, 0);
  gboolean markup = table->style != TABLE_GRID;
  double height = 0;

  block->table = table;
  block->header_row = header;
  block->shaded = shaded;
  for (guint i = 0; i < table->n_cols; i++)
    {
      double width = 0;

      block->span[i] = spans != NULL ? spans[i] : 1;
      if (block->span[i] == 0)
        continue;
      for (guint k = i; k < MIN (table->n_cols, i + block->span[i]); k++)
        width += table->widths[k];
      if (markup)
        block->cells[i] = _vastus_report_markup_layout (self, cells[i],
                                                        header ? SIZE_SMALL : SIZE_BODY,
                                                        width - 2 * CELL_PAD_X, table->align[i]);
      else
        block->cells[i] = _vastus_report_text_layout (self, cells[i], header ? SIZE_SMALL : SIZE_TABLE,
                                                      header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                                      width - 2 * CELL_PAD_X, table->align[i]);
      block->cell_colors[i] = header ? (table->style == TABLE_FIELDS ? accent : dim)
                                     : (colors != NULL ? colors[i] : ink);
      height = MAX (height, _vastus_report_height (block->cells[i]));
    }
  block->height = height + 2 * table->pad_y;
  if (header)
    {
      table->header = block;
      block->keep = 1;
    }
  else
    block->breaks = row_breaks (block, table->pad_y);
  return block;
}

void
_vastus_report_set_cell_bold (Block *block,
                              guint  column)
{
  const PangoFontDescription *current = pango_layout_get_font_description (block->cells[column]);
  PangoFontDescription *font = pango_font_description_copy (current);

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (block->cells[column], font);
  pango_font_description_free (font);
}

/* Pagination */

static void
place (VastusReportLayout *self,
       Block              *block,
       guint               page,
       double              y,
       double              from,
       double              to)
{
  Placement p = { block, page, y, from, to };

  g_array_append_val (self->placements, p);
  for (guint i = 0; i < block->n_charts; i++)
    {
      VastusReportChartPlacement c = { block->charts[i], page, 0, y, 0, block->height };

      if (block->n_charts == 1)
        c.x = self->left, c.width = self->content_w;
      else
        {
          c.width = (self->content_w - CHART_GAP) / 2;
          c.x = self->left + i * (c.width + CHART_GAP);
        }
      g_array_append_val (self->charts, c);
    }
}

/* The height of the part of @block that must stay with what comes before it. */
static double
first_part (const Block *block)
{
  if (block->breaks == NULL || block->breaks->len <= 2 * MIN_LINES)
    return block->height;
  return BREAK (block, MIN_LINES);
}

/* The height of @index and the blocks it must be kept with. */
static double
kept_height (VastusReportLayout *self,
             guint               index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height = block->height;
  guint want = block->keep;

  /* Keeping is transitive: a block kept with one that is itself kept with the next (the end of
   * the assessment, the signature's lines, the names under them) moves with both. */
  for (guint k = 1, kept = 0; kept < want && index + k < self->blocks->len; k++)
    {
      Block *next = g_ptr_array_index (self->blocks, index + k);

      if (next->kind == BLOCK_SPACE)
        {
          height += next->height;
          continue;
        }
      kept++;
      want = MAX (want, kept + next->keep);
      height += kept == want ? first_part (next) : next->height;
    }
  return height;
}

/* The last break at which a part starting at break @s ends within @room, or 0. @strict: leave
 * at least MIN_LINES lines on both sides. */
static guint
fit (const Block *block,
     guint        s,
     double       room,
     gboolean     strict)
{
  guint last = block->breaks->len - 1, best = 0;

  for (guint j = s + 1; j <= last && BREAK (block, j) - BREAK (block, s) <= room + EPSILON; j++)
    if (!strict || (j - s >= MIN_LINES && (j == last || last - j >= MIN_LINES)))
      best = j;
  return best;
}

typedef struct
{
  guint    page;
  double   y;
  gboolean fresh;     /* nothing but a table's repeated header on this page yet */
} Cursor;

/* On to the next page; a table row going on there gets its table's "continued" line and
 * header row first. */
static void
next_page (VastusReportLayout *self,
           Cursor             *at,
           const Block        *block)
{
  at->page++;
  at->y = self->top_next;
  at->fresh = TRUE;
  if (block->kind != BLOCK_ROW || block->header_row || block->table->header == NULL)
    return;
  if (block->table->continued != NULL)
    {
      place (self, block->table->continued, at->page, at->y, 0, block->table->continued->height);
      at->y += block->table->continued->height;
    }
  place (self, block->table->header, at->page, at->y, 0, block->table->header->height);
  at->y += block->table->header->height;
}

void
_vastus_report_paginate (VastusReportLayout *self)
{
  Cursor at = { 0, self->top_first, TRUE };

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      guint s = 0;

      /* No space at the top of a page. */
      if (block->kind == BLOCK_SPACE)
        {
          if (!at.fresh)
            at.y += block->height;
          continue;
        }

      /* What must stay together goes to a new page when it does not fit; a text too long for
       * the rest of the page starts here when its first lines fit. */
      if (!at.fresh && at.y + kept_height (self, i) > self->bottom
          && !(block->breaks != NULL && at.y + block->height > self->bottom
               && fit (block, 0, self->bottom - at.y, TRUE) > 0))
        next_page (self, &at, block);

      for (;;)
        {
          double rest = block->height - (s > 0 ? BREAK (block, s) : 0);
          guint j;

          if (at.y + rest <= self->bottom + EPSILON || block->breaks == NULL)
            {
              place (self, block, at.page, at.y, block->height - rest, block->height);
              at.y += rest;
              at.fresh = FALSE;
              break;
            }
          j = fit (block, s, self->bottom - at.y, TRUE);
          /* On a page of its own, less strict (it would not fit anywhere else). */
          if (j == 0 && at.fresh)
            j = fit (block, s, self->bottom - at.y, FALSE);
          if (j == 0 && at.fresh)
            j = s + 1;   /* a line taller than a page: placed anyway */
          if (j == 0)
            {
              next_page (self, &at, block);
              continue;
            }
          place (self, block, at.page, at.y, BREAK (block, s), BREAK (block, j));
          s = j;
          next_page (self, &at, block);
        }
    }
  self->n_pages = at.page + 1;
}

/* Drawing */

/* Where a cell's text starts: grid cells are padded on both sides; other tables' cells line up
 * with the margin and keep their gap on the right (on the left when right-aligned). */
static double
cell_inset (const Table *table,
            guint        column)
{
  if (table->style == TABLE_GRID)
    return CELL_PAD_X;
  return table->align[column] == PANGO_ALIGN_RIGHT ? 2 * CELL_PAD_X : 0;
}

/* The part of a row from @top to @bottom (page coordinates); @y is where the row starts. */
static void
draw_row (VastusReportLayout *self,
          cairo_t            *cr,
          const Block        *block,
          double              y,
          double              top,
          double              bottom)
{
  const Table *table = block->table;
  double x = self->left;

  if (block->shaded)
    {
      _vastus_report_set_rgb (cr, &shade);
      cairo_rectangle (cr, self->left, top, self->content_w, bottom - top);
      cairo_fill (cr);
    }
  for (guint i = 0; i < table->n_cols; i++)
    {
      if (block->cells[i] != NULL)
        _vastus_report_show_part (cr, block->cells[i], &block->cell_colors[i],
                                  x + cell_inset (table, i), y + table->pad_y, top, bottom);
      x += table->widths[i];
    }
  if (block->header_row && table->style == TABLE_GRID)
    _vastus_report_hline (cr, &rule, self->left, y + block->height - 0.5, self->content_w, 0.8);
}

void
_vastus_report_draw_placement (VastusReportLayout *self,
                               cairo_t            *cr,
                               const Placement    *p)
{
  const Block *block = p->block;
  /* Where the whole block would start; only the lines of the part on this page are drawn (text
   * clipped away would still be in the PDF, found by search and read out by a screen reader). */
  double y = p->y - p->from, bottom = p->y + (p->to - p->from);
  gboolean last = p->to >= block->height - EPSILON;

  cairo_save (cr);
  switch (block->kind)
    {
    case BLOCK_HEADING:
      _vastus_report_show_part (cr, block->layout, &block->color, self->left, y + 10, p->y, bottom);
      if (last)
        _vastus_report_hline (cr, &rule, self->left, y + 10 + _vastus_report_height (block->layout) + 1.5,
                              self->content_w, 0.6);
      break;
    case BLOCK_TEXT:
      _vastus_report_show_part (cr, block->layout, &block->color, self->left + block->indent, y, p->y,
                                bottom);
      break;
    case BLOCK_ROW:
      draw_row (self, cr, block, y, p->y, bottom);
      break;
    case BLOCK_CUSTOM:
      block->draw (self, cr, block, y);
      break;
    case BLOCK_SPACE:
    default:
      break;
    }
  cairo_restore (cr);
}
