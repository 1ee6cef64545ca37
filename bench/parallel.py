"""Benchmark: grid throughput on 2 cores — runs one after another with 2 torch threads each, against two runs at a
time with 1 thread each — on the same real ERC runs, measured side by side in one invocation.

Each run is a real `train_erc` of the paper-2core profile (IEMOCAP, TL-ERC with the Cornell θcxt, lower 2 encoder
layers frozen and cached, bf16) cut to `--epochs` epochs, so that the measurement includes everything a grid run
does (loading the encoder and data, building the cache, training, validation, test). The small models and batches
of a grid run leave the second intra-op thread idle much of the time; two processes use both cores.
Usage: python bench/parallel.py [--fraction 0.1] [--bs 1] [--epochs 3] [--runs 2]
"""
import argparse, json, tempfile, time
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

def _run(args):
    cfg, out = args
    from tlerc.erc import train_erc
    t = time.time(); rec = train_erc(cfg, out, quiet=True)
    return time.time() - t, rec['test']['weighted_f1']

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--fraction', type=float, default=0.1); ap.add_argument('--bs', type=int, default=1)
    ap.add_argument('--epochs', type=int, default=3); ap.add_argument('--runs', type=int, default=2)
    a = ap.parse_args()
    from tlerc.config import ERCConfig
    from tlerc.runs import source_path, SOURCES
    base = ERCConfig('iemocap', 3, source_path(SOURCES['cornell']), a.fraction, 0, 0, bs=a.bs, epochs=a.epochs, patience=a.epochs,
                     frozen_layers=2, precision='bf16')
    cfgs = [replace(base, seed=s) for s in range(a.runs)]
    ctx = get_context('spawn'); res = {}
    with tempfile.TemporaryDirectory() as d:
        for name, threads, workers in (('sequential, 2 threads', 2, 1), ('2 at a time, 1 thread each', 1, 2)):
            jobs = [(replace(c, threads=threads), Path(d)/f'{name[:3]}-{i}') for i, c in enumerate(cfgs)]
            t = time.time()
            with ctx.Pool(workers) as pool: out = pool.map(_run, jobs, chunksize=1)
            res[name] = {'wall_s': time.time() - t, 'run_s': [o[0] for o in out], 'wf1': [o[1] for o in out]}
            print(f"{name:<28} {res[name]['wall_s']:7.1f} s for {len(cfgs)} runs (per run: {', '.join(f'{x:.0f}' for x in res[name]['run_s'])} s; "
                  f"wF1 {', '.join(f'{x:.1f}' for x in res[name]['wf1'])})", flush=True)
    seq, par = (res[k]['wall_s'] for k in res)
    print(f'grid throughput, 2 at a time / sequential: {seq/par:.2f}x')
    json.dump({'config': {'fraction': a.fraction, 'bs': a.bs, 'epochs': a.epochs, 'runs': a.runs}, 'results': res, 'speedup': seq/par},
              open(f'bench/results/parallel_f{a.fraction}.json', 'w'), indent=1)

if __name__ == '__main__': main()
