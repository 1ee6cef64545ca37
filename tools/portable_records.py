#!/usr/bin/env python
"""Rewrite the absolute paths of committed run records (`results/*/*.json`) as portable ones (`repo:models/…`,
`site-packages:…`, `data:…`: `tlerc.core.portable`), as new records are written. Run keys do not change: they use a
source's folder name, never its path (checked for every record before anything is written).

Usage: `python tools/portable_records.py [results]`; prints how many records it rewrote."""
import json, sys
from pathlib import Path
from tlerc.core import atomic_write_json, portable
from tlerc.config import config_from_record
from tlerc.runs import run_key

def rewrite(results='results') -> int:
    todo = []
    for p in sorted(Path(results).glob('*/*.json')):
        if p.parent.name == 'tune': continue  # study records are written portable already
        rec = json.loads(p.read_text()); new = portable(rec)
        if new == rec: continue
        if 'key' in rec and run_key(config_from_record(new['config'])) != rec['key']: raise SystemExit(f'{p}: the rewrite would change its run key')
        todo.append((p, new))
    for p, new in todo: atomic_write_json(p, new)
    return len(todo)

if __name__ == '__main__': print(f'{rewrite(*sys.argv[1:])} record(s) rewritten')
