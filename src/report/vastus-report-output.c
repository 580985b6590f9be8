/* vastus-report-output.c: a report put out: the PDF (its bytes, or a file with its SHA-256) and
 * a page as an image, each drawn by the layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include <cairo-pdf.h>
#include "vastus-i18n.h"
#include <math.h>

#include "vastus-report-layout-private.h"
#include "vastus-report-store.h"
#include "vastus-value.h"

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
  if (data->deidentified || g_date_valid (&data->report_date))
    {
      /* The report's date, not the moment it was drawn: the same record gives the same bytes
       * (and SHA-256), which a FHIR export and its re-import rely on. A de-identified report
       * keeps the year alone (Safe Harbor keeps no date element but the year: an exact time,
       * with "week 46 after surgery", gives the surgery's week away). */
      char date[VASTUS_DATE_BUF_SIZE] = "1970";

      if (g_date_valid (&data->report_date))
        vastus_date_format (&data->report_date, date);
      if (data->deidentified)
        date[4] = '\0';
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
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
                   /* Translators: %s is the drawing library's (Cairo's) reason, in English */
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
vastus_report_layout_render_page (VastusReportLayout *self,
                                  guint               page,
                                  double              scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (self->page_w * scale),
                                        (int) ceil (self->page_h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  if (page < self->n_pages)
    vastus_report_layout_draw_page (self, cr, page);
  cairo_destroy (cr);
  return surface;
}

cairo_surface_t *
vastus_report_render_page_image (const VastusReportData *data,
                                 VastusPaper             paper,
                                 guint                   page,
                                 double                  scale)
{
  g_autoptr(VastusReportLayout) layout = NULL;
  double width, height;

  g_return_val_if_fail (data != NULL, NULL);

  vastus_paper_get_size (paper, &width, &height);
  layout = vastus_report_layout_new (data, width, height);
  return vastus_report_layout_render_page (layout, page, scale);
}
