"""Grids on a Dask cluster of two workers on this machine (`tlerc.cluster`), on real IEMOCAP runs: the same records as
the in-process executor, a rerun runs nothing, and a worker killed with SIGKILL mid-run leaves no record: its run is
given to another worker, which resumes it from its checkpoint."""
import os, signal, threading, time
from dataclasses import replace
from pathlib import Path
from tlerc.config import ERCConfig
from tlerc.runs import ResultStore, run_grid, run_key
from tlerc.cluster import run_grid_dask

def cfg(seed, epochs=2): return ERCConfig('iemocap', 2, None, 0.1, 0, seed, epochs=epochs, patience=10, frozen_layers=3, eval_limit=3, bs=2, threads=1)
QUIET = lambda *a: None

def test_dask_writes_the_records_local_runs_write(tmp_path):
    cfgs = [cfg(0), cfg(1)]
    local, dask = ResultStore(tmp_path/'local'), ResultStore(tmp_path/'dask')
    assert run_grid(cfgs, local, tmp_path/'w-local', log=QUIET) == 2
    assert run_grid_dask(cfgs, dask, tmp_path/'w-dask', workers=2, log=QUIET) == 2
    for c in cfgs:
        a, b = local.get(c), dask.get(c)
        assert (a['test'], a['history'], a['best_epoch']) == (b['test'], b['history'], b['best_epoch']), run_key(c)
    assert sorted(p.name for p in dask.path.glob('*.json')) == sorted(f'{run_key(c)}.json' for c in cfgs)
    assert run_grid_dask(cfgs, dask, tmp_path/'w-dask', log=QUIET) == 0  # a rerun runs nothing (no cluster started)

def test_worker_killed_mid_run(tmp_path):
    from dask.distributed import Client, LocalCluster
    cfgs, store, work, out = [cfg(0, epochs=6), cfg(1, epochs=6)], ResultStore(tmp_path/'r'), tmp_path/'w', []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        th = threading.Thread(target=lambda: out.append(run_grid_dask(cfgs, store, work, scheduler=cluster.scheduler_address, log=QUIET)))
        th.start(); t0 = time.time()
        while not list(work.glob('*/last_state.pth')):  # a run has finished an epoch
            assert time.time() - t0 < 600 and th.is_alive(), 'no epoch finished'
            time.sleep(0.5)
        started = {f'run-{p.parent.name}' for p in work.glob('*/last_state.pth')}
        victim = next(w for w, keys in client.processing().items() if started & set(keys))  # the worker of a run with a checkpoint
        os.kill(client.run(os.getpid)[victim], signal.SIGKILL)  # mid-run: its nanny starts a fresh worker, the scheduler reassigns the task
        th.join(timeout=1200)
    assert out == [2], out
    recs = [store.get(c) for c in cfgs]
    assert all(r is not None for r in recs) and len(list(store.path.glob('*.json'))) == 2
    assert max(r['resumed_after_epoch'] for r in recs) >= 1, [r['resumed_after_epoch'] for r in recs]  # the killed run resumed

def test_quick_profile_on_dask_matches_the_in_process_records():
    """The quick profile's whole grid made twice in one session, one thread per run: results/quick-dask by
    `tlerc reproduce --profile quick --executor dask --workers 2` (a local cluster of 2 workers on this machine), then
    results/quick-local by the in-process executor (`run_one`, one run after another; its provenance names the commits).
    The same runs with the same test scores and best epochs, and epoch histories equal to float rounding (reduction
    order may differ between processes)."""
    import math
    from tlerc.profiles import grid
    root = Path(__file__).resolve().parent.parent/'results'
    load = lambda d: {r['key']: r for r in ResultStore(root/d).records()}
    dask, local = load('quick-dask'), load('quick-local')
    assert set(dask) == set(local) == {run_key(c) for c in grid('quick')}, 'not the whole quick grid'
    for k, d in dask.items():
        l = local[k]
        assert (d['test'], d['best_epoch'], d['threads']) == (l['test'], l['best_epoch'], l['threads']), k
        assert all(math.isclose(a[m], b[m], rel_tol=1e-5) for a, b in zip(d['history'], l['history'], strict=True) for m in a), k
