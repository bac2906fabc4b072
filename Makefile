# Two commands a newcomer needs: `make run` and `make test`. Everything else is on top.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
PORT ?= 8501
# statsmodels fits small matrices: one BLAS thread each beats two threads fighting over two cores.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: run test test-fast bench bench-scale loadtest system-deps sample clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUNTIME): requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV): requirements.txt requirements-dev.txt $(RUNTIME)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## Open the app on the bundled sample portfolio.
# Memory that comes back after a session (tests/browser/test_memory.py measures it; keep its
# SERVER_ENV in step): Arrow allocates through malloc instead of its mimalloc pool, which kept
# freed buffers; glibc keeps two arenas and gives blocks of 128 KB and more back on free instead
# of holding them in the arenas (without these a closed session left ~25 % of the server behind).
run: export ARROW_DEFAULT_MEMORY_POOL ?= system
run: export MALLOC_ARENA_MAX ?= 2
run: export MALLOC_MMAP_THRESHOLD_ ?= 131072
run: export MALLOC_TRIM_THRESHOLD_ ?= 131072
run: $(RUNTIME)
	$(PY) -m streamlit run app.py --server.port $(PORT)

## Browser tests need Debian's chromium, and screenshots/exported charts need a CJK font.
system-deps:
	@bash .ci/system-deps.sh

## The whole suite: unit, property, app, browser, real-data. The 25 slowest tests are listed at
## the end (the suite's budget is ~10 minutes on two cores: this is where to look when it grows).
test: $(DEV) system-deps
	$(PY) -m pytest -n 2 --dist loadgroup -q --durations=25

## Everything except the browser tests (quick local loop).
test-fast: $(DEV)
	$(PY) -m pytest -n 2 --dist loadgroup -q -m "not browser"

## Figures, not tests: ingest, cubes, forecasts, what-if on a 2.4M-row panel; the data core on 24M rows.
bench: $(DEV)
	$(PY) -m bench

## The data core on 120M rows (5M accounts x 24 months, ~3 GB of Parquet in DW_BENCH_CACHE): not in CI.
bench-scale: $(DEV)
	$(PY) -m bench core --scale

## SESSIONS concurrent browser sessions (default 10) through the upload and the main pages: step
## times against one session alone, errors, server memory before, during and after. Takes many
## minutes and the whole machine: not part of `make test` nor `make bench`.
SESSIONS ?= 10
loadtest: $(DEV) system-deps
	$(PY) -m bench loadtest --sessions $(SESSIONS)

sample: $(RUNTIME)
	$(PY) -m data.sample.make_sample

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
