#!/usr/bin/env python3
"""Turn files of blank-line-separated articles (the shared corpus layout)
into JSON Lines that kgextract reads with --input-format jsonl.

    bench/blocks-to-jsonl.py FILE... > articles.jsonl

Each block becomes {"id": "FILE#N", "text": "..."}: the same name and the
same text (its lines, each ending in a newline) that
`kgextract --split-blank-lines FILE` gives the block, so the graph is the
same byte for byte, whichever way the JSON Lines are then cut into shards
(docs/scaling.md).  A line holding only spaces or tabs is blank.
"""
import json
import sys


def blocks(path):
    block, n = [], 0
    with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as f:
        for line in f:
            line = line[:-1] if line.endswith("\n") else line
            if line.strip(" \t\r\f\v") == "":
                if block:
                    n += 1
                    yield n, block
                    block = []
            else:
                block.append(line)
    if block:
        yield n + 1, block


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    out = sys.stdout
    for path in sys.argv[1:]:
        for n, block in blocks(path):
            text = "".join(line + "\n" for line in block)
            # Invalid UTF-8 is kept as U+FFFD, as kgextract would read it.
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            out.write(json.dumps({"id": "%s#%d" % (path, n), "text": text},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
