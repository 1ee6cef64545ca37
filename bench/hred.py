"""Benchmark: HRED-small training throughput (dialogues/s) of the naive reference recipe vs ours, on the same
real Cornell conversations in one run, and their ratio.

naive: every sentence padded to 30 tokens and every RNN run over the padding, full 20k-way softmax over every
       position (padding masked in the loss), random batches.
ours : packed RNNs (no work on padding), adaptive softmax (exact, normalised), sortish batches.
With --large it also times HRED-large (hidden 1000, §4.2) with our recipe on the same batches: the cost of a large
pre-training here.
With --bf16 it measures HRED-large under bf16 autocast against fp32, side by side: throughput on the same batches, and
the validation perplexity (computed in fp32) after one epoch of `hred_learner` training on the same conversations
and seed (writes bench/results/hred_bf16.json).
With --arch it times the HRED-small of the sources made before 2026-12 (arch 'legacy': decoder-init layer, separate
embeddings) against ctr4si's form (the default since), on the same batches, and the estimated full Cornell epoch of
each (writes bench/results/hred_arch.json).
Usage: python bench/hred.py [--n 640] [--bs 32] [--threads 2] [--ppl-epochs 0] [--large] [--bf16 [--bf16-n 2000]] [--arch]
"""
import argparse, time, math, json, sys
import numpy as np, torch
from dataclasses import asdict
from tlerc.core import set_seed, set_threads
from tlerc.data import load_cornell
from tlerc.hred import *
from tlerc.hred_sizes import SIZES
from tlerc.pretrain import *
from tlerc.training import *
from tlerc.hred import _KL_WEIGHT

def pad30(b):
    "The naive collate: sentences padded to the maximum length (30)."
    tokens, sent_len, conv_len, _ = b
    t = torch.zeros(tokens.shape[0], 30, dtype=tokens.dtype); t[:, :tokens.shape[1]] = tokens
    return t, sent_len, conv_len

def run(model, batches, steps_warm=2, bf16=False):
    opt = torch.optim.Adam(model.parameters(), 1e-3); model.train()
    def step(b):
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16): loss = hred_loss(model(*b))
        return loss
    for b in batches[:steps_warm]:
        loss = step(b); loss.backward(); opt.step(); opt.zero_grad()
    t = time.perf_counter(); n = 0
    for b in batches:
        loss = step(b); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); opt.zero_grad(); n += len(b[2])
    return n / (time.perf_counter() - t)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=640); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--ppl-epochs', type=int, default=0)
    ap.add_argument('--ppl-n', type=int, default=4000)
    ap.add_argument('--large', action='store_true', help='also time HRED-large (writes bench/results/hred_large.json)')
    ap.add_argument('--bf16', action='store_true', help='HRED-large: bf16 autocast vs fp32 (writes bench/results/hred_bf16.json)')
    ap.add_argument('--bf16-n', type=int, default=2000, help='training conversations of the --bf16 quality check')
    ap.add_argument('--arch', action='store_true', help="HRED-small: 'legacy' vs 'ctr4si' (writes bench/results/hred_arch.json)")
    a = ap.parse_args(); set_threads(a.threads); set_seed(0)
    corpus = load_cornell()
    data = numericalize_corpus(corpus, limit={'valid': 1000, 'test': 10})  # vocabulary from the full training split (20k)
    convs = data.splits['train'][:a.n]
    V = len(data.vocab)
    rng = np.random.default_rng(0)
    random_batches = [collate_conversations([convs[i] for i in idx]) for idx in np.array_split(rng.permutation(len(convs)), len(convs)//a.bs)]
    sortish = list(ConversationDL(convs, a.bs, shuffle=True, seed=0))
    if a.bf16: return bf16_check(data, sortish, a)
    if a.arch: return arch_check(data, sortish, a)
    base = HREDConfig(V, **SIZES['small'])
    recipes = {
        'naive (padded to 30, full softmax, random batches)': (HREDConfig(**{**asdict(base), 'output': 'full', 'packed': False}), [pad30(b) for b in random_batches]),
        'packed + full softmax, random batches': (HREDConfig(**{**asdict(base), 'output': 'full'}), [b[:3] for b in random_batches]),
        'packed + adaptive softmax, random batches': (base, [b[:3] for b in random_batches]),
        'ours: packed + adaptive softmax + sortish batches': (base, [b[:3] for b in sortish]),
    }
    print(f'HRED-small, vocab {V}, {a.n} real Cornell training conversations, bs {a.bs}, {a.threads} threads, torch {torch.__version__}')
    res = {}
    for name, (cfg, batches) in recipes.items():
        set_seed(0); res[name] = run(HRED(cfg), batches)
        print(f'  {name:<52} {res[name]:7.1f} dialogues/s')
    naive, ours = res[list(res)[0]], res[list(res)[-1]]
    print(f'ratio ours / naive: {ours/naive:.2f}x')
    full_train = 66477
    print(f'estimated full Cornell epoch ({full_train} conversations): naive {full_train/naive/60:.1f} min, ours {full_train/ours/60:.1f} min')
    out = {'throughput': res, 'ratio': ours/naive, 'vocab': V, 'n': a.n, 'bs': a.bs, 'threads': a.threads}
    if a.large:
        set_seed(0); large = HRED(HREDConfig(V, **SIZES['large'])); lg = run(large, [b[:3] for b in sortish])
        print(f'  {"ours, HRED-large (hidden 1000, " + f"{n_params(large)/1e6:.1f} M parameters)":<52} {lg:7.1f} dialogues/s')
        print(f'ratio HRED-small / HRED-large time per conversation: {ours/lg:.2f}x; estimated full Cornell epoch of HRED-large: {full_train/lg/60:.0f} min')
        out.update({'large_throughput': lg, 'small_over_large': ours/lg, 'large_params': n_params(large)})
        json.dump(out, open('bench/results/hred_large.json', 'w'), indent=1); return
    if a.ppl_epochs:  # quality check: validation perplexity at equal epochs, same data and seed
        tr = data.splits['train'][:a.ppl_n]; va = data.splits['valid']
        for name, cfg in [('naive', HREDConfig(**{**asdict(base), 'output': 'full', 'packed': False})), ('ours', base)]:
            set_seed(0); m = HRED(cfg); opt = torch.optim.Adam(m.parameters(), 1e-3)
            for ep in range(a.ppl_epochs):
                m.train()
                for b in ConversationDL(tr, a.bs, shuffle=True, seed=ep):
                    b = pad30(b) if not cfg.packed else b[:3]
                    loss = hred_loss(m(*b)); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); opt.zero_grad()
            ppl = perplexity(m, va) if cfg.packed else _ppl_naive(m.eval(), va)
            out[f'valid_ppl_{name}'] = ppl
            print(f'  valid perplexity after {a.ppl_epochs} epoch(s) on {len(tr)} conversations, {name}: {ppl:.1f}')
    json.dump(out, open('bench/results/hred.json', 'w'), indent=1)

def bf16_check(data, sortish, a):
    "HRED-large, bf16 autocast vs fp32: throughput on the same batches and validation perplexity after one epoch."
    import tempfile
    V = len(data.vocab); batches = [b[:3] for b in sortish]
    print(f'HRED-large, vocab {V}, bs {a.bs}, {a.threads} threads, torch {torch.__version__}')
    out = {'vocab': V, 'bs': a.bs, 'threads': a.threads, 'n_throughput': a.n, 'n_train': a.bf16_n, 'n_valid': len(data.splits['valid'])}
    for prec in ('fp32', 'bf16'):
        set_seed(0); out[f'{prec}_throughput'] = run(HRED(HREDConfig(V, **SIZES['large'])), batches, bf16=prec == 'bf16')
        print(f'  throughput {prec}: {out[f"{prec}_throughput"]:.1f} dialogues/s ({a.n} conversations)', flush=True)
    sub = HREDData(data.vocab, {'train': data.splits['train'][:a.bf16_n], 'valid': data.splits['valid']})
    for prec in ('fp32', 'bf16'):
        with tempfile.TemporaryDirectory() as d:
            learn = hred_learner(sub, size='large', bs=a.bs, path=d, seed=0, precision=prec)
            with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
            out[f'{prec}_valid_ppl'] = float(learn.recorder.values[-1][2])  # validated in fp32 (train_only autocast)
        print(f'  valid perplexity after 1 epoch on {a.bf16_n} conversations, {prec} training: {out[f"{prec}_valid_ppl"]:.1f}', flush=True)
    out['speedup'] = out['bf16_throughput'] / out['fp32_throughput']
    out['ppl_ratio'] = out['bf16_valid_ppl'] / out['fp32_valid_ppl']
    print(f'bf16 / fp32 throughput: {out["speedup"]:.2f}x; valid perplexity ratio bf16 / fp32: {out["ppl_ratio"]:.3f}')
    print(f'estimated full Cornell epoch of HRED-large (66477 conversations): fp32 {66477/out["fp32_throughput"]/60:.0f} min, bf16 {66477/out["bf16_throughput"]/60:.0f} min')
    json.dump(out, open('bench/results/hred_bf16.json', 'w'), indent=1)

def arch_check(data, sortish, a, full_train=66477):
    "HRED-small in the legacy form and in ctr4si's: throughput on the same sortish batches, measured one after the other, three rounds."
    V = len(data.vocab); batches = [b[:3] for b in sortish]; res = {'legacy': [], 'ctr4si': []}
    print(f'HRED-small, vocab {V}, {a.n} real Cornell training conversations, bs {a.bs}, {a.threads} threads, torch {torch.__version__}')
    for _ in range(3):  # alternated, so that a change of machine load hits both
        for arch in res:
            set_seed(0); res[arch].append(run(HRED(HREDConfig(V, **SIZES['small'], arch=arch)), batches))
    out = {'throughput': {k: float(np.median(v)) for k, v in res.items()}, 'rounds': res, 'vocab': V, 'n': a.n, 'bs': a.bs, 'threads': a.threads}
    for k, v in out['throughput'].items(): print(f'  {k:<8} {v:7.1f} dialogues/s (median of 3; estimated full Cornell epoch {full_train/v/60:.1f} min)')
    out['ratio_ctr4si_over_legacy'] = out['throughput']['ctr4si'] / out['throughput']['legacy']
    print(f"ratio ctr4si / legacy: {out['ratio_ctr4si_over_legacy']:.2f}x")
    json.dump(out, open('bench/results/hred_arch.json', 'w'), indent=1)

@torch.no_grad()
def _ppl_naive(m, convs):
    nll = n = 0.
    for b in ConversationDL(convs, 64):
        l, k, _ = m(*pad30(b)); nll += float(l); n += float(k)
    return math.exp(nll / n)

if __name__ == '__main__': main()
