/* kgx-graph.c - the per-document result of extraction (see kgx-graph.h). */
#include "config.h"

#include <string.h>

#include "kgx-graph.h"

static const char *const coarse_names[] = {
  [KGX_COARSE_NONE] = NULL,
  [KGX_COARSE_PERSON] = "Person",
  [KGX_COARSE_ORGANIZATION] = "Organization",
  [KGX_COARSE_PLACE] = "Place",
  [KGX_COARSE_FACILITY] = "Facility",
  [KGX_COARSE_EVENT] = "Event",
};

const char *
kgx_coarse_to_string (KgxCoarse coarse)
{
  if ((guint) coarse >= G_N_ELEMENTS (coarse_names))
    return NULL;
  return coarse_names[coarse];
}

KgxCoarse
kgx_coarse_from_string (const char *name)
{
  if (name == NULL)
    return KGX_COARSE_NONE;
  for (guint i = 1; i < G_N_ELEMENTS (coarse_names); i++)
    if (strcmp (coarse_names[i], name) == 0)
      return (KgxCoarse) i;
  return KGX_COARSE_NONE;
}

static void
entity_free (gpointer data)
{
  KgxEntity *e = data;

  g_free (e->cls);
  g_free (e->label);
  g_free (e->canonical);
  g_ptr_array_unref (e->alt_labels);
  g_free (e);
}

static void
triple_clear (gpointer data)
{
  KgxTriple *t = data;

  g_free (t->literal);
}

static void
rejected_clear (gpointer data)
{
  KgxRejected *r = data;

  g_free (r->triple.literal);
  g_free (r->reason);
}

KgxGraph *
kgx_graph_new (const char *doc_id)
{
  KgxGraph *graph = g_new0 (KgxGraph, 1);

  graph->doc_id = g_strdup (doc_id ? doc_id : "-");
  graph->sentences = g_array_new (FALSE, TRUE, sizeof (KgxSentence));
  graph->entities = g_ptr_array_new_with_free_func (entity_free);
  graph->mentions = g_array_new (FALSE, TRUE, sizeof (KgxMention));
  graph->triples = g_array_new (FALSE, TRUE, sizeof (KgxTriple));
  g_array_set_clear_func (graph->triples, triple_clear);
  graph->rejected = g_array_new (FALSE, TRUE, sizeof (KgxRejected));
  g_array_set_clear_func (graph->rejected, rejected_clear);
  return graph;
}

void
kgx_graph_free (KgxGraph *graph)
{
  if (graph == NULL)
    return;
  g_free (graph->doc_id);
  g_free (graph->text);
  g_free (graph->headline);
  g_array_unref (graph->sentences);
  g_ptr_array_unref (graph->entities);
  g_array_unref (graph->mentions);
  g_array_unref (graph->triples);
  g_array_unref (graph->rejected);
  g_free (graph);
}

guint
kgx_graph_add_entity (KgxGraph *graph, const char *cls, KgxCoarse coarse,
                      const char *label, gboolean named)
{
  KgxEntity *e = g_new0 (KgxEntity, 1);

  e->cls = g_strdup (cls ? cls : kgx_coarse_to_string (coarse));
  e->coarse = coarse;
  e->label = g_strdup (label);
  e->alt_labels = g_ptr_array_new_with_free_func (g_free);
  e->named = named;
  g_ptr_array_add (graph->entities, e);
  return graph->entities->len - 1;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
kgx_graph_add_alt_label (KgxGraph *graph, guint entity, const char *name)
{
  KgxEntity *e;
  guint i;

  g_return_if_fail (entity < graph->entities->len);
  e = g_ptr_array_index (graph->entities, entity);
  if (name == NULL || *name == '\0' || (e->label && strcmp (name, e->label) == 0))
    return;
  for (i = 0; i < e->alt_labels->len; i++)
    if (strcmp (g_ptr_array_index (e->alt_labels, i), name) == 0)
      return;
  g_ptr_array_add (e->alt_labels, g_strdup (name));
  g_ptr_array_sort (e->alt_labels, compare_strings);
}
