#!/usr/bin/env python
"""Build the documentation site offline into `docs/` (no Quarto, no network at build or view time).

1. Execute every notebook of `nbs/` (execnb, as `nbdev_test` does) into `_build/exec/`; a notebook is re-executed only
   when it, the package, the committed results/models or the benchmarks' outputs changed.
2. Process them with nbdev's own processors (`nbdev.serve.proc_nbs`: front matter, `show_doc` API reference,
   `#| hide`, exported-cell handling, doc links) into `_proc/`.
3. Turn nbdev/Quarto conventions into mkdocs-jupyter ones: front matter -> page title, `echo: false` -> source hidden,
   `#|` directives stripped, nbdev's doc links made relative, pages named as nbdev names them (`00_core` -> `core`).
4. Write a "Tables and figures" page that links every captioned table and every figure, and render everything with
   mkdocs (material theme, built-in search) into `docs/`.

Usage: `python tools/build_docs.py [--force] [--no-exec]` (or `make docs`).
"""
import argparse, time, hashlib, html, json, os, re, shutil, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, BUILD, SITE = ROOT/'nbs', ROOT/'_build', ROOT/'docs'
EXEC, SRC = BUILD/'exec', BUILD/'site'
INPUTS = ['tlerc', 'results', 'models', 'bench/results', 'settings.ini']  # what executed outputs depend on
from tlerc.paper import PAPER_ITEMS  # the paper's tables and result figures: the index lists each
NOT_YET = {}  # paper items whose notebook does not exist yet -> why (every item has one now)

def page_name(nb:Path) -> str:
    "nbdev's page name: `20_ablations.ipynb` -> `ablations`."
    return re.sub(r'^\d+[a-z]?_', '', nb.stem)

def notebooks() -> list:
    return sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))

def inputs_hash() -> str:
    h = hashlib.sha256()
    for d in INPUTS:
        p = ROOT/d
        for f in sorted([p] if p.is_file() else p.rglob('*')):
            if f.is_file() and '__pycache__' not in f.parts: h.update(str(f.relative_to(ROOT)).encode()); h.update(f.read_bytes())
    return h.hexdigest()

def _skip(cell) -> bool: return 'nbdev_export()' in cell.source  # the notebooks' own export cell

def _exec_one(src, dst):
    "Execute one notebook (cwd = its folder, like nbdev_test) and write it with outputs."
    src, dst = Path(src).resolve(), Path(dst).resolve()
    os.chdir(src.parent); os.environ.setdefault('TLERC_THREADS', '1')
    from execnb.shell import CaptureShell
    CaptureShell().execute(src, dst, exc_stop=True, preproc=_skip)

def execute(force:bool=False, workers:int=2):
    "Execute the notebooks whose inputs changed; raise if any cell fails."
    EXEC.mkdir(parents=True, exist_ok=True)
    stamp_file, ih = EXEC/'stamps.json', inputs_hash()
    stamps = json.loads(stamp_file.read_text()) if stamp_file.exists() and not force else {}
    todo = []
    for nb in notebooks():
        key = hashlib.sha256(nb.read_bytes() + ih.encode()).hexdigest()
        if stamps.get(nb.name) != key or not (EXEC/nb.name).exists(): todo.append((nb, key))
    print(f'executing {len(todo)} notebook(s): {[n.name for n, _ in todo]}', flush=True)
    def run_one(nb):  # one fresh interpreter per notebook, as nbdev_test does
        t0 = time.time()
        r = subprocess.run([sys.executable, __file__, '--exec-one', str(nb), str(EXEC/nb.name)], capture_output=True, text=True)
        print(f"  {nb.name}: {'passed' if r.returncode == 0 else 'FAILED'} ({(time.time() - t0)/60:.1f} min)", flush=True)
        return None if r.returncode == 0 else f'{nb.name}: ' + (r.stdout + r.stderr).strip()[-3000:]
    with ThreadPoolExecutor(workers) as ex: errors = list(ex.map(run_one, [n for n, _ in todo]))
    for (nb, key), err in zip(todo, errors):
        if err: stamps.pop(nb.name, None)
        else: stamps[nb.name] = key
    stamp_file.write_text(json.dumps(stamps, indent=1))
    if any(errors): raise SystemExit('notebook execution failed:\n' + '\n'.join(e for e in errors if e))

_SHOWDOC_DIRS = re.compile(r'^#\|\s*(export|exports|exporti|exec_doc)\b', re.M)

def process():
    "nbdev's processors (show_doc, hide, front matter) over the executed notebooks -> `_proc/`."
    import nbformat
    from nbdev.serve import proc_nbs
    # nbdev re-runs every cell that contains an import to render show_doc; our outputs already exist, so only the
    # exported cells (what show_doc documents) run again: the others are marked `eval: false` in this copy
    pre = BUILD/'pre'
    if pre.exists(): shutil.rmtree(pre)
    pre.mkdir(parents=True)
    for nbp in EXEC.glob('*.ipynb'):
        nb = nbformat.read(nbp, as_version=4)
        for c in nb.cells:
            if c.cell_type == 'code' and not _SHOWDOC_DIRS.search(c.source): c.source = '#| eval: false\n' + c.source
        nbformat.write(nb, pre/nbp.name)
    os.chdir(ROOT); os.environ['PYTHONWARNINGS'] = 'ignore::UserWarning'
    return Path(proc_nbs(path=str(pre), n_workers=2, force=True))

_FM = re.compile(r'^---\s*\n(.*?)\n---\s*$', re.S)
_LINK = re.compile(r'https://tlerc\.github\.io/tlerc/([a-z_]+)\.html')

# show_doc's "[source](url){target=... style=...}" is Quarto's attribute syntax: plain Markdown shows it as text
_SOURCE_LINK = re.compile(r'\[source\]\(([^)\s]+)\)\{target="_blank" style="([^"]*)"\}')
def _source_link(m) -> str: return f'<a href="{m.group(1)}" target="_blank" style="{m.group(2)}">source</a>'

# fastprogress prints console bars when a notebook runs outside Jupyter: keep the epoch tables, drop the bars
_BAR = re.compile(r'^(.*\|[█-]{10,}\|.*|Epoch \d+/\d+ :\s*|\s*█\s*)$')
def _clean_stream(text:str) -> str: return '\n'.join(l for l in text.split('\n') if not _BAR.match(l.rstrip('\r')))

def convert(nb, title:str) -> tuple:
    "One nbdev-processed notebook -> (notebook for mkdocs-jupyter, page title)."
    import nbformat
    desc, cells = '', []
    for c in nb.cells:
        m = _FM.match(c.source.strip()) if c.cell_type in ('raw', 'markdown') else None
        if m and not cells and not desc:  # front matter -> the page title and its description
            meta = dict(l.split(':', 1) for l in m.group(1).splitlines() if ':' in l)
            title, desc = (meta.get(k, d).strip().strip('"\'') for k, d in (('title', title), ('description', '')))
            continue
        if c.cell_type == 'raw': continue  # nbdev's "autogenerated" warning and similar Quarto-only cells
        if c.cell_type == 'code':
            lines = c.source.splitlines()
            dirs = [l[3:].strip() for l in lines if l.startswith('#|')]
            c.source = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if any(re.match(r'echo\s*:\s*false', d) for d in dirs): c.metadata.setdefault('tags', []).append('hide-input')
            if any(re.match(r'output\s*:\s*false', d) for d in dirs): c.outputs = []
            if not c.source and not c.outputs: continue
        if c.cell_type == 'markdown':  # nbdev's absolute doc links, and the README's links into docs/, become relative
            c.source = _SOURCE_LINK.sub(_source_link, re.sub(r'\]\(docs/', '](', _LINK.sub(r'\1.html', c.source)))
        c_outputs = [o for o in c.get('outputs', []) if not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')]  # warnings, loading bars
        for o in c_outputs:
            if o.get('output_type') == 'stream': o['text'] = _clean_stream(''.join(o['text']))
            for k in ('text/markdown', 'text/html'):
                if k in o.get('data', {}): o['data'][k] = _SOURCE_LINK.sub(_source_link, _LINK.sub(r'\1.html', ''.join(o['data'][k])))
        if c.cell_type == 'code': c.outputs = [o for o in c_outputs if o.get('output_type') != 'stream' or o['text'].strip()]
        cells.append(c)
    nb.metadata.pop('widgets', None)  # nbdev's show_doc step records (empty) widget state
    nb.cells = [nbformat.v4.new_markdown_cell(f'# {title}' + (f'\n\n> {desc}' if desc else ''))] + cells
    return nb, title

def stable_ids(nb, name:str):
    "Cell ids from the page and the cell's place: nbdev's processors and our title cell make cells with random ids, so a rebuild would change every page."
    for i, c in enumerate(nb.cells): c.id = hashlib.sha1(f'{name}:{i}:{c.cell_type}'.encode()).hexdigest()[:8]
    return nb

def to_mkdocs(proc:Path) -> list:
    "Rewrite processed notebooks for mkdocs-jupyter into `_build/site`; returns [(page file, title)] in nav order."
    import nbformat
    if SRC.exists(): shutil.rmtree(SRC)
    SRC.mkdir(parents=True)
    pages = []
    for nbp in notebooks():
        nb, title = convert(nbformat.read(proc/nbp.name, as_version=4), page_name(nbp))
        name = page_name(nbp) + '.ipynb'
        stable_ids(nb, name)
        nbformat.write(nb, SRC/name); pages.append((name, title))
    return pages

_CAP = re.compile(r'<table id="T_([^"]+)"[^>]*>\s*<caption>(.*?)</caption>', re.S)
_FIG = re.compile(r'<a id="(figure-[^"]+)"></a>\s*\n#+\s*(.*)')

def tables_page(pages) -> str:
    "Markdown for the page that links every captioned table and figure, the paper's first."
    import nbformat
    found = []  # (caption, page, anchor)
    for name, title in pages:
        nb = nbformat.read(SRC/name, as_version=4)
        html_page = name.replace('.ipynb', '.html')
        for c in nb.cells:
            if c.cell_type == 'markdown':
                for a, t in _FIG.findall(c.source): found.append((t.strip(), html_page, a))
            for o in c.get('outputs', []):
                for anchor, cap in _CAP.findall(''.join(o.get('data', {}).get('text/html', ''))):
                    found.append((html.unescape(cap), html_page, 'T_' + anchor))
    lines = ['# Tables and figures', '',
             "Every table and figure of the paper that we reproduce, with our numbers beside the paper's "
             '(each caption states the profile, encoder and seeds of the runs behind it), then our other tables.', '',
             '## The paper', '']
    used = set()
    for item in PAPER_ITEMS:
        hits = [f for f in found if re.match(re.escape(item) + r'\b(?!\d)', f[0])]
        if hits:
            for cap, pg, a in hits: lines.append(f'- [{cap}]({pg}#{a})'); used.add((cap, pg, a))
        else: lines.append(f'- {item}: not reproduced yet — {NOT_YET.get(item, "no committed results")}')
    lines += ['', '## Ours, beyond the paper', '']
    lines += [f'- [{cap}]({pg}#{a})' for cap, pg, a in found if (cap, pg, a) not in used]
    return '\n'.join(lines) + '\n'

# nbconvert's page template loads the Jupyter-widgets renderer and mermaid from CDNs; we have neither widgets nor
# diagrams, so those scripts are removed: the site must not reach the network when viewed
_CDN_SCRIPT = re.compile(r'<script\b[^>]*>(?:(?!</script>).)*?(?:addWidgetsRenderer|cdnjs\.cloudflare\.com|unpkg\.com)(?:(?!</script>).)*?</script>', re.S)

_TOC_LINK = re.compile(r'(<a href="#)([^"]*)(" class="md-nav__link">\s*<span class="md-ellipsis">\s*)(.*?)(\s*</span>)', re.S)
_HEAD = re.compile(r'<h[1-6] id="([^"]+)">(.*?)<a class="anchor-link"', re.S)

def _fix_toc(t:str) -> str:
    "mkdocs-jupyter's page TOC drops inline code from headings (wrong text, dead anchors): point it at the real headings."
    norm = lambda x: re.sub(r'\s+', ' ', x).strip()
    heads = {norm(re.sub(r'<[^>]+>', '', re.sub(r'<code>.*?</code>', '', inner))): (hid, norm(re.sub(r'<[^>]+>', '', inner)))
             for hid, inner in _HEAD.findall(t)}
    ids = set(re.findall(r'\bid="([^"]+)"', t))
    def fix(m):
        if m.group(2) in ids or norm(m.group(4)) not in heads: return m.group(0)
        hid, text = heads[norm(m.group(4))]
        return m.group(1) + hid + m.group(3) + text + m.group(5)
    return _TOC_LINK.sub(fix, t)

def mkdocs_yml(pages) -> str:
    nav = [{'Home': 'index.ipynb'}, {'Tables and figures': 'tables.md'}] + [{t: n} for n, t in pages if n != 'index.ipynb']
    cfg = {
        'site_name': 'tlerc', 'site_description': 'Conversational transfer learning for emotion recognition (TL-ERC)',
        'docs_dir': str(SRC), 'site_dir': str(SITE), 'use_directory_urls': False, 'strict': False,
        'theme': {'name': 'material', 'font': False, 'features': ['navigation.top', 'navigation.footer', 'search.highlight', 'toc.follow']},
        'plugins': ['search', {'mkdocs-jupyter': {'include_source': False, 'execute': False, 'include_requirejs': False,
                                                  'ignore_h1_titles': True, 'remove_tag_config': {'remove_input_tags': ['hide-input']},
                                                  'custom_mathjax_url': 'assets/no-mathjax.js'}}],
        'markdown_extensions': [{'toc': {'permalink': True}}, 'tables', 'admonition'],
        'extra_css': ['styles.css'], 'nav': nav,
    }
    return json.dumps(cfg, indent=1, ensure_ascii=False)  # JSON is YAML

def build(force:bool=False, run:bool=True):
    if run: execute(force)
    pages = to_mkdocs(process())
    (SRC/'tables.md').write_text(tables_page(pages))
    shutil.copy(ROOT/'tools'/'docs_extra.css', SRC/'styles.css')
    (SRC/'assets').mkdir(exist_ok=True); (SRC/'assets'/'no-mathjax.js').write_text('// no maths on these pages\n')
    (BUILD/'mkdocs.yml').write_text(mkdocs_yml(pages))
    if SITE.exists(): shutil.rmtree(SITE)
    subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '-f', str(BUILD/'mkdocs.yml')], check=True, cwd=ROOT)
    ext = set()
    for f in SITE.rglob('*.html'):
        t = _fix_toc(_CDN_SCRIPT.sub('', f.read_text())); f.write_text(t)
        ext |= {u for tag in re.findall(r'<script\b.*?</script>|<link\b[^>]*>|<img\b[^>]*>|<iframe\b[^>]*>', t, re.S)
                for u in re.findall(r'https?://[^"\'\s)]+', tag) if 'www.w3.org' not in u}
    if ext: raise SystemExit(f'external assets in the built site (it must work offline): {sorted(ext)}')
    print(f'site: {SITE} ({len(pages)} notebook pages)')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--force', action='store_true', help='re-execute every notebook')
    ap.add_argument('--no-exec', action='store_true', help='reuse the executed notebooks in _build/exec as they are')
    ap.add_argument('--exec-one', nargs=2, metavar=('SRC', 'DST'), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.exec_one: _exec_one(*a.exec_one)
    else: build(a.force, not a.no_exec)
