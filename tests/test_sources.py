"""The committed ctr4si sources use their context (issue 25's bar), measured by the committed code: the context gain's
95 % interval lies above 0, the gain is at least 0.02 nats per word, and θcxt has moved from its initialisation
(correlation < 0.9, recomputed here from the weights and the seed, not read back)."""
import json
from pathlib import Path
import pytest
from tlerc.export import source_diagnostics
from tlerc.training import read_safetensors

MODELS = Path(__file__).resolve().parent.parent/'models'
CTR4SI = sorted(p for p in MODELS.glob('hred-*-ctr4si') if (p/'record.json').exists())

def test_the_cornell_source_is_committed():
    assert MODELS/'hred-small-cornell-ctr4si' in CTR4SI

@pytest.mark.parametrize('src', CTR4SI, ids=lambda p: p.name)
def test_source_uses_its_context(src):
    d = source_diagnostics(src)
    assert d['arch'] == 'ctr4si' and d['context_gain_ci95'][0] > 0 and d['context_gain_nats'] >= 0.02, d
    assert d['cxt_init_corr'] < 0.9, d
    rec = json.loads((src/'record.json').read_text())
    assert abs(rec['diagnostics']['cxt_init_corr'] - d['cxt_init_corr']) < 1e-4  # the record says what the weights say
    for f, digest in rec['sha256'].items(): read_safetensors(src/f, verify=True)  # the weights are the ones the card lists

@pytest.mark.parametrize('src', CTR4SI, ids=lambda p: p.name)
def test_source_can_generate(src):
    assert (src/'weights.safetensors').exists() and (src/'vocab.json').exists(), 'the whole checkpoint is committed'
