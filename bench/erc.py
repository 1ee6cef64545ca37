"""Benchmark: ERC training throughput (utterances/s) on the same real IEMOCAP conversations, in one run.

reference: the reference code's recipe: every layer of the encoder built and run (the mean uses the first 4 [CLS]
           states, the rest is computed and ignored), batches of 2 conversations, every utterance padded to 30 tokens.
ours     : only the 4 used layers built, utterances padded to the longest of the batch, batches of 4 conversations.
cached   : ours with the embeddings and lower 2 layers frozen and their outputs cached (only the top 2 layers,
           the context encoder and the head train), against the same configuration without the cache.
bf16     : (--bf16) ours under bfloat16 autocast (its effect on scores is checked in 04_erc, not here).
--arch bert-base: the same comparison in the paper's exact setting: a bert-base-uncased-shaped encoder (12 layers, hidden
           768; the reference builds and runs all 12, ours the first 4). bert-base weights are not available offline, so
           the encoder is randomly initialised from BertConfig() with MiniLM's (identical, uncased 30,522-token) vocabulary:
           throughput does not depend on the weights' values.
--mpnet  : also the base-size all-mpnet-base-v2 (`tlerc encoders install mpnet`; hidden 768) through our encoder class, its 4 layers
           built, with and without the cache, on the same batches: MiniLM's cost per utterance beside MPNet's, in one run.
--device cuda: the same comparison on a GPU (models and batches moved there; timings synchronised).
Usage: python bench/erc.py [--n 16] [--threads 2] [--bf16] [--arch minilm|bert-base] [--mpnet] [--device cpu|cuda] [--out results.json]
"""
import argparse, json, time
import numpy as np, torch, torch.nn as nn
from tlerc.core import set_seed, set_threads
from tlerc.data import load_iemocap
from tlerc.erc import *
from tlerc.sentence import *

class FullEncoder(nn.Module):
    "The reference recipe's encoder: all layers run, the first 4 [CLS] states averaged."
    def __init__(self, k=4, path=None, pretrained=True):
        super().__init__()
        from transformers import AutoConfig, AutoModel, AutoTokenizer
        path = path or default_encoder_path()
        self.bert = (AutoModel.from_pretrained(path, local_files_only=True, add_pooling_layer=False) if pretrained
                     else AutoModel.from_config(AutoConfig.from_pretrained(path, local_files_only=True), add_pooling_layer=False))
        self.tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.k, self.out_size, self.pad_id, self.frozen_layers, self.cache = k, self.bert.config.hidden_size, self.tok.pad_token_id, 0, None
    def encode_ids(self, texts): return self.tok(texts, truncation=True, max_length=30)['input_ids']
    def forward(self, x, am, idx=None):
        hs = self.bert(input_ids=x, attention_mask=am, output_hidden_states=True).hidden_states
        return torch.stack([h[:, 0] for h in hs[1:self.k+1]]).mean(0)

def batches(convs, data, bs, pad, pad_to=None):
    out = []
    for k in range(0, len(convs), bs):
        x, am, idx, cl, y = collate_erc(convs[k:k+bs], data, pad)
        if pad_to:  # the reference pads every utterance to 30 tokens
            X = torch.full((x.shape[0], pad_to), pad); A = torch.zeros(x.shape[0], pad_to, dtype=am.dtype)
            X[:, :x.shape[1]] = x; A[:, :am.shape[1]] = am; x, am = X, A
        out.append((x, am, idx, cl, y))
    return out

DEV = torch.device('cpu')

def _sync():
    if DEV.type == 'cuda': torch.cuda.synchronize(DEV)

def run(model, bats, warm=1):
    model.to(DEV); bats = [tuple(t.to(DEV) if torch.is_tensor(t) else t for t in b) for b in bats]
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], 1e-4); model.train()
    lf = erc_loss()
    for b in bats[:warm]: lf(model(*b[:4]), b[4]).backward(); opt.step(); opt.zero_grad()
    _sync(); t = time.perf_counter(); n = 0
    for b in bats:
        lf(model(*b[:4]), b[4]).backward(); opt.step(); opt.zero_grad(); n += len(b[2])
    _sync(); return n / (time.perf_counter() - t)

def bert_base_folder(dest) -> str:
    "A local folder with bert-base-uncased's architecture (BertConfig() defaults) and MiniLM's tokenizer files."
    from pathlib import Path
    from transformers import AutoTokenizer, BertConfig
    dest = Path(dest); dest.mkdir(parents=True, exist_ok=True)
    tok = AutoTokenizer.from_pretrained(default_encoder_path(), local_files_only=True)
    assert tok.vocab_size == BertConfig().vocab_size, 'MiniLM and bert-base-uncased share a 30,522-token vocabulary'
    BertConfig().save_pretrained(dest); tok.save_pretrained(dest)
    return str(dest)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=16); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--bf16', action='store_true', help='also time bfloat16 autocast (quality not checked here)')
    ap.add_argument('--arch', default='minilm', choices=['minilm', 'bert-base'])
    ap.add_argument('--mpnet', action='store_true', help='also time the base-size MPNet encoder (installed with `tlerc encoders install mpnet`)')
    ap.add_argument('--device', default='cpu', help="'cpu' or 'cuda' ('cuda:1' …)")
    ap.add_argument('--out', help='results JSON (default: bench/results/erc[_bertbase][_bf16][_cuda].json)')
    a = ap.parse_args(); set_threads(a.threads)
    global DEV; DEV = torch.device(a.device)
    import tempfile
    path, pre = (bert_base_folder(tempfile.mkdtemp()), False) if a.arch == 'bert-base' else (None, True)
    n_all = 12 if a.arch == 'bert-base' else 6
    corpus = load_iemocap(); convs = corpus['train'][:a.n]
    sub = type(corpus)('iemocap', {'train': convs}, 'classification', corpus.label_names)
    res = {}
    set_seed(0); ref = ERCModel(FullEncoder(path=path, pretrained=pre), 6); data = prepare(sub, ref.enc)
    res[f'reference (all {n_all} layers, bs 2, pad 30)'] = run(ref, batches(data.splits['train'], data, 2, ref.enc.pad_id, 30))
    set_seed(0); ours = ERCModel(BertSentenceEncoder(path, pretrained=pre), 6)
    res['ours (4 layers built, bs 4, pad to batch)'] = run(ours, batches(data.splits['train'], data, 4, ours.enc.pad_id))
    set_seed(0); fr = ERCModel(BertSentenceEncoder(path, pretrained=pre, frozen_layers=2), 6)
    res['ours, lower 2 layers frozen, no cache'] = run(fr, batches(data.splits['train'], data, 4, fr.enc.pad_id))
    fr.to(DEV); _sync(); t = time.perf_counter(); fr.enc.cache = LowerLayerCache(fr.enc, data.ids, 2); fr.enc.cache.fill(range(len(data.ids))); _sync(); cache_s = time.perf_counter() - t
    res['ours, lower 2 layers frozen, cached'] = run(fr, batches(data.splits['train'], data, 4, fr.enc.pad_id))
    if a.mpnet:  # the base-size encoder through the same class and batches (its own tokenizer: ids re-made)
        from tlerc.encoders import encoder_path
        mp = encoder_path('mpnet'); set_seed(0); om = ERCModel(BertSentenceEncoder(mp), 6); dm = prepare(sub, om.enc)
        res['mpnet: ours (4 layers built, bs 4)'] = run(om, batches(dm.splits['train'], dm, 4, om.enc.pad_id))
        set_seed(0); fm = ERCModel(BertSentenceEncoder(mp, frozen_layers=2), 6); fm.to(DEV)
        fm.enc.cache = LowerLayerCache(fm.enc, dm.ids, 2); fm.enc.cache.fill(range(len(dm.ids)))
        res['mpnet: lower 2 layers frozen, cached'] = run(fm, batches(dm.splits['train'], dm, 4, fm.enc.pad_id))
    if a.bf16:  # a candidate lever (CPUs with avx512_bf16/AMX): same batches under bfloat16 autocast, fp32 master weights
        set_seed(0); ob = ERCModel(BertSentenceEncoder(path, pretrained=pre), 6)
        with torch.autocast(DEV.type, dtype=torch.bfloat16): res['ours, bf16 autocast'] = run(ob, batches(data.splits['train'], data, 4, ob.enc.pad_id))
        set_seed(0); ow = ERCModel(BertSentenceEncoder(path, pretrained=pre), 6); ow.enc.bert.embeddings.word_embeddings.weight.requires_grad_(False)
        with torch.autocast(DEV.type, dtype=torch.bfloat16): res['ours, bf16, word embeddings frozen'] = run(ow, batches(data.splits['train'], data, 4, ow.enc.pad_id))
        with torch.autocast(DEV.type, dtype=torch.bfloat16): res['ours, bf16, lower 2 layers frozen, cached'] = run(fr, batches(data.splits['train'], data, 4, fr.enc.pad_id))
    n_utt = sum(len(c) for c in convs); gpu = f' ({torch.cuda.get_device_name(DEV)})' if DEV.type == 'cuda' else ''
    print(f'ERC training on {a.n} real IEMOCAP conversations ({n_utt} utterances), {"MiniLM-L6" if a.arch == "minilm" else "bert-base-shaped (random weights)"} encoder, {a.threads} threads, device {DEV}{gpu}, torch {torch.__version__}')
    for k, v in res.items(): print(f'  {k:<44} {v:7.1f} utterances/s  {1000 / v:6.1f} ms per utterance')
    keys = list(res)
    r = {'ours / reference': res[keys[1]]/res[keys[0]], 'cached / frozen uncached': res[keys[3]]/res[keys[2]],
         'cached / reference': res[keys[3]]/res[keys[0]]}
    if a.mpnet:
        r['mpnet ms per utterance / minilm (ours)'] = res[keys[1]] / res['mpnet: ours (4 layers built, bs 4)']
        r['mpnet ms per utterance / minilm (cached)'] = res[keys[3]] / res['mpnet: lower 2 layers frozen, cached']
    if a.bf16:
        r['bf16 / ours'] = res['ours, bf16 autocast']/res[keys[1]]; r['bf16 / reference'] = res['ours, bf16 autocast']/res[keys[0]]
        r['bf16 word-emb frozen / bf16'] = res['ours, bf16, word embeddings frozen']/res['ours, bf16 autocast']
        r['bf16 cached / reference'] = res['ours, bf16, lower 2 layers frozen, cached']/res[keys[0]]
    for k, v in r.items(): print(f'ratio {k}: {v:.2f}x')
    print(f'(building the cache took {cache_s:.1f} s for {len(data.ids)} utterances, once per corpus and encoder)')
    json.dump({'arch': a.arch, 'device': str(DEV), 'n_conversations': a.n, 'throughput': res, 'ratios': r, 'cache_seconds': cache_s, 'n_utterances': n_utt}, open(a.out or f"bench/results/erc{'_bertbase' if a.arch == 'bert-base' else ''}{'_bf16' if a.bf16 else ''}{'_mpnet' if a.mpnet else ''}{'_' + DEV.type if DEV.type != 'cpu' else ''}.json", 'w'), indent=1)

if __name__ == '__main__': main()
