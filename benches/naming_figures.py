# Naming figures over a spec folder (docs/naming.md): plural list element types, operation ids over 40
# characters, the longest id, struct types documented by a bare table caption.
# Usage: python3 benches/naming_figures.py spec   (needs PyYAML)
import glob, re, sys, yaml
NOT_PLURAL = {"status","series","analysis","access","address","class","process","alias","bus","https","dns","news","statistics","kms","sms","cas","data","metadata"}
CAPTION_WORDS = set("field fields data structure structures description descriptions of the parameter parameters request response body object objects table element elements list information returned and in".split())
def plural(t):
    w = re.findall(r'[A-Z][a-z0-9]*|[a-z0-9]+', t)[-1].lower()
    return len(w) > 2 and w.endswith('s') and not w.endswith(('ss','us','is')) and w not in NOT_PLURAL
def bare(c):
    c = c.strip()
    if not c: return True
    if not c.isascii():
        rest = ''.join(ch for ch in c if not ch.isascii())
        return rest in ["字段数据结构说明","数据结构说明","参数说明","请求参数","响应参数","说明","字段说明"]
    words = [w for w in re.split(r'[\s:]+', c) if w]
    unknown = 0
    for i, w in enumerate(words):
        lw = re.sub(r'^[^A-Za-z0-9]+|[^A-Za-z0-9]+$', '', w).lower()
        if lw in CAPTION_WORDS or (i == 1 and words[0].lower() == 'table' and lw.isdigit()): continue
        unknown += 1
    # A caption names a table: it says description / parameters / structure / field / table.
    named = any(re.sub(r'[^a-z]', '', w.lower()) in ('description','descriptions','parameter','parameters','structure','field','fields','table') for w in words)
    return unknown <= 1 and len(words) > unknown and named
elems, ids, bares, ntypes = set(), [], 0, 0
for f in glob.glob(sys.argv[1] + '/*/*/*.yaml'):
    if f.endswith('.fix.yaml'): continue
    d = yaml.safe_load(open(f))
    ids.append(d['operation']['id'])
    for name, t in (d.get('types') or {}).items():
        ntypes += 1
        if t.get('fields') is not None and t.get('doc') is not None and bare(t['doc']): bares += 1
        for fl in t.get('fields') or []:
            for m in re.findall(r'array<([A-Z]\w*)>', fl['type']): elems.add(m)
pl = sorted(e for e in elems if plural(e))
print(f"operations {len(ids)}, types {ntypes}")
print(f"list element types: {len(elems)} distinct names, {len(pl)} plural: {' '.join(pl[:12])}{' …' if len(pl) > 12 else ''}")
print(f"ids over 40 chars: {sum(len(i) > 40 for i in ids)}; over 45: {sum(len(i) > 45 for i in ids)}; longest: {max(map(len, ids))} ({max(ids, key=len)})")
print(f"struct types documented by a bare caption: {bares}")
