"""Store the record of a finished `tlerc train` run in result folders, under the key its configuration has in the grids.

    python tools/store_record.py runs/erc/dd-v2 results/erc-100 results/paper-2core

A `tlerc train` run with a grid's configuration (e.g. DailyDialog at 100 % in `paper-2core`) is the same run as the
grid's; storing its record makes `tlerc reproduce` skip it and the notebooks render it.
"""
import json, sys
from pathlib import Path
from tlerc.config import ERCConfig, config_from_record
from tlerc.runs import ResultStore, run_key

def main(run_dir, *stores):
    p = Path(run_dir)/'record.json'
    if not p.exists(): sys.exit(f'{p}: no record — the run has not finished')
    rec = json.loads(p.read_text()); cfg = config_from_record(rec['config'])
    for s in stores: ResultStore(s).add(cfg, rec); print(f'{p} -> {s}/{run_key(cfg)}.json')

if __name__ == '__main__':
    if len(sys.argv) < 3: sys.exit(__doc__)
    main(*sys.argv[1:])
