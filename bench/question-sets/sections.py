#!/usr/bin/env python3
"""sections.py OUT.txt — the writers' view of the knowledge: each section's id, title and text, without the
alternate phrasings, kinds or other comments (a writer must not see how the bot was taught)."""
import re, sys, pathlib
root = pathlib.Path(__file__).resolve().parents[2] / "knowledge"
out = []
for name in ["overview", "principles", "challenges", "initiatives", "footnotes"]:
    body = (root / f"{name}.md").read_text(encoding="utf-8").split("---", 2)[2]
    for line in body.splitlines():
        heading = re.match(r"^#+ (.*) \{#([\w-]+)\}", line)
        if heading:
            out.append(f"\n=== {heading.group(2)} : {heading.group(1)}")
        elif line.strip() and not line.startswith("<!--"):
            out.append(line)
pathlib.Path(sys.argv[1]).write_text("\n".join(out), encoding="utf-8")
