"""The experiment runner on real IEMOCAP: records are atomic, a run killed with SIGKILL mid-epoch leaves no record and
is redone, finished runs are skipped."""
import json, os, signal, subprocess, sys, time
from pathlib import Path
from tlerc.config import ERCConfig, config_from_record
from tlerc.runs import ResultStore, run_key
from tlerc.stats import aggregate

SCRIPT = """
import sys
from tlerc.config import ERCConfig, config_from_record
from tlerc.runs import ResultStore, run_grid
cfgs = [ERCConfig('iemocap', 2, None, 0.1, 0, seed, epochs={epochs}, patience={patience}, frozen_layers=3, eval_limit=6, threads=2) for seed in (0, 1)]
run_grid(cfgs, ResultStore(sys.argv[1]), work=sys.argv[2])
"""

def start(store, work, epochs, patience=40):
    return subprocess.Popen([sys.executable, '-c', SCRIPT.format(epochs=epochs, patience=patience), str(store), str(work)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, 'PYTHONUNBUFFERED': '1'})

def test_kill_and_resume(tmp_path):
    store, work = tmp_path/'results', tmp_path/'work'
    p = start(store, work, epochs=40)  # the second run is long enough to be killed mid-epoch
    t0 = time.time()
    while len(list(store.glob('*.json'))) < 1:
        assert p.poll() is None, p.stdout.read().decode()[-3000:]
        assert time.time() - t0 < 1800, "no record after 30 min"  # a hang guard, generous: the machine may be shared
        time.sleep(0.5)
    first = sorted(store.glob('*.json'))[0]; mtime = first.stat().st_mtime
    # wait until the second run has finished at least one epoch (its best.pth exists) but has no record: mid-run
    mid = lambda: [d for d in work.iterdir() if (d/'best.pth').exists() and not (store/f'{d.name}.json').exists()]
    while not mid():
        assert p.poll() is None, 'the second run ended before it could be killed'
        time.sleep(0.2)
    p.send_signal(signal.SIGKILL); p.wait()
    assert len(list(store.glob('*.json'))) == 1 and not list(store.glob('.*.tmp')), 'a killed run left a (partial) record'
    # resumed: the finished run is skipped (its record untouched), the killed one is redone from scratch
    p = start(store, work, epochs=40)
    t0 = time.time()
    while len(list(store.glob('*.json'))) < 2:
        assert p.poll() is None or len(list(store.glob('*.json'))) == 2, p.stdout.read().decode()[-3000:]
        assert time.time() - t0 < 2400, "the resumed grid did not finish in 40 min"  # a hang guard
        time.sleep(1)
    p.wait()
    out = p.stdout.read().decode()
    assert '1 of 2 runs already recorded; 1 to run' in out, out[-2000:]
    assert first.stat().st_mtime == mtime and len(ResultStore(store).records()) == 2

def test_skip_finished(tmp_path):
    store, work = tmp_path/'results', tmp_path/'work'
    r = subprocess.run([sys.executable, '-c', SCRIPT.format(epochs=1, patience=5), str(store), str(work)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert '0 of 2 runs already recorded; 2 to run' in r.stdout
    recs = ResultStore(store).records(); assert len(recs) == 2
    assert {x['config']['seed'] for x in recs} == {0, 1} and all(x['key'] == run_key(config_from_record(x['config'])) for x in recs)
    r = subprocess.run([sys.executable, '-c', SCRIPT.format(epochs=1, patience=5), str(store), str(work)], capture_output=True, text=True, timeout=900)
    assert '2 of 2 runs already recorded; 0 to run' in r.stdout
    agg = aggregate(recs); (k, v), = agg.items()
    assert v['n'] == 2 and v['seeds'] == [0, 1] and v['se'] >= 0
