#!/bin/sh
# bench/run.sh - throughput and memory of kgextract on the research corpus
# (`make bench`; issue 7), next to `wc -w` on the same files in the same
# run, so that the ratios mean something on any machine.
#
# Usage: bench/run.sh [CORPUS_DIR]
#   CORPUS_DIR  default $KGX_CORPUS_DIR, else ../shared/corpus relative to
#               the repository root; without it the benchmark is skipped
#               (exit 0, with a message).
# Environment: KGX (the program, default ./kgextract), KGX_BENCH_RUNS
# (repetitions, the best is reported; default 3), KGX_BENCH_JOBS (the -j N
# run; default the number of cores).
#
# For each of -j 1 and -j N it runs
#   kgextract -j J --split-blank-lines -f ntriples CORPUS/*.txt > OUT
# under /usr/bin/time -v (elapsed, user time, peak RSS), checks that the
# outputs are identical, and runs -j 1 on the smallest file alone to compare
# peak RSS (it must not grow with the corpus).  The corpus is only read.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
KGX=${KGX:-./kgextract}
runs=${KGX_BENCH_RUNS:-3}
corpus=${1:-${KGX_CORPUS_DIR:-$root/../shared/corpus}}
LC_ALL=C
export LC_ALL

if [ ! -d "$corpus" ] || ! ls "$corpus"/*.txt > /dev/null 2>&1; then
  echo "bench: no corpus at $corpus (give a directory, or set KGX_CORPUS_DIR): skipped"
  exit 0
fi
if [ ! -x "$KGX" ]; then
  echo "bench: no kgextract at $KGX (build it, or set KGX)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench: needs GNU time as /usr/bin/time (Debian package 'time')" >&2
  exit 2
fi
jobs=${KGX_BENCH_JOBS:-$(nproc 2>/dev/null || echo 2)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

files=$(ls "$corpus"/*.txt)
smallest=$(ls -S "$corpus"/*.txt | tail -n 1)
# shellcheck disable=SC2086
bytes=$(cat $files | wc -c)
small_bytes=$(wc -c < "$smallest")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$cpu" ] || cpu=$(uname -m)

echo "kgextract bench: $(${KGX} --version | head -n 1), $(nproc) cores ($cpu)"
echo "corpus: $corpus, $(echo $files | wc -w) files, $mb MB; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "best of $runs runs"
echo

# best_of CMD...: runs CMD (stdout to $tmp/out) $runs times under
# /usr/bin/time -v; sets elapsed (s), user (s), rss (KB) of the fastest.
best_of () {
  elapsed= user= rss=
  i=0
  while [ $i -lt "$runs" ]; do
    /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || {
      echo "bench: failed: $*" >&2
      sed 's/^/  /' "$tmp/err" >&2
      exit 1
    }
    e=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    u=$(sed -n 's/.*User time (seconds): //p' "$tmp/time")
    r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
    if [ -z "$elapsed" ] || awk -v a="$e" -v b="$elapsed" 'BEGIN { exit !(a < b) }'; then
      elapsed=$e user=$u rss=$r
    fi
    i=$((i + 1))
  done
}

rate () { awk -v b="$1" -v s="$2" 'BEGIN { if (s <= 0) s = 0.001; printf "%.2f", b / 1e6 / s }'; }

# shellcheck disable=SC2086
best_of wc -w $files
wc_s=$elapsed
wc_rate=$(rate "$bytes" "$wc_s")

# shellcheck disable=SC2086
"$KGX" -v -j "$jobs" --split-blank-lines -f ntriples $files 2>&1 > /dev/null \
  | sed -n 's/^kgextract: \([0-9]*\) documents, .* failed$/\1/p' > "$tmp/docs"
docs=$(cat "$tmp/docs")

printf '%-28s %9s %9s %9s %10s %10s %9s\n' "run" "seconds" "user s" "MB/s" "docs/s" "peak RSS" "x wc -w"
printf '%-28s %9s %9s %9s %10s %10s %9s\n' "wc -w" "$wc_s" "-" "$wc_rate" "-" "-" "1"

for j in 1 "$jobs"; do
  # shellcheck disable=SC2086
  best_of "$KGX" -q -j "$j" --split-blank-lines -f ntriples $files
  cp "$tmp/out" "$tmp/out.j$j"
  r=$(rate "$bytes" "$elapsed")
  d=$(awk -v n="$docs" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')
  x=$(awk -v a="$elapsed" -v b="$wc_s" 'BEGIN { if (b <= 0) b = 0.001; printf "%.0f", a / b }')
  printf '%-28s %9s %9s %9s %10s %8s MB %9s\n' "kgextract -j $j" "$elapsed" "$user" "$r" "$d" \
    "$((rss / 1024))" "$x"
  [ "$j" = 1 ] && { j1_s=$elapsed; j1_rss=$rss; }
  jn_s=$elapsed
done

best_of "$KGX" -q -j 1 --split-blank-lines -f ntriples "$smallest"
small_rss=$rss
printf '%-28s %9s %9s %9s %10s %8s MB %9s\n' "kgextract -j 1, $(basename "$smallest")" "$elapsed" "$user" \
  "$(rate "$small_bytes" "$elapsed")" "-" "$((small_rss / 1024))" "-"
echo

if cmp -s "$tmp/out.j1" "$tmp/out.j$jobs"; then same=yes; else same=NO; fi
echo "documents: $docs; output: $(wc -l < "$tmp/out.j1") lines; -j 1 and -j $jobs identical: $same"
echo "speed-up -j $jobs over -j 1: $(awk -v a="$j1_s" -v b="$jn_s" 'BEGIN { printf "%.2f", a / b }')x"
echo "peak RSS, whole corpus / $(basename "$smallest"): $(awk -v a="$j1_rss" -v b="$small_rss" 'BEGIN { printf "%.2f", a / b }')"
[ "$same" = yes ]
