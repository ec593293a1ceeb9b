#!/bin/sh
# batch-cli.sh - batch input and output of the command line (issue 7):
# many documents, -r, --files-from, --split-blank-lines, JSON Lines with bad
# lines, --output-dir, the summary line, -j (the output does not depend on
# it) and the union property (a run's graph is the union of its
# documents' graphs).  Prints TAP.  Data is generated (invented names).

. "$(dirname "$0")/batch-lib.sh"

gen_docs 600 11 > "$tmp/corpus.txt"
gen_jsonl 40 5 > "$tmp/docs.jsonl"

# ---------------------------------------------------------------- -j
for fmt in ntriples nquads turtle; do
  "$KGX" -j 1 --split-blank-lines -f $fmt "$tmp/corpus.txt" > "$tmp/j1.$fmt" 2> "$tmp/err"
  rc1=$?
  "$KGX" -j 2 --split-blank-lines -f $fmt "$tmp/corpus.txt" > "$tmp/j2.$fmt" 2>> "$tmp/err"
  rc2=$?
  "$KGX" -j4 --split-blank-lines -f $fmt "$tmp/corpus.txt" > "$tmp/j4.$fmt" 2>> "$tmp/err"
  rc4=$?
  [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc4 -eq 0 ] && [ -s "$tmp/j1.$fmt" ] \
    && cmp -s "$tmp/j1.$fmt" "$tmp/j2.$fmt" && cmp -s "$tmp/j1.$fmt" "$tmp/j4.$fmt"
  check "-f $fmt: -j 1, -j 2 and -j4 give the same bytes (600 documents)" $? "$tmp/err"
done

if [ -n "$RAPPER" ]; then
  "$RAPPER" -q -i turtle -o ntriples "$tmp/j1.turtle" 2>"$tmp/err" | sort -u > "$tmp/ttl.nt"
  sort -u "$tmp/j1.ntriples" > "$tmp/nt.nt"
  cmp -s "$tmp/ttl.nt" "$tmp/nt.nt"
  check "Turtle written in batches is the same graph as N-Triples" $? "$tmp/err"
else
  skip "Turtle written in batches is the same graph as N-Triples" "no rapper"
fi

# Each batch of N-Triples is sorted in byte order and has no duplicate.
awk 'NR > 1 && $0 == prev { bad = 1 } { prev = $0 } END { exit bad }' "$tmp/j1.ntriples"
check "no statement is written twice in a row" $?

# kgextract writes N-Triples itself: the bytes must be raptor's.
printf '%s\n' 'Marta Kovalenko met Zoë Brekke in Tallinn.' \
  '"We will build it in Kraków, très bien," Zoë Brekke said.' \
  'Łukasz Varga, the mayor of Kraków, met Anna Petrova.' > "$tmp/hostile.txt"
if [ -n "$RAPPER" ]; then
  cat "$tmp/j1.ntriples" > "$tmp/all.nt"
  "$KGX" -f ntriples "$tmp/hostile.txt" >> "$tmp/all.nt" 2> "$tmp/err"
  "$RAPPER" -q -i ntriples -o ntriples "$tmp/all.nt" > "$tmp/raptor.nt" 2>> "$tmp/err"
  cmp -s "$tmp/all.nt" "$tmp/raptor.nt" && has "$tmp/all.nt" 'Krak\\u00F3w, tr\\u00E8s bien'
  check "N-Triples are byte for byte what raptor writes (escapes included)" $? "$tmp/err"
else
  skip "N-Triples are byte for byte what raptor writes" "no rapper"
fi

# ---------------------------------------------------------------- union
# The graph of a run is the union of its documents' graphs.
awk -v RS= -v dir="$tmp" '{ f = dir "/one-" NR ".txt"; print > f; close (f) }' "$tmp/corpus.txt"
: > "$tmp/union.nt"
i=1
while [ $i -le 25 ]; do
  "$KGX" -j 1 -f ntriples "$tmp/one-$i.txt" >> "$tmp/union.nt" 2>/dev/null
  i=$((i + 1))
done
i=1
: > "$tmp/list"
while [ $i -le 25 ]; do echo "$tmp/one-$i.txt" >> "$tmp/list"; i=$((i + 1)); done
"$KGX" -f ntriples --files-from "$tmp/list" > "$tmp/batch.nt" 2> "$tmp/err"
rc=$?
sort -u "$tmp/union.nt" > "$tmp/union.sorted"
sort -u "$tmp/batch.nt" > "$tmp/batch.sorted"
[ $rc -eq 0 ] && cmp -s "$tmp/union.sorted" "$tmp/batch.sorted" && [ -s "$tmp/batch.sorted" ]
check "--files-from: the graph of 25 documents is the union of their graphs" $? "$tmp/err"

# ---------------------------------------------------------------- --split-blank-lines
printf 'Anna Petrova met Tomas Brekke in Riga.\n\n\n  \nMarta Kovalenko met Daniel Osei in Vienna.\nShe said so.\n\nIlse Varga met Jonas Okafor.\n' > "$tmp/blocks.txt"
"$KGX" -v --split-blank-lines -f ntriples --explain="$tmp/blocks.jsonl" "$tmp/blocks.txt" \
  > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && has "$tmp/err" '^kgextract: 3 documents, 0 failed$' \
  && has "$tmp/blocks.jsonl" '"doc":"[^"]*blocks\.txt#2"' \
  && has "$tmp/blocks.jsonl" '"doc":"[^"]*blocks\.txt#3"' \
  && has "$tmp/err" 'blocks\.txt#2: note: 2 sentences'
check "--split-blank-lines: one document per block, named FILE#N; -v summary" $? "$tmp/err"

printf 'Anna Petrova met Tomas Brekke in Riga.\n\nMarta Kovalenko met \377Daniel Osei.\n' > "$tmp/bad-utf8.txt"
"$KGX" --split-blank-lines -f ntriples "$tmp/bad-utf8.txt" > "$tmp/out" 2> "$tmp/err"
has "$tmp/err" "^kgextract: [^ ]*bad-utf8\.txt:3:21: warning: .*UTF-8"
check "--split-blank-lines: a warning names the line of the file" $? "$tmp/err"

big=$(awk 'BEGIN { for (i = 0; i < 50; i++) printf "Anna Petrova met Tomas Brekke in Riga. "; print "" }')
printf 'Ilse Varga met Jonas Okafor.\n\n%s\n\nMarta Kovalenko met Daniel Osei.\n' "$big" > "$tmp/big-block.txt"
"$KGX" --split-blank-lines --max-doc-size=500 -f ntriples "$tmp/big-block.txt" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && has "$tmp/err" 'big-block\.txt:3: error: .*#2 is more than --max-doc-size 500' \
  && has "$tmp/out" 'Kovalenko' && has "$tmp/out" 'Okafor' \
  && has "$tmp/err" '^kgextract: 3 documents, 1 failed$'
check "--split-blank-lines --max-doc-size: a large block fails, the others are read" $? "$tmp/err"

# ---------------------------------------------------------------- JSON Lines
cat > "$tmp/mixed.jsonl" <<'EOF'
{"id": "a", "text": "Veltrano Energy Corp chief executive Marta Kovalenko met Daniel Osei in Vienna."}
{"id": "b", "html": "<html><body><article><p>Anna Petrova met Tomas Brekke in Riga.</p></article></body></html>", "url": "https://news.example/b"}

{"id": 7, "text": "Ilse Varga met Jonas Okafor in Oslo."}
{"id": "c", "text": 12}
{"id": "d", "text": "unterminated
not json
{"text": "no id"}
[1, 2]
EOF
"$KGX" --input-format jsonl -f ntriples "$tmp/mixed.jsonl" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && has "$tmp/out" 'Kovalenko' && has "$tmp/out" 'Petrova' && has "$tmp/out" 'Okafor' \
  && has "$tmp/err" '^kgextract: [^ ]*mixed\.jsonl:5:1: error: "text" is not a string' \
  && has "$tmp/err" '^kgextract: [^ ]*mixed\.jsonl:6:[0-9]+: error: ' \
  && has "$tmp/err" '^kgextract: [^ ]*mixed\.jsonl:7:[0-9]+: error: ' \
  && has "$tmp/err" '^kgextract: [^ ]*mixed\.jsonl:8:1: error: no "id"' \
  && has "$tmp/err" '^kgextract: [^ ]*mixed\.jsonl:9:1: error: .*JSON object' \
  && has "$tmp/err" '^kgextract: 8 documents, 5 failed$'
check "JSON Lines: bad lines reported at FILE:LINE:COL and skipped, exit 1, summary" $? "$tmp/err"

"$KGX" -q --input-format jsonl -f ntriples "$tmp/mixed.jsonl" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && ! has "$tmp/err" 'documents,'
check "-q leaves the summary out (the errors stay)" $? "$tmp/err"

"$KGX" --input-format jsonl -f ntriples "$tmp/docs.jsonl" > "$tmp/jsonl.nt" 2> "$tmp/err"
rc=$?
"$KGX" --split-blank-lines -f ntriples "$tmp/corpus.txt" > /dev/null 2>&1
gen_docs 40 5 > "$tmp/docs40.txt"
"$KGX" --split-blank-lines -f ntriples "$tmp/docs40.txt" > "$tmp/blocks40.nt" 2>/dev/null
grep -v '/anon-' "$tmp/jsonl.nt" | sort -u > "$tmp/a"
grep -v '/anon-' "$tmp/blocks40.nt" | sort -u > "$tmp/b"
[ $rc -eq 0 ] && cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]
check "the same documents as JSON Lines and as blocks give the same named graph" $? "$tmp/err"

"$KGX" --input-format jsonl -f ntriples - < "$tmp/docs.jsonl" > "$tmp/stdin.nt" 2> "$tmp/err"
[ $? -eq 0 ] && cmp -s "$tmp/stdin.nt" "$tmp/jsonl.nt"
check "JSON Lines on standard input" $? "$tmp/err"

# ---------------------------------------------------------------- -r
mkdir -p "$tmp/tree/b" "$tmp/tree/a/deep" "$tmp/tree/.hidden"
echo "Marta Kovalenko met Daniel Osei in Vienna." > "$tmp/tree/b/x.txt"
echo "Anna Petrova met Tomas Brekke in Riga." > "$tmp/tree/a/y.txt"
echo "Ilse Varga met Jonas Okafor in Oslo." > "$tmp/tree/a/deep/z.txt"
echo "Sofia Lindqvist met Pieter Moreau in Lisbon." > "$tmp/tree/.hidden/h.txt"
echo "Elena Dimitrov met Viktor Halvorsen in Prague." > "$tmp/tree/.dot.txt"
"$KGX" -v -r -f ntriples "$tmp/tree" > "$tmp/out" 2> "$tmp/err"
rc=$?
grep ': note: ' "$tmp/err" | sed 's/: note: .*//; s/^kgextract: //' > "$tmp/order"
printf '%s\n' "$tmp/tree/a/deep/z.txt" "$tmp/tree/a/y.txt" "$tmp/tree/b/x.txt" > "$tmp/order.want"
[ $rc -eq 0 ] && cmp -s "$tmp/order" "$tmp/order.want" && ! has "$tmp/out" 'Lindqvist' \
  && ! has "$tmp/out" 'Dimitrov'
check "-r: files under a directory, in name order, hidden ones skipped" $? "$tmp/order" "$tmp/err"

"$KGX" -f ntriples "$tmp/tree" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] && has "$tmp/err" 'tree: error: is a directory'
check "a directory without -r: exit 1, 'is a directory'" $? "$tmp/err"

# ---------------------------------------------------------------- --output-dir
mkdir -p "$tmp/in"
echo "Marta Kovalenko met Daniel Osei in Vienna." > "$tmp/in/one.txt"
echo "Anna Petrova met Tomas Brekke in Riga." > "$tmp/in/two.txt"
echo "Ilse Varga met Jonas Okafor in Oslo." > "$tmp/in/locked.txt"
chmod 000 "$tmp/in/locked.txt"
if cat "$tmp/in/locked.txt" > /dev/null 2>&1; then locked_readable=1; else locked_readable=0; fi
(cd "$tmp" && "$KGX" -f ntriples --output-dir outd in/one.txt in/two.txt in/locked.txt \
   in/missing.txt docs.jsonl) > "$tmp/out" 2> "$tmp/err"
rc=$?
[ -f "$tmp/outd/in/one.txt.nt" ] && [ -f "$tmp/outd/in/two.txt.nt" ] \
  && has "$tmp/outd/in/one.txt.nt" 'Kovalenko' && ! has "$tmp/outd/in/one.txt.nt" 'Petrova' \
  && [ ! -e "$tmp/outd/in/missing.txt.nt" ] && [ -f "$tmp/outd/docs.jsonl.nt" ] \
  && [ -z "$(find "$tmp/outd" -name '*.nt.*')" ] && [ ! -s "$tmp/out" ] && [ $rc -eq 1 ] \
  && { [ $locked_readable = 1 ] || [ ! -e "$tmp/outd/in/locked.txt.nt" ]; }
check "--output-dir: one file per input, none for unreadable ones, no temporary left" $? "$tmp/err"

"$KGX" -f turtle --output-dir "$tmp/outt" --input-format jsonl "$tmp/docs.jsonl" 2> "$tmp/err"
rc=$?
ls "$tmp/outt$tmp" > "$tmp/ls" 2>&1
[ $rc -eq 0 ] && [ "$(cat "$tmp/ls")" = "docs.jsonl.ttl" ]
check "--output-dir with an absolute input path: DIR/PATH.ttl" $? "$tmp/ls" "$tmp/err"

# ---------------------------------------------------------------- write errors
"$KGX" --split-blank-lines -f ntriples "$tmp/corpus.txt" > /dev/full 2> "$tmp/err"
[ $? -eq 1 ] && has "$tmp/err" '(write error|No space)' && [ "$(grep -c 'write error\|No space' "$tmp/err")" -eq 1 ]
check "> /dev/full with many batches: exit 1, one write error" $? "$tmp/err"

# ---------------------------------------------------------------- usage
for bad in "-o $tmp/x --output-dir $tmp/d" "--split-blank-lines --input-format jsonl" \
    "--no-context-text" "--doc-iri http://x/{id}" "-j -1" "--files-from - -"; do
  # shellcheck disable=SC2086
  "$KGX" $bad < /dev/null > "$tmp/out" 2> "$tmp/err"
  [ $? -eq 2 ] && has "$tmp/err" "^Try 'kgextract --help'"
  check "usage error: $bad" $? "$tmp/err"
done

finish
