#!/bin/sh
# provenance-check.sh - --provenance and identity (issue 5): the NIF offsets
# and anchors, one named graph per relation described with PROV-O, the run
# manifest (tests/provenance-check.py checks the model), -j independence,
# --no-context-text, --doc-iri, one IRI per entity over separate runs, and
# the three queries of docs/provenance.md with roqet.  When the research
# corpus is there (../shared/corpus, or KGX_CORPUS_DIR), the dev articles
# are checked too; they are cut into a temporary directory, never kept.
# Prints TAP.  After a deliberate change (rules, confidence.tsv), rewrite
# the answers shown in docs/provenance.md with
#   make check TESTS=tests/provenance-check.sh KGX_UPDATE_DOCS=1
# (or KGX_UPDATE_DOCS=1 in the environment) and read the diff.

. "$(dirname "$0")/batch-lib.sh"

if [ -z "$PYTHON" ]; then
  echo "1..0 # SKIP no python3"
  exit 0
fi
checker=$srcdir/tests/provenance-check.py
sample=tests/provenance-sample.txt

# Run from the source directory: the document's name is the path as given.
(cd "$srcdir" && "$KGX" --provenance -f nquads "$sample") > "$tmp/sample.nq" 2> "$tmp/err"
rc=$?
"$PYTHON" "$checker" "$tmp/sample.nq" --texts "$srcdir" > "$tmp/check" 2>&1
[ $rc -eq 0 ] && [ $? -eq 0 ]
check "the sample's N-Quads follow the model (anchors are the text at the offsets)" $? \
  "$tmp/check" "$tmp/err"

# HTML in JSON Lines, non-ASCII, CRLF: offsets count code points of the analysed text.
cat > "$tmp/mixed.jsonl" <<'EOF'
{"id": "html-1", "html": "<html><head><title>T</title></head><body><article><h1>Talks in Tallinn</h1><p>Zo\u00eb Brekke met \u0141ukasz Varga in Tallinn.</p><p>\u201cIt went well,\u201d Zo\u00eb Brekke said.</p></article></body></html>", "url": "https://news.example/html-1", "date": "2024-05-01"}
{"id": "text-2", "text": "Korvane Energy Corp chief executive Ma\u0301rta Kovalenko met Daniel Osei in Vienna.\r\nShe said so \ud83d\ude00.\r\n"}
EOF
"$KGX" --provenance -f nquads --input-format jsonl "$tmp/mixed.jsonl" > "$tmp/mixed.nq" 2> "$tmp/err"
rc=$?
"$PYTHON" "$checker" "$tmp/mixed.nq" > "$tmp/check" 2>&1
[ $rc -eq 0 ] && [ $? -eq 0 ] && has "$tmp/mixed.nq" 'sourceUrl> <https://news.example/html-1>' \
  && has "$tmp/mixed.nq" 'created> "2024-05-01"'
check "HTML, combining marks, astral characters, CRLF: anchors match code point offsets" $? \
  "$tmp/check" "$tmp/err"

gen_docs 300 3 > "$tmp/corpus.txt"
"$KGX" -j 1 --provenance -f nquads --split-blank-lines "$tmp/corpus.txt" > "$tmp/j1.nq" 2> "$tmp/err"
"$KGX" -j 2 --provenance -f nquads --split-blank-lines "$tmp/corpus.txt" > "$tmp/j2.nq" 2>> "$tmp/err"
cmp -s "$tmp/j1.nq" "$tmp/j2.nq" && [ -s "$tmp/j1.nq" ]
check "-j 1 and -j 2 give the same N-Quads with --provenance (300 documents)" $? "$tmp/err"

sort -u "$tmp/j1.nq" > "$tmp/j1.sorted"
"$PYTHON" "$checker" "$tmp/j1.sorted" > "$tmp/check" 2>&1
check "300 documents in batches: the model holds over the whole output" $? "$tmp/check"

"$KGX" --provenance --no-context-text -f nquads "$srcdir/$sample" > "$tmp/notext.nq" 2> "$tmp/err"
[ $? -eq 0 ] && ! has "$tmp/notext.nq" 'nif-core#isString' \
  && ! grep 'nif-core#anchorOf' "$tmp/notext.nq" | grep -q 'Monday' \
  && has "$tmp/notext.nq" 'nif-core#anchorOf> "Marta Kovalenko"'
check "--no-context-text: no text of documents or sentences, mentions keep theirs" $? "$tmp/err"

"$KGX" --provenance --doc-iri 'https://news.example/a/{id}?h={hash}' -f nquads - \
  < "$srcdir/$sample" > "$tmp/tmpl.nq" 2> "$tmp/err"
[ $? -eq 0 ] && has "$tmp/tmpl.nq" '^<https://news\.example/a/-\?h=3973e022#char=0,'
check "--doc-iri TEMPLATE names the documents" $? "$tmp/err"

"$KGX" --provenance --doc-iri 'https://x/{nope}' "$srcdir/$sample" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && has "$tmp/err" "^Try 'kgextract --help'"
check "--doc-iri with an unknown placeholder: usage error" $? "$tmp/err"

"$KGX" --provenance -f turtle "$srcdir/$sample" > "$tmp/sample.ttl" 2> "$tmp/err"
if [ -n "$RAPPER" ]; then
  "$RAPPER" -q -i turtle -c "$tmp/sample.ttl" > /dev/null 2>> "$tmp/err"
  check "--provenance in Turtle parses" $? "$tmp/err"
fi
"$KGX" --provenance -f rdfxml "$srcdir/$sample" > "$tmp/sample.rdf" 2> "$tmp/err"
[ $? -eq 0 ] && has "$tmp/sample.rdf" 'rdf:Statement|22-rdf-syntax-ns#Statement'
check "--provenance in RDF/XML: the descriptions without named graphs" $? "$tmp/err"

# ---------------------------------------------------------------- identity
printf 'Korvane Energy Corp chief executive Marta Kovalenko met Daniel Osei in Vienna.\n' > "$tmp/art1.txt"
printf 'Talks in Riga\nDaniel Osei, who advises Korvane Energy Corp, met Anna Petrova in Riga on Friday.\n' > "$tmp/art2.txt"
printf '"The plant is safe," said Daniel Osei.\nKorvane Energy Corp opened a factory in Lisbon.\n' > "$tmp/art3.txt"
: > "$tmp/iris"
for a in art1 art2 art3; do
  (cd "$tmp" && "$KGX" -f ntriples "$a.txt") > "$tmp/$a.nt" 2>/dev/null
  for name in "Daniel Osei" "Korvane Energy Corp"; do
    grep "rdf-schema#label> \"$name\" \\.\$" "$tmp/$a.nt" | cut -d' ' -f1 | sed "s/^/$name /" >> "$tmp/iris"
  done
done
[ "$(grep -c '^Daniel Osei ' "$tmp/iris")" -eq 3 ] \
  && [ "$(grep -c '^Korvane Energy Corp ' "$tmp/iris")" -eq 3 ] \
  && [ "$(sort -u "$tmp/iris" | wc -l)" -eq 2 ]
check "the same entities from three articles in three runs: one IRI each" $? "$tmp/iris"

# ---------------------------------------------------------------- the queries of docs/provenance.md
doc=$srcdir/docs/provenance.md
(cd "$srcdir" && "$KGX" --provenance -f turtle "$sample") > "$tmp/q.ttl" 2> "$tmp/err"
names=$(sed -n 's/^<!-- provenance-query: \([a-z-]*\) -->$/\1/p' "$doc")
[ "$(echo "$names" | wc -w)" -eq 3 ]
check "docs/provenance.md has three tested queries" $?
for q in $names; do
  # The fenced block after the marker.
  awk -v m="<!-- provenance-query: $q -->" '$0 == m { on = 1; next }
    on && /^```/ { if (in_block) exit; in_block = 1; next } in_block' "$doc" > "$tmp/$q.rq"
  awk -v m="<!-- provenance-answer: $q -->" '$0 == m { on = 1; next }
    on && /^```/ { if (in_block) exit; in_block = 1; next } in_block' "$doc" > "$tmp/$q.want"
  if [ -z "$ROQET" ]; then
    skip "docs/provenance.md query '$q' gives the answer shown" "no roqet"
    continue
  fi
  "$ROQET" -q -r tsv -D "$tmp/q.ttl" "$tmp/$q.rq" > "$tmp/$q.tsv" 2> "$tmp/$q.err"
  qrc=$?
  "$PYTHON" -c '
import re, sys
rows = []
for line in sys.stdin.read().splitlines()[1:]:
    fields = []
    for f in line.split("\t"):
        m = re.match(r"^\"(.*)\"(\^\^<.*>)?$", f)
        f = m.group(1) if m else f
        f = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                   lambda x: chr(int(x.group(1) or x.group(2), 16)), f)
        fields.append(f)
    rows.append("\t".join(fields))
sys.stdout.write("".join(r + "\n" for r in sorted(rows)))
' < "$tmp/$q.tsv" > "$tmp/$q.got"
  if [ -n "${KGX_UPDATE_DOCS:-}" ] && [ $qrc -eq 0 ] && [ -s "$tmp/$q.got" ]; then
    # After a deliberate change: write the answer into the page.
    "$PYTHON" - "$doc" "$q" "$tmp/$q.got" <<'PY'
import sys
doc, name, got = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
marker = "<!-- provenance-answer: %s -->\n```text\n" % name
start = text.index(marker) + len(marker)
end = text.index("```", start)
text = text[:start] + open(got, encoding="utf-8").read() + text[end:]
open(doc, "w", encoding="utf-8").write(text)
PY
    cp "$tmp/$q.got" "$tmp/$q.want"
  fi
  diff -u "$tmp/$q.want" "$tmp/$q.got" > "$tmp/$q.diff"
  [ $? -eq 0 ] && [ $qrc -eq 0 ] && [ -s "$tmp/$q.got" ]
  check "docs/provenance.md query '$q' gives the answer shown" $? "$tmp/$q.diff" "$tmp/$q.err"
done

# ---------------------------------------------------------------- the dev articles
corpus=${KGX_CORPUS_DIR:-$srcdir/../shared/corpus}
if [ -d "$corpus" ] && [ -x "$srcdir/eval/cut-articles.sh" ] && command -v bash > /dev/null 2>&1 \
   && "$srcdir/eval/cut-articles.sh" --corpus "$corpus" "$tmp/arts" dev > /dev/null 2> "$tmp/err"; then
  (cd "$tmp/arts" && "$KGX" --provenance -f nquads dev/*.txt) > "$tmp/dev.nq" 2>> "$tmp/err"
  rc=$?
  "$PYTHON" "$checker" "$tmp/dev.nq" --texts "$tmp/arts" > "$tmp/check" 2>&1
  [ $rc -eq 0 ] && [ $? -eq 0 ]
  check "the dev articles: every anchor is the input between its offsets, every relation has its rule and sentence" \
    $? "$tmp/check" "$tmp/err"
  rm -rf "$tmp/arts" "$tmp/dev.nq"
else
  if [ ! -d "$corpus" ]; then why="no corpus at $corpus"
  elif [ ! -x "$srcdir/eval/cut-articles.sh" ]; then why="no eval/cut-articles.sh (not in the release tarball)"
  else why="eval/cut-articles.sh failed: $(head -n 1 "$tmp/err" 2>/dev/null)"; fi
  skip "the dev articles: anchors and relations" "$why"
fi

finish
