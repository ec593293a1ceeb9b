/* kgx-serializer.h - the output stage: turns KgxGraphs into RDF
 * (Turtle, N-Triples, N-Quads, RDF/XML, RDF/JSON, GraphViz DOT; all but
 * N-Triples and N-Quads through raptor2's serializers).  Graphs added
 * together are merged by entity IRI (see kgx-identity.h) and the output is
 * sorted, so the same input always gives the same bytes.  A KgxChunk
 * carries one document's statements, already merged and sorted, from a
 * worker thread's serializer to the one that writes.
 */
#ifndef KGX_SERIALIZER_H
#define KGX_SERIALIZER_H

#include <stdio.h>

#include <glib.h>

#include "kgx-graph.h"

G_BEGIN_DECLS

typedef enum {
  KGX_FORMAT_TURTLE,
  KGX_FORMAT_NTRIPLES,
  KGX_FORMAT_NQUADS,
  KGX_FORMAT_RDFXML,
  KGX_FORMAT_RDFXML_ABBREV,
  KGX_FORMAT_JSON,          /* RDF/JSON, resource-centric (raptor "json") */
  KGX_FORMAT_DOT            /* GraphViz (raptor "dot") */
} KgxFormat;

#define KGX_SERIALIZER_ERROR (kgx_serializer_error_quark ())

typedef enum {
  KGX_SERIALIZER_ERROR_FAILED,    /* raptor could not set up or serialize */
  KGX_SERIALIZER_ERROR_BASE_IRI,  /* the base IRI given is not an absolute IRI */
  KGX_SERIALIZER_ERROR_WRITE      /* the output stream failed (disk full, closed pipe) */
} KgxSerializerError;

GQuark kgx_serializer_error_quark (void);

/**
 * kgx_format_from_string:
 * @name: one of "turtle", "ntriples", "nquads", "rdfxml", "rdfxml-abbrev",
 *   "json", "dot" (exact, lower case)
 * @out: (out): where the format is stored when @name is known
 *
 * Returns: %TRUE if @name is a format name, else %FALSE (@out untouched).
 */
gboolean    kgx_format_from_string (const char *name, KgxFormat *out);

/**
 * kgx_format_to_string:
 * @format: a format
 *
 * Returns: (transfer none) (nullable): the format's name as
 *   kgx_format_from_string() takes it; NULL for a value out of range.
 */
const char *kgx_format_to_string (KgxFormat format);

/* Collects the statements of any number of graphs and writes them in one
 * go.  Not thread-safe; use one per thread. */
typedef struct _KgxSerializer KgxSerializer;

/* The statements one serializer had pending, sorted and each once, ready
 * to be added to another (kgx_serializer_take_chunk()).  Immutable: it may
 * be handed from one thread to another. */
typedef struct _KgxChunk KgxChunk;

/**
 * kgx_serializer_new:
 * @format: the output syntax
 * @base_iri: (nullable): where entity IRIs are minted; NULL for
 *   %KGX_DEFAULT_BASE_IRI.  Must be an absolute IRI (scheme ":" ...)
 *   without spaces or any of <>"{}|^`\ ; it is declared as prefix "ent:".
 * @error: return location for a #GError, or NULL
 *
 * Returns: (transfer full) (nullable): a new serializer, or NULL with
 *   @error set (KGX_SERIALIZER_ERROR_BASE_IRI, or _FAILED when raptor
 *   cannot be set up).
 */
KgxSerializer *kgx_serializer_new (KgxFormat format, const char *base_iri, GError **error);

/**
 * kgx_serializer_add_graph:
 * @ser: a serializer
 * @graph: (transfer none): one document's result
 *
 * Adds @graph's statements, copying every string it needs: @graph (and
 * the rule set its predicates point into) may be freed afterwards.
 *
 * For each entity written: `<iri> rdf:type kgx:<cls>`, `rdfs:label`,
 * and `skos:altLabel` for each other name (alt_labels, and the canonical
 * name when it differs from the label).  Labels are plain string literals
 * with no language tag, so SPARQL matches them as `rdfs:label "Rosatom"`.
 * For each triple: `<subject> kgx:<predicate> <object>` or a plain
 * literal.  Provenance (rule, sentence) is not written here.
 *
 * Named entities (KgxEntity.named, with a label or canonical name) get
 * kgx_identity_entity_iri(), so the same entity from several graphs is
 * one node: it has ONE rdfs:label, the longest of the labels seen
 * (in characters; ties go to the smallest by strcmp), every other name
 * becomes an skos:altLabel, and every distinct class an rdf:type.
 * Unnamed entities are written only when a triple uses them, under
 * kgx_identity_unnamed_iri(), so they never merge across documents.
 * Triples whose indices are out of range, or with no predicate or no
 * literal, are skipped.  Strings that are not valid UTF-8 are repaired.
 */
void     kgx_serializer_add_graph (KgxSerializer *ser, const KgxGraph *graph);

/**
 * kgx_serializer_add_iri_statement:
 * @ser: a serializer
 * @subject: an absolute IRI
 * @predicate: an absolute IRI
 * @object: an absolute IRI
 * @graph: (nullable): a graph IRI, or NULL for the default graph
 *
 * Adds one statement as it is (strings are copied).  A statement in a
 * named graph is only kept by an %KGX_FORMAT_NQUADS serializer: every
 * other syntax has no named graphs, and drops it.
 */
void     kgx_serializer_add_iri_statement (KgxSerializer *ser, const char *subject,
                                           const char *predicate, const char *object,
                                           const char *graph);

/**
 * kgx_serializer_add_literal_statement:
 * @ser: a serializer
 * @subject: an absolute IRI
 * @predicate: an absolute IRI
 * @text: the literal's text (repaired and cleaned as labels are)
 * @datatype: (nullable): the datatype IRI, NULL for a plain string
 * @graph: (nullable): as for kgx_serializer_add_iri_statement()
 */
void     kgx_serializer_add_literal_statement (KgxSerializer *ser, const char *subject,
                                               const char *predicate, const char *text,
                                               const char *datatype, const char *graph);

/**
 * kgx_serializer_add_namespace:
 * @ser: a serializer
 * @prefix: a prefix name ("prov")
 * @iri: its namespace IRI
 *
 * Declares one more prefix for the syntaxes that use them (Turtle,
 * RDF/XML, DOT), after the built-in kgx:, rdf:, rdfs:, skos:, xsd:, ent:.
 */
void     kgx_serializer_add_namespace (KgxSerializer *ser, const char *prefix, const char *iri);

/**
 * kgx_serializer_dup_entity_iris:
 * @ser: a serializer (for its base IRI)
 * @graph: a document's result
 *
 * Returns: (transfer full) (element-type utf8): for each entity of @graph,
 *   by index, the IRI kgx_serializer_add_graph() writes it under, or NULL
 *   when it writes nothing for it (an unnamed entity no triple uses).
 */
GPtrArray *kgx_serializer_dup_entity_iris (KgxSerializer *ser, const KgxGraph *graph);

/**
 * kgx_serializer_take_chunk:
 * @ser: a serializer
 *
 * Takes every statement added since the last write or take (merged as
 * kgx_serializer_write() merges them, sorted, each once) into a chunk,
 * and leaves @ser empty.  Chunks added with kgx_serializer_add_chunk()
 * stay in @ser.
 *
 * A run that serializes each document on its own, takes a chunk per
 * document and adds the chunks to the serializer that writes, gets the
 * union of the documents' graphs: an entity named in several documents
 * has the rdfs:label each document gives it (see docs/performance.md and
 * docs/identity.md).
 *
 * Returns: (transfer full): the chunk, possibly empty.
 */
KgxChunk *kgx_serializer_take_chunk (KgxSerializer *ser);

/**
 * kgx_serializer_add_chunk:
 * @ser: a serializer
 * @chunk: (transfer full): a chunk from a serializer of the same format
 *   (the statements' form depends on it) and base
 *
 * Adds @chunk's statements as they are: the next write writes them with
 * the others, sorted, duplicates once.
 */
void     kgx_serializer_add_chunk (KgxSerializer *ser, KgxChunk *chunk);

/* The number of statements in @chunk, and the bytes they take as
 * N-Triples (N-Quads) lines. */
guint    kgx_chunk_get_length (const KgxChunk *chunk);
gsize    kgx_chunk_get_size (const KgxChunk *chunk);

/* Frees @chunk; accepts NULL. */
void     kgx_chunk_free (KgxChunk *chunk);

/**
 * kgx_serializer_write:
 * @ser: a serializer
 * @out: an open stream, written to and flushed but not closed
 * @error: return location for a #GError, or NULL
 *
 * Writes every statement added since the last write (and those of the
 * chunks added), once each, sorted by their N-Triples (N-Quads) line
 * (every format is fed the same sequence), then forgets them, whether or
 * not the write succeeded.  Writing nothing still writes the format's
 * header and footer.
 *
 * N-Triples and N-Quads are written without raptor, escaped exactly as
 * raptor 2 escapes them (printable ASCII only, \uXXXX beyond), so their
 * lines are in `LC_ALL=C sort` order.
 *
 * Returns: %TRUE on success; %FALSE with @error set
 *   (KGX_SERIALIZER_ERROR_WRITE when @out fails, which is checked with
 *   ferror() and fflush(); _FAILED when raptor reports an error).
 */
gboolean kgx_serializer_write (KgxSerializer *ser, FILE *out, GError **error);

/**
 * kgx_serializer_get_triple_count:
 * @ser: a serializer
 *
 * Returns: how many distinct statements the next kgx_serializer_write()
 *   will write (0 right after a write).
 */
guint    kgx_serializer_get_triple_count (KgxSerializer *ser);

/* Forgets everything pending (statements and chunks), writing nothing. */
void     kgx_serializer_clear (KgxSerializer *ser);

/**
 * kgx_serializer_free:
 * @ser: (nullable) (transfer full): a serializer
 *
 * Frees @ser and whatever it still holds, writing nothing.  Accepts NULL.
 */
void     kgx_serializer_free (KgxSerializer *ser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxSerializer, kgx_serializer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxChunk, kgx_chunk_free)

G_END_DECLS

#endif /* KGX_SERIALIZER_H */
