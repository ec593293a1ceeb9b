#!/bin/sh
# stores.sh - kgextract's graph in real triple stores (issue 6; docs/stores.md).
# Writes the example articles' graph as Turtle, as N-Quads and as N-Quads
# with --provenance; loads each into four engines: roqet (rasqal), rdfproc
# (Redland, Berkeley DB "hashes" store with contexts), rdflib, and a
# Virtuoso server this script starts on loopback ports with a temporary
# database; runs every examples/queries/*.rq in each and requires every
# engine's answer to be NAME.expected, and all of them to agree.  Then the
# dev article's questions (tests/stores/dev/*.rq), when that article is
# there: the same non-empty answer everywhere, including the rows of
# NAME.includes.  Answers are compared as plain rows
# (tests/stores/sparql-rows.py), so they do not depend on literal forms.
# Last, the recipes of docs/stores.md run as written.
#
# Prints TAP.  A missing engine is a SKIP line naming it, or a failure when
# KGX_STORES_REQUIRE=1 (make check-stores).  Environment: KGX, KGX_SRCDIR
# (set by make check), KGX_DEV_ARTICLE, ROQET, RDFPROC, RDFLIB_PYTHON,
# VIRTUOSO, ISQL, CURL, PYTHON; KGX_STORES_KEEP=1 keeps the temporary
# directory.  By hand, from a build tree:
#   KGX_SRCDIR=/path/to/source sh /path/to/source/tests/stores/stores.sh
# A query's "# data: FORMAT OPTION..." comment line makes it run on the
# output of `kgextract -f FORMAT OPTION...` only (the provenance queries);
# the others run on every data set.

LC_ALL=C
export LC_ALL

srcdir=${KGX_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/stores
KGX=${KGX:-./kgextract}
case $KGX in /*) ;; *) KGX=$(pwd)/$KGX ;; esac
articles="examples/sample-article.txt examples/grid-article.txt"
dev_article=${KGX_DEV_ARTICLE:-$srcdir/../shared/eval/dev/seed-kz-ru-nuclear-dialogue.txt}
require=${KGX_STORES_REQUIRE:-0}
PYTHON=${PYTHON:-python3}
ROQET=${ROQET:-$(command -v roqet)}
RDFPROC=${RDFPROC:-$(command -v rdfproc)}
VIRTUOSO=${VIRTUOSO:-$(command -v virtuoso-t)}
ISQL=${ISQL:-$(command -v isql-vt)}
CURL=${CURL:-$(command -v curl)}
engines="roqet rdfproc rdflib virtuoso"

. "$srcdir/tests/tap-lib.sh"
# Every engine command runs under a time limit, so a hung engine fails.
limit () { timeout -k 5 "$@" </dev/null; }

if [ ! -x "$KGX" ]; then
  echo "Bail out! no kgextract program at $KGX (set KGX)"
  exit 99
fi
if [ ! -f "$srcdir/examples/queries/who-heads.rq" ]; then
  echo "Bail out! no $srcdir/examples/queries (set KGX_SRCDIR)"
  exit 99
fi
if ! "$PYTHON" -c 'import json, xml.etree.ElementTree' 2>/dev/null; then
  echo "Bail out! no $PYTHON (python3) to compare the answers"
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kgx-stores.XXXXXX") || exit 99
vpid=
stop_virtuoso () {
  [ -n "$vpid" ] || return 0
  kill -TERM "$vpid" 2>/dev/null
  i=0
  while kill -0 "$vpid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  kill -KILL "$vpid" 2>/dev/null
  wait "$vpid" 2>/dev/null
  vpid=
}
trap 'stop_virtuoso; [ -n "${KGX_STORES_KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir "$tmp/data" "$tmp/load" "$tmp/out" || exit 99
start=$(date +%s)

# ---------------------------------------------------------------------------
# 1. The data sets and the jobs
#
# datasets: ID <TAB> FORMAT <TAB> FILE (under $tmp/load, where Virtuoso may read)
# jobs:     JOB <TAB> DATASET <TAB> QUERY <TAB> MODE <TAB> CHECKFILE <TAB> GROUP
#   MODE is exact (the rows are CHECKFILE), includes (every row of CHECKFILE
#   is there; none: just non-empty) or graphs (as includes, the named graphs
#   of the N-Quads file).  Every job of a GROUP must get the same rows.

: >"$tmp/datasets"
: >"$tmp/jobs"
tab=$(printf '\t')

# make_dataset ID FORMAT [OPTION...]: the example articles' graph (the dev
# article's for ID dev-*).  Prints the reason and returns 1 when kgextract
# rejects an option, returns 2 when it fails otherwise.
make_dataset () {
  id=$1 fmt=$2
  shift 2
  case $fmt in nquads) ext=nq ;; *) ext=ttl ;; esac
  file=$tmp/load/$id.$ext
  case $id in
    dev-*) inputs=$dev_article ;;
    *) inputs=$articles ;;
  esac
  # shellcheck disable=SC2086 # the article list is split on purpose
  (cd "$srcdir" && "$KGX" -q -f "$fmt" "$@" -o "$file" $inputs) >"$tmp/data/$id.err" 2>&1
  st=$?
  if [ $st -eq 2 ] && [ $# -gt 0 ]; then
    echo "kgextract does not accept $*"
    return 1
  fi
  [ $st -eq 0 ] && [ -s "$file" ] || return 2
  printf '%s\t%s\t%s\n' "$id" "$fmt" "$file" >>"$tmp/datasets"
  if [ "$fmt" = nquads ]; then
    "$PYTHON" "$here/split-nquads.py" "$file" "$tmp/data/$id.split" || return 2
    cut -f2 "$tmp/data/$id.split/graphs.tsv" >"$tmp/data/$id.graphs"
  fi
  return 0
}

# The data sets: Turtle and N-Quads, and one for each "# data:" line.
dataset_id () { printf 'ex-%s\n' "$(printf '%s' "$*" | tr -cs 'a-z0-9' '-')"; }
{ echo turtle; echo nquads; sed -n 's/^# data: *//p' "$srcdir"/examples/queries/*.rq; } |
  awk '!seen[$0]++' >"$tmp/data/specs"
while IFS= read -r spec; do
  id=$(dataset_id "$spec")
  # shellcheck disable=SC2086 # FORMAT OPTION... split on purpose
  why=$(make_dataset "$id" $spec)
  case $? in
    0) ok "kgextract -f $spec $articles" ;;
    1) skip "kgextract -f $spec $articles" "$why"
       echo "$why" >"$tmp/data/$id.missing" ;;
    *) not_ok "kgextract -f $spec $articles"
       echo "kgextract failed" >"$tmp/data/$id.missing" ;;
  esac
  diag <"$tmp/data/$id.err"
done <"$tmp/data/specs"

# A query with no "# data:" line runs on every data set: its answer must not
# depend on the syntax, nor on --provenance (which adds named graphs and
# statements about the relations).
for q in "$srcdir"/examples/queries/*.rq; do
  base=$(basename "$q" .rq)
  data=$(sed -n 's/^# data: *//p' "$q" | sed 1q)
  if [ -z "$data" ]; then
    sets=$(while IFS= read -r spec; do dataset_id "$spec"; done <"$tmp/data/specs")
  else
    sets=$(dataset_id "$data")
  fi
  for ds in $sets; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$ds.$base" "$ds" "$q" exact \
      "$srcdir/examples/queries/$base.expected" "$base" >>"$tmp/jobs"
  done
done

# Named graphs intact: every graph of the N-Quads is there after loading
# (the N-Quads of kgextract without --provenance have none).
printf 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }\n' >"$tmp/data/graphs.rq"
while IFS="$tab" read -r id fmt file; do
  [ "$fmt" = nquads ] || continue
  if [ -s "$tmp/data/$id.graphs" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id.graphs" "$id" "$tmp/data/graphs.rq" graphs \
      "$tmp/data/$id.graphs" - >>"$tmp/jobs"
  fi
done <"$tmp/datasets"

if [ -f "$dev_article" ]; then
  make_dataset dev-ttl turtle >/dev/null
  check "kgextract -f turtle $(basename "$dev_article")" $?
  diag <"$tmp/data/dev-ttl.err"
  for q in "$here"/dev/*.rq; do
    base=$(basename "$q" .rq)
    inc=$here/dev/$base.includes
    [ -f "$inc" ] || inc=none
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "dev-ttl.$base" dev-ttl "$q" includes "$inc" "dev/$base" \
      >>"$tmp/jobs"
  done
else
  skip "the dev article's questions (tests/stores/dev/*.rq)" "no $dev_article"
fi

# ---------------------------------------------------------------------------
# 2. The engines.  Each run_ENGINE writes, for each job it can run,
# $tmp/out/ENGINE/JOB.res (SPARQL results) or JOB.err, or JOB.skip (why not).

uses_graph () { sed 's/#.*//' "$1" | grep -qi 'GRAPH[[:space:]]*[?$<]'; }

# roqet reads the file itself.  It loads N-Quads into one graph: the
# statements of every graph merge into the default graph, and the graph
# names are lost, so a query that uses GRAPH cannot run on them.
have_roqet () {
  if [ -z "$ROQET" ] || [ ! -x "$ROQET" ]; then
    echo "roqet not found (apt-get install rasqal-utils)"
    return 1
  fi
}
run_roqet () {
  while IFS="$tab" read -r job ds q mode chk group; do
    fmt=$(awk -F"$tab" -v s="$ds" '$1 == s {print $2}' "$tmp/datasets")
    file=$(awk -F"$tab" -v s="$ds" '$1 == s {print $3}' "$tmp/datasets")
    if [ "$fmt" = nquads ] && uses_graph "$q"; then
      echo "roqet merges the graphs of N-Quads: no GRAPH queries" >"$1/$job.skip"
      continue
    fi
    limit 60 "$ROQET" -q -i sparql -F "$fmt" -r xml -D "$file" "$q" >"$1/$job.res" 2>"$1/$job.err" ||
      rm -f "$1/$job.res"
  done <"$tmp/jobs.run"
}

# rdfproc: one Berkeley DB hashes store per data set, with contexts; the
# N-Quads are loaded graph by graph (rdfproc's parse ignores their graph).
rdfproc_opts () { echo "hash-type='bdb',dir='$1',contexts='yes'"; }
have_rdfproc () {
  if [ -z "$RDFPROC" ] || [ ! -x "$RDFPROC" ]; then
    echo "rdfproc not found (apt-get install redland-utils)"
    return 1
  fi
  mkdir -p "$tmp/rdfproc-probe"
  printf '<urn:x:a> <urn:x:b> <urn:x:c> .\n' >"$tmp/rdfproc-probe/t.nt"
  if ! limit 30 "$RDFPROC" -q -n -s hashes -t "$(rdfproc_opts "$tmp/rdfproc-probe")" probe \
       parse "$tmp/rdfproc-probe/t.nt" ntriples >/dev/null 2>&1 ||
     [ ! -f "$tmp/rdfproc-probe/probe-sp2o.db" ]; then
    echo "rdfproc has no Berkeley DB hashes store (librdf0 built without BDB)"
    return 1
  fi
}
rdfproc_load () {   # rdfproc_load DIR FORMAT FILE ID
  opts=$(rdfproc_opts "$1")
  base=file://$3
  case $2 in
    nquads)
      limit 60 "$RDFPROC" -q -n -s hashes -t "$opts" kg parse "$tmp/data/$4.split/default.nt" \
        ntriples "$base" || return 1
      while IFS="$tab" read -r part graph; do
        limit 60 "$RDFPROC" -q -s hashes -t "$opts" kg parse "$tmp/data/$4.split/$part.nt" \
          ntriples "$base" "$graph" || return 1
      done <"$tmp/data/$4.split/graphs.tsv" ;;
    *)
      limit 60 "$RDFPROC" -q -n -s hashes -t "$opts" kg parse "$3" "$2" "$base" || return 1 ;;
  esac
}
run_rdfproc () {
  while IFS="$tab" read -r id fmt file; do
    mkdir "$tmp/rdfproc-$id"
    rdfproc_load "$tmp/rdfproc-$id" "$fmt" "$file" "$id" >"$tmp/rdfproc-$id.log" 2>&1 ||
      echo "rdfproc could not load $file: $(tail -3 "$tmp/rdfproc-$id.log")" >"$tmp/rdfproc-$id.failed"
  done <"$tmp/datasets"
  while IFS="$tab" read -r job ds q mode chk group; do
    if [ -f "$tmp/rdfproc-$ds.failed" ]; then
      cp "$tmp/rdfproc-$ds.failed" "$1/$job.err"
      continue
    fi
    # -r json: rdfproc 1.0.17 refuses its own xml and tsv result formats.
    limit 60 "$RDFPROC" -q -s hashes -t "$(rdfproc_opts "$tmp/rdfproc-$ds")" -r json kg \
      query sparql - "$(cat "$q")" >"$1/$job.res" 2>"$1/$job.err" || rm -f "$1/$job.res"
  done <"$tmp/jobs.run"
}

# rdflib, under the first python3 that has it (Debian's is /usr/bin/python3,
# which a pyenv or venv python3 earlier on PATH would hide).
have_rdflib () {
  for py in ${RDFLIB_PYTHON:-} python3 /usr/bin/python3; do
    if "$py" -c 'import rdflib' 2>/dev/null; then
      rdflib_python=$py
      return 0
    fi
  done
  echo "rdflib not found for python3 (apt-get install python3-rdflib)"
  return 1
}
run_rdflib () {
  out=$1
  while IFS="$tab" read -r id fmt file; do
    set --
    while IFS="$tab" read -r job ds q mode chk group; do
      [ "$ds" = "$id" ] && set -- "$@" "$q" "$out/$job.res"
    done <"$tmp/jobs.run"
    [ $# -gt 0 ] || continue
    limit 120 "$rdflib_python" "$here/rdflib-query.py" "$fmt" "$file" "$@" >"$tmp/rdflib-$id.log" 2>&1
  done <"$tmp/datasets"
  # A job with no answer and no error of its own gets the run's error.
  while IFS="$tab" read -r job ds q mode chk group; do
    [ -f "$out/$job.res" ] || [ -f "$out/$job.res.err" ] || cp "$tmp/rdflib-$ds.log" "$out/$job.err"
    [ -f "$out/$job.res.err" ] && mv "$out/$job.res.err" "$out/$job.err"
  done <"$tmp/jobs.run"
}

# Virtuoso: a server of our own on two free loopback ports, a database in
# $tmp, the bulk loader (N-Quads keep their graphs; the statements outside
# any graph, and the Turtle, go to urn:kgx:test:ID), SPARQL over HTTP with
# curl (default-graph-uri=urn:kgx:test:ID), then shut down, whatever happens
# (the EXIT trap).  Every wait is bounded.
have_virtuoso () {
  for p in "$VIRTUOSO:virtuoso-t" "$ISQL:isql-vt"; do
    if [ -z "${p%%:*}" ] || [ ! -x "${p%%:*}" ]; then
      echo "${p#*:} not found (apt-get install virtuoso-opensource-7-bin)"
      return 1
    fi
  done
  if [ -z "$CURL" ] || [ ! -x "$CURL" ]; then
    echo "curl not found (apt-get install curl)"
    return 1
  fi
}
free_ports () {
  "$PYTHON" -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}
start_virtuoso () {   # start_virtuoso DIR: prints the reason when it fails
  vdir=$1
  # shellcheck disable=SC2046
  set -- $(free_ports)
  sqlport=$1 httpport=$2
  sed -e "s|@DIR@|$vdir|g" -e "s|@DATADIR@|$tmp/load|g" \
    -e "s|@SQLPORT@|$sqlport|g" -e "s|@HTTPPORT@|$httpport|g" \
    "$here/virtuoso.ini.in" >"$vdir/virtuoso.ini"
  (cd "$vdir" && exec "$VIRTUOSO" +foreground +configfile "$vdir/virtuoso.ini") \
    >"$vdir/server.out" 2>&1 &
  vpid=$!
  endpoint=http://127.0.0.1:$httpport/sparql
  deadline=$(($(date +%s) + 60))
  while [ "$(date +%s)" -lt $deadline ]; do
    if ! kill -0 "$vpid" 2>/dev/null; then
      wait "$vpid" 2>/dev/null
      vpid=
      echo "virtuoso-t exited: $(tail -5 "$vdir/kgx.log" "$vdir/server.out" 2>/dev/null)"
      return 1
    fi
    code=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 2 "$endpoint?query=ASK%7B%7D")
    [ "$code" = 200 ] && return 0
    sleep 0.25
  done
  echo "virtuoso-t did not answer on $endpoint within 60 s"
  return 1
}
isql () { limit 60 "$ISQL" "127.0.0.1:$sqlport" dba dba "$@"; }
run_virtuoso () {
  vdir=$tmp/virtuoso
  mkdir "$vdir"
  t0=$(date +%s)
  start_virtuoso "$vdir" >"$vdir/why"
  st=$?
  t1=$(date +%s)
  if [ $st -ne 0 ]; then
    not_ok "virtuoso: start virtuoso-t"
    diag <"$vdir/why"
    return 1
  fi
  ok "virtuoso: virtuoso-t answers on $endpoint ($((t1 - t0)) s)"
  loads=
  while IFS="$tab" read -r id fmt file; do
    loads="$loads ld_add('$file', 'urn:kgx:test:$id');"
  done <"$tmp/datasets"
  isql "exec=$loads rdf_loader_run(); checkpoint;" >"$vdir/load.out" 2>&1
  st=$?
  isql "exec=SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL;" \
    >"$vdir/load-errors.out" 2>&1
  grep -q '^0 Rows' "$vdir/load-errors.out" || st=1
  check "virtuoso: bulk-load $(wc -l <"$tmp/datasets") files ($(($(date +%s) - t1)) s)" $st
  [ $st -eq 0 ] || { diag <"$vdir/load.out"; diag <"$vdir/load-errors.out"; }
  while IFS="$tab" read -r job ds q mode chk group; do
    code=$("$CURL" -sS --max-time 60 </dev/null -o "$1/$job.res" -w '%{http_code}' \
      -H 'Accept: application/sparql-results+json' \
      --data-urlencode "query@$q" --data-urlencode "default-graph-uri=urn:kgx:test:$ds" \
      "$endpoint" 2>"$1/$job.err")
    if [ "$code" != 200 ]; then
      { echo "HTTP $code"; cat "$1/$job.res"; } >>"$1/$job.err" 2>/dev/null
      rm -f "$1/$job.res"
    fi
  done <"$tmp/jobs.run"
  stop_virtuoso
}

# Jobs whose data set could not be made are skipped everywhere.
while IFS="$tab" read -r job ds rest; do
  if [ -f "$tmp/data/$ds.missing" ]; then
    printf '%s\t%s\n' "$job" "$(cat "$tmp/data/$ds.missing")" >>"$tmp/jobs.nodata"
  elif grep -q "^$ds$tab" "$tmp/datasets"; then
    printf '%s\t%s\t%s\n' "$job" "$ds" "$rest" >>"$tmp/jobs.run"
  fi
done <"$tmp/jobs"
touch "$tmp/jobs.run" "$tmp/jobs.nodata"

# check_rows ROWS MODE CHECKFILE: 0 when the rows are what MODE asks.
check_rows () {
  [ -s "$1" ] || { echo "no answer"; return 1; }
  case $2 in
    exact) diff -u "$3" "$1" ;;
    includes|graphs)
      [ "$3" = none ] && return 0
      sort "$3" >"$1.want"
      missing=$(comm -23 "$1.want" "$1")
      [ -z "$missing" ] && return 0
      printf 'missing: %s\n' "$missing"
      return 1 ;;
  esac
}

ran=
for e in $engines; do
  if ! "have_$e" >"$tmp/why"; then
    why=$(cat "$tmp/why")
    if [ "$require" = 1 ]; then not_ok "$e: $why"; else skip "$e" "$why"; fi
    continue
  fi
  ran="$ran $e"
  out=$tmp/out/$e
  mkdir "$out"
  e0=$(date +%s)
  "run_$e" "$out"
  while IFS="$tab" read -r job ds q mode chk group; do
    name="$e: $(basename "$q") on $ds"
    case $mode in
      exact) name="$name gives $(basename "$chk")" ;;
      graphs) name="$e: every named graph of $ds.nq survives loading" ;;
      *) [ "$chk" = none ] && name="$name: an answer" || name="$name includes $(basename "$chk")" ;;
    esac
    if [ -f "$out/$job.skip" ]; then
      skip "$name" "$(cat "$out/$job.skip")"
      continue
    fi
    if [ ! -f "$out/$job.res" ]; then
      not_ok "$name"
      diag <"$out/$job.err"
      continue
    fi
    if ! "$PYTHON" "$here/sparql-rows.py" "$out/$job.res" >"$out/$job.rows" 2>"$out/$job.rows.err"; then
      not_ok "$name"
      diag <"$out/$job.rows.err"
      head -c 2000 "$out/$job.res" | diag
      continue
    fi
    check_rows "$out/$job.rows" "$mode" "$chk" >"$out/$job.diff" 2>&1
    check "$name" $?
    diag <"$out/$job.diff"
  done <"$tmp/jobs.run"
  while IFS="$tab" read -r job why; do
    skip "$e: $job" "$why"
  done <"$tmp/jobs.nodata"
  echo "# $e: $(($(date +%s) - e0)) s"
done

# ---------------------------------------------------------------------------
# 3. The recipes of docs/stores.md run as written (STYLE rule 34): each sh
# block between its markers, in order, in one directory that looks like a
# built source tree; the lines of a text block must be in the output of the
# sh block before it.  The Virtuoso recipe gets free ports instead of its
# 1112 and 8891, and the rdflib one the python3 that has rdflib.

doc=$srcdir/docs/stores.md
ddir=$tmp/doc
mkdir "$ddir"
ln -s "$srcdir/examples" "$ddir/examples"
mkdir "$ddir/tests"
ln -s "$here" "$ddir/tests/stores"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$KGX" >"$ddir/kgextract"
chmod +x "$ddir/kgextract"
awk -v dir="$ddir" '
  /^<!-- tests\/stores\/stores.sh runs each sh block/ {on = 1; next}
  /^<!-- end of the recipes that tests\/stores\/stores.sh runs -->/ {on = 0}
  !on {next}
  /^## / {section = $0; next}
  /^```(sh|text)$/ && !inblock {
    inblock = 1; n++; kind = substr($0, 4)
    file = sprintf("%s/block-%02d.%s", dir, n, kind)
    printf "" >file
    if (kind == "sh") print section >sprintf("%s/block-%02d.section", dir, n)
    next
  }
  /^```$/ && inblock {inblock = 0; close(file); next}
  inblock {print >>file}
' "$doc"

stop_doc_virtuoso () {
  [ -f "$ddir/vt/kgx.lck" ] || return 0
  dpid=$(sed -n 's/^VIRT_PID=//p' "$ddir/vt/kgx.lck")
  [ -n "$dpid" ] && kill -0 "$dpid" 2>/dev/null || return 0
  kill -TERM "$dpid" 2>/dev/null
  i=0
  while kill -0 "$dpid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  kill -KILL "$dpid" 2>/dev/null
}
trap 'stop_virtuoso; stop_doc_virtuoso; [ -n "${KGX_STORES_KEEP:-}" ] || rm -rf "$tmp"' EXIT

last=
for b in "$ddir"/block-*; do
  case $b in
    *.sh) ;;
    *.text)
      [ -n "$last" ] || continue
      name="docs/stores.md: $(basename "$last" .sh) prints what the page shows"
      if [ -f "$last.skipped" ]; then skip "$name" "$(cat "$last.skipped")"; continue; fi
      st=0
      while IFS= read -r line; do
        grep -Fxq -e "$line" "$last.out" || { st=1; echo "missing: $line"; }
      done <"$b" >"$b.missing"
      check "$name" $st
      diag <"$b.missing"
      continue ;;
    *) continue ;;
  esac
  last=$b
  section=$(cat "${b%.sh}.section")
  case $section in
    *roqet*) e=roqet ;; *rdfproc*) e=rdfproc ;; *rdflib*) e=rdflib ;;
    *Virtuoso*) e=virtuoso ;; *) e= ;;
  esac
  name="docs/stores.md: $(basename "$b" .sh) (${section:-## the graphs}) runs"
  name=$(echo "$name" | sed 's/(## /(/')
  if [ -n "$e" ] && ! echo " $ran " | grep -q " $e "; then
    echo "$e is not installed" >"$b.skipped"
    skip "$name" "$e is not installed"
    continue
  fi
  case $e in
    virtuoso)
      # shellcheck disable=SC2046
      set -- $(free_ports)
      sed -i -e "s/1112/$1/g" -e "s/8891/$2/g" "$b" ;;
    rdflib) sed -i "s|/usr/bin/python3|$rdflib_python|g" "$b" ;;
  esac
  (cd "$ddir" && limit 120 sh -e "$b") >"$b.out" 2>"$b.err"
  st=$?
  [ "$e" = virtuoso ] && stop_doc_virtuoso
  check "$name" $st
  [ $st -eq 0 ] || { diag <"$b.err"; tail -20 "$b.out" | diag; }
done

# ---------------------------------------------------------------------------
# 4. Every engine, every data set: the same rows for each group of jobs.

# (Not the "-" group, the named-graph checks: engines add graphs of their own.)
cut -f6 "$tmp/jobs.run" | awk '$0 != "-" && !seen[$0]++' >"$tmp/groups"
while IFS= read -r group; do
  first='' st=0 who=''
  while IFS="$tab" read -r job ds q mode chk g; do
    [ "$g" = "$group" ] || continue
    for e in $ran; do
      rows=$tmp/out/$e/$job.rows
      [ -f "$tmp/out/$e/$job.skip" ] && continue
      who="$who $e/$ds"
      if [ ! -s "$rows" ]; then
        st=1
        echo "$e on $ds: no answer"
      elif [ -z "$first" ]; then
        first=$rows
      elif ! cmp -s "$first" "$rows"; then
        st=1
        echo "$e on $ds differs:"
        diff -u "$first" "$rows"
      fi
    done
  done <"$tmp/jobs.run" >"$tmp/group.diff"
  count=$(echo "$who" | wc -w)
  if [ "$count" -lt 2 ]; then
    skip "$group: the same answer in every engine" "fewer than two engine runs had it"
    continue
  fi
  check "$group: the same non-empty answer in$who" $st
  diag <"$tmp/group.diff"
done <"$tmp/groups"

echo "# $(($(date +%s) - start)) s in all"
finish
