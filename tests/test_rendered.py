"""The committed records render to the same tables and findings as when `tests/fixtures/rendered_tables.json` was
written (by `tools/snapshot_tables.py`, before the experiments wing was split into modules): moving code cannot change
a result. When records change on purpose, rewrite the snapshot in the same commit."""
import json, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from snapshot_tables import render

def test_committed_records_render_as_before():
    want = json.loads((ROOT/'tests'/'fixtures'/'rendered_tables.json').read_text())
    got = render()
    assert list(got) == list(want)
    for k in want: assert got[k] == want[k], k
