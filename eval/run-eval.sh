#!/usr/bin/env bash
# Score the extractor on our own development set (eval/gold/).
#
#   eval/run-eval.sh [--verbose] [--json] [--keep] [SPLIT...]      SPLIT: dev, heldout, heldout2, heldout3, heldout4, heldout5 (default: dev heldout)
#
# Cuts the gold articles out of the corpus into a temporary directory
# (eval/cut-articles.sh), runs
#     ${KGX:-./kgextract} --format turtle ARTICLE.txt > OUT/<split>/<name>.ttl
# (ARTICLE.html for gold files whose source is a local HTML page; the output is still <name>.ttl)
# for each article, then scores each split separately with
#     python3 ../shared/eval/score.py --dir OUT/<split> --gold-dir eval/gold/<split> \
#             --ontology ontology/kgextract.ttl [--verbose] [--json]
#
# --verbose, --json   passed to score.py (list missed/wrong items; JSON summary)
# --keep              keep the temporary directory (articles, Turtle, stderr logs) and print its path
# Environment: KGX (extractor command, default ./kgextract), KGX_CORPUS_DIR (corpus,
# default ../shared/corpus), KGX_SCORER (default ../shared/eval/score.py).
# Paths are relative to the repository root; the script cd's there first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
cd "$root"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$self" >&2; exit 2; }
score_args=()
keep=0
splits=()
while [ $# -gt 0 ]; do
    case "$1" in
        --verbose|-v) score_args+=(--verbose); shift ;;
        --json) score_args+=(--json); shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        -*) echo "run-eval: unknown option $1" >&2; usage ;;
        *) splits+=("$1"); shift ;;
    esac
done
[ ${#splits[@]} -gt 0 ] || splits=(dev heldout)
for s in "${splits[@]}"; do
    if [ ! -d "eval/gold/$s" ]; then
        echo "run-eval: no such split: eval/gold/$s (have: $(ls eval/gold | tr '\n' ' '))" >&2
        exit 2
    fi
done

kgx="${KGX:-./kgextract}"
read -r -a kgx_cmd <<<"$kgx"
if ! command -v "${kgx_cmd[0]}" >/dev/null 2>&1 && [ ! -x "${kgx_cmd[0]}" ]; then
    echo "run-eval: extractor not found: '${kgx_cmd[0]}' (run from $root)." >&2
    echo "run-eval: build kgextract first, or point KGX at it, e.g.  KGX=path/to/kgextract eval/run-eval.sh" >&2
    exit 3
fi

scorer="${KGX_SCORER:-../shared/eval/score.py}"
if [ ! -f "$scorer" ]; then
    echo "run-eval: scorer not found: $scorer (set KGX_SCORER)" >&2
    exit 3
fi
ontology=ontology/kgextract.ttl
if [ -f "$ontology" ]; then
    score_args+=(--ontology "$ontology")
else
    echo "run-eval: warning: $ontology not found; scoring without it (only the coarse and well-known class names count)" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kgx-eval.XXXXXX")"
if [ "$keep" = 1 ]; then
    echo "run-eval: keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

eval/cut-articles.sh "$work/articles" "${splits[@]}"

status=0
for s in "${splits[@]}"; do
    mkdir -p "$work/out/$s" "$work/log/$s"
    n=0 failed=0
    for txt in "$work/articles/$s"/*.txt "$work/articles/$s"/*.html; do
        [ -e "$txt" ] || continue
        name="$(basename "$txt")"
        name="${name%.*}"
        n=$((n + 1))
        if ! "${kgx_cmd[@]}" --format turtle "$txt" >"$work/out/$s/$name.ttl" 2>"$work/log/$s/$name.err"; then
            failed=$((failed + 1))
            echo "run-eval: $s/$name: extractor failed (exit $?); scored as no output. stderr:" >&2
            sed 's/^/    /' "$work/log/$s/$name.err" | head -20 >&2
            rm -f "$work/out/$s/$name.ttl"
        fi
    done
    echo "== $s: $n article(s), $failed extractor failure(s)"
    [ "$failed" -eq 0 ] || status=1
    if ! python3 "$scorer" --dir "$work/out/$s" --gold-dir "eval/gold/$s" ${score_args[@]+"${score_args[@]}"}; then
        echo "run-eval: score.py failed on split $s" >&2
        status=1
    fi
done
exit "$status"
