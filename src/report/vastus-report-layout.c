/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vastus-chart-style.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"
#include "vastus-symmetry-chart.h"

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
#define SYMMETRY_H    185.0
#define PAIR_H        170.0
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

typedef enum
{
  BLOCK_HEADER,
  BLOCK_STATUS,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_ROW,
  BLOCK_CHARTS,
  BLOCK_SIGNATURE,
  BLOCK_SPACE,
} BlockKind;

typedef struct _Block Block;

typedef struct
{
  guint           n_cols;
  double          widths[MAX_COLS];
  PangoAlignment  align[MAX_COLS];
  Block          *header;           /* repeated at the top of a continued page */
} Table;

struct _Block
{
  BlockKind     kind;
  double        height;
  guint         keep;                /* following blocks that must share this one's page */

  /* TEXT, HEADING */
  PangoLayout  *layout;
  double        indent;
  Rgb           color;
  GArray       *line_tops;           /* TEXT: double, top of each line, then the height */

  /* ROW */
  Table        *table;
  PangoLayout  *cells[MAX_COLS];
  Rgb           cell_colors[MAX_COLS];
  gboolean      header_row;
  gboolean      shaded;

  /* CHARTS */
  VastusChartKind charts[2];
  guint           n_charts;
};

typedef struct
{
  Block  *block;
  guint   page;
  double  y;
  guint   line_start, line_end;      /* TEXT: the lines on this page */
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

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static PangoLayout *
new_layout (VastusReportLayout *self,
            const char         *text,
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
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static PangoLayout *
new_markup_layout (VastusReportLayout *self,
                   const char         *markup,
                   double              size,
                   double              width)
{
  PangoLayout *layout = new_layout (self, NULL, size, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      const Rgb   *color,
      double       x,
      double       y)
{
  set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Draws (cr != NULL) or measures a one-off text; returns its height. */
static double
text_at (VastusReportLayout *self,
         cairo_t            *cr,
         const char         *text,
         double              size,
         PangoWeight         weight,
         const Rgb          *color,
         double              x,
         double              y,
         double              width,
         PangoAlignment      align)
{
  g_autoptr(PangoLayout) layout = new_layout (self, text, size, weight, width, align);

  if (cr != NULL)
    show (cr, layout, color, x, y);
  return layout_height (layout);
}

static void
hline (cairo_t   *cr,
       const Rgb *color,
       double     x,
       double     y,
       double     width,
       double     line_width)
{
  set_rgb (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

/* Blocks */

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_pointer (&block->line_tops, g_array_unref);
  for (guint i = 0; i < MAX_COLS; i++)
    g_clear_object (&block->cells[i]);
  g_free (block);
}

static Block *
add_block (VastusReportLayout *self,
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

static void
add_space (VastusReportLayout *self,
           double              height)
{
  add_block (self, BLOCK_SPACE, height);
}

static Block *
add_text (VastusReportLayout *self,
          const char         *text,
          gboolean            markup,
          double              size,
          const Rgb          *color,
          double              indent)
{
  Block *block = add_block (self, BLOCK_TEXT, 0);
  PangoLayoutIter *iter;
  double end;

  if (markup)
    block->layout = new_markup_layout (self, text, size, self->content_w - indent);
  else
    block->layout = new_layout (self, text, size, PANGO_WEIGHT_NORMAL, self->content_w - indent,
                                PANGO_ALIGN_LEFT);
  block->indent = indent;
  block->color = *color;
  block->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
  iter = pango_layout_get_iter (block->layout);
  do
    {
      int y0, y1;
      double top;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      g_array_append_val (block->line_tops, top);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  block->height = layout_height (block->layout);
  end = block->height;
  g_array_append_val (block->line_tops, end);
  return block;
}

static Block *
add_heading (VastusReportLayout *self,
             const char         *text)
{
  Block *block = add_block (self, BLOCK_HEADING, 0);

  block->layout = new_layout (self, text, SIZE_HEADING, PANGO_WEIGHT_BOLD, self->content_w, PANGO_ALIGN_LEFT);
  block->color = accent;
  /* Space above, the text, a rule and a little space below. */
  block->height = 10 + layout_height (block->layout) + 5;
  block->keep = 2;
  return block;
}

static Table *
add_table (VastusReportLayout   *self,
           guint                 n_cols,
           const double         *widths,        /* 0: takes the rest */
           const PangoAlignment *align)
{
  Table *table = g_new0 (Table, 1);
  double fixed = 0;
  int flexible = -1;

  table->n_cols = n_cols;
  for (guint i = 0; i < n_cols; i++)
    {
      table->widths[i] = widths[i];
      table->align[i] = align[i];
      if (widths[i] <= 0)
        flexible = (int) i;
      fixed += widths[i];
    }
  if (flexible >= 0)
    table->widths[flexible] = self->content_w - fixed;
  g_ptr_array_add (self->tables, table);
  return table;
}

/* @cells: n_cols texts; @colors may be NULL (ink). */
static Block *
add_row (VastusReportLayout *self,
         Table              *table,
         const char *const  *cells,
         const Rgb          *colors,
         gboolean            header,
         gboolean            shaded)
{
  Block *block = add_block (self, BLOCK_ROW, 0);
  double height = 0;

  block->table = table;
  block->header_row = header;
  block->shaded = shaded;
  for (guint i = 0; i < table->n_cols; i++)
    {
      block->cells[i] = new_layout (self, cells[i], header ? SIZE_SMALL : SIZE_TABLE,
                                    header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                    table->widths[i] - 2 * CELL_PAD_X, table->align[i]);
      block->cell_colors[i] = header ? dim : (colors != NULL ? colors[i] : ink);
      height = MAX (height, layout_height (block->cells[i]));
    }
  block->height = height + 2 * CELL_PAD_Y;
  if (header)
    {
      table->header = block;
      block->keep = 1;
    }
  return block;
}

static void
set_cell_bold (Block *block,
               guint  column)
{
  const PangoFontDescription *current = pango_layout_get_font_description (block->cells[column]);
  PangoFontDescription *font = pango_font_description_copy (current);

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (block->cells[column], font);
  pango_font_description_free (font);
}

/* The header of page 1: clinic, title and date, then patient and episode side by side. */

typedef struct
{
  const char *key;
  const char *value;
} Field;

static double
draw_fields (VastusReportLayout *self,
             cairo_t            *cr,
             const char         *title,
             const Field        *fields,
             guint               n_fields,
             double              x,
             double              y,
             double              width)
{
  const double key_w = 92;
  double y0 = y;

  y += text_at (self, cr, title, SIZE_SMALL, PANGO_WEIGHT_BOLD, &accent, x, y, width, PANGO_ALIGN_LEFT) + 2;
  for (guint i = 0; i < n_fields; i++)
    {
      double hk, hv;

      if (fields[i].value == NULL || *fields[i].value == '\0')
        continue;
      hk = text_at (self, cr, fields[i].key, SIZE_BODY, PANGO_WEIGHT_NORMAL, &dim, x, y, key_w - 4,
                    PANGO_ALIGN_LEFT);
      hv = text_at (self, cr, fields[i].value, SIZE_BODY, PANGO_WEIGHT_BOLD, &ink, x + key_w, y,
                    width - key_w, PANGO_ALIGN_LEFT);
      y += MAX (hk, hv) + 1.5;
    }
  return y - y0;
}

static double
render_header (VastusReportLayout *self,
               cairo_t            *cr,
               double              y)
{
  const VastusReportData *d = self->data;
  double x = self->left, w = self->content_w, y0 = y, hl = 0, hr = 0, col_w;
  g_autofree char *date_line = g_strdup_printf (_("Report date: %s"), d->report_date_text);
  Field patient[] = {
    { _("Name"), d->patient_name },
    { d->patient_id_label, d->patient_id_value },
    { d->deidentified ? _("Age") : _("Born"), d->birth },
    { _("Sex"), d->sex },
  };
  Field episode[] = {
    { _("Condition"), d->condition },
    { _("Involved knee"), d->involved_side },
    { _("Surgeon"), d->deidentified ? NULL : d->surgeon },
    { _("Procedure"), d->procedure },
    { d->index_label, d->index_date },
    { d->weeks_label, d->weeks_since },
    { _("Visits"), d->visits },
    { _("Restrictions"), d->restrictions },
  };

  /* Clinic on the left, title and date on the right. */
  if (d->clinic_name[0] != '\0')
    hl += text_at (self, cr, d->clinic_name, 12.5, PANGO_WEIGHT_BOLD, &ink, x, y + hl, w * 0.55,
                   PANGO_ALIGN_LEFT);
  if (d->clinic_address[0] != '\0')
    hl += text_at (self, cr, d->clinic_address, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, x, y + hl,
                   w * 0.55, PANGO_ALIGN_LEFT);
  hr += text_at (self, cr, _("Knee rehabilitation report"), SIZE_TITLE, PANGO_WEIGHT_BOLD, &ink,
                 x + w * 0.4, y, w * 0.6, PANGO_ALIGN_RIGHT);
  hr += text_at (self, cr, date_line, SIZE_BODY, PANGO_WEIGHT_NORMAL, &dim, x + w * 0.4, y + hr,
                 w * 0.6, PANGO_ALIGN_RIGHT);
  y += MAX (hl, hr) + 6;
  if (cr != NULL)
    hline (cr, &accent, x, y, w, 1.5);
  y += 8;

  col_w = (w - 20) / 2;
  hl = draw_fields (self, cr, _("PATIENT"), patient, G_N_ELEMENTS (patient), x, y, col_w);
  hr = draw_fields (self, cr, _("EPISODE OF CARE"), episode, G_N_ELEMENTS (episode),
                    x + col_w + 20, y, col_w);
  y += MAX (hl, hr) + 4;
  return y - y0;
}

/* At a glance: four tiles. */

static double
render_status (VastusReportLayout *self,
               cairo_t            *cr,
               double              y)
{
  const VastusReportData *d = self->data;
  const double gap = 8, h = 50;
  double tile_w = (self->content_w - 3 * gap) / 4;
  g_autofree char *criteria_value = NULL;
  g_autofree char *criteria_note = NULL;
  g_autofree char *flags_value = NULL;
  struct
  {
    const char *label;
    const char *value;
    const char *note;
    const Rgb  *bar;
  } tiles[4];

  if (d->has_set)
    {
      guint total = d->met + d->not_met + d->not_tested;

      /* TRANSLATORS: criteria met, e.g. "5 of 7" */
      criteria_value = g_strdup_printf (_("%u of %u"), d->met, total);
      if (d->all_met)
        criteria_note = g_strdup (_("✓ all criteria met"));
      else if (d->not_met > 0 && d->not_tested > 0)
        criteria_note = g_strdup_printf (_("✗ %u not met · %u not tested"), d->not_met, d->not_tested);
      else if (d->not_met > 0)
        criteria_note = g_strdup_printf (_("✗ %u not met"), d->not_met);
      else
        criteria_note = g_strdup_printf (_("○ %u not tested yet"), d->not_tested);
    }
  else
    {
      criteria_value = g_strdup ("—");
      criteria_note = g_strdup (_("no criteria set"));
    }
  flags_value = d->flags->len == 0 ? g_strdup (_("none")) : g_strdup_printf ("⚠ %u", d->flags->len);

  tiles[0].label = d->weeks_label;
  tiles[0].value = d->weeks_since[0] != '\0' ? d->weeks_since : "—";
  tiles[0].note = d->visits;
  tiles[0].bar = &accent;
  tiles[1].label = _("Criteria met");
  tiles[1].value = criteria_value;
  tiles[1].note = criteria_note;
  tiles[1].bar = !d->has_set ? &rule : d->all_met ? &met_rgb : d->not_met > 0 ? &not_met_rgb : &dim;
  tiles[2].label = d->headline_lsi_label != NULL ? d->headline_lsi_label : _("Quadriceps LSI");
  tiles[2].value = d->headline_lsi != NULL ? d->headline_lsi : "—";
  tiles[2].note = _("involved ÷ uninvolved, latest");
  tiles[2].bar = &accent;
  tiles[3].label = _("Safety flags");
  tiles[3].value = flags_value;
  tiles[3].note = _("at the last visit");
  tiles[3].bar = d->flags->len > 0 ? &not_met_rgb : &met_rgb;

  if (cr != NULL)
    for (guint i = 0; i < 4; i++)
      {
        double x = self->left + i * (tile_w + gap);

        set_rgb (cr, &shade);
        cairo_rectangle (cr, x, y, tile_w, h);
        cairo_fill (cr);
        set_rgb (cr, tiles[i].bar);
        cairo_rectangle (cr, x, y, 3, h);
        cairo_fill (cr);
        text_at (self, cr, tiles[i].label, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, x + 9, y + 4,
                 tile_w - 12, PANGO_ALIGN_LEFT);
        text_at (self, cr, tiles[i].value, SIZE_TILE, PANGO_WEIGHT_BOLD, &ink, x + 9, y + 14,
                 tile_w - 12, PANGO_ALIGN_LEFT);
        text_at (self, cr, tiles[i].note, SIZE_SMALL - 0.5, PANGO_WEIGHT_NORMAL, &dim, x + 9, y + 36,
                 tile_w - 12, PANGO_ALIGN_LEFT);
      }
  return h + 4;
}

static double
render_signature (VastusReportLayout *self,
                  cairo_t            *cr,
                  double              y)
{
  const VastusReportData *d = self->data;
  double x = self->left, w = self->content_w, y0 = y;

  y += 30;
  if (cr != NULL)
    {
      hline (cr, &ink, x, y, w * 0.5, 0.6);
      hline (cr, &ink, x + w * 0.62, y, w * 0.38, 0.6);
    }
  y += 2;
  text_at (self, cr, d->therapist[0] != '\0' ? d->therapist : _("Therapist’s signature"), SIZE_SMALL,
           PANGO_WEIGHT_NORMAL, &dim, x, y, w * 0.5, PANGO_ALIGN_LEFT);
  y += text_at (self, cr, _("Date"), SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, x + w * 0.62, y, w * 0.38,
                PANGO_ALIGN_LEFT);
  return y - y0 + 4;
}

/* Charts */

static void
render_chart (const VastusReportData *d,
              VastusChartKind         kind,
              cairo_t                *cr,
              double                  x,
              double                  y,
              double                  width,
              double                  height)
{
  VastusChartStyle style;

  vastus_chart_style_init_light (&style);
  style.fill_background = FALSE;
  style.font_px = 10;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  switch (kind)
    {
    case VASTUS_CHART_KIND_SYMMETRY:
      vastus_symmetry_chart_render (d->symmetry, &style, cr, width, height);
      break;
    case VASTUS_CHART_KIND_PROGRESS:
      vastus_progress_chart_render (d->progress, &style, cr, width, height);
      break;
    case VASTUS_CHART_KIND_GIRTH:
      vastus_girth_chart_render (d->girth, &style, cr, width, height);
      break;
    case VASTUS_CHART_KIND_CRITERIA:
    default:
      break;
    }
  cairo_restore (cr);
}

static void
chart_rect (VastusReportLayout *self,
            const Block        *block,
            guint               i,
            double              y,
            double             *x,
            double             *w)
{
  if (block->n_charts == 1)
    *x = self->left, *w = self->content_w;
  else
    {
      *w = (self->content_w - CHART_GAP) / 2;
      *x = self->left + i * (*w + CHART_GAP);
    }
}

/* Building the blocks */

static const char *
status_text (VastusStatus status)
{
  switch (status)
    {
    case VASTUS_STATUS_MET: return _("✓ met");
    case VASTUS_STATUS_NOT_MET: return _("✗ not met");
    case VASTUS_STATUS_NOT_TESTED:
    default: return _("○ not tested");
    }
}

static void
build_blocks (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;

  add_block (self, BLOCK_HEADER, render_header (self, NULL, 0));
  add_space (self, 4);
  add_block (self, BLOCK_STATUS, render_status (self, NULL, 0));

  /* Flags and warnings first: a surgeon must not miss them. */
  add_heading (self, _("Safety flags and warnings"));
  if (d->flags->len == 0 && d->warnings->len == 0)
    add_text (self, _("✓ No safety flags or warnings at the last visit."), FALSE, SIZE_BODY, &met_rgb, 0);
  for (guint i = 0; i < d->flags->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("⚠ %s", (const char *) g_ptr_array_index (d->flags, i));

      add_text (self, line, FALSE, SIZE_BODY, &not_met_rgb, 0);
    }
  for (guint i = 0; i < d->warnings->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", (const char *) g_ptr_array_index (d->warnings, i));

      add_text (self, line, FALSE, SIZE_BODY, &ink, 0);
    }

  /* Charts: symmetry across the page, then strength and girth side by side. */
  if (d->symmetry != NULL || d->progress != NULL || d->girth != NULL)
    {
      add_heading (self, _("Progress"));
      if (d->symmetry != NULL)
        {
          Block *b = add_block (self, BLOCK_CHARTS, SYMMETRY_H);

          b->charts[b->n_charts++] = VASTUS_CHART_KIND_SYMMETRY;
        }
      if (d->progress != NULL || d->girth != NULL)
        {
          Block *b;

          if (d->symmetry != NULL)
            add_space (self, CHART_GAP / 2);
          b = add_block (self, BLOCK_CHARTS, PAIR_H);
          if (d->progress != NULL)
            b->charts[b->n_charts++] = VASTUS_CHART_KIND_PROGRESS;
          if (d->girth != NULL)
            b->charts[b->n_charts++] = VASTUS_CHART_KIND_GIRTH;
        }
    }

  /* The criteria checklist. */
  if (d->has_set)
    {
      static const double widths[] = { 64, 0, 62, 84, 58, 58 };
      static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                              PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
      g_autofree char *heading = g_strdup_printf (_("Criteria: %s"), d->set_title);
      g_autofree char *set_line = NULL;
      g_autofree char *count_line = NULL;
      const char *header[] = { _("Status"), _("Criterion"), _("Threshold"), _("Value"), _("Measured"),
                               _("First met") };
      Table *table = add_table (self, 6, widths, align);

      /* The heading stays with the set's line, the table header and the first criterion. */
      add_heading (self, heading)->keep = 4;
      set_line = g_markup_printf_escaped ("%s <b>%s</b> · %s <b>%d</b> · %s %s",
                                          _("Set"), d->set_id, _("version"), d->set_version,
                                          _("source:"), d->set_source);
      add_text (self, set_line, TRUE, SIZE_SMALL, &dim, 0);
      add_space (self, 3);
      add_row (self, table, header, NULL, TRUE, FALSE);
      for (guint i = 0; i < d->criteria->len; i++)
        {
          const VastusReportCriterionRow *c = g_ptr_array_index (d->criteria, i);
          const char *cells[] = { status_text (c->status), c->label, c->threshold, c->value,
                                  c->measured, c->first_met };
          Rgb colors[6] = { ink, ink, ink, ink, dim, ink };
          Block *row;

          colors[0] = c->status == VASTUS_STATUS_MET ? met_rgb
                      : c->status == VASTUS_STATUS_NOT_MET ? not_met_rgb : dim;
          row = add_row (self, table, cells, colors, FALSE, i % 2 == 1);
          set_cell_bold (row, 0);
        }
      count_line = g_strdup_printf (_("%s  %u met · %u not met · %u not tested — %s"),
                                    d->all_met ? "✓" : "✗", d->met, d->not_met, d->not_tested,
                                    d->all_met ? _("all criteria met") : _("not all criteria met"));
      add_space (self, 3);
      add_text (self, count_line, FALSE, SIZE_BODY, d->all_met ? &met_rgb : &ink, 0);
    }

  /* Key measures. */
  if (d->measures->len > 0)
    {
      static const double widths[] = { 0, 62, 62, 44, 44, 54, 54, 50 };
      static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                              PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                              PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
      const char *header[] = { _("Measure"), d->column_a, d->column_b, _("LSI"), _("EPIC"),
                               _("Since previous"), _("Since first"), _("Latest") };
      Table *table = add_table (self, 8, widths, align);
      gboolean any_low = FALSE;

      add_heading (self, _("Key measures (latest values)"))->keep = 3;
      add_row (self, table, header, NULL, TRUE, FALSE);
      for (guint i = 0; i < d->measures->len; i++)
        {
          const VastusReportMeasureRow *m = g_ptr_array_index (d->measures, i);
          const char *cells[] = { m->label, m->involved, m->uninvolved != NULL ? m->uninvolved : "",
                                  m->two_sided ? m->lsi : "", m->two_sided ? m->epic : "",
                                  m->change_previous, m->change_first, m->when };
          Rgb colors[8] = { ink, ink, ink, ink, ink, dim, dim, dim };
          Block *row;

          if (m->lsi_below_90)
            colors[3] = not_met_rgb;
          row = add_row (self, table, cells, colors, FALSE, i % 2 == 1);
          if (m->lsi_below_90)
            {
              set_cell_bold (row, 3);
              any_low = TRUE;
            }
        }
      add_space (self, 3);
      add_text (self, any_low
                ? _("LSI: involved ÷ uninvolved × 100 (timed tests inverted); bold: below 90 %. "
                    "EPIC: involved ÷ the uninvolved side’s pre-injury baseline. Changes are of the "
                    "involved leg (left when both are involved).")
                : _("LSI: involved ÷ uninvolved × 100 (timed tests inverted). EPIC: involved ÷ the "
                    "uninvolved side’s pre-injury baseline. Changes are of the involved leg (left "
                    "when both are involved)."),
                FALSE, SIZE_SMALL, &dim, 0);
    }

  /* The therapist's narrative and the signature. */
  add_heading (self, _("Therapist’s assessment"));
  if (d->narrative[0] != '\0')
    {
      g_auto(GStrv) paragraphs = g_strsplit (d->narrative, "\n", -1);

      Block *last = NULL;

      for (guint i = 0; paragraphs[i] != NULL; i++)
        {
          g_strchomp (paragraphs[i]);   /* CRLF line ends */
          if (i > 0)
            add_space (self, 3);
          last = add_text (self, paragraphs[i][0] != '\0' ? paragraphs[i] : " ", FALSE, SIZE_BODY + 0.5,
                           &ink, 0);
        }
      /* The signature never stands alone on a page. */
      last->keep = 1;
    }
  else
    add_text (self, _("No narrative was written for this report."), FALSE, SIZE_BODY, &dim, 0)->keep = 1;
  add_block (self, BLOCK_SIGNATURE, render_signature (self, NULL, 0));
}

/* Pagination */

static void
place (VastusReportLayout *self,
       Block              *block,
       guint               page,
       double              y,
       guint               line_start,
       guint               line_end)
{
  Placement p = { block, page, y, line_start, line_end };

  g_array_append_val (self->placements, p);
  if (block->kind == BLOCK_CHARTS)
    for (guint i = 0; i < block->n_charts; i++)
      {
        VastusReportChartPlacement c = { block->charts[i], page, 0, y, 0, block->height };

        chart_rect (self, block, i, y, &c.x, &c.width);
        g_array_append_val (self->charts, c);
      }
}

/* The height of @index and the blocks it must be kept with. */
static double
kept_height (VastusReportLayout *self,
             guint               index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height = block->height;

  for (guint k = 1, kept = 0; kept < block->keep && index + k < self->blocks->len; k++)
    {
      Block *next = g_ptr_array_index (self->blocks, index + k);

      if (next->kind == BLOCK_SPACE)
        {
          height += next->height;
          continue;
        }
      kept++;
      /* A text that may split needs only its first lines with us. */
      if (next->kind == BLOCK_TEXT && next->line_tops->len > 3)
        height += g_array_index (next->line_tops, double, 2);
      else
        height += next->height;
    }
  return height;
}

static void
paginate (VastusReportLayout *self)
{
  guint page = 0;
  double y = self->top_first;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double top = page == 0 ? self->top_first : self->top_next;
      gboolean at_top = y <= top + 0.01;

      if (block->kind == BLOCK_SPACE)
        {
          if (!at_top)
            y += block->height;
          continue;
        }

      if (block->kind == BLOCK_TEXT && y + block->height > self->bottom && !at_top)
        {
          /* Split a paragraph between lines. */
          guint n_lines = block->line_tops->len - 1;
          guint start = 0;

          while (start < n_lines)
            {
              guint end = start;
              double base = g_array_index (block->line_tops, double, start);

              while (end < n_lines && y + (g_array_index (block->line_tops, double, end + 1) - base) <= self->bottom)
                end++;
              if (end == start)
                {
                  if (y <= (page == 0 ? self->top_first : self->top_next) + 0.01)
                    end = start + 1;   /* a line taller than a page: place it anyway */
                  else
                    {
                      page++;
                      y = self->top_next;
                      continue;
                    }
                }
              place (self, block, page, y, start, end);
              y += g_array_index (block->line_tops, double, end) - base;
              start = end;
            }
          continue;
        }

      if (!at_top && y + kept_height (self, i) > self->bottom)
        {
          page++;
          y = self->top_next;
        }

      /* A table continued on a new page gets its header again. */
      if (block->kind == BLOCK_ROW && !block->header_row && y <= self->top_next + 0.01 && page > 0
          && block->table->header != NULL)
        {
          place (self, block->table->header, page, y, 0, 0);
          y += block->table->header->height;
        }

      if (block->kind == BLOCK_TEXT)
        place (self, block, page, y, 0, block->line_tops->len - 1);
      else
        place (self, block, page, y, 0, 0);
      y += block->height;
    }
  self->n_pages = page + 1;
}

VastusReportLayout *
vastus_report_layout_new (const VastusReportData *data,
                          double                  page_width,
                          double                  page_height)
{
  VastusReportLayout *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_new0 (VastusReportLayout, 1);
  self->data = data;
  self->page_w = page_width;
  self->page_h = page_height;
  self->left = VASTUS_REPORT_MARGIN;
  self->content_w = page_width - 2 * VASTUS_REPORT_MARGIN;
  self->top_first = VASTUS_REPORT_MARGIN;
  self->top_next = VASTUS_REPORT_MARGIN + RUNNING_H;
  self->bottom = page_height - VASTUS_REPORT_MARGIN - FOOTER_H - 6;

  /* Measured once, with unhinted metrics at 72 dpi: one unit is one point on every surface. */
  self->measure_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  self->measure_cr = cairo_create (self->measure_surface);
  self->pango = pango_cairo_create_context (self->measure_cr);
  pango_cairo_context_set_resolution (self->pango, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->tables = g_ptr_array_new_with_free_func (g_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->charts = g_array_new (FALSE, FALSE, sizeof (VastusReportChartPlacement));

  build_blocks (self);
  paginate (self);
  return self;
}

void
vastus_report_layout_free (VastusReportLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->charts, g_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->measure_cr, cairo_destroy);
  g_clear_pointer (&self->measure_surface, cairo_surface_destroy);
  g_free (self);
}

guint
vastus_report_layout_get_n_pages (VastusReportLayout *self)
{
  return self->n_pages;
}

void
vastus_report_layout_get_page_size (VastusReportLayout *self,
                                    double             *width,
                                    double             *height)
{
  *width = self->page_w;
  *height = self->page_h;
}

guint
vastus_report_layout_get_n_charts (VastusReportLayout *self)
{
  return self->charts->len;
}

const VastusReportChartPlacement *
vastus_report_layout_get_chart (VastusReportLayout *self,
                                guint               index)
{
  g_return_val_if_fail (index < self->charts->len, NULL);
  return &g_array_index (self->charts, VastusReportChartPlacement, index);
}

/* Drawing */

static void
draw_row (VastusReportLayout *self,
          cairo_t            *cr,
          const Block        *block,
          double              y)
{
  const Table *table = block->table;
  double x = self->left;

  if (block->shaded)
    {
      set_rgb (cr, &shade);
      cairo_rectangle (cr, self->left, y, self->content_w, block->height);
      cairo_fill (cr);
    }
  for (guint i = 0; i < table->n_cols; i++)
    {
      show (cr, block->cells[i], &block->cell_colors[i], x + CELL_PAD_X, y + CELL_PAD_Y);
      x += table->widths[i];
    }
  if (block->header_row)
    hline (cr, &rule, self->left, y + block->height - 0.5, self->content_w, 0.8);
}

static void
draw_placement (VastusReportLayout *self,
                cairo_t            *cr,
                const Placement    *p)
{
  const Block *block = p->block;

  switch (block->kind)
    {
    case BLOCK_HEADER:
      render_header (self, cr, p->y);
      break;
    case BLOCK_STATUS:
      render_status (self, cr, p->y);
      break;
    case BLOCK_SIGNATURE:
      render_signature (self, cr, p->y);
      break;
    case BLOCK_HEADING:
      {
        double h = layout_height (block->layout);

        show (cr, block->layout, &block->color, self->left, p->y + 10);
        hline (cr, &rule, self->left, p->y + 10 + h + 1.5, self->content_w, 0.6);
      }
      break;
    case BLOCK_TEXT:
      {
        double top = g_array_index (block->line_tops, double, p->line_start);
        double bottom = g_array_index (block->line_tops, double, p->line_end);

        cairo_save (cr);
        cairo_rectangle (cr, self->left - 2, p->y, self->content_w + 4, bottom - top);
        cairo_clip (cr);
        show (cr, block->layout, &block->color, self->left + block->indent, p->y - top);
        cairo_restore (cr);
      }
      break;
    case BLOCK_ROW:
      draw_row (self, cr, block, p->y);
      break;
    case BLOCK_CHARTS:
      for (guint i = 0; i < block->n_charts; i++)
        {
          double x, w;

          chart_rect (self, block, i, p->y, &x, &w);
          render_chart (self->data, block->charts[i], cr, x, p->y, w, block->height);
        }
      break;
    case BLOCK_SPACE:
    default:
      break;
    }
}

static void
draw_page_frame (VastusReportLayout *self,
                 cairo_t            *cr,
                 guint               page)
{
  const VastusReportData *d = self->data;
  g_autofree char *who = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *made = NULL;
  double y = self->page_h - VASTUS_REPORT_MARGIN - FOOTER_H;
  double third = self->content_w / 3;

  if (d->patient_name != NULL)
    who = g_strdup_printf ("%s · %s %s", d->patient_name, d->patient_id_label, d->patient_id_value);
  else
    who = g_strdup_printf ("%s %s", d->patient_id_label, d->patient_id_value);

  /* A running header on continued pages: whose report this page belongs to. */
  if (page > 0)
    {
      g_autofree char *running = g_strdup_printf (_("%s — knee rehabilitation report (continued)"), who);

      text_at (self, cr, running, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, self->left,
               VASTUS_REPORT_MARGIN, self->content_w, PANGO_ALIGN_LEFT);
      hline (cr, &rule, self->left, VASTUS_REPORT_MARGIN + RUNNING_H - 7, self->content_w, 0.5);
    }

  hline (cr, &rule, self->left, y - 3, self->content_w, 0.5);
  /* TRANSLATORS: the page footer, "page 1 of 2" */
  page_text = g_strdup_printf (_("page %u of %u"), page + 1, self->n_pages);
  made = g_strdup_printf ("%s · %s", d->version, d->report_date_text);
  text_at (self, cr, who, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, self->left, y, third * 1.2,
           PANGO_ALIGN_LEFT);
  text_at (self, cr, made, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, self->left + third * 1.2, y,
           third * 1.1, PANGO_ALIGN_CENTER);
  text_at (self, cr, page_text, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &dim, self->left + third * 2.3, y,
           third * 0.7, PANGO_ALIGN_RIGHT);
}

void
vastus_report_layout_draw_page (VastusReportLayout *self,
                                cairo_t            *cr,
                                guint               page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);

      if (p->page == page)
        draw_placement (self, cr, p);
    }
  draw_page_frame (self, cr, page);
  cairo_restore (cr);
}

/* Output */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
vastus_report_render_pdf (const VastusReportData *data,
                          VastusPaper             paper,
                          GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(VastusReportLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (data != NULL, NULL);

  vastus_paper_get_size (paper, &width, &height);
  layout = vastus_report_layout_new (data, width, height);
  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, data->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  data->therapist[0] != '\0' ? data->therapist
                                  : data->clinic_name[0] != '\0' ? data->clinic_name : "Vastus");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, data->version);
  cr = cairo_create (surface);
  for (guint page = 0; page < vastus_report_layout_get_n_pages (layout); page++)
    {
      vastus_report_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_DRAW,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

char *
vastus_report_write_pdf (const VastusReportData *data,
                         VastusPaper             paper,
                         const char             *path,
                         GError                **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *bytes;
  char *sha256;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  pdf = vastus_report_render_pdf (data, paper, error);
  if (pdf == NULL)
    return NULL;
  bytes = g_bytes_get_data (pdf, &length);
  if (!g_file_set_contents_full (path, bytes, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_WRITE, "%s", local_error->message);
      return NULL;
    }
  /* The checksum of what is on disk, read back. */
  sha256 = vastus_file_sha256 (path, &local_error);
  if (sha256 == NULL)
    g_set_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_WRITE, "%s", local_error->message);
  return sha256;
}

cairo_surface_t *
vastus_report_render_page_image (const VastusReportData *data,
                                 VastusPaper             paper,
                                 guint                   page,
                                 double                  scale)
{
  g_autoptr(VastusReportLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (data != NULL, NULL);

  vastus_paper_get_size (paper, &width, &height);
  layout = vastus_report_layout_new (data, width, height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  if (page < vastus_report_layout_get_n_pages (layout))
    vastus_report_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  return surface;
}
