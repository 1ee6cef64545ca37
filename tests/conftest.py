import pytest
from tlerc.core import data_dir

@pytest.fixture(scope='session')
def data():
    "The real data folder (TLERC_DATA or ../shared/data)."
    d = data_dir()
    if not (d/'SOURCES.md').exists(): pytest.fail(f'real data not found at {d}: set TLERC_DATA')
    return d

import os, shutil, subprocess
TLERC = shutil.which('tlerc') or pytest.fail('the tlerc console script is not installed (pip install -e .)')

def run_tlerc(*args, timeout=300, **env):
    "`tlerc args` as a user runs it (a subprocess, one torch thread), with `env` added to the environment."
    return subprocess.run([TLERC, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, 'TLERC_THREADS': '1', 'PYTHONUNBUFFERED': '1', **env})

def assert_one_line(r, *words):
    "A user's mistake: exit status 2, one line on stderr naming each of `words`, no traceback."
    assert r.returncode == 2, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and 'Traceback' not in r.stderr, r.stderr[-2000:]
    for w in words: assert w in lines[0], (w, lines[0])
