#!/usr/bin/env python3
"""sets-to-phrasings.py SET.jsonl ... — add question sets' questions to the knowledge folder (ADR 0069).

Every in-scope question becomes an alternate phrasing of its first expected section (appended to that section's list in
knowledge/*.md.questions.yaml, after a comment naming this script), every out-of-scope question a line of
knowledge/_not-in-manual.tsv (label near/far, the set's style). A question already in the file is skipped, so the
script can be re-run. Run from the repository root:

    python3 bench/question-sets/sets-to-phrasings.py tests/KyodoBot.Tests/Knowledge/realistic-r4-dev.jsonl ...

A set added this way is no longer a development set: its questions are answered from their own phrasings. Measure
with the sets kept out (realistic-r16-dev onwards, near-oos-dev …) or leave one set out (leave-one-set-out.sh).
"""
import glob, json, os, re, sys

SOURCES = ", ".join(os.path.splitext(os.path.basename(n))[0] for n in sys.argv[1:])
MARK = f"  # from {SOURCES} (bench/question-sets/sets-to-phrasings.py, ADR 0069)"
kdir = os.path.join(os.getcwd(), "knowledge")
files, owner = {}, {}
for path in sorted(glob.glob(os.path.join(kdir, "*.questions.yaml"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    files[path] = lines
    for line in lines:
        m = re.match(r"^([A-Za-z0-9_-]+):\s*$", line)
        if m:
            owner[m.group(1)] = path

phrasings, negatives = {}, []
for name in sys.argv[1:]:
    for line in open(name, encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        q = " ".join(row["q"].split())
        if row.get("oos"):
            negatives.append(("near" if row.get("near") else "far", row.get("style", "staff"), q))
        else:
            phrasings.setdefault(row["section"][0], []).append(q)

unknown = sorted(s for s in phrasings if s not in owner)
if unknown:
    sys.exit(f"no side file holds the sections {unknown}")

added = 0
for section, questions in phrasings.items():
    lines = files[owner[section]]
    start = lines.index(section + ":") + 1
    end = start
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    block = lines[start:end]
    present = {json.loads(l[4:]) if l.startswith('  - "') else l[4:] for l in block if l.startswith("  - ")}
    new = [q for q in dict.fromkeys(questions) if q not in present]
    if not new:
        continue
    insert = ([] if MARK in block else [MARK]) + ["  - " + json.dumps(q, ensure_ascii=False) for q in new]
    lines[end:end] = insert
    added += len(new)

for path, lines in files.items():
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))

tsv = os.path.join(kdir, "_not-in-manual.tsv")
text = open(tsv, encoding="utf-8").read()
present = {l.split("\t")[-1] for l in text.split("\n") if l and not l.startswith("#")}
new = [n for n in dict.fromkeys(negatives) if n[2] not in present]
with open(tsv, "a", encoding="utf-8") as out:
    if new:
        out.write(f"# from {SOURCES} (bench/question-sets/sets-to-phrasings.py, ADR 0069)\n")
    for n in new:
        out.write("\t".join(n) + "\n")
print(f"{added} phrasings, {len(new)} not-in-manual lines added")
