/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-name-review-item-private.h"

struct _VastusNameReviewItem
{
  GObject  parent_instance;
  gint64   patient_id;
  char    *mrn;
  char    *written;
  char    *family_name;
  char    *given_name;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (VastusNameReviewItem, vastus_name_review_item, G_TYPE_OBJECT)

static void
vastus_name_review_item_finalize (GObject *object)
{
  VastusNameReviewItem *self = VASTUS_NAME_REVIEW_ITEM (object);

  g_free (self->mrn);
  g_free (self->written);
  g_free (self->family_name);
  g_free (self->given_name);
  g_free (self->reason);
  G_OBJECT_CLASS (vastus_name_review_item_parent_class)->finalize (object);
}

static void
vastus_name_review_item_class_init (VastusNameReviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_name_review_item_finalize;
}

static void
vastus_name_review_item_init (VastusNameReviewItem *self)
{
}

VastusNameReviewItem *
_vastus_name_review_item_new (const VastusNameReview *review)
{
  VastusNameReviewItem *self = g_object_new (VASTUS_TYPE_NAME_REVIEW_ITEM, NULL);

  self->patient_id = review->patient_id;
  self->mrn = g_strdup (review->mrn);
  self->written = g_strdup (review->written);
  self->family_name = g_strdup (review->family_name);
  self->given_name = g_strdup (review->given_name);
  self->reason = g_strdup (review->reason);
  return self;
}

gboolean
_vastus_name_review_item_is (VastusNameReviewItem   *self,
                             const VastusNameReview *review)
{
  return self->patient_id == review->patient_id && g_strcmp0 (self->mrn, review->mrn) == 0
         && g_strcmp0 (self->written, review->written) == 0
         && g_strcmp0 (self->family_name, review->family_name) == 0
         && g_strcmp0 (self->given_name, review->given_name) == 0
         && g_strcmp0 (self->reason, review->reason) == 0;
}

gint64
vastus_name_review_item_get_patient_id (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), 0);
  return self->patient_id;
}

const char *
vastus_name_review_item_get_mrn (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), NULL);
  return self->mrn;
}

const char *
vastus_name_review_item_get_written (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), NULL);
  return self->written;
}

const char *
vastus_name_review_item_get_family_name (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), NULL);
  return self->family_name;
}

const char *
vastus_name_review_item_get_given_name (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), NULL);
  return self->given_name;
}

const char *
vastus_name_review_item_get_reason (VastusNameReviewItem *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_ITEM (self), NULL);
  return self->reason;
}
