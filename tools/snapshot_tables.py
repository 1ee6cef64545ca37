"""Render every table and findings summary of the committed records to one JSON file (caption -> CSV or text).

`python tools/snapshot_tables.py tests/fixtures/rendered_tables.json` writes it; `tests/test_rendered.py` renders the
same with the current code and compares, so that moving code between modules cannot change a result."""
import json, sys, warnings
from pathlib import Path

def render() -> dict:
    warnings.filterwarnings('ignore')
    from tlerc import challenges as C
    from tlerc.runs import RESULTS, ResultStore
    from tlerc.reproduce import TABLES, reproduce
    from tlerc.reproduce import findings_summary
    out = {}
    for profile in ('quick', 'paper-2core'):
        tables = tuple(t for t in TABLES if t not in (1, 2))  # 1 and 2 are computed from the corpora, not the records
        for k, v in reproduce(profile, tables, run=False, log=lambda *a: None).items():
            out[f'{profile} | {k}'] = v.to_csv() if hasattr(v, 'to_csv') else str(v)
        out[f'{profile} | findings'] = findings_summary(profile, tables, ResultStore(RESULTS/profile))
    ch = ResultStore(RESULTS/'challenges').records()
    for name, df in (('strategies', C.strategy_table(ch)), ('table9', C.table9(ch)), ('table11', C.table11(ch)),
                     ('table12', C.table12(ch)), ('hred sizes', C.hred_size_table(ch))):
        out[f'challenges | {name}'] = df.to_csv()
    return out

if __name__ == '__main__':
    Path(sys.argv[1]).write_text(json.dumps(render(), indent=1, ensure_ascii=False) + '\n')
    print(f'{sys.argv[1]}: {len(json.load(open(sys.argv[1])))} tables')
