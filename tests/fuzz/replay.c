/* replay.c - a plain main() for the libFuzzer harnesses of tests/fuzz/:
 * runs LLVMFuzzerTestOneInput() once over each seed and past crash in
 * $KGX_SRCDIR/tests/fuzz/corpus/<target>/ (or over the files and
 * directories given), one TAP line per file, so that `make check` keeps
 * every input ever found fixed (STYLE 3.8, rule 36) without clang.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static int n;

static void
replay_file (const char *path)
{
  char *data;
  gsize len;
  GError *error = NULL;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      printf ("not ok %d - %s: %s\n", ++n, path, error->message);
      g_error_free (error);
      return;
    }
  /* A crash or an assertion ends the program: the TAP driver then reports
   * the missing plan and the exit status. */
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  printf ("ok %d - %s (%" G_GSIZE_FORMAT " bytes)\n", ++n, path, len);
  fflush (stdout);
  g_free (data);
}

/* g_ptr_array_sort() passes pointers to the elements */
static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
replay_path (const char *path)
{
  GDir *dir;
  GPtrArray *names;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (!dir)
    {
      printf ("not ok %d - cannot open %s\n", ++n, path);
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_file (names->pdata[i]);
  g_ptr_array_unref (names);
}

int
main (int argc, char **argv)
{
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      replay_path (argv[i]);
  else
    {
      char *rel = g_build_filename ("tests", "fuzz", "corpus", KGX_FUZZ_TARGET, NULL);
      char *dir = fuzz_srcdir_path (rel);
      replay_path (dir);
      g_free (dir);
      g_free (rel);
    }
  printf ("1..%d\n", n);
  return 0;
}
