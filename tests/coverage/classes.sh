#!/bin/sh
# classes.sh - every class and property the output can use is declared in
# ontology/kgextract.ttl (issue 3, "Done when").  Prints TAP:
#
#   1  the ontology declares classes and properties (read with rapper when
#      there is one, else from the file's "kgx:X a owl:Class" lines)
#   2  the Class column of every gazetteer row (hand-written and generated)
#      is a declared class or one of the loader's lexical tags
#   3  every sub= and heads= value in a gazetteer is a declared class
#   4  every class a rule pattern names (match/define lines) is declared
#   5  every property a rule emits is a declared property
#   6  every class name the entity finder writes itself (string literals in
#      the code of extractor/kgx-entities.c) is declared
#   7  every kgx: class and property in kgextract's output on the golden
#      cases and the examples is declared
#
# Each offender is printed as "# FILE:LINE: ..." before its test.
# Environment: KGX (the program), KGX_SRCDIR (the source tree),
# KGX_GAZETTEER_GEN_DIR (the generated gazetteers; skipped in test 2-3 when
# missing), RAPPER.

here=$(dirname "$0")
: "${KGX_SRCDIR:=${srcdir:-$here/../..}}"
: "${KGX_BUILDDIR:=$KGX_SRCDIR}"
: "${KGX:=$KGX_BUILDDIR/kgextract}"
: "${KGX_GAZETTEER_GEN_DIR:=$KGX_BUILDDIR/ontology/gazetteers/generated}"
ttl=$KGX_SRCDIR/ontology/kgextract.ttl
ns='https://w3id.org/kgextract/ontology#'
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-classes.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "1..7"
n=0
# result NAME FILE-OF-OFFENDERS: ok when the file is empty, else prints it
result () {
  n=$((n + 1))
  if [ -s "$2" ]; then
    sed 's/^/# /' "$2"
    echo "not ok $n - $1 ($(wc -l < "$2") offending)"
  else
    echo "ok $n - $1"
  fi
}

# --- 1. what the ontology declares --------------------------------------
: > "$tmp/classes"
: > "$tmp/props"
rapper=${RAPPER:-$(command -v rapper 2>/dev/null)}
if [ -n "$rapper" ] && [ -x "$rapper" ]; then
  "$rapper" -q -i turtle -o ntriples "$ttl" > "$tmp/onto.nt" 2> "$tmp/rapper.err" || {
    echo "Bail out! rapper cannot read $ttl: $(head -1 "$tmp/rapper.err")"; exit 1; }
  awk -v ns="$ns" '
    $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && index($1, "<" ns) == 1 {
      name = substr($1, length(ns) + 2); sub(/>$/, "", name)
      if ($3 == "<http://www.w3.org/2002/07/owl#Class>") print name > "/dev/stderr"
      else if ($3 ~ /owl#(Object|Datatype)Property>$/) print name
    }' "$tmp/onto.nt" 2> "$tmp/classes.u" | sort -u > "$tmp/props"
  sort -u "$tmp/classes.u" > "$tmp/classes"
  how="rapper"
else
  sed -n 's/^kgx:\([A-Za-z0-9_]*\)[[:space:]][[:space:]]*a[[:space:]][[:space:]]*owl:Class.*/\1/p' "$ttl" \
    | sort -u > "$tmp/classes"
  sed -n 's/^kgx:\([A-Za-z0-9_]*\)[[:space:]][[:space:]]*a[[:space:]][[:space:]]*owl:\(Object\|Datatype\)Property.*/\1/p' "$ttl" \
    | sort -u > "$tmp/props"
  how="the file's declaration lines (no rapper)"
fi
nc=$(wc -l < "$tmp/classes")
np=$(wc -l < "$tmp/props")
n=$((n + 1))
if [ "$nc" -gt 0 ] && [ "$np" -gt 0 ]; then
  echo "ok $n - the ontology declares $nc classes and $np properties (read with $how)"
else
  echo "not ok $n - no classes or properties read from $ttl"
fi
echo "# classes: $(tr '\n' ' ' < "$tmp/classes")"

# The loader's lexical tags: gazetteer classes that are not entities.
sed -n 's/^[[:space:]]*{[[:space:]]*"\([A-Za-z]*\)",[[:space:]]*KGX_GAZ_.*/\1/p' \
  "$KGX_SRCDIR/extractor/kgx-gazetteer.c" | sort -u > "$tmp/tags"
if [ ! -s "$tmp/tags" ]; then
  echo "Bail out! no lexical tags found in extractor/kgx-gazetteer.c"
  exit 1
fi
sort -u "$tmp/classes" "$tmp/tags" > "$tmp/classes+tags"

# --- 2, 3. the gazetteers -----------------------------------------------
set -- "$KGX_SRCDIR"/ontology/gazetteers/*.tsv
if [ -d "$KGX_GAZETTEER_GEN_DIR" ]; then
  set -- "$@" "$KGX_GAZETTEER_GEN_DIR"/*.tsv
else
  echo "# no generated gazetteers in $KGX_GAZETTEER_GEN_DIR: hand-written tables only"
fi
# FILE<TAB>LINE<TAB>WHAT<TAB>NAME for each class reference
awk -F '\t' '
  FNR == 1 { f = FILENAME; sub(/.*\//, "", f) }
  /^#/ || NF < 2 { next }
  {
    print f "\t" FNR "\tclass\t" $2
    n = split($4, kv, ";")
    for (i = 1; i <= n; i++)
      if (kv[i] ~ /^(sub|heads)=/) {
        k = kv[i]; sub(/=.*/, "", k); v = kv[i]; sub(/^[^=]*=/, "", v)
        print f "\t" FNR "\t" k "\t" v
      }
  }' "$@" > "$tmp/gaz-refs"
awk -F '\t' 'NR == FNR { ok[$1] = 1; next }
  $3 == "class" && !($4 in ok) { print $1 ":" $2 ": class " $4 " is neither declared nor a lexical tag" }' \
  "$tmp/classes+tags" "$tmp/gaz-refs" > "$tmp/bad"
result "gazetteer Class columns are declared classes or lexical tags ($(grep -c '	class	' "$tmp/gaz-refs") rows)" "$tmp/bad"
awk -F '\t' 'NR == FNR { ok[$1] = 1; next }
  $3 != "class" && !($4 in ok) { print $1 ":" $2 ": " $3 "=" $4 " is not a declared class" }' \
  "$tmp/classes" "$tmp/gaz-refs" > "$tmp/bad"
result "gazetteer sub= and heads= values are declared classes ($(grep -vc '	class	' "$tmp/gaz-refs") values)" "$tmp/bad"

# --- 4, 5. the rules ----------------------------------------------------
# A class in a pattern is an identifier that starts with a capital, outside
# quotes and [flags]; the unit keywords are not classes (docs/rules.md).
awk '
  FNR == 1 { f = FILENAME; sub(/.*\//, "", f) }
  {
    line = $0
    sub(/^[ \t]+/, "", line)
    if (line !~ /^(match|define)[ \t]/) next
    if (line ~ /^define/) sub(/^define[ \t]+[A-Za-z0-9_]+[ \t]*=/, "", line)
    else sub(/^match/, "", line)
    gsub(/"([^"\\]|\\.)*"/, " ", line)      # quoted words
    sub(/#.*/, "", line)                     # a comment
    gsub(/\[[^]]*\]/, " ", line)             # flags
    gsub(/\$[A-Za-z0-9_]+/, " ", line)       # macros
    while (match(line, /[A-Za-z_][A-Za-z0-9_]*/)) {
      w = substr(line, RSTART, RLENGTH)
      line = substr(line, RSTART + RLENGTH)
      if (w ~ /^[A-Z]/ && w !~ /^(Title|Quote|WORD|CAP|NUM|YEAR|PUNCT)$/)
        print f ":" FNR "\t" w
    }
  }' "$KGX_SRCDIR"/ontology/rules/*.rules > "$tmp/rule-classes"
awk -F '\t' 'NR == FNR { ok[$1] = 1; next } !($2 in ok) { print $1 ": class " $2 " is not declared" }' \
  "$tmp/classes" "$tmp/rule-classes" > "$tmp/bad"
result "classes in rule patterns are declared ($(cut -f2 "$tmp/rule-classes" | sort -u | wc -l) distinct)" "$tmp/bad"
awk '
  FNR == 1 { f = FILENAME; sub(/.*\//, "", f) }
  { line = $0; sub(/^[ \t]+/, "", line) }
  line ~ /^emit[ \t]/ { split(line, w, /[ \t]+/); print f ":" FNR "\t" w[3] }' \
  "$KGX_SRCDIR"/ontology/rules/*.rules > "$tmp/rule-props"
awk -F '\t' 'NR == FNR { ok[$1] = 1; next } !($2 in ok) { print $1 ": property " $2 " is not declared" }' \
  "$tmp/props" "$tmp/rule-props" > "$tmp/bad"
result "properties emitted by rules are declared ($(cut -f2 "$tmp/rule-props" | sort -u | wc -l) distinct)" "$tmp/bad"

# --- 6. class names written by the entity finder itself -----------------
# String literals that look like a class name ("Organization",
# "GovernmentAgency") in code, comments removed.  A literal of that shape
# that is not a class is listed in not_classes ("A|B", an extended regular
# expression; none today).
not_classes=''
awk '
  {
    line = $0
    out = ""
    while (line != "") {
      if (incomment) {
        if ((k = index(line, "*/")) == 0) { line = ""; break }
        line = substr(line, k + 2); incomment = 0; continue
      }
      k = index(line, "/*"); c = index(line, "//")
      if (k == 0 && c == 0) { out = out line; break }
      if (c > 0 && (k == 0 || c < k)) { out = out substr(line, 1, c - 1); break }
      out = out substr(line, 1, k - 1); line = substr(line, k + 2); incomment = 1
    }
    while (match(out, /"[A-Z][a-z]+([A-Z][a-z]+)*"/)) {
      print FILENAME ":" FNR "\t" substr(out, RSTART + 1, RLENGTH - 2)
      out = substr(out, RSTART + RLENGTH)
    }
  }' "$KGX_SRCDIR/extractor/kgx-entities.c" | sed "s|^$KGX_SRCDIR/||" > "$tmp/code-classes"
if [ -n "$not_classes" ]; then
  grep -Ev "	($not_classes)\$" "$tmp/code-classes" > "$tmp/code-classes.f"
  mv "$tmp/code-classes.f" "$tmp/code-classes"
fi
awk -F '\t' 'NR == FNR { ok[$1] = 1; next } !($2 in ok) { print $1 ": \"" $2 "\" is not a declared class" }' \
  "$tmp/classes" "$tmp/code-classes" > "$tmp/bad"
result "class names in extractor/kgx-entities.c are declared ($(cut -f2 "$tmp/code-classes" | sort -u | wc -l) distinct)" "$tmp/bad"

# --- 7. what the program writes ------------------------------------------
if [ ! -x "$KGX" ]; then
  n=$((n + 1))
  echo "ok $n # SKIP no program $KGX"
  exit 0
fi
set --
for f in "$KGX_SRCDIR"/tests/cases/*.txt "$KGX_SRCDIR"/examples/*.txt; do
  [ -f "$f" ] && set -- "$@" "$f"
done
"$KGX" -q -f ntriples "$@" > "$tmp/out.nt" 2> "$tmp/out.err"
st=$?
awk -v ns="$ns" '
  $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && index($3, "<" ns) == 1 {
    c = substr($3, length(ns) + 2); sub(/>$/, "", c); print "class\t" c }
  index($2, "<" ns) == 1 { p = substr($2, length(ns) + 2); sub(/>$/, "", p); print "property\t" p }' \
  "$tmp/out.nt" | sort -u > "$tmp/used"
awk -F '\t' 'FILENAME ~ /classes$/ { c[$1] = 1; next } FILENAME ~ /props$/ { p[$1] = 1; next }
  $1 == "class" && !($2 in c) { print "output: class kgx:" $2 " is not declared" }
  $1 == "property" && !($2 in p) { print "output: property kgx:" $2 " is not declared" }' \
  "$tmp/classes" "$tmp/props" "$tmp/used" > "$tmp/bad"
if [ "$st" -ne 0 ]; then
  echo "$KGX exited with $st: $(head -1 "$tmp/out.err")" >> "$tmp/bad"
fi
result "kgx: terms in the output on $# documents are declared ($(grep -c '^class' "$tmp/used") classes, $(grep -c '^property' "$tmp/used") properties used)" "$tmp/bad"
