/* kgx-provenance.h - where every triple comes from, as RDF: the analysed
 * text as NIF 2.0 (a context per document, its sentences, a phrase per
 * entity mention), each relation again in a named graph of its own
 * described with PROV-O (the rule that made it, the sentence it comes
 * from, the rule's measured confidence), and a run manifest (program,
 * rule set, gazetteers, ontology).  docs/provenance.md is the model.
 *
 * Everything here is a function of the inputs, the data and the options:
 * no clock, no counters, no random numbers, so outputs of shards and runs
 * merge by concatenation.
 */
#ifndef KGX_PROVENANCE_H
#define KGX_PROVENANCE_H

#include <glib.h>

#include "kgx-graph.h"
#include "kgx-serializer.h"
#include "kgx-world.h"

G_BEGIN_DECLS

/* Namespaces of the provenance statements. */
#define KGX_NIF_NS    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define KGX_ITSRDF_NS "http://www.w3.org/2005/11/its/rdf#"
#define KGX_PROV_NS   "http://www.w3.org/ns/prov#"
#define KGX_VOID_NS   "http://rdfs.org/ns/void#"
#define KGX_DCT_NS    "http://purl.org/dc/terms/"
/* kgextract's own provenance terms (kgxp:), described in docs/provenance.md. */
#define KGX_PROVENANCE_NS "https://w3id.org/kgextract/provenance#"
/* Where rule IRIs are minted: KGX_RULE_NS + file stem + "/" + name + "-" + hash. */
#define KGX_RULE_NS "https://w3id.org/kgextract/rule/"

#define KGX_PROVENANCE_ERROR (kgx_provenance_error_quark ())
typedef enum {
  KGX_PROVENANCE_ERROR_TEMPLATE   /* a --doc-iri template that makes no IRI */
} KgxProvenanceError;
GQuark kgx_provenance_error_quark (void);

typedef struct _KgxProvenance KgxProvenance;

/**
 * kgx_provenance_new:
 * @world: an opened world; borrowed, it must outlive the result
 * @base_iri: (nullable): the base of minted IRIs, as for kgx_serializer_new()
 * @doc_iri_template: (nullable): how document IRIs are made (see
 *   kgx_provenance_dup_document_iri()); NULL for
 *   kgx_identity_document_iri()
 * @context_text: write each document's text (nif:isString) and each
 *   sentence's (nif:anchorOf)
 * @error: return location for a #KGX_PROVENANCE_ERROR
 *
 * After creation the object is only read: kgx_provenance_add_graph() may
 * run in several threads at once (each with its own serializer).
 *
 * Returns: (transfer full) (nullable): a new object, or NULL with @error
 *   set when the template is wrong.
 */
KgxProvenance *kgx_provenance_new (KgxWorld *world, const char *base_iri,
                                   const char *doc_iri_template, gboolean context_text,
                                   GError **error);

/**
 * kgx_provenance_dup_document_iri:
 * @prov: a provenance writer
 * @doc_id: the document's name (a path, PATH#N, a JSON Lines id)
 *
 * With a template, each `{id}` becomes @doc_id percent-encoded (all but
 * A-Z a-z 0-9 - . _ ~ /), `{slug}` kgx_identity_slug() of its last path
 * part, `{hash}` the first 8 hex digits of SHA-256 over @doc_id, and `{{`
 * and `}}` a brace.  Without one: kgx_identity_document_iri().
 *
 * Returns: (transfer full): the document's IRI.
 */
char *kgx_provenance_dup_document_iri (KgxProvenance *prov, const char *doc_id);

/* Declares the prefixes of the provenance vocabularies (nif, itsrdf, prov,
 * void, dcterms, kgxp) on @ser. */
void kgx_provenance_declare_namespaces (KgxProvenance *prov, KgxSerializer *ser);

/**
 * kgx_provenance_add_manifest:
 * @prov: a provenance writer
 * @ser: where the statements go
 *
 * Adds the run manifest: the prov:Activity of the run, the void:Dataset
 * it generates, and every rule of the world (its IRI, name, file, line,
 * hash, confidence).  Their IRIs are hashes of the program version and
 * the data, so every run and shard with the same program and data writes
 * the same manifest.
 */
void kgx_provenance_add_manifest (KgxProvenance *prov, KgxSerializer *ser);

/**
 * kgx_provenance_add_graph:
 * @prov: a provenance writer
 * @ser: where the statements go (the serializer @graph was added to)
 * @graph: one document's result
 * @iris: (nullable) (element-type utf8): kgx_serializer_dup_entity_iris()
 *   of @graph on @ser, or NULL to compute them here
 * @url: (nullable): the document's URL (nif:sourceUrl), if an absolute IRI
 * @date: (nullable): its date, as given (dcterms:created)
 *
 * Adds the NIF context, sentences and mentions of @graph (offsets in
 * Unicode code points of graph->text), and for each triple a named graph
 * holding it (dropped by serializers without named graphs) that is also
 * described as an rdf:Statement, with prov:wasGeneratedBy the rule,
 * prov:wasDerivedFrom the sentence and kgxp:confidence.
 */
void kgx_provenance_add_graph (KgxProvenance *prov, KgxSerializer *ser, const KgxGraph *graph,
                               const GPtrArray *iris, const char *url, const char *date);

/* Frees @prov; accepts NULL. */
void kgx_provenance_free (KgxProvenance *prov);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxProvenance, kgx_provenance_free)

G_END_DECLS

#endif /* KGX_PROVENANCE_H */
