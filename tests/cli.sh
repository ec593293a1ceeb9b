#!/bin/sh
# cli.sh - tests of the kgextract command line (STYLE 3.6): exit status,
# messages, -o atomicity, every output syntax read back by rapper and dot,
# SPARQL over the output with roqet, determinism, --explain, odd inputs and
# --check-rules.  Prints TAP for automake's tap-driver.
# Environment (set by make check): KGX, KGX_SRCDIR or srcdir, and the
# optional tools RAPPER, ROQET, DOT (a test needing a missing one is skipped).

LC_ALL=C
export LC_ALL

here=$(dirname "$0")
srcdir=${KGX_SRCDIR:-${srcdir:-$here/..}}
KGX=${KGX:-${KGX_BUILDDIR:-.}/kgextract}
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=

if [ ! -x "$KGX" ]; then
  echo "Bail out! no kgextract program (set KGX): $KGX"
  exit 99
fi
if [ ! -f "$srcdir/tests/cli-sample.txt" ]; then
  echo "Bail out! no $srcdir/tests/cli-sample.txt (set KGX_SRCDIR or srcdir)"
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-cli.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT HUP INT TERM
sample=$srcdir/tests/cli-sample.txt

. "$srcdir/tests/tap-lib.sh"
# run ARGS...: runs kgextract, stdout in $tmp/out, stderr in $tmp/err, status in $rc
run () {
  "$KGX" "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
}
# has FILE REGEX: grep -E, quietly
has () { grep -E -q -e "$2" "$1"; }
# count_triples FILE SYNTAX: how many triples rapper reads (or nothing)
count_triples () {
  "$RAPPER" -c -i "$2" "$1" 2>&1 | sed -n 's/.*returned \([0-9][0-9]*\) triple.*/\1/p'
}


# ---------------------------------------------------------------- help
run --help
[ $rc -eq 0 ] && has "$tmp/out" '^Usage:' && has "$tmp/out" '[-][-]format' && [ ! -s "$tmp/err" ]
check "--help goes to stdout, exit 0" $? "$tmp/err"

run --version
[ $rc -eq 0 ] && head -n 1 "$tmp/out" | grep -E -q '^kgextract [0-9]+\.[0-9]+' \
  && has "$tmp/out" 'raptor2' && has "$tmp/out" 'libxml2' && [ ! -s "$tmp/err" ]
check "--version: 'kgextract VERSION' first, library versions, stdout, exit 0" $? "$tmp/out" "$tmp/err"

# ---------------------------------------------------------------- usage errors
run --no-such-option "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "^Try 'kgextract --help' for more information\.$" && [ ! -s "$tmp/out" ]
check "unknown option: exit 2, Try 'kgextract --help', nothing on stdout" $? "$tmp/err"

run -f klingon "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "klingon" && has "$tmp/err" "^Try 'kgextract --help'"
check "unknown output format: exit 2 with Try 'kgextract --help'" $? "$tmp/err"

run --input-format=pdf "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "^Try 'kgextract --help'"
check "unknown input format: exit 2 with Try 'kgextract --help'" $? "$tmp/err"

run --max-doc-size=-1 "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "^Try 'kgextract --help'"
check "negative --max-doc-size: exit 2" $? "$tmp/err"

# ---------------------------------------------------------------- batches
cp "$sample" "$tmp/good.txt"
run -f ntriples -o "$tmp/batch.nt" "$tmp/good.txt" "$tmp/missing.txt"
[ $rc -eq 1 ] && has "$tmp/err" 'missing\.txt.*error' && has "$tmp/batch.nt" 'Marta Kovalenko'
check "a missing file in a batch: exit 1, the other file's triples still written" $? "$tmp/err"

run -f ntriples "$tmp" "$tmp/good.txt"
[ $rc -eq 1 ] && has "$tmp/err" 'is a directory' && has "$tmp/out" 'Marta Kovalenko'
check "a directory as input: exit 1 with a message, the rest processed" $? "$tmp/err"

run -f ntriples --max-doc-size=100 "$tmp/good.txt"
[ $rc -eq 1 ] && has "$tmp/err" 'max-doc-size'
check "--max-doc-size: a larger input fails with exit 1" $? "$tmp/err"

run -f ntriples - < "$sample"
[ $rc -eq 0 ] && has "$tmp/out" 'Marta Kovalenko'
check "'-' reads standard input" $? "$tmp/err"

"$KGX" -f ntriples < "$sample" > "$tmp/stdin.nt" 2> "$tmp/err"
[ $? -eq 0 ] && cmp -s "$tmp/stdin.nt" "$tmp/out"
check "no file operand reads standard input, same graph as '-'" $? "$tmp/err"

# ---------------------------------------------------------------- rule and data errors
printf 'rule test/unbalanced\n  example "A met B."\n  match a:Person ( met b:Person\n  emit a metWith b\n' > "$tmp/paren.rules"
run --rules "$tmp/paren.rules" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "^kgextract: [^ ]*paren\.rules:3:18: error: " && [ ! -s "$tmp/out" ]
check "--rules with a syntax error: exit 2, 'kgextract: FILE:LINE:COL: error:'" $? "$tmp/err"

printf 'rule test/class\n  match a:Persn met b:Person\n  emit a metWith b\n' > "$tmp/class.rules"
run --rules "$tmp/class.rules" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "class\.rules:2:11: error: .*Persn"
check "--rules with an unknown class: exit 2 at FILE:2:11" $? "$tmp/err"

printf 'rule test/property\n  match a:Person met b:Person\n  emit a mets b\n' > "$tmp/prop.rules"
run --rules "$tmp/prop.rules" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "prop\.rules:3:[0-9]+: error: .*mets"
check "--rules with an unknown property: exit 2 at FILE:LINE:COL" $? "$tmp/err"

run --rules "$tmp/no-such.rules" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" 'no-such\.rules'
check "--rules with a missing file: exit 2" $? "$tmp/err"

printf 'Zorvik\tCompny\tZorvik Group\n' > "$tmp/bad.tsv"
run --gazetteer "$tmp/bad.tsv" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" "bad\.tsv:1:8: error: .*Compny"
check "--gazetteer with an unknown class: exit 2 at FILE:1:8" $? "$tmp/err"

run --data-dir "$tmp/nowhere" "$sample"
[ $rc -eq 2 ] && has "$tmp/err" 'error'
check "--data-dir without an ontology: exit 2" $? "$tmp/err"

printf '# one rule of our own\nrule test/funds\n  example "Veltrano Energy Corp funds the Lindqvist NPP."\n  match o:Organization funds the? f:Facility\n  emit f builtBy o\n' > "$tmp/good.rules"
printf 'Veltrano Energy Corp funds the Lindqvist NPP.\nMarta Kovalenko met Daniel Osei in Vienna.\n' > "$tmp/funds.txt"
run -f ntriples --no-default-rules --rules "$tmp/good.rules" "$tmp/funds.txt"
[ $rc -eq 0 ] && has "$tmp/out" 'ontology#builtBy' && ! has "$tmp/out" 'ontology#metWith'
check "--no-default-rules --rules FILE: only that file's rules run" $? "$tmp/out" "$tmp/err"

# ---------------------------------------------------------------- -o
run -f ntriples -o "$tmp/out1.nt" "$sample"
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && has "$tmp/out1.nt" 'Marta Kovalenko' \
  && [ -z "$(ls "$tmp" | grep '^out1\.nt\.')" ]
check "-o FILE: graph in FILE, nothing on stdout, no temporary left" $? "$tmp/err"

mode=$(stat -c %a "$tmp/out1.nt" 2>/dev/null)
[ "$mode" = 644 ]
check "-o FILE is created with mode 0644 (got ${mode:-none})" $?

mkdir "$tmp/odir"
run -o "$tmp/odir" "$sample"
[ $rc -eq 1 ] && has "$tmp/err" 'odir' && [ -z "$(ls "$tmp" | grep '^odir\.')" ] \
  && [ -z "$(ls "$tmp/odir")" ]
check "-o DIRECTORY: exit 1 with a message, no temporary left" $? "$tmp/err"

run -o "$tmp/no/such/dir/out.ttl" "$sample"
[ $rc -eq 1 ] && has "$tmp/err" 'out\.ttl'
check "-o in a missing directory: exit 1 with a message" $? "$tmp/err"

# A write that fails half-way (file size limit): the old file stays whole.
i=0
: > "$tmp/big.txt"
while [ $i -lt 60 ]; do
  cat "$sample" >> "$tmp/big.txt"
  echo "Tomas Brekke$i met Anna Petrova$i in Vienna." >> "$tmp/big.txt"
  i=$((i + 1))
done
echo "OLD CONTENT" > "$tmp/keep.ttl"
(trap '' XFSZ; ulimit -f 4; exec "$KGX" -o "$tmp/keep.ttl" "$tmp/big.txt") > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(cat "$tmp/keep.ttl")" = "OLD CONTENT" ] \
  && [ -z "$(ls "$tmp" | grep '^keep\.ttl\.')" ] && has "$tmp/err" 'error'
check "-o is atomic: a failed write leaves the old file as it was, no temporary" $? "$tmp/err"

"$KGX" "$sample" > /dev/full 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && has "$tmp/err" '^kgextract: .*(write error|No space)'
check "> /dev/full: exit 1 with a write error message" $? "$tmp/err"

"$KGX" --version > /dev/full 2> "$tmp/err"
[ $? -ne 0 ]
check "--version > /dev/full: non-zero exit" $? "$tmp/err"

# ---------------------------------------------------------------- output syntaxes
run -f ntriples "$sample"
cp "$tmp/out" "$tmp/sample.nt"
nt_count=$(grep -c ' \.$' "$tmp/sample.nt")
for spec in turtle:turtle ntriples:ntriples nquads:nquads rdfxml:rdfxml \
    rdfxml-abbrev:rdfxml json:json; do
  fmt=${spec%%:*} syntax=${spec#*:}
  run -f "$fmt" "$sample"
  if [ $rc -ne 0 ] || [ ! -s "$tmp/out" ]; then
    not_ok "-f $fmt writes a graph, exit 0 (exit $rc)" "$tmp/err"
  elif [ -z "$RAPPER" ]; then
    skip "-f $fmt reads back with rapper -i $syntax" "no rapper (RAPPER)"
  else
    cp "$tmp/out" "$tmp/graph.$fmt"
    got=$(count_triples "$tmp/graph.$fmt" "$syntax")
    [ -n "$got" ] && [ "$got" -eq "$nt_count" ] && [ "$got" -gt 10 ]
    check "-f $fmt reads back with rapper -i $syntax, same $nt_count triples (got ${got:-none})" $? "$tmp/err"
  fi
done

run -f dot "$sample"
if [ $rc -ne 0 ] || ! has "$tmp/out" 'digraph'; then
  not_ok "-f dot writes a digraph" "$tmp/err"
elif [ -z "$DOT" ]; then
  skip "-f dot renders with dot -Tsvg" "no dot (DOT)"
else
  "$DOT" -Tsvg "$tmp/out" > "$tmp/graph.svg" 2> "$tmp/dot.err"
  [ $? -eq 0 ] && has "$tmp/graph.svg" '<svg'
  check "-f dot renders with dot -Tsvg" $? "$tmp/dot.err"
fi

run -f turtle --base 'http://example.org/kg/' "$sample"
[ $rc -eq 0 ] && has "$tmp/out" 'http://example.org/kg/' && ! has "$tmp/out" 'w3id.org/kgextract/id/'
check "--base sets the entity IRI base" $? "$tmp/err"

# ---------------------------------------------------------------- SPARQL
"$KGX" -f turtle -o "$tmp/sample.ttl" "$sample" 2> "$tmp/err"
sparql_prefix='PREFIX kgx: <https://w3id.org/kgextract/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
if [ -z "$ROQET" ]; then
  skip "SPARQL: who heads Veltrano Energy Corp" "no roqet (ROQET)"
  skip "SPARQL: what is near Lake Alakol" "no roqet (ROQET)"
else
  "$ROQET" -q -D "$tmp/sample.ttl" -r csv -e "$sparql_prefix
    SELECT ?name WHERE { ?p kgx:heads ?o . ?o rdfs:label \"Veltrano Energy Corp\" .
                         ?p rdfs:label ?name }" > "$tmp/q1" 2>&1
  [ $? -eq 0 ] && [ "$(sed 1d "$tmp/q1" | tr -d '\r')" = "Marta Kovalenko" ]
  check "SPARQL: who heads Veltrano Energy Corp? Marta Kovalenko" $? "$tmp/q1"
  "$ROQET" -q -D "$tmp/sample.ttl" -r csv -e "$sparql_prefix
    SELECT ?name WHERE { ?f kgx:near ?l . ?l rdfs:label \"Lake Alakol\" .
                         ?f a kgx:NuclearPowerPlant ; rdfs:label ?name }" > "$tmp/q2" 2>&1
  [ $? -eq 0 ] && [ "$(sed 1d "$tmp/q2" | wc -l)" -eq 1 ] && sed 1d "$tmp/q2" | grep -q 'nuclear plant'
  check "SPARQL: what is near Lake Alakol? one nuclear plant" $? "$tmp/q2"
fi

# ---------------------------------------------------------------- determinism
"$KGX" -f turtle "$sample" "$tmp/funds.txt" > "$tmp/det1" 2>/dev/null
"$KGX" -f turtle "$sample" "$tmp/funds.txt" > "$tmp/det2" 2>/dev/null
cmp -s "$tmp/det1" "$tmp/det2" && [ -s "$tmp/det1" ]
check "two runs give byte-identical output" $?

MALLOC_PERTURB_=7 "$KGX" -f ntriples "$sample" > "$tmp/det3" 2>/dev/null
cmp -s "$tmp/det3" "$tmp/sample.nt"
check "output does not depend on the allocator (MALLOC_PERTURB_)" $?

cp "$sample" "$tmp/a.txt"
cp "$sample" "$tmp/b.txt"
run -f ntriples "$tmp/a.txt" "$tmp/b.txt"
grep -v '/anon-' "$tmp/out" > "$tmp/ab.named"
grep -v '/anon-' "$tmp/sample.nt" > "$tmp/a.named"
cmp -s "$tmp/ab.named" "$tmp/a.named" && [ -s "$tmp/a.named" ]
check "the same text twice: named entities merge (IRIs from names; docs/identity.md)" $? "$tmp/err"

# ---------------------------------------------------------------- --explain
run -f ntriples --explain="$tmp/explain.jsonl" "$sample"
if [ $rc -ne 0 ] || [ ! -s "$tmp/explain.jsonl" ]; then
  not_ok "--explain=FILE writes JSON Lines (exit $rc)" "$tmp/err"
  not_ok "--explain=FILE lines name the rule and the sentence"
elif [ -z "$PYTHON" ]; then
  skip "--explain=FILE writes JSON Lines" "no python3"
  skip "--explain=FILE lines name the rule and the sentence" "no python3"
else
  "$PYTHON" -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    try:
        json.loads(line)
    except ValueError as e:
        sys.exit("line %d: %s" % (n, e))
' "$tmp/explain.jsonl" > "$tmp/json.err" 2>&1
  check "--explain=FILE writes JSON Lines (one JSON object per line)" $? "$tmp/json.err"
  "$PYTHON" -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
heads = [o for o in lines if o.get("predicate") == "heads" and o.get("subject") == "Marta Kovalenko"]
if not heads:
    sys.exit("no line for Marta Kovalenko heads")
for o in lines:
    if not o.get("rule") or not o.get("sentence"):
        sys.exit("a line without rule or sentence: %r" % o)
if "chief executive" not in heads[0]["sentence"]:
    sys.exit("the sentence is not the one that made the triple: %r" % heads[0]["sentence"])
' "$tmp/explain.jsonl" > "$tmp/json.err" 2>&1
  check "--explain=FILE lines name the rule and the sentence" $? "$tmp/json.err"
fi
cmp -s "$tmp/out" "$tmp/sample.nt"
check "--explain does not change the graph" $?

run -f ntriples --explain "$sample"
[ $rc -eq 0 ] && has "$tmp/err" 'heads' && has "$tmp/err" 'rule' && cmp -s "$tmp/out" "$tmp/sample.nt"
check "--explain without FILE explains on stderr, graph unchanged" $? "$tmp/err"

# Known bug: glib's optional-argument parsing takes "--explain FILE" as
# "--explain=FILE", so the input file is opened for writing and emptied.
cp "$sample" "$tmp/precious.txt"
(cd "$tmp" && "$KGX" -f ntriples --explain precious.txt < /dev/null > out 2> err)
if cmp -s "$tmp/precious.txt" "$sample"; then
  ok "--explain FILE (with a space) does not truncate FILE"
else
  todo "--explain FILE (with a space) does not truncate FILE" \
    "known bug: the input is taken as the --explain output and emptied"
fi

# ---------------------------------------------------------------- odd inputs
: > "$tmp/empty.txt"
run -f ntriples "$tmp/empty.txt"
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
check "empty input: exit 0, empty graph, no message" $? "$tmp/out" "$tmp/err"

printf '   \n\t\n\n  \r\n' > "$tmp/blank.txt"
run -f ntriples "$tmp/blank.txt"
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ]
check "whitespace-only input: exit 0, empty graph" $? "$tmp/out" "$tmp/err"

run -f turtle "$tmp/empty.txt"
if [ -n "$RAPPER" ]; then
  [ $rc -eq 0 ] && [ "$(count_triples "$tmp/out" turtle)" = 0 ]
  check "empty input in Turtle is a valid empty graph" $? "$tmp/out"
else
  skip "empty input in Turtle is a valid empty graph" "no rapper (RAPPER)"
fi

printf 'Marta Kovalenko\000met Daniel Osei.\n' > "$tmp/binary.txt"
run -f ntriples "$tmp/binary.txt" "$tmp/good.txt"
[ $rc -eq 1 ] && has "$tmp/err" 'binary\.txt.*(binary|NUL)' && has "$tmp/out" 'Marta Kovalenko'
check "binary input (NUL byte): exit 1, a message, other inputs processed" $? "$tmp/err"

printf 'Veltrano Energy Corp chief executive Marta Kovalenko met Daniel Osei.\nThe caf\351 is in Riga.\n' > "$tmp/latin1.txt"
run -f ntriples "$tmp/latin1.txt"
[ $rc -eq 0 ] && has "$tmp/err" '^kgextract: [^ ]*latin1\.txt:2:8: warning: .*UTF-8' \
  && has "$tmp/out" 'Marta Kovalenko'
check "invalid UTF-8: exit 0, a warning at FILE:2:8, the text still read" $? "$tmp/err"

run -q -f ntriples "$tmp/latin1.txt"
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
check "-q silences warnings" $? "$tmp/err"

if [ -n "$PYTHON" ]; then
  "$PYTHON" -c 'import sys; sys.stdout.buffer.write("Marta Kovalenko met Daniel Osei in Vienna.\n".encode("utf-16"))' > "$tmp/utf16.txt"
  run -f ntriples "$tmp/utf16.txt"
  [ $rc -eq 0 ] && has "$tmp/out" 'metWith'
  check "UTF-16 input with a BOM is decoded" $? "$tmp/err"
else
  skip "UTF-16 input with a BOM is decoded" "no python3"
fi

cat > "$tmp/page.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Energy news</title>
<script>var s = "Anna Petrova met Tomas Brekke";</script></head>
<body><nav>Home | World | Energy</nav>
<article><h1>Talks in Vienna</h1>
<p>Veltrano Energy Corp chief executive Marta Kovalenko met Daniel Osei in Vienna.</p>
<p>&#8220;The talks went well,&#8221; Marta Kovalenko said.</p></article>
</body></html>
EOF
run -f ntriples "$tmp/page.html"
[ $rc -eq 0 ] && has "$tmp/out" 'metWith' && has "$tmp/out" '"The talks went well"' \
  && ! has "$tmp/out" 'Petrova'
check "an HTML file: the article is read, scripts are not" $? "$tmp/out" "$tmp/err"

cp "$tmp/page.html" "$tmp/page.txt"
run -f ntriples --input-format=html "$tmp/page.txt"
[ $rc -eq 0 ] && has "$tmp/out" 'metWith' && ! has "$tmp/out" 'Petrova'
check "--input-format=html reads a .txt file as HTML" $? "$tmp/err"

printf 'Marta Kovalenko met Daniel Osei in Vienna.' > "$tmp/nonl.txt"
run -f ntriples "$tmp/nonl.txt"
[ $rc -eq 0 ] && has "$tmp/out" 'metWith'
check "input without a final newline" $? "$tmp/err"

printf 'Marta Kovalenko met Daniel Osei in Vienna.\r\nHe said so.\r\n' > "$tmp/crlf.txt"
run -f ntriples "$tmp/crlf.txt"
[ $rc -eq 0 ] && has "$tmp/out" 'metWith'
check "CRLF line ends" $? "$tmp/err"

# ---------------------------------------------------------------- messages
run -f ntriples "$tmp/latin1.txt" "$tmp/missing.txt"
! has "$tmp/out" 'kgextract:' && ! has "$tmp/out" 'warning'
check "diagnostics never go to stdout" $? "$tmp/out"

G_MESSAGES_DEBUG=all "$KGX" -f ntriples "$sample" > "$tmp/out" 2>/dev/null
cmp -s "$tmp/out" "$tmp/sample.nt"
check "debug logging (G_MESSAGES_DEBUG=all) does not mix with the graph" $?

run -v -f ntriples "$sample"
[ $rc -eq 0 ] && has "$tmp/err" 'note: .*sentences' && cmp -s "$tmp/out" "$tmp/sample.nt"
check "-v reports counts on stderr" $? "$tmp/err"

# ---------------------------------------------------------------- --check-rules
# tests/check-rules.xfail lists the rules whose example is known not to fire.
run --check-rules
printf '%s\n' "$rc" > "$tmp/check.rc"
sed -n "s/.*rule '\\([^']*\\)' does not fire.*/\\1/p" "$tmp/err" | sort -u > "$tmp/not-firing"
grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/tests/check-rules.xfail" 2>/dev/null | sort -u > "$tmp/known"
comm -23 "$tmp/not-firing" "$tmp/known" > "$tmp/new-failures"
comm -13 "$tmp/not-firing" "$tmp/known" > "$tmp/fixed"
[ -s "$tmp/out" ] && has "$tmp/out" 'rules,'
check "--check-rules prints a summary on stdout" $? "$tmp/out" "$tmp/err"
[ ! -s "$tmp/new-failures" ]
check "--check-rules: every rule fires on its example, but those in tests/check-rules.xfail" $? \
  "$tmp/new-failures"
if [ $rc -eq 0 ]; then
  if [ -s "$tmp/known" ]; then
    not_ok "--check-rules exits 0 (it does: empty tests/check-rules.xfail)" "$tmp/known"
  else
    ok "--check-rules exits 0"
  fi
elif [ -s "$tmp/known" ] && [ ! -s "$tmp/new-failures" ]; then
  todo "--check-rules exits 0" "known bug: $(wc -l < "$tmp/known") rules in tests/check-rules.xfail" \
    "$tmp/err"
else
  not_ok "--check-rules exits 0 (exit $rc)" "$tmp/err"
fi
[ ! -s "$tmp/fixed" ]
check "tests/check-rules.xfail lists no rule that now fires (remove them)" $? "$tmp/fixed"

finish
