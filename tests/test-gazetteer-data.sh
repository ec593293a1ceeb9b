#!/bin/sh
# test-gazetteer-data.sh - checks the gazetteer tables (docs/gazetteers.md).
# Hand-written tables come from $srcdir/ontology/gazetteers; the generated
# ones (countries.tsv, regions.tsv, cities.tsv) from the directory given as
# $1 or $KGX_GAZETTEER_GEN_DIR.  Without it the cross-checks are skipped.
# Prints TAP; exits 0 when every test passes, 1 otherwise, 99 on misuse.

LC_ALL=C
export LC_ALL

srcdir=${srcdir:-$(dirname "$0")/..}
handdir=$srcdir/ontology/gazetteers
gendir=${1:-${KGX_GAZETTEER_GEN_DIR:-}}

if [ ! -d "$handdir" ]; then
  echo "Bail out! no directory $handdir (set srcdir)"
  exit 99
fi
if [ -n "$gendir" ] && [ ! -f "$gendir/countries.tsv" ]; then
  echo "Bail out! no countries.tsv in $gendir"
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-gaz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

tap_show=20
. "$srcdir/tests/tap-lib.sh"
# check_empty NAME FILE: passes when the awk output in FILE is empty
check_empty () { if [ -s "$2" ]; then not_ok "$1" "$2"; else ok "$1"; fi; }

hand_files=$(ls "$handdir"/*.tsv 2>/dev/null | grep -v -e '/countries\.tsv$' \
  -e '/regions\.tsv$' -e '/cities\.tsv$')
gen_files=
if [ -n "$gendir" ]; then
  gen_files="$gendir/countries.tsv $gendir/regions.tsv $gendir/cities.tsv"
fi

echo "1..10"

# 1. every file is UTF-8
: > "$tmp/out"
for f in $hand_files $gen_files; do
  iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1 || echo "$f: not UTF-8" >> "$tmp/out"
done
check_empty "all tables are UTF-8" "$tmp/out"

# 2-3. shape, classes and extra keys of every row
classes="Person Organization Company GovernmentAgency Ministry ResearchInstitute \
University NewsAgency InternationalOrganization Association Union Council Academy \
Bank Parliament PoliticalParty Place Country Region City Lake Sea River Continent \
GeoRegion Facility PowerPlant NuclearPowerPlant Reactor Factory Mine Port Airport \
Event Conference Forum Summit Meeting Talks Referendum Election Exhibition"
tags="Title TitleModifier OrgHead FacilityHead EventHead GivenName PersonPrefix NotEntity PlaceHead"

awk -F '\t' -v classes="$classes" -v tags="$tags" '
  BEGIN {
    nc = split(classes, c, " "); for (i = 1; i <= nc; i++) cls[c[i]] = 1
    nt = split(tags, t, " "); for (i = 1; i <= nt; i++) tag[t[i]] = 1
  }
  /^#/ || /^[ \t]*$/ { next }
  {
    where = FILENAME ":" FNR ": "
    if (NF < 3 || NF > 4) { print where "expected 3 or 4 columns, got " NF; next }
    for (i = 1; i <= NF; i++)
      if ($i ~ /^ | $/) print where "column " i " has outer spaces"
    if ($1 == "" || $2 == "" || $3 == "") print where "empty label, Class or canonical"
    if (!($2 in cls) && !($2 in tag)) print where "unknown Class " $2
    if (NF == 4 && $4 != "" && $4 !~ /^[a-z0-9_]+=[^;=]*(;[a-z0-9_]+=[^;=]*)*$/)
      print where "extra is not key=value;key=value: " $4
    if ($0 ~ /\r/) print where "carriage return"
  }' $hand_files $gen_files > "$tmp/out"
check_empty "rows have 4 columns (or 3), known classes, key=value extras" "$tmp/out"

awk -F '\t' -v classes="$classes" '
  BEGIN { nc = split(classes, c, " "); for (i = 1; i <= nc; i++) cls[c[i]] = 1 }
  /^#/ || /^[ \t]*$/ { next }
  function get(k,   a, m, i) {
    m = split($4, a, ";")
    for (i = 1; i <= m; i++) if (index(a[i], k "=") == 1) return substr(a[i], length(k) + 2)
    return ""
  }
  {
    where = FILENAME ":" FNR ": "
    if ($2 == "Title" && get("kind") !~ /^(leading|other|honorific)$/) print where "Title without kind=leading|other"
    if ($2 == "Title" && $1 != tolower($1)) print where "Title label not lower case"
    if ($2 ~ /^(OrgHead|FacilityHead|EventHead)$/ && !(get("sub") in cls))
      print where $2 " without a known sub= class"
    h = get("heads"); if ($2 == "Title" && h != "" && !(h in cls)) print where "unknown heads= class " h
  }' $hand_files > "$tmp/out"
check_empty "Title rows have kind=, head rows have sub= of a known class" "$tmp/out"

# 4. one label, one meaning: the same label must not name two different
# entities (Class and canonical) across the tables; lexical tags are free
awk -F '\t' -v tags="$tags" '
  BEGIN { nt = split(tags, t, " "); for (i = 1; i <= nt; i++) tag[t[i]] = 1 }
  /^#/ || /^[ \t]*$/ { next }
  ($2 in tag) { next }
  {
    key = $2 " " $3
    if (($1 in seen) && seen[$1] != key)
      print FILENAME ":" FNR ": label \"" $1 "\" is " key " here but " seen[$1] " in " file[$1]
    else if (!($1 in seen)) { seen[$1] = key; file[$1] = FILENAME }
  }' $hand_files $gen_files > "$tmp/out"
check_empty "no label names two different entities" "$tmp/out"

# 5. lexical tags: one normalisation per label and tag
awk -F '\t' -v tags="$tags" '
  BEGIN { nt = split(tags, t, " "); for (i = 1; i <= nt; i++) tag[t[i]] = 1 }
  /^#/ || /^[ \t]*$/ { next }
  ($2 in tag) {
    key = $2 "\t" $1
    if ((key in seen) && seen[key] != $3) print FILENAME ":" FNR ": " $2 " \"" $1 "\" normalised twice"
    seen[key] = $3
  }' $hand_files > "$tmp/out"
check_empty "lexical tags have one canonical per label" "$tmp/out"

if [ -z "$gendir" ]; then
  for t in "demonym canonicals are generated countries" \
      "country aliases resolve to generated countries" \
      "every country has a demonym or is listed as having none" \
      "country= values name generated countries" \
      "city rows of places-extra.tsv resolve to cities.tsv"; do
    skip "$t" "no generated directory (pass it as \$1)"
  done
  exit $((failed > 0))
fi

# canonical names of generated countries, and code -> canonical
awk -F '\t' '/^#/ || NF < 3 { next } { print $3 }' "$gendir/countries.tsv" \
  | sort -u > "$tmp/countries"
awk -F '\t' '/^#/ || NF < 4 { next }
  { if (match($4, /code=[A-Z][A-Z]/)) print substr($4, RSTART + 5, 2) "\t" $3 }' \
  "$gendir/countries.tsv" | sort -u > "$tmp/codes"
# historic states are countries of their own (country-aliases.tsv)
awk -F '\t' '/^#/ { next } $2 == "Country" && $4 ~ /(^|;)historic=1(;|$)/ { print $3 }' \
  $hand_files | sort -u > "$tmp/historic"
cat "$tmp/countries" "$tmp/historic" | sort -u > "$tmp/known-countries"

# resolve FILE: Country rows whose canonical is not a known country
resolve () {
  awk -F '\t' 'NR == FNR { known[$0] = 1; next }
    /^#/ || /^[ \t]*$/ { next }
    $2 == "Country" && !($3 in known) { print FILENAME ":" FNR ": no country \"" $3 "\"" }' \
    "$tmp/known-countries" "$1"
}

# 6. demonyms
resolve "$handdir/demonyms.tsv" > "$tmp/out"
awk -F '\t' '/^#/ || /^[ \t]*$/ { next }
  $4 !~ /(^|;)form=demonym(;|$)/ { print FILENAME ":" FNR ": no form=demonym" }' \
  "$handdir/demonyms.tsv" >> "$tmp/out"
check_empty "demonym canonicals are generated countries" "$tmp/out"

# 7. country aliases
resolve "$handdir/country-aliases.tsv" > "$tmp/out"
check_empty "country aliases resolve to generated countries" "$tmp/out"

# 8. demonym coverage
awk -F '\t' '
  FILENAME ~ /codes$/ { name[$1] = $2; next }
  /^# no-demonym:/ { m = split(substr($0, 15), a, " "); for (i = 1; i <= m; i++) none[a[i]] = 1; next }
  /^#/ || /^[ \t]*$/ { next }
  { has[$3] = 1 }
  END { for (c in name) if (!(c in none) && !(name[c] in has)) print c " (" name[c] "): no demonym" }' \
  "$tmp/codes" "$handdir/demonyms.tsv" | sort > "$tmp/out"
check_empty "every country has a demonym or is listed as having none" "$tmp/out"

# 9. country= values anywhere
awk -F '\t' 'NR == FNR { known[$0] = 1; next }
  /^#/ || NF < 4 { next }
  match($4, /(^|;)country=[^;]*/) {
    v = substr($4, RSTART, RLENGTH); sub(/^;/, "", v); v = substr(v, 9)
    if (!(v in known)) print FILENAME ":" FNR ": country=" v " is not a country"
  }' "$tmp/known-countries" $hand_files $gen_files > "$tmp/out"
check_empty "country= values name generated countries" "$tmp/out"

# 10. city aliases in places-extra.tsv name a generated city, unless the
# row brings its own pop= (a city libgeonames lacks or names otherwise)
awk -F '\t' '/^#/ || NF < 3 { next } { print $3 }' "$gendir/cities.tsv" \
  | sort -u > "$tmp/cities"
awk -F '\t' 'NR == FNR { known[$0] = 1; next }
  /^#/ || /^[ \t]*$/ { next }
  $2 == "City" && $4 !~ /(^|;)pop=/ { own[FNR] = $3 }
  $2 == "City" && $4 ~ /(^|;)pop=/ { known[$3] = 1 }
  END { for (l in own) if (!(own[l] in known)) print "places-extra.tsv:" l ": no city \"" own[l] "\"" }' \
  "$tmp/cities" "$handdir/places-extra.tsv" | sort > "$tmp/out"
check_empty "city rows of places-extra.tsv resolve to cities.tsv" "$tmp/out"

exit $((failed > 0))
