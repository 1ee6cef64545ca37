"""README.md from nbs/index.ipynb without Quarto (nbdev_readme needs Quarto): markdown cells verbatim,
code cells as python blocks followed by their outputs (Markdown verbatim, text indented), `#| hide` cells left out, `#| echo: false` cells as their outputs only."""
import json, sys
from pathlib import Path

def build(nb='nbs/index.ipynb', out='README.md'):
    cells, parts = json.loads(Path(nb).read_text())['cells'], []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts.append(src); continue
        if src.lstrip().startswith(('#| hide', '#|hide')): continue
        if not src.lstrip().startswith(('#| echo: false', '#|echo: false')): parts.append(f'```python\n{src}\n```')  # echo false: the output only
        for o in c.get('outputs', []):
            if md := ''.join(o.get('data', {}).get('text/markdown', '')): parts.append(md.rstrip()); continue
            text = ''.join(o.get('text', '') or o.get('data', {}).get('text/plain', ''))
            if text: parts.append(f'    ' + text.rstrip().replace('\n', '\n    '))
    Path(out).write_text('\n\n'.join(parts) + '\n')

if __name__ == '__main__': build(*sys.argv[1:])
