/* kgx-graph.h - what extraction produces for one document: sentences,
 * entities (with every name seen), mentions and triples, each triple
 * carrying the rule and sentence that made it.
 *
 * These are plain structs that the caller reads; a KgxGraph owns all of
 * its contents.  Strings named rule_* and predicate point into the rule
 * set and stay valid while that rule set lives.
 */
#ifndef KGX_GRAPH_H
#define KGX_GRAPH_H

#include <glib.h>

G_BEGIN_DECLS

/* The five coarse classes of ../shared/eval/FORMAT.md. */
typedef enum {
  KGX_COARSE_NONE = 0,
  KGX_COARSE_PERSON,
  KGX_COARSE_ORGANIZATION,
  KGX_COARSE_PLACE,
  KGX_COARSE_FACILITY,
  KGX_COARSE_EVENT
} KgxCoarse;

const char *kgx_coarse_to_string (KgxCoarse coarse);
KgxCoarse   kgx_coarse_from_string (const char *name);

typedef struct {
  guint  index;          /* position in KgxGraph.sentences */
  gsize  begin;          /* byte offsets into KgxGraph.text, end exclusive */
  gsize  end;
} KgxSentence;

typedef struct {
  char      *cls;        /* ontology class local name: "Person", "Company", "Lake" */
  KgxCoarse  coarse;
  char      *label;      /* the fullest name the document gives (rdfs:label) */
  char      *canonical;  /* the name its IRI is minted from (a gazetteer's
                          * canonical name, else label); nullable = label */
  GPtrArray *alt_labels; /* char *: every other name seen, sorted, unique (skos:altLabel) */
  gboolean   named;      /* FALSE for an unnamed thing ("a conference in Almaty") */
} KgxEntity;

typedef struct {
  guint  entity;         /* index into KgxGraph.entities */
  guint  sentence;       /* index into KgxGraph.sentences */
  gsize  begin;          /* byte offsets into KgxGraph.text, end exclusive */
  gsize  end;
} KgxMention;

typedef struct {
  guint        subject;      /* index into KgxGraph.entities */
  const char  *predicate;    /* ontology property local name, "heads" */
  gint         object;       /* index into KgxGraph.entities, or -1 for a literal */
  char        *literal;      /* the literal when object is -1, else NULL */
  const char  *rule_name;    /* the rule that made it */
  const char  *rule_file;
  guint        rule_line;
  guint        sentence;     /* index into KgxGraph.sentences */
  gsize        begin;        /* byte span of the matched words in KgxGraph.text */
  gsize        end;
} KgxTriple;

typedef struct {
  KgxTriple  triple;     /* as the rule made it */
  char      *reason;     /* why the ontology refused it */
} KgxRejected;

typedef struct {
  char      *doc_id;     /* the input's name (file path, "-" for stdin) */
  char      *text;       /* the text that was analysed (for HTML: the extracted text) */
  gsize      text_len;
  char      *headline;   /* nullable */
  GArray    *sentences;  /* KgxSentence */
  GPtrArray *entities;   /* KgxEntity * */
  GArray    *mentions;   /* KgxMention */
  GArray    *triples;    /* KgxTriple */
  GArray    *rejected;   /* KgxRejected: triples the ontology's domain/range check dropped */
} KgxGraph;

KgxGraph  *kgx_graph_new (const char *doc_id);
void       kgx_graph_free (KgxGraph *graph);
/* Adds an entity (taking ownership of nothing; strings are copied) and
 * returns its index. */
guint      kgx_graph_add_entity (KgxGraph *graph, const char *cls, KgxCoarse coarse,
                                 const char *label, gboolean named);
void       kgx_graph_add_alt_label (KgxGraph *graph, guint entity, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxGraph, kgx_graph_free)

G_END_DECLS

#endif /* KGX_GRAPH_H */
