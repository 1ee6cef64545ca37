"""Weights are checked at every load: a committed source whose file changed after export (a flipped byte) or whose
values are not finite is refused by name, by `tlerc train` and by `tlerc predict`, in one line with exit status 2."""
import json, hashlib, os, shutil
from pathlib import Path
import pytest, torch
from safetensors.torch import save, load
from conftest import run_tlerc as run, assert_one_line as one_line

ROOT = Path(__file__).parents[1]

@pytest.fixture
def source(tmp_path):
    "A copy of the committed Cornell source (θcxt, its record with the digests)."
    d = tmp_path/'hred-small-cornell'; shutil.copytree(ROOT/'models'/'hred-small-cornell', d); return d

def test_byte_flip_refused(source):
    f = source/'cxt.safetensors'; b = bytearray(f.read_bytes()); b[-7] ^= 0x01; f.write_bytes(bytes(b))
    one_line(run('train', '--dataset', 'iemocap', '--variant', '3', '--source', source, '--fraction', '0.1', '--epochs', '1'), 'cxt.safetensors', 'sha256')

def test_nan_refused_even_with_a_matching_digest(source):
    f = source/'cxt.safetensors'; sd = load(f.read_bytes()); sd['cxt.rnn.weight_hh_l0'][0, 0] = float('nan')
    raw = save(sd); f.write_bytes(raw)
    r = json.loads((source/'record.json').read_text()); r['sha256']['cxt.safetensors'] = hashlib.sha256(raw).hexdigest()
    (source/'record.json').write_text(json.dumps(r))
    one_line(run('train', '--dataset', 'iemocap', '--variant', '3', '--source', source, '--fraction', '0.1', '--epochs', '1'), 'NaN or Inf', 'cxt.rnn.weight_hh_l0')

def test_own_edit_accepted_when_asked(source):
    from tlerc.training import read_safetensors
    from tlerc.core import DataError
    f = source/'cxt.safetensors'; sd = load(f.read_bytes()); sd['cxt.proj.bias'] += 0.01; f.write_bytes(save(sd))
    with pytest.raises(DataError, match='sha256'): read_safetensors(f)
    os.environ['TLERC_ALLOW_MODIFIED_WEIGHTS'] = '1'
    try: assert torch.equal(read_safetensors(f)['cxt.proj.bias'], sd['cxt.proj.bias'])
    finally: del os.environ['TLERC_ALLOW_MODIFIED_WEIGHTS']

def test_predict_refuses_a_corrupted_model(tmp_path):
    from tlerc.sentence import BertSentenceEncoder
    from tlerc.erc import ERCModel, ERCConfig, save_erc_model
    m = ERCModel(BertSentenceEncoder(pretrained=False), 6)
    save_erc_model(tmp_path/'model', m, ERCConfig(), ['hap', 'sad', 'neu', 'ang', 'exc', 'fru'], 'classification')
    conv = tmp_path/'c.json'; conv.write_text(json.dumps(['Hi.', 'Go away.']))
    assert run('predict', '--model', tmp_path/'model', conv).returncode == 0  # intact: it predicts
    f = tmp_path/'model'/'model.safetensors'; b = bytearray(f.read_bytes()); b[-3] ^= 0x10; f.write_bytes(bytes(b))
    one_line(run('predict', '--model', tmp_path/'model', conv), 'model.safetensors', 'sha256')
