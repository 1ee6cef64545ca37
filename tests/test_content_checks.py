"""Data whose shape is right but whose content is wrong does not pass `tlerc data check`: malformed copies of the real
IEMOCAP release, made here in a temporary data folder, each fail a named check; the unmodified copy passes."""
import os, pickle, shutil, subprocess
from pathlib import Path
import pytest
from tlerc.core import data_dir

TLERC = shutil.which('tlerc') or pytest.fail('the tlerc console script is not installed (pip install -e .)')

def check(root):
    return subprocess.run([TLERC, 'data', 'check', 'iemocap'], capture_output=True, text=True, timeout=300, env={**os.environ, 'TLERC_DATA': str(root)})

@pytest.fixture
def iemocap_copy(tmp_path):
    (tmp_path/'iemocap').mkdir(); shutil.copy(data_dir()/'iemocap'/'iemocap.pkl', tmp_path/'iemocap'/'iemocap.pkl')
    return tmp_path

def rewrite(root, change):
    p = root/'iemocap'/'iemocap.pkl'; t = list(pickle.loads(p.read_bytes())); change(t); p.write_bytes(pickle.dumps(t, protocol=4))

def test_unmodified_copy_passes(iemocap_copy):
    r = check(iemocap_copy); assert r.returncode == 0 and 'FAIL' not in r.stdout, r.stdout

def test_dialogue_in_train_and_test_fails(iemocap_copy):
    rewrite(iemocap_copy, lambda t: t[4].append(list(t[3])[0]))  # a training dialogue id listed in the test ids too
    r = check(iemocap_copy)  # the loader refuses it, naming the dialogue: nothing is trained on twice
    assert r.returncode != 0 and 'ERROR' in r.stdout and 'listed more than once' in r.stdout and "record 'Ses" in r.stdout, r.stdout

def test_changed_label_fails(iemocap_copy):
    def flip(t):
        vid = sorted(t[1])[0]; t[1][vid] = [(l + 1) % 6 for l in t[1][vid]]  # every label of one dialogue shifted: same shape
    rewrite(iemocap_copy, flip)
    r = check(iemocap_copy); assert r.returncode != 0 and 'FAIL labelled utterances per class' in r.stdout, r.stdout
