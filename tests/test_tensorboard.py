"""`--tensorboard DIR` on `tlerc train` and `tlerc pretrain`: fastai's TensorBoardCallback writes the losses per batch
and the validation scores per epoch of a real (small) run, and the flag leaves the run key alone."""
import os, shutil, subprocess
from pathlib import Path
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tlerc.config import ERCConfig
from tlerc.runs import run_key

TLERC = shutil.which('tlerc') or pytest.fail('the tlerc console script is not installed (pip install -e .)')

def run(*args):
    r = subprocess.run([TLERC, *map(str, args)], capture_output=True, text=True, timeout=900, env={**os.environ, 'TLERC_THREADS': '2'})
    assert r.returncode == 0, r.stderr[-2000:]

def scalars(folder: Path) -> dict:
    ea = EventAccumulator(str(folder)); ea.Reload()
    return {t: [s.value for s in ea.Scalars(t)] for t in ea.Tags()['scalars']}

def test_train_tensorboard(tmp_path):
    run('train', '--dataset', 'iemocap', '--variant', '2', '--fraction', '0.1', '--epochs', '2', '--patience', '5', '--frozen-layers', '3',
        '--eval-limit', '3', '--bs', '2', '--out', tmp_path/'run', '--tensorboard', tmp_path/'tb', '--quiet')
    s = scalars(tmp_path/'tb')
    assert len(s['valid_loss']) == 2 and len(s['train_loss']) > 2, sorted(s)  # per epoch; per batch
    assert 'lr_0' in s and len(s['lr_0']) == len(s['train_loss']), sorted(s)  # the learning rate of each parameter group

def test_pretrain_tensorboard(tmp_path):
    run('pretrain', '--source', 'cornell', '--limit', '64', '--epochs', '1', '--bs', '16', '--out', tmp_path/'run', '--tensorboard', tmp_path/'tb')
    s = scalars(tmp_path/'tb')
    assert len(s['valid_loss']) == 1 and len(s['train_loss']) == 4 and 'perplexity' in s, sorted(s)  # 64 conversations, batches of 16

def test_not_in_the_key():
    assert run_key(ERCConfig('iemocap', 2, tensorboard='runs/tb')) == run_key(ERCConfig('iemocap', 2))
