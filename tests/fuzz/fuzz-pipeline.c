/* fuzz-pipeline.c - libFuzzer harness for the whole pipeline: bytes read as
 * a document (kgx_text_new_from_data, format guessed), then
 * kgx_world_extract() with the default ontology, gazetteers and rules
 * (opened once), then the graph serialised to N-Triples in memory.
 */
#include "fuzz-common.h"
#include "kgx-reader.h"
#include "kgx-world.h"
#include "kgx-graph.h"
#include "kgx-serializer.h"

static KgxWorld *world;
static FILE *devnull;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  KgxText *text;
  KgxGraph *graph;

  if (!world)
    {
      char *src = fuzz_srcdir_path ("ontology"), *build = fuzz_builddir_path ("ontology");
      const char *dirs[] = { src, build, NULL };

      world = kgx_world_new ();
      kgx_world_set_diagnostic_func (world, fuzz_ignore_diagnostic, NULL, NULL);
      if (!g_getenv (KGX_DATADIR_ENV))
        kgx_world_set_data_dirs (world, dirs);
      if (!kgx_world_open (world, &error))
        g_error ("kgx_world_open: %s", error->message);
      devnull = fopen ("/dev/null", "w");
      g_assert (devnull != NULL);
      g_free (src);
      g_free (build);
    }
  text = kgx_text_new_from_data ((const char *) data, size, "fuzz", KGX_INPUT_AUTO, 0,
                                 fuzz_ignore_diagnostic, NULL, &error);
  if (!text)
    {
      g_clear_error (&error);
      return 0;
    }
  graph = kgx_world_extract (world, text->text, text->len, "fuzz", &error);
  if (graph)
    {
      KgxSerializer *ser = kgx_serializer_new (KGX_FORMAT_NTRIPLES, NULL, &error);

      g_assert (ser != NULL);
      kgx_serializer_add_graph (ser, graph);
      if (!kgx_serializer_write (ser, devnull, &error))
        g_error ("kgx_serializer_write: %s", error->message);
      kgx_serializer_free (ser);
      kgx_graph_free (graph);
    }
  else
    g_clear_error (&error);
  kgx_text_free (text);
  return 0;
}
