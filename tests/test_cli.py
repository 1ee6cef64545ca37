"""End-to-end: the `tlerc` command on real data, as a user runs it (subprocesses), including a pre-training run
killed with SIGKILL mid-epoch and resumed."""
import json, os, signal, subprocess, sys, time
from pathlib import Path
import pytest, shutil

TLERC = shutil.which('tlerc') or pytest.fail('the tlerc console script is not installed (pip install -e .)')
from tlerc.training import bf16_slowdown
PRECISION = 'bf16' if bf16_slowdown('cpu') < 2 else 'fp32'  # emulated bf16 (no AVX512-BF16/AMX) is ~20x slower: the resume test runs fp32 there

def tlerc(*args, timeout=600, check=True):
    env = {**os.environ, 'TLERC_THREADS': '2', 'PYTHONUNBUFFERED': '1'}
    r = subprocess.run([TLERC, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env)
    if check and r.returncode != 0: raise AssertionError(f'tlerc {args} exited {r.returncode}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}')
    return r

def test_help_and_unknown():
    assert 'pretrain' in tlerc('--help').stdout
    assert tlerc('frobnicate', check=False).returncode == 2

def test_data_check():
    r = tlerc('data', 'check', 'iemocap', 'dailydialog', 'semaine', check=False)
    assert r.returncode == 0, r.stderr
    assert 'iemocap        OK' in r.stdout and 'dailydialog    OK' in r.stdout
    assert 'semaine        MISSING' in r.stdout and 'semaine-db.eu' in r.stdout
    assert 'line 7852' in r.stdout  # the DailyDialog quirk is reported, with its policy
    r = tlerc('data', 'check', 'nosuchcorpus', check=False)
    assert r.returncode == 2 and 'unknown corpus' in r.stderr

@pytest.fixture(scope='module')
def pretrained(tmp_path_factory):
    "A small real Cornell pre-training (bf16 autocast where the CPU has bf16 arithmetic), killed with SIGKILL mid-epoch, then resumed."
    out = tmp_path_factory.mktemp('hred')/'run'
    args = ['pretrain', '--source', 'cornell', '--limit', '240', '--epochs', '3', '--bs', '8', '--out', out, '--patience', '5', '--precision', PRECISION]
    env = {**os.environ, 'TLERC_THREADS': '2', 'PYTHONUNBUFFERED': '1'}
    p = subprocess.Popen([TLERC, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    state = out/'last_state.pth'; t0 = time.time()
    while not state.exists():
        assert p.poll() is None, p.stdout.read().decode()[-2000:]
        assert time.time() - t0 < 400, 'no epoch finished in time'
        time.sleep(0.2)
    first = state.stat().st_mtime
    time.sleep(1.0)  # well inside epoch 2
    p.send_signal(signal.SIGKILL); p.wait()
    assert not (out/'checkpoint').exists() and not list(out.glob('.*.tmp')), 'a killed run left partial files'
    r = tlerc(*args)
    assert 'resuming' in r.stdout and 'after epoch 1' in r.stdout, r.stdout[-2000:]
    rec = json.loads((out/'checkpoint'/'record.json').read_text())
    assert rec['epochs_completed'] == 3 and len(rec['history']) == 3
    return out

def test_pretrain_resumed(pretrained):
    rec = json.loads((pretrained/'transfer'/'record.json').read_text())
    assert rec['test_perplexity'] > 1 and rec['best_epoch'] in (0, 1, 2) and rec['precision'] == PRECISION
    from tlerc.training import read_safetensors
    t = read_safetensors(pretrained/'transfer'/'cxt.safetensors')
    # θcxt of HRED-small only (context GRU + W_p), nothing of the encoder or decoder
    assert all(k.startswith('cxt.') for k in t) and sum(v.numel() for v in t.values()) == 657152

def test_pretrain_status(pretrained):
    "`tlerc pretrain --status` reads where the run stands from its last saved state, without training."
    st = json.loads(tlerc('pretrain', '--status', '--out', pretrained).stdout)
    rec = json.loads((pretrained/'transfer'/'record.json').read_text())
    assert (st['epochs_completed'], st['batches_of_next_epoch'], st['history']) == (3, 0, rec['history'])

def test_generate(pretrained):
    r = tlerc('generate', '--checkpoint', pretrained/'checkpoint', '--context', 'Where are you going?', 'Home.', '--beam', '3', '--n-best', '2')
    assert len(r.stdout.strip().split('\n')) == 2
    r = tlerc('generate', '--checkpoint', pretrained/'nothing', '--context', 'hi', check=False)
    assert r.returncode != 0 and 'not an HRED checkpoint folder' in r.stderr

def test_train_and_predict(pretrained, tmp_path, data):
    out = tmp_path/'erc'
    r = tlerc('train', '--dataset', 'iemocap', '--variant', '3', '--source', pretrained/'transfer', '--fraction', '0.1', '--epochs', '1', '--out', out, '--quiet')
    assert 'weighted_f1' in r.stdout
    rec = json.loads((out/'record.json').read_text())
    assert [k for k, _ in rec['transfer']['loaded']] == ['rnn.weight_hh_l0', 'rnn.bias_hh_l0', 'proj.weight', 'proj.bias']
    assert rec['config']['fraction'] == 0.1 and rec['train_dialogues'] == 10 and rec['best_epoch'] == 1
    # tools/store_record.py files the finished run under the key its configuration has in a grid
    from tlerc.config import config_from_record
    from tlerc.runs import ResultStore, run_key
    tool = Path(__file__).parents[1]/'tools'/'store_record.py'
    subprocess.run([sys.executable, tool, out, tmp_path/'store'], check=True, capture_output=True)
    assert ResultStore(tmp_path/'store').has(config_from_record(rec['config']))
    assert json.loads((tmp_path/'store'/f"{run_key(config_from_record(rec['config']))}.json").read_text())['test'] == rec['test']
    r = subprocess.run([sys.executable, tool, tmp_path, tmp_path/'store'], capture_output=True, text=True)
    assert r.returncode != 0 and 'has not finished' in r.stderr
    from tlerc.data import load_iemocap
    conv = load_iemocap()['test'][3]
    f = tmp_path/'conv.json'
    f.write_text(json.dumps({'utterances': [{'speaker': s, 'text': t} for s, t in zip(conv.speakers, conv.utterances)]}))
    r = tlerc('predict', '--model', out/'model', f)
    res = json.loads(r.stdout)
    assert len(res['utterances']) == len(conv) and all(u['label'] in rec['label_names'] for u in res['utterances'])
    assert abs(sum(res['utterances'][0]['probs'].values()) - 1) < 1e-3
    f.write_text('{"utterances": [')
    r = tlerc('predict', '--model', out/'model', f, check=False)
    assert r.returncode == 2 and 'line 1' in r.stderr and 'expected valid JSON' in r.stderr
    f.write_text('{"utterances": []}')
    r = tlerc('predict', '--model', out/'model', f, check=False)
    assert r.returncode == 2 and 'empty conversation' in r.stderr

def test_pretrain_in_domain(pretrained, tmp_path):
    "Generative fine-tuning on a target corpus (Table 12) starts from a source checkpoint and keeps its vocabulary."
    out = tmp_path/'indomain'
    tlerc('pretrain', '--source', 'iemocap', '--init', pretrained/'checkpoint', '--epochs', '1', '--bs', '8', '--limit', '40', '--out', out)
    rec = json.loads((out/'checkpoint'/'record.json').read_text())
    src = json.loads((pretrained/'checkpoint'/'record.json').read_text())
    assert rec['source'] == 'iemocap' and rec['init'] == str(pretrained/'checkpoint') and rec['vocab'] == src['vocab']
    assert (out/'checkpoint'/'vocab.json').read_text() == (pretrained/'checkpoint'/'vocab.json').read_text()

def test_reproduce_renders_committed_records():
    "`reproduce --no-run` prints a profile's tables from committed records: Table 8 and the beyond-the-paper datasets by name."
    r = tlerc('reproduce', '--profile', 'quick', '--tables', '8,meld,10', '--no-run', timeout=300)
    assert '== Table 8 (IEMOCAP, HRED θenc vs BERT-style encoder' in r.stdout and 'θenc+θcxt cornell' in r.stdout
    assert '== MELD (beyond the paper' in r.stdout and 'DAG-ERC' in r.stdout
    mf = r.stdout.split('== MELD findings (beyond the paper: no paper numbers)\n')[1].split('\n\n')[0]  # quick: 3 epochs, one class in every variant
    assert 'emorynlp' not in mf and 'v1 = v2 = v3-cornell' in mf and '65.21 (COSMIC)' in mf, mf
    assert tlerc('reproduce', '--tables', 'nosuchtable', '--no-run', check=False).returncode != 0

def test_reproduce_prints_findings():
    "`reproduce` ends with the findings in words: the committed paper-2core Table 4 grid is complete, so no fraction is PARTIAL."
    r = tlerc('reproduce', '--profile', 'paper-2core', '--tables', '4,7,8', '--no-run', timeout=300)
    t4 = r.stdout.split("== Table 4 findings, ours against the paper's\n")[1].split('\n\n')[0].splitlines()
    assert [l.split(' (')[0] for l in t4] == ['* 10%', '* 25%', '* 50%', '* 100%'] and not any('PARTIAL' in l for l in t4), t4
    assert "== Table 8 findings, ours against the paper's" in r.stdout and 'θBERT − best θenc (paper)' in r.stdout
    # Table 7 in the paper's layout (split 1 is Table 4's), one table per fraction; its 10 % grid is complete, so not PARTIAL
    assert "== Table 7 (IEMOCAP 10%, weighted F1, splits 1, 2, 3, 4) · paper-2core profile · MiniLM-L6 (4 layers) · seeds [0, 1, 2]\n" in r.stdout
    t7 = r.stdout.split("== Table 7 findings (split 1 is Table 4's), ours against the paper's\n")[1].split('\n\n')[0].splitlines()
    assert t7[0].startswith('* 10% (4 splits; splits 2–4: 36 of 36 runs): the best v3 is above v1 and v2 in 0 of 4 splits (paper 4 of 4)'), t7
    assert t7[1].startswith('* 50% (4 splits; splits 2–4: 36 of 36 runs): the best v3 is above v1 and v2 in 3 of 4 splits (paper 4 of 4)'), t7

def test_reproduce_formats():
    "The committed tables print as Markdown or CSV, to paste into a paper (nothing is run: --no-run)."
    r = tlerc('reproduce', '--profile', 'paper-2core', '--tables', '4', '--no-run', '--format', 'md')
    assert '**Table 4 (IEMOCAP, weighted F1)' in r.stdout and '| variant |' in r.stdout and '|---|' in r.stdout
    r = tlerc('reproduce', '--profile', 'paper-2core', '--tables', '4', '--no-run', '--format', 'csv')
    assert '# Table 4 (IEMOCAP, weighted F1)' in r.stdout and '\nvariant,' in r.stdout

TIMING = ('epoch_wall_minutes', 'total_training_minutes', 'wall_minutes_this_session', 'provenance')

def test_kill_mid_epoch_resume_equals_uninterrupted(tmp_path):
    "kill -9 within an epoch, then the same command: the record equals an uninterrupted run's in every field but timing."
    import torch
    base = ['pretrain', '--source', 'cornell', '--limit', '1600', '--epochs', '2', '--bs', '8', '--patience', '5', '--threads', '2']
    tlerc(*base, '--out', tmp_path/'whole')
    out = tmp_path/'killed'; args = [*base, '--out', out, '--checkpoint-batches', '4']
    p = subprocess.Popen([TLERC, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, 'TLERC_THREADS': '2'})
    t0 = time.time()
    while True:  # wait until a state saved within the second epoch exists (200 batches: a window of seconds), then kill
        assert p.poll() is None, 'the run ended before a state within its second epoch was seen'
        assert time.time() - t0 < 600
        try: st = torch.load(out/'last_state.pth', map_location='cpu', weights_only=False)  # written atomically: whole or absent
        except FileNotFoundError: st = None
        if st and st['epoch'] == 0 and st.get('batches_done', 0) > 0: break
        time.sleep(0.1)
    p.send_signal(signal.SIGKILL); p.wait()
    r = tlerc(*args); assert 'batches of the next' in r.stdout, r.stdout[-2000:]
    a, b = (json.loads((d/'checkpoint'/'record.json').read_text()) for d in (tmp_path/'whole', out))
    for k in TIMING: a.pop(k), b.pop(k)
    assert a == b
