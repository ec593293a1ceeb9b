#!/usr/bin/env python3
"""places.py - place coverage in plain sentences (issue 3, "Done when").

For every ISO 3166-1 country (its common_name, else its name, from
iso_3166-1.xml) and every libgeonames city of 1,000,000 people or more,
writes the sentence "The delegation arrived in X on Tuesday." as a
document of its own, runs kgextract -f ntriples once over all of them, and
counts the names X that come out as an entity of a Place class (Place or
any subclass, read from the ontology) with X as its rdfs:label or
skos:altLabel.  Prints TAP: one test per set, passing when the share
reaches its target (countries 95%, cities 90%), with the shares and every
miss as diagnostics; for each miss it says what the extractor made of the
sentence instead.

Environment: KGX (the program), KGX_SRCDIR (the source tree),
KGX_BUILDDIR (for tests/coverage/geonames-cities), KGX_GAZETTEER_GEN_DIR
(fallback city list: cities.tsv), KGX_ISO_3166_1 (the XML; default from
pkg-config iso-codes, else /usr/share/xml/iso-codes), RAPPER.
Python 3 standard library only.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KGX_NS = "https://w3id.org/kgextract/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SENTENCE = "The delegation arrived in {} on Tuesday.\n"
TARGETS = (("countries", 0.95), ("big cities", 0.90))

here = os.path.dirname(os.path.abspath(__file__))
srcdir = os.environ.get("KGX_SRCDIR") or os.path.join(here, "..", "..")
builddir = os.environ.get("KGX_BUILDDIR") or srcdir
kgx = os.environ.get("KGX") or os.path.join(builddir, "kgextract")


def bail(msg):
    print("Bail out! " + msg)
    sys.exit(1)


def skip_all(msg):
    print("1..0 # SKIP " + msg)
    sys.exit(0)


# --------------------------------------------------------------------------
# N-Triples

NT_LINE = re.compile(
    r'^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"'
    r'(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)\s*\.\s*$')
NT_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)')
NT_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f",
             '"': '"', "'": "'", "\\": "\\"}


def nt_unescape(s):
    def one(m):
        e = m.group(1)
        if e[0] in "uU":
            return chr(int(e[1:], 16))
        return NT_SIMPLE.get(e, e)
    return NT_ESCAPE.sub(one, s)


def parse_nt(text):
    """Yields (subject, predicate, object); a literal object is returned
    as ("lit", value), an IRI as its string."""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = NT_LINE.match(line)
        if not m:
            bail("cannot read kgextract's N-Triples line: " + line)
        s, p, o = m.groups()
        if o.startswith('"'):
            o = ("lit", nt_unescape(o[1:o.rindex('"')]))
        else:
            o = o.strip("<>")
        yield s.strip("<>"), p, o


# --------------------------------------------------------------------------
# The Place classes of the ontology

def place_classes():
    ttl = os.path.join(srcdir, "ontology", "kgextract.ttl")
    rapper = os.environ.get("RAPPER") or shutil.which("rapper")
    sub = {}
    if rapper and os.access(rapper, os.X_OK):
        out = subprocess.run([rapper, "-q", "-i", "turtle", "-o", "ntriples", ttl],
                             capture_output=True, text=True, check=True).stdout
        for s, p, o in parse_nt(out):
            if p == RDFS_SUBCLASS and isinstance(o, str):
                sub.setdefault(s, set()).add(o)
    else:
        # no rapper: the ontology's own layout, one "kgx:X a owl:Class"
        # block per class ending with " ."
        text = open(ttl, encoding="utf-8").read()
        for block in re.split(r"\s\.\s*\n", text):
            m = re.match(r"\s*kgx:(\w+)\s+a\s+owl:Class", block)
            if not m:
                continue
            for parents in re.findall(r"rdfs:subClassOf\s+([^;]+)", block):
                for par in re.findall(r"kgx:(\w+)", parents):
                    sub.setdefault(KGX_NS + m.group(1), set()).add(KGX_NS + par)

    def is_place(c, seen=()):
        if c == KGX_NS + "Place":
            return True
        return any(is_place(p, seen + (c,)) for p in sub.get(c, ()) if p not in seen)

    classes = {c for c in sub if is_place(c)} | {KGX_NS + "Place"}
    if len(classes) < 2:
        bail("no subclasses of kgx:Place found in " + ttl)
    return classes


# --------------------------------------------------------------------------
# The names

def iso_3166_1_path():
    p = os.environ.get("KGX_ISO_3166_1")
    if p:
        return p
    try:
        prefix = subprocess.run(["pkg-config", "--variable=prefix", "iso-codes"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        prefix = ""
    for d in ([prefix + "/share/xml/iso-codes"] if prefix else []) + ["/usr/share/xml/iso-codes"]:
        if os.path.exists(os.path.join(d, "iso_3166-1.xml")):
            return os.path.join(d, "iso_3166-1.xml")
    return None


def countries():
    path = iso_3166_1_path()
    if path is None:
        skip_all("no iso_3166-1.xml (package iso-codes)")
    names = []
    for e in ET.parse(path).getroot().iter("iso_3166_entry"):
        name = e.get("common_name") or e.get("name")
        names.append((name, e.get("alpha_2_code")))
    return names


def big_cities():
    """(name, "CC pop") for each distinct name of a libgeonames city of a
    million people or more, most populous first."""
    helper = os.path.join(builddir, "tests", "coverage", "geonames-cities")
    rows = []
    if os.access(helper, os.X_OK):
        out = subprocess.run([helper, "1000000"], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            name, cc, pop = line.split("\t")
            rows.append((name, cc, int(pop)))
        source = "libgeonames"
    else:
        gen = os.environ.get("KGX_GAZETTEER_GEN_DIR") or os.path.join(
            builddir, "ontology", "gazetteers", "generated")
        path = os.path.join(gen, "cities.tsv")
        if not os.path.exists(path):
            skip_all("neither tests/coverage/geonames-cities nor cities.tsv")
        for line in open(path, encoding="utf-8"):
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            extra = dict(kv.split("=", 1) for kv in cols[3].split(";") if "=" in kv)
            if int(extra.get("pop", 0)) >= 1000000 and cols[0] == cols[2]:
                rows.append((cols[0], extra.get("country", "?"), int(extra["pop"])))
        source = path
    rows.sort(key=lambda r: (-r[2], r[0]))
    seen, names = set(), []
    for name, cc, pop in rows:
        if name not in seen:
            seen.add(name)
            names.append((name, "%s %d" % (cc, pop)))
    return names, source, len(rows)


# --------------------------------------------------------------------------

def run_kgx(files):
    r = subprocess.run([kgx, "-q", "-f", "ntriples"] + files,
                       capture_output=True, text=True)
    if r.returncode != 0:
        bail("%s exited with %d: %s" % (kgx, r.returncode, r.stderr.strip()[:500]))
    return r.stdout


def place_labels(nt, places):
    types, labels = {}, {}
    for s, p, o in parse_nt(nt):
        if p == RDF_TYPE:
            types.setdefault(s, set()).add(o)
        elif p in (RDFS_LABEL, SKOS_ALT) and isinstance(o, tuple):
            labels.setdefault(s, set()).add(o[1])
    found = set()
    for s, ls in labels.items():
        if types.get(s, set()) & places:
            found |= ls
    return found, types, labels


def what_came_out(path, places):
    """A short account of the graph of one sentence, for a miss."""
    nt = run_kgx([path])
    _, types, labels = place_labels(nt, places)
    parts = []
    for s in sorted(set(types) | set(labels)):
        cls = ",".join(sorted(t.rsplit("#", 1)[-1] for t in types.get(s, ())))
        parts.append("%s %s" % (cls or "?", "/".join(sorted(labels.get(s, ())))))
    return "; ".join(parts) if parts else "nothing"


def measure(tmp, tag, names, places):
    d = os.path.join(tmp, tag)
    os.mkdir(d)
    files = []
    for i, (name, _) in enumerate(names):
        path = os.path.join(d, "%04d.txt" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(SENTENCE.format(name))
        files.append(path)
    found, _, _ = place_labels(run_kgx(files), places)
    misses = [(n, info, files[i]) for i, (n, info) in enumerate(names) if n not in found]
    return len(names) - len(misses), misses


def main():
    if not os.access(kgx, os.X_OK):
        bail("no program " + kgx)
    places = place_classes()
    sets = [("countries", countries(), "ISO 3166-1"), None]
    cities, source, n_rows = big_cities()
    sets[1] = ("big cities", cities, "%s, %d cities, %d distinct names" % (source, n_rows, len(cities)))
    print("1..%d" % len(sets))
    print("# Place classes: %s" % " ".join(sorted(c.rsplit("#", 1)[-1] for c in places)))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kgx-coverage-") as tmp:
        for n, ((tag, names, source), (_, target)) in enumerate(zip(sets, TARGETS), 1):
            ok, misses = measure(tmp, tag.replace(" ", "-"), names, places)
            share = ok / len(names) if names else 0.0
            passed = share >= target
            failed += not passed
            print("%s %d - %s: %d of %d (%.1f%%) are places with their name as label; "
                  "target %d%%" % ("ok" if passed else "not ok", n, tag, ok, len(names),
                                   100 * share, round(100 * target)))
            print("# %s from %s" % (tag, source))
            for name, info, path in misses:
                print("# miss (%s): %s [%s] -> %s" % (tag, name, info,
                                                      what_came_out(path, places)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
