#!/bin/sh
# shard-streaming.sh - sharding needs no coordination (issue 7,
# docs/scaling.md): the Hadoop-streaming contract run locally.  JSON Lines
# are cut into shards, kgextract maps each shard on its own (standard input
# to standard output, as a streaming mapper does), the outputs are sorted
# and made unique (the reducer), and the result must equal a single run's
# graph.  Also with --provenance (N-Quads), with GNU parallel when it is
# installed, and for the literal pipeline `cat shards | mapper | sort | uniq`.
# Prints TAP.

. "$(dirname "$0")/batch-lib.sh"

gen_jsonl 150 21 > "$tmp/all.jsonl"
# A bad line in the middle: every run reports it and skips it alike.
sed '77s/.*/{"id": "broken", "text": 17}/' "$tmp/all.jsonl" > "$tmp/input.jsonl"

for mode in "-f ntriples" "--provenance -f nquads"; do
  # shellcheck disable=SC2086
  "$KGX" -q $mode --input-format jsonl "$tmp/input.jsonl" > "$tmp/single.out" 2> "$tmp/err"
  [ $? -eq 1 ] || echo "single run: expected exit 1 for the broken line" >> "$tmp/err"
  LC_ALL=C sort -u "$tmp/single.out" > "$tmp/single"

  rm -f "$tmp"/shard.*
  split -l 23 "$tmp/input.jsonl" "$tmp/shard."
  : > "$tmp/mapped"
  j=1
  for s in "$tmp"/shard.*; do
    # shellcheck disable=SC2086
    "$KGX" -q -j $j $mode --input-format jsonl < "$s" >> "$tmp/mapped" 2>> "$tmp/map.err"
    j=$((j % 3 + 1))
  done
  LC_ALL=C sort "$tmp/mapped" | uniq > "$tmp/merged"
  cmp -s "$tmp/single" "$tmp/merged" && [ -s "$tmp/single" ]
  check "$mode: $(ls "$tmp"/shard.* | wc -l) shards mapped separately, sort | uniq = one run" $? "$tmp/err"

  # shellcheck disable=SC2086
  cat "$tmp"/shard.* | "$KGX" -q $mode --input-format jsonl 2>/dev/null | LC_ALL=C sort | uniq > "$tmp/piped"
  cmp -s "$tmp/single" "$tmp/piped"
  check "$mode: cat shards | kgextract | sort | uniq = one run" $?

  if command -v parallel > /dev/null 2>&1; then
    # shellcheck disable=SC2086
    parallel --will-cite --pipe -N 17 "$KGX" -q -j 1 $mode --input-format jsonl \
      < "$tmp/input.jsonl" 2>/dev/null | LC_ALL=C sort -u > "$tmp/par"
    cmp -s "$tmp/single" "$tmp/par"
    check "$mode: GNU parallel --pipe -N 17 (docs/scaling.md) = one run" $?
  else
    skip "$mode: GNU parallel --pipe (docs/scaling.md) = one run" "no GNU parallel"
  fi
done

# docs/scaling.md: a blank-line corpus made JSON Lines (bench/blocks-to-jsonl.py)
# gives the very bytes of --split-blank-lines, and then shards like any JSONL.
gen_docs 60 4 > "$tmp/blocks.txt"
if [ -n "$PYTHON" ]; then
  (cd "$tmp" && "$PYTHON" "$srcdir/bench/blocks-to-jsonl.py" blocks.txt > blocks.jsonl) 2> "$tmp/err"
  (cd "$tmp" && "$KGX" -q --provenance -f nquads --split-blank-lines blocks.txt > blocks.nq \
     && "$KGX" -q --provenance -f nquads --input-format jsonl blocks.jsonl > conv.nq) 2>> "$tmp/err"
  cmp -s "$tmp/blocks.nq" "$tmp/conv.nq" && [ -s "$tmp/blocks.nq" ]
  check "bench/blocks-to-jsonl.py: the same N-Quads as --split-blank-lines" $? "$tmp/err"
else
  skip "bench/blocks-to-jsonl.py: the same N-Quads as --split-blank-lines" "no python3"
fi

if command -v parallel > /dev/null 2>&1; then
  # The --sshlogin recipe, with ':' (this machine) as the only login.
  parallel --will-cite -S : --pipe --block 4k "$KGX" -q -j 1 --input-format jsonl -f ntriples \
    < "$tmp/input.jsonl" 2>/dev/null | LC_ALL=C sort -u > "$tmp/ssh"
  "$KGX" -q -f ntriples --input-format jsonl "$tmp/input.jsonl" 2>/dev/null | LC_ALL=C sort -u > "$tmp/one"
  cmp -s "$tmp/one" "$tmp/ssh"
  check "GNU parallel --sshlogin : --pipe --block 4k = one run" $?
  # One process per group of files.
  mkdir -p "$tmp/files"
  awk -v RS= -v dir="$tmp/files" '{ f = dir "/a" NR ".txt"; print > f; close (f) }' "$tmp/blocks.txt"
  (cd "$tmp" && find files -name '*.txt' | sort | parallel --will-cite -X -j 3 "$KGX" -q -j 1 -f ntriples) \
    2>/dev/null | LC_ALL=C sort -u > "$tmp/px"
  (cd "$tmp" && find files -name '*.txt' | sort | "$KGX" -q -f ntriples --files-from -) 2>/dev/null \
    | LC_ALL=C sort -u > "$tmp/fx"
  cmp -s "$tmp/px" "$tmp/fx" && [ -s "$tmp/px" ]
  check "find | parallel -X kgextract = kgextract --files-from" $?
else
  skip "GNU parallel --sshlogin : --pipe = one run" "no GNU parallel"
  skip "find | parallel -X kgextract = kgextract --files-from" "no GNU parallel"
fi

# Two runs over disjoint halves, merged by concatenation, keep one IRI per
# entity: the named entities of the merged graph are those of one run.
head -n 75 "$tmp/all.jsonl" > "$tmp/h1"
tail -n +76 "$tmp/all.jsonl" > "$tmp/h2"
"$KGX" -q -f ntriples --input-format jsonl "$tmp/h1" > "$tmp/o1" 2>/dev/null
"$KGX" -q -f ntriples --input-format jsonl "$tmp/h2" > "$tmp/o2" 2>/dev/null
"$KGX" -q -f ntriples --input-format jsonl "$tmp/all.jsonl" > "$tmp/o12" 2>/dev/null
cat "$tmp/o1" "$tmp/o2" | grep 'rdf-schema#label' | cut -d' ' -f1 | sort -u > "$tmp/iris.cat"
grep 'rdf-schema#label' "$tmp/o12" | cut -d' ' -f1 | sort -u > "$tmp/iris.one"
cmp -s "$tmp/iris.cat" "$tmp/iris.one" && [ -s "$tmp/iris.one" ]
check "two halves, concatenated: the same entity IRIs as one run" $?

finish
