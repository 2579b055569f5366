#!/usr/bin/env python3
"""score.py SET.jsonl EVAL_OUTPUT.txt -> one line summary + per-style (and, for sets with "shape", per-shape) counts."""
import json,sys,re,collections
rows={}
for l in open(sys.argv[1]):
    if l.strip(): r=json.loads(l); rows[r['id']]=r
out=open(sys.argv[2]).read().splitlines()
res={}
for l in out:
    m=re.match(r'^(PASS|FAIL) (\S+) ',l)
    if m: res[m.group(2)]=(m.group(1)=='PASS',l)
summ=[l for l in out if l.startswith(('right section','in scope','offered','asked back'))]
style=collections.defaultdict(lambda:[0,0])
shape=collections.defaultdict(lambda:[0,0])
for i,r in rows.items():
    ok=res.get(i,(False,''))[0]
    s=r.get('style'); style[s][1]+=1; style[s][0]+=ok
    if 'shape' in r:
        k=('oos ' if r.get('oos') else 'in ')+r['shape']; shape[k][1]+=1; shape[k][0]+=ok
print(' | '.join(summ))
print('  '.join(f'{s} {a}/{b}' for s,(a,b) in sorted(style.items())))
if shape: print('  '.join(f'{s} {a}/{b}' for s,(a,b) in sorted(shape.items())))
