#!/usr/bin/env bash
# Cut the articles that the gold files annotate out of the research-use corpus.
#
#   eval/cut-articles.sh [--corpus DIR] OUTDIR [SPLIT...]
#
# For every eval/gold/<split>/<name>.gold.tsv it reads the header comments
#   # source: <corpus file>      # headline: <first line of the block>      # sha1: <hex>
# finds the block (blank-line separated, first line = headline) in the corpus file,
# checks that sha1(block + "\n") equals the recorded sha1, and writes the block, with a
# final newline, to OUTDIR/<split>/<name>.txt (so `sha1sum OUTDIR/<split>/<name>.txt`
# prints the recorded value). It fails (exit 1) if any article is missing or differs.
#
# A source of the form `# source: local:PATH` (PATH relative to the repository root, e.g.
# eval/texts/heldout3/x.html) names a stored article file instead: it is copied as a whole,
# after the same sha1 check, to OUTDIR/<split>/<name><extension of PATH> (.txt or .html; the
# extractor picks the input format from the extension).
#
# Corpus directory: --corpus DIR, else $KGX_CORPUS_DIR, else ../shared/corpus relative
# to the repository root. SPLITs default to every directory under eval/gold/.
# The corpus is research-use only: never commit the cut articles.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${KGX_CORPUS_DIR:-$root/../shared/corpus}"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2; exit 2; }
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --corpus) [ $# -ge 2 ] || usage; corpus="$2"; shift 2 ;;
        --corpus=*) corpus="${1#--corpus=}"; shift ;;
        -h|--help) usage ;;
        *) args+=("$1"); shift ;;
    esac
done
[ ${#args[@]} -ge 1 ] || usage
outdir="${args[0]}"
splits=("${args[@]:1}")

if [ ! -d "$corpus" ]; then
    echo "cut-articles: corpus directory not found: $corpus (use --corpus DIR or KGX_CORPUS_DIR)" >&2
    exit 1
fi

exec python3 - "$root/eval/gold" "$corpus" "$outdir" "${splits[@]}" <<'PY'
import hashlib, os, sys

gold_root, corpus, outdir, splits = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if not splits:
    splits = sorted(d for d in os.listdir(gold_root) if os.path.isdir(os.path.join(gold_root, d)))
blocks_of = {}


def blocks(source):
    if source not in blocks_of:
        path = os.path.join(corpus, source)
        if not os.path.isfile(path):
            raise LookupError(f"corpus file not found: {path}")
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        index = {}
        for block in text.strip("\n").split("\n\n"):
            index.setdefault(block.split("\n", 1)[0], []).append(block)
        blocks_of[source] = index
    return blocks_of[source]


errors, written = [], 0
for split in splits:
    gdir = os.path.join(gold_root, split)
    if not os.path.isdir(gdir):
        errors.append(f"no such split: {gdir}")
        continue
    for fname in sorted(os.listdir(gdir)):
        if not fname.endswith(".gold.tsv"):
            continue
        name = fname[: -len(".gold.tsv")]
        meta = {}
        with open(os.path.join(gdir, fname), encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    continue
                key, sep, value = line[1:].strip().partition(":")
                if sep and key.strip() in ("source", "headline", "sha1") and key.strip() not in meta:
                    meta[key.strip()] = value.strip()
        missing = [k for k in ("source", "headline", "sha1") if k not in meta]
        if missing:
            errors.append(f"{split}/{fname}: header lacks {', '.join('# ' + m + ':' for m in missing)}")
            continue
        if meta["source"].startswith("local:"):
            rel = meta["source"][len("local:"):].strip()
            path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(gold_root))), rel)
            if not os.path.isfile(path):
                errors.append(f"{split}/{name}: local article not found: {path}")
                continue
            with open(path, "rb") as f:
                data = f.read()
            if hashlib.sha1(data).hexdigest() != meta["sha1"].lower():
                errors.append(f"{split}/{name}: sha1 of {rel} differs from {meta['sha1']}")
                continue
            os.makedirs(os.path.join(outdir, split), exist_ok=True)
            with open(os.path.join(outdir, split, name + (os.path.splitext(rel)[1] or ".txt")), "wb") as f:
                f.write(data)
            written += 1
            continue
        try:
            candidates = blocks(meta["source"]).get(meta["headline"], [])
        except LookupError as e:
            errors.append(f"{split}/{name}: {e}")
            continue
        if not candidates:
            errors.append(f"{split}/{name}: no article with headline {meta['headline']!r} in {meta['source']}")
            continue
        found = None
        for block in candidates:
            data = (block + "\n").encode("utf-8")
            if hashlib.sha1(data).hexdigest() == meta["sha1"].lower():
                found = data
                break
        if found is None:
            errors.append(f"{split}/{name}: article {meta['headline']!r} found in {meta['source']} "
                          f"({len(candidates)} block(s) with that headline) but sha1 differs from {meta['sha1']}")
            continue
        os.makedirs(os.path.join(outdir, split), exist_ok=True)
        with open(os.path.join(outdir, split, name + ".txt"), "wb") as f:
            f.write(found)
        written += 1

for e in errors:
    print("cut-articles: ERROR: " + e, file=sys.stderr)
if errors:
    sys.exit(1)
print(f"cut-articles: wrote {written} article(s) to {outdir}", file=sys.stderr)
PY
