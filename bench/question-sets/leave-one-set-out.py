#!/usr/bin/env python3
"""leave-one-set-out.py SET.jsonl ... — score sets whose questions are phrasings (ADR 0069) as if they were not.

For each set: copy the content root to a temporary folder, remove that set's questions from the knowledge folder's
side files and _not-in-manual.tsv (the other sets' stay), and run the `eval` verb on the set with Kyodo:ContentRoot
pointing there. Prints each set's summary line and the sum. Run from the repository root after
`dotnet build -c Release`:

    python3 bench/question-sets/leave-one-set-out.py tests/KyodoBot.Tests/Knowledge/realistic-r{4,5,6}-dev.jsonl
"""
import json, os, re, shutil, subprocess, sys, tempfile

root = os.getcwd()
totals = [0, 0, 0, 0, 0]
for name in sys.argv[1:]:
    rows = [json.loads(l) for l in open(name, encoding="utf-8") if l.strip()]
    questions = {" ".join(r["q"].split()) for r in rows}
    with tempfile.TemporaryDirectory(prefix="kyodo-loso-") as tmp:
        for d in ("cards", "dialogs", "knowledge", "calendar", "appPackage"):
            shutil.copytree(os.path.join(root, d), os.path.join(tmp, d))
        kdir = os.path.join(tmp, "knowledge")
        removed = 0
        for f in os.listdir(kdir):
            path = os.path.join(kdir, f)
            if f.endswith(".questions.yaml"):
                keep = []
                for line in open(path, encoding="utf-8").read().split("\n"):
                    m = re.match(r'^  - (".*")$', line)
                    if m and json.loads(m.group(1)) in questions:
                        removed += 1
                        continue
                    keep.append(line)
                open(path, "w", encoding="utf-8").write("\n".join(keep))
            elif f == "_not-in-manual.tsv":
                lines = open(path, encoding="utf-8").read().split("\n")
                keep = [l for l in lines if l.startswith("#") or l.split("\t")[-1] not in questions]
                removed += len(lines) - len(keep)
                open(path, "w", encoding="utf-8").write("\n".join(keep))
        env = dict(os.environ, Kyodo__ContentRoot=tmp, ConnectionStrings__KyodoBot=f"Data Source={tmp}/eval.db")
        out = subprocess.run(["dotnet", "run", "-c", "Release", "--no-build", "--project", "src/KyodoBot", "--", "eval", os.path.abspath(name)],
                             cwd=root, env=env, capture_output=True, text=True).stdout
    summary = next((l for l in out.splitlines() if l.startswith("in scope")), "?")
    another = re.search(r"answered with another section (\d+)", out)
    m = re.search(r"in scope (\d+)/(\d+), out of scope refused (\d+)/(\d+)", out)
    if m:
        for i, v in enumerate([m.group(1), m.group(2), m.group(3), m.group(4), another.group(1) if another else 0]):
            totals[i] += int(v)
    print(f"{os.path.basename(name)} ({removed} lines left out): {summary}; another {another.group(1) if another else '?'}", flush=True)
print(f"sum: in scope {totals[0]}/{totals[1]}, out of scope refused {totals[2]}/{totals[3]}, another {totals[4]}")
