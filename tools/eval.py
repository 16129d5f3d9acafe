#!/usr/bin/env python3
"""Per-document report of person misses and false alarms against FRUS gold.

Usage: eval.py GOLD.jsonl SYSTEM.jsonl [--scorer PATH] [--top N]

The matching is the official scorer's (imported at run time from --scorer),
so this report and the score table always agree.
"""
import argparse
import importlib.util
import os


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('score_frus', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gold')
    ap.add_argument('system')
    ap.add_argument('--scorer', default=os.path.join('..', 'shared', 'tools', 'score_frus.py'))
    ap.add_argument('--top', type=int, default=8, help='documents to show, worst first')
    args = ap.parse_args()
    sf = load_scorer(args.scorer)

    gold = sf.read_jsonl(args.gold)
    sort_names = sf.load_sort_names(args.gold)
    system = {os.path.basename(str(r.get('source') or '')): r for r in sf.read_jsonl(args.system)}

    rows = []
    for g in gold:
        rec = system.get(os.path.basename(g['file']), {'entities': [], 'relations': []})
        ents = [e for e in rec.get('entities') or [] if sf.is_person(e)]
        gp = g.get('persons') or []
        edges = {}
        for gi, p in enumerate(gp):
            reads = sf.gold_readings_for(p, sort_names)
            for si, e in enumerate(ents):
                names = [e.get('name') or ''] + [a for a in e.get('aliases') or [] if a]
                sc = max([sf.match_score(n, reads) for n in names if n.strip()] or [0])
                if sc:
                    edges.setdefault(gi, []).append((sc, si))
        m = sf.max_matching(len(gp), len(ents), edges)
        matched = set(m.values())
        untagged = list(g.get('untagged_persnames') or []) + list(g.get('untagged_participants') or [])
        ureads = [sf.name_readings(u) for u in untagged]
        misses = [f"{p['name']} (x{p.get('count', '?')})" for gi, p in enumerate(gp) if gi not in m]
        alarms = []
        for si, e in enumerate(ents):
            if si in matched:
                continue
            names = [e.get('name') or ''] + [a for a in e.get('aliases') or [] if a]
            if any(sf.match_score(n, r) for r in ureads for n in names if n.strip()):
                continue
            alarms.append(e.get('name'))
        met_note = ''
        parts = g.get('participants') or []
        if parts:
            ent_to_gold = {ents[si].get('id'): gp[gi]['id'] for gi, si in m.items()}
            names = {p['id']: p['name'] for p in gp}
            want = {frozenset((a, b)) for i, a in enumerate(parts) for b in parts[i + 1:] if a != b}
            got = set()
            for r in rec.get('relations') or []:
                if str(r.get('type', '')).upper() == 'MET':
                    a, b = ent_to_gold.get(r.get('source')), ent_to_gold.get(r.get('target'))
                    if a and b and a != b:
                        got.add(frozenset((a, b)))
            lost = [' & '.join(names.get(x, x) for x in sorted(p)) for p in want - got]
            extra = [' & '.join(names.get(x, x) for x in sorted(p)) for p in got - want]
            met_note = f'  MET missed {len(lost)}: {lost[:6]}  MET extra {len(extra)}: {extra[:6]}'
        rows.append((len(misses) + len(alarms), g['doc'], misses, alarms, met_note))

    rows.sort(key=lambda r: -r[0])
    for bad, doc, misses, alarms, met_note in rows[:args.top]:
        if not bad and not met_note:
            continue
        print(f'{doc}: {len(misses)} missed, {len(alarms)} false alarms')
        if misses:
            print(f'  missed: {", ".join(misses)}')
        if alarms:
            print(f'  false alarms: {", ".join(map(str, alarms))}')
        if met_note:
            print(met_note)


if __name__ == '__main__':
    main()
