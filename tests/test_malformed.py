"""Malformed copies of each real corpus, made here in a temporary data folder from the release files: every copy
either fails to load with an error naming the file and the line (or record), or loads and fails `data check` on a
named check. None loads different data and passes. The unmodified copies pass."""
import logging, pickle, re, shutil
from pathlib import Path
import pytest
from tlerc.core import DataError, data_dir
from tlerc.data import LOADERS, check_corpora

FOLDERS = {'dailydialog': 'dailydialog/ijcnlp_dailydialog', 'meld': 'meld', 'emorynlp': 'emorynlp', 'emocontext': 'emocontext',
           'iemocap': 'iemocap', 'cornell': 'cornell/cornell movie-dialogs corpus'}
DD, CORNELL = 'train/dialogues_train.txt', 'movie_conversations.txt'
DDE = 'train/dialogues_emotion_train.txt'

def lines(f):
    "Change a text file through its list of lines."
    def change(p:Path):
        enc = 'latin-1' if 'movie_' in p.name else 'utf-8'
        ls = p.read_text(enc).split('\n'); f(ls); p.write_text('\n'.join(ls), enc)
    return change

def relabel(old, new):
    "Give the first row that ends its label with `old` the label `new` instead."
    def f(ls):
        i = next(i for i, l in enumerate(ls) if i and old in l); ls[i] = ls[i].replace(old, new, 1)
    return f

def pickled(f):
    "Change the IEMOCAP pickle's tables."
    def change(p:Path): t = list(pickle.loads(p.read_bytes())); f(t); p.write_bytes(pickle.dumps(t, protocol=4))
    return change

def _first(t): return sorted(t[1])[0]
def _set(t, table, f): k = _first(t); t[table][k] = [f(x) for x in t[table][k]]

# (corpus, file changed, change, ('error', file, where) | ('check', name of the failing check))
CASES = {
    'dd blank line in the dialogues': ('dailydialog', DD, lines(lambda l: l.insert(99, '')), ('error', 'dialogues_train.txt', 'line 100')),
    'dd blank line in the labels': ('dailydialog', DDE, lines(lambda l: l.insert(99, '')), ('error', 'dialogues_emotion_train.txt', 'line 100')),
    'dd label line removed': ('dailydialog', DDE, lines(lambda l: l.pop(99)), ('error', 'dialogues_emotion_train.txt', 'line 100')),
    'dd empty file': ('dailydialog', DD, lambda p: p.write_text(''), ('error', 'dialogues_train.txt', 'line 1')),
    'dd label changed': ('dailydialog', DDE, lines(lambda l: l.__setitem__(4, l[4].replace('0', '4', 1))), ('check', 'labelled utterances per class, train')),
    'dd dialogue repeated': ('dailydialog', DD, None, ('check', 'repeats as in the release')),  # both files: see `repeat_dd`
    'meld header only': ('meld', 'dev_sent_emo.csv', lines(lambda l: l.__delitem__(slice(1, None))), ('error', 'dev_sent_emo.csv', 'line 2')),
    'meld utterance twice': ('meld', 'train_sent_emo.csv', lines(lambda l: l.insert(3, l[2])), ('error', 'train_sent_emo.csv', 'line 4')),
    'meld rows apart': ('meld', 'train_sent_emo.csv', lines(lambda l: l.insert(30, l.pop(1))), ('error', 'train_sent_emo.csv', 'line 31')),
    'meld stray quote': ('meld', 'train_sent_emo.csv', lines(lambda l: l.__setitem__(5, l[5].replace(',', ',"', 1))), ('error', 'train_sent_emo.csv', 'line 6')),
    'meld label changed': ('meld', 'test_sent_emo.csv', lines(relabel(',neutral,', ',joy,')), ('check', 'labelled utterances per class, test')),
    'emory header only': ('emorynlp', 'csv/emorynlp_dev_final.csv', lines(lambda l: l.__delitem__(slice(1, None))), ('error', 'emorynlp_dev_final.csv', 'line 2')),
    'emory utterance twice': ('emorynlp', 'csv/emorynlp_train_final.csv', lines(lambda l: l.insert(3, l[2])), ('error', 'emorynlp_train_final.csv', 'line 4')),
    'emory bad utterance id': ('emorynlp', 'csv/emorynlp_test_final.csv', lines(lambda l: l.__setitem__(3, l[3].replace(',4,4,1,1,', ',4,four,1,1,'))),
                               ('error', 'emorynlp_test_final.csv', 'line 4')),
    'emocontext stray quote': ('emocontext', 'train.txt', lines(lambda l: l.__setitem__(4, l[4].replace('\t', '\t"', 1))), ('loads', 'train', 3)),
    'emocontext id twice': ('emocontext', 'train.txt', lines(lambda l: l.insert(3, l[2])), ('error', 'train.txt', 'line 4')),
    'emocontext header only': ('emocontext', 'valid.txt', lines(lambda l: l.__delitem__(slice(1, None))), ('error', 'valid.txt', 'line 2')),
    'emocontext label changed': ('emocontext', 'test.txt', lines(relabel('\tothers', '\tangry')), ('check', 'labelled utterances per class, test')),
    'iemocap float labels': ('iemocap', 'iemocap.pkl', pickled(lambda t: _set(t, 1, float)), ('error', 'iemocap.pkl', 'record ')),
    'iemocap bool labels': ('iemocap', 'iemocap.pkl', pickled(lambda t: _set(t, 1, bool)), ('error', 'iemocap.pkl', 'record ')),
    'iemocap bytes sentences': ('iemocap', 'iemocap.pkl', pickled(lambda t: _set(t, 2, str.encode)), ('error', 'iemocap.pkl', 'record ')),
    'iemocap dialogue in train and test': ('iemocap', 'iemocap.pkl', pickled(lambda t: t[4].append(t[3][0])), ('error', 'iemocap.pkl', 'record ')),
    'iemocap no test ids': ('iemocap', 'iemocap.pkl', pickled(lambda t: t[4].clear()), ('error', 'iemocap.pkl', 'test ids')),
    'iemocap labels shifted': ('iemocap', 'iemocap.pkl', pickled(lambda t: _set(t, 1, lambda l: (l + 1) % 6)), ('check', 'labelled utterances per class')),
    'cornell conversation three times': ('cornell', CORNELL, lines(lambda l: l.__setitem__(slice(5, 5), [l[5], l[5]])),
                                         ('check', 'repeats as in the release')),
    'cornell blank line': ('cornell', CORNELL, lines(lambda l: l.insert(99, '')), ('error', CORNELL, 'line 100')),
}

def repeat_dd(root:Path):
    "A DailyDialog dialogue and its labels appended once more: shape right, content repeated."
    for f in (DD, DDE): lines(lambda l: l.insert(len(l)-1, l[10]))(root/f)

@pytest.fixture
def copy(tmp_path, monkeypatch, data):
    "`copy(corpus)`: a temporary data folder holding a copy of that corpus; returns the corpus folder."
    def make(corpus):
        dst = tmp_path/FOLDERS[corpus]; shutil.copytree(data/FOLDERS[corpus], dst, ignore=shutil.ignore_patterns('*.zip'))
        monkeypatch.setenv('TLERC_DATA', str(tmp_path)); return dst
    logging.getLogger('tlerc.data').setLevel(logging.ERROR)
    return make

@pytest.mark.parametrize('corpus', ['dailydialog', 'meld', 'emorynlp', 'emocontext', 'iemocap', 'cornell'])
def test_unmodified_copy_passes(copy, corpus):
    copy(corpus); row = check_corpora([corpus])[0]
    assert row['status'] == 'ok' and all(ok for _, ok, _ in row['checks']), row

@pytest.mark.parametrize('case', list(CASES))
def test_malformed_copy(copy, case):
    corpus, fname, change, want = CASES[case]
    root = copy(corpus)
    repeat_dd(root) if change is None else change(root/fname)
    if want[0] == 'error':
        with pytest.raises(DataError) as e: LOADERS[corpus]()
        msg = str(e.value)
        assert want[1] in msg and want[2] in msg and 'expected' in msg and 'found' in msg, msg
        assert len(msg) < 400, msg  # one readable line, not a dump of merged rows
        row = check_corpora([corpus])[0]; assert row['status'] == 'error' and want[1] in row['message'], row
    elif want[0] == 'check':
        LOADERS[corpus]()  # loads: the shape is right
        row = check_corpora([corpus])[0]
        failed = [k for k, ok, _ in row['checks'] if not ok]
        assert row['status'] == 'MISMATCH' and any(k.startswith(want[1]) for k in failed), (failed, row['checks'])
    else:  # the change is text of one utterance: it loads as that text, and nothing else moves
        split, n_turns = want[1], want[2]
        c = LOADERS[corpus]()
        assert c[split][3].utterances[0].startswith('"') and all(len(x) == n_turns for x in c[split])
        assert check_corpora([corpus])[0]['status'] == 'ok'
