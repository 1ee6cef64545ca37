"""A user's install outside the repository: a fresh virtual environment (its dependencies from this machine's
site-packages), `pip install <repo>` (a built wheel, not an editable link), then, from a folder that is not the
checkout, `tlerc sources install`, `tlerc train --variant 3 --source cornell` on a few IEMOCAP conversations, and
`tlerc predict` with the model folder it wrote, copied elsewhere."""
import json, os, subprocess, sys, venv
from pathlib import Path
from tlerc.core import data_dir

ROOT = Path(__file__).resolve().parent.parent

def test_pip_install_outside_the_repo(tmp_path):
    venv.create(tmp_path/'venv', system_site_packages=True, with_pip=True)
    py, tlerc = tmp_path/'venv'/'bin'/'python', tmp_path/'venv'/'bin'/'tlerc'
    r = subprocess.run([py, '-m', 'pip', 'install', '-q', '--no-deps', '--no-build-isolation', str(ROOT)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    work = tmp_path/'work'; work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'} | {'TLERC_HOME': str(tmp_path/'home'), 'TLERC_THREADS': '2', 'TLERC_DATA': str(data_dir())}  # a user points TLERC_DATA at their corpora
    def run(*args):
        r = subprocess.run([tlerc, *map(str, args)], capture_output=True, text=True, timeout=900, cwd=work, env=env)
        assert r.returncode == 0, f'tlerc {args}: {r.stderr[-2000:]}'
        return r.stdout
    where = subprocess.run([py, '-c', 'import tlerc; print(tlerc.__file__)'], capture_output=True, text=True, cwd=work, env=env).stdout
    assert str(tmp_path/'venv') in where, where  # the installed copy, not the checkout
    run('sources', 'install', '--repo', ROOT)
    run('train', '--dataset', 'iemocap', '--variant', '3', '--source', 'cornell', '--fraction', '0.1', '--epochs', '1', '--frozen-layers', '3',
        '--eval-limit', '2', '--bs', '2', '--out', work/'run', '--quiet')
    model = work/'run'/'model'; assert (model/'encoder').is_dir() and (model/'config.json').exists()
    moved = tmp_path/'moved'; model.rename(moved)
    (work/'c.json').write_text(json.dumps({'utterances': [{'speaker': 'A', 'text': 'I am so glad you came!'}, {'speaker': 'B', 'text': 'Leave me alone.'}]}))
    out = json.loads(run('predict', '--model', moved, work/'c.json'))
    utts = out['utterances'] if isinstance(out, dict) else out
    assert len(utts) == 2 and all({'text', 'label', 'probs'} <= set(u) for u in utts), out
    assert '"/' not in (moved/'config.json').read_text()  # no absolute path in the model folder
