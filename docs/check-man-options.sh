#!/bin/sh
# check-man-options.sh - keeps the documentation true (STYLE rules 28, 34):
# man/kgextract.1's OPTIONS against `kgextract --help-all`, groff and mandoc
# lint of both man pages, the README's example and query answers, the man
# pages' EXAMPLES, the rule blocks of docs/rules.md and the example rule
# files, and the matching limits docs/rules.md quotes against the source.
# Prints TAP (plan at the end); make check runs it (docs/local.mk) with KGX,
# KGX_SRCDIR and ROQET set.  By hand, from a build tree:
#   KGX_SRCDIR=/path/to/source docs/check-man-options.sh

LC_ALL=C
export LC_ALL

srcdir=${KGX_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
KGX=${KGX:-./kgextract}
case $KGX in /*) ;; *) KGX=$(pwd)/$KGX ;; esac
ROQET=${ROQET:-$(command -v roqet 2>/dev/null)}
man1=$srcdir/man/kgextract.1
man5=$srcdir/man/kgextract-rules.5

. "$srcdir/tests/tap-lib.sh"

if [ ! -x "$KGX" ]; then
  echo "Bail out! no kgextract program at $KGX (set KGX)"
  exit 99
fi
if [ ! -f "$man1" ]; then
  echo "Bail out! no $man1 (set KGX_SRCDIR)"
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-docs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# The man pages and README call the program "kgextract" and "./kgextract".
printf '#!/bin/sh\nexec "%s" "$@"\n' "$KGX" >"$tmp/kgextract"
chmod +x "$tmp/kgextract"
cp -R "$srcdir/examples" "$tmp/examples"
chmod -R u+w "$tmp/examples"
PATH=$tmp:$PATH
export PATH

# Un-roff what the checks compare: \- is "-", \(aq is "'".
unroff () { sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g'; }
section () {   # section NAME FILE: the lines of ".SH NAME" up to the next .SH
  awk -v s="$1" '/^\.SH /{on = ($2 == s); next} on' "$2"
}

# ---------------------------------------------------------------------------
# 1. OPTIONS mirrors the option table (rule 28)

"$KGX" --help-all >"$tmp/help" 2>&1
check "kgextract --help-all exits 0" $?
sed -n 's/^ \{1,\}\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' "$tmp/help" | sort -u >"$tmp/help-long"
sed -n 's/^ \{1,\}-\([A-Za-z]\), --.*/\1/p' "$tmp/help" | sort -u >"$tmp/help-short"
section OPTIONS "$man1" | unroff >"$tmp/options"
# Option tags are the lines after .TP; any --name in the section counts as a mention.
awk 'tp {print; tp = 0} /^\.TP/ {tp = 1}' "$tmp/options" >"$tmp/tags"
grep -o -- '--[a-z][a-z-]*' "$tmp/tags" | sed 's/^--//' | sort -u >"$tmp/man-long"
grep -o -- '--[a-z][a-z-]*' "$tmp/options" | sed 's/^--//' | sort -u >"$tmp/man-mentioned"
grep -o -- '\(^\|[ "]\)-[A-Za-z]\([ ",]\|$\)' "$tmp/tags" | sed 's/.*-\([A-Za-z]\).*/\1/' | sort -u >"$tmp/man-short"

missing=$(comm -23 "$tmp/help-long" "$tmp/man-long")
if [ -s "$tmp/help-long" ] && [ -z "$missing" ]; then
  ok "every long option of --help-all has an entry in kgextract.1 OPTIONS"
else
  not_ok "every long option of --help-all has an entry in kgextract.1 OPTIONS"
  echo "missing from the man page: --$missing" | diag
fi
extra=$(comm -13 "$tmp/help-long" "$tmp/man-mentioned")
if [ -z "$extra" ]; then
  ok "every option kgextract.1 OPTIONS names is in --help-all"
else
  not_ok "every option kgextract.1 OPTIONS names is in --help-all"
  echo "not in --help-all: --$extra" | diag
fi
missing=$(comm -23 "$tmp/help-short" "$tmp/man-short")
extra=$(comm -13 "$tmp/help-short" "$tmp/man-short")
if [ -z "$missing$extra" ]; then
  ok "short options of kgextract.1 OPTIONS match --help-all"
else
  not_ok "short options of kgextract.1 OPTIONS match --help-all"
  echo "missing from the man page: $missing; not in --help-all: $extra" | diag
fi

# ---------------------------------------------------------------------------
# 2. The man pages are clean for groff and mandoc (rule 40)

for page in "$man1" "$man5"; do
  name=$(basename "$page")
  if command -v groff >/dev/null 2>&1; then
    out=$(groff -man -ww -z "$page" 2>&1)
    st=$?
    [ -z "$out" ] || st=1
    check "groff -man -ww -z $name" $st
    [ -z "$out" ] || echo "$out" | diag
  else
    skip "groff -man -ww -z $name" "no groff (apt-get install groff-base)"
  fi
  if command -v mandoc >/dev/null 2>&1; then
    out=$(mandoc -T lint -W warning "$page" 2>&1)
    st=$?
    [ -z "$out" ] || st=1
    check "mandoc -T lint $name" $st
    [ -z "$out" ] || echo "$out" | diag
  else
    skip "mandoc -T lint $name" "no mandoc"
  fi
done

# ---------------------------------------------------------------------------
# 3. The README's example runs and shows real output (rule 34)

readme=$srcdir/README.md
awk '/check-man-options.sh runs the command below/ {on = 1; next}
     on && /^```/ {if (++fence == 2) exit; next}
     on && fence == 1' "$readme" >"$tmp/readme-example"
cmd=$(sed -n '1s/^\$ //p' "$tmp/readme-example")
if [ -z "$cmd" ]; then
  not_ok "README example: found"
else
  (cd "$tmp" && sh -c "$cmd") >"$tmp/readme-out" 2>"$tmp/readme-err"
  st=$?
  sed '1d' "$tmp/readme-example" | grep -v '^\.\.\.$' >"$tmp/readme-want"
  while IFS= read -r line; do
    grep -Fxq -e "$line" "$tmp/readme-out" || { st=1; echo "missing: $line"; }
  done <"$tmp/readme-want" >"$tmp/readme-missing"
  check "README example: $cmd" $st
  diag <"$tmp/readme-missing"
  diag <"$tmp/readme-err"
fi

# ---------------------------------------------------------------------------
# 4. The sample article and the example queries (examples/queries/*.expected)

(cd "$tmp" && kgextract -o sample.ttl examples/sample-article.txt) 2>"$tmp/sample-err"
st=$?
check "kgextract -o sample.ttl examples/sample-article.txt" $st
diag <"$tmp/sample-err"
for q in "$srcdir"/examples/queries/*.rq; do
  base=$(basename "$q" .rq)
  # Only the queries the README runs on the sample article; every query
  # runs on the example articles in every store in tests/stores/stores.sh.
  grep -Fq "examples/queries/$base.rq" "$readme" || continue
  if [ -z "$ROQET" ]; then
    skip "query $base.rq gives $base.expected" "no roqet (rasqal-utils)"
    continue
  fi
  if [ $st -ne 0 ]; then
    not_ok "query $base.rq gives $base.expected (no sample graph)"
    continue
  fi
  (cd "$tmp" && "$ROQET" -q -F turtle -r tsv -D sample.ttl "examples/queries/$base.rq") \
    >"$tmp/$base.tsv" 2>"$tmp/$base.err"
  qst=$?
  # Drop the header, then the quotes around each field.
  sed -e '1d' -e 's/^"//' -e 's/"$//' -e 's/"	"/	/g' "$tmp/$base.tsv" | sort >"$tmp/$base.got"
  diff -u "$srcdir/examples/queries/$base.expected" "$tmp/$base.got" >"$tmp/$base.diff"
  [ $? -eq 0 ] && [ $qst -eq 0 ] && [ -s "$tmp/$base.got" ]
  check "query $base.rq gives $base.expected" $?
  diag <"$tmp/$base.diff"
  diag <"$tmp/$base.err"
  st_readme=0
  while IFS= read -r row; do
    shown=$(printf '"%s"\n' "$row" | sed 's/	/"	"/g')
    grep -Fq -e "$shown" "$readme" || st_readme=1
  done <"$srcdir/examples/queries/$base.expected"
  check "README shows the answers of $base.rq" $st_readme
done

# ---------------------------------------------------------------------------
# 5. The man pages' EXAMPLES run (rule 34)

section EXAMPLES "$man1" | unroff | sed -n 's/^\$ //p' >"$tmp/man1-examples"
i=0
while IFS= read -r cmd; do
  i=$((i + 1))
  (cd "$tmp" && sh -c "$cmd") >"$tmp/ex$i.out" 2>"$tmp/ex$i.err" </dev/null
  st=$?
  check "kgextract.1 example: $cmd" $st
  [ $st -eq 0 ] || diag <"$tmp/ex$i.err"
done <"$tmp/man1-examples"
[ $i -gt 0 ] || not_ok "kgextract.1 has EXAMPLES"

# The rule file in kgextract-rules(5) EXAMPLES loads and fires on its example.
section EXAMPLES "$man5" | unroff |
  awk '/^\.EX/ {on = 1; n = 0; next} /^\.EE/ {on = 0; next}
       on && ++n == 1 && /^\$ / {on = 0; next} on' >"$tmp/man5.rules"
kgextract --no-default-rules --rules "$tmp/man5.rules" --check-rules >"$tmp/man5.out" 2>&1
st=$?
check "kgextract-rules.5 example rule file passes --check-rules" $st
[ $st -eq 0 ] || diag <"$tmp/man5.out"

# ---------------------------------------------------------------------------
# 6. docs/rules.md: copies of real rules are verbatim, other rule blocks load

rules_md=$srcdir/docs/rules.md
awk -v dir="$tmp" '/^```rules$/ {on = 1; k++; f = dir "/md-" k ".rules"; printf "" > f; next}
                   on && /^```/ {on = 0; close(f); next}
                   on {print > f}' "$rules_md"
for f in "$tmp"/md-*.rules; do
  [ -f "$f" ] || { not_ok "docs/rules.md has rule blocks"; break; }
  from=$(sed -n '1s/^# from \([^ ]*\).*/\1/p' "$f")
  if [ -n "$from" ]; then
    st=0
    sed '1d' "$f" | while IFS= read -r line; do
      [ -z "$line" ] && continue
      grep -Fxq -e "$line" "$srcdir/$from" || echo "not in $from: $line"
    done >"$tmp/verbatim"
    [ -s "$tmp/verbatim" ] && st=1
    check "docs/rules.md block $(basename "$f" .rules) is verbatim from $from" $st
    diag <"$tmp/verbatim"
  else
    kgextract --no-default-rules --rules "$f" --check-rules >"$f.out" 2>&1
    st=$?
    check "docs/rules.md block $(basename "$f" .rules) loads and fires on its example" $st
    [ $st -eq 0 ] || diag <"$f.out"
  fi
done

for f in "$srcdir"/examples/rules/*.rules; do
  kgextract --no-default-rules --rules "$f" --check-rules >"$tmp/ex-rules.out" 2>&1
  st=$?
  check "examples/rules/$(basename "$f") passes --check-rules" $st
  [ $st -eq 0 ] || diag <"$tmp/ex-rules.out"
done

# The limits docs/rules.md and kgextract-rules.5 quote are the source's.
def () { sed -n "s/^#define $1 \([0-9]*\).*/\1/p" "$srcdir/extractor/$2"; }
max_repeat=$(def MAX_REPEAT kgx-rule-set.c)
default_gap=$(def DEFAULT_GAP kgx-rule-set.c)
max_gap=$(def MAX_GAP kgx-rule-set.c)
budget=$(def STEP_BUDGET kgx-rule-match.c)
st=0
for want in "* and + at most $max_repeat, n <= $max_gap" "{0,$default_gap} by default, n <= $max_gap" \
            "budget of $budget"; do
  grep -Fq -e "$want" "$rules_md" || { st=1; echo "docs/rules.md lacks: $want"; }
done >"$tmp/limits"
for want in "1 to $max_repeat" "(at most $max_gap)" "up to $default_gap units" "budget of $budget"; do
  grep -Fq -e "$want" "$man5" || { st=1; echo "kgextract-rules.5 lacks: $want"; }
done >>"$tmp/limits"
[ -s "$tmp/limits" ] && st=1
check "matching limits in the docs are the source's (repeat $max_repeat, gap $default_gap/$max_gap, budget $budget)" $st
diag <"$tmp/limits"

finish
