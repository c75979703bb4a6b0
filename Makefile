# Venezuela Ultimatum Explainers
#   make        set up .venv (if missing or stale), validate the data, build the site (English, then Spanish)
#   make test   the same set-up, then every test (unit, data, nbval, notebooks, site, browser)
#   make lab    open JupyterLab on notebooks/

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: all site test lab lock refresh student handouts lint clean benchmark benchmark-lock

all: site

# The virtual environment is stale when the lock or the package metadata changes: it is then
# made again from nothing, so that it holds exactly the lock (pip never removes a dropped pin).
$(STAMP): requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" >/dev/null
	@touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --silent
	@touch $@

site: $(STAMP)
	$(PY) -m explainer validate
	$(PY) -m explainer build --lang all

test: $(STAMP) node_modules/axe-core/axe.min.js
	$(PY) -m explainer validate
	$(PY) -m ruff check explainer tests notebooks benchmarks site/conf.py
	$(PY) -m pytest -n 2 --dist loadgroup --durations=10 tests notebooks/ \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p tests.nbval_kernels

# Containers and CI run as root: JupyterLab refuses root unless told it is meant.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/

refresh: $(STAMP)
	$(PY) -m explainer refresh

student: $(STAMP)
	$(PY) -m explainer student

handouts: site
	$(PY) -m explainer handouts

lint: $(STAMP)
	$(PY) -m ruff check explainer tests notebooks benchmarks site/conf.py

# The peer for the benchmark: Jupyter Book 1 in its own pinned environment beside .venv.
JB     := .venv-jb
$(JB)/.installed: benchmarks/jupyter-book.txt pyproject.toml
	rm -rf $(JB)
	$(PYTHON) -m venv $(JB)
	$(JB)/bin/python -m pip install --quiet --upgrade pip
	$(JB)/bin/python -m pip install --quiet -r benchmarks/jupyter-book.txt
	$(JB)/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

benchmark: $(STAMP) $(JB)/.installed
	$(PY) benchmarks/build.py --peer $(JB)

benchmark-lock:
	$(PYTHON) -m venv /tmp/explainer-lock && /tmp/explainer-lock/bin/pip install --quiet pip-tools
	/tmp/explainer-lock/bin/pip-compile --quiet --strip-extras --no-emit-find-links \
	  --no-emit-index-url --output-file benchmarks/jupyter-book.txt benchmarks/jupyter-book.in

# Regenerate the pinned lock from requirements.in (needs the registry).
lock:
	$(PYTHON) -m venv /tmp/explainer-lock && /tmp/explainer-lock/bin/pip install --quiet pip-tools
	/tmp/explainer-lock/bin/pip-compile --quiet --strip-extras --no-emit-find-links \
	  --no-emit-index-url --output-file requirements.txt requirements.in
	/tmp/explainer-lock/bin/pip-compile --quiet --strip-extras --no-emit-find-links \
	  --no-emit-index-url --output-file requirements-runtime.txt requirements-runtime.in

clean:
	rm -rf build
