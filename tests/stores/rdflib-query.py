#!/usr/bin/env python3
"""rdflib-query.py - the rdflib engine of tests/stores/stores.sh: loads one
file into an rdflib ConjunctiveGraph (N-Quads keep their named graphs; the
default graph of a query is the union of all graphs) and runs each query
on it, writing SPARQL JSON results.

Usage: rdflib-query.py FORMAT DATA QUERY OUT [QUERY OUT]...
  FORMAT is an rdflib parser name (turtle, nquads).  A query that fails
  writes its error to OUT.err and leaves OUT absent; exit status 1 then.
Needs rdflib (Debian 12: python3-rdflib, for /usr/bin/python3).
"""
import sys

import rdflib


def main():
    if len(sys.argv) < 5 or len(sys.argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    fmt, data = sys.argv[1], sys.argv[2]
    graph = rdflib.ConjunctiveGraph()
    graph.parse(data, format=fmt)
    status = 0
    args = sys.argv[3:]
    for query, out in zip(args[0::2], args[1::2]):
        try:
            with open(query, encoding="utf-8") as f:
                result = graph.query(f.read())
            body = result.serialize(format="json")
            with open(out, "wb") as f:
                f.write(body if isinstance(body, bytes) else body.encode("utf-8"))
        except Exception as e:  # report it per query, and go on
            with open(out + ".err", "w", encoding="utf-8") as f:
                f.write("rdflib: %s: %s\n" % (type(e).__name__, e))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
