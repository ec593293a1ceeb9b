#!/usr/bin/env python3
"""Check the gold files in eval/gold/ (format: ../shared/eval/FORMAT.md).

    python3 eval/check_gold.py [--articles DIR] [GOLD.tsv ...]   # default: eval/gold/*/*.gold.tsv
    python3 eval/check_gold.py --emit-ttl GOLD.tsv                # print the gold as Turtle

For each gold file it checks the header (# source / # headline / # sha1), that score.py
parses it, that every relation's entity ids exist, that predicates come from the
inventory, that no normalised alias names two entities, and that a perfect output
(the gold itself written as Turtle) scores 1.0 with score.py. With --articles DIR (the
output of eval/cut-articles.sh) it also lists aliases and literals that do not occur in
the article text (informational: canonical forms such as "Michigan" for "Mich" are
allowed). --emit-ttl writes that perfect output; useful to test eval/run-eval.sh:
    KGX='python3 eval/check_gold.py --oracle' eval/run-eval.sh
(--oracle takes `--format turtle ARTICLE.txt` and emits the gold of the same name).
Standard library only, plus rapper (raptor2-utils) as score.py needs.
"""
import glob
import importlib.util
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.environ.get("KGX_SCORER", os.path.join(ROOT, "..", "shared", "eval", "score.py"))
INVENTORY = {"heads", "jobTitle", "worksFor", "memberOf", "locatedIn", "near", "heldIn",
             "participatedIn", "organizedBy", "supportedBy", "metWith", "partnerOf",
             "designedBy", "builtBy", "said", "interviewedBy", "openedIn"}
LITERAL_PREDS = {"jobTitle", "said", "openedIn"}
NS = "http://example.org/kgextract-gold#"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ttl_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def gold_to_ttl(score, path):
    entities, triples = score.read_gold(path)
    raw = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").lstrip("?").split("\t")
            if cols[0] == "entity" and len(cols) == 4:
                raw[cols[1]] = cols[3].split("|")
    out = [f"@prefix g: <{NS}> .", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", ""]
    for eid, e in entities.items():
        labels = ", ".join(f'"{ttl_escape(x)}"' for x in raw[eid])
        out.append(f"g:e_{re.sub(r'[^A-Za-z0-9_]', '_', eid)} a g:{e['class']} ; rdfs:label {labels} .")
    for t in triples:
        pred = sorted(t["p"])[0]
        s = "g:e_" + re.sub(r"[^A-Za-z0-9_]", "_", t["s"])
        if t["o"].startswith('"'):
            o = '"' + ttl_escape(t["o"].strip('"')) + '"'
        else:
            o = "g:e_" + re.sub(r"[^A-Za-z0-9_]", "_", t["o"])
        out.append(f"{s} g:{pred} {o} .")
    return "\n".join(out) + "\n"


def check(score, path, articles):
    problems, notes = [], []
    meta = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if line.startswith("#"):
            key, sep, value = line[1:].strip().partition(":")
            if sep and key.strip() in ("source", "headline", "sha1"):
                meta.setdefault(key.strip(), value.strip())
    for k in ("source", "headline", "sha1"):
        if k not in meta:
            problems.append(f"header lacks '# {k}:'")
    entities, triples = score.read_gold(path)  # exits on unknown ids / bad lines
    for n, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#") and "  " in line.replace("\t", ""):
            notes.append(f"line {n}: double space inside a field")
    seen = {}
    for eid, e in entities.items():
        for label in set(e["labels"]):
            if label in seen and seen[label] != eid:
                problems.append(f"alias {label!r} names both {seen[label]} and {eid}")
            seen[label] = eid
    for t in triples:
        for p in t["p"]:
            if p not in INVENTORY:
                problems.append(f"line {t['line']}: predicate {p} not in the inventory")
        lit = t["o"].startswith('"')
        if lit != bool(t["p"] & LITERAL_PREDS):
            problems.append(f"line {t['line']}: literal/entity object does not fit {'|'.join(t['p'])}")
    # perfect output must score 1.0
    with tempfile.NamedTemporaryFile("w", suffix=".ttl", delete=False, encoding="utf-8") as tmp:
        tmp.write(gold_to_ttl(score, path))
    try:
        preds = set().union(*(t["p"] for t in triples)) if triples else set()
        res = score.score_one(tmp.name, path, score.subclass_closure([]), preds)
    finally:
        os.unlink(tmp.name)
    e, r = res["entities"], res["relations"]
    if e["found"] != e["gold"] or e["wrong"] or r["found"] != r["gold"] or r["wrong_list"]:
        problems.append(f"perfect output does not score 1.0: {e['found']}/{e['gold']} entities, "
                        f"{r['found']}/{r['gold']} relations, wrong {e['wrong_list'] + r['wrong_list']}")
    if articles:
        name = os.path.basename(path)[: -len(".gold.tsv")]
        hits = glob.glob(os.path.join(articles, "*", name + ".txt")) + glob.glob(os.path.join(articles, name + ".txt"))
        if not hits:
            notes.append("article not found under --articles")
        else:
            with open(hits[0], encoding="utf-8") as f:
                text = " " + score.normalize(re.sub(r"[<>]", " ", f.read())) + " "
            for eid, ent in entities.items():
                for label in ent["labels"]:
                    if f" {label} " not in text:
                        notes.append(f"alias not in text: {eid}: {label!r}")
            for t in triples:
                if t["o"].startswith('"') and f" {score.normalize(t['o'].strip(chr(34)))} " not in text:
                    notes.append(f"literal not in text: line {t['line']}: {t['o']}")
    counts = (sum(not x["optional"] for x in entities.values()), sum(x["optional"] for x in entities.values()),
              sum(not t["optional"] for t in triples), sum(t["optional"] for t in triples))
    return problems, notes, counts


def main(argv):
    score = load_scorer()
    if argv[:1] == ["--emit-ttl"] and len(argv) == 2:
        sys.stdout.write(gold_to_ttl(score, argv[1]))
        return 0
    if argv[:1] == ["--oracle"]:
        article = [a for a in argv[1:] if a.endswith(".txt")]
        name = os.path.basename(article[0])[: -len(".txt")] if article else ""
        golds = glob.glob(os.path.join(ROOT, "eval", "gold", "*", name + ".gold.tsv"))
        if not golds:
            sys.exit(f"check_gold --oracle: no gold file for {name!r}")
        sys.stdout.write(gold_to_ttl(score, golds[0]))
        return 0
    articles = None
    if argv[:1] == ["--articles"]:
        articles, argv = argv[1], argv[2:]
    paths = argv or sorted(glob.glob(os.path.join(ROOT, "eval", "gold", "*", "*.gold.tsv")))
    bad = 0
    print(f"{'file':48} {'ent':>4} {'?ent':>4} {'rel':>4} {'?rel':>4}")
    totals = {}
    for path in paths:
        problems, notes, counts = check(score, path, articles)
        split = os.path.basename(os.path.dirname(path))
        t = totals.setdefault(split, [0, 0, 0, 0, 0])
        t[0] += 1
        for i, c in enumerate(counts):
            t[i + 1] += c
        print(f"{os.path.basename(path)[:-9]:48} {counts[0]:4} {counts[1]:4} {counts[2]:4} {counts[3]:4}")
        for p in problems:
            print(f"  PROBLEM: {p}")
        for n in notes:
            print(f"  note: {n}")
        bad += bool(problems)
    for split, t in sorted(totals.items()):
        print(f"total {split}: {t[0]} files, {t[1]} entities (+{t[2]} optional), "
              f"{t[3]} required relations (+{t[4]} optional)")
    if bad:
        print(f"{bad} file(s) with problems")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
