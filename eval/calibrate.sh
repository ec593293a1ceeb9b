#!/usr/bin/env bash
# Measure each rule's precision on a gold split and write it where kgextract
# reads it as each triple's confidence (--provenance, docs/provenance.md).
#
#   eval/calibrate.sh [--corpus DIR] [--output FILE] [--keep] [SPLIT]
#
# SPLIT        the gold split to measure on (default dev; never a held-out one
#              you still want to use as a fair check)
# --output     where to write (default ontology/rules/confidence.tsv; - for stdout)
# --corpus     the corpus directory (default $KGX_CORPUS_DIR, else ../shared/corpus)
# --keep       keep the temporary directory (articles, graphs, --explain lines)
# Environment: KGX (the extractor, default ./kgextract), KGX_SCORER (default
# ../shared/eval/score.py, whose matching rules are used).
#
# It cuts the split's articles out of the corpus (eval/cut-articles.sh), runs
#     kgextract -f ntriples --explain=NAME.jsonl NAME.txt > NAME.nt
# on each, and eval/calibrate.py counts, per rule, the triples it wrote that
# the gold scores and how many of them match the gold.  The file holds
# numbers only, never article text.  Exit status: 0 done, 1 a run failed,
# 2 usage, 3 no extractor, corpus or scorer.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
cd "$root"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$self" >&2; exit 2; }
output=ontology/rules/confidence.tsv
corpus_args=()
keep=0
split=dev
while [ $# -gt 0 ]; do
    case "$1" in
        --output) [ $# -ge 2 ] || usage; output="$2"; shift 2 ;;
        --output=*) output="${1#--output=}"; shift ;;
        --corpus) [ $# -ge 2 ] || usage; corpus_args=(--corpus "$2"); shift 2 ;;
        --corpus=*) corpus_args=(--corpus "${1#--corpus=}"); shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        -*) echo "calibrate: unknown option $1" >&2; usage ;;
        *) split="$1"; shift ;;
    esac
done
if [ ! -d "eval/gold/$split" ]; then
    echo "calibrate: no such split: eval/gold/$split" >&2
    exit 2
fi

kgx="${KGX:-./kgextract}"
if [ ! -x "$kgx" ] && ! command -v "$kgx" >/dev/null 2>&1; then
    echo "calibrate: extractor not found: $kgx (build it, or set KGX)" >&2
    exit 3
fi
scorer="${KGX_SCORER:-../shared/eval/score.py}"
if [ ! -f "$scorer" ]; then
    echo "calibrate: scorer not found: $scorer (set KGX_SCORER)" >&2
    exit 3
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kgx-calibrate.XXXXXX")"
if [ "$keep" = 1 ]; then
    echo "calibrate: keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

eval/cut-articles.sh "${corpus_args[@]}" "$work/articles" "$split" || exit 3

mkdir -p "$work/out"
status=0
for txt in "$work/articles/$split"/*.txt; do
    name="$(basename "$txt" .txt)"
    # No confidence.tsv must influence what is measured: the graph does not
    # depend on it, only --provenance output does.
    if ! "$kgx" -q -f ntriples --explain="$work/out/$name.jsonl" "$txt" \
            > "$work/out/$name.nt" 2> "$work/out/$name.err"; then
        echo "calibrate: kgextract failed on $name:" >&2
        sed 's/^/  /' "$work/out/$name.err" >&2
        status=1
    fi
done
[ "$status" = 0 ] || exit 1

python3 "$here/calibrate.py" --articles "$work/articles/$split" --out "$work/out" \
    --gold-dir "eval/gold/$split" --scorer "$scorer" --output "$output"
[ "$output" = - ] || echo "calibrate: wrote $output" >&2
