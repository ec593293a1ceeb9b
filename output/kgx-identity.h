/* kgx-identity.h - deterministic IRIs for entities and documents.
 *
 * The same name of the same coarse class gives the same IRI in every run
 * and every document, so graphs from many inputs merge by plain IRI
 * equality.  The scheme is described in docs/identity.md.
 */
#ifndef KGX_IDENTITY_H
#define KGX_IDENTITY_H

#include <glib.h>

#include "kgx-graph.h"

G_BEGIN_DECLS

/* Where entity and document IRIs are minted unless the caller gives a
 * base.  A base is used exactly as given: it should end in '/' or '#'. */
#define KGX_DEFAULT_BASE_IRI "https://w3id.org/kgextract/id/"

/* The namespace of classes and properties (prefix "kgx:"). */
#define KGX_ONTOLOGY_NS "https://w3id.org/kgextract/ontology#"

/* The longest slug (the readable part of an IRI), in bytes. */
#define KGX_IDENTITY_SLUG_MAX 48

/* All functions here return newly allocated strings (transfer full, free
 * with g_free) and accept any bytes: invalid UTF-8 is repaired first
 * (g_utf8_make_valid), never rejected. */

/**
 * kgx_identity_normalize:
 * @name: (nullable): a name as written in a text or gazetteer
 *
 * The key two names must share to be the same entity: Unicode NFC, then
 * case folded (g_utf8_casefold) and NFC again; curly quotes and primes
 * become ' and "; hyphen, en, em, figure and minus dashes become '-';
 * soft hyphens, zero-width spaces and BOMs are removed; no-break and all
 * other spaces and control characters become ' '; white space is
 * collapsed and trimmed; then a leading "the " and a trailing "'s" are
 * dropped.  "The Rosatom’s" -> "rosatom".
 *
 * Returns: (transfer full): the normalised name; "" for NULL.
 */
char *kgx_identity_normalize (const char *name);

/**
 * kgx_identity_slug:
 * @text: (nullable): any text
 *
 * The readable part of an IRI: @text transliterated to ASCII
 * (g_str_to_ascii, "C" locale), lower case, with every run of characters
 * other than [a-z0-9] turned into one '-', trimmed of '-', cut to
 * %KGX_IDENTITY_SLUG_MAX bytes (and trimmed again).  Only [a-z0-9-] ever
 * appears, so the result is safe in any IRI.  An empty result is "x".
 *
 * Returns: (transfer full): the slug.
 */
char *kgx_identity_slug (const char *text);

/**
 * kgx_identity_entity_iri:
 * @base: (nullable): the base IRI; NULL for %KGX_DEFAULT_BASE_IRI
 * @coarse: the entity's coarse class
 * @canonical: (nullable): the name to mint the IRI from
 *
 * Mints `BASE + coarse + "/" + slug + "-" + hash8` where coarse is the
 * coarse class name in lower case ("person"; "thing" for
 * %KGX_COARSE_NONE), slug is kgx_identity_slug() of the normalised name,
 * and hash8 the first 8 hex digits of SHA-256 over
 * `normalised-name "\t" CoarseName` ("Person"; "Thing" for none).
 * "Rosatom" as an Organization ->
 * https://w3id.org/kgextract/id/organization/rosatom-XXXXXXXX.
 *
 * Returns: (transfer full): the IRI.
 */
char *kgx_identity_entity_iri (const char *base, KgxCoarse coarse, const char *canonical);

/**
 * kgx_identity_unnamed_iri:
 * @base: (nullable): the base IRI; NULL for %KGX_DEFAULT_BASE_IRI
 * @coarse: the entity's coarse class
 * @doc_id: (nullable): the document the entity was found in
 * @index: the entity's index in that document's KgxGraph
 * @label: (nullable): whatever the text called it ("a conference")
 *
 * An IRI for an unnamed entity, which must never merge with anything in
 * another document: `BASE + coarse + "/anon-" + slug + "-" + hash8`,
 * hash8 taken over `doc_id "\t" index "\t" CoarseName`.
 *
 * Returns: (transfer full): the IRI.
 */
char *kgx_identity_unnamed_iri (const char *base, KgxCoarse coarse, const char *doc_id,
                                guint index, const char *label);

/**
 * kgx_identity_document_iri:
 * @base: (nullable): the base IRI; NULL for %KGX_DEFAULT_BASE_IRI
 * @doc_id: (nullable): the input's name as given (a path, "-" for stdin)
 *
 * Mints `BASE + "doc/" + slug + "-" + hash8`: slug is kgx_identity_slug()
 * of the basename ("stdin" for "-"), hash8 the first 8 hex digits of
 * SHA-256 over @doc_id exactly as given, so "a/x.txt" and "b/x.txt"
 * differ.
 *
 * Returns: (transfer full): the IRI.
 */
char *kgx_identity_document_iri (const char *base, const char *doc_id);

/**
 * kgx_identity_ontology_iri:
 * @local: (nullable): a class or property local name ("Person", "heads")
 *
 * %KGX_ONTOLOGY_NS + @local, every byte other than A-Z a-z 0-9 _ - .
 * percent-encoded, so the IRI is also a Turtle and RDF/XML name.
 *
 * Returns: (transfer full) (nullable): the IRI; NULL for NULL or "".
 */
char *kgx_identity_ontology_iri (const char *local);

G_END_DECLS

#endif /* KGX_IDENTITY_H */
