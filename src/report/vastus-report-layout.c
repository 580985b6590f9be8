/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-catalog.h"
#include "vastus-chart-style.h"
#include "vastus-girth-chart.h"
#include "vastus-progress-chart.h"
#include "vastus-prom-chart.h"
#include "vastus-value.h"
#include "vastus-report-layout-private.h"
#include "vastus-report-store.h"
#include "vastus-symmetry-chart.h"

#define SYMMETRY_H    185.0
#define PAIR_H        170.0
#define TILE_GAP        8.0
#define TILE_MIN_H     50.0
#define KEY_W          92.0   /* the keys of the patient and episode fields */
#define FIELDS_GAP     20.0

/* Page 1's header: the masthead, then the patient and episode fields as a table whose rows
 * flow on (the surgeon's restrictions may be pages long). */

static void
draw_masthead_rule (VastusReportLayout *self,
                    cairo_t            *cr,
                    const Block        *block,
                    double              y)
{
  _vastus_report_hline (cr, &accent, self->left, y + 6, self->content_w, 1.5);
}

static void
add_masthead (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
  double widths[] = { round (self->content_w * 0.58), 0 };
  g_autofree char *clinic = NULL, *title = NULL, *date_line = NULL;
  g_autoptr(PangoLayout) title_line = NULL;
  int title_w;
  Table *table;
  const char *cells[2];
  Block *rule;

  /* 12.5 pt and 7.5 pt, in Pango's 1024ths of a point. */
  clinic = g_markup_printf_escaped ("<span size=\"12800\" weight=\"bold\">%s</span>%s"
                                    "<span size=\"7680\" foreground=\"" MARKUP_DIM "\">%s</span>",
                                    d->clinic_name,
                                    d->clinic_name[0] != '\0' && d->clinic_address[0] != '\0' ? "\n" : "",
                                    d->clinic_address);
  /* Translators: %s is the date the report was made */
  date_line = g_strdup_printf (_("Report date: %s"), d->report_date_text);
  title = g_markup_printf_escaped ("<span size=\"15360\" weight=\"bold\">%s</span>\n"
                                   "<span foreground=\"" MARKUP_DIM "\">%s</span>",
                                   _("Knee rehabilitation report"), date_line);
  /* The title on one line where the page allows: its column takes the width it needs, up to
   * three fifths of the page ("Compte rendu de rééducation du genou" and "Informe de
   * rehabilitación de rodilla" broke before their last words in the 42 % English needs). */
  title_line = _vastus_report_markup_layout (self, title, SIZE_BODY, 0, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (title_line, &title_w, NULL);
  widths[0] = MIN (widths[0], round (self->content_w - title_w - 2 * CELL_PAD_X - 1));
  widths[0] = MAX (widths[0], round (self->content_w * 0.4));
  table = _vastus_report_add_table (self, TABLE_PLAIN, 2, widths, align, NULL);
  cells[0] = clinic;
  cells[1] = title;
  _vastus_report_add_row (self, table, cells, NULL, NULL, FALSE, FALSE)->keep = 1;
  rule = _vastus_report_add_block (self, BLOCK_CUSTOM, 14);
  rule->draw = draw_masthead_rule;
}

typedef struct
{
  const char *key;
  const char *value;
} Field;

/* The fields that have a value, as markup key and value pairs. */
static GPtrArray *
field_cells (const Field *fields,
             guint        n_fields)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].value == NULL || fields[i].value[0] == '\0')
        continue;
      g_ptr_array_add (cells, g_markup_printf_escaped ("<span foreground=\"" MARKUP_DIM "\">%s</span>",
                                                       fields[i].key));
      g_ptr_array_add (cells, g_markup_printf_escaped ("<b>%s</b>", fields[i].value));
    }
  return cells;
}

static void
add_fields (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  double col_w = (self->content_w - FIELDS_GAP) / 2;
  const double widths[] = { KEY_W, col_w - KEY_W, FIELDS_GAP, KEY_W, 0 };
  Field patient[] = {
    { _("Name"), d->patient_name },
    { d->patient_id_label, d->patient_id_value },
    /* Translators: the patient's age (in a de-identified report) or birth date, as a field's
     * name in the report's header */
    { d->deidentified ? _("Age")
                        /* Translators: the patient's birth date, as a field's name in the
                         * report's header (“Born 12.03.1998”) */
                        : _("Born"), d->birth },
    { _("Sex"), d->sex },
  };
  Field episode[] = {
    { _("Condition"), d->condition },
    /* Translators: a field of the report's header: which knee is treated */
    { _("Involved knee"), d->involved_side },
    { _("Surgeon"), d->deidentified ? NULL : d->surgeon },
    /* Translators: a field of the report's header: the surgical procedure */
    { _("Procedure"), d->procedure },
    { d->index_label, d->index_date },
    { d->weeks_label, d->weeks_since },
    { _("Visits"), d->visits },
  };
  g_autoptr(GPtrArray) left = field_cells (patient, G_N_ELEMENTS (patient));
  g_autoptr(GPtrArray) right = field_cells (episode, G_N_ELEMENTS (episode));
  /* Translators: the heading of the report's patient fields; capitals in English, write it as
   * your language sets a heading */
  g_autofree char *patient_title = g_markup_printf_escaped ("<b>%s</b>", _("PATIENT"));
  /* Translators: the heading of the report's episode fields (the episode of care: the injury or
   * surgery treated); capitals in English, write it as your language sets a heading */
  g_autofree char *episode_title = g_markup_printf_escaped ("<b>%s</b>", _("EPISODE OF CARE"));
  const char *header[] = { patient_title, "", "", episode_title, "" };
  static const guint header_spans[] = { 2, 0, 1, 2, 0 };
  Table *table;

  /* Translators: at the top of a further page when the patient and episode fields go on */
  table = _vastus_report_add_table (self, TABLE_FIELDS, 5, widths, NULL,
                                    _("Patient and episode of care (continued)"));
  _vastus_report_add_row (self, table, header, header_spans, NULL, TRUE, FALSE);
  for (guint r = 0; 2 * r < MAX (left->len, right->len); r++)
    {
      const char *cells[] = {
        2 * r < left->len ? g_ptr_array_index (left, 2 * r) : "",
        2 * r < left->len ? g_ptr_array_index (left, 2 * r + 1) : "",
        "",
        2 * r < right->len ? g_ptr_array_index (right, 2 * r) : "",
        2 * r < right->len ? g_ptr_array_index (right, 2 * r + 1) : "",
      };

      _vastus_report_add_row (self, table, cells, NULL, NULL, FALSE, FALSE);
    }
  /* The surgeon's restrictions across the page: they are often long. */
  if (d->restrictions[0] != '\0')
    {
      static const guint spans[] = { 1, 4, 0, 0, 0 };
      g_autofree char *key = g_markup_printf_escaped ("<span foreground=\"" MARKUP_DIM "\">%s</span>",
                                                      /* Translators: the surgeon's restrictions,
                                                       * a field of the report's header */
                                                      _("Restrictions"));
      g_autofree char *value = g_markup_printf_escaped ("<b>%s</b>", d->restrictions);
      const char *cells[] = { key, value, NULL, NULL, NULL };

      _vastus_report_add_row (self, table, cells, spans, NULL, FALSE, FALSE);
    }
}

/* At a glance: four tiles, as tall as their text needs. */

typedef struct
{
  const char *label;
  const char *value;
  const char *note;
  const Rgb  *bar;
} Tile;

static double
tiles (VastusReportLayout *self,
       cairo_t            *cr,
       double              y)
{
  const VastusReportData *d = self->data;
  double tile_w = (self->content_w - 3 * TILE_GAP) / 4, h = TILE_MIN_H;
  g_autofree char *criteria_value = NULL;
  g_autofree char *criteria_note = NULL;
  g_autofree char *flags_value = NULL;
  PangoLayout *text[4][3];
  Tile t[4];

  if (d->has_set)
    {
      guint total = d->met + d->not_met + d->not_tested;

      /* Translators: criteria met, e.g. "5 of 7" */
      criteria_value = g_strdup_printf (_("%u of %u"), d->met, total);
      /* Never the mark or colour of success while anything holds. */
      if (d->ready)
        criteria_note = g_strdup (_("✓ all met, nothing holds"));
      else if (d->all_met)
        criteria_note = g_strdup (_("✗ all met, but not cleared"));
      else if (d->not_met > 0 && d->not_tested > 0)
        {
          /* Translators: a number of criteria, on the report's first page */
          g_autofree char *not_met = g_strdup_printf (ngettext ("✗ %u not met", "✗ %u not met",
                                                                d->not_met), d->not_met);
          /* Translators: a number of criteria, on the report's first page */
          g_autofree char *not_tested = g_strdup_printf (ngettext ("%u not tested", "%u not tested",
                                                                   d->not_tested), d->not_tested);

          criteria_note = g_strjoin (" · ", not_met, not_tested, NULL);
        }
      else if (d->not_met > 0)
        /* Translators: a number of criteria, on the report's first page */
        criteria_note = g_strdup_printf (ngettext ("✗ %u not met", "✗ %u not met", d->not_met),
                                         d->not_met);
      else
        /* Translators: a number of criteria, on the report's first page */
        criteria_note = g_strdup_printf (ngettext ("○ %u not tested yet", "○ %u not tested yet",
                                                   d->not_tested), d->not_tested);
    }
  else
    {
      criteria_value = g_strdup ("—");
      /* Translators: under the report's "Criteria met" tile when the episode has no criteria set */
      criteria_note = g_strdup (_("no criteria set"));
    }
  /* Translators: the report's safety flags tile when there are none */
  flags_value = d->flags->len == 0 ? g_strdup (_("none")) : g_strdup_printf ("⚠ %u", d->flags->len);

  t[0] = (Tile) { d->weeks_label, d->weeks_since[0] != '\0' ? d->weeks_since : "—", d->visits, &accent };
  /* Translators: a tile of the report: how many of the set's criteria are met */
  t[1] = (Tile) { _("Criteria met"), criteria_value, criteria_note,
                  !d->has_set ? &rule : d->ready ? &met_rgb
                  : d->not_met > 0 || d->all_met ? &not_met_rgb : &dim };
  /* The LSI tile names its test: the one the criteria judge by. */
  t[2] = (Tile) { d->headline_lsi_label != NULL ? d->headline_lsi_label : _("Quadriceps LSI"),
                  d->headline_lsi != NULL ? d->headline_lsi : "—",
                  d->headline_lsi_test != NULL ? d->headline_lsi_test : _("not measured on both legs"),
                  &accent };
  /* Translators: a tile of the report: the number of safety flags, then when they were raised */
  t[3] = (Tile) { _("Safety flags"), flags_value, _("at the last visit"),
                  d->flags->len > 0 ? &not_met_rgb : &met_rgb };

  for (guint i = 0; i < 4; i++)
    {
      text[i][0] = _vastus_report_text_layout (self, t[i].label, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                               tile_w - 12, PANGO_ALIGN_LEFT);
      text[i][1] = _vastus_report_text_layout (self, t[i].value, SIZE_TILE, PANGO_WEIGHT_BOLD,
                                               tile_w - 12, PANGO_ALIGN_LEFT);
      text[i][2] = _vastus_report_text_layout (self, t[i].note, SIZE_SMALL - 0.5, PANGO_WEIGHT_NORMAL,
                                               tile_w - 12, PANGO_ALIGN_LEFT);
      h = MAX (h, 4 + _vastus_report_height (text[i][0]) + _vastus_report_height (text[i][1])
                  + _vastus_report_height (text[i][2]) + 7);
    }
  for (guint i = 0; i < 4; i++)
    {
      double x = self->left + i * (tile_w + TILE_GAP), ty = y + 4;

      if (cr != NULL)
        {
          _vastus_report_set_rgb (cr, &shade);
          cairo_rectangle (cr, x, y, tile_w, h);
          cairo_fill (cr);
          _vastus_report_set_rgb (cr, t[i].bar);
          cairo_rectangle (cr, x, y, 3, h);
          cairo_fill (cr);
          for (guint k = 0; k < 3; k++)
            {
              _vastus_report_show (cr, text[i][k], k == 1 ? &ink : &dim, x + 9, ty);
              ty += _vastus_report_height (text[i][k]) + 1;
            }
        }
      for (guint k = 0; k < 3; k++)
        g_object_unref (text[i][k]);
    }
  return h + 4;
}

static void
draw_tiles (VastusReportLayout *self,
            cairo_t            *cr,
            const Block        *block,
            double              y)
{
  tiles (self, cr, y);
}

/* Charts */

static void
draw_charts (VastusReportLayout *self,
             cairo_t            *cr,
             const Block        *block,
             double              y)
{
  const VastusReportData *d = self->data;
  VastusChartStyle style;

  /* Paper is white: the light look. */
  vastus_chart_style_init_light (&style);
  style.fill_background = FALSE;
  style.font_px = 10;
  for (guint i = 0; i < block->n_charts; i++)
    {
      double w = block->n_charts == 1 ? self->content_w : (self->content_w - CHART_GAP) / 2;
      double x = self->left + i * (w + CHART_GAP);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      switch (block->charts[i])
        {
        case VASTUS_CHART_KIND_SYMMETRY:
          vastus_symmetry_chart_render (d->symmetry, &style, cr, w, block->height);
          break;
        case VASTUS_CHART_KIND_PROGRESS:
          vastus_progress_chart_render (d->progress, &style, cr, w, block->height);
          break;
        case VASTUS_CHART_KIND_GIRTH:
          vastus_girth_chart_render (d->girth, &style, cr, w, block->height);
          break;
        case VASTUS_CHART_KIND_PROM:
          vastus_prom_chart_render (d->prom, &style, cr, w, block->height);
          break;
        case VASTUS_CHART_KIND_CRITERIA:
        default:
          break;
        }
      cairo_restore (cr);
    }
}

static Block *
add_charts (VastusReportLayout *self,
            double              height)
{
  Block *block = _vastus_report_add_block (self, BLOCK_CUSTOM, height);

  block->draw = draw_charts;
  return block;
}

/* The signature lines, then who signs (a name may be long) and "Date" under them. */

static void
draw_signature_lines (VastusReportLayout *self,
                      cairo_t            *cr,
                      const Block        *block,
                      double              y)
{
  _vastus_report_hline (cr, &ink, self->left, y + block->height, self->content_w * 0.5, 0.6);
  _vastus_report_hline (cr, &ink, self->left + self->content_w * 0.62, y + block->height,
                        self->content_w * 0.38, 0.6);
}

static void
add_signature (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  const double widths[] = { round (self->content_w * 0.5), round (self->content_w * 0.12), 0 };
  Table *table = _vastus_report_add_table (self, TABLE_PLAIN, 3, widths, NULL, NULL);
  g_autofree char *who = g_markup_printf_escaped ("<span size=\"7680\" foreground=\"" MARKUP_DIM "\">%s</span>",
                                                  d->therapist[0] != '\0' ? d->therapist
                                                                          /* Translators: under
                                                                           * the signature line,
                                                                           * when no therapist is
                                                                           * named */
                                                                          : _("Therapist’s signature"));
  g_autofree char *date = g_markup_printf_escaped ("<span size=\"7680\" foreground=\"" MARKUP_DIM "\">%s</span>",
                                                   _("Date"));
  const char *cells[] = { who, "", date };
  Block *lines = _vastus_report_add_block (self, BLOCK_CUSTOM, 30);

  lines->draw = draw_signature_lines;
  lines->keep = 1;
  _vastus_report_add_row (self, table, cells, NULL, NULL, FALSE, FALSE);
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
    /* Translators: a criterion's status in the report: no result */
    default: return _("○ not tested");
    }
}

static void
add_criteria (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  static const double widths[] = { 64, 0, 62, 84, 58, 58 };
  static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                          PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  /* Translators: the heading of the report's criteria table; %s is the criteria set's title */
  g_autofree char *heading = g_strdup_printf (_("Criteria: %s"), d->set_title);
  g_autofree char *continued = NULL;
  g_autofree char *version = NULL;
  g_autofree char *window = NULL;
  g_autoptr(GString) set_line = g_string_new (NULL);
  g_autofree char *count_line = NULL;
  /* Translators: column headers of the report's criteria table; Measured: the date the value was
   * measured */
  const char *header[] = { _("Status"), _("Criterion"), _("Threshold"), _("Value"),
                           /* Translators: the date the value was measured (a verb in the past),
                            * a column header of the report's criteria table */
                           _("Measured"), _("First met") };
  Table *table;

  /* Translators: at the top of a further page when the criteria table goes on */
  continued = g_strdup_printf (_("%s (continued)"), heading);
  table = _vastus_report_add_table (self, TABLE_GRID, 6, widths, align, continued);
  /* The heading stays with the set's line, the table header and the first criterion. */
  _vastus_report_add_heading (self, heading)->keep = 4;
  /* "Version 2 · the clinic's copy of … · Sources: …": what a reader can look up. */
  /* Translators: the criteria set's version, under the report's criteria heading */
  version = g_strdup_printf (_("Version %d"), d->set_version);
  g_string_append (set_line, version);
  if (d->max_age_weeks > 0)
    {
      char weeks[VASTUS_DISPLAY_NUMBER_SIZE];

      /* Translators: the clinic's window for results, e.g. "results from the last 4 weeks" */
      window = g_strdup_printf (ngettext ("results from the last %s week", "results from the last %s weeks",
                                          d->max_age_weeks == 1 ? 1 : 2),
                                vastus_display_number_exact (d->max_age_weeks, weeks));
    }
  else
    window = g_strdup (_("results of any age"));
  g_string_append_printf (set_line, " · %s", window);
  if (d->set_origin != NULL)
    g_string_append_printf (set_line, " · %s", d->set_origin);
  if (d->set_citation[0] != '\0')
    /* Translators: before the references of a criteria set */
    g_string_append_printf (set_line, " · %s %s", _("Sources:"), d->set_citation);
  _vastus_report_add_text (self, set_line->str, FALSE, SIZE_SMALL, &dim, 0);
  _vastus_report_add_space (self, 3);
  _vastus_report_add_row (self, table, header, NULL, NULL, TRUE, FALSE);
  for (guint i = 0; i < d->criteria->len; i++)
    {
      const VastusReportCriterionRow *c = g_ptr_array_index (d->criteria, i);
      const char *cells[] = { status_text (c->status), c->label, c->threshold, c->value,
                              c->measured, c->first_met };
      Rgb colors[6] = { ink, ink, ink, ink, dim, ink };
      Block *row;

      colors[0] = c->status == VASTUS_STATUS_MET ? met_rgb
                  : c->status == VASTUS_STATUS_NOT_MET ? not_met_rgb : dim;
      row = _vastus_report_add_row (self, table, cells, NULL, colors, FALSE, i % 2 == 1);
      _vastus_report_set_cell_bold (row, 0);
    }
  /* The verdict as one statement; the mark and colour of success only when ready. */
  count_line = g_strdup_printf ("%s  %s", d->ready ? "✓" : "✗", d->verdict);
  _vastus_report_add_space (self, 3);
  _vastus_report_add_text (self, count_line, FALSE, SIZE_BODY, d->ready ? &met_rgb : &ink, 0);
}

static void
add_measures (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  static const double widths[] = { 0, 62, 62, 44, 44, 54, 54, 50 };
  static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                          PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                          PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
  const char *header[] = { _("Measure"), d->column_a, d->column_b, _("LSI"), _("EPIC"),
                           /* Translators: column headers of the key measures table: the change
                            * since the previous visit and since the first */
                           _("Since previous"),
                           /* Translators: a column header of the key measures table: the change
                            * since the first visit */
                           _("Since first"),
                           /* Translators: a column header of the key measures table: the date
                            * (or week) of the latest measurement */
                           C_("measurement", "Latest") };
  /* Translators: at the top of a further page when the key measures table goes on */
  Table *table = _vastus_report_add_table (self, TABLE_GRID, 8, widths, align,
                                           _("Key measures (continued)"));
  gboolean any_low = FALSE;

  _vastus_report_add_heading (self, _("Key measures (latest values)"))->keep = 3;
  _vastus_report_add_row (self, table, header, NULL, NULL, TRUE, FALSE);
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
      row = _vastus_report_add_row (self, table, cells, NULL, colors, FALSE, i % 2 == 1);
      if (m->lsi_below_90)
        {
          _vastus_report_set_cell_bold (row, 3);
          any_low = TRUE;
        }
    }
  _vastus_report_add_space (self, 3);
  _vastus_report_add_text (self, any_low
                           ? _("LSI: involved ÷ uninvolved × 100 (timed tests inverted); bold: below 90 %. "
                               "EPIC: involved ÷ the uninvolved side’s pre-injury baseline. Changes are of the "
                               "involved leg (left when both are involved).")
                           : _("LSI: involved ÷ uninvolved × 100 (timed tests inverted). EPIC: involved ÷ the "
                               "uninvolved side’s pre-injury baseline. Changes are of the involved leg (left "
                               "when both are involved)."),
                           FALSE, SIZE_SMALL, &dim, 0);
  /* How a value with a sign reads (knee extension), under the table as on screen. */
  for (guint i = 0; i < d->measures->len; i++)
    {
      const VastusReportMeasureRow *m = g_ptr_array_index (d->measures, i);
      const VastusMeasure *measure = vastus_catalog_lookup (m->code);
      g_autofree char *note = measure != NULL ? vastus_measure_convention_note (measure) : NULL;

      if (note != NULL)
        _vastus_report_add_text (self, note, FALSE, SIZE_SMALL, &dim, 0);
    }
}

static void
build_blocks (VastusReportLayout *self)
{
  const VastusReportData *d = self->data;
  Block *block;

  add_masthead (self);
  add_fields (self);
  _vastus_report_add_space (self, 8);
  block = _vastus_report_add_block (self, BLOCK_CUSTOM, tiles (self, NULL, 0));
  block->draw = draw_tiles;

  /* Flags and warnings first: a surgeon must not miss them. */
  _vastus_report_add_heading (self, _("Safety flags and warnings"));
  if (d->flags->len == 0 && d->warnings->len == 0)
    _vastus_report_add_text (self, _("✓ No safety flags or warnings at the last visit."), FALSE, SIZE_BODY,
                             &met_rgb, 0);
  for (guint i = 0; i < d->flags->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("⚠ %s", (const char *) g_ptr_array_index (d->flags, i));

      _vastus_report_add_text (self, line, FALSE, SIZE_BODY, &not_met_rgb, 0);
    }
  for (guint i = 0; i < d->warnings->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", (const char *) g_ptr_array_index (d->warnings, i));

      _vastus_report_add_text (self, line, FALSE, SIZE_BODY, &ink, 0);
    }

  /* Charts: symmetry across the page, then strength and girth side by side. */
  if (d->symmetry != NULL || d->progress != NULL || d->girth != NULL)
    {
      /* Translators: the heading of the report's charts over time */
      _vastus_report_add_heading (self, _("Progress"));
      if (d->symmetry != NULL)
        {
          block = add_charts (self, SYMMETRY_H);
          block->charts[block->n_charts++] = VASTUS_CHART_KIND_SYMMETRY;
        }
      if (d->progress != NULL || d->girth != NULL)
        {
          if (d->symmetry != NULL)
            _vastus_report_add_space (self, CHART_GAP / 2);
          block = add_charts (self, PAIR_H);
          if (d->progress != NULL)
            block->charts[block->n_charts++] = VASTUS_CHART_KIND_PROGRESS;
          if (d->girth != NULL)
            block->charts[block->n_charts++] = VASTUS_CHART_KIND_GIRTH;
        }
    }

  /* Questionnaires: first and latest score against the minimal important change, and a chart. */
  if (d->questionnaires->len > 0)
    {
      static const double widths[] = { 0, 90, 90, 50, 120 };
      static const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                              PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
      /* Translators: column headers of the questionnaire table: the first and the latest score */
      const char *header[] = { _("Score"),
                               /* Translators: a column header of the questionnaire table: the
                                * first score of the episode */
                               C_("score", "First"),
                               /* Translators: a column header of the questionnaire table: the
                                * latest score */
                               C_("score", "Latest"),
                               /* Translators: a column header of the questionnaire table: the
                                * latest score minus the first (a noun) */
                               _("Change"),
                               /* Translators: the column header of the questionnaire table: the
                                * minimal important change of the score, and whether the change
                                * reached it */
                               _("Minimal important change") };
      /* Translators: at the top of a further page when the questionnaire table goes on */
      g_autofree char *continued = g_strdup_printf (_("%s (continued)"), _("Questionnaires"));
      Table *table = _vastus_report_add_table (self, TABLE_GRID, 5, widths, align, continued);

      _vastus_report_add_heading (self, _("Questionnaires"))->keep = 3;
      _vastus_report_add_row (self, table, header, NULL, NULL, TRUE, FALSE);
      for (guint i = 0; i < d->questionnaires->len; i++)
        {
          const VastusReportPromRow *q = g_ptr_array_index (d->questionnaires, i);
          const char *cells[] = { q->label, q->first, q->latest, q->change, q->mic };
          Rgb colors[5] = { ink, dim, ink, ink, ink };

          if (q->change_class == VASTUS_CHANGE_IMPROVED)
            colors[4] = met_rgb;
          else if (q->change_class == VASTUS_CHANGE_WORSENED)
            colors[4] = not_met_rgb;
          _vastus_report_add_row (self, table, cells, NULL, colors, FALSE, i % 2 == 1);
        }
      if (d->prom != NULL)
        {
          _vastus_report_add_space (self, CHART_GAP / 2);
          block = add_charts (self, d->prom->series->len > 1 ? PAIR_H * 2 : PAIR_H);
          block->charts[block->n_charts++] = VASTUS_CHART_KIND_PROM;
        }
    }

  if (d->has_set)
    add_criteria (self);

  /* Key measures. */
  if (d->measures->len > 0)
    add_measures (self);

  /* The therapist's narrative and the signature. */
  /* Translators: a heading of the surgeon's report: the physiotherapist's own words on the
   * patient's progress */
  _vastus_report_add_heading (self, _("Therapist’s assessment"));
  if (d->narrative[0] != '\0')
    {
      g_auto(GStrv) paragraphs = g_strsplit (d->narrative, "\n", -1);
      Block *last = NULL;

      for (guint i = 0; paragraphs[i] != NULL; i++)
        {
          g_strchomp (paragraphs[i]);   /* CRLF line ends */
          if (i > 0)
            _vastus_report_add_space (self, 3);
          last = _vastus_report_add_text (self, paragraphs[i][0] != '\0' ? paragraphs[i] : " ", FALSE,
                                          SIZE_BODY + 0.5, &ink, 0);
        }
      /* The signature never stands alone on a page. */
      last->keep = 1;
    }
  else
    _vastus_report_add_text (self, _("No narrative was written for this report."), FALSE, SIZE_BODY,
                             &dim, 0)->keep = 1;
  add_signature (self);
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

  self->blocks = g_ptr_array_new_with_free_func (_vastus_report_block_free);
  self->tables = g_ptr_array_new_with_free_func (_vastus_report_table_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->charts = g_array_new (FALSE, FALSE, sizeof (VastusReportChartPlacement));

  vastus_report_push_language (data->language, NULL);
  build_blocks (self);
  _vastus_report_paginate (self);
  vastus_report_pop_language ();
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
line_at (VastusReportLayout *self,
         cairo_t            *cr,
         const char         *text,
         double              x,
         double              y,
         double              width,
         PangoAlignment      align)
{
  g_autoptr(PangoLayout) layout = _vastus_report_line_layout (self, text, SIZE_SMALL, width, align);

  _vastus_report_show (cr, layout, &dim, x, y);
}

/* The running header of further pages and the footer of every page: whose report it is, one
 * line each (the full name and MRN are on page 1). */
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

  if (page > 0)
    {
      /* Translators: the running header of the report's second and later pages; %s is the
       * patient's name, or the study code of a de-identified report */
      g_autofree char *running = g_strdup_printf (_("%s — knee rehabilitation report (continued)"), who);

      line_at (self, cr, running, self->left, VASTUS_REPORT_MARGIN, self->content_w, PANGO_ALIGN_LEFT);
      _vastus_report_hline (cr, &rule, self->left, VASTUS_REPORT_MARGIN + RUNNING_H - 7,
                            self->content_w, 0.5);
    }

  _vastus_report_hline (cr, &rule, self->left, y - 3, self->content_w, 0.5);
  /* Translators: the page footer, "page 1 of 2" */
  page_text = g_strdup_printf (_("page %u of %u"), page + 1, self->n_pages);
  made = g_strdup_printf ("%s · %s", d->version, d->report_date_text);
  line_at (self, cr, who, self->left, y, third * 1.2 - 6, PANGO_ALIGN_LEFT);
  line_at (self, cr, made, self->left + third * 1.2, y, third * 1.1, PANGO_ALIGN_CENTER);
  line_at (self, cr, page_text, self->left + third * 2.3, y, third * 0.7, PANGO_ALIGN_RIGHT);
}

void
vastus_report_layout_draw_page (VastusReportLayout *self,
                                cairo_t            *cr,
                                guint               page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);

  vastus_report_push_language (self->data->language, NULL);
  cairo_save (cr);
  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);

      if (p->page == page)
        _vastus_report_draw_placement (self, cr, p);
    }
  draw_page_frame (self, cr, page);
  cairo_restore (cr);
  vastus_report_pop_language ();
}
