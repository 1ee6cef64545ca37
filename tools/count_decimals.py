"""Count the decimal numbers in the Markdown cells of the notebooks (code spans left out; the paper's section numbers,
such as §5.4, count too): issue 27 asks for fewer than 40, all of them the paper's. `python tools/count_decimals.py [-v]` prints the count per notebook
(and, with -v, each line that holds one)."""
import json, re, sys
from pathlib import Path
DECIMAL = re.compile(r'(?<![\w.])[+−-]?\d+\.\d+')

def decimals(nb:Path) -> list[tuple[str, str]]:
    "(cell id, line) of every decimal number in a notebook's Markdown cells."
    out = []
    for c in json.loads(nb.read_text())['cells']:
        if c['cell_type'] != 'markdown': continue
        for line in re.sub(r'`[^`]*`', '', ''.join(c['source'])).split('\n'):
            out += [(c.get('id', ''), line)] * len(DECIMAL.findall(line))
    return out

if __name__ == '__main__':
    total = 0
    for nb in sorted(Path(__file__).resolve().parent.parent.glob('nbs/*.ipynb')):
        d = decimals(nb); total += len(d)
        if d: print(f'{nb.name}: {len(d)}')
        if '-v' in sys.argv:
            for cid, line in dict.fromkeys(d): print(f'   {cid} | {line.strip()[:150]}')
    print(f'total: {total}')
