"""Bad-input sweep: every loader, fed mutations of *real* files (truncated, wrong separator, wrong encoding,
label/utterance count mismatch, missing file), must raise an error that names the file, the line or record,
what was expected and what was found."""
import gzip, json, pickle, re, shutil
from pathlib import Path
import pytest
from tlerc.core import DataError
from tlerc.corpus import *
from tlerc.sources import *
from tlerc.targets import *
from tlerc.data import *

def assert_clear(exc_info, fname, where=True):
    "The message names the file, a line or record, what was expected and what was found."
    msg = str(exc_info.value)
    assert fname in msg, msg
    if where: assert re.search(r'line \d+|record |history\[|conversation |utterance ', msg), msg
    assert 'expected' in msg and 'found' in msg, msg

def truncate(p:Path, frac=0.5):
    b = p.read_bytes(); p.write_bytes(b[:int(len(b)*frac)])

# ---------------------------------------------------------------- Cornell
@pytest.fixture
def cornell(tmp_path, data):
    src = data/'cornell'/'sample_subset'
    lines = read_cornell_lines(src/'movie_lines.txt')
    convs = [l for l in (src/'movie_conversations.txt').read_text('latin-1').split('\n')
             if l and all(x in lines for x in eval(l.split(' +++$+++ ')[-1]))]
    shutil.copy(src/'movie_lines.txt', tmp_path/'movie_lines.txt')
    (tmp_path/'movie_conversations.txt').write_text('\n'.join(convs)+'\n', 'latin-1')
    return tmp_path

def test_cornell_ok(cornell):
    c = load_cornell(cornell)
    assert sum(c.n_dialogues(s) for s in c.splits) == 544  # SOURCES.md: 544 complete conversations
    assert c['train'][0].speakers[0] is not None  # the real sample keeps its speakers

def test_cornell_truncated(cornell):
    truncate(cornell/'movie_lines.txt', 0.3)
    with pytest.raises(DataError) as e: load_cornell(cornell)
    assert_clear(e, 'movie_'); assert 'truncated' in str(e.value)

def test_cornell_wrong_separator(cornell):
    p = cornell/'movie_lines.txt'; p.write_text(p.read_text('latin-1').replace(' +++$+++ ', '\t'), 'latin-1')
    with pytest.raises(DataError) as e: load_cornell(cornell)
    assert_clear(e, 'movie_lines.txt'); assert 'line 1:' in str(e.value)

def test_cornell_wrong_encoding(cornell):
    p = cornell/'movie_lines.txt'; p.write_bytes(p.read_text('latin-1').encode('utf-16'))
    with pytest.raises(DataError) as e: load_cornell(cornell)
    assert_clear(e, 'movie_lines.txt'); assert 'Latin-1' in str(e.value)

def test_cornell_mismatch(cornell):
    p = cornell/'movie_conversations.txt'; p.write_text(p.read_text('latin-1').replace("['L194'", "['L99999999'", 1) + "u0 +++$+++ u2 +++$+++ m0 +++$+++ ['L99999999']\n", 'latin-1')
    with pytest.raises(DataError) as e: load_cornell(cornell)
    assert_clear(e, 'movie_conversations.txt'); assert 'L99999999' in str(e.value)

def test_cornell_missing(cornell):
    (cornell/'movie_lines.txt').unlink()
    with pytest.raises(CorpusMissing) as e: load_cornell(cornell)
    assert 'movie_lines.txt' in str(e.value) and 'cornell.edu' in str(e.value)

# ---------------------------------------------------------------- DailyDialog
@pytest.fixture
def dd(tmp_path, data):
    src = data/'dailydialog'/'ijcnlp_dailydialog'/'validation'
    for folder in ('train', 'validation', 'test'):
        (tmp_path/folder).mkdir()
        for kind in ('', 'emotion_'):
            lines = (src/f'dialogues_{kind}validation.txt').read_text('utf-8').split('\n')[:50]
            (tmp_path/folder/f'dialogues_{kind}{folder}.txt').write_text('\n'.join(lines)+'\n', 'utf-8')
    return tmp_path

def test_dd_ok(dd):
    c = load_dailydialog(dd); assert c.n_dialogues('train') == 50 and not c.notes

def test_dd_truncated(dd):
    p = dd/'test'/'dialogues_emotion_test.txt'; p.write_text('\n'.join(p.read_text().split('\n')[:30]))
    with pytest.raises(DataError) as e: load_dailydialog(dd)
    assert_clear(e, 'dialogues_emotion_test.txt'); assert 'truncated' in str(e.value)

def test_dd_wrong_separator(dd):
    p = dd/'train'/'dialogues_train.txt'; p.write_text(p.read_text().replace('__eou__', '|'))
    with pytest.raises(DataError) as e: load_dailydialog(dd)
    assert_clear(e, 'dialogues_train.txt'); assert "'__eou__'" in str(e.value)

def test_dd_wrong_encoding(dd):
    p = dd/'train'/'dialogues_train.txt'; p.write_bytes(p.read_text().encode('utf-16'))
    with pytest.raises(DataError) as e: load_dailydialog(dd)
    assert_clear(e, 'dialogues_train.txt'); assert 'utf-8' in str(e.value)

def test_dd_count_mismatch(dd, caplog):
    p = dd/'valid' if False else dd/'validation'/'dialogues_emotion_validation.txt'
    lines = p.read_text().split('\n'); lines[4] = ' '.join(lines[4].split()[:-1]); p.write_text('\n'.join(lines))
    with pytest.raises(DataError) as e: load_dailydialog(dd, on_mismatch='raise')
    assert_clear(e, 'dialogues_emotion_validation.txt'); assert 'line 5' in str(e.value)
    c = load_dailydialog(dd)  # default policy: kept, unlabelled, and said so
    assert len(c.notes) == 1 and 'line 5' in c.notes[0] and 'line 5' in caplog.text
    assert c['valid'][4].labels[-1] == IGNORE
    lines[4] = lines[4] + ' 0 0'; p.write_text('\n'.join(lines))  # more labels than utterances: never guessed
    with pytest.raises(DataError) as e: load_dailydialog(dd)
    assert 'line 5' in str(e.value)

def test_dd_missing(dd):
    (dd/'test'/'dialogues_test.txt').unlink()
    with pytest.raises(CorpusMissing) as e: load_dailydialog(dd)
    assert 'dialogues_test.txt' in str(e.value) and 'yanran.li' in str(e.value)

# ---------------------------------------------------------------- IEMOCAP
@pytest.fixture
def iemocap(tmp_path, data):
    shutil.copy(data/'iemocap'/'iemocap.pkl', tmp_path/'iemocap.pkl'); return tmp_path/'iemocap.pkl'

def test_iemocap_truncated(iemocap):
    truncate(iemocap)
    with pytest.raises(DataError) as e: load_iemocap(iemocap)
    assert_clear(e, 'iemocap.pkl', where=False); assert 'truncated' in str(e.value)

def test_iemocap_wrong_layout(iemocap):
    iemocap.write_bytes(pickle.dumps({'a': 1}))
    with pytest.raises(DataError) as e: load_iemocap(iemocap)
    assert_clear(e, 'iemocap.pkl', where=False); assert 'COSMIC' in str(e.value)

def test_iemocap_mismatch(iemocap):
    obj = pickle.loads(iemocap.read_bytes()); vid = obj[3][0]; obj[1][vid] = obj[1][vid][:-1]
    iemocap.write_bytes(pickle.dumps(obj))
    with pytest.raises(DataError) as e: load_iemocap(iemocap)
    assert_clear(e, 'iemocap.pkl'); assert vid in str(e.value)

def test_iemocap_no_code_execution(iemocap):
    class Evil:
        def __reduce__(self): return (print, ('pwned',))
    iemocap.write_bytes(pickle.dumps([Evil()]))
    with pytest.raises(DataError) as e: load_iemocap(iemocap)
    assert 'refusing to load' in str(e.value)

def test_iemocap_missing(tmp_path):
    with pytest.raises(CorpusMissing) as e: load_iemocap(tmp_path/'iemocap.pkl')
    assert 'sail.usc.edu' in str(e.value)

# ---------------------------------------------------------------- SEMAINE (no real copy: a tiny file in the AVEC layout)
@pytest.fixture
def semaine(tmp_path):
    vids = [f'v{i}' for i in range(5)]
    for k in range(1, 5):
        with open(tmp_path/f'AVEC_features_{k}.pkl', 'wb') as f:
            pickle.dump([vids, {v: ['u', 'o'] for v in vids}, {v: [0.1*k, 0.2*k] for v in vids}, {}, {}, {},
                         {v: ['hello', 'hi'] for v in vids}, set(vids[:4]), {vids[4]}], f, protocol=2)
    return tmp_path

def test_semaine_truncated(semaine):
    truncate(semaine/'AVEC_features_3.pkl')
    with pytest.raises(DataError) as e: load_semaine(semaine)
    assert_clear(e, 'AVEC_features_3.pkl', where=False)

def test_semaine_mismatch(semaine):
    p = semaine/'AVEC_features_2.pkl'; obj = pickle.loads(p.read_bytes()); obj[2]['v1'] = [0.5]; p.write_bytes(pickle.dumps(obj))
    with pytest.raises(DataError) as e: load_semaine(semaine)
    assert_clear(e, 'AVEC_features_2.pkl'); assert "'v1'" in str(e.value)

def test_semaine_missing(semaine):
    (semaine/'AVEC_features_4.pkl').unlink()
    with pytest.raises(CorpusMissing) as e: load_semaine(semaine)
    assert 'AVEC_features_4.pkl' in str(e.value)

# ---------------------------------------------------------------- CSV corpora: MELD, EmoryNLP, EmoContext, Self-dialogue
@pytest.fixture
def meld(tmp_path, data):
    for f in ('train', 'dev', 'test'):
        lines = (data/'meld'/f'{f}_sent_emo.csv').read_text('utf-8').split('\n')[:80]
        (tmp_path/f'{f}_sent_emo.csv').write_text('\n'.join(lines)+'\n', 'utf-8')
    return tmp_path

def test_meld_ok(meld): assert load_meld(meld).n_utterances('train') == 79

def test_meld_truncated(meld):
    p = meld/'dev_sent_emo.csv'; t = p.read_text(); p.write_text(t[:t.rindex(',', 0, len(t)//2)])
    with pytest.raises(DataError) as e: load_meld(meld)
    assert_clear(e, 'dev_sent_emo.csv'); assert 'truncated' in str(e.value)

def test_meld_wrong_separator(meld):
    p = meld/'train_sent_emo.csv'; p.write_text(p.read_text().replace(',', ';'))
    with pytest.raises(DataError) as e: load_meld(meld)
    assert_clear(e, 'train_sent_emo.csv'); assert 'line 1' in str(e.value)

def test_meld_wrong_encoding(meld):
    p = meld/'train_sent_emo.csv'; p.write_bytes(p.read_text().encode('cp1252'))
    with pytest.raises(DataError) as e: load_meld(meld)
    assert_clear(e, 'train_sent_emo.csv'); assert 'utf-8' in str(e.value)

def test_meld_bad_label(meld):
    p = meld/'test_sent_emo.csv'; p.write_text(p.read_text().replace(',neutral,', ',calm,', 1))
    with pytest.raises(DataError) as e: load_meld(meld)
    assert_clear(e, 'test_sent_emo.csv'); assert "'calm'" in str(e.value)

def test_emorynlp_csv_and_json(tmp_path, data):
    (tmp_path/'csv').mkdir(); (tmp_path/'json').mkdir()
    for f in ('train', 'dev', 'test'): shutil.copy(data/'emorynlp'/'csv'/f'emorynlp_{f}_final.csv', tmp_path/'csv')
    p = tmp_path/'csv'/'emorynlp_dev_final.csv'; p.write_text(p.read_text().replace('\t', ' ').replace(',', '\t'))
    with pytest.raises(DataError) as e: load_emorynlp(tmp_path)
    assert_clear(e, 'emorynlp_dev_final.csv')
    shutil.copy(data/'emorynlp'/'json'/'emotion-detection-dev.json', tmp_path/'json'); shutil.copy(data/'emorynlp'/'json'/'emotion-detection-tst.json', tmp_path/'json')
    truncate(tmp_path/'json'/'emotion-detection-tst.json')
    with pytest.raises(DataError) as e: load_emorynlp(tmp_path, form='json')
    assert_clear(e, 'emotion-detection-tst.json'); assert 'truncated' in str(e.value)

def test_emocontext(tmp_path, data):
    for f in ('train', 'valid', 'test'):
        (tmp_path/f'{f}.txt').write_bytes(b'\r\n'.join((data/'emocontext'/f'{f}.txt').read_bytes().split(b'\r\n')[:40]))
    assert load_emocontext(tmp_path).n_dialogues('train') == 39
    p = tmp_path/'valid.txt'; p.write_text(p.read_text().replace('\t', ','))
    with pytest.raises(DataError) as e: load_emocontext(tmp_path)
    assert_clear(e, 'valid.txt'); assert "'\\t'" in str(e.value)
    shutil.copy(data/'emocontext'/'valid.txt', p); truncate(p, 0.5)
    lines = p.read_bytes().split(b'\r\n'); lines[-1] = lines[-1].split(b'\t')[0]; p.write_bytes(b'\r\n'.join(lines))
    with pytest.raises(DataError) as e: load_emocontext(tmp_path)
    assert_clear(e, 'valid.txt')

def test_self_dialogue(tmp_path, data):
    src = data/'self_dialogue'; (tmp_path/'corpus'/'action').mkdir(parents=True)
    shutil.copy(src/'blocked_workers.txt', tmp_path)
    f = sorted((src/'corpus'/'action').glob('*.csv'))[0]; shutil.copy(f, tmp_path/'corpus'/'action')
    n = sum(load_self_dialogue(tmp_path).n_dialogues(s) for s in ('train', 'valid', 'test')); assert n > 10
    p = tmp_path/'corpus'/'action'/f.name; truncate(p, 0.5)
    with pytest.raises(DataError) as e: load_self_dialogue(tmp_path)
    assert_clear(e, f.name); assert 'truncated' in str(e.value)
    p.write_text(f.read_text().replace('","', '";"'))
    with pytest.raises(DataError) as e: load_self_dialogue(tmp_path)
    assert_clear(e, f.name)
    (tmp_path/'blocked_workers.txt').unlink()
    with pytest.raises(CorpusMissing): load_self_dialogue(tmp_path)

# ---------------------------------------------------------------- Switchboard, Ubuntu, CMU_DoG, Chit-Chat, NRC
@pytest.fixture
def swda(tmp_path, data):
    src = data/'switchboard_swda'/'swda_data'
    (tmp_path/'metadata').mkdir(); shutil.copy(src/'metadata'/'labels.txt', tmp_path/'metadata')
    for f in ('train', 'val', 'test'):
        (tmp_path/f).mkdir()
        for p in sorted((src/f).glob('*.txt'))[:2]: shutil.copy(p, tmp_path/f)
    return tmp_path

def test_switchboard(swda):
    assert load_switchboard(swda).n_dialogues('valid') == 2
    p = sorted((swda/'val').glob('*.txt'))[0]; p.write_text(p.read_text().replace('|', '\t'))
    with pytest.raises(DataError) as e: load_switchboard(swda)
    assert_clear(e, p.name); assert 'line 1' in str(e.value)

def test_switchboard_encoding_and_tag(swda):
    p = sorted((swda/'test').glob('*.txt'))[0]; t = p.read_text()
    p.write_bytes(t.replace('Okay', 'Caf\u00e9', 1).encode('latin-1', 'replace') if 'Okay' in t else ('A|caf\u00e9|sd\n' + t).encode('latin-1'))
    with pytest.raises(DataError) as e: load_switchboard(swda)
    assert_clear(e, p.name)
    p.write_text('A|hello|not-a-tag\n')
    with pytest.raises(DataError) as e: load_switchboard(swda)
    assert_clear(e, p.name); assert "'not-a-tag'" in str(e.value)

def test_ubuntu(tmp_path, data):
    shutil.copytree(data/'ubuntu'/'v1_dialogs_sample', tmp_path/'d'); shutil.copytree(data/'ubuntu'/'meta', tmp_path/'m')
    c = load_ubuntu(tmp_path/'d', tmp_path/'m'); assert sum(c.n_dialogues(s) for s in c.splits) == 50 and c.notes
    p = tmp_path/'d'/'1.tsv'; p.write_text(p.read_text().replace('\t', '  '))
    with pytest.raises(DataError) as e: load_ubuntu(tmp_path/'d', tmp_path/'m')
    assert_clear(e, '1.tsv'); assert 'line 1' in str(e.value)
    p.write_bytes('2005-05-25T11:26:00.000Z\tseth\t\tCaf\u00e9\n'.encode('latin-1'))
    with pytest.raises(DataError) as e: load_ubuntu(tmp_path/'d', tmp_path/'m')
    assert_clear(e, '1.tsv')

def test_cmu_dog_truncated(tmp_path, data):
    for s in ('train', 'valid', 'test'):
        (tmp_path/s).mkdir()
        for p in sorted((data/'cmu_dog'/'Conversations'/s).glob('*.json'))[:2]: shutil.copy(p, tmp_path/s)
    assert load_cmu_dog(tmp_path).n_dialogues('test') == 2
    p = sorted((tmp_path/'valid').glob('*.json'))[0]; truncate(p)
    with pytest.raises(DataError) as e: load_cmu_dog(tmp_path)
    assert_clear(e, p.name)

def test_chitchat_truncated(tmp_path, data):
    p = tmp_path/'dataset.json.gz'; shutil.copy(data/'chitchat_byu'/'dataset.json.gz', p); truncate(p, 0.9)
    with pytest.raises(DataError) as e: load_chitchat(p)
    assert_clear(e, 'dataset.json.gz', where=False); assert 'truncated' in str(e.value)

def test_nrc(tmp_path, data):
    src = data/'nrc_emotion_lexicon'/'NRC-Emotion-Lexicon-Wordlevel-v0.92.txt'
    p = tmp_path/'nrc.txt'; p.write_bytes(src.read_bytes().replace(b'\t', b' '))
    with pytest.raises(DataError) as e: load_nrc_lexicon(p)
    assert_clear(e, 'nrc.txt')
    p.write_bytes(src.read_bytes().replace(b'\tjoy\t', b'\tglee\t', 1))
    with pytest.raises(DataError) as e: load_nrc_lexicon(p)
    assert_clear(e, 'nrc.txt'); assert "'glee'" in str(e.value)
