# batch-lib.sh - sourced by tests/batch-*.sh, tests/provenance-*.sh and
# tests/shard-*.sh: TAP helpers and a generator of invented news documents
# (never corpus text).  Sets KGX, srcdir, tmp (removed at exit), PYTHON.

LC_ALL=C
export LC_ALL

here=$(dirname "$0")
srcdir=${KGX_SRCDIR:-${srcdir:-$here/..}}
KGX=${KGX:-${KGX_BUILDDIR:-.}/kgextract}
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=
ROQET=${ROQET-$(command -v roqet 2>/dev/null)}
RAPPER=${RAPPER-$(command -v rapper 2>/dev/null)}

if [ ! -x "$KGX" ]; then
  echo "Bail out! no kgextract program (set KGX): $KGX"
  exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-batch.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT HUP INT TERM

. "$srcdir/tests/tap-lib.sh"
has () { grep -E -q -e "$2" "$1"; }

# gen_docs N SEED: N invented articles, one per block of lines separated
# by a blank line (the shared corpus's layout), on standard output.  The
# same N and SEED give the same text.
gen_docs () {
  awk -v n="$1" -v seed="$2" 'BEGIN {
    split("Veltrano Korvane Dastrel Miravo Olvenga Sterrik Pallumo Quendar Brisolta Tavenko", org, " ")
    split("Energy Corp|Holdings|Steel Group|Nuclear Company|Motors", kind, "|")
    split("Marta Daniel Anna Tomas Ilse Pieter Sofia Jonas Elena Viktor", first, " ")
    split("Kovalenko Osei Petrova Brekke Lindqvist Varga Okafor Moreau Halvorsen Dimitrov", last, " ")
    split("Vienna Riga Oslo Lisbon Tallinn Prague Vilnius Helsinki", city, " ")
    srand(seed)
    for (d = 1; d <= n; d++) {
      o = org[int(rand() * 10) + 1] " " kind[int(rand() * 5) + 1]
      p = first[int(rand() * 10) + 1] " " last[int(rand() * 10) + 1]
      q = first[int(rand() * 10) + 1] " " last[int(rand() * 10) + 1]
      c = city[int(rand() * 8) + 1]
      if (d > 1) print ""
      printf "%s talks in %s\n", o, c
      printf "%s chief executive %s met %s in %s on Monday.\n", o, p, q, c
      if (rand() < 0.5)
        printf "\"We will build the plant near %s,\" %s said.\n", c, p
      else
        printf "%s opened a new factory in %s, where %s works.\n", o, c, q
    }
  }'
}

# gen_jsonl N SEED: the same articles as JSON Lines (id, text).
gen_jsonl () {
  gen_docs "$1" "$2" | awk -v RS= '{
    gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\n/, "\\n")
    printf "{\"id\": \"doc-%d\", \"text\": \"%s\\n\"}\n", NR, $0
  }'
}
