/* mnemonic-test-util.h: the mnemonics a window shows, for tests that each key is one label's
 *
 * Alt+a key that two labels of one window share only moves the focus between them (neither
 * button is pressed), so every key shown at once must be its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* What Alt+the label's key reaches (a button's label reaches the button). */
static inline GtkWidget *
mnemonic_target (GtkLabel *label)
{
  GtkWidget *target = gtk_label_get_mnemonic_widget (label);

  return target != NULL ? target : GTK_WIDGET (label);
}

/* Adds the mapped labels under @widget with a mnemonic to @seen (lower-case key → label) and
 * "“A” and “B”; " to @clashes for each key two of them give to different widgets (an entry row's
 * title is two labels, empty and filled in, for one field). */
static inline void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      GtkLabel *before = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (before != NULL && mnemonic_target (before) != mnemonic_target (GTK_LABEL (widget)))
        g_string_append_printf (clashes, "“%s” and “%s”; ", gtk_label_get_label (before),
                                gtk_label_get_label (GTK_LABEL (widget)));
      g_hash_table_insert (seen, GUINT_TO_POINTER (key), widget);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, seen, clashes);
}
