"""Measured choice of the HRED learning rate: Adam 1e-4 (the paper's default) vs 1e-3, same real Cornell
conversations, same seed and epochs; prints validation perplexity per epoch for both."""
import argparse, json
import torch
from tlerc.core import set_seed, set_threads
from tlerc.data import load_cornell
from tlerc.hred import *
from tlerc.hred_sizes import SIZES
from tlerc.pretrain import *
from tlerc.training import *

ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=3000); ap.add_argument('--epochs', type=int, default=2)
a = ap.parse_args(); set_threads(2)
data = numericalize_corpus(load_cornell(), limit={'valid': 1000, 'test': 10})
tr, va = data.splits['train'][:a.n], data.splits['valid']
out = {}
for lr in (1e-4, 1e-3):
    set_seed(0); m = HRED(HREDConfig(len(data.vocab), **SIZES['small'])); opt = torch.optim.Adam(m.parameters(), lr)
    out[lr] = []
    for ep in range(a.epochs):
        m.train()
        for b in ConversationDL(tr, 32, shuffle=True, seed=ep):
            loss = hred_loss(m(*b[:3])); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); opt.zero_grad()
        out[lr].append(perplexity(m, va))
    print(f'lr {lr:g}: validation perplexity per epoch {[round(p, 1) for p in out[lr]]} ({a.n} Cornell training conversations, 1000 validation)')
json.dump({str(k): v for k, v in out.items()}, open('bench/results/hred_lr.json', 'w'))
