"""Every public function and class of the package has a docstring, and every function's parameters have docments."""
import importlib, inspect, pkgutil
import tlerc
from fastcore.docments import docments

def public_functions():
    for m in pkgutil.iter_modules(tlerc.__path__):
        if m.name.startswith('_'): continue
        mod = importlib.import_module(f'tlerc.{m.name}')
        for name in getattr(mod, '__all__', []):
            obj = getattr(mod, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == mod.__name__: yield f'{m.name}.{name}', obj

def test_docstrings():
    assert not [n for n, o in public_functions() if not inspect.getdoc(o)]

def test_docments():
    undocumented = []
    for n, f in public_functions():
        if not inspect.isfunction(f): continue
        params = [n_ for n_, p in inspect.signature(f).parameters.items() if n_ not in ('self', '_')
                  and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]  # docments cannot read a comment on *args / **kwargs
        d = docments(f)
        undocumented += [f'{n}({p})' for p in params if not d.get(p)]
    assert not undocumented, undocumented
