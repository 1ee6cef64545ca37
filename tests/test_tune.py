"""`tlerc tune` on a tiny real study (IEMOCAP 10 %, a few epochs per trial): trials are pruned by fastai's pruning
callback, the journal-backed study resumes with its finished trials kept, and the study's JSON record lists them."""
import json
import optuna
from tlerc.config import ERCConfig
from tlerc.tune import tune, study_name

BASE = ERCConfig('iemocap', 2, None, 0.1, 0, 0, epochs=3, patience=5, frozen_layers=3, eval_limit=3, threads=2)

def test_tiny_study_prunes_and_resumes(tmp_path):
    kw = dict(studies=tmp_path/'studies', work=tmp_path/'work', log=lambda *a: None)
    st = tune(BASE, trials=2, pruner=optuna.pruners.ThresholdPruner(upper=0.0), **kw)  # any validation loss is above 0: pruned at epoch 1
    assert [t.state.name for t in st.trials] == ['PRUNED', 'PRUNED'] and all(len(t.intermediate_values) == 1 for t in st.trials)
    st = tune(BASE, trials=3, pruner=optuna.pruners.NopPruner(), **kw)  # resumed: one more trial, run to the end
    assert [t.state.name for t in st.trials] == ['PRUNED', 'PRUNED', 'COMPLETE'] and len(st.trials[2].intermediate_values) == 3
    rec = json.loads((tmp_path/'studies'/f'{study_name(BASE)}.json').read_text())
    assert [t['state'] for t in rec['trials']] == ['PRUNED', 'PRUNED', 'COMPLETE'] and rec['best']['number'] == 2
    assert rec['best']['value'] == st.best_value and set(rec['best']['params']) == {'lr', 'optimizer', 'bs', 'dropout'}
    assert '"/' not in json.dumps(rec)  # no absolute path
