"""The documentation site, opened in a real browser (Debian's headless Chromium driven by Playwright).

Every page loads with no console errors and no request leaving localhost (no CDN), the paper's tables are present by
caption, images render, internal links and anchors resolve, every reproduced table is two clicks from the home page,
and search finds things. Screenshots of the home page and a table page are written to `_build/artifacts/`.
The site must be built first (`make docs`); `make test` does both.
"""
import functools, http.server, shutil, sys, threading, urllib.parse, urllib.request
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE, ART = ROOT/'docs', ROOT/'_build'/'artifacts'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic']
PAGES = ['index.html', 'tables.html', 'core.html', 'corpus.html', 'sources.html', 'targets.html', 'data.html', 'hred_sizes.html', 'hred.html', 'pretrain.html', 'export.html', 'training.html',
         'transfer.html', 'config.html', 'erc.html', 'encoders.html', 'sentence.html', 'predict.html', 'runs.html', 'cluster.html', 'tune.html', 'stats.html', 'paper.html', 'profiles.html', 'result_tables.html',
         'figures.html', 'findings.html', 'reproduce.html', 'analysis.html', 'cli.html', 'ablations.html', 'challenges.html', 'erc_runs.html',
         'source_models.html']
CAPTIONS = {  # page -> captions (prefixes) that must be there
    'ablations.html': ['Table 1 ', 'Table 2 ', 'Table 4 ', 'Table 5 ', 'Table 6 ', 'Table 7 ', 'Table 8 ', 'Table 10 ', 'Figure 6 '],
    'erc.html': ['Table 3 '],
    'erc_runs.html': ['Table 4 at 100 %', 'IEMOCAP 100 % runs', 'IEMOCAP test confusion matrix', 'ERC training throughput'],
    'source_models.html': ['Our pre-trained source models', 'Context use of the committed sources', 'Beam-search responses'],
    'challenges.html': ['Table 9 ', 'Adaptation strategies ', 'Table 12 ', 'Table 11 '],
}
IMAGES = {'ablations.html': 2, 'erc_runs.html': 1, 'source_models.html': 1, 'challenges.html': 1}  # at least this many rendered images
PAPER_ITEMS = ['Table 1', 'Table 2', 'Table 3', 'Table 4', 'Table 5', 'Table 6', 'Table 7', 'Table 8', 'Table 9', 'Table 10', 'Table 11', 'Table 12', 'Figure 5', 'Figure 6']

class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a page closed while a file was still downloading is no site error
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)): super().handle_error(request, client_address)

@pytest.fixture(scope='module')
def server():
    if not (SITE/'index.html').exists(): pytest.fail(f'{SITE}/index.html not found: build the site with `make docs` first')
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    handler.log_message = lambda *a: None
    httpd = _Server(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}/'
    httpd.shutdown()

@pytest.fixture(scope='module')
def browser():
    if not CHROMIUM: pytest.fail('chromium not found: `make browser` installs Debian\'s chromium')
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:  # Playwright starts Chromium with a fresh, temporary --user-data-dir
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()

class Visit:
    "Open a page, recording console errors, page errors and any request that leaves the local server."
    def __init__(self, browser, base, page):
        self.errors, self.external = [], []
        self.page = browser.new_page(viewport={'width': 1280, 'height': 900})
        self.page.on('console', lambda m: m.type == 'error' and self.errors.append(m.text))
        self.page.on('pageerror', lambda e: self.errors.append(str(e)))
        self.page.on('request', lambda r: r.url.startswith(('data:', 'blob:', base)) or self.external.append(r.url))
        self.resp = self.page.goto(base + page, wait_until='networkidle')
    def close(self): self.page.close()

@pytest.mark.parametrize('page', PAGES)
def test_page_loads_clean(server, browser, page):
    v = Visit(browser, server, page)
    try:
        assert v.resp.status == 200, v.resp.status
        assert v.errors == [], f'{page}: console errors {v.errors}'
        assert v.external == [], f'{page}: requests leaving localhost {v.external}'
        caps = v.page.eval_on_selector_all('table caption', 'els => els.map(e => e.textContent.trim())')
        for want in CAPTIONS.get(page, []):
            assert any(c.startswith(want) for c in caps), f'{page}: no table captioned {want!r}; captions: {caps}'
        imgs = v.page.eval_on_selector_all('article img', 'els => els.map(e => [e.complete, e.naturalWidth])')
        assert len(imgs) >= IMAGES.get(page, 0), f'{page}: {len(imgs)} images'
        assert all(ok and w > 0 for ok, w in imgs), f'{page}: broken images {imgs}'
        assert v.page.title().strip() and v.page.locator('article h1').count() >= 1, f'{page}: no title'
        if page == 'index.html': ART.mkdir(parents=True, exist_ok=True); v.page.screenshot(path=str(ART/'home.png'))
        if page == 'ablations.html':
            v.page.locator('table caption', has_text='Table 4 ').first.scroll_into_view_if_needed()
            v.page.screenshot(path=str(ART/'table4.png'))
    finally: v.close()

def test_source_hidden_where_asked(server, browser):
    "`#| hide` cells and directives do not show; `#| export` code does (as on nbdev's sites)."
    v = Visit(browser, server, 'result_tables.html')
    try:
        text = v.page.inner_text('article')
        assert 'nbdev_export()' not in text and '#| export' not in text and '#| hide' not in text
        assert 'def results_table' in text
    finally: v.close()

def test_internal_links_resolve(server, browser):
    links, ids = {}, {}
    for page in PAGES:
        v = Visit(browser, server, page)
        try:
            ids[page] = set(v.page.eval_on_selector_all('[id]', 'els => els.map(e => e.id)'))
            for href in v.page.eval_on_selector_all('a[href]', 'els => els.map(e => e.href)'):
                if href.startswith(server): links.setdefault(href, page)
        finally: v.close()
    bad = []
    for href, src in links.items():
        u = urllib.parse.urlsplit(href); target = u.path.lstrip('/') or 'index.html'
        try: status = urllib.request.urlopen(urllib.parse.urlunsplit(u._replace(fragment=''))).status
        except Exception as e: status = str(e)
        if status != 200: bad.append((src, href, status)); continue
        frag = urllib.parse.unquote(u.fragment)
        if frag and target in ids and frag not in ids[target]: bad.append((src, href, 'missing anchor'))
    assert len(links) > 20 and not bad, bad

_NEXT_HEADING_AND_IMAGE = '''e => {
  const after = sel => [...document.querySelectorAll(sel)].find(x => e.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
  const h = after('h1, h2, h3, h4'), img = after('article img');
  return [h ? h.textContent.trim() : '', !!(img && img.complete && img.naturalWidth > 0)]; }'''

def test_every_table_two_clicks_from_home(server, browser):
    "Home -> 'Tables and figures' -> the table itself."
    v = Visit(browser, server, 'index.html')
    try:
        v.page.get_by_role('link', name='Tables and figures').first.click(); v.page.wait_for_load_state()
        assert v.page.url.endswith('tables.html')
        items = v.page.eval_on_selector_all('article li a', 'els => els.map(e => [e.textContent.trim(), e.href])')
        for want in PAPER_ITEMS:
            hits = [h for t, h in items if t == want or t.startswith((want + ' ', want + ':'))]
            assert hits, f'no link for {want} on the tables page'
            for h in hits:
                v.page.goto(h); frag = urllib.parse.unquote(urllib.parse.urlsplit(h).fragment)
                el = v.page.locator(f'[id="{frag}"]')
                assert el.count() == 1, (want, h)
                if el.first.evaluate('e => e.tagName') == 'TABLE': assert el.first.locator('caption').inner_text().startswith(want), (want, h)
                else:  # a figure: the anchor is followed by its heading, then by the rendered image
                    nxt = el.first.evaluate(_NEXT_HEADING_AND_IMAGE)
                    assert nxt[0].startswith(want) and nxt[1], (want, h, nxt)
    finally: v.close()

def test_search_finds_a_function(server, browser):
    v = Visit(browser, server, 'index.html')
    try:
        box = v.page.locator('input.md-search__input')
        box.click(); box.press_sequentially('perplexity', delay=30)
        v.page.wait_for_selector('.md-search-result__item', timeout=15000)
        assert v.page.locator('.md-search-result__item').count() > 0
        assert v.errors == [], v.errors
    finally: v.close()


def test_no_leaks_stderr_or_console_bars():
    "No page shows Quarto's link attributes as text, a stderr box (warnings, loading bars) or fastprogress's console bars."
    import re
    bad = {}
    for page in PAGES:
        t = (SITE/page).read_text()
        found = [k for k, hit in (('quarto link attributes', '{target="_blank"' in t), ('stderr output', re.search(r'<[^>]*data-mime-type="application/vnd.jupyter.stderr"', t) is not None),
                                  ('console progress bar', re.search(r'\|[█-]{20,}\|', t) is not None)) if hit]
        if found: bad[page] = found
    assert not bad, bad


def test_numbers_read_as_one_decimal():
    "No table shows a score of 10 or more with two or more decimals, or a whole number padded with zeros ('15.00'); numbers quoted from other papers keep their printed digits."
    import re
    bad = {}
    for page in PAGES:
        for m in re.finditer(r'<table id="T_([^"]+)".*?</table>', (SITE/page).read_text(), re.S):
            if m.group(1).startswith('table-10-'): continue  # Table 10 quotes other systems' published numbers as they were printed
            cells = [c.strip() for c in re.findall(r'<td[^>]*>([^<]*)</td>', m.group(0))]
            if b := [c for c in cells if re.fullmatch(r'-?[1-9]\d+\.\d{2,}|-?[2-9]\.0{2,}', c)]: bad[f'{page} {m.group(1)[:40]}'] = b[:3]
    assert not bad, bad


_WIDE = '''() => [...document.querySelectorAll('article table')].filter(t => t.scrollWidth > t.closest('article').clientWidth).map(t => {
  let box = t.parentElement; while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  const th = t.querySelector('tbody tr > th:first-child');
  return [t.caption ? t.caption.textContent.trim().slice(0, 60) : '', !!box, !th || getComputedStyle(th).position === 'sticky']; })'''

def test_wide_tables_scroll_with_their_row_labels(server, browser):
    "A table wider than the page column sits in a box that scrolls sideways (the page itself does not), its row labels sticky."
    bad = {}
    for page in ('ablations.html', 'challenges.html', 'erc_runs.html'):
        v = Visit(browser, server, page)
        try:
            wide = v.page.evaluate(_WIDE)
            if b := [w for w in wide if not (w[1] and w[2])]: bad[page] = b
            assert v.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), f'{page}: the page scrolls sideways'
        finally: v.close()
    assert not bad, bad
