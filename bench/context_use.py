"""Which HRED recipe makes the decoder use its context? Short runs on the same real Cornell conversations (the full
vocabulary, the same seed and batches), each with the context-use diagnostic after every epoch: the gain in nats per
word of the true context over another conversation's, with its 95 % bootstrap interval, and θcxt's correlation with
its initialisation. Records go to bench/results/context_use.json (resumable: finished recipes are skipped)."""
import argparse, json, time
from pathlib import Path
import torch
from tlerc.core import set_seed, set_threads, atomic_write_json
from tlerc.data import load_cornell
from tlerc.hred import *
from tlerc.hred_sizes import SIZES
from tlerc.pretrain import *
from tlerc.training import *

RECIPES = {  # name -> (HREDConfig overrides, Adam lr)
    'ctr4si lr 1e-4': ({}, 1e-4),
    'ctr4si lr 1e-3': ({}, 1e-3),
    'ctr4si lr 1e-4, word drop 0.25': ({'word_drop': 0.25}, 1e-4),
    'legacy lr 1e-3': ({'arch': 'legacy'}, 1e-3),
}
ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--n', type=int, default=8000, help='training conversations'); ap.add_argument('--epochs', type=int, default=3)
ap.add_argument('--threads', type=int, default=1); ap.add_argument('--only', nargs='*', help='recipe names to run')
ap.add_argument('--out', default='bench/results/context_use.json')
a = ap.parse_args(); set_threads(a.threads)
out_path = Path(a.out); res = json.loads(out_path.read_text()) if out_path.exists() else {}
data = numericalize_corpus(load_cornell(), limit={'valid': 1000, 'test': 10})
tr, va = data.splits['train'][:a.n], data.splits['valid']
for name, (kw, lr) in RECIPES.items():
    if (a.only and name not in a.only) or (name in res and len(res[name]['epochs']) >= a.epochs): continue
    set_seed(0); m = HRED(HREDConfig(len(data.vocab), **{**SIZES['small'], **kw})); init = {k: v.clone() for k, v in cxt_state(m).items()}
    opt = torch.optim.Adam(m.parameters(), lr); rows = []; t0 = time.time()
    for ep in range(a.epochs):
        m.train()
        for b in ConversationDL(tr, 32, shuffle=True, seed=ep):
            loss = hred_loss(m(*b[:3])); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); opt.zero_grad()
        d = context_use(m, va); d['cxt_init_corr'] = init_correlation(cxt_state(m), init)['max']; d['valid_perplexity'] = perplexity(m, va)
        rows.append(d)
        print(f"{name}, epoch {ep+1}: valid ppl {d['valid_perplexity']:.1f}, gain {d['context_gain_nats']:+.4f} nats/word "
              f"[{d['context_gain_ci95'][0]:+.4f}, {d['context_gain_ci95'][1]:+.4f}], cxt_init_corr {d['cxt_init_corr']:.3f}", flush=True)
    res[name] = {'config': kw, 'lr': lr, 'n_train': len(tr), 'n_valid': len(va), 'epochs': rows, 'minutes': round((time.time()-t0)/60, 1), 'threads': a.threads}
    atomic_write_json(out_path, res)
