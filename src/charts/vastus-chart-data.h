/* vastus-chart-data.h: prepared data the chart renderers draw
 *
 * The renderers never compute anything clinical: a builder (or a test) fills these objects with
 * values aligned to the visits of one episode, and a renderer only maps them to pixels. Every
 * series holds one value per visit of its timeline; NAN means "not measured at that visit" and
 * draws as a gap.
 *
 * The objects are reference counted (the chart widget and a report may share one) and are not
 * changed after they have been handed to a renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VASTUS_CHART_KIND_SYMMETRY,
  VASTUS_CHART_KIND_PROGRESS,
  VASTUS_CHART_KIND_GIRTH,
  VASTUS_CHART_KIND_CRITERIA,
  VASTUS_CHART_KIND_PROM,         /* questionnaire scores (vastus-prom-chart.h) */
} VastusChartKind;

typedef enum
{
  VASTUS_CHART_STATUS_NONE,       /* no criterion applies: a plain (filled) marker */
  VASTUS_CHART_STATUS_MET,        /* filled marker, ✓ */
  VASTUS_CHART_STATUS_NOT_MET,    /* hollow marker, ✗ */
  VASTUS_CHART_STATUS_NOT_TESTED, /* ○ */
} VastusChartStatus;

typedef enum
{
  VASTUS_CHART_MARKER_CIRCLE,
  VASTUS_CHART_MARKER_SQUARE,
  VASTUS_CHART_MARKER_DIAMOND,
  VASTUS_CHART_MARKER_TRIANGLE,
} VastusChartMarker;

typedef enum
{
  VASTUS_CHART_LINE_SOLID,
  VASTUS_CHART_LINE_DASHED,
  VASTUS_CHART_LINE_DOTTED,
  VASTUS_CHART_LINE_DASH_DOT,
} VastusChartLine;

/* The marker and line of the @index-th series of a chart (and the colour index @index): no two
 * of the first four share either, so that series that coincide stay apart in black and white.
 * 0 circle, solid; 1 square, dashed; 2 triangle, dotted; 3 diamond, dash-dot. */
void vastus_chart_series_style (guint              index,
                                VastusChartMarker *marker,
                                VastusChartLine   *line);

/* The visits of one episode in date order, and the date weeks are counted from. */
typedef struct
{
  guint    n_visits;
  guint32 *dates;          /* Julian day numbers (g_date_get_julian ()), ascending */
  gint64  *visit_ids;      /* reported by the chart view's "visit-activated"; 0 if unknown */
  guint32  index_date;     /* surgery or injury, Julian day; 0 = none: the axis shows dates */
  char    *index_label;    /* "Surgery", "Injury" … written at the index line */
  char    *weeks_title;    /* "Weeks since surgery" … a table's column of weeks */
} VastusChartTimeline;

void vastus_chart_timeline_set_visit (VastusChartTimeline *timeline,
                                      guint                index,
                                      const GDate         *date,
                                      gint64               visit_id);
/* @date NULL or invalid: no index date. */
void vastus_chart_timeline_set_index (VastusChartTimeline *timeline,
                                      const GDate         *date,
                                      const char          *label,
                                      const char          *weeks_title);

typedef struct
{
  char              *label;    /* legend text, e.g. "Quadriceps LSI", "Involved (L)" */
  VastusChartMarker  marker;
  VastusChartLine    line;
  guint              n_values; /* the timeline's n_visits */
  double            *values;   /* NAN = not measured */
  VastusChartStatus *status;   /* per value; all NONE after _new () */
  char              *criterion; /* what status was tested against, "LSI ≥ 90 %"; NULL if none */
} VastusChartSeries;

VastusChartSeries *vastus_chart_series_new  (const char        *label,
                                             guint              n_values,
                                             VastusChartMarker  marker,
                                             VastusChartLine    line);
void               vastus_chart_series_free (VastusChartSeries *series);
/* Whether any value is a number. */
gboolean           vastus_chart_series_has_values (const VastusChartSeries *series);

typedef struct
{
  double  value;
  char   *label;                /* "RTS ≥ 90 %" */
} VastusChartThreshold;

/* LSI (%) of one or several measures, EPIC as further series; thresholds are met at or above
 * their value (LSI is oriented so that higher is better). */
typedef struct
{
  VastusChartTimeline  time;
  char                *title;
  char                *y_label;     /* "LSI (%)" */
  GPtrArray           *series;      /* of VastusChartSeries*, owned */
  GArray              *thresholds;  /* of VastusChartThreshold */
} VastusSymmetryChartData;

/* Raw values of both legs for one measure. */
typedef struct
{
  VastusChartTimeline  time;
  char                *title;
  char                *unit;                /* "N", "lbf", "Nm/kg" … */
  VastusChartSeries   *involved;            /* "Involved (L)" */
  VastusChartSeries   *uninvolved;          /* "Uninvolved (R)" */
  double               baseline_involved;   /* pre-op/pre-injury reference, NAN if none */
  double               baseline_uninvolved;
  char                *baseline_label;      /* "pre-op" */
} VastusProgressChartData;

/* Side-to-side girth differences (cm) over time, both signed as the model signs them (above 0
 * the involved side is worse), and the effusion grade as ordered steps. Either series may be
 * all NAN. */
typedef struct
{
  VastusChartTimeline  time;
  char                *title;
  VastusChartSeries   *girth;       /* thigh atrophy, uninvolved − involved, cm */
  VastusChartSeries   *knee;        /* knee swelling, involved − uninvolved, cm */
  int                 *effusion;    /* per visit: VastusGrade 0..4 of the involved knee, −1 = none */
  gboolean             inches;      /* show lengths in inches; the values stay in cm */
} VastusGirthChartData;

typedef struct
{
  char              *label;         /* "Quadriceps LSI ≥ 90 %" */
  VastusChartStatus *status;        /* per visit */
  guint32            first_met;     /* Julian day the criterion was first met, 0 = not yet */
} VastusCriteriaChartRow;

typedef struct
{
  VastusChartTimeline  time;
  char                *title;
  GPtrArray           *rows;        /* of VastusCriteriaChartRow*, owned */
} VastusCriteriaChartData;

VastusSymmetryChartData *vastus_symmetry_chart_data_new           (guint n_visits);
VastusSymmetryChartData *vastus_symmetry_chart_data_ref           (VastusSymmetryChartData *data);
void                     vastus_symmetry_chart_data_unref         (VastusSymmetryChartData *data);
/* Takes ownership of @series, whose n_values must be the timeline's n_visits. */
void                     vastus_symmetry_chart_data_add_series    (VastusSymmetryChartData *data,
                                                                   VastusChartSeries       *series);
void                     vastus_symmetry_chart_data_add_threshold (VastusSymmetryChartData *data,
                                                                   double                   value,
                                                                   const char              *label);

VastusProgressChartData *vastus_progress_chart_data_new   (guint       n_visits,
                                                           const char *involved_label,
                                                           const char *uninvolved_label,
                                                           const char *unit);
VastusProgressChartData *vastus_progress_chart_data_ref   (VastusProgressChartData *data);
void                     vastus_progress_chart_data_unref (VastusProgressChartData *data);

VastusGirthChartData    *vastus_girth_chart_data_new      (guint n_visits);
VastusGirthChartData    *vastus_girth_chart_data_ref      (VastusGirthChartData *data);
void                     vastus_girth_chart_data_unref    (VastusGirthChartData *data);
/* Whether any visit has a girth difference or an effusion grade. */
gboolean                 vastus_girth_chart_data_has_values (const VastusGirthChartData *data);
/* "cm" or "in". */
const char              *vastus_girth_chart_data_unit     (const VastusGirthChartData *data);
/* A copy of @series (one of @data's) in the display unit; free with vastus_chart_series_free. */
VastusChartSeries *vastus_girth_chart_data_display_series (const VastusGirthChartData *data,
                                                           const VastusChartSeries    *series);

VastusCriteriaChartData *vastus_criteria_chart_data_new     (guint n_visits);
VastusCriteriaChartData *vastus_criteria_chart_data_ref     (VastusCriteriaChartData *data);
void                     vastus_criteria_chart_data_unref   (VastusCriteriaChartData *data);
/* Returns the new row (owned by @data) with every status NOT_TESTED. */
VastusCriteriaChartRow  *vastus_criteria_chart_data_add_row (VastusCriteriaChartData *data,
                                                             const char              *label);

/* Where a renderer put things, for tests and for the chart view's hit testing. Coordinates are
 * in the units of the cairo_t handed to the renderer, x values are Julian days. */

#define VASTUS_CHART_MAX_TICKS 48
#define VASTUS_CHART_TICK_LABEL_SIZE 32

typedef struct
{
  double x, y, width, height;
} VastusChartRect;

typedef struct
{
  double value;                     /* Julian day, or the y value */
  double pos;                       /* pixel position along the axis */
  char   label[VASTUS_CHART_TICK_LABEL_SIZE];
} VastusChartTick;

#define VASTUS_CHART_MAX_LABELS 8

typedef struct
{
  double x, y;                      /* where the marker is */
  guint  visit;                     /* index into the timeline */
  guint  series;                    /* series or row index */
  double value;
} VastusChartHit;

typedef struct
{
  gboolean        empty;            /* drew the empty-state message */
  double          font_px;          /* base font size used */
  VastusChartRect plot;             /* the plot area (girth: the upper panel) */
  VastusChartRect plot2;            /* girth: the effusion panel; else zero */
  VastusChartRect legend;           /* zero when no legend was drawn */
  double          x_min, x_max;     /* Julian days at the plot's left and right edges */
  double          y_min, y_max;     /* values at the plot's bottom and top edges */
  guint           n_x_ticks;
  VastusChartTick x_ticks[VASTUS_CHART_MAX_TICKS];
  guint           n_y_ticks;
  VastusChartTick y_ticks[VASTUS_CHART_MAX_TICKS];
  guint           n_labels;         /* labels placed among the data (thresholds, surgery) */
  VastusChartRect labels[VASTUS_CHART_MAX_LABELS];
  GArray         *hits;             /* of VastusChartHit; filled when the caller sets it */
} VastusChartLayout;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusChartSeries, vastus_chart_series_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusSymmetryChartData, vastus_symmetry_chart_data_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusProgressChartData, vastus_progress_chart_data_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusGirthChartData, vastus_girth_chart_data_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCriteriaChartData, vastus_criteria_chart_data_unref)

G_END_DECLS
