"""Does each utterance reach the context encoder as its own vector? For every installed encoder and every pooling, the
mean pairwise cosine and the spread (per-unit std, averaged) of the sentence vectors of real IEMOCAP training
utterances, as the ERC model's input is built (mean over the first 4 layers). Writes bench/results/input_stats.json."""
import argparse, json, time
from tlerc.core import set_threads, atomic_write_json
from tlerc.data import load_iemocap
from tlerc.encoders import ENCODERS, encoder_path
from tlerc.sentence import BertSentenceEncoder, POOLINGS, input_stats

ap = argparse.ArgumentParser(description=__doc__); ap.add_argument('--n', type=int, default=961); ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args(); set_threads(a.threads)
texts = [u for c in load_iemocap()['train'] for u in c.utterances][:a.n]
rows = []
for name in ENCODERS:
    try: path = encoder_path(name)
    except FileNotFoundError as e: print(f'{name}: skipped ({e})'); continue
    for p in POOLINGS:
        t0 = time.time(); s = input_stats(BertSentenceEncoder(name, n_layers=4, pooling=p), texts)
        rows.append({'encoder': name, 'pooling': p, 'layers': 4, **s, 'seconds': round(time.time()-t0, 1)})
        print(rows[-1], flush=True)
atomic_write_json('bench/results/input_stats.json', {'corpus': 'IEMOCAP train (first utterances, in corpus order)', 'rows': rows})
