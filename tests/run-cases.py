#!/usr/bin/env python3
"""run-cases.py - the golden-case runner (see tests/cases/README.md).

Runs "$KGX -f ntriples" on every tests/cases/NAME.txt (or NAME.html) and
checks the triples listed in NAME.expected are there and those in
NAME.forbidden are not.  Prints TAP, one test per case; a case whose NAME
ends in ".b" is a known bug and is reported with a TODO directive, so that
automake's tap-driver counts it as XFAIL (and as XPASS, a failure, once it
is fixed: then rename it).  Python 3 standard library only.

Usage: run-cases.py [--show FILE.nt] [CASE-NAME...]
"""

import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import unicodedata

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
KGX_NS = "https://w3id.org/kgextract/ontology#"
NAME_PREDICATES = {
    RDFS + "label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name",
    "http://schema.org/alternateName",
    "http://xmlns.com/foaf/0.1/name",
}
TIMEOUT = 60  # seconds per kgextract run; a hang is a failure, not a stall

# --------------------------------------------------------------------------
# N-Triples (what kgextract writes: IRIs, blank nodes, plain, language-tagged
# and typed literals, \-escapes)

NT_TERM = re.compile(r'\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)')
ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in ESCAPES:
                out.append(ESCAPES[n])
                i += 2
                continue
            if n in "uU":
                width = 4 if n == "u" else 8
                out.append(chr(int(s[i + 2:i + 2 + width], 16)))
                i += 2 + width
                continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_term(tok):
    """('iri', text) | ('bnode', label) | ('lit', text)"""
    if tok.startswith("<"):
        return ("iri", unescape(tok[1:-1]))
    if tok.startswith("_:"):
        return ("bnode", tok)
    m = re.match(r'"((?:[^"\\]|\\.)*)"', tok)
    return ("lit", unescape(m.group(1)))


def parse_ntriples(text):
    triples = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms, pos = [], 0
        for _ in range(3):
            m = NT_TERM.match(line, pos)
            if not m:
                raise ValueError("line %d: cannot read N-Triples: %s" % (lineno, line))
            terms.append(parse_term(m.group(1)))
            pos = m.end()
        if line[pos:].strip() != ".":
            raise ValueError("line %d: expected ' .' at the end: %s" % (lineno, line))
        triples.append(tuple(terms))
    return triples


def local_name(iri):
    return re.split(r"[#/]", iri)[-1]


# --------------------------------------------------------------------------
# Names are compared as the scorer does (shared/eval/FORMAT.md), minus the
# hyphen rule: NFKC, lower case, curly quotes and dashes plain, white space
# collapsed, a leading "the " and a trailing possessive dropped.

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u02bc"), "'")
QUOTES.update(dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'))


def norm(s):
    s = unicodedata.normalize("NFKC", s).translate(DASHES).translate(QUOTES).lower()
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s


def norm_literal(s):
    s = unicodedata.normalize("NFKC", s).translate(DASHES).translate(QUOTES).lower()
    return " ".join(s.split())


# --------------------------------------------------------------------------
# The ontology: which classes are subclasses of which, which properties are
# symmetric.  Read with rapper when there is one, else with a small regex
# pass over the Turtle that is good enough for ontology/kgextract.ttl.

class Ontology:
    def __init__(self, path):
        self.parents = {}      # local name -> set of local names
        self.symmetric = set()
        self.properties = set()
        text = None
        rapper = os.environ.get("RAPPER")
        if rapper:
            try:
                r = subprocess.run([rapper, "-q", "-i", "turtle", "-o", "ntriples", path],
                                   capture_output=True, text=True, timeout=TIMEOUT)
                if r.returncode == 0:
                    text = r.stdout
            except OSError:
                text = None
        if text is not None:
            for s, p, o in parse_ntriples(text):
                if s[0] != "iri" or o[0] != "iri":
                    continue
                if p[1] == RDFS + "subClassOf" and s[1].startswith(KGX_NS) \
                        and o[1].startswith(KGX_NS):
                    self.parents.setdefault(local_name(s[1]), set()).add(local_name(o[1]))
                elif p[1] == RDF_TYPE and o[1] == OWL + "SymmetricProperty":
                    self.symmetric.add(local_name(s[1]))
                if p[1] == RDF_TYPE and s[1].startswith(KGX_NS) and o[1] in (
                        OWL + "ObjectProperty", OWL + "DatatypeProperty"):
                    self.properties.add(local_name(s[1]))
        else:
            with open(path, encoding="utf-8") as f:
                ttl = f.read()
            for block in re.split(r"\.\s*\n", ttl):
                m = re.match(r"\s*(?:#[^\n]*\n\s*)*kgx:(\w+)\s", block)
                if not m:
                    continue
                name = m.group(1)
                for sup in re.findall(r"rdfs:subClassOf\s+([^;.]*)", block):
                    for c in re.findall(r"kgx:(\w+)", sup):
                        self.parents.setdefault(name, set()).add(c)
                head = block.split(";")[0]
                if re.search(r"owl:SymmetricProperty", head):
                    self.symmetric.add(name)
                if re.search(r"\ba\s+owl:(Object|Datatype)Property", head):
                    self.properties.add(name)

    def is_a(self, cls, ancestor):
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c == ancestor:
                return True
            if c in seen:
                continue
            seen.add(c)
            todo.extend(self.parents.get(c, ()))
        return False


# --------------------------------------------------------------------------
# Case files

class Pattern:
    """One line of NAME.expected or NAME.forbidden:
    SUBJECT | PREDICATE | OBJECT, where SUBJECT and OBJECT are a name or *,
    OBJECT may be "a literal" ("prefix"* matches a prefix), and
    PREDICATE 'a' checks rdf:type (the object is a class, subclasses count),
    and '=' that one node has both names (coreference)."""

    def __init__(self, line, where):
        self.line = line
        self.where = where
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError("%s: expected 'SUBJECT | PREDICATE | OBJECT': %s" % (where, line))
        self.subject, self.predicate, obj = parts
        self.literal = None
        self.prefix = False
        if obj.startswith('"'):
            if obj.endswith('"*'):
                self.prefix = True
                obj = obj[:-1]
            if len(obj) < 2 or not obj.endswith('"'):
                raise ValueError("%s: unterminated literal: %s" % (where, line))
            self.literal = obj[1:-1]
            self.object = None
        else:
            self.object = obj
        if self.predicate in ("a", "=") and self.literal is not None:
            raise ValueError("%s: '%s' takes a name, not a literal: %s"
                             % (where, self.predicate, line))

    def __str__(self):
        return self.line


def read_patterns(path):
    pats = []
    if not os.path.exists(path):
        return pats
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pats.append(Pattern(line, "%s:%d" % (os.path.basename(path), n)))
    return pats


class Graph:
    def __init__(self, triples, onto):
        self.onto = onto
        self.names = {}     # node -> set of normalised names
        self.label = {}     # node -> display name
        self.types = {}     # node -> set of class local names
        self.edges = []     # (subject node, predicate local name, ('node', n) | ('lit', text))
        for s, p, o in triples:
            node = s[1]
            if p[1] in NAME_PREDICATES and o[0] == "lit":
                self.names.setdefault(node, set()).add(norm(o[1]))
                if p[1] == RDFS + "label" or node not in self.label:
                    self.label[node] = o[1]
            elif p[1] == RDF_TYPE and o[0] == "iri":
                self.types.setdefault(node, set()).add(local_name(o[1]))
            elif o[0] == "lit":
                self.edges.append((node, local_name(p[1]), ("lit", o[1])))
            else:
                self.edges.append((node, local_name(p[1]), ("node", o[1])))

    def name_of(self, node):
        return self.label.get(node, node)

    def node_matches(self, node, name):
        return name == "*" or norm(name) in self.names.get(node, ())

    def find(self, pat):
        """The output triples (readable) that match pat."""
        found = []
        if pat.predicate == "=":
            for node in sorted(self.names):
                if self.node_matches(node, pat.subject) and self.node_matches(node, pat.object):
                    found.append("%s | = | %s" % (pat.subject, pat.object))
            return found
        if pat.predicate == "a":
            for node, classes in sorted(self.types.items()):
                if not self.node_matches(node, pat.subject):
                    continue
                for c in sorted(classes):
                    if pat.object == "*" or self.onto.is_a(c, pat.object):
                        found.append("%s | a | %s" % (self.name_of(node), c))
            return found
        symmetric = pat.predicate in self.onto.symmetric
        for s, p, o in self.edges:
            if pat.predicate != "*" and p != pat.predicate:
                continue
            if pat.literal is not None:
                if o[0] != "lit" or not self.node_matches(s, pat.subject):
                    continue
                want, got = norm_literal(pat.literal), norm_literal(o[1])
                if got == want or (pat.prefix and got.startswith(want)):
                    found.append(readable(self, s, p, o))
                continue
            if o[0] != "node" and pat.object != "*":
                continue
            ok = self.node_matches(s, pat.subject) and (
                pat.object == "*" or self.node_matches(o[1], pat.object))
            if not ok and symmetric and o[0] == "node":
                ok = self.node_matches(o[1], pat.subject) and self.node_matches(s, pat.object)
            if ok:
                found.append(readable(self, s, p, o))
        return found

    def dump(self):
        lines = []
        for node in sorted(self.types, key=self.name_of):
            for c in sorted(self.types[node]):
                lines.append("%s | a | %s" % (self.name_of(node), c))
        lines.extend(sorted(readable(self, s, p, o) for s, p, o in self.edges))
        return lines


def readable(g, s, p, o):
    obj = '"%s"' % o[1] if o[0] == "lit" else g.name_of(o[1])
    return "%s | %s | %s" % (g.name_of(s), p, obj)


# --------------------------------------------------------------------------

def find_srcdir():
    for d in (os.environ.get("KGX_SRCDIR"), os.environ.get("srcdir"),
              os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")):
        if d and os.path.isfile(os.path.join(d, "tests", "cases", "README.md")):
            return d
    return None


def find_kgx():
    kgx = os.environ.get("KGX")
    if kgx:
        return kgx
    b = os.environ.get("KGX_BUILDDIR")
    if b:
        return os.path.join(b, "kgextract")
    return None


def list_cases(casedir):
    names = []
    for f in sorted(os.listdir(casedir)):
        for ext in (".txt", ".html"):
            if f.endswith(ext):
                names.append((f[:-len(ext)], f))
    return names


def run_case(kgx, casedir, onto, name, inputname):
    """Returns (ok, diagnostic lines)."""
    base = os.path.join(casedir, name)
    diag = []
    try:
        expected = read_patterns(base + ".expected")
        forbidden = read_patterns(base + ".forbidden")
    except ValueError as e:
        return False, ["bad case file: %s" % e]
    if not expected and not forbidden:
        return False, ["no %s.expected or %s.forbidden" % (name, name)]
    args = []
    if os.path.exists(base + ".args"):
        with open(base + ".args", encoding="utf-8") as f:
            args = [a.replace("@CASEDIR@", casedir) for a in shlex.split(f.read(), comments=True)]
    cmd = [kgx, "-f", "ntriples"] + args + [os.path.join(casedir, inputname)]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, ["timed out after %ds: %s" % (TIMEOUT, " ".join(cmd))]
    except OSError as e:
        return False, ["cannot run %s: %s" % (kgx, e)]
    stderr = r.stderr.decode("utf-8", "replace").strip()
    if r.returncode != 0:
        diag.append("exit status %d: %s" % (r.returncode, " ".join(map(shlex.quote, cmd))))
        diag.extend("stderr: " + l for l in stderr.splitlines()[:10])
        return False, diag
    try:
        graph = Graph(parse_ntriples(r.stdout.decode("utf-8")), onto)
    except (ValueError, UnicodeDecodeError) as e:
        return False, ["output is not N-Triples: %s" % e]
    missing = [p for p in expected if not graph.find(p)]
    unwanted = [(p, graph.find(p)) for p in forbidden]
    unwanted = [(p, got) for p, got in unwanted if got]
    if not missing and not unwanted:
        return True, []
    for p in missing:
        diag.append("- %s    (expected, %s)" % (p, p.where))
    for p, got in unwanted:
        for g in got:
            diag.append("+ %s    (forbidden by '%s', %s)" % (g, p, p.where))
    diag.append("the graph (%s):" % " ".join(map(shlex.quote, cmd[1:-1] + [inputname])))
    diag.extend("    " + l for l in graph.dump())
    if stderr:
        diag.extend("stderr: " + l for l in stderr.splitlines()[:10])
    return False, diag


def main(argv):
    if len(argv) >= 2 and argv[1] == "--show":
        # Print an N-Triples file in the readable case form (for writing cases).
        srcdir = find_srcdir()
        onto = Ontology(os.path.join(srcdir, "ontology", "kgextract.ttl"))
        with open(argv[2], encoding="utf-8") if argv[2] != "-" else sys.stdin as f:
            print("\n".join(Graph(parse_ntriples(f.read()), onto).dump()))
        return 0
    srcdir = find_srcdir()
    if srcdir is None:
        print("Bail out! cannot find tests/cases (set KGX_SRCDIR or srcdir)")
        return 99
    kgx = find_kgx()
    if not kgx or not os.access(kgx, os.X_OK):
        print("Bail out! no kgextract program (set KGX): %s" % kgx)
        return 99
    casedir = os.path.join(srcdir, "tests", "cases")
    onto = Ontology(os.path.join(srcdir, "ontology", "kgextract.ttl"))
    cases = list_cases(casedir)
    if len(argv) > 1:
        cases = [c for c in cases if c[0] in argv[1:]]
    print("1..%d" % (len(cases) + 1))
    sys.stdout.flush()
    jobs = int(os.environ.get("KGX_TEST_JOBS", "0")) or min(4, os.cpu_count() or 1)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_case, kgx, casedir, onto, name, inp) for name, inp in cases]
        for n, ((name, _), fut) in enumerate(zip(cases, futures), 1):
            ok, diag = fut.result()
            known_bug = name.endswith(".b")
            directive = " # TODO known bug (%s.*)" % name if known_bug else ""
            print("%s %d - %s%s" % ("ok" if ok else "not ok", n, name, directive))
            for line in diag:
                print("#   " + line)
            sys.stdout.flush()
            if not ok and not known_bug:
                failed += 1
    # One more test: the passing cases between them expect every property.
    used = set()
    for name, _ in cases:
        if not name.endswith(".b"):
            try:
                used.update(p.predicate for p in read_patterns(
                    os.path.join(casedir, name + ".expected")))
            except ValueError:
                pass
    missing = sorted(onto.properties - used)
    if len(argv) > 1:
        print("ok %d - every property has a case # SKIP only some cases ran" % (len(cases) + 1))
    elif missing and onto.properties:
        print("not ok %d - every property has a case" % (len(cases) + 1))
        print("#   no case (other than .b) expects: %s" % " ".join(missing))
        failed += 1
    else:
        print("ok %d - every property of the ontology has a case (%d)"
              % (len(cases) + 1, len(onto.properties)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
