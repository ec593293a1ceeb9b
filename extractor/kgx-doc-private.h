/* kgx-doc-private.h - one document while it is analysed: its tokens, the
 * entities found in it, and the spans (mentions and titles) that the rule
 * engine sees as single units.
 *
 * Stages fill it in order: tokenizer -> entities (kgx-entities.c) ->
 * coreference (same file) -> rules (kgx-rule-match.c) -> KgxGraph.
 */
#ifndef KGX_DOC_PRIVATE_H
#define KGX_DOC_PRIVATE_H

#include <glib.h>

#include "kgx-graph.h"
#include "kgx-tokenizer-private.h"
#include "kgx-gazetteer-private.h"

G_BEGIN_DECLS

typedef struct _KgxOntology KgxOntology;

typedef enum {
  KGX_SPAN_ENTITY,   /* a mention of a document entity */
  KGX_SPAN_TITLE,    /* a job title: "Director General" */
  KGX_SPAN_SKIP      /* noise the rules do not see: Reuters tickers "<GM>" */
} KgxSpanKind;

typedef enum {
  KGX_SPANF_NAME     = 1 << 0,  /* a proper name */
  KGX_SPANF_DEMONYM  = 1 << 1,  /* "Kazakh", "Russian" */
  KGX_SPANF_PRONOUN  = 1 << 2,  /* "he", "she" */
  KGX_SPANF_DESC     = 1 << 3,  /* a description: "a conference", "the plant" */
  KGX_SPANF_ACRONYM  = 1 << 4,  /* "WAW" */
  KGX_SPANF_LEADING  = 1 << 5,  /* title: heads what it names */
  KGX_SPANF_FORMER   = 1 << 6,  /* title: "former" before it */
  KGX_SPANF_ANAPHOR  = 1 << 7,  /* "the company" resolved to an entity */
  KGX_SPANF_POSS     = 1 << 8,  /* followed by a possessive "'s" */
  KGX_SPANF_HONORIFIC = 1 << 9  /* title: a rank ("prince"), not a post */
} KgxSpanFlags;

typedef struct {
  guint32 first;     /* first token */
  guint32 end;       /* one past the last token */
  guint32 entity;    /* index into KgxDoc.entities (KGX_SPAN_ENTITY) */
  guint16 flags;     /* KgxSpanFlags */
  guint8  kind;      /* KgxSpanKind */
  guint32 title_begin; /* title: byte span of the title proper (no "former") */
  guint32 title_end;
} KgxSpan;

typedef struct {
  const char *cls;        /* ontology class local name (static or interned) */
  KgxCoarse   coarse;
  char       *canonical;  /* identity name: gazetteer canonical, else the name */
  char       *label;      /* fullest name seen */
  GPtrArray  *names;      /* char *: every form seen */
  gboolean    named;      /* seen by name (not only as demonym or description) */
  gboolean    from_gazetteer;
  char        gender;     /* 'm', 'f', or 0 when unknown (from a given name) */
  GPtrArray  *titles;     /* nullable; char *: lower-case titles given to a person */
} KgxDocEntity;

typedef struct {
  KgxTokens   *toks;
  GPtrArray   *entities;   /* KgxDocEntity * */
  GArray      *spans;      /* KgxSpan, sorted by first token, no overlaps */
  GHashTable  *registry;   /* "coarse\tnormalised name" -> GUINT_TO_POINTER (entity + 1) */
  GString     *scratch;    /* the registry's lookup key */
} KgxDoc;

typedef struct {
  const KgxGazetteer *gaz;
  KgxOntology        *onto;
} KgxEntityContext;

KgxDoc *kgx_doc_new (const char *text, gsize len);
void    kgx_doc_free (KgxDoc *doc);
char   *kgx_doc_span_text (const KgxDoc *doc, guint32 first, guint32 end);

/* Finds the entities of the document and resolves its references. */
void    kgx_entities_find (KgxDoc *doc, const KgxEntityContext *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxDoc, kgx_doc_free)

G_END_DECLS

#endif /* KGX_DOC_PRIVATE_H */
