"""No import circle in `tlerc/`: no module imports one that imports it back, directly or through others, lazily
(inside a function) or not."""
import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent/'tlerc'

def imports() -> dict:
    mods = {p.stem: p.read_text() for p in PKG.glob('*.py') if p.stem != '_modidx'}
    pat = r'from \.(\w+) import|from tlerc\.(\w+) import|import tlerc\.(\w+)'
    return {m: {d for g in re.findall(pat, t) for d in g if d in mods and d != m} for m, t in mods.items()}

def circles(g:dict) -> list:
    "The modules of import graph `g` (module -> modules it imports) that reach themselves."
    def reach(a, seen):
        for d in g[a] - seen: seen.add(d); reach(d, seen)
        return seen
    return [m for m in sorted(g) if m in reach(m, set())]

def test_no_import_circle(): assert circles(imports()) == []

def test_finds_a_circle(): assert circles({'a': {'b'}, 'b': {'c'}, 'c': {'a'}, 'd': {'a'}}) == ['a', 'b', 'c']  # the check itself
