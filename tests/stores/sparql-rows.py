#!/usr/bin/env python3
"""sparql-rows.py - SPARQL query results (XML or JSON, as the engines write
them) to plain rows: one line per solution, the values in the order of the
result's variables, separated by a tab; a literal is its text (no quotes,
language tag or datatype), an IRI is the IRI, an unbound variable is empty.
Tab, newline, carriage return and backslash in a value are written as
\\t \\n \\r \\\\.  Lines are sorted by their UTF-8 bytes, as LC_ALL=C sort
does.  This is the form of examples/queries/*.expected.

Usage: sparql-rows.py [RESULTS-FILE]   (standard input when none)
Exit status 0, or 1 when the input is not SPARQL results.
Standard library only: it runs under whichever python3 is first on PATH.
"""
import json
import sys
import xml.etree.ElementTree as ET

SRX = "{http://www.w3.org/2005/sparql-results#}"


def plain(value):
    return (value.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def from_json(text):
    doc = json.loads(text)
    names = doc["head"].get("vars", [])
    for b in doc["results"]["bindings"]:
        yield [b[n]["value"] if n in b else "" for n in names]


def from_xml(text):
    root = ET.fromstring(text)
    names = [v.get("name") for v in root.iter(SRX + "variable")]
    for result in root.iter(SRX + "result"):
        row = dict.fromkeys(names, "")
        for binding in result.iter(SRX + "binding"):
            term = binding[0]
            row[binding.get("name")] = term.text or ""
        yield [row[n] for n in names]


def main():
    src = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    text = src.read().lstrip()
    try:
        rows = list(from_xml(text) if text.startswith("<") else from_json(text))
    except (ValueError, KeyError, TypeError, ET.ParseError) as e:
        print("sparql-rows.py: not SPARQL results: %s" % e, file=sys.stderr)
        return 1
    lines = ["\t".join(plain(v) for v in row) for row in rows]
    out = sys.stdout.buffer
    for line in sorted(line.encode("utf-8") for line in lines):
        out.write(line + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
