# The two commands a newcomer needs: `make lab` and `make test`.
# Both create .venv when it is missing and install the kit into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

# The classroom hub: JupyterHub from PyPI (the `hub` extra) and configurable-http-proxy
# from the npm registry, pinned (= workshop.tooling.hub.PROXY_VERSION), in .hub/proxy/.
HUB_PROXY := .hub/proxy/node_modules/.bin/configurable-http-proxy
HUB_PROXY_IF_NPM := $(if $(shell command -v npm 2>/dev/null),$(HUB_PROXY))

.PHONY: lab test app hub notebooks slides student lint format bench browser-under-load clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The kit's package.json says "type": "module" (its browser code is ES modules), and
# .venv sits inside the kit: without this file Node would read JupyterLab's bundled
# yarn.js as an ES module too, and `make lab` would print a page of its source and
# "Fail to get yarn configuration" before starting.
$(VENV)/package.json: | $(PY)
	echo '{"type": "commonjs"}' > $@

$(VENV)/.installed: pyproject.toml | $(PY) $(VENV)/package.json
	@echo "Installing the kit into $(VENV) (about 1-2 minutes the first time; needs the internet)..."
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY) $(VENV)/package.json
	@echo "Installing the kit and its test tools into $(VENV) (a few minutes the first time; needs the internet)..."
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

lab: $(VENV)/.installed  ## open JupyterLab on the learning path (127.0.0.1, token kept)
	$(BIN)/workshop lab

app: $(VENV)/.installed  ## the notebooks as an app with the code hidden (Voila, 127.0.0.1)
	$(BIN)/workshop app

test: $(VENV)/.installed-test | $(HUB_PROXY_IF_NPM)  ## every test: unit, property, widget, notebooks (nbval), browser
	$(BIN)/pytest --nbval --nbval-sanitize-with tests/sanitize.cfg tests notebooks

$(HUB_PROXY):
	npm install --no-audit --no-fund --prefix .hub/proxy configurable-http-proxy@5.3.0

$(VENV)/.installed-hub: pyproject.toml | $(PY)
	@echo "Installing the kit and JupyterHub into $(VENV) (a few minutes the first time; needs the internet)..."
	$(PY) -m pip install --quiet -e ".[hub]"
	touch $@ $(VENV)/.installed

hub: $(VENV)/.installed-hub $(HUB_PROXY)  ## a class on this machine: JupyterHub, name + class password
	$(BIN)/workshop hub $(HUB_ARGS)

notebooks: $(VENV)/.installed-test  ## re-execute every notebook in place, storing outputs
	$(PY) -m workshop.cli execute notebooks

student: $(VENV)/.installed  ## student copies of the notebooks in student/: solution cells removed
	$(BIN)/workshop student notebooks student/

slides: $(VENV)/.installed  ## offline reveal.js decks + facilitator guide in slides/_build/
	$(BIN)/workshop slides

# ESLint (pinned in package.json / package-lock.json) for the widgets' ES modules.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: $(VENV)/.installed-test node_modules/.installed  ## ruff on Python, ESLint on workshop/**/*.js
	$(BIN)/ruff check workshop tests benchmarks notebooks
	$(BIN)/ruff format --check workshop tests benchmarks notebooks
	npx --no-install eslint workshop

format: $(VENV)/.installed-test
	$(BIN)/ruff format workshop tests benchmarks notebooks
	$(BIN)/ruff check --fix workshop tests benchmarks notebooks

browser-under-load: $(VENV)/.installed-test  ## browser tests N times (N=10) beside two busy CPUs, fresh HOME
	tests/browser_under_load.sh $(or $(N),10)

bench: $(VENV)/.installed-test
	$(PY) benchmarks/model_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
