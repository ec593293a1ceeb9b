/* gazetteer-dirs.h - for the unit tests that read the shipped gazetteer
 * tables (test-gazetteer, coverage/test-background,
 * coverage/test-label-tokens): where the tables are, and loading a
 * directory of them.
 */
#ifndef KGX_TEST_GAZETTEER_DIRS_H
#define KGX_TEST_GAZETTEER_DIRS_H

#include <glib.h>

#include "kgx-gazetteer-private.h"

/* The directories of the hand-written and generated tables.  make check
 * sets KGX_SRCDIR and KGX_GAZETTEER_GEN_DIR (tests/local.mk); run by hand,
 * a test looks in the tree @up (".." or "../..") above itself. */
static inline void
shipped_gazetteer_dirs (const char *up, char **hand, char **gen)
{
  const char *srcdir = g_getenv ("KGX_SRCDIR"), *gendir = g_getenv ("KGX_GAZETTEER_GEN_DIR");

  *hand = srcdir ? g_build_filename (srcdir, "ontology", "gazetteers", NULL)
                 : g_test_build_filename (G_TEST_DIST, up, "ontology", "gazetteers", NULL);
  *gen = gendir ? g_strdup (gendir)
                : g_test_build_filename (G_TEST_BUILT, up, "ontology", "gazetteers", "generated",
                                         NULL);
}

/* Loads every *.tsv file of @dirname into @gaz (a load error fails the
 * test); returns how many there were, 0 when the directory is missing. */
static inline guint
load_gazetteer_dir (KgxGazetteer *gaz, const char *dirname)
{
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".tsv"))
      g_ptr_array_add (names, g_build_filename (dirname, name, NULL));
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!kgx_gazetteer_load_file (gaz, g_ptr_array_index (names, i), FALSE, &error))
        g_error ("%s", error->message);
    }
  return names->len;
}

#endif /* KGX_TEST_GAZETTEER_DIRS_H */
