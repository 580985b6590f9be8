/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-saved-folder"

#include "config.h"

#include "vastus-saved-folder.h"

#define SHOWN_IN_KEY "vastus-saved-folder-shown-in"

typedef struct
{
  GtkFileChooserNative *chooser;
  GDestroyNotify        cancelled;
  gpointer              user_data;
} Showing;

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Showing *showing = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = vastus_clinic_find_saved_folder_finish (VASTUS_CLINIC (source), result,
                                                                    &error);

  /* The window went meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (showing->cancelled != NULL)
        showing->cancelled (showing->user_data);
    }
  else
    {
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (showing->chooser), folder, NULL);
      g_object_set_data_full (G_OBJECT (showing->chooser), SHOWN_IN_KEY, g_steal_pointer (&folder),
                              g_object_unref);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (showing->chooser));
    }
  g_object_unref (showing->chooser);
  g_free (showing);
}

void
vastus_saved_folder_show_chooser (GtkFileChooserNative *chooser,
                                  VastusClinic         *clinic,
                                  const char           *saved,
                                  GCancellable         *cancellable,
                                  GDestroyNotify        cancelled,
                                  gpointer              user_data)
{
  Showing *showing;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  showing = g_new0 (Showing, 1);
  showing->chooser = g_object_ref (chooser);
  showing->cancelled = cancelled;
  showing->user_data = user_data;
  vastus_clinic_find_saved_folder_async (clinic, saved, cancellable, found_cb, showing);
}

GFile *
vastus_saved_folder_get_shown_in (GtkFileChooserNative *chooser)
{
  g_return_val_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser), NULL);

  return g_object_get_data (G_OBJECT (chooser), SHOWN_IN_KEY);
}
