#!/usr/bin/env python3
"""split-nquads.py - splits an N-Quads file by graph, for loaders that take
one graph per file (rdfproc's `parse FILE SYNTAX BASE CONTEXT`): writes
OUTDIR/default.nt (the statements with no graph), OUTDIR/gN.nt for each
named graph, and OUTDIR/graphs.tsv, one "gN<TAB>GRAPH-IRI" line per named
graph, in the order of first appearance.  Each output line is the input
line without its graph term.  Blank-node graph names are an error: they
cannot be named when loading.

Usage: split-nquads.py FILE.nq OUTDIR
Standard library only.
"""
import os
import re
import sys

# subject, predicate, object, optional graph, final dot
TERM_IRI = r"<[^>]*>"
TERM_BNODE = r"_:\S+"
TERM_LIT = r'"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?'
QUAD = re.compile(r"^\s*((?:%s|%s)\s*%s\s*(?:%s|%s|%s))\s*(%s|%s)?\s*\.\s*$"
                  % (TERM_IRI, TERM_BNODE, TERM_IRI,
                     TERM_IRI, TERM_BNODE, TERM_LIT, TERM_IRI, TERM_BNODE))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    files = {None: open(os.path.join(outdir, "default.nt"), "w", encoding="utf-8")}
    names = {}
    with open(src, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = QUAD.match(line)
            if m is None:
                print("%s:%d: not an N-Quads statement" % (src, lineno), file=sys.stderr)
                return 1
            triple, graph = m.group(1), m.group(2)
            if graph is not None and graph.startswith("_:"):
                print("%s:%d: blank node graph name" % (src, lineno), file=sys.stderr)
                return 1
            if graph is not None:
                graph = graph[1:-1]
            if graph not in files:
                names[graph] = "g%d" % (len(names) + 1)
                files[graph] = open(os.path.join(outdir, names[graph] + ".nt"), "w", encoding="utf-8")
            files[graph].write(triple + " .\n")
    for f in files.values():
        f.close()
    with open(os.path.join(outdir, "graphs.tsv"), "w", encoding="utf-8") as f:
        for graph, name in names.items():
            f.write("%s\t%s\n" % (name, graph))
    return 0


if __name__ == "__main__":
    sys.exit(main())
