"""Benchmark: one optimiser step of the ERC model (variant 2: 4-layer MiniLM, context GRU, head; every parameter
trained, as in full fine-tuning) with fastai's `Adam` (what runs before 2026-11-28 used) against PyTorch's
`torch.optim.Adam`: foreach, and fused through fastai's `OptimWrapper` (`tlerc.training.OPTIMIZERS['torch-fused']`, what
both learners use now), measured side by side in one run, on gradients from one real DailyDialog batch. Also checks
that the three give the same parameters after a few steps (the same algorithm: β 0.9/0.999, eps 1e-8, no weight
decay), so a swap would change speed, not results.
Then whole training steps (bf16 forward and loss, backward, optimiser step) on the first --train-steps batches of 4 real
DailyDialog training conversations, as in the DailyDialog 100 % runs, with each optimiser: the end-to-end ratio.
With --hred-large: the same end-to-end comparison for HRED-large pre-training (hidden 1000; bf16 forward and loss,
gradient clipping 1.0 as in `hred_learner`) on real Cornell batches of 32 conversations.
Usage: python bench/adam.py [--steps 20] [--train-steps 40] [--threads 2] [--hred-large [--hred-steps 8]] [--out results.json]
"""
import argparse, json, time, copy
import torch
from tlerc.core import set_seed, set_threads
from tlerc.training import OPTIMIZERS
from tlerc.data import load_dailydialog
from tlerc.erc import make_model, prepare, collate_erc, erc_splitter, erc_loss

p = argparse.ArgumentParser(); p.add_argument('--steps', type=int, default=20); p.add_argument('--threads', type=int, default=2)
p.add_argument('--train-steps', type=int, default=40); p.add_argument('--hred-large', action='store_true'); p.add_argument('--hred-steps', type=int, default=8); p.add_argument('--out'); a = p.parse_args()
set_threads(a.threads); set_seed(0)
corpus = load_dailydialog()
model, _ = make_model(2, len(corpus.label_names))
convs = corpus.splits['train'][:4*(a.train_steps+1)]
data = prepare(corpus, model.enc, {'train': convs})
x, am, idx, cl, y = collate_erc(data.splits['train'][:4], data, model.enc.pad_id)
loss = erc_loss('classification')(model(x, am, idx, cl), y); loss.backward()
n_params = sum(q.numel() for q in model.parameters() if q.grad is not None)
assert n_params > 0, 'no gradients'

# the two optimisers the learners use (`OPTIMIZERS`, fastai optimisers over the splitter's groups), plus torch's foreach Adam
def foreach_opt(groups, lr): return torch.optim.Adam([{'params': g} for g in groups], lr=lr, betas=(0.9, 0.999), eps=1e-8, foreach=True)
makers = {'fastai Adam': OPTIMIZERS['fastai'], 'torch Adam (foreach)': foreach_opt, 'torch Adam (fused)': OPTIMIZERS['torch-fused']}
E2E = ('fastai Adam', 'torch Adam (fused)')

def alternate(step_time, names=E2E, rounds=2):
    "Mean of `step_time(name)` over `rounds`, alternating the order so that neither optimiser always gets the warmer machine."
    t = {}
    for rnd in range(rounds):
        for name in (names if rnd % 2 == 0 else names[::-1]): t.setdefault(name, []).append(step_time(name))
    return {k: sum(v)/len(v) for k, v in t.items()}

res, final = {}, {}
for name, mk in makers.items():
    m = copy.deepcopy(model); opt = mk(erc_splitter(m), lr=1e-4)
    for q, q0 in zip(m.parameters(), model.parameters()): q.grad = None if q0.grad is None else q0.grad.clone()
    for _ in range(3): opt.step()  # warm-up (state allocation); grads stay those of the real batch
    t = time.perf_counter()
    for _ in range(a.steps): opt.step()
    res[name] = (time.perf_counter() - t) / a.steps
    final[name] = torch.cat([q.detach().flatten() for q in m.parameters()])
base = res['fastai Adam']
print(f'ERC variant 2, {n_params/1e6:.1f} M trained parameters, {a.steps} steps, {a.threads} threads')
for name, s in res.items():
    diff = (final[name] - final['fastai Adam']).abs().max().item()
    print(f'{name:22s} {s*1000:7.1f} ms/step   {base/s:5.2f}x fastai   max |Δparam| vs fastai after {a.steps+3} steps: {diff:.2e}')
if a.out: json.dump({'ms_per_step': {k: v*1000 for k, v in res.items()}, 'n_params': n_params, 'steps': a.steps, 'threads': a.threads}, open(a.out, 'w'), indent=1)

# end to end: forward (bf16 autocast) + loss + backward + step, the same real batches for each optimiser
loss_fn = erc_loss('classification')
bs = [collate_erc(data.splits['train'][k:k+4], data, model.enc.pad_id) for k in range(4, 4*(a.train_steps+1), 4)]
def train_steps(name, batches=bs):
    m = copy.deepcopy(model); m.train(); m.zero_grad(set_to_none=True); opt = makers[name](erc_splitter(m), lr=1e-4)
    for x, am, idx, cl, y in batches[:3]:  # warm-up, untimed
        with torch.autocast('cpu', dtype=torch.bfloat16): l = loss_fn(m(x, am, idx, cl).float(), y)
        l.backward(); opt.step(); opt.zero_grad()
    t = time.perf_counter()
    for x, am, idx, cl, y in batches:
        with torch.autocast('cpu', dtype=torch.bfloat16): l = loss_fn(m(x, am, idx, cl).float(), y)
        l.backward(); opt.step(); opt.zero_grad()
    return (time.perf_counter() - t) / len(batches)
e2e = alternate(train_steps)
print(f"training step, {a.train_steps} real DailyDialog batches of 4 conversations, bf16: fastai Adam {e2e['fastai Adam']*1000:.0f} ms, "
      f"torch fused {e2e['torch Adam (fused)']*1000:.0f} ms: {e2e['fastai Adam']/e2e['torch Adam (fused)']:.2f}x")
if a.out:
    d = json.load(open(a.out)); d['train_step_ms'] = {k: v*1000 for k, v in e2e.items()}; json.dump(d, open(a.out, 'w'), indent=1)

if a.hred_large:
    from tlerc.data import load_cornell
    from tlerc.hred_sizes import SIZES
    from tlerc.hred import HRED, HREDConfig, hred_splitter, hred_loss, numericalize_corpus, ConversationDL
    set_seed(0)
    hd = numericalize_corpus(load_cornell(), limit={'valid': 10, 'test': 10})
    hb = [b[:3] for b in list(ConversationDL(hd.splits['train'][:32*(a.hred_steps+3)], 32, shuffle=True, seed=0))]
    big = HRED(HREDConfig(len(hd.vocab), **SIZES['large']))
    def hred_steps(name):
        m = copy.deepcopy(big); m.train()
        opt = makers[name](hred_splitter(m), lr=1e-3)  # as `hred_learner` builds it
        def one(b):
            with torch.autocast('cpu', dtype=torch.bfloat16): l = hred_loss(m(*b))
            l.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); opt.zero_grad()
        for b in hb[:2]: one(b)  # warm-up
        t = time.perf_counter()
        for b in hb[2:]: one(b)
        return (time.perf_counter() - t) / len(hb[2:])
    hr = alternate(hred_steps)
    print(f"HRED-large training step ({sum(q.numel() for q in big.parameters())/1e6:.1f} M parameters, {len(hb)-2} real Cornell batches of 32 conversations, bf16): "
          f"fastai Adam {hr['fastai Adam']*1000:.0f} ms, torch fused {hr['torch Adam (fused)']*1000:.0f} ms: {hr['fastai Adam']/hr['torch Adam (fused)']:.2f}x")
    if a.out:
        d = json.load(open(a.out)); d['hred_large_train_step_ms'] = {k: v*1000 for k, v in hr.items()}; json.dump(d, open(a.out, 'w'), indent=1)
