#!/bin/sh
# bench/gazetteer-load.sh - how long kgextract takes to load a big user
# gazetteer (--gazetteer FILE), next to `sort` on the same file
# (issue 3: "a list of one million entries must load in about the time
# sort takes on it").  Not part of `make check`: timings depend on the
# machine.
#
# Usage: bench/gazetteer-load.sh [N [FILE]]
#   N     entries to generate (default 1000000)
#   FILE  where to write them (default: a temporary file, removed after)
# Environment: KGX (the program, default ./kgextract), KGX_BENCH_RUNS
# (repetitions, best time reported; default 3).
#
# The file is generated here, never committed: N distinct labels of one to
# four words drawn from a syllable table (mixed case, some hyphens,
# apostrophes and non-ASCII letters, as in real place and organisation
# lists), cycling through a few entity classes, with a canonical and an
# extra column like the generated gazetteers'.

set -eu

n=${1:-1000000}
file=${2:-}
kgx=${KGX:-./kgextract}
runs=${KGX_BENCH_RUNS:-3}
tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/kgx-bench.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT INT TERM
[ -n "$file" ] || file=$tmpdir/big.tsv

# shellcheck disable=SC1112  # the curly apostrophe in the awk program is data
LC_ALL=C awk -v n="$n" 'BEGIN {
  split("ka ra to mi an el os ur ba de ni lo za ve su pa go ri ta ne ko la " \
        "mo be sa vi do ru ha te", syl, " ")
  split("City Region Company Organization Place Facility Lake River", cls, " ")
  split("Kazakhstan Russia Turkey France Brazil Japan Egypt Chile", ctry, " ")
  ns = 30
  for (i = 0; i < n; i++) {
    # a unique label: the entry number written in base 30, one word per
    # two syllables, so every label differs and words repeat as in life
    x = i; label = ""; w = ""; k = 0
    do {
      w = w syl[x % ns + 1]; x = int(x / ns); k++
      if (k % 2 == 0 || x == 0) {
        w = toupper(substr(w, 1, 1)) substr(w, 2)
        label = label == "" ? w : label " " w
        w = ""
      }
    } while (x > 0)
    if (i % 17 == 3) label = label "-" syl[i % ns + 1] "sk"
    if (i % 23 == 5) label = "Ust-" label
    if (i % 29 == 7) label = label "’s"
    if (i % 31 == 11) label = label " Östra"
    if (i % 37 == 13) label = "St. " label
    c = cls[i % 8 + 1]
    printf "%s\t%s\t%s\tcountry=%s;pop=%d\n", label, c, label, ctry[i % 8 + 1], (i * 7919) % 5000000
  }
}' > "$file"

lines=$(wc -l < "$file")
bytes=$(wc -c < "$file")
echo "file: $file ($lines lines, $bytes bytes)"

# best CMD...: the least wall-clock and the least CPU (user + system)
# seconds of $runs runs, as "WALL CPU".  CPU time is what the run costs
# on a machine that is busy with other work; sort uses several threads,
# so its CPU time may exceed its wall time.
best () {
  bwall=
  bcpu=
  i=0
  while [ "$i" -lt "$runs" ]; do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%e %U %S' -o "$tmpdir/time" "$@" > /dev/null
      read -r w u s < "$tmpdir/time"
      c=$(echo "$u + $s" | bc)
    else
      s0=$(date +%s.%N)
      "$@" > /dev/null
      w=$(echo "$(date +%s.%N) - $s0" | bc)
      c=$w
    fi
    if [ -z "$bwall" ] || [ "$(echo "$w < $bwall" | bc)" = 1 ]; then bwall=$w; fi
    if [ -z "$bcpu" ] || [ "$(echo "$c < $bcpu" | bc)" = 1 ]; then bcpu=$c; fi
    i=$((i + 1))
  done
  printf '%.2f %.2f' "$bwall" "$bcpu"
}

row () {  # row LABEL "WALL CPU"
  # shellcheck disable=SC2086  # split "WALL CPU" in two
  set -- "$1" $2
  printf '%-52s %7s s wall %7s s cpu\n' "$1" "$2" "$3"
}

t_sort=$(best sort "$file")
t_sort_c=$(LC_ALL=C; export LC_ALL; best sort "$file")
t_base=$(best "$kgx" --version)
t_kgx=$(best "$kgx" --gazetteer "$file" --version)
echo "best of $runs runs:"
row "sort FILE (LANG=${LANG:-unset})" "$t_sort"
row "LC_ALL=C sort FILE" "$t_sort_c"
row "$kgx --version (built-in data only)" "$t_base"
row "$kgx --gazetteer FILE --version" "$t_kgx"
# shellcheck disable=SC2086  # $1 $2 sort, $3 $4 base, $5 $6 with the file
set -- $t_sort $t_base $t_kgx
awk -v n="$lines" -v s="$1" -v b="$3" -v k="$5" 'BEGIN {
  printf "loading the %d entries: %.2f s wall (%.2f - %.2f)", n, k - b, k, b
  if (s > 0) printf ", %.2f times the wall time of sort", (k - b) / s
  printf "\n"
}'
