"""A user's mistake on the command line ends in one line on stderr and exit status 2, never in a traceback, and the
arguments are checked before any corpus or model is loaded (the bad-argument cases run with an empty data folder, so
an argument checked only after loading would fail on the missing corpus instead). Each case runs the real `tlerc`
command."""
import json, subprocess
from functools import partial
import pytest
from conftest import TLERC, run_tlerc, assert_one_line

run = partial(run_tlerc, timeout=120)

BAD_TRAIN = [(['--fraction', '0'], '--fraction 0.0'), (['--dataset', 'imdb'], '--dataset'), (['--variant', '7'], '--variant 7'),
             (['--epochs', '0'], '--epochs 0'), (['--bs', '0'], '--bs 0'), (['--freeze', 'all'], '--freeze'),
             (['--strategy', 'sgd'], '--strategy'), (['--precision', 'fp16'], '--precision'), (['--variant', '3'], 'needs --source'),
             (['--variant', '3', '--source', '/no/such/source'], '--source'), (['--pooling', 'max'], '--pooling'),
             (['--frozen-layers', '9'], '--frozen-layers 9')]

@pytest.mark.parametrize('args,word', BAD_TRAIN, ids=[' '.join(a) for a, _ in BAD_TRAIN])
def test_train_bad_argument(args, word, tmp_path):  # an empty data folder: an argument checked after loading would fail on the data instead
    assert_one_line(run('train', *args, TLERC_DATA=str(tmp_path)), 'tlerc train:', word)

BAD_PRETRAIN = [(['--epochs', '0'], '--epochs 0'), (['--bs', '0'], '--bs 0'), (['--source', 'imdb'], "--source 'imdb'"), (['--lr', '0'], '--lr 0')]

@pytest.mark.parametrize('args,word', BAD_PRETRAIN, ids=[' '.join(a) for a, _ in BAD_PRETRAIN])
def test_pretrain_bad_argument(args, word, tmp_path): assert_one_line(run('pretrain', *args, TLERC_DATA=str(tmp_path)), 'tlerc pretrain:', word)

def test_unknown_command(): assert_one_line(run('pretrian'), "unknown command 'pretrian'", 'did you mean pretrain')

def test_export_unfinished(tmp_path): assert_one_line(run('export', tmp_path/'run', tmp_path/'dest'), 'tlerc export:', 'resume it first')

def test_generate_missing_checkpoint(tmp_path): assert_one_line(run('generate', '--checkpoint', tmp_path, '--context', 'Hi.'), 'tlerc generate:', 'not an HRED checkpoint')

@pytest.fixture
def conversation(tmp_path):
    p = tmp_path/'conv.json'; p.write_text(json.dumps(['Hi.', 'Where were you?'])); return p

def test_predict_bad_inputs(tmp_path, conversation):
    model = tmp_path/'model'; model.mkdir()
    assert_one_line(run('predict', '--model', model, conversation), 'tlerc predict:', 'model.safetensors')  # not a model folder
    (model/'config.json').write_text('{"config": ')  # a truncated config
    (model/'model.safetensors').write_bytes(b'\x00' * 10)
    assert_one_line(run('predict', '--model', model, conversation), 'tlerc predict:')
    latin = tmp_path/'latin.json'; latin.write_bytes('["café"]'.encode('latin-1'))
    assert_one_line(run('predict', '--model', model, latin), 'tlerc predict:', 'latin.json')
    assert_one_line(run('predict', '--model', model, tmp_path), 'tlerc predict:')  # a folder, not a file

def test_debug_shows_the_traceback():
    r = run('train', '--variant', '7', '--debug')
    assert r.returncode != 0 and 'Traceback' in r.stderr

def test_predict_out_folder_missing(tmp_path, conversation):
    assert_one_line(run('predict', '--model', tmp_path, conversation, '--out', tmp_path/'no'/'such'/'out.json'), 'tlerc predict:', 'does not exist')

def test_train_help_has_text_and_default_for_every_config_flag():
    import re
    from dataclasses import fields
    from tlerc.config import ERCConfig
    r = subprocess.run([TLERC, 'train', '--help'], capture_output=True, text=True, timeout=120)
    text = ' '.join(r.stdout.split())
    for f in fields(ERCConfig):
        flag = '--' + f.name.replace('_', '-')
        m = re.search(re.escape(flag) + r' [A-Z_]+ (.*?)\(default: ', text)
        assert m and len(m.group(1).strip()) > 3, (flag, text[text.find(flag):text.find(flag)+200])
