/* kgx.h - the installed umbrella header of libkgextract.
 *
 * libkgextract turns English news text into an RDF knowledge graph with
 * hand-written rules: kgx-reader.h (bytes to text), kgx-world.h (data and
 * extraction), kgx-graph.h (the result), kgx-serializer.h (RDF output).
 */
#ifndef KGX_H
#define KGX_H

#include "kgx-diagnostic.h"
#include "kgx-graph.h"
#include "kgx-reader.h"
#include "kgx-ontology.h"
#include "kgx-world.h"
#include "kgx-identity.h"
#include "kgx-serializer.h"
#include "kgx-provenance.h"

#endif /* KGX_H */
