#!/bin/sh
# run.sh - the hostile-input battery (issue 8): generates odd, broken and
# huge inputs at test time (tests/hostile/gen.py; nothing big is committed),
# runs kgextract -f ntriples on each under a generous timeout, and checks
# the exit status (0 or 1, never a crash), the message, that standard
# output parses with rapper, and what must never leak into the output
# (/etc/passwd, scripts, entity expansions).  Prints TAP; a "# case:"
# line per input records its exit status, seconds and first message.
# Environment: KGX, KGX_SRCDIR or srcdir, RAPPER (optional), PYTHON3,
# KGX_HOSTILE_SCALE (default 1: a 20 MB line, a 5 MB token),
# KGX_HOSTILE_TIMEOUT (seconds per run, default 120),
# KGX_HOSTILE_SLOW (multiplies the per-case time bounds, default 1; say 5
# under ASan), KGX_HOSTILE_CURVE=1 to also time the big inputs at 1/8, 1/4, 1/2 size.

LC_ALL=C
export LC_ALL

here=$(dirname "$0")
srcdir=${KGX_SRCDIR:-${srcdir:-$here/../..}}
KGX=${KGX:-${KGX_BUILDDIR:-.}/kgextract}
PYTHON=${PYTHON3:-python3}
scale=${KGX_HOSTILE_SCALE:-1}
limit=${KGX_HOSTILE_TIMEOUT:-120}
slow=${KGX_HOSTILE_SLOW:-1}

if [ ! -x "$KGX" ]; then
  echo "Bail out! no kgextract program (set KGX): $KGX"
  exit 99
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "1..0 # SKIP no python3 to generate the inputs"
  exit 0
fi
command -v "${RAPPER:-rapper}" >/dev/null 2>&1 && RAPPER=${RAPPER:-rapper} || RAPPER=
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout -k 5 $limit" || TIMEOUT=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-hostile.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/in"
if ! "$PYTHON" "$srcdir/tests/hostile/gen.py" "$tmp/in" "$scale" 2> "$tmp/gen.err"; then
  echo "Bail out! tests/hostile/gen.py failed: $(head -n 3 "$tmp/gen.err")"
  exit 99
fi

tap_show=10
. "$srcdir/tests/tap-lib.sh"
has () { grep -E -q -e "$2" "$1"; }
now () { date +%s.%N 2>/dev/null || date +%s; }
elapsed () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# run FILE ARGS...: kgextract -f ntriples ARGS FILE under the timeout;
# stdout in $tmp/out, stderr in $tmp/err, status in $rc, seconds in $secs.
run () {
  f=$1
  shift
  t0=$(now)
  $TIMEOUT "$KGX" -f ntriples "$@" "$f" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  secs=$(elapsed "$t0" "$(now)")
}

# parses: rapper reads $tmp/out as N-Triples (true when there is no rapper)
parses () {
  [ -z "$RAPPER" ] && return 0
  "$RAPPER" -q -c -i ntriples "$tmp/out" http://example.org/ > "$tmp/rapper" 2>&1
}

# case NAME STATUS MESSAGE [NEEDLE [NOT-WANTED [SECONDS]]]: one input of $tmp/in.
#   STATUS     the exit status wanted (0 or 1)
#   MESSAGE    an ERE the first line of stderr must match after
#              "kgextract: FILE...: ", or "-" for no message wanted
#              (a "kgextract: N documents, ..." summary is allowed)
#   NEEDLE     an ERE stdout must match (e.g. a name read through), or ""
#   NOT-WANTED an ERE neither stdout nor stderr may match
#   SECONDS    a time bound (times $KGX_HOSTILE_SLOW) below the timeout, for
#              inputs that once took quadratic time
case_ () {
  name=$1 want=$2 msg=$3 needle=$4 bad=$5 bound=$6
  run "$tmp/in/$name"
  first=$(grep -v 'documents\?, ' "$tmp/err" | head -n 1)
  echo "# case: $name: exit $rc, ${secs}s, $(wc -c < "$tmp/in/$name") bytes in, $(wc -l < "$tmp/out") triples out, message: ${first:-(none)}"
  why=
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="timed out after ${limit}s"
  elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then why="exit $rc (a crash?)"
  elif [ "$rc" -ne "$want" ]; then why="exit $rc, wanted $want"
  elif [ "$msg" = - ] && [ -n "$first" ]; then why="unexpected message"
  elif [ "$msg" != - ] && ! printf '%s\n' "$first" | grep -E -q -e "^kgextract: [^ ]*$name[^ ]*: (error|warning): .*($msg)"; then
    why="no message matching '$msg'"
  elif ! parses; then why="stdout is not valid N-Triples"
  elif [ -n "$needle" ] && ! has "$tmp/out" "$needle"; then why="output lacks '$needle'"
  elif [ -n "$bad" ] && { has "$tmp/out" "$bad" || has "$tmp/err" "$bad"; }; then why="output has '$bad'"
  elif [ -n "$bound" ] && awk -v t="$secs" -v b="$bound" -v k="$slow" 'BEGIN { exit !(t > b * k) }'; then
    why="took ${secs}s, over the ${bound}s x $slow bound"
  fi
  if [ -z "$why" ]; then ok "$name: exit $rc${secs:+ in ${secs}s}"
  else not_ok "$name: $why" "$tmp/err" "$tmp/rapper"; fi
}

name_re='Kovalenko'

# ---------------------------------------------------------------- encoding
case_ invalid-utf8.txt      0 'invalid UTF-8, replaced with U\+FFFD' "$name_re"
case_ overlong.txt          0 'invalid UTF-8' "$name_re"
case_ surrogates.txt        0 'invalid UTF-8' "$name_re"
case_ over-10ffff.txt       0 'invalid UTF-8' "$name_re"
case_ nul-bytes.txt         1 'binary file \(NUL byte at offset 15\)'
case_ bom-utf8.txt          0 - "$name_re" 'ï»¿'
case_ utf16le-bom.txt       0 - 'Müller|Kovalenko'
case_ utf16be-bom.txt       0 - 'Müller|Kovalenko'
case_ utf16le-nobom.txt     0 - "$name_re"
case_ utf32le-bom.txt       0 - "$name_re"
case_ control-chars.txt     0 - "$name_re"
case_ bidi.txt              0 - ''
case_ zero-width.txt        0 - ''
case_ combining.txt         0 - ''
case_ emoji-zwj.txt         0 - "$name_re"
# ---------------------------------------------------------------- size and shape
case_ empty.txt             0 -
case_ whitespace.txt        0 -
case_ long-line.txt         0 - "$name_re"
case_ big-token.txt         0 - "$name_re"
case_ no-spaces.txt         0 -
case_ nested-brackets.txt   0 - '' '' 15
case_ list-20000.txt        0 - 'Globex' '' 15
case_ capitalised-run.txt   0 - '' '' 15
case_ quotes-brackets.txt   0 - '' '' 15
case_ rdf-hazards.txt       0 - ''
# ---------------------------------------------------------------- HTML / XML
case_ broken.html           0 - 
case_ deep.html             0 - "$name_re"
case_ deep-unclosed.html    0 - ''
case_ script-style.html     0 - "$name_re" 'Evil|Mallory|Jane Doe'
case_ entities.html         0 - "$name_re"
case_ billion-laughs.html   0 - '' 'lollollol'
case_ billion-laughs.xhtml  0 - '' 'lollollol'
case_ xxe.html              0 - '' 'root:|/bin/(ba)?sh|nologin'
case_ xxe-dtd.html          0 - '' 'root:|/bin/(ba)?sh|nologin'
case_ xinclude.html         0 - '' 'root:|/bin/(ba)?sh|nologin'

# ---------------------------------------------------------------- time against size
if [ "${KGX_HOSTILE_CURVE:-0}" = 1 ]; then
  for part in 8 4 2; do
    mkdir "$tmp/curve$part"
    "$PYTHON" "$srcdir/tests/hostile/gen.py" "$tmp/curve$part" \
      "$(awk -v s="$scale" -v p="$part" 'BEGIN { print s / p }')" || continue
    for f in long-line.txt big-token.txt list-20000.txt; do
      run "$tmp/curve$part/$f"
      echo "# curve: $f at 1/$part: $(wc -c < "$tmp/curve$part/$f") bytes, exit $rc, ${secs}s"
    done
    rm -rf "$tmp/curve$part"
  done
fi

# ---------------------------------------------------------------- I/O
good=$srcdir/tests/cli-sample.txt
t0=$(now)
$TIMEOUT "$KGX" -f ntriples "$good" > /dev/full 2> "$tmp/err"
rc=$?
echo "# case: >/dev/full: exit $rc, $(elapsed "$t0" "$(now)")s, message: $(head -n 1 "$tmp/err")"
if [ $rc -eq 1 ] && has "$tmp/err" '^kgextract: .*error: .*(write|No space)'; then
  ok "writing to /dev/full: exit 1 with a message"
else
  not_ok "writing to /dev/full: exit $rc" "$tmp/err"
fi

t0=$(now)
$TIMEOUT "$KGX" -f ntriples -o "$tmp/batch.nt" "$good" "$tmp/in/missing.txt" > "$tmp/out" 2> "$tmp/err"
rc=$?
echo "# case: missing input in a batch: exit $rc, $(elapsed "$t0" "$(now)")s, message: $(head -n 1 "$tmp/err")"
if [ $rc -eq 1 ] && has "$tmp/err" 'missing\.txt: error' && has "$tmp/batch.nt" 'Kovalenko' \
   && { [ -z "$RAPPER" ] || "$RAPPER" -q -c -i ntriples "$tmp/batch.nt" http://example.org/ >/dev/null 2>&1; }; then
  ok "a missing input in a batch: exit 1, the good input's triples written"
else
  not_ok "a missing input in a batch: exit $rc" "$tmp/err"
fi

# An unwritable directory: root writes anywhere, so a path through a
# regular file (ENOTDIR) and a missing directory stand in for it then.
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
for dir in "$tmp/ro" "$tmp/in/empty.txt" "$tmp/no-such-dir"; do
  if [ "$dir" = "$tmp/ro" ] && touch "$tmp/ro/probe" 2>/dev/null; then
    rm -f "$tmp/ro/probe"
    continue
  fi
  t0=$(now)
  $TIMEOUT "$KGX" -f ntriples -o "$dir/out.nt" "$good" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  echo "# case: -o ${dir#"$tmp"/}/out.nt: exit $rc, $(elapsed "$t0" "$(now)")s, message: $(head -n 1 "$tmp/err")"
  left=
  [ -d "$dir" ] && left=$(ls -A "$dir" | head -n 1)
  if [ $rc -eq 1 ] && has "$tmp/err" '^kgextract: .*error' && [ -z "$left" ] && [ ! -s "$tmp/out" ]; then
    ok "-o into ${dir#"$tmp"/}: exit 1, a message, no file left"
  else
    not_ok "-o into ${dir#"$tmp"/}: exit $rc, left '$left'" "$tmp/err"
  fi
done
chmod 755 "$tmp/ro"

# A reader that goes away: exit 1 and a message (SIGPIPE is ignored in
# kgx-main.c, so the write error is seen and reported).
( "$KGX" -f ntriples "$tmp/in/list-20000.txt" 2> "$tmp/err"; echo $? > "$tmp/pipe.rc" ) | head -c 10 > /dev/null
rc=$(cat "$tmp/pipe.rc")
echo "# case: closed pipe: exit $rc, message: $(head -n 1 "$tmp/err")"
if [ "$rc" -eq 1 ] && has "$tmp/err" 'error'; then
  ok "a closed pipe: exit 1 with a message"
else
  not_ok "a closed pipe: exit $rc" "$tmp/err"
fi

finish
