"""Numbers in prose come from code: the notebooks' Markdown cells hold fewer than 40 decimal numbers (issue 27), and
those left are the paper's (its numbers and section numbers, labelled) or its significance level; every measured number is rendered by a code cell from the records."""
import sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from count_decimals import decimals

def test_few_typed_decimals():
    found = {nb.name: decimals(nb) for nb in sorted((ROOT/'nbs').glob('*.ipynb'))}
    assert sum(map(len, found.values())) < 40, {k: v for k, v in found.items() if v}

def test_counter_finds_a_typed_number(tmp_path):
    import json
    nb = {'cells': [{'cell_type': 'markdown', 'id': 'x', 'metadata': {}, 'source': ['ours is 51.2 ±0.8 (`0.5` in code is skipped), §5.4 too']}]}
    (tmp_path/'a.ipynb').write_text(json.dumps(nb))
    assert [l for _, l in decimals(tmp_path/'a.ipynb')] == ['ours is 51.2 ±0.8 ( in code is skipped), §5.4 too'] * 3  # §5.4 counts too
