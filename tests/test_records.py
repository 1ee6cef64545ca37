"""The committed run records are portable: no absolute path of the machine that made them (`tools/portable_records.py`
rewrote the old ones; new ones are written through `tlerc.core.portable`), and each one's key is still its config's."""
import json
from pathlib import Path
from tlerc.config import config_from_record
from tlerc.runs import run_key

ROOT = Path(__file__).resolve().parent.parent

def test_committed_records_are_portable_and_keyed():
    recs = [(p, json.loads(p.read_text())) for p in sorted((ROOT/'results').glob('*/*.json')) if p.parent.name != 'tune']
    assert len(recs) > 300
    assert not [p.name for p, r in recs if '"/' in json.dumps(r)]  # no absolute path
    assert not [p.name for p, r in recs if 'key' in r and (run_key(config_from_record(r['config'])) != r['key'] or p.stem != r['key'])]
