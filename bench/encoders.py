"""Benchmark: the cost of each installed sentence encoder in ERC training, side by side in one run: utterances/s of
forward + backward + Adam step of the whole ERC model (our recipe: the first 4 layers built, utterances padded to the
longest of the batch, 4 conversations per batch, mean pooling) on the same real IEMOCAP conversations, alternating
encoders over three rounds. Prints ms per utterance and the ratio to MiniLM; writes bench/results/encoders.json.
Usage: python bench/encoders.py [--n 16] [--threads 2]"""
import argparse, json, sys
from pathlib import Path
import numpy as np, torch
sys.path.insert(0, str(Path(__file__).parent))
from erc import batches, run
from tlerc.core import set_seed, set_threads, atomic_write_json
from tlerc.data import load_iemocap
from tlerc.encoders import ENCODERS, encoder_path
from tlerc.sentence import BertSentenceEncoder
from tlerc.erc import ERCModel, prepare

ap = argparse.ArgumentParser(description=__doc__); ap.add_argument('--n', type=int, default=16, help='IEMOCAP training conversations')
ap.add_argument('--threads', type=int, default=2); a = ap.parse_args(); set_threads(a.threads)
corpus = load_iemocap(); convs = corpus['train'][:a.n]
models, bats = {}, {}
for name in ENCODERS:
    try: encoder_path(name)
    except FileNotFoundError as e: print(f'{name}: skipped ({e})'); continue
    set_seed(0); enc = BertSentenceEncoder(name, n_layers=4, pooling='mean'); models[name] = ERCModel(enc, len(corpus.label_names))
    data = prepare(type(corpus)(corpus.name, {'train': convs}, corpus.task, corpus.label_names, corpus.root, corpus.notes), enc)
    bats[name] = batches(data.splits['train'], data, 4, enc.pad_id)
rounds = {k: [] for k in models}
for _ in range(3):
    for k, m in models.items(): rounds[k].append(run(m, bats[k]))
ups = {k: float(np.median(v)) for k, v in rounds.items()}
print(f'{a.n} IEMOCAP training conversations, {a.threads} threads, torch {torch.__version__}')
for k, v in ups.items():
    print(f'  {k:<8} hidden {models[k].enc.out_size:4d}: {v:6.1f} utterances/s, {1000/v:6.1f} ms per utterance' + (f', {ups["minilm"]/v:.2f}x the time of minilm' if k != 'minilm' and 'minilm' in ups else ''))
atomic_write_json('bench/results/encoders.json', {'utterances_per_s': ups, 'rounds': rounds, 'n_conversations': a.n, 'threads': a.threads,
                                                  'hidden': {k: m.enc.out_size for k, m in models.items()}})
