#!/usr/bin/env python3
"""Safety check for the everyday expressions in knowledge/_synonyms.yaml (issue #10).

For every entry after the marker comment: the canonical must occur in a section's text; each variant must have at
least 3 characters, must not occur in a question of knowledge/_not-in-manual.tsv, and is listed with the number of
phrasings (side files and inline <!-- questions -->) of OTHER sections that contain it -- sections whose text does
not hold the canonical. Exit code 1 when a hard rule fails. Usage: python3 tools/check-everyday-synonyms.py [-v]
"""
import glob, os, re, sys, unicodedata
import yaml

MARKER = "# Everyday expressions (2026-12-03, issue #10)"
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "knowledge")
key = lambda s: unicodedata.normalize("NFKC", s).lower()

# Entries after the marker: parse the tail of the file as its own YAML list.
text = open(os.path.join(root, "_synonyms.yaml"), encoding="utf-8").read()
tail = text[text.index(MARKER):]
entries = yaml.safe_load("synonyms:\n" + tail)["synonyms"]

sections = {}  # id -> (body, [phrasings])
for md in sorted(glob.glob(os.path.join(root, "*.md"))):
    current = None
    for line in open(md, encoding="utf-8"):
        m = re.match(r"^#+ .*\{#([\w-]+)\}", line)
        if m:
            current = m.group(1)
            sections[current] = [key(line), []]
            continue
        if current is None:
            continue
        q = re.match(r"^<!-- questions: (.*) -->", line)
        if q:
            sections[current][1] += [key(p.strip()) for p in q.group(1).split("|")]
        elif not line.startswith("<!--"):
            sections[current][0] += key(line)
    side = md + ".questions.yaml"
    if os.path.exists(side):
        for sid, lines in (yaml.safe_load(open(side, encoding="utf-8")) or {}).items():
            if sid in sections:
                sections[sid][1] += [key(p) for p in lines or []]

negatives = [key(l.rstrip("\n").split("\t")[-1]) for l in open(os.path.join(root, "_not-in-manual.tsv"), encoding="utf-8")
             if l.strip() and not l.startswith("#")]

def spellings(variant):
    """The spellings of a variant with groups of alternatives, as KnowledgeVocabulary.Spellings reads them."""
    out = [""]
    for literal, group in re.findall(r"([^()]*)(?:\(([^()]*)\))?", variant):
        out = [o + literal for o in out]
        if group or "(" + group + ")" in variant:
            out = [o + a for o in out for a in group.split("|")]
    return list(dict.fromkeys(out))

verbose = "-v" in sys.argv
failed = False
for entry in entries:
    canonical = key(entry["canonical"])
    home = {s for s, (body, _) in sections.items() if canonical in body}
    if not home:
        print(f"FAIL canonical {canonical}: occurs in no section's text"); failed = True
    for v in (s for variant in entry.get("variants", []) + entry.get("paraphrases", []) for s in spellings(key(str(variant)))):
        if len(v) < 3:
            print(f"FAIL {v} -> {canonical}: shorter than 3 characters"); failed = True
        hits = [n for n in negatives if v in n]
        if hits:
            print(f"FAIL {v} -> {canonical}: in not-in-manual question(s): {hits}"); failed = True
        in_text = sorted(s for s, (body, _) in sections.items() if v in body)
        own = sum(1 for s in home for p in sections[s][1] if v in p)
        other = {}
        for s, (_, phrasings) in sections.items():
            if s not in home:
                n = sum(1 for p in phrasings if v in p)
                if n:
                    other[s] = n
        flag = "WARN" if sum(other.values()) >= 2 or in_text else "ok  "
        if verbose or flag == "WARN":
            print(f"{flag} {v} -> {canonical}: own {own}, other sections {sum(other.values())} {other}"
                  + (f", in manual text of {in_text}" if in_text else ""))
sys.exit(1 if failed else 0)
