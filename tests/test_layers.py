"""The package has no import circle: no module imports one that imports it back, lazily (inside a function) or not."""
import ast
from pathlib import Path
PKG = Path(__file__).resolve().parent.parent/'tlerc'

def imports(path:Path) -> set[str]:
    "The tlerc modules a module imports anywhere in its source."
    out = set()
    for n in ast.walk(ast.parse(path.read_text())):
        if isinstance(n, ast.ImportFrom) and n.module:
            if n.level == 1: out.add(n.module.split('.')[0])
            elif n.module.startswith('tlerc.'): out.add(n.module.split('.')[1])
        elif isinstance(n, ast.Import): out |= {a.name.split('.')[1] for a in n.names if a.name.startswith('tlerc.')}
    return out - {path.stem}

def test_no_import_circle():
    g = {p.stem: imports(p) for p in PKG.glob('*.py') if not p.stem.startswith('_')}
    def reach(a, b, seen=()): return any(d == b or (d not in seen and reach(d, b, (*seen, d))) for d in g.get(a, ()))
    assert not [(a, b) for a in g for b in g[a] if reach(b, a)]

def test_the_check_sees_a_lazy_import(tmp_path):
    (tmp_path/'a.py').write_text('def f():\n    from tlerc.b import g\n')
    assert imports(tmp_path/'a.py') == {'b'}
